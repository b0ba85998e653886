/* talkie-sandbox.h: a JoggAI look-alike on loopback, for tests, talkie-cli --sandbox
 * and the app's "Try it with the built-in sandbox".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TALKIE_TYPE_SANDBOX (talkie_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (TalkieSandbox, talkie_sandbox, TALKIE, SANDBOX, GObject)

typedef enum
{
  TALKIE_SANDBOX_FAULT_NONE = 0,
  TALKIE_SANDBOX_FAULT_HTTP_500,       /* HTTP 500 with an HTML body */
  TALKIE_SANDBOX_FAULT_DELAY,          /* answer normally after `value` milliseconds */
  TALKIE_SANDBOX_FAULT_MALFORMED,      /* 200 with a body that is not JSON */
  TALKIE_SANDBOX_FAULT_TRUNCATED,      /* 200, valid start of JSON, cut short (Content-Length honest) */
  TALKIE_SANDBOX_FAULT_DROP,           /* announce a length, send part, close the connection */
  TALKIE_SANDBOX_FAULT_API_CODE,       /* 200 with {"code": value, "msg": ..., "data": null} */
  TALKIE_SANDBOX_FAULT_RENDER_FAILS,   /* renders end in status 5 */
} TalkieSandboxFault;

/* Properties (construct-time unless said):
 *   "api-key"        string, default "sandbox"
 *   "port"           guint, 0 = pick a free one (read it back after start)
 *   "avatar-count"   guint, public avatars per aspect ratio, 48 default, up to 10000
 *   "step-ms"        guint, time between status steps 1→2→3→4, default 1500
 *   "data-dir"       string, where uploads and videos go (default: a new temp dir,
 *                    removed on finalize)
 *   "report-every-step" boolean, default FALSE. Status follows the clock: a client
 *                    that polls less often than "step-ms" skips steps, as with the
 *                    real service. TRUE: a poll never reports more than one step past
 *                    the previous poll, so a test sees 1, 2, 3, then 4 or 5 however
 *                    slow the machine (a slow poller then needs more polls).
 *   "max-upload-size" guint64, the largest "file_size" /v1/upload/asset accepts,
 *                    default 200 MiB (benchmarks raise it).
 *
 * Status: 1, 2, 3 one step per "step-ms" from the render's creation; 4 after three
 * steps but never before the video is finished (3 until then); 5 after three steps
 * when the video failed, with status_desc "failed: REASON".
 */
TalkieSandbox *talkie_sandbox_new          (void);
/* Listens on 127.0.0.1; serves on the thread-default main context of the caller. */
gboolean       talkie_sandbox_start        (TalkieSandbox      *self,
                                            GError            **error);
void           talkie_sandbox_stop         (TalkieSandbox      *self);
guint          talkie_sandbox_get_port     (TalkieSandbox      *self);
/* "http://127.0.0.1:PORT" */
const char    *talkie_sandbox_get_base_url (TalkieSandbox      *self);
const char    *talkie_sandbox_get_api_key  (TalkieSandbox      *self);

/* @path: a request path such as "/open/avatar", or "*" for every path (the
 * signed-URL PUT and media are "/upload/" and "/media/"). @times: how many requests
 * it hits, 0 = until cleared. @value: the delay in ms or the API code. */
void           talkie_sandbox_set_fault    (TalkieSandbox      *self,
                                            const char         *path,
                                            TalkieSandboxFault  fault,
                                            int                 value,
                                            guint               times);
void           talkie_sandbox_clear_faults (TalkieSandbox      *self);
/* How many requests reached @path so far (for tests that count polls or retries).
 * Every "/media/..." request counts under "/media/", every signed-URL PUT under
 * "/upload/"; "*" gives the total. Faulted requests count too.
 *
 * Over HTTP (same key as the API, for tests of other processes):
 *   POST /_sandbox/fault {"path": "/open/avatar", "fault": "500", "value": N, "times": N}
 *   POST /_sandbox/clear
 *   GET  /_sandbox/hits?path=/open/avatar   → data {"hits": N}
 * Media served: /media/cover/ID.png, /media/audition/LANG_ID.ogg,
 * /media/upload/TOKEN/FILENAME, /media/video/PRJ_ID.webm (Range, ETag, max-age). */
guint          talkie_sandbox_get_hits     (TalkieSandbox      *self,
                                            const char         *path);

/* Parse "500", "delay", "malformed", "truncated", "drop", "code", "render-fails". */
gboolean       talkie_sandbox_fault_from_string (const char         *str,
                                                 TalkieSandboxFault *fault);

G_END_DECLS
