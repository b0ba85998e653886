/* talkie-audio-player.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <libsoup/soup.h>

#include "talkie-core.h"

#include "talkie-audio-player.h"

struct _TalkieAudioPlayer
{
  GObject                 parent_instance;

  GstElement             *playbin;
  guint                   bus_watch;
  gulong                  source_setup_id;

  /* A sound on the web is fetched whole first, then played from memory. */
  SoupSession            *session;
  GCancellable           *fetch_cancellable;

  char                   *uri;
  char                   *error_message;
  GHashTable             *errors;
  TalkieAudioPlayerState  state;
  guint                   buffering : 1;

  /* Seconds into the sound, -1 when none plays; polled only while one plays. */
  double                  position;
  guint                   position_id;
  /* Where to start once the playbin has prerolled, -1 for the beginning. */
  double                  pending_seek;
};

G_DEFINE_FINAL_TYPE (TalkieAudioPlayer, talkie_audio_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GstPlayFlags of playbin: audio and soft volume, no video, no subtitles. */
#define PLAY_FLAG_AUDIO       (1 << 1)
#define PLAY_FLAG_SOFT_VOLUME (1 << 4)

#define FETCH_TIMEOUT_S       15
/* How often the position is read while a sound plays: often enough for a
 * playhead to glide over a waveform, rare enough to cost nothing. */
#define POSITION_INTERVAL_MS  50

static const char *
unreachable_message (void)
{
  return _("The sound could not be reached. Check your connection or the address, then try again.");
}

static void
set_position (TalkieAudioPlayer *self,
              double             position)
{
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

static gboolean
position_tick_cb (gpointer user_data)
{
  TalkieAudioPlayer *self = user_data;
  gint64 position = 0;

  if (gst_element_query_position (self->playbin, GST_FORMAT_TIME, &position) && position >= 0)
    set_position (self, (double) position / GST_SECOND);

  return G_SOURCE_CONTINUE;
}

/* The timer runs while a sound is audible, and never else: an idle app stays idle. */
static void
update_position_timer (TalkieAudioPlayer *self)
{
  if (self->state == TALKIE_AUDIO_PLAYER_PLAYING)
    {
      if (self->position_id == 0)
        {
          self->position_id = g_timeout_add (POSITION_INTERVAL_MS, position_tick_cb, self);
          g_source_set_name_by_id (self->position_id, "[talkie] audio player position");
          position_tick_cb (self);
        }
    }
  else
    {
      g_clear_handle_id (&self->position_id, g_source_remove);
      if (self->state != TALKIE_AUDIO_PLAYER_BUFFERING)
        set_position (self, -1);
    }
}

static void
set_state (TalkieAudioPlayer      *self,
           TalkieAudioPlayerState  state,
           const char             *error_message)
{
  gboolean error_changed = g_strcmp0 (self->error_message, error_message) != 0;

  if (error_changed)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }

  if (self->state != state)
    {
      self->state = state;
      update_position_timer (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static const char *
message_for_error (const GError *error)
{
  if (error->domain == GST_RESOURCE_ERROR)
    return unreachable_message ();

  if (error->domain == GST_STREAM_ERROR || error->domain == GST_CORE_ERROR)
    return _("The sound could not be played: its format is not supported or the file is damaged.");

  return _("The sound could not be played. Try again, or choose another one.");
}

static void
fail (TalkieAudioPlayer *self,
      const char        *message)
{
  if (self->playbin != NULL)
    gst_element_set_state (self->playbin, GST_STATE_NULL);
  self->buffering = FALSE;
  if (self->uri != NULL)
    g_hash_table_insert (self->errors, g_strdup (self->uri), g_strdup (message));
  set_state (self, TALKIE_AUDIO_PLAYER_ERROR, message);
}

/* Halts whatever is under way: the fetch, the playbin, and the memory it plays. */
static void
halt (TalkieAudioPlayer *self)
{
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);

  if (self->playbin != NULL)
    {
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      g_clear_signal_handler (&self->source_setup_id, self->playbin);
    }
  self->buffering = FALSE;
  self->pending_seek = -1;
}

/* A flushing seek, exact to the sample: a waveform click means that very place. */
static gboolean
seek_playbin (TalkieAudioPlayer *self,
              double             seconds)
{
  if (!gst_element_seek_simple (self->playbin, GST_FORMAT_TIME,
                                GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                                (gint64) (seconds * GST_SECOND)))
    {
      /* A sound played from memory is a stream: it plays from its start. */
      g_debug ("Could not seek %s to %.2f s", self->uri, seconds);
      return FALSE;
    }

  set_position (self, seconds);
  return TRUE;
}

static gboolean
bus_message_cb (GstBus     *bus,
                GstMessage *message,
                gpointer    user_data)
{
  TalkieAudioPlayer *self = user_data;

  g_assert (TALKIE_IS_AUDIO_PLAYER (self));

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_debug ("Audio player error: %s (%s)", error->message, debug ? debug : "");
        fail (self, message_for_error (error));
      }
      break;

    case GST_MESSAGE_EOS:
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      self->buffering = FALSE;
      set_state (self, TALKIE_AUDIO_PLAYER_STOPPED, NULL);
      break;

    case GST_MESSAGE_BUFFERING:
      {
        int percent = 0;

        gst_message_parse_buffering (message, &percent);
        if (percent < 100 && !self->buffering)
          {
            self->buffering = TRUE;
            gst_element_set_state (self->playbin, GST_STATE_PAUSED);
            set_state (self, TALKIE_AUDIO_PLAYER_BUFFERING, NULL);
          }
        else if (percent >= 100 && self->buffering)
          {
            self->buffering = FALSE;
            gst_element_set_state (self->playbin, GST_STATE_PLAYING);
          }
      }
      break;

    case GST_MESSAGE_ASYNC_DONE:
      /* Prerolled, paused: go to where it was asked to start, then play. */
      if (self->pending_seek >= 0)
        {
          double seconds = self->pending_seek;

          self->pending_seek = -1;
          seek_playbin (self, seconds);
          if (!self->buffering)
            gst_element_set_state (self->playbin, GST_STATE_PLAYING);
        }
      break;

    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->playbin))
        {
          GstState old_state, new_state, pending;

          gst_message_parse_state_changed (message, &old_state, &new_state, &pending);
          if (new_state == GST_STATE_PLAYING && self->state == TALKIE_AUDIO_PLAYER_BUFFERING)
            set_state (self, TALKIE_AUDIO_PLAYER_PLAYING, NULL);
        }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static void
talkie_audio_player_dispose (GObject *object)
{
  TalkieAudioPlayer *self = (TalkieAudioPlayer *)object;

  halt (self);
  g_clear_handle_id (&self->position_id, g_source_remove);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  g_clear_pointer (&self->playbin, gst_object_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (talkie_audio_player_parent_class)->dispose (object);
}

static void
talkie_audio_player_finalize (GObject *object)
{
  TalkieAudioPlayer *self = (TalkieAudioPlayer *)object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->errors, g_hash_table_unref);

  G_OBJECT_CLASS (talkie_audio_player_parent_class)->finalize (object);
}

static void
talkie_audio_player_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TalkieAudioPlayer *self = TALKIE_AUDIO_PLAYER (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_audio_player_class_init (TalkieAudioPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = talkie_audio_player_dispose;
  object_class->finalize = talkie_audio_player_finalize;
  object_class->get_property = talkie_audio_player_get_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      TALKIE_AUDIO_PLAYER_STOPPED, TALKIE_AUDIO_PLAYER_ERROR,
                      TALKIE_AUDIO_PLAYER_STOPPED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  if (!gst_is_initialized ())
    gst_init (NULL, NULL);
}

static void
talkie_audio_player_init (TalkieAudioPlayer *self)
{
  g_autoptr(GstBus) bus = NULL;

  self->position = -1;
  self->pending_seek = -1;
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      g_warning ("GStreamer’s playbin is missing: install gstreamer1.0-plugins-base to hear voices");
      return;
    }

  gst_object_ref_sink (self->playbin);
  g_object_set (self->playbin, "flags", PLAY_FLAG_AUDIO | PLAY_FLAG_SOFT_VOLUME, NULL);

  if (g_strcmp0 (g_getenv ("TALKIE_AUDIO_SINK"), "fake") == 0)
    {
      GstElement *sink = gst_element_factory_make ("fakesink", NULL);

      g_object_set (sink, "sync", TRUE, NULL);
      g_object_set (self->playbin, "audio-sink", sink, NULL);
    }

  bus = gst_element_get_bus (self->playbin);
  self->bus_watch = gst_bus_add_watch (bus, bus_message_cb, self);
}

TalkieAudioPlayer *
talkie_audio_player_new (void)
{
  return g_object_new (TALKIE_TYPE_AUDIO_PLAYER, NULL);
}

/* The bytes of one fetched sound, for the appsrc playbin makes to play them. */
typedef struct
{
  GBytes   *bytes;
  gboolean  pushed;
} Feed;

static void
feed_free (gpointer  data,
           GClosure *closure)
{
  Feed *feed = data;

  g_bytes_unref (feed->bytes);
  g_free (feed);
}

static void
bytes_closure_free (gpointer  data,
                    GClosure *closure)
{
  g_bytes_unref (data);
}

/* On appsrc's streaming thread: touches nothing but @feed. */
static void
need_data_cb (GstAppSrc *src,
              guint      length,
              Feed      *feed)
{
  if (feed->pushed)
    return;

  feed->pushed = TRUE;
  gst_app_src_push_buffer (src, gst_buffer_new_wrapped_bytes (feed->bytes));
  gst_app_src_end_of_stream (src);
}

/* Maybe on a GStreamer thread: touches nothing but @bytes and the new source. */
static void
source_setup_cb (GstElement *playbin,
                 GstElement *source,
                 GBytes     *bytes)
{
  Feed *feed;

  if (!GST_IS_APP_SRC (source))
    return;

  feed = g_new0 (Feed, 1);
  feed->bytes = g_bytes_ref (bytes);

  /* A stream, not seekable: everything is there already, in one buffer. */
  g_object_set (source,
                "stream-type", GST_APP_STREAM_TYPE_STREAM,
                "size", (gint64) g_bytes_get_size (bytes),
                NULL);
  g_signal_connect_data (source, "need-data", G_CALLBACK (need_data_cb), feed, feed_free, 0);
}

static void
start_playbin (TalkieAudioPlayer *self,
               const char        *uri)
{
  /* To start further in, preroll paused and seek first (see GST_MESSAGE_ASYNC_DONE),
   * so that the beginning is never heard. */
  GstState target = self->pending_seek >= 0 ? GST_STATE_PAUSED : GST_STATE_PLAYING;

  g_object_set (self->playbin, "uri", uri, NULL);

  if (gst_element_set_state (self->playbin, target) == GST_STATE_CHANGE_FAILURE)
    /* An error message usually follows on the bus; make sure the state says so. */
    fail (self, _("The sound could not be played. Try again, or choose another one."));
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  TalkieAudioPlayer *self;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *message;
  guint status;

  bytes = soup_session_send_and_read_finish (session, result, &error);

  /* Stopped, another sound asked for, or the player disposed: the fetch holds no
   * reference, so that dropping the player stops it; @user_data may be gone. A
   * cancelled task reports the cancellation even when it had finished. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = TALKIE_AUDIO_PLAYER (user_data);
  g_clear_object (&self->fetch_cancellable);

  message = soup_session_get_async_result_message (session, result);
  status = message != NULL ? soup_message_get_status (message) : 0;

  if (bytes == NULL || !SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("Could not fetch the sound %s: %s (HTTP %u)",
               self->uri, error ? error->message : "", status);
      fail (self, unreachable_message ());
      return;
    }

  self->source_setup_id = g_signal_connect_data (self->playbin, "source-setup",
                                                 G_CALLBACK (source_setup_cb),
                                                 g_bytes_ref (bytes), bytes_closure_free, 0);
  start_playbin (self, "appsrc://");
}

/* libsoup 3.2 crashes (a NULL dereference closing a SoupClientInputStream whose
 * message has moved on) when souphttpsrc restarts its request for the range
 * requests of a seek, and demuxers seek: oggdemux reads an Ogg file's end for its
 * duration. So playbin never sees the web: a sound there, a voice sample of a few
 * seconds, is fetched whole on this thread and played from memory. */
static void
fetch (TalkieAudioPlayer *self,
       const char        *uri)
{
  g_autoptr(SoupMessage) message = NULL;

  message = soup_message_new (SOUP_METHOD_GET, uri);
  if (message == NULL)
    {
      fail (self, unreachable_message ());
      return;
    }

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", talkie_core_get_user_agent (),
                                                   "timeout", FETCH_TIMEOUT_S,
                                                   NULL);

  self->fetch_cancellable = g_cancellable_new ();
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    self->fetch_cancellable, fetched_cb, self);
}

