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
  gboolean    without_key;  /* login, logout: the server only, no key needed */
  gboolean    offline;      /* record: no server at all */
} TalkieCliCommand;

struct _TalkieCli
{
  GMainLoop              *loop;
  GCancellable           *cancellable;
  TalkieSandbox          *sandbox;
  TalkieClient           *client;
  TalkieRenderJob        *job;
  TalkieProject          *project;       /* download: the render asked for */
  GHashTable             *voice_genders; /* voices: id → TalkieGender, from the filtered lists */
  guint                   voices_step;
  TalkieHistory          *history;       /* NULL with --sandbox: its renders die with it */
  const TalkieCliCommand *command;
  TalkieSession          *session;
  int                     exit_status;
  guint                   sigint_source;
  guint                   sigterm_source;
  gboolean                stderr_is_tty;
  gboolean                dumb_terminal; /* TERM=dumb: a carriage return, no escapes */
  guint                   progress_width;
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
  gboolean                quiet;
  char                   *project_id;
  char                   *trim_str;
  char                   *seconds_str;

  /* parsed */
  TalkieAspectRatio       aspect;
  TalkieGender            gender;
  gint64                  avatar_id;
  TalkieAvatar           *avatar;
  TalkieVoice            *voice;
  TalkieSource            voice_source;   /* the list the voice is looked for in */
  TalkieAudioSource      *audio_source;
  GFile                  *output_file;
  gboolean                output_to_stdout;  /* -o -: output_file is a temporary file */
  GFile                  *spooled_audio;     /* --audio -: stdin, kept until the end */
  char                   *stdout_dir;        /* -o -: the folder of output_file */
  gboolean                print_failed;      /* status --wait: a failed project is printed */
  void                  (*download_done) (TalkieCli *self);
  double                  trim_start;        /* --trim, in seconds */
  double                  trim_end;          /* -1: to the recording's end */
  gboolean                trimming;          /* its partial file must go before we exit */
  char                   *trim_dir;          /* --trim: our temporary folder */
  GFile                  *trimmed_audio;     /* in trim_dir, removed at the end */
  void                  (*trim_done) (TalkieCli *self);
  double                  record_seconds;    /* record --seconds; 0: until Ctrl+C */
  char                   *record_dir;        /* record: ours, beside --output */
  TalkieRecorder         *recorder;
  /* Ctrl+C: TRUE when the command has handled it (record ends its take). */
  gboolean              (*interrupt) (TalkieCli *self);
};

/* Each defined in its own talkie-cli-NAME.c. */
extern const TalkieCliCommand talkie_cli_avatars_command;
extern const TalkieCliCommand talkie_cli_voices_command;
extern const TalkieCliCommand talkie_cli_render_command;
extern const TalkieCliCommand talkie_cli_status_command;
extern const TalkieCliCommand talkie_cli_renders_command;
extern const TalkieCliCommand talkie_cli_download_command;
extern const TalkieCliCommand talkie_cli_login_command;
extern const TalkieCliCommand talkie_cli_logout_command;
extern const TalkieCliCommand talkie_cli_record_command;

/* record: removes its folder and what is left in it (at the end of the run). */
void     talkie_cli_record_cleanup  (TalkieCli          *self);

/* --- ending --- */

/* Empties and removes a folder of this run's own (from g_dir_make_tmp()),
 * then frees and clears *@path. Does nothing when *@path is NULL. */
void     talkie_cli_remove_private_dir (char          **path);

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

/* --project-id checks shared by status and download: 0, or the usage exit status. */
int      talkie_cli_check_project_id (TalkieCli         *self);
/* -o/--output FILE and --force. */
void     talkie_cli_add_output_entries (TalkieCli       *self,
                                        GOptionContext  *context,
                                        gboolean         implies_wait);
/* -o FILE (or -): into self->output_file; 0, or the usage exit status. */
int      talkie_cli_check_output    (TalkieCli          *self);
/* Before anything is spent: can the video be saved where asked? */
gboolean talkie_cli_check_output_folder (TalkieCli      *self,
                                         GError        **error);
/* The history the app shows, read; NULL with --sandbox. A file that cannot be
 * read is said on stderr (the app says it too) and an empty one is used. */
TalkieHistory *talkie_cli_load_history (TalkieCli       *self);

/* --- render --trim (talkie-cli-trim.c) --- */

/* --trim START-END into self->trim_start and trim_end; 0, or the usage exit status. */
int      talkie_cli_check_trim      (TalkieCli          *self);
/* Measures self->audio_source, cuts it to the --trim range into a temporary
 * file and makes that self->audio_source, then calls @done (self). A range
 * past the recording's end ends the run with the usage exit status. */
void     talkie_cli_trim_audio      (TalkieCli          *self,
                                     void              (*done) (TalkieCli *self));
/* Removes the temporary file and folder (at the end of the run). */
void     talkie_cli_trim_cleanup    (TalkieCli          *self);

/* --- following a render (talkie-cli-follow.c) --- */

/* Follows self->job to its end with progress on stderr, saves the video when
 * self->output_file is set, prints the result and ends the run. With
 * @print_failed, a failed render's project is printed too (status). */
void     talkie_cli_follow_job      (TalkieCli          *self,
                                     gboolean            print_failed);
/* Saves the video at @video_url to self->output_file (or stdout), then calls
 * @done (self); fails the run when the finished render has no @video_url. */
void     talkie_cli_download_video  (TalkieCli          *self,
                                     const char         *project_id,
                                     const char         *video_url,
                                     void              (*done) (TalkieCli *self));
/* The one project object with --json; else the fields (after --wait or a
 * download) or the id; nothing when stdout is the video. */
void     talkie_cli_print_result    (TalkieCli          *self,
                                     const char         *project_id,
                                     TalkieProject      *project,
                                     const char         *error);
/* The reason a render failed, as one line ("The render p-1 failed on the
 * server (...)"). */
char    *talkie_cli_failure_message (const char         *project_id,
                                     TalkieProject      *project);

/* --- lists --- */

typedef GListModel *(*TalkieCliListFinish) (TalkieClient *client,
                                            GAsyncResult *result,
                                            GError      **error);
/* The list a client call gave, or NULL after failing the run. */
GListModel *talkie_cli_finish_list  (TalkieCli          *self,
                                     TalkieCliListFinish finish,
                                     GObject            *client,
                                     GAsyncResult       *result);

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
