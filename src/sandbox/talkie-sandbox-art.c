/* talkie-sandbox-art.c: names, voices and cover pictures of the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include <math.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "talkie-sandbox-art-private.h"

static const char * const first_names[] = {
  "Amanda", "Jonas", "Priya", "Mateo", "Sofia", "Kwame", "Lena", "Hiro",
  "Chloe", "Omar", "Ingrid", "Diego", "Aisha", "Felix", "Mei", "Rafael",
  "Nora", "Tariq", "Elena", "Sam", "Zoe", "Luca", "Yara", "Ben",
};

static const char * const settings[] = {
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

char *
talkie_sandbox_art_avatar_name (guint id)
{
  guint r, index, n_first, n_settings;

  if (id >= TALKIE_SANDBOX_USER_AVATAR_BASE &&
      id < TALKIE_SANDBOX_USER_AVATAR_BASE + TALKIE_SANDBOX_USER_AVATARS)
    return g_strdup (user_avatar_names[id - TALKIE_SANDBOX_USER_AVATAR_BASE]);

  g_assert (id > 0);

  r = (id - 1) / TALKIE_SANDBOX_MAX_AVATARS;
  index = (id - 1) % TALKIE_SANDBOX_MAX_AVATARS;
  n_first = G_N_ELEMENTS (first_names);
  n_settings = G_N_ELEMENTS (settings);

  /* (index % 24, index / 24 + index) walks all 288 pairs before repeating */
  return g_strdup_printf ("%s %s",
                          first_names[(index + r * 7) % n_first],
                          settings[(index / n_first + index + r * 5) % n_settings]);
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

typedef struct
{
  double r, g, b;
} Rgb;

static Rgb
hsv_to_rgb (double h,
            double s,
            double v)
{
  double c = v * s;
  double hp = fmod (h, 360.0) / 60.0;
  double x = c * (1.0 - fabs (fmod (hp, 2.0) - 1.0));
  double m = v - c;
  Rgb rgb = { 0, 0, 0 };

  if (hp < 1)
    rgb = (Rgb) { c, x, 0 };
  else if (hp < 2)
    rgb = (Rgb) { x, c, 0 };
  else if (hp < 3)
    rgb = (Rgb) { 0, c, x };
  else if (hp < 4)
    rgb = (Rgb) { 0, x, c };
  else if (hp < 5)
    rgb = (Rgb) { x, 0, c };
  else
    rgb = (Rgb) { c, 0, x };

  rgb.r += m;
  rgb.g += m;
  rgb.b += m;
  return rgb;
}

static inline double
coverage (double signed_distance)
{
  /* 1 inside, 0 outside, a one-pixel soft edge */
  return CLAMP (0.5 - signed_distance, 0.0, 1.0);
}

static inline double
ellipse_distance (double x,
                  double y,
                  double cx,
                  double cy,
                  double rx,
                  double ry)
{
  double dx = (x - cx) / rx;
  double dy = (y - cy) / ry;
  /* an approximation good enough for a soft edge */
  return (sqrt (dx * dx + dy * dy) - 1.0) * MIN (rx, ry);
}

GBytes *
talkie_sandbox_art_cover_png (guint     id,
                              guint     ratio,
                              gboolean  green_screen,
                              GError  **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autofree char *buffer = NULL;
  gsize buffer_size = 0;
  guint32 hash;
  double hue, s, head_cx, head_cy, head_r;
  double body_cx, body_cy, body_rx, body_ry;
  Rgb top, bottom, figure;
  int width, height, stride;
  guchar *pixels;

  talkie_sandbox_art_ratio_size (ratio, &width, &height);

  hash = (guint32) id * 2654435761u;
  hue = (double) (hash % 360u);
  top = hsv_to_rgb (hue, 0.45, 0.95);
  bottom = hsv_to_rgb (hue + 35.0 + (double) ((hash >> 9) % 50u), 0.65, 0.70);
  figure = hsv_to_rgb (hue + 180.0, 0.35 + (double) ((hash >> 17) % 30u) / 100.0, 0.30);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);

  s = MIN ((double) width * 1.25, (double) height * 0.8);
  head_r = 0.19 * s;
  head_cx = width / 2.0;
  head_cy = height - 0.62 * s;
  body_cx = width / 2.0;
  body_cy = height + 0.10 * s;
  body_rx = 0.46 * s;
  body_ry = 0.40 * s;

  for (int y = 0; y < height; y++)
    {
      double t = (double) y / (double) (height - 1);
      guchar *row = pixels + (gsize) y * (gsize) stride;

      for (int x = 0; x < width; x++)
        {
          double px = x + 0.5, py = y + 0.5;
          double a, neck;
          Rgb c;

          if (green_screen)
            c = (Rgb) { 0.0, 0.694, 0.251 };
          else
            {
              double u = 0.85 * t + 0.15 * (double) x / (double) width;
              c.r = top.r * (1.0 - u) + bottom.r * u;
              c.g = top.g * (1.0 - u) + bottom.g * u;
              c.b = top.b * (1.0 - u) + bottom.b * u;
            }

          a = coverage (ellipse_distance (px, py, head_cx, head_cy, head_r, head_r * 1.15));
          a = MAX (a, coverage (ellipse_distance (px, py, body_cx, body_cy, body_rx, body_ry)));
          neck = MAX (fabs (px - head_cx) - 0.08 * s,
                      MAX (head_cy - py, py - (body_cy - body_ry * 0.8)));
          a = MAX (a, coverage (neck));

          c.r = c.r * (1.0 - a) + figure.r * a;
          c.g = c.g * (1.0 - a) + figure.g * a;
          c.b = c.b * (1.0 - a) + figure.b * a;

          row[x * 3 + 0] = (guchar) CLAMP (c.r * 255.0 + 0.5, 0.0, 255.0);
          row[x * 3 + 1] = (guchar) CLAMP (c.g * 255.0 + 0.5, 0.0, 255.0);
          row[x * 3 + 2] = (guchar) CLAMP (c.b * 255.0 + 0.5, 0.0, 255.0);
        }
    }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &buffer_size, "png", error, NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&buffer), buffer_size);
}
