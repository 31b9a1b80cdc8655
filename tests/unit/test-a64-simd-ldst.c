/*
 * A64 SIMD&FP register loads/stores (target/arm/translate-a64-ldst.c,
 * V = 1) and AdvSIMD structure loads/stores (translate-a64-simd-ldst.c)
 * on both backends through the A64 harness.
 *
 * Memory holds byte i = i at A64_DATA_BASE, so an expected register value
 * reads off the addresses; expected values are hand-computed from the ARM
 * ARM pseudocode (C7.2). The structure forms are checked twice: a few
 * hand-written memory images and register values, and every (opcode,
 * size, Q, lane, post-index) combination against a byte-level model
 * written straight from the ARM ARM's LD1/LD1 (single structure)
 * pseudocode (model_multiple, model_single below). The instruction words
 * of that sweep come from this file's encoder, which is itself checked
 * against the GNU assembler (test "encoder").
 *
 * Faults: the harness RAM ends at A64_RAM_BASE + A64_RAM_SIZE, where
 * nothing is mapped: a Q access 8 bytes before the end takes a data abort
 * (synchronous external abort) on its second half.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/bswap.h"
#include "a64-harness.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/tb.h"

#define DATA_OFF (A64_DATA_BASE - A64_RAM_BASE)
#define BASE A64_DATA_BASE
#define RAM_END (A64_RAM_BASE + A64_RAM_SIZE)
#define SENTINEL 0x5a5a5a5a5a5a5a5aULL

#define ESR_DABT(dfsc, wnr) (0x96000000u | (dfsc) | ((wnr) ? 0x40u : 0))
#define ESR_UNDEF 0x02000000u
#define ESR_FP_TRAP 0x1e000000u

typedef struct Ctx {
    A64Run r;
    uint8_t *mem;
} Ctx;

static CPUARMState *env_of(Ctx *c)
{
    return &c->r.cpu->env;
}

static void ctx_init(Ctx *c, gconstpointer backend)
{
    a64_harness_init(&c->r, backend, "cortex-a57");
    c->mem = c->r.ram + DATA_OFF;
    for (unsigned i = 0; i < 1024; i++) {
        c->mem[i] = i;
    }
    memset(env_of(c)->vregs, 0x5a, sizeof(env_of(c)->vregs));
}

static GBytes *assemble(const char *src)
{
    GBytes *code = a64_assemble(src);

    if (!code) {
        char *as = g_find_program_in_path("aarch64-linux-gnu-as");

        g_assert_null(as);      /* installed but failed: a broken test */
        g_test_skip("aarch64-linux-gnu-as is not installed");
    }
    return code;
}

static bool run_asm(Ctx *c, const char *src)
{
    GBytes *code = assemble(src);

    if (!code) {
        return false;
    }
    a64_run_bytes(&c->r, code);
    g_bytes_unref(code);
    return true;
}

static void check_v(Ctx *c, unsigned n, uint64_t lo, uint64_t hi)
{
    if (env_of(c)->vregs[n].d[0] != lo || env_of(c)->vregs[n].d[1] != hi) {
        g_error("V%u = %016" PRIx64 ":%016" PRIx64 ", want %016" PRIx64 ":%016" PRIx64, n,
                env_of(c)->vregs[n].d[1], env_of(c)->vregs[n].d[0], hi, lo);
    }
}

static void set_v(Ctx *c, unsigned n, uint64_t lo, uint64_t hi)
{
    env_of(c)->vregs[n].d[0] = lo;
    env_of(c)->vregs[n].d[1] = hi;
}

/* ---- Single registers ---- */

