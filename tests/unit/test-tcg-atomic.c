/*
 * Atomic guest memory operations (tcg/tcg-op-atomic.h, accel/tcg/atomic.c)
 * end to end, on both backends: IR built with the builder API runs
 * through the real exec loop (cpu_exec), softmmu TLB and TB cache.
 *
 * The test target ("atom") translates a program given as a C callback:
 * instruction i of prog is prog.gen(i) with its own insn_start at
 * prog.base + 4 * i, and one more instruction stops the run
 * (ATOM_EXCP_STOP). Its MMU maps virtual = physical below 1 GiB, read-only
 * over [RO_BASE, +4K), and faults above (ATOM_EXCP_FAULT); misaligned
 * accesses the MemOp forbids raise ATOM_EXCP_ALIGN. Each of these leaves
 * cpu_exec with the CPU state of the faulting instruction, which the
 * tests check (pc, a global written before the atomic is in memory, one
 * written after is not).
 *
 * Memory: RAM, a device that behaves like RAM and records each access,
 * a ROM, and a hole (bus errors).
 *
 * Expected values: a plain-C reference of each operation (written from
 * the definitions in atomic.h, independent of atomic.c's code) plus
 * hand-computed literals for the sign and truncation corner cases.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/error.h"
#include "util/bswap.h"
#include "util/bitops.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/translator.h"
#include "accel/tcg/atomic.h"
#include "tcg/tcg-op-atomic.h"

#define RAM_SIZE     (1 * MiB)
#define CODE_BASE    0x1000
#define CODE2_BASE   0x3000
#define DATA         0x10000
#define RO_BASE      0x80000
#define DEV_BASE     0x100000
#define ROM_BASE     0x200000
#define HOLE_BASE    0x300000
#define MAPPED_LIMIT 0x40000000ULL
#define NREGS        8

#define ATOM_EXCP_STOP  (EXCP_INTERRUPT + 0x100)
#define ATOM_EXCP_FAULT (EXCP_INTERRUPT + 0x101)
#define ATOM_EXCP_ALIGN (EXCP_INTERRUPT + 0x102)
#define ATOM_EXCP_BUS   (EXCP_INTERRUPT + 0x103)

typedef struct AtomEnv {
    uint64_t r[NREGS];
    uint64_t pc;
    uint64_t fault_addr;
    int fault_access;
    unsigned bus_errors;
    bool raise_bus_errors;
} AtomEnv;

typedef struct AtomCPU {
    CPUState parent;
    AtomEnv env;
} AtomCPU;

CPU_CHECK_LAYOUT(AtomCPU, env);

typedef struct AtomGlobals {
    TCGv_i64 r[NREGS];
    TCGv_i64 pc;
} AtomGlobals;

/* The program the target translates (set before tb_flush() and a run). */
static struct {
    uint64_t base;
    unsigned n;
    void (*gen)(unsigned idx);
} prog;

static MemoryRegion ram, dev, rom;
static uint8_t *ram_host, *rom_host;
static uint8_t dev_mem[KOINE_PAGE_SIZE];
static char dev_log[64];            /* R/W per device access, in order */
static AtomCPU *cpu0;

/* ---- The test target ---- */

static AtomEnv *atom_env(CPUState *cpu)
{
    return &container_of(cpu, AtomCPU, parent)->env;
}

static void helper_stop(void *env)
{
    cpu_raise_exception(env_cpu(env), ATOM_EXCP_STOP, 0);
}

static const TCGHelperInfo stop_info = {
    .func = helper_stop, .name = "stop", .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};

static void atom_init_globals(TCGContext *s)
{
    static const char *const names[NREGS] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7" };
    AtomGlobals *g = g_new0(AtomGlobals, 1);

    for (int i = 0; i < NREGS; i++) {
        g->r[i] = tcg_global_mem_new_i64(s->env, offsetof(AtomEnv, r[i]), names[i]);
    }
    g->pc = tcg_global_mem_new_i64(s->env, offsetof(AtomEnv, pc), "pc");
    s->target_globals = g;
}

static AtomGlobals *G(void)
{
    return tcg_ctx->target_globals;
}

static void atom_get_tb_cpu_state(CPUState *cpu, uint64_t *pc, uint64_t *cs_base,
                                  uint32_t *flags)
{
    *pc = atom_env(cpu)->pc;
    *cs_base = 0;
    *flags = 0;
}

static void atom_translate(CPUState *cpu, TranslationBlock *tb, unsigned max_insns)
{
    uint64_t pc = tb->pc;
    unsigned count = 0;

    translator_tb_start(tb);
    for (;;) {
        unsigned idx = (pc - prog.base) / 4;
        TCGTemp *env_arg[1] = { tcgv_ptr_temp(tcg_env) };

        translator_ld(cpu, tb, pc, MO_LEUL);
        tcg_gen_insn_start(pc, 0, 0);
        translator_insn_end(tb, pc + 4);
        if (idx >= prog.n) {
            tcg_gen_movi_i64(G()->pc, pc);
            tcg_gen_call(&stop_info, NULL, env_arg);
            break;
        }
        prog.gen(idx);
        pc += 4;
        if (++count >= max_insns) {
            tcg_gen_movi_i64(G()->pc, pc);
            translator_exit_tb();
            break;
        }
    }
    translator_tb_end(tb);
}

static void atom_restore_state(CPUState *cpu, const uint64_t *data)
{
    atom_env(cpu)->pc = data[0];
}

static bool atom_tlb_fill(CPUState *cpu, uint64_t vaddr, unsigned size, MMUAccessType access,
                          unsigned mmu_idx, bool probe, uintptr_t retaddr)
{
    AtomEnv *env = atom_env(cpu);
    bool ro = vaddr >= RO_BASE && vaddr < RO_BASE + KOINE_PAGE_SIZE;

    if (vaddr >= MAPPED_LIMIT || (ro && access == MMU_DATA_STORE)) {
        if (probe) {
            return false;
        }
        env->fault_addr = vaddr;
        env->fault_access = access;
        cpu_raise_exception(cpu, ATOM_EXCP_FAULT, retaddr);
    }
    tlb_set_page(cpu, vaddr, vaddr, MEMTXATTRS_UNSPECIFIED,
                 ro ? PAGE_READ : PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx, KOINE_PAGE_SIZE);
    return true;
}

