/* talkie-cli-avatars.c: “talkie-cli avatars”, the public avatars or your own,
 * as a table or JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <glib/gi18n.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

static void
avatars_add_entries (TalkieCli      *self,
                     GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "mine", 0, 0, G_OPTION_ARG_NONE, &self->mine,
      N_("List your own instant avatars instead of the public ones"), NULL },
    { "aspect", 0, 0, G_OPTION_ARG_STRING, &self->aspect_str,
      N_("Aspect ratio: 9:16 (the default), 16:9 or 1:1"), N_("RATIO") },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  talkie_cli_add_json_entry (self, context);
}

static int
avatars_check (TalkieCli *self)
{
  return talkie_cli_check_aspect (self);
}

static GStrv
avatars_row (gpointer item)
{
  TalkieAvatar *avatar = item;
  GStrv row = g_new0 (char *, 4);

  row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, talkie_avatar_get_id (avatar));
  row[1] = g_strdup (talkie_avatar_get_name (avatar));
  row[2] = g_strdup (talkie_avatar_get_cover_url (avatar) != NULL
                     ? talkie_avatar_get_cover_url (avatar) : "-");

  return row;
}

static void
avatars_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TalkieCli *self = user_data;
  const char *headers[] = { C_("column", "ID"), C_("column", "NAME"), C_("column", "COVER") };
  g_autoptr(GListModel) avatars = NULL;
  g_autoptr(GError) error = NULL;

  avatars = talkie_client_list_avatars_finish (TALKIE_CLIENT (object), result, &error);
  if (avatars == NULL)
    {
      talkie_cli_fail (self, error);
      return;
    }

  talkie_cli_print_list (self, avatars, talkie_cli_avatars_to_json,
                         headers, G_N_ELEMENTS (headers), avatars_row,
                         self->mine ? _("You have no avatars of your own yet.\n")
                                    : _("The server lists no avatars for this aspect ratio.\n"));
  talkie_cli_done (self, EXIT_SUCCESS);
}

static void
avatars_start (TalkieCli *self)
{
  talkie_client_list_avatars_async (self->client,
                                    self->mine ? TALKIE_SOURCE_MINE : TALKIE_SOURCE_PUBLIC,
                                    self->aspect,
                                    self->cancellable,
                                    avatars_listed_cb,
                                    self);
}

const TalkieCliCommand talkie_cli_avatars_command = {
  "avatars", NULL, N_("List the avatars"),
  0, avatars_add_entries, avatars_check, avatars_start, FALSE,
};
