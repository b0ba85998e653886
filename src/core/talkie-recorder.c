/* talkie-recorder.c: records a take from a microphone into a compact MP3 in the
 * user's cache, with a live input level and the elapsed time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "talkie-recorder.h"

/* How often the level element measures, and the meter's range. */
#define LEVEL_INTERVAL_MS 50
#define LEVEL_FLOOR_DB    -60.0

/* How long a failing pipeline may take to finish the partial take. */
#define FINISH_GUARD_SECONDS 3

/* Voice in mono at a constant bit rate: compact, and its length follows from its
 * size, so a take cut short by a failure needs no header written at its end. */
#define TAKE_RATE         44100
#define TAKE_BITRATE_KBPS 96

struct _TalkieRecorder
{
  GObject      parent_instance;

  GstDevice   *input;
  GFile       *partial_take;

  /* The take in progress, all NULL between takes. */
  GTask       *task;
  GstElement  *pipeline;
  GstElement  *queue;
  GstElement  *sink;
  char        *tmp_path;
  GDateTime   *started;
  GSource     *bus_source;
  GSource     *cancel_source;
  guint        guard_id;
  GError      *failure;
  guint        stopping : 1;

  double       level;
  double       elapsed;
};

G_DEFINE_FINAL_TYPE (TalkieRecorder, talkie_recorder, G_TYPE_OBJECT)

G_DEFINE_QUARK (talkie-recorder-error-quark, talkie_recorder_error)

