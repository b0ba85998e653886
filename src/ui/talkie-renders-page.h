/* talkie-renders-page.h: every render so far, newest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "talkie-core.h"
#include "talkie-cover-loader.h"

G_BEGIN_DECLS

#define TALKIE_TYPE_RENDERS_PAGE (talkie_renders_page_get_type ())

G_DECLARE_FINAL_TYPE (TalkieRendersPage, talkie_renders_page, TALKIE, RENDERS_PAGE, AdwBin)

/* Signals: "show-job" (TalkieRenderJob *job) — a finished render was activated;
 *          "use-settings" (TalkieRenderJob *job) — Use These Settings on a render.
 * Properties: "page" ("empty" or "list"). */
void        talkie_renders_page_set_history      (TalkieRendersPage *self,
                                                  TalkieHistory     *history);
void        talkie_renders_page_set_cover_loader (TalkieRendersPage *self,
                                                  TalkieCoverLoader *loader);
const char *talkie_renders_page_get_page         (TalkieRendersPage *self);
/* The renders shown (the history less those just removed), a GListModel of TalkieRenderJob. */
GListModel *talkie_renders_page_get_shown        (TalkieRendersPage *self);
/* What a row's remove button does: hides it now, removes it from the history
 * when the "Undo" toast goes away. */
void        talkie_renders_page_remove           (TalkieRendersPage *self,
                                                  TalkieRenderJob   *job);

/* For Try Again: the renders are made with this client. */
void        talkie_renders_page_set_client       (TalkieRendersPage *self,
                                                  TalkieClient      *client);
/* What Try Again does: the same render once more, added to the history and started.
 * Returns (transfer none) the new job, or NULL after a toast that says why not. */
TalkieRenderJob *talkie_renders_page_retry       (TalkieRendersPage *self,
                                                  TalkieRenderJob   *job);

G_END_DECLS
