/* talkie-secret.h: the API key in the keyring (libsecret / the Secret portal).
 * Never in GSettings, files or logs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @server: the base URL the key is for, NULL for JoggAI. */
void      talkie_secret_store_async    (const char          *server,
                                        const char          *api_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  talkie_secret_store_finish   (GAsyncResult        *result,
                                        GError             **error);
void      talkie_secret_lookup_async   (const char          *server,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* NULL without error when there is no key. */
char     *talkie_secret_lookup_finish  (GAsyncResult        *result,
                                        GError             **error);
void      talkie_secret_clear_async    (const char          *server,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean  talkie_secret_clear_finish   (GAsyncResult        *result,
                                        GError             **error);
/* Synchronous lookup, for talkie-cli. */
char     *talkie_secret_lookup_sync    (const char          *server,
                                        GCancellable        *cancellable,
                                        GError             **error);

G_END_DECLS
