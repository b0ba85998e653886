/* talkie-trim-dialog.c: trims a recording.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-trim-dialog.h"

/* What counts as sound for Trim Silence: about -30 dB. */
#define SILENCE_THRESHOLD 0.03f

struct _TalkieTrimDialog
{
  AdwWindow        parent_instance;

  GFile           *file;
  GtkMediaStream  *media;
  TalkieAudioTrim *trim;
  GCancellable    *cancellable;

  TalkieWaveform  *waveform;
  GtkLabel        *selection_label;
  GtkButton       *play_button;
  GtkButton       *apply_button;
  GtkButton       *silence_button;
  GtkProgressBar  *progress_bar;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (TalkieTrimDialog, talkie_trim_dialog, ADW_TYPE_WINDOW)

enum {
  TRIMMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
selection_changed_cb (TalkieTrimDialog *self)
{
  double start = talkie_waveform_get_start (self->waveform);
  double end = talkie_waveform_get_end (self->waveform);
  g_autofree char *text = NULL;

  /* TRANSLATORS: the selection of a recording: from, to, and how long, in seconds */
  text = g_strdup_printf (_("%.1f s to %.1f s — %.1f s"), start, end, end - start);
  gtk_label_set_text (self->selection_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button),
                            talkie_waveform_is_trimmed (self->waveform) && self->trim == NULL);
}

/* --- playing the selection ---------------------------------------------------- */

static void
media_timestamp_cb (TalkieTrimDialog *self)
{
  double t = gtk_media_stream_get_timestamp (self->media) / (double) G_USEC_PER_SEC;

  talkie_waveform_set_position (self->waveform, t);
  if (gtk_media_stream_get_playing (self->media) && t >= talkie_waveform_get_end (self->waveform))
    gtk_media_stream_pause (self->media);
}

static void
media_playing_cb (TalkieTrimDialog *self)
{
  gboolean playing = gtk_media_stream_get_playing (self->media);

  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
}

static void
play_clicked_cb (TalkieTrimDialog *self)
{
  double position = talkie_waveform_get_position (self->waveform);

  if (gtk_media_stream_get_playing (self->media))
    {
      gtk_media_stream_pause (self->media);
      return;
    }

  /* From the playhead when it is inside the selection, else from its start. */
  if (position < talkie_waveform_get_start (self->waveform) ||
      position >= talkie_waveform_get_end (self->waveform) - 0.05)
    position = talkie_waveform_get_start (self->waveform);
  gtk_media_stream_seek (self->media, (gint64) (position * G_USEC_PER_SEC));
  gtk_media_stream_play (self->media);
}

static void
seek_cb (TalkieTrimDialog *self,
         double            seconds)
{
  talkie_waveform_set_position (self->waveform, seconds);
  if (gtk_media_stream_is_seekable (self->media))
    gtk_media_stream_seek (self->media, (gint64) (seconds * G_USEC_PER_SEC));
}

static void
silence_clicked_cb (TalkieTrimDialog *self)
{
  double start, end;

  if (talkie_audio_trim_find_sound (talkie_waveform_get_peaks (self->waveform), SILENCE_THRESHOLD, &start, &end))
    talkie_waveform_set_selection (self->waveform, start, end);
}

/* --- applying --------------------------------------------------------------- */

static void
trim_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TalkieTrimDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  file = talkie_audio_trim_run_finish (TALKIE_AUDIO_TRIM (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->trim);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->waveform), TRUE);
  if (file == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      selection_changed_cb (self);
      return;
    }

  g_signal_emit (self, signals[TRIMMED], 0, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
talkie_trim_dialog_apply (TalkieTrimDialog *self)
{
  g_return_if_fail (TALKIE_IS_TRIM_DIALOG (self));

  if (self->trim != NULL || !talkie_waveform_is_trimmed (self->waveform))
    return;

  gtk_media_stream_pause (self->media);
  self->trim = talkie_audio_trim_new (self->file,
                                      talkie_waveform_get_start (self->waveform),
                                      talkie_waveform_get_end (self->waveform));
  g_object_bind_property (self->trim, "fraction", self->progress_bar, "fraction", G_BINDING_SYNC_CREATE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->waveform), FALSE);
  talkie_audio_trim_run_async (self->trim, NULL, self->cancellable, trim_done_cb, g_object_ref (self));
}

static void
apply_clicked_cb (TalkieTrimDialog *self)
{
  talkie_trim_dialog_apply (self);
}

static void
cancel_clicked_cb (TalkieTrimDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_request_cb (GtkWindow *window)
{
  TalkieTrimDialog *self = TALKIE_TRIM_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  gtk_media_stream_pause (self->media);
  return FALSE;
}

static void
talkie_trim_dialog_dispose (GObject *object)
{
  TalkieTrimDialog *self = (TalkieTrimDialog *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->media != NULL)
    g_signal_handlers_disconnect_by_data (self->media, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_TRIM_DIALOG);

  G_OBJECT_CLASS (talkie_trim_dialog_parent_class)->dispose (object);
}

static void
talkie_trim_dialog_finalize (GObject *object)
{
  TalkieTrimDialog *self = (TalkieTrimDialog *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->media);
  g_clear_object (&self->trim);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (talkie_trim_dialog_parent_class)->finalize (object);
}

static void
talkie_trim_dialog_class_init (TalkieTrimDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = talkie_trim_dialog_dispose;
  object_class->finalize = talkie_trim_dialog_finalize;
  window_class->close_request = close_request_cb;

  signals[TRIMMED] =
    g_signal_new ("trimmed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (TALKIE_TYPE_WAVEFORM);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-trim-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieTrimDialog, waveform);
  gtk_widget_class_bind_template_child (widget_class, TalkieTrimDialog, selection_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieTrimDialog, play_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieTrimDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieTrimDialog, silence_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieTrimDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TalkieTrimDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, seek_cb);
  gtk_widget_class_bind_template_callback (widget_class, play_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, silence_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
talkie_trim_dialog_init (TalkieTrimDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
talkie_trim_dialog_new (GtkWindow        *parent,
                        GFile            *file,
                        TalkieAudioPeaks *peaks)
{
  TalkieTrimDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (TALKIE_IS_AUDIO_PEAKS (peaks), NULL);

  self = g_object_new (TALKIE_TYPE_TRIM_DIALOG, "transient-for", parent, NULL);
  self->file = g_object_ref (file);
  talkie_waveform_set_peaks (self->waveform, peaks);
  selection_changed_cb (self);

  self->media = gtk_media_file_new_for_file (file);
  g_signal_connect_object (self->media, "notify::timestamp", G_CALLBACK (media_timestamp_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->media, "notify::playing", G_CALLBACK (media_playing_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

TalkieWaveform *
talkie_trim_dialog_get_waveform (TalkieTrimDialog *self)
{
  g_return_val_if_fail (TALKIE_IS_TRIM_DIALOG (self), NULL);

  return self->waveform;
}
