/* test-record.c: recording in place, under Xvfb: the Record button, the
 * recorder dialog with a live test source, the take in the list with its
 * waveform, and a trim that replaces it; Cancel discards; a failing input
 * keeps the take so far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>

#include "talkie-audio-drop.h"
#include "talkie-audio-source-row.h"
#include "talkie-recorder-dialog.h"
#include "talkie-trim-dialog.h"
#include "talkie-waveform.h"

#include "talkie-test-parts-world.h"

static GtkButton *
find_button_with_tooltip (GtkWidget  *root,
                          const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = talkie_test_ui_find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), tooltip) == 0)
      return g_ptr_array_index (buttons, i);

  g_error ("no button “%s”", tooltip);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
recorder_dialog_gone (gpointer data)
{
  return find_toplevel (TALKIE_TYPE_RECORDER_DIALOG) == NULL;
}

static gboolean
trim_dialog_gone (gpointer data)
{
  return find_toplevel (TALKIE_TYPE_TRIM_DIALOG) == NULL;
}

static gboolean
recorded_3s (gpointer data)
{
  return talkie_recorder_get_elapsed (data) >= 3.0;
}

static gboolean
recording_started (gpointer data)
{
  return talkie_recorder_get_elapsed (data) >= 0.3;
}

static gboolean
drop_has_one_ready (gpointer data)
{
  return talkie_audio_drop_get_n_ready (data) == 1 && talkie_audio_drop_get_n_probing (data) == 0;
}

static gboolean
waveform_has_peaks (gpointer data)
{
  return talkie_waveform_get_peaks (data) != NULL && gtk_widget_get_visible (data);
}

static gboolean
dialog_shows_error (gpointer data)
{
  return talkie_recorder_dialog_get_error (data) != NULL;
}

/* What a key press does, through the widget's own key controller. */
static void
press_key (TalkieWaveform  *waveform,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (waveform));
  guint n = g_list_model_get_n_items (controllers);
  gboolean handled = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  g_assert_true (handled);
}

static TalkieAudioSource *
only_source (TalkieAudioDrop *drop)
{
  GListModel *sources = talkie_audio_drop_get_sources (drop);
  g_autoptr(TalkieAudioSource) source = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 1);
  source = g_list_model_get_item (sources, 0);
  return source;   /* the drop keeps it */
}

static TalkieAudioDrop *
show_drop (GtkWindow **window)
{
  TalkieAudioDrop *drop = g_object_new (TALKIE_TYPE_AUDIO_DROP, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_start (GTK_WIDGET (drop), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (drop), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (drop), 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (drop));
  *window = show_in_window (box, PANEL_WIDTH, 480);
  return drop;
}

static TalkieRecorderDialog *
start_recording (TalkieAudioDrop *drop)
{
  GtkWindow *dialog;

  g_signal_emit_by_name (find_button_with_tooltip (GTK_WIDGET (drop), "Record your voice now"), "clicked");
  dialog = find_toplevel (TALKIE_TYPE_RECORDER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  return TALKIE_RECORDER_DIALOG (dialog);
}

/* Record 3 s, stop: the take is in the list, measured, with its waveform; trim
 * it to 1.0–2.5 s: the trimmed file replaces it and measures 1.5 s. */
static void
test_record_and_trim (void)
{
  g_autoptr(GPtrArray) rows = NULL;
  TalkieRecorderDialog *dialog;
  TalkieRecorder *recorder;
  TalkieAudioDrop *drop;
  TalkieAudioSource *take, *trimmed;
  TalkieWaveform *waveform, *trim_waveform;
  GtkWindow *window, *trim_dialog;
  GtkLevelBar *level_bar;
  g_autofree char *take_uri = NULL;

  g_setenv (TALKIE_RECORDER_TEST_SOURCE_ENV, "1", TRUE);
  drop = show_drop (&window);
  save_screenshot (window, "record-drop");

  dialog = start_recording (drop);
  recorder = talkie_recorder_dialog_get_recorder (dialog);
  wait_for (recorded_3s, recorder, "three seconds to be recorded");
  g_assert_true (talkie_recorder_get_recording (recorder));
  level_bar = GTK_LEVEL_BAR (talkie_test_ui_find_type (GTK_WIDGET (dialog), GTK_TYPE_LEVEL_BAR));
  g_assert_cmpfloat (gtk_level_bar_get_value (level_bar), >, 0.5);   /* the test tone is at -6 dB */
  save_screenshot (GTK_WINDOW (dialog), "record-dialog");

  g_signal_emit_by_name (find_button_with_tooltip (GTK_WIDGET (dialog), "Stop and keep this recording"), "clicked");
  wait_for (recorder_dialog_gone, NULL, "the recorder to close");
  wait_for (drop_has_one_ready, drop, "the take to be measured");
  take = only_source (drop);
  take_uri = g_strdup (talkie_audio_source_get_uri (take));
  g_assert_true (talkie_audio_source_is_local (take));
  g_assert_cmpfloat (talkie_audio_source_get_duration (take), >=, 2.9);
  g_assert_cmpfloat (talkie_audio_source_get_duration (take), <=, 4.5);

  /* Its waveform, drawn from peaks computed off the main thread. */
  waveform = TALKIE_WAVEFORM (talkie_test_ui_find_type (GTK_WIDGET (drop), TALKIE_TYPE_WAVEFORM));
  wait_for (waveform_has_peaks, waveform, "the waveform");
  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_max (talkie_waveform_get_peaks (waveform), 0.5, 2.5), 0.5, 0.1);
  save_screenshot (window, "record-waveform-row");

  /* Trim: the dialog's waveform has handles; keyboard first, then exact values. */
  g_signal_emit_by_name (find_button_with_tooltip (GTK_WIDGET (drop), "Trim…"), "clicked");
  trim_dialog = find_toplevel (TALKIE_TYPE_TRIM_DIALOG);
  g_assert_nonnull (trim_dialog);
  trim_waveform = talkie_trim_dialog_get_waveform (TALKIE_TRIM_DIALOG (trim_dialog));
  g_assert_false (talkie_waveform_is_trimmed (trim_waveform));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (trim_waveform)));
  press_key (trim_waveform, GDK_KEY_Right, 0);
  press_key (trim_waveform, GDK_KEY_Right, 0);
  press_key (trim_waveform, GDK_KEY_Right, GDK_CONTROL_MASK);
  g_assert_cmpfloat_with_epsilon (talkie_waveform_get_start (trim_waveform), 1.2, 0.001);
  press_key (trim_waveform, GDK_KEY_Left, GDK_SHIFT_MASK);
  g_assert_cmpfloat_with_epsilon (talkie_waveform_get_end (trim_waveform),
                                  talkie_audio_peaks_get_duration (talkie_waveform_get_peaks (trim_waveform)) - 0.1, 0.001);
  g_assert_true (talkie_waveform_is_trimmed (trim_waveform));
  press_key (trim_waveform, GDK_KEY_Home, 0);
  g_assert_cmpfloat (talkie_waveform_get_start (trim_waveform), ==, 0);
  talkie_waveform_set_selection (trim_waveform, 1.0, 2.5);
  g_assert_true (talkie_waveform_is_trimmed (trim_waveform));
  save_screenshot (trim_dialog, "record-trim-dialog");

  talkie_trim_dialog_apply (TALKIE_TRIM_DIALOG (trim_dialog));
  wait_for (trim_dialog_gone, NULL, "the trim to be written");
  wait_for (drop_has_one_ready, drop, "the trimmed recording to be measured");

  trimmed = only_source (drop);
  g_assert_cmpstr (talkie_audio_source_get_uri (trimmed), !=, take_uri);
  g_assert_cmpfloat_with_epsilon (talkie_audio_source_get_duration (trimmed), 1.5, 0.1);
  rows = talkie_test_ui_find_all (GTK_WIDGET (drop), TALKIE_TYPE_AUDIO_SOURCE_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  /* The length shown is the trimmed one. */
  {
    g_autofree char *shown = talkie_format_duration (talkie_audio_source_get_duration (trimmed));

    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), shown));
  }
  waveform = TALKIE_WAVEFORM (talkie_test_ui_find_type (GTK_WIDGET (drop), TALKIE_TYPE_WAVEFORM));
  wait_for (waveform_has_peaks, waveform, "the trimmed recording's waveform");
  save_screenshot (window, "record-trimmed-row");

  destroy_window (window);
}

