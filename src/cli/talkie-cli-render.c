/* talkie-cli-render.c: “talkie-cli render”, a recording made into a video: the
 * avatar and the voice looked up, the render job followed, the video saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

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
      N_("The recording to speak: a local file or an http(s) URL"), N_("FILE_OR_URL") },
    { "aspect", 0, 0, G_OPTION_ARG_STRING, &self->aspect_str,
      N_("Aspect ratio: 9:16 (the default), 16:9 or 1:1"), N_("RATIO") },
    { "green-screen", 0, 0, G_OPTION_ARG_NONE, &self->green_screen,
      N_("Render on a green screen instead of the avatar’s background"), NULL },
    { "subtitles", 0, 0, G_OPTION_ARG_NONE, &self->subtitles,
      N_("Burn subtitles into the video"), NULL },
    { "wait", 0, 0, G_OPTION_ARG_NONE, &self->wait,
      N_("Follow the render until it ends, showing progress on stderr"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &self->output,
      N_("Save the finished video to FILE (implies --wait)"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &self->force,
      N_("Replace the --output file if it exists"), NULL },
    G_OPTION_ENTRY_NULL
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  talkie_cli_add_json_entry (self, context);
}

/* A URI unless it names an existing file ("take:2.mp3" may be a file name). */
static gboolean
render_is_uri (const char *audio)
{
  g_autofree char *scheme = g_uri_parse_scheme (audio);

  return scheme != NULL && !g_file_test (audio, G_FILE_TEST_EXISTS);
}

/* Before anything is spent on a render: can the video be saved where asked? */
static gboolean
render_check_output (TalkieCli  *self,
                     GError    **error)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *name = NULL;

  if (self->output_file == NULL)
    return TRUE;

  name = g_file_get_parse_name (self->output_file);

  if (g_file_query_file_type (self->output_file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder. Give --output a file name, such as %s/video.mp4."),
                   name, name);
      return FALSE;
    }

  parent = g_file_get_parent (self->output_file);
  if (parent != NULL &&
      g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *parent_name = g_file_get_parse_name (parent);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist, so the video could not be saved there. Create it or choose another --output file."),
                   parent_name);
      return FALSE;
    }

  /* The video is first written beside its final name: try that now, before
   * a recording is uploaded and a render paid for. */
  if (parent != NULL)
    {
      g_autofree char *dir = g_file_get_path (parent);
      g_autofree char *probe = dir ? g_build_filename (dir, ".talkie-cli-XXXXXX", NULL) : NULL;
      int fd = probe ? g_mkstemp (probe) : -1;

      if (fd < 0)
        {
          g_autofree char *parent_name = g_file_get_parse_name (parent);
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("The video could not be saved in “%s” (%s). Choose another --output file."),
                       parent_name, g_strerror (saved_errno));
          return FALSE;
        }

      close (fd);
      g_unlink (probe);
    }

  return TRUE;
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

  if (self->output != NULL)
    {
      if (self->output[0] == '\0')
        return talkie_cli_usage_error (self, _("The --output file name is empty."));
      self->output_file = g_file_new_for_commandline_arg (self->output);
      self->wait = TRUE;

      if (!self->force &&
          g_file_query_file_type (self->output_file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *name = g_file_get_parse_name (self->output_file);
          g_autofree char *clean = talkie_cli_sanitize (name);
          g_autofree char *message = g_strdup_printf (_("“%s” already exists. Add --force to replace it, or choose another --output file."), clean);

          return talkie_cli_usage_error (self, message);
        }
    }

  return 0;
}

static void
render_print_result (TalkieCli *self)
{
  TalkieProject *project = talkie_render_job_get_project (self->job);
  const char *project_id = talkie_render_job_get_project_id (self->job);
  g_autofree char *output_path = NULL;

  if (self->output_file != NULL)
    output_path = g_file_get_parse_name (self->output_file);

  if (self->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "prj_id");
      json_builder_add_string_value (builder, project_id);
      if (project != NULL)
        talkie_cli_add_project_members (builder, project);
      if (output_path != NULL)
        {
          json_builder_set_member_name (builder, "output");
          json_builder_add_string_value (builder, output_path);
        }
      json_builder_end_object (builder);

      node = json_builder_get_root (builder);
      talkie_cli_print_json (node);
    }
  else if (project != NULL && self->wait)
    talkie_cli_print_project (project, output_path);
  else
    g_print ("%s\n", project_id);
}

static void
render_download_progress (goffset  done,
                          goffset  total,
                          gpointer user_data)
{
  TalkieCli *self = user_data;
  g_autofree char *line = NULL;

  if (total > 0)
    line = g_strdup_printf (_("Downloading the video: %d%%"),
                            talkie_cli_round_percent (self, (double) done / (double) total));
  else
    line = g_strdup (_("Downloading the video…"));

  talkie_cli_show_progress (self, line);
}

