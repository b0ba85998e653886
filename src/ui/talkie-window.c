/* talkie-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-application-private.h"
#include "talkie-avatar-grid.h"
#include "talkie-create-panel.h"
#include "talkie-renders-page.h"
#include "talkie-result-window.h"
#include "talkie-ui-retry.h"
#include "talkie-window.h"
#include "talkie-window-private.h"

struct _TalkieWindow
{
  AdwApplicationWindow  parent_instance;

  TalkieApplication    *application;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkSpinner           *loading_spinner;
  GtkLabel             *key_problem_label;
  AdwEntryRow          *key_row;
  GtkButton            *save_key_button;
  GtkLabel             *sandbox_tag;
  GtkButton            *back_button;
  GtkButton            *sidebar_button;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *renders_stack_page;
  AdwLeaflet           *leaflet;
  TalkieAvatarGrid     *avatar_grid;
  TalkieCreatePanel    *create_panel;
  TalkieRendersPage    *renders_page;

  /* The open result modal, if any (weak). */
  TalkieResultWindow   *result_window;

  guint                 header_source;
  GHashTable           *watched_jobs;  /* jobs whose state the badge follows */
  char                 *last_toast;
};

G_DEFINE_FINAL_TYPE (TalkieWindow, talkie_window, ADW_TYPE_APPLICATION_WINDOW)

static void
talkie_window_update_page (TalkieWindow *self)
{
  TalkieApplication *app = self->application;
  const char *problem = talkie_application_get_key_problem (app);
  const char *page;

  if (talkie_application_get_client (app) != NULL)
    page = "main";
  else if (talkie_application_get_busy (app))
    page = "loading";
  else
    page = "welcome";

  gtk_label_set_text (self->key_problem_label, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_problem_label), problem != NULL);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);

  if (g_str_equal (page, "welcome"))
    gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
client_changed_cb (TalkieWindow      *self,
                   GParamSpec        *pspec,
                   TalkieApplication *app)
{
  TalkieClient *client = talkie_application_get_client (app);

  talkie_avatar_grid_set_client (self->avatar_grid, client);
  talkie_create_panel_set_client (self->create_panel, client);
  talkie_renders_page_set_client (self->renders_page, client);
  if (self->result_window != NULL)
    talkie_result_view_set_client (talkie_result_window_get_view (self->result_window), client);

  talkie_window_update_page (self);
}

static void
update_running (TalkieWindow *self)
{
  TalkieHistory *history = self->application ? talkie_application_get_history (self->application) : NULL;
  guint n_running = 0;
  guint n;

  if (history == NULL)
    n = 0;
  else
    n = g_list_model_get_n_items (G_LIST_MODEL (history));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (G_LIST_MODEL (history), i);

      if (!talkie_job_state_is_final (talkie_render_job_get_state (job)) &&
          !talkie_render_job_get_stalled (job))
        n_running++;

      /* Every job once: its state changes move the count. */
      if (g_hash_table_add (self->watched_jobs, g_object_ref (job)))
        g_signal_connect_object (job, "notify::state",
                                 G_CALLBACK (update_running), self, G_CONNECT_SWAPPED);
    }

  /* The Renders tab counts what runs; the sidebar says it in a line. */
  adw_view_stack_page_set_badge_number (self->renders_stack_page, n_running);
  adw_view_stack_page_set_needs_attention (self->renders_stack_page, n_running > 0);
  talkie_create_panel_set_n_running (self->create_panel, n_running);
}

static void
history_items_changed_cb (TalkieWindow *self)
{
  update_running (self);
}

static void
history_changed_cb (TalkieWindow      *self,
                    GParamSpec        *pspec,
                    TalkieApplication *app)
{
  TalkieHistory *history = talkie_application_get_history (app);

  talkie_create_panel_set_history (self->create_panel, history);
  talkie_renders_page_set_history (self->renders_page, history);

  g_hash_table_remove_all (self->watched_jobs);
  if (history != NULL)
    g_signal_connect_object (history, "items-changed",
                             G_CALLBACK (history_items_changed_cb), self, G_CONNECT_SWAPPED);
  update_running (self);
}

static void
sandbox_changed_cb (TalkieWindow      *self,
                    GParamSpec        *pspec,
                    TalkieApplication *app)
{
  gtk_widget_set_visible (GTK_WIDGET (self->sandbox_tag), talkie_application_get_show_sandbox_badge (app));
}

static void
state_changed_cb (TalkieWindow      *self,
                  GParamSpec        *pspec,
                  TalkieApplication *app)
{
  talkie_window_update_page (self);
}

static void
key_changed_cb (TalkieWindow *self,
                GtkEditable  *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_key_button), text[0] != '\0');
}

