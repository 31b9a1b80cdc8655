/*
 * EL2 on -M virt,virtualization=on: the program starts at EL2 (crt0.S
 * points VBAR_EL2 at its vectors_elx table), runs functions at EL1 and
 * EL0 with run_lower, and checks what reaches EL2 (ARM ARM D1.10 routing,
 * D13.2.46 HCR_EL2 traps, ESR_EL2 syndromes of D17.2.37): HVC, WFI with
 * TWI, SMC with TSC, MSR/MRS with TVM/TRVM/TID3, CNTHCTL_EL2, FP with
 * CPTR_EL2.TFP, VPIDR/VMPIDR, a physical IRQ routed to EL2 by IMO while EL1
 * masks it, a virtual IRQ (HCR_EL2.VI) taken at EL1, an EL0 SVC routed to
 * EL2 by TGE, the EL2 physical timer (PPI 10, INTID 26), CNTVOFF_EL2,
 * illegal exception returns (PSTATE.IL, EC 0x0e) and PSCI over SMC.
 * Expected values are the manual's; the same image passes on QEMU
 * (qemu-system-aarch64 -M virt,virtualization=on -semihosting -kernel).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define SPSR_EL1H       0x3c5       /* EL1h, DAIF masked */
#define SPSR_EL1H_IRQ   0x345       /* EL1h, I unmasked */
#define SPSR_EL0T       0x3c0

#define HCR_FMO  (1UL << 3)
#define HCR_IMO  (1UL << 4)
#define HCR_VI   (1UL << 7)
#define HCR_TWI  (1UL << 13)
#define HCR_TID3 (1UL << 18)
#define HCR_TSC  (1UL << 19)
#define HCR_TVM  (1UL << 26)
#define HCR_TGE  (1UL << 27)
#define HCR_HCD  (1UL << 29)
#define HCR_TRVM (1UL << 30)
#define HCR_RW   (1UL << 31)

static uint8_t lower_stack[8192] __attribute__((aligned(16)));
#define LOWER_SP (lower_stack + sizeof(lower_stack))

/* What EL2 saw: the last exception taken there, and the interrupts acknowledged. */
static volatile uint64_t el2_esr, el2_elr, el2_spsr;
static volatile int el2_vector, el2_count;
static volatile uint32_t el2_intid;
static volatile int el2_irqs;
/* What EL1 saw (its sync_handler and irq_handler, through crt0's vectors). */
static volatile uint64_t el1_esr;
static volatile int el1_syncs, el1_irqs;
static volatile uint64_t el1_isr;
static volatile int ack_virq;

static void gic_enable(uint32_t intid)
{
    REG32(GICD + 0x000) = 1;                        /* GICD_CTLR */
    REG32(GICD + 0x100) = 1u << intid;              /* GICD_ISENABLER0 */
    REG32(GICC + 0x004) = 0xff;                     /* GICC_PMR */
    REG32(GICC + 0x000) = 1;                        /* GICC_CTLR */
}

/* Instructions trapped to EL2 with ELR at themselves are skipped on return. */
static int skips_trapped_insn(uint32_t ec)
{
    return ec == 0x01 || ec == 0x17 || ec == 0x18 || ec == 0x07 || ec == 0x00;
}

