/* test-request.c: the exact body of POST /open/render/talking_avatar, and validation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "test-request"

#include <locale.h>
#include <math.h>

#include "talkie-core.h"

static TalkieRenderRequest *
contract_request (void)
{
  TalkieRenderRequest *request = talkie_render_request_new ();

  request->aspect_ratio = TALKIE_ASPECT_RATIO_PORTRAIT;
  request->audio_url = g_strdup ("https://res.jogg.ai/voice.mp3");
  request->audio_duration = 12.48;
  request->person_id = 81;
  request->person_source = TALKIE_SOURCE_PUBLIC;
  request->screen_style = TALKIE_SCREEN_STYLE_BACKGROUND;
  request->tts_voice_id = g_strdup ("en-US-ChristopherNeural");
  request->subtitles = FALSE;

  return request;
}

static void
test_contract_example (void)
{
  g_autoptr(TalkieRenderRequest) request = contract_request ();
  g_autofree char *json = talkie_render_request_to_json (request);
  g_autoptr(GError) error = NULL;

  g_assert_true (talkie_render_request_validate (request, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json, ==,
                   "{\"aspect_ratio\":0,"
                   "\"audio_script\":{\"url\":\"https://res.jogg.ai/voice.mp3\",\"duration\":12.48},"
                   "\"person_id\":81,"
                   "\"person_source\":0,"
                   "\"screen_style\":1,"
                   "\"tts_voice_id\":\"en-US-ChristopherNeural\","
                   "\"render_subtitle\":2}");
}

static void
test_combinations (void)
{
  const TalkieAspectRatio aspects[] = {
    TALKIE_ASPECT_RATIO_PORTRAIT, TALKIE_ASPECT_RATIO_LANDSCAPE, TALKIE_ASPECT_RATIO_SQUARE,
  };
  const char *aspect_text[] = { "0", "1", "2" };
  const TalkieSource sources[] = { TALKIE_SOURCE_PUBLIC, TALKIE_SOURCE_MINE };
  const char *source_text[] = { "0", "1" };
  const TalkieScreenStyle styles[] = { TALKIE_SCREEN_STYLE_BACKGROUND, TALKIE_SCREEN_STYLE_GREEN_SCREEN };
  const char *style_text[] = { "1", "2" };
  const gboolean subtitles[] = { TRUE, FALSE };
  const char *subtitle_text[] = { "1", "2" };
  guint checked = 0;

  for (guint a = 0; a < G_N_ELEMENTS (aspects); a++)
    for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
      for (guint st = 0; st < G_N_ELEMENTS (styles); st++)
        for (guint sub = 0; sub < G_N_ELEMENTS (subtitles); sub++)
          {
            g_autoptr(TalkieRenderRequest) request = contract_request ();
            g_autoptr(TalkieRenderRequest) copy = NULL;
            g_autofree char *json = NULL;
            g_autofree char *copy_json = NULL;
            g_autofree char *expected = NULL;
            g_autoptr(GError) error = NULL;

            request->aspect_ratio = aspects[a];
            request->person_source = sources[s];
            request->screen_style = styles[st];
            request->subtitles = subtitles[sub];
            request->person_id = 7;
            request->audio_duration = 3.2;

            expected = g_strconcat ("{\"aspect_ratio\":", aspect_text[a],
                                    ",\"audio_script\":{\"url\":\"https://res.jogg.ai/voice.mp3\",\"duration\":3.20}"
                                    ",\"person_id\":7"
                                    ",\"person_source\":", source_text[s],
                                    ",\"screen_style\":", style_text[st],
                                    ",\"tts_voice_id\":\"en-US-ChristopherNeural\""
                                    ",\"render_subtitle\":", subtitle_text[sub],
                                    "}", NULL);

            g_assert_true (talkie_render_request_validate (request, &error));
            g_assert_no_error (error);
            json = talkie_render_request_to_json (request);
            g_assert_cmpstr (json, ==, expected);

            /* The boxed copy says the same. */
            copy = talkie_render_request_copy (request);
            copy_json = talkie_render_request_to_json (copy);
            g_assert_cmpstr (copy_json, ==, expected);
            checked++;
          }

  g_assert_cmpuint (checked, ==, 24);
}

