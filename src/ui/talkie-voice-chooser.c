/* talkie-voice-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-voice-chooser.h"

struct _TalkieVoiceChooser
{
  AdwWindow          parent_instance;

  TalkieVoicePicker *picker;
};

G_DEFINE_FINAL_TYPE (TalkieVoiceChooser, talkie_voice_chooser, ADW_TYPE_WINDOW)

static void
voice_activated_cb (TalkieVoiceChooser *self,
                    TalkieVoice        *voice,
                    TalkieVoicePicker  *picker)
{
  /* Enter or a double click on a voice is the choice made. */
  gtk_window_close (GTK_WINDOW (self));
}

static void
talkie_voice_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TALKIE_TYPE_VOICE_CHOOSER);

  G_OBJECT_CLASS (talkie_voice_chooser_parent_class)->dispose (object);
}

static void
talkie_voice_chooser_class_init (TalkieVoiceChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_voice_chooser_dispose;

  g_type_ensure (TALKIE_TYPE_VOICE_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-voice-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieVoiceChooser, picker);
  gtk_widget_class_bind_template_callback (widget_class, voice_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
talkie_voice_chooser_init (TalkieVoiceChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TalkieVoiceChooser *
talkie_voice_chooser_new (void)
{
  return g_object_new (TALKIE_TYPE_VOICE_CHOOSER, NULL);
}

TalkieVoicePicker *
talkie_voice_chooser_get_picker (TalkieVoiceChooser *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE_CHOOSER (self), NULL);

  return self->picker;
}

void
talkie_voice_chooser_present (TalkieVoiceChooser *self,
                              GtkWindow          *parent)
{
  g_return_if_fail (TALKIE_IS_VOICE_CHOOSER (self));
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  /* Not the application's window: a hidden chooser must not keep the app running. */
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  gtk_window_present (GTK_WINDOW (self));
  talkie_voice_picker_focus (self->picker);
}
