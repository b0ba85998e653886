/* talkie-error.c: errors a user can meet, each with a message that says what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "talkie-error-private.h"

/* TALKIE_API_ERROR is an extended error domain: an HTTP error remembers its
 * status, so that talkie_error_is_transient() can tell a 503 from a 404. */
typedef struct
{
  guint http_status;
} TalkieApiErrorPrivate;

static void
talkie_api_error_private_init (TalkieApiErrorPrivate *priv)
{
  priv->http_status = 0;
}

static void
talkie_api_error_private_copy (const TalkieApiErrorPrivate *src_priv,
                               TalkieApiErrorPrivate       *dest_priv)
{
  dest_priv->http_status = src_priv->http_status;
}

static void
talkie_api_error_private_clear (TalkieApiErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (TalkieApiError, talkie_api_error)
G_DEFINE_QUARK (talkie-audio-error-quark, talkie_audio_error)

GError *
_talkie_api_error_new_http (guint http_status)
{
  GError *error;
  TalkieApiErrorPrivate *priv;

  if (http_status >= 500)
    error = g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP,
                         _("The server answered with an error (HTTP %u). Try again in a moment."),
                         http_status);
  else if (http_status == 401 || http_status == 403)
    error = g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP,
                         _("The server refused access (HTTP %u)."),
                         http_status);
  else if (http_status == 404)
    error = g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP,
                         _("The server has nothing at this address (HTTP %u)."),
                         http_status);
  else
    error = g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP,
                         _("The server answered with an error (HTTP %u). Try again later."),
                         http_status);

  priv = talkie_api_error_get_private (error);
  if (priv != NULL)
    priv->http_status = http_status;

  return error;
}

guint
_talkie_api_error_get_http_status (const GError *error)
{
  TalkieApiErrorPrivate *priv;

  if (error == NULL || error->domain != TALKIE_API_ERROR)
    return 0;

  priv = talkie_api_error_get_private (error);
  return priv != NULL ? priv->http_status : 0;
}

GError *
_talkie_api_error_new_for_code (gint64      code,
                                const char *msg)
{
  g_autofree char *server_msg = NULL;

  /* The server's text is plain text: it is shown as it is, never as markup. */
  if (msg != NULL)
    server_msg = g_strstrip (g_strdup (msg));

  switch (code)
    {
    case TALKIE_API_ERROR_RECORD_NOT_FOUND:
      return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_RECORD_NOT_FOUND,
                                  _("The server does not know this item any more. Refresh the list and try again."));
    case TALKIE_API_ERROR_INVALID_KEY:
      return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_INVALID_KEY,
                                  _("The server did not accept the API key."));
    case TALKIE_API_ERROR_INSUFFICIENT_CREDIT:
      return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_INSUFFICIENT_CREDIT,
                                  _("Your JoggAI account has no credit left. Top it up, then try again."));
    case TALKIE_API_ERROR_NO_PERMISSION:
      return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_NO_PERMISSION,
                                  _("This JoggAI account may not use the API. Check your plan on JoggAI, then try again."));
    case TALKIE_API_ERROR_PARAMETER:
      if (server_msg != NULL && server_msg[0] != '\0')
        return g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                            _("The server did not accept the request: %s. Check the avatar, voice and audio, then try again."),
                            server_msg);
      return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                                  _("The server did not accept the request. Check the avatar, voice and audio, then try again."));
    case TALKIE_API_ERROR_SYSTEM:
      return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_SYSTEM,
                                  _("The server had an internal problem. Try again in a moment."));
    default:
      {
        /* The number is formatted first: xgettext cannot read G_GINT64_FORMAT inside _(). */
        g_autofree char *code_text = g_strdup_printf ("%" G_GINT64_FORMAT, code);

        if (server_msg != NULL && server_msg[0] != '\0')
          return g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_UNKNOWN_CODE,
                              _("The server reported an error: %s (code %s). Try again later."),
                              server_msg, code_text);
        return g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_UNKNOWN_CODE,
                            _("The server reported error %s. Try again later."),
                            code_text);
      }
    }
}

GError *
_talkie_api_error_from_io (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == TALKIE_API_ERROR || error->domain == TALKIE_AUDIO_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_TIMEOUT,
                                _("The server did not answer in time. Check your connection and try again."));

  /* Something answered, but not in HTTP Talkie can read. */
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING))
    return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                                _("The server sent a reply Talkie does not understand."));

  if (error->domain == G_TLS_ERROR)
    return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_TLS,
                                _("The server’s identity could not be verified, so the connection was not made. Check your computer’s date and the server address, then try again."));

  return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_NETWORK,
                              _("Could not reach the server. Check your connection and try again."));
}

guint
talkie_error_get_http_status (const GError *error)
{
  return error != NULL ? _talkie_api_error_get_http_status (error) : 0;
}

TalkieErrorRemedy
talkie_error_get_remedy (const GError *error)
{
  if (error == NULL || error->domain != TALKIE_API_ERROR)
    return TALKIE_ERROR_REMEDY_NONE;

  switch (error->code)
    {
    case TALKIE_API_ERROR_MALFORMED:
    case TALKIE_API_ERROR_TOO_LARGE:
    case TALKIE_API_ERROR_REDIRECT:
    case TALKIE_API_ERROR_INSECURE_BASE:
      return TALKIE_ERROR_REMEDY_SERVER_ADDRESS;

    case TALKIE_API_ERROR_NO_KEY:
      return TALKIE_ERROR_REMEDY_ADD_KEY;

    case TALKIE_API_ERROR_INVALID_KEY:
      return TALKIE_ERROR_REMEDY_CHECK_KEY;

    case TALKIE_API_ERROR_HTTP:
      switch (talkie_error_get_http_status (error))
        {
        case 401:
        case 403:
          return TALKIE_ERROR_REMEDY_KEY_AND_SERVER_ADDRESS;
        case 404:
        case 405:
          return TALKIE_ERROR_REMEDY_SERVER_ADDRESS;
        default:
          return TALKIE_ERROR_REMEDY_NONE;
        }

    default:
      return TALKIE_ERROR_REMEDY_NONE;
    }
}

gboolean
talkie_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == TALKIE_API_ERROR)
    {
      switch (error->code)
        {
        case TALKIE_API_ERROR_NETWORK:
        case TALKIE_API_ERROR_TIMEOUT:
        case TALKIE_API_ERROR_SYSTEM:
          return TRUE;
        case TALKIE_API_ERROR_HTTP:
          {
            guint status = _talkie_api_error_get_http_status (error);
            return status >= 500 || status == 429 || status == 408;
          }
        default:
          return FALSE;
        }
    }

  if (error->domain == G_IO_ERROR)
    return error->code == G_IO_ERROR_TIMED_OUT ||
           error->code == G_IO_ERROR_CONNECTION_REFUSED ||
           error->code == G_IO_ERROR_CONNECTION_CLOSED ||
           error->code == G_IO_ERROR_BROKEN_PIPE ||
           error->code == G_IO_ERROR_NETWORK_UNREACHABLE ||
           error->code == G_IO_ERROR_HOST_UNREACHABLE ||
           error->code == G_IO_ERROR_PARTIAL_INPUT;

  if (error->domain == G_RESOLVER_ERROR)
    return error->code == G_RESOLVER_ERROR_TEMPORARY_FAILURE;

  return FALSE;
}
