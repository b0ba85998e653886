/* test-audio-trim.c: TalkieAudioTrim cuts real media made at run time, and
 * talkie_audio_trim_find_sound() finds the sound between silences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>

#include "talkie-audio-peaks.h"
#include "talkie-audio-source.h"
#include "talkie-audio-trim.h"
#include "talkie-error.h"
#include "talkie-recorder.h"

#include "talkie-test-audio-utils.h"
#include "talkie-test-utils.h"

static char *media_dir;
static char *voice_path;   /* 0.5 s silence, 2 s tone, 0.5 s silence */

static void
fraction_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  GArray *fractions = user_data;
  double fraction = talkie_audio_trim_get_fraction (TALKIE_AUDIO_TRIM (object));

  g_array_append_val (fractions, fraction);
}

static GFile *
trim (const char    *input_path,
      double         start,
      double         end,
      GFile         *output,
      GCancellable  *cancellable,
      GArray        *fractions,
      GError       **error)
{
  g_autoptr(GFile) input = g_file_new_for_path (input_path);
  g_autoptr(TalkieAudioTrim) trim = talkie_audio_trim_new (input, start, end);
  g_autoptr(GAsyncResult) result = NULL;

  if (fractions != NULL)
    g_signal_connect (trim, "notify::fraction", G_CALLBACK (fraction_cb), fractions);
  talkie_audio_trim_run_async (trim, output, cancellable, talkie_test_result_cb, &result);
  return talkie_audio_trim_run_finish (trim, talkie_test_wait_for_result (&result), error);
}

/* The middle, the head and the tail: each as long as asked (what the service
 * is told, from the probe, and what a decoder reads), with the right sound. */
static void
test_lengths (void)
{
  const struct { double start, end; float peak; } cuts[] = {
    { 1.0, 2.5, 0.8 },
    { 0.0, 0.4, 0.0 },      /* the leading silence */
    { 2.6, 3.0, 0.0 },      /* the trailing silence, to the very end */
    { 0.0, 3.0, 0.8 },      /* all of it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GFile) output = NULL;
      g_autoptr(TalkieAudioPeaks) peaks = NULL;
      g_autoptr(GError) error = NULL;
      double length = cuts[i].end - cuts[i].start;

      output = trim (voice_path, cuts[i].start, cuts[i].end, NULL, NULL, NULL, &error);
      g_assert_no_error (error);

      g_test_message ("cut %.1f–%.1f: probed %.3f s", cuts[i].start, cuts[i].end, talkie_test_probe_mp3_duration (output));
      g_assert_cmpfloat_with_epsilon (talkie_test_probe_mp3_duration (output), length, 0.1);
      peaks = talkie_test_compute_peaks (output, 100, 100000);
      /* The encoder pads by up to two frames (52 ms) and a few hundred samples of delay. */
      g_assert_cmpfloat (talkie_audio_peaks_get_duration (peaks), >=, length - 0.01);
      g_assert_cmpfloat (talkie_audio_peaks_get_duration (peaks), <=, length + 0.08);
      if (cuts[i].peak > 0)
        g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_max (peaks, 0.1, length - 0.1), cuts[i].peak, 0.1);
      else
        g_assert_cmpfloat (talkie_audio_peaks_get_max (peaks, 0, length), <, 0.02);

      g_file_delete (output, NULL, NULL);
    }
}

/* A new name beside the takes, with progress up to 1; a second trim of the same
 * file gets another name. */
static void
test_default_output_and_progress (void)
{
  g_autofree char *dir = talkie_recorder_dup_default_directory ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *parent = NULL;

  first = trim (voice_path, 0.5, 2.5, NULL, NULL, fractions, &error);
  g_assert_no_error (error);
  second = trim (voice_path, 0.5, 2.5, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  name = g_file_get_basename (first);
  g_assert_cmpstr (name, ==, "voice (trimmed).mp3");
  parent = g_path_get_dirname (g_file_peek_path (first));
  g_assert_cmpstr (parent, ==, dir);
  g_assert_false (g_file_equal (first, second));
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 2);

  g_assert_cmpuint (fractions->len, >=, 2);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  talkie_test_remove_tree (dir);
}

