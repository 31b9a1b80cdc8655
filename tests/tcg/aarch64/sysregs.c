/*
 * System registers and PSTATE as a bare-metal program sees them on -M virt
 * -cpu cortex-a57 (ARM ARM D17 for the registers, C5.2 for the special
 * purpose ones): the ID registers of the A57 (its TRM: MIDR 0x411fd070,
 * FP/AdvSIMD, CRC32 and the Cryptographic Extension), CTR_EL0, DCZID_EL0
 * and DC ZVA zeroing exactly one 64-byte block, the thread ID registers,
 * the generic counter, the PMU cycle counter, MPIDR, FPCR/FPSR with flags
 * raised by real FP instructions, NZCV, DAIF, CurrentEL, SPSel, the
 * CPACR_EL1.FPEN traps (EC 0x07) at EL1 and EL0, and PSCI through HVC
 * (Arm DEN 0022: PSCI_VERSION, PSCI_FEATURES).
 *
 * Built -mgeneral-regs-only on purpose: with FP trapped by CPACR_EL1 the
 * compiler must not slip FP/SIMD registers into C code (or the handler),
 * so every FP instruction here is in inline assembly.
 * Exit status: the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define ISS(esr) ((uint32_t)(esr) & 0x1ffffff)

#define READ_SYSREG(name) ({ uint64_t v_; \
        __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define WRITE_SYSREG(name, v) __asm__ volatile("msr " #name ", %0\n isb" : : "r"((uint64_t)(v)))

static volatile uint64_t last_esr, last_elr;
static volatile int taken, last_vector;
static uint8_t el0_stack[4096] __attribute__((aligned(16)));
static uint8_t zva_buf[256] __attribute__((aligned(64)));

void sync_handler(ExceptionFrame *f, int vector)
{
    if (vector == 8 && EC(f->esr) == 0x15 && ISS(f->esr) == 0xffff) {
        el0_return(f);
        return;
    }
    last_esr = f->esr;
    last_elr = f->elr;
    last_vector = vector;
    taken++;
    f->elr += 4;        /* every exception here is skipped over */
}

static void check_id_registers(void)
{
    uint64_t pfr0 = READ_SYSREG(id_aa64pfr0_el1);
    uint64_t isar0 = READ_SYSREG(id_aa64isar0_el1);
    uint64_t mpidr = READ_SYSREG(mpidr_el1);

    CHECK_EQ(READ_SYSREG(midr_el1), 0x411fd070);    /* Arm, r1p0, part 0xd07: Cortex-A57 */
    CHECK((pfr0 & 0xf) != 0);                       /* EL0 implemented (AArch64) */
    CHECK(((pfr0 >> 4) & 0xf) != 0);                /* EL1 */
    CHECK_EQ((pfr0 >> 16) & 0xf, 0);                /* FP implemented */
    CHECK_EQ((pfr0 >> 20) & 0xf, 0);                /* AdvSIMD implemented */
    CHECK_EQ((isar0 >> 4) & 0xf, 2);                /* AES with PMULL */
    CHECK_EQ((isar0 >> 8) & 0xf, 1);                /* SHA1 */
    CHECK_EQ((isar0 >> 12) & 0xf, 1);               /* SHA256 */
    CHECK_EQ((isar0 >> 16) & 0xf, 1);               /* CRC32 */
    CHECK_EQ((isar0 >> 20) & 0xf, 0);               /* no LSE atomics on an A57 */
    /* MPIDR_EL1 (D17.2.101): bit 31 RES1, U = 0 (a multiprocessor), CPU 0. */
    CHECK_EQ(mpidr & (1ULL << 31), 1ULL << 31);
    CHECK_EQ(mpidr & 0xff00ffffffULL, 0);
    /* Unallocated ID space reads as zero (D17.3.1): op0 3, op1 0, CRn 0, CRm 3, op2 7. */
    CHECK_EQ(READ_SYSREG(s3_0_c0_c3_7), 0);
    CHECK_EQ(READ_SYSREG(currentel), 1 << 2);
}

