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
 * Entries that cannot be read are skipped (with a warning when @warn). With
 * @entries, the saved object of each job, in the same order. */
GPtrArray       *_talkie_history_parse          (TalkieHistory    *self,
                                                 const char       *contents,
                                                 gsize             length,
                                                 gboolean          warn,
                                                 const char      **reason,
                                                 GPtrArray       **entries);
/* The project id, or for a render the server never accepted, one made of
 * when it was made and from what. */
char            *_talkie_history_job_key        (TalkieRenderJob  *job);
TalkieRenderJob *_talkie_history_find_key       (TalkieHistory    *self,
                                                 const char       *key);
/* Merges in the renders another process saved, and gives the file's entries
 * (JsonObject), NULL when it could not be read. */
GPtrArray       *_talkie_history_merge_from_file (TalkieHistory   *self);
/* The keys of @entries (what the file held at a load) as the ones seen. */
void             _talkie_history_set_seen       (TalkieHistory    *self,
                                                 GPtrArray        *entries);
/* Takes out a job another process removed from the file. */
void             _talkie_history_drop_removed   (TalkieHistory    *self,
                                                 TalkieRenderJob  *job);
/* Inserts a job read from the file, newest first, and watches it. */
void             _talkie_history_insert_merged  (TalkieHistory    *self,
                                                 TalkieRenderJob  *job);
/* The jobs' objects for the file: each job's own when changed here or not
 * in @entries, else the one another process saved; then the entries of
 * renders the server never accepted that belong to another process. */
void             _talkie_history_add_entries    (TalkieHistory    *self,
                                                 JsonBuilder      *builder,
                                                 GPtrArray        *entries);
void             _talkie_history_start_monitor  (TalkieHistory    *self);
void             _talkie_history_stop_monitor   (TalkieHistory    *self);

G_END_DECLS
