/* talkie-client.c: one JoggAI account on one server.
 *
 * Every call is asynchronous (GTask + GCancellable) on the main context it was
 * started from. Reply bodies are read with a cap, and parsed in a worker thread
 * when they are large. The API key goes in `x-api-key` on API calls only: never
 * on the signed-URL upload or on media.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <string.h>

#include <glib/gi18n.h>

#include "talkie-client.h"
#include "talkie-core.h"
#include "talkie-error-private.h"
#include "talkie-reply.h"
#include "talkie-url.h"
#include "talkie-video-check.h"

#define DEFAULT_TIMEOUT_SECONDS 30
#define READ_CHUNK_SIZE         (64 * 1024)
/* Larger bodies are parsed in a worker thread. */
#define PARSE_IN_THREAD_BYTES   (256 * 1024)
/* What we read of the body of a signed-URL PUT reply: nothing useful is in it. */
#define UPLOAD_REPLY_MAX_BYTES  (64 * 1024)
#define SNIFF_BYTES             4096
/* A transfer moving less than this in the window is given up. */
#define STALL_MIN_BYTES         (16 * 1024)
#define STALL_WINDOW_SECONDS    30
/* An API call (request and whole reply, retries included) must be over by then. */
#define DEFAULT_DEADLINE_SECONDS 60
/* A Retry-After longer than this is not waited for: the call fails at once. */
#define MAX_RETRY_AFTER_SECONDS 30
/* The first try and two more when the server is busy. */
#define MAX_ATTEMPTS            3
/* Shorter keys are not secrets worth redacting (see talkie_client_redact()). */
#define REDACT_MIN_KEY_LENGTH   12
/* No video Talkie saves is larger. */
#define MAX_DOWNLOAD_BYTES      ((goffset) 4 << 30)
/* A partial download nobody wrote to for this long was abandoned. */
#define STALE_PART_SECONDS      (15 * 60)

struct _TalkieClient
{
  GObject      parent_instance;
  SoupSession *session;
  char        *api_key;
  char        *base_url;   /* NULL: JoggAI's two hosts */
  guint        timeout;
  guint        deadline;   /* seconds for a whole API call, 0: none */
};

G_DEFINE_FINAL_TYPE (TalkieClient, talkie_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  FAMILY_OPEN,
  FAMILY_V1,
} Family;

/* ------------------------------------------------------------------------- */
/* GObject                                                                   */
/* ------------------------------------------------------------------------- */

static void
talkie_client_finalize (GObject *object)
{
  TalkieClient *self = (TalkieClient *)object;

  g_clear_object (&self->session);
  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (talkie_client_parent_class)->finalize (object);
}

static void
talkie_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TalkieClient *self = TALKIE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TalkieClient *self = TALKIE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      talkie_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_client_class_init (TalkieClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = talkie_client_finalize;
  object_class->get_property = talkie_client_get_property;
  object_class->set_property = talkie_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT_SECONDS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_client_init (TalkieClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->deadline = DEFAULT_DEADLINE_SECONDS;
  self->session = soup_session_new_with_options ("user-agent", talkie_core_get_user_agent (),
                                                 "timeout", self->timeout,
                                                 NULL);
}

TalkieClient *
talkie_client_new (const char  *api_key,
                   const char  *base_url,
                   GError     **error)
{
  g_autoptr(TalkieClient) self = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *base = NULL;

  if (base_url != NULL)
    stripped = g_strstrip (g_strdup (base_url));

  if (stripped != NULL && stripped[0] != '\0')
    {
      if (!(base = talkie_url_check_base (stripped, error)))
        return NULL;
    }

  self = g_object_new (TALKIE_TYPE_CLIENT, NULL);
  self->base_url = g_steal_pointer (&base);
  talkie_client_set_api_key (self, api_key);

  return g_steal_pointer (&self);
}

const char *
talkie_client_get_base_url (TalkieClient *self)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  return self->base_url;
}

void
talkie_client_set_api_key (TalkieClient *self,
                           const char   *api_key)
{
  g_return_if_fail (TALKIE_IS_CLIENT (self));

  if (self->api_key != NULL)
    memset (self->api_key, 0, strlen (self->api_key));
  g_clear_pointer (&self->api_key, g_free);

  if (api_key != NULL)
    {
      self->api_key = g_strstrip (g_strdup (api_key));
      if (self->api_key[0] == '\0')
        g_clear_pointer (&self->api_key, g_free);
    }
}

gboolean
talkie_client_has_api_key (TalkieClient *self)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), FALSE);
  return self->api_key != NULL;
}

SoupSession *
talkie_client_get_session (TalkieClient *self)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  return self->session;
}

/* The longest a whole API call may take, retries included; 0 for none. */
void
talkie_client_set_deadline (TalkieClient *self,
                            guint         seconds)
{
  g_return_if_fail (TALKIE_IS_CLIENT (self));

  self->deadline = seconds;
}

void
talkie_client_set_timeout (TalkieClient *self,
                           guint         seconds)
{
  g_return_if_fail (TALKIE_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '+' || c == '/' || c == '=';
}

/* Whole occurrences of the key only ("Check" keeps its "k" when the key is
 * "k"), and only keys long enough to be secrets: the sandbox's "sandbox" is
 * not one, and redacting it would mangle its own messages. */
char *
talkie_client_redact (TalkieClient *self,
                      const char   *text)
{
  GString *str;
  gsize key_len;
  gsize from = 0;

  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);

  if (text == NULL)
    return NULL;

  str = g_string_new (text);
  if (self->api_key == NULL || (key_len = strlen (self->api_key)) < REDACT_MIN_KEY_LENGTH)
    return g_string_free (str, FALSE);

  while (from < str->len)
    {
      const char *found = strstr (str->str + from, self->api_key);
      gsize at;

      if (found == NULL)
        break;

      at = found - str->str;
      if ((at == 0 || !is_key_char (str->str[at - 1])) && !is_key_char (str->str[at + key_len]))
        {
          g_string_erase (str, at, key_len);
          g_string_insert (str, at, "[redacted]");
          from = at + strlen ("[redacted]");
        }
      else
        from = at + 1;
    }

  return g_string_free (str, FALSE);
}

