/*
 * The A64 translator: the decoder built from the instruction-class tables,
 * the translation loop, and what handlers share (registers, flags,
 * conditions, exceptions, jumps). See target/arm/translate.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/helper.h"
#include "target/arm/internal.h"

/* ---- The decoder ---- */

typedef struct A64Decoder {
    uint32_t mask, value;
    A64TransFn *trans;
    const char *name;
} A64Decoder;

/* Per top-level group (bits 28:25, ARM ARM C4.1): the patterns that can match. */
static GArray *decoders[16];
static GOnce decoder_once = G_ONCE_INIT;

static void compile_pattern(const A64Pattern *p, A64Decoder *d)
{
    unsigned bit = 32;

    d->mask = d->value = 0;
    for (const char *c = p->bits; *c; c++) {
        if (*c == '_' || *c == ' ') {
            continue;
        }
        assert(bit > 0);
        bit--;
        if (*c == '0' || *c == '1') {
            d->mask |= 1u << bit;
            d->value |= (uint32_t)(*c - '0') << bit;
        }
    }
    /* A pattern that is not 32 bits long is a typo in a table. */
    assert(bit == 0);
    d->trans = p->trans;
    d->name = p->name;
}

static gpointer build_decoders(gpointer unused)
{
    static const A64Pattern *const tables[] = {
        a64_dp_imm_patterns, a64_branch_sys_patterns, a64_ldst_patterns,
        a64_dp_reg_patterns, a64_system_patterns,
        a64_fp_patterns, a64_simd_fp_patterns, a64_simd_ldst_patterns, a64_simd_perm_patterns,
        a64_simd_int_patterns, a64_simd_shift_patterns, a64_simd_wide_patterns,
        a64_crypto_patterns,
    };

    for (unsigned op0 = 0; op0 < 16; op0++) {
        decoders[op0] = g_array_new(false, false, sizeof(A64Decoder));
    }
    for (size_t t = 0; t < ARRAY_SIZE(tables); t++) {
        for (const A64Pattern *p = tables[t]; p->name; p++) {
            A64Decoder d;

            compile_pattern(p, &d);
            for (uint32_t op0 = 0; op0 < 16; op0++) {
                uint32_t bits = op0 << 25;

                if ((bits & d.mask & (0xfu << 25)) == (d.value & (0xfu << 25))) {
                    g_array_append_val(decoders[op0], d);
                }
            }
        }
    }
    return NULL;
}

static bool a64_decode(DisasContext *s, uint32_t insn)
{
    GArray *list = decoders[extract32(insn, 25, 4)];

    for (guint i = 0; i < list->len; i++) {
        const A64Decoder *d = &g_array_index(list, A64Decoder, i);

        if ((insn & d->mask) == d->value && d->trans(s, insn)) {
            return true;
        }
    }
    return false;
}

/* ---- Registers ---- */

TCGv_i64 cpu_reg(DisasContext *s, unsigned reg)
{
    if (reg == 31) {
        TCGv_i64 zr = tcg_temp_ebb_new_i64();

        tcg_gen_movi_i64(zr, 0);
        return zr;
    }
    return s->g->x[reg];
}

TCGv_i64 cpu_reg_sp(DisasContext *s, unsigned reg)
{
    return s->g->x[reg];
}

void a64_write_reg(DisasContext *s, unsigned reg, TCGv_i64 val, bool sf)
{
    if (reg == 31) {
        return;
    }
    if (sf) {
        tcg_gen_mov_i64(s->g->x[reg], val);
    } else {
        tcg_gen_ext32u_i64(s->g->x[reg], val);
    }
}

/* ---- Exceptions and jumps ---- */

unsigned default_exception_el(DisasContext *s)
{
    return s->current_el ? s->current_el : 1;
}

static void gen_raise(DisasContext *s, uint64_t pc, int excp, uint32_t syndrome,
                      unsigned target_el)
{
    tcg_gen_movi_i64(s->g->pc, pc);
    gen_helper_exception(tcg_constant_i32(excp), tcg_constant_i32(syndrome),
                         tcg_constant_i32(target_el));
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome, unsigned target_el)
{
    gen_raise(s, s->pc_curr, excp, syndrome, target_el);
}

void gen_exception_insn_next(DisasContext *s, int excp, uint32_t syndrome, unsigned target_el)
{
    gen_raise(s, s->pc_next, excp, syndrome, target_el);
}

void unallocated_encoding(DisasContext *s)
{
    gen_exception_insn(s, EXCP_UDEF, syn_uncategorized(), default_exception_el(s));
}

