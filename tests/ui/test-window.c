/* test-window.c: the real application window against the sandbox, under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>
#include <gst/gst.h>

#include "talkie-sandbox.h"

#include "talkie-application-private.h"
#include "talkie-avatar-cell.h"
#include "talkie-avatar-grid-private.h"
#include "talkie-cover-loader-private.h"
#include "talkie-create-panel.h"
#include "talkie-preferences-window.h"
#include "talkie-result-view.h"
#include "talkie-window-private.h"

#include "talkie-test-client-utils.h"
#include "talkie-test-ui-utils.h"

#define WIDE_WIDTH    1280
#define WIDE_HEIGHT   800
#define NARROW_WIDTH  600
#define AVATAR_COUNT  48
#define MINE_COUNT    3
/* Only a guard against hanging forever; nothing is asserted about speed. */
#define HANG_GUARD_S  20

typedef struct
{
  TalkieSandbox     *sandbox;
  TalkieApplication *app;
  TalkieWindow      *window;
} World;

/* The one world of this process (one application per process). */
static World world;

typedef gboolean (*Condition) (gpointer data);

static void
wait_for (Condition    condition,
          gpointer     data,
          const char  *what)
{
  if (!talkie_test_wait_until (condition, data, HANG_GUARD_S))
    g_error ("Gave up waiting for %s (window %d×%d)", what,
             world.window ? gtk_widget_get_width (GTK_WIDGET (world.window)) : -1,
             world.window ? gtk_widget_get_height (GTK_WIDGET (world.window)) : -1);
}

/* Lets pending layout and frames happen. */
static void
settle (void)
{
  /* Longer than a stack's crossfade, so screenshots show where it lands. */
  talkie_test_ui_settle (10, 40);
}

static TalkieAvatarGrid *
grid (void)
{
  return talkie_window_get_avatar_grid (world.window);
}

static gboolean
grid_state_is (gpointer data)
{
  return g_strcmp0 (talkie_avatar_grid_get_state (grid ()), data) == 0;
}

static gboolean
page_is (gpointer data)
{
  return g_strcmp0 (talkie_window_get_page (world.window), data) == 0;
}

static void
collect_cells (GtkWidget  *widget,
               GPtrArray  *cells)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TALKIE_IS_AVATAR_CELL (child))
        {
          GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (talkie_avatar_grid_get_grid_view (grid ())));
          graphene_rect_t bounds;

          /* In view: mapped, and within the scrolled window's height. */
          if (talkie_avatar_cell_get_avatar (TALKIE_AVATAR_CELL (child)) != NULL &&
              gtk_widget_get_mapped (child) &&
              gtk_widget_compute_bounds (child, scroller, &bounds) &&
              bounds.origin.y + bounds.size.height > 0 &&
              bounds.origin.y < gtk_widget_get_height (scroller))
            g_ptr_array_add (cells, child);
        }
      else
        collect_cells (child, cells);
    }
}

static GPtrArray *
visible_cells (void)
{
  GPtrArray *cells = g_ptr_array_new ();

  collect_cells (GTK_WIDGET (talkie_avatar_grid_get_grid_view (grid ())), cells);
  return cells;
}

static gboolean
covers_shown (gpointer data)
{
  g_autoptr(GPtrArray) cells = visible_cells ();

  if (cells->len == 0)
    return FALSE;

  for (guint i = 0; i < cells->len; i++)
    if (!talkie_avatar_cell_has_cover (g_ptr_array_index (cells, i)))
      return FALSE;

  return TRUE;
}

static gboolean
width_is (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (world.window));

  /* Within the frame the window system may take off. */
  return width <= GPOINTER_TO_INT (data) && width >= GPOINTER_TO_INT (data) - 24;
}

static void
resize (int width,
        int height)
{
  gtk_window_set_default_size (GTK_WINDOW (world.window), width, height);
  wait_for (width_is, GINT_TO_POINTER (width), "the window to take its new size");
  settle ();
}

