/* talkie-create-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-audio-player.h"
#include "talkie-create-panel.h"
#include "talkie-voice-chooser.h"
#include "talkie-voice-row.h"

/* The sidebar's width in every state and language (it only shrinks to fit a
 * narrow window, where it is a page of its own). */
#define SIDEBAR_WIDTH     380
#define SIDEBAR_MIN_WIDTH 340

struct _TalkieCreatePanel
{
  AdwBin             parent_instance;

  TalkieClient      *client;
  TalkieHistory     *history;
  TalkieAvatar      *avatar;
  GSettings         *settings;
  TalkieAudioPlayer *player;
  TalkieCoverLoader *cover_loader;
  GCancellable      *cover_cancellable;
  TalkieVoiceChooser *chooser;
  TalkieVoicePicker *voice_picker;
  GListStore        *jobs;
  char              *reason;
  TalkieAspectRatio  aspect_ratio;
  gboolean           can_create;
  guint              n_running;
  guint              highlight_source;
  GtkWidget         *highlighted;

  GtkScrolledWindow *scroller;
  AdwActionRow      *avatar_row;
  AdwAvatar         *avatar_image;
  AdwActionRow      *voice_row;
  GtkButton         *voice_play_button;
  TalkieAudioDrop   *audio_drop;
  AdwComboRow       *background_row;
  GtkSwitch         *subtitles_switch;
  GtkButton         *renders_button;
  GtkButton         *create_button;
  GtkLabel          *reason_label;
};

G_DEFINE_FINAL_TYPE (TalkieCreatePanel, talkie_create_panel, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CAN_CREATE,
  PROP_REASON,
  N_PROPS
};

enum {
  CHOOSE_AVATAR,
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_voice_row (TalkieCreatePanel *self);

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
  update_voice_row (self);

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
cover_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TalkieCreatePanel) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = talkie_cover_loader_load_finish (TALKIE_COVER_LOADER (object), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No cover for the chosen avatar: %s", error->message);
      return;
    }

  adw_avatar_set_custom_image (self->avatar_image, GDK_PAINTABLE (texture));
}

static void
update_avatar_row (TalkieCreatePanel *self)
{
  const char *url = NULL;

  g_cancellable_cancel (self->cover_cancellable);
  g_clear_object (&self->cover_cancellable);
  adw_avatar_set_custom_image (self->avatar_image, NULL);

  if (self->avatar != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->avatar_row), talkie_avatar_get_name (self->avatar));
      adw_action_row_set_subtitle (self->avatar_row, _("Chosen in the grid"));
      adw_avatar_set_text (self->avatar_image, talkie_avatar_get_name (self->avatar));
      url = talkie_avatar_get_cover_url (self->avatar);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->avatar_row), _("No Avatar Chosen"));
      adw_action_row_set_subtitle (self->avatar_row, _("Pick one from the grid"));
      adw_avatar_set_text (self->avatar_image, NULL);
    }

  if (self->cover_loader != NULL && url != NULL && url[0] != '\0')
    {
      self->cover_cancellable = g_cancellable_new ();
      talkie_cover_loader_load_async (self->cover_loader, url, 80, 80,
                                      self->cover_cancellable, cover_loaded_cb,
                                      g_object_ref (self));
    }
}

static void
update_voice_row (TalkieCreatePanel *self)
{
  TalkieVoice *voice = talkie_voice_picker_get_selected_voice (self->voice_picker);
  const char *uri = voice ? talkie_voice_get_audition_url (voice) : NULL;

  if (voice != NULL)
    {
      g_autofree char *details = talkie_voice_row_dup_details (voice);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->voice_row), talkie_voice_get_name (voice));
      adw_action_row_set_subtitle (self->voice_row, details);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->voice_row), _("No Voice Chosen"));
      adw_action_row_set_subtitle (self->voice_row, _("Choose one of hundreds, and hear it first"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->voice_play_button), uri != NULL && uri[0] != '\0');
  if (uri != NULL && uri[0] != '\0')
    talkie_audio_player_update_button (self->player, self->voice_play_button, uri,
                                       talkie_voice_get_name (voice));
}

static void
voice_play_clicked_cb (TalkieCreatePanel *self)
{
  TalkieVoice *voice = talkie_voice_picker_get_selected_voice (self->voice_picker);
  const char *uri = voice ? talkie_voice_get_audition_url (voice) : NULL;

  if (uri != NULL && uri[0] != '\0')
    talkie_audio_player_toggle (self->player, uri);
}

static void
voice_row_activated_cb (TalkieCreatePanel *self)
{
  talkie_create_panel_choose_voice (self);
}

static void
avatar_row_activated_cb (TalkieCreatePanel *self)
{
  g_signal_emit (self, signals[CHOOSE_AVATAR], 0);
}

