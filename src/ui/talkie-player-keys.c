/* talkie-player-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-player-keys.h"

static void
toggle_playing (GtkVideo *video)
{
  GtkMediaStream *stream = gtk_video_get_media_stream (video);

  if (stream != NULL && gtk_media_stream_is_prepared (stream))
    gtk_media_stream_set_playing (stream, !gtk_media_stream_get_playing (stream));
}

static void
seek_by (GtkVideo *video,
         gint64    delta_us)
{
  GtkMediaStream *stream = gtk_video_get_media_stream (video);
  gint64 target;

  if (stream == NULL || !gtk_media_stream_is_seekable (stream))
    return;

  target = gtk_media_stream_get_timestamp (stream) + delta_us;
  if (gtk_media_stream_get_duration (stream) > 0)
    target = MIN (target, gtk_media_stream_get_duration (stream));
  gtk_media_stream_seek (stream, MAX (target, 0));
}

/* The player from the keyboard: Space plays or pauses, the arrows seek by 5 s,
 * unless the focused control uses the key itself (a button, the position bar). */
static gboolean
key_pressed_cb (GtkVideo              *video,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (!gtk_widget_is_drawable (GTK_WIDGET (video)) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
    case GDK_KEY_k:
      toggle_playing (video);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      seek_by (video, -5 * G_USEC_PER_SEC);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      seek_by (video, 5 * G_USEC_PER_SEC);
      return TRUE;

    default:
      return FALSE;
    }
}

/* GtkMediaControls names none of its parts: say what each does. */
static void
name_controls (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCALE_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Volume"), -1);
      else if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Play or Pause"), -1);
      else if (GTK_IS_SCALE (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Position in the Video"), -1);
      else
        name_controls (child);
    }
}

void
talkie_player_keys_attach (GtkWidget *widget,
                           GtkVideo  *video,
                           GtkWidget *controls)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_VIDEO (video));
  g_return_if_fail (controls == NULL || GTK_IS_WIDGET (controls));

  if (controls != NULL)
    name_controls (controls);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), video, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, keys);
}
