/* talkie-result-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-player-keys.h"
#include "talkie-result-view.h"
#include "talkie-ui-error.h"
#include "talkie-video-stream.h"

struct _TalkieResultView
{
  AdwBin                parent_instance;

  TalkieClient         *client;
  TalkieRenderJob      *job;
  GCancellable         *save_cancellable;

  /* The video is fetched whole into the cache, then played from there. */
  GCancellable         *load_cancellable;
  char                 *load_url;       /* being fetched, or fetched */
  GFile                *loaded_file;    /* ready to play, for load_url */
  char                 *load_error;     /* why it could not be fetched */
  double                load_fraction;
  GtkFileChooserNative *chooser;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *pending_page;
  GtkSpinner           *pending_spinner;
  AdwStatusPage        *failed_page;
  GtkVideo             *video;
  GtkWidget            *controls;
  GtkLabel             *details_label;
  GtkWidget            *actions_box;
  GtkWidget            *save_box;
  GtkLabel             *save_label;
  GtkProgressBar       *save_progress;
};

G_DEFINE_FINAL_TYPE (TalkieResultView, talkie_result_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_JOB,
  PROP_PAGE,
  PROP_SAVING,
  N_PROPS
};

enum {
  SAVE_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (TalkieResultView *self,
            const char       *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
launched_default_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(TalkieResultView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_debug ("Could not open: %s", error->message);
      show_toast (self, _("Could not open it: no application for it was found. Copy the link and open it yourself."));
    }
}

/* GTK 4.8's gtk_show_uri() shows its own raw error dialog; GIO's default handler
 * (the OpenURI portal in a sandbox) lets the failure be said our way. */
static void
launch_uri (TalkieResultView *self,
            const char       *uri)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           launched_default_cb, g_object_ref (self));
}

static void
open_folder_clicked_cb (AdwToast   *toast,
                        const char *folder_uri)
{
  TalkieResultView *self = g_object_get_data (G_OBJECT (toast), "talkie-result-view");

  if (self != NULL)
    launch_uri (self, folder_uri);
}

static const char *
extension_for_url (const char *url)
{
  static const char * const known[] = { "mp4", "webm", "mov", "mkv", "m4v" };
  g_autoptr(GUri) uri = NULL;
  const char *path;
  const char *dot;

  if (url == NULL)
    return "mp4";

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  path = uri ? g_uri_get_path (uri) : url;
  dot = path ? strrchr (path, '.') : NULL;

  if (dot != NULL && strchr (dot, '/') == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (known); i++)
        if (g_ascii_strcasecmp (dot + 1, known[i]) == 0)
          return known[i];
    }

  return "mp4";
}

char *
talkie_result_view_dup_suggested_name (TalkieRenderJob *job)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  const char *avatar;
  gint64 created;

  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);

  created = talkie_render_job_get_created_at (job);
  when = created > 0 ? g_date_time_new_from_unix_local (created) : g_date_time_new_now_local ();
  date = g_date_time_format (when, "%Y-%m-%d");

  avatar = talkie_render_job_get_avatar_name (job);
  if (avatar == NULL || avatar[0] == '\0')
    avatar = _("Talking avatar");

  /* No directory separators or control characters in a file name. */
  name = g_strdup (avatar);
  for (char *p = name; *p != '\0'; p++)
    if (*p == '/' || *p == '\\' || (guchar)*p < 0x20)
      *p = '-';

  return g_strdup_printf ("%s %s.%s", name, date,
                          extension_for_url (talkie_render_job_get_video_url (job)));
}

