/* fuzz-request.c: the render request's JSON body, read back by json-glib.
 *
 * The body is built by hand (talkie-render-request.c escapes strings itself),
 * so the fuzzer fills a request with whatever fields it likes, out-of-range
 * enums, NaN durations and strings full of quotes, backslashes and control
 * characters included, and json-glib must read back exactly what was put in.
 *
 * Input layout, each field taken from the front until the input runs out
 * (then zeros):
 *   int32 aspect_ratio, int32 person_source, int32 screen_style,
 *   int64 person_id, double audio_duration, uint8 subtitles,
 *   then audio_url and tts_voice_id, separated by a NUL byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-fuzz"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "fuzz-common.h"
#include "talkie-render-request.h"

typedef struct
{
  const guint8 *data;
  gsize         size;
} Reader;

static void
take (Reader  *reader,
      void    *out,
      gsize    n)
{
  gsize available = MIN (n, reader->size);

  memset (out, 0, n);
  memcpy (out, reader->data, available);
  reader->data += available;
  reader->size -= available;
}

/* Up to the next NUL (or the end). The bytes are made valid UTF-8 first:
 * every string that reaches a request does come as UTF-8 (json-glib's reply
 * strings, GTK's entries, GFile URIs), and JSON cannot carry anything else. */
static char *
take_string (Reader *reader)
{
  const guint8 *end = memchr (reader->data, '\0', reader->size);
  gsize length = end != NULL ? (gsize)(end - reader->data) : reader->size;
  char *str = g_utf8_make_valid ((const char *)reader->data, length);

  reader->data += length;
  reader->size -= length;
  if (reader->size > 0)
    {
      reader->data++;
      reader->size--;
    }

  return str;
}

static JsonNode *
member (JsonObject *object,
        const char *name,
        GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  FUZZ_CHECK (node != NULL, "no \"%s\"", name);
  FUZZ_CHECK (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type,
              "\"%s\" is a %s", name, json_node_type_name (node));

  return node;
}

static void
check_members (JsonObject         *object,
               const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GList *l = members;

  /* The contract's order, and nothing else. */
  for (guint i = 0; names[i] != NULL; i++, l = l->next)
    {
      FUZZ_CHECK (l != NULL, "\"%s\" is missing", names[i]);
      FUZZ_CHECK (g_str_equal (l->data, names[i]), "\"%s\" where \"%s\" belongs",
                  (const char *)l->data, names[i]);
    }
  FUZZ_CHECK (l == NULL, "an unexpected \"%s\"", (const char *)l->data);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init_logging ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const top_names[] = {
    "aspect_ratio", "audio_script", "person_id", "person_source",
    "screen_style", "tts_voice_id", "render_subtitle", NULL,
  };
  static const char * const script_names[] = { "url", "duration", NULL };
  g_autoptr(TalkieRenderRequest) request = talkie_render_request_new ();
  g_autoptr(TalkieRenderRequest) copy = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  Reader reader = { data, size };
  JsonObject *object;
  JsonObject *script;
  gint32 aspect_ratio, person_source, screen_style;
  guint8 subtitles;
  double duration, expected_duration;

  take (&reader, &aspect_ratio, sizeof aspect_ratio);
  take (&reader, &person_source, sizeof person_source);
  take (&reader, &screen_style, sizeof screen_style);
  take (&reader, &request->person_id, sizeof request->person_id);
  take (&reader, &request->audio_duration, sizeof request->audio_duration);
  take (&reader, &subtitles, sizeof subtitles);
  request->aspect_ratio = aspect_ratio;
  request->person_source = person_source;
  request->screen_style = screen_style;
  request->subtitles = subtitles & 1;
  request->audio_url = take_string (&reader);
  request->tts_voice_id = take_string (&reader);

  /* Both answers are fine; neither may crash, and a refusal says why. */
  if (!talkie_render_request_validate (request, &error))
    FUZZ_CHECK (error != NULL && error->message[0] != '\0');

  copy = talkie_render_request_copy (request);
  FUZZ_CHECK (g_str_equal (copy->audio_url, request->audio_url));
  FUZZ_CHECK (g_str_equal (copy->tts_voice_id, request->tts_voice_id));

  json = talkie_render_request_to_json (request);
  FUZZ_CHECK (json != NULL);
  FUZZ_CHECK (g_utf8_validate (json, -1, NULL), "the body is not UTF-8");

  if (!json_parser_load_from_data (parser, json, -1, &error))
    fuzz_fail (__FILE__, __LINE__, "json-glib cannot read the body (%s): %s", error->message, json);

  FUZZ_CHECK (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  object = json_node_get_object (json_parser_get_root (parser));
  check_members (object, top_names);

  /* The enums go out as C ints, whatever their value. */
  FUZZ_CHECK (json_node_get_int (member (object, "aspect_ratio", G_TYPE_INT64)) == (int)request->aspect_ratio);
  FUZZ_CHECK (json_node_get_int (member (object, "person_id", G_TYPE_INT64)) == request->person_id,
              "%" G_GINT64_FORMAT " read back as %" G_GINT64_FORMAT, request->person_id,
              json_node_get_int (member (object, "person_id", G_TYPE_INT64)));
  FUZZ_CHECK (json_node_get_int (member (object, "person_source", G_TYPE_INT64)) == (int)request->person_source);
  FUZZ_CHECK (json_node_get_int (member (object, "screen_style", G_TYPE_INT64)) == (int)request->screen_style);
  FUZZ_CHECK (json_node_get_int (member (object, "render_subtitle", G_TYPE_INT64)) == (request->subtitles ? 1 : 2));
  FUZZ_CHECK (g_str_equal (json_node_get_string (member (object, "tts_voice_id", G_TYPE_STRING)),
                           request->tts_voice_id),
              "\"%s\" read back as \"%s\"", request->tts_voice_id,
              json_node_get_string (member (object, "tts_voice_id", G_TYPE_STRING)));

  script = json_object_get_object_member (object, "audio_script");
  FUZZ_CHECK (script != NULL);
  check_members (script, script_names);
  FUZZ_CHECK (g_str_equal (json_node_get_string (member (script, "url", G_TYPE_STRING)),
                           request->audio_url),
              "\"%s\" read back as \"%s\"", request->audio_url,
              json_node_get_string (member (script, "url", G_TYPE_STRING)));

  /* Two decimals, and 0 for what is not a number at all. */
  duration = json_node_get_double (member (script, "duration", G_TYPE_DOUBLE));
  expected_duration = isfinite (request->audio_duration) ? request->audio_duration : 0.0;
  FUZZ_CHECK (fabs (duration - expected_duration) <= 0.005 + fabs (expected_duration) * 1e-12,
              "%.17g read back as %.17g", request->audio_duration, duration);

  return 0;
}
