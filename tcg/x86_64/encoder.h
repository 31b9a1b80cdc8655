/*
 * x86-64 instruction encoder: prefixes, REX, VEX, ModRM/SIB, immediates.
 *
 * An opcode is an int: the low byte is the opcode byte and the P_* bits
 * above it say which prefixes and escape bytes come first. One emitter
 * (emit_opc) lays them out in the order the manual requires (legacy
 * prefixes, REX, 0x0f escapes, opcode), so the instruction helpers below
 * only pick an opcode and the ModRM form. Register numbers are hardware
 * numbers 0..15; bit 3 goes to REX.R/X/B.
 *
 * Everything is static inline: the code generator emits tens of bytes per
 * IR op and translation speed matters.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_X86_64_ENCODER_H
#define TCG_X86_64_ENCODER_H

#include "util/osdep.h"

enum {
    R_AX, R_CX, R_DX, R_BX, R_SP, R_BP, R_SI, R_DI,
    R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
};

#define P_EXT       0x100       /* 0x0f escape */
#define P_EXT38     0x200       /* 0x0f 0x38 escape */
#define P_EXT3A     0x400       /* 0x0f 0x3a escape */
#define P_DATA16    0x800       /* 0x66 operand-size prefix */
#define P_REXW      0x1000      /* 64-bit operand size */
#define P_REXB_R    0x2000      /* the reg field is a byte register */
#define P_REXB_RM   0x4000      /* the r/m field is a byte register */
#define P_SIMDF3    0x8000      /* 0xf3 prefix */
#define P_SIMDF2    0x10000     /* 0xf2 prefix */
#define P_VEXL      0x20000     /* VEX.L = 1: a 256-bit (ymm) operation (VEX forms only) */

/* ALU groups (the /digit of 0x81/0x83 and the high bits of 0x01..0x3b). */
enum { ARITH_ADD, ARITH_OR, ARITH_ADC, ARITH_SBB, ARITH_AND, ARITH_SUB, ARITH_XOR, ARITH_CMP };
/* Shift groups (the /digit of 0xc1/0xd1/0xd3). */
enum { SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_SHL = 4, SHIFT_SHR = 5, SHIFT_SAR = 7 };
/* Group 3 (0xf7). */
enum { EXT3_TEST = 0, EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4, EXT3_IMUL = 5,
       EXT3_DIV = 6, EXT3_IDIV = 7 };
/* Group 5 (0xff). */
enum { EXT5_CALL = 2, EXT5_JMP = 4 };

/* Condition codes (low nibble of jcc/setcc/cmovcc). */
enum { JCC_JO, JCC_JNO, JCC_JB, JCC_JAE, JCC_JE, JCC_JNE, JCC_JBE, JCC_JA,
       JCC_JS, JCC_JNS, JCC_JP, JCC_JNP, JCC_JL, JCC_JGE, JCC_JLE, JCC_JG };

