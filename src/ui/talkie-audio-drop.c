/* talkie-audio-drop.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-audio-drop.h"
#include "talkie-audio-source-row.h"
#include "talkie-recorder-dialog.h"

typedef struct
{
  GCancellable *cancellable;
  char         *error;
  gboolean      done;
} ItemState;

struct _TalkieAudioDrop
{
  AdwBin                parent_instance;

  TalkieAudioPlayer    *player;
  GListStore           *sources;
  GHashTable           *states;      /* TalkieAudioSource → ItemState */
  GtkFileChooserNative *chooser;

  GtkWidget            *drop_zone;
  GtkEntry             *url_entry;
  GtkButton            *add_url_button;
  GtkLabel             *url_error_label;
  GtkListBox           *sources_list;
};

G_DEFINE_FINAL_TYPE (TalkieAudioDrop, talkie_audio_drop, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PLAYER,
  PROP_N_READY,
  PROP_N_PROBING,
  N_PROPS
};

enum {
  PROBED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
item_state_free (ItemState *state)
{
  g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  g_clear_pointer (&state->error, g_free);
  g_free (state);
}


static void
notify_counts (TalkieAudioDrop *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_READY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBING]);
}

static void
row_remove_cb (TalkieAudioSourceRow *row,
               TalkieAudioDrop      *self)
{
  talkie_audio_drop_remove (self, talkie_audio_source_row_get_source (row));
}

/* The row shows what the measurement found. */
static void
show_state (TalkieAudioSourceRow *row,
            ItemState            *state)
{
  talkie_audio_source_row_set_error (row, state != NULL ? state->error : NULL);
  talkie_audio_source_row_set_measuring (row, state == NULL || !state->done);
}

/* The trimmed file takes the recording's place: it is what gets measured and sent. */
static void
row_trimmed_cb (TalkieAudioSourceRow *row,
                GFile                *file,
                TalkieAudioDrop      *self)
{
  g_autoptr(TalkieAudioSource) old = g_object_ref (talkie_audio_source_row_get_source (row));

  talkie_audio_drop_remove (self, old);
  talkie_audio_drop_add_file (self, file);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TalkieAudioDrop *self = user_data;
  GtkWidget *row = talkie_audio_source_row_new (item, self->player);

  show_state (TALKIE_AUDIO_SOURCE_ROW (row), g_hash_table_lookup (self->states, item));
  g_signal_connect_object (row, "remove", G_CALLBACK (row_remove_cb), self, 0);
  g_signal_connect_object (row, "trimmed", G_CALLBACK (row_trimmed_cb), self, 0);

  return row;
}

static void
update_source_row (TalkieAudioDrop   *self,
                   TalkieAudioSource *source)
{
  GtkListBoxRow *row;
  guint position;

  if (!g_list_store_find (self->sources, source, &position))
    return;

  row = gtk_list_box_get_row_at_index (self->sources_list, position);
  g_assert (TALKIE_IS_AUDIO_SOURCE_ROW (row));
  show_state (TALKIE_AUDIO_SOURCE_ROW (row), g_hash_table_lookup (self->states, source));
}

static void
sources_changed_cb (TalkieAudioDrop *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->sources_list),
                          g_list_model_get_n_items (G_LIST_MODEL (self->sources)) > 0);
}

static const char *
message_for_probe_error (const GError *error)
{
  if (error->domain == TALKIE_AUDIO_ERROR)
    {
      switch (error->code)
        {
        case TALKIE_AUDIO_ERROR_NOT_FOUND:
          return _("This recording could not be reached. Check the file or link, then add it again.");
        case TALKIE_AUDIO_ERROR_EMPTY:
          return _("This file is empty. Choose a recording of your voice.");
        case TALKIE_AUDIO_ERROR_NOT_AUDIO:
          return _("This is not an audio file. Choose a recording of your voice (MP3, WAV, M4A…).");
        case TALKIE_AUDIO_ERROR_NO_DURATION:
          return _("The length of this recording cannot be measured. Save it again as MP3 or WAV and retry.");
        case TALKIE_AUDIO_ERROR_BAD_URI:
          return _("Only files and http or https links can be used. Choose a file or another link.");
        default:
          break;
        }
    }

  return NULL;
}

