/*
 * IEEE 754 arithmetic in software: see fpu/softfloat.h.
 * (placeholder: being written)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "fpu/softfloat.h"

void float_status_init_arm(FloatStatus *s)
{
    *s = (FloatStatus) {
        .rounding_mode = FLOAT_ROUND_NEAREST_EVEN,
        .tininess_before_rounding = true,
        .nan_rule = FLOAT_NAN_ARM,
    };
}

void float_status_init_x86_sse(FloatStatus *s)
{
    *s = (FloatStatus) {
        .rounding_mode = FLOAT_ROUND_NEAREST_EVEN,
        .default_nan_negative = true,
        .nan_rule = FLOAT_NAN_X86_SSE,
    };
}
