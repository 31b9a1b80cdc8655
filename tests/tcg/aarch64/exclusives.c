/*
 * The exclusives and ordered accesses (ARM ARM B2.9 "Synchronization and
 * semaphores", C6.2 for each instruction): LDXR/STXR of every size succeed
 * (status 0) and store; a STXR without a reservation (none taken, after
 * CLREX, or after the STXR that used it) fails (status 1) and leaves memory
 * alone; LDXP/STXP of W and X pairs; the acquire/release forms LDAXR,
 * STLXR, LDAXP, STLXP, LDAR, STLR; exclusives and LDAR at an unaligned
 * address are alignment faults whatever SCTLR_EL1.A says; a spinlock and
 * an atomic counter built from them. What the architecture leaves open is
 * not asserted: whether a plain store by the same CPU to the monitored
 * address clears the monitor, or whether a STXR to another address than
 * the LDXR's succeeds.
 *
 * On a CPU with the v8.1 atomics (ID_AA64ISAR0_EL1.Atomic = 2, -cpu max)
 * the LSE instructions are checked too (LDADD, LDCLR, LDEOR, LDSET, the
 * min/max forms, SWP, CAS, CASP); without them they must be UNDEFINED.
 *
 * Exclusives to Device memory are not required to work (B2.9.6), and with
 * the MMU off every access is Device-nGnRnE, so the MMU goes on first with
 * an identity map of 1 GiB blocks: [0, 1G) Device, [1G, 2G) Normal.
 * Exit status: the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define ISS(esr) ((uint32_t)(esr) & 0x1ffffff)

static uint64_t l1_table[512] __attribute__((aligned(4096)));
static volatile uint64_t mem[8] __attribute__((aligned(64)));
static volatile uint64_t last_esr, last_far;
static volatile int taken;

void sync_handler(ExceptionFrame *f, int vector __attribute__((unused)))
{
    last_esr = f->esr;
    last_far = f->far;
    taken++;
    f->elr += 4;
}

static void mmu_on(void)
{
    uint64_t sctlr;

    /* Block descriptors (D8.3.2): AF, AttrIndx, SH inner, XN for the devices. */
    l1_table[0] = 0x0000000000000401ULL | 3ULL << 53;
    l1_table[1] = 0x0000000040000701ULL | 1ULL << 2;
    __asm__ volatile("msr mair_el1, %0" : : "r"(0xff00ULL));
    __asm__ volatile("msr tcr_el1, %0" : : "r"(25ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 |
                                               1ULL << 23 | 2ULL << 32));
    __asm__ volatile("msr ttbr0_el1, %0\n dsb ish\n tlbi vmalle1\n dsb ish\n isb"
                     : : "r"(l1_table) : "memory");
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr = (sctlr | 1 | 1 << 2 | 1 << 12) & ~2ULL;         /* M, C, I on; A off */
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");
}

/* Each size: LDXR then STXR of a new value; returns STXR's status. */
#define LDX_STX(sfx, reg, addr, newv, oldp) ({ uint64_t st_; \
        __asm__ volatile("ldxr" sfx " %" reg "1, [%2]\n stxr" sfx " %w0, %" reg "3, [%2]" \
                         : "=&r"(st_), "=&r"(*(oldp)) : "r"(addr), "r"(newv) : "memory"); \
        st_; })

static uint64_t stxr(volatile void *addr, uint64_t v)
{
    uint64_t st;

    __asm__ volatile("stxr %w0, %1, [%2]" : "=&r"(st) : "r"(v), "r"(addr) : "memory");
    return st;
}

static uint64_t ldxr(volatile void *addr)
{
    uint64_t v;

    __asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
    return v;
}

