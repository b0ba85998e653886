/* test-flow.c: the whole application, end to end, the way a user goes through it,
 * against the sandbox, under Xvfb.
 *
 *   /ui/flow/whole-flow       pick an avatar, a voice, a recording; Create; the render
 *                             ends; the Renders page lists it; Watch plays it.
 *   /ui/flow/restart-resumes  a render left unfinished by an app that went away is
 *                             taken up again by the next start, with no user action;
 *                             its end is notified, and the notification shows it.
 *
 * One GApplication per process: the restart test runs each life of the app in a
 * subprocess of this program, against a sandbox that lives on its own thread here
 * (the parent only waits for its children, so the sandbox cannot use the main context).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <unistd.h>

#include <adwaita.h>
#include <gst/gst.h>

#include "talkie-sandbox.h"
#include "talkie-test-client-utils.h"
#include "talkie-test-ui-utils.h"

#include "talkie-application-private.h"
#include "talkie-audio-drop.h"
#include "talkie-avatar-cell.h"
#include "talkie-avatar-grid-private.h"
#include "talkie-create-panel.h"
#include "talkie-job-row.h"
#include "talkie-renders-page.h"
#include "talkie-result-view.h"
#include "talkie-voice-picker.h"
#include "talkie-window-private.h"

#define WIDE_WIDTH      1280
#define WIDE_HEIGHT     800
/* Only guards against hanging forever; nothing is asserted about speed. */
#define HANG_GUARD_S    60
#define CHILD_GUARD_US  (100 * G_USEC_PER_SEC)
/* The restart's sandbox: slow enough that the render is unfinished when the first
 * app goes away (status 4 comes three steps after the render was created). */
#define SLOW_STEP_MS    3000

/* The app of this process, when it has one. */
static struct
{
  TalkieSandbox     *sandbox;   /* the whole flow's, kept as long as its app */
  TalkieApplication *app;
  TalkieWindow      *window;
} world;

/* --- waiting ------------------------------------------------------------------------ */

static void
wait_for (TalkieTestCondition  condition,
          gpointer             data,
          const char          *what)
{
  if (!talkie_test_wait_until (condition, data, HANG_GUARD_S))
    g_error ("Gave up waiting for %s", what);
}

/* Lets pending layout and frames happen (longer than a stack's crossfade). */
static void
settle (void)
{
  talkie_test_ui_settle (10, 40);
}

/* --- screenshots -------------------------------------------------------------------- */

typedef struct
{
  GtkWindow  *window;
  const char *name;
  gboolean    done;
} Shot;

static void
after_paint_cb (GdkFrameClock *clock,
                Shot          *shot)
{
  if (shot->done)
    return;

  /* Right after a frame: everything has its allocation. */
  talkie_test_ui_save_png (GTK_WIDGET (shot->window), shot->name);
  shot->done = TRUE;
}

static gboolean
shot_done (gpointer data)
{
  return ((Shot *) data)->done;
}

static void
save_screenshot (GtkWindow  *window,
                 const char *name)
{
  Shot shot = { window, name, FALSE };
  GdkFrameClock *clock;
  gulong handler;

  settle ();

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &shot);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  wait_for (shot_done, &shot, "a frame to take a screenshot of");
  g_signal_handler_disconnect (clock, handler);
}

/* --- finding widgets ---------------------------------------------------------------- */

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

static TalkieJobRow *
row_for_job (GtkWidget       *widget,
             TalkieRenderJob *job)
{
  g_autoptr(GPtrArray) rows = talkie_test_ui_find_all (widget, TALKIE_TYPE_JOB_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (talkie_job_row_get_job (g_ptr_array_index (rows, i)) == job)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static gboolean
model_contains (GListModel *model,
                gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);

      if (object == item)
        return TRUE;
    }

  return FALSE;
}

/* --- the app ------------------------------------------------------------------------ */

static TalkieAvatarGrid *
grid (void)
{
  return talkie_window_get_avatar_grid (world.window);
}

static TalkieCreatePanel *
create_panel (void)
{
  return TALKIE_CREATE_PANEL (talkie_window_get_create_panel (world.window));
}

