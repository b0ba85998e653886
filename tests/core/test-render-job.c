/* test-render-job.c: TalkieRenderJob end to end against an in-process sandbox:
 * real uploads, real renders, real videos checked with GstDiscoverer; failures
 * and cancelling. Saving and restoring jobs is in test-render-job-json.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "talkie-error.h"
#include "talkie-render-job-private.h"

#include "talkie-test-client-utils.h"
#include "render-job-test-util.h"

/* --- the whole way ---------------------------------------------------------- */

static void
assert_plays (RenderJobFixture    *fixture,
              const char *video_url,
              double      expected_seconds)
{
  g_autofree char *path = g_build_filename (fixture->dir, "result.video", NULL);
  g_autoptr(GFile) destination = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  double seconds;

  talkie_client_download_async (fixture->client, video_url, destination,
                                NULL, NULL, NULL, NULL, talkie_test_result_cb, &result);
  talkie_client_download_finish (fixture->client, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  uri = g_file_get_uri (destination);
  info = talkie_test_discover (uri, 30 * GST_SECOND);
  talkie_test_assert_video_with_sound (info);

  seconds = (double) gst_discoverer_info_get_duration (info) / GST_SECOND;
  g_test_message ("video: %.2f s, audio was %.2f s", seconds, expected_seconds);
  g_assert_cmpfloat_with_epsilon (seconds, expected_seconds, 0.5);

  /* And it decodes from start to end, picture and sound. */
  {
    g_autoptr(GstElement) playbin = gst_element_factory_make ("playbin", NULL);
    g_autoptr(GstBus) bus = NULL;
    g_autoptr(GstMessage) message = NULL;
    GstElement *video_sink = gst_element_factory_make ("fakesink", NULL);
    GstElement *audio_sink = gst_element_factory_make ("fakesink", NULL);

    g_assert_nonnull (playbin);
    g_object_set (video_sink, "sync", FALSE, NULL);
    g_object_set (audio_sink, "sync", FALSE, NULL);
    g_object_set (playbin,
                  "uri", uri,
                  "video-sink", video_sink,
                  "audio-sink", audio_sink,
                  NULL);

    g_assert_cmpint (gst_element_set_state (playbin, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);
    bus = gst_element_get_bus (playbin);
    message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
    g_assert_nonnull (message);
    if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
      {
        g_autoptr(GError) play_error = NULL;

        gst_message_parse_error (message, &play_error, NULL);
        g_assert_no_error (play_error);
      }
    g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
    gst_element_set_state (playbin, GST_STATE_NULL);
  }
}

static void
test_local_file (RenderJobFixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = render_job_new (fixture, audio);
  static const TalkieJobState expected[] = {
    TALKIE_JOB_STATE_PROBING,
    TALKIE_JOB_STATE_UPLOADING,
    TALKIE_JOB_STATE_SUBMITTING,
    TALKIE_JOB_STATE_RENDERING,
    TALKIE_JOB_STATE_SUCCEEDED,
  };
  TalkieProject *project;
  gint64 bytes_sent = 0;
  gint64 bytes_total = 0;
  double audio_duration = 0;
  GStatBuf st;
  RenderJobRecord record;

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_NEW);
  g_assert_null (talkie_render_job_get_project_id (job));
  g_assert_cmpstr (talkie_render_job_get_avatar_name (job), ==, talkie_avatar_get_name (fixture->avatar));
  g_assert_cmpstr (talkie_render_job_get_voice_name (job), ==, talkie_voice_get_name (fixture->voice));
  g_assert_cmpstr (talkie_render_job_get_audio_name (job), ==, "voice.mp3");
  g_assert_cmpint (talkie_render_job_get_created_at (job), >, 0);

  render_job_record_init (&record, job);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  render_job_assert_states (&record, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_null (talkie_render_job_get_error_message (job));
  g_assert_null (talkie_render_job_get_error (job));
  g_assert_cmpfloat (talkie_render_job_get_progress (job), ==, 1.0);

  /* The upload went all the way, in order. */
  g_assert_cmpint (g_stat (fixture->voice_path, &st), ==, 0);
  g_object_get (job,
                "bytes-sent", &bytes_sent,
                "bytes-total", &bytes_total,
                "audio-duration", &audio_duration,
                NULL);
  g_assert_cmpint (bytes_total, ==, st.st_size);
  g_assert_cmpint (bytes_sent, ==, st.st_size);
  g_assert_cmpfloat (record.max_progress, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (audio_duration, AUDIO_SECONDS, 0.2);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 1);

  g_assert_nonnull (talkie_render_job_get_project_id (job));
  project = talkie_render_job_get_project (job);
  g_assert_nonnull (project);
  g_assert_cmpint (talkie_project_get_status (project), ==, TALKIE_PROJECT_STATUS_SUCCESS);
  g_assert_cmpstr (talkie_project_get_id (project), ==, talkie_render_job_get_project_id (job));
  g_assert_nonnull (talkie_render_job_get_video_url (job));
  g_assert_cmpstr (talkie_render_job_get_video_url (job), ==, talkie_project_get_video_url (project));

  /* Start again on a final job: nothing happens. */
  talkie_render_job_start (job);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (record.finished, ==, 1);

  assert_plays (fixture, talkie_render_job_get_video_url (job), audio_duration);

  render_job_record_clear (&record, job);
}

/* An audio-only WebM reads as video/webm by its container alone: the job must
 * upload it as the audio the probe found, and the render must use it. */
static void
test_audio_only_webm (RenderJobFixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "voice-only.webm", NULL);
  g_autofree char *description = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TalkieAudioSource) audio = talkie_audio_source_new_for_file (file);
  g_autoptr(TalkieRenderJob) job = NULL;

  description = g_strdup_printf ("audiotestsrc num-buffers=100 ! audioconvert ! opusenc ! "
                                 "webmmux ! filesink location=\"%s\"", path);
  talkie_test_run_pipeline (description);

  job = render_job_new (fixture, audio);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  g_assert_null (talkie_render_job_get_error_message (job));
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_true (g_str_has_prefix (talkie_audio_source_get_content_type (audio), "audio/"));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 1);
}

