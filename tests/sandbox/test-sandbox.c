/* test-sandbox.c: the JoggAI look-alike, spoken to with plain libsoup
 *
 * The sandbox runs in this process on the test's main context, on a free port; every
 * request goes over loopback through a SoupSession on the same loop, so a sandbox that
 * blocked its loop would hang these tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "talkie-sandbox.h"

#include "talkie-test-utils.h"

#define STEP_MS 50

typedef struct
{
  TalkieSandbox *sandbox;
  SoupSession   *session;
  char          *tmpdir;
} Fixture;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  GError             *error;
  JsonNode           *json;
} Response;

static void
response_free (Response *r)
{
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_error (&r->error);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static void
fixture_setup_with (Fixture    *f,
                    guint       avatar_count)
{
  g_autoptr(GError) error = NULL;

  f->sandbox = g_object_new (TALKIE_TYPE_SANDBOX,
                             "step-ms", STEP_MS,
                             "report-every-step", TRUE,
                             "avatar-count", avatar_count,
                             NULL);
  g_assert_true (talkie_sandbox_start (f->sandbox, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (talkie_sandbox_get_port (f->sandbox), >, 0);
  g_assert_true (g_str_has_prefix (talkie_sandbox_get_base_url (f->sandbox), "http://127.0.0.1:"));
  g_assert_cmpstr (talkie_sandbox_get_api_key (f->sandbox), ==, "sandbox");

  f->session = soup_session_new ();
  f->tmpdir = talkie_test_make_tmp_dir ("test-sandbox-XXXXXX");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_with (f, 48);
}

static void
fixture_setup_large (Fixture       *f,
                     gconstpointer  data)
{
  fixture_setup_with (f, 10000);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *data_dir = NULL;

  g_object_get (f->sandbox, "data-dir", &data_dir, NULL);

  /* the client hangs up first, and the sandbox sees it, then the sandbox stops */
  soup_session_abort (f->session);
  g_clear_object (&f->session);
  talkie_test_drain ();
  talkie_sandbox_stop (f->sandbox);
  g_clear_object (&f->sandbox);
  talkie_test_drain ();
  /* the sandbox removes the temporary data folder it made */
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  talkie_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  gboolean     done;
  SoupMessage *msg;
  Response    *response;
} Pending;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pending *p = user_data;
  Response *r = p->response;

  r->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &r->error);
  r->status = soup_message_get_status (p->msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (p->msg));

  if (r->body != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize size;
      const char *data = g_bytes_get_data (r->body, &size);

      if (size > 0 && json_parser_load_from_data (parser, data, size, NULL))
        r->json = json_node_ref (json_parser_get_root (parser));
    }

  p->done = TRUE;
}

static SoupMessage *
build_message (Fixture    *f,
               const char *method,
               const char *path,
               const char *key,
               const char *content_type,
               GBytes     *body)
{
  g_autofree char *url = NULL;
  SoupMessage *msg;

  if (g_str_has_prefix (path, "http"))
    url = g_strdup (path);
  else
    url = g_strconcat (talkie_sandbox_get_base_url (f->sandbox), path, NULL);

  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);
  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "x-api-key", key);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  return msg;
}

static Pending *
start_request (Fixture     *f,
               SoupMessage *msg)
{
  Pending *p = g_new0 (Pending, 1);

  p->msg = msg;
  p->response = g_new0 (Response, 1);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, p);
  return p;
}

static Response *
finish_request (Pending *p)
{
  Response *r;

  while (!p->done)
    g_main_context_iteration (NULL, TRUE);

  r = p->response;
  g_object_unref (p->msg);
  g_free (p);
  return r;
}

