/*
 * What every guest frontend's translate() uses around its instructions.
 *
 *   translator_tb_start(tb)        first: the exit-request check
 *   ... per instruction:
 *       insn = translator_ld(cpu, tb, pc, MO_LEUL);   // fetches and records code pages
 *       tcg_gen_insn_start(pc, ...); emit IR ...
 *       translator_insn_end(tb, next_pc);
 *   end with translator_goto_tb (direct jump, chainable), translator_exit_tb
 *   (back to the exec loop), translator_lookup_and_goto_ptr (indirect jump)
 *   or translator_goto_{ptr,pc}_same_state (an indirect or cross-page jump
 *   that keeps the CPU state: an inline jump cache probe first)
 *   translator_tb_end(tb)          last: emits the exit path of the check
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_TRANSLATOR_H
#define ACCEL_TCG_TRANSLATOR_H

#include "accel/tcg/tb.h"
#include "hw/core/cpu.h"
#include "tcg/tcg-op.h"

void translator_tb_start(TranslationBlock *tb);
void translator_tb_end(TranslationBlock *tb);

/*
 * Reads guest code at pc (1, 2, 4 or 8 bytes in memop's byte order) for tb,
 * recording the physical pages it comes from. A fetch fault on tb's first
 * instruction is raised; frontends stop a TB before an instruction on a new
 * page (translator_same_page) so later faults belong to the next TB.
 */
uint64_t translator_ld(CPUState *cpu, TranslationBlock *tb, uint64_t pc, MemOp memop);
bool translator_same_page(const TranslationBlock *tb, uint64_t pc);
/* The TB's guest code now ends at next_pc. */
void translator_insn_end(TranslationBlock *tb, uint64_t next_pc);

/* Direct jumps may chain only within the TB's own page (mappings can change). */
bool translator_use_goto_tb(const TranslationBlock *tb, uint64_t dest);
/* goto_tb n and its exit: the guest PC must already hold the destination. */
void translator_goto_tb(TranslationBlock *tb, unsigned n);
void translator_exit_tb(void);
/* To the TB at the guest PC (already in the guest's PC register), whatever the CPU state. */
void translator_lookup_and_goto_ptr(void);
/*
 * The same, for a jump that leaves the CPU state the TB was translated for
 * unchanged (branches to a register or to another page, not ones that
 * change privilege, MMU or FP enables): `pc` holds the destination, or it
 * is the constant `pc`. Most such jumps then find their TB inline, with no
 * helper call.
 */
void translator_goto_ptr_same_state(const TranslationBlock *tb, TCGv_i64 pc);
void translator_goto_pc_same_state(const TranslationBlock *tb, uint64_t pc);

#endif
