/* talkie-core-private.h: small helpers several parts of src/core share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Whether a file named @name is one of the caller's leftovers. */
typedef gboolean (*TalkieLeftoverMatch) (const char *name,
                                         gpointer    user_data);

/* Removes the regular files in @dir that @match claims and that nothing wrote
 * to for @min_age_seconds: what a process killed mid-write left behind. */
void _talkie_sweep_leftovers (GFile               *dir,
                              TalkieLeftoverMatch  match,
                              gpointer             user_data,
                              gint64               min_age_seconds);

G_END_DECLS
