/* talkie-bench-hooks.c: what tests/bench/bench-app measures, from inside the app
 *
 * With TALKIE_BENCH set, Talkie reports moments of its own life on stdout as
 * lines "talkie-bench: EVENT k=v ..." and quits when the measurement is done.
 * Without it nothing here runs. Times are g_get_monotonic_time() (CLOCK_MONOTONIC,
 * the same clock in every process), so the bench can subtract its own
 * spawn time.
 *
 *   first-frame   the main window's first frame has been painted; quit
 *   covers        every avatar cell on screen shows its cover; quit
 *   scroll        after "covers", page down through the whole grid and back,
 *                 waiting at each page for its covers; report resident memory
 *                 before, after (and after malloc_trim) and its high-water mark
 *   render-idle   start a render (held at "processing" by a slow sandbox, see
 *                 TALKIE_SANDBOX_STEP_MS), then on each page of the window count
 *                 frames and CPU time for TALKIE_BENCH_SECONDS (default 20)
 *   idle          the same on the window as it opens, without a render
 *
 * Any GtkApplication can use them (the bench's bare libadwaita window does);
 * render-idle needs Talkie's.
 *
 * TALKIE_BENCH_AUDIO names the recording render-idle uploads.
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <malloc.h>

#include "talkie-application.h"
#include "talkie-avatar-cell.h"
#include "talkie-render-job.h"

#include "talkie-bench-hooks.h"
#include "talkie-bench-report.h"

/* A page that never gets all its covers is left after this long, and counted. */
#define COVER_WAIT_USEC (5 * G_USEC_PER_SEC)

typedef enum
{
  BENCH_FIRST_FRAME,
  BENCH_COVERS,
  BENCH_SCROLL,
  BENCH_RENDER_IDLE,
  BENCH_IDLE,
} BenchMode;

typedef struct
{
  GtkApplication    *app;
  BenchMode          mode;
  GtkWindow         *window;
  GdkFrameClock     *clock;
  gulong             paint_handler;
  guint              frames;
  gboolean           covers_seen;

  /* scroll */
  gboolean           going_up;
  guint              steps;
  guint              pages_without_covers;
  gint64             page_since;
  gint64             rss_before_kb;

  /* render-idle */
  TalkieAvatar      *avatar;
  TalkieVoice       *voice;
  TalkieRenderJob   *job;
  GListModel        *pages;
  guint              page;
  guint              seconds;
  guint              frames_at_start;
  gint64             cpu_at_start;
  gint64             time_at_start;
} Bench;

static void bench_scroll_step (Bench *bench);
static void bench_render_start (Bench *bench);

static void
bench_quit (Bench *bench)
{
  if (bench->clock != NULL)
    g_clear_signal_handler (&bench->paint_handler, bench->clock);
  g_application_quit (G_APPLICATION (bench->app));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every avatar cell in view (mapped, with an avatar, within the height of
 * the grid's scrolled window), and how many of them show a cover. */
static void
count_cells (GtkWidget *widget,
             GtkWidget *scroller,
             guint     *cells,
             guint     *covers)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!TALKIE_IS_AVATAR_CELL (child))
        {
          count_cells (child, scroller, cells, covers);
          continue;
        }

      if (talkie_avatar_cell_get_avatar (TALKIE_AVATAR_CELL (child)) == NULL ||
          !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, scroller, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 ||
          bounds.origin.y >= gtk_widget_get_height (scroller))
        continue;

      (*cells)++;
      if (talkie_avatar_cell_has_cover (TALKIE_AVATAR_CELL (child)))
        (*covers)++;
    }
}

static gboolean
bench_covers_complete (Bench *bench,
                       guint *cells)
{
  GtkWidget *grid = find_widget (GTK_WIDGET (bench->window), GTK_TYPE_GRID_VIEW);
  guint covers = 0;

  *cells = 0;
  if (grid == NULL || gtk_widget_get_parent (grid) == NULL)
    return FALSE;
  count_cells (grid, gtk_widget_get_parent (grid), cells, &covers);

  return *cells > 0 && covers == *cells;
}

/* --- scroll ------------------------------------------------------------------- */

