/* talkie-client-download.c: a video into a hidden file beside its target,
 * checked whole and a video (talkie-video-check.c), then renamed into place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <string.h>

#include <glib/gi18n.h>

#include "talkie-client-private.h"
#include "talkie-core-private.h"
#include "talkie-core.h"
#include "talkie-error-private.h"
#include "talkie-reply.h"
#include "talkie-url.h"
#include "talkie-video-check.h"

/* No video Talkie saves is larger. */
#define MAX_DOWNLOAD_BYTES      ((goffset) 4 << 30)
/* A partial download nobody wrote to for this long was abandoned. */
#define STALE_PART_SECONDS      (15 * 60)

/* ------------------------------------------------------------------------- */
/* Download: stream a media URL into a temporary file, then rename it        */
/* ------------------------------------------------------------------------- */

typedef struct
{
  SoupMessage        *msg;
  GInputStream       *input;
  GFile              *destination;
  GFile              *temp;
  GOutputStream      *output;
  goffset             done;
  goffset             total;
  guint8              head[TALKIE_VIDEO_SNIFF_BYTES];
  gsize               head_length;
  TalkieWatchdog            watch;          /* its cancellable is the download's */
  TalkieProgress      progress;
} Download;

static GError *
not_a_video_error (void)
{
  return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_NOT_A_VIDEO,
                              _("The server sent something that is not a video. Try again later."));
}

static GError *
too_large_error (void)
{
  return g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE,
                      _("The video is larger than %u GiB, which Talkie refuses to save."),
                      (guint) (MAX_DOWNLOAD_BYTES >> 30));
}

/* video/…, or a type that says nothing (application/octet-stream, none at
 * all), in which case the first bytes decide. */
static gboolean
content_type_may_be_video (const char *content_type)
{
  return content_type == NULL ||
         g_ascii_strncasecmp (content_type, "video/", 6) == 0 ||
         g_ascii_strcasecmp (content_type, "application/octet-stream") == 0 ||
         g_ascii_strcasecmp (content_type, "binary/octet-stream") == 0;
}

/* ".NAME.XXXXXXXX.part": the partial file download_temp_file() names. */
static gboolean
is_part_name_for (const char *name,
                  const char *basename)
{
  gsize base_len = strlen (basename);
  const char *rest;

  if (name[0] != '.' || strncmp (name + 1, basename, base_len) != 0)
    return FALSE;

  rest = name + 1 + base_len;
  if (rest[0] != '.' || strlen (rest) != 1 + 8 + 5 || strcmp (rest + 9, ".part") != 0)
    return FALSE;

  for (guint i = 1; i <= 8; i++)
    if (!g_ascii_isxdigit (rest[i]))
      return FALSE;

  return TRUE;
}

static gboolean
is_part_cb (const char *name,
            gpointer    user_data)
{
  return is_part_name_for (name, user_data);
}

/* A download killed with -9 (or a power cut) leaves its partial file; the next
 * one to the same name removes those no download has written to for a while. */
static void
sweep_stale_parts (GFile *destination)
{
  g_autoptr(GFile) parent = g_file_get_parent (destination);
  g_autofree char *basename = g_file_get_basename (destination);

  _talkie_sweep_leftovers (parent, is_part_cb, basename, STALE_PART_SECONDS);
}

static void
download_free (gpointer data)
{
  Download *dl = data;

  /* Whatever went wrong, no partial file stays behind. */
  if (dl->output != NULL && !g_output_stream_is_closed (dl->output))
    g_output_stream_close (dl->output, NULL, NULL);
  if (dl->temp != NULL)
    g_file_delete (dl->temp, NULL, NULL);
  _talkie_watchdog_clear (&dl->watch);

  g_clear_object (&dl->msg);
  g_clear_object (&dl->input);
  g_clear_object (&dl->output);
  g_clear_object (&dl->temp);
  g_clear_object (&dl->destination);
  _talkie_progress_clear (&dl->progress);
  g_free (dl);
}

