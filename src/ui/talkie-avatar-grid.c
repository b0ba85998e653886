/* talkie-avatar-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-ui-error.h"
#include "talkie-ui-keynav.h"
#include "talkie-avatar-cell.h"
#include "talkie-avatar-grid.h"
#include "talkie-avatar-grid-private.h"


enum {
  PROP_0,
  PROP_CLIENT,
  PROP_COVER_LOADER,
  PROP_ASPECT_RATIO,
  PROP_SOURCE,
  PROP_SELECTED_AVATAR,
  PROP_STATE,
  N_PROPS
};

enum {
  LOAD_FAILED,
  AVATAR_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TalkieAvatarGrid, talkie_avatar_grid, GTK_TYPE_WIDGET)

void
talkie_avatar_grid_get_cover_size (TalkieAvatarGrid *self,
                                   int              *width,
                                   int              *height)
{
  g_return_if_fail (TALKIE_IS_AVATAR_GRID (self));

  /* Your own avatars come in any shape: one square frame, each cover letterboxed in it. */
  if (self->source == TALKIE_SOURCE_MINE)
    {
      *width = 160;
      *height = 160;
      return;
    }

  switch (self->aspect_ratio)
    {
    case TALKIE_ASPECT_RATIO_LANDSCAPE:
      *width = 224;
      *height = 126;
      break;

    case TALKIE_ASPECT_RATIO_SQUARE:
      *width = 160;
      *height = 160;
      break;

    case TALKIE_ASPECT_RATIO_PORTRAIT:
    default:
      *width = 135;
      *height = 240;
      break;
    }
}

static void
talkie_avatar_grid_set_state (TalkieAvatarGrid *self,
                              const char       *state)
{
  g_assert (TALKIE_IS_AVATAR_GRID (self));

  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), state) == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* After a load or a search: grid, empty or no results. */
static void
talkie_avatar_grid_update_state (TalkieAvatarGrid *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filter_model);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_assert (TALKIE_IS_AVATAR_GRID (self));

  if (all == G_LIST_MODEL (self->empty) || g_list_model_get_n_items (all) == 0)
    {
      talkie_avatar_grid_set_state (self, self->client ? "empty" : "grid");
      return;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    {
      g_autofree char *description = NULL;
      g_autofree char *escaped = g_markup_escape_text (search, -1);

      /* Translators: %s is what the user typed in the search entry */
      description = g_strdup_printf (_("No avatar’s name contains “%s”. Try a different search."), escaped);
      adw_status_page_set_description (self->no_results_page, description);
      talkie_avatar_grid_set_state (self, "no-results");
      return;
    }

  talkie_avatar_grid_set_state (self, "grid");
}

