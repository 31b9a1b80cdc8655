/*
 * The softmmu TLB: see softmmu/tlb.h for the design and the layout contract
 * with generated code.
 *
 * A fill asks the memory API what the physical page is: RAM, ROM or a ROM
 * device in romd mode get a host addend so reads (and RAM writes) run
 * inline; everything else (MMIO, holes, pages only partly covered by a
 * region) is tagged TLB_MMIO and each access is dispatched here. The TLBs
 * are flushed whenever the memory map changes, since entries hold host
 * pointers into it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/tlb.h"
#include "hw/core/cpu.h"
#include "accel/tcg/tcg-accel.h"
#include "softmmu/main-loop.h"
#include "util/bswap.h"
#include "util/log.h"

#define TLB_ALL_MMUIDX ((uint16_t)((1u << TLB_NB_MMU_MODES) - 1))

intptr_t tlb_fast_offset(unsigned mmu_idx)
{
    return (intptr_t)offsetof(CPUState, tlb_fast[mmu_idx]) - (intptr_t)sizeof(CPUState);
}

static unsigned tlb_entries(const CPUTLBDesc *d)
{
    return 1u << d->bits;
}

static void tlb_alloc_tables_in(CPUTLBDesc *d, CPUTLBDescFast *f, unsigned bits)
{
    unsigned n = 1u << bits;

    g_free(f->table);
    g_free(d->full);
    d->bits = bits;
    f->table = g_new(CPUTLBEntry, n);
    d->full = g_new0(CPUTLBEntryFull, n);
    f->mask = (uintptr_t)(n - 1) << CPU_TLB_ENTRY_BITS;
    /* All ones: TLB_INVALID is set, so no address ever matches. */
    memset(f->table, 0xff, n * sizeof(CPUTLBEntry));
    d->used = 0;
    d->large_page_addr = UINT64_MAX;
    d->large_page_mask = 0;
}

static void tlb_alloc_tables(CPUState *cpu, unsigned mmu_idx, unsigned bits)
{
    tlb_alloc_tables_in(&cpu->tlb.d[mmu_idx], &cpu->tlb_fast[mmu_idx], bits);
}

/*
 * Sizing at flush: grow when the table was more than 3/4 full (conflict
 * misses likely), shrink when a run of flushes used less than 1/8 (a big
 * table costs time to flush and cache footprint).
 */
static unsigned tlb_pick_bits(CPUTLBDesc *d)
{
    unsigned n = tlb_entries(d);
    unsigned bits = d->bits;

    d->max_used = MAX(d->used, d->max_used - d->max_used / 4);
    if (d->used > n / 4 * 3 && bits < TLB_MAX_BITS) {
        bits++;
    } else if (d->max_used < n / 8 && bits > TLB_MIN_BITS) {
        bits--;
    }
    return bits;
}

static void tlb_flush_tables(CPUTLBDesc *d, CPUTLBDescFast *f)
{
    unsigned bits = tlb_pick_bits(d);

    if (bits != d->bits) {
        tlb_alloc_tables_in(d, f, bits);
        return;
    }
    memset(f->table, 0xff, tlb_entries(d) * sizeof(CPUTLBEntry));
    d->used = 0;
    d->large_page_addr = UINT64_MAX;
    d->large_page_mask = 0;
}

static void tlb_flush_one(CPUState *cpu, unsigned mmu_idx)
{
    tlb_flush_tables(&cpu->tlb.d[mmu_idx], &cpu->tlb_fast[mmu_idx]);
}

static void tlb_map_changed(MemoryListener *listener)
{
    /* Entries hold host pointers into the old map: drop them all. */
    CPUState *cpu = container_of(listener, CPUState, tlb.map_listener);

    tlb_flush_async(cpu, TLB_ALL_MMUIDX);
}

void tlb_init(CPUState *cpu, unsigned nb_mmu_modes)
{
    assert(nb_mmu_modes > 0 && nb_mmu_modes <= TLB_NB_MMU_MODES);
    memset(&cpu->tlb, 0, sizeof(cpu->tlb));
    cpu->tlb.nb_mmu_modes = nb_mmu_modes;
    for (unsigned i = 0; i < nb_mmu_modes; i++) {
        tlb_alloc_tables(cpu, i, TLB_MIN_BITS);
    }
    if (cpu->as) {
        cpu->tlb.map_listener.commit = tlb_map_changed;
        memory_listener_register(&cpu->tlb.map_listener, cpu->as);
        cpu->tlb.listening = true;
    }
}