/* CTR_EL0 (D17.2.34), DCZID_EL0 (D17.2.38) and DC ZVA (C5.3.17). */
static void check_cache_and_zva(void)
{
    uint64_t ctr = READ_SYSREG(ctr_el0), dczid = READ_SYSREG(dczid_el0);
    unsigned block = 4u << (dczid & 0xf);

    CHECK_EQ(ctr >> 31 & 1, 1);                     /* RES1 */
    CHECK_EQ((ctr >> 16) & 0xf, 4);                 /* DminLine: 16 words, 64 bytes */
    CHECK_EQ(ctr & 0xf, 4);                         /* IminLine */
    CHECK_EQ(dczid & 0x10, 0);                      /* DZP: DC ZVA allowed */
    CHECK_EQ(block, 64);
    for (unsigned i = 0; i < sizeof(zva_buf); i++) {
        zva_buf[i] = 0xa5;
    }
    /* Any address inside the block zeroes the whole aligned block and nothing else. */
    __asm__ volatile("dc zva, %0" : : "r"(zva_buf + 64 + 13) : "memory");
    for (unsigned i = 0; i < sizeof(zva_buf); i++) {
        uint8_t want = i >= 64 && i < 128 ? 0 : 0xa5;

        if (zva_buf[i] != want) {
            CHECK_EQ(i, ~0u);
            break;
        }
    }
}

static void check_thread_ids(void)
{
    WRITE_SYSREG(tpidr_el0, 0x0123456789abcdefULL);
    WRITE_SYSREG(tpidr_el1, 0xfedcba9876543210ULL);
    WRITE_SYSREG(tpidrro_el0, 0x5555aaaa5555aaaaULL);
    CHECK_EQ(READ_SYSREG(tpidr_el0), 0x0123456789abcdefULL);
    CHECK_EQ(READ_SYSREG(tpidr_el1), 0xfedcba9876543210ULL);
    CHECK_EQ(READ_SYSREG(tpidrro_el0), 0x5555aaaa5555aaaaULL);
    WRITE_SYSREG(tpidr_el0, 0);
    CHECK_EQ(READ_SYSREG(tpidr_el0), 0);
}

/* The generic counter (D11.1.2): CNTFRQ is what firmware set, CNTVCT never goes back. */
static void check_counter(void)
{
    uint64_t prev = READ_SYSREG(cntvct_el0), now = prev;
    unsigned spins = 0;

    CHECK_EQ(READ_SYSREG(cntfrq_el0), 62500000);
    for (int i = 0; i < 1000; i++) {
        now = READ_SYSREG(cntvct_el0);
        if (now < prev) {
            CHECK(now >= prev);
            break;
        }
        prev = now;
    }
    /* And it does move: it counts wall-clock time, 16 ns a tick. */
    while (READ_SYSREG(cntvct_el0) == now && spins < 100000000) {
        spins++;
    }
    CHECK(READ_SYSREG(cntvct_el0) > now);
}

/* PMCCNTR_EL0 counts while PMCR_EL0.E and PMCNTENSET_EL0.C are set (D12.1). */
static void check_cycle_counter(void)
{
    uint64_t a, b;
    unsigned spins = 0;

    WRITE_SYSREG(pmcntenclr_el0, 1ULL << 31);
    WRITE_SYSREG(pmcr_el0, 4);                      /* C: reset the cycle counter, E clear */
    a = READ_SYSREG(pmccntr_el0);
    for (volatile int i = 0; i < 10000; i++) {
    }
    CHECK_EQ(READ_SYSREG(pmccntr_el0), a);          /* stopped: does not move */
    CHECK(a < 1000);
    WRITE_SYSREG(pmcntenset_el0, 1ULL << 31);
    CHECK_EQ(READ_SYSREG(pmcntenset_el0) >> 31 & 1, 1);
    WRITE_SYSREG(pmcr_el0, 1);                      /* E: count */
    a = READ_SYSREG(pmccntr_el0);
    do {
        b = READ_SYSREG(pmccntr_el0);
    } while (b == a && ++spins < 100000000);
    CHECK(b > a);
    WRITE_SYSREG(pmcr_el0, 0);
    a = READ_SYSREG(pmccntr_el0);
    for (volatile int i = 0; i < 10000; i++) {
    }
    CHECK_EQ(READ_SYSREG(pmccntr_el0), a);
    WRITE_SYSREG(pmccntr_el0, 12345);
    CHECK_EQ(READ_SYSREG(pmccntr_el0), 12345);
    WRITE_SYSREG(pmcntenclr_el0, 1ULL << 31);
    CHECK_EQ(READ_SYSREG(pmcntenset_el0) >> 31 & 1, 0);
}

/* FPCR (C5.2.8) and FPSR (C5.2.9); the cumulative flags from real operations (B1.2.3?). */
static uint64_t fp_divide(uint64_t a, uint64_t b)
{
    uint64_t r;

    __asm__ volatile("fmov d0, %1\n fmov d1, %2\n fdiv d2, d0, d1\n fmov %0, d2"
                     : "=r"(r) : "r"(a), "r"(b) : "v0", "v1", "v2");
    return r;
}

