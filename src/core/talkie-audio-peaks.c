/* talkie-audio-peaks.c: the peaks of a recording for its waveform, computed by
 * a GStreamer pipeline on a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <gst/app/gstappsink.h>
#include <math.h>

#include "talkie-audio-peaks.h"
#include "talkie-audio-peaks-pool.h"
#include "talkie-error.h"

/* How long the worker waits on the bus before it looks at the cancellable again. */
#define PULL_TIMEOUT (100 * GST_MSECOND)

struct _TalkieAudioPeaks
{
  GObject  parent_instance;

  GArray  *values;     /* float */
  double   interval;
  double   duration;
};

G_DEFINE_FINAL_TYPE (TalkieAudioPeaks, talkie_audio_peaks, G_TYPE_OBJECT)

static void
talkie_audio_peaks_finalize (GObject *object)
{
  TalkieAudioPeaks *self = (TalkieAudioPeaks *)object;

  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (talkie_audio_peaks_parent_class)->finalize (object);
}

static void
talkie_audio_peaks_class_init (TalkieAudioPeaksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = talkie_audio_peaks_finalize;
}

static void
talkie_audio_peaks_init (TalkieAudioPeaks *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (float));
}

const float *
talkie_audio_peaks_get_values (TalkieAudioPeaks *self,
                               guint            *n_values)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PEAKS (self), NULL);

  if (n_values != NULL)
    *n_values = self->values->len;
  return (const float *) (gpointer) self->values->data;
}

double
talkie_audio_peaks_get_interval (TalkieAudioPeaks *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PEAKS (self), 0);

  return self->interval;
}

double
talkie_audio_peaks_get_duration (TalkieAudioPeaks *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_PEAKS (self), 0);

  return self->duration;
}

float
talkie_audio_peaks_get_max (TalkieAudioPeaks *self,
                            double            start,
                            double            end)
{
  float max = 0;
  gint64 first, last;

  g_return_val_if_fail (TALKIE_IS_AUDIO_PEAKS (self), 0);

  if (self->interval <= 0 || end <= start)
    return 0;

  first = MAX (0, (gint64) floor (start / self->interval));
  last = MIN ((gint64) self->values->len, (gint64) ceil (end / self->interval));
  for (gint64 i = first; i < last; i++)
    max = MAX (max, g_array_index (self->values, float, i));

  return max;
}

/* --- the worker ------------------------------------------------------------- */

typedef struct
{
  guint  peaks_per_second;
  guint  max_peaks;         /* even, so that halving keeps every slice equal */

  /* Filled by the worker. */
  GArray *values;
  int     rate;
  int     channels;
  guint64 frames_per_peak;
  guint64 fill;             /* frames in the slice being measured */
  float   current;          /* its peak so far */
  guint64 frames;
} Worker;

static void
worker_free (Worker *worker)
{
  g_clear_pointer (&worker->values, g_array_unref);
  g_free (worker);
}

/* A slice is complete. At the bound, neighbours merge and slices get twice as
 * wide: memory stays bounded without knowing the length in advance. */
static void
push_peak (Worker *worker)
{
  g_array_append_val (worker->values, worker->current);
  worker->current = 0;
  worker->fill = 0;

  if (worker->values->len >= worker->max_peaks)
    {
      float *v = (float *) (gpointer) worker->values->data;
      guint half = worker->values->len / 2;

      for (guint i = 0; i < half; i++)
        v[i] = MAX (v[2 * i], v[2 * i + 1]);
      g_array_set_size (worker->values, half);
      worker->frames_per_peak *= 2;
    }
}

static gboolean
read_format (Worker   *worker,
             GstCaps  *caps)
{
  GstStructure *s = gst_caps_get_structure (caps, 0);

  if (!gst_structure_get_int (s, "rate", &worker->rate) || worker->rate <= 0 ||
      !gst_structure_get_int (s, "channels", &worker->channels) || worker->channels <= 0)
    return FALSE;

  worker->frames_per_peak = MAX (1, (guint64) worker->rate / worker->peaks_per_second);
  return TRUE;
}