static void
save_window_screenshot (GtkWindow  *window,
                        const char *name)
{
  settle ();
  talkie_test_ui_save_png_after_frame (GTK_WIDGET (window), name, HANG_GUARD_S);
}

static void
save_screenshot (const char *name)
{
  save_window_screenshot (GTK_WINDOW (world.window), name);
}

static void
wait_for_filled_grid (void)
{
  wait_for (grid_state_is, (gpointer) "grid", "the avatars");
  settle ();
  wait_for (covers_shown, NULL, "the covers of the visible cells");
}

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

static GListModel *
all_avatars (void)
{
  return gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (talkie_avatar_grid_get_model (grid ())));
}

typedef struct
{
  guint n;
} Count;

static gboolean
filtered_count_is (gpointer data)
{
  return g_list_model_get_n_items (talkie_avatar_grid_get_model (grid ())) == ((Count *) data)->n;
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

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  return (GtkButton *) talkie_test_ui_find (widget, is_button_labelled, label);
}

static GtkToggleButton *
find_toggle (GtkWidget  *widget,
             const char *label)
{
  GtkButton *button = find_button (widget, label);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  return GTK_TOGGLE_BUTTON (button);
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

static GtkToggleButton *
find_flap_button (void)
{
  GtkWidget *widget = GTK_WIDGET (world.window);
  GPtrArray *todo = g_ptr_array_new ();
  GtkToggleButton *found = NULL;

  g_ptr_array_add (todo, widget);
  while (todo->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (todo, todo->len - 1);

      if (GTK_IS_TOGGLE_BUTTON (w) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (w)), "sidebar-show-right-symbolic") == 0)
        found = GTK_TOGGLE_BUTTON (w);

      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_ptr_array_unref (todo);

  return found;
}

static gboolean
flap_button_shown (gpointer data)
{
  GtkToggleButton *button = find_flap_button ();

  return adw_flap_get_folded (data) && button != NULL && gtk_widget_get_mapped (GTK_WIDGET (button));
}

static gboolean
flap_revealed (gpointer data)
{
  return adw_flap_get_reveal_flap (data) && adw_flap_get_reveal_progress (data) >= 1.0;
}

static gboolean
flap_hidden (gpointer data)
{
  return !adw_flap_get_reveal_flap (data) && adw_flap_get_reveal_progress (data) <= 0.0;
}

static gboolean
flap_unfolded (gpointer data)
{
  return !adw_flap_get_folded (data) && !gtk_widget_get_visible (GTK_WIDGET (find_flap_button ()));
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
  GtkWidget *flap;

  wait_for_filled_grid ();

  resize (NARROW_WIDTH, WIDE_HEIGHT);
  wait_for_filled_grid ();
  save_screenshot ("narrow");

  /* Folded: the panel comes over the grid from the header button. */
  flap = talkie_test_ui_find_type (GTK_WIDGET (world.window), ADW_TYPE_FLAP);
  g_assert_nonnull (flap);
  wait_for (flap_button_shown, flap, "the panel button");
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (flap)));
  gtk_widget_activate (GTK_WIDGET (find_flap_button ()));
  wait_for (flap_revealed, flap, "the panel to come");
  save_screenshot ("narrow-create-panel");
  adw_flap_set_reveal_flap (ADW_FLAP (flap), FALSE);

  /* Enter on an avatar picks it and brings the panel. */
  wait_for (flap_hidden, flap, "the panel to go");
  g_signal_emit_by_name (talkie_avatar_grid_get_grid_view (grid ()), "activate", 4);
  {
    g_autoptr(TalkieAvatar) fifth = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), 4);

    g_assert_true (talkie_avatar_grid_get_selected_avatar (grid ()) == fifth);
  }
  wait_for (flap_revealed, flap, "the panel to come for the chosen avatar");
  adw_flap_set_reveal_flap (ADW_FLAP (flap), FALSE);

  resize (WIDE_WIDTH, WIDE_HEIGHT);
  wait_for (flap_unfolded, flap, "the panel beside the grid again");
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

