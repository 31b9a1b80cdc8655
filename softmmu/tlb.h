/*
 * The softmmu TLB: guest virtual page -> host memory or MMIO, per vCPU and
 * per MMU index (a target's translation regime: EL0/EL1, user/kernel ...).
 *
 * Every guest load and store looks here first. Generated code does the
 * lookup inline (tcg/x86_64): index the table by page number, compare the
 * entry's tag for the access kind with the page of the address (plus its
 * alignment bits), and on a match add the entry's addend to get the host
 * address. Anything else (a miss, MMIO, a page holding translated code, a
 * watchpoint, a ROM write, a misaligned or page-crossing access) takes the
 * slow path: guest_load() / guest_store() here, which fill the entry through
 * the target's MMU walk and do the access.
 *
 * The tables are direct-mapped, between TLB_MIN_BITS and TLB_MAX_BITS
 * entries per MMU index: one doubles when it gets 3/4 full, and a flush
 * shrinks it when recent flushes found it mostly empty.
 *
 * Layout contract with generated code: CPUState ends with
 * `CPUTLBDescFast tlb_fast[TLB_NB_MMU_MODES]`, and a target's CPU struct is
 * { CPUState parent; TargetState env; } with env right after, so the fast
 * descriptors sit at a fixed small negative offset from env:
 * tlb_fast_offset(mmu_idx).
 *
 * Threads: a vCPU's TLB is touched only by that vCPU. Another vCPU asks for
 * a flush (tlb_flush_async); it happens at the target vCPU's next TB
 * boundary, which keeps this correct when vCPUs run in parallel.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef SOFTMMU_TLB_H
#define SOFTMMU_TLB_H

#include "util/osdep.h"
#include "softmmu/memory.h"
#include "tcg/memop.h"

#define KOINE_PAGE_BITS 12
#define KOINE_PAGE_SIZE ((uint64_t)1 << KOINE_PAGE_BITS)
#define KOINE_PAGE_MASK (~(KOINE_PAGE_SIZE - 1))

/* The most MMU indexes a target may use (MemOpIdx has 4 bits for it). */
#define TLB_NB_MMU_MODES 16

#define TLB_MIN_BITS 8
#define TLB_MAX_BITS 16

/*
 * Flags kept in the low (page offset) bits of an entry's tags. A set flag
 * makes the tag differ from any page-aligned address, so the inline
 * compare fails and the slow path looks at the flags.
 */
#define TLB_INVALID        (1u << (KOINE_PAGE_BITS - 1))   /* no mapping for this access */
#define TLB_MMIO           (1u << (KOINE_PAGE_BITS - 2))   /* device memory: dispatch */
#define TLB_NOTDIRTY       (1u << (KOINE_PAGE_BITS - 3))   /* page holds translated code */
#define TLB_WATCHPOINT     (1u << (KOINE_PAGE_BITS - 4))   /* a watchpoint covers the page */
#define TLB_DISCARD_WRITE  (1u << (KOINE_PAGE_BITS - 5))   /* ROM: writes are dropped */
/*
 * Data accesses must be aligned to their size (the target's Device memory:
 * PAGE_CHECK_ALIGNED): set on the read and write tags only, so every data
 * access to the page takes the slow path, which raises the target's
 * unaligned-access fault for a misaligned one; instruction fetches do not
 * care. Bit 6 is the lowest a flag may use: the inline compare's mask
 * holds up to 6 alignment bits (MO_ALIGN_64).
 */
#define TLB_CHECK_ALIGNED  (1u << (KOINE_PAGE_BITS - 6))
#define TLB_FLAGS_MASK     (0x3fu << (KOINE_PAGE_BITS - 6))

/* Page protection a target grants in tlb_set_page. */
#define PAGE_READ  1
#define PAGE_WRITE 2
#define PAGE_EXEC  4
/* Not a permission: data accesses to the page must be naturally aligned (TLB_CHECK_ALIGNED). */
#define PAGE_CHECK_ALIGNED 8

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/* What the inline path reads: 32 bytes, so an index is a shift away. */
typedef struct CPUTLBEntry {
    uint64_t addr_read;         /* page | flags, or -1: no read mapping */
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;           /* host = guest virtual address + addend (RAM/ROM) */
} CPUTLBEntry;

