/*
 * A64 AdvSIMD copy, permute and modified immediate
 * (target/arm/translate-a64-simd-perm.c, helper-simd-perm.c) on both
 * backends: one table row per instruction form, with fixed inputs and the
 * expected V0 (or X0) worked out by hand from the ARM ARM pseudocode
 * (C7.2: DUP, INS, UMOV, SMOV, EXT, ZIP/UZP/TRN, TBL/TBX, MOVI, MVNI,
 * ORR/BIC, FMOV), a sample of them confirmed on Debian's qemu-aarch64.
 * All rows are assembled in one go; each runs alone from fresh inputs.
 *
 * Inputs: V1 = bytes 00..0f, V2 = 10..1f, V3 = 20..2f, V4 = 30..3f (lane
 * i of a byte ramp holds its index plus the base), V31 = 40..4f, V0 (the
 * old destination) = lo a0a1a2a3a4a5a6a7 hi b0b1b2b3b4b5b6b7, V6 = lo
 * 8899aabbccddeeff hi 0123456789abcdef (negative lanes for SMOV), V5 =
 * the row's TBL indices, X1 = fedcba9876543210, X0 = a sentinel.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-harness.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/tb.h"
#include "util/bitops.h"

#define V0_LO 0xa0a1a2a3a4a5a6a7ULL
#define V0_HI 0xb0b1b2b3b4b5b6b7ULL
#define X1_IN 0xfedcba9876543210ULL
#define X0_IN 0x5555555555555555ULL
#define ESR_UNDEF 0x02000000u
#define ESR_FP_TRAP 0x1e000000u     /* EC 0x07, IL */

typedef struct PermCase {
    const char *insn;
    uint64_t lo, hi;        /* expected V0 (or X0 in lo when x0 is set) */
    bool x0;                /* the result is X0; V0 must be unchanged */
    uint64_t idx_lo, idx_hi;    /* V5 */
} PermCase;

#define V(insn, lo, hi) { insn, lo, hi, false, 0, 0 }
#define X(insn, val) { insn, val, 0, true, 0, 0 }
#define T(insn, lo, hi, ilo, ihi) { insn, lo, hi, false, ilo, ihi }

