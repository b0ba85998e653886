/* test-reply.c: the contract's replies, and drifted ones, through talkie-reply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "test-reply"

#include "talkie-core.h"

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static JsonNode *
envelope_of (const char  *name,
             GError     **error)
{
  g_autoptr(GBytes) body = load_fixture (name);

  return talkie_reply_parse_envelope (200, body, error);
}

static void
assert_envelope_error (guint       http_status,
                       const char *fixture,
                       int         code)
{
  g_autoptr(GBytes) body = load_fixture (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = NULL;

  data = talkie_reply_parse_envelope (http_status, body, &error);
  g_assert_null (data);
  g_assert_error (error, TALKIE_API_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_avatars_contract (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = envelope_of ("avatars-contract.json", &error);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(TalkieAvatar) first = NULL;
  g_autoptr(TalkieAvatar) second = NULL;

  g_assert_no_error (error);
  list = talkie_reply_parse_avatars (data, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_LANDSCAPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (list) == TALKIE_TYPE_AVATAR);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  first = g_list_model_get_item (list, 0);
  g_assert_cmpint (talkie_avatar_get_id (first), ==, 81);
  g_assert_cmpstr (talkie_avatar_get_name (first), ==, "Amanda outdoors");
  g_assert_cmpstr (talkie_avatar_get_cover_url (first), ==, "https://res.jogg.ai/covers/81.jpg");
  g_assert_cmpint (talkie_avatar_get_source (first), ==, TALKIE_SOURCE_PUBLIC);
  g_assert_cmpint (talkie_avatar_get_aspect_ratio (first), ==, TALKIE_ASPECT_RATIO_LANDSCAPE);

  second = g_list_model_get_item (list, 1);
  g_assert_cmpint (talkie_avatar_get_id (second), ==, 82);
  g_assert_cmpstr (talkie_avatar_get_name (second), ==, "Ben in the studio");
}

static void
test_avatars_drift (void)
{
  static const struct {
    gint64 id;
    const char *name;
    const char *cover_url;
  } expected[] = {
    { 83, "Id as a string", "https://res.jogg.ai/covers/83.jpg" },
    { 84, "No cover", NULL },
    { 85, "Empty cover", NULL },
    { 86, "<b>Bold</b> & <i>friends</i>", NULL },
    { 88, "Id as an integral float", NULL },
    { 89, "Id with spaces", NULL },
    { 90, "", "https://res.jogg.ai/covers/90.jpg" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = envelope_of ("avatars-drift.json", &error);
  g_autoptr(GListModel) list = NULL;

  g_assert_no_error (error);
  list = talkie_reply_parse_avatars (data, TALKIE_SOURCE_MINE, TALKIE_ASPECT_RATIO_SQUARE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (list, i);
      g_autofree char *name = NULL;

      g_assert_cmpint (talkie_avatar_get_id (avatar), ==, expected[i].id);
      g_assert_cmpstr (talkie_avatar_get_name (avatar), ==, expected[i].name);
      g_assert_cmpstr (talkie_avatar_get_cover_url (avatar), ==, expected[i].cover_url);
      g_assert_cmpint (talkie_avatar_get_source (avatar), ==, TALKIE_SOURCE_MINE);

      /* Properties agree with the getters. */
      g_object_get (avatar, "name", &name, NULL);
      g_assert_cmpstr (name, ==, expected[i].name);
    }
}

