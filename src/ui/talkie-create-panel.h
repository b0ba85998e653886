/* talkie-create-panel.h: voice, recording, options, Create, and the renders running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-audio-drop.h"
#include "talkie-cover-loader.h"
#include "talkie-voice-picker.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_CREATE_PANEL (talkie_create_panel_get_type ())

G_DECLARE_FINAL_TYPE (TalkieCreatePanel, talkie_create_panel, TALKIE, CREATE_PANEL, AdwBin)

/* The Create sidebar: Avatar, Voice, Recording, Options rows and Create pinned below.
 * Signals: "choose-avatar" — the Avatar row was activated (the grid chooses);
 *          "created" (guint n) — Create started n renders.
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
/* The renders started here, newest first: a GListModel of TalkieRenderJob. They are
 * shown on the Renders page; the sidebar says only how many run. */
GListModel        *talkie_create_panel_get_jobs         (TalkieCreatePanel *self);
void               talkie_create_panel_set_cover_loader (TalkieCreatePanel *self,
                                                         TalkieCoverLoader *loader);
/* How many renders run (the window counts them in the history): the one-line summary. */
void               talkie_create_panel_set_n_running    (TalkieCreatePanel *self,
                                                         guint              n_running);
/* The summary line shown, NULL when none. */
const char        *talkie_create_panel_get_summary      (TalkieCreatePanel *self);
/* What activating the Voice row does: opens the voice chooser. */
void               talkie_create_panel_choose_voice     (TalkieCreatePanel *self);
GtkWindow         *talkie_create_panel_get_voice_chooser (TalkieCreatePanel *self);
/* "Use These Settings": a past render's voice, recording and options (each may be NULL). */
void               talkie_create_panel_use_settings     (TalkieCreatePanel         *self,
                                                         TalkieVoice               *voice,
                                                         TalkieAudioSource         *audio,
                                                         const TalkieRenderOptions *options);

G_END_DECLS
