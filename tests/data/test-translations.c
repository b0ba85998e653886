/* test-translations.c: the gettext chain, from po/de.po to German on screen
 *
 * Runs with LANGUAGE=de, LC_ALL=C.UTF-8 and TALKIE_LOCALEDIR pointing at
 * the locale tree the build makes from po/ (BUILDDIR/po/de/LC_MESSAGES).
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-translations"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gi18n-lib.h>

#include "data-test-util.h"

typedef struct
{
  char *msgctxt;
  char *msgid;
  char *msgid_plural;
  char *msgstr;
  gboolean fuzzy;
} PoEntry;

static void
po_entry_free (PoEntry *entry)
{
  g_free (entry->msgctxt);
  g_free (entry->msgid);
  g_free (entry->msgid_plural);
  g_free (entry->msgstr);
  g_free (entry);
}

/* Appends the C string literal at the start of @line (after any keyword)
 * to @field, unescaped. */
static void
append_quoted (char       **field,
               const char  *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;
  char *joined;

  g_assert (field != NULL);
  g_assert (start != NULL && end != NULL && end > start);

  escaped = g_strndup (start + 1, end - start - 1);
  text = g_strcompress (escaped);
  joined = g_strconcat (*field ? *field : "", text, NULL);
  g_free (*field);
  *field = joined;
}

static gboolean
po_entry_is_usable (const PoEntry *entry)
{
  return !entry->fuzzy &&
         entry->msgid != NULL && *entry->msgid != '\0' &&
         entry->msgstr != NULL && *entry->msgstr != '\0';
}

/* The translated, current entries of a .po file. Fuzzy and obsolete ones
 * and the header are left out. msgstr is msgstr[0] for plural entries. */
static GPtrArray *
read_po (const char *path)
{
  g_autofree char *contents = data_test_read_file (path);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify)po_entry_free);
  PoEntry *entry = NULL;
  char **field = NULL;
  gboolean next_is_fuzzy = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gboolean starts_entry;

      if (*line == '\0' || g_str_has_prefix (line, "#~"))
        {
          field = NULL;
          continue;
        }

      if (g_str_has_prefix (line, "#,"))
        {
          next_is_fuzzy = strstr (line, "fuzzy") != NULL;
          continue;
        }

      if (*line == '#')
        continue;

      starts_entry = g_str_has_prefix (line, "msgctxt ") ||
                     (g_str_has_prefix (line, "msgid ") &&
                      (entry == NULL || entry->msgid != NULL));
      if (starts_entry)
        {
          if (entry != NULL && po_entry_is_usable (entry))
            g_ptr_array_add (entries, entry);
          else if (entry != NULL)
            po_entry_free (entry);

          entry = g_new0 (PoEntry, 1);
          entry->fuzzy = next_is_fuzzy;
          next_is_fuzzy = FALSE;
        }

      if (entry == NULL)
        g_error ("%s:%u: text before the first entry: %s", path, i + 1, line);

      if (g_str_has_prefix (line, "msgctxt "))
        field = &entry->msgctxt;
      else if (g_str_has_prefix (line, "msgid_plural "))
        field = &entry->msgid_plural;
      else if (g_str_has_prefix (line, "msgid "))
        field = &entry->msgid;
      else if (g_str_has_prefix (line, "msgstr ") || g_str_has_prefix (line, "msgstr[0] "))
        field = &entry->msgstr;
      else if (g_str_has_prefix (line, "msgstr["))
        field = NULL;
      else if (*line != '"')
        g_error ("%s:%u: cannot read: %s", path, i + 1, line);

      if (field != NULL)
        append_quoted (field, line);
    }

  if (entry != NULL && po_entry_is_usable (entry))
    g_ptr_array_add (entries, entry);
  else if (entry != NULL)
    po_entry_free (entry);

  return g_steal_pointer (&entries);
}

static const char *
lookup (const PoEntry *entry)
{
  if (entry->msgctxt != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, entry->msgctxt, entry->msgid);
  if (entry->msgid_plural != NULL)
    return g_dngettext (GETTEXT_PACKAGE, entry->msgid, entry->msgid_plural, 1);
  return g_dgettext (GETTEXT_PACKAGE, entry->msgid);
}

