/* test-cli-lists.c: talkie-cli end to end, as a subprocess, against the sandbox: the avatars and voices lists, and the key from the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <string.h>

#include "cli-test-util.h"

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

  hits_mine = talkie_sandbox_get_hits (cli_world.sandbox, "/open/avatar/user");
  mine = run_cli_external ("avatars", "--mine", "--json");
  g_assert_cmpint (mine->status, ==, 0);
  check_avatars_json (mine->out, NULL);
  g_assert_cmpuint (talkie_sandbox_get_hits (cli_world.sandbox, "/open/avatar/user"), ==, hits_mine + 1);

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

  /* Each voice says its gender: in the filtered lists and in the whole one. */
  {
    g_autoptr(JsonNode) all = parse_json (voices->out);
    g_autoptr(JsonNode) only_female = parse_json (female->out);
    JsonArray *array = json_node_get_array (only_female);
    guint n_tagged_female = 0;

    for (guint i = 0; i < json_array_get_length (array); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, i), "gender"),
                       ==, "female");

    array = json_node_get_array (all);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *voice = json_array_get_object_element (array, i);

        if (!json_object_get_null_member (voice, "gender") &&
            g_str_equal (json_object_get_string_member (voice, "gender"), "female"))
          n_tagged_female++;
      }
    g_assert_cmpuint (n_tagged_female, ==, json_array_get_length (json_node_get_array (only_female)));
  }
  n_male = check_voices_json (male->out, NULL);
  g_assert_cmpuint (n_female, >, 0);
  g_assert_cmpuint (n_male, >, 0);
  g_assert_cmpuint (n_female, <, n_voices);
  g_assert_cmpuint (n_female + n_male, <=, n_voices);

  hits_my_voices = talkie_sandbox_get_hits (cli_world.sandbox, "/open/timbre/user");
  my_voices = run_cli_external ("voices", "--mine", "--json");
  g_assert_cmpint (my_voices->status, ==, 0);
  check_voices_json (my_voices->out, NULL);
  g_assert_cmpuint (talkie_sandbox_get_hits (cli_world.sandbox, "/open/timbre/user"), ==, hits_my_voices + 1);
}

static void
test_key_from_keyring (void)
{
  const char *base_url = talkie_sandbox_get_base_url (cli_world.sandbox);
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
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/external/lists", test_external_lists);
  g_test_add_func ("/cli/external/key-from-keyring", test_key_from_keyring);

  return cli_test_run ();
}
