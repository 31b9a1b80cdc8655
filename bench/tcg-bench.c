/*
 * Translator benchmark: how fast IR becomes code, and how fast that code runs.
 *
 *   translate   random programs (tests/unit/tcg-random.c) through the
 *               optimizer and each backend: IR ops per second
 *   kernels     small loops built with the builder API, run on each backend:
 *               nanoseconds per loop iteration, and native / interpreter ratio
 *   vector      a 16-byte add/compare loop (gvec ops): the native backend's
 *               SSE code against the builder's integer expansion
 *               (KOINE_TCG_FEATURES=none) and the interpreter
 *
 * Results go to stdout as a table (docs/performance.md explains them).
 * Wall-clock numbers are noisy on shared machines: for comparisons across
 * commits, run it under `valgrind --tool=callgrind` and compare instruction
 * counts, or take the best of several runs (what this program reports).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/code-buffer.h"
#include "tcg/optimize.h"
#include "tcg/tcg-backend.h"
#include "tcg/tcg-op-gvec.h"
#include "tcg/x86_64/host-features.h"
#include "tcg-random.h"

#include <math.h>

typedef struct KernelState {
    union {
        struct {
            uint64_t acc;
            uint64_t n;
            uint64_t data[64];
        };
        RandomState random;     /* the random programs' globals live here (same context) */
    };
    uint8_t vec[6][16];         /* vector registers: must not overlap those globals */
} KernelState;

typedef struct Kernel {
    const char *name;
    const char *what;
    void (*build)(TCGv_i64 acc, TCGv_i64 n);
} Kernel;

static TCGContext *ctx;

/* acc = sum of i * 3 + (i >> 2) for i in [0, n). */
static void build_arith(TCGv_i64 acc, TCGv_i64 n)
{
    TCGLabel *top = tcg_label_new(ctx), *done = tcg_label_new(ctx);
    TCGv_i64 i = tcg_temp_new_i64(), t = tcg_temp_new_i64();

    tcg_gen_movi_i64(i, 0);
    tcg_gen_set_label(top);
    tcg_gen_brcond_i64(TCG_COND_GEU, i, n, done);
    tcg_gen_muli_i64(t, i, 3);
    tcg_gen_add_i64(acc, acc, t);
    tcg_gen_shri_i64(t, i, 2);
    tcg_gen_add_i64(acc, acc, t);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_br(top);
    tcg_gen_set_label(done);
}

/* A bitwise CRC-32 (reflected, 0xedb88320) over the 64-bit counter, n rounds. */
static void build_crc(TCGv_i64 acc, TCGv_i64 n)
{
    TCGLabel *top = tcg_label_new(ctx), *done = tcg_label_new(ctx);
    TCGv_i64 i = tcg_temp_new_i64(), bit = tcg_temp_new_i64(), mask = tcg_temp_new_i64();

    tcg_gen_movi_i64(i, 0);
    tcg_gen_set_label(top);
    tcg_gen_brcond_i64(TCG_COND_GEU, i, n, done);
    tcg_gen_xor_i64(acc, acc, i);
    for (int b = 0; b < 8; b++) {
        tcg_gen_andi_i64(bit, acc, 1);
        tcg_gen_neg_i64(mask, bit);
        tcg_gen_andi_i64(mask, mask, 0xedb88320);
        tcg_gen_shri_i64(acc, acc, 1);
        tcg_gen_xor_i64(acc, acc, mask);
    }
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_br(top);
    tcg_gen_set_label(done);
}

/* Bit-field and compare heavy: what flag computations in frontends look like. */
static void build_flags(TCGv_i64 acc, TCGv_i64 n)
{
    TCGLabel *top = tcg_label_new(ctx), *done = tcg_label_new(ctx);
    TCGv_i64 i = tcg_temp_new_i64(), t = tcg_temp_new_i64(), c = tcg_temp_new_i64();
    TCGv_i32 w = tcg_temp_new_i32(), z = tcg_temp_new_i32();

    tcg_gen_movi_i64(i, 0);
    tcg_gen_set_label(top);
    tcg_gen_brcond_i64(TCG_COND_GEU, i, n, done);
    tcg_gen_add_i64(t, acc, i);
    tcg_gen_setcond_i64(TCG_COND_LTU, c, t, acc);            /* carry */
    tcg_gen_extract_i64(acc, t, 3, 40);
    tcg_gen_deposit_i64(acc, acc, c, 63, 1);
    tcg_gen_extrl_i64_i32(w, t);
    tcg_gen_setcondi_i32(TCG_COND_EQ, z, w, 0);                /* zero flag */
    tcg_gen_ctpop_i32(w, w);
    tcg_gen_add_i32(w, w, z);
    tcg_gen_extu_i32_i64(t, w);
    tcg_gen_add_i64(acc, acc, t);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_br(top);
    tcg_gen_set_label(done);
}

