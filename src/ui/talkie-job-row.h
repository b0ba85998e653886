/* talkie-job-row.h: one render, running or past, with live progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-cover-loader.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_JOB_ROW (talkie_job_row_get_type ())

G_DECLARE_FINAL_TYPE (TalkieJobRow, talkie_job_row, TALKIE, JOB_ROW, AdwBin)

/* Properties: "job", "cover-loader" (NULL: no thumbnail), "show-time",
 * "removable" (a remove button once the render is over).
 * Signals: "watch" — the user wants to see the finished render;
 *          "remove" — the user wants the render out of the list;
 *          "retry" — Try Again: the same render once more (a removable row that failed
 *                    or was cancelled offers it);
 *          "reuse" — Use These Settings: its avatar, voice, recording and options into Create. */
GtkWidget       *talkie_job_row_new              (TalkieRenderJob   *job);
TalkieRenderJob *talkie_job_row_get_job          (TalkieJobRow      *self);
void             talkie_job_row_set_job          (TalkieJobRow      *self,
                                                  TalkieRenderJob   *job);
void             talkie_job_row_set_cover_loader (TalkieJobRow      *self,
                                                  TalkieCoverLoader *loader);
void             talkie_job_row_set_show_time    (TalkieJobRow      *self,
                                                  gboolean           show_time);
void             talkie_job_row_set_removable    (TalkieJobRow      *self,
                                                  gboolean           removable);
/* What the status line says now. */
const char      *talkie_job_row_get_status_text  (TalkieJobRow      *self);

G_END_DECLS
