/*
 * Device memory alignment (ARM ARM B2.5.2, D8.5.2): any unaligned data
 * access to Device memory is an Alignment fault (DFSC 0x21, a data abort
 * at the faulting instruction), whatever SCTLR_EL1.A says; Normal memory
 * allows it. With stage 1 off, data accesses are Device-nGnRnE (D8.2.10),
 * so unaligned ones fault too; instruction fetches are Normal.
 *
 * The program first checks the MMU-off case, then maps RAM with 4K pages
 * (TTBR0, T0SZ 25):
 *   L1[0] 1 GiB Device-nGnRnE block (the UART); L1[1] -> L2: 2 MiB Normal
 *   blocks, identity; L2[2] 0x40400000 -> L3: 4 KiB pages, identity:
 *   page 0 Normal, page 1 Device-nGnRE, page 2 Device-nGnRnE, page 3
 *   Normal Non-cacheable, page 4 Device-GRE.
 * Checked: aligned accesses of every size work on Device pages; unaligned
 * loads, stores, pairs and an access crossing from a Normal page into a
 * Device one fault with the right ESR (WnR for stores), FAR and ELR, and
 * leave the destination register alone; the same unaligned accesses work
 * on Normal and Normal Non-cacheable pages; AT S1E1R reports the Device
 * attribute. Exit status: the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>
#include "semihost.h"

#define ISS(esr) ((uint32_t)(esr) & 0x1ffffff)
#define WNR      (1u << 6)
#define DFSC_ALIGNMENT 0x21

#define DESC_BLOCK  1ULL
#define DESC_TABLE  3ULL
#define DESC_PAGE   3ULL
#define ATTR(i)     ((uint64_t)(i) << 2)
#define SH_INNER    (3ULL << 8)
#define AF          (1ULL << 10)
#define PXN         (1ULL << 53)
#define UXN         (1ULL << 54)

/* MAIR_EL1: 0 Device-nGnRnE, 1 Normal WB, 2 Device-nGnRE, 3 Normal NC, 4 Device-GRE. */
#define MAIR        (0x00ULL | 0xffULL << 8 | 0x04ULL << 16 | 0x44ULL << 24 | 0x0cULL << 32)
#define NORMAL      (ATTR(1) | SH_INNER | AF)

#define RAM         0x40000000ULL
#define REGION      0x40400000ULL
#define PAGE(n)     (REGION + (n) * 4096ULL)
#define PG_NORMAL   0
#define PG_NGNRE    1
#define PG_NGNRNE   2
#define PG_NC       3
#define PG_GRE      4

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));

static volatile uint64_t last_esr, last_far, last_elr;
static volatile int taken;

void sync_handler(ExceptionFrame *f, int vector)
{
    last_esr = f->esr;
    last_far = f->far;
    last_elr = f->elr;
    taken++;
    f->elr += 4;
}

/* One access at addr; *pc gets the address of the access instruction. */
#define ACCESS(insn, val, addr, pc) \
    __asm__ volatile("adr %1, 1f\n1: " insn " %0, [%2]" \
                     : "+r"(val), "=&r"(pc) : "r"(addr) : "memory")
#define STORE(insn, val, addr, pc) \
    __asm__ volatile("adr %0, 1f\n1: " insn " %1, [%2]" \
                     : "=&r"(pc) : "r"(val), "r"(addr) : "memory")
/* The same with a W register (halfword and byte forms). */
#define ACCESS_W(insn, val, addr, pc) \
    __asm__ volatile("adr %1, 1f\n1: " insn " %w0, [%2]" \
                     : "+r"(val), "=&r"(pc) : "r"(addr) : "memory")
#define STORE_W(insn, val, addr, pc) \
    __asm__ volatile("adr %0, 1f\n1: " insn " %w1, [%2]" \
                     : "=&r"(pc) : "r"(val), "r"(addr) : "memory")

