/*
 * What the A64 load/store translators share (translate-a64-ldst.c defines
 * them; translate-a64-simd-ldst.c uses them too), so every access gets its
 * byte order and SCTLR_ELx.A check the same way.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_TRANSLATE_A64_LDST_H
#define TARGET_ARM_TRANSLATE_A64_LDST_H

#include "target/arm/translate.h"

/* The MemOp of a (1 << size)-byte data access in the current data byte order. */
MemOp ldst_memop(DisasContext *s, unsigned size, bool sign);
/*
 * When SCTLR_ELx.A is set: the alignment fault unless addr is a multiple
 * of bytes. The check branches, which ends the EBB: addr must be a TB temp
 * or a global, and EBB temps made before it are dead after it.
 */
void gen_check_align_if(DisasContext *s, TCGv_i64 addr, unsigned bytes, bool is_store,
                        unsigned mmu_idx);

#endif
