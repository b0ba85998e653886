/* test-sandbox-faults.c: fault injection, set in process and over HTTP, and a
 * sandbox stopped while it holds requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <string.h>

#include "test-sandbox-utils.h"

#include "talkie-test-utils.h"

static void
test_fault_kinds (Fixture       *f,
                  gconstpointer  data)
{
  const char *path = "/open/avatar/user";

  g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, path), ==, 0);

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_HTTP_500, 0, 1);
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_no_error (r->error);
    g_assert_cmpuint (r->status, ==, 500);
    g_assert_null (r->json);
    g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "text/html");
  }
  /* times = 1: back to normal */
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_cmpint (envelope_code (r), ==, 0);
  }

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_MALFORMED, 0, 1);
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_no_error (r->error);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (r->body), >, 0);
    g_assert_null (r->json);
  }

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_TRUNCATED, 0, 1);
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_no_error (r->error);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (soup_message_headers_get_content_length (r->headers), ==, g_bytes_get_size (r->body));
    g_assert_cmpmem (g_bytes_get_data (r->body, NULL), 1, "{", 1);
    g_assert_null (r->json);
  }

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_API_CODE, 18020, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Response) r = api_get (f, path);
      g_assert_cmpint (envelope_code (r), ==, 18020);
      g_assert_cmpstr (msg_of (r), ==, "insufficient credit");
      g_assert_true (json_object_get_null_member (json_node_get_object (r->json), "data"));
    }

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_DROP, 0, 1);
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_nonnull (r->error);
    g_assert_null (r->body);
    g_test_message ("drop: %s", r->error->message);
  }

  /* the next request on a new connection is fine */
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_cmpint (envelope_code (r), ==, 0);
  }

  g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, path), ==, 8);
}

static void
test_fault_delay (Fixture       *f,
                  gconstpointer  data)
{
  Pending *slow, *fast;
  Response *slow_r, *fast_r;

  /* a delayed answer is the normal answer, later */
  talkie_sandbox_set_fault (f->sandbox, "/open/timbre/user", TALKIE_SANDBOX_FAULT_DELAY, 30, 1);
  {
    g_autoptr(Response) r = api_get (f, "/open/timbre/user");
    g_assert_cmpint (json_object_get_int_member (data_of (r), "total"), ==, 2);
  }

  /* a delayed media request still honours Range, a delayed audition still comes */
  talkie_sandbox_set_fault (f->sandbox, "/media/", TALKIE_SANDBOX_FAULT_DELAY, 30, 0);
  {
    g_autoptr(Response) r = media_get (f, "/media/cover/1.png", "bytes=0-9");
    g_assert_cmpuint (r->status, ==, 206);
    g_assert_cmpuint (g_bytes_get_size (r->body), ==, 10);
  }
  {
    g_autoptr(Response) r = media_get (f, "/media/audition/fr-FR-HugoNeural.ogg", NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpmem (g_bytes_get_data (r->body, NULL), 4, "OggS", 4);
  }

  /* a request held for a minute does not hold up the loop: another one is
   * answered meanwhile */
  talkie_sandbox_set_fault (f->sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_DELAY, 60000, 1);
  slow = start_request (f, build_message (f, "GET", "/open/timbre", "sandbox", NULL, NULL));
  while (talkie_sandbox_get_hits (f->sandbox, "/open/timbre") == 0)
    g_main_context_iteration (NULL, TRUE);
  fast = start_request (f, build_message (f, "GET", "/open/avatar/user", "sandbox", NULL, NULL));
  fast_r = finish_request (fast);
  g_assert_cmpint (envelope_code (fast_r), ==, 0);
  g_assert_false (slow->done);

  /* stopping the sandbox ends the held one */
  talkie_sandbox_stop (f->sandbox);
  slow_r = finish_request (slow);
  g_assert_true (slow_r->error != NULL || slow_r->status == 503);

  response_free (slow_r);
  response_free (fast_r);
}

static void
on_cancelled_sent (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, error);

  g_assert_null (body);
}

static void
test_fault_delay_client_gone (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SoupMessage) msg = build_message (f, "GET", "/open/timbre", "sandbox", NULL, NULL);
  g_autoptr(GError) error = NULL;

  talkie_sandbox_set_fault (f->sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_DELAY, 150, 1);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_cancelled_sent, &error);
  while (talkie_sandbox_get_hits (f->sandbox, "/open/timbre") == 0)
    g_main_context_iteration (NULL, TRUE);

  /* the client gives up while the sandbox holds the request */
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* let the delay run out on a message nobody waits for */
  talkie_test_wait_ms (300);

  /* the sandbox shrugs it off and answers the next one */
  {
    g_autoptr(Response) r = api_get (f, "/open/timbre");
    g_assert_cmpint (envelope_code (r), ==, 0);
  }
}

static void
test_stop_while_holding (Fixture       *f,
                         gconstpointer  data)
{
  Pending *delayed, *clip;
  Response *r;

  /* one request held by a delay, one waiting for an audition being made */
  talkie_sandbox_set_fault (f->sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_DELAY, 60000, 0);
  delayed = start_request (f, build_message (f, "GET", "/open/timbre", "sandbox", NULL, NULL));
  clip = start_request (f, build_message (f, "GET", "/media/audition/ja-JP-YukiNeural.ogg", NULL, NULL, NULL));
  while (talkie_sandbox_get_hits (f->sandbox, "/open/timbre") == 0 ||
         talkie_sandbox_get_hits (f->sandbox, "/media/") == 0)
    g_main_context_iteration (NULL, TRUE);

  talkie_sandbox_stop (f->sandbox);

  /* both end now, with an answer or a closed connection, never a hang */
  r = finish_request (delayed);
  g_assert_true (r->error != NULL || r->status == 503);
  response_free (r);
  r = finish_request (clip);
  g_assert_true (r->error != NULL || r->status == 503);
  response_free (r);
}