/* ------------------------------------------------------------------------- */
/* Reading a body with a cap                                                 */
/* ------------------------------------------------------------------------- */

typedef struct
{
  GInputStream *stream;
  GByteArray   *body;
  gsize         max;
} ReadAll;

static void
read_all_free (gpointer data)
{
  ReadAll *state = data;

  g_clear_object (&state->stream);
  g_clear_pointer (&state->body, g_byte_array_unref);
  g_free (state);
}

static void read_all_next (GTask *task);

static void
read_all_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadAll *state = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!(chunk = g_input_stream_read_bytes_finish (state->stream, result, &error)))
    {
      g_task_return_error (task, _talkie_api_error_from_io (error));
      return;
    }

  len = g_bytes_get_size (chunk);

  if (len == 0)
    {
      g_task_return_pointer (task,
                             g_byte_array_free_to_bytes (g_steal_pointer (&state->body)),
                             (GDestroyNotify)g_bytes_unref);
      return;
    }

  if (state->body->len + len > state->max)
    {
      g_input_stream_close_async (state->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE,
                               _("The server sent a reply larger than %u MB, which Talkie refuses. Check the server address in Preferences."),
                               (guint)(TALKIE_REPLY_MAX_BYTES / (1024 * 1024)));
      return;
    }

  g_byte_array_append (state->body, g_bytes_get_data (chunk, NULL), len);
  read_all_next (g_steal_pointer (&task));
}

static void
read_all_next (GTask *task)
{
  ReadAll *state = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (state->stream,
                                   READ_CHUNK_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   read_all_cb,
                                   task);
}

static void
read_all_async (GInputStream        *stream,
                gsize                max,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task;
  ReadAll *state;

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, read_all_async);

  state = g_new0 (ReadAll, 1);
  state->stream = g_object_ref (stream);
  state->body = g_byte_array_new ();
  state->max = max;
  g_task_set_task_data (task, state, read_all_free);

  read_all_next (task);
}

static GBytes *
read_all_finish (GAsyncResult  *result,
                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* One API call: request, capped body, envelope, payload                     */
/* ------------------------------------------------------------------------- */

typedef struct _ApiCall ApiCall;
typedef gpointer (*ApiParseFunc) (ApiCall   *call,
                                  JsonNode  *data,
                                  GError   **error);

struct _ApiCall
{
  char              *method;
  char              *url;
  GBytes            *request_body;   /* JSON, or NULL */
  SoupMessage       *msg;
  GBytes            *body;
  guint              status;
  ApiParseFunc       parse;
  GDestroyNotify     result_free;
  TalkieSource       source;
  TalkieAspectRatio  aspect_ratio;
  TalkieGender       gender;

  /* The call's own cancellable: the caller's cancels it, and so does the
   * deadline, so that a server dripping a byte a second cannot hold it. */
  GCancellable      *cancellable;
  GCancellable      *outer;
  gulong             outer_handler;
  GSource           *deadline;
  GSource           *retry;
  guint              deadline_seconds;
  guint              attempts;
  guint              timed_out : 1;
};

static void
api_call_free (gpointer data)
{
  ApiCall *call = data;

  if (call->outer != NULL)
    g_cancellable_disconnect (call->outer, call->outer_handler);
  g_clear_object (&call->outer);
  if (call->deadline != NULL)
    g_source_destroy (call->deadline);
  g_clear_pointer (&call->deadline, g_source_unref);
  if (call->retry != NULL)
    g_source_destroy (call->retry);
  g_clear_pointer (&call->retry, g_source_unref);
  g_clear_object (&call->cancellable);

  g_clear_object (&call->msg);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_pointer (&call->request_body, g_bytes_unref);
  g_free (call->method);
  g_free (call->url);
  g_free (call);
}

/* What the user sees when the call failed on the network: the deadline's own
 * message when it was the deadline that stopped it. */
static GError *
api_call_io_error (ApiCall      *call,
                   const GError *error)
{
  if (call->timed_out)
    return g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_TIMEOUT,
                        _("The server did not finish answering within %u seconds. Try again later."),
                        call->deadline_seconds);

  return _talkie_api_error_from_io (error);
}

static gpointer
api_call_parse (ApiCall  *call,
                GError  **error)
{
  g_autoptr(JsonNode) data = NULL;

  if (!(data = talkie_reply_parse_envelope (call->status, call->body, error)))
    return NULL;

  return call->parse (call, data, error);
}

static void
api_call_parse_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ApiCall *call = task_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  if ((result = api_call_parse (call, &error)))
    g_task_return_pointer (task, result, call->result_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
api_call_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer parsed;

  if (!(call->body = read_all_finish (result, &error)))
    {
      g_task_return_error (task, api_call_io_error (call, error));
      return;
    }

  /* Read in full: the deadline has nothing left to stop. */
  if (call->deadline != NULL)
    g_source_destroy (call->deadline);
  g_clear_pointer (&call->deadline, g_source_unref);

  if (g_bytes_get_size (call->body) > PARSE_IN_THREAD_BYTES)
    {
      g_task_run_in_thread (task, api_call_parse_thread);
      return;
    }

  if ((parsed = api_call_parse (call, &error)))
    g_task_return_pointer (task, parsed, call->result_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void api_call_send (GTask *task);

static gboolean
api_call_retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  ApiCall *call = g_task_get_task_data (task);

  g_clear_pointer (&call->retry, g_source_unref);
  api_call_send (task);

  return G_SOURCE_REMOVE;
}

/* Seconds to wait before trying again, from a Retry-After header (seconds, or
 * an HTTP date); -1 when there is none or it asks for longer than Talkie
 * waits, or than the deadline leaves. */
static int
retry_after_seconds (ApiCall *call)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (call->msg),
                                                    "Retry-After");
  gint64 seconds = -1;

  if (value == NULL)
    return -1;

  if (!g_ascii_string_to_signed (value, 10, 0, G_MAXINT, &seconds, NULL))
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (when == NULL)
        return -1;
      seconds = MAX (0, g_date_time_difference (when, now) / G_USEC_PER_SEC);
    }

  if (seconds > MAX_RETRY_AFTER_SECONDS)
    return -1;

  return (int) seconds;
}

