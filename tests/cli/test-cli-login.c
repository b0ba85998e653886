/* test-cli-login.c: talkie-cli login and logout end to end, with the test
 * world's real keyring and this process's sandbox.
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

#include <glib-unix.h>

#include "cli-test-util.h"

static CliRun *
run_with_input (const char         *input,
                const char * const *argv)
{
  g_autoptr(GBytes) bytes = g_bytes_new (input, strlen (input));
  CliRunOptions options = { .input = bytes };

  return cli_run_options (&options, argv);
}

static char *
stored_key (const char *base_url)
{
  g_autoptr(GError) error = NULL;
  char *key = talkie_secret_lookup_sync (base_url, NULL, &error);

  g_assert_no_error (error);
  return key;
}

static void
test_login_logout (void)
{
  const char *base_url = talkie_sandbox_get_base_url (cli_world.sandbox);
  g_autofree char *key = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run through tests/talkie-test-env for a keyring");
      return;
    }

  /* A wrong key is tried, refused and not stored. */
  {
    g_autoptr(CliRun) run = run_with_input ("wrong-key-b0b\n", (const char * const []) {
                                              "--base-url", base_url, "login", NULL });

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_null (strstr (run->err, "wrong-key-b0b"));
    key = stored_key (base_url);
    g_assert_null (key);
  }

  /* Nothing on stdin. */
  {
    g_autoptr(CliRun) run = run_with_input ("", (const char * const []) {
                                              "--base-url", base_url, "login", NULL });

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
  }

  /* The key from stdin, with the newline a pipe brings, is stored where
   * the app looks for it. */
  {
    g_autoptr(CliRun) run = run_with_input (TEST_KEY "\n", (const char * const []) {
                                              "--base-url", base_url, "login", NULL });

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->out, base_url));
    key = stored_key (base_url);
    g_assert_cmpstr (key, ==, TEST_KEY);
    g_clear_pointer (&key, g_free);
  }

  /* From now on no TALKIE_API_KEY is needed. */
  {
    g_autoptr(CliRun) run = run_cli ("--base-url", base_url, "avatars", "--json");

    g_assert_cmpint (run->status, ==, 0);
    g_assert_cmpuint (check_avatars_json (run->out, NULL), ==, TEST_AVATAR_COUNT);
  }

  /* logout: gone from the keyring, and the CLI has no key again. */
  {
    g_autoptr(CliRun) run = run_cli ("--base-url", base_url, "logout");
    g_autoptr(CliRun) after = NULL;

    g_assert_cmpint (run->status, ==, 0);
    key = stored_key (base_url);
    g_assert_null (key);

    after = run_cli ("--base-url", base_url, "avatars");
    g_assert_cmpint (after->status, ==, 1);
    assert_one_error_line (after);
    g_assert_nonnull (strstr (after->err, "TALKIE_API_KEY"));
  }

  /* The sandbox needs no key. */
  {
    g_autoptr(CliRun) run = run_cli ("--sandbox", "login");

    g_assert_cmpint (run->status, ==, 2);
  }
}

/* login on a terminal: a prompt, the key typed, and the key never shown. */
static void
test_login_prompt (void)
{
  const char *base_url = talkie_sandbox_get_base_url (cli_world.sandbox);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  gboolean typed = FALSE;
  int master, slave;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus: run through tests/talkie-test-env for a keyring");
      return;
    }

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);

  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "TALKIE_API_KEY");
  g_subprocess_launcher_take_stdin_fd (launcher, slave);
  g_subprocess_launcher_take_stderr_fd (launcher, dup (slave));
  subprocess = g_subprocess_launcher_spawn (launcher, &error, cli_world.cli_path,
                                            "--base-url", base_url, "login", NULL);
  g_assert_no_error (error);
  g_clear_object (&launcher);

  g_unix_set_fd_nonblocking (master, TRUE, NULL);
  for (;;)
    {
      char buffer[1024];
      ssize_t n = read (master, buffer, sizeof buffer);

      if (n > 0)
        g_string_append_len (seen, buffer, n);
      else if (n < 0 && errno == EAGAIN)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (2000);
        }
      else
        break;  /* EIO: talkie-cli has let go of the terminal */

      /* Typed once the prompt is there (and echo is off). */
      if (!typed && strstr (seen->str, ": ") != NULL)
        {
          g_assert_cmpint (write (master, TEST_KEY "\n", strlen (TEST_KEY) + 1), ==, strlen (TEST_KEY) + 1);
          typed = TRUE;
        }
    }
  close (master);

  g_subprocess_wait_check (subprocess, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("the terminal showed: %s", seen->str);

  g_assert_true (typed);
  g_assert_nonnull (strstr (seen->str, "API key for"));
  g_assert_null (strstr (seen->str, TEST_KEY));
  key = stored_key (base_url);
  g_assert_cmpstr (key, ==, TEST_KEY);

  /* Left as found. */
  {
    g_autoptr(CliRun) run = run_cli ("--base-url", base_url, "logout");
    g_assert_cmpint (run->status, ==, 0);
  }
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/login/login-logout", test_login_logout);
  g_test_add_func ("/cli/login/prompt", test_login_prompt);

  return cli_test_run ();
}
