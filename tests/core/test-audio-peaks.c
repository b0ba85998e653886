/* test-audio-peaks.c: TalkieAudioPeaks on real media made at run time: known
 * tones give known peaks, long files stay bounded, and the main loop keeps
 * running while a worker decodes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>
#include <math.h>

#include "talkie-audio-peaks.h"
#include "talkie-error.h"

#include "talkie-test-audio-utils.h"
#include "talkie-test-utils.h"

static char *media_dir;

static TalkieAudioPeaks *
compute (const char    *path,
         guint          peaks_per_second,
         guint          max_peaks,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  talkie_audio_peaks_compute_async (file, peaks_per_second, max_peaks, cancellable,
                                    talkie_test_result_cb, &result);
  return talkie_audio_peaks_compute_finish (talkie_test_wait_for_result (&result), error);
}

/* A sine at half scale for 1.02 s: every 20 ms slice peaks at 0.5. */
static void
test_tone (void)
{
  g_autofree char *path = g_build_filename (media_dir, "tone.wav", NULL);
  g_autoptr(TalkieAudioPeaks) peaks = NULL;
  g_autoptr(GError) error = NULL;
  const float *values;
  guint n;

  talkie_test_run_pipeline_printf ("audiotestsrc num-buffers=43 wave=sine volume=0.5 ! "
                                   "audio/x-raw,rate=44100,channels=1 ! wavenc ! filesink location=\"%s\"",
                                   path);

  peaks = compute (path, 50, 10000, NULL, &error);
  g_assert_no_error (error);
  values = talkie_audio_peaks_get_values (peaks, &n);

  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_duration (peaks), 43 * 1024 / 44100.0, 0.001);
  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_interval (peaks), 0.02, 0.0001);
  g_assert_cmpuint (n, ==, (43 * 1024 + 881) / 882);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (values[i], 0.5, 0.01);
}

/* Silence, a full-scale tone, silence: the peaks say where the sound is. */
static void
test_sound_between_silence (void)
{
  g_autofree char *path = g_build_filename (media_dir, "gap.wav", NULL);
  g_autoptr(TalkieAudioPeaks) peaks = NULL;
  g_autoptr(GError) error = NULL;

  talkie_test_write_tone_wav (path, 44100, 0.5, 1.0, 0.5, 0.8);
  peaks = compute (path, 100, 10000, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_duration (peaks), 2.0, 0.001);
  g_assert_cmpfloat (talkie_audio_peaks_get_max (peaks, 0, 0.49), <, 0.001);
  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_max (peaks, 0.5, 1.5), 0.8, 0.01);
  g_assert_cmpfloat (talkie_audio_peaks_get_max (peaks, 1.51, 2.0), <, 0.001);
  /* Outside the audio there is nothing. */
  g_assert_cmpfloat (talkie_audio_peaks_get_max (peaks, 5, 6), ==, 0);
}

/* 10 s at 100 peaks a second, but at most 64: wider slices, same length. */
static void
test_bounded (void)
{
  g_autofree char *path = g_build_filename (media_dir, "ten.wav", NULL);
  g_autoptr(TalkieAudioPeaks) peaks = NULL;
  g_autoptr(GError) error = NULL;
  double interval;
  guint n;

  talkie_test_write_tone_wav (path, 8000, 0, 10.0, 0, 0.25);
  peaks = compute (path, 100, 64, NULL, &error);
  g_assert_no_error (error);
  talkie_audio_peaks_get_values (peaks, &n);
  interval = talkie_audio_peaks_get_interval (peaks);

  g_assert_cmpuint (n, <=, 64);
  g_assert_cmpuint (n, >=, 32);
  g_assert_cmpfloat (interval, >=, 10.0 / 64);
  /* The slices cover the whole file, the last one maybe partly. */
  g_assert_cmpfloat (n * interval, >=, 10.0);
  g_assert_cmpfloat ((n - 1) * interval, <, 10.0);
  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_max (peaks, 0, 10), 0.25, 0.01);
}