static void
api_call_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  GTask *task = user_data;
  ApiCall *call = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  if (!(stream = soup_session_send_finish (session, result, &error)))
    {
      g_debug ("API call failed: %s", error->message);
      g_task_return_error (task, api_call_io_error (call, error));
      g_object_unref (task);
      return;
    }

  call->status = soup_message_get_status (call->msg);

  /* Busy (429, 503) with a short Retry-After: wait as asked, twice at most. */
  if ((call->status == 429 || call->status == SOUP_STATUS_SERVICE_UNAVAILABLE) &&
      call->attempts < MAX_ATTEMPTS)
    {
      int seconds = retry_after_seconds (call);

      if (seconds >= 0)
        {
          g_debug ("API call answered HTTP %u, trying again in %d s", call->status, seconds);
          g_autoptr(GSource) cancelled = g_cancellable_source_new (call->cancellable);

          g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
          /* The wait ends early when the call is cancelled or out of time. */
          call->retry = g_timeout_source_new (MAX (seconds, 1) * 1000);
          g_source_add_child_source (call->retry, cancelled);
          g_source_set_name (call->retry, "[talkie] API call retry");
          g_source_set_callback (call->retry, api_call_retry_cb, task, NULL);
          g_source_attach (call->retry, g_main_context_get_thread_default ());
          return;
        }
    }

  /* Not followed (SOUP_MESSAGE_NO_REDIRECT): the key is for the configured
   * server, and a redirected POST would come back as a GET. */
  if (SOUP_STATUS_IS_REDIRECTION (call->status))
    {
      g_debug ("API call answered HTTP %u (a redirect): not followed", call->status);
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_REDIRECT,
                               _("The server sent Talkie to another address (HTTP %u). Talkie does not follow it, so that your API key goes only to the server you chose. Check the server address."),
                               call->status);
      g_object_unref (task);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (call->status))
    {
      g_debug ("API call answered HTTP %u", call->status);
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, _talkie_api_error_new_http (call->status));
      g_object_unref (task);
      return;
    }

  headers = soup_message_get_response_headers (call->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > TALKIE_REPLY_MAX_BYTES)
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE,
                               _("The server sent a reply larger than %u MB, which Talkie refuses. Check the server address in Preferences."),
                               (guint)(TALKIE_REPLY_MAX_BYTES / (1024 * 1024)));
      g_object_unref (task);
      return;
    }

  read_all_async (stream,
                  TALKIE_REPLY_MAX_BYTES,
                  call->cancellable,
                  api_call_read_cb,
                  task);
}

static char *
build_url (TalkieClient *self,
           Family        family,
           const char   *path_and_query)
{
  const char *base = self->base_url;

  if (base == NULL)
    base = family == FAMILY_OPEN ? TALKIE_DEFAULT_OPEN_BASE : TALKIE_DEFAULT_V1_BASE;

  return g_strconcat (base, path_and_query, NULL);
}

/* A fresh message for each attempt: libsoup does not send one twice. */
static SoupMessage *
api_call_build_message (TalkieClient *self,
                        ApiCall      *call)
{
  SoupMessageHeaders *headers;
  SoupMessage *msg;

  if (!(msg = soup_message_new (call->method, call->url)))
    return NULL;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL)
    soup_message_headers_replace (headers, "x-api-key", self->api_key);

  if (call->request_body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", call->request_body);

  return msg;
}

/* Builds an API call (start it with api_call_start()); the task returns what
 * @parse returns. Steals @json_body. */
static GTask *
api_call_new (TalkieClient        *self,
              const char          *method,
              Family               family,
              const char          *path_and_query,
              char                *json_body,
              ApiParseFunc         parse,
              GDestroyNotify       result_free,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autofree char *body = json_body;
  ApiCall *call;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);

  call = g_new0 (ApiCall, 1);
  call->parse = parse;
  call->result_free = result_free;
  call->method = g_strdup (method);
  call->url = build_url (self, family, path_and_query);
  if (body != NULL)
    {
      gsize len = strlen (body);

      call->request_body = g_bytes_new_take (g_steal_pointer (&body), len);
    }
  g_task_set_task_data (task, call, api_call_free);

  return task;
}

static void
api_call_send (GTask *task)
{
  TalkieClient *self = g_task_get_source_object (task);
  ApiCall *call = g_task_get_task_data (task);

  call->attempts++;
  g_clear_object (&call->msg);

  if (!(call->msg = api_call_build_message (self, call)))
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_PARAMETER,
                               _("Talkie could not build the request’s address. Check the server address in Preferences."));
      g_object_unref (task);
      return;
    }

  soup_session_send_async (self->session,
                           call->msg,
                           G_PRIORITY_DEFAULT,
                           call->cancellable,
                           api_call_sent_cb,
                           task);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
