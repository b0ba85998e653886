/* talkie-avatar-cell.h: one card of the avatar grid: cover and name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-cover-loader.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_AVATAR_CELL (talkie_avatar_cell_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAvatarCell, talkie_avatar_cell, TALKIE, AVATAR_CELL, GtkWidget)

GtkWidget    *talkie_avatar_cell_new        (void);
/* @avatar: NULL to clear (cancels a cover on its way). Shows the name, and the
 * cover when @loader has it in memory at @width×@height (logical pixels);
 * fetches nothing. */
void          talkie_avatar_cell_bind        (TalkieAvatarCell  *self,
                                              TalkieAvatar      *avatar,
                                              TalkieCoverLoader *loader,
                                              int                width,
                                              int                height);
/* Fetches the cover if it is not shown or on its way. */
void          talkie_avatar_cell_load_cover  (TalkieAvatarCell  *self);
/* Drops a fetch on its way (the cell scrolled far away). */
void          talkie_avatar_cell_cancel_cover (TalkieAvatarCell *self);
/* bind() then load_cover(). */
void          talkie_avatar_cell_set_avatar (TalkieAvatarCell  *self,
                                             TalkieAvatar      *avatar,
                                             TalkieCoverLoader *loader,
                                             int                width,
                                             int                height);
TalkieAvatar *talkie_avatar_cell_get_avatar (TalkieAvatarCell  *self);
/* TRUE once the real cover is shown (not the placeholder). */
gboolean      talkie_avatar_cell_has_cover  (TalkieAvatarCell  *self);
/* TRUE while a cover is on its way. */
gboolean      talkie_avatar_cell_is_loading (TalkieAvatarCell  *self);

G_END_DECLS
