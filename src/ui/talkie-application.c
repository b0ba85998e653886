/* talkie-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>


#include "talkie-application.h"
#include "talkie-application-private.h"
#include "talkie-build-tree.h"
#include "talkie-cover-loader-private.h"
#include "talkie-preferences-window.h"
#include "talkie-sandbox-host.h"
#include "talkie-ui-error.h"
#include "talkie-window.h"


enum {
  PROP_0,
  PROP_CLIENT,
  PROP_HISTORY,
  PROP_SANDBOX,
  PROP_BUSY,
  PROP_KEY_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TalkieApplication, talkie_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "sandbox", 's', 0, G_OPTION_ARG_NONE, NULL,
    N_("Start with the built-in sandbox instead of a JoggAI account"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};


/* The configured server, NULL for JoggAI. */
const char *
talkie_application_get_server_url (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), NULL);

  if (self->testing_base_url != NULL)
    return self->testing_base_url;

  return self->server_url;
}

gboolean
_talkie_application_set_str (char       **str_pointer,
                             const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

/* Core's rule (talkie_url_check_base()), in the app's words: empty is JoggAI. */
gboolean
talkie_application_check_server_url (const char  *url,
                                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;

  if (url == NULL || url[0] == '\0')
    return TRUE;

  if (!(base = talkie_url_check_base (url, &local_error)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s %s", local_error->message,
                   _("Enter one such as https://api.example.com, or leave it empty for JoggAI."));
      return FALSE;
    }

  return TRUE;
}

/* The main window, whichever window has the focus; NULL when there is none. */
static TalkieWindow *
find_main_window (TalkieApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (TALKIE_IS_WINDOW (l->data))
        return TALKIE_WINDOW (l->data);
    }

  return NULL;
}

void
talkie_application_toast (TalkieApplication *self,
                          const char        *message)
{
  TalkieWindow *window;

  g_return_if_fail (TALKIE_IS_APPLICATION (self));
  g_return_if_fail (message != NULL);

  if ((window = find_main_window (self)))
    talkie_window_add_toast (window, message);
  else
    g_message ("%s", message);
}

void
_talkie_application_set_key_problem (TalkieApplication *self,
                                     const char        *problem)
{
  if (_talkie_application_set_str (&self->key_problem, problem))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_PROBLEM]);
}

void
_talkie_application_set_busy (TalkieApplication *self,
                              gboolean           busy)
{
  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static GFile *
talkie_application_dup_history_file (TalkieApplication *self)
{
  if (self->sandbox == NULL)
    return NULL;

  /* Sandbox renders die with the sandbox: they never mix with real ones. */
  if (self->sandbox_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!(self->sandbox_dir = g_dir_make_tmp ("talkie-sandbox-XXXXXX", &error)))
        {
          g_warning ("Could not make a folder for the sandbox’s renders: %s", error->message);
          return NULL;
        }
    }

  return g_file_new_build_filename (self->sandbox_dir, "history.json", NULL);
}

static TalkieRenderJob *
find_job (TalkieApplication *self,
          const char        *project_id)
{
  GListModel *history;
  guint n;

  if (self->history == NULL || project_id == NULL)
    return NULL;

  history = G_LIST_MODEL (self->history);
  n = g_list_model_get_n_items (history);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (history, i);

      if (g_strcmp0 (talkie_render_job_get_project_id (job), project_id) == 0)
        return job;
    }

  return NULL;
}

void
talkie_application_show_render (TalkieApplication *self,
                                const char        *project_id)
{
  TalkieWindow *window;
  TalkieRenderJob *job;

  g_return_if_fail (TALKIE_IS_APPLICATION (self));

  if (!(window = find_main_window (self)))
    {
      g_application_activate (G_APPLICATION (self));
      if (!(window = find_main_window (self)))
        return;
    }

  gtk_window_present (GTK_WINDOW (window));

  job = find_job (self, project_id);
  if (job != NULL && talkie_render_job_get_state (job) == TALKIE_JOB_STATE_SUCCEEDED)
    talkie_window_show_job (window, job);
}

/* A render that ends while the user is elsewhere is told with a notification,
 * whether it was started in this run or taken up again from the history. */
