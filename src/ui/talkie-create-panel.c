/* talkie-create-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-audio-player.h"
#include "talkie-create-panel.h"
#include "talkie-job-row.h"

struct _TalkieCreatePanel
{
  AdwBin             parent_instance;

  TalkieClient      *client;
  TalkieHistory     *history;
  TalkieAvatar      *avatar;
  GSettings         *settings;
  TalkieAudioPlayer *player;
  GListStore        *jobs;
  char              *reason;
  TalkieAspectRatio  aspect_ratio;
  gboolean           can_create;

  GtkLabel          *avatar_label;
  GtkLabel          *voice_label;
  TalkieVoicePicker *voice_picker;
  TalkieAudioDrop   *audio_drop;
  AdwComboRow       *background_row;
  GtkSwitch         *subtitles_switch;
  GtkButton         *create_button;
  GtkLabel          *reason_label;
  GtkWidget         *jobs_scroller;
  GtkListBox        *jobs_list;
};

G_DEFINE_FINAL_TYPE (TalkieCreatePanel, talkie_create_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CAN_CREATE,
  PROP_REASON,
  N_PROPS
};

enum {
  SHOW_JOB,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_state (TalkieCreatePanel *self)
{
  g_autofree char *reason = NULL;
  g_autofree char *button_label = NULL;
  gboolean can_create = FALSE;
  TalkieVoice *voice;
  guint n_ready;

  g_assert (TALKIE_IS_CREATE_PANEL (self));

  n_ready = talkie_audio_drop_get_n_ready (self->audio_drop);

  /* The chosen voice stays named even when a filter hides it from the list. */
  voice = talkie_voice_picker_get_selected_voice (self->voice_picker);
  gtk_label_set_text (self->voice_label, voice ? talkie_voice_get_name (voice) : "");

  if (self->client == NULL)
    reason = g_strdup (_("Connect to JoggAI first"));
  else if (self->avatar == NULL)
    reason = g_strdup (_("Choose an avatar"));
  else if (voice == NULL)
    reason = g_strdup (_("Choose a voice"));
  else if (n_ready == 0 && talkie_audio_drop_get_n_probing (self->audio_drop) > 0)
    reason = g_strdup (_("Measuring your recording…"));
  else if (n_ready == 0)
    reason = g_strdup (_("Add your voice recording"));
  else
    can_create = TRUE;

  if (n_ready > 1)
    button_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Create %u Video", "_Create %u Videos", n_ready), n_ready);
  else
    button_label = g_strdup (_("_Create Video"));
  gtk_button_set_label (self->create_button, button_label);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), can_create);

  if (can_create && n_ready > 1)
    {
      g_autofree char *info = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "One video for each of your %u recording",
                                                            "One video for each of your %u recordings",
                                                            n_ready),
                                               n_ready);
      gtk_label_set_text (self->reason_label, info);
    }
  else
    gtk_label_set_text (self->reason_label, reason ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL || n_ready > 1);

  if (self->can_create != can_create)
    {
      self->can_create = can_create;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CREATE]);
    }

  if (g_strcmp0 (self->reason, reason) != 0)
    {
      g_free (self->reason);
      self->reason = g_steal_pointer (&reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
}

static void
update_avatar_label (TalkieCreatePanel *self)
{
  if (self->avatar != NULL)
    {
      gtk_label_set_text (self->avatar_label, talkie_avatar_get_name (self->avatar));
      gtk_widget_remove_css_class (GTK_WIDGET (self->avatar_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->avatar_label, _("Pick one from the grid"));
      gtk_widget_add_css_class (GTK_WIDGET (self->avatar_label), "dim-label");
    }
}

static void
on_job_row_watch (TalkieCreatePanel *self,
                  TalkieJobRow      *row)
{
  TalkieRenderJob *job = talkie_job_row_get_job (row);

  if (job != NULL)
    g_signal_emit (self, signals[SHOW_JOB], 0, job);
}

static void
on_job_row_remove (TalkieCreatePanel *self,
                   TalkieJobRow      *row)
{
  TalkieRenderJob *job = talkie_job_row_get_job (row);
  guint position;

  if (job != NULL && g_list_store_find (self->jobs, job, &position))
    g_list_store_remove (self->jobs, position);
}

static GtkWidget *
create_job_row (gpointer item,
                gpointer user_data)
{
  TalkieCreatePanel *self = user_data;
  GtkWidget *row = talkie_job_row_new (item);

  talkie_job_row_set_removable (TALKIE_JOB_ROW (row), TRUE);
  g_signal_connect_object (row, "watch", G_CALLBACK (on_job_row_watch), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_job_row_remove), self, G_CONNECT_SWAPPED);

  return row;
}

static void
on_jobs_changed (TalkieCreatePanel *self)
{
  gtk_widget_set_visible (self->jobs_scroller,
                          g_list_model_get_n_items (G_LIST_MODEL (self->jobs)) > 0);
}

guint
talkie_create_panel_create (TalkieCreatePanel *self)
{
  g_autoptr(GPtrArray) sources = NULL;
  TalkieRenderOptions options = { 0 };
  TalkieVoice *voice;

  g_return_val_if_fail (TALKIE_IS_CREATE_PANEL (self), 0);

  if (!self->can_create)
    return 0;

  voice = talkie_voice_picker_get_selected_voice (self->voice_picker);
  g_assert (voice != NULL);
  g_assert (self->avatar != NULL);
  g_assert (self->client != NULL);

  options.aspect_ratio = self->aspect_ratio;
  options.screen_style = adw_combo_row_get_selected (self->background_row) == 1
                         ? TALKIE_SCREEN_STYLE_GREEN_SCREEN
                         : TALKIE_SCREEN_STYLE_BACKGROUND;
  options.subtitles = gtk_switch_get_active (self->subtitles_switch);

  talkie_audio_player_stop (self->player);

  sources = talkie_audio_drop_dup_ready_sources (self->audio_drop);
  for (guint i = 0; i < sources->len; i++)
    {
      g_autoptr(TalkieRenderJob) job = NULL;

      job = talkie_render_job_new (self->client, self->avatar, voice,
                                   g_ptr_array_index (sources, i), &options);

      g_list_store_insert (self->jobs, 0, job);
      if (self->history != NULL)
        talkie_history_add (self->history, job);

      talkie_render_job_start (job);
    }

  /* They are renders now: make room for the next recording. */
  talkie_audio_drop_remove_ready (self->audio_drop);
  update_state (self);

  return sources->len;
}

static void
on_create_clicked (TalkieCreatePanel *self)
{
  talkie_create_panel_create (self);
}

static gboolean
screen_style_to_index (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_strcmp0 (nick, "green-screen") == 0 ? 1 : 0);

  return TRUE;
}

