/* talkie-sandbox-media.c: the sandbox's hosted files (covers, audition clips,
 * uploads, finished videos) with ranges and ETags, the audition clips made on
 * first request, and the avatar and voice lists that point at them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include <string.h>

#include "talkie-sandbox-private.h"
#include "talkie-sandbox-art-private.h"

/* Cover images kept drawn (see _talkie_sandbox_handle_media). */
#define MAX_KEPT_COVERS 64

static void finish_audition (Audition *audition,
                             GBytes   *bytes);

/* ------------------------------------------------------------------------ */
/* media                                                                    */

static void
serve_bytes (SoupServerMessage *msg,
             GBytes            *bytes,
             const char        *content_type,
             const char        *tag)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize total = g_bytes_get_size (bytes);
  g_autofree char *etag = g_strdup_printf ("\"%08x-%" G_GSIZE_FORMAT "\"", g_str_hash (tag), total);
  const char *if_none_match;
  SoupRange *ranges = NULL;
  int n_ranges = 0;

  soup_message_headers_replace (response_headers, "Cache-Control", "max-age=86400");
  soup_message_headers_replace (response_headers, "ETag", etag);
  soup_message_headers_replace (response_headers, "Accept-Ranges", "bytes");

  if_none_match = soup_message_headers_get_one (request_headers, "If-None-Match");
  if (if_none_match != NULL && g_str_equal (if_none_match, etag))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_message_headers_set_content_type (response_headers, content_type, NULL);

  if (total > 0 &&
      soup_message_headers_get_ranges (request_headers, total, &ranges, &n_ranges))
    {
      goffset start = ranges[0].start;
      goffset end = ranges[0].end;

      soup_message_headers_free_ranges (request_headers, ranges);

      if (start < 0 || start >= (goffset) total || end < start)
        {
          g_autofree char *content_range = g_strdup_printf ("bytes */%" G_GSIZE_FORMAT, total);

          soup_server_message_set_status (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, NULL);
          soup_message_headers_replace (response_headers, "Content-Range", content_range);
          soup_message_headers_set_content_length (response_headers, 0);
          return;
        }

      if (n_ranges == 1)
        {
          g_autoptr(GBytes) part = NULL;

          end = MIN (end, (goffset) total - 1);
          part = g_bytes_new_from_bytes (bytes, start, end - start + 1);
          soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
          soup_message_headers_set_content_range (response_headers, start, end, total);
          soup_message_headers_set_content_length (response_headers, end - start + 1);
          soup_message_body_append_bytes (body, part);
          return;
        }
      /* several ranges: answer with the whole, which HTTP allows */
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_length (response_headers, total);
  soup_message_body_append_bytes (body, bytes);
}

static gboolean
serve_file (SoupServerMessage *msg,
            const char        *path,
            const char        *content_type)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;

  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return FALSE;

  bytes = g_mapped_file_get_bytes (mapped);
  serve_bytes (msg, bytes, content_type, path);
  return TRUE;
}

