/* test-sandbox-render.c: renders, from the request's checks through the status
 * walk to the video, looked at with GstDiscoverer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>

#include "test-sandbox-utils.h"

#include "talkie-test-utils.h"

static void
discover_video (Fixture    *f,
                const char *video_url,
                double      expected_seconds,
                int         width,
                int         height)
{
  g_autoptr(Response) video = media_get (f, video_url, NULL);
  g_autofree char *path = g_build_filename (f->tmpdir, "video.webm", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  GList *videos, *audios;
  double seconds;

  g_assert_no_error (video->error);
  g_assert_cmpuint (video->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (video->headers, NULL), ==, "video/webm");
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (video->body, NULL),
                                      g_bytes_get_size (video->body), &error));

  uri = g_filename_to_uri (path, NULL, NULL);
  info = talkie_test_discover (uri, 20 * GST_SECOND);

  videos = gst_discoverer_info_get_video_streams (info);
  audios = gst_discoverer_info_get_audio_streams (info);
  g_assert_cmpuint (g_list_length (videos), ==, 1);
  g_assert_cmpuint (g_list_length (audios), ==, 1);
  g_assert_cmpuint (gst_discoverer_video_info_get_width (videos->data), ==, width);
  g_assert_cmpuint (gst_discoverer_video_info_get_height (videos->data), ==, height);
  gst_discoverer_stream_info_list_free (videos);
  gst_discoverer_stream_info_list_free (audios);

  seconds = (double) gst_discoverer_info_get_duration (info) / GST_SECOND;
  if (fabs (seconds - expected_seconds) > 0.35)
    g_error ("the video lasts %.2f s, the audio %.2f s", seconds, expected_seconds);

  g_remove (path);
}

static void
test_render_video (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *audio = make_audio (f, "voice.mp3", "lamemp3enc ! id3v2mux", 100);  /* 2.32 s */
  g_autofree char *asset_url = upload_file (f, audio, "audio/mpeg");
  g_autofree char *json = render_json (0, asset_url, 2.32, 5, 0, 1, "en-US-EmilyNeural", 2);
  g_autofree char *prj_id = start_render (f, json);
  g_autoptr(Response) last = NULL;
  g_autoptr(GArray) seen = poll_until_final (f, prj_id, &last);
  JsonObject *d = data_of (last);
  const char *video_url = json_object_get_string_member (d, "video_url");

  assert_walk (seen, 4);
  g_assert_cmpstr (json_object_get_string_member (d, "status_desc"), ==, "success");
  g_assert_cmpint (json_object_get_int_member (d, "video_duration"), ==, 2);
  g_assert_true (g_str_has_prefix (video_url, talkie_sandbox_get_base_url (f->sandbox)));
  discover_video (f, video_url, 2.32, 180, 320);

  /* the finished video is itself hosted media a later render may reuse: its
   * sound is taken, its pictures left out */
  {
    g_autoptr(Response) part = media_get (f, video_url, "bytes=0-99");
    g_autofree char *again = render_json (1, video_url, 2.32, 10007, 0, 1, "en-US-JamesNeural", 2);
    g_autofree char *second = NULL;
    g_autoptr(Response) second_last = NULL;
    g_autoptr(GArray) second_seen = NULL;

    g_assert_cmpuint (part->status, ==, 206);
    g_assert_cmpmem (g_bytes_get_data (part->body, NULL), 4, "\x1a\x45\xdf\xa3", 4);

    second = start_render (f, again);
    second_seen = poll_until_final (f, second, &second_last);
    assert_walk (second_seen, 4);
    discover_video (f, json_object_get_string_member (data_of (second_last), "video_url"), 2.32, 320, 180);
  }

  /* a file without sound (a cover) is accepted, then fails with a reason */
  {
    g_autoptr(Response) list = api_get (f, "/open/avatar?aspect_ratio=0");
    const char *cover = json_object_get_string_member (json_array_get_object_element (
                          json_object_get_array_member (data_of (list), "avatars"), 0), "cover_url");
    g_autofree char *silent = render_json (0, cover, 1.0, 1, 0, 1, "en-US-JamesNeural", 2);
    g_autofree char *third = start_render (f, silent);
    g_autoptr(Response) third_last = NULL;
    g_autoptr(GArray) third_seen = poll_until_final (f, third, &third_last);

    assert_walk (third_seen, 5);
    g_assert_nonnull (strstr (json_object_get_string_member (data_of (third_last), "status_desc"), "no sound"));
  }
}

