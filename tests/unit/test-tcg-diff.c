/*
 * Differential test of the translator: random well-formed IR programs
 * (tcg-random.c) run on the interpreter and on the native backend, each
 * with the optimizer off and on. The interpreter without the optimizer is
 * the oracle; every other run must leave the same CPU state and guest RAM,
 * bit for bit, and return the same exit value.
 *
 * Programs include vector ops (gvec) on the state's vector registers, so
 * their SSE/AVX2 code (or, with KOINE_TCG_FEATURES=none, their integer
 * expansion) meets the interpreter's reference too.
 *
 * The state is the env of a test CPU whose MMU maps the programs' guest
 * RAM window (virtual = physical, both MMU indexes); its TLB is flushed
 * before every run, so each run takes the slow path on a page's first
 * access and the inline fast path after that.
 *
 *   KOINE_TCG_DIFF_PROGRAMS=N   how many programs (default 20000)
 *   KOINE_TCG_DIFF_SEED=S       run only program S, and print it
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/code-buffer.h"
#include "tcg/optimize.h"
#include "tcg/tcg-backend.h"
#include "softmmu/memory.h"
#include "tcg-random.h"

#define PROGRAM_SIZE 48

typedef struct Variant {
    const char *name;
    const TCGBackend *backend;
    bool optimize;
} Variant;

static const Variant variants[] = {
    { "tci", &tcg_backend_tci, false },         /* the oracle */
    { "tci+opt", &tcg_backend_tci, true },
    { "native", &tcg_backend_native, false },
    { "native+opt", &tcg_backend_native, true },
};

static TCGContext *ctx;
static RandomGlobals globals;
static RandomCPU *cpu;
static MemoryRegion guest_ram;
static uint8_t *guest_ram_host;
/* The guest RAM a program starts with (from its seed). */
static uint8_t initial_ram[RANDOM_GUEST_RAM];

/* What a run leaves behind. */
typedef struct Outcome {
    RandomState st;
    uint8_t ram[RANDOM_GUEST_RAM];
    uintptr_t ret;
} Outcome;

/* ---- The test CPU: every page of the window is RAM, nothing faults ---- */

static bool random_tlb_fill(CPUState *cs, uint64_t vaddr, unsigned size, MMUAccessType access,
                            unsigned mmu_idx, bool probe, uintptr_t retaddr)
{
    g_assert_cmphex(vaddr, >=, RANDOM_GUEST_BASE);
    g_assert_cmphex(vaddr, <, RANDOM_GUEST_BASE + RANDOM_GUEST_RAM);
    tlb_set_page(cs, vaddr, vaddr, MEMTXATTRS_UNSPECIFIED, PAGE_READ | PAGE_WRITE,
                 mmu_idx, KOINE_PAGE_SIZE);
    return true;
}

static const TargetOps random_target = {
    .arch = "random",
    .cpu_size = sizeof(RandomCPU),
    .nb_mmu_modes = RANDOM_MMU_MODES,
    .insn_start_words = 1,
    .tlb_fill = random_tlb_fill,
};

CPU_CHECK_LAYOUT(RandomCPU, env);

static void build(uint64_t seed, bool optimize)
{
    tcg_func_start(ctx);
    random_program_gen(&globals, seed, PROGRAM_SIZE);
    g_assert_true(tcg_verify(ctx));
    if (optimize) {
        tcg_optimize(ctx);
        g_assert_true(tcg_verify(ctx));
    }
}

static void run(const Variant *v, uint64_t seed, Outcome *out)
{
    const void *code;
    size_t size;

    build(seed, v->optimize);
    code = v->backend->gen_code(ctx, &size);
    if (!code) {
        /* Buffer full: flush and translate again, as the exec loop will. */
        code_buffer_flush();
        build(seed, v->optimize);
        code = v->backend->gen_code(ctx, &size);
        g_assert_nonnull(code);
    }
    random_state_init(&cpu->env, seed);
    memcpy(guest_ram_host, initial_ram, RANDOM_GUEST_RAM);
    tlb_flush(&cpu->parent);
    out->ret = v->backend->exec(&cpu->env, code);
    out->st = cpu->env;
    memcpy(out->ram, guest_ram_host, RANDOM_GUEST_RAM);
}

