/* talkie-cli-follow.c: what render, status --wait and download share: a
 * render followed to its end with progress on stderr, the video saved to a
 * file or stdout (--output, checked before anything is spent), and the one
 * project object printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

char *
talkie_cli_failure_message (const char    *project_id,
                            TalkieProject *project)
{
  const char *desc = project != NULL ? talkie_project_get_status_desc (project) : NULL;

  if (project != NULL && talkie_project_get_status (project) == TALKIE_PROJECT_STATUS_DELETED)
    return g_strdup_printf (_("The render %s was deleted on the server."), project_id);

  if (desc != NULL && desc[0] != '\0')
    /* TRANSLATORS: %1$s is a project id, %2$s the service's reason */
    return g_strdup_printf (_("The render %1$s failed on the server: %2$s."), project_id, desc);

  return g_strdup_printf (_("The render %s failed on the server."), project_id);
}

void
talkie_cli_print_result (TalkieCli     *self,
                         const char    *project_id,
                         TalkieProject *project,
                         const char    *error)
{
  g_autofree char *output_path = NULL;

  if (self->output_file != NULL && !self->output_to_stdout)
    output_path = g_file_get_parse_name (self->output_file);

  if (self->json)
    {
      g_autoptr(JsonNode) node = talkie_cli_project_to_json (project_id, project, error, output_path);

      talkie_cli_print_json (node);
    }
  else if (self->output_to_stdout)
    ;  /* stdout is the video */
  else if (project != NULL && self->wait)
    talkie_cli_print_project (project, output_path);
  else
    g_print ("%s\n", project_id);
}

static void
follow_print_result (TalkieCli  *self,
                     const char *error)
{
  talkie_cli_print_result (self, talkie_render_job_get_project_id (self->job),
                           talkie_render_job_get_project (self->job), error);
}

static void
follow_succeeded (TalkieCli *self)
{
  talkie_cli_end_progress (self);
  follow_print_result (self, NULL);
  talkie_cli_done (self, EXIT_SUCCESS);
}

/* ------------------------------------------------------------------------- */
/* The video to a file or stdout                                             */

static void
download_progress (goffset  done,
                   goffset  total,
                   gpointer user_data)
{
  TalkieCli *self = user_data;
  g_autofree char *line = NULL;

  if (total > 0)
    line = g_strdup_printf (_("Downloading the video: %d%%"),
                            talkie_cli_round_percent (self, (double) done / (double) total));
  else
    line = g_strdup (_("Downloading the video…"));

  talkie_cli_show_progress (self, line);
}

/* -o -: the checked video, copied from its temporary file to stdout. */
static gboolean
copy_to_stdout (TalkieCli  *self,
                GError    **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GOutputStream) output = NULL;

  if (!(input = g_file_read (self->output_file, self->cancellable, error)))
    return FALSE;

  output = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (g_output_stream_splice (output, G_INPUT_STREAM (input),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE,
                              self->cancellable, error) < 0)
    return FALSE;

  return g_output_stream_flush (output, self->cancellable, error);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GError) error = NULL;

  self->downloading = FALSE;

  /* Interrupted: the download has removed its partial file by now. */
  if (self->interrupted)
    {
      talkie_cli_done (self, TALKIE_CLI_EXIT_INTERRUPTED);
      return;
    }

  if (!talkie_client_download_finish (TALKIE_CLIENT (object), result, &error) ||
      (self->output_to_stdout && !copy_to_stdout (self, &error)))
    {
      talkie_cli_fail (self, error);
      return;
    }

  self->download_done (self);
}

void
talkie_cli_download_video (TalkieCli  *self,
                           const char *project_id,
                           const char *video_url,
                           void      (*done) (TalkieCli *self))
{
  if (video_url == NULL || video_url[0] == '\0')
    {
      g_autofree char *message =
        g_strdup_printf (_("The render finished but the server gave no video address. Try “talkie-cli status %s” in a while."),
                         project_id);

      talkie_cli_fail_message (self, message);
      return;
    }

  g_assert (self->output_file != NULL);
  self->downloading = TRUE;
  self->download_done = done;
  talkie_client_download_async (self->client,
                                video_url,
                                self->output_file,
                                download_progress, self, NULL,
                                self->cancellable,
                                downloaded_cb,
                                self);
}

