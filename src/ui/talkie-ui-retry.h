/* talkie-ui-retry.h: a past render's settings, to make it again (Try Again) or to
 * start from them (Use These Settings).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "talkie-core.h"

G_BEGIN_DECLS

/* What the job kept of its avatar, voice and recording, as objects again. */
TalkieAvatar      *talkie_ui_job_dup_avatar  (TalkieRenderJob      *job);
TalkieVoice       *talkie_ui_job_dup_voice   (TalkieRenderJob      *job);
/* NULL with an error when the recording's address is gone or not usable. */
TalkieAudioSource *talkie_ui_job_dup_audio   (TalkieRenderJob      *job,
                                              GError              **error);
void               talkie_ui_job_get_options (TalkieRenderJob      *job,
                                              TalkieRenderOptions  *options);
/* A new job, not started, with the same avatar, voice, recording and options;
 * NULL with an error when the recording cannot be found again. */
TalkieRenderJob   *talkie_ui_job_new_retry   (TalkieRenderJob      *job,
                                              TalkieClient         *client,
                                              GError              **error);

G_END_DECLS
