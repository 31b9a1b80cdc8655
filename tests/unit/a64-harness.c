/*
 * A64 test harness: see a64-harness.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-harness.h"
#include "accel/tcg/tcg-accel.h"
#include "util/bswap.h"

#include <glib/gstdio.h>

/* SCTLR_EL1 bits (ARM ARM D17.2.118). */
#define SCTLR_M (1ULL << 0)
#define SCTLR_C (1ULL << 2)
#define SCTLR_I (1ULL << 12)

/* TCR_EL1 (D17.2.131): T0SZ 25, walks Inner/Outer WB-WA Inner Shareable, TTBR1 off, 40-bit PA. */
#define TCR_HARNESS (25ULL | 1ULL << 8 | 1ULL << 10 | 3ULL << 12 | 1ULL << 23 | 2ULL << 32)
#define MAIR_HARNESS 0x00ffULL          /* attr 0: Normal WB, attr 1: Device-nGnRnE */

/* Block and table descriptor bits (D8.3.1): AttrIndx, AP[1], SH, AF, PXN, UXN. */
#define BLOCK        1ULL
#define TABLE        3ULL
#define ATTR_IDX(i)  ((uint64_t)(i) << 2)
#define AP_EL0_RW    (1ULL << 6)
#define SH_INNER     (3ULL << 8)
#define AF           (1ULL << 10)
#define XN           (1ULL << 53 | 1ULL << 54)

#define PT_L1 A64_PT_BASE
#define PT_L2 (A64_PT_BASE + 0x1000)    /* the 2 MiB blocks of the RAM's GiB */

/* EL1 runs the vectors and the code from the first 2 MiB block. */
_Static_assert(A64_VECTORS >= A64_RAM_BASE && A64_CODE_BASE < A64_RAM_BASE + 2 * MiB,
               "vectors and code outside the harness's executable block");
_Static_assert(PT_L2 + 0x1000 <= A64_VECTORS, "the harness's tables overlap the vectors");

static MemoryRegion ram;
static bool ram_mapped;

/* The identity map described in a64-harness.h, and the MMU turned on over it. */
static void mmu_on(A64Run *r)
{
    uint8_t *l1 = r->ram + (PT_L1 - A64_RAM_BASE), *l2 = r->ram + (PT_L2 - A64_RAM_BASE);
    uint64_t ram_gib = A64_RAM_BASE >> 30;
    CPUARMState *env = &r->cpu->env;

    for (uint64_t i = 0; i < 512; i++) {
        st64_le_p(l1 + i * 8, i == ram_gib ? PT_L2 | TABLE :
                  i << 30 | BLOCK | AF | ATTR_IDX(1) | AP_EL0_RW | XN);
        /*
         * The first 2 MiB (vectors, these tables, the code) is not EL0
         * writable, so EL1 may execute it (ARM ARM D8.4.1.2); the rest is EL0 RW
         * for the unprivileged loads and stores (LDTR, STTR).
         */
        st64_le_p(l2 + i * 8, (ram_gib << 30 | i << 21) | BLOCK | AF | ATTR_IDX(0) | SH_INNER |
                  (i ? AP_EL0_RW : 0));
    }
    env->mair_el[1] = MAIR_HARNESS;
    env->tcr_el[1] = TCR_HARNESS;
    env->ttbr0_el[1] = PT_L1;
    env->sctlr_el[1] |= SCTLR_M | SCTLR_C | SCTLR_I;
    tlb_flush(&r->cpu->parent);
}

void a64_harness_mmu_off(A64Run *r)
{
    r->cpu->env.sctlr_el[1] &= ~(SCTLR_M | SCTLR_C | SCTLR_I);
    tlb_flush(&r->cpu->parent);
}