static void
render_downloaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GError) error = NULL;

  self->downloading = FALSE;

  /* Interrupted: the download has removed its partial file by now. */
  if (self->interrupted)
    {
      talkie_cli_done (self, TALKIE_CLI_EXIT_INTERRUPTED);
      return;
    }

  if (!talkie_client_download_finish (TALKIE_CLIENT (object), result, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  talkie_cli_end_progress (self);
  render_print_result (self);
  talkie_cli_done (self, EXIT_SUCCESS);
}

static void
render_job_finished (TalkieCli *self)
{
  TalkieJobState state = talkie_render_job_get_state (self->job);

  g_signal_handlers_disconnect_by_data (self->job, self);

  if (state == TALKIE_JOB_STATE_CANCELLED)
    {
      talkie_cli_end_progress (self);
      talkie_cli_done (self, TALKIE_CLI_EXIT_INTERRUPTED);
      return;
    }

  if (state == TALKIE_JOB_STATE_FAILED)
    {
      const GError *error = talkie_render_job_get_error (self->job);
      const char *message = talkie_render_job_get_error_message (self->job);

      if (error != NULL &&
          (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INVALID_KEY) ||
           message == NULL))
        talkie_cli_fail (self, error);
      else if (message != NULL)
        talkie_cli_fail_message (self, message);
      else
        talkie_cli_fail_message (self, _("The render failed. Check the recording and try again; “talkie-cli status” shows what the server says."));
      return;
    }

  g_assert (state == TALKIE_JOB_STATE_SUCCEEDED);

  if (self->output_file != NULL)
    {
      const char *video_url = talkie_render_job_get_video_url (self->job);

      if (video_url == NULL || video_url[0] == '\0')
        {
          g_autofree char *message =
            g_strdup_printf (_("The render finished but the server gave no video address. Try “talkie-cli status %s” in a while."),
                             talkie_render_job_get_project_id (self->job));

          talkie_cli_fail_message (self, message);
          return;
        }

      self->downloading = TRUE;
      talkie_client_download_async (self->client,
                                    video_url,
                                    self->output_file,
                                    render_download_progress, self, NULL,
                                    self->cancellable,
                                    render_downloaded_cb,
                                    self);
      return;
    }

  talkie_cli_end_progress (self);
  render_print_result (self);
  talkie_cli_done (self, EXIT_SUCCESS);
}

static void
render_job_changed (TalkieRenderJob *job,
                    GParamSpec      *pspec,
                    gpointer         user_data)
{
  TalkieCli *self = user_data;
  TalkieJobState state;
  g_autofree char *line = NULL;

  g_assert (TALKIE_IS_RENDER_JOB (job));

  if (self->finished)
    return;

  state = talkie_render_job_get_state (job);

  if (talkie_render_job_get_stalled (job))
    {
      g_autofree char *message =
        g_strdup_printf (_("The render %s is still running after hours; Talkie stopped waiting for it. Check it later with “talkie-cli status %s”."),
                         talkie_render_job_get_project_id (job), talkie_render_job_get_project_id (job));

      g_signal_handlers_disconnect_by_data (job, self);
      talkie_render_job_cancel (job);
      talkie_cli_fail_message (self, message);
      return;
    }

  if (!self->wait)
    {
      if (talkie_render_job_get_project_id (job) != NULL)
        {
          g_signal_handlers_disconnect_by_data (job, self);
          render_print_result (self);
          talkie_cli_done (self, EXIT_SUCCESS);
          return;
        }
    }

  if (talkie_job_state_is_final (state))
    {
      render_job_finished (self);
      return;
    }

  if (!self->wait || state == TALKIE_JOB_STATE_NEW)
    return;

  /* The app's words; on a log or a pipe the upload moves in steps of 10 %. */
  line = talkie_format_job_status (job, self->stderr_is_tty ? 1 : 10);
  if (state == TALKIE_JOB_STATE_RENDERING && talkie_render_job_get_project_id (job) != NULL)
    {
      /* Translators: a render's progress and its project id, "Rendering the video… (p-1)" */
      char *with_id = g_strdup_printf (_("%s (%s)"), line, talkie_render_job_get_project_id (job));

      g_free (line);
      line = with_id;
    }

  talkie_cli_show_progress (self, line);
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
  guint poll_ms;

  self->job = talkie_render_job_new (self->client, self->avatar, self->voice,
                                     self->audio_source, &options);

  /* For tests and the impatient sandbox: the default backs off from 3 s. */
  poll_ms = talkie_cli_env_uint ("TALKIE_POLL_INTERVAL_MS", 0);
  if (poll_ms > 0)
    talkie_render_job_set_poll_interval (self->job, poll_ms, poll_ms * 4);

  g_signal_connect (self->job, "notify::state", G_CALLBACK (render_job_changed), self);
  g_signal_connect (self->job, "notify::progress", G_CALLBACK (render_job_changed), self);
  g_signal_connect (self->job, "notify::project-id", G_CALLBACK (render_job_changed), self);
  g_signal_connect (self->job, "notify::project", G_CALLBACK (render_job_changed), self);
  g_signal_connect (self->job, "notify::stalled", G_CALLBACK (render_job_changed), self);

  talkie_render_job_start (self->job);
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
  g_autoptr(GListModel) voices = NULL;
  g_autoptr(GError) error = NULL;

  voices = talkie_client_list_voices_finish (TALKIE_CLIENT (object), result, &error);
  if (voices == NULL)
    {
      talkie_cli_fail (self, error);
      return;
    }

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
  g_autoptr(GListModel) avatars = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  avatars = talkie_client_list_avatars_finish (TALKIE_CLIENT (object), result, &error);
  if (avatars == NULL)
    {
      talkie_cli_fail (self, error);
      return;
    }

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

static void
render_start (TalkieCli *self)
{
  g_autoptr(GError) error = NULL;

  if (!render_check_output (self, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  if (render_is_uri (self->audio))
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

  talkie_client_list_avatars_async (self->client,
                                    self->mine_avatar ? TALKIE_SOURCE_MINE : TALKIE_SOURCE_PUBLIC,
                                    self->aspect,
                                    self->cancellable,
                                    render_avatars_cb,
                                    self);
}

const TalkieCliCommand talkie_cli_render_command = {
  "render", NULL, N_("Render a talking-avatar video from a recording"),
  0, render_add_entries, render_check, render_start,
};