#define VEC(k) ((uint32_t)offsetof(KernelState, vec[k]))

/*
 * Per iteration, on 16-byte vectors in the state: v0 += v1 (32-bit lanes),
 * v2 = v0 >u v3 (all ones or zero), v4 -= v2 (counts lanes over the
 * threshold), v3 = v3 ^ v5; acc = the low half of v4. What a SIMD loop's
 * body (ADD, CMHI, SUB, EOR) becomes.
 */
static void build_vec16(TCGv_i64 acc, TCGv_i64 n)
{
    TCGLabel *top = tcg_label_new(ctx), *done = tcg_label_new(ctx);
    TCGv_i64 i = tcg_temp_new_i64();

    tcg_gen_movi_i64(i, 0);
    tcg_gen_set_label(top);
    tcg_gen_brcond_i64(TCG_COND_GEU, i, n, done);
    tcg_gen_gvec_add(MO_32, VEC(0), VEC(0), VEC(1), 16, 16);
    tcg_gen_gvec_cmp(TCG_COND_GTU, MO_32, VEC(2), VEC(0), VEC(3), 16, 16);
    tcg_gen_gvec_sub(MO_32, VEC(4), VEC(4), VEC(2), 16, 16);
    tcg_gen_gvec_xor(MO_64, VEC(3), VEC(3), VEC(5), 16, 16);
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_br(top);
    tcg_gen_set_label(done);
    tcg_gen_ld_i64(acc, tcg_env, VEC(4));
}

static const Kernel vec_kernel = { "vec16", "16-byte add/compare/sub/xor loop", build_vec16 };

static const Kernel kernels[] = {
    { "arith", "add/mul/shift loop", build_arith },
    { "crc32", "bitwise CRC-32, 8 rounds per iteration", build_crc },
    { "flags", "carry/zero/popcount/bit fields", build_flags },
};

static const void *translate_kernel(const Kernel *k, const TCGBackend *be)
{
    TCGv_i64 acc, n;
    size_t size;

    tcg_func_start(ctx);
    acc = tcg_temp_new_i64();
    n = tcg_temp_new_i64();
    tcg_gen_ld_i64(acc, tcg_env, offsetof(KernelState, acc));
    tcg_gen_ld_i64(n, tcg_env, offsetof(KernelState, n));
    k->build(acc, n);
    tcg_gen_st_i64(acc, tcg_env, offsetof(KernelState, acc));
    tcg_gen_exit_tb(0);
    tcg_optimize(ctx);
    return be->gen_code(ctx, &size);
}

static double best_of(int runs, double (*fn)(void *), void *arg)
{
    double best = INFINITY;

    for (int r = 0; r < runs; r++) {
        double t = fn(arg);

        best = MIN(best, t);
    }
    return best;
}

typedef struct KernelRun {
    const TCGBackend *be;
    const void *code;
    uint64_t iterations;
    uint64_t result;
} KernelRun;

static double time_kernel(void *opaque)
{
    KernelRun *run = opaque;
    KernelState st = { .acc = 1, .n = run->iterations };
    gint64 start;

    for (size_t i = 0; i < sizeof(st.vec); i++) {
        st.vec[i / 16][i % 16] = (uint8_t)(i * 37);
    }
    start = g_get_monotonic_time();

    run->be->exec(&st, run->code);
    run->result = st.acc;
    return (g_get_monotonic_time() - start) * 1000.0 / run->iterations;
}

typedef struct TranslateRun {
    const TCGBackend *be;       /* NULL: build the programs only */
    RandomGlobals *globals;
    unsigned programs;
    uint64_t ops;
} TranslateRun;

