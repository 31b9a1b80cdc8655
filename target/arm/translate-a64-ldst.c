/*
 * A64 "Loads and Stores" (ARM ARM C4.1.88), integer registers: single
 * registers in every addressing mode, pairs, literals, the unprivileged
 * forms, load-acquire/store-release, the exclusives and the v8.1 LSE
 * atomics; and the SIMD&FP register forms (V = 1: B, H, S, D and Q
 * registers, single, pair and literal; the AdvSIMD structure loads are in
 * translate-a64-simd-ldst.c).
 *
 * Plain accesses are inline guest_ld/guest_st ops (the TLB fast path).
 * Anything that must be atomic with respect to other vCPUs uses the
 * translator core's atomics (tcg/tcg-op-atomic.h): STXR/STXP are a
 * compare-and-swap against the value(s) LDXR loaded, the LSE
 * read-modify-writes fetch-and-op, CAS/CASP compare-and-swap; pairs of X
 * registers are the 16-byte pair operation, pairs of W registers one
 * 8-byte operation (see helper-atomic.c). LDXR is an inline load that also
 * records the monitor (env->exclusive_addr and the value(s) loaded).
 *
 * Memory order: acquire is a barrier after the load ordering it before
 * later loads and stores; release one before the store ordering earlier
 * loads and stores before it. STLR is also ordered before a later LDAR
 * (RCsc, ARM ARM B2.3): a store-load barrier after STLR does that (the
 * helpers' locked host instructions already are full barriers; LDAPR,
 * RCpc, needs none).
 *
 * Alignment: exclusives, acquire/release and atomics must be naturally
 * aligned, and everything when SCTLR_ELx.A is set. The check is inline
 * (a test of the low address bits and a branch to helper_align_fault);
 * the atomics pass MO_ALIGN and the core checks (arm_unaligned_access).
 *
 * SIMD&FP registers: a load of B/H/S/D writes the value zero-extended to
 * the whole 128-bit register (ARM ARM: V[t] = ZeroExtend). A Q register is
 * two 64-bit guest accesses, lower address first; both halves land in
 * temps before the register is written, so a fault on the second (a Q
 * crossing into an unmapped page) leaves the register unchanged, the
 * base register too, and FAR is the faulting half's address. With
 * big-endian data the 16 bytes are one big-endian 128-bit value
 * (BigEndianReverse in Mem[]): the lower address holds bits 127:64.
 *
 * CONSTRAINED UNPREDICTABLE choices (ARM ARM K1.2): a load with writeback
 * and Rn == Rt writes the loaded value to Rt (the writeback is lost); a
 * store with writeback and Rn == Rt stores the register's old value; a
 * load pair with Rt == Rt2 leaves Rt2's value; STXR with Rs == Rt/Rt2/Rn
 * uses the operands' values from before the status write; CASP with an
 * odd Rs or Rt is UNDEFINED; LDLAR/STLLR (LORegions) are UNDEFINED.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper-ldst.h"
#include "target/arm/translate-a64-ldst.h"
#include "tcg/tcg-op-atomic.h"

#define MO_ACQUIRE  (TCG_MO_LD_LD | TCG_MO_LD_ST)
#define MO_RELEASE  (TCG_MO_LD_ST | TCG_MO_ST_ST)

MemOp ldst_memop(DisasContext *s, unsigned size, bool sign)
{
    return (MemOp)size | (sign ? MO_SIGN : 0) | (s->be_data ? MO_BE : MO_LE);
}

/*
 * base + offset in a new temp: a TB temp when an alignment check follows
 * (EBB temps end at the check's label), else an EBB one.
 */
static TCGv_i64 gen_addr_checked(TCGv_i64 base, int64_t offset, bool checked)
{
    TCGv_i64 addr = checked ? tcg_temp_new_i64() : tcg_temp_ebb_new_i64();

    tcg_gen_addi_i64(addr, base, offset);
    return addr;
}

/* The alignment fault unless addr is a multiple of bytes. */
static void gen_check_align(DisasContext *s, TCGv_i64 addr, unsigned bytes, bool is_store,
                            unsigned mmu_idx)
{
    TCGLabel *ok;

    if (bytes <= 1) {
        return;
    }
    ok = tcg_label_new(tcg_ctx);
    tcg_gen_brcondi_i64(TCG_COND_TSTEQ, addr, bytes - 1, ok);
    gen_helper_align_fault(addr, ldst_desc(0, false, mmu_idx) | (is_store ? LDST_DESC_STORE : 0));
    tcg_gen_set_label(ok);
}

void gen_check_align_if(DisasContext *s, TCGv_i64 addr, unsigned bytes, bool is_store,
                        unsigned mmu_idx)
{
    if (s->align_check) {
        gen_check_align(s, addr, bytes, is_store, mmu_idx);
    }
}

/* What size and opc (bits 31:30, 23:22) of a single-register access mean (C4.1.88 tables). */
typedef enum LdstKind {
    LDST_STORE,
    LDST_LOAD,          /* zero-extended */
    LDST_LOAD_SX64,     /* sign-extended to X */
    LDST_LOAD_SX32,     /* sign-extended to W */
    LDST_PREFETCH,
    LDST_UNALLOCATED,
} LdstKind;