static gboolean
is_web_uri (const char *uri)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static void
play_from (TalkieAudioPlayer *self,
           const char        *uri,
           double             start)
{
  g_autofree char *new_uri = NULL;

  /* @uri may be our own. */
  new_uri = g_strdup (uri);

  if (self->playbin == NULL)
    {
      g_free (self->uri);
      self->uri = g_steal_pointer (&new_uri);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
      set_state (self, TALKIE_AUDIO_PLAYER_ERROR,
                 _("Sound cannot be played: GStreamer’s playbin is missing. Install gstreamer1.0-plugins-base."));
      return;
    }

  halt (self);
  g_hash_table_remove (self->errors, new_uri);

  /* Leave the old one stopped before announcing the new one. */
  set_state (self, TALKIE_AUDIO_PLAYER_STOPPED, NULL);

  g_free (self->uri);
  self->uri = g_steal_pointer (&new_uri);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);

  set_state (self, TALKIE_AUDIO_PLAYER_BUFFERING, NULL);
  if (start > 0)
    {
      self->pending_seek = start;
      set_position (self, start);
    }

  if (is_web_uri (self->uri))
    fetch (self, self->uri);
  else
    start_playbin (self, self->uri);
}

void
talkie_audio_player_play (TalkieAudioPlayer *self,
                          const char        *uri)
{
  g_return_if_fail (TALKIE_IS_AUDIO_PLAYER (self));
  g_return_if_fail (uri != NULL);

  play_from (self, uri, 0);
}

