/* test-voice-picker.c: the voice picker, its rows and their samples, as real
 * widgets under Xvfb, against an in-process sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-voice-picker.h"
#include "talkie-voice-row.h"

#include "talkie-test-parts-world.h"

/* --- voice picker ----------------------------------------------------------------- */

static void
test_voice_picker_filters (void)
{
  TalkieVoicePicker *picker = g_object_new (TALKIE_TYPE_VOICE_PICKER, NULL);
  GtkWindow *window;
  GListModel *all, *visible;
  g_autoptr(TalkieVoice) first = NULL;
  g_autofree char *needle = NULL;
  guint n_all, n_female = 0, n_male = 0;

  window = show_in_window (GTK_WIDGET (picker), PANEL_WIDTH, WIDE_HEIGHT);
  g_assert_cmpstr (talkie_voice_picker_get_page (picker), ==, "none");

  /* A slow server: the loading state first. */
  talkie_sandbox_set_fault (world.sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_DELAY, 1500, 2);
  talkie_voice_picker_set_client (picker, world.client);
  g_assert_cmpstr (talkie_voice_picker_get_page (picker), ==, "loading");
  save_screenshot (window, "voice-picker-loading");
  wait_for_picker_list (picker);
  talkie_sandbox_clear_faults (world.sandbox);
  save_screenshot (window, "voice-picker");

  all = talkie_voice_picker_get_voices (picker);
  visible = talkie_voice_picker_get_visible_voices (picker);
  n_all = g_list_model_get_n_items (all);
  g_assert_cmpuint (n_all, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, n_all);

  /* Female and male were asked for separately: every voice's gender is known. */
  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (all, i);

      switch (talkie_voice_get_gender (voice))
        {
        case TALKIE_GENDER_FEMALE:
          n_female++;
          break;
        case TALKIE_GENDER_MALE:
          n_male++;
          break;
        case TALKIE_GENDER_ANY:
        default:
          g_assert_not_reached ();
        }
    }
  g_assert_cmpuint (n_female, >, 0);
  g_assert_cmpuint (n_male, >, 0);

  talkie_voice_picker_set_gender (picker, TALKIE_GENDER_FEMALE);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, n_female);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (visible, i);
      g_assert_cmpint (talkie_voice_get_gender (voice), ==, TALKIE_GENDER_FEMALE);
    }

  talkie_voice_picker_set_gender (picker, TALKIE_GENDER_MALE);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, n_male);
  save_screenshot (window, "voice-picker-male");

  talkie_voice_picker_set_gender (picker, TALKIE_GENDER_ANY);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, n_all);

  /* Search: by a part of a name, case-insensitively. */
  first = g_list_model_get_item (all, n_all - 1);
  needle = g_utf8_strdown (talkie_voice_get_name (first), -1);
  talkie_voice_picker_set_search_text (picker, needle);
  g_assert_cmpuint (g_list_model_get_n_items (visible), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (visible), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (visible, i);
      g_autofree char *name = g_utf8_strdown (talkie_voice_get_name (voice), -1);
      g_autofree char *language = g_utf8_strdown (talkie_voice_get_language (voice), -1);

      g_assert_true (strstr (name, needle) != NULL || strstr (language, needle) != NULL);
    }

  talkie_voice_picker_set_search_text (picker, "no voice is called this");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  g_assert_cmpstr (talkie_voice_picker_get_page (picker), ==, "empty");
  save_screenshot (window, "voice-picker-no-match");
  talkie_voice_picker_set_search_text (picker, NULL);
  g_assert_cmpstr (talkie_voice_picker_get_page (picker), ==, "list");

  /* Language: only that language's voices. */
  talkie_voice_picker_set_language (picker, talkie_voice_get_language (first));
  g_assert_cmpuint (g_list_model_get_n_items (visible), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (visible, i);
      g_assert_cmpstr (talkie_voice_get_language (voice), ==, talkie_voice_get_language (first));
    }
  talkie_voice_picker_set_language (picker, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, n_all);

  /* Choosing a voice; a filter that hides it keeps it chosen. */
  talkie_voice_picker_select_voice (picker, first);
  g_assert_true (talkie_voice_picker_get_selected_voice (picker) == first);
  talkie_voice_picker_set_search_text (picker, "no voice is called this");
  g_assert_true (talkie_voice_picker_get_selected_voice (picker) == first);
  talkie_voice_picker_set_search_text (picker, NULL);
  g_assert_true (talkie_voice_picker_get_selected_voice (picker) == first);
  settle ();
  {
    g_autoptr(GPtrArray) views = talkie_test_ui_find_all (GTK_WIDGET (picker), GTK_TYPE_LIST_VIEW);
    GtkSelectionModel *selection = NULL;

    /* The drop-downs have list views of their own. */
    for (guint i = 0; i < views->len; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (views, i), "voice-list"))
        selection = gtk_list_view_get_model (g_ptr_array_index (views, i));
    g_assert_nonnull (selection);

    g_autoptr(TalkieVoice) selected = g_list_model_get_item (G_LIST_MODEL (selection),
                                                              gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)));

    /* Shown again, and selected again in the list. */
    g_assert_true (selected == first);
  }

  /* My voices: a different list, from /open/timbre/user. */
  talkie_voice_picker_set_source (picker, TALKIE_SOURCE_MINE);
  wait_for (picker_not_loading, picker, "my voices to load");
  g_assert_true (g_strcmp0 (talkie_voice_picker_get_page (picker), "list") == 0 ||
                 g_strcmp0 (talkie_voice_picker_get_page (picker), "empty") == 0);
  /* Another source hides the chosen voice, as a filter does: it stays chosen. */
  g_assert_true (talkie_voice_picker_get_selected_voice (picker) == first);
  save_screenshot (window, "voice-picker-mine");

  /* A server error: the error page, then Retry works. */
  talkie_sandbox_set_fault (world.sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);
  talkie_voice_picker_set_source (picker, TALKIE_SOURCE_PUBLIC);
  wait_for (picker_not_loading, picker, "the voices to fail");
  g_assert_cmpstr (talkie_voice_picker_get_page (picker), ==, "error");
  save_screenshot (window, "voice-picker-error");
  talkie_sandbox_clear_faults (world.sandbox);
  talkie_voice_picker_reload (picker);
  wait_for_picker_list (picker);

  /* Public → My Voices → Public keeps the filters and the choice. */
  talkie_voice_picker_set_gender (picker, TALKIE_GENDER_MALE);
  talkie_voice_picker_set_source (picker, TALKIE_SOURCE_MINE);
  wait_for (picker_not_loading, picker, "my voices to load again");
  talkie_voice_picker_set_source (picker, TALKIE_SOURCE_PUBLIC);
  wait_for_picker_list (picker);
  {
    GListModel *shown = talkie_voice_picker_get_visible_voices (picker);

    g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(TalkieVoice) voice = g_list_model_get_item (shown, i);

        g_assert_cmpint (talkie_voice_get_gender (voice), ==, TALKIE_GENDER_MALE);
      }
    /* The same voice (by id) is still the one chosen. */
    g_assert_cmpstr (talkie_voice_get_id (talkie_voice_picker_get_selected_voice (picker)), ==,
                     talkie_voice_get_id (first));
  }
  talkie_voice_picker_set_gender (picker, TALKIE_GENDER_ANY);

  /* No client: nothing to show, nothing chosen. */
  talkie_voice_picker_set_client (picker, NULL);
  g_assert_cmpstr (talkie_voice_picker_get_page (picker), ==, "none");
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);

  destroy_window (window);
}

