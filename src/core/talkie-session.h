/* talkie-session.h: one account on one server — where its key comes from, and
 * the client it signs in with. Used by the app and by talkie-cli alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "talkie-client.h"

G_BEGIN_DECLS

typedef enum
{
  TALKIE_KEY_ORIGIN_NONE,
  TALKIE_KEY_ORIGIN_ENVIRONMENT,   /* TALKIE_API_KEY */
  TALKIE_KEY_ORIGIN_KEYRING,       /* saved for this server */
  TALKIE_KEY_ORIGIN_ENTERED,       /* typed or pasted just now */
  TALKIE_KEY_ORIGIN_SANDBOX,       /* the built-in sandbox's own */
} TalkieKeyOrigin;

#define TALKIE_TYPE_SESSION (talkie_session_get_type ())

G_DECLARE_FINAL_TYPE (TalkieSession, talkie_session, TALKIE, SESSION, GObject)

/* @server: a base URL (checked with talkie_url_check_base()), NULL for JoggAI. */
TalkieSession   *talkie_session_new             (const char           *server,
                                                 GError              **error);
/* NULL for JoggAI. */
const char      *talkie_session_get_server      (TalkieSession        *self);
/* The client signed in with the key, NULL before. */
TalkieClient    *talkie_session_get_client      (TalkieSession        *self);
TalkieKeyOrigin  talkie_session_get_key_origin  (TalkieSession        *self);

/* A client for the server with @api_key (trimmed; an empty key is an error). */
gboolean         talkie_session_sign_in         (TalkieSession        *self,
                                                 const char           *api_key,
                                                 TalkieKeyOrigin       origin,
                                                 GError              **error);

/* The key: TALKIE_API_KEY when @use_environment and set, else the one saved in
 * the keyring for this server; signs in with it. TRUE when signed in; FALSE
 * without error when there is no key. */
void             talkie_session_find_key_async  (TalkieSession        *self,
                                                 gboolean              use_environment,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean         talkie_session_find_key_finish (TalkieSession        *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean         talkie_session_find_key_sync   (TalkieSession        *self,
                                                 gboolean              use_environment,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

/* Saves the signed-in key in the keyring for this server, or removes the
 * saved one. */
void             talkie_session_store_key_async  (TalkieSession       *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         talkie_session_store_key_finish (TalkieSession       *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void             talkie_session_forget_key_async (TalkieSession       *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         talkie_session_forget_key_finish (TalkieSession      *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);

G_END_DECLS
