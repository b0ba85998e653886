/* test-client-common.c: see test-client-common.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "test-client"

#include <string.h>

#include <gst/gst.h>

#include "talkie-test-client-utils.h"

#include "test-client-common.h"

void
client_test_init (int    *argc,
                  char ***argv)
{
  g_test_init (argc, argv, NULL);
  gst_init (argc, argv);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->data_dir = talkie_test_make_tmp_dir ("test-client-data-XXXXXX");
  fixture->work_dir = talkie_test_make_tmp_dir ("test-client-work-XXXXXX");

  fixture->sandbox = talkie_test_start_sandbox ("api-key", "test-key-0123456789",
                                                "avatar-count", AVATAR_COUNT,
                                                "step-ms", STEP_MS,
                                                "data-dir", fixture->data_dir,
                                                NULL);
  fixture->client = talkie_test_client_new_for_sandbox (fixture->sandbox);
  talkie_client_set_timeout (fixture->client, 20);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->client);
  talkie_test_stop_sandbox (&fixture->sandbox);

  talkie_test_remove_tree (fixture->data_dir);
  talkie_test_remove_tree (fixture->work_dir);
  g_clear_pointer (&fixture->data_dir, g_free);
  g_clear_pointer (&fixture->work_dir, g_free);
}

void
client_test_add (const char  *path,
                 void       (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}

TalkieProject *
get_project (TalkieClient  *client,
             const char    *id,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_get_project_async (client, id, NULL, talkie_test_result_cb, &result);
  return talkie_client_get_project_finish (client, talkie_test_wait_for_result (&result), error);
}

char *
create_render (TalkieClient               *client,
               const TalkieRenderRequest  *request,
               GError                    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_create_render_async (client, request, NULL, talkie_test_result_cb, &result);
  return talkie_client_create_render_finish (client, talkie_test_wait_for_result (&result), error);
}

static void
progress_cb (goffset  done,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (done < progress->last_done)
    progress->monotonic = FALSE;
  progress->last_done = done;
  progress->total = total;
  progress->calls++;

  if (progress->cancel_after_first != NULL && done > 0)
    g_cancellable_cancel (progress->cancel_after_first);
}

static void
progress_destroy (gpointer user_data)
{
  Progress *progress = user_data;

  progress->destroyed = TRUE;
}

char *
upload (TalkieClient  *client,
        GFile         *file,
        Progress      *progress,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_upload_async (client, file, NULL,
                              progress ? progress_cb : NULL, progress,
                              progress ? progress_destroy : NULL,
                              cancellable, talkie_test_result_cb, &result);
  return talkie_client_upload_finish (client, talkie_test_wait_for_result (&result), error);
}

GBytes *
small_webm (void)
{
  static GBytes *video;

  if (video == NULL)
    {
      g_autofree char *dir = talkie_test_make_tmp_dir ("test-client-video-XXXXXX");
      g_autofree char *path = g_build_filename (dir, "v.webm", NULL);
      g_autofree char *pipeline = g_strdup_printf ("videotestsrc num-buffers=30 ! video/x-raw,width=160,height=120 ! "
                                                   "vp8enc deadline=1 ! webmmux ! filesink location=%s", path);
      char *contents = NULL;
      gsize length = 0;

      talkie_test_run_pipeline (pipeline);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      video = g_bytes_new_take (contents, length);
      talkie_test_remove_tree (dir);
    }

  return video;
}

/* What @url serves, fetched with a plain libsoup session (asynchronously:
 * the sandbox serves from this thread's main context). */
GBytes *
fetch (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, talkie_test_result_cb, &result);
  bytes = soup_session_send_and_read_finish (session, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);

  return bytes;
}

gboolean
download (TalkieClient  *client,
          const char    *url,
          GFile         *destination,
          Progress      *progress,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_download_async (client, url, destination,
                                progress ? progress_cb : NULL, progress,
                                progress ? progress_destroy : NULL,
                                cancellable, talkie_test_result_cb, &result);
  return talkie_client_download_finish (client, talkie_test_wait_for_result (&result), error);
}