static void
save_key_cb (TalkieWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  g_autofree char *key = g_strstrip (g_strdup (text));

  if (key[0] == '\0')
    return;

  talkie_application_save_key (self->application, key);

  if (talkie_application_get_client (self->application) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
}

static void
selected_avatar_changed_cb (TalkieWindow     *self,
                            GParamSpec       *pspec,
                            TalkieAvatarGrid *grid)
{
  talkie_create_panel_set_avatar (self->create_panel, talkie_avatar_grid_get_selected_avatar (grid));
}

static void
aspect_ratio_changed_cb (TalkieWindow     *self,
                         GParamSpec       *pspec,
                         TalkieAvatarGrid *grid)
{
  talkie_create_panel_set_aspect_ratio (self->create_panel, talkie_avatar_grid_get_aspect_ratio (grid));
}

static void
show_job_cb (TalkieWindow    *self,
             TalkieRenderJob *job,
             GtkWidget       *part)
{
  talkie_window_show_job (self, job);
}

static void
choose_avatar_cb (TalkieWindow      *self,
                  TalkieCreatePanel *panel)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "grid");
  talkie_avatar_grid_focus_grid (self->avatar_grid);
}

static void
created_cb (TalkieWindow      *self,
            guint              n_created,
            TalkieCreatePanel *panel)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (n_created == 0)
    return;

  /* The renders run on their page, not here: say where. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Render started",
                                        "%u renders started",
                                        n_created),
                           n_created);
  g_free (self->last_toast);
  self->last_toast = g_strdup (title);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_View"));
  adw_toast_set_action_name (toast, "win.show-renders");
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
use_settings_cb (TalkieWindow      *self,
                 TalkieRenderJob   *job,
                 TalkieRendersPage *page)
{
  g_autoptr(TalkieAvatar) avatar = talkie_ui_job_dup_avatar (job);
  g_autoptr(TalkieVoice) voice = talkie_ui_job_dup_voice (job);
  g_autoptr(TalkieAudioSource) audio = NULL;
  g_autoptr(GError) error = NULL;
  TalkieRenderOptions options = { 0 };

  talkie_ui_job_get_options (job, &options);
  audio = talkie_ui_job_dup_audio (job, &error);

  /* The grid's own avatar when it is shown, so that grid and sidebar agree. */
  if (!talkie_avatar_grid_select_avatar_id (self->avatar_grid, talkie_avatar_get_id (avatar)))
    talkie_create_panel_set_avatar (self->create_panel, avatar);
  talkie_create_panel_use_settings (self->create_panel, voice, audio, &options);

  adw_view_stack_set_visible_child_name (self->view_stack, "create");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");

  if (error != NULL)
    talkie_window_add_toast (self, error->message);
}

static void
grid_state_changed_cb (TalkieWindow     *self,
                       GParamSpec       *pspec,
                       TalkieAvatarGrid *grid)
{
  const char *state = talkie_avatar_grid_get_state (grid);
  TalkieClient *client = talkie_avatar_grid_get_client (grid);

  /* The server answered a list: the key works. */
  if (self->application != NULL && client != NULL &&
      (g_strcmp0 (state, "grid") == 0 || g_strcmp0 (state, "empty") == 0 ||
       g_strcmp0 (state, "no-results") == 0))
    talkie_application_confirm_key (self->application, client);
}

static void
avatar_activated_cb (TalkieWindow     *self,
                     TalkieAvatar     *avatar,
                     TalkieAvatarGrid *grid)
{
  /* On a narrow window the sidebar is the next page: Enter on an avatar goes there. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
load_failed_cb (TalkieWindow     *self,
                const GError     *error,
                TalkieAvatarGrid *grid)
{
  /* The core's message points at Preferences; here the key page is shown instead. */
  if (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INVALID_KEY))
    talkie_application_reject_key (self->application, NULL);
  else if (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NO_KEY))
    talkie_application_reject_key (self->application, error->message);
}

static gboolean
map_aspect_get (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  TalkieAspectRatio aspect;

  if (!talkie_aspect_ratio_from_string (g_variant_get_string (variant, NULL), &aspect))
    aspect = TALKIE_ASPECT_RATIO_PORTRAIT;

  g_value_set_enum (value, aspect);
  return TRUE;
}

static GVariant *
map_aspect_set (const GValue       *value,
                const GVariantType *expected_type,
                gpointer            user_data)
{
  return g_variant_new_string (talkie_aspect_ratio_to_string (g_value_get_enum (value)));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TalkieWindow *self = TALKIE_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "main"))
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "create");
  talkie_avatar_grid_focus_search (self->avatar_grid);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TalkieWindow *self = TALKIE_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "main"))
    return;

  if (talkie_create_panel_create (self->create_panel) == 0)
    {
      const char *reason = talkie_create_panel_get_reason (self->create_panel);

      /* Say why nothing happened, where the eye is. */
      if (reason != NULL)
        talkie_window_add_toast (self, reason);
    }
}

