/* talkie-sandbox-render.c: renders. A request is checked like the service
 * checks it, a GStreamer pipeline makes a WebM from the avatar's cover and the
 * audio, and /v1/project walks the status 1, 2, 3 on the clock, then 4 or 5.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "talkie-sandbox-private.h"
#include "talkie-sandbox-art-private.h"

#define MAX_AUDIO_SECONDS 7200.0
#define VIDEO_FPS         10

/* ------------------------------------------------------------------------ */
/* render                                                                   */

void
_talkie_sandbox_fail_project (Project    *project,
                              const char *reason)
{
  g_debug ("Render %s failed: %s", project->id, reason);
  project->state = VIDEO_FAILED;
  if (project->watchdog != NULL)
    {
      g_source_destroy (project->watchdog);
      g_clear_pointer (&project->watchdog, g_source_unref);
    }
  g_free (project->reason);
  project->reason = g_strdup (reason);

  if (project->bus_source != NULL)
    {
      g_source_destroy (project->bus_source);
      g_clear_pointer (&project->bus_source, g_source_unref);
    }
  if (project->pipeline != NULL)
    {
      gst_element_set_state (project->pipeline, GST_STATE_NULL);
      gst_clear_object (&project->pipeline);
    }

  if (project->video_path != NULL)
    g_unlink (project->video_path);
}

static gboolean
render_bus_message_cb (GstBus     *bus,
                       GstMessage *message,
                       gpointer    user_data)
{
  Project *project = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      g_debug ("Render %s finished", project->id);
      project->state = VIDEO_DONE;
      if (project->watchdog != NULL)
        {
          g_source_destroy (project->watchdog);
          g_clear_pointer (&project->watchdog, g_source_unref);
        }
      g_clear_pointer (&project->bus_source, g_source_unref);
      gst_element_set_state (project->pipeline, GST_STATE_NULL);
      gst_clear_object (&project->pipeline);
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *reason = NULL;

        gst_message_parse_error (message, &error, NULL);
        g_debug ("Render %s: %s", project->id, error->message);
        if (error->domain == GST_RESOURCE_ERROR)
          reason = g_strdup_printf ("failed: the audio at audio_script.url could not be fetched (%s)",
                                    error->message);
        else if (error->domain == GST_STREAM_ERROR ||
                 g_error_matches (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN))
          reason = g_strdup ("failed: the file at audio_script.url holds no sound that could be read");
        else
          reason = g_strdup_printf ("failed: the video could not be made from the audio (%s)",
                                    error->message);
        /* _talkie_sandbox_fail_project destroys our source: keep it alive until we return */
        g_autoptr(GSource) source = g_source_ref (project->bus_source);

        _talkie_sandbox_fail_project (project, reason);
        return G_SOURCE_REMOVE;
      }

    default:
      return G_SOURCE_CONTINUE;
    }
}

/* Called on a streaming thread. */
static void
audio_pad_added_cb (GstElement *decodebin,
                    GstPad     *pad,
                    GstElement *audio_queue)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (audio_queue, "sink");
  g_autoptr(GstCaps) caps = gst_pad_get_current_caps (pad);
  const char *name;

  if (caps == NULL)
    caps = gst_pad_query_caps (pad, NULL);
  if (caps == NULL || gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return;

  name = gst_structure_get_name (gst_caps_get_structure (caps, 0));
  if (!g_str_has_prefix (name, "audio/") || gst_pad_is_linked (sink))
    return;

  if (GST_PAD_LINK_FAILED (gst_pad_link (pad, sink)))
    g_debug ("Could not link the audio stream of the render's sound");
}

/* Called on a streaming thread. */
static void
audio_no_more_pads_cb (GstElement *decodebin,
                       GstElement *audio_queue)
{
  g_autoptr(GstPad) sink = gst_element_get_static_pad (audio_queue, "sink");

  if (!gst_pad_is_linked (sink))
    {
      g_autoptr(GError) error = g_error_new_literal (GST_STREAM_ERROR, GST_STREAM_ERROR_WRONG_TYPE,
                                                     "the file has no sound in it");

      gst_element_post_message (decodebin, gst_message_new_error (GST_OBJECT (decodebin), error, NULL));
    }
}

static gboolean
render_watchdog_cb (gpointer user_data)
{
  Project *project = user_data;

  /* _talkie_sandbox_fail_project destroys this source: keep it alive until we return */
  g_autoptr(GSource) source = g_source_ref (project->watchdog);

  _talkie_sandbox_fail_project (project, "failed: the audio could not be fetched and encoded in time");
  return G_SOURCE_REMOVE;
}