static void test_fp_loads(gconstpointer backend)
{
    Ctx c;

    ctx_init(&c, backend);
    for (unsigned i = 0; i < 16; i++) {
        c.mem[65520 + i] = 0xc0 + i;
    }
    c.mem[4095] = 0xcf;
    if (!run_asm(&c,
        "  mov x0, #0x40800000\n"
        "  add x7, x0, #64\n"
        "  ldr b1, [x0, #1]\n"
        "  ldr h2, [x0, #2]\n"
        "  ldr s3, [x0, #4]\n"
        "  ldr d4, [x0, #8]\n"
        "  ldr q5, [x0, #16]\n"
        "  ldur q6, [x7, #-3]\n"
        "  ldur h8, [x0, #3]\n"
        "  ldur s9, [x0, #5]\n"
        "  ldur d10, [x0, #7]\n"
        "  ldur b11, [x7, #-1]\n"
        "  mov x12, x0\n"
        "  ldr q12, [x12, #32]!\n"
        "  mov x13, x0\n"
        "  ldr d13, [x13], #24\n"
        "  mov x14, x0\n"
        "  ldr s14, [x14, #9]!\n"
        "  mov x15, x0\n"
        "  ldr b15, [x15], #-5\n"
        "  mov x16, x0\n"
        "  ldr q16, [x16], #16\n"
        "  mov x17, #3\n"
        "  ldr q17, [x0, x17, lsl #4]\n"
        "  mov w18, #-2\n"
        "  ldr s18, [x7, w18, sxtw #2]\n"
        "  ldr h19, [x0, w17, uxtw #1]\n"
        "  ldr b20, [x0, x17]\n"
        "  mov x22, #-1\n"
        "  ldr d21, [x7, x22, sxtx #3]\n"
        "  ldr q22, [x0, w17, uxtw]\n"
        "  ldr h23, [x0, x17, lsl #1]\n"
        "  ldr s24, lit32\n"
        "  ldr d25, lit64\n"
        "  ldr q26, lit128\n"
        "  ldr q27, [x0, #65520]\n"
        "  ldr b28, [x0, #4095]\n"
        "  b 1f\n"
        "  .align 4\n"
        "lit128: .quad 0x0123456789abcdef, 0xfedcba9876543210\n"
        "lit64: .quad 0x1122334455667788\n"
        "lit32: .word 0x80000001\n"
        "1: nop\n")) {
        goto out;
    }
    g_assert_false(c.r.exception_taken);
    /* B/H/S/D loads clear the rest of the register (the 0x5a fill). */
    check_v(&c, 1, 0x01, 0);
    check_v(&c, 2, 0x0302, 0);
    check_v(&c, 3, 0x07060504, 0);
    check_v(&c, 4, 0x0f0e0d0c0b0a0908ULL, 0);
    check_v(&c, 5, 0x1716151413121110ULL, 0x1f1e1d1c1b1a1918ULL);
    check_v(&c, 6, 0x44434241403f3e3dULL, 0x4c4b4a4948474645ULL);
    check_v(&c, 8, 0x0403, 0);
    check_v(&c, 9, 0x08070605, 0);
    check_v(&c, 10, 0x0e0d0c0b0a090807ULL, 0);
    check_v(&c, 11, 0x3f, 0);
    check_v(&c, 12, 0x2726252423222120ULL, 0x2f2e2d2c2b2a2928ULL);
    g_assert_cmphex(env_of(&c)->xregs[12], ==, BASE + 32);
    check_v(&c, 13, 0x0706050403020100ULL, 0);
    g_assert_cmphex(env_of(&c)->xregs[13], ==, BASE + 24);
    check_v(&c, 14, 0x0c0b0a09, 0);
    g_assert_cmphex(env_of(&c)->xregs[14], ==, BASE + 9);
    check_v(&c, 15, 0x00, 0);
    g_assert_cmphex(env_of(&c)->xregs[15], ==, BASE - 5);
    check_v(&c, 16, 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL);
    g_assert_cmphex(env_of(&c)->xregs[16], ==, BASE + 16);
    check_v(&c, 17, 0x3736353433323130ULL, 0x3f3e3d3c3b3a3938ULL);
    check_v(&c, 18, 0x3b3a3938, 0);
    check_v(&c, 19, 0x0706, 0);
    check_v(&c, 20, 0x03, 0);
    check_v(&c, 21, 0x3f3e3d3c3b3a3938ULL, 0);
    check_v(&c, 22, 0x0a09080706050403ULL, 0x1211100f0e0d0c0bULL);
    check_v(&c, 23, 0x0706, 0);
    check_v(&c, 24, 0x80000001, 0);
    check_v(&c, 25, 0x1122334455667788ULL, 0);
    check_v(&c, 26, 0x0123456789abcdefULL, 0xfedcba9876543210ULL);
    check_v(&c, 27, 0xc7c6c5c4c3c2c1c0ULL, 0xcfcecdcccbcac9c8ULL);    /* the largest offsets */
    check_v(&c, 28, 0xcf, 0);
out:
    a64_harness_destroy(&c.r);
}

/* Stores the low bytes of V1 = lo 1112131415161718 hi 2122232425262728 and V2 = 3132.. / 4142... */
static void test_fp_stores(gconstpointer backend)
{
    static const struct {
        unsigned offset;
        uint8_t bytes[16];
        unsigned n;
    } want[] = {
        { 0x200, { 0x18 }, 1 },                                     /* str b1 */
        { 0x202, { 0x18, 0x17 }, 2 },                               /* str h1 */
        { 0x204, { 0x18, 0x17, 0x16, 0x15 }, 4 },                   /* str s1 */
        { 0x208, { 0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11 }, 8 },
        { 0x210, { 0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11,
                   0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21 }, 16 },
        { 0x23d, { 0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31,   /* stur q2, [x7, #-3] */
                   0x48, 0x47, 0x46, 0x45, 0x44, 0x43, 0x42, 0x41 }, 16 },
        { 0x251, { 0x38, 0x37, 0x36, 0x35 }, 4 },                   /* stur s2 */
        { 0x257, { 0x38, 0x37 }, 2 },                               /* stur h2 */
        { 0x259, { 0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31 }, 8 },
        { 0x263, { 0x38 }, 1 },                                     /* stur b2 */
        { 0x270, { 0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11,   /* str q1, pre-index */
                   0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21 }, 16 },
        { 0x280, { 0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31 }, 8 },  /* post-index */
        { 0x290, { 0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31,   /* str q2, [x0, x17, lsl #4] */
                   0x48, 0x47, 0x46, 0x45, 0x44, 0x43, 0x42, 0x41 }, 16 },
        { 0x2a4, { 0x18, 0x17, 0x16, 0x15 }, 4 },                   /* str s1, [x9, w17, uxtw #2] */
        { 0x2b1, { 0x38, 0x37 }, 2 },                               /* str h2, [x9, x18, sxtx] */
        { 0x2c0, { 0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21,   /* str q3 */
                   0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11 }, 16 },
    };
    uint8_t image[0x100];
    Ctx c;

    ctx_init(&c, backend);
    memset(c.mem + 0x200, 0, 0x100);
    set_v(&c, 1, 0x1112131415161718ULL, 0x2122232425262728ULL);
    set_v(&c, 2, 0x3132333435363738ULL, 0x4142434445464748ULL);
    set_v(&c, 3, 0x2122232425262728ULL, 0x1112131415161718ULL);
    if (!run_asm(&c,
        "  mov x0, #0x40800000\n"
        "  add x0, x0, #0x200\n"
        "  add x7, x0, #64\n"
        "  str b1, [x0, #0]\n"
        "  str h1, [x0, #2]\n"
        "  str s1, [x0, #4]\n"
        "  str d1, [x0, #8]\n"
        "  str q1, [x0, #16]\n"
        "  stur q2, [x7, #-3]\n"
        "  stur s2, [x0, #0x51]\n"
        "  stur h2, [x0, #0x57]\n"
        "  stur d2, [x0, #0x59]\n"
        "  stur b2, [x0, #0x63]\n"
        "  mov x12, x0\n"
        "  str q1, [x12, #0x70]!\n"
        "  add x13, x0, #0x80\n"
        "  str d2, [x13], #-8\n"
        "  mov x17, #9\n"
        "  str q2, [x0, x17, lsl #4]\n"
        "  add x9, x0, #0x80\n"
        "  str s1, [x9, w17, uxtw #2]\n"
        "  mov x18, #-0x80\n"
        "  add x18, x18, #0xb1\n"
        "  str h2, [x9, x18, sxtx]\n"
        "  str q3, [x0, #0xc0]\n")) {
        goto out;
    }
    g_assert_false(c.r.exception_taken);
    memset(image, 0, sizeof(image));
    for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
        memcpy(image + want[i].offset - 0x200, want[i].bytes, want[i].n);
    }
    for (unsigned i = 0; i < sizeof(image); i++) {
        if (c.mem[0x200 + i] != image[i]) {
            g_error("byte 0x%x: 0x%02x, want 0x%02x", 0x200 + i, c.mem[0x200 + i], image[i]);
        }
    }
    g_assert_cmphex(env_of(&c)->xregs[12], ==, BASE + 0x270);
    g_assert_cmphex(env_of(&c)->xregs[13], ==, BASE + 0x278);
