/* talkie-reply.c: the contract's envelope and payloads, parsed without any I/O.
 *
 * Real replies drift: unknown fields are ignored, ids come as numbers or strings,
 * empty URLs mean "none", and a missing list or `data: null` is an error, never
 * an empty success.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "talkie-avatar.h"
#include "talkie-error-private.h"
#include "talkie-json.h"
#include "talkie-url.h"
#include "talkie-reply.h"
#include "talkie-voice.h"

static GError *
malformed_error (void)
{
  return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                              _("The server sent a reply Talkie does not understand."));
}

static gboolean
set_malformed (GError     **error,
               const char  *why)
{
  g_debug ("Malformed reply: %s", why);
  g_propagate_error (error, malformed_error ());
  return FALSE;
}

/* The type of the value @node holds; G_TYPE_INVALID when it is missing, null,
 * an object or an array. */
static GType
value_type (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return G_TYPE_INVALID;

  return json_node_get_value_type (node);
}

/* An integer from a number (integral) or a numeric string. */
static gboolean
node_get_int64 (JsonNode *node,
                gint64   *out)
{
  switch (value_type (node))
    {
    case G_TYPE_INT64:
      *out = json_node_get_int (node);
      return TRUE;

    case G_TYPE_DOUBLE:
      {
        double d = json_node_get_double (node);

        if (!isfinite (d) || d != floor (d) || d < -9.0e18 || d > 9.0e18)
          return FALSE;
        *out = (gint64)d;
        return TRUE;
      }

    case G_TYPE_STRING:
      {
        g_autofree char *str = g_strstrip (g_strdup (json_node_get_string (node)));

        return str[0] != '\0' &&
               g_ascii_string_to_signed (str, 10, G_MININT64, G_MAXINT64, out, NULL);
      }

    default:
      return FALSE;
    }
}

static gboolean
node_get_double (JsonNode *node,
                 double   *out)
{
  switch (value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double)json_node_get_int (node);
      return TRUE;

    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return isfinite (*out);

    case G_TYPE_STRING:
      {
        const char *str = json_node_get_string (node);
        char *end = NULL;
        double d;

        if (str == NULL || str[0] == '\0')
          return FALSE;
        d = g_ascii_strtod (str, &end);
        if (end == str || *end != '\0' || !isfinite (d))
          return FALSE;
        *out = d;
        return TRUE;
      }

    default:
      return FALSE;
    }
}

/* A string member; a number is taken as its decimal text. NULL when absent or null. */
static char *
member_dup_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  switch (value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}