api_call_deadline_cb (gpointer user_data)
{
  ApiCall *call = user_data;

  call->timed_out = TRUE;
  g_clear_pointer (&call->deadline, g_source_unref);
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

/* Takes the reference to @task. */
static void
api_call_start (TalkieClient *self,
                GTask        *task)
{
  ApiCall *call = g_task_get_task_data (task);

  if (self->api_key == NULL)
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY,
                               _("No JoggAI API key is set. Add your key in Preferences, then try again."));
      g_object_unref (task);
      return;
    }

  call->cancellable = g_cancellable_new ();
  if (g_task_get_cancellable (task) != NULL)
    {
      call->outer = g_object_ref (g_task_get_cancellable (task));
      call->outer_handler = g_cancellable_connect (call->outer, G_CALLBACK (outer_cancelled_cb),
                                                   call->cancellable, NULL);
    }

  call->deadline_seconds = self->deadline;
  if (self->deadline > 0)
    {
      call->deadline = g_timeout_source_new_seconds (self->deadline);
      g_source_set_name (call->deadline, "[talkie] API call deadline");
      g_source_set_callback (call->deadline, api_call_deadline_cb, call, NULL);
      g_source_attach (call->deadline, g_main_context_get_thread_default ());
    }

  api_call_send (task);
}

/* ------------------------------------------------------------------------- */
/* Lists                                                                     */
/* ------------------------------------------------------------------------- */

static gpointer
parse_avatars (ApiCall   *call,
               JsonNode  *data,
               GError   **error)
{
  return talkie_reply_parse_avatars (data, call->source, call->aspect_ratio, error);
}

void
talkie_client_list_avatars_async (TalkieClient        *self,
                                  TalkieSource         source,
                                  TalkieAspectRatio    aspect_ratio,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;
  ApiCall *call;
  GTask *task;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (source == TALKIE_SOURCE_MINE)
    path = g_strdup ("/open/avatar/user");
  else
    path = g_strdup_printf ("/open/avatar?aspect_ratio=%d", (int)aspect_ratio);

  task = api_call_new (self, SOUP_METHOD_GET, FAMILY_OPEN, path, NULL,
                       parse_avatars, g_object_unref,
                       cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_list_avatars_async);

  call = g_task_get_task_data (task);
  call->source = source;
  call->aspect_ratio = aspect_ratio;

  api_call_start (self, task);
}