static LdstKind ldst_kind(unsigned size, unsigned opc)
{
    switch (opc) {
    case 0:
        return LDST_STORE;
    case 1:
        return LDST_LOAD;
    case 2:
        return size == 3 ? LDST_PREFETCH : LDST_LOAD_SX64;
    default:
        return size >= 2 ? LDST_UNALLOCATED : LDST_LOAD_SX32;
    }
}

/*
 * One register at base + offset (pre-indexed when !post), with writeback
 * of the address (post: base + offset) when wback.
 */
static bool do_ldst_single(DisasContext *s, uint32_t insn, int64_t offset, bool wback,
                           bool post, unsigned mmu_idx, bool prefetch_ok)
{
    unsigned size = extract32(insn, 30, 2), rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    LdstKind kind = ldst_kind(size, extract32(insn, 22, 2));
    TCGv_i64 base = cpu_reg_sp(s, rn), addr;

    if (kind == LDST_UNALLOCATED) {
        return false;
    }
    if (kind == LDST_PREFETCH) {
        return prefetch_ok;     /* PRFM, PRFUM: hints, no access (C6.2.248) */
    }
    addr = gen_addr_checked(base, post ? 0 : offset, s->align_check);
    gen_check_align_if(s, addr, 1u << size, kind == LDST_STORE, mmu_idx);
    if (kind == LDST_STORE) {
        tcg_gen_guest_st_i64(cpu_reg(s, rt), addr, mmu_idx, ldst_memop(s, size, false));
        if (wback) {
            tcg_gen_addi_i64(base, addr, post ? offset : 0);
        }
    } else {
        TCGv_i64 val = tcg_temp_ebb_new_i64();

        tcg_gen_guest_ld_i64(val, addr, mmu_idx, ldst_memop(s, size, kind != LDST_LOAD));
        if (wback) {
            tcg_gen_addi_i64(base, addr, post ? offset : 0);
        }
        a64_write_reg(s, rt, val, kind != LDST_LOAD_SX32);
    }
    return true;
}

/* LDR/STR (unsigned immediate): imm12 scaled by the size (C6.2.132 ...). */
static bool trans_ldst_uimm(DisasContext *s, uint32_t insn)
{
    unsigned size = extract32(insn, 30, 2);

    return do_ldst_single(s, insn, (int64_t)extract32(insn, 10, 12) << size, false, false,
                          s->mmu_idx, true);
}

/* The EL0 regime's index for LDTR/STTR at EL1 (C6.2.172 ...: "unprivileged"). */
static unsigned unpriv_mmu_idx(DisasContext *s)
{
    return s->current_el == 1 ? ARM_MMU_IDX_EL10_0 : s->mmu_idx;
}

/* LDUR/STUR, post-index, LDTR/STTR, pre-index: imm9 unscaled (bits 11:10 select). */
static bool trans_ldst_imm9(DisasContext *s, uint32_t insn)
{
    int64_t imm = sextract32(insn, 12, 9);

    switch (extract32(insn, 10, 2)) {
    case 0:
        return do_ldst_single(s, insn, imm, false, false, s->mmu_idx, true);
    case 1:
        return do_ldst_single(s, insn, imm, true, true, s->mmu_idx, false);
    case 2:
        return do_ldst_single(s, insn, imm, false, false, unpriv_mmu_idx(s), false);
    default:
        return do_ldst_single(s, insn, imm, true, false, s->mmu_idx, false);
    }
}

/* LDR/STR (register): Rm extended (UXTW, LSL, SXTW, SXTX) and optionally scaled (C6.2.133 ...). */
static bool trans_ldst_reg(DisasContext *s, uint32_t insn)
{
    unsigned size = extract32(insn, 30, 2), option = extract32(insn, 13, 3);
    unsigned rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    bool shift = extract32(insn, 12, 1);
    LdstKind kind = ldst_kind(size, extract32(insn, 22, 2));
    TCGv_i64 offset, addr;

    if (!(option & 2) || kind == LDST_UNALLOCATED) {
        return false;
    }
    if (kind == LDST_PREFETCH) {
        return true;
    }
    offset = tcg_temp_ebb_new_i64();
    switch (option) {
    case 2:     /* UXTW */
        tcg_gen_ext32u_i64(offset, cpu_reg(s, extract32(insn, 16, 5)));
        break;
    case 6:     /* SXTW */
        tcg_gen_ext32s_i64(offset, cpu_reg(s, extract32(insn, 16, 5)));
        break;
    default:    /* LSL (UXTX), SXTX */
        tcg_gen_mov_i64(offset, cpu_reg(s, extract32(insn, 16, 5)));
        break;
    }
    if (shift) {
        tcg_gen_shli_i64(offset, offset, size);
    }
    addr = s->align_check ? tcg_temp_new_i64() : tcg_temp_ebb_new_i64();
    tcg_gen_add_i64(addr, cpu_reg_sp(s, rn), offset);
    gen_check_align_if(s, addr, 1u << size, kind == LDST_STORE, s->mmu_idx);
    if (kind == LDST_STORE) {
        tcg_gen_guest_st_i64(cpu_reg(s, rt), addr, s->mmu_idx, ldst_memop(s, size, false));
    } else {
        TCGv_i64 val = tcg_temp_ebb_new_i64();

        tcg_gen_guest_ld_i64(val, addr, s->mmu_idx, ldst_memop(s, size, kind != LDST_LOAD));
        a64_write_reg(s, rt, val, kind != LDST_LOAD_SX32);
    }
    return true;
}

