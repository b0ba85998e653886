/* talkie-ui-error.h: a core error as the app says it — what happened (the
 * core's words) and what to do next in this app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "talkie-core.h"

G_BEGIN_DECLS

char *talkie_ui_error_message       (const GError    *error);
/* Why @job failed, in the same words; NULL when it says nothing. */
char *talkie_ui_job_failure_message (TalkieRenderJob *job);

G_END_DECLS
