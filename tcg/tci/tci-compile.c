/*
 * The interpreter's compiler: turns the op list into the bytecode of
 * tci.h, in the code buffer.
 *
 * Two passes. The first gives every constant and every EBB/TB temp the op
 * list mentions a frame slot of its own (no sharing: a slot per temp is
 * trivially right across loops and labels, and frames stay small because
 * TBs are). The second emits one instruction per op, bracketed by global
 * loads and stores, resolving labels as it goes: a backward branch gets
 * its displacement at once, a forward one is recorded as a relocation on
 * the label and patched when the label is set.
 *
 * Emission keeps counting after the buffer is full, writing nothing, so the
 * passes stay simple; a full buffer makes gen_code return NULL at the end.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/tci/tci.h"
#include "tcg/code-buffer.h"
#include "tcg/gvec.h"

#define SLOT_NONE UINT32_MAX

typedef struct TCICompiler {
    TCGContext *s;
    uint32_t *code;             /* read-write view of the TB's first word */
    size_t cap;                 /* words that fit in the buffer */
    size_t len;                 /* words emitted (may exceed cap: full) */
    uint32_t *slot;             /* by temp index: frame slot, or SLOT_NONE */
    uint32_t scratch;           /* first scratch slot */
} TCICompiler;

/* ---- Emission ---- */

static void emit(TCICompiler *c, uint32_t word)
{
    if (c->len < c->cap) {
        c->code[c->len] = word;
    }
    c->len++;
}

static void emit64(TCICompiler *c, uint64_t value)
{
    uint32_t words[2];

    memcpy(words, &value, sizeof(words));
    emit(c, words[0]);
    emit(c, words[1]);
}

static void emit_head(TCICompiler *c, unsigned code, unsigned aux)
{
    assert(code <= TCI_CODE_MASK && aux <= 0xffff);
    emit(c, code | aux << TCI_AUX_SHIFT);
}

static uint32_t byte_offset(const TCICompiler *c)
{
    assert(c->len <= UINT32_MAX / 4);
    return c->len * 4;
}

/* ---- Frame slots ---- */

static void note_temp(TCICompiler *c, TCGTemp *t, GPtrArray *consts, GPtrArray *temps)
{
    if (c->slot[t->index] != SLOT_NONE) {
        return;
    }
    switch (t->kind) {
    case TEMP_CONST:
        c->slot[t->index] = consts->len;
        g_ptr_array_add(consts, t);
        break;
    case TEMP_EBB:
    case TEMP_TB:
        c->slot[t->index] = temps->len;
        g_ptr_array_add(temps, t);
        break;
    case TEMP_FIXED:
        /* The only fixed temp is env; globals are addressed relative to it. */
        assert(t == tcgv_ptr_temp(c->s->env));
        c->slot[t->index] = TCI_ENV_SLOT;
        break;
    case TEMP_GLOBAL:
        break;                  /* lives in env, never in the frame */
    }
}

/*
 * Numbers the slots and emits the enter instruction: env, then constants,
 * then temps, then scratch.
 */
static void assign_slots(TCICompiler *c)
{
    GPtrArray *consts = g_ptr_array_new();
    GPtrArray *temps = g_ptr_array_new();
    uint32_t first_temp;

    tcg_for_each_op(c->s, op) {
        if (op->opc == INDEX_op_discard) {
            continue;           /* emits nothing: needs no slot */
        }
        for (unsigned i = 0; i < op->nb_oargs + op->nb_iargs; i++) {
            note_temp(c, arg_temp(op->args[i]), consts, temps);
        }
    }
    first_temp = 1 + consts->len;
    for (guint i = 0; i < consts->len; i++) {
        TCGTemp *t = consts->pdata[i];

        c->slot[t->index] += 1;
    }
    for (guint i = 0; i < temps->len; i++) {
        TCGTemp *t = temps->pdata[i];

        c->slot[t->index] += first_temp;
    }
    c->scratch = first_temp + temps->len;

    emit_head(c, TCI_ENTER, 0);
    emit(c, c->scratch + TCI_SCRATCH_SLOTS);
    emit(c, consts->len);
    for (guint i = 0; i < consts->len; i++) {
        emit64(c, temp_const_value(consts->pdata[i]));
    }
    g_ptr_array_free(consts, true);
    g_ptr_array_free(temps, true);
}

