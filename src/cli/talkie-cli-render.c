/* talkie-cli-render.c: “talkie-cli render”, a recording made into a video: the
 * avatar and the voice looked up, the render job followed, the video saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <unistd.h>

#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

static void
render_add_entries (TalkieCli      *self,
                    GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "avatar", 0, 0, G_OPTION_ARG_STRING, &self->avatar_str,
      N_("The avatar’s id (see “talkie-cli avatars”)"), N_("ID") },
    { "mine-avatar", 0, 0, G_OPTION_ARG_NONE, &self->mine_avatar,
      N_("The avatar is one of your own (see “talkie-cli avatars --mine”)"), NULL },
    { "voice", 0, 0, G_OPTION_ARG_STRING, &self->voice_id,
      N_("The voice’s id, its lang_id (see “talkie-cli voices”)"), N_("VOICE_ID") },
    { "audio", 0, 0, G_OPTION_ARG_FILENAME, &self->audio,
      N_("The recording to speak: a local file, an http(s) URL, or - for stdin"), N_("FILE_OR_URL") },
    { "trim", 0, 0, G_OPTION_ARG_STRING, &self->trim_str,
      N_("Speak only this part of the recording: seconds or minutes:seconds, such as 1.5-4 or 0:01.5-0:04; leave out a side for the start or the end"), N_("START-END") },
    { "aspect", 0, 0, G_OPTION_ARG_STRING, &self->aspect_str,
      N_("Aspect ratio: 9:16 (the default), 16:9 or 1:1"), N_("RATIO") },
    { "green-screen", 0, 0, G_OPTION_ARG_NONE, &self->green_screen,
      N_("Render on a green screen instead of the avatar’s background"), NULL },
    { "subtitles", 0, 0, G_OPTION_ARG_NONE, &self->subtitles,
      N_("Burn subtitles into the video"), NULL },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &self->wait,
      N_("Follow the render until it ends, showing progress on stderr"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  talkie_cli_add_output_entries (self, context, TRUE);
  talkie_cli_add_json_entry (self, context);
}

/* A URI unless it names an existing file ("take:2.mp3" may be a file name). */
static gboolean
render_is_uri (const char *audio)
{
  g_autofree char *scheme = g_uri_parse_scheme (audio);

  return scheme != NULL && !g_file_test (audio, G_FILE_TEST_EXISTS);
}

static int
render_check (TalkieCli *self)
{
  int status;

  if (self->avatar_str == NULL)
    return talkie_cli_usage_error (self, _("Say which avatar to use with --avatar ID."));
  if (self->voice_id == NULL || self->voice_id[0] == '\0')
    return talkie_cli_usage_error (self, _("Say which voice to use with --voice VOICE_ID."));
  if (self->audio == NULL || self->audio[0] == '\0')
    return talkie_cli_usage_error (self, _("Say which recording to speak with --audio FILE_OR_URL."));

  if (!g_ascii_string_to_signed (self->avatar_str, 10, 0, G_MAXINT64, &self->avatar_id, NULL))
    {
      g_autofree char *clean = talkie_cli_sanitize (self->avatar_str);
      g_autofree char *message = g_strdup_printf (_("“%s” is not an avatar id: ids are whole numbers, as listed by “talkie-cli avatars”."), clean);

      return talkie_cli_usage_error (self, message);
    }

  if ((status = talkie_cli_check_aspect (self)) != 0)
    return status;

  if ((status = talkie_cli_check_trim (self)) != 0)
    return status;
  if (self->trim_str != NULL && g_strcmp0 (self->audio, "-") != 0 && render_is_uri (self->audio) &&
      !g_str_has_prefix (self->audio, "file:"))
    return talkie_cli_usage_error (self, _("--trim needs a local recording, not a URL: download it first, then trim the file."));

  if (g_strcmp0 (self->audio, "-") == 0 && isatty (STDIN_FILENO))
    return talkie_cli_usage_error (self, _("--audio - reads the recording from stdin: pipe it in, such as “talkie-cli render … --audio - < take.wav”."));

  if ((status = talkie_cli_check_output (self)) != 0)
    return status;
  if (self->output != NULL)
    self->wait = TRUE;

  return 0;
}

static void
render_start_job (TalkieCli *self)
{
  TalkieRenderOptions options = {
    .aspect_ratio = self->aspect,
    .screen_style = self->green_screen ? TALKIE_SCREEN_STYLE_GREEN_SCREEN
                                       : TALKIE_SCREEN_STYLE_BACKGROUND,
    .subtitles = self->subtitles,
  };

  self->job = talkie_render_job_new (self->client, self->avatar, self->voice,
                                     self->audio_source, &options);

  /* In the app's list from the start: it shows there, and the app follows
   * it when this run ends before the render does. */
  if (self->history != NULL)
    talkie_history_add (self->history, self->job);

  talkie_cli_follow_job (self, FALSE);
}

static TalkieVoice *
find_voice (GListModel *voices,
            const char *id)
{
  guint n = g_list_model_get_n_items (voices);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (voices, i);

      if (g_strcmp0 (talkie_voice_get_id (voice), id) == 0)
        return g_steal_pointer (&voice);
    }

  return NULL;
}

/* Called with the public voices, then, if --voice is not among them, with the
 * user's own. */
