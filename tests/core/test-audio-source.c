/* test-audio-source.c: TalkieAudioSource against real media made with GStreamer
 * at run time, and real URLs served by the sandbox over loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <libsoup/soup.h>

#include "talkie-audio-source.h"
#include "talkie-client.h"
#include "talkie-error.h"
#include "talkie-sandbox.h"
#include "talkie-voice.h"

#include "talkie-test-client-utils.h"

/* The media every test can use, made once. */
typedef struct
{
  char *dir;
} Media;

static Media media;

static char *
media_path (const char *name)
{
  return g_build_filename (media.dir, name, NULL);
}

/* 129 buffers of 1024 samples at 44.1 kHz: 2.995 s. */
#define AUDIO_SECONDS (129.0 * 1024.0 / 44100.0)
#define AUDIO_SOURCE "audiotestsrc num-buffers=129 samplesperbuffer=1024 wave=sine ! " \
                     "audio/x-raw,rate=44100,channels=1 ! audioconvert"

static void
make_media (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mp3 = NULL;
  g_autofree char *bare_mp3 = NULL;
  g_autofree char *wav = NULL;
  g_autofree char *ogg = NULL;
  g_autofree char *m4a = NULL;
  g_autofree char *webm = NULL;
  g_autofree char *png = NULL;
  g_autofree char *fake_mp3 = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  media.dir = talkie_test_make_tmp_dir ("talkie-audio-XXXXXX");

  mp3 = media_path ("voice.mp3");
  description = g_strdup_printf (AUDIO_SOURCE " ! lamemp3enc ! xingmux ! filesink location=\"%s\"", mp3);
  talkie_test_run_pipeline (description);
  g_clear_pointer (&description, g_free);

  /* No Xing header: the length comes from the size alone. */
  bare_mp3 = media_path ("bare.mp3");
  description = g_strdup_printf (AUDIO_SOURCE " ! lamemp3enc ! filesink location=\"%s\"", bare_mp3);
  talkie_test_run_pipeline (description);
  g_clear_pointer (&description, g_free);

  wav = media_path ("voice.wav");
  description = g_strdup_printf (AUDIO_SOURCE " ! wavenc ! filesink location=\"%s\"", wav);
  talkie_test_run_pipeline (description);
  g_clear_pointer (&description, g_free);

  ogg = media_path ("voice.ogg");
  description = g_strdup_printf (AUDIO_SOURCE " ! vorbisenc ! oggmux ! filesink location=\"%s\"", ogg);
  talkie_test_run_pipeline (description);
  g_clear_pointer (&description, g_free);

  m4a = media_path ("voice.m4a");
  description = g_strdup_printf (AUDIO_SOURCE " ! lamemp3enc ! mp4mux ! filesink location=\"%s\"", m4a);
  talkie_test_run_pipeline (description);
  g_clear_pointer (&description, g_free);

  webm = media_path ("silent.webm");
  description = g_strdup_printf ("videotestsrc num-buffers=30 ! video/x-raw,width=160,height=120,framerate=30/1 ! "
                                 "vp8enc ! webmmux ! filesink location=\"%s\"", webm);
  talkie_test_run_pipeline (description);
  g_clear_pointer (&description, g_free);

  png = media_path ("picture.png");
  description = g_strdup_printf ("videotestsrc num-buffers=1 ! video/x-raw,width=64,height=64 ! "
                                 "pngenc snapshot=true ! filesink location=\"%s\"", png);
  talkie_test_run_pipeline (description);
  g_clear_pointer (&description, g_free);

  /* The same PNG under an audio name. */
  fake_mp3 = media_path ("picture.mp3");
  {
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_file_get_contents (png, &contents, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (length, >, 8);
    g_file_set_contents (fake_mp3, contents, length, &error);
    g_assert_no_error (error);
  }

  empty = media_path ("empty.mp3");
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);

  text = media_path ("notes.mp3");
  g_file_set_contents (text,
                       "These are not the droids you are looking for.\n"
                       "Just some words, written down, with no sound at all.\n",
                       -1, &error);
  g_assert_no_error (error);
}

static void
remove_media (void)
{
  talkie_test_remove_tree (media.dir);
  g_clear_pointer (&media.dir, g_free);
}

/* --- probing, synchronously for the tests ---------------------------------- */

