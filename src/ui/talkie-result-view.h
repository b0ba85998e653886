/* talkie-result-view.h: one render's result: watch it, save it, share its link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_RESULT_VIEW (talkie_result_view_get_type ())

G_DECLARE_FINAL_TYPE (TalkieResultView, talkie_result_view, TALKIE, RESULT_VIEW, AdwBin)

/* Properties: "client", "job", "page" ("none", "pending", "video", "failed"), "saving".
 * Signals: "save-finished" (GFile *file, gboolean ok). */
void             talkie_result_view_set_client     (TalkieResultView *self,
                                                    TalkieClient     *client);
void             talkie_result_view_set_job        (TalkieResultView *self,
                                                    TalkieRenderJob  *job);
TalkieRenderJob *talkie_result_view_get_job        (TalkieResultView *self);
const char      *talkie_result_view_get_page       (TalkieResultView *self);
GtkVideo        *talkie_result_view_get_video      (TalkieResultView *self);
/* What Save Video… does once a file was chosen. */
void             talkie_result_view_save_to_file   (TalkieResultView *self,
                                                    GFile            *file);
/* "Amanda outdoors 2026-11-25.mp4" */
char            *talkie_result_view_dup_suggested_name (TalkieRenderJob *job);

/* Where Save suggests to put the video: the XDG videos folder, else home. */
GFile           *talkie_result_view_dup_save_folder (void);
/* The player's controls that stay (and take the focus) under the video. */
GtkWidget       *talkie_result_view_get_controls   (TalkieResultView *self);

G_END_DECLS
