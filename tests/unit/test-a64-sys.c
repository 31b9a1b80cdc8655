/*
 * A64 system instructions on both backends, through the A64 harness:
 * MRS/MSR of ID, special-purpose and EL1 registers, the PSTATE fields,
 * EL0 access checks, unknown registers, TLBI against a real page table
 * change, DC ZVA, the generic timer (counter, TVAL, an interrupt at CVAL
 * delivered to the CPU) and PSCI calls through HVC #0.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-harness.h"
#include "accel/tcg/tcg-accel.h"
#include "target/arm/helper-sys.h"
#include "target/arm/translate.h"
#include "softmmu/main-loop.h"
#include "softmmu/runstate.h"
#include "softmmu/timers.h"
#include "util/bswap.h"

#define ESR_UNDEF 0x02000000u

/* Assembles and runs src on the harness CPU; false (test skipped) without an assembler. */
static bool run_asm(A64Run *r, const char *src)
{
    GBytes *code = a64_assemble(src);

    if (!code) {
        g_test_skip("aarch64-linux-gnu-as is not installed");
        return false;
    }
    /* A second program at A64_CODE_BASE must not run the first one's TBs. */
    tb_flush();
    a64_run_bytes(r, code);
    g_bytes_unref(code);
    return true;
}

static uint64_t x(A64Run *r, unsigned n)
{
    return r->cpu->env.xregs[n];
}

/* The ESR of a trapped MRS/MSR (EC 0x18). */
static uint32_t trap_esr(unsigned op0, unsigned op1, unsigned crn, unsigned crm, unsigned op2,
                         unsigned rt, bool is_read)
{
    return 0x18u << 26 | 1u << 25 | op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 |
           crm << 1 | is_read;
}

static void test_id_registers(gconstpointer backend)
{
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r,
            "  mrs x0, midr_el1\n"
            "  mrs x1, mpidr_el1\n"
            "  mrs x2, id_aa64pfr0_el1\n"
            "  mrs x3, currentel\n"
            "  mrs x4, spsel\n"
            "  mrs x5, daif\n"
            "  mrs x6, ctr_el0\n"
            "  mrs x7, dczid_el0\n"
            "  mrs x8, id_aa64mmfr0_el1\n"
            "  mov x9, #1\n"
            "  mrs x9, s3_0_c0_c1_0\n"           /* ID_PFR0_EL1: reserved space, RAZ */
            "  mrs x10, id_aa64isar0_el1\n"
            "  mrs x11, cntfrq_el0\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmphex(x(&r, 0), ==, 0x411fd070);
        g_assert_cmphex(x(&r, 1), ==, 0x80000000);
        g_assert_cmphex(x(&r, 2), ==, r.cpu->isar.id_aa64pfr0);
        g_assert_cmphex(x(&r, 2) & 0xff00ff, ==, 0x000011);  /* EL0/EL1 AArch64, FP and AdvSIMD */
        g_assert_cmphex(x(&r, 3), ==, 1 << 2);               /* EL1 */
        g_assert_cmphex(x(&r, 4), ==, 1);
        g_assert_cmphex(x(&r, 5), ==, 0x3c0);                /* DAIF masked at reset */
        g_assert_cmphex(x(&r, 6), ==, 0x8444c004);
        g_assert_cmphex(x(&r, 7), ==, 4);
        g_assert_cmphex(x(&r, 8), ==, r.cpu->isar.id_aa64mmfr0);
        g_assert_cmphex(x(&r, 9), ==, 0);
        g_assert_cmphex(x(&r, 10), ==, r.cpu->isar.id_aa64isar0);
        g_assert_cmpuint(x(&r, 11), ==, 62500000);
    }
    a64_harness_destroy(&r);
}

