/* talkie-window-private.h: the window's insides, for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-avatar-grid.h"
#include "talkie-window.h"

G_BEGIN_DECLS

/* "loading", "welcome" or "main". */
const char       *talkie_window_get_page              (TalkieWindow *self);
TalkieAvatarGrid *talkie_window_get_avatar_grid       (TalkieWindow *self);
/* The text under the key entry that says why the key is asked for again. */
const char       *talkie_window_get_key_problem_text  (TalkieWindow *self);
GtkEditable      *talkie_window_get_key_entry         (TalkieWindow *self);
GtkWidget        *talkie_window_get_create_panel      (TalkieWindow *self);
GtkWidget        *talkie_window_get_renders_page      (TalkieWindow *self);
AdwViewStack     *talkie_window_get_view_stack        (TalkieWindow *self);
/* The text of the last toast shown, NULL before any. */
const char       *talkie_window_get_last_toast        (TalkieWindow *self);
/* Side by side, or the grid and the sidebar as pages ("grid", "sidebar"). */
AdwLeaflet       *talkie_window_get_leaflet           (TalkieWindow *self);
/* The number on the Renders tab: the renders running. */
guint             talkie_window_get_renders_badge     (TalkieWindow *self);
/* The open result modal, NULL when none. */
GtkWindow        *talkie_window_get_result_window     (TalkieWindow *self);

G_END_DECLS
