/* test-language.c: a voice's language, as the server names it, in the
 * user's language — through the iso-codes package's names and translations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "talkie-core.h"

static void
assert_display_name (const char *language,
                     const char *expected)
{
  g_autofree char *name = talkie_language_dup_display_name (language);

  g_assert_cmpstr (name, ==, expected);
}

static void
test_english (void)
{
  g_setenv ("LANGUAGE", "en", TRUE);

  assert_display_name ("english", "English");
  assert_display_name ("FRENCH", "French");
  /* "Spanish; Castilian": either name, and only the first is shown. */
  assert_display_name ("castilian", "Spanish");
  assert_display_name ("spanish", "Spanish");
  /* Not a language iso-codes knows: as the server wrote it, capitalised. */
  assert_display_name ("klingonish", "Klingonish");
  assert_display_name ("élvish", "Élvish");
  assert_display_name (NULL, "Unknown language");
  assert_display_name ("", "Unknown language");
  /* Not UTF-8: made valid, never passed on raw. */
  {
    g_autofree char *name = talkie_language_dup_display_name ("fr\xff\xfe");

    g_assert_true (g_utf8_validate (name, -1, NULL));
  }
}

static void
test_german (void)
{
  g_setenv ("LANGUAGE", "de", TRUE);

  assert_display_name ("french", "Französisch");
  assert_display_name ("english", "Englisch");
  assert_display_name ("klingonish", "Klingonish");

  g_setenv ("LANGUAGE", "en", TRUE);
}

int
main (int   argc,
      char *argv[])
{
  /* As Talkie does with no locale set: C with UTF-8, which honours LANGUAGE. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/language/english", test_english);
  g_test_add_func ("/core/language/german", test_german);

  return g_test_run ();
}