#define OPC_ARITH_GvEv  0x03            /* add r, r/m (+ group << 3) */
#define OPC_ARITH_EvIz  0x81
#define OPC_ARITH_EvIb  0x83
#define OPC_MOVB_EvGv   0x88
#define OPC_MOVL_EvGv   0x89
#define OPC_MOVL_GvEv   0x8b
#define OPC_LEA         0x8d
#define OPC_XCHG_GvEv   0x87
#define OPC_MOVB_EvIb   0xc6
#define OPC_MOVL_EvIz   0xc7
#define OPC_MOVL_Iv     0xb8
#define OPC_MOVSLQ      (0x63 | P_REXW)
#define OPC_MOVZBL      (0xb6 | P_EXT)
#define OPC_MOVZWL      (0xb7 | P_EXT)
#define OPC_MOVSBL      (0xbe | P_EXT)
#define OPC_MOVSWL      (0xbf | P_EXT)
#define OPC_SHIFT_1     0xd1
#define OPC_SHIFT_Ib    0xc1
#define OPC_SHIFT_cl    0xd3
#define OPC_GRP3_Ev     0xf7
#define OPC_GRP3_Eb     0xf6
#define OPC_GRP5        0xff
#define OPC_IMUL_GvEv   (0xaf | P_EXT)
#define OPC_IMUL_GvEvIb 0x6b
#define OPC_IMUL_GvEvIz 0x69
#define OPC_TESTL       0x85
#define OPC_JCC_long    (0x80 | P_EXT)
#define OPC_JCC_short   0x70
#define OPC_JMP_long    0xe9
#define OPC_JMP_short   0xeb
#define OPC_CALL_Jz     0xe8
#define OPC_SETCC       (0x90 | P_EXT | P_REXB_RM)
#define OPC_CMOVCC      (0x40 | P_EXT)
#define OPC_BSWAP       (0xc8 | P_EXT)
#define OPC_BSF         (0xbc | P_EXT)
#define OPC_BSR         (0xbd | P_EXT)
#define OPC_TZCNT       (0xbc | P_EXT | P_SIMDF3)
#define OPC_LZCNT       (0xbd | P_EXT | P_SIMDF3)
#define OPC_POPCNT      (0xb8 | P_EXT | P_SIMDF3)
#define OPC_SHRD_Ib     (0xac | P_EXT)
#define OPC_CQO         0x99
#define OPC_PUSH_r      0x50
#define OPC_POP_r       0x58
#define OPC_RET         0xc3
/* VEX-encoded (BMI1/BMI2). */
#define OPC_ANDN        (0xf2 | P_EXT38)
#define OPC_SHLX        (0xf7 | P_EXT38 | P_DATA16)
#define OPC_SHRX        (0xf7 | P_EXT38 | P_SIMDF2)
#define OPC_SARX        (0xf7 | P_EXT38 | P_SIMDF3)
#define OPC_RORX        (0xf0 | P_EXT3A | P_SIMDF2)

/*
 * SSE2 .. SSE4.2 and AVX2 integer vector instructions (gvec ops,
 * codegen-vec.c). The same opcode serves the legacy form (two operands,
 * xmm) and the VEX form (three operands; with P_VEXL, ymm).
 */
