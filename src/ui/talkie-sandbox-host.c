/* talkie-sandbox-host.c: the built-in sandbox (src/sandbox) inside the app,
 * serving from a thread of its own so that its work (cover pictures, videos)
 * never holds up the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include "talkie-sandbox.h"

#include "talkie-sandbox-host.h"

struct _TalkieSandboxHost
{
  GThread       *thread;
  GMainContext  *context;
  GMainLoop     *loop;
  GMutex         mutex;
  GCond          cond;
  gboolean       ready;
  GError        *error;
  char          *base_url;
  char          *api_key;
};

/* For benchmarks and screenshots: how many avatars the sandbox lists
 * (TALKIE_SANDBOX_AVATARS, per aspect ratio) and how long each step of a
 * render takes (TALKIE_SANDBOX_STEP_MS; a large one holds renders at
 * "processing"). Values out of the sandbox's range are ignored. */
static void
sandbox_host_apply_environment (TalkieSandbox *sandbox)
{
  static const struct { const char *variable; const char *property; } knobs[] = {
    { "TALKIE_SANDBOX_AVATARS", "avatar-count" },
    { "TALKIE_SANDBOX_STEP_MS", "step-ms" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (knobs); i++)
    {
      const char *value = g_getenv (knobs[i].variable);
      GParamSpecUInt *pspec;
      guint64 number;

      if (value == NULL ||
          !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &number, NULL))
        continue;

      pspec = G_PARAM_SPEC_UINT (g_object_class_find_property (G_OBJECT_GET_CLASS (sandbox),
                                                               knobs[i].property));
      if (number >= pspec->minimum && number <= pspec->maximum)
        g_object_set (sandbox, knobs[i].property, (guint) number, NULL);
    }
}

static gpointer
sandbox_host_thread (gpointer data)
{
  TalkieSandboxHost *host = data;
  g_autoptr(TalkieSandbox) sandbox = NULL;
  g_autoptr(GError) error = NULL;
  gboolean started;

  g_main_context_push_thread_default (host->context);

  sandbox = talkie_sandbox_new ();
  sandbox_host_apply_environment (sandbox);
  started = talkie_sandbox_start (sandbox, &error);

  g_mutex_lock (&host->mutex);
  if (started)
    {
      host->base_url = g_strdup (talkie_sandbox_get_base_url (sandbox));
      host->api_key = g_strdup (talkie_sandbox_get_api_key (sandbox));
    }
  else
    host->error = g_steal_pointer (&error);
  host->ready = TRUE;
  g_cond_signal (&host->cond);
  g_mutex_unlock (&host->mutex);

  if (started)
    {
      g_main_loop_run (host->loop);
      talkie_sandbox_stop (sandbox);
    }

  g_clear_object (&sandbox);
  g_main_context_pop_thread_default (host->context);

  return NULL;
}

static gboolean
sandbox_host_quit_cb (gpointer data)
{
  TalkieSandboxHost *host = data;

  g_main_loop_quit (host->loop);
  return G_SOURCE_REMOVE;
}

void
talkie_sandbox_host_free (TalkieSandboxHost *host)
{
  if (host->thread != NULL)
    {
      /* An idle on the sandbox's context: it runs once the loop runs. */
      g_main_context_invoke (host->context, sandbox_host_quit_cb, host);
      g_thread_join (host->thread);
    }

  g_clear_pointer (&host->loop, g_main_loop_unref);
  g_clear_pointer (&host->context, g_main_context_unref);
  g_clear_error (&host->error);
  g_free (host->base_url);
  g_free (host->api_key);
  g_mutex_clear (&host->mutex);
  g_cond_clear (&host->cond);
  g_free (host);
}

TalkieSandboxHost *
talkie_sandbox_host_start (GError **error)
{
  TalkieSandboxHost *host = g_new0 (TalkieSandboxHost, 1);

  g_mutex_init (&host->mutex);
  g_cond_init (&host->cond);
  host->context = g_main_context_new ();
  host->loop = g_main_loop_new (host->context, FALSE);
  host->thread = g_thread_new ("talkie-sandbox", sandbox_host_thread, host);

  /* Starting is only binding a loopback port: a short wait. */
  g_mutex_lock (&host->mutex);
  while (!host->ready)
    g_cond_wait (&host->cond, &host->mutex);
  g_mutex_unlock (&host->mutex);

  if (host->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&host->error));
      g_thread_join (host->thread);
      host->thread = NULL;
      talkie_sandbox_host_free (host);
      return NULL;
    }

  return host;
}

const char *
talkie_sandbox_host_get_base_url (TalkieSandboxHost *host)
{
  return host->base_url;
}

const char *
talkie_sandbox_host_get_api_key (TalkieSandboxHost *host)
{
  return host->api_key;
}
