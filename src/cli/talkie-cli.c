/* talkie-cli.c: talkie-cli, every JoggAI call from a terminal, over src/core:
 * the global options, the client and its key, the choice of command, and
 * what the commands share (how a run ends, errors, progress, common options).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <gst/gst.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

void
talkie_cli_remove_private_dir (char **path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (*path == NULL)
    return;

  /* Only files: the folder was made by g_dir_make_tmp() for this run alone. */
  if ((dir = g_dir_open (*path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (*path, name, NULL);

          g_unlink (file);
        }
    }
  g_rmdir (*path);
  g_clear_pointer (path, g_free);
}

static void
talkie_cli_free (TalkieCli *self)
{
  g_clear_handle_id (&self->sigint_source, g_source_remove);
  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->history);
  g_clear_object (&self->project);
  g_clear_pointer (&self->voice_genders, g_hash_table_unref);
  g_clear_object (&self->avatar);
  g_clear_object (&self->voice);
  g_clear_object (&self->audio_source);
  /* -o -: the video was copied out of our own folder; --audio -: stdin's copy. */
  if (self->stdout_dir != NULL && self->output_file != NULL)
    g_file_delete (self->output_file, NULL, NULL);
  if (self->stdout_dir != NULL)
    g_rmdir (self->stdout_dir);
  if (self->spooled_audio != NULL)
    g_file_delete (self->spooled_audio, NULL, NULL);
  g_clear_object (&self->spooled_audio);
  talkie_cli_trim_cleanup (self);
  talkie_cli_record_cleanup (self);
  g_free (self->stdout_dir);
  g_clear_object (&self->output_file);
  g_clear_object (&self->client);
  g_clear_object (&self->session);
  if (self->sandbox != NULL)
    talkie_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_free (self->last_progress);
  g_free (self->base_url);
  g_free (self->aspect_str);
  g_free (self->gender_str);
  g_free (self->avatar_str);
  g_free (self->voice_id);
  g_free (self->audio);
  g_free (self->output);
  g_free (self->project_id);
  g_free (self->trim_str);
  g_free (self->seconds_str);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TalkieCli, talkie_cli_free)

/* ------------------------------------------------------------------------- */
/* Ending                                                                    */

void
talkie_cli_done (TalkieCli *self,
                 int        exit_status)
{
  if (self->finished)
    return;

  self->finished = TRUE;
  self->exit_status = exit_status;
  g_main_loop_quit (self->loop);
}

void
talkie_cli_end_progress (TalkieCli *self)
{
  if (self->last_progress != NULL && self->stderr_is_tty)
    g_printerr ("\n");
  g_clear_pointer (&self->last_progress, g_free);
  self->progress_width = 0;
}

static void
talkie_cli_print_error (TalkieCli  *self,
                        const char *message)
{
  g_autofree char *redacted = NULL;
  g_autofree char *clean = NULL;

  talkie_cli_end_progress (self);

  if (self->client != NULL)
    redacted = talkie_client_redact (self->client, message);
  clean = talkie_cli_sanitize (redacted != NULL ? redacted : message);

  g_printerr ("talkie-cli: %s\n", clean);
}

static const char *
talkie_cli_invalid_key_message (TalkieCli *self)
{
  switch (self->session != NULL ? talkie_session_get_key_origin (self->session) : TALKIE_KEY_ORIGIN_NONE)
    {
    case TALKIE_KEY_ORIGIN_ENVIRONMENT:
      return _("The server refused the API key in TALKIE_API_KEY. Copy the key again from your JoggAI account (Settings → API) and set TALKIE_API_KEY to it.");
    case TALKIE_KEY_ORIGIN_KEYRING:
      return _("The server refused the API key stored in the keyring. Set TALKIE_API_KEY to a valid key, or store a new one in Talkie’s preferences.");
    case TALKIE_KEY_ORIGIN_SANDBOX:
      return _("The built-in sandbox refused its own API key. This is a bug in Talkie: please report it.");
    case TALKIE_KEY_ORIGIN_NONE:
    case TALKIE_KEY_ORIGIN_ENTERED:
    default:
      return _("The server refused the API key. Set TALKIE_API_KEY to a valid key, or use --sandbox to try without an account.");
    }
}

