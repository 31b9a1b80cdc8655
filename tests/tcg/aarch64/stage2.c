/*
 * Stage 2 translation and the EL2 regime (ARM ARM D8; run with
 * -M virt,virtualization=on, which starts the program at EL2).
 *
 * EL2 builds stage 2 tables for the EL1&0 regime and runs functions at
 * EL1 (run_el1: ERET to EL1, back with HVC #0xffff); its own vector table
 * (el2_vectors) records the aborts EL1's accesses take to EL2, and crt0's
 * EL1 vectors those EL1 takes itself.
 *
 * Stage 2, 4K granule: VTCR_EL2.T0SZ 24 (40-bit IPA), SL0 = 1: the walk
 * starts at level 1 with two concatenated tables (1024 entries):
 *   L1[0]   IPA [0, 1G): Device-nGnRE, XN
 *   L1[1]   -> L2: 2 MiB Normal blocks, identity, except
 *     L2[2]   IPA 0x40400000 -> L3: 4 KiB pages, identity, except
 *             page 0 -> PA page 16 (then 17 after a TLBI), page 2 invalid,
 *             page 3 read-only, page 4 XN, page 6 invalid (it holds EL1's
 *             stage 1 table: S1PTW), page 7 AF = 0, page 8 Device-nGnRE
 *     L2[40]  invalid
 *   L1[512] IPA 512 GiB (the second concatenated table): 1 GiB -> RAM
 * A second set (VMID 2) maps page 0 to PA page 18. 16K and 64K granule
 * sets map IPA 0x40400000 to PA page 16 with 16 KiB / 64 KiB pages.
 * EL1's stage 1 (4K, T0SZ 25): identity, Normal for RAM, except VA
 * 0x40600000 (L2[3]) whose L3 table is at IPA page 6, and L2[4] invalid.
 *
 * Checked: IPA -> PA remapping seen by EL1 loads (EL1 MMU off and on);
 * stage 2 translation faults at levels 0 to 3, access flag, permission
 * (write to a read-only page, WnR) and execute-never (EC 0x20) faults
 * taken to EL2 with ESR_EL2, FAR_EL2 and HPFAR_EL2; a stage 2 fault on a
 * stage 1 table walk (S1PTW); stage 1 faults still taken to EL1; stage 2
 * Device memory giving EL1 alignment faults; AT S1E1R at EL1 taking a
 * stage 2 fault on its walk to EL2 (ISS.CM); TLBI IPAS2E1 + VMALLE1; a
 * VMID change; HCR_EL2.DC; AT S12E1R/W and S1E1R from EL2 into PAR_EL1;
 * the 16K and 64K granules at stage 2; EL2's own stage 1 (TTBR0_EL2) with
 * TLBI VAE2 and AT S1E2R. Exit status: the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stdbool.h>
#include "semihost.h"

#define ISS(esr)    ((uint32_t)(esr) & 0x1ffffff)
#define FSC(esr)    ((uint32_t)(esr) & 0x3f)
#define WNR         (1u << 6)
#define S1PTW       (1u << 7)

#define DESC_BLOCK  1ULL
#define DESC_TABLE  3ULL
#define DESC_PAGE   3ULL
#define AF          (1ULL << 10)
#define SH_INNER    (3ULL << 8)
#define XN          (1ULL << 54)
/* Stage 1: MAIR index 0 Device-nGnRnE, 1 Normal WB. */
#define ATTR(i)     ((uint64_t)(i) << 2)
#define S1_NORMAL   (ATTR(1) | SH_INNER | AF)
#define S1_DEVICE   (ATTR(0) | AF | (3ULL << 53))
/* Stage 2: MemAttr (bits [5:2]), S2AP (bits [7:6]: 01 read, 10 write). */
#define S2_RW       (3ULL << 6)
#define S2_RO       (1ULL << 6)
#define S2_NORMAL   (0xfULL << 2 | S2_RW | SH_INNER | AF)
#define S2_DEVICE   (0x1ULL << 2 | S2_RW | AF | XN)

#define RAM         0x40000000ULL
#define REGION      0x40400000ULL
#define PAGE(n)     (REGION + (n) * 4096ULL)
#define S1PTW_VA    0x40600000ULL           /* EL1 stage 1 L2[3]: its table at PAGE(6) */
#define HIGH_IPA    (512ULL << 30)
#define HPFAR(ipa)  (((ipa) >> 12) << 4)