static void check_basic(void)
{
    uint64_t old = 0;

    mem[0] = 0x8877665544332211ULL;
    CHECK_EQ(LDX_STX("b", "w", mem, 0xaaULL, &old), 0);
    CHECK_EQ(old, 0x11);
    CHECK_EQ(mem[0], 0x88776655443322aaULL);
    CHECK_EQ(LDX_STX("h", "w", (uint8_t *)mem + 2, 0xbbbbULL, &old), 0);
    CHECK_EQ(old, 0x4433);
    CHECK_EQ(mem[0], 0x88776655bbbb22aaULL);
    CHECK_EQ(LDX_STX("", "w", (uint8_t *)mem + 4, 0xccccccccULL, &old), 0);
    CHECK_EQ(old, 0x88776655);
    CHECK_EQ(mem[0], 0xccccccccbbbb22aaULL);
    CHECK_EQ(LDX_STX("", "x", mem, 0x0123456789abcdefULL, &old), 0);
    CHECK_EQ(old, 0xccccccccbbbb22aaULL);
    CHECK_EQ(mem[0], 0x0123456789abcdefULL);

    /* No reservation: fails, memory unchanged. The used reservation is gone too. */
    __asm__ volatile("clrex");
    CHECK_EQ(stxr(mem, 1), 1);
    CHECK_EQ(mem[0], 0x0123456789abcdefULL);
    CHECK_EQ(ldxr(mem), 0x0123456789abcdefULL);
    CHECK_EQ(stxr(mem, 2), 0);
    CHECK_EQ(stxr(mem, 3), 1);
    CHECK_EQ(mem[0], 2);
    /* CLREX between them. */
    CHECK_EQ(ldxr(mem), 2);
    __asm__ volatile("clrex #15" : : : "memory");
    CHECK_EQ(stxr(mem, 4), 1);
    CHECK_EQ(mem[0], 2);
    /*
     * A store by this CPU to the monitored address in between: the
     * architecture lets the monitor stay open or not (B2.9.5). Only the
     * consistency of the outcome is checked.
     */
    CHECK_EQ(ldxr(mem), 2);
    mem[0] = 7;
    {
        uint64_t st = stxr(mem, 8);

        CHECK(st <= 1);
        CHECK_EQ(mem[0], st ? 7 : 8);
    }
    CHECK_EQ(taken, 0);
}

/* LDXP/STXP (C6.2.167, C6.2.347): W pairs (8-byte aligned) and X pairs (16). */
static void check_pairs(void)
{
    uint64_t a, b, st;

    mem[2] = 0x1111111122222222ULL;
    mem[3] = 0x3333333344444444ULL;
    __asm__ volatile("ldxp %1, %2, [%3]\n stxp %w0, %4, %5, [%3]"
                     : "=&r"(st), "=&r"(a), "=&r"(b)
                     : "r"(&mem[2]), "r"(0xa0ULL), "r"(0xb0ULL) : "memory");
    CHECK_EQ(st, 0);
    CHECK_EQ(a, 0x1111111122222222ULL);
    CHECK_EQ(b, 0x3333333344444444ULL);
    CHECK_EQ(mem[2], 0xa0);
    CHECK_EQ(mem[3], 0xb0);
    __asm__ volatile("ldaxp %w1, %w2, [%3]\n stlxp %w0, %w4, %w5, [%3]"
                     : "=&r"(st), "=&r"(a), "=&r"(b)
                     : "r"(&mem[3]), "r"(0x12345678ULL), "r"(0x9abcdef0ULL) : "memory");
    CHECK_EQ(st, 0);
    CHECK_EQ(a, 0xb0);
    CHECK_EQ(b, 0);
    CHECK_EQ(mem[3], 0x9abcdef012345678ULL);
    /* Without a reservation the pair fails whole. */
    __asm__ volatile("clrex\n stxp %w0, %1, %2, [%3]"
                     : "=&r"(st) : "r"(1ULL), "r"(2ULL), "r"(&mem[2]) : "memory");
    CHECK_EQ(st, 1);
    CHECK_EQ(mem[2], 0xa0);
    CHECK_EQ(mem[3], 0x9abcdef012345678ULL);
}

/* The acquire/release forms behave the same on one CPU; they must decode and work. */
static void check_ordered(void)
{
    uint64_t v, st;

    mem[4] = 5;
    __asm__ volatile("ldaxr %1, [%2]\n add %1, %1, #1\n stlxr %w0, %1, [%2]"
                     : "=&r"(st), "=&r"(v) : "r"(&mem[4]) : "memory");
    CHECK_EQ(st, 0);
    CHECK_EQ(mem[4], 6);
    __asm__ volatile("ldaxrh %w1, [%2]\n stxrh %w0, %w3, [%2]"
                     : "=&r"(st), "=&r"(v) : "r"(&mem[4]), "r"(0x10006ULL) : "memory");
    CHECK_EQ(st, 0);
    CHECK_EQ(v, 6);
    CHECK_EQ(mem[4], 6);            /* a halfword store of 0x0006 */
    v = 0x55;
    __asm__ volatile("stlr %0, [%1]" : : "r"(v), "r"(&mem[5]) : "memory");
    __asm__ volatile("ldar %0, [%1]" : "=r"(v) : "r"(&mem[5]) : "memory");
    CHECK_EQ(v, 0x55);
    v = 0x1ff;
    __asm__ volatile("stlrb %w0, [%1]\n ldarb %w0, [%1]" : "+r"(v) : "r"(&mem[5]) : "memory");
    CHECK_EQ(v, 0xff);
    __asm__ volatile("ldarh %w0, [%1]" : "=r"(v) : "r"(&mem[5]) : "memory");
    CHECK_EQ(v, 0xff);
    __asm__ volatile("ldar %w0, [%1]" : "=r"(v) : "r"(&mem[5]) : "memory");
    CHECK_EQ(v, 0xff);
}

