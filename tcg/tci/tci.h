/*
 * The portable interpreter's bytecode: the contract between the compiler
 * (tci-compile.c, ops to bytecode) and the interpreter loop (tci-exec.c).
 *
 * A TB is an array of 32-bit words in the code buffer. Every instruction
 * starts with a head word: the dispatch code in the low 16 bits and a small
 * immediate ("aux": a condition, a bit field, call flags) in the high 16.
 * The dispatch code of an IR op is opc * 2 + type, so the loop has one case
 * per (op, width) in which eval.h's inline functions fold to a few machine
 * instructions. Operands follow as frame slot numbers, one word each, then
 * wider immediates (64-bit values as two words, read with memcpy).
 *
 * The frame is an array of uint64_t slots the interpreter owns:
 *   slot 0                     env
 *   slots 1 .. nb_consts       the TB's constants (copied in on entry)
 *   then                       one slot per EBB/TB temp (zeroed on entry)
 *   last TCI_SCRATCH_SLOTS     scratch for globals around one op
 * Every operand is therefore a plain slot: the loop never looks at a temp's
 * kind. Globals are not slots: the compiler brackets an op that reads a
 * global with an `ld` from env into scratch, and one that writes a global
 * with an `st` back, so CPU state memory is always current.
 * An i32 value lives zero-extended in its slot.
 *
 * Formats (words; "s" is a slot, "imm64" two words):
 *   enter      [head][nb_slots][nb_consts][imm64 x nb_consts]  first in every TB
 *   data op    [head][outputs s...][inputs s...]               aux: cond / ofs | len << 8
 *   ld*, st*   [head][value s][base s][offset imm64]
 *   br         [head][rel]                  rel: words from the rel word to the target
 *   brcond     [head|cond][a s][b s][rel]
 *   exit_tb    [head][value imm64]
 *   goto_tb    [head|k][pad if k == 2][target imm64 at word k, 8-byte aligned]
 *   goto_ptr   [head][pointer s]
 *   call       [head|nargs|flags][func imm64][ret s][arg s x nargs]
 *   mb         [head|TCI_MB_*]
 *   guest_ld   [head][value s][addr s][MemOpIdx]
 *   guest_st   [head][value s][addr s][MemOpIdx]
 *   gvec_*     [head][value s, gvec_dup only][oprsz | maxsz << 16][vece | imm << 8]
 *              [dofs][aofs][bofs][cofs]        tcg/gvec.h; run by tcg_eval_gvec
 *
 * Before a helper call or a guest memory access (whose slow path is a
 * helper too) the interpreter stores the bytecode address of the next
 * instruction in tci_retaddr (tcg-backend.h), so TCG_GETPC() inside the
 * helper, and the retaddr a guest access passes on, locate the guest
 * instruction in the TB's insn_end_offsets like native return addresses.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCI_TCI_H
#define TCG_TCI_TCI_H

#include "tcg/tcg.h"

/* The dispatch code of op opc of the given type; control ops use TCG_TYPE_I64. */
#define TCI_CODE(opc, type)   ((unsigned)(opc) * 2 + (unsigned)(type))
/* First instruction of every TB: sets up the frame. */
#define TCI_ENTER             (NB_OPS * 2)

#define TCI_CODE_MASK         0xffffu
#define TCI_AUX_SHIFT         16

/* Frame layout. */
#define TCI_ENV_SLOT          0
/* Enough for the most operands one op has: a call's 8 arguments and its result. */
#define TCI_SCRATCH_INPUTS    TCG_MAX_HELPER_ARGS
#define TCI_SCRATCH_OUTPUTS   2
#define TCI_SCRATCH_SLOTS     (TCI_SCRATCH_INPUTS + TCI_SCRATCH_OUTPUTS)
/* The most temps one op names (a call: result and 8 arguments; add2: 6). */
#define TCI_MAX_OP_TEMPS      (1 + TCG_MAX_HELPER_ARGS)

/* call: aux = nargs | flags. */
#define TCI_CALL_NARGS_MASK   0xffu
#define TCI_CALL_HAS_RET      0x100u
#define TCI_CALL_RET_I32      0x200u

/* gvec ops: words after the head (and gvec_dup's value slot). */
#define TCI_GVEC_WORDS        6

/* mb: aux is the fence the barrier needs. */
#define TCI_MB_ACQ_REL        0     /* orders everything but store -> load */
#define TCI_MB_SEQ_CST        1     /* store -> load needs a full fence */

const void *tci_gen_code(TCGContext *s, size_t *size);
uintptr_t tci_exec(void *env, const void *code);

#endif
