/* talkie-sandbox-art-portrait.c: the sandbox's cover pictures, drawn here
 *
 * A head-and-shoulders portrait of a made-up person in front of a soft
 * background, all from shapes (no image is read): skin tone, hair, clothes and
 * background follow the avatar's first name and setting, so "Priya at the
 * office" always looks the same and a store screenshot of the grid shows
 * people rather than silhouettes. Each shape is a signed distance, so edges
 * are smooth at any of the three sizes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include <math.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "talkie-sandbox-art-private.h"

typedef struct
{
  double r, g, b;
} Rgb;

typedef enum
{
  HAIR_SHORT,
  HAIR_BUZZ,
  HAIR_CURLY,
  HAIR_LONG,
  HAIR_BOB,
  HAIR_BUN,
  HAIR_AFRO,
  N_HAIR
} Hair;

typedef enum
{
  CLOTHES_CREW,
  CLOTHES_VNECK,
  CLOTHES_BLAZER,
  N_CLOTHES
} Clothes;

typedef struct
{
  Rgb      skin;
  Rgb      hair_colour;
  Rgb      clothes;
  Rgb      shirt;
  Rgb      back_top;
  Rgb      back_bottom;
  Hair     hair;
  Clothes  cut;
  gboolean beard;
  double   face_width;   /* 0.9 … 1.1 */
} Person;

/* Geometry, in pixels, of one portrait. */
typedef struct
{
  int    width, height;
  double s;              /* the portrait's scale */
  double cx;             /* the middle */
  double hx, hy;         /* the head's centre */
  double hrx, hry;       /* the head's radii */
  double top;            /* where the shoulders begin */
} Frame;

static Rgb
rgb (guint32 hex)
{
  return (Rgb) { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0 };
}