void tlb_destroy(CPUState *cpu)
{
    if (cpu->tlb.listening) {
        memory_listener_unregister(&cpu->tlb.map_listener);
        cpu->tlb.listening = false;
    }
    for (unsigned i = 0; i < cpu->tlb.nb_mmu_modes; i++) {
        g_free(cpu->tlb_fast[i].table);
        g_free(cpu->tlb.d[i].full);
        cpu->tlb_fast[i].table = NULL;
        cpu->tlb.d[i].full = NULL;
        for (unsigned c = 0; c < ARRAY_SIZE(cpu->tlb.saved); c++) {
            g_free(cpu->tlb.saved[c].f[i].table);
            g_free(cpu->tlb.saved[c].d[i].full);
        }
    }
    for (unsigned c = 0; c < ARRAY_SIZE(cpu->tlb.saved); c++) {
        g_free(cpu->tlb.saved[c].jmp_cache);
    }
    memset(cpu->tlb.saved, 0, sizeof(cpu->tlb.saved));
    cpu->tlb.ctx_idxmap = 0;
}

/* ---- Flushes ---- */

/*
 * The exec loop's jump cache finds TBs by virtual PC alone: whatever
 * changes what a virtual page maps to must drop its entries too.
 */
static void jmp_cache_clear_in(TranslationBlock **jc, uint64_t page, bool all)
{
    if (!jc) {
        return;
    }
    if (all) {
        memset(jc, 0, TB_JMP_CACHE_SIZE * sizeof(TranslationBlock *));
        return;
    }
    /* A page's TBs are all in its group of the cache (tb_jmp_cache_index). */
    for (unsigned i = tb_jmp_cache_group(page); i < tb_jmp_cache_group(page) + TB_JMP_PAGE_SIZE;
         i++) {
        TranslationBlock *tb = jc[i];

        if (tb && ((tb->pc ^ page) & KOINE_PAGE_MASK) == 0) {
            jc[i] = NULL;
        }
    }
}

static void jmp_cache_clear(CPUState *cpu, uint64_t page, bool all)
{
    jmp_cache_clear_in(cpu->tb_jmp_cache, page, all);
}

void tlb_drop_saved_contexts(CPUState *cpu)
{
    for (unsigned c = 0; c < ARRAY_SIZE(cpu->tlb.saved); c++) {
        cpu->tlb.saved[c].valid = false;
    }
}

void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    jmp_cache_clear(cpu, 0, true);
    if (idxmap & cpu->tlb.ctx_idxmap) {
        tlb_drop_saved_contexts(cpu);
    }
    for (unsigned i = 0; i < cpu->tlb.nb_mmu_modes; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_one(cpu, i);
        }
    }
    cpu->tlb.flushes++;
}

void tlb_flush(CPUState *cpu)
{
    tlb_flush_by_mmuidx(cpu, TLB_ALL_MMUIDX);
}

static bool tag_matches_page(uint64_t tag, uint64_t page)
{
    return !(tag & TLB_INVALID) && (tag & KOINE_PAGE_MASK) == page;
}

/* Flushes page from one index's tables; false when it lies in a large mapping (flush it all). */
static bool tlb_flush_page_in(CPUTLBDesc *d, CPUTLBDescFast *f, uint64_t page)
{
    CPUTLBEntry *e;

    /* A page of a bigger mapping: its other 4K entries must go too. */
    if ((page & d->large_page_mask) == d->large_page_addr) {
        return false;
    }
    e = &f->table[(page >> KOINE_PAGE_BITS) & (tlb_entries(d) - 1)];
    if (tag_matches_page(e->addr_read, page) || tag_matches_page(e->addr_write, page) ||
        tag_matches_page(e->addr_code, page)) {
        memset(e, 0xff, sizeof(*e));
    }
    return true;
}

