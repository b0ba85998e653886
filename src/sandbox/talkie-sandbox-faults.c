/* talkie-sandbox-faults.c: fault injection (errors, delays, bad bodies, dropped
 * connections, failing renders) and the /_sandbox/ control endpoint that sets
 * faults and counts hits over HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie-sandbox"

#include "config.h"

#include "talkie-sandbox-private.h"

/* ------------------------------------------------------------------------ */
/* faults                                                                   */

Fault *
_talkie_sandbox_find_fault (TalkieSandbox      *self,
                            const char         *key,
                            TalkieSandboxFault  kind)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);

      if ((g_str_equal (fault->path, key) || g_str_equal (fault->path, "*")) &&
          (kind == TALKIE_SANDBOX_FAULT_NONE ?
           fault->kind != TALKIE_SANDBOX_FAULT_RENDER_FAILS : fault->kind == kind))
        return fault;
    }

  return NULL;
}

/* Counts one use of @fault; removes it when used up. */
void
_talkie_sandbox_use_fault (TalkieSandbox *self,
                           Fault         *fault)
{
  if (fault->times == 0)
    return;
  if (--fault->times == 0)
    g_ptr_array_remove (self->faults, fault);
}

typedef struct
{
  TalkieSandbox     *sandbox;
  SoupServerMessage *msg;
  GSource           *source;    /* unowned: the main context owns it */
} Delay;

static gboolean
delay_done_cb (gpointer user_data)
{
  Delay *delay = user_data;
  TalkieSandbox *self = delay->sandbox;

  if (g_ptr_array_find (self->held, delay->msg, NULL))
    _talkie_sandbox_serve_request (self, delay->msg);

  return G_SOURCE_REMOVE;
}

static void
delay_free (Delay *delay)
{
  g_ptr_array_remove (delay->sandbox->timeouts, delay->source);
  g_object_unref (delay->msg);
  g_free (delay);
}