/* VTCR_EL2: T0SZ 24, walks inner shareable write-back, PS 48 bits; SL0 and TG0 vary. */
#define VTCR_BASE   (24ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | 5ULL << 16 | 1ULL << 31)
#define VTCR_SL0(n) ((uint64_t)(n) << 6)
#define VTCR_4K     (0ULL << 14)
#define VTCR_64K    (1ULL << 14)
#define VTCR_16K    (2ULL << 14)
#define VTTBR(t, vmid) ((uint64_t)(t) | (uint64_t)(vmid) << 48)
#define HCR_VM      (1ULL << 0)
#define HCR_DC      (1ULL << 12)
#define HCR_RW      (1ULL << 31)

static uint64_t s2_l1[1024] __attribute__((aligned(8192)));
static uint64_t s2_l2[512] __attribute__((aligned(4096)));
static uint64_t s2_l3[512] __attribute__((aligned(4096)));
static uint64_t s2b_l1[1024] __attribute__((aligned(8192)));
static uint64_t s2b_l2[512] __attribute__((aligned(4096)));
static uint64_t s2b_l3[512] __attribute__((aligned(4096)));
static uint64_t s2k_l1[2048] __attribute__((aligned(16384)));     /* 16K granule */
static uint64_t s2k_l2[2048] __attribute__((aligned(16384)));
static uint64_t s2k_l3[2048] __attribute__((aligned(16384)));
static uint64_t s2g_l2[8192] __attribute__((aligned(65536)));     /* 64K granule */
static uint64_t s2g_l3[8192] __attribute__((aligned(65536)));
static uint64_t s1_l1[512] __attribute__((aligned(4096)));
static uint64_t s1_l2[512] __attribute__((aligned(4096)));
static uint64_t e2_l1[512] __attribute__((aligned(4096)));
static uint64_t e2_l2[512] __attribute__((aligned(4096)));
static uint64_t e2_l2b[512] __attribute__((aligned(4096)));
static uint64_t e2_l3[512] __attribute__((aligned(4096)));
uint8_t el1_stack[16384] __attribute__((aligned(16)));  /* run_el1's SP_EL1 */

static volatile uint64_t el2_esr, el2_far, el2_hpfar, el2_elr;
static volatile int el2_taken;
static volatile uint64_t el1_esr, el1_far;
static volatile int el1_taken;
static volatile uint64_t high_marker = 0x4141414141414141ULL;

/* ---- EL2 vectors and run_el1 ---- */

uint64_t run_el1(uint64_t (*fn)(uint64_t), uint64_t arg);
void el2_sync(ExceptionFrame *f);
extern char el2_vectors[], el1_resume[];

