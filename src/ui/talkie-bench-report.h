/* talkie-bench-report.h: how Talkie's bench hooks (talkie-bench-hooks.c) and
 * the benchmarks' bare libadwaita window (tests/bench/bench-bare-window.c)
 * report what they measure, so that tests/bench/bench-app reads both alike:
 * one line "talkie-bench: EVENT time=MONOTONIC-USEC k=v ..." on stdout.
 * Header-only: the bare window must not link Talkie.
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <glib.h>

G_BEGIN_DECLS

static inline void talkie_bench_report (const char *event,
                                        const char *format,
                                        ...) G_GNUC_PRINTF (2, 3);

static inline void
talkie_bench_report (const char *event,
                     const char *format,
                     ...)
{
  g_autofree char *details = NULL;
  va_list args;

  va_start (args, format);
  details = g_strdup_vprintf (format, args);
  va_end (args);

  g_print ("talkie-bench: %s time=%" G_GINT64_FORMAT " %s\n", event, g_get_monotonic_time (), details);
  fflush (stdout);
}

/* A "VmRSS:"-style field of /proc/self/status, in KiB; -1 if there is none. */
static inline gint64
talkie_bench_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

/* User and system CPU time of the process so far. */
static inline gint64
talkie_bench_cpu_usec (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);

  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

G_END_DECLS
