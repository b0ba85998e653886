/* test-window.c: the real application window against the sandbox, under Xvfb:
 * the grid, search, aspect, the key and the result modal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>

#include "talkie-avatar-cell.h"
#include "talkie-cover-loader-private.h"
#include "talkie-create-panel.h"
#include "talkie-result-view.h"

#include "talkie-test-window-world.h"

static guint
count_names_containing (GListModel *model,
                        const char *needle)
{
  g_autofree char *folded_needle = g_utf8_casefold (needle, -1);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (model, i);
      g_autofree char *folded = g_utf8_casefold (talkie_avatar_get_name (avatar), -1);

      if (strstr (folded, folded_needle) != NULL)
        n++;
    }

  return n;
}

/* --- tests --------------------------------------------------------------- */

static void
test_grid_fills_with_covers (void)
{
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(TalkieAvatar) first = NULL;
  g_autofree char *reason_before = NULL;
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
  TalkieCreatePanel *panel;
  guint fetches;

  g_assert_cmpstr (talkie_window_get_page (world.window), ==, "main");
  wait_for_filled_grid ();

  g_assert_cmpuint (g_list_model_get_n_items (talkie_avatar_grid_get_model (grid ())), ==, AVATAR_COUNT);

  cells = visible_cells ();
  g_test_message ("%u cells visible", cells->len);
  g_assert_cmpuint (cells->len, >=, 8);
  g_assert_cmpuint (cells->len, <, AVATAR_COUNT);

  /* Only what is bound was fetched, not the whole list. */
  fetches = talkie_cover_loader_get_fetch_count (loader);
  g_assert_cmpuint (fetches, >=, cells->len);
  g_assert_cmpuint (fetches, <, AVATAR_COUNT);

  for (guint i = 0; i < cells->len; i++)
    {
      TalkieAvatarCell *cell = g_ptr_array_index (cells, i);
      const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (cell));

      g_assert_true (talkie_avatar_cell_has_cover (cell));
      g_assert_cmpstr (tooltip, ==, talkie_avatar_get_name (talkie_avatar_cell_get_avatar (cell)));
    }

  save_screenshot ("grid");

  /* Pick one: the window hands it to the create panel, which asks for the next thing. */
  g_assert_null (talkie_avatar_grid_get_selected_avatar (grid ()));
  panel = TALKIE_CREATE_PANEL (talkie_window_get_create_panel (world.window));
  reason_before = g_strdup (talkie_create_panel_get_reason (panel));
  gtk_selection_model_select_item (gtk_grid_view_get_model (talkie_avatar_grid_get_grid_view (grid ())), 1, TRUE);
  first = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), 1);
  g_assert_true (talkie_avatar_grid_get_selected_avatar (grid ()) == first);
  g_test_message ("Panel before: “%s”, after: “%s”", reason_before, talkie_create_panel_get_reason (panel));
  g_assert_cmpstr (talkie_create_panel_get_reason (panel), !=, reason_before);
  save_screenshot ("grid-selected");
}

static void
test_search_filters (void)
{
  GtkEditable *entry = talkie_avatar_grid_get_search_entry (grid ());
  Count count;

  wait_for_filled_grid ();

  count.n = count_names_containing (all_avatars (), "amanda");
  g_assert_cmpuint (count.n, >, 0);
  g_assert_cmpuint (count.n, <, AVATAR_COUNT);

  /* Typed in another case than the names have. */
  gtk_editable_set_text (entry, "AMANDA");
  wait_for (filtered_count_is, &count, "the search to filter");
  g_assert_cmpstr (talkie_avatar_grid_get_state (grid ()), ==, "grid");
  for (guint i = 0; i < count.n; i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), i);

      g_assert_true (g_str_has_prefix (talkie_avatar_get_name (avatar), "Amanda"));
    }
  wait_for (covers_shown, NULL, "the covers of the search results");
  save_screenshot ("search");

  /* Enter in the search picks the first match. */
  g_signal_emit_by_name (entry, "activate");
  {
    g_autoptr(TalkieAvatar) first = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), 0);

    g_assert_true (talkie_avatar_grid_get_selected_avatar (grid ()) == first);
  }

  gtk_editable_set_text (entry, "no such avatar <b>");
  wait_for (grid_state_is, (gpointer) "no-results", "the no-results state");
  save_screenshot ("search-no-results");

  gtk_editable_set_text (entry, "");
  count.n = AVATAR_COUNT;
  wait_for (filtered_count_is, &count, "the search to clear");
  g_assert_cmpstr (talkie_avatar_grid_get_state (grid ()), ==, "grid");
}

