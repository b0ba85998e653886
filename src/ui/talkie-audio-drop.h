/* talkie-audio-drop.h: the voice recordings a render speaks: dropped files or links,
 * chosen files, typed or pasted links; each measured before use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-audio-player.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_AUDIO_DROP (talkie_audio_drop_get_type ())

G_DECLARE_FINAL_TYPE (TalkieAudioDrop, talkie_audio_drop, TALKIE, AUDIO_DROP, AdwBin)

/* Properties: "player", "n-ready" (sources measured and fit for a render),
 * "n-probing" (sources still being measured).
 * Signals: "probed" (TalkieAudioSource *source, gboolean ok) when a source's
 * measurement ends. */
TalkieAudioPlayer *talkie_audio_drop_get_player           (TalkieAudioDrop   *self);
void               talkie_audio_drop_set_player           (TalkieAudioDrop   *self,
                                                           TalkieAudioPlayer *player);
/* Adds and measures; returns the source (owned by the drop) or NULL when it was
 * already there. A file whose URI is http(s) is taken as a link. */
TalkieAudioSource *talkie_audio_drop_add_file             (TalkieAudioDrop   *self,
                                                           GFile             *file);
/* NULL with a user-readable error when @uri is not a file, http or https link. */
TalkieAudioSource *talkie_audio_drop_add_uri              (TalkieAudioDrop   *self,
                                                           const char        *uri,
                                                           GError           **error);
/* What a drop delivers: a GdkFileList, or a string (text/uri-list or a plain link).
 * Returns how many sources were added. */
guint              talkie_audio_drop_add_dropped          (TalkieAudioDrop   *self,
                                                           const GValue      *value);
void               talkie_audio_drop_remove               (TalkieAudioDrop   *self,
                                                           TalkieAudioSource *source);
/* Removes the ready sources (after they went into renders). */
void               talkie_audio_drop_remove_ready         (TalkieAudioDrop   *self);
/* Every source, a GListModel of TalkieAudioSource, in the order added. */
GListModel        *talkie_audio_drop_get_sources          (TalkieAudioDrop   *self);
/* The ready ones, in order: a new array of new references. */
GPtrArray         *talkie_audio_drop_dup_ready_sources    (TalkieAudioDrop   *self);
guint              talkie_audio_drop_get_n_ready          (TalkieAudioDrop   *self);
guint              talkie_audio_drop_get_n_probing        (TalkieAudioDrop   *self);
/* Why @source was refused, NULL when it was not (or is still being measured). */
const char        *talkie_audio_drop_get_source_error     (TalkieAudioDrop   *self,
                                                           TalkieAudioSource *source);

G_END_DECLS
