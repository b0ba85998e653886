/* talkie-avatar.c: one avatar of /open/avatar or /open/avatar/user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include "talkie-avatar.h"
#include "talkie-enums.h"
#include "talkie-item-private.h"
#include "talkie-url.h"

struct _TalkieAvatar
{
  GObject            parent_instance;
  gint64             id;
  char              *name;
  char              *cover_url;
  TalkieSource       source;
  TalkieAspectRatio  aspect_ratio;
  guint              cover_checked : 1;
};

G_DEFINE_FINAL_TYPE (TalkieAvatar, talkie_avatar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COVER_URL,
  PROP_SOURCE,
  PROP_ASPECT_RATIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
talkie_avatar_finalize (GObject *object)
{
  TalkieAvatar *self = (TalkieAvatar *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->cover_url, g_free);

  G_OBJECT_CLASS (talkie_avatar_parent_class)->finalize (object);
}

static void
talkie_avatar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TalkieAvatar *self = TALKIE_AVATAR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, TALKIE_ITEM_TEXT (self->name));
      break;
    case PROP_COVER_URL:
      g_value_set_string (value, talkie_avatar_get_cover_url (self));
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_ASPECT_RATIO:
      g_value_set_enum (value, self->aspect_ratio);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_avatar_class_init (TalkieAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = talkie_avatar_finalize;
  object_class->get_property = talkie_avatar_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        TALKIE_ITEM_PARAM_FLAGS);
  properties[PROP_NAME] = _talkie_item_param_text ("name", "");
  properties[PROP_COVER_URL] = _talkie_item_param_text ("cover-url", NULL);
  properties[PROP_SOURCE] = _talkie_item_param_enum ("source", TALKIE_TYPE_SOURCE, TALKIE_SOURCE_PUBLIC);
  properties[PROP_ASPECT_RATIO] = _talkie_item_param_enum ("aspect-ratio", TALKIE_TYPE_ASPECT_RATIO, TALKIE_ASPECT_RATIO_PORTRAIT);

  /* Read-only: made by talkie_avatar_new(), which sets the fields directly (no
   * construct properties, so g_object_new() sets none of them either). */
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_avatar_init (TalkieAvatar *self)
{
}

/* The fields set directly, not through properties: a list of 10,000 is made
 * of these, and GValues cost more than the rest of the parse. */
TalkieAvatar *
talkie_avatar_new (gint64             id,
                   const char        *name,
                   const char        *cover_url,
                   TalkieSource       source,
                   TalkieAspectRatio  aspect_ratio)
{
  TalkieAvatar *self = g_object_new (TALKIE_TYPE_AVATAR, NULL);

  self->id = id;
  _talkie_item_set_text (&self->name, name);
  _talkie_item_set_text (&self->cover_url, cover_url);
  self->source = source;
  self->aspect_ratio = aspect_ratio;

  return self;
}

gint64
talkie_avatar_get_id (TalkieAvatar *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR (self), 0);
  return self->id;
}

const char *
talkie_avatar_get_name (TalkieAvatar *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR (self), NULL);
  return TALKIE_ITEM_TEXT (self->name);
}

/* NULL when the server gave none, or an address Talkie would not fetch
 * (talkie_url_check_remote()): show a placeholder. Checked here, on first
 * use, not for each of the 10,000 of a list: only the covers shown are read. */
const char *
talkie_avatar_get_cover_url (TalkieAvatar *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR (self), NULL);

  if (!self->cover_checked)
    {
      self->cover_checked = TRUE;
      if (self->cover_url != NULL && !talkie_url_check_remote (self->cover_url, NULL))
        {
          g_debug ("Ignoring the cover of avatar %" G_GINT64_FORMAT ": not an https (or loopback http) address",
                   self->id);
          g_clear_pointer (&self->cover_url, g_free);
        }
    }

  return self->cover_url;
}

TalkieSource
talkie_avatar_get_source (TalkieAvatar *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR (self), TALKIE_SOURCE_PUBLIC);
  return self->source;
}

TalkieAspectRatio
talkie_avatar_get_aspect_ratio (TalkieAvatar *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR (self), TALKIE_ASPECT_RATIO_PORTRAIT);
  return self->aspect_ratio;
}
