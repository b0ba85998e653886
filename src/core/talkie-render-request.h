/* talkie-render-request.h: the body of POST /open/render/talking_avatar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "talkie-types.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_RENDER_REQUEST (talkie_render_request_get_type ())

typedef struct
{
  TalkieAspectRatio  aspect_ratio;
  char              *audio_url;       /* the hosted or public audio URL */
  double             audio_duration;  /* seconds, measured by the client */
  gint64             person_id;       /* TalkieAvatar:id */
  TalkieSource       person_source;   /* TalkieAvatar:source */
  TalkieScreenStyle  screen_style;
  char              *tts_voice_id;    /* TalkieVoice:id */
  gboolean           subtitles;       /* render_subtitle: TRUE = 1, FALSE = 2 */
} TalkieRenderRequest;

GType                talkie_render_request_get_type (void) G_GNUC_CONST;
TalkieRenderRequest *talkie_render_request_new      (void);
TalkieRenderRequest *talkie_render_request_copy     (const TalkieRenderRequest *self);
void                 talkie_render_request_free     (TalkieRenderRequest       *self);
/* FALSE with TALKIE_API_ERROR_PARAMETER and a message when a field is missing or out of range. */
gboolean             talkie_render_request_validate (const TalkieRenderRequest *self,
                                                     GError                   **error);
/* The exact JSON body, compact, fields in the contract's order. */
char                *talkie_render_request_to_json  (const TalkieRenderRequest *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TalkieRenderRequest, talkie_render_request_free)

G_END_DECLS
