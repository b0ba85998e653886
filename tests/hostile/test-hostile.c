/* test-hostile.c: Talkie against a server that means harm, a full disk and
 * bad local files. Each test is one hole an outside probe found; each failed
 * before its fix.
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
#include "hostile-server.h"

#define API_KEY "hostile-test-key-0123456789"
/* How long a test waits for what must happen in seconds. */
#define GUARD_SECONDS 20

typedef struct
{
  char          *dir;
  HostileServer *server;
  HostileServer *other;      /* a second origin, for redirects */
  TalkieClient  *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = talkie_test_make_tmp_dir ("test-hostile-XXXXXX");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->client);
  talkie_test_drain ();
  g_clear_pointer (&fixture->server, hostile_server_free);
  g_clear_pointer (&fixture->other, hostile_server_free);
  talkie_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* A client of @server's, with a key long enough to be a secret. */
static void
start_server (Fixture        *fixture,
              HostileHandler  handler,
              gpointer        data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = hostile_server_new (handler, data);
  fixture->client = talkie_client_new (API_KEY, hostile_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
}

/* Waits for an async result, at most @seconds: FALSE when it never came. */
static gboolean
wait_result (GAsyncResult **slot,
             guint          seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (*slot == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);

  return *slot != NULL;
}

static GListModel *
list_avatars (Fixture  *fixture,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_list_avatars_async (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT,
                                    NULL, talkie_test_result_cb, &result);
  g_assert_true (wait_result (&result, GUARD_SECONDS));

  return talkie_client_list_avatars_finish (fixture->client, result, error);
}

static const char avatars_reply[] =
  "{\"code\":0,\"msg\":\"ok\",\"data\":{\"avatars\":[{\"id\":81,\"name\":\"Amanda\",\"cover_url\":\"\"}]}}";

/* --- 1. a full disk during a history save --------------------------------------- */

static const char job_json_template[] =
  "{\"version\":1,\"created_at\":1732806631,\"state\":\"succeeded\",\"project_id\":\"p-%u\","
  "\"last_status\":4,\"status_desc\":\"success\",\"video_url\":\"https://example.com/v/p-%u.mp4\","
  "\"avatar\":{\"id\":12,\"name\":\"Avatar %u\",\"source\":0},"
  "\"voice\":{\"id\":\"v2\",\"name\":\"Emily\"},"
  "\"audio\":{\"name\":\"take %u.mp3\",\"uri\":\"https://example.com/a/%u.mp3\",\"duration\":6.25},"
  "\"options\":{\"aspect_ratio\":2,\"screen_style\":1,\"subtitles\":true}}";

/* A history file of @n finished renders. */
static char *
write_history (const char *dir,
               guint       n)
{
  g_autoptr(GString) json = g_string_new ("{\"version\":1,\"jobs\":[");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "history.json", NULL);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_printf (json, job_json_template, i, i, i, i, i);
    }
  g_string_append (json, "]}");

  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);

  return path;
}

static TalkieHistory *
load_history (TalkieClient *client,
              const char   *path,
              GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TalkieHistory) history = talkie_history_new (client, file);

  if (!talkie_history_load (history, error))
    return NULL;

  return g_steal_pointer (&history);
}

static void
test_history_full_disk (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TalkieHistory) history = NULL;
  g_autoptr(TalkieHistory) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_history (fixture->dir, 201);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct rlimit saved, small;
  void (*saved_handler) (int);
  gboolean saved_ok;
  guint save_error_notifies = 0;

  fixture->client = talkie_client_new (API_KEY, "http://127.0.0.1:9", NULL);
  history = load_history (fixture->client, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 201);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  talkie_test_count_notify (history, "save-error", &save_error_notifies);

  /* The disk fills up: no file may grow past 57 KB (a fifth of the history).
   * write() fails with EFBIG, as it would with ENOSPC, part-way through. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 57 * 1024;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);

  saved_ok = talkie_history_save (history, &error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  g_assert_false (saved_ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_test_message ("The save failed as it should: %s", error->message);
  g_assert_nonnull (talkie_history_get_save_error (history));
  /* Said once: that is what the app tells the user. */
  g_assert_cmpuint (save_error_notifies, ==, 1);

  /* The old file is whole, and nothing else is left in the folder. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, ""), ==, 1);

  g_clear_error (&error);
  again = load_history (fixture->client, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 201);

  /* Space again: the next save works and the problem is over. */
  g_assert_true (talkie_history_save (history, &error));
  g_assert_no_error (error);
  g_assert_null (talkie_history_get_save_error (history));
  g_assert_cmpuint (save_error_notifies, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&history));
  g_assert_finalize_object (g_steal_pointer (&again));
}

