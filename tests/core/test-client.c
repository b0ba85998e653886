/* test-client.c: TalkieClient against an in-process TalkieSandbox over loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "test-client"

#include <string.h>

#include <glib/gstdio.h>

#include <gst/gst.h>

#include "talkie-core.h"
#include "talkie-sandbox.h"

#include "talkie-test-client-utils.h"

#define AVATAR_COUNT 12
#define STEP_MS      10

typedef struct
{
  TalkieSandbox *sandbox;
  TalkieClient  *client;
  char          *data_dir;
  char          *work_dir;
} Fixture;

/* ------------------------------------------------------------------------- */
/* helpers                                                                   */

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

static TalkieProject *
get_project (TalkieClient  *client,
             const char    *id,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_get_project_async (client, id, NULL, talkie_test_result_cb, &result);
  return talkie_client_get_project_finish (client, talkie_test_wait_for_result (&result), error);
}

static char *
create_render (TalkieClient               *client,
               const TalkieRenderRequest  *request,
               GError                    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_create_render_async (client, request, NULL, talkie_test_result_cb, &result);
  return talkie_client_create_render_finish (client, talkie_test_wait_for_result (&result), error);
}

typedef struct
{
  goffset       last_done;
  goffset       total;
  guint         calls;
  gboolean      monotonic;
  GCancellable *cancel_after_first;
  gboolean      destroyed;
} Progress;

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

static char *
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

/* A real, whole WebM video: what the client's download accepts. */
static GBytes *
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
static GBytes *
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

static gboolean
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
static GBytes *
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

static GBytes *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_file_load_bytes (file, NULL, NULL, &error);

  g_assert_no_error (error);
  return bytes;
}

/* ------------------------------------------------------------------------- */
/* calls                                                                     */

static void
test_list_avatars (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const TalkieAspectRatio aspects[] = {
    TALKIE_ASPECT_RATIO_PORTRAIT, TALKIE_ASPECT_RATIO_LANDSCAPE, TALKIE_ASPECT_RATIO_SQUARE,
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(GError) error = NULL;

  for (guint a = 0; a < G_N_ELEMENTS (aspects); a++)
    {
      g_autoptr(GListModel) list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, aspects[a], NULL, &error);

      g_assert_no_error (error);
      g_assert_true (g_list_model_get_item_type (list) == TALKIE_TYPE_AVATAR);
      g_assert_cmpuint (g_list_model_get_n_items (list), ==, AVATAR_COUNT);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (list, i);
          gint64 *id = g_new (gint64, 1);

          *id = talkie_avatar_get_id (avatar);
          g_assert_cmpint (*id, >, 0);
          g_assert_cmpstr (talkie_avatar_get_name (avatar), !=, "");
          g_assert_nonnull (talkie_avatar_get_cover_url (avatar));
          g_assert_true (g_str_has_prefix (talkie_avatar_get_cover_url (avatar),
                                           talkie_sandbox_get_base_url (fixture->sandbox)));
          g_assert_cmpint (talkie_avatar_get_source (avatar), ==, TALKIE_SOURCE_PUBLIC);
          g_assert_cmpint (talkie_avatar_get_aspect_ratio (avatar), ==, aspects[a]);
          /* Each aspect has its own avatars. */
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
        }
    }

  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/avatar"), ==, 3);

  mine = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_MINE, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mine), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (mine, i);

      g_assert_cmpint (talkie_avatar_get_source (avatar), ==, TALKIE_SOURCE_MINE);
    }
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/avatar/user"), ==, 1);
}