static void
test_duration_and_escaping (void)
{
  static const struct {
    double duration;
    const char *text;
  } durations[] = {
    { 12.48, "12.48" },
    { 3.2, "3.20" },
    { 1.0 / 3.0, "0.33" },
    { 59.999, "60.00" },
    { 600, "600.00" },
    { 0.005, "0.01" },
  };
  g_autoptr(TalkieRenderRequest) request = contract_request ();

  /* A decimal comma locale must not change the wire format. */
  setlocale (LC_NUMERIC, "de_DE.UTF-8");

  for (guint i = 0; i < G_N_ELEMENTS (durations); i++)
    {
      g_autofree char *json = NULL;
      g_autofree char *needle = g_strdup_printf ("\"duration\":%s}", durations[i].text);

      request->audio_duration = durations[i].duration;
      json = talkie_render_request_to_json (request);
      g_assert_nonnull (strstr (json, needle));
    }

  setlocale (LC_NUMERIC, "C");

  /* Strings are escaped and stay valid JSON. */
  g_free (request->tts_voice_id);
  request->tts_voice_id = g_strdup ("we\"ird\\voice\n\tid\x01é");
  g_free (request->audio_url);
  request->audio_url = g_strdup ("https://example.com/a b\"c.mp3?x=1&y=2");
  request->audio_duration = 2.5;

  {
    g_autofree char *json = talkie_render_request_to_json (request);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *root;
    JsonObject *script;

    json_parser_load_from_data (parser, json, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "tts_voice_id"), ==, "we\"ird\\voice\n\tid\x01é");
    script = json_object_get_object_member (root, "audio_script");
    g_assert_cmpstr (json_object_get_string_member (script, "url"), ==, "https://example.com/a b\"c.mp3?x=1&y=2");
    g_assert_cmpfloat (json_object_get_double_member (script, "duration"), ==, 2.5);
    g_assert_cmpint (json_object_get_int_member (root, "person_id"), ==, 81);
    g_assert_true (json_node_get_value_type (json_object_get_member (root, "aspect_ratio")) == G_TYPE_INT64);
    g_assert_true (json_node_get_value_type (json_object_get_member (root, "render_subtitle")) == G_TYPE_INT64);
  }
}

typedef void (*Spoil) (TalkieRenderRequest *request);

static void spoil_no_url (TalkieRenderRequest *r) { g_clear_pointer (&r->audio_url, g_free); }
static void spoil_empty_url (TalkieRenderRequest *r) { g_free (r->audio_url); r->audio_url = g_strdup (""); }
static void spoil_file_url (TalkieRenderRequest *r) { g_free (r->audio_url); r->audio_url = g_strdup ("file:///home/me/voice.mp3"); }
static void spoil_not_url (TalkieRenderRequest *r) { g_free (r->audio_url); r->audio_url = g_strdup ("voice.mp3"); }
static void spoil_zero_duration (TalkieRenderRequest *r) { r->audio_duration = 0.0; }
static void spoil_negative_duration (TalkieRenderRequest *r) { r->audio_duration = -1.5; }
static void spoil_nan_duration (TalkieRenderRequest *r) { r->audio_duration = NAN; }
static void spoil_no_person (TalkieRenderRequest *r) { r->person_id = 0; }
static void spoil_no_voice (TalkieRenderRequest *r) { g_clear_pointer (&r->tts_voice_id, g_free); }
static void spoil_empty_voice (TalkieRenderRequest *r) { g_free (r->tts_voice_id); r->tts_voice_id = g_strdup (""); }
static void spoil_aspect (TalkieRenderRequest *r) { r->aspect_ratio = (TalkieAspectRatio)7; }
static void spoil_source (TalkieRenderRequest *r) { r->person_source = (TalkieSource)3; }
static void spoil_style (TalkieRenderRequest *r) { r->screen_style = (TalkieScreenStyle)0; }

static void
test_validation (void)
{
  const Spoil spoils[] = {
    spoil_no_url, spoil_empty_url, spoil_file_url, spoil_not_url,
    spoil_zero_duration, spoil_negative_duration, spoil_nan_duration,
    spoil_no_person, spoil_no_voice, spoil_empty_voice,
    spoil_aspect, spoil_source, spoil_style,
  };

  for (guint i = 0; i < G_N_ELEMENTS (spoils); i++)
    {
      g_autoptr(TalkieRenderRequest) request = contract_request ();
      g_autoptr(GError) error = NULL;

      spoils[i] (request);
      g_assert_false (talkie_render_request_validate (request, &error));
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER);
      g_assert_cmpstr (error->message, !=, "");
    }

  /* A fresh request is not valid until filled in. */
  {
    g_autoptr(TalkieRenderRequest) request = talkie_render_request_new ();
    g_autoptr(GError) error = NULL;

    g_assert_false (talkie_render_request_validate (request, &error));
    g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER);
  }
}

static void
test_boxed (void)
{
  g_autoptr(TalkieRenderRequest) request = contract_request ();
  TalkieRenderRequest *copy;

  g_assert_true (G_TYPE_IS_BOXED (TALKIE_TYPE_RENDER_REQUEST));
  copy = g_boxed_copy (TALKIE_TYPE_RENDER_REQUEST, request);
  g_assert_true (copy != request);
  g_assert_true (copy->audio_url != request->audio_url);
  g_assert_cmpstr (copy->audio_url, ==, request->audio_url);
  g_assert_cmpstr (copy->tts_voice_id, ==, request->tts_voice_id);
  g_assert_cmpint (copy->person_id, ==, request->person_id);
  g_boxed_free (TALKIE_TYPE_RENDER_REQUEST, copy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/contract-example", test_contract_example);
  g_test_add_func ("/request/combinations", test_combinations);
  g_test_add_func ("/request/duration-and-escaping", test_duration_and_escaping);
  g_test_add_func ("/request/validation", test_validation);
  g_test_add_func ("/request/boxed", test_boxed);

  return g_test_run ();
}
