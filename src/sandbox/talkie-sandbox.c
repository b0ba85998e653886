/* talkie-sandbox.c: a JoggAI look-alike on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "talkie-sandbox.h"
#include "talkie-sandbox-art-private.h"

#define DEFAULT_API_KEY       "sandbox"
#define DEFAULT_AVATAR_COUNT  48
#define DEFAULT_STEP_MS       1500
#define UPLOAD_SIZE_CAP       (200 * 1024 * 1024)
#define MAX_AUDIO_SECONDS     7200.0
#define VIDEO_FPS             10
#define REQUEST_BODY_CAP      (1024 * 1024)

#define CODE_OK               0
#define CODE_NOT_FOUND        10104
#define CODE_INVALID_KEY      10105
#define CODE_PARAMETER        40000

typedef struct
{
  char               *path;
  TalkieSandboxFault  kind;
  int                 value;
  guint               times;    /* remaining, 0 = until cleared */
} Fault;

typedef enum
{
  UPLOAD_WAITING,
  UPLOAD_DONE,
} UploadState;

typedef struct
{
  char        *token;
  char        *filename;
  char        *content_type;
  guint64      file_size;
  char        *path;
  UploadState  state;
} Upload;

typedef struct
{
  Upload *upload;     /* borrowed (compared, never read), or NULL when unknown or used */
  guint64 expected;
  int     fd;
  char   *tmp_path;
  guint64 received;
  gboolean write_failed;
} UploadWrite;

typedef enum
{
  VIDEO_ENCODING,
  VIDEO_DONE,
  VIDEO_FAILED,
} VideoState;

typedef struct
{
  TalkieSandbox *sandbox;    /* unowned */
  char          *id;
  char          *title;
  guint          avatar_id;
  guint          ratio;
  gint64         created_at;
  gint64         started_us;
  double         duration;
  char          *video_path;
  VideoState     state;
  int            last_status;
  char          *reason;
  GstElement    *pipeline;
  GSource       *bus_source;
  GSource       *watchdog;
} Project;

typedef struct
{
  TalkieSandbox *sandbox;    /* unowned */
  char          *lang_id;
  char          *path;
  GstElement    *pipeline;
  GSource       *bus_source;
  GPtrArray     *waiting;    /* of SoupServerMessage, paused */
} Audition;

struct _TalkieSandbox
{
  GObject       parent_instance;

  char         *api_key;
  guint         port;
  guint         avatar_count;
  guint         step_ms;
  gboolean      every_step;
  char         *data_dir;
  gboolean      owns_data_dir;

  GMainContext *context;
  SoupServer   *server;
  char         *base_url;

  GHashTable   *hits;        /* path → count */
  GPtrArray    *faults;      /* of Fault */
  GHashTable   *media;       /* media path → GBytes */
  GHashTable   *auditions;   /* lang_id → Audition, while being made */
  GHashTable   *uploads;     /* token → Upload */
  GHashTable   *projects;    /* id → Project */
  GPtrArray    *held;        /* paused messages (delay fault, audition wait) */
  GPtrArray    *timeouts;    /* GSource of pending delays */
};

G_DEFINE_FINAL_TYPE (TalkieSandbox, talkie_sandbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_KEY,
  PROP_PORT,
  PROP_AVATAR_COUNT,
  PROP_STEP_MS,
  PROP_DATA_DIR,
  PROP_REPORT_EVERY_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void serve_request   (TalkieSandbox     *self,
                             SoupServerMessage *msg);
static void finish_audition (Audition          *audition,
                             GBytes            *bytes);

/* ------------------------------------------------------------------------ */
/* small helpers                                                            */

static void
fault_free (Fault *fault)
{
  g_free (fault->path);
  g_free (fault);
}

static void
upload_free (Upload *upload)
{
  g_free (upload->token);
  g_free (upload->filename);
  g_free (upload->content_type);
  g_free (upload->path);
  g_free (upload);
}

static void
upload_write_free (UploadWrite *uw)
{
  if (uw->fd >= 0)
    close (uw->fd);
  if (uw->tmp_path != NULL)
    g_unlink (uw->tmp_path);
  g_free (uw->tmp_path);
  g_free (uw);
}

static void
stop_pipeline (GstElement **pipeline,
               GSource    **bus_source)
{
  if (*bus_source != NULL)
    {
      g_source_destroy (*bus_source);
      g_clear_pointer (bus_source, g_source_unref);
    }
  if (*pipeline != NULL)
    {
      gst_element_set_state (*pipeline, GST_STATE_NULL);
      gst_clear_object (pipeline);
    }
}

static void
project_free (Project *project)
{
  if (project->watchdog != NULL)
    {
      g_source_destroy (project->watchdog);
      g_clear_pointer (&project->watchdog, g_source_unref);
    }
  stop_pipeline (&project->pipeline, &project->bus_source);
  g_free (project->id);
  g_free (project->title);
  g_free (project->video_path);
  g_free (project->reason);
  g_free (project);
}

static void
audition_free (Audition *audition)
{
  stop_pipeline (&audition->pipeline, &audition->bus_source);
  g_clear_pointer (&audition->waiting, g_ptr_array_unref);
  g_free (audition->lang_id);
  g_free (audition->path);
  g_free (audition);
}

static char *
new_token (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *str = g_string_new (NULL);

  for (const char *p = uuid; *p; p++)
    if (*p != '-')
      g_string_append_c (str, *p);

  return g_string_free (str, FALSE);
}

static void on_held_message_gone (SoupServerMessage *msg,
                                  TalkieSandbox     *self);

static void
hold_message (TalkieSandbox     *self,
              SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (self->held, g_object_ref (msg));
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_held_message_gone), self);
}

