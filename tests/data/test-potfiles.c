/* test-potfiles.c: po/POTFILES.in lists every source file with user strings
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-potfiles"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "data-test-util.h"

/* What marks a file as holding translatable strings: gettext's _(), N_(),
 * C_(), NC_() (not part of a longer name), ngettext() and friends, and
 * GtkBuilder's translatable="yes". */
#define MARKER_PATTERN \
  "(?<![A-Za-z0-9_])(?:N|C|NC)?_\\s*\\(" \
  "|(?<![A-Za-z0-9_])(?:g_d?n?gettext|g_dpgettext2?|ngettext)\\s*\\(" \
  "|translatable\\s*=\\s*\"(?:yes|true|1)\""

static GHashTable *
read_potfiles (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "po", "POTFILES.in", NULL);
  g_autofree char *contents = data_test_read_file (path);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  GHashTable *listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;

      g_assert_false (g_hash_table_contains (listed, line));
      g_hash_table_add (listed, g_strdup (line));
    }

  return listed;
}

static gboolean
is_source_file (const char *name)
{
  return g_str_has_suffix (name, ".c") ||
         g_str_has_suffix (name, ".h") ||
         g_str_has_suffix (name, ".ui") ||
         g_str_has_suffix (name, ".blp");
}

static void
collect_marked_files (GFile     *top,
                      GFile     *dir,
                      GRegex    *marker,
                      GPtrArray *found)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;

  children = g_file_enumerate_children (dir,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      const char *name;

      g_file_enumerator_iterate (children, &info, &child, NULL, &error);
      g_assert_no_error (error);
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          collect_marked_files (top, child, marker, found);
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
               is_source_file (name))
        {
          g_autofree char *contents = NULL;
          gsize length = 0;

          g_file_load_contents (child, NULL, &contents, &length, NULL, &error);
          g_assert_no_error (error);

          if (g_utf8_validate (contents, length, NULL) &&
              g_regex_match (marker, contents, 0, NULL))
            g_ptr_array_add (found, g_file_get_relative_path (top, child));
        }
    }
}

static int
sort_paths (const char **a,
            const char **b)
{
  return strcmp (*a, *b);
}

static void
test_potfiles_complete (void)
{
  g_autoptr(GHashTable) listed = read_potfiles ();
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRegex) marker = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) top = g_file_new_for_path (TOP_SRCDIR);
  g_autoptr(GFile) src = g_file_get_child (top, "src");
  g_autoptr(GString) missing = g_string_new (NULL);

  marker = g_regex_new (MARKER_PATTERN, G_REGEX_OPTIMIZE, 0, &error);
  g_assert_no_error (error);

  collect_marked_files (top, src, marker, found);
  g_ptr_array_sort (found, (GCompareFunc)sort_paths);

  for (guint i = 0; i < found->len; i++)
    {
      const char *path = g_ptr_array_index (found, i);

      g_test_message ("has translatable strings: %s", path);
      if (!g_hash_table_contains (listed, path))
        {
          g_test_message ("missing from po/POTFILES.in: %s", path);
          g_string_append_printf (missing, " %s", path);
        }
    }

  if (missing->len > 0)
    g_test_fail_printf ("these files have translatable strings but are not "
                        "listed in po/POTFILES.in; add them there:%s", missing->str);
}

static void
test_potfiles_exist (void)
{
  g_autoptr(GHashTable) listed = read_potfiles ();
  GHashTableIter iter;
  const char *path;

  /* xgettext stops at the first missing file, so every entry must exist. */
  g_assert_cmpuint (g_hash_table_size (listed), >=, 1);
  g_hash_table_iter_init (&iter, listed);
  while (g_hash_table_iter_next (&iter, (gpointer *)&path, NULL))
    {
      g_autofree char *full = g_build_filename (TOP_SRCDIR, path, NULL);

      if (!g_file_test (full, G_FILE_TEST_IS_REGULAR))
        g_test_fail_printf ("po/POTFILES.in lists %s, which does not exist; "
                            "remove it from the list", path);
    }
}

static void
test_linguas (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "po", "LINGUAS", NULL);
  g_autofree char *contents = data_test_read_file (path);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  guint n_languages = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *lang = g_strstrip (lines[i]);
      g_autofree char *po = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *argv[] = { "msgfmt", "--check", "--statistics", "-o", "/dev/null", NULL, NULL };

      if (*lang == '\0' || *lang == '#')
        continue;

      n_languages++;
      po = g_strdup_printf ("%s/po/%s.po", TOP_SRCDIR, lang);
      argv[5] = po;

      /* Well-formed, and complete: nothing fuzzy, nothing untranslated. */
      g_assert_cmpint (data_test_run (argv, NULL, NULL, &out, &err), ==, 0);
      g_assert_nonnull (strstr (err, "translated message"));
      g_assert_null (strstr (err, "fuzzy"));
      g_assert_null (strstr (err, "untranslated"));
    }

  g_assert_cmpuint (n_languages, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/po/potfiles/complete", test_potfiles_complete);
  g_test_add_func ("/po/potfiles/exist", test_potfiles_exist);
  g_test_add_func ("/po/linguas", test_linguas);

  return g_test_run ();
}