static GError *
save_error (Download     *dl,
            const GError *error)
{
  g_autofree char *name = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  name = g_file_get_parse_name (dl->destination);

  return g_error_new (G_IO_ERROR, error->domain == G_IO_ERROR ? error->code : G_IO_ERROR_FAILED,
                      _("Could not save “%s” (%s). Choose another place, then try again."),
                      name, error->message);
}

static void
download_move_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_move_finish (G_FILE (object), result, &error))
    {
      g_task_return_error (task, save_error (dl, error));
      return;
    }

  /* Moved into place: nothing to remove any more. */
  g_clear_object (&dl->temp);

  if (dl->total < 0)
    dl->total = dl->done;
  _talkie_progress_report (&dl->progress, dl->done, dl->total);

  g_task_return_boolean (task, TRUE);
}

static void
download_check_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;

  if (talkie_video_check_complete (file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
download_checked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Downloaded file refused: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_file_move_async (dl->temp,
                     dl->destination,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                     G_PRIORITY_DEFAULT,
                     dl->watch.cancellable,
                     NULL, NULL,
                     download_move_cb,
                     g_object_ref (task));
}

static void
download_close_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GTask) check = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      g_task_return_error (task, save_error (dl, error));
      return;
    }

  /* Whole, and a video, before it takes its final name. */
  check = g_task_new (NULL, dl->watch.cancellable, download_checked_cb, g_object_ref (task));
  g_task_set_task_data (check, g_object_ref (dl->temp), g_object_unref);
  g_task_run_in_thread (check, download_check_thread);
}

static void download_read_next (GTask *task);

static void
download_write_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize written = 0;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &written, &error))
    {
      g_task_return_error (task, dl->watch.stalled ? _talkie_watchdog_error (&dl->watch, error) : save_error (dl, error));
      return;
    }

  dl->done += written;
  _talkie_progress_report (&dl->progress, dl->done, dl->total);

  download_read_next (g_steal_pointer (&task));
}

static void
download_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *data;

  if (!(chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error)))
    {
      g_debug ("Download failed while reading: %s", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_TRUNCATED,
                                 _("The video arrived incomplete: the connection ended before its end. Try again."));
      else
        g_task_return_error (task, _talkie_watchdog_error (&dl->watch, error));
      return;
    }

  data = g_bytes_get_data (chunk, &len);

  /* The first bytes say what it is: a web page or an error text is not saved. */
  if (dl->head_length < sizeof dl->head)
    {
      gsize n = MIN (len, sizeof dl->head - dl->head_length);

      memcpy (dl->head + dl->head_length, data, n);
      dl->head_length += n;

      if ((dl->head_length == sizeof dl->head || len == 0) &&
          !talkie_video_sniff (dl->head, dl->head_length))
        {
          g_task_return_error (task, not_a_video_error ());
          return;
        }
    }

  if (dl->done + (goffset) len > MAX_DOWNLOAD_BYTES)
    {
      g_task_return_error (task, too_large_error ());
      return;
    }

  if (len == 0)
    {
      if (dl->total >= 0 && dl->done != dl->total)
        {
          g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_TRUNCATED,
                                   _("The video arrived incomplete: the connection ended before its end. Try again."));
          return;
        }

      g_output_stream_close_async (dl->output,
                                   G_PRIORITY_DEFAULT,
                                   dl->watch.cancellable,
                                   download_close_cb,
                                   g_object_ref (task));
      return;
    }

  /* @chunk stays alive in the task until the write completes. */
  g_object_set_data_full (G_OBJECT (task), "chunk",
                          g_bytes_ref (chunk), (GDestroyNotify)g_bytes_unref);
  g_output_stream_write_all_async (dl->output,
                                   data, len,
                                   G_PRIORITY_DEFAULT,
                                   dl->watch.cancellable,
                                   download_write_cb,
                                   g_object_ref (task));
}

