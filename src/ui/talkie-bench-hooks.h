/* talkie-bench-hooks.h
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void talkie_bench_hooks_install (GtkApplication *app);

G_END_DECLS
