/* talkie-render-job.c: from (avatar, voice, audio, options) to a finished video.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>
#include <math.h>

#include "talkie-enums.h"
#include "talkie-error.h"
#include "talkie-render-job.h"
#include "talkie-render-job-private.h"

#define JOB_JSON_VERSION           1
#define DEFAULT_MIN_POLL_MS        3000
#define DEFAULT_MAX_POLL_MS        30000
#define POLL_BACKOFF               1.5
#define POLL_JITTER                0.2
/* Transient failures in a row while polling before the job gives up. */
#define MAX_TRANSIENT_FAILURES     10
/* Tries of an upload that failed for a passing reason (a 500, a dropped
 * connection); each makes a new asset, so trying again is harmless. */
#define MAX_UPLOAD_ATTEMPTS        3

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

G_DEFINE_FINAL_TYPE (TalkieRenderJob, talkie_render_job, G_TYPE_OBJECT)

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
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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

/* --- state ------------------------------------------------------------------ */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
set_progress (TalkieRenderJob *self,
              double           progress)
{
  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
stop_running (TalkieRenderJob *self)
{
  if (self->poll_source != NULL)
    {
      g_source_destroy (self->poll_source);
      g_clear_pointer (&self->poll_source, g_source_unref);
    }

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  g_clear_pointer (&self->context, g_main_context_unref);
}

/* The upload's byte counts, each notified only when it changes. */
static void
set_bytes (TalkieRenderJob *self,
           gint64           sent,
           gint64           total)
{
  if (self->bytes_sent != sent)
    {
      self->bytes_sent = sent;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_SENT]);
    }

  if (self->bytes_total != total)
    {
      self->bytes_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES_TOTAL]);
    }
}

static void
set_state (TalkieRenderJob *self,
           TalkieJobState   state)
{
  gboolean final = talkie_job_state_is_final (state);

  /* Final is final, even if a notify handler cancelled under our feet. */
  if (self->state == state || talkie_job_state_is_final (self->state))
    return;

  g_debug ("Render job %p: %d → %d", self, self->state, state);

  self->state = state;

  g_object_freeze_notify (G_OBJECT (self));
  switch (state)
    {
    case TALKIE_JOB_STATE_UPLOADING:
      set_progress (self, 0);
      break;

    case TALKIE_JOB_STATE_SUCCEEDED:
      set_progress (self, 1);
      break;

    case TALKIE_JOB_STATE_PROBING:
    case TALKIE_JOB_STATE_SUBMITTING:
    case TALKIE_JOB_STATE_RENDERING:
      set_progress (self, -1);
      break;

    case TALKIE_JOB_STATE_NEW:
    case TALKIE_JOB_STATE_FAILED:
    case TALKIE_JOB_STATE_CANCELLED:
    default:
      set_progress (self, 0);
      break;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_thaw_notify (G_OBJECT (self));

  if (final)
    {
      stop_running (self);
      g_signal_emit (self, signals[FINISHED], 0);
    }
}

/* FAILED, with @error (taken) behind it. */
static void
fail_with_error (TalkieRenderJob *self,
                 GError          *error)
{
  g_assert (error != NULL);

  g_clear_error (&self->error);
  self->error = error;

  if (set_string (&self->error_message, error->message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);

  set_state (self, TALKIE_JOB_STATE_FAILED);
}

static void
fail_with_message (TalkieRenderJob *self,
                   const char      *message)
{
  g_clear_error (&self->error);

  if (set_string (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);

  set_state (self, TALKIE_JOB_STATE_FAILED);
}

/* Whether a call's answer is still wanted. */
static gboolean
is_stale (TalkieRenderJob *self,
          const GError    *error)
{
  if (self == NULL)
    return TRUE;

  if (talkie_job_state_is_final (self->state) || self->cancellable == NULL)
    return TRUE;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);

  self->last_status = talkie_project_get_status (project);
  set_string (&self->status_desc, talkie_project_get_status_desc (project));

  if (video_url != NULL && video_url[0] != '\0' &&
      set_string (&self->video_url, video_url))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIDEO_URL]);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_project (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TalkieRenderJob) self = job_weak_steal (user_data);
  g_autoptr(TalkieProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *desc;

  project = talkie_client_get_project_finish (TALKIE_CLIENT (object), result, &error);

  if (is_stale (self, error))
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

      fail_with_error (self, g_steal_pointer (&error));
      return;
    }

  self->transient_failures = 0;
  set_project (self, project);

  switch ((int) talkie_project_get_status (project))
    {
    case TALKIE_PROJECT_STATUS_SUCCESS:
      set_state (self, TALKIE_JOB_STATE_SUCCEEDED);
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
        fail_with_message (self, message);
      }
      break;

    case TALKIE_PROJECT_STATUS_DELETED:
      fail_with_message (self, _("The render was deleted on the server. Start it again to make a new one."));
      break;

    default:
      back_off (self);
      break;
    }
}

