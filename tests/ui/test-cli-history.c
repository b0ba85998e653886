/* test-cli-history.c: a render started with talkie-cli appears on the app's
 * Renders page while the app runs, and the app follows it to its end — the
 * real app under Xvfb, the real talkie-cli as a subprocess, one sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>

#include "talkie-renders-page.h"

#include "talkie-test-window-world.h"

typedef struct
{
  GMainLoop *loop;
  char      *out;
  char      *err;
  GError    *error;
} CliRun;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CliRun *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        &run->out, &run->err, &run->error);
  g_main_loop_quit (run->loop);
}

/* talkie-cli render, with the app's main loop running meanwhile: the
 * sandbox of this process answers it, the window keeps drawing. Gives the
 * project id it printed. */
static char *
cli_render (const char *avatar_id,
            const char *voice_id,
            const char *audio_path)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "talkie-cli", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  CliRun run = { 0 };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The same XDG_DATA_HOME as the app: the test world's. */
  g_subprocess_launcher_setenv (launcher, "TALKIE_BASE_URL", talkie_sandbox_get_base_url (world.sandbox), TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_API_KEY", talkie_sandbox_get_api_key (world.sandbox), TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  subprocess = g_subprocess_launcher_spawn (launcher, &error, cli, "render",
                                            "--avatar", avatar_id, "--voice", voice_id,
                                            "--audio", audio_path, NULL);
  g_assert_no_error (error);

  run.loop = g_main_loop_new (NULL, FALSE);
  g_subprocess_communicate_utf8_async (subprocess, NULL, NULL, communicated_cb, &run);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  g_assert_no_error (run.error);
  g_subprocess_wait (subprocess, NULL, &error);
  g_assert_no_error (error);

  g_test_message ("talkie-cli: exit %d\n%s%s", g_subprocess_get_exit_status (subprocess), run.out, run.err);
  g_assert_cmpint (g_subprocess_get_exit_status (subprocess), ==, 0);
  g_free (run.err);

  return g_strstrip (run.out);
}

static TalkieRenderJob *
shown_job (const char *project_id)
{
  TalkieRendersPage *page = TALKIE_RENDERS_PAGE (talkie_window_get_renders_page (world.window));
  GListModel *shown = talkie_renders_page_get_shown (page);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (shown, i);

      if (g_strcmp0 (talkie_render_job_get_project_id (job), project_id) == 0)
        return job;  /* the page's list holds it */
    }

  return NULL;
}

static gboolean
render_shown (gpointer data)
{
  return shown_job (data) != NULL;
}

static gboolean
render_succeeded (gpointer data)
{
  TalkieRenderJob *job = shown_job (data);

  return job != NULL && talkie_render_job_get_state (job) == TALKIE_JOB_STATE_SUCCEEDED;
}

static void
test_cli_render_on_renders_page (void)
{
  g_autoptr(TalkieAvatar) avatar = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  g_autofree char *workdir = talkie_test_make_tmp_dir ("talkie-test-cli-history-XXXXXX");
  g_autofree char *audio = g_build_filename (workdir, "from-the-terminal.wav", NULL);
  g_autofree char *avatar_id = NULL;
  g_autofree char *project_id = NULL;

  wait_for_filled_grid ();
  avatar = talkie_test_get_avatar (talkie_application_get_client (world.app), TALKIE_ASPECT_RATIO_PORTRAIT, 0);
  voice = talkie_test_get_voice (talkie_application_get_client (world.app), 0);
  avatar_id = g_strdup_printf ("%" G_GINT64_FORMAT, talkie_avatar_get_id (avatar));
  talkie_test_make_tone (audio, 100, "wavenc");

  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "renders");
  g_assert_null (shown_job ("none"));

  /* Without --wait: the CLI ends as soon as the service accepted the render. */
  project_id = cli_render (avatar_id, talkie_voice_get_id (voice), audio);
  g_assert_cmpstr (project_id, !=, "");

  /* The app was not told; it sees the history file change. */
  wait_for (render_shown, project_id, "the CLI's render on the Renders page");
  g_assert_cmpstr (talkie_render_job_get_audio_name (shown_job (project_id)), ==, "from-the-terminal.wav");

  /* And follows it to its end, as a render of its own. */
  wait_for (render_succeeded, project_id, "the CLI's render to finish in the app");
  save_screenshot ("renders-from-cli");

  talkie_test_remove_tree (workdir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_window_init (&argc, &argv);

  g_test_add_func ("/ui/cli-history/render-on-renders-page", test_cli_render_on_renders_page);

  ret = g_test_run ();

  talkie_test_window_finish ();

  return ret;
}