static Response *
request_full (Fixture     *f,
              const char  *method,
              const char  *path,
              const char  *key,
              const char  *content_type,
              GBytes      *body,
              const char  *range)
{
  SoupMessage *msg = build_message (f, method, path, key, content_type, body);

  if (range != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Range", range);

  return finish_request (start_request (f, msg));
}

static Response *
api_get (Fixture    *f,
         const char *path)
{
  return request_full (f, "GET", path, "sandbox", NULL, NULL, NULL);
}

static Response *
api_post (Fixture    *f,
          const char *path,
          const char *json)
{
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

  return request_full (f, "POST", path, "sandbox", "application/json", body, NULL);
}

static Response *
media_get (Fixture    *f,
           const char *url,
           const char *range)
{
  return request_full (f, "GET", url, NULL, NULL, NULL, range);
}

/* Asserts the JoggAI envelope and returns its code. */
static gint64
envelope_code (Response *r)
{
  JsonObject *root;

  g_assert_no_error (r->error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  root = json_node_get_object (r->json);
  g_assert_true (json_object_has_member (root, "code"));
  g_assert_true (json_object_has_member (root, "msg"));
  g_assert_true (json_object_has_member (root, "data"));
  g_assert_nonnull (json_object_get_string_member (root, "rid"));
  return json_object_get_int_member (root, "code");
}

static JsonObject *
data_of (Response *r)
{
  g_assert_cmpint (envelope_code (r), ==, 0);
  return json_object_get_object_member (json_node_get_object (r->json), "data");
}

static const char *
msg_of (Response *r)
{
  return json_object_get_string_member (json_node_get_object (r->json), "msg");
}

static void
assert_parameter_error (Response   *r,
                        const char *field)
{
  g_assert_cmpint (envelope_code (r), ==, 40000);
  g_assert_true (json_object_get_null_member (json_node_get_object (r->json), "data"));
  if (field != NULL && strstr (msg_of (r), field) == NULL)
    g_error ("error message “%s” does not name %s", msg_of (r), field);
}

/* ------------------------------------------------------------------------ */

static void
test_avatars (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) response_free);
  const char *bad[] = { "/open/avatar", "/open/avatar?aspect_ratio=3",
                        "/open/avatar?aspect_ratio=x", "/open/avatar?aspect_ratio=-1",
                        "/open/avatar?aspect_ratio=" };

  for (int ratio = 0; ratio <= 2; ratio++)
    {
      g_autofree char *path = g_strdup_printf ("/open/avatar?aspect_ratio=%d", ratio);
      Response *r = api_get (f, path);
      JsonArray *avatars;

      g_ptr_array_add (keep, r);
      avatars = json_object_get_array_member (data_of (r), "avatars");
      g_assert_cmpuint (json_array_get_length (avatars), ==, 48);

      for (guint i = 0; i < json_array_get_length (avatars); i++)
        {
          JsonObject *avatar = json_array_get_object_element (avatars, i);
          JsonNode *id = json_object_get_member (avatar, "id");
          const char *name = json_object_get_string_member (avatar, "name");
          const char *cover = json_object_get_string_member (avatar, "cover_url");

          g_assert_cmpint (json_node_get_value_type (id), ==, G_TYPE_INT64);
          g_assert_cmpint (json_node_get_int (id), >, 0);
          g_assert_true (g_hash_table_add (ids, GSIZE_TO_POINTER ((gsize) json_node_get_int (id))));
          g_assert_nonnull (name);
          g_assert_cmpuint (strlen (name), >, 3);
          g_assert_true (strchr (name, ' ') != NULL);
          g_hash_table_add (names, (gpointer) name);
          g_assert_true (g_str_has_prefix (cover, talkie_sandbox_get_base_url (f->sandbox)));
          g_assert_true (g_str_has_suffix (cover, ".png"));
        }
    }

  /* distinct across ratios, and mostly distinct names */
  g_assert_cmpuint (g_hash_table_size (ids), ==, 3 * 48);
  g_assert_cmpuint (g_hash_table_size (names), >=, 48);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(Response) r = api_get (f, bad[i]);
      assert_parameter_error (r, "aspect_ratio");
    }

  {
    g_autoptr(Response) r = api_get (f, "/open/avatar/user");
    JsonArray *mine = json_object_get_array_member (data_of (r), "avatars");

    g_assert_cmpuint (json_array_get_length (mine), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *avatar = json_array_get_object_element (mine, i);
        gint64 id = json_object_get_int_member (avatar, "id");

        g_assert_false (g_hash_table_contains (ids, GSIZE_TO_POINTER ((gsize) id)));
        g_assert_nonnull (json_object_get_string_member (avatar, "name"));
        g_assert_nonnull (json_object_get_string_member (avatar, "cover_url"));
      }
  }
}

static void
test_avatars_large (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Response) r = api_get (f, "/open/avatar?aspect_ratio=1");
  JsonArray *avatars = json_object_get_array_member (data_of (r), "avatars");
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (json_array_get_length (avatars), ==, 10000);
  for (guint i = 0; i < 10000; i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (avatars, i), "id");
      g_assert_true (g_hash_table_add (ids, GSIZE_TO_POINTER ((gsize) id)));
    }
}

