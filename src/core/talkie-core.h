/* talkie-core.h: everything of src/core. No GTK here, ever.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-audio-peaks.h"
#include "talkie-audio-source.h"
#include "talkie-audio-trim.h"
#include "talkie-avatar.h"
#include "talkie-client.h"
#include "talkie-enums.h"
#include "talkie-error.h"
#include "talkie-format.h"
#include "talkie-language.h"
#include "talkie-history.h"
#include "talkie-project.h"
#include "talkie-recorder.h"
#include "talkie-render-job.h"
#include "talkie-render-request.h"
#include "talkie-reply.h"
#include "talkie-secret.h"
#include "talkie-session.h"
#include "talkie-types.h"
#include "talkie-url.h"
#include "talkie-voice.h"

G_BEGIN_DECLS

/* Call once at start: gst_init and translations' domain binding stay with the caller. */
const char *talkie_core_get_user_agent (void);   /* "Talkie/VERSION" */

G_END_DECLS
