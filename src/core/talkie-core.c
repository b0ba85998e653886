/* talkie-core.c: what belongs to src/core as a whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include "talkie-core.h"

const char *
talkie_core_get_user_agent (void)
{
  return "Talkie/" PACKAGE_VERSION;
}
