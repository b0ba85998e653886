/* talkie-application-session.c: signing in — the key from the keyring or
 * typed, kept once the server accepted it, removed, refused — over TalkieSession.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-application-private.h"
#include "talkie-ui-error.h"

static void
talkie_application_sign_in (TalkieApplication *self,
                            const char        *api_key,
                            TalkieKeyOrigin    origin)
{
  g_autoptr(TalkieSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (TALKIE_IS_APPLICATION (self));

  if (!(session = talkie_session_new (talkie_application_get_server_url (self), &error)) ||
      !talkie_session_sign_in (session, api_key, origin, &error))
    {
      g_autofree char *message = talkie_ui_error_message (error);

      _talkie_application_set_client (self, NULL);
      _talkie_application_set_key_problem (self, message);
      return;
    }

  g_set_object (&self->session, session);
  _talkie_application_set_client (self, talkie_session_get_client (session));
}

static void
find_key_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TalkieApplication) self = user_data;
  TalkieSession *session = TALKIE_SESSION (object);
  g_autoptr(GError) error = NULL;
  gboolean found;

  found = talkie_session_find_key_finish (session, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  _talkie_application_set_busy (self, FALSE);

  if (error != NULL)
    {
      g_autofree char *problem = NULL;

      /* Translators: %s is the keyring's own error message */
      problem = g_strdup_printf (_("Your saved key could not be read from the keyring (%s). Enter it again below."),
                                 error->message);
      _talkie_application_set_key_problem (self, problem);
      _talkie_application_set_client (self, NULL);
      return;
    }

  if (!found)
    {
      _talkie_application_set_client (self, NULL);
      return;
    }

  g_set_object (&self->session, session);
  _talkie_application_set_client (self, talkie_session_get_client (session));
}

void
_talkie_application_start_session (TalkieApplication *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (TALKIE_IS_APPLICATION (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->testing)
    {
      if (self->testing_api_key != NULL)
        talkie_application_sign_in (self, self->testing_api_key, TALKIE_KEY_ORIGIN_KEYRING);
      else
        _talkie_application_set_client (self, NULL);
      return;
    }

  if (self->start_sandbox)
    {
      self->start_sandbox = FALSE;

      if (talkie_application_use_sandbox (self, &error))
        return;

      _talkie_application_set_key_problem (self, error->message);
    }

  {
    g_autoptr(TalkieSession) session = talkie_session_new (talkie_application_get_server_url (self), &error);

    if (session == NULL)
      {
        _talkie_application_set_key_problem (self, error->message);
        return;
      }

    _talkie_application_set_busy (self, TRUE);
    self->cancellable = g_cancellable_new ();
    talkie_session_find_key_async (session, FALSE, self->cancellable,
                                   find_key_cb, g_object_ref (self));
  }
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TalkieApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!talkie_session_store_key_finish (TALKIE_SESSION (object), result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the keyring's own error message */
      message = g_strdup_printf (_("The key could not be saved in the keyring (%s). It works until Talkie closes; enter it again next time."),
                                 error->message);
      talkie_application_toast (self, message);
    }
}

void
talkie_application_save_key (TalkieApplication *self,
                             const char        *api_key)
{
  g_autofree char *key = NULL;

  g_return_if_fail (TALKIE_IS_APPLICATION (self));
  g_return_if_fail (api_key != NULL);

  key = g_strstrip (g_strdup (api_key));
  if (key[0] == '\0')
    {
      _talkie_application_set_key_problem (self, _("The key is empty. Paste the API key from your JoggAI account."));
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _talkie_application_set_busy (self, FALSE);
  _talkie_application_stop_sandbox (self);

  /* A new key: a new client, even on the same server. */
  _talkie_application_set_client (self, NULL);
  talkie_application_sign_in (self, key, TALKIE_KEY_ORIGIN_ENTERED);

  if (self->client == NULL)
    return;

  /* Tests start signed in without the keyring, but keep what they save in it. */
  if (self->testing)
    _talkie_application_set_str (&self->testing_api_key, key);

  /* Into the keyring once the server has accepted it: a mistyped key is not kept. */
  self->key_pending = TRUE;
}

void
talkie_application_confirm_key (TalkieApplication *self,
                                TalkieClient      *client)
{
  g_return_if_fail (TALKIE_IS_APPLICATION (self));
  g_return_if_fail (TALKIE_IS_CLIENT (client));

  if (client != self->client || !self->key_pending || self->session == NULL)
    return;

  self->key_pending = FALSE;
  talkie_session_store_key_async (self->session, NULL, store_cb, g_object_ref (self));
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TalkieApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!talkie_session_forget_key_finish (TALKIE_SESSION (object), result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the keyring's own error message */
      message = g_strdup_printf (_("The key could not be removed from the keyring (%s). Remove it with the Passwords and Keys app."),
                                 error->message);
      talkie_application_toast (self, message);
    }
}

void
talkie_application_remove_key (TalkieApplication *self)
{
  g_return_if_fail (TALKIE_IS_APPLICATION (self));

  if (self->sandbox != NULL)
    {
      _talkie_application_stop_sandbox (self);
      return;
    }

  self->key_pending = FALSE;
  _talkie_application_set_client (self, NULL);
  _talkie_application_set_key_problem (self, NULL);

  if (self->testing)
    g_clear_pointer (&self->testing_api_key, g_free);

  /* The key saved for this server, whether or not one is signed in now. */
  if (self->session == NULL)
    self->session = talkie_session_new (talkie_application_get_server_url (self), NULL);
  if (self->session != NULL)
    talkie_session_forget_key_async (self->session, NULL, clear_cb, g_object_ref (self));
  g_clear_object (&self->session);
}

void
talkie_application_reject_key (TalkieApplication *self,
                               const char        *reason)
{
  g_return_if_fail (TALKIE_IS_APPLICATION (self));

  self->key_pending = FALSE;
  _talkie_application_set_client (self, NULL);
  _talkie_application_set_key_problem (self, reason ? reason : _("The server did not accept this API key. Check that you copied the whole key from JoggAI’s web app, then enter it again."));
}

void
_talkie_application_server_url_changed_cb (TalkieApplication *self,
                                           const char        *key,
                                           GSettings         *settings)
{
  g_autofree char *url = g_settings_get_string (settings, "server-url");

  if (!talkie_application_check_server_url (url, NULL))
    return;

  _talkie_application_set_str (&self->server_url, url[0] ? url : NULL);

  /* A new server: leave the sandbox and find the key saved for that server. */
  g_clear_pointer (&self->testing_base_url, g_free);
  _talkie_application_stop_sandbox (self);
  g_clear_object (&self->session);
  _talkie_application_set_client (self, NULL);

  if (self->started)
    _talkie_application_start_session (self);
}
