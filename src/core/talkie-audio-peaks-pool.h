/* talkie-audio-peaks-pool.h: a GstTaskPool for background pipelines (waveform
 * peaks): each streaming thread is its own, runs at a low priority, and ends
 * with its task, so that decoding never competes with the window's main loop
 * and no thread of a shared pool keeps the lowered priority.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

#define TALKIE_TYPE_AUDIO_PEAKS_POOL (talkie_audio_peaks_pool_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAudioPeaksPool, talkie_audio_peaks_pool, TALKIE, AUDIO_PEAKS_POOL, GstTaskPool)

GstTaskPool *talkie_audio_peaks_pool_new     (void);

/* Makes every task of @pipeline run on @pool: call before it leaves NULL. */
void         talkie_audio_peaks_pool_adopt   (GstTaskPool *pool,
                                              GstElement  *pipeline);

G_END_DECLS
