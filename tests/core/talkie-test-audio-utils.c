/* talkie-test-audio-utils.c: media for the recorder, peaks and trim tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "talkie-audio-source.h"

#include "talkie-test-audio-utils.h"
#include "talkie-test-utils.h"

void
talkie_test_run_pipeline_printf (const char *format,
                                 ...)
{
  g_autofree char *description = NULL;
  va_list args;

  va_start (args, format);
  description = g_strdup_vprintf (format, args);
  va_end (args);

  talkie_test_run_pipeline (description);
}

static void
put_le (GByteArray *bytes,
        guint32     value,
        guint       size)
{
  for (guint i = 0; i < size; i++)
    {
      guint8 b = (value >> (8 * i)) & 0xff;
      g_byte_array_append (bytes, &b, 1);
    }
}

void
talkie_test_write_tone_wav (const char *path,
                            guint       rate,
                            double      lead,
                            double      tone,
                            double      trail,
                            double      amplitude)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint32 n_lead = (guint32) round (lead * rate);
  guint32 n_tone = (guint32) round (tone * rate);
  guint32 n_trail = (guint32) round (trail * rate);
  guint32 n = n_lead + n_tone + n_trail;

  g_byte_array_append (bytes, (const guint8 *) "RIFF", 4);
  put_le (bytes, 36 + n * 2, 4);
  g_byte_array_append (bytes, (const guint8 *) "WAVEfmt ", 8);
  put_le (bytes, 16, 4);
  put_le (bytes, 1, 2);           /* PCM */
  put_le (bytes, 1, 2);           /* mono */
  put_le (bytes, rate, 4);
  put_le (bytes, rate * 2, 4);
  put_le (bytes, 2, 2);
  put_le (bytes, 16, 2);
  g_byte_array_append (bytes, (const guint8 *) "data", 4);
  put_le (bytes, n * 2, 4);

  for (guint32 i = 0; i < n; i++)
    {
      double v = 0;

      if (i >= n_lead && i < n_lead + n_tone)
        v = amplitude * sin (2 * G_PI * 440.0 * (i - n_lead) / rate);
      put_le (bytes, (guint16) (gint16) lround (v * 32767), 2);
    }

  g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
}

TalkieAudioPeaks *
talkie_test_compute_peaks (GFile *file,
                           guint  per_second,
                           guint  max)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TalkieAudioPeaks *peaks;

  talkie_audio_peaks_compute_async (file, per_second, max, NULL, talkie_test_result_cb, &result);
  peaks = talkie_audio_peaks_compute_finish (talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  return peaks;
}

double
talkie_test_probe_mp3_duration (GFile *file)
{
  g_autoptr(TalkieAudioSource) source = talkie_audio_source_new_for_file (file);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  talkie_audio_source_probe_async (source, NULL, talkie_test_result_cb, &result);
  talkie_audio_source_probe_finish (source, talkie_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (talkie_audio_source_get_content_type (source), ==, "audio/mpeg");

  return talkie_audio_source_get_duration (source);
}

GFile *
talkie_test_find_upload (const char *dir)
{
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  GQueue pending = G_QUEUE_INIT;
  GFile *found = NULL;

  g_queue_push_tail (&pending, g_object_ref (root));
  while (!g_queue_is_empty (&pending))
    {
      g_autoptr(GFile) current = g_queue_pop_head (&pending);
      g_autoptr(GFileEnumerator) e = g_file_enumerate_children (current, "standard::name,standard::type",
                                                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
      GFileInfo *info;

      while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
        {
          g_autoptr(GFileInfo) owned = info;
          GFile *child = g_file_get_child (current, g_file_info_get_name (info));

          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
            g_queue_push_tail (&pending, child);
          else if (g_str_has_prefix (g_file_info_get_name (info), "upload-") && found == NULL)
            found = child;
          else
            g_object_unref (child);
        }
    }

  g_assert_nonnull (found);
  return found;
}
