/* test-cli-record.c: “talkie-cli record” end to end, as a subprocess, with the
 * recorder's test source for a microphone: a take of --seconds, Ctrl+C ends a
 * take and keeps it, a failure mid-take keeps what was recorded, bad options.
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

static double
take_seconds (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GstDiscovererInfo) info = talkie_test_discover (uri, 30 * GST_SECOND);
  GList *audio = gst_discoverer_info_get_audio_streams (info);

  g_assert_nonnull (audio);
  gst_discoverer_stream_info_list_free (audio);
  return (double) gst_discoverer_info_get_duration (info) / GST_SECOND;
}

/* Only @keep is left in @dir: the recorder's folder has gone. */
static void
assert_only (const char *dir_path,
             const char *keep)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_strcmp0 (name, keep) != 0)
      g_error ("%s still holds %s", dir_path, name);
}

static char *
make_dir (const char *name)
{
  char *path = g_build_filename (cli_world.workdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static void
test_record_seconds (void)
{
  g_autofree char *dir = make_dir ("seconds");
  g_autofree char *take = g_build_filename (dir, "take.mp3", NULL);
  g_autoptr(CliRun) run = NULL;
  g_autoptr(CliRun) again = NULL;
  g_autoptr(CliRun) forced = NULL;
  double seconds;

  run = run_cli_with (NULL, NULL, NULL, (const char * const []) { "TALKIE_RECORD_TEST_SOURCE", "1", NULL },
                      (const char * const []) { "record", "--output", take, "--seconds", "1.5", NULL });
  g_assert_cmpint (run->status, ==, 0);
  g_assert_true (g_str_has_prefix (run->out, "Saved to: "));
  g_assert_nonnull (strstr (run->out, take));
  g_assert_nonnull (strstr (run->err, "Recording"));
  seconds = take_seconds (take);
  g_test_message ("take: %.3f s", seconds);
  g_assert_cmpfloat_with_epsilon (seconds, 1.5, 0.3);
  assert_only (dir, "take.mp3");

  /* The take is never written over without --force. */
  again = run_cli_with (NULL, NULL, NULL, (const char * const []) { "TALKIE_RECORD_TEST_SOURCE", "1", NULL },
                        (const char * const []) { "record", "-o", take, "--seconds", "1", NULL });
  g_assert_cmpint (again->status, ==, 2);
  g_assert_nonnull (strstr (again->err, "already exists"));
  g_assert_cmpfloat_with_epsilon (take_seconds (take), seconds, 0.001);

  forced = run_cli_with (NULL, NULL, NULL, (const char * const []) { "TALKIE_RECORD_TEST_SOURCE", "1", NULL },
                         (const char * const []) { "record", "-o", take, "--seconds", "0.5", "--force", "--quiet", NULL });
  g_assert_cmpint (forced->status, ==, 0);
  g_assert_cmpstr (forced->err, ==, "");
  g_assert_cmpfloat_with_epsilon (take_seconds (take), 0.5, 0.3);
  assert_only (dir, "take.mp3");
}

/* The hidden folder the recorder writes in holds the take being recorded. */
static gboolean
recording_started (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GDir) inner = g_str_has_prefix (name, ".talkie-cli-record-") ? g_dir_open (path, 0, NULL) : NULL;

      if (inner != NULL && g_dir_read_name (inner) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Ctrl+C ends the take and keeps it: status 0, the file there. */
static void
test_record_interrupt (void)
{
  g_autofree char *dir = make_dir ("interrupt");
  g_autofree char *take = g_build_filename (dir, "take.mp3", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  g_subprocess_launcher_setenv (launcher, "TALKIE_RECORD_TEST_SOURCE", "1", TRUE);
  subprocess = g_subprocess_launcher_spawn (launcher, &error, cli_world.cli_path,
                                            "record", "-o", take, NULL);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!recording_started (dir) && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_true (recording_started (dir));
  /* Something worth keeping. */
  g_usleep (G_USEC_PER_SEC);
  g_subprocess_send_signal (subprocess, SIGINT);

  g_subprocess_wait (subprocess, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  g_assert_cmpint (g_subprocess_get_exit_status (subprocess), ==, 0);
  g_assert_cmpfloat (take_seconds (take), >, 0.5);
  assert_only (dir, "take.mp3");
}

/* The microphone stops mid-take: status 1, one line, and the take so far kept. */
static void
test_record_failure (void)
{
  g_autofree char *dir = make_dir ("failure");
  g_autofree char *take = g_build_filename (dir, "take.mp3", NULL);
  g_autoptr(CliRun) run = NULL;

  run = run_cli_with (NULL, NULL, NULL,
                      (const char * const []) { "TALKIE_RECORD_TEST_SOURCE",
                                                "audiotestsrc is-live=true ! identity error-after=40", NULL },
                      (const char * const []) { "record", "-o", take, "--quiet", NULL });
  g_assert_cmpint (run->status, ==, 1);
  assert_one_error_line (run);
  g_assert_nonnull (strstr (run->err, take));
  g_assert_cmpfloat (take_seconds (take), >, 0.3);
  assert_only (dir, "take.mp3");
}

static void
test_record_usage (void)
{
  g_autofree char *dir = make_dir ("usage");
  g_autofree char *take = g_build_filename (dir, "take.mp3", NULL);
  const char * const *cases[] = {
    (const char * const []) { "record", NULL },
    (const char * const []) { "record", "-o", "-", NULL },
    (const char * const []) { "record", "-o", take, "--seconds", "0", NULL },
    (const char * const []) { "record", "-o", take, "--seconds", "-2", NULL },
    (const char * const []) { "record", "-o", take, "--seconds", "ten", NULL },
    (const char * const []) { "record", "-o", take, "--seconds", "1,5", NULL },
    (const char * const []) { "record", "-o", take, "--seconds", "1e308", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CliRun) run = run_cli_with (NULL, NULL, NULL,
                                            (const char * const []) { "TALKIE_RECORD_TEST_SOURCE", "1", NULL },
                                            cases[i]);

      g_assert_cmpint (run->status, ==, 2);
      g_assert_cmpstr (run->out, ==, "");
      g_assert_true (g_str_has_prefix (run->err, "talkie-cli: "));
    }

  assert_only (dir, NULL);
}

/* ------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  cli_test_init (&argc, &argv);

  g_test_add_func ("/cli/record/seconds", test_record_seconds);
  g_test_add_func ("/cli/record/interrupt", test_record_interrupt);
  g_test_add_func ("/cli/record/failure", test_record_failure);
  g_test_add_func ("/cli/record/usage", test_record_usage);

  return cli_test_run ();
}
