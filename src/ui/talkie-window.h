/* talkie-window.h: the main window (key page, avatar browser + create panel, renders).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-application.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_WINDOW (talkie_window_get_type ())

G_DECLARE_FINAL_TYPE (TalkieWindow, talkie_window, TALKIE, WINDOW, AdwApplicationWindow)

TalkieWindow *talkie_window_new       (TalkieApplication *application);
void          talkie_window_add_toast (TalkieWindow      *self,
                                       const char        *message);
/* Adds @files as recordings on the Create side and shows it. */
void          talkie_window_add_recordings (TalkieWindow  *self,
                                            GFile        **files,
                                            int            n_files);
/* The modal with one finished render. */
void          talkie_window_show_job  (TalkieWindow      *self,
                                       TalkieRenderJob   *job);

G_END_DECLS
