/* test-cli.c: talkie-cli end to end, as a subprocess, against the sandbox.
 *
 * Two ways: the CLI's own embedded sandbox (--sandbox), and a TalkieSandbox
 * started here, reached with --base-url and TALKIE_API_KEY (or the keyring).
 * The test's main loop runs while the CLI does, so that this process's
 * sandbox can answer it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <json-glib/json-glib.h>

#include "talkie-core.h"
#include "talkie-sandbox.h"

#include "talkie-test-client-utils.h"

#define TEST_KEY          "test-cli-key-5f1e"
#define TEST_AVATAR_COUNT 7
#define TEST_STEP_MS      "20"
#define TEST_POLL_MS      "40"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_free (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

typedef struct
{
  GMainLoop *loop;
  char      *out;
  char      *err;
  GError    *error;
  gboolean   done;
} Communication;

/* Shared by every test: a work dir with a recording and a text file, and the
 * sandbox of this process. Set up once in main(). */
typedef struct
{
  char          *cli_path;
  char          *workdir;
  char          *audio_path;
  char          *text_path;
  TalkieSandbox *sandbox;
} TestWorld;

static TestWorld world;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Communication *comm = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        &comm->out, &comm->err, &comm->error);
  comm->done = TRUE;
  g_main_loop_quit (comm->loop);
}

/* Runs talkie-cli with @argv (NULL-terminated, without the program). The
 * environment has no TALKIE_API_KEY / TALKIE_BASE_URL unless @api_key / @base_url.
 * With @interrupt_at, the CLI gets SIGINT as soon as a request for that path
 * reaches this process's sandbox. */
static CliRun *
run_cli_with (const char         *api_key,
              const char         *base_url,
              const char         *interrupt_at,
              const char * const *extra_env,
              const char * const *argv)
{
  guint hits = interrupt_at != NULL ? talkie_sandbox_get_hits (world.sandbox, interrupt_at) : 0;
  gboolean interrupted = FALSE;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Communication comm = { 0 };
  CliRun *run;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "TALKIE_API_KEY");
  g_subprocess_launcher_unsetenv (launcher, "TALKIE_BASE_URL");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_SANDBOX_STEP_MS", TEST_STEP_MS, TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_POLL_INTERVAL_MS", TEST_POLL_MS, TRUE);
  if (api_key != NULL)
    g_subprocess_launcher_setenv (launcher, "TALKIE_API_KEY", api_key, TRUE);
  if (base_url != NULL)
    g_subprocess_launcher_setenv (launcher, "TALKIE_BASE_URL", base_url, TRUE);
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, extra_env[i], extra_env[i + 1], TRUE);

  g_ptr_array_add (args, world.cli_path);
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
  g_subprocess_communicate_utf8_async (subprocess, NULL, NULL, communicated_cb, &comm);
  if (interrupt_at == NULL)
    {
      while (!comm.done)
        g_main_loop_run (comm.loop);
    }
  else
    {
      while (!comm.done)
        {
          g_main_context_iteration (NULL, TRUE);
          if (!interrupted && talkie_sandbox_get_hits (world.sandbox, interrupt_at) > hits)
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
  run->out = comm.out != NULL ? comm.out : g_strdup ("");
  run->err = comm.err != NULL ? comm.err : g_strdup ("");

  g_test_message ("exit %d\nstdout:\n%s\nstderr:\n%s", run->status, run->out, run->err);

  /* Whatever happened, the key is never shown. */
  g_assert_null (strstr (run->out, TEST_KEY));
  g_assert_null (strstr (run->err, TEST_KEY));

  return run;
}

static CliRun *
run_cli_full (const char         *api_key,
              const char         *base_url,
              const char * const *argv)
{
  return run_cli_with (api_key, base_url, NULL, NULL, argv);
}

#define run_cli(...) run_cli_full (NULL, NULL, (const char * const []) { __VA_ARGS__, NULL })
#define run_cli_external(...) \
  run_cli_full (TEST_KEY, talkie_sandbox_get_base_url (world.sandbox), \
                (const char * const []) { __VA_ARGS__, NULL })

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

/* The one stderr line an error gives: "talkie-cli: ...". */
static void
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

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json_parser_get_root (parser));

  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_string_or_null_member (JsonObject *object,
                              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_NULL (node) ||
                 json_node_get_value_type (node) == G_TYPE_STRING);
}

