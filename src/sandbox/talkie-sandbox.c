/* talkie-sandbox.c: a JoggAI look-alike on loopback. The object, its public
 * API, what its parts share (helpers, requests and replies) and the request
 * dispatch; the API itself is in talkie-sandbox-media.c, -upload.c, -render.c
 * and -faults.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "talkie-sandbox-private.h"
#include "talkie-sandbox-art-private.h"

#define DEFAULT_API_KEY       "sandbox"
#define DEFAULT_AVATAR_COUNT  48
#define DEFAULT_STEP_MS       1500
#define REQUEST_BODY_CAP      (1024 * 1024)
/* The real service's limit is not published; this keeps a test's disk small. */
#define DEFAULT_MAX_UPLOAD_SIZE (200 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (TalkieSandbox, talkie_sandbox, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_API_KEY,
  PROP_PORT,
  PROP_AVATAR_COUNT,
  PROP_STEP_MS,
  PROP_DATA_DIR,
  PROP_REPORT_EVERY_STEP,
  PROP_MAX_UPLOAD_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

char *
_talkie_sandbox_new_token (void)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *str = g_string_new (NULL);

  for (const char *p = uuid; *p; p++)
    if (*p != '-')
      g_string_append_c (str, *p);

  return g_string_free (str, FALSE);
}

static void held_message_gone_cb (SoupServerMessage *msg,
                                  TalkieSandbox     *self);

void
_talkie_sandbox_hold_message (TalkieSandbox     *self,
                              SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (self->held, g_object_ref (msg));
  g_signal_connect (msg, "disconnected", G_CALLBACK (held_message_gone_cb), self);
}

/* Returns FALSE if the message was not held (any more): the client went away,
 * or the sandbox stopped. */
gboolean
_talkie_sandbox_release_message (TalkieSandbox     *self,
                                 SoupServerMessage *msg)
{
  if (!g_ptr_array_remove (self->held, msg))
    return FALSE;

  g_signal_handlers_disconnect_by_func (msg, held_message_gone_cb, self);
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return TRUE;
}

static void
held_message_gone_cb (SoupServerMessage *msg,
                      TalkieSandbox     *self)
{
  /* The connection closed while we held the message: forget it, never unpause. */
  g_signal_handlers_disconnect_by_func (msg, held_message_gone_cb, self);
  if (g_ptr_array_remove (self->held, msg))
    g_object_unref (msg);
}

