/* talkie-format.c: how Talkie words times, lengths and a render's progress,
 * the same in the app and in talkie-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>

#include "talkie-format.h"

char *
talkie_format_duration (double seconds)
{
  guint total;

  if (seconds <= 0)
    return g_strdup ("0:00");

  total = (guint)(seconds + 0.5);
  if (total >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", total / 3600, (total / 60) % 60, total % 60);

  return g_strdup_printf ("%u:%02u", total / 60, total % 60);
}

char *
talkie_format_time (gint64 unix_time,
                    gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  gint64 delta;

  if (unix_time <= 0)
    return g_strdup ("");

  delta = now - unix_time;
  if (delta < 60)
    return g_strdup (_("Just now"));

  if (delta < 3600)
    {
      int minutes = (int)(delta / 60);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", minutes), minutes);
    }

  if (delta < 6 * 3600)
    {
      int hours = (int)(delta / 3600);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours), hours);
    }

  then = g_date_time_new_from_unix_local (unix_time);
  today = g_date_time_new_from_unix_local (now);
  if (then == NULL || today == NULL)
    return g_strdup ("");

  if (g_date_time_get_year (then) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (today))
    /* Translators: a time today, see g_date_time_format() */
    return g_date_time_format (then, _("Today at %H:%M"));

  if (delta < 2 * 86400 &&
      g_date_time_get_day_of_year (then) != g_date_time_get_day_of_year (today))
    {
      g_autoptr(GDateTime) yesterday = g_date_time_add_days (today, -1);

      if (g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (yesterday))
        /* Translators: a time yesterday, see g_date_time_format() */
        return g_date_time_format (then, _("Yesterday at %H:%M"));
    }

  if (g_date_time_get_year (then) == g_date_time_get_year (today))
    /* Translators: a date this year, see g_date_time_format() */
    return g_date_time_format (then, _("%B %-d"));

  /* Translators: a date in another year, see g_date_time_format() */
  return g_date_time_format (then, _("%B %-d, %Y"));
}

const char *
talkie_format_project_status (TalkieProjectStatus status)
{
  switch (status)
    {
    case TALKIE_PROJECT_STATUS_START:
      return C_("render status", "started");
    case TALKIE_PROJECT_STATUS_WAITING:
      return C_("render status", "waiting");
    case TALKIE_PROJECT_STATUS_PROCESSING:
      return C_("render status", "processing");
    case TALKIE_PROJECT_STATUS_SUCCESS:
      return C_("render status", "done");
    case TALKIE_PROJECT_STATUS_FAILED:
      return C_("render status", "failed");
    case TALKIE_PROJECT_STATUS_DELETED:
      return C_("render status", "deleted");
    case TALKIE_PROJECT_STATUS_UNKNOWN:
    default:
      return C_("render status", "unknown");
    }
}

static char *
upload_status (TalkieRenderJob *job,
               guint            percent_step)
{
  gint64 sent = 0;
  gint64 total = 0;
  int percent;

  g_object_get (job, "bytes-sent", &sent, "bytes-total", &total, NULL);
  if (total <= 0)
    return g_strdup (_("Uploading your recording…"));

  percent = (int) CLAMP ((double) sent * 100.0 / (double) total, 0, 100);

  /* Coarse steps (a log, a pipe): a line that changes only with the percentage. */
  if (percent_step > 1)
    {
      percent -= percent % percent_step;
      /* Translators: upload progress, "Uploading your recording (30%)" */
      return g_strdup_printf (_("Uploading your recording (%d%%)"), percent);
    }

  {
    g_autofree char *sent_text = g_format_size ((guint64) MAX (sent, 0));
    g_autofree char *total_text = g_format_size ((guint64) total);

    /* Translators: upload progress, "Uploading 1.2 MB of 3.4 MB (35%)" */
    return g_strdup_printf (_("Uploading %s of %s (%d%%)"), sent_text, total_text, percent);
  }
}

char *
talkie_format_job_status (TalkieRenderJob *job,
                          guint            percent_step)
{
  const char *message;

  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);

  switch (talkie_render_job_get_state (job))
    {
    case TALKIE_JOB_STATE_NEW:
    case TALKIE_JOB_STATE_PROBING:
      return g_strdup (_("Preparing your recording…"));

    case TALKIE_JOB_STATE_UPLOADING:
      return upload_status (job, percent_step);

    case TALKIE_JOB_STATE_SUBMITTING:
      return g_strdup (_("Starting the render…"));

    case TALKIE_JOB_STATE_RENDERING:
      {
        TalkieProject *project = talkie_render_job_get_project (job);

        switch (project ? talkie_project_get_status (project) : TALKIE_PROJECT_STATUS_UNKNOWN)
          {
          case TALKIE_PROJECT_STATUS_WAITING:
            return g_strdup (_("Waiting in the queue…"));
          case TALKIE_PROJECT_STATUS_PROCESSING:
          case TALKIE_PROJECT_STATUS_SUCCESS:   /* an instant before the job says so */
          case TALKIE_PROJECT_STATUS_FAILED:
            return g_strdup (_("Rendering the video…"));
          case TALKIE_PROJECT_STATUS_UNKNOWN:
          case TALKIE_PROJECT_STATUS_START:
          case TALKIE_PROJECT_STATUS_DELETED:
          default:
            return g_strdup (_("Render started…"));
          }
      }

    case TALKIE_JOB_STATE_SUCCEEDED:
      return g_strdup (_("Ready to watch"));

    case TALKIE_JOB_STATE_FAILED:
      message = talkie_render_job_get_error_message (job);
      return g_strdup (message != NULL && message[0] != '\0' ? message : _("The render failed."));

    case TALKIE_JOB_STATE_CANCELLED:
      return g_strdup (C_("render", "Cancelled"));

    default:
      return g_strdup ("");
    }
}