/* --- 2. deep nesting ------------------------------------------------------------ */

static char *
deep_json (const char *prefix,
           guint       depth,
           const char *suffix)
{
  GString *json = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append (json, suffix);

  return g_string_free (json, FALSE);
}

static void
deep_reply_handler (HostileServer        *server,
                    const HostileRequest *request,
                    GOutputStream        *output,
                    gpointer              user_data)
{
  g_autofree char *body = deep_json ("{\"code\":0,\"data\":{\"avatars\":", 200000, "}}");

  hostile_reply (output, 200, "application/json", NULL, body, strlen (body));
}

static void
test_reply_deep_nesting (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  start_server (fixture, deep_reply_handler, NULL);
  list = list_avatars (fixture, &error);

  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
}

static void
test_history_deep_nesting (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(TalkieHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "history.json", NULL);
  g_autofree char *json = deep_json ("{\"version\":1,\"jobs\":", 200000, "}");
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  fixture->client = talkie_client_new (API_KEY, "http://127.0.0.1:9", NULL);
  history = talkie_history_new (fixture->client, file);

  /* Set aside as corrupt, an empty list, and no crash. */
  g_assert_false (talkie_history_load (history, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, "history.json.corrupt"), ==, 1);
}

static void
test_json_depth (void)
{
  static const struct { const char *text; guint depth; } cases[] = {
    { "{}", 1 },
    { "[[1],[[2]]]", 3 },
    { "\"[[[[\"", 0 },
    { "[\"]]]]\",[[1]]]", 3 },
    { "[\"\\\"[[[\"]", 1 },
    /* json-glib reads 'strings' and comments too: brackets there are not nesting… */
    { "['[[[[']", 1 },
    { "[/* [[[[ */1]", 1 },
    /* …and a quote inside them opens no string. */
    { "['\"',[[[1]]]]", 4 },
    { "[/* \" */[[[1]]]]", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (talkie_json_get_depth (cases[i].text, strlen (cases[i].text), 64), ==, cases[i].depth);
}

/* --- 3. redirects carry no key ---------------------------------------------------- */

static void
record_handler (HostileServer        *server,
                const HostileRequest *request,
                GOutputStream        *output,
                gpointer              user_data)
{
  hostile_reply (output, 200, "application/json", NULL, avatars_reply, strlen (avatars_reply));
}

static void
redirect_handler (HostileServer        *server,
                  const HostileRequest *request,
                  GOutputStream        *output,
                  gpointer              user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *location = g_strdup_printf ("Location: %s%s\r\n",
                                               hostile_server_get_url (fixture->other),
                                               request->path);

  hostile_reply (output, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (fixture->client), "status")),
                 "text/plain", location, "", 0);
}

static void
check_redirect (Fixture *fixture,
                guint    status,
                gboolean post)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->other = hostile_server_new (record_handler, NULL);
  start_server (fixture, redirect_handler, fixture);
  g_object_set_data (G_OBJECT (fixture->client), "status", GUINT_TO_POINTER (status));

  if (post)
    {
      g_autoptr(TalkieRenderRequest) request = talkie_render_request_new ();
      g_autofree char *project_id = NULL;

      request->person_id = 81;
      request->tts_voice_id = g_strdup ("v1");
      request->audio_url = g_strdup ("https://example.com/a.mp3");
      request->audio_duration = 3.0;
      talkie_client_create_render_async (fixture->client, request, NULL, talkie_test_result_cb, &result);
      g_assert_true (wait_result (&result, GUARD_SECONDS));
      project_id = talkie_client_create_render_finish (fixture->client, result, &error);
      g_assert_null (project_id);
    }
  else
    {
      g_autoptr(GListModel) list = list_avatars (fixture, &error);

      g_assert_null (list);
    }

  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_REDIRECT);
  g_test_message ("HTTP %u: %s", status, error->message);

  /* The key went to the configured server, and nothing to the other. */
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 1);
  {
    g_autofree char *key = hostile_server_dup_header (fixture->server, 0, "x-api-key");
    g_assert_cmpstr (key, ==, API_KEY);
  }
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->other), ==, 0);
}