/* Checks that exactly one alignment fault at pc for addr was taken, then forgets it. */
static void expect_alignment(int line, bool store, uint64_t addr, uint64_t pc)
{
    if (taken != 1 || EC(last_esr) != 0x25 ||
        (ISS(last_esr) & 0x7f) != (DFSC_ALIGNMENT | (store ? WNR : 0)) ||
        last_far != addr || last_elr != pc) {
        check_failed(line, "alignment fault");
        semi_puts("  taken ");
        semi_put_hex(taken);
        semi_puts(" esr ");
        semi_put_hex(last_esr);
        semi_puts(" far ");
        semi_put_hex(last_far);
        semi_puts(" elr ");
        semi_put_hex(last_elr);
        semi_puts(" pc ");
        semi_put_hex(pc);
        semi_puts("\n");
    }
    taken = 0;
}

/* The bytes at addr.. as a little-endian value of n bytes (byte loads: never misaligned). */
static uint64_t bytes_at(uint64_t addr, unsigned n)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)((volatile uint8_t *)addr)[i] << (8 * i);
    }
    return v;
}

/* Unaligned accesses to base fault (device) or work (Normal). */
static void check_page(int line, uint64_t base, bool device)
{
    uint64_t v, pc, x1 = 0x1111, x2 = 0x2222;

    /* Aligned accesses always work. */
    v = 0;
    ACCESS("ldr", v, base + 8, pc);
    CHECK_EQ(v, bytes_at(base + 8, 8));
    STORE("str", 0x0123456789abcdefULL, base + 16, pc);
    CHECK_EQ(bytes_at(base + 16, 8), 0x0123456789abcdefULL);
    STORE_W("strh", 0xbeefULL, base + 30, pc);
    CHECK_EQ(bytes_at(base + 30, 2), 0xbeef);
    v = 0;
    ACCESS_W("ldrh", v, base + 30, pc);
    CHECK_EQ(v, 0xbeef);
    v = 0;
    ACCESS_W("ldrb", v, base + 31, pc);           /* a byte is never misaligned */
    CHECK_EQ(v, 0xbe);
    CHECK_EQ(taken, 0);

    /* Unaligned: a load, a halfword load, a store, a 32-bit store. */
    v = 0x5a5a;
    ACCESS("ldr", v, base + 33, pc);
    if (device) {
        expect_alignment(line, false, base + 33, pc);
        CHECK_EQ(v, 0x5a5a);                    /* the register is unchanged */
    } else {
        CHECK_EQ(v, bytes_at(base + 33, 8));
    }
    v = 0x5a5a;
    ACCESS_W("ldrh", v, base + 41, pc);
    if (device) {
        expect_alignment(line, false, base + 41, pc);
    } else {
        CHECK_EQ(v, bytes_at(base + 41, 2));
    }
    STORE("str", 0xfeedfacecafef00dULL, base + 50, pc);
    if (device) {
        expect_alignment(line, true, base + 50, pc);
        CHECK(bytes_at(base + 50, 8) != 0xfeedfacecafef00dULL);    /* nothing written */
    } else {
        CHECK_EQ(bytes_at(base + 50, 8), 0xfeedfacecafef00dULL);
    }
    STORE("str", (uint64_t)0x13579bdf, base + 66, pc);     /* 8 bytes at +66 */
    if (device) {
        expect_alignment(line, true, base + 66, pc);
    } else {
        CHECK_EQ(bytes_at(base + 66, 8), 0x13579bdf);
    }
    /* A pair of X registers at a 4-aligned address: each element is misaligned. */
    __asm__ volatile("adr %2, 1f\n1: ldp %0, %1, [%3]"
                     : "+r"(x1), "+r"(x2), "=&r"(pc) : "r"(base + 68) : "memory");
    if (device) {
        expect_alignment(line, false, base + 68, pc);
        CHECK_EQ(x1, 0x1111);
    } else {
        CHECK_EQ(x1, bytes_at(base + 68, 8));
    }
    if (taken) {
        check_failed(line, "unexpected fault");
        taken = 0;
    }
}

