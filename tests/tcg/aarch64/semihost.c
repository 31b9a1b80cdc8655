/*
 * Semihosting calls (HLT #0xf000) for the bare-metal test programs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

int check_failures;

static uint64_t semi_call(uint64_t op, uint64_t arg)
{
    register uint64_t x0 __asm__("x0") = op;
    register uint64_t x1 __asm__("x1") = arg;

    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

void semi_puts(const char *s)
{
    semi_call(0x04, (uint64_t)s);
}

void semi_put_hex(uint64_t v)
{
    char buf[19];

    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 16; i++) {
        unsigned d = (v >> (60 - 4 * i)) & 15;

        buf[2 + i] = d < 10 ? '0' + d : 'a' + d - 10;
    }
    buf[18] = 0;
    semi_puts(buf);
}

void check_failed(int line, const char *what)
{
    char num[12];
    int n = 0;

    check_failures++;
    semi_puts("FAIL line ");
    do {
        num[n++] = '0' + line % 10;
        line /= 10;
    } while (line);
    while (n) {
        char c[2] = { num[--n], 0 };
        semi_puts(c);
    }
    semi_puts(": ");
    semi_puts(what);
    semi_puts("\n");
}

void semi_exit(int status)
{
    static uint64_t block[2];

    block[0] = 0x20026;         /* ADP_Stopped_ApplicationExit */
    block[1] = (uint64_t)status;
    semi_call(0x18, (uint64_t)block);
    for (;;) {
    }
}
