/* talkie-cli-status.c: “talkie-cli status PROJECT_ID”, a render as the server
 * sees it, as labelled fields or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <glib/gi18n.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

static void
status_add_entries (TalkieCli      *self,
                    GOptionContext *context)
{
  talkie_cli_add_json_entry (self, context);
}

static int
status_check (TalkieCli *self)
{
  g_assert (self->project_id != NULL);

  if (self->project_id[0] == '\0')
    return talkie_cli_usage_error (self, _("The project id is empty."));

  return 0;
}

static void
status_got_project_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(TalkieProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = talkie_client_get_project_finish (TALKIE_CLIENT (object), result, &error);
  if (project == NULL)
    {
      if (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_RECORD_NOT_FOUND))
        {
          g_autofree char *clean = talkie_cli_sanitize (self->project_id);
          g_autofree char *message =
            g_strdup_printf (_("The server knows no render with the id “%s”. Check the id that “talkie-cli render” printed."),
                             clean);

          talkie_cli_fail_message (self, message);
        }
      else
        talkie_cli_fail (self, error);
      return;
    }

  if (self->json)
    {
      g_autoptr(JsonNode) node = talkie_cli_project_to_json (project);

      talkie_cli_print_json (node);
    }
  else
    talkie_cli_print_project (project, NULL);

  talkie_cli_done (self, EXIT_SUCCESS);
}

static void
status_start (TalkieCli *self)
{
  talkie_client_get_project_async (self->client,
                                   self->project_id,
                                   self->cancellable,
                                   status_got_project_cb,
                                   self);
}

const TalkieCliCommand talkie_cli_status_command = {
  "status", N_("PROJECT_ID"), N_("Show a render’s status"),
  1, status_add_entries, status_check, status_start,
};
