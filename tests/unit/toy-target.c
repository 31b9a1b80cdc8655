/*
 * "toy": a deliberately tiny guest ISA that exercises the TCG accelerator
 * (exec loop, TB cache, chaining, self-modifying code, fault restore, exit
 * requests) before a real ISA exists and independently of one.
 *
 * Encoding, 32-bit little-endian words: op[31:24] rd[23:20] rs[19:16] imm[15:0].
 *   01 ADDI rd, rs, simm     rd = rs + simm
 *   02 LD   rd, [rs + simm]  64-bit load (helper: fault path through TCG_GETPC)
 *   03 ST   rd, [rs + simm]  64-bit store
 *   04 BNE  rd, rs, simm     if rd != rs: pc += simm * 4
 *   05 B    simm             pc += simm * 4 (to another page: inline jump cache probe)
 *   06 HLT                   stop: cpu_exec returns TOY_EXCP_STOP
 *   07 STW  rd, [rs + simm]  32-bit store (to patch code)
 *   08 SVC  imm              exception: svc_count++, r14 = imm, resumes after it
 *   09 JR   rs               pc = rs (inline jump cache probe, then lookup-and-goto-ptr)
 *   0a MOVH rd, imm          rd = rd << 16 | imm (builds constants)
 *   0b LDG  rd, [rs + simm]  64-bit load with the guest_ld op (inline TLB path)
 *   0c STG  rd, [rs + simm]  64-bit store with the guest_st op
 *   other                    undefined: udef_count++, resumes after it
 * Memory: identity-mapped below TOY_MAPPED_LIMIT; above it every access faults
 * (fault_count++, fault_pc/fault_addr recorded, resumes after the instruction).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "toy-target.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/translator.h"

typedef struct ToyGlobals {
    TCGv_i64 r[TOY_NREGS];
    TCGv_i64 pc;
} ToyGlobals;

static uint64_t helper_toy_ld(void *env, uint64_t addr)
{
    return guest_load(env_cpu(env), addr, make_memop_idx(MO_LEUQ, 0), TCG_GETPC());
}

static void helper_toy_st(void *env, uint64_t addr, uint64_t val, uint32_t size)
{
    guest_store(env_cpu(env), addr, val, make_memop_idx(size == 4 ? MO_LEUL : MO_LEUQ, 0),
                TCG_GETPC());
}

static void helper_toy_exception(void *env, uint32_t excp)
{
    cpu_raise_exception(env_cpu(env), excp, 0);
}

static const TCGHelperInfo toy_ld_info = {
    .func = helper_toy_ld, .name = "toy_ld", .has_ret = true, .ret_type = TCG_TYPE_I64,
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64 },
};
static const TCGHelperInfo toy_st_info = {
    .func = helper_toy_st, .name = "toy_st",
    .nb_args = 4, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I64, TCG_TYPE_I32 },
};
static const TCGHelperInfo toy_exception_info = {
    .func = helper_toy_exception, .name = "toy_exception",
    .nb_args = 2, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I32 },
};

static void toy_init_globals(TCGContext *s)
{
    static const char *const names[TOY_NREGS] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };
    ToyGlobals *g = g_new0(ToyGlobals, 1);

    for (int i = 0; i < TOY_NREGS; i++) {
        g->r[i] = tcg_global_mem_new_i64(s->env, offsetof(ToyEnv, r[i]), names[i]);
    }
    g->pc = tcg_global_mem_new_i64(s->env, offsetof(ToyEnv, pc), "pc");
    s->target_globals = g;      /* freed with the context */
}

static void toy_get_tb_cpu_state(CPUState *cpu, uint64_t *pc, uint64_t *cs_base,
                                 uint32_t *flags)
{
    *pc = toy_env(cpu)->pc;
    *cs_base = 0;
    *flags = 0;
}

static void toy_restore_state(CPUState *cpu, const uint64_t *data)
{
    toy_env(cpu)->pc = data[0];
}

static void gen_exception(ToyGlobals *g, uint64_t resume_pc, uint32_t excp)
{
    TCGTemp *args[2] = { tcgv_ptr_temp(tcg_env), tcgv_i32_temp(tcg_constant_i32(excp)) };

    tcg_gen_movi_i64(g->pc, resume_pc);
    tcg_gen_call(&toy_exception_info, NULL, args);
}

static void gen_jump(TranslationBlock *tb, ToyGlobals *g, unsigned slot, uint64_t dest)
{
    tcg_gen_movi_i64(g->pc, dest);
    if (translator_use_goto_tb(tb, dest)) {
        translator_goto_tb(tb, slot);
    } else {
        translator_goto_pc_same_state(tb, dest);
    }
}