/* --- the cover loader on its own ----------------------------------------- */

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Load;

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Load *load = data;

  load->texture = talkie_cover_loader_load_finish (TALKIE_COVER_LOADER (object), result, &load->error);
  load->done = TRUE;
}

static gboolean
load_done (gpointer data)
{
  return ((Load *) data)->done;
}

static void
load_clear (Load *load)
{
  g_clear_object (&load->texture);
  g_clear_error (&load->error);
  load->done = FALSE;
}

static char *
first_cover_url (void)
{
  g_autoptr(TalkieAvatar) avatar = NULL;

  wait_for (grid_state_is, (gpointer) "grid", "the avatars");
  avatar = g_list_model_get_item (all_avatars (), 0);
  g_assert_nonnull (avatar);
  g_assert_nonnull (talkie_avatar_get_cover_url (avatar));

  return g_strdup (talkie_avatar_get_cover_url (avatar));
}

static void
test_cover_loader_scales_and_caches (void)
{
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
  g_autofree char *url = first_cover_url ();
  g_autoptr(GdkTexture) first = NULL;
  Load load = { 0 };
  guint fetches;
  int width, height;

  /* A size nobody asked for yet: fetched, decoded, scaled to fit. */
  talkie_cover_loader_load_async (loader, url, 50, 50, NULL, load_cb, &load);
  wait_for (load_done, &load, "the cover");
  g_assert_no_error (load.error);
  g_assert_nonnull (load.texture);
  width = gdk_texture_get_width (load.texture);
  height = gdk_texture_get_height (load.texture);
  g_test_message ("9:16 cover fitted into 50×50: %d×%d", width, height);
  g_assert_cmpint (height, ==, 50);
  g_assert_cmpint (width, <, height);
  g_assert_cmpint (width, >=, 26);
  g_assert_cmpint (width, <=, 30);
  first = g_steal_pointer (&load.texture);
  load_clear (&load);

  /* Asked again: straight from memory, no request. */
  fetches = talkie_cover_loader_get_fetch_count (loader);
  talkie_cover_loader_load_async (loader, url, 50, 50, NULL, load_cb, &load);
  wait_for (load_done, &load, "the cached cover");
  g_assert_no_error (load.error);
  g_assert_true (load.texture == first);
  g_assert_cmpuint (talkie_cover_loader_get_fetch_count (loader), ==, fetches);
  load_clear (&load);
}

static void
test_cover_loader_errors (void)
{
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
  g_autofree char *missing = g_strdup_printf ("%s/media/cover/no-such-cover.png",
                                              talkie_sandbox_get_base_url (world.sandbox));
  g_autofree char *not_image = g_strdup_printf ("%s/open/avatar?aspect_ratio=0",
                                                talkie_sandbox_get_base_url (world.sandbox));
  g_autofree char *url = first_cover_url ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Load load = { 0 };

  talkie_cover_loader_load_async (loader, missing, 64, 64, NULL, load_cb, &load);
  wait_for (load_done, &load, "a missing cover");
  g_assert_null (load.texture);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_test_message ("Missing: %s", load.error->message);
  load_clear (&load);

  talkie_cover_loader_load_async (loader, not_image, 64, 64, NULL, load_cb, &load);
  wait_for (load_done, &load, "a cover that is not an image");
  g_assert_null (load.texture);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("Not an image: %s", load.error->message);
  load_clear (&load);

  talkie_cover_loader_load_async (loader, NULL, 64, 64, NULL, load_cb, &load);
  wait_for (load_done, &load, "a cover without a URL");
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  load_clear (&load);

  /* Cancelled before it left. */
  talkie_cover_loader_load_async (loader, url, 33, 33, cancellable, load_cb, &load);
  g_cancellable_cancel (cancellable);
  wait_for (load_done, &load, "a cancelled cover");
  g_assert_null (load.texture);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  load_clear (&load);
}