static void
test_redirect_get (Fixture       *fixture,
                   gconstpointer  user_data)
{
  check_redirect (fixture, 302, FALSE);
}

static void
test_redirect_post (Fixture       *fixture,
                    gconstpointer  user_data)
{
  check_redirect (fixture, 307, TRUE);
}

/* --- 4. cut-off and fake videos ---------------------------------------------------- */

/* The container the next download is served in: WebM, or MP4 when set. */
static gboolean serve_mp4;

static GBytes *
real_video (void)
{
  static GBytes *videos[2];
  GBytes **video = &videos[serve_mp4 ? 1 : 0];

  if (*video == NULL)
    {
      g_autofree char *dir = talkie_test_make_tmp_dir ("hostile-video-XXXXXX");
      g_autofree char *path = g_build_filename (dir, "v.video", NULL);
      g_autofree char *pipeline = NULL;
      char *contents = NULL;
      gsize length = 0;

      if (serve_mp4)
        pipeline = g_strdup_printf ("videotestsrc num-buffers=60 ! video/x-raw,width=320,height=240 ! "
                                    "videoconvert ! avenc_mpeg4 ! mp4mux ! filesink location=%s", path);
      else
        pipeline = g_strdup_printf ("videotestsrc num-buffers=60 ! video/x-raw,width=320,height=240 ! "
                                    "vp8enc deadline=1 ! webmmux ! filesink location=%s", path);
      talkie_test_run_pipeline (pipeline);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 4096);
      *video = g_bytes_new_take (contents, length);
      talkie_test_remove_tree (dir);
    }

  return *video;
}

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
  GBytes *video = real_video ();
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

  start_server (fixture, video_handler, GUINT_TO_POINTER (reply));
  url = g_strconcat (hostile_server_get_url (fixture->server), "/media/video.webm", NULL);

  talkie_client_download_async (fixture->client, url, destination, NULL, NULL, NULL,
                                NULL, talkie_test_result_cb, &result);
  g_assert_true (wait_result (&result, GUARD_SECONDS));

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
  g_assert_cmpmem (contents, length, g_bytes_get_data (real_video (), NULL), g_bytes_get_size (real_video ()));
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

/* --- 5. ids a server chose ------------------------------------------------------- */

static void
test_project_id_escapes (void)
{
  static const char * const hostile[] = {
    "{\"prj_id\":\"\\u001b[2J\\u001b]0;owned\\u0007abc\"}",
    "{\"prj_id\":\"abc\\ndef\"}",
    "{\"prj_id\":\"../../v1/other\"}",
    "{\"prj_id\":\"a b\"}",
    "{\"project_id\":\"x?y=1\"}",
  };
  g_autofree char *long_id = g_strnfill (TALKIE_REPLY_MAX_ID_LENGTH + 1, 'a');

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(JsonNode) data = json_from_string (hostile[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *id = talkie_reply_parse_project_id (data, &error);

      g_assert_null (id);
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
    }

  g_assert_false (talkie_reply_check_id (long_id));
  g_assert_true (talkie_reply_check_id ("67855d5c60e54ddb911715d99e699457"));
  g_assert_true (talkie_reply_check_id ("p-42"));
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

  start_server (fixture, drip_handler, NULL);
  talkie_client_set_deadline (fixture->client, 2);

  start = g_get_monotonic_time ();
  list = list_avatars (fixture, &error);

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

  start_server (fixture, status_handler, GUINT_TO_POINTER (TALKIE_PROJECT_STATUS_PROCESSING));
  job = running_job (fixture);
  talkie_test_count_notify (job, "stalled", &stalled_notifies);
  talkie_render_job_set_max_polling_time (job, 1);
  talkie_render_job_start (job);

  /* "Processing" for ever: after the bound it is left alone, still running. */
  g_assert_true (talkie_test_wait_until (job_stalled, job, GUARD_SECONDS));
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

  start_server (fixture, status_handler, GUINT_TO_POINTER (7));
  job = running_job (fixture);
  talkie_render_job_start (job);

  g_assert_true (talkie_test_wait_until (job_final, job, GUARD_SECONDS));
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_nonnull (strstr (talkie_render_job_get_error_message (job), "status Talkie does not know"));
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 1);
}

