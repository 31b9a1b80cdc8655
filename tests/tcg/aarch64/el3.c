/*
 * EL3 on -M virt,secure=on (and with virtualization=on as well): the
 * program starts at EL3 (crt0.S points VBAR_EL3 at vectors_elx), runs
 * functions at Secure and Non-secure EL1 (and EL2) with run_lower, and
 * checks the ARM ARM's rules (D1.10 routing, D13.2.113 SCR_EL3,
 * D13.2.31 CPTR_EL3): SCR_EL3's RES1/RAO bits, ERET to both Security
 * states, SMC to EL3 (EC 0x17), SCR_EL3.SMD, PSCI over SMC #0, an IRQ
 * routed to EL3 by SCR_EL3.IRQ while EL1 masks it, CPTR_EL3.TFP, EL2/EL3
 * registers UNDEFINED at EL1, HVC and SCR_EL3.HCE, the secure physical
 * timer and SCR_EL3.ST, and, with EL2, an illegal return to Secure EL2.
 * The same image passes on qemu-system-aarch64 -M virt,secure=on.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

extern char vectors_elx[];

#define SPSR_EL1H       0x3c5
#define SPSR_EL2H       0x3c9

#define SCR_NS   (1UL << 0)
#define SCR_IRQ  (1UL << 1)
#define SCR_RES1 (3UL << 4)
#define SCR_SMD  (1UL << 7)
#define SCR_HCE  (1UL << 8)
#define SCR_RW   (1UL << 10)
#define SCR_ST   (1UL << 11)
#define SCR_TWI  (1UL << 12)

static uint8_t lower_stack[8192] __attribute__((aligned(16)));
#define LOWER_SP (lower_stack + sizeof(lower_stack))
/* EL2's own stack, for its exception handler when EL1 code calls it. */
static uint8_t el2_stack[4096] __attribute__((aligned(16)));

static volatile uint64_t el3_esr, el3_spsr;
static volatile int el3_vector, el3_count, el3_irqs;
static volatile uint32_t el3_intid;
static volatile uint64_t el2_esr;
static volatile int el2_count;
static volatile uint64_t el1_esr;
static volatile int el1_syncs;
/* With SMC disabled, EL1 code gets back to EL3 through a WFI trapped by SCR_EL3.TWI. */
static volatile int wfi_returns;

static void gic_enable(uint32_t intid)
{
    REG32(GICD + 0x000) = 1;
    REG32(GICD + 0x100) = 1u << intid;
    REG32(GICC + 0x004) = 0xff;
    REG32(GICC + 0x000) = 1;
}

void elx_handler(ExceptionFrame *f, int vector)
{
    uint32_t ec = EC(f->esr);
    unsigned el = SYSREG("CurrentEL") >> 2;

    if (vector == 5 || vector == 9) {
        uint32_t iar = REG32(GICC + 0x0c);

        el3_intid = iar & 0x3ff;
        el3_vector = vector;
        el3_irqs++;
        SET_SYSREG("cntp_ctl_el0", 0);
        REG32(GICC + 0x10) = iar;
        return;
    }
    if (((ec == 0x16 || ec == 0x17) && (f->esr & 0xffff) == 0xffff) ||
        (ec == 0x01 && (f->spsr & 0xf) == 0x5 && wfi_returns)) {
        lower_return(f);
        return;
    }
    if (el == 2) {
        el2_esr = f->esr;
        el2_count++;
        return;                                     /* HVC: ELR is the next instruction */
    }
    el3_esr = f->esr;
    el3_spsr = f->spsr;
    el3_vector = vector;
    el3_count++;
    if (ec == 0x0e) {
        f->spsr &= ~(1UL << 20);
    } else if (ec != 0x17) {                        /* SMC returns after itself */
        f->elr += 4;
    }
}

void sync_handler(ExceptionFrame *f, int vector)
{
    if (f->esr == SYN(0x15, 0xffff) && wfi_returns) {
        __asm__ volatile("wfi");                    /* to EL3: run_lower returns */
    }
    el1_esr = f->esr;
    el1_syncs++;
    f->elr += 4;
}

static uint64_t lower_current_el(void)
{
    return SYSREG("CurrentEL");
}

static uint64_t lower_smc(void)
{
    __asm__ volatile("smc #0x77");
    return 0;
}

static uint64_t lower_hvc(void)
{
    __asm__ volatile("hvc #0x33");
    return 0;
}

static uint64_t el1_psci_version(void)
{
    register uint64_t x0 __asm__("x0") = 0x84000000;

    __asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
    return x0;
}

static uint64_t el1_fp(void)
{
    __asm__ volatile(".inst 0x9e6703e0");           /* fmov d0, xzr */
    return 0;
}

static uint64_t el1_mrs_scr(void)
{
    __asm__ volatile("mrs x0, scr_el3" : : : "x0");
    return 0;
}

