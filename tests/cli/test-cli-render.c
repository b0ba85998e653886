/* test-cli-render.c: talkie-cli end to end, as a subprocess, against the sandbox: renders, from a file and from a URL, and the render faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <string.h>

#include "cli-test-util.h"

static void
test_external_render (void)
{
  g_autofree char *output = g_build_filename (cli_world.workdir, "external.video", NULL);
  g_autofree char *voice = NULL;
  g_autofree char *avatar = NULL;
  g_autoptr(CliRun) render = NULL;
  g_autoptr(CliRun) quick = NULL;
  g_autoptr(CliRun) status = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) project = NULL;
  g_autofree char *project_id = NULL;
  JsonObject *object;
  guint uploads;

  external_ids (&avatar, &voice);

  /* --wait --output --json: the video lands, the JSON says so. */
  uploads = talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset");
  render = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                             "--audio", cli_world.audio_path, "--output", output, "--json");
  g_assert_cmpint (render->status, ==, 0);
  g_assert_cmpuint (talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset"), ==, uploads + 1);
  result = parse_json (render->out);
  object = json_node_get_object (result);
  check_project_json (object);
  g_assert_cmpint (json_object_get_int_member (object, "status_code"), ==, TALKIE_PROJECT_STATUS_SUCCESS);
  g_assert_nonnull (json_object_get_string_member (object, "video_url"));
  g_assert_cmpstr (json_object_get_string_member (object, "output"), ==, output);
  /* Progress went to stderr, not into the JSON. */
  g_assert_nonnull (strstr (render->err, "%"));
  assert_video_with_sound (output);

  /* Without --wait: the project id alone, at once. */
  quick = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                            "--audio", cli_world.audio_path, "--aspect", "9:16");
  g_assert_cmpint (quick->status, ==, 0);
  g_assert_cmpuint (count_lines (quick->out), ==, 1);
  project_id = g_strstrip (g_strdup (quick->out));
  g_assert_cmpstr (project_id, !=, "");

  /* status --json: the contract's fields, for that id. */
  status = run_cli_external ("status", project_id, "--json");
  g_assert_cmpint (status->status, ==, 0);
  project = parse_json (status->out);
  object = json_node_get_object (project);
  check_project_json (object);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, project_id);

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
                            "--audio", cli_world.audio_path, "--json");
    g_assert_cmpint (run->status, ==, 0);
    {
      g_autoptr(JsonNode) node = parse_json (run->out);

      check_project_json (json_node_get_object (node));
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

  uploads = talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset");
  run = run_cli_external ("render", "--avatar", avatar, "--voice", voice, "--aspect", "16:9",
                          "--audio", audition, "--wait", "--json");
  g_assert_cmpint (run->status, ==, 0);
  /* A URL is handed to the service as it is: nothing uploaded. */
  g_assert_cmpuint (talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset"), ==, uploads);
  result = parse_json (run->out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), "status_code"),
                   ==, TALKIE_PROJECT_STATUS_SUCCESS);
  check_project_json (json_node_get_object (result));
  g_assert_true (json_object_get_null_member (json_node_get_object (result), "output"));
}

static void
test_external_render_faults (void)
{
  g_autofree char *voice = NULL;
  g_autofree char *avatar = NULL;

  external_ids (&avatar, &voice);

  /* The render ends in status 5. */
  {
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (cli_world.sandbox, "/open/render/talking_avatar",
                              TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 0);
    run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                            "--audio", cli_world.audio_path, "--wait");
    talkie_sandbox_clear_faults (cli_world.sandbox);

    g_assert_cmpint (run->status, ==, 1);
    g_assert_cmpstr (run->out, ==, "");
    g_assert_nonnull (strstr (run->err, "\ntalkie-cli: "));
  }

  /* No credit left. */
  {
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (cli_world.sandbox, "/open/render/talking_avatar",
                              TALKIE_SANDBOX_FAULT_API_CODE, TALKIE_API_ERROR_INSUFFICIENT_CREDIT, 0);
    run = run_cli_external ("render", "--avatar", avatar, "--voice", voice,
                            "--audio", cli_world.audio_path);
    talkie_sandbox_clear_faults (cli_world.sandbox);

    g_assert_cmpint (run->status, ==, 1);
    assert_one_error_line (run);
    g_assert_nonnull (strstr (run->err, "credit"));
  }

  /* Ctrl+C while the render is followed: exit 130, nothing on stdout. */
  {
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (cli_world.sandbox, "/v1/project", TALKIE_SANDBOX_FAULT_DELAY, 60000, 0);
    run = run_cli_with (TEST_KEY, talkie_sandbox_get_base_url (cli_world.sandbox), "/v1/project", NULL,
                               (const char * const []) { "render", "--avatar", avatar, "--voice", voice,
                                                         "--audio", cli_world.audio_path, "--wait", NULL });
    talkie_sandbox_clear_faults (cli_world.sandbox);

    g_assert_cmpint (run->status, ==, 130);
    g_assert_cmpstr (run->out, ==, "");
  }
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/external/render", test_external_render);
  g_test_add_func ("/cli/external/render-url", test_external_render_url);
  g_test_add_func ("/cli/external/render-faults", test_external_render_faults);

  return cli_test_run ();
}
