/*
 * The VMSAv8-64 stage 1 MMU (target/arm/mmu-walk.c).
 *
 * Page tables are built in the harness RAM by C code (descriptors written
 * with st64_le_p), the translation registers set in env directly, and then
 * either the walk is asked directly (arm_stage1_walk: every fault code and
 * permission rule) or real code runs with SCTLR_EL1.M set, on both
 * backends: instruction fetches through remapped pages, blocks, TTBR1,
 * faults ending in the vectors with ESR/FAR/ELR checked, EL0 via ERET, and
 * the TLB caching a translation until tlb_flush. Tests that need guest
 * loads and stores skip themselves while that instruction group is not
 * implemented (a probe runs one LDR first).
 *
 * Expected values: ARM ARM D8 (table formats, levels) and D17.2.40 (ESR).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-harness.h"
#include "accel/tcg/tcg-accel.h"
#include "target/arm/internal.h"
#include "util/bswap.h"

/* Descriptor bits (ARM ARM D8.3). */
#define D_VALID     1ULL
#define D_TABLE     3ULL        /* table (levels 0-2) or page (level 3) */
#define D_BLOCK     1ULL
#define D_AF        (1ULL << 10)
#define D_SH_INNER  (3ULL << 8)
#define D_AP_EL0    (1ULL << 6)     /* AP[1] */
#define D_AP_RO     (1ULL << 7)     /* AP[2] */
#define D_PXN       (1ULL << 53)
#define D_UXN       (1ULL << 54)
#define D_ATTR(i)   ((uint64_t)(i) << 2)
#define T_PXN       (1ULL << 59)
#define T_XN        (1ULL << 60)
#define T_AP_NOEL0  (1ULL << 61)
#define T_AP_RO     (1ULL << 62)

#define NORMAL      (D_AF | D_SH_INNER | D_ATTR(0))

/* TCR_EL1 fields. */
#define TCR_T0SZ(n)   ((uint64_t)(n))
#define TCR_T1SZ(n)   ((uint64_t)(n) << 16)
#define TCR_TG0_4K    (0ULL << 14)
#define TCR_TG0_64K   (1ULL << 14)
#define TCR_TG1_4K    (2ULL << 30)
#define TCR_TG1_64K   (3ULL << 30)
#define TCR_EPD0      (1ULL << 7)
#define TCR_EPD1      (1ULL << 23)
#define TCR_IPS(n)    ((uint64_t)(n) << 32)
#define TCR_IPS_48    TCR_IPS(5)

#define PT_BASE     0x40400000ULL   /* page tables are allocated from here */
#define SCTLR_M     1ULL
#define SCTLR_WXN   (1ULL << 19)
#define SCTLR_EE    (1ULL << 25)

/* Page-table builder over the harness RAM (independent of mmu-walk.c's arithmetic). */
typedef struct PT {
    A64Run *r;
    unsigned granule_bits;      /* 12 or 16 */
    unsigned va_bits;
    uint64_t next;              /* next free table */
    uint64_t root;
    bool big_endian;
} PT;

static uint8_t *host(A64Run *r, uint64_t pa)
{
    g_assert_cmphex(pa, >=, A64_RAM_BASE);
    g_assert_cmphex(pa, <, A64_RAM_BASE + A64_RAM_SIZE);
    return r->ram + (pa - A64_RAM_BASE);
}

static uint64_t pt_alloc(PT *pt)
{
    uint64_t t = pt->next;

    pt->next += 1ULL << pt->granule_bits;
    memset(host(pt->r, t), 0, 1ULL << pt->granule_bits);
    return t;
}

static void pt_init(PT *pt, A64Run *r, unsigned granule_bits, unsigned va_bits, uint64_t base)
{
    memset(pt, 0, sizeof(*pt));
    pt->r = r;
    pt->granule_bits = granule_bits;
    pt->va_bits = va_bits;
    pt->next = base;
    pt->root = pt_alloc(pt);
}

/* Levels of the walk: each resolves granule_bits - 3 bits above the page offset. */
static unsigned pt_start_level(const PT *pt)
{
    unsigned stride = pt->granule_bits - 3;
    unsigned levels = (pt->va_bits - pt->granule_bits + stride - 1) / stride;

    return 4 - levels;
}

static unsigned level_shift(const PT *pt, unsigned level)
{
    return pt->granule_bits + (3 - level) * (pt->granule_bits - 3);
}

static uint64_t *desc_slot_host(PT *pt, uint64_t table, uint64_t va, unsigned level)
{
    unsigned shift = level_shift(pt, level);
    unsigned bits = MIN(pt->granule_bits - 3, pt->va_bits - shift);
    uint64_t idx = (va >> shift) & ((1ULL << bits) - 1);

    return (uint64_t *)host(pt->r, table + idx * 8);
}

static uint64_t ld_desc(PT *pt, uint64_t *p)
{
    return pt->big_endian ? ld64_be_p(p) : ld64_le_p(p);
}

static void st_desc(PT *pt, uint64_t *p, uint64_t v)
{
    if (pt->big_endian) {
        st64_be_p(p, v);
    } else {
        st64_le_p(p, v);
    }
}

/*
 * The slot of va's descriptor at `level`, creating the tables above it;
 * table_attrs go into the table descriptors created.
 */
static uint64_t *pt_slot(PT *pt, uint64_t va, unsigned level, uint64_t table_attrs)
{
    uint64_t table = pt->root;

    for (unsigned l = pt_start_level(pt); l < level; l++) {
        uint64_t *slot = desc_slot_host(pt, table, va, l);
        uint64_t d = ld_desc(pt, slot);

        if (!(d & D_VALID)) {
            d = pt_alloc(pt) | D_TABLE | table_attrs;
            st_desc(pt, slot, d);
        }
        table = d & 0x0000fffffffff000ULL & ~((1ULL << pt->granule_bits) - 1);
    }
    return desc_slot_host(pt, table, va, level);
}