static void
test_voices_contract (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = envelope_of ("voices-contract.json", &error);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(TalkieVoice) voice = NULL;

  g_assert_no_error (error);
  list = talkie_reply_parse_voices (data, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_FEMALE, &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (list) == TALKIE_TYPE_VOICE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  voice = g_list_model_get_item (list, 0);
  g_assert_cmpstr (talkie_voice_get_id (voice), ==, "8xUNyTgckMBsX4jn4Lxf");
  g_assert_cmpstr (talkie_voice_get_name (voice), ==, "Emily");
  g_assert_cmpstr (talkie_voice_get_language (voice), ==, "english");
  g_assert_cmpstr (talkie_voice_get_audition_url (voice), ==, "https://res.jogg.ai/audition/emily.mp3");
  g_assert_cmpint (talkie_voice_get_source (voice), ==, TALKIE_SOURCE_PUBLIC);
  /* Asked for female voices: known to be female. */
  g_assert_cmpint (talkie_voice_get_gender (voice), ==, TALKIE_GENDER_FEMALE);
}

static void
test_voices_drift (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = envelope_of ("voices-drift.json", &error);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(TalkieVoice) v0 = NULL;
  g_autoptr(TalkieVoice) v1 = NULL;
  g_autoptr(TalkieVoice) v2 = NULL;
  g_autoptr(TalkieVoice) v3 = NULL;

  g_assert_no_error (error);
  list = talkie_reply_parse_voices (data, TALKIE_SOURCE_MINE, TALKIE_GENDER_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);

  v0 = g_list_model_get_item (list, 0);
  g_assert_cmpstr (talkie_voice_get_id (v0), ==, "v-1");
  g_assert_null (talkie_voice_get_audition_url (v0));
  g_assert_cmpint (talkie_voice_get_gender (v0), ==, TALKIE_GENDER_ANY);

  v1 = g_list_model_get_item (list, 1);
  g_assert_cmpstr (talkie_voice_get_id (v1), ==, "v-2");
  g_assert_null (talkie_voice_get_audition_url (v1));
  g_assert_cmpstr (talkie_voice_get_language (v1), ==, "german");

  v2 = g_list_model_get_item (list, 2);
  g_assert_cmpstr (talkie_voice_get_id (v2), ==, "12345");
  g_assert_cmpstr (talkie_voice_get_name (v2), ==, "<span foreground=\"red\">Red</span>");
  g_assert_cmpint (talkie_voice_get_gender (v2), ==, TALKIE_GENDER_MALE);
  g_assert_cmpint (talkie_voice_get_source (v2), ==, TALKIE_SOURCE_MINE);

  v3 = g_list_model_get_item (list, 3);
  g_assert_cmpstr (talkie_voice_get_id (v3), ==, "v-6");
  g_assert_cmpint (talkie_voice_get_gender (v3), ==, TALKIE_GENDER_FEMALE);
  g_assert_cmpstr (talkie_voice_get_language (v3), ==, "");
}

static void
test_empty_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = envelope_of ("list-empty.json", &error);
  g_autoptr(GListModel) avatars = NULL;
  g_autoptr(GListModel) voices = NULL;

  g_assert_no_error (error);
  avatars = talkie_reply_parse_avatars (data, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (avatars), ==, 0);
  voices = talkie_reply_parse_voices (data, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (voices), ==, 0);
}

static void
test_missing_list (void)
{
  const char *fixtures[] = { "list-missing.json", "list-wrong-type.json" };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) data = envelope_of (fixtures[i], &error);
      g_autoptr(GListModel) avatars = NULL;
      g_autoptr(GListModel) voices = NULL;

      g_assert_no_error (error);
      avatars = talkie_reply_parse_avatars (data, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, &error);
      g_assert_null (avatars);
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
      g_clear_error (&error);

      voices = talkie_reply_parse_voices (data, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY, &error);
      g_assert_null (voices);
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
    }
}

static void
test_malformed_envelopes (void)
{
  const char *fixtures[] = {
    "data-null.json", "data-missing.json", "data-not-object.json",
    "code-missing.json", "code-string.json", "code-float.json",
    "not-object.json", "not-json.txt", "truncated.json", "http-500.html",
    "not-utf8.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_test_message ("fixture %s", fixtures[i]);
      assert_envelope_error (200, fixtures[i], TALKIE_API_ERROR_MALFORMED);
    }

  /* No body at all, and an empty one. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

    g_assert_null (talkie_reply_parse_envelope (200, NULL, &error));
    g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
    g_clear_error (&error);
    g_assert_null (talkie_reply_parse_envelope (200, empty, &error));
    g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
  }
}

static void
test_http_errors (void)
{
  const guint statuses[] = { 500, 502, 503, 404, 401, 301, 199 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GBytes) body = load_fixture ("http-500.html");
      g_autoptr(GError) error = NULL;
      g_autofree char *status = g_strdup_printf ("%u", statuses[i]);

      g_assert_null (talkie_reply_parse_envelope (statuses[i], body, &error));
      g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP);
      g_assert_nonnull (strstr (error->message, status));
      g_assert_true (talkie_error_is_transient (error) == (statuses[i] >= 500));
    }

  /* Even a valid success body is an error under a non-2xx status. */
  assert_envelope_error (500, "avatars-contract.json", TALKIE_API_ERROR_HTTP);
}