#define D_ONE   0x3ff0000000000000ULL
#define D_THREE 0x4008000000000000ULL
#define D_ZERO  0ULL
#define D_TEN   0x4024000000000000ULL

static void check_fp_control(void)
{
    /* AHP, DN, FZ, RMode = 0b11 (towards zero): every bit reads back. */
    WRITE_SYSREG(fpcr, 0x07c00000);
    CHECK_EQ(READ_SYSREG(fpcr), 0x07c00000);
    /* 1/10 is 0x3fb999999999999a to nearest, ...9999 towards zero. */
    CHECK_EQ(fp_divide(D_ONE, D_TEN), 0x3fb9999999999999ULL);
    WRITE_SYSREG(fpcr, 0);
    CHECK_EQ(fp_divide(D_ONE, D_TEN), 0x3fb999999999999aULL);
    CHECK_EQ(READ_SYSREG(fpcr), 0);

    /* QC and the five cumulative flags read back. */
    WRITE_SYSREG(fpsr, 0x0800009f);
    CHECK_EQ(READ_SYSREG(fpsr), 0x0800009f);
    WRITE_SYSREG(fpsr, 0);
    CHECK_EQ(READ_SYSREG(fpsr), 0);
    /* 1/0: divide by zero (DZC, bit 1) and +inf; 1/3: inexact (IXC, bit 4); 0/0: invalid (IOC). */
    CHECK_EQ(fp_divide(D_ONE, D_ZERO), 0x7ff0000000000000ULL);
    CHECK_EQ(READ_SYSREG(fpsr), 1u << 1);
    CHECK_EQ(fp_divide(D_ONE, D_THREE), 0x3fd5555555555555ULL);
    CHECK_EQ(READ_SYSREG(fpsr), 1u << 1 | 1u << 4);
    WRITE_SYSREG(fpsr, 0);
    CHECK_EQ(fp_divide(D_ZERO, D_ZERO), 0x7ff8000000000000ULL);    /* the default NaN */
    CHECK_EQ(READ_SYSREG(fpsr), 1u << 0);
    WRITE_SYSREG(fpsr, 0);
}

/* NZCV (C5.2.10), DAIF (C5.2.2), SPSel (C5.2.16). */
static void check_pstate(void)
{
    uint64_t v, sp_el1, sp_seen, spsel_seen, old_sp_el0;

    WRITE_SYSREG(nzcv, 0xf0000000);
    CHECK_EQ(READ_SYSREG(nzcv), 0xf0000000);
    __asm__ volatile("cmp %1, %2\n mrs %0, nzcv" : "=r"(v) : "r"(1L), "r"(2L) : "cc");
    CHECK_EQ(v, 0x80000000);                        /* 1 - 2: N, borrow (C clear) */
    __asm__ volatile("cmp %1, %1\n mrs %0, nzcv" : "=r"(v) : "r"(5L) : "cc");
    CHECK_EQ(v, 0x60000000);                        /* Z and C */
    WRITE_SYSREG(nzcv, 0x12345678);                 /* only bits 31:28 exist */
    CHECK_EQ(READ_SYSREG(nzcv), 0x10000000);

    CHECK_EQ(READ_SYSREG(daif), 0x3c0);             /* reset: everything masked */
    __asm__ volatile("msr daifclr, #0xf");
    CHECK_EQ(READ_SYSREG(daif), 0);
    __asm__ volatile("msr daifset, #0x2");
    CHECK_EQ(READ_SYSREG(daif), 0x80);
    WRITE_SYSREG(daif, 0x140);                      /* D and F */
    CHECK_EQ(READ_SYSREG(daif), 0x140);
    __asm__ volatile("msr daifset, #0xf");
    CHECK_EQ(READ_SYSREG(daif), 0x3c0);

    /* SPSel: with 0, SP is SP_EL0; back to 1, SP_EL1 is as it was. */
    CHECK_EQ(READ_SYSREG(spsel), 1);
    old_sp_el0 = READ_SYSREG(sp_el0);
    WRITE_SYSREG(sp_el0, 0x1234560);
    __asm__ volatile("mov %0, sp\n"
                     "msr spsel, #0\n"
                     "mrs %2, spsel\n"
                     "mov %1, sp\n"
                     "msr spsel, #1\n"
                     : "=&r"(sp_el1), "=&r"(sp_seen), "=&r"(spsel_seen));
    CHECK_EQ(sp_seen, 0x1234560);
    CHECK_EQ(spsel_seen, 0);
    __asm__ volatile("mov %0, sp" : "=r"(v));
    CHECK_EQ(v, sp_el1);
    /* And the other way: SP written under SPSel 0 lands in SP_EL0. */
    __asm__ volatile("msr spsel, #0\n"
                     "mov x9, sp\n"
                     "add x9, x9, #0x10\n"
                     "mov sp, x9\n"
                     "msr spsel, #1\n" : : : "x9");
    CHECK_EQ(READ_SYSREG(sp_el0), 0x1234570);
    WRITE_SYSREG(sp_el0, old_sp_el0);
}

