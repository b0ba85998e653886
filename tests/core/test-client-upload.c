/* test-client-upload.c: TalkieClient against an in-process TalkieSandbox over loopback —
 * uploads: the signed-URL PUT, the formats it takes,
 * what it refuses, its faults and its cancellation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "test-client"

#include <string.h>

#include <glib/gstdio.h>

#include "talkie-test-client-utils.h"

#include "test-client-common.h"

static GBytes *
stored_upload (Fixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->data_dir, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      if (g_str_has_prefix (name, "upload-") && strstr (name, ".part") == NULL)
        {
          g_autofree char *path = g_build_filename (fixture->data_dir, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);

          return read_file (file);
        }
    }

  return NULL;
}

static void
test_upload (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GBytes) wav = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) fetched = NULL;
  g_autofree char *asset_url = NULL;
  g_autoptr(GError) error = NULL;

  asset_url = upload_voice (fixture, &wav);
  g_assert_nonnull (strstr (asset_url, "my%20voice.wav"));
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 1);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/upload/"), ==, 1);

  /* The bytes are really on the server, byte for byte. */
  stored = stored_upload (fixture);
  g_assert_nonnull (stored);
  g_assert_true (g_bytes_equal (stored, wav));

  /* And the hosted URL serves them. */
  fetched = fetch (asset_url);
  g_assert_true (g_bytes_equal (fetched, wav));
}

static void
encode_tone (const char *encoder,
             const char *path)
{
  g_autofree char *description = g_strdup_printf ("audiotestsrc num-buffers=20 ! audioconvert ! %s ! filesink location=\"%s\"",
                                                   encoder, path);

  talkie_test_run_pipeline (description);
}

