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

G_END_DECLS