static TalkieRendersPage *
renders_page (void)
{
  return TALKIE_RENDERS_PAGE (talkie_window_get_renders_page (world.window));
}

static gboolean
width_is (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (world.window));

  /* Within the frame the window system may take off. */
  return width <= GPOINTER_TO_INT (data) && width >= GPOINTER_TO_INT (data) - 24;
}

static gboolean
page_is (gpointer data)
{
  return g_strcmp0 (talkie_window_get_page (world.window), data) == 0;
}

/* The real application, as `talkie` makes it, on @base_url with @key. */
static void
start_app (const char *base_url,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  g_assert_null (world.app);

  world.app = talkie_application_new_for_testing (base_url, key);
  if (!g_application_register (G_APPLICATION (world.app), NULL, &error))
    g_error ("The application did not register: %s", error->message);

  settings = talkie_application_get_settings (world.app);
  g_settings_set_int (settings, "window-width", WIDE_WIDTH);
  g_settings_set_int (settings, "window-height", WIDE_HEIGHT);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_string (settings, "aspect-ratio", "9:16");

  g_application_activate (G_APPLICATION (world.app));
  world.window = TALKIE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (world.app)));
  g_assert_nonnull (world.window);
  wait_for (width_is, GINT_TO_POINTER (WIDE_WIDTH), "the window to open");
  wait_for (page_is, (gpointer) "main", "the main page");
}

static gboolean
grid_filled (gpointer data)
{
  g_autoptr(GPtrArray) cells = NULL;
  guint shown = 0;

  if (g_strcmp0 (talkie_avatar_grid_get_state (grid ()), "grid") != 0)
    return FALSE;

  /* Every cell on screen has its cover. */
  cells = talkie_test_ui_find_all (GTK_WIDGET (talkie_avatar_grid_get_grid_view (grid ())), TALKIE_TYPE_AVATAR_CELL);
  for (guint i = 0; i < cells->len; i++)
    {
      TalkieAvatarCell *cell = g_ptr_array_index (cells, i);

      if (talkie_avatar_cell_get_avatar (cell) == NULL || !gtk_widget_get_mapped (GTK_WIDGET (cell)))
        continue;
      if (!talkie_avatar_cell_has_cover (cell))
        return FALSE;
      shown++;
    }

  return shown > 0;
}

static gboolean
voices_listed (gpointer data)
{
  return g_strcmp0 (talkie_voice_picker_get_page (data), "list") == 0;
}

static gboolean
drop_done_probing (gpointer data)
{
  return talkie_audio_drop_get_n_probing (data) == 0;
}

static gboolean
panel_can_create (gpointer data)
{
  return talkie_create_panel_get_can_create (data);
}

static gboolean
panel_has_job (gpointer data)
{
  return g_list_model_get_n_items (talkie_create_panel_get_jobs (data)) > 0;
}

static gboolean
job_is_rendering (gpointer data)
{
  return talkie_render_job_get_state (data) == TALKIE_JOB_STATE_RENDERING ||
         talkie_job_state_is_final (talkie_render_job_get_state (data));
}

static gboolean
job_has_status (gpointer data)
{
  return talkie_render_job_get_project (data) != NULL ||
         talkie_job_state_is_final (talkie_render_job_get_state (data));
}

static gboolean
job_is_final (gpointer data)
{
  return talkie_job_state_is_final (talkie_render_job_get_state (data));
}

/* 2.32 s of tone, recorded now: what a user's own recording would be. */
static GFile *
make_recording (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "my voice.wav", NULL);

  talkie_test_make_tone (path, 100, "wavenc");
  return g_file_new_for_path (path);
}

/* The user's way to a render: an avatar from the grid, a voice from the panel's list,
 * a recording into the drop zone, then Create. Returns the new render. */