static void
test_list_voices (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = talkie_test_list_voices (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY, &error);
  g_autoptr(GListModel) female = NULL;
  g_autoptr(GListModel) male = NULL;
  g_autoptr(GListModel) mine = NULL;
  guint n_all, n_female, n_male;

  g_assert_no_error (error);
  n_all = g_list_model_get_n_items (all);
  g_assert_cmpuint (n_all, >, 0);

  female = talkie_test_list_voices (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_FEMALE, &error);
  g_assert_no_error (error);
  male = talkie_test_list_voices (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_MALE, &error);
  g_assert_no_error (error);
  n_female = g_list_model_get_n_items (female);
  n_male = g_list_model_get_n_items (male);
  g_assert_cmpuint (n_female, >, 0);
  g_assert_cmpuint (n_male, >, 0);
  g_assert_cmpuint (n_female + n_male, ==, n_all);

  for (guint i = 0; i < n_female; i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (female, i);

      g_assert_cmpint (talkie_voice_get_gender (voice), ==, TALKIE_GENDER_FEMALE);
      g_assert_cmpstr (talkie_voice_get_id (voice), !=, "");
      g_assert_nonnull (talkie_voice_get_audition_url (voice));
      g_assert_cmpint (talkie_voice_get_source (voice), ==, TALKIE_SOURCE_PUBLIC);
    }
  for (guint i = 0; i < n_male; i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (male, i);

      g_assert_cmpint (talkie_voice_get_gender (voice), ==, TALKIE_GENDER_MALE);
    }

  mine = talkie_test_list_voices (fixture->client, TALKIE_SOURCE_MINE, TALKIE_GENDER_ANY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (mine, i);

      g_assert_cmpint (talkie_voice_get_source (voice), ==, TALKIE_SOURCE_MINE);
    }
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/timbre"), ==, 3);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/timbre/user"), ==, 1);
}

/* The uploaded bytes as the sandbox stored them. */
static GBytes *
stored_upload (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->data_dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      if (g_str_has_prefix (name, "upload-") && strstr (name, ".part") == NULL)
        {
          g_autofree char *path = g_build_filename (fixture->data_dir, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);

          return read_file (file);
        }
    }

  return NULL;
}

static char *
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

static void
test_upload (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) fetched = NULL;
  g_autofree char *asset_url = NULL;
  g_autoptr(GError) error = NULL;

  asset_url = upload_voice (fixture, &wav);
  g_assert_nonnull (strstr (asset_url, "my%20voice.wav"));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 1);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/upload/"), ==, 1);

  /* The bytes are really on the server, byte for byte. */
  stored = stored_upload (fixture);
  g_assert_nonnull (stored);
  g_assert_true (g_bytes_equal (stored, wav));

  /* And the hosted URL serves them. */
  fetched = fetch (asset_url);
  g_assert_true (g_bytes_equal (fetched, wav));
}

/* Encodes a short tone with a real GStreamer pipeline into @path. */
static void
encode_tone (const char *encoder,
             const char *path)
{
  g_autofree char *description = g_strdup_printf ("audiotestsrc num-buffers=20 ! audioconvert ! %s ! filesink location=\"%s\"",
                                                   encoder, path);

  talkie_test_run_pipeline (description);
}

