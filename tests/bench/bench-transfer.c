/* bench-transfer.c: how fast Talkie moves media, against curl on the same URL.
 *
 * Run on demand: `meson test -C _build --benchmark --suite bench -v`.
 * A talkie-sandbox process serves a large file on loopback; the benchmark
 * downloads it with talkie_client_download_async() and with curl, alternating,
 * and prints the median times and their ratio (talkie / curl). It also times
 * parsing a 10,000-avatar reply against json-glib parsing the same bytes alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-core.h"

#define ROUNDS 5
#define FILE_MB 64

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  char      *string;
} Wait;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

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
on_uploaded (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->string = talkie_client_upload_finish (TALKIE_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
on_downloaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Wait *wait = user_data;

  talkie_client_download_finish (TALKIE_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Starts `talkie-sandbox --port 0` and reads its base URL from the first line. */
static GSubprocess *
start_sandbox (const char  *program,
               char       **base_url)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *http;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              program, "--port", "0", "--key", "bench", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  http = strstr (line, "http://");
  g_assert_nonnull (http);
  *base_url = g_strndup (http, strcspn (http, " "));

  return g_steal_pointer (&process);
}

static void
bench_transfer (const char *sandbox_program)
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
  double ours[ROUNDS], theirs[ROUNDS], upload_seconds;
  Wait wait = { loop, NULL, NULL };
  gint64 start;

  sandbox = start_sandbox (sandbox_program, &base_url);
  client = talkie_client_new ("bench", base_url, &error);
  g_assert_no_error (error);
  wav = write_big_wav (dir);

  start = g_get_monotonic_time ();
  talkie_client_upload_async (client, wav, NULL, NULL, NULL, NULL, NULL, on_uploaded, &wait);
  g_main_loop_run (loop);
  g_assert_no_error (wait.error);
  upload_seconds = (g_get_monotonic_time () - start) / 1e6;
  hosted = g_steal_pointer (&wait.string);

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GFile) destination = g_file_new_for_path (target);
      g_autofree char *err_out = NULL;
      const char *argv[] = { curl, "-sSf", "-o", target, hosted, NULL };
      int status = 0;

      start = g_get_monotonic_time ();
      talkie_client_download_async (client, hosted, destination, NULL, NULL, NULL, NULL,
                                    on_downloaded, &wait);
      g_main_loop_run (loop);
      g_assert_no_error (wait.error);
      ours[i] = (g_get_monotonic_time () - start) / 1e6;

      if (curl == NULL)
        {
          theirs[i] = 0;
          continue;
        }
      start = g_get_monotonic_time ();
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err_out,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      theirs[i] = (g_get_monotonic_time () - start) / 1e6;
    }

  g_print ("upload   %d MiB: %.3f s (%.0f MiB/s)\n", FILE_MB, upload_seconds, FILE_MB / upload_seconds);
  g_print ("download %d MiB: talkie %.3f s, curl %.3f s (median of %d)\n",
           FILE_MB, median (ours, ROUNDS), median (theirs, ROUNDS), ROUNDS);
  if (curl != NULL)
    g_print ("download ratio talkie/curl: %.2f\n", median (ours, ROUNDS) / median (theirs, ROUNDS));
  else
    g_print ("download ratio talkie/curl: n/a (curl is not installed)\n");

  g_subprocess_send_signal (sandbox, SIGTERM);
  g_subprocess_wait (sandbox, NULL, NULL);
  g_unlink (target);
  g_unlink (g_file_peek_path (wav));
  g_rmdir (dir);
}

static GBytes *
make_avatar_reply (guint count)
{
  GString *json = g_string_new ("{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[");

  for (guint i = 0; i < count; i++)
    g_string_append_printf (json,
                            "%s{\"id\":%u,\"name\":\"Avatar %u outdoors\","
                            "\"cover_url\":\"https://example.invalid/covers/%u.jpg\"}",
                            i ? "," : "", i + 1, i + 1, i + 1);
  g_string_append (json, "]},\"rid\":\"bench\"}");

  return g_string_free_to_bytes (json);
}

static void
bench_parse (void)
{
  g_autoptr(GBytes) body = make_avatar_reply (10000);
  double ours[ROUNDS], theirs[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) data = NULL;
      g_autoptr(GListModel) avatars = NULL;
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *text = g_bytes_get_data (body, &size);
      gint64 start = g_get_monotonic_time ();

      json_parser_load_from_data (parser, text, size, &error);
      g_assert_no_error (error);
      theirs[i] = (g_get_monotonic_time () - start) / 1e6;

      start = g_get_monotonic_time ();
      data = talkie_reply_parse_envelope (200, body, &error);
      g_assert_no_error (error);
      avatars = talkie_reply_parse_avatars (data, TALKIE_SOURCE_PUBLIC,
                                            TALKIE_ASPECT_RATIO_PORTRAIT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (avatars), ==, 10000);
      ours[i] = (g_get_monotonic_time () - start) / 1e6;
    }

  g_print ("parse 10,000 avatars (%zu bytes): talkie %.1f ms, json-glib alone %.1f ms\n",
           g_bytes_get_size (body), median (ours, ROUNDS) * 1e3, median (theirs, ROUNDS) * 1e3);
  g_print ("parse ratio talkie/json-glib: %.2f\n", median (ours, ROUNDS) / median (theirs, ROUNDS));
}

int
main (int   argc,
      char *argv[])
{
  const char *sandbox_program = g_getenv ("TALKIE_SANDBOX_PROGRAM");

  gst_init (&argc, &argv);
  g_assert_nonnull (sandbox_program);

  bench_parse ();
  bench_transfer (sandbox_program);

  return 0;
}