void elx_handler(ExceptionFrame *f, int vector)
{
    uint32_t ec = EC(f->esr);

    if (vector == 5 || vector == 9) {               /* IRQ from EL2 or from below */
        uint32_t iar = REG32(GICC + 0x0c);

        el2_intid = iar & 0x3ff;
        el2_vector = vector;
        el2_irqs++;
        SET_SYSREG("cntp_ctl_el0", 0);              /* silence both timers */
        SET_SYSREG("cnthp_ctl_el2", 0);
        REG32(GICC + 0x10) = iar;
        return;
    }
    if ((ec == 0x16 || ec == 0x17 || ec == 0x15) && (f->esr & 0xffff) == 0xffff) {
        lower_return(f);                            /* run_lower's function is done */
        return;
    }
    if (ec == 0x16 && (f->esr & 0xffff) == 1) {     /* EL1 asks: drop the virtual IRQ */
        SET_SYSREG("hcr_el2", (SYSREG("hcr_el2") & ~HCR_VI) | HCR_RW);
        ack_virq++;
        return;
    }
    el2_esr = f->esr;
    el2_elr = f->elr;
    el2_spsr = f->spsr;
    el2_vector = vector;
    el2_count++;
    if (ec == 0x0e) {
        f->spsr &= ~(1UL << 20);                    /* clear PSTATE.IL, go on at ELR */
    } else if (skips_trapped_insn(ec)) {
        f->elr += 4;
    }
}

/* EL1's synchronous exceptions (UNDEFINED instructions): record and skip. */
void sync_handler(ExceptionFrame *f, int vector)
{
    el1_esr = f->esr;
    el1_syncs++;
    f->elr += 4;
}

/* EL1's IRQ (the virtual one): ask EL2 to drop it. */
void irq_handler(void);
void irq_handler(void)
{
    el1_irqs++;
    __asm__ volatile("hvc #1");
}

/* ---- Functions run at EL1 (or EL0) ---- */

static uint64_t el1_current_el(void)
{
    return SYSREG("CurrentEL");
}

static uint64_t el1_hvc(void)
{
    __asm__ volatile("hvc #0x1234");
    return 0;
}

static uint64_t el1_wfi(void)
{
    __asm__ volatile("wfi");
    return 0;
}

static uint64_t el1_smc(void)
{
    __asm__ volatile("smc #0x55");
    return 0;
}

/* PSCI_VERSION over SMC #0 (the conduit with virtualization=on). */
static uint64_t el1_psci_version(void)
{
    register uint64_t x0 __asm__("x0") = 0x84000000;

    __asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
    return x0;
}

static uint64_t el1_msr_sctlr(void)
{
    __asm__ volatile("mrs x2, sctlr_el1\n msr sctlr_el1, x2" : : : "x2");
    return 0;
}

static uint64_t el1_mrs_ttbr0(void)
{
    __asm__ volatile("mrs x3, ttbr0_el1" : : : "x3");
    return 0;
}

static uint64_t el1_mrs_pfr0(void)
{
    __asm__ volatile("mrs x4, id_aa64pfr0_el1" : : : "x4");
    return 0;
}

static uint64_t el1_mrs_cntpct(void)
{
    __asm__ volatile("mrs x5, cntpct_el0" : : : "x5");
    return 0;
}

static uint64_t el1_fp(void)
{
    __asm__ volatile(".inst 0x9e6703e0");           /* fmov d0, xzr */
    return 0;
}

static uint64_t el1_midr(void)
{
    return SYSREG("midr_el1");
}

static uint64_t el1_mpidr(void)
{
    return SYSREG("mpidr_el1");
}

static uint64_t el1_hvc_undef(void)
{
    __asm__ volatile("hvc #7");
    return 0;
}

static uint64_t el1_cntvct(void)
{
    return SYSREG("cntvct_el0");
}

/* Arms the EL1 physical timer and spins with IRQs masked until EL2 has taken it. */
static uint64_t el1_masked_timer(void)
{
    SET_SYSREG("cntp_tval_el0", 1000);
    SET_SYSREG("cntp_ctl_el0", 1);
    for (int i = 0; i < 10000000 && el2_irqs == 0; i++) {
        __asm__ volatile("" ::: "memory");
    }
    return SYSREG("daif");
}

/* With HCR_EL2.VI pending: ISR_EL1 shows it; unmasking takes it at EL1. */
static uint64_t el1_virq(void)
{
    el1_isr = SYSREG("isr_el1");
    __asm__ volatile("msr daifclr, #2");
    for (int i = 0; i < 1000000 && el1_irqs == 0; i++) {
        __asm__ volatile("" ::: "memory");
    }
    __asm__ volatile("msr daifset, #2");
    return SYSREG("isr_el1");
}

