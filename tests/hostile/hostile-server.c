/* hostile-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-test"

#include <string.h>

#include "hostile-server.h"

struct _HostileServer
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  GThread         *accept_thread;
  HostileHandler   handler;
  gpointer         user_data;
  char            *url;

  GMutex           lock;
  GPtrArray       *requests;     /* of HostileRequest */
  GPtrArray       *threads;      /* of GThread, one a connection */
  gint             stopping;
};

typedef struct
{
  HostileServer     *server;
  GSocketConnection *connection;
} Connection;

static void
hostile_request_free (HostileRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->headers, g_hash_table_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

static HostileRequest *
read_request (GInputStream *input,
              GCancellable *cancellable)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (input);
  g_autofree char *request_line = NULL;
  g_auto(GStrv) parts = NULL;
  HostileRequest *request;
  const char *length;

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data), FALSE);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);

  request_line = g_data_input_stream_read_line (data, NULL, cancellable, NULL);
  if (request_line == NULL)
    return NULL;

  parts = g_strsplit (request_line, " ", 3);
  if (g_strv_length (parts) < 2)
    return NULL;

  request = g_new0 (HostileRequest, 1);
  request->method = g_strdup (parts[0]);
  request->path = g_strdup (parts[1]);
  request->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (data, NULL, cancellable, NULL);
      const char *colon;

      if (line == NULL || line[0] == '\0')
        break;

      if ((colon = strchr (line, ':')) != NULL)
        g_hash_table_replace (request->headers,
                              g_ascii_strdown (line, colon - line),
                              g_strstrip (g_strdup (colon + 1)));
    }

  length = g_hash_table_lookup (request->headers, "content-length");
  if (length != NULL)
    {
      guint64 size = g_ascii_strtoull (length, NULL, 10);

      /* The body, read in full whatever its size: an upload is drained. */
      if (size > 0)
        {
          g_autoptr(GByteArray) body = g_byte_array_new ();
          guint8 buffer[65536];

          while (body->len < size)
            {
              gssize n = g_input_stream_read (G_INPUT_STREAM (data), buffer,
                                              MIN (sizeof buffer, size - body->len),
                                              cancellable, NULL);
              if (n <= 0)
                break;
              /* Only the start is kept: enough to look at. */
              if (body->len < 1024 * 1024)
                g_byte_array_append (body, buffer, n);
              else
                size -= n;
            }
          request->body = g_byte_array_free_to_bytes (g_steal_pointer (&body));
        }
    }

  return request;
}

static gpointer
connection_thread (gpointer data)
{
  Connection *connection = data;
  HostileServer *server = connection->server;
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection->connection));
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection->connection));
  HostileRequest *request;

  /* Keep-alive is not offered: one request a connection. */
  if ((request = read_request (input, server->cancellable)) != NULL)
    {
      g_mutex_lock (&server->lock);
      g_ptr_array_add (server->requests, request);
      g_mutex_unlock (&server->lock);

      server->handler (server, request, output, server->user_data);
    }

  g_io_stream_close (G_IO_STREAM (connection->connection), NULL, NULL);
  g_object_unref (connection->connection);
  g_free (connection);

  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  HostileServer *server = data;

  for (;;)
    {
      GSocketConnection *accepted;
      Connection *connection;

      accepted = g_socket_listener_accept (server->listener, NULL, server->cancellable, NULL);
      if (accepted == NULL)
        break;

      connection = g_new0 (Connection, 1);
      connection->server = server;
      connection->connection = accepted;

      g_mutex_lock (&server->lock);
      g_ptr_array_add (server->threads, g_thread_new ("hostile-connection", connection_thread, connection));
      g_mutex_unlock (&server->lock);
    }

  return NULL;
}

HostileServer *
hostile_server_new (HostileHandler handler,
                    gpointer       user_data)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  HostileServer *server;

  server = g_new0 (HostileServer, 1);
  server->handler = handler;
  server->user_data = user_data;
  server->cancellable = g_cancellable_new ();
  server->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) hostile_request_free);
  server->threads = g_ptr_array_new ();
  g_mutex_init (&server->lock);

  server->listener = g_socket_listener_new ();
  if (!g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error))
    g_error ("The hostile server could not listen: %s", error->message);

  server->url = g_strdup_printf ("http://127.0.0.1:%u",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
  server->accept_thread = g_thread_new ("hostile-accept", accept_thread, server);

  return server;
}

void
hostile_server_free (HostileServer *server)
{
  if (server == NULL)
    return;

  g_atomic_int_set (&server->stopping, 1);
  g_cancellable_cancel (server->cancellable);
  g_socket_listener_close (server->listener);
  g_thread_join (server->accept_thread);

  /* No new threads from here on. */
  for (guint i = 0; i < server->threads->len; i++)
    g_thread_join (g_ptr_array_index (server->threads, i));

  g_clear_object (&server->listener);
  g_clear_object (&server->cancellable);
  g_ptr_array_unref (server->requests);
  g_ptr_array_unref (server->threads);
  g_mutex_clear (&server->lock);
  g_free (server->url);
  g_free (server);
}

const char *
hostile_server_get_url (HostileServer *server)
{
  return server->url;
}

guint
hostile_server_get_n_requests (HostileServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->requests->len;
  g_mutex_unlock (&server->lock);

  return n;
}

char *
hostile_server_dup_header (HostileServer *server,
                           guint          i,
                           const char    *name)
{
  char *value = NULL;

  g_mutex_lock (&server->lock);
  if (i < server->requests->len)
    {
      HostileRequest *request = g_ptr_array_index (server->requests, i);

      value = g_strdup (g_hash_table_lookup (request->headers, name));
    }
  g_mutex_unlock (&server->lock);

  return value;
}

gboolean
hostile_server_is_stopping (HostileServer *server)
{
  return g_atomic_int_get (&server->stopping) != 0;
}

gboolean
hostile_write_bytes (GOutputStream *output,
                     const void    *data,
                     gsize          length)
{
  return g_output_stream_write_all (output, data, length, NULL, NULL, NULL) &&
         g_output_stream_flush (output, NULL, NULL);
}

gboolean
hostile_write (GOutputStream *output,
               const char    *text)
{
  return hostile_write_bytes (output, text, strlen (text));
}

gboolean
hostile_reply (GOutputStream *output,
               guint          status,
               const char    *content_type,
               const char    *extra_headers,
               const void    *body,
               gsize          length)
{
  g_autofree char *head = NULL;

  head = g_strdup_printf ("HTTP/1.1 %u Hostile\r\n"
                          "Content-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Connection: close\r\n"
                          "%s"
                          "\r\n",
                          status, content_type, length, extra_headers ? extra_headers : "");

  return hostile_write (output, head) && (length == 0 || hostile_write_bytes (output, body, length));
}
