/* talkie-audio-player.h: one playbin for the voice samples and the audio previews,
 * so that starting one sound stops the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TALKIE_TYPE_AUDIO_PLAYER (talkie_audio_player_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAudioPlayer, talkie_audio_player, TALKIE, AUDIO_PLAYER, GObject)

typedef enum
{
  TALKIE_AUDIO_PLAYER_STOPPED   = 0,
  TALKIE_AUDIO_PLAYER_BUFFERING = 1, /* asked to play, not audible yet */
  TALKIE_AUDIO_PLAYER_PLAYING   = 2,
  TALKIE_AUDIO_PLAYER_ERROR     = 3, /* the last uri could not be played: see "error-message" */
} TalkieAudioPlayerState;

/* Properties: "uri" (the sound asked for last, NULL when none), "state",
 * "error-message" (user-readable, when state is ERROR), "position" (seconds into
 * the current sound, -1 when none is playing; while one plays it is updated a
 * few times a second, and only then: an idle player runs no timer).
 * An http(s) sound is fetched whole, then played from memory (see fetch() for why).
 * With TALKIE_AUDIO_SINK=fake in the environment, sound goes to a fakesink
 * (for tests on machines without audio hardware). */
TalkieAudioPlayer      *talkie_audio_player_new               (void);
void                    talkie_audio_player_play              (TalkieAudioPlayer *self,
                                                               const char        *uri);
void                    talkie_audio_player_stop              (TalkieAudioPlayer *self);
/* Plays @uri, or stops it when it is the one playing or buffering. */
void                    talkie_audio_player_toggle            (TalkieAudioPlayer *self,
                                                               const char        *uri);
/* Plays @uri from @seconds; when @uri is the one playing, only moves there. */
void                    talkie_audio_player_seek              (TalkieAudioPlayer *self,
                                                               const char        *uri,
                                                               double             seconds);
double                  talkie_audio_player_get_position      (TalkieAudioPlayer *self);
const char             *talkie_audio_player_get_uri           (TalkieAudioPlayer *self);
TalkieAudioPlayerState  talkie_audio_player_get_state         (TalkieAudioPlayer *self);
/* The state of @uri: STOPPED unless it is the current one. */
TalkieAudioPlayerState  talkie_audio_player_get_state_for_uri (TalkieAudioPlayer *self,
                                                               const char        *uri);
const char             *talkie_audio_player_get_error_message (TalkieAudioPlayer *self);
/* The reason @uri last failed to play, until it is played again; NULL if it did not fail. */
const char             *talkie_audio_player_get_error_for_uri (TalkieAudioPlayer *self,
                                                               const char        *uri);

/* Shows @uri's state on a play button: a play or stop icon, a spinner while buffering,
 * with a matching tooltip and accessible label; @what names the sound ("Emily"). */
void                    talkie_audio_player_update_button     (TalkieAudioPlayer *self,
                                                               GtkButton         *button,
                                                               const char        *uri,
                                                               const char        *what);

G_END_DECLS