/* Core messages say what happened; the next step in a terminal is ours. */
static const char *
talkie_cli_remedy_for (const GError *error)
{
  switch (talkie_error_get_remedy (error))
    {
    case TALKIE_ERROR_REMEDY_SERVER_ADDRESS:
      return _("Check the server address (--base-url or TALKIE_BASE_URL).");
    case TALKIE_ERROR_REMEDY_ADD_KEY:
      return _("Set TALKIE_API_KEY to your JoggAI API key, or use --sandbox.");
    case TALKIE_ERROR_REMEDY_KEY_AND_SERVER_ADDRESS:
      return _("Check TALKIE_API_KEY and the server address (--base-url or TALKIE_BASE_URL).");
    case TALKIE_ERROR_REMEDY_CHECK_KEY:   /* said by talkie_cli_invalid_key_message() */
    case TALKIE_ERROR_REMEDY_NONE:
    default:
      return NULL;
    }
}

void
talkie_cli_fail (TalkieCli    *self,
                 const GError *error)
{
  if (self->finished)
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      talkie_cli_done (self, TALKIE_CLI_EXIT_INTERRUPTED);
      return;
    }

  if (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INVALID_KEY))
    talkie_cli_print_error (self, talkie_cli_invalid_key_message (self));
  else
    {
      const char *remedy = talkie_cli_remedy_for (error);
      g_autofree char *message = remedy ? g_strconcat (error->message, " ", remedy, NULL)
                                        : g_strdup (error->message);

      talkie_cli_print_error (self, message);
    }

  talkie_cli_done (self, TALKIE_CLI_EXIT_API_ERROR);
}

void
talkie_cli_fail_message (TalkieCli  *self,
                         const char *message)
{
  if (self->finished)
    return;

  talkie_cli_print_error (self, message);
  talkie_cli_done (self, TALKIE_CLI_EXIT_API_ERROR);
}

int
talkie_cli_usage_error (TalkieCli  *self,
                        const char *message)
{
  g_printerr ("talkie-cli: %s\n", message);
  if (self->command != NULL)
    g_printerr (_("Run “talkie-cli %s --help” to see its options.\n"), self->command->name);
  else
    g_printerr (_("Run “talkie-cli --help” to see the commands and their options.\n"));

  return TALKIE_CLI_EXIT_USAGE;
}

static gboolean
talkie_cli_on_signal (gpointer user_data)
{
  TalkieCli *self = user_data;

  /* A second Ctrl+C does not wait for anything. */
  if (self->interrupted)
    {
      talkie_cli_done (self, TALKIE_CLI_EXIT_INTERRUPTED);
      return G_SOURCE_CONTINUE;
    }

  self->interrupted = TRUE;
  talkie_cli_end_progress (self);

  if (self->interrupt != NULL && self->interrupt (self))
    return G_SOURCE_CONTINUE;

  g_printerr (_("talkie-cli: Interrupted.\n"));

  if (self->job != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->job, self);
      talkie_render_job_cancel (self->job);
    }
  g_cancellable_cancel (self->cancellable);

  /* A download removes its partial file when it sees the cancellation, on
   * the loop, and so does a trim on its thread (which would otherwise make
   * its folder again after ours is removed): keep the loop running until it
   * has (render_downloaded_cb, in talkie-cli-render.c; trim_done_cb, in
   * talkie-cli-trim.c). */
  if (!self->downloading && !self->trimming)
    talkie_cli_done (self, TALKIE_CLI_EXIT_INTERRUPTED);

  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------------------- */
/* Progress on stderr                                                        */

void
talkie_cli_show_progress (TalkieCli  *self,
                          const char *line)
{
  guint width;

  if (self->quiet || g_strcmp0 (line, self->last_progress) == 0)
    return;

  width = talkie_cli_text_width (line);
  if (self->stderr_is_tty && self->dumb_terminal)
    {
      /* No escape sequences: a carriage return, and spaces over what is
       * left of a longer line before. */
      g_printerr ("\r%s%*s", line, (int) (self->progress_width > width ? self->progress_width - width : 0), "");
    }
  else if (self->stderr_is_tty)
    g_printerr ("\r\033[K%s", line);
  else
    g_printerr ("%s\n", line);
  self->progress_width = width;

  g_free (self->last_progress);
  self->last_progress = g_strdup (line);
}