static void
test_render_clock (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *audio = make_audio (f, "clock.ogg", "vorbisenc ! oggmux", 30);
  g_autofree char *asset_url = upload_file (f, audio, "audio/ogg");
  g_autofree char *json = render_json (1, asset_url, 0.7, 10003, 0, 1, "en-GB-OliviaNeural", 1);
  g_autofree char *prj_id = NULL;
  g_autoptr(Response) last = NULL;
  g_autoptr(GArray) seen = NULL;

  /* the default: status follows the clock, like the real service */
  g_object_set (f->sandbox, "report-every-step", FALSE, NULL);
  prj_id = start_render (f, json);
  talkie_test_wait_ms (4 * STEP_MS);

  /* at least three steps have passed: a late first poll sees 3 (video not yet
   * finished) or 4, never 1 or 2 */
  seen = poll_until_final (f, prj_id, &last);
  g_assert_cmpint (g_array_index (seen, int, 0), >=, 3);
  g_assert_cmpint (g_array_index (seen, int, seen->len - 1), ==, 4);
}

static void
test_render_green_mine (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Response) voices = api_get (f, "/open/timbre/user");
  JsonObject *voice = json_array_get_object_element (json_object_get_array_member (data_of (voices), "timbres"), 0);
  /* the audio is the sandbox's own audition clip, fetched over HTTP by the encoder */
  g_autofree char *json = render_json (2, json_object_get_string_member (voice, "audition_url"), 2.0,
                                       900002, 1, 2, json_object_get_string_member (voice, "lang_id"), 1);
  g_autofree char *prj_id = start_render (f, json);
  g_autoptr(Response) last = NULL;
  g_autoptr(GArray) seen = poll_until_final (f, prj_id, &last);

  assert_walk (seen, 4);
  discover_video (f, json_object_get_string_member (data_of (last), "video_url"), 2.0, 240, 240);
}

static void
test_render_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = render_json (1, "http://127.0.0.1:9/voice.mp3", 3.0, 10001, 0, 1, "de-DE-LukasNeural", 2);
  g_autofree char *prj_id = NULL;
  g_autofree char *second = NULL;
  g_autoptr(Response) last = NULL;
  g_autoptr(GArray) seen = NULL;

  talkie_sandbox_set_fault (f->sandbox, "/open/render/talking_avatar", TALKIE_SANDBOX_FAULT_RENDER_FAILS, 0, 1);
  prj_id = start_render (f, json);
  seen = poll_until_final (f, prj_id, &last);
  assert_walk (seen, 5);
  g_assert_false (json_object_has_member (data_of (last), "video_url"));
  g_assert_nonnull (strstr (json_object_get_string_member (data_of (last), "status_desc"), "failed"));

  /* used up: the next render is not made to fail by the fault (but this audio
   * cannot be fetched, so it fails on its own, with a reason) */
  g_clear_pointer (&last, response_free);
  g_clear_pointer (&seen, g_array_unref);
  second = start_render (f, json);
  seen = poll_until_final (f, second, &last);
  assert_walk (seen, 5);
  g_assert_null (strstr (json_object_get_string_member (data_of (last), "status_desc"), "render-fails"));
  g_assert_nonnull (strstr (json_object_get_string_member (data_of (last), "status_desc"), "audio"));
}

