/* talkie-core.c: what belongs to src/core as a whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include "talkie-core.h"
#include "talkie-core-private.h"

const char *
talkie_core_get_user_agent (void)
{
  return "Talkie/" PACKAGE_VERSION;
}

void
_talkie_sweep_leftovers (GFile               *dir,
                         TalkieLeftoverMatch  match,
                         gpointer             user_data,
                         gint64               min_age_seconds)
{
  g_autoptr(GFileEnumerator) children = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GFileInfo *info;
  GFile *child;

  if (dir == NULL ||
      !(children = g_file_enumerate_children (dir,
                                              G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                              G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                              G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                              G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                              NULL, NULL)))
    return;

  while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          !match (g_file_info_get_name (info), user_data) ||
          now - (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) < min_age_seconds)
        continue;

      g_debug ("Removing %s, left by an interrupted write", g_file_info_get_name (info));
      g_file_delete (child, NULL, NULL);
    }
}
