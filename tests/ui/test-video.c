/* test-video.c: a finished render plays with pictures, as a user sees it
 *
 * Unlike the other UI tests this one leaves GTK's renderer alone: the result
 * window draws the way it does on a user's desktop (GL where the X server has
 * it), and what is checked is what the X server shows, not a re-rendering of
 * the widget tree. A video that plays black — GStreamer handed GL frames it
 * cannot upload — fails here while its timeline moves on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-test"

#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "talkie-core.h"
#include "talkie-sandbox.h"
#include "talkie-application-private.h"
#include "talkie-result-view.h"
#include "talkie-video-stream.h"
#include "talkie-window-private.h"

#include "talkie-test-client-utils.h"
#include "talkie-test-ui-utils.h"

#define GUARD_SECONDS 60

static struct
{
  TalkieSandbox     *sandbox;
  TalkieApplication *app;
  TalkieWindow      *window;
  char              *tmpdir;
} world;

static gboolean
window_has_client (gpointer data)
{
  return talkie_application_get_client (world.app) != NULL;
}

static gboolean
job_is_final (gpointer data)
{
  return talkie_job_state_is_final (talkie_render_job_get_state (data));
}

static TalkieResultView *
result_view (void)
{
  GtkWindow *window = talkie_window_get_result_window (world.window);
  g_autoptr(GPtrArray) views = NULL;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return NULL;

  views = talkie_test_ui_find_all (GTK_WIDGET (window), TALKIE_TYPE_RESULT_VIEW);
  return views->len > 0 ? g_ptr_array_index (views, 0) : NULL;
}

static GtkMediaStream *
result_stream (void)
{
  TalkieResultView *view = result_view ();

  return view != NULL ? gtk_video_get_media_stream (talkie_result_view_get_video (view)) : NULL;
}

static gboolean
stream_prepared (gpointer data)
{
  GtkMediaStream *stream = result_stream ();

  return stream != NULL && (gtk_media_stream_is_prepared (stream) ||
                            gtk_media_stream_get_error (stream) != NULL);
}

static gboolean
stream_past (gpointer data)
{
  GtkMediaStream *stream = result_stream ();

  return stream != NULL && (gtk_media_stream_get_timestamp (stream) >= GPOINTER_TO_INT (data) * G_USEC_PER_SEC / 1000 ||
                            gtk_media_stream_get_error (stream) != NULL);
}

/* A finished render of the sandbox's, made through the same client the app uses. */
static TalkieRenderJob *
finished_render (void)
{
  TalkieClient *client = talkie_application_get_client (world.app);
  TalkieRenderOptions options = {
    .aspect_ratio = TALKIE_ASPECT_RATIO_LANDSCAPE,
    .screen_style = TALKIE_SCREEN_STYLE_BACKGROUND,
    .subtitles = FALSE,
  };
  g_autoptr(TalkieAvatar) avatar = talkie_test_get_avatar (client, TALKIE_ASPECT_RATIO_LANDSCAPE, 0);
  g_autoptr(TalkieVoice) voice = talkie_test_get_voice (client, 0);
  g_autoptr(TalkieAudioSource) audio = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (world.tmpdir, "voice.mp3", NULL);
  TalkieRenderJob *job;

  /* About 3 s of tone: a video long enough to watch for a second. */
  talkie_test_make_tone (path, 130, "lamemp3enc");
  file = g_file_new_for_path (path);
  audio = talkie_audio_source_new_for_file (file);

  job = talkie_render_job_new (client, avatar, voice, audio, &options);
  g_assert_nonnull (job);
  talkie_render_job_set_poll_interval (job, 50, 200);
  talkie_render_job_start (job);
  g_assert_true (talkie_test_wait_until (job_is_final, job, GUARD_SECONDS));
  g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_SUCCEEDED);

  return job;
}

/* What the X server shows in the middle of the video area: the picture, away
 * from letterbox bars and the player's controls. */
static GdkPixbuf *
grab_video_area (GtkWidget *video)
{
  GtkNative *native = gtk_widget_get_native (video);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (world.tmpdir, "video-area.png", NULL);
  g_autofree char *window_id = NULL;
  g_autofree char *crop = NULL;
  graphene_rect_t bounds;
  double sx, sy;
  int status = 0;
  GdkPixbuf *pixbuf;

  g_assert_true (gtk_widget_compute_bounds (video, GTK_WIDGET (native), &bounds));
  gtk_native_get_surface_transform (native, &sx, &sy);

  window_id = g_strdup_printf ("0x%lx", (unsigned long) gdk_x11_surface_get_xid (surface));
  crop = g_strdup_printf ("%dx%d+%d+%d",
                          (int) (bounds.size.width / 2), (int) (bounds.size.height / 2),
                          (int) (sx + bounds.origin.x + bounds.size.width / 4),
                          (int) (sy + bounds.origin.y + bounds.size.height / 4));

  {
    const char *argv[] = { "import", "-window", window_id, "-crop", crop, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }

  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);

  /* Kept beside the other screenshots, to be looked at. */
  {
    g_autofree char *shot = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                              "screenshots", "video-playing.png", NULL);
    g_autofree char *dir = g_path_get_dirname (shot);

    g_mkdir_with_parents (dir, 0755);
    gdk_pixbuf_save (pixbuf, shot, "png", NULL, NULL);
  }

  return pixbuf;
}