static void
test_render_unreachable_audio (Fixture       *f,
                               gconstpointer  data)
{
  /* a port nothing listens on: the encoder fails, the project ends in 5 */
  g_autofree char *json = render_json (1, "http://127.0.0.1:9/none.mp3", 1.5, 10002, 0, 1, "en-US-JamesNeural", 2);
  g_autofree char *prj_id = start_render (f, json);
  g_autoptr(Response) last = NULL;
  g_autoptr(GArray) seen = poll_until_final (f, prj_id, &last);
  g_autofree char *video = g_strdup_printf ("/media/video/%s.webm", prj_id);
  g_autoptr(Response) r = media_get (f, video, NULL);

  assert_walk (seen, 5);
  g_assert_cmpuint (r->status, ==, 404);
}

static void
test_project_unknown (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Response) r = api_get (f, "/v1/project?project_id=doesnotexist");
  g_autoptr(Response) missing = api_get (f, "/v1/project");

  g_assert_cmpint (envelope_code (r), ==, 10104);
  assert_parameter_error (missing, "project_id");
}

static void
test_render_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *audio = make_audio (f, "short.ogg", "vorbisenc ! oggmux", 20);
  g_autofree char *asset = upload_file (f, audio, "audio/ogg");
  g_autofree char *base = g_strdup (talkie_sandbox_get_base_url (f->sandbox));
  g_autofree char *not_uploaded = g_strdup_printf ("%s/media/upload/feedfacefeedface/x.mp3", base);
  g_autofree char *own_nothing = g_strdup_printf ("%s/somewhere/x.mp3", base);
  g_autofree char *good = render_json (0, asset, 1.0, 1, 0, 1, "en-US-EmilyNeural", 2);
  struct {
    char *json;
    const char *field;
  } cases[] = {
    { g_strdup ("nonsense"), NULL },
    { g_strdup ("{\"audio_script\":{\"url\":\"https://a.b/c.mp3\",\"duration\":1},\"person_id\":1,\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":\"en-US-EmilyNeural\",\"render_subtitle\":2}"), "aspect_ratio" },
    { render_json (3, asset, 1.0, 1, 0, 1, "en-US-EmilyNeural", 2), "aspect_ratio" },
    { render_json (-1, asset, 1.0, 1, 0, 1, "en-US-EmilyNeural", 2), "aspect_ratio" },
    { g_strdup ("{\"aspect_ratio\":\"0\",\"audio_script\":{\"url\":\"https://a.b/c.mp3\",\"duration\":1},\"person_id\":1,\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":\"en-US-EmilyNeural\",\"render_subtitle\":2}"), "aspect_ratio" },
    { g_strdup ("{\"aspect_ratio\":0,\"person_id\":1,\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":\"en-US-EmilyNeural\",\"render_subtitle\":2}"), "audio_script" },
    { g_strdup ("{\"aspect_ratio\":0,\"audio_script\":\"https://a.b/c.mp3\",\"person_id\":1,\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":\"en-US-EmilyNeural\",\"render_subtitle\":2}"), "audio_script" },
    { g_strdup ("{\"aspect_ratio\":0,\"audio_script\":{\"duration\":1},\"person_id\":1,\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":\"en-US-EmilyNeural\",\"render_subtitle\":2}"), "audio_script.url" },
    { render_json (0, "ftp://a.b/c.mp3", 1.0, 1, 0, 1, "en-US-EmilyNeural", 2), "audio_script.url" },
    { render_json (0, "file:///etc/passwd", 1.0, 1, 0, 1, "en-US-EmilyNeural", 2), "audio_script.url" },
    { render_json (0, "not a url", 1.0, 1, 0, 1, "en-US-EmilyNeural", 2), "audio_script.url" },
    { render_json (0, not_uploaded, 1.0, 1, 0, 1, "en-US-EmilyNeural", 2), "audio_script.url" },
    { render_json (0, own_nothing, 1.0, 1, 0, 1, "en-US-EmilyNeural", 2), "audio_script.url" },
    { g_strdup_printf ("{\"aspect_ratio\":0,\"audio_script\":{\"url\":\"%s\"},\"person_id\":1,\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":\"en-US-EmilyNeural\",\"render_subtitle\":2}", asset), "audio_script.duration" },
    { render_json (0, asset, 0.0, 1, 0, 1, "en-US-EmilyNeural", 2), "audio_script.duration" },
    { render_json (0, asset, -2.0, 1, 0, 1, "en-US-EmilyNeural", 2), "audio_script.duration" },
    { g_strdup_printf ("{\"aspect_ratio\":0,\"audio_script\":{\"url\":\"%s\",\"duration\":\"1\"},\"person_id\":1,\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":\"en-US-EmilyNeural\",\"render_subtitle\":2}", asset), "audio_script.duration" },
    { render_json (0, asset, 1.0, 99999, 0, 1, "en-US-EmilyNeural", 2), "person_id" },
    { render_json (0, asset, 1.0, 49, 0, 1, "en-US-EmilyNeural", 2), "person_id" },
    { render_json (0, asset, 1.0, 0, 0, 1, "en-US-EmilyNeural", 2), "person_id" },
    { render_json (0, asset, 1.0, 900001, 0, 1, "en-US-EmilyNeural", 2), "person_id" },
    { render_json (0, asset, 1.0, 1, 1, 1, "en-US-EmilyNeural", 2), "person_id" },
    { g_strdup_printf ("{\"aspect_ratio\":0,\"audio_script\":{\"url\":\"%s\",\"duration\":1},\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":\"en-US-EmilyNeural\",\"render_subtitle\":2}", asset), "person_id" },
    { render_json (0, asset, 1.0, 1, 2, 1, "en-US-EmilyNeural", 2), "person_source" },
    { render_json (0, asset, 1.0, 1, 0, 0, "en-US-EmilyNeural", 2), "screen_style" },
    { render_json (0, asset, 1.0, 1, 0, 3, "en-US-EmilyNeural", 2), "screen_style" },
    { render_json (0, asset, 1.0, 1, 0, 1, "xx-Nobody", 2), "tts_voice_id" },
    { g_strdup_printf ("{\"aspect_ratio\":0,\"audio_script\":{\"url\":\"%s\",\"duration\":1},\"person_id\":1,\"person_source\":0,\"screen_style\":1,\"tts_voice_id\":7,\"render_subtitle\":2}", asset), "tts_voice_id" },
    { render_json (0, asset, 1.0, 1, 0, 1, "en-US-EmilyNeural", 0), "render_subtitle" },
    { render_json (0, asset, 1.0, 1, 0, 1, "en-US-EmilyNeural", 3), "render_subtitle" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) r = api_post (f, "/open/render/talking_avatar", cases[i].json);

      g_test_message ("case %u: %s", i, cases[i].json);
      assert_parameter_error (r, cases[i].field);
      g_free (cases[i].json);
    }

  /* and the untouched request is accepted (the upload is our own, so it exists) */
  g_free (start_render (f, good));
}

int
main (int   argc,
      char *argv[])
{
  sandbox_test_init (&argc, &argv);

  sandbox_test_add ("/sandbox/render/validation", test_render_validation);
  sandbox_test_add ("/sandbox/render/video", test_render_video);
  sandbox_test_add ("/sandbox/render/green-screen-mine", test_render_green_mine);
  sandbox_test_add ("/sandbox/render/clock", test_render_clock);
  sandbox_test_add ("/sandbox/render/fails", test_render_fails);
  sandbox_test_add ("/sandbox/render/unreachable-audio", test_render_unreachable_audio);
  sandbox_test_add ("/sandbox/render/project-unknown", test_project_unknown);

  return g_test_run ();
}
