/* test-history.c: TalkieHistory saves every render atomically, survives a corrupt
 * file, and resumes a render that was mid-poll when everything went away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-audio-source.h"
#include "talkie-avatar.h"
#include "talkie-client.h"
#include "talkie-error.h"
#include "talkie-history.h"
#include "talkie-render-job.h"
#include "talkie-sandbox.h"
#include "talkie-voice.h"

#include "talkie-test-client-utils.h"

#define STEP_MS      150
#define MIN_POLL_MS  50
#define MAX_POLL_MS  200

typedef struct
{
  char          *dir;
  char          *voice_path;
  char          *history_path;
  GFile         *history_file;
  TalkieSandbox *sandbox;
  TalkieClient  *client;
  TalkieAvatar  *avatar;
  TalkieVoice   *voice;
} Fixture;

/* --- helpers ---------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = talkie_test_make_tmp_dir ("test-history-XXXXXX");
  fixture->voice_path = g_build_filename (fixture->dir, "voice.wav", NULL);
  talkie_test_make_tone (fixture->voice_path, 87, "wavenc");
  fixture->history_path = g_build_filename (fixture->dir, "state", "history.json", NULL);
  fixture->history_file = g_file_new_for_path (fixture->history_path);

  fixture->sandbox = talkie_test_start_sandbox ("step-ms", STEP_MS, NULL);
  fixture->client = talkie_test_client_new_for_sandbox (fixture->sandbox);
  fixture->avatar = talkie_test_get_avatar (fixture->client, TALKIE_ASPECT_RATIO_PORTRAIT, 1);
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
  g_clear_pointer (&fixture->history_path, g_free);
  g_clear_object (&fixture->history_file);
}

static TalkieRenderJob *
new_job (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->voice_path);
  g_autoptr(TalkieAudioSource) audio = talkie_audio_source_new_for_file (file);
  TalkieRenderJob *job;

  job = talkie_render_job_new (fixture->client, fixture->avatar, fixture->voice, audio, NULL);
  talkie_render_job_set_poll_interval (job, MIN_POLL_MS, MAX_POLL_MS);

  return job;
}

static TalkieRenderJob *
job_from_json (Fixture    *fixture,
               const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  TalkieRenderJob *job;

  g_assert_nonnull (node);
  job = talkie_render_job_new_from_json (fixture->client, json_node_get_object (node), &error);
  g_assert_no_error (error);

  return job;
}

static char *
job_json (TalkieRenderJob *job)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, talkie_render_job_to_json (job));

  return json_to_string (node, FALSE);
}

static void
wait_until_final (TalkieRenderJob *job)
{
  while (!talkie_job_state_is_final (talkie_render_job_get_state (job)))
    g_main_context_iteration (NULL, TRUE);
}

static guint64
inode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return (guint64) st.st_ino;
}

static char *
read_history (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (fixture->history_path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
assert_models_equal (GListModel *a,
                     GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  g_assert_true (g_list_model_get_item_type (b) == TALKIE_TYPE_RENDER_JOB);

  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(TalkieRenderJob) ja = g_list_model_get_item (a, i);
      g_autoptr(TalkieRenderJob) jb = g_list_model_get_item (b, i);
      g_autofree char *sa = job_json (ja);
      g_autofree char *sb = job_json (jb);

      g_assert_cmpstr (sa, ==, sb);
    }
}

static const char interrupted_json[] =
  "{\"version\":1,\"created_at\":1732806000,\"state\":\"uploading\","
  "\"avatar\":{\"id\":81,\"name\":\"Amanda outdoors\",\"source\":0},"
  "\"voice\":{\"id\":\"v1\",\"name\":\"Emily\"},"
  "\"audio\":{\"name\":\"old.mp3\",\"uri\":\"file:///tmp/old.mp3\",\"duration\":4}}";

static const char succeeded_json[] =
  "{\"version\":1,\"created_at\":1732806631,\"state\":\"succeeded\",\"project_id\":\"p-42\","
  "\"last_status\":4,\"status_desc\":\"success\",\"video_url\":\"https://example.com/v/p-42.mp4\","
  "\"avatar\":{\"id\":12,\"name\":\"Ben & Jerry <b>\",\"cover_url\":\"https://example.com/c.jpg\",\"source\":1},"
  "\"voice\":{\"id\":\"v2\",\"name\":\"Émile\"},"
  "\"audio\":{\"name\":\"hello — world.wav\",\"uri\":\"https://example.com/a/hello.wav\",\"duration\":6.25},"
  "\"options\":{\"aspect_ratio\":2,\"screen_style\":2,\"subtitles\":true}}";

/* --- tests ------------------------------------------------------------------ */

