/* talkie-render-job-json.c: a render job as the history file keeps it, and
 * back. The file is read as hostile as a reply: every member is checked for its
 * type and range, ids and addresses as the service's are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>

#include "talkie-enums.h"
#include "talkie-error.h"
#include "talkie-render-job-private.h"
#include "talkie-reply.h"
#include "talkie-url.h"

/* Bumped when the saved shape changes incompatibly. */
#define JOB_JSON_VERSION 1

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

/* The history file is as hostile as a reply: an address Talkie would not
 * fetch (talkie_url_check_remote()) is forgotten. */
static void
drop_unsafe_url (char **url)
{
  if (*url != NULL && !talkie_url_check_remote (*url, NULL))
    g_clear_pointer (url, g_free);
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
  if (!talkie_reply_check_id (id) || g_enum_get_value (status_class, (int) status) == NULL)
    return wrong_member ("project", error);

  drop_unsafe_url (&video_url);
  drop_unsafe_url (&cover_url);

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

  if (self->project_id != NULL && !talkie_reply_check_id (self->project_id))
    {
      wrong_member ("project_id", error);
      return NULL;
    }
  drop_unsafe_url (&self->video_url);

  value = TALKIE_PROJECT_STATUS_UNKNOWN;
  if (!read_int (object, "last_status", 0, G_MAXINT, &value, error) ||
      !read_project (saved_project, &self->project, error))
    return NULL;
  self->last_status = (TalkieProjectStatus) value;

  if (!read_int (avatar, "id", G_MININT64, G_MAXINT64, &self->avatar_id, error) ||
      !read_string (avatar, "name", &self->avatar_name, error) ||
      !read_string (avatar, "cover_url", &self->avatar_cover_url, error))
    return NULL;
  drop_unsafe_url (&self->avatar_cover_url);
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
      /* TALKIE_API_ERROR first: it registers Talkie's extended error domain.
       * An error made in that domain before its registration is allocated
       * without the domain's private part, and freeing it after the
       * registration overruns it (AddressSanitizer caught talkie-cli, which
       * loads the history before any API call). */
      if (error_domain != NULL && self->error_message != NULL)
        self->error = g_error_new_literal (g_str_equal (error_domain, g_quark_to_string (TALKIE_API_ERROR))
                                           ? TALKIE_API_ERROR : g_quark_from_string (error_domain),
                                           (int) value, self->error_message);
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
