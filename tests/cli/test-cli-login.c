/* test-cli-login.c: talkie-cli login and logout end to end, with the test
 * world's real keyring and this process's sandbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <string.h>

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

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/login/login-logout", test_login_logout);

  return cli_test_run ();
}
