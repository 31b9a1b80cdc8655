/*
 * The TCG accelerator end to end, driven by the toy ISA (toy-target.c) on
 * both backends: the exec loop, TB lookup and chaining, self-modifying
 * code, faults restored to the exact instruction, exceptions, exit
 * requests from another thread, code buffer flushes, and the -d logs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "accel/tcg/tcg-accel.h"
#include "toy-target.h"
#include "util/bswap.h"

#define RAM_SIZE (1 * MiB)
#define CODE_BASE 0x1000

#define ADDI(rd, rs, imm) TOY_INSN(0x01, rd, rs, imm)
#define LD(rd, rs, imm)   TOY_INSN(0x02, rd, rs, imm)
#define ST(rd, rs, imm)   TOY_INSN(0x03, rd, rs, imm)
#define BNE(rd, rs, off)  TOY_INSN(0x04, rd, rs, off)
#define B(off)            TOY_INSN(0x05, 0, 0, off)
#define HLT               TOY_INSN(0x06, 0, 0, 0)
#define STW(rd, rs, imm)  TOY_INSN(0x07, rd, rs, imm)
#define SVC(imm)          TOY_INSN(0x08, 0, 0, imm)
#define JR(rs)            TOY_INSN(0x09, 0, rs, 0)
#define MOVH(rd, imm)     TOY_INSN(0x0a, rd, 0, imm)
#define LDG(rd, rs, imm)  TOY_INSN(0x0b, rd, rs, imm)
#define STG(rd, rs, imm)  TOY_INSN(0x0c, rd, rs, imm)

static MemoryRegion ram;
static ToyCPU *toy;

static void setup(const char *backend, size_t code_size)
{
    Error *err = NULL;

    g_assert_true(tcg_accel_init(backend, code_size, &err));
    toy = g_new0(ToyCPU, 1);
    toy->parent.ops = &toy_target_ops;
    toy->parent.as = get_address_space_memory();
    tlb_init(&toy->parent, 1);
    tcg_accel_register_cpu(&toy->parent);
    tlb_run_pending(&toy->parent);
    toy->parent.exit_request = 0;
    memset(memory_region_get_ram_ptr(&ram), 0, RAM_SIZE);
}

static void teardown(void)
{
    tcg_accel_unregister_cpu(&toy->parent);
    tlb_destroy(&toy->parent);
    g_free(toy);
    tcg_accel_shutdown();
}

static void load(uint64_t addr, const uint32_t *words, size_t n)
{
    uint8_t *host = memory_region_get_ram_ptr(&ram);

    for (size_t i = 0; i < n; i++) {
        st32_le_p(host + addr + 4 * i, words[i]);
    }
}

/* Runs from pc until HLT (exit requests in between are resumed). */
static void run_from(uint64_t pc)
{
    int ret;

    toy->env.pc = pc;
    do {
        ret = cpu_exec(&toy->parent);
    } while (ret == EXCP_INTERRUPT);
    g_assert_cmpint(ret, ==, TOY_EXCP_STOP);
}

#define RUN(...) do { \
        static const uint32_t prog_[] = { __VA_ARGS__ }; \
        load(CODE_BASE, prog_, ARRAY_SIZE(prog_)); \
        run_from(CODE_BASE); \
    } while (0)

static void test_loop_chains(gconstpointer backend)
{
    TBStats st;

    setup(backend, 0);
    RUN(ADDI(2, 0, 1000),       /* 0x1000 */
        ADDI(1, 1, 1),          /* 0x1004 */
        BNE(1, 2, -1),          /* 0x1008: back to 0x1004 */
        HLT);
    g_assert_cmpuint(toy->env.r[1], ==, 1000);
    tb_get_stats(&st);
    /* The loop body chained to itself: a handful of TBs, not one per iteration. */
    g_assert_cmpuint(st.translated, <=, 4);
    g_assert_cmpuint(st.chained, >=, 1);
    teardown();
}

/*
 * Calls and returns across pages (B to another page, JR back) find their
 * TB with the inline jump cache probe: a thousand round trips reach the
 * lookup helper only for the first visits. Then the callee is rewritten:
 * the probe must not jump into its invalidated TB.
 */