/* The slot of a temp that is not a global (assigned by assign_slots). */
static uint32_t slot_of(const TCICompiler *c, const TCGTemp *t)
{
    assert(t->kind != TEMP_GLOBAL && c->slot[t->index] != SLOT_NONE);
    return c->slot[t->index];
}

/* ---- Globals ---- */

static void emit_mem(TCICompiler *c, TCGOpcode opc, TCGType type, uint32_t value,
                     uint32_t base, intptr_t offset)
{
    emit_head(c, TCI_CODE(opc, type), 0);
    emit(c, value);
    emit(c, base);
    emit64(c, (uint64_t)(int64_t)offset);
}

static uint32_t global_base(const TCICompiler *c, const TCGTemp *t)
{
    assert(t->kind == TEMP_GLOBAL && t->mem_base == tcgv_ptr_temp(c->s->env));
    return TCI_ENV_SLOT;
}

static void load_global(TCICompiler *c, uint32_t dest, const TCGTemp *t)
{
    emit_mem(c, INDEX_op_ld, t->type, dest, global_base(c, t), t->mem_offset);
}

static void store_global(TCICompiler *c, uint32_t src, const TCGTemp *t)
{
    emit_mem(c, INDEX_op_st, t->type, src, global_base(c, t), t->mem_offset);
}

/*
 * Slots for the op's temps (outputs, then inputs, as in op->args): inputs
 * that are globals are loaded into scratch first; outputs that are globals
 * get scratch slots that store_outputs() writes back.
 */
static void load_operands(TCICompiler *c, const TCGOp *op, unsigned nb_oargs,
                          unsigned nb_iargs, uint32_t *slots)
{
    unsigned in_scratch = 0, out_scratch = 0;

    assert(nb_oargs <= TCI_SCRATCH_OUTPUTS || op->opc == INDEX_op_call);
    assert(nb_oargs + nb_iargs <= TCI_MAX_OP_TEMPS);
    for (unsigned i = nb_oargs; i < nb_oargs + nb_iargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        if (t->kind == TEMP_GLOBAL) {
            assert(in_scratch < TCI_SCRATCH_INPUTS);
            slots[i] = c->scratch + in_scratch++;
            load_global(c, slots[i], t);
        } else {
            slots[i] = slot_of(c, t);
        }
    }
    for (unsigned i = 0; i < nb_oargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        if (t->kind == TEMP_GLOBAL) {
            assert(out_scratch < TCI_SCRATCH_OUTPUTS);
            slots[i] = c->scratch + TCI_SCRATCH_INPUTS + out_scratch++;
        } else {
            slots[i] = slot_of(c, t);
        }
    }
}

static void store_outputs(TCICompiler *c, const TCGOp *op, unsigned nb_oargs,
                          const uint32_t *slots)
{
    for (unsigned i = 0; i < nb_oargs; i++) {
        TCGTemp *t = arg_temp(op->args[i]);

        if (t->kind == TEMP_GLOBAL) {
            store_global(c, slots[i], t);
        }
    }
}

/* ---- Labels ---- */

/* Emits the displacement word of a branch to l (relative to that word). */
static void emit_label_ref(TCICompiler *c, TCGLabel *l)
{
    if (l->has_value) {
        emit(c, (uint32_t)(int32_t)((intptr_t)l->value - (intptr_t)c->len));
    } else {
        TCGRelocation *r = tcg_arena_alloc(c->s, sizeof(*r));

        r->addend = c->len;     /* the word to patch */
        r->next = l->relocs;
        l->relocs = r;
        emit(c, 0);
    }
}

static void set_label(TCICompiler *c, TCGLabel *l)
{
    assert(!l->has_value);
    l->has_value = true;
    l->value = c->len;
    for (TCGRelocation *r = l->relocs; r; r = r->next) {
        if ((size_t)r->addend < c->cap) {
            c->code[r->addend] = (uint32_t)(int32_t)((intptr_t)c->len - r->addend);
        }
    }
    l->relocs = NULL;
}

/* Labels keep backend state from an earlier attempt (buffer full, retry). */
static void reset_labels(TCGContext *s)
{
    for (guint i = 0; i < s->labels->len; i++) {
        TCGLabel *l = s->labels->pdata[i];

        l->has_value = false;
        l->value = 0;
        l->relocs = NULL;
    }
}

/* ---- Ops ---- */

