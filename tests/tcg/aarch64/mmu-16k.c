/*
 * The 16K translation granule (ARM ARM D8.2.7): EL1&0 stage 1 with both
 * TTBRs on 16 KiB tables.
 *
 * TTBR0: T0SZ 16 (48-bit VA), so the walk starts at level 0, which
 * resolves one bit (VA[47]); level 1 VA[46:36], level 2 VA[35:25] (32 MiB
 * blocks), level 3 VA[24:14] (16 KiB pages):
 *   L0[0] -> L1; L0[1] invalid (VA[47] = 1: level 0 fault)
 *   L1[0] -> L2; L1[1] invalid (level 1 fault); L1[2] a block descriptor,
 *          which the 16K granule does not have at level 1 (level 1 fault)
 *   L2[4]  0x08000000 Device block (the UART)
 *   L2[32..35] RAM, 32 MiB blocks, identity, except
 *   L2[33] 0x42000000 -> L3: 16 KiB pages, identity unless PG_* says
 *   L2[36] invalid (level 2 fault); L2[48] VA 0x60000000 -> RAM 0x40000000
 * TTBR1: T1SZ 28 (36-bit range: the walk starts at level 2), TG1 = 16K:
 *   L2[0] VA 0xfffffff000000000 -> RAM 0x40000000; L2[1] invalid.
 *
 * Checked: ID_AA64MMFR0.TGran16 says 16K is there; aliases through a 16 KiB
 * page (also beyond its first 4 KiB) and a 32 MiB block; translation
 * faults at levels 0 to 3 (and for a level 1 block, and a reserved level 3
 * descriptor); Access flag and permission faults at level 3; TTBR1; a
 * remapped 16 KiB page after TLBI VAE1 of its first 4 KiB (the whole
 * page must go); AT S1E1R. Exit status: the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define ISS(esr) ((uint32_t)(esr) & 0x1ffffff)
#define WNR      (1u << 6)

#define DESC_BLOCK  1ULL
#define DESC_TABLE  3ULL
#define DESC_PAGE   3ULL
#define ATTR(i)     ((uint64_t)(i) << 2)
#define AP_RO       (1ULL << 7)
#define SH_INNER    (3ULL << 8)
#define AF          (1ULL << 10)
#define PXN         (1ULL << 53)
#define UXN         (1ULL << 54)
#define NORMAL      (ATTR(1) | SH_INNER | AF)

#define RAM         0x40000000ULL
#define BLOCK       0x2000000ULL            /* 32 MiB */
#define GRANULE     0x4000ULL               /* 16 KiB */
#define REGION      0x42000000ULL           /* the 32 MiB mapped with pages */
#define PG(n)       (REGION + (n) * GRANULE)
#define PG_ALIAS    1       /* -> page 5 */
#define PG_INVALID  2
#define PG_NO_AF    3
#define PG_RO       4
#define PG_TARGET   5
#define PG_REMAP    6       /* -> page 7, then page 8 */
#define PG_RESERVED 9       /* descriptor 0b01 at level 3 */
#define NPAGES      12
#define ALIAS_BLOCK 0x60000000ULL
#define HIGH_BASE   0xfffffff000000000ULL

static uint64_t l0[2048] __attribute__((aligned(16384)));
static uint64_t l1[2048] __attribute__((aligned(16384)));
static uint64_t l2[2048] __attribute__((aligned(16384)));
static uint64_t l3[2048] __attribute__((aligned(16384)));
static uint64_t l2_high[2048] __attribute__((aligned(16384)));

static volatile uint64_t last_esr, last_far;
static volatile int taken;
static volatile uint64_t marker = 0x16161616;

/* T0SZ 16, TG0 16K; T1SZ 28, TG1 16K; walks inner shareable write-back; IPS 40 bits. */
#define TCR_16K (16ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | 2ULL << 14 | \
                 28ULL << 16 | 1ULL << 24 | 1ULL << 26 | 3ULL << 28 | 1ULL << 30 | 2ULL << 32)