void a64_harness_init(A64Run *r, const char *backend, const char *model)
{
    memset(r, 0, sizeof(*r));
    if (!ram_mapped) {
        memory_region_init_ram(&ram, "a64-ram", A64_RAM_SIZE, &error_abort);
        memory_region_add_subregion(get_system_memory(), A64_RAM_BASE, &ram);
        ram_mapped = true;
    }
    r->ram = memory_region_get_ram_ptr(&ram);
    memset(r->ram, 0, A64_RAM_SIZE);
    g_assert_true(tcg_accel_init(backend, 16 * MiB, &error_abort));
    r->cpu = arm_cpu_new(model, 0, get_address_space_memory(), &error_abort);
    tlb_run_pending(&r->cpu->parent);
    r->cpu->parent.exit_request = 0;
    /* Every EL1 vector is a WFI, which ends the run: the PC tells which vector. */
    for (unsigned v = 0; v < 16; v++) {
        st32_le_p(r->ram + (A64_VECTORS - A64_RAM_BASE) + v * 0x80, A64_WFI);
    }
    r->cpu->env.vbar_el[1] = A64_VECTORS;
    /* FP/AdvSIMD enabled at EL0 and EL1 (CPACR_EL1.FPEN = 0b11), as an OS would. */
    r->cpu->env.cpacr_el1 = 3u << 20;
    mmu_on(r);
}

void a64_harness_destroy(A64Run *r)
{
    arm_cpu_free(r->cpu);
    tcg_accel_shutdown();
}

static bool run_tool(char **argv)
{
    int status;

    return g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) && status == 0;
}

GBytes *a64_assemble(const char *source)
{
    char *dir = g_dir_make_tmp("koine-a64-XXXXXX", NULL);
    char *src = g_build_filename(dir, "t.s", NULL);
    char *obj = g_build_filename(dir, "t.o", NULL);
    char *bin = g_build_filename(dir, "t.bin", NULL);
    char *as[] = { "aarch64-linux-gnu-as", "-o", obj, src, NULL };
    char *objcopy[] = { "aarch64-linux-gnu-objcopy", "-O", "binary", "-j", ".text", obj, bin, NULL };
    GBytes *code = NULL;
    gchar *data;
    gsize len;

    g_assert_true(g_file_set_contents(src, source, -1, NULL));
    if (run_tool(as) && run_tool(objcopy) && g_file_get_contents(bin, &data, &len, NULL)) {
        code = g_bytes_new_take(data, len);
    }
    g_unlink(src);
    g_unlink(obj);
    g_unlink(bin);
    g_rmdir(dir);
    g_free(src);
    g_free(obj);
    g_free(bin);
    g_free(dir);
    return code;
}

static void run(A64Run *r)
{
    CPUState *cs = &r->cpu->parent;
    uint64_t wfi_pc;
    int ret;

    r->cpu->env.pc = A64_CODE_BASE;
    do {
        ret = cpu_exec(cs);
    } while (ret == EXCP_INTERRUPT);
    g_assert_cmpint(ret, ==, EXCP_HLT);
    cs->halted = false;
    /* WFI leaves the PC after itself. */
    wfi_pc = r->cpu->env.pc - 4;
    r->exception_taken = wfi_pc >= A64_VECTORS && wfi_pc < A64_VECTORS + 0x800;
    r->vector_offset = wfi_pc - A64_VECTORS;
}

void a64_run_code(A64Run *r, const uint32_t *words, size_t n)
{
    uint8_t *code = r->ram + (A64_CODE_BASE - A64_RAM_BASE);

    for (size_t i = 0; i < n; i++) {
        st32_le_p(code + 4 * i, words[i]);
    }
    st32_le_p(code + 4 * n, A64_WFI);
    run(r);
}

void a64_run_bytes(A64Run *r, GBytes *bytes)
{
    gsize len;
    const uint8_t *data = g_bytes_get_data(bytes, &len);

    g_assert_cmpuint(len % 4, ==, 0);
    a64_run_code(r, (const uint32_t *)data, len / 4);
}
