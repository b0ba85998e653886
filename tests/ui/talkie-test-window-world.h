/* talkie-test-window-world.h: the application and window the window test
 * programs share, and the waits they use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "talkie-sandbox.h"

#include "talkie-application-private.h"
#include "talkie-avatar-grid-private.h"
#include "talkie-window-private.h"

#include "talkie-test-client-utils.h"
#include "talkie-test-ui-utils.h"

G_BEGIN_DECLS

#define WIDE_WIDTH    1280
#define WIDE_HEIGHT   800
#define NARROW_WIDTH  600
#define AVATAR_COUNT  48
#define MINE_COUNT    3
/* Only a guard against hanging forever; nothing is asserted about speed. */
#define HANG_GUARD_S  20

typedef struct
{
  TalkieSandbox     *sandbox;
  TalkieApplication *app;
  TalkieWindow      *window;
} World;

/* The one world of this process (one application per process). */
extern World world;

typedef gboolean (*Condition) (gpointer data);

typedef struct
{
  guint n;
} Count;

void              talkie_test_window_init   (int    *argc,
                                             char ***argv);
void              talkie_test_window_finish (void);

void              wait_for               (Condition    condition,
                                          gpointer     data,
                                          const char  *what);
void              settle                 (void);
TalkieAvatarGrid *grid                   (void);
gboolean          grid_state_is          (gpointer data);
gboolean          page_is                (gpointer data);
GPtrArray        *visible_cells          (void);
gboolean          covers_shown           (gpointer data);
gboolean          width_is               (gpointer data);
void              resize                 (int width,
                                          int height);
void              save_window_screenshot (GtkWindow  *window,
                                          const char *name);
void              save_screenshot        (const char *name);
void              wait_for_filled_grid   (void);
GListModel       *all_avatars            (void);
gboolean          filtered_count_is      (gpointer data);
GtkButton        *find_button            (GtkWidget  *widget,
                                          const char *label);
GtkToggleButton  *find_toggle            (GtkWidget  *widget,
                                          const char *label);

G_END_DECLS
