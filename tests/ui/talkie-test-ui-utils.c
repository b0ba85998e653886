/* talkie-test-ui-utils.c: GTK helpers shared by the UI test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-test"

#include <glib/gstdio.h>

#include "talkie-test-ui-utils.h"

void
talkie_test_ui_set_environment (void)
{
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

void
talkie_test_ui_settle (guint rounds,
                       guint interval_ms)
{
  for (guint i = 0; i < rounds; i++)
    talkie_test_wait_ms (interval_ms);
}

void
talkie_test_ui_save_png (GtkWidget  *widget,
                         const char *name)
{
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

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                          "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

typedef struct
{
  GtkWidget  *widget;
  const char *name;
  gboolean    done;
} Shot;

static void
after_paint_cb (GdkFrameClock *clock,
                Shot          *shot)
{
  if (shot->done)
    return;

  talkie_test_ui_save_png (shot->widget, shot->name);
  shot->done = TRUE;
}

static gboolean
shot_done (gpointer data)
{
  return ((Shot *) data)->done;
}

void
talkie_test_ui_save_png_after_frame (GtkWidget  *widget,
                                     const char *name,
                                     guint       guard_seconds)
{
  Shot shot = { widget, name, FALSE };
  GdkFrameClock *clock;
  gulong handler;

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &shot);
  gtk_widget_queue_draw (widget);
  if (!talkie_test_wait_until (shot_done, &shot, guard_seconds))
    g_error ("Gave up waiting for a frame to take screenshot “%s” of", name);
  g_signal_handler_disconnect (clock, handler);
}

GtkWidget *
talkie_test_ui_find (GtkWidget             *root,
                     TalkieTestWidgetMatch  match,
                     gconstpointer          data)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child, data))
        return child;

      if ((found = talkie_test_ui_find (child, match, data)))
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

GtkWidget *
talkie_test_ui_find_type (GtkWidget *root,
                          GType      type)
{
  return talkie_test_ui_find (root, is_of_type, GSIZE_TO_POINTER (type));
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

GPtrArray *
talkie_test_ui_find_all (GtkWidget *root,
                         GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}