/* Real recordings in the usual formats are recognised by their content. */
static void
test_upload_formats (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const struct {
    const char *name;
    const char *encoder;
  } formats[] = {
    { "voice.mp3", "lamemp3enc ! id3v2mux" },
    { "no-tag.mp3", "lamemp3enc" },
    { "voice.ogg", "vorbisenc ! oggmux" },
    { "voice.opus", "opusenc ! oggmux" },
    { "voice.flac", "flacenc" },
    { "voice.m4a", "lamemp3enc ! mp4mux" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (fixture->work_dir, formats[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;

      g_test_message ("format %s", formats[i].name);
      encode_tone (formats[i].encoder, path);
      url = upload (fixture->client, file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (url);
    }

  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/upload/"), ==, G_N_ELEMENTS (formats));
}

static void
test_upload_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Dear diary,\nthis is not a recording.\n", 37);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GFile) text_file = talkie_test_write_file (fixture->work_dir, "notes.mp3", text);
  g_autoptr(GFile) empty_file = talkie_test_write_file (fixture->work_dir, "empty.wav", empty);
  g_autoptr(GFile) png_file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autofree char *missing_path = g_build_filename (fixture->work_dir, "nowhere.wav", NULL);
  static const guint8 png_head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                     0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A text named .mp3: the content decides, and it is not audio. */
  url = upload (fixture->client, text_file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
  g_clear_error (&error);

  png = g_bytes_new_static (png_head, sizeof png_head);
  png_file = talkie_test_write_file (fixture->work_dir, "picture.wav", png);
  url = upload (fixture->client, png_file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
  g_clear_error (&error);

  url = upload (fixture->client, empty_file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_EMPTY);
  g_clear_error (&error);

  missing = g_file_new_for_path (missing_path);
  url = upload (fixture->client, missing, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing reached the server. */
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 0);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/upload/"), ==, 0);
}

static TalkieRenderRequest *
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
static char *
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

static void
test_render_to_video (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *asset_url = upload_voice (fixture, NULL);
  g_autoptr(TalkieRenderRequest) request = make_request (fixture, asset_url);
  g_autoptr(TalkieProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;
  g_autofree char *video_path = NULL;
  g_autoptr(GFile) video = NULL;
  g_autoptr(GBytes) bytes = NULL;
  TalkieProjectStatus last = TALKIE_PROJECT_STATUS_UNKNOWN;
  Progress progress = { 0, 0, 0, TRUE, NULL, FALSE };
  guint polls = 0;

  project_id = create_render (fixture->client, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project_id);
  g_assert_cmpstr (project_id, !=, "");

  /* Poll until a final status; the statuses only move forward. */
  while (TRUE)
    {
      g_clear_object (&project);
      project = get_project (fixture->client, project_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (talkie_project_get_id (project), ==, project_id);
      g_assert_cmpint (talkie_project_get_status (project), >=, last);
      last = talkie_project_get_status (project);
      polls++;

      if (talkie_project_status_is_final (last))
        break;

      /* Wait a step of the sandbox, then poll again. */
      talkie_test_wait_ms (STEP_MS * 2);
    }

  g_assert_cmpint (last, ==, TALKIE_PROJECT_STATUS_SUCCESS);
  g_assert_cmpuint (polls, >=, 2);
  g_assert_nonnull (talkie_project_get_video_url (project));
  g_assert_cmpfloat (talkie_project_get_video_duration (project), >, 0.0);
  g_assert_cmpint (talkie_project_get_created_at (project), >, 0);

  video_path = g_build_filename (fixture->work_dir, "talk.webm", NULL);
  video = g_file_new_for_path (video_path);
  g_assert_true (download (fixture->client, talkie_project_get_video_url (project), video,
                           &progress, NULL, &error));
  g_assert_no_error (error);
  bytes = read_file (video);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
  /* WebM starts with the EBML magic. */
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "\x1a\x45\xdf\xa3", 4);
  g_assert_cmpint (progress.last_done, ==, (goffset)g_bytes_get_size (bytes));
  g_assert_true (progress.monotonic);
  g_assert_true (progress.destroyed);
  g_assert_cmpuint (talkie_test_count_files (fixture->work_dir, ".talk.webm"), ==, 0);
}

static void
test_render_invalid_request (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(TalkieRenderRequest) request = talkie_render_request_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = create_render (fixture->client, request, &error);
  g_assert_null (id);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/render/talking_avatar"), ==, 0);
}

static void
test_unknown_project (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TalkieProject) project = get_project (fixture->client, "no such & project", &error);

  g_assert_null (project);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_RECORD_NOT_FOUND);
}

/* ------------------------------------------------------------------------- */
/* the key and the base                                                      */

static void
test_wrong_key (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) wav = make_wav (0.2);
  g_autofree char *url = NULL;

  talkie_client_set_api_key (fixture->client, "not-the-key");
  g_assert_true (talkie_client_has_api_key (fixture->client));
  list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INVALID_KEY);
  g_assert_cmpstr (error->message, ==, "The server did not accept the API key.");
  g_assert_null (strstr (error->message, "not-the-key"));
  g_assert_false (talkie_error_is_transient (error));
  g_clear_error (&error);

  /* No key at all: refused before anything is sent. */
  talkie_client_set_api_key (fixture->client, NULL);
  g_assert_false (talkie_client_has_api_key (fixture->client));
  list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY);
  g_clear_error (&error);

  file = talkie_test_write_file (fixture->work_dir, "v.wav", wav);
  url = upload (fixture->client, file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY);
  g_clear_error (&error);

  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/open/avatar"), ==, 1);

  /* The right key again: it works. */
  talkie_client_set_api_key (fixture->client, talkie_sandbox_get_api_key (fixture->sandbox));
  list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
}

static void
test_redact (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;

  text = talkie_client_redact (fixture->client,
                               "GET /open/avatar x-api-key: test-key-0123456789 (test-key-0123456789)");
  g_assert_cmpstr (text, ==, "GET /open/avatar x-api-key: [redacted] ([redacted])");
  none = talkie_client_redact (fixture->client, "nothing secret");
  g_assert_cmpstr (none, ==, "nothing secret");
  g_assert_null (talkie_client_redact (fixture->client, NULL));
}

static void
test_base_url (void)
{
  static const struct {
    const char *base;
    gboolean ok;
    const char *normalised;
  } cases[] = {
    { "https://api.example.com", TRUE, "https://api.example.com" },
    { "https://api.example.com/", TRUE, "https://api.example.com" },
    { "http://127.0.0.1:8080", TRUE, "http://127.0.0.1:8080" },
    { "http://127.1.2.3:8080/", TRUE, "http://127.1.2.3:8080" },
    { "http://localhost:9000", TRUE, "http://localhost:9000" },
    { "  http://localhost:9000//  ", TRUE, "http://localhost:9000" },
    { "https://example.com/prefix/", TRUE, "https://example.com/prefix" },
    { "http://[::1]:9000", TRUE, "http://[::1]:9000" },
    { "http://example.com", FALSE, NULL },
    { "http://10.0.0.1:8080", FALSE, NULL },
    { "http://localhost.example.com", FALSE, NULL },
    { "http://127.0.0.1.example.com", FALSE, NULL },
    { "ftp://127.0.0.1", FALSE, NULL },
    { "file:///etc/passwd", FALSE, NULL },
    { "not a url", FALSE, NULL },
    { "https://", FALSE, NULL },
  };
  g_autoptr(TalkieClient) joggai = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TalkieClient) client = NULL;
      g_autoptr(GError) local_error = NULL;

      g_test_message ("base %s", cases[i].base);
      client = talkie_client_new ("k", cases[i].base, &local_error);
      if (cases[i].ok)
        {
          g_assert_no_error (local_error);
          g_assert_cmpstr (talkie_client_get_base_url (client), ==, cases[i].normalised);
        }
      else
        {
          g_assert_null (client);
          g_assert_error (local_error, TALKIE_API_ERROR, TALKIE_API_ERROR_INSECURE_BASE);
        }
    }

  joggai = talkie_client_new ("k", "  ", &error);
  g_assert_no_error (error);
  g_assert_null (talkie_client_get_base_url (joggai));
  g_assert_nonnull (talkie_client_get_session (joggai));
  g_assert_cmpstr (soup_session_get_user_agent (talkie_client_get_session (joggai)), ==,
                   talkie_core_get_user_agent ());
}

