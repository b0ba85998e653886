/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gtk/gtk.h>

#include "talkie-application.h"
#include "talkie-bench-hooks.h"
#include "talkie-build-tree.h"

/* Where the translations are: TALKIE_LOCALEDIR, else those compiled in the
 * build tree this binary runs from, else the installed ones. */
static char *
find_localedir (void)
{
  const char *root = talkie_build_tree_get_root ();

  if (g_getenv ("TALKIE_LOCALEDIR") != NULL)
    return g_strdup (g_getenv ("TALKIE_LOCALEDIR"));

  if (root != NULL)
    return g_build_filename (root, "po", NULL);

  return g_strdup (LOCALEDIR);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TalkieApplication) app = NULL;
  g_autofree char *localedir = find_localedir ();
  const char *locale;

  locale = setlocale (LC_ALL, "");
  /* A machine with no locale set (LANG unset: "C") would ignore LANGUAGE and
   * hand GTK a non-UTF-8 locale. C.UTF-8 is C with UTF-8, and honours LANGUAGE. */
  if (locale == NULL || g_strcmp0 (locale, "C") == 0 || g_strcmp0 (locale, "POSIX") == 0)
    setlocale (LC_ALL, "C.UTF-8");
  /* The locale is set: GTK must not set it again from the environment. */
  gtk_disable_setlocale ();

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("talkie");
  g_set_application_name (_("Talkie"));

  gst_init (&argc, &argv);

  app = talkie_application_new ();
  /* Only with TALKIE_BENCH set: tests/bench/bench-app's measuring points. */
  talkie_bench_hooks_install (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
