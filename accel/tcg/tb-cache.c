/*
 * The TB cache: see accel/tcg/tb.h for the design.
 *
 * Concurrency: lookups (tb_htable_lookup, the jump caches) take no lock;
 * they read bucket heads and hash_next links with acquire loads, and a TB
 * is published with a release store after it is complete. Everything that
 * changes the cache (insert, invalidate, chain, flush) holds tb_lock, a
 * recursive mutex because translation (which holds it) fills the TLB,
 * which asks whether a page holds code. Invalidated TBs stay allocated
 * until tb_flush, so a concurrent reader never follows a dangling pointer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/tb.h"
#include "accel/tcg/tcg-accel.h"
#include "hw/core/cpu.h"
#include "tcg/code-buffer.h"
#include "tcg/optimize.h"
#include "tcg/tcg-backend.h"
#include "util/log.h"

/* 2^18 buckets: a Linux boot plus userland keeps chains short (one cache miss per link). */
#define TB_HASH_BITS 18
#define TB_HASH_SIZE (1u << TB_HASH_BITS)

static GRecMutex tb_lock;
static TranslationBlock *buckets[TB_HASH_SIZE];
static GPtrArray *all_tbs;          /* every TB since the last flush, in tc_ptr order */
static GHashTable *code_pages;      /* physical page -> list head (TB | slot) */
/*
 * A filter in front of code_pages for tb_page_has_code, which every TLB
 * fill of a writable RAM page asks: bit hash(page) is set when a page gets
 * its first TB and cleared only by tb_flush, so a clear bit means "no code"
 * without the lock (the common answer: data pages), and a set bit takes
 * the locked exact lookup.
 */
#define CODE_FILTER_BITS 20
static unsigned long code_filter[(1u << CODE_FILTER_BITS) / (8 * sizeof(unsigned long))];

static unsigned code_filter_bit(hwaddr page)
{
    return (uint32_t)((page >> KOINE_PAGE_BITS) * 0x9e3779b97f4a7c15ULL >> 32) &
           ((1u << CODE_FILTER_BITS) - 1);
}
static TBStats stats;

static uint32_t tb_hash(uint64_t pc, hwaddr phys_pc, uint32_t flags, uint32_t cflags)
{
    uint64_t h = pc * 0x9e3779b97f4a7c15ULL;

    h ^= (phys_pc + flags) * 0xc2b2ae3d27d4eb4fULL;
    h ^= cflags;
    return (uint32_t)(h ^ (h >> 29) ^ (h >> 47));
}

void tb_cache_init(void)
{
    memset(&stats, 0, sizeof(stats));
    if (!all_tbs) {
        all_tbs = g_ptr_array_new();
        code_pages = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
}

static void tb_free(gpointer p)
{
    TranslationBlock *tb = p;

    g_free(tb->insn_data);
    g_free(tb->insn_end);
    g_free(tb);
}

void tb_cache_destroy(void)
{
    if (!all_tbs) {
        return;
    }
    g_ptr_array_set_free_func(all_tbs, tb_free);
    g_ptr_array_free(all_tbs, true);
    g_hash_table_destroy(code_pages);
    all_tbs = NULL;
    code_pages = NULL;
    memset(buckets, 0, sizeof(buckets));
    memset(code_filter, 0, sizeof(code_filter));
}

/* ---- Lookup ---- */

static bool tb_matches(const TranslationBlock *tb, uint64_t pc, hwaddr phys_pc,
                       uint64_t cs_base, uint32_t flags, uint32_t cflags)
{
    hwaddr tb_phys = tb->page_addr[0] == (hwaddr)-1
                     ? (hwaddr)-1 : tb->page_addr[0] | (tb->pc & ~KOINE_PAGE_MASK);

    return tb->pc == pc && tb_phys == phys_pc && tb->cs_base == cs_base &&
           tb->flags == flags && __atomic_load_n(&tb->cflags, __ATOMIC_ACQUIRE) == cflags;
}

TranslationBlock *tb_htable_lookup(uint64_t pc, hwaddr phys_pc, uint64_t cs_base,
                                   uint32_t flags, uint32_t cflags)
{
    uint32_t h = tb_hash(pc, phys_pc, flags, cflags);
    TranslationBlock *tb = __atomic_load_n(&buckets[h & (TB_HASH_SIZE - 1)], __ATOMIC_ACQUIRE);

    for (; tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb->hash == h && tb_matches(tb, pc, phys_pc, cs_base, flags, cflags)) {
            return tb;
        }
    }
    return NULL;
}

