/* test-cover-loader.c: the cover loader, on its own and behind a grid of 10,000
 * avatars, in the real application against the sandbox, under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>

#include "talkie-avatar-cell.h"
#include "talkie-cover-loader-private.h"

#include "talkie-test-window-world.h"

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

static gboolean
nothing_in_flight (gpointer data)
{
  return talkie_cover_loader_get_in_flight (data) == 0;
}

static void
test_cover_loader_bounded (void)
{
  TalkieCoverLoader *loader = talkie_application_get_cover_loader (world.app);
  g_autoptr(GArray) loads = g_array_sized_new (FALSE, TRUE, sizeof (Load), 20);
  GListModel *avatars;
  guint n;

  wait_for_filled_grid ();
  /* The grid asks for a little more than it shows: on a slow machine those
   * covers may still be on their way. */
  wait_for (nothing_in_flight, loader, "the grid's covers to arrive");

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

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_window_init (&argc, &argv);

  g_test_add_func ("/ui/cover-loader/ten-thousand", test_ten_thousand);
  g_test_add_func ("/ui/cover-loader/scales-and-caches", test_cover_loader_scales_and_caches);
  g_test_add_func ("/ui/cover-loader/errors", test_cover_loader_errors);
  g_test_add_func ("/ui/cover-loader/bounded", test_cover_loader_bounded);
  g_test_add_func ("/ui/cover-loader/disk-cache", test_cover_loader_disk_cache);
  g_test_add_func ("/ui/cover-loader/cell-placeholder", test_cell_placeholder);

  ret = g_test_run ();

  talkie_test_window_finish ();

  return ret;
}
