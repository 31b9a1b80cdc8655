/*
 * What -icount makes reproducible, printed so that two runs can be
 * compared byte for byte (tests/tcg/icount.sh): the virtual counter
 * around a loop of a known number of instructions, how many iterations of
 * a busy loop fit between timer interrupts, and the counter at each
 * interrupt, with the CPU both busy and asleep in WFI between ticks.
 * Under -icount shift=4 one instruction is 16 ns, one tick of the 62.5 MHz
 * counter: the loop line says how many ticks 3000 instructions took.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define TIMER_INTID 27
#define TICK 5000               /* counter ticks between interrupts */
#define ROUNDS 6

static volatile int ticks;
static volatile uint64_t spins;
static uint64_t spins_at_tick[ROUNDS], counter_at_tick[ROUNDS];

static uint64_t counter(void)
{
    uint64_t v;

    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
    return v;
}

void irq_handler(void);
void irq_handler(void)
{
    uint32_t iar = REG32(GICC + 0x0c);

    if ((iar & 0x3ff) == TIMER_INTID) {
        if (ticks < ROUNDS) {
            spins_at_tick[ticks] = spins;
            counter_at_tick[ticks] = counter();
        }
        ticks++;
        __asm__ volatile("msr cntv_tval_el0, %0" : : "r"((uint64_t)TICK));
    }
    REG32(GICC + 0x10) = iar;
}

int main(void)
{
    uint64_t before, after, n = 1000;

    /* 1000 iterations of a three-instruction loop. */
    before = counter();
    __asm__ volatile("1: sub %0, %0, #1\n nop\n cbnz %0, 1b" : "+r"(n));
    after = counter();
    semi_puts("loop ticks ");
    semi_put_hex(after - before);
    semi_puts("\n");

    REG32(GICD + 0x000) = 1;
    REG32(GICD + 0x100) = 1u << TIMER_INTID;
    REG32(GICC + 0x004) = 0xff;
    REG32(GICC + 0x000) = 1;
    __asm__ volatile("msr cntv_tval_el0, %0" : : "r"((uint64_t)TICK));
    __asm__ volatile("msr cntv_ctl_el0, %0" : : "r"((uint64_t)1));
    __asm__ volatile("msr daifclr, #2");
    /* Busy for half the ticks, asleep for the rest. */
    while (ticks < ROUNDS / 2) {
        spins++;
    }
    while (ticks < ROUNDS) {
        __asm__ volatile("wfi");
    }
    __asm__ volatile("msr daifset, #2");
    for (int i = 0; i < ROUNDS; i++) {
        semi_puts("tick spins ");
        semi_put_hex(spins_at_tick[i]);
        semi_puts(" counter ");
        semi_put_hex(counter_at_tick[i]);
        semi_puts("\n");
    }
    CHECK(ticks >= ROUNDS);
    if (check_failures == 0) {
        semi_puts("icount: PASS\n");
    }
    return check_failures;
}