/* LDR (literal), LDRSW (literal), PRFM (literal): PC + imm19 * 4 (C6.2.135, C6.2.172). */
static bool trans_ld_literal(DisasContext *s, uint32_t insn)
{
    unsigned opc = extract32(insn, 30, 2), rt = extract32(insn, 0, 5);
    unsigned size = opc == 1 ? 3 : 2;
    TCGv_i64 addr, val;

    if (opc == 3) {
        return true;            /* PRFM (literal) */
    }
    addr = gen_addr_checked(tcg_constant_i64(s->pc_curr), sextract32(insn, 5, 19) * 4LL,
                            s->align_check);
    gen_check_align_if(s, addr, 1u << size, false, s->mmu_idx);
    val = tcg_temp_ebb_new_i64();
    tcg_gen_guest_ld_i64(val, addr, s->mmu_idx, ldst_memop(s, size, opc == 2));
    a64_write_reg(s, rt, val, true);
    return true;
}

/* LDP/STP/LDPSW/LDNP/STNP: offset, pre- and post-index (bits 24:23), imm7 scaled (C6.2.129 ...). */
static bool trans_ldst_pair(DisasContext *s, uint32_t insn)
{
    unsigned opc = extract32(insn, 30, 2), idx = extract32(insn, 23, 2);
    bool load = extract32(insn, 22, 1);
    unsigned rt2 = extract32(insn, 10, 5), rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    unsigned size = opc == 2 ? 3 : 2;
    bool sign = opc == 1;
    int64_t offset = sextract32(insn, 15, 7) * (1LL << size);
    bool wback = idx == 1 || idx == 3, post = idx == 1;
    TCGv_i64 base = cpu_reg_sp(s, rn), addr, addr2;
    MemOp mop = ldst_memop(s, size, sign);

    /* opc 3; STGP (opc 1, store); LDNP with opc 1. */
    if (opc == 3 || (sign && (!load || idx == 0))) {
        return false;
    }
    addr = gen_addr_checked(base, post ? 0 : offset, s->align_check);
    gen_check_align_if(s, addr, 1u << size, !load, s->mmu_idx);
    addr2 = tcg_temp_ebb_new_i64();
    tcg_gen_addi_i64(addr2, addr, 1 << size);
    if (load) {
        TCGv_i64 v1 = tcg_temp_ebb_new_i64(), v2 = tcg_temp_ebb_new_i64();

        tcg_gen_guest_ld_i64(v1, addr, s->mmu_idx, mop);
        tcg_gen_guest_ld_i64(v2, addr2, s->mmu_idx, mop);
        if (wback) {
            tcg_gen_addi_i64(base, addr, post ? offset : 0);
        }
        a64_write_reg(s, rt, v1, true);
        a64_write_reg(s, rt2, v2, true);
    } else {
        tcg_gen_guest_st_i64(cpu_reg(s, rt), addr, s->mmu_idx, mop);
        tcg_gen_guest_st_i64(cpu_reg(s, rt2), addr2, s->mmu_idx, mop);
        if (wback) {
            tcg_gen_addi_i64(base, addr, post ? offset : 0);
        }
    }
    return true;
}

/* ---- Exclusives, load-acquire/store-release, CAS ---- */

/* LDXR, LDAXR, LDXP, LDAXP (C6.2.166 ...): load and open the monitor. */
static void gen_load_exclusive(DisasContext *s, unsigned size, bool pair, bool acquire,
                               unsigned rn, unsigned rt, unsigned rt2)
{
    unsigned bytes = (1u << size) * (pair ? 2 : 1);
    TCGv_i64 addr = gen_addr_checked(cpu_reg_sp(s, rn), 0, true);
    TCGv_i64 v1 = tcg_temp_ebb_new_i64(), v2 = tcg_temp_ebb_new_i64();
    MemOp mop = ldst_memop(s, size, false);

    gen_check_align(s, addr, bytes, false, s->mmu_idx);
    tcg_gen_guest_ld_i64(v1, addr, s->mmu_idx, mop);
    if (pair) {
        tcg_gen_addi_i64(v2, addr, 1 << size);
        tcg_gen_guest_ld_i64(v2, v2, s->mmu_idx, mop);
        tcg_gen_st_i64(v2, tcg_env, offsetof(CPUARMState, exclusive_high));
    }
    tcg_gen_st_i64(addr, tcg_env, offsetof(CPUARMState, exclusive_addr));
    tcg_gen_st_i64(v1, tcg_env, offsetof(CPUARMState, exclusive_val));
    if (acquire) {
        tcg_gen_mb(MO_ACQUIRE);
    }
    a64_write_reg(s, rt, v1, true);
    if (pair) {
        a64_write_reg(s, rt2, v2, true);
    }
}

