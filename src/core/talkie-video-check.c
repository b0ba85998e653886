/* talkie-video-check.c
 *
 * libsoup reports a chunked body that stops between two chunks as a clean end
 * of stream, so a video cut short that way cannot be told from a whole one by
 * the transfer alone. The containers can tell: an ISO BMFF (MP4) file is a row
 * of boxes that each state their size, and a Matroska (WebM) file is an EBML
 * header and a segment whose elements state theirs. What arrived is a whole
 * video when that structure ends exactly where the file ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "talkie-core"

#include <string.h>

#include <glib/gi18n.h>

#include "talkie-error.h"
#include "talkie-video-check.h"

#define EBML_ID_HEADER  0x1A45DFA3
#define EBML_ID_SEGMENT 0x18538067

gboolean
talkie_video_sniff (const guint8 *head,
                    gsize         length)
{
  static const char * const boxes[] = { "ftyp", "moov", "mdat", "free", "skip", "wide", "pnot" };
  static const guint8 ebml[] = { 0x1A, 0x45, 0xDF, 0xA3 };

  if (head == NULL || length < 8)
    return FALSE;

  if (memcmp (head, ebml, sizeof ebml) == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    if (memcmp (head + 4, boxes[i], 4) == 0)
      return TRUE;

  return FALSE;
}

typedef struct
{
  GInputStream *stream;
  GCancellable *cancellable;
  goffset       size;
} Reader;

/* @length bytes at @offset; FALSE when the file ends first. */
static gboolean
read_at (Reader  *reader,
         goffset  offset,
         guint8  *buffer,
         gsize    length,
         GError **error)
{
  gsize got = 0;

  if (offset < 0 || offset + (goffset) length > reader->size)
    return FALSE;

  if (!g_seekable_seek (G_SEEKABLE (reader->stream), offset, G_SEEK_SET, reader->cancellable, error) ||
      !g_input_stream_read_all (reader->stream, buffer, length, &got, reader->cancellable, error))
    return FALSE;

  return got == length;
}

static gboolean
truncated (GError **error)
{
  if (error != NULL && *error != NULL)
    return FALSE;

  g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_TRUNCATED,
                       _("The video arrived incomplete: the connection ended before its end. Try again."));
  return FALSE;
}

static gboolean
check_iso_bmff (Reader  *reader,
                GError **error)
{
  gboolean has_moov = FALSE;
  goffset offset = 0;

  while (offset < reader->size)
    {
      guint8 header[16];
      guint64 box_size;
      gsize header_size = 8;

      if (!read_at (reader, offset, header, 8, error))
        return truncated (error);

      box_size = ((guint64) header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3];
      if (memcmp (header + 4, "moov", 4) == 0)
        has_moov = TRUE;

      if (box_size == 1)
        {
          if (!read_at (reader, offset + 8, header + 8, 8, error))
            return truncated (error);
          box_size = 0;
          for (guint i = 8; i < 16; i++)
            box_size = (box_size << 8) | header[i];
          header_size = 16;
        }
      else if (box_size == 0)
        box_size = reader->size - offset;   /* to the end of the file */

      if (box_size < header_size || box_size > (guint64) (reader->size - offset))
        return truncated (error);

      offset += box_size;
    }

  if (!has_moov)
    return truncated (error);

  return TRUE;
}

/* An EBML variable-size integer at @offset: its value (marker kept for ids,
 * removed for sizes), its length, and whether it is the "unknown" size. */
static gboolean
read_vint (Reader   *reader,
           goffset   offset,
           gboolean  keep_marker,
           guint64  *value,
           guint    *length,
           gboolean *unknown,
           GError  **error)
{
  guint8 bytes[8];
  guint8 first;
  guint n = 1;
  guint64 v;
  gboolean all_ones;

  if (!read_at (reader, offset, &first, 1, error))
    return FALSE;

  while (n <= 8 && !(first & (0x80 >> (n - 1))))
    n++;
  if (n > 8 || (keep_marker && n > 4))
    return FALSE;

  bytes[0] = first;
  if (n > 1 && !read_at (reader, offset + 1, bytes + 1, n - 1, error))
    return FALSE;

  v = keep_marker ? first : (first & (0xFF >> n));
  all_ones = (first & (0xFF >> n)) == (0xFF >> n);
  for (guint i = 1; i < n; i++)
    {
      v = (v << 8) | bytes[i];
      all_ones = all_ones && bytes[i] == 0xFF;
    }

  *value = v;
  *length = n;
  if (unknown != NULL)
    *unknown = !keep_marker && all_ones;

  return TRUE;
}