void
talkie_audio_player_seek (TalkieAudioPlayer *self,
                          const char        *uri,
                          double             seconds)
{
  GstState current = GST_STATE_NULL;

  g_return_if_fail (TALKIE_IS_AUDIO_PLAYER (self));
  g_return_if_fail (uri != NULL);

  seconds = MAX (0, seconds);

  switch ((int) talkie_audio_player_get_state_for_uri (self, uri))
    {
    case TALKIE_AUDIO_PLAYER_PLAYING:
      seek_playbin (self, seconds);
      break;

    case TALKIE_AUDIO_PLAYER_BUFFERING:
      /* Not prerolled yet: the seek waits for it; prerolled (buffering a stream
       * mid-way, or paused to seek): now. */
      gst_element_get_state (self->playbin, &current, NULL, 0);
      if (self->pending_seek < 0 && current >= GST_STATE_PAUSED)
        seek_playbin (self, seconds);
      else
        {
          self->pending_seek = seconds;
          set_position (self, seconds);
        }
      break;

    default:
      play_from (self, uri, seconds);
      break;
    }
}

double
talkie_audio_player_get_position (TalkieAudioPlayer *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PLAYER (self), -1);

  return self->position;
}

void
talkie_audio_player_stop (TalkieAudioPlayer *self)
{
  g_return_if_fail (TALKIE_IS_AUDIO_PLAYER (self));

  halt (self);

  if (self->state != TALKIE_AUDIO_PLAYER_ERROR)
    set_state (self, TALKIE_AUDIO_PLAYER_STOPPED, NULL);
}