void tlb_flush_page_by_mmuidx(CPUState *cpu, uint64_t vaddr, uint16_t idxmap)
{
    uint64_t page = vaddr & KOINE_PAGE_MASK;
    uint16_t ctx_map = idxmap & cpu->tlb.ctx_idxmap;

    jmp_cache_clear(cpu, page, false);
    for (unsigned i = 0; i < cpu->tlb.nb_mmu_modes; i++) {
        if ((idxmap & (1u << i)) && !tlb_flush_page_in(&cpu->tlb.d[i], &cpu->tlb_fast[i], page)) {
            tlb_flush_one(cpu, i);
            jmp_cache_clear(cpu, 0, true);
        }
    }
    /* The same page in the inactive contexts (a global mapping may be in any of them). */
    for (unsigned c = 0; ctx_map && c < ARRAY_SIZE(cpu->tlb.saved); c++) {
        CPUTLBContext *ctx = &cpu->tlb.saved[c];

        if (!ctx->valid) {
            continue;
        }
        jmp_cache_clear_in(ctx->jmp_cache, page, false);
        for (unsigned i = 0; i < cpu->tlb.nb_mmu_modes; i++) {
            if ((ctx_map & (1u << i)) && !tlb_flush_page_in(&ctx->d[i], &ctx->f[i], page)) {
                ctx->valid = false;
                break;
            }
        }
    }
}

void tlb_flush_page(CPUState *cpu, uint64_t vaddr)
{
    tlb_flush_page_by_mmuidx(cpu, vaddr, TLB_ALL_MMUIDX);
}

/* The least recently current inactive context, preferring ones that hold nothing. */
static CPUTLBContext *tlb_pick_victim(CPUTLB *tlb)
{
    CPUTLBContext *victim = &tlb->saved[0];

    for (unsigned c = 1; c < ARRAY_SIZE(tlb->saved); c++) {
        CPUTLBContext *ctx = &tlb->saved[c];

        if (victim->valid && (!ctx->valid || ctx->last_run < victim->last_run)) {
            victim = ctx;
        }
    }
    return victim;
}

void tlb_switch_context(CPUState *cpu, uint16_t idxmap, uint64_t tag)
{
    CPUTLB *tlb = &cpu->tlb;
    CPUTLBContext *ctx = NULL;
    bool holds_tag;

    if (!tlb->ctx_idxmap) {
        /* The first switch: the tables so far belong to an unknown tag. */
        tlb->ctx_idxmap = idxmap;
        tlb->ctx_tag = tag;
        tlb_flush_by_mmuidx(cpu, idxmap);
        return;
    }
    assert(idxmap == tlb->ctx_idxmap);
    if (tag == tlb->ctx_tag) {
        return;
    }
    for (unsigned c = 0; c < ARRAY_SIZE(tlb->saved); c++) {
        if (tlb->saved[c].valid && tlb->saved[c].tag == tag) {
            ctx = &tlb->saved[c];
        }
    }
    holds_tag = ctx != NULL;
    if (!ctx) {
        ctx = tlb_pick_victim(tlb);
    }
    /* Swap the current tables and jump cache with the context's. */
    for (unsigned i = 0; i < tlb->nb_mmu_modes; i++) {
        if (idxmap & (1u << i)) {
            CPUTLBDesc d = tlb->d[i];
            CPUTLBDescFast f = cpu->tlb_fast[i];

            if (!ctx->f[i].table) {
                tlb_alloc_tables_in(&ctx->d[i], &ctx->f[i], TLB_MIN_BITS);
                holds_tag = false;
            }
            tlb->d[i] = ctx->d[i];
            cpu->tlb_fast[i] = ctx->f[i];
            ctx->d[i] = d;
            ctx->f[i] = f;
        }
    }
    if (cpu->tb_jmp_cache) {
        TranslationBlock **jc = cpu->tb_jmp_cache;

        if (!ctx->jmp_cache) {
            ctx->jmp_cache = g_new0(TranslationBlock *, TB_JMP_CACHE_SIZE);
        }
        cpu->tb_jmp_cache = ctx->jmp_cache;
        ctx->jmp_cache = jc;
    }
    ctx->tag = tlb->ctx_tag;
    ctx->valid = true;
    ctx->last_run = tlb->ctx_switches++;
    tlb->ctx_tag = tag;
    if (holds_tag) {
        tlb->ctx_hits++;
        return;
    }
    for (unsigned i = 0; i < tlb->nb_mmu_modes; i++) {
        if (idxmap & (1u << i)) {
            tlb_flush_one(cpu, i);
        }
    }
    jmp_cache_clear(cpu, 0, true);
}