static void
test_api_codes (void)
{
  static const struct {
    gint64 code;
    int error_code;
    const char *in_message;
  } codes[] = {
    { 10104, TALKIE_API_ERROR_RECORD_NOT_FOUND, NULL },
    { 10105, TALKIE_API_ERROR_INVALID_KEY, "The server did not accept the API key." },
    { 18020, TALKIE_API_ERROR_INSUFFICIENT_CREDIT, "Your JoggAI account has no credit left. Top it up, then try again." },
    { 18025, TALKIE_API_ERROR_NO_PERMISSION, NULL },
    { 40000, TALKIE_API_ERROR_PARAMETER, "the server said so" },
    { 50000, TALKIE_API_ERROR_SYSTEM, NULL },
    { 1, TALKIE_API_ERROR_UNKNOWN_CODE, "the server said so" },
    { -7, TALKIE_API_ERROR_UNKNOWN_CODE, "the server said so" },
    { 99999, TALKIE_API_ERROR_UNKNOWN_CODE, "the server said so" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"code\": %" G_GINT64_FORMAT ", \"msg\": \"the server said so\", \"data\": {\"avatars\": []}}",
                                               codes[i].code);
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;

      g_assert_null (talkie_reply_parse_envelope (200, body, &error));
      g_assert_error (error, TALKIE_API_ERROR, codes[i].error_code);
      g_assert_cmpstr (error->message, !=, "");
      if (codes[i].in_message != NULL)
        g_assert_nonnull (strstr (error->message, codes[i].in_message));
      g_assert_true (talkie_error_is_transient (error) == (codes[i].code == 50000));
    }

  /* An unknown code shows the server's msg, verbatim, as text. */
  {
    g_autoptr(GBytes) body = load_fixture ("error-unknown-code.json");
    g_autoptr(GError) error = NULL;

    g_assert_null (talkie_reply_parse_envelope (200, body, &error));
    g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_UNKNOWN_CODE);
    g_assert_nonnull (strstr (error->message, "Quota <b>exceeded</b> for today"));
  }

  /* An unknown code without msg still says something. */
  {
    const char *json = "{\"code\": 777, \"data\": null}";
    g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
    g_autoptr(GError) error = NULL;

    g_assert_null (talkie_reply_parse_envelope (200, body, &error));
    g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_UNKNOWN_CODE);
    g_assert_nonnull (strstr (error->message, "777"));
  }
}

static void
test_too_large (void)
{
  gsize len = TALKIE_REPLY_MAX_BYTES + 1;
  char *big = g_malloc (len);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  memset (big, ' ', len);
  big[0] = '{';
  body = g_bytes_new_take (big, len);

  g_assert_null (talkie_reply_parse_envelope (200, body, &error));
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE);
}