/* ---- Chaining ---- */

/*
 * Points goto_tb slot n of tb at target (NULL: back to its unchained
 * path). The native jump is a rel32 whose 4-byte-aligned displacement is
 * rewritten with one atomic store; the interpreter's slot is an aligned
 * pointer word (0 = unchained).
 */
static void tb_set_jump(TranslationBlock *tb, unsigned n, const void *target)
{
    const uint8_t *site = (const uint8_t *)tb->tc_ptr + tb->jmp_insn_offset[n];

    if (tcg_accel_backend() == &tcg_backend_tci) {
        uintptr_t *word = code_buffer_rw(site);

        __atomic_store_n(word, (uintptr_t)target, __ATOMIC_RELEASE);
    } else {
        const uint8_t *dest = target ? target
                                     : (const uint8_t *)tb->tc_ptr + tb->jmp_reset_offset[n];
        int32_t *disp = code_buffer_rw(site);

        __atomic_store_n(disp, (int32_t)(dest - (site + 4)), __ATOMIC_RELEASE);
    }
}

void tb_add_jump(TranslationBlock *from, unsigned n, TranslationBlock *to)
{
    if ((from->cflags | to->cflags) & CF_NOCHAIN || from->jmp_insn_offset[n] == UINT32_MAX) {
        return;
    }
    g_rec_mutex_lock(&tb_lock);
    if (!from->jmp_dest[n] && !tb_is_invalid(from) && !tb_is_invalid(to)) {
        tb_set_jump(from, n, to->tc_ptr);
        from->jmp_dest[n] = to;
        from->jmp_list_next[n] = to->jmp_list_head;
        to->jmp_list_head = (uintptr_t)from | n;
        stats.chained++;
    }
    g_rec_mutex_unlock(&tb_lock);
}

/* Removes (src | n) from dest's list of incoming jumps. */
static void tb_remove_incoming(TranslationBlock *dest, TranslationBlock *src, unsigned n)
{
    uintptr_t *link = &dest->jmp_list_head;

    while (*link) {
        TranslationBlock *t = (TranslationBlock *)(*link & ~(uintptr_t)1);
        unsigned slot = *link & 1;

        if (t == src && slot == n) {
            *link = src->jmp_list_next[n];
            return;
        }
        link = &t->jmp_list_next[slot];
    }
}

/* ---- Pages holding code ---- */

bool tb_page_has_code(hwaddr page)
{
    bool has;

    unsigned bit = code_filter_bit(page);
    unsigned long word = __atomic_load_n(&code_filter[bit / (8 * sizeof(unsigned long))],
                                         __ATOMIC_ACQUIRE);

    if (!code_pages || !(word & (1UL << (bit % (8 * sizeof(unsigned long)))))) {
        return false;
    }
    g_rec_mutex_lock(&tb_lock);
    has = g_hash_table_contains(code_pages, (gpointer)(uintptr_t)page);
    g_rec_mutex_unlock(&tb_lock);
    return has;
}

