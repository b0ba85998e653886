/* test-sandbox-media.c: covers, audition clips, and how media is served
 * (ETags, caching, ranges, 404s)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "test-sandbox-utils.h"

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

int
main (int   argc,
      char *argv[])
{
  sandbox_test_init (&argc, &argv);

  sandbox_test_add ("/sandbox/media/auditions-concurrent", test_auditions_concurrent);
  sandbox_test_add ("/sandbox/media/covers", test_covers);
  sandbox_test_add ("/sandbox/media/range", test_range);

  return g_test_run ();
}