__asm__(
    "    .text\n"
    /* Global: C takes their addresses through the GOT, which needs a symbol. */
    "    .global el2_vectors, el1_resume\n"
    "    .balign 0x800\n"
    "el2_vectors:\n"
    "    .irp n, 0, 1, 2, 3\n"
    "    .org el2_vectors + \\n * 0x80\n"
    "    mov x0, #(200 + \\n)\n"
    "    b el2_unexpected\n"
    "    .endr\n"
    "    .org el2_vectors + 0x200\n"        /* current EL, SP_ELx, synchronous */
    "    b el2_sync_entry\n"
    "    .irp n, 5, 6, 7\n"
    "    .org el2_vectors + \\n * 0x80\n"
    "    mov x0, #(200 + \\n)\n"
    "    b el2_unexpected\n"
    "    .endr\n"
    "    .org el2_vectors + 0x400\n"        /* lower EL, AArch64, synchronous */
    "    b el2_sync_entry\n"
    "    .irp n, 9, 10, 11, 12, 13, 14, 15\n"
    "    .org el2_vectors + \\n * 0x80\n"
    "    mov x0, #(200 + \\n)\n"
    "    b el2_unexpected\n"
    "    .endr\n"
    "    .org el2_vectors + 0x800\n"
    "el2_unexpected:\n"
    "    bl semi_exit\n"
    "el2_sync_entry:\n"
    "    sub sp, sp, #288\n"
    "    stp x0, x1, [sp, #0]\n"
    "    stp x2, x3, [sp, #16]\n"
    "    stp x4, x5, [sp, #32]\n"
    "    stp x6, x7, [sp, #48]\n"
    "    stp x8, x9, [sp, #64]\n"
    "    stp x10, x11, [sp, #80]\n"
    "    stp x12, x13, [sp, #96]\n"
    "    stp x14, x15, [sp, #112]\n"
    "    stp x16, x17, [sp, #128]\n"
    "    stp x18, x19, [sp, #144]\n"
    "    stp x20, x21, [sp, #160]\n"
    "    stp x22, x23, [sp, #176]\n"
    "    stp x24, x25, [sp, #192]\n"
    "    stp x26, x27, [sp, #208]\n"
    "    stp x28, x29, [sp, #224]\n"
    "    str x30, [sp, #240]\n"
    "    mrs x2, elr_el2\n"
    "    mrs x3, spsr_el2\n"
    "    stp x2, x3, [sp, #248]\n"
    "    mrs x2, esr_el2\n"
    "    mrs x3, far_el2\n"
    "    stp x2, x3, [sp, #264]\n"
    "    mov x0, sp\n"
    "    bl el2_sync\n"
    "    ldp x2, x3, [sp, #248]\n"
    "    msr elr_el2, x2\n"
    "    msr spsr_el2, x3\n"
    "    ldp x0, x1, [sp, #0]\n"
    "    ldp x2, x3, [sp, #16]\n"
    "    ldp x4, x5, [sp, #32]\n"
    "    ldp x6, x7, [sp, #48]\n"
    "    ldp x8, x9, [sp, #64]\n"
    "    ldp x10, x11, [sp, #80]\n"
    "    ldp x12, x13, [sp, #96]\n"
    "    ldp x14, x15, [sp, #112]\n"
    "    ldp x16, x17, [sp, #128]\n"
    "    ldp x18, x19, [sp, #144]\n"
    "    ldp x20, x21, [sp, #160]\n"
    "    ldp x22, x23, [sp, #176]\n"
    "    ldp x24, x25, [sp, #192]\n"
    "    ldp x26, x27, [sp, #208]\n"
    "    ldp x28, x29, [sp, #224]\n"
    "    ldr x30, [sp, #240]\n"
    "    add sp, sp, #288\n"
    "    eret\n"
    /* uint64_t run_el1(fn, arg): fn(arg) at EL1h on el1_stack, DAIF masked. */
    "    .global run_el1\n"
    "run_el1:\n"
    "    adr x9, el1_saved\n"
    "    stp x19, x20, [x9, #0]\n"
    "    stp x21, x22, [x9, #16]\n"
    "    stp x23, x24, [x9, #32]\n"
    "    stp x25, x26, [x9, #48]\n"
    "    stp x27, x28, [x9, #64]\n"
    "    stp x29, x30, [x9, #80]\n"
    "    mov x10, sp\n"
    "    str x10, [x9, #96]\n"
    "    mov x20, x0\n"
    "    mov x0, x1\n"
    "    adr x10, el1_trampoline\n"
    "    msr elr_el2, x10\n"
    "    mov x10, #0x3c5\n"
    "    msr spsr_el2, x10\n"
    "    ldr x10, =el1_stack + 16384\n"
    "    msr sp_el1, x10\n"
    "    eret\n"
    "el1_trampoline:\n"
    "    blr x20\n"
    "    hvc #0xffff\n"
    "1:  b 1b\n"
    "el1_resume:\n"
    "    adr x9, el1_saved\n"
    "    ldp x19, x20, [x9, #0]\n"
    "    ldp x21, x22, [x9, #16]\n"
    "    ldp x23, x24, [x9, #32]\n"
    "    ldp x25, x26, [x9, #48]\n"
    "    ldp x27, x28, [x9, #64]\n"
    "    ldp x29, x30, [x9, #80]\n"
    "    ldr x10, [x9, #96]\n"
    "    mov sp, x10\n"
    "    ret\n"
    "    .ltorg\n"
    "    .bss\n"
    "    .balign 8\n"
    "el1_saved:\n"
    "    .skip 104\n"
    "    .text\n");

void el2_sync(ExceptionFrame *f)
{
    uint32_t ec = EC(f->esr);

    if (ec == 0x16 && ISS(f->esr) == 0xffff) {
        /* run_el1's function is done: back to run_el1's caller at EL2h. */
        f->elr = (uint64_t)el1_resume;
        f->spsr = 0x3c9;
        return;
    }
    el2_esr = f->esr;
    el2_far = f->far;
    el2_elr = f->elr;
    __asm__ volatile("mrs %0, hpfar_el2" : "=r"(el2_hpfar));
    el2_taken++;
    if (ec == 0x20 || ec == 0x21) {
        f->elr = f->x[30];      /* an instruction abort: back to the caller of the BLR */
    } else if (ec == 0x24 || ec == 0x25) {
        f->elr += 4;
    } else {
        semi_puts("unexpected exception at EL2, ESR ");
        semi_put_hex(f->esr);
        semi_puts("\n");
        semi_exit(99);
    }
}