static void
test_voice_sample_plays (void)
{
  TalkieVoicePicker *picker = g_object_new (TALKIE_TYPE_VOICE_PICKER, NULL);
  TalkieAudioPlayer *player;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) probe2 = g_object_new (G_TYPE_OBJECT, NULL);
  GPtrArray *shown;
  TalkieVoice *voice1, *voice2;
  GtkWindow *window;
  const char *uri1, *uri2;
  guint media_hits;

  window = show_in_window (GTK_WIDGET (picker), PANEL_WIDTH, WIDE_HEIGHT);
  talkie_voice_picker_set_client (picker, world.client);
  wait_for_picker_list (picker);
  settle ();

  player = talkie_voice_picker_get_player (picker);
  rows = talkie_test_ui_find_all (GTK_WIDGET (picker), TALKIE_TYPE_VOICE_ROW);
  shown = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++)
    if (talkie_voice_row_get_voice (g_ptr_array_index (rows, i)) != NULL &&
        gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
      g_ptr_array_add (shown, g_ptr_array_index (rows, i));
  g_assert_cmpuint (shown->len, >=, 2);

  voice1 = talkie_voice_row_get_voice (g_ptr_array_index (shown, 0));
  voice2 = talkie_voice_row_get_voice (g_ptr_array_index (shown, 1));
  uri1 = talkie_voice_get_audition_url (voice1);
  uri2 = talkie_voice_get_audition_url (voice2);
  g_assert_nonnull (uri1);
  g_assert_nonnull (uri2);

  /* The row's play button plays the sample through playbin. */
  media_hits = talkie_sandbox_get_hits (world.sandbox, "/media/");
  g_signal_emit_by_name (row_play_button (g_ptr_array_index (shown, 0)), "clicked");
  g_assert_cmpint (player_state_for (player, uri1), !=, TALKIE_AUDIO_PLAYER_STOPPED);
  g_object_set_data (probe, "player", player);
  g_object_set_data (probe, "uri", (gpointer)uri1);
  wait_for (player_is_playing, probe, "the first sample to play");
  /* Fetched once, whole: no range requests, whose restarts crash libsoup 3.2 under
   * souphttpsrc when the demuxer seeks. */
  g_assert_cmpuint (talkie_sandbox_get_hits (world.sandbox, "/media/"), ==, media_hits + 1);
  g_assert_cmpstr (gtk_button_get_icon_name (row_play_button (g_ptr_array_index (shown, 0))),
                   ==, "media-playback-stop-symbolic");
  save_screenshot (window, "voice-sample-playing");

  /* One at a time: the second stops the first. */
  g_signal_emit_by_name (row_play_button (g_ptr_array_index (shown, 1)), "clicked");
  g_assert_cmpint (player_state_for (player, uri1), ==, TALKIE_AUDIO_PLAYER_STOPPED);
  g_object_set_data (probe2, "player", player);
  g_object_set_data (probe2, "uri", (gpointer)uri2);
  wait_for (player_is_playing, probe2, "the second sample to play");
  g_assert_cmpstr (gtk_button_get_icon_name (row_play_button (g_ptr_array_index (shown, 0))),
                   ==, "media-playback-start-symbolic");

  /* Stop. */
  g_signal_emit_by_name (row_play_button (g_ptr_array_index (shown, 1)), "clicked");
  g_assert_cmpint (player_state_for (player, uri2), ==, TALKIE_AUDIO_PLAYER_STOPPED);

  g_ptr_array_unref (shown);
  destroy_window (window);
}