static void
choose_voice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TalkieWindow *self = TALKIE_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "main"))
    return;

  talkie_create_panel_choose_voice (self->create_panel);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TalkieWindow *self = TALKIE_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "create");
  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_child_focus (GTK_WIDGET (self->create_panel), GTK_DIR_TAB_FORWARD);
}

static void
back_clicked_cb (TalkieWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  talkie_avatar_grid_focus_grid (self->avatar_grid);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TalkieWindow *self = TALKIE_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack,
                                         g_str_equal (action_name, "win.show-renders") ? "renders" : "create");
}

static gboolean
talkie_window_close_request (GtkWindow *window)
{
  TalkieWindow *self = TALKIE_WINDOW (window);
  GSettings *settings = talkie_application_get_settings (self->application);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", maximized);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (talkie_window_parent_class)->close_request (window);
}

/* After construction: GtkWindow:application is not a construct property. */
static void
talkie_window_setup (TalkieWindow *self)
{
  GSettings *settings;

  self->application = TALKIE_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_assert (TALKIE_IS_APPLICATION (self->application));
  settings = talkie_application_get_settings (self->application);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  talkie_avatar_grid_set_cover_loader (self->avatar_grid,
                                       talkie_application_get_cover_loader (self->application));
  talkie_renders_page_set_cover_loader (self->renders_page,
                                        talkie_application_get_cover_loader (self->application));
  talkie_create_panel_set_cover_loader (self->create_panel,
                                        talkie_application_get_cover_loader (self->application));
  talkie_create_panel_set_settings (self->create_panel, settings);
  g_settings_bind_with_mapping (settings, "aspect-ratio",
                                self->avatar_grid, "aspect-ratio",
                                G_SETTINGS_BIND_DEFAULT,
                                map_aspect_get, map_aspect_set, NULL, NULL);

  g_signal_connect_object (self->application, "notify::client",
                           G_CALLBACK (client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::history",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::sandbox",
                           G_CALLBACK (sandbox_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::busy",
                           G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::key-problem",
                           G_CALLBACK (state_changed_cb), self, G_CONNECT_SWAPPED);

  client_changed_cb (self, NULL, self->application);
  history_changed_cb (self, NULL, self->application);
  sandbox_changed_cb (self, NULL, self->application);
  aspect_ratio_changed_cb (self, NULL, self->avatar_grid);
}

static void
talkie_window_dispose (GObject *object)
{
  TalkieWindow *self = (TalkieWindow *)object;

  g_clear_handle_id (&self->header_source, g_source_remove);
  g_clear_pointer (&self->watched_jobs, g_hash_table_unref);
  if (self->result_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->result_window));
  gtk_widget_dispose_template (GTK_WIDGET (object), TALKIE_TYPE_WINDOW);
  g_clear_pointer (&self->last_toast, g_free);

  G_OBJECT_CLASS (talkie_window_parent_class)->dispose (object);
}

static gboolean
update_header_cb (gpointer user_data)
{
  TalkieWindow *self = user_data;
  gboolean on_create, folded;
  const char *child;

  self->header_source = 0;

  on_create = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "create") == 0;
  folded = adw_leaflet_get_folded (self->leaflet);
  child = adw_leaflet_get_visible_child_name (self->leaflet);

  /* On a narrow window: Back from the sidebar to the grid, Next from the grid to
   * the sidebar; neither on the Renders page. */
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          on_create && folded && g_strcmp0 (child, "sidebar") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button),
                          on_create && folded && g_strcmp0 (child, "sidebar") != 0);

  return G_SOURCE_REMOVE;
}

static void
leaflet_changed_cb (TalkieWindow *self)
{
  /* The leaflet folds while it is being allocated: showing a header bar button
   * right then would leave the header bar without an allocation for a frame. */
  if (self->header_source == 0)
    self->header_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_header_cb, self, NULL);
}

static void
talkie_window_class_init (TalkieWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = talkie_window_dispose;
  window_class->close_request = talkie_window_close_request;

  g_type_ensure (TALKIE_TYPE_AVATAR_GRID);
  g_type_ensure (TALKIE_TYPE_CREATE_PANEL);
  g_type_ensure (TALKIE_TYPE_RENDERS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, key_problem_label);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, save_key_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, sandbox_tag);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, renders_stack_page);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, avatar_grid);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, create_panel);
  gtk_widget_class_bind_template_child (widget_class, TalkieWindow, renders_page);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-create", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-renders", NULL, show_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.choose-voice", NULL, choose_voice_action);
  gtk_widget_class_install_action (widget_class, "win.create", NULL, create_action);
}

