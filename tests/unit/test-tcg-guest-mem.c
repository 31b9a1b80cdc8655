/*
 * Guest memory ops (guest_ld, guest_st) on both backends, through the real
 * softmmu TLB: a small test CPU ({ CPUState; Env }) whose MMU maps virtual
 * = physical below 1 GiB and faults above, over system memory holding RAM,
 * a device that records its accesses, and a ROM.
 *
 * Every test runs on the native backend with the host's features, on the
 * native backend without any (no MOVBE: loads and stores byte-swap with
 * bswap/rol), and on the interpreter. Results are checked against
 * guest_load()/guest_store() (the C slow path) or hand values, memory
 * bytes against the host view of RAM, faults against the guest
 * instruction their retaddr maps to through insn_end_offsets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/bswap.h"
#include "hw/core/cpu.h"
#include "softmmu/main-loop.h"
#include "tcg/tcg-op.h"
#include "tcg/tcg-backend.h"
#include "tcg/code-buffer.h"
#include "tcg/optimize.h"
#include "tcg/x86_64/host-features.h"

#define RAM_SIZE     (1 * MiB)
#define DEV_BASE     0x100000
#define ROM_BASE     0x200000
#define HOLE_BASE    0x300000
#define MAPPED_LIMIT 0x40000000ULL
#define NG           8
#define NLIVE        12

typedef struct Env {
    uint64_t r[NG];
    uint32_t w[NG];
    uint64_t in[NLIVE];
    uint64_t out[NLIVE];
} Env;

typedef struct TestCPU {
    CPUState parent;
    Env env;
} TestCPU;

CPU_CHECK_LAYOUT(TestCPU, env);

typedef struct Variant {
    const char *name;
    const TCGBackend *be;
    unsigned features;
} Variant;

static const Variant variants[] = {
    { "native", &tcg_backend_native, HOST_ALL },
    { "native-nofeatures", &tcg_backend_native, 0 },
    { "tci", &tcg_backend_tci, 0 },
};

typedef struct Events {
    unsigned fills, faults, unaligned, bus_errors;
    uint64_t fault_addr;
    MMUAccessType fault_access;
    uintptr_t fault_retaddr;
    unsigned dev_reads, dev_writes;
    hwaddr dev_addr;
    unsigned dev_size;
    uint64_t dev_value;
} Events;

static Events ev;
static sigjmp_buf fault_jmp;
static MemoryRegion ram, dev, rom;
static uint8_t *ram_host, *rom_host;
static TestCPU *tcpu;
static TCGContext *s;
static TCGv_i64 r[NG];
static TCGv_i32 w[NG];
static const Variant *var;
static const void *cur_code;

#define CPU (&tcpu->parent)
#define ENV (&tcpu->env)

/* ---- The test target ---- */

static bool test_tlb_fill(CPUState *cpu, uint64_t vaddr, unsigned size, MMUAccessType access,
                          unsigned mmu_idx, bool probe, uintptr_t retaddr)
{
    ev.fills++;
    if (vaddr >= MAPPED_LIMIT) {
        if (probe) {
            return false;
        }
        ev.faults++;
        ev.fault_addr = vaddr;
        ev.fault_access = access;
        ev.fault_retaddr = retaddr;
        siglongjmp(fault_jmp, 1);
    }
    tlb_set_page(cpu, vaddr, vaddr, MEMTXATTRS_UNSPECIFIED,
                 PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx, KOINE_PAGE_SIZE);
    return true;
}

static void test_unaligned(CPUState *cpu, uint64_t vaddr, MMUAccessType access,
                           unsigned mmu_idx, uintptr_t retaddr)
{
    ev.unaligned++;
    ev.fault_addr = vaddr;
    ev.fault_access = access;
    ev.fault_retaddr = retaddr;
    siglongjmp(fault_jmp, 1);
}

static void test_bus_error(CPUState *cpu, hwaddr paddr, uint64_t vaddr, unsigned size,
                           MMUAccessType access, unsigned mmu_idx, MemTxResult result,
                           uintptr_t retaddr)
{
    ev.bus_errors++;
    ev.fault_addr = vaddr;
}

static const TargetOps test_ops = {
    .arch = "test",
    .cpu_size = sizeof(TestCPU),
    .nb_mmu_modes = 2,
    .insn_start_words = 1,
    .tlb_fill = test_tlb_fill,
    .unaligned_access = test_unaligned,
    .transaction_failed = test_bus_error,
};

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    ev.dev_reads++;
    ev.dev_addr = addr;
    ev.dev_size = size;
    return 0x1122334455667788ULL + addr;
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
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- Per test: a fresh CPU, RAM pattern, backend ---- */

