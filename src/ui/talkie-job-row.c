/* talkie-job-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-ui-error.h"
#include "talkie-job-row.h"

struct _TalkieJobRow
{
  AdwBin             parent_instance;

  TalkieRenderJob   *job;
  TalkieCoverLoader *cover_loader;
  GCancellable      *cover_cancellable;
  char              *cover_url;
  guint              clock_id;

  guint              show_time : 1;
  guint              removable : 1;

  AdwAvatar         *avatar;
  GtkLabel          *title_label;
  GtkLabel          *details_label;
  GtkLabel          *status_label;
  GtkProgressBar    *progress_bar;
  GtkButton         *watch_button;
  GtkButton         *cancel_button;
  GtkButton         *remove_button;
  GtkWidget         *again_box;
  GtkButton         *retry_button;
  GtkButton         *reuse_button;
};

G_DEFINE_FINAL_TYPE (TalkieJobRow, talkie_job_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_JOB,
  PROP_COVER_LOADER,
  PROP_SHOW_TIME,
  PROP_REMOVABLE,
  N_PROPS
};

enum {
  WATCH,
  REMOVE,
  RETRY,
  REUSE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


static void talkie_job_row_update (TalkieJobRow *self);

static gboolean
clock_cb (gpointer user_data)
{
  /* Keep "5 minutes ago" true. */
  talkie_job_row_update (user_data);

  return G_SOURCE_CONTINUE;
}

static void
update_clock (TalkieJobRow *self)
{
  gboolean want = self->show_time && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (30, clock_cb, self);
  else if (!want)
    g_clear_handle_id (&self->clock_id, g_source_remove);
}

static void
cover_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TalkieJobRow) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = talkie_cover_loader_load_finish (TALKIE_COVER_LOADER (object), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No cover for a render: %s", error->message);
      return;
    }

  if (self->avatar != NULL)
    adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

static void
update_cover (TalkieJobRow *self)
{
  const char *url = NULL;

  g_assert (TALKIE_IS_JOB_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->avatar), self->cover_loader != NULL);

  if (self->job != NULL)
    {
      adw_avatar_set_text (self->avatar, talkie_render_job_get_avatar_name (self->job));
      url = talkie_render_job_get_avatar_cover_url (self->job);
    }

  if (self->cover_loader == NULL || url == NULL || url[0] == '\0')
    {
      g_cancellable_cancel (self->cover_cancellable);
      g_clear_object (&self->cover_cancellable);
      g_clear_pointer (&self->cover_url, g_free);
      adw_avatar_set_custom_image (self->avatar, NULL);
      return;
    }

  if (g_strcmp0 (url, self->cover_url) == 0)
    return;

  g_cancellable_cancel (self->cover_cancellable);
  g_clear_object (&self->cover_cancellable);
  adw_avatar_set_custom_image (self->avatar, NULL);

  g_free (self->cover_url);
  self->cover_url = g_strdup (url);
  self->cover_cancellable = g_cancellable_new ();
  talkie_cover_loader_load_async (self->cover_loader, url, 96, 96,
                                  self->cover_cancellable, cover_loaded_cb,
                                  g_object_ref (self));
}

