/* talkie-test-parts-world.c: the world the widget test programs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <gst/gst.h>

#include "talkie-test-parts-world.h"

/* The world of this process: one sandbox, one client, shared by the tests in order. */
TalkieTestPartsWorld world;

void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  if (!talkie_test_wait_until (condition, data, HANG_GUARD_S))
    g_error ("Gave up waiting for %s", what);
}

/* Lets pending layout and frames happen. */
void
settle (void)
{
  talkie_test_ui_settle (5, 30);
}

GtkWindow *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  adw_window_set_content (ADW_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  settle ();

  return GTK_WINDOW (window);
}

void
save_screenshot (GtkWindow  *window,
                 const char *name)
{
  settle ();
  talkie_test_ui_save_png (GTK_WIDGET (window), name);
}

GtkWidget *
find_error_label (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = talkie_test_ui_find_all (widget, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, "error") &&
          gtk_widget_get_visible (label) &&
          gtk_label_get_text (GTK_LABEL (label))[0] != '\0')
        return label;
    }

  return NULL;
}

void
destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  settle ();
}

/* --- conditions -------------------------------------------------------------------- */

gboolean
picker_page_is (gpointer data)
{
  TalkieVoicePicker *picker = g_object_get_data (data, "picker");

  return g_strcmp0 (talkie_voice_picker_get_page (picker), g_object_get_data (data, "page")) == 0;
}

gboolean
picker_not_loading (gpointer data)
{
  return g_strcmp0 (talkie_voice_picker_get_page (data), "loading") != 0;
}

void
wait_for_picker_list (TalkieVoicePicker *picker)
{
  g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (probe, "picker", picker);
  g_object_set_data (probe, "page", (gpointer)"list");
  wait_for (picker_page_is, probe, "the voices to load");
}

TalkieAudioPlayerState
player_state_for (TalkieAudioPlayer *player,
                  const char        *uri)
{
  return talkie_audio_player_get_state_for_uri (player, uri);
}

gboolean
player_is_playing (gpointer data)
{
  TalkieAudioPlayer *player = g_object_get_data (data, "player");

  return player_state_for (player, g_object_get_data (data, "uri")) == TALKIE_AUDIO_PLAYER_PLAYING;
}

gboolean
player_failed (gpointer data)
{
  TalkieAudioPlayer *player = g_object_get_data (data, "player");

  return player_state_for (player, g_object_get_data (data, "uri")) == TALKIE_AUDIO_PLAYER_ERROR;
}

gboolean
drop_done_probing (gpointer data)
{
  return talkie_audio_drop_get_n_probing (data) == 0;
}

gboolean
job_is_final (gpointer data)
{
  return talkie_job_state_is_final (talkie_render_job_get_state (data));
}

gboolean
job_is_rendering (gpointer data)
{
  return talkie_render_job_get_state (data) == TALKIE_JOB_STATE_RENDERING ||
         talkie_job_state_is_final (talkie_render_job_get_state (data));
}

GtkButton *
row_play_button (GtkWidget *row)
{
  g_autoptr(GPtrArray) buttons = talkie_test_ui_find_all (row, GTK_TYPE_BUTTON);

  g_assert_cmpuint (buttons->len, >=, 1);
  return g_ptr_array_index (buttons, 0);
}

/* --- world -------------------------------------------------------------------------- */

static void
on_avatars (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GListModel **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = talkie_client_list_avatars_finish (TALKIE_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

gboolean
pointer_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

static void
setup_world (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) avatars = NULL;
  g_autofree char *path = NULL;

  world.sandbox = talkie_test_start_sandbox ("step-ms", 1000, NULL);
  world.client = talkie_test_client_new_for_sandbox (world.sandbox);
  world.tmpdir = talkie_test_make_tmp_dir ("talkie-parts-XXXXXX");

  path = g_build_filename (world.tmpdir, "my voice.wav", NULL);
  /* 2.32 s of tone: 100 buffers of 1024 samples at 44.1 kHz. */
  talkie_test_make_tone (path, 100, "wavenc");
  world.voice_file = g_file_new_for_path (path);

  /* An application on the test's own bus, for the notifications. */
  world.notifications = g_ptr_array_new_with_free_func (g_free);
  /* Kept open for the whole run: closing it would give the name up. */
  world.bus = talkie_test_ui_start_notification_server (world.notifications);
  world.app = gtk_application_new ("io.github.talkie.Talkie.PartsTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (world.app), NULL, &error));
  g_assert_no_error (error);

  talkie_client_list_avatars_async (world.client, TALKIE_SOURCE_PUBLIC,
                                    TALKIE_ASPECT_RATIO_PORTRAIT, NULL,
                                    on_avatars, &avatars);
  wait_for (pointer_set, &avatars, "the avatars");
  g_assert_cmpuint (g_list_model_get_n_items (avatars), >, 0);
  world.avatar = g_list_model_get_item (avatars, 0);
}

/**
 * talkie_test_parts_init:
 * @argc: main()'s
 * @argv: main()'s
 *
 * Sets up the test environment, GTK, the app's style and the world.
 */
void
talkie_test_parts_init (int    *argc,
                        char ***argv)
{
  talkie_test_ui_set_environment ();
  g_setenv ("TALKIE_AUDIO_SINK", "fake", TRUE);
  /* The video's sound has nowhere to go on a test machine either. */
  g_setenv ("GST_AUDIO_SINK", "fakesink", TRUE);

  g_test_init (argc, argv, NULL);
  gst_init (argc, argv);
  gtk_init ();
  adw_init ();

  /* What the application does by itself from its resource base path. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/talkie/Talkie/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  setup_world ();
}

/**
 * talkie_test_parts_finish:
 *
 * Takes the world down again, after g_test_run().
 */
void
talkie_test_parts_finish (void)
{
  g_clear_object (&world.job);
  g_clear_object (&world.history);
  g_clear_object (&world.avatar);
  g_clear_object (&world.voice);
  g_clear_object (&world.voice_file);
  g_clear_object (&world.client);
  g_clear_object (&world.app);
  g_clear_object (&world.bus);
  g_clear_pointer (&world.notifications, g_ptr_array_unref);
  if (world.sandbox != NULL)
    talkie_sandbox_stop (world.sandbox);
  g_clear_object (&world.sandbox);
  if (world.tmpdir != NULL)
    {
      talkie_test_remove_tree (world.tmpdir);
      g_free (world.tmpdir);
    }
}
