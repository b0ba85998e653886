/* talkie-client-calls.c: the API's lists, render and status calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <string.h>

#include <glib/gi18n.h>

#include "talkie-client-private.h"
#include "talkie-core.h"
#include "talkie-error-private.h"
#include "talkie-reply.h"
#include "talkie-url.h"

/* ------------------------------------------------------------------------- */
/* Lists                                                                     */
/* ------------------------------------------------------------------------- */

static gpointer
parse_avatars (TalkieApiCall  *call,
               JsonNode       *data,
               GError        **error)
{
  return talkie_reply_parse_avatars (data, call->source, call->aspect_ratio, error);
}

void
talkie_client_list_avatars_async (TalkieClient        *self,
                                  TalkieSource         source,
                                  TalkieAspectRatio    aspect_ratio,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  TalkieApiCall *call;
  GTask *task;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (source == TALKIE_SOURCE_MINE)
    path = g_strdup ("/open/avatar/user");
  else
    path = g_strdup_printf ("/open/avatar?aspect_ratio=%d", (int)aspect_ratio);

  task = _talkie_api_call_new (self, SOUP_METHOD_GET, FAMILY_OPEN, path, NULL,
                               parse_avatars, g_object_unref,
                               cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_list_avatars_async);

  call = g_task_get_task_data (task);
  call->source = source;
  call->aspect_ratio = aspect_ratio;

  _talkie_api_call_start (self, task);
}

GListModel *
talkie_client_list_avatars_finish (TalkieClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _talkie_api_call_finish (self, result, error);
}

static gpointer
parse_voices (TalkieApiCall  *call,
              JsonNode       *data,
              GError        **error)
{
  return talkie_reply_parse_voices (data, call->source, call->gender, error);
}

void
talkie_client_list_voices_async (TalkieClient        *self,
                                 TalkieSource         source,
                                 TalkieGender         gender,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  const char *path;
  TalkieApiCall *call;
  GTask *task;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (source == TALKIE_SOURCE_MINE)
    path = "/open/timbre/user";
  else if (gender == TALKIE_GENDER_FEMALE)
    path = "/open/timbre?gender=female";
  else if (gender == TALKIE_GENDER_MALE)
    path = "/open/timbre?gender=male";
  else
    path = "/open/timbre";

  task = _talkie_api_call_new (self, SOUP_METHOD_GET, FAMILY_OPEN, path, NULL,
                               parse_voices, g_object_unref,
                               cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_list_voices_async);

  call = g_task_get_task_data (task);
  call->source = source;
  /* The user list is not filtered by gender on the server. */
  call->gender = source == TALKIE_SOURCE_MINE ? TALKIE_GENDER_ANY : gender;

  _talkie_api_call_start (self, task);
}

GListModel *
talkie_client_list_voices_finish (TalkieClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _talkie_api_call_finish (self, result, error);
}

/* ------------------------------------------------------------------------- */
/* Render and status                                                         */
/* ------------------------------------------------------------------------- */

static gpointer
parse_project_id (TalkieApiCall  *call,
                  JsonNode       *data,
                  GError        **error)
{
  return talkie_reply_parse_project_id (data, error);
}

void
talkie_client_create_render_async (TalkieClient              *self,
                                   const TalkieRenderRequest *request,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _talkie_api_call_new (self, SOUP_METHOD_POST, FAMILY_OPEN, "/open/render/talking_avatar",
                               talkie_render_request_to_json (request),
                               parse_project_id, g_free,
                               cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_create_render_async);

  if (!talkie_render_request_validate (request, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  _talkie_api_call_start (self, task);
}

char *
talkie_client_create_render_finish (TalkieClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _talkie_api_call_finish (self, result, error);
}

static gpointer
parse_project (TalkieApiCall  *call,
               JsonNode       *data,
               GError        **error)
{
  return talkie_reply_parse_project (data, error);
}

void
talkie_client_get_project_async (TalkieClient        *self,
                                 const char          *project_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  escaped = g_uri_escape_string (project_id, NULL, FALSE);
  path = g_strconcat ("/v1/project?project_id=", escaped, NULL);

  task = _talkie_api_call_new (self, SOUP_METHOD_GET, FAMILY_V1, path, NULL,
                               parse_project, g_object_unref,
                               cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_get_project_async);

  _talkie_api_call_start (self, task);
}

TalkieProject *
talkie_client_get_project_finish (TalkieClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _talkie_api_call_finish (self, result, error);
}
