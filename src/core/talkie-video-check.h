/* talkie-video-check.h: is what arrived a whole video?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Bytes talkie_video_sniff() needs. */
#define TALKIE_VIDEO_SNIFF_BYTES 12

/* TRUE when @head starts an MP4/QuickTime (ISO BMFF) or a Matroska/WebM file. */
gboolean talkie_video_sniff          (const guint8  *head,
                                      gsize          length);

/* Walks the container's top-level structure: every box or element it declares
 * must be there in full, and the file must end where the structure ends. A
 * download cut short between two HTTP chunks fails here. Blocking: call it
 * from a worker thread. FALSE with TALKIE_API_ERROR_TRUNCATED or
 * TALKIE_API_ERROR_NOT_A_VIDEO. */
gboolean talkie_video_check_complete (GFile         *file,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
