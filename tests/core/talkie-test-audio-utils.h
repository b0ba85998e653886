/* talkie-test-audio-utils.h: media for the recorder, peaks and trim tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
