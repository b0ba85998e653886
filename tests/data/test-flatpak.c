/* test-flatpak.c: the Flatpak manifest parses and asks only for what Talkie needs
 *
 * The runtime cannot be downloaded here, so this checks what can be checked
 * offline: flatpak-builder reads the manifest without a complaint, and the
 * app id, command, runtime, sandbox permissions and sources are right.
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-flatpak"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "data-test-util.h"

/* Network for the JoggAI API, Wayland with X11 as a fallback, the GPU for
 * video, PulseAudio for playback, IPC for X11's shared memory. Files come
 * through the FileChooser portal, the API key through the Secret portal,
 * notifications through the Notification portal: none needs a permission. */
static const char * const allowed_finish_args[] = {
  "--share=network",
  "--share=ipc",
  "--socket=wayland",
  "--socket=fallback-x11",
  "--device=dri",
  "--socket=pulseaudio",
  NULL
};

static JsonObject *
load_manifest (void)
{
  g_autofree char *manifest = g_build_filename (TOP_SRCDIR, "flatpak", APP_ID ".json", NULL);
  g_autofree char *workdir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "flatpak-builder", "--show-manifest", manifest, NULL };
  JsonNode *root;

  /* flatpak-builder keeps its state in the current directory. */
  workdir = g_dir_make_tmp ("talkie-flatpak-XXXXXX", &error);
  g_assert_no_error (error);

  g_assert_cmpint (data_test_run (argv, workdir, NULL, &out, &err), ==, 0);
  /* Unknown keys and other mistakes are only warnings on stderr. */
  g_assert_cmpstr (err, ==, "");

  data_test_rm_rf (workdir, &error);
  g_assert_no_error (error);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static void
test_identity (void)
{
  g_autoptr(JsonObject) manifest = load_manifest ();
  const char *id;

  id = json_object_get_string_member_with_default (manifest, "id", NULL);
  if (id == NULL)
    id = json_object_get_string_member_with_default (manifest, "app-id", NULL);
  g_assert_cmpstr (id, ==, APP_ID);

  g_assert_cmpstr (json_object_get_string_member_with_default (manifest, "command", NULL),
                   ==, "talkie");
  g_assert_cmpstr (json_object_get_string_member_with_default (manifest, "runtime", NULL),
                   ==, "org.gnome.Platform");
  g_assert_cmpstr (json_object_get_string_member_with_default (manifest, "sdk", NULL),
                   ==, "org.gnome.Sdk");
  g_assert_nonnull (json_object_get_string_member_with_default (manifest, "runtime-version", NULL));
}

static void
test_finish_args (void)
{
  g_autoptr(JsonObject) manifest = load_manifest ();
  JsonArray *args;
  guint n_args;

  g_assert_true (json_object_has_member (manifest, "finish-args"));
  args = json_object_get_array_member (manifest, "finish-args");
  n_args = json_array_get_length (args);

  for (guint i = 0; i < n_args; i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      g_assert_nonnull (arg);
      g_test_message ("finish-arg %s", arg);

      /* The broad ones, named so that a failure says what is wrong. */
      g_assert_false (g_str_has_prefix (arg, "--filesystem"));
      g_assert_false (g_str_has_prefix (arg, "--socket=session-bus"));
      g_assert_false (g_str_has_prefix (arg, "--socket=system-bus"));
      g_assert_false (g_str_has_prefix (arg, "--socket=x11"));
      g_assert_false (g_str_has_prefix (arg, "--device=all"));
      g_assert_false (g_str_has_prefix (arg, "--talk-name"));
      g_assert_false (g_str_has_prefix (arg, "--system-talk-name"));

      if (!g_strv_contains (allowed_finish_args, arg))
        g_test_fail_printf ("finish-arg %s is not one Talkie needs", arg);
    }

  for (guint i = 0; allowed_finish_args[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < n_args && !found; j++)
        found = g_strcmp0 (json_array_get_string_element (args, j), allowed_finish_args[i]) == 0;

      if (!found)
        g_test_fail_printf ("finish-args lack %s", allowed_finish_args[i]);
    }
}

static void
test_modules (void)
{
  g_autoptr(JsonObject) manifest = load_manifest ();
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  guint n_modules = json_array_get_length (modules);
  JsonObject *talkie;
  JsonArray *sources;
  JsonObject *source;

  g_assert_cmpuint (n_modules, >=, 1);

  /* Anything the runtime lacks comes from a pinned, checksummed source. */
  for (guint i = 0; i + 1 < n_modules; i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      JsonArray *deps = json_object_get_array_member (module, "sources");

      for (guint j = 0; j < json_array_get_length (deps); j++)
        {
          JsonObject *dep = json_array_get_object_element (deps, j);
          const char *type = json_object_get_string_member (dep, "type");

          if (g_strcmp0 (type, "archive") == 0 || g_strcmp0 (type, "file") == 0)
            g_assert_true (json_object_has_member (dep, "sha256") ||
                           json_object_has_member (dep, "sha512"));
          else if (g_strcmp0 (type, "git") == 0)
            g_assert_true (json_object_has_member (dep, "commit"));
        }
    }

  /* The app itself is built last, from this checkout, with meson. */
  talkie = json_array_get_object_element (modules, n_modules - 1);
  g_assert_cmpstr (json_object_get_string_member (talkie, "name"), ==, "talkie");
  g_assert_cmpstr (json_object_get_string_member (talkie, "buildsystem"), ==, "meson");

  sources = json_object_get_array_member (talkie, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  source = json_array_get_object_element (sources, 0);
  g_assert_cmpstr (json_object_get_string_member (source, "type"), ==, "dir");
  g_assert_cmpstr (json_object_get_string_member (source, "path"), ==, "..");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/flatpak/identity", test_identity);
  g_test_add_func ("/flatpak/finish-args", test_finish_args);
  g_test_add_func ("/flatpak/modules", test_modules);

  return g_test_run ();
}
