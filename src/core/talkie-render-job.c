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
#include "talkie-reply.h"
#include "talkie-url.h"

G_DEFINE_FINAL_TYPE (TalkieRenderJob, talkie_render_job, G_TYPE_OBJECT)

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* --- state ------------------------------------------------------------------ */

void
_talkie_render_job_notify (TalkieRenderJob *self,
                           guint            prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gboolean
_talkie_render_job_set_string (char       **field,
                               const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

void
_talkie_render_job_set_progress (TalkieRenderJob *self,
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
void
_talkie_render_job_set_bytes (TalkieRenderJob *self,
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

void
_talkie_render_job_set_state (TalkieRenderJob *self,
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
      _talkie_render_job_set_progress (self, 0);
      break;

    case TALKIE_JOB_STATE_SUCCEEDED:
      _talkie_render_job_set_progress (self, 1);
      break;

    case TALKIE_JOB_STATE_PROBING:
    case TALKIE_JOB_STATE_SUBMITTING:
    case TALKIE_JOB_STATE_RENDERING:
      _talkie_render_job_set_progress (self, -1);
      break;

    case TALKIE_JOB_STATE_NEW:
    case TALKIE_JOB_STATE_FAILED:
    case TALKIE_JOB_STATE_CANCELLED:
    default:
      _talkie_render_job_set_progress (self, 0);
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
void
_talkie_render_job_fail_with_error (TalkieRenderJob *self,
                                    GError          *error)
{
  g_assert (error != NULL);

  g_clear_error (&self->error);
  self->error = error;

  if (_talkie_render_job_set_string (&self->error_message, error->message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);

  _talkie_render_job_set_state (self, TALKIE_JOB_STATE_FAILED);
}

void
_talkie_render_job_fail_with_message (TalkieRenderJob *self,
                                      const char      *message)
{
  g_clear_error (&self->error);

  if (_talkie_render_job_set_string (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);

  _talkie_render_job_set_state (self, TALKIE_JOB_STATE_FAILED);
}

/* Whether a call's answer is still wanted. */
gboolean
_talkie_render_job_is_stale (TalkieRenderJob *self,
                             const GError    *error)
{
  if (self == NULL)
    return TRUE;

  if (talkie_job_state_is_final (self->state) || self->cancellable == NULL)
    return TRUE;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
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

    case PROP_STALLED:
      g_value_set_boolean (value, self->stalled);
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
  /* TRUE when the render outlasted the polling bound: still running on the
   * server, no longer followed (talkie_render_job_start() follows it again). */
  properties[PROP_STALLED] =
    g_param_spec_boolean ("stalled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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
  self->max_polling_seconds = DEFAULT_MAX_POLLING_SECONDS;
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
  _talkie_render_job_set_state (self, TALKIE_JOB_STATE_CANCELLED);
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
