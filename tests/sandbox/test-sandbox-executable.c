/* test-sandbox-executable.c: the talkie-sandbox program, run as a subprocess
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "test-sandbox-utils.h"

#include "talkie-test-utils.h"

static const char *
sandbox_exe (void)
{
  const char *exe = g_getenv ("TALKIE_SANDBOX_EXE");

  if (exe == NULL)
    g_error ("TALKIE_SANDBOX_EXE is not set: run this test through meson test");
  return exe;
}

static void
test_executable_help (void)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, sandbox_exe (), "--help", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  for (guint i = 0; i < 6; i++)
    {
      const char *opt[] = { "--port", "--key", "--avatars", "--step-ms", "--fault", "--max-upload-size" };
      g_assert_nonnull (strstr (out, opt[i]));
    }
}

static void
test_executable_serves (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *line = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autofree char *bad_out = NULL;
  g_autofree char *bad_err = NULL;
  g_autoptr(GSubprocess) bad = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, sandbox_exe (),
                           "--port", "0", "--key", "exe-key", "--avatars", "7",
                           "--fault", "/open/timbre=code:18025:1",
                           "--max-upload-size", "300", NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);

  regex = g_regex_new ("^Talkie sandbox listening on (http://127\\.0\\.0\\.1:[0-9]+) \\(key: exe-key\\)$", 0, 0, NULL);
  if (!g_regex_match (regex, line, 0, &match))
    g_error ("unexpected first line: %s", line);
  base = g_match_info_fetch (match, 1);

  url = g_strdup_printf ("%s/open/avatar?aspect_ratio=2", base);
  {
    g_autoptr(Response) r = request_full (f, "GET", url, "exe-key", NULL, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data_of (r), "avatars")), ==, 7);
  }
  g_free (url);
  url = g_strdup_printf ("%s/open/timbre", base);
  {
    g_autoptr(Response) r = request_full (f, "GET", url, "exe-key", NULL, NULL, NULL);
    g_assert_cmpint (envelope_code (r), ==, 18025);
  }

  /* uploads up to --max-upload-size, not one byte more */
  g_free (url);
  url = g_strdup_printf ("%s/v1/upload/asset", base);
  for (gint64 size = 300; size <= 301; size++)
    {
      g_autofree char *json = g_strdup_printf ("{\"filename\":\"a.wav\",\"content_type\":\"audio/wav\","
                                               "\"file_size\":%" G_GINT64_FORMAT "}", size);
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
      g_autoptr(Response) r = request_full (f, "POST", url, "exe-key", "application/json", body, NULL);

      if (size == 300)
        g_assert_nonnull (json_object_get_string_member (data_of (r), "sign_url"));
      else
        assert_parameter_error (r, "file_size");
    }

  /* hang up, then ask it to stop */
  soup_session_abort (f->session);
  talkie_test_drain ();
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);

  /* a bad fault is refused with a message that says how to write one */
  bad = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                          sandbox_exe (), "--fault", "/open/avatar=explode", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (bad, NULL, NULL, &bad_out, &bad_err, &error));
  g_assert_false (g_subprocess_get_successful (bad));
  g_assert_nonnull (strstr (bad_err, "PATH=KIND"));

  g_clear_object (&bad);
  g_clear_pointer (&bad_out, g_free);
  g_clear_pointer (&bad_err, g_free);
  bad = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                          sandbox_exe (), "--max-upload-size", "0", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (bad, NULL, NULL, &bad_out, &bad_err, &error));
  g_assert_false (g_subprocess_get_successful (bad));
  g_assert_nonnull (strstr (bad_err, "at least 1 byte"));
}

int
main (int   argc,
      char *argv[])
{
  sandbox_test_init (&argc, &argv);

  g_test_add_func ("/sandbox/executable/help", test_executable_help);
  sandbox_test_add ("/sandbox/executable/serves", test_executable_serves);

  return g_test_run ();
}