/* EL0: an FP instruction (trapped or not) and a read of TPIDRRO_EL0. */
static uint64_t user_fp(void)
{
    uint64_t r = 7;

    __asm__ volatile("fmov d0, %0\n fmov %0, d0" : "+r"(r) : : "v0");
    return r;
}

static uint64_t user_tpidrro_write(void)
{
    __asm__ volatile("msr tpidrro_el0, %0" : : "r"(1L));     /* UNDEFINED at EL0 */
    return READ_SYSREG(tpidrro_el0);
}

/* CPACR_EL1.FPEN (D17.2.30): 0b01 traps EL0 only, 0b00 EL0 and EL1, EC 0x07. */
static void check_fp_trap(void)
{
    uint64_t r = 0;

    taken = 0;
    WRITE_SYSREG(cpacr_el1, 1u << 20);
    CHECK_EQ(fp_divide(D_ONE, D_ONE), D_ONE);       /* EL1 still has FP */
    CHECK_EQ(taken, 0);
    CHECK_EQ(run_el0(user_fp, el0_stack + sizeof(el0_stack)), 7);
    CHECK_EQ(taken, 2);                             /* both FMOVs */
    CHECK_EQ(EC(last_esr), 0x07);
    CHECK_EQ(last_vector, 8);

    taken = 0;
    WRITE_SYSREG(cpacr_el1, 0);
    __asm__ volatile("adr %0, 1f\n 1: fmov d0, xzr" : "=r"(r) : : "v0");
    CHECK_EQ(taken, 1);
    CHECK_EQ(EC(last_esr), 0x07);
    CHECK_EQ(last_elr, r);
    CHECK_EQ(last_vector, 4);
    /* FPCR/FPSR accesses are trapped too. */
    taken = 0;
    __asm__ volatile("mrs %0, fpcr" : "+r"(r));
    CHECK_EQ(taken, 1);
    CHECK_EQ(EC(last_esr), 0x07);
    WRITE_SYSREG(cpacr_el1, 3u << 20);
    taken = 0;
    CHECK_EQ(run_el0(user_fp, el0_stack + sizeof(el0_stack)), 7);
    CHECK_EQ(taken, 0);

    /* TPIDRRO_EL0 is read-only at EL0: the write is UNDEFINED (EC 0), the read works. */
    WRITE_SYSREG(tpidrro_el0, 0x77);
    CHECK_EQ(run_el0(user_tpidrro_write, el0_stack + sizeof(el0_stack)), 0x77);
    CHECK_EQ(taken, 1);
    CHECK_EQ(EC(last_esr), 0x00);
}

/* PSCI through HVC #0 (the conduit -M virt advertises without EL2). */
static uint64_t psci_call(uint64_t fn, uint64_t arg)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = arg;
    register uint64_t x2 __asm__("x2") = 0;     /* AFFINITY_INFO: lowest affinity level 0 */

    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : : "x3", "x4", "x5", "x6",
                     "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17",
                     "memory");
    return x0;
}

static void check_psci(void)
{
    uint64_t version = psci_call(0x84000000, 0);

    taken = 0;
    CHECK(version >= 0x10000);                      /* 1.0 or later: PSCI_FEATURES exists */
    CHECK_EQ(version >> 31, 0);
    CHECK_EQ(psci_call(0x8400000a, 0x84000000), 0);                 /* PSCI_VERSION: yes */
    CHECK_EQ(psci_call(0x8400000a, 0x84000008), 0);                 /* SYSTEM_OFF: yes */
    CHECK_EQ((int32_t)psci_call(0x8400000a, 0x8400001f), -1);       /* NOT_SUPPORTED */
    CHECK_EQ((int32_t)psci_call(0x8400001f, 0), -1);                /* unknown function */
    CHECK_EQ(psci_call(0x84000004, 0), 0);          /* AFFINITY_INFO of CPU 0: ON */
    CHECK_EQ(taken, 0);                             /* HVC is the PSCI call, not a trap */
}

int main(void)
{
    check_id_registers();
    check_cache_and_zva();
    check_thread_ids();
    check_counter();
    check_cycle_counter();
    check_fp_control();
    check_pstate();
    check_fp_trap();
    check_psci();
    if (check_failures == 0) {
        semi_puts("sysregs: PASS\n");
    }
    return check_failures;
}