void tlb_flush_async(CPUState *cpu, uint16_t idxmap)
{
    __atomic_fetch_or(&cpu->tlb.pending_flush, idxmap, __ATOMIC_SEQ_CST);
    /* Leave generated code so the flush happens before the next TB runs. */
    __atomic_store_n(&cpu->exit_request, 1, __ATOMIC_SEQ_CST);
}

void tlb_run_pending(CPUState *cpu)
{
    uint16_t idxmap = __atomic_exchange_n(&cpu->tlb.pending_flush, 0, __ATOMIC_SEQ_CST);

    if (idxmap) {
        tlb_flush_by_mmuidx(cpu, idxmap);
    }
}

/* ---- Fill ---- */

static void tlb_add_large_page(CPUTLBDesc *d, uint64_t vaddr, uint64_t size)
{
    uint64_t mask = ~(size - 1);

    if (d->large_page_addr == UINT64_MAX) {
        d->large_page_addr = vaddr & mask;
        d->large_page_mask = mask;
        return;
    }
    /* Widen the remembered span until it covers both mappings. */
    mask &= d->large_page_mask;
    while ((d->large_page_addr ^ vaddr) & mask) {
        mask <<= 1;
    }
    d->large_page_addr &= mask;
    d->large_page_mask = mask;
}

/*
 * Sizing between flushes: a table more than 3/4 full doubles (dropping what
 * it holds) before its next fill. Flushes are rare once translation
 * contexts keep a guest's ASID switches from flushing, and a table stuck
 * at its flush-time size thrashed: a Linux guest streaming through 64 MiB
 * refilled its 256-entry user table 7.5 million times.
 */
static void tlb_grow_if_full(CPUState *cpu, unsigned mmu_idx)
{
    CPUTLBDesc *d = &cpu->tlb.d[mmu_idx];

    if (d->used >= tlb_entries(d) / 4 * 3 && d->bits < TLB_MAX_BITS) {
        d->max_used = MAX(d->max_used, d->used);
        tlb_alloc_tables(cpu, mmu_idx, d->bits + 1);
    }
}

