/*
 * Translation blocks and the TB cache.
 *
 * A TB is the host code for a run of guest instructions starting at a guest
 * PC, valid for one combination of CPU state bits (flags, cs_base) and
 * compile options (cflags). TBs are found by (physical PC, virtual PC,
 * cs_base, flags, cflags) in a hash table that vCPU threads read without
 * locks; writers (translation, invalidation) hold the TB lock. A TB is
 * never freed while the code buffer holds its code: invalidating it only
 * unlinks it and marks it invalid (CF_INVALID), so a reader holding a stale pointer
 * still sees valid memory. Everything is freed at once by tb_flush(), when
 * the code buffer fills up, with every vCPU out of generated code.
 *
 * Chaining: a TB's goto_tb slot n can be patched to jump straight into the
 * next TB's code (tb_add_jump). Each TB keeps the list of slots chained to
 * it, so invalidating it unchains them all (they go back to exiting to the
 * exec loop).
 *
 * Self-modifying code: every guest physical page that holds code of a TB
 * has a list of those TBs; TLB write entries for such pages carry
 * TLB_NOTDIRTY, so stores to them take the slow path, which invalidates
 * exactly the TBs whose code overlaps the bytes written
 * (tb_invalidate_phys_range).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_TB_H
#define ACCEL_TCG_TB_H

#include "util/osdep.h"
#include "tcg/tcg.h"

typedef struct CPUState CPUState;

/* cflags: how a TB was compiled. */
#define CF_COUNT_MASK   0x000001ff  /* max guest instructions (0: the default limit) */
#define CF_NOCHAIN      0x00000200  /* never chain to or from it (-d nochain, single step) */
#define CF_NOIRQ        0x00000400  /* no interrupt check at TB start */
#define CF_LAST_IO      0x00000800  /* the last instruction may do I/O (icount) */
#define CF_NOCACHE      0x00001000  /* run once, not kept in the cache */
/*
 * Invalidated: set once, under the TB lock, never cleared. Lookups ask for
 * cflags without it, so an invalid TB never matches (the exec loop's jump
 * cache, the hash table and the probe generated code makes inline).
 */
#define CF_INVALID      0x80000000

#define TB_MAX_INSNS 512

/* The low bits of an exit_tb value: which way the TB left. */
#define TB_EXIT_MASK      3
#define TB_EXIT_IDX0      0         /* through goto_tb slot 0 */
#define TB_EXIT_IDX1      1         /* through goto_tb slot 1 */
#define TB_EXIT_REQUESTED 3         /* the exit request check at TB start fired */

typedef struct TranslationBlock TranslationBlock;

struct TranslationBlock {
    uint64_t pc;                    /* guest virtual PC of the first instruction */
    uint64_t cs_base;
    uint32_t flags;
    uint32_t cflags;                /* right after flags: the inline probe compares both at once */
    uint32_t size;                  /* guest code bytes */
    uint16_t icount;                /* guest instructions */

    const void *tc_ptr;             /* its code (execute view of the code buffer) */
    uint32_t tc_size;

    /* Physical pages of its guest code; page_addr[1] is -1 unless it spans two. */
    hwaddr page_addr[2];
    /* Next TB in each page's list (the low bit says which of its two pages). */
    uintptr_t page_next[2];

    /* Chaining: slot n's jump in the code, where it goes unchained, and its target. */
    uint32_t jmp_insn_offset[2];
    uint32_t jmp_reset_offset[2];
    TranslationBlock *jmp_dest[2];
    /* Slots chained to this TB: a list of (TB | n) through jmp_list_next[n]. */
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[2];

    TranslationBlock *hash_next;
    uint32_t hash;

    /* Per guest instruction: insn_start data, and where its code ends. */
    uint64_t *insn_data;            /* icount * insn_start_words */
    uint32_t *insn_end;             /* icount offsets from tc_ptr */
};

/* True once tb_invalidate has run on it (any thread may ask). */
static inline bool tb_is_invalid(const TranslationBlock *tb)
{
    return __atomic_load_n(&tb->cflags, __ATOMIC_ACQUIRE) & CF_INVALID;
}


/* What exit_tb returns for a goto_tb exit: the TB and the slot, in one word. */
static inline uintptr_t tb_exit_value(const TranslationBlock *tb, unsigned n)
{
    return (uintptr_t)tb | n;
}

void tb_cache_init(void);
void tb_cache_destroy(void);

/* The TB for a CPU state, or NULL. phys_pc is the physical address of pc (-1: none). */
TranslationBlock *tb_htable_lookup(uint64_t pc, hwaddr phys_pc, uint64_t cs_base,
                                   uint32_t flags, uint32_t cflags);

/*
 * Translates the TB at pc for the current CPU state and installs it
 * (flushing the whole cache first when the code buffer is full).
 */
TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                              uint32_t flags, uint32_t cflags);

/* Chains slot n of from to jump directly to to's code (no-op if invalid or done). */
void tb_add_jump(TranslationBlock *from, unsigned n, TranslationBlock *to);

/* Invalidates the TBs whose guest code overlaps [start, start + len) physical. */
void tb_invalidate_phys_range(CPUState *cpu, hwaddr start, hwaddr len, uintptr_t retaddr);
void tb_invalidate(TranslationBlock *tb);
bool tb_page_has_code(hwaddr page);

/* Drops every TB and empties the code buffer (caller: all vCPUs out of TBs). */
void tb_flush(void);

/* The TB whose code contains host_pc (a retaddr), or NULL. */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);
/* Puts back the state of the guest instruction retaddr belongs to; false if not in a TB. */
bool cpu_restore_state(CPUState *cpu, uintptr_t retaddr);

/* Statistics for `info jit`. */
typedef struct TBStats {
    uint64_t translated;
    uint64_t invalidated;
    uint64_t flushes;
    uint64_t chained;
    size_t live;
    size_t code_bytes;
} TBStats;
void tb_get_stats(TBStats *st);

/* The TCG context of the translating thread, set up for the machine's target. */
TCGContext *tb_tcg_context(CPUState *cpu);

#endif
