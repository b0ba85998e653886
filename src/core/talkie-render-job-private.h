/* talkie-render-job-private.h: the polling arithmetic, for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The wait after a poll that was not final: ×1.5, kept within [@min_ms, @max_ms]. */
guint _talkie_render_job_next_poll_interval (guint  current_ms,
                                             guint  min_ms,
                                             guint  max_ms);
/* @interval_ms moved by @random (in [-1, 1]) times 20 %. */
guint _talkie_render_job_jitter             (guint  interval_ms,
                                             double random);

G_END_DECLS
