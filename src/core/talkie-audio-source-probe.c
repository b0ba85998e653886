/* talkie-audio-source-probe.c: measuring a TalkieAudioSource — a quick look at
 * a local file in a thread, then GstDiscoverer on the thread-default context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "talkie-audio-source-private.h"
#include "talkie-error.h"

/* How long GStreamer may take to read a file or reach a URL. */
#define PROBE_TIMEOUT_SECONDS 15

/* How much of a local file is read to sniff its content type. */
#define SNIFF_BYTES 4096

/* One probe in flight: the task's data. */
typedef struct
{
  GstDiscoverer     *discoverer;
  GstDiscovererInfo *info;
  GError            *gst_error;
  gulong             discovered_id;
  GCancellable      *cancellable;
  gulong             cancelled_id;
  guint              complete_scheduled : 1;
  char              *content_type;
  gint64             size;
  char              *display_name;
} Probe;

static void
probe_free (Probe *probe)
{
  if (probe->cancelled_id != 0)
    g_cancellable_disconnect (probe->cancellable, probe->cancelled_id);
  g_clear_object (&probe->cancellable);
  if (probe->discoverer != NULL)
    {
      g_clear_signal_handler (&probe->discovered_id, probe->discoverer);
      gst_discoverer_stop (probe->discoverer);
      g_clear_object (&probe->discoverer);
    }
  g_clear_object (&probe->info);
  g_clear_error (&probe->gst_error);
  g_clear_pointer (&probe->content_type, g_free);
  g_clear_pointer (&probe->display_name, g_free);
  g_free (probe);
}

static const char *
task_display_name (GTask *task)
{
  TalkieAudioSource *self = g_task_get_source_object (task);
  Probe *probe = g_task_get_task_data (task);

  if (probe->display_name != NULL)
    return probe->display_name;

  return self->display_name;
}

static void
return_not_audio (GTask *task)
{
  g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                           _("“%s” is not a sound recording Talkie can read. "
                             "Choose an audio file such as MP3, WAV or M4A."),
                           task_display_name (task));
}

static void
return_not_found (GTask *task)
{
  TalkieAudioSource *self = g_task_get_source_object (task);

  if (self->file != NULL)
    g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                             _("“%s” could not be opened. "
                               "Check that the file still exists, or choose another one."),
                             task_display_name (task));
  else
    g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                             _("No audio could be fetched from “%s”. "
                               "Check the address and your connection, then try again."),
                             self->uri);
}

/* The discoverer's stream caps, as a content type, for URLs. */
static char *
content_type_from_info (GstDiscovererInfo *info)
{
  g_autoptr(GstDiscovererStreamInfo) stream = gst_discoverer_info_get_stream_info (info);
  g_autoptr(GstCaps) caps = NULL;
  const GstStructure *structure;

  if (stream == NULL)
    return NULL;

  caps = gst_discoverer_stream_info_get_caps (stream);
  if (caps == NULL || gst_caps_is_empty (caps) || gst_caps_is_any (caps))
    return NULL;

  structure = gst_caps_get_structure (caps, 0);

  return g_strdup (gst_structure_get_name (structure));
}

/* Whether GStreamer could not get at the bytes at all, rather than not
 * understanding them. */
static gboolean
is_unreachable (const GError *gst_error,
                gboolean      remote)
{
  if (gst_error == NULL)
    return remote;

  /* NOT_FOUND (a 404), OPEN_READ (nobody listening), READ... */
  if (gst_error->domain == GST_RESOURCE_ERROR)
    return TRUE;

  /* souphttpsrc (1.22) reports a refused connection only as a failed flow
   * from the source, without a resource error. */
  if (remote && g_error_matches (gst_error, GST_STREAM_ERROR, GST_STREAM_ERROR_FAILED))
    return TRUE;

  return FALSE;
}

