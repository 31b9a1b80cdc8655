/*
 * Guest memory ops (guest_ld, guest_st): the inline softmmu TLB lookup and
 * its out-of-line slow path.
 *
 * This is the most executed code Koine generates, so the fast path is a
 * straight line of about ten instructions with one branch that is almost
 * never taken (addr in A; two scratch registers T0, T1):
 *
 *     mov   T0, A
 *     shr   T0, PAGE_BITS - ENTRY_BITS         ; page number * entry size
 *     and   T0, [env + fast(mmu).mask]
 *     add   T0, [env + fast(mmu).table]        ; T0 = the CPUTLBEntry
 *     lea   T1, [A + size - align]             ; the last byte, for unaligned
 *     and   T1, PAGE_MASK | (align - 1)        ; page, plus misalignment bits
 *     cmp   T1, [T0 + addr_read / addr_write]  ; flags in the tag never match
 *     jne   slow
 *     mov   T0, [T0 + addend]
 *     mov   D, [A + T0]  /  mov [A + T0], V    ; MOVBE, or bswap, for MO_BE
 *   join:
 *
 * Comparing the page of the access's last byte (for accesses that need no
 * more alignment than they have) makes a page-crossing access miss, as
 * does any misaligned address when the MemOp requires alignment, so the
 * slow path sees every case that needs care; tlb.c sorts them out.
 *
 * The slow path is a stub after the TB body. It saves the caller-saved
 * registers that hold live values (in the frame's save area), calls
 * helper_guest_ld/st(env, addr, [val,] oi, retaddr) with retaddr = join
 * (the rule of tcg-backend.h: the instruction after the inline access, in
 * the TB body), puts a load's result in D, restores, and jumps back to
 * join. So the fast path needs nothing spilled, and the register state at
 * join is the same either way. Globals were synced before the op (a fault
 * reads the CPU state) and stay cached after it (the helper writes none).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/x86_64/native.h"
#include "softmmu/tlb.h"
#include "tcg/memop.h"

#define OPC_MOVBE_GyMy  (0xf0 | P_EXT38)    /* load, byte-swapped */
#define OPC_MOVBE_MyGy  (0xf1 | P_EXT38)    /* store, byte-swapped */

struct GuestSlowPath {
    GuestSlowPath *next;
    uint8_t *jcc_disp;          /* rel32 of the fast path's jne */
    uint8_t *join;              /* where the fast path continues */
    bool is_store;
    MemOpIdx oi;
    int8_t addr_reg;
    int8_t val_reg;             /* store: the value; load: the result */
    uint32_t save;              /* caller-saved registers live across the op */
};

/* The frame slot of caller-saved register r in the save area. */
static int32_t save_slot(int r)
{
    return FRAME_SAVE_AREA + 8 * __builtin_popcount(CALL_CLOBBERED & (REG_BIT(r) - 1));
}

static void emit_rol16_8(Asm *a, int r)
{
    emit_modrm(a, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, r);
    out8(a, 8);
}

/* op r, [base + index]: the host address is the guest address plus the addend. */
static void emit_host_mem(Asm *a, int opc, int r, int base, int index)
{
    emit_modrm_sib(a, opc, r, base, index, 0, 0);
}

static void emit_host_load(NativeGen *g, TCGType type, MemOp mop, int rd, int base, int index)
{
    Asm *a = &g->a;
    bool bswap = mop & MO_BSWAP;
    bool sign = mop & MO_SIGN;
    bool movbe = g->features & HOST_MOVBE;
    int rexw = rexw_of(type);

    switch (mop & MO_SIZE) {
    case MO_8:
        emit_host_mem(a, sign ? OPC_MOVSBL | rexw : OPC_MOVZBL, rd, base, index);
        break;
    case MO_16:
        if (!bswap) {
            emit_host_mem(a, sign ? OPC_MOVSWL | rexw : OPC_MOVZWL, rd, base, index);
        } else if (movbe) {
            /* A 16-bit movbe leaves the rest of the register: extend it. */
            emit_host_mem(a, OPC_MOVBE_GyMy | P_DATA16, rd, base, index);
            emit_modrm(a, sign ? OPC_MOVSWL | rexw : OPC_MOVZWL, rd, rd);
        } else {
            emit_host_mem(a, OPC_MOVZWL, rd, base, index);
            emit_rol16_8(a, rd);
            if (sign) {
                emit_modrm(a, OPC_MOVSWL | rexw, rd, rd);
            }
        }
        break;
    case MO_32:
        sign = sign && type == TCG_TYPE_I64;
        if (!bswap) {
            emit_host_mem(a, sign ? OPC_MOVSLQ : OPC_MOVL_GvEv, rd, base, index);
            break;
        }
        if (movbe) {
            emit_host_mem(a, OPC_MOVBE_GyMy, rd, base, index);
        } else {
            emit_host_mem(a, OPC_MOVL_GvEv, rd, base, index);
            emit_opc(a, OPC_BSWAP + (rd & 7), 0, rd, 0);
        }
        if (sign) {
            emit_modrm(a, OPC_MOVSLQ, rd, rd);
        }
        break;
    default:
        if (bswap && movbe) {
            emit_host_mem(a, OPC_MOVBE_GyMy | P_REXW, rd, base, index);
        } else {
            emit_host_mem(a, OPC_MOVL_GvEv | P_REXW, rd, base, index);
            if (bswap) {
                emit_opc(a, (OPC_BSWAP + (rd & 7)) | P_REXW, 0, rd, 0);
            }
        }
        break;
    }
}

