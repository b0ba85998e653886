/* talkie-audio-trim.c: writes the part of a recording between two times to a
 * new MP3, on a worker thread, with progress; and finds where the sound in a
 * recording starts and ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-audio-trim.h"
#include "talkie-error.h"
#include "talkie-recorder.h"

/* How often the worker looks at the cancellable and reports progress. */
#define POLL_INTERVAL (100 * GST_MSECOND)

/* Kept around the sound found, so that a soft first or last syllable stays. */
#define SOUND_MARGIN_SECONDS 0.1

/* The same compact format as a take. */
#define TRIM_RATE         44100
#define TRIM_BITRATE_KBPS 96

struct _TalkieAudioTrim
{
  GObject  parent_instance;

  GFile   *input;
  double   start;
  double   end;
  double   fraction;
  gboolean running;
};

G_DEFINE_FINAL_TYPE (TalkieAudioTrim, talkie_audio_trim, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INPUT,
  PROP_START,
  PROP_END,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
talkie_audio_trim_finalize (GObject *object)
{
  TalkieAudioTrim *self = (TalkieAudioTrim *)object;

  g_clear_object (&self->input);

  G_OBJECT_CLASS (talkie_audio_trim_parent_class)->finalize (object);
}

static void
talkie_audio_trim_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TalkieAudioTrim *self = TALKIE_AUDIO_TRIM (object);

  switch (prop_id)
    {
    case PROP_INPUT:
      g_value_set_object (value, self->input);
      break;

    case PROP_START:
      g_value_set_double (value, self->start);
      break;

    case PROP_END:
      g_value_set_double (value, self->end);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_audio_trim_class_init (TalkieAudioTrimClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = talkie_audio_trim_finalize;
  object_class->get_property = talkie_audio_trim_get_property;

  properties[PROP_INPUT] =
    g_param_spec_object ("input", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_START] =
    g_param_spec_double ("start", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_END] =
    g_param_spec_double ("end", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         0, 1, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_audio_trim_init (TalkieAudioTrim *self)
{
}

TalkieAudioTrim *
talkie_audio_trim_new (GFile  *input,
                       double  start,
                       double  end)
{
  TalkieAudioTrim *self;

  g_return_val_if_fail (G_IS_FILE (input), NULL);
  g_return_val_if_fail (start >= 0, NULL);
  g_return_val_if_fail (end > start, NULL);

  self = g_object_new (TALKIE_TYPE_AUDIO_TRIM, NULL);
  self->input = g_object_ref (input);
  self->start = start;
  self->end = end;
  return self;
}

GFile *
talkie_audio_trim_get_input (TalkieAudioTrim *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_TRIM (self), NULL);

  return self->input;
}

double
talkie_audio_trim_get_start (TalkieAudioTrim *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_TRIM (self), 0);

  return self->start;
}

double
talkie_audio_trim_get_end (TalkieAudioTrim *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_TRIM (self), 0);

  return self->end;
}

double
talkie_audio_trim_get_fraction (TalkieAudioTrim *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_TRIM (self), 0);

  return self->fraction;
}

/* --- progress, from the worker to the caller's context ----------------------- */

typedef struct
{
  TalkieAudioTrim *self;
  double           fraction;
} Progress;

static gboolean
report_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->fraction > progress->self->fraction)
    {
      progress->self->fraction = progress->fraction;
      g_object_notify_by_pspec (G_OBJECT (progress->self), properties[PROP_FRACTION]);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->self);
  g_free (progress);
}

static void
report_progress (GTask  *task,
                 double  fraction)
{
  Progress *progress = g_new0 (Progress, 1);

  progress->self = g_object_ref (g_task_get_source_object (task));
  progress->fraction = CLAMP (fraction, 0, 1);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              report_progress_cb, progress, (GDestroyNotify) progress_free);
}

/* --- the worker ------------------------------------------------------------- */

typedef struct
{
  char *tmp_path;
  char *output_path;    /* NULL: a new name in the default directory */
  char *stem;           /* the input's name without its extension */
} Job;

static void
job_free (Job *job)
{
  if (job->tmp_path != NULL)
    g_unlink (job->tmp_path);
  g_free (job->tmp_path);
  g_free (job->output_path);
  g_free (job->stem);
  g_free (job);
}

