/*
 * The native backend's entry and exit: the prologue that exec() calls,
 * the shared epilogue every exit_tb jumps to, and the TCGBackend table.
 *
 * The prologue is generated once into the reserved start of the code
 * buffer, so every TB is within rel32 reach of the epilogue. It saves the
 * callee-saved registers, loads env into rbp (NATIVE_ENV_REG) for the
 * whole run of chained TBs, reserves the frame (outgoing stack arguments
 * and spill slots) and jumps to the TB. exit_tb puts its value in rax and
 * jumps to the epilogue, which undoes all that and returns.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/x86_64/native.h"
#include "tcg/tcg-backend.h"
#include "tcg/code-buffer.h"

static const uint8_t *native_prologue;
const uint8_t *native_epilogue;
const uint8_t *native_epilogue_ret0;

static const int8_t saved_regs[FRAME_PUSHES] = { R_BP, R_BX, R_R12, R_R13, R_R14, R_R15 };

const uint8_t *native_code_rx(const uint8_t *rw)
{
    return code_buffer_rx(rw);
}

static bool native_init(Error **errp)
{
    size_t avail;
    uint8_t *buf = code_buffer_begin(&avail);
    Asm a = { .ptr = buf };
    size_t ret0_off, epi_off;
    const uint8_t *rx;

    tcg_native_host_detected();
    tcg_native_features_init();
    if (avail < 256) {
        error_setg(errp, "no room in the code buffer for the native prologue");
        return false;
    }
    for (int i = 0; i < FRAME_PUSHES; i++) {
        emit_opc(&a, OPC_PUSH_r + (saved_regs[i] & 7), 0, saved_regs[i], 0);
    }
    emit_mov_rr(&a, P_REXW, NATIVE_ENV_REG, R_DI);
    emit_arith_ri(&a, ARITH_SUB, P_REXW, R_SP, FRAME_SIZE);
    emit_modrm(&a, OPC_GRP5, EXT5_JMP, R_SI);

    ret0_off = a.ptr - buf;
    emit_arith_rr(&a, ARITH_XOR, 0, R_AX, R_AX);
    epi_off = a.ptr - buf;
    emit_arith_ri(&a, ARITH_ADD, P_REXW, R_SP, FRAME_SIZE);
    for (int i = FRAME_PUSHES - 1; i >= 0; i--) {
        emit_opc(&a, OPC_POP_r + (saved_regs[i] & 7), 0, saved_regs[i], 0);
    }
    out8(&a, OPC_RET);

    rx = code_buffer_commit(a.ptr - buf);
    code_buffer_set_reserved();
    native_prologue = rx;
    native_epilogue_ret0 = rx + ret0_off;
    native_epilogue = rx + epi_off;
    return true;
}

static uintptr_t native_exec(void *env, const void *code)
{
    uintptr_t (*enter)(void *, const void *);

    assert(native_prologue);
    enter = (uintptr_t (*)(void *, const void *))native_prologue;
    return enter(env, code);
}

const TCGBackend tcg_backend_native = {
    .name = "native",
    .env_reg = NATIVE_ENV_REG,
    .init = native_init,
    .gen_code = native_gen_code,
    .exec = native_exec,
};