static void
talkie_create_panel_dispose (GObject *object)
{
  TalkieCreatePanel *self = (TalkieCreatePanel *)object;

  if (self->player != NULL)
    talkie_audio_player_stop (self->player);

  if (self->jobs_list != NULL)
    gtk_list_box_bind_model (self->jobs_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_CREATE_PANEL);

  g_clear_object (&self->client);
  g_clear_object (&self->history);
  g_clear_object (&self->avatar);
  g_clear_object (&self->settings);
  g_clear_object (&self->player);
  g_clear_object (&self->jobs);

  G_OBJECT_CLASS (talkie_create_panel_parent_class)->dispose (object);
}

static void
talkie_create_panel_finalize (GObject *object)
{
  TalkieCreatePanel *self = (TalkieCreatePanel *)object;

  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (talkie_create_panel_parent_class)->finalize (object);
}

static void
talkie_create_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TalkieCreatePanel *self = TALKIE_CREATE_PANEL (object);

  switch (prop_id)
    {
    case PROP_CAN_CREATE:
      g_value_set_boolean (value, self->can_create);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_create_panel_class_init (TalkieCreatePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_create_panel_dispose;
  object_class->finalize = talkie_create_panel_finalize;
  object_class->get_property = talkie_create_panel_get_property;

  properties[PROP_CAN_CREATE] =
    g_param_spec_boolean ("can-create", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_JOB] =
    g_signal_new ("show-job",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TALKIE_TYPE_RENDER_JOB);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-create-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, avatar_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, voice_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, voice_picker);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, audio_drop);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, background_row);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, subtitles_switch);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, create_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, reason_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, jobs_scroller);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, jobs_list);
  gtk_widget_class_bind_template_callback (widget_class, update_state);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);

  g_type_ensure (TALKIE_TYPE_VOICE_PICKER);
  g_type_ensure (TALKIE_TYPE_AUDIO_DROP);
  g_type_ensure (TALKIE_TYPE_JOB_ROW);
}