/*
 * A pair of W-register values (first at the lower address) as the one
 * 8-byte value they make in memory, in the data's byte order.
 */
static void gen_concat_pair32(DisasContext *s, TCGv_i64 ret, TCGv_i64 first, TCGv_i64 second)
{
    if (s->be_data) {
        tcg_gen_deposit_i64(ret, second, first, 32, 32);
    } else {
        tcg_gen_deposit_i64(ret, first, second, 32, 32);
    }
}

/* gen_concat_pair32 undone: the two elements, zero-extended. */
static void gen_split_pair32(DisasContext *s, TCGv_i64 first, TCGv_i64 second, TCGv_i64 val)
{
    tcg_gen_extract_i64(first, val, s->be_data ? 32 : 0, 32);
    tcg_gen_extract_i64(second, val, s->be_data ? 0 : 32, 32);
}

/*
 * STXR, STLXR, STXP, STLXP (C6.2.347 ...): Ws = 0 if stored, 1 if not.
 * The store is a compare-and-swap against what LDXR loaded, done only
 * when the monitor holds addr. The alignment fault comes first and leaves
 * the monitor open; after it the monitor closes, whatever happens (a fault
 * of the access too). A monitor value wider than the store (LDXR of a
 * bigger size, CONSTRAINED UNPREDICTABLE) makes it fail without an access.
 */
static void gen_store_exclusive(DisasContext *s, unsigned size, bool pair, bool release,
                                unsigned rs, unsigned rn, unsigned rt, unsigned rt2)
{
    unsigned bytes = (1u << size) * (pair ? 2 : 1);
    TCGv_i64 addr = gen_addr_checked(cpu_reg_sp(s, rn), 0, true);
    TCGv_i64 status = tcg_temp_new_i64();
    TCGv_i64 monitor, cmp, cmp_hi = NULL, old;
    TCGLabel *fail = tcg_label_new(tcg_ctx), *done = tcg_label_new(tcg_ctx);
    MemOp mop = ldst_memop(s, size, false) | MO_ALIGN;

    if (release) {
        tcg_gen_mb(MO_RELEASE);
    }
    gen_check_align(s, addr, bytes, true, s->mmu_idx);
    monitor = tcg_temp_ebb_new_i64();
    tcg_gen_ld_i64(monitor, tcg_env, offsetof(CPUARMState, exclusive_addr));
    tcg_gen_st_i64(tcg_constant_i64(-1), tcg_env, offsetof(CPUARMState, exclusive_addr));
    tcg_gen_brcond_i64(TCG_COND_NE, monitor, addr, fail);

    cmp = tcg_temp_ebb_new_i64();
    old = tcg_temp_ebb_new_i64();
    tcg_gen_ld_i64(cmp, tcg_env, offsetof(CPUARMState, exclusive_val));
    if (pair) {
        cmp_hi = tcg_temp_ebb_new_i64();
        tcg_gen_ld_i64(cmp_hi, tcg_env, offsetof(CPUARMState, exclusive_high));
    }
    if (size < 3) {
        TCGv_i64 wide = tcg_temp_ebb_new_i64();

        tcg_gen_shri_i64(wide, cmp, 8 << size);
        if (pair) {
            TCGv_i64 wide_hi = tcg_temp_ebb_new_i64();

            tcg_gen_shri_i64(wide_hi, cmp_hi, 32);
            tcg_gen_or_i64(wide, wide, wide_hi);
        }
        tcg_gen_brcondi_i64(TCG_COND_NE, wide, 0, fail);
    }
    if (pair && size == 3) {
        TCGv_i64 old_hi = tcg_temp_ebb_new_i64();

        tcg_gen_atomic_cmpxchg_i128(old, old_hi, addr, cmp, cmp_hi, cpu_reg(s, rt),
                                    cpu_reg(s, rt2), s->mmu_idx, mop);
        tcg_gen_xor_i64(old, old, cmp);
        tcg_gen_xor_i64(old_hi, old_hi, cmp_hi);
        tcg_gen_or_i64(old, old, old_hi);
        tcg_gen_setcondi_i64(TCG_COND_NE, status, old, 0);
    } else {
        TCGv_i64 newv = cpu_reg(s, rt);

        if (pair) {
            newv = tcg_temp_ebb_new_i64();
            gen_concat_pair32(s, cmp, cmp, cmp_hi);
            gen_concat_pair32(s, newv, cpu_reg(s, rt), cpu_reg(s, rt2));
            mop = ldst_memop(s, MO_64, false) | MO_ALIGN;
        }
        tcg_gen_atomic_cmpxchg_i64(old, addr, cmp, newv, s->mmu_idx, mop);
        tcg_gen_setcond_i64(TCG_COND_NE, status, old, cmp);
    }
    tcg_gen_br(done);
    tcg_gen_set_label(fail);
    tcg_gen_movi_i64(status, 1);
    tcg_gen_set_label(done);
    a64_write_reg(s, rs, status, true);
}