void tlb_set_page(CPUState *cpu, uint64_t vaddr, hwaddr paddr, MemTxAttrs attrs,
                  int prot, unsigned mmu_idx, uint64_t size)
{
    CPUTLBDesc *d = &cpu->tlb.d[mmu_idx];
    uint64_t page = vaddr & KOINE_PAGE_MASK;
    hwaddr ppage = paddr & KOINE_PAGE_MASK;
    unsigned index;
    CPUTLBEntry *e;
    CPUTLBEntryFull *full;
    MemoryRegionSection section;
    uint64_t read_flags, write_flags, code_flags;
    int wp_flags;
    bool whole_page;

    assert(mmu_idx < cpu->tlb.nb_mmu_modes);
    tlb_grow_if_full(cpu, mmu_idx);
    index = (page >> KOINE_PAGE_BITS) & (tlb_entries(d) - 1);
    e = &cpu->tlb_fast[mmu_idx].table[index];
    full = &d->full[index];
    assert(size >= KOINE_PAGE_SIZE && !(size & (size - 1)));
    if (size > KOINE_PAGE_SIZE) {
        tlb_add_large_page(d, vaddr, size);
    }
    address_space_lookup(cpu->as, ppage, &section);
    whole_page = section.mr && section.size >= KOINE_PAGE_SIZE &&
                 section.offset_within_address_space <= ppage;
    if (whole_page && (memory_region_is_ram(section.mr) || memory_region_is_rom(section.mr) ||
                       section.romd)) {
        uint8_t *host = (uint8_t *)memory_region_get_ram_ptr(section.mr) +
                        section.offset_within_region +
                        (ppage - section.offset_within_address_space);

        e->addend = (uintptr_t)host - (uintptr_t)page;
        read_flags = 0;
        if (section.romd) {
            write_flags = TLB_MMIO;             /* flash commands go to the device */
        } else if (section.readonly || memory_region_is_rom(section.mr)) {
            write_flags = TLB_DISCARD_WRITE;
        } else {
            /* Writes to a page holding translated code must invalidate it first. */
            write_flags = tb_page_has_code(ppage) ? TLB_NOTDIRTY : 0;
        }
    } else {
        /* Devices, holes, partial pages: every access goes through dispatch. */
        e->addend = 0;
        read_flags = write_flags = TLB_MMIO;
    }
    if (e->addr_read == UINT64_MAX && e->addr_write == UINT64_MAX &&
        e->addr_code == UINT64_MAX) {
        d->used++;
    }
    code_flags = read_flags;
    if (prot & PAGE_CHECK_ALIGNED) {
        read_flags |= TLB_CHECK_ALIGNED;
        write_flags |= TLB_CHECK_ALIGNED;
    }
    wp_flags = watchpoint_page_flags(page);
    if (wp_flags & WP_READ) {
        read_flags |= TLB_WATCHPOINT;
    }
    if (wp_flags & WP_WRITE) {
        write_flags |= TLB_WATCHPOINT;
    }
    e->addr_read = prot & PAGE_READ ? page | read_flags : UINT64_MAX;
    e->addr_write = prot & PAGE_WRITE ? page | write_flags : UINT64_MAX;
    e->addr_code = prot & PAGE_EXEC ? page | code_flags : UINT64_MAX;
    full->phys_addr = ppage;
    full->mr = section.mr && whole_page ? section.mr : NULL;
    full->mr_offset = section.mr ? section.offset_within_region +
                                   (ppage - section.offset_within_address_space) : 0;
    full->attrs = attrs;
    full->prot = prot;
    cpu->tlb.fills++;
    log_mask(log_mmu, "mmu: cpu %u idx %u fill va 0x%" PRIx64 " -> pa 0x%" HWADDR_PRIx
             " %c%c%c %" PRIu64 "K%s%s\n", cpu->cpu_index, mmu_idx, page, ppage,
             prot & PAGE_READ ? 'r' : '-', prot & PAGE_WRITE ? 'w' : '-',
             prot & PAGE_EXEC ? 'x' : '-', size / 1024, full->mr ? "" : " (mmio)",
             prot & PAGE_CHECK_ALIGNED ? " (aligned)" : "");
}

/* ---- Slow-path accesses ---- */

static uint64_t entry_tag(const CPUTLBEntry *e, MMUAccessType access)
{
    switch (access) {
    case MMU_DATA_LOAD:  return e->addr_read;
    case MMU_DATA_STORE: return e->addr_write;
    default:             return e->addr_code;
    }
}

/* The entry for the page of addr, filled through the target if needed. */
static unsigned tlb_lookup(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access,
                           unsigned mmu_idx, uintptr_t retaddr)
{
    uint64_t page = addr & KOINE_PAGE_MASK;
    const CPUTLBDesc *d = &cpu->tlb.d[mmu_idx];
    unsigned index = (page >> KOINE_PAGE_BITS) & (tlb_entries(d) - 1);

    if (!tag_matches_page(entry_tag(&cpu->tlb_fast[mmu_idx].table[index], access), page)) {
        cpu->ops->tlb_fill(cpu, addr, size, access, mmu_idx, false, retaddr);
        /* The fill may have resized the table (a flush inside the walk). */
        index = (page >> KOINE_PAGE_BITS) & (tlb_entries(d) - 1);
        assert(tag_matches_page(entry_tag(&cpu->tlb_fast[mmu_idx].table[index], access), page));
    }
    return index;
}

static void check_alignment(CPUState *cpu, uint64_t addr, MemOp mop, MMUAccessType access,
                            unsigned mmu_idx, uintptr_t retaddr)
{
    unsigned align = memop_alignment(mop);

    if ((addr & (align - 1)) && cpu->ops->unaligned_access) {
        cpu->ops->unaligned_access(cpu, addr, access, mmu_idx, retaddr);
    }
}