static void atom_unaligned(CPUState *cpu, uint64_t vaddr, MMUAccessType access,
                           unsigned mmu_idx, uintptr_t retaddr)
{
    atom_env(cpu)->fault_addr = vaddr;
    atom_env(cpu)->fault_access = access;
    cpu_raise_exception(cpu, ATOM_EXCP_ALIGN, retaddr);
}

static void atom_bus_error(CPUState *cpu, hwaddr paddr, uint64_t vaddr, unsigned size,
                           MMUAccessType access, unsigned mmu_idx, MemTxResult result,
                           uintptr_t retaddr)
{
    AtomEnv *env = atom_env(cpu);

    env->bus_errors++;
    if (env->raise_bus_errors) {
        env->fault_addr = vaddr;
        env->fault_access = access;
        cpu_raise_exception(cpu, ATOM_EXCP_BUS, retaddr);
    }
}

static void atom_do_interrupt(CPUState *cpu)
{
}

static unsigned atom_mmu_index(CPUState *cpu, bool ifetch)
{
    return 0;
}

static const TargetOps atom_ops = {
    .arch = "atom",
    .cpu_size = sizeof(AtomCPU),
    .nb_mmu_modes = 2,
    .insn_start_words = 1,
    .init_globals = atom_init_globals,
    .get_tb_cpu_state = atom_get_tb_cpu_state,
    .translate = atom_translate,
    .restore_state = atom_restore_state,
    .tlb_fill = atom_tlb_fill,
    .unaligned_access = atom_unaligned,
    .transaction_failed = atom_bus_error,
    .do_interrupt = atom_do_interrupt,
    .mmu_index = atom_mmu_index,
};

/* A device that keeps what is written (little-endian) and logs each access. */
static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    size_t n = strlen(dev_log);

    if (n + 1 < sizeof(dev_log)) {
        dev_log[n] = 'R';
    }
    return ldn_p(dev_mem + addr, size, false);
}

static void dev_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    size_t n = strlen(dev_log);

    if (n + 1 < sizeof(dev_log)) {
        dev_log[n] = 'W';
    }
    stn_p(dev_mem + addr, size, false, val);
}

