/* talkie-project.h: a render's status, from GET /v1/project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "talkie-types.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_PROJECT (talkie_project_get_type ())

G_DECLARE_FINAL_TYPE (TalkieProject, talkie_project, TALKIE, PROJECT, GObject)

/* Properties: "id", "title", "video-duration" (double, seconds), "video-url",
 * "cover-url", "status" (TalkieProjectStatus), "status-desc", "created-at" (gint64, unix). */
TalkieProject       *talkie_project_new                (const char          *id);
const char          *talkie_project_get_id             (TalkieProject       *self);
const char          *talkie_project_get_title          (TalkieProject       *self);
double               talkie_project_get_video_duration (TalkieProject       *self);
const char          *talkie_project_get_video_url      (TalkieProject       *self);
const char          *talkie_project_get_cover_url      (TalkieProject       *self);
TalkieProjectStatus  talkie_project_get_status         (TalkieProject       *self);
const char          *talkie_project_get_status_desc    (TalkieProject       *self);
gint64               talkie_project_get_created_at     (TalkieProject       *self);

G_END_DECLS
