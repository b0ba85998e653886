/* talkie-result-window.h: the modal with one finished render.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-result-view.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_RESULT_WINDOW (talkie_result_window_get_type ())

G_DECLARE_FINAL_TYPE (TalkieResultWindow, talkie_result_window, TALKIE, RESULT_WINDOW, AdwWindow)

/* Modal to @parent, titled with @job's avatar; Escape closes it. */
TalkieResultWindow *talkie_result_window_new      (GtkWindow          *parent,
                                                   TalkieClient       *client,
                                                   TalkieRenderJob    *job);
TalkieResultView   *talkie_result_window_get_view (TalkieResultWindow *self);
/* Sizes the window to the shape of @job's video (9:16 is tall). */
void                talkie_result_window_fit      (TalkieResultWindow *self,
                                                   TalkieRenderJob    *job);

G_END_DECLS