static void test_indirect_jumps_inline(gconstpointer backend)
{
    static const uint32_t sub[] = { ADDI(1, 1, 1), JR(15) };

    setup(backend, 0);
    load(0x2000, sub, ARRAY_SIZE(sub));
    RUN(ADDI(2, 0, 1000),       /* 0x1000 */
        ADDI(15, 0, 0x100c),    /* 0x1004 */
        B(0x3fe),               /* 0x1008: to 0x2000 */
        BNE(1, 2, -2),          /* 0x100c: back to 0x1004 */
        MOVH(3, 0x0111),        /* 0x1010 */
        MOVH(3, 0x0064),        /* 0x1014: r3 = ADDI r1, r1, 100 */
        STW(3, 0, 0x2000),      /* 0x1018 */
        ADDI(15, 0, 0x1024),    /* 0x101c */
        B(0x3f8),               /* 0x1020: to 0x2000 */
        HLT);                   /* 0x1024 */
    g_assert_cmpuint(toy->env.r[1], ==, 1100);
    g_assert_cmpuint(toy->parent.tb_lookup_slow, <=, 10);
    teardown();
}

/* Single-step (gdb stepi): every cpu_exec runs exactly one instruction and returns EXCP_DEBUG. */
static void test_singlestep(gconstpointer backend)
{
    static const uint32_t prog[] = { ADDI(2, 0, 10), ADDI(1, 1, 1), BNE(1, 2, -1), HLT };
    unsigned steps = 0;
    TBStats st;
    int ret;

    setup(backend, 0);
    load(CODE_BASE, prog, ARRAY_SIZE(prog));
    toy->env.pc = CODE_BASE;
    toy->parent.singlestep = true;
    for (;;) {
        uint64_t pc = toy->env.pc;

        ret = cpu_exec(&toy->parent);
        if (ret != EXCP_DEBUG) {
            break;
        }
        steps++;
        /* One instruction: on to the next word, or a taken branch back. */
        g_assert_true(toy->env.pc == pc + 4 || toy->env.pc == CODE_BASE + 4);
    }
    g_assert_cmpint(ret, ==, TOY_EXCP_STOP);
    g_assert_cmpuint(toy->env.r[1], ==, 10);
    g_assert_cmpuint(steps, ==, 1 + 10 * 2);    /* ADDI, then 10 x (ADDI, BNE) */
    tb_get_stats(&st);
    g_assert_cmpuint(st.chained, ==, 0);        /* single-step TBs never chain */
    g_assert_cmpuint(st.translated, ==, 4);     /* one TB per instruction */
    teardown();
}

static void test_memory_helpers(gconstpointer backend)
{
    uint8_t *host;

    setup(backend, 0);
    host = memory_region_get_ram_ptr(&ram);
    RUN(ADDI(2, 0, 0x1234),
        ST(2, 0, 0x7000),
        LD(3, 0, 0x7000),
        ADDI(3, 3, 1),
        HLT);
    g_assert_cmphex(ld64_le_p(host + 0x7000), ==, 0x1234);
    g_assert_cmphex(toy->env.r[3], ==, 0x1235);
    teardown();
}

static void test_fault_restores_pc(gconstpointer backend)
{
    setup(backend, 0);
    RUN(ADDI(1, 0, 5),          /* 0x1000: done before the fault */
        MOVH(4, 0x4000),        /* 0x1004 */
        MOVH(4, 0x0000),        /* 0x1008: r4 = 0x40000000, unmapped */
        LD(5, 4, 8),            /* 0x100c: faults mid-TB */
        ADDI(6, 0, 7),          /* 0x1010: runs after the handler skips the load */
        HLT);
    g_assert_cmpuint(toy->env.fault_count, ==, 1);
    g_assert_cmphex(toy->env.fault_pc, ==, 0x100c);
    g_assert_cmphex(toy->env.fault_addr, ==, 0x40000008);
    g_assert_cmpuint(toy->env.r[1], ==, 5);
    g_assert_cmpuint(toy->env.r[6], ==, 7);
    teardown();
}

