/* hostile-test-util.c: the fixture and helpers of the hostile test programs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test"

#include "talkie-test-utils.h"
#include "hostile-test-util.h"

const char hostile_avatars_reply[] =
  "{\"code\":0,\"msg\":\"ok\",\"data\":{\"avatars\":[{\"id\":81,\"name\":\"Amanda\",\"cover_url\":\"\"}]}}";

void
hostile_fixture_set_up (Fixture       *fixture,
                        gconstpointer  user_data)
{
  fixture->dir = talkie_test_make_tmp_dir ("test-hostile-XXXXXX");
}

void
hostile_fixture_tear_down (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_clear_object (&fixture->client);
  talkie_test_drain ();
  g_clear_pointer (&fixture->server, hostile_server_free);
  g_clear_pointer (&fixture->other, hostile_server_free);
  talkie_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* A client of @server's, with a key long enough to be a secret. */
void
hostile_start_server (Fixture        *fixture,
                      HostileHandler  handler,
                      gpointer        data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = hostile_server_new (handler, data);
  fixture->client = talkie_client_new (HOSTILE_API_KEY, hostile_server_get_url (fixture->server), &error);
  g_assert_no_error (error);
}

/* Waits for an async result, at most @seconds: FALSE when it never came. */
gboolean
hostile_wait_result (GAsyncResult **slot,
                     guint          seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (*slot == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);

  return *slot != NULL;
}

GListModel *
hostile_list_avatars (Fixture  *fixture,
                      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_list_avatars_async (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT,
                                    NULL, talkie_test_result_cb, &result);
  g_assert_true (hostile_wait_result (&result, HOSTILE_GUARD_SECONDS));

  return talkie_client_list_avatars_finish (fixture->client, result, error);
}

/* Three seconds of test picture, made once per container: WebM, or MP4. */
GBytes *
hostile_real_video (gboolean mp4)
{
  static GBytes *videos[2];
  GBytes **video = &videos[mp4 ? 1 : 0];

  if (*video == NULL)
    {
      g_autofree char *dir = talkie_test_make_tmp_dir ("hostile-video-XXXXXX");
      g_autofree char *path = g_build_filename (dir, "v.video", NULL);
      g_autofree char *pipeline = NULL;
      char *contents = NULL;
      gsize length = 0;

      if (mp4)
        pipeline = g_strdup_printf ("videotestsrc num-buffers=60 ! video/x-raw,width=320,height=240 ! "
                                    "videoconvert ! avenc_mpeg4 ! mp4mux ! filesink location=%s", path);
      else
        pipeline = g_strdup_printf ("videotestsrc num-buffers=60 ! video/x-raw,width=320,height=240 ! "
                                    "vp8enc deadline=1 ! webmmux ! filesink location=%s", path);
      talkie_test_run_pipeline (pipeline);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 4096);
      *video = g_bytes_new_take (contents, length);
      talkie_test_remove_tree (dir);
    }

  return *video;
}