static const PermCase cases[] = {
    /* DUP (element), vector and scalar (MOV scalar) */
    V("dup v0.16b, v1.b[5]", 0x0505050505050505ULL, 0x0505050505050505ULL),
    V("dup v0.8b, v1.b[15]", 0x0f0f0f0f0f0f0f0fULL, 0),
    V("dup v0.4h, v1.h[7]", 0x0f0e0f0e0f0e0f0eULL, 0),
    V("dup v0.8h, v6.h[0]", 0xeeffeeffeeffeeffULL, 0xeeffeeffeeffeeffULL),
    V("dup v0.4s, v2.s[2]", 0x1b1a19181b1a1918ULL, 0x1b1a19181b1a1918ULL),
    V("dup v0.2s, v6.s[3]", 0x0123456701234567ULL, 0),
    V("dup v0.2d, v2.d[1]", 0x1f1e1d1c1b1a1918ULL, 0x1f1e1d1c1b1a1918ULL),
    V("mov b0, v1.b[9]", 0x09, 0),
    V("mov h0, v2.h[3]", 0x1716, 0),
    V("mov s0, v2.s[1]", 0x17161514, 0),
    V("mov d0, v1.d[1]", 0x0f0e0d0c0b0a0908ULL, 0),
    V("dup v0.16b, v0.b[0]", 0xa7a7a7a7a7a7a7a7ULL, 0xa7a7a7a7a7a7a7a7ULL),
    /* DUP (general) */
    V("dup v0.16b, w1", 0x1010101010101010ULL, 0x1010101010101010ULL),
    V("dup v0.4h, w1", 0x3210321032103210ULL, 0),
    V("dup v0.4s, w1", 0x7654321076543210ULL, 0x7654321076543210ULL),
    V("dup v0.2s, w1", 0x7654321076543210ULL, 0),
    V("dup v0.2d, x1", X1_IN, X1_IN),
    V("dup v0.8h, wzr", 0, 0),
    /* INS (general), INS (element): the other lanes stay */
    V("mov v0.b[3], w1", 0xa0a1a2a310a5a6a7ULL, V0_HI),
    V("mov v0.h[6], w1", V0_LO, 0xb0b13210b4b5b6b7ULL),
    V("mov v0.s[1], w1", 0x76543210a4a5a6a7ULL, V0_HI),
    V("mov v0.d[1], x1", V0_LO, X1_IN),
    V("mov v0.d[0], xzr", 0, V0_HI),
    V("mov v0.b[15], v1.b[2]", V0_LO, 0x02b1b2b3b4b5b6b7ULL),
    V("mov v0.h[0], v2.h[5]", 0xa0a1a2a3a4a51b1aULL, V0_HI),
    V("mov v0.s[2], v1.s[3]", V0_LO, 0xb0b1b2b30f0e0d0cULL),
    V("mov v0.d[0], v2.d[1]", 0x1f1e1d1c1b1a1918ULL, V0_HI),
    V("mov v0.b[0], v0.b[15]", 0xa0a1a2a3a4a5a6b0ULL, V0_HI),
    /* UMOV, SMOV (and MOV to general) */
    X("umov w0, v1.b[15]", 0x0f),
    X("umov w0, v6.b[1]", 0xee),
    X("umov w0, v6.h[2]", 0xaabb),
    X("mov w0, v6.s[1]", 0x8899aabb),
    X("mov x0, v6.d[1]", 0x0123456789abcdefULL),
    X("smov w0, v6.b[0]", 0xffffffff),
    X("smov w0, v6.h[3]", 0xffff8899),
    X("smov w0, v6.b[8]", 0xffffffef),
    X("smov w0, v6.h[6]", 0x4567),
    X("smov x0, v6.b[2]", 0xffffffffffffffddULL),
    X("smov x0, v6.h[1]", 0xffffffffffffccddULL),
    X("smov x0, v6.s[1]", 0xffffffff8899aabbULL),
    X("smov x0, v6.s[2]", 0xffffffff89abcdefULL),
    X("smov x0, v6.s[3]", 0x01234567),
    /* EXT */
    V("ext v0.16b, v1.16b, v2.16b, #3", 0x0a09080706050403ULL, 0x1211100f0e0d0c0bULL),
    V("ext v0.8b, v1.8b, v2.8b, #5", 0x1413121110070605ULL, 0),
    V("ext v0.16b, v1.16b, v2.16b, #0", 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL),
    V("ext v0.16b, v1.16b, v2.16b, #8", 0x0f0e0d0c0b0a0908ULL, 0x1716151413121110ULL),
    V("ext v0.8b, v1.8b, v2.8b, #0", 0x0706050403020100ULL, 0),
    V("ext v0.16b, v1.16b, v2.16b, #15", 0x161514131211100fULL, 0x1e1d1c1b1a191817ULL),
    V("ext v0.16b, v0.16b, v1.16b, #12", 0x03020100b0b1b2b3ULL, 0x0b0a090807060504ULL),
    /* ZIP1/2 */
    V("zip1 v0.16b, v1.16b, v2.16b", 0x1303120211011000ULL, 0x1707160615051404ULL),
    V("zip2 v0.16b, v1.16b, v2.16b", 0x1b0b1a0a19091808ULL, 0x1f0f1e0e1d0d1c0cULL),
    V("zip1 v0.8b, v1.8b, v2.8b", 0x1303120211011000ULL, 0),
    V("zip2 v0.8b, v1.8b, v2.8b", 0x1707160615051404ULL, 0),
    V("zip1 v0.4h, v1.4h, v2.4h", 0x1312030211100100ULL, 0),
    V("zip2 v0.8h, v1.8h, v2.8h", 0x1b1a0b0a19180908ULL, 0x1f1e0f0e1d1c0d0cULL),
    V("zip2 v0.4s, v1.4s, v2.4s", 0x1b1a19180b0a0908ULL, 0x1f1e1d1c0f0e0d0cULL),
    V("zip1 v0.2s, v1.2s, v2.2s", 0x1312111003020100ULL, 0),
    V("zip1 v0.2d, v1.2d, v2.2d", 0x0706050403020100ULL, 0x1716151413121110ULL),
    V("zip2 v0.2d, v1.2d, v2.2d", 0x0f0e0d0c0b0a0908ULL, 0x1f1e1d1c1b1a1918ULL),
    V("zip1 v0.16b, v0.16b, v2.16b", 0x13a412a511a610a7ULL, 0x17a016a115a214a3ULL),
    /* UZP1/2 */
    V("uzp1 v0.16b, v1.16b, v2.16b", 0x0e0c0a0806040200ULL, 0x1e1c1a1816141210ULL),
    V("uzp2 v0.16b, v1.16b, v2.16b", 0x0f0d0b0907050301ULL, 0x1f1d1b1917151311ULL),
    V("uzp1 v0.8b, v1.8b, v2.8b", 0x1614121006040200ULL, 0),
    V("uzp2 v0.4h, v1.4h, v2.4h", 0x1716131207060302ULL, 0),
    V("uzp1 v0.8h, v1.8h, v2.8h", 0x0d0c090805040100ULL, 0x1d1c191815141110ULL),
    V("uzp1 v0.4s, v1.4s, v2.4s", 0x0b0a090803020100ULL, 0x1b1a191813121110ULL),
    V("uzp2 v0.2s, v1.2s, v2.2s", 0x1716151407060504ULL, 0),
    V("uzp2 v0.2d, v1.2d, v2.2d", 0x0f0e0d0c0b0a0908ULL, 0x1f1e1d1c1b1a1918ULL),
    /* TRN1/2 */
    V("trn1 v0.16b, v1.16b, v2.16b", 0x1606140412021000ULL, 0x1e0e1c0c1a0a1808ULL),
    V("trn2 v0.8b, v1.8b, v2.8b", 0x1707150513031101ULL, 0),
    V("trn1 v0.8h, v1.8h, v2.8h", 0x1514050411100100ULL, 0x1d1c0d0c19180908ULL),
    V("trn2 v0.4h, v1.4h, v2.4h", 0x1716070613120302ULL, 0),
    V("trn2 v0.2s, v1.2s, v2.2s", 0x1716151407060504ULL, 0),
    V("trn1 v0.4s, v1.4s, v2.4s", 0x1312111003020100ULL, 0x1b1a19180b0a0908ULL),
    V("trn2 v0.2d, v1.2d, v2.2d", 0x0f0e0d0c0b0a0908ULL, 0x1f1e1d1c1b1a1918ULL),
    /* TBL, TBX: 1-4 table registers, out-of-range indices, numbers wrapping past V31 */
    T("tbl v0.16b, {v1.16b}, v5.16b", 0x0001020304050607ULL, 0x00000f0e0d0c0b0aULL,
      0x0001020304050607ULL, 0x10ff0f0e0d0c0b0aULL),
    T("tbx v0.16b, {v1.16b}, v5.16b", 0x0001020304050607ULL, 0xb0b10f0e0d0c0b0aULL,
      0x0001020304050607ULL, 0x10ff0f0e0d0c0b0aULL),
    T("tbl v0.8b, {v1.16b, v2.16b}, v5.8b", 0x1f00000510001e01ULL, 0,
      0x1f20000510fe1e01ULL, 0x0101010101010101ULL),
    T("tbx v0.8b, {v1.16b, v2.16b}, v5.8b", 0x1fa1000510a51e01ULL, 0,
      0x1f20000510fe1e01ULL, 0x0101010101010101ULL),
    T("tbl v0.16b, {v1.16b, v2.16b, v3.16b}, v5.16b", 0x2f2e201f100f0100ULL, 0x2122,
      0x2f2e201f100f0100ULL, 0x3030313f40ff2122ULL),
    T("tbx v0.16b, {v1.16b, v2.16b, v3.16b, v4.16b}, v5.16b", 0x2f2e201f100f0100ULL,
      0x3030313fb4b52122ULL, 0x2f2e201f100f0100ULL, 0x3030313f40ff2122ULL),
    T("tbl v0.8b, {v31.16b, v0.16b}, v5.8b", 0x40414243a7a6b0b1ULL, 0,
      0x0001020310111f1eULL, 0),
    T("tbl v0.16b, {v5.16b}, v5.16b", 0x0a0a0a0a0a0a0a0aULL, 0x0a0a0a0a0a0a0a0aULL,
      0x0808080808080808ULL, 0x0a0a0a0a0a0a0a0aULL),
    /* MOVI, MVNI, ORR, BIC (vector, immediate), every cmode shape */
    V("movi v0.16b, #0xab", 0xababababababababULL, 0xababababababababULL),
    V("movi v0.8b, #0x7f", 0x7f7f7f7f7f7f7f7fULL, 0),
    V("movi v0.4h, #0x12", 0x0012001200120012ULL, 0),
    V("movi v0.8h, #0x34, lsl #8", 0x3400340034003400ULL, 0x3400340034003400ULL),
    V("movi v0.2s, #0x56, lsl #16", 0x0056000000560000ULL, 0),
    V("movi v0.4s, #0x9a, lsl #24", 0x9a0000009a000000ULL, 0x9a0000009a000000ULL),
    V("movi v0.4s, #0x78, lsl #8", 0x0000780000007800ULL, 0x0000780000007800ULL),
    V("movi v0.2s, #0xff", 0x000000ff000000ffULL, 0),
    V("movi v0.4s, #0x21, msl #8", 0x000021ff000021ffULL, 0x000021ff000021ffULL),
    V("movi v0.2s, #0x43, msl #16", 0x0043ffff0043ffffULL, 0),
    V("movi d0, #0xff00ff0000ff00ff", 0xff00ff0000ff00ffULL, 0),
    V("movi v0.2d, #0x00ffff00000000ff", 0x00ffff00000000ffULL, 0x00ffff00000000ffULL),
    V("movi v0.2d, #0", 0, 0),
    V("mvni v0.4s, #0x12", 0xffffffedffffffedULL, 0xffffffedffffffedULL),
    V("mvni v0.4h, #0x34, lsl #8", 0xcbffcbffcbffcbffULL, 0),
    V("mvni v0.8h, #0x5a", 0xffa5ffa5ffa5ffa5ULL, 0xffa5ffa5ffa5ffa5ULL),
    V("mvni v0.4s, #0x56, msl #16", 0xffa90000ffa90000ULL, 0xffa90000ffa90000ULL),
    V("mvni v0.2s, #0x9a, lsl #24", 0x65ffffff65ffffffULL, 0),
    V("mvni v0.2s, #0x3c, msl #8", 0xffffc300ffffc300ULL, 0),
    V("orr v0.4s, #0x4c, lsl #8", 0xa0a1eea3a4a5eea7ULL, 0xb0b1feb3b4b5feb7ULL),
    V("orr v0.4h, #0x0f", 0xa0afa2afa4afa6afULL, 0),
    V("orr v0.2s, #0x08, lsl #24", 0xa8a1a2a3aca5a6a7ULL, 0),
    V("bic v0.8h, #0xf0, lsl #8", 0x00a102a304a506a7ULL, 0x00b102b304b506b7ULL),
    V("bic v0.2s, #0xff", 0xa0a1a200a4a5a600ULL, 0),
    V("bic v0.4s, #0x81, lsl #16", 0xa020a2a3a424a6a7ULL, 0xb030b2b3b434b6b7ULL),
    /* FMOV (vector, immediate) */
    V("fmov v0.4s, #1.0", 0x3f8000003f800000ULL, 0x3f8000003f800000ULL),
    V("fmov v0.2s, #-0.5", 0xbf000000bf000000ULL, 0),
    V("fmov v0.4s, #31.0", 0x41f8000041f80000ULL, 0x41f8000041f80000ULL),
    V("fmov v0.2d, #2.5", 0x4004000000000000ULL, 0x4004000000000000ULL),
    V("fmov v0.2d, #-0.125", 0xbfc0000000000000ULL, 0xbfc0000000000000ULL),
    V("fmov v0.2d, #0.1875", 0x3fc8000000000000ULL, 0x3fc8000000000000ULL),
};

