/* talkie-voice-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-ui-error.h"
#include "talkie-ui-keynav.h"
#include "talkie-voice-picker.h"
#include "talkie-voice-picker-private.h"
#include "talkie-voice-row.h"



G_DEFINE_FINAL_TYPE (TalkieVoicePicker, talkie_voice_picker, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PLAYER,
  PROP_SELECTED_VOICE,
  PROP_PAGE,
  N_PROPS
};

enum {
  VOICE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
talkie_voice_picker_set_selected_voice (TalkieVoicePicker *self,
                    TalkieVoice       *voice)
{
  if (g_set_object (&self->selected_voice, voice))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_VOICE]);
}

void
talkie_voice_picker_update_page (TalkieVoicePicker *self)
{
  const char *page;

  g_assert (TALKIE_IS_VOICE_PICKER (self));

  if (self->client == NULL)
    page = "none";
  else if (self->loading)
    page = "loading";
  else if (self->load_error != NULL)
    {
      g_autofree char *message = talkie_ui_error_message (self->load_error);

      page = "error";
      adw_status_page_set_description (self->error_page, message);
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->voices)) == 0)
    {
      page = "empty";
      if (self->source == TALKIE_SOURCE_MINE)
        {
          adw_status_page_set_title (self->empty_page, _("No Voices of Your Own"));
          adw_status_page_set_description (self->empty_page,
                                           _("Make a voice of your own on JoggAI, or choose a public one."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Voices Available"));
          adw_status_page_set_description (self->empty_page,
                                           _("The service offered no voices. Try again later."));
        }
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    {
      page = "empty";
      adw_status_page_set_title (self->empty_page, _("No Matching Voices"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try another search, gender or language."));
    }
  else
    page = "list";

  gtk_spinner_set_spinning (self->spinner, self->loading);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) != 0)
    {
      gtk_stack_set_visible_child_name (self->stack, page);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

static char *
gender_label (gpointer     item,
              TalkieGender gender)
{
  switch (gender)
    {
    case TALKIE_GENDER_FEMALE:
      return g_strdup (_("Female"));

    case TALKIE_GENDER_MALE:
      return g_strdup (_("Male"));

    case TALKIE_GENDER_ANY:
    default:
      return g_strdup (_("All Genders"));
    }
}

static char *
language_label (gpointer    item,
                const char *language)
{
  if (g_strcmp0 (language, ALL_LANGUAGES) == 0)
    return g_strdup (_("All Languages"));

  return talkie_language_dup_display_name (language);
}

static TalkieGender
get_chosen_gender (TalkieVoicePicker *self)
{
  AdwEnumListItem *item = gtk_drop_down_get_selected_item (self->gender_dropdown);

  return item != NULL ? adw_enum_list_item_get_value (item) : TALKIE_GENDER_ANY;
}

/* What the .ui cannot say: a voice's gender is an enumeration. */
static gboolean
has_chosen_gender (gpointer item,
                   gpointer user_data)
{
  TalkieVoicePicker *self = user_data;
  TalkieGender gender = get_chosen_gender (self);

  /* Your own voices come without a gender: the choice waits for Public. */
  if (self->source == TALKIE_SOURCE_MINE)
    return TRUE;

  return gender == TALKIE_GENDER_ANY || talkie_voice_get_gender (item) == gender;
}

static void
gender_changed_cb (TalkieVoicePicker *self)
{
  g_assert (TALKIE_IS_VOICE_PICKER (self));

  gtk_filter_changed (GTK_FILTER (self->gender_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
language_changed_cb (TalkieVoicePicker *self)
{
  GtkStringObject *selected;

  g_assert (TALKIE_IS_VOICE_PICKER (self));

  /* Only the user's own choice is remembered, not what a rebuild falls back to. */
  if (self->rebuilding)
    return;

  selected = gtk_drop_down_get_selected_item (self->language_dropdown);
  g_free (self->wanted_language);
  self->wanted_language = selected ? g_strdup (gtk_string_object_get_string (selected)) : NULL;
}

static void
search_changed_cb (TalkieVoicePicker *self)
{
  g_autofree char *text = NULL;

  g_assert (TALKIE_IS_VOICE_PICKER (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  gtk_string_filter_set_search (self->search_filter, text);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *)a, *(const char * const *)b);
}

static guint
find_language (TalkieVoicePicker *self,
               const char        *language)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->language_list));

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (self->language_list, i), language) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
select_language (TalkieVoicePicker *self,
                 const char        *language)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (language != NULL)
    position = find_language (self, language);
  if (position == GTK_INVALID_LIST_POSITION)
    position = find_language (self, ALL_LANGUAGES);

  gtk_drop_down_set_selected (self->language_dropdown, position);
}