/* Maps one block (level < 3) or page (level 3) at va to pa. */
static void pt_map(PT *pt, uint64_t va, uint64_t pa, unsigned level, uint64_t attrs)
{
    st_desc(pt, pt_slot(pt, va, level, 0), pa | attrs | (level == 3 ? D_TABLE : D_BLOCK));
}

/* Turns the EL1&0 MMU on with pt as TTBR0 (4K or 64K granule). */
static void mmu_on(A64Run *r, PT *pt, uint64_t extra_tcr)
{
    CPUARMState *env = &r->cpu->env;

    env->ttbr0_el[1] = pt->root;
    env->tcr_el[1] = TCR_T0SZ(64 - pt->va_bits) | TCR_IPS_48 | TCR_EPD1 |
                     (pt->granule_bits == 16 ? TCR_TG0_64K : TCR_TG0_4K) | extra_tcr;
    env->mair_el[1] = 0xff;         /* Attr0: Normal write-back */
    env->sctlr_el[1] |= SCTLR_M;
    tlb_flush(&r->cpu->parent);
}

static uint32_t iabort(unsigned ec, uint32_t fsc)
{
    return ec << 26 | 1u << 25 | fsc;
}

static GBytes *assemble_or_skip(const char *src)
{
    GBytes *code = a64_assemble(src);

    if (!code) {
        g_test_skip("aarch64-linux-gnu-as is not installed");
    }
    return code;
}

/* Writes instruction words at a physical address. */
static void put_code(A64Run *r, uint64_t pa, const char *src)
{
    GBytes *code = a64_assemble(src);
    gsize len;
    const uint8_t *data;

    g_assert_nonnull(code);
    data = g_bytes_get_data(code, &len);
    memcpy(host(r, pa), data, len);
    g_bytes_unref(code);
}

/* Runs assembled code at A64_CODE_BASE; false (test skipped) without an assembler. */
static bool run_asm(A64Run *r, const char *src)
{
    GBytes *code = assemble_or_skip(src);

    if (!code) {
        return false;
    }
    a64_run_bytes(r, code);
    g_bytes_unref(code);
    return true;
}

/* Whether LDR is implemented yet (another group of the frontend). */
static bool loads_implemented(const char *backend)
{
    static const uint32_t ldr[] = { 0xf9400020 /* ldr x0, [x1] */ };
    A64Run r;
    bool ok;

    a64_harness_init(&r, backend, "cortex-a57");
    r.cpu->env.xregs[1] = A64_DATA_BASE;
    st64_le_p(host(&r, A64_DATA_BASE), 0x1122334455667788ULL);
    a64_run_code(&r, ldr, ARRAY_SIZE(ldr));
    ok = !r.exception_taken && r.cpu->env.xregs[0] == 0x1122334455667788ULL;
    a64_harness_destroy(&r);
    return ok;
}

/* ---- The walk asked directly ---- */

static ARMTranslation walk(A64Run *r, uint64_t va, MMUAccessType access, unsigned mmu_idx,
                           bool *ok)
{
    ARMTranslation tr;

    *ok = arm_stage1_walk(&r->cpu->parent, va, access, mmu_idx, &tr);
    return tr;
}

static void expect_ok(A64Run *r, uint64_t va, MMUAccessType access, unsigned mmu_idx,
                      uint64_t pa, uint64_t size, int prot)
{
    bool ok;
    ARMTranslation tr = walk(r, va, access, mmu_idx, &ok);

    g_assert_true(ok);
    g_assert_cmphex(tr.paddr, ==, pa);
    g_assert_cmphex(tr.page_size, ==, size);
    g_assert_cmpint(tr.prot, ==, prot);
}

static void expect_fault(A64Run *r, uint64_t va, MMUAccessType access, unsigned mmu_idx,
                         uint32_t fsc)
{
    bool ok;
    ARMTranslation tr = walk(r, va, access, mmu_idx, &ok);

    g_assert_false(ok);
    g_assert_cmphex(tr.fsc, ==, fsc);
}

#define RWX (PAGE_READ | PAGE_WRITE | PAGE_EXEC)
#define RW  (PAGE_READ | PAGE_WRITE)
#define RX  (PAGE_READ | PAGE_EXEC)

