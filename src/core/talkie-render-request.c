/* talkie-render-request.c: the body of POST /open/render/talking_avatar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <float.h>
#include <math.h>

#include <glib/gi18n.h>

#include "talkie-error.h"
#include "talkie-render-request.h"

G_DEFINE_BOXED_TYPE (TalkieRenderRequest, talkie_render_request,
                     talkie_render_request_copy, talkie_render_request_free)

TalkieRenderRequest *
talkie_render_request_new (void)
{
  TalkieRenderRequest *self = g_new0 (TalkieRenderRequest, 1);

  self->aspect_ratio = TALKIE_ASPECT_RATIO_PORTRAIT;
  self->person_source = TALKIE_SOURCE_PUBLIC;
  self->screen_style = TALKIE_SCREEN_STYLE_BACKGROUND;
  self->subtitles = FALSE;

  return self;
}

TalkieRenderRequest *
talkie_render_request_copy (const TalkieRenderRequest *self)
{
  TalkieRenderRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->audio_url = g_strdup (self->audio_url);
  copy->tts_voice_id = g_strdup (self->tts_voice_id);

  return copy;
}

void
talkie_render_request_free (TalkieRenderRequest *self)
{
  if (self == NULL)
    return;

  g_free (self->audio_url);
  g_free (self->tts_voice_id);
  g_free (self);
}

static gboolean
is_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || url[0] == '\0')
    return FALSE;

  if (!(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)))
    return FALSE;

  scheme = g_uri_get_scheme (uri);

  return (g_ascii_strcasecmp (scheme, "https") == 0 ||
          g_ascii_strcasecmp (scheme, "http") == 0) &&
         g_uri_get_host (uri) != NULL &&
         g_uri_get_host (uri)[0] != '\0';
}

gboolean
talkie_render_request_validate (const TalkieRenderRequest  *self,
                                GError                    **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->aspect_ratio != TALKIE_ASPECT_RATIO_PORTRAIT &&
      self->aspect_ratio != TALKIE_ASPECT_RATIO_LANDSCAPE &&
      self->aspect_ratio != TALKIE_ASPECT_RATIO_SQUARE)
    {
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                           _("The video shape is not one JoggAI knows. Choose portrait, landscape or square."));
      return FALSE;
    }

  if (!is_web_url (self->audio_url))
    {
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                           _("The recording has no web address yet. Add an audio file or an http(s) URL, then try again."));
      return FALSE;
    }

  if (!isfinite (self->audio_duration) || self->audio_duration <= 0.0)
    {
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                           _("The length of the recording is unknown. Choose a recording Talkie can measure, then try again."));
      return FALSE;
    }

  if (self->person_id <= 0)
    {
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                           _("No avatar is chosen. Pick an avatar, then try again."));
      return FALSE;
    }

  if (self->person_source != TALKIE_SOURCE_PUBLIC &&
      self->person_source != TALKIE_SOURCE_MINE)
    {
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                           _("The avatar’s origin is unknown. Pick the avatar again, then try again."));
      return FALSE;
    }

  if (self->screen_style != TALKIE_SCREEN_STYLE_BACKGROUND &&
      self->screen_style != TALKIE_SCREEN_STYLE_GREEN_SCREEN)
    {
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                           _("The screen style is not one JoggAI knows. Choose “With background” or “Green screen”."));
      return FALSE;
    }

  if (self->tts_voice_id == NULL || self->tts_voice_id[0] == '\0')
    {
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                           _("No voice is chosen. Pick a voice, then try again."));
      return FALSE;
    }

  return TRUE;
}

/* A JSON string literal, escaped as RFC 8259 asks. */
static void
append_json_string (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');

  for (const char *p = str ? str : ""; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char)c);
        }
    }

  g_string_append_c (out, '"');
}

char *
talkie_render_request_to_json (const TalkieRenderRequest *self)
{
  /* "%.2f" writes every digit before the point: up to 309 of them, a sign,
   * the point and two decimals. G_ASCII_DTOSTR_BUF_SIZE (39) cut a duration of
   * 1e36 s or more short, into a different number. */
  char duration[DBL_MAX_10_EXP + 8];
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  /* Locale-independent, two decimals: 12.48, 3.20. */
  g_ascii_formatd (duration, sizeof duration, "%.2f",
                   isfinite (self->audio_duration) ? self->audio_duration : 0.0);

  out = g_string_new (NULL);
  g_string_append_printf (out, "{\"aspect_ratio\":%d,\"audio_script\":{\"url\":",
                          (int)self->aspect_ratio);
  append_json_string (out, self->audio_url);
  g_string_append_printf (out, ",\"duration\":%s},\"person_id\":%" G_GINT64_FORMAT
                          ",\"person_source\":%d,\"screen_style\":%d,\"tts_voice_id\":",
                          duration, self->person_id,
                          (int)self->person_source, (int)self->screen_style);
  append_json_string (out, self->tts_voice_id);
  g_string_append_printf (out, ",\"render_subtitle\":%d}", self->subtitles ? 1 : 2);

  return g_string_free (out, FALSE);
}
