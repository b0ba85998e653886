/* data-test-util.h: running tools and reading files in the data tests
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int       data_test_run         (const char * const  *argv,
                                 const char          *cwd,
                                 const char * const  *envp,
                                 char               **out,
                                 char               **err);
char     *data_test_read_file   (const char          *path);
gboolean  data_test_rm_rf       (const char          *path,
                                 GError             **error);

G_END_DECLS