/* How many different colours (at 5 bits a channel) and how bright the
 * brightest pixel is. */
static void
measure_picture (GdkPixbuf *pixbuf,
                 guint     *n_colours,
                 guint     *max_luma)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);

  *max_luma = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *p = pixels + y * stride + x * channels;
        guint key = ((p[0] >> 3) << 10) | ((p[1] >> 3) << 5) | (p[2] >> 3);
        guint luma = (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000;

        g_hash_table_add (colours, GUINT_TO_POINTER (key + 1));
        *max_luma = MAX (*max_luma, luma);
      }

  *n_colours = g_hash_table_size (colours);
}

static void
test_video_paints (void)
{
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GdkPixbuf) picture = NULL;
  TalkieResultView *view;
  GtkMediaStream *stream;
  GtkWidget *video;
  guint n_colours, max_luma;
  guint first_frames;

  g_assert_true (talkie_test_wait_until (window_has_client, NULL, GUARD_SECONDS));
  job = finished_render ();

  talkie_window_show_job (world.window, job);
  g_assert_true (talkie_test_wait_until (stream_prepared, NULL, GUARD_SECONDS));
  view = result_view ();
  g_assert_cmpstr (talkie_result_view_get_page (view), ==, "video");
  stream = result_stream ();
  g_assert_null (gtk_media_stream_get_error (stream));
  g_assert_true (gtk_media_stream_has_video (stream));

  /* A second of playback, silently: the picture moves on with the timeline. */
  g_assert_true (TALKIE_IS_VIDEO_STREAM (stream));
  first_frames = talkie_video_stream_get_n_frames (TALKIE_VIDEO_STREAM (stream));
  gtk_media_stream_set_muted (stream, TRUE);
  gtk_media_stream_play (stream);
  g_assert_true (talkie_test_wait_until (stream_past, GINT_TO_POINTER (1000), GUARD_SECONDS));
  g_assert_null (gtk_media_stream_get_error (stream));
  g_test_message ("%u frames shown in the first second",
                  talkie_video_stream_get_n_frames (TALKIE_VIDEO_STREAM (stream)) - first_frames);
  g_assert_cmpuint (talkie_video_stream_get_n_frames (TALKIE_VIDEO_STREAM (stream)), >, first_frames + 5);
  /* Let the frames of that second reach the screen. */
  talkie_test_ui_settle (10, 50);

  video = GTK_WIDGET (talkie_result_view_get_video (view));
  picture = grab_video_area (video);
  measure_picture (picture, &n_colours, &max_luma);
  g_test_message ("The video area shows %u colours, the brightest pixel at %u of 255",
                  n_colours, max_luma);

  /* The sandbox's video is the avatar's cover with a moving caption: many
   * colours and light ones. A black frame has one colour, luma near 0. */
  g_assert_cmpuint (max_luma, >, 64);
  g_assert_cmpuint (n_colours, >=, 16);

  gtk_media_stream_pause (stream);
  gtk_window_close (talkie_window_get_result_window (world.window));
  talkie_test_ui_settle (5, 50);
  /* The result window let go of the render it showed. */
  g_assert_finalize_object (g_steal_pointer (&job));
}

/* --- an idle app is idle -------------------------------------------------------- */

typedef struct {
  guint  frames;
  gint64 last_frame_us;
} FrameCount;

static void
count_frame_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  FrameCount *count = user_data;

  count->frames++;
  count->last_frame_us = g_get_monotonic_time ();
}

/* Waits until the window has drawn nothing for @quiet_ms: the page switch,
 * covers and the first status update have reached the screen, and GTK's
 * scroll indicators have faded, however slow the machine. A window that keeps
 * drawing never gets there. */
static gboolean
wait_for_quiet (GdkFrameClock *clock,
                guint          quiet_ms,
                guint          guard_seconds)
{
  FrameCount count = { 0, g_get_monotonic_time () };
  gint64 deadline = g_get_monotonic_time () + guard_seconds * G_USEC_PER_SEC;
  gulong handler;
  gboolean quiet;

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &count);
  while (!(quiet = g_get_monotonic_time () - count.last_frame_us >= quiet_ms * (gint64) 1000) &&
         g_get_monotonic_time () < deadline)
    talkie_test_wait_ms (50);
  g_signal_handler_disconnect (clock, handler);

  g_test_message ("%u frames before %u ms without one", count.frames, quiet_ms);

  return quiet;
}

