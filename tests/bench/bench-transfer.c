/* bench-transfer.c: how fast Talkie downloads a video, against curl on the
 * same URL.
 *
 * Run on demand: `meson test -C _build --benchmark --suite bench -v`.
 * A video of about 64 MiB (raw frames in Matroska, made at bench time: the
 * download takes only a whole video) is served by a libsoup server in a
 * thread of this process; talkie_client_download_async() and curl fetch it,
 * alternating, and the medians and their ratio (talkie / curl) are printed.
 * The sandbox serves only the short videos of its renders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <libsoup/soup.h>

#include "talkie-test-utils.h"
#include "bench-utils.h"
#include "talkie-core.h"

/* 1280×720 I420 frames: 1.3 MiB each. */
#define FRAMES 48

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Wait;

typedef struct
{
  GBytes       *video;
  GMainContext *context;
  GMainLoop    *loop;
  guint         port;
  GMutex        lock;
  GCond         ready;
} Server;

static void
make_video (const char *path)
{
  g_autofree char *description = NULL;

  description = g_strdup_printf ("videotestsrc pattern=snow num-buffers=%d "
                                 "! video/x-raw,format=I420,width=1280,height=720,framerate=25/1 "
                                 "! matroskamux ! filesink location=\"%s\"", FRAMES, path);
  talkie_test_run_pipeline (description);
}

static void
video_handler (SoupServer        *soup_server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *server = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "video/x-matroska", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), server->video);
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  g_autoptr(SoupServer) soup_server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (server->context);
  soup_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (soup_server, "/video.mkv", video_handler, server, NULL);
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup_server);

  g_mutex_lock (&server->lock);
  server->port = g_uri_get_port (uris->data);
  g_cond_signal (&server->ready);
  g_mutex_unlock (&server->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server->loop);
  soup_server_disconnect (soup_server);
  g_main_context_pop_thread_default (server->context);

  return NULL;
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  talkie_client_download_finish (TALKIE_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *dir = g_dir_make_tmp ("talkie-bench-XXXXXX", NULL);
  g_autofree char *source = g_build_filename (dir, "video.mkv", NULL);
  g_autofree char *target = g_build_filename (dir, "copy.mkv", NULL);
  g_autofree char *base_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree double *ours = NULL, *theirs = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  guint rounds = bench_rounds (5);
  Wait wait = { loop, NULL };
  Server server = { 0 };

  gst_init (&argc, &argv);

  make_video (source);
  mapped = g_mapped_file_new (source, FALSE, &error);
  g_assert_no_error (error);
  server.video = g_mapped_file_get_bytes (mapped);
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  g_mutex_init (&server.lock);
  g_cond_init (&server.ready);

  g_mutex_lock (&server.lock);
  thread = g_thread_new ("bench-server", server_thread, &server);
  while (server.port == 0)
    g_cond_wait (&server.ready, &server.lock);
  g_mutex_unlock (&server.lock);

  base_url = g_strdup_printf ("http://127.0.0.1:%u", server.port);
  url = g_strconcat (base_url, "/video.mkv", NULL);
  client = talkie_client_new ("bench", base_url, &error);
  g_assert_no_error (error);

  ours = g_new0 (double, rounds);
  theirs = g_new0 (double, rounds);
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GFile) destination = g_file_new_for_path (target);
      g_autofree char *err_out = NULL;
      const char *argv_curl[] = { curl, "-sSf", "-o", target, url, NULL };
      int status = 0;
      gint64 start = g_get_monotonic_time ();

      talkie_client_download_async (client, url, destination, NULL, NULL, NULL, NULL,
                                    downloaded_cb, &wait);
      g_main_loop_run (loop);
      g_assert_no_error (wait.error);
      ours[i] = (g_get_monotonic_time () - start) / 1e6;

      if (curl == NULL)
        continue;
      start = g_get_monotonic_time ();
      g_spawn_sync (NULL, (char **) argv_curl, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err_out,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      theirs[i] = (g_get_monotonic_time () - start) / 1e6;
    }

  g_print ("download of a %.0f MiB video, median of %u alternating rounds "
           "(talkie_client_download_async vs curl):\n",
           g_bytes_get_size (server.video) / 1048576.0, rounds);
  bench_report ("DL", "wall", "s", bench_median (ours, rounds), bench_median (theirs, rounds), "-");

  g_main_loop_quit (server.loop);
  g_thread_join (g_steal_pointer (&thread));
  g_main_loop_unref (server.loop);
  g_main_context_unref (server.context);
  g_bytes_unref (server.video);
  g_mutex_clear (&server.lock);
  g_cond_clear (&server.ready);
  g_unlink (target);
  g_unlink (source);
  g_rmdir (dir);

  return 0;
}
