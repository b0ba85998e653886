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

#include "talkie-client-private.h"
#include "talkie-core.h"
#include "talkie-error-private.h"
#include "talkie-reply.h"
#include "talkie-url.h"

#define DEFAULT_TIMEOUT_SECONDS 30
/* Larger bodies are parsed in a worker thread. */
#define PARSE_IN_THREAD_BYTES   (256 * 1024)
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

G_DEFINE_FINAL_TYPE (TalkieClient, talkie_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
                               _("The server sent a reply larger than %u MB, which Talkie refuses."),
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
                                   TALKIE_CLIENT_READ_CHUNK_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task),
                                   read_all_cb,
                                   task);
}

void
_talkie_read_all_async (GInputStream        *stream,
                        gsize                max,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  ReadAll *state;

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, _talkie_read_all_async);

  state = g_new0 (ReadAll, 1);
  state->stream = g_object_ref (stream);
  state->body = g_byte_array_new ();
  state->max = max;
  g_task_set_task_data (task, state, read_all_free);

  read_all_next (task);
}

GBytes *
_talkie_read_all_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* One API call: request, capped body, envelope, payload                     */
/* ------------------------------------------------------------------------- */

static void
api_call_free (gpointer data)
{
  TalkieApiCall *call = data;

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
api_call_io_error (TalkieApiCall      *call,
                   const GError *error)
{
  if (call->timed_out)
    return g_error_new (TALKIE_API_ERROR, TALKIE_API_ERROR_TIMEOUT,
                        _("The server did not finish answering within %u seconds. Try again later."),
                        call->deadline_seconds);

  return _talkie_api_error_from_io (error);
}

static gpointer
api_call_parse (TalkieApiCall  *call,
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
  TalkieApiCall *call = task_data;
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
  TalkieApiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gpointer parsed;

  if (!(call->body = _talkie_read_all_finish (result, &error)))
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
  TalkieApiCall *call = g_task_get_task_data (task);

  g_clear_pointer (&call->retry, g_source_unref);
  api_call_send (task);

  return G_SOURCE_REMOVE;
}

/* Seconds to wait before trying again, from a Retry-After header (seconds, or
 * an HTTP date); -1 when there is none or it asks for longer than Talkie
 * waits, or than the deadline leaves. */
static int
retry_after_seconds (TalkieApiCall *call)
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
  TalkieApiCall *call = g_task_get_task_data (task);
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
                               _("The server sent Talkie to another address (HTTP %u). Talkie does not follow it, so that your API key goes only to the server you chose."),
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
                               _("The server sent a reply larger than %u MB, which Talkie refuses."),
                               (guint)(TALKIE_REPLY_MAX_BYTES / (1024 * 1024)));
      g_object_unref (task);
      return;
    }

  _talkie_read_all_async (stream,
                          TALKIE_REPLY_MAX_BYTES,
                          call->cancellable,
                          api_call_read_cb,
                          task);
}

static char *
build_url (TalkieClient *self,
           TalkieApiFamily        family,
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
                        TalkieApiCall      *call)
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

/* Builds an API call (start it with _talkie_api_call_start()); the task returns what
 * @parse returns. Steals @json_body. */
GTask *
_talkie_api_call_new (TalkieClient        *self,
                      const char          *method,
                      TalkieApiFamily      family,
                      const char          *path_and_query,
                      char                *json_body,
                      TalkieApiParseFunc   parse,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autofree char *body = json_body;
  TalkieApiCall *call;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);

  call = g_new0 (TalkieApiCall, 1);
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
  TalkieApiCall *call = g_task_get_task_data (task);

  call->attempts++;
  g_clear_object (&call->msg);

  if (!(call->msg = api_call_build_message (self, call)))
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_INSECURE_BASE,
                               _("Talkie could not build a request’s address from the server address."));
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
  TalkieApiCall *call = user_data;

  call->timed_out = TRUE;
  g_clear_pointer (&call->deadline, g_source_unref);
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

/* Takes the reference to @task. */
void
_talkie_api_call_start (TalkieClient *self,
                        GTask        *task)
{
  TalkieApiCall *call = g_task_get_task_data (task);

  if (self->api_key == NULL)
    {
      g_task_return_new_error (task, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY,
                               _("No JoggAI API key is set."));
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

gpointer
_talkie_api_call_finish (TalkieClient  *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (TALKIE_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------- */
/* Transfers that crawl                                                      */
/* ------------------------------------------------------------------------- */

static gboolean
watchdog_tick_cb (gpointer user_data)
{
  TalkieWatchdog *watch = user_data;

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

void
_talkie_watchdog_init (TalkieWatchdog *watch,
                       GCancellable   *outer,
                       const goffset  *progress,
                       const goffset  *total)
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
void
_talkie_watchdog_start (TalkieWatchdog *watch)
{
  if (watch->source != NULL)
    return;

  watch->last = *watch->progress;
  watch->source = g_timeout_source_new_seconds (STALL_WINDOW_SECONDS);
  g_source_set_name (watch->source, "[talkie] transfer watchdog");
  g_source_set_callback (watch->source, watchdog_tick_cb, watch, NULL);
  g_source_attach (watch->source, g_main_context_get_thread_default ());
}

void
_talkie_watchdog_clear (TalkieWatchdog *watch)
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
GError *
_talkie_watchdog_error (TalkieWatchdog *watch,
                        const GError   *error)
{
  if (watch->stalled)
    return g_error_new_literal (TALKIE_API_ERROR, TALKIE_API_ERROR_TIMEOUT,
                                _("The transfer almost stopped: too little arrived for too long. Check your connection and try again."));

  return _talkie_api_error_from_io (error);
}

void
_talkie_progress_report (TalkieProgress *progress,
                         goffset         done,
                         goffset         total)
{
  if (progress->func != NULL)
    progress->func (done, total, progress->data);
}

void
_talkie_progress_clear (TalkieProgress *progress)
{
  GDestroyNotify destroy = g_steal_pointer (&progress->destroy);

  progress->func = NULL;
  if (destroy != NULL)
    destroy (g_steal_pointer (&progress->data));
}
