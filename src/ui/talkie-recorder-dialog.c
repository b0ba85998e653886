/* talkie-recorder-dialog.c: records a take in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-application.h"
#include "talkie-recorder-dialog.h"

struct _TalkieRecorderDialog
{
  AdwWindow       parent_instance;

  TalkieRecorder *recorder;
  GCancellable   *cancellable;
  GPtrArray      *inputs;       /* GstDevice, in the dropdown's order after "Default" */
  char           *error;
  guint           restarting : 1;

  GtkDropDown    *input_dropdown;
  GtkLabel       *elapsed_label;
  GtkLevelBar    *level_bar;
  GtkLabel       *error_label;
  GtkButton      *stop_button;
  GtkButton      *cancel_button;
};

G_DEFINE_FINAL_TYPE (TalkieRecorderDialog, talkie_recorder_dialog, ADW_TYPE_WINDOW)

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_recording (TalkieRecorderDialog *self);

static GSettings *
get_settings (void)
{
  GApplication *app = g_application_get_default ();

  return TALKIE_IS_APPLICATION (app) ? talkie_application_get_settings (TALKIE_APPLICATION (app)) : NULL;
}

static void
show_error (TalkieRecorderDialog *self,
            const char           *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  /* Nothing left to stop: the one way on is to close. */
  gtk_button_set_label (self->stop_button, _("_Close"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->stop_button), "destructive-action");
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
recorded_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TalkieRecorderDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) take = NULL;
  GFile *partial;

  take = talkie_recorder_record_finish (TALKIE_RECORDER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Discarded for another input: record again; otherwise the user left. */
      if (self->restarting)
        {
          self->restarting = FALSE;
          start_recording (self);
        }
      return;
    }

  if (take != NULL)
    {
      g_signal_emit (self, signals[RECORDED], 0, take);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* What was recorded before the failure is a take like any other. */
  partial = talkie_recorder_get_partial_take (TALKIE_RECORDER (object));
  if (partial != NULL)
    g_signal_emit (self, signals[RECORDED], 0, partial);
  show_error (self, error->message);
}

static void
start_recording (TalkieRecorderDialog *self)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  talkie_recorder_record_async (self->recorder, NULL, self->cancellable, recorded_cb, g_object_ref (self));
}

static void
elapsed_cb (TalkieRecorderDialog *self)
{
  guint seconds = (guint) talkie_recorder_get_elapsed (self->recorder);
  g_autofree char *text = g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);

  gtk_label_set_text (self->elapsed_label, text);
}

static void
stop_clicked_cb (TalkieRecorderDialog *self)
{
  if (talkie_recorder_get_recording (self->recorder))
    talkie_recorder_stop (self->recorder);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (TalkieRecorderDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_request_cb (GtkWindow *window)
{
  TalkieRecorderDialog *self = TALKIE_RECORDER_DIALOG (window);

  /* Closing without Stop discards the take. */
  self->restarting = FALSE;
  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

static void
input_selected_cb (TalkieRecorderDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->input_dropdown);
  GstDevice *input = NULL;
  GSettings *settings = get_settings ();
  g_autofree char *name = NULL;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->inputs->len)
    input = g_ptr_array_index (self->inputs, selected - 1);
  if (input == talkie_recorder_get_input (self->recorder))
    return;

  talkie_recorder_set_input (self->recorder, input);
  if (settings != NULL)
    {
      name = input != NULL ? gst_device_get_display_name (input) : g_strdup ("");
      g_settings_set_string (settings, "recording-input", name);
    }

  /* The take so far came from the other input: start over with this one. */
  if (talkie_recorder_get_recording (self->recorder))
    {
      self->restarting = TRUE;
      g_cancellable_cancel (self->cancellable);
    }
}

/* The chooser appears only when there is a choice to make. */
static void
fill_inputs (TalkieRecorderDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GSettings *settings = get_settings ();
  g_autofree char *remembered = settings != NULL ? g_settings_get_string (settings, "recording-input") : NULL;
  GList *devices = talkie_recorder_list_inputs ();
  guint selected = 0;

  gtk_string_list_append (names, _("Default Microphone"));
  for (GList *l = devices; l != NULL; l = l->next)
    {
      g_autofree char *name = gst_device_get_display_name (l->data);

      g_ptr_array_add (self->inputs, l->data);
      gtk_string_list_append (names, name);
      if (remembered != NULL && g_strcmp0 (remembered, name) == 0)
        {
          selected = self->inputs->len;
          talkie_recorder_set_input (self->recorder, l->data);
        }
    }
  g_list_free (devices);

  gtk_drop_down_set_model (self->input_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->input_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->input_dropdown), self->inputs->len > 1);
  g_signal_connect_object (self->input_dropdown, "notify::selected",
                           G_CALLBACK (input_selected_cb), self, G_CONNECT_SWAPPED);
}

static void
talkie_recorder_dialog_map (GtkWidget *widget)
{
  TalkieRecorderDialog *self = TALKIE_RECORDER_DIALOG (widget);

  GTK_WIDGET_CLASS (talkie_recorder_dialog_parent_class)->map (widget);

  if (self->cancellable == NULL)
    start_recording (self);
}

static void
talkie_recorder_dialog_dispose (GObject *object)
{
  TalkieRecorderDialog *self = (TalkieRecorderDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_RECORDER_DIALOG);

  G_OBJECT_CLASS (talkie_recorder_dialog_parent_class)->dispose (object);
}

static void
talkie_recorder_dialog_finalize (GObject *object)
{
  TalkieRecorderDialog *self = (TalkieRecorderDialog *)object;

  g_clear_object (&self->recorder);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (talkie_recorder_dialog_parent_class)->finalize (object);
}

static void
talkie_recorder_dialog_class_init (TalkieRecorderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = talkie_recorder_dialog_dispose;
  object_class->finalize = talkie_recorder_dialog_finalize;
  widget_class->map = talkie_recorder_dialog_map;
  window_class->close_request = close_request_cb;

  signals[RECORDED] =
    g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-recorder-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieRecorderDialog, input_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TalkieRecorderDialog, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieRecorderDialog, level_bar);
  gtk_widget_class_bind_template_child (widget_class, TalkieRecorderDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieRecorderDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieRecorderDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
talkie_recorder_dialog_init (TalkieRecorderDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->recorder = talkie_recorder_new ();
  self->inputs = g_ptr_array_new_with_free_func (gst_object_unref);

  /* The level bar's own offsets would paint a loud voice as a warning. */
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  g_object_bind_property (self->recorder, "level", self->level_bar, "value", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->recorder, "notify::elapsed", G_CALLBACK (elapsed_cb), self, G_CONNECT_SWAPPED);

  fill_inputs (self);
}

GtkWidget *
talkie_recorder_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (TALKIE_TYPE_RECORDER_DIALOG,
                       "transient-for", parent,
                       NULL);
}

TalkieRecorder *
talkie_recorder_dialog_get_recorder (TalkieRecorderDialog *self)
{
  g_return_val_if_fail (TALKIE_IS_RECORDER_DIALOG (self), NULL);

  return self->recorder;
}

const char *
talkie_recorder_dialog_get_error (TalkieRecorderDialog *self)
{
  g_return_val_if_fail (TALKIE_IS_RECORDER_DIALOG (self), NULL);

  return self->error;
}
