/*
 * Synchronous exceptions as the architecture reports them (ARM ARM D1.10,
 * ESR_EL1 encodings D17.2.37): SVC, BRK, UDF and an unallocated encoding,
 * a data abort on an unassigned physical address, alignment faults
 * (SCTLR_EL1.A, an unaligned access to Device memory with the MMU off, an
 * unaligned exclusive), a PC alignment fault, and from
 * EL0: SVC to the lower-EL vector, a trapped counter read, an UNDEFINED
 * system register access. Each checks EC, ISS, ELR and FAR where they
 * apply. Exit status: the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define ISS(esr) ((uint32_t)(esr) & 0x1ffffff)

static struct {
    uint64_t esr, elr, far, spsr;
} volatile last;                        /* the registers of the last exception */
static volatile int last_vector, taken;
static volatile int skip_insn;          /* handler: resume after the faulting instruction */
static volatile uint64_t resume_at;     /* handler: resume there instead, if set */
static uint8_t el0_stack[4096] __attribute__((aligned(16)));
static volatile uint64_t scratch[4] __attribute__((aligned(16)));

void sync_handler(ExceptionFrame *f, int vector)
{
    if (vector == 8 && EC(f->esr) == 0x15 && ISS(f->esr) == 0xffff) {
        el0_return(f);              /* run_el0's function is done */
        return;
    }
    last.esr = f->esr;
    last.elr = f->elr;
    last.far = f->far;
    last.spsr = f->spsr;
    last_vector = vector;
    taken++;
    if (resume_at) {
        f->elr = resume_at;
        resume_at = 0;
    } else if (skip_insn) {
        f->elr += 4;
    }
}

static void expect(int line, unsigned ec, uint32_t iss, uint64_t elr)
{
    if (taken != 1 || EC(last.esr) != ec || ISS(last.esr) != iss || last.elr != elr) {
        check_failed(line, "exception");
        semi_puts("  taken ");
        semi_put_hex(taken);
        semi_puts(" esr ");
        semi_put_hex(last.esr);
        semi_puts(" elr ");
        semi_put_hex(last.elr);
        semi_puts(" want elr ");
        semi_put_hex(elr);
        semi_puts("\n");
    }
    taken = 0;
}

/* Runs at EL0: an SVC, then a counter read CNTKCTL_EL1 does not allow. */
static uint64_t user_code(void)
{
    uint64_t v = 0;

    __asm__ volatile("svc #0x77");
    __asm__ volatile("mrs %0, cntvct_el0" : "+r"(v));
    return 0x1234;
}

static uint64_t user_sysreg(void)
{
    uint64_t v = 0;

    __asm__ volatile("mrs %0, sctlr_el1" : "+r"(v));    /* UNDEFINED at EL0 */
    return v;
}

