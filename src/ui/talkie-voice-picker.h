/* talkie-voice-picker.h: choose the voice a render speaks with, and hear it first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-audio-player.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_VOICE_PICKER (talkie_voice_picker_get_type ())

G_DECLARE_FINAL_TYPE (TalkieVoicePicker, talkie_voice_picker, TALKIE, VOICE_PICKER, AdwBin)

/* Properties: "client", "player", "selected-voice" (NULL when none),
 * "page" ("none" without a client, "loading", "list", "empty", "error").
 * Signals: "voice-activated" (TalkieVoice *voice) — Enter or a double click chose it. */
TalkieVoice  *talkie_voice_picker_get_selected_voice (TalkieVoicePicker *self);
void          talkie_voice_picker_set_client         (TalkieVoicePicker *self,
                                                      TalkieClient      *client);
TalkieAudioPlayer *talkie_voice_picker_get_player    (TalkieVoicePicker *self);
void          talkie_voice_picker_set_player         (TalkieVoicePicker *self,
                                                      TalkieAudioPlayer *player);
void          talkie_voice_picker_reload             (TalkieVoicePicker *self);
const char   *talkie_voice_picker_get_page           (TalkieVoicePicker *self);
/* The filters, as the user sets them with the controls. */
void          talkie_voice_picker_set_source         (TalkieVoicePicker *self,
                                                      TalkieSource       source);
void          talkie_voice_picker_set_gender         (TalkieVoicePicker *self,
                                                      TalkieGender       gender);
/* @language: as the server spells it, NULL for all. */
void          talkie_voice_picker_set_language       (TalkieVoicePicker *self,
                                                      const char        *language);
void          talkie_voice_picker_set_search_text    (TalkieVoicePicker *self,
                                                      const char        *text);
/* The voices shown (after the filters), a GListModel of TalkieVoice; and every voice
 * loaded. */
GListModel   *talkie_voice_picker_get_visible_voices (TalkieVoicePicker *self);
GListModel   *talkie_voice_picker_get_voices         (TalkieVoicePicker *self);
/* Selects @voice if it is shown; NULL unselects. */
void          talkie_voice_picker_select_voice       (TalkieVoicePicker *self,
                                                      TalkieVoice       *voice);

/* Chooses @voice, the listed one of the same id when there is one, even if a filter
 * or the source hides it. */
void          talkie_voice_picker_choose_voice       (TalkieVoicePicker *self,
                                                      TalkieVoice       *voice);
/* Puts the focus on the chosen voice, or on the search. */
void          talkie_voice_picker_focus              (TalkieVoicePicker *self);

G_END_DECLS