static void
probed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TalkieAudioSource *source = TALKIE_AUDIO_SOURCE (object);
  g_autoptr(TalkieAudioDrop) self = user_data;
  g_autoptr(GError) error = NULL;
  ItemState *state;
  gboolean ok;

  ok = talkie_audio_source_probe_finish (source, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  state = g_hash_table_lookup (self->states, source);
  if (state == NULL)
    return;

  state->done = TRUE;
  if (!ok)
    {
      const char *message = error != NULL ? message_for_probe_error (error) : NULL;

      /* Ours for the common refusals; otherwise the probe's own, which says what to do. */
      if (message == NULL && error != NULL)
        message = error->message;
      if (message == NULL)
        message = _("This recording cannot be used. Choose another one.");
      state->error = g_strdup (message);
    }

  update_source_row (self, source);
  notify_counts (self);
  g_signal_emit (self, signals[PROBED], 0, source, ok);
}

static TalkieAudioSource *
add_source (TalkieAudioDrop   *self,
            TalkieAudioSource *source)
{
  ItemState *state;
  guint n;

  g_assert (TALKIE_IS_AUDIO_DROP (self));
  g_assert (TALKIE_IS_AUDIO_SOURCE (source));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieAudioSource) other = g_list_model_get_item (G_LIST_MODEL (self->sources), i);

      if (g_strcmp0 (talkie_audio_source_get_uri (other), talkie_audio_source_get_uri (source)) == 0)
        return NULL;
    }

  state = g_new0 (ItemState, 1);
  state->cancellable = g_cancellable_new ();
  g_hash_table_insert (self->states, g_object_ref (source), state);

  g_list_store_append (self->sources, source);
  notify_counts (self);

  talkie_audio_source_probe_async (source, state->cancellable, probed_cb, g_object_ref (self));

  return source;
}

TalkieAudioSource *
talkie_audio_drop_add_file (TalkieAudioDrop *self,
                            GFile           *file)
{
  g_autoptr(TalkieAudioSource) source = NULL;

  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (g_file_has_uri_scheme (file, "http") || g_file_has_uri_scheme (file, "https"))
    {
      g_autofree char *uri = g_file_get_uri (file);
      return talkie_audio_drop_add_uri (self, uri, NULL);
    }

  source = talkie_audio_source_new_for_file (file);

  return add_source (self, source);
}

TalkieAudioSource *
talkie_audio_drop_add_uri (TalkieAudioDrop  *self,
                           const char       *uri,
                           GError          **error)
{
  g_autoptr(TalkieAudioSource) source = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  scheme = g_uri_parse_scheme (uri);
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 &&
       g_ascii_strcasecmp (scheme, "https") != 0 &&
       g_ascii_strcasecmp (scheme, "file") != 0))
    {
      g_set_error_literal (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_BAD_URI,
                           _("Links start with https:// or http://. Enter the whole link, or choose a file."));
      return NULL;
    }

  source = talkie_audio_source_new_for_uri (uri, &local_error);
  if (source == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return add_source (self, source);
}

guint
talkie_audio_drop_add_dropped (TalkieAudioDrop *self,
                               const GValue    *value)
{
  guint added = 0;

  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), 0);
  g_return_val_if_fail (value != NULL, 0);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      for (const GSList *l = files; l != NULL; l = l->next)
        if (talkie_audio_drop_add_file (self, l->data) != NULL)
          added++;

      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    {
      g_auto(GStrv) lines = g_strsplit_set (g_value_get_string (value), "\r\n", -1);
      gboolean refused = FALSE;

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line = g_strstrip (lines[i]);

          if (line[0] == '\0' || line[0] == '#')
            continue;

          if (g_str_has_prefix (line, "http://") || g_str_has_prefix (line, "https://") ||
              g_str_has_prefix (line, "file://"))
            {
              if (talkie_audio_drop_add_uri (self, line, NULL) != NULL)
                added++;
            }
          else
            refused = TRUE;
        }

      if (refused && added == 0)
        {
          gtk_label_set_text (self->url_error_label,
                              _("What was dropped is not a file or a link. Drop an audio file, or a link starting with https://."));
          gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), TRUE);
        }
    }

  if (added > 0)
    gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), FALSE);

  return added;
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         TalkieAudioDrop *self)
{
  gtk_widget_remove_css_class (self->drop_zone, "drop-hover");

  return talkie_audio_drop_add_dropped (self, value) > 0;
}