/* A string member that is only a string (names, URLs); NULL otherwise. */
static const char *
member_get_text (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A non-empty string member, NULL otherwise. */
static const char *
member_get_nonempty (JsonObject *object,
                     const char *name)
{
  const char *text = member_get_text (object, name);

  if (text == NULL || text[0] == '\0')
    return NULL;

  return text;
}

/* A URL member: NULL when missing, not a string, empty, or an address Talkie
 * would not fetch (talkie_url_check_remote()): a picture or a video from
 * plain http on the internet is treated as missing. */
static const char *
member_get_url (JsonObject *object,
                const char *name)
{
  const char *url = member_get_nonempty (object, name);

  if (url != NULL && !talkie_url_check_remote (url, NULL))
    {
      g_debug ("Ignoring %s: not an https (or loopback http) address", name);
      return NULL;
    }

  return url;
}

JsonNode *
talkie_reply_parse_envelope (guint    http_status,
                             GBytes  *body,
                             GError **error)
{
  g_autoptr(GError) json_error = NULL;
  JsonObject *envelope;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *data;
  gint64 code;
  const char *bytes;
  gsize len = 0;

  if (http_status < 200 || http_status > 299)
    {
      g_propagate_error (error, _talkie_api_error_new_http (http_status));
      return NULL;
    }

  if (body == NULL)
    {
      set_malformed (error, "no body");
      return NULL;
    }

  bytes = g_bytes_get_data (body, &len);

  if (len > TALKIE_REPLY_MAX_BYTES)
    {
      g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE,
                   _("The server sent a reply larger than %u MB, which Talkie refuses."),
                   (guint)(TALKIE_REPLY_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }

  if (len == 0)
    {
      set_malformed (error, "empty body");
      return NULL;
    }

  if (!(root = talkie_json_parse (bytes, len, &json_error)))
    {
      set_malformed (error, json_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_malformed (error, "not an object");
      return NULL;
    }

  envelope = json_node_get_object (root);

  {
    JsonNode *code_node = json_object_get_member (envelope, "code");

    if (value_type (code_node) != G_TYPE_INT64)
      {
        set_malformed (error, "no integer code");
        return NULL;
      }

    code = json_node_get_int (code_node);
  }

  if (code != 0)
    {
      g_propagate_error (error, _talkie_api_error_new_for_code (code, member_get_text (envelope, "msg")));
      return NULL;
    }

  data = json_object_get_member (envelope, "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      set_malformed (error, "data is null, missing or not an object");
      return NULL;
    }

  return json_node_ref (data);
}

static JsonArray *
get_list (JsonNode    *data,
          const char  *name,
          GError     **error)
{
  JsonNode *list;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      set_malformed (error, "data is not an object");
      return NULL;
    }

  list = json_object_get_member (json_node_get_object (data), name);
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      set_malformed (error, "the list is missing");
      return NULL;
    }

  return json_node_get_array (list);
}

static GListModel *
store_from_array (GType      item_type,
                  GPtrArray *items)
{
  GListStore *store = g_list_store_new (item_type);

  /* One splice: one items-changed, not one per entry. */
  g_list_store_splice (store, 0, 0, items->pdata, items->len);

  return G_LIST_MODEL (store);
}

GListModel *
talkie_reply_parse_avatars (JsonNode           *data,
                            TalkieSource        source,
                            TalkieAspectRatio   aspect_ratio,
                            GError            **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  guint n;

  if (!(array = get_list (data, "avatars", error)))
    return NULL;

  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      gint64 id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_debug ("Skipping avatar %u: not an object", i);
          continue;
        }

      object = json_node_get_object (node);

      if (!node_get_int64 (json_object_get_member (object, "id"), &id))
        {
          g_debug ("Skipping avatar %u: no usable id", i);
          continue;
        }

      /* The cover's address is checked by the avatar when first read. */
      g_ptr_array_add (items,
                       talkie_avatar_new (id,
                                          member_get_text (object, "name"),
                                          member_get_nonempty (object, "cover_url"),
                                          source,
                                          aspect_ratio));
    }

  return store_from_array (TALKIE_TYPE_AVATAR, items);
}

static TalkieGender
gender_from_object (JsonObject   *object,
                    TalkieGender  requested)
{
  const char *gender;

  if (requested != TALKIE_GENDER_ANY)
    return requested;

  gender = member_get_text (object, "gender");
  if (g_strcmp0 (gender, "female") == 0)
    return TALKIE_GENDER_FEMALE;
  if (g_strcmp0 (gender, "male") == 0)
    return TALKIE_GENDER_MALE;

  return TALKIE_GENDER_ANY;
}

GListModel *
talkie_reply_parse_voices (JsonNode      *data,
                           TalkieSource   source,
                           TalkieGender   gender,
                           GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  guint n;

  if (!(array = get_list (data, "timbres", error)))
    return NULL;

  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *id = NULL;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_debug ("Skipping voice %u: not an object", i);
          continue;
        }

      object = json_node_get_object (node);
      id = member_dup_string (object, "lang_id");

      if (id == NULL || id[0] == '\0')
        {
          g_debug ("Skipping voice %u: no lang_id", i);
          continue;
        }

      g_ptr_array_add (items,
                       talkie_voice_new (id,
                                         member_get_text (object, "name"),
                                         member_get_text (object, "language"),
                                         member_get_url (object, "audition_url"),
                                         source,
                                         gender_from_object (object, gender)));
    }

  return store_from_array (TALKIE_TYPE_VOICE, items);
}

