/* talkie-json.c
 *
 * json-glib 1.6 parses arrays and objects by recursion, one C stack frame (and
 * more) a level: 75,000 brackets, 150 KB, far under the 16 MB reply cap, are
 * enough to overflow the stack. So the depth is counted first, by a scan that
 * skips exactly what json-glib's scanner (1.6 and 1.8 alike) skips, and
 * brackets. A bracket json-glib would see is never skipped here, so the count
 * is never below the depth it recurses to. The text's other faults are
 * json-glib's to find. (json-glib 1.10 has a scanner of its own, and a
 * nesting limit of its own too.)
 *
 * What the scanner skips is not quite JSON, nor what its comments say:
 *  - "strings", with backslash escapes; \u takes up to four hex digits and
 *    also swallows the first character after them that is not one (a quote,
 *    say), and a surrogate takes the next two characters, and after "\u" up
 *    to four more the same way;
 *  - 'strings', without escapes;
 *  - comments from a '/' to the next '/': its single-line comment pair is
 *    "//" (not "//" and a newline) and C comments are off, so "/ * [ * /" is
 *    a comment and "/ * / [ * /" is not (without the spaces).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include "talkie-json.h"

/* json-glib 1.6's json_scanner_get_unichar(): up to four hex digits, and the
 * character that ends them early is consumed with them. Returns the index
 * after what it consumed. */
static gsize
skip_unichar (const char *data,
              gsize       length,
              gsize       i,
              gunichar   *ucs)
{
  *ucs = 0;

  for (guint n = 0; n < 4 && i < length; n++)
    {
      char c = data[i++];

      if (!g_ascii_isxdigit (c))
        break;
      *ucs += (gunichar) g_ascii_xdigit_value (c) << ((3 - n) * 4);
    }

  return i;
}

/* From the opening quote at @i to the index of the closing one (or @length). */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       i)
{
  for (i++; i < length; i++)
    {
      gunichar ucs;

      /* A NUL ends json-glib's string as an error: it reads no further. */
      if (data[i] == '"' || data[i] == '\0')
        return i;

      if (data[i] != '\\')
        continue;

      /* The escaped character goes along with the backslash... */
      if (++i >= length)
        return length;

      /* ...and after \u, as json-glib reads it, more. */
      if (data[i] != 'u' || i + 1 >= length || !g_ascii_isxdigit (data[i + 1]))
        continue;

      i = skip_unichar (data, length, i + 1, &ucs);
      if (ucs >= 0xd800 && ucs <= 0xdfff &&
          i < length && data[i++] == '\\' &&
          i < length && data[i++] == 'u')
        i = skip_unichar (data, length, i, &ucs);

      /* The loop's i++ moves past what was consumed. */
      i--;
    }

  return length;
}

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
          i = skip_string (data, length, i);
          break;

        case '\'':
          for (i++; i < length && data[i] != '\''; i++)
            ;
          break;

        case '/':
          for (i++; i < length && data[i] != '/'; i++)
            ;
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