/* EL1's own synchronous exceptions (crt0's vectors). */
void sync_handler(ExceptionFrame *f, int vector)
{
    el1_esr = f->esr;
    el1_far = f->far;
    el1_taken++;
    f->elr += 4;
}

/* ---- What EL1 runs ---- */

static uint64_t el1_read(uint64_t va)
{
    uint64_t v = 0xdead;

    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(va) : "memory");
    return v;
}

static uint64_t el1_write(uint64_t va)
{
    __asm__ volatile("str %0, [%0]" : : "r"(va) : "memory");
    return 0;
}

static uint64_t el1_call(uint64_t va)
{
    return ((uint64_t (*)(void))va)();
}

/* AT S1E1R at EL1; returns the AT's address (for ELR). */
static uint64_t el1_at(uint64_t va)
{
    uint64_t pc;

    __asm__ volatile("adr %0, 1f\n1: at s1e1r, %1\n isb" : "=&r"(pc) : "r"(va) : "memory");
    return pc;
}

/* ---- Checks ---- */

static uint64_t pattern(unsigned page, unsigned word)
{
    return (uint64_t)(page + 1) << 32 | word;
}

/* One stage 2 abort at EL2 with this EC, ISS bits [7:0] (DFSC, WnR, S1PTW), FAR, IPA. */
static void expect_s2(int line, unsigned ec, uint32_t iss_low, uint64_t far, uint64_t ipa)
{
    if (el2_taken != 1 || EC(el2_esr) != ec || (ISS(el2_esr) & 0xff) != iss_low ||
        el2_far != far || el2_hpfar != HPFAR(ipa) || el1_taken != 0) {
        check_failed(line, "stage 2 fault");
        semi_puts("  taken ");
        semi_put_hex(el2_taken);
        semi_puts(" esr ");
        semi_put_hex(el2_esr);
        semi_puts(" far ");
        semi_put_hex(el2_far);
        semi_puts(" hpfar ");
        semi_put_hex(el2_hpfar);
        semi_puts("\n");
    }
    el2_taken = 0;
    el1_taken = 0;
}

/* One fault taken at EL1 (a stage 1 or alignment fault), nothing at EL2. */
static void expect_el1(int line, uint32_t iss_low, uint64_t far)
{
    if (el1_taken != 1 || EC(el1_esr) != 0x25 || (ISS(el1_esr) & 0x7f) != iss_low ||
        el1_far != far || el2_taken != 0) {
        check_failed(line, "EL1 fault");
        semi_puts("  taken ");
        semi_put_hex(el1_taken);
        semi_puts(" esr ");
        semi_put_hex(el1_esr);
        semi_puts(" far ");
        semi_put_hex(el1_far);
        semi_puts("\n");
    }
    el2_taken = 0;
    el1_taken = 0;
}

static void tlbi_stage2(void)
{
    __asm__ volatile("dsb ishst\n tlbi vmalls12e1is\n dsb ish\n isb" : : : "memory");
}

static void set_stage2(uint64_t vtcr, uint64_t vttbr)
{
    __asm__ volatile("msr vtcr_el2, %0\n msr vttbr_el2, %1\n isb" : : "r"(vtcr), "r"(vttbr));
    tlbi_stage2();
}

