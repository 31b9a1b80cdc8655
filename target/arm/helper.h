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
void helper_wfi(void *env);

/* semihosting.c */
void helper_semihosting(void *env);

extern const TCGHelperInfo helper_info_exception;
extern const TCGHelperInfo helper_info_exception_return;
extern const TCGHelperInfo helper_info_wfi;
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

static inline void gen_helper_wfi(void)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };

    tcg_gen_call(&helper_info_wfi, NULL, args);
}

static inline void gen_helper_semihosting(void)
{
    TCGTemp *args[] = { tcgv_ptr_temp(tcg_env) };

    tcg_gen_call(&helper_info_semihosting, NULL, args);
}

#endif
