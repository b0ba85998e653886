/* test-create-panel.c: the create panel and the whole flow, then the result
 * view and the renders page on the render it made, the queue, cancelling and
 * failing, as real widgets under Xvfb, against an in-process sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-audio-drop.h"
#include "talkie-create-panel.h"
#include "talkie-job-row.h"
#include "talkie-renders-page.h"
#include "talkie-result-view.h"
#include "talkie-ui-retry.h"
#include "talkie-video-stream.h"
#include "talkie-voice-picker.h"

#include "talkie-test-parts-world.h"

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

/* The Create side as the window has it: the sidebar, and the Renders page where
 * the renders it starts are shown. */
static GtkWindow *
show_create_side (TalkieCreatePanel  *panel,
                  TalkieRendersPage **page_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *page = g_object_new (TALKIE_TYPE_RENDERS_PAGE, "hexpand", TRUE, NULL);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (panel));
  gtk_box_append (GTK_BOX (box), page);
  talkie_renders_page_set_history (TALKIE_RENDERS_PAGE (page), world.history);
  talkie_renders_page_set_client (TALKIE_RENDERS_PAGE (page), world.client);
  *page_out = TALKIE_RENDERS_PAGE (page);

  return show_in_window (box, PANEL_WIDTH + 520, WIDE_HEIGHT);
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
  TalkieRendersPage *page;
  TalkieJobRow *row = NULL;

  history_path = g_build_filename (world.tmpdir, "history.json", NULL);
  history_file = g_file_new_for_path (history_path);
  world.history = talkie_history_new (world.client, history_file);
  g_signal_connect (world.history, "items-changed", G_CALLBACK (on_history_items_changed), NULL);

  g_settings_set_boolean (settings, "default-subtitles", TRUE);
  g_settings_set_string (settings, "default-screen-style", "green-screen");

  window = show_create_side (panel, &page);
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
  g_signal_connect (page, "show-job", G_CALLBACK (on_show_job), &shown_job);
  g_assert_cmpuint (talkie_create_panel_create (panel), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (world.history)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (talkie_create_panel_get_jobs (panel)), ==, 1);
  world.job = g_list_model_get_item (G_LIST_MODEL (world.history), 0);

  /* The sidebar keeps no rows of renders: they are on the Renders page. */
  job_rows = talkie_test_ui_find_all (GTK_WIDGET (panel), TALKIE_TYPE_JOB_ROW);
  g_assert_cmpuint (job_rows->len, ==, 0);
  g_ptr_array_unref (job_rows);

  /* Its row is there at once, and what it says is followed from the start. */
  job_rows = talkie_test_ui_find_all (GTK_WIDGET (page), TALKIE_TYPE_JOB_ROW);
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
  TalkieRendersPage *page;
  TalkieJobRow *row;
  GtkButton *cancel;
  GtkWindow *window;

  window = show_create_side (panel, &page);
  talkie_create_panel_set_history (panel, world.history);
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
  row = row_for_job (GTK_WIDGET (page), cancelled);
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
  row = row_for_job (GTK_WIDGET (page), failed);
  g_assert_nonnull (row);
  g_assert_cmpstr (talkie_job_row_get_status_text (row), ==, talkie_render_job_get_error_message (failed));
  g_assert_nonnull (find_error_label (GTK_WIDGET (row)));
  settle ();
  save_screenshot (window, "create-panel-failed-and-cancelled");

  /* Both offer Try Again and Use These Settings. */
  g_assert_nonnull (find_button_with_label (GTK_WIDGET (row), "_Try Again"));
  g_assert_nonnull (find_button_with_label (GTK_WIDGET (row), "_Use These Settings"));
  g_assert_nonnull (find_button_with_label (GTK_WIDGET (row_for_job (GTK_WIDGET (page), cancelled)), "_Try Again"));

  /* Try Again: the same render once more, which the service now makes. */
  {
    guint before = g_list_model_get_n_items (G_LIST_MODEL (world.history));
    g_autoptr(TalkieRenderJob) again = NULL;
    gint64 avatar_id = 0, again_avatar_id = -1;

    g_signal_emit_by_name (find_button_with_label (GTK_WIDGET (row), "_Try Again"), "clicked");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (world.history)), ==, before + 1);
    again = g_list_model_get_item (G_LIST_MODEL (world.history), 0);
    g_assert_true (again != failed);
    talkie_render_job_set_poll_interval (again, 100, 400);
    g_object_get (failed, "avatar-id", &avatar_id, NULL);
    g_object_get (again, "avatar-id", &again_avatar_id, NULL);
    g_assert_cmpint (again_avatar_id, ==, avatar_id);
    g_assert_cmpstr (talkie_render_job_get_voice_name (again), ==, talkie_render_job_get_voice_name (failed));
    g_assert_cmpstr (talkie_render_job_get_audio_name (again), ==, talkie_render_job_get_audio_name (failed));
    wait_for (job_is_final, again, "the render made again");
    g_assert_cmpint (talkie_render_job_get_state (again), ==, TALKIE_JOB_STATE_SUCCEEDED);
  }

  /* Use These Settings: the voice and the recording come back into the sidebar. */
  {
    TalkieRenderJob *reused = NULL;
    g_autoptr(TalkieVoice) voice_again = NULL;
    g_autoptr(TalkieAudioSource) audio_again = NULL;
    TalkieRenderOptions options = { 0 };

    g_signal_connect (page, "use-settings", G_CALLBACK (on_show_job), &reused);
    g_signal_emit_by_name (find_button_with_label (GTK_WIDGET (row_for_job (GTK_WIDGET (page), failed)),
                                                             "_Use These Settings"), "clicked");
    g_assert_true (reused == failed);

    talkie_voice_picker_select_voice (picker, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (talkie_audio_drop_get_sources (drop)), ==, 0);
    voice_again = talkie_ui_job_dup_voice (failed);
    audio_again = talkie_ui_job_dup_audio (failed, NULL);
    g_assert_nonnull (audio_again);
    talkie_ui_job_get_options (failed, &options);
    talkie_create_panel_use_settings (panel, voice_again, audio_again, &options);
    g_assert_nonnull (talkie_voice_picker_get_selected_voice (picker));
    g_assert_cmpstr (talkie_voice_get_id (talkie_voice_picker_get_selected_voice (picker)), ==,
                     talkie_voice_get_id (voice));
    /* The listed voice, with its sample, not a bare copy. */
    g_assert_true (talkie_voice_picker_get_selected_voice (picker) == voice);
    g_assert_cmpuint (g_list_model_get_n_items (talkie_audio_drop_get_sources (drop)), ==, 1);
    wait_for (panel_can_create, panel, "Create with the settings used again");
    settle ();
    save_screenshot (window, "create-panel-settings-used-again");
  }

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_parts_init (&argc, &argv);

  g_test_add_func ("/ui/create-panel/flow", test_create_flow);
  g_test_add_func ("/ui/create-panel/result-view", test_result_view);
  g_test_add_func ("/ui/create-panel/result-view-failed", test_result_view_failed);
  g_test_add_func ("/ui/create-panel/renders-page", test_renders_page);
  g_test_add_func ("/ui/create-panel/queue", test_create_queue);
  g_test_add_func ("/ui/create-panel/cancel-and-fail", test_create_cancel_and_fail);

  ret = g_test_run ();

  talkie_test_parts_finish ();

  return ret;
}
