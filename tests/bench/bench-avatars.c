/* bench-avatars.c: P2 — listing 10,000 avatars with the client (request,
 * envelope, parse into TalkieAvatar objects, and freeing them) against a plain
 * libsoup GET of the same URL parsed by json-glib alone (and freed).
 *
 * Run on demand: `meson test -C _build --benchmark --suite bench -v`.
 * A talkie-sandbox process serves 10,000 public avatars; the two run
 * alternating, and the medians and their ratio are printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "bench-utils.h"
#include "talkie-core.h"

#define AVATARS 10000

typedef struct
{
  GMainLoop  *loop;
  GError     *error;
  GListModel *list;
  GBytes     *body;
} Wait;

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->list = talkie_client_list_avatars_finish (TALKIE_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static double
list_with_client (TalkieClient *client,
                  Wait         *wait,
                  double       *cpu)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = bench_self_cpu ();

  talkie_client_list_avatars_async (client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT,
                                    NULL, listed_cb, wait);
  g_main_loop_run (wait->loop);
  g_assert_no_error (wait->error);
  g_assert_cmpuint (g_list_model_get_n_items (wait->list), ==, AVATARS);
  g_clear_object (&wait->list);
  *cpu = bench_self_cpu () - cpu_start;

  return (g_get_monotonic_time () - start) / 1e6;
}

static double
list_with_json_glib (SoupSession *session,
                     const char  *url,
                     Wait        *wait,
                     double      *cpu)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  gint64 start = g_get_monotonic_time ();
  double cpu_start = bench_self_cpu ();
  JsonParser *parser;
  JsonArray *avatars;

  soup_message_headers_append (soup_message_get_request_headers (msg), "x-api-key", "bench");
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, read_cb, wait);
  g_main_loop_run (wait->loop);
  g_assert_no_error (wait->error);

  parser = json_parser_new ();
  json_parser_load_from_data (parser, g_bytes_get_data (wait->body, NULL),
                              g_bytes_get_size (wait->body), &wait->error);
  g_assert_no_error (wait->error);
  avatars = json_object_get_array_member (json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                                         "data"),
                                          "avatars");
  g_assert_cmpuint (json_array_get_length (avatars), ==, AVATARS);
  g_object_unref (parser);
  g_clear_pointer (&wait->body, g_bytes_unref);
  *cpu = bench_self_cpu () - cpu_start;

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *url = NULL;
  g_autofree double *ours = NULL, *theirs = NULL, *ours_cpu = NULL, *theirs_cpu = NULL;
  guint rounds = bench_rounds (21);
  Wait wait = { loop, NULL, NULL, NULL };

  sandbox = bench_start_sandbox (&base_url, (const char *const[]) { "--avatars", G_STRINGIFY (AVATARS), NULL });
  client = talkie_client_new ("bench", base_url, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("%s/open/avatar?aspect_ratio=%d", base_url, (int) TALKIE_ASPECT_RATIO_PORTRAIT);

  /* Not counted: connections, the sandbox's first build of the list, caches. */
  ours = g_new0 (double, rounds);
  theirs = g_new0 (double, rounds);
  ours_cpu = g_new0 (double, rounds);
  theirs_cpu = g_new0 (double, rounds);
  list_with_client (client, &wait, ours_cpu);
  list_with_json_glib (session, url, &wait, theirs_cpu);

  for (guint i = 0; i < rounds; i++)
    {
      ours[i] = list_with_client (client, &wait, &ours_cpu[i]);
      theirs[i] = list_with_json_glib (session, url, &wait, &theirs_cpu[i]);
    }

  g_print ("P2 list + parse + free %d avatars, median of %u alternating rounds "
           "(talkie_client_list_avatars_async vs a libsoup GET parsed by json-glib):\n", AVATARS, rounds);
  bench_report ("P2", "wall", "ms", bench_median (ours, rounds) * 1e3,
                bench_median (theirs, rounds) * 1e3, "<= 1.5");
  bench_report ("P2", "CPU", "ms", bench_median (ours_cpu, rounds) * 1e3,
                bench_median (theirs_cpu, rounds) * 1e3, "-");

  bench_stop_sandbox (sandbox);

  return 0;
}