static void build_stage2(void)
{
    s2_l1[0] = 0 | DESC_BLOCK | S2_DEVICE;
    s2_l1[1] = (uint64_t)s2_l2 | DESC_TABLE;
    s2_l1[512] = RAM | DESC_BLOCK | S2_NORMAL;
    for (unsigned i = 0; i < 64; i++) {
        s2_l2[i] = (RAM + i * 0x200000ULL) | DESC_BLOCK | S2_NORMAL;
    }
    s2_l2[2] = (uint64_t)s2_l3 | DESC_TABLE;
    s2_l2[40] = 0;
    for (unsigned i = 0; i < 512; i++) {
        s2_l3[i] = PAGE(i) | DESC_PAGE | S2_NORMAL;
    }
    s2_l3[0] = PAGE(16) | DESC_PAGE | S2_NORMAL;
    s2_l3[2] = 0;
    s2_l3[3] = PAGE(3) | DESC_PAGE | (S2_NORMAL & ~S2_RW) | S2_RO;
    s2_l3[4] |= XN;
    s2_l3[6] = 0;
    s2_l3[7] &= ~AF;
    s2_l3[8] = PAGE(8) | DESC_PAGE | S2_DEVICE;

    /* VMID 2: the same, but page 0 -> page 18. */
    for (unsigned i = 0; i < 1024; i++) {
        s2b_l1[i] = s2_l1[i];
    }
    for (unsigned i = 0; i < 512; i++) {
        s2b_l2[i] = s2_l2[i];
        s2b_l3[i] = s2_l3[i];
    }
    s2b_l1[1] = (uint64_t)s2b_l2 | DESC_TABLE;
    s2b_l2[2] = (uint64_t)s2b_l3 | DESC_TABLE;
    s2b_l3[0] = PAGE(18) | DESC_PAGE | S2_NORMAL;

    /* 16K: T0SZ 24, SL0 = 2 (level 1, 4 bits); L2 32 MiB blocks; L3 16 KiB pages. */
    s2k_l1[0] = (uint64_t)s2k_l2 | DESC_TABLE;
    for (unsigned i = 32; i < 36; i++) {
        s2k_l2[i] = (RAM + (i - 32) * 0x2000000ULL) | DESC_BLOCK | S2_NORMAL;
    }
    s2k_l2[32] = (uint64_t)s2k_l3 | DESC_TABLE;
    for (unsigned i = 0; i < 2048; i++) {
        s2k_l3[i] = (RAM + i * 0x4000ULL) | DESC_PAGE | S2_NORMAL;
    }
    s2k_l3[(REGION - RAM) >> 14] = PAGE(16) | DESC_PAGE | S2_NORMAL;

    /* 64K: T0SZ 24, SL0 = 1 (level 2, 11 bits); L2 512 MiB blocks; L3 64 KiB pages. */
    s2g_l2[2] = (uint64_t)s2g_l3 | DESC_TABLE;
    for (unsigned i = 0; i < 8192; i++) {
        s2g_l3[i] = (RAM + i * 0x10000ULL) | DESC_PAGE | S2_NORMAL;
    }
    s2g_l3[(REGION - RAM) >> 16] = PAGE(16) | DESC_PAGE | S2_NORMAL;
}

static void build_el1_stage1(void)
{
    s1_l1[0] = 0 | DESC_BLOCK | S1_DEVICE;
    s1_l1[1] = (uint64_t)s1_l2 | DESC_TABLE;
    for (unsigned i = 0; i < 64; i++) {
        s1_l2[i] = (RAM + i * 0x200000ULL) | DESC_BLOCK | S1_NORMAL;
    }
    s1_l2[3] = PAGE(6) | DESC_TABLE;        /* an IPA stage 2 does not map */
    s1_l2[4] = 0;
}

static void fill_pages(void)
{
    for (unsigned p = 0; p < 48; p++) {
        for (unsigned w = 0; w < 512; w++) {
            ((volatile uint64_t *)PAGE(p))[w] = pattern(p, w);
        }
    }
    /* PAGE(4): mov x0, #42; ret. */
    ((volatile uint32_t *)PAGE(4))[0] = 0xd2800540;
    ((volatile uint32_t *)PAGE(4))[1] = 0xd65f03c0;
    __asm__ volatile("dc cvau, %0\n dsb ish\n ic iallu\n dsb ish\n isb" : : "r"(PAGE(4)));
}

static void el1_mmu(bool on)
{
    uint64_t sctlr;
    /* T0SZ 25 (39 bits), walks inner shareable write-back, 4K, EPD1, IPS 40 bits. */
    uint64_t tcr = 25ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | 1ULL << 23 | 2ULL << 32;

    __asm__ volatile("msr mair_el1, %0\n msr tcr_el1, %1\n msr ttbr0_el1, %2"
                     : : "r"(0xff00ULL), "r"(tcr), "r"((uint64_t)s1_l1));
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
    sctlr = on ? (sctlr | 1 | 1 << 2 | 1 << 12) & ~2ULL : sctlr & ~1ULL;
    __asm__ volatile("msr sctlr_el1, %0\n isb\n tlbi vmalle1\n dsb ish\n isb"
                     : : "r"(sctlr) : "memory");
}