static void
talkie_render_job_poll (TalkieRenderJob *self)
{
  g_assert (self->project_id != NULL);
  g_assert (self->cancellable != NULL);

  talkie_client_get_project_async (self->client, self->project_id, self->cancellable,
                                   on_project, job_weak_new (self));
}

static void
start_polling (TalkieRenderJob *self,
               guint            first_delay_ms)
{
  set_state (self, TALKIE_JOB_STATE_RENDERING);
  if (is_stale (self, NULL))
    return;

  self->transient_failures = 0;
  self->poll_ms = self->min_poll_ms;
  schedule_poll (self, first_delay_ms);
}

/* --- submitting ------------------------------------------------------------- */

static void
on_created (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TalkieRenderJob) self = job_weak_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;

  project_id = talkie_client_create_render_finish (TALKIE_CLIENT (object), result, &error);

  if (is_stale (self, error))
    return;

  if (project_id == NULL)
    {
      fail_with_error (self, g_steal_pointer (&error));
      return;
    }

  self->project_id = g_steal_pointer (&project_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);

  start_polling (self, jittered (self->min_poll_ms));
}

static void
submit (TalkieRenderJob *self)
{
  g_autoptr(TalkieRenderRequest) request = talkie_render_request_new ();

  g_assert (self->audio_url != NULL);

  set_state (self, TALKIE_JOB_STATE_SUBMITTING);
  if (is_stale (self, NULL))
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
                                     on_created, job_weak_new (self));
}

/* --- uploading -------------------------------------------------------------- */

static void
on_upload_progress (goffset  done,
                    goffset  total,
                    gpointer user_data)
{
  g_autoptr(TalkieRenderJob) self = g_weak_ref_get (user_data);

  if (self == NULL || self->state != TALKIE_JOB_STATE_UPLOADING)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  set_bytes (self, done, total);
  set_progress (self, total > 0 ? CLAMP ((double) done / (double) total, 0.0, 1.0) : -1);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_uploaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TalkieRenderJob) self = job_weak_steal (user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  url = talkie_client_upload_finish (TALKIE_CLIENT (object), result, &error);

  if (is_stale (self, error))
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

      fail_with_error (self, g_steal_pointer (&error));
      return;
    }

  g_free (self->audio_url);
  self->audio_url = g_steal_pointer (&url);

  if (self->bytes_total > 0)
    set_bytes (self, self->bytes_total, self->bytes_total);
  set_progress (self, 1);

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
  set_state (self, TALKIE_JOB_STATE_UPLOADING);
  set_progress (self, 0);
  set_bytes (self, 0, size);
  g_object_thaw_notify (G_OBJECT (self));

  /* Somebody may have cancelled from a notify handler. */
  if (is_stale (self, NULL))
    return;

  /* The probe has looked inside the file: an audio-only WebM, MP4 or Ogg is
   * audio/… although its container alone reads as video. Without a probed audio
   * type the client sniffs the upload's type itself. */
  content_type = talkie_audio_source_get_content_type (self->audio);
  if (content_type != NULL && !g_str_has_prefix (content_type, "audio/"))
    content_type = NULL;

  talkie_client_upload_async (self->client, file, content_type,
                              on_upload_progress, job_weak_new (self), job_weak_free,
                              self->cancellable,
                              on_uploaded, job_weak_new (self));
}

/* --- probing ---------------------------------------------------------------- */

static void
take_audio_facts (TalkieRenderJob *self)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (set_string (&self->audio_name, talkie_audio_source_get_display_name (self->audio)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_NAME]);

  if (set_string (&self->audio_uri, talkie_audio_source_get_uri (self->audio)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_URI]);

  if (self->audio_duration != talkie_audio_source_get_duration (self->audio))
    {
      self->audio_duration = talkie_audio_source_get_duration (self->audio);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIO_DURATION]);
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
  set_string (&self->audio_url, talkie_audio_source_get_uri (self->audio));
  submit (self);
}

