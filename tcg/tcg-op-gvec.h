/*
 * Vector operations on guest vector registers held in the CPU state
 * ("gvec"): the builder API the SIMD frontends (AArch64 AdvSIMD, x86 SSE)
 * emit into.
 *
 * Operands are byte offsets from env (dofs: destination; aofs, bofs,
 * cofs: sources) of 8-byte aligned vectors. oprsz is the number of bytes
 * operated on (8, 16 or 32); maxsz >= oprsz is the size of the
 * destination register, whose bytes from oprsz to maxsz are zeroed (AArch64:
 * an operation on the 64-bit half of Vd clears the upper half, so oprsz 8,
 * maxsz 16). vece is the element size as a MemOp size: MO_8, MO_16, MO_32,
 * MO_64. Source and destination may overlap only when equal.
 *
 * The operations are IR ops on memory (they never live in temps), so the
 * register allocator need not know vector registers. The native backend
 * expands them into SSE2/SSE4.1/AVX2 instructions where the host has them
 * (KOINE_TCG_FEATURES may turn them off); the builder expands them into
 * 64-bit integer ops otherwise, and the interpreter runs them through
 * tcg/eval.h like every other op. See docs/devel/tcg-vector.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_OP_GVEC_H
#define TCG_TCG_OP_GVEC_H

#include "tcg/tcg-op.h"
#include "tcg/memop.h"

/* d = a (whole vectors), and zeroing: bytes [oprsz, maxsz) of d. */
void tcg_gen_gvec_mov(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz, uint32_t maxsz);
/* Every element of d = the low bits of val / imm / the element at aofs. */
void tcg_gen_gvec_dup_i64(unsigned vece, uint32_t dofs, uint32_t oprsz, uint32_t maxsz,
                          TCGv_i64 val);
void tcg_gen_gvec_dup_imm(unsigned vece, uint32_t dofs, uint32_t oprsz, uint32_t maxsz,
                          uint64_t imm);
void tcg_gen_gvec_dup_mem(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                          uint32_t maxsz);

/* Lane-wise d = a OP b (modular). */
void tcg_gen_gvec_add(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                      uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_sub(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                      uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_mul(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                      uint32_t oprsz, uint32_t maxsz);
/* Saturating: s signed, u unsigned. */
void tcg_gen_gvec_ssadd(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                        uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_sssub(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                        uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_usadd(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                        uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_ussub(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                        uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_smin(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                       uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_smax(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                       uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_umin(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                       uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_umax(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                       uint32_t oprsz, uint32_t maxsz);
/* Bitwise (vece does not matter; pass MO_64). */
void tcg_gen_gvec_and(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                      uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_or(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                     uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_xor(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                      uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_andc(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                       uint32_t oprsz, uint32_t maxsz);     /* a & ~b */
void tcg_gen_gvec_orc(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                      uint32_t oprsz, uint32_t maxsz);      /* a | ~b */
/* Bitwise select: d = (a & b) | (~a & c), a is the selector (AArch64 BSL/BIT/BIF). */
void tcg_gen_gvec_bitsel(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                         uint32_t cofs, uint32_t oprsz, uint32_t maxsz);

/* Lane-wise d = OP a. */
void tcg_gen_gvec_neg(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                      uint32_t maxsz);
void tcg_gen_gvec_abs(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                      uint32_t maxsz);
void tcg_gen_gvec_not(unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t oprsz,
                      uint32_t maxsz);

/* Shifts of every lane by an immediate, 0 <= shift < element bits. */
void tcg_gen_gvec_shli(unsigned vece, uint32_t dofs, uint32_t aofs, unsigned shift,
                       uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_shri(unsigned vece, uint32_t dofs, uint32_t aofs, unsigned shift,
                       uint32_t oprsz, uint32_t maxsz);
void tcg_gen_gvec_sari(unsigned vece, uint32_t dofs, uint32_t aofs, unsigned shift,
                       uint32_t oprsz, uint32_t maxsz);

/*
 * Lane-wise compare: d lane = all ones when a COND b holds, else 0 (EQ, NE, LT, LE, GT, GE,
 * LTU, LEU, GTU, GEU; also TSTEQ/TSTNE, (a & b) == 0 / != 0, and NEVER/ALWAYS).
 */
void tcg_gen_gvec_cmp(TCGCond cond, unsigned vece, uint32_t dofs, uint32_t aofs, uint32_t bofs,
                      uint32_t oprsz, uint32_t maxsz);

#endif
