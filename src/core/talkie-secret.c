/* talkie-secret.c: the API key in the keyring (libsecret / the Secret portal).
 *
 * In a Flatpak sandbox libsecret talks to the Secret portal by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "talkie-client.h"
#include "talkie-secret.h"

static const SecretSchema *
talkie_secret_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.talkie.Talkie.ApiKey",
    SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

/* The "server" attribute: the base URL as TalkieClient normalises it (no
 * surrounding spaces, no trailing slash), or JoggAI's when there is none, so
 * that "http://127.0.0.1:8080/" and "http://127.0.0.1:8080" are one key. */
static char *
server_attribute (const char *server)
{
  g_autofree char *copy = NULL;
  gsize len;

  if (server == NULL)
    return g_strdup (TALKIE_DEFAULT_OPEN_BASE);

  copy = g_strstrip (g_strdup (server));
  len = strlen (copy);
  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  if (copy[0] == '\0')
    return g_strdup (TALKIE_DEFAULT_OPEN_BASE);

  return g_steal_pointer (&copy);
}

void
talkie_secret_store_async (const char          *server,
                           const char          *api_key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *label = NULL;
  g_autofree char *attribute = NULL;

  g_return_if_fail (api_key != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  attribute = server_attribute (server);
  /* Translators: %s is the server's address, shown in the keyring manager. */
  label = g_strdup_printf (_("Talkie API key (%s)"), attribute);

  secret_password_store (talkie_secret_get_schema (),
                         SECRET_COLLECTION_DEFAULT,
                         label,
                         api_key,
                         cancellable,
                         callback,
                         user_data,
                         "server", attribute,
                         NULL);
}

gboolean
talkie_secret_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  return secret_password_store_finish (result, error);
}

void
talkie_secret_lookup_async (const char          *server,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *attribute = server_attribute (server);

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  secret_password_lookup (talkie_secret_get_schema (),
                          cancellable,
                          callback,
                          user_data,
                          "server", attribute,
                          NULL);
}

static char *
take_password (char *password)
{
  char *copy;

  if (password == NULL)
    return NULL;

  copy = g_strdup (password);
  secret_password_free (password);

  return copy;
}

char *
talkie_secret_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return take_password (secret_password_lookup_finish (result, error));
}

void
talkie_secret_clear_async (const char          *server,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *attribute = server_attribute (server);

  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  secret_password_clear (talkie_secret_get_schema (),
                         cancellable,
                         callback,
                         user_data,
                         "server", attribute,
                         NULL);
}

/* TRUE when the key is gone, also when there was none. */
gboolean
talkie_secret_clear_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);

  secret_password_clear_finish (result, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

char *
talkie_secret_lookup_sync (const char    *server,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *attribute = server_attribute (server);

  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  return take_password (secret_password_lookup_sync (talkie_secret_get_schema (),
                                                     cancellable,
                                                     error,
                                                     "server", attribute,
                                                     NULL));
}