static void
talkie_window_init (TalkieWindow *self)
{
  self->watched_jobs = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->avatar_grid, "notify::selected-avatar",
                           G_CALLBACK (selected_avatar_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->avatar_grid, "notify::aspect-ratio",
                           G_CALLBACK (aspect_ratio_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->avatar_grid, "avatar-activated",
                           G_CALLBACK (avatar_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->avatar_grid, "load-failed",
                           G_CALLBACK (load_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->avatar_grid, "notify::state",
                           G_CALLBACK (grid_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->create_panel, "choose-avatar",
                           G_CALLBACK (choose_avatar_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->create_panel, "created",
                           G_CALLBACK (created_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->renders_page, "use-settings",
                           G_CALLBACK (use_settings_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->renders_page, "show-job",
                           G_CALLBACK (show_job_cb), self, G_CONNECT_SWAPPED);
}

TalkieWindow *
talkie_window_new (TalkieApplication *application)
{
  TalkieWindow *self;

  g_return_val_if_fail (TALKIE_IS_APPLICATION (application), NULL);

  self = g_object_new (TALKIE_TYPE_WINDOW,
                       "application", application,
                       NULL);
  talkie_window_setup (self);

  return self;
}

void
talkie_window_add_toast (TalkieWindow *self,
                         const char   *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (TALKIE_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* A toast's title is markup, and messages may carry server text. */
  g_free (self->last_toast);
  self->last_toast = g_strdup (message);

  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
talkie_window_show_job (TalkieWindow    *self,
                        TalkieRenderJob *job)
{
  g_return_if_fail (TALKIE_IS_WINDOW (self));
  g_return_if_fail (TALKIE_IS_RENDER_JOB (job));

  /* One result at a time: a second request replaces the job shown. */
  if (self->result_window != NULL)
    {
      talkie_result_view_set_job (talkie_result_window_get_view (self->result_window), job);
      talkie_result_window_fit (self->result_window, job);
      gtk_window_present (GTK_WINDOW (self->result_window));
      return;
    }

  self->result_window = talkie_result_window_new (GTK_WINDOW (self),
                                                  talkie_application_get_client (self->application),
                                                  job);
  g_object_add_weak_pointer (G_OBJECT (self->result_window), (gpointer *)&self->result_window);

  gtk_window_present (GTK_WINDOW (self->result_window));
}

/* What "Open With Talkie" does: the files join the recordings on the Create
 * side, where each is measured (and refused, with its reason, if it is no
 * recording). */
void
talkie_window_add_recordings (TalkieWindow  *self,
                              GFile        **files,
                              int            n_files)
{
  TalkieAudioDrop *drop;

  g_return_if_fail (TALKIE_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  drop = talkie_create_panel_get_audio_drop (self->create_panel);
  for (int i = 0; i < n_files; i++)
    talkie_audio_drop_add_file (drop, files[i]);

  if (n_files > 0)
    adw_view_stack_set_visible_child_name (self->view_stack, "create");
}

const char *
talkie_window_get_page (TalkieWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

TalkieAvatarGrid *
talkie_window_get_avatar_grid (TalkieWindow *self)
{
  return self->avatar_grid;
}

const char *
talkie_window_get_key_problem_text (TalkieWindow *self)
{
  return gtk_label_get_text (self->key_problem_label);
}

GtkEditable *
talkie_window_get_key_entry (TalkieWindow *self)
{
  return GTK_EDITABLE (self->key_row);
}

GtkWidget *
talkie_window_get_create_panel (TalkieWindow *self)
{
  return GTK_WIDGET (self->create_panel);
}

GtkWidget *
talkie_window_get_renders_page (TalkieWindow *self)
{
  return GTK_WIDGET (self->renders_page);
}

const char *
talkie_window_get_last_toast (TalkieWindow *self)
{
  return self->last_toast;
}

GtkWindow *
talkie_window_get_result_window (TalkieWindow *self)
{
  return GTK_WINDOW (self->result_window);
}

AdwViewStack *
talkie_window_get_view_stack (TalkieWindow *self)
{
  return self->view_stack;
}

AdwLeaflet *
talkie_window_get_leaflet (TalkieWindow *self)
{
  return self->leaflet;
}

guint
talkie_window_get_renders_badge (TalkieWindow *self)
{
  return adw_view_stack_page_get_badge_number (self->renders_stack_page);
}