out:
    a64_harness_destroy(&c.r);
}

static void test_fp_pairs(gconstpointer backend)
{
    Ctx c;

    ctx_init(&c, backend);
    memset(c.mem + 0x200, 0, 0x100);
    if (!run_asm(&c,
        "  mov x0, #0x40800000\n"
        "  add x7, x0, #64\n"
        "  ldp s1, s2, [x0, #8]\n"
        "  ldp d3, d4, [x7, #-16]\n"
        "  ldp q5, q6, [x0, #32]\n"
        "  mov x8, x0\n"
        "  ldp q7, q8, [x8, #64]!\n"
        "  mov x9, x0\n"
        "  ldp d9, d10, [x9], #16\n"
        "  ldnp q11, q12, [x0, #96]\n"
        "  ldnp s13, s14, [x0, #4]\n"
        "  ldp s15, s16, [x8, #-8]!\n"
        "  ldnp d17, d18, [x0, #-8]\n"
        "  add x20, x0, #0x200\n"
        "  stp q5, q6, [x20]\n"
        "  stnp d3, d4, [x20, #0x20]\n"
        "  stp s1, s2, [x20, #0x30]!\n"
        "  add x20, x20, #0x10\n"
        "  stp q11, q12, [x20], #-0x40\n"
        "  add x21, x0, #0x280\n"
        "  stnp q7, q8, [x21, #0x10]\n"
        "  stnp s13, s14, [x21, #-4]\n"
        "  stp d9, d10, [x21, #0x30]!\n")) {
        goto out;
    }
    g_assert_false(c.r.exception_taken);
    check_v(&c, 1, 0x0b0a0908, 0);
    check_v(&c, 2, 0x0f0e0d0c, 0);
    check_v(&c, 3, 0x3736353433323130ULL, 0);
    check_v(&c, 4, 0x3f3e3d3c3b3a3938ULL, 0);
    check_v(&c, 5, 0x2726252423222120ULL, 0x2f2e2d2c2b2a2928ULL);
    check_v(&c, 6, 0x3736353433323130ULL, 0x3f3e3d3c3b3a3938ULL);
    check_v(&c, 7, 0x4746454443424140ULL, 0x4f4e4d4c4b4a4948ULL);
    check_v(&c, 8, 0x5756555453525150ULL, 0x5f5e5d5c5b5a5958ULL);
    check_v(&c, 9, 0x0706050403020100ULL, 0);
    check_v(&c, 10, 0x0f0e0d0c0b0a0908ULL, 0);
    check_v(&c, 11, 0x6766656463626160ULL, 0x6f6e6d6c6b6a6968ULL);
    check_v(&c, 12, 0x7776757473727170ULL, 0x7f7e7d7c7b7a7978ULL);
    check_v(&c, 13, 0x07060504, 0);
    check_v(&c, 14, 0x0b0a0908, 0);
    check_v(&c, 15, 0x3b3a3938, 0);
    check_v(&c, 16, 0x3f3e3d3c, 0);
    check_v(&c, 17, 0, 0);                          /* below the data: RAM zeros */
    check_v(&c, 18, 0x0706050403020100ULL, 0);
    g_assert_cmphex(env_of(&c)->xregs[8], ==, BASE + 56);
    g_assert_cmphex(env_of(&c)->xregs[9], ==, BASE + 16);
    g_assert_cmphex(env_of(&c)->xregs[20], ==, BASE + 0x200);
    g_assert_cmphex(env_of(&c)->xregs[21], ==, BASE + 0x2b0);
    /* Stores: each register's bytes come from the addresses it was loaded from. */
    for (unsigned i = 0; i < 32; i++) {
        g_assert_cmphex(c.mem[0x200 + i], ==, 0x20 + i);        /* q5, q6 */
    }
    for (unsigned i = 0; i < 16; i++) {
        g_assert_cmphex(c.mem[0x220 + i], ==, 0x30 + i);        /* d3, d4 */
    }
    for (unsigned i = 0; i < 8; i++) {
        g_assert_cmphex(c.mem[0x230 + i], ==, 0x08 + i);        /* s1, s2 */
    }
    for (unsigned i = 0; i < 32; i++) {
        g_assert_cmphex(c.mem[0x240 + i], ==, 0x60 + i);        /* q11, q12 */
    }
    for (unsigned i = 0; i < 8; i++) {
        g_assert_cmphex(c.mem[0x27c + i], ==, 0x04 + i);        /* s13, s14 at 0x280 - 4 */
    }
    for (unsigned i = 0; i < 32; i++) {
        g_assert_cmphex(c.mem[0x290 + i], ==, 0x40 + i);        /* q7, q8 */
    }
    for (unsigned i = 0; i < 16; i++) {
        g_assert_cmphex(c.mem[0x2b0 + i], ==, i);               /* d9, d10 */
    }
out:
    a64_harness_destroy(&c.r);
}

