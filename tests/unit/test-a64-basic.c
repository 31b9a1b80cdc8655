/*
 * The AArch64 frontend skeleton: a few instructions of each kind the
 * skeleton implements, on both backends, through the A64 harness.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-harness.h"
#include "accel/tcg/tcg-accel.h"

static void test_mov_add_branch(gconstpointer backend)
{
    A64Run r;
    GBytes *code;

    a64_harness_init(&r, backend, "cortex-a57");
    code = a64_assemble(
        "  movz x0, #0x1234, lsl #16\n"
        "  movk x0, #0x5678\n"
        "  mov x1, #0\n"
        "  mov x2, #10\n"
        "1: add x1, x1, #3\n"
        "  subs x2, x2, #1\n"
        "  b.ne 1b\n"
        "  adr x3, .\n"
        "  bl 2f\n"
        "  b 3f\n"
        "2: add x4, x4, #1\n"
        "  ret\n"
        "3: cbz x5, 4f\n"
        "  mov x6, #1\n"
        "4: tbnz x0, #3, 5f\n"
        "  mov x7, #1\n"
        "5: nop\n");
    if (!code) {
        g_test_skip("aarch64-linux-gnu-as is not installed");
        a64_harness_destroy(&r);
        return;
    }
    a64_run_bytes(&r, code);
    g_assert_false(r.exception_taken);
    g_assert_cmphex(r.cpu->env.xregs[0], ==, 0x12345678);
    g_assert_cmpuint(r.cpu->env.xregs[1], ==, 30);
    g_assert_cmpuint(r.cpu->env.xregs[2], ==, 0);
    g_assert_cmphex(r.cpu->env.xregs[3], ==, A64_CODE_BASE + 7 * 4);
    g_assert_cmpuint(r.cpu->env.xregs[4], ==, 1);
    g_assert_cmpuint(r.cpu->env.xregs[6], ==, 0);      /* cbz x5 taken */
    g_assert_cmpuint(r.cpu->env.xregs[7], ==, 0);      /* bit 3 of 0x12345678 is set: taken */
    g_bytes_unref(code);
    a64_harness_destroy(&r);
}

static void test_svc_and_undef(gconstpointer backend)
{
    static const uint32_t svc[] = { 0xd4000021 /* svc #1 */ };
    static const uint32_t undef[] = { 0x00000000 /* udf #0 */ };
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    a64_run_code(&r, svc, ARRAY_SIZE(svc));
    g_assert_true(r.exception_taken);
    g_assert_cmphex(r.vector_offset, ==, 0x200);       /* current EL, SP_ELx, synchronous */
    g_assert_cmphex(r.cpu->env.esr_el[1], ==, 0x56000001);
    g_assert_cmphex(r.cpu->env.elr_el[1], ==, A64_CODE_BASE + 4);
    a64_harness_destroy(&r);

    a64_harness_init(&r, backend, "cortex-a57");
    a64_run_code(&r, undef, ARRAY_SIZE(undef));
    g_assert_true(r.exception_taken);
    g_assert_cmphex(r.cpu->env.esr_el[1], ==, 0x02000000);
    g_assert_cmphex(r.cpu->env.elr_el[1], ==, A64_CODE_BASE);
    a64_harness_destroy(&r);
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    for (size_t i = 0; i < ARRAY_SIZE(backends); i++) {
        char *a = g_strdup_printf("/a64/%s/mov-add-branch", backends[i]);
        char *b = g_strdup_printf("/a64/%s/svc-and-undef", backends[i]);

        g_test_add_data_func(a, backends[i], test_mov_add_branch);
        g_test_add_data_func(b, backends[i], test_svc_and_undef);
        g_free(a);
        g_free(b);
    }
    return g_test_run();
}
