/* talkie-sandbox-main.c: run the JoggAI look-alike from a terminal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "talkie-sandbox.h"

static gboolean
quit_signal_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

/* PATH=KIND[:VALUE[:TIMES]] */
static gboolean
apply_fault_option (TalkieSandbox  *sandbox,
                    const char     *option,
                    GError        **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *path = NULL;
  const char *eq = strrchr (option, '=');
  TalkieSandboxFault kind;
  gint64 value = 0;
  guint64 times = 0;

  if (eq == NULL || eq == option)
    goto bad;

  path = g_strndup (option, eq - option);
  parts = g_strsplit (eq + 1, ":", 3);

  if (parts[0] == NULL || !talkie_sandbox_fault_from_string (parts[0], &kind))
    goto bad;
  if (parts[1] != NULL && *parts[1] != '\0' &&
      !g_ascii_string_to_signed (parts[1], 10, G_MININT, G_MAXINT, &value, NULL))
    goto bad;
  if (parts[1] != NULL && parts[2] != NULL &&
      !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXUINT, &times, NULL))
    goto bad;

  talkie_sandbox_set_fault (sandbox, path, kind, (int) value, (guint) times);
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("Cannot understand the fault “%s”: write PATH=KIND[:VALUE[:TIMES]], "
                 "with KIND one of 500, delay, malformed, truncated, drop, code, render-fails "
                 "(for example /open/avatar=500:0:2)."),
               option);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) faults = NULL;
  g_autofree char *key = NULL;
  g_autofree char *data_dir = NULL;
  int port = 0;
  int avatars = 48;
  int step_ms = 1500;
  gint64 max_upload_size = 200 * 1024 * 1024;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Port to listen on, 0 for any free one"), N_("PORT") },
    { "key", 'k', 0, G_OPTION_ARG_STRING, &key,
      N_("API key the sandbox accepts (default: sandbox)"), N_("KEY") },
    { "avatars", 'a', 0, G_OPTION_ARG_INT, &avatars,
      N_("Public avatars per aspect ratio (1 to 10000, default 48)"), N_("N") },
    { "step-ms", 's', 0, G_OPTION_ARG_INT, &step_ms,
      N_("Milliseconds between render status steps (default 1500)"), N_("N") },
    { "max-upload-size", 0, 0, G_OPTION_ARG_INT64, &max_upload_size,
      N_("Largest upload accepted, in bytes (default 209715200)"), N_("BYTES") },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Folder for uploads and videos (default: a temporary one)"), N_("DIR") },
    { "fault", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      N_("Inject a fault, e.g. /open/avatar=500 or *=delay:2000:3 (repeatable)"),
      N_("PATH=KIND[:VALUE[:TIMES]]") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Serve a JoggAI look-alike on 127.0.0.1 for trying and testing Talkie."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr (_("%s\nRun “%s --help” to see the options.\n"), error->message, g_get_prgname ());
      return 2;
    }

  if (port < 0 || port > 65535)
    {
      g_printerr (_("The port must be between 0 and 65535.\n"));
      return 2;
    }
  if (avatars < 1 || avatars > 10000)
    {
      g_printerr (_("The number of avatars must be between 1 and 10000.\n"));
      return 2;
    }
  if (step_ms < 0)
    {
      g_printerr (_("The step time cannot be negative.\n"));
      return 2;
    }
  if (max_upload_size < 1)
    {
      g_printerr (_("The largest upload must be at least 1 byte.\n"));
      return 2;
    }

  sandbox = g_object_new (TALKIE_TYPE_SANDBOX,
                          "port", (guint) port,
                          "api-key", key ? key : "sandbox",
                          "avatar-count", (guint) avatars,
                          "step-ms", (guint) step_ms,
                          "data-dir", data_dir,
                          "max-upload-size", (guint64) max_upload_size,
                          NULL);

  for (guint i = 0; faults != NULL && faults[i] != NULL; i++)
    {
      if (!apply_fault_option (sandbox, faults[i], &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_signal_cb, loop);
  g_unix_signal_add (SIGTERM, quit_signal_cb, loop);

  if (!talkie_sandbox_start (sandbox, &error))
    {
      g_printerr (_("Could not start the sandbox: %s\n"), error->message);
      return 1;
    }

  g_print (_("Talkie sandbox listening on %s (key: %s)\n"),
           talkie_sandbox_get_base_url (sandbox),
           talkie_sandbox_get_api_key (sandbox));
  fflush (stdout);

  g_main_loop_run (loop);

  talkie_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  /* let closed connections finish tearing down */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return 0;
}