static void
measure (Worker    *worker,
         GstBuffer *buffer)
{
  GstMapInfo map;
  const float *samples;
  gsize n_frames;

  if (!gst_buffer_map (buffer, &map, GST_MAP_READ))
    return;

  samples = (const float *) (gconstpointer) map.data;
  n_frames = map.size / (sizeof (float) * worker->channels);

  for (gsize f = 0; f < n_frames; f++)
    {
      const float *frame = samples + f * worker->channels;

      for (int c = 0; c < worker->channels; c++)
        {
          float a = fabsf (frame[c]);
          if (a > worker->current)
            worker->current = a;
        }
      if (++worker->fill == worker->frames_per_peak)
        push_peak (worker);
    }
  worker->frames += n_frames;

  gst_buffer_unmap (buffer, &map);
}

static GstFlowReturn
new_sample_cb (GstAppSink *sink,
               gpointer    user_data)
{
  Worker *worker = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);

  if (sample == NULL)
    return GST_FLOW_EOS;
  if (worker->rate == 0 && !read_format (worker, gst_sample_get_caps (sample)))
    return GST_FLOW_OK;
  measure (worker, gst_sample_get_buffer (sample));
  return GST_FLOW_OK;
}

static GError *
read_error (GFile    *file,
            GError   *gst_error,
            gboolean  any_audio)
{
  g_autofree char *name = g_file_get_basename (file);

  if (!any_audio)
    return g_error_new (TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                        _("“%s” has no sound Talkie can read."), name);

  return g_error_new (TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                      _("“%s” could not be read to its end: %s"), name, gst_error->message);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Worker *worker = task_data;
  GFile *file = G_FILE (source_object);
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) decode = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstTaskPool) pool = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *uri = NULL;
  GstAppSinkCallbacks callbacks = { .new_sample = new_sample_cb };
  TalkieAudioPeaks *peaks;

  uri = g_file_get_uri (file);

  pipeline = gst_parse_launch ("uridecodebin name=decode ! audioconvert ! "
                               "audio/x-raw,format=F32LE,layout=interleaved ! "
                               "appsink name=sink sync=false max-buffers=16",
                               &error);
  if (pipeline == NULL)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                               _("Sound cannot be read here: %s"), error->message);
      return;
    }
  gst_object_ref_sink (pipeline);

  decode = gst_bin_get_by_name (GST_BIN (pipeline), "decode");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (decode, "uri", uri, NULL);
  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));

  /* Decoding and measuring happen on the pipeline's own low-priority threads
   * (the appsink callback); this one only waits. */
  pool = talkie_audio_peaks_pool_new ();
  talkie_audio_peaks_pool_adopt (pool, pipeline);
  gst_app_sink_set_callbacks (GST_APP_SINK (sink), &callbacks, worker, NULL);

  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  while (!g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GstMessage) message = NULL;

      message = gst_bus_timed_pop_filtered (bus, PULL_TIMEOUT, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (message == NULL)
        continue;
      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        {
          g_autofree char *debug = NULL;

          gst_message_parse_error (message, &gst_error, &debug);
          g_debug ("Peaks: %s (%s)", gst_error->message, debug ? debug : "");
        }
      break;
    }

  /* After this, the streaming threads are gone and the worker is ours alone. */
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (gst_error != NULL || worker->frames == 0)
    {
      g_task_return_error (task, read_error (file, gst_error, worker->frames > 0));
      return;
    }

  if (worker->fill > 0)
    push_peak (worker);

  peaks = g_object_new (TALKIE_TYPE_AUDIO_PEAKS, NULL);
  g_array_unref (peaks->values);
  peaks->values = g_steal_pointer (&worker->values);
  peaks->interval = (double) worker->frames_per_peak / worker->rate;
  peaks->duration = (double) worker->frames / worker->rate;
  g_task_return_pointer (task, peaks, g_object_unref);
}

void
talkie_audio_peaks_compute_async (GFile               *file,
                                  guint                peaks_per_second,
                                  guint                max_peaks,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Worker *worker;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (peaks_per_second > 0);
  g_return_if_fail (max_peaks >= 2);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  worker = g_new0 (Worker, 1);
  worker->peaks_per_second = peaks_per_second;
  worker->max_peaks = max_peaks & ~1u;
  worker->values = g_array_new (FALSE, FALSE, sizeof (float));

  /* The file is the task's source object: it is all the worker reads. */
  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_audio_peaks_compute_async);
  g_task_set_task_data (task, worker, (GDestroyNotify) worker_free);
  g_task_run_in_thread (task, compute_thread);
}

TalkieAudioPeaks *
talkie_audio_peaks_compute_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == talkie_audio_peaks_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
