/* talkie-cover-loader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "talkie-cover-loader.h"
#include "talkie-cover-loader-private.h"

#define MAX_IN_FLIGHT     6
#define MAX_CACHED        300
#define MAX_COVER_BYTES   (16 * 1024 * 1024)
#define CACHE_DUMP_SECS   60
#define DISK_CACHE_BYTES  (64 * 1024 * 1024)

struct _TalkieCoverLoader
{
  GObject      parent_instance;

  SoupSession *session;
  SoupCache   *cache;       /* NULL when the session came with its own */
  guint        dump_source;

  GQueue       pending;     /* of GTask, waiting for a slot */
  guint        in_flight;

  GHashTable  *textures;    /* key → GList link in @lru */
  GQueue       lru;         /* of CacheEntry, most recent first */

  guint        fetches;     /* requests sent, for tests */
};

typedef struct
{
  char       *key;
  GdkTexture *texture;
} CacheEntry;

typedef struct
{
  char *url;
  char *key;
  int   width;
  int   height;
} Request;

typedef struct
{
  GBytes *bytes;
  int     width;
  int     height;
} Decode;

G_DEFINE_FINAL_TYPE (TalkieCoverLoader, talkie_cover_loader, G_TYPE_OBJECT)

static void talkie_cover_loader_pump (TalkieCoverLoader *self);

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->key);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
request_free (Request *request)
{
  g_free (request->url);
  g_free (request->key);
  g_free (request);
}

static void
decode_free (Decode *decode)
{
  g_clear_pointer (&decode->bytes, g_bytes_unref);
  g_free (decode);
}

static char *
make_key (const char *url,
          int         width,
          int         height)
{
  return g_strdup_printf ("%d×%d %s", width, height, url);
}

static gboolean
dump_cache_cb (gpointer user_data)
{
  TalkieCoverLoader *self = user_data;

  if (self->cache != NULL)
    soup_cache_dump (self->cache);

  return G_SOURCE_CONTINUE;
}

static void
talkie_cover_loader_dispose (GObject *object)
{
  TalkieCoverLoader *self = (TalkieCoverLoader *)object;
  GTask *task;

  while ((task = g_queue_pop_head (&self->pending)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The cover was not loaded because Talkie is closing."));
      g_object_unref (task);
    }

  g_clear_handle_id (&self->dump_source, g_source_remove);

  if (self->cache != NULL)
    {
      soup_cache_flush (self->cache);
      soup_cache_dump (self->cache);
      if (self->session != NULL)
        soup_session_remove_feature (self->session, SOUP_SESSION_FEATURE (self->cache));
      g_clear_object (&self->cache);
    }

  g_clear_object (&self->session);

  G_OBJECT_CLASS (talkie_cover_loader_parent_class)->dispose (object);
}

static void
talkie_cover_loader_finalize (GObject *object)
{
  TalkieCoverLoader *self = (TalkieCoverLoader *)object;

  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);
  g_clear_pointer (&self->textures, g_hash_table_unref);

  G_OBJECT_CLASS (talkie_cover_loader_parent_class)->finalize (object);
}

static void
talkie_cover_loader_class_init (TalkieCoverLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = talkie_cover_loader_dispose;
  object_class->finalize = talkie_cover_loader_finalize;
}

static void
talkie_cover_loader_init (TalkieCoverLoader *self)
{
  g_queue_init (&self->pending);
  g_queue_init (&self->lru);
  self->textures = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * talkie_cover_loader_new:
 * @session: the session to fetch with; a disk cache is added to it unless it has one
 */
TalkieCoverLoader *
talkie_cover_loader_new (SoupSession *session)
{
  TalkieCoverLoader *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (TALKIE_TYPE_COVER_LOADER, NULL);
  self->session = g_object_ref (session);

  if (!soup_session_has_feature (session, SOUP_TYPE_CACHE))
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "talkie", "http-cache", NULL);

      self->cache = soup_cache_new (dir, SOUP_CACHE_SINGLE_USER);
      soup_cache_set_max_size (self->cache, DISK_CACHE_BYTES);
      soup_cache_load (self->cache);
      soup_session_add_feature (session, SOUP_SESSION_FEATURE (self->cache));
      self->dump_source = g_timeout_add_seconds (CACHE_DUMP_SECS, dump_cache_cb, self);
    }

  return self;
}

static void
remember (TalkieCoverLoader *self,
          const char        *key,
          GdkTexture        *texture)
{
  CacheEntry *entry;
  GList *link;

  if ((link = g_hash_table_lookup (self->textures, key)))
    {
      entry = link->data;
      g_set_object (&entry->texture, texture);
      g_queue_unlink (&self->lru, link);
      g_queue_push_head_link (&self->lru, link);
      return;
    }

  entry = g_new0 (CacheEntry, 1);
  entry->key = g_strdup (key);
  entry->texture = g_object_ref (texture);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->textures, entry->key, self->lru.head);

  while (self->lru.length > MAX_CACHED)
    {
      CacheEntry *old = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->textures, old->key);
      cache_entry_free (old);
    }
}

/**
 * talkie_cover_loader_lookup:
 *
 * Returns: (transfer full) (nullable): the texture when it is in the memory cache
 */
GdkTexture *
talkie_cover_loader_lookup (TalkieCoverLoader *self,
                            const char        *url,
                            int                width,
                            int                height)
{
  g_autofree char *key = NULL;
  GList *link;

  g_return_val_if_fail (TALKIE_IS_COVER_LOADER (self), NULL);

  if (url == NULL || url[0] == '\0')
    return NULL;

  key = make_key (url, width, height);
  if (!(link = g_hash_table_lookup (self->textures, key)))
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return g_object_ref (((CacheEntry *)link->data)->texture);
}