static gboolean
start_render (TalkieSandbox  *self,
              Project        *project,
              const char     *audio_uri,
              gboolean        green_screen,
              gboolean        subtitles,
              GError        **error)
{
  static const int sizes[3][2] = { { 180, 320 }, { 320, 180 }, { 240, 240 } };
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) picture = NULL;
  g_autoptr(GstElement) freeze = NULL;
  g_autoptr(GstElement) scale_caps = NULL;
  g_autoptr(GstElement) audio = NULL;
  g_autoptr(GstElement) audio_queue = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstElementFactory) overlay_factory = NULL;
  g_autofree char *picture_path = NULL;
  g_autofree char *description = NULL;
  gboolean with_subtitles;
  int frames;

  png = talkie_sandbox_art_cover_png (project->avatar_id, project->ratio, green_screen, error);
  if (png == NULL)
    return FALSE;

  picture_path = g_strdup_printf ("%s/picture-%s.png", self->data_dir, project->id);
  if (!g_file_set_contents (picture_path, g_bytes_get_data (png, NULL), g_bytes_get_size (png), error))
    return FALSE;

  /* subtitles: the service would burn in the words; we burn in the title, when
   * the text overlay is installed */
  with_subtitles = subtitles && (overlay_factory = gst_element_factory_find ("textoverlay")) != NULL;
  description = g_strdup_printf ("filesrc name=picture ! pngdec ! videoconvert ! videoscale"
                                 " ! capsfilter name=scale%s ! imagefreeze name=freeze"
                                 " ! video/x-raw,framerate=10/1 ! videoconvert ! vp8enc deadline=1 keyframe-max-dist=10"
                                 " ! queue ! webmmux name=mux ! filesink name=sink"
                                 " uridecodebin name=audio caps=audio/x-raw"
                                 " queue name=audio_queue ! audioconvert ! audioresample ! vorbisenc ! queue ! mux.",
                                 with_subtitles ? " ! videoconvert ! textoverlay name=subtitles valignment=bottom auto-resize=false shaded-background=true"
                                                  " halignment=center wrap-mode=word font-desc=\"Sans 8\" ! videoconvert" : "");
  pipeline = gst_parse_launch (description, error);
  if (pipeline == NULL)
    return FALSE;

  if (with_subtitles)
    {
      g_autoptr(GstElement) overlay = gst_bin_get_by_name (GST_BIN (pipeline), "subtitles");
      /* textoverlay parses Pango markup: a title such as "R&D" must be escaped. */
      g_autofree char *escaped = g_markup_escape_text (project->title, -1);

      g_object_set (overlay, "text", escaped, NULL);
    }

  picture = gst_bin_get_by_name (GST_BIN (pipeline), "picture");
  freeze = gst_bin_get_by_name (GST_BIN (pipeline), "freeze");
  scale_caps = gst_bin_get_by_name (GST_BIN (pipeline), "scale");
  audio = gst_bin_get_by_name (GST_BIN (pipeline), "audio");
  audio_queue = gst_bin_get_by_name (GST_BIN (pipeline), "audio_queue");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");

  frames = MAX (1, (int) ceil (project->duration * VIDEO_FPS));
  caps = gst_caps_new_simple ("video/x-raw",
                              "width", G_TYPE_INT, sizes[project->ratio][0],
                              "height", G_TYPE_INT, sizes[project->ratio][1],
                              NULL);

  g_object_set (picture, "location", picture_path, NULL);
  g_object_set (scale_caps, "caps", caps, NULL);
  g_object_set (freeze, "num-buffers", frames, NULL);
  g_object_set (audio, "uri", audio_uri, NULL);
  /* link the first sound stream; a picture stream in the file (an MP4, say) is left out */
  g_signal_connect_object (audio, "pad-added", G_CALLBACK (audio_pad_added_cb), audio_queue, 0);
  g_signal_connect_object (audio, "no-more-pads", G_CALLBACK (audio_no_more_pads_cb), audio_queue, 0);
  g_object_set (sink, "location", project->video_path, NULL);

  bus = gst_element_get_bus (pipeline);
  project->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (project->bus_source, G_SOURCE_FUNC (render_bus_message_cb), project, NULL);
  g_source_attach (project->bus_source, self->context);

  /* a stalled download must not keep the project at 3 for ever */
  project->watchdog = _talkie_sandbox_add_timeout (self, (guint) (30000 + 10000 * MIN (project->duration, 3600.0)),
                                                   render_watchdog_cb, project, NULL);

  project->pipeline = g_steal_pointer (&pipeline);
  if (gst_element_set_state (project->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      _talkie_sandbox_fail_project (project, "failed: the video pipeline could not start");
      return TRUE;
    }

  return TRUE;
}