#define CPU_TLB_ENTRY_BITS 5
_Static_assert(sizeof(CPUTLBEntry) == 1 << CPU_TLB_ENTRY_BITS, "TLB entry size");

/* The slow path's view of an entry. */
typedef struct CPUTLBEntryFull {
    hwaddr phys_addr;           /* guest physical address of the page */
    MemoryRegion *mr;           /* terminal region (aliases resolved) */
    hwaddr mr_offset;           /* offset of the page in mr */
    MemTxAttrs attrs;
    uint8_t prot;
} CPUTLBEntryFull;

/* Per MMU index: what generated code reads (kept at the end of CPUState). */
typedef struct CPUTLBDescFast {
    uintptr_t mask;             /* (entries - 1) << CPU_TLB_ENTRY_BITS */
    CPUTLBEntry *table;
} CPUTLBDescFast;

/* Per MMU index: everything else. */
typedef struct CPUTLBDesc {
    unsigned bits;              /* log2 of the number of entries */
    CPUTLBEntryFull *full;      /* parallel to the fast table */
    unsigned used;              /* entries filled since the last flush */
    unsigned max_used;          /* high-water mark over recent flushes (sizing) */
    uint64_t large_page_addr;   /* span covered by pages larger than 4K, or -1 */
    uint64_t large_page_mask;
} CPUTLBDesc;

/*
 * Translation contexts, for MMUs that tag translations with an address
 * space identifier (ARM's ASID): the target names the MMU indexes the tag
 * applies to and calls tlb_switch_context() when the identifier changes,
 * instead of flushing. The TLB then keeps the tables of the last
 * TLB_NB_CONTEXTS identifiers (and a jump cache each, since that too is
 * keyed by virtual address): switching back to a recent one is a swap of
 * table pointers. Linux on a CPU without PAN switches ASID on every entry
 * to and exit from the kernel (its software PAN), thousands of times a
 * second; with one set of tables each switch emptied the TLB.
 *
 * Inactive contexts follow every flush: a page flush reaches their
 * tables; a whole flush (and anything else hard to apply to them, like
 * marking code pages) drops them (valid = false), and a dropped context
 * is emptied when it next becomes current.
 */
#define TLB_NB_CONTEXTS 4

typedef struct CPUTLBContext {
    uint64_t tag;
    uint64_t last_run;          /* tlb.ctx_switches when it was last current (LRU) */
    bool valid;                 /* holds tag's translations */
    CPUTLBDesc d[TLB_NB_MMU_MODES];             /* of the indexes in ctx_idxmap */
    CPUTLBDescFast f[TLB_NB_MMU_MODES];
    struct TranslationBlock **jmp_cache;        /* NULL until first used */
} CPUTLBContext;

typedef struct CPUTLB {
    CPUTLBDesc d[TLB_NB_MMU_MODES];
    unsigned nb_mmu_modes;      /* what the target uses */
    uint16_t ctx_idxmap;        /* MMU indexes the contexts cover (0: none) */
    uint64_t ctx_tag;           /* the current context's tag */
    CPUTLBContext saved[TLB_NB_CONTEXTS - 1];   /* the inactive ones */
    uint64_t ctx_switches;      /* statistics for `info jit` */
    uint64_t ctx_hits;          /* switches to a context that still held translations */
    uint16_t pending_flush;     /* MMU indexes other vCPUs asked to flush (atomic) */
    uint64_t flushes;           /* statistics for `info jit` */
    uint64_t fills;
    MemoryListener map_listener;    /* memory map changes flush the TLB */
    bool listening;
} CPUTLB;

typedef struct CPUState CPUState;

void tlb_init(CPUState *cpu, unsigned nb_mmu_modes);
void tlb_destroy(CPUState *cpu);

/*
 * Called by a target's MMU fill: maps the page of vaddr to paddr with
 * prot for mmu_idx. size is the size of the target's page or block (4K and
 * up, a power of two); bigger mappings are entered 4K at a time and
 * remembered so that a flush of any page in them flushes them all.
 */
