/* talkie-cli-output.h: what talkie-cli prints: aligned tables, labelled fields
 * and JSON documents, with server text made safe for a terminal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "talkie-core.h"

G_BEGIN_DECLS

/* Valid UTF-8 on one line: control characters (escape sequences included) become
 * spaces or U+FFFD, so that a name from the server can never drive the terminal.
 * @text may be NULL (gives ""). */
char     *talkie_cli_sanitize             (const char          *text);
/* Columns a string takes in a terminal (wide characters count two). */
guint     talkie_cli_text_width           (const char          *text);

/* @rows: a GPtrArray of GStrv, each @n_columns long. Columns are separated by two
 * spaces; the last one is not padded. Cells are sanitized. */
void      talkie_cli_print_table          (const char * const  *headers,
                                           guint                n_columns,
                                           GPtrArray           *rows);
/* "Label:  value" lines with the values aligned. */
void      talkie_cli_print_fields         (const char * const  *labels,
                                           const char * const  *values,
                                           guint                n_fields);
/* One pretty-printed UTF-8 JSON document on stdout. */
void      talkie_cli_print_json           (JsonNode            *node);

/* A string member, null when @value is NULL or empty. */
void      talkie_cli_add_string_member    (JsonBuilder         *builder,
                                           const char          *name,
                                           const char          *value);

typedef void (*TalkieCliMembersFunc) (JsonBuilder *builder,
                                      gpointer     item);
/* An array of an object per item, its members added by @add_members. */
JsonNode *talkie_cli_list_to_json         (GListModel          *items,
                                           TalkieCliMembersFunc add_members);

/* Arrays of objects with the contract's field names. */
JsonNode *talkie_cli_avatars_to_json      (GListModel          *avatars);
JsonNode *talkie_cli_voices_to_json       (GListModel          *voices);
/* The one project object render, status and renders print: the fields of
 * GET /v1/project's `data` in the contract's names (null until known), why a
 * failed render failed (`error`) and where the video was saved (`output`). */
void      talkie_cli_add_project_members  (JsonBuilder         *builder,
                                           const char          *project_id,
                                           TalkieProject       *project,
                                           const char          *error,
                                           const char          *output_path);
JsonNode *talkie_cli_project_to_json      (const char          *project_id,
                                           TalkieProject       *project,
                                           const char          *error,
                                           const char          *output_path);
/* The project as labelled fields, for people. */
void      talkie_cli_print_project        (TalkieProject       *project,
                                           const char          *output_path);

/* Text for a terminal whose locale is not UTF-8 (the C locale): typographic
 * quotes, dashes and arrows as ASCII, not "?". Returns @text itself when the
 * locale is UTF-8. */
char     *talkie_cli_to_locale_text       (const char          *text);

G_END_DECLS
