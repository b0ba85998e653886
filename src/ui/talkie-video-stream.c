/* talkie-video-stream.c
 *
 * GTK's own GStreamer backend (GtkMediaFile) hands GStreamer the window's GL
 * context and asks for GL frames. That needs GStreamer's GL plugin at run time
 * (without it GTK 4.8 plays black frames, the timeline moving on), and with it
 * Mesa's software renderer crashes in GStreamer's GL thread. A talking-avatar
 * clip needs none of that: playbin decodes into an appsink, each frame becomes
 * a GdkMemoryTexture, and GTK's renderer draws it like any other picture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "talkie-video-stream.h"

struct _TalkieVideoStream
{
  GtkMediaStream  parent_instance;

  char           *uri;
  GstElement     *playbin;
  guint           bus_watch;
  GMainContext   *context;       /* where frames are shown: the one we were made in */

  GdkTexture     *texture;       /* the frame on screen */
  guint           n_frames;

  /* Handed over from the streaming thread; only the newest frame is kept. */
  GMutex          lock;
  GdkTexture     *next_texture;
  gint64          next_timestamp;
  gboolean        frame_scheduled;

  guint           seeking : 1;
  guint           want_playing : 1;
  guint           buffering : 1;
};

static void talkie_video_stream_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TalkieVideoStream, talkie_video_stream, GTK_TYPE_MEDIA_STREAM,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, talkie_video_stream_paintable_init))

/* The decoder's frames, as GDK reads them: four bytes a pixel, B G R A in
 * memory, the alpha always opaque. */
#define FRAME_CAPS "video/x-raw,format=BGRA"

/* --- paintable ---------------------------------------------------------------------- */

static void
talkie_video_stream_snapshot (GdkPaintable *paintable,
                              GdkSnapshot  *snapshot,
                              double        width,
                              double        height)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (paintable);

  if (self->texture != NULL)
    gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static GdkPaintable *
talkie_video_stream_get_current_image (GdkPaintable *paintable)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (paintable);

  if (self->texture != NULL)
    return GDK_PAINTABLE (g_object_ref (self->texture));

  return gdk_paintable_new_empty (0, 0);
}

static int
talkie_video_stream_get_intrinsic_width (GdkPaintable *paintable)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (paintable);

  return self->texture != NULL ? gdk_texture_get_width (self->texture) : 0;
}

static int
talkie_video_stream_get_intrinsic_height (GdkPaintable *paintable)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (paintable);

  return self->texture != NULL ? gdk_texture_get_height (self->texture) : 0;
}

static double
talkie_video_stream_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (paintable);

  if (self->texture == NULL)
    return 0.0;

  return (double) gdk_texture_get_width (self->texture) / gdk_texture_get_height (self->texture);
}

static void
talkie_video_stream_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = talkie_video_stream_snapshot;
  iface->get_current_image = talkie_video_stream_get_current_image;
  iface->get_intrinsic_width = talkie_video_stream_get_intrinsic_width;
  iface->get_intrinsic_height = talkie_video_stream_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = talkie_video_stream_get_intrinsic_aspect_ratio;
}

/* --- frames (the streaming thread, then the main context) ---------------------------- */

static void
video_frame_free (gpointer data)
{
  GstVideoFrame *frame = data;

  gst_video_frame_unmap (frame);
  g_free (frame);
}

/* A texture that keeps the decoded buffer mapped for as long as it lives:
 * no copy of the pixels. */
static GdkTexture *
texture_for_sample (GstSample *sample,
                    gint64    *timestamp)
{
  GstBuffer *buffer = gst_sample_get_buffer (sample);
  const GstSegment *segment = gst_sample_get_segment (sample);
  g_autoptr(GBytes) bytes = NULL;
  GstVideoFrame *frame;
  GstVideoInfo info;
  guint64 stream_time;

  if (buffer == NULL || !gst_video_info_from_caps (&info, gst_sample_get_caps (sample)))
    return NULL;

  frame = g_new0 (GstVideoFrame, 1);
  if (!gst_video_frame_map (frame, &info, buffer, GST_MAP_READ))
    {
      g_free (frame);
      return NULL;
    }

  stream_time = segment != NULL && GST_BUFFER_PTS_IS_VALID (buffer)
              ? gst_segment_to_stream_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buffer))
              : GST_CLOCK_TIME_NONE;
  *timestamp = GST_CLOCK_TIME_IS_VALID (stream_time) ? (gint64) (stream_time / GST_USECOND) : -1;

  bytes = g_bytes_new_with_free_func (GST_VIDEO_FRAME_PLANE_DATA (frame, 0),
                                      (gsize) GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0) * GST_VIDEO_FRAME_HEIGHT (frame),
                                      video_frame_free, frame);

  return gdk_memory_texture_new (GST_VIDEO_FRAME_WIDTH (frame),
                                 GST_VIDEO_FRAME_HEIGHT (frame),
                                 GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                 bytes,
                                 GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0));
}

