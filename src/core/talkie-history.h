/* talkie-history.h: every render, saved as soon as it has a project id, so that
 * a crash or a quit mid-render loses nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "talkie-client.h"
#include "talkie-render-job.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_HISTORY (talkie_history_get_type ())

/* A GListModel of TalkieRenderJob, newest first. */
G_DECLARE_FINAL_TYPE (TalkieHistory, talkie_history, TALKIE, HISTORY, GObject)

/* @file: NULL for $XDG_DATA_HOME/talkie/history.json. */
TalkieHistory *talkie_history_new       (TalkieClient     *client,
                                         GFile            *file);
GFile         *talkie_history_get_file  (TalkieHistory    *self);
/* Reads the file, and from then on watches it: renders another process adds
 * are merged in (and started, after talkie_history_resume()). A missing file
 * is an empty history. A corrupt one is renamed aside
 * (history.json.corrupt-TIMESTAMP) and reported in @error; the history is
 * then empty and usable. */
gboolean       talkie_history_load      (TalkieHistory    *self,
                                         GError          **error);
/* Restarts polling for every job that has a project id and is not final. */
void           talkie_history_resume    (TalkieHistory    *self);
/* Adds at the top; the job is saved whenever it changes (atomically). */
void           talkie_history_add       (TalkieHistory    *self,
                                         TalkieRenderJob  *job);
void           talkie_history_remove    (TalkieHistory    *self,
                                         TalkieRenderJob  *job);
/* The job of the render with @project_id, or NULL. (transfer none) */
TalkieRenderJob *talkie_history_find    (TalkieHistory    *self,
                                         const char       *project_id);
/* Writes now (atomic replace), after merging in the renders another process
 * (talkie-cli, another Talkie) saved meanwhile. Normally called by the
 * history itself. */
gboolean       talkie_history_save      (TalkieHistory    *self,
                                         GError          **error);
/* Why the last save failed, or NULL: the file still holds the last good save
 * ("save-error", notified when it changes). */
const char    *talkie_history_get_save_error (TalkieHistory *self);

G_END_DECLS