static Rgb
mix (Rgb    a,
     Rgb    b,
     double t)
{
  return (Rgb) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

static Rgb
shade (Rgb    c,
       double f)
{
  return (Rgb) { c.r * f, c.g * f, c.b * f };
}

/* 1 inside, 0 outside, a soft edge @soft pixels wide */
static inline double
cover (double d,
       double soft)
{
  return CLAMP (0.5 - d / soft, 0.0, 1.0);
}

static inline double
ellipse (double x, double y,
         double cx, double cy,
         double rx, double ry)
{
  double dx = (x - cx) / rx;
  double dy = (y - cy) / ry;

  /* scaled by the smaller radius: good enough for a one-pixel edge */
  return (sqrt (dx * dx + dy * dy) - 1.0) * MIN (rx, ry);
}

/* A box with rounded corners: centre, half-size, corner radius. */
static inline double
round_box (double x, double y,
           double cx, double cy,
           double hw, double hh,
           double radius)
{
  double qx = fabs (x - cx) - hw + radius;
  double qy = fabs (y - cy) - hh + radius;
  double ox = MAX (qx, 0.0), oy = MAX (qy, 0.0);

  return sqrt (ox * ox + oy * oy) + MIN (MAX (qx, qy), 0.0) - radius;
}

/* A thick line from (ax, ay) to (bx, by). */
static inline double
capsule (double x, double y,
         double ax, double ay,
         double bx, double by,
         double radius)
{
  double pax = x - ax, pay = y - ay, bax = bx - ax, bay = by - ay;
  double h = CLAMP ((pax * bax + pay * bay) / (bax * bax + bay * bay), 0.0, 1.0);
  double dx = pax - bax * h, dy = pay - bay * h;

  return sqrt (dx * dx + dy * dy) - radius;
}

/* Shoulders: a superellipse, rounder than a box and squarer than an ellipse. */
static inline double
shoulders (double x, double y,
           double cx, double cy,
           double rx, double ry)
{
  double dx = fabs (x - cx) / rx;
  double dy = fabs (y - cy) / ry;

  return (pow (pow (dx, 2.8) + pow (dy, 2.8), 1.0 / 2.8) - 1.0) * MIN (rx, ry);
}

static inline double
intersect (double a,
           double b)
{
  return MAX (a, b);
}

/* Skin tones from light to deep, hair colours, clothes: made-up people of
 * every look. */
static const guint32 skin_tones[] = {
  0xf5d6c1, 0xecc2a4, 0xe0ac88, 0xcf9470, 0xb97a55, 0x9c6240, 0x7d4a2f, 0x5c3520,
};

static const guint32 hair_colours[] = {
  0x1e1915, 0x2f231b, 0x4a3325, 0x6e4a30, 0x9a5a36, 0xc9a064, 0xe2c98f, 0xa9a39c,
};

static const guint32 clothes_colours[] = {
  0x1c3f6e, 0x2f5d50, 0x8a2f3c, 0x3a3a44, 0xc8763a, 0x5b4a8a, 0x2a7f9e, 0x7a8b3a,
  0xd8cfc4, 0x9c3f6e, 0x24506b, 0x6b4b3a,
};

/* The twenty-four first names, in talkie-sandbox-art.c's order: who each is. */
static const struct {
  gboolean woman;
  guint    skin;     /* index into skin_tones */
  guint    hair;     /* index into hair_colours */
} people[] = {
  { TRUE,  1, 5 },  /* Amanda */
  { FALSE, 0, 3 },  /* Jonas */
  { TRUE,  5, 0 },  /* Priya */
  { FALSE, 3, 1 },  /* Mateo */
  { TRUE,  2, 2 },  /* Sofia */
  { FALSE, 7, 0 },  /* Kwame */
  { TRUE,  0, 6 },  /* Lena */
  { FALSE, 1, 0 },  /* Hiro */
  { TRUE,  1, 4 },  /* Chloe */
  { FALSE, 4, 0 },  /* Omar */
  { TRUE,  0, 6 },  /* Ingrid */
  { FALSE, 3, 1 },  /* Diego */
  { TRUE,  6, 0 },  /* Aisha */
  { FALSE, 0, 4 },  /* Felix */
  { TRUE,  1, 0 },  /* Mei */
  { FALSE, 4, 2 },  /* Rafael */
  { TRUE,  2, 3 },  /* Nora */
  { FALSE, 5, 0 },  /* Tariq */
  { TRUE,  3, 2 },  /* Elena */
  { FALSE, 2, 7 },  /* Sam */
  { TRUE,  6, 1 },  /* Zoe */
  { FALSE, 2, 2 },  /* Luca */
  { TRUE,  4, 0 },  /* Yara */
  { FALSE, 1, 5 },  /* Ben */
};

G_STATIC_ASSERT (G_N_ELEMENTS (people) == TALKIE_SANDBOX_N_FIRST_NAMES);

/* The twelve settings, in talkie-sandbox-art.c's order: the light behind. */
static const guint32 backgrounds[][2] = {
  { 0xcfe6f5, 0x9cc79a },  /* outdoors: sky over green */
  { 0xd9dce3, 0x9aa3b5 },  /* in the studio: grey-blue backdrop */
  { 0xf1e7da, 0xc9b8a2 },  /* at the office: warm wall */
  { 0xf6f1e1, 0xd6c8a8 },  /* by the window: daylight */
  { 0xe8d9c4, 0xa88763 },  /* in the library: wood */
  { 0xf3dfc6, 0xd3a77d },  /* on the terrace: late sun */
  { 0xd7ecd0, 0x86b47e },  /* in the park: leaves */
  { 0xf0dccb, 0xb98d6e },  /* at the café: cosy */
  { 0xdfe7f1, 0xa7b8cf },  /* in a blue blazer: cool */
  { 0xeee6f0, 0xbfaecb },  /* in casual wear: soft lilac */
  { 0xe3eef0, 0xa9c4c9 },  /* in the R&D lab: clean */
  { 0xdde1e6, 0x8e98a6 },  /* in the city: concrete */
};

G_STATIC_ASSERT (G_N_ELEMENTS (backgrounds) == TALKIE_SANDBOX_N_SETTINGS);

static Person
person_new (guint id)
{
  guint32 hash = (guint32) id * 2654435761u;
  guint first, setting;
  Person p;

  talkie_sandbox_art_avatar_parts (id, &first, &setting);

  p.skin = rgb (skin_tones[people[first].skin]);
  p.hair_colour = rgb (hair_colours[people[first].hair]);
  p.clothes = rgb (clothes_colours[(hash >> 5) % G_N_ELEMENTS (clothes_colours)]);
  p.shirt = (hash >> 11) % 2 ? rgb (0xf6f5f4) : rgb (0xdfe8f2);
  p.back_top = rgb (backgrounds[setting][0]);
  p.back_bottom = rgb (backgrounds[setting][1]);
  p.face_width = 0.92 + (double) ((hash >> 13) % 16u) / 100.0;

  if (people[first].woman)
    {
      static const Hair styles[] = { HAIR_LONG, HAIR_BOB, HAIR_BUN, HAIR_LONG, HAIR_CURLY, HAIR_AFRO };

      p.hair = styles[(hash >> 17) % G_N_ELEMENTS (styles)];
      p.beard = FALSE;
    }
  else
    {
      static const Hair styles[] = { HAIR_SHORT, HAIR_BUZZ, HAIR_CURLY, HAIR_SHORT };

      p.hair = styles[(hash >> 17) % G_N_ELEMENTS (styles)];
      p.beard = (hash >> 21) % 3 == 0;
    }

  /* Deep skin with the darkest hair: the curls that suit it, now and then. */
  if (people[first].skin >= 6 && (hash >> 23) % 2 == 0)
    p.hair = people[first].woman ? HAIR_AFRO : HAIR_BUZZ;

  p.cut = (Clothes) ((hash >> 25) % N_CLOTHES);
  /* "in a blue blazer" says what they wear. */
  if (setting == 8)
    {
      p.cut = CLOTHES_BLAZER;
      p.clothes = rgb (0x1f4e8c);
    }

  return p;
}

static Frame
frame_new (int width,
           int height,
           double face_width)
{
  Frame f;

  f.width = width;
  f.height = height;
  f.s = MIN ((double) width * 1.25, (double) height * 0.92);
  f.cx = width / 2.0;
  f.hx = f.cx;
  f.hy = height - 0.64 * f.s;
  f.hrx = 0.155 * f.s * face_width;
  f.hry = 0.205 * f.s;
  f.top = f.hy + 0.3 * f.s;
  return f;
}

/* Hair above the hairline: lower at the temples than in the middle. */
static double
hairline (const Frame *f,
          double       x,
          double       y,
          double       height)
{
  double u = (x - f->hx) / f->hrx;

  return y - (f->hy - height * f->s + 0.09 * f->s * u * u);
}

/* Hair behind the head and shoulders; +inf when the style has none. */
static double
hair_back (const Person *p,
           const Frame  *f,
           double        x,
           double        y)
{
  double s = f->s;

  switch (p->hair)
    {
    case HAIR_LONG:
      return MIN (ellipse (x, y, f->hx, f->hy - 0.03 * s, f->hrx * 1.22, f->hry * 1.1),
                  round_box (x, y, f->hx, f->hy + 0.16 * s, f->hrx * 1.22, 0.2 * s, 0.07 * s));
    case HAIR_BOB:
      return MIN (ellipse (x, y, f->hx, f->hy - 0.02 * s, f->hrx * 1.25, f->hry * 1.1),
                  round_box (x, y, f->hx, f->hy + 0.05 * s, f->hrx * 1.25, 0.1 * s, 0.05 * s));
    case HAIR_BUN:
      return MIN (ellipse (x, y, f->hx, f->hy - 0.03 * s, f->hrx * 1.08, f->hry * 1.07),
                  ellipse (x, y, f->hx, f->hy - f->hry - 0.05 * s, 0.075 * s, 0.065 * s));
    case HAIR_CURLY:
    case HAIR_AFRO:
      {
        double big = p->hair == HAIR_AFRO ? 1.45 : 1.18;
        double dx = x - f->hx, dy = y - (f->hy - 0.06 * s);
        double angle = atan2 (dy, dx);
        double radius = f->hrx * big * (1.0 + 0.045 * sin (11.0 * angle));

        return intersect (sqrt (dx * dx * 0.85 + dy * dy) - radius, y - (f->hy + 0.06 * s));
      }
    case HAIR_SHORT:
      return ellipse (x, y, f->hx, f->hy - 0.035 * s, f->hrx * 1.07, f->hry * 1.03);
    case HAIR_BUZZ:
      return ellipse (x, y, f->hx, f->hy - 0.02 * s, f->hrx * 1.02, f->hry * 1.0);
    case N_HAIR:
    default:
      return INFINITY;
    }
}

/* Hair over the forehead. */
static double
hair_front (const Person *p,
            const Frame  *f,
            double        x,
            double        y)
{
  double s = f->s;
  double head = ellipse (x, y, f->hx, f->hy, f->hrx * 1.04, f->hry * 1.04);

  switch (p->hair)
    {
    case HAIR_LONG:
      /* a side parting: the fringe sweeps lower on one side */
      return intersect (head, hairline (f, x, y, 0.1 - 0.04 * (x - f->hx) / f->hrx));
    case HAIR_BOB:
      return intersect (head, hairline (f, x, y, 0.07));
    case HAIR_BUN:
    case HAIR_SHORT:
      return intersect (head, hairline (f, x, y, 0.12));
    case HAIR_CURLY:
    case HAIR_AFRO:
      return intersect (head, hairline (f, x, y, 0.11));
    case HAIR_BUZZ:
      return intersect (head, hairline (f, x, y, 0.14));
    case N_HAIR:
    default:
      return INFINITY;
    }
  (void) s;
}

static Rgb
paint (const Person *p,
       const Frame  *f,
       gboolean      green_screen,
       double        x,
       double        y)
{
  double s = f->s, aa = 1.0;
  double t = y / f->height;
  double d, a;
  Rgb c, skin_lit;

  /* The background: a soft gradient, lighter behind the head, darker at the edges. */
  if (green_screen)
    c = (Rgb) { 0.0, 0.694, 0.251 };
  else
    {
      double glow, rx = (x - f->hx) / (0.9 * s), ry = (y - f->hy) / (0.9 * s);

      c = mix (p->back_top, p->back_bottom, CLAMP (t * 1.1, 0.0, 1.0));
      glow = exp (-(rx * rx + ry * ry) * 2.2);
      c = mix (c, rgb (0xffffff), 0.25 * glow);
      c = shade (c, 1.0 - 0.12 * CLAMP (rx * rx + ry * ry - 0.3, 0.0, 1.0));
    }

  /* Hair behind. */
  a = cover (hair_back (p, f, x, y), aa);
  c = mix (c, shade (p->hair_colour, 0.85), a);

  /* Neck, in the head's shadow. */
  d = round_box (x, y, f->hx, f->hy + 0.2 * s, 0.066 * s * p->face_width, 0.13 * s, 0.04 * s);
  c = mix (c, shade (p->skin, 0.82), cover (d, aa));

  /* Shoulders and chest: the clothes, shaded towards the sides. */
  d = shoulders (x, y, f->cx, f->top + 0.6 * s, 0.5 * s, 0.6 * s);
  a = cover (d, aa);
  if (a > 0.0)
    {
      double u = (x - f->cx) / (0.47 * s);
      Rgb cloth = shade (p->clothes, 1.0 - 0.22 * u * u);

      if (p->cut == CLOTHES_BLAZER)
        {
          /* a shirt between the lapels, with the neck above it */
          double depth = 0.34 * s, w = 0.12 * s;
          double v = (y - f->top) / depth;
          double lapel = fabs (x - f->cx) - w * (1.0 - v) - 0.01 * s;

          if (v < 1.0)
            cloth = mix (cloth, p->shirt, cover (lapel, aa));
          d = intersect (fabs (x - f->cx) - 0.055 * s * (1.0 - (y - f->top) / (0.09 * s)), f->top - 0.02 * s - y);
          cloth = mix (cloth, shade (p->skin, 0.9), cover (d, aa));
        }
      else if (p->cut == CLOTHES_VNECK)
        {
          d = intersect (fabs (x - f->cx) - 0.075 * s * (1.0 - (y - f->top) / (0.16 * s)), f->top - 0.02 * s - y);
          cloth = mix (cloth, shade (p->skin, 0.9), cover (d, aa));
        }
      else
        {
          d = ellipse (x, y, f->cx, f->top - 0.005 * s, 0.08 * s, 0.05 * s);
          cloth = mix (cloth, shade (p->skin, 0.86), cover (d, aa));
          /* a ribbed collar */
          d = fabs (ellipse (x, y, f->cx, f->top - 0.005 * s, 0.088 * s, 0.058 * s)) - 0.008 * s;
          cloth = mix (cloth, shade (p->clothes, 0.8), cover (d, aa));
        }

      c = mix (c, cloth, a);
    }

  /* Ears, then the face, lit from the upper left. */
  d = MIN (ellipse (x, y, f->hx - f->hrx, f->hy + 0.01 * s, 0.028 * s, 0.045 * s),
           ellipse (x, y, f->hx + f->hrx, f->hy + 0.01 * s, 0.028 * s, 0.045 * s));
  c = mix (c, shade (p->skin, 0.9), cover (d, aa));

  d = ellipse (x, y, f->hx, f->hy, f->hrx, f->hry);
  a = cover (d, aa);
  if (a > 0.0)
    {
      double lx = (x - (f->hx - 0.3 * f->hrx)) / f->hrx, ly = (y - (f->hy - 0.3 * f->hry)) / f->hry;
      double eye_y = f->hy - 0.005 * s, eye_dx = 0.062 * s * p->face_width;
      Rgb face;

      skin_lit = shade (p->skin, 1.04 - 0.1 * CLAMP (sqrt (lx * lx + ly * ly) - 0.4, 0.0, 1.0));
      face = skin_lit;

      /* cheeks */
      d = MIN (ellipse (x, y, f->hx - 0.085 * s, f->hy + 0.06 * s, 0.035 * s, 0.022 * s),
               ellipse (x, y, f->hx + 0.085 * s, f->hy + 0.06 * s, 0.035 * s, 0.022 * s));
      face = mix (face, rgb (0xe0766a), 0.18 * cover (d, 0.02 * s));

      /* a beard around the chin, the mouth left clear */
      if (p->beard)
        {
          d = intersect (ellipse (x, y, f->hx, f->hy + 0.02 * s, f->hrx * 1.01, f->hry * 1.01),
                         f->hy + 0.075 * s - y);
          d = MIN (d, capsule (x, y, f->hx - 0.04 * s, f->hy + 0.085 * s, f->hx + 0.04 * s, f->hy + 0.085 * s, 0.008 * s));
          face = mix (face, p->hair_colour, 0.85 * cover (d, aa * 1.5));
        }

      /* eyebrows */
      d = MIN (capsule (x, y, f->hx - eye_dx - 0.026 * s, eye_y - 0.04 * s, f->hx - eye_dx + 0.024 * s, eye_y - 0.048 * s, 0.0075 * s),
               capsule (x, y, f->hx + eye_dx + 0.026 * s, eye_y - 0.04 * s, f->hx + eye_dx - 0.024 * s, eye_y - 0.048 * s, 0.0075 * s));
      face = mix (face, shade (p->hair_colour, 0.8), cover (d, aa));

      /* eyes: white, iris, a glint */
      d = MIN (ellipse (x, y, f->hx - eye_dx, eye_y, 0.024 * s, 0.013 * s),
               ellipse (x, y, f->hx + eye_dx, eye_y, 0.024 * s, 0.013 * s));
      face = mix (face, rgb (0xf4f1ec), cover (d, aa));
      d = MIN (ellipse (x, y, f->hx - eye_dx, eye_y, 0.012 * s, 0.013 * s),
               ellipse (x, y, f->hx + eye_dx, eye_y, 0.012 * s, 0.013 * s));
      face = mix (face, rgb (0x3b2a20), cover (d, aa));
      d = MIN (ellipse (x, y, f->hx - eye_dx + 0.004 * s, eye_y - 0.004 * s, 0.0035 * s, 0.0035 * s),
               ellipse (x, y, f->hx + eye_dx + 0.004 * s, eye_y - 0.004 * s, 0.0035 * s, 0.0035 * s));
      face = mix (face, rgb (0xffffff), 0.8 * cover (d, aa));

      /* the nose, a soft shadow */
      d = ellipse (x, y, f->hx + 0.006 * s, f->hy + 0.055 * s, 0.02 * s, 0.013 * s);
      face = mix (face, shade (p->skin, 0.78), 0.55 * cover (d, 0.01 * s));

      /* a smile: the lower half of an ellipse */
      d = intersect (ellipse (x, y, f->hx, f->hy + 0.105 * s, 0.048 * s, 0.026 * s),
                     f->hy + 0.103 * s - y);
      face = mix (face, rgb (0x9e3b3b), cover (d, aa));
      d = intersect (ellipse (x, y, f->hx, f->hy + 0.103 * s, 0.036 * s, 0.012 * s),
                     f->hy + 0.104 * s - y);
      face = mix (face, rgb (0xf6f3ee), cover (d, aa));

      c = mix (c, face, a);
    }

  /* Hair over the forehead. */
  a = cover (hair_front (p, f, x, y), aa);
  if (a > 0.0)
    {
      double sheen = exp (-pow ((x - (f->hx - 0.05 * s)) / (0.06 * s), 2) - pow ((y - (f->hy - 0.16 * s)) / (0.04 * s), 2));

      c = mix (c, mix (p->hair_colour, rgb (0xffffff), 0.12 * sheen), a);
    }

  return c;
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
  int width, height, stride;
  guchar *pixels;
  Person person;
  Frame frame;

  talkie_sandbox_art_ratio_size (ratio, &width, &height);
  person = person_new (id);
  frame = frame_new (width, height, person.face_width);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    {
      guchar *row = pixels + (gsize) y * (gsize) stride;

      for (int x = 0; x < width; x++)
        {
          Rgb c = paint (&person, &frame, green_screen, x + 0.5, y + 0.5);

          row[x * 3 + 0] = (guchar) CLAMP (c.r * 255.0 + 0.5, 0.0, 255.0);
          row[x * 3 + 1] = (guchar) CLAMP (c.g * 255.0 + 0.5, 0.0, 255.0);
          row[x * 3 + 2] = (guchar) CLAMP (c.b * 255.0 + 0.5, 0.0, 255.0);
        }
    }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &buffer_size, "png", error, NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&buffer), buffer_size);
}