/* An .m4a sniffs as video/mp4 by its content: say what it holds. */
static void
audio_only_content_type (char              **content_type,
                         GstDiscovererInfo  *info)
{
  static const struct {
    const char *container;
    const char *audio;
  } containers[] = {
    { "video/mp4", "audio/mp4" },
    { "video/webm", "audio/webm" },
    { "video/ogg", "audio/ogg" },
    { "application/ogg", "audio/ogg" },
    { "video/x-matroska", "audio/x-matroska" },
  };
  GList *video_streams;
  gboolean has_video = FALSE;

  video_streams = gst_discoverer_info_get_video_streams (info);
  for (const GList *l = video_streams; l != NULL; l = l->next)
    {
      if (!gst_discoverer_video_info_is_image (l->data))
        has_video = TRUE;
    }
  gst_discoverer_stream_info_list_free (video_streams);

  if (has_video)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
    {
      if (g_content_type_equals (*content_type, containers[i].container))
        {
          g_free (*content_type);
          *content_type = g_strdup (containers[i].audio);
          return;
        }
    }
}

static void
probe_complete (GTask *task)
{
  TalkieAudioSource *self = g_task_get_source_object (task);
  Probe *probe = g_task_get_task_data (task);
  GstDiscovererInfo *info = probe->info;
  const GError *gst_error;
  GList *audio_streams;
  GstClockTime duration;
  gboolean has_audio;

  g_assert (info != NULL);

  switch (gst_discoverer_info_get_result (info))
    {
    case GST_DISCOVERER_OK:
      break;

    case GST_DISCOVERER_URI_INVALID:
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_BAD_URI,
                               _("“%s” is not the address of an audio file. "
                                 "Choose a file, or enter an address that starts with https:// or http://."),
                               self->uri);
      return;

    case GST_DISCOVERER_TIMEOUT:
      if (self->file == NULL)
        {
          g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                                   _("“%s” did not answer in time. "
                                     "Check the address and your connection, then try again."),
                                   self->uri);
          return;
        }
      return_not_audio (task);
      return;

    case GST_DISCOVERER_ERROR:
      gst_error = probe->gst_error;
      g_debug ("Probing %s failed: %s", self->uri,
               gst_error != NULL ? gst_error->message : "no error");
      if (is_unreachable (gst_error, self->file == NULL))
        {
          return_not_found (task);
          return;
        }
      return_not_audio (task);
      return;

    case GST_DISCOVERER_MISSING_PLUGINS:
    case GST_DISCOVERER_BUSY:
    default:
      return_not_audio (task);
      return;
    }

  audio_streams = gst_discoverer_info_get_audio_streams (info);
  has_audio = audio_streams != NULL;
  gst_discoverer_stream_info_list_free (audio_streams);

  if (!has_audio)
    {
      GList *video_streams = gst_discoverer_info_get_video_streams (info);
      gboolean is_video = FALSE;

      for (const GList *l = video_streams; l != NULL; l = l->next)
        {
          if (!gst_discoverer_video_info_is_image (l->data))
            is_video = TRUE;
        }
      gst_discoverer_stream_info_list_free (video_streams);

      if (is_video)
        g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                                 _("“%s” is a video without sound. "
                                   "Choose an audio file such as MP3, WAV or M4A."),
                                 task_display_name (task));
      else
        return_not_audio (task);
      return;
    }

  duration = gst_discoverer_info_get_duration (info);
  if (!GST_CLOCK_TIME_IS_VALID (duration) || duration == 0)
    {
      if (self->file == NULL)
        g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NO_DURATION,
                                 _("The length of the audio at “%s” cannot be measured (the server "
                                   "does not say how long it is). Download it and choose the file instead."),
                                 self->uri);
      else
        g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NO_DURATION,
                                 _("The length of “%s” cannot be measured. "
                                   "Save it as MP3 or WAV and try again."),
                                 task_display_name (task));
      return;
    }

  if (probe->content_type == NULL)
    probe->content_type = content_type_from_info (info);
  else
    audio_only_content_type (&probe->content_type, info);

  _talkie_audio_source_set_measured (self,
                                     (double)duration / (double)GST_SECOND,
                                     probe->content_type,
                                     probe->size,
                                     probe->display_name);

  g_task_return_boolean (task, TRUE);
}