/* Escape (closing the dialog) discards: nothing in the list, no file left. */
static void
test_cancel_discards (void)
{
  g_autofree char *dir = talkie_recorder_dup_default_directory ();
  TalkieRecorderDialog *dialog;
  TalkieAudioDrop *drop;
  GtkWindow *window;
  guint files_before;

  g_setenv (TALKIE_RECORDER_TEST_SOURCE_ENV, "1", TRUE);
  drop = show_drop (&window);
  g_mkdir_with_parents (dir, 0700);
  files_before = talkie_test_count_files (dir, NULL);

  dialog = start_recording (drop);
  wait_for (recording_started, talkie_recorder_dialog_get_recorder (dialog), "the recording to start");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  wait_for (recorder_dialog_gone, NULL, "the recorder to close");
  settle ();

  g_assert_cmpuint (g_list_model_get_n_items (talkie_audio_drop_get_sources (drop)), ==, 0);
  g_assert_cmpuint (talkie_test_count_files (dir, NULL), ==, files_before);
  destroy_window (window);
}

/* The input fails mid-take: the dialog says so, and the take so far is in the list. */
static void
test_failure_keeps_take (void)
{
  TalkieRecorderDialog *dialog;
  TalkieAudioDrop *drop;
  GtkWindow *window;
  GtkWidget *error_label;

  g_setenv (TALKIE_RECORDER_TEST_SOURCE_ENV, "audiotestsrc is-live=true ! identity error-after=40", TRUE);
  drop = show_drop (&window);
  dialog = start_recording (drop);
  wait_for (dialog_shows_error, dialog, "the failure to show");
  error_label = find_error_label (GTK_WIDGET (dialog));
  g_assert_nonnull (error_label);
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "kept") != NULL);
  save_screenshot (GTK_WINDOW (dialog), "record-dialog-failed");

  wait_for (drop_has_one_ready, drop, "the partial take to be measured");
  g_assert_cmpfloat_with_epsilon (talkie_audio_source_get_duration (only_source (drop)), 40 * 1024 / 44100.0, 0.15);

  g_signal_emit_by_name (find_button_with_tooltip (GTK_WIDGET (dialog), "Stop and keep this recording"), "clicked");
  wait_for (recorder_dialog_gone, NULL, "the recorder to close");
  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_parts_init (&argc, &argv);

  g_test_add_func ("/ui/record/record-and-trim", test_record_and_trim);
  g_test_add_func ("/ui/record/cancel-discards", test_cancel_discards);
  g_test_add_func ("/ui/record/failure-keeps-take", test_failure_keeps_take);

  ret = g_test_run ();

  talkie_test_parts_finish ();

  return ret;
}