static void
test_default_file (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TalkieHistory) history = talkie_history_new (fixture->client, NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "talkie", "history.json", NULL);
  g_autofree char *path = g_file_get_path (talkie_history_get_file (history));
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (path, ==, expected);

  /* Nothing there yet: an empty history, not an error. */
  g_assert_true (talkie_history_load (history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
}

static void
test_add_save_reload (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(TalkieHistory) history = talkie_history_new (fixture->client, fixture->history_file);
  g_autoptr(TalkieHistory) reloaded = NULL;
  g_autoptr(TalkieRenderJob) old = job_from_json (fixture, succeeded_json);
  g_autoptr(TalkieRenderJob) interrupted = job_from_json (fixture, interrupted_json);
  g_autoptr(TalkieRenderJob) job = new_job (fixture);
  g_autoptr(TalkieRenderJob) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = g_path_get_dirname (fixture->history_path);
  g_autofree char *contents = NULL;
  guint64 inode;
  int held;

  g_assert_true (talkie_history_load (history, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (fixture->history_path, G_FILE_TEST_EXISTS));

  /* Adding writes at once, creating the folder. */
  talkie_history_add (history, old);
  g_assert_true (g_file_test (fixture->history_path, G_FILE_TEST_IS_REGULAR));
  inode = inode_of (fixture->history_path);
  /* Held open, the old file keeps its inode number: no new file can get it. */
  held = g_open (fixture->history_path, O_RDONLY, 0);
  g_assert_cmpint (held, >=, 0);

  talkie_history_add (history, interrupted);
  /* A new file took the old one's place (written aside, then renamed over it). */
  g_assert_cmpuint (inode_of (fixture->history_path), !=, inode);
  inode = inode_of (fixture->history_path);
  g_close (held, NULL);
  held = g_open (fixture->history_path, O_RDONLY, 0);
  g_assert_cmpint (held, >=, 0);
  g_assert_cmpuint (talkie_test_count_files (state_dir, NULL), ==, 1);

  /* Adding twice does nothing. */
  talkie_history_add (history, old);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);

  /* A running job is saved as it changes; newest first. */
  talkie_history_add (history, job);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_assert_true (first == job);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (history), 2);
  g_assert_true (first == old);

  talkie_render_job_start (job);
  wait_until_final (job);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  talkie_test_drain ();

  contents = read_history (fixture);
  g_assert_nonnull (strstr (contents, talkie_render_job_get_project_id (job)));
  g_assert_nonnull (strstr (contents, talkie_render_job_get_video_url (job)));
  g_assert_null (strstr (contents, talkie_sandbox_get_api_key (fixture->sandbox)));
  g_assert_cmpuint (talkie_test_count_files (state_dir, NULL), ==, 1);
  g_assert_cmpuint (inode_of (fixture->history_path), !=, inode);
  g_close (held, NULL);

  /* The same, read back by another history. */
  reloaded = talkie_history_new (fixture->client, fixture->history_file);
  g_assert_true (talkie_history_load (reloaded, &error));
  g_assert_no_error (error);
  assert_models_equal (G_LIST_MODEL (history), G_LIST_MODEL (reloaded));

  {
    g_autoptr(TalkieRenderJob) back = g_list_model_get_item (G_LIST_MODEL (reloaded), 2);

    /* Names stay plain text, whatever they hold. */
    g_assert_cmpstr (talkie_render_job_get_avatar_name (back), ==, "Ben & Jerry <b>");
    g_assert_cmpstr (talkie_render_job_get_voice_name (back), ==, "Émile");
    g_assert_cmpstr (talkie_render_job_get_video_url (back), ==, "https://example.com/v/p-42.mp4");
    g_assert_cmpint (talkie_render_job_get_state (back), ==, TALKIE_JOB_STATE_SUCCEEDED);
  }

  /* Removing saves too. */
  talkie_history_remove (history, interrupted);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
  g_assert_true (talkie_history_load (reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 2);
  assert_models_equal (G_LIST_MODEL (history), G_LIST_MODEL (reloaded));
}

typedef struct
{
  guint added;
  guint removed;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->added += added;
  changes->removed += removed;
}

static void
assert_set_aside (Fixture    *fixture,
                  const char *bad_contents)
{
  g_autoptr(TalkieHistory) history = talkie_history_new (fixture->client, fixture->history_file);
  g_autoptr(TalkieRenderJob) old = job_from_json (fixture, succeeded_json);
  g_autoptr(GError) error = NULL;
  g_autofree char *state_dir = g_path_get_dirname (fixture->history_path);
  g_autofree char *aside_path = NULL;
  g_autofree char *aside_contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  Changes changes = { 0, 0 };

  /* Something in it before: a failed load leaves it empty, and says so. */
  talkie_history_add (history, old);
  g_assert_true (g_file_test (fixture->history_path, G_FILE_TEST_IS_REGULAR));
  g_signal_connect (history, "items-changed", G_CALLBACK (on_items_changed), &changes);

  g_file_set_contents (fixture->history_path, bad_contents, -1, &error);
  g_assert_no_error (error);

  g_assert_false (talkie_history_load (history, &error));
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);

  /* Kept aside, untouched, under a name the message gives. */
  g_assert_false (g_file_test (fixture->history_path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (state_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)))
    {
      if (g_str_has_prefix (name, "history.json.corrupt-"))
        {
          g_assert_null (aside_path);
          aside_path = g_build_filename (state_dir, name, NULL);
        }
    }
  g_assert_nonnull (aside_path);
  g_assert_nonnull (strstr (error->message, aside_path));
  g_file_get_contents (aside_path, &aside_contents, NULL, NULL);
  g_assert_cmpstr (aside_contents, ==, bad_contents);
  g_clear_error (&error);

  /* And the history goes on. */
  talkie_history_add (history, old);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  g_assert_true (talkie_history_load (history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);

  g_unlink (aside_path);
  g_signal_handlers_disconnect_by_data (history, &changes);
}

static void
test_corrupt_not_json (Fixture       *fixture,
                       gconstpointer  user_data)
{
  assert_set_aside (fixture, "{\"version\":1,\"jobs\":[{\"version\":1,");
}

static void
test_corrupt_wrong_shape (Fixture       *fixture,
                          gconstpointer  user_data)
{
  assert_set_aside (fixture, "[1, 2, 3]");
}

static void
test_corrupt_no_jobs (Fixture       *fixture,
                      gconstpointer  user_data)
{
  assert_set_aside (fixture, "{\"version\":1,\"jobs\":\"none\"}");
}

static void
test_corrupt_binary (Fixture       *fixture,
                     gconstpointer  user_data)
{
  assert_set_aside (fixture, "\x89PNG\r\n\x1a\n not a history");
}

/* One bad entry is skipped with a warning; the others load. */
static void
test_bad_entry_skipped (Fixture       *fixture,
                        gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(TalkieHistory) history = talkie_history_new (fixture->client, fixture->history_file);
      g_autoptr(GError) error = NULL;
      g_autofree char *state_dir = g_path_get_dirname (fixture->history_path);
      g_autofree char *contents = NULL;

      /* The warning is what this test looks for: it must not abort here. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);

      contents = g_strdup_printf ("{\"version\":1,\"jobs\":[%s,{\"version\":1,\"state\":\"exploded\"},42,%s]}",
                                  succeeded_json, interrupted_json);
      g_mkdir_with_parents (state_dir, 0700);
      g_file_set_contents (fixture->history_path, contents, -1, &error);
      g_assert_no_error (error);

      g_assert_true (talkie_history_load (history, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
      g_print ("loaded %u\n", g_list_model_get_n_items (G_LIST_MODEL (history)));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*loaded 2*");
  g_test_trap_assert_stderr ("*Render 2 of the history was skipped*");
  g_test_trap_assert_stderr ("*Render 3 of the history was skipped*");
}

static void
test_interrupted_restored_failed (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(TalkieHistory) history = talkie_history_new (fixture->client, fixture->history_file);
  g_autoptr(TalkieHistory) reloaded = talkie_history_new (fixture->client, fixture->history_file);
  g_autoptr(TalkieRenderJob) job = new_job (fixture);
  g_autoptr(TalkieRenderJob) back = NULL;
  g_autoptr(GError) error = NULL;

  /* The app "quits" as the upload starts: the job is saved UPLOADING. */
  talkie_sandbox_set_fault (fixture->sandbox, "/upload/", TALKIE_SANDBOX_FAULT_DELAY, 5000, 1);
  talkie_history_add (history, job);
  talkie_render_job_start (job);
  while (talkie_render_job_get_state (job) != TALKIE_JOB_STATE_UPLOADING)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&job);
  g_clear_object (&history);

  g_assert_true (talkie_history_load (reloaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 1);
  back = g_list_model_get_item (G_LIST_MODEL (reloaded), 0);
  g_assert_cmpint (talkie_render_job_get_state (back), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_cmpstr (talkie_render_job_get_error_message (back), ==,
                   "Interrupted before the render was accepted. Start it again.");
  g_assert_cmpstr (talkie_render_job_get_audio_name (back), ==, "voice.wav");

  /* Nothing to resume there. */
  talkie_history_resume (reloaded);
  g_assert_cmpint (talkie_render_job_get_state (back), ==, TALKIE_JOB_STATE_FAILED);
  talkie_sandbox_clear_faults (fixture->sandbox);
}

static void
test_resume (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(TalkieHistory) history = talkie_history_new (fixture->client, fixture->history_file);
  g_autoptr(TalkieHistory) next = NULL;
  g_autoptr(TalkieRenderJob) resumed = NULL;
  g_autoptr(TalkieRenderJob) finished = job_from_json (fixture, succeeded_json);
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *contents = NULL;
  TalkieRenderJob *job = new_job (fixture);
  guint polls;

  g_assert_true (talkie_history_load (history, &error));
  g_assert_no_error (error);
  talkie_history_add (history, finished);
  talkie_history_add (history, job);
  talkie_render_job_start (job);

  /* Mid-poll: accepted, polled at least once, not done. */
  while (talkie_render_job_get_project (job) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_RENDERING);
  project_id = g_strdup (talkie_render_job_get_project_id (job));

  /* Everything goes away, as when the app quits. */
  g_object_add_weak_pointer (G_OBJECT (job), (gpointer *) &job);
  g_object_unref (job);
  g_assert_nonnull (job);  /* the history holds it */
  g_clear_object (&history);
  g_assert_null (job);

  contents = read_history (fixture);
  g_assert_nonnull (strstr (contents, project_id));
  g_assert_nonnull (strstr (contents, "\"rendering\""));

  /* Next start: load and resume. */
  next = talkie_history_new (fixture->client, fixture->history_file);
  g_assert_true (talkie_history_load (next, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (next)), ==, 2);
  resumed = g_list_model_get_item (G_LIST_MODEL (next), 0);
  g_assert_cmpstr (talkie_render_job_get_project_id (resumed), ==, project_id);
  g_assert_cmpint (talkie_render_job_get_state (resumed), ==, TALKIE_JOB_STATE_RENDERING);
  talkie_render_job_set_poll_interval (resumed, MIN_POLL_MS, MAX_POLL_MS);

  polls = talkie_sandbox_get_hits (fixture->sandbox, "/v1/project");
  talkie_history_resume (next);
  wait_until_final (resumed);

  g_assert_cmpint (talkie_render_job_get_state (resumed), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_nonnull (talkie_render_job_get_video_url (resumed));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/project"), >, polls);

  /* The finished one was left alone, and the file now says "succeeded". */
  {
    g_autoptr(TalkieRenderJob) other = g_list_model_get_item (G_LIST_MODEL (next), 1);
    g_assert_cmpstr (talkie_render_job_get_project_id (other), ==, "p-42");
    g_assert_cmpint (talkie_render_job_get_state (other), ==, TALKIE_JOB_STATE_SUCCEEDED);
  }
  talkie_test_drain ();
  g_clear_pointer (&contents, g_free);
  contents = read_history (fixture);
  g_assert_null (strstr (contents, "\"rendering\""));
  g_assert_nonnull (strstr (contents, talkie_render_job_get_video_url (resumed)));
}

static const char rendering_json[] =
  "{\"version\":1,\"created_at\":1732806700,\"state\":\"rendering\",\"project_id\":\"p-7\","
  "\"avatar\":{\"id\":3,\"name\":\"Ada\"},\"voice\":{\"id\":\"v1\",\"name\":\"Emily\"},"
  "\"audio\":{\"name\":\"take.wav\"}}";

static gboolean
holds_cb (gpointer data)
{
  gpointer *args = data;

  return (talkie_history_find (args[0], args[1]) != NULL) == GPOINTER_TO_INT (args[2]);
}

/* Two processes on one file (the app and talkie-cli), played by two
 * histories: each keeps what the other added, changed or removed, unless it
 * changed the same render itself. */
static void
test_two_writers (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(TalkieHistory) app = talkie_history_new (fixture->client, fixture->history_file);
  g_autoptr(TalkieHistory) cli = talkie_history_new (fixture->client, fixture->history_file);
  g_autoptr(TalkieHistory) after = NULL;
  g_autoptr(TalkieRenderJob) rendering = job_from_json (fixture, rendering_json);
  g_autoptr(TalkieRenderJob) succeeded = job_from_json (fixture, succeeded_json);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gpointer args[3];

  g_assert_true (talkie_history_load (app, &error));
  talkie_history_add (app, rendering);
  g_assert_true (talkie_history_load (cli, &error));
  g_assert_no_error (error);
  g_assert_nonnull (talkie_history_find (cli, "p-7"));

  /* The app ends p-7 (cancelled here: no server needed) and saves. */
  talkie_render_job_cancel (rendering);
  g_assert_true (talkie_history_save (app, &error));

  /* The CLI adds p-42: its save keeps the app's news about p-7, which it did
   * not change itself. */
  talkie_history_add (cli, succeeded);
  contents = read_history (fixture);
  g_assert_nonnull (strstr (contents, "\"p-42\""));
  g_assert_nonnull (strstr (contents, "\"p-7\""));
  g_assert_nonnull (strstr (contents, "\"cancelled\""));
  g_assert_null (strstr (contents, "\"rendering\""));

  /* The app sees p-42 without being told (its file monitor). */
  args[0] = app;
  args[1] = (gpointer) "p-42";
  args[2] = GINT_TO_POINTER (TRUE);
  g_assert_true (talkie_test_wait_until (holds_cb, args, 10));

  /* The app removes it: the CLI's next save does not bring it back, and the
   * CLI lets go of it too. */
  talkie_history_remove (app, talkie_history_find (app, "p-42"));
  g_assert_true (talkie_history_save (cli, &error));
  g_assert_no_error (error);
  g_assert_null (talkie_history_find (cli, "p-42"));
  g_clear_pointer (&contents, g_free);
  contents = read_history (fixture);
  g_assert_null (strstr (contents, "\"p-42\""));

  after = talkie_history_new (fixture->client, fixture->history_file);
  g_assert_true (talkie_history_load (after, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (after)), ==, 1);
  g_assert_cmpint (talkie_render_job_get_state (talkie_history_find (after, "p-7")), ==,
                   TALKIE_JOB_STATE_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("default-file", test_default_file);
  ADD ("add-save-reload", test_add_save_reload);
  ADD ("corrupt/not-json", test_corrupt_not_json);
  ADD ("corrupt/wrong-shape", test_corrupt_wrong_shape);
  ADD ("corrupt/no-jobs", test_corrupt_no_jobs);
  ADD ("corrupt/binary", test_corrupt_binary);
  ADD ("bad-entry-skipped", test_bad_entry_skipped);
  ADD ("interrupted", test_interrupted_restored_failed);
  ADD ("resume", test_resume);
  ADD ("two-writers", test_two_writers);

#undef ADD

  return g_test_run ();
}
