/* bench-bare-window.c: the baseline of bench-app's start-up and idle figures —
 * a bare libadwaita window (a header bar and an empty page) at Talkie's
 * default size, that reports like Talkie's bench hooks:
 *
 *   TALKIE_BENCH=first-frame   its first frame is painted; quit
 *   TALKIE_BENCH=idle          CPU time and frames over TALKIE_BENCH_SECONDS; quit
 *
 * It links no Talkie code: only GTK and libadwaita are loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <adwaita.h>

#include "talkie-bench-report.h"

/* Talkie's window-width and window-height defaults (data/…gschema.xml). */
#define WIDTH  1100
#define HEIGHT 720

typedef struct
{
  GApplication *app;
  gboolean      idle;
  guint         seconds;
  guint         frames;
  guint         frames_at_start;
  gint64        cpu_at_start;
  gint64        time_at_start;
} Bare;

static gboolean
measure_end_cb (gpointer data)
{
  Bare *bare = data;
  double seconds = (g_get_monotonic_time () - bare->time_at_start) / (double) G_USEC_PER_SEC;
  double cpu = (talkie_bench_cpu_usec () - bare->cpu_at_start) / (double) G_USEC_PER_SEC;

  talkie_bench_report ("idle", "page=window state=-1 seconds=%.1f cpu-percent=%.3f frames=%u",
                       seconds, 100.0 * cpu / seconds, bare->frames - bare->frames_at_start);
  g_application_quit (bare->app);

  return G_SOURCE_REMOVE;
}

static gboolean
measure_start_cb (gpointer data)
{
  Bare *bare = data;

  bare->frames_at_start = bare->frames;
  bare->cpu_at_start = talkie_bench_cpu_usec ();
  bare->time_at_start = g_get_monotonic_time ();
  g_timeout_add_seconds (bare->seconds, measure_end_cb, bare);

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bare          *bare)
{
  if (bare->frames++ > 0)
    return;

  if (!bare->idle)
    {
      talkie_bench_report ("first-frame", "hwm-kb=%" G_GINT64_FORMAT, talkie_bench_status_kb ("VmHWM:"));
      g_application_quit (bare->app);
      return;
    }

  /* As Talkie's hooks do: two seconds to settle, then measure. */
  g_timeout_add_seconds (2, measure_start_cb, bare);
}

static void
realize_cb (GtkWidget *window,
            Bare      *bare)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), bare);
}

static void
activate_cb (GApplication *app,
             Bare         *bare)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_status_page_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), bare);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  const char *seconds = g_getenv ("TALKIE_BENCH_SECONDS");
  Bare bare = { 0 };

  app = adw_application_new ("io.github.talkie.BenchBareWindow", G_APPLICATION_NON_UNIQUE);
  bare.app = G_APPLICATION (app);
  bare.idle = g_strcmp0 (g_getenv ("TALKIE_BENCH"), "idle") == 0;
  bare.seconds = CLAMP (seconds ? (guint) g_ascii_strtoull (seconds, NULL, 10) : 20, 1, 600);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), &bare);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