/* --- 8. addresses a server hands out -------------------------------------------------- */

static void
test_url_rule (void)
{
  static const struct { const char *url; gboolean remote; gboolean base; } cases[] = {
    { "https://api.jogg.ai", TRUE, TRUE },
    { "https://cdn.example.com/v.mp4?sig=abc", TRUE, FALSE },
    { "http://127.0.0.1:8080", TRUE, TRUE },
    { "http://localhost:8080/", TRUE, TRUE },
    { "http://localhost.:8080", TRUE, TRUE },
    { "http://[::1]:8080", TRUE, TRUE },
    { "http://127.1.2.3", TRUE, TRUE },
    { "http://example.com/v.mp4", FALSE, FALSE },
    { "http://10.0.0.1/upload", FALSE, FALSE },
    { "http://localhost.example.com", FALSE, FALSE },
    { "file:///etc/passwd", FALSE, FALSE },
    { "ftp://127.0.0.1/v.mp4", FALSE, FALSE },
    { "https://user:pw@example.com", FALSE, FALSE },
    { "https://example.com#top", TRUE, FALSE },
    { "https://", FALSE, FALSE },
    { "not a url", FALSE, FALSE },
    { "", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *base = talkie_url_check_base (cases[i].url, NULL);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (talkie_url_check_remote (cases[i].url, NULL), ==, cases[i].remote);
      g_assert_cmpint (base != NULL, ==, cases[i].base);
    }
}

static void
test_sign_url_file (void)
{
  static const char * const replies[] = {
    "{\"sign_url\":\"file:///etc/passwd\",\"asset_url\":\"https://example.com/a\"}",
    "{\"sign_url\":\"http://example.com/upload\",\"asset_url\":\"https://example.com/a\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr(JsonNode) data = json_from_string (replies[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *sign = NULL;
      g_autofree char *asset = NULL;

      g_assert_false (talkie_reply_parse_upload (data, &sign, &asset, &error));
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INSECURE_URL);
      g_assert_null (sign);
    }
}

static void
test_video_url_http (void)
{
  g_autoptr(JsonNode) data = json_from_string ("{\"id\":\"p-1\",\"status_code\":4,"
                                               "\"video_url\":\"http://example.com/v.mp4\","
                                               "\"cover_url\":\"file:///etc/passwd\"}", NULL);
  g_autoptr(TalkieProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = talkie_reply_parse_project (data, &error);
  g_assert_no_error (error);
  g_assert_null (talkie_project_get_video_url (project));
  g_assert_null (talkie_project_get_cover_url (project));
}

/* --- 10. redaction ----------------------------------------------------------------- */

static void
test_redact (void)
{
  g_autoptr(TalkieClient) short_key = talkie_client_new ("k", "http://127.0.0.1:9", NULL);
  g_autoptr(TalkieClient) sandbox = talkie_client_new ("sandbox", "http://127.0.0.1:9", NULL);
  g_autoptr(TalkieClient) secret = talkie_client_new (API_KEY, "http://127.0.0.1:9", NULL);
  g_autofree char *a = talkie_client_redact (short_key, "Check the key");
  g_autofree char *b = talkie_client_redact (sandbox, "sandbox fault");
  g_autofree char *c = talkie_client_redact (secret, "key " API_KEY ", and " API_KEY "x is another");

  g_assert_cmpstr (a, ==, "Check the key");
  g_assert_cmpstr (b, ==, "sandbox fault");
  g_assert_cmpstr (c, ==, "key [redacted], and " API_KEY "x is another");
}

/* --- 12. leftovers of interrupted saves ---------------------------------------------- */

static void
make_old_file (const char *dir,
               const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times = { .actime = 1000000000, .modtime = 1000000000 };

  g_assert_true (g_file_set_contents (path, "{\"version\":1,\"jo", -1, NULL));
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
test_history_stale_temp_files (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(TalkieHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_history (fixture->dir, 3);
  g_autofree char *fresh = g_build_filename (fixture->dir, "history.json.Zz9Yy8", NULL);

  for (guint i = 0; i < 53; i++)
    {
      g_autofree char *name = g_strdup_printf (".goutputstream-%06X", i);
      make_old_file (fixture->dir, name);
    }
  make_old_file (fixture->dir, "history.json.AbC123");
  make_old_file (fixture->dir, "history.json.corrupt-2026-01-01");
  make_old_file (fixture->dir, "notes.txt");
  /* A save in progress right now: not touched. */
  g_assert_true (g_file_set_contents (fresh, "{", -1, NULL));

  fixture->client = talkie_client_new (API_KEY, "http://127.0.0.1:9", NULL);
  history = load_history (fixture->client, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);

  g_assert_cmpuint (talkie_test_count_files (fixture->dir, ".goutputstream-"), ==, 0);
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, "history.json.AbC123"), ==, 0);
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, "history.json.corrupt-"), ==, 1);
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, "notes.txt"), ==, 1);
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