/* Checks an avatars array and gives its length and first id. */
static guint
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

static guint
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
    }

  if (first_id != NULL && n > 0)
    *first_id = g_strdup (json_object_get_string_member (json_array_get_object_element (array, 0), "lang_id"));

  return n;
}

static void
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

/* ------------------------------------------------------------------------- */

static void
test_help_and_version (void)
{
  g_autoptr(CliRun) help = run_cli ("--help");
  g_autoptr(CliRun) render_help = run_cli ("render", "--help");
  g_autoptr(CliRun) status_help = run_cli ("status", "--help");
  g_autoptr(CliRun) version = run_cli ("--version");

  g_assert_cmpint (help->status, ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      const char *command[] = { "avatars", "voices", "render", "status" };
      g_assert_nonnull (strstr (help->out, command[i]));
    }
  g_assert_nonnull (strstr (help->out, "--sandbox"));
  g_assert_nonnull (strstr (help->out, "--base-url"));

  g_assert_cmpint (render_help->status, ==, 0);
  g_assert_nonnull (strstr (render_help->out, "talkie-cli [OPTION…] render"));
  for (guint i = 0; i < 9; i++)
    {
      const char *option[] = { "--avatar", "--mine-avatar", "--voice", "--audio", "--aspect",
                               "--green-screen", "--subtitles", "--wait", "--output" };
      g_assert_nonnull (strstr (render_help->out, option[i]));
    }

  g_assert_cmpint (status_help->status, ==, 0);
  g_assert_nonnull (strstr (status_help->out, "PROJECT_ID"));
  g_assert_nonnull (strstr (status_help->out, "--json"));

  g_assert_cmpint (version->status, ==, 0);
  g_assert_cmpstr (version->out, ==, "talkie-cli " PACKAGE_VERSION "\n");
}

static void
test_usage_errors (void)
{
  const char * const cases[][8] = {
    { "avatars", "--aspect", "4:3", NULL },
    { "render", "--avatar", "1", "--voice", "v", "--audio", "x.mp3", "--aspect" },
    { NULL },
    { "dance", NULL },
    { "avatars", "--no-such-option", NULL },
    { "voices", "--gender", "robot", NULL },
    { "status", NULL },
    { "status", "a", "b", NULL },
    { "render", "--voice", "v", "--audio", "x.mp3", NULL },
    { "render", "--avatar", "eighty-one", "--voice", "v", "--audio", "x.mp3", NULL },
    { "--sandbox", "--base-url", "http://127.0.0.1:1", "avatars", NULL },
  };

  /* A bad aspect on render, all else given: the value is named. */
  {
    g_autoptr(CliRun) run = run_cli ("render", "--avatar", "1", "--voice", "v",
                                     "--audio", "x.mp3", "--aspect", "2:1");

    g_assert_cmpint (run->status, ==, 2);
    g_assert_nonnull (strstr (run->err, "2:1"));
    g_assert_nonnull (strstr (run->err, "--help"));
    g_assert_cmpstr (run->out, ==, "");
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliRun) run = NULL;
      const char *args[G_N_ELEMENTS (cases[0]) + 1] = { NULL };

      /* A row may fill all its slots: always end it. */
      memcpy (args, cases[i], sizeof cases[i]);
      run = run_cli_full (NULL, NULL, args);
      g_assert_cmpint (run->status, ==, 2);
      g_assert_true (g_str_has_prefix (run->err, "talkie-cli: "));
      g_assert_nonnull (strstr (run->err, "--help"));
      g_assert_cmpstr (run->out, ==, "");
    }
}

