/* test-record.c: recording in place, under Xvfb: the Record button, the
 * recorder dialog with a live test source, the take in the list with its
 * waveform, and a trim that replaces it; a trimmed take created into a render
 * whose request and upload have the trimmed length; the playhead of a row's
 * waveform following playback and seeking it; Cancel discards; a failing input
 * keeps the take so far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>

#include "talkie-audio-drop.h"
#include "talkie-audio-peaks.h"
#include "talkie-audio-source-row.h"
#include "talkie-create-panel.h"
#include "talkie-recorder-dialog.h"
#include "talkie-trim-dialog.h"
#include "talkie-waveform.h"

#include "talkie-test-parts-world.h"
#include "talkie-test-audio-utils.h"

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

static gboolean
panel_can_create (gpointer data)
{
  return talkie_create_panel_get_can_create (data);
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

/* What a click does, through the widget's own drag gesture: a press and a
 * release at @fraction of its width. */
static void
click_waveform (TalkieWaveform *waveform,
                double          fraction)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (waveform));
  double x = fraction * gtk_widget_get_width (GTK_WIDGET (waveform));
  double y = gtk_widget_get_height (GTK_WIDGET (waveform)) / 2.0;
  gboolean clicked = FALSE;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (waveform)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        {
          g_signal_emit_by_name (controller, "drag-begin", x, y);
          g_signal_emit_by_name (controller, "drag-end", 0.0, 0.0);
          clicked = TRUE;
        }
    }
  g_assert_true (clicked);
}

/* Everything the player said about where it is, from some point on. */
typedef struct
{
  double min;
  double max;
  guint  n;
} Positions;

static void
position_cb (TalkieAudioPlayer *player,
             GParamSpec        *pspec,
             Positions         *seen)
{
  double position = talkie_audio_player_get_position (player);

  if (position < 0)
    return;
  seen->min = MIN (seen->min, position);
  seen->max = MAX (seen->max, position);
  seen->n++;
}

static gboolean
waveform_past (gpointer data)
{
  TalkieWaveform *waveform = data;

  return talkie_waveform_get_position (waveform) >= *(double *) g_object_get_data (data, "past");
}

static void
wait_for_playhead_past (TalkieWaveform *waveform,
                        double          seconds)
{
  g_object_set_data (G_OBJECT (waveform), "past", &seconds);
  wait_for (waveform_past, waveform, "the playhead to move on");
  g_object_set_data (G_OBJECT (waveform), "past", NULL);
}

/* The player's position timer, if one runs: a timeout calling back with the player. */
static gboolean
player_has_timer (TalkieAudioPlayer *player)
{
  return g_main_context_find_source_by_funcs_user_data (NULL, &g_timeout_funcs, player) != NULL;
}

static gboolean
waveform_hidden_playhead (gpointer data)
{
  return talkie_waveform_get_position (data) < 0;
}

/* A recording in the list plays from its row: the waveform's playhead moves on
 * with it; a click on the waveform moves playback there, and so does a key;
 * stopped, the playhead is gone. */
