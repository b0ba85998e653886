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

static const char *
gender_name (TalkieGender gender)
{
  switch (gender)
    {
    case TALKIE_GENDER_FEMALE:
      return "female";
    case TALKIE_GENDER_MALE:
      return "male";
    case TALKIE_GENDER_ANY:
    default:
      return NULL;
    }
}

static GStrv
voices_row (gpointer item)
{
  TalkieVoice *voice = item;
  GStrv row = g_new0 (char *, 6);
  const char *gender = gender_name (talkie_voice_get_gender (voice));

  row[0] = g_strdup (talkie_voice_get_id (voice));
  row[1] = g_strdup (talkie_voice_get_name (voice));
  row[2] = g_strdup (gender != NULL ? gender : "-");
  /* In the reader's language ("Französisch"); --json keeps the server's. */
  row[3] = talkie_voice_get_language (voice) != NULL
           ? talkie_language_dup_display_name (talkie_voice_get_language (voice))
           : g_strdup ("-");
  row[4] = g_strdup (talkie_voice_get_audition_url (voice) != NULL
                     ? talkie_voice_get_audition_url (voice) : "-");

  return row;
}

/* The service tells a voice's gender only by the list it is in: the whole
 * list gets the genders of the female and the male lists. */
static GListModel *
voices_with_genders (TalkieCli  *self,
                     GListModel *voices)
{
  GListStore *store = g_list_store_new (TALKIE_TYPE_VOICE);
  guint n = g_list_model_get_n_items (voices);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (voices, i);
      TalkieGender gender = GPOINTER_TO_INT (g_hash_table_lookup (self->voice_genders,
                                                                  talkie_voice_get_id (voice)));
      g_autoptr(TalkieVoice) copy = NULL;

      if (gender == TALKIE_GENDER_ANY || talkie_voice_get_gender (voice) != TALKIE_GENDER_ANY)
        {
          g_list_store_append (store, voice);
          continue;
        }

      copy = talkie_voice_new (talkie_voice_get_id (voice), talkie_voice_get_name (voice),
                               talkie_voice_get_language (voice),
                               talkie_voice_get_audition_url (voice),
                               talkie_voice_get_source (voice), gender);
      g_list_store_append (store, copy);
    }

  return G_LIST_MODEL (store);
}

static void
voices_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TalkieCli *self = user_data;
  const char *headers[] = { C_("column", "ID"), C_("column", "NAME"), C_("column", "GENDER"),
                            C_("column", "LANGUAGE"), C_("column", "AUDITION") };
  g_autoptr(GListModel) voices = talkie_cli_finish_list (self, talkie_client_list_voices_finish,
                                                         object, result);
  g_autoptr(GListModel) shown = NULL;

  if (voices == NULL)
    return;

  shown = self->voice_genders != NULL ? voices_with_genders (self, voices) : g_object_ref (voices);
  talkie_cli_print_list (self, shown, talkie_cli_voices_to_json,
                         headers, G_N_ELEMENTS (headers), voices_row,
                         self->mine ? _("You have no voices of your own yet.\n")
                                    : _("The server lists no voices for this choice.\n"));
  talkie_cli_done (self, EXIT_SUCCESS);
}

static void voices_gender_listed_cb (GObject      *object,
                                     GAsyncResult *result,
                                     gpointer      user_data);

/* For all public voices: the female list, then the male one (their genders
 * kept), then the whole list. Else the one list asked for. */
static void
voices_list_next (TalkieCli *self)
{
  static const TalkieGender steps[] = { TALKIE_GENDER_FEMALE, TALKIE_GENDER_MALE };
  gboolean gender_step = self->voice_genders != NULL && self->voices_step < G_N_ELEMENTS (steps);
  TalkieGender gender = gender_step ? steps[self->voices_step++] : self->gender;

  talkie_client_list_voices_async (self->client,
                                   self->mine ? TALKIE_SOURCE_MINE : TALKIE_SOURCE_PUBLIC,
                                   gender,
                                   self->cancellable,
                                   gender_step ? voices_gender_listed_cb : voices_listed_cb,
                                   self);
}

static void
voices_gender_listed_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GListModel) voices = talkie_cli_finish_list (self, talkie_client_list_voices_finish,
                                                         object, result);
  guint n;

  if (voices == NULL)
    return;

  n = g_list_model_get_n_items (voices);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (voices, i);

      g_hash_table_insert (self->voice_genders, g_strdup (talkie_voice_get_id (voice)),
                           GINT_TO_POINTER (talkie_voice_get_gender (voice)));
    }

  voices_list_next (self);
}

static void
voices_start (TalkieCli *self)
{
  /* Your own voices the service files under no gender. */
  if (!self->mine && self->gender == TALKIE_GENDER_ANY)
    self->voice_genders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  voices_list_next (self);
}

const TalkieCliCommand talkie_cli_voices_command = {
  "voices", NULL, N_("List the voices"),
  0, voices_add_entries, voices_check, voices_start, FALSE,
};