static void
test_cover_loader_disk_cache (void)
{
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
  g_autofree char *url = first_cover_url ();
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(TalkieCoverLoader) second = NULL;
  g_autofree char *index = NULL;
  Load load = { 0 };
  guint hits;

  /* The grid's own covers first, so that nothing else is on the wire. */
  wait_for_filled_grid ();
  settle ();

  /* Make sure this cover went through the HTTP cache, then write its index. */
  talkie_cover_loader_load_async (loader, url, 40, 40, NULL, load_cb, &load);
  wait_for (load_done, &load, "the cover");
  g_assert_no_error (load.error);
  load_clear (&load);
  talkie_cover_loader_save (loader);
  index = g_build_filename (g_get_user_cache_dir (), "talkie", "http-cache", "soup.cache2", NULL);
  g_assert_true (g_file_test (index, G_FILE_TEST_EXISTS));

  /* As on a second start without the network: a new session with a cache read
   * from disk, and every media request failing. */
  talkie_sandbox_set_fault (world.sandbox, "/media/", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);
  hits = talkie_sandbox_get_hits (world.sandbox, "/media/");
  session = soup_session_new ();
  second = talkie_cover_loader_new (session);
  g_assert_true (soup_session_has_feature (session, SOUP_TYPE_CACHE));

  talkie_cover_loader_load_async (second, url, 40, 40, NULL, load_cb, &load);
  wait_for (load_done, &load, "the cover from the disk cache");
  g_assert_no_error (load.error);
  g_assert_nonnull (load.texture);
  g_assert_cmpuint (talkie_sandbox_get_hits (world.sandbox, "/media/"), ==, hits);
  load_clear (&load);

  talkie_sandbox_clear_faults (world.sandbox);
}

static gboolean
all_loads_done (gpointer data)
{
  GArray *loads = data;

  for (guint i = 0; i < loads->len; i++)
    if (!g_array_index (loads, Load, i).done)
      return FALSE;

  return TRUE;
}

static void
test_cover_loader_bounded (void)
{
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
  g_autoptr(GArray) loads = g_array_sized_new (FALSE, TRUE, sizeof (Load), 20);
  GListModel *avatars;
  guint n;

  wait_for_filled_grid ();
  settle ();
  g_assert_cmpuint (talkie_cover_loader_get_in_flight (loader), ==, 0);

  /* Twenty covers at a size not asked for before: a queue forms. */
  avatars = all_avatars ();
  n = MIN (20, g_list_model_get_n_items (avatars));
  g_array_set_size (loads, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (avatars, i);

      talkie_cover_loader_load_async (loader, talkie_avatar_get_cover_url (avatar), 21, 37,
                                      NULL, load_cb, &g_array_index (loads, Load, i));
    }

  g_test_message ("in flight %u, waiting %u",
                  talkie_cover_loader_get_in_flight (loader),
                  talkie_cover_loader_get_pending (loader));
  g_assert_cmpuint (talkie_cover_loader_get_in_flight (loader), ==, 6);
  g_assert_cmpuint (talkie_cover_loader_get_pending (loader), ==, n - 6);

  wait_for (all_loads_done, loads, "twenty covers");
  for (guint i = 0; i < n; i++)
    {
      Load *load = &g_array_index (loads, Load, i);

      g_assert_no_error (load->error);
      g_assert_nonnull (load->texture);
      g_assert_cmpint (gdk_texture_get_width (load->texture), <=, 21);
      g_assert_cmpint (gdk_texture_get_height (load->texture), <=, 37);
      load_clear (load);
    }
  g_assert_cmpuint (talkie_cover_loader_get_in_flight (loader), ==, 0);
  g_assert_cmpuint (talkie_cover_loader_get_pending (loader), ==, 0);
}

static gboolean
cell_settled (gpointer data)
{
  return !talkie_avatar_cell_is_loading (data);
}

