/* talkie-voice-picker-private.h: the picker's insides, shared by its files
 * (talkie-voice-picker.c: the widget; talkie-voice-picker-load.c: loading the voices).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-voice-picker.h"

G_BEGIN_DECLS

/* The language drop-down's item for every language. */
#define ALL_LANGUAGES ""

struct _TalkieVoicePicker
{
  AdwBin              parent_instance;

  TalkieClient       *client;
  TalkieAudioPlayer  *player;
  TalkieVoice        *selected_voice;

  GCancellable       *cancellable;
  GPtrArray          *incoming;      /* voices of the requests still coming in */
  GError             *load_error;
  guint               generation;
  guint               pending;
  guint               reselect_id;
  TalkieSource        source;

  char               *wanted_language; /* the user's choice, kept while a source lacks it */

  guint               loading : 1;
  guint               rebuilding : 1;

  GtkToggleButton    *public_button;
  GtkToggleButton    *mine_button;
  GtkSearchEntry     *search_entry;
  AdwEnumListModel   *gender_list;
  GtkStringList      *language_list;
  GListStore         *voices;
  GtkCustomFilter    *gender_filter;
  GtkStringFilter    *search_filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkDropDown        *gender_dropdown;
  GtkDropDown        *language_dropdown;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
};

void talkie_voice_picker_set_selected_voice  (TalkieVoicePicker *self,
                                              TalkieVoice       *voice);
void talkie_voice_picker_update_page         (TalkieVoicePicker *self);
void talkie_voice_picker_rebuild_languages   (TalkieVoicePicker *self);

G_END_DECLS
