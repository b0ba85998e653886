/* test-parts.c: the create panel, voice picker, audio drop, job rows, result view
 * and renders page, as real widgets under Xvfb, against an in-process sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-sandbox.h"

#include "talkie-audio-drop.h"
#include "talkie-audio-player.h"
#include "talkie-create-panel.h"
#include "talkie-job-row.h"
#include "talkie-renders-page.h"
#include "talkie-result-view.h"
#include "talkie-video-stream.h"
#include "talkie-voice-picker.h"
#include "talkie-voice-row.h"

#include "talkie-test-client-utils.h"
#include "talkie-test-ui-utils.h"

#define PANEL_WIDTH   360
#define WIDE_WIDTH    1280
#define WIDE_HEIGHT   800
#define NARROW_WIDTH  600
/* Only a guard against hanging forever; nothing is asserted about speed. */
#define HANG_GUARD_S  90

/* The world of this process: one sandbox, one client, shared by the tests in order. */
static struct
{
  TalkieSandbox   *sandbox;
  TalkieClient    *client;
  char            *tmpdir;
  GFile           *voice_file;    /* a real recording made at start */
  TalkieAvatar    *avatar;
  TalkieVoice     *voice;         /* the one chosen in the flow */
  TalkieHistory   *history;
  TalkieRenderJob *job;           /* the render of the whole flow */
  GtkApplication  *app;           /* registered, for notifications */
  GPtrArray       *notifications; /* the summaries the notification server got */
  GDBusConnection *bus;
} world;

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  if (!talkie_test_wait_until (condition, data, HANG_GUARD_S))
    g_error ("Gave up waiting for %s", what);
}

/* Lets pending layout and frames happen. */
static void
settle (void)
{
  talkie_test_ui_settle (5, 30);
}

static GtkWindow *
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

static void
save_screenshot (GtkWindow  *window,
                 const char *name)
{
  settle ();
  talkie_test_ui_save_png (GTK_WIDGET (window), name);
}

static GtkWidget *
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

static void
destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  settle ();
}

/* --- conditions -------------------------------------------------------------------- */

static gboolean
picker_page_is (gpointer data)
{
  TalkieVoicePicker *picker = g_object_get_data (data, "picker");

  return g_strcmp0 (talkie_voice_picker_get_page (picker), g_object_get_data (data, "page")) == 0;
}

static gboolean
picker_not_loading (gpointer data)
{
  return g_strcmp0 (talkie_voice_picker_get_page (data), "loading") != 0;
}

static void
wait_for_picker_list (TalkieVoicePicker *picker)
{
  g_autoptr(GObject) probe = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (probe, "picker", picker);
  g_object_set_data (probe, "page", (gpointer)"list");
  wait_for (picker_page_is, probe, "the voices to load");
}

static TalkieAudioPlayerState
player_state_for (TalkieAudioPlayer *player,
                  const char        *uri)
{
  return talkie_audio_player_get_state_for_uri (player, uri);
}

static gboolean
player_is_playing (gpointer data)
{
  TalkieAudioPlayer *player = g_object_get_data (data, "player");

  return player_state_for (player, g_object_get_data (data, "uri")) == TALKIE_AUDIO_PLAYER_PLAYING;
}

static gboolean
player_failed (gpointer data)
{
  TalkieAudioPlayer *player = g_object_get_data (data, "player");

  return player_state_for (player, g_object_get_data (data, "uri")) == TALKIE_AUDIO_PLAYER_ERROR;
}

static gboolean
drop_done_probing (gpointer data)
{
  return talkie_audio_drop_get_n_probing (data) == 0;
}

static gboolean
job_is_final (gpointer data)
{
  return talkie_job_state_is_final (talkie_render_job_get_state (data));
}

