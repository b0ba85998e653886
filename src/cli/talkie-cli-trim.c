/* talkie-cli-trim.c: “talkie-cli render --trim START-END”: the range read, and
 * the recording cut to it with the core's TalkieAudioTrim (what the app's Trim
 * dialog uses) into a private temporary folder before it is measured and
 * uploaded. The folder goes when the run ends, whatever the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "talkie-cli-output.h"
#include "talkie-cli-private.h"

/* Rounding in a probe or a float: an end this close past the recording's
 * length means its end. */
#define TRIM_END_SLACK 0.05

/* "90", "1.5", "1:30", "0:01.5" or "1:02:03.25": digits, at most two colons
 * (minutes and seconds below 60 after one), one decimal point in the last
 * part. No signs, exponents or locale commas, which strtod would take. */
static gboolean
parse_time (const char *text,
            double     *seconds)
{
  g_auto(GStrv) parts = NULL;
  guint n_parts;
  double total = 0;

  if (text == NULL || text[0] == '\0')
    return FALSE;

  parts = g_strsplit (text, ":", -1);
  n_parts = g_strv_length (parts);
  if (n_parts > 3)
    return FALSE;

  for (guint i = 0; i < n_parts; i++)
    {
      const char *part = parts[i];
      gboolean last = i + 1 == n_parts;
      guint n_digits = 0, n_points = 0;
      double value;

      for (const char *p = part; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p))
            n_digits++;
          else if (*p == '.' && last)
            n_points++;
          else
            return FALSE;
        }
      if (n_digits == 0 || n_points > 1)
        return FALSE;

      value = g_ascii_strtod (part, NULL);
      /* Minutes and seconds after a larger unit stay below 60. */
      if (i > 0 && value >= 60)
        return FALSE;

      total = total * 60 + value;
    }

  if (!isfinite (total))
    return FALSE;

  *seconds = total;
  return TRUE;
}

int
talkie_cli_check_trim (TalkieCli *self)
{
  g_autofree char *start_text = NULL;
  const char *dash;
  const char *end_text;

  if (self->trim_str == NULL)
    return 0;

  dash = strchr (self->trim_str, '-');
  if (dash == NULL || strchr (dash + 1, '-') != NULL || g_strcmp0 (self->trim_str, "-") == 0)
    {
      g_autofree char *clean = talkie_cli_sanitize (self->trim_str);
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a range to trim to: give START-END in seconds or minutes:seconds, such as 1.5-4 or 0:01.5-0:04 (either side may be left out)."),
                         clean);

      return talkie_cli_usage_error (self, message);
    }

  start_text = g_strndup (self->trim_str, dash - self->trim_str);
  end_text = dash + 1;
  self->trim_start = 0;
  self->trim_end = -1;

  if ((start_text[0] != '\0' && !parse_time (start_text, &self->trim_start)) ||
      (end_text[0] != '\0' && !parse_time (end_text, &self->trim_end)))
    {
      g_autofree char *clean = talkie_cli_sanitize (self->trim_str);
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a range to trim to: give START-END in seconds or minutes:seconds, such as 1.5-4 or 0:01.5-0:04 (either side may be left out)."),
                         clean);

      return talkie_cli_usage_error (self, message);
    }

  if (end_text[0] != '\0' && self->trim_end <= self->trim_start)
    {
      g_autofree char *clean = talkie_cli_sanitize (self->trim_str);
      g_autofree char *message =
        g_strdup_printf (_("The range “%s” ends before it starts: the end must come after the start."), clean);

      return talkie_cli_usage_error (self, message);
    }

  return 0;
}

/* Ends the run with a usage error found only once the recording is measured. */
static void
trim_range_error (TalkieCli  *self,
                  const char *message)
{
  talkie_cli_end_progress (self);
  talkie_cli_done (self, talkie_cli_usage_error (self, message));
}

static void
trim_fraction_cb (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  TalkieCli *self = user_data;
  g_autofree char *line = NULL;

  if (self->finished)
    return;

  line = g_strdup_printf (_("Trimming the recording… %d%%"),
                          talkie_cli_round_percent (self, talkie_audio_trim_get_fraction (TALKIE_AUDIO_TRIM (object))));
  talkie_cli_show_progress (self, line);
}