static void
test_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = envelope_of ("project-contract.json", &error);
  g_autoptr(TalkieProject) project = NULL;
  g_autoptr(JsonNode) drift_data = NULL;
  g_autoptr(TalkieProject) drift = NULL;
  g_autoptr(JsonNode) odd_data = NULL;
  g_autoptr(TalkieProject) odd = NULL;
  g_autoptr(JsonNode) no_id_data = NULL;
  g_autoptr(TalkieProject) no_id = NULL;

  g_assert_no_error (error);
  project = talkie_reply_parse_project (data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (talkie_project_get_id (project), ==, "prj_7f3a");
  g_assert_cmpstr (talkie_project_get_title (project), ==, "My talk");
  g_assert_cmpfloat (talkie_project_get_video_duration (project), ==, 6.0);
  g_assert_cmpstr (talkie_project_get_video_url (project), ==, "https://res.jogg.ai/video/prj_7f3a.mp4");
  g_assert_cmpstr (talkie_project_get_cover_url (project), ==, "https://res.jogg.ai/video/prj_7f3a.jpg");
  g_assert_cmpint (talkie_project_get_status (project), ==, TALKIE_PROJECT_STATUS_SUCCESS);
  g_assert_cmpstr (talkie_project_get_status_desc (project), ==, "success");
  g_assert_cmpint (talkie_project_get_created_at (project), ==, 1732806631);
  g_assert_true (talkie_project_status_is_final (talkie_project_get_status (project)));

  drift_data = envelope_of ("project-drift.json", &error);
  g_assert_no_error (error);
  drift = talkie_reply_parse_project (drift_data, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (talkie_project_get_id (drift), ==, "991");
  g_assert_cmpstr (talkie_project_get_title (drift), ==, "<i>Drifted</i>");
  g_assert_cmpfloat (talkie_project_get_video_duration (drift), ==, 6.5);
  g_assert_null (talkie_project_get_video_url (drift));
  g_assert_null (talkie_project_get_cover_url (drift));
  g_assert_cmpint (talkie_project_get_status (drift), ==, TALKIE_PROJECT_STATUS_PROCESSING);
  g_assert_cmpint (talkie_project_get_created_at (drift), ==, 1732806631);
  g_assert_false (talkie_project_status_is_final (talkie_project_get_status (drift)));

  odd_data = envelope_of ("project-unknown-status.json", &error);
  g_assert_no_error (error);
  odd = talkie_reply_parse_project (odd_data, &error);
  g_assert_no_error (error);
  g_assert_cmpint (talkie_project_get_status (odd), ==, TALKIE_PROJECT_STATUS_UNKNOWN);
  g_assert_cmpfloat (talkie_project_get_video_duration (odd), ==, 0.0);

  no_id_data = envelope_of ("project-no-id.json", &error);
  g_assert_no_error (error);
  no_id = talkie_reply_parse_project (no_id_data, &error);
  g_assert_null (no_id);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
}

static void
test_project_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) a = envelope_of ("render-prj-id.json", &error);
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) c = NULL;
  g_autofree char *id_a = NULL;
  g_autofree char *id_b = NULL;
  g_autofree char *id_c = NULL;

  g_assert_no_error (error);
  id_a = talkie_reply_parse_project_id (a, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id_a, ==, "prj_12ab");

  b = envelope_of ("render-project-id-number.json", &error);
  g_assert_no_error (error);
  id_b = talkie_reply_parse_project_id (b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id_b, ==, "4242");

  c = envelope_of ("render-no-id.json", &error);
  g_assert_no_error (error);
  id_c = talkie_reply_parse_project_id (c, &error);
  g_assert_null (id_c);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
}

static void
test_upload (void)
{
  const struct {
    const char *fixture;
    const char *sign_url;
    const char *asset_url;
  } cases[] = {
    { "upload-contract.json", "https://upload.jogg.ai/put/abc?sig=1", "https://res.jogg.ai/assets/voice.mp3" },
    { "upload-asset-id.json", "https://upload.jogg.ai/put/def?sig=2", "https://res.jogg.ai/assets/old.mp3" },
    { "upload-no-sign-url.json", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) data = envelope_of (cases[i].fixture, &error);
      g_autofree char *sign_url = NULL;
      g_autofree char *asset_url = NULL;
      gboolean ok;

      g_assert_no_error (error);
      ok = talkie_reply_parse_upload (data, &sign_url, &asset_url, &error);
      if (cases[i].sign_url != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (sign_url, ==, cases[i].sign_url);
          g_assert_cmpstr (asset_url, ==, cases[i].asset_url);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED);
        }
    }
}