static void
test_key (Fixture       *f,
          gconstpointer  data)
{
  const char *paths[] = { "/open/avatar?aspect_ratio=0", "/open/avatar/user", "/open/timbre",
                          "/open/timbre/user", "/v1/project?project_id=x" };
  const char *keys[] = { NULL, "", "wrong", "sandbox2", "Sandbox" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_autoptr(Response) r = request_full (f, "GET", paths[i], keys[k], NULL, NULL, NULL);

        g_assert_cmpint (envelope_code (r), ==, 10105);
        g_assert_true (json_object_get_null_member (json_node_get_object (r->json), "data"));
      }

  {
    g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
    const char *posts[] = { "/open/render/talking_avatar", "/v1/upload/asset",
                            "/_sandbox/fault", "/_sandbox/clear" };

    for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
      {
        g_autoptr(Response) r = request_full (f, "POST", posts[i], "nope", "application/json", body, NULL);
        g_assert_cmpint (envelope_code (r), ==, 10105);
      }
  }

  /* a sandbox with its own key */
  {
    g_autoptr(TalkieSandbox) other = g_object_new (TALKIE_TYPE_SANDBOX, "api-key", "k-123", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *url = NULL;
    g_autoptr(Response) good = NULL;
    g_autoptr(Response) bad = NULL;

    g_assert_true (talkie_sandbox_start (other, &error));
    g_assert_no_error (error);
    url = g_strdup_printf ("%s/open/avatar/user", talkie_sandbox_get_base_url (other));
    good = request_full (f, "GET", url, "k-123", NULL, NULL, NULL);
    bad = request_full (f, "GET", url, "sandbox", NULL, NULL, NULL);
    g_assert_cmpint (envelope_code (good), ==, 0);
    g_assert_cmpint (envelope_code (bad), ==, 10105);
    talkie_sandbox_stop (other);
  }
}

static void
test_timbres (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Response) all = api_get (f, "/open/timbre");
  g_autoptr(Response) female = api_get (f, "/open/timbre?gender=female");
  g_autoptr(Response) male = api_get (f, "/open/timbre?gender=male");
  g_autoptr(Response) bad = api_get (f, "/open/timbre?gender=robot");
  g_autoptr(Response) mine = api_get (f, "/open/timbre/user");
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) clips = g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
  JsonObject *d = data_of (all);
  JsonArray *timbres = json_object_get_array_member (d, "timbres");
  gint64 n_all = json_object_get_int_member (d, "total");
  gint64 n_female = json_object_get_int_member (data_of (female), "total");
  gint64 n_male = json_object_get_int_member (data_of (male), "total");

  g_assert_cmpint (n_all, ==, json_array_get_length (timbres));
  g_assert_cmpint (n_all, >=, 10);
  g_assert_cmpint (n_female, >, 0);
  g_assert_cmpint (n_male, >, 0);
  g_assert_cmpint (n_female + n_male, ==, n_all);
  g_assert_cmpint (n_female, ==, json_array_get_length (json_object_get_array_member (data_of (female), "timbres")));
  assert_parameter_error (bad, "gender");

  g_assert_cmpint (json_object_get_int_member (data_of (mine), "total"), ==, 2);

  for (guint i = 0; i < json_array_get_length (timbres); i++)
    {
      JsonObject *t = json_array_get_object_element (timbres, i);
      const char *url = json_object_get_string_member (t, "audition_url");

      g_assert_nonnull (json_object_get_string_member (t, "name"));
      g_assert_nonnull (json_object_get_string_member (t, "lang_id"));
      g_hash_table_add (languages, (gpointer) json_object_get_string_member (t, "language"));

      /* the first three clips: real Ogg, each one distinct */
      if (i < 3)
        {
          g_autoptr(Response) clip = media_get (f, url, NULL);

          g_assert_no_error (clip->error);
          g_assert_cmpuint (clip->status, ==, 200);
          g_assert_cmpstr (soup_message_headers_get_content_type (clip->headers, NULL), ==, "audio/ogg");
          g_assert_cmpuint (g_bytes_get_size (clip->body), >, 1000);
          g_assert_cmpmem (g_bytes_get_data (clip->body, NULL), 4, "OggS", 4);
          g_assert_true (g_hash_table_add (clips, g_bytes_ref (clip->body)));
        }
    }

  g_assert_cmpuint (g_hash_table_size (languages), >=, 3);
}

static void
test_auditions_concurrent (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(Response) list = api_get (f, "/open/timbre/user");
  JsonArray *timbres = json_object_get_array_member (data_of (list), "timbres");
  const char *url = json_object_get_string_member (json_array_get_object_element (timbres, 0), "audition_url");
  Pending *p[3];
  Response *r[3];

  /* three requests for a clip not yet made: one pipeline, three answers */
  for (guint i = 0; i < 3; i++)
    p[i] = start_request (f, build_message (f, "GET", url, NULL, NULL, NULL));
  for (guint i = 0; i < 3; i++)
    r[i] = finish_request (p[i]);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_no_error (r[i]->error);
      g_assert_cmpuint (r[i]->status, ==, 200);
      g_assert_true (g_bytes_equal (r[i]->body, r[0]->body));
    }
  for (guint i = 0; i < 3; i++)
    response_free (r[i]);
}

static void
test_covers (Fixture       *f,
             gconstpointer  data)
{
  const int sizes[3][2] = { { 270, 480 }, { 480, 270 }, { 360, 360 } };
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (int ratio = 0; ratio <= 2; ratio++)
    {
      g_autofree char *path = g_strdup_printf ("/open/avatar?aspect_ratio=%d", ratio);
      g_autoptr(Response) list = api_get (f, path);
      JsonArray *avatars = json_object_get_array_member (data_of (list), "avatars");

      for (guint i = 0; i < 2; i++)
        {
          const char *url = json_object_get_string_member (json_array_get_object_element (avatars, i), "cover_url");
          g_autoptr(Response) r = media_get (f, url, NULL);
          g_autoptr(Response) again = NULL;
          g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
          g_autoptr(GError) error = NULL;
          GdkPixbuf *pixbuf;
          const char *etag;

          g_assert_no_error (r->error);
          g_assert_cmpuint (r->status, ==, 200);
          g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "image/png");
          g_assert_cmpint (soup_message_headers_get_content_length (r->headers), ==, g_bytes_get_size (r->body));
          g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Cache-Control"), ==, "max-age=86400");
          etag = soup_message_headers_get_one (r->headers, "ETag");
          g_assert_nonnull (etag);

          g_assert_true (gdk_pixbuf_loader_write_bytes (loader, r->body, &error));
          g_assert_true (gdk_pixbuf_loader_close (loader, &error));
          g_assert_no_error (error);
          pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
          g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, sizes[ratio][0]);
          g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, sizes[ratio][1]);

          /* cached: the same bytes and tag a second time */
          again = media_get (f, url, NULL);
          g_assert_true (g_bytes_equal (again->body, r->body));
          g_assert_cmpstr (soup_message_headers_get_one (again->headers, "ETag"), ==, etag);

          for (guint k = 0; k < first->len; k++)
            g_assert_false (g_bytes_equal (g_ptr_array_index (first, k), r->body));
          g_ptr_array_add (first, g_bytes_ref (r->body));
        }
    }

  {
    const char *missing[] = { "/media/cover/999999.png", "/media/cover/49.png", "/media/nothing",
                              "/media/audition/nobody.ogg", "/media/video/none.webm",
                              "/media/upload/abc/voice.mp3", "/elsewhere" };

    for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
      {
        g_autoptr(Response) r = media_get (f, missing[i], NULL);
        g_assert_no_error (r->error);
        g_assert_cmpuint (r->status, ==, 404);
      }
  }
}

