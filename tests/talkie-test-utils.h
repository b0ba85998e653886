/* talkie-test-utils.h: helpers shared by the test programs (no GTK, no src/core)
 *
 * Everything here works on the thread-default main context of the caller (the
 * default one in the tests) and fails the test with a GLib assertion when
 * something it needs goes wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

G_BEGIN_DECLS

/* --- waiting on the main context ------------------------------------------ */

/**
 * talkie_test_result_cb:
 * @object: the source object
 * @result: the result of the asynchronous call
 * @user_data: a `GAsyncResult **` slot, which must still be %NULL
 *
 * A #GAsyncReadyCallback that keeps a reference to @result in the slot
 * @user_data points to, and wakes the default main context. Use it with
 * talkie_test_wait_for_result():
 *
 * |[
 *   g_autoptr(GAsyncResult) result = NULL;
 *
 *   thing_do_async (thing, NULL, talkie_test_result_cb, &result);
 *   thing_do_finish (thing, talkie_test_wait_for_result (&result), &error);
 * ]|
 */
void           talkie_test_result_cb       (GObject       *object,
                                            GAsyncResult  *result,
                                            gpointer       user_data);

/**
 * talkie_test_wait_for_result:
 * @slot: the slot given to talkie_test_result_cb()
 *
 * Iterates the default main context until @slot holds a result.
 *
 * Returns: (transfer none): the result; @slot keeps the reference
 */
GAsyncResult  *talkie_test_wait_for_result (GAsyncResult **slot);

/**
 * talkie_test_drain:
 *
 * Runs what is ready on the default main context, until nothing is.
 */
void           talkie_test_drain           (void);

/**
 * talkie_test_wait_ms:
 * @ms: how long
 *
 * Keeps the default main context running for @ms milliseconds.
 */
void           talkie_test_wait_ms         (guint          ms);

typedef gboolean (*TalkieTestCondition) (gpointer data);

/**
 * talkie_test_wait_until:
 * @condition: what to wait for
 * @data: passed to @condition
 * @guard_seconds: when to give up (only a guard against hanging forever)
 *
 * Iterates the default main context until @condition returns %TRUE, or
 * @guard_seconds have passed.
 *
 * Returns: %TRUE when @condition became true, %FALSE when the guard expired
 */
gboolean       talkie_test_wait_until      (TalkieTestCondition  condition,
                                            gpointer             data,
                                            guint                guard_seconds);

/* --- files ------------------------------------------------------------------ */

/**
 * talkie_test_make_tmp_dir:
 * @tmpl: a template for g_dir_make_tmp(), such as "test-thing-XXXXXX"
 *
 * Returns: (transfer full): the path of a new, empty temporary directory
 */
/* Counts the notifications of @object's @property into @counter (which must
 * outlive @object): assert how often a property changed, not only its value. */
void           talkie_test_count_notify    (gpointer       object,
                                            const char    *property,
                                            guint         *counter);

char          *talkie_test_make_tmp_dir    (const char    *tmpl);

/**
 * talkie_test_remove_tree:
 * @path: a directory
 *
 * Removes @path and everything below it, like `rm -r`. A @path that does
 * not exist is not an error.
 */
void           talkie_test_remove_tree     (const char    *path);

/**
 * talkie_test_write_file:
 * @dir: a directory
 * @name: the file name in @dir
 * @bytes: the contents
 *
 * Writes @bytes to @dir/@name.
 *
 * Returns: (transfer full): the file written
 */
GFile         *talkie_test_write_file      (const char    *dir,
                                            const char    *name,
                                            GBytes        *bytes);

/**
 * talkie_test_count_files:
 * @dir: a directory, which must exist
 * @prefix: (nullable): count only the names starting with this
 *
 * Returns: how many entries @dir has (whose names start with @prefix)
 */
guint          talkie_test_count_files     (const char    *dir,
                                            const char    *prefix);

/* --- media with GStreamer --------------------------------------------------- */

/**
 * talkie_test_run_pipeline:
 * @description: a gst-launch style description
 *
 * Runs the pipeline to its end (EOS). An error message from the pipeline
 * fails the test with what it says.
 */
void           talkie_test_run_pipeline    (const char    *description);

/**
 * talkie_test_make_tone:
 * @path: where to write
 * @n_buffers: how many buffers of 1024 samples at 44.1 kHz mono (100 is 2.32 s)
 * @encoder: the gst-launch elements that encode and wrap it, such as
 *   "wavenc" or "lamemp3enc ! xingmux"
 *
 * Writes a sine tone (audiotestsrc's default, 440 Hz) to @path.
 */
void           talkie_test_make_tone       (const char    *path,
                                            guint          n_buffers,
                                            const char    *encoder);

/**
 * talkie_test_discover:
 * @uri: a media URI
 * @timeout: how long GstDiscoverer may take
 *
 * Looks into the media at @uri with GstDiscoverer and asserts it could.
 *
 * Returns: (transfer full): what the discoverer found
 */
GstDiscovererInfo *talkie_test_discover    (const char    *uri,
                                            GstClockTime   timeout);

/**
 * talkie_test_assert_video_with_sound:
 * @info: what talkie_test_discover() found
 *
 * Asserts @info has at least one video and one audio stream.
 */
void           talkie_test_assert_video_with_sound (GstDiscovererInfo *info);

G_END_DECLS