static void test_walk_4k(void)
{
    A64Run r;
    PT pt;

    a64_harness_init(&r, "tci", "cortex-a57");
    pt_init(&pt, &r, 12, 48, PT_BASE);
    g_assert_cmpuint(pt_start_level(&pt), ==, 0);
    pt_map(&pt, 0x12345000, 0x40801000, 3, NORMAL);
    pt_map(&pt, 0x80200000, 0x40a00000, 2, NORMAL);                   /* 2 MiB block */
    pt_map(&pt, 0x0000008080000000ULL, 0x100000000ULL, 1, NORMAL);    /* 1 GiB block */
    mmu_on(&r, &pt, 0);

    expect_ok(&r, 0x12345abc, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x40801abc, 4096, RWX);
    expect_ok(&r, 0x802fff08, MMU_DATA_STORE, ARM_MMU_IDX_EL10_1, 0x40afff08, 2 * MiB, RWX);
    expect_ok(&r, 0x0000008091234567ULL, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1,
              0x111234567ULL, 1 * GiB, RWX);
    /* Not EL0-accessible, but EL0 may still execute it (UXN clear). */
    expect_ok(&r, 0x12345000, MMU_INST_FETCH, ARM_MMU_IDX_EL10_0, 0x40801000, 4096, PAGE_EXEC);
    expect_fault(&r, 0x12345000, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_0, 0x0f);
    /* Faults in blocks report the block's level. */
    expect_fault(&r, 0x80200000, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_0, 0x0e);
    expect_fault(&r, 0x0000008080000000ULL, MMU_DATA_STORE, ARM_MMU_IDX_EL10_0, 0x0d);

    /* Translation faults at each level. */
    expect_fault(&r, 0x0000800000000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x04);
    expect_fault(&r, 0x0000000100000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x05);
    expect_fault(&r, 0x12400000, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x06);
    expect_fault(&r, 0x12346000, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x07);
    /* Outside the 48-bit range of TTBR0, and TTBR1's range disabled by EPD1. */
    expect_fault(&r, 0x0001000000000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x04);
    expect_fault(&r, 0xffff000012345000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x04);

    /* A level 0 block and a level 3 "block" (0b01) are invalid. */
    st64_le_p(pt_slot(&pt, 0x0000010000000000ULL, 0, 0), 0x40000000 | NORMAL | D_BLOCK);
    expect_fault(&r, 0x0000010000000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x04);
    st64_le_p(pt_slot(&pt, 0x12347000, 3, 0), 0x40802000 | NORMAL | D_BLOCK);
    expect_fault(&r, 0x12347000, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x07);

    /* EPD0 disables TTBR0 walks. */
    r.cpu->env.tcr_el[1] |= TCR_EPD0;
    expect_fault(&r, 0x12345000, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x04);
    r.cpu->env.tcr_el[1] &= ~TCR_EPD0;

    /* Output address above IPS (32 bits): address size fault at the level. */
    r.cpu->env.tcr_el[1] = (r.cpu->env.tcr_el[1] & ~TCR_IPS(7)) | TCR_IPS(0);
    expect_fault(&r, 0x0000008091234567ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x01);
    expect_ok(&r, 0x12345abc, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x40801abc, 4096, RWX);
    a64_harness_destroy(&r);
}

static void test_walk_39bit_and_ttbr1(void)
{
    A64Run r;
    PT pt, hi;

    a64_harness_init(&r, "tci", "cortex-a57");
    pt_init(&pt, &r, 12, 39, PT_BASE);
    g_assert_cmpuint(pt_start_level(&pt), ==, 1);
    pt_map(&pt, 0x7f12345000ULL, 0x40801000, 3, NORMAL);
    pt_map(&pt, 0x40000000, 0x40000000, 1, NORMAL);
    mmu_on(&r, &pt, 0);
    expect_ok(&r, 0x7f12345008ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x40801008, 4096, RWX);
    expect_ok(&r, 0x40abcdef, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x40abcdef, 1 * GiB, RWX);
    expect_fault(&r, 0x8000000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x04);

    /* TTBR1 with a 64K granule and a 42-bit range: VA[63:42] all ones. */
    pt_init(&hi, &r, 16, 42, PT_BASE + 0x100000);
    g_assert_cmpuint(pt_start_level(&hi), ==, 2);
    pt_map(&hi, 0xfffffc0000010000ULL, 0x40810000, 3, NORMAL | D_AP_RO | D_PXN);
    r.cpu->env.ttbr1_el[1] = hi.root;
    r.cpu->env.tcr_el[1] = (r.cpu->env.tcr_el[1] & ~TCR_EPD1) | TCR_T1SZ(22) | TCR_TG1_64K;
    expect_ok(&r, 0xfffffc000001fff0ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x4081fff0,
              64 * KiB, PAGE_READ);
    expect_fault(&r, 0xfffffc0000010000ULL, MMU_DATA_STORE, ARM_MMU_IDX_EL10_1, 0x0f);
    expect_fault(&r, 0xfffffc0000010000ULL, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1, 0x0f);
    expect_fault(&r, 0xfffffc0000020000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x07);
    expect_fault(&r, 0xfffff80000010000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x04);
    /* TBI1: the top byte is ignored for the range check. */
    expect_fault(&r, 0x12fffc0000010000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x04);
    r.cpu->env.tcr_el[1] |= 1ULL << 38;
    expect_ok(&r, 0x12fffc0000010000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x40810000,
              64 * KiB, PAGE_READ);
    a64_harness_destroy(&r);
}

static void test_walk_64k(void)
{
    A64Run r;
    PT pt;

    a64_harness_init(&r, "tci", "cortex-a57");
    pt_init(&pt, &r, 16, 48, PT_BASE);
    g_assert_cmpuint(pt_start_level(&pt), ==, 1);
    pt_map(&pt, 0x0000123450000ULL, 0x40820000, 3, NORMAL);
    pt_map(&pt, 0x0000fffe0000000ULL, 0x40000000, 2, NORMAL);        /* 512 MiB block */
    mmu_on(&r, &pt, 0);
    expect_ok(&r, 0x12345abcdULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x4082abcd,
              64 * KiB, RWX);
    expect_ok(&r, 0xfffe0000000ULL + 0x1234567, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1,
              0x41234567, 512 * MiB, RWX);
    pt_map(&pt, 0x0000fffc0000000ULL, 0x60000000, 2, NORMAL & ~D_AF);
    expect_fault(&r, 0x0000fffc0000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x0a);
    /* Level 1 blocks do not exist with 64K (without 52-bit addresses). */
    st64_le_p(pt_slot(&pt, 0x0000400000000000ULL, 1, 0), 0x40000000 | NORMAL | D_BLOCK);
    expect_fault(&r, 0x0000400000000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x05);
    expect_fault(&r, 0x0000200000000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x05);
    expect_fault(&r, 0x0000000200000000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x06);
    expect_fault(&r, 0x0000123460000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x07);
    a64_harness_destroy(&r);
}

