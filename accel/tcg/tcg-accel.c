/*
 * The TCG accelerator: backend choice, the vCPU registry, the translating
 * thread's TCG context, and the translator's logs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/tcg-accel.h"
#include "tcg/code-buffer.h"
#include "tcg/disas.h"
#include "util/log.h"

#define DEFAULT_CODE_BUFFER_SIZE (256 * MiB)

static const TCGBackend *backend;
static GPtrArray *cpus;
static __thread TCGContext *thread_ctx;
static GPtrArray *contexts;          /* every thread's context, freed at shutdown */
static GMutex contexts_lock;

static LogItem log_in_asm = { "in_asm", "show the guest code of each TB when it is translated" };
static LogItem log_op = { "op", "show the IR of each TB as the frontend made it" };
static LogItem log_op_opt = { "op_opt", "show the IR of each TB after optimization" };
static LogItem log_out_asm = { "out_asm", "show the host code of each TB" };
LogItem log_exec = { "exec", "show every TB executed (slow; with nochain for every one)" };
LogItem log_cpu = { "cpu", "show the CPU state before every TB executed" };
LogItem log_int = { "int", "show interrupts and exceptions as the CPU takes them" };
LogItem log_nochain = { "nochain", "do not chain TBs (every TB returns to the exec loop)" };
LogItem log_mmu = { "mmu", "show every TLB fill (virtual to physical page) and MMU fault" };

void tcg_accel_log_init(void)
{
    static bool done;

    if (done) {
        return;
    }
    done = true;
    log_register(&log_in_asm);
    log_register(&log_op);
    log_register(&log_op_opt);
    log_register(&log_out_asm);
    log_register(&log_exec);
    log_register(&log_cpu);
    log_register(&log_int);
    log_register(&log_nochain);
    log_register(&log_mmu);
}

/* RAM written by DMA, loaders or debuggers: drop the code translated from it. */
static void invalidate_written_code(hwaddr addr, hwaddr len)
{
    tb_invalidate_phys_range(NULL, addr, len, 0);
}

bool tcg_accel_init(const char *name, size_t code_size, Error **errp)
{
    const TCGBackend *chosen;

    if (!name || strcmp(name, "native") == 0) {
        chosen = &tcg_backend_native;
    } else if (strcmp(name, "tci") == 0) {
        chosen = &tcg_backend_tci;
    } else {
        error_setg(errp, "unknown TCG backend '%s' (native, tci)", name);
        return false;
    }
    if (!code_buffer_init(code_size ? code_size : DEFAULT_CODE_BUFFER_SIZE, errp)) {
        return false;
    }
    if (!chosen->init(errp)) {
        code_buffer_destroy();
        return false;
    }
    backend = chosen;
    cpus = g_ptr_array_new();
    contexts = g_ptr_array_new();
    tb_cache_init();
    physmem_set_code_write_notifier(invalidate_written_code);
    return true;
}

void tcg_accel_shutdown(void)
{
    if (!backend) {
        return;
    }
    if (backend->thread_exit) {
        backend->thread_exit();     /* the calling thread may have run code too */
    }
    physmem_set_code_write_notifier(NULL);
    tb_cache_destroy();
    for (guint i = 0; i < contexts->len; i++) {
        tcg_context_free(contexts->pdata[i]);
    }
    g_ptr_array_free(contexts, true);
    g_ptr_array_free(cpus, true);
    thread_ctx = NULL;
    code_buffer_destroy();
    backend = NULL;
}

const TCGBackend *tcg_accel_backend(void)
{
    return backend;
}

void tcg_accel_register_cpu(CPUState *cpu)
{
    cpu->tb_jmp_cache = g_new0(TranslationBlock *, TB_JMP_CACHE_SIZE);
    cpu->cflags_next_tb = -1;
    cpu->exception_index = EXCP_NONE;
    g_ptr_array_add(cpus, cpu);
}

void tcg_accel_unregister_cpu(CPUState *cpu)
{
    g_ptr_array_remove(cpus, cpu);
    g_free(cpu->tb_jmp_cache);
    cpu->tb_jmp_cache = NULL;
}

CPUState *const *tcg_accel_cpus(void)
{
    return cpus ? (CPUState *const *)cpus->pdata : NULL;
}

unsigned tcg_accel_nb_cpus(void)
{
    return cpus ? cpus->len : 0;
}

TCGContext *tb_tcg_context(CPUState *cpu)
{
    if (!thread_ctx) {
        thread_ctx = tcg_context_new(backend->env_reg);
        cpu->ops->init_globals(thread_ctx);
        g_mutex_lock(&contexts_lock);
        g_ptr_array_add(contexts, thread_ctx);
        g_mutex_unlock(&contexts_lock);
    }
    tcg_set_current(thread_ctx);
    return thread_ctx;
}

/* ---- Logs ---- */

void tcg_accel_log_ops(TCGContext *s, TranslationBlock *tb, bool optimized)
{
    LogItem *item = optimized ? &log_op_opt : &log_op;

    if (log_enabled(*item)) {
        log_printf("%s: TB 0x%" PRIx64 "\n", optimized ? "OP after optimization" : "OP",
                   tb->pc);
        tcg_dump_ops(s, log_stream());
        log_printf("\n");
    }
}

void tcg_accel_log_in_asm(CPUState *cpu, TranslationBlock *tb)
{
    GString *text;
    uint8_t *code;

    if (!log_enabled(log_in_asm) || !tb->size) {
        return;
    }
    log_printf("IN: TB 0x%" PRIx64 "\n", tb->pc);
    code = g_malloc(tb->size);
    for (uint32_t i = 0; i < tb->size; i++) {
        code[i] = guest_fetch(cpu, tb->pc + i,
                              make_memop_idx(MO_UB, cpu->ops->mmu_index(cpu, true)));
    }
    text = g_string_new(NULL);
    cpu_disas(text, cpu, tb->pc, code, tb->size, SIZE_MAX);
    log_printf("%s", text->str);
    g_string_free(text, true);
    log_printf("\n");
    g_free(code);
}

/*
 * -perfmap: /tmp/perf-PID.map, the file Linux perf reads to name code a JIT
 * generated (one "START SIZE NAME" line per symbol, hexadecimal). Each TB
 * is named after the guest PC it starts at, so `perf report` shows which
 * guest code the time in generated code belongs to. After a code buffer
 * flush, addresses are reused and the map holds both; perf takes the
 * last line for an address.
 */
static FILE *perfmap;

bool tcg_accel_perfmap_open(Error **errp)
{
    char *path = g_strdup_printf("/tmp/perf-%d.map", (int)getpid());

    perfmap = fopen(path, "w");
    if (!perfmap) {
        error_setg_errno(errp, errno, "-perfmap: cannot create %s", path);
    }
    g_free(path);
    return perfmap != NULL;
}

void tcg_accel_perfmap_add(TranslationBlock *tb)
{
    if (perfmap) {
        fprintf(perfmap, "%" PRIxPTR " %x guest-0x%" PRIx64 "\n", (uintptr_t)tb->tc_ptr,
                tb->tc_size, tb->pc);
        fflush(perfmap);
    }
}

void tcg_accel_log_out_asm(TranslationBlock *tb)
{
    if (!log_enabled(log_out_asm)) {
        return;
    }
    log_printf("OUT: TB 0x%" PRIx64 ", %u bytes of %s code\n", tb->pc, tb->tc_size,
               backend->name);
    if (backend == &tcg_backend_native) {
        tcg_disas_host(log_stream(), tb->tc_ptr, tb->tc_size);
    }
    log_printf("\n");
}