/* ------------------------------------------------------------------------- */
/* faults                                                                    */

static void
test_faults (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const struct {
    TalkieSandboxFault fault;
    int value;
    int domain_is_api;
    int code;
  } faults[] = {
    { TALKIE_SANDBOX_FAULT_HTTP_500, 0, TRUE, TALKIE_API_ERROR_HTTP },
    { TALKIE_SANDBOX_FAULT_MALFORMED, 0, TRUE, TALKIE_API_ERROR_MALFORMED },
    { TALKIE_SANDBOX_FAULT_TRUNCATED, 0, TRUE, TALKIE_API_ERROR_MALFORMED },
    { TALKIE_SANDBOX_FAULT_DROP, 0, TRUE, TALKIE_API_ERROR_NETWORK },
    { TALKIE_SANDBOX_FAULT_API_CODE, 10104, TRUE, TALKIE_API_ERROR_RECORD_NOT_FOUND },
    { TALKIE_SANDBOX_FAULT_API_CODE, 10105, TRUE, TALKIE_API_ERROR_INVALID_KEY },
    { TALKIE_SANDBOX_FAULT_API_CODE, 18020, TRUE, TALKIE_API_ERROR_INSUFFICIENT_CREDIT },
    { TALKIE_SANDBOX_FAULT_API_CODE, 18025, TRUE, TALKIE_API_ERROR_NO_PERMISSION },
    { TALKIE_SANDBOX_FAULT_API_CODE, 40000, TRUE, TALKIE_API_ERROR_PARAMETER },
    { TALKIE_SANDBOX_FAULT_API_CODE, 50000, TRUE, TALKIE_API_ERROR_SYSTEM },
    { TALKIE_SANDBOX_FAULT_API_CODE, 31337, TRUE, TALKIE_API_ERROR_UNKNOWN_CODE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) list = NULL;
      g_autoptr(GListModel) again = NULL;
      g_autoptr(TalkieProject) project = NULL;

      g_test_message ("fault %d value %d", faults[i].fault, faults[i].value);

      talkie_sandbox_set_fault (fixture->sandbox, "/open/avatar", faults[i].fault, faults[i].value, 1);
      list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
      g_assert_null (list);
      g_assert_error (error, TALKIE_API_ERROR, faults[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_null (strstr (error->message, "test-key-0123456789"));
      g_clear_error (&error);

      /* The same fault on the status call. */
      talkie_sandbox_set_fault (fixture->sandbox, "/v1/project", faults[i].fault, faults[i].value, 1);
      project = get_project (fixture->client, "whatever", &error);
      g_assert_null (project);
      g_assert_error (error, TALKIE_API_ERROR, faults[i].code);
      g_clear_error (&error);

      /* The fault was used up: the next call works. */
      again = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (again), ==, AVATAR_COUNT);
    }

  /* 500 and network failures are worth retrying; a bad key is not. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) list = NULL;

    talkie_sandbox_set_fault (fixture->sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 1);
    list = talkie_test_list_voices (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY, &error);
    g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP);
    g_assert_nonnull (strstr (error->message, "500"));
    g_assert_true (talkie_error_is_transient (error));
  }
}

static void
test_fault_timeout (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;

  talkie_client_set_timeout (fixture->client, 1);
  talkie_sandbox_set_fault (fixture->sandbox, "/open/avatar", TALKIE_SANDBOX_FAULT_DELAY, 2500, 1);
  list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TIMEOUT);
  g_assert_true (talkie_error_is_transient (error));
  g_clear_error (&error);

  /* A short delay within the timeout is fine. */
  talkie_client_set_timeout (fixture->client, 20);
  talkie_sandbox_set_fault (fixture->sandbox, "/open/avatar", TALKIE_SANDBOX_FAULT_DELAY, 50, 1);
  list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, AVATAR_COUNT);
}