static void test_walk_permissions(void)
{
    A64Run r;
    PT pt;
    const uint64_t user_rw = 0x1000, user_ro = 0x2000, kern_ro = 0x3000, no_af = 0x4000,
                   uxn = 0x5000, pxn = 0x6000, tbl_ro = 0x200000, tbl_noel0 = 0x400000,
                   tbl_xn = 0x600000, tbl_pxn = 0x800000;

    a64_harness_init(&r, "tci", "cortex-a57");
    pt_init(&pt, &r, 12, 39, PT_BASE);
    pt_map(&pt, user_rw, 0x40801000, 3, NORMAL | D_AP_EL0);
    pt_map(&pt, user_ro, 0x40802000, 3, NORMAL | D_AP_EL0 | D_AP_RO);
    pt_map(&pt, kern_ro, 0x40803000, 3, NORMAL | D_AP_RO);
    pt_map(&pt, no_af, 0x40804000, 3, (NORMAL & ~D_AF));
    pt_map(&pt, uxn, 0x40805000, 3, NORMAL | D_AP_EL0 | D_AP_RO | D_UXN);
    pt_map(&pt, pxn, 0x40806000, 3, NORMAL | D_AP_RO | D_PXN);
    /* Hierarchical attributes: a table descriptor at level 2 limits its level-3 pages. */
    st64_le_p(pt_slot(&pt, tbl_ro, 3, T_AP_RO), 0x40807000 | NORMAL | D_AP_EL0 | D_TABLE);
    st64_le_p(pt_slot(&pt, tbl_noel0, 3, T_AP_NOEL0), 0x40808000 | NORMAL | D_AP_EL0 | D_TABLE);
    st64_le_p(pt_slot(&pt, tbl_xn, 3, T_XN), 0x40809000 | NORMAL | D_AP_RO | D_TABLE);
    st64_le_p(pt_slot(&pt, tbl_pxn, 3, T_PXN), 0x4080a000 | NORMAL | D_AP_RO | D_TABLE);
    mmu_on(&r, &pt, 0);

    /* EL0-writable: EL1 never executes it; EL0 gets RWX. */
    expect_ok(&r, user_rw, MMU_DATA_STORE, ARM_MMU_IDX_EL10_0, 0x40801000, 4096, RWX);
    expect_ok(&r, user_rw, MMU_DATA_STORE, ARM_MMU_IDX_EL10_1, 0x40801000, 4096, RW);
    expect_fault(&r, user_rw, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1, 0x0f);
    /* PAN: EL1 data accesses to EL0-accessible pages fault. */
    expect_fault(&r, user_rw, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1_PAN, 0x0f);
    expect_fault(&r, user_ro, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1_PAN, 0x0f);
    expect_ok(&r, kern_ro, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1_PAN, 0x40803000, 4096, RX);
    /* Read-only. */
    expect_fault(&r, user_ro, MMU_DATA_STORE, ARM_MMU_IDX_EL10_0, 0x0f);
    expect_fault(&r, user_ro, MMU_DATA_STORE, ARM_MMU_IDX_EL10_1, 0x0f);
    expect_ok(&r, user_ro, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x40802000, 4096, RX);
    expect_ok(&r, user_ro, MMU_INST_FETCH, ARM_MMU_IDX_EL10_0, 0x40802000, 4096, RX);
    /* Kernel page at EL0. */
    expect_fault(&r, kern_ro, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_0, 0x0f);
    /* Access flag (level 3), before permission. */
    expect_fault(&r, no_af, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x0b);
    expect_fault(&r, no_af, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_0, 0x0b);
    /* UXN, PXN. */
    expect_fault(&r, uxn, MMU_INST_FETCH, ARM_MMU_IDX_EL10_0, 0x0f);
    expect_ok(&r, uxn, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1, 0x40805000, 4096, RX);
    expect_fault(&r, pxn, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1, 0x0f);
    expect_ok(&r, pxn, MMU_INST_FETCH, ARM_MMU_IDX_EL10_0, 0x40806000, 4096, PAGE_EXEC);
    /* APTable[1]: read-only below; APTable[0]: no EL0 below; XNTable; PXNTable. */
    expect_fault(&r, tbl_ro, MMU_DATA_STORE, ARM_MMU_IDX_EL10_0, 0x0f);
    expect_ok(&r, tbl_ro, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_0, 0x40807000, 4096, RX);
    expect_fault(&r, tbl_noel0, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_0, 0x0f);
    expect_ok(&r, tbl_noel0, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1_PAN, 0x40808000, 4096, RWX);
    expect_fault(&r, tbl_xn, MMU_INST_FETCH, ARM_MMU_IDX_EL10_0, 0x0f);
    expect_ok(&r, tbl_xn, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1, 0x40809000, 4096, RX);
    expect_fault(&r, tbl_pxn, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1, 0x0f);
    /* SCTLR.WXN: writable memory is never executable. */
    r.cpu->env.sctlr_el[1] |= SCTLR_WXN;
    expect_ok(&r, kern_ro, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1, 0x40803000, 4096, RX);
    pt_map(&pt, 0x7000, 0x40807000, 3, NORMAL);
    expect_ok(&r, 0x7000, MMU_DATA_LOAD, ARM_MMU_IDX_EL10_1, 0x40807000, 4096, RW);
    expect_fault(&r, 0x7000, MMU_INST_FETCH, ARM_MMU_IDX_EL10_1, 0x0f);
    a64_harness_destroy(&r);
}

/* An MMIO page that remembers who asked (the GIC's CPU interface does the same). */
static MemTxResult record_attrs_read(void *opaque, hwaddr addr, uint64_t *data,
                                     unsigned size, MemTxAttrs attrs)
{
    *(MemTxAttrs *)opaque = attrs;
    *data = 0;
    return MEMTX_OK;
}

