/*
 * Errors for configuration and user mistakes.
 *
 * Functions that can fail for a reason the user must hear about take an
 * `Error **errp` as their last argument and return false (or NULL) on failure.
 * The error travels up to main(), which prints it as one line and exits 1.
 * Guest misbehaviour is not an Error: it is logged (util/log.h) and answered
 * architecturally. Internal bugs are assertions.
 *
 * Conventions:
 *   - errp may be NULL: the caller does not care why it failed.
 *   - errp may be &error_abort: any error is an internal bug (tests, boards
 *     wiring fixed devices).
 *   - *errp must be NULL on entry; an error is set at most once.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UTIL_ERROR_H
#define UTIL_ERROR_H

#include "util/osdep.h"

typedef struct Error Error;

/* Pass &error_abort where an error can only be a bug: it aborts with the message. */
extern Error *error_abort;

void error_setg(Error **errp, const char *fmt, ...) KOINE_PRINTF(2, 3);
/* As error_setg, with ": <strerror(os_errno)>" appended. */
void error_setg_errno(Error **errp, int os_errno, const char *fmt, ...)
    KOINE_PRINTF(3, 4);
/* Adds context in front of an error already set: "-device pl011: " + msg. */
void error_prepend(Error **errp, const char *fmt, ...) KOINE_PRINTF(2, 3);
/* Moves local_err into *dst_errp (or frees it when dst_errp is NULL). */
void error_propagate(Error **dst_errp, Error *local_err);

const char *error_get_pretty(const Error *err);
void error_free(Error *err);

/* The program name error_report() prints first ("koine"). */
void error_set_progname(const char *name);

/* One line on stderr: "koine: <message>". */
void error_report(const char *fmt, ...) KOINE_PRINTF(1, 2);
void warn_report(const char *fmt, ...) KOINE_PRINTF(1, 2);
void info_report(const char *fmt, ...) KOINE_PRINTF(1, 2);
/* Reports err with error_report() and frees it. */
void error_report_err(Error *err);

#endif
