/* talkie-waveform.c: a recording's peaks drawn as bars, with a playhead and
 * two trim handles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "talkie"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "talkie-waveform.h"

/* The shortest selection the handles allow, in seconds. */
#define MIN_SELECTION 0.1
/* How near (pixels) a press must be to grab a handle. */
#define HANDLE_GRAB 10.0
#define BAR_WIDTH 2.0
#define BAR_GAP 1.0
/* What a key moves the playhead by when the waveform only seeks (seconds). */
#define SEEK_STEP 1.0
#define SEEK_STEP_LARGE 5.0

typedef enum
{
  HANDLE_NONE,
  HANDLE_START,
  HANDLE_END,
} Handle;

struct _TalkieWaveform
{
  GtkWidget         parent_instance;

  TalkieAudioPeaks *peaks;
  double            position;
  double            start;
  double            end;
  guint             trimmable : 1;

  Handle            dragging;
  double            drag_x;

  /* The playhead as last told to assistive technologies, in tenths of a second. */
  int               announced;
};

G_DEFINE_FINAL_TYPE (TalkieWaveform, talkie_waveform, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PEAKS,
  PROP_POSITION,
  PROP_TRIMMABLE,
  PROP_START,
  PROP_END,
  N_PROPS
};

enum {
  SEEK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static double
duration (TalkieWaveform *self)
{
  return self->peaks != NULL ? talkie_audio_peaks_get_duration (self->peaks) : 0;
}

static double
x_for_time (TalkieWaveform *self,
            double          t)
{
  double d = duration (self);

  return d > 0 ? t / d * gtk_widget_get_width (GTK_WIDGET (self)) : 0;
}

static double
time_for_x (TalkieWaveform *self,
            double          x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return width > 0 ? CLAMP (x / width, 0, 1) * duration (self) : 0;
}

/* The slider's value: the start handle when trimmable, else the playhead. */
static void
update_accessible (TalkieWaveform *self)
{
  g_autofree char *text = NULL;
  double now;

  if (self->trimmable)
    {
      now = self->start;
      /* TRANSLATORS: the trim selection of a recording, in seconds */
      text = g_strdup_printf (_("From %.1f s to %.1f s of %.1f s"), self->start, self->end, duration (self));
    }
  else
    {
      now = MAX (self->position, 0);
      /* TRANSLATORS: where playback is in a recording, and its length, in seconds */
      text = g_strdup_printf (_("%.1f s of %.1f s"), now, duration (self));
    }
  self->announced = (int) floor (now * 10);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, duration (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, now,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
}

/* Keeps the selection inside the audio and not shorter than MIN_SELECTION. */
static void
set_selection (TalkieWaveform *self,
               double          start,
               double          end,
               Handle          moved)
{
  double d = duration (self);
  double min = MIN (MIN_SELECTION, d);

  start = CLAMP (start, 0, d);
  end = CLAMP (end, 0, d);
  if (end - start < min)
    {
      if (moved == HANDLE_END)
        end = MIN (d, start + min), start = end - min;
      else
        start = MAX (0, end - min), end = start + min;
    }

  if (start != self->start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
  if (end != self->end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
get_fg_color (TalkieWaveform *self,
              GdkRGBA        *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (GTK_WIDGET (self), color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
#endif
}

static void
talkie_waveform_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  TalkieWaveform *self = TALKIE_WAVEFORM (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double d = duration (self);
  GdkRGBA fg, dim, accent = { 0.208, 0.518, 0.894, 1.0 };
  double mid = height / 2.0;

  get_fg_color (self, &fg);
  dim = fg;
  dim.alpha *= 0.3;

  if (self->peaks == NULL || d <= 0)
    {
      gtk_snapshot_append_color (snapshot, &dim, &GRAPHENE_RECT_INIT (0, mid - 0.5, width, 1));
      return;
    }

  /* One bar per BAR_WIDTH + BAR_GAP pixels, the loudest peak under it. */
  for (double x = 0; x + BAR_WIDTH <= width; x += BAR_WIDTH + BAR_GAP)
    {
      double t0 = x / width * d;
      double t1 = (x + BAR_WIDTH + BAR_GAP) / width * d;
      float peak = talkie_audio_peaks_get_max (self->peaks, t0, t1);
      double h = MAX (1.0, peak * (height - 2));
      gboolean inside = !self->trimmable || (t1 > self->start && t0 < self->end);
      /* What has been played of it, in the accent colour: where playback is at a glance. */
      gboolean played = !self->trimmable && self->position >= 0 && t0 < self->position;

      gtk_snapshot_append_color (snapshot, played ? &accent : inside ? &fg : &dim,
                                 &GRAPHENE_RECT_INIT (x, mid - h / 2, BAR_WIDTH, h));
    }

  if (self->trimmable)
    {
      GdkRGBA shade = accent;
      double xs = x_for_time (self, self->start);
      double xe = x_for_time (self, self->end);

      shade.alpha = 0.15;
      gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (xs, 0, xe - xs, height));
      for (guint i = 0; i < 2; i++)
        {
          double hx = i == 0 ? xs : xe;
          double grip = i == 0 ? hx : hx - 6;

          gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (hx - 1, 0, 2, height));
          gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (grip, 0, 6, 10));
          gtk_snapshot_append_color (snapshot, &accent, &GRAPHENE_RECT_INIT (grip, height - 10, 6, 10));
        }
    }

  if (self->position >= 0)
    {
      double px = CLAMP (x_for_time (self, self->position), 1, width - 1);

      gtk_snapshot_append_color (snapshot, &fg, &GRAPHENE_RECT_INIT (px - 1, 0, 2, height));
    }

  if (gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect outline;
      GdkRGBA colors[4] = { accent, accent, accent, accent };
      float widths[4] = { 2, 2, 2, 2 };

      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 4);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
talkie_waveform_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 240;
    }
  else
    {
      *minimum = 24;
      *natural = 48;
    }
}

static Handle
handle_at (TalkieWaveform *self,
           double          x)
{
  double ds, de;

  if (!self->trimmable || self->peaks == NULL)
    return HANDLE_NONE;

  ds = fabs (x - x_for_time (self, self->start));
  de = fabs (x - x_for_time (self, self->end));
  if (MIN (ds, de) > HANDLE_GRAB)
    return HANDLE_NONE;
  return ds <= de ? HANDLE_START : HANDLE_END;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               TalkieWaveform *self)
{
  self->dragging = handle_at (self, x);
  self->drag_x = x;
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                TalkieWaveform *self)
{
  double t = time_for_x (self, self->drag_x + dx);

  if (self->dragging == HANDLE_START)
    set_selection (self, MIN (t, self->end - MIN_SELECTION), self->end, HANDLE_START);
  else if (self->dragging == HANDLE_END)
    set_selection (self, self->start, MAX (t, self->start + MIN_SELECTION), HANDLE_END);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             TalkieWaveform *self)
{
  /* A press that did not move and grabbed no handle is a click: seek there. */
  if (self->dragging == HANDLE_NONE && fabs (dx) < 3 && fabs (dy) < 3 && self->peaks != NULL)
    g_signal_emit (self, signals[SEEK], 0, time_for_x (self, self->drag_x));
  self->dragging = HANDLE_NONE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TalkieWaveform        *self)
{
  double step = (state & GDK_CONTROL_MASK) ? 1.0 : 0.1;
  gboolean end_handle = (state & GDK_SHIFT_MASK) != 0;

  if (self->peaks == NULL)
    return FALSE;

  /* Without handles the keys move the playhead, as on any slider. */
  if (!self->trimmable)
    {
      double from = MAX (self->position, 0);

      step = (state & GDK_CONTROL_MASK) ? SEEK_STEP_LARGE : SEEK_STEP;
      switch (keyval)
        {
        case GDK_KEY_Left:
        case GDK_KEY_KP_Left:
          g_signal_emit (self, signals[SEEK], 0, MAX (from - step, 0));
          return TRUE;

        case GDK_KEY_Right:
        case GDK_KEY_KP_Right:
          g_signal_emit (self, signals[SEEK], 0, MIN (from + step, duration (self)));
          return TRUE;

        case GDK_KEY_Home:
          g_signal_emit (self, signals[SEEK], 0, 0.0);
          return TRUE;

        default:
          return FALSE;
        }
    }

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step = -step;
      G_GNUC_FALLTHROUGH;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (end_handle)
        set_selection (self, self->start, MAX (self->end + step, self->start + MIN_SELECTION), HANDLE_END);
      else
        set_selection (self, MIN (self->start + step, self->end - MIN_SELECTION), self->end, HANDLE_START);
      return TRUE;

    case GDK_KEY_Home:
      set_selection (self, 0, self->end, HANDLE_START);
      return TRUE;

    case GDK_KEY_End:
      set_selection (self, self->start, duration (self), HANDLE_END);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
talkie_waveform_dispose (GObject *object)
{
  TalkieWaveform *self = (TalkieWaveform *)object;

  g_clear_object (&self->peaks);

  G_OBJECT_CLASS (talkie_waveform_parent_class)->dispose (object);
}

static void
talkie_waveform_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TalkieWaveform *self = TALKIE_WAVEFORM (object);

  switch (prop_id)
    {
    case PROP_PEAKS:
      g_value_set_object (value, self->peaks);
      break;

    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;

    case PROP_TRIMMABLE:
      g_value_set_boolean (value, self->trimmable);
      break;

    case PROP_START:
      g_value_set_double (value, self->start);
      break;

    case PROP_END:
      g_value_set_double (value, self->end);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_waveform_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TalkieWaveform *self = TALKIE_WAVEFORM (object);

  switch (prop_id)
    {
    case PROP_PEAKS:
      talkie_waveform_set_peaks (self, g_value_get_object (value));
      break;

    case PROP_POSITION:
      talkie_waveform_set_position (self, g_value_get_double (value));
      break;

    case PROP_TRIMMABLE:
      talkie_waveform_set_trimmable (self, g_value_get_boolean (value));
      break;

    case PROP_START:
      talkie_waveform_set_selection (self, g_value_get_double (value), self->end);
      break;

    case PROP_END:
      talkie_waveform_set_selection (self, self->start, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
talkie_waveform_class_init (TalkieWaveformClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = talkie_waveform_dispose;
  object_class->get_property = talkie_waveform_get_property;
  object_class->set_property = talkie_waveform_set_property;
  widget_class->snapshot = talkie_waveform_snapshot;
  widget_class->measure = talkie_waveform_measure;

  properties[PROP_PEAKS] =
    g_param_spec_object ("peaks", NULL, NULL, TALKIE_TYPE_AUDIO_PEAKS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TRIMMABLE] =
    g_param_spec_boolean ("trimmable", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_START] =
    g_param_spec_double ("start", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_END] =
    g_param_spec_double ("end", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SEEK] =
    g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "waveform");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
talkie_waveform_init (TalkieWaveform *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->position = -1;

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Waveform"),
                                  -1);
}

GtkWidget *
talkie_waveform_new (void)
{
  return g_object_new (TALKIE_TYPE_WAVEFORM, NULL);
}

void
talkie_waveform_set_peaks (TalkieWaveform   *self,
                           TalkieAudioPeaks *peaks)
{
  g_return_if_fail (TALKIE_IS_WAVEFORM (self));
  g_return_if_fail (peaks == NULL || TALKIE_IS_AUDIO_PEAKS (peaks));

  if (!g_set_object (&self->peaks, peaks))
    return;

  /* New audio: the selection is all of it. Something to seek in, or to trim:
   * a slider one can reach with the keyboard. */
  self->start = 0;
  self->end = duration (self);
  gtk_widget_set_focusable (GTK_WIDGET (self), peaks != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PEAKS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

TalkieAudioPeaks *
talkie_waveform_get_peaks (TalkieWaveform *self)
{
  g_return_val_if_fail (TALKIE_IS_WAVEFORM (self), NULL);

  return self->peaks;
}

void
talkie_waveform_set_position (TalkieWaveform *self,
                              double          position)
{
  g_return_if_fail (TALKIE_IS_WAVEFORM (self));

  position = MAX (position, -1);
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  /* Tenths are all a listener needs: not a change every frame. */
  if (!self->trimmable && (int) floor (MAX (position, 0) * 10) != self->announced)
    update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
talkie_waveform_get_position (TalkieWaveform *self)
{
  g_return_val_if_fail (TALKIE_IS_WAVEFORM (self), -1);

  return self->position;
}

void
talkie_waveform_set_trimmable (TalkieWaveform *self,
                               gboolean        trimmable)
{
  g_return_if_fail (TALKIE_IS_WAVEFORM (self));

  trimmable = !!trimmable;
  if (self->trimmable == trimmable)
    return;
  self->trimmable = trimmable;
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIMMABLE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
talkie_waveform_set_selection (TalkieWaveform *self,
                               double          start,
                               double          end)
{
  g_return_if_fail (TALKIE_IS_WAVEFORM (self));

  set_selection (self, start, end, HANDLE_NONE);
}

double
talkie_waveform_get_start (TalkieWaveform *self)
{
  g_return_val_if_fail (TALKIE_IS_WAVEFORM (self), 0);

  return self->start;
}

double
talkie_waveform_get_end (TalkieWaveform *self)
{
  g_return_val_if_fail (TALKIE_IS_WAVEFORM (self), 0);

  return self->end;
}

gboolean
talkie_waveform_is_trimmed (TalkieWaveform *self)
{
  g_return_val_if_fail (TALKIE_IS_WAVEFORM (self), FALSE);

  /* A hundredth of a second is below what a handle can mean. */
  return self->peaks != NULL && (self->start > 0.01 || self->end < duration (self) - 0.01);
}
