/* talkie-voice.h: one timbre of /open/timbre or /open/timbre/user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "talkie-types.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_VOICE (talkie_voice_get_type ())

G_DECLARE_FINAL_TYPE (TalkieVoice, talkie_voice, TALKIE, VOICE, GObject)

/* Properties (read-only): "id" (the lang_id, the render's tts_voice_id), "name", "language",
 * "audition-url" (NULL when none), "source", "gender" (TALKIE_GENDER_ANY when the
 * reply did not say; known when the list was asked for one gender). */
TalkieVoice  *talkie_voice_new              (const char   *id,
                                             const char   *name,
                                             const char   *language,
                                             const char   *audition_url,
                                             TalkieSource  source,
                                             TalkieGender  gender);
const char   *talkie_voice_get_id           (TalkieVoice  *self);
const char   *talkie_voice_get_name         (TalkieVoice  *self);
const char   *talkie_voice_get_language     (TalkieVoice  *self);
const char   *talkie_voice_get_audition_url (TalkieVoice  *self);
TalkieSource  talkie_voice_get_source       (TalkieVoice  *self);
TalkieGender  talkie_voice_get_gender       (TalkieVoice  *self);

G_END_DECLS