static uint64_t el0_svc(void)
{
    __asm__ volatile("svc #0x12");
    return 0;
}

static uint64_t run_el1(uint64_t (*fn)(void))
{
    return run_lower(fn, LOWER_SP, SPSR_EL1H, HOW_HVC);
}

/* Runs fn at EL1 expecting one exception at EL2; returns its ESR. */
static uint64_t trap_el1(uint64_t (*fn)(void))
{
    int before = el2_count;

    run_el1(fn);
    return el2_count == before + 1 ? el2_esr : ~0UL;
}

static void test_basics(void)
{
    uint64_t pfr0 = SYSREG("id_aa64pfr0_el1");

    CHECK_EQ(SYSREG("CurrentEL"), 2 << 2);
    /* ID_AA64PFR0_EL1: EL2 implemented, EL3 not. */
    CHECK((pfr0 >> 8 & 0xf) != 0);
    CHECK_EQ(pfr0 >> 12 & 0xf, 0);
    /* HCR_EL2.RW is RAO/WI when EL1 is AArch64 only (Koine; QEMU's A57 has AArch32). */
    if ((pfr0 >> 4 & 0xf) == 1) {
        SET_SYSREG("hcr_el2", 0);
        CHECK_EQ(SYSREG("hcr_el2"), HCR_RW);
    }
    SET_SYSREG("hcr_el2", HCR_RW);
    CHECK_EQ(run_el1(el1_current_el), 1 << 2);
}

static void test_hvc(void)
{
    CHECK_EQ(trap_el1(el1_hvc), SYN(0x16, 0x1234));
    CHECK_EQ(el2_vector, 8);                        /* lower EL, AArch64, sync */
    CHECK_EQ(el2_spsr & 0x3cf, SPSR_EL1H);
    /* HVC at EL2 itself: current EL, SP_EL2. */
    __asm__ volatile("hvc #0x99");
    CHECK_EQ(el2_esr, SYN(0x16, 0x99));
    CHECK_EQ(el2_vector, 4);
    /* HCR_EL2.HCD (no EL3): HVC is UNDEFINED at EL1 (run_lower returns with a trapped SMC). */
    SET_SYSREG("hcr_el2", HCR_HCD | HCR_TSC | HCR_RW);
    el1_syncs = 0;
    run_lower(el1_hvc_undef, LOWER_SP, SPSR_EL1H, HOW_SMC);
    CHECK_EQ(el1_syncs, 1);
    CHECK_EQ(el1_esr, SYN(0, 0));
    SET_SYSREG("hcr_el2", HCR_RW);
}

