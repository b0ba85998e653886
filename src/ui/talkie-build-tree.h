/* talkie-build-tree.h: where an uninstalled talkie finds what `meson install`
 * would have put in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The top of the meson build tree this binary was built in and runs from
 * (_build/src/ui/talkie → _build), or NULL for an installed binary. */
const char *talkie_build_tree_get_root (void);

G_END_DECLS
