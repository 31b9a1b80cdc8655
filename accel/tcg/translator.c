/*
 * Translator helpers shared by every frontend: see accel/tcg/translator.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "accel/tcg/translator.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/icount.h"

/* The exit path of the TB being translated (one translation per thread at a time). */
static __thread TCGLabel *exit_label;
/* -icount: the op charging the TB's length, patched once the length is known. */
static __thread TCGOp *icount_charge;
static __thread unsigned icount_insns;

static const TCGHelperInfo lookup_tb_ptr_info = {
    .func = helper_lookup_tb_ptr,
    .name = "lookup_tb_ptr",
    .flags = TCG_CALL_NO_WRITE_GLOBALS | TCG_CALL_NO_SIDE_EFFECTS,
    .has_ret = true,
    .ret_type = TCG_TYPE_PTR,
    .nb_args = 1,
    .arg_types = { TCG_TYPE_PTR },
};

void translator_tb_start(TranslationBlock *tb)
{
    TCGv_i32 flag;

    exit_label = NULL;
    if (tb->cflags & CF_NOIRQ) {
        return;
    }
    exit_label = tcg_label_new(tcg_ctx);
    flag = tcg_temp_ebb_new_i32();
    tcg_gen_ld_i32(flag, tcg_env,
                   (intptr_t)offsetof(CPUState, exit_request) - (intptr_t)sizeof(CPUState));
    tcg_gen_brcondi_i32(TCG_COND_NE, flag, 0, exit_label);
    icount_charge = NULL;
    icount_insns = 0;
    if (icount_enabled()) {
        /* budget -= this TB's length, or leave before running any of it. */
        intptr_t ofs = (intptr_t)offsetof(CPUState, icount_budget) - (intptr_t)sizeof(CPUState);
        TCGv_i32 budget = tcg_temp_ebb_new_i32();

        tcg_gen_ld_i32(budget, tcg_env, ofs);
        tcg_gen_sub_i32(budget, budget, tcg_constant_i32(0));
        icount_charge = tcg_ctx->last_op;
        tcg_gen_brcondi_i32(TCG_COND_LT, budget, 0, exit_label);
        tcg_gen_st_i32(budget, tcg_env, ofs);
    }
}

void translator_tb_end(TranslationBlock *tb)
{
    if (icount_charge) {
        /* The sub's second input: the constant 0 becomes the instruction count. */
        icount_charge->args[2] = temp_arg(tcgv_i32_temp(tcg_constant_i32(icount_insns)));
        icount_charge = NULL;
    }
    if (exit_label) {
        tcg_gen_set_label(exit_label);
        tcg_gen_exit_tb(tb_exit_value(tb, TB_EXIT_REQUESTED));
        exit_label = NULL;
    }
}

bool translator_same_page(const TranslationBlock *tb, uint64_t pc)
{
    return ((pc ^ tb->pc) & KOINE_PAGE_MASK) == 0;
}

/* Records the physical page of guest code byte addr in tb (slot 0: tb's own page). */
static void record_code_page(CPUState *cpu, TranslationBlock *tb, uint64_t addr,
                             unsigned mmu_idx)
{
    unsigned slot = translator_same_page(tb, addr) ? 0 : 1;
    hwaddr phys;

    /* A TB covers at most two pages: frontends stop before a third. */
    assert(slot == 0 || ((addr & KOINE_PAGE_MASK) - (tb->pc & KOINE_PAGE_MASK)) == KOINE_PAGE_SIZE);
    tlb_code_host(cpu, addr, mmu_idx, &phys);
    if (tb->page_addr[slot] == (hwaddr)-1) {
        tb->page_addr[slot] = phys & KOINE_PAGE_MASK;
    }
}

uint64_t translator_ld(CPUState *cpu, TranslationBlock *tb, uint64_t pc, MemOp memop)
{
    unsigned mmu_idx = cpu->ops->mmu_index(cpu, true);
    uint64_t last = pc + memop_size(memop) - 1;

    record_code_page(cpu, tb, pc, mmu_idx);
    if ((pc ^ last) & KOINE_PAGE_MASK) {
        record_code_page(cpu, tb, last, mmu_idx);
    }
    return guest_fetch(cpu, pc, make_memop_idx(memop, mmu_idx));
}

void translator_insn_end(TranslationBlock *tb, uint64_t next_pc)
{
    icount_insns++;
    tb->size = next_pc - tb->pc;
}

bool translator_use_goto_tb(const TranslationBlock *tb, uint64_t dest)
{
    return !(tb->cflags & CF_NOCHAIN) && translator_same_page(tb, dest);
}

void translator_goto_tb(TranslationBlock *tb, unsigned n)
{
    tcg_gen_goto_tb(n);
    tcg_gen_exit_tb(tb_exit_value(tb, n));
}

void translator_exit_tb(void)
{
    tcg_gen_exit_tb(0);
}

void translator_lookup_and_goto_ptr(void)
{
    TCGv_ptr ptr = tcg_temp_ebb_new_i64();
    TCGTemp *args[1] = { tcgv_ptr_temp(tcg_env) };

    tcg_gen_call(&lookup_tb_ptr_info, tcgv_ptr_temp(ptr), args);
    tcg_gen_goto_ptr(ptr);
}

