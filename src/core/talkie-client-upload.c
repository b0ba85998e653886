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
/* How often the PUT's thread reports progress to the main context. */
#define PROGRESS_INTERVAL_US    (50 * 1000)

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
  guint               timeout;        /* the client's, for the PUT's own session */
  goffset             sent;           /* on the main context, for the watchdog */
  TalkieWatchdog      watch;          /* for the PUT */
  TalkieProgress      progress;

  /* shared with the PUT's thread, under the lock */
  GMutex              lock;
  goffset             wire_sent;
  gint64              last_report_us;
  goffset             snapshot;       /* what the posted report says */
  goffset             next_snapshot;  /* one more, due while that one waited */
  gboolean            report_pending;
  gboolean            has_next;
} Upload;

static void
upload_free (gpointer data)
{
  Upload *up = data;

  _talkie_watchdog_clear (&up->watch);
  g_clear_object (&up->file);
  g_clear_pointer (&up->filename, g_free);
  g_clear_pointer (&up->display_name, g_free);
  g_clear_pointer (&up->content_type, g_free);
  g_clear_pointer (&up->sign_url, g_free);
  g_clear_pointer (&up->asset_url, g_free);
  _talkie_progress_clear (&up->progress);
  g_mutex_clear (&up->lock);
  g_free (up);
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

/* The PUT runs as a synchronous send on a session of its own in a worker
 * thread: libsoup's asynchronous send moves a streamed body in 8 KiB pieces,
 * each through a worker thread and the main loop, which made an upload five
 * times slower than the wire. Progress comes back to the caller's main context
 * at most every PROGRESS_INTERVAL_US; the stall watchdog and the caller's
 * cancellable stay on that context and stop the send through one cancellable. */

/* On the main context: a report says what was sent when it was due, so a
 * caller that cancels on it has seen a true figure, however far the thread
 * got since. */
static gboolean
upload_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  Upload *up = g_task_get_task_data (task);
  gboolean again = FALSE;
  goffset sent;

  g_mutex_lock (&up->lock);
  sent = up->snapshot;
  if (up->has_next)
    {
      up->snapshot = up->next_snapshot;
      up->has_next = FALSE;
      again = TRUE;
    }
  else
    up->report_pending = FALSE;
  g_mutex_unlock (&up->lock);

  if (g_task_get_completed (task) || g_cancellable_is_cancelled (up->watch.cancellable))
    return G_SOURCE_REMOVE;

  up->sent = MIN (sent, up->size);
  _talkie_progress_report (&up->progress, up->sent, up->size);

  return again ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* In the PUT's thread: counts, and has the main context report at most every
 * PROGRESS_INTERVAL_US — and always when the body is all sent, so that the
 * watchdog knows that what is left is the server's answer. */
static void
upload_wrote_body_data_cb (SoupMessage *msg,
                           guint        chunk_size,
                           GTask       *task)
{
  Upload *up = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  gboolean post = FALSE;

  g_mutex_lock (&up->lock);
  up->wire_sent += chunk_size;
  if (now - up->last_report_us >= PROGRESS_INTERVAL_US || up->wire_sent >= up->size)
    {
      up->last_report_us = now;
      if (up->report_pending)
        {
          up->next_snapshot = up->wire_sent;
          up->has_next = TRUE;
        }
      else
        {
          up->snapshot = up->wire_sent;
          up->report_pending = post = TRUE;
        }
    }
  g_mutex_unlock (&up->lock);

  if (post)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_name (source, "[talkie] upload progress");
      /* The PUT's own result comes at this priority: a report posted before
       * it must arrive before it, or the caller never sees that report. */
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, upload_progress_cb, g_object_ref (task), g_object_unref);
      g_source_attach (source, g_task_get_context (task));
    }
}

/* What the signed URL answers: read (it says nothing we need), never more than
 * UPLOAD_REPLY_MAX_BYTES of it. */
