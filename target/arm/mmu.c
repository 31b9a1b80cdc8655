/*
 * Address translation for the TLB fill (TargetOps.tlb_fill).
 *
 * With the stage 1 MMU of the current regime off (SCTLR_ELx.M = 0), a
 * virtual address is the physical one (ARM ARM D8.2.10, "The effect of
 * disabling address translation"), within the 48 bits of physical address
 * this implementation has. With it on, the VMSAv8-64 walk decides
 * (arm_stage1_walk, mmu-walk.c).
 *
 * Every access names its CPU (MemTxAttrs.requester_id = cpu_index): the
 * GIC's CPU interface and its banked registers answer the CPU that asks,
 * whichever vCPU thread or TLB entry the access comes through.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/internal.h"
#include "target/arm/translate.h"
#include "accel/tcg/tcg-accel.h"

#define ARM_PA_BITS 48

/* The EL whose SCTLR controls the regime of mmu_idx. */
static unsigned regime_el(unsigned mmu_idx)
{
    switch (mmu_idx) {
    case ARM_MMU_IDX_EL2:
        return 2;
    case ARM_MMU_IDX_EL3:
        return 3;
    default:
        return 1;
    }
}

/* Raises the abort for a failed translation (fault status code fsc, ARM ARM D17.2.40). */
void arm_raise_abort(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                     uint32_t fsc, uintptr_t retaddr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    unsigned cur = arm_current_el(env);
    unsigned target_el = MAX(cur, 1u);
    bool same_el = target_el == cur;
    uint32_t iss = fsc;
    unsigned ec;

    if (access == MMU_INST_FETCH) {
        ec = same_el ? ARM_EC_INSN_ABORT : ARM_EC_INSN_ABORT_LOWER;
    } else {
        ec = same_el ? ARM_EC_DATA_ABORT : ARM_EC_DATA_ABORT_LOWER;
        if (access == MMU_DATA_STORE) {
            iss |= 1u << 6;         /* WnR */
        }
    }
    log_mask(log_mmu, "mmu: cpu %u idx %u %s fault va 0x%" PRIx64 " fsc 0x%02x\n",
             cs->cpu_index, mmu_idx, access == MMU_INST_FETCH ? "fetch" :
             access == MMU_DATA_STORE ? "write" : "read", vaddr, fsc);
    env->exception.syndrome = syn_make(ec, iss);
    env->exception.target_el = target_el;
    env->exception.vaddress = vaddr;
    cpu_raise_exception(cs, access == MMU_INST_FETCH ? EXCP_PREFETCH_ABORT : EXCP_DATA_ABORT,
                        retaddr);
}

bool arm_tlb_fill(CPUState *cs, uint64_t vaddr, unsigned size, MMUAccessType access,
                  unsigned mmu_idx, bool probe, uintptr_t retaddr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    ARMTranslation tr;

    if (!(env->sctlr_el[regime_el(mmu_idx)] & 1)) {
        if (vaddr >> ARM_PA_BITS) {
            /* Address size fault, level 0. */
            if (probe) {
                return false;
            }
            arm_raise_abort(cs, vaddr, access, mmu_idx, 0x00, retaddr);
        }
        MemTxAttrs attrs = { .requester_id = cs->cpu_index,
                             .user = mmu_idx == ARM_MMU_IDX_EL10_0 };

        tlb_set_page(cs, vaddr, vaddr, attrs, PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx,
                     KOINE_PAGE_SIZE);
        return true;
    }
    if (!arm_stage1_walk(cs, vaddr, access, mmu_idx, &tr)) {
        if (probe) {
            return false;
        }
        arm_raise_abort(cs, vaddr, access, mmu_idx, tr.fsc, retaddr);
    }
    tr.attrs.requester_id = cs->cpu_index;
    tr.attrs.unspecified = 0;
    tlb_set_page(cs, vaddr, tr.paddr, tr.attrs, tr.prot, mmu_idx, tr.page_size);
    return true;
}

bool arm_get_phys_addr_debug(CPUState *cs, uint64_t vaddr, hwaddr *paddr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    unsigned mmu_idx = cs->ops->mmu_index(cs, false);
    ARMTranslation tr;

    /* A debugger sees what the kernel could map, PAN or not. */
    if (mmu_idx == ARM_MMU_IDX_EL10_1_PAN) {
        mmu_idx = ARM_MMU_IDX_EL10_1;
    }
    if (!(env->sctlr_el[regime_el(mmu_idx)] & 1)) {
        *paddr = vaddr;
        return !(vaddr >> ARM_PA_BITS);
    }
    /* Readable, or else executable (execute-only code is still shown). */
    if (!arm_stage1_walk(cs, vaddr, MMU_DATA_LOAD, mmu_idx, &tr) &&
        !arm_stage1_walk(cs, vaddr, MMU_INST_FETCH, mmu_idx, &tr)) {
        return false;
    }
    *paddr = tr.paddr;
    return true;
}