/* Whole percents on a terminal, tens of percents in a log. */
int
talkie_cli_round_percent (TalkieCli *self,
                          double     fraction)
{
  int percent = (int) CLAMP (fraction * 100.0, 0.0, 100.0);

  if (!self->stderr_is_tty)
    percent -= percent % 10;

  return percent;
}

/* ------------------------------------------------------------------------- */
/* Setting up: the server and the key                                        */

guint
talkie_cli_env_uint (const char *name,
                     guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 parsed;

  if (value == NULL || value[0] == '\0')
    return fallback;

  if (!g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &parsed, NULL))
    {
      g_warning ("Ignoring %s=%s: not a positive number of milliseconds", name, value);
      return fallback;
    }

  return (guint) parsed;
}

static gboolean
talkie_cli_setup_client (TalkieCli  *self,
                         GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (self->use_sandbox)
    {
      guint step_ms = talkie_cli_env_uint ("TALKIE_SANDBOX_STEP_MS", 0);

      if (step_ms > 0)
        self->sandbox = g_object_new (TALKIE_TYPE_SANDBOX, "step-ms", step_ms, NULL);
      else
        self->sandbox = talkie_sandbox_new ();

      if (!talkie_sandbox_start (self->sandbox, error) ||
          !(self->session = talkie_session_new (talkie_sandbox_get_base_url (self->sandbox), error)) ||
          !talkie_session_sign_in (self->session, talkie_sandbox_get_api_key (self->sandbox),
                                   TALKIE_KEY_ORIGIN_SANDBOX, error))
        return FALSE;

      self->client = g_object_ref (talkie_session_get_client (self->session));
      return TRUE;
    }

  /* The address first: a bad one is refused before the keyring is asked. */
  if (!(self->session = talkie_session_new (self->base_url, &local_error)))
    {
      if (g_error_matches (local_error, TALKIE_API_ERROR, TALKIE_API_ERROR_INSECURE_BASE))
        {
          g_autofree char *clean = talkie_cli_sanitize (self->base_url);

          g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INSECURE_BASE,
                       _("The server address “%s” is refused: use an https:// address, or http:// on this computer (127.0.0.1), with --base-url or TALKIE_BASE_URL."),
                       clean);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));

      return FALSE;
    }

  /* login and logout sign in themselves, or not at all. */
  if (self->command->without_key)
    return TRUE;

  /* TALKIE_API_KEY, else the key the app saved for this server. */
  if (!talkie_session_find_key_sync (self->session, TRUE, self->cancellable, &local_error))
    {
      if (local_error != NULL)
        g_debug ("No key: %s", local_error->message);

      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY,
                           _("No API key. Set TALKIE_API_KEY to your JoggAI API key (from your account’s Settings → API), store one in Talkie’s preferences, or use --sandbox to try without an account."));
      return FALSE;
    }

  self->client = g_object_ref (talkie_session_get_client (self->session));
  return TRUE;
}

/* ------------------------------------------------------------------------- */
/* Shared option checks                                                      */

int
talkie_cli_check_aspect (TalkieCli *self)
{
  if (self->aspect_str == NULL)
    {
      self->aspect = TALKIE_ASPECT_RATIO_PORTRAIT;
      return 0;
    }

  if (!talkie_aspect_ratio_from_string (self->aspect_str, &self->aspect))
    {
      g_autofree char *clean = talkie_cli_sanitize (self->aspect_str);
      g_autofree char *message = g_strdup_printf (_("“%s” is not an aspect ratio: use 9:16, 16:9 or 1:1."), clean);

      return talkie_cli_usage_error (self, message);
    }

  return 0;
}

int
talkie_cli_check_project_id (TalkieCli *self)
{
  g_assert (self->project_id != NULL);

  if (self->project_id[0] == '\0')
    return talkie_cli_usage_error (self, _("The project id is empty."));

  /* download names a file after it: no slashes, nothing odd. */
  if (!talkie_reply_check_id (self->project_id))
    {
      g_autofree char *clean = talkie_cli_sanitize (self->project_id);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a project id. Use the id that “talkie-cli render” or “talkie-cli renders” printed."), clean);

      return talkie_cli_usage_error (self, message);
    }

  return 0;
}