static void
talkie_job_row_update (TalkieJobRow *self)
{
  g_autofree char *status = NULL;
  g_autofree char *details = NULL;
  TalkieJobState state;
  gboolean active;
  gboolean measured = FALSE;   /* a fraction worth a bar */
  double fraction = 0;
  const char *voice;
  const char *audio;
  const char *avatar;

  g_assert (TALKIE_IS_JOB_ROW (self));

  if (self->job == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->details_label, "");
      gtk_label_set_text (self->status_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->watch_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->remove_button), FALSE);
      update_clock (self);
      return;
    }

  state = talkie_render_job_get_state (self->job);
  avatar = talkie_render_job_get_avatar_name (self->job);
  voice = talkie_render_job_get_voice_name (self->job);
  audio = talkie_render_job_get_audio_name (self->job);

  gtk_label_set_text (self->title_label, avatar && avatar[0] ? avatar : _("Avatar"));

  /* Translators: the voice and the recording of a render, "Emily · voice.mp3" */
  details = g_strdup_printf (_("%s · %s"), voice ? voice : "", audio ? audio : "");
  if (self->show_time)
    {
      g_autofree char *time = talkie_format_time (talkie_render_job_get_created_at (self->job),
                                                  g_get_real_time () / G_USEC_PER_SEC);
      if (time[0] != '\0')
        {
          char *with_time = g_strdup_printf (_("%s · %s"), details, time);
          g_free (details);
          details = with_time;
        }
    }
  gtk_label_set_text (self->details_label, details);

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");

  status = talkie_format_job_status (self->job, 1);

  switch (state)
    {
    case TALKIE_JOB_STATE_NEW:
    case TALKIE_JOB_STATE_PROBING:
    case TALKIE_JOB_STATE_SUBMITTING:
    case TALKIE_JOB_STATE_RENDERING:
      /* The service's phases take minutes and say little: the status line
       * changes with them, and nothing animates in between (a pulsing bar
       * redraws the window sixty times a second for the whole render). */
      break;

    case TALKIE_JOB_STATE_UPLOADING:
      {
        gint64 sent = 0, total = 0;

        g_object_get (self->job, "bytes-sent", &sent, "bytes-total", &total, NULL);
        fraction = talkie_render_job_get_progress (self->job);
        if (total > 0)
          fraction = (double)CLAMP (sent, 0, total) / (double)total;
        measured = fraction >= 0;
      }
      break;

    case TALKIE_JOB_STATE_SUCCEEDED:
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
      break;

    case TALKIE_JOB_STATE_FAILED:
      {
        g_autofree char *reason = talkie_ui_job_failure_message (self->job);

        /* The app's next step after the core's words. */
        g_free (status);
        status = g_strdup (reason != NULL
                           ? reason
                           : _("The render failed. Try again, or choose another recording."));
        gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      }
      break;

    case TALKIE_JOB_STATE_CANCELLED:
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
      break;

    default:
      break;
    }

  active = !talkie_job_state_is_final (state);

  gtk_label_set_text (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), active && measured);
  if (active && measured)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
  gtk_widget_set_visible (GTK_WIDGET (self->watch_button), state == TALKIE_JOB_STATE_SUCCEEDED);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), active);
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), self->removable && !active);
  /* Only where someone listens (the Renders page). */
  gtk_widget_set_visible (self->again_box,
                          self->removable &&
                          (state == TALKIE_JOB_STATE_FAILED || state == TALKIE_JOB_STATE_CANCELLED));

  /* What a screen reader says for the row: whose render, and how it stands. */
  {
    g_autofree char *spoken = g_strdup_printf (_("%s, %s"),
                                               avatar && avatar[0] ? avatar : _("Avatar"),
                                               status ? status : "");
    GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
    if (parent != NULL && GTK_IS_LIST_BOX_ROW (parent))
      gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }

  update_clock (self);

  gtk_widget_remove_css_class (GTK_WIDGET (self), "job-failed");
  if (state == TALKIE_JOB_STATE_FAILED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "job-failed");
}

static void
job_notify_cb (TalkieJobRow *self,
               GParamSpec   *pspec)
{
  talkie_job_row_update (self);
  if (pspec != NULL && g_strcmp0 (pspec->name, "avatar-cover-url") == 0)
    update_cover (self);
}

static void
watch_clicked_cb (TalkieJobRow *self)
{
  if (self->job != NULL)
    g_signal_emit (self, signals[WATCH], 0);
}

static void
cancel_clicked_cb (TalkieJobRow *self)
{
  if (self->job != NULL)
    talkie_render_job_cancel (self->job);
}

static void
remove_clicked_cb (TalkieJobRow *self)
{
  if (self->job != NULL)
    g_signal_emit (self, signals[REMOVE], 0);
}

static void
retry_clicked_cb (TalkieJobRow *self)
{
  if (self->job != NULL)
    g_signal_emit (self, signals[RETRY], 0);
}

static void
reuse_clicked_cb (TalkieJobRow *self)
{
  if (self->job != NULL)
    g_signal_emit (self, signals[REUSE], 0);
}

static void
talkie_job_row_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (talkie_job_row_parent_class)->map (widget);
  talkie_job_row_update (TALKIE_JOB_ROW (widget));
}

static void
talkie_job_row_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (talkie_job_row_parent_class)->unmap (widget);
  update_clock (TALKIE_JOB_ROW (widget));
}

static void
talkie_job_row_dispose (GObject *object)
{
  TalkieJobRow *self = (TalkieJobRow *)object;

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_cancellable_cancel (self->cover_cancellable);
  g_clear_object (&self->cover_cancellable);

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, job_notify_cb, self);
  g_clear_object (&self->job);
  g_clear_object (&self->cover_loader);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_JOB_ROW);

  G_OBJECT_CLASS (talkie_job_row_parent_class)->dispose (object);
}

