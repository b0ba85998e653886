/* test-cli-history.c: talkie-cli end to end against the sandbox: renders go
 * into the history the app shows, “renders” lists it, “status --wait”
 * follows a render, “download” saves one, and a failed render is a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <string.h>

#include <glib/gstdio.h>

#include "cli-test-util.h"

static char *
history_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "talkie", "history.json", NULL);
}

/* A render without --wait: its id, at once. */
static char *
start_render (const char *avatar,
              const char *voice)
{
  g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                                            "--audio", cli_world.audio_path);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpuint (count_lines (run->out), ==, 1);

  return g_strstrip (g_strdup (run->out));
}

/* The object of @project_id in “renders --json”, or NULL. */
static JsonObject *
listed_render (JsonNode   *list,
               const char *project_id)
{
  JsonArray *array = json_node_get_array (list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      check_project_json (object);
      if (g_strcmp0 (json_object_get_string_member (object, "id"), project_id) == 0)
        return object;
    }

  return NULL;
}

static void
test_render_in_history (void)
{
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *path = history_path ();
  g_autofree char *contents = NULL;
  g_autofree char *output = g_build_filename (cli_world.workdir, "from-history.video", NULL);
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) followed = NULL;
  JsonObject *object;

  external_ids (&avatar, &voice);
  project_id = start_render (avatar, voice);

  /* In the file the app reads, under its id. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, project_id));

  /* renders --json: the same object as status, and what the render was. */
  {
    g_autoptr(CliRun) run = run_cli_external ("renders", "--json");

    g_assert_cmpint (run->status, ==, 0);
    list = parse_json (run->out);
    object = listed_render (list, project_id);
    g_assert_nonnull (object);
    g_assert_nonnull (json_object_get_string_member (object, "state"));
    g_assert_nonnull (json_object_get_string_member (object, "avatar"));
    g_assert_cmpstr (json_object_get_string_member (object, "audio"), ==, "voice.wav");
  }

  /* status --wait follows it to its end, and the history learns the end. */
  {
    g_autoptr(CliRun) run = run_cli_external ("status", project_id, "--wait", "--json");

    g_assert_cmpint (run->status, ==, 0);
    followed = parse_json (run->out);
    object = json_node_get_object (followed);
    check_project_json (object);
    g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, project_id);
    g_assert_cmpint (json_object_get_int_member (object, "status_code"), ==, TALKIE_PROJECT_STATUS_SUCCESS);
    g_assert_nonnull (json_object_get_string_member (object, "video_url"));
  }
  {
    g_autoptr(CliRun) run = run_cli_external ("renders");

    g_assert_cmpint (run->status, ==, 0);
    g_assert_true (g_str_has_prefix (run->out, "ID"));
    g_assert_nonnull (strstr (run->out, project_id));
    g_assert_nonnull (strstr (run->out, "succeeded"));
  }

  /* download saves it; a second time only with --force. */
  {
    g_autoptr(CliRun) run = run_cli_external ("download", project_id, "-o", output);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, output));
    assert_video_with_sound (output);
  }
  {
    g_autoptr(CliRun) again = run_cli_external ("download", project_id, "-o", output);
    g_autoptr(CliRun) forced = run_cli_external ("download", project_id, "-o", output, "--force", "--json");
    g_autoptr(JsonNode) node = NULL;

    g_assert_cmpint (again->status, ==, 2);
    g_assert_nonnull (strstr (again->err, "--force"));
    g_assert_cmpint (forced->status, ==, 0);
    node = parse_json (forced->out);
    check_project_json (json_node_get_object (node));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "output"), ==, output);
  }

  /* Without -o: named after the project, in the current folder. */
  {
    g_autofree char *here = g_get_current_dir ();
    g_autoptr(CliRun) run = NULL;
    g_autofree char *named = NULL;

    g_assert_no_errno (g_chdir (cli_world.workdir));
    run = run_cli_external ("download", project_id, "--quiet");
    g_assert_no_errno (g_chdir (here));

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpstr (run->err, ==, "");
    named = g_strdup_printf ("%s/%s.webm", cli_world.workdir, project_id);
    assert_video_with_sound (named);
  }
}

static void
test_failed_render (void)
{
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *project_id = NULL;

  external_ids (&avatar, &voice);

  talkie_sandbox_set_fault (cli_world.sandbox, "/open/render/talking_avatar",
                            TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 0);
  project_id = start_render (avatar, voice);
  talkie_sandbox_clear_faults (cli_world.sandbox);

  /* status --wait follows it to its end: exit 1, the reason on stderr. */
  {
    g_autoptr(CliRun) run = run_cli_external ("status", project_id, "--wait", "--json");
    g_autoptr(JsonNode) node = NULL;

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "could not be animated"));
    node = parse_json (run->out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (node), "status_code"),
                     ==, TALKIE_PROJECT_STATUS_FAILED);
  }

  /* Then status says the same: exit 1, the service's reason on stderr, the project on stdout. */
  {
    g_autoptr(CliRun) run = run_cli_external ("status", project_id);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "could not be animated"));
    g_assert_nonnull (strstr (run->out, project_id));
  }
  {
    g_autoptr(CliRun) run = run_cli_external ("status", project_id, "--json");
    g_autoptr(JsonNode) node = NULL;
    JsonObject *object;

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    node = parse_json (run->out);
    object = json_node_get_object (node);
    check_project_json (object);
    g_assert_cmpint (json_object_get_int_member (object, "status_code"), ==, TALKIE_PROJECT_STATUS_FAILED);
    g_assert_nonnull (strstr (json_object_get_string_member (object, "error"), "could not be animated"));
  }

  /* Nothing to download, and nothing written. */
  {
    g_autofree char *output = g_build_filename (cli_world.workdir, "failed.video", NULL);
    g_autoptr(CliRun) run = run_cli_external ("download", project_id, "-o", output);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "could not be animated"));
    g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  }

  /* renders says so too. */
  {
    g_autoptr(CliRun) run = run_cli_external ("renders", "--json");
    g_autoptr(JsonNode) list = NULL;
    JsonObject *object;

    g_assert_cmpint (run->status, ==, 0);
    list = parse_json (run->out);
    object = listed_render (list, project_id);
    g_assert_nonnull (object);
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "failed");
    g_assert_nonnull (json_object_get_string_member (object, "error"));
  }
}

