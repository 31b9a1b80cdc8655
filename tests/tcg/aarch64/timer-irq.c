/*
 * Interrupts end to end on -M virt: the virtual timer (PPI 11, INTID 27)
 * through the GICv2 to the CPU's IRQ; the handler acknowledges it, re-arms
 * the timer and ends it. main sleeps in WFI between ticks, so wake-up from
 * WFI is tested too. Exit status: 0 after five ticks.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define TIMER_INTID 27
#define TICK 62500              /* 1 ms at 62.5 MHz */

static volatile int ticks;
static volatile uint32_t last_intid;

void irq_handler(void);
void irq_handler(void)
{
    uint32_t iar = REG32(GICC + 0x0c);          /* GICC_IAR */

    last_intid = iar & 0x3ff;
    if (last_intid == TIMER_INTID) {
        ticks++;
        __asm__ volatile("msr cntv_tval_el0, %0" : : "r"((uint64_t)TICK));
    }
    REG32(GICC + 0x10) = iar;                   /* GICC_EOIR */
}

int main(void)
{
    uint64_t frq;

    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
    CHECK_EQ(frq, 62500000);
    REG32(GICD + 0x000) = 1;                    /* GICD_CTLR: enable */
    REG32(GICD + 0x100) = 1u << TIMER_INTID;    /* GICD_ISENABLER0 */
    REG32(GICC + 0x004) = 0xff;                 /* GICC_PMR: let everything through */
    REG32(GICC + 0x000) = 1;                    /* GICC_CTLR: enable */
    __asm__ volatile("msr cntv_tval_el0, %0" : : "r"((uint64_t)TICK));
    __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"((uint64_t)1));     /* enabled, unmasked */
    __asm__ volatile("msr daifclr, #2");        /* IRQs on */
    while (ticks < 5) {
        __asm__ volatile("wfi");
    }
    __asm__ volatile("msr daifset, #2");
    CHECK_EQ(last_intid, TIMER_INTID);
    CHECK(ticks >= 5);
    if (check_failures == 0) {
        semi_puts("timer-irq: PASS\n");
    }
    return check_failures;
}