enum {
  PROP_0,
  PROP_INPUT,
  PROP_RECORDING,
  PROP_LEVEL,
  PROP_ELAPSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
teardown_pipeline (TalkieRecorder *self)
{
  g_clear_handle_id (&self->guard_id, g_source_remove);
  if (self->bus_source != NULL)
    {
      g_source_destroy (self->bus_source);
      g_clear_pointer (&self->bus_source, g_source_unref);
    }
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_object (&self->queue);
  g_clear_object (&self->sink);
  g_clear_object (&self->pipeline);
}

static void
set_level (TalkieRecorder *self,
           double          level)
{
  if (self->level == level)
    return;
  self->level = level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

/* Ends the take: the task returns @take, or @error (both consumed). */
static void
complete (TalkieRecorder *self,
          GFile          *take,
          GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  teardown_pipeline (self);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_clear_pointer (&self->tmp_path, g_free);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_error (&self->failure);
  self->stopping = FALSE;

  set_level (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, take, g_object_unref);
}

static void
talkie_recorder_dispose (GObject *object)
{
  TalkieRecorder *self = (TalkieRecorder *)object;

  /* A task holds a reference to us, so none is in flight here. */
  g_assert (self->task == NULL);
  teardown_pipeline (self);

  G_OBJECT_CLASS (talkie_recorder_parent_class)->dispose (object);
}

static void
talkie_recorder_finalize (GObject *object)
{
  TalkieRecorder *self = (TalkieRecorder *)object;

  g_clear_object (&self->input);
  g_clear_object (&self->partial_take);

  G_OBJECT_CLASS (talkie_recorder_parent_class)->finalize (object);
}

static void
talkie_recorder_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TalkieRecorder *self = TALKIE_RECORDER (object);

  switch (prop_id)
    {
    case PROP_INPUT:
      g_value_set_object (value, self->input);
      break;

    case PROP_RECORDING:
      g_value_set_boolean (value, talkie_recorder_get_recording (self));
      break;

    case PROP_LEVEL:
      g_value_set_double (value, self->level);
      break;

    case PROP_ELAPSED:
      g_value_set_double (value, self->elapsed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_recorder_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TalkieRecorder *self = TALKIE_RECORDER (object);

  switch (prop_id)
    {
    case PROP_INPUT:
      talkie_recorder_set_input (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_recorder_class_init (TalkieRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = talkie_recorder_dispose;
  object_class->finalize = talkie_recorder_finalize;
  object_class->get_property = talkie_recorder_get_property;
  object_class->set_property = talkie_recorder_set_property;

  properties[PROP_INPUT] =
    g_param_spec_object ("input", NULL, NULL,
                         GST_TYPE_DEVICE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RECORDING] =
    g_param_spec_boolean ("recording", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEVEL] =
    g_param_spec_double ("level", NULL, NULL,
                         0, 1, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ELAPSED] =
    g_param_spec_double ("elapsed", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_recorder_init (TalkieRecorder *self)
{
}

TalkieRecorder *
talkie_recorder_new (void)
{
  return g_object_new (TALKIE_TYPE_RECORDER, NULL);
}

GList *
talkie_recorder_list_inputs (void)
{
  g_autoptr(GstDeviceMonitor) monitor = gst_device_monitor_new ();
  g_autoptr(GstCaps) caps = gst_caps_new_empty_simple ("audio/x-raw");
  GList *devices;

  gst_device_monitor_add_filter (monitor, "Audio/Source", caps);
  if (!gst_device_monitor_start (monitor))
    return NULL;
  devices = gst_device_monitor_get_devices (monitor);
  gst_device_monitor_stop (monitor);

  return devices;
}

void
talkie_recorder_set_input (TalkieRecorder *self,
                           GstDevice      *input)
{
  g_return_if_fail (TALKIE_IS_RECORDER (self));
  g_return_if_fail (input == NULL || GST_IS_DEVICE (input));

  if (g_set_object (&self->input, input))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INPUT]);
}

GstDevice *
talkie_recorder_get_input (TalkieRecorder *self)
{
  g_return_val_if_fail (TALKIE_IS_RECORDER (self), NULL);

  return self->input;
}

gboolean
talkie_recorder_get_recording (TalkieRecorder *self)
{
  g_return_val_if_fail (TALKIE_IS_RECORDER (self), FALSE);

  return self->task != NULL;
}

double
talkie_recorder_get_level (TalkieRecorder *self)
{
  g_return_val_if_fail (TALKIE_IS_RECORDER (self), 0);

  return self->level;
}

double
talkie_recorder_get_elapsed (TalkieRecorder *self)
{
  g_return_val_if_fail (TALKIE_IS_RECORDER (self), 0);

  return self->elapsed;
}

GFile *
talkie_recorder_get_partial_take (TalkieRecorder *self)
{
  g_return_val_if_fail (TALKIE_IS_RECORDER (self), NULL);

  return self->partial_take;
}

char *
talkie_recorder_dup_default_directory (void)
{
  return g_build_filename (g_get_user_cache_dir (), "talkie", "recordings", NULL);
}

/* --- the error a user reads ------------------------------------------------- */

static GError *
error_for_gst_error (TalkieRecorder *self,
                     GstMessage     *message,
                     const GError   *gst_error)
{
  if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->sink))
    return g_error_new (TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_WRITE,
                        _("The recording could not be saved: %s"), gst_error->message);

  if (g_error_matches (gst_error, GST_RESOURCE_ERROR, GST_RESOURCE_ERROR_NOT_AUTHORIZED))
    return g_error_new_literal (TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_NOT_AUTHORIZED,
                                _("Talkie may not use the microphone. Allow it in the system’s privacy settings, then try again."));

  if (self->elapsed > 0)
    return g_error_new_literal (TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_INPUT_LOST,
                                _("The microphone stopped sending sound. What was recorded until then is kept."));

  return g_error_new_literal (TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_NO_INPUT,
                              _("No microphone could be opened. Connect one or choose another input, then try again."));
}

/* --- finishing the file ------------------------------------------------------ */

/* Moves the temporary file to a new "Recording …" name beside it. */
static GFile *
keep_take (TalkieRecorder  *self,
           GError         **error)
{
  g_autoptr(GFile) tmp = g_file_new_for_path (self->tmp_path);
  g_autoptr(GFile) dir = g_file_get_parent (tmp);
  g_autofree char *stamp = g_date_time_format (self->started, "%Y-%m-%d %H.%M.%S");

  for (guint i = 1; i < 100; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GFile) take = NULL;
      g_autoptr(GError) local_error = NULL;

      /* TRANSLATORS: the file name of a take; %s is its date and time */
      name = i == 1 ? g_strdup_printf (_("Recording %s.mp3"), stamp)
                    : g_strdup_printf (_("Recording %s (%u).mp3"), stamp, i);
      take = g_file_get_child (dir, name);

      /* g_file_move() without OVERWRITE never replaces a take already there. */
      if (g_file_move (tmp, take, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, &local_error))
        {
          g_clear_pointer (&self->tmp_path, g_free);
          return g_steal_pointer (&take);
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_set_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_WRITE,
                       _("The recording could not be saved: %s"), local_error->message);
          return NULL;
        }
    }

  g_set_error_literal (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_WRITE,
                       _("The recording could not be saved: too many recordings with the same name."));
  return NULL;
}

static gboolean
tmp_has_sound (TalkieRecorder *self)
{
  GStatBuf st;

  return self->elapsed > 0 && g_stat (self->tmp_path, &st) == 0 && st.st_size > 0;
}

/* The pipeline ended (EOS, or the guard after a failure): keep what there is. */
static void
finish_take (TalkieRecorder *self)
{
  g_autoptr(GError) error = NULL;
  GFile *take = NULL;

  /* The file is complete only once the pipeline has let go of it. */
  teardown_pipeline (self);

  if (tmp_has_sound (self))
    take = keep_take (self, &error);
  else if (self->failure == NULL)
    error = g_error_new_literal (TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_NO_INPUT,
                                 _("Nothing was recorded: the microphone sent no sound. Check the input, then try again."));

  if (self->failure != NULL)
    {
      g_set_object (&self->partial_take, take);
      g_clear_object (&take);
      if (error == NULL)
        error = g_steal_pointer (&self->failure);
    }

  complete (self, take, g_steal_pointer (&error));
}

static gboolean
finish_guard_cb (gpointer user_data)
{
  TalkieRecorder *self = user_data;

  self->guard_id = 0;
  g_debug ("The pipeline did not finish the take in time; keeping what it wrote");
  finish_take (self);

  return G_SOURCE_REMOVE;
}

/* Ends the stream behind the source: the encoder flushes and the file is finished
 * properly, whether the user stopped or the source failed. */
static void
end_stream (TalkieRecorder *self)
{
  g_autoptr(GstPad) pad = gst_element_get_static_pad (self->queue, "sink");

  self->stopping = TRUE;
  gst_pad_send_event (pad, gst_event_new_eos ());
  self->guard_id = g_timeout_add_seconds (FINISH_GUARD_SECONDS, finish_guard_cb, self);
}

/* --- the bus ---------------------------------------------------------------- */

static void
handle_level (TalkieRecorder     *self,
              const GstStructure *structure)
{
  const GValue *peaks = gst_structure_get_value (structure, "peak");
  GstClockTime duration = 0;
  double peak_db = -G_MAXDOUBLE;

  if (peaks != NULL && G_VALUE_TYPE (peaks) != G_TYPE_INVALID)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      GValueArray *array = g_value_get_boxed (peaks);

      for (guint i = 0; array != NULL && i < array->n_values; i++)
        peak_db = MAX (peak_db, g_value_get_double (g_value_array_get_nth (array, i)));
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
  set_level (self, CLAMP ((peak_db - LEVEL_FLOOR_DB) / -LEVEL_FLOOR_DB, 0.0, 1.0));

  if (gst_structure_get_clock_time (structure, "duration", &duration) && duration > 0)
    {
      self->elapsed += (double) duration / GST_SECOND;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);
    }
}

static gboolean
bus_cb (GstBus     *bus,
        GstMessage *message,
        gpointer    user_data)
{
  TalkieRecorder *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ELEMENT:
      if (gst_message_has_name (message, "level"))
        handle_level (self, gst_message_get_structure (message));
      break;

    case GST_MESSAGE_EOS:
      if (!self->stopping)
        {
          /* The source ended by itself: a device gone, not the user's stop. */
          self->failure = g_error_new_literal (TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_INPUT_LOST,
                                               _("The microphone stopped sending sound. What was recorded until then is kept."));
        }
      finish_take (self);
      return G_SOURCE_REMOVE;

    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        g_debug ("Recording failed: %s (%s)", gst_error->message, debug ? debug : "");
        if (self->failure == NULL)
          self->failure = error_for_gst_error (self, message, gst_error);

        /* A source that failed mid-take leaves the rest of the pipeline able to finish
         * the file, and often posts a second error on the way: the EOS (or the guard)
         * ends the take then. A failing sink, or nothing recorded, ends it here. */
        if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->sink) || self->elapsed == 0)
          {
            finish_take (self);
            return G_SOURCE_REMOVE;
          }
        if (!self->stopping)
          end_stream (self);
      }
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
cancelled_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  TalkieRecorder *self = user_data;

  complete (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("The recording was discarded.")));
  return G_SOURCE_REMOVE;
}

