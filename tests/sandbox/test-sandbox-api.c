/* test-sandbox-api.c: the sandbox's lists of avatars and voices, its API key,
 * and a sandbox serving from another thread's main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sandbox"

#include "config.h"

#include <string.h>

#include "test-sandbox-utils.h"

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

int
main (int   argc,
      char *argv[])
{
  sandbox_test_init (&argc, &argv);

  sandbox_test_add ("/sandbox/api/avatars", test_avatars);
  g_test_add ("/sandbox/api/avatars-large", Fixture, NULL, fixture_setup_large, test_avatars_large, fixture_teardown);
  sandbox_test_add ("/sandbox/api/key", test_key);
  sandbox_test_add ("/sandbox/api/timbres", test_timbres);
  sandbox_test_add ("/sandbox/api/other-thread", test_other_thread);

  return g_test_run ();
}
