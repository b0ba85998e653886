/* talkie-project.c: a render's status, from GET /v1/project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include "talkie-enums.h"
#include "talkie-project.h"

struct _TalkieProject
{
  GObject              parent_instance;
  char                *id;
  char                *title;
  double               video_duration;
  char                *video_url;
  char                *cover_url;
  TalkieProjectStatus  status;
  char                *status_desc;
  gint64               created_at;
};

G_DEFINE_FINAL_TYPE (TalkieProject, talkie_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_VIDEO_DURATION,
  PROP_VIDEO_URL,
  PROP_COVER_URL,
  PROP_STATUS,
  PROP_STATUS_DESC,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
talkie_project_finalize (GObject *object)
{
  TalkieProject *self = (TalkieProject *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->video_url, g_free);
  g_clear_pointer (&self->cover_url, g_free);
  g_clear_pointer (&self->status_desc, g_free);

  G_OBJECT_CLASS (talkie_project_parent_class)->finalize (object);
}

static void
talkie_project_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TalkieProject *self = TALKIE_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_VIDEO_DURATION:
      g_value_set_double (value, self->video_duration);
      break;
    case PROP_VIDEO_URL:
      g_value_set_string (value, self->video_url);
      break;
    case PROP_COVER_URL:
      g_value_set_string (value, self->cover_url);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_DESC:
      g_value_set_string (value, self->status_desc);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
replace_str (char       **field,
             const char  *str)
{
  if (g_strcmp0 (*field, str) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (str);
  return TRUE;
}

/* Empty URLs mean "none". */
static gboolean
set_url (char         **field,
         const GValue  *value)
{
  const char *str = g_value_get_string (value);

  if (str != NULL && str[0] == '\0')
    str = NULL;

  return replace_str (field, str);
}

static void
talkie_project_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TalkieProject *self = TALKIE_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      if (self->id == NULL)
        self->id = g_strdup ("");
      break;
    case PROP_TITLE:
      if (replace_str (&self->title, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_VIDEO_DURATION:
      if (self->video_duration != g_value_get_double (value))
        {
          self->video_duration = g_value_get_double (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VIDEO_URL:
      if (set_url (&self->video_url, value))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_COVER_URL:
      if (set_url (&self->cover_url, value))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_STATUS:
      if (self->status != (TalkieProjectStatus)g_value_get_enum (value))
        {
          self->status = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_STATUS_DESC:
      if (replace_str (&self->status_desc, g_value_get_string (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_CREATED_AT:
      if (self->created_at != g_value_get_int64 (value))
        {
          self->created_at = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_project_class_init (TalkieProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  object_class->finalize = talkie_project_finalize;
  object_class->get_property = talkie_project_get_property;
  object_class->set_property = talkie_project_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_VIDEO_DURATION] =
    g_param_spec_double ("video-duration", NULL, NULL,
                         0.0, G_MAXDOUBLE, 0.0, rw);
  properties[PROP_VIDEO_URL] =
    g_param_spec_string ("video-url", NULL, NULL, NULL, rw);
  properties[PROP_COVER_URL] =
    g_param_spec_string ("cover-url", NULL, NULL, NULL, rw);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       TALKIE_TYPE_PROJECT_STATUS, TALKIE_PROJECT_STATUS_UNKNOWN, rw);
  properties[PROP_STATUS_DESC] =
    g_param_spec_string ("status-desc", NULL, NULL, NULL, rw);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_project_init (TalkieProject *self)
{
  self->id = g_strdup ("");
}

TalkieProject *
talkie_project_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (TALKIE_TYPE_PROJECT,
                       "id", id,
                       NULL);
}

const char *
talkie_project_get_id (TalkieProject *self)
{
  g_return_val_if_fail (TALKIE_IS_PROJECT (self), NULL);
  return self->id;
}

const char *
talkie_project_get_title (TalkieProject *self)
{
  g_return_val_if_fail (TALKIE_IS_PROJECT (self), NULL);
  return self->title;
}

double
talkie_project_get_video_duration (TalkieProject *self)
{
  g_return_val_if_fail (TALKIE_IS_PROJECT (self), 0.0);
  return self->video_duration;
}

const char *
talkie_project_get_video_url (TalkieProject *self)
{
  g_return_val_if_fail (TALKIE_IS_PROJECT (self), NULL);
  return self->video_url;
}

const char *
talkie_project_get_cover_url (TalkieProject *self)
{
  g_return_val_if_fail (TALKIE_IS_PROJECT (self), NULL);
  return self->cover_url;
}

TalkieProjectStatus
talkie_project_get_status (TalkieProject *self)
{
  g_return_val_if_fail (TALKIE_IS_PROJECT (self), TALKIE_PROJECT_STATUS_UNKNOWN);
  return self->status;
}

const char *
talkie_project_get_status_desc (TalkieProject *self)
{
  g_return_val_if_fail (TALKIE_IS_PROJECT (self), NULL);
  return self->status_desc;
}

gint64
talkie_project_get_created_at (TalkieProject *self)
{
  g_return_val_if_fail (TALKIE_IS_PROJECT (self), 0);
  return self->created_at;
}