static void test_smc_same_tb(gconstpointer backend)
{
    setup(backend, 0);
    /* The store rewrites an instruction of the TB that is running. */
    RUN(MOVH(3, 0x0111),        /* 0x1000 */
        MOVH(3, 0x0064),        /* 0x1004: r3 = ADDI r1, r1, 100 */
        STW(3, 0, 0x1010),      /* 0x1008 */
        ADDI(2, 2, 0),          /* 0x100c */
        ADDI(1, 1, 1),          /* 0x1010: replaced before it runs */
        HLT);
    g_assert_cmpuint(toy->env.r[1], ==, 100);
    teardown();
}

static void test_smc_other_tb(gconstpointer backend)
{
    static const uint32_t sub[] = { ADDI(1, 1, 1), JR(15) };
    TBStats st;

    setup(backend, 0);
    load(0x2000, sub, ARRAY_SIZE(sub));
    /* Call the subroutine, patch it, call it again: the second call runs the new code. */
    RUN(ADDI(15, 0, 0x100c),    /* 0x1000 */
        B(0x3ff),               /* 0x1004: to 0x2000 */
        HLT,                    /* 0x1008 */
        MOVH(3, 0x0111),        /* 0x100c */
        MOVH(3, 0x0064),        /* 0x1010 */
        STW(3, 0, 0x2000),      /* 0x1014 */
        ADDI(15, 0, 0x1020),    /* 0x1018 */
        B(0x3f9),               /* 0x101c: to 0x2000 */
        HLT);                   /* 0x1020 */
    g_assert_cmpuint(toy->env.r[1], ==, 101);
    tb_get_stats(&st);
    g_assert_cmpuint(st.invalidated, >=, 1);
    teardown();
}

/* A device's DMA (address_space_write) over translated code: the next run sees the new code. */
static void test_dma_over_code(gconstpointer backend)
{
    static const uint32_t patched[] = { ADDI(1, 1, 100) };
    uint8_t bytes[4];

    setup(backend, 0);
    RUN(ADDI(1, 1, 1), HLT);
    g_assert_cmpuint(toy->env.r[1], ==, 1);
    st32_le_p(bytes, patched[0]);
    g_assert_cmpint(address_space_write(get_address_space_memory(), CODE_BASE,
                                        MEMTXATTRS_UNSPECIFIED, bytes, 4), ==, MEMTX_OK);
    run_from(CODE_BASE);
    g_assert_cmpuint(toy->env.r[1], ==, 101);
    teardown();
}

static void test_exceptions(gconstpointer backend)
{
    setup(backend, 0);
    RUN(SVC(0x42), 0xff000000, ADDI(1, 0, 3), HLT);
    g_assert_cmpuint(toy->env.svc_count, ==, 1);
    g_assert_cmphex(toy->env.r[14], ==, 0x42);
    g_assert_cmpuint(toy->env.udef_count, ==, 1);
    g_assert_cmpuint(toy->env.r[1], ==, 3);
    teardown();
}

static gpointer kick_later(gpointer opaque)
{
    g_usleep(20 * 1000);
    cpu_exit(opaque);
    return NULL;
}

static void test_exit_request_stops_a_chained_loop(gconstpointer backend)
{
    static const uint32_t spin[] = { ADDI(1, 1, 1), B(-1) };
    GThread *kicker;
    int ret;

    setup(backend, 0);
    load(CODE_BASE, spin, ARRAY_SIZE(spin));
    toy->env.pc = CODE_BASE;
    kicker = g_thread_new("kick", kick_later, &toy->parent);
    ret = cpu_exec(&toy->parent);
    g_thread_join(kicker);
    /* The loop chained to itself and never returned on its own. */
    g_assert_cmpint(ret, ==, EXCP_INTERRUPT);
    g_assert_cmpuint(toy->env.r[1], >, 100);
    g_assert_cmphex(toy->env.pc, ==, CODE_BASE);
    teardown();
}

