/* talkie-json.h: JSON text from outside (a server's reply, the history file)
 * checked before json-glib sees it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper nesting than this is refused: nothing Talkie reads nests beyond a
 * handful of levels, and json-glib 1.6 recurses once a level, without limit. */
#define TALKIE_JSON_MAX_DEPTH 64

/* The deepest nesting of arrays and objects in @data, outside strings;
 * stops counting past @limit (and returns @limit + 1). */
guint       talkie_json_get_depth (const char  *data,
                                   gsize        length,
                                   guint        limit);

/* Parses @data after checking its depth against TALKIE_JSON_MAX_DEPTH, and
 * that json-glib would not leak on it (several values, a malformed surrogate
 * pair); refuses strings json-glib decoded into something that is not UTF-8.
 * On failure @error says why (JSON_PARSER_ERROR). */
JsonNode   *talkie_json_parse     (const char  *data,
                                   gsize        length,
                                   GError     **error);

G_END_DECLS