static void
test_cell_placeholder (void)
{
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
  g_autofree char *missing = g_strdup_printf ("%s/media/cover/broken.png",
                                              talkie_sandbox_get_base_url (world.sandbox));
  g_autofree char *url = first_cover_url ();
  g_autoptr(TalkieAvatar) broken = talkie_avatar_new (7, "Broken <b>cover</b> & co", missing,
                                                      TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_SQUARE);
  g_autoptr(TalkieAvatar) none = talkie_avatar_new (8, "No cover", NULL,
                                                    TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_SQUARE);
  g_autoptr(TalkieAvatar) good = talkie_avatar_new (9, "Good", url,
                                                    TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_SQUARE);
  TalkieAvatarCell *cell = TALKIE_AVATAR_CELL (g_object_ref_sink (talkie_avatar_cell_new ()));

  talkie_avatar_cell_set_avatar (cell, broken, loader, 80, 80);
  g_assert_true (talkie_avatar_cell_is_loading (cell));
  wait_for (cell_settled, cell, "the broken cover");
  g_assert_false (talkie_avatar_cell_has_cover (cell));
  /* The name is plain text, markup and all. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (cell)), ==, "Broken <b>cover</b> & co");

  talkie_avatar_cell_set_avatar (cell, none, loader, 80, 80);
  g_assert_false (talkie_avatar_cell_is_loading (cell));
  g_assert_false (talkie_avatar_cell_has_cover (cell));

  /* Rebound while loading: the first request is dropped, the second shows. */
  talkie_avatar_cell_set_avatar (cell, broken, loader, 81, 81);
  talkie_avatar_cell_set_avatar (cell, good, loader, 80, 80);
  wait_for (cell_settled, cell, "the good cover");
  g_assert_true (talkie_avatar_cell_has_cover (cell));
  g_assert_true (talkie_avatar_cell_get_avatar (cell) == good);

  talkie_avatar_cell_set_avatar (cell, NULL, NULL, 80, 80);
  g_assert_false (talkie_avatar_cell_has_cover (cell));
  g_object_unref (cell);
}

/* --- 10,000 avatars ---------------------------------------------------------- */

static gboolean
last_cells_shown (gpointer data)
{
  g_autoptr(GPtrArray) cells = visible_cells ();
  guint n = GPOINTER_TO_UINT (data);

  if (cells->len == 0 || !covers_shown (NULL))
    return FALSE;

  /* Sandbox ids are index + 1 for 9:16: the last rows are near n. */
  for (guint i = 0; i < cells->len; i++)
    {
      TalkieAvatar *avatar = talkie_avatar_cell_get_avatar (g_ptr_array_index (cells, i));

      if (talkie_avatar_get_id (avatar) > (gint64) n)
        return TRUE;
    }

  return FALSE;
}

/* Every cell in view has its cover, or a request for it on its way. */
static gboolean
visible_cells_served (gpointer data)
{
  g_autoptr(GPtrArray) cells = visible_cells ();

  if (cells->len == 0)
    return FALSE;

  for (guint i = 0; i < cells->len; i++)
    {
      TalkieAvatarCell *cell = g_ptr_array_index (cells, i);

      if (!talkie_avatar_cell_has_cover (cell) && !talkie_avatar_cell_is_loading (cell))
        return FALSE;
    }

  return TRUE;
}

