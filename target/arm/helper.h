/*
 * Helpers generated A64 code calls, and the gen_helper_* functions that
 * emit the calls. Each helper's TCGHelperInfo (its flags say what it may
 * touch) is defined next to the helper.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_HELPER_H
#define TARGET_ARM_HELPER_H

#include "tcg/tcg-op.h"

/* helper.c */
KOINE_NORETURN void helper_exception(void *env, uint32_t excp, uint32_t syndrome,
                                     uint32_t target_el);
void helper_exception_return(void *env);
/* WFI/WFE (is_wfe) with their EL1/EL2/EL3 traps; HVC/SMC #imm (routing, PSCI). */
void helper_wfx(void *env, uint32_t is_wfe);
void helper_hvc_smc(void *env, uint32_t is_smc, uint32_t imm);

/* semihosting.c */
void helper_semihosting(void *env);

extern const TCGHelperInfo helper_info_exception;
extern const TCGHelperInfo helper_info_exception_return;
extern const TCGHelperInfo helper_info_wfx;
extern const TCGHelperInfo helper_info_hvc_smc;
extern const TCGHelperInfo helper_info_semihosting;

static inline void gen_helper_exception(TCGv_i32 excp, TCGv_i32 syndrome, TCGv_i32 target_el)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(excp),
                        tcgv_i32_temp(syndrome), tcgv_i32_temp(target_el) };

    tcg_gen_call(&helper_info_exception, NULL, args);
}

static inline void gen_helper_exception_return(void)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };

    tcg_gen_call(&helper_info_exception_return, NULL, args);
}

static inline void gen_helper_wfx(TCGv_i32 is_wfe)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(is_wfe) };

    tcg_gen_call(&helper_info_wfx, NULL, args);
}

static inline void gen_helper_hvc_smc(TCGv_i32 is_smc, TCGv_i32 imm)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(is_smc), tcgv_i32_temp(imm) };

    tcg_gen_call(&helper_info_hvc_smc, NULL, args);
}

static inline void gen_helper_semihosting(void)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };

    tcg_gen_call(&helper_info_semihosting, NULL, args);
}

#endif
