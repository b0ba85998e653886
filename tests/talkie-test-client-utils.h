/* talkie-test-client-utils.h: helpers for the test programs that use src/core
 * against an in-process TalkieSandbox
 *
 * The sandbox tests speak plain libsoup and do not link this part; see
 * talkie-test-utils.h for what every test program can use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "talkie-core.h"
#include "talkie-sandbox.h"

#include "talkie-test-utils.h"

G_BEGIN_DECLS

/**
 * talkie_test_start_sandbox:
 * @first_property_name: (nullable): the first #TalkieSandbox property to set
 * @...: its value, then more name/value pairs, ending with %NULL
 *
 * Makes a #TalkieSandbox with the given properties and starts it on the
 * thread-default main context.
 *
 * Returns: (transfer full): the running sandbox
 */
TalkieSandbox *talkie_test_start_sandbox       (const char         *first_property_name,
                                                ...);

/**
 * talkie_test_stop_sandbox:
 * @sandbox: (inout): a running sandbox, cleared on return
 *
 * Stops the sandbox, drops the reference and lets what its stop left
 * pending (closes, cancellations) run on the main context.
 */
void           talkie_test_stop_sandbox        (TalkieSandbox     **sandbox);

/**
 * talkie_test_client_new_for_sandbox:
 * @sandbox: a running sandbox
 *
 * Returns: (transfer full): a client that speaks to @sandbox with its key
 */
TalkieClient  *talkie_test_client_new_for_sandbox (TalkieSandbox   *sandbox);

/**
 * talkie_test_list_avatars:
 * @client: a client
 * @source: whose avatars
 * @aspect: for which aspect ratio
 * @cancellable: (nullable): to cancel the call
 * @error: where an error goes
 *
 * talkie_client_list_avatars_async(), waited for on the main context.
 *
 * Returns: (transfer full) (nullable): the avatars, or %NULL with @error set
 */
GListModel    *talkie_test_list_avatars        (TalkieClient       *client,
                                                TalkieSource        source,
                                                TalkieAspectRatio   aspect,
                                                GCancellable       *cancellable,
                                                GError            **error);

/**
 * talkie_test_list_voices:
 * @client: a client
 * @source: whose voices
 * @gender: which voices
 * @error: where an error goes
 *
 * talkie_client_list_voices_async(), waited for on the main context.
 *
 * Returns: (transfer full) (nullable): the voices, or %NULL with @error set
 */
GListModel    *talkie_test_list_voices         (TalkieClient       *client,
                                                TalkieSource        source,
                                                TalkieGender        gender,
                                                GError            **error);

/**
 * talkie_test_get_avatar:
 * @client: a client
 * @aspect: for which aspect ratio
 * @position: which of the public avatars
 *
 * Lists the public avatars for @aspect and asserts there is one at @position.
 *
 * Returns: (transfer full): the avatar at @position
 */
TalkieAvatar  *talkie_test_get_avatar          (TalkieClient       *client,
                                                TalkieAspectRatio   aspect,
                                                guint               position);

/**
 * talkie_test_get_voice:
 * @client: a client
 * @position: which of the public voices
 *
 * Lists the public voices (any gender) and asserts there is one at @position.
 *
 * Returns: (transfer full): the voice at @position
 */
TalkieVoice   *talkie_test_get_voice           (TalkieClient       *client,
                                                guint               position);

G_END_DECLS
