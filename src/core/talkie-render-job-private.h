/* talkie-render-job-private.h: the job's insides, shared by its two files, and
 * the polling arithmetic, for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "talkie-audio-source.h"
#include "talkie-client.h"
#include "talkie-project.h"
#include "talkie-render-job.h"

G_BEGIN_DECLS

/* Shared by talkie-render-job.c (the object, its state and its API),
 * talkie-render-job-run.c (probing, uploading, submitting, polling) and
 * talkie-render-job-json.c (the job as saved in the history). */

#define DEFAULT_MIN_POLL_MS        3000
#define DEFAULT_MAX_POLL_MS        30000
/* A render still running after this long is left to the server: polling stops
 * ("stalled") until the job is started again (the next start of the app). */
#define DEFAULT_MAX_POLLING_SECONDS (3 * 60 * 60)
#define POLL_BACKOFF               1.5
#define POLL_JITTER                0.2
/* Transient failures in a row while polling before the job gives up. */
#define MAX_TRANSIENT_FAILURES     10
/* Tries of an upload that failed for a passing reason (a 500, a dropped
 * connection); each makes a new asset, so trying again is harmless. */
#define MAX_UPLOAD_ATTEMPTS        3

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_BYTES_SENT,
  PROP_BYTES_TOTAL,
  PROP_PROJECT_ID,
  PROP_PROJECT,
  PROP_ERROR_MESSAGE,
  PROP_VIDEO_URL,
  PROP_AVATAR_ID,
  PROP_AVATAR_NAME,
  PROP_AVATAR_COVER_URL,
  PROP_AVATAR_SOURCE,
  PROP_VOICE_ID,
  PROP_VOICE_NAME,
  PROP_AUDIO_NAME,
  PROP_AUDIO_URI,
  PROP_AUDIO_DURATION,
  PROP_ASPECT_RATIO,
  PROP_SCREEN_STYLE,
  PROP_SUBTITLES,
  PROP_CREATED_AT,
  PROP_MIN_POLL_INTERVAL,
  PROP_MAX_POLL_INTERVAL,
  PROP_STALLED,
  N_PROPS
};

struct _TalkieRenderJob
{
  GObject              parent_instance;

  TalkieClient        *client;
  TalkieAudioSource   *audio;          /* NULL for a job rebuilt from JSON */

  /* While running: the context it runs on, and what cancels it. */
  GMainContext        *context;
  GCancellable        *cancellable;
  GSource             *poll_source;
  guint                poll_ms;
  guint                transient_failures;
  gint64               polling_since;       /* monotonic, µs */
  guint                max_polling_seconds;
  gboolean             stalled;
  guint                upload_attempts;

  TalkieJobState       state;
  double               progress;
  gint64               bytes_sent;
  gint64               bytes_total;

  char                *project_id;
  TalkieProject       *project;
  TalkieProjectStatus  last_status;
  char                *status_desc;
  char                *video_url;
  char                *error_message;
  GError              *error;

  gint64               avatar_id;
  char                *avatar_name;
  char                *avatar_cover_url;
  TalkieSource         avatar_source;
  char                *voice_id;
  char                *voice_name;
  char                *audio_name;
  char                *audio_uri;
  char                *audio_url;      /* the hosted URL sent in the render */
  double               audio_duration;
  TalkieRenderOptions  options;
  gint64               created_at;

  guint                min_poll_ms;
  guint                max_poll_ms;
};


/* talkie-render-job.c: state changes, each notified. */
void      _talkie_render_job_notify            (TalkieRenderJob *self,
                                                guint            prop_id);
gboolean  _talkie_render_job_set_string        (char           **field,
                                                const char      *value);
void      _talkie_render_job_set_progress      (TalkieRenderJob *self,
                                                double           progress);
void      _talkie_render_job_set_bytes         (TalkieRenderJob *self,
                                                gint64           sent,
                                                gint64           total);
void      _talkie_render_job_set_state         (TalkieRenderJob *self,
                                                TalkieJobState   state);
/* FAILED, with @error (taken) behind it. */
void      _talkie_render_job_fail_with_error   (TalkieRenderJob *self,
                                                GError          *error);
void      _talkie_render_job_fail_with_message (TalkieRenderJob *self,
                                                const char      *message);
/* Whether a call's answer is still wanted. */
gboolean  _talkie_render_job_is_stale          (TalkieRenderJob *self,
                                                const GError    *error);

/* The wait after a poll that was not final: ×1.5, kept within [@min_ms, @max_ms]. */
guint _talkie_render_job_next_poll_interval (guint  current_ms,
                                             guint  min_ms,
                                             guint  max_ms);
/* @interval_ms moved by @random (in [-1, 1]) times 20 %. */
guint _talkie_render_job_jitter             (guint  interval_ms,
                                             double random);

G_END_DECLS
