/* cli-test-util.h: what the talkie-cli test programs share: a world with a
 * recording and this process's sandbox, talkie-cli run as a subprocess, and
 * checks of what it prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "talkie-core.h"
#include "talkie-sandbox.h"

#include "talkie-test-client-utils.h"

G_BEGIN_DECLS

#define TEST_KEY          "test-cli-key-5f1e"
#define TEST_AVATAR_COUNT 7
#define TEST_STEP_MS      "20"
#define TEST_POLL_MS      "40"

typedef struct
{
  int     status;
  char   *out;        /* stdout as text (up to its first NUL) */
  GBytes *out_bytes;  /* stdout as it came, for a video on stdout */
  char   *err;
} CliRun;

void cli_run_free (CliRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRun, cli_run_free)

/* Shared by every test of a program: a work dir with a recording and a text
 * file, and the sandbox of this process. Set up by cli_test_init(). */
typedef struct
{
  char          *cli_path;
  char          *workdir;
  char          *audio_path;
  char          *text_path;
  TalkieSandbox *sandbox;
} CliTestWorld;

extern CliTestWorld cli_world;

typedef struct
{
  const char         *api_key;       /* TALKIE_API_KEY, else unset */
  const char         *base_url;      /* TALKIE_BASE_URL, else unset */
  const char         *interrupt_at;  /* SIGINT once the sandbox sees this path */
  const char * const *env;           /* NAME, VALUE, ..., NULL */
  GBytes             *input;         /* stdin; else stdin is /dev/null */
} CliRunOptions;

void      cli_test_init       (int                 *argc,
                               char              ***argv);
/* g_test_run(), then the world is taken down. */
int       cli_test_run        (void);

/* Runs talkie-cli with @argv (NULL-terminated, without the program name). */
CliRun   *cli_run_options     (const CliRunOptions *options,
                               const char * const  *argv);
CliRun   *run_cli_with        (const char          *api_key,
                               const char          *base_url,
                               const char          *interrupt_at,
                               const char * const  *extra_env,
                               const char * const  *argv);
CliRun   *run_cli_full        (const char          *api_key,
                               const char          *base_url,
                               const char * const  *argv);

#define run_cli(...) run_cli_full (NULL, NULL, (const char * const []) { __VA_ARGS__, NULL })
#define run_cli_external(...) \
  run_cli_full (TEST_KEY, talkie_sandbox_get_base_url (cli_world.sandbox), \
                (const char * const []) { __VA_ARGS__, NULL })

guint     count_lines                  (const char   *text);
/* The one stderr line an error gives: "talkie-cli: ...". Prints the whole
 * stderr when it is not that. */
void      assert_one_error_line        (const CliRun *run);
JsonNode *parse_json                   (const char   *text);
void      assert_string_or_null_member (JsonObject   *object,
                                        const char   *name);
/* Checks an avatars array and gives its length and first id. */
guint     check_avatars_json           (const char   *text,
                                        gint64       *first_id);
guint     check_voices_json            (const char   *text,
                                        char        **first_id);
/* The one project object of render, status and renders. */
void      check_project_json           (JsonObject   *object);
void      assert_video_with_sound      (const char   *path);
/* The first public avatar and voice of this process's sandbox. */
void      external_ids                 (char        **avatar_id,
                                        char        **voice_id);

G_END_DECLS