static void setup(const void *data)
{
    var = data;
    tcg_native_set_features(var->features);
    memset(&ev, 0, sizeof(ev));
    tcpu = g_aligned_alloc0(1, sizeof(TestCPU), 64);
    tcpu->parent.ops = &test_ops;
    tcpu->parent.as = get_address_space_memory();
    tlb_init(CPU, 2);
    tlb_run_pending(CPU);
    tcpu->parent.exit_request = 0;
    for (size_t i = 0; i < RAM_SIZE; i++) {
        ram_host[i] = (uint8_t)(i * 37 + (i >> 8) * 11 + 5);
    }
}

static void teardown(void)
{
    tlb_destroy(CPU);
    g_aligned_free(tcpu);
    tcpu = NULL;
    tcg_native_set_features(HOST_ALL);
}

static void start(void)
{
    tcg_func_start(s);
}

static void finish(void)
{
    size_t size;

    tcg_gen_exit_tb(0);
    g_assert_true(tcg_verify(s));
    cur_code = var->be->gen_code(s, &size);
    if (!cur_code) {
        code_buffer_flush();
        cur_code = var->be->gen_code(s, &size);
    }
    g_assert_nonnull(cur_code);
}

static uintptr_t run(void)
{
    return var->be->exec(ENV, cur_code);
}

static MemOpIdx oi0(MemOp mop)
{
    return make_memop_idx(mop, 0);
}

/* The guest instruction (index of its insn_start) a retaddr maps to, by the rule of tcg-backend.h. */
static int insn_of(uintptr_t retaddr)
{
    GArray *ends = s->insn_end_offsets;
    uintptr_t off;

    g_assert_cmpuint(retaddr, >, (uintptr_t)cur_code);
    off = retaddr - (uintptr_t)cur_code;
    for (guint i = 0; i < ends->len; i++) {
        if (g_array_index(ends, uint32_t, i) >= off) {
            return i;
        }
    }
    return -1;
}

static uint64_t trunc_type(TCGType type, uint64_t v)
{
    return type == TCG_TYPE_I32 ? (uint32_t)v : v;
}

/* Every MemOp a load of this type can have (no alignment requirement). */
static GArray *load_memops(TCGType type, bool loads)
{
    GArray *a = g_array_new(false, false, sizeof(MemOp));

    for (unsigned size = MO_8; size <= (type == TCG_TYPE_I32 ? MO_32 : MO_64); size++) {
        for (unsigned bswap = 0; bswap < 2; bswap++) {
            for (unsigned sign = 0; sign < (loads ? 2 : 1); sign++) {
                MemOp mop = size | (bswap ? MO_BE : MO_LE) | (sign ? MO_SIGN : 0);

                if (size == MO_8 && bswap) {
                    continue;
                }
                g_array_append_val(a, mop);
            }
        }
    }
    return a;
}

static const uint64_t test_addrs[] = {
    0x1000, 0x1001, 0x1002, 0x1003, 0x1007, 0x1ff8, 0x1ffc, 0x1ffd, 0x1fff, 0x23456,
};

/* ---- RAM ---- */