static void test_round_trips(gconstpointer backend)
{
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    a64_harness_mmu_off(&r);            /* it writes a TTBR0_EL1 no walk could use */
    r.cpu->env.xregs[0] = 0x0123456789abcdefULL;
    if (run_asm(&r,
            "  msr tpidr_el0, x0\n"
            "  msr tpidr_el1, x0\n"
            "  msr tpidrro_el0, x0\n"
            "  msr contextidr_el1, x0\n"
            "  msr mair_el1, x0\n"
            "  msr elr_el1, x0\n"
            "  msr far_el1, x0\n"
            "  msr ttbr0_el1, x0\n"
            "  mrs x1, tpidr_el0\n"
            "  mrs x2, tpidr_el1\n"
            "  mrs x3, tpidrro_el0\n"
            "  mrs x4, contextidr_el1\n"
            "  mrs x5, mair_el1\n"
            "  mrs x6, elr_el1\n"
            "  mrs x7, far_el1\n"
            "  mrs x8, ttbr0_el1\n"
            /* NZCV: write N and C, read back, and branch on them. */
            "  mov x9, #0xa0000000\n"
            "  msr nzcv, x9\n"
            "  mrs x10, nzcv\n"
            "  mov x11, #0\n"
            "  b.cc 1f\n"
            "  b.pl 1f\n"
            "  b.eq 1f\n"
            "  mov x11, #1\n"
            "1: mov x12, #0x50000000\n"          /* Z and V */
            "  msr nzcv, x12\n"
            "  mrs x13, nzcv\n"
            "  cset x14, eq\n"
            "  cset x15, vs\n"
            "  mov x16, #0x1000\n"
            "  msr cntkctl_el1, x16\n"
            "  mrs x17, cntkctl_el1\n"
            "  mrs x18, oslsr_el1\n"
            "  mov x19, #1\n"
            "  msr oslar_el1, x19\n"
            "  mrs x19, oslsr_el1\n")) {
        g_assert_false(r.exception_taken);
        for (unsigned i = 1; i <= 8; i++) {
            g_assert_cmphex(x(&r, i), ==, 0x0123456789abcdefULL);
        }
        g_assert_cmphex(r.cpu->env.tpidr_el[0], ==, 0x0123456789abcdefULL);
        g_assert_cmphex(x(&r, 10), ==, 0xa0000000);
        g_assert_cmpuint(x(&r, 11), ==, 1);
        g_assert_cmphex(x(&r, 13), ==, 0x50000000);
        g_assert_cmpuint(x(&r, 14), ==, 1);
        g_assert_cmpuint(x(&r, 15), ==, 1);
        g_assert_cmphex(x(&r, 17), ==, 0x1000);
        g_assert_cmphex(x(&r, 18), ==, 0x8);
        g_assert_cmphex(x(&r, 19), ==, 0xa);
    }
    a64_harness_destroy(&r);
}

static void test_daif_spsel(gconstpointer backend)
{
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r,
            "  msr daifclr, #0xf\n"
            "  mrs x0, daif\n"
            "  msr daifset, #2\n"
            "  mrs x1, daif\n"
            "  mov x2, #0x140\n"
            "  msr daif, x2\n"
            "  mrs x3, daif\n"
            /* SP banks: SP_EL1 and SP_EL0 swap with SPSel. */
            "  mov x4, #0x1000\n"
            "  mov sp, x4\n"
            "  mov x4, #0x2000\n"
            "  msr sp_el0, x4\n"
            "  msr spsel, #0\n"
            "  mov x5, sp\n"
            "  mrs x6, spsel\n"
            "  mov x4, #0x3000\n"
            "  mov sp, x4\n"
            "  msr spsel, #1\n"
            "  mov x7, sp\n"
            "  mrs x8, sp_el0\n"
            "  mov x4, #0\n"
            "  msr spsel, x4\n"
            "  mov x9, sp\n"
            "  msr spsel, #1\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmphex(x(&r, 0), ==, 0);
        g_assert_cmphex(x(&r, 1), ==, 0x80);
        g_assert_cmphex(x(&r, 3), ==, 0x140);
        g_assert_cmphex(x(&r, 5), ==, 0x2000);
        g_assert_cmphex(x(&r, 6), ==, 0);
        g_assert_cmphex(x(&r, 7), ==, 0x1000);
        g_assert_cmphex(x(&r, 8), ==, 0x3000);
        g_assert_cmphex(x(&r, 9), ==, 0x3000);
        g_assert_cmphex(r.cpu->env.sp_el[0], ==, 0x3000);
    }
    a64_harness_destroy(&r);

    /* SP_EL0 is UNDEFINED while it is the stack pointer in use. */
    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r, "  msr spsel, #0\n  mrs x0, sp_el0\n")) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x000);     /* current EL with SP_EL0 */
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, ESR_UNDEF);
        g_assert_cmphex(r.cpu->env.elr_el[1], ==, A64_CODE_BASE + 4);
    }
    a64_harness_destroy(&r);
}

