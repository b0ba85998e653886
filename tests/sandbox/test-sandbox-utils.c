/* test-sandbox-utils.c: what the sandbox test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <string.h>

#include <gst/gst.h>

#include "test-sandbox-utils.h"

#include "talkie-test-utils.h"

void
response_free (Response *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_error (&r->error);
  g_free (r);
}

static void
fixture_setup_with (Fixture    *f,
                    guint       avatar_count)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = g_object_new (TALKIE_TYPE_SANDBOX,
                             "step-ms", STEP_MS,
                             "report-every-step", TRUE,
                             "avatar-count", avatar_count,
                             NULL);
  g_assert_true (talkie_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (talkie_sandbox_get_port (f->sandbox), >, 0);
  g_assert_true (g_str_has_prefix (talkie_sandbox_get_base_url (f->sandbox), "http://127.0.0.1:"));
  g_assert_cmpstr (talkie_sandbox_get_api_key (f->sandbox), ==, "sandbox");

  f->session = soup_session_new ();
  f->tmpdir = talkie_test_make_tmp_dir ("test-sandbox-XXXXXX");
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_with (f, 48);
}

void
fixture_setup_large (Fixture       *f,
                     gconstpointer  data)
{
  fixture_setup_with (f, 10000);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  g_object_get (f->sandbox, "data-dir", &data_dir, NULL);

  /* the client hangs up first, and the sandbox sees it, then the sandbox stops */
  soup_session_abort (f->session);
  g_clear_object (&f->session);
  talkie_test_drain ();
  talkie_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  talkie_test_drain ();
  /* the sandbox removes the temporary data folder it made */
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  talkie_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

void
sandbox_test_init (int    *argc,
                   char ***argv)
{
  gst_init (argc, argv);
  g_test_init (argc, argv, NULL);
}

void
sandbox_test_add (const char      *path,
                  SandboxTestFunc  func)
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

/* ------------------------------------------------------------------------ */
/* requests                                                                 */

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *p = user_data;
  Response *r = p->response;

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &r->error);
  r->status = soup_message_get_status (p->msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (p->msg));

  if (r->body != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (r->body, &size);

      if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
        r->json = json_node_ref (json_parser_get_root (parser));
    }

  p->done = TRUE;
}

SoupMessage *
build_message (Fixture    *f,
               const char *method,
               const char *path,
               const char *key,
               const char *content_type,
               GBytes     *body)
{
  g_autofree char *url = NULL;
  SoupMessage *msg;

  if (g_str_has_prefix (path, "http"))
    url = g_strdup (path);
  else
    url = g_strconcat (talkie_sandbox_get_base_url (f->sandbox), path, NULL);

  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);
  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key", key);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  return msg;
}

Pending *
start_request (Fixture     *f,
               SoupMessage *msg)
{
  Pending *p = g_new0 (Pending, 1);

  p->msg = msg;
  p->response = g_new0 (Response, 1);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, p);
  return p;
}

Response *
finish_request (Pending *p)
{
  Response *r;

  while (!p->done)
    g_main_context_iteration (NULL, TRUE);

  r = p->response;
  g_object_unref (p->msg);
  g_free (p);
  return r;
}

Response *
request_full (Fixture     *f,
              const char  *method,
              const char  *path,
              const char  *key,
              const char  *content_type,
              GBytes      *body,
              const char  *range)
{
  SoupMessage *msg = build_message (f, method, path, key, content_type, body);

  if (range != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", range);

  return finish_request (start_request (f, msg));
}

Response *
api_get (Fixture    *f,
         const char *path)
{
  return request_full (f, "GET", path, "sandbox", NULL, NULL, NULL);
}

Response *
api_post (Fixture    *f,
          const char *path,
          const char *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return request_full (f, "POST", path, "sandbox", "application/json", body, NULL);
}

Response *
media_get (Fixture    *f,
           const char *url,
           const char *range)
{
  return request_full (f, "GET", url, NULL, NULL, NULL, range);
}

/* Asserts the JoggAI envelope and returns its code. */
gint64
envelope_code (Response *r)
{
  JsonObject *root;

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  root = json_node_get_object (r->json);
  g_assert_true (json_object_has_member (root, "code"));
  g_assert_true (json_object_has_member (root, "msg"));
  g_assert_true (json_object_has_member (root, "data"));
  g_assert_nonnull (json_object_get_string_member (root, "rid"));
  return json_object_get_int_member (root, "code");
}

JsonObject *
data_of (Response *r)
{
  g_assert_cmpint (envelope_code (r), ==, 0);
  return json_object_get_object_member (json_node_get_object (r->json), "data");
}

const char *
msg_of (Response *r)
{
  return json_object_get_string_member (json_node_get_object (r->json), "msg");
}

void
assert_parameter_error (Response   *r,
                        const char *field)
{
  g_assert_cmpint (envelope_code (r), ==, 40000);
  g_assert_true (json_object_get_null_member (json_node_get_object (r->json), "data"));
  if (field != NULL && strstr (msg_of (r), field) == NULL)
    g_error ("error message “%s” does not name %s", msg_of (r), field);
}

/* ------------------------------------------------------------------------ */
/* uploads                                                                  */

Response *
ask_upload (Fixture    *f,
            const char *filename,
            const char *content_type,
            gint64      size)
{
  g_autofree char *json = g_strdup_printf ("{\"filename\":\"%s\",\"content_type\":\"%s\",\"file_size\":%" G_GINT64_FORMAT "}",
                                           filename, content_type, size);
  return api_post (f, "/v1/upload/asset", json);
}

Response *
put_bytes (Fixture    *f,
           const char *sign_url,
           const char *content_type,
           GBytes     *bytes)
{
  return request_full (f, "PUT", sign_url, NULL, content_type, bytes, NULL);
}

/* Uploads @path and returns its asset_url. */
char *
upload_file (Fixture    *f,
             const char *path,
             const char *content_type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Response) ask = NULL;
  g_autoptr(Response) put = NULL;
  g_autofree char *base = g_path_get_basename (path);
  JsonObject *d;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);
  ask = ask_upload (f, base, content_type, g_bytes_get_size (bytes));
  d = data_of (ask);
  put = put_bytes (f, json_object_get_string_member (d, "sign_url"), content_type, bytes);
  g_assert_no_error (put->error);
  g_assert_cmpuint (put->status, ==, 200);

  return g_strdup (json_object_get_string_member (d, "asset_url"));
}

