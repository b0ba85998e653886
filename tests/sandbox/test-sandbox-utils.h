/* test-sandbox-utils.h: what the sandbox test programs share: a fixture with a
 * sandbox and a client session, requests, the checks of a JoggAI reply, and the
 * upload and render steps more than one area needs.
 *
 * The sandbox runs in the test's process on its main context, on a free port;
 * every request goes over loopback through a SoupSession on the same loop, so a
 * sandbox that blocked its loop would hang these tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "talkie-sandbox.h"

G_BEGIN_DECLS

/* The sandbox's "step-ms": renders walk their status quickly. */
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

typedef struct
{
  gboolean     done;
  SoupMessage *msg;
  Response    *response;
} Pending;

typedef void (*SandboxTestFunc) (Fixture       *f,
                                 gconstpointer  data);

void         response_free          (Response     *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* gst_init () and g_test_init (). */
void         sandbox_test_init      (int          *argc,
                                     char       ***argv);
/* A test on a Fixture with a sandbox of 48 avatars per aspect ratio. */
void         sandbox_test_add       (const char      *path,
                                     SandboxTestFunc  func);
void         fixture_setup          (Fixture       *f,
                                     gconstpointer  data);
/* 10000 avatars per aspect ratio, the most the sandbox has. */
void         fixture_setup_large    (Fixture       *f,
                                     gconstpointer  data);
void         fixture_teardown       (Fixture       *f,
                                     gconstpointer  data);

/* --- requests --- */

/* @path: on the sandbox, or a whole URL. @key: the x-api-key, or NULL. */
SoupMessage *build_message          (Fixture     *f,
                                     const char  *method,
                                     const char  *path,
                                     const char  *key,
                                     const char  *content_type,
                                     GBytes      *body);
/* Takes @msg; finish_request () waits for the answer. */
Pending     *start_request          (Fixture     *f,
                                     SoupMessage *msg);
Response    *finish_request         (Pending     *p);
Response    *request_full           (Fixture     *f,
                                     const char  *method,
                                     const char  *path,
                                     const char  *key,
                                     const char  *content_type,
                                     GBytes      *body,
                                     const char  *range);
Response    *api_get                (Fixture     *f,
                                     const char  *path);
Response    *api_post               (Fixture     *f,
                                     const char  *path,
                                     const char  *json);
Response    *media_get              (Fixture     *f,
                                     const char  *url,
                                     const char  *range);

gint64       envelope_code          (Response    *r);
/* Asserts code 0 and returns the data object. */
JsonObject  *data_of                (Response    *r);
const char  *msg_of                 (Response    *r);
/* Asserts code 40000 with no data and, unless @field is NULL, a message naming it. */
void         assert_parameter_error (Response    *r,
                                     const char  *field);

/* --- uploads --- */

Response    *ask_upload             (Fixture     *f,
                                     const char  *filename,
                                     const char  *content_type,
                                     gint64       size);
Response    *put_bytes              (Fixture     *f,
                                     const char  *sign_url,
                                     const char  *content_type,
                                     GBytes      *bytes);
char        *upload_file            (Fixture     *f,
                                     const char  *path,
                                     const char  *content_type);

/* --- renders --- */

/* Encodes about @buffers × 23 ms of a tone with @encoder into the fixture's
 * folder; returns the file's path. */
char        *make_audio             (Fixture     *f,
                                     const char  *name,
                                     const char  *encoder,
                                     int          buffers);
char        *render_json            (int          aspect_ratio,
                                     const char  *url,
                                     double       duration,
                                     gint64       person_id,
                                     int          person_source,
                                     int          screen_style,
                                     const char  *voice,
                                     int          subtitle);
/* Asks for a render and returns its prj_id. */
char        *start_render           (Fixture     *f,
                                     const char  *json);
GArray      *poll_until_final       (Fixture     *f,
                                     const char  *prj_id,
                                     Response   **last);
/* Asserts the statuses seen were 1, 2, 3, @final. */
void         assert_walk            (GArray      *seen,
                                     int          final);

G_END_DECLS