static void tb_page_add(TranslationBlock *tb, unsigned n)
{
    gpointer key = (gpointer)(uintptr_t)tb->page_addr[n];
    gpointer head;
    bool first = !g_hash_table_lookup_extended(code_pages, key, NULL, &head);

    tb->page_next[n] = first ? 0 : (uintptr_t)head;
    g_hash_table_insert(code_pages, key, (gpointer)((uintptr_t)tb | n));
    if (first) {
        unsigned bit = code_filter_bit(tb->page_addr[n]);

        __atomic_fetch_or(&code_filter[bit / (8 * sizeof(unsigned long))],
                          1UL << (bit % (8 * sizeof(unsigned long))), __ATOMIC_RELEASE);
        /* Stores to the page must now take the slow path and invalidate. */
        tlb_protect_code(tcg_accel_cpus(), tcg_accel_nb_cpus(), tb->page_addr[n]);
    }
}

static void tb_page_remove(TranslationBlock *tb, unsigned n)
{
    gpointer key = (gpointer)(uintptr_t)tb->page_addr[n];
    gpointer head;
    uintptr_t *link, first;

    if (!g_hash_table_lookup_extended(code_pages, key, NULL, &head)) {
        return;
    }
    first = (uintptr_t)head;
    link = &first;
    while (*link) {
        TranslationBlock *t = (TranslationBlock *)(*link & ~(uintptr_t)1);
        unsigned slot = *link & 1;

        if (t == tb && slot == n) {
            *link = tb->page_next[n];
            break;
        }
        link = &t->page_next[slot];
    }
    if (first) {
        g_hash_table_insert(code_pages, key, (gpointer)first);
    } else {
        g_hash_table_remove(code_pages, key);
    }
}

/* ---- Invalidation ---- */

static void tb_invalidate_locked(TranslationBlock *tb)
{
    TranslationBlock **link;
    CPUState *const *cpus = tcg_accel_cpus();

    if (tb_is_invalid(tb)) {
        return;
    }
    __atomic_fetch_or(&tb->cflags, CF_INVALID, __ATOMIC_RELEASE);
    stats.invalidated++;

    /* Out of the hash table (readers already on it see CF_INVALID). */
    for (link = &buckets[tb->hash & (TB_HASH_SIZE - 1)]; *link; link = &(*link)->hash_next) {
        if (*link == tb) {
            __atomic_store_n(link, tb->hash_next, __ATOMIC_RELEASE);
            break;
        }
    }
    for (unsigned n = 0; n < 2; n++) {
        if (tb->page_addr[n] != (hwaddr)-1) {
            tb_page_remove(tb, n);
        }
    }
    for (unsigned c = 0; c < tcg_accel_nb_cpus(); c++) {
        TranslationBlock **slot = &cpus[c]->tb_jmp_cache[tb_jmp_cache_index(tb->pc)];

        if (__atomic_load_n(slot, __ATOMIC_RELAXED) == tb) {
            __atomic_store_n(slot, NULL, __ATOMIC_RELEASE);
        }
    }
    /* Nobody may jump into it any more ... */
    while (tb->jmp_list_head) {
        TranslationBlock *src = (TranslationBlock *)(tb->jmp_list_head & ~(uintptr_t)1);
        unsigned n = tb->jmp_list_head & 1;

        tb_set_jump(src, n, NULL);
        src->jmp_dest[n] = NULL;
        tb->jmp_list_head = src->jmp_list_next[n];
    }
    /* ... and its own chains leave their targets' lists. */
    for (unsigned n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            tb_remove_incoming(tb->jmp_dest[n], tb, n);
            tb->jmp_dest[n] = NULL;
        }
    }
}

void tb_invalidate(TranslationBlock *tb)
{
    g_rec_mutex_lock(&tb_lock);
    tb_invalidate_locked(tb);
    g_rec_mutex_unlock(&tb_lock);
}

/* The physical bytes [start, end) of tb's guest code that lie on page slot n. */
static void tb_phys_span(const TranslationBlock *tb, unsigned n, hwaddr *start, hwaddr *end)
{
    uint64_t first_len = MIN(tb->size, KOINE_PAGE_SIZE - (tb->pc & ~KOINE_PAGE_MASK));

    if (n == 0) {
        *start = tb->page_addr[0] | (tb->pc & ~KOINE_PAGE_MASK);
        *end = *start + MAX(first_len, 1);
    } else {
        *start = tb->page_addr[1];
        *end = *start + (tb->size - first_len);
    }
}