static const MemoryRegionOps dev_ops = {
    .read = dev_read,
    .write = dev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- Per test ---- */

static AtomCPU *cpu_new(unsigned index)
{
    AtomCPU *c = g_aligned_alloc0(1, sizeof(AtomCPU), 64);

    c->parent.ops = &atom_ops;
    c->parent.cpu_index = index;
    c->parent.as = get_address_space_memory();
    c->parent.exception_index = EXCP_NONE;
    c->parent.cflags_next_tb = -1;
    tlb_init(&c->parent, 2);
    tcg_accel_register_cpu(&c->parent);
    tlb_run_pending(&c->parent);
    c->parent.exit_request = 0;
    return c;
}

static void cpu_free(AtomCPU *c)
{
    tcg_accel_unregister_cpu(&c->parent);
    tlb_destroy(&c->parent);
    g_aligned_free(c);
}

static void setup(const char *backend)
{
    g_assert_true(tcg_accel_init(backend, 0, &error_abort));
    memset(ram_host, 0, RAM_SIZE);
    memset(dev_mem, 0, sizeof(dev_mem));
    memset(dev_log, 0, sizeof(dev_log));
    cpu0 = cpu_new(0);
}

static void teardown(void)
{
    cpu_free(cpu0);
    cpu0 = NULL;
    tcg_accel_shutdown();
    atomic_set_host_cmpxchg16(true);
}

static void set_prog(uint64_t base, unsigned n, void (*gen)(unsigned idx))
{
    prog.base = base;
    prog.n = n;
    prog.gen = gen;
    tb_flush();
}

static int run_on(AtomCPU *c)
{
    int ret;

    c->env.pc = prog.base;
    do {
        ret = cpu_exec(&c->parent);
    } while (ret == EXCP_INTERRUPT);
    return ret;
}

static void run_ok(void)
{
    g_assert_cmpint(run_on(cpu0), ==, ATOM_EXCP_STOP);
    g_assert_cmphex(cpu0->env.pc, ==, prog.base + 4 * prog.n);
}

#define R (cpu0->env.r)

/* ---- The reference ---- */

typedef enum Op {
    OP_CMPXCHG = TCG_ATOMIC_NB_OPS,     /* after the fetch ops */
    ATOM_NB_OPS,
} Op;

static const char *const op_names[ATOM_NB_OPS] = {
    "add", "and", "or", "xor", "xchg", "smin", "smax", "umin", "umax", "cmpxchg",
};

static uint64_t mask_of(unsigned size)
{
    return size == 8 ? UINT64_MAX : (1ULL << (size * 8)) - 1;
}

static int64_t as_signed(uint64_t v, unsigned size)
{
    return sextract64(v, 0, size * 8);
}

/* What memory holds after op on old (already truncated) with operands a (and b for cmpxchg). */
static uint64_t ref_new(unsigned op, uint64_t old, uint64_t a, uint64_t b, unsigned size)
{
    uint64_t m = mask_of(size);

    a &= m;
    b &= m;
    switch (op) {
    case TCG_ATOMIC_ADD:
        return (old + a) & m;
    case TCG_ATOMIC_AND:
        return old & a;
    case TCG_ATOMIC_OR:
        return old | a;
    case TCG_ATOMIC_XOR:
        return old ^ a;
    case TCG_ATOMIC_XCHG:
        return a;
    case TCG_ATOMIC_SMIN:
        return as_signed(a, size) < as_signed(old, size) ? a : old;
    case TCG_ATOMIC_SMAX:
        return as_signed(a, size) > as_signed(old, size) ? a : old;
    case TCG_ATOMIC_UMIN:
        return a < old ? a : old;
    case TCG_ATOMIC_UMAX:
        return a > old ? a : old;
    default:
        return old == a ? b : old;
    }
}

/* ---- Building atomics ---- */

typedef struct OpCase {
    unsigned op;
    MemOp mop;
    bool i32;
} OpCase;

static OpCase cur;

/* ret = op([addr], a[, b]) on i64 globals, or through i32 temps. */
static void gen_op(unsigned op, TCGv_i64 ret, TCGv_i64 addr, TCGv_i64 a, TCGv_i64 b, MemOp mop,
                   bool i32)
{
    typedef void Fetch64(TCGv_i64, TCGv_i64, TCGv_i64, unsigned, MemOp);
    typedef void Fetch32(TCGv_i32, TCGv_i64, TCGv_i32, unsigned, MemOp);
    static Fetch64 *const f64[TCG_ATOMIC_NB_OPS] = {
        tcg_gen_atomic_fetch_add_i64, tcg_gen_atomic_fetch_and_i64, tcg_gen_atomic_fetch_or_i64,
        tcg_gen_atomic_fetch_xor_i64, tcg_gen_atomic_fetch_xchg_i64,
        tcg_gen_atomic_fetch_smin_i64, tcg_gen_atomic_fetch_smax_i64,
        tcg_gen_atomic_fetch_umin_i64, tcg_gen_atomic_fetch_umax_i64,
    };
    static Fetch32 *const f32[TCG_ATOMIC_NB_OPS] = {
        tcg_gen_atomic_fetch_add_i32, tcg_gen_atomic_fetch_and_i32, tcg_gen_atomic_fetch_or_i32,
        tcg_gen_atomic_fetch_xor_i32, tcg_gen_atomic_fetch_xchg_i32,
        tcg_gen_atomic_fetch_smin_i32, tcg_gen_atomic_fetch_smax_i32,
        tcg_gen_atomic_fetch_umin_i32, tcg_gen_atomic_fetch_umax_i32,
    };

    if (i32) {
        TCGv_i32 r32 = tcg_temp_ebb_new_i32(), a32 = tcg_temp_ebb_new_i32();
        TCGv_i32 b32 = tcg_temp_ebb_new_i32();

        tcg_gen_extrl_i64_i32(a32, a);
        tcg_gen_extrl_i64_i32(b32, b);
        if (op == OP_CMPXCHG) {
            tcg_gen_atomic_cmpxchg_i32(r32, addr, a32, b32, 0, mop);
        } else {
            f32[op](r32, addr, a32, 0, mop);
        }
        tcg_gen_extu_i32_i64(ret, r32);
    } else if (op == OP_CMPXCHG) {
        tcg_gen_atomic_cmpxchg_i64(ret, addr, a, b, 0, mop);
    } else {
        f64[op](ret, addr, a, 0, mop);
    }
}

/*
 * The standard three-instruction program: 0 bumps r0 (it must be in
 * memory if 1 faults), 1 is r3 = op([r5], r1, r2), 2 sets r4 (it must
 * not run if 1 faults).
 */
static void gen_standard(unsigned idx)
{
    AtomGlobals *g = G();

    switch (idx) {
    case 0:
        tcg_gen_addi_i64(g->r[0], g->r[0], 1);
        break;
    case 1:
        gen_op(cur.op, g->r[3], g->r[5], g->r[1], g->r[2], cur.mop, cur.i32);
        break;
    default:
        tcg_gen_movi_i64(g->r[4], 0x66);
        break;
    }
}

static void prepare_standard(unsigned op, MemOp mop, bool i32)
{
    cur = (OpCase) { .op = op, .mop = mop, .i32 = i32 };
    set_prog(CODE_BASE, 3, gen_standard);
}

/* Runs the standard program with r5 = addr expecting a fault; checks the state it left. */
static void run_faulting(int excp, uint64_t addr)
{
    R[0] = 10;
    R[3] = R[4] = 0;
    R[5] = addr;
    g_assert_cmpint(run_on(cpu0), ==, excp);
    g_assert_cmphex(cpu0->env.pc, ==, CODE_BASE + 4);       /* the atomic's instruction */
    g_assert_cmphex(R[0], ==, 11);
    g_assert_cmphex(R[3], ==, 0);
    g_assert_cmphex(R[4], ==, 0);
    g_assert_cmphex(cpu0->env.fault_addr, ==, addr);
}

/* ---- Known answers ---- */

static const struct {
    uint64_t mem, a;
} value_pairs[] = {
    { 0x8123456789abcdefULL, 0x7edcba9876543210ULL },
    { 0x0000000000000005ULL, 0xfffffffffffffff3ULL },
    { 0x0102030405060708ULL, 0x0102030405060708ULL },   /* equal: cmpxchg succeeds */
    { 0x7fffffff7fff7f7fULL, 0x8000000080008080ULL },   /* sign boundary of every size */
    { 0xffffffffffffffffULL, 0x0000000000000001ULL },   /* add wraps */
};

static void test_known_answers(gconstpointer backend)
{
    static const uint64_t b = 0x5a5aa5a5c3c33c3cULL;
    unsigned cases = 0;

    setup(backend);
    for (unsigned op = 0; op < ATOM_NB_OPS; op++) {
        for (unsigned size_log = MO_8; size_log <= MO_64; size_log++) {
            for (unsigned be = 0; be < 2; be++) {
                for (unsigned i32 = 0; i32 < 2; i32++) {
                    for (unsigned sign = 0; sign < 2; sign++) {
                        MemOp mop = size_log | (be ? MO_BE : MO_LE) | (sign ? MO_SIGN : 0);
                        unsigned size = 1u << size_log;

                        if (i32 && size == 8) {
                            continue;
                        }
                        prepare_standard(op, mop | MO_ALIGN, i32);
                        for (size_t v = 0; v < ARRAY_SIZE(value_pairs); v++) {
                            uint64_t addr = DATA + 0x100 + 8 * v;
                            uint64_t m = value_pairs[v].mem & mask_of(size);
                            uint64_t a = value_pairs[v].a, want_mem, want_ret;

                            /* cmpxchg: the equal pair succeeds, the others fail. */
                            want_mem = ref_new(op, m, a, b, size);
                            want_ret = sign ? (uint64_t)as_signed(m, size) : m;
                            if (i32) {
                                want_ret = (uint32_t)want_ret;
                            }
                            memset(ram_host + addr - 8, 0xee, 24);
                            stn_p(ram_host + addr, size, be, m);
                            R[0] = 0;
                            R[1] = a;
                            R[2] = b;
                            R[5] = addr;
                            run_ok();
                            if (R[3] != want_ret ||
                                ldn_p(ram_host + addr, size, be) != want_mem) {
                                g_test_message("%s size %u %s%s%s mem %#" PRIx64 " a %#" PRIx64
                                               ": ret %#" PRIx64 " mem %#" PRIx64,
                                               op_names[op], size, be ? "be" : "le",
                                               sign ? " sign" : "", i32 ? " i32" : "", m, a,
                                               R[3], ldn_p(ram_host + addr, size, be));
                            }
                            g_assert_cmphex(R[3], ==, want_ret);
                            g_assert_cmphex(ldn_p(ram_host + addr, size, be), ==, want_mem);
                            g_assert_cmphex(R[0], ==, 1);
                            g_assert_cmphex(R[4], ==, 0x66);
                            g_assert_cmphex(ram_host[addr - 1], ==, 0xee);
                            g_assert_cmphex(ram_host[addr + size], ==, 0xee);
                            cases++;
                        }
                    }
                }
            }
        }
    }
    g_test_message("%u cases", cases);
    teardown();
}

/* Hand-computed corner cases: sign and width of comparisons, truncation, byte order. */
static void test_hand_values(gconstpointer backend)
{
    static const struct {
        unsigned op;
        MemOp mop;
        bool i32;
        uint64_t mem, a, b, want_ret, want_mem;
    } cases[] = {
        /* -128 < 127 as signed bytes, 0x80 > 0x7f as unsigned ones. */
        { TCG_ATOMIC_SMAX, MO_UB, false, 0x80, 0x7f, 0, 0x80, 0x7f },
        { TCG_ATOMIC_SMIN, MO_UB, false, 0x80, 0x7f, 0, 0x80, 0x80 },
        { TCG_ATOMIC_UMAX, MO_UB, false, 0x80, 0x7f, 0, 0x80, 0x80 },
        { TCG_ATOMIC_UMIN, MO_SB, false, 0x80, 0x7f, 0, 0xffffffffffffff80ULL, 0x7f },
        /* The operand is truncated to the size: its high bits do not take part. */
        { TCG_ATOMIC_SMAX, MO_LEUW, false, 0x0001, 0xffff0000fffeULL, 0, 0x0001, 0x0001 },
        { TCG_ATOMIC_ADD, MO_LEUL, false, 0xfffffffe, 0x100000003ULL, 0, 0xfffffffe, 0x1 },
        { OP_CMPXCHG, MO_LEUL, false, 0x12345678, 0xabcd00012345678ULL, 0x99, 0x12345678, 0x99 },
        /* Big-endian memory: bytes 12 34 hold 0x1234; add carries in the guest's order. */
        { TCG_ATOMIC_ADD, MO_BEUW, false, 0x12ff, 0x0001, 0, 0x12ff, 0x1300 },
        { TCG_ATOMIC_SMIN, MO_BESL, true, 0x80000000, 0x7fffffff, 0, 0x80000000, 0x80000000 },
        { TCG_ATOMIC_XCHG, MO_BEUQ, false, 0x0102030405060708ULL, 0x1122334455667788ULL, 0,
          0x0102030405060708ULL, 0x1122334455667788ULL },
        /* i32 with MO_SIGN: sign-extended to 32 bits, then the i32 result zero-extended. */
        { TCG_ATOMIC_OR, MO_LESW, true, 0x8000, 0x0001, 0, 0xffff8000, 0x8001 },
    };

    setup(backend);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        unsigned size = memop_size(cases[i].mop);
        bool be = cases[i].mop & MO_BSWAP;

        prepare_standard(cases[i].op, cases[i].mop, cases[i].i32);
        stn_p(ram_host + DATA, size, be, cases[i].mem);
        R[1] = cases[i].a;
        R[2] = cases[i].b;
        R[5] = DATA;
        run_ok();
        g_assert_cmphex(R[3], ==, cases[i].want_ret);
        g_assert_cmphex(ldn_p(ram_host + DATA, size, be), ==, cases[i].want_mem);
    }
    /* Memory bytes, not just values: 16-bit big-endian 0x1300 is 13 00. */
    prepare_standard(TCG_ATOMIC_ADD, MO_BEUW, false);
    ram_host[DATA] = 0x12;
    ram_host[DATA + 1] = 0xff;
    R[1] = 1;
    run_ok();
    g_assert_cmphex(ram_host[DATA], ==, 0x13);
    g_assert_cmphex(ram_host[DATA + 1], ==, 0x00);
    teardown();
}