static void
on_probed (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TalkieRenderJob) self = job_weak_steal (user_data);
  g_autoptr(GError) error = NULL;

  if (!talkie_audio_source_probe_finish (TALKIE_AUDIO_SOURCE (object), result, &error))
    {
      if (is_stale (self, error))
        return;

      fail_with_error (self, g_steal_pointer (&error));
      return;
    }

  if (is_stale (self, NULL))
    return;

  after_probe (self);
}

/* --- GObject ---------------------------------------------------------------- */

static void
talkie_render_job_dispose (GObject *object)
{
  TalkieRenderJob *self = (TalkieRenderJob *)object;

  /* Whatever is in flight stops; the server-side render goes on, and a job
   * rebuilt from the history picks it up again. */
  stop_running (self);

  G_OBJECT_CLASS (talkie_render_job_parent_class)->dispose (object);
}

static void
talkie_render_job_finalize (GObject *object)
{
  TalkieRenderJob *self = (TalkieRenderJob *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->audio);
  g_clear_object (&self->project);
  g_clear_error (&self->error);
  g_clear_pointer (&self->project_id, g_free);
  g_clear_pointer (&self->status_desc, g_free);
  g_clear_pointer (&self->video_url, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->avatar_name, g_free);
  g_clear_pointer (&self->avatar_cover_url, g_free);
  g_clear_pointer (&self->voice_id, g_free);
  g_clear_pointer (&self->voice_name, g_free);
  g_clear_pointer (&self->audio_name, g_free);
  g_clear_pointer (&self->audio_uri, g_free);
  g_clear_pointer (&self->audio_url, g_free);

  G_OBJECT_CLASS (talkie_render_job_parent_class)->finalize (object);
}

