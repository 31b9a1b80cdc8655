/*
 * Interrupts end to end on -M virt,gic-version=3 through the ICC_* system
 * registers: the redistributor woken as Linux does (GICR_WAKER), the
 * virtual timer (PPI 27) ticking five times, an SGI the CPU sends itself
 * with ICC_SGI1R_EL1, and an SPI made pending with GICD_ISPENDR and routed
 * by GICD_IROUTER. The handler acknowledges with ICC_IAR1_EL1 and ends
 * with ICC_EOIR1_EL1; main sleeps in WFI in between. Exit status 0 when
 * every check holds.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define GICR 0x080a0000UL           /* CPU 0: RD_base; SGI_base 64 KiB above */
#define GICR_SGI (GICR + 0x10000)
#define REG64(a) (*(volatile uint64_t *)(a))
#define TIMER_INTID 27
#define SGI_INTID 1
#define SPI_INTID 40
#define TICK 62500                  /* 1 ms at 62.5 MHz */

static volatile int ticks, sgis, spis, others;
static volatile uint64_t rpr_in_handler;

void irq_handler(void);
void irq_handler(void)
{
    uint64_t intid;

    __asm__ volatile("mrs %0, icc_iar1_el1" : "=r"(intid));
    __asm__ volatile("mrs %0, icc_rpr_el1" : "=r"(rpr_in_handler));
    if (intid == TIMER_INTID) {
        ticks++;
        __asm__ volatile("msr cntv_tval_el0, %0" : : "r"((uint64_t)TICK));
    } else if (intid == SGI_INTID) {
        sgis++;
    } else if (intid == SPI_INTID) {
        spis++;
    } else {
        others++;
    }
    __asm__ volatile("msr icc_eoir1_el1, %0" : : "r"(intid));
}

/*
 * Sleeps until *count reaches n. IRQs are masked around the test and the
 * WFI (which wakes on a pending interrupt even while masked), so one that
 * arrives between the test and the WFI is not slept through.
 */
static void wait_for(volatile int *count, int n)
{
    __asm__ volatile("msr daifset, #2");
    while (*count < n) {
        __asm__ volatile("wfi");
        __asm__ volatile("msr daifclr, #2\n isb\n msr daifset, #2");
    }
    __asm__ volatile("msr daifclr, #2");
}

int main(void)
{
    uint64_t pfr0, sre, ctlr;

    __asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
    CHECK_EQ((pfr0 >> 24) & 0xf, 1);                /* GIC system registers */
    CHECK_EQ((REG32(GICD + 0xffe8) >> 4) & 0xf, 3); /* GICD_PIDR2.ArchRev */
    CHECK_EQ((REG32(GICR + 0xffe8) >> 4) & 0xf, 3);
    CHECK_EQ(REG64(GICR + 0x8) & 0x10, 0x10);       /* GICR_TYPER.Last: one CPU */

    /* Distributor: affinity routing, both groups */
    REG32(GICD + 0x0000) = 0x13;
    CHECK_EQ(REG32(GICD + 0x0000) & 0x13, 0x13);
    /* Redistributor: wake it, wait for ChildrenAsleep to clear */
    REG32(GICR + 0x0014) &= ~2u;
    while (REG32(GICR + 0x0014) & 4) {
    }
    REG32(GICR_SGI + 0x0080) = 0xffffffff;          /* IGROUPR0: all group 1 */
    REG32(GICR_SGI + 0x0400 + TIMER_INTID / 4 * 4) = 0xa0a0a0a0;
    REG32(GICR_SGI + 0x0400) = 0x90909090;          /* SGIs 0..3 */
    REG32(GICR_SGI + 0x0100) = 1u << TIMER_INTID | 1u << SGI_INTID;
    /* SPI 40: group 1, enabled, routed to affinity 0.0.0.0 */
    REG32(GICD + 0x0080 + 4) = 0xffffffff;
    REG32(GICD + 0x0400 + SPI_INTID) = 0x80808080;
    REG64(GICD + 0x6000 + 8 * SPI_INTID) = 0;
    REG32(GICD + 0x0100 + 4) = 1u << (SPI_INTID - 32);

    /* CPU interface */
    __asm__ volatile("mrs %0, icc_sre_el1" : "=r"(sre));
    CHECK_EQ(sre & 1, 1);
    __asm__ volatile("mrs %0, icc_ctlr_el1" : "=r"(ctlr));
    CHECK_EQ((ctlr >> 8) & 7, 4);                   /* 5 priority bits */
    __asm__ volatile("msr icc_pmr_el1, %0" : : "r"((uint64_t)0xff));
    __asm__ volatile("msr icc_bpr1_el1, %0" : : "r"((uint64_t)0));
    __asm__ volatile("msr icc_igrpen1_el1, %0" : : "r"((uint64_t)1));
    __asm__ volatile("isb");

    __asm__ volatile("msr cntv_tval_el0, %0" : : "r"((uint64_t)TICK));
    __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"((uint64_t)1));     /* enabled, unmasked */
    __asm__ volatile("msr daifclr, #2");
    wait_for(&ticks, 5);
    /* The timer stops, so rpr_in_handler is the next interrupt's */
    __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"((uint64_t)0));
    __asm__ volatile("isb");
    /* An SGI to ourselves: Aff3.Aff2.Aff1 = 0, target list bit 0, INTID 1 */
    __asm__ volatile("msr icc_sgi1r_el1, %0" : : "r"((uint64_t)SGI_INTID << 24 | 1));
    __asm__ volatile("isb");
    wait_for(&sgis, 1);
    CHECK_EQ(rpr_in_handler, 0x90);
    /* An SPI made pending by software */
    REG32(GICD + 0x0200 + 4) = 1u << (SPI_INTID - 32);
    wait_for(&spis, 1);
    CHECK_EQ(rpr_in_handler, 0x80);
    /* PMR at the SPI's priority masks it */
    __asm__ volatile("msr icc_pmr_el1, %0" : : "r"((uint64_t)0x80));
    REG32(GICD + 0x0200 + 4) = 1u << (SPI_INTID - 32);
    __asm__ volatile("isb; nop; nop");
    CHECK_EQ(spis, 1);
    __asm__ volatile("msr icc_pmr_el1, %0" : : "r"((uint64_t)0xff));
    __asm__ volatile("isb");
    wait_for(&spis, 2);
    __asm__ volatile("msr daifset, #2");
    CHECK(ticks >= 5);
    CHECK_EQ(sgis, 1);
    CHECK_EQ(others, 0);
    if (check_failures == 0) {
        semi_puts("gicv3-irq: PASS\n");
    }
    return check_failures;
}
