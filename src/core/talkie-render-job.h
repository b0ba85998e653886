/* talkie-render-job.h: from (avatar, voice, audio, options) to a finished video.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "talkie-audio-source.h"
#include "talkie-avatar.h"
#include "talkie-client.h"
#include "talkie-project.h"
#include "talkie-voice.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_RENDER_JOB (talkie_render_job_get_type ())

G_DECLARE_FINAL_TYPE (TalkieRenderJob, talkie_render_job, TALKIE, RENDER_JOB, GObject)

typedef struct
{
  TalkieAspectRatio aspect_ratio;
  TalkieScreenStyle screen_style;
  gboolean          subtitles;
} TalkieRenderOptions;

/* Properties (all notify on the main context):
 *   "state"            TalkieJobState
 *   "progress"         double 0..1 within the current state (upload bytes; -1 = indeterminate)
 *   "bytes-sent" / "bytes-total"   gint64, during upload
 *   "project-id"       NULL until the render was accepted
 *   "project"          TalkieProject, the last status seen (NULL before the first poll)
 *   "error-message"    a user-readable reason when FAILED
 *   "avatar-id", "avatar-name", "avatar-cover-url", "avatar-source",
 *   "voice-id", "voice-name", "audio-name", "audio-uri", "audio-duration",
 *   "aspect-ratio", "screen-style", "subtitles", "created-at" (gint64 unix)
 *   "min-poll-interval" / "max-poll-interval"   guint milliseconds (default 3000 / 30000)
 * Signals:
 *   "finished"  when the state becomes SUCCEEDED, FAILED or CANCELLED.
 */
TalkieRenderJob     *talkie_render_job_new            (TalkieClient              *client,
                                                       TalkieAvatar              *avatar,
                                                       TalkieVoice               *voice,
                                                       TalkieAudioSource         *audio,
                                                       const TalkieRenderOptions *options);
/* Recreate a job saved by talkie_render_job_to_json(); NULL with an error if the
 * object is not a job. It does not start by itself: call talkie_render_job_start(). */
TalkieRenderJob     *talkie_render_job_new_from_json  (TalkieClient              *client,
                                                       JsonObject                *object,
                                                       GError                   **error);
JsonObject          *talkie_render_job_to_json        (TalkieRenderJob           *self);

/* Starts the job or, for one that already has a project id and is not final,
 * resumes polling. Does nothing on a final job. */
void                 talkie_render_job_start          (TalkieRenderJob           *self);
void                 talkie_render_job_cancel         (TalkieRenderJob           *self);

TalkieJobState       talkie_render_job_get_state      (TalkieRenderJob           *self);
double               talkie_render_job_get_progress   (TalkieRenderJob           *self);
const char          *talkie_render_job_get_project_id (TalkieRenderJob           *self);
TalkieProject       *talkie_render_job_get_project    (TalkieRenderJob           *self);
const char          *talkie_render_job_get_error_message (TalkieRenderJob        *self);
/* The GError behind a FAILED state, when there was one (NULL for a render that ended in 5). */
const GError        *talkie_render_job_get_error      (TalkieRenderJob           *self);
const char          *talkie_render_job_get_video_url  (TalkieRenderJob           *self);
const char          *talkie_render_job_get_avatar_name (TalkieRenderJob          *self);
const char          *talkie_render_job_get_avatar_cover_url (TalkieRenderJob     *self);
const char          *talkie_render_job_get_voice_name (TalkieRenderJob           *self);
const char          *talkie_render_job_get_audio_name (TalkieRenderJob           *self);
gint64               talkie_render_job_get_created_at (TalkieRenderJob           *self);
/* TRUE when the render outlasted the polling bound (3 hours by default): still
 * running on the server, no longer followed until the job is started again. */
gboolean             talkie_render_job_get_stalled       (TalkieRenderJob        *self);
void                 talkie_render_job_set_max_polling_time (TalkieRenderJob     *self,
                                                          guint                   seconds);
void                 talkie_render_job_set_poll_interval (TalkieRenderJob        *self,
                                                          guint                   min_ms,
                                                          guint                   max_ms);

G_END_DECLS