static void
update_summary (TalkieCreatePanel *self)
{
  g_autofree char *text = NULL;

  if (self->n_running > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u render running",
                                         "%u renders running",
                                         self->n_running),
                            self->n_running);

  gtk_button_set_label (self->renders_button, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->renders_button), text != NULL);
}

static gboolean
highlight_done_cb (gpointer user_data)
{
  TalkieCreatePanel *self = user_data;

  self->highlight_source = 0;
  if (self->highlighted != NULL)
    gtk_widget_remove_css_class (self->highlighted, "just-added");
  g_clear_weak_pointer (&self->highlighted);

  return G_SOURCE_REMOVE;
}

static GtkListBox *
find_sources_list (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found;

      if (GTK_IS_LIST_BOX (child))
        return GTK_LIST_BOX (child);
      if ((found = find_sources_list (child)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
reveal_newest_cb (gpointer user_data)
{
  TalkieCreatePanel *self = user_data;
  GListModel *sources = talkie_audio_drop_get_sources (self->audio_drop);
  guint n = g_list_model_get_n_items (sources);
  GtkListBox *list = find_sources_list (GTK_WIDGET (self->audio_drop));
  GtkListBoxRow *row;
  graphene_rect_t bounds;
  GtkAdjustment *adjustment;

  self->highlight_source = 0;

  if (n == 0 || list == NULL || (row = gtk_list_box_get_row_at_index (list, n - 1)) == NULL)
    return G_SOURCE_REMOVE;

  /* The newest recording is the last row: scroll it into view, and mark it a moment. */
  if (gtk_widget_compute_bounds (GTK_WIDGET (row), gtk_scrolled_window_get_child (self->scroller), &bounds))
    {
      double page;

      adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
      page = gtk_adjustment_get_page_size (adjustment);
      if (bounds.origin.y < gtk_adjustment_get_value (adjustment) ||
          bounds.origin.y + bounds.size.height > gtk_adjustment_get_value (adjustment) + page)
        gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page + 12);
    }

  if (self->highlighted != NULL)
    gtk_widget_remove_css_class (self->highlighted, "just-added");
  g_set_weak_pointer (&self->highlighted, GTK_WIDGET (row));
  gtk_widget_add_css_class (GTK_WIDGET (row), "just-added");
  self->highlight_source = g_timeout_add_seconds (3, highlight_done_cb, self);

  return G_SOURCE_REMOVE;
}

static void
sources_changed_cb (TalkieCreatePanel *self,
                    guint              position,
                    guint              removed,
                    guint              added,
                    GListModel        *sources)
{
  if (added == 0)
    return;

  /* After the list box made the row and the panel laid it out. */
  g_clear_handle_id (&self->highlight_source, g_source_remove);
  self->highlight_source = g_timeout_add (50, reveal_newest_cb, self);
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

  /* They are renders now: make room for the next recording (Try Again on the
   * Renders page brings one back). */
  talkie_audio_drop_remove_ready (self->audio_drop);
  update_state (self);

  g_signal_emit (self, signals[CREATED], 0, sources->len);

  return sources->len;
}

static void
create_clicked_cb (TalkieCreatePanel *self)
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

  g_clear_handle_id (&self->highlight_source, g_source_remove);
  g_clear_weak_pointer (&self->highlighted);
  g_cancellable_cancel (self->cover_cancellable);
  g_clear_object (&self->cover_cancellable);

  /* The chooser is a window of its own: it goes with the sidebar. */
  if (self->chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->chooser));
  g_clear_object (&self->chooser);
  self->voice_picker = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_CREATE_PANEL);

  g_clear_object (&self->client);
  g_clear_object (&self->history);
  g_clear_object (&self->avatar);
  g_clear_object (&self->settings);
  g_clear_object (&self->player);
  g_clear_object (&self->cover_loader);
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
talkie_create_panel_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  *minimum = *natural = 0;
  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural,
                        minimum_baseline, natural_baseline);

  /* One width whatever the rows say: a filtered voice list or a longer
   * translation must not make the sidebar jump. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (*minimum, SIDEBAR_MIN_WIDTH);
      *natural = MAX (*minimum, SIDEBAR_WIDTH);
    }
}

static GtkSizeRequestMode
talkie_create_panel_get_request_mode (GtkWidget *widget)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  return child != NULL ? gtk_widget_get_request_mode (child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
talkie_create_panel_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

static void
talkie_create_panel_class_init (TalkieCreatePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_create_panel_dispose;
  object_class->finalize = talkie_create_panel_finalize;
  object_class->get_property = talkie_create_panel_get_property;
  widget_class->measure = talkie_create_panel_measure;
  widget_class->size_allocate = talkie_create_panel_size_allocate;
  widget_class->get_request_mode = talkie_create_panel_get_request_mode;

  properties[PROP_CAN_CREATE] =
    g_param_spec_boolean ("can-create", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHOOSE_AVATAR] =
    g_signal_new ("choose-avatar",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-create-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, avatar_row);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, avatar_image);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, voice_row);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, voice_play_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, audio_drop);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, background_row);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, subtitles_switch);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, create_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, reason_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieCreatePanel, renders_button);
  gtk_widget_class_bind_template_callback (widget_class, update_state);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, avatar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, voice_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, voice_play_clicked_cb);

  g_type_ensure (TALKIE_TYPE_AUDIO_DROP);
}

static void
talkie_create_panel_init (TalkieCreatePanel *self)
{
  self->aspect_ratio = TALKIE_ASPECT_RATIO_PORTRAIT;

  /* The bin's layout manager would measure the rows alone: the sidebar measures itself
   * (talkie_create_panel_measure), to keep its width. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The voices need more room than the sidebar has: they get a window. */
  self->chooser = g_object_ref_sink (talkie_voice_chooser_new ());
  self->voice_picker = talkie_voice_chooser_get_picker (self->chooser);
  g_signal_connect_object (self->voice_picker, "notify::selected-voice",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  /* One sound at a time: the samples and the previews share a player. */
  self->player = talkie_audio_player_new ();
  talkie_voice_picker_set_player (self->voice_picker, self->player);
  talkie_audio_drop_set_player (self->audio_drop, self->player);
  g_signal_connect_object (self->player, "notify::state",
                           G_CALLBACK (update_voice_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player, "notify::uri",
                           G_CALLBACK (update_voice_row), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (talkie_audio_drop_get_sources (self->audio_drop), "items-changed",
                           G_CALLBACK (sources_changed_cb), self, G_CONNECT_SWAPPED);

  self->jobs = g_list_store_new (TALKIE_TYPE_RENDER_JOB);

  update_avatar_row (self);
  update_summary (self);
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

  update_avatar_row (self);
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

void
talkie_create_panel_set_cover_loader (TalkieCreatePanel *self,
                                      TalkieCoverLoader *loader)
{
  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));
  g_return_if_fail (loader == NULL || TALKIE_IS_COVER_LOADER (loader));

  if (g_set_object (&self->cover_loader, loader))
    update_avatar_row (self);
}

void
talkie_create_panel_set_n_running (TalkieCreatePanel *self,
                                   guint              n_running)
{
  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));

  if (self->n_running == n_running)
    return;

  self->n_running = n_running;
  update_summary (self);
}