static void test_traps(void)
{
    uint64_t cptr;

    SET_SYSREG("hcr_el2", HCR_TWI | HCR_RW);
    CHECK_EQ(trap_el1(el1_wfi), SYN(0x01, 1u << 24 | 0xeu << 20));
    SET_SYSREG("hcr_el2", HCR_TSC | HCR_RW);
    CHECK_EQ(trap_el1(el1_smc), SYN(0x17, 0x55));
    /* TVM traps the write (Rt = x2), not the read; TRVM the read (x3). */
    SET_SYSREG("hcr_el2", HCR_TVM | HCR_RW);
    CHECK_EQ(trap_el1(el1_msr_sctlr), SYN(0x18, 3u << 20 | 1u << 10 | 2u << 5));
    SET_SYSREG("hcr_el2", HCR_TRVM | HCR_RW);
    CHECK_EQ(trap_el1(el1_mrs_ttbr0), SYN(0x18, 3u << 20 | 2u << 10 | 3u << 5 | 1));
    SET_SYSREG("hcr_el2", HCR_TID3 | HCR_RW);
    CHECK_EQ(trap_el1(el1_mrs_pfr0), SYN(0x18, 3u << 20 | 4u << 1 | 4u << 5 | 1));
    SET_SYSREG("hcr_el2", HCR_RW);
    /* Without TSC, SMC #0 is PSCI (method "smc"): PSCI_VERSION 1.x. */
    CHECK_EQ(run_el1(el1_psci_version) >> 16, 1);
    /* CNTHCTL_EL2.EL1PCTEN = 0: the physical counter traps at EL1. */
    SET_SYSREG("cnthctl_el2", 2);
    CHECK_EQ(trap_el1(el1_mrs_cntpct), SYN(0x18, 3u << 20 | 3u << 14 | 14u << 10 | 5u << 5 |
                                                 0u << 1 | 1 | 1u << 17));
    SET_SYSREG("cnthctl_el2", 3);
    /* CPTR_EL2.TFP: FP at EL1 traps to EL2 with EC 0x07 (CPACR_EL1 allows it). */
    cptr = 0x33ff;                                  /* RES1 bits, what Linux writes */
    SET_SYSREG("cptr_el2", cptr | 1u << 10);
    CHECK_EQ(EC(trap_el1(el1_fp)), 0x07);
    SET_SYSREG("cptr_el2", cptr);
    CHECK_EQ(run_el1(el1_fp), 0);                   /* and no trap without it */
}

static void test_ids(void)
{
    uint64_t midr = SYSREG("midr_el1"), mpidr = SYSREG("mpidr_el1");

    /* VPIDR/VMPIDR reset to the real values, then replace them at EL1 only. */
    CHECK_EQ(SYSREG("vpidr_el2"), midr);
    CHECK_EQ(SYSREG("vmpidr_el2"), mpidr);
    CHECK_EQ(run_el1(el1_midr), midr);
    SET_SYSREG("vpidr_el2", 0x12345678);
    SET_SYSREG("vmpidr_el2", 0x80000055);
    CHECK_EQ(run_el1(el1_midr), 0x12345678);
    CHECK_EQ(run_el1(el1_mpidr), 0x80000055);
    CHECK_EQ(SYSREG("midr_el1"), midr);
    SET_SYSREG("vpidr_el2", midr);
    SET_SYSREG("vmpidr_el2", mpidr);
}

static void test_irq_routing(void)
{
    gic_enable(30);                                 /* EL1 physical timer, PPI 14 */
    SET_SYSREG("hcr_el2", HCR_IMO | HCR_RW);
    el2_irqs = 0;
    /* EL1 masks IRQs (DAIF all set), yet the interrupt goes to EL2. */
    CHECK_EQ(run_el1(el1_masked_timer), 0x3c0);
    CHECK_EQ(el2_irqs, 1);
    CHECK_EQ(el2_intid, 30);
    CHECK_EQ(el2_vector, 9);                        /* IRQ from a lower EL */
    SET_SYSREG("hcr_el2", HCR_RW);
}

static void test_virtual_irq(void)
{
    el1_irqs = 0;
    ack_virq = 0;
    SET_SYSREG("hcr_el2", HCR_IMO | HCR_VI | HCR_RW);
    CHECK_EQ(run_el1(el1_virq), 0);                 /* ISR_EL1 clear after EL2 dropped VI */
    CHECK_EQ(el1_isr, 1u << 7);                     /* ISR_EL1.I: the virtual IRQ */
    CHECK_EQ(el1_irqs, 1);
    CHECK_EQ(ack_virq, 1);
    CHECK_EQ(SYSREG("hcr_el2") & HCR_VI, 0);
    SET_SYSREG("hcr_el2", HCR_RW);
}

