/* talkie-client-upload.c: a recording to the service's storage — POST
 * /v1/upload/asset for a signed URL, then the file PUT there, streamed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <string.h>

#include <glib/gi18n.h>

#include "talkie-client-private.h"
#include "talkie-core.h"
#include "talkie-error-private.h"
#include "talkie-reply.h"
#include "talkie-url.h"

/* What we read of the body of a signed-URL PUT reply: nothing useful is in it. */
#define UPLOAD_REPLY_MAX_BYTES  (64 * 1024)
#define SNIFF_BYTES             4096

/* ------------------------------------------------------------------------- */
/* Upload: POST /v1/upload/asset, then PUT the file, streamed, to sign_url   */
/* ------------------------------------------------------------------------- */

typedef struct
{
  GFile              *file;
  char               *filename;      /* basename, for the server */
  char               *display_name;  /* for messages */
  char               *content_type;
  goffset             size;
  char               *sign_url;
  char               *asset_url;
  GInputStream       *stream;
  SoupMessage        *put_msg;
  goffset             sent;
  TalkieWatchdog            watch;          /* for the PUT */
  TalkieProgress      progress;
} Upload;

static void
upload_free (gpointer data)
{
  Upload *up = data;

  if (up->put_msg != NULL)
    g_signal_handlers_disconnect_by_data (up->put_msg, up);
  g_clear_object (&up->put_msg);
  _talkie_watchdog_clear (&up->watch);
  g_clear_object (&up->stream);
  g_clear_object (&up->file);
  g_clear_pointer (&up->filename, g_free);
  g_clear_pointer (&up->display_name, g_free);
  g_clear_pointer (&up->content_type, g_free);
  g_clear_pointer (&up->sign_url, g_free);
  g_clear_pointer (&up->asset_url, g_free);
  _talkie_progress_clear (&up->progress);
  g_free (up);
}

static void
upload_report (Upload *up)
{
  _talkie_progress_report (&up->progress, up->sent, up->size);
}

static GError *
file_error (Upload       *up,
            const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_error_new (TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                        _("“%s” could not be found. Choose the recording again."),
                        up->display_name);

  return g_error_new (TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                      _("“%s” could not be read (%s). Check the file, then try again."),
                      up->display_name, error->message);
}

/* The MIME type of an audio file, from its first bytes first, its name second. */
static char *
sniff_audio_type (const char *filename,
                  const guchar *data,
                  gsize       len)
{
  g_autofree char *by_content = NULL;
  g_autofree char *by_both = NULL;
  g_autofree char *mime = NULL;
  gboolean uncertain = FALSE;

  by_content = g_content_type_guess (NULL, data, len, &uncertain);
  mime = g_content_type_get_mime_type (by_content);
  if (!uncertain && mime != NULL && g_str_has_prefix (mime, "audio/"))
    return g_steal_pointer (&mime);

  /* Containers that may hold only sound (MP4, Ogg, WebM): let the name decide. */
  if (uncertain ||
      g_content_type_is_a (by_content, "video/mp4") ||
      g_content_type_is_a (by_content, "video/webm") ||
      g_content_type_is_a (by_content, "video/ogg") ||
      g_content_type_is_a (by_content, "application/ogg"))
    {
      g_autofree char *by_name_mime = NULL;

      by_both = g_content_type_guess (filename, data, len, NULL);
      by_name_mime = g_content_type_get_mime_type (by_both);
      if (by_name_mime != NULL && g_str_has_prefix (by_name_mime, "audio/"))
        return g_steal_pointer (&by_name_mime);
    }

  return NULL;
}

static void upload_put (GTask *task);

static void
upload_put_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (!(body = _talkie_read_all_finish (result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  up->sent = up->size;
  upload_report (up);
  g_task_return_pointer (task, g_steal_pointer (&up->asset_url), g_free);
}

static void
upload_put_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (!(stream = soup_session_send_finish (SOUP_SESSION (object), result, &error)))
    {
      g_debug ("Upload PUT failed: %s", error->message);
      g_task_return_error (task, _talkie_watchdog_error (&up->watch, error));
      return;
    }

  status = soup_message_get_status (up->put_msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("Upload PUT answered HTTP %u", status);
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, _talkie_api_error_new_http (status));
      return;
    }

  _talkie_read_all_async (stream,
                          UPLOAD_REPLY_MAX_BYTES,
                          up->watch.cancellable,
                          upload_put_read_cb,
                          g_object_ref (task));
}

static void
upload_wrote_body_data_cb (SoupMessage *msg,
                           guint        chunk_size,
                           Upload      *up)
{
  up->sent += chunk_size;
  upload_report (up);
}