static void
talkie_render_job_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TalkieRenderJob *self = TALKIE_RENDER_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    case PROP_BYTES_SENT:
      g_value_set_int64 (value, self->bytes_sent);
      break;

    case PROP_BYTES_TOTAL:
      g_value_set_int64 (value, self->bytes_total);
      break;

    case PROP_PROJECT_ID:
      g_value_set_string (value, self->project_id);
      break;

    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_VIDEO_URL:
      g_value_set_string (value, self->video_url);
      break;

    case PROP_AVATAR_ID:
      g_value_set_int64 (value, self->avatar_id);
      break;

    case PROP_AVATAR_NAME:
      g_value_set_string (value, self->avatar_name);
      break;

    case PROP_AVATAR_COVER_URL:
      g_value_set_string (value, self->avatar_cover_url);
      break;

    case PROP_AVATAR_SOURCE:
      g_value_set_enum (value, self->avatar_source);
      break;

    case PROP_VOICE_ID:
      g_value_set_string (value, self->voice_id);
      break;

    case PROP_VOICE_NAME:
      g_value_set_string (value, self->voice_name);
      break;

    case PROP_AUDIO_NAME:
      g_value_set_string (value, self->audio_name);
      break;

    case PROP_AUDIO_URI:
      g_value_set_string (value, self->audio_uri);
      break;

    case PROP_AUDIO_DURATION:
      g_value_set_double (value, self->audio_duration);
      break;

    case PROP_ASPECT_RATIO:
      g_value_set_enum (value, self->options.aspect_ratio);
      break;

    case PROP_SCREEN_STYLE:
      g_value_set_enum (value, self->options.screen_style);
      break;

    case PROP_SUBTITLES:
      g_value_set_boolean (value, self->options.subtitles);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_MIN_POLL_INTERVAL:
      g_value_set_uint (value, self->min_poll_ms);
      break;

    case PROP_MAX_POLL_INTERVAL:
      g_value_set_uint (value, self->max_poll_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_render_job_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TalkieRenderJob *self = TALKIE_RENDER_JOB (object);

  switch (prop_id)
    {
    case PROP_MIN_POLL_INTERVAL:
      talkie_render_job_set_poll_interval (self, g_value_get_uint (value),
                                           MAX (self->max_poll_ms, g_value_get_uint (value)));
      break;

    case PROP_MAX_POLL_INTERVAL:
      talkie_render_job_set_poll_interval (self, MIN (self->min_poll_ms, g_value_get_uint (value)),
                                           g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_render_job_class_init (TalkieRenderJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  const GParamFlags rw = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->dispose = talkie_render_job_dispose;
  object_class->finalize = talkie_render_job_finalize;
  object_class->get_property = talkie_render_job_get_property;
  object_class->set_property = talkie_render_job_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       TALKIE_TYPE_JOB_STATE, TALKIE_JOB_STATE_NEW, ro);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, -1, 1, 0, ro);
  properties[PROP_BYTES_SENT] =
    g_param_spec_int64 ("bytes-sent", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_BYTES_TOTAL] =
    g_param_spec_int64 ("bytes-total", NULL, NULL, -1, G_MAXINT64, 0, ro);
  properties[PROP_PROJECT_ID] =
    g_param_spec_string ("project-id", NULL, NULL, NULL, ro);
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, TALKIE_TYPE_PROJECT, ro);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_VIDEO_URL] =
    g_param_spec_string ("video-url", NULL, NULL, NULL, ro);
  properties[PROP_AVATAR_ID] =
    g_param_spec_int64 ("avatar-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_AVATAR_NAME] =
    g_param_spec_string ("avatar-name", NULL, NULL, NULL, ro);
  properties[PROP_AVATAR_COVER_URL] =
    g_param_spec_string ("avatar-cover-url", NULL, NULL, NULL, ro);
  properties[PROP_AVATAR_SOURCE] =
    g_param_spec_enum ("avatar-source", NULL, NULL,
                       TALKIE_TYPE_SOURCE, TALKIE_SOURCE_PUBLIC, ro);
  properties[PROP_VOICE_ID] =
    g_param_spec_string ("voice-id", NULL, NULL, NULL, ro);
  properties[PROP_VOICE_NAME] =
    g_param_spec_string ("voice-name", NULL, NULL, NULL, ro);
  properties[PROP_AUDIO_NAME] =
    g_param_spec_string ("audio-name", NULL, NULL, NULL, ro);
  properties[PROP_AUDIO_URI] =
    g_param_spec_string ("audio-uri", NULL, NULL, NULL, ro);
  properties[PROP_AUDIO_DURATION] =
    g_param_spec_double ("audio-duration", NULL, NULL, 0, G_MAXDOUBLE, 0, ro);
  properties[PROP_ASPECT_RATIO] =
    g_param_spec_enum ("aspect-ratio", NULL, NULL,
                       TALKIE_TYPE_ASPECT_RATIO, TALKIE_ASPECT_RATIO_PORTRAIT, ro);
  properties[PROP_SCREEN_STYLE] =
    g_param_spec_enum ("screen-style", NULL, NULL,
                       TALKIE_TYPE_SCREEN_STYLE, TALKIE_SCREEN_STYLE_BACKGROUND, ro);
  properties[PROP_SUBTITLES] =
    g_param_spec_boolean ("subtitles", NULL, NULL, FALSE, ro);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_MIN_POLL_INTERVAL] =
    g_param_spec_uint ("min-poll-interval", NULL, NULL, 1, G_MAXUINT, DEFAULT_MIN_POLL_MS, rw);
  properties[PROP_MAX_POLL_INTERVAL] =
    g_param_spec_uint ("max-poll-interval", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_POLL_MS, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TalkieRenderJob::finished:
   *
   * The job reached SUCCEEDED, FAILED or CANCELLED.
   */
  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
talkie_render_job_init (TalkieRenderJob *self)
{
  self->state = TALKIE_JOB_STATE_NEW;
  self->bytes_total = -1;
  self->min_poll_ms = DEFAULT_MIN_POLL_MS;
  self->max_poll_ms = DEFAULT_MAX_POLL_MS;
  self->options.aspect_ratio = TALKIE_ASPECT_RATIO_PORTRAIT;
  self->options.screen_style = TALKIE_SCREEN_STYLE_BACKGROUND;
  self->options.subtitles = FALSE;
}

/* --- public API ------------------------------------------------------------- */

/**
 * talkie_render_job_new:
 * @client: the account to render with
 * @avatar: who speaks
 * @voice: the voice it is rendered with
 * @audio: what is said (probed or not)
 * @options: (nullable): the look; %NULL for the avatar's aspect ratio, with
 *   background, without subtitles
 *
 * Returns: (transfer full): a new job in state NEW; call talkie_render_job_start()
 */
TalkieRenderJob *
talkie_render_job_new (TalkieClient              *client,
                       TalkieAvatar              *avatar,
                       TalkieVoice               *voice,
                       TalkieAudioSource         *audio,
                       const TalkieRenderOptions *options)
{
  TalkieRenderJob *self;

  g_return_val_if_fail (TALKIE_IS_CLIENT (client), NULL);
  g_return_val_if_fail (TALKIE_IS_AVATAR (avatar), NULL);
  g_return_val_if_fail (TALKIE_IS_VOICE (voice), NULL);
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (audio), NULL);

  self = g_object_new (TALKIE_TYPE_RENDER_JOB, NULL);
  self->client = g_object_ref (client);
  self->audio = g_object_ref (audio);

  self->avatar_id = talkie_avatar_get_id (avatar);
  self->avatar_name = g_strdup (talkie_avatar_get_name (avatar));
  self->avatar_cover_url = g_strdup (talkie_avatar_get_cover_url (avatar));
  self->avatar_source = talkie_avatar_get_source (avatar);

  self->voice_id = g_strdup (talkie_voice_get_id (voice));
  self->voice_name = g_strdup (talkie_voice_get_name (voice));

  self->audio_name = g_strdup (talkie_audio_source_get_display_name (audio));
  self->audio_uri = g_strdup (talkie_audio_source_get_uri (audio));
  self->audio_duration = talkie_audio_source_get_duration (audio);

  if (options != NULL)
    self->options = *options;
  else
    self->options.aspect_ratio = talkie_avatar_get_aspect_ratio (avatar);

  self->created_at = g_get_real_time () / G_USEC_PER_SEC;

  return self;
}

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

  if (talkie_job_state_is_final (self->state) || self->cancellable != NULL)
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
      fail_with_message (self, _("Interrupted before the render was accepted. Start it again."));
      return;
    }

  if (!talkie_audio_source_get_probed (self->audio))
    {
      set_state (self, TALKIE_JOB_STATE_PROBING);
      if (is_stale (self, NULL))
        return;
      talkie_audio_source_probe_async (self->audio, self->cancellable,
                                       on_probed, job_weak_new (self));
      return;
    }

  after_probe (self);
}

