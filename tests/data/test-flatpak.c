/* test-flatpak.c: the Flatpak manifests parse and ask only for what Talkie needs
 *
 * Two manifests: flatpak/APP_ID.json builds this checkout (a "dir" source) for
 * developers; flatpak/flathub/APP_ID.json is the one for Flathub, built from
 * the release's git tag, which build-aux/talkie-flathub-manifest pins to the
 * tag's commit for Flathub's repository.
 *
 * The runtime cannot be downloaded here, so this checks what can be checked
 * offline: flatpak-builder (when installed) reads each manifest without a
 * complaint, json-glib always does, and the app id, command, runtime, sandbox
 * permissions and sources are right.
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-flatpak"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "data-test-util.h"

#define DEV_MANIFEST     "flatpak/" APP_ID ".json"
#define FLATHUB_MANIFEST "flatpak/flathub/" APP_ID ".json"
#define RELEASE_SCRIPT   "build-aux/talkie-flathub-manifest"

/* Network for the JoggAI API, Wayland with X11 as a fallback, the GPU for
 * video, PulseAudio for playback, IPC for X11's shared memory. Files come
 * through the FileChooser portal (or are opened with Talkie: the document
 * portal), the API key through the Secret portal, notifications through the
 * Notification portal: none needs a permission. */
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
parse_manifest (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/* flatpak-builder's reading of @path; NULL when it is not installed. */
static JsonObject *
show_manifest (const char *path)
{
  g_autofree char *tool = g_find_program_in_path ("flatpak-builder");
  g_autofree char *workdir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "flatpak-builder", "--show-manifest", path, NULL };

  if (tool == NULL)
    {
      g_test_message ("flatpak-builder is not installed: only json-glib reads %s", path);
      return NULL;
    }

  /* flatpak-builder keeps its state in the current directory. */
  workdir = g_dir_make_tmp ("talkie-flatpak-XXXXXX", &error);
  g_assert_no_error (error);

  g_assert_cmpint (data_test_run (argv, workdir, NULL, &out, &err), ==, 0);
  /* Unknown keys and other mistakes are only warnings on stderr. */
  g_assert_cmpstr (err, ==, "");

  data_test_rm_rf (workdir, &error);
  g_assert_no_error (error);

  return parse_manifest (out);
}

/* The manifest at @path (relative to the source tree) as json-glib reads it,
 * after checking that flatpak-builder reads the same. */
static JsonObject *
load_manifest_file (const char *path)
{
  g_autofree char *text = data_test_read_file (path);
  g_autoptr(JsonObject) manifest = parse_manifest (text);
  g_autoptr(JsonObject) shown = show_manifest (path);

  if (shown != NULL)
    {
      g_autoptr(JsonNode) a = json_node_init_object (json_node_alloc (), manifest);
      g_autoptr(JsonNode) b = json_node_init_object (json_node_alloc (), shown);

      /* flatpak-builder drops what it does not know: nothing may be dropped. */
      g_assert_cmpuint (json_object_get_size (shown), ==, json_object_get_size (manifest));
      g_assert_true (json_node_equal (a, b));
    }

  return g_steal_pointer (&manifest);
}

static JsonObject *
load_manifest (const char *name)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, name, NULL);

  return load_manifest_file (path);
}

