/* talkie-avatar-grid-private.h: the grid's insides, for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-avatar-grid.h"

G_BEGIN_DECLS

GtkGridView    *talkie_avatar_grid_get_grid_view    (TalkieAvatarGrid *self);
GtkEditable    *talkie_avatar_grid_get_search_entry (TalkieAvatarGrid *self);
GtkButton      *talkie_avatar_grid_get_retry_button (TalkieAvatarGrid *self);
GtkToggleButton *talkie_avatar_grid_get_mine_button (TalkieAvatarGrid *self);
/* The avatars shown after filtering. */
GListModel     *talkie_avatar_grid_get_model        (TalkieAvatarGrid *self);
void            talkie_avatar_grid_get_cover_size   (TalkieAvatarGrid *self,
                                                     int              *width,
                                                     int              *height);

G_END_DECLS