static void test_ram_loads(const void *data)
{
    setup(data);
    for (TCGType type = TCG_TYPE_I32; type <= TCG_TYPE_I64; type++) {
        g_autoptr(GArray) mops = load_memops(type, true);

        for (guint m = 0; m < mops->len; m++) {
            MemOp mop = g_array_index(mops, MemOp, m);

            /* Shape 1: global address, global result. */
            start();
            tcg_gen_insn_start(0x100, 0, 0);
            if (type == TCG_TYPE_I32) {
                tcg_gen_guest_ld_i32(w[1], r[0], 0, mop);
            } else {
                tcg_gen_guest_ld_i64(r[1], r[0], 0, mop);
            }
            finish();
            for (size_t i = 0; i < ARRAY_SIZE(test_addrs); i++) {
                uint64_t want = trunc_type(type, guest_load(CPU, test_addrs[i], oi0(mop), 0));
                uint64_t got;

                ENV->r[0] = test_addrs[i];
                ENV->r[1] = ENV->w[1] = 0xdead;
                run();
                got = type == TCG_TYPE_I32 ? ENV->w[1] : ENV->r[1];
                if (got != want) {
                    g_test_message("memop %#x type %d addr %#" PRIx64 ": %#" PRIx64
                                   " want %#" PRIx64, mop, type, test_addrs[i], got, want);
                }
                g_assert_cmphex(got, ==, want);
                g_assert_cmphex(ENV->r[0], ==, test_addrs[i]);
            }

            /* Shape 2: constant address, EBB result, an address temp live across. */
            for (size_t i = 0; i < ARRAY_SIZE(test_addrs); i += 3) {
                uint64_t want = trunc_type(type, guest_load(CPU, test_addrs[i], oi0(mop), 0));
                TCGv_i64 addr;

                start();
                addr = tcg_temp_ebb_new_i64();
                tcg_gen_insn_start(0x100, 0, 0);
                tcg_gen_ld_i64(addr, tcg_env, offsetof(Env, in[0]));
                if (type == TCG_TYPE_I32) {
                    TCGv_i32 v = tcg_temp_ebb_new_i32();

                    tcg_gen_guest_ld_i32(v, tcg_constant_i64(test_addrs[i]), 0, mop);
                    tcg_gen_st_i32(v, tcg_env, offsetof(Env, out[0]));
                } else {
                    TCGv_i64 v = tcg_temp_ebb_new_i64();

                    tcg_gen_guest_ld_i64(v, addr, 0, mop);
                    tcg_gen_st_i64(v, tcg_env, offsetof(Env, out[0]));
                }
                tcg_gen_st_i64(addr, tcg_env, offsetof(Env, out[1]));
                finish();
                ENV->in[0] = test_addrs[i];
                ENV->out[0] = 0;
                run();
                g_assert_cmphex(ENV->out[0] & (type == TCG_TYPE_I32 ? UINT32_MAX : UINT64_MAX),
                                ==, want);
                g_assert_cmphex(ENV->out[1], ==, test_addrs[i]);
            }
        }
    }

    /* Hand values: bytes 11 22 .. 88 at 0x1000. */
    for (int i = 0; i < 8; i++) {
        ram_host[0x1000 + i] = 0x11 * (i + 1);
    }
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_ld_i64(r[1], r[0], 0, MO_BEUL);
    tcg_gen_addi_i64(r[0], r[0], 6);
    tcg_gen_guest_ld_i64(r[2], r[0], 0, MO_LESW);
    tcg_gen_guest_ld_i32(w[3], r[0], 0, MO_BESW);
    tcg_gen_addi_i64(r[0], r[0], -6);
    tcg_gen_guest_ld_i64(r[4], r[0], 0, MO_BEUQ);
    tcg_gen_guest_ld_i64(r[5], r[0], 0, MO_LEUQ);
    finish();
    ENV->r[0] = 0x1000;
    run();
    g_assert_cmphex(ENV->r[1], ==, 0x11223344);
    g_assert_cmphex(ENV->r[2], ==, 0xffffffffffff8877ULL);
    g_assert_cmphex(ENV->w[3], ==, 0x7788);
    g_assert_cmphex(ENV->r[4], ==, 0x1122334455667788ULL);
    g_assert_cmphex(ENV->r[5], ==, 0x8877665544332211ULL);
    teardown();
}

static void check_store_bytes(uint64_t addr, MemOp mop, uint64_t val)
{
    unsigned size = memop_size(mop);
    uint8_t want[8];

    stn_p(want, size, mop & MO_BSWAP, val);
    g_assert_cmpmem(ram_host + addr, size, want, size);
    /* Nothing around it moved. */
    g_assert_cmphex(ram_host[addr - 1], ==, 0xee);
    g_assert_cmphex(ram_host[addr + size], ==, 0xee);
}

