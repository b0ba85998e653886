/* talkie-sandbox-host.h: the built-in sandbox, on a thread of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TalkieSandboxHost TalkieSandboxHost;

/* Starts the sandbox on a new thread and waits until it listens (binding a
 * loopback port: a short wait). */
TalkieSandboxHost *talkie_sandbox_host_start        (GError            **error);
/* Stops the sandbox and joins its thread. */
void               talkie_sandbox_host_free         (TalkieSandboxHost  *host);
const char        *talkie_sandbox_host_get_base_url (TalkieSandboxHost  *host);
const char        *talkie_sandbox_host_get_api_key  (TalkieSandboxHost  *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TalkieSandboxHost, talkie_sandbox_host_free)

G_END_DECLS
