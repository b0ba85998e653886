/* test-hostile-transfer.c: videos that are cut off, fake or too large, a
 * server that drips, and render jobs that never end or speak of a status no
 * one knows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "talkie-core.h"
#include "talkie-history.h"
#include "talkie-render-job.h"
#include "talkie-json.h"
#include "talkie-reply.h"
#include "talkie-url.h"

#include "talkie-test-utils.h"
#include "hostile-test-util.h"

/* --- 4. cut-off and fake videos ---------------------------------------------------- */

/* The container the next download is served in: WebM, or MP4 when set. */
static gboolean serve_mp4;

typedef enum
{
  VIDEO_WHOLE,             /* Content-Length, all of it */
  VIDEO_CHUNKED_WHOLE,     /* chunked, with its last chunk */
  VIDEO_CHUNKED_CUT,       /* chunked, ends between two chunks */
  VIDEO_CHUNKED_CUT_MID,   /* chunked, ends inside a chunk */
  VIDEO_HTML,              /* a web page with status 200 */
  VIDEO_NOT_A_VIDEO,       /* octet-stream of something else */
  VIDEO_TOO_LARGE,         /* says it is 5 GiB */
} VideoReply;

static void
video_handler (HostileServer        *server,
               const HostileRequest *request,
               GOutputStream        *output,
               gpointer              user_data)
{
  VideoReply reply = GPOINTER_TO_UINT (user_data);
  GBytes *video = hostile_real_video (serve_mp4);
  gsize length = g_bytes_get_size (video);
  const guint8 *data = g_bytes_get_data (video, NULL);

  switch (reply)
    {
    case VIDEO_WHOLE:
      hostile_reply (output, 200, "video/webm", NULL, data, length);
      break;

    case VIDEO_CHUNKED_WHOLE:
    case VIDEO_CHUNKED_CUT:
    case VIDEO_CHUNKED_CUT_MID:
      {
        gsize chunk = 4096;
        gsize end = reply == VIDEO_CHUNKED_WHOLE ? length : length / 2;

        if (!hostile_write (output, "HTTP/1.1 200 OK\r\nContent-Type: video/webm\r\n"
                                    "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"))
          return;

        for (gsize at = 0; at < end; at += chunk)
          {
            gsize n = MIN (chunk, end - at);
            g_autofree char *size = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", n);

            if (!hostile_write (output, size))
              return;
            /* Hang up half-way through this chunk's data. */
            if (reply == VIDEO_CHUNKED_CUT_MID && at + n >= end)
              {
                hostile_write_bytes (output, data + at, n / 2);
                return;
              }
            if (!hostile_write_bytes (output, data + at, n) || !hostile_write (output, "\r\n"))
              return;
          }

        if (reply == VIDEO_CHUNKED_WHOLE)
          hostile_write (output, "0\r\n\r\n");
      }
      break;

    case VIDEO_HTML:
      {
        static const char page[] = "<!DOCTYPE html><html><head><title>Sign in</title></head>"
                                   "<body><p>Your session expired.</p></body></html>";

        hostile_reply (output, 200, "text/html; charset=utf-8", NULL, page, strlen (page));
      }
      break;

    case VIDEO_NOT_A_VIDEO:
      {
        static const char text[] = "this is not a video, it only says it might be one. "
                                   "0123456789abcdef0123456789abcdef";

        hostile_reply (output, 200, "application/octet-stream", NULL, text, strlen (text));
      }
      break;

    case VIDEO_TOO_LARGE:
      hostile_write (output, "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n"
                             "Content-Length: 5368709120\r\nConnection: close\r\n\r\n");
      hostile_write_bytes (output, data, MIN (length, 4096));
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Downloads from the server into video.webm in the fixture's folder. */
static gboolean
download (Fixture     *fixture,
          VideoReply   reply,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "video.webm", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autofree char *url = NULL;

  hostile_start_server (fixture, video_handler, GUINT_TO_POINTER (reply));
  url = g_strconcat (hostile_server_get_url (fixture->server), "/media/video.webm", NULL);

  talkie_client_download_async (fixture->client, url, destination, NULL, NULL, NULL,
                                NULL, talkie_test_result_cb, &result);
  g_assert_true (hostile_wait_result (&result, HOSTILE_GUARD_SECONDS));

  return talkie_client_download_finish (fixture->client, result, error);
}

/* No file under the final name, and no partial one left behind. */
static void
assert_nothing_saved (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "video.webm", NULL);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, ""), ==, 0);
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, "."), ==, 0);
}

