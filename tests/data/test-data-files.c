/* test-data-files.c: the desktop file, D-Bus service, metainfo, schema and icons
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-data-files"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>

#include "data-test-util.h"

/* The app id's account (io.github.talkie) owns the project's URLs. */
#define PROJECT_URL "https://github.com/talkie/talkie"
/* Screenshots are served from the release's tag, never from a moving branch. */
#define SCREENSHOT_URL_PREFIX "https://raw.githubusercontent.com/talkie/talkie/v" PACKAGE_VERSION "/"

static void
test_desktop_file (void)
{
  g_autofree char *path = g_build_filename (TOP_BUILDDIR, "data", APP_ID ".desktop", NULL);
  const char *argv[] = { "desktop-file-validate", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *comment_de = NULL;
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) keywords = NULL;
  g_auto(GStrv) mime_types = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* desktop-file-validate prints hints and warnings even when it succeeds:
   * a clean file gives no output at all. */
  g_assert_cmpint (data_test_run (argv, NULL, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpstr (err, ==, "");

  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_KEEP_TRANSLATIONS, &error);
  g_assert_no_error (error);

  exec = g_key_file_get_string (keyfile, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  /* Files opened with Talkie are added as recordings. */
  g_assert_cmpstr (exec, ==, "talkie %U");

  icon = g_key_file_get_string (keyfile, "Desktop Entry", "Icon", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (icon, ==, APP_ID);

  /* The app is a unique GApplication with a D-Bus service file. */
  g_assert_true (g_key_file_get_boolean (keyfile, "Desktop Entry", "DBusActivatable", &error));
  g_assert_no_error (error);

  categories = g_key_file_get_string_list (keyfile, "Desktop Entry", "Categories", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *)categories, "AudioVideo"));

  keywords = g_key_file_get_string_list (keyfile, "Desktop Entry", "Keywords", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (keywords), >=, 3);

  mime_types = g_key_file_get_string_list (keyfile, "Desktop Entry", "MimeType", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *)mime_types, "audio/mpeg"));
  g_assert_true (g_strv_contains ((const char * const *)mime_types, "audio/x-wav"));
  for (guint i = 0; mime_types[i] != NULL; i++)
    g_assert_true (g_str_has_prefix (mime_types[i], "audio/"));

  /* GNOME's Settings lists the app under Notifications before it sent one. */
  g_assert_true (g_key_file_get_boolean (keyfile, "Desktop Entry", "X-GNOME-UsesNotifications", &error));
  g_assert_no_error (error);

  /* The merge from po/ happened: the comment is there in German too. */
  comment = g_key_file_get_string (keyfile, "Desktop Entry", "Comment", &error);
  g_assert_no_error (error);
  comment_de = g_key_file_get_locale_string (keyfile, "Desktop Entry", "Comment", "de", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comment_de, !=, comment);
  g_assert_true (g_key_file_has_key (keyfile, "Desktop Entry", "Keywords[de]", NULL));
}