/* --- 13. Retry-After ----------------------------------------------------------------- */

static void
busy_handler (HostileServer        *server,
              const HostileRequest *request,
              GOutputStream        *output,
              gpointer              user_data)
{
  /* Busy twice, then an answer. */
  if (hostile_server_get_n_requests (server) <= 2)
    hostile_reply (output, 503, "text/plain", "Retry-After: 1\r\n", "busy", 4);
  else
    hostile_reply (output, 200, "application/json", NULL, avatars_reply, strlen (avatars_reply));
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  start_server (fixture, busy_handler, NULL);
  list = list_avatars (fixture, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 3);
  /* It waited as asked: a second, twice. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC - 100000);
}

static void
long_busy_handler (HostileServer        *server,
                   const HostileRequest *request,
                   GOutputStream        *output,
                   gpointer              user_data)
{
  hostile_reply (output, 429, "text/plain", "Retry-After: 3600\r\n", "later", 5);
}

static void
test_retry_after_too_long (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  start_server (fixture, long_busy_handler, NULL);
  list = list_avatars (fixture, &error);

  /* An hour is not waited for: the error now, for the caller to decide. */
  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP);
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 1);
}

/* --- talkie-cli against the hostile server -------------------------------------- */

typedef enum
{
  FLOW_ESCAPES,        /* the project id and status carry terminal escapes */
  FLOW_SLOW_VIDEO,     /* a finished render whose video crawls in */
} Flow;

static GBytes *
real_wav (void)
{
  static GBytes *wav;

  if (wav == NULL)
    {
      g_autofree char *dir = talkie_test_make_tmp_dir ("hostile-wav-XXXXXX");
      g_autofree char *path = g_build_filename (dir, "voice.wav", NULL);
      char *contents = NULL;
      gsize length = 0;

      /* WAV: its length is in its header, so probing it needs no seek (an MP3
       * without a Xing header is measured by reading to its end). */
      talkie_test_make_tone (path, 130, "wavenc");
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      wav = g_bytes_new_take (contents, length);
      talkie_test_remove_tree (dir);
    }

  return wav;
}

static void
api_reply (GOutputStream *output,
           const char    *data)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":0,\"msg\":\"ok\",\"data\":%s}", data);

  hostile_reply (output, 200, "application/json", NULL, body, strlen (body));
}