static void
write_drop (SoupServerMessage *msg)
{
  /* the headers (Content-Length: 4096) are out; a start of the body, then close */
  static const char part[] = "{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[{\"id\":1,\"na";
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;

  /* a few dozen bytes into an idle loopback socket: does not block */
  g_output_stream_write_all (g_io_stream_get_output_stream (stream),
                             part, sizeof part - 1, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
drop_wrote_headers_cb (SoupServerMessage *msg,
                       gpointer           user_data)
{
  write_drop (msg);
}

/* Returns TRUE if the fault answered the message. */
gboolean
_talkie_sandbox_apply_fault (TalkieSandbox     *self,
                             SoupServerMessage *msg,
                             Fault             *fault)
{
  TalkieSandboxFault kind = fault->kind;
  int value = fault->value;

  _talkie_sandbox_use_fault (self, fault);

  switch (kind)
    {
    case TALKIE_SANDBOX_FAULT_HTTP_500:
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html",
                                 "<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head>"
                                 "<body><h1>Internal Server Error</h1><p>The sandbox was asked to fail.</p></body></html>");
      return TRUE;

    case TALKIE_SANDBOX_FAULT_MALFORMED:
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_OK, "application/json",
                                 "<html><body>Bad gateway: this is not JSON</body></html>");
      return TRUE;

    case TALKIE_SANDBOX_FAULT_TRUNCATED:
      _talkie_sandbox_reply_raw (msg, SOUP_STATUS_OK, "application/json",
                                 "{\"code\":0,\"msg\":\"success\",\"data\":{\"avatars\":[{\"id\":1,\"name\":\"Aman");
      return TRUE;

    case TALKIE_SANDBOX_FAULT_API_CODE:
      {
        g_autofree char *message = NULL;

        switch (value)
          {
          case CODE_NOT_FOUND: message = g_strdup ("record not found"); break;
          case CODE_INVALID_KEY: message = g_strdup ("invalid API key"); break;
          case 18020: message = g_strdup ("insufficient credit"); break;
          case 18025: message = g_strdup ("no permission to call APIs"); break;
          case CODE_PARAMETER: message = g_strdup ("parameter error"); break;
          case 50000: message = g_strdup ("system error"); break;
          default: message = g_strdup_printf ("error %d (sandbox fault)", value); break;
          }
        _talkie_sandbox_reply_error (msg, value, message);
        return TRUE;
      }

    case TALKIE_SANDBOX_FAULT_DROP:
      /* Headers announce 4096 bytes; once they are out, we take the socket,
       * write part of a body and close it. */
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_length (soup_server_message_get_response_headers (msg), 4096);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "application/json", NULL);
      g_signal_connect (msg, "wrote-headers", G_CALLBACK (drop_wrote_headers_cb), NULL);
      return TRUE;

    case TALKIE_SANDBOX_FAULT_DELAY:
      {
        Delay *delay = g_new0 (Delay, 1);

        delay->sandbox = self;
        delay->msg = g_object_ref (msg);
        _talkie_sandbox_hold_message (self, msg);
        delay->source = _talkie_sandbox_add_timeout (self, (guint) MAX (value, 0), delay_done_cb,
                                                     delay, (GDestroyNotify) delay_free);
        g_ptr_array_add (self->timeouts, delay->source);
        g_source_unref (delay->source);
        return TRUE;
      }

    case TALKIE_SANDBOX_FAULT_NONE:
    case TALKIE_SANDBOX_FAULT_RENDER_FAILS:
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------ */
/* control                                                                  */

void
_talkie_sandbox_handle_control (TalkieSandbox     *self,
                                SoupServerMessage *msg,
                                const char        *path)
{
  if (g_str_equal (path, "/_sandbox/clear"))
    {
      talkie_sandbox_clear_faults (self);
      _talkie_sandbox_reply_json (msg, CODE_OK, "success", NULL);
      return;
    }

  if (g_str_equal (path, "/_sandbox/fault"))
    {
      g_autoptr(JsonObject) object = _talkie_sandbox_parse_request_object (msg);
      TalkieSandboxFault kind;
      gint64 value = 0, times = 0;

      if (object == NULL)
        {
          _talkie_sandbox_reply_parameter_error (msg, "the request body must be a JSON object");
          return;
        }
      if (!_talkie_sandbox_member_is_string (object, "path") ||
          *json_object_get_string_member (object, "path") == '\0')
        {
          _talkie_sandbox_reply_parameter_error (msg, "path is required, such as /open/avatar or *");
          return;
        }
      if (!_talkie_sandbox_member_is_string (object, "fault") ||
          !talkie_sandbox_fault_from_string (json_object_get_string_member (object, "fault"), &kind))
        {
          _talkie_sandbox_reply_parameter_error (msg, "fault must be one of 500, delay, malformed, truncated, drop, code, render-fails");
          return;
        }
      if (json_object_has_member (object, "value") &&
          (!_talkie_sandbox_member_is_int (object, "value", &value) || value < G_MININT || value > G_MAXINT))
        {
          _talkie_sandbox_reply_parameter_error (msg, "value must be an integer");
          return;
        }
      if (json_object_has_member (object, "times") &&
          (!_talkie_sandbox_member_is_int (object, "times", &times) || times < 0 || times > G_MAXUINT))
        {
          _talkie_sandbox_reply_parameter_error (msg, "times must be a whole number, 0 for until cleared");
          return;
        }

      talkie_sandbox_set_fault (self, json_object_get_string_member (object, "path"),
                                kind, (int) value, (guint) times);
      _talkie_sandbox_reply_json (msg, CODE_OK, "success", NULL);
      return;
    }

  if (g_str_equal (path, "/_sandbox/hits"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      GUri *uri = soup_server_message_get_uri (msg);
      g_autoptr(GHashTable) query = NULL;
      const char *which = NULL;

      if (g_uri_get_query (uri) != NULL)
        query = soup_form_decode (g_uri_get_query (uri));
      if (query != NULL)
        which = g_hash_table_lookup (query, "path");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "hits");
      json_builder_add_int_value (builder, talkie_sandbox_get_hits (self, which ? which : "*"));
      json_builder_end_object (builder);
      _talkie_sandbox_reply_json (msg, CODE_OK, "success", _talkie_sandbox_builder_steal_root (builder));
      return;
    }

  _talkie_sandbox_reply_raw (msg, SOUP_STATUS_NOT_FOUND, "text/plain", "No such sandbox control.");
}