/* Drops to EL0t at label el0 with ERET, then runs what follows it. */
#define TO_EL0 \
    "  adr x20, el0\n" \
    "  msr elr_el1, x20\n" \
    "  msr spsr_el1, xzr\n" \
    "  eret\n" \
    "el0:\n"

static void test_el0_access(gconstpointer backend)
{
    A64Run r;

    /* An EL1 register from EL0: UNDEFINED, to EL1 from a lower EL. */
    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r, TO_EL0 "  mrs x1, tpidr_el0\n  msr tpidr_el0, x1\n  mrs x2, nzcv\n"
                "  mrs x0, sctlr_el1\n")) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x400);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, ESR_UNDEF);
        g_assert_cmphex(r.cpu->env.elr_el[1], ==, A64_CODE_BASE + 7 * 4);
    }
    a64_harness_destroy(&r);

    /* CNTVCT_EL0 traps (EC 0x18) while CNTKCTL_EL1.EL0VCTEN is 0, and is readable with it. */
    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r, TO_EL0 "  mrs x5, cntvct_el0\n")) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x400);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, trap_esr(3, 3, 14, 0, 2, 5, true));
    }
    a64_harness_destroy(&r);
    a64_harness_init(&r, backend, "cortex-a57");
    r.cpu->env.cntkctl_el1 = 2;
    if (run_asm(&r, TO_EL0 "  mrs x5, cntvct_el0\n  mov x6, #1\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmpuint(x(&r, 6), ==, 1);
    }
    a64_harness_destroy(&r);

    /* DAIFSet at EL0 traps unless SCTLR_EL1.UMA. */
    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r, TO_EL0 "  msr daifset, #2\n")) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, trap_esr(0, 3, 4, 2, 6, 31, false));
    }
    a64_harness_destroy(&r);
}

static void test_unknown_register(gconstpointer backend)
{
    static const char *const sources[] = {
        "  mrs x0, s3_0_c11_c0_0\n",       /* an unallocated encoding */
        "  msr s3_1_c11_c0_3, x0\n",
        "  mrs x0, s3_3_c4_c4_7\n",        /* next to FPCR/FPSR, unallocated */
        "  msr s3_0_c0_c0_0, x0\n",        /* MIDR_EL1 is read-only */
        "  mrs x0, hcr_el2\n",             /* no EL2 */
        "  sys #0, c7, c15, #7, x0\n",
    };
    A64Run r;

    for (size_t i = 0; i < ARRAY_SIZE(sources); i++) {
        a64_harness_init(&r, backend, "cortex-a57");
        if (!run_asm(&r, sources[i])) {
            a64_harness_destroy(&r);
            return;
        }
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x200);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, ESR_UNDEF);
        g_assert_cmphex(r.cpu->env.elr_el[1], ==, A64_CODE_BASE);
        a64_harness_destroy(&r);
    }
}

/*
 * A 39-bit VA, 4K-granule identity map of the RAM with 2 MB blocks, and VA
 * 0x41000000 mapped to DATA (holding 111); the code rewrites that entry to
 * DATA + 2 MB (holding 222) and reads again after a TLBI.
 */
#define PT_L1 0x40200000ULL
#define PT_L2 0x40201000ULL
#define BLOCK_ATTRS (1ULL << 10 | 3ULL << 8 | 1)     /* AF, inner shareable, block */
/* PAR_EL1: bit 11 RES1; ATTR 0xff (MAIR attribute 0) and SH inner shareable. */
#define PAR_RES1 (1ULL << 11)
#define PAR_NORMAL_WB_INNER (0xffULL << 56 | PAR_RES1 | 3 << 7)

static void setup_tables(A64Run *r)
{
    uint8_t *l1 = r->ram + (PT_L1 - A64_RAM_BASE), *l2 = r->ram + (PT_L2 - A64_RAM_BASE);
    CPUARMState *env = &r->cpu->env;

    st64_le_p(l1 + 1 * 8, PT_L2 | 3);
    for (unsigned i = 0; i < 8; i++) {
        st64_le_p(l2 + i * 8, (A64_RAM_BASE + i * 2 * MiB) | BLOCK_ATTRS);
    }
    st64_le_p(l2 + 8 * 8, A64_DATA_BASE | BLOCK_ATTRS);
    st64_le_p(r->ram + (A64_DATA_BASE - A64_RAM_BASE), 111);
    st64_le_p(r->ram + (A64_DATA_BASE + 2 * MiB - A64_RAM_BASE), 222);
    env->ttbr0_el[1] = PT_L1;
    env->tcr_el[1] = 25 | 1ULL << 23 | 5ULL << 32;     /* T0SZ 25, EPD1, IPS 48 bits */
    env->mair_el[1] = 0xff;
    env->sctlr_el[1] |= 1;
    env->xregs[9] = 0x41000000;
    env->xregs[10] = (A64_DATA_BASE + 2 * MiB) | BLOCK_ATTRS;
    env->xregs[11] = PT_L2 + 8 * 8;
    env->xregs[12] = 0x41000000 >> 12;
}

