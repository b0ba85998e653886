/* talkie-video-stream.h: a GtkMediaStream that plays a video through GStreamer
 * into plain memory textures, for GtkVideo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TALKIE_TYPE_VIDEO_STREAM (talkie_video_stream_get_type ())

G_DECLARE_FINAL_TYPE (TalkieVideoStream, talkie_video_stream, TALKIE, VIDEO_STREAM, GtkMediaStream)

TalkieVideoStream *talkie_video_stream_new     (const char        *uri);
const char        *talkie_video_stream_get_uri (TalkieVideoStream *self);
guint              talkie_video_stream_get_n_frames (TalkieVideoStream *self);

G_END_DECLS
