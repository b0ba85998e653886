/* talkie-cli-output.c: what talkie-cli prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-cli"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "talkie-cli-output.h"

#define COLUMN_GAP 2

char *
talkie_cli_sanitize (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else if (g_unichar_iscntrl (c) ||
               g_unichar_type (c) == G_UNICODE_FORMAT ||
               g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
               g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR)
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

guint
talkie_cli_text_width (const char *text)
{
  guint width = 0;

  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }

  return width;
}

static void
print_padded (GString    *line,
              const char *text,
              guint       width,
              gboolean    last)
{
  g_string_append (line, text);
  if (!last)
    {
      guint used = talkie_cli_text_width (text);

      for (guint i = used; i < width + COLUMN_GAP; i++)
        g_string_append_c (line, ' ');
    }
}

void
talkie_cli_print_table (const char * const *headers,
                        guint               n_columns,
                        GPtrArray          *rows)
{
  g_autofree guint *widths = NULL;
  g_autoptr(GPtrArray) clean = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_if_fail (headers != NULL);
  g_return_if_fail (n_columns > 0);
  g_return_if_fail (rows != NULL);

  widths = g_new0 (guint, n_columns);
  clean = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint c = 0; c < n_columns; c++)
    widths[c] = talkie_cli_text_width (headers[c]);

  for (guint r = 0; r < rows->len; r++)
    {
      const char * const *row = g_ptr_array_index (rows, r);
      char **cells = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        {
          cells[c] = talkie_cli_sanitize (row[c]);
          widths[c] = MAX (widths[c], talkie_cli_text_width (cells[c]));
        }
      g_ptr_array_add (clean, cells);
    }

  for (guint c = 0; c < n_columns; c++)
    print_padded (line, headers[c], widths[c], c + 1 == n_columns);
  g_print ("%s\n", line->str);

  for (guint r = 0; r < clean->len; r++)
    {
      char **cells = g_ptr_array_index (clean, r);

      g_string_truncate (line, 0);
      for (guint c = 0; c < n_columns; c++)
        print_padded (line, cells[c], widths[c], c + 1 == n_columns);
      g_print ("%s\n", line->str);
    }
}

void
talkie_cli_print_fields (const char * const *labels,
                         const char * const *values,
                         guint               n_fields)
{
  g_autoptr(GString) line = g_string_new (NULL);
  guint width = 0;

  g_return_if_fail (labels != NULL);
  g_return_if_fail (values != NULL);

  for (guint i = 0; i < n_fields; i++)
    width = MAX (width, talkie_cli_text_width (labels[i]));

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = talkie_cli_sanitize (values[i]);

      g_string_truncate (line, 0);
      print_padded (line, labels[i], width, FALSE);
      g_string_append (line, value);
      g_print ("%s\n", line->str);
    }
}

void
talkie_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  g_return_if_fail (node != NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  /* JSON is UTF-8 whatever the locale: no charset conversion here. */
  fputs (text, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

void
talkie_cli_add_string_member (JsonBuilder *builder,
                              const char  *name,
                              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL && value[0] != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
talkie_cli_list_to_json (GListModel           *items,
                         TalkieCliMembersFunc  add_members)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  n = g_list_model_get_n_items (items);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      json_builder_begin_object (builder);
      add_members (builder, item);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static void
add_avatar_members (JsonBuilder *builder,
                    gpointer     item)
{
  TalkieAvatar *avatar = item;

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, talkie_avatar_get_id (avatar));
  talkie_cli_add_string_member (builder, "name", talkie_avatar_get_name (avatar));
  talkie_cli_add_string_member (builder, "cover_url", talkie_avatar_get_cover_url (avatar));
}

JsonNode *
talkie_cli_avatars_to_json (GListModel *avatars)
{
  return talkie_cli_list_to_json (avatars, add_avatar_members);
}

static void
add_voice_members (JsonBuilder *builder,
                   gpointer     item)
{
  TalkieVoice *voice = item;

  talkie_cli_add_string_member (builder, "name", talkie_voice_get_name (voice));
  talkie_cli_add_string_member (builder, "lang_id", talkie_voice_get_id (voice));
  talkie_cli_add_string_member (builder, "audition_url", talkie_voice_get_audition_url (voice));
  talkie_cli_add_string_member (builder, "language", talkie_voice_get_language (voice));
  talkie_cli_add_string_member (builder, "gender",
                      talkie_voice_get_gender (voice) == TALKIE_GENDER_FEMALE ? "female" :
                      talkie_voice_get_gender (voice) == TALKIE_GENDER_MALE ? "male" : NULL);
}

JsonNode *
talkie_cli_voices_to_json (GListModel *voices)
{
  return talkie_cli_list_to_json (voices, add_voice_members);
}

void
talkie_cli_add_project_members (JsonBuilder   *builder,
                                const char    *project_id,
                                TalkieProject *project,
                                const char    *error,
                                const char    *output_path)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (project == NULL || TALKIE_IS_PROJECT (project));

  /* Every member always there, null until the server said: one shape for
   * render (with and without --wait), status and renders. */
  talkie_cli_add_string_member (builder, "id", project_id);
  talkie_cli_add_string_member (builder, "title", project ? talkie_project_get_title (project) : NULL);
  json_builder_set_member_name (builder, "status_code");
  if (project != NULL && talkie_project_get_status (project) != TALKIE_PROJECT_STATUS_UNKNOWN)
    json_builder_add_int_value (builder, talkie_project_get_status (project));
  else
    json_builder_add_null_value (builder);
  talkie_cli_add_string_member (builder, "status_desc", project ? talkie_project_get_status_desc (project) : NULL);
  talkie_cli_add_string_member (builder, "video_url", project ? talkie_project_get_video_url (project) : NULL);
  talkie_cli_add_string_member (builder, "cover_url", project ? talkie_project_get_cover_url (project) : NULL);
  json_builder_set_member_name (builder, "video_duration");
  if (project != NULL && talkie_project_get_video_duration (project) > 0)
    json_builder_add_double_value (builder, talkie_project_get_video_duration (project));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "created_at");
  if (project != NULL && talkie_project_get_created_at (project) > 0)
    json_builder_add_int_value (builder, talkie_project_get_created_at (project));
  else
    json_builder_add_null_value (builder);
  talkie_cli_add_string_member (builder, "error", error);
  talkie_cli_add_string_member (builder, "output", output_path);
}