static void
test_ten_thousand (void)
{
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
  g_autoptr(TalkieSandbox) big = NULL;
  g_autoptr(TalkieClient) client = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *scroller;
  guint fetches;
  guint steps;
  Count count = { 10000 };

  big = talkie_test_start_sandbox ("avatar-count", 10000, NULL);
  client = talkie_test_client_new_for_sandbox (big);

  wait_for_filled_grid ();
  fetches = talkie_cover_loader_get_fetch_count (loader);

  talkie_avatar_grid_set_client (grid (), client);
  wait_for (filtered_count_is, &count, "10,000 avatars");
  wait_for_filled_grid ();
  g_test_message ("covers fetched for the first screen: %u",
                  talkie_cover_loader_get_fetch_count (loader) - fetches);
  g_assert_cmpuint (talkie_cover_loader_get_fetch_count (loader) - fetches, <, 60);

  /* To the very end: only what comes into view is fetched. */
  scroller = gtk_widget_get_parent (GTK_WIDGET (talkie_avatar_grid_get_grid_view (grid ())));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_for (last_cells_shown, GUINT_TO_POINTER (9900), "the covers of the last avatars");
  g_test_message ("covers fetched after a jump to the end: %u",
                  talkie_cover_loader_get_fetch_count (loader) - fetches);
  g_assert_cmpuint (talkie_cover_loader_get_fetch_count (loader) - fetches, <, 200);
  save_screenshot ("ten-thousand-end");

  /* Back up a page at a time, as Page Up does, each landing served at once: a
   * cell that scrolls into view always asks for its cover (a request queued
   * before the frame's layout used to miss whole screens, until the grid was
   * nudged by a pixel). */
  for (steps = 0; steps < 400 && gtk_adjustment_get_value (adjustment) > 0; steps++)
    {
      gboolean handled = FALSE;

      g_signal_emit_by_name (scroller, "scroll-child", GTK_SCROLL_PAGE_BACKWARD, FALSE, &handled);
      if (!talkie_test_wait_until (visible_cells_served, NULL, 3))
        g_error ("After page step %u (at %.0f), cells in view neither had their cover nor asked for it",
                 steps + 1, gtk_adjustment_get_value (adjustment));
    }
  g_test_message ("%u page steps back to the top, each served", steps);
  g_assert_cmpuint (steps, >, 100);

  gtk_adjustment_set_value (adjustment, 0);
  talkie_avatar_grid_set_client (grid (), talkie_application_get_client (world.app));
  count.n = AVATAR_COUNT;
  wait_for (filtered_count_is, &count, "the usual avatars");
  wait_for_filled_grid ();
  talkie_sandbox_stop (big);
}

/* --- keyboard, preferences ------------------------------------------------------- */

static gboolean
search_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (world.window));
  GtkWidget *entry = GTK_WIDGET (talkie_avatar_grid_get_search_entry (grid ()));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return talkie_test_ui_find (widget, is_label_with_text, text);
}

static gboolean
sandbox_tag_shown (gpointer data)
{
  GtkWidget *tag = find_label (GTK_WIDGET (world.window), "Sandbox");

  return tag != NULL && gtk_widget_get_mapped (tag) == GPOINTER_TO_INT (data);
}

static void
test_built_in_sandbox (void)
{
  TalkieClient *client;

  talkie_application_remove_key (world.app);
  wait_for (page_is, (gpointer) "welcome", "the key page");

  /* The key page's second button: the sandbox inside the app, on its own thread. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (world.app), "use-sandbox"));
  g_action_group_activate_action (G_ACTION_GROUP (world.app), "use-sandbox", NULL);
  wait_for (page_is, (gpointer) "main", "the main page on the built-in sandbox");
  g_assert_true (talkie_application_get_sandbox (world.app));
  client = talkie_application_get_client (world.app);
  g_assert_nonnull (client);
  g_assert_cmpstr (talkie_client_get_base_url (client), !=, talkie_sandbox_get_base_url (world.sandbox));
  g_assert_true (g_str_has_prefix (talkie_client_get_base_url (client), "http://127.0.0.1:"));
  wait_for (sandbox_tag_shown, GINT_TO_POINTER (TRUE), "the Sandbox tag");
  wait_for_filled_grid ();
  save_screenshot ("built-in-sandbox");

  /* Leaving it: back to the key page, the tag gone. */
  talkie_application_remove_key (world.app);
  wait_for (page_is, (gpointer) "welcome", "the key page");
  g_assert_false (talkie_application_get_sandbox (world.app));

  talkie_application_save_key (world.app, talkie_sandbox_get_api_key (world.sandbox));
  wait_for (page_is, (gpointer) "main", "the main page");
  wait_for (sandbox_tag_shown, GINT_TO_POINTER (FALSE), "the Sandbox tag to go");
  g_assert_cmpstr (talkie_client_get_base_url (talkie_application_get_client (world.app)), ==,
                   talkie_sandbox_get_base_url (world.sandbox));
  wait_for_filled_grid ();
}

