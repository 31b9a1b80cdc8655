/*
 * Internals shared by the files of the x86-64 backend: the per-TB code
 * generation state, the register allocator's interface to the op emitters,
 * and the frame layout.
 *
 * Frame (rsp-relative, set up by the prologue, 16-byte aligned at calls):
 *   [rsp + 0, 16)             outgoing arguments 7 and 8 of helper calls
 *   [rsp + 16, 96)            guest memory slow paths save live caller-saved
 *                             registers here around their helper call
 *   [rsp + 96, + spill bytes)  spill slots of temps, 8 bytes each
 * A TB that might need more slots than the static frame has grows the
 * frame on entry and shrinks it before every exit (see codegen.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_X86_64_NATIVE_H
#define TCG_X86_64_NATIVE_H

#include "tcg/tcg.h"
#include "tcg/x86_64/encoder.h"
#include "tcg/x86_64/host-features.h"

#define NATIVE_ENV_REG      R_BP
#define FRAME_OUT_ARGS      16
/* One word per caller-saved register (9), padded to keep the frame 16-byte aligned. */
#define FRAME_SAVE_AREA     FRAME_OUT_ARGS
#define FRAME_SAVE_BYTES    80
#define FRAME_SLOTS         (FRAME_SAVE_AREA + FRAME_SAVE_BYTES)
#define FRAME_STATIC_SLOTS  128
/* Pushed by the prologue: rbp, rbx, r12..r15; the return address makes 7 words. */
#define FRAME_PUSHES        6
/* Keeps rsp 16-byte aligned: 8 (return address) + 48 (pushes) + this = 0 mod 16. */
#define FRAME_SIZE          (FRAME_SLOTS + FRAME_STATIC_SLOTS * 8 + 8)

#define REG_BIT(r)          (1u << (r))
#define ALL_REGS            (0xffffu & ~REG_BIT(R_SP) & ~REG_BIT(NATIVE_ENV_REG))
#define CALL_CLOBBERED      (REG_BIT(R_AX) | REG_BIT(R_CX) | REG_BIT(R_DX) | \
                             REG_BIT(R_SI) | REG_BIT(R_DI) | REG_BIT(R_R8) | \
                             REG_BIT(R_R9) | REG_BIT(R_R10) | REG_BIT(R_R11))

/* Room an op may need at most (with block-end stores); checked before each op. */
#define MAX_OP_BYTES        1024

typedef enum ValKind {
    VAL_DEAD,               /* no value */
    VAL_REG,                /* in reg (memory copy current iff mem_coherent) */
    VAL_MEM,                /* only in its memory home */
} ValKind;

typedef struct TempState {
    uint8_t val;            /* ValKind */
    int8_t reg;
    bool mem_coherent;
    bool has_slot;
    int32_t slot;           /* rsp offset of a non-global's spill slot */
} TempState;

/* The out-of-line half of a guest_ld/guest_st, emitted after the TB body. */
typedef struct GuestSlowPath GuestSlowPath;

typedef struct NativeGen {
    Asm a;
    TCGContext *s;
    uint8_t *start;         /* the TB's first byte (read-write view) */
    uint8_t *limit;         /* past this, the next op might not fit */
    TempState *ts;          /* per temp */
    TCGTemp *reg_temp[16];  /* which temp a register holds */
    uint32_t locked;        /* registers used by the op being emitted */
    int32_t next_slot;
    int32_t frame_grow;     /* extra frame bytes this TB allocates on entry */
    unsigned features;      /* HOST_* in use */
    GuestSlowPath *slow_paths;  /* pending, emitted at the end of the TB */
    size_t slow_path_bytes;     /* room they need at most */
} NativeGen;

/* Prologue/epilogue addresses (execute view), set by prologue.c. */
extern const uint8_t *native_epilogue;          /* return rax */
extern const uint8_t *native_epilogue_ret0;     /* return 0 */

static inline int rexw_of(TCGType type)
{
    return type == TCG_TYPE_I64 ? P_REXW : 0;
}

static inline TempState *ts_of(NativeGen *g, const TCGTemp *t)
{
    return &g->ts[t->index];
}

static inline bool arg_dies(const TCGOp *op, unsigned i)
{
    return (op->dead >> i) & 1;
}

static inline TCGTemp *op_temp(const TCGOp *op, unsigned i)
{
    return arg_temp(op->args[i]);
}

/* Execute-view address of the current position (for rel32 to fixed code). */
static inline const uint8_t *gen_rx(NativeGen *g, const uint8_t *rw);

/* ---- regalloc.c ---- */
void ra_begin(NativeGen *g);
void ra_temp_mem(NativeGen *g, TCGTemp *t, int *base, int32_t *offset);
int ra_alloc(NativeGen *g, uint32_t allowed);
void ra_evict(NativeGen *g, int reg);
void ra_save(NativeGen *g, TCGTemp *t);
void ra_temp_free(NativeGen *g, TCGTemp *t);
int ra_load(NativeGen *g, TCGTemp *t, uint32_t allowed);
void ra_load_into(NativeGen *g, TCGTemp *t, int reg);
int ra_out(NativeGen *g, TCGTemp *t, uint32_t allowed);
bool ra_is_scratch(NativeGen *g, TCGTemp *t, int reg);
void ra_finish_op(NativeGen *g, const TCGOp *op, const int *out_regs);
void ra_sync(NativeGen *g, bool globals, bool tb_temps);
void ra_release_globals(NativeGen *g);
void ra_free_all(NativeGen *g);
void ra_discard(NativeGen *g, TCGTemp *t);
void emit_movi_for(NativeGen *g, TCGType type, int reg, uint64_t val, bool flags_ok);

/* ---- codegen.c ---- */
const void *native_gen_code(TCGContext *s, size_t *size);
void gen_jmp_rx(NativeGen *g, int opc, const void *target);
void gen_frame_shrink(NativeGen *g);
void gen_frame_regrow(NativeGen *g);

/* ---- codegen-arith.c ---- */
void gen_data_op(NativeGen *g, TCGOp *op);
/* cmp/test for cond on (a, b); returns the x86 condition code. */
int gen_compare(NativeGen *g, TCGType type, TCGCond cond, TCGTemp *a, TCGTemp *b);

/* ---- codegen-vec.c ---- */
/* A gvec op (tcg/gvec.h) in SSE/AVX2 code; the builder only emits those it supports. */
void gen_vec_op(NativeGen *g, TCGOp *op);

/* ---- codegen-call.c ---- */
void gen_call(NativeGen *g, TCGOp *op);
/* Register moves dst[i] <- src[i] (64-bit) as if simultaneous; clobbers both arrays. */
void gen_parallel_move(NativeGen *g, int *dst, int *src, unsigned n);
/* call func (execute view): rel32 when in reach, else through rax. */
void gen_call_abs(NativeGen *g, const void *func);

/* ---- codegen-guest-mem.c ---- */
/* Most bytes one slow path takes (reserved while the TB body is emitted). */
#define GUEST_SLOW_PATH_MAX_BYTES 160
void gen_guest_mem(NativeGen *g, TCGOp *op);
void gen_guest_slow_paths(NativeGen *g);

/* ---- prologue.c ---- */
const uint8_t *native_code_rx(const uint8_t *rw);

static inline const uint8_t *gen_rx(NativeGen *g, const uint8_t *rw)
{
    return native_code_rx(rw);
}

#endif
