/* bench-probe.c: P6 — the length of a 1-hour VBR MP3 without a Xing header,
 * as talkie_audio_source_probe_async() measures it (goal: 150 ms), against
 * GstDiscoverer alone on the same file.
 *
 * Run on demand: `meson test -C _build --benchmark --suite bench -v`.
 * The MP3 is made at bench time (audiotestsrc ! lamemp3enc: the encoder writes
 * no Xing header, so nothing in the file says its length); the two run
 * alternating, and the medians and their ratio are printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "talkie-test-utils.h"
#include "bench-utils.h"
#include "talkie-core.h"

#define SECONDS 3600
#define RATE    44100
#define SAMPLES_PER_BUFFER 4410

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} Wait;

static void
encode_mp3 (const char *path)
{
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  gsize length = 0;

  description = g_strdup_printf ("audiotestsrc wave=pink-noise volume=0.3 samplesperbuffer=%d num-buffers=%d "
                                 "! audio/x-raw,rate=%d,channels=1 "
                                 "! lamemp3enc target=quality quality=4 encoding-engine-quality=fast "
                                 "! filesink location=\"%s\"",
                                 SAMPLES_PER_BUFFER, SECONDS * RATE / SAMPLES_PER_BUFFER, RATE, path);
  talkie_test_run_pipeline (description);

  /* What this benchmark is about: no VBR header says how long it is. */
  g_file_get_contents (path, &head, &length, &error);
  g_assert_no_error (error);
  g_assert_null (g_strstr_len (head, MIN (length, 8192), "Xing"));
  g_assert_null (g_strstr_len (head, MIN (length, 8192), "Info"));
  g_assert_null (g_strstr_len (head, MIN (length, 8192), "VBRI"));
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  talkie_audio_source_probe_finish (TALKIE_AUDIO_SOURCE (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static double
probe_with_talkie (GFile *file,
                   Wait  *wait,
                   double *duration)
{
  g_autoptr(TalkieAudioSource) source = talkie_audio_source_new_for_file (file);
  gint64 start = g_get_monotonic_time ();
  double seconds;

  talkie_audio_source_probe_async (source, NULL, probed_cb, wait);
  g_main_loop_run (wait->loop);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (wait->error);
  *duration = talkie_audio_source_get_duration (source);

  return seconds;
}

static double
probe_with_discoverer (const char *uri,
                       double     *duration)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  discoverer = gst_discoverer_new (15 * GST_SECOND, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / 1e6;
  *duration = (double) gst_discoverer_info_get_duration (info) / GST_SECOND;

  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree double *ours = NULL, *theirs = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  guint rounds = bench_rounds (11);
  double ours_duration = 0, their_duration = 0;
  gint64 start;
  Wait wait = { loop, NULL };

  gst_init (&argc, &argv);

  dir = g_dir_make_tmp ("talkie-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "hour.mp3", NULL);
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);

  start = g_get_monotonic_time ();
  encode_mp3 (path);
  g_print ("(made a %d s VBR MP3 without Xing header in %.1f s)\n", SECONDS,
           (g_get_monotonic_time () - start) / 1e6);

  /* Not counted: plug-ins loaded, the file in the page cache. */
  probe_with_talkie (file, &wait, &ours_duration);
  probe_with_discoverer (uri, &their_duration);

  ours = g_new0 (double, rounds);
  theirs = g_new0 (double, rounds);
  for (guint i = 0; i < rounds; i++)
    {
      ours[i] = probe_with_talkie (file, &wait, &ours_duration);
      theirs[i] = probe_with_discoverer (uri, &their_duration);
    }

  g_print ("P6 duration of a 1-hour VBR MP3 without Xing header, median of %u alternating rounds "
           "(talkie_audio_source_probe_async vs GstDiscoverer alone); measured %.1f s and %.1f s:\n",
           rounds, ours_duration, their_duration);
  bench_report ("P6", "wall", "ms", bench_median (ours, rounds) * 1e3,
                bench_median (theirs, rounds) * 1e3, "talkie <= 150 ms");

  g_unlink (path);
  g_rmdir (dir);

  return 0;
}
