/* talkie-application.h: the application; owns settings, client, history and covers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-cover-loader.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_APPLICATION (talkie_application_get_type ())

G_DECLARE_FINAL_TYPE (TalkieApplication, talkie_application, TALKIE, APPLICATION, AdwApplication)

TalkieApplication *talkie_application_new              (void);
/* NULL before sign-in. */
TalkieClient      *talkie_application_get_client       (TalkieApplication *self);
TalkieHistory     *talkie_application_get_history      (TalkieApplication *self);
TalkieCoverLoader *talkie_application_get_cover_loader (TalkieApplication *self);
GSettings         *talkie_application_get_settings     (TalkieApplication *self);

G_END_DECLS
