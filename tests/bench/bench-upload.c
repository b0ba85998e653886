/* bench-upload.c: P4 — a recording streamed to the signed URL by the core
 * upload, against `curl -T` to the same sandbox; and the upload's peak RSS.
 *
 * Run on demand: `meson test -C _build --benchmark --suite bench -v`.
 * Each round uploads the same file (1 GiB; $TALKIE_BENCH_UPLOAD_MB to change)
 * once with talkie_client_upload_async() in a child process of its own (so
 * that its VmHWM is the upload's alone) and once with curl, alternating; it
 * prints the medians of wall time and CPU time, and the ratios. The file and
 * what the sandbox stores are kept on /dev/shm when it can be written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "bench-utils.h"
#include "talkie-core.h"

#define DEFAULT_MB 1024

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  char      *asset_url;
  guint      reports;
} Wait;

static void
uploaded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *wait = user_data;

  wait->asset_url = talkie_client_upload_finish (TALKIE_CLIENT (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  Wait *wait = user_data;

  wait->reports++;
}

/* The child: one upload, as the app does it (with a progress callback), then
 * "SECONDS MAXRSS_KB REPORTS" on stdout. */
static int
run_child (const char *base_url,
           const char *path)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Wait wait = { loop, NULL, NULL, 0 };
  struct rusage usage;
  gint64 start;

  client = talkie_client_new ("bench", base_url, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  talkie_client_upload_async (client, file, NULL, progress_cb, &wait, NULL, NULL, uploaded_cb, &wait);
  g_main_loop_run (loop);
  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.asset_url);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("%.6f %ld %u\n", (g_get_monotonic_time () - start) / 1e6, usage.ru_maxrss, wait.reports);
  g_free (wait.asset_url);

  return 0;
}

/* A WAV header in front of silence: what the sandbox's upload takes as audio. */
static GFile *
write_wav (const char *dir,
           guint64     bytes)
{
  g_autofree char *path = g_build_filename (dir, "big.wav", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  guint32 data_bytes = bytes - 44;
  guint8 header[44] = { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E',
                        'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 2, 0,
                        0x44, 0xac, 0, 0, 0x10, 0xb1, 0x02, 0, 4, 0, 16, 0,
                        'd', 'a', 't', 'a', 0, 0, 0, 0 };
  g_autofree guint8 *chunk = g_malloc0 (1024 * 1024);
  guint64 left = data_bytes;

  memcpy (header + 4, &(guint32) { GUINT32_TO_LE (data_bytes + 36) }, 4);
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

/* Asks the sandbox for a signed URL, as the client does before its PUT. */
static char *
ask_sign_url (SoupSession *session,
              const char  *base_url,
              guint64      size)
{
  g_autofree char *url = g_strdup_printf ("%s/v1/upload/asset", base_url);
  g_autofree char *json = g_strdup_printf ("{\"filename\":\"big.wav\",\"content_type\":\"audio/wav\","
                                           "\"file_size\":%" G_GUINT64_FORMAT "}", size);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *data;

  soup_message_headers_append (soup_message_get_request_headers (msg), "x-api-key", "bench");
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
  g_assert_no_error (error);
  data = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "data");
  g_assert_nonnull (data);

  return g_strdup (json_object_get_string_member (data, "sign_url"));
}

/* The sandbox keeps what it received: gone before the next round. */
static void
empty_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
}

/* Wall seconds of @argv; its CPU seconds in @cpu; its stdout in @out. */
static double
run_timed (const char *const *argv,
           double            *cpu,
           char             **out)
{
  g_autoptr(GError) error = NULL;
  double cpu_before = bench_children_cpu ();
  gint64 start = g_get_monotonic_time ();
  double wall;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  wall = (g_get_monotonic_time () - start) / 1e6;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  *cpu = bench_children_cpu () - cpu_before;

  return wall;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GFile) wav = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *self_exe = NULL;
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree char *max_size = NULL;
  g_autofree double *ours = NULL, *ours_cpu = NULL, *theirs = NULL, *theirs_cpu = NULL;
  const char *mb_env = g_getenv ("TALKIE_BENCH_UPLOAD_MB");
  guint64 mb = DEFAULT_MB;
  guint64 bytes;
  guint rounds = bench_rounds (5);
  long peak_kb = 0;
  guint reports = 0;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  if (mb_env != NULL)
    g_assert_true (g_ascii_string_to_unsigned (mb_env, 10, 1, 4000, &mb, NULL));
  bytes = mb * 1024 * 1024;

  /* In memory where there is a tmpfs: the sandbox stores what it receives, and
   * a disk writing back gigabytes would decide the figures, not the upload. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      dir = g_build_filename ("/dev/shm", "talkie-bench-XXXXXX", NULL);
      g_assert_nonnull (g_mkdtemp (dir));
    }
  else
    {
      dir = g_dir_make_tmp ("talkie-bench-XXXXXX", &error);
      g_assert_no_error (error);
    }
  data_dir = g_build_filename (dir, "data", NULL);
  g_mkdir (data_dir, 0700);
  wav = write_wav (dir, bytes);
  self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);

  max_size = g_strdup_printf ("%" G_GUINT64_FORMAT, bytes);
  sandbox = bench_start_sandbox (&base_url, (const char *const[]) { "--max-upload-size", max_size,
                                                                    "--data-dir", data_dir, NULL });

  ours = g_new0 (double, rounds);
  ours_cpu = g_new0 (double, rounds);
  theirs = g_new0 (double, rounds);
  theirs_cpu = g_new0 (double, rounds);

  for (guint i = 0; i < rounds; i++)
    {
      const char *child_argv[] = { self_exe, "--child", base_url, g_file_peek_path (wav), NULL };
      g_autofree char *out = NULL;
      g_auto(GStrv) fields = NULL;

      ours[i] = run_timed (child_argv, &ours_cpu[i], &out);
      fields = g_strsplit (g_strstrip (out), " ", -1);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      peak_kb = MAX (peak_kb, strtol (fields[1], NULL, 10));
      reports = MAX (reports, (guint) strtoul (fields[2], NULL, 10));
      empty_dir (data_dir);

      if (curl != NULL)
        {
          g_autofree char *sign_url = ask_sign_url (session, base_url, bytes);
          g_autofree char *curl_out = NULL;
          const char *curl_argv[] = { curl, "-sSf", "-o", "/dev/null", "-T", g_file_peek_path (wav),
                                      "-H", "Content-Type: audio/wav", sign_url, NULL };

          theirs[i] = run_timed (curl_argv, &theirs_cpu[i], &curl_out);
          empty_dir (data_dir);
        }
      g_print ("round %u: talkie %.3f s (%.3f s CPU), curl %.3f s (%.3f s CPU)\n",
               i + 1, ours[i], ours_cpu[i], theirs[i], theirs_cpu[i]);
    }

  g_print ("P4 upload of %" G_GUINT64_FORMAT " MiB, median of %u alternating rounds "
           "(talkie_client_upload_async in a child process vs curl -T):\n", mb, rounds);
  bench_report ("P4", "wall", "s", bench_median (ours, rounds), bench_median (theirs, rounds), "<= 1.25");
  bench_report ("P4", "CPU", "s", bench_median (ours_cpu, rounds), bench_median (theirs_cpu, rounds), "-");
  g_print ("P4  peak RSS of the upload: %.1f MB (goal <= 32 MB); %u progress reports\n",
           peak_kb / 1024.0, reports);

  bench_stop_sandbox (sandbox);
  g_unlink (g_file_peek_path (wav));
  g_rmdir (data_dir);
  g_rmdir (dir);

  return 0;
}