/* ---- 16-byte pairs ---- */

static MemOp pair_mop;

static void gen_pair(unsigned idx)
{
    AtomGlobals *g = G();

    switch (idx) {
    case 0:
        tcg_gen_addi_i64(g->r[0], g->r[0], 1);
        break;
    case 1:
        /* (r6, r7) = cmpxchg([r5], (r1, r2) -> (r3, r4)) */
        tcg_gen_atomic_cmpxchg_i128(g->r[6], g->r[7], g->r[5], g->r[1], g->r[2], g->r[3],
                                    g->r[4], 0, pair_mop);
        break;
    default:
        tcg_gen_addi_i64(g->r[0], g->r[0], 0x100);
        break;
    }
}

static void run_pair(uint64_t addr, uint64_t cmp_lo, uint64_t cmp_hi, uint64_t new_lo,
                     uint64_t new_hi)
{
    R[0] = 0;
    R[1] = cmp_lo;
    R[2] = cmp_hi;
    R[3] = new_lo;
    R[4] = new_hi;
    R[5] = addr;
    R[6] = R[7] = 0xdead;
    run_ok();
    g_assert_cmphex(R[0], ==, 0x101);
}

static void test_pair(gconstpointer backend)
{
    setup(backend);
    for (int cx16 = 0; cx16 < 2; cx16++) {
        atomic_set_host_cmpxchg16(cx16);
        if (cx16 && !atomic_host_cmpxchg16()) {
            g_test_message("no cmpxchg16b on this host");
            continue;
        }
        for (int be = 0; be < 2; be++) {
            uint64_t addr = DATA + 0x200;

            pair_mop = MO_64 | (be ? MO_BE : MO_LE) | MO_ALIGN;
            set_prog(CODE_BASE, 3, gen_pair);
            stn_p(ram_host + addr, 8, be, 0x1111111111111111ULL);
            stn_p(ram_host + addr + 8, 8, be, 0x2222222222222222ULL);
            /* Success: both halves match. */
            run_pair(addr, 0x1111111111111111ULL, 0x2222222222222222ULL, 0xaaaa, 0xbbbb);
            g_assert_cmphex(R[6], ==, 0x1111111111111111ULL);
            g_assert_cmphex(R[7], ==, 0x2222222222222222ULL);
            g_assert_cmphex(ldn_p(ram_host + addr, 8, be), ==, 0xaaaa);
            g_assert_cmphex(ldn_p(ram_host + addr + 8, 8, be), ==, 0xbbbb);
            /* Failure on either half: the old pair back, memory unchanged. */
            run_pair(addr, 0xaaaa, 0xbbbc, 1, 2);
            g_assert_cmphex(R[6], ==, 0xaaaa);
            g_assert_cmphex(R[7], ==, 0xbbbb);
            run_pair(addr, 0xaaab, 0xbbbb, 1, 2);
            g_assert_cmphex(ldn_p(ram_host + addr, 8, be), ==, 0xaaaa);
            g_assert_cmphex(ldn_p(ram_host + addr + 8, 8, be), ==, 0xbbbb);
            /* Big-endian elements are byte-swapped each, lo still at the lower address. */
            if (be) {
                g_assert_cmphex(ram_host[addr + 7], ==, 0xaa);
                g_assert_cmphex(ram_host[addr + 15], ==, 0xbb);
            } else {
                g_assert_cmphex(ram_host[addr], ==, 0xaa);
                g_assert_cmphex(ram_host[addr + 8], ==, 0xbb);
            }
        }
        /* MO_ALIGN means 16 bytes for a pair. */
        pair_mop = MO_LEUQ | MO_ALIGN;
        set_prog(CODE_BASE, 3, gen_pair);
        R[0] = 0;
        R[5] = DATA + 0x208;
        g_assert_cmpint(run_on(cpu0), ==, ATOM_EXCP_ALIGN);
        g_assert_cmphex(cpu0->env.pc, ==, CODE_BASE + 4);
        g_assert_cmphex(R[0], ==, 1);
        g_assert_cmpint(cpu0->env.fault_access, ==, MMU_DATA_STORE);
        /* Allowed misaligned (8 of 16): the locked path, still right. */
        pair_mop = MO_LEUQ | MO_ALIGN_8;
        set_prog(CODE_BASE, 3, gen_pair);
        st64_le_p(ram_host + DATA + 0x308, 5);
        st64_le_p(ram_host + DATA + 0x310, 6);
        run_pair(DATA + 0x308, 5, 6, 7, 8);
        g_assert_cmphex(R[6], ==, 5);
        g_assert_cmphex(R[7], ==, 6);
        g_assert_cmphex(ld64_le_p(ram_host + DATA + 0x308), ==, 7);
        g_assert_cmphex(ld64_le_p(ram_host + DATA + 0x310), ==, 8);
    }
    teardown();
}