TalkieHistory *
talkie_cli_load_history (TalkieCli *self)
{
  g_autoptr(TalkieHistory) history = NULL;
  g_autoptr(GError) error = NULL;

  /* The embedded sandbox's renders die with it: as in the app, they never
   * mix with real ones. */
  if (self->use_sandbox)
    return NULL;

  history = talkie_history_new (self->client, NULL);
  if (!talkie_history_load (history, &error))
    {
      talkie_cli_end_progress (self);
      talkie_cli_print_error (self, error->message);
    }

  return g_steal_pointer (&history);
}

GListModel *
talkie_cli_finish_list (TalkieCli           *self,
                        TalkieCliListFinish  finish,
                        GObject             *client,
                        GAsyncResult        *result)
{
  g_autoptr(GError) error = NULL;
  GListModel *list = finish (TALKIE_CLIENT (client), result, &error);

  if (list == NULL)
    talkie_cli_fail (self, error);

  return list;
}

void
talkie_cli_add_json_entry (TalkieCli      *self,
                           GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &self->json,
      N_("Print one JSON document instead of a table"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* ------------------------------------------------------------------------- */
/* Lists                                                                     */

void
talkie_cli_print_list (TalkieCli          *self,
                       GListModel         *items,
                       TalkieCliJsonFunc   to_json,
                       const char * const *headers,
                       guint               n_columns,
                       TalkieCliRowFunc    make_row,
                       const char         *empty_message)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = g_list_model_get_n_items (items);

  if (self->json)
    {
      g_autoptr(JsonNode) node = to_json (items);

      talkie_cli_print_json (node);
      return;
    }

  if (n == 0)
    {
      g_printerr ("%s", empty_message);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      g_ptr_array_add (rows, make_row (item));
    }

  talkie_cli_print_table (headers, n_columns, rows);
}

/* ------------------------------------------------------------------------- */
/* Commands and options                                                      */

static const TalkieCliCommand * const commands[] = {
  &talkie_cli_avatars_command,
  &talkie_cli_voices_command,
  &talkie_cli_render_command,
  &talkie_cli_status_command,
  &talkie_cli_renders_command,
  &talkie_cli_download_command,
  &talkie_cli_login_command,
  &talkie_cli_logout_command,
  &talkie_cli_record_command,
};

static void
talkie_cli_add_global_entries (TalkieCli      *self,
                               GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &self->base_url,
      N_("Send every call to this server instead of JoggAI (default: $TALKIE_BASE_URL)"), N_("URL") },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &self->use_sandbox,
      N_("Start the built-in sandbox server and use it: no account needed"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &self->quiet,
      N_("Show no progress on stderr (errors still are)"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static char *
talkie_cli_commands_summary (void)
{
  GString *summary = g_string_new (_("Commands:"));
  guint width = 0;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, strlen (commands[i]->name));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-*s  %s",
                            (int) width, commands[i]->name, _(commands[i]->summary));

  return g_string_free (summary, FALSE);
}

static const char *
talkie_cli_description (void)
{
  return _("Run “talkie-cli COMMAND --help” to see a command’s options.\n"
           "\n"
           "Environment:\n"
           "  TALKIE_API_KEY    your JoggAI API key (else the one in the keyring)\n"
           "  TALKIE_BASE_URL   the server, as --base-url\n"
           "\n"
           "Renders are listed with the app’s, in $XDG_DATA_HOME/talkie/history.json.\n"
           "\n"
           "Exit status: 0 success, 1 an API, network or audio error, 2 a usage error.");
}

/* The --help of talkie-cli and of each command share their description. */
static GOptionContext *
talkie_cli_option_context_new (const char *parameter,
                               const char *summary)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, talkie_cli_description ());

  return context;
}