static void
test_range (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Response) whole = media_get (f, "/media/cover/2.png", NULL);
  g_autoptr(Response) head = media_get (f, "/media/cover/2.png", "bytes=0-99");
  g_autoptr(Response) middle = media_get (f, "/media/cover/2.png", "bytes=100-299");
  g_autoptr(Response) tail = media_get (f, "/media/cover/2.png", "bytes=-50");
  g_autoptr(Response) beyond = media_get (f, "/media/cover/2.png", "bytes=99999999-");
  g_autofree char *expect = NULL;
  gsize total = g_bytes_get_size (whole->body);
  const guint8 *all = g_bytes_get_data (whole->body, NULL);

  g_assert_cmpuint (whole->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (whole->headers, "Accept-Ranges"), ==, "bytes");

  g_assert_cmpuint (head->status, ==, 206);
  g_assert_cmpuint (g_bytes_get_size (head->body), ==, 100);
  g_assert_cmpmem (g_bytes_get_data (head->body, NULL), 100, all, 100);
  expect = g_strdup_printf ("bytes 0-99/%" G_GSIZE_FORMAT, total);
  g_assert_cmpstr (soup_message_headers_get_one (head->headers, "Content-Range"), ==, expect);

  g_assert_cmpuint (middle->status, ==, 206);
  g_assert_cmpmem (g_bytes_get_data (middle->body, NULL), g_bytes_get_size (middle->body), all + 100, 200);

  g_assert_cmpuint (tail->status, ==, 206);
  g_assert_cmpmem (g_bytes_get_data (tail->body, NULL), g_bytes_get_size (tail->body), all + total - 50, 50);

  g_assert_cmpuint (beyond->status, ==, 416);
}

/* ------------------------------------------------------------------------ */

static Response *
ask_upload (Fixture    *f,
            const char *filename,
            const char *content_type,
            gint64      size)
{
  g_autofree char *json = g_strdup_printf ("{\"filename\":\"%s\",\"content_type\":\"%s\",\"file_size\":%" G_GINT64_FORMAT "}",
                                           filename, content_type, size);
  return api_post (f, "/v1/upload/asset", json);
}

static Response *
put_bytes (Fixture    *f,
           const char *sign_url,
           const char *content_type,
           GBytes     *bytes)
{
  return request_full (f, "PUT", sign_url, NULL, content_type, bytes, NULL);
}

/* Uploads @path and returns its asset_url. */
static char *
upload_file (Fixture    *f,
             const char *path,
             const char *content_type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Response) ask = NULL;
  g_autoptr(Response) put = NULL;
  g_autofree char *base = g_path_get_basename (path);
  JsonObject *d;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);
  ask = ask_upload (f, base, content_type, g_bytes_get_size (bytes));
  d = data_of (ask);
  put = put_bytes (f, json_object_get_string_member (d, "sign_url"), content_type, bytes);
  g_assert_no_error (put->error);
  g_assert_cmpuint (put->status, ==, 200);

  return g_strdup (json_object_get_string_member (d, "asset_url"));
}

static void
test_upload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Response) ask = NULL;
  g_autoptr(Response) put = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(Response) hosted = NULL;
  g_autoptr(Response) part = NULL;
  g_autofree char *base = g_strdup_printf ("%s/", talkie_sandbox_get_base_url (f->sandbox));
  GByteArray *array = g_byte_array_new ();
  const char *sign_url, *asset_url;
  JsonObject *d;

  for (guint i = 0; i < 300000; i++)
    g_byte_array_append (array, (guint8[]) { (guint8) (i * 7 + (i >> 8)) }, 1);
  bytes = g_byte_array_free_to_bytes (array);

  ask = ask_upload (f, "my voice.mp3", "audio/mpeg", g_bytes_get_size (bytes));
  d = data_of (ask);
  sign_url = json_object_get_string_member (d, "sign_url");
  asset_url = json_object_get_string_member (d, "asset_url");
  g_assert_true (g_str_has_prefix (sign_url, base));
  g_assert_true (g_str_has_prefix (asset_url, base));
  g_assert_true (g_str_has_suffix (asset_url, "/my%20voice.mp3"));

  /* not hosted before the PUT */
  {
    g_autoptr(Response) early = media_get (f, asset_url, NULL);
    g_assert_cmpuint (early->status, ==, 404);
  }

  /* a wrong type, a short body: 400, and the URL stays usable */
  {
    g_autoptr(Response) wrong_type = put_bytes (f, sign_url, "audio/ogg", bytes);
    g_autoptr(GBytes) shorter = g_bytes_new_from_bytes (bytes, 0, 1000);
    g_autoptr(Response) wrong_size = put_bytes (f, sign_url, "audio/mpeg", shorter);
    g_autoptr(Response) post = request_full (f, "POST", sign_url, NULL, "audio/mpeg", bytes, NULL);

    g_assert_cmpuint (wrong_type->status, ==, 400);
    g_assert_cmpuint (wrong_size->status, ==, 400);
    g_assert_cmpuint (post->status, ==, 405);
  }

  put = put_bytes (f, sign_url, "audio/mpeg", bytes);
  g_assert_no_error (put->error);
  g_assert_cmpuint (put->status, ==, 200);

  again = put_bytes (f, sign_url, "audio/mpeg", bytes);
  g_assert_cmpuint (again->status, ==, 403);

  hosted = media_get (f, asset_url, NULL);
  g_assert_cmpuint (hosted->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (hosted->headers, NULL), ==, "audio/mpeg");
  g_assert_true (g_bytes_equal (hosted->body, bytes));
  g_assert_nonnull (soup_message_headers_get_one (hosted->headers, "ETag"));

  part = media_get (f, asset_url, "bytes=1000-1999");
  g_assert_cmpuint (part->status, ==, 206);
  g_assert_cmpmem (g_bytes_get_data (part->body, NULL), g_bytes_get_size (part->body),
                   (const guint8 *) g_bytes_get_data (bytes, NULL) + 1000, 1000);

  {
    g_autofree char *unknown = g_strdup_printf ("%supload/0123456789abcdef", base);
    g_autoptr(Response) r = put_bytes (f, unknown, "audio/mpeg", bytes);
    g_assert_cmpuint (r->status, ==, 404);
  }
}