static void
flow_handler (HostileServer        *server,
              const HostileRequest *request,
              GOutputStream        *output,
              gpointer              user_data)
{
  Flow flow = GPOINTER_TO_UINT (user_data);
  const char *path = request->path;

  if (g_str_has_prefix (path, "/open/avatar"))
    api_reply (output, "{\"avatars\":[{\"id\":81,\"name\":\"Amanda \\u001b[31mred\",\"cover_url\":\"\"}]}");
  else if (g_str_has_prefix (path, "/open/timbre"))
    api_reply (output, "{\"total\":1,\"timbres\":[{\"name\":\"Emily\",\"lang_id\":\"v1\",\"language\":\"english\"}]}");
  else if (g_str_has_prefix (path, "/voice.wav"))
    hostile_reply (output, 200, "audio/wav", NULL,
                   g_bytes_get_data (real_wav (), NULL), g_bytes_get_size (real_wav ()));
  else if (g_str_has_prefix (path, "/open/render/talking_avatar"))
    api_reply (output, flow == FLOW_ESCAPES
                       ? "{\"prj_id\":\"\\u001b[2J\\u001b]0;owned\\u0007p-1\\nrm -rf\"}"
                       : "{\"prj_id\":\"p-1\"}");
  else if (g_str_has_prefix (path, "/v1/project"))
    {
      g_autofree char *data = g_strdup_printf ("{\"id\":\"p-1\",\"title\":\"\\u001b]0;title\\u0007T\","
                                               "\"status_code\":4,\"status_desc\":\"done\\u001b[2J\","
                                               "\"video_url\":\"%s/video.webm\",\"video_duration\":3}",
                                               hostile_server_get_url (server));
      api_reply (output, data);
    }
  else if (g_str_has_prefix (path, "/video.webm"))
    {
      GBytes *video = real_video ();
      gsize length = g_bytes_get_size (video);
      const guint8 *data = g_bytes_get_data (video, NULL);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: video/webm\r\n"
                                               "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", length);

      /* Half of it at once, then a byte every 100 ms: it is being saved
       * (a partial file exists) for as long as the test likes. */
      if (!hostile_write (output, head) || !hostile_write_bytes (output, data, length / 2))
        return;
      for (gsize at = length / 2; at < length && !hostile_server_is_stopping (server); at++)
        {
          g_usleep (100 * 1000);
          if (!hostile_write_bytes (output, data + at, 1))
            return;
        }
    }
  else
    hostile_reply (output, 404, "text/plain", NULL, "no", 2);
}

/* Runs talkie-cli with @args against the server, in the fixture's folder. */
static GSubprocess *
spawn_cli (Fixture            *fixture,
           const char * const *args,
           GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("TALKIE_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  g_subprocess_launcher_setenv (launcher, "TALKIE_API_KEY", API_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_BASE_URL", hostile_server_get_url (fixture->server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "TALKIE_LOCALEDIR");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);

  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

static int
run_cli (Fixture            *fixture,
         const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = spawn_cli (fixture, args, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_test_message ("talkie-cli %s → %d\nstdout: %s\nstderr: %s", args[0],
                  g_subprocess_get_exit_status (process), *out, *err);

  return g_subprocess_get_exit_status (process);
}

static void
assert_no_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\n')
      g_assert_false (g_ascii_iscntrl (*p));
}

static void
test_cli_escape_codes (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *audio = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  int status;

  start_server (fixture, flow_handler, GUINT_TO_POINTER (FLOW_ESCAPES));
  audio = g_strconcat (hostile_server_get_url (fixture->server), "/voice.wav", NULL);

  {
    const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", audio, NULL };

    status = run_cli (fixture, args, &out, &err);
  }

  /* The id is refused: nothing on stdout for ID=$(…) to swallow, one clean line on stderr. */
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  assert_no_control_characters (err);
  g_assert_nonnull (strstr (err, "does not understand"));

  /* Whatever else the server says is shown without its escapes. */
  {
    const char *args[] = { "status", "p-1", NULL };

    status = run_cli (fixture, args, &out2, &err2);
  }
  g_assert_cmpint (status, ==, 0);
  assert_no_control_characters (out2);
  assert_no_control_characters (err2);
}

/* Checks @condition every 20 ms (what it watches happens in another process). */
static gboolean
poll_until (gboolean (*condition) (gpointer),
            gpointer  data,
            guint     seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_usleep (20 * 1000);
    }

  return TRUE;
}

static gboolean
part_file_exists (gpointer data)
{
  Fixture *fixture = data;

  return talkie_test_count_files (fixture->dir, ".out.webm.") > 0;
}

static void
test_cli_interrupted_download (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", NULL,
                         "--output", "out.webm", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audio = NULL;

  start_server (fixture, flow_handler, GUINT_TO_POINTER (FLOW_SLOW_VIDEO));
  audio = g_strconcat (hostile_server_get_url (fixture->server), "/voice.wav", NULL);
  args[6] = audio;

  process = spawn_cli (fixture, args, &error);
  g_assert_no_error (error);

  /* Saving has begun: the partial file is there. Then Ctrl+C. */
  if (!poll_until (part_file_exists, fixture, GUARD_SECONDS))
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_subprocess_force_exit (process);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, NULL);
      g_test_message ("No partial file appeared. stdout: %s\nstderr: %s", out, err);
      g_assert_not_reached ();
    }
  g_subprocess_send_signal (process, SIGINT);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  /* Neither the partial file nor a video under its final name. */
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, ".out.webm."), ==, 0);
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, "out.webm"), ==, 0);
}

