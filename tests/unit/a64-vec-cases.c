/*
 * The shared AdvSIMD table runner: see a64-vec-cases.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-vec-cases.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/tb.h"

const VecInputs vec_inputs[] = {
    [IN_AB] = { { 0x5555aaaa5555aaaa, 0x3333cccc3333cccc }, { 0x0123456789abcdef, 0xfedcba9876543210 },
                { 0x80007fff7fff8000, 0x7f80ff0100ff807f } },
    [IN_BB] = { { 0x5555aaaa5555aaaa, 0x3333cccc3333cccc }, { 0x80007fff7fff8000, 0x7f80ff0100ff807f },
                { 0x80007fff7fff8000, 0x7f80ff0100ff807f } },
    [IN_CC] = { { 0x7fffffff7fffffff, 0x8000000000000001 }, { 0x8000000080000000, 0x7fffffff80000000 },
                { 0x8000000080000000, 0x7fffffff80000000 } },
    [IN_BA] = { { 0x7fffffff7fffffff, 0x8000000000000001 }, { 0x80007fff7fff8000, 0x7f80ff0100ff807f },
                { 0x0123456789abcdef, 0xfedcba9876543210 } },
    /* Floating point: single (pi, -2, 2^31, 1 + 2^-23), double (pi, -2^31 - ulp), integers. */
    [IN_FS] = { { 0x5555aaaa5555aaaa, 0x3333cccc3333cccc }, { 0x40490fdbc0000000, 0x4f0000003f800001 } },
    [IN_FD] = { { 0x5555aaaa5555aaaa, 0x3333cccc3333cccc }, { 0x400921fb54442d18, 0xc1e0000000000001 } },
    [IN_FI] = { { 0x5555aaaa5555aaaa, 0x3333cccc3333cccc }, { 0x8000000000000001, 0x00000001ffffffff } },
};

bool skip_without_assembler(GBytes *code)
{
    if (!code) {
        g_test_skip("aarch64-linux-gnu-as is not installed");
        return true;
    }
    return false;
}

/*
 * Assembles every case at once, then runs each alone (a fresh translation:
 * tb_flush between cases) with V0..V2 from its inputs and FPSR clear.
 */
void run_vec_cases(const char *backend, const VecCase *cases, size_t n)
{
    GString *src = g_string_new(".arch armv8-a+crypto\n");
    const uint32_t *words;
    unsigned failures = 0;
    GBytes *code;
    A64Run r;
    gsize len;

    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(src, "  %s\n", cases[i].insn);
    }
    code = a64_assemble(src->str);
    g_string_free(src, true);
    if (skip_without_assembler(code)) {
        return;
    }
    words = g_bytes_get_data(code, &len);
    g_assert_cmpuint(len, ==, 4 * n);
    a64_harness_init(&r, backend, "cortex-a57");
    for (size_t i = 0; i < n; i++) {
        const VecCase *c = &cases[i];
        const VecInputs *in = &vec_inputs[c->in];
        CPUARMState *env = &r.cpu->env;
        uint64_t fpsr;

        memcpy(env->vregs[0].d, in->d, 16);
        memcpy(env->vregs[1].d, in->n, 16);
        memcpy(env->vregs[2].d, in->m, 16);
        arm_fpsr_write(env, 0);
        a64_run_code(&r, &words[i], 1);
        fpsr = arm_fpsr_read(env);
        if (r.exception_taken || env->vregs[0].d[0] != c->want[0] ||
            env->vregs[0].d[1] != c->want[1] || fpsr != c->fpsr) {
            g_test_message("%s [inputs %u]: got %016" PRIx64 ":%016" PRIx64 " fpsr %" PRIx64
                           "%s, want %016" PRIx64 ":%016" PRIx64 " fpsr %x", c->insn, c->in,
                           env->vregs[0].d[1], env->vregs[0].d[0], fpsr,
                           r.exception_taken ? " (exception)" : "", c->want[1], c->want[0],
                           c->fpsr);
            failures++;
        }
        tb_flush();
    }
    a64_harness_destroy(&r);
    g_bytes_unref(code);
    g_assert_cmpuint(failures, ==, 0);
}

void expect_undefined(const char *backend, const char *model, const uint32_t *insns,
                             size_t n, uint32_t clear_features)
{
    A64Run r;

    a64_harness_init(&r, backend, model);
    r.cpu->features &= ~clear_features;
    for (size_t i = 0; i < n; i++) {
        CPUARMState *env = &r.cpu->env;

        g_test_message("%08x", insns[i]);
        env->vregs[0].d[0] = env->vregs[0].d[1] = 0x1111;
        pstate_write(env, PSTATE_SP | 1 << PSTATE_EL_SHIFT | PSTATE_DAIF);
        a64_run_code(&r, &insns[i], 1);
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x200);
        g_assert_cmphex(env->esr_el[1], ==, 0x02000000);
        g_assert_cmphex(env->elr_el[1], ==, A64_CODE_BASE);
        g_assert_cmphex(env->vregs[0].d[0], ==, 0x1111);
        tb_flush();
    }
    a64_harness_destroy(&r);
}

