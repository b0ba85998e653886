/* test-render-job-json.c: TalkieRenderJob to JSON and back (the history's
 * entries), restoring jobs the way the history does, and the polling
 * arithmetic.
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
test_json_round_trip (RenderJobFixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
  g_autoptr(TalkieRenderJob) job = render_job_new (fixture, audio);
  g_autoptr(TalkieRenderJob) copy = NULL;
  g_autoptr(TalkieRenderJob) failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  talkie_render_job_start (job);
  render_job_wait_until_final (job);
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
  job = render_job_new (fixture, audio);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);
  g_clear_pointer (&json, g_free);
  json = to_json_string (job);
  failed = from_json_string (fixture->client, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (talkie_render_job_get_state (failed), ==, TALKIE_JOB_STATE_FAILED);
  assert_same_job (job, failed);
  g_assert_error ((GError *) talkie_render_job_get_error (failed), TALKIE_API_ERROR, TALKIE_API_ERROR_INSUFFICIENT_CREDIT);
}

static void
test_json_restore (RenderJobFixture       *fixture,
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
  RenderJobRecord record;

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
    g_autoptr(TalkieAudioSource) audio = render_job_local_voice (fixture);
    g_autoptr(TalkieRenderJob) original = render_job_new (fixture, audio);
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
  render_job_record_init (&record, job);
  talkie_render_job_start (job);
  render_job_wait_until_final (job);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (record.states->len, ==, 1);
  g_assert_nonnull (talkie_render_job_get_video_url (job));
  render_job_record_clear (&record, job);
  g_clear_object (&job);

  for (guint i = 0; i < G_N_ELEMENTS (not_jobs); i++)
    {
      job = from_json_string (fixture->client, not_jobs[i], &error);
      g_assert_null (job);
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
      g_clear_error (&error);
    }
}

/* A history read first thing in a process (talkie-cli loads it before any
 * API call): a saved error in Talkie's own domain is made after the domain's
 * registration, so that it is freed with the size it was made with. Under
 * build-aux/talkie-sanitize the unref below overran the error before. */
static void
test_json_error_domain_first (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(TalkieClient) client = NULL;
      g_autoptr(GError) error = NULL;
      TalkieRenderJob *job;

      client = talkie_client_new ("a-key-for-nobody", "http://127.0.0.1:9", &error);
      g_assert_no_error (error);
      job = from_json_string (client,
                              "{\"version\":1,\"created_at\":1732806631,\"state\":\"failed\","
                              "\"error_message\":\"No credit left.\","
                              "\"error\":{\"domain\":\"TalkieApiError\",\"code\":2}}",
                              &error);
      g_assert_no_error (error);
      g_assert_error ((GError *) talkie_render_job_get_error (job), TALKIE_API_ERROR, 2);
      g_object_unref (job);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
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
  g_test_add_func ("/core/render-job/json/error-domain-first", test_json_error_domain_first);

  RENDER_JOB_ADD ("json/round-trip", test_json_round_trip);
  RENDER_JOB_ADD ("json/restore", test_json_restore);

  return g_test_run ();
}