/* Alignment faults (B2.5.2): exclusives and ordered accesses need natural alignment. */
static void check_alignment(void)
{
    volatile uint8_t *p = (volatile uint8_t *)&mem[6];
    uint64_t v = 0x99, st = 0x99, a = 0x99, b = 0x99;

    taken = 0;
    __asm__ volatile("ldxr %0, [%1]" : "+r"(v) : "r"(p + 4) : "memory");
    CHECK_EQ(taken, 1);
    CHECK_EQ(EC(last_esr), 0x25);
    CHECK_EQ(ISS(last_esr) & 0x7f, 0x21);
    CHECK_EQ(last_far, (uint64_t)p + 4);
    CHECK_EQ(v, 0x99);
    __asm__ volatile("ldxrh %w0, [%1]" : "+r"(v) : "r"(p + 1) : "memory");
    CHECK_EQ(taken, 2);
    CHECK_EQ(last_far, (uint64_t)p + 1);
    __asm__ volatile("ldxr %w0, [%1]" : "+r"(v) : "r"(p + 2) : "memory");
    CHECK_EQ(taken, 3);
    /*
     * STXR: alignment is checked before the monitor (the pseudocode's
     * AArch64.ExclusiveMonitorsPass), so it faults even though the monitor
     * holds another address: a store (WnR), status register untouched.
     * (QEMU 7.2 checks the monitor first and returns 1 instead.)
     */
    __asm__ volatile("ldxr %w0, [%1]" : "=r"(v) : "r"(p) : "memory");
    __asm__ volatile("stxr %w0, %w1, [%2]" : "+r"(st) : "r"(0ULL), "r"(p + 2) : "memory");
    CHECK_EQ(taken, 4);
    CHECK_EQ(ISS(last_esr) & 0x7f, 0x40 | 0x21);
    CHECK_EQ(last_far, (uint64_t)p + 2);
    CHECK_EQ(st, 0x99);
    /* A pair must be aligned to its total size: 16 for X registers. */
    __asm__ volatile("ldxp %0, %1, [%2]" : "+&r"(a), "+&r"(b) : "r"(&mem[5]) : "memory");
    CHECK_EQ(taken, 5);
    CHECK_EQ(last_far, (uint64_t)&mem[5]);
    CHECK_EQ(a, 0x99);
    __asm__ volatile("ldxp %w0, %w1, [%2]" : "+&r"(a), "+&r"(b) : "r"(p + 4) : "memory");
    CHECK_EQ(taken, 6);
    __asm__ volatile("ldar %0, [%1]" : "+r"(v) : "r"(p + 1) : "memory");
    CHECK_EQ(taken, 7);
    CHECK_EQ(ISS(last_esr) & 0x7f, 0x21);
    __asm__ volatile("stlrh %w0, [%1]" : : "r"(0ULL), "r"(p + 3) : "memory");
    CHECK_EQ(taken, 8);
    CHECK_EQ(ISS(last_esr) & 0x7f, 0x40 | 0x21);
    /* Aligned ones still work. */
    __asm__ volatile("ldxp %w0, %w1, [%2]\n clrex" : "=&r"(a), "=&r"(b) : "r"(p) : "memory");
    CHECK_EQ(taken, 8);
}

/* A test-and-set spinlock and a fetch-and-add counter, the way C11 atomics compile. */
static volatile uint32_t lock;
static volatile uint64_t counter, plain_counter;

