/* talkie-build-tree.c
 *
 * `_build/src/ui/talkie --sandbox`, as the README writes it, must work without
 * GSETTINGS_SCHEMA_DIR or an install. The build compiles the schema into
 * _build/data and the translations into _build/po; a binary that finds itself
 * two levels below a meson build tree's top uses those. An installed binary
 * (/usr/bin/talkie) has no meson-private/ two levels up, and is unaffected.
 * Nothing about the build tree is compiled in: the binary looks where it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <gio/gio.h>

#include "talkie-build-tree.h"

static char *
find_root (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GFile) exe_file = NULL;
  g_autoptr(GFile) root = NULL;
  g_autoptr(GFile) marker = NULL;
  g_autoptr(GFile) app = NULL;

  if (exe == NULL)
    return NULL;

  exe_file = g_file_new_for_path (exe);
  root = g_file_resolve_relative_path (exe_file, "../../..");
  marker = g_file_resolve_relative_path (root, "meson-private/coredata.dat");
  app = g_file_resolve_relative_path (root, "src/ui/talkie");

  /* Only the app itself, in its place in the tree: a test program elsewhere in
   * the tree gets its world from its environment. */
  if (!g_file_equal (exe_file, app) || !g_file_query_exists (marker, NULL))
    return NULL;

  return g_file_get_path (root);
}

const char *
talkie_build_tree_get_root (void)
{
  static char *root;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      root = find_root ();
      g_once_init_leave (&initialized, 1);
    }

  return root;
}