/* ------------------------------------------------------------------------ */
/* renders                                                                  */

char *
make_audio (Fixture    *f,
            const char *name,
            const char *encoder,
            int         buffers)
{
  g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
  g_autofree char *quoted = g_strescape (path, NULL);
  g_autofree char *desc = g_strdup_printf ("audiotestsrc num-buffers=%d samplesperbuffer=1024 wave=sine freq=330"
                                           " ! audio/x-raw,rate=44100,channels=1 ! audioconvert ! %s"
                                           " ! filesink location=\"%s\"", buffers, encoder, quoted);

  talkie_test_run_pipeline (desc);

  return g_steal_pointer (&path);
}

char *
render_json (int         aspect_ratio,
             const char *url,
             double      duration,
             gint64      person_id,
             int         person_source,
             int         screen_style,
             const char *voice,
             int         subtitle)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("{\"aspect_ratio\":%d,\"audio_script\":{\"url\":\"%s\",\"duration\":%s},"
                          "\"person_id\":%" G_GINT64_FORMAT ",\"person_source\":%d,\"screen_style\":%d,"
                          "\"tts_voice_id\":\"%s\",\"render_subtitle\":%d}",
                          aspect_ratio, url, g_ascii_dtostr (buf, sizeof buf, duration),
                          person_id, person_source, screen_style, voice, subtitle);
}

char *
start_render (Fixture    *f,
              const char *json)
{
  g_autoptr(Response) r = api_post (f, "/open/render/talking_avatar", json);
  JsonObject *d = data_of (r);

  g_assert_nonnull (json_object_get_string_member (d, "prj_id"));
  return g_strdup (json_object_get_string_member (d, "prj_id"));
}

/* Polls until a final status; returns the last data object (a new reference to
 * the reply in @last) and the statuses seen, in order, without repeats. */
GArray *
poll_until_final (Fixture     *f,
                  const char  *prj_id,
                  Response   **last)
{
  g_autofree char *path = g_strdup_printf ("/v1/project?project_id=%s", prj_id);
  GArray *seen = g_array_new (FALSE, FALSE, sizeof (int));

  for (;;)
    {
      Response *r = api_get (f, path);
      JsonObject *d = data_of (r);
      int status = (int) json_object_get_int_member (d, "status_code");

      g_assert_cmpstr (json_object_get_string_member (d, "id"), ==, prj_id);
      g_assert_nonnull (json_object_get_string_member (d, "title"));
      g_assert_nonnull (json_object_get_string_member (d, "cover_url"));
      g_assert_nonnull (json_object_get_string_member (d, "status_desc"));
      g_assert_true (json_object_has_member (d, "created_at"));

      if (seen->len == 0 || g_array_index (seen, int, seen->len - 1) != status)
        g_array_append_val (seen, status);

      if (status == 4 || status == 5)
        {
          *last = r;
          return seen;
        }

      /* no video before success */
      g_assert_false (json_object_has_member (d, "video_url"));
      response_free (r);
      talkie_test_wait_ms (10);
    }
}

void
assert_walk (GArray *seen,
             int     final)
{
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpint (g_array_index (seen, int, 0), ==, 1);
  g_assert_cmpint (g_array_index (seen, int, 1), ==, 2);
  g_assert_cmpint (g_array_index (seen, int, 2), ==, 3);
  g_assert_cmpint (g_array_index (seen, int, 3), ==, final);
}
