/*
 * The softmmu TLB and guest_load/guest_store, with a small test CPU whose
 * MMU maps virtual = physical below 1 GiB and faults above, over a memory
 * map of RAM, a recording device and a ROM.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/cpu.h"
#include "softmmu/main-loop.h"
#include "util/bswap.h"

#define RAM_SIZE (1 * MiB)
#define DEV_BASE 0x100000
#define ROM_BASE 0x200000
#define MAPPED_LIMIT 0x40000000ULL

typedef struct TestEnv {
    uint64_t regs[4];
} TestEnv;

typedef struct TestCPU {
    CPUState parent;
    TestEnv env;
} TestCPU;

CPU_CHECK_LAYOUT(TestCPU, env);

typedef struct Events {
    unsigned fills;
    unsigned faults;
    unsigned unaligned;
    unsigned bus_errors;
    uint64_t last_fault_addr;
    /* device accesses */
    unsigned dev_reads, dev_writes;
    hwaddr dev_addr;
    unsigned dev_size;
    uint64_t dev_value;
} Events;

static Events ev;
static sigjmp_buf fault_jmp;
static MemoryRegion ram, dev, rom;
static TestCPU *tcpu;
static uint64_t page_size_for_fill = KOINE_PAGE_SIZE;

static bool test_tlb_fill(CPUState *cpu, uint64_t vaddr, unsigned size, MMUAccessType access,
                          unsigned mmu_idx, bool probe, uintptr_t retaddr)
{
    ev.fills++;
    if (vaddr >= MAPPED_LIMIT) {
        if (probe) {
            return false;
        }
        ev.faults++;
        ev.last_fault_addr = vaddr;
        siglongjmp(fault_jmp, 1);
    }
    tlb_set_page(cpu, vaddr, vaddr, MEMTXATTRS_UNSPECIFIED,
                 PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx, page_size_for_fill);
    return true;
}

static void test_unaligned(CPUState *cpu, uint64_t vaddr, MMUAccessType access,
                           unsigned mmu_idx, uintptr_t retaddr)
{
    ev.unaligned++;
    ev.last_fault_addr = vaddr;
    siglongjmp(fault_jmp, 1);
}

static void test_bus_error(CPUState *cpu, hwaddr paddr, uint64_t vaddr, unsigned size,
                           MMUAccessType access, unsigned mmu_idx, MemTxResult result,
                           uintptr_t retaddr)
{
    ev.bus_errors++;
}

static const TargetOps test_ops = {
    .arch = "test",
    .cpu_size = sizeof(TestCPU),
    .nb_mmu_modes = 2,
    .tlb_fill = test_tlb_fill,
    .unaligned_access = test_unaligned,
    .transaction_failed = test_bus_error,
};

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    ev.dev_reads++;
    ev.dev_addr = addr;
    ev.dev_size = size;
    return 0x11223344u + addr;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    ev.dev_writes++;
    ev.dev_addr = addr;
    ev.dev_size = size;
    ev.dev_value = val;
}

static const MemoryRegionOps dev_ops = {
    .read = dev_read,
    .write = dev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static void setup(void)
{
    memset(&ev, 0, sizeof(ev));
    page_size_for_fill = KOINE_PAGE_SIZE;
    tcpu = g_new0(TestCPU, 1);
    tcpu->parent.ops = &test_ops;
    tcpu->parent.as = get_address_space_memory();
    tlb_init(&tcpu->parent, 2);
    tlb_run_pending(&tcpu->parent);
    tcpu->parent.exit_request = 0;
}

static void teardown(void)
{
    tlb_destroy(&tcpu->parent);
    g_free(tcpu);
}

#define CPU (&tcpu->parent)
#define OI(mop) make_memop_idx((mop), 0)

static void test_ram_access(void)
{
    uint8_t *host = memory_region_get_ram_ptr(&ram);

    setup();
    guest_store(CPU, 0x1000, 0x8877665544332211ULL, OI(MO_LEUQ), 0);
    g_assert_cmphex(ld64_le_p(host + 0x1000), ==, 0x8877665544332211ULL);
    g_assert_cmphex(guest_load(CPU, 0x1000, OI(MO_LEUL), 0), ==, 0x44332211);
    g_assert_cmphex(guest_load(CPU, 0x1000, OI(MO_BEUL), 0), ==, 0x11223344);
    g_assert_cmphex(guest_load(CPU, 0x1007, OI(MO_SB), 0), ==, 0xffffffffffffff88ULL);
    g_assert_cmphex(guest_load(CPU, 0x1006, OI(MO_LESW), 0), ==, 0xffffffffffff8877ULL);
    g_assert_cmphex(guest_load(CPU, 0x1006, OI(MO_LEUW), 0), ==, 0x8877);
    guest_store(CPU, 0x1010, 0xaabb, OI(MO_BEUW), 0);
    g_assert_cmphex(host[0x1010], ==, 0xaa);
    /* One fill served every access to the page. */
    g_assert_cmpuint(ev.fills, ==, 1);
    teardown();
}

static void test_cross_page(void)
{
    uint8_t *host = memory_region_get_ram_ptr(&ram);

    setup();
    guest_store(CPU, 0x2ffd, 0x0102030405060708ULL, OI(MO_BEUQ), 0);
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(host[0x2ffd + i], ==, i + 1);
    }
    g_assert_cmphex(guest_load(CPU, 0x2ffd, OI(MO_BEUQ), 0), ==, 0x0102030405060708ULL);
    g_assert_cmphex(guest_load(CPU, 0x2ffe, OI(MO_LESL), 0), ==, 0x05040302);
    g_assert_cmpuint(ev.fills, ==, 2);

    /* A store straddling into an unmapped page faults before writing anything. */
    tlb_flush(CPU);
    if (sigsetjmp(fault_jmp, 0) == 0) {
        guest_store(CPU, MAPPED_LIMIT - 2, 0xffffffff, OI(MO_LEUL), 0);
        g_assert_not_reached();
    }
    g_assert_cmpuint(ev.faults, ==, 1);
    g_assert_cmphex(ev.last_fault_addr, ==, MAPPED_LIMIT + 1);
    teardown();
}