static const MemoryRegionOps record_attrs_ops = {
    .read_with_attrs = record_attrs_read,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

/*
 * Loads through the TLB carry the CPU's index as requester_id, with the
 * MMU off and on: a second CPU's accesses to a banked device register
 * (GICv2 GICC_IAR) must not land on CPU 0's bank.
 */
static void test_requester_id(void)
{
    const hwaddr dev_pa = 0x09000000;
    const uint64_t dev_va = 0x12345000;
    MemTxAttrs seen = { 0 };
    MemoryRegion mr;
    ARMCPU *second;
    A64Run r;
    PT pt;

    a64_harness_init(&r, "tci", "cortex-a57");
    a64_harness_mmu_off(&r);
    second = arm_cpu_new("cortex-a57", 1, get_address_space_memory(), &error_abort);
    memory_region_init_io(&mr, &record_attrs_ops, &seen, "attrs-recorder", 0x1000);
    memory_region_add_subregion(get_system_memory(), dev_pa, &mr);

    /* MMU off: the physical address as is. */
    guest_load(&second->parent, dev_pa, make_memop_idx(MO_LEUL, ARM_MMU_IDX_EL10_1), 0);
    g_assert_false(seen.unspecified);
    g_assert_cmpuint(seen.requester_id, ==, 1);
    guest_load(&r.cpu->parent, dev_pa, make_memop_idx(MO_LEUL, ARM_MMU_IDX_EL10_1), 0);
    g_assert_false(seen.unspecified);
    g_assert_cmpuint(seen.requester_id, ==, 0);

    /* MMU on: the walk's attributes, with the CPU named. */
    pt_init(&pt, &r, 12, 48, PT_BASE);
    pt_map(&pt, dev_va, dev_pa, 3, NORMAL);
    mmu_on(&r, &pt, 0);
    second->env.ttbr0_el[1] = r.cpu->env.ttbr0_el[1];
    second->env.tcr_el[1] = r.cpu->env.tcr_el[1];
    second->env.mair_el[1] = r.cpu->env.mair_el[1];
    second->env.sctlr_el[1] = r.cpu->env.sctlr_el[1];
    tlb_flush(&second->parent);
    seen = (MemTxAttrs) { .unspecified = 1 };
    guest_load(&second->parent, dev_va + 4, make_memop_idx(MO_LEUL, ARM_MMU_IDX_EL10_1), 0);
    g_assert_false(seen.unspecified);
    g_assert_cmpuint(seen.requester_id, ==, 1);
    guest_load(&r.cpu->parent, dev_va + 8, make_memop_idx(MO_LEUL, ARM_MMU_IDX_EL10_1), 0);
    g_assert_cmpuint(seen.requester_id, ==, 0);

    memory_region_del_subregion(get_system_memory(), &mr);
    memory_region_finalize(&mr);
    arm_cpu_free(second);
    a64_harness_destroy(&r);
}

static void test_walk_el2_and_be(void)
{
    A64Run r;
    PT pt;
    CPUARMState *env;

    a64_harness_init(&r, "tci", "cortex-a57");
    env = &r.cpu->env;
    pt_init(&pt, &r, 12, 48, PT_BASE);
    pt.big_endian = true;
    pt_map(&pt, 0x5000, 0x40805000, 3, NORMAL | D_AP_RO);
    pt_map(&pt, 0x6000, 0x40806000, 3, NORMAL | D_UXN);         /* XN in EL2 */
    /* EL2: one range, PS at [18:16], no EPD; big-endian descriptors with SCTLR_EL2.EE. */
    env->ttbr0_el[2] = pt.root;
    env->tcr_el[2] = TCR_T0SZ(16) | 5ULL << 16;
    env->sctlr_el[2] |= SCTLR_M | SCTLR_EE;
    expect_ok(&r, 0x5123, MMU_DATA_LOAD, ARM_MMU_IDX_EL2, 0x40805123, 4096, RX);
    expect_fault(&r, 0x5123, MMU_DATA_STORE, ARM_MMU_IDX_EL2, 0x0f);
    expect_ok(&r, 0x6000, MMU_DATA_STORE, ARM_MMU_IDX_EL2, 0x40806000, 4096, RW);
    expect_fault(&r, 0x6000, MMU_INST_FETCH, ARM_MMU_IDX_EL2, 0x0f);
    /* No high range in EL2. */
    expect_fault(&r, 0xffff000000005000ULL, MMU_DATA_LOAD, ARM_MMU_IDX_EL2, 0x04);
    /* Little-endian reads of the same tables miss. */
    env->sctlr_el[2] &= ~SCTLR_EE;
    expect_fault(&r, 0x5123, MMU_DATA_LOAD, ARM_MMU_IDX_EL2, 0x04);
    a64_harness_destroy(&r);
}

/* ---- Real code with the MMU on ---- */

/* The identity map of vectors and code, plus a remapped code page. */
#define FUNC_VA     0x10000000ULL
#define FUNC_PA     0x40600000ULL
#define FUNC2_PA    0x40601000ULL

static const char call_func[] =
    "  movz x1, #0x1000, lsl #16\n"     /* FUNC_VA */
    "  mov x0, #0\n"
    "  blr x1\n";

static void test_run_4k_remapped(gconstpointer backend)
{
    A64Run r;
    PT pt;

    a64_harness_init(&r, backend, "cortex-a57");
    pt_init(&pt, &r, 12, 48, PT_BASE);
    pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 2, NORMAL);       /* 2 MiB block: vectors, code */
    pt_map(&pt, FUNC_VA, FUNC_PA, 3, NORMAL | D_AP_RO);
    put_code(&r, FUNC_PA, "mov x0, #42\n ret\n");
    mmu_on(&r, &pt, 0);
    if (run_asm(&r, call_func)) {
        g_assert_false(r.exception_taken);
        g_assert_cmpuint(r.cpu->env.xregs[0], ==, 42);
    }
    a64_harness_destroy(&r);
}