static void
test_translated (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  const char * const env[] = { "LANGUAGE", "de", "TALKIE_LOCALEDIR", localedir, NULL };
  g_autoptr(CliRun) english = NULL;
  g_autoptr(CliRun) german = NULL;

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("No German catalogue in the build");
      return;
    }

  /* TALKIE_LOCALEDIR points an uninstalled build at its catalogues. */
  english = run_cli ("--help");
  german = run_cli_with (NULL, NULL, NULL, env, (const char * const []) { "--help", NULL });
  g_assert_cmpint (german->status, ==, 0);
  g_assert_nonnull (strstr (german->out, "avatars"));
  g_assert_cmpstr (german->out, !=, english->out);
}

static void
test_no_key (void)
{
  /* Nothing in the environment, nothing in the keyring for this server. */
  g_autoptr(CliRun) run = run_cli ("--base-url", "http://127.0.0.1:9", "voices");

  g_assert_cmpint (run->status, ==, 1);
  assert_one_error_line (run);
  g_assert_nonnull (strstr (run->err, "TALKIE_API_KEY"));
  g_assert_nonnull (strstr (run->err, "--sandbox"));
  g_assert_cmpstr (run->out, ==, "");
}

static void
test_embedded_lists (void)
{
  g_autoptr(CliRun) json = run_cli ("--sandbox", "avatars", "--json");
  g_autoptr(CliRun) table = run_cli ("avatars", "--sandbox", "--aspect", "16:9");
  g_autoptr(CliRun) voices = run_cli ("--sandbox", "voices", "--json");
  guint n_avatars, n_voices;

  g_assert_cmpint (json->status, ==, 0);
  n_avatars = check_avatars_json (json->out, NULL);
  g_assert_cmpuint (n_avatars, ==, 48);  /* the sandbox's default per aspect ratio */

  g_assert_cmpint (table->status, ==, 0);
  g_assert_true (g_str_has_prefix (table->out, "ID"));
  g_assert_nonnull (strstr (table->out, "NAME"));
  g_assert_cmpuint (count_lines (table->out), ==, 48 + 1);

  g_assert_cmpint (voices->status, ==, 0);
  n_voices = check_voices_json (voices->out, NULL);
  g_assert_cmpuint (n_voices, >, 0);
}

static void
test_embedded_render (void)
{
  g_autoptr(CliRun) avatars = run_cli ("--sandbox", "avatars", "--json", "--aspect", "1:1");
  g_autoptr(CliRun) voices = run_cli ("--sandbox", "voices", "--json");
  g_autoptr(CliRun) render = NULL;
  g_autofree char *output = g_build_filename (world.workdir, "embedded.video", NULL);
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  gint64 avatar_id = -1;

  g_assert_cmpint (avatars->status, ==, 0);
  g_assert_cmpint (voices->status, ==, 0);
  check_avatars_json (avatars->out, &avatar_id);
  check_voices_json (voices->out, &voice);
  g_assert_cmpint (avatar_id, >=, 0);
  g_assert_nonnull (voice);
  avatar = g_strdup_printf ("%" G_GINT64_FORMAT, avatar_id);

  render = run_cli ("--sandbox", "render", "--avatar", avatar, "--voice", voice,
                    "--audio", world.audio_path, "--aspect", "1:1",
                    "--subtitles", "--green-screen", "--output", output);
  g_assert_cmpint (render->status, ==, 0);
  g_assert_nonnull (strstr (render->out, output));
  assert_video_with_sound (output);
}