static void
count_poll_cb (GObject    *job,
               GParamSpec *pspec,
               gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
polled_twice (gpointer data)
{
  return *(guint *) data >= 2;
}

static gboolean
job_is_rendering (gpointer data)
{
  return talkie_render_job_get_state (data) == TALKIE_JOB_STATE_RENDERING;
}

/* A render that takes minutes must not keep the window redrawing: GTK draws a
 * frame only when something changed. Counted with the frame clock, while the
 * render sits at the service, on the Create page and on the Renders page. */
static void
test_idle_while_rendering (void)
{
  TalkieClient *client = talkie_application_get_client (world.app);
  g_autoptr(TalkieAvatar) avatar = talkie_test_get_avatar (client, TALKIE_ASPECT_RATIO_PORTRAIT, 0);
  g_autoptr(TalkieVoice) voice = talkie_test_get_voice (client, 0);
  g_autoptr(TalkieAudioSource) audio = NULL;
  g_autoptr(TalkieRenderJob) job = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (world.tmpdir, "idle.mp3", NULL);
  GdkFrameClock *clock;
  guint polls = 0;
  static const char * const pages[] = { "create", "renders" };

  /* The service takes ten minutes a step: the render stays running. */
  g_object_set (world.sandbox, "step-ms", 600000, NULL);

  talkie_test_make_tone (path, 40, "lamemp3enc");
  file = g_file_new_for_path (path);
  audio = talkie_audio_source_new_for_file (file);
  job = talkie_render_job_new (client, avatar, voice, audio, NULL);
  talkie_render_job_set_poll_interval (job, 500, 500);
  talkie_history_add (talkie_application_get_history (world.app), job);
  talkie_render_job_start (job);
  g_assert_true (talkie_test_wait_until (job_is_rendering, job, GUARD_SECONDS));
  /* Each poll hands the job the service's project: after two, the status the
   * window shows is the one it keeps for the next ten minutes. */
  g_signal_connect (job, "notify::project", G_CALLBACK (count_poll_cb), &polls);
  g_assert_true (talkie_test_wait_until (polled_twice, &polls, GUARD_SECONDS));

  /* No focus in a text field: a blinking cursor is a frame too. */
  gtk_window_set_focus (GTK_WINDOW (world.window), NULL);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (world.window));
  g_assert_nonnull (clock);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      FrameCount count = { 0, 0 };
      gulong handler;

      adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), pages[i]);
      /* Let the page switch and what it started reach the screen. */
      g_assert_true (wait_for_quiet (clock, 1000, GUARD_SECONDS));

      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame_cb), &count);
      talkie_test_ui_settle (60, 50);
      g_signal_handler_disconnect (clock, handler);

      g_test_message ("%s page: %u frames in 3 s while the render runs (polled every 0.5 s)",
                      pages[i], count.frames);
      if (count.frames > 3)
        g_printerr ("%s page: %u frames in 3 s while the render runs\n", pages[i], count.frames);
      g_assert_cmpint (talkie_render_job_get_state (job), ==, TALKIE_JOB_STATE_RENDERING);
      /* Polls that change nothing draw nothing; a pulsing bar drew ~180. */
      g_assert_cmpuint (count.frames, <=, 3);
    }

  g_signal_handlers_disconnect_by_func (job, count_poll_cb, &polls);
  talkie_render_job_cancel (job);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* The UI tests' environment, but GTK's own choice of renderer. */
  talkie_test_ui_set_environment ();
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  world.tmpdir = talkie_test_make_tmp_dir ("talkie-video-XXXXXX");
  world.sandbox = talkie_test_start_sandbox ("step-ms", 50, NULL);

  world.app = talkie_application_new_for_testing (talkie_sandbox_get_base_url (world.sandbox),
                                                  talkie_sandbox_get_api_key (world.sandbox));
  if (!g_application_register (G_APPLICATION (world.app), NULL, &error))
    g_error ("The application did not register: %s", error->message);

  g_application_activate (G_APPLICATION (world.app));
  world.window = TALKIE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (world.app)));
  g_assert_nonnull (world.window);

  g_test_add_func ("/ui/video/paints", test_video_paints);
  g_test_add_func ("/ui/idle/while-rendering", test_idle_while_rendering);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (world.window));
  talkie_test_ui_settle (5, 50);
  g_clear_object (&world.app);
  talkie_test_stop_sandbox (&world.sandbox);
  talkie_test_remove_tree (world.tmpdir);
  g_free (world.tmpdir);

  return ret;
}
