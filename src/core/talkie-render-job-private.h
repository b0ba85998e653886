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

/* Shared by talkie-render-job.c (the job) and talkie-render-job-json.c (the
 * job as saved in the history). */
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


/* The wait after a poll that was not final: ×1.5, kept within [@min_ms, @max_ms]. */
guint _talkie_render_job_next_poll_interval (guint  current_ms,
                                             guint  min_ms,
                                             guint  max_ms);
/* @interval_ms moved by @random (in [-1, 1]) times 20 %. */
guint _talkie_render_job_jitter             (guint  interval_ms,
                                             double random);

G_END_DECLS