/* --- building the pipeline -------------------------------------------------- */

static GstElement *
make_element (const char  *factory,
              GError     **error)
{
  GstElement *element = gst_element_factory_make (factory, NULL);

  if (element == NULL)
    g_set_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_MISSING_PLUGIN,
                 _("Recording needs the GStreamer element “%s”, which is not installed."), factory);
  return element;
}

static GstElement *
make_source (TalkieRecorder  *self,
             GError         **error)
{
  const char *test_source = g_getenv (TALKIE_RECORDER_TEST_SOURCE_ENV);

  if (test_source != NULL && test_source[0] != '\0')
    {
      g_autoptr(GError) local_error = NULL;
      GstElement *bin;

      if (g_str_equal (test_source, "1"))
        test_source = "audiotestsrc is-live=true wave=sine freq=440 volume=0.5";
      bin = gst_parse_bin_from_description (test_source, TRUE, &local_error);
      if (bin == NULL)
        g_set_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_NO_INPUT,
                     "%s: %s", TALKIE_RECORDER_TEST_SOURCE_ENV, local_error->message);
      return bin;
    }

  if (self->input != NULL)
    {
      GstElement *element = gst_device_create_element (self->input, NULL);

      if (element == NULL)
        g_set_error_literal (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_NO_INPUT,
                             _("The chosen microphone is not available any more. Choose another input, then try again."));
      return element;
    }

  /* autoaudiosrc quietly falls back to a silent fake source when no microphone
   * opens: pulsesrc (also PipeWire's and the Flatpak's) says so instead. */
  {
    g_autoptr(GstElementFactory) pulse = gst_element_factory_find ("pulsesrc");

    return make_element (pulse != NULL ? "pulsesrc" : "autoaudiosrc", error);
  }
}

