/* talkie-audio-source.h: the voice recording a render speaks, a local file or
 * an http(s) URL, measured with GstDiscoverer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TALKIE_TYPE_AUDIO_SOURCE (talkie_audio_source_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAudioSource, talkie_audio_source, TALKIE, AUDIO_SOURCE, GObject)

/* Properties: "uri", "file" (NULL for a URL), "display-name" (file name, or the URL's
 * host and last path segment), "duration" (double seconds, 0 until probed),
 * "size" (gint64 bytes, -1 unknown), "content-type" (NULL until known), "probed". */
TalkieAudioSource *talkie_audio_source_new_for_file     (GFile              *file);
/* Accepts file://, http:// and https://; anything else: TALKIE_AUDIO_ERROR_BAD_URI. */
TalkieAudioSource *talkie_audio_source_new_for_uri      (const char         *uri,
                                                         GError            **error);
const char        *talkie_audio_source_get_uri          (TalkieAudioSource  *self);
GFile             *talkie_audio_source_get_file         (TalkieAudioSource  *self);
gboolean           talkie_audio_source_is_local         (TalkieAudioSource  *self);
const char        *talkie_audio_source_get_display_name (TalkieAudioSource  *self);
double             talkie_audio_source_get_duration     (TalkieAudioSource  *self);
gint64             talkie_audio_source_get_size         (TalkieAudioSource  *self);
const char        *talkie_audio_source_get_content_type (TalkieAudioSource  *self);
gboolean           talkie_audio_source_get_probed       (TalkieAudioSource  *self);

/* Measures duration (and size, content type); refuses what is not audio with a
 * TALKIE_AUDIO_ERROR. Runs on the calling thread's main context. */
void               talkie_audio_source_probe_async      (TalkieAudioSource  *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean           talkie_audio_source_probe_finish     (TalkieAudioSource  *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);

G_END_DECLS
