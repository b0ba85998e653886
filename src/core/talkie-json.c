/* talkie-json.c
 *
 * json-glib 1.6 parses arrays and objects by recursion, one C stack frame (and
 * more) a level: 75,000 brackets, 150 KB, far under the 16 MB reply cap, are
 * enough to overflow the stack. So the depth is counted first, by a scan that
 * knows only what json-glib's scanner skips — "strings" with their escapes,
 * 'strings' (which it accepts too, without escapes) and C comments — and
 * brackets. A bracket json-glib would see is never skipped here, so the count
 * is never below the depth it recurses to. The text's other faults are
 * json-glib's to find.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include "talkie-json.h"

guint
talkie_json_get_depth (const char *data,
                       gsize       length,
                       guint       limit)
{
  guint depth = 0;
  guint deepest = 0;

  g_return_val_if_fail (data != NULL || length == 0, 0);

  for (gsize i = 0; i < length; i++)
    {
      switch (data[i])
        {
        case '"':
          /* To the closing quote; a backslash takes the next character along. */
          for (i++; i < length && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          break;

        case '\'':
          for (i++; i < length && data[i] != '\''; i++)
            ;
          break;

        case '/':
          if (i + 1 < length && data[i + 1] == '*')
            {
              for (i += 2; i + 1 < length && !(data[i] == '*' && data[i + 1] == '/'); i++)
                ;
              i++;
            }
          break;

        case '[':
        case '{':
          if (++depth > deepest)
            {
              deepest = depth;
              if (deepest > limit)
                return deepest;
            }
          break;

        case ']':
        case '}':
          /* Unbalanced text is json-glib's to refuse. */
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
    }

  return deepest;
}

JsonNode *
talkie_json_parse (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (talkie_json_get_depth (data, length, TALKIE_JSON_MAX_DEPTH) > TALKIE_JSON_MAX_DEPTH)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   "nested deeper than %u levels", TALKIE_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE, "no value");
      return NULL;
    }

  return json_node_ref (root);
}
