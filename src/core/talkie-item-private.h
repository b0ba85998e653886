/* talkie-item-private.h: what the list items (TalkieAvatar, TalkieVoice) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Replaces *@field with a copy of @text; NULL for NULL or "" (no name, no
 * address), so that an empty text costs no allocation: the getter of a name
 * gives "" for NULL (TALKIE_ITEM_TEXT), the getter of an address gives NULL. */
static inline void
_talkie_item_set_text (char       **field,
                       const char  *text)
{
  char *old = *field;

  *field = (text != NULL && text[0] != '\0') ? g_strdup (text) : NULL;
  g_free (old);
}

#define TALKIE_ITEM_TEXT(field) ((field) != NULL ? (field) : "")

/* An item's properties are read-only: its _new() sets the fields. */
#define TALKIE_ITEM_PARAM_FLAGS (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static inline GParamSpec *
_talkie_item_param_text (const char *name,
                         const char *default_value)
{
  return g_param_spec_string (name, NULL, NULL, default_value, TALKIE_ITEM_PARAM_FLAGS);
}

static inline GParamSpec *
_talkie_item_param_enum (const char *name,
                         GType       enum_type,
                         int         default_value)
{
  return g_param_spec_enum (name, NULL, NULL, enum_type, default_value, TALKIE_ITEM_PARAM_FLAGS);
}

G_END_DECLS
