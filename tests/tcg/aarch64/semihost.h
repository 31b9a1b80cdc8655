/*
 * Semihosting for the bare-metal test programs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SEMIHOST_H
#define SEMIHOST_H

#include <stdint.h>

void semi_puts(const char *s);
void semi_put_hex(uint64_t v);
void semi_exit(int status) __attribute__((noreturn));

/* CHECK(cond): counts and prints a failure with its line. */
extern int check_failures;
#define CHECK(cond) do { if (!(cond)) { check_failed(__LINE__, #cond); } } while (0)
void check_failed(int line, const char *what);
#define CHECK_EQ(a, b) do { uint64_t a_ = (a), b_ = (b); if (a_ != b_) { \
        check_failed(__LINE__, #a " == " #b); semi_puts("  got "); semi_put_hex(a_); \
        semi_puts(" want "); semi_put_hex(b_); semi_puts("\n"); } } while (0)

/* What crt0.S saves on a synchronous exception (see its top comment). */
typedef struct ExceptionFrame {
    uint64_t x[31];
    uint64_t elr, spsr, esr, far;
} ExceptionFrame;

/* Defined by programs that expect exceptions; vector is 4 (current EL) or 8 (from EL0). */
void sync_handler(ExceptionFrame *f, int vector);
/* Runs fn at EL0 on the given stack; returns fn's result (crt0.S). */
uint64_t run_el0(uint64_t (*fn)(void), void *stack_top);
/* In sync_handler, for the SVC #0xffff that ends run_el0's function. */
void el0_return(ExceptionFrame *f);

#endif