/* Samples asked for and dropped faster than they arrive: each fetch ends with what
 * asked for it, and nothing plays or is touched afterwards. */
static void
test_voice_sample_lifetimes (void)
{
  TalkieVoicePicker *picker = g_object_new (TALKIE_TYPE_VOICE_PICKER, NULL);
  g_autoptr(TalkieAudioPlayer) player = NULL;
  g_autoptr(TalkieAudioPlayer) lone = NULL;
  g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *uri = NULL;
  const char *uris[3];
  GtkWindow *window;

  window = show_in_window (GTK_WIDGET (picker), PANEL_WIDTH, WIDE_HEIGHT);
  talkie_voice_picker_set_client (picker, world.client);
  wait_for_picker_list (picker);
  settle ();

  player = g_object_ref (talkie_voice_picker_get_player (picker));
  rows = talkie_test_ui_find_all (GTK_WIDGET (picker), TALKIE_TYPE_VOICE_ROW);
  for (guint i = 0; i < rows->len; i++)
    if (talkie_voice_row_get_voice (g_ptr_array_index (rows, i)) != NULL &&
        gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
      g_ptr_array_add (shown, g_ptr_array_index (rows, i));
  g_assert_cmpuint (shown->len, >=, G_N_ELEMENTS (uris));
  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      uris[i] = talkie_voice_get_audition_url (talkie_voice_row_get_voice (g_ptr_array_index (shown, i)));
      g_assert_nonnull (uris[i]);
    }

  /* Switching before any has arrived: only the last one plays. */
  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_signal_emit_by_name (row_play_button (g_ptr_array_index (shown, i)), "clicked");
      g_assert_cmpint (player_state_for (player, uris[i]), ==, TALKIE_AUDIO_PLAYER_BUFFERING);
      for (guint j = 0; j < i; j++)
        g_assert_cmpint (player_state_for (player, uris[j]), ==, TALKIE_AUDIO_PLAYER_STOPPED);
    }
  g_object_set_data (probe, "player", player);
  g_object_set_data (probe, "uri", (gpointer)uris[2]);
  wait_for (player_is_playing, probe, "the last sample to play");
  g_assert_cmpint (player_state_for (player, uris[0]), ==, TALKIE_AUDIO_PLAYER_STOPPED);
  g_assert_cmpint (player_state_for (player, uris[1]), ==, TALKIE_AUDIO_PLAYER_STOPPED);

  /* Stopped while on its way: it stays stopped when it would have arrived. */
  g_signal_emit_by_name (row_play_button (g_ptr_array_index (shown, 0)), "clicked");
  g_assert_cmpint (player_state_for (player, uris[0]), ==, TALKIE_AUDIO_PLAYER_BUFFERING);
  g_signal_emit_by_name (row_play_button (g_ptr_array_index (shown, 0)), "clicked");
  g_assert_cmpint (talkie_audio_player_get_state (player), ==, TALKIE_AUDIO_PLAYER_STOPPED);
  talkie_test_wait_ms (500);
  g_assert_cmpint (talkie_audio_player_get_state (player), ==, TALKIE_AUDIO_PLAYER_STOPPED);

  /* The picker destroyed while a sample is on its way: the sample goes with it. */
  uri = g_strdup (uris[1]);
  g_signal_emit_by_name (row_play_button (g_ptr_array_index (shown, 1)), "clicked");
  g_assert_cmpint (player_state_for (player, uri), ==, TALKIE_AUDIO_PLAYER_BUFFERING);
  destroy_window (window);
  g_assert_cmpint (talkie_audio_player_get_state (player), ==, TALKIE_AUDIO_PLAYER_STOPPED);
  talkie_test_wait_ms (500);
  g_assert_cmpint (talkie_audio_player_get_state (player), ==, TALKIE_AUDIO_PLAYER_STOPPED);

  /* A player dropped while it fetches: its fetch ends after it, touching nothing of it
   * (ASan and valgrind see it if it does). */
  lone = talkie_audio_player_new ();
  talkie_audio_player_play (lone, uri);
  g_clear_object (&lone);
  talkie_test_wait_ms (500);
}

