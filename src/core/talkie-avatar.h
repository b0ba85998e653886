/* talkie-avatar.h: one avatar of /open/avatar or /open/avatar/user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "talkie-types.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_AVATAR (talkie_avatar_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAvatar, talkie_avatar, TALKIE, AVATAR, GObject)

/* Properties (read-only): "id" (gint64), "name", "cover-url" (NULL when none, or when it is
 * not an address Talkie fetches: checked when first read), "source"
 * (TalkieSource: the render's person_source), "aspect-ratio". */
TalkieAvatar      *talkie_avatar_new              (gint64             id,
                                                   const char        *name,
                                                   const char        *cover_url,
                                                   TalkieSource       source,
                                                   TalkieAspectRatio  aspect_ratio);
gint64             talkie_avatar_get_id           (TalkieAvatar      *self);
const char        *talkie_avatar_get_name         (TalkieAvatar      *self);
const char        *talkie_avatar_get_cover_url    (TalkieAvatar      *self);
TalkieSource       talkie_avatar_get_source       (TalkieAvatar      *self);
TalkieAspectRatio  talkie_avatar_get_aspect_ratio (TalkieAvatar      *self);

G_END_DECLS
