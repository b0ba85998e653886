/* cli-test-util.c: what the talkie-cli test programs share.
 *
 * Two ways to reach a server: the CLI's own embedded sandbox (--sandbox), and
 * a TalkieSandbox started here, reached with --base-url and TALKIE_API_KEY (or
 * the keyring). The test's main loop runs while the CLI does, so that this
 * process's sandbox can answer it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "cli-test-util.h"

CliTestWorld cli_world;

typedef struct
{
  GMainLoop *loop;
  GBytes    *out;
  GBytes    *err;
  GError    *error;
  gboolean   done;
} Communication;

void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_clear_pointer (&run->out_bytes, g_bytes_unref);
  g_free (run->err);
  g_free (run);
}

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communication *comm = user_data;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result,
                                   &comm->out, &comm->err, &comm->error);
  comm->done = TRUE;
  g_main_loop_quit (comm->loop);
}

static char *
bytes_to_text (GBytes *bytes)
{
  gsize size = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

  return data != NULL ? g_strndup (data, size) : g_strdup ("");
}

CliRun *
cli_run_options (const CliRunOptions *options,
                 const char * const  *argv)
{
  guint hits = 0;
  gboolean interrupted = FALSE;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  Communication comm = { 0 };
  CliRun *run;

  if (options->interrupt_at != NULL)
    hits = talkie_sandbox_get_hits (cli_world.sandbox, options->interrupt_at);
  if (options->input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;

  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_unsetenv (launcher, "TALKIE_API_KEY");
  g_subprocess_launcher_unsetenv (launcher, "TALKIE_BASE_URL");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_SANDBOX_STEP_MS", TEST_STEP_MS, TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_POLL_INTERVAL_MS", TEST_POLL_MS, TRUE);
  if (options->api_key != NULL)
    g_subprocess_launcher_setenv (launcher, "TALKIE_API_KEY", options->api_key, TRUE);
  if (options->base_url != NULL)
    g_subprocess_launcher_setenv (launcher, "TALKIE_BASE_URL", options->base_url, TRUE);
  for (guint i = 0; options->env != NULL && options->env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, options->env[i], options->env[i + 1], TRUE);

  g_ptr_array_add (args, cli_world.cli_path);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  {
    g_autofree char *line = g_strjoinv (" ", (char **) args->pdata);
    g_test_message ("running: %s", line);
  }

  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  comm.loop = g_main_loop_new (NULL, FALSE);
  g_subprocess_communicate_async (subprocess, options->input, NULL, communicated_cb, &comm);
  if (options->interrupt_at == NULL)
    {
      while (!comm.done)
        g_main_loop_run (comm.loop);
    }
  else
    {
      while (!comm.done)
        {
          g_main_context_iteration (NULL, TRUE);
          if (!interrupted && talkie_sandbox_get_hits (cli_world.sandbox, options->interrupt_at) > hits)
            {
              g_subprocess_send_signal (subprocess, SIGINT);
              interrupted = TRUE;
            }
        }
      g_assert_true (interrupted);
    }
  g_main_loop_unref (comm.loop);
  g_assert_no_error (comm.error);

  /* Communication ends at EOF; the exit status comes right after. */
  g_subprocess_wait (subprocess, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (subprocess));

  run = g_new0 (CliRun, 1);
  run->status = g_subprocess_get_exit_status (subprocess);
  run->out_bytes = comm.out != NULL ? comm.out : g_bytes_new (NULL, 0);
  run->out = bytes_to_text (run->out_bytes);
  run->err = bytes_to_text (comm.err);
  g_clear_pointer (&comm.err, g_bytes_unref);

  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);

  /* Whatever happened, the key is never shown. */
  g_assert_null (strstr (run->out, TEST_KEY));
  g_assert_null (strstr (run->err, TEST_KEY));

  return run;
}

CliRun *
run_cli_with (const char         *api_key,
              const char         *base_url,
              const char         *interrupt_at,
              const char * const *extra_env,
              const char * const *argv)
{
  CliRunOptions options = {
    .api_key = api_key,
    .base_url = base_url,
    .interrupt_at = interrupt_at,
    .env = extra_env,
  };

  return cli_run_options (&options, argv);
}

CliRun *
run_cli_full (const char         *api_key,
              const char         *base_url,
              const char * const *argv)
{
  return run_cli_with (api_key, base_url, NULL, NULL, argv);
}

guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

void
assert_one_error_line (const CliRun *run)
{
  /* The whole stderr in the log when it is not one line: a sanitizer's
   * report, a GLib warning, a second message. */
  if (!g_str_has_prefix (run->err, "talkie-cli: ") || count_lines (run->err) != 1)
    g_printerr ("talkie-cli's stderr:\n%s", run->err);
  g_assert_true (g_str_has_prefix (run->err, "talkie-cli: "));
  g_assert_cmpuint (count_lines (run->err), ==, 1);
  g_assert_cmpuint (strlen (run->err), >, strlen ("talkie-cli: ") + 10);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));

  return json_node_copy (json_parser_get_root (parser));
}