static void
test_voice_sample_dead_url (void)
{
  g_autoptr(TalkieAudioPlayer) player = talkie_audio_player_new ();
  g_autoptr(TalkieVoice) voice = NULL;
  g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);
  g_autofree char *dead = NULL;
  GtkWidget *row;
  GtkWidget *box;
  GtkWindow *window;

  dead = g_strdup_printf ("%s/media/nothing-here.ogg", talkie_sandbox_get_base_url (world.sandbox));
  voice = talkie_voice_new ("dead-voice", "Nobody", "english", dead,
                            TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_FEMALE);

  row = talkie_voice_row_new (player);
  talkie_voice_row_set_voice (TALKIE_VOICE_ROW (row), voice);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (row, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), row);
  window = show_in_window (box, PANEL_WIDTH, 200);

  g_assert_null (find_error_label (row));
  g_signal_emit_by_name (row_play_button (row), "clicked");

  g_object_set_data (probe, "player", player);
  g_object_set_data (probe, "uri", dead);
  wait_for (player_failed, probe, "the dead sample to fail");
  settle ();

  g_assert_nonnull (talkie_audio_player_get_error_for_uri (player, dead));
  g_assert_nonnull (find_error_label (row));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_error_label (row))), ==,
                   talkie_audio_player_get_error_for_uri (player, dead));
  g_assert_cmpstr (gtk_button_get_icon_name (row_play_button (row)), ==, "media-playback-start-symbolic");
  save_screenshot (window, "voice-row-error");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_parts_init (&argc, &argv);

  g_test_add_func ("/ui/voice-picker/filters", test_voice_picker_filters);
  g_test_add_func ("/ui/voice-picker/sample-plays", test_voice_sample_plays);
  g_test_add_func ("/ui/voice-picker/sample-lifetimes", test_voice_sample_lifetimes);
  g_test_add_func ("/ui/voice-picker/sample-dead-url", test_voice_sample_dead_url);

  ret = g_test_run ();

  talkie_test_parts_finish ();

  return ret;
}
