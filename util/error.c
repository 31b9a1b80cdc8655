/*
 * Errors for configuration and user mistakes: see util/error.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/error.h"

struct Error {
    char *msg;
};

/* A distinct address that marks "abort on error"; never dereferenced as an Error. */
static Error error_abort_marker;
Error *error_abort = &error_abort_marker;

static const char *progname = "koine";

static void error_setv(Error **errp, const char *fmt, va_list ap, int os_errno)
{
    char *msg = g_strdup_vprintf(fmt, ap);

    if (os_errno) {
        char *full = g_strdup_printf("%s: %s", msg, g_strerror(os_errno));
        g_free(msg);
        msg = full;
    }
    if (errp == &error_abort) {
        fprintf(stderr, "%s: unexpected error: %s\n", progname, msg);
        abort();
    }
    if (!errp) {
        g_free(msg);
        return;
    }
    assert(*errp == NULL);
    *errp = g_new0(Error, 1);
    (*errp)->msg = msg;
}

void error_setg(Error **errp, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_setv(errp, fmt, ap, 0);
    va_end(ap);
}

void error_setg_errno(Error **errp, int os_errno, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_setv(errp, fmt, ap, os_errno);
    va_end(ap);
}

void error_prepend(Error **errp, const char *fmt, ...)
{
    va_list ap;
    char *prefix, *msg;

    if (!errp || errp == &error_abort || !*errp) {
        return;
    }
    va_start(ap, fmt);
    prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msg = g_strconcat(prefix, (*errp)->msg, NULL);
    g_free(prefix);
    g_free((*errp)->msg);
    (*errp)->msg = msg;
}

void error_propagate(Error **dst_errp, Error *local_err)
{
    if (!local_err) {
        return;
    }
    if (dst_errp == &error_abort) {
        fprintf(stderr, "%s: unexpected error: %s\n", progname, local_err->msg);
        abort();
    }
    if (!dst_errp || *dst_errp) {
        error_free(local_err);
        return;
    }
    *dst_errp = local_err;
}

const char *error_get_pretty(const Error *err)
{
    return err->msg;
}

void error_free(Error *err)
{
    if (err) {
        g_free(err->msg);
        g_free(err);
    }
}

void error_set_progname(const char *name)
{
    progname = name;
}

static void report(const char *kind, const char *fmt, va_list ap)
{
    char *msg = g_strdup_vprintf(fmt, ap);

    fprintf(stderr, "%s: %s%s\n", progname, kind, msg);
    g_free(msg);
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report("", fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report("warning: ", fmt, ap);
    va_end(ap);
}

void info_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report("info: ", fmt, ap);
    va_end(ap);
}

void error_report_err(Error *err)
{
    error_report("%s", err->msg);
    error_free(err);
}
