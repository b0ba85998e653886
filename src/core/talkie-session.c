/* talkie-session.c
 *
 * The app and talkie-cli answer the same questions before their first call:
 * is the server address acceptable, which key goes with it (the environment's,
 * the keyring's, one just entered), and which client signs in with it. The
 * answers live here once; what each front end says about them stays with it.
 * The key itself is only ever held by the client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>

#include "talkie-error.h"
#include "talkie-secret.h"
#include "talkie-session.h"
#include "talkie-url.h"

struct _TalkieSession
{
  GObject          parent_instance;

  char            *server;       /* normalised; NULL for JoggAI */
  TalkieClient    *client;
  TalkieKeyOrigin  origin;
  char            *key;          /* the signed-in key, for the keyring */
};

G_DEFINE_FINAL_TYPE (TalkieSession, talkie_session, G_TYPE_OBJECT)

static void
talkie_session_finalize (GObject *object)
{
  TalkieSession *self = (TalkieSession *)object;

  g_clear_pointer (&self->server, g_free);
  g_clear_object (&self->client);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (talkie_session_parent_class)->finalize (object);
}

static void
talkie_session_class_init (TalkieSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = talkie_session_finalize;
}

static void
talkie_session_init (TalkieSession *self)
{
}

TalkieSession *
talkie_session_new (const char  *server,
                    GError     **error)
{
  g_autoptr(TalkieSession) self = g_object_new (TALKIE_TYPE_SESSION, NULL);
  g_autofree char *stripped = server ? g_strstrip (g_strdup (server)) : NULL;

  if (stripped != NULL && stripped[0] != '\0' &&
      !(self->server = talkie_url_check_base (stripped, error)))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
talkie_session_get_server (TalkieSession *self)
{
  g_return_val_if_fail (TALKIE_IS_SESSION (self), NULL);

  return self->server;
}

TalkieClient *
talkie_session_get_client (TalkieSession *self)
{
  g_return_val_if_fail (TALKIE_IS_SESSION (self), NULL);

  return self->client;
}

TalkieKeyOrigin
talkie_session_get_key_origin (TalkieSession *self)
{
  g_return_val_if_fail (TALKIE_IS_SESSION (self), TALKIE_KEY_ORIGIN_NONE);

  return self->origin;
}

gboolean
talkie_session_sign_in (TalkieSession    *self,
                        const char       *api_key,
                        TalkieKeyOrigin   origin,
                        GError          **error)
{
  g_autofree char *key = NULL;
  g_autoptr(TalkieClient) client = NULL;

  g_return_val_if_fail (TALKIE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (api_key != NULL, FALSE);

  key = g_strstrip (g_strdup (api_key));
  if (key[0] == '\0')
    {
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY,
                           _("The API key is empty."));
      return FALSE;
    }

  if (!(client = talkie_client_new (key, self->server, error)))
    return FALSE;

  g_set_object (&self->client, client);
  g_free (self->key);
  self->key = g_steal_pointer (&key);
  self->origin = origin;

  return TRUE;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TalkieSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = talkie_secret_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (key == NULL)
    g_task_return_boolean (task, FALSE);
  else if (!talkie_session_sign_in (self, key, TALKIE_KEY_ORIGIN_KEYRING, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
talkie_session_find_key_async (TalkieSession       *self,
                               gboolean             use_environment,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const char *env_key = use_environment ? g_getenv ("TALKIE_API_KEY") : NULL;

  g_return_if_fail (TALKIE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_session_find_key_async);

  if (env_key != NULL && env_key[0] != '\0')
    {
      if (talkie_session_sign_in (self, env_key, TALKIE_KEY_ORIGIN_ENVIRONMENT, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  talkie_secret_lookup_async (self->server, cancellable, lookup_cb, g_steal_pointer (&task));
}

gboolean
talkie_session_find_key_finish (TalkieSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (TALKIE_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
talkie_session_find_key_sync (TalkieSession  *self,
                              gboolean        use_environment,
                              GCancellable   *cancellable,
                              GError        **error)
{
  const char *env_key = use_environment ? g_getenv ("TALKIE_API_KEY") : NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (TALKIE_IS_SESSION (self), FALSE);

  if (env_key != NULL && env_key[0] != '\0')
    return talkie_session_sign_in (self, env_key, TALKIE_KEY_ORIGIN_ENVIRONMENT, error);

  key = talkie_secret_lookup_sync (self->server, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return key != NULL && talkie_session_sign_in (self, key, TALKIE_KEY_ORIGIN_KEYRING, error);
}

static void
secret_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (task) == talkie_session_store_key_async)
    ok = talkie_secret_store_finish (result, &error);
  else
    ok = talkie_secret_clear_finish (result, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
talkie_session_store_key_async (TalkieSession       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TALKIE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_session_store_key_async);

  if (self->key == NULL)
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY,
                               _("No JoggAI API key is set."));
      return;
    }

  talkie_secret_store_async (self->server, self->key, cancellable, secret_done_cb, g_steal_pointer (&task));
}

gboolean
talkie_session_store_key_finish (TalkieSession  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
talkie_session_forget_key_async (TalkieSession       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TALKIE_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_session_forget_key_async);

  g_clear_object (&self->client);
  g_clear_pointer (&self->key, g_free);
  self->origin = TALKIE_KEY_ORIGIN_NONE;

  talkie_secret_clear_async (self->server, cancellable, secret_done_cb, g_steal_pointer (&task));
}

gboolean
talkie_session_forget_key_finish (TalkieSession  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