static void
test_upload_validation (Fixture       *f,
                        gconstpointer  data)
{
  const struct {
    const char *json;
    const char *field;
  } cases[] = {
    { "not json", NULL },
    { "[1,2]", NULL },
    { "{\"content_type\":\"audio/mpeg\",\"file_size\":10}", "filename" },
    { "{\"filename\":5,\"content_type\":\"audio/mpeg\",\"file_size\":10}", "filename" },
    { "{\"filename\":\"../x.mp3\",\"content_type\":\"audio/mpeg\",\"file_size\":10}", "filename" },
    { "{\"filename\":\"a.mp3\",\"file_size\":10}", "content_type" },
    { "{\"filename\":\"a.mp3\",\"content_type\":\"text/plain\",\"file_size\":10}", "content_type" },
    { "{\"filename\":\"a.mp3\",\"content_type\":\"audio/\",\"file_size\":10}", "content_type" },
    { "{\"filename\":\"a.mp3\",\"content_type\":\"audio/mpeg\"}", "file_size" },
    { "{\"filename\":\"a.mp3\",\"content_type\":\"audio/mpeg\",\"file_size\":\"10\"}", "file_size" },
    { "{\"filename\":\"a.mp3\",\"content_type\":\"audio/mpeg\",\"file_size\":0}", "file_size" },
    { "{\"filename\":\"a.mp3\",\"content_type\":\"audio/mpeg\",\"file_size\":-5}", "file_size" },
    { "{\"filename\":\"a.mp3\",\"content_type\":\"audio/mpeg\",\"file_size\":1.5}", "file_size" },
    { "{\"filename\":\"a.mp3\",\"content_type\":\"audio/mpeg\",\"file_size\":999999999999}", "file_size" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) r = api_post (f, "/v1/upload/asset", cases[i].json);
      assert_parameter_error (r, cases[i].field);
    }
}

/* ------------------------------------------------------------------------ */
/* renders                                                                  */

static char *
make_audio (Fixture    *f,
            const char *name,
            const char *encoder,
            int         buffers)
{
  g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
  g_autofree char *quoted = g_strescape (path, NULL);
  g_autofree char *desc = g_strdup_printf ("audiotestsrc num-buffers=%d samplesperbuffer=1024 wave=sine freq=330"
                                           " ! audio/x-raw,rate=44100,channels=1 ! audioconvert ! %s"
                                           " ! filesink location=\"%s\"", buffers, encoder, quoted);

  talkie_test_run_pipeline (desc);

  return g_steal_pointer (&path);
}

static char *
render_json (int         aspect_ratio,
             const char *url,
             double      duration,
             gint64      person_id,
             int         person_source,
             int         screen_style,
             const char *voice,
             int         subtitle)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("{\"aspect_ratio\":%d,\"audio_script\":{\"url\":\"%s\",\"duration\":%s},"
                          "\"person_id\":%" G_GINT64_FORMAT ",\"person_source\":%d,\"screen_style\":%d,"
                          "\"tts_voice_id\":\"%s\",\"render_subtitle\":%d}",
                          aspect_ratio, url, g_ascii_dtostr (buf, sizeof buf, duration),
                          person_id, person_source, screen_style, voice, subtitle);
}

static char *
start_render (Fixture    *f,
              const char *json)
{
  g_autoptr(Response) r = api_post (f, "/open/render/talking_avatar", json);
  JsonObject *d = data_of (r);

  g_assert_nonnull (json_object_get_string_member (d, "prj_id"));
  return g_strdup (json_object_get_string_member (d, "prj_id"));
}

/* Polls until a final status; returns the last data object (a new reference to
 * the reply in @last) and the statuses seen, in order, without repeats. */
static GArray *
poll_until_final (Fixture     *f,
                  const char  *prj_id,
                  Response   **last)
{
  g_autofree char *path = g_strdup_printf ("/v1/project?project_id=%s", prj_id);
  GArray *seen = g_array_new (FALSE, FALSE, sizeof (int));

  for (;;)
    {
      Response *r = api_get (f, path);
      JsonObject *d = data_of (r);
      int status = (int) json_object_get_int_member (d, "status_code");

      g_assert_cmpstr (json_object_get_string_member (d, "id"), ==, prj_id);
      g_assert_nonnull (json_object_get_string_member (d, "title"));
      g_assert_nonnull (json_object_get_string_member (d, "cover_url"));
      g_assert_nonnull (json_object_get_string_member (d, "status_desc"));
      g_assert_true (json_object_has_member (d, "created_at"));

      if (seen->len == 0 || g_array_index (seen, int, seen->len - 1) != status)
        g_array_append_val (seen, status);

      if (status == 4 || status == 5)
        {
          *last = r;
          return seen;
        }

      /* no video before success */
      g_assert_false (json_object_has_member (d, "video_url"));
      response_free (r);
      talkie_test_wait_ms (10);
    }
}

