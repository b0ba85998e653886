/* talkie-history-merge.c: one history file, several writers. talkie-cli and
 * the app (or two Talkies) save the same file: before each save the file is
 * read again and what another process added or changed is kept, and a
 * running history watches the file, so that a render started in a terminal
 * shows in the app at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>

#include "talkie-error.h"
#include "talkie-history-private.h"
#include "talkie-json.h"

GPtrArray *
_talkie_history_parse (TalkieHistory  *self,
                       const char     *contents,
                       gsize           length,
                       gboolean        warn,
                       const char    **reason,
                       GPtrArray     **entries)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *root_object;
  JsonArray *array;
  JsonNode *node;

  /* The depth is checked first: json-glib would overflow the stack on a
   * deeply nested file, on every start. */
  if (!(root = talkie_json_parse (contents, length, NULL)))
    {
      *reason = _("it is not JSON");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      *reason = _("it is not a list of renders");
      return NULL;
    }

  root_object = json_node_get_object (root);
  node = json_object_get_member (root_object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) != HISTORY_JSON_VERSION)
    {
      *reason = _("it is not a list of renders, or one from a newer Talkie");
      return NULL;
    }

  node = json_object_get_member (root_object, "jobs");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      *reason = _("it is not a list of renders");
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GError) job_error = NULL;
      TalkieRenderJob *job = NULL;

      if (JSON_NODE_HOLDS_OBJECT (element))
        job = talkie_render_job_new_from_json (self->client, json_node_get_object (element), &job_error);
      else
        g_set_error_literal (&job_error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                             _("A saved render could not be read: it is not an object."));

      if (job == NULL)
        {
          if (warn)
            g_warning ("Render %u of the history was skipped: %s", i + 1, job_error->message);
          continue;
        }

      g_ptr_array_add (jobs, job);
      g_ptr_array_add (objects, json_object_ref (json_node_get_object (element)));
    }

  if (entries != NULL)
    *entries = g_steal_pointer (&objects);

  return g_steal_pointer (&jobs);
}

/* A render the server never accepted has no project id: it is known by when
 * it was made, from which avatar and recording. */
static char *
local_key (gint64      created_at,
           gint64      avatar_id,
           const char *audio_name)
{
  return g_strdup_printf ("local:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s",
                          created_at, avatar_id, audio_name != NULL ? audio_name : "");
}

static char *
job_local_key (TalkieRenderJob *job)
{
  gint64 avatar_id = 0;

  g_object_get (job, "avatar-id", &avatar_id, NULL);

  return local_key (talkie_render_job_get_created_at (job), avatar_id,
                    talkie_render_job_get_audio_name (job));
}

/* A member that may be missing or null (json-glib's getter is critical then). */
static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The key of a saved entry, as _talkie_history_job_key() of its job. */
static char *
entry_key (JsonObject *entry)
{
  const char *project_id = json_object_get_string_member_with_default (entry, "project_id", NULL);
  JsonObject *avatar = object_member (entry, "avatar");
  JsonObject *audio = object_member (entry, "audio");

  if (project_id != NULL)
    return g_strdup (project_id);

  /* The parse checked the members' types. */
  return local_key (json_object_get_int_member_with_default (entry, "created_at", 0),
                    avatar ? json_object_get_int_member_with_default (avatar, "id", 0) : 0,
                    audio ? json_object_get_string_member_with_default (audio, "name", NULL) : NULL);
}

char *
_talkie_history_job_key (TalkieRenderJob *job)
{
  if (talkie_render_job_get_project_id (job) != NULL)
    return g_strdup (talkie_render_job_get_project_id (job));

  return job_local_key (job);
}

TalkieRenderJob *
_talkie_history_find_key (TalkieHistory *self,
                          const char    *key)
{
  for (guint i = 0; i < self->jobs->len; i++)
    {
      TalkieRenderJob *job = g_ptr_array_index (self->jobs, i);
      g_autofree char *job_key = _talkie_history_job_key (job);

      if (g_strcmp0 (job_key, key) == 0)
        return job;
    }

  return NULL;
}

static gboolean
steal_into_seen_cb (gpointer key,
                    gpointer value,
                    gpointer user_data)
{
  g_hash_table_add (user_data, key);
  return TRUE;
}

void
_talkie_history_set_seen (TalkieHistory *self,
                          GPtrArray     *entries)
{
  g_hash_table_remove_all (self->seen);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    g_hash_table_add (self->seen, entry_key (g_ptr_array_index (entries, i)));
}