static void test_run_64k_block(gconstpointer backend)
{
    A64Run r;
    PT pt;

    a64_harness_init(&r, backend, "cortex-a57");
    pt_init(&pt, &r, 16, 42, PT_BASE);
    pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 2, NORMAL);       /* 512 MiB block */
    pt_map(&pt, FUNC_VA, FUNC_PA, 3, NORMAL | D_AP_RO);       /* 64K page */
    put_code(&r, FUNC_PA + 0x1000, "mov x0, #64\n ret\n");
    mmu_on(&r, &pt, 0);
    if (run_asm(&r, "  movz x1, #0x1000, lsl #16\n  movk x1, #0x1000\n  blr x1\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmpuint(r.cpu->env.xregs[0], ==, 64);
    }
    a64_harness_destroy(&r);
}

static void test_run_39bit_ttbr1(gconstpointer backend)
{
    A64Run r;
    PT pt, hi;

    a64_harness_init(&r, backend, "cortex-a57");
    pt_init(&pt, &r, 12, 39, PT_BASE);
    pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 1, NORMAL);       /* 1 GiB block */
    pt_init(&hi, &r, 12, 48, PT_BASE + 0x100000);
    pt_map(&hi, 0xffff000012340000ULL, FUNC_PA, 3, NORMAL | D_AP_RO);
    put_code(&r, FUNC_PA, "mov x0, #7\n ret\n");
    mmu_on(&r, &pt, TCR_T1SZ(16) | TCR_TG1_4K);
    r.cpu->env.tcr_el[1] &= ~TCR_EPD1;
    r.cpu->env.ttbr1_el[1] = hi.root;
    tlb_flush(&r.cpu->parent);
    if (run_asm(&r, "  movz x1, #0xffff, lsl #48\n  movk x1, #0x1234, lsl #16\n  blr x1\n")) {
        g_assert_false(r.exception_taken);
        g_assert_cmpuint(r.cpu->env.xregs[0], ==, 7);
    }
    a64_harness_destroy(&r);
}

/* Branches to va and expects an instruction abort at the current EL with fsc. */
static void expect_fetch_abort(const char *backend, uint64_t va, uint32_t fsc)
{
    A64Run r;
    PT pt;
    char *src;

    a64_harness_init(&r, backend, "cortex-a57");
    pt_init(&pt, &r, 12, 48, PT_BASE);
    pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 2, NORMAL);
    pt_map(&pt, FUNC_VA, FUNC_PA, 3, NORMAL | D_AP_RO | D_PXN);
    pt_map(&pt, FUNC_VA + 0x2000, FUNC_PA, 3, NORMAL & ~D_AF);
    put_code(&r, FUNC_PA, "mov x0, #1\n ret\n");
    mmu_on(&r, &pt, 0);
    src = g_strdup_printf("  movz x1, #0x%x, lsl #48\n  movk x1, #0x%x, lsl #32\n"
                          "  movk x1, #0x%x, lsl #16\n  movk x1, #0x%x\n  br x1\n",
                          (unsigned)(va >> 48), (unsigned)(va >> 32) & 0xffff,
                          (unsigned)(va >> 16) & 0xffff, (unsigned)va & 0xffff);
    if (run_asm(&r, src)) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x200);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, iabort(0x21, fsc));
        g_assert_cmphex(r.cpu->env.far_el[1], ==, va);
        g_assert_cmphex(r.cpu->env.elr_el[1], ==, va);
        g_assert_cmpuint(r.cpu->env.xregs[0], ==, 0);
    }
    g_free(src);
    a64_harness_destroy(&r);
}

static void test_run_fetch_faults(gconstpointer backend)
{
    expect_fetch_abort(backend, 0x0000800000000000ULL, 0x04);     /* level 0 */
    expect_fetch_abort(backend, 0x0000000100000000ULL, 0x05);     /* level 1 */
    expect_fetch_abort(backend, 0x0000000040200000ULL, 0x06);     /* level 2 */
    expect_fetch_abort(backend, FUNC_VA + 0x1000, 0x07);          /* level 3 */
    expect_fetch_abort(backend, FUNC_VA + 0x2000, 0x0b);          /* access flag */
    expect_fetch_abort(backend, FUNC_VA, 0x0f);                   /* PXN */
    expect_fetch_abort(backend, 0x0001000000000000ULL, 0x04);     /* outside T0SZ */
}

/* ERET to EL0 code that branches to a kernel (UXN) page: instruction abort from EL0. */
#define EL0_VA      0x20000000ULL
#define EL0_PA      0x40602000ULL

static void test_run_el0(gconstpointer backend)
{
    A64Run r;
    PT pt;

    a64_harness_init(&r, backend, "cortex-a57");
    pt_init(&pt, &r, 12, 48, PT_BASE);
    pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 2, NORMAL | D_UXN);
    pt_map(&pt, EL0_VA, EL0_PA, 3, NORMAL | D_AP_EL0 | D_AP_RO | D_PXN);
    pt_map(&pt, FUNC_VA, FUNC_PA, 3, NORMAL | D_AP_RO | D_UXN);
    put_code(&r, EL0_PA, "mov x0, #5\n movz x1, #0x1000, lsl #16\n blr x1\n mov x0, #6\n");
    put_code(&r, FUNC_PA, "mov x0, #9\n ret\n");
    mmu_on(&r, &pt, 0);
    r.cpu->env.spsr_el[1] = 0;          /* EL0t */
    r.cpu->env.elr_el[1] = EL0_VA;
    if (run_asm(&r, "  eret\n")) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x400);        /* lower EL, AArch64 */
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, iabort(0x20, 0x0f));
        g_assert_cmphex(r.cpu->env.far_el[1], ==, FUNC_VA);
        g_assert_cmphex(r.cpu->env.elr_el[1], ==, FUNC_VA);
        g_assert_cmpuint(r.cpu->env.xregs[0], ==, 5);
        g_assert_cmphex(r.cpu->env.xregs[30], ==, EL0_VA + 12);
    }
    a64_harness_destroy(&r);
}