static void compile_mov(TCICompiler *c, const TCGOp *op)
{
    TCGTemp *out = arg_temp(op->args[0]), *in = arg_temp(op->args[1]);

    if (in->kind == TEMP_GLOBAL && out->kind != TEMP_GLOBAL) {
        load_global(c, slot_of(c, out), in);
    } else if (out->kind == TEMP_GLOBAL) {
        uint32_t src = in->kind == TEMP_GLOBAL ? c->scratch : slot_of(c, in);

        if (in->kind == TEMP_GLOBAL) {
            load_global(c, src, in);
        }
        store_global(c, src, out);
    } else {
        emit_head(c, TCI_CODE(INDEX_op_mov, op->type), 0);
        emit(c, slot_of(c, out));
        emit(c, slot_of(c, in));
    }
}

static void compile_call(TCICompiler *c, const TCGOp *op)
{
    const TCGHelperInfo *info = tcg_call_info(op);
    uint32_t slots[TCI_MAX_OP_TEMPS];
    unsigned aux = info->nb_args;

    assert(info->nb_args <= TCG_MAX_HELPER_ARGS && op->nb_iargs == info->nb_args);
    load_operands(c, op, op->nb_oargs, op->nb_iargs, slots);
    if (info->has_ret) {
        aux |= TCI_CALL_HAS_RET;
        if (info->ret_type == TCG_TYPE_I32) {
            aux |= TCI_CALL_RET_I32;
        }
    }
    emit_head(c, TCI_CODE(INDEX_op_call, TCG_TYPE_I64), aux);
    emit64(c, (uint64_t)(uintptr_t)info->func);
    emit(c, info->has_ret ? slots[0] : TCI_ENV_SLOT);   /* not written without a result */
    for (unsigned i = 0; i < info->nb_args; i++) {
        emit(c, slots[op->nb_oargs + i]);
    }
    store_outputs(c, op, op->nb_oargs, slots);
}

static void compile_goto_tb(TCICompiler *c, const TCGOp *op)
{
    unsigned n = op->args[0];
    /* The target word must be 8-byte aligned in memory, so it can be patched atomically. */
    uintptr_t after_head = (uintptr_t)(c->code + c->len + 1);
    unsigned target_index = after_head % 8 ? 2 : 1;

    assert(n < 2);
    emit_head(c, TCI_CODE(INDEX_op_goto_tb, TCG_TYPE_I64), target_index);
    if (target_index == 2) {
        emit(c, 0);
    }
    c->s->goto_tb_jump_offset[n] = byte_offset(c);
    emit64(c, 0);               /* not chained: fall through */
    c->s->goto_tb_reset_offset[n] = byte_offset(c);
}

/* The aux field of a data op: its condition or bit field. */
static unsigned data_aux(const TCGOp *op)
{
    const TCGArg *cargs = &op->args[op->nb_oargs + op->nb_iargs];

    switch (op->opc) {
    case INDEX_op_extract:
    case INDEX_op_sextract:
    case INDEX_op_deposit:
        assert(cargs[0] < 64 && cargs[1] <= 64);
        return cargs[0] | cargs[1] << 8;
    case INDEX_op_extract2:
        assert(cargs[0] <= 64);
        return cargs[0];
    case INDEX_op_setcond:
    case INDEX_op_negsetcond:
    case INDEX_op_movcond:
    case INDEX_op_brcond:
        assert(cargs[0] < TCG_COND_COUNT);
        return cargs[0];
    default:
        return 0;
    }
}

static bool is_memory_op(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u: case INDEX_op_ld16s:
    case INDEX_op_ld32u: case INDEX_op_ld32s: case INDEX_op_ld:
    case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32: case INDEX_op_st:
        return true;
    default:
        return false;
    }
}

/* Typed data ops, ld/st, guest_ld/st, brcond and goto_ptr: head, slots, trailer. */
static void compile_generic(TCICompiler *c, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    uint32_t slots[TCI_MAX_OP_TEMPS];
    TCGType type = def->flags & TCG_OPF_INT ? op->type : TCG_TYPE_I64;

    assert(op->nb_cargs == def->nb_cargs);
    if (op->opc == INDEX_op_brcond) {
        type = op->type;
    }
    load_operands(c, op, op->nb_oargs, op->nb_iargs, slots);
    emit_head(c, TCI_CODE(op->opc, type), data_aux(op));
    for (unsigned i = 0; i < op->nb_oargs + op->nb_iargs; i++) {
        emit(c, slots[i]);
    }
    if (is_memory_op(op->opc)) {
        emit64(c, (uint64_t)(int64_t)(intptr_t)op->args[2]);
    } else if (op->opc == INDEX_op_guest_ld || op->opc == INDEX_op_guest_st) {
        emit(c, (uint32_t)op->args[2]);
    } else if (op->opc == INDEX_op_brcond) {
        emit_label_ref(c, arg_label(op->args[3]));
    }
    store_outputs(c, op, op->nb_oargs, slots);
}