static void test_ram_stores(const void *data)
{
    static const uint64_t value = 0x0123456789abcdefULL;

    setup(data);
    for (TCGType type = TCG_TYPE_I32; type <= TCG_TYPE_I64; type++) {
        g_autoptr(GArray) mops = load_memops(type, false);

        for (guint m = 0; m < mops->len; m++) {
            MemOp mop = g_array_index(mops, MemOp, m);

            for (int shape = 0; shape < 3; shape++) {
                start();
                tcg_gen_insn_start(0x100, 0, 0);
                if (type == TCG_TYPE_I32) {
                    /* shape 1: a constant value; 2: from an EBB temp that lives on. */
                    TCGv_i32 v = shape == 1 ? tcg_constant_i32((uint32_t)value) : w[2];

                    if (shape == 2) {
                        v = tcg_temp_ebb_new_i32();
                        tcg_gen_ld_i32(v, tcg_env, offsetof(Env, w[2]));
                    }
                    tcg_gen_guest_st_i32(v, r[0], 0, mop);
                    if (shape == 2) {
                        tcg_gen_st_i32(v, tcg_env, offsetof(Env, out[0]));
                    }
                } else {
                    TCGv_i64 v = shape == 1 ? tcg_constant_i64(value) : r[2];

                    if (shape == 2) {
                        v = tcg_temp_ebb_new_i64();
                        tcg_gen_ld_i64(v, tcg_env, offsetof(Env, r[2]));
                    }
                    tcg_gen_guest_st_i64(v, r[0], 0, mop);
                    if (shape == 2) {
                        tcg_gen_st_i64(v, tcg_env, offsetof(Env, out[0]));
                    }
                }
                finish();
                for (size_t i = 0; i < ARRAY_SIZE(test_addrs); i++) {
                    uint64_t addr = test_addrs[i];

                    memset(ram_host + addr - 8, 0xee, 24);
                    ENV->r[0] = addr;
                    ENV->r[2] = value;
                    ENV->w[2] = (uint32_t)value;
                    run();
                    check_store_bytes(addr, mop, value);
                    if (shape == 2) {
                        g_assert_cmphex(ENV->out[0] & (type == TCG_TYPE_I32 ? UINT32_MAX
                                                                            : UINT64_MAX),
                                        ==, trunc_type(type, value));
                    }
                }
            }
        }
    }

    /* The address as the value: one temp in both operands. */
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_st_i64(r[0], r[0], 0, MO_BEUQ);
    finish();
    memset(ram_host + 0x3000 - 8, 0xee, 24);
    ENV->r[0] = 0x3000;
    run();
    check_store_bytes(0x3000, MO_BEUQ, 0x3000);
    teardown();
}

/* A store then a load that crosses into the next page; the fast path must miss. */
static void test_page_crossing(const void *data)
{
    setup(data);
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_st_i64(r[1], r[0], 0, MO_BEUQ);
    tcg_gen_guest_ld_i64(r[2], r[0], 0, MO_LEUQ);
    tcg_gen_addi_i64(r[0], r[0], 1);
    tcg_gen_guest_ld_i32(w[3], r[0], 0, MO_BEUL);
    finish();
    ENV->r[0] = 0x2ffd;
    ENV->r[1] = 0x0102030405060708ULL;
    run();
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(ram_host[0x2ffd + i], ==, i + 1);
    }
    g_assert_cmphex(ENV->r[2], ==, 0x0807060504030201ULL);
    g_assert_cmphex(ENV->w[3], ==, 0x02030405);
    g_assert_cmpuint(ev.fills, ==, 2);
    teardown();
}

/* ---- Devices and ROM ---- */

static void test_mmio(const void *data)
{
    setup(data);
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_ld_i64(r[1], r[0], 0, MO_LEUL);
    finish();
    ENV->r[0] = DEV_BASE + 8;
    run();
    g_assert_cmphex(ENV->r[1], ==, (uint32_t)(0x1122334455667788ULL + 8));
    g_assert_cmpuint(ev.dev_reads, ==, 1);
    g_assert_cmphex(ev.dev_addr, ==, 8);
    g_assert_cmpuint(ev.dev_size, ==, 4);
    /* Device accesses always take the slow path: a second run reaches it again. */
    run();
    g_assert_cmpuint(ev.dev_reads, ==, 2);

    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_ld_i32(w[1], r[0], 0, MO_BEUL);
    tcg_gen_guest_ld_i64(r[2], r[0], 0, MO_LEUQ);
    tcg_gen_guest_ld_i64(r[3], r[0], 0, MO_SB);
    finish();
    ENV->r[0] = DEV_BASE;
    run();
    g_assert_cmphex(ENV->w[1], ==, 0x88776655);
    g_assert_cmphex(ENV->r[2], ==, 0x1122334455667788ULL);
    g_assert_cmphex(ENV->r[3], ==, 0xffffffffffffff88ULL);
    g_assert_cmpuint(ev.dev_size, ==, 1);
    g_assert_cmpuint(ev.dev_reads, ==, 5);

    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_st_i32(w[1], r[0], 0, MO_LEUW);
    finish();
    ENV->r[0] = DEV_BASE + 4;
    ENV->w[1] = 0x1234cafe;
    run();
    g_assert_cmpuint(ev.dev_writes, ==, 1);
    g_assert_cmphex(ev.dev_addr, ==, 4);
    g_assert_cmpuint(ev.dev_size, ==, 2);
    g_assert_cmphex(ev.dev_value, ==, 0xcafe);

    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_st_i64(r[1], r[0], 0, MO_BEUQ);
    finish();
    ENV->r[0] = DEV_BASE + 0x10;
    ENV->r[1] = 0x0102030405060708ULL;
    run();
    g_assert_cmpuint(ev.dev_writes, ==, 2);
    g_assert_cmphex(ev.dev_addr, ==, 0x10);
    g_assert_cmpuint(ev.dev_size, ==, 8);
    g_assert_cmphex(ev.dev_value, ==, 0x0807060504030201ULL);
    g_assert_cmpuint(ev.bus_errors, ==, 0);
    teardown();
}