static gboolean
upload_drain_reply (GInputStream  *stream,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree guchar *buffer = g_malloc (TALKIE_CLIENT_READ_CHUNK_SIZE);
  gsize total = 0;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n = g_input_stream_read (stream, buffer, TALKIE_CLIENT_READ_CHUNK_SIZE,
                                      cancellable, &local_error);

      if (n < 0)
        {
          g_propagate_error (error, _talkie_api_error_from_io (local_error));
          return FALSE;
        }
      if (n == 0)
        return TRUE;

      total += n;
      if (total > UPLOAD_REPLY_MAX_BYTES)
        {
          g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE,
                       _("The server sent a reply larger than %u MB, which Talkie refuses."),
                       (guint)(TALKIE_REPLY_MAX_BYTES / (1024 * 1024)));
          return FALSE;
        }
    }
}

static void
upload_put_thread (GTask        *put,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GTask *task = task_data;   /* the upload's, alive until @put's callback */
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (!(stream = g_file_read (up->file, cancellable, &error)))
    {
      g_task_return_error (put, file_error (up, error));
      return;
    }

  /* A session belongs to the context it is made in: this one is the thread's. */
  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("user-agent", talkie_core_get_user_agent (),
                                           "timeout", up->timeout,
                                           NULL);
  msg = soup_message_new (SOUP_METHOD_PUT, up->sign_url);
  if (msg == NULL)
    {
      g_debug ("Unusable sign_url in the upload reply");
      g_task_return_new_error (put, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                               _("The server sent a reply Talkie does not understand."));
      goto out;
    }

  /* Streamed from the file: memory does not grow with its size.
   * No API key here: the signed URL carries its own authorisation. */
  soup_message_set_request_body (msg, up->content_type, G_INPUT_STREAM (stream), up->size);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (upload_wrote_body_data_cb), task);

  if (!(reply = soup_session_send (session, msg, cancellable, &error)))
    {
      g_debug ("Upload PUT failed: %s", error->message);
      g_task_return_error (put, g_steal_pointer (&error));
      goto out;
    }

  status = soup_message_get_status (msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("Upload PUT answered HTTP %u", status);
      g_task_return_error (put, _talkie_api_error_new_http (status));
      goto out;
    }

  if (!upload_drain_reply (reply, cancellable, &error))
    {
      g_task_return_error (put, g_steal_pointer (&error));
      goto out;
    }

  g_task_return_boolean (put, TRUE);

out:
  if (msg != NULL)
    g_signal_handlers_disconnect_by_data (msg, task);
  if (reply != NULL)
    g_input_stream_close (reply, NULL, NULL);
  g_clear_object (&reply);
  g_clear_object (&msg);
  g_clear_object (&session);
  g_main_context_pop_thread_default (context);
}

static void
upload_put_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) put_error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &put_error))
    error = _talkie_watchdog_error (&up->watch, put_error);
  /* Cancelled too late to stop the send: the caller asked for nothing more. */
  else if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      up->sent = up->size;
      _talkie_progress_report (&up->progress, up->sent, up->size);
    }

  /* A progress report still on its way holds the task: the caller's progress
   * data goes now, not when that report is dropped. */
  _talkie_progress_clear (&up->progress);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&up->asset_url), g_free);
}

static void
upload_put (GTask *task)
{
  TalkieClient *self = g_task_get_source_object (task);
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GTask) put = NULL;

  up->timeout = self->timeout;
  up->sent = 0;
  _talkie_progress_report (&up->progress, up->sent, up->size);

  _talkie_watchdog_init (&up->watch, g_task_get_cancellable (task), &up->sent, &up->size);
  _talkie_watchdog_start (&up->watch);

  put = g_task_new (self, up->watch.cancellable, upload_put_done_cb, task);
  g_task_set_source_tag (put, upload_put);
  g_task_set_task_data (put, task, NULL);
  g_task_run_in_thread (put, upload_put_thread);
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
  g_mutex_init (&up->lock);
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
  return _talkie_api_call_finish (self, result, error);
}