/* Real recordings in the usual formats are recognised by their content. */
static void
test_upload_formats (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const struct {
    const char *name;
    const char *encoder;
  } formats[] = {
    { "voice.mp3", "lamemp3enc ! id3v2mux" },
    { "no-tag.mp3", "lamemp3enc" },
    { "voice.ogg", "vorbisenc ! oggmux" },
    { "voice.opus", "opusenc ! oggmux" },
    { "voice.flac", "flacenc" },
    { "voice.m4a", "lamemp3enc ! mp4mux" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (fixture->work_dir, formats[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;

      g_test_message ("format %s", formats[i].name);
      encode_tone (formats[i].encoder, path);
      url = upload (fixture->client, file, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (url);
    }

  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/upload/"), ==, G_N_ELEMENTS (formats));
}

static void
test_upload_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Dear diary,\nthis is not a recording.\n", 37);
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GFile) text_file = talkie_test_write_file (fixture->work_dir, "notes.mp3", text);
  g_autoptr(GFile) empty_file = talkie_test_write_file (fixture->work_dir, "empty.wav", empty);
  g_autoptr(GFile) png_file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autofree char *missing_path = g_build_filename (fixture->work_dir, "nowhere.wav", NULL);
  static const guint8 png_head[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                     0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A text named .mp3: the content decides, and it is not audio. */
  url = upload (fixture->client, text_file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
  g_clear_error (&error);

  png = g_bytes_new_static (png_head, sizeof png_head);
  png_file = talkie_test_write_file (fixture->work_dir, "picture.wav", png);
  url = upload (fixture->client, png_file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
  g_clear_error (&error);

  url = upload (fixture->client, empty_file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_EMPTY);
  g_clear_error (&error);

  missing = g_file_new_for_path (missing_path);
  url = upload (fixture->client, missing, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing reached the server. */
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/v1/upload/asset"), ==, 0);
  g_assert_cmpuint (talkie_sandbox_get_hits (fixture->sandbox, "/upload/"), ==, 0);
}

static void
test_upload_faults (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GBytes) wav = make_wav (0.5);
  g_autoptr(GFile) file = talkie_test_write_file (fixture->work_dir, "voice.wav", wav);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* The signed-URL PUT fails with a 500. */
  talkie_sandbox_set_fault (fixture->sandbox, "/upload/", TALKIE_SANDBOX_FAULT_HTTP_500, 0, 1);
  url = upload (fixture->client, file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_HTTP);
  g_clear_error (&error);

  /* The asset request answers with no credit. */
  talkie_sandbox_set_fault (fixture->sandbox, "/v1/upload/asset", TALKIE_SANDBOX_FAULT_API_CODE, 18020, 1);
  url = upload (fixture->client, file, NULL, NULL, &error);
  g_assert_null (url);
  g_assert_error (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INSUFFICIENT_CREDIT);
  g_assert_cmpstr (error->message, ==, "Your JoggAI account has no credit left. Top it up, then try again.");
  g_clear_error (&error);

  /* The faults were used up. */
  url = upload (fixture->client, file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
}

static void
test_upload_cancel (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wav = make_wav (6.0);
  g_autoptr(GFile) file = talkie_test_write_file (fixture->work_dir, "long.wav", wav);
  g_autofree char *url = NULL;
  Progress progress = { 0, 0, 0, TRUE, cancellable, FALSE };

  /* Mid-upload: cancelled from the first progress report with bytes sent. */
  url = upload (fixture->client, file, &progress, cancellable, &error);
  g_assert_null (url);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (progress.last_done, <, (goffset)g_bytes_get_size (wav));
  g_assert_true (progress.destroyed);
  g_clear_error (&error);

  /* The client still uploads afterwards. */
  g_free (upload_voice (fixture, NULL));
}

/* --- a signed URL that takes the request's head and then nothing ---------- */

typedef struct
{
  GSocketService *service;
  guint16         port;
  GPtrArray      *held;         /* of GSocketConnection: never read from */
  GCancellable   *cancellable;  /* cancelled a moment after a connection came */
} Sink;

static gboolean
sink_incoming_cb (GSocketService    *service,
                  GSocketConnection *connection,
                  GObject           *source,
                  gpointer           user_data)
{
  Sink *sink = user_data;

  g_ptr_array_add (sink->held, g_object_ref (connection));
  /* Time for the client to fill the socket's buffers and block. */
  g_timeout_add (200, cancel_cb, sink->cancellable);
  return TRUE;
}

static void
sink_start (Sink *sink)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  sink->service = g_socket_service_new ();
  sink->held = g_ptr_array_new_with_free_func (g_object_unref);
  g_socket_listener_add_address (G_SOCKET_LISTENER (sink->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  sink->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (sink->service, "incoming", G_CALLBACK (sink_incoming_cb), sink);
  g_socket_service_start (sink->service);
}

static void
sink_stop (Sink *sink)
{
  g_socket_service_stop (sink->service);
  g_socket_listener_close (G_SOCKET_LISTENER (sink->service));
  g_clear_object (&sink->service);
  g_clear_pointer (&sink->held, g_ptr_array_unref);
}

/* Answers /v1/upload/asset with a signed URL on the sink. */
static void
asset_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Sink *sink = user_data;
  g_autofree char *reply = g_strdup_printf ("{\"code\":0,\"msg\":\"success\",\"data\":"
                                            "{\"sign_url\":\"http://127.0.0.1:%u/upload/held\","
                                            "\"asset_url\":\"http://127.0.0.1:%u/media/held.wav\"}}",
                                            sink->port, sink->port);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, reply, strlen (reply));
}

/* A PUT blocked on a server that stopped reading (its socket buffers full)
 * still ends at once when cancelled: the send is not left to the timeout. */
static void
test_upload_cancel_blocked (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *work_dir = talkie_test_make_tmp_dir ("test-client-work-XXXXXX");
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  /* Far more than loopback's socket buffers hold. */
  g_autoptr(GBytes) wav = make_wav (120.0);
  g_autoptr(GFile) file = talkie_test_write_file (work_dir, "long.wav", wav);
  Progress progress = { 0, 0, 0, TRUE, NULL, FALSE };
  Sink sink = { NULL, 0, NULL, cancellable };
  GSList *uris;

  sink_start (&sink);
  soup_server_add_handler (server, "/v1/upload/asset", asset_handler, &sink, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  client = talkie_client_new ("k", base, &error);
  g_assert_no_error (error);
  /* Neither the idle timeout nor the stall watchdog (30 s) may end it first:
   * the test's own time limit would. */
  talkie_client_set_timeout (client, 600);

  url = upload (client, file, &progress, cancellable, &error);
  g_assert_null (url);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (sink.held->len, ==, 1);
  g_assert_cmpint (progress.last_done, <, (goffset)g_bytes_get_size (wav));
  g_assert_true (progress.destroyed);

  soup_server_disconnect (server);
  sink_stop (&sink);
  talkie_test_remove_tree (work_dir);
}

int
main (int   argc,
      char *argv[])
{
  client_test_init (&argc, &argv);

  client_test_add ("/client/upload", test_upload);
  client_test_add ("/client/upload/formats", test_upload_formats);
  client_test_add ("/client/upload/refused", test_upload_refused);
  client_test_add ("/client/upload/faults", test_upload_faults);
  client_test_add ("/client/upload/cancel", test_upload_cancel);
  g_test_add_func ("/client/upload/cancel-blocked", test_upload_cancel_blocked);

  return g_test_run ();
}