static void
test_keyboard_search (void)
{
  g_auto(GStrv) accels = NULL;

  wait_for_filled_grid ();

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (world.app), "win.search");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>f");

  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "renders");
  save_screenshot ("renders-tab");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (world.window), "win.search", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (talkie_window_get_view_stack (world.window)), ==, "create");
  wait_for (search_has_focus, NULL, "the search entry to take the focus");
}

static GtkWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (TALKIE_IS_PREFERENCES_WINDOW (window))
        return window;
    }

  return NULL;
}

static gboolean
preferences_shown (gpointer data)
{
  GtkWindow *window = find_preferences ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

typedef struct
{
  GType       type;
  const char *title;
} TypeAndTitle;

static gboolean
is_row_of_type_and_title (GtkWidget     *widget,
                          gconstpointer  data)
{
  const TypeAndTitle *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), wanted->title) == 0;
}

static GtkWidget *
find_by_type_and_title (GtkWidget  *widget,
                        GType       type,
                        const char *title)
{
  TypeAndTitle wanted = { type, title };

  return talkie_test_ui_find (widget, is_row_of_type_and_title, &wanted);
}

static gboolean
is_visible_error_label (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_visible (widget);
}

static GtkWidget *
find_visible_label (GtkWidget *widget)
{
  return talkie_test_ui_find (widget, is_visible_error_label, NULL);
}