static void
talkie_avatar_grid_update_empty_page (TalkieAvatarGrid *self)
{
  if (self->source == TALKIE_SOURCE_MINE)
    {
      adw_status_page_set_title (self->empty_page, _("No Avatars of Your Own Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Instant avatars are made in JoggAI’s web app. "
                                         "Once you have made one there, it appears here."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Avatars"));
      adw_status_page_set_description (self->empty_page,
                                       _("The server offers no public avatars in this aspect ratio. "
                                         "Try another aspect ratio."));
    }
}

static void
talkie_avatar_grid_set_model (TalkieAvatarGrid *self,
                              GListModel       *model)
{
  g_assert (TALKIE_IS_AVATAR_GRID (self));

  gtk_filter_list_model_set_model (self->filter_model, model ? model : G_LIST_MODEL (self->empty));
}

static void
list_avatars_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TalkieClient *client = TALKIE_CLIENT (object);
  g_autoptr(TalkieAvatarGrid) self = user_data;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = talkie_client_list_avatars_finish (client, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A newer request replaced this one. */
  if (client != self->client || self->cancellable == NULL ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  g_clear_object (&self->cancellable);

  if (error != NULL)
    {
      g_autofree char *message = talkie_ui_error_message (error);
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_status_page_set_description (self->error_page, escaped);
      talkie_avatar_grid_set_model (self, NULL);
      talkie_avatar_grid_set_state (self, "error");
      g_signal_emit (self, signals[LOAD_FAILED], 0, error);
      return;
    }

  talkie_avatar_grid_set_model (self, model);
  talkie_avatar_grid_update_state (self);
}

void
talkie_avatar_grid_reload (TalkieAvatarGrid *self)
{
  g_return_if_fail (TALKIE_IS_AVATAR_GRID (self));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  talkie_avatar_grid_set_model (self, NULL);
  talkie_avatar_grid_update_empty_page (self);

  if (self->client == NULL)
    {
      talkie_avatar_grid_update_state (self);
      return;
    }

  talkie_avatar_grid_set_state (self, "loading");

  self->cancellable = g_cancellable_new ();
  talkie_client_list_avatars_async (self->client,
                                    self->source,
                                    self->aspect_ratio,
                                    self->cancellable,
                                    list_avatars_cb,
                                    g_object_ref (self));
}

static void
talkie_avatar_grid_realize (GtkWidget *widget)
{
  TalkieAvatarGrid *self = TALKIE_AVATAR_GRID (widget);

  GTK_WIDGET_CLASS (talkie_avatar_grid_parent_class)->realize (widget);

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (talkie_avatar_grid_after_paint_cb), self);
  talkie_avatar_grid_queue_covers (self);
}

static void
talkie_avatar_grid_unrealize (GtkWidget *widget)
{
  TalkieAvatarGrid *self = TALKIE_AVATAR_GRID (widget);

  if (self->frame_clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
      g_clear_object (&self->frame_clock);
    }
  self->covers_pending = FALSE;

  GTK_WIDGET_CLASS (talkie_avatar_grid_parent_class)->unrealize (widget);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TalkieAvatarGrid         *self)
{
  gtk_list_item_set_child (item, talkie_avatar_cell_new ());
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TalkieAvatarGrid         *self)
{
  TalkieAvatarCell *cell = TALKIE_AVATAR_CELL (gtk_list_item_get_child (item));
  TalkieAvatar *avatar = gtk_list_item_get_item (item);
  int width, height;

  talkie_avatar_grid_get_cover_size (self, &width, &height);
  talkie_avatar_cell_bind (cell, avatar, self->loader, width, height);
  /* A screen reader names the grid's cell (the list item), not the cell widget in it. */
  talkie_ui_label_list_item (GTK_WIDGET (cell), talkie_avatar_get_name (avatar));
  talkie_avatar_grid_queue_covers (self);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TalkieAvatarGrid         *self)
{
  TalkieAvatarCell *cell = TALKIE_AVATAR_CELL (gtk_list_item_get_child (item));

  talkie_avatar_cell_bind (cell, NULL, NULL, 1, 1);
}

static void
selected_item_changed_cb (TalkieAvatarGrid   *self,
                          GParamSpec         *pspec,
                          GtkSingleSelection *selection)
{
  TalkieAvatar *avatar = gtk_single_selection_get_selected_item (selection);

  /* An avatar hidden by a search stays chosen. */
  if (avatar == NULL && self->filtering)
    return;

  if (g_set_object (&self->selected, avatar))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_AVATAR]);
}

static void
model_changed_cb (TalkieAvatarGrid *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  /* A new list (reload): nothing is chosen until the user picks again. */
  if (!self->filtering && g_set_object (&self->selected, gtk_single_selection_get_selected_item (self->selection)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_AVATAR]);
}