static void
test_fault_upload_and_media (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GBytes) wav = make_wav (0.5);
  g_autoptr(GFile) file = talkie_test_write_file (fixture->work_dir, "voice.wav", wav);
  g_autoptr(GBytes) old = g_bytes_new_static ("previous contents", 17);
  g_autoptr(GFile) destination = talkie_test_write_file (fixture->work_dir, "saved.webm", old);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) video = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *asset_url = NULL;
  g_autofree char *video_url = NULL;

  /* The signed-URL PUT fails with a 500. */
  talkie_sandbox_set_fault (fixture->sandbox, "/upload/", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 1);
  url = upload (fixture->client, file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP);
  g_clear_error (&error);

  /* The asset request answers with no credit. */
  talkie_sandbox_set_fault (fixture->sandbox, "/v1/upload/asset", TALKIE_SANDBOX_FAULT_API_CODE, 18020, 1);
  url = upload (fixture->client, file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INSUFFICIENT_CREDIT);
  g_assert_cmpstr (error->message, ==, "Your JoggAI account has no credit left. Top it up, then try again.");
  g_clear_error (&error);

  asset_url = upload (fixture->client, file, NULL, NULL, &error);
  g_assert_no_error (error);
  video_url = render_video (fixture);
  video = fetch (video_url);

  /* A media download cut short leaves the destination as it was, and no part
   * file. (The sandbox's dropped reply calls itself application/json: refused
   * as not a video before the cut; tests/hostile cuts real videos short.) */
  talkie_sandbox_set_fault (fixture->sandbox, "/media/", TALKIE_SANDBOX_FAULT_DROP, 0, 1);
  g_assert_false (download (fixture->client, video_url, destination, NULL, NULL, &error));
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NOT_A_VIDEO);
  g_clear_error (&error);
  after = read_file (destination);
  g_assert_true (g_bytes_equal (after, old));
  g_assert_cmpuint (talkie_test_count_files (fixture->work_dir, ".saved.webm"), ==, 0);
  g_clear_pointer (&after, g_bytes_unref);

  /* A missing media file is an HTTP error, same outcome. */
  {
    g_autofree char *missing = g_strconcat (talkie_sandbox_get_base_url (fixture->sandbox),
                                            "/media/nothing-here.webm", NULL);

    g_assert_false (download (fixture->client, missing, destination, NULL, NULL, &error));
    g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP);
    g_clear_error (&error);
    after = read_file (destination);
    g_assert_true (g_bytes_equal (after, old));
    g_clear_pointer (&after, g_bytes_unref);
  }

  /* The recording is not a video: refused, the old file kept. */
  g_assert_false (download (fixture->client, asset_url, destination, NULL, NULL, &error));
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NOT_A_VIDEO);
  g_clear_error (&error);
  after = read_file (destination);
  g_assert_true (g_bytes_equal (after, old));
  g_clear_pointer (&after, g_bytes_unref);

  /* And then the download replaces it. */
  g_assert_true (download (fixture->client, video_url, destination, NULL, NULL, &error));
  g_assert_no_error (error);
  after = read_file (destination);
  g_assert_true (g_bytes_equal (after, video));
  g_assert_cmpuint (talkie_test_count_files (fixture->work_dir, ".saved.webm"), ==, 0);
}

