/*
 * FPCR and FPSR (ARM ARM C5.2.7, C5.2.8) and their link to the fpu/
 * library's FloatStatus.
 *
 * FP helpers read their controls from env->fp_status and OR their
 * exceptions into its flags, so an FP instruction never decodes FPCR or
 * packs FPSR; the packing happens here, on the rare MRS/MSR of these two
 * registers (and for gdb).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "util/bitops.h"

/* FPCR bits this implementation keeps: AHP, DN, FZ, RMode, FZ16 (the trap enables are RAZ). */
#define FPCR_KEPT   (FPCR_AHP | FPCR_DN | FPCR_FZ | 3u << FPCR_RMODE_SHIFT | FPCR_FZ16)
/* FPSR: QC and the cumulative flags IDC, IXC, UFC, OFC, DZC, IOC. */
#define FPSR_FLAGS  0x9fu
#define FPSR_IDC    (1u << 7)

/* FPCR.RMode (C5.2.7): RN, RP, RM, RZ. */
static const FloatRoundMode rmode_of_fpcr[4] = {
    FLOAT_ROUND_NEAREST_EVEN, FLOAT_ROUND_UP, FLOAT_ROUND_DOWN, FLOAT_ROUND_TO_ZERO,
};

void arm_fpcr_write(CPUARMState *env, uint64_t value)
{
    FloatRoundMode rmode = rmode_of_fpcr[extract32(value, FPCR_RMODE_SHIFT, 2)];
    bool dn = value & FPCR_DN;

    env->fpcr = value & FPCR_KEPT;
    env->fp_status.rounding_mode = rmode;
    env->fp_status.flush_to_zero = value & FPCR_FZ;
    env->fp_status.flush_inputs_to_zero = value & FPCR_FZ;
    env->fp_status.default_nan_mode = dn;
    env->fp_status_f16.rounding_mode = rmode;
    env->fp_status_f16.flush_to_zero = value & FPCR_FZ16;
    env->fp_status_f16.flush_inputs_to_zero = value & FPCR_FZ16;
    env->fp_status_f16.default_nan_mode = dn;
}

uint64_t arm_fpsr_read(CPUARMState *env)
{
    unsigned flags = env->fp_status.flags | env->fp_status_f16.flags;
    uint64_t fpsr = env->fpsr & FPSR_QC;

    /* IOC..IXC are the FLOAT_FLAG_* bits 0..4 in the same order. */
    fpsr |= flags & 0x1f;
    if (flags & FLOAT_FLAG_INPUT_DENORMAL) {
        fpsr |= FPSR_IDC;
    }
    return fpsr;
}

void arm_fpsr_write(CPUARMState *env, uint64_t value)
{
    unsigned flags = value & 0x1f;

    if (value & FPSR_IDC) {
        flags |= FLOAT_FLAG_INPUT_DENORMAL;
    }
    env->fpsr = value & FPSR_QC;
    env->fp_status.flags = flags;
    env->fp_status_f16.flags = 0;
}
