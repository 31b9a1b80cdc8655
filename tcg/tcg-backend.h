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
    /*
     * The calling thread will run no more generated code: free what the
     * backend keeps per thread (may be NULL). Generated code left by
     * siglongjmp cannot clean up after itself.
     */
    void (*thread_exit)(void);
} TCGBackend;

extern const TCGBackend tcg_backend_native;
extern const TCGBackend tcg_backend_tci;

/*
 * Where in generated code a guest memory access or a helper call happens,
 * so that a fault there can be traced back to its guest instruction
 * (restore from the TB's insn_end_offsets).
 *
 * The value ("retaddr") is an address in the TB's code (native: host code;
 * interpreter: bytecode) that lies after the start and at or before the end
 * of the faulting guest instruction's code: the lookup picks the first
 * instruction whose end offset is >= retaddr - code start.
 *   - Native guest_ld/guest_st slow paths pass the address of the
 *     instruction following the inline access (in the TB body, not the
 *     out-of-line stub).
 *   - A helper called from native code uses its own return address.
 *   - The interpreter stores the bytecode address of the op after the call
 *     or guest access in tci_retaddr before making it.
 * Helpers get it with TCG_GETPC(), which is correct for both backends.
 */
extern __thread uintptr_t tci_retaddr;

bool tcg_code_is_native(uintptr_t host_pc);

#define TCG_GETPC() \
    (tcg_code_is_native((uintptr_t)__builtin_return_address(0)) \
     ? (uintptr_t)__builtin_return_address(0) : tci_retaddr)

#endif
