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

/* From the opening quote at @i to the index of the closing one (or @length).
 * @malformed is set on a surrogate followed by a \u that does not complete
 * it: json-glib 1.6 then fails, and leaks the string read so far. */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       i,
             gboolean   *malformed)
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
        {
          gunichar low;

          i = skip_unichar (data, length, i, &low);
          if (ucs > 0xdbff || low < 0xdc00 || low > 0xdfff)
            *malformed = TRUE;
        }

      /* The loop's i++ moves past what was consumed. */
      i--;
    }

  return length;
}

/* The scan behind talkie_json_get_depth(). @leaky is set for text that
 * json-glib 1.6 leaks memory on: an array or object at the top level after
 * anything else, or a malformed surrogate pair. */
static guint
scan (const char *data,
      gsize       length,
      guint       limit,
      gboolean   *leaky)
{
  guint depth = 0;
  guint deepest = 0;
  gboolean top_level_seen = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (depth == 0 && c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '/')
        {
          if ((c == '[' || c == '{') && top_level_seen)
            *leaky = TRUE;
          top_level_seen = TRUE;
        }

      switch (c)
        {
        case '"':
          i = skip_string (data, length, i, leaky);
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

guint
talkie_json_get_depth (const char *data,
                       gsize       length,
                       guint       limit)
{
  gboolean leaky = FALSE;

  g_return_val_if_fail (data != NULL || length == 0, 0);

  return scan (data, length, limit, &leaky);
}

/* json-glib 1.6 turns a lone surrogate ("\uDE00") or a high octal escape
 * ("\377") into bytes that are not UTF-8, in strings and member names alike.
 * Its generator writes them out as they are, and its parser then refuses
 * the file: one such name in a reply, saved in the history, and the whole
 * history is set aside on the next start. */
static gboolean
node_is_utf8 (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL) || !node_is_utf8 (member))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (!node_is_utf8 (json_array_get_element (array, i)))
              return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING ||
             g_utf8_validate (json_node_get_string (node), -1, NULL);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

JsonNode *
talkie_json_parse (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  gboolean leaky = FALSE;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (scan (data, length, TALKIE_JSON_MAX_DEPTH, &leaky) > TALKIE_JSON_MAX_DEPTH)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   "nested deeper than %u levels", TALKIE_JSON_MAX_DEPTH);
      return NULL;
    }

  /* json-glib 1.6 takes "{...} {...}" (or "1 [...]") for several statements,
   * keeps the last and leaks the others; and it leaks the string it was
   * reading when a surrogate pair is malformed. Either way a server could
   * leak up to a 16 MB reply on every poll. Neither is valid JSON. */
  if (leaky)
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           "several values, or a malformed surrogate pair");
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

  /* The nesting was checked above: this recursion is at most 64 deep. */
  if (!node_is_utf8 (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "a string that is not UTF-8");
      return NULL;
    }

  return json_node_ref (root);
}