static void
test_dbus_service (void)
{
  g_autofree char *path = g_build_filename (TOP_BUILDDIR, "data", APP_ID ".service", NULL);
  g_autofree char *expected_exec = g_build_filename (INSTALL_PREFIX, INSTALL_BINDIR, "talkie --gapplication-service", NULL);
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *exec = NULL;

  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);

  name = g_key_file_get_string (keyfile, "D-BUS Service", "Name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, APP_ID);

  exec = g_key_file_get_string (keyfile, "D-BUS Service", "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, expected_exec);
}

static void
test_metainfo (void)
{
  g_autofree char *path = g_build_filename (TOP_BUILDDIR, "data", APP_ID ".metainfo.xml", NULL);
  const char *argv[] = { "appstreamcli", "validate", "--no-net", "--pedantic", "--explain", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (data_test_run (argv, NULL, NULL, &out, &err), ==, 0);

  /* No error, warning, info or pedantic remark, but two: the upper-case
   * letter in the reverse-DNS id is by design, and appstreamcli before 1.0
   * (Debian 12 has 0.16.1) does not know AppStream 1.0's <developer> yet. */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "E:") ||
          g_str_has_prefix (lines[i], "W:") ||
          (g_str_has_prefix (lines[i], "I:") && !g_str_has_suffix (lines[i], ": unknown-tag developer")) ||
          (g_str_has_prefix (lines[i], "P:") && !strstr (lines[i], "cid-contains-uppercase-letter")))
        g_test_fail_printf ("appstreamcli: %s", lines[i]);
    }

  contents = data_test_read_file (path);
  g_assert_nonnull (strstr (contents, "<launchable type=\"desktop-id\">" APP_ID ".desktop</launchable>"));
  g_assert_nonnull (strstr (contents, "<content_rating type=\"oars-1.1\""));
  /* Translated from po/ at build time. */
  g_assert_nonnull (strstr (contents, "<p xml:lang=\"de\">"));

  /* The newest release listed is the version being built. */
  g_assert_nonnull (strstr (contents, "<release version=\"" PACKAGE_VERSION "\""));
  g_assert_true (strstr (contents, "<release version=\"" PACKAGE_VERSION "\"") ==
                 strstr (contents, "<release "));
}

/* appstream-glib's validator is stricter in places than appstreamcli (caption
 * and summary lengths among them). Its default mode, not validate-strict:
 * appstream-glib 0.8.2 fails that on tags it does not know (<branding>,
 * <supports>, AppStream 1.0's <developer>) and wants an <update_contact> e-mail
 * address, which only matters to distributions' own metadata. */
static void
test_metainfo_appstream_util (void)
{
  g_autofree char *path = g_build_filename (TOP_BUILDDIR, "data", APP_ID ".metainfo.xml", NULL);
  const char *argv[] = { "appstream-util", "validate", "--nonet", path, NULL };
  g_autofree char *tool = g_find_program_in_path ("appstream-util");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (tool == NULL)
    {
      g_test_skip ("appstream-util is not installed (Debian: appstream-util)");
      return;
    }

  g_assert_cmpint (data_test_run (argv, NULL, NULL, &out, &err), ==, 0);
}

/* The first match of @pattern's group 1 in @contents, NULL when none. */
static char *
match_first (const char *contents,
             const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_nonnull (regex);
  if (!g_regex_match (regex, contents, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 1);
}

static void
test_metainfo_store (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "data", APP_ID ".metainfo.xml.in", NULL);
  g_autofree char *contents = data_test_read_file (path);
  g_autofree char *summary = NULL;
  g_autofree char *developer = NULL;
  g_autofree char *social_info = NULL;
  g_autoptr(GRegex) caption = NULL;
  g_autoptr(GRegex) url = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint n_captions = 0;

  /* Software centres cut longer summaries. */
  summary = match_first (contents, "<summary>([^<]*)</summary>");
  g_assert_nonnull (summary);
  g_assert_cmpuint (g_utf8_strlen (summary, -1), <=, 35);

  /* AppStream 1.0: <developer id><name>, not the deprecated <developer_name>. */
  g_assert_null (strstr (contents, "<developer_name"));
  developer = match_first (contents, "<developer id=\"([^\"]+)\">\\s*<name[^>]*>[^<]+</name>");
  g_assert_cmpstr (developer, ==, "io.github.talkie");

  /* The recording, which lets others identify the user, goes to JoggAI. */
  social_info = match_first (contents, "<content_attribute id=\"social-info\">([^<]*)<");
  g_assert_cmpstr (social_info, ==, "intense");

  caption = g_regex_new ("<caption>([^<]*)</caption>", 0, 0, NULL);
  g_regex_match (caption, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *text = g_match_info_fetch (match, 1);

      g_test_message ("caption: %s", text);
      g_assert_cmpuint (g_utf8_strlen (text, -1), <, 50);
      n_captions++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n_captions, >=, 1);
  g_clear_pointer (&match, g_match_info_unref);

  /* Every link is the id's account's project (a screenshot's too). */
  url = g_regex_new ("https?://[^<\"]*", 0, 0, NULL);
  g_regex_match (url, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *link = g_match_info_fetch (match, 0);

      if (!g_str_has_prefix (link, PROJECT_URL "/") && g_strcmp0 (link, PROJECT_URL) != 0 &&
          !g_str_has_prefix (link, SCREENSHOT_URL_PREFIX))
        g_test_fail_printf ("%s is not under %s", link, PROJECT_URL);
      g_match_info_next (match, NULL);
    }
}