static gboolean
build_pipeline (TalkieRecorder  *self,
                GError         **error)
{
  g_autoptr(GstElement) pipeline = gst_pipeline_new ("talkie-recorder");
  g_autoptr(GstCaps) caps = NULL;
  static const char * const factories[] = { "queue", "audioconvert", "audioresample", "capsfilter",
                                            "level", "lamemp3enc", "filesink" };
  GstElement *elements[G_N_ELEMENTS (factories)];
  GstElement *source, *convert, *resample, *filter, *level, *encoder;

  if ((source = make_source (self, error)) == NULL)
    return FALSE;
  gst_bin_add (GST_BIN (pipeline), source);

  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    {
      if ((elements[i] = make_element (factories[i], error)) == NULL)
        return FALSE;
      gst_bin_add (GST_BIN (pipeline), elements[i]);
    }

  self->queue = gst_object_ref (elements[0]);
  convert = elements[1];
  resample = elements[2];
  filter = elements[3];
  level = elements[4];
  encoder = elements[5];
  self->sink = gst_object_ref (elements[6]);

  caps = gst_caps_new_simple ("audio/x-raw",
                              "rate", G_TYPE_INT, TAKE_RATE,
                              "channels", G_TYPE_INT, 1,
                              NULL);
  g_object_set (filter, "caps", caps, NULL);
  g_object_set (level, "interval", (guint64) LEVEL_INTERVAL_MS * GST_MSECOND, "post-messages", TRUE, NULL);
  gst_util_set_object_arg (G_OBJECT (encoder), "target", "bitrate");
  g_object_set (encoder, "bitrate", TAKE_BITRATE_KBPS, "cbr", TRUE, NULL);
  g_object_set (self->sink, "location", self->tmp_path, "async", FALSE, NULL);

  if (!gst_element_link_many (source, self->queue, convert, resample, filter,
                              level, encoder, self->sink, NULL))
    {
      g_set_error_literal (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_NO_INPUT,
                           _("The microphone’s sound cannot be recorded. Choose another input, then try again."));
      return FALSE;
    }

  self->pipeline = g_steal_pointer (&pipeline);
  return TRUE;
}