void sync_handler(ExceptionFrame *f, int vector)
{
    last_esr = f->esr;
    last_far = f->far;
    taken++;
    f->elr += 4;
}

static inline uint64_t read64(uint64_t va)
{
    uint64_t v;

    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(va) : "memory");
    return v;
}

static inline void write64(uint64_t va, uint64_t v)
{
    __asm__ volatile("str %0, [%1]" : : "r"(v), "r"(va) : "memory");
}

static void expect_fault(int line, uint32_t fsc_wnr, uint64_t far)
{
    if (taken != 1 || EC(last_esr) != 0x25 || (ISS(last_esr) & 0x7f) != fsc_wnr ||
        last_far != far) {
        check_failed(line, "fault");
        semi_puts("  taken ");
        semi_put_hex(taken);
        semi_puts(" esr ");
        semi_put_hex(last_esr);
        semi_puts(" far ");
        semi_put_hex(last_far);
        semi_puts("\n");
    }
    taken = 0;
}

static uint64_t pattern(unsigned page, unsigned word)
{
    return (uint64_t)page << 32 | word;
}

static void build_tables(void)
{
    l0[0] = (uint64_t)l1 | DESC_TABLE;
    l1[0] = (uint64_t)l2 | DESC_TABLE;
    l1[2] = RAM | DESC_BLOCK | NORMAL;              /* no level 1 blocks with 16K */
    l2[4] = 0x08000000ULL | DESC_BLOCK | ATTR(0) | AF | PXN | UXN;
    for (unsigned i = 32; i < 36; i++) {
        l2[i] = (RAM + (i - 32) * BLOCK) | DESC_BLOCK | NORMAL;
    }
    l2[33] = (uint64_t)l3 | DESC_TABLE;
    l2[ALIAS_BLOCK / BLOCK] = RAM | DESC_BLOCK | NORMAL | PXN | UXN;
    for (unsigned i = 0; i < 2048; i++) {
        l3[i] = PG(i) | DESC_PAGE | NORMAL;
    }
    l3[PG_ALIAS] = PG(PG_TARGET) | DESC_PAGE | NORMAL;
    l3[PG_INVALID] = 0;
    l3[PG_NO_AF] &= ~AF;
    l3[PG_RO] |= AP_RO;
    l3[PG_REMAP] = PG(7) | DESC_PAGE | NORMAL;
    l3[PG_RESERVED] = PG(PG_RESERVED) | 1 | NORMAL;
    l2_high[0] = RAM | DESC_BLOCK | NORMAL | PXN | UXN;

    for (unsigned p = 0; p < NPAGES; p++) {
        for (unsigned w = 0; w < GRANULE / 8; w++) {
            ((volatile uint64_t *)PG(p))[w] = pattern(p, w);
        }
    }
}

static void mmu_on(void)
{
    uint64_t sctlr;

    __asm__ volatile("msr mair_el1, %0" : : "r"(0xff00ULL));    /* 0 Device, 1 Normal WB */
    __asm__ volatile("msr tcr_el1, %0" : : "r"(TCR_16K));
    __asm__ volatile("msr ttbr0_el1, %0" : : "r"((uint64_t)l0));
    __asm__ volatile("msr ttbr1_el1, %0" : : "r"((uint64_t)l2_high));
    __asm__ volatile("dsb ish\n isb\n tlbi vmalle1\n dsb ish\n isb" : : : "memory");
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr = (sctlr | 1 | 1 << 2 | 1 << 12) & ~(2ULL | 1ULL << 19);
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");
}

static void check_mappings(void)
{
    uint64_t off = (uint64_t)&marker - RAM;

    CHECK_EQ(read64(PG(PG_ALIAS) + 8), pattern(PG_TARGET, 1));
    CHECK_EQ(read64(PG(PG_ALIAS) + 0x3ff8), pattern(PG_TARGET, 0x7ff));
    write64(PG(PG_ALIAS) + 0x2000, 0xa11a5);
    CHECK_EQ(read64(PG(PG_TARGET) + 0x2000), 0xa11a5);
    CHECK_EQ(read64(PG(10) + 0x1000), pattern(10, 0x200));
    /* The 32 MiB alias block, at both of its ends. */
    CHECK_EQ(read64(ALIAS_BLOCK + off), 0x16161616);
    write64(RAM + BLOCK - 8, 0xb10c);
    CHECK_EQ(read64(ALIAS_BLOCK + BLOCK - 8), 0xb10c);
    /* TTBR1. */
    CHECK_EQ(read64(HIGH_BASE + off), 0x16161616);
    CHECK_EQ(taken, 0);
}