GListModel *
talkie_client_list_avatars_finish (TalkieClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
parse_voices (ApiCall   *call,
              JsonNode  *data,
              GError   **error)
{
  return talkie_reply_parse_voices (data, call->source, call->gender, error);
}

void
talkie_client_list_voices_async (TalkieClient        *self,
                                 TalkieSource         source,
                                 TalkieGender         gender,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  const char *path;
  ApiCall *call;
  GTask *task;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (source == TALKIE_SOURCE_MINE)
    path = "/open/timbre/user";
  else if (gender == TALKIE_GENDER_FEMALE)
    path = "/open/timbre?gender=female";
  else if (gender == TALKIE_GENDER_MALE)
    path = "/open/timbre?gender=male";
  else
    path = "/open/timbre";

  task = api_call_new (self, SOUP_METHOD_GET, FAMILY_OPEN, path, NULL,
                       parse_voices, g_object_unref,
                       cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_list_voices_async);

  call = g_task_get_task_data (task);
  call->source = source;
  /* The user list is not filtered by gender on the server. */
  call->gender = source == TALKIE_SOURCE_MINE ? TALKIE_GENDER_ANY : gender;

  api_call_start (self, task);
}

GListModel *
talkie_client_list_voices_finish (TalkieClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* Render and status                                                         */
/* ------------------------------------------------------------------------- */

static gpointer
parse_project_id (ApiCall   *call,
                  JsonNode  *data,
                  GError   **error)
{
  return talkie_reply_parse_project_id (data, error);
}

void
talkie_client_create_render_async (TalkieClient              *self,
                                   const TalkieRenderRequest *request,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = api_call_new (self, SOUP_METHOD_POST, FAMILY_OPEN, "/open/render/talking_avatar",
                       talkie_render_request_to_json (request),
                       parse_project_id, g_free,
                       cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_create_render_async);

  if (!talkie_render_request_validate (request, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  api_call_start (self, task);
}

char *
talkie_client_create_render_finish (TalkieClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
parse_project (ApiCall   *call,
               JsonNode  *data,
               GError   **error)
{
  return talkie_reply_parse_project (data, error);
}

void
talkie_client_get_project_async (TalkieClient        *self,
                                 const char          *project_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (project_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  escaped = g_uri_escape_string (project_id, NULL, FALSE);
  path = g_strconcat ("/v1/project?project_id=", escaped, NULL);

  task = api_call_new (self, SOUP_METHOD_GET, FAMILY_V1, path, NULL,
                       parse_project, g_object_unref,
                       cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_get_project_async);

  api_call_start (self, task);
}

TalkieProject *
talkie_client_get_project_finish (TalkieClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* Upload: POST /v1/upload/asset, then PUT the file, streamed, to sign_url   */
/* ------------------------------------------------------------------------- */

/* ------------------------------------------------------------------------- */
/* Transfers that crawl                                                      */
/* ------------------------------------------------------------------------- */

/* libsoup's idle timeout ends a transfer that stops; one that drips a byte a
 * second never stops. A transfer has its own cancellable, cancelled when less
 * than STALL_MIN_BYTES moved in STALL_WINDOW_SECONDS. */
typedef struct
{
  GCancellable  *cancellable;   /* the transfer's; the caller's cancels it too */
  GCancellable  *outer;
  gulong         outer_handler;
  GSource       *source;
  const goffset *progress;
  const goffset *total;         /* -1 when unknown */
  goffset        last;
  gboolean       stalled;
} Watchdog;

static gboolean
watchdog_tick_cb (gpointer user_data)
{
  Watchdog *watch = user_data;

  /* All of it moved: what is left (an answer) is libsoup's idle timeout's. */
  if (*watch->total >= 0 && *watch->progress >= *watch->total)
    return G_SOURCE_CONTINUE;

  if (*watch->progress - watch->last < STALL_MIN_BYTES)
    {
      g_debug ("Transfer stalled: %" G_GOFFSET_FORMAT " bytes in %u s",
               *watch->progress - watch->last, STALL_WINDOW_SECONDS);
      watch->stalled = TRUE;
      g_cancellable_cancel (watch->cancellable);
      g_clear_pointer (&watch->source, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  watch->last = *watch->progress;
  return G_SOURCE_CONTINUE;
}

static void
watchdog_init (Watchdog      *watch,
               GCancellable  *outer,
               const goffset *progress,
               const goffset *total)
{
  watch->cancellable = g_cancellable_new ();
  watch->progress = progress;
  watch->total = total;
  if (outer != NULL)
    {
      watch->outer = g_object_ref (outer);
      watch->outer_handler = g_cancellable_connect (outer, G_CALLBACK (outer_cancelled_cb),
                                                    watch->cancellable, NULL);
    }
}

/* From now on, @progress must move. */
static void
watchdog_start (Watchdog *watch)
{
  if (watch->source != NULL)
    return;

  watch->last = *watch->progress;
  watch->source = g_timeout_source_new_seconds (STALL_WINDOW_SECONDS);
  g_source_set_name (watch->source, "[talkie] transfer watchdog");
  g_source_set_callback (watch->source, watchdog_tick_cb, watch, NULL);
  g_source_attach (watch->source, g_main_context_get_thread_default ());
}

static void
watchdog_clear (Watchdog *watch)
{
  if (watch->outer != NULL)
    g_cancellable_disconnect (watch->outer, watch->outer_handler);
  g_clear_object (&watch->outer);
  if (watch->source != NULL)
    g_source_destroy (watch->source);
  g_clear_pointer (&watch->source, g_source_unref);
  g_clear_object (&watch->cancellable);
}

/* The user's word when the watchdog stopped the transfer. */
static GError *
watchdog_error (Watchdog     *watch,
                const GError *error)
{
  if (watch->stalled)
    return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_TIMEOUT,
                                _("The transfer almost stopped: too little arrived for too long. Check your connection and try again."));

  return _talkie_api_error_from_io (error);
}

typedef struct
{
  GFile              *file;
  char               *filename;      /* basename, for the server */
  char               *display_name;  /* for messages */
  char               *content_type;
  goffset             size;
  char               *sign_url;
  char               *asset_url;
  GInputStream       *stream;
  SoupMessage        *put_msg;
  goffset             sent;
  Watchdog            watch;          /* for the PUT */
  TalkieProgressFunc  progress;
  gpointer            progress_data;
  GDestroyNotify      progress_destroy;
} Upload;

static void
upload_free (gpointer data)
{
  Upload *up = data;

  if (up->put_msg != NULL)
    g_signal_handlers_disconnect_by_data (up->put_msg, up);
  g_clear_object (&up->put_msg);
  watchdog_clear (&up->watch);
  g_clear_object (&up->stream);
  g_clear_object (&up->file);
  g_clear_pointer (&up->filename, g_free);
  g_clear_pointer (&up->display_name, g_free);
  g_clear_pointer (&up->content_type, g_free);
  g_clear_pointer (&up->sign_url, g_free);
  g_clear_pointer (&up->asset_url, g_free);
  if (up->progress_destroy != NULL)
    up->progress_destroy (up->progress_data);
  g_free (up);
}

static void
upload_report (Upload *up)
{
  if (up->progress != NULL)
    up->progress (up->sent, up->size, up->progress_data);
}

static GError *
file_error (Upload       *up,
            const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_error_new (TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                        _("“%s” could not be found. Choose the recording again."),
                        up->display_name);

  return g_error_new (TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND,
                      _("“%s” could not be read (%s). Check the file, then try again."),
                      up->display_name, error->message);
}

/* The MIME type of an audio file, from its first bytes first, its name second. */
static char *
sniff_audio_type (const char *filename,
                  const guchar *data,
                  gsize       len)
{
  g_autofree char *by_content = NULL;
  g_autofree char *by_both = NULL;
  g_autofree char *mime = NULL;
  gboolean uncertain = FALSE;

  by_content = g_content_type_guess (NULL, data, len, &uncertain);
  mime = g_content_type_get_mime_type (by_content);
  if (!uncertain && mime != NULL && g_str_has_prefix (mime, "audio/"))
    return g_steal_pointer (&mime);

  /* Containers that may hold only sound (MP4, Ogg, WebM): let the name decide. */
  if (uncertain ||
      g_content_type_is_a (by_content, "video/mp4") ||
      g_content_type_is_a (by_content, "video/webm") ||
      g_content_type_is_a (by_content, "video/ogg") ||
      g_content_type_is_a (by_content, "application/ogg"))
    {
      g_autofree char *by_name_mime = NULL;

      by_both = g_content_type_guess (filename, data, len, NULL);
      by_name_mime = g_content_type_get_mime_type (by_both);
      if (by_name_mime != NULL && g_str_has_prefix (by_name_mime, "audio/"))
        return g_steal_pointer (&by_name_mime);
    }

  return NULL;
}

static void upload_put (GTask *task);

static void
upload_put_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (!(body = read_all_finish (result, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  up->sent = up->size;
  upload_report (up);
  g_task_return_pointer (task, g_steal_pointer (&up->asset_url), g_free);
}

static void
upload_put_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (!(stream = soup_session_send_finish (SOUP_SESSION (object), result, &error)))
    {
      g_debug ("Upload PUT failed: %s", error->message);
      g_task_return_error (task, watchdog_error (&up->watch, error));
      return;
    }

  status = soup_message_get_status (up->put_msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("Upload PUT answered HTTP %u", status);
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, _talkie_api_error_new_http (status));
      return;
    }

  read_all_async (stream,
                  UPLOAD_REPLY_MAX_BYTES,
                  up->watch.cancellable,
                  upload_put_read_cb,
                  g_object_ref (task));
}

static void
upload_wrote_body_data_cb (SoupMessage *msg,
                           guint        chunk_size,
                           Upload      *up)
{
  up->sent += chunk_size;
  upload_report (up);
}

static void
upload_put_open_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  TalkieClient *self = g_task_get_source_object (task);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stream = g_file_read_finish (G_FILE (object), result, &error)))
    {
      g_task_return_error (task, file_error (up, error));
      return;
    }

  up->stream = G_INPUT_STREAM (g_steal_pointer (&stream));
  up->put_msg = soup_message_new (SOUP_METHOD_PUT, up->sign_url);

  if (up->put_msg == NULL)
    {
      g_debug ("Unusable sign_url in the upload reply");
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                               _("The server sent a reply Talkie does not understand. Try again later, or check the server address in Preferences."));
      return;
    }

  /* Streamed from the file: memory does not grow with its size.
   * No API key here: the signed URL carries its own authorisation. */
  soup_message_set_request_body (up->put_msg, up->content_type, up->stream, up->size);
  g_signal_connect (up->put_msg, "wrote-body-data",
                    G_CALLBACK (upload_wrote_body_data_cb), up);

  up->sent = 0;
  upload_report (up);

  watchdog_init (&up->watch, g_task_get_cancellable (task), &up->sent, &up->size);
  watchdog_start (&up->watch);
  soup_session_send_async (self->session,
                           up->put_msg,
                           G_PRIORITY_DEFAULT,
                           up->watch.cancellable,
                           upload_put_sent_cb,
                           g_object_ref (task));
}

static void
upload_put (GTask *task)
{
  Upload *up = g_task_get_task_data (task);

  g_file_read_async (up->file,
                     G_PRIORITY_DEFAULT,
                     g_task_get_cancellable (task),
                     upload_put_open_cb,
                     task);
}

typedef struct
{
  char *sign_url;
  char *asset_url;
} UploadTarget;

static void
upload_target_free (gpointer data)
{
  UploadTarget *target = data;

  g_free (target->sign_url);
  g_free (target->asset_url);
  g_free (target);
}

static gpointer
parse_upload (ApiCall   *call,
              JsonNode  *data,
              GError   **error)
{
  UploadTarget *target = g_new0 (UploadTarget, 1);

  if (!talkie_reply_parse_upload (data, &target->sign_url, &target->asset_url, error))
    {
      upload_target_free (target);
      return NULL;
    }

  return target;
}

static void
upload_asset_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  UploadTarget *target;
  g_autoptr(GError) error = NULL;

  if (!(target = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  up->sign_url = g_steal_pointer (&target->sign_url);
  up->asset_url = g_steal_pointer (&target->asset_url);
  upload_target_free (target);

  upload_put (g_steal_pointer (&task));
}

static void
upload_request_target (GTask *task)
{
  TalkieClient *self = g_task_get_source_object (task);
  Upload *up = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GTask *call;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "filename");
  json_builder_add_string_value (builder, up->filename);
  json_builder_set_member_name (builder, "content_type");
  json_builder_add_string_value (builder, up->content_type);
  json_builder_set_member_name (builder, "file_size");
  json_builder_add_int_value (builder, up->size);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  call = api_call_new (self, SOUP_METHOD_POST, FAMILY_V1, "/v1/upload/asset",
                       json_generator_to_data (generator, NULL),
                       parse_upload, upload_target_free,
                       g_task_get_cancellable (task), upload_asset_cb, task);
  api_call_start (self, call);
}

static void
upload_sniff_read_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GBytes) head = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  const guchar *data;

  head = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  g_input_stream_close_async (G_INPUT_STREAM (object), G_PRIORITY_DEFAULT, NULL, NULL, NULL);

  if (head == NULL)
    {
      g_task_return_error (task, file_error (up, error));
      return;
    }

  data = g_bytes_get_data (head, &len);
  up->content_type = sniff_audio_type (up->filename, data, len);

  if (up->content_type == NULL)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                               _("“%s” is not an audio file. Choose a recording such as an MP3, WAV or M4A file."),
                               up->display_name);
      return;
    }

  upload_request_target (g_steal_pointer (&task));
}

