/* test-render-job.c: TalkieRenderJob end to end against an in-process sandbox:
 * real uploads, real renders, real videos checked with GstDiscoverer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "talkie-audio-source.h"
#include "talkie-avatar.h"
#include "talkie-client.h"
#include "talkie-error.h"
#include "talkie-render-job.h"
#include "talkie-render-job-private.h"
#include "talkie-sandbox.h"
#include "talkie-voice.h"

#include "talkie-test-client-utils.h"

#define STEP_MS      100
#define MIN_POLL_MS  50
#define MAX_POLL_MS  200

/* 129 buffers of 1024 samples at 44.1 kHz: 2.995 s. */
#define AUDIO_SECONDS (129.0 * 1024.0 / 44100.0)

typedef struct
{
  char              *dir;
  char              *voice_path;
  TalkieSandbox     *sandbox;
  TalkieClient      *client;
  TalkieAvatar      *avatar;
  TalkieVoice       *voice;
} Fixture;

/* --- helpers ---------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = talkie_test_make_tmp_dir ("test-render-job-XXXXXX");

  fixture->voice_path = g_build_filename (fixture->dir, "voice.mp3", NULL);
  talkie_test_make_tone (fixture->voice_path, 129, "lamemp3enc ! xingmux");

  fixture->sandbox = talkie_test_start_sandbox ("step-ms", STEP_MS,
                                                "report-every-step", TRUE,
                                                NULL);
  fixture->client = talkie_test_client_new_for_sandbox (fixture->sandbox);
  fixture->avatar = talkie_test_get_avatar (fixture->client, TALKIE_ASPECT_RATIO_LANDSCAPE, 0);
  fixture->voice = talkie_test_get_voice (fixture->client, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->avatar);
  g_clear_object (&fixture->voice);
  g_clear_object (&fixture->client);
  talkie_test_stop_sandbox (&fixture->sandbox);

  talkie_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->voice_path, g_free);
}

static TalkieAudioSource *
local_voice (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->voice_path);

  return talkie_audio_source_new_for_file (file);
}

static TalkieRenderJob *
new_job (Fixture           *fixture,
         TalkieAudioSource *audio)
{
  TalkieRenderOptions options = {
    .aspect_ratio = TALKIE_ASPECT_RATIO_LANDSCAPE,
    .screen_style = TALKIE_SCREEN_STYLE_BACKGROUND,
    .subtitles = TRUE,
  };
  TalkieRenderJob *job;

  job = talkie_render_job_new (fixture->client, fixture->avatar, fixture->voice, audio, &options);
  g_assert_nonnull (job);
  talkie_render_job_set_poll_interval (job, MIN_POLL_MS, MAX_POLL_MS);

  return job;
}

/* Every state the job goes through, in order, and how often it finished. */
typedef struct
{
  GArray *states;
  guint   finished;
  double  max_progress;
  gint64  last_bytes_sent;
} Record;

static void
on_state (TalkieRenderJob *job,
          GParamSpec      *pspec,
          Record          *record)
{
  TalkieJobState state = talkie_render_job_get_state (job);

  g_array_append_val (record->states, state);
}

static void
on_progress (TalkieRenderJob *job,
             GParamSpec      *pspec,
             Record          *record)
{
  double progress = talkie_render_job_get_progress (job);

  g_assert_cmpfloat (progress, <=, 1.0);
  if (talkie_render_job_get_state (job) == TALKIE_JOB_STATE_UPLOADING)
    {
      g_assert_cmpfloat (progress, >=, 0.0);
      record->max_progress = MAX (record->max_progress, progress);
    }
}

static void
on_bytes_sent (TalkieRenderJob *job,
               GParamSpec      *pspec,
               Record          *record)
{
  gint64 sent = 0;

  g_object_get (job, "bytes-sent", &sent, NULL);
  g_assert_cmpint (sent, >=, record->last_bytes_sent);
  record->last_bytes_sent = sent;
}

static void
on_finished (TalkieRenderJob *job,
             Record          *record)
{
  g_assert_true (talkie_job_state_is_final (talkie_render_job_get_state (job)));
  record->finished++;
  g_main_context_wakeup (NULL);
}