static void report_mismatch(uint64_t seed, const Variant *v, const Outcome *want,
                            const Outcome *got)
{
    g_test_message("program %" PRIu64 ": %s differs from the interpreter "
                   "(rerun with KOINE_TCG_DIFF_SEED=%" PRIu64 ")", seed, v->name, seed);
    if (want->ret != got->ret) {
        g_test_message("  exit value %#" PRIxPTR " != %#" PRIxPTR, got->ret, want->ret);
    }
    for (int i = 0; i < RANDOM_G64; i++) {
        if (want->st.g64[i] != got->st.g64[i]) {
            g_test_message("  g%d = %#" PRIx64 ", want %#" PRIx64, i, got->st.g64[i],
                           want->st.g64[i]);
        }
    }
    for (int i = 0; i < RANDOM_G32; i++) {
        if (want->st.g32[i] != got->st.g32[i]) {
            g_test_message("  w%d = %#" PRIx32 ", want %#" PRIx32, i, got->st.g32[i],
                           want->st.g32[i]);
        }
    }
    if (want->st.helper_log != got->st.helper_log) {
        g_test_message("  helper_log differs");
    }
    if (memcmp(want->st.scratch, got->st.scratch, sizeof(want->st.scratch))) {
        g_test_message("  scratch memory differs");
    }
    for (int r = 0; r < RANDOM_VREGS; r++) {
        for (int i = 0; i < RANDOM_VREG_BYTES; i++) {
            if (want->st.vregs[r][i] != got->st.vregs[r][i]) {
                g_test_message("  vregs[%d][%d] = %#x, want %#x", r, i,
                               got->st.vregs[r][i], want->st.vregs[r][i]);
            }
        }
    }
    for (size_t i = 0; i < RANDOM_GUEST_RAM; i++) {
        if (want->ram[i] != got->ram[i]) {
            g_test_message("  guest RAM at %#zx = %#x, want %#x",
                           (size_t)RANDOM_GUEST_BASE + i, got->ram[i], want->ram[i]);
        }
    }
    build(seed, v->optimize);
    tcg_dump_ops(ctx, stderr);
}

static bool check_program(uint64_t seed)
{
    static Outcome want, got;

    random_guest_ram_init(initial_ram, seed);
    run(&variants[0], seed, &want);
    for (size_t i = 1; i < ARRAY_SIZE(variants); i++) {
        run(&variants[i], seed, &got);
        if (got.ret != want.ret || memcmp(&want.st, &got.st, sizeof(want.st)) != 0 ||
            memcmp(want.ram, got.ram, sizeof(want.ram)) != 0) {
            report_mismatch(seed, &variants[i], &want, &got);
            return false;
        }
    }
    return true;
}

static void test_random_programs(void)
{
    const char *only = g_getenv("KOINE_TCG_DIFF_SEED");
    const char *count_text = g_getenv("KOINE_TCG_DIFF_PROGRAMS");
    uint64_t count = count_text ? g_ascii_strtoull(count_text, NULL, 10) : 20000;
    gint64 start = g_get_monotonic_time();

    if (only) {
        uint64_t seed = g_ascii_strtoull(only, NULL, 10);

        build(seed, false);
        tcg_dump_ops(ctx, stderr);
        g_assert_true(check_program(seed));
        return;
    }
    for (uint64_t seed = 1; seed <= count; seed++) {
        if (!check_program(seed)) {
            g_test_fail();
            return;
        }
    }
    g_test_message("%" PRIu64 " programs x %zu variants agree (%.1f s)", count,
                   ARRAY_SIZE(variants), (g_get_monotonic_time() - start) / 1e6);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    g_assert_true(code_buffer_init(32 * MiB, &error_abort));
    g_assert_true(tcg_backend_native.init(&error_abort));
    g_assert_true(tcg_backend_tci.init(&error_abort));
    ctx = tcg_context_new(tcg_backend_native.env_reg);
    random_globals_init(&globals);

    memory_region_init_ram(&guest_ram, "random-ram", RANDOM_GUEST_RAM, &error_abort);
    memory_region_add_subregion(get_system_memory(), RANDOM_GUEST_BASE, &guest_ram);
    guest_ram_host = memory_region_get_ram_ptr(&guest_ram);
    cpu = g_aligned_alloc0(1, sizeof(RandomCPU), 64);
    cpu->parent.ops = &random_target;
    cpu->parent.as = get_address_space_memory();
    tlb_init(&cpu->parent, RANDOM_MMU_MODES);

    g_test_add_func("/tcg/diff/random-programs", test_random_programs);
    ret = g_test_run();

    tlb_destroy(&cpu->parent);
    g_aligned_free(cpu);
    memory_region_del_subregion(get_system_memory(), &guest_ram);
    memory_region_finalize(&guest_ram);
    tcg_context_free(ctx);
    code_buffer_destroy();
    return ret;
}