static gboolean
is_segment_child (guint64 id)
{
  switch (id)
    {
    case 0x114D9B74:   /* SeekHead */
    case 0x1549A966:   /* Info */
    case 0x1654AE6B:   /* Tracks */
    case 0x1F43B675:   /* Cluster */
    case 0x1C53BB6B:   /* Cues */
    case 0x1941A469:   /* Attachments */
    case 0x1043A770:   /* Chapters */
    case 0x1254C367:   /* Tags */
    case 0xEC:         /* Void */
      return TRUE;
    default:
      return FALSE;
    }
}

/* The elements from @offset to @end (or, for an element of unknown size, to
 * the next segment-level element or the end of the file): each must be whole. */
static gboolean
check_ebml_children (Reader   *reader,
                     goffset   offset,
                     goffset   end,
                     gboolean  stop_at_segment_child,
                     goffset  *reached,
                     guint     depth,
                     GError  **error)
{
  while (offset < end)
    {
      guint64 id, size;
      guint id_length, size_length;
      gboolean unknown;
      goffset data;

      if (!read_vint (reader, offset, TRUE, &id, &id_length, NULL, error) ||
          !read_vint (reader, offset + id_length, FALSE, &size, &size_length, &unknown, error))
        return truncated (error);

      if (stop_at_segment_child && is_segment_child (id))
        break;

      data = offset + id_length + size_length;

      if (unknown)
        {
          /* A live-written cluster: its end is where the next one starts. */
          if (depth > 0 || !is_segment_child (id) ||
              !check_ebml_children (reader, data, end, TRUE, &offset, depth + 1, error))
            return truncated (error);
          continue;
        }

      if (size > (guint64) (end - data))
        return truncated (error);

      offset = data + size;
    }

  *reached = offset;
  return TRUE;
}

static gboolean
check_matroska (Reader  *reader,
                GError **error)
{
  guint64 id, size;
  guint id_length, size_length;
  gboolean unknown;
  goffset offset = 0;
  goffset reached = 0;

  /* The EBML header, whole. */
  if (!read_vint (reader, 0, TRUE, &id, &id_length, NULL, error) || id != EBML_ID_HEADER ||
      !read_vint (reader, id_length, FALSE, &size, &size_length, &unknown, error) || unknown ||
      size > (guint64) (reader->size - id_length - size_length))
    return truncated (error);
  offset = id_length + size_length + size;

  /* The segment. */
  if (!read_vint (reader, offset, TRUE, &id, &id_length, NULL, error) || id != EBML_ID_SEGMENT ||
      !read_vint (reader, offset + id_length, FALSE, &size, &size_length, &unknown, error))
    return truncated (error);
  offset += id_length + size_length;

  if (!unknown)
    return size <= (guint64) (reader->size - offset) &&
           check_ebml_children (reader, offset, offset + size, FALSE, &reached, 0, error) &&
           reached == (goffset) (offset + size) ? TRUE : truncated (error);

  return check_ebml_children (reader, offset, reader->size, FALSE, &reached, 0, error) &&
         reached == reader->size ? TRUE : truncated (error);
}

gboolean
talkie_video_check_complete (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  guint8 head[TALKIE_VIDEO_SNIFF_BYTES];
  Reader reader;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(stream = g_file_read (file, cancellable, error)) ||
      !(info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error)))
    return FALSE;

  reader.stream = G_INPUT_STREAM (stream);
  reader.cancellable = cancellable;
  reader.size = g_file_info_get_size (info);

  if (!read_at (&reader, 0, head, sizeof head, error) || !talkie_video_sniff (head, sizeof head))
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      g_set_error_literal (error, TALKIE_API_ERROR, TALKIE_API_ERROR_NOT_A_VIDEO,
                           _("The server sent something that is not a video. Try again later."));
      return FALSE;
    }

  if (head[0] == 0x1A && head[1] == 0x45)
    return check_matroska (&reader, error);

  return check_iso_bmff (&reader, error);
}