static void test_tlbi(gconstpointer backend)
{
    static const char *const flushes[] = {
        "  tlbi vae1is, x12\n", "  tlbi vae1, x12\n", "  tlbi vmalle1\n",
        "  tlbi vmalle1is\n", "  tlbi vaale1, x12\n", "  tlbi aside1, x12\n", "  nop\n",
    };
    A64Run r;

    for (size_t i = 0; i < ARRAY_SIZE(flushes); i++) {
        char *src = g_strdup_printf(
            "  ldr x1, [x9]\n"
            "  str x10, [x11]\n"
            "  dsb ishst\n"
            "%s"
            "  dsb ish\n"
            "  isb\n"
            "  ldr x3, [x9]\n"
            "  at s1e1r, x9\n"
            "  mrs x4, par_el1\n", flushes[i]);
        bool is_nop = strstr(flushes[i], "nop") != NULL;

        a64_harness_init(&r, backend, "cortex-a57");
        setup_tables(&r);
        if (!run_asm(&r, src)) {
            g_free(src);
            a64_harness_destroy(&r);
            return;
        }
        g_assert_false(r.exception_taken);
        g_assert_cmpuint(x(&r, 1), ==, 111);
        /* Without a TLBI the stale entry stays: proof that the flush did the work. */
        g_assert_cmpuint(x(&r, 3), ==, is_nop ? 111 : 222);
        g_assert_cmphex(x(&r, 4), ==, PAR_NORMAL_WB_INNER | (A64_DATA_BASE + 2 * MiB));
        g_free(src);
        a64_harness_destroy(&r);
    }

    /* AT of an unmapped address: PAR_EL1.F with a level 1 translation fault. */
    a64_harness_init(&r, backend, "cortex-a57");
    setup_tables(&r);
    r.cpu->env.xregs[9] = 0x80000000;
    if (run_asm(&r, "  at s1e0r, x9\n  mrs x4, par_el1\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmphex(x(&r, 4), ==, PAR_RES1 | 0x05 << 1 | 1);
    }
    a64_harness_destroy(&r);
}

/*
 * PAR_EL1 after AT (D17.2.99): ATTR is the MAIR byte of the descriptor's
 * AttrIndx, SH its shareability except for Device and Normal Non-cacheable
 * memory (always 0b10, Outer Shareable), bit 11 RES1; with the MMU off,
 * Device-nGnRnE, and an address size fault above 48 bits.
 */
static void test_at_par(gconstpointer backend)
{
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    setup_tables(&r);
    /* Block 9 (VA 0x41200000): AttrIndx 1 (Device-nGnRE), block 10: AttrIndx 2 (Normal NC). */
    st64_le_p(r.ram + (PT_L2 + 9 * 8 - A64_RAM_BASE), (A64_RAM_BASE + 9 * 2 * MiB) |
              BLOCK_ATTRS | 1 << 2);
    st64_le_p(r.ram + (PT_L2 + 10 * 8 - A64_RAM_BASE), (A64_RAM_BASE + 10 * 2 * MiB) |
              BLOCK_ATTRS | 2 << 2);
    r.cpu->env.mair_el[1] = 0x4404ff;
    r.cpu->env.xregs[9] = 0x41200123;
    r.cpu->env.xregs[10] = 0x41400000;
    r.cpu->env.xregs[11] = 0x40000456;
    if (run_asm(&r, "  at s1e1r, x9\n  mrs x1, par_el1\n"
                    "  at s1e1w, x10\n  mrs x2, par_el1\n"
                    "  at s1e1r, x11\n  mrs x3, par_el1\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmphex(x(&r, 1), ==, 0x04ULL << 56 | PAR_RES1 | 2 << 7 | 0x41200000);
        g_assert_cmphex(x(&r, 2), ==, 0x44ULL << 56 | PAR_RES1 | 2 << 7 | 0x41400000);
        g_assert_cmphex(x(&r, 3), ==, PAR_NORMAL_WB_INNER | 0x40000000);
    }
    a64_harness_destroy(&r);

    /* MMU off. */
    a64_harness_init(&r, backend, "cortex-a57");
    a64_harness_mmu_off(&r);
    r.cpu->env.xregs[9] = 0x12345678;
    r.cpu->env.xregs[10] = 1ULL << 48;
    if (run_asm(&r, "  at s1e1r, x9\n  mrs x1, par_el1\n  at s1e1r, x10\n  mrs x2, par_el1\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmphex(x(&r, 1), ==, PAR_RES1 | 2 << 7 | 0x12345000);
        g_assert_cmphex(x(&r, 2), ==, PAR_RES1 | 1);
    }
    a64_harness_destroy(&r);
}

static void test_dc_zva(gconstpointer backend)
{
    A64Run r;
    uint8_t *data;

    a64_harness_init(&r, backend, "cortex-a57");
    data = r.ram + (A64_DATA_BASE - A64_RAM_BASE);
    memset(data, 0xff, 256);
    r.cpu->env.xregs[0] = A64_DATA_BASE + 0x47;
    if (run_asm(&r, "  dc zva, x0\n  dc civac, x0\n  ic iallu\n  dc cvau, x0\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmphex(data[0x3f], ==, 0xff);
        for (unsigned i = 0x40; i < 0x80; i++) {
            g_assert_cmphex(data[i], ==, 0);
        }
        g_assert_cmphex(data[0x80], ==, 0xff);
    }
    a64_harness_destroy(&r);

    /* At EL0 it traps while SCTLR_EL1.DZE is 0. */
    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r, TO_EL0 "  dc zva, x0\n")) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, trap_esr(1, 3, 7, 4, 1, 0, false));
    }
    a64_harness_destroy(&r);
}

