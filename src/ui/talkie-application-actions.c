/* talkie-application-actions.c: the app's actions (app.*) and every
 * keyboard shortcut, window actions' included, in one table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-application-private.h"
#include "talkie-preferences-window.h"

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  TalkieApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *window = GTK_WINDOW (talkie_preferences_window_new (self));

  gtk_window_set_transient_for (window, parent);
  gtk_window_present (window);
}

/* Everything it says comes from the metainfo (talkie-application-about.c). */
static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  TalkieApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *about = _talkie_application_new_about_window (self);

  gtk_window_set_transient_for (about, parent);
  gtk_window_present (about);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  TalkieApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close (not destroy) so that each window saves its size. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
use_sandbox_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  TalkieApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!talkie_application_use_sandbox (self, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why the sandbox did not start */
      message = g_strdup_printf (_("The built-in sandbox could not start (%s). Try again, or enter a JoggAI key."),
                                 error->message);
      talkie_application_toast (self, message);
    }
}

static void
show_render_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  talkie_application_show_render (user_data, g_variant_get_string (param, NULL));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
  { "use-sandbox", use_sandbox_action },
  { "show-render", show_render_action, "s" },
};

static const struct {
  const char *action;
  const char *accels[2];
} shortcuts[] = {
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.show-create", { "<Alt>1", NULL } },
  { "win.show-renders", { "<Alt>2", NULL } },
  { "win.choose-voice", { "<Control>k", NULL } },
  { "win.create", { "<Control>Return", NULL } },
};

void
_talkie_application_init_actions (TalkieApplication *self)
{
  GAction *use_sandbox;

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  /* Nothing to switch to while on the sandbox already. */
  use_sandbox = g_action_map_lookup_action (G_ACTION_MAP (self), "use-sandbox");
  g_object_bind_property (self, "sandbox", use_sandbox, "enabled",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), shortcuts[i].action, shortcuts[i].accels);
}
