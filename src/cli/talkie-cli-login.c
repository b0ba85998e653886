/* talkie-cli-login.c: “talkie-cli login” and “talkie-cli logout”, the API key
 * stored in the keyring (where the app finds it too) or removed from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

/* A key is some dozens of characters: more on stdin is not a key. */
#define MAX_KEY_BYTES 4096

static void
login_add_entries (TalkieCli      *self,
                   GOptionContext *context)
{
}

static int
login_check (TalkieCli *self)
{
  if (self->use_sandbox)
    return talkie_cli_usage_error (self, _("The built-in sandbox needs no key: login and logout are for a server (--base-url, or JoggAI)."));

  return 0;
}

static const char *
server_name (TalkieCli *self)
{
  const char *server = talkie_session_get_server (self->session);

  return server != NULL ? server : "JoggAI";
}

/* From a pipe as it is; from a terminal after a prompt, without echo. */
static char *
login_read_key (TalkieCli  *self,
                GError    **error)
{
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autofree char *buffer = g_malloc0 (MAX_KEY_BYTES + 1);
  gboolean terminal = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  gboolean echo_off = FALSE;
  gsize length = 0;
  gboolean ok;

  if (terminal)
    {
      g_printerr (_("API key for %s (not shown as you type): "), server_name (self));
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          quiet.c_lflag |= ECHONL;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }

      /* One line. */
      ok = TRUE;
      while (length < MAX_KEY_BYTES)
        {
          gssize n = g_input_stream_read (input, buffer + length, 1, NULL, error);

          if (n < 0)
            {
              ok = FALSE;
              break;
            }
          if (n == 0 || buffer[length] == '\n')
            break;
          length++;
        }
      buffer[length] = '\0';

      if (echo_off)
        tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      if (!echo_off)
        g_printerr ("\n");
    }
  else
    ok = g_input_stream_read_all (input, buffer, MAX_KEY_BYTES + 1, &length, NULL, error);

  if (!ok)
    return NULL;

  if (length > MAX_KEY_BYTES)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("What came on stdin is too long to be an API key."));
      return NULL;
    }

  buffer[length] = '\0';
  if (!g_utf8_validate (buffer, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("What came on stdin is not an API key: it is not text."));
      return NULL;
    }

  return g_strdup (g_strstrip (buffer));
}

static void
login_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!talkie_session_store_key_finish (TALKIE_SESSION (object), result, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  g_print (_("The key for %s is stored in the keyring. Talkie and talkie-cli use it from now on.\n"),
           server_name (self));
  talkie_cli_done (self, EXIT_SUCCESS);
}

/* The key is tried before it is stored: a mistyped key is said now, not at
 * the next render. */
static void
login_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GListModel) voices = NULL;
  g_autoptr(GError) error = NULL;

  voices = talkie_client_list_voices_finish (TALKIE_CLIENT (object), result, &error);
  if (voices == NULL)
    {
      if (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INVALID_KEY))
        talkie_cli_fail_message (self, _("The server refused this key, so it was not stored. Copy the key again from your JoggAI account (Settings → API)."));
      else
        talkie_cli_fail (self, error);
      return;
    }

  talkie_session_store_key_async (self->session, self->cancellable, login_stored_cb, self);
}

static void
login_start (TalkieCli *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = login_read_key (self, &error);

  if (key == NULL)
    {
      talkie_cli_fail (self, error);
      return;
    }

  if (key[0] == '\0')
    {
      talkie_cli_fail_message (self, _("No key given: type or paste your JoggAI API key, or pipe it in (“talkie-cli login < key.txt”)."));
      return;
    }

  if (!talkie_session_sign_in (self->session, key, TALKIE_KEY_ORIGIN_ENTERED, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  self->client = g_object_ref (talkie_session_get_client (self->session));
  talkie_client_list_voices_async (self->client, TALKIE_SOURCE_MINE, TALKIE_GENDER_ANY,
                                   self->cancellable, login_checked_cb, self);
}

static void
logout_forgot_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!talkie_session_forget_key_finish (TALKIE_SESSION (object), result, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  g_print (_("No key for %s is stored in the keyring any more.\n"), server_name (self));
  talkie_cli_done (self, EXIT_SUCCESS);
}

static void
logout_start (TalkieCli *self)
{
  talkie_session_forget_key_async (self->session, self->cancellable, logout_forgot_cb, self);
}

const TalkieCliCommand talkie_cli_login_command = {
  "login", NULL, N_("Store your API key in the keyring (read from stdin, or typed unseen)"),
  0, login_add_entries, login_check, login_start, TRUE,
};

const TalkieCliCommand talkie_cli_logout_command = {
  "logout", NULL, N_("Remove the stored API key from the keyring"),
  0, login_add_entries, login_check, logout_start, TRUE,
};