/* ---- Faults ---- */

static void test_faults(gconstpointer backend)
{
    setup(backend);
    for (unsigned op = 0; op < ATOM_NB_OPS; op++) {
        /* Unmapped: the MMU fault, as a write, with the state of the atomic's instruction. */
        prepare_standard(op, MO_LEUL | MO_ALIGN, false);
        run_faulting(ATOM_EXCP_FAULT, MAPPED_LIMIT + 0x40);
        g_assert_cmpint(cpu0->env.fault_access, ==, MMU_DATA_STORE);
        /* Read-only: a write fault even for a compare that would fail; memory unchanged. */
        st32_le_p(ram_host + RO_BASE + 8, 0x77);
        R[1] = 0x12345;
        run_faulting(ATOM_EXCP_FAULT, RO_BASE + 8);
        g_assert_cmpint(cpu0->env.fault_access, ==, MMU_DATA_STORE);
        g_assert_cmphex(ld32_le_p(ram_host + RO_BASE + 8), ==, 0x77);
        /* Misaligned with MO_ALIGN: the alignment fault first. */
        run_faulting(ATOM_EXCP_ALIGN, DATA + 2);
        /* The same TB runs on when the address is good. */
        R[0] = 0;
        R[5] = DATA;
        run_ok();
        g_assert_cmphex(R[4], ==, 0x66);
    }
    /* MO_ALIGN_2 on a 4-byte op: 2 is fine, 1 is not. */
    prepare_standard(TCG_ATOMIC_ADD, MO_LEUL | MO_ALIGN_2, false);
    R[1] = 1;
    R[5] = DATA + 2;
    st32_le_p(ram_host + DATA + 2, 41);
    run_ok();
    g_assert_cmphex(ld32_le_p(ram_host + DATA + 2), ==, 42);
    run_faulting(ATOM_EXCP_ALIGN, DATA + 1);
    /* The pair faults the same way. */
    pair_mop = MO_LEUQ | MO_ALIGN;
    set_prog(CODE_BASE, 3, gen_pair);
    R[0] = 10;
    R[5] = MAPPED_LIMIT;
    g_assert_cmpint(run_on(cpu0), ==, ATOM_EXCP_FAULT);
    g_assert_cmphex(cpu0->env.pc, ==, CODE_BASE + 4);
    g_assert_cmphex(R[0], ==, 11);
    teardown();
}