/* A vector op: its operands are env offsets; gvec_dup's value may be a global. */
static void compile_gvec(TCICompiler *c, const TCGOp *op)
{
    uint32_t slots[TCI_MAX_OP_TEMPS];
    TCGGvecArgs ga;

    tcg_gvec_args(op, &ga);
    assert(ga.oprsz <= 0xffff && ga.maxsz <= 0xffff && ga.vece <= 0xff);
    load_operands(c, op, op->nb_oargs, op->nb_iargs, slots);
    emit_head(c, TCI_CODE(op->opc, TCG_TYPE_I64), 0);
    if (op->nb_iargs) {
        emit(c, slots[0]);
    }
    emit(c, ga.oprsz | ga.maxsz << 16);
    emit(c, ga.vece | ga.imm << 8);
    emit(c, ga.dofs);
    emit(c, ga.aofs);
    emit(c, ga.bofs);
    emit(c, ga.cofs);
}

static void compile_op(TCICompiler *c, const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_discard:
    case INDEX_op_insn_start:
        break;
    case INDEX_op_set_label:
        set_label(c, arg_label(op->args[0]));
        break;
    case INDEX_op_br:
        emit_head(c, TCI_CODE(INDEX_op_br, TCG_TYPE_I64), 0);
        emit_label_ref(c, arg_label(op->args[0]));
        break;
    case INDEX_op_exit_tb:
        emit_head(c, TCI_CODE(INDEX_op_exit_tb, TCG_TYPE_I64), 0);
        emit64(c, op->args[0]);
        break;
    case INDEX_op_goto_tb:
        compile_goto_tb(c, op);
        break;
    case INDEX_op_mb:
        emit_head(c, TCI_CODE(INDEX_op_mb, TCG_TYPE_I64),
                  op->args[0] & TCG_MO_ST_LD ? TCI_MB_SEQ_CST : TCI_MB_ACQ_REL);
        break;
    case INDEX_op_call:
        compile_call(c, op);
        break;
    case INDEX_op_mov:
        compile_mov(c, op);
        break;
    default:
        if (tcg_op_is_gvec(op->opc)) {
            compile_gvec(c, op);
            break;
        }
        compile_generic(c, op);
        break;
    }
}

static void record_insn_end(TCICompiler *c)
{
    uint32_t offset = byte_offset(c);

    g_array_append_val(c->s->insn_end_offsets, offset);
}

const void *tci_gen_code(TCGContext *s, size_t *size)
{
    TCICompiler c = { .s = s };
    size_t avail;
    bool in_insn = false;

    c.code = (uint32_t *)code_buffer_begin(&avail);
    assert((uintptr_t)c.code % 4 == 0);
    c.cap = avail / 4;
    c.slot = g_new(uint32_t, s->nb_temps);
    memset(c.slot, 0xff, s->nb_temps * sizeof(uint32_t));     /* SLOT_NONE */
    /* env is every global's base even in a TB that never names it. */
    c.slot[tcgv_ptr_temp(s->env)->index] = TCI_ENV_SLOT;

    for (int i = 0; i < 2; i++) {
        s->goto_tb_jump_offset[i] = UINT32_MAX;
        s->goto_tb_reset_offset[i] = UINT32_MAX;
    }
    g_array_set_size(s->insn_end_offsets, 0);
    reset_labels(s);

    assign_slots(&c);
    tcg_for_each_op(s, op) {
        if (op->opc == INDEX_op_insn_start) {
            if (in_insn) {
                record_insn_end(&c);
            }
            in_insn = true;
        }
        compile_op(&c, op);
    }
    if (in_insn) {
        record_insn_end(&c);
    }
    g_free(c.slot);

    if (c.len > c.cap) {
        return NULL;
    }
    *size = c.len * 4;
    return code_buffer_commit(c.len * 4);
}
