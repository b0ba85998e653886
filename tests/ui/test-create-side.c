/* test-create-side.c: the Create side as a whole, in the real window against the
 * sandbox, under Xvfb: the sidebar's width in every state, screenshots of each state
 * at 360, 600 and 1280 px, the accessible names, and the whole way from an avatar to
 * a playing result by keyboard alone.
 *
 * Runs once in English and once with LANGUAGE=de (see meson.build).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <gdk/x11/gdkx.h>

#include "talkie-avatar-cell.h"
#include "talkie-create-panel.h"
#include "talkie-job-row.h"
#include "talkie-renders-page.h"
#include "talkie-result-view.h"
#include "talkie-result-window.h"
#include "talkie-voice-picker.h"
#include "talkie-voice-row.h"

#include "talkie-test-window-world.h"

/* The sidebar's width beside the grid (talkie-create-panel.c), in every state. */
#define SIDEBAR_WIDTH 380

static const char *language = "en";
static const int widths[] = { 360, 600, 1280 };

/* --- helpers ------------------------------------------------------------------- */

static TalkieCreatePanel *
panel (void)
{
  return TALKIE_CREATE_PANEL (talkie_window_get_create_panel (world.window));
}

static TalkieVoicePicker *
picker (void)
{
  return talkie_create_panel_get_voice_picker (panel ());
}

static TalkieHistory *
history (void)
{
  return talkie_application_get_history (world.app);
}

static gboolean
picker_on (gpointer data)
{
  return g_strcmp0 (talkie_voice_picker_get_page (picker ()), data) == 0;
}

static gboolean
panel_can_create (gpointer data)
{
  return talkie_create_panel_get_can_create (panel ());
}

static gboolean
job_is_final (gpointer data)
{
  return talkie_job_state_is_final (talkie_render_job_get_state (data));
}

static gboolean
job_is_running (gpointer data)
{
  TalkieJobState state = talkie_render_job_get_state (data);

  return state == TALKIE_JOB_STATE_SUBMITTING || state == TALKIE_JOB_STATE_RENDERING;
}

static gboolean
window_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static gboolean
window_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static char *
shot_name (const char *state,
           int         width)
{
  return g_strdup_printf ("create-side-%s-%d-%s", language, width, state);
}

/* On a narrow window the sidebar is a page of its own: show the one asked for. */
static void
show_leaflet_page (const char *name)
{
  AdwLeaflet *leaflet = talkie_window_get_leaflet (world.window);

  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "create");
  if (adw_leaflet_get_folded (leaflet))
    adw_leaflet_set_visible_child_name (leaflet, name);
  settle ();
}

static void
show_renders (void)
{
  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "renders");
  settle ();
}

/* Screenshots of the window at each width, showing @page ("grid", "sidebar" or
 * "renders"); at 1280 px the sidebar must have its one width. */
static void
shoot_state (const char *state,
             const char *page)
{
  GtkWidget *sidebar = GTK_WIDGET (panel ());

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = shot_name (state, widths[i]);

      resize (widths[i], WIDE_HEIGHT);
      if (g_str_equal (page, "renders"))
        show_renders ();
      else
        show_leaflet_page (page);
      save_screenshot (name);

      /* Nothing wider than the window: no horizontal overflow in any state. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (world.window)), <=, widths[i]);

      if (widths[i] == WIDE_WIDTH && !g_str_equal (page, "renders"))
        {
          int width = gtk_widget_get_width (sidebar);

          g_test_message ("%s, %s: the sidebar is %d px wide", language, state, width);
          g_assert_false (adw_leaflet_get_folded (talkie_window_get_leaflet (world.window)));
          g_assert_cmpint (width, >=, SIDEBAR_WIDTH - 2);
          g_assert_cmpint (width, <=, SIDEBAR_WIDTH + 2);
        }
      else if (widths[i] < 700 && g_str_equal (page, "sidebar"))
        /* Folded: the sidebar has the window to itself. */
        g_assert_cmpint (gtk_widget_get_width (sidebar), >=, widths[i] - 24);
    }

  resize (WIDE_WIDTH, WIDE_HEIGHT);
}

static void
shoot_chooser (const char *state)
{
  GtkWindow *chooser = talkie_create_panel_get_voice_chooser (panel ());
  g_autofree char *name = g_strdup_printf ("create-side-%s-chooser-%s", language, state);

  talkie_create_panel_choose_voice (panel ());
  wait_for (window_shown, chooser, "the voice chooser");
  save_window_screenshot (chooser, name);
  gtk_window_close (chooser);
  wait_for (window_hidden, chooser, "the voice chooser to close");
}

