/* hostile-server.h: a loopback HTTP server that misbehaves on purpose.
 *
 * Each connection is served in a thread of its own by a handler the test
 * gives; the handler writes raw bytes (any status, header, framing) and may
 * stall, drip or hang up. Every request is recorded, to check afterwards what
 * reached the server — an API key on a redirect's target, say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _HostileServer HostileServer;

typedef struct
{
  char       *method;
  char       *path;      /* with its query */
  GHashTable *headers;   /* lower-case name → value */
  GBytes     *body;
} HostileRequest;

/* Runs in the connection's thread. Write the reply to @output; the
 * connection is closed when it returns. */
typedef void (*HostileHandler) (HostileServer        *server,
                                const HostileRequest *request,
                                GOutputStream        *output,
                                gpointer              user_data);

HostileServer *hostile_server_new        (HostileHandler  handler,
                                          gpointer        user_data);
void           hostile_server_free       (HostileServer  *server);
/* http://127.0.0.1:PORT, no trailing slash */
const char    *hostile_server_get_url    (HostileServer  *server);
guint          hostile_server_get_n_requests (HostileServer *server);
/* A copy of the @i-th request's header @name (lower case), or NULL. */
char          *hostile_server_dup_header (HostileServer  *server,
                                          guint           i,
                                          const char     *name);
/* TRUE once hostile_server_free() began: a dripping handler stops. */
gboolean       hostile_server_is_stopping (HostileServer *server);

/* Helpers for handlers: write all of @text / @bytes, FALSE when the client left. */
gboolean       hostile_write             (GOutputStream  *output,
                                          const char     *text);
gboolean       hostile_write_bytes       (GOutputStream  *output,
                                          const void     *data,
                                          gsize           length);
/* A complete reply: status line, Content-Type, Content-Length, @body. */
gboolean       hostile_reply             (GOutputStream  *output,
                                          guint           status,
                                          const char     *content_type,
                                          const char     *extra_headers,
                                          const void     *body,
                                          gsize           length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HostileServer, hostile_server_free)

G_END_DECLS
