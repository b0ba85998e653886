/* fuzz-history.c: the history file, loaded, saved and loaded again.
 *
 * The input is written where the history lives and loaded. Whatever the load
 * kept is saved, and a second history loads that file: it must load without
 * error and hold the same jobs, field for field. A job that does not survive
 * its own save is lost on the next start, or worse, takes the whole list
 * with it when the saved file cannot be read back.
 *
 * Nothing is sent: a client is needed to make jobs, but jobs only talk to the
 * server once started, and loading never starts them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-fuzz"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "talkie-core.h"

static TalkieClient *client;
static char *dir_path;
static char *history_path;
static GFile *history_file;

/* The load sets a corrupt file aside next to it; those go after each run. */
static void
empty_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      g_unlink (path);
    }
}

static void
remove_dir (void)
{
  empty_dir ();
  g_rmdir (dir_path);
}

static void
write_input (const uint8_t *data,
             size_t         size)
{
  FILE *file = fopen (history_path, "wb");

  FUZZ_CHECK (file != NULL, "%s: %s", history_path, g_strerror (errno));
  FUZZ_CHECK (size == 0 || fwrite (data, 1, size, file) == size, "%s", g_strerror (errno));
  FUZZ_CHECK (fclose (file) == 0, "%s", g_strerror (errno));
}

static JsonNode *
job_to_node (TalkieRenderJob *job)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, talkie_render_job_to_json (job));
  return node;
}

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_init_logging ();

  /* Loopback: talkie_client_new() accepts plain http only there, and port 9
   * (discard) would refuse anything that were sent by mistake. */
  client = talkie_client_new ("fuzz-key", "http://127.0.0.1:9/", &error);
  FUZZ_CHECK (client != NULL, "%s", error->message);

  dir_path = g_dir_make_tmp ("talkie-fuzz-history-XXXXXX", &error);
  FUZZ_CHECK (dir_path != NULL, "%s", error->message);
  history_path = g_build_filename (dir_path, "history.json", NULL);
  history_file = g_file_new_for_path (history_path);
  atexit (remove_dir);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(TalkieHistory) history = NULL;
  g_autoptr(TalkieHistory) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  guint n_jobs;

  write_input (data, size);

  history = talkie_history_new (client, history_file);
  if (!talkie_history_load (history, &error))
    {
      /* Refused: the file was set aside and the history is empty. */
      FUZZ_CHECK (error != NULL && error->message[0] != '\0');
      FUZZ_CHECK (g_list_model_get_n_items (G_LIST_MODEL (history)) == 0);
      g_clear_error (&error);
    }

  if (!talkie_history_save (history, &error))
    fuzz_fail (__FILE__, __LINE__, "save: %s", error->message);

  /* Kept for the message: a load that fails moves the file aside. */
  g_clear_pointer (&saved, g_free);
  g_file_get_contents (history_path, &saved, NULL, NULL);

  reloaded = talkie_history_new (client, history_file);
  if (!talkie_history_load (reloaded, &error))
    fuzz_fail (__FILE__, __LINE__, "the saved history does not load: %s\n%s",
               error->message, saved != NULL ? saved : "(unreadable)");

  n_jobs = g_list_model_get_n_items (G_LIST_MODEL (history));
  FUZZ_CHECK (g_list_model_get_n_items (G_LIST_MODEL (reloaded)) == n_jobs,
              "%u jobs saved, %u loaded back", n_jobs,
              g_list_model_get_n_items (G_LIST_MODEL (reloaded)));

  for (guint i = 0; i < n_jobs; i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autoptr(TalkieRenderJob) again = g_list_model_get_item (G_LIST_MODEL (reloaded), i);
      g_autoptr(JsonNode) node = job_to_node (job);
      g_autoptr(JsonNode) node_again = job_to_node (again);

      FUZZ_CHECK (g_strcmp0 (talkie_render_job_get_project_id (job),
                             talkie_render_job_get_project_id (again)) == 0,
                  "job %u: project id \"%s\" came back as \"%s\"", i,
                  talkie_render_job_get_project_id (job),
                  talkie_render_job_get_project_id (again));
      FUZZ_CHECK (talkie_render_job_get_state (job) == talkie_render_job_get_state (again),
                  "job %u: state %d came back as %d", i,
                  talkie_render_job_get_state (job), talkie_render_job_get_state (again));
      FUZZ_CHECK (talkie_render_job_get_created_at (job) == talkie_render_job_get_created_at (again));
      FUZZ_CHECK (g_strcmp0 (talkie_render_job_get_video_url (job),
                             talkie_render_job_get_video_url (again)) == 0);

      /* Every saved field, not only the ones above. */
      if (!json_node_equal (node, node_again))
        {
          g_autofree char *text = node_to_string (node);
          g_autofree char *text_again = node_to_string (node_again);

          fuzz_fail (__FILE__, __LINE__, "job %u changed on its way through the file:\n%s\n%s",
                     i, text, text_again);
        }
    }

  /* Disposing a history writes what is still queued: nothing must be. */
  g_clear_object (&history);
  g_clear_object (&reloaded);
  empty_dir ();

  return 0;
}