/* Returns FALSE if the message was not held (any more): the client went away,
 * or the sandbox stopped. */
static gboolean
release_message (TalkieSandbox     *self,
                 SoupServerMessage *msg)
{
  if (!g_ptr_array_remove (self->held, msg))
    return FALSE;

  g_signal_handlers_disconnect_by_func (msg, on_held_message_gone, self);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return TRUE;
}

static void
on_held_message_gone (SoupServerMessage *msg,
                      TalkieSandbox     *self)
{
  /* The connection closed while we held the message: forget it, never unpause. */
  g_signal_handlers_disconnect_by_func (msg, on_held_message_gone, self);
  if (g_ptr_array_remove (self->held, msg))
    g_object_unref (msg);
}

static GSource *
add_timeout (TalkieSandbox  *self,
             guint           ms,
             GSourceFunc     func,
             gpointer        data,
             GDestroyNotify  destroy)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, destroy);
  g_source_attach (source, self->context);
  return source;
}

static void
remove_dir_recursive (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_dir_recursive (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

/* ------------------------------------------------------------------------ */
/* replies                                                                  */

static void
reply_raw (SoupServerMessage *msg,
           guint              status,
           const char        *content_type,
           const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

/* @data is consumed */
static void
reply_json (SoupServerMessage *msg,
            int                code,
            const char        *message,
            JsonNode          *data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *rid = new_token ();
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "msg");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "data");
  if (data != NULL)
    json_builder_add_value (builder, data);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "rid");
  json_builder_add_string_value (builder, rid);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, NULL);

  reply_raw (msg, SOUP_STATUS_OK, "application/json", body);
}

static void
reply_error (SoupServerMessage *msg,
             int                code,
             const char        *message)
{
  reply_json (msg, code, message, NULL);
}

G_GNUC_PRINTF (2, 3)
static void
reply_parameter_error (SoupServerMessage *msg,
                       const char        *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  reply_error (msg, CODE_PARAMETER, message);
}

static JsonNode *
builder_steal_root (JsonBuilder *builder)
{
  return json_builder_get_root (builder);
}

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

static char *
cover_url (TalkieSandbox *self,
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
static gboolean
media_exists (TalkieSandbox  *self,
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
on_audition_bus_message (GstBus     *bus,
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
        reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain",
                   "The audition clip could not be made.");
      release_message (self, msg);
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
  g_source_set_callback (audition->bus_source, G_SOURCE_FUNC (on_audition_bus_message), audition, NULL);
  g_source_attach (audition->bus_source, self->context);

  audition->pipeline = g_steal_pointer (&pipeline);
  g_hash_table_insert (self->auditions, audition->lang_id, audition);

  gst_element_set_state (audition->pipeline, GST_STATE_PLAYING);

  return audition;
}

/* Returns FALSE when the message waits (held) for the answer. */
static gboolean
handle_media (TalkieSandbox     *self,
              SoupServerMessage *msg,
              const char        *path)
{
  g_autofree char *local_file = NULL;
  GBytes *cached;
  guint id, ratio;

  if (!g_str_equal (soup_server_message_get_method (msg), "GET") &&
      !g_str_equal (soup_server_message_get_method (msg), "HEAD"))
    {
      reply_raw (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain", "Only GET and HEAD are allowed here.");
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
          reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", error->message);
          return TRUE;
        }

      g_hash_table_insert (self->media, g_strdup (path), g_bytes_ref (png));
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
              reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", error->message);
              return TRUE;
            }

          g_ptr_array_add (audition->waiting, g_object_ref (msg));
          return FALSE;
        }
    }

  if (media_exists (self, path, &local_file) && local_file != NULL)
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

  reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "No such media file.");
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
  g_autofree char *url = cover_url (self, id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "cover_url");
  json_builder_add_string_value (builder, url);
  json_builder_end_object (builder);
}

static void
handle_avatars (TalkieSandbox     *self,
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
          reply_parameter_error (msg, "aspect_ratio is required (0, 1 or 2)");
          return;
        }
      if (!parse_uint (value, 2, &ratio))
        {
          reply_parameter_error (msg, "aspect_ratio must be 0, 1 or 2");
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

  reply_json (msg, CODE_OK, "success", builder_steal_root (builder));
}

static void
handle_timbres (TalkieSandbox     *self,
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
          reply_parameter_error (msg, "gender must be female or male");
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

  reply_json (msg, CODE_OK, "success", builder_steal_root (builder));
}

/* ------------------------------------------------------------------------ */
/* upload                                                                   */