static void
search_changed_cb (TalkieAvatarGrid *self,
                   GtkSearchEntry   *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint n;

  self->filtering = TRUE;
  gtk_string_filter_set_search (self->filter, stripped[0] ? stripped : NULL);

  /* Keep the chosen avatar selected when it is still shown. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  if (self->selected != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

          if (avatar == self->selected)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
    }
  self->filtering = FALSE;

  talkie_avatar_grid_update_state (self);
}

static void
search_activate_cb (TalkieAvatarGrid *self,
                    GtkSearchEntry   *entry)
{
  g_autoptr(TalkieAvatar) avatar = NULL;

  if (!(avatar = g_list_model_get_item (G_LIST_MODEL (self->filter_model), 0)))
    return;

  gtk_single_selection_set_selected (self->selection, 0);
  g_signal_emit (self, signals[AVATAR_ACTIVATED], 0, avatar);
}

static void
stop_search_cb (TalkieAvatarGrid *self,
                GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
grid_activate_cb (TalkieAvatarGrid *self,
                  guint             position,
                  GtkGridView      *grid_view)
{
  g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);

  if (avatar == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[AVATAR_ACTIVATED], 0, avatar);
}

static gboolean
grid_key_pressed_cb (TalkieAvatarGrid      *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  return talkie_ui_leave_on_tab (GTK_WIDGET (self->grid_view), keyval, state);
}

static void
retry_clicked_cb (TalkieAvatarGrid *self,
                  GtkButton        *button)
{
  talkie_avatar_grid_reload (self);
}

static void
sync_toggles (TalkieAvatarGrid *self)
{
  self->updating_toggles = TRUE;
  gtk_toggle_button_set_active (self->portrait_button, self->aspect_ratio == TALKIE_ASPECT_RATIO_PORTRAIT);
  gtk_toggle_button_set_active (self->landscape_button, self->aspect_ratio == TALKIE_ASPECT_RATIO_LANDSCAPE);
  gtk_toggle_button_set_active (self->square_button, self->aspect_ratio == TALKIE_ASPECT_RATIO_SQUARE);
  gtk_toggle_button_set_active (self->public_button, self->source == TALKIE_SOURCE_PUBLIC);
  gtk_toggle_button_set_active (self->mine_button, self->source == TALKIE_SOURCE_MINE);
  /* Your own avatars are listed whatever their shape: no aspect to choose there. */
  gtk_widget_set_visible (gtk_widget_get_parent (self->aspect_box), self->source == TALKIE_SOURCE_PUBLIC);
  self->updating_toggles = FALSE;
}

static void
aspect_toggled_cb (TalkieAvatarGrid *self,
                   GtkToggleButton  *button)
{
  if (self->updating_toggles || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->landscape_button)
    talkie_avatar_grid_set_aspect_ratio (self, TALKIE_ASPECT_RATIO_LANDSCAPE);
  else if (button == self->square_button)
    talkie_avatar_grid_set_aspect_ratio (self, TALKIE_ASPECT_RATIO_SQUARE);
  else
    talkie_avatar_grid_set_aspect_ratio (self, TALKIE_ASPECT_RATIO_PORTRAIT);
}

static void
source_toggled_cb (TalkieAvatarGrid *self,
                   GtkToggleButton  *button)
{
  if (self->updating_toggles || !gtk_toggle_button_get_active (button))
    return;

  talkie_avatar_grid_set_source (self,
                                 button == self->mine_button ? TALKIE_SOURCE_MINE
                                                             : TALKIE_SOURCE_PUBLIC);
}

static void
talkie_avatar_grid_dispose (GObject *object)
{
  GtkWidget *child;
  TalkieAvatarGrid *self = (TalkieAvatarGrid *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->covers_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_AVATAR_GRID);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->empty);
  g_clear_object (&self->selected);
  g_clear_object (&self->client);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (talkie_avatar_grid_parent_class)->dispose (object);
}