/* Microseconds for building, optimizing and compiling run->programs programs. */
static double time_translate(void *opaque)
{
    TranslateRun *run = opaque;
    gint64 start = g_get_monotonic_time();
    size_t size;

    run->ops = 0;
    for (unsigned i = 0; i < run->programs; i++) {
        tcg_func_start(ctx);
        random_program_gen(run->globals, i + 1, 48);
        run->ops += ctx->nb_ops;
        if (!run->be) {
            continue;
        }
        tcg_optimize(ctx);
        if (!run->be->gen_code(ctx, &size)) {
            code_buffer_flush();
        }
    }
    return g_get_monotonic_time() - start;
}

int main(int argc, char **argv)
{
    const TCGBackend *backends[] = { &tcg_backend_native, &tcg_backend_tci };
    RandomGlobals globals;
    uint64_t iterations = argc > 1 ? g_ascii_strtoull(argv[1], NULL, 10) : 2000000;

    if (!code_buffer_init(64 * MiB, &error_abort) ||
        !tcg_backend_native.init(&error_abort) || !tcg_backend_tci.init(&error_abort)) {
        return 1;
    }
    ctx = tcg_context_new(tcg_backend_native.env_reg);
    random_globals_init(&globals);

    printf("Translation (random programs: optimizer + backend, generator time excluded), "
           "best of 5:\n");
    TranslateRun build_only = { NULL, &globals, 5000, 0 };
    double us_build = best_of(5, time_translate, &build_only);
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        TranslateRun run = { backends[b], &globals, 5000, 0 };
        double us = best_of(5, time_translate, &run) - us_build;

        printf("  %-8s %6.1f M IR ops/s, %5.2f us per TB of %" PRIu64 " ops\n",
               backends[b]->name, run.ops / us, us / run.programs, run.ops / run.programs);
    }

    printf("\nGenerated code, %" PRIu64 " iterations, best of 5 (ns per iteration):\n",
           iterations);
    printf("  %-8s %10s %10s %8s   %s\n", "kernel", "native", "tci", "ratio", "what");
    for (size_t k = 0; k < ARRAY_SIZE(kernels); k++) {
        double ns[2];
        uint64_t result[2];

        for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
            KernelRun run = { backends[b], translate_kernel(&kernels[k], backends[b]),
                              b == 0 ? iterations : iterations / 10, 0 };

            ns[b] = best_of(5, time_kernel, &run);
            KernelRun check = { backends[b], run.code, 1000, 0 };
            time_kernel(&check);
            result[b] = check.result;
        }
        printf("  %-8s %10.2f %10.2f %7.1fx   %s%s\n", kernels[k].name, ns[0], ns[1],
               ns[1] / ns[0], kernels[k].what,
               result[0] == result[1] ? "" : "  (RESULTS DIFFER!)");
    }

    /* The same vector kernel as SSE code, as integer IR on native, and interpreted. */
    {
        static const struct { const char *name; const TCGBackend *be; unsigned features; } v[] = {
            { "native, SSE", &tcg_backend_native, HOST_ALL },
            { "native, integer expansion", &tcg_backend_native, 0 },
            { "interpreter (gvec ops)", &tcg_backend_tci, HOST_ALL },
            { "interpreter (integer expansion)", &tcg_backend_tci, 0 },
        };
        unsigned saved = tcg_native_features();
        uint64_t first = 0;

        printf("\nVector kernel %s (%s), ns per iteration, best of 5:\n", vec_kernel.name,
               vec_kernel.what);
        for (size_t i = 0; i < ARRAY_SIZE(v); i++) {
            const void *code;
            uint64_t n = v[i].be == &tcg_backend_tci ? iterations / 10 : iterations;

            tcg_native_set_features(v[i].features);
            code = translate_kernel(&vec_kernel, v[i].be);
            KernelRun run = { v[i].be, code, n, 0 };
            double ns = best_of(5, time_kernel, &run);
            KernelRun check = { v[i].be, code, 1000, 0 };

            time_kernel(&check);
            if (i == 0) {
                first = check.result;
            }
            printf("  %-34s %8.2f%s\n", v[i].name, ns,
                   check.result == first ? "" : "  (RESULTS DIFFER!)");
        }
        tcg_native_set_features(saved);
    }
    tcg_context_free(ctx);
    code_buffer_destroy();
    return 0;
}
