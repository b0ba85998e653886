/* talkie-audio-source-row.h: one recording in the audio drop's list: its name,
 * how long and how big it is (or why it was refused), its waveform, a preview,
 * a trim button and a remove button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-audio-player.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_AUDIO_SOURCE_ROW (talkie_audio_source_row_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAudioSourceRow, talkie_audio_source_row, TALKIE, AUDIO_SOURCE_ROW, AdwActionRow)

/* Properties: "source" (construct-only), "player" (NULL: no preview),
 * "measuring" (TRUE until the source's measurement ends), "error" (why the source
 * was refused, NULL when it was not).
 * Signals: "remove" when its remove button is clicked; "trimmed" (GFile *file)
 * when the user trimmed the recording into @file (a new file: the source itself
 * is unchanged). A local recording that passed the probe shows its waveform. */
GtkWidget         *talkie_audio_source_row_new           (TalkieAudioSource    *source,
                                                          TalkieAudioPlayer    *player);
TalkieAudioSource *talkie_audio_source_row_get_source    (TalkieAudioSourceRow *self);
void               talkie_audio_source_row_set_player    (TalkieAudioSourceRow *self,
                                                          TalkieAudioPlayer    *player);
void               talkie_audio_source_row_set_measuring (TalkieAudioSourceRow *self,
                                                          gboolean              measuring);
void               talkie_audio_source_row_set_error     (TalkieAudioSourceRow *self,
                                                          const char           *error);

G_END_DECLS
