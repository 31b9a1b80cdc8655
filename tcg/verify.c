/*
 * The IR verifier: catches malformed IR where it is made (in the
 * frontend or a pass) rather than as a wrong result in generated code.
 *
 * It checks every op's temps have the types the op needs, outputs are not
 * constants, constant arguments are in range, branches go to labels that are
 * set exactly once, vector ops touch no global's CPU state, and an EBB temp
 * is only read in the extended basic block that wrote it (EBB temps die at
 * every label).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/tcg.h"
#include "tcg/memop.h"
#include "tcg/gvec.h"

static bool fail(TCGContext *s, const TCGOp *op, const char *why)
{
    fprintf(stderr, "tcg_verify: %s at op %s; the TB so far:\n", why,
            tcg_op_defs[op->opc].name);
    tcg_dump_ops(s, stderr);
    return false;
}

/* The type input/output i of op must have. */
static TCGType arg_type(const TCGOp *op, unsigned i)
{
    switch (op->opc) {
    case INDEX_op_ext_i32_i64:
    case INDEX_op_extu_i32_i64:
        return i == 0 ? TCG_TYPE_I64 : TCG_TYPE_I32;
    case INDEX_op_extrl_i64_i32:
    case INDEX_op_extrh_i64_i32:
        return i == 0 ? TCG_TYPE_I32 : TCG_TYPE_I64;
    case INDEX_op_ld8u: case INDEX_op_ld8s: case INDEX_op_ld16u:
    case INDEX_op_ld16s: case INDEX_op_ld32u: case INDEX_op_ld32s:
    case INDEX_op_ld:
    case INDEX_op_st8: case INDEX_op_st16: case INDEX_op_st32:
    case INDEX_op_st:
        return i == 1 ? TCG_TYPE_PTR : op->type;    /* the base is a pointer */
    case INDEX_op_goto_ptr:
        return TCG_TYPE_PTR;
    case INDEX_op_guest_ld:
    case INDEX_op_guest_st:
        return i == 1 ? TCG_TYPE_I64 : op->type;      /* the address */
    default:
        return op->type;
    }
}

static unsigned bits(TCGType type)
{
    return type == TCG_TYPE_I32 ? 32 : 64;
}

static bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/*
 * A gvec op's sizes and offsets (tcg/gvec.h), and that no global lives in
 * the CPU state it touches: backends keep globals in host registers and
 * would not see the op change them.
 */
static bool check_gvec(TCGContext *s, const TCGOp *op)
{
    TCGGvecArgs ga;
    uint32_t srcs[3];
    unsigned nsrc = tcg_gvec_nb_srcs(op->opc);

    tcg_gvec_args(op, &ga);
    srcs[0] = ga.aofs;
    srcs[1] = ga.bofs;
    srcs[2] = ga.cofs;
    if (ga.vece > MO_64 || (ga.oprsz != 8 && ga.oprsz != 16 && ga.oprsz != 32) ||
        ga.maxsz < ga.oprsz || ga.maxsz % 8 || ga.maxsz > TCG_GVEC_MAX_MAXSZ ||
        ga.dofs % 8) {
        return fail(s, op, "bad vector sizes or destination");
    }
    if ((op->opc == INDEX_op_gvec_shli || op->opc == INDEX_op_gvec_shri ||
         op->opc == INDEX_op_gvec_sari) && ga.imm >= (8u << ga.vece)) {
        return fail(s, op, "shift out of range");
    }
    if (op->opc == INDEX_op_gvec_cmp && ga.imm >= TCG_COND_COUNT) {
        return fail(s, op, "bad condition");
    }
    for (unsigned i = 0; i < s->nb_globals; i++) {
        const TCGTemp *t = tcg_temp_at(s, i);
        uint64_t size = t->type == TCG_TYPE_I32 ? 4 : 8;

        if (t->kind != TEMP_GLOBAL) {
            continue;
        }
        if (ranges_overlap(t->mem_offset, size, ga.dofs, ga.maxsz)) {
            return fail(s, op, "vector destination overlaps a global");
        }
        for (unsigned k = 0; k < nsrc; k++) {
            uint64_t len = op->opc == INDEX_op_gvec_dup_mem ? 1u << ga.vece : ga.oprsz;

            if (ranges_overlap(t->mem_offset, size, srcs[k], len)) {
                return fail(s, op, "vector source overlaps a global");
            }
        }
    }
    return true;
}

