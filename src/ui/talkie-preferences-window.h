/* talkie-preferences-window.h: key, server and defaults for new renders.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-application.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_PREFERENCES_WINDOW (talkie_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TalkiePreferencesWindow, talkie_preferences_window, TALKIE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *talkie_preferences_window_new (TalkieApplication *application);

G_END_DECLS
