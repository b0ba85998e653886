/* talkie-avatar-grid-covers.c: the covers of the cells in view, and only those.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include "talkie-avatar-cell.h"
#include "talkie-avatar-grid-private.h"

static gboolean update_covers_cb (gpointer user_data);

/* GTK 4.8's grid view binds up to 30 rows of items around the view, far more
 * than are seen: covers are fetched only for the cells in view (and half a
 * page around it), in the order they come into view. */
static gboolean
update_covers_cb (gpointer user_data)
{
  TalkieAvatarGrid *self = user_data;
  GtkWidget *scroller = GTK_WIDGET (self->scroller);
  double height = gtk_widget_get_height (scroller);
  double margin = height / 2;

  self->covers_source = 0;

  if (!gtk_widget_get_mapped (scroller) || height <= 0)
    return G_SOURCE_REMOVE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->grid_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *cell = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;

      if (!TALKIE_IS_AVATAR_CELL (cell) ||
          talkie_avatar_cell_get_avatar (TALKIE_AVATAR_CELL (cell)) == NULL)
        continue;

      /* The grid view unmaps the bound cells it keeps out of view. */
      if (!gtk_widget_get_mapped (cell) || !gtk_widget_compute_bounds (cell, scroller, &bounds))
        {
          talkie_avatar_cell_cancel_cover (TALKIE_AVATAR_CELL (cell));
          continue;
        }

      if (bounds.origin.y + bounds.size.height >= -margin &&
          bounds.origin.y <= height + margin)
        talkie_avatar_cell_load_cover (TALKIE_AVATAR_CELL (cell));
      else if (bounds.origin.y + bounds.size.height < -2 * height ||
               bounds.origin.y > 3 * height)
        talkie_avatar_cell_cancel_cover (TALKIE_AVATAR_CELL (cell));
    }

  return G_SOURCE_REMOVE;
}

void
talkie_avatar_grid_after_paint_cb (GdkFrameClock    *clock,
                                   TalkieAvatarGrid *self)
{
  if (!self->covers_pending)
    return;

  /* Queued during this frame (a scroll made by another after-paint
   * handler, say): its layout is the next frame's. */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->covers_queued_frame)
    {
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
      return;
    }

  self->covers_pending = FALSE;
  update_covers_cb (self);
}

/* The cells are where they will be seen only once the frame's layout has run:
 * an idle may come before it (cells that scroll in would then never ask for
 * their cover). After the next paint they are in place. */
void
talkie_avatar_grid_queue_covers (TalkieAvatarGrid *self)
{
  if (self->frame_clock != NULL)
    {
      self->covers_pending = TRUE;
      /* The frame after this one has laid the cells out where they will be
       * seen (from the middle of a frame, this one's layout may be past). */
      self->covers_queued_frame = gdk_frame_clock_get_frame_counter (self->frame_clock);
      gdk_frame_clock_request_phase (self->frame_clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
      return;
    }

  if (self->covers_source == 0)
    self->covers_source = g_idle_add_full (G_PRIORITY_LOW, update_covers_cb, self, NULL);
}