static void spin_lock(volatile uint32_t *l)
{
    uint32_t v, st;

    __asm__ volatile("sevl\n"
                     "1: wfe\n"
                     "2: ldaxr %w0, [%2]\n"
                     "cbnz %w0, 1b\n"
                     "stxr %w1, %w3, [%2]\n"
                     "cbnz %w1, 2b\n"
                     : "=&r"(v), "=&r"(st) : "r"(l), "r"(1u) : "memory");
}

static void spin_unlock(volatile uint32_t *l)
{
    __asm__ volatile("stlr wzr, [%0]" : : "r"(l) : "memory");
}

static uint64_t fetch_add(volatile uint64_t *p, uint64_t n)
{
    uint64_t old, tmp;
    uint32_t st;

    __asm__ volatile("1: ldaxr %0, [%3]\n"
                     "add %1, %0, %4\n"
                     "stlxr %w2, %1, [%3]\n"
                     "cbnz %w2, 1b\n"
                     : "=&r"(old), "=&r"(tmp), "=&r"(st) : "r"(p), "r"(n) : "memory");
    return old;
}

static void check_lock_and_counter(void)
{
    uint64_t sum = 0;

    for (unsigned i = 0; i < 1000; i++) {
        sum += fetch_add(&counter, i);
        spin_lock(&lock);
        CHECK_EQ(lock, 1);
        plain_counter++;
        spin_unlock(&lock);
    }
    CHECK_EQ(counter, 999 * 1000 / 2);
    CHECK_EQ(plain_counter, 1000);
    CHECK_EQ(lock, 0);
    /* sum of old values: sum over i of (i - 1) * i / 2 = sum C(i, 2) = C(1000, 3). */
    CHECK_EQ(sum, 1000ULL * 999 * 998 / 6);
}