static void test_mmio_dispatch(void)
{
    setup();
    g_assert_cmphex(guest_load(CPU, DEV_BASE + 8, OI(MO_LEUL), 0), ==, 0x11223344 + 8);
    g_assert_cmpuint(ev.dev_reads, ==, 1);
    g_assert_cmpuint(ev.dev_size, ==, 4);
    guest_store(CPU, DEV_BASE + 4, 0xcafe, OI(MO_LEUW), 0);
    g_assert_cmpuint(ev.dev_writes, ==, 1);
    g_assert_cmphex(ev.dev_addr, ==, 4);
    g_assert_cmphex(ev.dev_value, ==, 0xcafe);
    /* A big-endian guest access sees the little-endian device's bytes swapped. */
    g_assert_cmphex(guest_load(CPU, DEV_BASE, OI(MO_BEUL), 0), ==, 0x44332211);
    /* MMIO never gets a host pointer. */
    g_assert_null(tlb_probe(CPU, DEV_BASE, 4, MMU_DATA_LOAD, 0, true, 0));
    g_assert_cmpuint(ev.bus_errors, ==, 0);
    teardown();
}

static void test_rom_and_holes(void)
{
    uint8_t *rom_host = memory_region_get_ram_ptr(&rom);

    setup();
    rom_host[0] = 0x42;
    g_assert_cmphex(guest_load(CPU, ROM_BASE, OI(MO_UB), 0), ==, 0x42);
    guest_store(CPU, ROM_BASE, 0x99, OI(MO_UB), 0);
    g_assert_cmphex(rom_host[0], ==, 0x42);          /* the write was dropped */
    /* A hole: the target hears a bus error, the load reads zero. */
    g_assert_cmphex(guest_load(CPU, 0x300000, OI(MO_LEUL), 0), ==, 0);
    g_assert_cmpuint(ev.bus_errors, ==, 1);
    teardown();
}

static void test_faults_and_alignment(void)
{
    setup();
    if (sigsetjmp(fault_jmp, 0) == 0) {
        guest_load(CPU, MAPPED_LIMIT + 0x10, OI(MO_LEUL), 0);
        g_assert_not_reached();
    }
    g_assert_cmpuint(ev.faults, ==, 1);
    g_assert_null(tlb_probe(CPU, MAPPED_LIMIT, 4, MMU_DATA_LOAD, 0, true, 0));
    g_assert_cmpuint(ev.faults, ==, 1);              /* a probe does not fault */
    g_assert_nonnull(tlb_probe(CPU, 0x5000, 4, MMU_DATA_STORE, 0, true, 0));

    if (sigsetjmp(fault_jmp, 0) == 0) {
        guest_load(CPU, 0x1002, OI(MO_LEUL | MO_ALIGN), 0);
        g_assert_not_reached();
    }
    g_assert_cmpuint(ev.unaligned, ==, 1);
    /* MO_ALIGN_2 is satisfied at an even address; without MO_ALIGN nothing is checked. */
    guest_load(CPU, 0x1002, OI(MO_LEUL | MO_ALIGN_2), 0);
    guest_load(CPU, 0x1003, OI(MO_LEUL), 0);
    g_assert_cmpuint(ev.unaligned, ==, 1);
    teardown();
}