static gboolean
show_next_frame_cb (gpointer data)
{
  TalkieVideoStream *self = data;
  g_autoptr(GdkTexture) texture = NULL;
  gboolean size_changed;
  gint64 timestamp;

  g_mutex_lock (&self->lock);
  texture = g_steal_pointer (&self->next_texture);
  timestamp = self->next_timestamp;
  self->frame_scheduled = FALSE;
  g_mutex_unlock (&self->lock);

  if (texture == NULL || self->playbin == NULL)
    return G_SOURCE_REMOVE;

  size_changed = self->texture == NULL ||
                 gdk_texture_get_width (self->texture) != gdk_texture_get_width (texture) ||
                 gdk_texture_get_height (self->texture) != gdk_texture_get_height (texture);

  g_set_object (&self->texture, texture);
  self->n_frames++;

  if (size_changed)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));

  if (timestamp >= 0 && gtk_media_stream_is_prepared (GTK_MEDIA_STREAM (self)) && !self->seeking)
    gtk_media_stream_update (GTK_MEDIA_STREAM (self), timestamp);

  return G_SOURCE_REMOVE;
}

/* In the streaming thread: keep the newest frame, and wake the main context
 * once for however many frames arrive before it gets there. */
static void
hand_over_sample (TalkieVideoStream *self,
                  GstSample         *sample)
{
  GdkTexture *texture;
  gint64 timestamp = -1;
  gboolean schedule;

  if (sample == NULL)
    return;

  texture = texture_for_sample (sample, &timestamp);
  gst_sample_unref (sample);
  if (texture == NULL)
    return;

  g_mutex_lock (&self->lock);
  g_clear_object (&self->next_texture);
  self->next_texture = texture;
  self->next_timestamp = timestamp;
  schedule = !self->frame_scheduled;
  self->frame_scheduled = TRUE;
  g_mutex_unlock (&self->lock);

  if (schedule)
    g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT,
                                show_next_frame_cb, g_object_ref (self), g_object_unref);
}

static GstFlowReturn
new_preroll_cb (GstAppSink *sink,
                gpointer    user_data)
{
  hand_over_sample (user_data, gst_app_sink_pull_preroll (sink));
  return GST_FLOW_OK;
}

static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  hand_over_sample (user_data, gst_app_sink_pull_sample (sink));
  return GST_FLOW_OK;
}

/* --- the pipeline's messages (main context) ------------------------------------------ */

static const char *
message_for_error (const GError *error)
{
  if (error->domain == GST_RESOURCE_ERROR)
    return _("The video could not be downloaded. Check your connection, then open it again.");

  return _("The video could not be played: its format is not supported or the file is damaged. Try saving it, or open it in your browser.");
}

static void
stream_prepared (TalkieVideoStream *self)
{
  g_autoptr(GstQuery) query = gst_query_new_seeking (GST_FORMAT_TIME);
  gboolean seekable = FALSE;
  gint64 duration = 0;
  int n_audio = 0;
  int n_video = 0;

  g_object_get (self->playbin, "n-audio", &n_audio, "n-video", &n_video, NULL);

  if (gst_element_query (self->playbin, query))
    gst_query_parse_seeking (query, NULL, &seekable, NULL, NULL);

  if (!gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration) || duration < 0)
    duration = 0;

  gtk_media_stream_stream_prepared (GTK_MEDIA_STREAM (self),
                                    n_audio > 0, n_video > 0, seekable,
                                    duration / GST_USECOND);
}

static void
apply_wanted_state (TalkieVideoStream *self)
{
  if (self->buffering)
    return;

  gst_element_set_state (self->playbin, self->want_playing ? GST_STATE_PLAYING : GST_STATE_PAUSED);
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  TalkieVideoStream *self = user_data;
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ASYNC_DONE:
      if (!gtk_media_stream_is_prepared (stream))
        stream_prepared (self);
      else if (self->seeking)
        {
          gint64 position = 0;

          self->seeking = FALSE;
          if (gst_element_query_position (self->playbin, GST_FORMAT_TIME, &position))
            gtk_media_stream_update (stream, position / GST_USECOND);
          gtk_media_stream_seek_success (stream);
        }
      break;

    case GST_MESSAGE_EOS:
      if (gtk_media_stream_get_loop (stream) &&
          gst_element_seek_simple (self->playbin, GST_FORMAT_TIME, GST_SEEK_FLAG_FLUSH, 0))
        break;
      self->want_playing = FALSE;
      gst_element_set_state (self->playbin, GST_STATE_PAUSED);
      gtk_media_stream_stream_ended (stream);
      break;

    case GST_MESSAGE_BUFFERING:
      {
        int percent = 100;

        gst_message_parse_buffering (message, &percent);
        if (percent < 100 && !self->buffering)
          {
            self->buffering = TRUE;
            gst_element_set_state (self->playbin, GST_STATE_PAUSED);
          }
        else if (percent >= 100 && self->buffering)
          {
            self->buffering = FALSE;
            apply_wanted_state (self);
          }
      }
      break;

    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_debug ("Video error: %s (%s)", error->message, debug ? debug : "");
        gst_element_set_state (self->playbin, GST_STATE_NULL);
        self->seeking = FALSE;
        gtk_media_stream_error (stream, error->domain, error->code, "%s", message_for_error (error));
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

/* --- GtkMediaStream ----------------------------------------------------------------- */

static gboolean
talkie_video_stream_play (GtkMediaStream *stream)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (stream);

  if (self->playbin == NULL || gtk_media_stream_get_error (stream) != NULL)
    return FALSE;

  self->want_playing = TRUE;
  apply_wanted_state (self);

  return TRUE;
}