static void test_counter(gconstpointer backend)
{
    A64Run r;

    vm_start();
    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r,
            "  mrs x0, cntvct_el0\n"
            "  movz x3, #0x1000, lsl #16\n"
            "  add x3, x0, x3\n"
            "  msr cntv_cval_el0, x3\n"
            "  mrs x1, cntv_tval_el0\n"
            "  mrs x4, cntv_ctl_el0\n")) {
        uint64_t first = x(&r, 0);
        uint32_t tval1 = x(&r, 1);

        g_assert_cmpuint(tval1, <=, 0x10000000);
        g_assert_cmpuint(tval1, >, 0);
        g_assert_cmphex(x(&r, 4), ==, 0);
        g_usleep(2000);
        g_assert_true(run_asm(&r, "  mrs x0, cntvct_el0\n  mrs x2, cntv_tval_el0\n"
                                  "  mrs x5, cntpct_el0\n"));
        g_assert_cmpuint(x(&r, 0), >=, first + 2000000 / ARM_GT_NS_PER_TICK);
        g_assert_cmpuint((uint32_t)x(&r, 2), <=, tval1 - 2000000 / ARM_GT_NS_PER_TICK);
        g_assert_cmpuint(x(&r, 5), >=, x(&r, 0));
    }
    arm_gt_cpu_cleanup(r.cpu);
    a64_harness_destroy(&r);
}

/* The PMU minimum: the cycle counter runs while enabled, EL0 needs PMUSERENR_EL0.EN. */
static void test_pmu(gconstpointer backend)
{
    A64Run r;

    vm_start();
    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r,
            "  mrs x0, pmcr_el0\n"
            "  mov x1, #(1 << 2) | 1\n"         /* C: reset, E: enable */
            "  msr pmcr_el0, x1\n"
            "  mov x1, #0x80000000\n"
            "  msr pmcntenset_el0, x1\n"
            "  mrs x2, pmcntenset_el0\n"
            "  mrs x3, pmccntr_el0\n"
            "  mov x9, #0x40000\n"
            "1: subs x9, x9, #1\n"
            "  b.ne 1b\n"
            "  mrs x4, pmccntr_el0\n"
            "  msr pmcntenclr_el0, x1\n"
            "  mrs x5, pmccntr_el0\n"
            "  mrs x6, pmccntr_el0\n"
            "  mrs x7, pmcntenset_el0\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmphex(x(&r, 0) & 0xf800, ==, 0);           /* N = 0 event counters */
        g_assert_cmphex(x(&r, 2), ==, 0x80000000);
        g_assert_cmpuint(x(&r, 4), >, x(&r, 3));
        g_assert_cmpuint(x(&r, 5), >=, x(&r, 4));
        g_assert_cmpuint(x(&r, 6), ==, x(&r, 5));            /* stopped */
        g_assert_cmphex(x(&r, 7), ==, 0);
    }
    a64_harness_destroy(&r);

    a64_harness_init(&r, backend, "cortex-a57");
    if (run_asm(&r, TO_EL0 "  mrs x1, pmuserenr_el0\n  mrs x2, pmccntr_el0\n")) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, trap_esr(3, 3, 9, 13, 0, 2, true));
    }
    a64_harness_destroy(&r);
}

