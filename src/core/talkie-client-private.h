/* talkie-client-private.h: what the parts of TalkieClient share
 * (talkie-client.c, -calls.c, -upload.c, -download.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "talkie-client.h"

G_BEGIN_DECLS

/* Reads in this size. */
#define TALKIE_CLIENT_READ_CHUNK_SIZE (64 * 1024)

struct _TalkieClient
{
  GObject      parent_instance;
  SoupSession *session;
  char        *api_key;
  char        *base_url;   /* NULL: JoggAI's two hosts */
  guint        timeout;
  guint        deadline;   /* seconds for a whole API call, 0: none */
};

typedef enum
{
  FAMILY_OPEN,
  FAMILY_V1,
} TalkieApiFamily;

/* --- one API call (talkie-client.c) --- */

typedef struct _TalkieApiCall TalkieApiCall;
typedef gpointer (*TalkieApiParseFunc) (TalkieApiCall  *call,
                                        JsonNode       *data,
                                        GError        **error);

struct _TalkieApiCall
{
  char               *method;
  char               *url;
  GBytes             *request_body;   /* JSON, or NULL */
  SoupMessage        *msg;
  GBytes             *body;
  guint               status;
  TalkieApiParseFunc  parse;
  GDestroyNotify      result_free;
  TalkieSource        source;
  TalkieAspectRatio   aspect_ratio;
  TalkieGender        gender;

  /* The call's own cancellable: the caller's cancels it, and so does the
   * deadline, so that a server dripping a byte a second cannot hold it. */
  GCancellable       *cancellable;
  GCancellable       *outer;
  gulong              outer_handler;
  GSource            *deadline;
  GSource            *retry;
  guint               deadline_seconds;
  guint               attempts;
  guint               timed_out : 1;
};

/* Builds an API call (start it with _talkie_api_call_start()); the task returns
 * what @parse returns. Steals @json_body. */
GTask    *_talkie_api_call_new    (TalkieClient        *self,
                                   const char          *method,
                                   TalkieApiFamily      family,
                                   const char          *path_and_query,
                                   char                *json_body,
                                   TalkieApiParseFunc   parse,
                                   GDestroyNotify       result_free,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* Takes the reference to @task. */
void      _talkie_api_call_start  (TalkieClient        *self,
                                   GTask               *task);
/* What the task of one of @self's calls returned: the _finish() of every call. */
gpointer  _talkie_api_call_finish (TalkieClient        *self,
                                   GAsyncResult        *result,
                                   GError             **error);

/* Reads @stream to its end, at most @max bytes (else TALKIE_API_ERROR_TOO_LARGE). */
void      _talkie_read_all_async  (GInputStream        *stream,
                                   gsize                max,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GBytes   *_talkie_read_all_finish (GAsyncResult        *result,
                                   GError             **error);

/* --- progress of a transfer (talkie-client.c) --- */

/* What talkie_client_upload_async() and _download_async() were given. */
typedef struct
{
  TalkieProgressFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
} TalkieProgress;

void      _talkie_progress_report (TalkieProgress      *progress,
                                   goffset              done,
                                   goffset              total);
/* Calls the destroy notify, once. */
void      _talkie_progress_clear  (TalkieProgress      *progress);

/* --- transfers that crawl (talkie-client.c) --- */

/* libsoup's idle timeout ends a transfer that stops; one that drips a byte a
 * second never stops. A transfer has its own cancellable, cancelled when less
 * than STALL_MIN_BYTES moved in STALL_WINDOW_SECONDS. */
typedef struct
{
  GCancellable  *cancellable;   /* the transfer's; the caller's cancels it too */
  GCancellable  *outer;
  gulong         outer_handler;
  GSource       *source;
  const goffset *progress;
  const goffset *total;         /* -1 when unknown */
  goffset        last;
  gboolean       stalled;
} TalkieWatchdog;

void      _talkie_watchdog_init   (TalkieWatchdog      *watch,
                                   GCancellable        *outer,
                                   const goffset       *progress,
                                   const goffset       *total);
void      _talkie_watchdog_start  (TalkieWatchdog      *watch);
void      _talkie_watchdog_clear  (TalkieWatchdog      *watch);
GError   *_talkie_watchdog_error  (TalkieWatchdog      *watch,
                                   const GError        *error);

G_END_DECLS
