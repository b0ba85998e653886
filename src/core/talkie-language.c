/* talkie-language.c: a voice's language as the user reads it
 *
 * JoggAI names a voice's language in lower-case English ("french"). Talkie
 * shows it in the user's language through the ISO 639 names of the iso-codes
 * package and that package's own translations (gettext domain "iso_639-2"):
 * "Französisch" in German. A name iso-codes does not know is shown as the
 * server wrote it, with a capital first letter.
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "talkie-language.h"

#define ISO_639_DOMAIN "iso_639-2"

/* Lower-case English name (each of "Spanish; Castilian") → the ISO name. */
static GHashTable *
load_names (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *dir = g_getenv ("TALKIE_ISO_CODES_DIR");
  JsonNode *root;
  JsonArray *entries;

  path = g_build_filename (dir != NULL ? dir : ISO_CODES_JSON_DIR, "iso_639-2.json", NULL);
  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_debug ("No language names from iso-codes: %s", error->message);
      return names;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "639-2") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "639-2")))
    return names;

  entries = json_object_get_array_member (json_node_get_object (root), "639-2");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      const char *name;
      g_auto(GStrv) alternatives = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (name = json_object_get_string_member_with_default (json_node_get_object (node), "name", NULL)) == NULL)
        continue;

      alternatives = g_strsplit (name, "; ", -1);
      for (guint j = 0; alternatives[j] != NULL; j++)
        {
          char *key = g_utf8_strdown (alternatives[j], -1);

          /* The first entry that names a language keeps it. */
          if (!g_hash_table_contains (names, key))
            g_hash_table_insert (names, key, g_strdup (name));
          else
            g_free (key);
        }
    }

  bind_textdomain_codeset (ISO_639_DOMAIN, "UTF-8");

  return names;
}

/**
 * talkie_language_dup_display_name:
 * @language: (nullable): a language as the server names it ("english")
 *
 * Returns: (transfer full): the language's name in the user's language, or
 *   @language with a capital first letter, or "Unknown language"
 */
char *
talkie_language_dup_display_name (const char *language)
{
  static GHashTable *names;
  g_autofree char *key = NULL;
  const char *name;
  gunichar first;
  char buf[8] = { 0 };

  if (language == NULL || language[0] == '\0')
    return g_strdup (_("Unknown language"));

  if (!g_utf8_validate (language, -1, NULL))
    return g_utf8_make_valid (language, -1);

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, load_names ());

  key = g_utf8_strdown (language, -1);
  if ((name = g_hash_table_lookup (names, key)) != NULL)
    {
      /* "Spanish; Castilian" is one msgid; only its first name is shown. */
      g_auto(GStrv) translated = g_strsplit (g_dgettext (ISO_639_DOMAIN, name), "; ", 2);

      return g_strdup (translated[0]);
    }

  first = g_unichar_totitle (g_utf8_get_char (language));
  g_unichar_to_utf8 (first, buf);

  return g_strconcat (buf, g_utf8_next_char (language), NULL);
}