static GtkWindow *
find_about (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
about_shown (gpointer data)
{
  return find_about () != NULL;
}

static gboolean
about_gone (gpointer data)
{
  return find_about () == NULL;
}

static void
test_about (void)
{
  g_auto(GStrv) accels = NULL;
  GtkWindow *about;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (world.app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (world.app), "app.preferences");
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  g_action_group_activate_action (G_ACTION_GROUP (world.app), "about", NULL);
  wait_for (about_shown, NULL, "the about window");
  about = find_about ();
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Talkie");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (world.window));
  save_window_screenshot (about, "about");
  gtk_window_close (about);
  wait_for (about_gone, NULL, "the about window to close");
}

static void
test_preferences (void)
{
  GSettings *settings = talkie_application_get_settings (world.app);
  g_autofree char *base = g_strconcat (talkie_sandbox_get_base_url (world.sandbox), "/", NULL);
  g_autofree char *saved = NULL;
  TalkieClient *old_client;
  GtkWindow *preferences;
  GtkWidget *server_row;
  GtkWidget *error_label;
  GtkWidget *key_row;
  GtkWidget *background_row;
  GtkWidget *subtitles;
  GtkButton *save;

  wait_for_filled_grid ();

  g_action_group_activate_action (G_ACTION_GROUP (world.app), "preferences", NULL);
  wait_for (preferences_shown, NULL, "the preferences");
  preferences = find_preferences ();
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (world.window));
  save_window_screenshot (preferences, "preferences");

  server_row = find_by_type_and_title (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Se_rver URL");
  g_assert_nonnull (server_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (server_row)), ==, talkie_sandbox_get_base_url (world.sandbox));

  /* Plain http to another machine is refused, and said so. */
  gtk_editable_set_text (GTK_EDITABLE (server_row), "http://api.example.com");
  g_signal_emit_by_name (server_row, "apply");
  g_assert_true (gtk_widget_has_css_class (server_row, "error"));
  error_label = find_visible_label (GTK_WIDGET (preferences));
  g_assert_nonnull (error_label);
  g_test_message ("Refused: %s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https"));
  saved = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (saved, ==, "");
  save_window_screenshot (preferences, "preferences-bad-server");

  /* Loopback http is fine: a new client, the grid fills again. */
  gtk_editable_set_text (GTK_EDITABLE (server_row), base);
  g_assert_false (gtk_widget_has_css_class (server_row, "error"));
  g_signal_emit_by_name (server_row, "apply");
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (saved, ==, talkie_sandbox_get_base_url (world.sandbox));
  wait_for (page_is, (gpointer) "main", "the main page");
  g_assert_nonnull (talkie_application_get_client (world.app));
  g_assert_cmpstr (talkie_client_get_base_url (talkie_application_get_client (world.app)), ==,
                   talkie_sandbox_get_base_url (world.sandbox));

  /* The defaults for new renders are the settings themselves. */
  background_row = find_by_type_and_title (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, "_Background");
  g_assert_nonnull (background_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (background_row), 1);
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings, "default-screen-style");
  g_assert_cmpstr (saved, ==, "green-screen");
  g_settings_set_string (settings, "default-screen-style", "background");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (background_row)), ==, 0);
  subtitles = talkie_test_ui_find_type (GTK_WIDGET (preferences), GTK_TYPE_SWITCH);
  g_assert_nonnull (subtitles);
  g_assert_false (g_settings_get_boolean (settings, "default-subtitles"));
  gtk_switch_set_active (GTK_SWITCH (subtitles), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "default-subtitles"));
  g_settings_set_boolean (settings, "default-subtitles", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (subtitles)));

  /* Replacing the key: a new client, handed to the window. */
  old_client = g_object_ref (talkie_application_get_client (world.app));
  key_row = find_by_type_and_title (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW, "Replace _API Key");
  g_assert_nonnull (key_row);
  save = find_button (GTK_WIDGET (preferences), "_Save");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  gtk_editable_set_text (GTK_EDITABLE (key_row), talkie_sandbox_get_api_key (world.sandbox));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  g_signal_emit_by_name (save, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
  g_assert_nonnull (talkie_application_get_client (world.app));
  g_assert_true (talkie_application_get_client (world.app) != old_client);
  g_assert_true (talkie_avatar_grid_get_client (grid ()) == talkie_application_get_client (world.app));
  g_clear_object (&old_client);

  gtk_window_close (preferences);
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
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  int ret;

  talkie_test_ui_set_environment ();

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  world.sandbox = talkie_sandbox_new ();
  g_object_set (world.sandbox, "avatar-count", AVATAR_COUNT, "step-ms", 50, NULL);
  if (!talkie_sandbox_start (world.sandbox, &error))
    g_error ("The sandbox did not start: %s", error->message);

  world.app = talkie_application_new_for_testing (talkie_sandbox_get_base_url (world.sandbox),
                                                  talkie_sandbox_get_api_key (world.sandbox));
  if (!g_application_register (G_APPLICATION (world.app), NULL, &error))
    g_error ("The application did not register: %s", error->message);

  settings = talkie_application_get_settings (world.app);
  g_settings_set_int (settings, "window-width", WIDE_WIDTH);
  g_settings_set_int (settings, "window-height", WIDE_HEIGHT);
  g_settings_set_string (settings, "aspect-ratio", "9:16");

  g_application_activate (G_APPLICATION (world.app));
  world.window = TALKIE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (world.app)));
  g_assert_nonnull (world.window);
  wait_for (width_is, GINT_TO_POINTER (WIDE_WIDTH), "the window to open");

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
  g_test_add_func ("/ui/window/built-in-sandbox", test_built_in_sandbox);
  g_test_add_func ("/ui/window/keyboard-search", test_keyboard_search);
  g_test_add_func ("/ui/window/preferences", test_preferences);
  g_test_add_func ("/ui/window/about", test_about);
  g_test_add_func ("/ui/window/ten-thousand", test_ten_thousand);
  g_test_add_func ("/ui/window/result-modal", test_result_modal);
  g_test_add_func ("/ui/cover-loader/scales-and-caches", test_cover_loader_scales_and_caches);
  g_test_add_func ("/ui/cover-loader/errors", test_cover_loader_errors);
  g_test_add_func ("/ui/cover-loader/bounded", test_cover_loader_bounded);
  g_test_add_func ("/ui/cover-loader/disk-cache", test_cover_loader_disk_cache);
  g_test_add_func ("/ui/cover-loader/cell-placeholder", test_cell_placeholder);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (world.window));
  settle ();
  g_clear_object (&world.app);
  talkie_sandbox_stop (world.sandbox);
  g_clear_object (&world.sandbox);

  return ret;
}
