/* bench-utils.c: see bench-utils.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-bench"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-utils.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_median (double *values,
              guint   n)
{
  g_return_val_if_fail (n > 0, 0);

  qsort (values, n, sizeof *values, compare_doubles);
  if (n % 2 == 0)
    return (values[n / 2 - 1] + values[n / 2]) / 2;
  return values[n / 2];
}

/* $TALKIE_BENCH_ROUNDS, for a quicker look while working. */
guint
bench_rounds (guint fallback)
{
  const char *env = g_getenv ("TALKIE_BENCH_ROUNDS");
  guint64 n;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 100, &n, NULL))
    return n;
  return fallback;
}

GSubprocess *
bench_start_sandbox (char              **base_url,
                     const char *const  *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *program = g_getenv ("TALKIE_SANDBOX_PROGRAM");
  const char *http;

  if (program == NULL)
    g_error ("TALKIE_SANDBOX_PROGRAM is not set: run benchmarks through meson test --benchmark");

  g_ptr_array_add (argv, (char *) program);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  g_ptr_array_add (argv, (char *) "--key");
  g_ptr_array_add (argv, (char *) "bench");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  http = strstr (line, "http://");
  g_assert_nonnull (http);
  *base_url = g_strndup (http, strcspn (http, " "));

  return g_steal_pointer (&process);
}

void
bench_stop_sandbox (GSubprocess *sandbox)
{
  g_subprocess_send_signal (sandbox, SIGTERM);
  g_subprocess_wait (sandbox, NULL, NULL);
}

void
bench_report (const char *id,
              const char *what,
              const char *unit,
              double      ours,
              double      baseline,
              const char *goal)
{
  if (baseline > 0)
    g_print ("%s  %s: talkie %.3f %s, baseline %.3f %s, ratio %.2f (goal %s)\n",
             id, what, ours, unit, baseline, unit, ours / baseline, goal);
  else
    g_print ("%s  %s: talkie %.3f %s, baseline n/a (goal %s)\n", id, what, ours, unit, goal);
}

static double
cpu_of (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

double
bench_children_cpu (void)
{
  return cpu_of (RUSAGE_CHILDREN);
}

double
bench_self_cpu (void)
{
  return cpu_of (RUSAGE_SELF);
}