/* What is not audio gets the probe's error, not a crash or an empty waveform. */
static void
test_not_audio (void)
{
  g_autofree char *text = g_build_filename (media_dir, "notes.txt", NULL);
  g_autofree char *png = g_build_filename (media_dir, "picture.png", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("just some words\n", 16);
  g_autoptr(GFile) written = talkie_test_write_file (media_dir, "notes.txt", bytes);
  const char *paths[] = { text, png };

  talkie_test_run_pipeline_printf ("videotestsrc num-buffers=1 ! pngenc ! filesink location=\"%s\"", png);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(TalkieAudioPeaks) peaks = NULL;
      g_autoptr(GError) error = NULL;

      peaks = compute (paths[i], 50, 1000, NULL, &error);
      g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
      g_assert_null (peaks);
    }
}

static void
test_cancelled (void)
{
  g_autofree char *path = g_build_filename (media_dir, "cancel.wav", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TalkieAudioPeaks) peaks = NULL;
  g_autoptr(GError) error = NULL;

  talkie_test_write_tone_wav (path, 8000, 0, 5.0, 0, 0.5);
  g_cancellable_cancel (cancellable);
  peaks = compute (path, 50, 1000, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (peaks);
}

typedef struct
{
  gint64 last;
  gint64 longest_gap;
  guint  ticks;
} Ticker;

static gboolean
tick_cb (gpointer user_data)
{
  Ticker *ticker = user_data;
  gint64 now = g_get_monotonic_time ();

  ticker->longest_gap = MAX (ticker->longest_gap, now - ticker->last);
  ticker->last = now;
  ticker->ticks++;
  return G_SOURCE_CONTINUE;
}

/* Two minutes of MP3 decode on a worker: the main loop keeps ticking all along.
 * (How fast, and the longest stall for an hour-long file: tests/bench.) */
static void
test_main_loop_runs (void)
{
  g_autofree char *path = g_build_filename (media_dir, "long.mp3", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TalkieAudioPeaks) peaks = NULL;
  g_autoptr(GError) error = NULL;
  Ticker ticker = { 0 };
  guint tick_id;

  /* 5168 buffers of 1024 samples at 44.1 kHz: 120 s. */
  talkie_test_run_pipeline_printf ("audiotestsrc num-buffers=5168 wave=sine ! audio/x-raw,rate=44100,channels=1 ! "
                                   "lamemp3enc ! filesink location=\"%s\"", path);

  ticker.last = g_get_monotonic_time ();
  tick_id = g_timeout_add (10, tick_cb, &ticker);
  talkie_audio_peaks_compute_async (file, 20, 10000, NULL, talkie_test_result_cb, &result);
  peaks = talkie_audio_peaks_compute_finish (talkie_test_wait_for_result (&result), &error);
  g_source_remove (tick_id);
  g_assert_no_error (error);

  g_test_message ("main loop: %u ticks, longest gap %.1f ms", ticker.ticks, ticker.longest_gap / 1000.0);
  /* A decode on the main thread would have left no tick at all until it ended. */
  g_assert_cmpuint (ticker.ticks, >, 5);
  g_assert_cmpint (ticker.longest_gap, <, G_USEC_PER_SEC);
  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_duration (peaks), 120.0, 0.2);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  media_dir = talkie_test_make_tmp_dir ("talkie-peaks-XXXXXX");

  g_test_add_func ("/audio-peaks/tone", test_tone);
  g_test_add_func ("/audio-peaks/sound-between-silence", test_sound_between_silence);
  g_test_add_func ("/audio-peaks/bounded", test_bounded);
  g_test_add_func ("/audio-peaks/not-audio", test_not_audio);
  g_test_add_func ("/audio-peaks/cancelled", test_cancelled);
  g_test_add_func ("/audio-peaks/main-loop-runs", test_main_loop_runs);

  ret = g_test_run ();
  talkie_test_remove_tree (media_dir);
  g_free (media_dir);
  return ret;
}