/* Misaligned without MO_ALIGN, within a page and across two: the locked path. */
static void test_unaligned_allowed(gconstpointer backend)
{
    static const uint64_t addrs[] = { DATA + 3, DATA + 0xffd, DATA + 0xfff };

    setup(backend);
    for (int be = 0; be < 2; be++) {
        MemOp mop = MO_64 | (be ? MO_BE : MO_LE);

        prepare_standard(TCG_ATOMIC_ADD, mop, false);
        for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) {
            stn_p(ram_host + addrs[i], 8, be, 0x00000000ffffffffULL);
            R[1] = 1;
            R[5] = addrs[i];
            run_ok();
            g_assert_cmphex(R[3], ==, 0x00000000ffffffffULL);
            g_assert_cmphex(ldn_p(ram_host + addrs[i], 8, be), ==, 0x0000000100000000ULL);
        }
    }
    /*
     * Across into an unmapped page: the fault (at the last byte, as for
     * plain accesses) comes before any access to the first page.
     */
    prepare_standard(TCG_ATOMIC_XCHG, MO_LEUQ, false);
    R[0] = 10;
    R[4] = 0;
    R[5] = MAPPED_LIMIT - 4;
    g_assert_cmpint(run_on(cpu0), ==, ATOM_EXCP_FAULT);
    g_assert_cmphex(cpu0->env.pc, ==, CODE_BASE + 4);
    g_assert_cmphex(R[0], ==, 11);
    g_assert_cmphex(R[4], ==, 0);
    g_assert_cmphex(cpu0->env.fault_addr, ==, MAPPED_LIMIT + 3);
    g_assert_cmpint(cpu0->env.fault_access, ==, MMU_DATA_STORE);
    g_assert_cmpuint(cpu0->env.bus_errors, ==, 0);
    teardown();
}

/* ---- Pages holding translated code ---- */

static void gen_other(unsigned idx)
{
    tcg_gen_addi_i64(G()->r[7], G()->r[7], 1);
}

static void test_notdirty(gconstpointer backend)
{
    TBStats before, after;

    setup(backend);
    /* A TB of two instructions at CODE2_BASE: its page now holds code. */
    set_prog(CODE2_BASE, 2, gen_other);
    run_ok();
    g_assert_cmphex(R[7], ==, 2);

    /* An atomic from elsewhere onto its second instruction word invalidates it. */
    prog.base = CODE_BASE;
    prog.n = 3;
    prog.gen = gen_standard;
    cur = (OpCase) { .op = TCG_ATOMIC_ADD, .mop = MO_LEUL | MO_ALIGN };
    st32_le_p(ram_host + CODE2_BASE + 4, 100);
    tb_get_stats(&before);
    R[1] = 5;
    R[5] = CODE2_BASE + 4;
    run_ok();
    tb_get_stats(&after);
    g_assert_cmphex(R[3], ==, 100);
    g_assert_cmphex(ld32_le_p(ram_host + CODE2_BASE + 4), ==, 105);
    g_assert_cmpuint(after.invalidated, ==, before.invalidated + 1);
    /* The page has no code left: the next atomic there runs on RAM directly. */
    run_ok();
    g_assert_cmphex(ld32_le_p(ram_host + CODE2_BASE + 4), ==, 110);

    /*
     * The atomic rewrites its own TB (the word of instruction 2): the
     * instruction is redone alone, and still adds exactly once.
     */
    set_prog(CODE_BASE, 3, gen_standard);
    cur = (OpCase) { .op = TCG_ATOMIC_ADD, .mop = MO_LEUQ | MO_ALIGN };
    st64_le_p(ram_host + CODE_BASE + 8, 1000);
    R[0] = 0;
    R[1] = 1;
    R[4] = 0;
    R[5] = CODE_BASE + 8;
    run_ok();
    g_assert_cmphex(R[3], ==, 1000);
    g_assert_cmphex(ld64_le_p(ram_host + CODE_BASE + 8), ==, 1001);
    g_assert_cmphex(R[0], ==, 1);
    g_assert_cmphex(R[4], ==, 0x66);
    /* Again: the code was retranslated from the (changed) page, same result. */
    R[0] = 0;
    run_ok();
    g_assert_cmphex(ld64_le_p(ram_host + CODE_BASE + 8), ==, 1002);
    g_assert_cmphex(R[0], ==, 1);
    /* The same with a pair and with a compare-and-swap. */
    pair_mop = MO_LEUQ | MO_ALIGN;
    set_prog(CODE_BASE, 3, gen_pair);
    st64_le_p(ram_host + CODE_BASE, 1);
    st64_le_p(ram_host + CODE_BASE + 8, 2);
    run_pair(CODE_BASE, 1, 2, 3, 4);
    g_assert_cmphex(R[6], ==, 1);
    g_assert_cmphex(ld64_le_p(ram_host + CODE_BASE), ==, 3);
    g_assert_cmphex(ld64_le_p(ram_host + CODE_BASE + 8), ==, 4);
    set_prog(CODE_BASE, 3, gen_standard);
    cur = (OpCase) { .op = OP_CMPXCHG, .mop = MO_LEUL | MO_ALIGN };
    R[0] = 0;
    R[1] = 4;
    R[2] = 9;
    R[5] = CODE_BASE + 8;
    run_ok();
    g_assert_cmphex(R[3], ==, 4);
    g_assert_cmphex(ld32_le_p(ram_host + CODE_BASE + 8), ==, 9);
    g_assert_cmphex(R[0], ==, 1);
    teardown();
}

/* ---- Devices, ROM, holes ---- */