void tb_invalidate_phys_range(CPUState *cpu, hwaddr start, hwaddr len, uintptr_t retaddr)
{
    TranslationBlock *current = retaddr ? tb_find_by_host_pc(retaddr) : NULL;
    bool current_modified = false;

    g_rec_mutex_lock(&tb_lock);
    for (hwaddr page = start & KOINE_PAGE_MASK; page < start + len; page += KOINE_PAGE_SIZE) {
        gpointer head;
        uintptr_t link;

        if (!g_hash_table_lookup_extended(code_pages, (gpointer)(uintptr_t)page, NULL, &head)) {
            continue;
        }
        for (link = (uintptr_t)head; link;) {
            TranslationBlock *tb = (TranslationBlock *)(link & ~(uintptr_t)1);
            unsigned n = link & 1;
            hwaddr s, e;

            link = tb->page_next[n];      /* before tb leaves the list */
            tb_phys_span(tb, n, &s, &e);
            if (s < start + len && start < e) {
                /*
                 * The running TB rewrites itself: finish it no further. A
                 * one-instruction TB may go on (its only instruction is
                 * the store), which also ends an endless retry.
                 */
                if (tb == current && tb->icount != 1) {
                    current_modified = true;
                }
                tb_invalidate_locked(tb);
            }
        }
    }
    g_rec_mutex_unlock(&tb_lock);
    if (current_modified) {
        /* Redo the storing instruction alone, from a fresh translation. */
        cpu_restore_state(cpu, retaddr);
        cpu->cflags_next_tb = 1;
        cpu_loop_exit(cpu);
    }
}

/* ---- Translation ---- */

static void tb_flush_locked(void)
{
    CPUState *const *cpus = tcg_accel_cpus();

    for (unsigned c = 0; c < tcg_accel_nb_cpus(); c++) {
        memset(cpus[c]->tb_jmp_cache, 0, TB_JMP_CACHE_SIZE * sizeof(TranslationBlock *));
        tlb_drop_saved_contexts(cpus[c]);
    }
    memset(buckets, 0, sizeof(buckets));
    g_hash_table_remove_all(code_pages);
    memset(code_filter, 0, sizeof(code_filter));
    g_ptr_array_set_free_func(all_tbs, tb_free);
    g_ptr_array_set_size(all_tbs, 0);
    g_ptr_array_set_free_func(all_tbs, NULL);
    code_buffer_flush();
    stats.flushes++;
}

void tb_flush(void)
{
    g_rec_mutex_lock(&tb_lock);
    tb_flush_locked();
    g_rec_mutex_unlock(&tb_lock);
}

static void tb_record_insns(TCGContext *s, TranslationBlock *tb, unsigned words)
{
    unsigned i = 0;

    tb->insn_data = g_new(uint64_t, (size_t)s->nb_insns * words + 1);
    tcg_for_each_op(s, op) {
        if (op->opc == INDEX_op_insn_start) {
            for (unsigned w = 0; w < words; w++) {
                tb->insn_data[i * words + w] = op->args[w];
            }
            i++;
        }
    }
    tb->icount = i;
}

TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                              uint32_t flags, uint32_t cflags)
{
    TCGContext *s = tb_tcg_context(cpu);
    unsigned max_insns = cflags & CF_COUNT_MASK ? cflags & CF_COUNT_MASK : TB_MAX_INSNS;
    unsigned words = cpu->ops->insn_start_words ? cpu->ops->insn_start_words : 1;
    TranslationBlock *tb = g_new0(TranslationBlock, 1);
    const void *code;
    size_t size;

    tb->pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    g_rec_mutex_lock(&tb_lock);
    for (;;) {
        tb->page_addr[0] = tb->page_addr[1] = (hwaddr)-1;
        tb->size = 0;
        tcg_func_start(s);
        cpu->ops->translate(cpu, tb, max_insns);
        tcg_accel_log_ops(s, tb, false);
        tcg_optimize(s);
        tcg_accel_log_ops(s, tb, true);
        g_free(tb->insn_data);
        tb_record_insns(s, tb, words);
        code = tcg_accel_backend()->gen_code(s, &size);
        if (code) {
            break;
        }
        /* The code buffer is full: start over with an empty one. */
        tb_flush_locked();
    }
    tb->tc_ptr = code;
    tb->tc_size = size;
    assert(s->insn_end_offsets->len == tb->icount);
    tb->insn_end = g_memdup2(s->insn_end_offsets->data, tb->icount * sizeof(uint32_t));
    for (unsigned n = 0; n < 2; n++) {
        tb->jmp_insn_offset[n] = s->goto_tb_jump_offset[n];
        tb->jmp_reset_offset[n] = s->goto_tb_reset_offset[n];
    }
    tcg_accel_log_in_asm(cpu, tb);
    tcg_accel_log_out_asm(tb);
    tcg_accel_perfmap_add(tb);
    stats.translated++;
    stats.code_bytes += size;

    g_ptr_array_add(all_tbs, tb);
    if (!(cflags & CF_NOCACHE)) {
        hwaddr phys = tb->page_addr[0] == (hwaddr)-1
                      ? (hwaddr)-1 : tb->page_addr[0] | (pc & ~KOINE_PAGE_MASK);
        uint32_t slot;

        for (unsigned n = 0; n < 2; n++) {
            if (tb->page_addr[n] != (hwaddr)-1) {
                tb_page_add(tb, n);
            }
        }
        tb->hash = tb_hash(pc, phys, flags, cflags);
        slot = tb->hash & (TB_HASH_SIZE - 1);
        tb->hash_next = buckets[slot];
        __atomic_store_n(&buckets[slot], tb, __ATOMIC_RELEASE);
    } else {
        tb->cflags |= CF_INVALID;   /* never found again; freed at the next flush */
    }
    g_rec_mutex_unlock(&tb_lock);
    return tb;
}

/* ---- Host PC to TB and guest state ---- */

TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    TranslationBlock *found = NULL;
    guint lo = 0, hi;

    g_rec_mutex_lock(&tb_lock);
    hi = all_tbs ? all_tbs->len : 0;
    /* all_tbs is in code buffer order: binary search on tc_ptr. */
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        TranslationBlock *tb = all_tbs->pdata[mid];
        uintptr_t start = (uintptr_t)tb->tc_ptr;

        if (host_pc < start) {
            hi = mid;
        } else if (host_pc >= start + tb->tc_size) {
            lo = mid + 1;
        } else {
            found = tb;
            break;
        }
    }
    g_rec_mutex_unlock(&tb_lock);
    return found;
}

bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr)
{
    TranslationBlock *tb = tb_find_by_host_pc(retaddr);
    unsigned words = cpu->ops->insn_start_words ? cpu->ops->insn_start_words : 1;
    uint32_t offset;

    if (!tb || !tb->icount) {
        return false;
    }
    offset = retaddr - (uintptr_t)tb->tc_ptr;
    /* The instruction whose code ends at or after retaddr (tcg-backend.h). */
    for (unsigned i = 0; i < tb->icount; i++) {
        if (tb->insn_end[i] >= offset || i == tb->icount - 1u) {
            cpu->ops->restore_state(cpu, &tb->insn_data[(size_t)i * words]);
            return true;
        }
    }
    return false;
}

void tb_get_stats(TBStats *st)
{
    g_rec_mutex_lock(&tb_lock);
    *st = stats;
    st->live = all_tbs ? all_tbs->len : 0;
    g_rec_mutex_unlock(&tb_lock);
}
