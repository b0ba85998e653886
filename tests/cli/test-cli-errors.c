/* test-cli-errors.c: talkie-cli end to end, as a subprocess, against the sandbox: what goes wrong: unknown ids, a wrong key, bad files and a refusing server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <string.h>

#include "cli-test-util.h"

static void
test_external_errors (void)
{
  g_autofree char *voice = NULL;
  g_autofree char *avatar = NULL;

  external_ids (&avatar, &voice);

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
    g_autoptr(CliRun) run = run_cli_full ("wrong-key-c0ffee", talkie_sandbox_get_base_url (cli_world.sandbox),
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
                                              "--audio", cli_world.text_path, "--wait");

    g_assert_cmpint (run->status, ==, 1);
    g_assert_true (g_str_has_prefix (run->err, "talkie-cli: ") ||
                   strstr (run->err, "\ntalkie-cli: ") != NULL);
    g_assert_cmpstr (run->out, ==, "");
  }

  /* A file that does not exist. */
  {
    g_autofree char *missing = g_build_filename (cli_world.workdir, "missing.mp3", NULL);
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                                              "--audio", missing);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "talkie-cli: "));
    g_assert_cmpstr (run->out, ==, "");
  }

  /* An --output folder that does not exist: refused before any render is made. */
  {
    g_autofree char *output = g_build_filename (cli_world.workdir, "no-such-folder", "video.webm", NULL);
    guint renders = talkie_sandbox_get_hits (cli_world.sandbox, "/open/render/talking_avatar");
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                                              "--audio", cli_world.audio_path, "--output", output);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "no-such-folder"));
    g_assert_cmpuint (talkie_sandbox_get_hits (cli_world.sandbox, "/open/render/talking_avatar"), ==, renders);
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
                                              "--audio", cli_world.audio_path);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "987654321"));
  }
  {
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--voice", "no-such-voice",
                                              "--audio", cli_world.audio_path);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "no-such-voice"));
  }
  {
    /* A public avatar is not one of mine. */
    g_autoptr(CliRun) run = run_cli_external ("render", "--avatar", avatar, "--mine-avatar",
                                              "--voice", voice, "--audio", cli_world.audio_path);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "--mine"));
  }

  /* A server that refuses: HTTP 500 on the list. */
  {
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (cli_world.sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);
    run = run_cli_external ("voices");
    talkie_sandbox_clear_faults (cli_world.sandbox);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
  }
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/external/errors", test_external_errors);

  return cli_test_run ();
}
