/* talkie-avatar-grid-private.h: the grid's insides, for its files
 * (talkie-avatar-grid.c, talkie-avatar-grid-covers.c) and for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-avatar-grid.h"

G_BEGIN_DECLS

struct _TalkieAvatarGrid
{
  GtkWidget           parent_instance;

  TalkieClient       *client;
  TalkieCoverLoader  *loader;
  GCancellable       *cancellable;
  TalkieAvatar       *selected;
  TalkieAspectRatio   aspect_ratio;
  TalkieSource        source;
  guint               covers_source;
  GdkFrameClock      *frame_clock;     /* while realized */
  gulong              after_paint_id;
  gint64              covers_queued_frame;
  gboolean            covers_pending;
  guint               filtering : 1;
  guint               updating_toggles : 1;

  GListStore         *empty;
  GtkStringFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;

  GtkWidget          *aspect_box;
  GtkToggleButton    *portrait_button;
  GtkToggleButton    *landscape_button;
  GtkToggleButton    *square_button;
  GtkToggleButton    *public_button;
  GtkToggleButton    *mine_button;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkScrolledWindow  *scroller;
  GtkGridView        *grid_view;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_results_page;
  AdwStatusPage      *error_page;
  GtkButton          *retry_button;
};

/* Fetches the covers of the cells in view after the next paint (talkie-avatar-grid-covers.c). */
void            talkie_avatar_grid_queue_covers     (TalkieAvatarGrid *self);
void            talkie_avatar_grid_after_paint_cb   (GdkFrameClock    *clock,
                                                     TalkieAvatarGrid *self);

GtkGridView    *talkie_avatar_grid_get_grid_view    (TalkieAvatarGrid *self);
GtkEditable    *talkie_avatar_grid_get_search_entry (TalkieAvatarGrid *self);
GtkButton      *talkie_avatar_grid_get_retry_button (TalkieAvatarGrid *self);
GtkToggleButton *talkie_avatar_grid_get_mine_button (TalkieAvatarGrid *self);
/* The avatars shown after filtering. */
GListModel     *talkie_avatar_grid_get_model        (TalkieAvatarGrid *self);
void            talkie_avatar_grid_get_cover_size   (TalkieAvatarGrid *self,
                                                     int              *width,
                                                     int              *height);

G_END_DECLS
