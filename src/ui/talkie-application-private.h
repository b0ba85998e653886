/* talkie-application-private.h: what the window, preferences and tests use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-application.h"

G_BEGIN_DECLS

/* Non-unique, without keyring lookup at start: signed in to @base_url with
 * @api_key straight away (NULL key: the welcome page). Saving or removing a
 * key still goes to the keyring. */
TalkieApplication *talkie_application_new_for_testing (const char        *base_url,
                                                       const char        *api_key);

/* Properties: "client", "history" (notify when replaced), "sandbox" (TRUE while on
 * the built-in sandbox), "busy" (TRUE while looking up the key), "key-problem"
 * (why the key page is shown again, NULL when there is nothing to say). */
gboolean           talkie_application_get_sandbox     (TalkieApplication *self);
gboolean           talkie_application_get_busy        (TalkieApplication *self);
const char        *talkie_application_get_key_problem (TalkieApplication *self);
/* The configured server, NULL for JoggAI. */
const char        *talkie_application_get_server_url  (TalkieApplication *self);

/* Signs in with @api_key on the configured server; the key goes into the
 * keyring once a call with it succeeded (talkie_application_confirm_key()). */
void               talkie_application_save_key        (TalkieApplication *self,
                                                       const char        *api_key);
/* A call with @client succeeded: its key, if just saved, is stored now. */
void               talkie_application_confirm_key     (TalkieApplication *self,
                                                       TalkieClient      *client);
/* Forgets the key (keyring too) and shows the key page. */
void               talkie_application_remove_key      (TalkieApplication *self);
/* A call said the key is not valid: back to the key page with @reason. */
void               talkie_application_reject_key      (TalkieApplication *self,
                                                       const char        *reason);
/* Starts the embedded sandbox and signs in to it. */
gboolean           talkie_application_use_sandbox     (TalkieApplication *self,
                                                       GError           **error);
/* Presents the main window and, when the render of @project_id (in the history)
 * succeeded, its result: what a click on a finished render's notification does
 * (app.show-render). */
void               talkie_application_show_render     (TalkieApplication *self,
                                                       const char        *project_id);
/* Shows a transient message in the main window. */
void               talkie_application_toast           (TalkieApplication *self,
                                                       const char        *message);
/* Checks a server URL for the preferences: empty, https, or http on loopback. */
gboolean           talkie_application_check_server_url (const char       *url,
                                                        GError          **error);

/* talkie-application-actions.c: app actions and every shortcut, at startup. */
void               _talkie_application_init_actions   (TalkieApplication *self);

/* talkie-application-about.c: the About window, from the metainfo. */
GtkWindow         *_talkie_application_new_about_window (TalkieApplication *self);

/* FALSE when TALKIE_HIDE_SANDBOX_BADGE=1 (for store screenshots) or when not
 * on the sandbox: whether the window shows its "Sandbox" badge. */
gboolean           talkie_application_get_show_sandbox_badge (TalkieApplication *self);

/* --- the object's insides, for its own files ----------------------------------------- */

struct _TalkieApplication
{
  AdwApplication     parent_instance;

  GSettingsSchema   *settings_schema;
  GSettings         *settings;
  TalkieClient      *client;
  TalkieHistory     *history;
  SoupSession       *media_session;
  TalkieCoverLoader *cover_loader;
  struct _TalkieSandboxHost *sandbox;       /* the embedded sandbox, on its own thread */
  char              *sandbox_dir;
  GCancellable      *cancellable;   /* the keyring lookup on its way */
  char              *key_problem;
  char              *server_url;    /* NULL for JoggAI */
  TalkieSession     *session;       /* the server, its key and its client */
  gboolean           key_pending;   /* entered, not yet accepted by the server */

  char              *testing_base_url;
  char              *testing_api_key;

  guint              testing : 1;
  guint              start_sandbox : 1;
  guint              busy : 1;
  guint              started : 1;
  guint              save_problem_told : 1;
  guint              hide_sandbox_badge : 1;
};

/* talkie-application.c */
gboolean           _talkie_application_set_str         (char              **str_pointer,
                                                        const char         *new_str);
void               _talkie_application_set_client      (TalkieApplication  *self,
                                                        TalkieClient       *client);
void               _talkie_application_set_key_problem (TalkieApplication  *self,
                                                        const char         *problem);
void               _talkie_application_set_busy        (TalkieApplication  *self,
                                                        gboolean            busy);
void               _talkie_application_stop_sandbox    (TalkieApplication  *self);

/* talkie-application-session.c */
void               _talkie_application_start_session   (TalkieApplication  *self);
void               _talkie_application_server_url_changed_cb (TalkieApplication *self,
                                                              const char        *key,
                                                              GSettings         *settings);

G_END_DECLS