/* LDAR (C6.2.137), LDAPR (C6.2.136: no store-load barrier before it either way). */
static void gen_load_acquire(DisasContext *s, unsigned size, unsigned rn, unsigned rt)
{
    TCGv_i64 addr = gen_addr_checked(cpu_reg_sp(s, rn), 0, true), val = tcg_temp_ebb_new_i64();

    gen_check_align(s, addr, 1u << size, false, s->mmu_idx);
    tcg_gen_guest_ld_i64(val, addr, s->mmu_idx, ldst_memop(s, size, false));
    tcg_gen_mb(MO_ACQUIRE);
    a64_write_reg(s, rt, val, true);
}

/* STLR (C6.2.345). */
static void gen_store_release(DisasContext *s, unsigned size, unsigned rn, unsigned rt)
{
    TCGv_i64 addr = gen_addr_checked(cpu_reg_sp(s, rn), 0, true);

    gen_check_align(s, addr, 1u << size, true, s->mmu_idx);
    tcg_gen_mb(MO_RELEASE);
    tcg_gen_guest_st_i64(cpu_reg(s, rt), addr, s->mmu_idx, ldst_memop(s, size, false));
    tcg_gen_mb(TCG_MO_ST_LD);       /* RCsc: before any later LDAR */
}

static bool has_atomics(DisasContext *s)
{
    return arm_feature(s->arm, ARM_FEATURE_ATOMICS);
}

/* CAS, CASA, CASL, CASAL (C6.2.50). */
static void gen_cas(DisasContext *s, unsigned size, bool acquire, bool release, unsigned rs,
                    unsigned rn, unsigned rt)
{
    TCGv_i64 old = tcg_temp_ebb_new_i64();

    if (release) {
        tcg_gen_mb(MO_RELEASE);
    }
    tcg_gen_atomic_cmpxchg_i64(old, cpu_reg_sp(s, rn), cpu_reg(s, rs), cpu_reg(s, rt),
                               s->mmu_idx, ldst_memop(s, size, false) | MO_ALIGN);
    if (acquire) {
        tcg_gen_mb(MO_ACQUIRE);
    }
    a64_write_reg(s, rs, old, true);
}

/*
 * CASP, CASPA, CASPL, CASPAL (C6.2.52): even register pairs; Rs (lower
 * address) and Rs+1 are compared and get the old pair, Rt and Rt+1 are
 * stored. size is the element's (2: W, 3: X).
 */
static bool gen_casp(DisasContext *s, unsigned size, bool acquire, bool release, unsigned rs,
                     unsigned rn, unsigned rt)
{
    TCGv_i64 old_lo, old_hi;
    MemOp mop = ldst_memop(s, MO_64, false) | MO_ALIGN;

    if ((rs | rt) & 1) {
        return false;
    }
    if (release) {
        tcg_gen_mb(MO_RELEASE);
    }
    old_lo = tcg_temp_ebb_new_i64();
    old_hi = tcg_temp_ebb_new_i64();
    if (size == 3) {
        tcg_gen_atomic_cmpxchg_i128(old_lo, old_hi, cpu_reg_sp(s, rn), cpu_reg(s, rs),
                                    cpu_reg(s, rs + 1), cpu_reg(s, rt), cpu_reg(s, rt + 1),
                                    s->mmu_idx, mop);
    } else {
        TCGv_i64 cmp = tcg_temp_ebb_new_i64(), newv = tcg_temp_ebb_new_i64();
        TCGv_i64 old = tcg_temp_ebb_new_i64();

        gen_concat_pair32(s, cmp, cpu_reg(s, rs), cpu_reg(s, rs + 1));
        gen_concat_pair32(s, newv, cpu_reg(s, rt), cpu_reg(s, rt + 1));
        tcg_gen_atomic_cmpxchg_i64(old, cpu_reg_sp(s, rn), cmp, newv, s->mmu_idx, mop);
        gen_split_pair32(s, old_lo, old_hi, old);
    }
    if (acquire) {
        tcg_gen_mb(MO_ACQUIRE);
    }
    a64_write_reg(s, rs, old_lo, true);
    a64_write_reg(s, rs + 1, old_hi, true);
    return true;
}

/* "Load/store exclusive register/pair, ordered, compare and swap" (C4.1.88: o2, L, o1, o0). */
static bool trans_ldst_excl(DisasContext *s, uint32_t insn)
{
    unsigned size = extract32(insn, 30, 2), rs = extract32(insn, 16, 5);
    unsigned rt2 = extract32(insn, 10, 5), rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    bool o2 = extract32(insn, 23, 1), load = extract32(insn, 22, 1), o1 = extract32(insn, 21, 1);
    bool o0 = extract32(insn, 15, 1);

    if (!o2 && !o1) {
        if (load) {
            gen_load_exclusive(s, size, false, o0, rn, rt, 0);
        } else {
            gen_store_exclusive(s, size, false, o0, rs, rn, rt, 0);
        }
        return true;
    }
    if (!o2) {
        if (size >= 2) {
            if (load) {
                gen_load_exclusive(s, size, true, o0, rn, rt, rt2);
            } else {
                gen_store_exclusive(s, size, true, o0, rs, rn, rt, rt2);
            }
            return true;
        }
        /* CASP: size 0x is the element size W/X. */
        if (!has_atomics(s) || rt2 != 31) {
            return false;
        }
        return gen_casp(s, size + 2, load, o0, rs, rn, rt);
    }
    if (!o1) {
        if (!o0) {
            return false;       /* LDLAR, STLLR: LORegions not implemented */
        }
        if (load) {
            gen_load_acquire(s, size, rn, rt);
        } else {
            gen_store_release(s, size, rn, rt);
        }
        return true;
    }
    if (!has_atomics(s) || rt2 != 31) {
        return false;
    }
    gen_cas(s, size, load, o0, rs, rn, rt);
    return true;
}

