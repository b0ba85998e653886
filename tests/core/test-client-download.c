/* test-client-download.c: TalkieClient against an in-process TalkieSandbox over loopback —
 * downloads: videos saved whole or not at all, what
 * goes on the wire, faults and cancellation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "test-client"

#include <string.h>

#include <glib/gstdio.h>

#include "talkie-test-client-utils.h"

#include "test-client-common.h"

/* ------------------------------------------------------------------------- */
/* what goes on the wire                                                     */

typedef struct
{
  GHashTable *api_keys;     /* path → x-api-key seen, "" when none */
  GHashTable *user_agents;  /* path → User-Agent */
} Seen;

static void
recording_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Seen *seen = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "x-api-key");
  const char *agent = soup_message_headers_get_one (headers, "User-Agent");

  g_hash_table_replace (seen->api_keys, g_strdup (path), g_strdup (key ? key : ""));
  g_hash_table_replace (seen->user_agents, g_strdup (path), g_strdup (agent ? agent : ""));

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (g_str_has_prefix (path, "/open/"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[]}}",
                                      strlen ("{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[]}}"));
  else
    soup_server_message_set_response (msg, "video/webm", SOUP_MEMORY_COPY,
                                      g_bytes_get_data (small_webm (), NULL),
                                      g_bytes_get_size (small_webm ()));
}

static void
test_headers (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *base = NULL;
  g_autofree char *media_url = NULL;
  g_autofree char *destination_path = NULL;
  Seen seen;
  GSList *uris;

  seen.api_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  seen.user_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  soup_server_add_handler (server, NULL, recording_handler, &seen, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  client = talkie_client_new ("  the-key  ", base, &error);
  g_assert_no_error (error);

  list = talkie_test_list_avatars (client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpstr (g_hash_table_lookup (seen.api_keys, "/open/avatar"), ==, "the-key");
  g_assert_cmpstr (g_hash_table_lookup (seen.user_agents, "/open/avatar"), ==, "Talkie/" PACKAGE_VERSION);

  /* Media never carry the key. */
  media_url = g_strconcat (base, "/media/video.webm", NULL);
  destination_path = g_build_filename (fixture->work_dir, "video.webm", NULL);
  destination = g_file_new_for_path (destination_path);
  g_assert_true (download (client, media_url, destination, NULL, NULL, &error));
  g_assert_no_error (error);
  saved = read_file (destination);
  g_assert_true (g_bytes_equal (saved, small_webm ()));
  g_assert_cmpstr (g_hash_table_lookup (seen.api_keys, "/media/video.webm"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (seen.user_agents, "/media/video.webm"), ==, "Talkie/" PACKAGE_VERSION);

  soup_server_disconnect (server);
  g_hash_table_unref (seen.api_keys);
  g_hash_table_unref (seen.user_agents);
}

static void
test_download_faults (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GBytes) wav = make_wav (0.5);
  g_autoptr(GFile) file = talkie_test_write_file (fixture->work_dir, "voice.wav", wav);
  g_autoptr(GBytes) old = g_bytes_new_static ("previous contents", 17);
  g_autoptr(GFile) destination = talkie_test_write_file (fixture->work_dir, "saved.webm", old);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) video = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *asset_url = NULL;
  g_autofree char *video_url = NULL;

  asset_url = upload (fixture->client, file, NULL, NULL, &error);
  g_assert_no_error (error);
  video_url = render_video (fixture);
  video = fetch (video_url);

  /* A media download cut short leaves the destination as it was, and no part
   * file. (The sandbox's dropped reply calls itself application/json: refused
   * as not a video before the cut; tests/hostile cuts real videos short.) */
  talkie_sandbox_set_fault (fixture->sandbox, "/media/", TALKIE_SANDBOX_FAULT_DROP, 0, 1);
  g_assert_false (download (fixture->client, video_url, destination, NULL, NULL, &error));
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NOT_A_VIDEO);
  g_clear_error (&error);
  after = read_file (destination);
  g_assert_true (g_bytes_equal (after, old));
  g_assert_cmpuint (talkie_test_count_files (fixture->work_dir, ".saved.webm"), ==, 0);
  g_clear_pointer (&after, g_bytes_unref);

  /* A missing media file is an HTTP error, same outcome. */
  {
    g_autofree char *missing = g_strconcat (talkie_sandbox_get_base_url (fixture->sandbox),
                                            "/media/nothing-here.webm", NULL);

    g_assert_false (download (fixture->client, missing, destination, NULL, NULL, &error));
    g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP);
    g_clear_error (&error);
    after = read_file (destination);
    g_assert_true (g_bytes_equal (after, old));
    g_clear_pointer (&after, g_bytes_unref);
  }

  /* The recording is not a video: refused, the old file kept. */
  g_assert_false (download (fixture->client, asset_url, destination, NULL, NULL, &error));
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NOT_A_VIDEO);
  g_clear_error (&error);
  after = read_file (destination);
  g_assert_true (g_bytes_equal (after, old));
  g_clear_pointer (&after, g_bytes_unref);

  /* And then the download replaces it. */
  g_assert_true (download (fixture->client, video_url, destination, NULL, NULL, &error));
  g_assert_no_error (error);
  after = read_file (destination);
  g_assert_true (g_bytes_equal (after, video));
  g_assert_cmpuint (talkie_test_count_files (fixture->work_dir, ".saved.webm"), ==, 0);
}

static void
test_download_cancel (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *destination_path = NULL;
  g_autofree char *video_url = NULL;
  Progress progress = { 0, 0, 0, TRUE, cancellable, FALSE };

  /* Mid-download: nothing is left behind. */
  video_url = render_video (fixture);
  destination_path = g_build_filename (fixture->work_dir, "copy.webm", NULL);
  destination = g_file_new_for_path (destination_path);
  g_assert_false (download (fixture->client, video_url, destination, &progress, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_query_exists (destination, NULL));
  g_assert_cmpuint (talkie_test_count_files (fixture->work_dir, ".copy.webm"), ==, 0);
  g_assert_true (progress.destroyed);
  g_clear_error (&error);

  /* The client still downloads afterwards. */
  g_assert_true (download (fixture->client, video_url, destination, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (destination, NULL));
}

int
main (int   argc,
      char *argv[])
{
  client_test_init (&argc, &argv);

  client_test_add ("/client/download/headers", test_headers);
  client_test_add ("/client/download/faults", test_download_faults);
  client_test_add ("/client/download/cancel", test_download_cancel);

  return g_test_run ();
}