static void
bench_scroll_finish (Bench *bench)
{
  gint64 rss_after = talkie_bench_status_kb ("VmRSS:");
  gint64 rss_trimmed;

  malloc_trim (0);
  rss_trimmed = talkie_bench_status_kb ("VmRSS:");
  talkie_bench_report ("scroll", "steps=%u pages-without-covers=%u rss-before-kb=%" G_GINT64_FORMAT
                " rss-after-kb=%" G_GINT64_FORMAT " rss-trimmed-kb=%" G_GINT64_FORMAT
                " hwm-kb=%" G_GINT64_FORMAT,
                bench->steps, bench->pages_without_covers, bench->rss_before_kb,
                rss_after, rss_trimmed, talkie_bench_status_kb ("VmHWM:"));
  bench_quit (bench);
}

static void
bench_scroll_step (Bench *bench)
{
  GtkWidget *grid = find_widget (GTK_WIDGET (bench->window), GTK_TYPE_GRID_VIEW);
  GtkWidget *scrolled = grid ? gtk_widget_get_parent (grid) : NULL;
  GtkAdjustment *adjustment;
  double page, value, bottom;

  if (!GTK_IS_SCROLLED_WINDOW (scrolled))
    {
      g_warning ("No avatar grid on screen to scroll");
      bench_quit (bench);
      return;
    }

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  page = gtk_adjustment_get_page_size (adjustment);
  value = gtk_adjustment_get_value (adjustment);
  bottom = gtk_adjustment_get_upper (adjustment) - page;

  if (!bench->going_up && value >= bottom)
    bench->going_up = TRUE;
  else if (bench->going_up && value <= 0)
    {
      bench_scroll_finish (bench);
      return;
    }

  /* A page at a time, as Page Down does, without its animation: GTK 4.8's
   * grid view warns when the view jumps far at once. */
  gtk_adjustment_set_value (adjustment, bench->going_up ? MAX (value - page, 0) : MIN (value + page, bottom));
  bench->steps++;
  bench->page_since = g_get_monotonic_time ();
  g_debug ("step %u to %.0f of %.0f", bench->steps, gtk_adjustment_get_value (adjustment), bottom);
}

/* --- render-idle ------------------------------------------------------------------ */

static gboolean bench_measure_end_cb (gpointer data);

static gboolean
bench_measure_start_cb (gpointer data)
{
  Bench *bench = data;

  bench->frames_at_start = bench->frames;
  bench->cpu_at_start = talkie_bench_cpu_usec ();
  bench->time_at_start = g_get_monotonic_time ();
  g_timeout_add_seconds (bench->seconds, bench_measure_end_cb, bench);

  return G_SOURCE_REMOVE;
}

/* Shows the next page to measure; FALSE when there is none. */
static gboolean
bench_next_page (Bench *bench)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (bench->window), ADW_TYPE_VIEW_STACK);
  g_autoptr(AdwViewStackPage) page = NULL;

  if (bench->pages == NULL || stack == NULL ||
      bench->page == g_list_model_get_n_items (bench->pages))
    return FALSE;

  page = g_list_model_get_item (bench->pages, bench->page++);
  adw_view_stack_set_visible_child (ADW_VIEW_STACK (stack), adw_view_stack_page_get_child (page));

  return TRUE;
}

/* Reports the page just measured, and goes on to the next one. */
static gboolean
bench_measure_end_cb (gpointer data)
{
  Bench *bench = data;
  double seconds = (g_get_monotonic_time () - bench->time_at_start) / (double) G_USEC_PER_SEC;
  double cpu = (talkie_bench_cpu_usec () - bench->cpu_at_start) / (double) G_USEC_PER_SEC;
  g_autoptr(AdwViewStackPage) page = NULL;

  if (bench->pages != NULL)
    page = g_list_model_get_item (bench->pages, bench->page - 1);

  talkie_bench_report (bench->job ? "render-idle" : "idle",
                "page=%s state=%d seconds=%.1f cpu-percent=%.3f frames=%u",
                page ? adw_view_stack_page_get_name (page) : "window",
                bench->job ? (int) talkie_render_job_get_state (bench->job) : -1,
                seconds, 100.0 * cpu / seconds, bench->frames - bench->frames_at_start);

  if (!bench_next_page (bench))
    {
      if (bench->job != NULL)
        {
          g_signal_handlers_disconnect_by_data (bench->job, bench);
          talkie_render_job_cancel (bench->job);
        }
      bench_quit (bench);
      return G_SOURCE_REMOVE;
    }

  /* What switching pages draws is not part of the figure. */
  g_timeout_add_seconds (2, bench_measure_start_cb, bench);

  return G_SOURCE_REMOVE;
}

