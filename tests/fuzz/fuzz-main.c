/* fuzz-main.c: a fuzz target without libFuzzer, for builds with any compiler.
 *
 * Replays every file of the target's seed corpus (FUZZ_CORPUS_DIR, compiled
 * in), then each file or directory named on the command line, through
 * LLVMFuzzerTestOneInput(). `meson test --suite fuzz` runs it, so every input
 * that once crashed a target is tried again on each test run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-fuzz"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

static guint n_replayed;

static void
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree guint8 *copy = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (EXIT_FAILURE);
    }

  /* An exact-size copy, as libFuzzer gives: a read past the end is caught by
   * ASan rather than landing in g_file_get_contents()' trailing NUL. */
  copy = g_memdup2 (contents, length);

  fprintf (stderr, "replaying %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput (copy, length);
  n_replayed++;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
replay_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      replay_file (path);
      return;
    }

  if (!(dir = g_dir_open (path, 0, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (EXIT_FAILURE);
    }

  /* In name order, so that two runs replay the same sequence. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    replay_path (g_ptr_array_index (names, i));
}

int
main (int    argc,
      char **argv)
{
  LLVMFuzzerInitialize (&argc, &argv);

  replay_path (FUZZ_CORPUS_DIR);
  for (int i = 1; i < argc; i++)
    replay_path (argv[i]);

  if (n_replayed == 0)
    {
      fprintf (stderr, "no inputs in %s\n", FUZZ_CORPUS_DIR);
      return EXIT_FAILURE;
    }

  printf ("%u inputs replayed\n", n_replayed);

  return EXIT_SUCCESS;
}
