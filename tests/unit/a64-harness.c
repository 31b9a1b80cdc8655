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

static MemoryRegion ram;
static bool ram_mapped;

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
