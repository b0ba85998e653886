/* talkie-error-private.h: helpers for building TalkieApiError errors inside src/core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-error.h"

G_BEGIN_DECLS

/* A TALKIE_API_ERROR_HTTP error that remembers @http_status. */
GError *_talkie_api_error_new_http        (guint         http_status);
/* The HTTP status remembered by an error of TALKIE_API_ERROR, 0 when none. */
guint   _talkie_api_error_get_http_status (const GError *error);
/* The error for a non-zero JoggAI `code`, with @msg (plain text) from the server. */
GError *_talkie_api_error_new_for_code    (gint64        code,
                                           const char   *msg);
/* A GIOError / GTlsError / GResolverError from the network, as the user should see it.
 * G_IO_ERROR_CANCELLED stays as it is. */
GError *_talkie_api_error_from_io         (const GError *error);

G_END_DECLS