static double
hue_of (const char *hex)
{
  struct { double red, green, blue; } rgba;
  double max, min, h;

  g_assert_true (strlen (hex) == 7 && hex[0] == '#');
  rgba.red = g_ascii_xdigit_value (hex[1]) * 16 + g_ascii_xdigit_value (hex[2]);
  rgba.green = g_ascii_xdigit_value (hex[3]) * 16 + g_ascii_xdigit_value (hex[4]);
  rgba.blue = g_ascii_xdigit_value (hex[5]) * 16 + g_ascii_xdigit_value (hex[6]);

  max = MAX (rgba.red, MAX (rgba.green, rgba.blue));
  min = MIN (rgba.red, MIN (rgba.green, rgba.blue));
  g_assert_cmpfloat (max - min, >, 0);

  if (max == rgba.red)
    h = 60.0 * fmod ((rgba.green - rgba.blue) / (max - min) + 6.0, 6.0);
  else if (max == rgba.green)
    h = 60.0 * ((rgba.blue - rgba.red) / (max - min) + 2.0);
  else
    h = 60.0 * ((rgba.red - rgba.green) / (max - min) + 4.0);

  return h;
}

/* The store shows the icon on the brand colour: both must stand apart from
 * the icon's blue plate and its darker edge. */
static void
test_metainfo_branding (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "data", APP_ID ".metainfo.xml.in", NULL);
  g_autofree char *contents = data_test_read_file (path);
  g_autofree char *icon_path = g_build_filename (TOP_SRCDIR, "data", "icons", "hicolor", "scalable",
                                                 "apps", APP_ID ".svg", NULL);
  g_autofree char *icon = data_test_read_file (icon_path);
  const char *schemes[] = { "light", "dark" };
  const char *icon_colours[] = { "#62a0ea", "#3584e4", "#1c71d8", "#1a5fb4" };

  for (guint i = 0; i < G_N_ELEMENTS (icon_colours); i++)
    g_assert_nonnull (strstr (icon, icon_colours[i]));

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("<color type=\"primary\" scheme_preference=\"%s\">(#[0-9a-f]{6})</color>",
                                                  schemes[i]);
      g_autofree char *colour = match_first (contents, pattern);

      g_assert_nonnull (colour);
      g_assert_null (strstr (icon, colour));

      for (guint j = 0; j < G_N_ELEMENTS (icon_colours); j++)
        {
          double d = fabs (hue_of (colour) - hue_of (icon_colours[j]));

          d = MIN (d, 360.0 - d);
          g_test_message ("%s %s vs the icon's %s: %.0f° apart", schemes[i], colour, icon_colours[j], d);
          g_assert_cmpfloat (d, >=, 90.0);
        }
    }
}

