/* test-cli-terminal.c: talkie-cli end to end against the sandbox, in pipes and
 * terminals: the video to stdout (-o -), the recording from stdin
 * (--audio -), --quiet, a dumb terminal, and the C locale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* posix_openpt() and its friends. */
#define _XOPEN_SOURCE 600

#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <glib-unix.h>

#include "cli-test-util.h"

static void
test_video_to_stdout (void)
{
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *saved = g_build_filename (cli_world.workdir, "from-stdout.video", NULL);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data;

  external_ids (&avatar, &voice);

  run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                          "--audio", cli_world.audio_path, "-o", "-");
  g_assert_cmpint (run->status, ==, 0);
  /* Progress on stderr, the video alone on stdout. */
  g_assert_nonnull (strstr (run->err, "%"));
  data = g_bytes_get_data (run->out_bytes, &size);
  g_assert_cmpuint (size, >, 1000);
  g_file_set_contents (saved, data, size, &error);
  g_assert_no_error (error);
  assert_video_with_sound (saved);

  /* -o - and --json would both be stdout. */
  {
    g_autoptr(CliRun) both = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                                               "--audio", cli_world.audio_path, "-o", "-", "--json");

    g_assert_cmpint (both->status, ==, 2);
    g_assert_cmpstr (both->out, ==, "");
  }
}

static void
test_audio_from_stdin (void)
{
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *wav = NULL;
  g_autofree char *output = g_build_filename (cli_world.workdir, "from-stdin.video", NULL);
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CliRun) run = NULL;
  gsize length = 0;
  guint uploads;
  CliRunOptions options = {
    .api_key = TEST_KEY,
    .base_url = talkie_sandbox_get_base_url (cli_world.sandbox),
  };

  external_ids (&avatar, &voice);
  g_file_get_contents (cli_world.audio_path, &wav, &length, &error);
  g_assert_no_error (error);
  options.input = input = g_bytes_new (wav, length);

  /* --quiet: nothing on stderr at all. */
  uploads = talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset");
  run = cli_run_options (&options, (const char * const []) {
                           "render", "--avatar", avatar, "--voice", voice, "--audio", "-",
                           "-o", output, "--quiet", NULL });
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpuint (talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset"), ==, uploads + 1);
  assert_video_with_sound (output);

  /* The spooled copy is gone (TMPDIR is the test world's). */
  {
    g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "talkie-cli-"));
  }

  /* An empty stdin is no recording. */
  {
    g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
    g_autoptr(CliRun) none = NULL;

    options.input = empty;
    none = cli_run_options (&options, (const char * const []) {
                              "render", "--avatar", avatar, "--voice", voice, "--audio", "-", NULL });
    g_assert_cmpint (none->status, ==, 1);
    assert_one_error_line (none);
    g_assert_nonnull (strstr (none->err, "stdin"));
  }
}

/* talkie-cli with its stderr on a terminal (a pty): what the terminal got. */
static char *
run_on_terminal (const char         *term,
                 const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  int master = posix_openpt (O_RDWR | O_NOCTTY);
  int slave;

  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);

  g_subprocess_launcher_setenv (launcher, "TERM", term, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_API_KEY", TEST_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_BASE_URL", talkie_sandbox_get_base_url (cli_world.sandbox), TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_POLL_INTERVAL_MS", TEST_POLL_MS, TRUE);
  g_subprocess_launcher_take_stderr_fd (launcher, slave);

  g_ptr_array_add (args, cli_world.cli_path);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  /* Our copy of the terminal's end goes: reading ends when talkie-cli's does. */
  g_clear_object (&launcher);

  /* Read as it comes (a full pty would stall the CLI), with this process's
   * sandbox answering in between. */
  g_unix_set_fd_nonblocking (master, TRUE, NULL);
  for (;;)
    {
      char buffer[4096];
      ssize_t n = read (master, buffer, sizeof buffer);

      if (n > 0)
        g_string_append_len (seen, buffer, n);
      else if (n < 0 && errno == EAGAIN)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (2000);
        }
      else
        break;  /* EIO: no one has the terminal open any more */
    }
  close (master);

  g_subprocess_wait_check (subprocess, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("terminal (TERM=%s) got: %s", term, seen->str);

  return g_string_free (g_steal_pointer (&seen), FALSE);
}

static void
test_dumb_terminal (void)
{
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *smart = NULL;
  g_autofree char *dumb = NULL;

  external_ids (&avatar, &voice);

  smart = run_on_terminal ("xterm-256color", (const char * const []) {
                             "render", "--avatar", avatar, "--voice", voice,
                             "--audio", cli_world.audio_path, "--wait", NULL });
  dumb = run_on_terminal ("dumb", (const char * const []) {
                            "render", "--avatar", avatar, "--voice", voice,
                            "--audio", cli_world.audio_path, "--wait", NULL });

  /* A terminal that can: lines redrawn in place. */
  g_assert_nonnull (strstr (smart, "\r\033[K"));
  /* A dumb one: carriage returns only, no escape sequence at all. */
  g_assert_nonnull (strstr (dumb, "\r"));
  g_assert_nonnull (strstr (dumb, "Rendering"));
  g_assert_null (strchr (dumb, '\033'));
}

static void
test_c_locale (void)
{
  const char * const env[] = { "LC_ALL", "C", NULL };
  g_autoptr(CliRun) run = run_cli_with (NULL, NULL, NULL, env, (const char * const []) { "dance", NULL });

  g_assert_cmpint (run->status, ==, 2);
  /* “dance” as "dance", not ?dance?. */
  g_assert_nonnull (strstr (run->err, "\"dance\""));
  g_assert_null (strchr (run->err, '?'));
  g_assert_true (g_str_is_ascii (run->err));
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/terminal/video-to-stdout", test_video_to_stdout);
  g_test_add_func ("/cli/terminal/audio-from-stdin", test_audio_from_stdin);
  g_test_add_func ("/cli/terminal/dumb-terminal", test_dumb_terminal);
  g_test_add_func ("/cli/terminal/c-locale", test_c_locale);

  return cli_test_run ();
}