static void
notify_finished (TalkieApplication *self,
                 TalkieRenderJob   *job)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  TalkieJobState state = talkie_render_job_get_state (job);
  const char *project_id = talkie_render_job_get_project_id (job);
  TalkieWindow *window = find_main_window (self);

  if (window == NULL || gtk_window_is_active (GTK_WINDOW (window)))
    return;

  if (state == TALKIE_JOB_STATE_CANCELLED || !g_application_get_is_registered (G_APPLICATION (self)))
    return;

  if (state == TALKIE_JOB_STATE_SUCCEEDED)
    {
      notification = g_notification_new (_("Your Video Is Ready"));
      /* Translators: the avatar's name and the recording's name */
      body = g_strdup_printf (_("%s speaking “%s”. Click to watch it."),
                              talkie_render_job_get_avatar_name (job),
                              talkie_render_job_get_audio_name (job));
    }
  else
    {
      g_autofree char *reason = talkie_ui_job_failure_message (job);

      notification = g_notification_new (_("Your Video Could Not Be Made"));
      body = g_strdup (reason ? reason : _("The render failed. Open Talkie to try again."));
    }

  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-render", "s",
                                                project_id ? project_id : "");

  id = g_strdup_printf ("render-%s", project_id ? project_id : "unknown");
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
job_finished_cb (TalkieApplication *self,
                 TalkieRenderJob   *job)
{
  const GError *error = talkie_render_job_get_error (job);

  notify_finished (self, job);

  /* Any call may learn that the key is no good: back to the key page. */
  if (g_error_matches (error, TALKIE_API_ERROR, TALKIE_API_ERROR_INVALID_KEY) &&
      self->client != NULL)
    talkie_application_reject_key (self, NULL);
}

static void
history_items_changed_cb (TalkieApplication *self,
                          guint              position,
                          guint              removed,
                          guint              added,
                          GListModel        *history)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(TalkieRenderJob) job = g_list_model_get_item (history, i);

      if (g_object_get_data (G_OBJECT (job), "talkie-watched"))
        continue;

      g_object_set_data (G_OBJECT (job), "talkie-watched", GINT_TO_POINTER (TRUE));
      g_signal_connect_object (job, "finished", G_CALLBACK (job_finished_cb), self, G_CONNECT_SWAPPED);
    }
}

/* Told once per run of failures: the next good save ends the run. */
static void
history_save_error_cb (TalkieApplication *self,
                       GParamSpec        *pspec,
                       TalkieHistory     *history)
{
  const char *problem = talkie_history_get_save_error (history);

  if (problem == NULL)
    {
      self->save_problem_told = FALSE;
      return;
    }

  if (self->save_problem_told)
    return;

  self->save_problem_told = TRUE;
  /* The whole story (which file, which error) goes to the log; a toast is one line. */
  g_message ("%s", problem);
  talkie_application_toast (self, _("Your renders could not be saved. Free some disk space: Talkie tries again with the next change."));
}

void
_talkie_application_set_client (TalkieApplication *self,
                                TalkieClient      *client)
{
  g_autoptr(TalkieHistory) old_history = NULL;

  g_assert (TALKIE_IS_APPLICATION (self));
  g_assert (!client || TALKIE_IS_CLIENT (client));

  if (client == self->client)
    return;

  g_set_object (&self->client, client);

  /* The history's jobs poll with a client: a new client, a new history. The old
   * one is let go of everywhere, and writes what it has, before the new one reads
   * the same file: two histories must never write it at once. */
  old_history = g_steal_pointer (&self->history);
  if (old_history != NULL)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
      talkie_history_save (old_history, NULL);
      g_clear_object (&old_history);
    }

  if (client != NULL)
    {
      g_autoptr(GFile) file = talkie_application_dup_history_file (self);
      g_autoptr(GError) error = NULL;

      self->history = talkie_history_new (client, file);
      g_signal_connect_object (self->history, "items-changed",
                               G_CALLBACK (history_items_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "notify::save-error",
                               G_CALLBACK (history_save_error_cb), self, G_CONNECT_SWAPPED);

      /* A toast is one line: the whole story (with the file kept aside) goes to the log. */
      if (!talkie_history_load (self->history, &error))
        {
          g_message ("%s", error->message);
          talkie_application_toast (self, _("Your renders could not be read; a new list was started."));
        }

      history_items_changed_cb (self, 0, 0,
                                g_list_model_get_n_items (G_LIST_MODEL (self->history)),
                                G_LIST_MODEL (self->history));
      talkie_history_resume (self->history);
      _talkie_application_set_key_problem (self, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

void
_talkie_application_stop_sandbox (TalkieApplication *self)
{
  if (self->sandbox == NULL)
    return;

  _talkie_application_set_client (self, NULL);
  g_clear_pointer (&self->sandbox, talkie_sandbox_host_free);
  g_clear_object (&self->session);

  if (self->sandbox_dir != NULL)
    {
      g_autofree char *history = g_build_filename (self->sandbox_dir, "history.json", NULL);

      g_unlink (history);
      g_rmdir (self->sandbox_dir);
      g_clear_pointer (&self->sandbox_dir, g_free);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOX]);
}

gboolean
talkie_application_use_sandbox (TalkieApplication  *self,
                                GError            **error)
{
  g_autoptr(TalkieSession) session = NULL;
  TalkieSandboxHost *sandbox;

  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), FALSE);

  if (self->sandbox != NULL)
    return TRUE;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _talkie_application_set_busy (self, FALSE);

  if (!(sandbox = talkie_sandbox_host_start (error)))
    return FALSE;

  if (!(session = talkie_session_new (talkie_sandbox_host_get_base_url (sandbox), error)) ||
      !talkie_session_sign_in (session, talkie_sandbox_host_get_api_key (sandbox),
                               TALKIE_KEY_ORIGIN_SANDBOX, error))
    {
      talkie_sandbox_host_free (sandbox);
      return FALSE;
    }

  _talkie_application_set_client (self, NULL);
  self->sandbox = sandbox;
  g_set_object (&self->session, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SANDBOX]);
  _talkie_application_set_client (self, talkie_session_get_client (session));

  return TRUE;
}

