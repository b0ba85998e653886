/* talkie-audio-source-private.h: what talkie-audio-source.c (the object) and
 * talkie-audio-source-probe.c (measuring it with GStreamer) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "talkie-audio-source.h"

G_BEGIN_DECLS

struct _TalkieAudioSource
{
  GObject  parent_instance;

  char    *uri;
  GFile   *file;
  char    *display_name;
  char    *content_type;
  double   duration;
  gint64   size;
  guint    probed : 1;
};

void _talkie_audio_source_set_measured (TalkieAudioSource *self,
                                        double             duration,
                                        const char        *content_type,
                                        gint64             size,
                                        const char        *display_name);

G_END_DECLS
