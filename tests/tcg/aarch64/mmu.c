/*
 * The stage 1 MMU of the EL1&0 regime (ARM ARM D8, VMSAv8-64) from a
 * program that builds its own translation tables and turns the MMU on.
 *
 * TTBR0 (ASID 1), 4K granule, 39-bit VA (T0SZ 25: the walk starts at
 * level 1):
 *   L1[0]  [0, 1G)       1 GiB block, Device-nGnRnE, never executable
 *   L1[1]  [1G, 2G)      -> L2: 2 MiB blocks of Normal RAM, identity,
 *                        EL1 read/write/execute and EL0 execute-only
 *                        (AP = 00, UXN = 0: ARMv8.0 EL0 execute permission
 *                        does not depend on AP, D8.4.1.2), except
 *          L2[2]         0x40400000 -> L3: 4 KiB pages, identity unless
 *                        the PAGE_* list below says otherwise
 *          L2[3]         0x40600000: invalid (level 2 translation fault)
 *   L1[2..] invalid (level 1 translation fault); VAs past 2^39 fault at
 *   level 0 (D8.2.4).
 * A second table set (ASID 2) differs from the first in one nG page only;
 * TTBR1 maps the top 512 GiB of VA space, where VA 0xffffff8040000000 is
 * the start of RAM through a 1 GiB block; a third set uses the 64K granule
 * (walk starting at level 2: 512 MiB blocks and 64 KiB pages).
 *
 * Checked: an alias reads and writes the same memory; read-only pages
 * fault on writes (permission fault, DFSC 0x0f = level 3, WnR, FAR); an
 * invalid descriptor is a translation fault at levels 0, 1, 2 and 3; AF = 0
 * an access flag fault; PXN code an instruction abort; a descriptor
 * change takes effect after TLBI VAE1/VALE1/VMALLE1 + DSB + ISB; TTBR1;
 * nG pages under two ASIDs, and TLBI ASIDE1; EL0 permissions (AP[1]) with
 * run_el0; PAN where the CPU has it (-cpu max); an unaligned access
 * crossing into an invalid page; AT S1E1R/W, S1E0R and PAR_EL1.
 * Exit status: the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

#define ISS(esr) ((uint32_t)(esr) & 0x1ffffff)
#define FSC(esr) ((uint32_t)(esr) & 0x3f)
#define WNR      (1u << 6)

/* Descriptor fields (D8.3.1, D8.3.2). */
#define DESC_BLOCK  1ULL
#define DESC_TABLE  3ULL
#define DESC_PAGE   3ULL
#define ATTR(i)     ((uint64_t)(i) << 2)
#define AP_EL0      (1ULL << 6)
#define AP_RO       (1ULL << 7)
#define SH_INNER    (3ULL << 8)
#define AF          (1ULL << 10)
#define NG          (1ULL << 11)
#define PXN         (1ULL << 53)
#define UXN         (1ULL << 54)
#define NORMAL      (ATTR(1) | SH_INNER | AF)

#define RAM         0x40000000ULL
#define REGION      0x40400000ULL           /* the 2 MiB mapped with pages */
#define PAGE(n)     (REGION + (n) * 4096ULL)
#define PAGE_DATA       0       /* plain read/write data */
#define PAGE_ALIAS      1       /* -> PAGE_DATA's memory */
#define PAGE_RO         2       /* read-only */
#define PAGE_INVALID    3
#define PAGE_NO_AF      4
#define PAGE_PXN        5       /* -> PAGE_CODE's memory, PXN */
#define PAGE_CODE       6       /* executable */
#define PAGE_REMAP      7       /* -> PAGE_X or PAGE_Y, changed under TLBI */
#define PAGE_USER       8       /* EL0 read/write */
#define PAGE_KERNEL     9       /* EL1 only (the identity default) */
#define PAGE_NG         10      /* nG: PAGE_X with ASID 1, PAGE_Y with ASID 2 */
#define PAGE_CROSS      11      /* valid, followed by an invalid page */
#define PAGE_CROSS_END  12
#define PAGE_X          16
#define PAGE_Y          17