static void
talkie_avatar_grid_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TalkieAvatarGrid *self = TALKIE_AVATAR_GRID (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_COVER_LOADER:
      g_value_set_object (value, self->loader);
      break;

    case PROP_ASPECT_RATIO:
      g_value_set_enum (value, self->aspect_ratio);
      break;

    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;

    case PROP_SELECTED_AVATAR:
      g_value_set_object (value, self->selected);
      break;

    case PROP_STATE:
      g_value_set_string (value, talkie_avatar_grid_get_state (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_avatar_grid_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TalkieAvatarGrid *self = TALKIE_AVATAR_GRID (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      talkie_avatar_grid_set_client (self, g_value_get_object (value));
      break;

    case PROP_COVER_LOADER:
      talkie_avatar_grid_set_cover_loader (self, g_value_get_object (value));
      break;

    case PROP_ASPECT_RATIO:
      talkie_avatar_grid_set_aspect_ratio (self, g_value_get_enum (value));
      break;

    case PROP_SOURCE:
      talkie_avatar_grid_set_source (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_avatar_grid_class_init (TalkieAvatarGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_avatar_grid_dispose;
  object_class->get_property = talkie_avatar_grid_get_property;
  object_class->set_property = talkie_avatar_grid_set_property;

  widget_class->realize = talkie_avatar_grid_realize;
  widget_class->unrealize = talkie_avatar_grid_unrealize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TALKIE_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COVER_LOADER] =
    g_param_spec_object ("cover-loader", NULL, NULL,
                         TALKIE_TYPE_COVER_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ASPECT_RATIO] =
    g_param_spec_enum ("aspect-ratio", NULL, NULL,
                       TALKIE_TYPE_ASPECT_RATIO,
                       TALKIE_ASPECT_RATIO_PORTRAIT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL,
                       TALKIE_TYPE_SOURCE,
                       TALKIE_SOURCE_PUBLIC,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_AVATAR] =
    g_param_spec_object ("selected-avatar", NULL, NULL,
                         TALKIE_TYPE_AVATAR,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LOAD_FAILED] =
    g_signal_new ("load-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[AVATAR_ACTIVATED] =
    g_signal_new ("avatar-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TALKIE_TYPE_AVATAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-avatar-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, aspect_box);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, portrait_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, landscape_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, square_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, public_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, mine_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, stack);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, spinner);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, scroller);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, grid_view);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, error_page);
  gtk_widget_class_bind_template_child (widget_class, TalkieAvatarGrid, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, aspect_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "avatargrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
talkie_avatar_grid_init (TalkieAvatarGrid *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *keys;
  GtkAdjustment *adjustment;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->aspect_ratio = TALKIE_ASPECT_RATIO_PORTRAIT;
  self->source = TALKIE_SOURCE_PUBLIC;
  self->empty = g_list_store_new (TALKIE_TYPE_AVATAR);

  expression = gtk_property_expression_new (TALKIE_TYPE_AVATAR, NULL, "name");
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);

  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->empty)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selected_item_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->grid_view));

  /* One Tab stop for the whole grid, arrows inside it. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (grid_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), keys);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (talkie_avatar_grid_queue_covers), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed",
                           G_CALLBACK (talkie_avatar_grid_queue_covers), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scroller, "map",
                           G_CALLBACK (talkie_avatar_grid_queue_covers), self, G_CONNECT_SWAPPED);

  talkie_avatar_grid_update_empty_page (self);
  talkie_avatar_grid_set_state (self, "grid");
}

GtkWidget *
talkie_avatar_grid_new (void)
{
  return g_object_new (TALKIE_TYPE_AVATAR_GRID, NULL);
}

void
talkie_avatar_grid_set_client (TalkieAvatarGrid *self,
                               TalkieClient     *client)
{
  g_return_if_fail (TALKIE_IS_AVATAR_GRID (self));
  g_return_if_fail (!client || TALKIE_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  talkie_avatar_grid_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

TalkieClient *
talkie_avatar_grid_get_client (TalkieAvatarGrid *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR_GRID (self), NULL);

  return self->client;
}

void
talkie_avatar_grid_set_cover_loader (TalkieAvatarGrid  *self,
                                     TalkieCoverLoader *loader)
{
  g_return_if_fail (TALKIE_IS_AVATAR_GRID (self));
  g_return_if_fail (!loader || TALKIE_IS_COVER_LOADER (loader));

  if (!g_set_object (&self->loader, loader))
    return;

  /* Rebind the visible cells with the new loader. */
  gtk_grid_view_set_model (self->grid_view, NULL);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COVER_LOADER]);
}

void
talkie_avatar_grid_set_aspect_ratio (TalkieAvatarGrid  *self,
                                     TalkieAspectRatio  aspect_ratio)
{
  g_return_if_fail (TALKIE_IS_AVATAR_GRID (self));
  g_return_if_fail (aspect_ratio <= TALKIE_ASPECT_RATIO_SQUARE);

  if (self->aspect_ratio == aspect_ratio)
    return;

  self->aspect_ratio = aspect_ratio;
  sync_toggles (self);
  talkie_avatar_grid_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASPECT_RATIO]);
}

