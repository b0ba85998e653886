/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-fuzz"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  gboolean fatal = (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) != 0;
  static int verbose = -1;

  if (verbose < 0)
    verbose = g_getenv ("FUZZ_VERBOSE") != NULL;

  if (fatal || verbose)
    g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  if (fatal)
    abort ();

  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init_logging (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

void
fuzz_fail (const char *file,
           int         line,
           const char *format,
           ...)
{
  va_list args;

  fprintf (stderr, "%s:%d: ", file, line);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  fflush (stderr);

  abort ();
}