static void
upload_sniff_open_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (!(stream = g_file_read_finish (G_FILE (object), result, &error)))
    {
      g_task_return_error (task, file_error (up, error));
      return;
    }

  g_input_stream_read_bytes_async (G_INPUT_STREAM (stream),
                                   SNIFF_BYTES,
                                   G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   upload_sniff_read_cb,
                                   g_object_ref (task));
}

static void
upload_query_info_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Upload *up = g_task_get_task_data (task);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  if (!(info = g_file_query_info_finish (G_FILE (object), result, &error)))
    {
      g_task_return_error (task, file_error (up, error));
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO,
                               _("“%s” is not an audio file. Choose a recording such as an MP3, WAV or M4A file."),
                               up->display_name);
      return;
    }

  up->size = g_file_info_get_size (info);
  if (up->size <= 0)
    {
      g_task_return_new_error (task, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_EMPTY,
                               _("“%s” is empty. Choose a recording with sound in it."),
                               up->display_name);
      return;
    }

  if (up->content_type != NULL)
    upload_request_target (g_steal_pointer (&task));
  else
    g_file_read_async (up->file,
                       G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task),
                       upload_sniff_open_cb,
                       g_object_ref (task));
}

void
talkie_client_upload_async (TalkieClient        *self,
                            GFile               *file,
                            const char          *content_type,
                            TalkieProgressFunc   progress,
                            gpointer             progress_data,
                            GDestroyNotify       progress_destroy,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Upload *up;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_upload_async);

  up = g_new0 (Upload, 1);
  up->file = g_object_ref (file);
  up->filename = g_file_get_basename (file);
  if (up->filename == NULL || up->filename[0] == '\0' || g_str_equal (up->filename, "/"))
    {
      g_free (up->filename);
      up->filename = g_strdup ("audio");
    }
  up->display_name = g_file_get_parse_name (file);
  up->content_type = (content_type != NULL && content_type[0] != '\0') ? g_strdup (content_type) : NULL;
  up->progress = progress;
  up->progress_data = progress_data;
  up->progress_destroy = progress_destroy;
  g_task_set_task_data (task, up, upload_free);

  if (self->api_key == NULL)
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY,
                               _("No JoggAI API key is set. Add your key in Preferences, then try again."));
      return;
    }

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                           G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT,
                           cancellable,
                           upload_query_info_cb,
                           g_steal_pointer (&task));
}

