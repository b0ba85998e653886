/* test-record-render.c: the whole way of a take, against an in-process
 * sandbox: record 3 s from the test source, probe, see its peaks, trim to
 * 1.0–2.5 s, upload and render. The render request carries the trimmed
 * length, the uploaded file decodes to it, and the video follows it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "talkie-audio-peaks.h"
#include "talkie-audio-source.h"
#include "talkie-audio-trim.h"
#include "talkie-recorder.h"
#include "talkie-render-job.h"
#include "talkie-sandbox.h"

#include "talkie-test-client-utils.h"
#include "talkie-test-audio-utils.h"

static gboolean
recorded_3s (gpointer data)
{
  return talkie_recorder_get_elapsed (data) >= 3.0;
}

static void
probe (TalkieAudioSource *source)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  talkie_audio_source_probe_async (source, NULL, talkie_test_result_cb, &result);
  talkie_audio_source_probe_finish (source, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
}

static void
test_record_trim_render (void)
{
  g_autofree char *data_dir = talkie_test_make_tmp_dir ("talkie-record-render-XXXXXX");
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(TalkieAvatar) avatar = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  g_autoptr(TalkieRecorder) recorder = talkie_recorder_new ();
  g_autoptr(TalkieAudioSource) take = NULL;
  g_autoptr(TalkieAudioPeaks) peaks = NULL;
  g_autoptr(TalkieAudioTrim) trim = NULL;
  g_autoptr(TalkieAudioSource) trimmed = NULL;
  g_autoptr(TalkieAudioPeaks) uploaded_peaks = NULL;
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take_file = NULL;
  g_autoptr(GFile) trimmed_file = NULL;
  g_autoptr(GFile) uploaded = NULL;
  g_autoptr(GFile) video = NULL;
  g_autofree char *video_path = NULL;
  g_autofree char *video_uri = NULL;
  TalkieRenderOptions options = {
    .aspect_ratio = TALKIE_ASPECT_RATIO_LANDSCAPE,
    .screen_style = TALKIE_SCREEN_STYLE_BACKGROUND,
    .subtitles = FALSE,
  };
  double sent = 0, video_seconds;

  /* Record. */
  g_setenv (TALKIE_RECORDER_TEST_SOURCE_ENV, "1", TRUE);
  talkie_recorder_record_async (recorder, NULL, NULL, talkie_test_result_cb, &result);
  g_assert_true (talkie_test_wait_until (recorded_3s, recorder, 60));
  talkie_recorder_stop (recorder);
  take_file = talkie_recorder_record_finish (recorder, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Probe and see it. */
  take = talkie_audio_source_new_for_file (take_file);
  probe (take);
  g_assert_cmpfloat (talkie_audio_source_get_duration (take), >=, 2.9);
  peaks = talkie_test_compute_peaks (take_file, 50, 10000);
  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_max (peaks, 0.5, 2.5), 0.5, 0.1);

  /* Trim to 1.0–2.5 s. */
  trim = talkie_audio_trim_new (take_file, 1.0, 2.5);
  talkie_audio_trim_run_async (trim, NULL, NULL, talkie_test_result_cb, &result);
  trimmed_file = talkie_audio_trim_run_finish (trim, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  trimmed = talkie_audio_source_new_for_file (trimmed_file);
  probe (trimmed);
  g_assert_cmpfloat_with_epsilon (talkie_audio_source_get_duration (trimmed), 1.5, 0.1);

  /* Upload and render. */
  sandbox = talkie_test_start_sandbox ("step-ms", 100, "data-dir", data_dir, NULL);
  client = talkie_test_client_new_for_sandbox (sandbox);
  avatar = talkie_test_get_avatar (client, TALKIE_ASPECT_RATIO_LANDSCAPE, 0);
  voice = talkie_test_get_voice (client, 0);
  job = talkie_render_job_new (client, avatar, voice, trimmed, &options);
  talkie_render_job_set_poll_interval (job, 50, 200);
  talkie_render_job_start (job);
  while (!talkie_job_state_is_final (talkie_render_job_get_state (job)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);

  /* The request carried the trimmed length... */
  g_object_get (job, "audio-duration", &sent, NULL);
  g_test_message ("duration sent: %.3f s", sent);
  g_assert_cmpfloat_with_epsilon (sent, 1.5, 0.1);

  /* ...the uploaded file decodes to it... */
  uploaded = talkie_test_find_upload (data_dir);
  uploaded_peaks = talkie_test_compute_peaks (uploaded, 50, 10000);
  g_test_message ("uploaded file decodes to %.3f s", talkie_audio_peaks_get_duration (uploaded_peaks));
  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_duration (uploaded_peaks), 1.5, 0.1);

  /* ...and the video follows it. */
  video_path = g_build_filename (data_dir, "result.video", NULL);
  video = g_file_new_for_path (video_path);
  talkie_client_download_async (client, talkie_render_job_get_video_url (job), video,
                                NULL, NULL, NULL, NULL, talkie_test_result_cb, &result);
  talkie_client_download_finish (client, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  video_uri = g_file_get_uri (video);
  info = talkie_test_discover (video_uri, 30 * GST_SECOND);
  talkie_test_assert_video_with_sound (info);
  video_seconds = (double) gst_discoverer_info_get_duration (info) / GST_SECOND;
  g_test_message ("video: %.3f s", video_seconds);
  g_assert_cmpfloat_with_epsilon (video_seconds, 1.5, 0.5);

  talkie_test_stop_sandbox (&sandbox);
  talkie_test_remove_tree (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/record-render/record-trim-render", test_record_trim_render);

  return g_test_run ();
}