guint
talkie_cover_loader_get_in_flight (TalkieCoverLoader *self)
{
  g_return_val_if_fail (TALKIE_IS_COVER_LOADER (self), 0);

  return self->in_flight;
}

guint
talkie_cover_loader_get_pending (TalkieCoverLoader *self)
{
  g_return_val_if_fail (TALKIE_IS_COVER_LOADER (self), 0);

  return self->pending.length;
}

void
talkie_cover_loader_save (TalkieCoverLoader *self)
{
  g_return_if_fail (TALKIE_IS_COVER_LOADER (self));

  if (self->cache != NULL)
    {
      soup_cache_flush (self->cache);
      soup_cache_dump (self->cache);
    }
}

guint
talkie_cover_loader_get_fetch_count (TalkieCoverLoader *self)
{
  g_return_val_if_fail (TALKIE_IS_COVER_LOADER (self), 0);

  return self->fetches;
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  const Decode *decode = user_data;
  double scale;

  if (width <= 0 || height <= 0)
    return;

  scale = MIN ((double)decode->width / width, (double)decode->height / height);
  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int)(width * scale + .5)),
                                MAX (1, (int)(height * scale + .5)));
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Decode *decode = task_data;
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;
  int width, height;
  double scale;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), decode);

  if (!gdk_pixbuf_loader_write_bytes (loader, decode->bytes, &error) ||
      !gdk_pixbuf_loader_close (loader, &error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The cover is not an image Talkie can read: %s"),
                               error->message);
      return;
    }

  if (!(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The cover is not an image Talkie can read."));
      return;
    }

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  scale = MIN ((double)decode->width / width, (double)decode->height / height);

  /* Formats without a size-prepared scaler (or rounding) still get their size here. */
  if (scale < 1.0)
    scaled = gdk_pixbuf_scale_simple (pixbuf,
                                      MAX (1, (int)(width * scale + .5)),
                                      MAX (1, (int)(height * scale + .5)),
                                      GDK_INTERP_BILINEAR);
  else
    scaled = g_object_ref (pixbuf);

  g_task_return_pointer (task, gdk_texture_new_for_pixbuf (scaled), g_object_unref);
}

static void
decode_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  TalkieCoverLoader *self = TALKIE_COVER_LOADER (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);

  if (!(texture = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  remember (self, request->key, texture);
  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  TalkieCoverLoader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) decode_task = NULL;
  GCancellable *cancellable;
  SoupMessage *message;
  Decode *decode;
  guint status;

  g_assert (self->in_flight > 0);
  self->in_flight--;
  talkie_cover_loader_pump (self);

  message = soup_session_get_async_result_message (session, result);
  bytes = soup_session_send_and_read_finish (session, result, &error);

  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("The cover could not be downloaded (%s). Check the network connection."),
                                 error->message);
      return;
    }

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The cover could not be downloaded: the server answered %u."),
                               status);
      return;
    }

  if (g_bytes_get_size (bytes) == 0 || g_bytes_get_size (bytes) > MAX_COVER_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The cover is empty or too large to show."));
      return;
    }

  decode = g_new0 (Decode, 1);
  decode->bytes = g_steal_pointer (&bytes);
  decode->width = request->width;
  decode->height = request->height;

  cancellable = g_task_get_cancellable (task);
  decode_task = g_task_new (self, cancellable, decode_cb, g_steal_pointer (&task));
  g_task_set_source_tag (decode_task, fetch_cb);
  g_task_set_task_data (decode_task, decode, (GDestroyNotify) decode_free);
  g_task_run_in_thread (decode_task, decode_in_thread);
}

static void
talkie_cover_loader_pump (TalkieCoverLoader *self)
{
  g_assert (TALKIE_IS_COVER_LOADER (self));

  while (self->in_flight < MAX_IN_FLIGHT && self->pending.length > 0)
    {
      GTask *task = g_queue_pop_head (&self->pending);
      Request *request = g_task_get_task_data (task);
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      if (g_task_return_error_if_cancelled (task))
        {
          g_object_unref (task);
          continue;
        }

      /* Asked twice while waiting: the first answer serves the second. */
      if ((texture = talkie_cover_loader_lookup (self, request->url, request->width, request->height)))
        {
          g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
          g_object_unref (task);
          continue;
        }

      if (!(message = soup_message_new (SOUP_METHOD_GET, request->url)))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                   _("The cover address is not valid."));
          g_object_unref (task);
          continue;
        }

      self->in_flight++;
      self->fetches++;
      soup_session_send_and_read_async (self->session,
                                        message,
                                        G_PRIORITY_LOW,
                                        g_task_get_cancellable (task),
                                        fetch_cb,
                                        task);
    }
}

void
talkie_cover_loader_load_async (TalkieCoverLoader   *self,
                                const char          *url,
                                int                  width,
                                int                  height,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Request *request;

  g_return_if_fail (TALKIE_IS_COVER_LOADER (self));
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, talkie_cover_loader_load_async);

  if (url == NULL || url[0] == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("This avatar has no cover."));
      return;
    }

  if ((texture = talkie_cover_loader_lookup (self, url, width, height)))
    {
      g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
      return;
    }

  request = g_new0 (Request, 1);
  request->url = g_strdup (url);
  request->key = make_key (url, width, height);
  request->width = width;
  request->height = height;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  g_queue_push_tail (&self->pending, g_steal_pointer (&task));
  talkie_cover_loader_pump (self);
}

GdkTexture *
talkie_cover_loader_load_finish (TalkieCoverLoader  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (TALKIE_IS_COVER_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