/* Out of the discoverer's signal emission, so that it can be stopped. */
static gboolean
probe_complete_idle (gpointer user_data)
{
  GTask *task = user_data;
  Probe *probe = g_task_get_task_data (task);

  if (probe->cancelled_id != 0)
    {
      g_cancellable_disconnect (probe->cancellable, probe->cancelled_id);
      probe->cancelled_id = 0;
    }

  if (probe->discoverer != NULL)
    {
      g_clear_signal_handler (&probe->discovered_id, probe->discoverer);
      gst_discoverer_stop (probe->discoverer);
      g_clear_object (&probe->discoverer);
    }

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;

  probe_complete (task);

  return G_SOURCE_REMOVE;
}

static void
schedule_complete (GTask *task)
{
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;

  if (probe->complete_scheduled)
    return;
  probe->complete_scheduled = TRUE;

  source = g_idle_source_new ();
  g_source_set_name (source, "[talkie] audio probe complete");
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, probe_complete_idle, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

static void
discovered_cb (GstDiscoverer     *discoverer,
               GstDiscovererInfo *info,
               GError            *error,
               gpointer           user_data)
{
  GTask *task = user_data;
  Probe *probe = g_task_get_task_data (task);

  if (probe->info == NULL)
    {
      probe->info = g_object_ref (info);
      if (error != NULL)
        probe->gst_error = g_error_copy (error);
    }

  schedule_complete (task);
}

static gboolean
schedule_complete_cb (gpointer user_data)
{
  schedule_complete (G_TASK (user_data));

  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;

  /* Runs on whichever thread cancelled; leave the work to the task's context. */
  g_main_context_invoke_full (g_task_get_context (task),
                              G_PRIORITY_DEFAULT,
                              schedule_complete_cb,
                              g_object_ref (task),
                              g_object_unref);
}

static void
start_discoverer (GTask *task)
{
  TalkieAudioSource *self = g_task_get_source_object (task);
  Probe *probe = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  probe->discoverer = gst_discoverer_new (PROBE_TIMEOUT_SECONDS * GST_SECOND, &error);
  if (probe->discoverer == NULL)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                               _("Talkie cannot read audio files on this system (%s). "
                                 "Install the GStreamer base plugins and try again."),
                               error != NULL ? error->message : "GstDiscoverer");
      return;
    }

  /* The handler keeps the task alive until the discoverer has answered. */
  probe->discovered_id = g_signal_connect_data (probe->discoverer, "discovered",
                                                G_CALLBACK (discovered_cb),
                                                g_object_ref (task),
                                                (GClosureNotify)(void (*) (void))g_object_unref,
                                                G_CONNECT_DEFAULT);

  /* No reference: the handler is disconnected when the task goes. */
  if (g_task_get_cancellable (task) != NULL)
    {
      probe->cancellable = g_object_ref (g_task_get_cancellable (task));
      probe->cancelled_id = g_cancellable_connect (probe->cancellable,
                                                   G_CALLBACK (cancelled_cb),
                                                   task, NULL);
    }

  /* Attaches to the thread-default main context, which is the task's. */
  gst_discoverer_start (probe->discoverer);

  if (!gst_discoverer_discover_uri_async (probe->discoverer, self->uri))
    {
      g_clear_signal_handler (&probe->discovered_id, probe->discoverer);
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_BAD_URI,
                               _("“%s” is not the address of an audio file. "
                                 "Choose a file, or enter an address that starts with https:// or http://."),
                               self->uri);
      return;
    }
}