static void
assert_walk (GArray *seen,
             int     final)
{
  g_assert_cmpuint (seen->len, ==, 4);
  g_assert_cmpint (g_array_index (seen, int, 0), ==, 1);
  g_assert_cmpint (g_array_index (seen, int, 1), ==, 2);
  g_assert_cmpint (g_array_index (seen, int, 2), ==, 3);
  g_assert_cmpint (g_array_index (seen, int, 3), ==, final);
}

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

/* ------------------------------------------------------------------------ */
/* faults                                                                   */

static void
test_fault_kinds (Fixture       *f,
                  gconstpointer  data)
{
  const char *path = "/open/avatar/user";

  g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, path), ==, 0);

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_HTTP_500, 0, 1);
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_no_error (r->error);
    g_assert_cmpuint (r->status, ==, 500);
    g_assert_null (r->json);
    g_assert_cmpstr (soup_message_headers_get_content_type (r->headers, NULL), ==, "text/html");
  }
  /* times = 1: back to normal */
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_cmpint (envelope_code (r), ==, 0);
  }

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_MALFORMED, 0, 1);
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_no_error (r->error);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpuint (g_bytes_get_size (r->body), >, 0);
    g_assert_null (r->json);
  }

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_TRUNCATED, 0, 1);
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_no_error (r->error);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (soup_message_headers_get_content_length (r->headers), ==, g_bytes_get_size (r->body));
    g_assert_cmpmem (g_bytes_get_data (r->body, NULL), 1, "{", 1);
    g_assert_null (r->json);
  }

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_API_CODE, 18020, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Response) r = api_get (f, path);
      g_assert_cmpint (envelope_code (r), ==, 18020);
      g_assert_cmpstr (msg_of (r), ==, "insufficient credit");
      g_assert_true (json_object_get_null_member (json_node_get_object (r->json), "data"));
    }

  talkie_sandbox_set_fault (f->sandbox, path, TALKIE_SANDBOX_FAULT_DROP, 0, 1);
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_nonnull (r->error);
    g_assert_null (r->body);
    g_test_message ("drop: %s", r->error->message);
  }

  /* the next request on a new connection is fine */
  {
    g_autoptr(Response) r = api_get (f, path);
    g_assert_cmpint (envelope_code (r), ==, 0);
  }

  g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, path), ==, 8);
}

static void
test_fault_delay (Fixture       *f,
                  gconstpointer  data)
{
  Pending *slow, *fast;
  Response *slow_r, *fast_r;

  /* a delayed answer is the normal answer, later */
  talkie_sandbox_set_fault (f->sandbox, "/open/timbre/user", TALKIE_SANDBOX_FAULT_DELAY, 30, 1);
  {
    g_autoptr(Response) r = api_get (f, "/open/timbre/user");
    g_assert_cmpint (json_object_get_int_member (data_of (r), "total"), ==, 2);
  }

  /* a delayed media request still honours Range, a delayed audition still comes */
  talkie_sandbox_set_fault (f->sandbox, "/media/", TALKIE_SANDBOX_FAULT_DELAY, 30, 0);
  {
    g_autoptr(Response) r = media_get (f, "/media/cover/1.png", "bytes=0-9");
    g_assert_cmpuint (r->status, ==, 206);
    g_assert_cmpuint (g_bytes_get_size (r->body), ==, 10);
  }
  {
    g_autoptr(Response) r = media_get (f, "/media/audition/fr-FR-HugoNeural.ogg", NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpmem (g_bytes_get_data (r->body, NULL), 4, "OggS", 4);
  }

  /* a request held for a minute does not hold up the loop: another one is
   * answered meanwhile */
  talkie_sandbox_set_fault (f->sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_DELAY, 60000, 1);
  slow = start_request (f, build_message (f, "GET", "/open/timbre", "sandbox", NULL, NULL));
  while (talkie_sandbox_get_hits (f->sandbox, "/open/timbre") == 0)
    g_main_context_iteration (NULL, TRUE);
  fast = start_request (f, build_message (f, "GET", "/open/avatar/user", "sandbox", NULL, NULL));
  fast_r = finish_request (fast);
  g_assert_cmpint (envelope_code (fast_r), ==, 0);
  g_assert_false (slow->done);

  /* stopping the sandbox ends the held one */
  talkie_sandbox_stop (f->sandbox);
  slow_r = finish_request (slow);
  g_assert_true (slow_r->error != NULL || slow_r->status == 503);

  response_free (slow_r);
  response_free (fast_r);
}

static void
on_cancelled_sent (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, error);

  g_assert_null (body);
}

static void
test_fault_delay_client_gone (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SoupMessage) msg = build_message (f, "GET", "/open/timbre", "sandbox", NULL, NULL);
  g_autoptr(GError) error = NULL;

  talkie_sandbox_set_fault (f->sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_DELAY, 150, 1);
  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_cancelled_sent, &error);
  while (talkie_sandbox_get_hits (f->sandbox, "/open/timbre") == 0)
    g_main_context_iteration (NULL, TRUE);

  /* the client gives up while the sandbox holds the request */
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* let the delay run out on a message nobody waits for */
  talkie_test_wait_ms (300);

  /* the sandbox shrugs it off and answers the next one */
  {
    g_autoptr(Response) r = api_get (f, "/open/timbre");
    g_assert_cmpint (envelope_code (r), ==, 0);
  }
}