/**
 * talkie_render_job_cancel:
 *
 * Stops the job: CANCELLED. The call in flight is cancelled; a render the
 * server already accepted may still finish there, and its project id is kept.
 */
void
talkie_render_job_cancel (TalkieRenderJob *self)
{
  g_return_if_fail (TALKIE_IS_RENDER_JOB (self));

  if (talkie_job_state_is_final (self->state))
    return;

  stop_running (self);
  set_state (self, TALKIE_JOB_STATE_CANCELLED);
}

TalkieJobState
talkie_render_job_get_state (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), TALKIE_JOB_STATE_NEW);

  return self->state;
}

double
talkie_render_job_get_progress (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), 0);

  return self->progress;
}

const char *
talkie_render_job_get_project_id (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->project_id;
}

/**
 * talkie_render_job_get_project:
 *
 * Returns: (transfer none) (nullable): the last status seen
 */
TalkieProject *
talkie_render_job_get_project (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->project;
}

const char *
talkie_render_job_get_error_message (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->error_message;
}

const GError *
talkie_render_job_get_error (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->error;
}

const char *
talkie_render_job_get_video_url (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->video_url;
}

const char *
talkie_render_job_get_avatar_name (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->avatar_name;
}

const char *
talkie_render_job_get_avatar_cover_url (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->avatar_cover_url;
}

const char *
talkie_render_job_get_voice_name (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->voice_name;
}

const char *
talkie_render_job_get_audio_name (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  return self->audio_name;
}

gint64
talkie_render_job_get_created_at (TalkieRenderJob *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), 0);

  return self->created_at;
}

/**
 * talkie_render_job_set_poll_interval:
 * @min_ms: the first wait, and the shortest
 * @max_ms: the longest wait the backoff reaches
 *
 * Takes effect from the next poll.
 */
void
talkie_render_job_set_poll_interval (TalkieRenderJob *self,
                                     guint            min_ms,
                                     guint            max_ms)
{
  g_return_if_fail (TALKIE_IS_RENDER_JOB (self));
  g_return_if_fail (min_ms > 0);
  g_return_if_fail (max_ms >= min_ms);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->min_poll_ms != min_ms)
    {
      self->min_poll_ms = min_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_POLL_INTERVAL]);
    }

  if (self->max_poll_ms != max_ms)
    {
      self->max_poll_ms = max_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_POLL_INTERVAL]);
    }

  self->poll_ms = CLAMP (self->poll_ms, min_ms, max_ms);

  g_object_thaw_notify (G_OBJECT (self));
}