static TalkieRenderJob *
create_render (const char *tmpdir,
               const char *selected_shot)
{
  TalkieCreatePanel *panel = create_panel ();
  TalkieVoicePicker *picker = talkie_create_panel_get_voice_picker (panel);
  TalkieAudioDrop *drop = talkie_create_panel_get_audio_drop (panel);
  GtkSelectionModel *avatars;
  GtkSelectionModel *voices = NULL;
  g_autoptr(TalkieAvatar) avatar = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  g_autoptr(GFile) recording = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  GtkButton *create;

  wait_for (grid_filled, NULL, "the avatars and their covers");
  g_assert_cmpuint (g_list_model_get_n_items (talkie_avatar_grid_get_model (grid ())), >, 1);
  g_assert_false (talkie_create_panel_get_can_create (panel));
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Choose an avatar");

  /* A click on the second avatar: its selection model selects it. */
  avatars = gtk_grid_view_get_model (talkie_avatar_grid_get_grid_view (grid ()));
  gtk_selection_model_select_item (avatars, 1, TRUE);
  avatar = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), 1);
  g_assert_true (talkie_avatar_grid_get_selected_avatar (grid ()) == avatar);
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), !=, "Choose an avatar");

  /* A click on the second voice of the panel's list. */
  wait_for (voices_listed, picker, "the voices");
  lists = talkie_test_ui_find_all (GTK_WIDGET (picker), GTK_TYPE_LIST_VIEW);
  for (guint i = 0; i < lists->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (lists, i), "voice-list"))
      voices = gtk_list_view_get_model (g_ptr_array_index (lists, i));
  g_assert_nonnull (voices);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (voices)), >=, 2);
  gtk_selection_model_select_item (voices, 1, TRUE);
  voice = g_list_model_get_item (G_LIST_MODEL (voices), 1);
  g_assert_true (talkie_voice_picker_get_selected_voice (picker) == voice);
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), ==, "Add your voice recording");

  /* A recording made just now, added as a drop or the file chooser would. */
  recording = make_recording (tmpdir);
  g_assert_nonnull (talkie_audio_drop_add_file (drop, recording));
  wait_for (drop_done_probing, drop, "the recording to be measured");
  g_assert_cmpuint (talkie_audio_drop_get_n_ready (drop), ==, 1);
  wait_for (panel_can_create, panel, "Create to become possible");

  create = find_button_with_label (GTK_WIDGET (panel), "_Create Video");
  g_assert_nonnull (create);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (create)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (create)));
  if (selected_shot != NULL)
    save_screenshot (GTK_WINDOW (world.window), selected_shot);

  /* Its activation: a short press, then the click. */
  g_assert_cmpuint (g_list_model_get_n_items (talkie_create_panel_get_jobs (panel)), ==, 0);
  gtk_widget_activate (GTK_WIDGET (create));
  wait_for (panel_has_job, panel, "Create to start a render");
  g_assert_cmpuint (g_list_model_get_n_items (talkie_create_panel_get_jobs (panel)), ==, 1);

  {
    TalkieRenderJob *job = g_list_model_get_item (talkie_create_panel_get_jobs (panel), 0);

    g_assert_cmpstr (talkie_render_job_get_avatar_name (job), ==, talkie_avatar_get_name (avatar));
    g_assert_cmpstr (talkie_render_job_get_voice_name (job), ==, talkie_voice_get_name (voice));
    g_assert_cmpstr (talkie_render_job_get_audio_name (job), ==, "my voice.wav");
    g_assert_true (model_contains (G_LIST_MODEL (talkie_application_get_history (world.app)), job));

    return job;
  }
}

static void
show_renders_page (void)
{
  /* What a click on the Renders tab does. */
  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "renders");
  g_assert_cmpstr (talkie_renders_page_get_page (renders_page ()), ==, "list");
}

/* --- /ui/flow/whole-flow ------------------------------------------------------------ */

static gboolean
result_video_ready (gpointer data)
{
  GtkWindow *window = talkie_window_get_result_window (world.window);
  g_autoptr(GPtrArray) views = NULL;
  GtkMediaStream *stream;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return FALSE;

  views = talkie_test_ui_find_all (GTK_WIDGET (window), TALKIE_TYPE_RESULT_VIEW);
  if (views->len == 0)
    return FALSE;

  stream = gtk_video_get_media_stream (talkie_result_view_get_video (g_ptr_array_index (views, 0)));
  return stream != NULL && gtk_media_stream_is_prepared (stream);
}