typedef void AtomicFetchFn(TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 val, unsigned mmu_idx,
                          MemOp memop);

/*
 * LD<op> by opc (C6.2.x LDADD ... LDUMIN): ADD, CLR, EOR, SET, SMAX, SMIN,
 * UMAX, UMIN. CLR is an and with the inverted operand.
 */
static AtomicFetchFn *const lse_fetch_ops[8] = {
    tcg_gen_atomic_fetch_add_i64, tcg_gen_atomic_fetch_and_i64,
    tcg_gen_atomic_fetch_xor_i64, tcg_gen_atomic_fetch_or_i64,
    tcg_gen_atomic_fetch_smax_i64, tcg_gen_atomic_fetch_smin_i64,
    tcg_gen_atomic_fetch_umax_i64, tcg_gen_atomic_fetch_umin_i64,
};

/* LD<op>, ST<op>, SWP and LDAPR (C4.1.88 "Atomic memory operations"; v8.1 LSE). */
static bool trans_atomic(DisasContext *s, uint32_t insn)
{
    unsigned size = extract32(insn, 30, 2), rs = extract32(insn, 16, 5);
    unsigned opc = extract32(insn, 12, 3), rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    bool acquire = extract32(insn, 23, 1), release = extract32(insn, 22, 1);
    bool o3 = extract32(insn, 15, 1);
    AtomicFetchFn *fetch_op;
    TCGv_i64 old, val;

    if (!has_atomics(s)) {
        return false;
    }
    if (o3) {
        if (opc == 4 && acquire && !release && rs == 31) {
            gen_load_acquire(s, size, rn, rt);      /* LDAPR */
            return true;
        }
        if (opc != 0) {
            return false;
        }
        fetch_op = tcg_gen_atomic_fetch_xchg_i64;   /* SWP */
    } else {
        fetch_op = lse_fetch_ops[opc];
    }
    if (release) {
        tcg_gen_mb(MO_RELEASE);
    }
    old = tcg_temp_ebb_new_i64();
    val = cpu_reg(s, rs);
    if (!o3 && opc == 1) {
        TCGv_i64 inverted = tcg_temp_ebb_new_i64();

        tcg_gen_not_i64(inverted, val);
        val = inverted;
    }
    fetch_op(old, cpu_reg_sp(s, rn), val, s->mmu_idx, ldst_memop(s, size, false) | MO_ALIGN);
    if (acquire) {
        tcg_gen_mb(MO_ACQUIRE);
    }
    a64_write_reg(s, rt, old, true);
    return true;
}

/* ---- SIMD&FP registers (V = 1) ---- */

/*
 * size:opc of a V = 1 single-register access (C4.1.88): B, H, S, D by
 * size with opc 0x; Q is size 00 with opc 1x. false: unallocated.
 */
static bool fp_ldst_kind(uint32_t insn, unsigned *size, bool *load)
{
    unsigned sz = extract32(insn, 30, 2), opc = extract32(insn, 22, 2);

    if (opc & 2) {
        if (sz != 0) {
            return false;
        }
        sz = 4;
    }
    *size = sz;
    *load = opc & 1;
    return true;
}

/* The 16 bytes of a Q access at addr as (lo, hi) register halves: see the top of the file. */
static void gen_fp_ld_q(DisasContext *s, TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 addr)
{
    TCGv_i64 addr2 = tcg_temp_ebb_new_i64();
    MemOp mop = ldst_memop(s, MO_64, false);

    tcg_gen_addi_i64(addr2, addr, 8);
    tcg_gen_guest_ld_i64(s->be_data ? hi : lo, addr, s->mmu_idx, mop);
    tcg_gen_guest_ld_i64(s->be_data ? lo : hi, addr2, s->mmu_idx, mop);
}

/* Loads V<rt>'s new value into temps (lo, and hi for Q; else hi is unused), not the register. */
static void gen_fp_ld(DisasContext *s, TCGv_i64 lo, TCGv_i64 hi, TCGv_i64 addr, unsigned size)
{
    if (size == 4) {
        gen_fp_ld_q(s, lo, hi, addr);
    } else {
        tcg_gen_guest_ld_i64(lo, addr, s->mmu_idx, ldst_memop(s, size, false));
    }
}

/* V<rt> = the value gen_fp_ld loaded (B/H/S/D zero-extended to 128 bits). */
static void gen_fp_writeback_reg(DisasContext *s, unsigned rt, TCGv_i64 lo, TCGv_i64 hi,
                                 unsigned size)
{
    if (size == 4) {
        tcg_gen_st_i64(lo, tcg_env, vreg_element_offset(rt, 0, MO_64));
        tcg_gen_st_i64(hi, tcg_env, vreg_element_offset(rt, 1, MO_64));
    } else {
        write_fp_dreg(s, rt, lo);
    }
}

