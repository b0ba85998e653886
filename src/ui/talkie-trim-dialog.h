/* talkie-trim-dialog.h: trims a recording: the waveform with two handles, the
 * selection played, Trim Silence to set the handles, and Apply that writes the
 * trimmed file (with progress) before anything is uploaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-waveform.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_TRIM_DIALOG (talkie_trim_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TalkieTrimDialog, talkie_trim_dialog, TALKIE, TRIM_DIALOG, AdwWindow)

/* Signals: "trimmed" (GFile *file) when the trimmed file is written; the dialog
 * then closes. */
GtkWidget      *talkie_trim_dialog_new          (GtkWindow        *parent,
                                                 GFile            *file,
                                                 TalkieAudioPeaks *peaks);
TalkieWaveform *talkie_trim_dialog_get_waveform (TalkieTrimDialog *self);
/* Writes the selection (what Apply does). */
void            talkie_trim_dialog_apply        (TalkieTrimDialog *self);

G_END_DECLS