/* A given output is replaced whole; nothing temporary stays beside it. */
static void
test_given_output (void)
{
  g_autofree char *dir = talkie_test_make_tmp_dir ("talkie-trim-XXXXXX");
  g_autoptr(GBytes) old = g_bytes_new_static ("old", 3);
  g_autoptr(GFile) output = talkie_test_write_file (dir, "out.mp3", old);
  g_autoptr(GFile) written = NULL;
  g_autoptr(GError) error = NULL;

  written = trim (voice_path, 1.0, 2.0, output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (written, output));
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 1);
  g_assert_cmpfloat_with_epsilon (talkie_test_probe_mp3_duration (output), 1.0, 0.1);
  talkie_test_remove_tree (dir);
}

/* Cancelled, or not audio: an error, and no file at all. */
static void
test_failures_leave_nothing (void)
{
  g_autofree char *dir = talkie_test_make_tmp_dir ("talkie-trim-XXXXXX");
  g_autofree char *out_path = g_build_filename (dir, "out.mp3", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) words = g_bytes_new_static ("no sound here\n", 14);
  g_autoptr(GFile) text = talkie_test_write_file (media_dir, "words.txt", words);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) none = NULL;

  g_cancellable_cancel (cancellable);
  none = trim (voice_path, 1.0, 2.0, output, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 0);
  g_clear_error (&error);

  none = trim (g_file_peek_path (text), 1.0, 2.0, output, NULL, NULL, &error);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
  g_assert_null (none);
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 0);
  talkie_test_remove_tree (dir);
}

/* Leading and trailing silence found, with a 0.1 s margin kept. */
static void
test_find_sound (void)
{
  g_autoptr(GFile) voice = g_file_new_for_path (voice_path);
  g_autoptr(TalkieAudioPeaks) peaks = talkie_test_compute_peaks (voice, 100, 100000);
  g_autofree char *quiet_path = g_build_filename (media_dir, "quiet.wav", NULL);
  g_autoptr(GFile) quiet = NULL;
  g_autoptr(TalkieAudioPeaks) quiet_peaks = NULL;
  double start = -1, end = -1;

  g_assert_true (talkie_audio_trim_find_sound (peaks, 0.05, &start, &end));
  g_assert_cmpfloat_with_epsilon (start, 0.4, 0.011);
  g_assert_cmpfloat_with_epsilon (end, 2.6, 0.011);

  /* A tone from the very start to the very end: nothing to cut. */
  g_assert_true (talkie_audio_trim_find_sound (peaks, 0.0, &start, &end));
  g_assert_cmpfloat (start, ==, 0);
  g_assert_cmpfloat_with_epsilon (end, 3.0, 0.001);

  /* Only a faint hiss (1 %): nothing above the threshold. */
  talkie_test_write_tone_wav (quiet_path, 8000, 0, 1.0, 0, 0.01);
  quiet = g_file_new_for_path (quiet_path);
  quiet_peaks = talkie_test_compute_peaks (quiet, 100, 100000);
  start = end = -1;
  g_assert_false (talkie_audio_trim_find_sound (quiet_peaks, 0.05, &start, &end));
  g_assert_cmpfloat (start, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  media_dir = talkie_test_make_tmp_dir ("talkie-trim-media-XXXXXX");
  voice_path = g_build_filename (media_dir, "voice.wav", NULL);
  talkie_test_write_tone_wav (voice_path, 44100, 0.5, 2.0, 0.5, 0.8);

  g_test_add_func ("/audio-trim/lengths", test_lengths);
  g_test_add_func ("/audio-trim/default-output-and-progress", test_default_output_and_progress);
  g_test_add_func ("/audio-trim/given-output", test_given_output);
  g_test_add_func ("/audio-trim/failures-leave-nothing", test_failures_leave_nothing);
  g_test_add_func ("/audio-trim/find-sound", test_find_sound);

  ret = g_test_run ();
  talkie_test_remove_tree (media_dir);
  g_free (voice_path);
  g_free (media_dir);
  return ret;
}