static void
bench_job_state_cb (TalkieRenderJob *job,
                    GParamSpec      *pspec,
                    Bench           *bench)
{
  TalkieJobState state = talkie_render_job_get_state (job);
  GtkWidget *stack;

  if (talkie_job_state_is_final (state))
    {
      g_warning ("The render ended (%s) before it could be measured: "
                 "is TALKIE_SANDBOX_STEP_MS set?", talkie_render_job_get_error_message (job));
      bench_quit (bench);
      return;
    }

  if (state != TALKIE_JOB_STATE_RENDERING || bench->pages != NULL)
    return;

  stack = find_widget (GTK_WIDGET (bench->window), ADW_TYPE_VIEW_STACK);
  if (stack == NULL)
    {
      g_warning ("No page stack in the window");
      bench_quit (bench);
      return;
    }
  bench->pages = G_LIST_MODEL (adw_view_stack_get_pages (ADW_VIEW_STACK (stack)));
  bench_next_page (bench);
  /* Let the state change and the page settle on screen first. */
  g_timeout_add_seconds (2, bench_measure_start_cb, bench);
}

static void
bench_voices_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  Bench *bench = data;
  g_autoptr(GListModel) voices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TalkieAudioSource) audio = NULL;
  TalkieRenderOptions options = {
    .aspect_ratio = TALKIE_ASPECT_RATIO_PORTRAIT,
    .screen_style = TALKIE_SCREEN_STYLE_BACKGROUND,
  };
  const char *path = g_getenv ("TALKIE_BENCH_AUDIO");

  voices = talkie_client_list_voices_finish (TALKIE_CLIENT (object), result, &error);
  if (voices == NULL || g_list_model_get_n_items (voices) == 0 || path == NULL)
    {
      g_warning ("No render to start: %s", error ? error->message : "no voice or no TALKIE_BENCH_AUDIO");
      bench_quit (bench);
      return;
    }

  bench->voice = g_list_model_get_item (voices, 0);
  file = g_file_new_for_path (path);
  audio = talkie_audio_source_new_for_file (file);
  bench->job = talkie_render_job_new (TALKIE_CLIENT (object), bench->avatar, bench->voice, audio, &options);
  g_signal_connect (bench->job, "notify::state", G_CALLBACK (bench_job_state_cb), bench);
  talkie_history_add (talkie_application_get_history (TALKIE_APPLICATION (bench->app)), bench->job);
  talkie_render_job_start (bench->job);
}

static void
bench_avatars_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  Bench *bench = data;
  g_autoptr(GListModel) avatars = NULL;
  g_autoptr(GError) error = NULL;

  avatars = talkie_client_list_avatars_finish (TALKIE_CLIENT (object), result, &error);
  if (avatars == NULL || g_list_model_get_n_items (avatars) == 0)
    {
      g_warning ("No render to start: %s", error ? error->message : "no avatar");
      bench_quit (bench);
      return;
    }

  bench->avatar = g_list_model_get_item (avatars, 0);
  talkie_client_list_voices_async (TALKIE_CLIENT (object), TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY,
                                   NULL, bench_voices_cb, bench);
}

static void
bench_render_start (Bench *bench)
{
  if (!TALKIE_IS_APPLICATION (bench->app))
    {
      g_warning ("render-idle needs Talkie");
      bench_quit (bench);
      return;
    }

  talkie_client_list_avatars_async (talkie_application_get_client (TALKIE_APPLICATION (bench->app)),
                                    TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT,
                                    NULL, bench_avatars_cb, bench);
}

/* --- frames ----------------------------------------------------------------------- */