static void test_flushes(void)
{
    setup();
    guest_load(CPU, 0x1000, OI(MO_UB), 0);
    guest_load(CPU, 0x2000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 2);
    tlb_flush_page(CPU, 0x1234);
    guest_load(CPU, 0x2000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 2);               /* the other page stayed */
    guest_load(CPU, 0x1000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 3);
    /* Another MMU index has its own table. */
    guest_load(CPU, 0x1000, make_memop_idx(MO_UB, 1), 0);
    g_assert_cmpuint(ev.fills, ==, 4);
    tlb_flush_by_mmuidx(CPU, 1 << 1);
    guest_load(CPU, 0x1000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 4);
    guest_load(CPU, 0x1000, make_memop_idx(MO_UB, 1), 0);
    g_assert_cmpuint(ev.fills, ==, 5);
    /* A flush requested from elsewhere waits for the vCPU's next boundary. */
    tlb_flush_async(CPU, 1);
    g_assert_true(CPU->exit_request);
    guest_load(CPU, 0x1000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 5);
    tlb_run_pending(CPU);
    guest_load(CPU, 0x1000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 6);
    teardown();
}

static void test_large_page_flush(void)
{
    setup();
    page_size_for_fill = 64 * KiB;
    guest_load(CPU, 0x10000, OI(MO_UB), 0);
    guest_load(CPU, 0x11000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 2);
    /* Flushing any 4K page of the 64K mapping drops the whole mapping. */
    tlb_flush_page(CPU, 0x1f000);
    guest_load(CPU, 0x11000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 3);
    teardown();
}

static void test_resize(void)
{
    unsigned initial;

    setup();
    initial = CPU->tlb.d[0].bits;
    /* Fill more than 3/4 of the entries: the table doubles, without a flush, and stays so. */
    for (uint64_t page = 0; page < (1u << initial); page++) {
        guest_load(CPU, page * KOINE_PAGE_SIZE, OI(MO_UB), 0);
    }
    g_assert_cmpuint(CPU->tlb.d[0].bits, ==, initial + 1);
    tlb_flush(CPU);
    g_assert_cmpuint(CPU->tlb.d[0].bits, ==, initial + 1);
    g_assert_cmphex(CPU->tlb_fast[0].mask, ==,
                    ((uintptr_t)(1u << (initial + 1)) - 1) << CPU_TLB_ENTRY_BITS);
    /* Idle flushes shrink it back. */
    for (int i = 0; i < 16; i++) {
        tlb_flush(CPU);
    }
    g_assert_cmpuint(CPU->tlb.d[0].bits, ==, initial);
    teardown();
}

static void test_map_change_flushes(void)
{
    MemoryRegion extra;

    setup();
    guest_load(CPU, 0x1000, OI(MO_UB), 0);
    memory_region_init_ram(&extra, "extra", KOINE_PAGE_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0x400000, &extra);
    g_assert_true(CPU->exit_request);
    tlb_run_pending(CPU);
    guest_load(CPU, 0x1000, OI(MO_UB), 0);
    g_assert_cmpuint(ev.fills, ==, 2);
    memory_region_del_subregion(get_system_memory(), &extra);
    memory_region_finalize(&extra);
    teardown();
}

static void test_layout(void)
{
    setup();
    /* Generated code finds the fast descriptors just below env. */
    g_assert_true((char *)cpu_env(CPU) + tlb_fast_offset(1) == (char *)&CPU->tlb_fast[1]);
    g_assert_true(env_cpu(&tcpu->env) == CPU);
    g_assert_cmpint(tlb_fast_offset(0), <, 0);
    teardown();
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    memory_region_init_io(&dev, &dev_ops, NULL, "dev", KOINE_PAGE_SIZE);
    memory_region_add_subregion(get_system_memory(), DEV_BASE, &dev);
    memory_region_init_rom(&rom, "rom", KOINE_PAGE_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), ROM_BASE, &rom);

    g_test_add_func("/tlb/ram", test_ram_access);
    g_test_add_func("/tlb/cross-page", test_cross_page);
    g_test_add_func("/tlb/mmio", test_mmio_dispatch);
    g_test_add_func("/tlb/rom-and-holes", test_rom_and_holes);
    g_test_add_func("/tlb/faults-and-alignment", test_faults_and_alignment);
    g_test_add_func("/tlb/flushes", test_flushes);
    g_test_add_func("/tlb/large-page", test_large_page_flush);
    g_test_add_func("/tlb/resize", test_resize);
    g_test_add_func("/tlb/map-change", test_map_change_flushes);
    g_test_add_func("/tlb/layout", test_layout);
    ret = g_test_run();
    memory_region_del_subregion(get_system_memory(), &rom);
    memory_region_del_subregion(get_system_memory(), &dev);
    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_finalize(&rom);
    memory_region_finalize(&dev);
    memory_region_finalize(&ram);
    return ret;
}