char *
talkie_client_upload_finish (TalkieClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* Download: stream a media URL into a temporary file, then rename it        */
/* ------------------------------------------------------------------------- */

typedef struct
{
  SoupMessage        *msg;
  GInputStream       *input;
  GFile              *destination;
  GFile              *temp;
  GOutputStream      *output;
  goffset             done;
  goffset             total;
  guint8              head[TALKIE_VIDEO_SNIFF_BYTES];
  gsize               head_length;
  Watchdog            watch;          /* its cancellable is the download's */
  TalkieProgressFunc  progress;
  gpointer            progress_data;
  GDestroyNotify      progress_destroy;
} Download;

static GError *
not_a_video_error (void)
{
  return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_NOT_A_VIDEO,
                              _("The server sent something that is not a video. Try again later."));
}

static GError *
too_large_error (void)
{
  return g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_TOO_LARGE,
                      _("The video is larger than %u GiB, which Talkie refuses to save."),
                      (guint) (MAX_DOWNLOAD_BYTES >> 30));
}

/* video/…, or a type that says nothing (application/octet-stream, none at
 * all), in which case the first bytes decide. */
static gboolean
content_type_may_be_video (const char *content_type)
{
  return content_type == NULL ||
         g_ascii_strncasecmp (content_type, "video/", 6) == 0 ||
         g_ascii_strcasecmp (content_type, "application/octet-stream") == 0 ||
         g_ascii_strcasecmp (content_type, "binary/octet-stream") == 0;
}

/* ".NAME.XXXXXXXX.part": the partial file download_temp_file() names. */
static gboolean
is_part_name_for (const char *name,
                  const char *basename)
{
  gsize base_len = strlen (basename);
  const char *rest;

  if (name[0] != '.' || strncmp (name + 1, basename, base_len) != 0)
    return FALSE;

  rest = name + 1 + base_len;
  if (rest[0] != '.' || strlen (rest) != 1 + 8 + 5 || strcmp (rest + 9, ".part") != 0)
    return FALSE;

  for (guint i = 1; i <= 8; i++)
    if (!g_ascii_isxdigit (rest[i]))
      return FALSE;

  return TRUE;
}

/* A download killed with -9 (or a power cut) leaves its partial file; the next
 * one to the same name removes those no download has written to for a while. */
static void
sweep_stale_parts (GFile *destination)
{
  g_autoptr(GFile) parent = g_file_get_parent (destination);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autofree char *basename = g_file_get_basename (destination);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GFileInfo *info;
  GFile *child;

  if (parent == NULL ||
      !(children = g_file_enumerate_children (parent,
                                              G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                              G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                              G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                              NULL, NULL)))
    return;

  while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          is_part_name_for (g_file_info_get_name (info), basename) &&
          now - (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) > STALE_PART_SECONDS)
        {
          g_debug ("Removing %s, left by an interrupted download", g_file_info_get_name (info));
          g_file_delete (child, NULL, NULL);
        }
    }
}

static void
download_free (gpointer data)
{
  Download *dl = data;

  /* Whatever went wrong, no partial file stays behind. */
  if (dl->output != NULL && !g_output_stream_is_closed (dl->output))
    g_output_stream_close (dl->output, NULL, NULL);
  if (dl->temp != NULL)
    g_file_delete (dl->temp, NULL, NULL);
  watchdog_clear (&dl->watch);

  g_clear_object (&dl->msg);
  g_clear_object (&dl->input);
  g_clear_object (&dl->output);
  g_clear_object (&dl->temp);
  g_clear_object (&dl->destination);
  if (dl->progress_destroy != NULL)
    dl->progress_destroy (dl->progress_data);
  g_free (dl);
}

static void
download_report (Download *dl)
{
  if (dl->progress != NULL)
    dl->progress (dl->done, dl->total, dl->progress_data);
}

static GError *
save_error (Download     *dl,
            const GError *error)
{
  g_autofree char *name = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  name = g_file_get_parse_name (dl->destination);

  return g_error_new (G_IO_ERROR, error->domain == G_IO_ERROR ? error->code : G_IO_ERROR_FAILED,
                      _("Could not save “%s” (%s). Choose another place, then try again."),
                      name, error->message);
}

static void
download_move_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_move_finish (G_FILE (object), result, &error))
    {
      g_task_return_error (task, save_error (dl, error));
      return;
    }

  /* Moved into place: nothing to remove any more. */
  g_clear_object (&dl->temp);

  if (dl->total < 0)
    dl->total = dl->done;
  download_report (dl);

  g_task_return_boolean (task, TRUE);
}

static void
download_check_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GError) error = NULL;

  if (talkie_video_check_complete (file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
download_checked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Downloaded file refused: %s", error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_file_move_async (dl->temp,
                     dl->destination,
                     G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                     G_PRIORITY_DEFAULT,
                     dl->watch.cancellable,
                     NULL, NULL,
                     download_move_cb,
                     g_object_ref (task));
}

static void
download_close_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GTask) check = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      g_task_return_error (task, save_error (dl, error));
      return;
    }

  /* Whole, and a video, before it takes its final name. */
  check = g_task_new (NULL, dl->watch.cancellable, download_checked_cb, g_object_ref (task));
  g_task_set_task_data (check, g_object_ref (dl->temp), g_object_unref);
  g_task_run_in_thread (check, download_check_thread);
}

static void download_read_next (GTask *task);