/* One instruction at A64_CODE_BASE with X0 = addr: a data abort, FAR = far, nothing written. */
static void expect_abort(gconstpointer backend, const char *what, bool strict, uint32_t insn,
                         uint64_t addr, uint32_t esr, uint64_t far)
{
    Ctx c;

    ctx_init(&c, backend);
    if (strict) {
        env_of(&c)->sctlr_el[1] |= 1u << 1;     /* SCTLR_EL1.A */
    }
    env_of(&c)->xregs[0] = addr;
    env_of(&c)->xregs[1] = 16;
    a64_run_code(&c.r, &insn, 1);
    if (!c.r.exception_taken || c.r.vector_offset != 0x200 || env_of(&c)->esr_el[1] != esr ||
        env_of(&c)->far_el[1] != far || env_of(&c)->elr_el[1] != A64_CODE_BASE) {
        g_error("%s: vector %s0x%" PRIx64 " ESR 0x%" PRIx64 " FAR 0x%" PRIx64, what,
                c.r.exception_taken ? "" : "(none) ", c.r.vector_offset,
                env_of(&c)->esr_el[1], env_of(&c)->far_el[1]);
    }
    /* The base register is not written back; loaded registers keep their old value. */
    g_assert_cmphex(env_of(&c)->xregs[0], ==, addr);
    check_v(&c, 1, SENTINEL, SENTINEL);
    check_v(&c, 2, SENTINEL, SENTINEL);
    a64_harness_destroy(&c.r);
}

/* A Q access whose second half is past the end of RAM; pairs and structures too. */
static void test_fault(gconstpointer backend)
{
    expect_abort(backend, "ldr q1, [x0]", false, 0x3dc00001, RAM_END - 8,
                 ESR_DABT(0x10, false), RAM_END);
    expect_abort(backend, "ldr q1, [x0, #16]!", false, 0x3cc10c01, RAM_END - 24,
                 ESR_DABT(0x10, false), RAM_END);
    expect_abort(backend, "ldr q1, [x0], #16", false, 0x3cc10401, RAM_END - 8,
                 ESR_DABT(0x10, false), RAM_END);
    expect_abort(backend, "ldp q1, q2, [x0]", false, 0xad400801, RAM_END - 24,
                 ESR_DABT(0x10, false), RAM_END);
    expect_abort(backend, "ldp q1, q2, [x0, #32]!", false, 0xadc10801, RAM_END - 40,
                 ESR_DABT(0x10, false), RAM_END);
    expect_abort(backend, "ldr d1, [x0]", false, 0xfd400001, RAM_END, ESR_DABT(0x10, false),
                 RAM_END);
    expect_abort(backend, "str q1, [x0]", false, 0x3d800001, RAM_END - 8, ESR_DABT(0x10, true),
                 RAM_END);
    expect_abort(backend, "ld1 {v1.16b}, [x0], #16", false, 0x4cdf7001, RAM_END - 8,
                 ESR_DABT(0x10, false), RAM_END);
    expect_abort(backend, "ld1 {v1.b}[1], [x0], x1", false, 0x0dc10401, RAM_END,
                 ESR_DABT(0x10, false), RAM_END);
    expect_abort(backend, "ld4r {v1.4s-v4.4s}, [x0]", false, 0x4d60e801, RAM_END,
                 ESR_DABT(0x10, false), RAM_END);
}

/* SCTLR_EL1.A: the access (or element) size must be aligned. */
static void test_alignment(gconstpointer backend)
{
    expect_abort(backend, "ldr q1, [x0]", true, 0x3dc00001, BASE + 8, ESR_DABT(0x21, false),
                 BASE + 8);
    expect_abort(backend, "ldr s1, [x0]", true, 0xbd400001, BASE + 2, ESR_DABT(0x21, false),
                 BASE + 2);
    expect_abort(backend, "str h1, [x0]", true, 0x7d000001, BASE + 1, ESR_DABT(0x21, true),
                 BASE + 1);
    expect_abort(backend, "ldp q1, q2, [x0]", true, 0xad400801, BASE + 8, ESR_DABT(0x21, false),
                 BASE + 8);
    expect_abort(backend, "ld1 {v1.4s}, [x0]", true, 0x4c407801, BASE + 2,
                 ESR_DABT(0x21, false), BASE + 2);
    expect_abort(backend, "st1 {v1.h}[0], [x0]", true, 0x0d004001, BASE + 1,
                 ESR_DABT(0x21, true), BASE + 1);
}