static TalkieVoice *
listed_voice (guint position)
{
  return g_list_model_get_item (talkie_voice_picker_get_visible_voices (picker ()), position);
}

/* A link to a real audio file the sandbox serves: a voice's sample. */
static char *
recording_link (void)
{
  g_autoptr(TalkieVoice) voice = listed_voice (0);

  return g_strdup (talkie_voice_get_audition_url (voice));
}

static TalkieRenderJob *
newest_job (void)
{
  return g_list_model_get_item (G_LIST_MODEL (history ()), 0);
}

static gboolean
has_just_added (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LIST_BOX_ROW (widget) && gtk_widget_has_css_class (widget, "just-added");
}

static gboolean
recording_marked (gpointer data)
{
  return talkie_test_ui_find (GTK_WIDGET (panel ()), has_just_added, NULL) != NULL;
}

/* --- the states, their screenshots and the sidebar's width ------------------- */

static void
test_states (void)
{
  g_autoptr(TalkieRenderJob) running = NULL;
  g_autoptr(TalkieRenderJob) failed = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  g_autofree char *link = NULL;
  g_autoptr(GError) error = NULL;

  wait_for_filled_grid ();

  /* Empty: nothing chosen, nothing made. */
  wait_for (picker_on, (gpointer) "list", "the voices");
  shoot_state ("empty", "sidebar");
  shoot_state ("empty-grid", "grid");

  /* Loading and error: the voice chooser, with the room its states need. */
  talkie_sandbox_set_fault (world.sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_DELAY, 30000, 2);
  talkie_voice_picker_reload (picker ());
  g_assert_cmpstr (talkie_voice_picker_get_page (picker ()), ==, "loading");
  shoot_state ("loading", "sidebar");
  shoot_chooser ("loading");
  talkie_sandbox_clear_faults (world.sandbox);

  talkie_sandbox_set_fault (world.sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);
  talkie_voice_picker_reload (picker ());
  wait_for (picker_on, (gpointer) "error", "the voices to fail");
  shoot_state ("error", "sidebar");
  shoot_chooser ("error");
  talkie_sandbox_clear_faults (world.sandbox);
  talkie_voice_picker_reload (picker ());
  wait_for (picker_on, (gpointer) "list", "the voices again");

  talkie_voice_picker_set_search_text (picker (), "no voice is called this");
  wait_for (picker_on, (gpointer) "empty", "no matching voice");
  shoot_chooser ("no-match");
  talkie_voice_picker_set_search_text (picker (), NULL);
  wait_for (picker_on, (gpointer) "list", "the voices shown again");

  /* Chosen: an avatar, a voice, a recording; Create is on. */
  gtk_selection_model_select_item (gtk_grid_view_get_model (talkie_avatar_grid_get_grid_view (grid ())), 1, TRUE);
  voice = listed_voice (1);
  talkie_voice_picker_select_voice (picker (), voice);
  link = recording_link ();
  g_assert_nonnull (talkie_audio_drop_add_uri (talkie_create_panel_get_audio_drop (panel ()), link, &error));
  g_assert_no_error (error);
  /* The recording just added is marked a moment, where it can be seen. */
  wait_for (recording_marked, NULL, "the new recording to be marked");
  wait_for (panel_can_create, NULL, "Create to become possible");
  shoot_chooser ("chosen");
  shoot_state ("chosen", "sidebar");

  /* Rendering: the service is slow to take it; the sidebar says it in a line. */
  talkie_sandbox_set_fault (world.sandbox, "/open/render/talking_avatar", TALKIE_SANDBOX_FAULT_DELAY, 30000, 1);
  g_assert_cmpuint (talkie_create_panel_create (panel ()), ==, 1);
  running = newest_job ();
  wait_for (job_is_running, running, "the render to be submitted");
  g_assert_nonnull (talkie_create_panel_get_summary (panel ()));
  g_assert_cmpuint (talkie_window_get_renders_badge (world.window), ==, 1);
  shoot_state ("rendering", "sidebar");
  shoot_state ("rendering-renders", "renders");
  talkie_render_job_cancel (running);
  wait_for (job_is_final, running, "the render to be cancelled");
  talkie_sandbox_clear_faults (world.sandbox);
  g_assert_null (talkie_create_panel_get_summary (panel ()));
  g_assert_cmpuint (talkie_window_get_renders_badge (world.window), ==, 0);

  /* Failed, with Try Again: the reason in full. */
  g_assert_nonnull (talkie_audio_drop_add_uri (talkie_create_panel_get_audio_drop (panel ()), link, &error));
  wait_for (panel_can_create, NULL, "Create to become possible again");
  talkie_sandbox_set_fault (world.sandbox, "*", TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 0);
  g_assert_cmpuint (talkie_create_panel_create (panel ()), ==, 1);
  failed = newest_job ();
  talkie_render_job_set_poll_interval (failed, 100, 400);
  wait_for (job_is_final, failed, "the render to fail");
  talkie_sandbox_clear_faults (world.sandbox);
  g_assert_cmpint (talkie_render_job_get_state (failed), ==, TALKIE_JOB_STATE_FAILED);
  g_assert_nonnull (find_button (talkie_window_get_renders_page (world.window), _("_Try Again")));
  shoot_state ("failed", "renders");

  /* Many renders: the Renders page scrolls, the sidebar stays as it is. */
  for (guint i = 0; i < 10; i++)
    {
      g_assert_nonnull (talkie_audio_drop_add_uri (talkie_create_panel_get_audio_drop (panel ()), link, &error));
      wait_for (panel_can_create, NULL, "Create to become possible once more");
      g_assert_cmpuint (talkie_create_panel_create (panel ()), ==, 1);
      {
        g_autoptr(TalkieRenderJob) job = newest_job ();

        talkie_render_job_set_poll_interval (job, 100, 400);
      }
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history ())), >=, 12);
  shoot_state ("many", "sidebar");
  shoot_state ("many-renders", "renders");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (history ())); i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (G_LIST_MODEL (history ()), i);

      wait_for (job_is_final, job, "every render to end");
    }
  show_leaflet_page ("grid");
}