void
talkie_voice_picker_rebuild_languages (TalkieVoicePicker *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  guint n;

  g_assert (TALKIE_IS_VOICE_PICKER (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->voices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieVoice) voice = g_list_model_get_item (G_LIST_MODEL (self->voices), i);
      const char *language = talkie_voice_get_language (voice);

      if (language == NULL || language[0] == '\0' || g_hash_table_contains (seen, language))
        continue;

      g_hash_table_add (seen, (gpointer)language);
      g_ptr_array_add (languages, (gpointer)language);
    }

  g_ptr_array_sort (languages, compare_strings);
  g_ptr_array_insert (languages, 0, (gpointer)ALL_LANGUAGES);
  g_ptr_array_add (languages, NULL);

  self->rebuilding = TRUE;
  gtk_string_list_splice (self->language_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->language_list)),
                          (const char * const *)languages->pdata);
  select_language (self, self->wanted_language);
  self->rebuilding = FALSE;
}

static void
source_toggled_cb (TalkieVoicePicker *self)
{
  TalkieSource source;

  g_assert (TALKIE_IS_VOICE_PICKER (self));

  source = gtk_toggle_button_get_active (self->mine_button) ? TALKIE_SOURCE_MINE : TALKIE_SOURCE_PUBLIC;
  if (source == self->source)
    return;

  self->source = source;
  talkie_voice_picker_reload (self);
}

static void
selected_item_changed_cb (TalkieVoicePicker *self)
{
  TalkieVoice *voice;

  g_assert (TALKIE_IS_VOICE_PICKER (self));

  voice = gtk_single_selection_get_selected_item (self->selection);

  /* A voice hidden by a filter stays chosen. */
  if (voice != NULL)
    talkie_voice_picker_set_selected_voice (self, voice);
}

