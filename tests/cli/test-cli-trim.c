/* test-cli-trim.c: talkie-cli end to end, as a subprocess, against the
 * sandbox: “render --trim” sends the trimmed take and its length, leaves no
 * temporary file behind (done, failed or interrupted), and refuses ranges it
 * cannot cut.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test-cli"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gst/pbutils/pbutils.h>

#include "cli-test-util.h"

/* About 3 s of tone (130 buffers of 1024 samples at 44.1 kHz). */
#define TAKE_BUFFERS 130

static char *take_path;

/* A fresh TMPDIR for one run, so that whatever it leaves there is seen. */
static char *
make_run_tmpdir (const char *name)
{
  char *path = g_build_filename (cli_world.workdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
assert_dir_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  if ((name = g_dir_read_name (dir)) != NULL)
    g_error ("%s still holds %s", path, name);
}

/* The history entry of @project_id, as the app will read it. */
static JsonObject *
history_job (JsonNode   *root,
             const char *project_id)
{
  JsonArray *jobs = json_object_get_array_member (json_node_get_object (root), "jobs");

  for (guint i = 0; i < json_array_get_length (jobs); i++)
    {
      JsonObject *job = json_array_get_object_element (jobs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (job, "project_id", NULL), project_id) == 0)
        return job;
    }

  return NULL;
}

