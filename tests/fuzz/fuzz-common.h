/* fuzz-common.h: what every fuzz target shares: quiet logging that still
 * stops on a critical, and a check that aborts so libFuzzer keeps the input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* libFuzzer's entry points; the standalone replayer (fuzz-main.c) calls them too. */
int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

/* Warnings and messages are expected (a hostile input is meant to make the
 * code complain), and printing them would slow fuzzing to a crawl: they are
 * dropped unless FUZZ_VERBOSE is set. A critical or an error means code was
 * called wrongly or reached a state it does not expect: that aborts. */
void fuzz_init_logging      (void);

G_NORETURN void fuzz_fail  (const char     *file,
                            int             line,
                            const char     *format,
                            ...) G_GNUC_PRINTF (3, 4);

/* An oracle: unlike g_assert(), never compiled out (G_DISABLE_ASSERT). */
#define FUZZ_CHECK(expr, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(expr))) \
      fuzz_fail (__FILE__, __LINE__, "check failed: " #expr ": " __VA_ARGS__); \
  } G_STMT_END

G_END_DECLS
