/* test-sandbox-art.c: the sandbox's covers show people (they are what store
 * screenshots show), the same person for the same avatar every time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "talkie-sandbox-art-private.h"

static GdkPixbuf *
cover (guint    id,
       guint    ratio,
       gboolean green_screen)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = talkie_sandbox_art_cover_png (id, ratio, green_screen, &error);
  g_autoptr(GInputStream) stream = NULL;
  GdkPixbuf *pixbuf;

  g_assert_no_error (error);
  stream = g_memory_input_stream_new_from_bytes (png);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  g_assert_no_error (error);
  return pixbuf;
}

static guint32
pixel (GdkPixbuf *pixbuf,
       int        x,
       int        y)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) +
                    y * gdk_pixbuf_get_rowstride (pixbuf) + x * gdk_pixbuf_get_n_channels (pixbuf);

  return ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
}

#define R(c) (((c) >> 16) & 0xff)
#define G(c) (((c) >> 8) & 0xff)
#define B(c) ((c) & 0xff)

/* Between the eyes: where the portrait puts the middle of the face
 * (talkie-sandbox-art-portrait.c, frame_new()). */
static guint32
face_centre (GdkPixbuf *pixbuf)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  double s = MIN (w * 1.25, h * 0.92);

  return pixel (pixbuf, w / 2, (int) (h - 0.64 * s));
}

/* Skin of every tone is warm: more red than green, more green than blue. */
static gboolean
is_skin (guint32 c)
{
  return R (c) > G (c) && G (c) > B (c) && R (c) - B (c) >= 30;
}

static void
test_people (void)
{
  g_autoptr(GHashTable) faces = g_hash_table_new (NULL, NULL);

  /* The first 24 public portrait avatars are the 24 first names. */
  for (guint index = 0; index < TALKIE_SANDBOX_N_FIRST_NAMES; index++)
    {
      guint id = talkie_sandbox_art_avatar_id (0, index);
      g_autoptr(GdkPixbuf) pixbuf = cover (id, 0, FALSE);
      g_autofree char *name = talkie_sandbox_art_avatar_name (id);
      guint32 face = face_centre (pixbuf);
      guint32 corner = pixel (pixbuf, 2, 2);

      g_test_message ("%s: face #%06x, background #%06x", name, face, corner);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 270);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 480);
      g_assert_true (is_skin (face));
      /* a face stands out from what is behind it */
      g_assert_cmpint (ABS ((int) R (face) - (int) R (corner)) + ABS ((int) G (face) - (int) G (corner)) +
                       ABS ((int) B (face) - (int) B (corner)), >=, 40);

      g_hash_table_add (faces, GUINT_TO_POINTER (face));
    }

  /* People of many looks, not one. */
  g_assert_cmpuint (g_hash_table_size (faces), >=, 6);
}

static void
test_same_person (void)
{
  g_autoptr(GError) error = NULL;
  guint id = talkie_sandbox_art_avatar_id (0, 5);
  g_autoptr(GBytes) a = talkie_sandbox_art_cover_png (id, 0, FALSE, &error);
  g_autoptr(GBytes) b = talkie_sandbox_art_cover_png (id, 0, FALSE, &error);
  guint first_a, setting_a, first_b, setting_b;

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (a, b));

  /* Index 24 has index 0's first name again (in another setting): same face. */
  talkie_sandbox_art_avatar_parts (talkie_sandbox_art_avatar_id (0, 0), &first_a, &setting_a);
  talkie_sandbox_art_avatar_parts (talkie_sandbox_art_avatar_id (0, 24), &first_b, &setting_b);
  g_assert_cmpuint (first_a, ==, first_b);
  g_assert_cmpuint (setting_a, !=, setting_b);
}

static void
test_green_screen (void)
{
  for (guint ratio = 0; ratio <= 2; ratio++)
    {
      g_autoptr(GdkPixbuf) pixbuf = cover (talkie_sandbox_art_avatar_id (ratio, 3), ratio, TRUE);
      int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
      int expected_w, expected_h;

      talkie_sandbox_art_ratio_size (ratio, &expected_w, &expected_h);
      g_assert_cmpint (w, ==, expected_w);
      g_assert_cmpint (h, ==, expected_h);

      /* Plain chroma green behind, for keying; the person in front. */
      g_assert_cmphex (pixel (pixbuf, 0, 0), ==, 0x00b140);
      g_assert_cmphex (pixel (pixbuf, w - 1, 0), ==, 0x00b140);
      g_assert_true (is_skin (face_centre (pixbuf)));
    }
}

static void
test_user_avatars (void)
{
  for (guint i = 0; i < TALKIE_SANDBOX_USER_AVATARS; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = cover (TALKIE_SANDBOX_USER_AVATAR_BASE + i, i, FALSE);

      g_assert_true (is_skin (face_centre (pixbuf)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/art/people", test_people);
  g_test_add_func ("/sandbox/art/same-person", test_same_person);
  g_test_add_func ("/sandbox/art/green-screen", test_green_screen);
  g_test_add_func ("/sandbox/art/user-avatars", test_user_avatars);

  return g_test_run ();
}
