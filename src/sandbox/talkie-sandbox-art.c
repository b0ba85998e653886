/* talkie-sandbox-art.c: names, voices and cover pictures of the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include "talkie-sandbox-art-private.h"

/* talkie-sandbox-art-portrait.c draws each of them: keep its tables in this order. */
static const char * const first_names[TALKIE_SANDBOX_N_FIRST_NAMES] = {
  "Amanda", "Jonas", "Priya", "Mateo", "Sofia", "Kwame", "Lena", "Hiro",
  "Chloe", "Omar", "Ingrid", "Diego", "Aisha", "Felix", "Mei", "Rafael",
  "Nora", "Tariq", "Elena", "Sam", "Zoe", "Luca", "Yara", "Ben",
};

static const char * const settings[TALKIE_SANDBOX_N_SETTINGS] = {
  "outdoors", "in the studio", "at the office", "by the window",
  "in the library", "on the terrace", "in the park", "at the café",
  "in a blue blazer", "in casual wear", "in the R&D lab", "in the city",
};

static const char * const user_avatar_names[TALKIE_SANDBOX_USER_AVATARS] = {
  "My avatar at home", "My avatar in the office", "My avatar outdoors",
};

static const TalkieSandboxVoice voices[] = {
  { "Emily",   "en-US-EmilyNeural",    "english",  "female", 440, FALSE },
  { "James",   "en-US-JamesNeural",    "english",  "male",   196, FALSE },
  { "Olivia",  "en-GB-OliviaNeural",   "english",  "female", 494, FALSE },
  { "Noah",    "en-GB-NoahNeural",     "english",  "male",   220, FALSE },
  { "Lucía",   "es-ES-LuciaNeural",    "spanish",  "female", 523, FALSE },
  { "Mateo",   "es-MX-MateoNeural",    "spanish",  "male",   247, FALSE },
  { "Hanna",   "de-DE-HannaNeural",    "german",   "female", 587, FALSE },
  { "Lukas",   "de-DE-LukasNeural",    "german",   "male",   262, FALSE },
  { "Camille", "fr-FR-CamilleNeural",  "french",   "female", 659, FALSE },
  { "Hugo",    "fr-FR-HugoNeural",     "french",   "male",   294, FALSE },
  { "Yuki",    "ja-JP-YukiNeural",     "japanese", "female", 698, FALSE },
  { "Haruto",  "ja-JP-HarutoNeural",   "japanese", "male",   330, FALSE },
  { "My voice (calm)",   "user-voice-8xUNyTgckMBs", "english", "female", 392, TRUE },
  { "My voice (bright)", "user-voice-X4jn4Lxf2Qe9", "english", "male",   349, TRUE },
};

guint
talkie_sandbox_art_avatar_id (guint ratio,
                              guint index)
{
  g_assert (ratio <= 2);
  g_assert (index < TALKIE_SANDBOX_MAX_AVATARS);

  return ratio * TALKIE_SANDBOX_MAX_AVATARS + index + 1;
}

gboolean
talkie_sandbox_art_avatar_lookup (guint     id,
                                  guint     count,
                                  guint    *ratio,
                                  gboolean *mine)
{
  guint r, index;

  if (id >= TALKIE_SANDBOX_USER_AVATAR_BASE &&
      id < TALKIE_SANDBOX_USER_AVATAR_BASE + TALKIE_SANDBOX_USER_AVATARS)
    {
      if (ratio != NULL)
        *ratio = id - TALKIE_SANDBOX_USER_AVATAR_BASE;
      if (mine != NULL)
        *mine = TRUE;
      return TRUE;
    }

  if (id == 0)
    return FALSE;

  r = (id - 1) / TALKIE_SANDBOX_MAX_AVATARS;
  index = (id - 1) % TALKIE_SANDBOX_MAX_AVATARS;
  if (r > 2 || index >= count)
    return FALSE;

  if (ratio != NULL)
    *ratio = r;
  if (mine != NULL)
    *mine = FALSE;
  return TRUE;
}

void
talkie_sandbox_art_avatar_parts (guint  id,
                                 guint *first_name,
                                 guint *setting)
{
  guint r, index;

  /* The user's own avatars are people too, one each. */
  if (id == 0 || id >= TALKIE_SANDBOX_USER_AVATAR_BASE)
    {
      *first_name = (id * 7u + 3u) % TALKIE_SANDBOX_N_FIRST_NAMES;
      *setting = (id * 5u + 1u) % TALKIE_SANDBOX_N_SETTINGS;
      return;
    }

  r = (id - 1) / TALKIE_SANDBOX_MAX_AVATARS;
  index = (id - 1) % TALKIE_SANDBOX_MAX_AVATARS;

  /* (index % 24, index / 24 + index) walks all 288 pairs before repeating */
  *first_name = (index + r * 7) % TALKIE_SANDBOX_N_FIRST_NAMES;
  *setting = (index / TALKIE_SANDBOX_N_FIRST_NAMES + index + r * 5) % TALKIE_SANDBOX_N_SETTINGS;
}

char *
talkie_sandbox_art_avatar_name (guint id)
{
  guint first, setting;

  if (id >= TALKIE_SANDBOX_USER_AVATAR_BASE &&
      id < TALKIE_SANDBOX_USER_AVATAR_BASE + TALKIE_SANDBOX_USER_AVATARS)
    return g_strdup (user_avatar_names[id - TALKIE_SANDBOX_USER_AVATAR_BASE]);

  g_assert (id > 0);

  talkie_sandbox_art_avatar_parts (id, &first, &setting);
  return g_strdup_printf ("%s %s", first_names[first], settings[setting]);
}

const TalkieSandboxVoice *
talkie_sandbox_art_voices (guint *n_voices)
{
  *n_voices = G_N_ELEMENTS (voices);
  return voices;
}

const TalkieSandboxVoice *
talkie_sandbox_art_find_voice (const char *lang_id)
{
  if (lang_id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
    {
      if (g_str_equal (voices[i].lang_id, lang_id))
        return &voices[i];
    }

  return NULL;
}

void
talkie_sandbox_art_ratio_size (guint  ratio,
                               int   *width,
                               int   *height)
{
  switch (ratio)
    {
    case 0:
      *width = 270;
      *height = 480;
      break;
    case 1:
      *width = 480;
      *height = 270;
      break;
    case 2:
    default:
      *width = 360;
      *height = 360;
      break;
    }
}