static void
bench_after_paint_cb (GdkFrameClock *clock,
                      Bench         *bench)
{
  guint cells = 0;

  bench->frames++;

  switch (bench->mode)
    {
    case BENCH_FIRST_FRAME:
      talkie_bench_report ("first-frame", "hwm-kb=%" G_GINT64_FORMAT, talkie_bench_status_kb ("VmHWM:"));
      bench_quit (bench);
      return;

    case BENCH_IDLE:
      if (bench->frames == 1)
        g_timeout_add_seconds (2, bench_measure_start_cb, bench);
      return;

    case BENCH_RENDER_IDLE:
      if (!bench->covers_seen && bench_covers_complete (bench, &cells))
        {
          bench->covers_seen = TRUE;
          bench_render_start (bench);
        }
      return;

    case BENCH_COVERS:
    case BENCH_SCROLL:
      break;

    default:
      g_assert_not_reached ();
    }

  if (!bench_covers_complete (bench, &cells))
    {
      /* A page whose covers never come is counted and left. */
      if (bench->mode == BENCH_SCROLL && bench->covers_seen &&
          g_get_monotonic_time () - bench->page_since > COVER_WAIT_USEC)
        {
          bench->pages_without_covers++;
          bench_scroll_step (bench);
        }
      /* Covers arrive between frames: ask for the next one. */
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
      return;
    }

  if (!bench->covers_seen)
    {
      bench->covers_seen = TRUE;
      talkie_bench_report ("covers", "cells=%u", cells);
      if (bench->mode == BENCH_COVERS)
        {
          bench_quit (bench);
          return;
        }
      bench->rss_before_kb = talkie_bench_status_kb ("VmRSS:");
    }

  bench_scroll_step (bench);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}

static void
bench_window_realized_cb (GtkWidget *window,
                          Bench     *bench)
{
  if (bench->window != NULL)
    return;

  bench->window = GTK_WINDOW (window);
  bench->clock = gtk_widget_get_frame_clock (window);
  bench->paint_handler = g_signal_connect (bench->clock, "after-paint",
                                           G_CALLBACK (bench_after_paint_cb), bench);
}

static void
bench_window_added_cb (GtkApplication *app,
                       GtkWindow      *window,
                       Bench          *bench)
{
  /* The main window: the first one. */
  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;

  g_signal_connect (window, "realize", G_CALLBACK (bench_window_realized_cb), bench);
}

static void
bench_free (gpointer data)
{
  Bench *bench = data;

  g_clear_object (&bench->avatar);
  g_clear_object (&bench->voice);
  g_clear_object (&bench->job);
  g_clear_object (&bench->pages);
  g_free (bench);
}

void
talkie_bench_hooks_install (GtkApplication *app)
{
  static const char * const modes[] = {
    [BENCH_FIRST_FRAME] = "first-frame",
    [BENCH_COVERS] = "covers",
    [BENCH_SCROLL] = "scroll",
    [BENCH_RENDER_IDLE] = "render-idle",
    [BENCH_IDLE] = "idle",
  };
  const char *seconds = g_getenv ("TALKIE_BENCH_SECONDS");
  const char *name = g_getenv ("TALKIE_BENCH");
  Bench *bench;

  g_return_if_fail (GTK_IS_APPLICATION (app));

  if (name == NULL || *name == '\0')
    return;

  bench = g_new0 (Bench, 1);
  bench->app = app;
  bench->mode = G_N_ELEMENTS (modes);
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (g_str_equal (name, modes[i]))
      bench->mode = i;

  if (bench->mode == G_N_ELEMENTS (modes))
    {
      g_printerr ("TALKIE_BENCH=%s is not one of first-frame, covers, scroll, render-idle, idle\n", name);
      g_free (bench);
      return;
    }

  bench->seconds = seconds ? (guint) g_ascii_strtoull (seconds, NULL, 10) : 20;
  bench->seconds = CLAMP (bench->seconds, 1, 600);
  g_object_set_data_full (G_OBJECT (app), "talkie-bench", bench, bench_free);
  g_signal_connect (app, "window-added", G_CALLBACK (bench_window_added_cb), bench);
}
