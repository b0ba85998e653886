/* test-open.c: "talkie FILE" (what "Open With Talkie" runs, or asks the
 * running Talkie over D-Bus) opens the window with FILE added as a recording.
 *
 * The application runs its own command line here, as main() runs it, against
 * an in-process sandbox; one application per process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <gst/gst.h>

#include "talkie-sandbox.h"

#include "talkie-application-private.h"
#include "talkie-avatar-grid.h"
#include "talkie-create-panel.h"
#include "talkie-window-private.h"

#include "talkie-test-client-utils.h"
#include "talkie-test-ui-utils.h"

/* Only a guard against hanging forever; nothing is asserted about speed. */
#define HANG_GUARD_S 30

typedef struct
{
  TalkieApplication *app;
  GFile             *recording;
  GFile             *not_audio;
  gboolean           added;
  gboolean           refused;
  char              *page;
  char              *view;
  guint              n_sources;
  guint              check_id;
} Run;

static TalkieAudioDrop *
audio_drop (TalkieApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL || !TALKIE_IS_WINDOW (window))
    return NULL;

  return talkie_create_panel_get_audio_drop (TALKIE_CREATE_PANEL (
           talkie_window_get_create_panel (TALKIE_WINDOW (window))));
}

/* Polls until both files were measured: the recording accepted, the text
 * file refused; then notes what the window shows and quits. */
static gboolean
check_cb (gpointer data)
{
  Run *run = data;
  TalkieAudioDrop *drop = audio_drop (run->app);
  GListModel *sources;
  GtkWindow *window;

  if (drop == NULL)
    return G_SOURCE_CONTINUE;

  sources = talkie_audio_drop_get_sources (drop);
  run->n_sources = g_list_model_get_n_items (sources);
  run->added = run->refused = FALSE;

  for (guint i = 0; i < run->n_sources; i++)
    {
      g_autoptr(TalkieAudioSource) source = g_list_model_get_item (sources, i);
      GFile *file = talkie_audio_source_get_file (source);

      /* Measured and fit; the other refused with a reason (and never measured). */
      if (file != NULL && g_file_equal (file, run->recording))
        run->added = talkie_audio_source_get_probed (source) &&
                     talkie_audio_drop_get_source_error (drop, source) == NULL;
      else if (file != NULL && g_file_equal (file, run->not_audio))
        run->refused = talkie_audio_drop_get_source_error (drop, source) != NULL;
    }

  if (!run->added || !run->refused || talkie_audio_drop_get_n_probing (drop) > 0)
    return G_SOURCE_CONTINUE;

  /* Signed in, the avatars shown: the screenshot shows the files where they went. */
  window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  if (g_strcmp0 (talkie_avatar_grid_get_state (talkie_window_get_avatar_grid (TALKIE_WINDOW (window))), "grid") != 0)
    return G_SOURCE_CONTINUE;
  talkie_test_ui_settle (10, 40);

  run->page = g_strdup (talkie_window_get_page (TALKIE_WINDOW (window)));
  run->view = g_strdup (adw_view_stack_get_visible_child_name (
                talkie_window_get_view_stack (TALKIE_WINDOW (window))));
  talkie_test_ui_save_png_after_frame (GTK_WIDGET (window), "open-file", HANG_GUARD_S);

  gtk_window_destroy (window);
  g_application_quit (G_APPLICATION (run->app));
  run->check_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
hang_guard_cb (gpointer data)
{
  Run *run = data;
  TalkieAudioDrop *drop = audio_drop (run->app);
  GListModel *sources = drop ? talkie_audio_drop_get_sources (drop) : NULL;

  for (guint i = 0; sources != NULL && i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(TalkieAudioSource) source = g_list_model_get_item (sources, i);

      g_test_message ("%s: probed %d, error %s", talkie_audio_source_get_uri (source),
                      talkie_audio_source_get_probed (source),
                      talkie_audio_drop_get_source_error (drop, source));
    }

  g_error ("Gave up waiting for the opened files to be measured (%u sources)", run->n_sources);
  return G_SOURCE_REMOVE;
}

static void
test_open_files (void)
{
  g_autoptr(TalkieSandbox) sandbox = talkie_sandbox_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = talkie_test_make_tmp_dir ("talkie-open-XXXXXX");
  g_autofree char *recording = g_build_filename (dir, "Greeting.wav", NULL);
  g_autofree char *not_audio = g_build_filename (dir, "notes.txt", NULL);
  Run run = { NULL, };
  const char *argv[] = { "talkie", recording, not_audio, NULL };
  guint guard_id;
  int status;

  talkie_test_make_tone (recording, 100, "wavenc");
  g_file_set_contents (not_audio, "Not a recording.\n", -1, &error);
  g_assert_no_error (error);

  if (!talkie_sandbox_start (sandbox, &error))
    g_error ("The sandbox did not start: %s", error->message);

  run.app = talkie_application_new_for_testing (talkie_sandbox_get_base_url (sandbox),
                                                talkie_sandbox_get_api_key (sandbox));
  run.recording = g_file_new_for_path (recording);
  run.not_audio = g_file_new_for_path (not_audio);

  /* The real command line: GApplication turns the arguments into open(). */
  run.check_id = g_timeout_add (50, check_cb, &run);
  guard_id = g_timeout_add_seconds (HANG_GUARD_S, hang_guard_cb, &run);
  status = g_application_run (G_APPLICATION (run.app), 3, (char **)argv);
  g_source_remove (guard_id);
  g_clear_handle_id (&run.check_id, g_source_remove);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.added);
  g_assert_true (run.refused);
  g_assert_cmpuint (run.n_sources, ==, 2);
  g_assert_cmpstr (run.page, ==, "main");
  g_assert_cmpstr (run.view, ==, "create");

  g_free (run.page);
  g_free (run.view);
  g_clear_object (&run.recording);
  g_clear_object (&run.not_audio);
  g_clear_object (&run.app);
  talkie_sandbox_stop (sandbox);
  talkie_test_remove_tree (dir);
}

/* The installed app (not only the test's) takes files. */
static void
test_handles_open (void)
{
  g_autoptr(TalkieApplication) app = talkie_application_new ();

  g_assert_true (g_application_get_flags (G_APPLICATION (app)) & G_APPLICATION_HANDLES_OPEN);
}

int
main (int   argc,
      char *argv[])
{
  talkie_test_ui_set_environment ();

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/ui/open/handles-open", test_handles_open);
  g_test_add_func ("/ui/open/files", test_open_files);

  return g_test_run ();
}