static void
set_saving (TalkieResultView *self,
            gboolean          saving)
{
  gtk_widget_set_visible (self->save_box, saving);
  gtk_widget_set_sensitive (self->actions_box, !saving);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

/* The video plays through Talkie's own stream (see talkie-video-stream.c),
 * not through GtkVideo's file loading. */
static void
set_video_uri (TalkieResultView *self,
               const char       *uri)
{
  GtkMediaStream *current = gtk_video_get_media_stream (self->video);
  g_autoptr(TalkieVideoStream) stream = NULL;

  if (current != NULL && TALKIE_IS_VIDEO_STREAM (current) &&
      g_strcmp0 (talkie_video_stream_get_uri (TALKIE_VIDEO_STREAM (current)), uri) == 0)
    return;

  if (current == NULL && uri == NULL)
    return;

  if (uri != NULL)
    stream = talkie_video_stream_new (uri);

  gtk_video_set_media_stream (self->video, GTK_MEDIA_STREAM (stream));
}

/* $XDG_CACHE_HOME/talkie/videos/PROJECT.EXT: one file a render, kept. */
static GFile *
cache_file_for (TalkieRenderJob *job)
{
  const char *project_id = talkie_render_job_get_project_id (job);
  g_autofree char *name = NULL;

  if (project_id == NULL)
    return NULL;

  name = g_strdup_printf ("%s.%s", project_id, extension_for_url (talkie_render_job_get_video_url (job)));

  return g_file_new_build_filename (g_get_user_cache_dir (), "talkie", "videos", name, NULL);
}

static void update (TalkieResultView *self);

static void
load_progress_cb (goffset  done,
                  goffset  total,
                  gpointer user_data)
{
  TalkieResultView *self = user_data;

  self->load_fraction = total > 0 ? (double) done / (double) total : -1;
  update (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TalkieResultView) self = user_data;
  g_autoptr(GError) error = NULL;
  GFile *file;

  if (!talkie_client_download_finish (TALKIE_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->load_cancellable);
      g_free (self->load_error);
      self->load_error = g_strdup (error->message);
      update (self);
      return;
    }

  file = g_object_get_data (G_OBJECT (self->load_cancellable), "file");
  g_set_object (&self->loaded_file, file);
  g_clear_object (&self->load_cancellable);
  update (self);
}

static void
cancel_load (TalkieResultView *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->load_url, g_free);
  g_clear_pointer (&self->load_error, g_free);
  g_clear_object (&self->loaded_file);
}

/* Streaming from the server would let GStreamer's HTTP source seek over the
 * network, which crashes libsoup 3.2 (a NULL io_data after a cancelled range
 * request). A whole file, checked to be a whole video, plays from disk. */
static void
load_video (TalkieResultView *self,
            const char       *url)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;

  if (g_strcmp0 (self->load_url, url) == 0)
    return;

  cancel_load (self);
  self->load_url = g_strdup (url);
  self->load_fraction = -1;

  if (!(file = cache_file_for (self->job)))
    {
      self->load_error = g_strdup (_("The render has no id to keep its video under."));
      return;
    }

  if (g_file_query_exists (file, NULL))
    {
      self->loaded_file = g_steal_pointer (&file);
      return;
    }

  if (self->client == NULL)
    {
      self->load_error = g_strdup (_("Talkie is not connected. Sign in again, then open the video."));
      return;
    }

  parent = g_file_get_parent (file);
  g_file_make_directory_with_parents (parent, NULL, NULL);

  self->load_cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self->load_cancellable), "file",
                          g_object_ref (file), g_object_unref);
  talkie_client_download_async (self->client, url, file,
                                load_progress_cb, self, NULL,
                                self->load_cancellable,
                                loaded_cb, g_object_ref (self));
}

