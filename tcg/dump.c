/*
 * Printing IR, as `-d op` and `-d op_opt` show it:
 *
 *    ---- 0000000000401000 0000000000000000 0000000000000000
 *    add_i32 tmp2,x0,$0x10
 *    brcond_i64 x1,$0x0,lt,$L0
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "tcg/tcg.h"
#include "tcg/gvec.h"

void tcg_temp_name(TCGContext *s, const TCGTemp *t, char *buf, size_t size)
{
    switch (t->kind) {
    case TEMP_FIXED:
    case TEMP_GLOBAL:
        snprintf(buf, size, "%s", t->name ? t->name : "global");
        break;
    case TEMP_CONST:
        if (t->type == TCG_TYPE_I32) {
            snprintf(buf, size, "$0x%" PRIx32, (uint32_t)t->val);
        } else {
            snprintf(buf, size, "$0x%" PRIx64, (uint64_t)t->val);
        }
        break;
    case TEMP_TB:
        snprintf(buf, size, "tmp%u", t->index - s->nb_globals);
        break;
    case TEMP_EBB:
        snprintf(buf, size, "ebb%u", t->index - s->nb_globals);
        break;
    }
}

static bool op_has_cond(TCGOpcode opc)
{
    return opc == INDEX_op_brcond || opc == INDEX_op_setcond ||
           opc == INDEX_op_negsetcond || opc == INDEX_op_movcond;
}

/*
 * Vector ops by their meaning rather than as 8 raw constants:
 *    gvec_add e8 d=$0x110,a=$0x120,b=$0x130 16/16
 *    gvec_dup e32 d=$0x110,tmp3 8/16
 *    gvec_cmp e16 d=$0x110,a=$0x120,b=$0x130,ltu 16/16
 */
static void dump_gvec(TCGContext *s, const TCGOp *op, FILE *out)
{
    static const char names[] = "abc";
    unsigned nsrc = tcg_gvec_nb_srcs(op->opc);
    TCGGvecArgs ga;
    uint32_t srcs[3];
    char name[32];

    tcg_gvec_args(op, &ga);
    srcs[0] = ga.aofs;
    srcs[1] = ga.bofs;
    srcs[2] = ga.cofs;
    fprintf(out, " %s e%u d=$0x%" PRIx32, tcg_op_defs[op->opc].name, 8u << ga.vece, ga.dofs);
    for (unsigned i = 0; i < nsrc; i++) {
        fprintf(out, ",%c=$0x%" PRIx32, names[i], srcs[i]);
    }
    if (op->nb_iargs) {
        tcg_temp_name(s, arg_temp(op->args[0]), name, sizeof(name));
        fprintf(out, ",%s", name);
    }
    if (op->opc == INDEX_op_gvec_cmp) {
        fprintf(out, ",%s", tcg_cond_name((TCGCond)ga.imm));
    } else if (op->opc == INDEX_op_gvec_shli || op->opc == INDEX_op_gvec_shri ||
               op->opc == INDEX_op_gvec_sari) {
        fprintf(out, ",$%u", ga.imm);
    }
    fprintf(out, " %" PRIu32 "/%" PRIu32 "\n", ga.oprsz, ga.maxsz);
}

static void dump_op(TCGContext *s, const TCGOp *op, FILE *out)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned nt = op->nb_oargs + op->nb_iargs;
    char name[32];
    const char *sep = " ";

    if (op->opc == INDEX_op_insn_start) {
        fprintf(out, " ---- %016" PRIx64 " %016" PRIx64 " %016" PRIx64 "\n",
                (uint64_t)op->args[0], (uint64_t)op->args[1], (uint64_t)op->args[2]);
        return;
    }
    if (def->flags & TCG_OPF_VECTOR) {
        dump_gvec(s, op, out);
        return;
    }
    if (op->opc == INDEX_op_call) {
        fprintf(out, " call %s", tcg_call_info(op)->name);
        sep = ",";
    } else if ((def->flags & TCG_OPF_INT) && !strstr(def->name, "_i")) {
        fprintf(out, " %s_%s", def->name, op->type == TCG_TYPE_I32 ? "i32" : "i64");
    } else {
        /* Untyped ops, and width changes (ext_i32_i64 ...) whose names give their types. */
        fprintf(out, " %s", def->name);
    }
    for (unsigned i = 0; i < nt; i++) {
        tcg_temp_name(s, arg_temp(op->args[i]), name, sizeof(name));
        fprintf(out, "%s%s", sep, name);
        sep = ",";
    }
    if (op->opc == INDEX_op_call) {
        fprintf(out, "\n");
        return;
    }
    for (unsigned i = nt; i < tcg_op_nargs(op); i++) {
        TCGArg a = op->args[i];

        if (i == nt && op_has_cond(op->opc)) {
            fprintf(out, "%s%s", sep, tcg_cond_name((TCGCond)a));
        } else if ((op->opc == INDEX_op_br || op->opc == INDEX_op_brcond ||
                    op->opc == INDEX_op_set_label) && i == tcg_op_nargs(op) - 1) {
            fprintf(out, "%s$L%u", sep, arg_label(a)->id);
        } else {
            fprintf(out, "%s$0x%" PRIxPTR, sep, a);
        }
        sep = ",";
    }
    fprintf(out, "\n");
}

void tcg_dump_ops(TCGContext *s, FILE *out)
{
    tcg_for_each_op(s, op) {
        dump_op(s, op, out);
    }
}