/* ------------------------------------------------------------------------- */
/* Following a job                                                           */

static void
follow_job_finished (TalkieCli *self)
{
  TalkieJobState state = talkie_render_job_get_state (self->job);

  g_signal_handlers_disconnect_by_data (self->job, self);

  if (state == TALKIE_JOB_STATE_CANCELLED)
    {
      talkie_cli_end_progress (self);
      talkie_cli_done (self, TALKIE_CLI_EXIT_INTERRUPTED);
      return;
    }

  if (state == TALKIE_JOB_STATE_FAILED)
    {
      const GError *error = talkie_render_job_get_error (self->job);
      const char *message = talkie_render_job_get_error_message (self->job);

      talkie_cli_end_progress (self);
      if (self->print_failed && talkie_render_job_get_project (self->job) != NULL)
        follow_print_result (self, message);

      if (error != NULL &&
          (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INVALID_KEY) ||
           message == NULL))
        talkie_cli_fail (self, error);
      else if (message != NULL)
        talkie_cli_fail_message (self, message);
      else
        talkie_cli_fail_message (self, _("The render failed. Check the recording and try again; “talkie-cli status” shows what the server says."));
      return;
    }

  g_assert (state == TALKIE_JOB_STATE_SUCCEEDED);

  if (self->output_file != NULL)
    {
      talkie_cli_download_video (self, talkie_render_job_get_project_id (self->job),
                                 talkie_render_job_get_video_url (self->job), follow_succeeded);
      return;
    }

  follow_succeeded (self);
}

static void
follow_job_changed_cb (TalkieRenderJob *job,
                       GParamSpec      *pspec,
                       gpointer         user_data)
{
  TalkieCli *self = user_data;
  TalkieJobState state;
  g_autofree char *line = NULL;

  g_assert (TALKIE_IS_RENDER_JOB (job));

  if (self->finished)
    return;

  state = talkie_render_job_get_state (job);

  if (talkie_render_job_get_stalled (job))
    {
      g_autofree char *message =
        g_strdup_printf (_("The render %s is still running after hours; Talkie stopped waiting for it. Check it later with “talkie-cli status %s”."),
                         talkie_render_job_get_project_id (job), talkie_render_job_get_project_id (job));

      g_signal_handlers_disconnect_by_data (job, self);
      talkie_render_job_cancel (job);
      talkie_cli_fail_message (self, message);
      return;
    }

  if (!self->wait && talkie_render_job_get_project_id (job) != NULL)
    {
      /* Accepted: the app (and “talkie-cli status --wait”) follows it from
       * the history. */
      g_signal_handlers_disconnect_by_data (job, self);
      follow_print_result (self, NULL);
      talkie_cli_done (self, EXIT_SUCCESS);
      return;
    }

  if (talkie_job_state_is_final (state))
    {
      follow_job_finished (self);
      return;
    }

  if (!self->wait || state == TALKIE_JOB_STATE_NEW)
    return;

  /* The app's words; on a log or a pipe the upload moves in steps of 10 %. */
  line = talkie_format_job_status (job, self->stderr_is_tty ? 1 : 10);
  if (state == TALKIE_JOB_STATE_RENDERING && talkie_render_job_get_project_id (job) != NULL)
    {
      /* Translators: a render's progress and its project id, "Rendering the video… (p-1)" */
      char *with_id = g_strdup_printf (_("%s (%s)"), line, talkie_render_job_get_project_id (job));

      g_free (line);
      line = with_id;
    }

  talkie_cli_show_progress (self, line);
}

