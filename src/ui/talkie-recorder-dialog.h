/* talkie-recorder-dialog.h: records a take in place: elapsed time, a live
 * input level, Stop; Cancel or Escape discards; an input chooser when there
 * are several microphones (the choice is remembered).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_RECORDER_DIALOG (talkie_recorder_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TalkieRecorderDialog, talkie_recorder_dialog, TALKIE, RECORDER_DIALOG, AdwWindow)

/* Signals: "recorded" (GFile *take) when a take is finished, also one cut short
 * by a failing microphone (the dialog then stays open to say so).
 * Recording starts when the dialog is shown. */
GtkWidget      *talkie_recorder_dialog_new          (GtkWindow            *parent);
TalkieRecorder *talkie_recorder_dialog_get_recorder (TalkieRecorderDialog *self);
/* The error shown, NULL while all is well. */
const char     *talkie_recorder_dialog_get_error    (TalkieRecorderDialog *self);

G_END_DECLS
