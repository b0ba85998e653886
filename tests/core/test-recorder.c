/* test-recorder.c: TalkieRecorder with real GStreamer pipelines reading from a
 * live test source (TALKIE_RECORD_TEST_SOURCE), measured afterwards with the
 * same probe the app uses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-audio-source.h"
#include "talkie-recorder.h"

#include "talkie-test-utils.h"
#include "talkie-test-audio-utils.h"

/* Default audiotestsrc buffers: 1024 samples at 44.1 kHz. */
#define BUFFER_SECONDS (1024.0 / 44100.0)

static void
use_source (const char *description)
{
  g_setenv (TALKIE_RECORDER_TEST_SOURCE_ENV, description, TRUE);
}

static void
track_max_level_cb (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  double *max_level = user_data;

  *max_level = MAX (*max_level, talkie_recorder_get_level (TALKIE_RECORDER (object)));
}

/* Record about a second into the default directory, stop: one finished take
 * whose length is what was recorded. */
static void
test_record_stop (void)
{
  g_autoptr(TalkieRecorder) recorder = talkie_recorder_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take = NULL;
  g_autofree char *dir = talkie_recorder_dup_default_directory ();
  g_autofree char *take_dir = NULL;
  g_autofree char *name = NULL;
  double max_level = 0;
  double elapsed;

  use_source ("1");
  g_signal_connect (recorder, "notify::level", G_CALLBACK (track_max_level_cb), &max_level);

  talkie_recorder_record_async (recorder, NULL, NULL, talkie_test_result_cb, &result);
  g_assert_true (talkie_recorder_get_recording (recorder));
  talkie_test_wait_ms (1000);
  talkie_recorder_stop (recorder);
  take = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (take);
  g_assert_false (talkie_recorder_get_recording (recorder));
  g_assert_null (talkie_recorder_get_partial_take (recorder));

  /* Under the cache dir, under its final name, and nothing temporary left. */
  take_dir = g_path_get_dirname (g_file_peek_path (take));
  g_assert_cmpstr (take_dir, ==, dir);
  name = g_file_get_basename (take);
  g_assert_true (g_str_has_prefix (name, "Recording "));
  g_assert_true (g_str_has_suffix (name, ".mp3"));
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 1);

  /* The tone is at half scale (-6 dB): the meter showed it near the top. */
  g_assert_cmpfloat (max_level, >, 0.8);
  g_assert_cmpfloat (talkie_recorder_get_level (recorder), ==, 0);

  elapsed = talkie_recorder_get_elapsed (recorder);
  g_assert_cmpfloat (elapsed, >=, 0.8);
  g_assert_cmpfloat (elapsed, <=, 3.0);
  /* The encoder adds at most a frame or two of padding. */
  g_assert_cmpfloat_with_epsilon (talkie_test_probe_mp3_duration (take), elapsed, 0.15);

  g_file_delete (take, NULL, NULL);
}

/* Two takes in a row in the same second get two names. */
static void
test_two_takes (void)
{
  g_autoptr(TalkieRecorder) recorder = talkie_recorder_new ();
  g_autofree char *dir = talkie_test_make_tmp_dir ("talkie-rec-XXXXXX");
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;

  use_source ("1");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      GFile *take;

      talkie_recorder_record_async (recorder, directory, NULL, talkie_test_result_cb, &result);
      talkie_test_wait_ms (300);
      talkie_recorder_stop (recorder);
      take = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&result), &error);
      g_assert_no_error (error);
      if (i == 0)
        first = take;
      else
        second = take;
    }

  g_assert_false (g_file_equal (first, second));
  g_assert_true (g_file_query_exists (first, NULL));
  g_assert_true (g_file_query_exists (second, NULL));
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 2);
  talkie_test_remove_tree (dir);
}

/* A second take while one runs is refused; the first one is not disturbed. */
static void
test_busy (void)
{
  g_autoptr(TalkieRecorder) recorder = talkie_recorder_new ();
  g_autofree char *dir = talkie_test_make_tmp_dir ("talkie-rec-XXXXXX");
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) busy_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take = NULL;
  g_autoptr(GFile) none = NULL;

  use_source ("1");
  talkie_recorder_record_async (recorder, directory, NULL, talkie_test_result_cb, &result);
  talkie_recorder_record_async (recorder, directory, NULL, talkie_test_result_cb, &busy_result);
  none = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&busy_result), &error);
  g_assert_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_BUSY);
  g_assert_null (none);
  g_clear_error (&error);
  g_assert_true (talkie_recorder_get_recording (recorder));

  talkie_test_wait_ms (300);
  talkie_recorder_stop (recorder);
  take = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (take, NULL));
  talkie_test_remove_tree (dir);
}