/* --- accessible names ----------------------------------------------------------- */

static void
assert_label (GtkWidget  *widget,
              const char *expected)
{
  g_autofree char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                 GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                 expected);

  if (problem != NULL)
    g_error ("The accessible name of a %s is “%s”, not “%s”",
             G_OBJECT_TYPE_NAME (widget), problem, expected);
}

static void
test_accessible_names (void)
{
  GtkGridView *grid_view = talkie_avatar_grid_get_grid_view (grid ());
  g_autoptr(GPtrArray) cells = NULL;
  GtkWidget *renders = talkie_window_get_renders_page (world.window);
  g_autoptr(GPtrArray) rows = NULL;
  GtkWindow *chooser;
  guint named = 0;

  wait_for_filled_grid ();
  show_leaflet_page ("grid");

  /* Each cell of the grid by its avatar. */
  cells = visible_cells ();
  g_assert_cmpuint (cells->len, >, 0);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      GtkWidget *item = gtk_widget_get_parent (cell);
      TalkieAvatar *avatar = talkie_avatar_cell_get_avatar (TALKIE_AVATAR_CELL (cell));

      g_assert_true (gtk_widget_get_parent (item) == GTK_WIDGET (grid_view));
      assert_label (item, talkie_avatar_get_name (avatar));
    }

  /* Each voice row by its voice: "Emily, English, female". */
  chooser = talkie_create_panel_get_voice_chooser (panel ());
  talkie_create_panel_choose_voice (panel ());
  wait_for (window_shown, chooser, "the voice chooser");
  wait_for (picker_on, (gpointer) "list", "the voices");
  settle ();
  {
    g_autoptr(GPtrArray) voice_rows = talkie_test_ui_find_all (GTK_WIDGET (chooser), TALKIE_TYPE_VOICE_ROW);

    g_assert_cmpuint (voice_rows->len, >, 0);
    for (guint i = 0; i < voice_rows->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (voice_rows, i);
        TalkieVoice *voice = talkie_voice_row_get_voice (TALKIE_VOICE_ROW (row));
        g_autofree char *language_label = NULL;
        g_autofree char *expected = NULL;
        const char *gender;

        if (voice == NULL || !gtk_widget_get_mapped (row))
          continue;

        language_label = talkie_language_dup_display_name (talkie_voice_get_language (voice));
        gender = talkie_voice_get_gender (voice) == TALKIE_GENDER_FEMALE ? "female"
                 : talkie_voice_get_gender (voice) == TALKIE_GENDER_MALE ? "male" : NULL;
        expected = gender ? g_strdup_printf ("%s, %s, %s", talkie_voice_get_name (voice), language_label, gender)
                          : g_strdup_printf ("%s, %s", talkie_voice_get_name (voice), language_label);
        if (g_str_equal (language, "en"))
          assert_label (gtk_widget_get_parent (row), expected);
        else
          g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                                           GTK_ACCESSIBLE_PROPERTY_LABEL));
        named++;
      }
  }
  g_assert_cmpuint (named, >, 0);
  gtk_window_close (chooser);
  wait_for (window_hidden, chooser, "the voice chooser to close");

  /* Each job row by its avatar and how it stands. */
  show_renders ();
  rows = talkie_test_ui_find_all (renders, TALKIE_TYPE_JOB_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      TalkieJobRow *row = g_ptr_array_index (rows, i);
      TalkieRenderJob *job = talkie_job_row_get_job (row);
      g_autofree char *expected = g_strdup_printf ("%s, %s",
                                                   talkie_render_job_get_avatar_name (job),
                                                   talkie_job_row_get_status_text (row));

      assert_label (gtk_widget_get_parent (GTK_WIDGET (row)), expected);
    }
  show_leaflet_page ("grid");
}