static void
record_init (Record          *record,
             TalkieRenderJob *job)
{
  record->states = g_array_new (FALSE, FALSE, sizeof (TalkieJobState));
  record->finished = 0;
  record->max_progress = 0;
  record->last_bytes_sent = 0;
  g_signal_connect (job, "notify::state", G_CALLBACK (on_state), record);
  g_signal_connect (job, "notify::progress", G_CALLBACK (on_progress), record);
  g_signal_connect (job, "notify::bytes-sent", G_CALLBACK (on_bytes_sent), record);
  g_signal_connect (job, "finished", G_CALLBACK (on_finished), record);
}

static void
record_clear (Record          *record,
              TalkieRenderJob *job)
{
  g_signal_handlers_disconnect_by_data (job, record);
  g_clear_pointer (&record->states, g_array_unref);
}

static void
wait_until_final (TalkieRenderJob *job)
{
  while (!talkie_job_state_is_final (talkie_render_job_get_state (job)))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_states (Record               *record,
               const TalkieJobState *expected,
               guint                 n_expected)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  for (guint i = 0; i < record->states->len; i++)
    g_string_append_printf (seen, "%d ", g_array_index (record->states, TalkieJobState, i));
  g_test_message ("states: %s", seen->str);

  g_assert_cmpuint (record->states->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (record->states, TalkieJobState, i), ==, expected[i]);
}

/* --- the whole way ---------------------------------------------------------- */

static void
assert_plays (Fixture    *fixture,
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
test_local_file (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = new_job (fixture, audio);
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
  Record record;

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_NEW);
  g_assert_null (talkie_render_job_get_project_id (job));
  g_assert_cmpstr (talkie_render_job_get_avatar_name (job), ==, talkie_avatar_get_name (fixture->avatar));
  g_assert_cmpstr (talkie_render_job_get_voice_name (job), ==, talkie_voice_get_name (fixture->voice));
  g_assert_cmpstr (talkie_render_job_get_audio_name (job), ==, "voice.mp3");
  g_assert_cmpint (talkie_render_job_get_created_at (job), >, 0);

  record_init (&record, job);
  talkie_render_job_start (job);
  wait_until_final (job);

  assert_states (&record, expected, G_N_ELEMENTS (expected));
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

  record_clear (&record, job);
}

/* An audio-only WebM reads as video/webm by its container alone: the job must
 * upload it as the audio the probe found, and the render must use it. */
static void
test_audio_only_webm (Fixture       *fixture,
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

  job = new_job (fixture, audio);
  talkie_render_job_start (job);
  wait_until_final (job);

  g_assert_null (talkie_render_job_get_error_message (job));
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_true (g_str_has_prefix (talkie_audio_source_get_content_type (audio), "audio/"));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 1);
}

static void
test_url_audio (Fixture       *fixture,
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
  Record record;

  g_assert_nonnull (talkie_voice_get_audition_url (fixture->voice));
  audio = talkie_audio_source_new_for_uri (talkie_voice_get_audition_url (fixture->voice), &error);
  g_assert_no_error (error);

  job = new_job (fixture, audio);
  record_init (&record, job);
  talkie_render_job_start (job);
  wait_until_final (job);

  assert_states (&record, expected, G_N_ELEMENTS (expected));
  g_assert_nonnull (talkie_render_job_get_video_url (job));
  /* No upload for a URL. */
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 0);

  g_object_get (job, "audio-uri", &audio_uri, NULL);
  g_assert_cmpstr (audio_uri, ==, talkie_voice_get_audition_url (fixture->voice));
  g_free (audio_uri);

  record_clear (&record, job);
}