static gboolean
result_window_gone (gpointer data)
{
  return talkie_window_get_result_window (world.window) == NULL;
}

static void
test_whole_flow (void)
{
  TalkieSandbox *sandbox;
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autofree char *tmpdir = NULL;
  TalkieResultView *view;
  TalkieJobRow *row;
  GtkMediaStream *stream;
  GtkWindow *result;
  GtkButton *watch;

  /* Every poll moves the render on by one step at most: it is seen rendering,
   * however slow this machine is, for as long as it polls slowly. */
  sandbox = world.sandbox = talkie_test_start_sandbox ("step-ms", 100, "report-every-step", TRUE, NULL);
  tmpdir = talkie_test_make_tmp_dir ("talkie-flow-XXXXXX");

  start_app (talkie_sandbox_get_base_url (sandbox), talkie_sandbox_get_api_key (sandbox));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (talkie_window_get_view_stack (world.window)), ==, "create");

  job = create_render (tmpdir, "flow-selected");

  wait_for (job_is_rendering, job, "the render to be accepted");
  g_assert_nonnull (talkie_render_job_get_project_id (job));
  /* The sidebar has no rows of renders: a line that counts them, a badge on the
   * Renders tab, and a toast that leads there. */
  g_assert_null (row_for_job (GTK_WIDGET (create_panel ()), job));
  g_assert_cmpstr (talkie_create_panel_get_summary (create_panel ()), ==, "1 render running");
  g_assert_cmpuint (talkie_window_get_renders_badge (world.window), ==, 1);
  g_assert_cmpstr (talkie_window_get_last_toast (world.window), ==, "Render started");
  row = row_for_job (GTK_WIDGET (renders_page ()), job);
  g_assert_nonnull (row);

  /* The first status the service gave: three more polls, seconds apart, before it
   * can say the video is done. */
  wait_for (job_has_status, job, "the render's first status");
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_RENDERING);
  g_test_message ("While rendering, the panel said: %s", talkie_job_row_get_status_text (row));
  save_screenshot (GTK_WINDOW (world.window), "flow-rendering");

  /* From here on, no need to wait seconds between polls. */
  talkie_render_job_set_poll_interval (job, 100, 400);
  wait_for (job_is_final, job, "the render to end");
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_nonnull (talkie_render_job_get_video_url (job));
  g_assert_cmpstr (talkie_job_row_get_status_text (row), ==, "Ready to watch");
  g_assert_null (talkie_create_panel_get_summary (create_panel ()));
  g_assert_cmpuint (talkie_window_get_renders_badge (world.window), ==, 0);

  /* The Renders page lists it, ready. */
  show_renders_page ();
  g_assert_true (model_contains (talkie_renders_page_get_shown (renders_page ()), job));
  row = row_for_job (GTK_WIDGET (renders_page ()), job);
  g_assert_nonnull (row);
  g_assert_cmpstr (talkie_job_row_get_status_text (row), ==, "Ready to watch");
  save_screenshot (GTK_WINDOW (world.window), "flow-renders");

  /* Watch: the result window, with the video ready to play. */
  watch = find_button_with_label (GTK_WIDGET (row), "_Watch");
  g_assert_nonnull (watch);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (watch)));
  g_assert_null (talkie_window_get_result_window (world.window));
  g_signal_emit_by_name (watch, "clicked");
  wait_for (result_video_ready, NULL, "the result window's video to be prepared");

  result = talkie_window_get_result_window (world.window);
  g_assert_true (gtk_window_get_transient_for (result) == GTK_WINDOW (world.window));
  views = talkie_test_ui_find_all (GTK_WIDGET (result), TALKIE_TYPE_RESULT_VIEW);
  view = g_ptr_array_index (views, 0);
  g_assert_true (talkie_result_view_get_job (view) == job);
  g_assert_cmpstr (talkie_result_view_get_page (view), ==, "video");
  stream = gtk_video_get_media_stream (talkie_result_view_get_video (view));
  g_assert_true (gtk_media_stream_has_video (stream));
  g_assert_null (gtk_media_stream_get_error (stream));
  save_screenshot (result, "flow-result");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (result), "window.close", NULL));
  wait_for (result_window_gone, NULL, "the result window to close");

  /* The app (one per process) and its sandbox stay until the end of the program. */
  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "create");
  talkie_test_remove_tree (tmpdir);
}