static void test_rom_and_hole(const void *data)
{
    setup(data);
    rom_host[0] = 0x42;
    rom_host[1] = 0x43;
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_ld_i64(r[1], r[0], 0, MO_LEUW);
    tcg_gen_guest_st_i64(r[2], r[0], 0, MO_LEUQ);
    tcg_gen_guest_ld_i64(r[3], r[0], 0, MO_LEUW);
    finish();
    ENV->r[0] = ROM_BASE;
    ENV->r[2] = 0x9999999999999999ULL;
    run();
    g_assert_cmphex(ENV->r[1], ==, 0x4342);
    g_assert_cmphex(ENV->r[3], ==, 0x4342);
    g_assert_cmphex(rom_host[0], ==, 0x42);         /* the write was dropped */

    /* Nothing mapped: the target hears of it, the load reads zero. */
    ENV->r[0] = HOLE_BASE;
    run();
    g_assert_cmphex(ENV->r[1], ==, 0);
    g_assert_cmpuint(ev.bus_errors, >=, 1);
    teardown();
}

/* ---- The TLB ---- */

static void test_tlb_hits_and_flush(const void *data)
{
    setup(data);
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_ld_i64(r[1], r[0], 0, MO_LEUQ);
    tcg_gen_addi_i64(r[0], r[0], 8);
    tcg_gen_guest_st_i64(r[1], r[0], 0, MO_LEUQ);
    tcg_gen_addi_i64(r[0], r[0], 8);
    tcg_gen_guest_ld_i32(w[1], r[0], 0, MO_LEUL);
    finish();
    ENV->r[0] = 0x5000;
    run();
    g_assert_cmpuint(ev.fills, ==, 1);              /* one miss, then hits */
    g_assert_cmpmem(ram_host + 0x5008, 8, ram_host + 0x5000, 8);
    ENV->r[0] = 0x5100;
    run();
    g_assert_cmpuint(ev.fills, ==, 1);
    tlb_flush(CPU);
    ENV->r[0] = 0x5200;
    run();
    g_assert_cmpuint(ev.fills, ==, 2);              /* the flush forced a refill */
    tlb_flush_page(CPU, 0x5000);
    run();
    g_assert_cmpuint(ev.fills, ==, 3);
    teardown();
}

static void test_mmu_indexes(const void *data)
{
    uint64_t before;

    setup(data);
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_ld_i64(r[1], r[0], 0, MO_LEUQ);
    tcg_gen_guest_ld_i64(r[2], r[0], 1, MO_LEUQ);
    tcg_gen_guest_st_i64(r[3], r[0], 1, MO_LEUW);
    finish();
    before = ld64_le_p(ram_host + 0x6000);
    ENV->r[0] = 0x6000;
    ENV->r[3] = 0xabcd;
    run();
    g_assert_cmphex(ENV->r[1], ==, before);
    g_assert_cmphex(ENV->r[2], ==, before);
    g_assert_cmphex(ld16_le_p(ram_host + 0x6000), ==, 0xabcd);
    g_assert_cmpuint(ev.fills, ==, 2);              /* one per MMU index */
    run();
    g_assert_cmpuint(ev.fills, ==, 2);
    tlb_flush_by_mmuidx(CPU, 1 << 1);
    run();
    g_assert_cmpuint(ev.fills, ==, 3);              /* only index 1 refilled */
    g_assert_cmphex(ENV->r[2], ==, ld64_le_p(ram_host + 0x6000));
    teardown();
}