static void
upload_put_open_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  TalkieClient *self = g_task_get_source_object (task);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stream = g_file_read_finish (G_FILE (object), result, &error)))
    {
      g_task_return_error (task, file_error (up, error));
      return;
    }

  up->stream = G_INPUT_STREAM (g_steal_pointer (&stream));
  up->put_msg = soup_message_new (SOUP_METHOD_PUT, up->sign_url);

  if (up->put_msg == NULL)
    {
      g_debug ("Unusable sign_url in the upload reply");
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                               _("The server sent a reply Talkie does not understand."));
      return;
    }

  /* Streamed from the file: memory does not grow with its size.
   * No API key here: the signed URL carries its own authorisation. */
  soup_message_set_request_body (up->put_msg, up->content_type, up->stream, up->size);
  g_signal_connect (up->put_msg, "wrote-body-data",
                    G_CALLBACK (upload_wrote_body_data_cb), up);

  up->sent = 0;
  upload_report (up);

  _talkie_watchdog_init (&up->watch, g_task_get_cancellable (task), &up->sent, &up->size);
  _talkie_watchdog_start (&up->watch);
  soup_session_send_async (self->session,
                           up->put_msg,
                           G_PRIORITY_DEFAULT,
                           up->watch.cancellable,
                           upload_put_sent_cb,
                           g_object_ref (task));
}

static void
upload_put (GTask *task)
{
  Upload *up = g_task_get_task_data (task);

  g_file_read_async (up->file,
                     G_PRIORITY_DEFAULT,
                     g_task_get_cancellable (task),
                     upload_put_open_cb,
                     task);
}

typedef struct
{
  char *sign_url;
  char *asset_url;
} UploadTarget;

static void
upload_target_free (gpointer data)
{
  UploadTarget *target = data;

  g_free (target->sign_url);
  g_free (target->asset_url);
  g_free (target);
}

static gpointer
parse_upload (TalkieApiCall  *call,
              JsonNode       *data,
              GError        **error)
{
  UploadTarget *target = g_new0 (UploadTarget, 1);

  if (!talkie_reply_parse_upload (data, &target->sign_url, &target->asset_url, error))
    {
      upload_target_free (target);
      return NULL;
    }

  return target;
}

static void
upload_asset_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  UploadTarget *target;
  g_autoptr(GError) error = NULL;

  if (!(target = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  up->sign_url = g_steal_pointer (&target->sign_url);
  up->asset_url = g_steal_pointer (&target->asset_url);
  upload_target_free (target);

  upload_put (g_steal_pointer (&task));
}

static void
upload_request_target (GTask *task)
{
  TalkieClient *self = g_task_get_source_object (task);
  Upload *up = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GTask *call;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, up->filename);
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, up->content_type);
  json_builder_set_member_name (builder, "file_size");
  json_builder_add_int_value (builder, up->size);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  call = _talkie_api_call_new (self, SOUP_METHOD_POST, FAMILY_V1, "/v1/upload/asset",
                               json_generator_to_data (generator, NULL),
                               parse_upload, upload_target_free,
                               g_task_get_cancellable (task), upload_asset_cb, task);
  _talkie_api_call_start (self, call);
}

static void
upload_sniff_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const guchar *data;

  head = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  g_input_stream_close_async (G_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  if (head == NULL)
    {
      g_task_return_error (task, file_error (up, error));
      return;
    }

  data = g_bytes_get_data (head, &len);
  up->content_type = sniff_audio_type (up->filename, data, len);

  if (up->content_type == NULL)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                               _("“%s” is not an audio file. Choose a recording such as an MP3, WAV or M4A file."),
                               up->display_name);
      return;
    }

  upload_request_target (g_steal_pointer (&task));
}

static void
upload_sniff_open_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stream = g_file_read_finish (G_FILE (object), result, &error)))
    {
      g_task_return_error (task, file_error (up, error));
      return;
    }

  g_input_stream_read_bytes_async (G_INPUT_STREAM (stream),
                                   SNIFF_BYTES,
                                   G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   upload_sniff_read_cb,
                                   g_object_ref (task));
}

static void
upload_query_info_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!(info = g_file_query_info_finish (G_FILE (object), result, &error)))
    {
      g_task_return_error (task, file_error (up, error));
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                               _("“%s” is not an audio file. Choose a recording such as an MP3, WAV or M4A file."),
                               up->display_name);
      return;
    }

  up->size = g_file_info_get_size (info);
  if (up->size <= 0)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_EMPTY,
                               _("“%s” is empty. Choose a recording with sound in it."),
                               up->display_name);
      return;
    }

  if (up->content_type != NULL)
    upload_request_target (g_steal_pointer (&task));
  else
    g_file_read_async (up->file,
                       G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task),
                       upload_sniff_open_cb,
                       g_object_ref (task));
}

void
talkie_client_upload_async (TalkieClient        *self,
                            GFile               *file,
                            const char          *content_type,
                            TalkieProgressFunc   progress,
                            gpointer             progress_data,
                            GDestroyNotify       progress_destroy,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Upload *up;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_upload_async);

  up = g_new0 (Upload, 1);
  up->file = g_object_ref (file);
  up->filename = g_file_get_basename (file);
  if (up->filename == NULL || up->filename[0] == '\0' || g_str_equal (up->filename, "/"))
    {
      g_free (up->filename);
      up->filename = g_strdup ("audio");
    }
  up->display_name = g_file_get_parse_name (file);
  up->content_type = (content_type != NULL && content_type[0] != '\0') ? g_strdup (content_type) : NULL;
  up->progress = (TalkieProgress) { progress, progress_data, progress_destroy };
  g_task_set_task_data (task, up, upload_free);

  if (self->api_key == NULL)
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY,
                               _("No JoggAI API key is set."));
      return;
    }

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT,
                           cancellable,
                           upload_query_info_cb,
                           g_steal_pointer (&task));
}

char *
talkie_client_upload_finish (TalkieClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