static void
test_metainfo_screenshots (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "data", APP_ID ".metainfo.xml.in", NULL);
  g_autofree char *contents = data_test_read_file (path);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint n_images = 0;

  regex = g_regex_new ("<image[^>]*>([^<]*)</image>", 0, 0, NULL);
  g_assert_nonnull (regex);

  g_regex_match (regex, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *url = g_match_info_fetch (match, 1);
      g_autofree char *file = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;

      n_images++;

      /* Every screenshot is stored in this repository, under the URL it
       * has at the release's tag. */
      g_assert_true (g_str_has_prefix (url, SCREENSHOT_URL_PREFIX "data/screenshots/"));
      g_assert_true (g_str_has_suffix (url, ".png"));

      file = g_build_filename (TOP_SRCDIR, url + strlen (SCREENSHOT_URL_PREFIX), NULL);
      pixbuf = gdk_pixbuf_new_from_file (file, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), >=, 620);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), >=, 400);

      g_match_info_next (match, NULL);
    }

  g_assert_cmpuint (n_images, >=, 1);
}

static void
test_schema (void)
{
  g_autofree char *dir = g_build_filename (TOP_SRCDIR, "data", NULL);
  const char *argv[] = { "glib-compile-schemas", "--strict", "--dry-run", dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (data_test_run (argv, NULL, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

static guint8
alpha_at (GdkPixbuf *pixbuf,
          int        x,
          int        y)
{
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  g_assert (gdk_pixbuf_get_has_alpha (pixbuf));
  g_assert (gdk_pixbuf_get_n_channels (pixbuf) == 4);

  return pixels[y * stride + x * 4 + 3];
}

static void
test_app_icon (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "data", "icons", "hicolor", "scalable",
                                            "apps", APP_ID ".svg", NULL);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);

  /* GNOME app icons are drawn on a 128×128 canvas... */
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  g_assert_cmpint (width, ==, 128);
  g_assert_cmpint (height, ==, 128);

  /* ...as a rounded shape: clear corners and margin, solid middle. */
  g_assert_cmpint (alpha_at (pixbuf, 0, 0), ==, 0);
  g_assert_cmpint (alpha_at (pixbuf, width - 1, 0), ==, 0);
  g_assert_cmpint (alpha_at (pixbuf, 0, height - 1), ==, 0);
  g_assert_cmpint (alpha_at (pixbuf, width - 1, height - 1), ==, 0);
  g_assert_cmpint (alpha_at (pixbuf, 14, 14), ==, 0);
  g_assert_cmpint (alpha_at (pixbuf, width / 2, height / 2), ==, 255);
  g_assert_cmpint (alpha_at (pixbuf, width / 2, 14), ==, 255);
}

static void
test_symbolic_icon (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, "data", "icons", "hicolor", "symbolic",
                                            "apps", APP_ID "-symbolic.svg", NULL);
  g_autofree char *contents = data_test_read_file (path);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) colour = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  guint n_colours = 0;

  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 16);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 16);

  /* A symbolic icon is recoloured by GTK: one colour, filled paths. */
  g_assert_null (strstr (contents, "stroke"));
  g_assert_null (strstr (contents, "<image"));

  colour = g_regex_new ("(?:fill|color|stop-color)\\s*[=:]\\s*\"?([^\";]+)", 0, 0, NULL);
  g_assert_nonnull (colour);
  g_regex_match (colour, contents, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *value = g_match_info_fetch (match, 1);

      if (g_strcmp0 (value, "evenodd") != 0 && g_strcmp0 (value, "nonzero") != 0)
        {
          g_assert_cmpstr (value, ==, "#2e3436");
          n_colours++;
        }

      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n_colours, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data/desktop-file", test_desktop_file);
  g_test_add_func ("/data/dbus-service", test_dbus_service);
  g_test_add_func ("/data/metainfo/validate", test_metainfo);
  g_test_add_func ("/data/metainfo/appstream-util", test_metainfo_appstream_util);
  g_test_add_func ("/data/metainfo/store", test_metainfo_store);
  g_test_add_func ("/data/metainfo/branding", test_metainfo_branding);
  g_test_add_func ("/data/metainfo/screenshots", test_metainfo_screenshots);
  g_test_add_func ("/data/schema", test_schema);
  g_test_add_func ("/data/icons/app", test_app_icon);
  g_test_add_func ("/data/icons/symbolic", test_symbolic_icon);

  return g_test_run ();
}