static void
test_external_lists (void)
{
  g_autoptr(CliRun) json = NULL;
  g_autoptr(CliRun) table = NULL;
  g_autoptr(CliRun) mine = NULL;
  g_autoptr(CliRun) voices = NULL;
  g_autoptr(CliRun) voices_table = NULL;
  g_autoptr(CliRun) female = NULL;
  g_autoptr(CliRun) male = NULL;
  g_autoptr(CliRun) my_voices = NULL;
  g_autoptr(JsonNode) first = NULL;
  guint hits_mine, hits_my_voices;
  guint n_voices, n_female, n_male;

  json = run_cli_external ("avatars", "--json");
  g_assert_cmpint (json->status, ==, 0);
  g_assert_cmpuint (check_avatars_json (json->out, NULL), ==, TEST_AVATAR_COUNT);

  /* The table shows the same avatars, names included. */
  table = run_cli_external ("avatars");
  g_assert_cmpint (table->status, ==, 0);
  g_assert_cmpuint (count_lines (table->out), ==, TEST_AVATAR_COUNT + 1);
  first = parse_json (json->out);
  {
    JsonObject *avatar = json_array_get_object_element (json_node_get_array (first), 0);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (avatar, "id"));

    g_assert_nonnull (strstr (table->out, json_object_get_string_member (avatar, "name")));
    g_assert_nonnull (strstr (table->out, id));
  }

  hits_mine = talkie_sandbox_get_hits (world.sandbox, "/open/avatar/user");
  mine = run_cli_external ("avatars", "--mine", "--json");
  g_assert_cmpint (mine->status, ==, 0);
  check_avatars_json (mine->out, NULL);
  g_assert_cmpuint (talkie_sandbox_get_hits (world.sandbox, "/open/avatar/user"), ==, hits_mine + 1);

  voices = run_cli_external ("voices", "--json");
  g_assert_cmpint (voices->status, ==, 0);
  n_voices = check_voices_json (voices->out, NULL);
  g_assert_cmpuint (n_voices, >, 0);

  voices_table = run_cli_external ("voices");
  g_assert_cmpint (voices_table->status, ==, 0);
  g_assert_true (g_str_has_prefix (voices_table->out, "ID"));
  g_assert_cmpuint (count_lines (voices_table->out), ==, n_voices + 1);

  female = run_cli_external ("voices", "--gender", "female", "--json");
  male = run_cli_external ("voices", "--gender", "male", "--json");
  g_assert_cmpint (female->status, ==, 0);
  g_assert_cmpint (male->status, ==, 0);
  n_female = check_voices_json (female->out, NULL);
  n_male = check_voices_json (male->out, NULL);
  g_assert_cmpuint (n_female, >, 0);
  g_assert_cmpuint (n_male, >, 0);
  g_assert_cmpuint (n_female, <, n_voices);
  g_assert_cmpuint (n_female + n_male, <=, n_voices);

  hits_my_voices = talkie_sandbox_get_hits (world.sandbox, "/open/timbre/user");
  my_voices = run_cli_external ("voices", "--mine", "--json");
  g_assert_cmpint (my_voices->status, ==, 0);
  check_voices_json (my_voices->out, NULL);
  g_assert_cmpuint (talkie_sandbox_get_hits (world.sandbox, "/open/timbre/user"), ==, hits_my_voices + 1);
}

static void
external_ids (gint64   *avatar_id,
              char    **voice_id)
{
  g_autoptr(CliRun) avatars = run_cli_external ("avatars", "--json");
  g_autoptr(CliRun) voices = run_cli_external ("voices", "--json");

  g_assert_cmpint (avatars->status, ==, 0);
  g_assert_cmpint (voices->status, ==, 0);
  check_avatars_json (avatars->out, avatar_id);
  check_voices_json (voices->out, voice_id);
  g_assert_nonnull (*voice_id);
}