static gboolean
all_have_aspect (gpointer data)
{
  TalkieAspectRatio aspect = GPOINTER_TO_INT (data);
  GListModel *model = talkie_avatar_grid_get_model (grid ());
  guint n = g_list_model_get_n_items (model);

  if (!grid_state_is ((gpointer) "grid") || n == 0)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (model, i);

      if (talkie_avatar_get_aspect_ratio (avatar) != aspect)
        return FALSE;
    }

  return TRUE;
}


static void
test_aspect_switch (void)
{
  GSettings *settings = talkie_application_get_settings (world.app);
  GtkToggleButton *landscape = find_toggle (GTK_WIDGET (grid ()), "16:9");
  GtkToggleButton *portrait = find_toggle (GTK_WIDGET (grid ()), "9:16");
  g_autofree char *saved = NULL;
  g_autoptr(TalkieAvatar) first = NULL;
  int width, height;

  g_assert_nonnull (landscape);
  g_assert_nonnull (portrait);
  wait_for_filled_grid ();

  /* A button's activation is a short animated press, then the click. */
  gtk_widget_activate (GTK_WIDGET (landscape));
  wait_for (all_have_aspect, GINT_TO_POINTER (TALKIE_ASPECT_RATIO_LANDSCAPE), "the 16:9 avatars");
  g_assert_cmpuint (g_list_model_get_n_items (talkie_avatar_grid_get_model (grid ())), ==, AVATAR_COUNT);
  saved = g_settings_get_string (settings, "aspect-ratio");
  g_assert_cmpstr (saved, ==, "16:9");

  talkie_avatar_grid_get_cover_size (grid (), &width, &height);
  g_assert_cmpint (width, >, height);
  wait_for_filled_grid ();
  save_screenshot ("aspect-16-9");

  /* The setting drives the grid too. */
  g_settings_set_string (settings, "aspect-ratio", "1:1");
  wait_for (all_have_aspect, GINT_TO_POINTER (TALKIE_ASPECT_RATIO_SQUARE), "the 1:1 avatars");
  g_assert_true (gtk_toggle_button_get_active (find_toggle (GTK_WIDGET (grid ()), "1:1")));
  wait_for_filled_grid ();
  save_screenshot ("aspect-1-1");

  gtk_widget_activate (GTK_WIDGET (portrait));
  wait_for (all_have_aspect, GINT_TO_POINTER (TALKIE_ASPECT_RATIO_PORTRAIT), "the 9:16 avatars");
  wait_for_filled_grid ();
}

static gboolean
source_is_mine (gpointer data)
{
  return talkie_avatar_grid_get_source (grid ()) == TALKIE_SOURCE_MINE;
}

static void
test_my_avatars (void)
{
  GtkToggleButton *mine = talkie_avatar_grid_get_mine_button (grid ());
  Count count = { MINE_COUNT };

  wait_for_filled_grid ();

  gtk_widget_activate (GTK_WIDGET (mine));
  wait_for (source_is_mine, NULL, "the My Avatars toggle");
  wait_for (grid_state_is, (gpointer) "grid", "my avatars");
  wait_for (filtered_count_is, &count, "my 3 avatars");

  for (guint i = 0; i < MINE_COUNT; i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), i);

      g_assert_cmpint (talkie_avatar_get_source (avatar), ==, TALKIE_SOURCE_MINE);
    }

  wait_for (covers_shown, NULL, "the covers of my avatars");
  save_screenshot ("my-avatars");

  talkie_avatar_grid_set_source (grid (), TALKIE_SOURCE_PUBLIC);
  g_assert_true (gtk_toggle_button_get_active (find_toggle (GTK_WIDGET (grid ()), "_Public")));
  wait_for_filled_grid ();
}

static gboolean
avatar_hits_above (gpointer data)
{
  return talkie_sandbox_get_hits (world.sandbox, "/open/avatar") > GPOINTER_TO_UINT (data);
}

