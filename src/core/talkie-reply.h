/* talkie-reply.h: the contract's envelope and payloads, parsed without any I/O,
 * so that tests can feed them any bytes at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "talkie-project.h"
#include "talkie-types.h"

G_BEGIN_DECLS

/* Bodies larger than this are refused with TALKIE_API_ERROR_TOO_LARGE. */
#define TALKIE_REPLY_MAX_BYTES (16 * 1024 * 1024)

/* Checks HTTP status, size cap, JSON, `code`, and returns a new reference to
 * `data` (an object; NULL with MALFORMED when missing or null). */
JsonNode      *talkie_reply_parse_envelope (guint         http_status,
                                            GBytes       *body,
                                            GError      **error);
/* A GListStore of TalkieAvatar from `data` ({"avatars": [...]}). */
GListModel    *talkie_reply_parse_avatars  (JsonNode     *data,
                                            TalkieSource  source,
                                            TalkieAspectRatio aspect_ratio,
                                            GError      **error);
/* A GListStore of TalkieVoice from `data` ({"total": n, "timbres": [...]}). */
GListModel    *talkie_reply_parse_voices   (JsonNode     *data,
                                            TalkieSource  source,
                                            TalkieGender  gender,
                                            GError      **error);
/* Longer ids are refused. */
#define TALKIE_REPLY_MAX_ID_LENGTH 128

/* An id a server chose (a project's), safe to put into a request path and on
 * a terminal: 1 to 128 characters of A–Z, a–z, 0–9 and . _ ~ : - */
gboolean       talkie_reply_check_id       (const char   *id);
/* `prj_id`, or `project_id` as a string or a number; refused (malformed)
 * unless talkie_reply_check_id() accepts it. */
char          *talkie_reply_parse_project_id (JsonNode   *data,
                                              GError    **error);
TalkieProject *talkie_reply_parse_project  (JsonNode     *data,
                                            GError      **error);
/* `sign_url` and `asset_url` (or the older `asset_id`). */
gboolean       talkie_reply_parse_upload   (JsonNode     *data,
                                            char        **sign_url,
                                            char        **asset_url,
                                            GError      **error);

G_END_DECLS