static void set_hcr(uint64_t hcr)
{
    __asm__ volatile("msr hcr_el2, %0\n isb" : : "r"(hcr | HCR_RW));
    tlbi_stage2();
}

/* EL1 with its MMU off: VA = IPA. */
static void check_ipa_faults(void)
{
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 8), pattern(16, 1));
    CHECK_EQ(run_el1(el1_read, PAGE(1) + 16), pattern(1, 2));
    CHECK_EQ(el2_taken, 0);

    CHECK_EQ(run_el1(el1_read, PAGE(2) + 0x10), 0xdead);
    expect_s2(__LINE__, 0x24, 0x07, PAGE(2) + 0x10, PAGE(2));
    CHECK_EQ(run_el1(el1_read, PAGE(3) + 8), pattern(3, 1));
    run_el1(el1_write, PAGE(3) + 0x18);
    expect_s2(__LINE__, 0x24, WNR | 0x0f, PAGE(3) + 0x18, PAGE(3));
    CHECK_EQ(run_el1(el1_read, PAGE(3) + 0x18), pattern(3, 3));
    run_el1(el1_read, PAGE(7) + 0x20);
    expect_s2(__LINE__, 0x24, 0x0b, PAGE(7) + 0x20, PAGE(7));
    run_el1(el1_read, 0x45000000);
    expect_s2(__LINE__, 0x24, 0x06, 0x45000000, 0x45000000);
    run_el1(el1_write, 0x80000040);
    expect_s2(__LINE__, 0x24, WNR | 0x05, 0x80000040, 0x80000040);
    run_el1(el1_read, 1ULL << 40);          /* beyond the 40-bit IPA space */
    expect_s2(__LINE__, 0x24, 0x04, 1ULL << 40, 1ULL << 40);
    /* The second of the concatenated level 1 tables. */
    CHECK_EQ(run_el1(el1_read, HIGH_IPA + ((uint64_t)&high_marker - RAM)), 0x4141414141414141ULL);
    /* Stage 2 execute-never: an instruction abort from a lower EL (EC 0x20). */
    run_el1(el1_call, PAGE(4));
    expect_s2(__LINE__, 0x20, 0x0f, PAGE(4), PAGE(4));
    CHECK_EQ(el2_elr, PAGE(4));
}

/* A changed stage 2 entry is seen after TLBI IPAS2E1 + TLBI VMALLE1 (D8.14.5). */
static void check_tlbi_and_vmid(void)
{
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 0x28), pattern(16, 5));
    s2_l3[0] = PAGE(17) | DESC_PAGE | S2_NORMAL;
    __asm__ volatile("dsb ishst\n tlbi ipas2e1, %0\n dsb ish\n tlbi vmalle1\n dsb ish\n isb"
                     : : "r"(PAGE(0) >> 12) : "memory");
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 0x28), pattern(17, 5));
    /* VMID 2 has its own tables. */
    __asm__ volatile("msr vttbr_el2, %0\n isb" : : "r"(VTTBR(s2b_l1, 2)));
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 0x28), pattern(18, 5));
    __asm__ volatile("msr vttbr_el2, %0\n isb" : : "r"(VTTBR(s2_l1, 1)));
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 0x28), pattern(17, 5));
    CHECK_EQ(el2_taken, 0);
}

static uint64_t at(uint64_t va, int op)
{
    uint64_t par;

    switch (op) {
    case 0:
        __asm__ volatile("at s12e1r, %0" : : "r"(va));
        break;
    case 1:
        __asm__ volatile("at s12e1w, %0" : : "r"(va));
        break;
    case 2:
        __asm__ volatile("at s1e1r, %0" : : "r"(va));
        break;
    default:
        __asm__ volatile("at s1e2r, %0" : : "r"(va));
        break;
    }
    __asm__ volatile("isb\n mrs %0, par_el1" : "=r"(par));
    return par;
}

#define PAR_PA(par)  ((par) & 0xfffffffff000ULL)
#define PAR_FST(par) (((par) >> 1) & 0x3f)
#define PAR_PTW      (1ULL << 8)
#define PAR_S        (1ULL << 9)

