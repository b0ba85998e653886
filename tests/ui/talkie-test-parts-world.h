/* talkie-test-parts-world.h: the world the widget test programs share: one
 * sandbox, one client, a recording, and the waits and windows they use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "talkie-sandbox.h"

#include "talkie-audio-drop.h"
#include "talkie-audio-player.h"
#include "talkie-voice-picker.h"

#include "talkie-test-client-utils.h"
#include "talkie-test-ui-utils.h"

G_BEGIN_DECLS

#define PANEL_WIDTH   360
#define WIDE_WIDTH    1280
#define WIDE_HEIGHT   800
#define NARROW_WIDTH  600
/* Only a guard against hanging forever; nothing is asserted about speed. */
#define HANG_GUARD_S  90
typedef struct
{
  TalkieSandbox   *sandbox;
  TalkieClient    *client;
  char            *tmpdir;
  GFile           *voice_file;    /* a real recording made at start */
  TalkieAvatar    *avatar;
  TalkieVoice     *voice;         /* the one chosen in the flow */
  TalkieHistory   *history;
  TalkieRenderJob *job;           /* the render of the whole flow */
  GtkApplication  *app;           /* registered, for notifications */
  GPtrArray       *notifications; /* the summaries the notification server got */
  GDBusConnection *bus;
} TalkieTestPartsWorld;

/* The world of this process, shared by its tests in order. */
extern TalkieTestPartsWorld world;

typedef gboolean (*Condition) (gpointer data);

void         talkie_test_parts_init   (int    *argc,
                                       char ***argv);
void         talkie_test_parts_finish (void);

void         wait_for                 (Condition   condition,
                                       gpointer    data,
                                       const char *what);
void         settle                   (void);
GtkWindow   *show_in_window           (GtkWidget  *child,
                                       int         width,
                                       int         height);
void         save_screenshot          (GtkWindow  *window,
                                       const char *name);
GtkWidget   *find_error_label         (GtkWidget  *widget);
void         destroy_window           (GtkWindow  *window);
GtkButton   *row_play_button          (GtkWidget  *row);

gboolean     picker_page_is           (gpointer data);
gboolean     picker_not_loading       (gpointer data);
void         wait_for_picker_list     (TalkieVoicePicker *picker);
TalkieAudioPlayerState player_state_for (TalkieAudioPlayer *player,
                                         const char        *uri);
gboolean     player_is_playing        (gpointer data);
gboolean     player_failed            (gpointer data);
gboolean     drop_done_probing        (gpointer data);
gboolean     job_is_final             (gpointer data);
gboolean     job_is_rendering         (gpointer data);
gboolean     pointer_set              (gpointer data);

G_END_DECLS
