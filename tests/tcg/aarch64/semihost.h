/*
 * What the bare-metal test programs share: semihosting output and exit,
 * checks, crt0.S's exception frame and hooks, and a few accessors.
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

/*
 * Programs started at EL2/EL3 (crt0.S points VBAR_EL2/EL3 at vectors_elx):
 * elx_handler gets every exception taken there (vector: 4 current EL
 * SP_ELx sync, 5 its IRQ, 8 lower EL sync, 9 its IRQ, ...); run_lower
 * runs fn at the EL and mode spsr names, on stack_top, and comes back when
 * fn ends with the call `how` says (HOW_HVC/SMC/SVC #0xffff), which
 * elx_handler hands to lower_return.
 */
void elx_handler(ExceptionFrame *f, int vector);
uint64_t run_lower(uint64_t (*fn)(void), void *stack_top, uint64_t spsr, int how);
void lower_return(ExceptionFrame *f);
#define HOW_HVC 0
#define HOW_SMC 1
#define HOW_SVC 2

/* ESR_ELx.EC (ARM ARM D17.2.37), and an ESR of a 32-bit instruction (IL = 1). */
#define EC(esr) ((uint32_t)((esr) >> 26) & 0x3f)
#define SYN(ec, iss) ((uint64_t)(ec) << 26 | 1u << 25 | (iss))
/* System registers by name: SYSREG("sctlr_el1"), SET_SYSREG("hcr_el2", v) (with an ISB). */
#define SYSREG(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " name : "=r"(v_)); v_; })
#define SET_SYSREG(name, v) __asm__ volatile("msr " name ", %0\n isb" : : "r"((uint64_t)(v)))

/* -M virt's GIC (distributor and GICv2 CPU interface) and MMIO access. */
#define GICD 0x08000000UL
#define GICC 0x08010000UL
#define REG32(a) (*(volatile uint32_t *)(a))

#endif
