/* talkie-application-about.c: the About window, filled from the AppStream
 * metainfo (compiled into the resources from data/), so that the name, the
 * summary, the developer, the links, the licence and the release notes are
 * written in one place. libadwaita 1.2 has no adw_about_window_new_from_appdata()
 * (1.4 has): this reads the few elements it would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "talkie-application-private.h"

#define METAINFO_RESOURCE "/io/github/talkie/Talkie/" APP_ID ".metainfo.xml"

/* One translatable element: its English text and, by language, its
 * translations (the metainfo is merged with po/ at build time: each element
 * is followed by its translations, marked with xml:lang). */
typedef struct
{
  char       *tag;          /* "p", "li", "ul" or "/ul" in release notes */
  char       *text;
  GHashTable *translations; /* language → text */
} Text;

typedef struct
{
  GPtrArray  *stack;              /* element names, outermost first */
  GString    *chars;
  char       *lang;               /* xml:lang of the element being read */
  char       *url_type;

  Text       *name;
  Text       *summary;
  Text       *developer;
  char       *homepage;
  char       *bugtracker;
  char       *license;

  char       *release_version;    /* the newest release's (the first listed) */
  GPtrArray  *release_notes;      /* of Text */
  gboolean    release_seen;
  gboolean    in_first_release;
} Metainfo;

static void
text_free (gpointer data)
{
  Text *text = data;

  g_free (text->tag);
  g_free (text->text);
  g_clear_pointer (&text->translations, g_hash_table_unref);
  g_free (text);
}

static Text *
text_new (const char *tag,
          const char *content)
{
  Text *text = g_new0 (Text, 1);

  text->tag = g_strdup (tag);
  text->text = g_strdup (content);
  text->translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return text;
}

/* AppStream text is written wrapped and indented: one space between words. */
static char *
collapse_spaces (const char *s)
{
  g_auto(GStrv) words = g_strsplit_set (s, " \t\n\r", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  return g_string_free (out, FALSE);
}

/* The element's text in the first of @languages it is translated to. */
static const char *
text_get (const Text         *text,
          const char * const *languages)
{
  if (text == NULL)
    return NULL;

  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *translated = g_hash_table_lookup (text->translations, languages[i]);

      if (translated != NULL)
        return translated;
    }

  return text->text;
}

static gboolean
path_is (Metainfo   *info,
         const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);

  if (info->stack->len != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (info->stack, i), parts[i]) != 0)
        return FALSE;
    }

  return TRUE;
}

/* Under the first <release>'s <description>, with @tag as the innermost element? */
static gboolean
in_release_notes (Metainfo   *info,
                  const char *tag)
{
  g_autofree char *p = g_strconcat ("component/releases/release/description/", tag, NULL);
  g_autofree char *li = g_strconcat ("component/releases/release/description/ul/", tag, NULL);

  return info->in_first_release && (path_is (info, p) || path_is (info, li));
}

/* @text, or a translation of it when the element read has an xml:lang. */
static void
take_text (Metainfo  *info,
           Text     **slot)
{
  g_autofree char *content = collapse_spaces (info->chars->str);

  if (info->lang == NULL)
    {
      if (*slot == NULL)
        *slot = text_new (NULL, content);
    }
  else if (*slot != NULL)
    g_hash_table_insert ((*slot)->translations, g_strdup (info->lang), g_steal_pointer (&content));
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  Metainfo *info = user_data;

  g_ptr_array_add (info->stack, g_strdup (element_name));
  g_string_truncate (info->chars, 0);
  g_clear_pointer (&info->lang, g_free);
  g_clear_pointer (&info->url_type, g_free);

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      if (g_str_equal (attribute_names[i], "xml:lang"))
        info->lang = g_strdup (attribute_values[i]);
      else if (g_str_equal (attribute_names[i], "type") && path_is (info, "component/url"))
        info->url_type = g_strdup (attribute_values[i]);
      else if (g_str_equal (attribute_names[i], "version") && path_is (info, "component/releases/release") &&
               !info->release_seen)
        info->release_version = g_strdup (attribute_values[i]);
    }

  if (path_is (info, "component/releases/release"))
    {
      info->in_first_release = !info->release_seen;
      info->release_seen = TRUE;
    }
  else if (in_release_notes (info, "ul"))
    g_ptr_array_add (info->release_notes, text_new ("ul", NULL));
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  Metainfo *info = user_data;

  if (path_is (info, "component/name"))
    take_text (info, &info->name);
  else if (path_is (info, "component/summary"))
    take_text (info, &info->summary);
  else if (path_is (info, "component/developer/name"))
    take_text (info, &info->developer);
  else if (path_is (info, "component/project_license") && info->license == NULL)
    info->license = collapse_spaces (info->chars->str);
  else if (path_is (info, "component/url") && g_strcmp0 (info->url_type, "homepage") == 0)
    _talkie_application_set_str (&info->homepage, info->chars->str);
  else if (path_is (info, "component/url") && g_strcmp0 (info->url_type, "bugtracker") == 0)
    _talkie_application_set_str (&info->bugtracker, info->chars->str);
  else if (path_is (info, "component/releases/release"))
    info->in_first_release = FALSE;
  else if (in_release_notes (info, "ul"))
    g_ptr_array_add (info->release_notes, text_new ("/ul", NULL));
  else if (in_release_notes (info, "p") || in_release_notes (info, "li"))
    {
      Text *last = NULL;

      if (info->lang != NULL && info->release_notes->len > 0)
        {
          last = g_ptr_array_index (info->release_notes, info->release_notes->len - 1);
          if (g_strcmp0 (last->tag, element_name) == 0)
            take_text (info, &last);
        }
      else if (info->lang == NULL)
        {
          take_text (info, &last);
          last->tag = g_strdup (element_name);
          g_ptr_array_add (info->release_notes, last);
        }
    }

  g_clear_pointer (&info->lang, g_free);
  g_string_truncate (info->chars, 0);
  g_ptr_array_remove_index (info->stack, info->stack->len - 1);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  Metainfo *info = user_data;

  g_string_append_len (info->chars, text, text_len);
}