static void
test_connection_refused (void)
{
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  /* Take a free port, then close it. */
  sandbox = talkie_test_start_sandbox (NULL);
  base = g_strdup (talkie_sandbox_get_base_url (sandbox));
  talkie_sandbox_stop (sandbox);

  client = talkie_client_new ("k", base, &error);
  g_assert_no_error (error);
  list = talkie_test_list_avatars (client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NETWORK);
  g_assert_cmpstr (error->message, ==, "Could not reach the server. Check your connection and try again.");
  g_assert_true (talkie_error_is_transient (error));
}

/* ------------------------------------------------------------------------- */
/* cancellation                                                              */

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) upload_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) download_cancellable = g_cancellable_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wav = make_wav (6.0);
  g_autoptr(GFile) file = talkie_test_write_file (fixture->work_dir, "long.wav", wav);
  g_autoptr(GFile) destination = NULL;
  g_autofree char *destination_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *video_url = NULL;
  Progress progress = { 0, 0, 0, TRUE, NULL, FALSE };

  /* Mid-call: the server holds the answer, we cancel. */
  talkie_sandbox_set_fault (fixture->sandbox, "/open/avatar", TALKIE_SANDBOX_FAULT_DELAY, 3000, 1);
  g_timeout_add (50, cancel_cb, cancellable);
  list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, cancellable, &error);
  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  talkie_sandbox_clear_faults (fixture->sandbox);

  /* Mid-upload: cancelled from the first progress report with bytes sent. */
  progress.cancel_after_first = upload_cancellable;
  url = upload (fixture->client, file, &progress, upload_cancellable, &error);
  g_assert_null (url);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (progress.last_done, <, (goffset)g_bytes_get_size (wav));
  g_assert_true (progress.destroyed);
  g_clear_error (&error);

  /* Mid-download: nothing is left behind. */
  video_url = render_video (fixture);
  destination_path = g_build_filename (fixture->work_dir, "copy.webm", NULL);
  destination = g_file_new_for_path (destination_path);
  progress = (Progress) { 0, 0, 0, TRUE, download_cancellable, FALSE };
  g_assert_false (download (fixture->client, video_url, destination, &progress, download_cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_query_exists (destination, NULL));
  g_assert_cmpuint (talkie_test_count_files (fixture->work_dir, ".copy.webm"), ==, 0);
  g_clear_error (&error);

  /* The client still works afterwards. */
  list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, AVATAR_COUNT);
}