static uint64_t el1_mrs_hcr(void)
{
    __asm__ volatile("mrs x0, hcr_el2" : : : "x0");
    return 0;
}

static uint64_t el1_cntps(void)
{
    __asm__ volatile("mrs x6, cntps_ctl_el1" : : : "x6");
    return 0;
}

static uint64_t el1_masked_timer(void)
{
    SET_SYSREG("cntp_tval_el0", 1000);
    SET_SYSREG("cntp_ctl_el0", 1);
    for (int i = 0; i < 10000000 && el3_irqs == 0; i++) {
        __asm__ volatile("" ::: "memory");
    }
    return SYSREG("daif");
}

static uint64_t run_el1(uint64_t (*fn)(void), uint64_t scr)
{
    SET_SYSREG("scr_el3", scr);
    return run_lower(fn, LOWER_SP, SPSR_EL1H, HOW_SMC);
}

/* Runs fn at EL1; returns the ESR of the one exception it raised at EL3 (or EL1). */
static uint64_t el3_trap(uint64_t (*fn)(void), uint64_t scr)
{
    int before = el3_count;

    run_el1(fn, scr);
    return el3_count == before + 1 ? el3_esr : ~0UL;
}

static uint64_t el1_undef(uint64_t (*fn)(void), uint64_t scr)
{
    int before = el1_syncs;

    run_el1(fn, scr);
    return el1_syncs == before + 1 ? el1_esr : ~0UL;
}

static void test_basics(int has_el2)
{
    uint64_t pfr0 = SYSREG("id_aa64pfr0_el1");

    CHECK_EQ(SYSREG("CurrentEL"), 3 << 2);
    CHECK((pfr0 >> 12 & 0xf) != 0);
    /*
     * With AArch64 only below EL3 (Koine; QEMU's A57 has AArch32),
     * SCR_EL3.RW is RAO/WI and bits 5:4 RES1; Secure state at reset.
     */
    if ((pfr0 >> 4 & 0xf) == 1 && (pfr0 >> 8 & 0xf) <= 1) {
        CHECK_EQ(SYSREG("scr_el3"), SCR_RES1 | SCR_RW);
        SET_SYSREG("scr_el3", 0);
        CHECK_EQ(SYSREG("scr_el3"), SCR_RES1 | SCR_RW);
    }
    CHECK_EQ(SYSREG("scr_el3") & SCR_NS, 0);
    /* ERET to Secure and to Non-secure EL1. */
    CHECK_EQ(run_el1(lower_current_el, SCR_RW), 1 << 2);
    CHECK_EQ(run_el1(lower_current_el, SCR_RW | SCR_NS), 1 << 2);
    CHECK_EQ((SYSREG("id_aa64pfr0_el1") >> 8 & 0xf) != 0, has_el2);
}

static void test_smc(void)
{
    int before;

    CHECK_EQ(el3_trap(lower_smc, SCR_RW | SCR_NS), SYN(0x17, 0x77));
    CHECK_EQ(el3_vector, 8);
    CHECK_EQ(el3_spsr & 0xf, 0x5);                  /* from EL1h */
    CHECK_EQ(el3_trap(lower_smc, SCR_RW), SYN(0x17, 0x77));     /* Secure EL1 too */
    /*
     * SMC #0 from Non-secure EL1 is Koine's PSCI (no firmware: method
     * "smc"). QEMU's virt answers PSCI on HVC here, so there the SMC
     * reaches EL3 like any other: accepted too, reported.
     */
    SET_SYSREG("scr_el3", SCR_RW | SCR_NS);
    before = el3_count;
    if (run_lower(el1_psci_version, LOWER_SP, SPSR_EL1H, HOW_SMC) != 0x10000) {
        CHECK_EQ(el3_count, before + 1);
        CHECK_EQ(el3_esr, SYN(0x17, 0));
        semi_puts("el3: SMC #0 reached EL3 (PSCI not on SMC)\n");
    }
    /* SCR_EL3.SMD: SMC is UNDEFINED, at EL1 and at EL3. */
    wfi_returns = 1;
    el1_syncs = 0;
    SET_SYSREG("scr_el3", SCR_RW | SCR_NS | SCR_SMD | SCR_TWI);
    run_lower(lower_smc, LOWER_SP, SPSR_EL1H, HOW_SVC);
    wfi_returns = 0;
    CHECK_EQ(el1_syncs, 1);
    CHECK_EQ(el1_esr, SYN(0, 0));
    SET_SYSREG("scr_el3", SCR_RW | SCR_SMD);
    __asm__ volatile("smc #0x66");
    CHECK_EQ(el3_esr, SYN(0, 0));
    CHECK_EQ(el3_vector, 4);
    SET_SYSREG("scr_el3", SCR_RW);
}

static void test_irq(void)
{
    gic_enable(30);
    el3_irqs = 0;
    CHECK_EQ(run_el1(el1_masked_timer, SCR_RW | SCR_NS | SCR_IRQ), 0x3c0);
    CHECK_EQ(el3_irqs, 1);
    CHECK_EQ(el3_intid, 30);
    CHECK_EQ(el3_vector, 9);
    SET_SYSREG("scr_el3", SCR_RW);
}

