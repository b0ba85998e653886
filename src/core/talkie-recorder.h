/* talkie-recorder.h: records a take from a microphone into a compact MP3 in the
 * user's cache, with a live input level and the elapsed time.
 *
 * Tests and CI have no microphone: with the environment variable
 * TALKIE_RECORD_TEST_SOURCE set, the recorder reads from a test source instead
 * of the microphone. "1" means a live 440 Hz tone (audiotestsrc); any other
 * value is taken as a gst-launch description of the source bin, such as
 * "audiotestsrc is-live=true ! identity error-after=20" to fail mid-take.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gst/gst.h>

G_BEGIN_DECLS

#define TALKIE_RECORDER_ERROR (talkie_recorder_error_quark ())

typedef enum
{
  TALKIE_RECORDER_ERROR_NO_INPUT       = 1,  /* no microphone, or it could not be opened */
  TALKIE_RECORDER_ERROR_NOT_AUTHORIZED = 2,  /* the system refused access to the microphone */
  TALKIE_RECORDER_ERROR_INPUT_LOST     = 3,  /* the microphone went away mid-take: the take so far is kept */
  TALKIE_RECORDER_ERROR_MISSING_PLUGIN = 4,  /* a GStreamer element we need is not installed */
  TALKIE_RECORDER_ERROR_WRITE          = 5,  /* the take could not be written */
  TALKIE_RECORDER_ERROR_BUSY           = 6,  /* a take is already being recorded */
} TalkieRecorderError;

GQuark talkie_recorder_error_quark (void);

/* The environment variable that selects the test source (see above). */
#define TALKIE_RECORDER_TEST_SOURCE_ENV "TALKIE_RECORD_TEST_SOURCE"

#define TALKIE_TYPE_RECORDER (talkie_recorder_get_type ())

G_DECLARE_FINAL_TYPE (TalkieRecorder, talkie_recorder, TALKIE, RECORDER, GObject)

/* Properties: "input" (GstDevice, NULL for the system's default), "recording"
 * (boolean), "level" (double 0..1, the input's peak over the last 50 ms on a
 * 60 dB scale), "elapsed" (double seconds recorded so far). */
TalkieRecorder *talkie_recorder_new              (void);

/* The microphones there are now (GstDeviceMonitor, class Audio/Source), each a
 * full reference. Empty with no sound server; that is not an error. */
GList          *talkie_recorder_list_inputs      (void);

void            talkie_recorder_set_input        (TalkieRecorder      *self,
                                                  GstDevice           *input);
GstDevice      *talkie_recorder_get_input        (TalkieRecorder      *self);
gboolean        talkie_recorder_get_recording    (TalkieRecorder      *self);
double          talkie_recorder_get_level        (TalkieRecorder      *self);
double          talkie_recorder_get_elapsed      (TalkieRecorder      *self);

/* Where takes go: g_get_user_cache_dir()/talkie/recordings. */
char           *talkie_recorder_dup_default_directory (void);

/* Records until talkie_recorder_stop(), then finishes the file in @directory
 * (NULL: the default one) under a new "Recording …mp3" name; it is written
 * under a hidden temporary name until then. Cancelling discards the take
 * (G_IO_ERROR_CANCELLED). A failure mid-take returns the error and keeps what
 * was recorded: see talkie_recorder_get_partial_take(). */
void            talkie_recorder_record_async     (TalkieRecorder      *self,
                                                  GFile               *directory,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* Returns: (transfer full): the take */
GFile          *talkie_recorder_record_finish    (TalkieRecorder      *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
/* Ends the take in progress: its file is finished, then the record call returns. */
void            talkie_recorder_stop             (TalkieRecorder      *self);

/* After a take that failed mid-way: the file holding what was recorded, or
 * NULL when nothing was. Reset by the next take. */
GFile          *talkie_recorder_get_partial_take (TalkieRecorder      *self);

G_END_DECLS