static void
test_external_render (void)
{
  g_autofree char *output = g_build_filename (world.workdir, "external.video", NULL);
  g_autofree char *voice = NULL;
  g_autofree char *avatar = NULL;
  g_autoptr(CliRun) render = NULL;
  g_autoptr(CliRun) quick = NULL;
  g_autoptr(CliRun) status = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) project = NULL;
  g_autofree char *project_id = NULL;
  JsonObject *object;
  gint64 avatar_id = -1;
  guint uploads;

  external_ids (&avatar_id, &voice);
  avatar = g_strdup_printf ("%" G_GINT64_FORMAT, avatar_id);

  /* --wait --output --json: the video lands, the JSON says so. */
  uploads = talkie_sandbox_get_hits (world.sandbox, "/v1/upload/asset");
  render = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                             "--audio", world.audio_path, "--output", output, "--json");
  g_assert_cmpint (render->status, ==, 0);
  g_assert_cmpuint (talkie_sandbox_get_hits (world.sandbox, "/v1/upload/asset"), ==, uploads + 1);
  result = parse_json (render->out);
  object = json_node_get_object (result);
  g_assert_nonnull (json_object_get_string_member (object, "prj_id"));
  g_assert_cmpint (json_object_get_int_member (object, "status_code"), ==, TALKIE_PROJECT_STATUS_SUCCESS);
  g_assert_nonnull (json_object_get_string_member (object, "video_url"));
  g_assert_cmpstr (json_object_get_string_member (object, "output"), ==, output);
  /* Progress went to stderr, not into the JSON. */
  g_assert_nonnull (strstr (render->err, "%"));
  assert_video_with_sound (output);

  /* Without --wait: the project id alone, at once. */
  quick = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                            "--audio", world.audio_path, "--aspect", "9:16");
  g_assert_cmpint (quick->status, ==, 0);
  g_assert_cmpuint (count_lines (quick->out), ==, 1);
  project_id = g_strstrip (g_strdup (quick->out));
  g_assert_cmpstr (project_id, !=, "");

  /* status --json: the contract's fields, for that id. */
  status = run_cli_external ("status", project_id, "--json");
  g_assert_cmpint (status->status, ==, 0);
  project = parse_json (status->out);
  object = json_node_get_object (project);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, project_id);
  g_assert_true (json_object_has_member (object, "status_code"));
  g_assert_true (json_object_has_member (object, "status_desc"));
  g_assert_true (json_object_has_member (object, "video_url"));
  g_assert_true (json_object_has_member (object, "created_at"));

  /* One of my own avatars: found in "mine", so rendered with person_source 1
   * (the sandbox refuses a render whose person_source does not match). */
  {
    g_autoptr(CliRun) mine = run_cli_external ("avatars", "--mine", "--json");
    g_autoptr(CliRun) run = NULL;
    g_autofree char *mine_avatar = NULL;
    gint64 mine_id = -1;

    g_assert_cmpint (mine->status, ==, 0);
    g_assert_cmpuint (check_avatars_json (mine->out, &mine_id), >, 0);
    mine_avatar = g_strdup_printf ("%" G_GINT64_FORMAT, mine_id);

    run = run_cli_external ("render", "--avatar", mine_avatar, "--mine-avatar", "--voice", voice,
                            "--audio", world.audio_path, "--json");
    g_assert_cmpint (run->status, ==, 0);
    {
      g_autoptr(JsonNode) node = parse_json (run->out);

      g_assert_nonnull (json_object_get_string_member (json_node_get_object (node), "prj_id"));
    }
  }

  /* And as a table. */
  {
    g_autoptr(CliRun) table = run_cli_external ("status", project_id);

    g_assert_cmpint (table->status, ==, 0);
    g_assert_nonnull (strstr (table->out, project_id));
  }
}