static char *
sniff_content_type (GFile        *file,
                    GFileInfo    *info,
                    GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *sniffed = NULL;
  guchar data[SNIFF_BYTES];
  gsize n_read = 0;
  gboolean uncertain = TRUE;

  stream = g_file_read (file, cancellable, NULL);
  if (stream != NULL &&
      g_input_stream_read_all (G_INPUT_STREAM (stream), data, sizeof data, &n_read, cancellable, NULL) &&
      n_read > 0)
    {
      /* First by content alone: a PNG called voice.mp3 is still a PNG. */
      sniffed = g_content_type_guess (NULL, data, n_read, &uncertain);
      if (!uncertain)
        return g_steal_pointer (&sniffed);
      g_clear_pointer (&sniffed, g_free);
    }

  basename = g_file_get_basename (file);
  sniffed = g_content_type_guess (basename, n_read > 0 ? data : NULL, n_read, &uncertain);
  if (sniffed != NULL && !g_content_type_is_unknown (sniffed))
    return g_steal_pointer (&sniffed);

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE))
    return g_strdup (g_file_info_get_content_type (info));

  return NULL;
}

/* Local files: a quick look before GStreamer, in a thread (it is blocking I/O). */
static void
check_local_file_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  TalkieAudioSource *self = source_object;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  const char *display_name;

  g_assert (self->file != NULL);

  info = g_file_query_info (self->file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE,
                            cancellable,
                            &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                                 _("“%s” does not exist. "
                                   "It may have been moved or deleted; choose the file again."),
                                 self->display_name);
      else
        g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                                 _("“%s” could not be opened: %s. "
                                   "Check that you may read it, or choose another file."),
                                 self->display_name, error->message);
      return;
    }

  display_name = g_file_info_get_display_name (info);

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                               _("“%s” is a folder. "
                                 "Choose an audio file such as MP3, WAV or M4A."),
                               display_name != NULL ? display_name : self->display_name);
      return;
    }

  /* A pipe, a device (/dev/zero) or a socket: never read (a FIFO would block
   * for ever), and not called "empty" either. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                               _("“%s” is not a regular file (it is a device, a pipe or a socket). "
                                 "Choose an audio file such as MP3, WAV or M4A."),
                               display_name != NULL ? display_name : self->display_name);
      return;
    }

  if (g_file_info_get_size (info) == 0)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_EMPTY,
                               _("“%s” is empty. "
                                 "Choose an audio file such as MP3, WAV or M4A."),
                               display_name != NULL ? display_name : self->display_name);
      return;
    }

  content_type = sniff_content_type (self->file, info, cancellable);

  {
    Probe *probe = task_data;
    probe->size = g_file_info_get_size (info);
    probe->content_type = g_steal_pointer (&content_type);
    probe->display_name = g_strdup (display_name);
  }

  g_task_return_boolean (task, TRUE);
}

static void
check_local_file_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  start_discoverer (task);
}

/**
 * talkie_audio_source_probe_async:
 *
 * Measures the audio with GStreamer on the thread-default main context.
 * gst_init() must have been called.
 */
void
talkie_audio_source_probe_async (TalkieAudioSource   *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Probe *probe;

  g_return_if_fail (TALKIE_IS_AUDIO_SOURCE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  /* The program calls gst_init(): the app, the CLI and the tests do. */
  g_assert (gst_is_initialized ());

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_audio_source_probe_async);
  g_task_set_check_cancellable (task, TRUE);

  probe = g_new0 (Probe, 1);
  probe->size = -1;
  g_task_set_task_data (task, probe, (GDestroyNotify)probe_free);

  if (self->file != NULL)
    {
      g_autoptr(GTask) check = g_task_new (self, cancellable, check_local_file_cb, g_object_ref (task));

      g_task_set_source_tag (check, check_local_file_thread);
      g_task_set_task_data (check, probe, NULL);
      g_task_run_in_thread (check, check_local_file_thread);
      return;
    }

  start_discoverer (task);
}

gboolean
talkie_audio_source_probe_finish (TalkieAudioSource  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