static void
talkie_create_panel_init (TalkieCreatePanel *self)
{
  self->aspect_ratio = TALKIE_ASPECT_RATIO_PORTRAIT;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* One sound at a time: the samples and the previews share a player. */
  self->player = talkie_audio_player_new ();
  talkie_voice_picker_set_player (self->voice_picker, self->player);
  talkie_audio_drop_set_player (self->audio_drop, self->player);

  self->jobs = g_list_store_new (TALKIE_TYPE_RENDER_JOB);
  g_signal_connect_object (self->jobs, "items-changed",
                           G_CALLBACK (on_jobs_changed), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->jobs_list, G_LIST_MODEL (self->jobs), create_job_row, self, NULL);

  update_avatar_label (self);
  update_state (self);
}

void
talkie_create_panel_set_client (TalkieCreatePanel *self,
                                TalkieClient      *client)
{
  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));
  g_return_if_fail (client == NULL || TALKIE_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  talkie_audio_player_stop (self->player);
  talkie_voice_picker_set_client (self->voice_picker, client);
  update_state (self);
}

void
talkie_create_panel_set_history (TalkieCreatePanel *self,
                                 TalkieHistory     *history)
{
  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));
  g_return_if_fail (history == NULL || TALKIE_IS_HISTORY (history));

  g_set_object (&self->history, history);
}

void
talkie_create_panel_set_avatar (TalkieCreatePanel *self,
                                TalkieAvatar      *avatar)
{
  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));
  g_return_if_fail (avatar == NULL || TALKIE_IS_AVATAR (avatar));

  if (!g_set_object (&self->avatar, avatar))
    return;

  update_avatar_label (self);
  update_state (self);
}

void
talkie_create_panel_set_aspect_ratio (TalkieCreatePanel *self,
                                      TalkieAspectRatio  aspect)
{
  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));

  self->aspect_ratio = aspect;
}

void
talkie_create_panel_set_settings (TalkieCreatePanel *self,
                                  GSettings         *settings)
{
  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;

  if (self->settings != NULL)
    {
      g_settings_unbind (self->subtitles_switch, "active");
      g_settings_unbind (self->background_row, "selected");
    }

  g_set_object (&self->settings, settings);

  if (settings == NULL)
    return;

  /* The preferences give the defaults; a choice here is for this render only. */
  g_settings_bind (settings, "default-subtitles",
                   self->subtitles_switch, "active",
                   G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (settings, "default-screen-style",
                                self->background_row, "selected",
                                G_SETTINGS_BIND_GET,
                                screen_style_to_index, NULL, NULL, NULL);
}

TalkieVoicePicker *
talkie_create_panel_get_voice_picker (TalkieCreatePanel *self)
{
  g_return_val_if_fail (TALKIE_IS_CREATE_PANEL (self), NULL);

  return self->voice_picker;
}

TalkieAudioDrop *
talkie_create_panel_get_audio_drop (TalkieCreatePanel *self)
{
  g_return_val_if_fail (TALKIE_IS_CREATE_PANEL (self), NULL);

  return self->audio_drop;
}

gboolean
talkie_create_panel_get_can_create (TalkieCreatePanel *self)
{
  g_return_val_if_fail (TALKIE_IS_CREATE_PANEL (self), FALSE);

  return self->can_create;
}

const char *
talkie_create_panel_get_reason (TalkieCreatePanel *self)
{
  g_return_val_if_fail (TALKIE_IS_CREATE_PANEL (self), NULL);

  return self->reason;
}

GListModel *
talkie_create_panel_get_jobs (TalkieCreatePanel *self)
{
  g_return_val_if_fail (TALKIE_IS_CREATE_PANEL (self), NULL);

  return G_LIST_MODEL (self->jobs);
}