/* Emits one instruction; returns false when it ends the TB. */
static bool toy_translate_insn(CPUState *cpu, TranslationBlock *tb, ToyGlobals *g, uint64_t pc)
{
    uint32_t insn = translator_ld(cpu, tb, pc, MO_LEUL);
    unsigned op = insn >> 24, rd = (insn >> 20) & 15, rs = (insn >> 16) & 15;
    int64_t simm = (int16_t)(insn & 0xffff);
    uint64_t next = pc + 4;
    TCGv_i64 addr;
    TCGTemp *args[4];
    TCGLabel *taken;

    tcg_gen_insn_start(pc, 0, 0);
    translator_insn_end(tb, next);
    switch (op) {
    case 0x01:
        tcg_gen_addi_i64(g->r[rd], g->r[rs], simm);
        return true;
    case 0x02:
        addr = tcg_temp_ebb_new_i64();
        tcg_gen_addi_i64(addr, g->r[rs], simm);
        args[0] = tcgv_ptr_temp(tcg_env);
        args[1] = tcgv_i64_temp(addr);
        tcg_gen_call(&toy_ld_info, tcgv_i64_temp(g->r[rd]), args);
        return true;
    case 0x03:
    case 0x07:
        addr = tcg_temp_ebb_new_i64();
        tcg_gen_addi_i64(addr, g->r[rs], simm);
        args[0] = tcgv_ptr_temp(tcg_env);
        args[1] = tcgv_i64_temp(addr);
        args[2] = tcgv_i64_temp(g->r[rd]);
        args[3] = tcgv_i32_temp(tcg_constant_i32(op == 0x07 ? 4 : 8));
        tcg_gen_call(&toy_st_info, NULL, args);
        return true;
    case 0x0b:
    case 0x0c:
        addr = tcg_temp_ebb_new_i64();
        tcg_gen_addi_i64(addr, g->r[rs], simm);
        if (op == 0x0b) {
            tcg_gen_guest_ld_i64(g->r[rd], addr, 0, MO_LEUQ);
        } else {
            tcg_gen_guest_st_i64(g->r[rd], addr, 0, MO_LEUQ);
        }
        return true;
    case 0x04:
        taken = tcg_label_new(tcg_ctx);
        tcg_gen_brcond_i64(TCG_COND_NE, g->r[rd], g->r[rs], taken);
        gen_jump(tb, g, 0, next);
        tcg_gen_set_label(taken);
        gen_jump(tb, g, 1, pc + simm * 4);
        return false;
    case 0x05:
        gen_jump(tb, g, 0, pc + simm * 4);
        return false;
    case 0x06:
        gen_exception(g, next, TOY_EXCP_STOP);
        return false;
    case 0x08:
        tcg_gen_movi_i64(g->r[14], insn & 0xffff);
        gen_exception(g, next, TOY_EXCP_SVC);
        return false;
    case 0x09:
        tcg_gen_mov_i64(g->pc, g->r[rs]);
        translator_goto_ptr_same_state(tb, g->pc);
        return false;
    case 0x0a:
        tcg_gen_shli_i64(g->r[rd], g->r[rd], 16);
        tcg_gen_ori_i64(g->r[rd], g->r[rd], insn & 0xffff);
        return true;
    default:
        gen_exception(g, next, TOY_EXCP_UDEF);
        return false;
    }
}

static void toy_translate(CPUState *cpu, TranslationBlock *tb, unsigned max_insns)
{
    ToyGlobals *g = tcg_ctx->target_globals;
    uint64_t pc = tb->pc;
    unsigned n = 0;

    translator_tb_start(tb);
    for (;;) {
        bool more = toy_translate_insn(cpu, tb, g, pc);

        pc += 4;
        n++;
        if (!more) {
            break;
        }
        /* Stop at the insn limit and at a page end (the next page may not be mapped). */
        if (n >= max_insns || !translator_same_page(tb, pc)) {
            gen_jump(tb, g, 0, pc);
            break;
        }
    }
    translator_tb_end(tb);
}

static bool toy_tlb_fill(CPUState *cpu, uint64_t vaddr, unsigned size, MMUAccessType access,
                         unsigned mmu_idx, bool probe, uintptr_t retaddr)
{
    ToyEnv *env = toy_env(cpu);

    if (vaddr >= TOY_MAPPED_LIMIT) {
        if (probe) {
            return false;
        }
        env->fault_addr = vaddr;
        cpu_raise_exception(cpu, TOY_EXCP_FAULT, retaddr);
    }
    tlb_set_page(cpu, vaddr, vaddr, MEMTXATTRS_UNSPECIFIED, PAGE_READ | PAGE_WRITE | PAGE_EXEC,
                 mmu_idx, KOINE_PAGE_SIZE);
    return true;
}

static void toy_do_interrupt(CPUState *cpu)
{
    ToyEnv *env = toy_env(cpu);

    switch (cpu->exception_index) {
    case TOY_EXCP_SVC:
        env->svc_count++;
        break;
    case TOY_EXCP_UDEF:
        env->udef_count++;
        break;
    case TOY_EXCP_FAULT:
        /* pc was restored to the faulting instruction: record it and skip it. */
        env->fault_count++;
        env->fault_pc = env->pc;
        env->pc += 4;
        break;
    }
}

static unsigned toy_mmu_index(CPUState *cpu, bool ifetch)
{
    return 0;
}

const TargetOps toy_target_ops = {
    .arch = "toy",
    .cpu_size = sizeof(ToyCPU),
    .nb_mmu_modes = 1,
    .insn_start_words = 1,
    .init_globals = toy_init_globals,
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .translate = toy_translate,
    .restore_state = toy_restore_state,
    .tlb_fill = toy_tlb_fill,
    .do_interrupt = toy_do_interrupt,
    .mmu_index = toy_mmu_index,
};

CPU_CHECK_LAYOUT(ToyCPU, env);