static void
test_ten_thousand (void)
{
  g_autoptr(GString) json = g_string_new ("{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(TalkieAvatar) last = NULL;
  g_autoptr(TalkieAvatar) odd = NULL;

  for (guint i = 0; i < 10000; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      /* Every other id as a string, every tenth without a cover. */
      if (i % 2)
        g_string_append_printf (json, "{\"id\":\"%u\",\"name\":\"Avatar %u\"", i + 1, i + 1);
      else
        g_string_append_printf (json, "{\"id\":%u,\"name\":\"Avatar %u\"", i + 1, i + 1);
      if (i % 10)
        g_string_append_printf (json, ",\"cover_url\":\"https://res.jogg.ai/c/%u.jpg\"}", i + 1);
      else
        g_string_append (json, "}");
    }
  g_string_append (json, "]}}");

  body = g_bytes_new (json->str, json->len);
  data = talkie_reply_parse_envelope (200, body, &error);
  g_assert_no_error (error);
  list = talkie_reply_parse_avatars (data, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 10000);

  last = g_list_model_get_item (list, 9999);
  g_assert_cmpint (talkie_avatar_get_id (last), ==, 10000);
  g_assert_cmpstr (talkie_avatar_get_name (last), ==, "Avatar 10000");
  g_assert_cmpstr (talkie_avatar_get_cover_url (last), ==, "https://res.jogg.ai/c/10000.jpg");
  odd = g_list_model_get_item (list, 10);
  g_assert_null (talkie_avatar_get_cover_url (odd));

  g_assert_true (G_IS_LIST_STORE (list));
}

static void
test_types (void)
{
  TalkieAspectRatio aspect = TALKIE_ASPECT_RATIO_PORTRAIT;

  g_assert_cmpstr (talkie_aspect_ratio_to_string (TALKIE_ASPECT_RATIO_PORTRAIT), ==, "9:16");
  g_assert_cmpstr (talkie_aspect_ratio_to_string (TALKIE_ASPECT_RATIO_LANDSCAPE), ==, "16:9");
  g_assert_cmpstr (talkie_aspect_ratio_to_string (TALKIE_ASPECT_RATIO_SQUARE), ==, "1:1");
  g_assert_true (talkie_aspect_ratio_from_string ("16:9", &aspect));
  g_assert_cmpint (aspect, ==, TALKIE_ASPECT_RATIO_LANDSCAPE);
  g_assert_true (talkie_aspect_ratio_from_string ("1:1", &aspect));
  g_assert_cmpint (aspect, ==, TALKIE_ASPECT_RATIO_SQUARE);
  g_assert_false (talkie_aspect_ratio_from_string ("4:3", &aspect));
  g_assert_false (talkie_aspect_ratio_from_string (NULL, &aspect));

  g_assert_false (talkie_project_status_is_final (TALKIE_PROJECT_STATUS_WAITING));
  g_assert_true (talkie_project_status_is_final (TALKIE_PROJECT_STATUS_FAILED));
  g_assert_true (talkie_project_status_is_final (TALKIE_PROJECT_STATUS_DELETED));
  g_assert_true (talkie_job_state_is_final (TALKIE_JOB_STATE_CANCELLED));
  g_assert_false (talkie_job_state_is_final (TALKIE_JOB_STATE_RENDERING));

  g_assert_cmpstr (talkie_core_get_user_agent (), ==, "Talkie/" PACKAGE_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reply/avatars/contract", test_avatars_contract);
  g_test_add_func ("/reply/avatars/drift", test_avatars_drift);
  g_test_add_func ("/reply/voices/contract", test_voices_contract);
  g_test_add_func ("/reply/voices/drift", test_voices_drift);
  g_test_add_func ("/reply/lists/empty", test_empty_lists);
  g_test_add_func ("/reply/lists/missing", test_missing_list);
  g_test_add_func ("/reply/envelope/malformed", test_malformed_envelopes);
  g_test_add_func ("/reply/envelope/http", test_http_errors);
  g_test_add_func ("/reply/envelope/codes", test_api_codes);
  g_test_add_func ("/reply/envelope/too-large", test_too_large);
  g_test_add_func ("/reply/project", test_project);
  g_test_add_func ("/reply/project-id", test_project_id);
  g_test_add_func ("/reply/upload", test_upload);
  g_test_add_func ("/reply/ten-thousand", test_ten_thousand);
  g_test_add_func ("/reply/types", test_types);

  return g_test_run ();
}