/* --- JSON ------------------------------------------------------------------- */

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  /* The class stays alive: enum classes are never unloaded. */
  return ev != NULL ? ev->value_nick : NULL;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (ev == NULL)
    return FALSE;

  *value = ev->value;
  return TRUE;
}

static void
set_string_member (JsonObject *object,
                   const char *name,
                   const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/* json-glib 1.6 writes a double as "%.17g" and appends ".0" when that has no
 * point, so 1e+20 or 1e-300 come out as "1e+20.0", which its own parser
 * refuses: one such duration (a server's video_duration, say) and the whole
 * history is set aside on the next start. "%.17g" has no exponent from 1e-4
 * up to 1e17; a duration is kept within that, or 0. */
static void
set_duration_member (JsonObject *object,
                     const char *name,
                     double      seconds)
{
  if (!(seconds >= 1e-4))
    seconds = 0.0;
  else if (seconds > 1e15)
    seconds = 1e15;

  json_object_set_double_member (object, name, seconds);
}

/**
 * talkie_render_job_to_json:
 *
 * Everything the history needs to show the job, and to resume it, without
 * the avatar and voice objects.
 *
 * Returns: (transfer full): a versioned object, {"version": 1, ...}
 */
JsonObject *
talkie_render_job_to_json (TalkieRenderJob *self)
{
  JsonObject *object;
  JsonObject *avatar;
  JsonObject *voice;
  JsonObject *audio;
  JsonObject *options;

  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (self), NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "version", JOB_JSON_VERSION);
  json_object_set_int_member (object, "created_at", self->created_at);
  json_object_set_string_member (object, "state", enum_nick (TALKIE_TYPE_JOB_STATE, self->state));
  set_string_member (object, "project_id", self->project_id);
  if (self->last_status != TALKIE_PROJECT_STATUS_UNKNOWN)
    json_object_set_int_member (object, "last_status", self->last_status);
  set_string_member (object, "status_desc", self->status_desc);
  set_string_member (object, "video_url", self->video_url);
  set_string_member (object, "error_message", self->error_message);
  if (self->error != NULL)
    {
      JsonObject *error = json_object_new ();

      json_object_set_string_member (error, "domain", g_quark_to_string (self->error->domain));
      json_object_set_int_member (error, "code", self->error->code);
      json_object_set_object_member (object, "error", error);
    }

  if (self->project != NULL)
    {
      JsonObject *project = json_object_new ();

      set_string_member (project, "id", talkie_project_get_id (self->project));
      set_string_member (project, "title", talkie_project_get_title (self->project));
      set_duration_member (project, "video_duration", talkie_project_get_video_duration (self->project));
      set_string_member (project, "video_url", talkie_project_get_video_url (self->project));
      set_string_member (project, "cover_url", talkie_project_get_cover_url (self->project));
      json_object_set_int_member (project, "status", talkie_project_get_status (self->project));
      set_string_member (project, "status_desc", talkie_project_get_status_desc (self->project));
      json_object_set_int_member (project, "created_at", talkie_project_get_created_at (self->project));
      json_object_set_object_member (object, "project", project);
    }

  avatar = json_object_new ();
  json_object_set_int_member (avatar, "id", self->avatar_id);
  set_string_member (avatar, "name", self->avatar_name);
  set_string_member (avatar, "cover_url", self->avatar_cover_url);
  json_object_set_int_member (avatar, "source", self->avatar_source);
  json_object_set_object_member (object, "avatar", avatar);

  voice = json_object_new ();
  set_string_member (voice, "id", self->voice_id);
  set_string_member (voice, "name", self->voice_name);
  json_object_set_object_member (object, "voice", voice);

  audio = json_object_new ();
  set_string_member (audio, "name", self->audio_name);
  set_string_member (audio, "uri", self->audio_uri);
  set_string_member (audio, "url", self->audio_url);
  set_duration_member (audio, "duration", self->audio_duration);
  json_object_set_object_member (object, "audio", audio);

  options = json_object_new ();
  json_object_set_int_member (options, "aspect_ratio", self->options.aspect_ratio);
  json_object_set_int_member (options, "screen_style", self->options.screen_style);
  json_object_set_boolean_member (options, "subtitles", self->options.subtitles);
  json_object_set_object_member (object, "options", options);

  return object;
}