/* EL1 with its MMU on, over stage 2. */
static void check_two_stages(void)
{
    uint64_t v, par;

    el1_mmu(true);
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 0x30), pattern(17, 6));
    CHECK_EQ(run_el1(el1_read, PAGE(9) + 0x30), pattern(9, 6));
    CHECK_EQ(el2_taken + el1_taken, 0);
    /* Stage 1's L3 table for S1PTW_VA is at an IPA stage 2 leaves unmapped. */
    run_el1(el1_read, S1PTW_VA + 0x10);
    expect_s2(__LINE__, 0x24, S1PTW | 0x07, S1PTW_VA + 0x10, PAGE(6));
    /*
     * AT S1E1R from EL1 whose stage 1 walk faults at stage 2: not a PAR_EL1
     * result but a data abort to EL2 (S1PTW, and CM: from an AT), at the AT.
     */
    v = run_el1(el1_at, S1PTW_VA);
    CHECK_EQ(ISS(el2_esr) & 0x100, 0x100);
    CHECK_EQ(el2_elr, v);
    expect_s2(__LINE__, 0x24, S1PTW | WNR | 0x07, S1PTW_VA, PAGE(6));  /* AT: WnR 1 */
    /* A stage 1 fault is EL1's. */
    run_el1(el1_read, 0x40800000);
    expect_el1(__LINE__, 0x06, 0x40800000);
    /* Stage 2 Device memory: EL1's unaligned access is an alignment fault at EL1. */
    CHECK_EQ(run_el1(el1_read, PAGE(8) + 8), pattern(8, 1));
    run_el1(el1_read, PAGE(8) + 9);
    expect_el1(__LINE__, 0x21, PAGE(8) + 9);
    CHECK_EQ(run_el1(el1_read, PAGE(9) + 9), pattern(9, 1) >> 8 | pattern(9, 2) << 56);

    /* AT from EL2. */
    par = at(PAGE(0) + 0x123, 0);
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(PAR_PA(par), PAGE(17));
    CHECK_EQ(par >> 56, 0xff);
    par = at(PAGE(0) + 0x123, 2);                   /* stage 1 only: the IPA */
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(PAR_PA(par), PAGE(0));
    par = at(PAGE(2), 0);
    CHECK_EQ(par & (1 | PAR_S | PAR_PTW), 1 | PAR_S);
    CHECK_EQ(PAR_FST(par), 0x07);
    par = at(S1PTW_VA, 0);
    CHECK_EQ(par & (1 | PAR_S | PAR_PTW), 1 | PAR_S | PAR_PTW);
    CHECK_EQ(PAR_FST(par), 0x07);
    par = at(S1PTW_VA, 2);
    CHECK_EQ(par & (1 | PAR_S | PAR_PTW), 1 | PAR_S | PAR_PTW);
    par = at(PAGE(3), 1);
    CHECK_EQ(par & (1 | PAR_S), 1 | PAR_S);
    CHECK_EQ(PAR_FST(par), 0x0f);
    par = at(PAGE(8), 0);
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(par >> 56, 0x04);                      /* Normal at stage 1, Device-nGnRE at 2 */
    par = at(0x40800000, 0);
    CHECK_EQ(par & (1 | PAR_S), 1);                 /* a stage 1 fault */
    CHECK_EQ(PAR_FST(par), 0x06);

    /* HCR_EL2.DC: stage 1 off (identity), memory Normal: unaligned is fine. */
    set_hcr(HCR_VM | HCR_DC);
    v = run_el1(el1_read, S1PTW_VA + 9);
    CHECK_EQ(v, ((uint64_t *)S1PTW_VA)[1] >> 8 | ((uint64_t *)S1PTW_VA)[2] << 56);
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 0x30), pattern(17, 6));
    CHECK_EQ(el2_taken + el1_taken, 0);
    set_hcr(HCR_VM);
    el1_mmu(false);
}

/* The 16K and 64K granules at stage 2. */
static void check_granules(void)
{
    set_stage2(VTCR_BASE | VTCR_16K | VTCR_SL0(2), VTTBR(s2k_l1, 3));
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 0x40), pattern(16, 8));
    CHECK_EQ(run_el1(el1_read, PAGE(3) + 0x40), pattern(19, 8));    /* same 16 KiB page */
    CHECK_EQ(run_el1(el1_read, PAGE(4) + 0x40), pattern(4, 8));
    run_el1(el1_read, 0x80000000);                                  /* s2k_l1[0]'s L2[64] */
    expect_s2(__LINE__, 0x24, 0x06, 0x80000000, 0x80000000);

    set_stage2(VTCR_BASE | VTCR_64K | VTCR_SL0(1), VTTBR(s2g_l2, 4));
    CHECK_EQ(run_el1(el1_read, PAGE(0) + 0x48), pattern(16, 9));
    CHECK_EQ(run_el1(el1_read, PAGE(15) + 0x48), pattern(31, 9));   /* same 64 KiB page */
    CHECK_EQ(run_el1(el1_read, PAGE(32) + 0x48), pattern(32, 9));
    run_el1(el1_read, 0x60000000);                                  /* s2g_l2[3] */
    expect_s2(__LINE__, 0x24, 0x06, 0x60000000, 0x60000000);

    set_stage2(VTCR_BASE | VTCR_4K | VTCR_SL0(1), VTTBR(s2_l1, 1));
}