static void
trim_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TalkieCli *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  self->trimming = FALSE;
  g_signal_handlers_disconnect_by_data (object, self);
  file = talkie_audio_trim_run_finish (TALKIE_AUDIO_TRIM (object), result, &error);

  if (file == NULL)
    {
      /* Cancelled: a Ctrl+C waited for the trim to remove its partial
       * file, and ends the run with 130 now. */
      talkie_cli_fail (self, error);
      return;
    }

  talkie_cli_end_progress (self);
  g_set_object (&self->trimmed_audio, file);
  g_clear_object (&self->audio_source);
  self->audio_source = talkie_audio_source_new_for_file (file);
  self->trim_done (self);
}

static void
trim_probed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TalkieCli *self = user_data;
  TalkieAudioSource *source = TALKIE_AUDIO_SOURCE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(TalkieAudioTrim) trim = NULL;
  g_autoptr(GFile) output = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  char *dot;
  double duration;
  double end;

  if (!talkie_audio_source_probe_finish (source, result, &error))
    {
      talkie_cli_fail (self, error);
      return;
    }

  duration = talkie_audio_source_get_duration (source);
  end = self->trim_end < 0 ? duration : self->trim_end;

  if (self->trim_start >= duration)
    {
      g_autofree char *message =
        /* TRANSLATORS: %1$.2f and %2$.2f are seconds */
        g_strdup_printf (_("The trim starts at %1$.2f s, but the recording is only %2$.2f s long."),
                         self->trim_start, duration);

      trim_range_error (self, message);
      return;
    }
  if (end > duration + TRIM_END_SLACK)
    {
      g_autofree char *message =
        /* TRANSLATORS: %1$.2f and %2$.2f are seconds */
        g_strdup_printf (_("The trim ends at %1$.2f s, but the recording is only %2$.2f s long."),
                         end, duration);

      trim_range_error (self, message);
      return;
    }
  end = MIN (end, duration);

  /* Our own folder, so that nothing else is ever removed with it. */
  self->trim_dir = g_dir_make_tmp ("talkie-cli-trim-XXXXXX", &error);
  if (self->trim_dir == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The trimmed recording could not be kept in a temporary folder: %s."), error->message);

      talkie_cli_fail_message (self, message);
      return;
    }

  /* The name the upload and the history show, as the app names a trimmed take. */
  basename = g_file_get_basename (talkie_audio_source_get_file (source));
  if ((dot = strrchr (basename, '.')) != NULL && dot != basename)
    *dot = '\0';
  /* TRANSLATORS: the file name of a trimmed recording; %s is the original's name */
  name = g_strdup_printf (_("%s (trimmed).mp3"), basename);
  output = g_file_new_build_filename (self->trim_dir, name, NULL);

  trim = talkie_audio_trim_new (talkie_audio_source_get_file (source), self->trim_start, end);
  g_signal_connect (trim, "notify::fraction", G_CALLBACK (trim_fraction_cb), self);
  self->trimming = TRUE;
  talkie_audio_trim_run_async (trim, output, self->cancellable, trim_done_cb, self);
}

void
talkie_cli_trim_audio (TalkieCli *self,
                       void     (*done) (TalkieCli *self))
{
  g_return_if_fail (self->audio_source != NULL);

  self->trim_done = done;

  if (!talkie_audio_source_is_local (self->audio_source))
    {
      /* render_check() refuses a URL already; a last guard. */
      talkie_cli_done (self, talkie_cli_usage_error (self, _("--trim needs a local recording: download it first, then trim the file.")));
      return;
    }

  talkie_audio_source_probe_async (self->audio_source, self->cancellable, trim_probed_cb, self);
}

void
talkie_cli_trim_cleanup (TalkieCli *self)
{
  g_clear_object (&self->trimmed_audio);
  /* The trimmed file, and a partial one if a second Ctrl+C did not wait. */
  talkie_cli_remove_private_dir (&self->trim_dir);
}
