/* talkie-error.h: errors a user can meet, each with a message that says what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TALKIE_API_ERROR (talkie_api_error_quark ())

/* The codes equal to a JoggAI `code` carry that value; the others are ours. */
typedef enum
{
  TALKIE_API_ERROR_UNKNOWN_CODE        = 1,     /* any other non-zero `code`: shows `msg` */
  TALKIE_API_ERROR_HTTP                = 2,     /* non-2xx HTTP status */
  TALKIE_API_ERROR_NETWORK             = 3,     /* could not connect / connection lost */
  TALKIE_API_ERROR_TLS                 = 4,     /* certificate or TLS failure */
  TALKIE_API_ERROR_MALFORMED           = 5,     /* not JSON, no `code`, `data` null, wrong types */
  TALKIE_API_ERROR_TOO_LARGE           = 6,     /* reply body over the cap */
  TALKIE_API_ERROR_TIMEOUT             = 7,     /* the server did not answer in time */
  TALKIE_API_ERROR_INSECURE_BASE       = 8,     /* a non-https base that is not loopback */
  TALKIE_API_ERROR_NO_KEY              = 9,     /* no API key configured */
  TALKIE_API_ERROR_INSECURE_URL        = 10,    /* a server-given address that is not https (or loopback http) */
  TALKIE_API_ERROR_REDIRECT            = 11,    /* an API call answered with a redirect: not followed */
  TALKIE_API_ERROR_NOT_A_VIDEO         = 12,    /* a download that is not a video */
  TALKIE_API_ERROR_TRUNCATED           = 13,    /* a download that ended before its end */
  TALKIE_API_ERROR_RECORD_NOT_FOUND    = 10104,
  TALKIE_API_ERROR_INVALID_KEY         = 10105,
  TALKIE_API_ERROR_INSUFFICIENT_CREDIT = 18020,
  TALKIE_API_ERROR_NO_PERMISSION       = 18025,
  TALKIE_API_ERROR_PARAMETER           = 40000,
  TALKIE_API_ERROR_SYSTEM              = 50000,
} TalkieApiError;

#define TALKIE_AUDIO_ERROR (talkie_audio_error_quark ())

typedef enum
{
  TALKIE_AUDIO_ERROR_NOT_FOUND   = 1,  /* no such file, or the URL answered 404 / could not be reached */
  TALKIE_AUDIO_ERROR_EMPTY       = 2,  /* zero bytes */
  TALKIE_AUDIO_ERROR_NOT_AUDIO   = 3,  /* an image, a text, a video without sound... */
  TALKIE_AUDIO_ERROR_NO_DURATION = 4,  /* audio, but its length cannot be measured */
  TALKIE_AUDIO_ERROR_BAD_URI     = 5,  /* not a file, http or https URI */
  TALKIE_AUDIO_ERROR_TOO_LONG    = 6,  /* longer than the service takes */
} TalkieAudioError;

GQuark talkie_api_error_quark   (void);
GQuark talkie_audio_error_quark (void);

/* The HTTP status behind a TALKIE_API_ERROR_HTTP error, 0 for any other. */
guint    talkie_error_get_http_status (const GError *error);
/* What a user should look at after an error; each front end words it its way
 * (Preferences in the app, --base-url and TALKIE_API_KEY in talkie-cli). */
typedef enum
{
  TALKIE_ERROR_REMEDY_NONE,
  TALKIE_ERROR_REMEDY_SERVER_ADDRESS,
  TALKIE_ERROR_REMEDY_ADD_KEY,
  TALKIE_ERROR_REMEDY_CHECK_KEY,
  TALKIE_ERROR_REMEDY_KEY_AND_SERVER_ADDRESS,
} TalkieErrorRemedy;

TalkieErrorRemedy talkie_error_get_remedy (const GError *error);
/* TRUE for errors worth retrying later (network, timeout, HTTP 5xx, 50000). */
gboolean talkie_error_is_transient    (const GError *error);

G_END_DECLS
