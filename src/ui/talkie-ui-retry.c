/* talkie-ui-retry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-ui-retry.h"

TalkieAvatar *
talkie_ui_job_dup_avatar (TalkieRenderJob *job)
{
  g_autofree char *name = NULL;
  g_autofree char *cover_url = NULL;
  TalkieAspectRatio aspect = TALKIE_ASPECT_RATIO_PORTRAIT;
  TalkieSource source = TALKIE_SOURCE_PUBLIC;
  gint64 id = 0;

  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);

  g_object_get (job,
                "avatar-id", &id,
                "avatar-name", &name,
                "avatar-cover-url", &cover_url,
                "avatar-source", &source,
                "aspect-ratio", &aspect,
                NULL);

  return talkie_avatar_new (id, name, cover_url, source, aspect);
}

TalkieVoice *
talkie_ui_job_dup_voice (TalkieRenderJob *job)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);

  g_object_get (job, "voice-id", &id, "voice-name", &name, NULL);

  /* The job keeps the voice's id (all a render needs) and name: the voice chooser
   * finds the rest when the voice is listed. */
  return talkie_voice_new (id, name, NULL, NULL, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY);
}

TalkieAudioSource *
talkie_ui_job_dup_audio (TalkieRenderJob  *job,
                         GError          **error)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);

  g_object_get (job, "audio-uri", &uri, NULL);
  if (uri == NULL || uri[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("This render did not keep where its recording came from. Add the recording again in Create."));
      return NULL;
    }

  return talkie_audio_source_new_for_uri (uri, error);
}

void
talkie_ui_job_get_options (TalkieRenderJob     *job,
                           TalkieRenderOptions *options)
{
  g_return_if_fail (TALKIE_IS_RENDER_JOB (job));
  g_return_if_fail (options != NULL);

  g_object_get (job,
                "aspect-ratio", &options->aspect_ratio,
                "screen-style", &options->screen_style,
                "subtitles", &options->subtitles,
                NULL);
}

TalkieRenderJob *
talkie_ui_job_new_retry (TalkieRenderJob  *job,
                         TalkieClient     *client,
                         GError          **error)
{
  g_autoptr(TalkieAvatar) avatar = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  g_autoptr(TalkieAudioSource) audio = NULL;
  TalkieRenderOptions options = { 0 };

  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);
  g_return_val_if_fail (TALKIE_IS_CLIENT (client), NULL);

  /* A local file is read and uploaded again: if it is gone, the new job says so
   * when it probes it, as any render does. */
  if (!(audio = talkie_ui_job_dup_audio (job, error)))
    return NULL;

  avatar = talkie_ui_job_dup_avatar (job);
  voice = talkie_ui_job_dup_voice (job);
  talkie_ui_job_get_options (job, &options);

  return talkie_render_job_new (client, avatar, voice, audio, &options);
}