static void
test_playhead (void)
{
  g_autoptr(TalkieAudioPlayer) player = talkie_audio_player_new ();
  g_autoptr(GPtrArray) rows = NULL;
  TalkieAudioSource *source;
  TalkieWaveform *waveform;
  TalkieAudioDrop *drop;
  GtkWindow *window;
  GtkButton *play;
  Positions seen = { G_MAXDOUBLE, -1, 0 };
  double duration, before, target;
  gulong handler;

  drop = show_drop (&window);
  talkie_audio_drop_set_player (drop, player);
  talkie_audio_drop_add_file (drop, world.voice_file);   /* 2.32 s of tone */
  wait_for (drop_has_one_ready, drop, "the recording to be measured");
  source = only_source (drop);
  waveform = TALKIE_WAVEFORM (talkie_test_ui_find_type (GTK_WIDGET (drop), TALKIE_TYPE_WAVEFORM));
  wait_for (waveform_has_peaks, waveform, "the waveform");
  settle ();
  duration = talkie_audio_peaks_get_duration (talkie_waveform_get_peaks (waveform));
  g_assert_cmpfloat_with_epsilon (duration, 2.32, 0.05);

  /* Nothing plays: no playhead; a slider one can reach. */
  g_assert_cmpfloat (talkie_waveform_get_position (waveform), <, 0);
  g_assert_cmpfloat (talkie_audio_player_get_position (player), <, 0);
  g_assert_false (player_has_timer (player));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (waveform)));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (waveform)), ==, GTK_ACCESSIBLE_ROLE_SLIDER);

  /* Play: the playhead appears and moves forward. */
  rows = talkie_test_ui_find_all (GTK_WIDGET (drop), TALKIE_TYPE_AUDIO_SOURCE_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  play = find_button_with_tooltip (g_ptr_array_index (rows, 0), "Play “my voice.wav”");
  g_signal_emit_by_name (play, "clicked");
  wait_for_playhead_past (waveform, 0.2);
  before = talkie_waveform_get_position (waveform);
  g_assert_cmpfloat (before, <, duration);
  wait_for_playhead_past (waveform, before + 0.3);
  g_assert_cmpfloat (talkie_waveform_get_position (waveform), ==, talkie_audio_player_get_position (player));
  g_assert_true (player_has_timer (player));
  g_assert_cmpint (talkie_audio_player_get_state_for_uri (player, talkie_audio_source_get_uri (source)), ==,
                   TALKIE_AUDIO_PLAYER_PLAYING);
  /* After a frame: the playhead moves, and the window must be painted by then. */
  talkie_test_ui_save_png_after_frame (GTK_WIDGET (window), "record-row-playhead", HANG_GUARD_S);
  g_test_message ("playhead at %.2f s of %.2f s in the screenshot", talkie_waveform_get_position (waveform), duration);

  /* A click at 80 %: playback goes there and plays on from there, never back. */
  target = 0.8 * duration;
  before = talkie_waveform_get_position (waveform);
  g_assert_cmpfloat (before, <, target - 0.2);
  handler = g_signal_connect (player, "notify::position", G_CALLBACK (position_cb), &seen);
  click_waveform (waveform, 0.8);
  g_assert_cmpfloat_with_epsilon (talkie_waveform_get_position (waveform), target, 0.05);
  wait_for_playhead_past (waveform, target + 0.1);
  wait_for (waveform_hidden_playhead, waveform, "the end of the recording");
  g_signal_handler_disconnect (player, handler);
  g_test_message ("after the click: %u positions from %.3f s to %.3f s", seen.n, seen.min, seen.max);
  g_assert_cmpfloat (seen.min, >=, target - 0.05);
  g_assert_cmpfloat (seen.max, >, target + 0.1);
  g_assert_cmpfloat (seen.max, <=, duration + 0.05);
  /* Ended: stopped, no playhead, the play button back. */
  g_assert_cmpint (talkie_audio_player_get_state (player), ==, TALKIE_AUDIO_PLAYER_STOPPED);
  g_assert_cmpfloat (talkie_audio_player_get_position (player), <, 0);
  g_assert_false (player_has_timer (player));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (play)), ==, "Play “my voice.wav”");

  /* The keyboard: Right while nothing plays starts a second in. */
  seen = (Positions) { G_MAXDOUBLE, -1, 0 };
  handler = g_signal_connect (player, "notify::position", G_CALLBACK (position_cb), &seen);
  press_key (waveform, GDK_KEY_Right, 0);
  wait_for_playhead_past (waveform, 1.2);
  g_assert_cmpint (talkie_audio_player_get_state_for_uri (player, talkie_audio_source_get_uri (source)), ==,
                   TALKIE_AUDIO_PLAYER_PLAYING);
  g_assert_cmpfloat (seen.min, >=, 1.0 - 0.05);
  /* As one reaching it by keyboard sees it: the focus ring around the slider. */
  gtk_widget_grab_focus (GTK_WIDGET (waveform));
  gtk_window_set_focus_visible (window, TRUE);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (waveform)));
  talkie_test_ui_save_png_after_frame (GTK_WIDGET (window), "record-row-playhead-focus", HANG_GUARD_S);

  /* Stop: the playhead goes away. */
  g_signal_emit_by_name (play, "clicked");
  g_signal_handler_disconnect (player, handler);
  g_assert_cmpfloat (talkie_waveform_get_position (waveform), <, 0);
  g_assert_cmpfloat (talkie_audio_player_get_position (player), <, 0);
  g_assert_false (player_has_timer (player));

  destroy_window (window);
}

static void
history_items_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (model, i);

      talkie_render_job_set_poll_interval (job, 50, 200);
    }
}

/* The whole way in the app: record 3 s, trim to 1.0–2.5 s, choose a voice,
 * Create. The render request carries 1.5 s and the sandbox got a file that
 * decodes to 1.5 s. */