static gboolean
probe (TalkieAudioSource  *source,
       GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  talkie_audio_source_probe_async (source, NULL, talkie_test_result_cb, &result);

  return talkie_audio_source_probe_finish (source, talkie_test_wait_for_result (&result), error);
}

static TalkieAudioSource *
source_for_media (const char *name)
{
  g_autofree char *path = media_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return talkie_audio_source_new_for_file (file);
}

static void
assert_probes_audio (const char *name,
                     const char *expected_type)
{
  gboolean ok;
  g_autoptr(TalkieAudioSource) source = source_for_media (name);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = media_path (name);
  GStatBuf st;

  g_assert_true (talkie_audio_source_is_local (source));
  g_assert_false (talkie_audio_source_get_probed (source));
  g_assert_cmpfloat (talkie_audio_source_get_duration (source), ==, 0);
  g_assert_cmpstr (talkie_audio_source_get_display_name (source), ==, name);

  ok = probe (source, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  g_assert_true (talkie_audio_source_get_probed (source));
  g_assert_cmpfloat_with_epsilon (talkie_audio_source_get_duration (source), AUDIO_SECONDS, 0.2);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (talkie_audio_source_get_size (source), ==, st.st_size);

  g_test_message ("%s: %.3f s, %s", name, talkie_audio_source_get_duration (source),
                  talkie_audio_source_get_content_type (source));
  g_assert_nonnull (talkie_audio_source_get_content_type (source));
  g_assert_true (g_content_type_is_a (talkie_audio_source_get_content_type (source), expected_type));
}

static void
test_probe_mp3 (void)
{
  assert_probes_audio ("voice.mp3", "audio/mpeg");
}

static void
test_probe_wav (void)
{
  assert_probes_audio ("voice.wav", "audio/x-wav");
}

static void
test_probe_ogg (void)
{
  /* Ogg Vorbis: audio/x-vorbis+ogg, a kind of audio/ogg. */
  assert_probes_audio ("voice.ogg", "audio/ogg");
}

static void
test_probe_m4a (void)
{
  /* MP4 sniffs as video by its content; with only sound in it, it is audio. */
  assert_probes_audio ("voice.m4a", "audio/mp4");
}

static void
assert_refused (const char       *name,
                TalkieAudioError  code)
{
  g_autoptr(TalkieAudioSource) source = source_for_media (name);
  g_autoptr(GError) error = NULL;

  g_assert_false (probe (source, &error));
  g_assert_error (error, TALKIE_AUDIO_ERROR, (int)code);
  g_test_message ("%s: %s", name, error->message);

  /* Says which file, and what to do. */
  g_assert_nonnull (strstr (error->message, name));
  g_assert_false (talkie_audio_source_get_probed (source));
  g_assert_cmpfloat (talkie_audio_source_get_duration (source), ==, 0);
}

static void
test_refuse_missing (void)
{
  assert_refused ("not-there.mp3", TALKIE_AUDIO_ERROR_NOT_FOUND);
}

static void
test_refuse_empty (void)
{
  assert_refused ("empty.mp3", TALKIE_AUDIO_ERROR_EMPTY);
}

static void
test_refuse_video_only (void)
{
  assert_refused ("silent.webm", TALKIE_AUDIO_ERROR_NOT_AUDIO);
}

static void
test_refuse_image (void)
{
  assert_refused ("picture.png", TALKIE_AUDIO_ERROR_NOT_AUDIO);
}

static void
test_refuse_renamed_png (void)
{
  g_autoptr(TalkieAudioSource) source = source_for_media ("picture.mp3");
  g_autoptr(GError) error = NULL;

  g_assert_false (probe (source, &error));
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
  g_assert_nonnull (strstr (error->message, "MP3, WAV or M4A"));
}

static void
test_refuse_text (void)
{
  assert_refused ("notes.mp3", TALKIE_AUDIO_ERROR_NOT_AUDIO);
}

static void
test_refuse_folder (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path (media.dir);
  g_autoptr(TalkieAudioSource) source = talkie_audio_source_new_for_file (dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (probe (source, &error));
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_AUDIO);
}

static void
test_cancel (void)
{
  g_autoptr(TalkieAudioSource) source = source_for_media ("voice.wav");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  talkie_audio_source_probe_async (source, cancellable, talkie_test_result_cb, &result);
  g_cancellable_cancel (cancellable);
  talkie_test_wait_for_result (&result);

  g_assert_false (talkie_audio_source_probe_finish (source, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (talkie_audio_source_get_probed (source));
}

static void
test_uris (void)
{
  g_autoptr(TalkieAudioSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = media_path ("voice.mp3");
  g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);
  static const char *bad[] = {
    "ftp://example.com/voice.mp3",
    "voice.mp3",
    "",
    "data:audio/mpeg;base64,AAAA",
    "https://",
    "mailto:someone@example.com",
  };

  source = talkie_audio_source_new_for_uri ("https://example.com/voices/My%20Voice.mp3?sig=abc", &error);
  g_assert_no_error (error);
  g_assert_false (talkie_audio_source_is_local (source));
  g_assert_null (talkie_audio_source_get_file (source));
  g_assert_cmpstr (talkie_audio_source_get_display_name (source), ==, "example.com — My Voice.mp3");
  g_assert_cmpint (talkie_audio_source_get_size (source), ==, -1);
  g_assert_null (talkie_audio_source_get_content_type (source));
  g_clear_object (&source);

  source = talkie_audio_source_new_for_uri ("http://example.com/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (talkie_audio_source_get_display_name (source), ==, "example.com");
  g_clear_object (&source);

  source = talkie_audio_source_new_for_uri (file_uri, &error);
  g_assert_no_error (error);
  g_assert_true (talkie_audio_source_is_local (source));
  g_assert_cmpstr (talkie_audio_source_get_display_name (source), ==, "voice.mp3");
  g_assert_cmpstr (talkie_audio_source_get_uri (source), ==, file_uri);
  g_clear_object (&source);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      source = talkie_audio_source_new_for_uri (bad[i], &error);
      g_assert_null (source);
      g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_BAD_URI);
      g_clear_error (&error);
    }
}

/* --- URLs served by the sandbox -------------------------------------------- */

static char *
first_audition_url (TalkieSandbox *sandbox)
{
  g_autoptr(TalkieClient) client = NULL;
  g_autoptr(GListModel) voices = NULL;
  g_autoptr(GError) error = NULL;

  client = talkie_test_client_new_for_sandbox (sandbox);
  voices = talkie_test_list_voices (client, TALKIE_SOURCE_PUBLIC, TALKIE_GENDER_ANY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (voices), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (voices); i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (voices, i);

      if (talkie_voice_get_audition_url (voice) != NULL)
        return g_strdup (talkie_voice_get_audition_url (voice));
    }

  g_assert_not_reached ();
  return NULL;
}

static void
test_url_audition (void)
{
  gboolean ok;
  g_autoptr(TalkieSandbox) sandbox = talkie_test_start_sandbox (NULL);
  g_autoptr(TalkieAudioSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = first_audition_url (sandbox);

  source = talkie_audio_source_new_for_uri (url, &error);
  g_assert_no_error (error);
  g_assert_false (talkie_audio_source_is_local (source));
  g_assert_nonnull (strstr (talkie_audio_source_get_display_name (source), "127.0.0.1 — "));

  ok = probe (source, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (talkie_audio_source_get_probed (source));
  g_assert_cmpfloat (talkie_audio_source_get_duration (source), >, 0.1);
  g_test_message ("audition %s: %.2f s, %s", url,
                  talkie_audio_source_get_duration (source),
                  talkie_audio_source_get_content_type (source));
}

static void
assert_url_not_found (const char *url)
{
  g_autoptr(TalkieAudioSource) source = NULL;
  g_autoptr(GError) error = NULL;

  source = talkie_audio_source_new_for_uri (url, &error);
  g_assert_no_error (error);

  g_assert_false (probe (source, &error));
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NOT_FOUND);
  g_test_message ("%s: %s", url, error->message);
  g_assert_nonnull (strstr (error->message, url));
}

static void
test_url_404 (void)
{
  g_autoptr(TalkieSandbox) sandbox = talkie_test_start_sandbox (NULL);
  g_autofree char *url = NULL;

  url = g_strdup_printf ("%s/media/no-such-voice.mp3", talkie_sandbox_get_base_url (sandbox));
  assert_url_not_found (url);
}

/* A plain web server for our own media: with a Content-Length under /sized/,
 * without one (the body ends when the connection does) under /unsized/. */
static void
serve_media (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  g_autofree char *file_path = NULL;
  g_autofree char *contents = NULL;
  SoupMessageHeaders *headers;
  gsize length = 0;

  file_path = media_path (strrchr (path, '/') + 1);
  if (!g_file_get_contents (file_path, &contents, &length, NULL))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  headers = soup_server_message_get_response_headers (msg);
  if (g_str_has_prefix (path, "/unsized/"))
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_EOF);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "audio/mpeg", SOUP_MEMORY_COPY, contents, length);
}

static SoupServer *
start_media_server (char **base_url)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, serve_media, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&server);
}

