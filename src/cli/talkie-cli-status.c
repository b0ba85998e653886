/* talkie-cli-status.c: “talkie-cli status PROJECT_ID”, a render as the server
 * sees it, as labelled fields or JSON; with --wait, followed to its end.
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
  const GOptionEntry entries[] = {
    { "wait", 0, 0, G_OPTION_ARG_NONE, &self->wait,
      N_("Follow the render until it ends, showing progress on stderr"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  talkie_cli_add_json_entry (self, context);
}

static int
status_check (TalkieCli *self)
{
  return talkie_cli_check_project_id (self);
}

/* A failed or deleted render is not a success: its fields on stdout, the
 * service's reason on stderr, exit status 1. */
static void
status_print (TalkieCli     *self,
              TalkieProject *project)
{
  TalkieProjectStatus status = talkie_project_get_status (project);
  gboolean failed = status == TALKIE_PROJECT_STATUS_FAILED || status == TALKIE_PROJECT_STATUS_DELETED;
  g_autofree char *reason = failed ? talkie_cli_failure_message (self->project_id, project) : NULL;

  if (self->json)
    {
      g_autoptr(JsonNode) node = talkie_cli_project_to_json (self->project_id, project, reason, NULL);

      talkie_cli_print_json (node);
    }
  else
    talkie_cli_print_project (project, NULL);

  if (failed)
    talkie_cli_fail_message (self, reason);
  else
    talkie_cli_done (self, EXIT_SUCCESS);
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

  status_print (self, project);
}

/* A render this computer started is followed as the history knows it (and
 * saved there, for the app); any other from its id alone. */
static TalkieRenderJob *
status_job_for (TalkieCli  *self,
                GError    **error)
{
  g_autoptr(JsonObject) saved = json_object_new ();
  TalkieRenderJob *known;

  self->history = talkie_cli_load_history (self);
  if (self->history != NULL &&
      (known = talkie_history_find (self->history, self->project_id)) != NULL)
    return g_object_ref (known);

  json_object_set_int_member (saved, "version", 1);
  json_object_set_string_member (saved, "state", "rendering");
  json_object_set_string_member (saved, "project_id", self->project_id);
  json_object_set_int_member (saved, "created_at", g_get_real_time () / G_USEC_PER_SEC);

  return talkie_render_job_new_from_json (self->client, saved, error);
}

static void
status_start (TalkieCli *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->wait)
    {
      talkie_client_get_project_async (self->client,
                                       self->project_id,
                                       self->cancellable,
                                       status_got_project_cb,
                                       self);
      return;
    }

  if (!(self->job = status_job_for (self, &error)))
    {
      g_autofree char *clean = talkie_cli_sanitize (self->project_id);
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a project id. Use the id that “talkie-cli render” or “talkie-cli renders” printed."),
                         clean);

      g_debug ("%s", error->message);
      talkie_cli_fail_message (self, message);
      return;
    }

  talkie_cli_follow_job (self, TRUE);
}

const TalkieCliCommand talkie_cli_status_command = {
  "status", N_("PROJECT_ID"), N_("Show a render’s status"),
  1, status_add_entries, status_check, status_start, FALSE,
};