#define OPC_MOVDQA      (0x6f | P_EXT | P_DATA16)       /* xmm <- xmm */
#define OPC_MOVDQU_LD   (0x6f | P_EXT | P_SIMDF3)
#define OPC_MOVDQU_ST   (0x7f | P_EXT | P_SIMDF3)
#define OPC_MOVQ_LD     (0x7e | P_EXT | P_SIMDF3)       /* xmm <- m64, upper half zeroed */
#define OPC_MOVQ_ST     (0xd6 | P_EXT | P_DATA16)
#define OPC_MOVQ_XMM_GPR (0x6e | P_EXT | P_DATA16 | P_REXW)
#define OPC_PADDB       (0xfc | P_EXT | P_DATA16)       /* w, d: +1, +2 */
#define OPC_PADDQ       (0xd4 | P_EXT | P_DATA16)
#define OPC_PSUBB       (0xf8 | P_EXT | P_DATA16)       /* w, d, q: +1, +2, +3 */
#define OPC_PADDSB      (0xec | P_EXT | P_DATA16)       /* w: +1 */
#define OPC_PSUBSB      (0xe8 | P_EXT | P_DATA16)
#define OPC_PADDUSB     (0xdc | P_EXT | P_DATA16)
#define OPC_PSUBUSB     (0xd8 | P_EXT | P_DATA16)
#define OPC_PMULLW      (0xd5 | P_EXT | P_DATA16)
#define OPC_PMULUDQ     (0xf4 | P_EXT | P_DATA16)
#define OPC_PMULLD      (0x40 | P_EXT38 | P_DATA16)     /* SSE4.1 */
#define OPC_PAND        (0xdb | P_EXT | P_DATA16)
#define OPC_PANDN       (0xdf | P_EXT | P_DATA16)       /* dst = ~dst & src */
#define OPC_POR         (0xeb | P_EXT | P_DATA16)
#define OPC_PXOR        (0xef | P_EXT | P_DATA16)
#define OPC_PCMPEQB     (0x74 | P_EXT | P_DATA16)       /* w, d: +1, +2 */
#define OPC_PCMPEQQ     (0x29 | P_EXT38 | P_DATA16)     /* SSE4.1 */
#define OPC_PCMPGTB     (0x64 | P_EXT | P_DATA16)       /* w, d: +1, +2; signed */
#define OPC_PCMPGTQ     (0x37 | P_EXT38 | P_DATA16)     /* SSE4.2 */
#define OPC_PMINUB      (0xda | P_EXT | P_DATA16)
#define OPC_PMAXUB      (0xde | P_EXT | P_DATA16)
#define OPC_PMINSW      (0xea | P_EXT | P_DATA16)
#define OPC_PMAXSW      (0xee | P_EXT | P_DATA16)
#define OPC_PMINSB      (0x38 | P_EXT38 | P_DATA16)     /* SSE4.1 from here */
#define OPC_PMINSD      (0x39 | P_EXT38 | P_DATA16)
#define OPC_PMINUW      (0x3a | P_EXT38 | P_DATA16)
#define OPC_PMINUD      (0x3b | P_EXT38 | P_DATA16)
#define OPC_PMAXSB      (0x3c | P_EXT38 | P_DATA16)
#define OPC_PMAXSD      (0x3d | P_EXT38 | P_DATA16)
#define OPC_PMAXUW      (0x3e | P_EXT38 | P_DATA16)
#define OPC_PMAXUD      (0x3f | P_EXT38 | P_DATA16)
#define OPC_PABSB       (0x1c | P_EXT38 | P_DATA16)     /* SSSE3; w, d: +1, +2 */
#define OPC_PSHIFTW_Ib  (0x71 | P_EXT | P_DATA16)       /* /2 srl, /4 sra, /6 sll */
#define OPC_PSHIFTD_Ib  (0x72 | P_EXT | P_DATA16)
#define OPC_PSHIFTQ_Ib  (0x73 | P_EXT | P_DATA16)       /* no sra */
#define OPC_PSHUFD      (0x70 | P_EXT | P_DATA16)
#define OPC_PSHUFLW     (0x70 | P_EXT | P_SIMDF2)
#define OPC_PUNPCKLBW   (0x60 | P_EXT | P_DATA16)
#define OPC_PUNPCKLDQ   (0x62 | P_EXT | P_DATA16)
#define OPC_PUNPCKLQDQ  (0x6c | P_EXT | P_DATA16)
#define OPC_VPBROADCASTQ (0x59 | P_EXT38 | P_DATA16)    /* AVX2 */
enum { PSHIFT_SRL = 2, PSHIFT_SRA = 4, PSHIFT_SLL = 6 };

typedef struct Asm {
    uint8_t *ptr;               /* next byte to write (read-write view) */
} Asm;

static inline void out8(Asm *a, uint8_t v)
{
    *a->ptr++ = v;
}

static inline void out32(Asm *a, uint32_t v)
{
    memcpy(a->ptr, &v, 4);
    a->ptr += 4;
}

static inline void out64(Asm *a, uint64_t v)
{
    memcpy(a->ptr, &v, 8);
    a->ptr += 8;
}

static inline bool fits_i8(int64_t v)
{
    return v == (int8_t)v;
}

static inline bool fits_i32(int64_t v)
{
    return v == (int32_t)v;
}