/* Cancel discards: no take, no temporary file. */
static void
test_cancel (void)
{
  g_autoptr(TalkieRecorder) recorder = talkie_recorder_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = talkie_test_make_tmp_dir ("talkie-rec-XXXXXX");
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take = NULL;

  use_source ("1");
  talkie_recorder_record_async (recorder, directory, cancellable, talkie_test_result_cb, &result);
  talkie_test_wait_ms (500);
  g_assert_cmpfloat (talkie_recorder_get_elapsed (recorder), >, 0);
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 1);   /* the temporary file */
  g_cancellable_cancel (cancellable);
  take = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (take);
  g_assert_null (talkie_recorder_get_partial_take (recorder));
  g_assert_false (talkie_recorder_get_recording (recorder));
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 0);
  talkie_test_remove_tree (dir);
}

/* The input fails mid-take (here: an error after 40 buffers, 0.93 s): a clear
 * error, and the take so far is kept, finished, under its final name. */
static void
check_partial_take (const char *source,
                    guint       n_buffers)
{
  g_autoptr(TalkieRecorder) recorder = talkie_recorder_new ();
  g_autofree char *dir = talkie_test_make_tmp_dir ("talkie-rec-XXXXXX");
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take = NULL;
  g_autofree char *name = NULL;
  GFile *partial;

  use_source (source);
  talkie_recorder_record_async (recorder, directory, NULL, talkie_test_result_cb, &result);
  take = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&result), &error);
  g_assert_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_INPUT_LOST);
  g_assert_null (take);
  g_assert_false (talkie_recorder_get_recording (recorder));

  partial = talkie_recorder_get_partial_take (recorder);
  g_assert_nonnull (partial);
  name = g_file_get_basename (partial);
  g_assert_true (g_str_has_prefix (name, "Recording "));
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 1);
  g_assert_cmpfloat_with_epsilon (talkie_test_probe_mp3_duration (partial), n_buffers * BUFFER_SECONDS, 0.15);
  talkie_test_remove_tree (dir);
}

static void
test_error_mid_take (void)
{
  check_partial_take ("audiotestsrc is-live=true ! identity error-after=40", 40);
}

/* A source that just ends (a device unplugged without an error) is the same. */
static void
test_input_ends (void)
{
  check_partial_take ("audiotestsrc is-live=true num-buffers=40", 40);
}

/* No input at all: a clear error, nothing left behind. */
static void
test_no_input (void)
{
  g_autoptr(TalkieRecorder) recorder = talkie_recorder_new ();
  g_autofree char *dir = talkie_test_make_tmp_dir ("talkie-rec-XXXXXX");
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take = NULL;

  use_source ("filesrc location=/nonexistent/microphone");
  talkie_recorder_record_async (recorder, directory, NULL, talkie_test_result_cb, &result);
  take = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&result), &error);
  g_assert_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_NO_INPUT);
  g_assert_null (take);
  g_assert_null (talkie_recorder_get_partial_take (recorder));
  g_assert_false (talkie_recorder_get_recording (recorder));
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, 0);
  talkie_test_remove_tree (dir);
}

/* A directory that cannot be made: a clear error before anything is recorded. */
static void
test_unwritable (void)
{
  g_autoptr(TalkieRecorder) recorder = talkie_recorder_new ();
  g_autoptr(GFile) directory = g_file_new_for_path ("/proc/talkie/recordings");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take = NULL;

  use_source ("1");
  talkie_recorder_record_async (recorder, directory, NULL, talkie_test_result_cb, &result);
  take = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&result), &error);
  g_assert_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_WRITE);
  g_assert_null (take);
  g_assert_false (talkie_recorder_get_recording (recorder));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/recorder/record-stop", test_record_stop);
  g_test_add_func ("/recorder/two-takes", test_two_takes);
  g_test_add_func ("/recorder/busy", test_busy);
  g_test_add_func ("/recorder/cancel", test_cancel);
  g_test_add_func ("/recorder/error-mid-take", test_error_mid_take);
  g_test_add_func ("/recorder/input-ends", test_input_ends);
  g_test_add_func ("/recorder/no-input", test_no_input);
  g_test_add_func ("/recorder/unwritable", test_unwritable);

  return g_test_run ();
}