static void test_mmio(gconstpointer backend)
{
    setup(backend);
    /* fetch-add on the device: one read, one write, the right values. */
    prepare_standard(TCG_ATOMIC_ADD, MO_LEUL | MO_ALIGN, false);
    st32_le_p(dev_mem + 8, 0x1000);
    R[1] = 0x234;
    R[5] = DEV_BASE + 8;
    run_ok();
    g_assert_cmphex(R[3], ==, 0x1000);
    g_assert_cmphex(ld32_le_p(dev_mem + 8), ==, 0x1234);
    g_assert_cmpstr(dev_log, ==, "RW");

    /* Big-endian data through a little-endian device: the device sees the swapped value. */
    memset(dev_log, 0, sizeof(dev_log));
    prepare_standard(TCG_ATOMIC_OR, MO_BEUW | MO_ALIGN, false);
    dev_mem[16] = 0x12;
    dev_mem[17] = 0x00;
    R[1] = 0x0034;
    R[5] = DEV_BASE + 16;
    run_ok();
    g_assert_cmphex(R[3], ==, 0x1200);
    g_assert_cmphex(dev_mem[16], ==, 0x12);
    g_assert_cmphex(dev_mem[17], ==, 0x34);
    g_assert_cmpstr(dev_log, ==, "RW");

    /* A failing compare-and-swap only reads. */
    memset(dev_log, 0, sizeof(dev_log));
    prepare_standard(OP_CMPXCHG, MO_LEUQ | MO_ALIGN, false);
    st64_le_p(dev_mem + 24, 7);
    R[1] = 8;
    R[2] = 9;
    R[5] = DEV_BASE + 24;
    run_ok();
    g_assert_cmphex(R[3], ==, 7);
    g_assert_cmpstr(dev_log, ==, "R");
    R[1] = 7;
    run_ok();
    g_assert_cmphex(ld64_le_p(dev_mem + 24), ==, 9);
    g_assert_cmpstr(dev_log, ==, "RRW");

    /* A pair: both elements read, then both written. */
    memset(dev_log, 0, sizeof(dev_log));
    pair_mop = MO_LEUQ | MO_ALIGN;
    set_prog(CODE_BASE, 3, gen_pair);
    st64_le_p(dev_mem + 32, 1);
    st64_le_p(dev_mem + 40, 2);
    run_pair(DEV_BASE + 32, 1, 2, 3, 4);
    g_assert_cmphex(R[6], ==, 1);
    g_assert_cmphex(R[7], ==, 2);
    g_assert_cmphex(ld64_le_p(dev_mem + 32), ==, 3);
    g_assert_cmphex(ld64_le_p(dev_mem + 40), ==, 4);
    g_assert_cmpstr(dev_log, ==, "RRWW");

    /* ROM: the old value comes back, the write is dropped. */
    prepare_standard(TCG_ATOMIC_XCHG, MO_LEUL | MO_ALIGN, false);
    st32_le_p(rom_host + 4, 0xc0ffee);
    R[1] = 1;
    R[5] = ROM_BASE + 4;
    run_ok();
    g_assert_cmphex(R[3], ==, 0xc0ffee);
    g_assert_cmphex(ld32_le_p(rom_host + 4), ==, 0xc0ffee);

    /* Nothing mapped: the target hears of it; with a hook that returns, zeros. */
    R[5] = HOLE_BASE;
    run_ok();
    g_assert_cmphex(R[3], ==, 0);
    g_assert_cmpuint(cpu0->env.bus_errors, ==, 2);     /* the read and the write */

    /*
     * A bus error raised under the fallback's lock: the state is the
     * instruction's, and the lock is free again (the next MMIO atomic
     * would hang otherwise).
     */
    cpu0->env.raise_bus_errors = true;
    run_faulting(ATOM_EXCP_BUS, HOLE_BASE + 8);
    cpu0->env.raise_bus_errors = false;
    memset(dev_log, 0, sizeof(dev_log));
    R[5] = DEV_BASE + 8;
    run_ok();
    g_assert_cmpstr(dev_log, ==, "RW");
    teardown();
}

/* ---- Two threads, two vCPUs, one counter ---- */

#define STRESS_ITERS 100000

static MemOp stress_mop;

/* r2 = fetch_add([r5], r1), r3 times: one instruction looping inside its TB. */
static void gen_stress_add(unsigned idx)
{
    AtomGlobals *g = G();
    TCGLabel *top = tcg_label_new(tcg_ctx);

    tcg_gen_set_label(top);
    tcg_gen_atomic_fetch_add_i64(g->r[2], g->r[5], g->r[1], 0, stress_mop);
    tcg_gen_subi_i64(g->r[3], g->r[3], 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, g->r[3], 0, top);
}

/*
 * A 128-bit counter (lo, hi) incremented r3 times by a compare-and-swap
 * loop: read the pair with a failing compare-and-swap, then try to store
 * (lo + 1, hi + 1) until it sticks.
 */
static void gen_stress_pair(unsigned idx)
{
    AtomGlobals *g = G();
    TCGLabel *top = tcg_label_new(tcg_ctx), *retry = tcg_label_new(tcg_ctx);

    tcg_gen_set_label(top);
    tcg_gen_movi_i64(g->r[6], -1);
    tcg_gen_movi_i64(g->r[7], -1);
    tcg_gen_set_label(retry);
    /* (r6, r7): the expected pair; (r0, r4): what memory held. */
    tcg_gen_addi_i64(g->r[1], g->r[6], 1);
    tcg_gen_addi_i64(g->r[2], g->r[7], 1);
    tcg_gen_atomic_cmpxchg_i128(g->r[0], g->r[4], g->r[5], g->r[6], g->r[7], g->r[1], g->r[2],
                                0, stress_mop);
    tcg_gen_xor_i64(g->r[1], g->r[0], g->r[6]);
    tcg_gen_xor_i64(g->r[2], g->r[4], g->r[7]);
    tcg_gen_or_i64(g->r[1], g->r[1], g->r[2]);
    tcg_gen_mov_i64(g->r[6], g->r[0]);
    tcg_gen_mov_i64(g->r[7], g->r[4]);
    tcg_gen_brcondi_i64(TCG_COND_NE, g->r[1], 0, retry);
    tcg_gen_subi_i64(g->r[3], g->r[3], 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, g->r[3], 0, top);
}

static int stress_ready;

static gpointer stress_thread(gpointer opaque)
{
    AtomCPU *c = opaque;
    int ret;

    /* Both threads start together, so their loops really overlap. */
    __atomic_fetch_add(&stress_ready, 1, __ATOMIC_SEQ_CST);
    while (__atomic_load_n(&stress_ready, __ATOMIC_SEQ_CST) < 2) {
        g_thread_yield();
    }
    ret = run_on(c);
    if (tcg_accel_backend()->thread_exit) {
        tcg_accel_backend()->thread_exit();
    }
    return GINT_TO_POINTER(ret);
}

/*
 * Two vCPUs in two threads run gen's loop STRESS_ITERS times each on the
 * 16 bytes at addr (zeroed first), after one warm-up iteration here that
 * leaves the TB translated, so neither thread starts late.
 */
