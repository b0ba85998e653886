/* talkie-cli-record.c: “talkie-cli record”, a take from the microphone into
 * an MP3 with the core's TalkieRecorder (what the app's Record button uses),
 * until --seconds have passed or Ctrl+C, which ends the take and keeps it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <errno.h>
#include <math.h>

#include <glib/gi18n.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

/* A day: more is a typo, and the progress line counts whole seconds in an int. */
#define RECORD_MAX_SECONDS 86400

static void
record_add_entries (TalkieCli      *self,
                    GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &self->output,
      N_("Save the take to FILE, as MP3"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &self->force,
      N_("Replace the --output file if it exists"), NULL },
    { "seconds", 0, 0, G_OPTION_ARG_STRING, &self->seconds_str,
      N_("Stop after this many seconds (else at Ctrl+C)"), N_("N") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static int
record_check (TalkieCli *self)
{
  if (self->output == NULL)
    return talkie_cli_usage_error (self, _("Say where to save the take with --output FILE."));
  if (g_str_equal (self->output, "-"))
    return talkie_cli_usage_error (self, _("record saves the take to a file: give --output FILE, not -."));
  /* A point for the decimals whatever the locale, as --trim reads them. */
  if (self->seconds_str != NULL)
    {
      char *end = NULL;

      self->record_seconds = g_ascii_strtod (self->seconds_str, &end);
      if (self->seconds_str[0] == '\0' || end == NULL || *end != '\0' ||
          !isfinite (self->record_seconds) || self->record_seconds <= 0 ||
          self->record_seconds > RECORD_MAX_SECONDS)
        {
          g_autofree char *clean = talkie_cli_sanitize (self->seconds_str);
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a number of seconds: --seconds needs one above 0 and at most 86400 (a day), such as 10 or 2.5."), clean);

          return talkie_cli_usage_error (self, message);
        }
    }

  return talkie_cli_check_output (self);
}

/* The folder the recorder writes in: beside --output, so that the take
 * takes its name with a rename, and ours alone, so that it can go whole. */
static gboolean
record_make_dir (TalkieCli  *self,
                 GError    **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (self->output_file);
  g_autofree char *parent_path = parent != NULL ? g_file_get_path (parent) : NULL;
  g_autofree char *template = NULL;

  if (parent_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("The take can only be saved to a local file."));
      return FALSE;
    }

  template = g_build_filename (parent_path, ".talkie-cli-record-XXXXXX", NULL);
  if (g_mkdtemp (template) == NULL)
    {
      int saved = errno;
      g_autofree char *clean = talkie_cli_sanitize (parent_path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The take cannot be saved in “%s”: %s."), clean, g_strerror (saved));
      return FALSE;
    }

  self->record_dir = g_steal_pointer (&template);
  return TRUE;
}

/* The take under the --output name; nothing is replaced without --force. */
static gboolean
record_save (TalkieCli  *self,
             GFile      *take,
             GError    **error)
{
  GFileCopyFlags flags = G_FILE_COPY_NOFOLLOW_SYMLINKS;
  g_autoptr(GError) local_error = NULL;

  if (self->force)
    flags |= G_FILE_COPY_OVERWRITE;

  if (!g_file_move (take, self->output_file, flags, NULL, NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (self->output_file);
      g_autofree char *clean = talkie_cli_sanitize (name);

      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("The take could not be saved as “%s”: %s."), clean, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
record_print_saved (TalkieCli *self,
                    double     seconds)
{
  g_autofree char *path = g_file_get_parse_name (self->output_file);
  g_autofree char *clean = talkie_cli_sanitize (path);

  /* TRANSLATORS: %1$s is a file, %2$.1f seconds */
  g_print (_("Saved to: %1$s (%2$.1f s)\n"), clean, seconds);
}

static void
record_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TalkieCli *self = user_data;
  TalkieRecorder *recorder = TALKIE_RECORDER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autoptr(GFile) take = talkie_recorder_record_finish (recorder, result, &error);
  double seconds = talkie_recorder_get_elapsed (recorder);

  g_signal_handlers_disconnect_by_data (recorder, self);
  talkie_cli_end_progress (self);

  if (take == NULL)
    {
      GFile *partial = talkie_recorder_get_partial_take (recorder);

      /* Failed mid-take: what was recorded is still the user's. */
      if (partial != NULL && record_save (self, partial, NULL))
        {
          g_autofree char *path = g_file_get_parse_name (self->output_file);
          g_autofree char *message =
            /* TRANSLATORS: %1$s is the recorder's error (which says the take so far is kept), %2$s a file */
            g_strdup_printf (_("%1$s It is saved to “%2$s”."), error->message, path);

          talkie_cli_fail_message (self, message);
          return;
        }

      talkie_cli_fail (self, error);
      return;
    }

  if (!record_save (self, take, &save_error))
    {
      talkie_cli_fail (self, save_error);
      return;
    }

  record_print_saved (self, seconds);
  talkie_cli_done (self, EXIT_SUCCESS);
}

static void
record_elapsed_cb (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  TalkieCli *self = user_data;
  TalkieRecorder *recorder = TALKIE_RECORDER (object);
  double elapsed = talkie_recorder_get_elapsed (recorder);
  g_autofree char *line = NULL;

  if (self->record_seconds > 0 && elapsed >= self->record_seconds)
    {
      talkie_recorder_stop (recorder);
      return;
    }

  /* Stopping at Ctrl+C: the progress line has ended. */
  if (self->interrupted)
    return;

  if (self->record_seconds > 0)
    /* TRANSLATORS: %1$d and %2$d are whole seconds */
    line = g_strdup_printf (_("Recording… %1$d s of %2$d (Ctrl+C stops and keeps the take)"),
                            (int) elapsed, (int) ceil (self->record_seconds));
  else
    line = g_strdup_printf (_("Recording… %d s (Ctrl+C stops and keeps the take)"), (int) elapsed);
  talkie_cli_show_progress (self, line);
}

/* Ctrl+C ends the take and keeps it; the run ends when it is saved. */
static gboolean
record_interrupt (TalkieCli *self)
{
  if (self->recorder == NULL || !talkie_recorder_get_recording (self->recorder))
    return FALSE;

  talkie_recorder_stop (self->recorder);
  return TRUE;
}

static void
record_start (TalkieCli *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;

  if (!record_make_dir (self, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  dir = g_file_new_for_path (self->record_dir);
  self->recorder = talkie_recorder_new ();
  self->interrupt = record_interrupt;
  g_signal_connect (self->recorder, "notify::elapsed", G_CALLBACK (record_elapsed_cb), self);
  talkie_recorder_record_async (self->recorder, dir, self->cancellable, record_done_cb, self);
}

void
talkie_cli_record_cleanup (TalkieCli *self)
{
  if (self->recorder != NULL)
    g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_clear_object (&self->recorder);
  /* A take that could not be moved, or one a second Ctrl+C cut short. */
  talkie_cli_remove_private_dir (&self->record_dir);
}

const TalkieCliCommand talkie_cli_record_command = {
  "record", NULL, N_("Record a take from the microphone into an MP3"),
  0, record_add_entries, record_check, record_start, TRUE, TRUE,
};