static GError *
not_audio_error (TalkieAudioTrim *self,
                 const char      *detail)
{
  g_autofree char *name = g_file_get_basename (self->input);

  return g_error_new (TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                      _("“%s” could not be trimmed: %s"), name, detail);
}

/* Waits for one of @types, watching the cancellable; an error message or a
 * cancellation sets @error. With @task, reports progress meanwhile. */
static gboolean
wait_for (GstElement       *pipeline,
          GstMessageType    types,
          TalkieAudioTrim  *self,
          GTask            *task,
          GCancellable     *cancellable,
          GError          **error)
{
  g_autoptr(GstBus) bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));

  while (TRUE)
    {
      g_autoptr(GstMessage) message = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      message = gst_bus_timed_pop_filtered (bus, POLL_INTERVAL, types | GST_MESSAGE_ERROR);
      if (message == NULL)
        {
          gint64 position;

          if (task != NULL && gst_element_query_position (pipeline, GST_FORMAT_TIME, &position))
            report_progress (task, ((double) position / GST_SECOND - self->start) / (self->end - self->start));
          continue;
        }

      if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        {
          g_autoptr(GError) gst_error = NULL;
          g_autofree char *debug = NULL;

          gst_message_parse_error (message, &gst_error, &debug);
          g_debug ("Trim: %s (%s)", gst_error->message, debug ? debug : "");
          g_propagate_error (error, not_audio_error (self, gst_error->message));
          return FALSE;
        }
      return TRUE;
    }
}

static gboolean
encode_segment (TalkieAudioTrim  *self,
                GTask            *task,
                Job              *job,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) decode = NULL;
  g_autoptr(GstElement) encoder = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = g_file_get_uri (self->input);
  g_autofree char *description = NULL;
  gboolean ok;

  description = g_strdup_printf ("uridecodebin name=decode ! audioconvert ! audioresample ! "
                                 "audio/x-raw,rate=%d ! lamemp3enc name=encoder ! filesink name=sink",
                                 TRIM_RATE);
  pipeline = gst_parse_launch (description, &local_error);
  if (pipeline == NULL)
    {
      g_propagate_error (error, not_audio_error (self, local_error->message));
      return FALSE;
    }
  gst_object_ref_sink (pipeline);

  decode = gst_bin_get_by_name (GST_BIN (pipeline), "decode");
  encoder = gst_bin_get_by_name (GST_BIN (pipeline), "encoder");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (decode, "uri", uri, NULL);
  gst_util_set_object_arg (G_OBJECT (encoder), "target", "bitrate");
  g_object_set (encoder, "bitrate", TRIM_BITRATE_KBPS, "cbr", TRUE, NULL);
  g_object_set (sink, "location", job->tmp_path, NULL);

  /* Prerolled, the decoder can seek; an accurate seek with a stop makes it
   * deliver exactly the segment, clipped to the sample. */
  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  ok = wait_for (pipeline, GST_MESSAGE_ASYNC_DONE, self, NULL, cancellable, error);
  if (ok && !gst_element_seek (pipeline, 1.0, GST_FORMAT_TIME,
                               GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                               GST_SEEK_TYPE_SET, (gint64) (self->start * GST_SECOND),
                               GST_SEEK_TYPE_SET, (gint64) (self->end * GST_SECOND)))
    {
      g_propagate_error (error, not_audio_error (self, _("it cannot be cut at that time")));
      ok = FALSE;
    }
  if (ok)
    {
      gst_element_set_state (pipeline, GST_STATE_PLAYING);
      ok = wait_for (pipeline, GST_MESSAGE_EOS, self, task, cancellable, error);
    }

  gst_element_set_state (pipeline, GST_STATE_NULL);
  return ok;
}