TalkieAspectRatio
talkie_avatar_grid_get_aspect_ratio (TalkieAvatarGrid *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR_GRID (self), TALKIE_ASPECT_RATIO_PORTRAIT);

  return self->aspect_ratio;
}

void
talkie_avatar_grid_set_source (TalkieAvatarGrid *self,
                               TalkieSource      source)
{
  g_return_if_fail (TALKIE_IS_AVATAR_GRID (self));
  g_return_if_fail (source <= TALKIE_SOURCE_MINE);

  if (self->source == source)
    return;

  self->source = source;
  sync_toggles (self);
  talkie_avatar_grid_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

TalkieSource
talkie_avatar_grid_get_source (TalkieAvatarGrid *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR_GRID (self), TALKIE_SOURCE_PUBLIC);

  return self->source;
}

TalkieAvatar *
talkie_avatar_grid_get_selected_avatar (TalkieAvatarGrid *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR_GRID (self), NULL);

  return self->selected;
}

const char *
talkie_avatar_grid_get_state (TalkieAvatarGrid *self)
{
  g_return_val_if_fail (TALKIE_IS_AVATAR_GRID (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
talkie_avatar_grid_focus_search (TalkieAvatarGrid *self)
{
  g_return_if_fail (TALKIE_IS_AVATAR_GRID (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkGridView *
talkie_avatar_grid_get_grid_view (TalkieAvatarGrid *self)
{
  return self->grid_view;
}

GtkEditable *
talkie_avatar_grid_get_search_entry (TalkieAvatarGrid *self)
{
  return GTK_EDITABLE (self->search_entry);
}

GtkButton *
talkie_avatar_grid_get_retry_button (TalkieAvatarGrid *self)
{
  return self->retry_button;
}

GtkToggleButton *
talkie_avatar_grid_get_mine_button (TalkieAvatarGrid *self)
{
  return self->mine_button;
}

GListModel *
talkie_avatar_grid_get_model (TalkieAvatarGrid *self)
{
  return G_LIST_MODEL (self->filter_model);
}

void
talkie_avatar_grid_focus_grid (TalkieAvatarGrid *self)
{
  g_return_if_fail (TALKIE_IS_AVATAR_GRID (self));

  /* On the chosen avatar, or the first. */
  if (g_str_equal (talkie_avatar_grid_get_state (self), "grid"))
    {
      guint position = gtk_single_selection_get_selected (self->selection);

      if (position != GTK_INVALID_LIST_POSITION)
        gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", position);
      if (gtk_widget_grab_focus (GTK_WIDGET (self->grid_view)))
        return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
talkie_avatar_grid_select_avatar_id (TalkieAvatarGrid *self,
                                     gint64            id)
{
  guint n;

  g_return_val_if_fail (TALKIE_IS_AVATAR_GRID (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieAvatar) avatar = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (talkie_avatar_get_id (avatar) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}