/* A changed descriptor is not seen until the TLB is flushed. */
static void test_run_tlb_caches(gconstpointer backend)
{
    A64Run r;
    PT pt;
    uint64_t *slot;

    a64_harness_init(&r, backend, "cortex-a57");
    pt_init(&pt, &r, 12, 48, PT_BASE);
    pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 2, NORMAL);
    pt_map(&pt, FUNC_VA, FUNC_PA, 3, NORMAL | D_AP_RO);
    put_code(&r, FUNC_PA, "mov x0, #1\n ret\n");
    put_code(&r, FUNC2_PA, "mov x0, #2\n ret\n");
    mmu_on(&r, &pt, 0);
    if (!run_asm(&r, call_func)) {
        a64_harness_destroy(&r);
        return;
    }
    g_assert_false(r.exception_taken);
    g_assert_cmpuint(r.cpu->env.xregs[0], ==, 1);

    slot = pt_slot(&pt, FUNC_VA, 3, 0);
    st64_le_p(slot, FUNC2_PA | NORMAL | D_AP_RO | D_TABLE);
    run_asm(&r, call_func);
    g_assert_false(r.exception_taken);
    g_assert_cmpuint(r.cpu->env.xregs[0], ==, 1);          /* the TLB still maps the old page */

    tlb_flush(&r.cpu->parent);
    run_asm(&r, call_func);
    g_assert_false(r.exception_taken);
    g_assert_cmpuint(r.cpu->env.xregs[0], ==, 2);

    /* Invalidated: a translation fault once flushed. */
    st64_le_p(slot, 0);
    tlb_flush(&r.cpu->parent);
    run_asm(&r, call_func);
    g_assert_true(r.exception_taken);
    g_assert_cmphex(r.cpu->env.esr_el[1], ==, iabort(0x21, 0x07));
    a64_harness_destroy(&r);
}

/* ---- Data accesses (need LDR/STR from the loads and stores group) ---- */

#define DATA_VA     0x30000000ULL
#define DATA_PA     0x40700000ULL

static uint32_t dabort(unsigned ec, uint32_t fsc, bool write)
{
    return ec << 26 | 1u << 25 | (write ? 1u << 6 : 0) | fsc;
}

typedef struct DataCase {
    const char *name;
    uint64_t va;
    bool store;
    bool pan;
    uint32_t fsc;               /* 0: no fault expected */
} DataCase;

static void test_run_data(gconstpointer backend)
{
    static const DataCase cases[] = {
        { "remapped load", DATA_VA + 0x10, false, false, 0 },
        { "store to rw", DATA_VA + 0x1008, true, false, 0 },
        { "store to ro", DATA_VA + 0x10, true, false, 0x0f },
        { "level 0", 0x0000800000000000ULL, false, false, 0x04 },
        { "level 1", 0x0000000100000000ULL, false, false, 0x05 },
        { "level 2", 0x0000000040200000ULL, false, false, 0x06 },
        { "level 3", DATA_VA + 0x3000, false, false, 0x07 },
        { "access flag", DATA_VA + 0x2000, false, false, 0x0b },
        { "pan user page", DATA_VA + 0x1000, false, true, 0x0f },
        { "pan kernel page", DATA_VA + 0x10, false, true, 0 },
    };
    PT pt;

    if (!loads_implemented(backend)) {
        g_test_skip("LDR is not implemented yet");
        return;
    }
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        const DataCase *c = &cases[i];
        A64Run r;

        a64_harness_init(&r, backend, "max");
        pt_init(&pt, &r, 12, 48, PT_BASE);
        pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 2, NORMAL);
        pt_map(&pt, DATA_VA, DATA_PA, 3, NORMAL | D_AP_RO);
        pt_map(&pt, DATA_VA + 0x1000, DATA_PA + 0x1000, 3, NORMAL | D_AP_EL0 | D_UXN);
        pt_map(&pt, DATA_VA + 0x2000, DATA_PA + 0x2000, 3, NORMAL & ~D_AF);
        st64_le_p(host(&r, DATA_PA + 0x10), 0xfeedface12345678ULL);
        st64_le_p(host(&r, DATA_PA + 0x1000), 0x0123456789abcdefULL);
        mmu_on(&r, &pt, 0);
        if (c->pan) {
            r.cpu->env.pstate |= PSTATE_PAN;
        }
        r.cpu->env.xregs[1] = c->va;
        r.cpu->env.xregs[2] = 0x5555;
        g_test_message("%s", c->name);
        if (!run_asm(&r, c->store ? "  str x2, [x1]\n  mov x3, #1\n"
                                  : "  ldr x0, [x1]\n  mov x3, #1\n")) {
            a64_harness_destroy(&r);
            return;
        }
        if (c->fsc) {
            g_assert_true(r.exception_taken);
            g_assert_cmphex(r.cpu->env.esr_el[1], ==, dabort(0x25, c->fsc, c->store));
            g_assert_cmphex(r.cpu->env.far_el[1], ==, c->va);
            g_assert_cmphex(r.cpu->env.elr_el[1], ==, A64_CODE_BASE);
            g_assert_cmpuint(r.cpu->env.xregs[3], ==, 0);
        } else {
            g_assert_false(r.exception_taken);
            g_assert_cmpuint(r.cpu->env.xregs[3], ==, 1);
            if (c->store) {
                g_assert_cmphex(ld64_le_p(host(&r, DATA_PA + (c->va - DATA_VA))), ==, 0x5555);
            } else {
                g_assert_cmphex(r.cpu->env.xregs[0], ==,
                                ld64_le_p(host(&r, DATA_PA + (c->va - DATA_VA))));
            }
        }
        a64_harness_destroy(&r);
    }
}

