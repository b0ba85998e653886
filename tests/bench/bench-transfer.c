/* bench-transfer.c: how fast Talkie downloads media, against curl on the same URL.
 *
 * Run on demand: `meson test -C _build --benchmark --suite bench -v`.
 * A talkie-sandbox process hosts a 64 MiB upload; the benchmark downloads it
 * with talkie_client_download_async() and with curl, alternating, and prints
 * the median times and their ratio (talkie / curl).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bench-utils.h"
#include "talkie-core.h"

#define FILE_MB 64

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  char      *string;
} Wait;

/* A WAV header in front of silence: what the sandbox's upload takes as audio. */
static GFile *
write_big_wav (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "big.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  guint32 data_bytes = FILE_MB * 1024 * 1024 - 44;
  guint8 header[44] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E',
                        'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 2, 0,
                        0x44, 0xac, 0, 0, 0x10, 0xb1, 0x02, 0, 4, 0, 16, 0,
                        'd', 'a', 't', 'a', 0, 0, 0, 0 };
  g_autofree guint8 *chunk = g_malloc0 (1024 * 1024);
  guint32 riff = data_bytes + 36;
  gsize left = data_bytes;

  memcpy (header + 4, &(guint32) { GUINT32_TO_LE (riff) }, 4);
  memcpy (header + 40, &(guint32) { GUINT32_TO_LE (data_bytes) }, 4);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (out), header, sizeof header, NULL, NULL, &error);
  g_assert_no_error (error);
  while (left > 0)
    {
      gsize n = MIN (left, 1024 * 1024);

      g_output_stream_write_all (G_OUTPUT_STREAM (out), chunk, n, NULL, NULL, &error);
      g_assert_no_error (error);
      left -= n;
    }
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&file);
}

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->string = talkie_client_upload_finish (TALKIE_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
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
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) wav = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *dir = g_dir_make_tmp ("talkie-bench-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "copy.wav", NULL);
  g_autofree char *hosted = NULL;
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree double *ours = NULL, *theirs = NULL;
  guint rounds = bench_rounds (5);
  Wait wait = { loop, NULL, NULL };

  sandbox = bench_start_sandbox (&base_url, NULL);
  client = talkie_client_new ("bench", base_url, &error);
  g_assert_no_error (error);
  wav = write_big_wav (dir);

  talkie_client_upload_async (client, wav, NULL, NULL, NULL, NULL, NULL, uploaded_cb, &wait);
  g_main_loop_run (loop);
  g_assert_no_error (wait.error);
  hosted = g_steal_pointer (&wait.string);

  ours = g_new0 (double, rounds);
  theirs = g_new0 (double, rounds);
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GFile) destination = g_file_new_for_path (target);
      g_autofree char *err_out = NULL;
      const char *argv_curl[] = { curl, "-sSf", "-o", target, hosted, NULL };
      int status = 0;
      gint64 start = g_get_monotonic_time ();

      talkie_client_download_async (client, hosted, destination, NULL, NULL, NULL, NULL,
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

  g_print ("download of %d MiB, median of %u alternating rounds (talkie_client_download_async vs curl):\n",
           FILE_MB, rounds);
  bench_report ("--", "wall", "s", bench_median (ours, rounds), bench_median (theirs, rounds), "-");

  bench_stop_sandbox (sandbox);
  g_unlink (target);
  g_unlink (g_file_peek_path (wav));
  g_rmdir (dir);

  return 0;
}
