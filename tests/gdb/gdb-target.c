/*
 * The program the gdb stub test debugs (tests/gdb/gdb-test.py): a call
 * chain to break in, a global to print, and a loop that spins until the
 * debugger sets `release`. Built with -g -O0 so gdb sees every line.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

volatile int counter = 42;
/* On its own page, away from code, so gdb can write it. */
volatile int release __attribute__((aligned(4096)));
volatile unsigned long spins;

__attribute__((noinline)) int target_func(int x)
{
    counter += x;
    return counter;
}

__attribute__((noinline)) int caller_func(void)
{
    int base = 1;           /* a local for gdb to print */

    return target_func(5) + base;
}

int main(void)
{
    if (caller_func() != 48) {
        return 1;
    }
    while (!release) {
        spins++;
    }
    semi_puts("gdb-target: released\n");
    return 7;
}
