/* talkie-types.h: the contract's enumerations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `aspect_ratio` on the wire. */
typedef enum
{
  TALKIE_ASPECT_RATIO_PORTRAIT  = 0, /* 9:16 */
  TALKIE_ASPECT_RATIO_LANDSCAPE = 1, /* 16:9 */
  TALKIE_ASPECT_RATIO_SQUARE    = 2, /* 1:1 */
} TalkieAspectRatio;

/* Where an avatar or a voice comes from; for avatars this is `person_source`. */
typedef enum
{
  TALKIE_SOURCE_PUBLIC = 0,
  TALKIE_SOURCE_MINE   = 1,
} TalkieSource;

typedef enum
{
  TALKIE_GENDER_ANY    = 0,
  TALKIE_GENDER_FEMALE = 1,
  TALKIE_GENDER_MALE   = 2,
} TalkieGender;

/* `screen_style` on the wire. */
typedef enum
{
  TALKIE_SCREEN_STYLE_BACKGROUND   = 1,
  TALKIE_SCREEN_STYLE_GREEN_SCREEN = 2,
} TalkieScreenStyle;

/* `status_code` of a project. */
typedef enum
{
  TALKIE_PROJECT_STATUS_UNKNOWN    = 0,
  TALKIE_PROJECT_STATUS_START      = 1,
  TALKIE_PROJECT_STATUS_WAITING    = 2,
  TALKIE_PROJECT_STATUS_PROCESSING = 3,
  TALKIE_PROJECT_STATUS_SUCCESS    = 4,
  TALKIE_PROJECT_STATUS_FAILED     = 5,
  TALKIE_PROJECT_STATUS_DELETED    = 99,
} TalkieProjectStatus;

/* The life of a TalkieRenderJob. */
typedef enum
{
  TALKIE_JOB_STATE_NEW        = 0,
  TALKIE_JOB_STATE_PROBING    = 1, /* measuring the audio */
  TALKIE_JOB_STATE_UPLOADING  = 2, /* streaming a local file to the signed URL */
  TALKIE_JOB_STATE_SUBMITTING = 3, /* POST /open/render/talking_avatar */
  TALKIE_JOB_STATE_RENDERING  = 4, /* polling the project status */
  TALKIE_JOB_STATE_SUCCEEDED  = 5,
  TALKIE_JOB_STATE_FAILED     = 6,
  TALKIE_JOB_STATE_CANCELLED  = 7,
} TalkieJobState;

const char *talkie_aspect_ratio_to_string   (TalkieAspectRatio aspect);   /* "9:16" ... */
gboolean    talkie_aspect_ratio_from_string (const char        *str,
                                             TalkieAspectRatio *aspect);
gboolean    talkie_project_status_is_final  (TalkieProjectStatus status);
gboolean    talkie_job_state_is_final       (TalkieJobState    state);

G_END_DECLS
