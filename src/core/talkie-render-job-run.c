/* talkie-render-job-run.c: what a render job does once started — measure
 * the recording, upload it, ask for the render, poll until it ends — each step
 * a call that holds the job weakly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>
#include <math.h>

#include "talkie-enums.h"
#include "talkie-error.h"
#include "talkie-render-job-private.h"
#include "talkie-render-request.h"

static void talkie_render_job_poll (TalkieRenderJob *self);
static void upload                 (TalkieRenderJob *self);

/* --- calls in flight hold the job weakly ---------------------------------- */

/* A job that is dropped mid-call is disposed (which cancels the call); the
 * callback then finds nobody to report to. */
static GWeakRef *
job_weak_new (TalkieRenderJob *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);

  return ref;
}

static void
job_weak_free (gpointer data)
{
  GWeakRef *ref = data;

  g_weak_ref_clear (ref);
  g_free (ref);
}

/* Frees @ref; returns a strong reference, or NULL when the job is gone. */
static TalkieRenderJob *
job_weak_steal (GWeakRef *ref)
{
  TalkieRenderJob *self = g_weak_ref_get (ref);

  job_weak_free (ref);

  return self;
}

/* --- polling ---------------------------------------------------------------- */

static gboolean
poll_timeout_cb (gpointer user_data)
{
  TalkieRenderJob *self = user_data;

  g_clear_pointer (&self->poll_source, g_source_unref);
  talkie_render_job_poll (self);

  return G_SOURCE_REMOVE;
}

static gboolean
upload_retry_cb (gpointer user_data)
{
  TalkieRenderJob *self = user_data;

  g_clear_pointer (&self->poll_source, g_source_unref);
  upload (self);

  return G_SOURCE_REMOVE;
}

/* One timer at a time: the next poll, or the next try of the upload. */
static void
schedule (TalkieRenderJob *self,
          guint            delay_ms,
          GSourceFunc      func,
          const char      *name)
{
  g_assert (self->poll_source == NULL);
  g_assert (self->context != NULL);

  self->poll_source = g_timeout_source_new (delay_ms);
  g_source_set_name (self->poll_source, name);
  /* The job destroys the source before it goes away. */
  g_source_set_callback (self->poll_source, func, self, NULL);
  g_source_attach (self->poll_source, self->context);
}

static void
schedule_poll (TalkieRenderJob *self,
               guint            delay_ms)
{
  schedule (self, delay_ms, poll_timeout_cb, "[talkie] render job poll");
}

guint
_talkie_render_job_next_poll_interval (guint current_ms,
                                       guint min_ms,
                                       guint max_ms)
{
  double next = MIN ((double) current_ms * POLL_BACKOFF, (double) max_ms);

  return CLAMP ((guint) next, min_ms, max_ms);
}

guint
_talkie_render_job_jitter (guint  interval_ms,
                           double random)
{
  random = CLAMP (random, -1.0, 1.0);

  return (guint) round ((double) interval_ms * (1.0 + POLL_JITTER * random));
}

/* The current interval, ±20 %, so that many clients do not poll in step. */
static guint
jittered (guint interval_ms)
{
  return _talkie_render_job_jitter (interval_ms, g_random_double_range (-1.0, 1.0));
}

static void
set_stalled (TalkieRenderJob *self,
             gboolean         stalled)
{
  if (self->stalled == stalled)
    return;

  self->stalled = stalled;
  _talkie_render_job_notify (self, PROP_STALLED);
}

static void
back_off (TalkieRenderJob *self)
{
  self->poll_ms = _talkie_render_job_next_poll_interval (self->poll_ms, self->min_poll_ms, self->max_poll_ms);
  schedule_poll (self, jittered (self->poll_ms));
}

