/* talkie-test-audio-utils.c: media for the recorder, peaks and trim tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

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
