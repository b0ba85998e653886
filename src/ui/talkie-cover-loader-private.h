/* talkie-cover-loader-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-cover-loader.h"

G_BEGIN_DECLS

/* The texture when it is already in memory, without waiting for a main loop turn. */
GdkTexture *talkie_cover_loader_lookup          (TalkieCoverLoader *self,
                                                 const char        *url,
                                                 int                width,
                                                 int                height);
/* How many HTTP requests were sent (tests). */
guint       talkie_cover_loader_get_fetch_count (TalkieCoverLoader *self);
/* Requests on the wire now, and waiting for a slot (tests). */
guint       talkie_cover_loader_get_in_flight   (TalkieCoverLoader *self);
guint       talkie_cover_loader_get_pending     (TalkieCoverLoader *self);
/* Writes the disk cache's index now (also done periodically and on dispose). */
void        talkie_cover_loader_save            (TalkieCoverLoader *self);

G_END_DECLS
