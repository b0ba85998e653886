/* talkie-test-audio-utils.h: media for the recorder, peaks and trim tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "talkie-audio-peaks.h"

G_BEGIN_DECLS

/* talkie_test_run_pipeline() with a printf-style description. */
void talkie_test_run_pipeline_printf (const char *format,
                                      ...) G_GNUC_PRINTF (1, 2);

/* Writes a 16-bit mono WAV at @rate: @lead seconds of digital silence, a 440 Hz
 * sine of @amplitude (0..1) for @tone seconds, then @trail seconds of silence. */
void talkie_test_write_tone_wav      (const char *path,
                                      guint       rate,
                                      double      lead,
                                      double      tone,
                                      double      trail,
                                      double      amplitude);

/* The peaks of @file (@per_second a second, at most @max), computed on the
 * main loop's behalf and waited for. */
TalkieAudioPeaks *talkie_test_compute_peaks      (GFile      *file,
                                                  guint       per_second,
                                                  guint       max);

/* The length of @file, probed as TalkieAudioSource does; it must be an MP3. */
double            talkie_test_probe_mp3_duration (GFile      *file);

/* The one file a sandbox stored from an upload ("upload-TOKEN" somewhere in
 * its data dir @dir, beside the videos it renders). */
GFile            *talkie_test_find_upload        (const char *dir);

G_END_DECLS