/* With SCTLR_EL1.A, aligned accesses and byte elements at any address work. */
static void test_alignment_ok(gconstpointer backend)
{
    Ctx c;

    ctx_init(&c, backend);
    env_of(&c)->sctlr_el[1] |= 1u << 1;
    if (!run_asm(&c,
        "  mov x0, #0x40800000\n"
        "  ldr q1, [x0, #16]\n"
        "  add x1, x0, #1\n"
        "  ld1 {v2.16b}, [x1]\n"
        "  ldr d3, [x0, #8]\n"
        "  ld2 {v4.8h, v5.8h}, [x0]\n")) {
        goto out;
    }
    g_assert_false(c.r.exception_taken);
    check_v(&c, 1, 0x1716151413121110ULL, 0x1f1e1d1c1b1a1918ULL);
    check_v(&c, 2, 0x0807060504030201ULL, 0x100f0e0d0c0b0a09ULL);
    check_v(&c, 3, 0x0f0e0d0c0b0a0908ULL, 0);
    check_v(&c, 4, 0x0d0c090805040100ULL, 0x1d1c191815141110ULL);
out:
    a64_harness_destroy(&c.r);
}

/* CPACR_EL1.FPEN = 0: EC 0x07, and no access or writeback happens. */
static void test_fp_trap(gconstpointer backend)
{
    static const uint32_t insns[] = {
        0x3dc00001,     /* ldr q1, [x0] */
        0xfc408401,     /* ldr d1, [x0], #8 */
        0xad400801,     /* ldp q1, q2, [x0] */
        0x9c000041,     /* ldr q1, .+8 */
        0x4cdf7001,     /* ld1 {v1.16b}, [x0], #16 */
        0x4ddfc001,     /* ld1r {v1.16b}, [x0], #1 */
        0x3d800001,     /* str q1, [x0] */
    };

    for (size_t i = 0; i < ARRAY_SIZE(insns); i++) {
        Ctx c;

        ctx_init(&c, backend);
        env_of(&c)->cpacr_el1 = 0;
        env_of(&c)->xregs[0] = BASE;
        a64_run_code(&c.r, &insns[i], 1);
        g_assert_true(c.r.exception_taken);
        g_assert_cmphex(env_of(&c)->esr_el[1], ==, ESR_FP_TRAP);
        g_assert_cmphex(env_of(&c)->elr_el[1], ==, A64_CODE_BASE);
        g_assert_cmphex(env_of(&c)->xregs[0], ==, BASE);
        check_v(&c, 1, SENTINEL, SENTINEL);
        g_assert_cmphex(c.mem[0], ==, 0);
        a64_harness_destroy(&c.r);
    }
}

static void test_unallocated(gconstpointer backend)
{
    static const uint32_t undef[] = {
        0x7dc00000,     /* LDR (immediate, SIMD&FP), size 01 opc 11 */
        0xfd800000,     /* size 11 opc 10 */
        0x3c400800,     /* "LDTR" form with V = 1 */
        0xdc000000,     /* LDR (literal, SIMD&FP) opc 11 */
        0xed400000,     /* LDP (SIMD&FP) opc 11 */
        0x3c200000,     /* atomic memory operation with V = 1 */
        0x3c600800,     /* register offset, option 000 */
        0x0c401000,     /* multiple structures, opcode 0001 */
        0x0c400c00,     /* LD4 .1d */
        0x0c408c00,     /* LD2 .1d */
        0x0cc01000,     /* post-indexed, opcode 0001 */
        0x0d404400,     /* single, 16-bit with size<0> set */
        0x0d408800,     /* single, 32-bit with size<1> set */
        0x0d409400,     /* single, 64-bit with S set */
        0x0d40d000,     /* LD1R with S set */
        0x0d00c000,     /* ST1R does not exist */
    };

    for (size_t i = 0; i < ARRAY_SIZE(undef); i++) {
        Ctx c;

        ctx_init(&c, backend);
        env_of(&c)->xregs[0] = BASE;
        a64_run_code(&c.r, &undef[i], 1);
        if (!c.r.exception_taken || env_of(&c)->esr_el[1] != ESR_UNDEF) {
            g_error("0x%08x: not UNDEFINED", undef[i]);
        }
        a64_harness_destroy(&c.r);
    }
}

/* ---- Structures: hand-computed cases ---- */