#define HIGH_BASE   0xffffff8000000000ULL   /* the start of TTBR1's range (T1SZ 25) */
#define VA64K       0x60000000ULL           /* through the 64K granule's L3 */

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));
static uint64_t l1_asid2[512] __attribute__((aligned(4096)));
static uint64_t l2_asid2[512] __attribute__((aligned(4096)));
static uint64_t l3_asid2[512] __attribute__((aligned(4096)));
static uint64_t l1_high[512] __attribute__((aligned(4096)));
static uint64_t l2_64k[1024] __attribute__((aligned(65536)));
static uint64_t l3_64k[8192] __attribute__((aligned(65536)));

static volatile uint64_t last_esr, last_far, last_elr;
static volatile int taken, last_vector;

#define TTBR_ASID(n) ((uint64_t)(n) << 48)
/* T0SZ = T1SZ = 25, walks inner shareable write-back, TG1 4K, IPS 40 bits. */
#define TCR_COMMON  (25ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | \
                     25ULL << 16 | 1ULL << 24 | 1ULL << 26 | 3ULL << 28 | 2ULL << 30 | \
                     2ULL << 32)
#define TCR_TG0_64K (1ULL << 14)

void sync_handler(ExceptionFrame *f, int vector)
{
    if (vector == 8 && EC(f->esr) == 0x15 && ISS(f->esr) == 0xffff) {
        el0_return(f);
        return;
    }
    last_esr = f->esr;
    last_far = f->far;
    last_elr = f->elr;
    last_vector = vector;
    taken++;
    if (EC(f->esr) == 0x20 || EC(f->esr) == 0x21) {
        f->elr = f->x[30];      /* an instruction abort: back to the caller of the BLR */
    } else {
        f->elr += 4;
    }
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

/* Checks that the last exception was one fault, then forgets it. */
static void expect_fault(int line, unsigned ec, uint32_t fsc_wnr, uint64_t far)
{
    if (taken != 1 || EC(last_esr) != ec || (ISS(last_esr) & 0x7f) != fsc_wnr ||
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

static void tlbi_all(void)
{
    __asm__ volatile("dsb ishst\n tlbi vmalle1\n dsb ish\n isb" : : : "memory");
}

static void build_tables(void)
{
    l1[0] = 0 | DESC_BLOCK | ATTR(0) | AF | PXN | UXN;
    l1[1] = (uint64_t)l2 | DESC_TABLE;
    for (unsigned i = 0; i < 64; i++) {
        l2[i] = (RAM + i * 0x200000ULL) | DESC_BLOCK | NORMAL;
    }
    l2[2] = (uint64_t)l3 | DESC_TABLE;
    l2[3] = 0;
    for (unsigned i = 0; i < 512; i++) {
        l3[i] = PAGE(i) | DESC_PAGE | NORMAL;
    }
    l3[PAGE_ALIAS] = PAGE(PAGE_DATA) | DESC_PAGE | NORMAL;
    l3[PAGE_RO] |= AP_RO;
    l3[PAGE_INVALID] = 0;
    l3[PAGE_NO_AF] &= ~AF;
    l3[PAGE_PXN] = PAGE(PAGE_CODE) | DESC_PAGE | NORMAL | PXN;
    l3[PAGE_REMAP] = PAGE(PAGE_X) | DESC_PAGE | NORMAL;
    l3[PAGE_USER] |= AP_EL0 | PXN | UXN;
    l3[PAGE_NG] = PAGE(PAGE_X) | DESC_PAGE | NORMAL | NG;
    l3[PAGE_CROSS_END] = 0;

    /* ASID 2: the same but PAGE_NG -> PAGE_Y. */
    for (unsigned i = 0; i < 512; i++) {
        l1_asid2[i] = l1[i];
        l2_asid2[i] = l2[i];
        l3_asid2[i] = l3[i];
    }
    l1_asid2[1] = (uint64_t)l2_asid2 | DESC_TABLE;
    l2_asid2[2] = (uint64_t)l3_asid2 | DESC_TABLE;
    l3_asid2[PAGE_NG] = PAGE(PAGE_Y) | DESC_PAGE | NORMAL | NG;

    /* TTBR1: RAM's first GiB at HIGH_BASE + 1 GiB, no execute. */
    l1_high[1] = RAM | DESC_BLOCK | NORMAL | PXN | UXN;

    /* 64K granule, level 2 (512 MiB each): devices, RAM, and a table at VA64K. */
    l2_64k[0] = 0 | DESC_BLOCK | ATTR(0) | AF | PXN | UXN;
    l2_64k[2] = RAM | DESC_BLOCK | NORMAL;
    l2_64k[3] = (uint64_t)l3_64k | DESC_TABLE;
    /*
     * Between the MSRs that switch granules, the old TCR may meet the new
     * TTBR0 (or the other way round) for a fetch before the ISB (D17.1.4:
     * a direct write need not be seen, but may be, before a context
     * synchronization event). With the 4K granule, entry 1 of this table
     * is the level 1 block of RAM, so the code stays mapped: read with the
     * 64K granule it maps VA [512M, 1G), which nothing uses.
     */
    l2_64k[1] = RAM | DESC_BLOCK | NORMAL;
    l3_64k[0] = REGION | DESC_PAGE | NORMAL | PXN | UXN;    /* 64 KiB: pages 0..15 */
    l3_64k[1] = 0;
}

static void fill_pages(void)
{
    for (unsigned i = 0; i < 32; i++) {
        for (unsigned w = 0; w < 512; w++) {
            ((volatile uint64_t *)PAGE(i))[w] = 0x1000000000000000ULL * (i & 15) + i * 0x10000 + w;
        }
    }
    /* PAGE_CODE: mov w0, #42; ret. */
    ((volatile uint32_t *)PAGE(PAGE_CODE))[0] = 0x52800540;
    ((volatile uint32_t *)PAGE(PAGE_CODE))[1] = 0xd65f03c0;
}

/* The value fill_pages put in word w of page i. */
static uint64_t pattern(unsigned i, unsigned w)
{
    return 0x1000000000000000ULL * (i & 15) + i * 0x10000 + w;
}

static void mmu_on(void)
{
    uint64_t sctlr;

    __asm__ volatile("msr mair_el1, %0" : : "r"(0xff00ULL));    /* 0 Device, 1 Normal WB */
    __asm__ volatile("msr tcr_el1, %0" : : "r"(TCR_COMMON));
    __asm__ volatile("msr ttbr0_el1, %0" : : "r"((uint64_t)l1 | TTBR_ASID(1)));
    __asm__ volatile("msr ttbr1_el1, %0" : : "r"((uint64_t)l1_high));
    __asm__ volatile("dsb ish\n isb" : : : "memory");
    tlbi_all();
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr = (sctlr | 1 | 1 << 2 | 1 << 12) & ~(2ULL | 1ULL << 19);    /* M C I; not A, WXN */
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");
}

static void check_alias_and_permissions(void)
{
    CHECK_EQ(read64(PAGE(PAGE_DATA) + 8), pattern(PAGE_DATA, 1));
    CHECK_EQ(read64(PAGE(PAGE_ALIAS) + 8), pattern(PAGE_DATA, 1));
    write64(PAGE(PAGE_ALIAS) + 16, 0xa11a5);
    CHECK_EQ(read64(PAGE(PAGE_DATA) + 16), 0xa11a5);
    CHECK_EQ(taken, 0);

    /* Read-only: reads work, a write is a level 3 permission fault with WnR. */
    CHECK_EQ(read64(PAGE(PAGE_RO) + 0x18), pattern(PAGE_RO, 3));
    write64(PAGE(PAGE_RO) + 0x18, 0);
    expect_fault(__LINE__, 0x25, WNR | 0x0f, PAGE(PAGE_RO) + 0x18);
    CHECK_EQ(read64(PAGE(PAGE_RO) + 0x18), pattern(PAGE_RO, 3));
    /* A byte store to it too (a different TLB path from the 8-byte one above). */
    __asm__ volatile("strb wzr, [%0]" : : "r"(PAGE(PAGE_RO) + 0x21) : "memory");
    expect_fault(__LINE__, 0x25, WNR | 0x0f, PAGE(PAGE_RO) + 0x21);
}

static void check_translation_faults(void)
{
    read64(PAGE(PAGE_INVALID) + 0x40);
    expect_fault(__LINE__, 0x25, 0x07, PAGE(PAGE_INVALID) + 0x40);
    read64(0x40600008);                             /* L2[3] */
    expect_fault(__LINE__, 0x25, 0x06, 0x40600008);
    write64(0x80001000, 1);                         /* L1[2] */
    expect_fault(__LINE__, 0x25, WNR | 0x05, 0x80001000);
    read64(1ULL << 39);                             /* beyond T0SZ's 39 bits */
    expect_fault(__LINE__, 0x25, 0x04, 1ULL << 39);
    /* AF = 0: an access flag fault (no hardware AF update in ARMv8.0). */
    read64(PAGE(PAGE_NO_AF));
    expect_fault(__LINE__, 0x25, 0x0b, PAGE(PAGE_NO_AF));
    write64(PAGE(PAGE_NO_AF) + 8, 1);
    expect_fault(__LINE__, 0x25, WNR | 0x0b, PAGE(PAGE_NO_AF) + 8);
}

/* PXN: an instruction abort (EC 0x21, IFSC permission level 3), ELR = FAR = the target. */
static void check_execute_never(void)
{
    uint64_t (*code)(void) = (uint64_t (*)(void))PAGE(PAGE_CODE);
    uint64_t (*xn_code)(void) = (uint64_t (*)(void))PAGE(PAGE_PXN);
    uint64_t (*no_code)(void) = (uint64_t (*)(void))PAGE(PAGE_INVALID);

    __asm__ volatile("dc cvau, %0\n dsb ish\n ic ivau, %0\n dsb ish\n isb"
                     : : "r"(PAGE(PAGE_CODE)) : "memory");
    CHECK_EQ(code(), 42);
    CHECK_EQ(taken, 0);
    xn_code();                                      /* the handler returns to here */
    expect_fault(__LINE__, 0x21, 0x0f, PAGE(PAGE_PXN));
    CHECK_EQ(last_elr, PAGE(PAGE_PXN));
    no_code();
    expect_fault(__LINE__, 0x21, 0x07, PAGE(PAGE_INVALID));
}

/* Break-before-make is not needed to see the change after TLBI + DSB + ISB (D8.14). */
static void check_tlbi(void)
{
    uint64_t va = PAGE(PAGE_REMAP);

    CHECK_EQ(read64(va + 8), pattern(PAGE_X, 1));
    l3[PAGE_REMAP] = PAGE(PAGE_Y) | DESC_PAGE | NORMAL;
    __asm__ volatile("dsb ishst\n tlbi vae1, %0\n dsb ish\n isb"
                     : : "r"(va >> 12 | TTBR_ASID(1)) : "memory");
    CHECK_EQ(read64(va + 8), pattern(PAGE_Y, 1));
    l3[PAGE_REMAP] = PAGE(PAGE_X) | DESC_PAGE | NORMAL;
    __asm__ volatile("dsb ishst\n tlbi vale1is, %0\n dsb ish\n isb"
                     : : "r"(va >> 12 | TTBR_ASID(1)) : "memory");
    CHECK_EQ(read64(va + 8), pattern(PAGE_X, 1));
    l3[PAGE_REMAP] = 0;
    tlbi_all();
    read64(va);
    expect_fault(__LINE__, 0x25, 0x07, va);
    l3[PAGE_REMAP] = PAGE(PAGE_Y) | DESC_PAGE | NORMAL | AP_RO;
    __asm__ volatile("dsb ishst\n tlbi vaae1, %0\n dsb ish\n isb" : : "r"(va >> 12) : "memory");
    CHECK_EQ(read64(va + 16), pattern(PAGE_Y, 2));
    write64(va, 0);
    expect_fault(__LINE__, 0x25, WNR | 0x0f, va);
}

static void check_ttbr1(void)
{
    uint64_t high = HIGH_BASE + PAGE(PAGE_DATA);

    CHECK_EQ(read64(high + 8), pattern(PAGE_DATA, 1));
    write64(high + 24, 0xbeef);
    CHECK_EQ(read64(PAGE(PAGE_DATA) + 24), 0xbeef);
    CHECK_EQ(taken, 0);
    /* Below TTBR1's range and above TTBR0's: a level 0 translation fault. */
    read64(HIGH_BASE - 4096);
    expect_fault(__LINE__, 0x25, 0x04, HIGH_BASE - 4096);
    /* The TTBR1 block is UXN/PXN. */
    ((void (*)(void))(HIGH_BASE + PAGE(PAGE_CODE)))();
    expect_fault(__LINE__, 0x21, 0x0d, HIGH_BASE + PAGE(PAGE_CODE));
}

/* nG entries are per ASID: switching TTBR0.ASID switches what PAGE_NG maps. */
static void check_asid(void)
{
    uint64_t va = PAGE(PAGE_NG);

    CHECK_EQ(read64(va), pattern(PAGE_X, 0));
    __asm__ volatile("msr ttbr0_el1, %0\n isb" : : "r"((uint64_t)l1_asid2 | TTBR_ASID(2)));
    CHECK_EQ(read64(va), pattern(PAGE_Y, 0));
    CHECK_EQ(read64(PAGE(PAGE_DATA) + 8), pattern(PAGE_DATA, 1));
    __asm__ volatile("msr ttbr0_el1, %0\n isb" : : "r"((uint64_t)l1 | TTBR_ASID(1)));
    CHECK_EQ(read64(va), pattern(PAGE_X, 0));
    /* TLBI ASIDE1 drops ASID 1's entries. */
    l3[PAGE_NG] = PAGE(PAGE_Y + 1) | DESC_PAGE | NORMAL | NG;
    __asm__ volatile("dsb ishst\n tlbi aside1, %0\n dsb ish\n isb"
                     : : "r"(TTBR_ASID(1)) : "memory");
    CHECK_EQ(read64(va), pattern(PAGE_Y + 1, 0));
    __asm__ volatile("msr ttbr0_el1, %0\n isb" : : "r"((uint64_t)l1_asid2 | TTBR_ASID(2)));
    CHECK_EQ(read64(va), pattern(PAGE_Y, 0));
    __asm__ volatile("msr ttbr0_el1, %0\n isb" : : "r"((uint64_t)l1 | TTBR_ASID(1)));
    CHECK_EQ(taken, 0);
}

/* At EL0 (run_el0, stack on PAGE_USER). */
static uint64_t user_read_user(void)
{
    write64(PAGE(PAGE_USER) + 8, 0x0e10);
    return read64(PAGE(PAGE_USER) + 8);
}

static uint64_t user_read_kernel(void)
{
    uint64_t v = 0x5e;

    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(PAGE(PAGE_KERNEL) + 0x30) : "memory");
    return v;
}

static uint64_t user_write_ro(void)
{
    write64(PAGE(PAGE_RO), 0);
    return 1;
}

static void check_el0(void)
{
    void *stack = (void *)(PAGE(PAGE_USER) + 4096);

    CHECK_EQ(run_el0(user_read_user, stack), 0x0e10);
    CHECK_EQ(taken, 0);
    /* AP[1] = 0: no EL0 access, a permission fault to the lower-EL vector (EC 0x24). */
    CHECK_EQ(run_el0(user_read_kernel, stack), 0x5e);
    expect_fault(__LINE__, 0x24, 0x0f, PAGE(PAGE_KERNEL) + 0x30);
    CHECK_EQ(last_vector, 8);
    CHECK_EQ(run_el0(user_write_ro, stack), 1);
    expect_fault(__LINE__, 0x24, WNR | 0x0f, PAGE(PAGE_RO));

    /* PAN (ARMv8.1, D8.4.1.3): EL1 data accesses to EL0-accessible pages fault. */
    {
        uint64_t mmfr1, v;

        __asm__ volatile("mrs %0, id_aa64mmfr1_el1" : "=r"(mmfr1));
        if (((mmfr1 >> 20) & 0xf) == 0) {
            return;
        }
        __asm__ volatile(".inst 0xd500419f\n isb" : : : "memory");     /* MSR PAN, #1 */
        v = read64(PAGE(PAGE_USER) + 8);
        expect_fault(__LINE__, 0x25, 0x0f, PAGE(PAGE_USER) + 8);
        CHECK_EQ(read64(PAGE(PAGE_KERNEL)), pattern(PAGE_KERNEL, 0));
        /* LDTR is unaffected: it is EL0's access. */
        __asm__ volatile("ldtr %0, [%1]" : "=r"(v) : "r"(PAGE(PAGE_USER) + 8) : "memory");
        CHECK_EQ(v, 0x0e10);
        __asm__ volatile(".inst 0xd500409f\n isb" : : : "memory");     /* MSR PAN, #0 */
        CHECK_EQ(read64(PAGE(PAGE_USER) + 8), 0x0e10);
        CHECK_EQ(taken, 0);
        semi_puts("mmu: PAN checked\n");
    }
}

/* An unaligned load crossing into an invalid page faults, leaving the register. */
static void check_crossing(void)
{
    uint64_t v = 0x77, end = PAGE(PAGE_CROSS_END);

    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(end - 4) : "memory");
    CHECK_EQ(taken, 1);
    CHECK_EQ(FSC(last_esr), 0x07);
    /* FAR: some address of the access in the faulting page. */
    CHECK(last_far >= end && last_far < end + 4);
    CHECK_EQ(v, 0x77);
    taken = 0;
    /* Within the valid page it works. */
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(end - 12) : "memory");
    CHECK_EQ(v, pattern(PAGE_CROSS, 510) >> 32 | pattern(PAGE_CROSS, 511) << 32);
}