static void
render_voices_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GListModel) voices = talkie_cli_finish_list (self, talkie_client_list_voices_finish,
                                                         object, result);

  if (voices == NULL)
    return;

  self->voice = find_voice (voices, self->voice_id);

  if (self->voice == NULL && self->voice_source == TALKIE_SOURCE_PUBLIC)
    {
      /* Not a public voice: perhaps one of the user's own. */
      self->voice_source = TALKIE_SOURCE_MINE;
      talkie_client_list_voices_async (self->client,
                                       self->voice_source,
                                       TALKIE_GENDER_ANY,
                                       self->cancellable,
                                       render_voices_cb,
                                       self);
      return;
    }

  if (self->voice == NULL)
    {
      g_autofree char *clean = talkie_cli_sanitize (self->voice_id);
      g_autofree char *message =
        g_strdup_printf (_("There is no voice with the id “%s”. Run “talkie-cli voices” or “talkie-cli voices --mine” to see the ids."),
                         clean);

      talkie_cli_fail_message (self, message);
      return;
    }

  render_start_job (self);
}

static void
render_avatars_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GListModel) avatars = talkie_cli_finish_list (self, talkie_client_list_avatars_finish,
                                                          object, result);
  guint n;

  if (avatars == NULL)
    return;

  n = g_list_model_get_n_items (avatars);
  for (guint i = 0; i < n && self->avatar == NULL; i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (avatars, i);

      if (talkie_avatar_get_id (avatar) == self->avatar_id)
        self->avatar = g_steal_pointer (&avatar);
    }

  if (self->avatar == NULL)
    {
      g_autofree char *message = NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, self->avatar_id);
      const char *aspect = talkie_aspect_ratio_to_string (self->aspect);

      if (self->mine_avatar)
        message = g_strdup_printf (_("You have no avatar with the id %s. Run “talkie-cli avatars --mine” to see the ids of yours."),
                                   id);
      else
        /* TRANSLATORS: %1$s is an aspect ratio such as 9:16, %2$s an avatar id */
        message = g_strdup_printf (_("There is no public %1$s avatar with the id %2$s. Run “talkie-cli avatars --aspect %1$s” to see the ids, or add --mine-avatar for one of your own."),
                                   aspect, id);

      talkie_cli_fail_message (self, message);
      return;
    }

  self->voice_source = TALKIE_SOURCE_PUBLIC;
  talkie_client_list_voices_async (self->client,
                                   self->voice_source,
                                   TALKIE_GENDER_ANY,
                                   self->cancellable,
                                   render_voices_cb,
                                   self);
}

/* --audio -: the recording is measured and uploaded from a file, so stdin is
 * copied to one first (removed when the run ends, see talkie_cli_free()). */
static GFile *
render_spool_stdin (TalkieCli  *self,
                    GError    **error)
{
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GInputStream) input = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  gssize size;

  if (!(file = g_file_new_tmp ("talkie-cli-stdin-XXXXXX", &stream, &local_error)))
    {
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("The recording from stdin could not be kept in a temporary file: %s."),
                   local_error->message);
      return NULL;
    }

  size = g_output_stream_splice (g_io_stream_get_output_stream (G_IO_STREAM (stream)), input,
                                 G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                 self->cancellable, &local_error);
  if (size < 0 || !g_io_stream_close (G_IO_STREAM (stream), NULL, local_error ? NULL : &local_error))
    {
      g_file_delete (file, NULL, NULL);
      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("The recording could not be read from stdin: %s."), local_error->message);
      return NULL;
    }

  if (size == 0)
    {
      g_file_delete (file, NULL, NULL);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No recording came on stdin: it was empty."));
      return NULL;
    }

  return g_steal_pointer (&file);
}

static void
render_list_avatars (TalkieCli *self)
{
  talkie_client_list_avatars_async (self->client,
                                    self->mine_avatar ? TALKIE_SOURCE_MINE : TALKIE_SOURCE_PUBLIC,
                                    self->aspect,
                                    self->cancellable,
                                    render_avatars_cb,
                                    self);
}

static void
render_start (TalkieCli *self)
{
  g_autoptr(GError) error = NULL;

  if (!talkie_cli_check_output_folder (self, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  self->history = talkie_cli_load_history (self);

  if (g_strcmp0 (self->audio, "-") == 0)
    {
      if (!(self->spooled_audio = render_spool_stdin (self, &error)))
        {
          talkie_cli_fail (self, error);
          return;
        }
      self->audio_source = talkie_audio_source_new_for_file (self->spooled_audio);
    }
  else if (render_is_uri (self->audio))
    self->audio_source = talkie_audio_source_new_for_uri (self->audio, &error);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->audio);

      self->audio_source = talkie_audio_source_new_for_file (file);
    }

  if (self->audio_source == NULL)
    {
      talkie_cli_fail (self, error);
      return;
    }

  /* Cut first: a range past the recording's end is said before anything
   * is asked of the server. */
  if (self->trim_str != NULL)
    talkie_cli_trim_audio (self, render_list_avatars);
  else
    render_list_avatars (self);
}

const TalkieCliCommand talkie_cli_render_command = {
  "render", NULL, N_("Render a talking-avatar video from a recording"),
  0, render_add_entries, render_check, render_start, FALSE,
};