static void ramp(ARMVReg *v, uint8_t first)
{
    v->d[0] = v->d[1] = 0;
    for (unsigned i = 0; i < 16; i++) {
        v->d[i / 8] |= (uint64_t)(uint8_t)(first + i) << (i % 8 * 8);
    }
}

static void set_inputs(CPUARMState *env, const PermCase *c)
{
    memset(env->vregs, 0x5a, sizeof(env->vregs));
    env->vregs[0].d[0] = V0_LO;
    env->vregs[0].d[1] = V0_HI;
    ramp(&env->vregs[1], 0x00);
    ramp(&env->vregs[2], 0x10);
    ramp(&env->vregs[3], 0x20);
    ramp(&env->vregs[4], 0x30);
    ramp(&env->vregs[31], 0x40);
    env->vregs[5].d[0] = c->idx_lo;
    env->vregs[5].d[1] = c->idx_hi;
    env->vregs[6].d[0] = 0x8899aabbccddeeffULL;
    env->vregs[6].d[1] = 0x0123456789abcdefULL;
    env->xregs[0] = X0_IN;
    env->xregs[1] = X1_IN;
}

/* Every source line assembled at once: word i is cases[i].insn. */
static GBytes *assemble_lines(const char *prefix, const char *const *lines, size_t n)
{
    GString *src = g_string_new(prefix);
    GBytes *code;

    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(src, "  %s\n", lines[i]);
    }
    code = a64_assemble(src->str);
    g_string_free(src, true);
    if (!code) {
        char *as = g_find_program_in_path("aarch64-linux-gnu-as");

        g_assert_null(as);      /* installed but failed: a broken table */
        g_test_skip("aarch64-linux-gnu-as is not installed");
    }
    return code;
}