static void test_cptr(void)
{
    SET_SYSREG("cptr_el3", 1u << 10);               /* TFP */
    CHECK_EQ(EC(el3_trap(el1_fp, SCR_RW | SCR_NS)), 0x07);
    __asm__ volatile(".inst 0x9e6703e0");           /* and at EL3 itself */
    CHECK_EQ(EC(el3_esr), 0x07);
    CHECK_EQ(el3_vector, 4);
    SET_SYSREG("cptr_el3", 0);
    CHECK_EQ(run_el1(el1_fp, SCR_RW | SCR_NS), 0);
}

static void test_undef(int has_el2)
{
    CHECK_EQ(el1_undef(el1_mrs_scr, SCR_RW | SCR_NS), SYN(0, 0));
    CHECK_EQ(el1_undef(el1_mrs_hcr, SCR_RW | SCR_NS), SYN(0, 0));
    /* HVC: UNDEFINED without EL2, with SCR_EL3.HCE = 0, and at Secure EL1. */
    CHECK_EQ(el1_undef(lower_hvc, SCR_RW | SCR_NS), SYN(0, 0));
    if (has_el2) {
        int before = el2_count;

        /*
         * Secure EL1 (ARMv8.0 has no Secure EL2): UNDEFINED, as the HVC
         * pseudocode says. QEMU 7.2 takes it to EL2 instead.
         */
        CHECK_EQ(el1_undef(lower_hvc, SCR_RW | SCR_HCE), SYN(0, 0));
        run_el1(lower_hvc, SCR_RW | SCR_NS | SCR_HCE);
        CHECK_EQ(el2_count, before + 1);
        CHECK_EQ(el2_esr, SYN(0x16, 0x33));
    }
}

static void test_secure_timer(void)
{
    SET_SYSREG("cntps_cval_el1", 0x1234);
    CHECK_EQ(SYSREG("cntps_cval_el1"), 0x1234);
    /* Secure EL1: trapped to EL3 unless SCR_EL3.ST (Rt = x6). */
    CHECK_EQ(el3_trap(el1_cntps, SCR_RW),
             SYN(0x18, 3u << 20 | 1u << 17 | 7u << 14 | 14u << 10 | 6u << 5 | 2u << 1 | 1));
    CHECK_EQ(run_el1(el1_cntps, SCR_RW | SCR_ST), 0);
    /* Non-secure EL1: UNDEFINED. */
    CHECK_EQ(el1_undef(el1_cntps, SCR_RW | SCR_NS | SCR_ST), SYN(0, 0));
}

static void test_el2(void)
{
    int before = el3_count;

    SET_SYSREG("scr_el3", SCR_RW | SCR_NS | SCR_HCE);
    CHECK_EQ(run_lower(lower_current_el, LOWER_SP, SPSR_EL2H, HOW_SMC), 2 << 2);
    /* SMC from EL2 to EL3. */
    CHECK_EQ(run_lower(lower_smc, LOWER_SP, SPSR_EL2H, HOW_SMC), 0);
    CHECK_EQ(el3_count, before + 1);
    CHECK_EQ(el3_esr, SYN(0x17, 0x77));
    CHECK_EQ(el3_spsr & 0xf, 0x9);
    /* ERET to EL2 in Secure state (NS = 0): illegal, EC 0x0e at EL3. */
    SET_SYSREG("scr_el3", SCR_RW | SCR_HCE);
    __asm__ volatile("adr x0, 1f\n msr elr_el3, x0\n mov x0, #0x3c9\n msr spsr_el3, x0\n"
                     "eret\n 1: nop" : : : "x0", "memory");
    CHECK_EQ(el3_count, before + 2);
    CHECK_EQ(el3_esr, SYN(0x0e, 0));
    CHECK_EQ(el3_spsr & 0xf, 0xd);
    SET_SYSREG("scr_el3", SCR_RW);
}

int main(void)
{
    int has_el2 = (SYSREG("id_aa64pfr0_el1") >> 8 & 0xf) != 0;

    if (has_el2) {
        SET_SYSREG("hcr_el2", 1UL << 31);           /* HCR_EL2.RW: EL1 is AArch64 */
        SET_SYSREG("vbar_el2", (uint64_t)vectors_elx);
        SET_SYSREG("sp_el2", (uint64_t)(el2_stack + sizeof(el2_stack)));
    }
    test_basics(has_el2);
    test_smc();
    test_irq();
    test_cptr();
    test_undef(has_el2);
    test_secure_timer();
    if (has_el2) {
        test_el2();
    }
    if (check_failures == 0) {
        semi_puts(has_el2 ? "el3: PASS (with EL2)\n" : "el3: PASS (EL3 only)\n");
    }
    return check_failures;
}
