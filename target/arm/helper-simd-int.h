/*
 * Helpers of the AdvSIMD integer same-width instructions
 * (translate-a64-simd-int.c), and the one emitter that calls them.
 *
 * Every helper works on whole vector registers: it takes env and a
 * constant "desc" (simd_int_desc below) naming the registers, the element
 * size, Q and whether this is the scalar form, and addresses
 * env->vregs[] directly. They touch no TCG globals (X registers, PC,
 * NZCV), only vector registers and FPSR.QC, hence TCG_CALL_NO_RWG.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_SIMD_INT_H
#define TARGET_ARM_HELPER_SIMD_INT_H

#include "tcg/tcg-op.h"

/*
 * desc: Rd, Rn, Rm, size (element size as MO_8..MO_64), Q (128-bit
 * vector; for narrowing and SHLL: the upper half), scalar (one element,
 * the rest of Vd zeroed).
 */
static inline uint32_t simd_int_desc(unsigned rd, unsigned rn, unsigned rm, unsigned size,
                                     bool q, bool scalar)
{
    return rd | rn << 5 | rm << 10 | size << 15 | (uint32_t)q << 17 | (uint32_t)scalar << 18;
}

/* Three same (ARM ARM C4.1.96.18, scalar C4.1.96.11): Vd = Vn OP Vm, lane-wise. */
extern const TCGHelperInfo helper_info_simd_int_shadd, helper_info_simd_int_uhadd;
extern const TCGHelperInfo helper_info_simd_int_srhadd, helper_info_simd_int_urhadd;
extern const TCGHelperInfo helper_info_simd_int_shsub, helper_info_simd_int_uhsub;
extern const TCGHelperInfo helper_info_simd_int_sqadd, helper_info_simd_int_uqadd;
extern const TCGHelperInfo helper_info_simd_int_sqsub, helper_info_simd_int_uqsub;
extern const TCGHelperInfo helper_info_simd_int_cmtst;
extern const TCGHelperInfo helper_info_simd_int_sshl, helper_info_simd_int_ushl;
extern const TCGHelperInfo helper_info_simd_int_srshl, helper_info_simd_int_urshl;
extern const TCGHelperInfo helper_info_simd_int_sqshl, helper_info_simd_int_uqshl;
extern const TCGHelperInfo helper_info_simd_int_sqrshl, helper_info_simd_int_uqrshl;
extern const TCGHelperInfo helper_info_simd_int_sabd, helper_info_simd_int_uabd;
extern const TCGHelperInfo helper_info_simd_int_saba, helper_info_simd_int_uaba;
extern const TCGHelperInfo helper_info_simd_int_mla, helper_info_simd_int_mls;
extern const TCGHelperInfo helper_info_simd_int_pmul;
extern const TCGHelperInfo helper_info_simd_int_sqdmulh, helper_info_simd_int_sqrdmulh;

/* Pairwise: the lower half of the result from pairs of Vn, the upper half from Vm. */
extern const TCGHelperInfo helper_info_simd_int_addp;
extern const TCGHelperInfo helper_info_simd_int_smaxp, helper_info_simd_int_umaxp;
extern const TCGHelperInfo helper_info_simd_int_sminp, helper_info_simd_int_uminp;

/* Two-register miscellaneous (C4.1.96.22, scalar C4.1.96.13): Vd = OP Vn (and Vd: accumulates). */
extern const TCGHelperInfo helper_info_simd_int_rev64, helper_info_simd_int_rev32;
extern const TCGHelperInfo helper_info_simd_int_rev16;
extern const TCGHelperInfo helper_info_simd_int_saddlp, helper_info_simd_int_uaddlp;
extern const TCGHelperInfo helper_info_simd_int_sadalp, helper_info_simd_int_uadalp;
extern const TCGHelperInfo helper_info_simd_int_suqadd, helper_info_simd_int_usqadd;
extern const TCGHelperInfo helper_info_simd_int_cls, helper_info_simd_int_clz;
extern const TCGHelperInfo helper_info_simd_int_cnt, helper_info_simd_int_rbit;
extern const TCGHelperInfo helper_info_simd_int_sqabs, helper_info_simd_int_sqneg;
extern const TCGHelperInfo helper_info_simd_int_cmgt0, helper_info_simd_int_cmge0;
extern const TCGHelperInfo helper_info_simd_int_cmeq0, helper_info_simd_int_cmle0;
extern const TCGHelperInfo helper_info_simd_int_cmlt0;
extern const TCGHelperInfo helper_info_simd_int_urecpe, helper_info_simd_int_ursqrte;
/* Narrowing (size: the result's element size) and SHLL (size: the source's). */
extern const TCGHelperInfo helper_info_simd_int_xtn, helper_info_simd_int_sqxtun;
extern const TCGHelperInfo helper_info_simd_int_sqxtn, helper_info_simd_int_uqxtn;
extern const TCGHelperInfo helper_info_simd_int_shll;

/* Across lanes (C4.1.96.4): a scalar in Vd from all lanes of Vn. */
extern const TCGHelperInfo helper_info_simd_int_addv;
extern const TCGHelperInfo helper_info_simd_int_saddlv, helper_info_simd_int_uaddlv;
extern const TCGHelperInfo helper_info_simd_int_smaxv, helper_info_simd_int_umaxv;
extern const TCGHelperInfo helper_info_simd_int_sminv, helper_info_simd_int_uminv;

/* Emits a call of one of the helpers above. */
static inline void gen_helper_simd_int(const TCGHelperInfo *info, uint32_t desc)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(desc)) };

    tcg_gen_call(info, NULL, args);
}

#endif
