/* test-hostile.c: Talkie against a server that means harm, a full disk and
 * bad local files — the history, replies, redirects, ids, addresses a server
 * hands out, redaction and Retry-After. Each test is one hole an outside
 * probe found; each failed before its fix. Downloads and render jobs are in
 * test-hostile-transfer.c, talkie-cli in test-hostile-cli.c.
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

  fixture->client = talkie_client_new (HOSTILE_API_KEY, "http://127.0.0.1:9", NULL);
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

  hostile_start_server (fixture, deep_reply_handler, NULL);
  list = hostile_list_avatars (fixture, &error);

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
  fixture->client = talkie_client_new (HOSTILE_API_KEY, "http://127.0.0.1:9", NULL);
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
  hostile_reply (output, 200, "application/json", NULL, hostile_avatars_reply, strlen (hostile_avatars_reply));
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
  hostile_start_server (fixture, redirect_handler, fixture);
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
      g_assert_true (hostile_wait_result (&result, HOSTILE_GUARD_SECONDS));
      project_id = talkie_client_create_render_finish (fixture->client, result, &error);
      g_assert_null (project_id);
    }
  else
    {
      g_autoptr(GListModel) list = hostile_list_avatars (fixture, &error);

      g_assert_null (list);
    }

  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_REDIRECT);
  g_test_message ("HTTP %u: %s", status, error->message);

  /* The key went to the configured server, and nothing to the other. */
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 1);
  {
    g_autofree char *key = hostile_server_dup_header (fixture->server, 0, "x-api-key");
    g_assert_cmpstr (key, ==, HOSTILE_API_KEY);
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
  g_autoptr(TalkieClient) secret = talkie_client_new (HOSTILE_API_KEY, "http://127.0.0.1:9", NULL);
  g_autofree char *a = talkie_client_redact (short_key, "Check the key");
  g_autofree char *b = talkie_client_redact (sandbox, "sandbox fault");
  g_autofree char *c = talkie_client_redact (secret, "key " HOSTILE_API_KEY ", and " HOSTILE_API_KEY "x is another");

  g_assert_cmpstr (a, ==, "Check the key");
  g_assert_cmpstr (b, ==, "sandbox fault");
  g_assert_cmpstr (c, ==, "key [redacted], and " HOSTILE_API_KEY "x is another");
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

  fixture->client = talkie_client_new (HOSTILE_API_KEY, "http://127.0.0.1:9", NULL);
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
    hostile_reply (output, 200, "application/json", NULL, hostile_avatars_reply, strlen (hostile_avatars_reply));
}

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  hostile_start_server (fixture, busy_handler, NULL);
  list = hostile_list_avatars (fixture, &error);

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

  hostile_start_server (fixture, long_busy_handler, NULL);
  list = hostile_list_avatars (fixture, &error);

  /* An hour is not waited for: the error now, for the caller to decide. */
  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP);
  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  HOSTILE_ADD ("history/full-disk", test_history_full_disk, NULL);
  HOSTILE_ADD ("history/deep-nesting", test_history_deep_nesting, NULL);
  HOSTILE_ADD ("history/stale-temp-files", test_history_stale_temp_files, NULL);
  HOSTILE_ADD ("reply/deep-nesting", test_reply_deep_nesting, NULL);
  g_test_add_func ("/hostile/reply/json-depth", test_json_depth);
  HOSTILE_ADD ("redirect/get", test_redirect_get, NULL);
  HOSTILE_ADD ("redirect/post", test_redirect_post, NULL);
  g_test_add_func ("/hostile/ids/escape-codes", test_project_id_escapes);
  g_test_add_func ("/hostile/urls/rule", test_url_rule);
  g_test_add_func ("/hostile/urls/sign-url", test_sign_url_file);
  g_test_add_func ("/hostile/urls/video-url", test_video_url_http);
  g_test_add_func ("/hostile/redact", test_redact);
  HOSTILE_ADD ("retry-after", test_retry_after, NULL);
  HOSTILE_ADD ("retry-after-too-long", test_retry_after_too_long, NULL);

  return g_test_run ();
}