/* A probed source goes straight to the upload. */
static void
test_probed_skips_probe (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const TalkieJobState expected[] = {
    TALKIE_JOB_STATE_UPLOADING,
    TALKIE_JOB_STATE_SUBMITTING,
    TALKIE_JOB_STATE_RENDERING,
    TALKIE_JOB_STATE_SUCCEEDED,
  };
  Record record;

  talkie_audio_source_probe_async (audio, NULL, talkie_test_result_cb, &result);
  g_assert_true (talkie_audio_source_probe_finish (audio, talkie_test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  job = new_job (fixture, audio);
  record_init (&record, job);
  talkie_render_job_start (job);
  wait_until_final (job);

  assert_states (&record, expected, G_N_ELEMENTS (expected));
  record_clear (&record, job);
}

static void
test_not_audio (Fixture       *fixture,
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
  job = new_job (fixture, audio);
  talkie_render_job_start (job);
  wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_error ((GError *) talkie_render_job_get_error (job), TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
  g_assert_cmpstr (talkie_render_job_get_error_message (job), ==, talkie_render_job_get_error (job)->message);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 0);
}

/* --- failures --------------------------------------------------------------- */

static void
test_render_fails (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = new_job (fixture, audio);
  TalkieProject *project;
  const char *reason;
  Record record;

  talkie_sandbox_set_fault (fixture->sandbox, "/open/render/talking_avatar",
                            TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 1);

  record_init (&record, job);
  talkie_render_job_start (job);
  wait_until_final (job);

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

  record_clear (&record, job);
}

/* Runs a job on the local recording, to the end, with HTTP 500 on @path for @times requests (0: all). */
static TalkieRenderJob *
run_with_http_500 (Fixture    *fixture,
                   const char *path,
                   guint       times)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  TalkieRenderJob *job = new_job (fixture, audio);

  talkie_sandbox_set_fault (fixture->sandbox, path, TALKIE_SANDBOX_FAULT_HTTP_500, 0, times);

  talkie_render_job_start (job);
  wait_until_final (job);

  return job;
}

static void
test_poll_500_retried (Fixture       *fixture,
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
test_upload_500_retried (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TalkieRenderJob) job = run_with_http_500 (fixture, "/upload/", 1);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 2);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/render/talking_avatar"), ==, 1);
}

/* An upload that keeps failing ends the job, after three tries. */
static void
test_upload_500_gives_up (Fixture       *fixture,
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
test_poll_500_gives_up (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = new_job (fixture, audio);
  Record record;

  talkie_sandbox_set_fault (fixture->sandbox, "/v1/project", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);

  record_init (&record, job);
  talkie_render_job_start (job);
  wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_true (talkie_error_is_transient (talkie_render_job_get_error (job)));
  g_assert_cmpstr (talkie_render_job_get_error_message (job), ==, talkie_render_job_get_error (job)->message);
  g_test_message ("gave up: %s", talkie_render_job_get_error_message (job));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/project"), ==, 10);
  /* The render itself was accepted: its id stays for later. */
  g_assert_nonnull (talkie_render_job_get_project_id (job));

  record_clear (&record, job);
}

static void
assert_create_fails (Fixture        *fixture,
                     TalkieApiError  code)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = new_job (fixture, audio);
  Record record;

  talkie_sandbox_set_fault (fixture->sandbox, "/open/render/talking_avatar",
                            TALKIE_SANDBOX_FAULT_API_CODE, code, 1);

  record_init (&record, job);
  talkie_render_job_start (job);
  wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_error ((GError *) talkie_render_job_get_error (job), TALKIE_API_ERROR, (int) code);
  g_assert_cmpstr (talkie_render_job_get_error_message (job), ==, talkie_render_job_get_error (job)->message);
  g_assert_cmpstr (talkie_render_job_get_error_message (job), !=, "");
  g_test_message ("%d: %s", code, talkie_render_job_get_error_message (job));
  g_assert_null (talkie_render_job_get_project_id (job));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/project"), ==, 0);

  record_clear (&record, job);
}

static void
test_create_invalid_key (Fixture       *fixture,
                         gconstpointer  user_data)
{
  assert_create_fails (fixture, TALKIE_API_ERROR_INVALID_KEY);
}