static void
test_record_trim_create (void)
{
  g_autofree char *data_dir = talkie_test_make_tmp_dir ("talkie-record-create-XXXXXX");
  g_autofree char *history_path = g_build_filename (data_dir, "history.json", NULL);
  g_autoptr(GFile) history_file = g_file_new_for_path (history_path);
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(TalkieHistory) history = NULL;
  g_autoptr(TalkieAvatar) avatar = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(TalkieAudioPeaks) uploaded_peaks = NULL;
  g_autoptr(GFile) uploaded = NULL;
  TalkieCreatePanel *panel;
  TalkieVoicePicker *picker;
  TalkieRecorderDialog *dialog;
  TalkieAudioDrop *drop;
  TalkieWaveform *waveform;
  GtkWindow *window, *trim_dialog;
  double sent = 0;

  /* A sandbox of its own, that keeps what is uploaded to it. */
  sandbox = talkie_test_start_sandbox ("step-ms", 100, "data-dir", data_dir, NULL);
  client = talkie_test_client_new_for_sandbox (sandbox);
  history = talkie_history_new (client, history_file);
  g_signal_connect (history, "items-changed", G_CALLBACK (history_items_changed_cb), NULL);
  avatar = talkie_test_get_avatar (client, TALKIE_ASPECT_RATIO_PORTRAIT, 0);

  panel = g_object_new (TALKIE_TYPE_CREATE_PANEL, NULL);
  window = show_in_window (GTK_WIDGET (panel), PANEL_WIDTH, WIDE_HEIGHT);
  talkie_create_panel_set_history (panel, history);
  talkie_create_panel_set_client (panel, client);
  talkie_create_panel_set_avatar (panel, avatar);
  picker = talkie_create_panel_get_voice_picker (panel);
  wait_for_picker_list (picker);
  voice = g_list_model_get_item (talkie_voice_picker_get_visible_voices (picker), 0);
  talkie_voice_picker_select_voice (picker, voice);
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Add your voice recording");

  /* Record 3 s. */
  g_setenv (TALKIE_RECORDER_TEST_SOURCE_ENV, "1", TRUE);
  drop = talkie_create_panel_get_audio_drop (panel);
  dialog = start_recording (drop);
  wait_for (recorded_3s, talkie_recorder_dialog_get_recorder (dialog), "three seconds to be recorded");
  g_signal_emit_by_name (find_button_with_tooltip (GTK_WIDGET (dialog), "Stop and keep this recording"), "clicked");
  wait_for (recorder_dialog_gone, NULL, "the recorder to close");
  wait_for (drop_has_one_ready, drop, "the take to be measured");
  g_assert_cmpfloat (talkie_audio_source_get_duration (only_source (drop)), >=, 2.9);
  waveform = TALKIE_WAVEFORM (talkie_test_ui_find_type (GTK_WIDGET (drop), TALKIE_TYPE_WAVEFORM));
  wait_for (waveform_has_peaks, waveform, "the waveform");

  /* Trim to 1.0–2.5 s. */
  g_signal_emit_by_name (find_button_with_tooltip (GTK_WIDGET (drop), "Trim…"), "clicked");
  trim_dialog = find_toplevel (TALKIE_TYPE_TRIM_DIALOG);
  g_assert_nonnull (trim_dialog);
  talkie_waveform_set_selection (talkie_trim_dialog_get_waveform (TALKIE_TRIM_DIALOG (trim_dialog)), 1.0, 2.5);
  talkie_trim_dialog_apply (TALKIE_TRIM_DIALOG (trim_dialog));
  wait_for (trim_dialog_gone, NULL, "the trim to be written");
  wait_for (drop_has_one_ready, drop, "the trimmed recording to be measured");
  g_assert_cmpfloat_with_epsilon (talkie_audio_source_get_duration (only_source (drop)), 1.5, 0.1);

  /* Create. */
  wait_for (panel_can_create, panel, "Create to become possible");
  save_screenshot (window, "record-create-ready");
  g_assert_cmpuint (talkie_create_panel_create (panel), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  job = g_list_model_get_item (G_LIST_MODEL (history), 0);
  wait_for (job_is_final, job, "the render to end");
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);

  /* The request carried the trimmed length... */
  g_object_get (job, "audio-duration", &sent, NULL);
  g_test_message ("duration sent: %.3f s", sent);
  g_assert_cmpfloat_with_epsilon (sent, 1.5, 0.1);

  /* ...and the uploaded file decodes to it. */
  uploaded = talkie_test_find_upload (data_dir);
  uploaded_peaks = talkie_test_compute_peaks (uploaded, 50, 10000);
  g_test_message ("uploaded file decodes to %.3f s", talkie_audio_peaks_get_duration (uploaded_peaks));
  g_assert_cmpfloat_with_epsilon (talkie_audio_peaks_get_duration (uploaded_peaks), 1.5, 0.1);

  destroy_window (window);
  talkie_test_stop_sandbox (&sandbox);
  g_clear_object (&history);
  talkie_test_remove_tree (data_dir);
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
  g_test_add_func ("/ui/record/record-trim-create", test_record_trim_create);
  g_test_add_func ("/ui/record/playhead", test_playhead);
  g_test_add_func ("/ui/record/cancel-discards", test_cancel_discards);
  g_test_add_func ("/ui/record/failure-keeps-take", test_failure_keeps_take);

  ret = g_test_run ();

  talkie_test_parts_finish ();

  return ret;
}
