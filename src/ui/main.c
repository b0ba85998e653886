/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "talkie-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TalkieApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("TALKIE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("talkie");
  g_set_application_name (_("Talkie"));

  gst_init (&argc, &argv);

  app = talkie_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