static int
talkie_cli_parse_command (TalkieCli  *self,
                          int         argc,
                          char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = NULL;

  /* "Usage: talkie-cli [OPTION…] status PROJECT_ID". The program name is set
   * once only: GLib 2.74 frees the old one when it is set again. */
  if (self->command->parameter != NULL)
    parameter = g_strdup_printf ("%s %s", self->command->name, _(self->command->parameter));
  else
    parameter = g_strdup (self->command->name);
  context = talkie_cli_option_context_new (parameter, _(self->command->summary));
  self->command->add_entries (self, context);
  talkie_cli_add_global_entries (self, context);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return talkie_cli_usage_error (self, error->message);

  /* argv[0] is the command itself. */
  if ((guint) argc - 1 < self->command->n_positional)
    {
      g_autofree char *message = g_strdup_printf (_("The %s command needs a %s."),
                                                  self->command->name,
                                                  _(self->command->parameter));

      return talkie_cli_usage_error (self, message);
    }

  if ((guint) argc - 1 > self->command->n_positional)
    {
      g_autofree char *clean = talkie_cli_sanitize (argv[1 + self->command->n_positional]);
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”."), clean);

      return talkie_cli_usage_error (self, message);
    }

  if (self->command->n_positional == 1)
    self->project_id = g_strdup (argv[1]);

  return self->command->check (self);
}

static int
talkie_cli_run (TalkieCli  *self,
                int         argc,
                char      **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &self->show_version,
      N_("Print the version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  int status;

  g_set_prgname ("talkie-cli");

  summary = talkie_cli_commands_summary ();
  context = talkie_cli_option_context_new (_("COMMAND [OPTION…]"), summary);
  /* Global options before the command; the command's own come after it. */
  g_option_context_set_strict_posix (context, TRUE);
  talkie_cli_add_global_entries (self, context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return talkie_cli_usage_error (self, error->message);

  if (self->show_version)
    {
      g_print ("talkie-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (argc < 2)
    return talkie_cli_usage_error (self, _("No command given."));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i]->name) == 0)
        self->command = commands[i];
    }

  if (self->command == NULL)
    {
      g_autofree char *clean = talkie_cli_sanitize (argv[1]);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a command: use avatars, voices, render, status, renders, download, login, logout or record."), clean);

      return talkie_cli_usage_error (self, message);
    }

  if ((status = talkie_cli_parse_command (self, argc - 1, argv + 1)) != 0)
    return status;

  if (self->use_sandbox && self->base_url != NULL)
    return talkie_cli_usage_error (self, _("Use either --sandbox or --base-url, not both."));

  if (self->base_url == NULL && !self->use_sandbox)
    {
      const char *env_base = g_getenv ("TALKIE_BASE_URL");

      if (env_base != NULL && env_base[0] != '\0')
        self->base_url = g_strdup (env_base);
    }

  self->stderr_is_tty = isatty (STDERR_FILENO);
  self->dumb_terminal = g_strcmp0 (g_getenv ("TERM"), "dumb") == 0;
  self->cancellable = g_cancellable_new ();
  self->loop = g_main_loop_new (NULL, FALSE);

  if (!self->command->offline && !talkie_cli_setup_client (self, &error))
    {
      talkie_cli_fail (self, error);
      return self->exit_status;
    }

  /* From here on Ctrl+C stops what runs on the loop and exits 130. */
  self->sigint_source = g_unix_signal_add (SIGINT, talkie_cli_on_signal, self);
  self->sigterm_source = g_unix_signal_add (SIGTERM, talkie_cli_on_signal, self);

  self->command->start (self);
  if (!self->finished)
    g_main_loop_run (self->loop);

  /* Now, not when it goes away: a save merges in what the app wrote meanwhile. */
  if (self->history != NULL)
    {
      g_autoptr(GError) save_error = NULL;

      if (!talkie_history_save (self->history, &save_error))
        talkie_cli_print_error (self, save_error->message);
    }

  return self->exit_status;
}

/* GLib would print “quotes” as "?" in the C locale. */
static void
talkie_cli_print_stdout (const char *text)
{
  g_autofree char *local = talkie_cli_to_locale_text (text);

  fputs (local, stdout);
  fflush (stdout);
}

static void
talkie_cli_print_stderr (const char *text)
{
  g_autofree char *local = talkie_cli_to_locale_text (text);

  fputs (local, stderr);
  fflush (stderr);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TalkieCli) self = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  localedir = g_getenv ("TALKIE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_print_handler (talkie_cli_print_stdout);
  g_set_printerr_handler (talkie_cli_print_stderr);

  gst_init (NULL, NULL);

  self = g_new0 (TalkieCli, 1);

  return talkie_cli_run (self, argc, argv);
}