static void
test_url_audio (RenderJobFixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = NULL;
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GError) error = NULL;
  static const TalkieJobState expected[] = {
    TALKIE_JOB_STATE_PROBING,
    TALKIE_JOB_STATE_SUBMITTING,
    TALKIE_JOB_STATE_RENDERING,
    TALKIE_JOB_STATE_SUCCEEDED,
  };
  char *audio_uri = NULL;
  RenderJobRecord record;

  g_assert_nonnull (talkie_voice_get_audition_url (fixture->voice));
  audio = talkie_audio_source_new_for_uri (talkie_voice_get_audition_url (fixture->voice), &error);
  g_assert_no_error (error);

  job = render_job_new (fixture, audio);
  render_job_record_init (&record, job);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  render_job_assert_states (&record, expected, G_N_ELEMENTS (expected));
  g_assert_nonnull (talkie_render_job_get_video_url (job));
  /* No upload for a URL. */
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 0);

  g_object_get (job, "audio-uri", &audio_uri, NULL);
  g_assert_cmpstr (audio_uri, ==, talkie_voice_get_audition_url (fixture->voice));
  g_free (audio_uri);

  render_job_record_clear (&record, job);
}

/* A probed source goes straight to the upload. */
static void
test_probed_skips_probe (RenderJobFixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const TalkieJobState expected[] = {
    TALKIE_JOB_STATE_UPLOADING,
    TALKIE_JOB_STATE_SUBMITTING,
    TALKIE_JOB_STATE_RENDERING,
    TALKIE_JOB_STATE_SUCCEEDED,
  };
  RenderJobRecord record;

  talkie_audio_source_probe_async (audio, NULL, talkie_test_result_cb, &result);
  g_assert_true (talkie_audio_source_probe_finish (audio, talkie_test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  job = render_job_new (fixture, audio);
  render_job_record_init (&record, job);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  render_job_assert_states (&record, expected, G_N_ELEMENTS (expected));
  render_job_record_clear (&record, job);
}

static void
test_not_audio (RenderJobFixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.mp3", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TalkieAudioSource) audio = NULL;
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "just words, no sound\n", -1, &error);
  g_assert_no_error (error);

  audio = talkie_audio_source_new_for_file (file);
  job = render_job_new (fixture, audio);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_error ((GError *) talkie_render_job_get_error (job), TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
  g_assert_cmpstr (talkie_render_job_get_error_message (job), ==, talkie_render_job_get_error (job)->message);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 0);
}

/* --- failures --------------------------------------------------------------- */

static void
test_render_fails (RenderJobFixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = render_job_new (fixture, audio);
  TalkieProject *project;
  const char *reason;
  RenderJobRecord record;

  talkie_sandbox_set_fault (fixture->sandbox, "/open/render/talking_avatar",
                            TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 1);

  render_job_record_init (&record, job);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_cmpuint (record.finished, ==, 1);
  /* A render that ended in 5 has no GError, only the server's reason. */
  g_assert_null (talkie_render_job_get_error (job));
  project = talkie_render_job_get_project (job);
  g_assert_nonnull (project);
  g_assert_cmpint (talkie_project_get_status (project), ==, TALKIE_PROJECT_STATUS_FAILED);
  reason = talkie_project_get_status_desc (project);
  g_assert_nonnull (reason);
  g_test_message ("reason: %s; message: %s", reason, talkie_render_job_get_error_message (job));
  g_assert_nonnull (strstr (talkie_render_job_get_error_message (job), reason));
  g_assert_null (talkie_render_job_get_video_url (job));
  g_assert_nonnull (talkie_render_job_get_project_id (job));

  render_job_record_clear (&record, job);
}

/* Runs a job on the local recording, to the end, with HTTP 500 on @path for @times requests (0: all). */
static TalkieRenderJob *
run_with_http_500 (RenderJobFixture    *fixture,
                   const char *path,
                   guint       times)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  TalkieRenderJob *job = render_job_new (fixture, audio);

  talkie_sandbox_set_fault (fixture->sandbox, path, TALKIE_SANDBOX_FAULT_HTTP_500, 0, times);

  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  return job;
}