static void
test_fault_wildcard_and_control (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(Response) set = api_post (f, "/_sandbox/fault", "{\"path\":\"*\",\"fault\":\"code\",\"value\":50000}");
  g_assert_cmpint (envelope_code (set), ==, 0);

  /* every API path, but not the control endpoint */
  {
    g_autoptr(Response) a = api_get (f, "/open/avatar?aspect_ratio=0");
    g_autoptr(Response) b = api_get (f, "/v1/project?project_id=x");
    g_assert_cmpint (envelope_code (a), ==, 50000);
    g_assert_cmpint (envelope_code (b), ==, 50000);
    g_assert_cmpstr (msg_of (a), ==, "system error");
  }

  {
    g_autoptr(Response) clear = api_post (f, "/_sandbox/clear", "{}");
    g_autoptr(Response) a = api_get (f, "/open/avatar?aspect_ratio=0");
    g_assert_cmpint (envelope_code (clear), ==, 0);
    g_assert_cmpint (envelope_code (a), ==, 0);
  }

  /* bad control requests */
  {
    const char *bad[] = { "{\"fault\":\"500\"}", "{\"path\":\"/x\",\"fault\":\"explode\"}",
                          "{\"path\":\"/x\",\"fault\":\"delay\",\"value\":\"10\"}",
                          "{\"path\":\"/x\",\"fault\":\"500\",\"times\":-1}", "[]" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(Response) r = api_post (f, "/_sandbox/fault", bad[i]);
        assert_parameter_error (r, NULL);
      }
  }

  /* faults on the signed-URL upload */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("0123456789", 10);
    g_autoptr(Response) ask = ask_upload (f, "a.wav", "audio/wav", 10);
    const char *sign_url = json_object_get_string_member (data_of (ask), "sign_url");
    g_autoptr(Response) set_upload = api_post (f, "/_sandbox/fault", "{\"path\":\"/upload/\",\"fault\":\"500\",\"times\":1}");
    g_autoptr(Response) failed = put_bytes (f, sign_url, "audio/wav", bytes);
    g_autoptr(Response) retried = put_bytes (f, sign_url, "audio/wav", bytes);

    g_assert_cmpint (envelope_code (set_upload), ==, 0);
    g_assert_cmpuint (failed->status, ==, 500);
    g_assert_cmpuint (retried->status, ==, 200);
    g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, "/upload/"), ==, 2);
  }

  /* render-fails through the control endpoint, for any path */
  {
    g_autoptr(Response) r = api_post (f, "/_sandbox/fault", "{\"path\":\"*\",\"fault\":\"render-fails\"}");
    g_autofree char *json = render_json (2, "http://127.0.0.1:9/a.mp3", 1.0, 20001, 0, 1, "en-US-EmilyNeural", 2);
    g_autofree char *prj_id = NULL;
    g_autoptr(Response) last = NULL;
    g_autoptr(GArray) seen = NULL;

    g_assert_cmpint (envelope_code (r), ==, 0);
    prj_id = start_render (f, json);
    seen = poll_until_final (f, prj_id, &last);
    assert_walk (seen, 5);
    g_assert_nonnull (strstr (json_object_get_string_member (data_of (last), "status_desc"), "render-fails"));
  }

  g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, "*"), >, 10);
  {
    g_autoptr(Response) hits = api_get (f, "/_sandbox/hits?path=/upload/");
    g_assert_cmpint (json_object_get_int_member (data_of (hits), "hits"), ==, 2);
  }
  g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, "/never"), ==, 0);
}

static void
test_fault_from_string (void)
{
  const struct {
    const char *str;
    TalkieSandboxFault fault;
  } good[] = {
    { "500", TALKIE_SANDBOX_FAULT_HTTP_500 },
    { "delay", TALKIE_SANDBOX_FAULT_DELAY },
    { "malformed", TALKIE_SANDBOX_FAULT_MALFORMED },
    { "truncated", TALKIE_SANDBOX_FAULT_TRUNCATED },
    { "drop", TALKIE_SANDBOX_FAULT_DROP },
    { "code", TALKIE_SANDBOX_FAULT_API_CODE },
    { "render-fails", TALKIE_SANDBOX_FAULT_RENDER_FAILS },
  };
  TalkieSandboxFault fault;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (talkie_sandbox_fault_from_string (good[i].str, &fault));
      g_assert_cmpint (fault, ==, good[i].fault);
    }
  g_assert_false (talkie_sandbox_fault_from_string ("boom", &fault));
  g_assert_false (talkie_sandbox_fault_from_string ("", &fault));
  g_assert_false (talkie_sandbox_fault_from_string (NULL, &fault));
}

int
main (int   argc,
      char *argv[])
{
  sandbox_test_init (&argc, &argv);

  sandbox_test_add ("/sandbox/faults/kinds", test_fault_kinds);
  sandbox_test_add ("/sandbox/faults/delay", test_fault_delay);
  sandbox_test_add ("/sandbox/faults/delay-client-gone", test_fault_delay_client_gone);
  sandbox_test_add ("/sandbox/faults/wildcard-and-control", test_fault_wildcard_and_control);
  sandbox_test_add ("/sandbox/faults/stop-while-holding", test_stop_while_holding);
  g_test_add_func ("/sandbox/faults/from-string", test_fault_from_string);

  return g_test_run ();
}
