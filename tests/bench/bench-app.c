/* bench-app.c: the app's own figures of issue 10, each against its baseline in
 * the same run (alternating runs, medians):
 *
 *   P5  start to first frame: `talkie --sandbox` ÷ a bare libadwaita window
 *       (bench-bare-window), and both processes' peak RSS at that moment
 *   P1  start to the first screen of covers painted: 10,000 avatars ÷ 100
 *   P3  resident memory after paging through every avatar and back (10,000;
 *       BENCH_SCROLL_AVATARS changes it): growth, after malloc_trim, high-water
 *   P7  CPU and frames of the app over BENCH_IDLE_SECONDS (default 60) on each
 *       page while a render is held at "processing", against the bare window
 *       idle for as long
 *
 * Run on demand: `meson test -C _build --benchmark --suite bench -v` (under
 * tests/talkie-test-env --x11: Xvfb, GTK's default renderer). Arguments pick
 * figures: `bench-app p5 p1`. The app reports through its bench hooks
 * (src/ui/talkie-bench-hooks.c, TALKIE_BENCH=…); each run gets a fresh cache
 * folder, so no cover comes from an earlier run's disk cache (GStreamer's plugin
 * registry excepted: it stays warm, as on any machine after a first start).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>

#include "talkie-test-utils.h"
#include "bench-utils.h"

#define ROUNDS 5

/* GStreamer's plugin registry, shared by every run (see run ()). */
static char *gst_registry;

/* One event a run reported, with its values. */
typedef struct
{
  gint64      spawned;
  gint64      time;
  GHashTable *values;
} Reading;

static void
reading_clear (Reading *reading)
{
  g_clear_pointer (&reading->values, g_hash_table_unref);
}

static double
reading_get (Reading    *reading,
             const char *key)
{
  const char *value = g_hash_table_lookup (reading->values, key);

  if (value == NULL)
    g_error ("The run reported no %s", key);

  return g_ascii_strtod (value, NULL);
}

/* Milliseconds from spawning to the event. */
static double
reading_ms (Reading *reading)
{
  return (reading->time - reading->spawned) / 1000.0;
}

static GHashTable *
parse_event (const char *line,
             const char *event)
{
  g_autofree char *prefix = g_strdup_printf ("talkie-bench: %s ", event);
  g_auto(GStrv) fields = NULL;
  GHashTable *values;

  if (!g_str_has_prefix (line, prefix))
    return NULL;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  fields = g_strsplit (line + strlen (prefix), " ", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *equals = strchr (fields[i], '=');

      if (equals != NULL)
        g_hash_table_insert (values, g_strndup (fields[i], equals - fields[i]), g_strdup (equals + 1));
    }

  return values;
}

/* Runs @argv with @env (NAME=VALUE pairs) added and a fresh cache folder, and
 * collects every line reporting @event until it exits. Returns the readings. */
static GArray *
run (const char * const *argv,
     const char * const *env,
     const char         *event)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_dir_make_tmp ("bench-app-cache-XXXXXX", NULL);
  g_autofree char *command = NULL;
  GArray *readings = g_array_new (FALSE, TRUE, sizeof (Reading));
  gint64 spawned;
  char *line;

  g_array_set_clear_func (readings, (GDestroyNotify) reading_clear);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  /* ...but GStreamer's plugin registry, which lives there too, stays warm, as
   * on any machine after the first start: rebuilding it is not Talkie's cost. */
  g_subprocess_launcher_setenv (launcher, "GST_REGISTRY", gst_registry, TRUE);
  for (guint i = 0; env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  spawned = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    g_error ("Could not start %s: %s", argv[0], error->message);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      GHashTable *values = parse_event (line, event);

      if (values != NULL)
        {
          Reading reading = { spawned, 0, values };

          reading.time = g_ascii_strtoll (g_hash_table_lookup (values, "time"), NULL, 10);
          g_array_append_val (readings, reading);
        }
      g_free (line);
    }

  if (!g_subprocess_wait_check (process, NULL, &error))
    g_printerr ("%s: %s\n", argv[0], error->message);

  command = g_strjoinv (" ", (char **) argv);
  if (readings->len == 0)
    g_error ("'%s' reported no %s", command, event);

  talkie_test_remove_tree (cache);

  return readings;
}

static const char *talkie_argv[3];
static const char *bare_argv[2];

/* P5: start to first frame, Talkie against the bare window. */
static void
bench_start_up (void)
{
  const char * const env[] = { "TALKIE_BENCH=first-frame", NULL };
  double talkie_ms[ROUNDS], bare_ms[ROUNDS], talkie_kb[ROUNDS], bare_kb[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GArray) t = run (talkie_argv, env, "first-frame");
      g_autoptr(GArray) b = run (bare_argv, env, "first-frame");

      talkie_ms[i] = reading_ms (&g_array_index (t, Reading, 0));
      talkie_kb[i] = reading_get (&g_array_index (t, Reading, 0), "hwm-kb");
      bare_ms[i] = reading_ms (&g_array_index (b, Reading, 0));
      bare_kb[i] = reading_get (&g_array_index (b, Reading, 0), "hwm-kb");
    }

  bench_report ("P5", "start to first frame, vs a bare libadwaita window", "ms",
                bench_median (talkie_ms, ROUNDS), bench_median (bare_ms, ROUNDS), "<= 1.3");
  bench_report ("P5", "peak RSS at the first frame, vs the bare window", "MB",
                bench_median (talkie_kb, ROUNDS) / 1024, bench_median (bare_kb, ROUNDS) / 1024, "-");
}