static void
test_poll_500_retried (RenderJobFixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(TalkieRenderJob) job = run_with_http_500 (fixture, "/v1/project", 2);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_nonnull (talkie_render_job_get_video_url (job));
  /* Two failed polls, then the ones that saw 1, 2, 3 and 4. */
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/project"), >=, 2 + 4);
}

/* A signed-URL PUT that fails once is tried again, with a new asset. */
static void
test_upload_500_retried (RenderJobFixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TalkieRenderJob) job = run_with_http_500 (fixture, "/upload/", 1);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 2);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/render/talking_avatar"), ==, 1);
}

/* An upload that keeps failing ends the job, after three tries. */
static void
test_upload_500_gives_up (RenderJobFixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(TalkieRenderJob) job = run_with_http_500 (fixture, "/upload/", 0);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_true (talkie_error_is_transient (talkie_render_job_get_error (job)));
  g_test_message ("gave up uploading: %s", talkie_render_job_get_error_message (job));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 3);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/render/talking_avatar"), ==, 0);
  g_assert_null (talkie_render_job_get_project_id (job));
}

/* A server that keeps failing is given up on after ten tries in a row. */
static void
test_poll_500_gives_up (RenderJobFixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = render_job_new (fixture, audio);
  RenderJobRecord record;

  talkie_sandbox_set_fault (fixture->sandbox, "/v1/project", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);

  render_job_record_init (&record, job);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_true (talkie_error_is_transient (talkie_render_job_get_error (job)));
  g_assert_cmpstr (talkie_render_job_get_error_message (job), ==, talkie_render_job_get_error (job)->message);
  g_test_message ("gave up: %s", talkie_render_job_get_error_message (job));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/project"), ==, 10);
  /* The render itself was accepted: its id stays for later. */
  g_assert_nonnull (talkie_render_job_get_project_id (job));

  render_job_record_clear (&record, job);
}

static void
assert_create_fails (RenderJobFixture        *fixture,
                     TalkieApiError  code)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = render_job_new (fixture, audio);
  RenderJobRecord record;

  talkie_sandbox_set_fault (fixture->sandbox, "/open/render/talking_avatar",
                            TALKIE_SANDBOX_FAULT_API_CODE, code, 1);

  render_job_record_init (&record, job);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_error ((GError *) talkie_render_job_get_error (job), TALKIE_API_ERROR, (int) code);
  g_assert_cmpstr (talkie_render_job_get_error_message (job), ==, talkie_render_job_get_error (job)->message);
  g_assert_cmpstr (talkie_render_job_get_error_message (job), !=, "");
  g_test_message ("%d: %s", code, talkie_render_job_get_error_message (job));
  g_assert_null (talkie_render_job_get_project_id (job));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/project"), ==, 0);

  render_job_record_clear (&record, job);
}

static void
test_create_invalid_key (RenderJobFixture       *fixture,
                         gconstpointer  user_data)
{
  assert_create_fails (fixture, TALKIE_API_ERROR_INVALID_KEY);
}

static void
test_create_no_credit (RenderJobFixture       *fixture,
                       gconstpointer  user_data)
{
  assert_create_fails (fixture, TALKIE_API_ERROR_INSUFFICIENT_CREDIT);
}

/* --- cancelling ------------------------------------------------------------- */

static gboolean
cancel_cb (gpointer user_data)
{
  talkie_render_job_cancel (TALKIE_RENDER_JOB (user_data));
  return G_SOURCE_REMOVE;
}

static void
cancel_when (TalkieRenderJob *job,
             GParamSpec      *pspec,
             gpointer         user_data)
{
  TalkieJobState when = GPOINTER_TO_INT (user_data);

  /* From the main loop, not from inside the notification. */
  if (talkie_render_job_get_state (job) == when)
    g_idle_add_full (G_PRIORITY_HIGH, cancel_cb, g_object_ref (job), g_object_unref);
}