int main(void)
{
    uint64_t pc, sctlr, v;

    skip_insn = 0;
    /* SVC: ELR is the next instruction, ISS the immediate. */
    __asm__ volatile("adr %0, 1f\n svc #0x42\n 1:" : "=r"(pc));
    expect(__LINE__, 0x15, 0x42, pc);
    CHECK_EQ(last_vector, 4);

    skip_insn = 1;
    /* BRK: ELR is the BRK itself. */
    __asm__ volatile("adr %0, 1f\n 1: brk #7" : "=r"(pc));
    expect(__LINE__, 0x3c, 7, pc);
    /* UDF and an unallocated encoding: EC 0 (unknown reason), IL set, ISS 0. */
    __asm__ volatile("adr %0, 1f\n 1: udf #0" : "=r"(pc));
    expect(__LINE__, 0x00, 0, pc);
    CHECK(last.esr & (1u << 25));
    __asm__ volatile("adr %0, 1f\n 1: .inst 0x00400000" : "=r"(pc));
    expect(__LINE__, 0x00, 0, pc);

    /* A load from a hole in the physical map: synchronous external abort (DFSC 0x10). */
    __asm__ volatile("adr %0, 1f\n 1: ldr %1, [%2]" : "=&r"(pc), "=r"(v) : "r"(0x7ff00000UL));
    CHECK_EQ(EC(last.esr), 0x25);
    CHECK_EQ(ISS(last.esr) & 0x3f, 0x10);
    CHECK_EQ(last.far, 0x7ff00000UL);
    expect(__LINE__, 0x25, ISS(last.esr), pc);

    /* SCTLR_EL1.A: an unaligned load faults (DFSC 0x21), a store says WnR. */
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr | 2));
    __asm__ volatile("adr %0, 1f\n 1: ldr %w1, [%2]" : "=&r"(pc), "=r"(v) : "r"((uint64_t)scratch + 2));
    CHECK_EQ(last.far, (uint64_t)scratch + 2);
    expect(__LINE__, 0x25, ISS(last.esr), pc);
    CHECK_EQ(ISS(last.esr) & 0x3f, 0x21);
    __asm__ volatile("adr %0, 1f\n 1: str %w1, [%2]" : "=&r"(pc) : "r"(0), "r"((uint64_t)scratch + 1));
    expect(__LINE__, 0x25, ISS(last.esr), pc);
    CHECK(ISS(last.esr) & (1u << 6));
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr));
    /*
     * Without it, an unaligned plain access still faults here: with the MMU
     * off, data accesses are Device-nGnRnE (ARM ARM D8.2.10), which must be
     * aligned (B2.5.2); devmem.c checks Normal memory. An exclusive faults.
     */
    scratch[0] = 0x1122334455667788ULL;
    v = 0x5a;
    __asm__ volatile("adr %0, 1f\n 1: ldr %w1, [%2]" : "=&r"(pc), "+r"(v)
                     : "r"((uint64_t)scratch + 1));
    expect(__LINE__, 0x25, ISS(last.esr), pc);
    CHECK_EQ(ISS(last.esr) & 0x3f, 0x21);
    CHECK_EQ(v, 0x5a);
    __asm__ volatile("adr %0, 1f\n 1: ldxr %1, [%2]" : "=&r"(pc), "=r"(v) : "r"((uint64_t)scratch + 4));
    expect(__LINE__, 0x25, ISS(last.esr), pc);
    CHECK_EQ(ISS(last.esr) & 0x3f, 0x21);

    /* A branch to a misaligned address: PC alignment fault, ELR and FAR the target. */
    skip_insn = 0;
    __asm__ volatile("adr %0, 1f\n str %0, [%1]\n add x9, %0, #2\n br x9\n 1:"
                     : "=&r"(pc) : "r"(&resume_at) : "x9", "memory");
    CHECK_EQ(EC(last.esr), 0x22);
    CHECK_EQ(last.elr, pc + 2);
    CHECK_EQ(last.far, pc + 2);
    taken = 0;

    /* EL0: SVC goes to the lower-EL vector; the counter read traps (CNTKCTL_EL1 = 0). */
    skip_insn = 1;
    __asm__ volatile("msr cntkctl_el1, xzr\n isb");
    v = run_el0(user_code, el0_stack + sizeof(el0_stack));
    CHECK_EQ(v, 0x1234);
    CHECK_EQ(taken, 2);
    CHECK_EQ(last_vector, 8);
    CHECK_EQ(EC(last.esr), 0x18);           /* the MRS: trapped system register access */
    CHECK_EQ(ISS(last.esr) & 1, 1);         /* a read */
    CHECK_EQ((last.spsr >> 2) & 3, 0);      /* from EL0 */
    taken = 0;
    v = run_el0(user_sysreg, el0_stack + sizeof(el0_stack));
    CHECK_EQ(taken, 1);
    CHECK_EQ(EC(last.esr), 0x00);
    CHECK_EQ(last_vector, 8);
    taken = 0;

    if (check_failures == 0) {
        semi_puts("exceptions: PASS\n");
    }
    return check_failures;
}
