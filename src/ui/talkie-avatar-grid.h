/* talkie-avatar-grid.h: the avatar browser (aspect, public/mine, search, grid of covers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-cover-loader.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_AVATAR_GRID (talkie_avatar_grid_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAvatarGrid, talkie_avatar_grid, TALKIE, AVATAR_GRID, GtkWidget)

/* Properties: "client", "cover-loader", "aspect-ratio" (TalkieAspectRatio),
 * "source" (TalkieSource), "selected-avatar" (read-only, NULL when none),
 * "state" (read-only: "loading", "grid", "empty", "no-results", "error").
 * Signals: "load-failed" (GError *) after a list call failed (for example a
 * rejected key); "avatar-activated" (TalkieAvatar *) on Enter or double-click. */
GtkWidget         *talkie_avatar_grid_new                 (void);
void               talkie_avatar_grid_set_client          (TalkieAvatarGrid  *self,
                                                           TalkieClient      *client);
TalkieClient      *talkie_avatar_grid_get_client          (TalkieAvatarGrid  *self);
void               talkie_avatar_grid_set_cover_loader    (TalkieAvatarGrid  *self,
                                                           TalkieCoverLoader *loader);
void               talkie_avatar_grid_set_aspect_ratio    (TalkieAvatarGrid  *self,
                                                           TalkieAspectRatio  aspect_ratio);
TalkieAspectRatio  talkie_avatar_grid_get_aspect_ratio    (TalkieAvatarGrid  *self);
void               talkie_avatar_grid_set_source          (TalkieAvatarGrid  *self,
                                                           TalkieSource       source);
TalkieSource       talkie_avatar_grid_get_source          (TalkieAvatarGrid  *self);
TalkieAvatar      *talkie_avatar_grid_get_selected_avatar (TalkieAvatarGrid  *self);
const char        *talkie_avatar_grid_get_state           (TalkieAvatarGrid  *self);
/* Asks the server again (the Retry button). */
void               talkie_avatar_grid_reload              (TalkieAvatarGrid  *self);
void               talkie_avatar_grid_focus_search        (TalkieAvatarGrid  *self);

/* Puts the focus in the grid, on the chosen avatar (or on the search when there is
 * no grid to show). */
void               talkie_avatar_grid_focus_grid          (TalkieAvatarGrid  *self);
/* Selects the shown avatar of @id; FALSE when none is shown. */
gboolean           talkie_avatar_grid_select_avatar_id    (TalkieAvatarGrid  *self,
                                                           gint64             id);

G_END_DECLS