/* EL2's own stage 1 regime: TTBR0_EL2, TCR_EL2, SCTLR_EL2.M; TLBI VAE2, AT S1E2R. */
static void check_el2_regime(void)
{
    /* T0SZ 25, inner shareable write-back walks, 4K, PS 40 bits, RES1 bits 31 and 23. */
    uint64_t tcr = 25ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | 2ULL << 16 | 1ULL << 23 |
                   1ULL << 31;
    uint64_t sctlr, v, par;

    e2_l1[0] = 0 | DESC_BLOCK | S1_DEVICE;
    e2_l1[1] = (uint64_t)e2_l2 | DESC_TABLE;
    e2_l1[2] = (uint64_t)e2_l2b | DESC_TABLE;
    for (unsigned i = 0; i < 64; i++) {
        e2_l2[i] = (RAM + i * 0x200000ULL) | DESC_BLOCK | S1_NORMAL;
    }
    e2_l2b[0] = (uint64_t)e2_l3 | DESC_TABLE;
    e2_l3[0] = PAGE(20) | DESC_PAGE | S1_NORMAL;
    __asm__ volatile("msr mair_el2, %0\n msr tcr_el2, %1\n msr ttbr0_el2, %2\n isb\n"
                     "tlbi alle2\n dsb ish\n isb"
                     : : "r"(0xff00ULL), "r"(tcr), "r"((uint64_t)e2_l1) : "memory");
    __asm__ volatile("mrs %0, sctlr_el2" : "=r"(sctlr));
    __asm__ volatile("msr sctlr_el2, %0\n isb" : : "r"(sctlr | 1 | 1 << 2 | 1 << 12) : "memory");

    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(0x80000008ULL) : "memory");
    CHECK_EQ(v, pattern(20, 1));
    e2_l3[0] = PAGE(21) | DESC_PAGE | S1_NORMAL;
    __asm__ volatile("dsb ishst\n tlbi vae2, %0\n dsb ish\n isb"
                     : : "r"(0x80000000ULL >> 12) : "memory");
    __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(0x80000008ULL) : "memory");
    CHECK_EQ(v, pattern(21, 1));
    par = at(0x80000010, 3);
    CHECK_EQ(par & 1, 0);
    CHECK_EQ(PAR_PA(par), PAGE(21));
    /* A fault in EL2's regime: a data abort from the current EL (EC 0x25). */
    v = 0x77;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(0x80001000ULL) : "memory");
    CHECK_EQ(v, 0x77);
    CHECK_EQ(el2_taken, 1);
    CHECK_EQ(EC(el2_esr), 0x25);
    CHECK_EQ(FSC(el2_esr), 0x07);
    CHECK_EQ(el2_far, 0x80001000);
    el2_taken = 0;

    __asm__ volatile("msr sctlr_el2, %0\n isb" : : "r"(sctlr) : "memory");
}

int main(void)
{
    uint64_t el;

    __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
    if ((el >> 2) != 2) {
        semi_puts("stage2: not started at EL2 (needs -M virt,virtualization=on)\n");
        return 1;
    }
    __asm__ volatile("msr vbar_el2, %0\n isb" : : "r"(el2_vectors));
    fill_pages();
    build_stage2();
    build_el1_stage1();
    set_stage2(VTCR_BASE | VTCR_4K | VTCR_SL0(1), VTTBR(s2_l1, 1));
    set_hcr(HCR_VM);
    check_ipa_faults();
    check_tlbi_and_vmid();
    check_two_stages();
    check_granules();
    set_hcr(0);
    check_el2_regime();
    if (check_failures == 0) {
        semi_puts("stage2: PASS\n");
    }
    return check_failures;
}