/*
 * Native only: the inline path really reads through the fast descriptor.
 * A one-entry mask points every page at a crafted entry whose addend leads
 * to a private buffer; the slow path (which indexes by the full table
 * size) would see an empty entry and fill instead.
 */
static void test_inline_fast_path(const void *data)
{
    static uint8_t shadow[KOINE_PAGE_SIZE];
    CPUTLBDescFast saved;
    CPUTLBEntry *table;
    uint64_t want;
    unsigned n;

    setup(data);
    n = 1u << CPU->tlb.d[0].bits;
    table = g_new(CPUTLBEntry, n);
    memset(table, 0xff, n * sizeof(*table));
    table[0].addr_read = table[0].addr_write = 0x7000;
    table[0].addend = (uintptr_t)shadow - 0x7000;
    for (size_t i = 0; i < sizeof(shadow); i++) {
        shadow[i] = (uint8_t)(0xc3 ^ i);
    }
    saved = CPU->tlb_fast[0];
    CPU->tlb_fast[0].table = table;
    CPU->tlb_fast[0].mask = 0;

    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_ld_i64(r[1], r[0], 0, MO_BEUQ);
    tcg_gen_guest_st_i32(w[2], r[0], 0, MO_BEUL);
    finish();
    ENV->r[0] = 0x7010;
    ENV->w[2] = 0xa1b2c3d4;
    want = ld64_be_p(shadow + 0x10);
    run();
    g_assert_cmphex(ENV->r[1], ==, want);
    g_assert_cmphex(ld32_be_p(shadow + 0x10), ==, 0xa1b2c3d4);
    g_assert_cmpuint(ev.fills, ==, 0);
    /* The page crossing check uses the last byte: this one misses and fills. */
    ENV->r[0] = 0x7ffc;
    run();
    g_assert_cmpuint(ev.fills, >, 0);

    CPU->tlb_fast[0] = saved;
    g_free(table);
    teardown();
}

/* ---- Faults ---- */

/*
 * Three guest instructions: 0 bumps a global (which must reach memory
 * before the access), 1 does the access under test, 2 writes another
 * global (which must not happen when 1 faults).
 */
static void build_fault_tb(bool store, MemOp mop)
{
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_addi_i64(r[5], r[5], 1);
    tcg_gen_insn_start(0x104, 0, 0);
    if (store) {
        tcg_gen_guest_st_i64(r[5], r[0], 0, mop);
    } else {
        tcg_gen_guest_ld_i64(r[1], r[0], 0, mop);
    }
    tcg_gen_insn_start(0x108, 0, 0);
    tcg_gen_movi_i64(r[6], 0x66);
    tcg_gen_addi_i64(r[5], r[5], 0x100);
    finish();
}

/* Runs the TB expecting a fault; returns the guest instruction it maps to. */
static int run_faulting(void)
{
    ENV->r[5] = 10;
    ENV->r[6] = 0;
    if (sigsetjmp(fault_jmp, 0) == 0) {
        run();
        g_assert_not_reached();
    }
    g_assert_cmphex(ENV->r[5], ==, 11);             /* synced before the access */
    g_assert_cmphex(ENV->r[6], ==, 0);
    return insn_of(ev.fault_retaddr);
}

static void test_alignment_faults(const void *data)
{
    static const struct {
        MemOp mop;
        uint64_t good, bad;
    } cases[] = {
        { MO_LEUL | MO_ALIGN, 0x1004, 0x1002 },
        { MO_BEUQ | MO_ALIGN, 0x1008, 0x1004 },
        { MO_LEUW | MO_ALIGN, 0x1002, 0x1001 },
        { MO_LEUQ | MO_ALIGN_4, 0x1004, 0x1006 },
        { MO_UB | MO_ALIGN_4, 0x1004, 0x1001 },
        { MO_LEUL | MO_ALIGN_16, 0x1010, 0x1008 },
    };

    setup(data);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        for (int store = 0; store < 2; store++) {
            unsigned before = ev.unaligned;

            build_fault_tb(store, cases[i].mop);
            ENV->r[0] = cases[i].good;
            ENV->r[5] = 10;
            run();
            g_assert_cmpuint(ev.unaligned, ==, before);
            g_assert_cmphex(ENV->r[6], ==, 0x66);
            g_assert_cmphex(ENV->r[5], ==, 0x10b);
            if (!store) {
                g_assert_cmphex(ENV->r[1], ==, guest_load(CPU, cases[i].good,
                                                          oi0(cases[i].mop), 0));
            }

            ENV->r[0] = cases[i].bad;
            g_assert_cmpint(run_faulting(), ==, 1);
            g_assert_cmpuint(ev.unaligned, ==, before + 1);
            g_assert_cmphex(ev.fault_addr, ==, cases[i].bad);
            g_assert_cmpint(ev.fault_access, ==, store ? MMU_DATA_STORE : MMU_DATA_LOAD);
        }
    }
    teardown();
}