/* scratch: a free register for the byte-swapped copy when there is no MOVBE. */
static void emit_host_store(NativeGen *g, MemOp mop, int rv, int base, int index, int scratch)
{
    Asm *a = &g->a;
    bool bswap = mop & MO_BSWAP;
    bool movbe = g->features & HOST_MOVBE;

    switch (mop & MO_SIZE) {
    case MO_8:
        emit_host_mem(a, OPC_MOVB_EvGv | P_REXB_R, rv, base, index);
        break;
    case MO_16:
        if (bswap && movbe) {
            emit_host_mem(a, OPC_MOVBE_MyGy | P_DATA16, rv, base, index);
            break;
        }
        if (bswap) {
            emit_mov_rr(a, 0, scratch, rv);
            emit_rol16_8(a, scratch);
            rv = scratch;
        }
        emit_host_mem(a, OPC_MOVL_EvGv | P_DATA16, rv, base, index);
        break;
    case MO_32:
        if (bswap && movbe) {
            emit_host_mem(a, OPC_MOVBE_MyGy, rv, base, index);
            break;
        }
        if (bswap) {
            emit_mov_rr(a, 0, scratch, rv);
            emit_opc(a, OPC_BSWAP + (scratch & 7), 0, scratch, 0);
            rv = scratch;
        }
        emit_host_mem(a, OPC_MOVL_EvGv, rv, base, index);
        break;
    default:
        if (bswap && movbe) {
            emit_host_mem(a, OPC_MOVBE_MyGy | P_REXW, rv, base, index);
            break;
        }
        if (bswap) {
            emit_mov_rr(a, P_REXW, scratch, rv);
            emit_opc(a, (OPC_BSWAP + (scratch & 7)) | P_REXW, 0, scratch, 0);
            rv = scratch;
        }
        emit_host_mem(a, OPC_MOVL_EvGv | P_REXW, rv, base, index);
        break;
    }
}

