/* test-sandbox-upload.c: the signed-URL upload, from /v1/upload/asset to the
 * hosted file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include "test-sandbox-utils.h"

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
    /* the default "max-upload-size", 200 MiB, and one byte more */
    { "{\"filename\":\"a.mp3\",\"content_type\":\"audio/mpeg\",\"file_size\":209715201}", "file_size" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Response) r = api_post (f, "/v1/upload/asset", cases[i].json);
      assert_parameter_error (r, cases[i].field);
    }
}

/* The default is accepted up to its last byte. */
static void
test_upload_size_limit (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Response) r = api_post (f, "/v1/upload/asset",
                                    "{\"filename\":\"a.mp3\",\"content_type\":\"audio/mpeg\",\"file_size\":209715200}");

  g_assert_nonnull (json_object_get_string_member (data_of (r), "sign_url"));
}

int
main (int   argc,
      char *argv[])
{
  sandbox_test_init (&argc, &argv);

  sandbox_test_add ("/sandbox/upload/round-trip", test_upload);
  sandbox_test_add ("/sandbox/upload/validation", test_upload_validation);
  sandbox_test_add ("/sandbox/upload/size-limit", test_upload_size_limit);

  return g_test_run ();
}