static double
discover_seconds (const char *uri)
{
  g_autoptr(GstDiscovererInfo) info = talkie_test_discover (uri, 30 * GST_SECOND);

  return (double) gst_discoverer_info_get_duration (info) / GST_SECOND;
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The length of what the sandbox serves at @url, measured as the app
 * measures a recording, with the loop running: the sandbox serves on it. */
static double
probe_served_seconds (const char *url)
{
  g_autoptr(TalkieAudioSource) source = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  source = talkie_audio_source_new_for_uri (url, &error);
  g_assert_no_error (error);
  talkie_audio_source_probe_async (source, NULL, probed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (talkie_audio_source_probe_finish (source, result, &error));
  g_assert_no_error (error);

  return talkie_audio_source_get_duration (source);
}

static void
test_trim_render (void)
{
  g_autofree char *tmpdir = make_run_tmpdir ("tmp-render");
  g_autofree char *output = g_build_filename (cli_world.workdir, "trimmed.video", NULL);
  g_autofree char *history_path = g_build_filename (g_get_user_data_dir (), "talkie", "history.json", NULL);
  g_autofree char *output_uri = NULL;
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autoptr(CliRun) run = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *job, *audio;
  const char *project_id;
  double duration;
  guint uploads;

  external_ids (&avatar, &voice);
  uploads = talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset");

  run = run_cli_with (TEST_KEY, talkie_sandbox_get_base_url (cli_world.sandbox), NULL,
                      (const char * const []) { "TMPDIR", tmpdir, NULL },
                      (const char * const []) { "render", "--avatar", avatar, "--voice", voice,
                                                "--audio", take_path, "--trim", "1.0-2.5",
                                                "--output", output, "--json", NULL });
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->err, "Trimming the recording"));
  g_assert_cmpuint (talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset"), ==, uploads + 1);
  result = parse_json (run->out);
  check_project_json (json_node_get_object (result));
  project_id = json_object_get_string_member (json_node_get_object (result), "id");

  /* The trimmed take is gone, and nothing else was left beside it. */
  assert_dir_empty (tmpdir);

  /* The length the render was asked for is the trimmed one. */
  json_parser_load_from_file (parser, history_path, &error);
  g_assert_no_error (error);
  history = json_node_copy (json_parser_get_root (parser));
  job = history_job (history, project_id);
  g_assert_nonnull (job);
  audio = json_object_get_object_member (job, "audio");
  duration = json_object_get_double_member (audio, "duration");
  g_test_message ("render request duration: %.3f s", duration);
  g_assert_cmpfloat_with_epsilon (duration, 1.5, 0.1);
  g_assert_cmpstr (json_object_get_string_member (audio, "name"), ==, "take (trimmed).mp3");

  /* What was uploaded decodes to that length (the sandbox serves it back),
   * and the video follows it. */
  duration = probe_served_seconds (json_object_get_string_member (audio, "url"));
  g_test_message ("uploaded take: %.3f s", duration);
  g_assert_cmpfloat_with_epsilon (duration, 1.5, 0.1);

  assert_video_with_sound (output);
  output_uri = g_filename_to_uri (output, NULL, NULL);
  duration = discover_seconds (output_uri);
  g_test_message ("video: %.3f s", duration);
  g_assert_cmpfloat_with_epsilon (duration, 1.5, 0.2);
}

/* One side left out: from the start, or to the end, in minutes:seconds too. */
static void
test_trim_open_ends (void)
{
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;

  external_ids (&avatar, &voice);

  for (guint i = 0; i < 2; i++)
    {
      const char *range = i == 0 ? "-0:01.5" : "0:02-";
      g_autofree char *tmpdir = make_run_tmpdir (i == 0 ? "tmp-open-start" : "tmp-open-end");
      g_autoptr(CliRun) run = NULL;
      g_autoptr(JsonNode) result = NULL;

      run = run_cli_with (TEST_KEY, talkie_sandbox_get_base_url (cli_world.sandbox), NULL,
                          (const char * const []) { "TMPDIR", tmpdir, NULL },
                          (const char * const []) { "render", "--avatar", avatar, "--voice", voice,
                                                    "--audio", take_path, "--trim", range,
                                                    "--wait", "--json", NULL });
      g_assert_cmpint (run->status, ==, 0);
      result = parse_json (run->out);
      /* The sandbox's video is as long as the audio it was told of, rounded
       * to whole seconds: 1.5 s and about 1 s both make 1 s or 2 s, never 3. */
      g_assert_cmpfloat (json_object_get_double_member (json_node_get_object (result), "video_duration"), <=, 2);
      assert_dir_empty (tmpdir);
    }
}

static void
assert_usage_error (CliRun     *run,
                    const char *needle)
{
  g_autofree char *first_line = NULL;

  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  first_line = g_strndup (run->err, strcspn (run->err, "\n"));
  g_assert_true (g_str_has_prefix (first_line, "talkie-cli: "));
  if (strstr (first_line, needle) == NULL)
    g_error ("expected “%s” in: %s", needle, run->err);
}

static void
test_trim_bad_ranges (void)
{
  const struct
  {
    const char *range;
    const char *needle;
  } cases[] = {
    { "abc", "is not a range to trim to" },
    { "1.5", "is not a range to trim to" },
    { "-", "is not a range to trim to" },
    { "1-2-3", "is not a range to trim to" },
    { "1,5-2", "is not a range to trim to" },
    { "0:75-0:80", "is not a range to trim to" },
    { "1e1-2e1", "is not a range to trim to" },
    { "2.5-1", "ends before it starts" },
    { "2-2", "ends before it starts" },
    /* Past the take's end: found once it is measured, before any upload. */
    { "1-4", "the recording is only" },
    { "3.5-", "the recording is only" },
    { "0:01-1:00", "the recording is only" },
  };
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autofree char *tmpdir = make_run_tmpdir ("tmp-bad");
  guint uploads;

  external_ids (&avatar, &voice);
  uploads = talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliRun) run = NULL;

      run = run_cli_with (TEST_KEY, talkie_sandbox_get_base_url (cli_world.sandbox), NULL,
                          (const char * const []) { "TMPDIR", tmpdir, NULL },
                          (const char * const []) { "render", "--avatar", avatar, "--voice", voice,
                                                    "--audio", take_path, "--trim", cases[i].range, NULL });
      assert_usage_error (run, cases[i].needle);
    }

  /* A URL cannot be cut here. */
  {
    g_autofree char *url = g_strconcat (talkie_sandbox_get_base_url (cli_world.sandbox),
                                        "/media/audition/en-US-EmilyNeural.ogg", NULL);
    g_autoptr(CliRun) run = NULL;

    run = run_cli_with (TEST_KEY, talkie_sandbox_get_base_url (cli_world.sandbox), NULL,
                        (const char * const []) { "TMPDIR", tmpdir, NULL },
                        (const char * const []) { "render", "--avatar", avatar, "--voice", voice,
                                                  "--audio", url, "--trim", "0-1", NULL });
    assert_usage_error (run, "not a URL");
  }

  g_assert_cmpuint (talkie_sandbox_get_hits (cli_world.sandbox, "/v1/upload/asset"), ==, uploads);
  assert_dir_empty (tmpdir);
}

