/* test-hostile-cli.c: talkie-cli against the hostile server: escape codes
 * in what it prints, a download interrupted by Ctrl+C, an --output checked
 * before anything is rendered, and a recording that is not a regular file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <utime.h>

#include <glib/gstdio.h>

#include "talkie-core.h"
#include "talkie-history.h"
#include "talkie-render-job.h"
#include "talkie-json.h"
#include "talkie-reply.h"
#include "talkie-url.h"

#include "talkie-test-utils.h"
#include "hostile-test-util.h"

/* --- talkie-cli against the hostile server -------------------------------------- */

typedef enum
{
  FLOW_ESCAPES,        /* the project id and status carry terminal escapes */
  FLOW_SLOW_VIDEO,     /* a finished render whose video crawls in */
} Flow;

static GBytes *
real_wav (void)
{
  static GBytes *wav;

  if (wav == NULL)
    {
      g_autofree char *dir = talkie_test_make_tmp_dir ("hostile-wav-XXXXXX");
      g_autofree char *path = g_build_filename (dir, "voice.wav", NULL);
      char *contents = NULL;
      gsize length = 0;

      /* WAV: its length is in its header, so probing it needs no seek (an MP3
       * without a Xing header is measured by reading to its end). */
      talkie_test_make_tone (path, 130, "wavenc");
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      wav = g_bytes_new_take (contents, length);
      talkie_test_remove_tree (dir);
    }

  return wav;
}

static void
api_reply (GOutputStream *output,
           const char    *data)
{
  g_autofree char *body = g_strdup_printf ("{\"code\":0,\"msg\":\"ok\",\"data\":%s}", data);

  hostile_reply (output, 200, "application/json", NULL, body, strlen (body));
}

static void
flow_handler (HostileServer        *server,
              const HostileRequest *request,
              GOutputStream        *output,
              gpointer              user_data)
{
  Flow flow = GPOINTER_TO_UINT (user_data);
  const char *path = request->path;

  if (g_str_has_prefix (path, "/open/avatar"))
    api_reply (output, "{\"avatars\":[{\"id\":81,\"name\":\"Amanda \\u001b[31mred\",\"cover_url\":\"\"}]}");
  else if (g_str_has_prefix (path, "/open/timbre"))
    api_reply (output, "{\"total\":1,\"timbres\":[{\"name\":\"Emily\",\"lang_id\":\"v1\",\"language\":\"english\"}]}");
  else if (g_str_has_prefix (path, "/voice.wav"))
    hostile_reply (output, 200, "audio/wav", NULL,
                   g_bytes_get_data (real_wav (), NULL), g_bytes_get_size (real_wav ()));
  else if (g_str_has_prefix (path, "/open/render/talking_avatar"))
    api_reply (output, flow == FLOW_ESCAPES
                       ? "{\"prj_id\":\"\\u001b[2J\\u001b]0;owned\\u0007p-1\\nrm -rf\"}"
                       : "{\"prj_id\":\"p-1\"}");
  else if (g_str_has_prefix (path, "/v1/project"))
    {
      g_autofree char *data = g_strdup_printf ("{\"id\":\"p-1\",\"title\":\"\\u001b]0;title\\u0007T\","
                                               "\"status_code\":4,\"status_desc\":\"done\\u001b[2J\","
                                               "\"video_url\":\"%s/video.webm\",\"video_duration\":3}",
                                               hostile_server_get_url (server));
      api_reply (output, data);
    }
  else if (g_str_has_prefix (path, "/video.webm"))
    {
      GBytes *video = hostile_real_video (FALSE);
      gsize length = g_bytes_get_size (video);
      const guint8 *data = g_bytes_get_data (video, NULL);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: video/webm\r\n"
                                               "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", length);

      /* Half of it at once, then a byte every 100 ms: it is being saved
       * (a partial file exists) for as long as the test likes. */
      if (!hostile_write (output, head) || !hostile_write_bytes (output, data, length / 2))
        return;
      for (gsize at = length / 2; at < length && !hostile_server_is_stopping (server); at++)
        {
          g_usleep (100 * 1000);
          if (!hostile_write_bytes (output, data + at, 1))
            return;
        }
    }
  else
    hostile_reply (output, 404, "text/plain", NULL, "no", 2);
}