/* The 64K granule: a walk starting at level 2, 64 KiB pages. */
static void check_64k(void)
{
    /* TTBR0 first: until the ISB either granule may be used for the next fetch. */
    __asm__ volatile("msr ttbr0_el1, %0\n msr tcr_el1, %1\n isb"
                     : : "r"((uint64_t)l2_64k | TTBR_ASID(1)), "r"(TCR_COMMON | TCR_TG0_64K));
    tlbi_all();
    CHECK_EQ(read64(VA64K + 8), pattern(PAGE_DATA, 1));
    CHECK_EQ(read64(VA64K + 15 * 4096ULL + 16), pattern(15, 2));
    CHECK_EQ(read64(VA64K + PAGE_RO * 4096ULL + 24), pattern(PAGE_RO, 3));
    write64(VA64K + PAGE_RO * 4096ULL + 32, 0x64);      /* writable through this map */
    CHECK_EQ(read64(VA64K + PAGE_RO * 4096ULL + 32), 0x64);
    CHECK_EQ(taken, 0);
    read64(VA64K + 0x10000);
    expect_fault(__LINE__, 0x25, 0x07, VA64K + 0x10000);
    read64(0x80000000);                                 /* L2[4]: invalid at level 2 */
    expect_fault(__LINE__, 0x25, 0x06, 0x80000000);
    /* TCR first, for the same reason. */
    __asm__ volatile("msr tcr_el1, %1\n msr ttbr0_el1, %0\n isb"
                     : : "r"((uint64_t)l1 | TTBR_ASID(1)), "r"(TCR_COMMON));
    tlbi_all();
    CHECK_EQ(read64(PAGE(PAGE_RO) + 32), 0x64);
}

