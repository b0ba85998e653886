/* bench-utils.h: what the benchmarks share: medians, a sandbox process, the
 * line each prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Sorts @values. */
double       bench_median        (double      *values,
                                  guint        n);
/* Rounds alternate ours and the baseline's; this many of each. */
guint        bench_rounds        (guint        fallback);
/* Starts `talkie-sandbox --port 0 --key bench` plus @extra_args (NULL-terminated,
 * may be NULL) from $TALKIE_SANDBOX_PROGRAM; returns its base URL in @base_url. */
GSubprocess *bench_start_sandbox (char       **base_url,
                                  const char  *const *extra_args);
void         bench_stop_sandbox  (GSubprocess *sandbox);
/* "ID  what: ours X unit, baseline Y unit, ratio R (goal …)" */
void         bench_report        (const char  *id,
                                  const char  *what,
                                  const char  *unit,
                                  double       ours,
                                  double       baseline,
                                  const char  *goal);
/* Seconds of CPU (user + system) of waited-for children so far. */
double       bench_children_cpu  (void);
/* Seconds of CPU (user + system) of this process, all its threads, so far. */
double       bench_self_cpu      (void);

G_END_DECLS
