/* talkie-voice-chooser.h: the voice picker in a window of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-voice-picker.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_VOICE_CHOOSER (talkie_voice_chooser_get_type ())

G_DECLARE_FINAL_TYPE (TalkieVoiceChooser, talkie_voice_chooser, TALKIE, VOICE_CHOOSER, AdwWindow)

/* Closing only hides it: the picker, its voices and its filters stay for the next time. */
TalkieVoiceChooser *talkie_voice_chooser_new        (void);
TalkieVoicePicker  *talkie_voice_chooser_get_picker (TalkieVoiceChooser *self);
/* Shows the chooser over @parent with the focus on the chosen voice, or on the search. */
void                talkie_voice_chooser_present    (TalkieVoiceChooser *self,
                                                     GtkWindow          *parent);

G_END_DECLS