JsonNode *
talkie_cli_project_to_json (const char    *project_id,
                            TalkieProject *project,
                            const char    *error,
                            const char    *output_path)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (project_id != NULL, NULL);

  json_builder_begin_object (builder);
  talkie_cli_add_project_members (builder, project_id, project, error, output_path);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
talkie_cli_print_project (TalkieProject *project,
                          const char    *output_path)
{
  const char *labels[8];
  const char *values[8];
  g_autofree char *status = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *created = NULL;
  guint n = 0;

  g_return_if_fail (TALKIE_IS_PROJECT (project));

  status = g_strdup_printf ("%d (%s)",
                            (int) talkie_project_get_status (project),
                            talkie_format_project_status (talkie_project_get_status (project)));

  if (talkie_project_get_video_duration (project) > 0)
    /* TRANSLATORS: a video's length in seconds */
    duration = g_strdup_printf (_("%.1f s"), talkie_project_get_video_duration (project));

  if (talkie_project_get_created_at (project) > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (talkie_project_get_created_at (project));

      if (when != NULL)
        created = g_date_time_format (when, "%Y-%m-%d %H:%M:%S");
    }

  labels[n] = _("Project:");
  values[n++] = talkie_project_get_id (project);
  if (talkie_project_get_title (project) != NULL)
    {
      labels[n] = _("Title:");
      values[n++] = talkie_project_get_title (project);
    }
  labels[n] = _("Status:");
  values[n++] = status;
  if (talkie_project_get_video_url (project) != NULL)
    {
      labels[n] = _("Video:");
      values[n++] = talkie_project_get_video_url (project);
    }
  if (talkie_project_get_cover_url (project) != NULL)
    {
      labels[n] = _("Cover:");
      values[n++] = talkie_project_get_cover_url (project);
    }
  if (duration != NULL)
    {
      labels[n] = _("Duration:");
      values[n++] = duration;
    }
  if (created != NULL)
    {
      labels[n] = _("Created:");
      values[n++] = created;
    }
  if (output_path != NULL)
    {
      labels[n] = _("Saved to:");
      values[n++] = output_path;
    }

  g_assert (n <= G_N_ELEMENTS (labels));
  talkie_cli_print_fields (labels, values, n);
}

/* What a non-UTF-8 terminal gets instead of the typography of our messages. */
static const struct
{
  const char *utf8;
  const char *ascii;
} ascii_fallbacks[] = {
  { "“", "\"" }, { "”", "\"" }, { "„", "\"" }, { "«", "\"" }, { "»", "\"" },
  { "‘", "'" }, { "’", "'" }, { "‚", "'" }, { "‹", "'" }, { "›", "'" },
  { "…", "..." }, { "→", "->" }, { "–", "-" }, { "—", "-" }, { "×", "x" },
  { "·", "-" }, { "\u00a0", " " }, { "\u202f", " " },
};

char *
talkie_cli_to_locale_text (const char *text)
{
  g_autoptr(GString) ascii = NULL;
  const char *charset = NULL;
  g_autofree char *converted = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_get_charset (&charset))
    return g_strdup (text);

  ascii = g_string_new (text);
  for (guint i = 0; i < G_N_ELEMENTS (ascii_fallbacks); i++)
    g_string_replace (ascii, ascii_fallbacks[i].utf8, ascii_fallbacks[i].ascii, 0);

  /* Whatever is left that the locale cannot show (a name from the server)
   * becomes "?", as GLib would print it. */
  converted = g_convert_with_fallback (ascii->str, ascii->len, charset, "UTF-8", "?",
                                       NULL, NULL, NULL);

  return converted != NULL ? g_steal_pointer (&converted) : g_strdup (ascii->str);
}
