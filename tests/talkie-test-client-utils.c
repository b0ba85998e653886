/* talkie-test-client-utils.c: helpers for the test programs that use src/core
 * against an in-process TalkieSandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-test"

#include "talkie-test-client-utils.h"

TalkieSandbox *
talkie_test_start_sandbox (const char *first_property_name,
                           ...)
{
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first_property_name);
  sandbox = TALKIE_SANDBOX (g_object_new_valist (TALKIE_TYPE_SANDBOX, first_property_name, args));
  va_end (args);

  g_assert_true (talkie_sandbox_start (sandbox, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&sandbox);
}

void
talkie_test_stop_sandbox (TalkieSandbox **sandbox)
{
  g_assert_nonnull (sandbox);
  g_assert_nonnull (*sandbox);

  talkie_sandbox_stop (*sandbox);
  g_clear_object (sandbox);
  talkie_test_drain ();
}

TalkieClient *
talkie_test_client_new_for_sandbox (TalkieSandbox *sandbox)
{
  g_autoptr(GError) error = NULL;
  TalkieClient *client;

  client = talkie_client_new (talkie_sandbox_get_api_key (sandbox),
                              talkie_sandbox_get_base_url (sandbox),
                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);

  return client;
}

GListModel *
talkie_test_list_avatars (TalkieClient       *client,
                          TalkieSource        source,
                          TalkieAspectRatio   aspect,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_list_avatars_async (client, source, aspect, cancellable, talkie_test_result_cb, &result);
  return talkie_client_list_avatars_finish (client, talkie_test_wait_for_result (&result), error);
}

GListModel *
talkie_test_list_voices (TalkieClient  *client,
                         TalkieSource   source,
                         TalkieGender   gender,
                         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_client_list_voices_async (client, source, gender, NULL, talkie_test_result_cb, &result);
  return talkie_client_list_voices_finish (client, talkie_test_wait_for_result (&result), error);
}

TalkieAvatar *
talkie_test_get_avatar (TalkieClient      *client,
                        TalkieAspectRatio  aspect,
                        guint              position)
{
  g_autoptr(GListModel) avatars = NULL;
  g_autoptr(GError) error = NULL;
  TalkieAvatar *avatar;

  avatars = talkie_test_list_avatars (client, TALKIE_SOURCE_PUBLIC, aspect, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (avatars), >, position);
  avatar = g_list_model_get_item (avatars, position);
  g_assert_nonnull (avatar);

  return avatar;
}

TalkieVoice *
talkie_test_get_voice (TalkieClient *client,
                       guint         position)
{
  g_autoptr(GListModel) voices = NULL;
  g_autoptr(GError) error = NULL;
  TalkieVoice *voice;

  voices = talkie_test_list_voices (client, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (voices), >, position);
  voice = g_list_model_get_item (voices, position);
  g_assert_nonnull (voice);

  return voice;
}