static void test_tge(void)
{
    int before = el2_count;

    SET_SYSREG("hcr_el2", HCR_TGE | HCR_RW);
    run_lower(el0_svc, LOWER_SP, SPSR_EL0T, HOW_SVC);
    CHECK_EQ(el2_count, before + 1);
    CHECK_EQ(el2_esr, SYN(0x15, 0x12));
    CHECK_EQ(el2_vector, 8);
    SET_SYSREG("hcr_el2", HCR_RW);
}

static void test_hyp_timer(void)
{
    gic_enable(26);                                 /* EL2 physical timer, PPI 10 */
    /* IRQs reach EL2 only when routed there: with IMO = 0 they are EL1's, not taken here. */
    SET_SYSREG("hcr_el2", HCR_IMO | HCR_RW);
    el2_irqs = 0;
    SET_SYSREG("cnthp_tval_el2", 1000);
    SET_SYSREG("cnthp_ctl_el2", 1);
    /*
     * WFI with IRQs masked (a pending interrupt still wakes it), then take
     * it: with them unmasked, the one-shot interrupt could be taken between
     * the test of el2_irqs and the WFI, which would then sleep for ever.
     */
    for (int i = 0; i < 100 && el2_irqs == 0; i++) {
        __asm__ volatile("wfi\n msr daifclr, #2\n isb\n msr daifset, #2");
    }
    SET_SYSREG("hcr_el2", HCR_RW);
    CHECK_EQ(el2_irqs, 1);
    CHECK_EQ(el2_intid, 26);
    CHECK_EQ(el2_vector, 5);                        /* IRQ at the current EL, SP_EL2 */
}

static void test_cntvoff(void)
{
    uint64_t off = 1UL << 32, pct, vct, vct1;

    SET_SYSREG("cntvoff_el2", off);
    pct = SYSREG("cntpct_el0");
    vct = SYSREG("cntvct_el0");
    CHECK(pct - vct <= off && pct - vct > off - 1000000);
    vct1 = run_el1(el1_cntvct);
    pct = SYSREG("cntpct_el0");
    CHECK(pct - vct1 >= off && pct - vct1 < off + 1000000);
    SET_SYSREG("cntvoff_el2", 0);
}

static void test_illegal_return(void)
{
    int before = el2_count;

    /* ERET to EL3, which does not exist: PSTATE.IL, then EC 0x0e at ELR in EL2. */
    __asm__ volatile("adr x0, 1f\n msr elr_el2, x0\n mov x0, #0x3cd\n msr spsr_el2, x0\n"
                     "eret\n 1: nop" : : : "x0", "memory");
    CHECK_EQ(el2_count, before + 1);
    CHECK_EQ(el2_esr, SYN(0x0e, 0));
    CHECK_EQ(el2_vector, 4);
    CHECK(el2_spsr & (1u << 20));                   /* SPSR_EL2.IL */
    CHECK_EQ(el2_spsr & 0xf, 0x9);                  /* still EL2h */
    /* ERET to EL1 with HCR_EL2.TGE: illegal too. */
    SET_SYSREG("hcr_el2", HCR_TGE | HCR_RW);
    __asm__ volatile("adr x0, 1f\n msr elr_el2, x0\n mov x0, #0x3c5\n msr spsr_el2, x0\n"
                     "eret\n 1: nop" : : : "x0", "memory");
    SET_SYSREG("hcr_el2", HCR_RW);
    CHECK_EQ(el2_count, before + 2);
    CHECK_EQ(el2_esr, SYN(0x0e, 0));
    CHECK_EQ(el2_spsr & 0xf, 0x9);
}

int main(void)
{
    SET_SYSREG("hcr_el2", HCR_RW);                  /* EL1 is AArch64 */
    test_basics();
    test_hvc();
    test_traps();
    test_ids();
    test_irq_routing();
    test_virtual_irq();
    test_tge();
    test_hyp_timer();
    test_cntvoff();
    test_illegal_return();
    if (check_failures == 0) {
        semi_puts("el2: PASS\n");
    }
    return check_failures;
}
