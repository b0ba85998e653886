/* test-audio-drop.c: the audio drop (files, links, probing and errors), as a
 * real widget under Xvfb, against an in-process sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-audio-drop.h"

#include "talkie-test-parts-world.h"

/* --- audio drop ------------------------------------------------------------------- */

static const char *
row_subtitle_for (TalkieAudioDrop *drop,
                  guint            index)
{
  g_autoptr(GPtrArray) rows = talkie_test_ui_find_all (GTK_WIDGET (drop), ADW_TYPE_ACTION_ROW);

  g_assert_cmpuint (index, <, rows->len);
  return adw_action_row_get_subtitle (g_ptr_array_index (rows, index));
}

static void
test_audio_drop (void)
{
  TalkieAudioDrop *drop = g_object_new (TALKIE_TYPE_AUDIO_DROP, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) text_file = NULL;
  g_autoptr(GFile) empty_file = NULL;
  g_autofree char *text_path = NULL;
  g_autofree char *empty_path = NULL;
  g_autofree char *dead_url = NULL;
  g_autoptr(GPtrArray) ready = NULL;
  TalkieAudioSource *good, *text, *empty, *unreachable;
  GValue value = G_VALUE_INIT;
  GtkWindow *window;
  GtkWidget *box;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (drop), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (drop), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (drop), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (drop));
  window = show_in_window (box, PANEL_WIDTH, 640);
  save_screenshot (window, "audio-drop-empty");

  /* A real recording: measured, with its duration shown. */
  good = talkie_audio_drop_add_file (drop, world.voice_file);
  g_assert_nonnull (good);
  g_assert_null (talkie_audio_drop_add_file (drop, world.voice_file));  /* no duplicates */
  g_assert_cmpuint (talkie_audio_drop_get_n_probing (drop), ==, 1);
  g_assert_cmpstr (row_subtitle_for (drop, 0), ==, "Measuring…");
  wait_for (drop_done_probing, drop, "the recording to be measured");
  g_assert_cmpuint (talkie_audio_drop_get_n_ready (drop), ==, 1);
  g_assert_null (talkie_audio_drop_get_source_error (drop, good));
  g_assert_cmpfloat_with_epsilon (talkie_audio_source_get_duration (good), 2.32, 0.1);
  g_assert_true (g_str_has_prefix (row_subtitle_for (drop, 0), "0:02"));

  /* Its preview plays, through the same kind of player as the voices. */
  {
    g_autoptr(GPtrArray) rows = talkie_test_ui_find_all (GTK_WIDGET (drop), ADW_TYPE_ACTION_ROW);
    g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);
    TalkieAudioPlayer *player = talkie_audio_drop_get_player (drop);

    g_signal_emit_by_name (row_play_button (g_ptr_array_index (rows, 0)), "clicked");
    g_object_set_data (probe, "player", player);
    g_object_set_data (probe, "uri", (gpointer)talkie_audio_source_get_uri (good));
    wait_for (player_is_playing, probe, "the preview to play");
    talkie_audio_player_stop (player);
  }

  /* Not audio: refused with a message, and the row says it. */
  text_path = g_build_filename (world.tmpdir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (text_path, "These are not sounds.\n", -1, NULL));
  text_file = g_file_new_for_path (text_path);
  text = talkie_audio_drop_add_file (drop, text_file);

  /* Empty: refused too. */
  empty_path = g_build_filename (world.tmpdir, "empty.mp3", NULL);
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));
  empty_file = g_file_new_for_path (empty_path);
  empty = talkie_audio_drop_add_file (drop, empty_file);

  /* A link nobody answers. */
  dead_url = g_strdup_printf ("%s/media/no-such-recording.mp3", talkie_sandbox_get_base_url (world.sandbox));
  unreachable = talkie_audio_drop_add_uri (drop, dead_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (unreachable);

  wait_for (drop_done_probing, drop, "the refusals");
  g_assert_cmpuint (talkie_audio_drop_get_n_ready (drop), ==, 1);
  g_assert_nonnull (talkie_audio_drop_get_source_error (drop, text));
  g_assert_nonnull (talkie_audio_drop_get_source_error (drop, empty));
  g_assert_nonnull (talkie_audio_drop_get_source_error (drop, unreachable));
  g_test_message ("not audio: %s", talkie_audio_drop_get_source_error (drop, text));
  g_test_message ("empty: %s", talkie_audio_drop_get_source_error (drop, empty));
  g_test_message ("unreachable: %s", talkie_audio_drop_get_source_error (drop, unreachable));
  g_assert_cmpstr (row_subtitle_for (drop, 1), ==, talkie_audio_drop_get_source_error (drop, text));
  g_assert_cmpstr (row_subtitle_for (drop, 2), ==, talkie_audio_drop_get_source_error (drop, empty));
  save_screenshot (window, "audio-drop-refusals");

  /* The link entry: Enter adds what was typed, or says why not. */
  {
    g_autoptr(GPtrArray) entries = talkie_test_ui_find_all (GTK_WIDGET (drop), GTK_TYPE_ENTRY);
    GtkEntry *entry = g_ptr_array_index (entries, 0);
    g_autofree char *link = g_strdup_printf ("%s/media/typed.mp3", talkie_sandbox_get_base_url (world.sandbox));
    guint n = g_list_model_get_n_items (talkie_audio_drop_get_sources (drop));

    gtk_editable_set_text (GTK_EDITABLE (entry), "voice.mp3");
    g_signal_emit_by_name (entry, "activate");
    g_assert_nonnull (find_error_label (GTK_WIDGET (drop)));
    g_assert_cmpuint (g_list_model_get_n_items (talkie_audio_drop_get_sources (drop)), ==, n);
    save_screenshot (window, "audio-drop-bad-link");

    gtk_editable_set_text (GTK_EDITABLE (entry), link);
    g_assert_null (find_error_label (GTK_WIDGET (drop)));
    g_signal_emit_by_name (entry, "activate");
    g_assert_cmpuint (g_list_model_get_n_items (talkie_audio_drop_get_sources (drop)), ==, n + 1);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    wait_for (drop_done_probing, drop, "the typed link");
    {
      g_autoptr(TalkieAudioSource) typed = g_list_model_get_item (talkie_audio_drop_get_sources (drop), n);
      talkie_audio_drop_remove (drop, typed);
    }
  }

  /* Something typed that is not a link. */
  g_assert_null (talkie_audio_drop_add_uri (drop, "ftp://example.com/voice.mp3", &error));
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_BAD_URI);
  g_clear_error (&error);

  /* Dropped text: a text/uri-list with a comment and a link; then words that are no link. */
  g_value_init (&value, G_TYPE_STRING);
  {
    g_autofree char *list = g_strdup_printf ("# from a browser\r\n%s/media/audition/%s.ogg\r\n",
                                             talkie_sandbox_get_base_url (world.sandbox), "dropped");
    g_value_set_string (&value, list);
    g_assert_cmpuint (talkie_audio_drop_add_dropped (drop, &value), ==, 1);
    g_value_set_string (&value, "just some words");
    g_assert_cmpuint (talkie_audio_drop_add_dropped (drop, &value), ==, 0);
    g_assert_nonnull (find_error_label (GTK_WIDGET (drop)));
  }
  g_value_unset (&value);

  /* Dropped files. */
  {
    g_autofree char *copy_path = g_build_filename (world.tmpdir, "second take.wav", NULL);
    g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
    GSList *files = NULL;

    g_assert_true (g_file_copy (world.voice_file, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
    files = g_slist_append (files, copy);
    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
    g_assert_cmpuint (talkie_audio_drop_add_dropped (drop, &value), ==, 1);
    g_value_unset (&value);
    g_slist_free (files);
  }
  wait_for (drop_done_probing, drop, "the dropped items");
  g_assert_cmpuint (talkie_audio_drop_get_n_ready (drop), ==, 2);

  /* Remove: the refused ones go, the ready ones stay in order. */
  talkie_audio_drop_remove (drop, text);
  talkie_audio_drop_remove (drop, empty);
  talkie_audio_drop_remove (drop, unreachable);
  ready = talkie_audio_drop_dup_ready_sources (drop);
  g_assert_cmpuint (ready->len, ==, 2);
  g_assert_true (g_ptr_array_index (ready, 0) == good);
  save_screenshot (window, "audio-drop-ready");

  talkie_audio_drop_remove_ready (drop);
  g_assert_cmpuint (g_list_model_get_n_items (talkie_audio_drop_get_sources (drop)), ==, 1);

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_parts_init (&argc, &argv);

  g_test_add_func ("/ui/audio-drop/files-and-links", test_audio_drop);

  ret = g_test_run ();

  talkie_test_parts_finish ();

  return ret;
}
