/* talkie-ui-keynav.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-ui-keynav.h"

gboolean
talkie_ui_leave_on_tab (GtkWidget       *list,
                        guint            keyval,
                        GdkModifierType  state)
{
  GtkDirectionType direction;
  GtkRoot *root;
  gboolean moved;

  g_return_val_if_fail (GTK_IS_WIDGET (list), FALSE);

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return FALSE;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  root = gtk_widget_get_root (list);
  if (root == NULL)
    return FALSE;

  /* The list would take the step to its next item: while it cannot take focus the
   * window's own focus chain passes over it, as GtkWindow's Tab does, wrapping. */
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  if (!moved)
    {
      gtk_root_set_focus (root, NULL);
      moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
    }
  gtk_widget_set_can_focus (list, TRUE);

  return TRUE;
}

void
talkie_ui_label_list_item (GtkWidget  *child,
                           const char *label)
{
  GtkWidget *item;

  g_return_if_fail (GTK_IS_WIDGET (child));

  item = gtk_widget_get_parent (child);
  if (item == NULL)
    return;

  if (label != NULL && label[0] != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

char *
talkie_ui_dup_voice_description (const char *name,
                                 const char *language,
                                 const char *gender)
{
  GString *text = g_string_new (name ? name : "");

  /* Translators: the separator in a voice's spoken description, "Emily, English, female" */
  if (language != NULL && language[0] != '\0')
    g_string_append_printf (text, _(", %s"), language);
  if (gender != NULL && gender[0] != '\0')
    {
      g_autofree char *lower = g_utf8_strdown (gender, -1);

      g_string_append_printf (text, _(", %s"), lower);
    }

  return g_string_free (text, FALSE);
}
