/* talkie-voice.c: one timbre of /open/timbre or /open/timbre/user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include "talkie-enums.h"
#include "talkie-item-private.h"
#include "talkie-voice.h"

struct _TalkieVoice
{
  GObject       parent_instance;
  char         *id;
  char         *name;
  char         *language;
  char         *audition_url;
  TalkieSource  source;
  TalkieGender  gender;
};

G_DEFINE_FINAL_TYPE (TalkieVoice, talkie_voice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_LANGUAGE,
  PROP_AUDITION_URL,
  PROP_SOURCE,
  PROP_GENDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
talkie_voice_finalize (GObject *object)
{
  TalkieVoice *self = (TalkieVoice *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->audition_url, g_free);

  G_OBJECT_CLASS (talkie_voice_parent_class)->finalize (object);
}

static void
talkie_voice_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TalkieVoice *self = TALKIE_VOICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, TALKIE_ITEM_TEXT (self->id));
      break;
    case PROP_NAME:
      g_value_set_string (value, TALKIE_ITEM_TEXT (self->name));
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, TALKIE_ITEM_TEXT (self->language));
      break;
    case PROP_AUDITION_URL:
      g_value_set_string (value, self->audition_url);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_GENDER:
      g_value_set_enum (value, self->gender);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_voice_class_init (TalkieVoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = talkie_voice_finalize;
  object_class->get_property = talkie_voice_get_property;

  properties[PROP_ID] = _talkie_item_param_text ("id", "");
  properties[PROP_NAME] = _talkie_item_param_text ("name", "");
  properties[PROP_LANGUAGE] = _talkie_item_param_text ("language", "");
  properties[PROP_AUDITION_URL] = _talkie_item_param_text ("audition-url", NULL);
  properties[PROP_SOURCE] = _talkie_item_param_enum ("source", TALKIE_TYPE_SOURCE, TALKIE_SOURCE_PUBLIC);
  properties[PROP_GENDER] = _talkie_item_param_enum ("gender", TALKIE_TYPE_GENDER, TALKIE_GENDER_ANY);

  /* Read-only: made by talkie_voice_new(), which sets the fields directly (no
   * construct properties, so g_object_new() sets none of them either). */
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_voice_init (TalkieVoice *self)
{
}

TalkieVoice *
talkie_voice_new (const char   *id,
                  const char   *name,
                  const char   *language,
                  const char   *audition_url,
                  TalkieSource  source,
                  TalkieGender  gender)
{
  TalkieVoice *self = g_object_new (TALKIE_TYPE_VOICE, NULL);

  /* The fields set directly, as for TalkieAvatar: lists are long. */
  _talkie_item_set_text (&self->id, id);
  _talkie_item_set_text (&self->name, name);
  _talkie_item_set_text (&self->language, language);
  _talkie_item_set_text (&self->audition_url, audition_url);
  self->source = source;
  self->gender = gender;

  return self;
}

const char *
talkie_voice_get_id (TalkieVoice *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE (self), NULL);
  return TALKIE_ITEM_TEXT (self->id);
}

const char *
talkie_voice_get_name (TalkieVoice *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE (self), NULL);
  return TALKIE_ITEM_TEXT (self->name);
}

const char *
talkie_voice_get_language (TalkieVoice *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE (self), NULL);
  return TALKIE_ITEM_TEXT (self->language);
}

/* NULL when the server gave none: nothing to play. */
const char *
talkie_voice_get_audition_url (TalkieVoice *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE (self), NULL);
  return self->audition_url;
}

TalkieSource
talkie_voice_get_source (TalkieVoice *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE (self), TALKIE_SOURCE_PUBLIC);
  return self->source;
}

TalkieGender
talkie_voice_get_gender (TalkieVoice *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE (self), TALKIE_GENDER_ANY);
  return self->gender;
}
