/* talkie-sandbox-upload.c: /v1/upload/asset hands out a signed URL; a PUT to it
 * streams the body to a file in the data folder, never into memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "talkie-sandbox-private.h"

typedef struct
{
  Upload *upload;     /* borrowed (compared, never read), or NULL when unknown or used */
  guint64 expected;
  int     fd;
  char   *tmp_path;
  guint64 received;
  gboolean write_failed;
} UploadWrite;

/* ------------------------------------------------------------------------ */
/* upload                                                                   */

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

void
_talkie_sandbox_handle_upload_asset (TalkieSandbox     *self,
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

  object = _talkie_sandbox_parse_request_object (msg);
  if (object == NULL)
    {
      _talkie_sandbox_reply_parameter_error (msg, "the request body must be a JSON object");
      return;
    }

  if (!_talkie_sandbox_member_is_string (object, "filename"))
    {
      _talkie_sandbox_reply_parameter_error (msg, "filename is required and must be a string");
      return;
    }
  filename = json_object_get_string_member (object, "filename");
  if (!is_safe_filename (filename))
    {
      _talkie_sandbox_reply_parameter_error (msg, "filename must be a plain file name");
      return;
    }

  if (!_talkie_sandbox_member_is_string (object, "content_type"))
    {
      _talkie_sandbox_reply_parameter_error (msg, "content_type is required and must be a string");
      return;
    }
  content_type = json_object_get_string_member (object, "content_type");
  if (!g_str_has_prefix (content_type, "audio/") || content_type[strlen ("audio/")] == '\0' ||
      strpbrk (content_type, " \t\r\n;,") != NULL)
    {
      _talkie_sandbox_reply_parameter_error (msg, "content_type must be an audio type such as audio/mpeg");
      return;
    }

  if (!_talkie_sandbox_member_is_int (object, "file_size", &file_size))
    {
      _talkie_sandbox_reply_parameter_error (msg, "file_size is required and must be an integer");
      return;
    }
  if (file_size <= 0 || (guint64) file_size > self->max_upload_size)
    {
      _talkie_sandbox_reply_parameter_error (msg, "file_size must be between 1 and %" G_GUINT64_FORMAT " bytes",
                                             self->max_upload_size);
      return;
    }

  upload = g_new0 (Upload, 1);
  upload->token = _talkie_sandbox_new_token ();
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

  _talkie_sandbox_reply_json (msg, CODE_OK, "success", _talkie_sandbox_builder_steal_root (builder));
}

static void
upload_got_chunk_cb (SoupServerMessage *msg,
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

void
_talkie_sandbox_early_upload_handler (SoupServer        *server,
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
  g_signal_connect (msg, "got-chunk", G_CALLBACK (upload_got_chunk_cb), uw);
}

void
_talkie_sandbox_handle_upload_put (TalkieSandbox     *self,
                                   SoupServerMessage *msg,
                                   const char        *token)
{
  UploadWrite *uw = g_object_get_data (G_OBJECT (msg), "talkie-sandbox-upload");
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *content_type;
  Upload *upload;

  if (!g_str_equal (soup_server_message_get_method (msg), "PUT"))
    {
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain", "Upload with PUT.");
      return;
    }

  upload = g_hash_table_lookup (self->uploads, token);
  if (upload == NULL)
    {
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain",
                                 "Unknown upload URL: ask /v1/upload/asset for a new one.");
      return;
    }
  if (upload->state != UPLOAD_WAITING || uw == NULL || uw->upload != upload)
    {
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_FORBIDDEN, "text/plain",
                                 "This upload URL was already used: ask /v1/upload/asset for a new one.");
      return;
    }

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL || g_ascii_strcasecmp (content_type, upload->content_type) != 0)
    {
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_BAD_REQUEST, "text/plain",
                                 "Content-Type differs from the content_type declared for this upload.");
      return;
    }

  if (uw->received != upload->file_size)
    {
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_BAD_REQUEST, "text/plain",
                                 "The body length differs from the file_size declared for this upload.");
      return;
    }

  if (uw->write_failed || uw->fd < 0 || close (uw->fd) != 0)
    {
      uw->fd = -1;
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain",
                                 "The sandbox could not store the upload.");
      return;
    }
  uw->fd = -1;

  if (g_rename (uw->tmp_path, upload->path) != 0)
    {
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain",
                                 "The sandbox could not store the upload.");
      return;
    }
  g_clear_pointer (&uw->tmp_path, g_free);

  upload->state = UPLOAD_DONE;
  _talkie_sandbox_reply_raw (msg, SOUP_STATUS_OK, "text/plain", "");
}
