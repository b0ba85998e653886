/* talkie-result-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>

#include "talkie-result-window.h"

struct _TalkieResultWindow
{
  AdwWindow         parent_instance;

  TalkieResultView *view;
};

G_DEFINE_FINAL_TYPE (TalkieResultWindow, talkie_result_window, ADW_TYPE_WINDOW)

static void
talkie_result_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TALKIE_TYPE_RESULT_WINDOW);

  G_OBJECT_CLASS (talkie_result_window_parent_class)->dispose (object);
}

static void
talkie_result_window_class_init (TalkieResultWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_result_window_dispose;

  g_type_ensure (TALKIE_TYPE_RESULT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/talkie/Talkie/talkie-result-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TalkieResultWindow, view);
}

static void
talkie_result_window_init (TalkieResultWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

TalkieResultWindow *
talkie_result_window_new (GtkWindow       *parent,
                          TalkieClient    *client,
                          TalkieRenderJob *job)
{
  TalkieResultWindow *self;
  const char *name;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (client == NULL || TALKIE_IS_CLIENT (client), NULL);
  g_return_val_if_fail (TALKIE_IS_RENDER_JOB (job), NULL);

  /* A window title is plain text: a server name is safe there. */
  name = talkie_render_job_get_avatar_name (job);
  self = g_object_new (TALKIE_TYPE_RESULT_WINDOW,
                       "transient-for", parent,
                       "title", name && name[0] ? name : C_("a finished render, as a window title", "Render"),
                       NULL);

  talkie_result_view_set_client (self->view, client);
  talkie_result_view_set_job (self->view, job);
  talkie_result_window_fit (self, job);

  return self;
}

TalkieResultView *
talkie_result_window_get_view (TalkieResultWindow *self)
{
  g_return_val_if_fail (TALKIE_IS_RESULT_WINDOW (self), NULL);

  return self->view;
}

void
talkie_result_window_fit (TalkieResultWindow *self,
                          TalkieRenderJob    *job)
{
  TalkieAspectRatio aspect = TALKIE_ASPECT_RATIO_LANDSCAPE;
  /* Room under the video: the header bar, the controls, the text and the buttons. */
  const int chrome = 190;
  int video_width, video_height;

  g_return_if_fail (TALKIE_IS_RESULT_WINDOW (self));
  g_return_if_fail (TALKIE_IS_RENDER_JOB (job));

  g_object_get (job, "aspect-ratio", &aspect, NULL);

  /* The window takes the video's shape, so that a tall video is not a strip
   * between black bars. The controls and buttons need some 420 px across. */
  switch (aspect)
    {
    case TALKIE_ASPECT_RATIO_PORTRAIT:
      video_height = 560;
      video_width = video_height * 9 / 16;
      break;

    case TALKIE_ASPECT_RATIO_SQUARE:
      video_width = video_height = 480;
      break;

    case TALKIE_ASPECT_RATIO_LANDSCAPE:
    default:
      video_width = 800;
      video_height = video_width * 9 / 16;
      break;
    }

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (video_width + 24, 440), video_height + chrome);
}