static void test_fill_faults(const void *data)
{
    setup(data);
    for (int store = 0; store < 2; store++) {
        build_fault_tb(store, MO_LEUL);
        ENV->r[0] = MAPPED_LIMIT + 0x10;
        g_assert_cmpint(run_faulting(), ==, 1);
        g_assert_cmpuint(ev.faults, ==, store + 1);
        g_assert_cmphex(ev.fault_addr, ==, MAPPED_LIMIT + 0x10);
        /* The same TB runs on when the address is mapped. */
        ENV->r[0] = 0x8000;
        run();
        g_assert_cmphex(ENV->r[6], ==, 0x66);
    }
    /* A fault in the first or last instruction maps there too. */
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_guest_ld_i64(r[1], r[0], 0, MO_LEUQ);
    tcg_gen_insn_start(0x104, 0, 0);
    tcg_gen_addi_i64(r[5], r[5], 1);
    tcg_gen_insn_start(0x108, 0, 0);
    tcg_gen_guest_st_i64(r[5], r[2], 0, MO_LEUQ);
    finish();
    ENV->r[0] = MAPPED_LIMIT;
    if (sigsetjmp(fault_jmp, 0) == 0) {
        run();
        g_assert_not_reached();
    }
    g_assert_cmpint(insn_of(ev.fault_retaddr), ==, 0);
    ENV->r[0] = 0x1000;
    ENV->r[2] = MAPPED_LIMIT + 8;
    ENV->r[5] = 1;
    if (sigsetjmp(fault_jmp, 0) == 0) {
        run();
        g_assert_not_reached();
    }
    g_assert_cmpint(insn_of(ev.fault_retaddr), ==, 2);
    g_assert_cmphex(ENV->r[5], ==, 2);
    teardown();
}

/* ---- Register allocation around the slow path ---- */

/*
 * Enough values live across a slow-path access to fill the caller-saved
 * registers; they must all survive the helper call.
 */
static void test_live_across_slow_path(const void *data)
{
    static const uint64_t addrs[] = { DEV_BASE + 0x20, 0x9008, MAPPED_LIMIT - 8 };

    setup(data);
    for (int store = 0; store < 2; store++) {
        TCGv_i64 live[NLIVE];

        start();
        tcg_gen_insn_start(0x100, 0, 0);
        for (int i = 0; i < NLIVE; i++) {
            live[i] = tcg_temp_ebb_new_i64();
            tcg_gen_ld_i64(live[i], tcg_env, offsetof(Env, in[i]));
        }
        tcg_gen_addi_i64(r[7], r[7], 3);
        if (store) {
            tcg_gen_guest_st_i64(live[3], r[0], 0, MO_LEUQ);
        } else {
            tcg_gen_guest_ld_i64(r[1], r[0], 0, MO_LEUQ);
        }
        for (int i = 0; i < NLIVE; i++) {
            tcg_gen_st_i64(live[i], tcg_env, offsetof(Env, out[i]));
        }
        tcg_gen_add_i64(r[2], r[7], r[0]);
        finish();
        for (size_t k = 0; k < ARRAY_SIZE(addrs); k++) {
            for (int i = 0; i < NLIVE; i++) {
                ENV->in[i] = 0x1000000000000001ULL * (i + 1) + k;
                ENV->out[i] = 0;
            }
            ENV->r[0] = addrs[k];
            ENV->r[7] = 100;
            run();
            for (int i = 0; i < NLIVE; i++) {
                g_assert_cmphex(ENV->out[i], ==, ENV->in[i]);
            }
            g_assert_cmphex(ENV->r[2], ==, 103 + addrs[k]);
            if (!store) {
                g_assert_cmphex(ENV->r[1], ==, guest_load(CPU, addrs[k], oi0(MO_LEUQ), 0));
            } else if (addrs[k] < DEV_BASE) {
                g_assert_cmphex(ld64_le_p(ram_host + addrs[k]), ==, ENV->in[3]);
            } else if (addrs[k] == DEV_BASE + 0x20) {
                g_assert_cmphex(ev.dev_value, ==, ENV->in[3]);
            }
        }
        /* Run again so that the RAM access hits in the TLB this time. */
        ENV->r[0] = addrs[1];
        run();
        for (int i = 0; i < NLIVE; i++) {
            g_assert_cmphex(ENV->out[i], ==, ENV->in[i]);
        }
    }
    teardown();
}