static void
test_error_and_retry (void)
{
  GtkButton *retry = talkie_avatar_grid_get_retry_button (grid ());
  guint hits;

  wait_for_filled_grid ();

  /* A slow server: the loading state. */
  talkie_sandbox_set_fault (world.sandbox, "/open/avatar", TALKIE_SANDBOX_FAULT_DELAY, 1500, 1);
  talkie_avatar_grid_reload (grid ());
  g_assert_cmpstr (talkie_avatar_grid_get_state (grid ()), ==, "loading");
  save_screenshot ("loading");
  wait_for_filled_grid ();

  talkie_sandbox_set_fault (world.sandbox, "/open/avatar", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);
  talkie_avatar_grid_reload (grid ());
  wait_for (grid_state_is, (gpointer) "error", "the error state");
  g_assert_cmpstr (talkie_window_get_page (world.window), ==, "main");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (retry)));
  save_screenshot ("error");

  /* Retry while it still fails: still the error, asked again. */
  hits = talkie_sandbox_get_hits (world.sandbox, "/open/avatar");
  gtk_widget_activate (GTK_WIDGET (retry));
  wait_for (avatar_hits_above, GUINT_TO_POINTER (hits), "the retry to reach the server");
  wait_for (grid_state_is, (gpointer) "error", "the error state again");

  talkie_sandbox_clear_faults (world.sandbox);
  gtk_widget_activate (GTK_WIDGET (retry));
  wait_for_filled_grid ();
  g_assert_cmpuint (g_list_model_get_n_items (talkie_avatar_grid_get_model (grid ())), ==, AVATAR_COUNT);
}

static gboolean keyring_has (gpointer data);

static void
test_wrong_key (void)
{
  GtkButton *save;
  const char *problem;

  wait_for_filled_grid ();

  talkie_application_save_key (world.app, "not-the-sandbox-key");
  wait_for (page_is, (gpointer) "welcome", "the key page");
  g_assert_null (talkie_application_get_client (world.app));

  problem = talkie_window_get_key_problem_text (world.window);
  g_test_message ("Reason shown: %s", problem);
  g_assert_cmpstr (problem, !=, "");
  g_assert_cmpstr (problem, ==, talkie_application_get_key_problem (world.app));
  /* The key itself is never shown back. */
  g_assert_null (strstr (problem, "not-the-sandbox-key"));
  save_screenshot ("welcome-rejected");
  /* A key the server refused is not kept. */
  g_assert_true (keyring_has (NULL));

  /* Entering the right key on that page signs in again. */
  gtk_editable_set_text (talkie_window_get_key_entry (world.window), talkie_sandbox_get_api_key (world.sandbox));
  save = find_button (GTK_WIDGET (world.window), "_Save Key");
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  gtk_widget_activate (GTK_WIDGET (save));
  wait_for (page_is, (gpointer) "main", "the main page");
  g_assert_null (talkie_application_get_key_problem (world.app));
  wait_for_filled_grid ();
  /* The accepted one is. */
  wait_for (keyring_has, (gpointer) talkie_sandbox_get_api_key (world.sandbox), "the accepted key in the keyring");
}

static GtkButton *
find_header_button (const char *icon_name)
{
  GtkWidget *widget = GTK_WIDGET (world.window);
  GPtrArray *todo = g_ptr_array_new ();
  GtkButton *found = NULL;

  g_ptr_array_add (todo, widget);
  while (todo->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (todo, todo->len - 1);

      if (GTK_IS_BUTTON (w) && gtk_widget_get_ancestor (w, ADW_TYPE_HEADER_BAR) != NULL &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (w)), icon_name) == 0)
        found = GTK_BUTTON (w);

      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_ptr_array_unref (todo);

  return found;
}

static gboolean
button_shown (gpointer data)
{
  GtkButton *button = find_header_button (data);

  return button != NULL && gtk_widget_get_mapped (GTK_WIDGET (button));
}

static gboolean
leaflet_on (gpointer data)
{
  AdwLeaflet *leaflet = talkie_window_get_leaflet (world.window);

  return adw_leaflet_get_folded (leaflet) &&
         g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), data) == 0 &&
         !adw_leaflet_get_child_transition_running (leaflet);
}

static gboolean
leaflet_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (talkie_window_get_leaflet (world.window)) &&
         !gtk_widget_get_visible (GTK_WIDGET (find_header_button ("go-next-symbolic"))) &&
         !gtk_widget_get_visible (GTK_WIDGET (find_header_button ("go-previous-symbolic")));
}

static void
test_corrupt_history (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "talkie", NULL);
  g_autofree char *path = g_build_filename (dir, "history.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *toast;
  const char *name;
  gboolean set_aside = FALSE;

  wait_for_filled_grid ();

  /* Signed out, the app holds no history; a broken list of renders is then found
   * when signing in again builds a new client, and so a new history. (While a
   * history is held, it is written back before a new one reads the file.) */
  talkie_application_remove_key (world.app);
  wait_for (page_is, (gpointer) "welcome", "the key page");
  g_assert_null (talkie_application_get_history (world.app));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{ \"jobs\": [ {\"state\": ", -1, &error));
  g_assert_no_error (error);

  talkie_application_save_key (world.app, talkie_sandbox_get_api_key (world.sandbox));
  wait_for (page_is, (gpointer) "main", "the main page");
  g_assert_nonnull (talkie_application_get_history (world.app));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (talkie_application_get_history (world.app))), ==, 0);

  toast = talkie_window_get_last_toast (world.window);
  g_test_message ("Toast: %s", toast);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, "could not be read"));
  g_assert_cmpint (g_utf8_strlen (toast, -1), <, 100);

  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)))
    set_aside |= g_str_has_prefix (name, "history.json.corrupt");
  g_assert_true (set_aside);

  save_screenshot ("corrupt-history-toast");
  wait_for_filled_grid ();
}