void gen_goto_tb(DisasContext *s, unsigned n, uint64_t dest)
{
    tcg_gen_movi_i64(s->g->pc, dest);
    if (translator_use_goto_tb(s->tb, dest)) {
        translator_goto_tb(s->tb, n);
    } else {
        translator_goto_pc_same_state(s->tb, dest);
    }
    s->is_jmp = DISAS_CHAINED;
}

/* ---- Flags ---- */

void gen_logic_cc(DisasContext *s, TCGv_i64 result, bool sf)
{
    ARMGlobals *g = s->g;

    if (sf) {
        tcg_gen_extrh_i64_i32(g->NF, result);
        tcg_gen_extrl_i64_i32(g->ZF, result);
        tcg_gen_or_i32(g->ZF, g->ZF, g->NF);
    } else {
        tcg_gen_extrl_i64_i32(g->NF, result);
        tcg_gen_mov_i32(g->ZF, g->NF);
    }
    tcg_gen_movi_i32(g->CF, 0);
    tcg_gen_movi_i32(g->VF, 0);
}

/*
 * dest = a + b (+ C when with_carry) with NZCV (ARM ARM J1: AddWithCarry),
 * for 64 or 32 bits: the one flag computation ADDS, CMN, ADCS and SBCS share.
 */
static void gen_add_flags(DisasContext *s, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b,
                          bool with_carry, bool sf)
{
    ARMGlobals *g = s->g;

    if (sf) {
        TCGv_i64 res = tcg_temp_ebb_new_i64(), carry = tcg_temp_ebb_new_i64();
        TCGv_i64 zero = tcg_constant_i64(0), v = tcg_temp_ebb_new_i64();
        TCGv_i64 t = tcg_temp_ebb_new_i64();

        if (with_carry) {
            TCGv_i64 c = tcg_temp_ebb_new_i64(), part = tcg_temp_ebb_new_i64();
            TCGv_i64 part_carry = tcg_temp_ebb_new_i64();

            tcg_gen_extu_i32_i64(c, g->CF);
            tcg_gen_add2_i64(part, part_carry, a, zero, c, zero);
            tcg_gen_add2_i64(res, carry, part, part_carry, b, zero);
        } else {
            tcg_gen_add2_i64(res, carry, a, zero, b, zero);
        }
        tcg_gen_extrl_i64_i32(g->CF, carry);
        tcg_gen_xor_i64(v, res, a);
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_andc_i64(v, v, t);
        tcg_gen_extrh_i64_i32(g->VF, v);
        tcg_gen_extrh_i64_i32(g->NF, res);
        tcg_gen_extrl_i64_i32(g->ZF, res);
        tcg_gen_or_i32(g->ZF, g->ZF, g->NF);
        tcg_gen_mov_i64(dest, res);
    } else {
        TCGv_i32 a32 = tcg_temp_ebb_new_i32(), b32 = tcg_temp_ebb_new_i32();
        TCGv_i32 zero = tcg_constant_i32(0), t = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(a32, a);
        tcg_gen_extrl_i64_i32(b32, b);
        if (with_carry) {
            TCGv_i32 part = tcg_temp_ebb_new_i32(), part_carry = tcg_temp_ebb_new_i32();

            /* CF is read here before the second add overwrites it. */
            tcg_gen_add2_i32(part, part_carry, a32, zero, g->CF, zero);
            tcg_gen_add2_i32(g->NF, g->CF, part, part_carry, b32, zero);
        } else {
            tcg_gen_add2_i32(g->NF, g->CF, a32, zero, b32, zero);
        }
        tcg_gen_mov_i32(g->ZF, g->NF);
        tcg_gen_xor_i32(g->VF, g->NF, a32);
        tcg_gen_xor_i32(t, a32, b32);
        tcg_gen_andc_i32(g->VF, g->VF, t);
        tcg_gen_extu_i32_i64(dest, g->NF);
    }
}

void gen_add_cc(DisasContext *s, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b, bool sf)
{
    gen_add_flags(s, dest, a, b, false, sf);
}

void gen_adc_cc(DisasContext *s, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b, bool sf)
{
    gen_add_flags(s, dest, a, b, true, sf);
}

