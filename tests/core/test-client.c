/* test-client.c: TalkieClient against an in-process TalkieSandbox over loopback —
 * the API calls: lists, renders, the key and the base,
 * faults, cancellation and big replies. Uploads and downloads have their own
 * programs (test-client-upload.c, test-client-download.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "test-client"

#include <string.h>

#include <glib/gstdio.h>

#include "talkie-test-client-utils.h"

#include "test-client-common.h"

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

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  /* Mid-call: the server holds the answer, we cancel. */
  talkie_sandbox_set_fault (fixture->sandbox, "/open/avatar", TALKIE_SANDBOX_FAULT_DELAY, 3000, 1);
  g_timeout_add (50, cancel_cb, cancellable);
  list = talkie_test_list_avatars (fixture->client, TALKIE_SOURCE_PUBLIC, TALKIE_ASPECT_RATIO_PORTRAIT, cancellable, &error);
  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  talkie_sandbox_clear_faults (fixture->sandbox);

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
  client_test_init (&argc, &argv);

  client_test_add ("/client/list-avatars", test_list_avatars);
  client_test_add ("/client/list-voices", test_list_voices);
  client_test_add ("/client/render-to-video", test_render_to_video);
  client_test_add ("/client/render-invalid-request", test_render_invalid_request);
  client_test_add ("/client/unknown-project", test_unknown_project);
  client_test_add ("/client/wrong-key", test_wrong_key);
  client_test_add ("/client/redact", test_redact);
  client_test_add ("/client/faults", test_faults);
  client_test_add ("/client/fault-timeout", test_fault_timeout);
  client_test_add ("/client/cancel", test_cancel);
  g_test_add_func ("/client/base-url", test_base_url);
  g_test_add_func ("/client/connection-refused", test_connection_refused);
  g_test_add_func ("/client/ten-thousand-avatars", test_ten_thousand_avatars);
  g_test_add_func ("/client/too-large", test_too_large);
  g_test_add_func ("/client/not-http", test_not_http);
  g_test_add_func ("/client/tls-refused", test_tls_refused);

  return g_test_run ();
}