void
assert_string_or_null_member (JsonObject *object,
                              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_error ("No member “%s”", name);
  g_assert_true (JSON_NODE_HOLDS_NULL (node) ||
                 json_node_get_value_type (node) == G_TYPE_STRING);
}

static void
assert_int_or_null_member (JsonObject *object,
                           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_error ("No member “%s”", name);
  g_assert_true (JSON_NODE_HOLDS_NULL (node) ||
                 json_node_get_value_type (node) == G_TYPE_INT64);
}

guint
check_avatars_json (const char *text,
                    gint64     *first_id)
{
  g_autoptr(JsonNode) root = parse_json (text);
  JsonArray *array;
  guint n;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *avatar = json_array_get_object_element (array, i);

      g_assert_nonnull (avatar);
      g_assert_true (json_object_has_member (avatar, "id"));
      g_assert_cmpint (json_node_get_value_type (json_object_get_member (avatar, "id")), ==, G_TYPE_INT64);
      g_assert_nonnull (json_object_get_string_member (avatar, "name"));
      assert_string_or_null_member (avatar, "cover_url");
    }

  if (first_id != NULL && n > 0)
    *first_id = json_object_get_int_member (json_array_get_object_element (array, 0), "id");

  return n;
}

guint
check_voices_json (const char  *text,
                   char       **first_id)
{
  g_autoptr(JsonNode) root = parse_json (text);
  JsonArray *array;
  guint n;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  array = json_node_get_array (root);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *voice = json_array_get_object_element (array, i);

      g_assert_nonnull (voice);
      g_assert_nonnull (json_object_get_string_member (voice, "name"));
      g_assert_nonnull (json_object_get_string_member (voice, "lang_id"));
      assert_string_or_null_member (voice, "audition_url");
      assert_string_or_null_member (voice, "language");
      assert_string_or_null_member (voice, "gender");
    }

  if (first_id != NULL && n > 0)
    *first_id = g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "lang_id"));

  return n;
}

void
check_project_json (JsonObject *object)
{
  static const char * const strings[] = {
    "id", "title", "status_desc", "video_url", "cover_url", "error",
  };
  JsonNode *duration;

  g_assert_nonnull (object);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    assert_string_or_null_member (object, strings[i]);
  g_assert_nonnull (json_object_get_string_member (object, "id"));
  assert_int_or_null_member (object, "status_code");
  assert_int_or_null_member (object, "created_at");
  duration = json_object_get_member (object, "video_duration");
  g_assert_nonnull (duration);
  g_assert_true (JSON_NODE_HOLDS_NULL (duration) ||
                 json_node_get_value_type (duration) == G_TYPE_DOUBLE ||
                 json_node_get_value_type (duration) == G_TYPE_INT64);
}

void
assert_video_with_sound (const char *path)
{
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  info = talkie_test_discover (uri, 30 * GST_SECOND);
  talkie_test_assert_video_with_sound (info);
}

void
external_ids (char **avatar_id,
              char **voice_id)
{
  g_autoptr(CliRun) avatars = run_cli_external ("avatars", "--json");
  g_autoptr(CliRun) voices = run_cli_external ("voices", "--json");
  gint64 id = -1;

  g_assert_cmpint (avatars->status, ==, 0);
  g_assert_cmpint (voices->status, ==, 0);
  check_avatars_json (avatars->out, &id);
  check_voices_json (voices->out, voice_id);
  g_assert_cmpint (id, >=, 0);
  g_assert_nonnull (*voice_id);
  *avatar_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

void
cli_test_init (int    *argc,
               char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *cli_env;

  g_test_init (argc, argv, NULL);
  gst_init (argc, argv);

  cli_env = g_getenv ("TALKIE_CLI");
  if (cli_env != NULL && cli_env[0] != '\0')
    cli_world.cli_path = g_strdup (cli_env);
  else
    cli_world.cli_path = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "talkie-cli", NULL);

  cli_world.workdir = talkie_test_make_tmp_dir ("talkie-test-cli-XXXXXX");
  cli_world.audio_path = g_build_filename (cli_world.workdir, "voice.wav", NULL);
  cli_world.text_path = g_build_filename (cli_world.workdir, "notes.mp3", NULL);
  /* About 2.3 s of tone, as WAV. */
  talkie_test_make_tone (cli_world.audio_path, 100, "wavenc");
  g_file_set_contents (cli_world.text_path,
                       "These are words on a page, not a recording.\n", -1, &error);
  g_assert_no_error (error);

  cli_world.sandbox = talkie_test_start_sandbox ("api-key", TEST_KEY,
                                                 "avatar-count", TEST_AVATAR_COUNT,
                                                 "step-ms", 20,
                                                 NULL);
}

int
cli_test_run (void)
{
  int status = g_test_run ();

  talkie_test_stop_sandbox (&cli_world.sandbox);
  talkie_test_remove_tree (cli_world.workdir);
  g_clear_pointer (&cli_world.audio_path, g_free);
  g_clear_pointer (&cli_world.text_path, g_free);
  g_clear_pointer (&cli_world.workdir, g_free);
  g_clear_pointer (&cli_world.cli_path, g_free);

  return status;
}