static void test_code_buffer_flush(gconstpointer backend)
{
    enum { PAIRS = 4000 };
    uint32_t *prog = g_new(uint32_t, 2 * PAIRS + 4);
    TBStats st;

    /* Thousands of two-instruction TBs in a tiny code buffer, run three times. */
    setup(backend, 64 * KiB);
    prog[0] = ADDI(2, 0, 3);
    for (int i = 0; i < PAIRS; i++) {
        prog[1 + 2 * i] = ADDI(1, 1, 1);
        prog[2 + 2 * i] = B(1);
    }
    prog[1 + 2 * PAIRS] = ADDI(3, 3, 1);
    prog[2 + 2 * PAIRS] = BNE(3, 2, -(2 * PAIRS + 1));
    prog[3 + 2 * PAIRS] = HLT;
    load(CODE_BASE, prog, 2 * PAIRS + 4);
    run_from(CODE_BASE);
    g_assert_cmpuint(toy->env.r[1], ==, 3 * PAIRS);
    tb_get_stats(&st);
    g_assert_cmpuint(st.flushes, >=, 1);
    g_free(prog);
    teardown();
}

static void test_guest_mem_ops(gconstpointer backend)
{
    uint8_t *host;

    setup(backend, 0);
    host = memory_region_get_ram_ptr(&ram);
    /* The inline TLB path, its slow path on the first access, and a fault through it. */
    RUN(ADDI(2, 0, 0x5678),
        STG(2, 0, 0x7008),
        LDG(3, 0, 0x7008),
        MOVH(4, 0x4000), MOVH(4, 0),
        LDG(5, 4, 0),           /* 0x1014: faults */
        HLT);
    g_assert_cmphex(ld64_le_p(host + 0x7008), ==, 0x5678);
    g_assert_cmphex(toy->env.r[3], ==, 0x5678);
    g_assert_cmpuint(toy->env.fault_count, ==, 1);
    g_assert_cmphex(toy->env.fault_pc, ==, 0x1014);
    teardown();
}

static void test_logs(gconstpointer backend)
{
    char *path = g_build_filename(g_get_tmp_dir(), "koine-test-exec-log.XXXXXX", NULL);
    int fd = g_mkstemp(path);
    char *text;

    close(fd);
    setup(backend, 0);
    g_assert_true(log_set_file(path, NULL));
    g_assert_true(log_enable_items("in_asm,op,op_opt,out_asm,exec", NULL));
    RUN(ADDI(1, 0, 1), HLT);
    log_disable_all();
    log_close();
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_assert_nonnull(strstr(text, "IN: TB 0x1000"));
    g_assert_nonnull(strstr(text, "OP after optimization"));
    g_assert_nonnull(strstr(text, "OUT: TB 0x1000"));
    g_assert_nonnull(strstr(text, "Trace 0:"));
    if (strcmp(backend, "native") == 0) {
        /* Host code disassembled by capstone. */
        g_assert_nonnull(strstr(text, "mov"));
    }
    g_free(text);
    unlink(path);
    g_free(path);
    teardown();
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    int ret;

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    memory_region_init_ram(&ram, "ram", RAM_SIZE, &error_abort);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    for (size_t i = 0; i < ARRAY_SIZE(backends); i++) {
        const char *b = backends[i];
        char *name;

#define ADD(path, fn) \
        name = g_strdup_printf("/exec/%s/" path, b); \
        g_test_add_data_func(name, b, fn); \
        g_free(name)
        ADD("loop-chains", test_loop_chains);
        ADD("singlestep", test_singlestep);
        ADD("memory-helpers", test_memory_helpers);
        ADD("fault-restores-pc", test_fault_restores_pc);
        ADD("smc-same-tb", test_smc_same_tb);
        ADD("smc-other-tb", test_smc_other_tb);
        ADD("indirect-jumps-inline", test_indirect_jumps_inline);
        ADD("dma-over-code", test_dma_over_code);
        ADD("exceptions", test_exceptions);
        ADD("exit-request", test_exit_request_stops_a_chained_loop);
        ADD("code-buffer-flush", test_code_buffer_flush);
        ADD("guest-mem-ops", test_guest_mem_ops);
        ADD("logs", test_logs);
#undef ADD
    }
    ret = g_test_run();
    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_finalize(&ram);
    return ret;
}