static void
metainfo_clear (Metainfo *info)
{
  g_clear_pointer (&info->stack, g_ptr_array_unref);
  if (info->chars != NULL)
    g_string_free (g_steal_pointer (&info->chars), TRUE);
  g_clear_pointer (&info->lang, g_free);
  g_clear_pointer (&info->url_type, g_free);
  g_clear_pointer (&info->name, text_free);
  g_clear_pointer (&info->summary, text_free);
  g_clear_pointer (&info->developer, text_free);
  g_clear_pointer (&info->homepage, g_free);
  g_clear_pointer (&info->bugtracker, g_free);
  g_clear_pointer (&info->license, g_free);
  g_clear_pointer (&info->release_version, g_free);
  g_clear_pointer (&info->release_notes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Metainfo, metainfo_clear)

static gboolean
metainfo_load (Metainfo  *info,
               GError   **error)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  info->stack = g_ptr_array_new_with_free_func (g_free);
  info->chars = g_string_new (NULL);
  info->release_notes = g_ptr_array_new_with_free_func (text_free);

  if (!(bytes = g_resources_lookup_data (METAINFO_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error)))
    return FALSE;

  data = g_bytes_get_data (bytes, &size);
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, info, NULL);

  return g_markup_parse_context_parse (context, data, size, error) &&
         g_markup_parse_context_end_parse (context, error);
}

/* The languages gettext shows the rest of the app in: with LC_MESSAGES of C,
 * gettext ignores LANGUAGE (and so does this), all English. */
static const char * const *
shown_languages (void)
{
  static const char * const english[] = { NULL };
  const char *messages = setlocale (LC_MESSAGES, NULL);

  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    return english;

  return g_get_language_names ();
}

/* The release notes in the markup AdwAboutWindow takes (p, ul, li). */
static char *
release_notes_markup (Metainfo           *info,
                      const char * const *languages)
{
  GString *markup = g_string_new (NULL);

  for (guint i = 0; i < info->release_notes->len; i++)
    {
      const Text *text = g_ptr_array_index (info->release_notes, i);

      if (g_str_equal (text->tag, "ul") || g_str_equal (text->tag, "/ul"))
        g_string_append_printf (markup, "<%s>", text->tag);
      else
        {
          g_autofree char *escaped = g_markup_escape_text (text_get (text, languages), -1);

          g_string_append_printf (markup, "<%s>%s</%s>", text->tag, escaped, text->tag);
        }
    }

  return g_string_free (markup, FALSE);
}

GtkWindow *
_talkie_application_new_about_window (TalkieApplication *self)
{
  g_auto(Metainfo) info = { NULL, };
  g_autoptr(GError) error = NULL;
  const char * const *languages = shown_languages ();
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_translator_credits (about, _("translator-credits"));

  /* The metainfo is compiled in: not finding it is a broken build. */
  if (!metainfo_load (&info, &error))
    {
      g_critical ("The metainfo in the resources could not be read: %s", error->message);
      return GTK_WINDOW (about);
    }

  adw_about_window_set_application_name (about, text_get (info.name, languages));
  adw_about_window_set_comments (about, text_get (info.summary, languages));
  adw_about_window_set_developer_name (about, text_get (info.developer, languages));
  if (info.developer != NULL)
    {
      g_autofree char *copyright = g_strdup_printf ("© %s", text_get (info.developer, languages));

      adw_about_window_set_copyright (about, copyright);
    }
  if (info.homepage != NULL)
    adw_about_window_set_website (about, info.homepage);
  if (info.bugtracker != NULL)
    adw_about_window_set_issue_url (about, info.bugtracker);
  if (g_strcmp0 (info.license, "GPL-3.0-or-later") == 0)
    adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  else if (info.license != NULL)
    adw_about_window_set_license (about, info.license);

  if (info.release_version != NULL && info.release_notes->len > 0)
    {
      g_autofree char *notes = release_notes_markup (&info, languages);

      adw_about_window_set_release_notes_version (about, info.release_version);
      adw_about_window_set_release_notes (about, notes);
    }

  return GTK_WINDOW (about);
}