static void
test_narrow (void)
{
  AdwLeaflet *leaflet = talkie_window_get_leaflet (world.window);
  GtkWidget *panel = talkie_window_get_create_panel (world.window);

  wait_for_filled_grid ();
  g_assert_false (adw_leaflet_get_folded (leaflet));

  resize (NARROW_WIDTH, WIDE_HEIGHT);
  wait_for_filled_grid ();
  save_screenshot ("narrow");

  /* Folded: the sidebar is the next page, from the header's Next button. */
  wait_for (leaflet_on, (gpointer) "grid", "the grid page");
  wait_for (button_shown, (gpointer) "go-next-symbolic", "the sidebar button");
  g_assert_false (gtk_widget_get_mapped (panel));
  gtk_widget_activate (GTK_WIDGET (find_header_button ("go-next-symbolic")));
  wait_for (leaflet_on, (gpointer) "sidebar", "the sidebar page");
  wait_for (button_shown, (gpointer) "go-previous-symbolic", "the back button");
  g_assert_true (gtk_widget_get_mapped (panel));
  /* The sidebar takes the whole narrow window. */
  g_assert_cmpint (gtk_widget_get_width (panel), >=, NARROW_WIDTH - 24);
  save_screenshot ("narrow-create-panel");

  /* The Renders page has neither button. */
  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "renders");
  talkie_test_ui_settle (3, 30);
  g_assert_false (button_shown ((gpointer) "go-previous-symbolic"));
  g_assert_false (button_shown ((gpointer) "go-next-symbolic"));
  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "create");

  gtk_widget_activate (GTK_WIDGET (find_header_button ("go-previous-symbolic")));
  wait_for (leaflet_on, (gpointer) "grid", "the grid again");

  /* Enter on an avatar picks it and goes on to the sidebar. */
  g_signal_emit_by_name (talkie_avatar_grid_get_grid_view (grid ()), "activate", 4);
  {
    g_autoptr(TalkieAvatar) fifth = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), 4);

    g_assert_true (talkie_avatar_grid_get_selected_avatar (grid ()) == fifth);
  }
  wait_for (leaflet_on, (gpointer) "sidebar", "the sidebar for the chosen avatar");
  adw_leaflet_set_visible_child_name (leaflet, "grid");

  resize (WIDE_WIDTH, WIDE_HEIGHT);
  wait_for (leaflet_unfolded, NULL, "the sidebar beside the grid again");
  wait_for_filled_grid ();
}

static void
test_close_saves_size (void)
{
  GSettings *settings = talkie_application_get_settings (world.app);
  gboolean stopped = TRUE;

  resize (1000, 700);
  /* The handler saves; the emission alone does not close the window. */
  g_signal_emit_by_name (world.window, "close-request", &stopped);
  g_assert_false (stopped);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  resize (WIDE_WIDTH, WIDE_HEIGHT);
}

static void
test_welcome (void)
{
  talkie_application_remove_key (world.app);
  wait_for (page_is, (gpointer) "welcome", "the key page");
  g_assert_cmpstr (talkie_window_get_key_problem_text (world.window), ==, "");
  save_screenshot ("welcome");

  resize (NARROW_WIDTH, WIDE_HEIGHT);
  save_screenshot ("welcome-narrow");
  resize (WIDE_WIDTH, WIDE_HEIGHT);

  talkie_application_save_key (world.app, talkie_sandbox_get_api_key (world.sandbox));
  wait_for (page_is, (gpointer) "main", "the main page");
  wait_for_filled_grid ();
}

/* --- the result modal ------------------------------------------------------------ */