void gen_guest_mem(NativeGen *g, TCGOp *op)
{
    Asm *a = &g->a;
    bool is_store = op->opc == INDEX_op_guest_st;
    MemOpIdx oi = (MemOpIdx)op->args[2];
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop), align = memop_alignment(mop);
    int32_t fast = (int32_t)tlb_fast_offset(get_mmuidx(oi));
    int32_t tag = is_store ? offsetof(CPUTLBEntry, addr_write) : offsetof(CPUTLBEntry, addr_read);
    GuestSlowPath *sp = tcg_arena_alloc(g->s, sizeof(*sp));
    int ra, rv = -1, t0, t1;

    /* A fault's handler reads the CPU state. */
    ra_sync(g, true, false);
    ra = ra_load(g, op_temp(op, 1), ALL_REGS);
    if (is_store) {
        rv = ra_load(g, op_temp(op, 0), ALL_REGS);
    }
    t0 = ra_alloc(g, ALL_REGS);     /* entry, addend, then a load's result */
    t1 = ra_alloc(g, ALL_REGS);

    emit_mov_rr(a, P_REXW, t0, ra);
    emit_shift_ri(a, SHIFT_SHR, P_REXW, t0, KOINE_PAGE_BITS - CPU_TLB_ENTRY_BITS);
    emit_modrm_mem(a, (OPC_ARITH_GvEv + (ARITH_AND << 3)) | P_REXW, t0, NATIVE_ENV_REG,
                   fast + (int32_t)offsetof(CPUTLBDescFast, mask));
    emit_modrm_mem(a, (OPC_ARITH_GvEv + (ARITH_ADD << 3)) | P_REXW, t0, NATIVE_ENV_REG,
                   fast + (int32_t)offsetof(CPUTLBDescFast, table));
    if (size > align) {
        emit_modrm_mem(a, OPC_LEA | P_REXW, t1, ra, (int32_t)(size - align));
    } else {
        emit_mov_rr(a, P_REXW, t1, ra);
    }
    emit_arith_ri(a, ARITH_AND, P_REXW, t1, (int32_t)(KOINE_PAGE_MASK | (align - 1)));
    emit_modrm_mem(a, (OPC_ARITH_GvEv + (ARITH_CMP << 3)) | P_REXW, t1, t0, tag);
    out8(a, 0x0f);
    out8(a, 0x80 + JCC_JNE);
    sp->jcc_disp = a->ptr;
    out32(a, 0);
    emit_ld(a, P_REXW, t0, t0, offsetof(CPUTLBEntry, addend));
    if (is_store) {
        emit_host_store(g, mop, rv, ra, t0, t1);
    } else {
        emit_host_load(g, op->type, mop, t0, ra, t0);
    }
    sp->join = a->ptr;

    ra_finish_op(g, op, is_store ? NULL : &t0);

    sp->is_store = is_store;
    sp->oi = oi;
    sp->addr_reg = ra;
    sp->val_reg = is_store ? rv : t0;
    sp->save = 0;
    for (int r = 0; r < 16; r++) {
        if ((CALL_CLOBBERED & REG_BIT(r)) && g->reg_temp[r] && (is_store || r != t0)) {
            sp->save |= REG_BIT(r);
        }
    }
    sp->next = g->slow_paths;
    g->slow_paths = sp;
    g->slow_path_bytes += GUEST_SLOW_PATH_MAX_BYTES;
}

static void gen_slow_path(NativeGen *g, const GuestSlowPath *sp)
{
    Asm *a = &g->a;
    uint8_t *start = a->ptr;
    int32_t disp = (int32_t)(a->ptr - (sp->jcc_disp + 4));
    int dst[2], src[2];
    unsigned n = 0;

    memcpy(sp->jcc_disp, &disp, 4);
    for (int r = 0; r < 16; r++) {
        if (sp->save & REG_BIT(r)) {
            emit_st(a, P_REXW, r, R_SP, save_slot(r));
        }
    }
    /* Register arguments first: rdi, env's argument register, may hold one of them. */
    dst[n] = R_SI;
    src[n++] = sp->addr_reg;
    if (sp->is_store) {
        dst[n] = R_DX;
        src[n++] = sp->val_reg;
    }
    gen_parallel_move(g, dst, src, n);
    emit_mov_rr(a, P_REXW, R_DI, NATIVE_ENV_REG);
    emit_movi(a, 0, sp->is_store ? R_CX : R_DX, sp->oi, true);
    /* lea reg, [rip + join]: the return address the fault handling maps to an insn. */
    {
        int r = sp->is_store ? R_R8 : R_CX;

        emit_opc(a, OPC_LEA | P_REXW, r, 0, 0);
        out8(a, (r & 7) << 3 | 5);
        out32(a, (uint32_t)(int32_t)(sp->join - (a->ptr + 4)));
    }
    gen_call_abs(g, sp->is_store ? (const void *)helper_guest_st : (const void *)helper_guest_ld);
    if (!sp->is_store) {
        emit_mov_rr(a, P_REXW, sp->val_reg, R_AX);
    }
    for (int r = 0; r < 16; r++) {
        if (sp->save & REG_BIT(r)) {
            emit_ld(a, P_REXW, r, R_SP, save_slot(r));
        }
    }
    out8(a, OPC_JMP_long);
    out32(a, (uint32_t)(int32_t)(sp->join - (a->ptr + 4)));
    assert(a->ptr - start <= GUEST_SLOW_PATH_MAX_BYTES);
}

void gen_guest_slow_paths(NativeGen *g)
{
    for (const GuestSlowPath *sp = g->slow_paths; sp; sp = sp->next) {
        gen_slow_path(g, sp);
    }
    g->slow_paths = NULL;
    g->slow_path_bytes = 0;
}
