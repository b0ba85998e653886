/* data-test-util.c: running tools and reading files in the data tests
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "data-test-util"

#include "config.h"

#include <sys/wait.h>

#include <gio/gio.h>

#include "data-test-util.h"

/* Runs @argv (looked up in PATH) in @cwd with @envp (NULL: ours) and
 * returns its exit status, or -1 when it could not be started or did not
 * exit normally. @out and @err receive what it printed. */
int
data_test_run (const char * const  *argv,
               const char          *cwd,
               const char * const  *envp,
               char               **out,
               char               **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;
  int wait_status = 0;

  g_assert (argv != NULL && argv[0] != NULL);

  cmdline = g_strjoinv (" ", (char **)argv);
  g_test_message ("running: %s", cmdline);

  if (!g_spawn_sync (cwd, (char **)argv, (char **)envp,
                     G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &stdout_buf, &stderr_buf, &wait_status, &error))
    {
      g_test_message ("could not start %s: %s", argv[0], error->message);
      if (out != NULL)
        *out = g_strdup ("");
      if (err != NULL)
        *err = g_strdup (error->message);
      return -1;
    }

  if (stdout_buf != NULL && *stdout_buf != '\0')
    g_test_message ("stdout of %s:\n%s", argv[0], stdout_buf);
  if (stderr_buf != NULL && *stderr_buf != '\0')
    g_test_message ("stderr of %s:\n%s", argv[0], stderr_buf);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_buf);

  if (!WIFEXITED (wait_status))
    return -1;

  return WEXITSTATUS (wait_status);
}

char *
data_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert (path != NULL);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static gboolean
rm_rf_file (GFile   *file,
            GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, NULL);
  if (children != NULL)
    {
      for (;;)
        {
          GFileInfo *info = NULL;
          GFile *child = NULL;

          if (!g_file_enumerator_iterate (children, &info, &child, NULL, error))
            return FALSE;
          if (info == NULL)
            break;
          if (!rm_rf_file (child, error))
            return FALSE;
        }
    }

  return g_file_delete (file, NULL, error);
}

/* Removes @path and everything below it, without following symlinks. */
gboolean
data_test_rm_rf (const char  *path,
                 GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_assert (path != NULL);

  file = g_file_new_for_path (path);
  return rm_rf_file (file, error);
}
