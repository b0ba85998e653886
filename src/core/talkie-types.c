/* talkie-types.c: the contract's enumerations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <string.h>

#include "talkie-types.h"

const char *
talkie_aspect_ratio_to_string (TalkieAspectRatio aspect)
{
  switch (aspect)
    {
    case TALKIE_ASPECT_RATIO_PORTRAIT:
      return "9:16";
    case TALKIE_ASPECT_RATIO_LANDSCAPE:
      return "16:9";
    case TALKIE_ASPECT_RATIO_SQUARE:
      return "1:1";
    default:
      return NULL;
    }
}

gboolean
talkie_aspect_ratio_from_string (const char        *str,
                                 TalkieAspectRatio *aspect)
{
  static const struct {
    const char *names[3];
    TalkieAspectRatio aspect;
  } table[] = {
    { { "9:16", "portrait", "0" }, TALKIE_ASPECT_RATIO_PORTRAIT },
    { { "16:9", "landscape", "1" }, TALKIE_ASPECT_RATIO_LANDSCAPE },
    { { "1:1", "square", "2" }, TALKIE_ASPECT_RATIO_SQUARE },
  };

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (table[i].names); j++)
        {
          if (g_ascii_strcasecmp (str, table[i].names[j]) == 0)
            {
              if (aspect != NULL)
                *aspect = table[i].aspect;
              return TRUE;
            }
        }
    }

  return FALSE;
}

gboolean
talkie_project_status_is_final (TalkieProjectStatus status)
{
  return status == TALKIE_PROJECT_STATUS_SUCCESS ||
         status == TALKIE_PROJECT_STATUS_FAILED ||
         status == TALKIE_PROJECT_STATUS_DELETED;
}

gboolean
talkie_job_state_is_final (TalkieJobState state)
{
  return state == TALKIE_JOB_STATE_SUCCEEDED ||
         state == TALKIE_JOB_STATE_FAILED ||
         state == TALKIE_JOB_STATE_CANCELLED;
}