/* Stores the low (1 << size) bytes of V<rt> at addr. */
static void gen_fp_st(DisasContext *s, unsigned rt, TCGv_i64 addr, unsigned size)
{
    TCGv_i64 lo = tcg_temp_ebb_new_i64();

    tcg_gen_ld_i64(lo, tcg_env, vreg_element_offset(rt, 0, MO_64));
    if (size == 4) {
        TCGv_i64 hi = tcg_temp_ebb_new_i64(), addr2 = tcg_temp_ebb_new_i64();
        MemOp mop = ldst_memop(s, MO_64, false);

        tcg_gen_ld_i64(hi, tcg_env, vreg_element_offset(rt, 1, MO_64));
        tcg_gen_addi_i64(addr2, addr, 8);
        tcg_gen_guest_st_i64(s->be_data ? hi : lo, addr, s->mmu_idx, mop);
        tcg_gen_guest_st_i64(s->be_data ? lo : hi, addr2, s->mmu_idx, mop);
    } else {
        tcg_gen_guest_st_i64(lo, addr, s->mmu_idx, ldst_memop(s, size, false));
    }
}

/*
 * One SIMD&FP register at addr (a TB temp when s->align_check: see
 * gen_addr_checked), then the base writeback (base = addr + post_offset)
 * when wback: after the access, so a fault leaves the base unchanged.
 */
static void do_fp_ldst(DisasContext *s, unsigned rt, TCGv_i64 addr, unsigned size, bool load,
                       TCGv_i64 wback_base, int64_t post_offset)
{
    gen_check_align_if(s, addr, 1u << size, !load, s->mmu_idx);
    if (load) {
        TCGv_i64 lo = tcg_temp_ebb_new_i64(), hi = size == 4 ? tcg_temp_ebb_new_i64() : NULL;

        gen_fp_ld(s, lo, hi, addr, size);
        if (wback_base) {
            tcg_gen_addi_i64(wback_base, addr, post_offset);
        }
        gen_fp_writeback_reg(s, rt, lo, hi, size);
    } else {
        gen_fp_st(s, rt, addr, size);
        if (wback_base) {
            tcg_gen_addi_i64(wback_base, addr, post_offset);
        }
    }
}