const char *
talkie_create_panel_get_summary (TalkieCreatePanel *self)
{
  g_return_val_if_fail (TALKIE_IS_CREATE_PANEL (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->renders_button))
         ? gtk_button_get_label (self->renders_button) : NULL;
}

void
talkie_create_panel_choose_voice (TalkieCreatePanel *self)
{
  GtkRoot *root;

  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  talkie_voice_chooser_present (self->chooser, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

GtkWindow *
talkie_create_panel_get_voice_chooser (TalkieCreatePanel *self)
{
  g_return_val_if_fail (TALKIE_IS_CREATE_PANEL (self), NULL);

  return GTK_WINDOW (self->chooser);
}

void
talkie_create_panel_use_settings (TalkieCreatePanel         *self,
                                  TalkieVoice               *voice,
                                  TalkieAudioSource         *audio,
                                  const TalkieRenderOptions *options)
{
  g_return_if_fail (TALKIE_IS_CREATE_PANEL (self));
  g_return_if_fail (voice == NULL || TALKIE_IS_VOICE (voice));
  g_return_if_fail (audio == NULL || TALKIE_IS_AUDIO_SOURCE (audio));

  if (voice != NULL)
    talkie_voice_picker_choose_voice (self->voice_picker, voice);

  if (audio != NULL)
    {
      g_autoptr(GError) error = NULL;
      GFile *file = talkie_audio_source_get_file (audio);

      if (file != NULL)
        talkie_audio_drop_add_file (self->audio_drop, file);
      else if (talkie_audio_drop_add_uri (self->audio_drop, talkie_audio_source_get_uri (audio), &error) == NULL)
        g_debug ("The render's recording cannot come back: %s", error->message);
    }

  if (options != NULL)
    {
      adw_combo_row_set_selected (self->background_row,
                                  options->screen_style == TALKIE_SCREEN_STYLE_GREEN_SCREEN ? 1 : 0);
      gtk_switch_set_active (self->subtitles_switch, options->subtitles);
    }

  update_state (self);
}