static GdkDragAction
drop_enter_cb (GtkDropTarget   *target,
               double           x,
               double           y,
               TalkieAudioDrop *self)
{
  gtk_widget_add_css_class (self->drop_zone, "drop-hover");

  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget   *target,
               TalkieAudioDrop *self)
{
  gtk_widget_remove_css_class (self->drop_zone, "drop-hover");
}

static void
url_changed_cb (TalkieAudioDrop *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_entry));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_url_button), text != NULL && text[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
}

static void
url_activate_cb (TalkieAudioDrop *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (TALKIE_IS_AUDIO_DROP (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_entry))));
  if (text[0] == '\0')
    return;

  if (!g_str_has_prefix (text, "http://") && !g_str_has_prefix (text, "https://"))
    {
      gtk_label_set_text (self->url_error_label,
                          _("Links start with https:// or http://. Enter the whole link, or choose a file."));
      gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
      return;
    }

  if (talkie_audio_drop_add_uri (self, text, &error) == NULL && error != NULL)
    {
      gtk_label_set_text (self->url_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->url_error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), "");
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     TalkieAudioDrop *self)
{
  g_assert (TALKIE_IS_AUDIO_DROP (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          talkie_audio_drop_add_file (self, file);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
recorded_cb (TalkieAudioDrop *self,
             GFile           *take)
{
  talkie_audio_drop_add_file (self, take);
}

static void
record_clicked_cb (TalkieAudioDrop *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = talkie_recorder_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);

  g_signal_connect_object (dialog, "recorded", G_CALLBACK (recorded_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
choose_clicked_cb (TalkieAudioDrop *self)
{
  g_autoptr(GtkFileFilter) audio = NULL;
  g_autoptr(GtkFileFilter) all = NULL;
  GtkRoot *root;

  g_assert (TALKIE_IS_AUDIO_DROP (self));

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->chooser = gtk_file_chooser_native_new (_("Choose Recordings of Your Voice"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Add"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);

  audio = gtk_file_filter_new ();
  gtk_file_filter_set_name (audio, _("Audio"));
  gtk_file_filter_add_mime_type (audio, "audio/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), audio);

  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), audio);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
talkie_audio_drop_dispose (GObject *object)
{
  TalkieAudioDrop *self = (TalkieAudioDrop *)object;

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->chooser, chooser_response_cb, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  if (self->sources_list != NULL)
    gtk_list_box_bind_model (self->sources_list, NULL, NULL, NULL, NULL);

  if (self->states != NULL)
    g_hash_table_remove_all (self->states);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_AUDIO_DROP);

  g_clear_object (&self->player);
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (talkie_audio_drop_parent_class)->dispose (object);
}

static void
talkie_audio_drop_finalize (GObject *object)
{
  TalkieAudioDrop *self = (TalkieAudioDrop *)object;

  g_clear_pointer (&self->states, g_hash_table_unref);

  G_OBJECT_CLASS (talkie_audio_drop_parent_class)->finalize (object);
}

static void
talkie_audio_drop_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TalkieAudioDrop *self = TALKIE_AUDIO_DROP (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;

    case PROP_N_READY:
      g_value_set_uint (value, talkie_audio_drop_get_n_ready (self));
      break;

    case PROP_N_PROBING:
      g_value_set_uint (value, talkie_audio_drop_get_n_probing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_audio_drop_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TalkieAudioDrop *self = TALKIE_AUDIO_DROP (object);

  switch (prop_id)
    {
    case PROP_PLAYER:
      talkie_audio_drop_set_player (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_audio_drop_class_init (TalkieAudioDropClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_audio_drop_dispose;
  object_class->finalize = talkie_audio_drop_finalize;
  object_class->get_property = talkie_audio_drop_get_property;
  object_class->set_property = talkie_audio_drop_set_property;

  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, TALKIE_TYPE_AUDIO_PLAYER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_READY] =
    g_param_spec_uint ("n-ready", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROBING] =
    g_param_spec_uint ("n-probing", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROBED] =
    g_signal_new ("probed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, TALKIE_TYPE_AUDIO_SOURCE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-audio-drop.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioDrop, drop_zone);
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioDrop, url_entry);
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioDrop, add_url_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioDrop, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieAudioDrop, sources_list);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
}

static void
talkie_audio_drop_init (TalkieAudioDrop *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->player = talkie_audio_player_new ();
  self->states = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify)item_state_free);
  self->sources = g_list_store_new (TALKIE_TYPE_AUDIO_SOURCE);
  g_signal_connect_object (self->sources, "items-changed",
                           G_CALLBACK (sources_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->sources_list, G_LIST_MODEL (self->sources), create_row, self, NULL);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (drop_enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (drop_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

TalkieAudioPlayer *
talkie_audio_drop_get_player (TalkieAudioDrop *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), NULL);

  return self->player;
}

void
talkie_audio_drop_set_player (TalkieAudioDrop   *self,
                              TalkieAudioPlayer *player)
{
  g_autoptr(TalkieAudioPlayer) fallback = NULL;

  g_return_if_fail (TALKIE_IS_AUDIO_DROP (self));
  g_return_if_fail (player == NULL || TALKIE_IS_AUDIO_PLAYER (player));

  if (player == NULL)
    player = fallback = talkie_audio_player_new ();

  if (!g_set_object (&self->player, player))
    return;

  /* The rows follow the new player. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TALKIE_IS_AUDIO_SOURCE_ROW (child))
        talkie_audio_source_row_set_player (TALKIE_AUDIO_SOURCE_ROW (child), player);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
}

void
talkie_audio_drop_remove (TalkieAudioDrop   *self,
                          TalkieAudioSource *source)
{
  guint position;

  g_return_if_fail (TALKIE_IS_AUDIO_DROP (self));
  g_return_if_fail (TALKIE_IS_AUDIO_SOURCE (source));

  if (!g_list_store_find (self->sources, source, &position))
    return;

  if (self->player != NULL &&
      g_strcmp0 (talkie_audio_player_get_uri (self->player), talkie_audio_source_get_uri (source)) == 0)
    talkie_audio_player_stop (self->player);

  g_object_ref (source);
  g_list_store_remove (self->sources, position);
  g_hash_table_remove (self->states, source);
  g_object_unref (source);

  notify_counts (self);
}

void
talkie_audio_drop_remove_ready (TalkieAudioDrop *self)
{
  g_autoptr(GPtrArray) ready = NULL;

  g_return_if_fail (TALKIE_IS_AUDIO_DROP (self));

  ready = talkie_audio_drop_dup_ready_sources (self);
  for (guint i = 0; i < ready->len; i++)
    talkie_audio_drop_remove (self, g_ptr_array_index (ready, i));
}

GListModel *
talkie_audio_drop_get_sources (TalkieAudioDrop *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), NULL);

  return G_LIST_MODEL (self->sources);
}

GPtrArray *
talkie_audio_drop_dup_ready_sources (TalkieAudioDrop *self)
{
  GPtrArray *ready;
  guint n;

  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), NULL);

  ready = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->sources));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieAudioSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      ItemState *state = g_hash_table_lookup (self->states, source);

      if (state != NULL && state->done && state->error == NULL)
        g_ptr_array_add (ready, g_steal_pointer (&source));
    }

  return ready;
}

guint
talkie_audio_drop_get_n_ready (TalkieAudioDrop *self)
{
  g_autoptr(GPtrArray) ready = NULL;

  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), 0);

  ready = talkie_audio_drop_dup_ready_sources (self);

  return ready->len;
}

guint
talkie_audio_drop_get_n_probing (TalkieAudioDrop *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), 0);

  g_hash_table_iter_init (&iter, self->states);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ItemState *state = value;

      if (!state->done)
        n++;
    }

  return n;
}

const char *
talkie_audio_drop_get_source_error (TalkieAudioDrop   *self,
                                    TalkieAudioSource *source)
{
  ItemState *state;

  g_return_val_if_fail (TALKIE_IS_AUDIO_DROP (self), NULL);
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (source), NULL);

  state = g_hash_table_lookup (self->states, source);

  return state != NULL ? state->error : NULL;
}