/* A real, playable WAV: @seconds of a 440 Hz tone, 44.1 kHz, 16-bit stereo. */
GBytes *
make_wav (double seconds)
{
  const guint rate = 44100;
  const guint channels = 2;
  guint frames = (guint)(seconds * rate);
  guint data_len = frames * channels * 2;
  GByteArray *wav = g_byte_array_sized_new (44 + data_len);
  guint32 u32;
  guint16 u16;

#define PUT32(v) G_STMT_START { u32 = GUINT32_TO_LE (v); g_byte_array_append (wav, (guint8 *)&u32, 4); } G_STMT_END
#define PUT16(v) G_STMT_START { u16 = GUINT16_TO_LE (v); g_byte_array_append (wav, (guint8 *)&u16, 2); } G_STMT_END
  g_byte_array_append (wav, (const guint8 *)"RIFF", 4);
  PUT32 (36 + data_len);
  g_byte_array_append (wav, (const guint8 *)"WAVEfmt ", 8);
  PUT32 (16);
  PUT16 (1);
  PUT16 (channels);
  PUT32 (rate);
  PUT32 (rate * channels * 2);
  PUT16 (channels * 2);
  PUT16 (16);
  g_byte_array_append (wav, (const guint8 *)"data", 4);
  PUT32 (data_len);
  for (guint i = 0; i < frames; i++)
    {
      /* A triangle wave near 440 Hz: no libm needed. */
      int phase = (int)((i * 440u * 4u / rate) % 4u);
      gint16 sample = (gint16)((phase == 0 || phase == 3) ? 8000 : -8000);

      for (guint c = 0; c < channels; c++)
        PUT16 ((guint16)sample);
    }
#undef PUT32
#undef PUT16

  return g_byte_array_free_to_bytes (wav);
}

GBytes *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

char *
upload_voice (Fixture   *fixture,
              GBytes   **wav_out)
{
  g_autoptr(GBytes) wav = make_wav (1.5);
  g_autoptr(GFile) file = talkie_test_write_file (fixture->work_dir, "my voice.wav", wav);
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0, 0, TRUE, NULL, FALSE };
  char *asset_url;

  asset_url = upload (fixture->client, file, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (asset_url);
  g_assert_true (g_str_has_prefix (asset_url, talkie_sandbox_get_base_url (fixture->sandbox)));

  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_true (progress.monotonic);
  g_assert_cmpint (progress.total, ==, (goffset)g_bytes_get_size (wav));
  g_assert_cmpint (progress.last_done, ==, (goffset)g_bytes_get_size (wav));
  g_assert_true (progress.destroyed);

  if (wav_out != NULL)
    *wav_out = g_steal_pointer (&wav);

  return asset_url;
}

TalkieRenderRequest *
make_request (Fixture    *fixture,
              const char *audio_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) avatars = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC,
                                                TALKIE_ASPECT_RATIO_SQUARE, NULL, &error);
  g_autoptr(GListModel) voices = talkie_test_list_voices (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY, &error);
  g_autoptr(TalkieAvatar) avatar = NULL;
  g_autoptr(TalkieVoice) voice = NULL;
  TalkieRenderRequest *request;

  g_assert_no_error (error);
  avatar = g_list_model_get_item (avatars, 0);
  voice = g_list_model_get_item (voices, 0);

  request = talkie_render_request_new ();
  request->aspect_ratio = TALKIE_ASPECT_RATIO_SQUARE;
  request->audio_url = g_strdup (audio_url);
  request->audio_duration = 1.5;
  request->person_id = talkie_avatar_get_id (avatar);
  request->person_source = talkie_avatar_get_source (avatar);
  request->screen_style = TALKIE_SCREEN_STYLE_BACKGROUND;
  request->tts_voice_id = g_strdup (talkie_voice_get_id (voice));
  request->subtitles = TRUE;

  return request;
}

/* The video address of a finished render of the sandbox's. */
char *
render_video (Fixture *fixture)
{
  g_autofree char *asset_url = upload_voice (fixture, NULL);
  g_autoptr(TalkieRenderRequest) request = make_request (fixture, asset_url);
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = create_render (fixture->client, request, &error);

  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(TalkieProject) project = get_project (fixture->client, project_id, &error);

      g_assert_no_error (error);
      if (talkie_project_status_is_final (talkie_project_get_status (project)))
        {
          g_assert_cmpint (talkie_project_get_status (project), ==, TALKIE_PROJECT_STATUS_SUCCESS);
          return g_strdup (talkie_project_get_video_url (project));
        }
      talkie_test_wait_ms (STEP_MS * 2);
    }
}

gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}