static void build_tables(void)
{
    l1[0] = 0 | DESC_BLOCK | ATTR(0) | AF | PXN | UXN;
    l1[1] = (uint64_t)l2 | DESC_TABLE;
    for (unsigned i = 0; i < 64; i++) {
        l2[i] = (RAM + i * 0x200000ULL) | DESC_BLOCK | NORMAL;
    }
    l2[2] = (uint64_t)l3 | DESC_TABLE;
    for (unsigned i = 0; i < 512; i++) {
        l3[i] = PAGE(i) | DESC_PAGE | NORMAL;
    }
    l3[PG_NGNRE] = PAGE(PG_NGNRE) | DESC_PAGE | ATTR(2) | AF | PXN | UXN;
    l3[PG_NGNRNE] = PAGE(PG_NGNRNE) | DESC_PAGE | ATTR(0) | AF | PXN | UXN;
    l3[PG_NC] = PAGE(PG_NC) | DESC_PAGE | ATTR(3) | SH_INNER | AF;
    l3[PG_GRE] = PAGE(PG_GRE) | DESC_PAGE | ATTR(4) | AF | PXN | UXN;
}

static void mmu_on(void)
{
    uint64_t sctlr;
    /* T0SZ 25 (39 bits), walks inner shareable write-back, TG0 4K, EPD1, IPS 40 bits. */
    uint64_t tcr = 25ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | 1ULL << 23 | 2ULL << 32;

    __asm__ volatile("msr mair_el1, %0" : : "r"(MAIR));
    __asm__ volatile("msr tcr_el1, %0" : : "r"(tcr));
    __asm__ volatile("msr ttbr0_el1, %0" : : "r"((uint64_t)l1));
    __asm__ volatile("dsb ish\n isb\n tlbi vmalle1\n dsb ish\n isb" : : : "memory");
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr = (sctlr | 1 | 1 << 2 | 1 << 12) & ~(2ULL | 1ULL << 19);    /* M C I; not A */
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");
}

/* With the MMU off, data accesses are Device-nGnRnE: unaligned ones fault. */
static void check_mmu_off(void)
{
    uint64_t sctlr;

    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    CHECK_EQ(sctlr & 3, 0);                     /* M and A off */
    check_page(__LINE__, PAGE(8), true);
}

static void check_mmu_on(void)
{
    uint64_t v, pc, par;

    check_page(__LINE__, PAGE(PG_NORMAL), false);
    check_page(__LINE__, PAGE(PG_NC), false);
    check_page(__LINE__, PAGE(PG_NGNRE), true);
    check_page(__LINE__, PAGE(PG_NGNRNE), true);
    check_page(__LINE__, PAGE(PG_GRE), true);

    /* From the end of a Normal page into a Device one: misaligned, and Device. */
    v = 0x77;
    ACCESS("ldr", v, PAGE(PG_NGNRE) - 4, pc);
    expect_alignment(__LINE__, false, PAGE(PG_NGNRE) - 4, pc);
    CHECK_EQ(v, 0x77);
    /* Within the Normal page it works. */
    ACCESS("ldr", v, PAGE(PG_NGNRE) - 12, pc);
    CHECK_EQ(v, bytes_at(PAGE(PG_NGNRE) - 12, 8));
    CHECK_EQ(taken, 0);

    __asm__ volatile("at s1e1r, %1\n isb\n mrs %0, par_el1" : "=r"(par) : "r"(PAGE(PG_NGNRE)));
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(par >> 56, 0x04);
}

int main(void)
{
    check_mmu_off();
    build_tables();
    mmu_on();
    check_mmu_on();
    if (check_failures == 0) {
        semi_puts("devmem: PASS\n");
    }
    return check_failures;
}
