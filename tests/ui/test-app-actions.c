/* test-app-actions.c: the application's actions in the real window against the
 * sandbox, under Xvfb: the built-in sandbox, the search shortcut, preferences
 * and about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <adwaita.h>

#include "talkie-preferences-window.h"

#include "talkie-test-window-world.h"

/* --- keyboard, preferences ------------------------------------------------------- */

static gboolean
search_has_focus (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (world.window));
  GtkWidget *entry = GTK_WIDGET (talkie_avatar_grid_get_search_entry (grid ()));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  return talkie_test_ui_find (widget, is_label_with_text, text);
}

static gboolean
sandbox_tag_shown (gpointer data)
{
  GtkWidget *tag = find_label (GTK_WIDGET (world.window), "Sandbox");

  return tag != NULL && gtk_widget_get_mapped (tag) == GPOINTER_TO_INT (data);
}

static void
test_built_in_sandbox (void)
{
  TalkieClient *client;

  talkie_application_remove_key (world.app);
  wait_for (page_is, (gpointer) "welcome", "the key page");

  /* The key page's second button: the sandbox inside the app, on its own thread. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (world.app), "use-sandbox"));
  g_action_group_activate_action (G_ACTION_GROUP (world.app), "use-sandbox", NULL);
  wait_for (page_is, (gpointer) "main", "the main page on the built-in sandbox");
  g_assert_true (talkie_application_get_sandbox (world.app));
  client = talkie_application_get_client (world.app);
  g_assert_nonnull (client);
  g_assert_cmpstr (talkie_client_get_base_url (client), !=, talkie_sandbox_get_base_url (world.sandbox));
  g_assert_true (g_str_has_prefix (talkie_client_get_base_url (client), "http://127.0.0.1:"));
  wait_for (sandbox_tag_shown, GINT_TO_POINTER (TRUE), "the Sandbox tag");
  wait_for_filled_grid ();
  save_screenshot ("built-in-sandbox");

  /* Leaving it: back to the key page, the tag gone. */
  talkie_application_remove_key (world.app);
  wait_for (page_is, (gpointer) "welcome", "the key page");
  g_assert_false (talkie_application_get_sandbox (world.app));

  talkie_application_save_key (world.app, talkie_sandbox_get_api_key (world.sandbox));
  wait_for (page_is, (gpointer) "main", "the main page");
  wait_for (sandbox_tag_shown, GINT_TO_POINTER (FALSE), "the Sandbox tag to go");
  g_assert_cmpstr (talkie_client_get_base_url (talkie_application_get_client (world.app)), ==,
                   talkie_sandbox_get_base_url (world.sandbox));
  wait_for_filled_grid ();
}

static void
test_keyboard_search (void)
{
  g_auto(GStrv) accels = NULL;

  wait_for_filled_grid ();

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (world.app), "win.search");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>f");

  adw_view_stack_set_visible_child_name (talkie_window_get_view_stack (world.window), "renders");
  save_screenshot ("renders-tab");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (world.window), "win.search", NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (talkie_window_get_view_stack (world.window)), ==, "create");
  wait_for (search_has_focus, NULL, "the search entry to take the focus");
}

static GtkWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (TALKIE_IS_PREFERENCES_WINDOW (window))
        return window;
    }

  return NULL;
}

static gboolean
preferences_shown (gpointer data)
{
  GtkWindow *window = find_preferences ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

typedef struct
{
  GType       type;
  const char *title;
} TypeAndTitle;

static gboolean
is_row_of_type_and_title (GtkWidget     *widget,
                          gconstpointer  data)
{
  const TypeAndTitle *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), wanted->title) == 0;
}

static GtkWidget *
find_by_type_and_title (GtkWidget  *widget,
                        GType       type,
                        const char *title)
{
  TypeAndTitle wanted = { type, title };

  return talkie_test_ui_find (widget, is_row_of_type_and_title, &wanted);
}

static gboolean
is_visible_error_label (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_visible (widget);
}

static GtkWidget *
find_visible_label (GtkWidget *widget)
{
  return talkie_test_ui_find (widget, is_visible_error_label, NULL);
}

static GtkWindow *
find_about (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
about_shown (gpointer data)
{
  return find_about () != NULL;
}

static gboolean
about_gone (gpointer data)
{
  return find_about () == NULL;
}

static void
test_about (void)
{
  g_auto(GStrv) accels = NULL;
  GtkWindow *about;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (world.app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (world.app), "app.preferences");
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  g_action_group_activate_action (G_ACTION_GROUP (world.app), "about", NULL);
  wait_for (about_shown, NULL, "the about window");
  about = find_about ();
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Talkie");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  /* The rest is read from the metainfo (data/APP_ID.metainfo.xml.in). */
  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==, "The Talkie developers");
  g_assert_cmpstr (adw_about_window_get_comments (ADW_ABOUT_WINDOW (about)), ==, "Turn your voice into avatar videos");
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, "https://github.com/talkie/talkie");
  g_assert_cmpstr (adw_about_window_get_issue_url (ADW_ABOUT_WINDOW (about)), ==, "https://github.com/talkie/talkie/issues");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_release_notes_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)),
                                   "<p>The first release of Talkie.</p><ul><li>"));
  g_assert_true (g_str_has_suffix (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)), "</li></ul>"));
  g_assert_null (strstr (adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about)), "\n"));
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (world.window));
  save_window_screenshot (about, "about");
  gtk_window_close (about);
  wait_for (about_gone, NULL, "the about window to close");
}

