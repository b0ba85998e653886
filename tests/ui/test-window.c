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
#include "talkie-window-private.h"

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

static gboolean
hang_guard_cb (gpointer data)
{
  gboolean *expired = data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for (Condition    condition,
          gpointer     data,
          const char  *what)
{
  gboolean expired = FALSE;
  guint guard = g_timeout_add_seconds (HANG_GUARD_S, hang_guard_cb, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("Gave up waiting for %s (window %d×%d)", what,
             world.window ? gtk_widget_get_width (GTK_WIDGET (world.window)) : -1,
             world.window ? gtk_widget_get_height (GTK_WIDGET (world.window)) : -1);

  g_source_remove (guard);
}

static gboolean
idle_quit_cb (gpointer data)
{
  gboolean *done = data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets pending layout and frames happen. */
static void
settle (void)
{
  for (guint i = 0; i < 5; i++)
    {
      gboolean done = FALSE;

      g_timeout_add (30, idle_quit_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
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
          if (talkie_avatar_cell_get_avatar (TALKIE_AVATAR_CELL (child)) != NULL &&
              gtk_widget_get_mapped (child))
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

typedef struct
{
  const char *name;
  gboolean    done;
} Shot;

static void
take_screenshot (Shot *shot)
{
  GtkWidget *widget = GTK_WIDGET (world.window);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)),
                                         node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strconcat (shot->name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Shot          *shot)
{
  if (shot->done)
    return;

  /* Right after a frame: everything has its allocation. */
  take_screenshot (shot);
  shot->done = TRUE;
}

static gboolean
shot_done (gpointer data)
{
  return ((Shot *) data)->done;
}

static void
save_screenshot (const char *name)
{
  GdkFrameClock *clock;
  Shot shot = { name, FALSE };
  gulong handler;

  settle ();

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (world.window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &shot);
  gtk_widget_queue_draw (GTK_WIDGET (world.window));
  wait_for (shot_done, &shot, "a frame to take a screenshot of");
  g_signal_handler_disconnect (clock, handler);
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
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
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

  /* Pick one: the window hears of it. */
  g_assert_null (talkie_avatar_grid_get_selected_avatar (grid ()));
  gtk_selection_model_select_item (gtk_grid_view_get_model (talkie_avatar_grid_get_grid_view (grid ())), 1, TRUE);
  first = g_list_model_get_item (talkie_avatar_grid_get_model (grid ()), 1);
  g_assert_true (talkie_avatar_grid_get_selected_avatar (grid ()) == first);
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

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return GTK_BUTTON (child);

      if ((found = find_button (child, label)))
        return found;
    }

  return NULL;
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

  /* Entering the right key on that page signs in again. */
  gtk_editable_set_text (talkie_window_get_key_entry (world.window), talkie_sandbox_get_api_key (world.sandbox));
  save = find_button (GTK_WIDGET (world.window), "_Save Key");
  g_assert_nonnull (save);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  gtk_widget_activate (GTK_WIDGET (save));
  wait_for (page_is, (gpointer) "main", "the main page");
  g_assert_null (talkie_application_get_key_problem (world.app));
  wait_for_filled_grid ();
}

static void
test_narrow (void)
{
  wait_for_filled_grid ();

  resize (NARROW_WIDTH, WIDE_HEIGHT);
  wait_for_filled_grid ();
  save_screenshot ("narrow");

  resize (WIDE_WIDTH, WIDE_HEIGHT);
  wait_for_filled_grid ();
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  GSettings *settings;
  int ret;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

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
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/welcome", test_welcome);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (world.window));
  settle ();
  g_clear_object (&world.app);
  talkie_sandbox_stop (world.sandbox);
  g_clear_object (&world.sandbox);

  return ret;
}