/* AT S1E1R/W, S1E0R/W (C5.4) and PAR_EL1 (D17.2.99). */
static uint64_t at(uint64_t va, int op)
{
    uint64_t par;

    switch (op) {
    case 0:
        __asm__ volatile("at s1e1r, %0" : : "r"(va));
        break;
    case 1:
        __asm__ volatile("at s1e1w, %0" : : "r"(va));
        break;
    case 2:
        __asm__ volatile("at s1e0r, %0" : : "r"(va));
        break;
    default:
        __asm__ volatile("at s1e0w, %0" : : "r"(va));
        break;
    }
    __asm__ volatile("isb\n mrs %0, par_el1" : "=r"(par));
    return par;
}

#define PAR_PA(par)  ((par) & 0xfffffffff000ULL)
#define PAR_FST(par) (((par) >> 1) & 0x3f)

static void check_at(void)
{
    uint64_t par;

    par = at(PAGE(PAGE_ALIAS) + 0x123, 0);
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(PAR_PA(par), PAGE(PAGE_DATA));
    CHECK_EQ(par >> 56, 0xff);                      /* ATTR: MAIR attribute 1 */
    CHECK_EQ((par >> 7) & 3, 3);                    /* SH: inner shareable */
    CHECK_EQ(par & (1ULL << 11), 1ULL << 11);       /* RES1 */
    par = at(PAGE(PAGE_RO), 0);
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(PAR_PA(par), PAGE(PAGE_RO));
    par = at(PAGE(PAGE_RO), 1);
    CHECK_EQ(par & 1, 1);
    CHECK_EQ(PAR_FST(par), 0x0f);
    CHECK_EQ(par & (1ULL << 11), 1ULL << 11);       /* RES1 in this format too */
    par = at(PAGE(PAGE_INVALID), 0);
    CHECK_EQ(par & 1, 1);
    CHECK_EQ(PAR_FST(par), 0x07);
    par = at(0x80000000, 1);
    CHECK_EQ(PAR_FST(par), 0x05);
    par = at(PAGE(PAGE_NO_AF), 0);
    CHECK_EQ(PAR_FST(par), 0x0b);
    par = at(HIGH_BASE + RAM + 0x12345678, 0);
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(PAR_PA(par), RAM + 0x12345000);
    par = at(0x09000000, 0);                        /* the UART, Device-nGnRnE */
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(PAR_PA(par), 0x09000000);
    CHECK_EQ(par >> 56, 0x00);
    /* EL0's view: PAGE_USER yes, PAGE_KERNEL no. */
    par = at(PAGE(PAGE_USER), 3);
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(PAR_PA(par), PAGE(PAGE_USER));
    par = at(PAGE(PAGE_KERNEL), 2);
    CHECK_EQ(par & 1, 1);
    CHECK_EQ(PAR_FST(par), 0x0f);
    CHECK_EQ(taken, 0);                             /* AT never faults */
}

int main(void)
{
    build_tables();
    fill_pages();
    mmu_on();
    check_alias_and_permissions();
    check_translation_faults();
    check_execute_never();
    check_tlbi();
    check_ttbr1();
    check_asid();
    check_el0();
    check_crossing();
    check_64k();
    check_at();
    if (check_failures == 0) {
        semi_puts("mmu: PASS\n");
    }
    return check_failures;
}