static gboolean
wrong_member (const char  *name,
              GError     **error)
{
  g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
               _("A saved render could not be read: its “%s” is missing or not valid. "
                 "It was left out of the list of renders."),
               name);
  return FALSE;
}

/* Absent or null: *out stays NULL. */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             char       **out,
             GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_member (name, error);

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *name,
          gint64       min,
          gint64       max,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  gint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_member (name, error);

  value = json_node_get_int (node);
  if (value < min || value > max)
    return wrong_member (name, error);

  *out = value;
  return TRUE;
}

static gboolean
read_double (JsonObject  *object,
             const char  *name,
             double      *out,
             GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return wrong_member (name, error);

  *out = json_node_get_double (node);
  if (!(*out >= 0))
    return wrong_member (name, error);

  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *name,
              gboolean    *out,
              GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_member (name, error);

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Absent or null: *out is NULL. */
static gboolean
read_object (JsonObject  *object,
             const char  *name,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_member (name, error);

  *out = json_node_get_object (node);
  return TRUE;
}

/* The last status seen, as it was saved. */
static gboolean
read_project (JsonObject     *object,
              TalkieProject **out,
              GError        **error)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *video_url = NULL;
  g_autofree char *cover_url = NULL;
  g_autofree char *status_desc = NULL;
  g_autoptr(GEnumClass) status_class = NULL;
  double video_duration = 0;
  gint64 status = TALKIE_PROJECT_STATUS_UNKNOWN;
  gint64 created_at = 0;

  *out = NULL;

  if (object == NULL)
    return TRUE;

  if (!read_string (object, "id", &id, error) ||
      !read_string (object, "title", &title, error) ||
      !read_double (object, "video_duration", &video_duration, error) ||
      !read_string (object, "video_url", &video_url, error) ||
      !read_string (object, "cover_url", &cover_url, error) ||
      !read_int (object, "status", 0, G_MAXINT, &status, error) ||
      !read_string (object, "status_desc", &status_desc, error) ||
      !read_int (object, "created_at", G_MININT64, G_MAXINT64, &created_at, error))
    return FALSE;

  status_class = g_type_class_ref (TALKIE_TYPE_PROJECT_STATUS);
  if (id == NULL || id[0] == '\0' || g_enum_get_value (status_class, (int) status) == NULL)
    return wrong_member ("project", error);

  *out = g_object_new (TALKIE_TYPE_PROJECT,
                       "id", id,
                       "title", title,
                       "video-duration", video_duration,
                       "video-url", video_url,
                       "cover-url", cover_url,
                       "status", (int) status,
                       "status-desc", status_desc,
                       "created-at", created_at,
                       NULL);
  return TRUE;
}

/**
 * talkie_render_job_new_from_json:
 * @client: the account to resume with
 * @object: what talkie_render_job_to_json() gave
 * @error: a location for a #GError, or %NULL
 *
 * A job that was running when it was saved comes back RENDERING if the
 * server had accepted it (talkie_render_job_start() resumes polling), and
 * FAILED ("Interrupted…") if it had not.
 *
 * Returns: (transfer full) (nullable): the job, or %NULL with
 *   %TALKIE_API_ERROR_MALFORMED when @object is not a saved job
 */