static void
talkie_video_stream_pause (GtkMediaStream *stream)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (stream);

  if (self->playbin == NULL)
    return;

  self->want_playing = FALSE;
  apply_wanted_state (self);
}

static void
talkie_video_stream_seek (GtkMediaStream *stream,
                          gint64          timestamp)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (stream);

  if (self->playbin != NULL &&
      gst_element_seek_simple (self->playbin, GST_FORMAT_TIME,
                               GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                               timestamp * GST_USECOND))
    self->seeking = TRUE;
  else
    gtk_media_stream_seek_failed (stream);
}

static void
talkie_video_stream_update_audio (GtkMediaStream *stream,
                                  gboolean        muted,
                                  double          volume)
{
  TalkieVideoStream *self = TALKIE_VIDEO_STREAM (stream);

  if (self->playbin != NULL)
    g_object_set (self->playbin, "mute", muted, "volume", volume, NULL);
}

static void
talkie_video_stream_dispose (GObject *object)
{
  TalkieVideoStream *self = (TalkieVideoStream *)object;

  /* Stopping joins the streaming threads: no frame is handed over after this. */
  if (self->playbin != NULL)
    {
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      g_clear_handle_id (&self->bus_watch, g_source_remove);
      gst_clear_object (&self->playbin);
    }

  g_mutex_lock (&self->lock);
  g_clear_object (&self->next_texture);
  g_mutex_unlock (&self->lock);
  g_clear_object (&self->texture);

  G_OBJECT_CLASS (talkie_video_stream_parent_class)->dispose (object);
}

static void
talkie_video_stream_finalize (GObject *object)
{
  TalkieVideoStream *self = (TalkieVideoStream *)object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (talkie_video_stream_parent_class)->finalize (object);
}

static void
talkie_video_stream_class_init (TalkieVideoStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkMediaStreamClass *stream_class = GTK_MEDIA_STREAM_CLASS (klass);

  object_class->dispose = talkie_video_stream_dispose;
  object_class->finalize = talkie_video_stream_finalize;

  stream_class->play = talkie_video_stream_play;
  stream_class->pause = talkie_video_stream_pause;
  stream_class->seek = talkie_video_stream_seek;
  stream_class->update_audio = talkie_video_stream_update_audio;
}

static void
talkie_video_stream_init (TalkieVideoStream *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
}

/* Starts loading @uri at once and shows its first frame when it has it. An
 * error (no such element, a dead link, not a video) is the stream's error. */
TalkieVideoStream *
talkie_video_stream_new (const char *uri)
{
  g_autoptr(TalkieVideoStream) self = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstCaps) caps = NULL;
  GstAppSinkCallbacks callbacks = {
    .new_preroll = new_preroll_cb,
    .new_sample = new_sample_cb,
  };
  GstElement *sink;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (TALKIE_TYPE_VIDEO_STREAM, NULL);
  self->uri = g_strdup (uri);

  self->playbin = gst_element_factory_make ("playbin", NULL);
  sink = gst_element_factory_make ("appsink", NULL);
  if (self->playbin == NULL || sink == NULL)
    {
      if (sink != NULL)
        gst_object_unref (gst_object_ref_sink (sink));
      gst_clear_object (&self->playbin);
      gtk_media_stream_error (GTK_MEDIA_STREAM (self), GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
                              "%s", _("Videos cannot be played: GStreamer’s base plugins are missing. Install them, or save the video and open it in another player."));
      return g_steal_pointer (&self);
    }
  gst_object_ref_sink (self->playbin);

  caps = gst_caps_from_string (FRAME_CAPS);
  g_object_set (sink,
                "caps", caps,
                "enable-last-sample", FALSE,
                "max-buffers", 2,
                NULL);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, self, NULL);

  g_object_set (self->playbin,
                "uri", uri,
                "video-sink", sink,
                NULL);

  bus = gst_element_get_bus (self->playbin);
  self->bus_watch = gst_bus_add_watch (bus, bus_message_cb, self);

  gst_element_set_state (self->playbin, GST_STATE_PAUSED);

  return g_steal_pointer (&self);
}

const char *
talkie_video_stream_get_uri (TalkieVideoStream *self)
{
  g_return_val_if_fail (TALKIE_IS_VIDEO_STREAM (self), NULL);

  return self->uri;
}

/* How many frames have reached the screen side: for tests. */
guint
talkie_video_stream_get_n_frames (TalkieVideoStream *self)
{
  g_return_val_if_fail (TALKIE_IS_VIDEO_STREAM (self), 0);

  return self->n_frames;
}