static void test_table(gconstpointer backend)
{
    const char *lines[ARRAY_SIZE(cases)];
    unsigned failures = 0;
    const uint32_t *words;
    GBytes *code;
    A64Run r;

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        lines[i] = cases[i].insn;
    }
    code = assemble_lines("", lines, ARRAY_SIZE(cases));
    if (!code) {
        return;
    }
    g_assert_cmpuint(g_bytes_get_size(code), ==, 4 * ARRAY_SIZE(cases));
    words = g_bytes_get_data(code, NULL);
    a64_harness_init(&r, backend, "cortex-a57");
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        const PermCase *c = &cases[i];
        CPUARMState *env = &r.cpu->env;
        uint64_t lo, hi;
        bool ok;

        set_inputs(env, c);
        a64_run_code(&r, &words[i], 1);
        if (c->x0) {
            lo = env->xregs[0];
            hi = 0;
            ok = lo == c->lo && env->vregs[0].d[0] == V0_LO && env->vregs[0].d[1] == V0_HI;
        } else {
            lo = env->vregs[0].d[0];
            hi = env->vregs[0].d[1];
            ok = lo == c->lo && hi == c->hi && env->xregs[0] == X0_IN;
        }
        ok = ok && !r.exception_taken && env->vregs[1].d[0] == 0x0706050403020100ULL &&
             env->vregs[6].d[1] == 0x0123456789abcdefULL;
        if (!ok) {
            g_test_message("%s: got %016" PRIx64 ":%016" PRIx64 "%s, want %016" PRIx64
                           ":%016" PRIx64, c->insn, hi, lo,
                           r.exception_taken ? " (exception)" : "", c->hi, c->lo);
            failures++;
        }
        tb_flush();     /* the next row reuses the code address */
    }
    a64_harness_destroy(&r);
    g_bytes_unref(code);
    g_assert_cmpuint(failures, ==, 0);
}