void
talkie_audio_player_toggle (TalkieAudioPlayer *self,
                            const char        *uri)
{
  TalkieAudioPlayerState state;

  g_return_if_fail (TALKIE_IS_AUDIO_PLAYER (self));
  g_return_if_fail (uri != NULL);

  state = talkie_audio_player_get_state_for_uri (self, uri);
  if (state == TALKIE_AUDIO_PLAYER_PLAYING || state == TALKIE_AUDIO_PLAYER_BUFFERING)
    talkie_audio_player_stop (self);
  else
    talkie_audio_player_play (self, uri);
}

const char *
talkie_audio_player_get_uri (TalkieAudioPlayer *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PLAYER (self), NULL);

  return self->uri;
}

TalkieAudioPlayerState
talkie_audio_player_get_state (TalkieAudioPlayer *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PLAYER (self), TALKIE_AUDIO_PLAYER_STOPPED);

  return self->state;
}

TalkieAudioPlayerState
talkie_audio_player_get_state_for_uri (TalkieAudioPlayer *self,
                                       const char        *uri)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PLAYER (self), TALKIE_AUDIO_PLAYER_STOPPED);

  if (uri == NULL || g_strcmp0 (self->uri, uri) != 0)
    return TALKIE_AUDIO_PLAYER_STOPPED;

  return self->state;
}