TalkieRenderJob *
talkie_render_job_new_from_json (TalkieClient  *client,
                                 JsonObject    *object,
                                 GError       **error)
{
  g_autoptr(TalkieRenderJob) self = NULL;
  g_autofree char *state_nick = NULL;
  g_autofree char *error_domain = NULL;
  JsonObject *avatar = NULL;
  JsonObject *voice = NULL;
  JsonObject *audio = NULL;
  JsonObject *options = NULL;
  JsonObject *saved_error = NULL;
  JsonObject *saved_project = NULL;
  gint64 version = 0;
  gint64 value;
  int state;

  g_return_val_if_fail (TALKIE_IS_CLIENT (client), NULL);
  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_int (object, "version", 0, G_MAXINT64, &version, error))
    return NULL;
  if (version != JOB_JSON_VERSION)
    {
      g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                   _("A saved render could not be read: it is not a render, or it was saved by "
                     "a newer Talkie. It was left out of the list of renders."));
      return NULL;
    }

  if (!read_string (object, "state", &state_nick, error))
    return NULL;
  if (!enum_from_nick (TALKIE_TYPE_JOB_STATE, state_nick, &state))
    {
      wrong_member ("state", error);
      return NULL;
    }

  self = g_object_new (TALKIE_TYPE_RENDER_JOB, NULL);
  self->client = g_object_ref (client);

  if (!read_int (object, "created_at", 0, G_MAXINT64, &self->created_at, error) ||
      !read_string (object, "project_id", &self->project_id, error) ||
      !read_string (object, "status_desc", &self->status_desc, error) ||
      !read_string (object, "video_url", &self->video_url, error) ||
      !read_string (object, "error_message", &self->error_message, error) ||
      !read_object (object, "error", &saved_error, error) ||
      !read_object (object, "project", &saved_project, error) ||
      !read_object (object, "avatar", &avatar, error) ||
      !read_object (object, "voice", &voice, error) ||
      !read_object (object, "audio", &audio, error) ||
      !read_object (object, "options", &options, error))
    return NULL;

  value = TALKIE_PROJECT_STATUS_UNKNOWN;
  if (!read_int (object, "last_status", 0, G_MAXINT, &value, error) ||
      !read_project (saved_project, &self->project, error))
    return NULL;
  self->last_status = (TalkieProjectStatus) value;

  if (!read_int (avatar, "id", G_MININT64, G_MAXINT64, &self->avatar_id, error) ||
      !read_string (avatar, "name", &self->avatar_name, error) ||
      !read_string (avatar, "cover_url", &self->avatar_cover_url, error))
    return NULL;
  value = TALKIE_SOURCE_PUBLIC;
  if (!read_int (avatar, "source", TALKIE_SOURCE_PUBLIC, TALKIE_SOURCE_MINE, &value, error))
    return NULL;
  self->avatar_source = (TalkieSource) value;

  if (!read_string (voice, "id", &self->voice_id, error) ||
      !read_string (voice, "name", &self->voice_name, error))
    return NULL;

  if (!read_string (audio, "name", &self->audio_name, error) ||
      !read_string (audio, "uri", &self->audio_uri, error) ||
      !read_string (audio, "url", &self->audio_url, error) ||
      !read_double (audio, "duration", &self->audio_duration, error))
    return NULL;

  value = TALKIE_ASPECT_RATIO_PORTRAIT;
  if (!read_int (options, "aspect_ratio", TALKIE_ASPECT_RATIO_PORTRAIT, TALKIE_ASPECT_RATIO_SQUARE, &value, error))
    return NULL;
  self->options.aspect_ratio = (TalkieAspectRatio) value;
  value = TALKIE_SCREEN_STYLE_BACKGROUND;
  if (!read_int (options, "screen_style", TALKIE_SCREEN_STYLE_BACKGROUND, TALKIE_SCREEN_STYLE_GREEN_SCREEN, &value, error))
    return NULL;
  self->options.screen_style = (TalkieScreenStyle) value;
  if (!read_boolean (options, "subtitles", &self->options.subtitles, error))
    return NULL;

  if (saved_error != NULL)
    {
      value = 0;
      if (!read_string (saved_error, "domain", &error_domain, error) ||
          !read_int (saved_error, "code", G_MININT, G_MAXINT, &value, error))
        return NULL;
      if (error_domain != NULL && self->error_message != NULL)
        self->error = g_error_new_literal (g_quark_from_string (error_domain), (int) value,
                                           self->error_message);
    }

  if (self->project_id != NULL && self->project_id[0] == '\0')
    g_clear_pointer (&self->project_id, g_free);

  if (talkie_job_state_is_final ((TalkieJobState) state))
    self->state = (TalkieJobState) state;
  else if (self->project_id != NULL)
    self->state = TALKIE_JOB_STATE_RENDERING;
  else
    {
      /* It died before the server had it: say so rather than lose it. */
      self->state = TALKIE_JOB_STATE_FAILED;
      g_clear_error (&self->error);
      g_free (self->error_message);
      self->error_message = g_strdup (_("Interrupted before the render was accepted. Start it again."));
    }

  self->progress = self->state == TALKIE_JOB_STATE_SUCCEEDED ? 1 : (self->state == TALKIE_JOB_STATE_RENDERING ? -1 : 0);

  return g_steal_pointer (&self);
}