/* ------------------------------------------------------------------------- */
/* big replies                                                               */

static void
test_ten_thousand_avatars (void)
{
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(TalkieAvatar) last = NULL;
  g_autoptr(GError) error = NULL;

  sandbox = talkie_test_start_sandbox ("avatar-count", 10000, NULL);
  client = talkie_test_client_new_for_sandbox (sandbox);

  /* Over a megabyte of JSON: parsed in a worker thread. */
  list = talkie_test_list_avatars (client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_LANDSCAPE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 10000);
  last = g_list_model_get_item (list, 9999);
  g_assert_cmpint (talkie_avatar_get_aspect_ratio (last), ==, TALKIE_ASPECT_RATIO_LANDSCAPE);
  g_assert_nonnull (talkie_avatar_get_cover_url (last));

  talkie_sandbox_stop (sandbox);
}

/* A server that answers every request with a body over the cap: chunked when
 * @user_data is NULL (the stream cap must stop it), with its length otherwise. */
static void
huge_reply_handler (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize len = TALKIE_REPLY_MAX_BYTES + 1024;
  char *data = g_malloc (len);

  memset (data, ' ', len);
  data[0] = '{';
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (user_data == NULL)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_append (body, SOUP_MEMORY_TAKE, data, len);
  soup_message_body_complete (body);
}

static void
test_too_large (void)
{
  for (guint with_length = 0; with_length < 2; with_length++)
    {
      g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
      g_autoptr(TalkieClient) client = NULL;
      g_autoptr(GListModel) list = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *base = NULL;
      GSList *uris;

      soup_server_add_handler (server, NULL, huge_reply_handler, GUINT_TO_POINTER (with_length), NULL);
      soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
      g_assert_no_error (error);
      uris = soup_server_get_uris (server);
      base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

      client = talkie_client_new ("k", base, &error);
      g_assert_no_error (error);
      list = talkie_test_list_avatars (client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
      g_assert_null (list);
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE);

      soup_server_disconnect (server);
    }
}

/* ------------------------------------------------------------------------- */
/* what goes on the wire                                                     */

typedef struct
{
  GHashTable *api_keys;     /* path → x-api-key seen, "" when none */
  GHashTable *user_agents;  /* path → User-Agent */
} Seen;

static void
recording_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Seen *seen = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "x-api-key");
  const char *agent = soup_message_headers_get_one (headers, "User-Agent");

  g_hash_table_replace (seen->api_keys, g_strdup (path), g_strdup (key ? key : ""));
  g_hash_table_replace (seen->user_agents, g_strdup (path), g_strdup (agent ? agent : ""));

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (g_str_has_prefix (path, "/open/"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[]}}",
                                      strlen ("{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[]}}"));
  else
    soup_server_message_set_response (msg, "video/webm", SOUP_MEMORY_COPY,
                                      g_bytes_get_data (small_webm (), NULL),
                                      g_bytes_get_size (small_webm ()));
}

