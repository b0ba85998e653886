/* talkie-cover-loader.h: avatar and render covers, fetched, scaled and cached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define TALKIE_TYPE_COVER_LOADER (talkie_cover_loader_get_type ())

G_DECLARE_FINAL_TYPE (TalkieCoverLoader, talkie_cover_loader, TALKIE, COVER_LOADER, GObject)

/* @session: the client's session (media carry no API key). */
TalkieCoverLoader *talkie_cover_loader_new         (SoupSession          *session);
void               talkie_cover_loader_load_async  (TalkieCoverLoader    *self,
                                                    const char           *url,
                                                    int                   width,
                                                    int                   height,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* Downscaled to fit width×height, aspect kept. */
GdkTexture        *talkie_cover_loader_load_finish (TalkieCoverLoader    *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