/* NZCV of dest = a - b: C is "no borrow" (a >= b unsigned). */
void gen_sub_cc(DisasContext *s, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b, bool sf)
{
    ARMGlobals *g = s->g;

    if (sf) {
        TCGv_i64 res = tcg_temp_ebb_new_i64(), v = tcg_temp_ebb_new_i64();
        TCGv_i64 t = tcg_temp_ebb_new_i64(), c = tcg_temp_ebb_new_i64();

        tcg_gen_sub_i64(res, a, b);
        tcg_gen_setcond_i64(TCG_COND_GEU, c, a, b);
        tcg_gen_extrl_i64_i32(g->CF, c);
        tcg_gen_xor_i64(v, res, a);
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_and_i64(v, v, t);
        tcg_gen_extrh_i64_i32(g->VF, v);
        tcg_gen_extrh_i64_i32(g->NF, res);
        tcg_gen_extrl_i64_i32(g->ZF, res);
        tcg_gen_or_i32(g->ZF, g->ZF, g->NF);
        tcg_gen_mov_i64(dest, res);
    } else {
        TCGv_i32 a32 = tcg_temp_ebb_new_i32(), b32 = tcg_temp_ebb_new_i32();
        TCGv_i32 t = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(a32, a);
        tcg_gen_extrl_i64_i32(b32, b);
        tcg_gen_sub_i32(g->NF, a32, b32);
        tcg_gen_mov_i32(g->ZF, g->NF);
        tcg_gen_setcond_i32(TCG_COND_GEU, g->CF, a32, b32);
        tcg_gen_xor_i32(g->VF, g->NF, a32);
        tcg_gen_xor_i32(t, a32, b32);
        tcg_gen_and_i32(g->VF, g->VF, t);
        tcg_gen_extu_i32_i64(dest, g->NF);
    }
}

/*
 * The condition (ARM ARM C1.2.4, "ConditionHolds") as "value cmp 0", so a
 * branch is one compare of a flag word (B.NE: ZF != 0) instead of a 0/1
 * value computed and then tested. NZCV's representation (cpu.h) makes the
 * single-flag conditions a compare of their word; the others combine two
 * words into one whose sign or zeroness is the answer.
 */
void gen_cond_compare(DisasContext *s, unsigned cond, ARMCondCompare *c)
{
    ARMGlobals *g = s->g;
    TCGv_i32 t;
    bool invert = cond & 1;

    switch (cond >> 1) {
    case 0:     /* EQ: Z, that is ZF == 0 */
        c->cond = TCG_COND_EQ;
        c->value = g->ZF;
        break;
    case 1:     /* CS: C */
        c->cond = TCG_COND_NE;
        c->value = g->CF;
        break;
    case 2:     /* MI: N */
        c->cond = TCG_COND_LT;
        c->value = g->NF;
        break;
    case 3:     /* VS: V */
        c->cond = TCG_COND_LT;
        c->value = g->VF;
        break;
    case 4:     /* HI: C && !Z: -CF (all ones when C) & ZF (non-zero when !Z) */
        t = tcg_temp_ebb_new_i32();
        tcg_gen_neg_i32(t, g->CF);
        tcg_gen_and_i32(t, t, g->ZF);
        c->cond = TCG_COND_NE;
        c->value = t;
        break;
    case 5:     /* GE: N == V, the sign of NF ^ VF clear */
        t = tcg_temp_ebb_new_i32();
        tcg_gen_xor_i32(t, g->NF, g->VF);
        c->cond = TCG_COND_GE;
        c->value = t;
        break;
    case 6:     /* GT: !Z && N == V: ZF with every bit cleared when N != V */
        t = tcg_temp_ebb_new_i32();
        tcg_gen_xor_i32(t, g->NF, g->VF);
        tcg_gen_sari_i32(t, t, 31);
        tcg_gen_andc_i32(t, g->ZF, t);
        c->cond = TCG_COND_NE;
        c->value = t;
        break;
    default:    /* AL, NV: always */
        c->cond = TCG_COND_ALWAYS;
        c->value = g->ZF;
        invert = false;
        break;
    }
    if (invert) {
        c->cond = tcg_invert_cond(c->cond);
    }
}

void gen_cond_branch(DisasContext *s, unsigned cond, TCGLabel *label)
{
    ARMCondCompare c;

    gen_cond_compare(s, cond, &c);
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_br(label);
    } else {
        tcg_gen_brcondi_i32(c.cond, c.value, 0, label);
    }
}

void gen_cond_value(DisasContext *s, unsigned cond, TCGv_i64 result)
{
    ARMCondCompare c;

    gen_cond_compare(s, cond, &c);
    if (c.cond == TCG_COND_ALWAYS) {
        tcg_gen_movi_i64(result, 1);
    } else {
        TCGv_i32 t = tcg_temp_ebb_new_i32();

        tcg_gen_setcondi_i32(c.cond, t, c.value, 0);
        tcg_gen_extu_i32_i64(result, t);
    }
}

/* ---- The translation loop ---- */