void
talkie_cli_follow_job (TalkieCli *self,
                       gboolean   print_failed)
{
  static const char * const watched[] = {
    "notify::state", "notify::progress", "notify::project-id", "notify::project", "notify::stalled",
  };
  guint poll_ms;

  g_assert (TALKIE_IS_RENDER_JOB (self->job));

  self->print_failed = print_failed;

  /* For tests and the impatient sandbox: the default backs off from 3 s. */
  poll_ms = talkie_cli_env_uint ("TALKIE_POLL_INTERVAL_MS", 0);
  if (poll_ms > 0)
    talkie_render_job_set_poll_interval (self->job, poll_ms, poll_ms * 4);

  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect (self->job, watched[i], G_CALLBACK (follow_job_changed_cb), self);

  /* A job from the history may have ended already. */
  if (talkie_job_state_is_final (talkie_render_job_get_state (self->job)))
    {
      follow_job_finished (self);
      return;
    }

  talkie_render_job_start (self->job);
}

/* ------------------------------------------------------------------------- */
/* Where the video goes                                                      */

void
talkie_cli_add_output_entries (TalkieCli      *self,
                               GOptionContext *context,
                               gboolean        implies_wait)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &self->output,
      implies_wait ? N_("Save the finished video to FILE, or - for stdout (implies --wait)")
                   : N_("Save the video to FILE, or - for stdout"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &self->force,
      N_("Replace the --output file if it exists"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

int
talkie_cli_check_output (TalkieCli *self)
{
  if (self->output == NULL)
    return 0;

  if (self->output[0] == '\0')
    return talkie_cli_usage_error (self, _("The --output file name is empty."));

  if (g_str_equal (self->output, "-"))
    {
      if (self->json)
        return talkie_cli_usage_error (self, _("With --output - the video goes to stdout: leave out --json."));
      if (isatty (STDOUT_FILENO))
        return talkie_cli_usage_error (self, _("--output - writes the video to stdout, which is a terminal here: redirect it to a file or a pipe."));

      self->output_to_stdout = TRUE;
      return 0;
    }

  self->output_file = g_file_new_for_commandline_arg (self->output);

  if (!self->force &&
      g_file_query_file_type (self->output_file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
    {
      g_autofree char *name = g_file_get_parse_name (self->output_file);
      g_autofree char *clean = talkie_cli_sanitize (name);
      g_autofree char *message = g_strdup_printf (_("“%s” already exists. Add --force to replace it, or choose another --output file."), clean);

      return talkie_cli_usage_error (self, message);
    }

  return 0;
}

gboolean
talkie_cli_check_output_folder (TalkieCli  *self,
                                GError    **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  /* -o -: the video is checked whole in a folder of our own, then copied out. */
  if (self->output_to_stdout)
    {
      g_autoptr(GError) local_error = NULL;

      if (!(self->stdout_dir = g_dir_make_tmp ("talkie-cli-XXXXXX", &local_error)))
        {
          g_set_error (error, G_IO_ERROR, local_error->code,
                       _("No temporary folder for the video: %s."), local_error->message);
          return FALSE;
        }
      self->output_file = g_file_new_build_filename (self->stdout_dir, "video", NULL);
      return TRUE;
    }

  if (self->output_file == NULL)
    return TRUE;

  name = g_file_get_parse_name (self->output_file);

  if (g_file_query_file_type (self->output_file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder. Give --output a file name, such as %s/video.mp4."),
                   name, name);
      return FALSE;
    }

  parent = g_file_get_parent (self->output_file);
  if (parent != NULL &&
      g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *parent_name = g_file_get_parse_name (parent);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist, so the video could not be saved there. Create it or choose another --output file."),
                   parent_name);
      return FALSE;
    }

  /* The video is first written beside its final name: try that now, before
   * a recording is uploaded and a render paid for. */
  if (parent != NULL)
    {
      g_autofree char *dir = g_file_get_path (parent);
      g_autofree char *probe = dir ? g_build_filename (dir, ".talkie-cli-XXXXXX", NULL) : NULL;
      int fd = probe ? g_mkstemp (probe) : -1;

      if (fd < 0)
        {
          g_autofree char *parent_name = g_file_get_parse_name (parent);
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("The video could not be saved in “%s” (%s). Choose another --output file."),
                       parent_name, g_strerror (saved_errno));
          return FALSE;
        }

      close (fd);
      g_unlink (probe);
    }

  return TRUE;
}