static gboolean
parse_uint (const char *str,
            guint64     max,
            guint      *out)
{
  guint64 value;

  if (str == NULL || !g_ascii_string_to_unsigned (str, 10, 0, max, &value, NULL))
    return FALSE;

  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_cover_path (TalkieSandbox *self,
                  const char    *name,
                  guint         *id,
                  guint         *ratio)
{
  g_autofree char *stem = NULL;

  if (!g_str_has_suffix (name, ".png"))
    return FALSE;

  stem = g_strndup (name, strlen (name) - strlen (".png"));
  if (!parse_uint (stem, G_MAXUINT, id))
    return FALSE;

  return talkie_sandbox_art_avatar_lookup (*id, self->avatar_count, ratio, NULL);
}

static const TalkieSandboxVoice *
parse_audition_path (const char *name)
{
  g_autofree char *stem = NULL;

  if (!g_str_has_suffix (name, ".ogg"))
    return NULL;

  stem = g_strndup (name, strlen (name) - strlen (".ogg"));
  return talkie_sandbox_art_find_voice (stem);
}

char *
_talkie_sandbox_cover_url (TalkieSandbox *self,
                           guint          id)
{
  return g_strdup_printf ("%s/media/cover/%u.png", self->base_url, id);
}

static char *
audition_url (TalkieSandbox            *self,
              const TalkieSandboxVoice *voice)
{
  g_autofree char *escaped = g_uri_escape_string (voice->lang_id, NULL, FALSE);

  return g_strdup_printf ("%s/media/audition/%s.ogg", self->base_url, escaped);
}

static Upload *
find_upload_for_media (TalkieSandbox *self,
                       const char    *rest)
{
  g_auto(GStrv) parts = g_strsplit (rest, "/", 2);
  Upload *upload;

  if (parts[0] == NULL || parts[1] == NULL)
    return NULL;

  upload = g_hash_table_lookup (self->uploads, parts[0]);
  if (upload == NULL || upload->state != UPLOAD_DONE || !g_str_equal (upload->filename, parts[1]))
    return NULL;

  return upload;
}

static Project *
find_project_for_media (TalkieSandbox *self,
                        const char    *name)
{
  g_autofree char *stem = NULL;
  Project *project;

  if (!g_str_has_suffix (name, ".webm"))
    return NULL;

  stem = g_strndup (name, strlen (name) - strlen (".webm"));
  project = g_hash_table_lookup (self->projects, stem);
  if (project == NULL || project->state != VIDEO_DONE)
    return NULL;

  return project;
}

/* @path is an unescaped media path without the "/media/" prefix. If it is ours and
 * lives in a file (an upload, a finished video, a made audition), return the file. */
gboolean
_talkie_sandbox_media_exists (TalkieSandbox  *self,
                              const char     *path,
                              char          **local_file)
{
  guint id, ratio;

  if (local_file != NULL)
    *local_file = NULL;

  if (g_str_has_prefix (path, "cover/"))
    return parse_cover_path (self, path + strlen ("cover/"), &id, &ratio);

  if (g_str_has_prefix (path, "audition/"))
    {
      const TalkieSandboxVoice *voice = parse_audition_path (path + strlen ("audition/"));

      if (voice == NULL)
        return FALSE;
      if (local_file != NULL)
        {
          g_autofree char *file = g_strdup_printf ("%s/audition-%s.ogg", self->data_dir, voice->lang_id);

          if (g_file_test (file, G_FILE_TEST_IS_REGULAR) &&
              g_hash_table_contains (self->media, path))
            *local_file = g_steal_pointer (&file);
        }
      return TRUE;
    }

  if (g_str_has_prefix (path, "upload/"))
    {
      Upload *upload = find_upload_for_media (self, path + strlen ("upload/"));

      if (upload == NULL)
        return FALSE;
      if (local_file != NULL)
        *local_file = g_strdup (upload->path);
      return TRUE;
    }

  if (g_str_has_prefix (path, "video/"))
    {
      Project *project = find_project_for_media (self, path + strlen ("video/"));

      if (project == NULL)
        return FALSE;
      if (local_file != NULL)
        *local_file = g_strdup (project->video_path);
      return TRUE;
    }

  return FALSE;
}

static gboolean
audition_bus_message_cb (GstBus     *bus,
                         GstMessage *message,
                         gpointer    user_data)
{
  Audition *audition = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_EOS:
      {
        g_autoptr(GMappedFile) mapped = g_mapped_file_new (audition->path, FALSE, NULL);
        g_autoptr(GBytes) bytes = mapped ? g_mapped_file_get_bytes (mapped) : NULL;

        finish_audition (audition, bytes);
        return G_SOURCE_REMOVE;
      }

    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;

        gst_message_parse_error (message, &error, NULL);
        g_debug ("Could not make the audition clip %s: %s", audition->lang_id, error->message);
        finish_audition (audition, NULL);
        return G_SOURCE_REMOVE;
      }

    default:
      return G_SOURCE_CONTINUE;
    }
}