static void
test_download_mp4 (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  serve_mp4 = TRUE;
  ok = download (fixture, GPOINTER_TO_UINT (user_data), &error);
  serve_mp4 = FALSE;

  if (GPOINTER_TO_UINT (user_data) == VIDEO_CHUNKED_WHOLE)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TRUNCATED);
      assert_nothing_saved (fixture);
    }
}

/* A download killed with -9 left its partial file long ago: the next one
 * to the same name removes it. A fresh one (a download going on) stays. */
static void
test_download_sweeps_parts (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *old = g_build_filename (fixture->dir, ".video.webm.0a1b2c3d.part", NULL);
  g_autofree char *fresh = g_build_filename (fixture->dir, ".video.webm.99999999.part", NULL);
  g_autofree char *other = g_build_filename (fixture->dir, ".other.webm.0a1b2c3d.part", NULL);
  struct utimbuf times = { .actime = 1000000000, .modtime = 1000000000 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (old, "partial", -1, NULL));
  g_assert_true (g_file_set_contents (other, "partial", -1, NULL));
  g_assert_cmpint (g_utime (old, &times), ==, 0);
  g_assert_cmpint (g_utime (other, &times), ==, 0);
  g_assert_true (g_file_set_contents (fresh, "partial", -1, NULL));

  g_assert_true (download (fixture, VIDEO_WHOLE, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_download_whole (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "video.webm", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (download (fixture, GPOINTER_TO_UINT (user_data), &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (hostile_real_video (FALSE), NULL), g_bytes_get_size (hostile_real_video (FALSE)));
}

static void
test_download_refused (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  VideoReply reply = GPOINTER_TO_UINT (user_data);

  g_assert_false (download (fixture, reply, &error));
  g_assert_nonnull (error);
  g_test_message ("Refused: %s", error->message);

  switch (reply)
    {
    case VIDEO_CHUNKED_CUT:
    case VIDEO_CHUNKED_CUT_MID:
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TRUNCATED);
      break;
    case VIDEO_HTML:
    case VIDEO_NOT_A_VIDEO:
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NOT_A_VIDEO);
      break;
    case VIDEO_TOO_LARGE:
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE);
      break;
    case VIDEO_WHOLE:
    case VIDEO_CHUNKED_WHOLE:
    default:
      g_assert_not_reached ();
    }

  assert_nothing_saved (fixture);
}

/* --- 6. a server that drips --------------------------------------------------------- */

static void
drip_handler (HostileServer        *server,
              const HostileRequest *request,
              GOutputStream        *output,
              gpointer              user_data)
{
  if (!hostile_write (output, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: 100000\r\nConnection: close\r\n\r\n{"))
    return;

  /* A space every 200 ms: never idle long enough for libsoup's timeout. */
  while (!hostile_server_is_stopping (server))
    {
      g_usleep (200 * 1000);
      if (!hostile_write (output, " "))
        return;
    }
}

static void
test_drip (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  hostile_start_server (fixture, drip_handler, NULL);
  talkie_client_set_deadline (fixture->client, 2);

  start = g_get_monotonic_time ();
  list = hostile_list_avatars (fixture, &error);

  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
status_handler (HostileServer        *server,
                const HostileRequest *request,
                GOutputStream        *output,
                gpointer              user_data)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":0,\"data\":{\"id\":\"p-7\",\"status_code\":%u,"
                                           "\"status_desc\":\"whatever\"}}", GPOINTER_TO_UINT (user_data));

  hostile_reply (output, 200, "application/json", NULL, body, strlen (body));
}

static TalkieRenderJob *
running_job (Fixture *fixture)
{
  static const char json[] =
    "{\"version\":1,\"created_at\":1732806631,\"state\":\"rendering\",\"project_id\":\"p-7\","
    "\"avatar\":{\"id\":12,\"name\":\"Ben\",\"source\":0},\"voice\":{\"id\":\"v2\",\"name\":\"Emily\"},"
    "\"audio\":{\"name\":\"take.mp3\",\"duration\":6.25}}";
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  TalkieRenderJob *job;

  job = talkie_render_job_new_from_json (fixture->client, json_node_get_object (node), &error);
  g_assert_no_error (error);
  talkie_render_job_set_poll_interval (job, 50, 100);

  return job;
}

static gboolean
job_stalled (gpointer data)
{
  return talkie_render_job_get_stalled (data);
}

static gboolean
job_final (gpointer data)
{
  return talkie_job_state_is_final (talkie_render_job_get_state (data));
}

static void
test_poll_bound (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TalkieRenderJob) job = NULL;
  guint stalled_notifies = 0;
  guint polls;

  hostile_start_server (fixture, status_handler, GUINT_TO_POINTER (TALKIE_PROJECT_STATUS_PROCESSING));
  job = running_job (fixture);
  talkie_test_count_notify (job, "stalled", &stalled_notifies);
  talkie_render_job_set_max_polling_time (job, 1);
  talkie_render_job_start (job);

  /* "Processing" for ever: after the bound it is left alone, still running. */
  g_assert_true (talkie_test_wait_until (job_stalled, job, HOSTILE_GUARD_SECONDS));
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_RENDERING);
  g_assert_cmpstr (talkie_render_job_get_project_id (job), ==, "p-7");
  polls = hostile_server_get_n_requests (fixture->server);
  g_assert_cmpuint (polls, >=, 3);
  talkie_test_wait_ms (500);
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, polls);

  /* Started again (the app's next start): followed again. */
  talkie_render_job_start (job);
  g_assert_false (talkie_render_job_get_stalled (job));
  talkie_test_wait_ms (300);
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), >, polls);
  g_assert_cmpuint (stalled_notifies, ==, 2);
  talkie_render_job_cancel (job);
  g_assert_finalize_object (g_steal_pointer (&job));
}