/* EL0 loads: a user page works, a kernel page faults (data abort from a lower EL). */
static void test_run_el0_data(gconstpointer backend)
{
    A64Run r;
    PT pt;

    if (!loads_implemented(backend)) {
        g_test_skip("LDR is not implemented yet");
        return;
    }
    a64_harness_init(&r, backend, "cortex-a57");
    pt_init(&pt, &r, 12, 48, PT_BASE);
    pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 2, NORMAL | D_UXN);
    pt_map(&pt, EL0_VA, EL0_PA, 3, NORMAL | D_AP_EL0 | D_AP_RO | D_PXN);
    pt_map(&pt, DATA_VA, DATA_PA, 3, NORMAL | D_AP_EL0 | D_UXN);
    pt_map(&pt, DATA_VA + 0x1000, DATA_PA + 0x1000, 3, NORMAL | D_UXN);
    st64_le_p(host(&r, DATA_PA), 77);
    put_code(&r, EL0_PA, "movz x1, #0x3000, lsl #16\n ldr x4, [x1]\n add x1, x1, #0x1000\n"
                         " ldr x5, [x1]\n mov x6, #1\n");
    mmu_on(&r, &pt, 0);
    r.cpu->env.spsr_el[1] = 0;
    r.cpu->env.elr_el[1] = EL0_VA;
    if (run_asm(&r, "  eret\n")) {
        g_assert_true(r.exception_taken);
        g_assert_cmphex(r.vector_offset, ==, 0x400);
        g_assert_cmpuint(r.cpu->env.xregs[4], ==, 77);
        g_assert_cmphex(r.cpu->env.esr_el[1], ==, dabort(0x24, 0x0f, false));
        g_assert_cmphex(r.cpu->env.far_el[1], ==, DATA_VA + 0x1000);
        g_assert_cmphex(r.cpu->env.elr_el[1], ==, EL0_VA + 12);
        g_assert_cmpuint(r.cpu->env.xregs[6], ==, 0);
    }
    a64_harness_destroy(&r);
}

/* Loads through a changed descriptor see the old page until tlb_flush. */
static void test_run_data_tlb(gconstpointer backend)
{
    static const char load[] = "  movz x1, #0x3000, lsl #16\n  ldr x0, [x1, #8]\n";
    A64Run r;
    PT pt;

    if (!loads_implemented(backend)) {
        g_test_skip("LDR is not implemented yet");
        return;
    }
    a64_harness_init(&r, backend, "cortex-a57");
    pt_init(&pt, &r, 16, 48, PT_BASE);
    pt_map(&pt, A64_RAM_BASE, A64_RAM_BASE, 2, NORMAL);
    pt_map(&pt, DATA_VA, DATA_PA, 3, NORMAL);
    st64_le_p(host(&r, DATA_PA + 8), 1);
    st64_le_p(host(&r, DATA_PA + 0x10008), 2);
    mmu_on(&r, &pt, 0);
    if (!run_asm(&r, load)) {
        a64_harness_destroy(&r);
        return;
    }
    g_assert_false(r.exception_taken);
    g_assert_cmpuint(r.cpu->env.xregs[0], ==, 1);
    pt_map(&pt, DATA_VA, DATA_PA + 0x10000, 3, NORMAL);
    run_asm(&r, load);
    g_assert_cmpuint(r.cpu->env.xregs[0], ==, 1);
    tlb_flush(&r.cpu->parent);
    run_asm(&r, load);
    g_assert_false(r.exception_taken);
    g_assert_cmpuint(r.cpu->env.xregs[0], ==, 2);
    a64_harness_destroy(&r);
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    static const struct {
        const char *name;
        void (*fn)(gconstpointer);
    } runs[] = {
        { "4k-remapped", test_run_4k_remapped },
        { "64k-block", test_run_64k_block },
        { "39bit-ttbr1", test_run_39bit_ttbr1 },
        { "fetch-faults", test_run_fetch_faults },
        { "el0", test_run_el0 },
        { "tlb-caches", test_run_tlb_caches },
        { "data", test_run_data },
        { "el0-data", test_run_el0_data },
        { "data-tlb", test_run_data_tlb },
    };

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    g_test_add_func("/a64-mmu/walk/4k", test_walk_4k);
    g_test_add_func("/a64-mmu/walk/39bit-ttbr1", test_walk_39bit_and_ttbr1);
    g_test_add_func("/a64-mmu/walk/64k", test_walk_64k);
    g_test_add_func("/a64-mmu/walk/permissions", test_walk_permissions);
    g_test_add_func("/a64-mmu/walk/el2-big-endian", test_walk_el2_and_be);
    g_test_add_func("/a64-mmu/requester-id", test_requester_id);
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        for (size_t i = 0; i < ARRAY_SIZE(runs); i++) {
            char *path = g_strdup_printf("/a64-mmu/%s/%s", backends[b], runs[i].name);

            g_test_add_data_func(path, backends[b], runs[i].fn);
            g_free(path);
        }
    }
    return g_test_run();
}