/* Guest ops survive the optimizer and liveness; a load whose result is unused is still done. */
static void test_optimized(const void *data)
{
    TCGv_i64 t;

    setup(data);
    start();
    tcg_gen_insn_start(0x100, 0, 0);
    tcg_gen_movi_i64(r[0], DEV_BASE + 0x18);
    t = tcg_temp_ebb_new_i64();
    tcg_gen_guest_ld_i64(t, r[0], 0, MO_UB);
    /* Known bits of an unsigned byte load: this and folds away, to a copy. */
    tcg_gen_andi_i64(r[1], t, 0xff);
    tcg_gen_guest_ld_i64(t, r[0], 0, MO_LESW);
    tcg_gen_guest_st_i64(r[0], r[0], 0, MO_LEUL);
    tcg_optimize(s);
    finish();
    run();
    g_assert_cmphex(ENV->r[1], ==, (uint8_t)(0x1122334455667788ULL + 0x18));
    g_assert_cmphex(ENV->r[0], ==, DEV_BASE + 0x18);
    g_assert_cmpuint(ev.dev_reads, ==, 2);
    g_assert_cmpuint(ev.dev_writes, ==, 1);
    g_assert_cmphex(ev.dev_value, ==, DEV_BASE + 0x18);
    teardown();
}

static void add(const char *name, GTestDataFunc fn, bool native_only)
{
    for (size_t i = 0; i < ARRAY_SIZE(variants); i++) {
        g_autofree char *path = NULL;

        if (native_only && variants[i].be != &tcg_backend_native) {
            continue;
        }
        path = g_strdup_printf("/tcg-guest-mem/%s/%s", variants[i].name, name);
        g_test_add_data_func(path, &variants[i], fn);
    }
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_assert_true(code_buffer_init(16 * MiB, &error_abort));
    g_assert_true(tcg_backend_native.init(&error_abort));
    g_assert_true(tcg_backend_tci.init(&error_abort));
    s = tcg_context_new(tcg_backend_native.env_reg);
    for (int i = 0; i < NG; i++) {
        char name[8];

        snprintf(name, sizeof(name), "r%d", i);
        r[i] = tcg_global_mem_new_i64(tcg_env, offsetof(Env, r[i]), g_intern_string(name));
        snprintf(name, sizeof(name), "w%d", i);
        w[i] = tcg_global_mem_new_i32(tcg_env, offsetof(Env, w[i]), g_intern_string(name));
    }

    memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    memory_region_init_io(&dev, &dev_ops, NULL, "dev", KOINE_PAGE_SIZE);
    memory_region_add_subregion(get_system_memory(), DEV_BASE, &dev);
    memory_region_init_rom(&rom, "rom", KOINE_PAGE_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), ROM_BASE, &rom);
    ram_host = memory_region_get_ram_ptr(&ram);
    rom_host = memory_region_get_ram_ptr(&rom);

    add("ram-loads", test_ram_loads, false);
    add("ram-stores", test_ram_stores, false);
    add("page-crossing", test_page_crossing, false);
    add("mmio", test_mmio, false);
    add("rom-and-hole", test_rom_and_hole, false);
    add("tlb-hits-and-flush", test_tlb_hits_and_flush, false);
    add("mmu-indexes", test_mmu_indexes, false);
    add("inline-fast-path", test_inline_fast_path, true);
    add("alignment-faults", test_alignment_faults, false);
    add("fill-faults", test_fill_faults, false);
    add("live-across-slow-path", test_live_across_slow_path, false);
    add("optimized", test_optimized, false);
    ret = g_test_run();

    memory_region_del_subregion(get_system_memory(), &rom);
    memory_region_del_subregion(get_system_memory(), &dev);
    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_finalize(&rom);
    memory_region_finalize(&dev);
    memory_region_finalize(&ram);
    tcg_context_free(s);
    code_buffer_destroy();
    return ret;
}
