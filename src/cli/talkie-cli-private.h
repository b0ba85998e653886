/* talkie-cli-private.h: what talkie-cli.c and the file of each command share —
 * the state of a run, the commands' table entries, and how a command ends,
 * reports an error or shows progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "talkie-core.h"
#include "talkie-sandbox.h"

G_BEGIN_DECLS

#define TALKIE_CLI_EXIT_API_ERROR   1
#define TALKIE_CLI_EXIT_USAGE       2
#define TALKIE_CLI_EXIT_INTERRUPTED 130

typedef struct _TalkieCli TalkieCli;

typedef struct
{
  const char *name;
  const char *parameter;   /* positional arguments, for --help */
  const char *summary;     /* marked with N_, translated when shown */
  guint       n_positional;
  void      (*add_entries) (TalkieCli      *self,
                            GOptionContext *context);
  int       (*check)       (TalkieCli      *self);
  void      (*start)       (TalkieCli      *self);
} TalkieCliCommand;

struct _TalkieCli
{
  GMainLoop              *loop;
  GCancellable           *cancellable;
  TalkieSandbox          *sandbox;
  TalkieClient           *client;
  TalkieRenderJob        *job;
  const TalkieCliCommand *command;
  TalkieSession          *session;
  int                     exit_status;
  guint                   sigint_source;
  guint                   sigterm_source;
  gboolean                stderr_is_tty;
  gboolean                finished;
  gboolean                downloading;   /* its cleanup must run before we exit */
  gboolean                interrupted;
  char                   *last_progress;

  /* global options */
  char                   *base_url;
  gboolean                use_sandbox;
  gboolean                show_version;

  /* command options */
  gboolean                json;
  gboolean                mine;
  char                   *aspect_str;
  char                   *gender_str;
  char                   *avatar_str;
  gboolean                mine_avatar;
  char                   *voice_id;
  char                   *audio;
  gboolean                green_screen;
  gboolean                subtitles;
  gboolean                wait;
  char                   *output;
  gboolean                force;
  char                   *project_id;

  /* parsed */
  TalkieAspectRatio       aspect;
  TalkieGender            gender;
  gint64                  avatar_id;
  TalkieAvatar           *avatar;
  TalkieVoice            *voice;
  TalkieSource            voice_source;   /* the list the voice is looked for in */
  TalkieAudioSource      *audio_source;
  GFile                  *output_file;
};

/* Each defined in its own talkie-cli-NAME.c. */
extern const TalkieCliCommand talkie_cli_avatars_command;
extern const TalkieCliCommand talkie_cli_voices_command;
extern const TalkieCliCommand talkie_cli_render_command;
extern const TalkieCliCommand talkie_cli_status_command;

/* --- ending --- */

/* Quits the loop with @exit_status; later calls do nothing. */
void     talkie_cli_done            (TalkieCli          *self,
                                     int                 exit_status);
/* Prints one line for @error and ends with status 1 (130 if cancelled). */
void     talkie_cli_fail            (TalkieCli          *self,
                                     const GError       *error);
void     talkie_cli_fail_message    (TalkieCli          *self,
                                     const char         *message);
/* Prints @message and how to get help; returns the usage exit status. */
int      talkie_cli_usage_error     (TalkieCli          *self,
                                     const char         *message);

/* --- progress on stderr --- */

void     talkie_cli_show_progress   (TalkieCli          *self,
                                     const char         *line);
void     talkie_cli_end_progress    (TalkieCli          *self);
int      talkie_cli_round_percent   (TalkieCli          *self,
                                     double              fraction);

/* --- settings and options --- */

/* A positive number from the environment variable @name, else @fallback. */
guint    talkie_cli_env_uint        (const char         *name,
                                     guint               fallback);
void     talkie_cli_add_json_entry  (TalkieCli          *self,
                                     GOptionContext     *context);
/* --aspect into self->aspect; 0, or the usage exit status. */
int      talkie_cli_check_aspect    (TalkieCli          *self);

/* --- lists --- */

typedef JsonNode *(*TalkieCliJsonFunc) (GListModel *items);
/* The cells of @item's row in a table, NULL-terminated. */
typedef GStrv     (*TalkieCliRowFunc)  (gpointer    item);

/* Prints @items as one JSON document with --json, else as a table of a row
 * per item, or @empty_message on stderr if there are none. */
void     talkie_cli_print_list      (TalkieCli          *self,
                                     GListModel         *items,
                                     TalkieCliJsonFunc   to_json,
                                     const char * const *headers,
                                     guint               n_columns,
                                     TalkieCliRowFunc    make_row,
                                     const char         *empty_message);

G_END_DECLS
