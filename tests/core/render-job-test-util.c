/* render-job-test-util.c: the render-job tests' fixture and state record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "talkie-test-client-utils.h"
#include "render-job-test-util.h"

void
render_job_fixture_set_up (RenderJobFixture       *fixture,
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

void
render_job_fixture_tear_down (RenderJobFixture       *fixture,
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

TalkieAudioSource *
render_job_local_voice (RenderJobFixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->voice_path);

  return talkie_audio_source_new_for_file (file);
}

TalkieRenderJob *
render_job_new (RenderJobFixture           *fixture,
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


static void
record_state_cb (TalkieRenderJob *job,
          GParamSpec      *pspec,
          RenderJobRecord          *record)
{
  TalkieJobState state = talkie_render_job_get_state (job);

  g_array_append_val (record->states, state);
}

static void
record_progress_cb (TalkieRenderJob *job,
             GParamSpec      *pspec,
             RenderJobRecord          *record)
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
record_bytes_sent_cb (TalkieRenderJob *job,
               GParamSpec      *pspec,
               RenderJobRecord          *record)
{
  gint64 sent = 0;

  g_object_get (job, "bytes-sent", &sent, NULL);
  g_assert_cmpint (sent, >=, record->last_bytes_sent);
  record->last_bytes_sent = sent;
}

static void
record_finished_cb (TalkieRenderJob *job,
             RenderJobRecord          *record)
{
  g_assert_true (talkie_job_state_is_final (talkie_render_job_get_state (job)));
  record->finished++;
  g_main_context_wakeup (NULL);
}

void
render_job_record_init (RenderJobRecord          *record,
             TalkieRenderJob *job)
{
  record->states = g_array_new (FALSE, FALSE, sizeof (TalkieJobState));
  record->finished = 0;
  record->max_progress = 0;
  record->last_bytes_sent = 0;
  g_signal_connect (job, "notify::state", G_CALLBACK (record_state_cb), record);
  g_signal_connect (job, "notify::progress", G_CALLBACK (record_progress_cb), record);
  g_signal_connect (job, "notify::bytes-sent", G_CALLBACK (record_bytes_sent_cb), record);
  g_signal_connect (job, "finished", G_CALLBACK (record_finished_cb), record);
}

void
render_job_record_clear (RenderJobRecord          *record,
              TalkieRenderJob *job)
{
  g_signal_handlers_disconnect_by_data (job, record);
  g_clear_pointer (&record->states, g_array_unref);
}

void
render_job_wait_until_final (TalkieRenderJob *job)
{
  while (!talkie_job_state_is_final (talkie_render_job_get_state (job)))
    g_main_context_iteration (NULL, TRUE);
}

void
render_job_assert_states (RenderJobRecord               *record,
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
