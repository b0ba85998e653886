/* talkie-format.h: how Talkie words times, lengths and a render's progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "talkie-render-job.h"
#include "talkie-types.h"

G_BEGIN_DECLS

/* "0:42", "1:02:03". */
char       *talkie_format_duration       (double               seconds);
/* "Just now", "5 minutes ago", "Today at 14:05", "March 3"… @unix_time seen at @now. */
char       *talkie_format_time           (gint64               unix_time,
                                          gint64               now);
/* The service's word for a status: "waiting", "processing"… */
const char *talkie_format_project_status (TalkieProjectStatus  status);
/* Where @job is, in a sentence: "Uploading 1.2 MB of 3.4 MB (35%)", "Waiting in
 * the queue…", "Ready to watch", or the failure. With @percent_step above 1 the
 * upload is said in steps of that many percent, without sizes. */
char       *talkie_format_job_status     (TalkieRenderJob     *job,
                                          guint                percent_step);

G_END_DECLS