static gboolean
make_tmp (Job     *job,
          char    *dir,
          GError **error)
{
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The trimmed recording could not be saved: %s"), g_strerror (saved));
      return FALSE;
    }

  job->tmp_path = g_build_filename (dir, ".trim-XXXXXX.part", NULL);
  fd = g_mkstemp_full (job->tmp_path, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_clear_pointer (&job->tmp_path, g_free);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The trimmed recording could not be saved: %s"), g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

/* The complete file takes its name: @output_path replaced atomically, or a new
 * name that no file has. */
static GFile *
rename_tmp (Job     *job,
            GError **error)
{
  g_autoptr(GFile) tmp = g_file_new_for_path (job->tmp_path);
  g_autoptr(GFile) dir = g_file_get_parent (tmp);
  g_autoptr(GError) local_error = NULL;

  for (guint i = 1; i < 100; i++)
    {
      g_autoptr(GFile) output = NULL;
      GFileCopyFlags flags = G_FILE_COPY_NOFOLLOW_SYMLINKS;

      if (job->output_path != NULL)
        {
          output = g_file_new_for_path (job->output_path);
          flags |= G_FILE_COPY_OVERWRITE;
        }
      else
        {
          g_autofree char *name = NULL;

          /* TRANSLATORS: the file name of a trimmed recording; %s is the original's name */
          name = i == 1 ? g_strdup_printf (_("%s (trimmed).mp3"), job->stem)
                        : g_strdup_printf (_("%s (trimmed %u).mp3"), job->stem, i);
          output = g_file_get_child (dir, name);
        }

      g_clear_error (&local_error);
      if (g_file_move (tmp, output, flags, NULL, NULL, NULL, &local_error))
        {
          g_clear_pointer (&job->tmp_path, g_free);
          return g_steal_pointer (&output);
        }
      if (job->output_path != NULL || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        break;
    }

  g_set_error (error, G_IO_ERROR, local_error->code,
               _("The trimmed recording could not be saved: %s"), local_error->message);
  return NULL;
}

static void
trim_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TalkieAudioTrim *self = source_object;
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  GFile *output = NULL;

  if (job->output_path != NULL)
    dir = g_path_get_dirname (job->output_path);
  else
    dir = talkie_recorder_dup_default_directory ();

  if (!make_tmp (job, dir, &error) ||
      !encode_segment (self, task, job, cancellable, &error) ||
      (output = rename_tmp (job, &error)) == NULL)
    {
      /* Gone before the caller hears of the failure, not when the task is freed. */
      if (job->tmp_path != NULL)
        g_unlink (job->tmp_path);
      g_clear_pointer (&job->tmp_path, g_free);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  report_progress (task, 1.0);
  g_task_return_pointer (task, output, g_object_unref);
}

static void
trim_done_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  TalkieAudioTrim *self = TALKIE_AUDIO_TRIM (g_task_get_source_object (G_TASK (object)));

  self->running = FALSE;
}

void
talkie_audio_trim_run_async (TalkieAudioTrim     *self,
                             GFile               *output,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;
  char *dot;
  Job *job;

  g_return_if_fail (TALKIE_IS_AUDIO_TRIM (self));
  g_return_if_fail (output == NULL || G_IS_FILE (output));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->running);

  job = g_new0 (Job, 1);
  if (output != NULL)
    job->output_path = g_file_get_path (output);
  basename = g_file_get_basename (self->input);
  if ((dot = strrchr (basename, '.')) != NULL && dot != basename)
    *dot = '\0';
  job->stem = g_steal_pointer (&basename);

  self->running = TRUE;
  self->fraction = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_audio_trim_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_signal_connect (task, "notify::completed", G_CALLBACK (trim_done_cb), NULL);
  g_task_run_in_thread (task, trim_thread);
}

GFile *
talkie_audio_trim_run_finish (TalkieAudioTrim  *self,
                              GAsyncResult     *result,
                              GError          **error)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_TRIM (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
talkie_audio_trim_find_sound (TalkieAudioPeaks *peaks,
                              float             threshold,
                              double           *start,
                              double           *end)
{
  const float *values;
  double interval, duration;
  guint n, first, last;

  g_return_val_if_fail (TALKIE_IS_AUDIO_PEAKS (peaks), FALSE);

  values = talkie_audio_peaks_get_values (peaks, &n);
  interval = talkie_audio_peaks_get_interval (peaks);
  duration = talkie_audio_peaks_get_duration (peaks);

  for (first = 0; first < n && values[first] < threshold; first++)
    ;
  if (first == n)
    return FALSE;
  for (last = n - 1; last > first && values[last] < threshold; last--)
    ;

  if (start != NULL)
    *start = MAX (0, first * interval - SOUND_MARGIN_SECONDS);
  if (end != NULL)
    *end = MIN (duration, (last + 1) * interval + SOUND_MARGIN_SECONDS);
  return TRUE;
}