/* --- by keyboard alone ------------------------------------------------------------ */

/* Real keystrokes through the X server (XTEST), as a keyboard makes them: GTK 4 has
 * no way to make a key event in-process. */
static void
xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("xdotool %s failed: %s", args[0], error->message);
}

/* What a window manager does when a window comes up: it gets the keyboard. */
static void
focus_window (GtkWindow *window)
{
  g_autofree char *xid = NULL;

  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  xdotool ((const char *[]) { "windowfocus", "--sync", xid, NULL });
  settle ();
}

static void
press (const char *keys)
{
  xdotool ((const char *[]) { "key", "--delay", "30", keys, NULL });
  talkie_test_ui_settle (4, 25);
}

static void
type_text (const char *text)
{
  xdotool ((const char *[]) { "type", "--delay", "10", text, NULL });
  talkie_test_ui_settle (4, 25);
}

static GtkWidget *
focus_of (GtkWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
focus_inside (GtkWindow *window,
              GtkWidget *container)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && (focus == container || gtk_widget_is_ancestor (focus, container));
}

/* Tab until the focus is inside @container; at most @max presses. */
static void
tab_to (GtkWindow  *window,
        GtkWidget  *container,
        guint       max,
        const char *what)
{
  for (guint i = 0; i < max && !focus_inside (window, container); i++)
    press ("Tab");

  if (!focus_inside (window, container))
    g_error ("Tab did not reach %s (the focus is on a %s)", what,
             focus_of (window) ? G_OBJECT_TYPE_NAME (focus_of (window)) : "nothing");
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  g_autoptr(GPtrArray) rows = talkie_test_ui_find_all (root, ADW_TYPE_PREFERENCES_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  return NULL;
}

static GtkWidget *
find_list_view (GtkWidget  *root,
                const char *css_class)
{
  g_autoptr(GPtrArray) lists = talkie_test_ui_find_all (root, GTK_TYPE_LIST_VIEW);

  for (guint i = 0; i < lists->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (lists, i), css_class))
      return g_ptr_array_index (lists, i);

  return NULL;
}

static gboolean
history_grew (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (history ())) > GPOINTER_TO_UINT (data);
}

static gboolean
result_open (gpointer data)
{
  GtkWindow *result = talkie_window_get_result_window (world.window);

  return result != NULL && gtk_widget_get_mapped (GTK_WIDGET (result));
}

static gboolean
result_video_ready (gpointer data)
{
  GtkWindow *result = talkie_window_get_result_window (world.window);
  GtkMediaStream *stream;

  if (result == NULL)
    return FALSE;
  stream = gtk_video_get_media_stream (talkie_result_view_get_video (talkie_result_window_get_view (TALKIE_RESULT_WINDOW (result))));

  return stream != NULL && gtk_media_stream_is_prepared (stream);
}

static gboolean
result_playing (gpointer data)
{
  GtkMediaStream *stream = gtk_video_get_media_stream (data);

  return stream != NULL && gtk_media_stream_get_playing (stream);
}

