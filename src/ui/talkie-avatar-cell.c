/* talkie-avatar-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-avatar-cell.h"
#include "talkie-cover-loader-private.h"

struct _TalkieAvatarCell
{
  GtkWidget     parent_instance;

  TalkieAvatar      *avatar;
  TalkieCoverLoader *loader;
  GCancellable      *cancellable;
  int                width;
  int                height;
  gboolean           has_cover;

  GtkOverlay   *frame;
  GtkPicture   *picture;
  GtkImage     *placeholder;
  GtkLabel     *name_label;
};

G_DEFINE_FINAL_TYPE (TalkieAvatarCell, talkie_avatar_cell, GTK_TYPE_WIDGET)

static void
talkie_avatar_cell_show_texture (TalkieAvatarCell *self,
                                 GdkTexture       *texture)
{
  g_assert (TALKIE_IS_AVATAR_CELL (self));

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder), texture == NULL);
  self->has_cover = texture != NULL;
}

static void
talkie_avatar_cell_dispose (GObject *object)
{
  GtkWidget *child;
  TalkieAvatarCell *self = (TalkieAvatarCell *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->avatar);
  g_clear_object (&self->loader);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_AVATAR_CELL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (talkie_avatar_cell_parent_class)->dispose (object);
}

static void
talkie_avatar_cell_class_init (TalkieAvatarCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_avatar_cell_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-avatar-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarCell, frame);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarCell, picture);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarCell, placeholder);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarCell, name_label);
  gtk_widget_class_set_css_name (widget_class, "avatarcell");
}

static void
talkie_avatar_cell_init (TalkieAvatarCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
talkie_avatar_cell_new (void)
{
  return g_object_new (TALKIE_TYPE_AVATAR_CELL, NULL);
}

static void
load_cover_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TalkieCoverLoader *loader = TALKIE_COVER_LOADER (object);
  g_autoptr(TalkieAvatarCell) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = talkie_cover_loader_load_finish (loader, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    g_debug ("Cover of avatar %" G_GINT64_FORMAT ": %s",
             self->avatar ? talkie_avatar_get_id (self->avatar) : 0,
             error->message);

  /* The cell may have been rebound meanwhile: only the current request counts. */
  if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      talkie_avatar_cell_show_texture (self, texture);
    }
}

void
talkie_avatar_cell_bind (TalkieAvatarCell  *self,
                         TalkieAvatar      *avatar,
                         TalkieCoverLoader *loader,
                         int                width,
                         int                height)
{
  g_autoptr(GdkTexture) texture = NULL;
  const char *url = NULL;

  g_return_if_fail (TALKIE_IS_AVATAR_CELL (self));
  g_return_if_fail (!avatar || TALKIE_IS_AVATAR (avatar));
  g_return_if_fail (!loader || TALKIE_IS_COVER_LOADER (loader));

  talkie_avatar_cell_cancel_cover (self);

  g_set_object (&self->avatar, avatar);
  g_set_object (&self->loader, loader);
  self->width = width;
  self->height = height;
  talkie_avatar_cell_show_texture (self, NULL);

  gtk_widget_set_size_request (GTK_WIDGET (self->frame), width, height);
  gtk_widget_set_size_request (GTK_WIDGET (self), width, -1);

  if (avatar == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      gtk_picture_set_alternative_text (self->picture, NULL);
      return;
    }

  /* Names come from the server: plain text only. */
  gtk_label_set_text (self->name_label, talkie_avatar_get_name (avatar));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), talkie_avatar_get_name (avatar));
  gtk_picture_set_alternative_text (self->picture, talkie_avatar_get_name (avatar));

  /* Already in memory: shown at once, without a request. */
  url = talkie_avatar_get_cover_url (avatar);
  if (loader != NULL && url != NULL && url[0] != '\0')
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

      if ((texture = talkie_cover_loader_lookup (loader, url, width * scale, height * scale)))
        talkie_avatar_cell_show_texture (self, texture);
    }
}

void
talkie_avatar_cell_load_cover (TalkieAvatarCell *self)
{
  const char *url;
  int scale;

  g_return_if_fail (TALKIE_IS_AVATAR_CELL (self));

  if (self->has_cover || self->cancellable != NULL || self->avatar == NULL || self->loader == NULL)
    return;

  url = talkie_avatar_get_cover_url (self->avatar);
  if (url == NULL || url[0] == '\0' || self->width <= 0 || self->height <= 0)
    return;

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  talkie_cover_loader_load_async (self->loader, url, self->width * scale, self->height * scale,
                                  self->cancellable, load_cover_cb, g_object_ref (self));
}

void
talkie_avatar_cell_cancel_cover (TalkieAvatarCell *self)
{
  g_return_if_fail (TALKIE_IS_AVATAR_CELL (self));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
}

void
talkie_avatar_cell_set_avatar (TalkieAvatarCell  *self,
                               TalkieAvatar      *avatar,
                               TalkieCoverLoader *loader,
                               int                width,
                               int                height)
{
  g_return_if_fail (TALKIE_IS_AVATAR_CELL (self));

  talkie_avatar_cell_bind (self, avatar, loader, width, height);
  talkie_avatar_cell_load_cover (self);
}

TalkieAvatar *
talkie_avatar_cell_get_avatar (TalkieAvatarCell *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR_CELL (self), NULL);

  return self->avatar;
}

gboolean
talkie_avatar_cell_has_cover (TalkieAvatarCell *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR_CELL (self), FALSE);

  return self->has_cover;
}

gboolean
talkie_avatar_cell_is_loading (TalkieAvatarCell *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR_CELL (self), FALSE);

  return self->cancellable != NULL;
}
