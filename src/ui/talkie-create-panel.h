/* talkie-create-panel.h: voice, recording, options, Create, and the renders running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-audio-drop.h"
#include "talkie-voice-picker.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_CREATE_PANEL (talkie_create_panel_get_type ())

G_DECLARE_FINAL_TYPE (TalkieCreatePanel, talkie_create_panel, TALKIE, CREATE_PANEL, AdwBin)

/* Signals: "show-job" (TalkieRenderJob *job) — the user wants to see a finished render.
 * Properties: "can-create", "reason" (why Create is off, NULL when it is on). */
void               talkie_create_panel_set_client       (TalkieCreatePanel *self,
                                                         TalkieClient      *client);
void               talkie_create_panel_set_history      (TalkieCreatePanel *self,
                                                         TalkieHistory     *history);
/* NULL = none. */
void               talkie_create_panel_set_avatar       (TalkieCreatePanel *self,
                                                         TalkieAvatar      *avatar);
void               talkie_create_panel_set_aspect_ratio (TalkieCreatePanel *self,
                                                         TalkieAspectRatio  aspect);
void               talkie_create_panel_set_settings     (TalkieCreatePanel *self,
                                                         GSettings         *settings);

TalkieVoicePicker *talkie_create_panel_get_voice_picker (TalkieCreatePanel *self);
TalkieAudioDrop   *talkie_create_panel_get_audio_drop   (TalkieCreatePanel *self);
gboolean           talkie_create_panel_get_can_create   (TalkieCreatePanel *self);
const char        *talkie_create_panel_get_reason       (TalkieCreatePanel *self);
/* What the Create button does: one render per ready recording, added to the history
 * and started. Returns how many were started. */
guint              talkie_create_panel_create           (TalkieCreatePanel *self);
/* The renders started here, newest first: a GListModel of TalkieRenderJob. */
GListModel        *talkie_create_panel_get_jobs         (TalkieCreatePanel *self);

G_END_DECLS