/*
 * TLB_CHECK_ALIGNED (the page is the target's Device memory): an access of
 * size bytes at addr must be aligned to its size. After the fill, so a
 * translation fault comes first; before watchpoints and the access.
 */
static void check_page_alignment(CPUState *cpu, uint64_t tag, uint64_t addr, unsigned size,
                                 MMUAccessType access, unsigned mmu_idx, uintptr_t retaddr)
{
    if ((tag & TLB_CHECK_ALIGNED) && (addr & (size - 1)) && cpu->ops->unaligned_access) {
        cpu->ops->unaligned_access(cpu, addr, access, mmu_idx, retaddr);
    }
}

/*
 * An access crossing a page is misaligned: it faults if either page is
 * TLB_CHECK_ALIGNED. Fills both entries (faulting in address order).
 */
static void check_crossing_alignment(CPUState *cpu, uint64_t addr, unsigned size,
                                     MMUAccessType access, unsigned mmu_idx, uintptr_t retaddr)
{
    uint64_t ends[2] = { addr, addr + size - 1 };

    for (unsigned i = 0; i < 2; i++) {
        unsigned index = tlb_lookup(cpu, ends[i], 1, access, mmu_idx, retaddr);
        uint64_t tag = entry_tag(&cpu->tlb_fast[mmu_idx].table[index], access);

        check_page_alignment(cpu, tag, addr, size, access, mmu_idx, retaddr);
    }
}

/* MMIO and other slow accesses of one naturally contained piece, in the access's byte order. */
static uint64_t io_access(CPUState *cpu, const CPUTLBEntryFull *full, uint64_t addr,
                          unsigned size, bool big_endian, MMUAccessType access,
                          unsigned mmu_idx, uint64_t store_val, uintptr_t retaddr)
{
    hwaddr in_page = addr & ~KOINE_PAGE_MASK;
    hwaddr paddr = full->phys_addr + in_page;
    bool take_lock = !bql_locked();
    MemTxResult res;
    uint64_t val = store_val;

    /* Device state is guarded by the global lock; vCPU threads take it for MMIO. */
    if (take_lock) {
        bql_lock();
    }
    if (full->mr) {
        hwaddr offset = full->mr_offset + in_page;

        res = access == MMU_DATA_STORE
              ? memory_region_dispatch_write(full->mr, offset, val, size, big_endian, full->attrs)
              : memory_region_dispatch_read(full->mr, offset, &val, size, big_endian, full->attrs);
    } else {
        uint8_t buf[8];

        if (access == MMU_DATA_STORE) {
            stn_p(buf, size, big_endian, val);
            res = address_space_write(cpu->as, paddr, full->attrs, buf, size);
        } else {
            res = address_space_read(cpu->as, paddr, full->attrs, buf, size);
            val = ldn_p(buf, size, big_endian);
        }
    }
    /* Released before the target hears of a failure: its handler may longjmp away. */
    if (take_lock) {
        bql_unlock();
    }
    if (res != MEMTX_OK) {
        if (cpu->ops->transaction_failed) {
            cpu->ops->transaction_failed(cpu, paddr, addr, size, access, mmu_idx, res, retaddr);
        }
        val = 0;
    }
    return val;
}

/* One access that stays within a page. */
static uint64_t load_in_page(CPUState *cpu, uint64_t addr, unsigned size, bool big_endian,
                             MMUAccessType access, unsigned mmu_idx, uintptr_t retaddr)
{
    unsigned index = tlb_lookup(cpu, addr, size, access, mmu_idx, retaddr);
    const CPUTLBEntry *e = &cpu->tlb_fast[mmu_idx].table[index];
    uint64_t flags = entry_tag(e, access) & TLB_FLAGS_MASK;

    check_page_alignment(cpu, flags, addr, size, access, mmu_idx, retaddr);
    if (flags & TLB_WATCHPOINT) {
        watchpoint_check(cpu, addr, size, access, retaddr);
    }
    if (flags & TLB_MMIO) {
        return io_access(cpu, &cpu->tlb.d[mmu_idx].full[index], addr, size, big_endian,
                         access, mmu_idx, 0, retaddr);
    }
    return ldn_p((void *)(uintptr_t)(addr + e->addend), size, big_endian);
}