/* The schema: compiled beside an uninstalled binary in its build tree (see
 * talkie-build-tree.c), else installed (or where GSETTINGS_SCHEMA_DIR says). */
static gboolean
talkie_application_find_schema (TalkieApplication  *self,
                                GError            **error)
{
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  const char *root = talkie_build_tree_get_root ();

  if (self->settings_schema != NULL)
    return TRUE;

  if (root != NULL)
    {
      g_autofree char *dir = g_build_filename (root, "data", NULL);

      build_source = g_settings_schema_source_new_from_directory (dir, source, FALSE, NULL);
      if (build_source != NULL)
        source = build_source;
    }

  if (source != NULL)
    self->settings_schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (self->settings_schema == NULL)
    {
      /* Translators: %s is the schema id, io.github.talkie.Talkie */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Talkie’s settings schema (%s) is not installed. Install Talkie with “meson install”, or run it from its build tree with “build-aux/talkie-dev run”."),
                   APP_ID);
      return FALSE;
    }

  return TRUE;
}

/* Settings exist from startup on: --help and --version never need them. */
static void
talkie_application_load_settings (TalkieApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (self->settings != NULL)
    return;

  /* Only a program that starts the application without running it (a test)
   * gets here without handle_local_options: it still gets the one line. */
  if (!talkie_application_find_schema (self, &error))
    {
      g_printerr ("talkie: %s\n", error->message);
      exit (1);
    }

  self->settings = g_settings_new_full (self->settings_schema, NULL, NULL);
  url = g_settings_get_string (self->settings, "server-url");
  if (url[0] != '\0' && talkie_application_check_server_url (url, NULL))
    self->server_url = g_steal_pointer (&url);
  g_signal_connect_object (self->settings, "changed::server-url",
                           G_CALLBACK (_talkie_application_server_url_changed_cb), self, G_CONNECT_SWAPPED);
}

static int
talkie_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  TalkieApplication *self = TALKIE_APPLICATION (app);
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  /* Checked here, where a missing schema can still be one line and exit 1. */
  if (!talkie_application_find_schema (self, &error))
    {
      g_printerr ("talkie: %s\n", error->message);
      return 1;
    }

  if (g_variant_dict_contains (options, "sandbox"))
    {
      /* Talkie may already run: then that instance switches to the sandbox. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr (_("Talkie could not start: %s\n"), error->message);
          return 1;
        }

      if (g_application_get_is_remote (app))
        g_action_group_activate_action (G_ACTION_GROUP (app), "use-sandbox", NULL);
      else
        self->start_sandbox = TRUE;
    }

  return G_APPLICATION_CLASS (talkie_application_parent_class)->handle_local_options (app, options);
}

static void
talkie_application_startup (GApplication *app)
{
  TalkieApplication *self = TALKIE_APPLICATION (app);

  G_APPLICATION_CLASS (talkie_application_parent_class)->startup (app);

  talkie_application_load_settings (self);

  gtk_window_set_default_icon_name (APP_ID);

  _talkie_application_init_actions (self);

  self->media_session = soup_session_new_with_options ("user-agent", talkie_core_get_user_agent (),
                                                       "timeout", 30,
                                                       NULL);
  self->cover_loader = talkie_cover_loader_new (self->media_session);
}

static void
talkie_application_activate (GApplication *app)
{
  TalkieApplication *self = TALKIE_APPLICATION (app);
  GtkWindow *window;

  if ((window = gtk_application_get_active_window (GTK_APPLICATION (self))))
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (talkie_window_new (self));
  gtk_window_present (window);

  if (!self->started)
    {
      self->started = TRUE;
      _talkie_application_start_session (self);
    }
}

/* "Open With Talkie" on recordings, or "talkie FILE…": the window, with the
 * files added as recordings (measured there, and refused there with a reason
 * when one is no recording). */
static void
talkie_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  TalkieApplication *self = TALKIE_APPLICATION (app);
  TalkieWindow *window;

  g_application_activate (app);

  if ((window = find_main_window (self)))
    talkie_window_add_recordings (window, files, n_files);
}