/* --- /ui/flow/restart-resumes ------------------------------------------------------- */

/* The sandbox on a thread of its own, serving on that thread's own main context. */
typedef struct
{
  GThread      *thread;
  GMutex        lock;
  GCond         cond;
  GMainLoop    *loop;
  char         *base_url;
  char         *api_key;
  GError       *error;
  gboolean      ready;
} SandboxThread;

static gpointer
sandbox_thread_func (gpointer data)
{
  SandboxThread *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  gboolean started;

  g_main_context_push_thread_default (context);

  sandbox = g_object_new (TALKIE_TYPE_SANDBOX, "step-ms", SLOW_STEP_MS, NULL);
  started = talkie_sandbox_start (sandbox, &error);

  g_mutex_lock (&self->lock);
  if (started)
    {
      self->base_url = g_strdup (talkie_sandbox_get_base_url (sandbox));
      self->api_key = g_strdup (talkie_sandbox_get_api_key (sandbox));
      self->loop = g_main_loop_new (context, FALSE);
    }
  else
    self->error = g_steal_pointer (&error);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (started)
    {
      g_main_loop_run (self->loop);
      talkie_sandbox_stop (sandbox);
    }

  g_main_context_pop_thread_default (context);

  return NULL;
}

static SandboxThread *
sandbox_thread_start (void)
{
  SandboxThread *self = g_new0 (SandboxThread, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("flow-sandbox", sandbox_thread_func, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->error != NULL)
    g_error ("The sandbox did not start: %s", self->error->message);

  return self;
}

static void
sandbox_thread_stop (SandboxThread *self)
{
  g_main_loop_quit (self->loop);
  g_thread_join (self->thread);
  g_main_loop_unref (self->loop);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->base_url);
  g_free (self->api_key);
  g_free (self);
}

/* What the parent and its children tell each other: a key file in the private
 * TMPDIR they share. */
static char *
dup_restart_file (void)
{
  return g_build_filename (g_get_tmp_dir (), "talkie-flow-restart.ini", NULL);
}

static GKeyFile *
read_restart_file (void)
{
  g_autofree char *path = dup_restart_file ();
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&keys);
}

static void
write_restart_file (GKeyFile *keys)
{
  g_autofree char *path = dup_restart_file ();
  g_autoptr(GError) error = NULL;

  g_key_file_save_to_file (keys, path, &error);
  g_assert_no_error (error);
}

static gboolean
history_file_has_project (gpointer data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "talkie", "history.json", NULL);
  g_autofree char *contents = NULL;
  const char *project_id = talkie_render_job_get_project_id (data);

  if (project_id == NULL)
    return FALSE;
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return FALSE;

  return strstr (contents, project_id) != NULL;
}

/* The first life: a render is started, and the app is gone before it ends. */
static void
restart_phase_1 (GKeyFile *keys)
{
  g_autofree char *base_url = g_key_file_get_string (keys, "sandbox", "base-url", NULL);
  g_autofree char *api_key = g_key_file_get_string (keys, "sandbox", "api-key", NULL);
  g_autofree char *tmpdir = NULL;
  g_autoptr(TalkieRenderJob) job = NULL;

  tmpdir = talkie_test_make_tmp_dir ("talkie-flow-XXXXXX");

  start_app (base_url, api_key);
  /* A list of renders of its own (see main()). */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (talkie_application_get_history (world.app))), ==, 0);
  job = create_render (tmpdir, NULL);

  /* Accepted by the service, and written down. */
  wait_for (history_file_has_project, job, "the render's project id in the history file");
  g_assert_false (talkie_job_state_is_final (talkie_render_job_get_state (job)));
  show_renders_page ();
  save_screenshot (GTK_WINDOW (world.window), "flow-restart-first-life");

  g_key_file_set_string (keys, "render", "project-id", talkie_render_job_get_project_id (job));
  g_key_file_set_integer (keys, "render", "state", talkie_render_job_get_state (job));
  write_restart_file (keys);

  /* Gone, as after a crash or a kill: no shutdown, no last save. */
  talkie_test_remove_tree (tmpdir);
  _exit (0);
}

