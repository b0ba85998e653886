/* talkie-test-utils.c: helpers shared by the test programs (no GTK, no src/core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-test"

#include <glib/gstdio.h>

#include "talkie-test-utils.h"

/* --- waiting on the main context ------------------------------------------ */

void
talkie_test_result_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

GAsyncResult *
talkie_test_wait_for_result (GAsyncResult **slot)
{
  g_assert_nonnull (slot);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

void
talkie_test_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  g_main_context_wakeup (NULL);
  return G_SOURCE_REMOVE;
}

void
talkie_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
talkie_test_wait_until (TalkieTestCondition condition,
                        gpointer            data,
                        guint               guard_seconds)
{
  gboolean expired = FALSE;
  guint guard;

  g_assert_nonnull (condition);

  guard = g_timeout_add_seconds (guard_seconds, set_true_cb, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    return FALSE;

  g_source_remove (guard);
  return TRUE;
}

/* --- files ------------------------------------------------------------------ */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

void
talkie_test_count_notify (gpointer    object,
                          const char *property,
                          guint      *counter)
{
  g_autofree char *signal = g_strconcat ("notify::", property, NULL);

  g_assert_true (G_IS_OBJECT (object));
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (object), property));
  g_signal_connect (object, signal, G_CALLBACK (count_notify_cb), counter);
}

char *
talkie_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);

  return dir;
}

void
talkie_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        talkie_test_remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

GFile *
talkie_test_write_file (const char *dir,
                        const char *name,
                        GBytes     *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

guint
talkie_test_count_files (const char *dir,
                         const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (prefix == NULL || g_str_has_prefix (name, prefix))
      n++;

  return n;
}

/* --- media with GStreamer --------------------------------------------------- */

void
talkie_test_run_pipeline (const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;

  pipeline = gst_parse_launch (description, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pipeline);

  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);

  bus = gst_element_get_bus (pipeline);
  message = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE,
                                        GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
    {
      g_autoptr(GError) gst_error = NULL;

      gst_message_parse_error (message, &gst_error, NULL);
      g_error ("Pipeline “%s” failed: %s", description, gst_error->message);
    }
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);

  gst_element_set_state (pipeline, GST_STATE_NULL);
}

void
talkie_test_make_tone (const char *path,
                       guint       n_buffers,
                       const char *encoder)
{
  g_autofree char *quoted = g_strescape (path, NULL);
  g_autofree char *description = NULL;

  description = g_strdup_printf ("audiotestsrc num-buffers=%u samplesperbuffer=1024 ! "
                                 "audio/x-raw,rate=44100,channels=1 ! audioconvert ! "
                                 "%s ! filesink location=\"%s\"",
                                 n_buffers, encoder, quoted);
  talkie_test_run_pipeline (description);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

GstDiscovererInfo *
talkie_test_discover (const char   *uri,
                      GstClockTime  timeout)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  discoverer = gst_discoverer_new (timeout, &error);
  g_assert_no_error (error);
  info = gst_discoverer_discover_uri (discoverer, uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gst_discoverer_info_get_result (info), ==, GST_DISCOVERER_OK);

  return g_steal_pointer (&info);
}

void
talkie_test_assert_video_with_sound (GstDiscovererInfo *info)
{
  GList *video = gst_discoverer_info_get_video_streams (info);
  GList *audio = gst_discoverer_info_get_audio_streams (info);

  g_assert_nonnull (video);
  g_assert_nonnull (audio);
  gst_discoverer_stream_info_list_free (video);
  gst_discoverer_stream_info_list_free (audio);
}
