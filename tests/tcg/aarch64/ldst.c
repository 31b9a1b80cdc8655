/*
 * Integer loads and stores (ARM ARM C3.2, C6.2): every size, sign and zero
 * extension, unsigned/unscaled immediate offsets, pre- and post-index
 * writeback, register offsets with each extend and scale, pairs (LDP, STP,
 * LDPSW, LDNP/STNP, with writeback), literals, PRFM as a no-op even on an
 * address that would fault, the unprivileged LDTR/STTR (EL0 permissions
 * from EL1), and unaligned accesses: within a page and across a page
 * boundary they work with SCTLR_EL1.A clear, and with it set they are
 * alignment faults (DFSC 0x21, FAR the address, WnR for stores).
 *
 * Unaligned accesses are only architecturally allowed to Normal memory,
 * and with the MMU off every data access is Device-nGnRnE (ARM ARM
 * D8.2.10), so the program first turns the MMU on with a one-level map of
 * 1 GiB blocks (4K granule, 39-bit VA, walk starting at level 1):
 *   [0, 1G)        Device-nGnRnE, identity (the devices; not executable)
 *   [1G, 2G)       Normal, identity, EL1 read/write (RAM with this program)
 *   [2G, 3G)       RAM again, EL0 and EL1 read/write (AP = 01), no execute
 *   [3G, 4G)       RAM again, EL1 only (AP = 00), no execute
 *   [4G, 5G)       RAM again, read-only at both (AP = 11), no execute
 *   anything else  invalid
 * Exit status: the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>

#include "semihost.h"

#define ISS(esr) ((uint32_t)(esr) & 0x1ffffff)
#define GiB (1ULL << 30)

/* Block descriptor fields (ARM ARM D8.3.2). */
#define DESC_BLOCK  1ULL
#define ATTR(i)     ((uint64_t)(i) << 2)
#define AP_EL0      (1ULL << 6)
#define AP_RO       (1ULL << 7)
#define SH_INNER    (3ULL << 8)
#define AF          (1ULL << 10)
#define PXN         (1ULL << 53)
#define UXN         (1ULL << 54)

/* VA - PA of the RAM aliases (RAM starts at 1 GiB). */
#define ALIAS_USER  (1 * GiB)       /* EL0 and EL1 read/write */
#define ALIAS_EL1   (2 * GiB)       /* EL1 only */
#define ALIAS_RO    (3 * GiB)       /* read-only */

static uint64_t l1_table[512] __attribute__((aligned(4096)));
/* Two pages to cross a page boundary in, and a small aligned scratch area. */
static uint8_t pages[8192] __attribute__((aligned(4096)));
static uint64_t buf[8] __attribute__((aligned(64)));

static volatile uint64_t last_esr, last_far, last_elr;
static volatile int taken;

void sync_handler(ExceptionFrame *f, int vector __attribute__((unused)))
{
    last_esr = f->esr;
    last_far = f->far;
    last_elr = f->elr;
    taken++;
    f->elr += 4;
}

static void mmu_on(void)
{
    uint64_t sctlr;

    l1_table[0] = 0 | DESC_BLOCK | AF | ATTR(0) | PXN | UXN;
    l1_table[1] = 1 * GiB | DESC_BLOCK | AF | ATTR(1) | SH_INNER;
    l1_table[2] = 1 * GiB | DESC_BLOCK | AF | ATTR(1) | SH_INNER | AP_EL0 | PXN | UXN;
    l1_table[3] = 1 * GiB | DESC_BLOCK | AF | ATTR(1) | SH_INNER | PXN | UXN;
    l1_table[4] = 1 * GiB | DESC_BLOCK | AF | ATTR(1) | SH_INNER | AP_EL0 | AP_RO | PXN | UXN;
    /* MAIR: attr 0 Device-nGnRnE, attr 1 Normal write-back. */
    __asm__ volatile("msr mair_el1, %0" : : "r"(0xff00ULL));
    /* TCR: T0SZ 25, walks cacheable inner shareable, TG0 4K, EPD1, IPS 40 bits. */
    __asm__ volatile("msr tcr_el1, %0" : : "r"(25ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 |
                                               1ULL << 23 | 2ULL << 32));
    __asm__ volatile("msr ttbr0_el1, %0\n dsb ish\n tlbi vmalle1\n dsb ish\n isb"
                     : : "r"(l1_table) : "memory");
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr |= 1 | 1 << 2 | 1 << 12;      /* M, C, I */
    sctlr &= ~2ULL;                     /* A clear */
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");
}

