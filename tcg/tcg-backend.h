/*
 * What the rest of Koine sees of a backend: turn the current IR into
 * something runnable, and run it.
 *
 * Two backends implement it: the x86-64 native code generator
 * (tcg/x86_64/) and the portable interpreter (tcg/tci/), which is the
 * oracle the native backend is tested against. Both read the same
 * (optimized) op list and both put their output in the code buffer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_BACKEND_H
#define TCG_TCG_BACKEND_H

#include "tcg/tcg.h"
#include "util/error.h"

typedef struct TCGBackend {
    const char *name;
    /* The host register that holds env in generated code (tcg_context_new's argument). */
    int env_reg;
    /* Once per process, after code_buffer_init(): prologue, host feature detection. */
    bool (*init)(Error **errp);
    /*
     * Translates the op list of s (verified, possibly optimized) into the
     * code buffer; returns the entry point and its size, or NULL when the
     * buffer is full (flush it and try again). May rewrite the op list
     * (liveness annotations, dead-op removal).
     */
    const void *(*gen_code)(TCGContext *s, size_t *size);
    /* Runs generated code with env; returns the value of the exit_tb that left it. */
    uintptr_t (*exec)(void *env, const void *code);
} TCGBackend;

extern const TCGBackend tcg_backend_native;
extern const TCGBackend tcg_backend_tci;

#endif
