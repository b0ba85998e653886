/* test-cli-basics.c: talkie-cli end to end, as a subprocess, against the sandbox: help, usage errors, translations, the missing key and the embedded sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <string.h>

#include "cli-test-util.h"

static void
test_help_and_version (void)
{
  g_autoptr(CliRun) help = run_cli ("--help");
  g_autoptr(CliRun) render_help = run_cli ("render", "--help");
  g_autoptr(CliRun) status_help = run_cli ("status", "--help");
  g_autoptr(CliRun) version = run_cli ("--version");

  g_assert_cmpint (help->status, ==, 0);
  for (guint i = 0; i < 9; i++)
    {
      const char *command[] = { "avatars", "voices", "render", "status",
                                "renders", "download", "login", "logout", "record" };
      g_assert_nonnull (strstr (help->out, command[i]));
    }
  g_assert_nonnull (strstr (help->out, "--quiet"));
  g_assert_nonnull (strstr (help->out, "--sandbox"));
  g_assert_nonnull (strstr (help->out, "--base-url"));

  g_assert_cmpint (render_help->status, ==, 0);
  g_assert_nonnull (strstr (render_help->out, "talkie-cli [OPTION…] render"));
  for (guint i = 0; i < 10; i++)
    {
      const char *option[] = { "--avatar", "--mine-avatar", "--voice", "--audio", "--trim", "--aspect",
                               "--green-screen", "--subtitles", "--wait", "--output" };
      g_assert_nonnull (strstr (render_help->out, option[i]));
    }

  g_assert_cmpint (status_help->status, ==, 0);
  g_assert_nonnull (strstr (status_help->out, "PROJECT_ID"));
  g_assert_nonnull (strstr (status_help->out, "--json"));
  g_assert_nonnull (strstr (status_help->out, "--wait"));

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
  g_autofree char *output = g_build_filename (cli_world.workdir, "embedded.video", NULL);
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
                    "--audio", cli_world.audio_path, "--aspect", "1:1",
                    "--subtitles", "--green-screen", "--output", output);
  g_assert_cmpint (render->status, ==, 0);
  g_assert_nonnull (strstr (render->out, output));
  assert_video_with_sound (output);
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/help-and-version", test_help_and_version);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/translated", test_translated);
  g_test_add_func ("/cli/no-key", test_no_key);
  g_test_add_func ("/cli/embedded/lists", test_embedded_lists);
  g_test_add_func ("/cli/embedded/render", test_embedded_render);

  return cli_test_run ();
}