static TalkieRenderJob *
find_job (GListModel *model,
          const char *project_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (model, i);

      if (g_strcmp0 (talkie_render_job_get_project_id (job), project_id) == 0)
        return job;
    }

  return NULL;
}

static gboolean
has_notification (gpointer data)
{
  GPtrArray *summaries = data;

  return summaries->len > 0;
}

/* The second life: the same key and server; the render is taken up again. */
static void
restart_phase_2 (GKeyFile *keys)
{
  g_autofree char *base_url = g_key_file_get_string (keys, "sandbox", "base-url", NULL);
  g_autofree char *api_key = g_key_file_get_string (keys, "sandbox", "api-key", NULL);
  g_autofree char *project_id = g_key_file_get_string (keys, "render", "project-id", NULL);
  TalkieHistory *history;
  TalkieRenderJob *job;
  g_autoptr(GPtrArray) notifications = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDBusConnection) bus = NULL;
  TalkieJobRow *row;
  GtkButton *watch;
  GtkWidget *other;

  g_assert_nonnull (project_id);
  bus = talkie_test_ui_start_notification_server (notifications);
  start_app (base_url, api_key);

  /* The history read at start has it, still unfinished (the render cannot be done
   * before three steps of the sandbox have passed, and the first poll has not come). */
  history = talkie_application_get_history (world.app);
  g_assert_nonnull (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 1);
  job = find_job (G_LIST_MODEL (history), project_id);
  g_assert_nonnull (job);
  g_assert_false (talkie_job_state_is_final (talkie_render_job_get_state (job)));
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_RENDERING);

  /* The Renders page lists it as such. */
  show_renders_page ();
  g_assert_true (model_contains (talkie_renders_page_get_shown (renders_page ()), job));
  row = row_for_job (GTK_WIDGET (renders_page ()), job);
  g_assert_nonnull (row);
  g_test_message ("After the restart, the row says: %s", talkie_job_row_get_status_text (row));
  g_assert_cmpstr (talkie_job_row_get_status_text (row), !=, "Ready to watch");
  watch = find_button_with_label (GTK_WIDGET (row), "_Watch");
  g_assert_nonnull (watch);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (watch)));
  save_screenshot (GTK_WINDOW (world.window), "flow-restart-before");

  /* The user goes to another window meanwhile. */
  other = adw_window_new ();
  adw_window_set_content (ADW_WINDOW (other), gtk_label_new ("Elsewhere"));
  gtk_window_set_default_size (GTK_WINDOW (other), 200, 100);
  gtk_window_present (GTK_WINDOW (other));
  settle ();

  /* Nobody touches anything: its polling was resumed at start. Faster polls only
   * shorten the wait (they take effect from the next poll). */
  talkie_render_job_set_poll_interval (job, 200, 1000);
  wait_for (job_is_final, job, "the resumed render to end");
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);
  g_assert_nonnull (talkie_render_job_get_video_url (job));
  g_assert_cmpstr (talkie_job_row_get_status_text (row), ==, "Ready to watch");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (watch)));

  /* It ended while the window was not active: a notification, although this life
   * of the app did not start the render; clicking it shows the render. */
  if (!gtk_window_is_active (GTK_WINDOW (world.window)))
    {
      GtkWindow *result;
      TalkieResultView *view;

      wait_for (has_notification, notifications, "the notification");
      g_assert_cmpstr (g_ptr_array_index (notifications, 0), ==, "Your Video Is Ready");
      g_action_group_activate_action (G_ACTION_GROUP (world.app), "show-render",
                                      g_variant_new_string (project_id));
      result = talkie_window_get_result_window (world.window);
      g_assert_nonnull (result);
      view = TALKIE_RESULT_VIEW (talkie_test_ui_find_type (GTK_WIDGET (result), TALKIE_TYPE_RESULT_VIEW));
      g_assert_true (talkie_result_view_get_job (view) == job);
      gtk_window_destroy (result);
      g_assert_null (talkie_window_get_result_window (world.window));
    }
  else
    g_test_message ("The window was active: no notification to check");

  gtk_window_destroy (GTK_WINDOW (other));
  save_screenshot (GTK_WINDOW (world.window), "flow-restart-after");

  /* And the history file says so for the next start. */
  gtk_window_destroy (GTK_WINDOW (world.window));
  world.window = NULL;
  settle ();
  g_clear_object (&world.app);
}