static void
test_unknown_status (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(TalkieRenderJob) job = NULL;

  hostile_start_server (fixture, status_handler, GUINT_TO_POINTER (7));
  job = running_job (fixture);
  talkie_render_job_start (job);

  g_assert_true (talkie_test_wait_until (job_final, job, HOSTILE_GUARD_SECONDS));
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_nonnull (strstr (talkie_render_job_get_error_message (job), "status Talkie does not know"));
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  HOSTILE_ADD ("download/whole", test_download_whole, GUINT_TO_POINTER (VIDEO_WHOLE));
  HOSTILE_ADD ("download/chunked-whole", test_download_whole, GUINT_TO_POINTER (VIDEO_CHUNKED_WHOLE));
  HOSTILE_ADD ("download/mp4-whole", test_download_mp4, GUINT_TO_POINTER (VIDEO_CHUNKED_WHOLE));
  HOSTILE_ADD ("download/mp4-cut", test_download_mp4, GUINT_TO_POINTER (VIDEO_CHUNKED_CUT));
  HOSTILE_ADD ("download/sweeps-stale-parts", test_download_sweeps_parts, NULL);
  HOSTILE_ADD ("download/chunked-cut", test_download_refused, GUINT_TO_POINTER (VIDEO_CHUNKED_CUT));
  HOSTILE_ADD ("download/chunked-cut-mid-chunk", test_download_refused, GUINT_TO_POINTER (VIDEO_CHUNKED_CUT_MID));
  HOSTILE_ADD ("download/html", test_download_refused, GUINT_TO_POINTER (VIDEO_HTML));
  HOSTILE_ADD ("download/not-a-video", test_download_refused, GUINT_TO_POINTER (VIDEO_NOT_A_VIDEO));
  HOSTILE_ADD ("download/too-large", test_download_refused, GUINT_TO_POINTER (VIDEO_TOO_LARGE));
  HOSTILE_ADD ("drip", test_drip, NULL);
  HOSTILE_ADD ("poll-bound", test_poll_bound, NULL);
  HOSTILE_ADD ("unknown-status", test_unknown_status, NULL);

  return g_test_run ();
}