void tlb_set_page(CPUState *cpu, uint64_t vaddr, hwaddr paddr, MemTxAttrs attrs,
                  int prot, unsigned mmu_idx, uint64_t size);

/* Flushes for this vCPU, now. idxmap: bit i = MMU index i. */
void tlb_flush(CPUState *cpu);
void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap);
void tlb_flush_page(CPUState *cpu, uint64_t vaddr);
void tlb_flush_page_by_mmuidx(CPUState *cpu, uint64_t vaddr, uint16_t idxmap);
/*
 * Makes `tag` the current translation context of the MMU indexes in idxmap
 * (the same idxmap on every call; the first call sets it up, flushing
 * them: what they held belonged to an unknown tag).
 */
void tlb_switch_context(CPUState *cpu, uint16_t idxmap, uint64_t tag);
/* Drops the inactive contexts (their jump caches hold TBs that tb_flush frees). */
void tlb_drop_saved_contexts(CPUState *cpu);
/* From another thread: done by cpu at its next TB boundary (tlb_run_pending). */
void tlb_flush_async(CPUState *cpu, uint16_t idxmap);
void tlb_run_pending(CPUState *cpu);

/*
 * Guest memory accesses from C (the slow path of generated code, helpers,
 * the gdb stub). retaddr is the host return address inside a TB (0 from
 * C); it lets a fault restore the state of the faulting instruction.
 * Faults are raised by the target's fill or unaligned hook and do not
 * return.
 */
uint64_t guest_load(CPUState *cpu, uint64_t addr, MemOpIdx oi, uintptr_t retaddr);
void guest_store(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi,
                 uintptr_t retaddr);

/*
 * The host address of [addr, addr + size) for access_type if it is plain
 * RAM on one page and mapped now (filling the TLB; nonfault: return NULL
 * instead of raising). NULL for MMIO and code pages being written.
 */
void *tlb_probe(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access_type,
                unsigned mmu_idx, bool nonfault, uintptr_t retaddr);

/*
 * The slow paths generated code calls for guest_ld/guest_st (env is the
 * target's env, right after CPUState). retaddr: see tcg_retaddr in
 * tcg/tcg-backend.h. Loads return the value zero- or sign-extended to 64
 * bits as the MemOp says.
 */
uint64_t helper_guest_ld(void *env, uint64_t addr, uint32_t oi, uintptr_t retaddr);
void helper_guest_st(void *env, uint64_t addr, uint64_t val, uint32_t oi, uintptr_t retaddr);

/*
 * For the translator: fills the TLB for an instruction fetch at addr
 * (raising the target's fault if unmapped: retaddr 0), returns the guest
 * physical address in *phys and the host address of the byte, or NULL when
 * the code is not in RAM/ROM (then fetch with guest_fetch()).
 */
void *tlb_code_host(CPUState *cpu, uint64_t addr, unsigned mmu_idx, hwaddr *phys);
uint64_t guest_fetch(CPUState *cpu, uint64_t addr, MemOpIdx oi);

/* Marks TLB write entries of every vCPU that map page with TLB_NOTDIRTY (it now holds code). */
void tlb_protect_code(CPUState *const *cpus, unsigned nb_cpus, hwaddr page);

/* Byte offset from env of the fast descriptor of mmu_idx (negative). */
intptr_t tlb_fast_offset(unsigned mmu_idx);

/*
 * softmmu/watchpoint.c: data watchpoints on guest virtual addresses, for
 * every vCPU (gdb's Z2/Z3/Z4). A hit stops the vCPU with EXCP_DEBUG before
 * the access; cpu->watchpoint_hit_addr/flags say which.
 */
#define WP_READ   1
#define WP_WRITE  2
#define WP_ACCESS (WP_READ | WP_WRITE)
bool watchpoint_insert(uint64_t addr, uint64_t len, int flags);
bool watchpoint_remove(uint64_t addr, uint64_t len, int flags);
void watchpoint_remove_all(void);
/* The WP_* kinds of the watchpoints that overlap the page (for tlb_set_page). */
int watchpoint_page_flags(uint64_t page);
/* The slow path, before an access to a page tagged TLB_WATCHPOINT: may not return. */
void watchpoint_check(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access,
                      uintptr_t retaddr);

#endif
