/* talkie-test-ui-utils.h: GTK helpers shared by the UI test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "talkie-test-utils.h"

G_BEGIN_DECLS

/**
 * talkie_test_ui_set_environment:
 *
 * Sets what every UI test runs the app with: the cairo renderer on X11 (the
 * Xvfb of talkie-test-env), no portal, no accessibility bus, settings in
 * memory. Call it first in main(), before g_test_init() and gtk_init().
 */
void        talkie_test_ui_set_environment (void);

/**
 * talkie_test_ui_settle:
 * @rounds: how many rounds
 * @interval_ms: how long each round runs the main context
 *
 * Lets pending layout and frames happen: runs the default main context for
 * @rounds times @interval_ms milliseconds, one timeout after another.
 */
void        talkie_test_ui_settle          (guint       rounds,
                                            guint       interval_ms);

/**
 * talkie_test_ui_save_png:
 * @widget: a realized widget with a size, usually a window
 * @name: the name of the screenshot, without ".png"
 *
 * Renders @widget as it is now into G_TEST_BUILDDIR/screenshots/@name.png
 * (the current directory when G_TEST_BUILDDIR is not set) and says where in
 * a test message.
 */
void        talkie_test_ui_save_png        (GtkWidget  *widget,
                                            const char *name);

/**
 * talkie_test_ui_save_png_after_frame:
 * @widget: a mapped widget, usually a window
 * @name: the name of the screenshot, without ".png"
 * @guard_seconds: when to give up waiting for the frame (fails the test)
 *
 * Like talkie_test_ui_save_png(), but right after @widget's next frame is
 * painted, when everything in it has its allocation.
 */
void        talkie_test_ui_save_png_after_frame (GtkWidget  *widget,
                                                 const char *name,
                                                 guint       guard_seconds);

typedef gboolean (*TalkieTestWidgetMatch) (GtkWidget     *widget,
                                           gconstpointer  data);

/**
 * talkie_test_ui_find:
 * @root: where to look
 * @match: what to look for
 * @data: passed to @match
 *
 * Looks through the descendants of @root (not @root itself), depth first in
 * tree order, for the first one @match accepts.
 *
 * Returns: (transfer none) (nullable): that widget, or %NULL
 */
GtkWidget  *talkie_test_ui_find            (GtkWidget             *root,
                                            TalkieTestWidgetMatch  match,
                                            gconstpointer          data);

/**
 * talkie_test_ui_find_type:
 * @root: where to look
 * @type: the #GType to look for
 *
 * Returns: (transfer none) (nullable): the first descendant of @root of @type
 */
GtkWidget  *talkie_test_ui_find_type       (GtkWidget  *root,
                                            GType       type);

/**
 * talkie_test_ui_find_all:
 * @root: where to look
 * @type: the #GType to look for
 *
 * Returns: (transfer container) (element-type GtkWidget): every descendant of
 *   @root of @type, in tree order
 */
GPtrArray  *talkie_test_ui_find_all        (GtkWidget  *root,
                                            GType       type);

/**
 * talkie_test_ui_start_notification_server:
 * @summaries: (element-type utf8): gets the summary of every notification sent
 *
 * Serves org.freedesktop.Notifications on the session bus (the private one of
 * talkie-test-env), as a desktop does, so that notifications of a registered
 * application reach the test.
 *
 * Returns: (transfer full): the connection that owns the name: keep it open
 *   for as long as notifications are to arrive, closing it gives the name up
 */
GDBusConnection *talkie_test_ui_start_notification_server (GPtrArray *summaries);

G_END_DECLS
