/* talkie-player-keys.h: a video player that the keyboard can work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keys on @widget (or inside it) work @video: Space plays or pauses, Left and Right
 * seek by 5 seconds, unless the focused control takes the key itself. Names the
 * parts of @controls (a GtkMediaControls) for a screen reader. */
void talkie_player_keys_attach (GtkWidget *widget,
                                GtkVideo  *video,
                                GtkWidget *controls);

G_END_DECLS