static void test_struct_examples(gconstpointer backend)
{
    Ctx c;

    ctx_init(&c, backend);
    memset(c.mem + 0x200, 0xee, 0x100);
    if (!run_asm(&c,
        "  mov x0, #0x40800000\n"
        "  ld2 {v0.8b, v1.8b}, [x0]\n"
        "  ld3 {v2.4h, v3.4h, v4.4h}, [x0]\n"
        "  mov x5, x0\n"
        "  ld4 {v5.4s, v6.4s, v7.4s, v8.4s}, [x5], #64\n"
        "  mov x9, #0x10\n"
        "  mov x10, x0\n"
        "  ld1 {v30.2d, v31.2d, v0.2d}, [x10], x9\n"        /* wraps to V0; overwrites LD2's V0 */
        "  ld1 {v9.b}[6], [x0]\n"
        "  ld2 {v10.h, v11.h}[7], [x0]\n"
        "  ld4r {v12.8b, v13.8b, v14.8b, v15.8b}, [x0]\n"
        "  ld1r {v16.2d}, [x0]\n"
        "  ld3 {v17.s, v18.s, v19.s}[1], [x0]\n"
        "  add x20, x0, #0x200\n"
        "  st2 {v0.16b, v1.16b}, [x20], #32\n"
        "  st1 {v9.d}[1], [x20], #8\n"
        "  st3 {v2.h, v3.h, v4.h}[2], [x20]\n")) {
        goto out;
    }
    g_assert_false(c.r.exception_taken);
    check_v(&c, 1, 0x0f0d0b0907050301ULL, 0);
    check_v(&c, 2, 0x13120d0c07060100ULL, 0);
    check_v(&c, 3, 0x15140f0e09080302ULL, 0);
    check_v(&c, 4, 0x171611100b0a0504ULL, 0);
    check_v(&c, 5, 0x1312111003020100ULL, 0x3332313023222120ULL);
    check_v(&c, 6, 0x1716151407060504ULL, 0x3736353427262524ULL);
    check_v(&c, 7, 0x1b1a19180b0a0908ULL, 0x3b3a39382b2a2928ULL);
    check_v(&c, 8, 0x1f1e1d1c0f0e0d0cULL, 0x3f3e3d3c2f2e2d2cULL);
    g_assert_cmphex(env_of(&c)->xregs[5], ==, BASE + 64);
    check_v(&c, 30, 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL);
    check_v(&c, 31, 0x1716151413121110ULL, 0x1f1e1d1c1b1a1918ULL);
    check_v(&c, 0, 0x2726252423222120ULL, 0x2f2e2d2c2b2a2928ULL);
    g_assert_cmphex(env_of(&c)->xregs[10], ==, BASE + 0x10);
    /* One-lane loads keep the other lanes (the 0x5a fill), in both halves. */
    check_v(&c, 9, 0x5a005a5a5a5a5a5aULL, SENTINEL);
    check_v(&c, 10, SENTINEL, 0x01005a5a5a5a5a5aULL);
    check_v(&c, 11, SENTINEL, 0x03025a5a5a5a5a5aULL);
    check_v(&c, 12, 0, 0);
    check_v(&c, 13, 0x0101010101010101ULL, 0);
    check_v(&c, 14, 0x0202020202020202ULL, 0);
    check_v(&c, 15, 0x0303030303030303ULL, 0);
    check_v(&c, 16, 0x0706050403020100ULL, 0x0706050403020100ULL);
    check_v(&c, 17, 0x030201005a5a5a5aULL, SENTINEL);
    check_v(&c, 18, 0x070605045a5a5a5aULL, SENTINEL);
    check_v(&c, 19, 0x0b0a09085a5a5a5aULL, SENTINEL);
    /* ST2 interleaves V0 (bytes 20..2f) and V1 (odd bytes 1..f, upper half 0). */
    for (unsigned i = 0; i < 32; i++) {
        uint8_t want = i % 2 == 0 ? 0x20 + i / 2 : (i / 2 < 8 ? 2 * (i / 2) + 1 : 0);

        g_assert_cmphex(c.mem[0x200 + i], ==, want);
    }
    g_assert_cmphex(ld64_le_p(c.mem + 0x220), ==, SENTINEL);           /* V9.d[1] */
    g_assert_cmphex(ld16_le_p(c.mem + 0x228), ==, 0x0d0c);            /* V2.h[2] */
    g_assert_cmphex(ld16_le_p(c.mem + 0x22a), ==, 0x0f0e);            /* V3.h[2] */
    g_assert_cmphex(ld16_le_p(c.mem + 0x22c), ==, 0x1110);            /* V4.h[2] */
    g_assert_cmphex(c.mem[0x22e], ==, 0xee);
    g_assert_cmphex(env_of(&c)->xregs[20], ==, BASE + 0x228);
out:
    a64_harness_destroy(&c.r);
}

/* ---- Structures: every form against the ARM ARM model ---- */

typedef uint8_t VRegs[32][16];

/* Multiple structures layout by opcode (C4.1.88); rpt 0: unallocated. */
static const struct {
    unsigned rpt, selem;
} layouts[16] = {
    [0x0] = { 1, 4 }, [0x2] = { 4, 1 }, [0x4] = { 1, 3 }, [0x6] = { 3, 1 },
    [0x7] = { 1, 1 }, [0x8] = { 1, 2 }, [0xa] = { 2, 1 },
};

/* ARM ARM C7.2.165 LD1 (multiple structures), Operation, on bytes. */
static unsigned model_multiple(VRegs v, uint8_t *mem, bool load, unsigned opcode, unsigned size,
                               bool q, unsigned rt)
{
    unsigned rpt = layouts[opcode].rpt, selem = layouts[opcode].selem;
    unsigned ebytes = 1u << size, elements = (q ? 16 : 8) / ebytes, offs = 0;

    for (unsigned r = 0; r < rpt; r++) {
        for (unsigned e = 0; e < elements; e++) {
            unsigned tt = (rt + r) % 32;

            for (unsigned s = 0; s < selem; s++) {
                if (load) {
                    memcpy(&v[tt][e * ebytes], mem + offs, ebytes);
                    if (!q) {
                        memset(&v[tt][8], 0, 8);
                    }
                } else {
                    memcpy(mem + offs, &v[tt][e * ebytes], ebytes);
                }
                offs += ebytes;
                tt = (tt + 1) % 32;
            }
        }
    }
    return offs;
}

