/* talkie-history-private.h: what talkie-history.c and talkie-history-merge.c
 * (the renders another process saves in the same file) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-history.h"

G_BEGIN_DECLS

#define HISTORY_JSON_VERSION 1

struct _TalkieHistory
{
  GObject       parent_instance;

  TalkieClient *client;
  GFile        *file;
  GPtrArray    *jobs;       /* of TalkieRenderJob, newest first */
  GSource      *save_source;
  char         *save_error; /* why the last save failed, NULL after a good one */

  /* Another process (talkie-cli, a second Talkie) may write the same file:
   * what it added is merged in before each save and when the file changes,
   * and what it changed is kept unless this process changed it too. */
  GFileMonitor *monitor;
  GSource      *merge_source;
  GHashTable   *forgotten;  /* keys of the renders removed here: never merged back */
  GHashTable   *dirty;      /* jobs changed here since the last save */
  GHashTable   *seen;       /* keys in the file when this process last read or wrote it */
  gboolean      resumed;    /* merged jobs are started, as talkie_history_resume() did */
  gboolean      disposing;
};

/* The jobs @contents holds, or NULL with the @reason it is no history.
 * Entries that cannot be read are skipped (with a warning when @warn). */
GPtrArray       *_talkie_history_parse          (TalkieHistory    *self,
                                                 const char       *contents,
                                                 gsize             length,
                                                 gboolean          warn,
                                                 const char      **reason);
/* The project id, or for a render the server never accepted, its history id. */
char            *_talkie_history_job_key        (TalkieRenderJob  *job);
/* The job's object in the file: talkie_render_job_to_json() and its history id. */
JsonObject      *_talkie_history_job_to_json    (TalkieRenderJob  *job);
TalkieRenderJob *_talkie_history_find_key       (TalkieHistory    *self,
                                                 const char       *key);
/* With @merge, merges in the renders another process saved (and lets go of
 * those it removed); gives the file's jobs, NULL when it could not be read. */
GPtrArray       *_talkie_history_merge_from_file (TalkieHistory   *self,
                                                  gboolean         merge);
/* An exclusive lock (flock) on the folder of @path, held by every writer
 * from its read to its write; -1 when there is none (then unlocked). */
int              _talkie_history_lock           (const char       *path);
void             _talkie_history_unlock         (int               fd);
/* The keys of @saved (the jobs the file held at a load) as the ones seen. */
void             _talkie_history_set_seen       (TalkieHistory    *self,
                                                 GPtrArray        *saved);
/* Takes out a job another process removed from the file. */
void             _talkie_history_drop_removed   (TalkieHistory    *self,
                                                 TalkieRenderJob  *job);
/* Inserts a job read from the file, newest first, and watches it. */
void             _talkie_history_insert_merged  (TalkieHistory    *self,
                                                 TalkieRenderJob  *job);
/* The jobs' objects for the file: each job's own when changed here or not
 * in @saved (the file's jobs), else the one another process saved; then the
 * renders the server never accepted that belong to another process. */
void             _talkie_history_add_entries    (TalkieHistory    *self,
                                                 JsonBuilder      *builder,
                                                 GPtrArray        *saved);
void             _talkie_history_start_monitor  (TalkieHistory    *self);
void             _talkie_history_stop_monitor   (TalkieHistory    *self);

G_END_DECLS