static void
talkie_job_row_finalize (GObject *object)
{
  TalkieJobRow *self = (TalkieJobRow *)object;

  g_clear_pointer (&self->cover_url, g_free);

  G_OBJECT_CLASS (talkie_job_row_parent_class)->finalize (object);
}

static void
talkie_job_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TalkieJobRow *self = TALKIE_JOB_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      g_value_set_object (value, self->job);
      break;

    case PROP_COVER_LOADER:
      g_value_set_object (value, self->cover_loader);
      break;

    case PROP_SHOW_TIME:
      g_value_set_boolean (value, self->show_time);
      break;

    case PROP_REMOVABLE:
      g_value_set_boolean (value, self->removable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_job_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TalkieJobRow *self = TALKIE_JOB_ROW (object);

  switch (prop_id)
    {
    case PROP_JOB:
      talkie_job_row_set_job (self, g_value_get_object (value));
      break;

    case PROP_COVER_LOADER:
      talkie_job_row_set_cover_loader (self, g_value_get_object (value));
      break;

    case PROP_SHOW_TIME:
      talkie_job_row_set_show_time (self, g_value_get_boolean (value));
      break;

    case PROP_REMOVABLE:
      talkie_job_row_set_removable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_job_row_class_init (TalkieJobRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_job_row_dispose;
  object_class->finalize = talkie_job_row_finalize;
  object_class->get_property = talkie_job_row_get_property;
  object_class->set_property = talkie_job_row_set_property;

  widget_class->map = talkie_job_row_map;
  widget_class->unmap = talkie_job_row_unmap;

  properties[PROP_JOB] =
    g_param_spec_object ("job", NULL, NULL, TALKIE_TYPE_RENDER_JOB,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COVER_LOADER] =
    g_param_spec_object ("cover-loader", NULL, NULL, TALKIE_TYPE_COVER_LOADER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TIME] =
    g_param_spec_boolean ("show-time", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMOVABLE] =
    g_param_spec_boolean ("removable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[WATCH] =
    g_signal_new ("watch", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REUSE] =
    g_signal_new ("reuse", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-job-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, watch_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, again_box);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieJobRow, reuse_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reuse_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, watch_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
talkie_job_row_init (TalkieJobRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "job-row");
}

GtkWidget *
talkie_job_row_new (TalkieRenderJob *job)
{
  return g_object_new (TALKIE_TYPE_JOB_ROW,
                       "job", job,
                       NULL);
}

TalkieRenderJob *
talkie_job_row_get_job (TalkieJobRow *self)
{
  g_return_val_if_fail (TALKIE_IS_JOB_ROW (self), NULL);

  return self->job;
}

void
talkie_job_row_set_job (TalkieJobRow    *self,
                        TalkieRenderJob *job)
{
  g_return_if_fail (TALKIE_IS_JOB_ROW (self));
  g_return_if_fail (job == NULL || TALKIE_IS_RENDER_JOB (job));

  if (self->job == job)
    return;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, job_notify_cb, self);

  g_set_object (&self->job, job);

  if (self->job != NULL)
    g_signal_connect_swapped (self->job, "notify", G_CALLBACK (job_notify_cb), self);

  talkie_job_row_update (self);
  update_cover (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOB]);
}

void
talkie_job_row_set_cover_loader (TalkieJobRow      *self,
                                 TalkieCoverLoader *loader)
{
  g_return_if_fail (TALKIE_IS_JOB_ROW (self));
  g_return_if_fail (loader == NULL || TALKIE_IS_COVER_LOADER (loader));

  if (!g_set_object (&self->cover_loader, loader))
    return;

  g_clear_pointer (&self->cover_url, g_free);
  update_cover (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COVER_LOADER]);
}

void
talkie_job_row_set_show_time (TalkieJobRow *self,
                              gboolean      show_time)
{
  g_return_if_fail (TALKIE_IS_JOB_ROW (self));

  show_time = !!show_time;
  if (self->show_time == show_time)
    return;

  self->show_time = show_time;
  talkie_job_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TIME]);
}

void
talkie_job_row_set_removable (TalkieJobRow *self,
                              gboolean      removable)
{
  g_return_if_fail (TALKIE_IS_JOB_ROW (self));

  removable = !!removable;
  if (self->removable == removable)
    return;

  self->removable = removable;
  talkie_job_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOVABLE]);
}

const char *
talkie_job_row_get_status_text (TalkieJobRow *self)
{
  g_return_val_if_fail (TALKIE_IS_JOB_ROW (self), NULL);

  return gtk_label_get_text (self->status_label);
}
