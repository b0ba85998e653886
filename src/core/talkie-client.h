/* talkie-client.h: one JoggAI account on one server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "talkie-project.h"
#include "talkie-render-request.h"
#include "talkie-types.h"

G_BEGIN_DECLS

#define TALKIE_DEFAULT_OPEN_BASE "https://api-services.jogg.ai"
#define TALKIE_DEFAULT_V1_BASE   "https://api.jogg.ai"

#define TALKIE_TYPE_CLIENT (talkie_client_get_type ())

G_DECLARE_FINAL_TYPE (TalkieClient, talkie_client, TALKIE, CLIENT, GObject)

/* Progress of a transfer: bytes done so far and the total (-1 when unknown).
 * Called on the main context the call was started from. */
typedef void (*TalkieProgressFunc) (goffset  done,
                                    goffset  total,
                                    gpointer user_data);

/* @base_url: NULL or "" for JoggAI's two hosts, else one base for every path.
 * Fails with TALKIE_API_ERROR_INSECURE_BASE for http:// that is not loopback. */
TalkieClient *talkie_client_new               (const char          *api_key,
                                               const char          *base_url,
                                               GError             **error);
const char   *talkie_client_get_base_url      (TalkieClient        *self); /* NULL = JoggAI */
void          talkie_client_set_api_key       (TalkieClient        *self,
                                               const char          *api_key);
gboolean      talkie_client_has_api_key       (TalkieClient        *self);
/* The session, also for media (covers, auditions, videos): it carries no API key. */
SoupSession  *talkie_client_get_session       (TalkieClient        *self);
/* Seconds before a silent server is given up on (default 30). */
/* Seconds a whole API call may take (60 by default), retries included; 0: none. */
void          talkie_client_set_deadline      (TalkieClient        *self,
                                               guint                seconds);
void          talkie_client_set_timeout       (TalkieClient        *self,
                                               guint                seconds);

void          talkie_client_list_avatars_async  (TalkieClient        *self,
                                                 TalkieSource         source,
                                                 TalkieAspectRatio    aspect_ratio,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* A GListModel of TalkieAvatar. */
GListModel   *talkie_client_list_avatars_finish (TalkieClient        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void          talkie_client_list_voices_async   (TalkieClient        *self,
                                                 TalkieSource         source,
                                                 TalkieGender         gender,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* A GListModel of TalkieVoice. */
GListModel   *talkie_client_list_voices_finish  (TalkieClient        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* POST /v1/upload/asset, then PUT the file, streamed, to sign_url.
 * @content_type: NULL to sniff it from the file's content. */
void          talkie_client_upload_async        (TalkieClient        *self,
                                                 GFile               *file,
                                                 const char          *content_type,
                                                 TalkieProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_destroy,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* The hosted URL, for audio_script.url. */
char         *talkie_client_upload_finish       (TalkieClient        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void          talkie_client_create_render_async (TalkieClient              *self,
                                                 const TalkieRenderRequest *request,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
/* The project id. */
char         *talkie_client_create_render_finish (TalkieClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void           talkie_client_get_project_async  (TalkieClient        *self,
                                                 const char          *project_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TalkieProject *talkie_client_get_project_finish (TalkieClient        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* GET a media URL (no API key) and stream it into @destination (replaced atomically). */
void          talkie_client_download_async      (TalkieClient        *self,
                                                 const char          *url,
                                                 GFile               *destination,
                                                 TalkieProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_destroy,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean      talkie_client_download_finish     (TalkieClient        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Text for logs: the key is replaced by "[redacted]". */
char         *talkie_client_redact              (TalkieClient        *self,
                                                 const char          *text);

G_END_DECLS
