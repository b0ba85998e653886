/* talkie-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-application-private.h"
#include "talkie-preferences-window.h"

struct _TalkiePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  TalkieApplication    *application;

  AdwPreferencesGroup  *account_group;
  AdwEntryRow          *key_row;
  GtkButton            *save_key_button;
  AdwActionRow         *remove_row;
  AdwComboRow          *background_row;
  GtkSwitch            *subtitles_switch;
  AdwEntryRow          *server_row;
  GtkLabel             *server_error_label;
};

G_DEFINE_FINAL_TYPE (TalkiePreferencesWindow, talkie_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
talkie_preferences_window_toast (TalkiePreferencesWindow *self,
                                 const char              *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static void
update_account (TalkiePreferencesWindow *self)
{
  gboolean sandbox = talkie_application_get_sandbox (self->application);
  gboolean signed_in = talkie_application_get_client (self->application) != NULL;

  if (sandbox)
    {
      adw_preferences_group_set_description (self->account_group,
                                             _("You are on the built-in sandbox. Enter a JoggAI key to make real renders."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->remove_row), _("Leave the Sandbox"));
      adw_action_row_set_subtitle (self->remove_row, _("Stop the sandbox and go back to the key page"));
    }
  else
    {
      adw_preferences_group_set_description (self->account_group,
                                             _("Your key is kept in your keyring, never in a file."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->remove_row), _("Remove API Key"));
      adw_action_row_set_subtitle (self->remove_row, _("Forget the key on this computer and sign out"));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row),
                                 signed_in && !sandbox ? _("Replace _API Key") : _("_API Key"));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_row), signed_in);
}

static void
key_apply_cb (TalkiePreferencesWindow *self,
              AdwEntryRow             *row)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  const char *problem;

  if (key[0] == '\0')
    {
      talkie_preferences_window_toast (self, _("The key is empty. Paste the API key from your JoggAI account."));
      return;
    }

  talkie_application_save_key (self->application, key);
  gtk_editable_set_text (GTK_EDITABLE (row), "");

  if ((problem = talkie_application_get_key_problem (self->application)))
    talkie_preferences_window_toast (self, problem);
  else
    talkie_preferences_window_toast (self, _("The new key is in use."));
}

static void
save_key_clicked_cb (TalkiePreferencesWindow *self,
                     GtkButton               *button)
{
  key_apply_cb (self, self->key_row);
}

static void
key_changed_cb (TalkiePreferencesWindow *self,
                AdwEntryRow             *row)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_key_button), key[0] != '\0');
}

static void
remove_clicked_cb (TalkiePreferencesWindow *self,
                   GtkButton               *button)
{
  talkie_application_remove_key (self->application);
  gtk_window_close (GTK_WINDOW (self));
}

static void
server_changed_cb (TalkiePreferencesWindow *self,
                   AdwEntryRow             *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->server_error_label), FALSE);
}

static void
server_apply_cb (TalkiePreferencesWindow *self,
                 AdwEntryRow             *row)
{
  GSettings *settings = talkie_application_get_settings (self->application);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (!talkie_application_check_server_url (url, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_label_set_text (self->server_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->server_error_label), TRUE);
      return;
    }

  /* Strip a trailing slash: paths are appended to the base. */
  while (url[0] != '\0' && g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';

  g_settings_set_string (settings, "server-url", url);
  talkie_preferences_window_toast (self, url[0] ? _("Talkie now talks to the new server.")
                                                : _("Talkie now talks to JoggAI."));
}

static gboolean
map_style_get (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "green-screen") ? 1 : 0);
  return TRUE;
}

static GVariant *
map_style_set (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "green-screen" : "background");
}

static void
talkie_preferences_window_setup (TalkiePreferencesWindow *self)
{
  GSettings *settings;
  const char *server;

  g_assert (TALKIE_IS_APPLICATION (self->application));
  settings = talkie_application_get_settings (self->application);

  g_settings_bind_with_mapping (settings, "default-screen-style",
                                self->background_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                map_style_get, map_style_set, NULL, NULL);
  g_settings_bind (settings, "default-subtitles",
                   self->subtitles_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  server = talkie_application_get_server_url (self->application);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server ? server : "");
  server_changed_cb (self, self->server_row);

  g_signal_connect_object (self->application, "notify::client",
                           G_CALLBACK (update_account), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::sandbox",
                           G_CALLBACK (update_account), self, G_CONNECT_SWAPPED);
  update_account (self);
}

static void
talkie_preferences_window_dispose (GObject *object)
{
  TalkiePreferencesWindow *self = (TalkiePreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), TALKIE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (talkie_preferences_window_parent_class)->dispose (object);
}

static void
talkie_preferences_window_class_init (TalkiePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkiePreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, TalkiePreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, TalkiePreferencesWindow, save_key_button);
  gtk_widget_class_bind_template_child (widget_class, TalkiePreferencesWindow, remove_row);
  gtk_widget_class_bind_template_child (widget_class, TalkiePreferencesWindow, background_row);
  gtk_widget_class_bind_template_child (widget_class, TalkiePreferencesWindow, subtitles_switch);
  gtk_widget_class_bind_template_child (widget_class, TalkiePreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, TalkiePreferencesWindow, server_error_label);
  gtk_widget_class_bind_template_callback (widget_class, key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_key_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_apply_cb);
}

static void
talkie_preferences_window_init (TalkiePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
talkie_preferences_window_new (TalkieApplication *application)
{
  TalkiePreferencesWindow *self;

  g_return_val_if_fail (TALKIE_IS_APPLICATION (application), NULL);

  self = g_object_new (TALKIE_TYPE_PREFERENCES_WINDOW, NULL);
  self->application = g_object_ref (application);
  talkie_preferences_window_setup (self);

  return GTK_WIDGET (self);
}