/* A failed upload and a Ctrl+C after the cut: the trimmed take goes too. */
static void
test_trim_cleanup_on_failure (void)
{
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;

  external_ids (&avatar, &voice);

  {
    g_autofree char *tmpdir = make_run_tmpdir ("tmp-fail");
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (cli_world.sandbox, "/v1/upload/asset", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 0);
    run = run_cli_with (TEST_KEY, talkie_sandbox_get_base_url (cli_world.sandbox), NULL,
                        (const char * const []) { "TMPDIR", tmpdir, NULL },
                        (const char * const []) { "render", "--avatar", avatar, "--voice", voice,
                                                  "--audio", take_path, "--trim", "1-2", NULL });
    talkie_sandbox_clear_faults (cli_world.sandbox);

    g_assert_cmpint (run->status, ==, 1);
    assert_dir_empty (tmpdir);
  }

  {
    g_autofree char *tmpdir = make_run_tmpdir ("tmp-interrupt");
    g_autoptr(CliRun) run = NULL;

    talkie_sandbox_set_fault (cli_world.sandbox, "/v1/upload/asset", TALKIE_SANDBOX_FAULT_DELAY, 60000, 0);
    run = run_cli_with (TEST_KEY, talkie_sandbox_get_base_url (cli_world.sandbox), "/v1/upload/asset",
                        (const char * const []) { "TMPDIR", tmpdir, NULL },
                        (const char * const []) { "render", "--avatar", avatar, "--voice", voice,
                                                  "--audio", take_path, "--trim", "1-2", NULL });
    talkie_sandbox_clear_faults (cli_world.sandbox);

    g_assert_cmpint (run->status, ==, 130);
    assert_dir_empty (tmpdir);
  }
}

/* The files in the talkie-cli-trim-* folders under @tmpdir. */
static gboolean
trim_started (const char *tmpdir)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autoptr(GDir) inner = g_dir_open (path, 0, NULL);

      if (inner != NULL && g_dir_read_name (inner) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Ctrl+C while the take is being cut: the run waits for the cut to remove
 * its partial file, then ends with 130 and leaves nothing. */
static void
test_trim_interrupted (void)
{
  g_autofree char *tmpdir = make_run_tmpdir ("tmp-cut");
  g_autofree char *long_take = g_build_filename (cli_world.workdir, "long.wav", NULL);
  g_autofree char *avatar = NULL;
  g_autofree char *voice = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  gboolean seen = FALSE;

  external_ids (&avatar, &voice);
  /* About 5 minutes: long enough to be caught while it is encoded. */
  talkie_test_make_tone (long_take, 13000, "wavenc");

  g_subprocess_launcher_setenv (launcher, "TMPDIR", tmpdir, TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_API_KEY", TEST_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_BASE_URL", talkie_sandbox_get_base_url (cli_world.sandbox), TRUE);
  subprocess = g_subprocess_launcher_spawn (launcher, &error, cli_world.cli_path,
                                            "render", "--avatar", avatar, "--voice", voice,
                                            "--audio", long_take, "--trim", "1-", NULL);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!seen && g_get_monotonic_time () < deadline)
    {
      seen = trim_started (tmpdir);
      if (!seen)
        g_usleep (2000);
    }
  g_assert_true (seen);
  g_subprocess_send_signal (subprocess, SIGINT);

  g_subprocess_wait (subprocess, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  g_assert_cmpint (g_subprocess_get_exit_status (subprocess), ==, 130);
  assert_dir_empty (tmpdir);
  g_unlink (long_take);
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  int status;

  cli_test_init (&argc, &argv);
  take_path = g_build_filename (cli_world.workdir, "take.wav", NULL);
  talkie_test_make_tone (take_path, TAKE_BUFFERS, "wavenc");

  g_test_add_func ("/cli/trim/render", test_trim_render);
  g_test_add_func ("/cli/trim/open-ends", test_trim_open_ends);
  g_test_add_func ("/cli/trim/bad-ranges", test_trim_bad_ranges);
  g_test_add_func ("/cli/trim/cleanup-on-failure", test_trim_cleanup_on_failure);
  g_test_add_func ("/cli/trim/interrupted", test_trim_interrupted);

  status = cli_test_run ();
  g_free (take_path);
  return status;
}