/* v8.1 LSE (C6.2: LDADD ... CASP). */
static void check_lse(void)
{
    uint64_t old, cmp;

    mem[0] = 10;
    __asm__ volatile(".arch_extension lse\n ldadd %1, %0, [%2]"
                     : "=&r"(old) : "r"(5ULL), "r"(mem) : "memory");
    CHECK_EQ(old, 10);
    CHECK_EQ(mem[0], 15);
    __asm__ volatile(".arch_extension lse\n ldclral %1, %0, [%2]"
                     : "=&r"(old) : "r"(0x5ULL), "r"(mem) : "memory");
    CHECK_EQ(old, 15);
    CHECK_EQ(mem[0], 10);
    __asm__ volatile(".arch_extension lse\n ldeora %1, %0, [%2]"
                     : "=&r"(old) : "r"(0xffULL), "r"(mem) : "memory");
    CHECK_EQ(mem[0], 0xf5);
    __asm__ volatile(".arch_extension lse\n ldsetl %1, %0, [%2]"
                     : "=&r"(old) : "r"(0x100ULL), "r"(mem) : "memory");
    CHECK_EQ(old, 0xf5);
    CHECK_EQ(mem[0], 0x1f5);
    /* Signed vs unsigned on a byte: 0x80 is -128. */
    mem[1] = 0x1122334455667780ULL;
    __asm__ volatile(".arch_extension lse\n ldsmaxb %w1, %w0, [%2]"
                     : "=&r"(old) : "r"(0x01ULL), "r"(&mem[1]) : "memory");
    CHECK_EQ(old, 0x80);
    CHECK_EQ(mem[1], 0x1122334455667701ULL);
    __asm__ volatile(".arch_extension lse\n ldsminb %w1, %w0, [%2]"
                     : "=&r"(old) : "r"(0xf0ULL), "r"(&mem[1]) : "memory");
    CHECK_EQ(mem[1], 0x11223344556677f0ULL);
    __asm__ volatile(".arch_extension lse\n ldumaxh %w1, %w0, [%2]"
                     : "=&r"(old) : "r"(0x8000ULL), "r"(&mem[1]) : "memory");
    CHECK_EQ(old, 0x77f0);
    CHECK_EQ(mem[1], 0x1122334455668000ULL);
    __asm__ volatile(".arch_extension lse\n lduminal %w1, %w0, [%2]"
                     : "=&r"(old) : "r"(0x1ULL), "r"(&mem[1]) : "memory");
    CHECK_EQ(old, 0x55668000);
    CHECK_EQ(mem[1], 0x1122334400000001ULL);
    __asm__ volatile(".arch_extension lse\n swpal %1, %0, [%2]"
                     : "=&r"(old) : "r"(0xabcULL), "r"(&mem[1]) : "memory");
    CHECK_EQ(old, 0x1122334400000001ULL);
    CHECK_EQ(mem[1], 0xabc);
    /* STADD: LDADD with XZR as the destination. */
    __asm__ volatile(".arch_extension lse\n stadd %0, [%1]" : : "r"(4ULL), "r"(&mem[1])
                     : "memory");
    CHECK_EQ(mem[1], 0xac0);
    /* CAS: Rs gets the old value; the store only when it matched. */
    cmp = 0xac0;
    __asm__ volatile(".arch_extension lse\n casal %0, %1, [%2]"
                     : "+r"(cmp) : "r"(0x77ULL), "r"(&mem[1]) : "memory");
    CHECK_EQ(cmp, 0xac0);
    CHECK_EQ(mem[1], 0x77);
    cmp = 0x5;
    __asm__ volatile(".arch_extension lse\n cas %0, %1, [%2]"
                     : "+r"(cmp) : "r"(0x88ULL), "r"(&mem[1]) : "memory");
    CHECK_EQ(cmp, 0x77);
    CHECK_EQ(mem[1], 0x77);
    __asm__ volatile(".arch_extension lse\n cash %w0, %w1, [%2]"
                     : "+r"(cmp) : "r"(0x1234ULL), "r"(&mem[1]) : "memory");
    CHECK_EQ(mem[1], 0x1234);
    /* CASP: x4:x5 compared with [mem[2], mem[3]], x6:x7 stored. */
    mem[2] = 0xa;
    mem[3] = 0xb;
    {
        register uint64_t x4 __asm__("x4") = 0xa, x5 __asm__("x5") = 0xb;
        register uint64_t x6 __asm__("x6") = 0xc, x7 __asm__("x7") = 0xd;

        __asm__ volatile(".arch_extension lse\n caspal x4, x5, x6, x7, [%4]"
                         : "+r"(x4), "+r"(x5) : "r"(x6), "r"(x7), "r"(&mem[2]) : "memory");
        CHECK_EQ(x4, 0xa);
        CHECK_EQ(x5, 0xb);
        CHECK_EQ(mem[2], 0xc);
        CHECK_EQ(mem[3], 0xd);
        x4 = 0xc;
        x5 = 0xe;       /* half matches: no store */
        __asm__ volatile(".arch_extension lse\n casp x4, x5, x6, x7, [%4]"
                         : "+r"(x4), "+r"(x5) : "r"(x6), "r"(x7), "r"(&mem[2]) : "memory");
        CHECK_EQ(x4, 0xc);
        CHECK_EQ(x5, 0xd);
        CHECK_EQ(mem[2], 0xc);
    }
    /* LSE atomics need alignment too. */
    taken = 0;
    __asm__ volatile(".arch_extension lse\n ldadd %1, %0, [%2]"
                     : "=&r"(old) : "r"(1ULL), "r"((uint64_t)mem + 4) : "memory");
    CHECK_EQ(taken, 1);
    CHECK_EQ(ISS(last_esr) & 0x3f, 0x21);
    taken = 0;
}

/* Without FEAT_LSE the encodings are unallocated: UNDEFINED (EC 0). */
static void check_no_lse(void)
{
    uint64_t old = 0x42, cmp = 1;

    mem[0] = 10;
    taken = 0;
    __asm__ volatile(".arch_extension lse\n ldadd %1, %0, [%2]"
                     : "+r"(old) : "r"(5ULL), "r"(mem) : "memory");
    CHECK_EQ(taken, 1);
    CHECK_EQ(EC(last_esr), 0);
    __asm__ volatile(".arch_extension lse\n cas %0, %1, [%2]"
                     : "+r"(cmp) : "r"(0x88ULL), "r"(mem) : "memory");
    CHECK_EQ(taken, 2);
    CHECK_EQ(EC(last_esr), 0);
    CHECK_EQ(mem[0], 10);
    CHECK_EQ(old, 0x42);
    taken = 0;
}

int main(void)
{
    uint64_t isar0;

    mmu_on();
    check_basic();
    check_pairs();
    check_ordered();
    check_alignment();
    check_lock_and_counter();
    __asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
    if (((isar0 >> 20) & 0xf) >= 2) {
        check_lse();
        semi_puts("exclusives: LSE checked\n");
    } else {
        check_no_lse();
    }
    if (check_failures == 0) {
        semi_puts("exclusives: PASS\n");
    }
    return check_failures;
}
