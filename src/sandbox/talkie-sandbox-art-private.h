/* talkie-sandbox-art-private.h: the sandbox's catalogue (avatar names, voices) and its
 * generated cover pictures. Only src/sandbox uses this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TALKIE_SANDBOX_MAX_AVATARS   10000
#define TALKIE_SANDBOX_USER_AVATARS  3
#define TALKIE_SANDBOX_USER_AVATAR_BASE 900001
/* Public avatars are named "FIRST_NAME SETTING", from these many of each. */
#define TALKIE_SANDBOX_N_FIRST_NAMES 24
#define TALKIE_SANDBOX_N_SETTINGS    12

typedef struct
{
  const char *name;
  const char *lang_id;
  const char *language;
  const char *gender;     /* "female" or "male" */
  guint       frequency;  /* of the audition tone, Hz */
  gboolean    mine;       /* from /open/timbre/user */
} TalkieSandboxVoice;

/* Public avatars: id = ratio * TALKIE_SANDBOX_MAX_AVATARS + index + 1. */
guint        talkie_sandbox_art_avatar_id         (guint        ratio,
                                                   guint        index);
/* Which aspect ratio an avatar id belongs to; FALSE if @id is none of ours
 * (public with index < @count, or one of the user's). */
gboolean     talkie_sandbox_art_avatar_lookup     (guint        id,
                                                   guint        count,
                                                   guint       *ratio,
                                                   gboolean    *mine);
char        *talkie_sandbox_art_avatar_name       (guint        id);
/* Which first name and setting @id's name (and picture) is made of. */
void         talkie_sandbox_art_avatar_parts      (guint        id,
                                                   guint       *first_name,
                                                   guint       *setting);

const TalkieSandboxVoice *talkie_sandbox_art_voices     (guint      *n_voices);
const TalkieSandboxVoice *talkie_sandbox_art_find_voice (const char *lang_id);

/* talkie-sandbox-art-portrait.c: a PNG of a made-up person, head and shoulders,
 * on a soft background (or on chroma green), drawn from @id's first name and
 * setting, at the size for @ratio (270x480, 480x270 or 360x360). */
GBytes      *talkie_sandbox_art_cover_png         (guint        id,
                                                   guint        ratio,
                                                   gboolean     green_screen,
                                                   GError     **error);
void         talkie_sandbox_art_ratio_size        (guint        ratio,
                                                   int         *width,
                                                   int         *height);

G_END_DECLS
