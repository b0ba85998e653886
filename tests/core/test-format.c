/* test-format.c: how times, lengths and a render's progress are worded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "talkie-core.h"

static void
test_duration_and_time (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  struct { double seconds; const char *text; } durations[] = {
    { 0, "0:00" }, { 2.32, "0:02" }, { 59.6, "1:00" }, { 65.4, "1:05" }, { 3725, "1:02:05" },
  };
  struct { gint64 ago; const char *text; } times[] = {
    { 20, "Just now" }, { 60, "1 minute ago" }, { 5 * 60 + 10, "5 minutes ago" }, { 2 * 3600 + 5, "2 hours ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autofree char *text = talkie_format_duration (durations[i].seconds);
      g_assert_cmpstr (text, ==, durations[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *text = talkie_format_time (now - times[i].ago, now);
      g_assert_cmpstr (text, ==, times[i].text);
    }

  /* Long ago: a date, with the year when it is another year's. */
  {
    g_autoptr(GDateTime) then = g_date_time_new_local (2023, 3, 14, 9, 30, 0);
    g_autofree char *text = talkie_format_time (g_date_time_to_unix (then), now);

    g_assert_cmpstr (text, ==, "March 14, 2023");
  }
}


static TalkieRenderJob *
job_in (TalkieClient *client,
        const char   *fields)
{
  g_autofree char *json = g_strdup_printf ("{\"version\":1,\"created_at\":1732806631,%s,"
                                           "\"avatar\":{\"id\":12,\"name\":\"Ben\",\"source\":0},"
                                           "\"voice\":{\"id\":\"v2\",\"name\":\"Emily\"},"
                                           "\"audio\":{\"name\":\"take.mp3\",\"duration\":6.25}}", fields);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  TalkieRenderJob *job;

  g_assert_nonnull (node);
  job = talkie_render_job_new_from_json (client, json_node_get_object (node), &error);
  g_assert_no_error (error);

  return job;
}

static void
test_job_status (void)
{
  g_autoptr(TalkieClient) client = talkie_client_new ("k", "http://127.0.0.1:9", NULL);
  static const struct { const char *fields; const char *text; } cases[] = {
    { "\"state\":\"rendering\",\"project_id\":\"p-1\"", "Render started…" },
    { "\"state\":\"rendering\",\"project_id\":\"p-1\",\"project\":{\"id\":\"p-1\",\"status\":2}", "Waiting in the queue…" },
    { "\"state\":\"rendering\",\"project_id\":\"p-1\",\"project\":{\"id\":\"p-1\",\"status\":3}", "Rendering the video…" },
    { "\"state\":\"succeeded\",\"project_id\":\"p-1\"", "Ready to watch" },
    { "\"state\":\"failed\",\"error_message\":\"The server had an internal problem.\"", "The server had an internal problem." },
    { "\"state\":\"failed\"", "The render failed." },
    { "\"state\":\"cancelled\"", "Cancelled" },
    /* Saved before the server had it: failed on reading, and said so. */
    { "\"state\":\"uploading\"", "Interrupted before the render was accepted. Start it again." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TalkieRenderJob) job = job_in (client, cases[i].fields);
      g_autofree char *text = talkie_format_job_status (job, 1);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  g_assert_cmpstr (talkie_format_project_status (TALKIE_PROJECT_STATUS_PROCESSING), ==, "processing");
  g_assert_cmpstr (talkie_format_project_status (42), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  /* English whatever the machine's language: the texts are compared. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/format/duration-and-time", test_duration_and_time);
  g_test_add_func ("/core/format/job-status", test_job_status);

  return g_test_run ();
}
