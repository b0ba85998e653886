/* talkie-ui-error.c
 *
 * Core messages say what happened and stop there: the CLI would point at
 * --base-url where the app points at Preferences. This adds the app's next
 * step, by error code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-core.h"

#include "talkie-ui-error.h"

static const char *
remedy_for (const GError *error)
{
  switch (talkie_error_get_remedy (error))
    {
    case TALKIE_ERROR_REMEDY_SERVER_ADDRESS:
      return _("Check the server address in Preferences.");
    case TALKIE_ERROR_REMEDY_ADD_KEY:
      return _("Add your JoggAI API key in Preferences.");
    case TALKIE_ERROR_REMEDY_CHECK_KEY:
      return _("Check the API key in Preferences.");
    case TALKIE_ERROR_REMEDY_KEY_AND_SERVER_ADDRESS:
      return _("Check the API key and the server address in Preferences.");
    case TALKIE_ERROR_REMEDY_NONE:
    default:
      return NULL;
    }
}

char *
talkie_ui_error_message (const GError *error)
{
  const char *remedy;

  g_return_val_if_fail (error != NULL, NULL);

  if ((remedy = remedy_for (error)) == NULL)
    return g_strdup (error->message);

  return g_strconcat (error->message, " ", remedy, NULL);
}

char *
talkie_ui_job_failure_message (TalkieRenderJob *job)
{
  const GError *error = talkie_render_job_get_error (job);
  const char *message = talkie_render_job_get_error_message (job);

  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);

  if (error != NULL)
    return talkie_ui_error_message (error);

  return message != NULL && message[0] != '\0' ? g_strdup (message) : NULL;
}
