/* test-secret.c: the API key in a real gnome-keyring on a private D-Bus
 * (run through tests/talkie-test-env).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "test-secret"

#include <libsecret/secret.h>

#include "talkie-core.h"

#include "talkie-test-utils.h"

static gboolean
store (const char  *server,
       const char  *key,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_secret_store_async (server, key, NULL, talkie_test_result_cb, &result);
  return talkie_secret_store_finish (talkie_test_wait_for_result (&result), error);
}

static char *
lookup (const char  *server,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_secret_lookup_async (server, NULL, talkie_test_result_cb, &result);
  return talkie_secret_lookup_finish (talkie_test_wait_for_result (&result), error);
}

static gboolean
clear (const char  *server,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_secret_clear_async (server, NULL, talkie_test_result_cb, &result);
  return talkie_secret_clear_finish (talkie_test_wait_for_result (&result), error);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *found = NULL;
  g_autofree char *found_sync = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *gone_sync = NULL;

  none = lookup (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  g_assert_true (store (NULL, "jogg-key-1", &error));
  g_assert_no_error (error);

  found = lookup (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "jogg-key-1");

  /* NULL and the default server are the same entry. */
  found_sync = talkie_secret_lookup_sync (TALKIE_DEFAULT_OPEN_BASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found_sync, ==, "jogg-key-1");

  /* Storing again replaces the key. */
  g_assert_true (store ("", "jogg-key-2", &error));
  g_assert_no_error (error);
  replaced = talkie_secret_lookup_sync (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (replaced, ==, "jogg-key-2");

  g_assert_true (clear (NULL, &error));
  g_assert_no_error (error);
  gone = lookup (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  gone_sync = talkie_secret_lookup_sync (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone_sync);

  /* Clearing what is not there is not an error. */
  g_assert_true (clear (NULL, &error));
  g_assert_no_error (error);
}

static void
test_per_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *a_after = NULL;
  g_autofree char *b_after = NULL;

  g_assert_true (store ("http://127.0.0.1:8080", "sandbox-key", &error));
  g_assert_no_error (error);
  g_assert_true (store ("https://other.example.com", "other-key", &error));
  g_assert_no_error (error);

  /* The same base written another way is the same key. */
  a = talkie_secret_lookup_sync ("http://127.0.0.1:8080/ ", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "sandbox-key");
  b = lookup ("https://other.example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, "other-key");

  g_assert_true (clear ("http://127.0.0.1:8080//", &error));
  g_assert_no_error (error);
  a_after = lookup ("http://127.0.0.1:8080", &error);
  g_assert_no_error (error);
  g_assert_null (a_after);
  b_after = lookup ("https://other.example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b_after, ==, "other-key");

  g_assert_true (clear ("https://other.example.com", &error));
  g_assert_no_error (error);
}

static void
test_label_and_schema (void)
{
  static const SecretSchema schema = {
    "io.github.talkie.Talkie.ApiKey", SECRET_SCHEMA_NONE,
    { { "server", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretService) service = NULL;
  GList *items;
  g_autofree char *label = NULL;
  g_autofree char *in_keyring = NULL;

  g_assert_true (store ("http://127.0.0.1:9999", "labelled-key", &error));
  g_assert_no_error (error);

  /* Another program, looking with the documented schema, finds the key. */
  in_keyring = secret_password_lookup_sync (&schema, NULL, &error,
                                            "server", "http://127.0.0.1:9999",
                                            NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (in_keyring, ==, "labelled-key");

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  attributes = secret_attributes_build (&schema, "server", "http://127.0.0.1:9999", NULL);
  items = secret_service_search_sync (service, &schema, attributes,
                                      SECRET_SEARCH_UNLOCK, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (items);
  label = secret_item_get_label (items->data);
  g_assert_cmpstr (label, ==, "Talkie API key (http://127.0.0.1:9999)");
  g_list_free_full (items, g_object_unref);

  g_assert_true (clear ("http://127.0.0.1:9999", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secret/per-server", test_per_server);
  g_test_add_func ("/secret/label-and-schema", test_label_and_schema);

  return g_test_run ();
}