/* ARM ARM C7.2.166 LD1 (single structure), Operation: one lane, or replicated. */
static unsigned model_single(VRegs v, uint8_t *mem, bool load, bool replicate, unsigned selem,
                             unsigned scale, unsigned index, bool q, unsigned rt)
{
    unsigned ebytes = 1u << scale, offs = 0;

    for (unsigned s = 0; s < selem; s++) {
        unsigned tt = (rt + s) % 32;

        if (replicate) {
            for (unsigned e = 0; e < 16 / ebytes; e++) {
                if (q || e < 8 / ebytes) {
                    memcpy(&v[tt][e * ebytes], mem + offs, ebytes);
                } else {
                    memset(&v[tt][e * ebytes], 0, ebytes);
                }
            }
        } else if (load) {
            memcpy(&v[tt][index * ebytes], mem + offs, ebytes);
        } else {
            memcpy(mem + offs, &v[tt][index * ebytes], ebytes);
        }
        offs += ebytes;
    }
    return offs;
}

/* The encoder of the sweep (C4.1.88 field layout); "encoder" checks it against GNU as. */
static uint32_t enc_multiple(bool q, bool load, bool post, unsigned rm, unsigned opcode,
                             unsigned size, unsigned rn, unsigned rt)
{
    return 0x0c000000u | q << 30 | post << 23 | load << 22 | (post ? rm << 16 : 0) |
           opcode << 12 | size << 10 | rn << 5 | rt;
}

static uint32_t enc_single(bool q, bool load, bool post, unsigned rm, unsigned selem,
                           bool replicate, unsigned scale, unsigned index, unsigned rn,
                           unsigned rt)
{
    unsigned opcode, s = 0, size;

    if (replicate) {
        opcode = 6;
        size = scale;
    } else {
        opcode = (scale == 3 ? 2 : scale) << 1;
        switch (scale) {
        case 0:
            q = index >> 3;
            s = index >> 2 & 1;
            size = index & 3;
            break;
        case 1:
            q = index >> 2;
            s = index >> 1 & 1;
            size = (index & 1) << 1;
            break;
        case 2:
            q = index >> 1;
            s = index & 1;
            size = 0;
            break;
        default:
            q = index;
            size = 1;
            break;
        }
    }
    opcode |= (selem - 1) >> 1;
    return 0x0d000000u | q << 30 | post << 23 | load << 22 | ((selem - 1) & 1) << 21 |
           (post ? rm << 16 : 0) | opcode << 13 | s << 12 | size << 10 | rn << 5 | rt;
}

static void test_encoder(gconstpointer unused)
{
    static const struct {
        const char *src;
        uint32_t word;
    } samples[] = {
        { "ld4 {v0.16b-v3.16b}, [x0]", 0 },
        { "st1 {v30.1d, v31.1d, v0.1d}, [x2], #24", 0 },
        { "ld2 {v5.4h, v6.4h}, [sp], x3", 0 },
        { "ld3 {v4.s, v5.s, v6.s}[3], [x0], x1", 0 },
        { "st4 {v1.b, v2.b, v3.b, v4.b}[13], [x2]", 0 },
        { "ld2 {v7.d, v8.d}[1], [x9], #16", 0 },
        { "st1 {v3.h}[5], [x4]", 0 },
        { "ld3r {v1.8h, v2.8h, v3.8h}, [x0], #6", 0 },
        { "ld1r {v1.1d}, [x0]", 0 },
    };
    const uint32_t ours[] = {
        enc_multiple(true, true, false, 0, 0x0, 0, 0, 0),
        enc_multiple(false, false, true, 31, 0x6, 3, 2, 30),
        enc_multiple(false, true, true, 3, 0x8, 1, 31, 5),
        enc_single(false, true, true, 1, 3, false, 2, 3, 0, 4),
        enc_single(false, false, false, 0, 4, false, 0, 13, 2, 1),
        enc_single(false, true, true, 31, 2, false, 3, 1, 9, 7),
        enc_single(false, false, false, 0, 1, false, 1, 5, 4, 3),
        enc_single(true, true, true, 31, 3, true, 1, 0, 0, 1),
        enc_single(false, true, false, 0, 1, true, 3, 0, 0, 1),
    };
    GString *src = g_string_new("");
    const uint32_t *words;
    GBytes *code;

    for (size_t i = 0; i < ARRAY_SIZE(samples); i++) {
        g_string_append_printf(src, "  %s\n", samples[i].src);
    }
    code = assemble(src->str);
    g_string_free(src, true);
    if (!code) {
        return;
    }
    words = g_bytes_get_data(code, NULL);
    for (size_t i = 0; i < ARRAY_SIZE(samples); i++) {
        if (words[i] != ours[i]) {
            g_error("%s: as 0x%08x, encoder 0x%08x", samples[i].src, words[i], ours[i]);
        }
    }
    g_bytes_unref(code);
}

/* Runs one structure instruction from a known state and compares with the model. */
typedef struct Sweep {
    Ctx c;
    unsigned failures, runs;
} Sweep;

#define SWEEP_MEM 0x100     /* data at BASE + SWEEP_MEM, 64 bytes at most */

