/* hostile-test-util.h: what the hostile test programs share — the fixture
 * (a temporary folder, a misbehaving server or two, a client of the first),
 * waiting for a result, and a real video to serve.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-core.h"
#include "hostile-server.h"

G_BEGIN_DECLS

/* Long enough to count as a secret for the redaction. */
#define HOSTILE_API_KEY "hostile-test-key-0123456789"
/* How long a test waits for what must happen, in seconds. */
#define HOSTILE_GUARD_SECONDS 20

typedef struct
{
  char          *dir;
  HostileServer *server;
  HostileServer *other;      /* a second origin, for redirects */
  TalkieClient  *client;
} Fixture;

void        hostile_fixture_set_up    (Fixture        *fixture,
                                       gconstpointer   user_data);
void        hostile_fixture_tear_down (Fixture        *fixture,
                                       gconstpointer   user_data);
void        hostile_start_server      (Fixture        *fixture,
                                       HostileHandler  handler,
                                       gpointer        data);
gboolean    hostile_wait_result       (GAsyncResult  **slot,
                                       guint           seconds);
GListModel *hostile_list_avatars      (Fixture        *fixture,
                                       GError        **error);
GBytes     *hostile_real_video        (gboolean        mp4);

/* One public 9:16 avatar, as the API lists it. */
extern const char hostile_avatars_reply[];

#define HOSTILE_ADD(path, func, data) \
  g_test_add ("/hostile/" path, Fixture, data, hostile_fixture_set_up, func, hostile_fixture_tear_down)

G_END_DECLS