/* If @url points at this sandbox (127.0.0.1 or localhost on our port), its path. */
static char *
own_media_path (TalkieSandbox *self,
                const char    *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL)
    return NULL;

  host = g_uri_get_host (uri);
  if (host == NULL || g_uri_get_port (uri) != (int) self->port ||
      (g_ascii_strcasecmp (host, "127.0.0.1") != 0 && g_ascii_strcasecmp (host, "localhost") != 0))
    return NULL;

  return g_strdup (g_uri_get_path (uri));
}

void
_talkie_sandbox_handle_render (TalkieSandbox     *self,
                               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own_path = NULL;
  g_autofree char *audio_uri = NULL;
  g_autofree char *avatar_name = NULL;
  JsonObject *script;
  JsonNode *script_node;
  const char *url, *voice_id, *scheme;
  gint64 aspect_ratio, person_id, person_source, screen_style, render_subtitle;
  double duration;
  guint avatar_ratio;
  gboolean mine;
  Project *project;
  Fault *fails;

  object = _talkie_sandbox_parse_request_object (msg);
  if (object == NULL)
    {
      _talkie_sandbox_reply_parameter_error (msg, "the request body must be a JSON object");
      return;
    }

  if (!_talkie_sandbox_member_is_int (object, "aspect_ratio", &aspect_ratio) || aspect_ratio < 0 || aspect_ratio > 2)
    {
      _talkie_sandbox_reply_parameter_error (msg, "aspect_ratio must be 0, 1 or 2");
      return;
    }

  script_node = json_object_get_member (object, "audio_script");
  if (script_node == NULL || !JSON_NODE_HOLDS_OBJECT (script_node))
    {
      _talkie_sandbox_reply_parameter_error (msg, "audio_script is required and must be an object with url and duration");
      return;
    }
  script = json_node_get_object (script_node);

  if (!_talkie_sandbox_member_is_string (script, "url"))
    {
      _talkie_sandbox_reply_parameter_error (msg, "audio_script.url is required and must be a string");
      return;
    }
  url = json_object_get_string_member (script, "url");
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      _talkie_sandbox_reply_parameter_error (msg, "audio_script.url must be an http or https URL");
      return;
    }

  own_path = own_media_path (self, url);
  if (own_path != NULL)
    {
      g_autofree char *local_file = NULL;

      g_autofree char *unescaped = g_str_has_prefix (own_path, "/media/") ?
        g_uri_unescape_string (own_path + strlen ("/media/"), NULL) : NULL;

      if (unescaped == NULL || !_talkie_sandbox_media_exists (self, unescaped, &local_file))
        {
          _talkie_sandbox_reply_parameter_error (msg, "audio_script.url does not exist: upload the audio first");
          return;
        }
      if (local_file != NULL)
        audio_uri = g_filename_to_uri (local_file, NULL, NULL);
    }
  if (audio_uri == NULL)
    audio_uri = g_strdup (url);

  if (!_talkie_sandbox_member_is_number (script, "duration", &duration) || !(duration > 0) || duration > MAX_AUDIO_SECONDS)
    {
      _talkie_sandbox_reply_parameter_error (msg, "audio_script.duration must be a number of seconds above 0 and at most %d",
                                             (int) MAX_AUDIO_SECONDS);
      return;
    }

  if (!_talkie_sandbox_member_is_int (object, "person_source", &person_source) || (person_source != 0 && person_source != 1))
    {
      _talkie_sandbox_reply_parameter_error (msg, "person_source must be 0 (public avatar) or 1 (your avatar)");
      return;
    }

  if (!_talkie_sandbox_member_is_int (object, "person_id", &person_id) || person_id <= 0 || person_id > G_MAXUINT ||
      !talkie_sandbox_art_avatar_lookup ((guint) person_id, self->avatar_count, &avatar_ratio, &mine) ||
      mine != (person_source == 1))
    {
      _talkie_sandbox_reply_parameter_error (msg, "person_id must be the id of an existing avatar of person_source %d",
                                             (int) person_source);
      return;
    }

  if (!_talkie_sandbox_member_is_int (object, "screen_style", &screen_style) || (screen_style != 1 && screen_style != 2))
    {
      _talkie_sandbox_reply_parameter_error (msg, "screen_style must be 1 (with background) or 2 (green screen)");
      return;
    }

  if (!_talkie_sandbox_member_is_string (object, "tts_voice_id") ||
      talkie_sandbox_art_find_voice (json_object_get_string_member (object, "tts_voice_id")) == NULL)
    {
      _talkie_sandbox_reply_parameter_error (msg, "tts_voice_id must be the lang_id of a known voice");
      return;
    }
  voice_id = json_object_get_string_member (object, "tts_voice_id");

  if (!_talkie_sandbox_member_is_int (object, "render_subtitle", &render_subtitle) || (render_subtitle != 1 && render_subtitle != 2))
    {
      _talkie_sandbox_reply_parameter_error (msg, "render_subtitle must be 1 (on) or 2 (off)");
      return;
    }

  avatar_name = talkie_sandbox_art_avatar_name ((guint) person_id);

  project = g_new0 (Project, 1);
  project->sandbox = self;
  project->id = _talkie_sandbox_new_token ();
  project->title = g_strdup_printf ("%s speaking", avatar_name);
  project->avatar_id = (guint) person_id;
  project->ratio = (guint) aspect_ratio;
  project->created_at = g_get_real_time () / G_USEC_PER_SEC;
  project->started_us = g_get_monotonic_time ();
  project->duration = duration;
  project->video_path = g_strdup_printf ("%s/video-%s.webm", self->data_dir, project->id);
  project->state = VIDEO_ENCODING;
  g_hash_table_insert (self->projects, project->id, project);

  g_debug ("Render %s: avatar %u, voice %s, %.2f s of %s",
           project->id, project->avatar_id, voice_id, duration, url);

  fails = _talkie_sandbox_find_fault (self, "/open/render/talking_avatar", TALKIE_SANDBOX_FAULT_RENDER_FAILS);
  if (fails == NULL)
    fails = _talkie_sandbox_find_fault (self, "/v1/project", TALKIE_SANDBOX_FAULT_RENDER_FAILS);
  if (fails != NULL)
    {
      _talkie_sandbox_use_fault (self, fails);
      _talkie_sandbox_fail_project (project, "failed: the avatar could not be animated (sandbox fault render-fails)");
    }
  else if (!start_render (self, project, audio_uri, screen_style == 2, render_subtitle == 1, &error))
    {
      g_autofree char *reason = g_strdup_printf ("failed: the video could not be made (%s)", error->message);
      _talkie_sandbox_fail_project (project, reason);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prj_id");
  json_builder_add_string_value (builder, project->id);
  json_builder_end_object (builder);

  _talkie_sandbox_reply_json (msg, CODE_OK, "success", _talkie_sandbox_builder_steal_root (builder));
}

