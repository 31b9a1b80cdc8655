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
