/* test-client-common.h: what the test programs of TalkieClient share
 * (test-client.c: the API calls; -upload.c; -download.c): a fixture with an
 * in-process sandbox, the calls made synchronous, real media to send.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "talkie-core.h"
#include "talkie-sandbox.h"

G_BEGIN_DECLS

#define AVATAR_COUNT 12
#define STEP_MS      10

typedef struct
{
  TalkieSandbox *sandbox;
  TalkieClient  *client;
  char          *data_dir;
  char          *work_dir;
} Fixture;

/* What a transfer's progress callback saw. */
typedef struct
{
  goffset       last_done;
  goffset       total;
  guint         calls;
  gboolean      monotonic;
  GCancellable *cancel_after_first;   /* cancelled at the first report with bytes moved */
  gboolean      destroyed;
} Progress;

/* gst_init () and g_test_init (). */
void                 client_test_init  (int           *argc,
                                        char        ***argv);
/* A test on a Fixture: a sandbox of AVATAR_COUNT avatars and a client for it. */
void                 client_test_add   (const char    *path,
                                        void         (*func) (Fixture *, gconstpointer));

TalkieProject       *get_project       (TalkieClient  *client,
                                        const char    *id,
                                        GError       **error);
char                *create_render     (TalkieClient               *client,
                                        const TalkieRenderRequest  *request,
                                        GError                    **error);
/* @progress may be NULL. */
char                *upload            (TalkieClient  *client,
                                        GFile         *file,
                                        Progress      *progress,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean             download          (TalkieClient  *client,
                                        const char    *url,
                                        GFile         *destination,
                                        Progress      *progress,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* A real, whole WebM video: what the client's download accepts. */
GBytes              *small_webm        (void);
/* What @url serves, fetched with a plain libsoup session. */
GBytes              *fetch             (const char    *url);
/* A real, playable WAV: @seconds of a 440 Hz tone, 44.1 kHz, 16-bit stereo. */
GBytes              *make_wav          (double         seconds);
GBytes              *read_file         (GFile         *file);
/* Uploads 1.5 s of WAV with progress, checks the progress; returns the asset URL. */
char                *upload_voice      (Fixture       *fixture,
                                        GBytes       **wav_out);
TalkieRenderRequest *make_request      (Fixture       *fixture,
                                        const char    *audio_url);
/* The video address of a finished render of the sandbox's. */
char                *render_video      (Fixture       *fixture);
/* A GSourceFunc that cancels the GCancellable it is given. */
gboolean             cancel_cb         (gpointer       user_data);

G_END_DECLS
