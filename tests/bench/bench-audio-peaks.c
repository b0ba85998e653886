/* bench-audio-peaks.c: the waveform peaks of a one-hour MP3 (made here with
 * GStreamer, never committed): how long they take against a bare decode of the
 * same file, the peak memory they add, and the longest stall of the main loop
 * while they are computed (the window draws at 60 Hz: it must stay under 16 ms).
 * The same main loop left idle for as long is the baseline for the stall: on a
 * loaded machine the scheduler alone stalls it, and only what the peaks add on
 * top of that (more than twice the idle stall, and over 16 ms) fails the bench.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <stdio.h>

#include "talkie-audio-peaks.h"

#define HOUR_BUFFERS 155035   /* 1024 samples at 44.1 kHz: 3600.0 s */
#define STALL_LIMIT_MS 16.0

typedef struct
{
  gint64 last;
  gint64 longest_gap;
  gint64 longest_at;
  guint  ticks;
} Ticker;

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = g_get_monotonic_time ();

  if (now - ticker->last > ticker->longest_gap)
    {
      ticker->longest_gap = now - ticker->last;
      ticker->longest_at = now;
    }
  ticker->last = now;
  ticker->ticks++;
  return G_SOURCE_CONTINUE;
}

static gboolean
run_pipeline (const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  if (pipeline == NULL)
    {
      g_printerr ("bench-audio-peaks: %s\n", error->message);
      return FALSE;
    }
  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_printerr ("bench-audio-peaks: %s\n", gst_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Resident memory in KiB: "VmHWM" (the peak) or "VmRSS". */
static gint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field) + 1, NULL, 10);
}

/* Makes VmHWM start again from the current RSS (Linux 4.0 and later). */
static void
reset_peak_memory (void)
{
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
}

static void
peaks_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TalkieAudioPeaks **slot = user_data;
  g_autoptr(GError) error = NULL;

  *slot = talkie_audio_peaks_compute_finish (result, &error);
  if (*slot == NULL)
    g_error ("peaks: %s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *mp3 = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TalkieAudioPeaks) peaks = NULL;
  Ticker ticker = { 0 };
  Ticker idle = { 0 };
  double idle_stall_ms;
  gboolean keep = FALSE;
  gint64 start, decode_us, peaks_us, rss_before, hwm;
  guint tick_id, n_values;
  double stall_ms;

  gst_init (&argc, &argv);

  dir = g_dir_make_tmp ("talkie-bench-peaks-XXXXXX", NULL);
  mp3 = g_build_filename (dir, "hour.mp3", NULL);
  file = g_file_new_for_path (mp3);

  /* TALKIE_BENCH_HOUR_MP3 names one made before, to repeat the measures quickly. */
  if (g_getenv ("TALKIE_BENCH_HOUR_MP3") != NULL)
    {
      g_free (mp3);
      mp3 = g_strdup (g_getenv ("TALKIE_BENCH_HOUR_MP3"));
      g_clear_object (&file);
      file = g_file_new_for_path (mp3);
      keep = TRUE;
    }
  else
    {
      printf ("# making a one-hour MP3 (mono, 44.1 kHz, 128 kb/s)…\n");
      fflush (stdout);
      description = g_strdup_printf ("audiotestsrc num-buffers=%d wave=pink-noise ! audio/x-raw,rate=44100,channels=1 ! "
                                     "lamemp3enc ! filesink location=\"%s\"", HOUR_BUFFERS, mp3);
      if (!run_pipeline (description))
        return 1;
      g_clear_pointer (&description, g_free);
    }

  /* Baseline: the same file decoded to nowhere, as fast as it goes. */
  description = g_strdup_printf ("filesrc location=\"%s\" ! decodebin ! audioconvert ! fakesink sync=false", mp3);
  start = g_get_monotonic_time ();
  if (!run_pipeline (description))
    return 1;
  decode_us = g_get_monotonic_time () - start;

  reset_peak_memory ();
  rss_before = read_status_kib ("VmRSS:");

  ticker.last = start = g_get_monotonic_time ();
  tick_id = g_timeout_add (1, tick_cb, &ticker);
  talkie_audio_peaks_compute_async (file, 50, 20000, NULL, peaks_done_cb, &peaks);
  while (peaks == NULL)
    g_main_context_iteration (NULL, TRUE);
  peaks_us = g_get_monotonic_time () - start;
  g_source_remove (tick_id);
  hwm = read_status_kib ("VmHWM:");

  talkie_audio_peaks_get_values (peaks, &n_values);
  stall_ms = ticker.longest_gap / 1000.0;

  /* Baseline: the same ticking main loop, idle, for as long. */
  {
    gint64 until = g_get_monotonic_time () + peaks_us;

    idle.last = g_get_monotonic_time ();
    tick_id = g_timeout_add (1, tick_cb, &idle);
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (tick_id);
    idle_stall_ms = idle.longest_gap / 1000.0;
  }

  printf ("audio: %.1f s, %u peaks of %.3f s\n", talkie_audio_peaks_get_duration (peaks),
          n_values, talkie_audio_peaks_get_interval (peaks));
  printf ("bare decode:       %8.2f s\n", decode_us / (double) G_USEC_PER_SEC);
  printf ("peaks:             %8.2f s   ratio to bare decode %.2f\n",
          peaks_us / (double) G_USEC_PER_SEC, (double) peaks_us / decode_us);
  printf ("peak memory added: %8.1f MiB (VmHWM %.1f MiB, RSS before %.1f MiB)\n",
          (hwm - rss_before) / 1024.0, hwm / 1024.0, rss_before / 1024.0);
  printf ("main loop:         %u ticks of 1 ms, longest stall %.2f ms (limit %.0f ms), ending %.2f s after the start\n",
          ticker.ticks, stall_ms, STALL_LIMIT_MS, (ticker.longest_at - start) / (double) G_USEC_PER_SEC);
  printf ("idle main loop:    %u ticks of 1 ms, longest stall %.2f ms   ratio %.2f\n",
          idle.ticks, idle_stall_ms, stall_ms / MAX (idle_stall_ms, 0.001));

  if (!keep)
    g_unlink (mp3);
  g_rmdir (dir);

  if (stall_ms >= STALL_LIMIT_MS && stall_ms > 2 * idle_stall_ms)
    {
      printf ("FAIL: the main loop stalled for %.2f ms (idle: %.2f ms)\n", stall_ms, idle_stall_ms);
      return 1;
    }
  if (stall_ms >= STALL_LIMIT_MS)
    printf ("NOTE: over %.0f ms, but so is the idle main loop here: the machine is loaded\n", STALL_LIMIT_MS);
  return 0;
}
