/* talkie-ui-keynav.h: keyboard navigation GTK 4.8 does not give.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For a key handler in the capture phase of a GtkListView or GtkGridView: on Tab or
 * Shift+Tab moves the focus to the widget after or before @list, so that the list is
 * one Tab stop and arrows move inside it (GTK 4.8 has no GtkListTabBehavior).
 * Returns TRUE when it handled the key. */
gboolean  talkie_ui_leave_on_tab          (GtkWidget       *list,
                                           guint            keyval,
                                           GdkModifierType  state);
/* Names what a screen reader says for a list item: the list item widget that
 * holds @child (GTK 4.8 has no GtkListItem:accessible-label). */
void      talkie_ui_label_list_item       (GtkWidget       *child,
                                           const char      *label);
/* A voice as a screen reader says it: "Emily, English, female". */
char     *talkie_ui_dup_voice_description (const char      *name,
                                           const char      *language,
                                           const char      *gender);

G_END_DECLS
