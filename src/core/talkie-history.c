/* talkie-history.c: every render, saved as soon as it has a project id, so that
 * a crash or a quit mid-render loses nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>

#include "talkie-error.h"
#include "talkie-core-private.h"
#include "talkie-history-private.h"
#include "talkie-json.h"


static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TalkieHistory, talkie_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_FILE,
  PROP_N_ITEMS,
  PROP_SAVE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- GListModel ------------------------------------------------------------- */

static GType
talkie_history_get_item_type (GListModel *model)
{
  return TALKIE_TYPE_RENDER_JOB;
}

static guint
talkie_history_get_n_items (GListModel *model)
{
  return TALKIE_HISTORY (model)->jobs->len;
}

static gpointer
talkie_history_get_item (GListModel *model,
                         guint       position)
{
  TalkieHistory *self = TALKIE_HISTORY (model);

  if (position >= self->jobs->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->jobs, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = talkie_history_get_item_type;
  iface->get_n_items = talkie_history_get_n_items;
  iface->get_item = talkie_history_get_item;
}

/* --- saving ----------------------------------------------------------------- */

static void
set_save_error (TalkieHistory *self,
                const char    *message)
{
  if (g_strcmp0 (self->save_error, message) == 0)
    return;

  g_free (self->save_error);
  self->save_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
}

/* The file on disk is still the last good one: the front end says so once
 * (see the "save-error" property), and the next change tries again. */
static void
save_or_warn (TalkieHistory *self)
{
  g_autoptr(GError) error = NULL;

  if (!talkie_history_save (self, &error))
    g_message ("%s", error->message);
}

static gboolean
save_idle_cb (gpointer user_data)
{
  TalkieHistory *self = user_data;

  g_clear_pointer (&self->save_source, g_source_unref);
  save_or_warn (self);

  return G_SOURCE_REMOVE;
}

/* A burst of changes (state, project, video url...) is written once. */
static void
queue_save (TalkieHistory *self)
{
  if (self->save_source != NULL)
    return;

  self->save_source = g_idle_source_new ();
  g_source_set_name (self->save_source, "[talkie] save history");
  g_source_set_priority (self->save_source, G_PRIORITY_DEFAULT_IDLE);
  /* The history destroys the source before it goes away. */
  g_source_set_callback (self->save_source, save_idle_cb, self, NULL);
  g_source_attach (self->save_source, g_main_context_get_thread_default ());
}

static void
cancel_queued_save (TalkieHistory *self)
{
  if (self->save_source != NULL)
    {
      g_source_destroy (self->save_source);
      g_clear_pointer (&self->save_source, g_source_unref);
    }
}

static void
job_notify_cb (TalkieRenderJob *job,
               GParamSpec      *pspec,
               TalkieHistory   *self)
{
  static const char * const unsaved[] = {
    "progress", "bytes-sent", "bytes-total", "min-poll-interval", "max-poll-interval",
  };

  /* Upload progress ticks are not worth a write each. */
  for (guint i = 0; i < G_N_ELEMENTS (unsaved); i++)
    {
      if (g_str_equal (pspec->name, unsaved[i]))
        return;
    }

  g_hash_table_add (self->dirty, job);
  queue_save (self);
}

static void
watch_job (TalkieHistory   *self,
           TalkieRenderJob *job)
{
  g_signal_connect_object (job, "notify", G_CALLBACK (job_notify_cb), self, 0);
}

static void
unwatch_job (TalkieHistory   *self,
             TalkieRenderJob *job)
{
  g_signal_handlers_disconnect_by_func (job, job_notify_cb, self);
}

/* --- GObject ---------------------------------------------------------------- */

static void
talkie_history_dispose (GObject *object)
{
  TalkieHistory *self = (TalkieHistory *)object;

  self->disposing = TRUE;
  _talkie_history_stop_monitor (self);

  /* A change still waiting to be written is written now. */
  if (self->save_source != NULL)
    {
      cancel_queued_save (self);
      save_or_warn (self);
    }

  if (self->jobs != NULL)
    {
      for (guint i = 0; i < self->jobs->len; i++)
        unwatch_job (self, g_ptr_array_index (self->jobs, i));
      g_clear_pointer (&self->jobs, g_ptr_array_unref);
    }

  G_OBJECT_CLASS (talkie_history_parent_class)->dispose (object);
}

static void
talkie_history_finalize (GObject *object)
{
  TalkieHistory *self = (TalkieHistory *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->file);
  g_clear_pointer (&self->save_error, g_free);
  g_clear_pointer (&self->forgotten, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);

  G_OBJECT_CLASS (talkie_history_parent_class)->finalize (object);
}

static void
talkie_history_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TalkieHistory *self = TALKIE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->jobs->len);
      break;

    case PROP_SAVE_ERROR:
      g_value_set_string (value, self->save_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_history_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TalkieHistory *self = TALKIE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_history_constructed (GObject *object)
{
  TalkieHistory *self = (TalkieHistory *)object;

  G_OBJECT_CLASS (talkie_history_parent_class)->constructed (object);

  if (self->file == NULL)
    {
      g_autofree char *path = g_build_filename (g_get_user_data_dir (), "talkie", "history.json", NULL);

      self->file = g_file_new_for_path (path);
    }
}

static void
talkie_history_class_init (TalkieHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = talkie_history_constructed;
  object_class->dispose = talkie_history_dispose;
  object_class->finalize = talkie_history_finalize;
  object_class->get_property = talkie_history_get_property;
  object_class->set_property = talkie_history_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TALKIE_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Why the last save failed (the file keeps what was saved before), or NULL
   * once a save succeeded. */
  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_history_init (TalkieHistory *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
  self->forgotten = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = g_hash_table_new (NULL, NULL);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* A save killed half-way (kill -9, a crash, a power cut) leaves its temporary
 * file: GLib's "history.json.XXXXXX", or GIO's ".goutputstream-XXXXXX" from
 * Talkies before 0.2. Those older than a minute belong to no running save. */
static gboolean
is_stale_temp_name (const char *name,
                    const char *basename)
{
  gsize base_len = strlen (basename);

  if (g_str_has_prefix (name, ".goutputstream-"))
    return TRUE;

  if (!g_str_has_prefix (name, basename) || name[base_len] != '.' || strlen (name + base_len + 1) != 6)
    return FALSE;

  for (const char *p = name + base_len + 1; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  return TRUE;
}

static gboolean
is_stale_temp_cb (const char *name,
                  gpointer    user_data)
{
  return is_stale_temp_name (name, user_data);
}

static void
sweep_stale_temp_files (TalkieHistory *self)
{
  g_autoptr(GFile) parent = g_file_get_parent (self->file);
  g_autofree char *basename = g_file_get_basename (self->file);

  _talkie_sweep_leftovers (parent, is_stale_temp_cb, basename, 60);
}

void
_talkie_history_drop_removed (TalkieHistory   *self,
                              TalkieRenderJob *job)
{
  guint position;

  if (!g_ptr_array_find (self->jobs, job, &position))
    return;

  g_debug ("Render %u of the history removed by another process", position + 1);
  unwatch_job (self, job);
  g_ptr_array_remove_index (self->jobs, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
_talkie_history_insert_merged (TalkieHistory   *self,
                               TalkieRenderJob *job)
{
  guint position = 0;

  /* Newest first, as everywhere in the list. */
  while (position < self->jobs->len &&
         talkie_render_job_get_created_at (g_ptr_array_index (self->jobs, position)) >
         talkie_render_job_get_created_at (job))
    position++;

  g_ptr_array_insert (self->jobs, position, g_object_ref (job));
  watch_job (self, job);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  if (self->resumed && !talkie_job_state_is_final (talkie_render_job_get_state (job)))
    talkie_render_job_start (job);
}

/* --- public API ------------------------------------------------------------- */

/**
 * talkie_history_new:
 * @client: the account jobs resume with
 * @file: (nullable): where to keep it; %NULL for $XDG_DATA_HOME/talkie/history.json
 *
 * Returns: (transfer full): an empty history; call talkie_history_load()
 */
TalkieHistory *
talkie_history_new (TalkieClient *client,
                    GFile        *file)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (client), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return g_object_new (TALKIE_TYPE_HISTORY,
                       "client", client,
                       "file", file,
                       NULL);
}

/**
 * talkie_history_get_file:
 *
 * Returns: (transfer none): where the history is kept
 */
GFile *
talkie_history_get_file (TalkieHistory *self)
{
  g_return_val_if_fail (TALKIE_IS_HISTORY (self), NULL);

  return self->file;
}

static void
replace_jobs (TalkieHistory *self,
              GPtrArray     *jobs)
{
  guint removed = self->jobs->len;

  for (guint i = 0; i < self->jobs->len; i++)
    unwatch_job (self, g_ptr_array_index (self->jobs, i));

  g_ptr_array_unref (self->jobs);
  self->jobs = g_ptr_array_ref (jobs);

  for (guint i = 0; i < self->jobs->len; i++)
    watch_job (self, g_ptr_array_index (self->jobs, i));

  if (removed > 0 || self->jobs->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->jobs->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

/* Keeps a file that cannot be read under another name, and says where. */
static gboolean
set_aside (TalkieHistory  *self,
           const char     *reason,
           GError        **error)
{
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autoptr(GFile) parent = g_file_get_parent (self->file);
  g_autoptr(GFile) aside = NULL;
  g_autofree char *aside_path = NULL;
  g_autoptr(GError) move_error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Never over an earlier one: a second corrupt file in the same second gets a suffix. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *aside_name = NULL;

      if (attempt == 0)
        aside_name = g_strdup_printf ("%s.corrupt-%" G_GINT64_FORMAT, basename, now);
      else
        aside_name = g_strdup_printf ("%s.corrupt-%" G_GINT64_FORMAT "-%u", basename, now, attempt);

      g_clear_object (&aside);
      g_clear_error (&move_error);
      aside = g_file_get_child (parent, aside_name);
      if (g_file_move (self->file, aside, G_FILE_COPY_NONE, NULL, NULL, NULL, &move_error) ||
          !g_error_matches (move_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        break;
    }

  aside_path = g_file_get_parse_name (aside);

  if (move_error != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (self->file);

      g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                   _("The list of renders in “%s” could not be read (%s), and could not be moved "
                     "aside (%s). Move or delete the file, then start Talkie again."),
                   path, reason, move_error->message);
      return FALSE;
    }

  g_set_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
               _("The list of renders could not be read (%s). It was kept as “%s” and a new, "
                 "empty list was started; renders you make from now on are listed again."),
               reason, aside_path);
  return FALSE;
}

/**
 * talkie_history_load:
 * @error: a location for a #GError, or %NULL
 *
 * Reads the file, replacing what the history holds. A missing file is an
 * empty history. A file that is not a history is renamed aside
 * (history.json.corrupt-TIMESTAMP), the history is then empty, and @error
 * says where the file went. Single entries that cannot be read are skipped
 * with a warning.
 *
 * Returns: %FALSE when the file could not be read
 */
gboolean
talkie_history_load (TalkieHistory  *self,
                     GError        **error)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  const char *reason = NULL;
  gsize length = 0;

  g_return_val_if_fail (TALKIE_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Nothing written before this load may overwrite what it finds. */
  cancel_queued_save (self);
  sweep_stale_temp_files (self);
  g_hash_table_remove_all (self->dirty);
  g_hash_table_remove_all (self->seen);
  _talkie_history_start_monitor (self);

  if (!g_file_load_contents (self->file, NULL, &contents, &length, NULL, &local_error))
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *path = NULL;

      replace_jobs (self, none);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;

      path = g_file_get_parse_name (self->file);
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("The list of renders in “%s” could not be opened: %s. "
                     "Check that the file can be read, then start Talkie again."),
                   path, local_error->message);
      return FALSE;
    }

  jobs = _talkie_history_parse (self, contents, length, TRUE, &reason);
  if (jobs == NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);

      replace_jobs (self, none);
      return set_aside (self, reason, error);
    }

  replace_jobs (self, jobs);
  _talkie_history_set_seen (self, jobs);

  return TRUE;
}

/**
 * talkie_history_resume:
 *
 * Restarts polling for every job that has a project id and is not final.
 */
void
talkie_history_resume (TalkieHistory *self)
{
  g_autoptr(GPtrArray) jobs = NULL;

  g_return_if_fail (TALKIE_IS_HISTORY (self));

  self->resumed = TRUE;

  /* Starting may change the list (a job fails, the UI reacts): work on a copy. */
  jobs = g_ptr_array_copy (self->jobs, (GCopyFunc)(void (*) (void))g_object_ref, NULL);
  g_ptr_array_set_free_func (jobs, g_object_unref);

  for (guint i = 0; i < jobs->len; i++)
    {
      TalkieRenderJob *job = g_ptr_array_index (jobs, i);

      if (talkie_render_job_get_project_id (job) != NULL &&
          !talkie_job_state_is_final (talkie_render_job_get_state (job)))
        talkie_render_job_start (job);
    }
}

/**
 * talkie_history_add:
 * @job: a new job
 *
 * Adds @job at the top and saves; from now on the job is saved whenever it changes.
 */
void
talkie_history_add (TalkieHistory   *self,
                    TalkieRenderJob *job)
{
  g_return_if_fail (TALKIE_IS_HISTORY (self));
  g_return_if_fail (TALKIE_IS_RENDER_JOB (job));

  if (g_ptr_array_find (self->jobs, job, NULL))
    return;

  g_ptr_array_insert (self->jobs, 0, g_object_ref (job));
  watch_job (self, job);
  g_hash_table_add (self->dirty, job);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  cancel_queued_save (self);
  save_or_warn (self);
}

/**
 * talkie_history_remove:
 * @job: a job of the history
 *
 * Removes @job and saves. The job is not cancelled; but a running job that
 * nobody else holds goes away, and with it its polling.
 */
void
talkie_history_remove (TalkieHistory   *self,
                       TalkieRenderJob *job)
{
  guint position;

  g_return_if_fail (TALKIE_IS_HISTORY (self));
  g_return_if_fail (TALKIE_IS_RENDER_JOB (job));

  if (!g_ptr_array_find (self->jobs, job, &position))
    return;

  /* Not merged back from a file another process saved before it saw this. */
  g_hash_table_add (self->forgotten, _talkie_history_job_key (job));
  g_hash_table_remove (self->dirty, job);

  unwatch_job (self, job);
  g_ptr_array_remove_index (self->jobs, position);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  cancel_queued_save (self);
  save_or_warn (self);
}

static gboolean
ensure_parent (GFile   *file,
               GError **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;

  if (parent == NULL)
    return TRUE;

  if (!g_file_make_directory_with_parents (parent, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * talkie_history_find:
 * @project_id: a project id
 *
 * Returns: (transfer none) (nullable): the job of that render, or %NULL
 */
TalkieRenderJob *
talkie_history_find (TalkieHistory *self,
                     const char    *project_id)
{
  g_return_val_if_fail (TALKIE_IS_HISTORY (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  return _talkie_history_find_key (self, project_id);
}

const char *
talkie_history_get_save_error (TalkieHistory *self)
{
  g_return_val_if_fail (TALKIE_IS_HISTORY (self), NULL);

  return self->save_error;
}

/**
 * talkie_history_save:
 * @error: a location for a #GError, or %NULL
 *
 * Writes the history now, replacing the file atomically.
 *
 * Returns: %TRUE when written
 */
gboolean
talkie_history_save (TalkieHistory  *self,
                     GError        **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  gsize length = 0;
  int lock_fd;

  g_return_val_if_fail (TALKIE_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cancel_queued_save (self);

  /* What another process added or changed since is kept, not overwritten:
   * read, merged and written under the lock, so that no two writers read
   * the same file and each overwrite the other's change. (While going away
   * nobody would see merged renders: they are only written back.) */
  path = g_file_get_path (self->file);
  lock_fd = path != NULL && ensure_parent (self->file, NULL) ? _talkie_history_lock (path) : -1;
  saved = _talkie_history_merge_from_file (self, !self->disposing);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, HISTORY_JSON_VERSION);
  json_builder_set_member_name (builder, "jobs");
  json_builder_begin_array (builder);
  _talkie_history_add_entries (self, builder, saved);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  /* Written to a temporary file and renamed over the old one only once every
   * byte is on disk: a full disk or an I/O error leaves the old file as it was.
   * (g_file_replace_contents() renames the partial file into place when a
   * write fails.) */
  if (path == NULL)
    g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("it is not a local file"));

  if (local_error != NULL ||
      !ensure_parent (self->file, &local_error) ||
      !g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      _talkie_history_unlock (lock_fd);
      g_autofree char *name = g_file_get_parse_name (self->file);
      GError *save_error;

      save_error = g_error_new (G_IO_ERROR,
                   local_error->domain == G_IO_ERROR ? local_error->code :
                   local_error->domain == G_FILE_ERROR ? g_io_error_from_file_error (local_error->code) :
                   G_IO_ERROR_FAILED,
                   _("The list of renders could not be saved to “%s”: %s. "
                     "Check that there is free space and that the folder can be written."),
                   name, local_error->message);
      set_save_error (self, save_error->message);
      g_propagate_error (error, save_error);
      return FALSE;
    }

  _talkie_history_unlock (lock_fd);
  g_hash_table_remove_all (self->dirty);
  set_save_error (self, NULL);

  return TRUE;
}