/* Every German translation in po/de.po comes back through g_dgettext()
 * from the .mo file the build made. */
static void
test_lookup (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "po", "de.po", NULL);
  g_autoptr(GPtrArray) entries = read_po (path);
  guint n_differ = 0;

  g_assert_cmpuint (entries->len, >, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      const PoEntry *entry = g_ptr_array_index (entries, i);

      g_assert_cmpstr (lookup (entry), ==, entry->msgstr);
      if (g_strcmp0 (entry->msgid, entry->msgstr) != 0)
        n_differ++;
    }

  g_test_message ("%u translations looked up, %u differ from the English", entries->len, n_differ);
  g_assert_cmpuint (n_differ, >, entries->len / 2);

  /* And one by name: the desktop file's comment. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Turn your recorded voice into a talking-avatar video"),
                   ==, "Mach aus deiner aufgenommenen Stimme ein Video mit sprechendem Avatar");
}

static char **
environ_with_language (const char *language)
{
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  if (language != NULL)
    envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  else
    envp = g_environ_unsetenv (envp, "LANGUAGE");

  return envp;
}

/* Runs `PROGRAM ARG` in English and in German, and checks that each piece
 * of the English output that our catalogue translates appears translated
 * in the German output. */
static void
check_translated_output (const char *program,
                         const char *arg)
{
  const char *argv[] = { program, arg, NULL };
  g_auto(GStrv) env_c = environ_with_language (NULL);
  g_auto(GStrv) env_de = environ_with_language ("de");
  g_autofree char *out_c = NULL;
  g_autofree char *out_de = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) columns = g_regex_new ("\\s{2,}", 0, 0, NULL);
  guint n_translated = 0;

  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_autofree char *msg = g_strdup_printf ("%s is not built yet", program);
      g_test_skip (msg);
      return;
    }

  g_assert_cmpint (data_test_run (argv, NULL, (const char * const *)env_c, &out_c, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (data_test_run (argv, NULL, (const char * const *)env_de, &out_de, &err), ==, 0);

  g_assert_cmpstr (out_c, !=, "");
  g_assert_cmpstr (out_de, !=, out_c);

  lines = g_strsplit (out_c, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) pieces = g_regex_split (columns, lines[i], 0);

      for (guint j = 0; pieces[j] != NULL; j++)
        {
          const char *english = g_strstrip (pieces[j]);
          const char *german;

          if (*english == '\0')
            continue;

          german = g_dgettext (GETTEXT_PACKAGE, english);
          if (german == english || g_strcmp0 (german, english) == 0)
            continue;

          g_test_message ("“%s” → “%s”", english, german);
          if (strstr (out_de, german) == NULL)
            g_test_fail_printf ("%s %s under LANGUAGE=de lacks “%s” (for “%s”)",
                                program, arg, german, english);
          n_translated++;
        }
    }

  if (n_translated == 0)
    g_test_fail_printf ("%s %s prints nothing that po/de.po translates", program, arg);
}

static void
check_version (const char *program)
{
  const char *argv[] = { program, "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_autofree char *msg = g_strdup_printf ("%s is not built yet", program);
      g_test_skip (msg);
      return;
    }

  g_assert_cmpint (data_test_run (argv, NULL, NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, PACKAGE_VERSION));
}

static void
test_talkie_help (void)
{
  check_translated_output (TOP_BUILDDIR "/src/ui/talkie", "--help");
}

static void
test_talkie_version (void)
{
  check_version (TOP_BUILDDIR "/src/ui/talkie");
}

static void
test_cli_help (void)
{
  check_translated_output (TOP_BUILDDIR "/src/cli/talkie-cli", "--help");
}

static void
test_cli_version (void)
{
  check_version (TOP_BUILDDIR "/src/cli/talkie-cli");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("TALKIE_LOCALEDIR");

  g_test_init (&argc, &argv, NULL);

  g_assert_nonnull (localedir);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "de");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/i18n/lookup", test_lookup);
  g_test_add_func ("/i18n/talkie/help", test_talkie_help);
  g_test_add_func ("/i18n/talkie/version", test_talkie_version);
  g_test_add_func ("/i18n/talkie-cli/help", test_cli_help);
  g_test_add_func ("/i18n/talkie-cli/version", test_cli_version);

  return g_test_run ();
}
