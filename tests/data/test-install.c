/* test-install.c: `meson install` into a DESTDIR gives a complete tree
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-install"

#include "config.h"

#include <string.h>

#include <glib.h>

#include "data-test-util.h"

typedef struct
{
  const char *path;          /* below the prefix */
  const char *built_from;    /* NULL, or what must exist in the build/source first */
  gboolean    executable;
} Expected;

static char *destdir;
static int install_status = -1;

/* @relative: below the prefix, or absolute (a folder another package names,
 * such as bash-completion's). */
static char *
installed_path (const char *relative)
{
  g_autofree char *root = g_build_filename (destdir, INSTALL_PREFIX, NULL);

  if (g_path_is_absolute (relative))
    return g_build_filename (destdir, relative, NULL);

  return g_build_filename (root, relative, NULL);
}

static void
test_install_runs (void)
{
  g_assert_cmpint (install_status, ==, 0);
}

static void
check_installed (gconstpointer data)
{
  const Expected *expected = data;
  g_autofree char *path = installed_path (expected->path);

  g_assert_cmpint (install_status, ==, 0);

  if (expected->built_from != NULL && !g_file_test (expected->built_from, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf ("%s does not exist yet", expected->built_from);
      g_test_skip (msg);
      return;
    }

  g_test_message ("expecting %s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  if (expected->executable)
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));
}

static void
test_service_points_at_binary (void)
{
  g_autofree char *service = installed_path (INSTALL_DATADIR "/dbus-1/services/" APP_ID ".service");
  g_autofree char *contents = NULL;
  g_autofree char *binary = g_build_filename (INSTALL_PREFIX, INSTALL_BINDIR, "talkie", NULL);

  g_assert_cmpint (install_status, ==, 0);
  contents = data_test_read_file (service);
  g_assert_nonnull (strstr (contents, binary));
}

/* The installed desktop file starts the installed binary. */
static void
test_desktop_exec (void)
{
  g_autofree char *desktop = installed_path (INSTALL_DATADIR "/applications/" APP_ID ".desktop");
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *bindir = installed_path (INSTALL_BINDIR);
  g_autofree char *binary = NULL;

  g_assert_cmpint (install_status, ==, 0);

  if (!g_file_test (TOP_BUILDDIR "/src/ui/talkie", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("talkie is not built yet");
      return;
    }

  g_key_file_load_from_file (keyfile, desktop, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (keyfile, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);

  /* A bare name, found in PATH: the installed bindir. */
  words = g_strsplit (exec, " ", 2);
  g_assert_null (strchr (words[0], '/'));
  binary = g_build_filename (bindir, words[0], NULL);
  g_assert_true (g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE));
}

/* The installed metainfo, desktop file and icon fit together. */
static void
test_appstream_tree (void)
{
  g_autofree char *root = g_build_filename (destdir, INSTALL_PREFIX, NULL);
  const char *argv[] = { "appstreamcli", "validate-tree", "--no-net", root, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (install_status, ==, 0);
  g_assert_cmpint (data_test_run (argv, NULL, NULL, &out, &err), ==, 0);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "E:") || g_str_has_prefix (lines[i], "W:"))
        g_test_fail_printf ("appstreamcli validate-tree: %s", lines[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const Expected expected[] = {
    { INSTALL_BINDIR "/talkie", TOP_BUILDDIR "/src/ui/talkie", TRUE },
    { INSTALL_BINDIR "/talkie-cli", TOP_BUILDDIR "/src/cli/talkie-cli", TRUE },
    { INSTALL_BINDIR "/talkie-sandbox", TOP_BUILDDIR "/src/sandbox/talkie-sandbox", TRUE },
    { INSTALL_DATADIR "/applications/" APP_ID ".desktop", NULL, FALSE },
    { INSTALL_DATADIR "/metainfo/" APP_ID ".metainfo.xml", NULL, FALSE },
    { INSTALL_DATADIR "/icons/hicolor/scalable/apps/" APP_ID ".svg", NULL, FALSE },
    { INSTALL_DATADIR "/icons/hicolor/symbolic/apps/" APP_ID "-symbolic.svg", NULL, FALSE },
    { INSTALL_DATADIR "/glib-2.0/schemas/" APP_ID ".gschema.xml", NULL, FALSE },
    { INSTALL_DATADIR "/dbus-1/services/" APP_ID ".service", NULL, FALSE },
    { INSTALL_LOCALEDIR "/de/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", NULL, FALSE },
    { INSTALL_MANDIR "/man1/talkie.1", TOP_SRCDIR "/src/cli/talkie.1", FALSE },
    { INSTALL_MANDIR "/man1/talkie-cli.1", TOP_SRCDIR "/src/cli/talkie-cli.1", FALSE },
    { INSTALL_MANDIR "/man1/talkie-sandbox.1", TOP_SRCDIR "/src/cli/talkie-sandbox.1", FALSE },
    { INSTALL_BASH_COMPLETIONSDIR "/talkie-cli", TOP_SRCDIR "/src/cli/completions/talkie-cli", FALSE },
    { INSTALL_ZSH_COMPLETIONSDIR "/_talkie-cli", TOP_SRCDIR "/src/cli/completions/_talkie-cli", FALSE },
    { INSTALL_FISH_COMPLETIONSDIR "/talkie-cli.fish", TOP_SRCDIR "/src/cli/completions/talkie-cli.fish", FALSE },
  };
  g_autoptr(GError) error = NULL;
  const char *install_argv[] = {
    MESON, "install", "--no-rebuild", "--quiet", "-C", TOP_BUILDDIR, "--destdir", NULL, NULL
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  destdir = g_dir_make_tmp ("talkie-install-XXXXXX", &error);
  g_assert_no_error (error);

  install_argv[7] = destdir;
  install_status = data_test_run (install_argv, NULL, NULL, &out, &err);

  g_test_add_func ("/install/runs", test_install_runs);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = g_strdup_printf ("/install/files/%s", expected[i].path);

      g_test_add_data_func (name, &expected[i], check_installed);
    }
  g_test_add_func ("/install/dbus-service", test_service_points_at_binary);
  g_test_add_func ("/install/desktop-exec", test_desktop_exec);
  g_test_add_func ("/install/appstream-tree", test_appstream_tree);

  ret = g_test_run ();

  data_test_rm_rf (destdir, &error);
  g_assert_no_error (error);
  g_clear_pointer (&destdir, g_free);

  return ret;
}