/* Prefixes, REX, escapes and the opcode byte; x is the SIB index (0 if none). */
static inline void emit_opc(Asm *a, int opc, int r, int rm, int x)
{
    int rex = 0;

    if (opc & P_DATA16) {
        out8(a, 0x66);
    }
    if (opc & P_SIMDF3) {
        out8(a, 0xf3);
    } else if (opc & P_SIMDF2) {
        out8(a, 0xf2);
    }
    rex |= (opc & P_REXW) ? 8 : 0;
    rex |= (r & 8) >> 1;
    rex |= (x & 8) >> 2;
    rex |= (rm & 8) >> 3;
    /* spl, bpl, sil, dil exist only with a REX prefix (without one they are ah..bh). */
    if (rex || ((opc & P_REXB_R) && r >= 4) || ((opc & P_REXB_RM) && rm >= 4)) {
        out8(a, 0x40 | rex);
    }
    if (opc & (P_EXT | P_EXT38 | P_EXT3A)) {
        out8(a, 0x0f);
        if (opc & P_EXT38) {
            out8(a, 0x38);
        } else if (opc & P_EXT3A) {
            out8(a, 0x3a);
        }
    }
    out8(a, opc & 0xff);
}

/* Register-direct form: op r, rm. */
static inline void emit_modrm(Asm *a, int opc, int r, int rm)
{
    emit_opc(a, opc, r, rm, 0);
    out8(a, 0xc0 | (r & 7) << 3 | (rm & 7));
}

/* The ModRM, SIB and displacement bytes of [base + index * (1 << shift) + offset]. */
static inline void emit_mem_operand(Asm *a, int r, int base, int index, int shift,
                                    int32_t offset)
{
    int mod;

    if (offset == 0 && (base & 7) != R_BP) {
        mod = 0x00;
    } else if (fits_i8(offset)) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index >= 0) {
        assert(index != R_SP);
        out8(a, mod | (r & 7) << 3 | 4);
        out8(a, shift << 6 | (index & 7) << 3 | (base & 7));
    } else if ((base & 7) == R_SP) {
        out8(a, mod | (r & 7) << 3 | 4);
        out8(a, 0x24);
    } else {
        out8(a, mod | (r & 7) << 3 | (base & 7));
    }
    if (mod == 0x40) {
        out8(a, (uint8_t)offset);
    } else if (mod == 0x80) {
        out32(a, (uint32_t)offset);
    }
}

/* Memory form [base + index * (1 << shift) + offset]; index < 0: none. */
static inline void emit_modrm_sib(Asm *a, int opc, int r, int base, int index,
                                  int shift, int32_t offset)
{
    emit_opc(a, opc, r, base, index < 0 ? 0 : index);
    emit_mem_operand(a, r, base, index, shift, offset);
}

static inline void emit_modrm_mem(Asm *a, int opc, int r, int base, int32_t offset)
{
    emit_modrm_sib(a, opc, r, base, -1, 0, offset);
}

/* The 3-byte VEX prefix and the opcode byte; x is the SIB index (0 if none). */
static inline void emit_vex_opc(Asm *a, int opc, int r, int v, int rm, int x)
{
    int map = (opc & P_EXT3A) ? 3 : (opc & P_EXT38) ? 2 : 1;
    int pp = (opc & P_DATA16) ? 1 : (opc & P_SIMDF3) ? 2 : (opc & P_SIMDF2) ? 3 : 0;

    out8(a, 0xc4);
    out8(a, (~r & 8) << 4 | (~x & 8) << 3 | (~rm & 8) << 2 | map);
    out8(a, ((opc & P_REXW) ? 0x80 : 0) | (~v & 15) << 3 | ((opc & P_VEXL) ? 4 : 0) | pp);
    out8(a, opc & 0xff);
}

/* VEX (3-byte form) register-direct: op r, v, rm (v = 0 where the instruction has none). */
static inline void emit_vex_modrm(Asm *a, int opc, int r, int v, int rm)
{
    emit_vex_opc(a, opc, r, v, rm, 0);
    out8(a, 0xc0 | (r & 7) << 3 | (rm & 7));
}

/* VEX memory form: op r, v, [base + offset]. */
static inline void emit_vex_modrm_mem(Asm *a, int opc, int r, int v, int base, int32_t offset)
{
    emit_vex_opc(a, opc, r, v, base, 0);
    emit_mem_operand(a, r, base, -1, 0, offset);
}

/* ---- Common instructions; rexw is P_REXW for 64-bit operations, else 0 ---- */