static void
test_url_sized (void)
{
  gboolean ok;
  g_autofree char *base_url = NULL;
  g_autoptr(SoupServer) server = start_media_server (&base_url);
  g_autoptr(TalkieAudioSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (base_url, "sized/voice.mp3", NULL);

  source = talkie_audio_source_new_for_uri (url, &error);
  g_assert_no_error (error);
  ok = probe (source, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpfloat_with_epsilon (talkie_audio_source_get_duration (source), AUDIO_SECONDS, 0.2);
}

static void
test_url_no_duration (void)
{
  g_autofree char *base_url = NULL;
  g_autoptr(SoupServer) server = start_media_server (&base_url);
  g_autoptr(TalkieAudioSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (base_url, "unsized/bare.mp3", NULL);

  /* MP3 without a Xing header and without a size: its length is anybody's guess. */
  source = talkie_audio_source_new_for_uri (url, &error);
  g_assert_no_error (error);
  g_assert_false (probe (source, &error));
  g_assert_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_NO_DURATION);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_false (talkie_audio_source_get_probed (source));
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

/* Cancelled while GStreamer waits for a slow server: no result, no crash. */
static void
test_url_cancel (void)
{
  g_autoptr(TalkieSandbox) sandbox = talkie_test_start_sandbox (NULL);
  g_autoptr(TalkieAudioSource) source = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = first_audition_url (sandbox);

  talkie_sandbox_set_fault (sandbox, "/media/", TALKIE_SANDBOX_FAULT_DELAY, 3000, 1);

  source = talkie_audio_source_new_for_uri (url, &error);
  g_assert_no_error (error);

  talkie_audio_source_probe_async (source, cancellable, talkie_test_result_cb, &result);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 200, cancel_cb, g_object_ref (cancellable), g_object_unref);
  talkie_test_wait_for_result (&result);

  g_assert_false (talkie_audio_source_probe_finish (source, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (talkie_audio_source_get_probed (source));
  g_assert_cmpuint (talkie_sandbox_get_hits (sandbox, "/media/"), >=, 1);
}

static void
test_url_closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* Take a free port, then let it go: nobody listens there any more. */
  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u/voice.mp3", port);
  assert_url_not_found (url);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  make_media ();

  g_test_add_func ("/core/audio-source/probe/mp3", test_probe_mp3);
  g_test_add_func ("/core/audio-source/probe/wav", test_probe_wav);
  g_test_add_func ("/core/audio-source/probe/ogg", test_probe_ogg);
  g_test_add_func ("/core/audio-source/probe/m4a", test_probe_m4a);
  g_test_add_func ("/core/audio-source/refuse/missing", test_refuse_missing);
  g_test_add_func ("/core/audio-source/refuse/empty", test_refuse_empty);
  g_test_add_func ("/core/audio-source/refuse/video-only", test_refuse_video_only);
  g_test_add_func ("/core/audio-source/refuse/image", test_refuse_image);
  g_test_add_func ("/core/audio-source/refuse/renamed-png", test_refuse_renamed_png);
  g_test_add_func ("/core/audio-source/refuse/text", test_refuse_text);
  g_test_add_func ("/core/audio-source/refuse/folder", test_refuse_folder);
  g_test_add_func ("/core/audio-source/cancel", test_cancel);
  g_test_add_func ("/core/audio-source/uris", test_uris);
  g_test_add_func ("/core/audio-source/url/audition", test_url_audition);
  g_test_add_func ("/core/audio-source/url/404", test_url_404);
  g_test_add_func ("/core/audio-source/url/closed-port", test_url_closed_port);
  g_test_add_func ("/core/audio-source/url/cancel", test_url_cancel);
  g_test_add_func ("/core/audio-source/url/sized", test_url_sized);
  g_test_add_func ("/core/audio-source/url/no-duration", test_url_no_duration);

  ret = g_test_run ();

  remove_media ();

  return ret;
}
