/* talkie-sandbox-private.h: what the parts of TalkieSandbox share
 * (talkie-sandbox.c, -media.c, -upload.c, -render.c, -faults.c). Only
 * src/sandbox uses this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "talkie-sandbox.h"

G_BEGIN_DECLS

/* The API's answer codes, in the "code" member of every reply. */
#define CODE_OK               0
#define CODE_NOT_FOUND        10104
#define CODE_INVALID_KEY      10105
#define CODE_PARAMETER        40000

typedef struct
{
  char               *path;
  TalkieSandboxFault  kind;
  int                 value;
  guint               times;    /* remaining, 0 = until cleared */
} Fault;

typedef enum
{
  UPLOAD_WAITING,
  UPLOAD_DONE,
} UploadState;

typedef struct
{
  char        *token;
  char        *filename;
  char        *content_type;
  guint64      file_size;
  char        *path;
  UploadState  state;
} Upload;

typedef enum
{
  VIDEO_ENCODING,
  VIDEO_DONE,
  VIDEO_FAILED,
} VideoState;

typedef struct
{
  TalkieSandbox *sandbox;    /* unowned */
  char          *id;
  char          *title;
  guint          avatar_id;
  guint          ratio;
  gint64         created_at;
  gint64         started_us;
  double         duration;
  char          *video_path;
  VideoState     state;
  int            last_status;
  char          *reason;
  GstElement    *pipeline;
  GSource       *bus_source;
  GSource       *watchdog;
} Project;

typedef struct
{
  TalkieSandbox *sandbox;    /* unowned */
  char          *lang_id;
  char          *path;
  GstElement    *pipeline;
  GSource       *bus_source;
  GPtrArray     *waiting;    /* of SoupServerMessage, paused */
} Audition;

struct _TalkieSandbox
{
  GObject       parent_instance;

  char         *api_key;
  guint         port;
  guint         avatar_count;
  guint         step_ms;
  gboolean      every_step;
  guint64       max_upload_size;
  char         *data_dir;
  gboolean      owns_data_dir;

  GMainContext *context;
  SoupServer   *server;
  char         *base_url;

  GHashTable   *hits;        /* path → count */
  GPtrArray    *faults;      /* of Fault */
  GHashTable   *media;       /* media path → GBytes */
  GQueue        covers;      /* the cover paths in media, oldest first */
  GHashTable   *auditions;   /* lang_id → Audition, while being made */
  GHashTable   *uploads;     /* token → Upload */
  GHashTable   *projects;    /* id → Project */
  GPtrArray    *held;        /* paused messages (delay fault, audition wait) */
  GPtrArray    *timeouts;    /* GSource of pending delays */
};

/* --- helpers, requests and replies, dispatch (talkie-sandbox.c) --- */

char       *_talkie_sandbox_new_token             (void);
void        _talkie_sandbox_hold_message          (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg);
gboolean    _talkie_sandbox_release_message       (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg);
GSource    *_talkie_sandbox_add_timeout           (TalkieSandbox      *self,
                                                   guint               ms,
                                                   GSourceFunc         func,
                                                   gpointer            data,
                                                   GDestroyNotify      destroy);

JsonObject *_talkie_sandbox_parse_request_object  (SoupServerMessage  *msg);
gboolean    _talkie_sandbox_member_is_string      (JsonObject         *object,
                                                   const char         *name);
gboolean    _talkie_sandbox_member_is_int         (JsonObject         *object,
                                                   const char         *name,
                                                   gint64             *value);
gboolean    _talkie_sandbox_member_is_number      (JsonObject         *object,
                                                   const char         *name,
                                                   double             *value);

void        _talkie_sandbox_reply_raw             (SoupServerMessage  *msg,
                                                   guint               status,
                                                   const char         *content_type,
                                                   const char         *body);
void        _talkie_sandbox_reply_json            (SoupServerMessage  *msg,
                                                   int                 code,
                                                   const char         *message,
                                                   JsonNode           *data);
void        _talkie_sandbox_reply_error           (SoupServerMessage  *msg,
                                                   int                 code,
                                                   const char         *message);
void        _talkie_sandbox_reply_parameter_error (SoupServerMessage  *msg,
                                                   const char         *format,
                                                   ...) G_GNUC_PRINTF (2, 3);
JsonNode   *_talkie_sandbox_builder_steal_root    (JsonBuilder        *builder);

void        _talkie_sandbox_serve_request         (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg);

/* --- covers, auditions, the catalogue, media (talkie-sandbox-media.c) --- */

char       *_talkie_sandbox_cover_url             (TalkieSandbox      *self,
                                                   guint               id);
gboolean    _talkie_sandbox_media_exists          (TalkieSandbox      *self,
                                                   const char         *path,
                                                   char              **local_file);
gboolean    _talkie_sandbox_handle_media          (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg,
                                                   const char         *path);
void        _talkie_sandbox_handle_avatars        (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg,
                                                   GHashTable         *query,
                                                   gboolean            mine);
void        _talkie_sandbox_handle_timbres        (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg,
                                                   GHashTable         *query,
                                                   gboolean            mine);

/* --- signed-URL uploads (talkie-sandbox-upload.c) --- */

void        _talkie_sandbox_handle_upload_asset   (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg);
void        _talkie_sandbox_early_upload_handler  (SoupServer         *server,
                                                   SoupServerMessage  *msg,
                                                   const char         *path,
                                                   GHashTable         *query,
                                                   gpointer            user_data);
void        _talkie_sandbox_handle_upload_put     (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg,
                                                   const char         *token);

/* --- renders and their status (talkie-sandbox-render.c) --- */

void        _talkie_sandbox_fail_project          (Project            *project,
                                                   const char         *reason);
void        _talkie_sandbox_handle_render         (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg);
void        _talkie_sandbox_handle_project        (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg,
                                                   GHashTable         *query);

/* --- fault injection and the control endpoint (talkie-sandbox-faults.c) --- */

Fault      *_talkie_sandbox_find_fault            (TalkieSandbox      *self,
                                                   const char         *key,
                                                   TalkieSandboxFault  kind);
void        _talkie_sandbox_use_fault             (TalkieSandbox      *self,
                                                   Fault              *fault);
gboolean    _talkie_sandbox_apply_fault           (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg,
                                                   Fault              *fault);
void        _talkie_sandbox_handle_control        (TalkieSandbox      *self,
                                                   SoupServerMessage  *msg,
                                                   const char         *path);

G_END_DECLS