typedef struct TimerProbe {
    ARMCPU *cpu;
    int level;
    int changes;
} TimerProbe;

/* The board's wiring in miniature: timer output -> the CPU's IRQ input. */
static void timer_line(void *opaque, int n, int level)
{
    TimerProbe *p = opaque;

    p->level = level;
    p->changes++;
    arm_cpu_set_irq(p->cpu, CPU_INTERRUPT_HARD, level);
}

static void test_timer_fires(gconstpointer backend)
{
    A64Run r;
    TimerProbe probe = { 0 };
    IRQLine *line;
    int64_t give_up;

    vm_start();
    a64_harness_init(&r, backend, "cortex-a57");
    probe.cpu = r.cpu;
    line = irq_new(timer_line, &probe, 0);
    arm_gt_connect(r.cpu, ARM_GT_VIRT, line);
    g_assert_cmpint(probe.level, ==, 0);
    probe.changes = 0;
    if (!run_asm(&r,
            "  mrs x0, cntvct_el0\n"
            "  add x0, x0, #625\n"               /* 10 us from now */
            "  msr cntv_cval_el0, x0\n"
            "  mov x1, #1\n"
            "  msr cntv_ctl_el0, x1\n")) {
        goto out;
    }
    g_assert_false(r.exception_taken);
    /* The main loop's job here: run expired timers until the line rises. */
    give_up = time_now_ns(TIME_REALTIME) + 5 * 1000000000LL;
    while (!probe.level) {
        g_assert_cmpint(time_now_ns(TIME_REALTIME), <, give_up);
        g_usleep(100);
        bql_lock();
        timers_run_expired();
        bql_unlock();
    }
    g_assert_cmpint(probe.changes, ==, 1);
    g_assert_true(r.cpu->parent.interrupt_request & CPU_INTERRUPT_HARD);

    /* ISTATUS reads as set; unmasking IRQs takes the interrupt (current EL, SP_ELx). */
    g_assert_true(run_asm(&r, "  mrs x2, cntv_ctl_el0\n  msr daifclr, #2\n  nop\n"));
    g_assert_cmphex(x(&r, 2), ==, 5);
    g_assert_true(r.exception_taken);
    g_assert_cmphex(r.vector_offset, ==, 0x280);

    /* IMASK lowers the line at once. */
    g_assert_true(run_asm(&r, "  mov x1, #3\n  msr cntv_ctl_el0, x1\n"));
    g_assert_cmpint(probe.level, ==, 0);
    g_assert_false(r.cpu->parent.interrupt_request & CPU_INTERRUPT_HARD);
out:
    arm_gt_cpu_cleanup(r.cpu);
    irq_free(line);
    a64_harness_destroy(&r);
}

#define PSCI_CALL(fn) "  movz x0, #" #fn " >> 16, lsl #16\n  movk x0, #" #fn " & 0xffff\n  hvc #0\n"