GPtrArray *
_talkie_history_merge_from_file (TalkieHistory *self)
{
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *contents = NULL;
  const char *reason = NULL;
  gsize length = 0;

  /* A file that cannot be read adds nothing: the next load reports it. */
  if (!g_file_load_contents (self->file, NULL, &contents, &length, NULL, NULL) ||
      !(saved = _talkie_history_parse (self, contents, length, FALSE, &reason, &entries)))
    return NULL;

  /* Removed by another process since this one last read or wrote the file:
   * removed here too, unless changed here meanwhile. */
  {
    g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < entries->len; i++)
      g_hash_table_add (in_file, entry_key (g_ptr_array_index (entries, i)));

    for (guint i = self->jobs->len; i > 0; i--)
      {
        TalkieRenderJob *job = g_ptr_array_index (self->jobs, i - 1);
        g_autofree char *key = _talkie_history_job_key (job);

        if (g_hash_table_contains (self->seen, key) &&
            !g_hash_table_contains (in_file, key) &&
            !g_hash_table_contains (self->dirty, job))
          _talkie_history_drop_removed (self, job);
      }

    g_hash_table_remove_all (self->seen);
    g_hash_table_foreach_steal (in_file, steal_into_seen_cb, self->seen);
  }

  for (guint i = 0; i < saved->len; i++)
    {
      TalkieRenderJob *job = g_ptr_array_index (saved, i);
      const char *project_id = talkie_render_job_get_project_id (job);

      /* A render the server never accepted stays with the process that
       * made it: elsewhere it could only be shown as interrupted. */
      if (project_id == NULL ||
          _talkie_history_find_key (self, project_id) != NULL ||
          g_hash_table_contains (self->forgotten, project_id))
        continue;

      g_debug ("Render %s merged from %s", project_id, g_file_peek_path (self->file));
      _talkie_history_insert_merged (self, job);
    }

  return g_steal_pointer (&entries);
}

/* The entry of @entries that is @job: the same project id, or, for an entry
 * saved before the server accepted it, the same local key. */
static int
find_entry (GPtrArray       *entries,
            TalkieRenderJob *job)
{
  const char *project_id = talkie_render_job_get_project_id (job);
  g_autofree char *job_local = job_local_key (job);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (entries, i);
      const char *entry_id = json_object_get_string_member_with_default (entry, "project_id", NULL);
      g_autofree char *key = NULL;

      if (entry_id != NULL)
        {
          if (g_strcmp0 (entry_id, project_id) == 0)
            return i;
          continue;
        }

      key = entry_key (entry);
      if (g_str_equal (key, job_local))
        return i;
    }

  return -1;
}

static void
add_object (JsonBuilder *builder,
            JsonObject  *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  json_builder_add_value (builder, node);
}

void
_talkie_history_add_entries (TalkieHistory *self,
                             JsonBuilder   *builder,
                             GPtrArray     *entries)
{
  g_autofree gboolean *used = g_new0 (gboolean, entries != NULL ? entries->len + 1 : 1);

  /* What this write leaves in the file (see _talkie_history_merge_from_file()). */
  g_hash_table_remove_all (self->seen);

  for (guint i = 0; i < self->jobs->len; i++)
    {
      TalkieRenderJob *job = g_ptr_array_index (self->jobs, i);
      int found = find_entry (entries, job);

      if (found >= 0)
        used[found] = TRUE;
      g_hash_table_add (self->seen, _talkie_history_job_key (job));

      /* Unchanged here: what the file holds may be newer (another process
       * followed the render to its end). */
      if (found >= 0 && !g_hash_table_contains (self->dirty, job))
        add_object (builder, json_object_ref (g_ptr_array_index (entries, found)));
      else
        add_object (builder, talkie_render_job_to_json (job));
    }

  /* Another process's renders the server never accepted, unless removed here. */
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (entries, i);

      if (!used[i] && !json_object_get_string_member_with_default (entry, "project_id", NULL))
        {
          g_autoptr(TalkieRenderJob) job = talkie_render_job_new_from_json (self->client, entry, NULL);
          g_autofree char *key = job ? _talkie_history_job_key (job) : NULL;

          if (key != NULL && !g_hash_table_contains (self->forgotten, key))
            {
              add_object (builder, json_object_ref (entry));
              g_hash_table_add (self->seen, g_steal_pointer (&key));
            }
        }
    }
}

static gboolean
merge_idle_cb (gpointer user_data)
{
  TalkieHistory *self = user_data;
  g_autoptr(GPtrArray) entries = NULL;

  g_clear_pointer (&self->merge_source, g_source_unref);
  entries = _talkie_history_merge_from_file (self);

  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 gpointer           user_data)
{
  TalkieHistory *self = user_data;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT &&
      event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN &&
      event != G_FILE_MONITOR_EVENT_RENAMED)
    return;

  /* A save is a rename into place: one read for a burst of events. */
  if (self->merge_source != NULL)
    return;

  self->merge_source = g_idle_source_new ();
  g_source_set_name (self->merge_source, "[talkie] merge history");
  /* The history destroys the source before it goes away. */
  g_source_set_callback (self->merge_source, merge_idle_cb, self, NULL);
  g_source_attach (self->merge_source, g_main_context_get_thread_default ());
}

void
_talkie_history_start_monitor (TalkieHistory *self)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    return;

  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      /* Renders from elsewhere then show at the next start. */
      g_debug ("The history file is not watched: %s", error->message);
      return;
    }

  g_signal_connect (self->monitor, "changed", G_CALLBACK (file_changed_cb), self);
}

void
_talkie_history_stop_monitor (TalkieHistory *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  if (self->merge_source != NULL)
    {
      g_source_destroy (self->merge_source);
      g_clear_pointer (&self->merge_source, g_source_unref);
    }
}
