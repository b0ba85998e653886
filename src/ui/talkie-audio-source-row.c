/* talkie-audio-source-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-audio-source-row.h"
#include "talkie-trim-dialog.h"
#include "talkie-waveform.h"

/* The row's waveform: a few peaks a second, bounded for long recordings. */
#define ROW_PEAKS_PER_SECOND 50
#define ROW_MAX_PEAKS        20000

struct _TalkieAudioSourceRow
{
  AdwActionRow       parent_instance;

  TalkieAudioSource *source;
  TalkieAudioPlayer *player;
  char              *error;
  gboolean           measuring;

  GtkButton         *play_button;
  GtkButton         *remove_button;
  TalkieWaveform    *waveform;
  GtkButton         *trim_button;
  GCancellable      *peaks_cancellable;
};

G_DEFINE_FINAL_TYPE (TalkieAudioSourceRow, talkie_audio_source_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_PLAYER,
  PROP_MEASURING,
  PROP_ERROR,
  N_PROPS
};

enum {
  REMOVE,
  TRIMMED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The file name, or the link when there is none. */
static gboolean
title_from_display_name (GBinding     *binding,
                         const GValue *from_value,
                         GValue       *to_value,
                         gpointer      user_data)
{
  TalkieAudioSource *source = TALKIE_AUDIO_SOURCE (g_binding_dup_source (binding));
  const char *name = g_value_get_string (from_value);

  g_value_set_string (to_value, name != NULL && name[0] != '\0' ? name : talkie_audio_source_get_uri (source));
  g_object_unref (source);

  return TRUE;
}

static char *
dup_subtitle (TalkieAudioSourceRow *self)
{
  g_autofree char *duration = NULL;
  g_autofree char *size_text = NULL;
  gint64 size;

  if (self->measuring || self->source == NULL)
    return g_strdup (_("Measuring…"));

  if (self->error != NULL)
    return g_strdup (self->error);

  duration = talkie_format_duration (talkie_audio_source_get_duration (self->source));
  size = talkie_audio_source_get_size (self->source);
  if (size <= 0)
    return g_steal_pointer (&duration);

  size_text = g_format_size ((guint64)size);
  /* Translators: a recording's duration and size, "0:42 · 1.2 MB" */
  return g_strdup_printf (_("%s · %s"), duration, size_text);
}

/* The subtitle says what the measurement found, from the row's properties and the
 * source's. Set here rather than with a <binding> in the .ui: GTK 4.8 warns
 * (g_object_weak_unref) when a row with an expression bound to one of its own
 * properties is finalized; the bindings of its children are fine. */
static void
update_subtitle (TalkieAudioSourceRow *self)
{
  g_autofree char *subtitle = dup_subtitle (self);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static const char *
state_name (gboolean    measuring,
            const char *error)
{
  if (measuring)
    return "measuring";

  return error != NULL ? "refused" : "ready";
}

/* The closures of the .ui get the row first. */
static char *
state_for (gpointer    unused,
           gboolean    measuring,
           const char *error)
{
  return g_strdup (state_name (measuring, error));
}

static gboolean
is_ready (gpointer    unused,
          gboolean    measuring,
          const char *error)
{
  return g_str_equal (state_name (measuring, error), "ready");
}

static void
update_play_button (TalkieAudioSourceRow *self)
{
  if (self->player == NULL || self->source == NULL)
    return;

  talkie_audio_player_update_button (self->player, self->play_button,
                                     talkie_audio_source_get_uri (self->source),
                                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
}

static void
title_changed_cb (TalkieAudioSourceRow *self)
{
  g_autofree char *remove_label = NULL;

  /* Translators: %s is a recording's file name or link */
  remove_label = g_strdup_printf (_("Remove “%s”"),
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
  update_play_button (self);
}

/* The playhead follows the player while it plays this recording, and hides otherwise. */
static void
update_playhead (TalkieAudioSourceRow *self)
{
  TalkieAudioPlayerState state = TALKIE_AUDIO_PLAYER_STOPPED;
  double position = -1;

  if (self->player != NULL && self->source != NULL)
    state = talkie_audio_player_get_state_for_uri (self->player, talkie_audio_source_get_uri (self->source));
  if (state == TALKIE_AUDIO_PLAYER_PLAYING || state == TALKIE_AUDIO_PLAYER_BUFFERING)
    position = talkie_audio_player_get_position (self->player);

  talkie_waveform_set_position (self->waveform, position);
}

/* A click on the waveform, or a key: play from there, or move there if playing. */
static void
seek_cb (TalkieAudioSourceRow *self,
         double                seconds)
{
  if (self->player != NULL && self->source != NULL)
    talkie_audio_player_seek (self->player, talkie_audio_source_get_uri (self->source), seconds);
}

static void
play_clicked_cb (TalkieAudioSourceRow *self)
{
  if (self->player != NULL && self->source != NULL)
    talkie_audio_player_toggle (self->player, talkie_audio_source_get_uri (self->source));
}

static void
remove_clicked_cb (TalkieAudioSourceRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

/* --- waveform and trim --------------------------------------------------------- */

static void
peaks_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TalkieAudioSourceRow) self = user_data;
  g_autoptr(TalkieAudioPeaks) peaks = NULL;
  g_autoptr(GError) error = NULL;

  peaks = talkie_audio_peaks_compute_finish (result, &error);
  if (peaks == NULL)
    {
      /* The probe already judged the file: without a waveform it is still usable. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No waveform for %s: %s", talkie_audio_source_get_uri (self->source), error->message);
      return;
    }

  talkie_waveform_set_peaks (self->waveform, peaks);
  gtk_widget_set_visible (GTK_WIDGET (self->waveform), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->trim_button), TRUE);
}

/* A local recording that passed the probe gets its waveform. */
static void
update_waveform (TalkieAudioSourceRow *self)
{
  GFile *file = talkie_audio_source_get_file (self->source);

  if (self->measuring || self->error != NULL || file == NULL ||
      talkie_waveform_get_peaks (self->waveform) != NULL || self->peaks_cancellable != NULL)
    return;

  self->peaks_cancellable = g_cancellable_new ();
  talkie_audio_peaks_compute_async (file, ROW_PEAKS_PER_SECOND, ROW_MAX_PEAKS, self->peaks_cancellable,
                                    peaks_cb, g_object_ref (self));
}

static void
trimmed_cb (TalkieAudioSourceRow *self,
            GFile                *file)
{
  g_signal_emit (self, signals[TRIMMED], 0, file);
}

static void
trim_clicked_cb (TalkieAudioSourceRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TalkieAudioPeaks *peaks = talkie_waveform_get_peaks (self->waveform);
  GtkWidget *dialog;

  if (peaks == NULL)
    return;

  dialog = talkie_trim_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   talkie_audio_source_get_file (self->source), peaks);
  g_signal_connect_object (dialog, "trimmed", G_CALLBACK (trimmed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_error_class (TalkieAudioSourceRow *self)
{
  if (g_str_equal (state_name (self->measuring, self->error), "refused"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "audio-source-error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "audio-source-error");
}

static void
talkie_audio_source_row_constructed (GObject *object)
{
  TalkieAudioSourceRow *self = (TalkieAudioSourceRow *)object;

  G_OBJECT_CLASS (talkie_audio_source_row_parent_class)->constructed (object);

  g_assert (TALKIE_IS_AUDIO_SOURCE (self->source));

  g_object_bind_property_full (self->source, "display-name", self, "title", G_BINDING_SYNC_CREATE,
                               title_from_display_name, NULL, NULL, NULL);
  g_signal_connect_object (self->source, "notify::duration",
                           G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source, "notify::size",
                           G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
  update_subtitle (self);
}

static void
talkie_audio_source_row_dispose (GObject *object)
{
  TalkieAudioSourceRow *self = (TalkieAudioSourceRow *)object;

  g_cancellable_cancel (self->peaks_cancellable);
  g_clear_object (&self->peaks_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_AUDIO_SOURCE_ROW);

  g_clear_object (&self->player);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (talkie_audio_source_row_parent_class)->dispose (object);
}

static void
talkie_audio_source_row_finalize (GObject *object)
{
  TalkieAudioSourceRow *self = (TalkieAudioSourceRow *)object;

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (talkie_audio_source_row_parent_class)->finalize (object);
}

static void
talkie_audio_source_row_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TalkieAudioSourceRow *self = TALKIE_AUDIO_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;

    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;

    case PROP_MEASURING:
      g_value_set_boolean (value, self->measuring);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_audio_source_row_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TalkieAudioSourceRow *self = TALKIE_AUDIO_SOURCE_ROW (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_set_object (&self->source, g_value_get_object (value));
      break;

    case PROP_PLAYER:
      talkie_audio_source_row_set_player (self, g_value_get_object (value));
      break;

    case PROP_MEASURING:
      talkie_audio_source_row_set_measuring (self, g_value_get_boolean (value));
      break;

    case PROP_ERROR:
      talkie_audio_source_row_set_error (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_audio_source_row_class_init (TalkieAudioSourceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = talkie_audio_source_row_constructed;
  object_class->dispose = talkie_audio_source_row_dispose;
  object_class->finalize = talkie_audio_source_row_finalize;
  object_class->get_property = talkie_audio_source_row_get_property;
  object_class->set_property = talkie_audio_source_row_set_property;

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, TALKIE_TYPE_AUDIO_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, TALKIE_TYPE_AUDIO_PLAYER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEASURING] =
    g_param_spec_boolean ("measuring", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REMOVE] =
    g_signal_new ("remove",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[TRIMMED] =
    g_signal_new ("trimmed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  g_type_ensure (TALKIE_TYPE_AUDIO_SOURCE);
  g_type_ensure (TALKIE_TYPE_WAVEFORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-audio-source-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioSourceRow, play_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioSourceRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioSourceRow, waveform);
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioSourceRow, trim_button);
  gtk_widget_class_bind_template_callback (widget_class, trim_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, seek_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_for);
  gtk_widget_class_bind_template_callback (widget_class, is_ready);
  gtk_widget_class_bind_template_callback (widget_class, play_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
talkie_audio_source_row_init (TalkieAudioSourceRow *self)
{
  self->measuring = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
}

GtkWidget *
talkie_audio_source_row_new (TalkieAudioSource *source,
                             TalkieAudioPlayer *player)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (source), NULL);
  g_return_val_if_fail (player == NULL || TALKIE_IS_AUDIO_PLAYER (player), NULL);

  return g_object_new (TALKIE_TYPE_AUDIO_SOURCE_ROW,
                       "source", source,
                       "player", player,
                       NULL);
}

TalkieAudioSource *
talkie_audio_source_row_get_source (TalkieAudioSourceRow *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE_ROW (self), NULL);

  return self->source;
}

void
talkie_audio_source_row_set_player (TalkieAudioSourceRow *self,
                                    TalkieAudioPlayer    *player)
{
  g_return_if_fail (TALKIE_IS_AUDIO_SOURCE_ROW (self));
  g_return_if_fail (player == NULL || TALKIE_IS_AUDIO_PLAYER (player));

  /* The same one again keeps its handlers. */
  if (self->player == player)
    return;

  if (self->player != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->player, update_play_button, self);
      g_signal_handlers_disconnect_by_func (self->player, update_playhead, self);
    }
  g_set_object (&self->player, player);

  if (player != NULL)
    {
      g_signal_connect_object (player, "notify::state",
                               G_CALLBACK (update_play_button), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::state",
                               G_CALLBACK (update_playhead), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (player, "notify::position",
                               G_CALLBACK (update_playhead), self, G_CONNECT_SWAPPED);
    }
  update_play_button (self);
  update_playhead (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
}

void
talkie_audio_source_row_set_measuring (TalkieAudioSourceRow *self,
                                       gboolean              measuring)
{
  g_return_if_fail (TALKIE_IS_AUDIO_SOURCE_ROW (self));

  measuring = !!measuring;
  if (self->measuring == measuring)
    return;

  self->measuring = measuring;
  update_error_class (self);
  update_subtitle (self);
  update_waveform (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURING]);
}

void
talkie_audio_source_row_set_error (TalkieAudioSourceRow *self,
                                   const char           *error)
{
  g_return_if_fail (TALKIE_IS_AUDIO_SOURCE_ROW (self));

  if (g_strcmp0 (self->error, error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);
  update_error_class (self);
  update_subtitle (self);
  update_waveform (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}