static void store_in_page(CPUState *cpu, uint64_t addr, unsigned size, bool big_endian,
                          uint64_t val, unsigned mmu_idx, uintptr_t retaddr)
{
    unsigned index = tlb_lookup(cpu, addr, size, MMU_DATA_STORE, mmu_idx, retaddr);
    const CPUTLBEntry *e = &cpu->tlb_fast[mmu_idx].table[index];
    uint64_t flags = e->addr_write & TLB_FLAGS_MASK;

    check_page_alignment(cpu, flags, addr, size, MMU_DATA_STORE, mmu_idx, retaddr);
    if (flags & TLB_WATCHPOINT) {
        watchpoint_check(cpu, addr, size, MMU_DATA_STORE, retaddr);
    }
    if (flags & TLB_MMIO) {
        io_access(cpu, &cpu->tlb.d[mmu_idx].full[index], addr, size, big_endian,
                  MMU_DATA_STORE, mmu_idx, val, retaddr);
        return;
    }
    if (flags & TLB_DISCARD_WRITE) {
        log_mask(log_guest_errors, "write of %u bytes to ROM at 0x%" PRIx64 " ignored\n",
                 size, addr);
        return;
    }
    if (flags & TLB_NOTDIRTY) {
        CPUTLBEntryFull *full = &cpu->tlb.d[mmu_idx].full[index];
        hwaddr paddr = full->phys_addr | (addr & ~KOINE_PAGE_MASK);

        /* May not return: a store into the running TB restarts its instruction. */
        tb_invalidate_phys_range(cpu, paddr, size, retaddr);
        if (!tb_page_has_code(full->phys_addr)) {
            /* The last TB on the page is gone: later stores can run inline. */
            cpu->tlb_fast[mmu_idx].table[index].addr_write &= ~(uint64_t)TLB_NOTDIRTY;
        }
    }
    stn_p((void *)(uintptr_t)(addr + e->addend), size, big_endian, val);
}

static bool crosses_page(uint64_t addr, unsigned size)
{
    return (addr & ~KOINE_PAGE_MASK) + size > KOINE_PAGE_SIZE;
}

static uint64_t sign_extend(uint64_t val, MemOp mop)
{
    unsigned bits = memop_size(mop) * 8;

    if (!(mop & MO_SIGN) || bits == 64) {
        return val;
    }
    return (uint64_t)((int64_t)(val << (64 - bits)) >> (64 - bits));
}

static uint64_t load_access(CPUState *cpu, uint64_t addr, MemOpIdx oi, MMUAccessType access,
                            uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    unsigned mmu_idx = get_mmuidx(oi);
    unsigned size = memop_size(mop);
    bool big_endian = mop & MO_BSWAP;
    uint64_t val = 0;

    check_alignment(cpu, addr, mop, access, mmu_idx, retaddr);
    if (!crosses_page(addr, size)) {
        return sign_extend(load_in_page(cpu, addr, size, big_endian, access, mmu_idx, retaddr),
                           mop);
    }
    /* Across a page boundary: byte by byte, assembled in the access's byte order. */
    check_crossing_alignment(cpu, addr, size, access, mmu_idx, retaddr);
    for (unsigned i = 0; i < size; i++) {
        uint64_t byte = load_in_page(cpu, addr + i, 1, false, access, mmu_idx, retaddr);

        val |= byte << (big_endian ? (size - 1 - i) * 8 : i * 8);
    }
    return sign_extend(val, mop);
}

uint64_t guest_load(CPUState *cpu, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    return load_access(cpu, addr, oi, MMU_DATA_LOAD, retaddr);
}