static void run_stress(void (*gen)(unsigned), MemOp mop, uint64_t addr)
{
    AtomCPU *cpu1 = cpu_new(1);
    AtomCPU *cpus[2] = { cpu0, cpu1 };
    uint8_t *host = addr >= DEV_BASE ? dev_mem + (addr - DEV_BASE) : ram_host + addr;
    GThread *threads[2];

    stress_mop = mop;
    set_prog(CODE_BASE, 1, gen);
    for (int i = 1; i >= 0; i--) {
        memset(cpus[i]->env.r, 0, sizeof(cpus[i]->env.r));
        cpus[i]->env.r[1] = 1;
        cpus[i]->env.r[3] = i ? 1 : STRESS_ITERS;
        cpus[i]->env.r[5] = addr;
    }
    g_assert_cmpint(run_on(cpu1), ==, ATOM_EXCP_STOP);
    cpu1->env.r[3] = STRESS_ITERS;
    memset(host, 0, 16);
    stress_ready = 0;
    for (int i = 0; i < 2; i++) {
        threads[i] = g_thread_new("vcpu", stress_thread, cpus[i]);
    }
    for (int i = 0; i < 2; i++) {
        g_assert_cmpint(GPOINTER_TO_INT(g_thread_join(threads[i])), ==, ATOM_EXCP_STOP);
    }
    cpu_free(cpu1);
}

static void test_stress(gconstpointer backend)
{
    setup(backend);
    /* Little-endian: the host's fetch-add. */
    st64_le_p(ram_host + DATA, 0);
    run_stress(gen_stress_add, MO_LEUQ | MO_ALIGN, DATA);
    g_assert_cmpuint(ld64_le_p(ram_host + DATA), ==, 2 * STRESS_ITERS);
    /* Big-endian: a compare-and-swap loop in the helper. */
    st32_be_p(ram_host + DATA + 8, 0);
    run_stress(gen_stress_add, MO_BEUL | MO_ALIGN, DATA + 8);
    g_assert_cmpuint(ld32_be_p(ram_host + DATA + 8), ==, 2 * STRESS_ITERS);
    /* A byte wraps: 2 * 20000 mod 256. */
    ram_host[DATA + 12] = 0;
    run_stress(gen_stress_add, MO_UB, DATA + 12);
    g_assert_cmpuint(ram_host[DATA + 12], ==, (2 * STRESS_ITERS) & 0xff);
    /* Pairs, with cmpxchg16b and with the lock. */
    for (int cx16 = 1; cx16 >= 0; cx16--) {
        atomic_set_host_cmpxchg16(cx16);
        st64_le_p(ram_host + DATA + 0x20, 0);
        st64_le_p(ram_host + DATA + 0x28, 0);
        run_stress(gen_stress_pair, MO_LEUQ | MO_ALIGN, DATA + 0x20);
        g_assert_cmpuint(ld64_le_p(ram_host + DATA + 0x20), ==, 2 * STRESS_ITERS);
        g_assert_cmpuint(ld64_le_p(ram_host + DATA + 0x28), ==, 2 * STRESS_ITERS);
    }
    /* Through the device (the locked path): still exact. */
    st64_le_p(dev_mem, 0);
    run_stress(gen_stress_add, MO_LEUQ | MO_ALIGN, DEV_BASE);
    g_assert_cmpuint(ld64_le_p(dev_mem), ==, 2 * STRESS_ITERS);
    teardown();
}

/* The C entry points directly from two threads (no generated code): retaddr 0. */
static gpointer direct_thread(gpointer opaque)
{
    CPUState *cs = opaque;

    for (int i = 0; i < STRESS_ITERS; i++) {
        cpu_atomic_fetch_op(cs, DATA + 0x40, 3, TCG_ATOMIC_ADD, make_memop_idx(MO_BEUQ, 0), 0);
        cpu_atomic_cmpxchg(cs, DATA + 0x48, i, i + 1, make_memop_idx(MO_LEUQ, 1), 0);
    }
    return NULL;
}

static void test_direct_calls(gconstpointer backend)
{
    AtomCPU *cpu1;
    GThread *threads[2];

    setup(backend);
    cpu1 = cpu_new(1);
    st64_be_p(ram_host + DATA + 0x40, 0);
    st64_le_p(ram_host + DATA + 0x48, 0);
    threads[0] = g_thread_new("c0", direct_thread, &cpu0->parent);
    threads[1] = g_thread_new("c1", direct_thread, &cpu1->parent);
    g_thread_join(threads[0]);
    g_thread_join(threads[1]);
    g_assert_cmpuint(ld64_be_p(ram_host + DATA + 0x40), ==, 6 * STRESS_ITERS);
    /* Each value i -> i + 1 is taken by exactly one thread; the counter ends at the top. */
    g_assert_cmpuint(ld64_le_p(ram_host + DATA + 0x48), ==, STRESS_ITERS);
    cpu_free(cpu1);
    teardown();
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        { "known-answers", test_known_answers },
        { "hand-values", test_hand_values },
        { "pair", test_pair },
        { "faults", test_faults },
        { "unaligned-allowed", test_unaligned_allowed },
        { "notdirty", test_notdirty },
        { "mmio", test_mmio },
        { "stress", test_stress },
        { "direct-calls", test_direct_calls },
    };
    int ret;

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    memory_region_init_io(&dev, &dev_ops, NULL, "dev", KOINE_PAGE_SIZE);
    memory_region_add_subregion(get_system_memory(), DEV_BASE, &dev);
    memory_region_init_rom(&rom, "rom", KOINE_PAGE_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), ROM_BASE, &rom);
    ram_host = memory_region_get_ram_ptr(&ram);
    rom_host = memory_region_get_ram_ptr(&rom);
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        for (size_t t = 0; t < ARRAY_SIZE(tests); t++) {
            g_autofree char *path = g_strdup_printf("/tcg-atomic/%s/%s", backends[b],
                                                    tests[t].name);

            g_test_add_data_func(path, backends[b], tests[t].fn);
        }
    }
    ret = g_test_run();

    memory_region_del_subregion(get_system_memory(), &rom);
    memory_region_del_subregion(get_system_memory(), &dev);
    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_finalize(&rom);
    memory_region_finalize(&dev);
    memory_region_finalize(&ram);
    return ret;
}