/*
 * FMOV (vector, immediate) half precision needs FEAT_FP16
 * (ID_AA64PFR0_EL1.FP == 1): with it the lanes hold the binary16 value,
 * without it the encoding is UNDEFINED.
 */
static void test_fmov_fp16(gconstpointer backend)
{
    static const char *const lines[] = { "fmov v0.8h, #1.0", "fmov v0.4h, #-2.0" };
    static const uint64_t want[][2] = {
        { 0x3c003c003c003c00ULL, 0x3c003c003c003c00ULL },
        { 0xc000c000c000c000ULL, 0 },
    };
    GBytes *code = assemble_lines(".arch armv8.2-a+fp16\n", lines, ARRAY_SIZE(lines));
    const uint32_t *words;
    A64Run r;

    if (!code) {
        return;
    }
    words = g_bytes_get_data(code, NULL);
    for (unsigned fp = 0; fp < 2; fp++) {
        a64_harness_init(&r, backend, "max");
        r.cpu->isar.id_aa64pfr0 = deposit64(r.cpu->isar.id_aa64pfr0, 16, 4, fp ? 1 : 0);
        for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
            set_inputs(&r.cpu->env, &cases[0]);
            a64_run_code(&r, &words[i], 1);
            if (fp) {
                g_assert_false(r.exception_taken);
                g_assert_cmphex(r.cpu->env.vregs[0].d[0], ==, want[i][0]);
                g_assert_cmphex(r.cpu->env.vregs[0].d[1], ==, want[i][1]);
            } else {
                g_assert_true(r.exception_taken);
                g_assert_cmphex(r.cpu->env.esr_el[1], ==, ESR_UNDEF);
            }
            tb_flush();
        }
        a64_harness_destroy(&r);
    }
    g_bytes_unref(code);
}

