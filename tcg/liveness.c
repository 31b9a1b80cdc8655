/*
 * Liveness analysis (see liveness.h).
 *
 * Walking the ops backwards, each temp carries two bits: DEAD (no later op
 * reads the value) and MEM (later code needs the value in the temp's memory
 * home: a global's CPU state field, or a TB temp's stack slot). The state is
 * reset wherever control flow joins or leaves:
 *   - at labels and unconditional branches (block ends), globals and TB
 *     temps must be in memory and nothing lives in registers: the code at a
 *     label does not know where it came from;
 *   - at conditional branches, the fall-through keeps its registers but the
 *     taken path needs globals and TB temps in memory;
 *   - at TB exits, globals must be in memory and every temp is dead;
 *   - goto_tb only needs globals in memory: unchained, it falls through with
 *     all registers intact.
 * Guest memory ops (guest_ld, guest_st) need every global in memory before
 * them, since a fault's handler reads the CPU state, but write none, so
 * cached copies stay valid after them. The registers their slow path
 * clobbers are the backend's business (it saves what lives across).
 * MEM propagates back to the last write, which then gets its sync bit: the
 * store happens once, where the value is made, and the register can be
 * freed at its last read.
 *
 * A TEMP_TB temp that is only ever used inside one extended basic block is
 * treated as an EBB temp (dead at labels), so frontends that use TB temps
 * for short-lived values pay nothing for it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/liveness.h"

#define TS_DEAD 1
#define TS_MEM  2

typedef struct Liveness {
    TCGContext *s;
    uint8_t *state;         /* per temp */
    bool *crosses;          /* per temp: a TB temp used in more than one EBB */
} Liveness;

static bool tracked(const TCGTemp *t)
{
    return t->kind != TEMP_FIXED && t->kind != TEMP_CONST;
}

/* TB temps that really cross a label. */
static void find_crossing_temps(Liveness *l)
{
    TCGContext *s = l->s;
    unsigned *first_ebb = tcg_arena_alloc(s, s->nb_temps * sizeof(unsigned));
    unsigned ebb = 1;

    tcg_for_each_op(s, op) {
        unsigned nt = op->nb_oargs + op->nb_iargs;

        if (op->opc == INDEX_op_set_label) {
            ebb++;
            continue;
        }
        for (unsigned i = 0; i < nt; i++) {
            TCGTemp *t = arg_temp(op->args[i]);

            if (t->kind != TEMP_TB) {
                continue;
            }
            if (!first_ebb[t->index]) {
                first_ebb[t->index] = ebb;
            } else if (first_ebb[t->index] != ebb) {
                l->crosses[t->index] = true;
            }
        }
    }
}

/* Block end: globals and crossing TB temps in memory, nothing in registers. */
static void la_bb_end(Liveness *l)
{
    TCGContext *s = l->s;

    for (unsigned i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = tcg_temp_at(s, i);

        if (t->kind == TEMP_GLOBAL || (t->kind == TEMP_TB && l->crosses[i])) {
            l->state[i] = TS_DEAD | TS_MEM;
        } else {
            l->state[i] = TS_DEAD;
        }
    }
}

/* Conditional branch: the taken path needs memory homes current. */
static void la_bb_sync(Liveness *l)
{
    TCGContext *s = l->s;

    for (unsigned i = 0; i < s->nb_temps; i++) {
        TCGTemp *t = tcg_temp_at(s, i);

        if (t->kind == TEMP_GLOBAL || (t->kind == TEMP_TB && l->crosses[i])) {
            l->state[i] |= TS_MEM;
        }
    }
}

/* Leaving the TB: globals in memory, everything else dead. */
static void la_exit(Liveness *l)
{
    TCGContext *s = l->s;

    for (unsigned i = 0; i < s->nb_temps; i++) {
        l->state[i] = tcg_temp_at(s, i)->kind == TEMP_GLOBAL ? TS_DEAD | TS_MEM : TS_DEAD;
    }
}

static void la_globals(Liveness *l, uint8_t set, bool replace)
{
    for (unsigned i = 0; i < l->s->nb_globals; i++) {
        if (tcg_temp_at(l->s, i)->kind == TEMP_GLOBAL) {
            l->state[i] = replace ? set : (l->state[i] | set);
        }
    }
}

static bool removable(const TCGOp *op)
{
    unsigned flags = tcg_op_defs[op->opc].flags;

    if (op->opc == INDEX_op_call) {
        return tcg_call_info(op)->flags & TCG_CALL_NO_SIDE_EFFECTS;
    }
    return !(flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END)) && op->nb_oargs > 0;
}

static void la_op(Liveness *l, TCGOp *op)
{
    unsigned no = op->nb_oargs, ni = op->nb_iargs;
    uint16_t dead = 0;
    uint8_t sync = 0;

    if (removable(op)) {
        bool all_dead = true;

        for (unsigned i = 0; i < no; i++) {
            TCGTemp *t = arg_temp(op->args[i]);

            if (!tracked(t) || l->state[t->index] != TS_DEAD) {
                all_dead = false;
            }
        }
        if (all_dead) {
            tcg_op_remove(l->s, op);
            return;
        }
    }
    for (unsigned i = 0; i < no; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        if (!tracked(t)) {
            continue;
        }
        if (l->state[t->index] & TS_DEAD) {
            dead |= 1u << i;
        }
        if (l->state[t->index] & TS_MEM) {
            sync |= 1u << i;
        }
        l->state[t->index] = TS_DEAD;
    }
    if (op->opc == INDEX_op_call) {
        unsigned flags = tcg_call_info(op)->flags;

        if (!(flags & TCG_CALL_NO_WRITE_GLOBALS)) {
            la_globals(l, TS_DEAD | TS_MEM, true);
        } else if (!(flags & TCG_CALL_NO_READ_GLOBALS)) {
            la_globals(l, TS_MEM, false);
        }
    } else if (op->opc == INDEX_op_guest_ld || op->opc == INDEX_op_guest_st) {
        la_globals(l, TS_MEM, false);
    }
    for (unsigned i = no; i < no + ni; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        if (!tracked(t)) {
            continue;
        }
        if (l->state[t->index] & TS_DEAD) {
            dead |= 1u << i;
        }
        l->state[t->index] &= ~TS_DEAD;
    }
    op->dead = dead;
    op->sync = sync;
}

void tcg_liveness(TCGContext *s)
{
    Liveness l = {
        .s = s,
        .state = tcg_arena_alloc(s, s->nb_temps),
        .crosses = tcg_arena_alloc(s, s->nb_temps * sizeof(bool)),
    };

    find_crossing_temps(&l);
    la_exit(&l);
    for (TCGOp *op = s->last_op, *prev; op; op = prev) {
        prev = op->prev;
        op->dead = 0;
        op->sync = 0;
        switch (op->opc) {
        case INDEX_op_set_label:
        case INDEX_op_br:
            la_bb_end(&l);
            break;
        case INDEX_op_brcond:
            la_bb_sync(&l);
            la_op(&l, op);
            break;
        case INDEX_op_exit_tb:
            la_exit(&l);
            break;
        case INDEX_op_goto_ptr:
            la_exit(&l);
            la_op(&l, op);
            break;
        case INDEX_op_goto_tb:
            la_globals(&l, TS_MEM, false);
            break;
        case INDEX_op_insn_start:
        case INDEX_op_mb:
            break;
        case INDEX_op_discard: {
            TCGTemp *t = arg_temp(op->args[0]);

            if (tracked(t)) {
                l.state[t->index] = TS_DEAD;
            }
            break;
        }
        default:
            la_op(&l, op);
            break;
        }
    }
}
