/*
 * What every A64 translator file shares: the disassembly context, the
 * register accessors, and the pattern tables the decoder is built from.
 *
 * Decoding is data: each instruction-class file (translate-a64-*.c, named
 * after the ARM ARM's encoding groups, C4.1) exports a table of patterns,
 * one line per encoding,
 *
 *     { "ADD (immediate)", "z00100010siiiiiiiiiiiinnnnnddddd", trans_ADD_imm },
 *
 * where 0 and 1 are fixed bits and any other letter is a field the handler
 * extracts (underscores and spaces may separate groups). At start-up the
 * tables become one list per top-level group (bits 28:25), in table order;
 * the first pattern that matches and whose handler returns true decodes the
 * instruction. A handler returns false for an unallocated sub-encoding,
 * which becomes UNDEFINED.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_TRANSLATE_H
#define TARGET_ARM_TRANSLATE_H

#include "target/arm/cpu.h"
#include "accel/tcg/translator.h"
#include "util/bitops.h"

typedef struct ARMGlobals {
    TCGv_i64 x[32];             /* X0..X30; x[31] is SP */
    TCGv_i64 pc;
    TCGv_i32 NF, ZF, CF, VF;
} ARMGlobals;

typedef enum DisasJumpType {
    DISAS_NEXT,                 /* go on with the next instruction */
    DISAS_TOO_MANY,             /* the TB is full: continue at pc_next */
    DISAS_JUMP,                 /* pc global holds the target: look it up */
    DISAS_EXIT,                 /* pc global set; state changed: back to the exec loop */
    DISAS_NORETURN,             /* an exception was raised */
    DISAS_CHAINED,              /* the handler ended the TB itself (goto_tb) */
} DisasJumpType;

typedef struct DisasContext {
    CPUState *cpu;
    ARMCPU *arm;
    TranslationBlock *tb;
    ARMGlobals *g;
    uint64_t pc_curr;           /* this instruction */
    uint64_t pc_next;
    DisasJumpType is_jmp;
    unsigned current_el;
    unsigned mmu_idx;           /* for data accesses */
    bool fp_enabled;
    bool align_check;           /* SCTLR.A */
    bool be_data;
    bool semihosting;
} DisasContext;

typedef bool A64TransFn(DisasContext *s, uint32_t insn);

typedef struct A64Pattern {
    const char *name;           /* the ARM ARM's name for the encoding */
    const char *bits;           /* bit 31 first; see the top of this file */
    A64TransFn *trans;
} A64Pattern;

#define A64_PATTERNS_END { NULL, NULL, NULL }

/* The tables, one per instruction-class file (translate-a64-*.c). */
extern const A64Pattern a64_dp_imm_patterns[];
extern const A64Pattern a64_dp_reg_patterns[];
extern const A64Pattern a64_ldst_patterns[];
extern const A64Pattern a64_branch_sys_patterns[];
extern const A64Pattern a64_fp_patterns[];
extern const A64Pattern a64_simd_fp_patterns[];
extern const A64Pattern a64_simd_ldst_patterns[];
extern const A64Pattern a64_simd_perm_patterns[];
extern const A64Pattern a64_simd_int_patterns[];
extern const A64Pattern a64_simd_shift_patterns[];
extern const A64Pattern a64_simd_wide_patterns[];
extern const A64Pattern a64_crypto_patterns[];
extern const A64Pattern a64_system_patterns[];

/* Register operands: for reg 31, cpu_reg is XZR (reads 0, writes vanish), cpu_reg_sp is SP. */
TCGv_i64 cpu_reg(DisasContext *s, unsigned reg);
TCGv_i64 cpu_reg_sp(DisasContext *s, unsigned reg);
/* Writes a result: sf=0 zero-extends 32 bits (ARM ARM C1.2.4: writes to Wn clear the top half). */
void a64_write_reg(DisasContext *s, unsigned reg, TCGv_i64 val, bool sf);

/*
 * FP/AdvSIMD registers. V<n> is env->vregs[n]; element i of size
 * (1 << size) bytes sits at byte i << size of it (the host is little-endian,
 * like the architecture's element numbering). Every write of a scalar or a
 * 64-bit vector clears the bits above it (the ARM ARM's V[] pseudocode
 * zero-extends every write to the register width).
 */
static inline intptr_t vreg_offset(unsigned reg)
{
    return offsetof(CPUARMState, vregs[reg]);
}

static inline intptr_t vreg_element_offset(unsigned reg, unsigned element, MemOp size)
{
    return vreg_offset(reg) + ((intptr_t)element << (size & MO_SIZE));
}