static char *
make_tmp_path (GFile   *directory,
               GError **error)
{
  g_autofree char *dir = g_file_get_path (directory);
  g_autofree char *tmpl = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_WRITE,
                   _("The recording could not be saved: %s"), g_strerror (saved));
      return NULL;
    }

  /* Hidden and with a suffix no one opens: never mistaken for a finished take. */
  tmpl = g_build_filename (dir, ".recording-XXXXXX.part", NULL);
  fd = g_mkstemp_full (tmpl, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_WRITE,
                   _("The recording could not be saved: %s"), g_strerror (saved));
      return NULL;
    }
  g_close (fd, NULL);

  return g_steal_pointer (&tmpl);
}

void
talkie_recorder_record_async (TalkieRecorder      *self,
                              GFile               *directory,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) default_dir = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (TALKIE_IS_RECORDER (self));
  g_return_if_fail (directory == NULL || G_IS_FILE (directory));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_recorder_record_async);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, TALKIE_RECORDER_ERROR, TALKIE_RECORDER_ERROR_BUSY,
                               _("A recording is already running."));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  if (directory == NULL)
    {
      g_autofree char *path = talkie_recorder_dup_default_directory ();
      directory = default_dir = g_file_new_for_path (path);
    }

  g_clear_object (&self->partial_take);
  self->elapsed = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ELAPSED]);

  if ((self->tmp_path = make_tmp_path (directory, &error)) == NULL ||
      !build_pipeline (self, &error))
    {
      self->task = g_steal_pointer (&task);
      complete (self, NULL, g_steal_pointer (&error));
      return;
    }

  self->task = g_steal_pointer (&task);
  self->started = g_date_time_new_now_local ();

  bus = gst_pipeline_get_bus (GST_PIPELINE (self->pipeline));
  self->bus_source = gst_bus_create_watch (bus);
  g_source_set_callback (self->bus_source, (GSourceFunc) G_CALLBACK (bus_cb), self, NULL);
  g_source_attach (self->bus_source, g_task_get_context (self->task));

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, (GSourceFunc) G_CALLBACK (cancelled_cb), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);

  /* A source that cannot open fails here or posts its error: the bus has it either way. */
  gst_element_set_state (self->pipeline, GST_STATE_PLAYING);
}

GFile *
talkie_recorder_record_finish (TalkieRecorder  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (TALKIE_IS_RECORDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
talkie_recorder_stop (TalkieRecorder *self)
{
  g_return_if_fail (TALKIE_IS_RECORDER (self));

  if (self->task == NULL || self->stopping)
    return;

  end_stream (self);
}
