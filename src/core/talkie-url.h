/* talkie-url.h: the one rule for every address Talkie sends something to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* localhost, localhost., 127.0.0.0/8, ::1 (with or without brackets). */
gboolean  talkie_url_host_is_loopback (const char  *host);

/* A server address (the configured base): https, or http on a loopback host;
 * a host, and no user, query or fragment. Returns it without trailing
 * slashes, or NULL with TALKIE_API_ERROR_INSECURE_BASE. */
char     *talkie_url_check_base       (const char  *url,
                                       GError     **error);

/* An address a server handed out (upload, video): the same schemes and
 * hosts, no user; a query is fine (signed URLs carry one). FALSE with
 * TALKIE_API_ERROR_INSECURE_URL. */
gboolean  talkie_url_check_remote     (const char  *url,
                                       GError     **error);

G_END_DECLS
