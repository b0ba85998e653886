/* talkie-test-window-world.c: the application and window the window test
 * programs share, and the waits they use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <gst/gst.h>

#include "talkie-avatar-cell.h"

#include "talkie-test-window-world.h"

/* The one world of this process (one application per process). */
World world;

void
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
void
settle (void)
{
  /* Longer than a stack's crossfade, so screenshots show where it lands. */
  talkie_test_ui_settle (10, 40);
}

TalkieAvatarGrid *
grid (void)
{
  return talkie_window_get_avatar_grid (world.window);
}

gboolean
grid_state_is (gpointer data)
{
  return g_strcmp0 (talkie_avatar_grid_get_state (grid ()), data) == 0;
}

gboolean
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

GPtrArray *
visible_cells (void)
{
  GPtrArray *cells = g_ptr_array_new ();

  collect_cells (GTK_WIDGET (talkie_avatar_grid_get_grid_view (grid ())), cells);
  return cells;
}

gboolean
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

gboolean
width_is (gpointer data)
{
  int width = gtk_widget_get_width (GTK_WIDGET (world.window));

  /* Within the frame the window system may take off. */
  return width <= GPOINTER_TO_INT (data) && width >= GPOINTER_TO_INT (data) - 24;
}

void
resize (int width,
        int height)
{
  gtk_window_set_default_size (GTK_WINDOW (world.window), width, height);
  wait_for (width_is, GINT_TO_POINTER (width), "the window to take its new size");
  settle ();
}

void
save_window_screenshot (GtkWindow  *window,
                        const char *name)
{
  settle ();
  talkie_test_ui_save_png_after_frame (GTK_WIDGET (window), name, HANG_GUARD_S);
}

void
save_screenshot (const char *name)
{
  save_window_screenshot (GTK_WINDOW (world.window), name);
}

void
wait_for_filled_grid (void)
{
  wait_for (grid_state_is, (gpointer) "grid", "the avatars");
  settle ();
  wait_for (covers_shown, NULL, "the covers of the visible cells");
}

GListModel *
all_avatars (void)
{
  return gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (talkie_avatar_grid_get_model (grid ())));
}

gboolean
filtered_count_is (gpointer data)
{
  return g_list_model_get_n_items (talkie_avatar_grid_get_model (grid ())) == ((Count *) data)->n;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  return (GtkButton *) talkie_test_ui_find (widget, is_button_labelled, label);
}

GtkToggleButton *
find_toggle (GtkWidget  *widget,
             const char *label)
{
  GtkButton *button = find_button (widget, label);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  return GTK_TOGGLE_BUTTON (button);
}

/**
 * talkie_test_window_init:
 * @argc: main()'s
 * @argv: main()'s
 *
 * Sets up the test environment, a sandbox, and the application with its
 * window open at the wide size.
 */
void
talkie_test_window_init (int    *argc,
                         char ***argv)
{
  g_autoptr(GError) error = NULL;
  GSettings *settings;

  talkie_test_ui_set_environment ();
  /* A test of accessible names reads them from GTK's test backend. */
  if (g_getenv ("TALKIE_TEST_GTK_A11Y") != NULL)
    g_setenv ("GTK_A11Y", g_getenv ("TALKIE_TEST_GTK_A11Y"), TRUE);

  g_test_init (argc, argv, NULL);
  gst_init (argc, argv);

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
}

/**
 * talkie_test_window_finish:
 *
 * Closes the window and takes the world down again, after g_test_run().
 */
void
talkie_test_window_finish (void)
{
  gtk_window_destroy (GTK_WINDOW (world.window));
  settle ();
  g_clear_object (&world.app);
  talkie_sandbox_stop (world.sandbox);
  g_clear_object (&world.sandbox);
}