static void
talkie_application_shutdown (GApplication *app)
{
  TalkieApplication *self = TALKIE_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->history != NULL)
    talkie_history_save (self->history, NULL);

  if (self->cover_loader != NULL)
    talkie_cover_loader_save (self->cover_loader);

  _talkie_application_stop_sandbox (self);

  G_APPLICATION_CLASS (talkie_application_parent_class)->shutdown (app);
}

static void
talkie_application_dispose (GObject *object)
{
  TalkieApplication *self = (TalkieApplication *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->history);
  g_clear_object (&self->client);
  g_clear_object (&self->session);
  g_clear_object (&self->cover_loader);
  g_clear_object (&self->media_session);
  g_clear_pointer (&self->sandbox, talkie_sandbox_host_free);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->settings_schema, g_settings_schema_unref);

  G_OBJECT_CLASS (talkie_application_parent_class)->dispose (object);
}

static void
talkie_application_finalize (GObject *object)
{
  TalkieApplication *self = (TalkieApplication *)object;

  g_clear_pointer (&self->sandbox_dir, g_free);
  g_clear_pointer (&self->key_problem, g_free);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->testing_base_url, g_free);
  g_clear_pointer (&self->testing_api_key, g_free);

  G_OBJECT_CLASS (talkie_application_parent_class)->finalize (object);
}

static void
talkie_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TalkieApplication *self = TALKIE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_SANDBOX:
      g_value_set_boolean (value, self->sandbox != NULL);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_KEY_PROBLEM:
      g_value_set_string (value, self->key_problem);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_application_class_init (TalkieApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = talkie_application_dispose;
  object_class->finalize = talkie_application_finalize;
  object_class->get_property = talkie_application_get_property;

  app_class->handle_local_options = talkie_application_handle_local_options;
  app_class->startup = talkie_application_startup;
  app_class->activate = talkie_application_activate;
  app_class->open = talkie_application_open;
  app_class->shutdown = talkie_application_shutdown;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TALKIE_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL,
                         TALKIE_TYPE_HISTORY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SANDBOX] =
    g_param_spec_boolean ("sandbox", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_KEY_PROBLEM] =
    g_param_spec_string ("key-problem", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_application_init (TalkieApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Turn your own recorded voice into a talking-avatar video."));

  /* Store screenshots are taken on the sandbox, without its badge
   * (build-aux/talkie-screenshots). */
  self->hide_sandbox_badge = g_strcmp0 (g_getenv ("TALKIE_HIDE_SANDBOX_BADGE"), "1") == 0;
}

TalkieApplication *
talkie_application_new (void)
{
  return g_object_new (TALKIE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/talkie/Talkie",
                       NULL);
}

TalkieApplication *
talkie_application_new_for_testing (const char *base_url,
                                    const char *api_key)
{
  TalkieApplication *self;

  self = g_object_new (TALKIE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/talkie/Talkie",
                       NULL);
  self->testing = TRUE;
  self->testing_base_url = g_strdup (base_url);
  self->testing_api_key = g_strdup (api_key);

  return self;
}

TalkieClient *
talkie_application_get_client (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), NULL);

  return self->client;
}

TalkieHistory *
talkie_application_get_history (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), NULL);

  return self->history;
}

TalkieCoverLoader *
talkie_application_get_cover_loader (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), NULL);

  return self->cover_loader;
}

GSettings *
talkie_application_get_settings (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), NULL);

  return self->settings;
}

gboolean
talkie_application_get_sandbox (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), FALSE);

  return self->sandbox != NULL;
}

gboolean
talkie_application_get_show_sandbox_badge (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), FALSE);

  return self->sandbox != NULL && !self->hide_sandbox_badge;
}

gboolean
talkie_application_get_busy (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), FALSE);

  return self->busy;
}

const char *
talkie_application_get_key_problem (TalkieApplication *self)
{
  g_return_val_if_fail (TALKIE_IS_APPLICATION (self), NULL);

  return self->key_problem;
}