static void
test_stop_while_holding (Fixture       *f,
                         gconstpointer  data)
{
  Pending *delayed, *clip;
  Response *r;

  /* one request held by a delay, one waiting for an audition being made */
  talkie_sandbox_set_fault (f->sandbox, "/open/timbre", TALKIE_SANDBOX_FAULT_DELAY, 60000, 0);
  delayed = start_request (f, build_message (f, "GET", "/open/timbre", "sandbox", NULL, NULL));
  clip = start_request (f, build_message (f, "GET", "/media/audition/ja-JP-YukiNeural.ogg", NULL, NULL, NULL));
  while (talkie_sandbox_get_hits (f->sandbox, "/open/timbre") == 0 ||
         talkie_sandbox_get_hits (f->sandbox, "/media/") == 0)
    g_main_context_iteration (NULL, TRUE);

  talkie_sandbox_stop (f->sandbox);

  /* both end now, with an answer or a closed connection, never a hang */
  r = finish_request (delayed);
  g_assert_true (r->error != NULL || r->status == 503);
  response_free (r);
  r = finish_request (clip);
  g_assert_true (r->error != NULL || r->status == 503);
  response_free (r);
}

static void
test_fault_wildcard_and_control (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(Response) set = api_post (f, "/_sandbox/fault", "{\"path\":\"*\",\"fault\":\"code\",\"value\":50000}");
  g_assert_cmpint (envelope_code (set), ==, 0);

  /* every API path, but not the control endpoint */
  {
    g_autoptr(Response) a = api_get (f, "/open/avatar?aspect_ratio=0");
    g_autoptr(Response) b = api_get (f, "/v1/project?project_id=x");
    g_assert_cmpint (envelope_code (a), ==, 50000);
    g_assert_cmpint (envelope_code (b), ==, 50000);
    g_assert_cmpstr (msg_of (a), ==, "system error");
  }

  {
    g_autoptr(Response) clear = api_post (f, "/_sandbox/clear", "{}");
    g_autoptr(Response) a = api_get (f, "/open/avatar?aspect_ratio=0");
    g_assert_cmpint (envelope_code (clear), ==, 0);
    g_assert_cmpint (envelope_code (a), ==, 0);
  }

  /* bad control requests */
  {
    const char *bad[] = { "{\"fault\":\"500\"}", "{\"path\":\"/x\",\"fault\":\"explode\"}",
                          "{\"path\":\"/x\",\"fault\":\"delay\",\"value\":\"10\"}",
                          "{\"path\":\"/x\",\"fault\":\"500\",\"times\":-1}", "[]" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(Response) r = api_post (f, "/_sandbox/fault", bad[i]);
        assert_parameter_error (r, NULL);
      }
  }

  /* faults on the signed-URL upload */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("0123456789", 10);
    g_autoptr(Response) ask = ask_upload (f, "a.wav", "audio/wav", 10);
    const char *sign_url = json_object_get_string_member (data_of (ask), "sign_url");
    g_autoptr(Response) set_upload = api_post (f, "/_sandbox/fault", "{\"path\":\"/upload/\",\"fault\":\"500\",\"times\":1}");
    g_autoptr(Response) failed = put_bytes (f, sign_url, "audio/wav", bytes);
    g_autoptr(Response) retried = put_bytes (f, sign_url, "audio/wav", bytes);

    g_assert_cmpint (envelope_code (set_upload), ==, 0);
    g_assert_cmpuint (failed->status, ==, 500);
    g_assert_cmpuint (retried->status, ==, 200);
    g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, "/upload/"), ==, 2);
  }

  /* render-fails through the control endpoint, for any path */
  {
    g_autoptr(Response) r = api_post (f, "/_sandbox/fault", "{\"path\":\"*\",\"fault\":\"render-fails\"}");
    g_autofree char *json = render_json (2, "http://127.0.0.1:9/a.mp3", 1.0, 20001, 0, 1, "en-US-EmilyNeural", 2);
    g_autofree char *prj_id = NULL;
    g_autoptr(Response) last = NULL;
    g_autoptr(GArray) seen = NULL;

    g_assert_cmpint (envelope_code (r), ==, 0);
    prj_id = start_render (f, json);
    seen = poll_until_final (f, prj_id, &last);
    assert_walk (seen, 5);
    g_assert_nonnull (strstr (json_object_get_string_member (data_of (last), "status_desc"), "render-fails"));
  }

  g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, "*"), >, 10);
  {
    g_autoptr(Response) hits = api_get (f, "/_sandbox/hits?path=/upload/");
    g_assert_cmpint (json_object_get_int_member (data_of (hits), "hits"), ==, 2);
  }
  g_assert_cmpuint (talkie_sandbox_get_hits (f->sandbox, "/never"), ==, 0);
}