static gboolean
job_is_rendering (gpointer data)
{
  return talkie_render_job_get_state (data) == TALKIE_JOB_STATE_RENDERING ||
         talkie_job_state_is_final (talkie_render_job_get_state (data));
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

static gboolean
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
  g_assert_null (talkie_voice_picker_get_selected_voice (picker));
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

  /* No client: nothing to show, nothing chosen. */
  talkie_voice_picker_set_client (picker, NULL);
  g_assert_cmpstr (talkie_voice_picker_get_page (picker), ==, "none");
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 0);

  destroy_window (window);
}

static GtkButton *
row_play_button (GtkWidget *row)
{
  g_autoptr(GPtrArray) buttons = talkie_test_ui_find_all (row, GTK_TYPE_BUTTON);

  g_assert_cmpuint (buttons->len, >=, 1);
  return g_ptr_array_index (buttons, 0);
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

/* --- create panel and the whole flow ----------------------------------------------- */

static gboolean
panel_can_create (gpointer data)
{
  return talkie_create_panel_get_can_create (data);
}

static void
on_history_items_changed (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          gpointer    user_data)
{
  /* Poll the sandbox quickly: it steps every second here. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (model, i);
      talkie_render_job_set_poll_interval (job, 100, 400);
    }
}

typedef struct
{
  guint        states;     /* bit per TalkieJobState seen */
  TalkieJobRow *row;
  GPtrArray   *texts;      /* what the row said */
} Seen;

static void
on_job_state (TalkieRenderJob *job,
              GParamSpec      *pspec,
              Seen            *seen)
{
  seen->states |= 1u << talkie_render_job_get_state (job);
  if (seen->row != NULL)
    g_ptr_array_add (seen->texts, g_strdup (talkie_job_row_get_status_text (seen->row)));
}

static gboolean
history_file_has_project (gpointer data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_object_ref (talkie_history_get_file (world.history));
  const char *project_id = talkie_render_job_get_project_id (data);

  if (project_id == NULL)
    return FALSE;
  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    return FALSE;

  return strstr (contents, project_id) != NULL && strstr (contents, "video") != NULL;
}

static void
on_show_job (GtkWidget       *widget,
             TalkieRenderJob *job,
             TalkieRenderJob **out)
{
  *out = job;
}

static void
test_create_flow (void)
{
  TalkieCreatePanel *panel = g_object_new (TALKIE_TYPE_CREATE_PANEL, NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GFile) history_file = NULL;
  g_autofree char *history_path = NULL;
  TalkieVoicePicker *picker = talkie_create_panel_get_voice_picker (panel);
  TalkieAudioDrop *drop = talkie_create_panel_get_audio_drop (panel);
  g_autoptr(TalkieVoice) voice = NULL;
  g_autoptr(GPtrArray) job_rows = NULL;
  TalkieRenderJob *shown_job = NULL;
  Seen seen = { 0 };
  GtkWindow *window;
  TalkieJobRow *row = NULL;

  history_path = g_build_filename (world.tmpdir, "history.json", NULL);
  history_file = g_file_new_for_path (history_path);
  world.history = talkie_history_new (world.client, history_file);
  g_signal_connect (world.history, "items-changed", G_CALLBACK (on_history_items_changed), NULL);

  g_settings_set_boolean (settings, "default-subtitles", TRUE);
  g_settings_set_string (settings, "default-screen-style", "green-screen");

  window = show_in_window (GTK_WIDGET (panel), PANEL_WIDTH, WIDE_HEIGHT);
  talkie_create_panel_set_settings (panel, settings);
  talkie_create_panel_set_history (panel, world.history);
  talkie_create_panel_set_aspect_ratio (panel, TALKIE_ASPECT_RATIO_PORTRAIT);

  /* Not signed in. */
  g_assert_false (talkie_create_panel_get_can_create (panel));
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Connect to JoggAI first");

  talkie_create_panel_set_client (panel, world.client);
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Choose an avatar");
  wait_for_picker_list (picker);
  save_screenshot (window, "create-panel-start");

  talkie_create_panel_set_avatar (panel, world.avatar);
  g_assert_false (talkie_create_panel_get_can_create (panel));
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Choose a voice");

  voice = g_list_model_get_item (talkie_voice_picker_get_visible_voices (picker), 0);
  talkie_voice_picker_select_voice (picker, voice);
  world.voice = g_object_ref (voice);
  g_assert_false (talkie_create_panel_get_can_create (panel));
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Add your voice recording");
  save_screenshot (window, "create-panel-needs-audio");

  talkie_audio_drop_add_file (drop, world.voice_file);
  g_assert_false (talkie_create_panel_get_can_create (panel));
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Measuring your recording…");
  wait_for (panel_can_create, panel, "Create to become possible");
  g_assert_null (talkie_create_panel_get_reason (panel));
  save_screenshot (window, "create-panel-ready");

  /* The rest of the panel: the recording and the options. */
  {
    g_autoptr(GPtrArray) scrollers = talkie_test_ui_find_all (GTK_WIDGET (panel), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (g_ptr_array_index (scrollers, 0));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    save_screenshot (window, "create-panel-ready-options");
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* Create: one render, in the history, started. */
  g_signal_connect (panel, "show-job", G_CALLBACK (on_show_job), &shown_job);
  g_assert_cmpuint (talkie_create_panel_create (panel), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (world.history)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (talkie_create_panel_get_jobs (panel)), ==, 1);
  world.job = g_list_model_get_item (G_LIST_MODEL (world.history), 0);

  /* Its row is there at once, and what it says is followed from the start. */
  job_rows = talkie_test_ui_find_all (GTK_WIDGET (panel), TALKIE_TYPE_JOB_ROW);
  g_assert_cmpuint (job_rows->len, ==, 1);
  row = g_ptr_array_index (job_rows, 0);
  g_assert_true (talkie_job_row_get_job (row) == world.job);
  seen.row = row;
  seen.states = 1u << talkie_render_job_get_state (world.job);
  seen.texts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (seen.texts, g_strdup (talkie_job_row_get_status_text (row)));
  g_signal_connect (world.job, "notify::state", G_CALLBACK (on_job_state), &seen);
  g_signal_connect (world.job, "notify::bytes-sent", G_CALLBACK (on_job_state), &seen);
  g_signal_connect (world.job, "notify::project", G_CALLBACK (on_job_state), &seen);

  /* The recording went into the render: the drop is empty, Create says why again. */
  g_assert_cmpuint (g_list_model_get_n_items (talkie_audio_drop_get_sources (drop)), ==, 0);
  g_assert_false (talkie_create_panel_get_can_create (panel));

  wait_for (job_is_rendering, world.job, "the render to start");
  g_assert_cmpint (talkie_render_job_get_state (world.job), ==, TALKIE_JOB_STATE_RENDERING);
  save_screenshot (window, "create-panel-rendering");
  wait_for (job_is_final, world.job, "the render to end");
  g_signal_handlers_disconnect_by_func (world.job, on_job_state, &seen);

  for (guint i = 0; i < seen.texts->len; i++)
    g_test_message ("row said: %s", (char *)g_ptr_array_index (seen.texts, i));

  g_assert_cmpint (talkie_render_job_get_state (world.job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_true (seen.states & (1u << TALKIE_JOB_STATE_UPLOADING));
  g_assert_true (seen.states & (1u << TALKIE_JOB_STATE_RENDERING));
  /* The row told the upload in bytes and percent, then the render's status. */
  {
    gboolean told_upload = FALSE;
    gboolean told_render = FALSE;

    for (guint i = 0; i < seen.texts->len; i++)
      {
        const char *text = g_ptr_array_index (seen.texts, i);

        if (g_str_has_prefix (text, "Uploading ") && strstr (text, "%)") != NULL)
          told_upload = TRUE;
        if (g_str_equal (text, "Waiting in the queue…") || g_str_equal (text, "Rendering the video…"))
          told_render = TRUE;
      }
    g_assert_true (told_upload);
    g_assert_true (told_render);
  }
  g_assert_nonnull (talkie_render_job_get_video_url (world.job));
  g_assert_cmpstr (talkie_job_row_get_status_text (row), ==, "Ready to watch");
  settle ();
  save_screenshot (window, "create-panel-finished");

  /* The options went with it. */
  {
    int screen_style = 0;
    gboolean subtitles = FALSE;

    g_object_get (world.job, "screen-style", &screen_style, "subtitles", &subtitles, NULL);
    g_assert_cmpint (screen_style, ==, TALKIE_SCREEN_STYLE_GREEN_SCREEN);
    g_assert_true (subtitles);
  }

  /* Watch → show-job. */
  g_signal_emit_by_name (row, "watch");
  g_assert_true (shown_job == world.job);

  /* The history file was written, with the finished render in it. */
  wait_for (history_file_has_project, world.job, "the history file");

  g_ptr_array_unref (seen.texts);
  destroy_window (window);
}

static gboolean
video_prepared (gpointer data)
{
  GtkMediaStream *stream = gtk_video_get_media_stream (data);

  return stream != NULL && gtk_media_stream_is_prepared (stream);
}

static void
on_save_finished (TalkieResultView *view,
                  GFile            *file,
                  gboolean          ok,
                  int              *result)
{
  *result = ok ? 1 : 2;
}

static gboolean
int_set (gpointer data)
{
  return *(int *)data != 0;
}

static GtkButton *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  g_autoptr(GPtrArray) buttons = talkie_test_ui_find_all (widget, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);

  return NULL;
}

static void
on_clipboard_text (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

static void
test_result_view (void)
{
  TalkieResultView *view = g_object_new (TALKIE_TYPE_RESULT_VIEW, NULL);
  g_autoptr(GFile) saved = NULL;
  g_autofree char *saved_path = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GtkMediaStream *stream;
  GtkWindow *window;
  int save_result = 0;

  g_assert_nonnull (world.job);
  g_assert_cmpint (talkie_render_job_get_state (world.job), ==, TALKIE_JOB_STATE_SUCCEEDED);

  window = show_in_window (GTK_WIDGET (view), WIDE_WIDTH, WIDE_HEIGHT);
  g_assert_cmpstr (talkie_result_view_get_page (view), ==, "none");

  talkie_result_view_set_client (view, world.client);
  talkie_result_view_set_job (view, world.job);
  /* Fetched whole first (a spinner says so), then played from the cache. */
  g_assert_cmpstr (talkie_result_view_get_page (view), ==, "pending");
  wait_for (video_prepared, talkie_result_view_get_video (view), "the video to be prepared");
  g_assert_cmpstr (talkie_result_view_get_page (view), ==, "video");
  {
    g_autofree char *cached = g_strdup_printf ("%s/talkie/videos/%s.webm", g_get_user_cache_dir (),
                                               talkie_render_job_get_project_id (world.job));
    GtkMediaStream *cached_stream = gtk_video_get_media_stream (talkie_result_view_get_video (view));
    g_autofree char *cached_uri = g_filename_to_uri (cached, NULL, NULL);

    g_assert_true (g_file_test (cached, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpstr (talkie_video_stream_get_uri (TALKIE_VIDEO_STREAM (cached_stream)), ==, cached_uri);
  }
  stream = gtk_video_get_media_stream (talkie_result_view_get_video (view));
  g_assert_true (gtk_media_stream_has_video (stream));
  g_assert_false (gtk_media_stream_get_playing (stream));   /* no autoplay */
  save_screenshot (window, "result-view");

  /* The same at 600 px. */
  {
    TalkieResultView *narrow = g_object_new (TALKIE_TYPE_RESULT_VIEW, NULL);
    GtkWindow *narrow_window = show_in_window (GTK_WIDGET (narrow), NARROW_WIDTH, WIDE_HEIGHT);

    talkie_result_view_set_client (narrow, world.client);
    talkie_result_view_set_job (narrow, world.job);
    wait_for (video_prepared, talkie_result_view_get_video (narrow), "the video to be prepared");
    save_screenshot (narrow_window, "result-view-narrow");
    destroy_window (narrow_window);
  }

  suggested = talkie_result_view_dup_suggested_name (world.job);
  g_test_message ("suggested name: %s", suggested);
  g_assert_true (g_str_has_prefix (suggested, talkie_render_job_get_avatar_name (world.job)));
  g_assert_true (g_str_has_suffix (suggested, ".webm") || g_str_has_suffix (suggested, ".mp4"));

  /* Save: streamed to the file, with the end reported. */
  saved_path = g_build_filename (world.tmpdir, suggested, NULL);
  saved = g_file_new_for_path (saved_path);
  g_signal_connect (view, "save-finished", G_CALLBACK (on_save_finished), &save_result);
  talkie_result_view_save_to_file (view, saved);
  wait_for (int_set, &save_result, "the video to be saved");
  g_assert_cmpint (save_result, ==, 1);
  info = g_file_query_info (saved, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_cmpint (g_file_info_get_size (info), >, 0);

  /* Copy Link puts the video's address on the clipboard. */
  {
    GtkButton *copy = find_button_with_label (GTK_WIDGET (view), "Copy _Link");
    g_autofree char *text = NULL;

    g_assert_nonnull (copy);
    g_signal_emit_by_name (copy, "clicked");
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (view)), NULL,
                                   on_clipboard_text, &text);
    wait_for (pointer_set, &text, "the clipboard");
    g_assert_cmpstr (text, ==, talkie_render_job_get_video_url (world.job));
    save_screenshot (window, "result-view-link-copied");
  }

  destroy_window (window);
}

static void
test_result_view_failed (void)
{
  TalkieResultView *view = g_object_new (TALKIE_TYPE_RESULT_VIEW, NULL);
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(TalkieAudioSource) audio = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  TalkieRenderOptions options = { TALKIE_ASPECT_RATIO_PORTRAIT, TALKIE_SCREEN_STYLE_BACKGROUND, FALSE };
  GtkWindow *window;

  /* A render the service gives up on. */
  talkie_sandbox_set_fault (world.sandbox, "*", TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 0);
  voice = g_object_ref (world.voice);
  audio = talkie_audio_source_new_for_file (world.voice_file);
  job = talkie_render_job_new (world.client, world.avatar, voice, audio, &options);
  talkie_render_job_set_poll_interval (job, 100, 400);

  window = show_in_window (GTK_WIDGET (view), NARROW_WIDTH, 600);
  talkie_result_view_set_client (view, world.client);
  talkie_result_view_set_job (view, job);
  talkie_render_job_start (job);
  g_assert_cmpstr (talkie_result_view_get_page (view), ==, "pending");
  save_screenshot (window, "result-view-pending");

  wait_for (job_is_final, job, "the render to fail");
  talkie_sandbox_clear_faults (world.sandbox);
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_cmpstr (talkie_result_view_get_page (view), ==, "failed");
  g_test_message ("failed: %s", talkie_render_job_get_error_message (job));
  save_screenshot (window, "result-view-failed");

  destroy_window (window);
}

static void
test_renders_page (void)
{
  TalkieRendersPage *page = g_object_new (TALKIE_TYPE_RENDERS_PAGE, NULL);
  g_autoptr(TalkieCoverLoader) loader = talkie_cover_loader_new (talkie_client_get_session (world.client));
  g_autoptr(TalkieHistory) empty = NULL;
  g_autoptr(GFile) empty_file = NULL;
  g_autofree char *empty_path = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TalkieRenderJob *shown_job = NULL;
  GtkWindow *window;

  g_assert_nonnull (world.history);

  empty_path = g_build_filename (world.tmpdir, "empty-history.json", NULL);
  empty_file = g_file_new_for_path (empty_path);
  empty = talkie_history_new (world.client, empty_file);

  window = show_in_window (GTK_WIDGET (page), WIDE_WIDTH, WIDE_HEIGHT);
  talkie_renders_page_set_cover_loader (page, loader);
  talkie_renders_page_set_history (page, empty);
  g_assert_cmpstr (talkie_renders_page_get_page (page), ==, "empty");
  save_screenshot (window, "renders-page-empty");

  talkie_renders_page_set_history (page, world.history);
  g_assert_cmpstr (talkie_renders_page_get_page (page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (talkie_renders_page_get_shown (page)), ==, 1);
  settle ();
  save_screenshot (window, "renders-page");

  /* The same at 600 px. */
  {
    TalkieRendersPage *narrow = g_object_new (TALKIE_TYPE_RENDERS_PAGE, NULL);
    GtkWindow *narrow_window = show_in_window (GTK_WIDGET (narrow), NARROW_WIDTH, WIDE_HEIGHT);

    talkie_renders_page_set_cover_loader (narrow, loader);
    talkie_renders_page_set_history (narrow, world.history);
    save_screenshot (narrow_window, "renders-page-narrow");
    destroy_window (narrow_window);
  }

  rows = talkie_test_ui_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX_ROW);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (talkie_job_row_get_status_text (TALKIE_JOB_ROW (gtk_list_box_row_get_child (g_ptr_array_index (rows, 0)))),
                   ==, "Ready to watch");

  /* Activating a finished render shows it. */
  g_signal_connect (page, "show-job", G_CALLBACK (on_show_job), &shown_job);
  g_signal_emit_by_name (g_ptr_array_index (rows, 0), "activate");
  g_assert_true (shown_job == world.job);

  /* Remove: gone from the list at once, from the history when the toast goes. */
  talkie_renders_page_remove (page, world.job);
  g_assert_cmpuint (g_list_model_get_n_items (talkie_renders_page_get_shown (page)), ==, 0);
  g_assert_cmpstr (talkie_renders_page_get_page (page), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (world.history)), ==, 1);
  save_screenshot (window, "renders-page-removed");

  destroy_window (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (world.history)), ==, 0);
}

static gboolean
all_jobs_final (gpointer data)
{
  GListModel *jobs = data;

  for (guint i = 0; i < g_list_model_get_n_items (jobs); i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (jobs, i);

      if (!talkie_job_state_is_final (talkie_render_job_get_state (job)))
        return FALSE;
    }

  return TRUE;
}

/* Several recordings: one render each, same avatar and voice. */
static void
test_create_queue (void)
{
  TalkieCreatePanel *panel = g_object_new (TALKIE_TYPE_CREATE_PANEL, NULL);
  TalkieAudioDrop *drop = talkie_create_panel_get_audio_drop (panel);
  g_autoptr(GFile) second = NULL;
  g_autofree char *second_path = NULL;
  GListModel *jobs = talkie_create_panel_get_jobs (panel);
  GtkWindow *window;
  GtkWindow *other;
  guint before;

  window = show_in_window (GTK_WIDGET (panel), PANEL_WIDTH, WIDE_HEIGHT);
  gtk_window_set_application (window, world.app);
  talkie_create_panel_set_history (panel, world.history);
  talkie_create_panel_set_client (panel, world.client);
  talkie_create_panel_set_avatar (panel, world.avatar);
  wait_for_picker_list (talkie_create_panel_get_voice_picker (panel));
  {
    TalkieVoicePicker *picker = talkie_create_panel_get_voice_picker (panel);
    GListModel *voices = talkie_voice_picker_get_visible_voices (picker);

    /* The same voice, as this panel's list has it. */
    for (guint i = 0; i < g_list_model_get_n_items (voices); i++)
      {
        g_autoptr(TalkieVoice) voice = g_list_model_get_item (voices, i);

        if (g_strcmp0 (talkie_voice_get_id (voice), talkie_voice_get_id (world.voice)) == 0)
          talkie_voice_picker_select_voice (picker, voice);
      }
    g_assert_nonnull (talkie_voice_picker_get_selected_voice (picker));
  }

  second_path = g_build_filename (world.tmpdir, "take two.wav", NULL);
  second = g_file_new_for_path (second_path);
  g_assert_true (g_file_copy (world.voice_file, second, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
  talkie_audio_drop_add_file (drop, world.voice_file);
  talkie_audio_drop_add_file (drop, second);
  wait_for (drop_done_probing, drop, "both recordings to be measured");
  g_assert_true (talkie_create_panel_get_can_create (panel));
  save_screenshot (window, "create-panel-two-recordings");

  before = g_list_model_get_n_items (G_LIST_MODEL (world.history));
  g_assert_cmpuint (talkie_create_panel_create (panel), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (world.history)), ==, before + 2);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 2);

  /* The user goes to another window meanwhile. */
  other = show_in_window (gtk_label_new ("Elsewhere"), 200, 100);

  /* Meanwhile the panel is ready for the next one. */
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Add your voice recording");
  settle ();
  save_screenshot (window, "create-panel-two-renders");

  wait_for (all_jobs_final, jobs, "both renders to end");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (jobs, i);

      g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
      g_assert_cmpstr (talkie_render_job_get_avatar_name (job), ==, talkie_avatar_get_name (world.avatar));
      g_assert_cmpstr (talkie_render_job_get_voice_name (job), ==, talkie_voice_get_name (world.voice));
    }
  {
    g_autoptr(TalkieRenderJob) newest = g_list_model_get_item (jobs, 0);
    g_autoptr(TalkieRenderJob) oldest = g_list_model_get_item (jobs, 1);

    g_assert_cmpstr (talkie_render_job_get_audio_name (oldest), ==, "my voice.wav");
    g_assert_cmpstr (talkie_render_job_get_audio_name (newest), ==, "take two.wav");
  }
  save_screenshot (window, "create-panel-two-finished");

  /* Finished while the window was not active: the application tells of it (see
   * test-flow's restart-resumes), not the panel. */
  if (!gtk_window_is_active (window))
    {
      settle ();
      g_assert_cmpuint (world.notifications->len, ==, 0);
    }
  else
    g_test_message ("The window was active: no notification to miss");

  gtk_window_set_application (window, NULL);
  destroy_window (other);
  destroy_window (window);
}

static gboolean
job_is_submitting (gpointer data)
{
  return talkie_render_job_get_state (data) == TALKIE_JOB_STATE_SUBMITTING;
}

static TalkieJobRow *
row_for_job (GtkWidget       *panel,
             TalkieRenderJob *job)
{
  g_autoptr(GPtrArray) rows = talkie_test_ui_find_all (panel, TALKIE_TYPE_JOB_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (talkie_job_row_get_job (g_ptr_array_index (rows, i)) == job)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static GtkButton *
find_button_with_tooltip (GtkWidget  *widget,
                          const char *tooltip)
{
  g_autoptr(GPtrArray) buttons = talkie_test_ui_find_all (widget, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), tooltip) == 0 &&
        gtk_widget_get_visible (g_ptr_array_index (buttons, i)))
      return g_ptr_array_index (buttons, i);

  return NULL;
}

/* A render the user cancels, and one the service fails: each row says so. */
static void
test_create_cancel_and_fail (void)
{
  TalkieCreatePanel *panel = g_object_new (TALKIE_TYPE_CREATE_PANEL, NULL);
  TalkieAudioDrop *drop = talkie_create_panel_get_audio_drop (panel);
  TalkieVoicePicker *picker = talkie_create_panel_get_voice_picker (panel);
  GListModel *jobs = talkie_create_panel_get_jobs (panel);
  g_autoptr(TalkieRenderJob) cancelled = NULL;
  g_autoptr(TalkieRenderJob) failed = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  TalkieJobRow *row;
  GtkButton *cancel;
  GtkWindow *window;

  window = show_in_window (GTK_WIDGET (panel), PANEL_WIDTH, WIDE_HEIGHT);
  talkie_create_panel_set_client (panel, world.client);
  talkie_create_panel_set_avatar (panel, world.avatar);
  wait_for_picker_list (picker);
  voice = g_list_model_get_item (talkie_voice_picker_get_visible_voices (picker), 0);
  talkie_voice_picker_select_voice (picker, voice);

  /* The service is slow to take the render: time to change one's mind. */
  talkie_sandbox_set_fault (world.sandbox, "/open/render/talking_avatar", TALKIE_SANDBOX_FAULT_DELAY, 5000, 1);
  talkie_audio_drop_add_file (drop, world.voice_file);
  wait_for (panel_can_create, panel, "Create to become possible");
  g_assert_cmpuint (talkie_create_panel_create (panel), ==, 1);
  cancelled = g_list_model_get_item (jobs, 0);
  wait_for (job_is_submitting, cancelled, "the render to be submitted");
  row = row_for_job (GTK_WIDGET (panel), cancelled);
  g_assert_nonnull (row);
  g_assert_cmpstr (talkie_job_row_get_status_text (row), ==, "Starting the render…");
  save_screenshot (window, "create-panel-submitting");

  cancel = find_button_with_tooltip (GTK_WIDGET (row), "Cancel Render");
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  wait_for (job_is_final, cancelled, "the render to stop");
  g_assert_cmpint (talkie_render_job_get_state (cancelled), ==, TALKIE_JOB_STATE_CANCELLED);
  g_assert_cmpstr (talkie_job_row_get_status_text (row), ==, "Cancelled");
  g_assert_null (find_button_with_tooltip (GTK_WIDGET (row), "Cancel Render"));
  talkie_sandbox_clear_faults (world.sandbox);

  /* The service gives up on the next one: the row gives its reason. */
  talkie_sandbox_set_fault (world.sandbox, "*", TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 0);
  talkie_audio_drop_add_file (drop, world.voice_file);
  wait_for (panel_can_create, panel, "Create to become possible");
  g_assert_cmpuint (talkie_create_panel_create (panel), ==, 1);
  failed = g_list_model_get_item (jobs, 0);
  talkie_render_job_set_poll_interval (failed, 100, 400);
  wait_for (job_is_final, failed, "the render to fail");
  talkie_sandbox_clear_faults (world.sandbox);
  g_assert_cmpint (talkie_render_job_get_state (failed), ==, TALKIE_JOB_STATE_FAILED);
  row = row_for_job (GTK_WIDGET (panel), failed);
  g_assert_nonnull (row);
  g_assert_cmpstr (talkie_job_row_get_status_text (row), ==, talkie_render_job_get_error_message (failed));
  g_assert_nonnull (find_error_label (GTK_WIDGET (row)));
  settle ();
  save_screenshot (window, "create-panel-failed-and-cancelled");

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_ui_set_environment ();
  g_setenv ("TALKIE_AUDIO_SINK", "fake", TRUE);
  /* The video's sound has nowhere to go on a test machine either. */
  g_setenv ("GST_AUDIO_SINK", "fakesink", TRUE);

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
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

  g_test_add_func ("/parts/voice-picker-filters", test_voice_picker_filters);
  g_test_add_func ("/parts/voice-sample-plays", test_voice_sample_plays);
  g_test_add_func ("/parts/voice-sample-lifetimes", test_voice_sample_lifetimes);
  g_test_add_func ("/parts/voice-sample-dead-url", test_voice_sample_dead_url);
  g_test_add_func ("/parts/audio-drop", test_audio_drop);
  g_test_add_func ("/parts/create-flow", test_create_flow);
  g_test_add_func ("/parts/result-view", test_result_view);
  g_test_add_func ("/parts/result-view-failed", test_result_view_failed);
  g_test_add_func ("/parts/renders-page", test_renders_page);
  g_test_add_func ("/parts/create-queue", test_create_queue);
  g_test_add_func ("/parts/create-cancel-and-fail", test_create_cancel_and_fail);

  ret = g_test_run ();

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

  return ret;
}