static void
test_cli_output_checked_first (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *existing = g_build_filename (fixture->dir, "taken.webm", NULL);
  g_autofree char *audio = NULL;

  start_server (fixture, flow_handler, GUINT_TO_POINTER (FLOW_SLOW_VIDEO));
  audio = g_strconcat (hostile_server_get_url (fixture->server), "/voice.wav", NULL);
  g_assert_true (g_file_set_contents (existing, "my other video", -1, NULL));

  /* An existing file is not replaced without --force: a usage error, at once. */
  {
    const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", audio,
                           "--output", "taken.webm", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *contents = NULL;

    g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--force"));
    g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "my other video");
  }

  /* A folder nothing can be written to: said before anything is sent. */
  {
    const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", audio,
                           "--output", "/proc/out.webm", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "could not be saved"));
  }

  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 0);
}

static void
test_cli_not_a_regular_file (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo", NULL);
  const char * const audios[] = { fifo, "/dev/zero", "/dev/null" };

  start_server (fixture, flow_handler, GUINT_TO_POINTER (FLOW_SLOW_VIDEO));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (audios); i++)
    {
      const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", audios[i], NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
      g_assert_nonnull (strstr (err, "is not a regular file"));
      g_assert_null (strstr (err, "empty"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

#define ADD(path, func, data) \
  g_test_add ("/hostile/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("history/full-disk", test_history_full_disk, NULL);
  ADD ("history/deep-nesting", test_history_deep_nesting, NULL);
  ADD ("history/stale-temp-files", test_history_stale_temp_files, NULL);
  ADD ("reply/deep-nesting", test_reply_deep_nesting, NULL);
  g_test_add_func ("/hostile/reply/json-depth", test_json_depth);
  ADD ("redirect/get", test_redirect_get, NULL);
  ADD ("redirect/post", test_redirect_post, NULL);
  ADD ("download/whole", test_download_whole, GUINT_TO_POINTER (VIDEO_WHOLE));
  ADD ("download/chunked-whole", test_download_whole, GUINT_TO_POINTER (VIDEO_CHUNKED_WHOLE));
  ADD ("download/mp4-whole", test_download_mp4, GUINT_TO_POINTER (VIDEO_CHUNKED_WHOLE));
  ADD ("download/mp4-cut", test_download_mp4, GUINT_TO_POINTER (VIDEO_CHUNKED_CUT));
  ADD ("download/sweeps-stale-parts", test_download_sweeps_parts, NULL);
  ADD ("download/chunked-cut", test_download_refused, GUINT_TO_POINTER (VIDEO_CHUNKED_CUT));
  ADD ("download/chunked-cut-mid-chunk", test_download_refused, GUINT_TO_POINTER (VIDEO_CHUNKED_CUT_MID));
  ADD ("download/html", test_download_refused, GUINT_TO_POINTER (VIDEO_HTML));
  ADD ("download/not-a-video", test_download_refused, GUINT_TO_POINTER (VIDEO_NOT_A_VIDEO));
  ADD ("download/too-large", test_download_refused, GUINT_TO_POINTER (VIDEO_TOO_LARGE));
  g_test_add_func ("/hostile/ids/escape-codes", test_project_id_escapes);
  ADD ("drip", test_drip, NULL);
  ADD ("poll-bound", test_poll_bound, NULL);
  ADD ("unknown-status", test_unknown_status, NULL);
  g_test_add_func ("/hostile/urls/rule", test_url_rule);
  g_test_add_func ("/hostile/urls/sign-url", test_sign_url_file);
  g_test_add_func ("/hostile/urls/video-url", test_video_url_http);
  g_test_add_func ("/hostile/redact", test_redact);
  ADD ("retry-after", test_retry_after, NULL);
  ADD ("retry-after-too-long", test_retry_after_too_long, NULL);

  ADD ("cli/escape-codes", test_cli_escape_codes, NULL);
  ADD ("cli/interrupted-download", test_cli_interrupted_download, NULL);
  ADD ("cli/output-checked-first", test_cli_output_checked_first, NULL);
  ADD ("cli/not-a-regular-file", test_cli_not_a_regular_file, NULL);

#undef ADD

  return g_test_run ();
}
