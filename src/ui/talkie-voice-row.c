/* talkie-voice-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-ui-keynav.h"
#include "talkie-voice-row.h"

struct _TalkieVoiceRow
{
  AdwBin             parent_instance;

  TalkieVoice       *voice;
  TalkieAudioPlayer *player;

  GtkLabel          *name_label;
  GtkLabel          *details_label;
  GtkLabel          *error_label;
  GtkButton         *play_button;
};

G_DEFINE_FINAL_TYPE (TalkieVoiceRow, talkie_voice_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_VOICE,
  PROP_PLAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
talkie_voice_row_update_player (TalkieVoiceRow *self)
{
  const char *uri = NULL;
  const char *error = NULL;

  g_assert (TALKIE_IS_VOICE_ROW (self));

  if (self->voice != NULL)
    uri = talkie_voice_get_audition_url (self->voice);

  gtk_widget_set_visible (GTK_WIDGET (self->play_button), uri != NULL && uri[0] != '\0');

  if (self->player == NULL || uri == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      return;
    }

  talkie_audio_player_update_button (self->player, self->play_button, uri,
                                     talkie_voice_get_name (self->voice));

  error = talkie_audio_player_get_error_for_uri (self->player, uri);
  if (error != NULL)
    gtk_label_set_text (self->error_label, error);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

char *
talkie_voice_row_dup_details (TalkieVoice *voice)
{
  g_autofree char *language = NULL;
  const char *gender = NULL;

  g_return_val_if_fail (TALKIE_IS_VOICE (voice), NULL);

  language = talkie_language_dup_display_name (talkie_voice_get_language (voice));
  switch (talkie_voice_get_gender (voice))
    {
    case TALKIE_GENDER_FEMALE:
      gender = _("Female");
      break;

    case TALKIE_GENDER_MALE:
      gender = _("Male");
      break;

    case TALKIE_GENDER_ANY:
    default:
      break;
    }

  if (gender == NULL)
    return g_steal_pointer (&language);

  /* Translators: a voice's language and gender, "English · Female" */
  return g_strdup_printf (_("%s · %s"), language, gender);
}

static void
talkie_voice_row_update (TalkieVoiceRow *self)
{
  g_autofree char *details = NULL;
  const char *gender = NULL;

  g_assert (TALKIE_IS_VOICE_ROW (self));

  if (self->voice == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->details_label, "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      talkie_ui_label_list_item (GTK_WIDGET (self), NULL);
      talkie_voice_row_update_player (self);
      return;
    }

  gtk_label_set_text (self->name_label, talkie_voice_get_name (self->voice));

  details = talkie_voice_row_dup_details (self->voice);
  gender = talkie_voice_get_gender (self->voice) == TALKIE_GENDER_FEMALE ? _("Female")
           : talkie_voice_get_gender (self->voice) == TALKIE_GENDER_MALE ? _("Male") : NULL;

  gtk_label_set_text (self->details_label, details);

  /* What a screen reader says for the row: "Emily, English, female". */
  {
    g_autofree char *lang = talkie_language_dup_display_name (talkie_voice_get_language (self->voice));
    g_autofree char *spoken = talkie_ui_dup_voice_description (talkie_voice_get_name (self->voice),
                                                               lang, gender);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
    talkie_ui_label_list_item (GTK_WIDGET (self), spoken);
  }

  talkie_voice_row_update_player (self);
}

static void
play_clicked_cb (TalkieVoiceRow *self)
{
  const char *uri;

  g_assert (TALKIE_IS_VOICE_ROW (self));

  if (self->voice == NULL || self->player == NULL)
    return;

  uri = talkie_voice_get_audition_url (self->voice);
  if (uri == NULL || uri[0] == '\0')
    return;

  talkie_audio_player_toggle (self->player, uri);
}

static void
player_changed_cb (TalkieVoiceRow *self)
{
  talkie_voice_row_update_player (self);
}

static void
talkie_voice_row_dispose (GObject *object)
{
  TalkieVoiceRow *self = (TalkieVoiceRow *)object;

  talkie_voice_row_set_player (self, NULL);
  g_clear_object (&self->voice);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_VOICE_ROW);

  G_OBJECT_CLASS (talkie_voice_row_parent_class)->dispose (object);
}

static void
talkie_voice_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TalkieVoiceRow *self = TALKIE_VOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_VOICE:
      g_value_set_object (value, self->voice);
      break;

    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_voice_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TalkieVoiceRow *self = TALKIE_VOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_VOICE:
      talkie_voice_row_set_voice (self, g_value_get_object (value));
      break;

    case PROP_PLAYER:
      talkie_voice_row_set_player (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_voice_row_class_init (TalkieVoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_voice_row_dispose;
  object_class->get_property = talkie_voice_row_get_property;
  object_class->set_property = talkie_voice_row_set_property;

  properties[PROP_VOICE] =
    g_param_spec_object ("voice", NULL, NULL, TALKIE_TYPE_VOICE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, TALKIE_TYPE_AUDIO_PLAYER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-voice-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieVoiceRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoiceRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoiceRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoiceRow, play_button);
  gtk_widget_class_bind_template_callback (widget_class, play_clicked_cb);
}

static void
talkie_voice_row_init (TalkieVoiceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "voice-row");
}

GtkWidget *
talkie_voice_row_new (TalkieAudioPlayer *player)
{
  return g_object_new (TALKIE_TYPE_VOICE_ROW,
                       "player", player,
                       NULL);
}

TalkieVoice *
talkie_voice_row_get_voice (TalkieVoiceRow *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE_ROW (self), NULL);

  return self->voice;
}

void
talkie_voice_row_set_voice (TalkieVoiceRow *self,
                            TalkieVoice    *voice)
{
  g_return_if_fail (TALKIE_IS_VOICE_ROW (self));
  g_return_if_fail (voice == NULL || TALKIE_IS_VOICE (voice));

  if (g_set_object (&self->voice, voice))
    {
      talkie_voice_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOICE]);
    }
}

void
talkie_voice_row_set_player (TalkieVoiceRow    *self,
                             TalkieAudioPlayer *player)
{
  g_return_if_fail (TALKIE_IS_VOICE_ROW (self));
  g_return_if_fail (player == NULL || TALKIE_IS_AUDIO_PLAYER (player));

  if (self->player == player)
    return;

  if (self->player != NULL)
    g_signal_handlers_disconnect_by_func (self->player, player_changed_cb, self);

  g_set_object (&self->player, player);

  if (self->player != NULL)
    {
      g_signal_connect_swapped (self->player, "notify::state", G_CALLBACK (player_changed_cb), self);
      g_signal_connect_swapped (self->player, "notify::uri", G_CALLBACK (player_changed_cb), self);
    }

  talkie_voice_row_update_player (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
}

void
talkie_voice_row_toggle_sample (TalkieVoiceRow *self)
{
  g_return_if_fail (TALKIE_IS_VOICE_ROW (self));

  play_clicked_cb (self);
}
