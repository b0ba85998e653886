/* talkie-audio-source.c: the voice recording a render speaks, a local file or
 * an http(s) URL, measured with GstDiscoverer (talkie-audio-source-probe.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <glib/gi18n.h>

#include "talkie-audio-source-private.h"
#include "talkie-error.h"

G_DEFINE_FINAL_TYPE (TalkieAudioSource, talkie_audio_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_FILE,
  PROP_DISPLAY_NAME,
  PROP_DURATION,
  PROP_SIZE,
  PROP_CONTENT_TYPE,
  PROP_PROBED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
talkie_audio_source_finalize (GObject *object)
{
  TalkieAudioSource *self = (TalkieAudioSource *)object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->content_type, g_free);

  G_OBJECT_CLASS (talkie_audio_source_parent_class)->finalize (object);
}

static void
talkie_audio_source_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TalkieAudioSource *self = TALKIE_AUDIO_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_DURATION:
      g_value_set_double (value, self->duration);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    case PROP_CONTENT_TYPE:
      g_value_set_string (value, self->content_type);
      break;

    case PROP_PROBED:
      g_value_set_boolean (value, self->probed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_audio_source_class_init (TalkieAudioSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = talkie_audio_source_finalize;
  object_class->get_property = talkie_audio_source_get_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DURATION] =
    g_param_spec_double ("duration", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTENT_TYPE] =
    g_param_spec_string ("content-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROBED] =
    g_param_spec_boolean ("probed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
talkie_audio_source_init (TalkieAudioSource *self)
{
  self->size = -1;
}

/* "host — last-segment", unescaped; just the host when the path is empty. */
static char *
display_name_for_url (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  const char *path = g_uri_get_path (uri);
  g_autofree char *segment = NULL;
  g_autofree char *unescaped = NULL;
  const char *slash;
  gsize len;

  if (path != NULL)
    {
      len = strlen (path);
      while (len > 0 && path[len - 1] == '/')
        len--;
      slash = g_strrstr_len (path, len, "/");
      if (slash != NULL)
        segment = g_strndup (slash + 1, len - (slash + 1 - path));
      else
        segment = g_strndup (path, len);
    }

  if (segment != NULL && segment[0] != '\0')
    unescaped = g_uri_unescape_string (segment, NULL);
  if (unescaped == NULL && segment != NULL && segment[0] != '\0')
    unescaped = g_strdup (segment);

  /* Keep it printable: a name from a URL is shown as plain text. */
  if (unescaped != NULL && !g_utf8_validate (unescaped, -1, NULL))
    g_clear_pointer (&unescaped, g_free);

  if (host == NULL || host[0] == '\0')
    return g_strdup (unescaped != NULL ? unescaped : g_uri_get_scheme (uri));

  if (unescaped == NULL)
    return g_strdup (host);

  return g_strdup_printf ("%s — %s", host, unescaped);
}

static char *
display_name_for_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *basename = NULL;

  if (path != NULL)
    return g_filename_display_basename (path);

  basename = g_file_get_basename (file);
  if (basename != NULL)
    return g_filename_display_name (basename);

  return g_file_get_parse_name (file);
}

/**
 * talkie_audio_source_new_for_file:
 * @file: a local audio file
 *
 * Returns: (transfer full): a new, not yet probed, audio source
 */
TalkieAudioSource *
talkie_audio_source_new_for_file (GFile *file)
{
  TalkieAudioSource *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (TALKIE_TYPE_AUDIO_SOURCE, NULL);
  self->file = g_object_ref (file);
  self->uri = g_file_get_uri (file);
  self->display_name = display_name_for_file (file);

  return self;
}

/**
 * talkie_audio_source_new_for_uri:
 * @uri: a file://, http:// or https:// URI
 * @error: a location for a #GError, or %NULL
 *
 * Returns: (transfer full) (nullable): a new audio source, or %NULL with
 *   %TALKIE_AUDIO_ERROR_BAD_URI
 */
TalkieAudioSource *
talkie_audio_source_new_for_uri (const char  *uri,
                                 GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  TalkieAudioSource *self;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    goto bad_uri;

  scheme = g_uri_get_scheme (parsed);

  if (g_ascii_strcasecmp (scheme, "file") == 0)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);

      if (!g_file_is_native (file))
        goto bad_uri;

      return talkie_audio_source_new_for_file (file);
    }

  if (g_ascii_strcasecmp (scheme, "http") != 0 &&
      g_ascii_strcasecmp (scheme, "https") != 0)
    goto bad_uri;

  host = g_uri_get_host (parsed);
  if (host == NULL || host[0] == '\0')
    goto bad_uri;

  self = g_object_new (TALKIE_TYPE_AUDIO_SOURCE, NULL);
  self->uri = g_uri_to_string (parsed);
  self->display_name = display_name_for_url (parsed);

  return self;

bad_uri:
  g_set_error (error, TALKIE_AUDIO_ERROR, TALKIE_AUDIO_ERROR_BAD_URI,
               _("“%s” is not the address of an audio file. "
                 "Choose a file, or enter an address that starts with https:// or http://."),
               uri);
  return NULL;
}

const char *
talkie_audio_source_get_uri (TalkieAudioSource *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), NULL);

  return self->uri;
}

/**
 * talkie_audio_source_get_file:
 *
 * Returns: (transfer none) (nullable): the local file, %NULL for a URL
 */
GFile *
talkie_audio_source_get_file (TalkieAudioSource *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), NULL);

  return self->file;
}

gboolean
talkie_audio_source_is_local (TalkieAudioSource *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), FALSE);

  return self->file != NULL;
}

const char *
talkie_audio_source_get_display_name (TalkieAudioSource *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), NULL);

  return self->display_name;
}

double
talkie_audio_source_get_duration (TalkieAudioSource *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), 0);

  return self->duration;
}

gint64
talkie_audio_source_get_size (TalkieAudioSource *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), -1);

  return self->size;
}

const char *
talkie_audio_source_get_content_type (TalkieAudioSource *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), NULL);

  return self->content_type;
}

gboolean
talkie_audio_source_get_probed (TalkieAudioSource *self)
{
  g_return_val_if_fail (TALKIE_IS_AUDIO_SOURCE (self), FALSE);

  return self->probed;
}

/* What a probe found, with a notification for each property it changed. */
void
_talkie_audio_source_set_measured (TalkieAudioSource *self,
                                   double             duration,
                                   const char        *content_type,
                                   gint64             size,
                                   const char        *display_name)
{
  self->duration = duration;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);

  if (g_strcmp0 (content_type, self->content_type) != 0)
    {
      g_free (self->content_type);
      self->content_type = g_strdup (content_type);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_TYPE]);
    }

  if (size >= 0 && size != self->size)
    {
      self->size = size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
    }

  if (display_name != NULL && g_strcmp0 (display_name, self->display_name) != 0)
    {
      g_free (self->display_name);
      self->display_name = g_strdup (display_name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
    }

  if (!self->probed)
    {
      self->probed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBED]);
    }

}