static gboolean
reselect_cb (gpointer user_data)
{
  TalkieVoicePicker *self = user_data;

  self->reselect_id = 0;

  if (self->selected_voice != NULL &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

      /* The chosen voice is shown again: select it again. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TalkieVoice) voice = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

          if (voice == self->selected_voice)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }

  return G_SOURCE_REMOVE;
}

static void
selection_items_changed_cb (TalkieVoicePicker *self,
                            guint              position,
                            guint              removed,
                            guint              added,
                            GListModel        *model)
{
  g_assert (TALKIE_IS_VOICE_PICKER (self));

  talkie_voice_picker_update_page (self);

  /* Not while the list view is still hearing of the change. */
  if (added > 0 && self->selected_voice != NULL && self->reselect_id == 0 &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    self->reselect_id = g_idle_add (reselect_cb, self);
}

static void
list_activate_cb (TalkieVoicePicker *self,
                  guint              position)
{
  g_assert (TALKIE_IS_VOICE_PICKER (self));

  gtk_single_selection_set_selected (self->selection, position);
  if (self->selected_voice != NULL)
    g_signal_emit (self, signals[VOICE_ACTIVATED], 0, self->selected_voice);
}

static TalkieVoiceRow *
find_focused_row (TalkieVoicePicker *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* The focus is on the list item that holds the row. */
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return NULL;
  if (TALKIE_IS_VOICE_ROW (focus))
    return TALKIE_VOICE_ROW (focus);
  focus = gtk_widget_get_first_child (focus);

  return focus != NULL && TALKIE_IS_VOICE_ROW (focus) ? TALKIE_VOICE_ROW (focus) : NULL;
}

/* GTK 4.8's list views take a Tab stop per row: the list is one stop, arrows move
 * inside (see talkie_ui_leave_on_tab), and Space plays the focused voice's sample. */
static gboolean
list_key_pressed_cb (TalkieVoicePicker     *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  TalkieVoiceRow *row;

  if (talkie_ui_leave_on_tab (GTK_WIDGET (self->list_view), keyval, state))
    return TRUE;

  if ((keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space) &&
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) == 0 &&
      (row = find_focused_row (self)) != NULL)
    {
      talkie_voice_row_toggle_sample (row);
      return TRUE;
    }

  return FALSE;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TalkieVoicePicker        *self)
{
  GtkWidget *row = talkie_voice_row_new (self->player);

  g_object_bind_property (self, "player", row, "player", G_BINDING_DEFAULT);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          TalkieVoicePicker        *self)
{
  talkie_voice_row_set_voice (TALKIE_VOICE_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TalkieVoicePicker        *self)
{
  talkie_voice_row_set_voice (TALKIE_VOICE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
talkie_voice_picker_dispose (GObject *object)
{
  TalkieVoicePicker *self = (TalkieVoicePicker *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reselect_id, g_source_remove);
  self->generation++;

  if (self->player != NULL)
    talkie_audio_player_stop (self->player);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->gender_filter != NULL)
    gtk_custom_filter_set_filter_func (self->gender_filter, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_VOICE_PICKER);

  g_clear_object (&self->client);
  g_clear_object (&self->player);
  g_clear_object (&self->selected_voice);

  G_OBJECT_CLASS (talkie_voice_picker_parent_class)->dispose (object);
}

static void
talkie_voice_picker_finalize (GObject *object)
{
  TalkieVoicePicker *self = (TalkieVoicePicker *)object;

  g_clear_pointer (&self->incoming, g_ptr_array_unref);
  g_clear_pointer (&self->wanted_language, g_free);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (talkie_voice_picker_parent_class)->finalize (object);
}

static void
talkie_voice_picker_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TalkieVoicePicker *self = TALKIE_VOICE_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_PLAYER:
      g_value_set_object (value, self->player);
      break;

    case PROP_SELECTED_VOICE:
      g_value_set_object (value, self->selected_voice);
      break;

    case PROP_PAGE:
      g_value_set_string (value, talkie_voice_picker_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_voice_picker_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TalkieVoicePicker *self = TALKIE_VOICE_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      talkie_voice_picker_set_client (self, g_value_get_object (value));
      break;

    case PROP_PLAYER:
      talkie_voice_picker_set_player (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_voice_picker_class_init (TalkieVoicePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_voice_picker_dispose;
  object_class->finalize = talkie_voice_picker_finalize;
  object_class->get_property = talkie_voice_picker_get_property;
  object_class->set_property = talkie_voice_picker_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TALKIE_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYER] =
    g_param_spec_object ("player", NULL, NULL, TALKIE_TYPE_AUDIO_PLAYER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_VOICE] =
    g_param_spec_object ("selected-voice", NULL, NULL, TALKIE_TYPE_VOICE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "none",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[VOICE_ACTIVATED] =
    g_signal_new ("voice-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TALKIE_TYPE_VOICE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-voice-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, public_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, mine_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, gender_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, gender_list);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, language_list);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, voices);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, gender_filter);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, search_filter);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, filtered);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, selection);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, stack);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, spinner);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TalkieVoicePicker, error_page);
  gtk_widget_class_bind_template_callback (widget_class, gender_label);
  gtk_widget_class_bind_template_callback (widget_class, language_label);
  gtk_widget_class_bind_template_callback (widget_class, gender_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row);
  gtk_widget_class_bind_template_callback (widget_class, talkie_voice_picker_reload);

  g_type_ensure (ADW_TYPE_ENUM_LIST_MODEL);
  g_type_ensure (TALKIE_TYPE_GENDER);
  g_type_ensure (TALKIE_TYPE_VOICE);
  g_type_ensure (TALKIE_TYPE_VOICE_ROW);
}

static void
talkie_voice_picker_init (TalkieVoicePicker *self)
{
  GtkEventController *keys;

  self->incoming = g_ptr_array_new_with_free_func (g_object_unref);
  self->player = talkie_audio_player_new ();
  self->source = TALKIE_SOURCE_PUBLIC;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_custom_filter_set_filter_func (self->gender_filter, has_chosen_gender, self, NULL);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  talkie_voice_picker_rebuild_languages (self);
  talkie_voice_picker_update_page (self);
}

TalkieVoice *
talkie_voice_picker_get_selected_voice (TalkieVoicePicker *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE_PICKER (self), NULL);

  return self->selected_voice;
}

void
talkie_voice_picker_set_client (TalkieVoicePicker *self,
                                TalkieClient      *client)
{
  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));
  g_return_if_fail (client == NULL || TALKIE_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  /* Another account: its voices are others. */
  talkie_voice_picker_set_selected_voice (self, NULL);
  talkie_voice_picker_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

TalkieAudioPlayer *
talkie_voice_picker_get_player (TalkieVoicePicker *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE_PICKER (self), NULL);

  return self->player;
}

void
talkie_voice_picker_set_player (TalkieVoicePicker *self,
                                TalkieAudioPlayer *player)
{
  g_autoptr(TalkieAudioPlayer) fallback = NULL;

  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));
  g_return_if_fail (player == NULL || TALKIE_IS_AUDIO_PLAYER (player));

  if (player == NULL)
    player = fallback = talkie_audio_player_new ();

  if (self->player != NULL)
    talkie_audio_player_stop (self->player);

  if (g_set_object (&self->player, player))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER]);
}