static bool check_consts(TCGContext *s, const TCGOp *op)
{
    const TCGArg *c = &op->args[op->nb_oargs + op->nb_iargs];
    unsigned w = bits(op->type);

    if (tcg_op_defs[op->opc].flags & TCG_OPF_VECTOR) {
        return check_gvec(s, op);
    }
    switch (op->opc) {
    case INDEX_op_extract:
    case INDEX_op_sextract:
        return c[1] > 0 && c[0] + c[1] <= w ? true : fail(s, op, "field out of range");
    case INDEX_op_deposit:
        return c[1] > 0 && c[0] + c[1] <= w ? true : fail(s, op, "field out of range");
    case INDEX_op_extract2:
        return c[0] <= w ? true : fail(s, op, "shift out of range");
    case INDEX_op_setcond:
    case INDEX_op_negsetcond:
    case INDEX_op_movcond:
    case INDEX_op_brcond:
        return c[0] < TCG_COND_COUNT ? true : fail(s, op, "bad condition");
    case INDEX_op_ld32u:
    case INDEX_op_ld32s:
    case INDEX_op_st32:
        return op->type == TCG_TYPE_I64 ? true : fail(s, op, "32-bit access on i32 (use ld/st)");
    case INDEX_op_ext32s:
    case INDEX_op_ext32u:
    case INDEX_op_bswap64:
        return op->type == TCG_TYPE_I64 ? true : fail(s, op, "64-bit op on i32");
    case INDEX_op_goto_tb:
        return c[0] < 2 ? true : fail(s, op, "goto_tb slot out of range");
    case INDEX_op_guest_ld:
    case INDEX_op_guest_st:
        return op->type == TCG_TYPE_I64 || (get_memop(c[0]) & MO_SIZE) <= MO_32
               ? true : fail(s, op, "8-byte guest access on i32");
    default:
        return true;
    }
}

bool tcg_verify(TCGContext *s)
{
    /* For each EBB temp: the EBB number in which it was last written (0: never). */
    unsigned *written_in = g_new0(unsigned, s->nb_temps);
    unsigned ebb = 1;
    bool ok = true;

    for (guint i = 0; i < s->labels->len; i++) {
        TCGLabel *l = s->labels->pdata[i];

        if (l->refs && !l->present) {
            fprintf(stderr, "tcg_verify: label $L%u is used but never set\n", l->id);
            ok = false;
        }
    }
    for (TCGOp *op = s->first_op; op && ok; op = op->next) {
        unsigned nt = op->nb_oargs + op->nb_iargs;

        if (op->opc == INDEX_op_set_label) {
            ebb++;
            continue;
        }
        if (op->opc == INDEX_op_call) {
            const TCGHelperInfo *info = tcg_call_info(op);

            if (op->nb_iargs != info->nb_args || op->nb_oargs != (info->has_ret ? 1 : 0)) {
                ok = fail(s, op, "call operands do not match the helper");
                break;
            }
        }
        /* Inputs first: an op may write a temp it reads. */
        for (unsigned i = op->nb_oargs; i < nt && ok; i++) {
            TCGTemp *t = arg_temp(op->args[i]);
            TCGType want = op->opc == INDEX_op_call
                           ? tcg_call_info(op)->arg_types[i - op->nb_oargs]
                           : arg_type(op, i);

            if (t->index >= s->nb_temps || t->type != want) {
                ok = fail(s, op, "input temp of the wrong type");
            } else if (t->kind == TEMP_EBB && written_in[t->index] != ebb &&
                       op->opc != INDEX_op_discard) {
                ok = fail(s, op, "EBB temp read outside the block that wrote it");
            }
        }
        for (unsigned i = 0; i < op->nb_oargs && ok; i++) {
            TCGTemp *t = arg_temp(op->args[i]);
            TCGType want = op->opc == INDEX_op_call ? tcg_call_info(op)->ret_type
                                                    : arg_type(op, i);

            if (t->index >= s->nb_temps || t->type != want) {
                ok = fail(s, op, "output temp of the wrong type");
            } else if (t->kind == TEMP_CONST || t->kind == TEMP_FIXED) {
                ok = fail(s, op, "output is a constant or fixed temp");
            } else if (t->kind == TEMP_EBB) {
                written_in[t->index] = ebb;
            }
        }
        if (ok && op->nb_cargs && op->opc != INDEX_op_call) {
            ok = check_consts(s, op);
        }
        if (ok && (op->opc == INDEX_op_br || op->opc == INDEX_op_brcond)) {
            TCGLabel *l = arg_label(op->args[tcg_op_nargs(op) - 1]);

            if (l->id >= s->labels->len || s->labels->pdata[l->id] != l) {
                ok = fail(s, op, "branch to a label of another TB");
            }
        }
        /* An unconditional exit ends the EBB too: nothing flows past it. */
        if (op->opc == INDEX_op_br || (tcg_op_defs[op->opc].flags & TCG_OPF_BB_EXIT)) {
            ebb++;
        }
    }
    g_free(written_in);
    return ok;
}