static void
test_restart_resumes (void)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *project_id = NULL;
  SandboxThread *sandbox;

  if (g_test_subprocess ())
    {
      keys = read_restart_file ();
      switch (g_key_file_get_integer (keys, "test", "phase", NULL))
        {
        case 1:
          restart_phase_1 (keys);
          g_assert_not_reached ();
          break;
        case 2:
          restart_phase_2 (keys);
          break;
        default:
          g_assert_not_reached ();
        }
      return;
    }

  /* The sandbox outlives the first app: it is the service, elsewhere. */
  sandbox = sandbox_thread_start ();

  keys = g_key_file_new ();
  g_key_file_set_string (keys, "sandbox", "base-url", sandbox->base_url);
  g_key_file_set_string (keys, "sandbox", "api-key", sandbox->api_key);
  g_key_file_set_integer (keys, "test", "phase", 1);
  write_restart_file (keys);

  g_test_message ("First life: start a render, then go away");
  g_test_trap_subprocess (NULL, CHILD_GUARD_US, 0);
  g_test_trap_assert_passed ();

  g_clear_pointer (&keys, g_key_file_unref);
  keys = read_restart_file ();
  project_id = g_key_file_get_string (keys, "render", "project-id", NULL);
  g_assert_nonnull (project_id);
  {
    g_autoptr(GEnumClass) states = g_type_class_ref (TALKIE_TYPE_JOB_STATE);
    GEnumValue *state = g_enum_get_value (states, g_key_file_get_integer (keys, "render", "state", NULL));

    g_assert_nonnull (state);
    g_test_message ("Left render %s unfinished (%s)", project_id, state->value_nick);
  }

  g_test_message ("Second life: the render is taken up again");
  g_key_file_set_integer (keys, "test", "phase", 2);
  write_restart_file (keys);
  g_test_trap_subprocess (NULL, CHILD_GUARD_US, 0);
  g_test_trap_assert_passed ();

  sandbox_thread_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* The lives of the restart test keep their list of renders apart from the whole
   * flow's (which another app of the parent still holds): before anything reads
   * XDG_DATA_HOME, and before there are threads to race with setenv(). */
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--GTestSubprocess") && g_getenv ("XDG_DATA_HOME") != NULL)
        {
          g_autofree char *data = g_build_filename (g_getenv ("XDG_DATA_HOME"), "flow-restart", NULL);

          g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
          g_setenv ("XDG_DATA_HOME", data, TRUE);
        }
    }

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("TALKIE_AUDIO_SINK", "fake", TRUE);
  /* The video's sound has nowhere to go on a test machine either. */
  g_setenv ("GST_AUDIO_SINK", "fakesink", TRUE);

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/ui/flow/whole-flow", test_whole_flow);
  g_test_add_func ("/ui/flow/restart-resumes", test_restart_resumes);

  ret = g_test_run ();

  if (world.window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (world.window));
      settle ();
    }
  g_clear_object (&world.app);
  if (world.sandbox != NULL)
    talkie_sandbox_stop (world.sandbox);
  g_clear_object (&world.sandbox);

  return ret;
}