static void
test_preferences (void)
{
  GSettings *settings = talkie_application_get_settings (world.app);
  g_autofree char *base = g_strconcat (talkie_sandbox_get_base_url (world.sandbox), "/", NULL);
  g_autofree char *saved = NULL;
  TalkieClient *old_client;
  GtkWindow *preferences;
  GtkWidget *server_row;
  GtkWidget *error_label;
  GtkWidget *key_row;
  GtkWidget *background_row;
  GtkWidget *subtitles;
  GtkButton *save;

  wait_for_filled_grid ();

  g_action_group_activate_action (G_ACTION_GROUP (world.app), "preferences", NULL);
  wait_for (preferences_shown, NULL, "the preferences");
  preferences = find_preferences ();
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (world.window));
  save_window_screenshot (preferences, "preferences");

  server_row = find_by_type_and_title (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Se_rver URL");
  g_assert_nonnull (server_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (server_row)), ==, talkie_sandbox_get_base_url (world.sandbox));

  /* Plain http to another machine is refused, and said so. */
  gtk_editable_set_text (GTK_EDITABLE (server_row), "http://api.example.com");
  g_signal_emit_by_name (server_row, "apply");
  g_assert_true (gtk_widget_has_css_class (server_row, "error"));
  error_label = find_visible_label (GTK_WIDGET (preferences));
  g_assert_nonnull (error_label);
  g_test_message ("Refused: %s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https"));
  saved = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (saved, ==, "");
  save_window_screenshot (preferences, "preferences-bad-server");

  /* Loopback http is fine: a new client, the grid fills again. */
  gtk_editable_set_text (GTK_EDITABLE (server_row), base);
  g_assert_false (gtk_widget_has_css_class (server_row, "error"));
  g_signal_emit_by_name (server_row, "apply");
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (saved, ==, talkie_sandbox_get_base_url (world.sandbox));
  wait_for (page_is, (gpointer) "main", "the main page");
  g_assert_nonnull (talkie_application_get_client (world.app));
  g_assert_cmpstr (talkie_client_get_base_url (talkie_application_get_client (world.app)), ==,
                   talkie_sandbox_get_base_url (world.sandbox));

  /* The defaults for new renders are the settings themselves. */
  background_row = find_by_type_and_title (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, "_Background");
  g_assert_nonnull (background_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (background_row), 1);
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (settings, "default-screen-style");
  g_assert_cmpstr (saved, ==, "green-screen");
  g_settings_set_string (settings, "default-screen-style", "background");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (background_row)), ==, 0);
  subtitles = talkie_test_ui_find_type (GTK_WIDGET (preferences), GTK_TYPE_SWITCH);
  g_assert_nonnull (subtitles);
  g_assert_false (g_settings_get_boolean (settings, "default-subtitles"));
  gtk_switch_set_active (GTK_SWITCH (subtitles), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "default-subtitles"));
  g_settings_set_boolean (settings, "default-subtitles", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (subtitles)));

  /* Replacing the key: a new client, handed to the window. */
  old_client = g_object_ref (talkie_application_get_client (world.app));
  key_row = find_by_type_and_title (GTK_WIDGET (preferences), ADW_TYPE_PASSWORD_ENTRY_ROW, "Replace _API Key");
  g_assert_nonnull (key_row);
  save = find_button (GTK_WIDGET (preferences), "_Save");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  gtk_editable_set_text (GTK_EDITABLE (key_row), talkie_sandbox_get_api_key (world.sandbox));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (save)));
  g_signal_emit_by_name (save, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
  g_assert_nonnull (talkie_application_get_client (world.app));
  g_assert_true (talkie_application_get_client (world.app) != old_client);
  g_assert_true (talkie_avatar_grid_get_client (grid ()) == talkie_application_get_client (world.app));
  g_clear_object (&old_client);

  gtk_window_close (preferences);
  wait_for_filled_grid ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  talkie_test_window_init (&argc, &argv);

  g_test_add_func ("/ui/app-actions/built-in-sandbox", test_built_in_sandbox);
  g_test_add_func ("/ui/app-actions/keyboard-search", test_keyboard_search);
  g_test_add_func ("/ui/app-actions/preferences", test_preferences);
  g_test_add_func ("/ui/app-actions/about", test_about);

  ret = g_test_run ();

  talkie_test_window_finish ();

  return ret;
}