gboolean
talkie_reply_check_id (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > TALKIE_REPLY_MAX_ID_LENGTH)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._~:-", *p) == NULL)
      return FALSE;

  return TRUE;
}

char *
talkie_reply_parse_project_id (JsonNode  *data,
                               GError   **error)
{
  static const char * const names[] = { "prj_id", "project_id" };
  JsonObject *object;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      set_malformed (error, "data is not an object");
      return NULL;
    }

  object = json_node_get_object (data);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = member_dup_string (object, names[i]);

      if (id != NULL)
        g_strstrip (id);

      if (id == NULL || id[0] == '\0')
        continue;

      /* It goes into request paths and onto terminals. */
      if (!talkie_reply_check_id (id))
        {
          set_malformed (error, "project id with characters outside [A-Za-z0-9._~:-], or too long");
          return NULL;
        }

      return g_steal_pointer (&id);
    }

  set_malformed (error, "no project id");
  return NULL;
}

static TalkieProjectStatus
status_from_code (gint64 code)
{
  switch (code)
    {
    case TALKIE_PROJECT_STATUS_START:
    case TALKIE_PROJECT_STATUS_WAITING:
    case TALKIE_PROJECT_STATUS_PROCESSING:
    case TALKIE_PROJECT_STATUS_SUCCESS:
    case TALKIE_PROJECT_STATUS_FAILED:
    case TALKIE_PROJECT_STATUS_DELETED:
      return (TalkieProjectStatus)code;
    default:
      return TALKIE_PROJECT_STATUS_UNKNOWN;
    }
}

TalkieProject *
talkie_reply_parse_project (JsonNode  *data,
                            GError   **error)
{
  g_autoptr(TalkieProject) project = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;
  gint64 status_code = 0;
  gint64 created_at = 0;
  double duration = 0.0;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      set_malformed (error, "data is not an object");
      return NULL;
    }

  object = json_node_get_object (data);

  id = member_dup_string (object, "id");
  if (id == NULL || id[0] == '\0')
    {
      g_clear_pointer (&id, g_free);
      id = member_dup_string (object, "project_id");
    }
  if (id == NULL || id[0] == '\0')
    {
      set_malformed (error, "project without id");
      return NULL;
    }
  if (!talkie_reply_check_id (id))
    {
      set_malformed (error, "project id with characters outside [A-Za-z0-9._~:-], or too long");
      return NULL;
    }

  if (!node_get_int64 (json_object_get_member (object, "status_code"), &status_code))
    status_code = 0;
  if (!node_get_double (json_object_get_member (object, "video_duration"), &duration) ||
      duration < 0.0)
    duration = 0.0;
  if (!node_get_int64 (json_object_get_member (object, "created_at"), &created_at))
    created_at = 0;

  project = talkie_project_new (id);
  g_object_set (project,
                "title", member_get_text (object, "title"),
                "video-duration", duration,
                "video-url", member_get_url (object, "video_url"),
                "cover-url", member_get_url (object, "cover_url"),
                "status", status_from_code (status_code),
                "status-desc", member_get_text (object, "status_desc"),
                "created-at", created_at,
                NULL);

  return g_steal_pointer (&project);
}

gboolean
talkie_reply_parse_upload (JsonNode  *data,
                           char     **sign_url,
                           char     **asset_url,
                           GError   **error)
{
  JsonObject *object;
  const char *sign;
  const char *asset;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return set_malformed (error, "data is not an object");

  object = json_node_get_object (data);
  sign = member_get_nonempty (object, "sign_url");
  asset = member_get_nonempty (object, "asset_url");
  if (asset == NULL)
    asset = member_get_nonempty (object, "asset_id");

  if (sign == NULL || asset == NULL)
    return set_malformed (error, "upload reply without sign_url or asset_url");

  /* The recording goes there: never in the clear, never to a file:// path. */
  if (!talkie_url_check_remote (sign, error))
    return FALSE;

  if (sign_url != NULL)
    *sign_url = g_strdup (sign);
  if (asset_url != NULL)
    *asset_url = g_strdup (asset);

  return TRUE;
}
