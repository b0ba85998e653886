/* fuzz-json-depth.c: talkie_json_get_depth() against json-glib itself.
 *
 * talkie-json.c counts nesting before json-glib, which recurses once a level,
 * sees the text. The count is only safe if it is never lower than the depth
 * json-glib reaches: any token json-glib's scanner takes for a bracket but the
 * count skips (inside what it believes is a string or a comment) lets a deep
 * text through to a stack overflow. So: count, and when the count says the
 * text is shallow enough to parse safely, parse it with json-glib and measure
 * the tree it built.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-fuzz"

#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "talkie-json.h"

static guint
tree_depth (JsonNode *node)
{
  guint deepest = 0;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          {
            /* Not inside MAX (): it would walk each subtree twice a level. */
            guint depth = tree_depth (member);

            deepest = MAX (deepest, depth);
          }
        return deepest + 1;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            guint depth = tree_depth (json_array_get_element (array, i));

            deepest = MAX (deepest, depth);
          }
        return deepest + 1;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return 0;
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) root = NULL;
  const char *text = (const char *)data;
  guint depth;
  guint unlimited;

  depth = talkie_json_get_depth (text, size, TALKIE_JSON_MAX_DEPTH);
  unlimited = talkie_json_get_depth (text, size, G_MAXUINT);

  /* The limit only stops the count early, it never changes it. */
  if (unlimited <= TALKIE_JSON_MAX_DEPTH)
    FUZZ_CHECK (depth == unlimited, "%u with the limit, %u without", depth, unlimited);
  else
    FUZZ_CHECK (depth == TALKIE_JSON_MAX_DEPTH + 1, "%u past the limit", depth);

  /* Deeper than the limit: talkie_json_parse() refuses it, and json-glib must
   * not see it here either. */
  if (depth > TALKIE_JSON_MAX_DEPTH)
    return 0;

  /* json-glib's tree, through talkie_json_parse(): it also refuses the text
   * json-glib 1.6 leaks memory on (several values, a malformed surrogate
   * pair), which would stop the fuzzer for a leak that is not ours. */
  if ((root = talkie_json_parse (text, size, NULL)) != NULL)
    {
      guint reached = tree_depth (root);

      FUZZ_CHECK (reached <= depth,
                  "json-glib built a tree %u deep where the count says %u", reached, depth);
    }

  return 0;
}
