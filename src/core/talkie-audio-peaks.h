/* talkie-audio-peaks.h: the peaks of a recording for its waveform, computed by
 * a GStreamer pipeline on a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TALKIE_TYPE_AUDIO_PEAKS (talkie_audio_peaks_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAudioPeaks, talkie_audio_peaks, TALKIE, AUDIO_PEAKS, GObject)

/* Decodes @file (any audio GStreamer reads; the first audio stream of a video)
 * and keeps, for each slice of 1/@peaks_per_second seconds, the largest
 * absolute sample over all channels (0..1). Never more than @max_peaks: a long
 * file gets wider slices instead. The caller's main context is never blocked.
 * A file without audio: TALKIE_AUDIO_ERROR_NOT_AUDIO. */
void              talkie_audio_peaks_compute_async  (GFile               *file,
                                                     guint                peaks_per_second,
                                                     guint                max_peaks,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
TalkieAudioPeaks *talkie_audio_peaks_compute_finish (GAsyncResult        *result,
                                                     GError             **error);

/* The peaks, each covering get_interval() seconds of audio from the start. */
const float      *talkie_audio_peaks_get_values     (TalkieAudioPeaks    *self,
                                                     guint               *n_values);
double            talkie_audio_peaks_get_interval   (TalkieAudioPeaks    *self);
/* The length of the audio decoded, in seconds. */
double            talkie_audio_peaks_get_duration   (TalkieAudioPeaks    *self);
/* The largest peak between @start and @end seconds (0 outside the audio). */
float             talkie_audio_peaks_get_max        (TalkieAudioPeaks    *self,
                                                     double               start,
                                                     double               end);

G_END_DECLS
