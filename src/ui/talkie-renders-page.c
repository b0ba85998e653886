/* talkie-renders-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-job-row.h"
#include "talkie-renders-page.h"
#include "talkie-ui-retry.h"

struct _TalkieRendersPage
{
  AdwBin              parent_instance;

  TalkieHistory      *history;
  TalkieClient       *client;
  TalkieCoverLoader  *cover_loader;
  GtkCustomFilter    *filter;
  GtkFilterListModel *shown;
  GHashTable         *removing;      /* jobs hidden while their "Undo" toast shows */

  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkListBox         *list;
};

G_DEFINE_FINAL_TYPE (TalkieRendersPage, talkie_renders_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

enum {
  SHOW_JOB,
  USE_SETTINGS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
job_is_shown (gpointer item,
              gpointer user_data)
{
  TalkieRendersPage *self = user_data;

  return !g_hash_table_contains (self->removing, item);
}

static void
update_page (TalkieRendersPage *self)
{
  const char *page;

  page = g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0 ? "list" : "empty";

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) != 0)
    {
      gtk_stack_set_visible_child_name (self->stack, page);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

static void
row_remove_cb (TalkieRendersPage *self,
               TalkieJobRow      *row)
{
  TalkieRenderJob *job = talkie_job_row_get_job (row);

  if (job != NULL)
    talkie_renders_page_remove (self, job);
}

static void
row_watch_cb (TalkieRendersPage *self,
              TalkieJobRow      *row)
{
  TalkieRenderJob *job = talkie_job_row_get_job (row);

  if (job != NULL)
    g_signal_emit (self, signals[SHOW_JOB], 0, job);
}

static void
add_toast (TalkieRendersPage *self,
           const char        *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
row_retry_cb (TalkieRendersPage *self,
              TalkieJobRow      *row)
{
  TalkieRenderJob *job = talkie_job_row_get_job (row);

  if (job != NULL)
    talkie_renders_page_retry (self, job);
}

static void
row_reuse_cb (TalkieRendersPage *self,
              TalkieJobRow      *row)
{
  TalkieRenderJob *job = talkie_job_row_get_job (row);

  if (job != NULL)
    g_signal_emit (self, signals[USE_SETTINGS], 0, job);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TalkieRendersPage *self = user_data;
  GtkWidget *row;
  GtkWidget *job_row;

  job_row = talkie_job_row_new (item);
  talkie_job_row_set_cover_loader (TALKIE_JOB_ROW (job_row), self->cover_loader);
  talkie_job_row_set_show_time (TALKIE_JOB_ROW (job_row), TRUE);
  talkie_job_row_set_removable (TALKIE_JOB_ROW (job_row), TRUE);
  g_signal_connect_object (job_row, "remove", G_CALLBACK (row_remove_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job_row, "watch", G_CALLBACK (row_watch_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job_row, "retry", G_CALLBACK (row_retry_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (job_row, "reuse", G_CALLBACK (row_reuse_cb), self, G_CONNECT_SWAPPED);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), job_row);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static void
row_activated_cb (TalkieRendersPage *self,
                  GtkListBoxRow     *row)
{
  TalkieJobRow *job_row = TALKIE_JOB_ROW (gtk_list_box_row_get_child (row));
  TalkieRenderJob *job = talkie_job_row_get_job (job_row);
  TalkieJobState state;

  if (job == NULL)
    return;

  /* A render still on its way has nothing to show yet. */
  state = talkie_render_job_get_state (job);
  if (state == TALKIE_JOB_STATE_SUCCEEDED || state == TALKIE_JOB_STATE_FAILED)
    g_signal_emit (self, signals[SHOW_JOB], 0, job);
}

static void
bind_list (TalkieRendersPage *self)
{
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->shown), create_row, self, NULL);
  update_page (self);
}

typedef struct
{
  TalkieRendersPage *self;
  TalkieRenderJob   *job;
} RemoveData;

static void
remove_data_free (gpointer  data,
                  GClosure *closure)
{
  RemoveData *remove = data;

  g_clear_object (&remove->job);
  g_free (remove);
}

static void
undo_clicked_cb (AdwToast   *toast,
                 RemoveData *data)
{
  TalkieRendersPage *self = data->self;

  if (g_hash_table_remove (self->removing, data->job))
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
}

static void
toast_dismissed_cb (AdwToast   *toast,
                    RemoveData *data)
{
  TalkieRendersPage *self = data->self;

  /* Not undone: now it goes for good. */
  if (g_hash_table_remove (self->removing, data->job))
    {
      if (self->history != NULL)
        talkie_history_remove (self->history, data->job);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
    }
}

void
talkie_renders_page_remove (TalkieRendersPage *self,
                            TalkieRenderJob   *job)
{
  AdwToast *toast;
  RemoveData *data;

  g_return_if_fail (TALKIE_IS_RENDERS_PAGE (self));
  g_return_if_fail (TALKIE_IS_RENDER_JOB (job));

  if (g_hash_table_contains (self->removing, job))
    return;

  g_hash_table_add (self->removing, g_object_ref (job));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_MORE_STRICT);

  data = g_new0 (RemoveData, 1);
  /* Not a reference: the toast lives inside the page. */
  data->self = self;
  data->job = g_object_ref (job);

  toast = adw_toast_new (_("Render removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 5);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), data);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), data,
                         remove_data_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Removals still waiting for their toast are done now, in the history they came from. */
static void
apply_pending_removals (TalkieRendersPage *self)
{
  GHashTableIter iter;
  gpointer job;

  if (self->history != NULL)
    {
      g_hash_table_iter_init (&iter, self->removing);
      while (g_hash_table_iter_next (&iter, &job, NULL))
        talkie_history_remove (self->history, job);
    }

  g_hash_table_remove_all (self->removing);
}

static void
talkie_renders_page_dispose (GObject *object)
{
  TalkieRendersPage *self = (TalkieRendersPage *)object;

  if (self->removing != NULL)
    apply_pending_removals (self);

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_RENDERS_PAGE);

  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->history);
  g_clear_object (&self->client);
  g_clear_object (&self->cover_loader);

  G_OBJECT_CLASS (talkie_renders_page_parent_class)->dispose (object);
}

static void
talkie_renders_page_finalize (GObject *object)
{
  TalkieRendersPage *self = (TalkieRendersPage *)object;

  g_clear_pointer (&self->removing, g_hash_table_unref);

  G_OBJECT_CLASS (talkie_renders_page_parent_class)->finalize (object);
}

static void
talkie_renders_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TalkieRendersPage *self = TALKIE_RENDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, talkie_renders_page_get_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_renders_page_class_init (TalkieRendersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_renders_page_dispose;
  object_class->finalize = talkie_renders_page_finalize;
  object_class->get_property = talkie_renders_page_get_property;

  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "empty",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_JOB] =
    g_signal_new ("show-job",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TALKIE_TYPE_RENDER_JOB);
  signals[USE_SETTINGS] =
    g_signal_new ("use-settings",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TALKIE_TYPE_RENDER_JOB);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-renders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieRendersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TalkieRendersPage, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  g_type_ensure (TALKIE_TYPE_JOB_ROW);
}

static void
talkie_renders_page_init (TalkieRendersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's own child: not a bound template child, or it would be unparented twice. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  self->removing = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->filter = gtk_custom_filter_new (job_is_shown, self, NULL);
  self->shown = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_object (self->shown, "items-changed",
                           G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);

  bind_list (self);
}

void
talkie_renders_page_set_history (TalkieRendersPage *self,
                                 TalkieHistory     *history)
{
  g_return_if_fail (TALKIE_IS_RENDERS_PAGE (self));
  g_return_if_fail (history == NULL || TALKIE_IS_HISTORY (history));

  if (self->history == history)
    return;

  apply_pending_removals (self);

  g_set_object (&self->history, history);
  gtk_filter_list_model_set_model (self->shown, G_LIST_MODEL (history));
  update_page (self);
}

void
talkie_renders_page_set_cover_loader (TalkieRendersPage *self,
                                      TalkieCoverLoader *loader)
{
  g_return_if_fail (TALKIE_IS_RENDERS_PAGE (self));
  g_return_if_fail (loader == NULL || TALKIE_IS_COVER_LOADER (loader));

  if (!g_set_object (&self->cover_loader, loader))
    return;

  /* Rebuild the rows with the new loader. */
  bind_list (self);
}

const char *
talkie_renders_page_get_page (TalkieRendersPage *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDERS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
talkie_renders_page_get_shown (TalkieRendersPage *self)
{
  g_return_val_if_fail (TALKIE_IS_RENDERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->shown);
}

void
talkie_renders_page_set_client (TalkieRendersPage *self,
                                TalkieClient      *client)
{
  g_return_if_fail (TALKIE_IS_RENDERS_PAGE (self));
  g_return_if_fail (client == NULL || TALKIE_IS_CLIENT (client));

  g_set_object (&self->client, client);
}

TalkieRenderJob *
talkie_renders_page_retry (TalkieRendersPage *self,
                           TalkieRenderJob   *job)
{
  g_autoptr(TalkieRenderJob) again = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TALKIE_IS_RENDERS_PAGE (self), NULL);
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);

  if (self->client == NULL || self->history == NULL)
    {
      add_toast (self, _("Connect to JoggAI first"));
      return NULL;
    }

  if (!(again = talkie_ui_job_new_retry (job, self->client, &error)))
    {
      add_toast (self, error->message);
      return NULL;
    }

  /* The new render comes first in the list; the one that failed stays below it. */
  talkie_history_add (self->history, again);
  talkie_render_job_start (again);
  add_toast (self, _("Rendering again"));

  return again;
}
