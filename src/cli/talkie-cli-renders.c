/* talkie-cli-renders.c: “talkie-cli renders”, the renders this computer made,
 * with the app or with talkie-cli: the history the app's Renders page shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <glib/gi18n.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

static void
renders_add_entries (TalkieCli      *self,
                     GOptionContext *context)
{
  talkie_cli_add_json_entry (self, context);
}

static int
renders_check (TalkieCli *self)
{
  if (self->use_sandbox)
    return talkie_cli_usage_error (self, _("The built-in sandbox keeps no renders after it stops: renders lists those made with a server."));

  return 0;
}

static const char *
job_state_nick (TalkieRenderJob *job)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (TALKIE_TYPE_JOB_STATE);
  GEnumValue *value = g_enum_get_value (klass, talkie_render_job_get_state (job));

  /* Nicks are static strings of the type, which stays registered. */
  return value != NULL ? value->value_nick : "unknown";
}

static void
add_job_members (JsonBuilder *builder,
                 gpointer     item)
{
  TalkieRenderJob *job = item;
  gboolean failed = talkie_render_job_get_state (job) == TALKIE_JOB_STATE_FAILED;

  talkie_cli_add_project_members (builder,
                                  talkie_render_job_get_project_id (job),
                                  talkie_render_job_get_project (job),
                                  failed ? talkie_render_job_get_error_message (job) : NULL,
                                  NULL);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, job_state_nick (job));
  talkie_cli_add_string_member (builder, "avatar", talkie_render_job_get_avatar_name (job));
  talkie_cli_add_string_member (builder, "voice", talkie_render_job_get_voice_name (job));
  talkie_cli_add_string_member (builder, "audio", talkie_render_job_get_audio_name (job));
}

static JsonNode *
renders_to_json (GListModel *jobs)
{
  return talkie_cli_list_to_json (jobs, add_job_members);
}

static GStrv
renders_row (gpointer item)
{
  TalkieRenderJob *job = item;
  GStrv row = g_new0 (char *, 6);
  g_autoptr(GDateTime) when = NULL;

  if (talkie_render_job_get_created_at (job) > 0)
    when = g_date_time_new_from_unix_local (talkie_render_job_get_created_at (job));

  row[0] = g_strdup (talkie_render_job_get_project_id (job) != NULL
                     ? talkie_render_job_get_project_id (job) : "-");
  row[1] = g_strdup (job_state_nick (job));
  row[2] = g_strdup (talkie_render_job_get_avatar_name (job) != NULL
                     ? talkie_render_job_get_avatar_name (job) : "-");
  row[3] = g_strdup (talkie_render_job_get_voice_name (job) != NULL
                     ? talkie_render_job_get_voice_name (job) : "-");
  row[4] = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("-");

  return row;
}

static void
renders_start (TalkieCli *self)
{
  const char *headers[] = { C_("column", "ID"), C_("column", "STATE"), C_("column", "AVATAR"),
                            C_("column", "VOICE"), C_("column", "CREATED") };

  self->history = talkie_cli_load_history (self);
  talkie_cli_print_list (self, G_LIST_MODEL (self->history), renders_to_json,
                         headers, G_N_ELEMENTS (headers), renders_row,
                         _("No renders yet. Start one with “talkie-cli render” or in Talkie.\n"));
  talkie_cli_done (self, EXIT_SUCCESS);
}

const TalkieCliCommand talkie_cli_renders_command = {
  "renders", NULL, N_("List the renders made on this computer, with Talkie or talkie-cli"),
  0, renders_add_entries, renders_check, renders_start, FALSE,
};
