/*
 * fpu/ speed: ns per operation on the soft path and on the host fast path.
 *
 * The same operands run twice: once with INEXACT clear in the status before
 * every operation (fpu/ must then compute the flags itself: the soft path),
 * once with INEXACT already set (the fast path of fpu/softfloat-ops.c may
 * use the host's result). Operands are normal numbers of moderate size, so
 * results are normal too. Usage: fpu-bench [iterations]
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "fpu/softfloat.h"

#include <time.h>

enum { N_OPERANDS = 1024 };

typedef enum { B_ADD, B_MUL, B_DIV, B_SQRT, B_FMA } BenchOp;
static const char *const bench_names[] = { "add", "mul", "div", "sqrt", "muladd" };

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static uint64_t run(BenchOp op, int width, const uint64_t *x, long iters,
                    uint8_t preset, double *ns)
{
    FloatStatus s;
    uint64_t sum = 0;
    double t0;

    float_status_init_arm(&s);
    t0 = now_ns();
    for (long i = 0; i < iters; i++) {
        uint64_t a = x[i % N_OPERANDS], b = x[(i + 1) % N_OPERANDS];
        uint64_t c = x[(i + 7) % N_OPERANDS];

        s.flags = preset;
        switch (op) {
        case B_ADD:
            sum += width == 32 ? float32_add(a, b, &s) : float64_add(a, b, &s);
            break;
        case B_MUL:
            sum += width == 32 ? float32_mul(a, b, &s) : float64_mul(a, b, &s);
            break;
        case B_DIV:
            sum += width == 32 ? float32_div(a, b, &s) : float64_div(a, b, &s);
            break;
        case B_SQRT:
            sum += width == 32 ? float32_sqrt(a, &s) : float64_sqrt(a, &s);
            break;
        case B_FMA:
            sum += width == 32 ? float32_muladd(a, b, c, 0, &s)
                               : float64_muladd(a, b, c, 0, &s);
            break;
        }
    }
    *ns = (now_ns() - t0) / iters;
    return sum;
}

int main(int argc, char **argv)
{
    long iters = argc > 1 ? atol(argv[1]) : 2000000;
    uint64_t x32[N_OPERANDS], x64[N_OPERANDS], sink = 0;
    GRand *r = g_rand_new_with_seed(42);

    for (int i = 0; i < N_OPERANDS; i++) {
        /* positive normals in [2^-8, 2^8) with random fractions */
        x32[i] = (uint32_t)g_rand_int_range(r, 119, 135) << 23 | (g_rand_int(r) & 0x7fffff);
        x64[i] = (uint64_t)g_rand_int_range(r, 1015, 1031) << 52 |
                 ((uint64_t)g_rand_int(r) << 32 | g_rand_int(r)) >> 12;
    }
    g_rand_free(r);
    printf("%-12s %10s %10s\n", "op", "soft ns", "fast ns");
    for (int width = 32; width <= 64; width += 32) {
        for (BenchOp op = B_ADD; op <= B_FMA; op++) {
            double soft, fast;

            sink += run(op, width, width == 32 ? x32 : x64, iters, 0, &soft);
            sink += run(op, width, width == 32 ? x32 : x64, iters,
                        FLOAT_FLAG_INEXACT, &fast);
            printf("float%d_%-6s %10.1f %10.1f\n", width, bench_names[op], soft, fast);
        }
    }
    return sink == 42;  /* keeps the results alive */
}