static void
set_project (TalkieRenderJob *self,
             TalkieProject   *project)
{
  const char *video_url = talkie_project_get_video_url (project);

  g_object_freeze_notify (G_OBJECT (self));

  if (g_set_object (&self->project, project))
    _talkie_render_job_notify (self, PROP_PROJECT);

  self->last_status = talkie_project_get_status (project);
  _talkie_render_job_set_string (&self->status_desc, talkie_project_get_status_desc (project));

  if (video_url != NULL && video_url[0] != '\0' &&
      _talkie_render_job_set_string (&self->video_url, video_url))
    _talkie_render_job_notify (self, PROP_VIDEO_URL);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
project_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TalkieRenderJob) self = job_weak_steal (user_data);
  g_autoptr(TalkieProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *desc;

  project = talkie_client_get_project_finish (TALKIE_CLIENT (object), result, &error);

  if (_talkie_render_job_is_stale (self, error))
    return;

  if (project == NULL)
    {
      if (talkie_error_is_transient (error) &&
          ++self->transient_failures < MAX_TRANSIENT_FAILURES)
        {
          g_debug ("Polling %s failed (%u in a row), retrying: %s",
                   self->project_id, self->transient_failures, error->message);
          back_off (self);
          return;
        }

      _talkie_render_job_fail_with_error (self, g_steal_pointer (&error));
      return;
    }

  self->transient_failures = 0;
  set_project (self, project);

  switch ((int) talkie_project_get_status (project))
    {
    case TALKIE_PROJECT_STATUS_SUCCESS:
      _talkie_render_job_set_state (self, TALKIE_JOB_STATE_SUCCEEDED);
      break;

    case TALKIE_PROJECT_STATUS_FAILED:
      {
        g_autofree char *message = NULL;

        desc = talkie_project_get_status_desc (project);
        if (desc != NULL && desc[0] != '\0')
          message = g_strdup_printf (_("The render failed on the server (%s). Start it again, or try another avatar or recording."),
                                     desc);
        else
          message = g_strdup (_("The render failed on the server. Start it again, or try another avatar or recording."));
        _talkie_render_job_fail_with_message (self, message);
      }
      break;

    case TALKIE_PROJECT_STATUS_DELETED:
      _talkie_render_job_fail_with_message (self, _("The render was deleted on the server. Start it again to make a new one."));
      break;

    case TALKIE_PROJECT_STATUS_START:
    case TALKIE_PROJECT_STATUS_WAITING:
    case TALKIE_PROJECT_STATUS_PROCESSING:
      if (g_get_monotonic_time () - self->polling_since > (gint64) self->max_polling_seconds * G_USEC_PER_SEC)
        {
          g_debug ("Render %s still running after %u s: no longer polled", self->project_id,
                   self->max_polling_seconds);
          set_stalled (self, TRUE);
          break;
        }
      back_off (self);
      break;

    case TALKIE_PROJECT_STATUS_UNKNOWN:
    default:
      _talkie_render_job_fail_with_message (self, _("The server reported a render status Talkie does not know. Start the render again, or check it later on JoggAI."));
      break;
    }
}

static void
talkie_render_job_poll (TalkieRenderJob *self)
{
  g_assert (self->project_id != NULL);
  g_assert (self->cancellable != NULL);

  talkie_client_get_project_async (self->client, self->project_id, self->cancellable,
                                   project_cb, job_weak_new (self));
}

static void
start_polling (TalkieRenderJob *self,
               guint            first_delay_ms)
{
  _talkie_render_job_set_state (self, TALKIE_JOB_STATE_RENDERING);
  if (_talkie_render_job_is_stale (self, NULL))
    return;

  self->transient_failures = 0;
  self->poll_ms = self->min_poll_ms;
  self->polling_since = g_get_monotonic_time ();
  set_stalled (self, FALSE);
  schedule_poll (self, first_delay_ms);
}

/* --- submitting ------------------------------------------------------------- */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TalkieRenderJob) self = job_weak_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;

  project_id = talkie_client_create_render_finish (TALKIE_CLIENT (object), result, &error);

  if (_talkie_render_job_is_stale (self, error))
    return;

  if (project_id == NULL)
    {
      _talkie_render_job_fail_with_error (self, g_steal_pointer (&error));
      return;
    }

  self->project_id = g_steal_pointer (&project_id);
  _talkie_render_job_notify (self, PROP_PROJECT_ID);

  start_polling (self, jittered (self->min_poll_ms));
}

static void
submit (TalkieRenderJob *self)
{
  g_autoptr(TalkieRenderRequest) request = talkie_render_request_new ();

  g_assert (self->audio_url != NULL);

  _talkie_render_job_set_state (self, TALKIE_JOB_STATE_SUBMITTING);
  if (_talkie_render_job_is_stale (self, NULL))
    return;

  request->aspect_ratio = self->options.aspect_ratio;
  request->audio_url = g_strdup (self->audio_url);
  request->audio_duration = self->audio_duration;
  request->person_id = self->avatar_id;
  request->person_source = self->avatar_source;
  request->screen_style = self->options.screen_style;
  request->tts_voice_id = g_strdup (self->voice_id);
  request->subtitles = self->options.subtitles;

  talkie_client_create_render_async (self->client, request, self->cancellable,
                                     created_cb, job_weak_new (self));
}

/* --- uploading -------------------------------------------------------------- */

static void
upload_progress_cb (goffset  done,
                    goffset  total,
                    gpointer user_data)
{
  g_autoptr(TalkieRenderJob) self = g_weak_ref_get (user_data);

  if (self == NULL || self->state != TALKIE_JOB_STATE_UPLOADING)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  _talkie_render_job_set_bytes (self, done, total);
  _talkie_render_job_set_progress (self, total > 0 ? CLAMP ((double) done / (double) total, 0.0, 1.0) : -1);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TalkieRenderJob) self = job_weak_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = talkie_client_upload_finish (TALKIE_CLIENT (object), result, &error);

  if (_talkie_render_job_is_stale (self, error))
    return;

  if (url == NULL)
    {
      if (talkie_error_is_transient (error) &&
          self->upload_attempts < MAX_UPLOAD_ATTEMPTS)
        {
          g_debug ("Upload failed (try %u of %u), trying again: %s",
                   self->upload_attempts, MAX_UPLOAD_ATTEMPTS, error->message);
          schedule (self, jittered (self->min_poll_ms * self->upload_attempts),
                    upload_retry_cb, "[talkie] render job upload retry");
          return;
        }

      _talkie_render_job_fail_with_error (self, g_steal_pointer (&error));
      return;
    }

  g_free (self->audio_url);
  self->audio_url = g_steal_pointer (&url);

  if (self->bytes_total > 0)
    _talkie_render_job_set_bytes (self, self->bytes_total, self->bytes_total);
  _talkie_render_job_set_progress (self, 1);

  submit (self);
}