static void
test_headers (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autofree char *base = NULL;
  g_autofree char *media_url = NULL;
  g_autofree char *destination_path = NULL;
  Seen seen;
  GSList *uris;

  seen.api_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  seen.user_agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  soup_server_add_handler (server, NULL, recording_handler, &seen, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  client = talkie_client_new ("  the-key  ", base, &error);
  g_assert_no_error (error);

  list = talkie_test_list_avatars (client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpstr (g_hash_table_lookup (seen.api_keys, "/open/avatar"), ==, "the-key");
  g_assert_cmpstr (g_hash_table_lookup (seen.user_agents, "/open/avatar"), ==, "Talkie/" PACKAGE_VERSION);

  /* Media never carry the key. */
  media_url = g_strconcat (base, "/media/video.webm", NULL);
  destination_path = g_build_filename (fixture->work_dir, "video.webm", NULL);
  destination = g_file_new_for_path (destination_path);
  g_assert_true (download (client, media_url, destination, NULL, NULL, &error));
  g_assert_no_error (error);
  saved = read_file (destination);
  g_assert_true (g_bytes_equal (saved, small_webm ()));
  g_assert_cmpstr (g_hash_table_lookup (seen.api_keys, "/media/video.webm"), ==, "");
  g_assert_cmpstr (g_hash_table_lookup (seen.user_agents, "/media/video.webm"), ==, "Talkie/" PACKAGE_VERSION);

  soup_server_disconnect (server);
  g_hash_table_unref (seen.api_keys);
  g_hash_table_unref (seen.user_agents);
}

static gboolean
not_http_incoming_cb (GSocketService    *service,
                      GSocketConnection *connection,
                      GObject           *source,
                      gpointer           user_data)
{
  static const char banner[] = "SSH-2.0-OpenSSH_9.2\r\n\r\n";

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             banner, sizeof banner - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

/* Something listens, but it does not speak HTTP. */
static void
test_not_http (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (not_http_incoming_cb), NULL);
  g_socket_service_start (service);

  base = g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = talkie_client_new ("k", base, &error);
  g_assert_no_error (error);
  list = talkie_test_list_avatars (client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);

  g_socket_service_stop (service);
}

static void
tls_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

/* An https server whose certificate nobody vouches for. */
static void
test_tls_refused (void)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "core", "fixtures", "tls-self-signed.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GSList *uris;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking) installed");
      return;
    }

  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  client = talkie_client_new ("k", base, &error);
  g_assert_no_error (error);
  list = talkie_test_list_avatars (client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, NULL, &error);
  g_assert_null (list);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TLS);
  g_assert_false (talkie_error_is_transient (error));

  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/client/list-avatars", test_list_avatars);
  ADD ("/client/list-voices", test_list_voices);
  ADD ("/client/upload", test_upload);
  ADD ("/client/upload-formats", test_upload_formats);
  ADD ("/client/upload-refused", test_upload_refused);
  ADD ("/client/render-to-video", test_render_to_video);
  ADD ("/client/render-invalid-request", test_render_invalid_request);
  ADD ("/client/unknown-project", test_unknown_project);
  ADD ("/client/wrong-key", test_wrong_key);
  ADD ("/client/redact", test_redact);
  ADD ("/client/headers", test_headers);
  ADD ("/client/faults", test_faults);
  ADD ("/client/fault-timeout", test_fault_timeout);
  ADD ("/client/fault-upload-and-media", test_fault_upload_and_media);
  ADD ("/client/cancel", test_cancel);
  g_test_add_func ("/client/base-url", test_base_url);
  g_test_add_func ("/client/connection-refused", test_connection_refused);
  g_test_add_func ("/client/ten-thousand-avatars", test_ten_thousand_avatars);
  g_test_add_func ("/client/too-large", test_too_large);
  g_test_add_func ("/client/not-http", test_not_http);
  g_test_add_func ("/client/tls-refused", test_tls_refused);

#undef ADD

  return g_test_run ();
}