static JsonObject *
parse_request_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  gsize size;
  gconstpointer data;

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || size > REQUEST_BODY_CAP)
    return NULL;
  if (!json_parser_load_from_data (parser, data, size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

static gboolean
member_is_string (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
member_is_int (JsonObject *object,
               const char *name,
               gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
member_is_number (JsonObject *object,
                  const char *name,
                  double     *value)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static gboolean
is_safe_filename (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 255)
    return FALSE;
  if (g_str_equal (name, ".") || g_str_equal (name, ".."))
    return FALSE;
  if (strchr (name, '/') != NULL || strchr (name, '\\') != NULL)
    return FALSE;
  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20)
      return FALSE;
  return TRUE;
}

static void
handle_upload_asset (TalkieSandbox     *self,
                     SoupServerMessage *msg)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *sign_url = NULL;
  g_autofree char *asset_url = NULL;
  const char *filename, *content_type;
  gint64 file_size;
  Upload *upload;

  object = parse_request_object (msg);
  if (object == NULL)
    {
      reply_parameter_error (msg, "the request body must be a JSON object");
      return;
    }

  if (!member_is_string (object, "filename"))
    {
      reply_parameter_error (msg, "filename is required and must be a string");
      return;
    }
  filename = json_object_get_string_member (object, "filename");
  if (!is_safe_filename (filename))
    {
      reply_parameter_error (msg, "filename must be a plain file name");
      return;
    }

  if (!member_is_string (object, "content_type"))
    {
      reply_parameter_error (msg, "content_type is required and must be a string");
      return;
    }
  content_type = json_object_get_string_member (object, "content_type");
  if (!g_str_has_prefix (content_type, "audio/") || content_type[strlen ("audio/")] == '\0' ||
      strpbrk (content_type, " \t\r\n;,") != NULL)
    {
      reply_parameter_error (msg, "content_type must be an audio type such as audio/mpeg");
      return;
    }

  if (!member_is_int (object, "file_size", &file_size))
    {
      reply_parameter_error (msg, "file_size is required and must be an integer");
      return;
    }
  if (file_size <= 0 || file_size > UPLOAD_SIZE_CAP)
    {
      reply_parameter_error (msg, "file_size must be between 1 and %d bytes", UPLOAD_SIZE_CAP);
      return;
    }

  upload = g_new0 (Upload, 1);
  upload->token = new_token ();
  upload->filename = g_strdup (filename);
  upload->content_type = g_strdup (content_type);
  upload->file_size = (guint64) file_size;
  upload->path = g_strdup_printf ("%s/upload-%s", self->data_dir, upload->token);
  upload->state = UPLOAD_WAITING;
  g_hash_table_insert (self->uploads, upload->token, upload);

  escaped = g_uri_escape_string (filename, NULL, FALSE);
  sign_url = g_strdup_printf ("%s/upload/%s", self->base_url, upload->token);
  asset_url = g_strdup_printf ("%s/media/upload/%s/%s", self->base_url, upload->token, escaped);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sign_url");
  json_builder_add_string_value (builder, sign_url);
  json_builder_set_member_name (builder, "asset_url");
  json_builder_add_string_value (builder, asset_url);
  json_builder_end_object (builder);

  reply_json (msg, CODE_OK, "success", builder_steal_root (builder));
}

static void
on_upload_got_chunk (SoupServerMessage *msg,
                     GBytes            *chunk,
                     UploadWrite       *uw)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (chunk, &size);

  uw->received += size;

  if (uw->fd < 0 || uw->write_failed)
    return;

  if (uw->received > uw->expected)
    {
      /* longer than declared: stop writing, the handler answers 400 */
      uw->write_failed = TRUE;
      return;
    }

  /* Local disk writes of one network chunk: short, and they keep memory flat. */
  while (size > 0)
    {
      gssize n = write (uw->fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          uw->write_failed = TRUE;
          return;
        }
      data += n;
      size -= (gsize) n;
    }
}

static void
early_upload_handler (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  TalkieSandbox *self = user_data;
  UploadWrite *uw;
  Upload *upload;

  if (!g_str_equal (soup_server_message_get_method (msg), "PUT") ||
      !g_str_has_prefix (path, "/upload/"))
    return;

  /* never keep an upload's bytes in memory */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);

  uw = g_new0 (UploadWrite, 1);
  uw->fd = -1;

  upload = g_hash_table_lookup (self->uploads, path + strlen ("/upload/"));
  if (upload != NULL && upload->state == UPLOAD_WAITING)
    {
      uw->upload = upload;
      uw->expected = upload->file_size;
      uw->tmp_path = g_strdup_printf ("%s.part-%p", upload->path, (gpointer) msg);
      uw->fd = g_open (uw->tmp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (uw->fd < 0)
        uw->write_failed = TRUE;
    }

  g_object_set_data_full (G_OBJECT (msg), "talkie-sandbox-upload", uw,
                          (GDestroyNotify) upload_write_free);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (on_upload_got_chunk), uw);
}

static void
handle_upload_put (TalkieSandbox     *self,
                   SoupServerMessage *msg,
                   const char        *token)
{
  UploadWrite *uw = g_object_get_data (G_OBJECT (msg), "talkie-sandbox-upload");
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type;
  Upload *upload;

  if (!g_str_equal (soup_server_message_get_method (msg), "PUT"))
    {
      reply_raw (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain", "Upload with PUT.");
      return;
    }

  upload = g_hash_table_lookup (self->uploads, token);
  if (upload == NULL)
    {
      reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain",
                 "Unknown upload URL: ask /v1/upload/asset for a new one.");
      return;
    }
  if (upload->state != UPLOAD_WAITING || uw == NULL || uw->upload != upload)
    {
      reply_raw (msg, SOUP_STATUS_FORBIDDEN, "text/plain",
                 "This upload URL was already used: ask /v1/upload/asset for a new one.");
      return;
    }

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL || g_ascii_strcasecmp (content_type, upload->content_type) != 0)
    {
      reply_raw (msg, SOUP_STATUS_BAD_REQUEST, "text/plain",
                 "Content-Type differs from the content_type declared for this upload.");
      return;
    }

  if (uw->received != upload->file_size)
    {
      reply_raw (msg, SOUP_STATUS_BAD_REQUEST, "text/plain",
                 "The body length differs from the file_size declared for this upload.");
      return;
    }

  if (uw->write_failed || uw->fd < 0 || close (uw->fd) != 0)
    {
      uw->fd = -1;
      reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain",
                 "The sandbox could not store the upload.");
      return;
    }
  uw->fd = -1;

  if (g_rename (uw->tmp_path, upload->path) != 0)
    {
      reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain",
                 "The sandbox could not store the upload.");
      return;
    }
  g_clear_pointer (&uw->tmp_path, g_free);

  upload->state = UPLOAD_DONE;
  reply_raw (msg, SOUP_STATUS_OK, "text/plain", "");
}