static void
upload (TalkieRenderJob *self)
{
  GFile *file = talkie_audio_source_get_file (self->audio);
  gint64 size = talkie_audio_source_get_size (self->audio);
  const char *content_type;

  g_assert (file != NULL);

  self->upload_attempts++;

  g_object_freeze_notify (G_OBJECT (self));
  _talkie_render_job_set_state (self, TALKIE_JOB_STATE_UPLOADING);
  _talkie_render_job_set_progress (self, 0);
  _talkie_render_job_set_bytes (self, 0, size);
  g_object_thaw_notify (G_OBJECT (self));

  /* Somebody may have cancelled from a notify handler. */
  if (_talkie_render_job_is_stale (self, NULL))
    return;

  /* The probe has looked inside the file: an audio-only WebM, MP4 or Ogg is
   * audio/… although its container alone reads as video. Without a probed audio
   * type the client sniffs the upload's type itself. */
  content_type = talkie_audio_source_get_content_type (self->audio);
  if (content_type != NULL && !g_str_has_prefix (content_type, "audio/"))
    content_type = NULL;

  talkie_client_upload_async (self->client, file, content_type,
                              upload_progress_cb, job_weak_new (self), job_weak_free,
                              self->cancellable,
                              uploaded_cb, job_weak_new (self));
}

/* --- probing ---------------------------------------------------------------- */

static void
take_audio_facts (TalkieRenderJob *self)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (_talkie_render_job_set_string (&self->audio_name, talkie_audio_source_get_display_name (self->audio)))
    _talkie_render_job_notify (self, PROP_AUDIO_NAME);

  if (_talkie_render_job_set_string (&self->audio_uri, talkie_audio_source_get_uri (self->audio)))
    _talkie_render_job_notify (self, PROP_AUDIO_URI);

  if (self->audio_duration != talkie_audio_source_get_duration (self->audio))
    {
      self->audio_duration = talkie_audio_source_get_duration (self->audio);
      _talkie_render_job_notify (self, PROP_AUDIO_DURATION);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
after_probe (TalkieRenderJob *self)
{
  take_audio_facts (self);

  if (talkie_audio_source_is_local (self->audio))
    {
      upload (self);
      return;
    }

  /* A public URL goes into the render as it is. */
  _talkie_render_job_set_string (&self->audio_url, talkie_audio_source_get_uri (self->audio));
  submit (self);
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TalkieRenderJob) self = job_weak_steal (user_data);
  g_autoptr(GError) error = NULL;

  if (!talkie_audio_source_probe_finish (TALKIE_AUDIO_SOURCE (object), result, &error))
    {
      if (_talkie_render_job_is_stale (self, error))
        return;

      _talkie_render_job_fail_with_error (self, g_steal_pointer (&error));
      return;
    }

  if (_talkie_render_job_is_stale (self, NULL))
    return;

  after_probe (self);
}

/* --- starting ---------------------------------------------------------------- */

/**
 * talkie_render_job_start:
 *
 * Starts the job on the thread-default main context or, for one rebuilt with
 * a project id, resumes polling. Does nothing on a final or running job.
 *
 * The job runs as long as somebody holds it (normally the history): a job
 * that is dropped stops its calls, and the server-side render goes on.
 */
void
talkie_render_job_start (TalkieRenderJob *self)
{
  g_return_if_fail (TALKIE_IS_RENDER_JOB (self));

  if (talkie_job_state_is_final (self->state))
    return;

  /* Left alone after the polling bound: follow it again. */
  if (self->stalled && self->cancellable != NULL && self->poll_source == NULL)
    {
      start_polling (self, 0);
      return;
    }

  if (self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();

  if (self->project_id != NULL)
    {
      /* Resuming: it has been a while already, ask at once. */
      start_polling (self, 0);
      return;
    }

  if (self->audio == NULL)
    {
      _talkie_render_job_fail_with_message (self, _("Interrupted before the render was accepted. Start it again."));
      return;
    }

  if (!talkie_audio_source_get_probed (self->audio))
    {
      _talkie_render_job_set_state (self, TALKIE_JOB_STATE_PROBING);
      if (_talkie_render_job_is_stale (self, NULL))
        return;
      talkie_audio_source_probe_async (self->audio, self->cancellable,
                                       probed_cb, job_weak_new (self));
      return;
    }

  after_probe (self);
}

gboolean
talkie_render_job_get_stalled (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), FALSE);

  return self->stalled;
}

/* How long a running render is followed before it is left "stalled". */
void
talkie_render_job_set_max_polling_time (TalkieRenderJob *self,
                                        guint            seconds)
{
  g_return_if_fail (TALKIE_IS_RENDER_JOB (self));

  self->max_polling_seconds = seconds;
}