static void
test_unknown_ids (void)
{
  {
    g_autoptr(CliRun) run = run_cli_external ("download", "no-such-project-77");

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "no-such-project-77"));
    g_assert_cmpstr (run->out, ==, "");
  }
  {
    g_autoptr(CliRun) run = run_cli_external ("status", "no-such-project-78", "--wait");

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_cmpstr (run->out, ==, "");
  }
  {
    /* Not an id at all: never a file name with a slash. */
    g_autoptr(CliRun) run = run_cli_external ("download", "../../etc/passwd");

    g_assert_cmpint (run->status, ==, 2);
    g_assert_cmpstr (run->out, ==, "");
  }
  {
    g_autoptr(CliRun) run = run_cli ("--sandbox", "renders");

    g_assert_cmpint (run->status, ==, 2);
  }
}

static gboolean
history_has_cb (gpointer data)
{
  gpointer *args = data;

  return talkie_history_find (args[0], args[1]) != NULL;
}

/* Two writers: a history held open here (as the app holds it) sees a render
 * talkie-cli adds, and its own save keeps it. */
static void
test_two_writers (void)
{
  g_autoptr(TalkieClient) client = talkie_test_client_new_for_sandbox (cli_world.sandbox);
  g_autoptr(TalkieHistory) history = talkie_history_new (client, NULL);
  g_autoptr(TalkieHistory) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *project_id = NULL;
  gpointer args[2];

  talkie_history_load (history, &error);
  g_assert_no_error (error);

  external_ids (&avatar, &voice);
  project_id = start_render (avatar, voice);

  args[0] = history;
  args[1] = project_id;
  g_assert_true (talkie_test_wait_until (history_has_cb, args, 20));

  /* Saved here (as the app does with each change): the CLI's render stays. */
  talkie_history_save (history, &error);
  g_assert_no_error (error);
  reread = talkie_history_new (client, NULL);
  talkie_history_load (reread, &error);
  g_assert_no_error (error);
  g_assert_nonnull (talkie_history_find (reread, project_id));

  /* Removed here: not merged back from the file. */
  talkie_history_remove (history, talkie_history_find (history, project_id));
  {
    g_autoptr(CliRun) run = run_cli_external ("renders", "--json");
    g_autoptr(JsonNode) list = NULL;

    g_assert_cmpint (run->status, ==, 0);
    list = parse_json (run->out);
    g_assert_null (listed_render (list, project_id));
  }
}

typedef struct
{
  guint  pending;
  char  *out[4];
} Parallel;

static void
parallel_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("parallel render: %s%s", *out, err);
}

static gboolean
all_done_cb (gpointer data)
{
  Parallel *parallel = data;

  for (guint i = 0; i < G_N_ELEMENTS (parallel->out); i++)
    if (parallel->out[i] == NULL)
      return FALSE;

  return TRUE;
}

/* Four talkie-cli renders at once write the one file: none is lost (each
 * reads, merges and writes under the file's lock). */
static void
test_parallel_renders (void)
{
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autoptr(GPtrArray) processes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CliRun) listed = NULL;
  g_autoptr(JsonNode) list = NULL;
  Parallel parallel = { 0 };

  external_ids (&avatar, &voice);

  for (guint i = 0; i < G_N_ELEMENTS (parallel.out); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GError) error = NULL;
      GSubprocess *process;

      g_subprocess_launcher_setenv (launcher, "TALKIE_API_KEY", TEST_KEY, TRUE);
      g_subprocess_launcher_setenv (launcher, "TALKIE_BASE_URL", talkie_sandbox_get_base_url (cli_world.sandbox), TRUE);
      g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, cli_world.cli_path, "render",
                                             "--avatar", avatar, "--voice", voice,
                                             "--audio", cli_world.audio_path, NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8_async (process, NULL, NULL, parallel_done_cb, &parallel.out[i]);
      g_ptr_array_add (processes, process);
    }

  /* This process's sandbox answers them meanwhile. */
  g_assert_true (talkie_test_wait_until (all_done_cb, &parallel, 60));
  for (guint i = 0; i < processes->len; i++)
    {
      g_subprocess_wait (g_ptr_array_index (processes, i), NULL, NULL);
      g_assert_true (g_subprocess_get_successful (g_ptr_array_index (processes, i)));
    }

  listed = run_cli_external ("renders", "--json");
  g_assert_cmpint (listed->status, ==, 0);
  list = parse_json (listed->out);
  for (guint i = 0; i < G_N_ELEMENTS (parallel.out); i++)
    {
      g_strstrip (parallel.out[i]);
      g_assert_cmpstr (parallel.out[i], !=, "");
      g_assert_nonnull (listed_render (list, parallel.out[i]));
      g_free (parallel.out[i]);
    }
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/history/render-in-history", test_render_in_history);
  g_test_add_func ("/cli/history/failed-render", test_failed_render);
  g_test_add_func ("/cli/history/unknown-ids", test_unknown_ids);
  g_test_add_func ("/cli/history/two-writers", test_two_writers);
  g_test_add_func ("/cli/history/parallel-renders", test_parallel_renders);

  return cli_test_run ();
}