/* ------------------------------------------------------------------------ */
/* render                                                                   */

static Fault *
find_fault (TalkieSandbox      *self,
            const char         *key,
            TalkieSandboxFault  kind)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if ((g_str_equal (fault->path, key) || g_str_equal (fault->path, "*")) &&
          (kind == TALKIE_SANDBOX_FAULT_NONE ?
           fault->kind != TALKIE_SANDBOX_FAULT_RENDER_FAILS : fault->kind == kind))
        return fault;
    }

  return NULL;
}

/* Counts one use of @fault; removes it when used up. */
static void
use_fault (TalkieSandbox *self,
           Fault         *fault)
{
  if (fault->times == 0)
    return;
  if (--fault->times == 0)
    g_ptr_array_remove (self->faults, fault);
}

static void
fail_project (Project    *project,
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
on_render_bus_message (GstBus     *bus,
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
        /* fail_project destroys our source: keep it alive until we return */
        g_autoptr(GSource) source = g_source_ref (project->bus_source);

        fail_project (project, reason);
        return G_SOURCE_REMOVE;
      }

    default:
      return G_SOURCE_CONTINUE;
    }
}

/* Called on a streaming thread. */
static void
on_audio_pad_added (GstElement *decodebin,
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
on_audio_no_more_pads (GstElement *decodebin,
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
on_render_watchdog (gpointer user_data)
{
  Project *project = user_data;

  /* fail_project destroys this source: keep it alive until we return */
  g_autoptr(GSource) source = g_source_ref (project->watchdog);

  fail_project (project, "failed: the audio could not be fetched and encoded in time");
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
  g_signal_connect_object (audio, "pad-added", G_CALLBACK (on_audio_pad_added), audio_queue, 0);
  g_signal_connect_object (audio, "no-more-pads", G_CALLBACK (on_audio_no_more_pads), audio_queue, 0);
  g_object_set (sink, "location", project->video_path, NULL);

  bus = gst_element_get_bus (pipeline);
  project->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (project->bus_source, G_SOURCE_FUNC (on_render_bus_message), project, NULL);
  g_source_attach (project->bus_source, self->context);

  /* a stalled download must not keep the project at 3 for ever */
  project->watchdog = add_timeout (self, (guint) (30000 + 10000 * MIN (project->duration, 3600.0)),
                                   on_render_watchdog, project, NULL);

  project->pipeline = g_steal_pointer (&pipeline);
  if (gst_element_set_state (project->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      fail_project (project, "failed: the video pipeline could not start");
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

static void
handle_render (TalkieSandbox     *self,
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

  object = parse_request_object (msg);
  if (object == NULL)
    {
      reply_parameter_error (msg, "the request body must be a JSON object");
      return;
    }

  if (!member_is_int (object, "aspect_ratio", &aspect_ratio) || aspect_ratio < 0 || aspect_ratio > 2)
    {
      reply_parameter_error (msg, "aspect_ratio must be 0, 1 or 2");
      return;
    }

  script_node = json_object_get_member (object, "audio_script");
  if (script_node == NULL || !JSON_NODE_HOLDS_OBJECT (script_node))
    {
      reply_parameter_error (msg, "audio_script is required and must be an object with url and duration");
      return;
    }
  script = json_node_get_object (script_node);

  if (!member_is_string (script, "url"))
    {
      reply_parameter_error (msg, "audio_script.url is required and must be a string");
      return;
    }
  url = json_object_get_string_member (script, "url");
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      reply_parameter_error (msg, "audio_script.url must be an http or https URL");
      return;
    }

  own_path = own_media_path (self, url);
  if (own_path != NULL)
    {
      g_autofree char *local_file = NULL;

      g_autofree char *unescaped = g_str_has_prefix (own_path, "/media/") ?
        g_uri_unescape_string (own_path + strlen ("/media/"), NULL) : NULL;

      if (unescaped == NULL || !media_exists (self, unescaped, &local_file))
        {
          reply_parameter_error (msg, "audio_script.url does not exist: upload the audio first");
          return;
        }
      if (local_file != NULL)
        audio_uri = g_filename_to_uri (local_file, NULL, NULL);
    }
  if (audio_uri == NULL)
    audio_uri = g_strdup (url);

  if (!member_is_number (script, "duration", &duration) || !(duration > 0) || duration > MAX_AUDIO_SECONDS)
    {
      reply_parameter_error (msg, "audio_script.duration must be a number of seconds above 0 and at most %d",
                             (int) MAX_AUDIO_SECONDS);
      return;
    }

  if (!member_is_int (object, "person_source", &person_source) || (person_source != 0 && person_source != 1))
    {
      reply_parameter_error (msg, "person_source must be 0 (public avatar) or 1 (your avatar)");
      return;
    }

  if (!member_is_int (object, "person_id", &person_id) || person_id <= 0 || person_id > G_MAXUINT ||
      !talkie_sandbox_art_avatar_lookup ((guint) person_id, self->avatar_count, &avatar_ratio, &mine) ||
      mine != (person_source == 1))
    {
      reply_parameter_error (msg, "person_id must be the id of an existing avatar of person_source %d",
                             (int) person_source);
      return;
    }

  if (!member_is_int (object, "screen_style", &screen_style) || (screen_style != 1 && screen_style != 2))
    {
      reply_parameter_error (msg, "screen_style must be 1 (with background) or 2 (green screen)");
      return;
    }

  if (!member_is_string (object, "tts_voice_id") ||
      talkie_sandbox_art_find_voice (json_object_get_string_member (object, "tts_voice_id")) == NULL)
    {
      reply_parameter_error (msg, "tts_voice_id must be the lang_id of a known voice");
      return;
    }
  voice_id = json_object_get_string_member (object, "tts_voice_id");

  if (!member_is_int (object, "render_subtitle", &render_subtitle) || (render_subtitle != 1 && render_subtitle != 2))
    {
      reply_parameter_error (msg, "render_subtitle must be 1 (on) or 2 (off)");
      return;
    }

  avatar_name = talkie_sandbox_art_avatar_name ((guint) person_id);

  project = g_new0 (Project, 1);
  project->sandbox = self;
  project->id = new_token ();
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

  fails = find_fault (self, "/open/render/talking_avatar", TALKIE_SANDBOX_FAULT_RENDER_FAILS);
  if (fails == NULL)
    fails = find_fault (self, "/v1/project", TALKIE_SANDBOX_FAULT_RENDER_FAILS);
  if (fails != NULL)
    {
      use_fault (self, fails);
      fail_project (project, "failed: the avatar could not be animated (sandbox fault render-fails)");
    }
  else if (!start_render (self, project, audio_uri, screen_style == 2, render_subtitle == 1, &error))
    {
      g_autofree char *reason = g_strdup_printf ("failed: the video could not be made (%s)", error->message);
      fail_project (project, reason);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "prj_id");
  json_builder_add_string_value (builder, project->id);
  json_builder_end_object (builder);

  reply_json (msg, CODE_OK, "success", builder_steal_root (builder));
}

static void
handle_project (TalkieSandbox     *self,
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
      reply_parameter_error (msg, "project_id is required");
      return;
    }

  project = g_hash_table_lookup (self->projects, id);
  if (project == NULL)
    {
      reply_error (msg, CODE_NOT_FOUND, "record not found");
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

  cover = cover_url (self, project->avatar_id);

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

  reply_json (msg, CODE_OK, "success", builder_steal_root (builder));
}

/* ------------------------------------------------------------------------ */
/* control                                                                  */

static void
handle_control (TalkieSandbox     *self,
                SoupServerMessage *msg,
                const char        *path)
{
  if (g_str_equal (path, "/_sandbox/clear"))
    {
      talkie_sandbox_clear_faults (self);
      reply_json (msg, CODE_OK, "success", NULL);
      return;
    }

  if (g_str_equal (path, "/_sandbox/fault"))
    {
      g_autoptr(JsonObject) object = parse_request_object (msg);
      TalkieSandboxFault kind;
      gint64 value = 0, times = 0;

      if (object == NULL)
        {
          reply_parameter_error (msg, "the request body must be a JSON object");
          return;
        }
      if (!member_is_string (object, "path") ||
          *json_object_get_string_member (object, "path") == '\0')
        {
          reply_parameter_error (msg, "path is required, such as /open/avatar or *");
          return;
        }
      if (!member_is_string (object, "fault") ||
          !talkie_sandbox_fault_from_string (json_object_get_string_member (object, "fault"), &kind))
        {
          reply_parameter_error (msg, "fault must be one of 500, delay, malformed, truncated, drop, code, render-fails");
          return;
        }
      if (json_object_has_member (object, "value") &&
          (!member_is_int (object, "value", &value) || value < G_MININT || value > G_MAXINT))
        {
          reply_parameter_error (msg, "value must be an integer");
          return;
        }
      if (json_object_has_member (object, "times") &&
          (!member_is_int (object, "times", &times) || times < 0 || times > G_MAXUINT))
        {
          reply_parameter_error (msg, "times must be a whole number, 0 for until cleared");
          return;
        }

      talkie_sandbox_set_fault (self, json_object_get_string_member (object, "path"),
                                kind, (int) value, (guint) times);
      reply_json (msg, CODE_OK, "success", NULL);
      return;
    }

  if (g_str_equal (path, "/_sandbox/hits"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      GUri *uri = soup_server_message_get_uri (msg);
      g_autoptr(GHashTable) query = NULL;
      const char *which = NULL;

      if (g_uri_get_query (uri) != NULL)
        query = soup_form_decode (g_uri_get_query (uri));
      if (query != NULL)
        which = g_hash_table_lookup (query, "path");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "hits");
      json_builder_add_int_value (builder, talkie_sandbox_get_hits (self, which ? which : "*"));
      json_builder_end_object (builder);
      reply_json (msg, CODE_OK, "success", builder_steal_root (builder));
      return;
    }

  reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "No such sandbox control.");
}

/* ------------------------------------------------------------------------ */
/* dispatch                                                                 */

/* The path a request counts under for hits and faults. */
static const char *
request_key (const char *path)
{
  if (g_str_has_prefix (path, "/media/"))
    return "/media/";
  if (g_str_has_prefix (path, "/upload/"))
    return "/upload/";
  return path;
}

static gboolean
method_is (SoupServerMessage *msg,
           const char        *method)
{
  return g_str_equal (soup_server_message_get_method (msg), method);
}

/* Returns FALSE if the message is held for an answer later. */
static gboolean
dispatch (TalkieSandbox     *self,
          SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  g_autofree char *unescaped = NULL;
  g_autoptr(GHashTable) query = NULL;
  const char *key;

  if (g_uri_get_query (uri) != NULL)
    query = soup_form_decode (g_uri_get_query (uri));

  if (g_str_has_prefix (path, "/media/"))
    {
      unescaped = g_uri_unescape_string (path + strlen ("/media/"), NULL);
      if (unescaped == NULL)
        {
          reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "No such media file.");
          return TRUE;
        }
      return handle_media (self, msg, unescaped);
    }

  if (g_str_has_prefix (path, "/upload/"))
    {
      handle_upload_put (self, msg, path + strlen ("/upload/"));
      return TRUE;
    }

  if (!g_str_has_prefix (path, "/open/") && !g_str_has_prefix (path, "/v1/") &&
      !g_str_has_prefix (path, "/_sandbox/"))
    {
      reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not found.");
      return TRUE;
    }

  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "x-api-key");
  if (key == NULL || !g_str_equal (key, self->api_key))
    {
      reply_error (msg, CODE_INVALID_KEY, "invalid API key");
      return TRUE;
    }

  if (g_str_has_prefix (path, "/_sandbox/") && method_is (msg, "POST"))
    handle_control (self, msg, path);
  else if (g_str_has_prefix (path, "/_sandbox/") && method_is (msg, "GET"))
    handle_control (self, msg, path);
  else if (g_str_equal (path, "/open/avatar") && method_is (msg, "GET"))
    handle_avatars (self, msg, query, FALSE);
  else if (g_str_equal (path, "/open/avatar/user") && method_is (msg, "GET"))
    handle_avatars (self, msg, query, TRUE);
  else if (g_str_equal (path, "/open/timbre") && method_is (msg, "GET"))
    handle_timbres (self, msg, query, FALSE);
  else if (g_str_equal (path, "/open/timbre/user") && method_is (msg, "GET"))
    handle_timbres (self, msg, query, TRUE);
  else if (g_str_equal (path, "/open/render/talking_avatar") && method_is (msg, "POST"))
    handle_render (self, msg);
  else if (g_str_equal (path, "/v1/upload/asset") && method_is (msg, "POST"))
    handle_upload_asset (self, msg);
  else if (g_str_equal (path, "/v1/project") && method_is (msg, "GET"))
    handle_project (self, msg, query);
  else
    reply_raw (msg, SOUP_STATUS_NOT_FOUND, "application/json",
               "{\"code\":404,\"msg\":\"no such API path\",\"data\":null}");

  return TRUE;
}

static void
serve_request (TalkieSandbox     *self,
               SoupServerMessage *msg)
{
  gboolean held = g_ptr_array_find (self->held, msg, NULL);

  if (dispatch (self, msg))
    {
      if (held)
        release_message (self, msg);
    }
  else if (!held)
    hold_message (self, msg);
}

typedef struct
{
  TalkieSandbox     *sandbox;
  SoupServerMessage *msg;
  GSource           *source;    /* unowned: the main context owns it */
} Delay;

static gboolean
on_delay_done (gpointer user_data)
{
  Delay *delay = user_data;
  TalkieSandbox *self = delay->sandbox;

  if (g_ptr_array_find (self->held, delay->msg, NULL))
    serve_request (self, delay->msg);

  return G_SOURCE_REMOVE;
}

static void
delay_free (Delay *delay)
{
  g_ptr_array_remove (delay->sandbox->timeouts, delay->source);
  g_object_unref (delay->msg);
  g_free (delay);
}

static void
write_drop (SoupServerMessage *msg)
{
  /* the headers (Content-Length: 4096) are out; a start of the body, then close */
  static const char part[] = "{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[{\"id\":1,\"na";
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;

  /* a few dozen bytes into an idle loopback socket: does not block */
  g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                             part, sizeof part - 1, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
on_drop_wrote_headers (SoupServerMessage *msg,
                       gpointer           user_data)
{
  write_drop (msg);
}

/* Returns TRUE if the fault answered the message. */
static gboolean
apply_fault (TalkieSandbox     *self,
             SoupServerMessage *msg,
             Fault             *fault)
{
  TalkieSandboxFault kind = fault->kind;
  int value = fault->value;

  use_fault (self, fault);

  switch (kind)
    {
    case TALKIE_SANDBOX_FAULT_HTTP_500:
      reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html",
                 "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>"
                 "<body><h1>Internal Server Error</h1><p>The sandbox was asked to fail.</p></body></html>");
      return TRUE;

    case TALKIE_SANDBOX_FAULT_MALFORMED:
      reply_raw (msg, SOUP_STATUS_OK, "application/json",
                 "<html><body>Bad gateway: this is not JSON</body></html>");
      return TRUE;

    case TALKIE_SANDBOX_FAULT_TRUNCATED:
      reply_raw (msg, SOUP_STATUS_OK, "application/json",
                 "{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[{\"id\":1,\"name\":\"Aman");
      return TRUE;

    case TALKIE_SANDBOX_FAULT_API_CODE:
      {
        g_autofree char *message = NULL;

        switch (value)
          {
          case CODE_NOT_FOUND: message = g_strdup ("record not found"); break;
          case CODE_INVALID_KEY: message = g_strdup ("invalid API key"); break;
          case 18020: message = g_strdup ("insufficient credit"); break;
          case 18025: message = g_strdup ("no permission to call APIs"); break;
          case CODE_PARAMETER: message = g_strdup ("parameter error"); break;
          case 50000: message = g_strdup ("system error"); break;
          default: message = g_strdup_printf ("error %d (sandbox fault)", value); break;
          }
        reply_error (msg, value, message);
        return TRUE;
      }

    case TALKIE_SANDBOX_FAULT_DROP:
      /* Headers announce 4096 bytes; once they are out, we take the socket,
       * write part of a body and close it. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg), 4096);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "application/json", NULL);
      g_signal_connect (msg, "wrote-headers", G_CALLBACK (on_drop_wrote_headers), NULL);
      return TRUE;

    case TALKIE_SANDBOX_FAULT_DELAY:
      {
        Delay *delay = g_new0 (Delay, 1);

        delay->sandbox = self;
        delay->msg = g_object_ref (msg);
        hold_message (self, msg);
        delay->source = add_timeout (self, (guint) MAX (value, 0), on_delay_done,
                                     delay, (GDestroyNotify) delay_free);
        g_ptr_array_add (self->timeouts, delay->source);
        g_source_unref (delay->source);
        return TRUE;
      }

    case TALKIE_SANDBOX_FAULT_NONE:
    case TALKIE_SANDBOX_FAULT_RENDER_FAILS:
    default:
      return FALSE;
    }
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TalkieSandbox *self = user_data;
  const char *key = request_key (path);
  gpointer count;

  count = g_hash_table_lookup (self->hits, key);
  g_hash_table_insert (self->hits, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));

  if (!g_str_has_prefix (path, "/_sandbox/"))
    {
      Fault *fault = find_fault (self, key, TALKIE_SANDBOX_FAULT_NONE);

      if (fault != NULL && apply_fault (self, msg, fault))
        return;
    }

  serve_request (self, msg);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
talkie_sandbox_finalize (GObject *object)
{
  TalkieSandbox *self = (TalkieSandbox *)object;

  talkie_sandbox_stop (self);

  g_clear_pointer (&self->projects, g_hash_table_unref);
  g_clear_pointer (&self->auditions, g_hash_table_unref);
  g_clear_pointer (&self->uploads, g_hash_table_unref);
  g_clear_pointer (&self->media, g_hash_table_unref);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->hits, g_hash_table_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->timeouts, g_ptr_array_unref);

  if (self->owns_data_dir && self->data_dir != NULL)
    remove_dir_recursive (self->data_dir);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (talkie_sandbox_parent_class)->finalize (object);
}

static void
talkie_sandbox_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TalkieSandbox *self = TALKIE_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_AVATAR_COUNT:
      g_value_set_uint (value, self->avatar_count);
      break;
    case PROP_STEP_MS:
      g_value_set_uint (value, self->step_ms);
      break;
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;
    case PROP_REPORT_EVERY_STEP:
      g_value_set_boolean (value, self->every_step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_sandbox_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TalkieSandbox *self = TALKIE_SANDBOX (object);

  switch (prop_id)
    {
    case PROP_API_KEY:
      g_free (self->api_key);
      self->api_key = g_strdup (g_value_get_string (value) ? g_value_get_string (value) : DEFAULT_API_KEY);
      break;
    case PROP_PORT:
      self->port = g_value_get_uint (value);
      break;
    case PROP_AVATAR_COUNT:
      self->avatar_count = g_value_get_uint (value);
      break;
    case PROP_STEP_MS:
      self->step_ms = g_value_get_uint (value);
      break;
    case PROP_DATA_DIR:
      if (self->server == NULL)
        {
          g_free (self->data_dir);
          self->data_dir = g_value_dup_string (value);
        }
      break;
    case PROP_REPORT_EVERY_STEP:
      self->every_step = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_sandbox_class_init (TalkieSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = talkie_sandbox_finalize;
  object_class->get_property = talkie_sandbox_get_property;
  object_class->set_property = talkie_sandbox_set_property;

  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL,
                         DEFAULT_API_KEY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  properties[PROP_AVATAR_COUNT] =
    g_param_spec_uint ("avatar-count", NULL, NULL,
                       0, TALKIE_SANDBOX_MAX_AVATARS, DEFAULT_AVATAR_COUNT,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  properties[PROP_STEP_MS] =
    g_param_spec_uint ("step-ms", NULL, NULL,
                       0, G_MAXINT, DEFAULT_STEP_MS,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  properties[PROP_REPORT_EVERY_STEP] =
    g_param_spec_boolean ("report-every-step", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_sandbox_init (TalkieSandbox *self)
{
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->auditions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) audition_free);
  self->uploads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) upload_free);
  self->projects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) project_free);
  self->held = g_ptr_array_new ();
  self->timeouts = g_ptr_array_new ();
}

/* ------------------------------------------------------------------------ */
/* public API                                                               */

TalkieSandbox *
talkie_sandbox_new (void)
{
  return g_object_new (TALKIE_TYPE_SANDBOX, NULL);
}

gboolean
talkie_sandbox_start (TalkieSandbox  *self,
                      GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *listeners;

  g_return_val_if_fail (TALKIE_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  if (!gst_init_check (NULL, NULL, error))
    return FALSE;

  if (self->data_dir == NULL)
    {
      self->data_dir = g_dir_make_tmp ("talkie-sandbox-XXXXXX", error);
      if (self->data_dir == NULL)
        return FALSE;
      self->owns_data_dir = TRUE;
    }
  else if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the sandbox data folder “%s”: %s. Choose a folder you can write to."),
                   self->data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  server = soup_server_new ("server-header", "talkie-sandbox ", NULL);
  /* an early handler and a handler on one path share an entry: give /upload both */
  soup_server_add_early_handler (server, "/upload", early_upload_handler, self, NULL);
  soup_server_add_handler (server, "/upload", server_callback, self, NULL);
  soup_server_add_handler (server, NULL, server_callback, self, NULL);

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();

  if (!soup_server_listen_local (server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_prefix_error (error, _("The sandbox could not listen on port %u: "), self->port);
      return FALSE;
    }

  listeners = soup_server_get_listeners (server);
  g_assert (listeners != NULL);
  address = g_socket_get_local_address (listeners->data, error);
  g_slist_free (listeners);
  if (address == NULL)
    return FALSE;

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  self->server = g_steal_pointer (&server);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_debug ("Sandbox listening on %s, data in %s", self->base_url, self->data_dir);

  return TRUE;
}

void
talkie_sandbox_stop (TalkieSandbox *self)
{
  g_return_if_fail (TALKIE_IS_SANDBOX (self));

  /* each one's destroy notify takes it out of the array */
  while (self->timeouts->len > 0)
    g_source_destroy (g_ptr_array_index (self->timeouts, 0));

  g_hash_table_remove_all (self->auditions);

  while (self->held->len > 0)
    {
      SoupServerMessage *msg = g_ptr_array_steal_index (self->held, self->held->len - 1);

      g_signal_handlers_disconnect_by_func (msg, on_held_message_gone, self);
      reply_raw (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "The sandbox stopped.");
      soup_server_message_unpause (msg);
      g_object_unref (msg);
    }

  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  /* stop encoders; their projects stay, unfinished ones now fail */
  {
    GHashTableIter iter;
    Project *project;

    g_hash_table_iter_init (&iter, self->projects);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &project))
      {
        if (project->state == VIDEO_ENCODING)
          fail_project (project, "failed: the sandbox stopped");
      }
  }
}

guint
talkie_sandbox_get_port (TalkieSandbox *self)
{
  g_return_val_if_fail (TALKIE_IS_SANDBOX (self), 0);

  return self->port;
}

const char *
talkie_sandbox_get_base_url (TalkieSandbox *self)
{
  g_return_val_if_fail (TALKIE_IS_SANDBOX (self), NULL);

  return self->base_url;
}

const char *
talkie_sandbox_get_api_key (TalkieSandbox *self)
{
  g_return_val_if_fail (TALKIE_IS_SANDBOX (self), NULL);

  return self->api_key;
}

void
talkie_sandbox_set_fault (TalkieSandbox      *self,
                          const char         *path,
                          TalkieSandboxFault  fault,
                          int                 value,
                          guint               times)
{
  Fault *f;

  g_return_if_fail (TALKIE_IS_SANDBOX (self));
  g_return_if_fail (path != NULL);

  /* one fault per path and kind family: a new one replaces the old */
  for (guint i = self->faults->len; i > 0; i--)
    {
      Fault *old = g_ptr_array_index (self->faults, i - 1);

      if (g_str_equal (old->path, path) &&
          ((old->kind == TALKIE_SANDBOX_FAULT_RENDER_FAILS) == (fault == TALKIE_SANDBOX_FAULT_RENDER_FAILS)))
        g_ptr_array_remove_index (self->faults, i - 1);
    }

  if (fault == TALKIE_SANDBOX_FAULT_NONE)
    return;

  f = g_new0 (Fault, 1);
  f->path = g_strdup (path);
  f->kind = fault;
  f->value = value;
  f->times = times;
  g_ptr_array_add (self->faults, f);
}

void
talkie_sandbox_clear_faults (TalkieSandbox *self)
{
  g_return_if_fail (TALKIE_IS_SANDBOX (self));

  g_ptr_array_set_size (self->faults, 0);
}

guint
talkie_sandbox_get_hits (TalkieSandbox *self,
                         const char    *path)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_return_val_if_fail (TALKIE_IS_SANDBOX (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  if (!g_str_equal (path, "*"))
    return GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, request_key (path)));

  g_hash_table_iter_init (&iter, self->hits);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

gboolean
talkie_sandbox_fault_from_string (const char         *str,
                                  TalkieSandboxFault *fault)
{
  static const struct {
    const char *name;
    TalkieSandboxFault fault;
  } names[] = {
    { "500", TALKIE_SANDBOX_FAULT_HTTP_500 },
    { "delay", TALKIE_SANDBOX_FAULT_DELAY },
    { "malformed", TALKIE_SANDBOX_FAULT_MALFORMED },
    { "truncated", TALKIE_SANDBOX_FAULT_TRUNCATED },
    { "drop", TALKIE_SANDBOX_FAULT_DROP },
    { "code", TALKIE_SANDBOX_FAULT_API_CODE },
    { "render-fails", TALKIE_SANDBOX_FAULT_RENDER_FAILS },
    { "none", TALKIE_SANDBOX_FAULT_NONE },
  };

  g_return_val_if_fail (fault != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (str, names[i].name) == 0)
        {
          *fault = names[i].fault;
          return TRUE;
        }
    }

  return FALSE;
}
