/* talkie-voice-row.h: one voice in the voice picker's list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-audio-player.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_VOICE_ROW (talkie_voice_row_get_type ())

G_DECLARE_FINAL_TYPE (TalkieVoiceRow, talkie_voice_row, TALKIE, VOICE_ROW, AdwBin)

/* Properties: "voice", "player". */
GtkWidget   *talkie_voice_row_new        (TalkieAudioPlayer *player);
TalkieVoice *talkie_voice_row_get_voice  (TalkieVoiceRow    *self);
void         talkie_voice_row_set_voice  (TalkieVoiceRow    *self,
                                          TalkieVoice       *voice);
void         talkie_voice_row_set_player (TalkieVoiceRow    *self,
                                          TalkieAudioPlayer *player);
/* What the row says under the name: "English · Female". */
char        *talkie_voice_row_dup_details (TalkieVoice *voice);
/* Plays the voice's sample, or stops it (what Space does in the voice list). */
void         talkie_voice_row_toggle_sample (TalkieVoiceRow *self);
/* "english" → "English": how a server's language name is shown. */

G_END_DECLS