static void check_faults(void)
{
    read64(PG(PG_INVALID) + 0x10);
    expect_fault(__LINE__, 0x07, PG(PG_INVALID) + 0x10);
    read64(PG(PG_RESERVED));
    expect_fault(__LINE__, 0x07, PG(PG_RESERVED));
    read64(PG(PG_NO_AF) + 0x3000);
    expect_fault(__LINE__, 0x0b, PG(PG_NO_AF) + 0x3000);
    CHECK_EQ(read64(PG(PG_RO) + 0x18), pattern(PG_RO, 3));
    write64(PG(PG_RO) + 0x3018, 0);
    expect_fault(__LINE__, WNR | 0x0f, PG(PG_RO) + 0x3018);
    read64(RAM + 4 * BLOCK);                                /* L2[36] */
    expect_fault(__LINE__, 0x06, RAM + 4 * BLOCK);
    read64(1ULL << 36);                                     /* L1[1] */
    expect_fault(__LINE__, 0x05, 1ULL << 36);
    read64(2ULL << 36);                                     /* L1[2]: a block */
    expect_fault(__LINE__, 0x05, 2ULL << 36);
    write64(1ULL << 47, 0);                                 /* L0[1] */
    expect_fault(__LINE__, WNR | 0x04, 1ULL << 47);
    read64(1ULL << 48);                                     /* beyond T0SZ */
    expect_fault(__LINE__, 0x04, 1ULL << 48);
    read64(HIGH_BASE + BLOCK);                              /* TTBR1's L2[1] */
    expect_fault(__LINE__, 0x06, HIGH_BASE + BLOCK);
}

/* A 16 KiB page is four 4 KiB TLB entries: TLBI of the first must drop them all. */
static void check_tlbi(void)
{
    uint64_t va = PG(PG_REMAP);

    CHECK_EQ(read64(va + 0x3010), pattern(7, 0x602));
    CHECK_EQ(read64(va + 0x1010), pattern(7, 0x202));
    l3[PG_REMAP] = PG(8) | DESC_PAGE | NORMAL;
    __asm__ volatile("dsb ishst\n tlbi vae1, %0\n dsb ish\n isb" : : "r"(va >> 12) : "memory");
    CHECK_EQ(read64(va + 0x3010), pattern(8, 0x602));
    CHECK_EQ(read64(va + 0x1010), pattern(8, 0x202));
    CHECK_EQ(taken, 0);
}

static void check_at(void)
{
    uint64_t par;

    __asm__ volatile("at s1e1r, %1\n isb\n mrs %0, par_el1" : "=r"(par)
                     : "r"(PG(PG_ALIAS) + 0x1234));
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(par & 0xfffffffff000ULL, PG(PG_TARGET) + 0x1000);
    __asm__ volatile("at s1e1r, %1\n isb\n mrs %0, par_el1" : "=r"(par) : "r"(2ULL << 36));
    CHECK_EQ(par & 1, 1);
    CHECK_EQ((par >> 1) & 0x3f, 0x05);
}

int main(void)
{
    uint64_t mmfr0;

    __asm__ volatile("mrs %0, id_aa64mmfr0_el1" : "=r"(mmfr0));
    CHECK_EQ((mmfr0 >> 20) & 0xf, 1);                   /* TGran16: supported */
    build_tables();
    mmu_on();
    check_mappings();
    check_faults();
    check_tlbi();
    check_at();
    if (check_failures == 0) {
        semi_puts("mmu-16k: PASS\n");
    }
    return check_failures;
}