const char *
talkie_audio_player_get_error_message (TalkieAudioPlayer *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PLAYER (self), NULL);

  return self->error_message;
}

const char *
talkie_audio_player_get_error_for_uri (TalkieAudioPlayer *self,
                                       const char        *uri)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PLAYER (self), NULL);

  if (uri == NULL)
    return NULL;

  return g_hash_table_lookup (self->errors, uri);
}

void
talkie_audio_player_update_button (TalkieAudioPlayer *self,
                                   GtkButton         *button,
                                   const char        *uri,
                                   const char        *what)
{
  TalkieAudioPlayerState state;
  g_autofree char *label = NULL;

  g_return_if_fail (TALKIE_IS_AUDIO_PLAYER (self));
  g_return_if_fail (GTK_IS_BUTTON (button));

  state = talkie_audio_player_get_state_for_uri (self, uri);

  if (state == TALKIE_AUDIO_PLAYER_BUFFERING)
    {
      GtkWidget *child = gtk_button_get_child (button);

      if (!GTK_IS_SPINNER (child))
        {
          child = gtk_spinner_new ();
          gtk_spinner_start (GTK_SPINNER (child));
          gtk_button_set_child (button, child);
        }
      /* Translators: %s is a voice's or a recording's name */
      label = g_strdup_printf (_("Stop “%s”"), what ? what : "");
    }
  else if (state == TALKIE_AUDIO_PLAYER_PLAYING)
    {
      gtk_button_set_icon_name (button, "media-playback-stop-symbolic");
      label = g_strdup_printf (_("Stop “%s”"), what ? what : "");
    }
  else
    {
      gtk_button_set_icon_name (button, "media-playback-start-symbolic");
      /* Translators: %s is a voice's or a recording's name */
      label = g_strdup_printf (_("Play “%s”"), what ? what : "");
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
