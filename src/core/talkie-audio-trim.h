/* talkie-audio-trim.h: writes the part of a recording between two times to a
 * new MP3, on a worker thread, with progress; and finds where the sound in a
 * recording starts and ends (to suggest trim handles).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "talkie-audio-peaks.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_AUDIO_TRIM (talkie_audio_trim_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAudioTrim, talkie_audio_trim, TALKIE, AUDIO_TRIM, GObject)

/* Properties: "input" (GFile), "start" and "end" (double seconds), "fraction"
 * (double 0..1, how much is written; notified on the caller's main context). */
TalkieAudioTrim *talkie_audio_trim_new          (GFile               *input,
                                                 double               start,
                                                 double               end);
GFile           *talkie_audio_trim_get_input    (TalkieAudioTrim     *self);
double           talkie_audio_trim_get_start    (TalkieAudioTrim     *self);
double           talkie_audio_trim_get_end      (TalkieAudioTrim     *self);
double           talkie_audio_trim_get_fraction (TalkieAudioTrim     *self);

/* Decodes [start, end] of the input and encodes it to @output (NULL: a new
 * "NAME (trimmed).mp3" beside the takes in the cache dir). The file is written
 * under a temporary name and renamed when complete; a failure or cancellation
 * leaves nothing. Input that is not audio: TALKIE_AUDIO_ERROR_NOT_AUDIO. */
void             talkie_audio_trim_run_async    (TalkieAudioTrim     *self,
                                                 GFile               *output,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* Returns: (transfer full): the file written */
GFile           *talkie_audio_trim_run_finish   (TalkieAudioTrim     *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Where the sound is: from a little before the first peak at or above
 * @threshold (0..1) to a little after the last. FALSE when nothing reaches it. */
gboolean         talkie_audio_trim_find_sound   (TalkieAudioPeaks    *peaks,
                                                 float                threshold,
                                                 double              *start,
                                                 double              *end);

G_END_DECLS