/* Ends the pipeline, answers every waiting message and frees @audition. */
static void
finish_audition (Audition *audition,
                 GBytes   *bytes)
{
  TalkieSandbox *self = audition->sandbox;
  g_autofree char *key = g_strdup_printf ("audition/%s.ogg", audition->lang_id);
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&audition->waiting);

  /* we are inside the bus callback: it is removed by returning G_SOURCE_REMOVE */
  g_clear_pointer (&audition->bus_source, g_source_unref);
  if (audition->pipeline != NULL)
    {
      gst_element_set_state (audition->pipeline, GST_STATE_NULL);
      gst_clear_object (&audition->pipeline);
    }

  if (bytes != NULL)
    g_hash_table_insert (self->media, g_strdup (key), g_bytes_ref (bytes));

  for (guint i = 0; i < waiting->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (waiting, i);

      if (!g_ptr_array_find (self->held, msg, NULL))
        continue;

      if (bytes != NULL)
        serve_bytes (msg, bytes, "audio/ogg", key);
      else
        _talkie_sandbox_reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain",
                                   "The audition clip could not be made.");
      _talkie_sandbox_release_message (self, msg);
    }

  g_hash_table_remove (self->auditions, audition->lang_id);
}

static Audition *
start_audition (TalkieSandbox             *self,
                const TalkieSandboxVoice  *voice,
                GError                   **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  Audition *audition;

  pipeline = gst_parse_launch ("audiotestsrc name=src wave=sine num-buffers=86 samplesperbuffer=1024 volume=0.4"
                               " ! audio/x-raw,rate=44100,channels=1 ! audioconvert ! vorbisenc"
                               " ! oggmux ! filesink name=sink", error);
  if (pipeline == NULL)
    return NULL;

  audition = g_new0 (Audition, 1);
  audition->sandbox = self;
  audition->lang_id = g_strdup (voice->lang_id);
  audition->path = g_strdup_printf ("%s/audition-%s.ogg", self->data_dir, voice->lang_id);
  audition->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (src, "freq", (double) voice->frequency, NULL);
  g_object_set (sink, "location", audition->path, NULL);

  bus = gst_element_get_bus (pipeline);
  audition->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (audition->bus_source, G_SOURCE_FUNC (audition_bus_message_cb), audition, NULL);
  g_source_attach (audition->bus_source, self->context);

  audition->pipeline = g_steal_pointer (&pipeline);
  g_hash_table_insert (self->auditions, audition->lang_id, audition);

  gst_element_set_state (audition->pipeline, GST_STATE_PLAYING);

  return audition;
}

/* Returns FALSE when the message waits (held) for the answer. */
gboolean
_talkie_sandbox_handle_media (TalkieSandbox     *self,
                              SoupServerMessage *msg,
                              const char        *path)
{
  g_autofree char *local_file = NULL;
  GBytes *cached;
  guint id, ratio;

  if (!g_str_equal (soup_server_message_get_method (msg), "GET") &&
      !g_str_equal (soup_server_message_get_method (msg), "HEAD"))
    {
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain", "Only GET and HEAD are allowed here.");
      return TRUE;
    }

  cached = g_hash_table_lookup (self->media, path);
  if (cached != NULL)
    {
      serve_bytes (msg, cached, g_str_has_prefix (path, "cover/") ? "image/png" : "audio/ogg", path);
      return TRUE;
    }

  if (g_str_has_prefix (path, "cover/") &&
      parse_cover_path (self, path + strlen ("cover/"), &id, &ratio))
    {
      g_autoptr(GBytes) png = NULL;
      g_autoptr(GError) error = NULL;

      png = talkie_sandbox_art_cover_png (id, ratio, FALSE, &error);
      if (png == NULL)
        {
          _talkie_sandbox_reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", error->message);
          return TRUE;
        }

      /* Covers are drawn again when asked for again: only the latest are
       * kept, so that paging through 10,000 avatars in the app's built-in
       * sandbox does not keep 10,000 images in the app's memory. */
      g_hash_table_insert (self->media, g_strdup (path), g_bytes_ref (png));
      g_queue_push_tail (&self->covers, g_strdup (path));
      while (self->covers.length > MAX_KEPT_COVERS)
        {
          g_autofree char *oldest = g_queue_pop_head (&self->covers);

          g_hash_table_remove (self->media, oldest);
        }
      serve_bytes (msg, png, "image/png", path);
      return TRUE;
    }

  if (g_str_has_prefix (path, "audition/"))
    {
      const TalkieSandboxVoice *voice = parse_audition_path (path + strlen ("audition/"));
      Audition *audition;

      if (voice != NULL)
        {
          g_autoptr(GError) error = NULL;

          audition = g_hash_table_lookup (self->auditions, voice->lang_id);
          if (audition == NULL)
            audition = start_audition (self, voice, &error);
          if (audition == NULL)
            {
              _talkie_sandbox_reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", error->message);
              return TRUE;
            }

          g_ptr_array_add (audition->waiting, g_object_ref (msg));
          return FALSE;
        }
    }

  if (_talkie_sandbox_media_exists (self, path, &local_file) && local_file != NULL)
    {
      const char *type = "application/octet-stream";

      if (g_str_has_prefix (path, "video/"))
        type = "video/webm";
      else if (g_str_has_prefix (path, "upload/"))
        {
          Upload *upload = find_upload_for_media (self, path + strlen ("upload/"));
          type = upload->content_type;
        }

      if (serve_file (msg, local_file, type))
        return TRUE;
    }

  _talkie_sandbox_reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "No such media file.");
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* catalogue                                                                */