/*
 * The jump cache slot of a run-time guest PC, as a byte offset into the
 * array: tb_jmp_cache_index(pc) * sizeof(TranslationBlock *), in IR.
 */
static void gen_jmp_cache_offset(TCGv_i64 ofs, TCGv_i64 pc)
{
    TCGv_i64 t = tcg_temp_ebb_new_i64();

    /* The page group: ((pc >> PAGE_BITS) & (PAGE_SIZE - 1)) << PAGE_BITS. */
    tcg_gen_shri_i64(ofs, pc, KOINE_PAGE_BITS - TB_JMP_PAGE_BITS);
    tcg_gen_andi_i64(ofs, ofs, (TB_JMP_PAGE_SIZE - 1) << TB_JMP_PAGE_BITS);
    /* The slot in the group: ((pc >> 2) ^ (pc >> (2 + PAGE_BITS))) & (PAGE_SIZE - 1). */
    tcg_gen_shri_i64(t, pc, TB_JMP_PAGE_BITS);
    tcg_gen_xor_i64(t, t, pc);
    tcg_gen_shri_i64(t, t, 2);
    tcg_gen_andi_i64(t, t, TB_JMP_PAGE_SIZE - 1);
    tcg_gen_or_i64(ofs, ofs, t);
    tcg_gen_shli_i64(ofs, ofs, 3);
}

/*
 * What translator_goto_ptr_same_state() emits: the exec loop's jump cache
 * lookup (tb_lookup's first step) inline, for a next TB whose state is
 * known to be the current TB's. A helper call that recomputes the state
 * from env, takes a lock-free hash lookup on a miss and checks the debug
 * options costs tens of nanoseconds; the common case here is two loads
 * and four compares, and it matters because every return, indirect call
 * and branch to another page (call and return of a function in another
 * page, loops that span a page boundary) leaves a TB this way: about 12
 * million times a second in a Linux guest running gzip.
 *
 * Correct because the jump cache only ever holds TBs whose virtual PC maps
 * as it did when they were translated (TLB flushes clear it), and because
 * an invalidated TB carries CF_INVALID in cflags, which the compare of
 * flags and cflags then fails. Anything else (empty slot, another PC or
 * state) takes the helper, which also fills the slot.
 */
static void gen_jmp_cache_probe(const TranslationBlock *tb, TCGv_i64 pc, bool pc_known,
                                uint64_t known_pc, TCGLabel *miss)
{
    intptr_t jc_field = (intptr_t)offsetof(CPUState, tb_jmp_cache) - (intptr_t)sizeof(CPUState);
    uint64_t state = (uint64_t)tb->cflags << 32 | tb->flags;
    TCGv_i64 slot = tcg_temp_ebb_new_i64();
    TCGv_i64 next = tcg_temp_ebb_new_i64();
    TCGv_i64 field = tcg_temp_ebb_new_i64();

    _Static_assert(offsetof(TranslationBlock, cflags) == offsetof(TranslationBlock, flags) + 4,
                   "the probe loads flags and cflags as one little-endian 64-bit word");
    tcg_gen_ld_i64(slot, tcg_env, jc_field);
    if (pc_known) {
        tcg_gen_ld_i64(next, slot, tb_jmp_cache_index(known_pc) * sizeof(TranslationBlock *));
    } else {
        gen_jmp_cache_offset(field, pc);
        tcg_gen_add_i64(slot, slot, field);
        tcg_gen_ld_i64(next, slot, 0);
    }
    tcg_gen_brcondi_i64(TCG_COND_EQ, next, 0, miss);
    tcg_gen_ld_i64(field, next, offsetof(TranslationBlock, pc));
    if (pc_known) {
        tcg_gen_brcondi_i64(TCG_COND_NE, field, (int64_t)known_pc, miss);
    } else {
        tcg_gen_brcond_i64(TCG_COND_NE, field, pc, miss);
    }
    tcg_gen_ld_i64(field, next, offsetof(TranslationBlock, flags));
    tcg_gen_brcondi_i64(TCG_COND_NE, field, (int64_t)state, miss);
    tcg_gen_ld_i64(field, next, offsetof(TranslationBlock, cs_base));
    tcg_gen_brcondi_i64(TCG_COND_NE, field, (int64_t)tb->cs_base, miss);
    tcg_gen_ld_i64(field, next, offsetof(TranslationBlock, tc_ptr));
    tcg_gen_goto_ptr(field);
}

static void goto_ptr_same_state(const TranslationBlock *tb, TCGv_i64 pc, bool pc_known,
                                uint64_t known_pc)
{
    TCGLabel *miss;

    /* Not chaining, or logging every TB the exec loop enters: the helper decides. */
    if ((tb->cflags & CF_NOCHAIN) || log_enabled(log_exec) || log_enabled(log_cpu)) {
        translator_lookup_and_goto_ptr();
        return;
    }
    miss = tcg_label_new(tcg_ctx);
    gen_jmp_cache_probe(tb, pc, pc_known, known_pc, miss);
    tcg_gen_set_label(miss);
    translator_lookup_and_goto_ptr();
}

void translator_goto_ptr_same_state(const TranslationBlock *tb, TCGv_i64 pc)
{
    goto_ptr_same_state(tb, pc, false, 0);
}

void translator_goto_pc_same_state(const TranslationBlock *tb, uint64_t pc)
{
    goto_ptr_same_state(tb, NULL, true, pc);
}
