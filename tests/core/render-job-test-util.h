/* render-job-test-util.h: what the render-job test programs share — a
 * fixture with an in-process sandbox, an avatar, a voice and a recording, and
 * a record of every state a job goes through.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-audio-source.h"
#include "talkie-avatar.h"
#include "talkie-client.h"
#include "talkie-render-job.h"
#include "talkie-sandbox.h"
#include "talkie-voice.h"

G_BEGIN_DECLS

#define STEP_MS      100
#define MIN_POLL_MS  50
#define MAX_POLL_MS  200

/* 129 buffers of 1024 samples at 44.1 kHz: 2.995 s. */
#define AUDIO_SECONDS (129.0 * 1024.0 / 44100.0)

typedef struct
{
  char              *dir;
  char              *voice_path;
  TalkieSandbox     *sandbox;
  TalkieClient      *client;
  TalkieAvatar      *avatar;
  TalkieVoice       *voice;
} RenderJobFixture;

/* Every state the job goes through, in order, and how often it finished. */
typedef struct
{
  GArray *states;
  guint   finished;
  double  max_progress;
  gint64  last_bytes_sent;
} RenderJobRecord;

void               render_job_fixture_set_up    (RenderJobFixture     *fixture,
                                                 gconstpointer         user_data);
void               render_job_fixture_tear_down (RenderJobFixture     *fixture,
                                                 gconstpointer         user_data);
TalkieAudioSource *render_job_local_voice       (RenderJobFixture     *fixture);
TalkieRenderJob   *render_job_new               (RenderJobFixture     *fixture,
                                                 TalkieAudioSource    *audio);
void               render_job_record_init       (RenderJobRecord      *record,
                                                 TalkieRenderJob      *job);
void               render_job_record_clear      (RenderJobRecord      *record,
                                                 TalkieRenderJob      *job);
void               render_job_wait_until_final  (TalkieRenderJob      *job);
void               render_job_assert_states     (RenderJobRecord      *record,
                                                 const TalkieJobState *expected,
                                                 guint                 n_expected);

#define RENDER_JOB_ADD(path, func) \
  g_test_add ("/core/render-job/" path, RenderJobFixture, NULL, \
              render_job_fixture_set_up, func, render_job_fixture_tear_down)

G_END_DECLS