void guest_store(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi, uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    unsigned mmu_idx = get_mmuidx(oi);
    unsigned size = memop_size(mop);
    bool big_endian = mop & MO_BSWAP;

    check_alignment(cpu, addr, mop, MMU_DATA_STORE, mmu_idx, retaddr);
    if (!crosses_page(addr, size)) {
        store_in_page(cpu, addr, size, big_endian, val, mmu_idx, retaddr);
        return;
    }
    /* Both pages must be writable before any byte changes: a fault leaves memory as it was. */
    check_crossing_alignment(cpu, addr, size, MMU_DATA_STORE, mmu_idx, retaddr);
    for (unsigned i = 0; i < size; i++) {
        uint64_t byte = val >> (big_endian ? (size - 1 - i) * 8 : i * 8);

        store_in_page(cpu, addr + i, 1, false, byte & 0xff, mmu_idx, retaddr);
    }
}

void *tlb_probe(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access,
                unsigned mmu_idx, bool nonfault, uintptr_t retaddr)
{
    uint64_t page = addr & KOINE_PAGE_MASK;
    const CPUTLBDesc *d = &cpu->tlb.d[mmu_idx];
    unsigned index = (page >> KOINE_PAGE_BITS) & (tlb_entries(d) - 1);
    const CPUTLBEntry *e;
    uint64_t tag;

    if (crosses_page(addr, size)) {
        return NULL;
    }
    e = &cpu->tlb_fast[mmu_idx].table[index];
    if (!tag_matches_page(entry_tag(e, access), page)) {
        if (!cpu->ops->tlb_fill(cpu, addr, size, access, mmu_idx, nonfault, retaddr)) {
            return NULL;
        }
        index = (page >> KOINE_PAGE_BITS) & (tlb_entries(d) - 1);
        e = &cpu->tlb_fast[mmu_idx].table[index];
    }
    tag = entry_tag(e, access);
    if (!tag_matches_page(tag, page) || (tag & TLB_FLAGS_MASK)) {
        return NULL;
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

uint64_t helper_guest_ld(void *env, uint64_t addr, uint32_t oi, uintptr_t retaddr)
{
    return guest_load(env_cpu(env), addr, oi, retaddr);
}

void helper_guest_st(void *env, uint64_t addr, uint64_t val, uint32_t oi, uintptr_t retaddr)
{
    guest_store(env_cpu(env), addr, val, oi, retaddr);
}

void *tlb_code_host(CPUState *cpu, uint64_t addr, unsigned mmu_idx, hwaddr *phys)
{
    unsigned index = tlb_lookup(cpu, addr, 1, MMU_INST_FETCH, mmu_idx, 0);
    const CPUTLBEntry *e = &cpu->tlb_fast[mmu_idx].table[index];
    const CPUTLBEntryFull *full = &cpu->tlb.d[mmu_idx].full[index];

    *phys = full->phys_addr | (addr & ~KOINE_PAGE_MASK);
    if (e->addr_code & TLB_FLAGS_MASK) {
        return NULL;
    }
    return (void *)(uintptr_t)(addr + e->addend);
}

uint64_t guest_fetch(CPUState *cpu, uint64_t addr, MemOpIdx oi)
{
    return load_access(cpu, addr, oi, MMU_INST_FETCH, 0);
}

void tlb_protect_code(CPUState *const *cpus, unsigned nb_cpus, hwaddr page)
{
    for (unsigned c = 0; c < nb_cpus; c++) {
        CPUState *cpu = cpus[c];

        /* Rare after boot (a page's first TB): simpler to drop inactive contexts than to scan them. */
        tlb_drop_saved_contexts(cpu);
        for (unsigned i = 0; i < cpu->tlb.nb_mmu_modes; i++) {
            CPUTLBDesc *d = &cpu->tlb.d[i];
            CPUTLBEntry *table = cpu->tlb_fast[i].table;

            if (d->used == 0) {
                continue;       /* nothing filled since its last flush: all invalid */
            }

            for (unsigned j = 0; j < tlb_entries(d); j++) {
                uint64_t w = table[j].addr_write;

                /*
                 * RAM entries (with or without other slow-path flags): MMIO
                 * and ROM entries never write to RAM directly.
                 */
                if (!(w & (TLB_INVALID | TLB_MMIO | TLB_DISCARD_WRITE | TLB_NOTDIRTY)) &&
                    d->full[j].phys_addr == page) {
                    table[j].addr_write = w | TLB_NOTDIRTY;
                }
            }
        }
    }
}