static void
test_fault_from_string (void)
{
  const struct {
    const char *str;
    TalkieSandboxFault fault;
  } good[] = {
    { "500", TALKIE_SANDBOX_FAULT_HTTP_500 },
    { "delay", TALKIE_SANDBOX_FAULT_DELAY },
    { "malformed", TALKIE_SANDBOX_FAULT_MALFORMED },
    { "truncated", TALKIE_SANDBOX_FAULT_TRUNCATED },
    { "drop", TALKIE_SANDBOX_FAULT_DROP },
    { "code", TALKIE_SANDBOX_FAULT_API_CODE },
    { "render-fails", TALKIE_SANDBOX_FAULT_RENDER_FAILS },
  };
  TalkieSandboxFault fault;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (talkie_sandbox_fault_from_string (good[i].str, &fault));
      g_assert_cmpint (fault, ==, good[i].fault);
    }
  g_assert_false (talkie_sandbox_fault_from_string ("boom", &fault));
  g_assert_false (talkie_sandbox_fault_from_string ("", &fault));
  g_assert_false (talkie_sandbox_fault_from_string (NULL, &fault));
}

/* ------------------------------------------------------------------------ */
/* a sandbox serving from another thread's main context                     */

typedef struct
{
  GMutex        mutex;
  GCond         cond;
  char         *base_url;
  GMainContext *context;
  GMainLoop    *loop;
} ThreadWorld;

static gpointer
sandbox_thread (gpointer user_data)
{
  ThreadWorld *world = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (context);

  sandbox = g_object_new (TALKIE_TYPE_SANDBOX, "step-ms", 10, NULL);
  g_assert_true (talkie_sandbox_start (sandbox, &error));
  g_assert_no_error (error);

  g_mutex_lock (&world->mutex);
  world->base_url = g_strdup (talkie_sandbox_get_base_url (sandbox));
  world->context = context;
  world->loop = loop;
  g_cond_signal (&world->cond);
  g_mutex_unlock (&world->mutex);

  g_main_loop_run (loop);

  talkie_sandbox_stop (sandbox);
  g_clear_object (&sandbox);
  g_main_context_pop_thread_default (context);
  return NULL;
}

static gboolean
quit_loop_idle (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_other_thread (Fixture       *f,
                   gconstpointer  data)
{
  ThreadWorld world = { 0 };
  GThread *thread;
  g_autofree char *avatars = NULL;
  g_autofree char *clip = NULL;

  g_mutex_init (&world.mutex);
  g_cond_init (&world.cond);

  thread = g_thread_new ("sandbox", sandbox_thread, &world);
  g_mutex_lock (&world.mutex);
  while (world.base_url == NULL)
    g_cond_wait (&world.cond, &world.mutex);
  g_mutex_unlock (&world.mutex);

  /* this thread's loop only runs the client: the sandbox answers from its own */
  avatars = g_strdup_printf ("%s/open/avatar?aspect_ratio=2", world.base_url);
  {
    g_autoptr(Response) r = request_full (f, "GET", avatars, "sandbox", NULL, NULL, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data_of (r), "avatars")), ==, 48);
  }

  /* an audition is made by a pipeline whose bus is watched on the sandbox's context */
  clip = g_strdup_printf ("%s/media/audition/es-ES-LuciaNeural.ogg", world.base_url);
  {
    g_autoptr(Response) r = media_get (f, clip, NULL);
    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpmem (g_bytes_get_data (r->body, NULL), 4, "OggS", 4);
  }

  g_main_context_invoke (world.context, quit_loop_idle, world.loop);
  g_thread_join (thread);

  g_free (world.base_url);
  g_mutex_clear (&world.mutex);
  g_cond_clear (&world.cond);
}

/* ------------------------------------------------------------------------ */
/* the executable                                                           */

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
  for (guint i = 0; i < 5; i++)
    {
      const char *opt[] = { "--port", "--key", "--avatars", "--step-ms", "--fault" };
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
                           "--fault", "/open/timbre=code:18025:1", NULL);
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
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sandbox/avatars", test_avatars);
  g_test_add ("/sandbox/avatars/large", Fixture, NULL, fixture_setup_large, test_avatars_large, fixture_teardown);
  ADD ("/sandbox/key", test_key);
  ADD ("/sandbox/timbres", test_timbres);
  ADD ("/sandbox/auditions/concurrent", test_auditions_concurrent);
  ADD ("/sandbox/media/covers", test_covers);
  ADD ("/sandbox/media/range", test_range);
  ADD ("/sandbox/upload/round-trip", test_upload);
  ADD ("/sandbox/upload/validation", test_upload_validation);
  ADD ("/sandbox/render/validation", test_render_validation);
  ADD ("/sandbox/render/video", test_render_video);
  ADD ("/sandbox/render/green-screen-mine", test_render_green_mine);
  ADD ("/sandbox/render/clock", test_render_clock);
  ADD ("/sandbox/render/fails", test_render_fails);
  ADD ("/sandbox/render/unreachable-audio", test_render_unreachable_audio);
  ADD ("/sandbox/project/unknown", test_project_unknown);
  ADD ("/sandbox/fault/kinds", test_fault_kinds);
  ADD ("/sandbox/fault/delay", test_fault_delay);
  ADD ("/sandbox/fault/delay-client-gone", test_fault_delay_client_gone);
  ADD ("/sandbox/fault/wildcard-and-control", test_fault_wildcard_and_control);
  ADD ("/sandbox/stop-while-holding", test_stop_while_holding);
  g_test_add_func ("/sandbox/fault/from-string", test_fault_from_string);
  ADD ("/sandbox/other-thread", test_other_thread);
  g_test_add_func ("/sandbox/executable/help", test_executable_help);
  ADD ("/sandbox/executable/serves", test_executable_serves);
#undef ADD

  return g_test_run ();
}