static void
update (TalkieResultView *self)
{
  const char *page = "none";
  TalkieJobState state;

  g_assert (TALKIE_IS_RESULT_VIEW (self));

  gtk_spinner_set_spinning (self->pending_spinner, FALSE);

  if (self->job == NULL)
    {
      cancel_load (self);
      set_video_uri (self, NULL);
      page = "none";
      goto out;
    }

  state = talkie_render_job_get_state (self->job);

  if (state == TALKIE_JOB_STATE_SUCCEEDED && talkie_render_job_get_video_url (self->job) != NULL)
    load_video (self, talkie_render_job_get_video_url (self->job));

  if (state == TALKIE_JOB_STATE_SUCCEEDED && self->load_error != NULL)
    {
      set_video_uri (self, NULL);
      adw_status_page_set_description (self->failed_page, self->load_error);
      page = "failed";
    }
  else if (state == TALKIE_JOB_STATE_SUCCEEDED && self->load_url != NULL && self->loaded_file == NULL)
    {
      g_autofree char *text = NULL;

      set_video_uri (self, NULL);
      if (self->load_fraction >= 0)
        /* Translators: %d is a percentage */
        text = g_strdup_printf (_("Fetching the video: %d %%"), (int) (self->load_fraction * 100));
      else
        text = g_strdup (_("Fetching the video…"));
      adw_status_page_set_title (self->pending_page, _("Getting the Video"));
      adw_status_page_set_description (self->pending_page, text);
      gtk_spinner_set_spinning (self->pending_spinner, TRUE);
      page = "pending";
    }
  else if (state == TALKIE_JOB_STATE_SUCCEEDED && self->loaded_file != NULL)
    {
      g_autofree char *details = NULL;
      g_autofree char *uri = g_file_get_uri (self->loaded_file);

      set_video_uri (self, uri);

      /* Translators: what the video is: the avatar says the user's own recording */
      details = g_strdup_printf (_("%s, speaking your recording %s"),
                                 talkie_render_job_get_avatar_name (self->job),
                                 talkie_render_job_get_audio_name (self->job));
      gtk_label_set_text (self->details_label, details);
      page = "video";
    }
  else if (state == TALKIE_JOB_STATE_FAILED || state == TALKIE_JOB_STATE_SUCCEEDED)
    {
      g_autofree char *reason = talkie_ui_job_failure_message (self->job);

      set_video_uri (self, NULL);
      if (state == TALKIE_JOB_STATE_SUCCEEDED)
        {
          g_free (reason);
          reason = g_strdup (_("The service finished the render but gave no video link. Try the render again."));
        }
      adw_status_page_set_description (self->failed_page,
                                       reason && reason[0]
                                       ? reason
                                       : _("The render failed. Go back to Create to try again."));
      page = "failed";
    }
  else if (state == TALKIE_JOB_STATE_CANCELLED)
    {
      set_video_uri (self, NULL);
      adw_status_page_set_description (self->failed_page,
                                       _("This render was cancelled. Go back to Create to start it again."));
      page = "failed";
    }
  else
    {
      set_video_uri (self, NULL);
      adw_status_page_set_title (self->pending_page, _("Still Rendering"));
      adw_status_page_set_description (self->pending_page,
                                       _("The video appears here as soon as it is ready."));
      gtk_spinner_set_spinning (self->pending_spinner, TRUE);
      page = "pending";
    }

out:
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) != 0)
    {
      gtk_stack_set_visible_child_name (self->stack, page);
      /* The keyboard starts on the player: Space plays, not Save. */
      if (g_str_equal (page, "video") && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        gtk_widget_child_focus (self->controls, GTK_DIR_TAB_FORWARD);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

static void
job_notify_cb (TalkieResultView *self,
               GParamSpec       *pspec)
{
  if (g_strcmp0 (pspec->name, "state") == 0 || g_strcmp0 (pspec->name, "project") == 0)
    update (self);
}

static void
download_progress_cb (goffset  done,
                      goffset  total,
                      gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(TalkieResultView) self = g_weak_ref_get (ref);
  g_autofree char *done_text = NULL;
  g_autofree char *text = NULL;

  if (self == NULL)
    return;

  done_text = g_format_size ((guint64)MAX (done, 0));
  if (total > 0)
    {
      g_autofree char *total_text = g_format_size ((guint64)total);

      gtk_progress_bar_set_fraction (self->save_progress, CLAMP ((double)done / (double)total, 0, 1));
      /* Translators: "Saving 1.2 MB of 3.4 MB" */
      text = g_strdup_printf (_("Saving %s of %s"), done_text, total_text);
    }
  else
    {
      gtk_progress_bar_pulse (self->save_progress);
      text = g_strdup_printf (_("Saving %s"), done_text);
    }

  gtk_label_set_text (self->save_label, text);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

typedef struct
{
  TalkieResultView *self;
  GFile            *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_free (data);
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SaveData *data = user_data;
  TalkieResultView *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = talkie_client_download_finish (TALKIE_CLIENT (object), result, &error);

  g_clear_object (&self->save_cancellable);
  set_saving (self, FALSE);

  if (ok)
    {
      g_autofree char *basename = g_file_get_basename (data->file);
      g_autofree char *text = g_strdup_printf (_("Saved as “%s”"), basename);
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      g_autoptr(GFile) folder = g_file_get_parent (data->file);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_timeout (toast, 6);
      if (folder != NULL)
        {
          adw_toast_set_button_label (toast, _("Open _Folder"));
          g_object_set_data (G_OBJECT (toast), "talkie-result-view", self);
          g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_folder_clicked_cb),
                                 g_file_get_uri (folder), (GClosureNotify)(void (*) (void))g_free, 0);
        }
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _("Saving cancelled"));
  else
    {
      g_autofree char *text = g_strdup_printf (_("Could not save the video: %s"), error->message);

      show_toast (self, text);
    }

  g_signal_emit (self, signals[SAVE_FINISHED], 0, data->file, ok);
  save_data_free (data);
}

void
talkie_result_view_save_to_file (TalkieResultView *self,
                                 GFile            *file)
{
  SaveData *data;
  GWeakRef *ref;
  const char *url;

  g_return_if_fail (TALKIE_IS_RESULT_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->job == NULL || (url = talkie_render_job_get_video_url (self->job)) == NULL)
    return;

  if (self->client == NULL)
    {
      show_toast (self, _("Could not save the video: Talkie is not connected. Sign in again, then retry."));
      g_signal_emit (self, signals[SAVE_FINISHED], 0, file, FALSE);
      return;
    }

  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  self->save_cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->save_progress, 0);
  gtk_label_set_text (self->save_label, _("Saving…"));
  set_saving (self, TRUE);

  data = g_new0 (SaveData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);

  talkie_client_download_async (self->client, url, file,
                                download_progress_cb, ref, weak_ref_free,
                                self->save_cancellable,
                                downloaded_cb, data);
}