static void
test_create_no_credit (Fixture       *fixture,
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
test_cancel_mid_upload (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  TalkieRenderJob *job = new_job (fixture, audio);
  Record record;

  /* The signed-URL PUT answers late: the upload is in flight when it is cancelled. */
  talkie_sandbox_set_fault (fixture->sandbox, "/upload/", TALKIE_SANDBOX_FAULT_DELAY, 1000, 1);

  record_init (&record, job);
  g_signal_connect (job, "notify::state", G_CALLBACK (cancel_when),
                    GINT_TO_POINTER (TALKIE_JOB_STATE_UPLOADING));
  talkie_render_job_start (job);
  wait_until_final (job);

  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_CANCELLED);
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_null (talkie_render_job_get_project_id (job));
  g_assert_null (talkie_render_job_get_error_message (job));

  /* The cancelled upload lands without waking the job up again. */
  talkie_test_wait_ms (1200);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_CANCELLED);
  g_assert_cmpuint (record.finished, ==, 1);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/render/talking_avatar"), ==, 0);

  record_clear (&record, job);
  g_signal_handlers_disconnect_by_func (job, cancel_when, GINT_TO_POINTER (TALKIE_JOB_STATE_UPLOADING));

  /* Nothing keeps a cancelled job alive. */
  g_object_add_weak_pointer (G_OBJECT (job), (gpointer *) &job);
  g_object_unref (job);
  g_assert_null (job);
}

static void
test_cancel_mid_poll (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = new_job (fixture, audio);
  g_autofree char *project_id = NULL;
  guint polls;
  Record record;

  record_init (&record, job);
  g_signal_connect (job, "notify::project", G_CALLBACK (cancel_when),
                    GINT_TO_POINTER (TALKIE_JOB_STATE_RENDERING));
  talkie_render_job_start (job);
  wait_until_final (job);

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

  record_clear (&record, job);
}

/* A job dropped mid-poll goes away at once and polls no more. */
static void
test_drop_mid_poll (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  TalkieRenderJob *job = new_job (fixture, audio);
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

/* --- JSON ------------------------------------------------------------------- */

static void
assert_same_job (TalkieRenderJob *a,
                 TalkieRenderJob *b)
{
  static const char * const strings[] = {
    "project-id", "error-message", "video-url", "avatar-name", "avatar-cover-url",
    "voice-id", "voice-name", "audio-name", "audio-uri",
  };
  static const char * const numbers[] = {
    "avatar-id", "created-at",
  };
  static const char * const enums[] = {
    "avatar-source", "aspect-ratio", "screen-style", "subtitles",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *va = NULL;
      g_autofree char *vb = NULL;

      g_object_get (a, strings[i], &va, NULL);
      g_object_get (b, strings[i], &vb, NULL);
      g_assert_cmpstr (va, ==, vb);
    }

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      gint64 va, vb;

      g_object_get (a, numbers[i], &va, NULL);
      g_object_get (b, numbers[i], &vb, NULL);
      g_assert_cmpint (va, ==, vb);
    }

  /* Enums and booleans are ints. */
  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      int va, vb;

      g_object_get (a, enums[i], &va, NULL);
      g_object_get (b, enums[i], &vb, NULL);
      g_assert_cmpint (va, ==, vb);
    }

  {
    double da, db;

    g_object_get (a, "audio-duration", &da, NULL);
    g_object_get (b, "audio-duration", &db, NULL);
    g_assert_cmpfloat (da, ==, db);
  }
}

static char *
to_json_string (TalkieRenderJob *job)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, talkie_render_job_to_json (job));

  return json_to_string (node, FALSE);
}

static TalkieRenderJob *
from_json_string (TalkieClient  *client,
                  const char    *json,
                  GError       **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return talkie_render_job_new_from_json (client, json_node_get_object (node), error);
}