/* The FP/AdvSIMD trap (CPACR_EL1.FPEN, EC 0x07): false when raised; the handler returns true. */
bool fp_access_check(DisasContext *s);
/* dest = element of V<reg>, zero- or (MO_SIGN) sign-extended to 64 bits. */
void read_vec_element(DisasContext *s, TCGv_i64 dest, unsigned reg, unsigned element, MemOp memop);
void read_vec_element_i32(DisasContext *s, TCGv_i32 dest, unsigned reg, unsigned element,
                          MemOp memop);
/* Stores the low bits of src into an element; the rest of V<reg> is unchanged. */
void write_vec_element(DisasContext *s, TCGv_i64 src, unsigned reg, unsigned element, MemOp size);
void write_vec_element_i32(DisasContext *s, TCGv_i32 src, unsigned reg, unsigned element,
                           MemOp size);
/* Zeroes V<reg>[127:64] unless is_q: the end of every 64-bit vector write. */
void clear_vec_high(DisasContext *s, bool is_q, unsigned reg);
/* Scalar FP registers: reads of D/S/H; writes zero everything above the value. */
TCGv_i64 read_fp_dreg(DisasContext *s, unsigned reg);
TCGv_i32 read_fp_sreg(DisasContext *s, unsigned reg);
TCGv_i32 read_fp_hreg(DisasContext *s, unsigned reg);
void write_fp_dreg(DisasContext *s, unsigned reg, TCGv_i64 val);
void write_fp_sreg(DisasContext *s, unsigned reg, TCGv_i32 val);   /* zero-extended */
void write_fp_hreg(DisasContext *s, unsigned reg, TCGv_i32 val);   /* low 16 bits, zero-extended */

/* Raises excp with syndrome at this instruction (ELR = this insn), ends the TB. */
void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome, unsigned target_el);
/* The same with ELR = the next instruction (SVC, HVC, SMC). */
void gen_exception_insn_next(DisasContext *s, int excp, uint32_t syndrome, unsigned target_el);
/* UNDEFINED: raise the undefined-instruction exception. */
void unallocated_encoding(DisasContext *s);
/* The EL an exception from the current EL is taken to (at least EL1). */
unsigned default_exception_el(DisasContext *s);

/* Ends the TB with a jump to dest (chained when it can be). */
void gen_goto_tb(DisasContext *s, unsigned n, uint64_t dest);

/* NZCV from a 64- or 32-bit result and from additions/subtractions. */
void gen_logic_cc(DisasContext *s, TCGv_i64 result, bool sf);
void gen_add_cc(DisasContext *s, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b, bool sf);
/* dest = a + b + C (ADCS; SBCS with b inverted). */
void gen_adc_cc(DisasContext *s, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b, bool sf);
void gen_sub_cc(DisasContext *s, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b, bool sf);
/* An A64 condition as a comparison of value with 0 (TCG_COND_ALWAYS for AL/NV). */
typedef struct ARMCondCompare {
    TCGCond cond;
    TCGv_i32 value;
} ARMCondCompare;
void gen_cond_compare(DisasContext *s, unsigned cond, ARMCondCompare *c);
/* Branches to label when the A64 condition (ARM ARM C1.2.4, cond field) holds. */
void gen_cond_branch(DisasContext *s, unsigned cond, TCGLabel *label);
/* A 0/1 i64 value of the condition. */
void gen_cond_value(DisasContext *s, unsigned cond, TCGv_i64 result);

/* ESR_ELx syndromes (ARM ARM D17.2.37). */
#define ARM_EC_UNCATEGORIZED 0x00
#define ARM_EC_WFX           0x01
#define ARM_EC_ILLEGAL_STATE 0x0e
#define ARM_EC_SVC64         0x15
#define ARM_EC_HVC64         0x16
#define ARM_EC_SMC64         0x17
#define ARM_EC_SYSTEMREG     0x18
#define ARM_EC_INSN_ABORT_LOWER 0x20
#define ARM_EC_INSN_ABORT    0x21
#define ARM_EC_PC_ALIGN      0x22
#define ARM_EC_DATA_ABORT_LOWER 0x24
#define ARM_EC_DATA_ABORT    0x25
#define ARM_EC_SP_ALIGN      0x26
#define ARM_EC_FP_ACCESS     0x07
#define ARM_EC_BRK           0x3c

static inline uint32_t syn_make(unsigned ec, uint32_t iss)
{
    return (uint32_t)ec << 26 | 1u << 25 | (iss & 0x1ffffff);  /* IL = 1: 32-bit insn */
}

static inline uint32_t syn_uncategorized(void)
{
    return syn_make(ARM_EC_UNCATEGORIZED, 0);
}

#endif
