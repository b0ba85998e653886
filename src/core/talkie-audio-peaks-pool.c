/* talkie-audio-peaks-pool.c: a GstTaskPool for background pipelines whose
 * threads are its own and run at a low priority.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "talkie-audio-peaks-pool.h"

/* Nice value of the streaming threads: well below the main loop's. */
#define BACKGROUND_NICE 10

struct _TalkieAudioPeaksPool
{
  GstTaskPool parent_instance;
};

G_DEFINE_FINAL_TYPE (TalkieAudioPeaksPool, talkie_audio_peaks_pool, GST_TYPE_TASK_POOL)

typedef struct
{
  GstTaskPoolFunction func;
  gpointer            user_data;
} Start;

static gpointer
thread_func (gpointer data)
{
  Start start = *(Start *) data;

  g_free (data);
#ifdef __linux__
  /* Per thread on Linux; the thread is ours alone and ends with the task. */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICE) != 0)
    g_debug ("Could not lower the priority of a background thread");
#endif
  start.func (start.user_data);
  return NULL;
}

static void
pool_prepare (GstTaskPool  *pool,
              GError      **error)
{
  /* Nothing to prepare: threads are made on demand. */
}

static void
pool_cleanup (GstTaskPool *pool)
{
}

static gpointer
pool_push (GstTaskPool          *pool,
           GstTaskPoolFunction   func,
           gpointer              user_data,
           GError              **error)
{
  Start *start = g_new0 (Start, 1);

  start->func = func;
  start->user_data = user_data;
  return g_thread_try_new ("talkie-bg", thread_func, start, error);
}

static void
pool_join (GstTaskPool *pool,
           gpointer     id)
{
  if (id != NULL)
    g_thread_join (id);
}

static void
talkie_audio_peaks_pool_class_init (TalkieAudioPeaksPoolClass *klass)
{
  GstTaskPoolClass *pool_class = GST_TASK_POOL_CLASS (klass);

  pool_class->prepare = pool_prepare;
  pool_class->cleanup = pool_cleanup;
  pool_class->push = pool_push;
  pool_class->join = pool_join;
}

static void
talkie_audio_peaks_pool_init (TalkieAudioPeaksPool *self)
{
}

GstTaskPool *
talkie_audio_peaks_pool_new (void)
{
  GstTaskPool *pool = g_object_new (TALKIE_TYPE_AUDIO_PEAKS_POOL, NULL);

  gst_object_ref_sink (pool);
  return pool;
}

/* Runs in the thread that creates a task: hands the task our pool. */
static GstBusSyncReply
stream_status_cb (GstBus     *bus,
                  GstMessage *message,
                  gpointer    user_data)
{
  GstTaskPool *pool = user_data;
  GstStreamStatusType type;
  GstElement *owner;

  if (GST_MESSAGE_TYPE (message) != GST_MESSAGE_STREAM_STATUS)
    return GST_BUS_PASS;

  gst_message_parse_stream_status (message, &type, &owner);
  if (type == GST_STREAM_STATUS_TYPE_CREATE)
    {
      const GValue *value = gst_message_get_stream_status_object (message);

      if (value != NULL && G_VALUE_HOLDS (value, GST_TYPE_TASK))
        gst_task_set_pool (g_value_get_object (value), pool);
    }
  return GST_BUS_PASS;
}

void
talkie_audio_peaks_pool_adopt (GstTaskPool *pool,
                               GstElement  *pipeline)
{
  g_autoptr(GstBus) bus = NULL;

  g_return_if_fail (TALKIE_IS_AUDIO_PEAKS_POOL (pool));
  g_return_if_fail (GST_IS_PIPELINE (pipeline));

  bus = gst_pipeline_get_bus (GST_PIPELINE (pipeline));
  gst_bus_set_sync_handler (bus, stream_status_cb, gst_object_ref (pool), gst_object_unref);
}