static void
test_json_round_trip (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = new_job (fixture, audio);
  g_autoptr(TalkieRenderJob) copy = NULL;
  g_autoptr(TalkieRenderJob) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  talkie_render_job_start (job);
  wait_until_final (job);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);

  json = to_json_string (job);
  g_test_message ("%s", json);
  g_assert_nonnull (strstr (json, "\"version\":1"));
  /* The key never goes into the file. */
  g_assert_null (strstr (json, talkie_sandbox_get_api_key (fixture->sandbox)));

  copy = from_json_string (fixture->client, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (talkie_render_job_get_state (copy), ==, TALKIE_JOB_STATE_SUCCEEDED);
  assert_same_job (job, copy);
  g_assert_cmpstr (talkie_render_job_get_video_url (copy), ==, talkie_render_job_get_video_url (job));

  json_again = to_json_string (copy);
  g_assert_cmpstr (json_again, ==, json);

  /* The last status seen comes back too. */
  g_assert_nonnull (talkie_render_job_get_project (copy));
  g_assert_cmpint (talkie_project_get_status (talkie_render_job_get_project (copy)), ==, TALKIE_PROJECT_STATUS_SUCCESS);
  g_assert_cmpstr (talkie_project_get_video_url (talkie_render_job_get_project (copy)), ==,
                   talkie_project_get_video_url (talkie_render_job_get_project (job)));
  g_assert_cmpstr (talkie_project_get_title (talkie_render_job_get_project (copy)), ==,
                   talkie_project_get_title (talkie_render_job_get_project (job)));

  /* A FAILED job keeps its reason and its error. */
  talkie_sandbox_set_fault (fixture->sandbox, "/open/render/talking_avatar",
                            TALKIE_SANDBOX_FAULT_API_CODE, TALKIE_API_ERROR_INSUFFICIENT_CREDIT, 1);
  g_clear_object (&job);
  job = new_job (fixture, audio);
  talkie_render_job_start (job);
  wait_until_final (job);
  g_clear_pointer (&json, g_free);
  json = to_json_string (job);
  failed = from_json_string (fixture->client, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (talkie_render_job_get_state (failed), ==, TALKIE_JOB_STATE_FAILED);
  assert_same_job (job, failed);
  g_assert_error ((GError *) talkie_render_job_get_error (failed), TALKIE_API_ERROR, TALKIE_API_ERROR_INSUFFICIENT_CREDIT);
}

static void
test_json_restore (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GError) error = NULL;
  static const char *not_jobs[] = {
    "{}",
    "{\"version\":2,\"state\":\"new\"}",
    "{\"version\":\"1\",\"state\":\"new\"}",
    "{\"version\":1}",
    "{\"version\":1,\"state\":\"exploded\"}",
    "{\"version\":1,\"state\":\"rendering\",\"project_id\":42}",
    "{\"version\":1,\"state\":\"succeeded\",\"avatar\":[]}",
    "{\"version\":1,\"state\":\"succeeded\",\"options\":{\"aspect_ratio\":7}}",
    "{\"version\":1,\"state\":\"succeeded\",\"audio\":{\"duration\":\"long\"}}",
    "{\"version\":1,\"state\":\"succeeded\",\"project\":{\"id\":\"p\",\"status\":6}}",
    "{\"version\":1,\"state\":\"succeeded\",\"project\":{\"status\":4}}",
  };
  Record record;

  /* Quit mid-upload: no project id, so nothing to resume; said, not lost. */
  job = from_json_string (fixture->client,
                          "{\"version\":1,\"created_at\":1732806631,\"state\":\"uploading\","
                          "\"avatar\":{\"id\":81,\"name\":\"Amanda outdoors\",\"source\":0},"
                          "\"voice\":{\"id\":\"v1\",\"name\":\"Emily\"},"
                          "\"audio\":{\"name\":\"voice.mp3\",\"uri\":\"file:///tmp/voice.mp3\",\"duration\":3.5}}",
                          &error);
  g_assert_no_error (error);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_cmpstr (talkie_render_job_get_error_message (job), ==,
                   "Interrupted before the render was accepted. Start it again.");
  g_assert_cmpstr (talkie_render_job_get_avatar_name (job), ==, "Amanda outdoors");
  g_assert_cmpstr (talkie_render_job_get_voice_name (job), ==, "Emily");
  g_assert_cmpstr (talkie_render_job_get_audio_name (job), ==, "voice.mp3");
  g_assert_cmpint (talkie_render_job_get_created_at (job), ==, 1732806631);
  talkie_render_job_start (job);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_clear_object (&job);

  /* A render the server has: comes back RENDERING and polls to the end. An
   * unknown member from a later version is ignored. */
  {
    g_autoptr(TalkieAudioSource) audio = local_voice (fixture);
    g_autoptr(TalkieRenderJob) original = new_job (fixture, audio);
    g_autoptr(JsonObject) saved = NULL;
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
    g_autofree char *json = NULL;

    talkie_render_job_start (original);
    while (talkie_render_job_get_project_id (original) == NULL)
      g_main_context_iteration (NULL, TRUE);
    saved = talkie_render_job_to_json (original);
    json_object_set_string_member (saved, "future", "ignored");
    json_node_set_object (node, saved);
    json = json_to_string (node, FALSE);
    talkie_render_job_cancel (original);

    job = from_json_string (fixture->client, json, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_RENDERING);
  g_assert_nonnull (talkie_render_job_get_project_id (job));
  talkie_render_job_set_poll_interval (job, MIN_POLL_MS, MAX_POLL_MS);
  record_init (&record, job);
  talkie_render_job_start (job);
  wait_until_final (job);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (record.states->len, ==, 1);
  g_assert_nonnull (talkie_render_job_get_video_url (job));
  record_clear (&record, job);
  g_clear_object (&job);

  for (guint i = 0; i < G_N_ELEMENTS (not_jobs); i++)
    {
      job = from_json_string (fixture->client, not_jobs[i], &error);
      g_assert_null (job);
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
      g_clear_error (&error);
    }
}

/* --- polling arithmetic ----------------------------------------------------- */

static void
test_backoff (void)
{
  static const guint expected[] = { 3000, 4500, 6750, 10125, 15187, 22780, 30000, 30000 };
  guint interval = 3000;

  for (guint i = 1; i < G_N_ELEMENTS (expected); i++)
    {
      interval = _talkie_render_job_next_poll_interval (interval, 3000, 30000);
      g_assert_cmpuint (interval, >=, expected[i] - 1);
      g_assert_cmpuint (interval, <=, expected[i] + 1);
    }

  /* Never below the minimum, even from a smaller start. */
  g_assert_cmpuint (_talkie_render_job_next_poll_interval (10, 50, 200), ==, 50);
  g_assert_cmpuint (_talkie_render_job_next_poll_interval (190, 50, 200), ==, 200);

  g_assert_cmpuint (_talkie_render_job_jitter (1000, -1.0), ==, 800);
  g_assert_cmpuint (_talkie_render_job_jitter (1000, 0.0), ==, 1000);
  g_assert_cmpuint (_talkie_render_job_jitter (1000, 1.0), ==, 1200);
  g_assert_cmpuint (_talkie_render_job_jitter (1000, 5.0), ==, 1200);
  g_assert_cmpuint (_talkie_render_job_jitter (30000, -0.5), ==, 27000);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render-job/backoff", test_backoff);

#define ADD(path, func) \
  g_test_add ("/core/render-job/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("local-file", test_local_file);
  ADD ("audio-only-webm", test_audio_only_webm);
  ADD ("url-audio", test_url_audio);
  ADD ("probed-skips-probe", test_probed_skips_probe);
  ADD ("not-audio", test_not_audio);
  ADD ("render-fails", test_render_fails);
  ADD ("poll-500-retried", test_poll_500_retried);
  ADD ("poll-500-gives-up", test_poll_500_gives_up);
  ADD ("upload-500-retried", test_upload_500_retried);
  ADD ("upload-500-gives-up", test_upload_500_gives_up);
  ADD ("create/invalid-key", test_create_invalid_key);
  ADD ("create/no-credit", test_create_no_credit);
  ADD ("cancel/mid-upload", test_cancel_mid_upload);
  ADD ("cancel/mid-poll", test_cancel_mid_poll);
  ADD ("drop-mid-poll", test_drop_mid_poll);
  ADD ("json/round-trip", test_json_round_trip);
  ADD ("json/restore", test_json_restore);

#undef ADD

  return g_test_run ();
}