static gboolean
result_closed (gpointer data)
{
  return talkie_window_get_result_window (world.window) == NULL;
}

static gboolean
player_has (gpointer data)
{
  TalkieAudioPlayer *player = talkie_voice_picker_get_player (picker ());

  return g_strcmp0 (talkie_audio_player_get_uri (player), data) == 0 &&
         talkie_audio_player_get_state (player) != TALKIE_AUDIO_PLAYER_STOPPED;
}

static void
test_keyboard_flow (void)
{
  GtkWindow *window = GTK_WINDOW (world.window);
  GtkWidget *grid_view = GTK_WIDGET (talkie_avatar_grid_get_grid_view (grid ()));
  GtkWindow *chooser = talkie_create_panel_get_voice_chooser (panel ());
  g_autofree char *link = NULL;
  g_autoptr(TalkieAvatar) third = NULL;
  g_autoptr(TalkieRenderJob) job = NULL;
  TalkieVoice *chosen;
  GtkWidget *voice_list;
  GtkWidget *url_entry;
  GtkWindow *result;
  GtkVideo *video;
  guint before;

  if (g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("Real keystrokes need xdotool (apt-get install xdotool)");
      return;
    }

  wait_for_filled_grid ();
  resize (WIDE_WIDTH, WIDE_HEIGHT);
  show_leaflet_page ("grid");
  gtk_selection_model_unselect_all (gtk_grid_view_get_model (GTK_GRID_VIEW (grid_view)));
  talkie_voice_picker_select_voice (picker (), NULL);
  g_assert_null (talkie_voice_picker_get_selected_voice (picker ()));
  focus_window (window);

  /* Ctrl+F: the avatar search; Tab on to the grid, Right twice, Enter picks. */
  press ("ctrl+f");
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), GTK_WIDGET (grid ())));
  tab_to (window, grid_view, 10, "the avatar grid");
  press ("Right");
  press ("Right");
  press ("Return");
  third = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), 2);
  g_assert_true (talkie_avatar_grid_get_selected_avatar (grid ()) == third);

  /* The grid is one Tab stop: the next Tab leaves it, however many avatars. */
  press ("Tab");
  g_assert_false (focus_inside (window, grid_view));

  /* On to the Voice row; Enter opens the chooser. */
  tab_to (window, find_row_titled (GTK_WIDGET (panel ()), _("No Voice Chosen")), 10, "the Voice row");
  press ("Return");
  wait_for (window_shown, chooser, "the voice chooser");
  focus_window (chooser);
  wait_for (picker_on, (gpointer) "list", "the voices");
  voice_list = find_list_view (GTK_WIDGET (chooser), "voice-list");
  g_assert_nonnull (voice_list);
  tab_to (chooser, voice_list, 8, "the voice list");
  press ("Down");

  /* Space plays the focused voice's sample: the one after the first. */
  {
    g_autoptr(TalkieVoice) second = listed_voice (1);

    press ("space");
    wait_for (player_has, (gpointer) talkie_voice_get_audition_url (second), "the sample to play");
    press ("space");

    /* The list is one Tab stop too. */
    press ("Tab");
    g_assert_false (focus_inside (chooser, voice_list));
    press ("shift+Tab");
    g_assert_true (focus_inside (chooser, voice_list));

    /* Enter chooses it and closes the chooser. */
    press ("Return");
    wait_for (window_hidden, chooser, "the chooser to close on Enter");
    chosen = talkie_voice_picker_get_selected_voice (picker ());
    g_assert_true (chosen == second);
  }

  /* Back in the window: Tab to the link entry, type a link, Enter adds it. */
  focus_window (window);
  url_entry = GTK_WIDGET (talkie_test_ui_find_type (GTK_WIDGET (talkie_create_panel_get_audio_drop (panel ())),
                                                     GTK_TYPE_ENTRY));
  g_assert_nonnull (url_entry);
  tab_to (window, url_entry, 12, "the link entry");
  link = recording_link ();
  type_text (link);
  press ("Return");
  wait_for (panel_can_create, NULL, "the link to be measured");

  /* Ctrl+Enter creates. */
  before = g_list_model_get_n_items (G_LIST_MODEL (history ()));
  press ("ctrl+Return");
  wait_for (history_grew, GUINT_TO_POINTER (before), "Ctrl+Enter to start a render");
  job = newest_job ();
  talkie_render_job_set_poll_interval (job, 100, 400);
  g_assert_cmpstr (talkie_render_job_get_avatar_name (job), ==, talkie_avatar_get_name (third));
  g_assert_cmpstr (talkie_render_job_get_voice_name (job), ==, talkie_voice_get_name (chosen));
  wait_for (job_is_final, job, "the render to end");
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);

  /* Alt+2: the Renders page; Tab to the render, Enter opens the result. */
  press ("alt+2");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (talkie_window_get_view_stack (world.window)), ==, "renders");
  {
    GtkWidget *row = GTK_WIDGET (talkie_test_ui_find_type (talkie_window_get_renders_page (world.window),
                                                            GTK_TYPE_LIST_BOX_ROW));

    g_assert_true (talkie_job_row_get_job (TALKIE_JOB_ROW (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)))) == job);
    tab_to (window, row, 12, "the newest render");
  }
  press ("Return");
  wait_for (result_open, NULL, "the result window");
  result = talkie_window_get_result_window (world.window);
  focus_window (result);
  wait_for (result_video_ready, NULL, "the video");
  video = talkie_result_view_get_video (talkie_result_window_get_view (TALKIE_RESULT_WINDOW (result)));

  /* Space plays; the controls are reachable by Tab; Escape closes. */
  press ("space");
  wait_for (result_playing, video, "Space to play the video");
  {
    g_autofree char *name = g_strdup_printf ("create-side-%s-result-playing", language);

    save_window_screenshot (result, name);
  }
  tab_to (result, talkie_result_view_get_controls (talkie_result_window_get_view (TALKIE_RESULT_WINDOW (result))),
          8, "the player's controls");
  press ("Escape");
  wait_for (result_closed, NULL, "Escape to close the result");

  /* Ctrl+?: the shortcuts window, which lists every shortcut the app has. */
  focus_window (window);
  press ("ctrl+question");
  {
    GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (world.window));
    g_autoptr(GPtrArray) listed = NULL;
    g_auto(GStrv) actions = NULL;

    g_assert_nonnull (overlay);
    wait_for (window_shown, overlay, "the shortcuts window");
    {
      g_autofree char *name = g_strdup_printf ("create-side-%s-shortcuts", language);

      save_window_screenshot (GTK_WINDOW (overlay), name);
    }
    listed = talkie_test_ui_find_all (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT);
    actions = gtk_application_list_action_descriptions (GTK_APPLICATION (world.app));
    for (guint i = 0; actions[i] != NULL; i++)
      {
        g_autofree char *name = g_strdup (actions[i]);
        gboolean found = FALSE;
        char *target = strchr (name, '(');

        if (target != NULL)
          *target = '\0';
        for (guint j = 0; j < listed->len && !found; j++)
          {
            g_autofree char *action = NULL;

            g_object_get (g_ptr_array_index (listed, j), "action-name", &action, NULL);
            found = g_strcmp0 (action, name) == 0;
          }
        if (!found)
          g_error ("The shortcuts window does not list %s", name);
      }
    press ("Escape");
    wait_for (window_hidden, overlay, "the shortcuts window to close");
  }

  show_leaflet_page ("grid");
}

int
main (int   argc,
      char *argv[])
{
  GDBusConnection *bus;
  GPtrArray *notifications;
  int ret;

  /* --lang=de: the German run, with the catalogues of this build tree. */
  if (argc > 1 && g_str_has_prefix (argv[argc - 1], "--lang="))
    {
      language = argv[argc - 1] + strlen ("--lang=");
      argv[--argc] = NULL;
    }
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, TALKIE_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The accessible names are read from GTK's test backend. */
  g_setenv ("TALKIE_TEST_GTK_A11Y", "test", TRUE);

  talkie_test_window_init (&argc, &argv);
  /* A render that ends while the window is not active is told by a notification. */
  notifications = g_ptr_array_new_with_free_func (g_free);
  bus = talkie_test_ui_start_notification_server (notifications);

  g_test_add_func ("/ui/create-side/states", test_states);
  g_test_add_func ("/ui/create-side/accessible-names", test_accessible_names);
  g_test_add_func ("/ui/create-side/keyboard", test_keyboard_flow);

  ret = g_test_run ();

  talkie_test_window_finish ();
  g_dbus_connection_close_sync (bus, NULL, NULL);
  g_object_unref (bus);
  g_ptr_array_unref (notifications);

  return ret;
}
