/*
 * Differential test of the translator: random well-formed IR programs
 * (tcg-random.c) run on the interpreter and on the native backend, each
 * with the optimizer off and on. The interpreter without the optimizer is
 * the oracle; every other run must leave the same CPU state, bit for bit,
 * and return the same exit value.
 *
 *   KOINE_TCG_DIFF_PROGRAMS=N   how many programs (default 20000)
 *   KOINE_TCG_DIFF_SEED=S       run only program S, and print it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/code-buffer.h"
#include "tcg/optimize.h"
#include "tcg/tcg-backend.h"
#include "tcg-random.h"

#define PROGRAM_SIZE 48

typedef struct Variant {
    const char *name;
    const TCGBackend *backend;
    bool optimize;
} Variant;

static const Variant variants[] = {
    { "tci", &tcg_backend_tci, false },         /* the oracle */
    { "tci+opt", &tcg_backend_tci, true },
    { "native", &tcg_backend_native, false },
    { "native+opt", &tcg_backend_native, true },
};

static TCGContext *ctx;
static RandomGlobals globals;

static void build(uint64_t seed, bool optimize)
{
    tcg_func_start(ctx);
    random_program_gen(&globals, seed, PROGRAM_SIZE);
    g_assert_true(tcg_verify(ctx));
    if (optimize) {
        tcg_optimize(ctx);
        g_assert_true(tcg_verify(ctx));
    }
}

static uintptr_t run(const Variant *v, uint64_t seed, RandomState *st)
{
    const void *code;
    size_t size;

    build(seed, v->optimize);
    code = v->backend->gen_code(ctx, &size);
    if (!code) {
        /* Buffer full: flush and translate again, as the exec loop will. */
        code_buffer_flush();
        build(seed, v->optimize);
        code = v->backend->gen_code(ctx, &size);
        g_assert_nonnull(code);
    }
    random_state_init(st, seed);
    return v->backend->exec(st, code);
}

static void report_mismatch(uint64_t seed, const Variant *v, const RandomState *want,
                            const RandomState *got, uintptr_t want_ret, uintptr_t got_ret)
{
    g_test_message("program %" PRIu64 ": %s differs from the interpreter "
                   "(rerun with KOINE_TCG_DIFF_SEED=%" PRIu64 ")", seed, v->name, seed);
    if (want_ret != got_ret) {
        g_test_message("  exit value %#" PRIxPTR " != %#" PRIxPTR, got_ret, want_ret);
    }
    for (int i = 0; i < RANDOM_G64; i++) {
        if (want->g64[i] != got->g64[i]) {
            g_test_message("  g%d = %#" PRIx64 ", want %#" PRIx64, i, got->g64[i], want->g64[i]);
        }
    }
    for (int i = 0; i < RANDOM_G32; i++) {
        if (want->g32[i] != got->g32[i]) {
            g_test_message("  w%d = %#" PRIx32 ", want %#" PRIx32, i, got->g32[i], want->g32[i]);
        }
    }
    if (want->helper_log != got->helper_log) {
        g_test_message("  helper_log differs");
    }
    if (memcmp(want->scratch, got->scratch, sizeof(want->scratch))) {
        g_test_message("  scratch memory differs");
    }
    build(seed, v->optimize);
    tcg_dump_ops(ctx, stderr);
}

static bool check_program(uint64_t seed)
{
    RandomState want, got;
    uintptr_t want_ret = run(&variants[0], seed, &want);

    for (size_t i = 1; i < ARRAY_SIZE(variants); i++) {
        uintptr_t got_ret = run(&variants[i], seed, &got);

        if (got_ret != want_ret || memcmp(&want, &got, sizeof(want)) != 0) {
            report_mismatch(seed, &variants[i], &want, &got, want_ret, got_ret);
            return false;
        }
    }
    return true;
}

static void test_random_programs(void)
{
    const char *only = g_getenv("KOINE_TCG_DIFF_SEED");
    const char *count_text = g_getenv("KOINE_TCG_DIFF_PROGRAMS");
    uint64_t count = count_text ? g_ascii_strtoull(count_text, NULL, 10) : 20000;
    gint64 start = g_get_monotonic_time();

    if (only) {
        uint64_t seed = g_ascii_strtoull(only, NULL, 10);

        build(seed, false);
        tcg_dump_ops(ctx, stderr);
        g_assert_true(check_program(seed));
        return;
    }
    for (uint64_t seed = 1; seed <= count; seed++) {
        if (!check_program(seed)) {
            g_test_fail();
            return;
        }
    }
    g_test_message("%" PRIu64 " programs x %zu variants agree (%.1f s)", count,
                   ARRAY_SIZE(variants), (g_get_monotonic_time() - start) / 1e6);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_assert_true(code_buffer_init(32 * MiB, &error_abort));
    g_assert_true(tcg_backend_native.init(&error_abort));
    g_assert_true(tcg_backend_tci.init(&error_abort));
    ctx = tcg_context_new(tcg_backend_native.env_reg);
    random_globals_init(&globals);
    g_test_add_func("/tcg/diff/random-programs", test_random_programs);
    ret = g_test_run();
    tcg_context_free(ctx);
    code_buffer_destroy();
    return ret;
}