static void
download_read_next (GTask *task)
{
  Download *dl = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (dl->input,
                                   TALKIE_CLIENT_READ_CHUNK_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   dl->watch.cancellable,
                                   download_read_cb,
                                   task);
}

static void
download_create_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  if (!(output = g_file_create_finish (G_FILE (object), result, &error)))
    {
      /* There already: not ours, and not to be removed. Cancelled: the
       * worker thread may well have made it before the cancellation was seen
       * (a random name: it is ours), and it goes before the caller hears of
       * the failure — talkie-cli exits right then. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        g_file_delete (dl->temp, NULL, NULL);
      g_clear_object (&dl->temp);
      g_task_return_error (task, save_error (dl, error));
      return;
    }

  dl->output = G_OUTPUT_STREAM (g_steal_pointer (&output));
  _talkie_progress_report (&dl->progress, dl->done, dl->total);
  download_read_next (g_steal_pointer (&task));
}

static GFile *
download_temp_file (GFile *destination)
{
  g_autoptr(GFile) parent = g_file_get_parent (destination);
  g_autofree char *basename = g_file_get_basename (destination);
  g_autofree char *name = NULL;

  name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());

  if (parent == NULL)
    return NULL;

  return g_file_get_child (parent, name);
}

static void
download_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  if (!(dl->input = soup_session_send_finish (SOUP_SESSION (object), result, &error)))
    {
      g_debug ("Download failed: %s", error->message);
      g_task_return_error (task, _talkie_api_error_from_io (error));
      return;
    }

  status = soup_message_get_status (dl->msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("Download answered HTTP %u", status);
      g_input_stream_close_async (dl->input, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, _talkie_api_error_new_http (status));
      return;
    }

  headers = soup_message_get_response_headers (dl->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    dl->total = soup_message_headers_get_content_length (headers);
  else
    dl->total = -1;

  if (!content_type_may_be_video (soup_message_headers_get_content_type (headers, NULL)))
    {
      g_input_stream_close_async (dl->input, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, not_a_video_error ());
      return;
    }

  if (dl->total > MAX_DOWNLOAD_BYTES)
    {
      g_input_stream_close_async (dl->input, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, too_large_error ());
      return;
    }

  sweep_stale_parts (dl->destination);
  _talkie_watchdog_start (&dl->watch);

  if (!(dl->temp = download_temp_file (dl->destination)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               _("Cannot save into this place. Choose another folder, then try again."));
      return;
    }

  g_file_create_async (dl->temp,
                       G_FILE_CREATE_NONE,
                       G_PRIORITY_DEFAULT,
                       dl->watch.cancellable,
                       download_create_cb,
                       g_object_ref (task));
}

void
talkie_client_download_async (TalkieClient        *self,
                              const char          *url,
                              GFile               *destination,
                              TalkieProgressFunc   progress,
                              gpointer             progress_data,
                              GDestroyNotify       progress_destroy,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Download *dl;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_download_async);

  dl = g_new0 (Download, 1);
  dl->destination = g_object_ref (destination);
  dl->total = -1;
  dl->progress = (TalkieProgress) { progress, progress_data, progress_destroy };
  g_task_set_task_data (task, dl, download_free);

  /* The history may hold an address from an older Talkie, or an edited file. */
  if (!talkie_url_check_remote (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Media carry their own authorisation: no API key here. */
  if (!(dl->msg = soup_message_new (SOUP_METHOD_GET, url)))
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                               _("The video’s address is not a web address. Refresh the render, then try again."));
      return;
    }

  _talkie_watchdog_init (&dl->watch, cancellable, &dl->done, &dl->total);
  soup_session_send_async (self->session,
                           dl->msg,
                           G_PRIORITY_DEFAULT,
                           dl->watch.cancellable,
                           download_sent_cb,
                           g_steal_pointer (&task));
}

gboolean
talkie_client_download_finish (TalkieClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