static void
add_avatar (TalkieSandbox *self,
            JsonBuilder   *builder,
            guint          id)
{
  g_autofree char *name = talkie_sandbox_art_avatar_name (id);
  g_autofree char *url = _talkie_sandbox_cover_url (self, id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "cover_url");
  json_builder_add_string_value (builder, url);
  json_builder_end_object (builder);
}

void
_talkie_sandbox_handle_avatars (TalkieSandbox     *self,
                                SoupServerMessage *msg,
                                GHashTable        *query,
                                gboolean           mine)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint ratio = 0;

  if (!mine)
    {
      const char *value = query ? g_hash_table_lookup (query, "aspect_ratio") : NULL;

      if (value == NULL)
        {
          _talkie_sandbox_reply_parameter_error (msg, "aspect_ratio is required (0, 1 or 2)");
          return;
        }
      if (!parse_uint (value, 2, &ratio))
        {
          _talkie_sandbox_reply_parameter_error (msg, "aspect_ratio must be 0, 1 or 2");
          return;
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "avatars");
  json_builder_begin_array (builder);
  if (mine)
    {
      for (guint i = 0; i < TALKIE_SANDBOX_USER_AVATARS; i++)
        add_avatar (self, builder, TALKIE_SANDBOX_USER_AVATAR_BASE + i);
    }
  else
    {
      for (guint i = 0; i < self->avatar_count; i++)
        add_avatar (self, builder, talkie_sandbox_art_avatar_id (ratio, i));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  _talkie_sandbox_reply_json (msg, CODE_OK, "success", _talkie_sandbox_builder_steal_root (builder));
}

void
_talkie_sandbox_handle_timbres (TalkieSandbox     *self,
                                SoupServerMessage *msg,
                                GHashTable        *query,
                                gboolean           mine)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const TalkieSandboxVoice *voices;
  const char *gender = NULL;
  guint n_voices, total = 0;

  if (!mine && query != NULL)
    {
      gender = g_hash_table_lookup (query, "gender");
      if (gender != NULL && !g_str_equal (gender, "female") && !g_str_equal (gender, "male"))
        {
          _talkie_sandbox_reply_parameter_error (msg, "gender must be female or male");
          return;
        }
    }

  voices = talkie_sandbox_art_voices (&n_voices);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "timbres");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_voices; i++)
    {
      g_autofree char *url = NULL;

      if (voices[i].mine != mine)
        continue;
      if (gender != NULL && !g_str_equal (gender, voices[i].gender))
        continue;

      url = audition_url (self, &voices[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, voices[i].name);
      json_builder_set_member_name (builder, "lang_id");
      json_builder_add_string_value (builder, voices[i].lang_id);
      json_builder_set_member_name (builder, "audition_url");
      json_builder_add_string_value (builder, url);
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, voices[i].language);
      json_builder_end_object (builder);
      total++;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_end_object (builder);

  _talkie_sandbox_reply_json (msg, CODE_OK, "success", _talkie_sandbox_builder_steal_root (builder));
}