static gboolean
result_window_mapped (gpointer data)
{
  GtkWindow *window = talkie_window_get_result_window (world.window);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
result_window_gone (gpointer data)
{
  return talkie_window_get_result_window (world.window) == NULL;
}

static TalkieRenderJob *
make_job (const char *audio_name)
{
  g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (all_avatars (), 0);
  g_autoptr(TalkieVoice) voice = talkie_voice_new ("en-US-EmilyNeural", "Emily", "english", NULL,
                                                   TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_FEMALE);
  g_autofree char *uri = g_strdup_printf ("%s/media/%s", talkie_sandbox_get_base_url (world.sandbox), audio_name);
  g_autoptr(TalkieAudioSource) audio = talkie_audio_source_new_for_uri (uri, NULL);
  TalkieRenderOptions options = { TALKIE_ASPECT_RATIO_PORTRAIT, TALKIE_SCREEN_STYLE_BACKGROUND, FALSE };

  g_assert_nonnull (audio);
  return talkie_render_job_new (talkie_application_get_client (world.app), avatar, voice, audio, &options);
}

static void
test_result_modal (void)
{
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(TalkieRenderJob) other = NULL;
  GtkWindow *modal;
  GtkWidget *view;

  wait_for_filled_grid ();
  job = make_job ("first.mp3");
  other = make_job ("second.mp3");

  g_assert_null (talkie_window_get_result_window (world.window));
  talkie_window_show_job (world.window, job);
  wait_for (result_window_mapped, NULL, "the result window");
  modal = talkie_window_get_result_window (world.window);
  g_assert_true (gtk_window_get_modal (modal));
  g_assert_true (gtk_window_get_transient_for (modal) == GTK_WINDOW (world.window));
  g_assert_cmpstr (gtk_window_get_title (modal), ==, talkie_render_job_get_avatar_name (job));
  view = talkie_test_ui_find_type (GTK_WIDGET (modal), TALKIE_TYPE_RESULT_VIEW);
  g_assert_nonnull (view);
  g_assert_true (talkie_result_view_get_job (TALKIE_RESULT_VIEW (view)) == job);
  g_assert_nonnull (talkie_test_ui_find_type (GTK_WIDGET (modal), ADW_TYPE_HEADER_BAR));
  save_window_screenshot (modal, "result-modal");

  /* Another job: the same window shows it. */
  talkie_window_show_job (world.window, other);
  g_assert_true (talkie_window_get_result_window (world.window) == modal);
  g_assert_true (talkie_result_view_get_job (TALKIE_RESULT_VIEW (view)) == other);

  /* Close it (Escape is a shortcut for this action in the modal). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (modal), "window.close", NULL));
  wait_for (result_window_gone, NULL, "the result window to close");
}

/* --- the key in the keyring -------------------------------------------------------- */

typedef struct
{
  char     *key;
  GError   *error;
  gboolean  done;
} Lookup;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Lookup *lookup = data;

  lookup->key = talkie_secret_lookup_finish (result, &lookup->error);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer data)
{
  return ((Lookup *) data)->done;
}

static gboolean
keyring_has (gpointer data)
{
  Lookup lookup = { 0 };
  gboolean same;

  talkie_secret_lookup_async (talkie_sandbox_get_base_url (world.sandbox), NULL, lookup_cb, &lookup);
  wait_for (lookup_done, &lookup, "the keyring");
  g_assert_no_error (lookup.error);
  same = g_strcmp0 (lookup.key, data) == 0;
  g_free (lookup.key);

  return same;
}

static void
test_key_in_keyring (void)
{
  const char *key = talkie_sandbox_get_api_key (world.sandbox);

  wait_for_filled_grid ();

  talkie_application_save_key (world.app, key);
  wait_for (page_is, (gpointer) "main", "the main page");
  wait_for (keyring_has, (gpointer) key, "the key in the keyring");

  talkie_application_remove_key (world.app);
  wait_for (page_is, (gpointer) "welcome", "the key page");
  wait_for (keyring_has, NULL, "the key to leave the keyring");
  g_assert_null (talkie_application_get_client (world.app));

  talkie_application_save_key (world.app, key);
  wait_for (page_is, (gpointer) "main", "the main page");
  wait_for_filled_grid ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_window_init (&argc, &argv);

  g_test_add_func ("/ui/window/grid-fills-with-covers", test_grid_fills_with_covers);
  g_test_add_func ("/ui/window/search-filters", test_search_filters);
  g_test_add_func ("/ui/window/aspect-switch", test_aspect_switch);
  g_test_add_func ("/ui/window/my-avatars", test_my_avatars);
  g_test_add_func ("/ui/window/error-and-retry", test_error_and_retry);
  g_test_add_func ("/ui/window/wrong-key", test_wrong_key);
  g_test_add_func ("/ui/window/corrupt-history", test_corrupt_history);
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/close-saves-size", test_close_saves_size);
  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/key-in-keyring", test_key_in_keyring);
  g_test_add_func ("/ui/window/result-modal", test_result_modal);

  ret = g_test_run ();

  talkie_test_window_finish ();

  return ret;
}
