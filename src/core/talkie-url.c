/* talkie-url.c
 *
 * Plain http would carry the API key, a recording or a video in the clear, so
 * it is allowed only where nothing leaves the computer: a loopback host (the
 * sandbox, a developer's server). Everything else is https. A file:// or
 * ftp:// address from a server is refused before libsoup sees it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <string.h>

#include <glib/gi18n.h>

#include "talkie-error.h"
#include "talkie-url.h"

gboolean
talkie_url_host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0 ||
      g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  /* GUri may keep the brackets of an IPv6 literal. */
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    bare = g_strndup (host + 1, strlen (host) - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* https anywhere, http on loopback, a host, no user. */
static GUri *
parse_allowed (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || !(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return NULL;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (host == NULL || host[0] == '\0' || g_uri_get_userinfo (uri) != NULL)
    return NULL;

  if (g_ascii_strcasecmp (scheme, "https") != 0 &&
      !(g_ascii_strcasecmp (scheme, "http") == 0 && talkie_url_host_is_loopback (host)))
    return NULL;

  return g_steal_pointer (&uri);
}

char *
talkie_url_check_base (const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = parse_allowed (url);
  gsize len;

  if (uri == NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INSECURE_BASE,
                   _("The server address “%s” is refused: only https:// addresses, or http:// on this computer, can be used."),
                   url ? url : "");
      return NULL;
    }

  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    len--;

  return g_strndup (url, len);
}

gboolean
talkie_url_check_remote (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = parse_allowed (url);

  if (uri == NULL)
    {
      g_autoptr(GUri) shown = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

      /* Only the scheme and host: a signed URL's query is a secret of sorts. */
      g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INSECURE_URL,
                   _("The server gave an address Talkie does not use (%s://%s): only https:// addresses, or http:// on this computer, are used."),
                   shown && g_uri_get_scheme (shown) ? g_uri_get_scheme (shown) : "?",
                   shown && g_uri_get_host (shown) ? g_uri_get_host (shown) : "");
      return FALSE;
    }

  return TRUE;
}