static void
test_identity (gconstpointer data)
{
  g_autoptr(JsonObject) manifest = load_manifest (data);
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
test_finish_args (gconstpointer data)
{
  g_autoptr(JsonObject) manifest = load_manifest (data);
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
test_dev_modules (void)
{
  g_autoptr(JsonObject) manifest = load_manifest (DEV_MANIFEST);
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

/* Flathub never builds from a directory: the app comes from its release tag. */
static void
test_flathub_sources (void)
{
  g_autoptr(JsonObject) manifest = load_manifest (FLATHUB_MANIFEST);
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  guint n_modules = json_array_get_length (modules);
  JsonObject *talkie;
  JsonObject *source;
  JsonArray *sources;

  for (guint i = 0; i < n_modules; i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      JsonArray *list = json_object_get_array_member (module, "sources");

      for (guint j = 0; j < json_array_get_length (list); j++)
        {
          JsonObject *any = json_array_get_object_element (list, j);

          g_assert_cmpstr (json_object_get_string_member (any, "type"), !=, "dir");
        }
    }

  talkie = json_array_get_object_element (modules, n_modules - 1);
  g_assert_cmpstr (json_object_get_string_member (talkie, "name"), ==, "talkie");
  g_assert_cmpstr (json_object_get_string_member (talkie, "buildsystem"), ==, "meson");

  sources = json_object_get_array_member (talkie, "sources");
  g_assert_cmpuint (json_array_get_length (sources), ==, 1);
  source = json_array_get_object_element (sources, 0);
  g_assert_cmpstr (json_object_get_string_member (source, "type"), ==, "git");
  /* The app id's account (io.github.talkie) hosts it. */
  g_assert_cmpstr (json_object_get_string_member (source, "url"), ==, "https://github.com/talkie/talkie.git");
  /* The version being built is the one released; the commit is added by the
   * release script once the tag exists. */
  g_assert_cmpstr (json_object_get_string_member (source, "tag"), ==, "v" PACKAGE_VERSION);
  g_assert_false (json_object_has_member (source, "branch"));
}

/* Both manifests ask for the same runtime and permissions. */
static void
test_manifests_agree (void)
{
  g_autoptr(JsonObject) dev = load_manifest (DEV_MANIFEST);
  g_autoptr(JsonObject) flathub = load_manifest (FLATHUB_MANIFEST);
  const char *members[] = { "id", "runtime", "runtime-version", "sdk", "command", "finish-args" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_test_message ("%s", members[i]);
      g_assert_true (json_node_equal (json_object_get_member (dev, members[i]),
                                      json_object_get_member (flathub, members[i])));
    }
}

/* Flathub's style: four spaces a level, no tabs. */
static void
test_flathub_style (void)
{
  g_autofree char *path = g_build_filename (TOP_SRCDIR, FLATHUB_MANIFEST, NULL);
  g_autofree char *text = data_test_read_file (path);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean four = FALSE;

  g_assert_true (g_str_has_suffix (text, "}\n"));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize indent = strspn (lines[i], " ");

      g_assert_null (strchr (lines[i], '\t'));
      if (indent % 4 != 0)
        g_test_fail_printf ("line %u is indented by %" G_GSIZE_FORMAT " spaces", i + 1, indent);
      four = four || indent == 4;
    }
  g_assert_true (four);
}

static int
run_release_script (const char  *commit,
                    const char  *output,
                    char       **err)
{
  g_autofree char *script = g_build_filename (TOP_SRCDIR, RELEASE_SCRIPT, NULL);
  const char *argv[] = { script, "--commit", commit, "-o", output, NULL };

  return data_test_run (argv, NULL, NULL, NULL, err);
}

/* What goes to Flathub's repository: the in-tree manifest, its git source
 * pinned to the commit, nothing else changed, still readable by flatpak-builder. */
static void
test_release_script (void)
{
  const char *commit = "0123456789abcdef0123456789abcdef01234567";
  g_autofree char *dir = NULL;
  g_autofree char *output = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) in_tree = load_manifest (FLATHUB_MANIFEST);
  g_autoptr(JsonObject) pinned = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *modules;
  JsonObject *source;

  dir = g_dir_make_tmp ("talkie-flathub-XXXXXX", &error);
  g_assert_no_error (error);
  output = g_build_filename (dir, APP_ID ".json", NULL);

  g_assert_cmpint (run_release_script (commit, output, &err), ==, 0);
  pinned = load_manifest_file (output);

  modules = json_object_get_array_member (pinned, "modules");
  source = json_array_get_object_element (json_object_get_array_member (
             json_array_get_object_element (modules, json_array_get_length (modules) - 1), "sources"), 0);
  g_assert_cmpstr (json_object_get_string_member (source, "tag"), ==, "v" PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (source, "commit"), ==, commit);

  json_object_remove_member (source, "commit");
  a = json_node_init_object (json_node_alloc (), in_tree);
  b = json_node_init_object (json_node_alloc (), pinned);
  g_assert_true (json_node_equal (a, b));

  /* A short or mistyped commit is refused, and nothing is written. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (g_unlink (output), ==, 0);
  g_assert_cmpint (run_release_script ("0123456", output, &err), ==, 1);
  g_assert_nonnull (strstr (err, "not a full commit id"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));

  data_test_rm_rf (dir, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/flatpak/dev/identity", DEV_MANIFEST, test_identity);
  g_test_add_data_func ("/flatpak/dev/finish-args", DEV_MANIFEST, test_finish_args);
  g_test_add_func ("/flatpak/dev/modules", test_dev_modules);
  g_test_add_data_func ("/flatpak/flathub/identity", FLATHUB_MANIFEST, test_identity);
  g_test_add_data_func ("/flatpak/flathub/finish-args", FLATHUB_MANIFEST, test_finish_args);
  g_test_add_func ("/flatpak/flathub/sources", test_flathub_sources);
  g_test_add_func ("/flatpak/flathub/style", test_flathub_style);
  g_test_add_func ("/flatpak/flathub/release-script", test_release_script);
  g_test_add_func ("/flatpak/agree", test_manifests_agree);

  return g_test_run ();
}