void arm_translate(CPUState *cpu, TranslationBlock *tb, unsigned max_insns)
{
    DisasContext s = {
        .cpu = cpu,
        .arm = arm_cpu(cpu),
        .tb = tb,
        .g = tcg_ctx->target_globals,
        .is_jmp = DISAS_NEXT,
        .current_el = extract32(tb->flags, ARM_TBFLAG_EL_SHIFT, 2),
        .mmu_idx = extract32(tb->flags, ARM_TBFLAG_MMUIDX_SHIFT, 4),
        .fp_enabled = tb->flags & ARM_TBFLAG_FPEN,
        .align_check = tb->flags & ARM_TBFLAG_ALIGN,
        .be_data = tb->flags & ARM_TBFLAG_BE_DATA,
        .semihosting = tb->flags & ARM_TBFLAG_SEMIHOST,
    };
    uint64_t pc = tb->pc;
    unsigned n = 0;

    g_once(&decoder_once, build_decoders, NULL);
    translator_tb_start(tb);
    for (;;) {
        uint32_t insn;

        s.pc_curr = pc;
        s.pc_next = pc + 4;
        if (pc & 3) {
            /*
             * A branch to a misaligned address: the PC alignment fault, with
             * FAR = PC (ARM ARM D1.10.3). The word is still read, so the TB
             * covers a page like any other.
             */
            translator_ld(cpu, tb, pc & ~(uint64_t)3, MO_LEUL);
            tcg_gen_insn_start(pc, 0, 0);
            translator_insn_end(tb, s.pc_next);
            tcg_gen_st_i64(tcg_constant_i64(pc), tcg_env,
                           offsetof(CPUARMState, exception.vaddress));
            gen_exception_insn(&s, EXCP_PREFETCH_ABORT, syn_make(ARM_EC_PC_ALIGN, 0),
                               default_exception_el(&s));
            break;
        }
        insn = translator_ld(cpu, tb, pc, MO_LEUL);
        tcg_gen_insn_start(pc, 0, 0);
        translator_insn_end(tb, s.pc_next);
        if (!a64_decode(&s, insn)) {
            unallocated_encoding(&s);
        }
        pc = s.pc_next;
        n++;
        if (s.is_jmp != DISAS_NEXT) {
            break;
        }
        /* Stop at the limit, and before a new page (it may not be mapped). */
        if (n >= max_insns || !translator_same_page(tb, pc)) {
            s.is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    switch (s.is_jmp) {
    case DISAS_TOO_MANY:
        gen_goto_tb(&s, 0, pc);
        break;
    case DISAS_JUMP:
        /* BR, BLR, RET: only the PC changed. */
        translator_goto_ptr_same_state(tb, s.g->pc);
        break;
    case DISAS_EXIT:
        translator_exit_tb();
        break;
    default:
        break;
    }
    translator_tb_end(tb);
}

void arm_init_globals(TCGContext *s)
{
    static const char *const xnames[32] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
        "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22",
        "x23", "x24", "x25", "x26", "x27", "x28", "x29", "lr", "sp",
    };
    ARMGlobals *g = g_new0(ARMGlobals, 1);

    for (int i = 0; i < 32; i++) {
        g->x[i] = tcg_global_mem_new_i64(s->env, offsetof(CPUARMState, xregs[i]), xnames[i]);
    }
    g->pc = tcg_global_mem_new_i64(s->env, offsetof(CPUARMState, pc), "pc");
    g->NF = tcg_global_mem_new_i32(s->env, offsetof(CPUARMState, NF), "NF");
    g->ZF = tcg_global_mem_new_i32(s->env, offsetof(CPUARMState, ZF), "ZF");
    g->CF = tcg_global_mem_new_i32(s->env, offsetof(CPUARMState, CF), "CF");
    g->VF = tcg_global_mem_new_i32(s->env, offsetof(CPUARMState, VF), "VF");
    s->target_globals = g;
}

/* ---- FP/AdvSIMD registers ---- */

bool fp_access_check(DisasContext *s)
{
    if (s->fp_enabled) {
        return true;
    }
    /* ARM ARM D17.2.37: EC 0x07 with ISS 0 for AArch64 FP/SIMD traps. */
    gen_exception_insn(s, EXCP_UDEF, syn_make(ARM_EC_FP_ACCESS, 0), default_exception_el(s));
    return false;
}

void read_vec_element(DisasContext *s, TCGv_i64 dest, unsigned reg, unsigned element, MemOp memop)
{
    intptr_t ofs = vreg_element_offset(reg, element, memop);

    switch (memop & (MO_SIZE | MO_SIGN)) {
    case MO_8:
        tcg_gen_ld8u_i64(dest, tcg_env, ofs);
        break;
    case MO_8 | MO_SIGN:
        tcg_gen_ld8s_i64(dest, tcg_env, ofs);
        break;
    case MO_16:
        tcg_gen_ld16u_i64(dest, tcg_env, ofs);
        break;
    case MO_16 | MO_SIGN:
        tcg_gen_ld16s_i64(dest, tcg_env, ofs);
        break;
    case MO_32:
        tcg_gen_ld32u_i64(dest, tcg_env, ofs);
        break;
    case MO_32 | MO_SIGN:
        tcg_gen_ld32s_i64(dest, tcg_env, ofs);
        break;
    default:
        tcg_gen_ld_i64(dest, tcg_env, ofs);
        break;
    }
}

void read_vec_element_i32(DisasContext *s, TCGv_i32 dest, unsigned reg, unsigned element,
                          MemOp memop)
{
    intptr_t ofs = vreg_element_offset(reg, element, memop);

    switch (memop & (MO_SIZE | MO_SIGN)) {
    case MO_8:
        tcg_gen_ld8u_i32(dest, tcg_env, ofs);
        break;
    case MO_8 | MO_SIGN:
        tcg_gen_ld8s_i32(dest, tcg_env, ofs);
        break;
    case MO_16:
        tcg_gen_ld16u_i32(dest, tcg_env, ofs);
        break;
    case MO_16 | MO_SIGN:
        tcg_gen_ld16s_i32(dest, tcg_env, ofs);
        break;
    default:
        assert((memop & MO_SIZE) == MO_32);
        tcg_gen_ld_i32(dest, tcg_env, ofs);
        break;
    }
}

void write_vec_element(DisasContext *s, TCGv_i64 src, unsigned reg, unsigned element, MemOp size)
{
    intptr_t ofs = vreg_element_offset(reg, element, size);

    switch (size & MO_SIZE) {
    case MO_8:
        tcg_gen_st8_i64(src, tcg_env, ofs);
        break;
    case MO_16:
        tcg_gen_st16_i64(src, tcg_env, ofs);
        break;
    case MO_32:
        tcg_gen_st32_i64(src, tcg_env, ofs);
        break;
    default:
        tcg_gen_st_i64(src, tcg_env, ofs);
        break;
    }
}

void write_vec_element_i32(DisasContext *s, TCGv_i32 src, unsigned reg, unsigned element,
                           MemOp size)
{
    intptr_t ofs = vreg_element_offset(reg, element, size);

    switch (size & MO_SIZE) {
    case MO_8:
        tcg_gen_st8_i32(src, tcg_env, ofs);
        break;
    case MO_16:
        tcg_gen_st16_i32(src, tcg_env, ofs);
        break;
    default:
        assert((size & MO_SIZE) == MO_32);
        tcg_gen_st_i32(src, tcg_env, ofs);
        break;
    }
}

void clear_vec_high(DisasContext *s, bool is_q, unsigned reg)
{
    if (!is_q) {
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, vreg_element_offset(reg, 1, MO_64));
    }
}