const char *
talkie_voice_picker_get_page (TalkieVoicePicker *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE_PICKER (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
talkie_voice_picker_set_source (TalkieVoicePicker *self,
                                TalkieSource       source)
{
  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));

  if (source == TALKIE_SOURCE_MINE)
    gtk_toggle_button_set_active (self->mine_button, TRUE);
  else
    gtk_toggle_button_set_active (self->public_button, TRUE);
}

void
talkie_voice_picker_set_gender (TalkieVoicePicker *self,
                                TalkieGender       gender)
{
  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));

  gtk_drop_down_set_selected (self->gender_dropdown,
                              adw_enum_list_model_find_position (self->gender_list, gender));
}

void
talkie_voice_picker_set_language (TalkieVoicePicker *self,
                                  const char        *language)
{
  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));

  select_language (self, language);
}

void
talkie_voice_picker_set_search_text (TalkieVoicePicker *self,
                                     const char        *text)
{
  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* Do not wait for the entry's delay. */
  search_changed_cb (self);
}

GListModel *
talkie_voice_picker_get_visible_voices (TalkieVoicePicker *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE_PICKER (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

GListModel *
talkie_voice_picker_get_voices (TalkieVoicePicker *self)
{
  g_return_val_if_fail (TALKIE_IS_VOICE_PICKER (self), NULL);

  return G_LIST_MODEL (self->voices);
}

void
talkie_voice_picker_select_voice (TalkieVoicePicker *self,
                                  TalkieVoice       *voice)
{
  guint n;

  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));
  g_return_if_fail (voice == NULL || TALKIE_IS_VOICE (voice));

  if (voice == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      talkie_voice_picker_set_selected_voice (self, NULL);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieVoice) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (item == voice)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

void
talkie_voice_picker_focus (TalkieVoicePicker *self)
{
  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));

  /* On the chosen voice when it is shown, else where a search starts. */
  if (g_str_equal (talkie_voice_picker_get_page (self), "list") &&
      gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    {
      guint position = gtk_single_selection_get_selected (self->selection);

      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
      if (gtk_widget_grab_focus (GTK_WIDGET (self->list_view)))
        return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
talkie_voice_picker_choose_voice (TalkieVoicePicker *self,
                                  TalkieVoice       *voice)
{
  guint n;

  g_return_if_fail (TALKIE_IS_VOICE_PICKER (self));
  g_return_if_fail (TALKIE_IS_VOICE (voice));

  /* The loaded voice of that id, when there is one: it has the sample and the gender. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->voices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieVoice) item = g_list_model_get_item (G_LIST_MODEL (self->voices), i);

      if (g_strcmp0 (talkie_voice_get_id (item), talkie_voice_get_id (voice)) == 0)
        {
          talkie_voice_picker_set_selected_voice (self, item);
          talkie_voice_picker_select_voice (self, item);
          return;
        }
    }

  /* Not (or not yet) listed: chosen all the same, as a filtered-out voice is. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  talkie_voice_picker_set_selected_voice (self, voice);
}