static inline void emit_mov_rr(Asm *a, int rexw, int dst, int src)
{
    if (dst != src) {
        emit_modrm(a, OPC_MOVL_GvEv | rexw, dst, src);
    }
}

/*
 * Loads a constant. flags_ok: may clobber the flags (xor for zero).
 * A 32-bit mov zero-extends, so it serves every value below 2^32.
 */
static inline void emit_movi(Asm *a, int rexw, int r, uint64_t val, bool flags_ok)
{
    if (!rexw) {
        val = (uint32_t)val;
    }
    if (val == 0 && flags_ok) {
        emit_modrm(a, (ARITH_XOR << 3) | OPC_ARITH_GvEv, r, r);
    } else if (val == (uint32_t)val) {
        emit_opc(a, OPC_MOVL_Iv + (r & 7), 0, r, 0);
        out32(a, (uint32_t)val);
    } else if (fits_i32((int64_t)val)) {
        emit_modrm(a, OPC_MOVL_EvIz | P_REXW, 0, r);
        out32(a, (uint32_t)val);
    } else {
        emit_opc(a, (OPC_MOVL_Iv + (r & 7)) | P_REXW, 0, r, 0);
        out64(a, val);
    }
}

static inline void emit_ld(Asm *a, int rexw, int r, int base, int32_t offset)
{
    emit_modrm_mem(a, OPC_MOVL_GvEv | rexw, r, base, offset);
}

static inline void emit_st(Asm *a, int rexw, int r, int base, int32_t offset)
{
    emit_modrm_mem(a, OPC_MOVL_EvGv | rexw, r, base, offset);
}

/* op r, r/m (register form) for an ALU group. */
static inline void emit_arith_rr(Asm *a, int group, int rexw, int dst, int src)
{
    emit_modrm(a, (OPC_ARITH_GvEv + (group << 3)) | rexw, dst, src);
}

/* op r, imm (sign-extended imm8 or imm32). */
static inline void emit_arith_ri(Asm *a, int group, int rexw, int r, int32_t imm)
{
    if (fits_i8(imm)) {
        emit_modrm(a, OPC_ARITH_EvIb | rexw, group, r);
        out8(a, (uint8_t)imm);
    } else if (r == R_AX) {
        /* The short accumulator form saves the ModRM byte. */
        emit_opc(a, ((group << 3) + 5) | rexw, 0, 0, 0);
        out32(a, (uint32_t)imm);
    } else {
        emit_modrm(a, OPC_ARITH_EvIz | rexw, group, r);
        out32(a, (uint32_t)imm);
    }
}

static inline void emit_shift_ri(Asm *a, int group, int rexw, int r, int count)
{
    if (count == 1) {
        emit_modrm(a, OPC_SHIFT_1 | rexw, group, r);
    } else {
        emit_modrm(a, OPC_SHIFT_Ib | rexw, group, r);
        out8(a, (uint8_t)count);
    }
}

static inline void emit_jcc_short(Asm *a, int cc, int8_t disp)
{
    out8(a, OPC_JCC_short + cc);
    out8(a, (uint8_t)disp);
}

/* Patches a rel8 displacement (at disp_ptr) to reach the current position. */
static inline void patch_rel8_here(Asm *a, uint8_t *disp_ptr)
{
    ptrdiff_t d = a->ptr - (disp_ptr + 1);

    assert(fits_i8(d));
    *disp_ptr = (uint8_t)d;
}

static inline void emit_nops(Asm *a, int n)
{
    /* Recommended multi-byte nops, longest first. */
    static const uint8_t nop3[] = { 0x0f, 0x1f, 0x00 };
    static const uint8_t nop2[] = { 0x66, 0x90 };

    while (n >= 3) {
        memcpy(a->ptr, nop3, 3);
        a->ptr += 3;
        n -= 3;
    }
    if (n == 2) {
        memcpy(a->ptr, nop2, 2);
        a->ptr += 2;
    } else if (n == 1) {
        out8(a, 0x90);
    }
}

#endif