static void
chooser_response_cb (GtkNativeDialog  *dialog,
                     int               response,
                     TalkieResultView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        talkie_result_view_save_to_file (self, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
save_clicked_cb (TalkieResultView *self)
{
  g_autofree char *name = NULL;
  GtkRoot *root;

  if (self->job == NULL || self->chooser != NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (_("Save Video"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  name = talkie_result_view_dup_suggested_name (self->job);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  /* Videos go where videos live, not into whatever directory Talkie was started in. */
  {
    g_autoptr(GFile) folder = talkie_result_view_dup_save_folder ();

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_cancel_clicked_cb (TalkieResultView *self)
{
  g_cancellable_cancel (self->save_cancellable);
}

static void
copy_clicked_cb (TalkieResultView *self)
{
  const char *url;

  if (self->job == NULL || (url = talkie_render_job_get_video_url (self->job)) == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), url);
  show_toast (self, _("Link copied"));
}

static void
open_clicked_cb (TalkieResultView *self)
{
  const char *url;

  if (self->job == NULL || (url = talkie_render_job_get_video_url (self->job)) == NULL)
    return;

  launch_uri (self, url);
}

static void
talkie_result_view_dispose (GObject *object)
{
  TalkieResultView *self = (TalkieResultView *)object;

  g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  cancel_load (self);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, chooser_response_cb, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, job_notify_cb, self);
  g_clear_object (&self->job);
  g_clear_object (&self->client);

  if (self->video != NULL)
    set_video_uri (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_RESULT_VIEW);

  G_OBJECT_CLASS (talkie_result_view_parent_class)->dispose (object);
}

static void
talkie_result_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TalkieResultView *self = TALKIE_RESULT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;

    case PROP_PAGE:
      g_value_set_string (value, talkie_result_view_get_page (self));
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->save_cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_result_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TalkieResultView *self = TALKIE_RESULT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      talkie_result_view_set_client (self, g_value_get_object (value));
      break;

    case PROP_JOB:
      talkie_result_view_set_job (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_result_view_class_init (TalkieResultViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_result_view_dispose;
  object_class->get_property = talkie_result_view_get_property;
  object_class->set_property = talkie_result_view_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TALKIE_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, TALKIE_TYPE_RENDER_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "none",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVE_FINISHED] =
    g_signal_new ("save-finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-result-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, stack);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, pending_page);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, pending_spinner);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, failed_page);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, video);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, controls);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, details_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, save_box);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, save_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieResultView, save_progress);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);
}

static void
talkie_result_view_init (TalkieResultView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's own child: not a bound template child, or it would be unparented twice. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  talkie_player_keys_attach (GTK_WIDGET (self), self->video, self->controls);

  update (self);
}

void
talkie_result_view_set_client (TalkieResultView *self,
                               TalkieClient     *client)
{
  g_return_if_fail (TALKIE_IS_RESULT_VIEW (self));
  g_return_if_fail (client == NULL || TALKIE_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    {
      /* A video that could not be fetched without a client is tried again. */
      if (self->load_error != NULL && self->job != NULL)
        {
          cancel_load (self);
          update (self);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
    }
}

void
talkie_result_view_set_job (TalkieResultView *self,
                            TalkieRenderJob  *job)
{
  g_return_if_fail (TALKIE_IS_RESULT_VIEW (self));
  g_return_if_fail (job == NULL || TALKIE_IS_RENDER_JOB (job));

  if (self->job == job)
    return;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, job_notify_cb, self);

  g_cancellable_cancel (self->save_cancellable);
  g_set_object (&self->job, job);

  if (self->job != NULL)
    g_signal_connect_swapped (self->job, "notify", G_CALLBACK (job_notify_cb), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

TalkieRenderJob *
talkie_result_view_get_job (TalkieResultView *self)
{
  g_return_val_if_fail (TALKIE_IS_RESULT_VIEW (self), NULL);

  return self->job;
}

const char *
talkie_result_view_get_page (TalkieResultView *self)
{
  g_return_val_if_fail (TALKIE_IS_RESULT_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkVideo *
talkie_result_view_get_video (TalkieResultView *self)
{
  g_return_val_if_fail (TALKIE_IS_RESULT_VIEW (self), NULL);

  return self->video;
}

GFile *
talkie_result_view_dup_save_folder (void)
{
  const char *videos = g_get_user_special_dir (G_USER_DIRECTORY_VIDEOS);

  if (videos != NULL && g_file_test (videos, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (videos);

  return g_file_new_for_path (g_get_home_dir ());
}

GtkWidget *
talkie_result_view_get_controls (TalkieResultView *self)
{
  g_return_val_if_fail (TALKIE_IS_RESULT_VIEW (self), NULL);

  return self->controls;
}
