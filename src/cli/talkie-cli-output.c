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

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL && value[0] != '\0')
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static JsonNode *
list_to_json (GListModel *items,
              void      (*add_members) (JsonBuilder *builder,
                                        gpointer     item))
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
  add_string_or_null (builder, "name", talkie_avatar_get_name (avatar));
  add_string_or_null (builder, "cover_url", talkie_avatar_get_cover_url (avatar));
}

JsonNode *
talkie_cli_avatars_to_json (GListModel *avatars)
{
  return list_to_json (avatars, add_avatar_members);
}

static void
add_voice_members (JsonBuilder *builder,
                   gpointer     item)
{
  TalkieVoice *voice = item;

  add_string_or_null (builder, "name", talkie_voice_get_name (voice));
  add_string_or_null (builder, "lang_id", talkie_voice_get_id (voice));
  add_string_or_null (builder, "audition_url", talkie_voice_get_audition_url (voice));
  add_string_or_null (builder, "language", talkie_voice_get_language (voice));
}

JsonNode *
talkie_cli_voices_to_json (GListModel *voices)
{
  return list_to_json (voices, add_voice_members);
}

void
talkie_cli_add_project_members (JsonBuilder   *builder,
                                TalkieProject *project)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (TALKIE_IS_PROJECT (project));

  add_string_or_null (builder, "id", talkie_project_get_id (project));
  add_string_or_null (builder, "title", talkie_project_get_title (project));
  json_builder_set_member_name (builder, "video_duration");
  json_builder_add_double_value (builder, talkie_project_get_video_duration (project));
  add_string_or_null (builder, "video_url", talkie_project_get_video_url (project));
  add_string_or_null (builder, "cover_url", talkie_project_get_cover_url (project));
  json_builder_set_member_name (builder, "status_code");
  json_builder_add_int_value (builder, talkie_project_get_status (project));
  add_string_or_null (builder, "status_desc", talkie_project_get_status_desc (project));
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, talkie_project_get_created_at (project));
}

JsonNode *
talkie_cli_project_to_json (TalkieProject *project)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (TALKIE_IS_PROJECT (project), NULL);

  json_builder_begin_object (builder);
  talkie_cli_add_project_members (builder, project);
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
