/* talkie-cli-download.c: “talkie-cli download PROJECT_ID”, the video of a
 * finished render saved to a file or stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <string.h>

#include <glib/gi18n.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

static void
download_add_entries (TalkieCli      *self,
                      GOptionContext *context)
{
  talkie_cli_add_output_entries (self, context, FALSE);
  talkie_cli_add_json_entry (self, context);
}

static int
download_check (TalkieCli *self)
{
  int status;

  if ((status = talkie_cli_check_project_id (self)) != 0)
    return status;

  /* The fields are printed, not only the id. */
  self->wait = TRUE;

  /* Without --output the file is named when the video's address is known. */
  return talkie_cli_check_output (self);
}

/* PROJECT_ID.mp4, or .webm... as the video's address says, in the current
 * folder. The id is safe as a file name (talkie_cli_check_project_id()). */
static int
download_name_output (TalkieCli  *self,
                      const char *video_url)
{
  static const char * const known[] = { "mp4", "webm", "mov", "mkv" };
  g_autoptr(GUri) uri = g_uri_parse (video_url, G_URI_FLAGS_NONE, NULL);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;
  const char *extension = "mp4";

  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (dot + 1, known[i]) == 0)
      extension = known[i];

  self->output = g_strconcat (self->project_id, ".", extension, NULL);
  return talkie_cli_check_output (self);
}

static void
download_saved (TalkieCli *self)
{
  talkie_cli_end_progress (self);
  talkie_cli_print_result (self, self->project_id, self->project, NULL);
  talkie_cli_done (self, EXIT_SUCCESS);
}

static void
download_got_project_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GError) error = NULL;
  TalkieProjectStatus status;
  const char *video_url;

  self->project = talkie_client_get_project_finish (TALKIE_CLIENT (object), result, &error);
  if (self->project == NULL)
    {
      if (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_RECORD_NOT_FOUND))
        {
          g_autofree char *message =
            g_strdup_printf (_("The server knows no render with the id “%s”. “talkie-cli renders” lists yours."),
                             self->project_id);

          talkie_cli_fail_message (self, message);
        }
      else
        talkie_cli_fail (self, error);
      return;
    }

  status = talkie_project_get_status (self->project);
  if (status == TALKIE_PROJECT_STATUS_FAILED || status == TALKIE_PROJECT_STATUS_DELETED)
    {
      g_autofree char *message = talkie_cli_failure_message (self->project_id, self->project);

      talkie_cli_fail_message (self, message);
      return;
    }

  if (status != TALKIE_PROJECT_STATUS_SUCCESS)
    {
      g_autofree char *message =
        /* TRANSLATORS: %1$s is a project id, %2$s its status ("processing") */
        g_strdup_printf (_("The render %1$s is not finished yet (%2$s). Wait for it with “talkie-cli status %1$s --wait”, or render and save at once with “talkie-cli render --output”."),
                         self->project_id, talkie_format_project_status (status));

      talkie_cli_fail_message (self, message);
      return;
    }

  video_url = talkie_project_get_video_url (self->project);
  if (self->output == NULL && video_url != NULL)
    {
      g_autoptr(GError) folder_error = NULL;
      int usage_status = download_name_output (self, video_url);

      if (usage_status != 0)
        {
          talkie_cli_done (self, usage_status);
          return;
        }
      if (!talkie_cli_check_output_folder (self, &folder_error))
        {
          talkie_cli_fail (self, folder_error);
          return;
        }
    }

  talkie_cli_download_video (self, self->project_id, video_url, download_saved);
}

static void
download_start (TalkieCli *self)
{
  g_autoptr(GError) error = NULL;

  if (!talkie_cli_check_output_folder (self, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  talkie_client_get_project_async (self->client,
                                   self->project_id,
                                   self->cancellable,
                                   download_got_project_cb,
                                   self);
}

const TalkieCliCommand talkie_cli_download_command = {
  "download", N_("PROJECT_ID"), N_("Save the video of a finished render"),
  1, download_add_entries, download_check, download_start, FALSE,
};