TCGv_i64 read_fp_dreg(DisasContext *s, unsigned reg)
{
    TCGv_i64 v = tcg_temp_ebb_new_i64();

    tcg_gen_ld_i64(v, tcg_env, vreg_offset(reg));
    return v;
}

TCGv_i32 read_fp_sreg(DisasContext *s, unsigned reg)
{
    TCGv_i32 v = tcg_temp_ebb_new_i32();

    tcg_gen_ld_i32(v, tcg_env, vreg_offset(reg));
    return v;
}

TCGv_i32 read_fp_hreg(DisasContext *s, unsigned reg)
{
    TCGv_i32 v = tcg_temp_ebb_new_i32();

    tcg_gen_ld16u_i32(v, tcg_env, vreg_offset(reg));
    return v;
}

void write_fp_dreg(DisasContext *s, unsigned reg, TCGv_i64 val)
{
    tcg_gen_st_i64(val, tcg_env, vreg_offset(reg));
    clear_vec_high(s, false, reg);
}

void write_fp_sreg(DisasContext *s, unsigned reg, TCGv_i32 val)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();

    tcg_gen_extu_i32_i64(t, val);
    write_fp_dreg(s, reg, t);
}

void write_fp_hreg(DisasContext *s, unsigned reg, TCGv_i32 val)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();

    tcg_gen_extu_i32_i64(t, val);
    tcg_gen_ext16u_i64(t, t);
    write_fp_dreg(s, reg, t);
}