static void test_psci(gconstpointer backend)
{
    A64Run r;
    ARMCPU *second;
    ShutdownCause cause = SHUTDOWN_CAUSE_NONE;
    uint64_t entry = A64_CODE_BASE + 0x1000;
    int ret;

    a64_harness_init(&r, backend, "cortex-a57");
    second = arm_cpu_new("cortex-a57", 1, get_address_space_memory(), &error_abort);
    arm_psci_set_powered_off(second);
    /* The secondary's entry code. */
    st32_le_p(r.ram + (entry - A64_RAM_BASE), 0xd2800541);           /* mov x1, #42 */
    st32_le_p(r.ram + (entry - A64_RAM_BASE) + 4, A64_WFI);
    r.cpu->env.xregs[21] = entry;
    if (!run_asm(&r,
            PSCI_CALL(0x84000000) "  mov x10, x0\n"                 /* PSCI_VERSION */
            "  mov x1, #0x1\n"
            PSCI_CALL(0xc4000004) "  mov x11, x0\n"                 /* AFFINITY_INFO(1) */
            "  mov x1, #0x5\n  mov x2, x21\n  mov x3, #0x1234\n"
            PSCI_CALL(0xc4000003) "  mov x12, x0\n"                 /* CPU_ON(5): absent */
            "  mov x1, #0x1\n  mov x2, x21\n  mov x3, #0x1234\n"
            PSCI_CALL(0xc4000003) "  mov x13, x0\n"                 /* CPU_ON(1) */
            "  mov x1, #0x1\n  mov x2, #0\n"
            PSCI_CALL(0xc4000004) "  mov x14, x0\n"                 /* AFFINITY_INFO(1) */
            "  mov x1, #0x1\n  mov x2, x21\n"
            PSCI_CALL(0xc4000003) "  mov x15, x0\n"                 /* CPU_ON(1) again */
            "  movz x1, #0xc400, lsl #16\n  movk x1, #3\n"
            PSCI_CALL(0x8400000a) "  mov x16, x0\n"                 /* FEATURES(CPU_ON64) */
            "  movz x1, #0x8400, lsl #16\n  movk x1, #0xffff\n"
            PSCI_CALL(0x8400000a) "  mov x17, x0\n"                 /* FEATURES(unknown) */
            PSCI_CALL(0x84000006) "  mov x18, x0\n"                 /* MIGRATE_INFO_TYPE */
            PSCI_CALL(0x840000ff) "  mov x19, x0\n")) {             /* unknown */
        arm_cpu_free(second);
        a64_harness_destroy(&r);
        return;
    }
    g_assert_false(r.exception_taken);
    g_assert_cmphex(x(&r, 10), ==, 0x10000);
    g_assert_cmpint((int64_t)x(&r, 11), ==, 1);                 /* OFF */
    g_assert_cmpint((int64_t)x(&r, 12), ==, PSCI_RET_INVALID_PARAMS);
    g_assert_cmpint((int64_t)x(&r, 13), ==, PSCI_RET_SUCCESS);
    g_assert_cmpint((int64_t)x(&r, 14), ==, 0);                 /* ON */
    g_assert_cmpint((int64_t)x(&r, 15), ==, PSCI_RET_ALREADY_ON);
    g_assert_cmpint((int64_t)x(&r, 16), ==, PSCI_RET_SUCCESS);
    g_assert_cmpint((int64_t)x(&r, 17), ==, PSCI_RET_NOT_SUPPORTED);
    g_assert_cmpint((int64_t)x(&r, 18), ==, 2);
    g_assert_cmpint((int64_t)x(&r, 19), ==, PSCI_RET_NOT_SUPPORTED);

    /* The secondary starts at the entry point with the context ID in X0. */
    g_assert_false(second->parent.halted);
    g_assert_cmphex(second->env.pc, ==, entry);
    do {
        ret = cpu_exec(&second->parent);
    } while (ret == EXCP_INTERRUPT);
    g_assert_cmpint(ret, ==, EXCP_HLT);
    g_assert_cmphex(second->env.xregs[0], ==, 0x1234);
    g_assert_cmpuint(second->env.xregs[1], ==, 42);
    g_assert_cmpuint(arm_current_el(&second->env), ==, 1);
    arm_cpu_free(second);

    /* SYSTEM_OFF: a guest shutdown request, and the CPU stops there. */
    g_assert_true(run_asm(&r, PSCI_CALL(0x84000008) "  mov x1, #7\n"));
    g_assert_false(r.exception_taken);
    g_assert_cmpuint(x(&r, 1), !=, 7);
    g_assert_true(runstate_process_requests(&cause));
    g_assert_cmpint(cause, ==, SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    a64_harness_destroy(&r);
}

static void count_reset(void *opaque)
{
    (*(int *)opaque)++;
}

/*
 * PSCI SYSTEM_RESET (DEN 0022 5.11): a guest reset request, and the calling
 * CPU is off (stopped: a pending interrupt does not wake it) before the
 * request is made. cpu_exec leaves with EXCP_HALTED, not EXCP_HLT, whose
 * "halted = true" in the vCPU thread would undo a reset that the I/O
 * thread already did. The reset brings the CPU back.
 */
static void test_psci_system_reset(gconstpointer backend)
{
    static const uint32_t code[] = {
        0xd2b08000,     /* movz x0, #0x8400, lsl #16 */
        0xf2800120,     /* movk x0, #9: SYSTEM_RESET */
        0xd4000002,     /* hvc #0 */
        0xd28000e1,     /* mov x1, #7: never reached */
        A64_WFI,
    };
    ShutdownCause cause = SHUTDOWN_CAUSE_NONE;
    CPUState *cs;
    A64Run r;
    int resets = 0, ret;

    a64_harness_init(&r, backend, "cortex-a57");
    cs = &r.cpu->parent;
    for (size_t i = 0; i < ARRAY_SIZE(code); i++) {
        st32_le_p(r.ram + (A64_CODE_BASE - A64_RAM_BASE) + 4 * i, code[i]);
    }
    r.cpu->env.pc = A64_CODE_BASE;
    do {
        ret = cpu_exec(cs);
    } while (ret == EXCP_INTERRUPT);
    g_assert_cmpint(ret, ==, EXCP_HALTED);
    g_assert_cmpuint(r.cpu->env.xregs[1], !=, 7);
    g_assert_true(cs->halted);
    g_assert_true(cs->stopped);
    g_assert_cmpuint(r.cpu->env.pstate & PSTATE_DAIF, ==, PSTATE_DAIF);

    reset_handler_register(count_reset, &resets);
    g_assert_false(runstate_process_requests(&cause));
    g_assert_cmpint(resets, ==, 1);
    reset_handler_unregister(count_reset, &resets);
    arm_cpu_reset(cs);
    g_assert_false(cs->halted);
    g_assert_false(cs->stopped);
    a64_harness_destroy(&r);
}

/*
 * FPCR/FPSR: the kept bits read back, FPSR's flags round-trip through the
 * fpu/ status, and with CPACR_EL1.FPEN = 0 an access traps with EC 0x07.
 */
static void test_fpcr_fpsr(gconstpointer backend)
{
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    if (!run_asm(&r, "  mov x1, #0x07c80000\n  msr fpcr, x1\n"
                     "  mrs x2, fpcr\n  mov x3, #0x9f\n  movk x3, #0x0800, lsl #16\n"
                     "  msr fpsr, x3\n  mrs x4, fpsr\n")) {
        a64_harness_destroy(&r);
        return;
    }
    g_assert_false(r.exception_taken);
    g_assert_cmphex(r.cpu->env.xregs[2], ==, 0x07c80000);
    g_assert_cmphex(r.cpu->env.xregs[4], ==, 0x0800009f);
    g_assert_cmpint(r.cpu->env.fp_status.rounding_mode, ==, FLOAT_ROUND_TO_ZERO);
    g_assert_true(r.cpu->env.fp_status.default_nan_mode);
    a64_harness_destroy(&r);

    a64_harness_init(&r, backend, "cortex-a57");
    r.cpu->env.cpacr_el1 = 0;
    g_assert_true(run_asm(&r, "  mrs x0, fpsr\n"));
    g_assert_true(r.exception_taken);
    g_assert_cmphex(r.cpu->env.esr_el[1] >> 26, ==, 0x07);
    g_assert_cmphex(r.cpu->env.elr_el[1], ==, A64_CODE_BASE);
    a64_harness_destroy(&r);
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        { "id-registers", test_id_registers },
        { "round-trips", test_round_trips },
        { "daif-spsel", test_daif_spsel },
        { "el0-access", test_el0_access },
        { "unknown-register", test_unknown_register },
        { "fpcr-fpsr", test_fpcr_fpsr },
        { "tlbi", test_tlbi },
        { "at-par", test_at_par },
        { "dc-zva", test_dc_zva },
        { "counter", test_counter },
        { "pmu", test_pmu },
        { "timer-fires", test_timer_fires },
        { "psci", test_psci },
        { "psci-system-reset", test_psci_system_reset },
    };

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    for (size_t i = 0; i < ARRAY_SIZE(backends); i++) {
        for (size_t t = 0; t < ARRAY_SIZE(tests); t++) {
            char *path = g_strdup_printf("/a64-sys/%s/%s", backends[i], tests[t].name);

            g_test_add_data_func(path, backends[i], tests[t].fn);
            g_free(path);
        }
    }
    return g_test_run();
}
