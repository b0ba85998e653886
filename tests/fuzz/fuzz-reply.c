/* fuzz-reply.c: a server's reply body through every parser of talkie-reply.
 *
 * The body goes through talkie_reply_parse_envelope() as a 200 reply; its
 * `data` then goes through each payload parser, as the client would hand it
 * on for whichever request it made. The root object itself goes through them
 * too, so that the payload parsers are reached without the fuzzer having to
 * build a valid envelope first. Beyond not crashing, what the parsers promise
 * in talkie-reply.h is checked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-fuzz"

#include <math.h>
#include <string.h>

#include "fuzz-common.h"
#include "talkie-core.h"
#include "talkie-json.h"

static void
check_error (const GError *error)
{
  FUZZ_CHECK (error != NULL, "a parser failed without saying why");
  FUZZ_CHECK (error->message != NULL && error->message[0] != '\0', "an empty error message");
}

static void
parse_avatars (JsonNode          *data,
               TalkieSource       source,
               TalkieAspectRatio  aspect_ratio)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) avatars = talkie_reply_parse_avatars (data, source, aspect_ratio, &error);

  if (avatars == NULL)
    {
      check_error (error);
      return;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (g_list_model_get_item_type (avatars) == TALKIE_TYPE_AVATAR);
  for (guint i = 0; i < g_list_model_get_n_items (avatars); i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (avatars, i);
      const char *cover_url = talkie_avatar_get_cover_url (avatar);

      FUZZ_CHECK (TALKIE_IS_AVATAR (avatar));
      FUZZ_CHECK (talkie_avatar_get_source (avatar) == source);
      FUZZ_CHECK (talkie_avatar_get_aspect_ratio (avatar) == aspect_ratio);
      /* An empty URL means "none": it is never handed on as "". */
      FUZZ_CHECK (cover_url == NULL || cover_url[0] != '\0');
      (void)talkie_avatar_get_name (avatar);
    }
}

static void
parse_voices (JsonNode     *data,
              TalkieSource  source,
              TalkieGender  gender)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) voices = talkie_reply_parse_voices (data, source, gender, &error);

  if (voices == NULL)
    {
      check_error (error);
      return;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (g_list_model_get_item_type (voices) == TALKIE_TYPE_VOICE);
  for (guint i = 0; i < g_list_model_get_n_items (voices); i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (voices, i);
      const char *id = talkie_voice_get_id (voice);
      const char *audition_url = talkie_voice_get_audition_url (voice);
      TalkieGender voice_gender = talkie_voice_get_gender (voice);

      FUZZ_CHECK (TALKIE_IS_VOICE (voice));
      /* The id goes into the render request: a voice without one is skipped. */
      FUZZ_CHECK (id != NULL && id[0] != '\0');
      FUZZ_CHECK (audition_url == NULL || audition_url[0] != '\0');
      FUZZ_CHECK (talkie_voice_get_source (voice) == source);
      FUZZ_CHECK (gender == TALKIE_GENDER_ANY ? voice_gender <= TALKIE_GENDER_MALE
                                              : voice_gender == gender);
      (void)talkie_voice_get_name (voice);
      (void)talkie_voice_get_language (voice);
    }
}

static void
parse_project_id (JsonNode *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = talkie_reply_parse_project_id (data, &error);

  if (id == NULL)
    {
      check_error (error);
      return;
    }

  /* The id is polled with and saved in the history: never empty, never
   * padded (a padded id would not match the server's). */
  FUZZ_CHECK (id[0] != '\0');
  FUZZ_CHECK (!g_ascii_isspace (id[0]) && !g_ascii_isspace (id[strlen (id) - 1]), "\"%s\"", id);
}

static void
parse_project (JsonNode *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TalkieProject) project = talkie_reply_parse_project (data, &error);
  const char *id;
  double duration;

  if (project == NULL)
    {
      check_error (error);
      return;
    }

  id = talkie_project_get_id (project);
  duration = talkie_project_get_video_duration (project);
  FUZZ_CHECK (id != NULL && id[0] != '\0');
  FUZZ_CHECK (isfinite (duration) && duration >= 0.0, "duration %g", duration);
  (void)talkie_project_get_title (project);
  (void)talkie_project_get_video_url (project);
  (void)talkie_project_get_cover_url (project);
  (void)talkie_project_get_status (project);
  (void)talkie_project_get_status_desc (project);
  (void)talkie_project_get_created_at (project);
}

static void
parse_upload (JsonNode *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sign_url = NULL;
  g_autofree char *asset_url = NULL;

  if (!talkie_reply_parse_upload (data, &sign_url, &asset_url, &error))
    {
      check_error (error);
      FUZZ_CHECK (sign_url == NULL && asset_url == NULL, "outputs set on failure");
      return;
    }

  FUZZ_CHECK (sign_url != NULL && sign_url[0] != '\0');
  FUZZ_CHECK (asset_url != NULL && asset_url[0] != '\0');
}

static void
parse_payloads (JsonNode *data)
{
  parse_avatars (data, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT);
  parse_avatars (data, TALKIE_SOURCE_MINE, TALKIE_ASPECT_RATIO_SQUARE);
  /* ANY takes each voice's own gender from the reply; the others override it. */
  parse_voices (data, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY);
  parse_voices (data, TALKIE_SOURCE_MINE, TALKIE_GENDER_FEMALE);
  parse_project_id (data);
  parse_project (data);
  parse_upload (data);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(JsonNode) root = NULL;

  payload = talkie_reply_parse_envelope (200, body, &error);
  if (payload != NULL)
    {
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (JSON_NODE_HOLDS_OBJECT (payload), "the envelope's data is not an object");
      parse_payloads (payload);
    }
  else
    {
      check_error (error);
      FUZZ_CHECK (error->domain == TALKIE_API_ERROR, "%s", g_quark_to_string (error->domain));
    }

  /* The payload parsers on their own, with the whole body as their data. */
  if (size > 0 && (root = talkie_json_parse ((const char *)data, size, NULL)) != NULL)
    parse_payloads (root);

  return 0;
}