static void
download_write_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gsize written = 0;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &written, &error))
    {
      g_task_return_error (task, dl->watch.stalled ? watchdog_error (&dl->watch, error) : save_error (dl, error));
      return;
    }

  dl->done += written;
  download_report (dl);

  download_read_next (g_steal_pointer (&task));
}

static void
download_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const guint8 *data;

  if (!(chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error)))
    {
      g_debug ("Download failed while reading: %s", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
        g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_TRUNCATED,
                                 _("The video arrived incomplete: the connection ended before its end. Try again."));
      else
        g_task_return_error (task, watchdog_error (&dl->watch, error));
      return;
    }

  data = g_bytes_get_data (chunk, &len);

  /* The first bytes say what it is: a web page or an error text is not saved. */
  if (dl->head_length < sizeof dl->head)
    {
      gsize n = MIN (len, sizeof dl->head - dl->head_length);

      memcpy (dl->head + dl->head_length, data, n);
      dl->head_length += n;

      if ((dl->head_length == sizeof dl->head || len == 0) &&
          !talkie_video_sniff (dl->head, dl->head_length))
        {
          g_task_return_error (task, not_a_video_error ());
          return;
        }
    }

  if (dl->done + (goffset) len > MAX_DOWNLOAD_BYTES)
    {
      g_task_return_error (task, too_large_error ());
      return;
    }

  if (len == 0)
    {
      if (dl->total >= 0 && dl->done != dl->total)
        {
          g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_TRUNCATED,
                                   _("The video arrived incomplete: the connection ended before its end. Try again."));
          return;
        }

      g_output_stream_close_async (dl->output,
                                   G_PRIORITY_DEFAULT,
                                   dl->watch.cancellable,
                                   download_close_cb,
                                   g_object_ref (task));
      return;
    }

  /* @chunk stays alive in the task until the write completes. */
  g_object_set_data_full (G_OBJECT (task), "chunk",
                          g_bytes_ref (chunk), (GDestroyNotify)g_bytes_unref);
  g_output_stream_write_all_async (dl->output,
                                   data, len,
                                   G_PRIORITY_DEFAULT,
                                   dl->watch.cancellable,
                                   download_write_cb,
                                   g_object_ref (task));
}

static void
download_read_next (GTask *task)
{
  Download *dl = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (dl->input,
                                   READ_CHUNK_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   dl->watch.cancellable,
                                   download_read_cb,
                                   task);
}

static void
download_create_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  if (!(output = g_file_create_finish (G_FILE (object), result, &error)))
    {
      /* Not ours: do not remove what someone else may have made. */
      g_clear_object (&dl->temp);
      g_task_return_error (task, save_error (dl, error));
      return;
    }

  dl->output = G_OUTPUT_STREAM (g_steal_pointer (&output));
  download_report (dl);
  download_read_next (g_steal_pointer (&task));
}

static GFile *
download_temp_file (GFile *destination)
{
  g_autoptr(GFile) parent = g_file_get_parent (destination);
  g_autofree char *basename = g_file_get_basename (destination);
  g_autofree char *name = NULL;

  name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());

  if (parent == NULL)
    return NULL;

  return g_file_get_child (parent, name);
}

static void
download_sent_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *dl = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  if (!(dl->input = soup_session_send_finish (SOUP_SESSION (object), result, &error)))
    {
      g_debug ("Download failed: %s", error->message);
      g_task_return_error (task, _talkie_api_error_from_io (error));
      return;
    }

  status = soup_message_get_status (dl->msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_debug ("Download answered HTTP %u", status);
      g_input_stream_close_async (dl->input, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, _talkie_api_error_new_http (status));
      return;
    }

  headers = soup_message_get_response_headers (dl->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    dl->total = soup_message_headers_get_content_length (headers);
  else
    dl->total = -1;

  if (!content_type_may_be_video (soup_message_headers_get_content_type (headers, NULL)))
    {
      g_input_stream_close_async (dl->input, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, not_a_video_error ());
      return;
    }

  if (dl->total > MAX_DOWNLOAD_BYTES)
    {
      g_input_stream_close_async (dl->input, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, too_large_error ());
      return;
    }

  sweep_stale_parts (dl->destination);
  watchdog_start (&dl->watch);

  if (!(dl->temp = download_temp_file (dl->destination)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               _("Cannot save into this place. Choose another folder, then try again."));
      return;
    }

  g_file_create_async (dl->temp,
                       G_FILE_CREATE_NONE,
                       G_PRIORITY_DEFAULT,
                       dl->watch.cancellable,
                       download_create_cb,
                       g_object_ref (task));
}

void
talkie_client_download_async (TalkieClient        *self,
                              const char          *url,
                              GFile               *destination,
                              TalkieProgressFunc   progress,
                              gpointer             progress_data,
                              GDestroyNotify       progress_destroy,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Download *dl;

  g_return_if_fail (TALKIE_IS_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_client_download_async);

  dl = g_new0 (Download, 1);
  dl->destination = g_object_ref (destination);
  dl->total = -1;
  dl->progress = progress;
  dl->progress_data = progress_data;
  dl->progress_destroy = progress_destroy;
  g_task_set_task_data (task, dl, download_free);

  /* The history may hold an address from an older Talkie, or an edited file. */
  if (!talkie_url_check_remote (url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Media carry their own authorisation: no API key here. */
  if (!(dl->msg = soup_message_new (SOUP_METHOD_GET, url)))
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_MALFORMED,
                               _("The video’s address is not a web address. Refresh the render, then try again."));
      return;
    }

  watchdog_init (&dl->watch, cancellable, &dl->done, &dl->total);
  soup_session_send_async (self->session,
                           dl->msg,
                           G_PRIORITY_DEFAULT,
                           dl->watch.cancellable,
                           download_sent_cb,
                           g_steal_pointer (&task));
}

gboolean
talkie_client_download_finish (TalkieClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