/* P1: start to the first screen of covers, 10,000 avatars against 100. */
static void
bench_first_covers (void)
{
  const char * const many[] = { "TALKIE_BENCH=covers", "TALKIE_SANDBOX_AVATARS=10000", NULL };
  const char * const few[] = { "TALKIE_BENCH=covers", "TALKIE_SANDBOX_AVATARS=100", NULL };
  double many_ms[ROUNDS], few_ms[ROUNDS];

  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr(GArray) m = run (talkie_argv, many, "covers");
      g_autoptr(GArray) f = run (talkie_argv, few, "covers");

      many_ms[i] = reading_ms (&g_array_index (m, Reading, 0));
      few_ms[i] = reading_ms (&g_array_index (f, Reading, 0));
    }

  bench_report ("P1", "first screen of covers, 10,000 avatars vs 100", "ms",
                bench_median (many_ms, ROUNDS), bench_median (few_ms, ROUNDS), "<= 1.15");
}

/* P3: memory after paging through every avatar and back. */
static void
bench_scroll_memory (void)
{
  const char *count = g_getenv ("BENCH_SCROLL_AVATARS");
  g_autofree char *avatars = g_strdup_printf ("TALKIE_SANDBOX_AVATARS=%s", count ? count : "10000");
  const char * const env[] = { "TALKIE_BENCH=scroll", avatars, NULL };
  g_autoptr(GArray) readings = run (talkie_argv, env, "scroll");
  Reading *r = &g_array_index (readings, Reading, 0);
  double before = reading_get (r, "rss-before-kb") / 1024;

  g_print ("P3  paging through %s avatars and back, %.0f page steps (%.0f pages left without covers):\n",
           count ? count : "10000", reading_get (r, "steps"), reading_get (r, "pages-without-covers"));
  g_print ("P3  %-44s %9.1f MB  (at the first screen %.1f MB; goal <= 80 MB)\n", "RSS growth",
           reading_get (r, "rss-after-kb") / 1024 - before, before);
  g_print ("P3  %-44s %9.1f MB\n", "RSS growth after malloc_trim",
           reading_get (r, "rss-trimmed-kb") / 1024 - before);
  g_print ("P3  %-44s %9.1f MB\n", "RSS high-water mark", reading_get (r, "hwm-kb") / 1024);
}

/* P7: CPU while a render runs, page by page, against the bare window idle. */
static void
bench_render_idle (void)
{
  const char *seconds = g_getenv ("BENCH_IDLE_SECONDS");
  g_autofree char *dir = g_dir_make_tmp ("bench-app-XXXXXX", NULL);
  g_autofree char *audio = g_build_filename (dir, "voice.wav", NULL);
  g_autofree char *audio_env = g_strdup_printf ("TALKIE_BENCH_AUDIO=%s", audio);
  g_autofree char *seconds_env = g_strdup_printf ("TALKIE_BENCH_SECONDS=%s", seconds ? seconds : "60");
  g_autofree char *pipeline = g_strdup_printf ("audiotestsrc num-buffers=100 ! wavenc ! filesink location=%s", audio);
  const char * const talkie_env[] = {
    "TALKIE_BENCH=render-idle", "TALKIE_SANDBOX_STEP_MS=3600000", audio_env, seconds_env, NULL
  };
  const char * const bare_env[] = { "TALKIE_BENCH=idle", seconds_env, NULL };
  g_autoptr(GArray) pages = NULL;
  g_autoptr(GArray) bare = NULL;

  talkie_test_run_pipeline (pipeline);

  pages = run (talkie_argv, talkie_env, "render-idle");
  bare = run (bare_argv, bare_env, "idle");

  for (guint i = 0; i < pages->len; i++)
    {
      Reading *r = &g_array_index (pages, Reading, i);

      g_print ("P7  a render processing, page '%s': %.3f %% CPU, %.0f frames in %.0f s (render state %.0f; goal <= 0.5 %%)\n",
               (const char *) g_hash_table_lookup (r->values, "page"), reading_get (r, "cpu-percent"),
               reading_get (r, "frames"), reading_get (r, "seconds"), reading_get (r, "state"));
    }
  g_print ("P7  baseline, the bare window idle: %.3f %% CPU, %.0f frames in %.0f s\n",
           reading_get (&g_array_index (bare, Reading, 0), "cpu-percent"),
           reading_get (&g_array_index (bare, Reading, 0), "frames"),
           reading_get (&g_array_index (bare, Reading, 0), "seconds"));

  talkie_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *id; void (*run) (void); } figures[] = {
    { "p5", bench_start_up },
    { "p1", bench_first_covers },
    { "p7", bench_render_idle },
    { "p3", bench_scroll_memory },
  };

  gst_init (&argc, &argv);

  talkie_argv[0] = g_getenv ("TALKIE_PROGRAM");
  talkie_argv[1] = "--sandbox";
  bare_argv[0] = g_getenv ("BENCH_BARE_WINDOW");
  if (talkie_argv[0] == NULL || bare_argv[0] == NULL)
    g_error ("Set TALKIE_PROGRAM and BENCH_BARE_WINDOW (meson does)");

  {
    g_autofree char *dir = g_dir_make_tmp ("bench-app-registry-XXXXXX", NULL);

    gst_registry = g_build_filename (dir, "registry.bin", NULL);
  }

  g_print ("bench-app: %u rounds, alternating; figures are medians\n", ROUNDS);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      gboolean wanted = argc == 1;

      for (int a = 1; a < argc; a++)
        wanted |= g_ascii_strcasecmp (argv[a], figures[i].id) == 0;
      if (wanted)
        figures[i].run ();
    }

  return 0;
}