/* Encodings the groups leave unallocated (C4.1.96), checked with objdump's "undefined". */
static void test_unallocated(gconstpointer backend)
{
    static const uint32_t undef[] = {
        0x0e000400,     /* DUP (element), imm5 = 00000 */
        0x0e080400,     /* DUP (element) .1d: size 3 with Q = 0 */
        0x0e080c00,     /* DUP (general) .1d */
        0x4e013c00,     /* UMOV Xd with a byte */
        0x0e083c00,     /* UMOV Wd with a doubleword */
        0x0e042c00,     /* SMOV Wd with a word */
        0x4e082c00,     /* SMOV Xd with a doubleword */
        0x0e011c00,     /* INS (general) with Q = 0 */
        0x2e010400,     /* INS (element) with Q = 0 */
        0x0e012400,     /* copy, imm4 = 0100 */
        0x5e010c00,     /* scalar copy, imm4 != 0 */
        0x7e010400,     /* scalar copy, op = 1 */
        0x5e100400,     /* scalar DUP, imm5 = 10000 */
        0x2e004000,     /* EXT .8b with imm4 = 8 */
        0x2e400000,     /* EXT, op2 != 0 */
        0x0ec03800,     /* ZIP1 .1d */
        0x0e000800,     /* permute, opcode 000 */
        0x0e004800,     /* permute, opcode 100 */
        0x0e400000,     /* TBL, op2 != 0 */
        0x2f00f400,     /* FMOV (vector, immediate) .1d */
        0x2f00fc00,     /* o2 = 1 with op = 1 */
        0x0f00ec00,     /* o2 = 1 with cmode != 1111 */
    };
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    for (size_t i = 0; i < ARRAY_SIZE(undef); i++) {
        a64_run_code(&r, &undef[i], 1);
        if (!r.exception_taken || r.cpu->env.esr_el[1] != ESR_UNDEF) {
            g_error("0x%08x: not UNDEFINED (ESR %" PRIx64 ")", undef[i], r.cpu->env.esr_el[1]);
        }
        tb_flush();
    }
    a64_harness_destroy(&r);
}

/* CPACR_EL1.FPEN = 0: each group traps with EC 0x07 before doing anything. */
static void test_fp_trap(gconstpointer backend)
{
    static const uint32_t insns[] = {
        0x4e050420,     /* dup v0.16b, v1.b[2] */
        0x0e013c20,     /* umov w0, v1.b[0] */
        0x6e021820,     /* ext v0.16b, v1.16b, v2.16b, #3 */
        0x4e023820,     /* zip1 v0.16b, v1.16b, v2.16b */
        0x4e0500a0,     /* tbl v0.16b, {v5.16b}, v5.16b */
        0x4f05e560,     /* movi v0.16b, #0xab */
    };
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    for (size_t i = 0; i < ARRAY_SIZE(insns); i++) {
        r.cpu->env.cpacr_el1 = 0;
        r.cpu->env.xregs[0] = X0_IN;
        a64_run_code(&r, &insns[i], 1);
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, ESR_FP_TRAP);
        g_assert_cmphex(r.cpu->env.elr_el[1], ==, A64_CODE_BASE);
        g_assert_cmphex(r.cpu->env.xregs[0], ==, X0_IN);
        tb_flush();
    }
    a64_harness_destroy(&r);
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        { "table", test_table },
        { "fmov-fp16", test_fmov_fp16 },
        { "unallocated", test_unallocated },
        { "fp-trap", test_fp_trap },
    };

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        for (size_t t = 0; t < ARRAY_SIZE(tests); t++) {
            char *path = g_strdup_printf("/a64-simd-perm/%s/%s", backends[b], tests[t].name);

            g_test_add_data_func(path, backends[b], tests[t].fn);
            g_free(path);
        }
    }
    return g_test_run();
}
