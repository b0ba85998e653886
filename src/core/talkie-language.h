/* talkie-language.h
 *
 * Copyright 2026 The Talkie developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *talkie_language_dup_display_name (const char *language);

G_END_DECLS