void
_talkie_sandbox_handle_project (TalkieSandbox     *self,
                                SoupServerMessage *msg,
                                GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *cover = NULL;
  const char *id = query ? g_hash_table_lookup (query, "project_id") : NULL;
  const char *desc;
  Project *project;
  gint64 steps;
  int status;

  if (id == NULL || *id == '\0')
    {
      _talkie_sandbox_reply_parameter_error (msg, "project_id is required");
      return;
    }

  project = g_hash_table_lookup (self->projects, id);
  if (project == NULL)
    {
      _talkie_sandbox_reply_error (msg, CODE_NOT_FOUND, "record not found");
      return;
    }

  steps = (g_get_monotonic_time () - project->started_us) / ((gint64) MAX (self->step_ms, 1) * 1000);
  status = 1 + (int) MIN (steps, 2);
  if (steps >= 3)
    {
      if (project->state == VIDEO_DONE)
        status = 4;
      else if (project->state == VIDEO_FAILED)
        status = 5;
    }

  /* tests that want to see the whole walk: never skip a step between two polls */
  if (self->every_step && project->last_status < 3 && status > project->last_status + 1)
    status = project->last_status + 1;
  project->last_status = MAX (project->last_status, status);

  switch (status)
    {
    case 1: desc = "start"; break;
    case 2: desc = "waiting"; break;
    case 3: desc = "processing"; break;
    case 4: desc = "success"; break;
    case 5: desc = project->reason ? project->reason : "failed"; break;
    default: g_assert_not_reached ();
    }

  cover = _talkie_sandbox_cover_url (self, project->avatar_id);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, project->id);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, project->title);
  if (status == 4)
    {
      g_autofree char *video_url = g_strdup_printf ("%s/media/video/%s.webm", self->base_url, project->id);

      json_builder_set_member_name (builder, "video_duration");
      json_builder_add_int_value (builder, MAX (1, (gint64) round (project->duration)));
      json_builder_set_member_name (builder, "video_url");
      json_builder_add_string_value (builder, video_url);
    }
  json_builder_set_member_name (builder, "cover_url");
  json_builder_add_string_value (builder, cover);
  json_builder_set_member_name (builder, "status_code");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "status_desc");
  json_builder_add_string_value (builder, desc);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, project->created_at);
  json_builder_end_object (builder);

  _talkie_sandbox_reply_json (msg, CODE_OK, "success", _talkie_sandbox_builder_steal_root (builder));
}