GSource *
_talkie_sandbox_add_timeout (TalkieSandbox  *self,
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
/* requests and replies                                                     */

JsonObject *
_talkie_sandbox_parse_request_object (SoupServerMessage *msg)
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

gboolean
_talkie_sandbox_member_is_string (JsonObject *object,
                                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
_talkie_sandbox_member_is_int (JsonObject *object,
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

gboolean
_talkie_sandbox_member_is_number (JsonObject *object,
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

void
_talkie_sandbox_reply_raw (SoupServerMessage *msg,
                           guint              status,
                           const char        *content_type,
                           const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

/* @data is consumed */
void
_talkie_sandbox_reply_json (SoupServerMessage *msg,
                            int                code,
                            const char        *message,
                            JsonNode          *data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *rid = _talkie_sandbox_new_token ();
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

  _talkie_sandbox_reply_raw (msg, SOUP_STATUS_OK, "application/json", body);
}

void
_talkie_sandbox_reply_error (SoupServerMessage *msg,
                             int                code,
                             const char        *message)
{
  _talkie_sandbox_reply_json (msg, code, message, NULL);
}

void
_talkie_sandbox_reply_parameter_error (SoupServerMessage *msg,
                                       const char        *format,
                                       ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _talkie_sandbox_reply_error (msg, CODE_PARAMETER, message);
}

JsonNode *
_talkie_sandbox_builder_steal_root (JsonBuilder *builder)
{
  return json_builder_get_root (builder);
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
          _talkie_sandbox_reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "No such media file.");
          return TRUE;
        }
      return _talkie_sandbox_handle_media (self, msg, unescaped);
    }

  if (g_str_has_prefix (path, "/upload/"))
    {
      _talkie_sandbox_handle_upload_put (self, msg, path + strlen ("/upload/"));
      return TRUE;
    }

  if (!g_str_has_prefix (path, "/open/") && !g_str_has_prefix (path, "/v1/") &&
      !g_str_has_prefix (path, "/_sandbox/"))
    {
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "Not found.");
      return TRUE;
    }

  key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "x-api-key");
  if (key == NULL || !g_str_equal (key, self->api_key))
    {
      _talkie_sandbox_reply_error (msg, CODE_INVALID_KEY, "invalid API key");
      return TRUE;
    }

  if (g_str_has_prefix (path, "/_sandbox/") && method_is (msg, "POST"))
    _talkie_sandbox_handle_control (self, msg, path);
  else if (g_str_has_prefix (path, "/_sandbox/") && method_is (msg, "GET"))
    _talkie_sandbox_handle_control (self, msg, path);
  else if (g_str_equal (path, "/open/avatar") && method_is (msg, "GET"))
    _talkie_sandbox_handle_avatars (self, msg, query, FALSE);
  else if (g_str_equal (path, "/open/avatar/user") && method_is (msg, "GET"))
    _talkie_sandbox_handle_avatars (self, msg, query, TRUE);
  else if (g_str_equal (path, "/open/timbre") && method_is (msg, "GET"))
    _talkie_sandbox_handle_timbres (self, msg, query, FALSE);
  else if (g_str_equal (path, "/open/timbre/user") && method_is (msg, "GET"))
    _talkie_sandbox_handle_timbres (self, msg, query, TRUE);
  else if (g_str_equal (path, "/open/render/talking_avatar") && method_is (msg, "POST"))
    _talkie_sandbox_handle_render (self, msg);
  else if (g_str_equal (path, "/v1/upload/asset") && method_is (msg, "POST"))
    _talkie_sandbox_handle_upload_asset (self, msg);
  else if (g_str_equal (path, "/v1/project") && method_is (msg, "GET"))
    _talkie_sandbox_handle_project (self, msg, query);
  else
    _talkie_sandbox_reply_raw (msg, SOUP_STATUS_NOT_FOUND, "application/json",
                               "{\"code\":404,\"msg\":\"no such API path\",\"data\":null}");

  return TRUE;
}

void
_talkie_sandbox_serve_request (TalkieSandbox     *self,
                               SoupServerMessage *msg)
{
  gboolean held = g_ptr_array_find (self->held, msg, NULL);

  if (dispatch (self, msg))
    {
      if (held)
        _talkie_sandbox_release_message (self, msg);
    }
  else if (!held)
    _talkie_sandbox_hold_message (self, msg);
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
      Fault *fault = _talkie_sandbox_find_fault (self, key, TALKIE_SANDBOX_FAULT_NONE);

      if (fault != NULL && _talkie_sandbox_apply_fault (self, msg, fault))
        return;
    }

  _talkie_sandbox_serve_request (self, msg);
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
  g_queue_clear_full (&self->covers, g_free);
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
    case PROP_MAX_UPLOAD_SIZE:
      g_value_set_uint64 (value, self->max_upload_size);
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
    case PROP_MAX_UPLOAD_SIZE:
      self->max_upload_size = g_value_get_uint64 (value);
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

  properties[PROP_MAX_UPLOAD_SIZE] =
    g_param_spec_uint64 ("max-upload-size", NULL, NULL,
                         1, G_MAXINT64, DEFAULT_MAX_UPLOAD_SIZE,
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
  soup_server_add_early_handler (server, "/upload", _talkie_sandbox_early_upload_handler, self, NULL);
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

      g_signal_handlers_disconnect_by_func (msg, held_message_gone_cb, self);
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain", "The sandbox stopped.");
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
          _talkie_sandbox_fail_project (project, "failed: the sandbox stopped");
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