static void
test_cancel_mid_upload (RenderJobFixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  TalkieRenderJob *job = render_job_new (fixture, audio);
  RenderJobRecord record;

  /* The signed-URL PUT answers late: the upload is in flight when it is cancelled. */
  talkie_sandbox_set_fault (fixture->sandbox, "/upload/", TALKIE_SANDBOX_FAULT_DELAY, 1000, 1);

  render_job_record_init (&record, job);
  g_signal_connect (job, "notify::state", G_CALLBACK (cancel_when),
                    GINT_TO_POINTER (TALKIE_JOB_STATE_UPLOADING));
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_CANCELLED);
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_null (talkie_render_job_get_project_id (job));
  g_assert_null (talkie_render_job_get_error_message (job));

  /* The cancelled upload lands without waking the job up again. */
  talkie_test_wait_ms (1200);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_CANCELLED);
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/render/talking_avatar"), ==, 0);

  render_job_record_clear (&record, job);
  g_signal_handlers_disconnect_by_func (job, cancel_when, GINT_TO_POINTER (TALKIE_JOB_STATE_UPLOADING));

  /* Nothing keeps a cancelled job alive. */
  g_object_add_weak_pointer (G_OBJECT (job), (gpointer *) &job);
  g_object_unref (job);
  g_assert_null (job);
}

static void
test_cancel_mid_poll (RenderJobFixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = render_job_new (fixture, audio);
  g_autofree char *project_id = NULL;
  guint polls;
  RenderJobRecord record;

  render_job_record_init (&record, job);
  g_signal_connect (job, "notify::project", G_CALLBACK (cancel_when),
                    GINT_TO_POINTER (TALKIE_JOB_STATE_RENDERING));
  talkie_render_job_start (job);
  render_job_wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_CANCELLED);
  g_assert_cmpuint (record.finished, ==, 1);
  /* The server has the render: its id is kept. */
  g_assert_nonnull (talkie_render_job_get_project_id (job));
  project_id = g_strdup (talkie_render_job_get_project_id (job));

  /* No more polls after the cancel. */
  polls = talkie_sandbox_get_hits (fixture->sandbox, "/v1/project");
  talkie_test_wait_ms (4 * MAX_POLL_MS);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/project"), ==, polls);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_CANCELLED);
  g_assert_cmpstr (talkie_render_job_get_project_id (job), ==, project_id);

  /* Cancel again, start again: both do nothing on a final job. */
  talkie_render_job_cancel (job);
  talkie_render_job_start (job);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_CANCELLED);
  g_assert_cmpuint (record.finished, ==, 1);

  render_job_record_clear (&record, job);
}

/* A job dropped mid-poll goes away at once and polls no more. */
static void
test_drop_mid_poll (RenderJobFixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  TalkieRenderJob *job = render_job_new (fixture, audio);
  guint polls;

  talkie_render_job_start (job);
  while (talkie_render_job_get_project (job) == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_object_add_weak_pointer (G_OBJECT (job), (gpointer *) &job);
  g_object_unref (job);
  g_assert_null (job);

  polls = talkie_sandbox_get_hits (fixture->sandbox, "/v1/project");
  talkie_test_wait_ms (4 * MAX_POLL_MS);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/project"), <=, polls + 1);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  RENDER_JOB_ADD ("local-file", test_local_file);
  RENDER_JOB_ADD ("audio-only-webm", test_audio_only_webm);
  RENDER_JOB_ADD ("url-audio", test_url_audio);
  RENDER_JOB_ADD ("probed-skips-probe", test_probed_skips_probe);
  RENDER_JOB_ADD ("not-audio", test_not_audio);
  RENDER_JOB_ADD ("render-fails", test_render_fails);
  RENDER_JOB_ADD ("poll-500-retried", test_poll_500_retried);
  RENDER_JOB_ADD ("poll-500-gives-up", test_poll_500_gives_up);
  RENDER_JOB_ADD ("upload-500-retried", test_upload_500_retried);
  RENDER_JOB_ADD ("upload-500-gives-up", test_upload_500_gives_up);
  RENDER_JOB_ADD ("create/invalid-key", test_create_invalid_key);
  RENDER_JOB_ADD ("create/no-credit", test_create_no_credit);
  RENDER_JOB_ADD ("cancel/mid-upload", test_cancel_mid_upload);
  RENDER_JOB_ADD ("cancel/mid-poll", test_cancel_mid_poll);
  RENDER_JOB_ADD ("drop-mid-poll", test_drop_mid_poll);

  return g_test_run ();
}