static void
test_external_errors (void)
{
  g_autofree char *voice = NULL;
  g_autofree char *avatar = NULL;
  gint64 avatar_id = -1;

  external_ids (&avatar_id, &voice);
  avatar = g_strdup_printf ("%" G_GINT64_FORMAT, avatar_id);

  /* An unknown project. */
  {
    g_autoptr(CliRun) run = run_cli_external ("status", "no-such-project-4242");

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "no-such-project-4242"));
    g_assert_cmpstr (run->out, ==, "");
  }

  /* A wrong key: one line about the key, and the key itself never shown. */
  {
    g_autoptr(CliRun) run = run_cli_full ("wrong-key-c0ffee", talkie_sandbox_get_base_url (world.sandbox),
                                          (const char * const []) { "avatars", NULL });

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "key"));
    g_assert_null (strstr (run->err, "wrong-key-c0ffee"));
    g_assert_null (strstr (run->out, "wrong-key-c0ffee"));
  }

  /* A file that is not audio. */
  {
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                                              "--audio", world.text_path, "--wait");

    g_assert_cmpint (run->status, ==, 1);
    g_assert_true (g_str_has_prefix (run->err, "talkie-cli: ") ||
                   strstr (run->err, "\ntalkie-cli: ") != NULL);
    g_assert_cmpstr (run->out, ==, "");
  }

  /* A file that does not exist. */
  {
    g_autofree char *missing = g_build_filename (world.workdir, "missing.mp3", NULL);
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                                              "--audio", missing);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "talkie-cli: "));
    g_assert_cmpstr (run->out, ==, "");
  }

  /* An --output folder that does not exist: refused before any render is made. */
  {
    g_autofree char *output = g_build_filename (world.workdir, "no-such-folder", "video.webm", NULL);
    guint renders = talkie_sandbox_get_hits (world.sandbox, "/open/render/talking_avatar");
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                                              "--audio", world.audio_path, "--output", output);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "no-such-folder"));
    g_assert_cmpuint (talkie_sandbox_get_hits (world.sandbox, "/open/render/talking_avatar"), ==, renders);
  }

  /* An address that is not http(s). */
  {
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                                              "--audio", "ftp://example.org/voice.mp3");

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "ftp://example.org/voice.mp3"));
  }

  /* Unknown avatar and voice ids. */
  {
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", "987654321", "--voice", voice,
                                              "--audio", world.audio_path);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "987654321"));
  }
  {
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", "no-such-voice",
                                              "--audio", world.audio_path);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "no-such-voice"));
  }
  {
    /* A public avatar is not one of mine. */
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--mine-avatar",
                                              "--voice", voice, "--audio", world.audio_path);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "--mine"));
  }

  /* A server that refuses: HTTP 500 on the list. */
  {
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (world.sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);
    run = run_cli_external ("voices");
    talkie_sandbox_clear_faults (world.sandbox);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
  }
}

static void
test_external_render_url (void)
{
  g_autoptr(CliRun) voices = run_cli_external ("voices", "--json");
  g_autoptr(CliRun) avatars = run_cli_external ("avatars", "--json", "--aspect", "16:9");
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *avatar = NULL;
  const char *audition = NULL;
  const char *voice;
  JsonArray *array;
  gint64 avatar_id = -1;
  guint uploads;

  g_assert_cmpint (voices->status, ==, 0);
  g_assert_cmpint (avatars->status, ==, 0);
  check_avatars_json (avatars->out, &avatar_id);
  avatar = g_strdup_printf ("%" G_GINT64_FORMAT, avatar_id);

  /* A voice's audition is a recording the sandbox serves over http: speak it. */
  list = parse_json (voices->out);
  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array) && audition == NULL; i++)
    audition = json_object_get_string_member_with_default (json_array_get_object_element (array, i),
                                                           "audition_url", NULL);
  g_assert_nonnull (audition);
  voice = json_object_get_string_member (json_array_get_object_element (array, 0), "lang_id");

  uploads = talkie_sandbox_get_hits (world.sandbox, "/v1/upload/asset");
  run = run_cli_external ("render", "--avatar", avatar, "--voice", voice, "--aspect", "16:9",
                          "--audio", audition, "--wait", "--json");
  g_assert_cmpint (run->status, ==, 0);
  /* A URL is handed to the service as it is: nothing uploaded. */
  g_assert_cmpuint (talkie_sandbox_get_hits (world.sandbox, "/v1/upload/asset"), ==, uploads);
  result = parse_json (run->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), "status_code"),
                   ==, TALKIE_PROJECT_STATUS_SUCCESS);
  g_assert_false (json_object_has_member (json_node_get_object (result), "output"));
}