static void set_alignment_check(bool on)
{
    uint64_t sctlr;

    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr = on ? sctlr | 2 : sctlr & ~2ULL;
    __asm__ volatile("msr sctlr_el1, %0\n isb" : : "r"(sctlr) : "memory");
}

static void fill_buf(void)
{
    for (int i = 4; i < 8; i++) {
        buf[i] = 0;
    }
    buf[0] = 0x8877665544332211ULL;
    buf[1] = 0xfffefdfcfbfaf9f8ULL;
    buf[2] = 0x0000000080000000ULL;
    buf[3] = 0x7fff80007f80ff7fULL;
}

/* Every size, zero- and sign-extending, with unsigned immediate offsets. */
static void check_sizes(void)
{
    uint64_t v;

    fill_buf();
    __asm__ volatile("ldrb %w0, [%1, #1]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0x22);
    __asm__ volatile("ldrh %w0, [%1, #2]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0x4433);
    __asm__ volatile("ldr %w0, [%1, #4]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0x88776655);
    __asm__ volatile("ldr %0, [%1, #8]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0xfffefdfcfbfaf9f8ULL);
    /* Sign extension: to X and to W (the upper half of X cleared). */
    __asm__ volatile("ldrsb %0, [%1, #8]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0xfffffffffffffff8ULL);
    __asm__ volatile("ldrsb %w0, [%1, #8]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0xfffffff8ULL);
    __asm__ volatile("ldrsb %0, [%1, #24]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0x7f);
    __asm__ volatile("ldrsh %0, [%1, #10]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0xfffffffffffffbfaULL);
    __asm__ volatile("ldrsh %w0, [%1, #10]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0xfbfaULL | 0xffff0000ULL);
    __asm__ volatile("ldrsh %0, [%1, #26]" : "=r"(v) : "r"(buf));     /* 0x7f80 */
    CHECK_EQ(v, 0x7f80);
    __asm__ volatile("ldrsw %0, [%1, #16]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0xffffffff80000000ULL);
    __asm__ volatile("ldrsw %0, [%1, #28]" : "=r"(v) : "r"(buf));
    CHECK_EQ(v, 0x7fff8000ULL);

    /* Stores write exactly their size. */
    buf[4] = 0;
    __asm__ volatile("strb %w0, [%1, #32]" : : "r"(0x1234567890abcdefULL), "r"(buf) : "memory");
    CHECK_EQ(buf[4], 0xef);
    __asm__ volatile("strh %w0, [%1, #34]" : : "r"(0x1234567890abcdefULL), "r"(buf) : "memory");
    CHECK_EQ(buf[4], 0xcdef00efULL);
    __asm__ volatile("str %w0, [%1, #36]" : : "r"(0x1234567890abcdefULL), "r"(buf) : "memory");
    CHECK_EQ(buf[4], 0x90abcdefcdef00efULL);
    __asm__ volatile("str %0, [%1, #40]" : : "r"(0x1234567890abcdefULL), "r"(buf) : "memory");
    CHECK_EQ(buf[5], 0x1234567890abcdefULL);
    __asm__ volatile("str xzr, [%0, #40]" : : "r"(buf) : "memory");
    CHECK_EQ(buf[5], 0);
    /* The largest scaled offset: imm12 4095 * 8. */
    __asm__ volatile("ldr %0, [%1, #32760]" : "=r"(v) : "r"((uint64_t)buf - 32760 + 8));
    CHECK_EQ(v, 0xfffefdfcfbfaf9f8ULL);
}

/* Pre-index, post-index (imm9, signed) and unscaled LDUR/STUR. */
static void check_writeback(void)
{
    uint64_t base, v;

    fill_buf();
    base = (uint64_t)buf;
    __asm__ volatile("ldr %0, [%1, #8]!" : "=r"(v), "+r"(base));
    CHECK_EQ(v, buf[1]);
    CHECK_EQ(base, (uint64_t)buf + 8);
    __asm__ volatile("ldr %0, [%1], #-8" : "=r"(v), "+r"(base));
    CHECK_EQ(v, buf[1]);
    CHECK_EQ(base, (uint64_t)buf);
    __asm__ volatile("ldrsh %0, [%1], #255" : "=r"(v), "+r"(base));
    CHECK_EQ(v, 0x2211);
    CHECK_EQ(base, (uint64_t)buf + 255);
    __asm__ volatile("ldrb %w0, [%1, #-256]!" : "=r"(v), "+r"(base));
    CHECK_EQ(base, (uint64_t)buf - 1);
    base = (uint64_t)buf + 48;
    __asm__ volatile("str %1, [%0, #-8]!\n str %2, [%0], #16"
                     : "+r"(base) : "r"(0x1111ULL), "r"(0x2222ULL) : "memory");
    CHECK_EQ(base, (uint64_t)buf + 56);
    CHECK_EQ(buf[5], 0x2222);
    __asm__ volatile("strh %w1, [%0, #-1]!" : "+r"(base) : "r"(0xabcdULL) : "memory");
    CHECK_EQ(base, (uint64_t)buf + 55);
    CHECK_EQ(buf[6] >> 56, 0xcd);
    CHECK_EQ(buf[7] & 0xff, 0xab);
    /* LDUR/STUR: unscaled, negative, any alignment of the offset. */
    buf[0] = 0x8877665544332211ULL;
    __asm__ volatile("ldur %w0, [%1, #-7]" : "=r"(v) : "r"((uint64_t)buf + 8));
    CHECK_EQ(v, 0x55443322);
    __asm__ volatile("ldursw %0, [%1, #-4]" : "=r"(v) : "r"((uint64_t)buf + 8));
    CHECK_EQ(v, 0xffffffff88776655ULL);
    __asm__ volatile("stur %w0, [%1, #-256]" : : "r"(0xdeadbeefULL), "r"((uint64_t)buf + 256)
                     : "memory");
    CHECK_EQ(buf[0], 0x88776655deadbeefULL);
    __asm__ volatile("sturb %w0, [%1, #255]" : : "r"(0x99ULL), "r"((uint64_t)buf - 248)
                     : "memory");
    CHECK_EQ(buf[0] >> 56, 0x99);
}

/* LDR/STR (register): LSL, UXTW, SXTW, SXTX, scaled or not. */
static void check_register_offsets(void)
{
    uint64_t v;

    fill_buf();
    __asm__ volatile("ldr %0, [%1, %2, lsl #3]" : "=r"(v) : "r"(buf), "r"(1ULL));
    CHECK_EQ(v, buf[1]);
    __asm__ volatile("ldr %0, [%1, %2]" : "=r"(v) : "r"(buf), "r"(8ULL));
    CHECK_EQ(v, buf[1]);
    /* UXTW ignores bits 63:32 of the index and does not sign-extend. */
    __asm__ volatile("ldr %0, [%1, %w2, uxtw #3]" : "=r"(v) : "r"(buf), "r"(0xffffffff00000002ULL));
    CHECK_EQ(v, buf[2]);
    /* SXTW: -1 scaled by 4 from &buf[1] is the upper word of buf[0]. */
    __asm__ volatile("ldr %w0, [%1, %w2, sxtw #2]" : "=r"(v)
                     : "r"((uint64_t)buf + 8), "r"(0x12345678ffffffffULL));
    CHECK_EQ(v, 0x88776655);
    __asm__ volatile("ldrb %w0, [%1, %w2, sxtw]" : "=r"(v) : "r"((uint64_t)buf + 8),
                     "r"(0xfffffffeULL));
    CHECK_EQ(v, 0x77);
    __asm__ volatile("ldrh %w0, [%1, %2, sxtx #1]" : "=r"(v) : "r"((uint64_t)buf + 8),
                     "r"(-2LL));
    CHECK_EQ(v, 0x6655);
    __asm__ volatile("ldrsh %0, [%1, %2, lsl #1]" : "=r"(v) : "r"(buf), "r"(5ULL));
    CHECK_EQ(v, 0xfffffffffffffbfaULL);
    __asm__ volatile("ldrsw %0, [%1, %w2, uxtw #2]" : "=r"(v) : "r"(buf), "r"(4ULL));
    CHECK_EQ(v, 0xffffffff80000000ULL);
    __asm__ volatile("str %w0, [%1, %2, lsl #2]" : : "r"(0xcafef00dULL), "r"(buf), "r"(9ULL)
                     : "memory");
    CHECK_EQ(buf[4] >> 32, 0xcafef00dULL);
    __asm__ volatile("strb %w0, [%1, %w2, uxtw]" : : "r"(0x5aULL), "r"(buf),
                     "r"(0xabcd000000000028ULL) : "memory");
    CHECK_EQ(buf[5] & 0xff, 0x5a);
}

/* LDP/STP (C6.2.130, C6.2.321), LDPSW, LDNP/STNP; offset, pre- and post-index. */
static void check_pairs(void)
{
    uint64_t a, b, base;

    fill_buf();
    __asm__ volatile("ldp %0, %1, [%2, #8]" : "=&r"(a), "=&r"(b) : "r"(buf));
    CHECK_EQ(a, buf[1]);
    CHECK_EQ(b, buf[2]);
    __asm__ volatile("ldp %w0, %w1, [%2, #4]" : "=&r"(a), "=&r"(b) : "r"(buf));
    CHECK_EQ(a, 0x88776655);
    CHECK_EQ(b, 0xfbfaf9f8);
    __asm__ volatile("ldpsw %0, %1, [%2, #12]" : "=&r"(a), "=&r"(b) : "r"(buf));
    CHECK_EQ(a, 0xfffffffffffefdfcULL);
    CHECK_EQ(b, 0xffffffff80000000ULL);
    __asm__ volatile("ldnp %0, %1, [%2, #-16]" : "=&r"(a), "=&r"(b) : "r"((uint64_t)buf + 24));
    CHECK_EQ(a, buf[1]);
    CHECK_EQ(b, buf[2]);
    base = (uint64_t)buf + 64;
    __asm__ volatile("stp %1, %2, [%0, #-16]!" : "+r"(base) : "r"(0xa1ULL), "r"(0xa2ULL)
                     : "memory");
    CHECK_EQ(base, (uint64_t)buf + 48);
    CHECK_EQ(buf[6], 0xa1);
    CHECK_EQ(buf[7], 0xa2);
    __asm__ volatile("stp %w1, %w2, [%0], #-8" : "+r"(base) : "r"(0xb1ULL), "r"(0xb2ULL)
                     : "memory");
    CHECK_EQ(base, (uint64_t)buf + 40);
    CHECK_EQ(buf[6], 0x000000b2000000b1ULL);
    __asm__ volatile("ldp %1, %2, [%0], #16" : "+r"(base), "=&r"(a), "=&r"(b));
    CHECK_EQ(base, (uint64_t)buf + 56);
    CHECK_EQ(b, 0x000000b2000000b1ULL);
    __asm__ volatile("ldpsw %1, %2, [%0, #-8]!" : "+r"(base), "=&r"(a), "=&r"(b));
    CHECK_EQ(base, (uint64_t)buf + 48);
    CHECK_EQ(a, 0xb1);
    CHECK_EQ(b, 0xb2);
    __asm__ volatile("stnp %1, %2, [%0]" : : "r"(buf), "r"(1ULL), "r"(2ULL) : "memory");
    CHECK_EQ(buf[0], 1);
    CHECK_EQ(buf[1], 2);
    /* The largest offsets: imm7 63 * 8 and -64 * 8. */
    __asm__ volatile("ldp %0, %1, [%2, #504]" : "=&r"(a), "=&r"(b) : "r"((uint64_t)buf - 504));
    CHECK_EQ(a, 1);
    CHECK_EQ(b, 2);
    __asm__ volatile("ldp %0, %1, [%2, #-512]" : "=&r"(a), "=&r"(b) : "r"((uint64_t)buf + 512));
    CHECK_EQ(a, 1);
    CHECK_EQ(b, 2);
}

/* LDR (literal), LDRSW (literal), and PRFM in every form: no access, so no fault. */
static void check_literal_and_prefetch(void)
{
    uint64_t a, b;

    __asm__ volatile("ldr %0, 1f\n ldrsw %1, 2f\n b 3f\n"
                     ".balign 8\n 1: .quad 0x0123456789abcdef\n 2: .word 0x80000001\n 3:"
                     : "=r"(a), "=r"(b));
    CHECK_EQ(a, 0x0123456789abcdefULL);
    CHECK_EQ(b, 0xffffffff80000001ULL);
    __asm__ volatile("ldr %w0, 1f\n b 2f\n .balign 4\n 1: .word 0xfeedface\n 2:" : "=r"(a));
    CHECK_EQ(a, 0xfeedface);

    taken = 0;
    /* 5 GiB is unmapped, 0x7ff00000 a hole in the physical map. */
    __asm__ volatile("prfm pldl1keep, [%0]\n"
                     "prfm pstl2strm, [%0, #8]\n"
                     "prfm pldl3keep, [%0, %1]\n"
                     "prfum plil1keep, [%0, #-1]\n"
                     "prfm pldl1keep, [%2]\n"
                     "prfm pldl1strm, 1f\n"
                     "1:"
                     : : "r"(5 * GiB), "r"(64ULL), "r"(0x7ff00000ULL));
    CHECK_EQ(taken, 0);
}

/* LDTR/STTR (C6.2.166 ...): from EL1 with EL0's permissions. */
static void check_unprivileged(void)
{
    uint64_t v = 0, user_va = (uint64_t)buf + ALIAS_USER;
    uint64_t el1_va = (uint64_t)buf + ALIAS_EL1, ro_va = (uint64_t)buf + ALIAS_RO;

    fill_buf();
    taken = 0;
    __asm__ volatile("ldtr %0, [%1, #8]" : "=r"(v) : "r"(user_va));
    CHECK_EQ(v, buf[1]);
    __asm__ volatile("ldtrsh %0, [%1, #10]" : "=r"(v) : "r"(user_va));
    CHECK_EQ(v, 0xfffffffffffffbfaULL);
    __asm__ volatile("ldtrb %w0, [%1, #-1]" : "=r"(v) : "r"(user_va + 1));
    CHECK_EQ(v, 0x11);
    __asm__ volatile("sttr %w0, [%1, #4]" : : "r"(0x01020304ULL), "r"(user_va) : "memory");
    CHECK_EQ(buf[0], 0x0102030444332211ULL);
    CHECK_EQ(taken, 0);

    /* The EL1-only alias: LDR works, LDTR is a permission fault at level 1 (DFSC 0x0d). */
    __asm__ volatile("ldr %0, [%1, #8]" : "=r"(v) : "r"(el1_va));
    CHECK_EQ(v, buf[1]);
    CHECK_EQ(taken, 0);
    v = 0x5555;
    __asm__ volatile("ldtr %0, [%1, #8]" : "+r"(v) : "r"(el1_va));
    CHECK_EQ(taken, 1);
    CHECK_EQ(v, 0x5555);
    CHECK_EQ(EC(last_esr), 0x25);
    CHECK_EQ(ISS(last_esr) & 0x7f, 0x0d);
    CHECK_EQ(last_far, el1_va + 8);
    /* The read-only alias: STTR is a permission fault with WnR, memory unchanged. */
    taken = 0;
    __asm__ volatile("sttr %0, [%1]" : : "r"(0ULL), "r"(ro_va) : "memory");
    CHECK_EQ(taken, 1);
    CHECK_EQ(ISS(last_esr) & 0x7f, 0x40 | 0x0d);
    CHECK_EQ(last_far, ro_va);
    CHECK_EQ(buf[0], 0x0102030444332211ULL);
    __asm__ volatile("ldtr %0, [%1]" : "=r"(v) : "r"(ro_va));
    CHECK_EQ(v, 0x0102030444332211ULL);
    CHECK_EQ(taken, 1);
}

/* Unaligned accesses to Normal memory with SCTLR_EL1.A clear (B2.5.2). */
static void check_unaligned(void)
{
    uint8_t *p = pages + 4096;      /* the page boundary */
    uint64_t v, a, b;

    for (int i = 0; i < 64; i++) {
        p[i - 32] = (uint8_t)(0x10 + i);    /* p[-32] = 0x10 ... p[31] = 0x4f */
    }
    taken = 0;
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"((uint64_t)buf + 1));
    CHECK_EQ(v, buf[0] >> 8 | buf[1] << 56);
    __asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(p - 1));           /* across the page */
    CHECK_EQ(v, 0x302f);
    __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(p - 3));
    CHECK_EQ(v, 0x302f2e2d);
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(p - 5));
    CHECK_EQ(v, 0x3231302f2e2d2c2bULL);
    __asm__ volatile("ldrsw %0, [%1]" : "=r"(v) : "r"(p - 1));
    CHECK_EQ(v, 0x3231302f);
    __asm__ volatile("ldp %0, %1, [%2]" : "=&r"(a), "=&r"(b) : "r"(p - 9));
    CHECK_EQ(a, 0x2e2d2c2b2a292827ULL);
    CHECK_EQ(b, 0x363534333231302fULL);
    __asm__ volatile("str %0, [%1]" : : "r"(0xa1a2a3a4a5a6a7a8ULL), "r"(p - 3) : "memory");
    CHECK_EQ(p[-4], 0x2c);
    CHECK_EQ(p[-3], 0xa8);
    CHECK_EQ(p[-1], 0xa6);
    CHECK_EQ(p[0], 0xa5);
    CHECK_EQ(p[4], 0xa1);
    CHECK_EQ(p[5], 0x35);
    __asm__ volatile("stp %w0, %w1, [%2]" : : "r"(0xb1b2b3b4ULL), "r"(0xc1c2c3c4ULL), "r"(p - 6)
                     : "memory");
    CHECK_EQ(p[-6], 0xb4);
    CHECK_EQ(p[-3], 0xb1);
    CHECK_EQ(p[-2], 0xc4);
    CHECK_EQ(p[1], 0xc1);
    CHECK_EQ(taken, 0);
}

/* With SCTLR_EL1.A set, anything not naturally aligned is an alignment fault. */
static void check_alignment_faults(void)
{
    uint64_t v = 0x77, pc, a = 0, b = 0;

    fill_buf();
    set_alignment_check(true);
    taken = 0;
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(buf + 1));      /* aligned: fine */
    __asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"((uint64_t)buf + 3));
    CHECK_EQ(taken, 0);
    v = 0x77;
    __asm__ volatile("adr %0, 1f\n 1: ldr %1, [%2]" : "=&r"(pc), "+r"(v) : "r"((uint64_t)buf + 4));
    CHECK_EQ(taken, 1);
    CHECK_EQ(EC(last_esr), 0x25);
    CHECK_EQ(ISS(last_esr) & 0x7f, 0x21);
    CHECK_EQ(last_far, (uint64_t)buf + 4);
    CHECK_EQ(last_elr, pc);
    CHECK_EQ(v, 0x77);
    __asm__ volatile("ldrh %w0, [%1]" : "+r"(v) : "r"((uint64_t)buf + 1));
    CHECK_EQ(taken, 2);
    CHECK_EQ(last_far, (uint64_t)buf + 1);
    __asm__ volatile("str %w0, [%1]" : : "r"(0ULL), "r"((uint64_t)buf + 2) : "memory");
    CHECK_EQ(taken, 3);
    CHECK_EQ(ISS(last_esr) & 0x7f, 0x40 | 0x21);
    CHECK_EQ(buf[0], 0x8877665544332211ULL);
    /* A pair: each element must be aligned, the pair need not be aligned to 16. */
    __asm__ volatile("ldp %0, %1, [%2]" : "=&r"(a), "=&r"(b) : "r"((uint64_t)buf + 8));
    CHECK_EQ(taken, 3);
    CHECK_EQ(a, buf[1]);
    __asm__ volatile("ldp %w0, %w1, [%2]" : "+&r"(a), "+&r"(b) : "r"((uint64_t)buf + 2));
    CHECK_EQ(taken, 4);
    CHECK_EQ(last_far, (uint64_t)buf + 2);
    /* Writeback does not happen when the access faults. */
    pc = (uint64_t)buf + 1;
    __asm__ volatile("ldr %1, [%0, #4]!" : "+r"(pc), "+r"(v));
    CHECK_EQ(taken, 5);
    CHECK_EQ(pc, (uint64_t)buf + 1);
    CHECK_EQ(last_far, (uint64_t)buf + 5);
    set_alignment_check(false);
}

int main(void)
{
    mmu_on();
    check_sizes();
    check_writeback();
    check_register_offsets();
    check_pairs();
    check_literal_and_prefetch();
    check_unprivileged();
    check_unaligned();
    check_alignment_faults();
    if (check_failures == 0) {
        semi_puts("ldst: PASS\n");
    }
    return check_failures;
}
