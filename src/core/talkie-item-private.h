/* talkie-item-private.h: what the list items (TalkieAvatar, TalkieVoice) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