static void
test_external_render_faults (void)
{
  g_autofree char *voice = NULL;
  g_autofree char *avatar = NULL;
  gint64 avatar_id = -1;

  external_ids (&avatar_id, &voice);
  avatar = g_strdup_printf ("%" G_GINT64_FORMAT, avatar_id);

  /* The render ends in status 5. */
  {
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (world.sandbox, "/open/render/talking_avatar",
                              TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 0);
    run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                            "--audio", world.audio_path, "--wait");
    talkie_sandbox_clear_faults (world.sandbox);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_cmpstr (run->out, ==, "");
    g_assert_nonnull (strstr (run->err, "\ntalkie-cli: "));
  }

  /* No credit left. */
  {
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (world.sandbox, "/open/render/talking_avatar",
                              TALKIE_SANDBOX_FAULT_API_CODE, TALKIE_API_ERROR_INSUFFICIENT_CREDIT, 0);
    run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                            "--audio", world.audio_path);
    talkie_sandbox_clear_faults (world.sandbox);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "credit"));
  }

  /* Ctrl+C while the render is followed: exit 130, nothing on stdout. */
  {
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (world.sandbox, "/v1/project", TALKIE_SANDBOX_FAULT_DELAY, 60000, 0);
    run = run_cli_with (TEST_KEY, talkie_sandbox_get_base_url (world.sandbox), "/v1/project", NULL,
                               (const char * const []) { "render", "--avatar", avatar, "--voice", voice,
                                                         "--audio", world.audio_path, "--wait", NULL });
    talkie_sandbox_clear_faults (world.sandbox);

    g_assert_cmpint (run->status, ==, 130);
    g_assert_cmpstr (run->out, ==, "");
  }
}

static void
test_key_from_keyring (void)
{
  const char *base_url = talkie_sandbox_get_base_url (world.sandbox);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run through tests/talkie-test-env for a keyring");
      return;
    }

  talkie_secret_store_async (base_url, TEST_KEY, NULL, talkie_test_result_cb, &result);
  talkie_secret_store_finish (talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  /* No TALKIE_API_KEY: the CLI reads the keyring. */
  run = run_cli ("--base-url", base_url, "avatars", "--json");
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpuint (check_avatars_json (run->out, NULL), ==, TEST_AVATAR_COUNT);
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *cli_env;
  int status;

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  cli_env = g_getenv ("TALKIE_CLI");
  if (cli_env != NULL && cli_env[0] != '\0')
    world.cli_path = g_strdup (cli_env);
  else
    world.cli_path = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "talkie-cli", NULL);

  world.workdir = talkie_test_make_tmp_dir ("talkie-test-cli-XXXXXX");
  world.audio_path = g_build_filename (world.workdir, "voice.wav", NULL);
  world.text_path = g_build_filename (world.workdir, "notes.mp3", NULL);
  /* About 2.3 s of tone, as WAV. */
  talkie_test_make_tone (world.audio_path, 100, "wavenc");
  g_file_set_contents (world.text_path,
                       "These are words on a page, not a recording.\n", -1, &error);
  g_assert_no_error (error);

  world.sandbox = talkie_test_start_sandbox ("api-key", TEST_KEY,
                                             "avatar-count", TEST_AVATAR_COUNT,
                                             "step-ms", 20,
                                             NULL);

  g_test_add_func ("/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/translated", test_translated);
  g_test_add_func ("/cli/no-key", test_no_key);
  g_test_add_func ("/cli/embedded/lists", test_embedded_lists);
  g_test_add_func ("/cli/embedded/render", test_embedded_render);
  g_test_add_func ("/cli/external/lists", test_external_lists);
  g_test_add_func ("/cli/external/render", test_external_render);
  g_test_add_func ("/cli/external/errors", test_external_errors);
  g_test_add_func ("/cli/external/render-url", test_external_render_url);
  g_test_add_func ("/cli/external/render-faults", test_external_render_faults);
  g_test_add_func ("/cli/external/key-from-keyring", test_key_from_keyring);

  status = g_test_run ();

  talkie_test_stop_sandbox (&world.sandbox);
  talkie_test_remove_tree (world.workdir);
  g_free (world.audio_path);
  g_free (world.text_path);
  g_free (world.workdir);
  g_free (world.cli_path);

  return status;
}
