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

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "talkie-error.h"
#include "talkie-history-private.h"
#include "talkie-json.h"

/* Each render of the file has an id of the history's own, "history_id", so
 * that processes agree on which render is which before the server gave it a
 * project id. An entry without one (from a Talkie before 0.3) gets one made
 * from its contents, the same in every process. */
#define HISTORY_ID_DATA "talkie-history-id"

static gboolean
is_history_id (const char *id)
{
  gsize length = id != NULL ? strlen (id) : 0;

  if (length == 0 || length > 64)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static const char *
job_history_id (TalkieRenderJob *job)
{
  const char *id = g_object_get_data (G_OBJECT (job), HISTORY_ID_DATA);

  if (id == NULL)
    {
      char *made = g_uuid_string_random ();

      g_object_set_data_full (G_OBJECT (job), HISTORY_ID_DATA, made, g_free);
      id = made;
    }

  return id;
}

static void
read_history_id (TalkieRenderJob *job,
                 JsonNode        *element)
{
  JsonObject *object = json_node_get_object (element);
  JsonNode *node = json_object_get_member (object, "history_id");
  const char *saved = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    saved = json_node_get_string (node);

  if (is_history_id (saved))
    g_object_set_data_full (G_OBJECT (job), HISTORY_ID_DATA, g_strdup (saved), g_free);
  else
    {
      g_autofree char *text = json_to_string (element, FALSE);

      g_object_set_data_full (G_OBJECT (job), HISTORY_ID_DATA,
                              g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1), g_free);
    }
}

JsonObject *
_talkie_history_job_to_json (TalkieRenderJob *job)
{
  JsonObject *object = talkie_render_job_to_json (job);

  json_object_set_string_member (object, "history_id", job_history_id (job));

  return object;
}

char *
_talkie_history_job_key (TalkieRenderJob *job)
{
  if (talkie_render_job_get_project_id (job) != NULL)
    return g_strdup (talkie_render_job_get_project_id (job));

  return g_strconcat ("local:", job_history_id (job), NULL);
}

/* Whether @keys has @job's project id or history id already; adds them. */
static gboolean
render_seen_before (GHashTable      *keys,
                    TalkieRenderJob *job)
{
  const char *project_id = talkie_render_job_get_project_id (job);
  g_autofree char *local = g_strconcat ("local:", job_history_id (job), NULL);
  gboolean seen = g_hash_table_contains (keys, local) ||
                  (project_id != NULL && g_hash_table_contains (keys, project_id));

  g_hash_table_add (keys, g_steal_pointer (&local));
  if (project_id != NULL)
    g_hash_table_add (keys, g_strdup (project_id));

  return seen;
}

GPtrArray *
_talkie_history_parse (TalkieHistory  *self,
                       const char     *contents,
                       gsize           length,
                       gboolean        warn,
                       const char    **reason)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) keys = NULL;
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
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

      read_history_id (job, element);

      /* The same render twice (a file two writers once got wrong): once. */
      if (render_seen_before (keys, job))
        {
          g_debug ("Render %u of the history is an earlier one again: kept once", i + 1);
          g_object_unref (job);
          continue;
        }

      g_ptr_array_add (jobs, job);
    }

  return g_steal_pointer (&jobs);
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
                          GPtrArray     *saved)
{
  g_hash_table_remove_all (self->seen);
  for (guint i = 0; saved != NULL && i < saved->len; i++)
    g_hash_table_add (self->seen, _talkie_history_job_key (g_ptr_array_index (saved, i)));
}

int
_talkie_history_lock (const char *path)
{
  /* The folder, not a file: its inode stays while the history file is
   * replaced by each save, and no lock file is left beside it. */
  g_autofree char *folder = g_path_get_dirname (path);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      g_debug ("No lock for %s: %s", path, g_strerror (errno));
      return -1;
    }

  /* A writer holds it for one read and one write: wait for it. */
  while (flock (fd, LOCK_EX) < 0)
    {
      if (errno != EINTR)
        {
          g_debug ("Could not lock %s: %s", folder, g_strerror (errno));
          close (fd);
          return -1;
        }
    }

  return fd;
}

void
_talkie_history_unlock (int fd)
{
  /* Closing lets go of the lock. */
  if (fd >= 0)
    close (fd);
}

GPtrArray *
_talkie_history_merge_from_file (TalkieHistory *self,
                                 gboolean       merge)
{
  g_autoptr(GPtrArray) saved = NULL;
  g_autofree char *contents = NULL;
  const char *reason = NULL;
  gsize length = 0;

  /* A file that cannot be read adds nothing: the next load reports it. */
  if (!g_file_load_contents (self->file, NULL, &contents, &length, NULL, NULL) ||
      !(saved = _talkie_history_parse (self, contents, length, FALSE, &reason)))
    return NULL;

  if (!merge)
    return g_steal_pointer (&saved);

  /* Removed by another process since this one last read or wrote the file:
   * removed here too, unless changed here meanwhile. */
  {
    g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < saved->len; i++)
      g_hash_table_add (in_file, _talkie_history_job_key (g_ptr_array_index (saved, i)));

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

  return g_steal_pointer (&saved);
}

/* The render of @saved (the file's) that is @job: the same history id, or
 * the same project id. */
static int
find_saved (GPtrArray       *saved,
            TalkieRenderJob *job)
{
  const char *project_id = talkie_render_job_get_project_id (job);
  const char *history_id = job_history_id (job);

  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      TalkieRenderJob *other = g_ptr_array_index (saved, i);

      if (g_str_equal (job_history_id (other), history_id) ||
          (project_id != NULL && g_strcmp0 (talkie_render_job_get_project_id (other), project_id) == 0))
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
                             GPtrArray     *saved)
{
  g_autofree gboolean *used = g_new0 (gboolean, saved != NULL ? saved->len + 1 : 1);

  /* What this write leaves in the file (see _talkie_history_merge_from_file()). */
  g_hash_table_remove_all (self->seen);

  for (guint i = 0; i < self->jobs->len; i++)
    {
      TalkieRenderJob *job = g_ptr_array_index (self->jobs, i);
      int found = find_saved (saved, job);

      if (found >= 0)
        used[found] = TRUE;
      g_hash_table_add (self->seen, _talkie_history_job_key (job));

      /* Unchanged here: what the file holds may be newer (another process
       * followed the render to its end). Written as read, through the job:
       * whatever the file held that a job does not keep stays out. */
      if (found >= 0 && !g_hash_table_contains (self->dirty, job))
        add_object (builder, _talkie_history_job_to_json (g_ptr_array_index (saved, found)));
      else
        add_object (builder, _talkie_history_job_to_json (job));
    }

  /* What else the file holds, unless removed here: another process's renders
   * the server never accepted (those it did were merged in), or, while going
   * away, everything this history did not merge. */
  for (guint i = 0; saved != NULL && i < saved->len; i++)
    {
      TalkieRenderJob *other = g_ptr_array_index (saved, i);
      g_autofree char *key = NULL;

      if (used[i])
        continue;

      key = _talkie_history_job_key (other);
      if (!g_hash_table_contains (self->forgotten, key))
        {
          add_object (builder, _talkie_history_job_to_json (other));
          g_hash_table_add (self->seen, g_steal_pointer (&key));
        }
    }
}

static gboolean
merge_idle_cb (gpointer user_data)
{
  TalkieHistory *self = user_data;
  g_autoptr(GPtrArray) saved = NULL;

  g_clear_pointer (&self->merge_source, g_source_unref);
  saved = _talkie_history_merge_from_file (self, TRUE);

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
