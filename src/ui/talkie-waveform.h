/* talkie-waveform.h: a recording's peaks drawn as bars, with a playhead and,
 * when trimmable, two handles that set the start and end of the selection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "talkie-core.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_WAVEFORM (talkie_waveform_get_type ())

G_DECLARE_FINAL_TYPE (TalkieWaveform, talkie_waveform, TALKIE, WAVEFORM, GtkWidget)

/* Properties: "peaks" (NULL: an empty line), "position" (the playhead, seconds;
 * negative hides it; the slider's value unless trimmable), "trimmable" (shows the handles), "start" and "end" (the
 * selection, seconds, kept within the audio and at least MIN_SELECTION apart).
 * Signals: "seek" (double seconds) on a click away from the handles, or a key
 * when not trimmable (what to do with it is the owner's: the row plays from there).
 *
 * Keyboard, when trimmable: Left/Right move the start handle, Shift+Left/Right the
 * end handle (a tenth of a second; with Ctrl a second); Home/End put them back at
 * the ends. Otherwise Left/Right seek a second back or on (with Ctrl five), Home
 * to the start. It is focusable once it has peaks. */
GtkWidget        *talkie_waveform_new           (void);
void              talkie_waveform_set_peaks     (TalkieWaveform   *self,
                                                 TalkieAudioPeaks *peaks);
TalkieAudioPeaks *talkie_waveform_get_peaks     (TalkieWaveform   *self);
void              talkie_waveform_set_position  (TalkieWaveform   *self,
                                                 double            position);
double            talkie_waveform_get_position  (TalkieWaveform   *self);
void              talkie_waveform_set_trimmable (TalkieWaveform   *self,
                                                 gboolean          trimmable);
void              talkie_waveform_set_selection (TalkieWaveform   *self,
                                                 double            start,
                                                 double            end);
double            talkie_waveform_get_start     (TalkieWaveform   *self);
double            talkie_waveform_get_end       (TalkieWaveform   *self);
/* TRUE when the selection is shorter than the whole audio. */
gboolean          talkie_waveform_is_trimmed    (TalkieWaveform   *self);

G_END_DECLS