/* LDR/STR (immediate, SIMD&FP), unsigned offset: imm12 scaled (C7.2.176, C7.2.315). */
static bool trans_fp_ldst_uimm(DisasContext *s, uint32_t insn)
{
    unsigned size, rn = extract32(insn, 5, 5);
    bool load;
    TCGv_i64 addr;

    if (!fp_ldst_kind(insn, &size, &load)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    addr = gen_addr_checked(cpu_reg_sp(s, rn), (int64_t)extract32(insn, 10, 12) << size,
                            s->align_check);
    do_fp_ldst(s, extract32(insn, 0, 5), addr, size, load, NULL, 0);
    return true;
}

/* LDUR/STUR (SIMD&FP), post-index, pre-index: imm9 unscaled; bits 11:10 = 10 (LDTR) unallocated. */
static bool trans_fp_ldst_imm9(DisasContext *s, uint32_t insn)
{
    unsigned size, rn = extract32(insn, 5, 5), idx = extract32(insn, 10, 2);
    int64_t imm = sextract32(insn, 12, 9);
    bool load, post = idx == 1, wback = idx & 1;
    TCGv_i64 base = cpu_reg_sp(s, rn), addr;

    if (idx == 2 || !fp_ldst_kind(insn, &size, &load)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    addr = gen_addr_checked(base, post ? 0 : imm, s->align_check);
    do_fp_ldst(s, extract32(insn, 0, 5), addr, size, load, wback ? base : NULL, post ? imm : 0);
    return true;
}

/* LDR/STR (register, SIMD&FP): Rm extended and optionally scaled by the size (C7.2.178). */
static bool trans_fp_ldst_reg(DisasContext *s, uint32_t insn)
{
    unsigned size, option = extract32(insn, 13, 3), rm = extract32(insn, 16, 5);
    bool load;
    TCGv_i64 offset, addr;

    if (!(option & 2) || !fp_ldst_kind(insn, &size, &load)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    offset = tcg_temp_ebb_new_i64();
    switch (option) {
    case 2:     /* UXTW */
        tcg_gen_ext32u_i64(offset, cpu_reg(s, rm));
        break;
    case 6:     /* SXTW */
        tcg_gen_ext32s_i64(offset, cpu_reg(s, rm));
        break;
    default:    /* LSL (UXTX), SXTX */
        tcg_gen_mov_i64(offset, cpu_reg(s, rm));
        break;
    }
    if (extract32(insn, 12, 1)) {
        tcg_gen_shli_i64(offset, offset, size);
    }
    addr = s->align_check ? tcg_temp_new_i64() : tcg_temp_ebb_new_i64();
    tcg_gen_add_i64(addr, cpu_reg_sp(s, extract32(insn, 5, 5)), offset);
    do_fp_ldst(s, extract32(insn, 0, 5), addr, size, load, NULL, 0);
    return true;
}

/* LDR (literal, SIMD&FP): S, D, Q at PC + imm19 * 4 (C7.2.177); opc 11 unallocated. */
static bool trans_fp_ld_literal(DisasContext *s, uint32_t insn)
{
    unsigned opc = extract32(insn, 30, 2);
    TCGv_i64 addr;

    if (opc == 3) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    addr = gen_addr_checked(tcg_constant_i64(s->pc_curr), sextract32(insn, 5, 19) * 4LL,
                            s->align_check);
    do_fp_ldst(s, extract32(insn, 0, 5), addr, opc + 2, true, NULL, 0);
    return true;
}

/*
 * LDP/STP/LDNP/STNP (SIMD&FP): S, D, Q pairs; offset, pre- and post-index
 * (C7.2.167, C7.2.313). The four halves of a Q pair load into temps first.
 */
static bool trans_fp_ldst_pair(DisasContext *s, uint32_t insn)
{
    unsigned opc = extract32(insn, 30, 2), idx = extract32(insn, 23, 2);
    bool load = extract32(insn, 22, 1);
    unsigned rt2 = extract32(insn, 10, 5), rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    unsigned size = opc + 2;
    int64_t offset = sextract32(insn, 15, 7) * (1LL << size);
    bool wback = idx == 1 || idx == 3, post = idx == 1;
    TCGv_i64 base = cpu_reg_sp(s, rn), addr, addr2;

    if (opc == 3) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    addr = gen_addr_checked(base, post ? 0 : offset, s->align_check);
    gen_check_align_if(s, addr, 1u << size, !load, s->mmu_idx);
    addr2 = tcg_temp_ebb_new_i64();
    tcg_gen_addi_i64(addr2, addr, 1 << size);
    if (load) {
        TCGv_i64 lo1 = tcg_temp_ebb_new_i64(), hi1 = size == 4 ? tcg_temp_ebb_new_i64() : NULL;
        TCGv_i64 lo2 = tcg_temp_ebb_new_i64(), hi2 = size == 4 ? tcg_temp_ebb_new_i64() : NULL;

        gen_fp_ld(s, lo1, hi1, addr, size);
        gen_fp_ld(s, lo2, hi2, addr2, size);
        if (wback) {
            tcg_gen_addi_i64(base, addr, post ? offset : 0);
        }
        /* Rt == Rt2 (CONSTRAINED UNPREDICTABLE): Rt2's value, like the integer pair. */
        gen_fp_writeback_reg(s, rt, lo1, hi1, size);
        gen_fp_writeback_reg(s, rt2, lo2, hi2, size);
    } else {
        gen_fp_st(s, rt, addr, size);
        gen_fp_st(s, rt2, addr2, size);
        if (wback) {
            tcg_gen_addi_i64(base, addr, post ? offset : 0);
        }
    }
    return true;
}

const A64Pattern a64_ldst_patterns[] = {
    { "Load/store exclusive, ordered, CAS", "xx_001000_x_x_x_xxxxx_x_xxxxx_xxxxx_xxxxx",
      trans_ldst_excl },
    { "Load register (literal)",        "xx_011_0_00_xxxxxxxxxxxxxxxxxxx_xxxxx", trans_ld_literal },
    { "Load/store pair",                "xx_101_0_0_xx_x_xxxxxxx_xxxxx_xxxxx_xxxxx", trans_ldst_pair },
    { "Load/store (unsigned immediate)", "xx_111_0_01_xx_xxxxxxxxxxxx_xxxxx_xxxxx", trans_ldst_uimm },
    { "Load/store (imm9)",              "xx_111_0_00_xx_0_xxxxxxxxx_xx_xxxxx_xxxxx", trans_ldst_imm9 },
    { "Load/store (register offset)",   "xx_111_0_00_xx_1_xxxxx_xxx_x_10_xxxxx_xxxxx", trans_ldst_reg },
    { "Atomic memory operations",       "xx_111_0_00_xx_1_xxxxx_x_xxx_00_xxxxx_xxxxx", trans_atomic },
    { "Load register (literal), SIMD&FP", "xx_011_1_00_xxxxxxxxxxxxxxxxxxx_xxxxx",
      trans_fp_ld_literal },
    { "Load/store pair, SIMD&FP",       "xx_101_1_0_xx_x_xxxxxxx_xxxxx_xxxxx_xxxxx",
      trans_fp_ldst_pair },
    { "Load/store (unsigned immediate), SIMD&FP", "xx_111_1_01_xx_xxxxxxxxxxxx_xxxxx_xxxxx",
      trans_fp_ldst_uimm },
    { "Load/store (imm9), SIMD&FP",     "xx_111_1_00_xx_0_xxxxxxxxx_xx_xxxxx_xxxxx",
      trans_fp_ldst_imm9 },
    { "Load/store (register offset), SIMD&FP", "xx_111_1_00_xx_1_xxxxx_xxx_x_10_xxxxx_xxxxx",
      trans_fp_ldst_reg },
    A64_PATTERNS_END,
};
