/* talkie-cli-voices.c: “talkie-cli voices”, the public voices or your own, of
 * one gender or all, as a table or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <glib/gi18n.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

static void
voices_add_entries (TalkieCli      *self,
                    GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "mine", 0, 0, G_OPTION_ARG_NONE, &self->mine,
      N_("List your own voices instead of the public ones"), NULL },
    { "gender", 0, 0, G_OPTION_ARG_STRING, &self->gender_str,
      N_("Only voices of this gender: female or male"), N_("GENDER") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  talkie_cli_add_json_entry (self, context);
}

static int
voices_check (TalkieCli *self)
{
  self->gender = TALKIE_GENDER_ANY;

  if (self->gender_str == NULL)
    return 0;

  if (g_ascii_strcasecmp (self->gender_str, "female") == 0)
    self->gender = TALKIE_GENDER_FEMALE;
  else if (g_ascii_strcasecmp (self->gender_str, "male") == 0)
    self->gender = TALKIE_GENDER_MALE;
  else
    {
      g_autofree char *clean = talkie_cli_sanitize (self->gender_str);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a gender the service knows: use female or male."), clean);

      return talkie_cli_usage_error (self, message);
    }

  return 0;
}

static GStrv
voices_row (gpointer item)
{
  TalkieVoice *voice = item;
  GStrv row = g_new0 (char *, 5);

  row[0] = g_strdup (talkie_voice_get_id (voice));
  row[1] = g_strdup (talkie_voice_get_name (voice));
  row[2] = g_strdup (talkie_voice_get_language (voice) != NULL
                     ? talkie_voice_get_language (voice) : "-");
  row[3] = g_strdup (talkie_voice_get_audition_url (voice) != NULL
                     ? talkie_voice_get_audition_url (voice) : "-");

  return row;
}

static void
voices_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TalkieCli *self = user_data;
  const char *headers[] = { C_("column", "ID"), C_("column", "NAME"), C_("column", "LANGUAGE"), C_("column", "AUDITION") };
  g_autoptr(GListModel) voices = NULL;
  g_autoptr(GError) error = NULL;

  voices = talkie_client_list_voices_finish (TALKIE_CLIENT (object), result, &error);
  if (voices == NULL)
    {
      talkie_cli_fail (self, error);
      return;
    }

  talkie_cli_print_list (self, voices, talkie_cli_voices_to_json,
                         headers, G_N_ELEMENTS (headers), voices_row,
                         self->mine ? _("You have no voices of your own yet.\n")
                                    : _("The server lists no voices for this choice.\n"));
  talkie_cli_done (self, EXIT_SUCCESS);
}

static void
voices_start (TalkieCli *self)
{
  talkie_client_list_voices_async (self->client,
                                   self->mine ? TALKIE_SOURCE_MINE : TALKIE_SOURCE_PUBLIC,
                                   self->gender,
                                   self->cancellable,
                                   voices_listed_cb,
                                   self);
}

const TalkieCliCommand talkie_cli_voices_command = {
  "voices", NULL, N_("List the voices"),
  0, voices_add_entries, voices_check, voices_start,
};
