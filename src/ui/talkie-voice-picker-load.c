/* talkie-voice-picker-load.c: the voices of a source, asked for and sorted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <string.h>

#include "talkie-voice-picker-private.h"

typedef struct
{
  TalkieVoicePicker *self;
  guint              generation;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_free (data);
}

typedef struct
{
  char        *key;
  TalkieVoice *voice;
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  const SortEntry *ea = a;
  const SortEntry *eb = b;

  return strcmp (ea->key, eb->key);
}

static void
finish_loading (TalkieVoicePicker *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree SortEntry *entries = NULL;
  g_autofree gpointer *items = NULL;
  guint n = 0;

  g_assert (TALKIE_IS_VOICE_PICKER (self));

  self->loading = FALSE;

  if (self->load_error == NULL)
    {
      entries = g_new0 (SortEntry, self->incoming->len + 1);
      for (guint i = 0; i < self->incoming->len; i++)
        {
          TalkieVoice *voice = g_ptr_array_index (self->incoming, i);
          const char *id = talkie_voice_get_id (voice);
          const char *name = talkie_voice_get_name (voice);

          if (id != NULL && !g_hash_table_add (seen, (gpointer)id))
            continue;

          entries[n].key = g_utf8_collate_key (name ? name : "", -1);
          entries[n].voice = voice;
          n++;
        }

      qsort (entries, n, sizeof (SortEntry), compare_sort_entries);

      items = g_new0 (gpointer, n + 1);
      for (guint i = 0; i < n; i++)
        {
          items[i] = entries[i].voice;
          g_free (entries[i].key);
        }

      g_list_store_splice (self->voices, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->voices)),
                           items, n);
    }

  g_ptr_array_set_size (self->incoming, 0);

  talkie_voice_picker_rebuild_languages (self);
  talkie_voice_picker_update_page (self);
}

static void
voices_listed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LoadData *data = user_data;
  TalkieVoicePicker *self = data->self;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (TALKIE_IS_VOICE_PICKER (self));

  model = talkie_client_list_voices_finish (TALKIE_CLIENT (object), result, &error);

  if (data->generation != self->generation)
    {
      load_data_free (data);
      return;
    }

  if (model == NULL)
    {
      if (self->load_error == NULL)
        self->load_error = g_steal_pointer (&error);
    }
  else
    {
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->incoming, g_list_model_get_item (model, i));
    }

  g_assert (self->pending > 0);
  self->pending--;
  if (self->pending == 0)
    finish_loading (self);

  load_data_free (data);
}

static void
start_request (TalkieVoicePicker *self,
               TalkieGender       gender)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->self = g_object_ref (self);
  data->generation = self->generation;
  self->pending++;

  talkie_client_list_voices_async (self->client,
                                   self->source,
                                   gender,
                                   self->cancellable,
                                   voices_listed_cb,
                                   data);
}

void
talkie_voice_picker_reload (TalkieVoicePicker *self)
{
  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);
  g_ptr_array_set_size (self->incoming, 0);
  self->generation++;
  self->pending = 0;
  self->loading = FALSE;

  /* The chosen voice stays chosen (a filter or another source only hides it). */
  g_list_store_remove_all (self->voices);
  talkie_voice_picker_rebuild_languages (self);

  if (self->client != NULL)
    {
      self->cancellable = g_cancellable_new ();
      self->loading = TRUE;

      if (self->source == TALKIE_SOURCE_PUBLIC)
        {
          /* The reply has no gender: ask for each to know every voice's. */
          start_request (self, TALKIE_GENDER_FEMALE);
          start_request (self, TALKIE_GENDER_MALE);
        }
      else
        start_request (self, TALKIE_GENDER_ANY);
    }

  talkie_voice_picker_update_page (self);
}