/* Runs talkie-cli with @args against the server, in the fixture's folder. */
static GSubprocess *
spawn_cli (Fixture            *fixture,
           const char * const *args,
           GError            **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("TALKIE_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  g_subprocess_launcher_setenv (launcher, "TALKIE_API_KEY", HOSTILE_API_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "TALKIE_BASE_URL", hostile_server_get_url (fixture->server), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "TALKIE_LOCALEDIR");
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);

  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

static int
run_cli (Fixture            *fixture,
         const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = spawn_cli (fixture, args, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_test_message ("talkie-cli %s → %d\nstdout: %s\nstderr: %s", args[0],
                  g_subprocess_get_exit_status (process), *out, *err);

  return g_subprocess_get_exit_status (process);
}

static void
assert_no_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\n')
      g_assert_false (g_ascii_iscntrl (*p));
}

static void
test_cli_escape_codes (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *audio = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  int status;

  hostile_start_server (fixture, flow_handler, GUINT_TO_POINTER (FLOW_ESCAPES));
  audio = g_strconcat (hostile_server_get_url (fixture->server), "/voice.wav", NULL);

  {
    const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", audio, NULL };

    status = run_cli (fixture, args, &out, &err);
  }

  /* The id is refused: nothing on stdout for ID=$(…) to swallow, one clean line on stderr. */
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  assert_no_control_characters (err);
  g_assert_nonnull (strstr (err, "does not understand"));

  /* Whatever else the server says is shown without its escapes. */
  {
    const char *args[] = { "status", "p-1", NULL };

    status = run_cli (fixture, args, &out2, &err2);
  }
  g_assert_cmpint (status, ==, 0);
  assert_no_control_characters (out2);
  assert_no_control_characters (err2);
}

/* Checks @condition every 20 ms (what it watches happens in another process). */
static gboolean
poll_until (gboolean (*condition) (gpointer),
            gpointer  data,
            guint     seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_usleep (20 * 1000);
    }

  return TRUE;
}

static gboolean
part_file_exists (gpointer data)
{
  Fixture *fixture = data;

  return talkie_test_count_files (fixture->dir, ".out.webm.") > 0;
}

static void
test_cli_interrupted_download (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", NULL,
                         "--output", "out.webm", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *audio = NULL;

  hostile_start_server (fixture, flow_handler, GUINT_TO_POINTER (FLOW_SLOW_VIDEO));
  audio = g_strconcat (hostile_server_get_url (fixture->server), "/voice.wav", NULL);
  args[6] = audio;

  process = spawn_cli (fixture, args, &error);
  g_assert_no_error (error);

  /* Saving has begun: the partial file is there. Then Ctrl+C. */
  if (!poll_until (part_file_exists, fixture, HOSTILE_GUARD_SECONDS))
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_subprocess_force_exit (process);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, NULL);
      g_test_message ("No partial file appeared. stdout: %s\nstderr: %s", out, err);
      g_assert_not_reached ();
    }
  g_subprocess_send_signal (process, SIGINT);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 130);
  /* Neither the partial file nor a video under its final name. */
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, ".out.webm."), ==, 0);
  g_assert_cmpuint (talkie_test_count_files (fixture->dir, "out.webm"), ==, 0);
}

static void
test_cli_output_checked_first (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *existing = g_build_filename (fixture->dir, "taken.webm", NULL);
  g_autofree char *audio = NULL;

  hostile_start_server (fixture, flow_handler, GUINT_TO_POINTER (FLOW_SLOW_VIDEO));
  audio = g_strconcat (hostile_server_get_url (fixture->server), "/voice.wav", NULL);
  g_assert_true (g_file_set_contents (existing, "my other video", -1, NULL));

  /* An existing file is not replaced without --force: a usage error, at once. */
  {
    const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", audio,
                           "--output", "taken.webm", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *contents = NULL;

    g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--force"));
    g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "my other video");
  }

  /* A folder nothing can be written to: said before anything is sent. */
  {
    const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", audio,
                           "--output", "/proc/out.webm", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "could not be saved"));
  }

  g_assert_cmpuint (hostile_server_get_n_requests (fixture->server), ==, 0);
}

static void
test_cli_not_a_regular_file (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *fifo = g_build_filename (fixture->dir, "fifo", NULL);
  const char * const audios[] = { fifo, "/dev/zero", "/dev/null" };

  hostile_start_server (fixture, flow_handler, GUINT_TO_POINTER (FLOW_SLOW_VIDEO));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (audios); i++)
    {
      const char *args[] = { "render", "--avatar", "81", "--voice", "v1", "--audio", audios[i], NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (fixture, args, &out, &err), ==, 1);
      g_assert_nonnull (strstr (err, "is not a regular file"));
      g_assert_null (strstr (err, "empty"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  HOSTILE_ADD ("cli/escape-codes", test_cli_escape_codes, NULL);
  HOSTILE_ADD ("cli/interrupted-download", test_cli_interrupted_download, NULL);
  HOSTILE_ADD ("cli/output-checked-first", test_cli_output_checked_first, NULL);
  HOSTILE_ADD ("cli/not-a-regular-file", test_cli_not_a_regular_file, NULL);

  return g_test_run ();
}