static void sweep_one(Sweep *sw, uint32_t insn, bool load, bool post, unsigned rm,
                      unsigned rt, unsigned (*model)(VRegs, uint8_t *, const void *),
                      const void *arg)
{
    CPUARMState *env = env_of(&sw->c);
    VRegs want_v;
    uint8_t want_mem[128];
    uint8_t *mem = sw->c.mem + SWEEP_MEM;
    unsigned bytes;
    uint64_t want_x0;

    for (unsigned i = 0; i < 128; i++) {
        mem[i] = 0x80 + i * 3;
    }
    for (unsigned r = 0; r < 32; r++) {
        for (unsigned i = 0; i < 16; i++) {
            ((uint8_t *)&env->vregs[r])[i] = r << 3 ^ i * 17;
        }
    }
    env->xregs[0] = BASE + SWEEP_MEM;
    env->xregs[3] = 0x24;
    memcpy(want_v, env->vregs, sizeof(want_v));
    memcpy(want_mem, mem, sizeof(want_mem));
    bytes = model(want_v, want_mem, arg);
    want_x0 = BASE + SWEEP_MEM + (post ? (rm == 31 ? bytes : 0x24) : 0);

    a64_run_code(&sw->c.r, &insn, 1);
    sw->runs++;
    if (sw->c.r.exception_taken || memcmp(want_v, env->vregs, sizeof(want_v)) != 0 ||
        memcmp(want_mem, mem, sizeof(want_mem)) != 0 || env->xregs[0] != want_x0) {
        if (sw->failures++ < 10) {
            g_test_message("0x%08x (%s, rt %u): wrong %s", insn, load ? "load" : "store", rt,
                           sw->c.r.exception_taken ? "(exception)" :
                           memcmp(want_v, env->vregs, sizeof(want_v)) ? "registers" :
                           memcmp(want_mem, mem, sizeof(want_mem)) ? "memory" : "writeback");
        }
    }
    tb_flush();
}

typedef struct MultiArg {
    bool load, q;
    unsigned opcode, size, rt;
} MultiArg;

static unsigned multi_model(VRegs v, uint8_t *mem, const void *opaque)
{
    const MultiArg *a = opaque;

    return model_multiple(v, mem, a->load, a->opcode, a->size, a->q, a->rt);
}

static void test_struct_multiple(gconstpointer backend)
{
    static const unsigned rts[] = { 0, 30 };
    Sweep sw = { 0 };

    ctx_init(&sw.c, backend);
    for (unsigned opcode = 0; opcode < 16; opcode++) {
        if (!layouts[opcode].rpt) {
            continue;
        }
        for (unsigned size = 0; size < 4; size++) {
            for (unsigned q = 0; q < 2; q++) {
                if (size == 3 && !q && layouts[opcode].selem > 1) {
                    continue;
                }
                for (unsigned load = 0; load < 2; load++) {
                    for (unsigned post = 0; post < 3; post++) {
                        unsigned rm = post == 2 ? 3 : 31;
                        unsigned rt = rts[(opcode + size + post) % 2];
                        MultiArg a = { load, q, opcode, size, rt };

                        sweep_one(&sw, enc_multiple(q, load, post > 0, rm, opcode, size, 0, rt),
                                  load, post > 0, rm, rt, multi_model, &a);
                    }
                }
            }
        }
    }
    a64_harness_destroy(&sw.c.r);
    g_test_message("%u forms", sw.runs);
    g_assert_cmpuint(sw.failures, ==, 0);
}

typedef struct SingleArg {
    bool load, replicate, q;
    unsigned selem, scale, index, rt;
} SingleArg;

static unsigned single_model(VRegs v, uint8_t *mem, const void *opaque)
{
    const SingleArg *a = opaque;

    return model_single(v, mem, a->load, a->replicate, a->selem, a->scale, a->index, a->q,
                        a->rt);
}

static void test_struct_single(gconstpointer backend)
{
    Sweep sw = { 0 };

    ctx_init(&sw.c, backend);
    for (unsigned selem = 1; selem <= 4; selem++) {
        for (unsigned scale = 0; scale < 4; scale++) {
            for (unsigned index = 0; index < 16u >> scale; index++) {
                for (unsigned load = 0; load < 2; load++) {
                    unsigned post = (index + load) % 3, rm = post == 2 ? 3 : 31;
                    unsigned rt = (index * 7 + selem) % 32;
                    SingleArg a = { load, false, false, selem, scale, index, rt };

                    sweep_one(&sw, enc_single(false, load, post > 0, rm, selem, false, scale,
                                              index, 0, rt),
                              load, post > 0, rm, rt, single_model, &a);
                }
            }
            /* LDnR: replicate, each Q and post-index form */
            for (unsigned q = 0; q < 2; q++) {
                for (unsigned post = 0; post < 3; post++) {
                    unsigned rm = post == 2 ? 3 : 31, rt = (scale * 9 + post + 29) % 32;
                    SingleArg a = { true, true, q, selem, scale, 0, rt };

                    sweep_one(&sw, enc_single(q, true, post > 0, rm, selem, true, scale, 0, 0,
                                              rt),
                              true, post > 0, rm, rt, single_model, &a);
                }
            }
        }
    }
    a64_harness_destroy(&sw.c.r);
    g_test_message("%u forms", sw.runs);
    g_assert_cmpuint(sw.failures, ==, 0);
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        { "fp-loads", test_fp_loads },
        { "fp-stores", test_fp_stores },
        { "fp-pairs", test_fp_pairs },
        { "fault", test_fault },
        { "alignment", test_alignment },
        { "alignment-ok", test_alignment_ok },
        { "fp-trap", test_fp_trap },
        { "unallocated", test_unallocated },
        { "struct-examples", test_struct_examples },
        { "struct-multiple", test_struct_multiple },
        { "struct-single", test_struct_single },
    };

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    g_test_add_data_func("/a64-simd-ldst/encoder", NULL, test_encoder);
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        for (size_t t = 0; t < ARRAY_SIZE(tests); t++) {
            char *path = g_strdup_printf("/a64-simd-ldst/%s/%s", backends[b], tests[t].name);

            g_test_add_data_func(path, backends[b], tests[t].fn);
            g_free(path);
        }
    }
    return g_test_run();
}
