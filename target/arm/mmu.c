/*
 * Address translation for the TLB fill (TargetOps.tlb_fill), AT and the
 * debugger: the regime's stage 1, then stage 2 for EL1&0 (ARM ARM D8;
 * design and flush rules in docs/devel/arm-mmu.md).
 *
 * Stage 1 of a regime is off with SCTLR_ELx.M = 0, and for EL1&0 also with
 * HCR_EL2.TGE or DC; then a virtual address is the output address (ARM
 * ARM D8.2.10, "The effect of disabling address translation"), within the
 * 48 bits of physical address this implementation has, and data accesses
 * are Device-nGnRnE (Normal Write-Back with HCR_EL2.DC). With it on, the
 * VMSAv8-64 walk decides (mmu-walk.c). Stage 2 (HCR_EL2.VM or DC, EL2
 * enabled) then maps that IPA; the TLB caches the combined VA -> PA.
 *
 * Device memory (the combined attribute has MAIR bits [7:4] = 0) gets
 * PAGE_CHECK_ALIGNED: every data access to it takes the TLB's slow path,
 * where a misaligned one raises the alignment fault (DFSC 0x21) through
 * arm_unaligned_access, whatever SCTLR_ELx.A says (ARM ARM B2.5.2).
 *
 * Faults: stage 1 faults go to the regime's EL (EL1 from EL0, HCR_EL2.TGE
 * rerouting applied at exception entry); stage 2 faults to EL2 with
 * HPFAR_EL2 = the faulting IPA and ISS.S1PTW when it was a stage 1 table
 * walk access (D8.6.4, D17.2.40 ESR_EL2, D17.2.55 HPFAR_EL2). ISS.ISV is
 * always 0: the instruction syndrome is not recorded (a hypervisor
 * decodes the instruction itself).
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
#include "util/bitops.h"

#define ARM_PA_BITS 48

/* ESR_ELx.ISS bits of data and instruction aborts (ARM ARM D17.2.40). */
#define ISS_WNR     (1u << 6)
#define ISS_S1PTW   (1u << 7)
#define ISS_CM      (1u << 8)

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

/* Raises a data or instruction abort with ISS iss to target_el. */
static KOINE_NORETURN void raise_abort_to(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                                          unsigned mmu_idx, unsigned target_el, uint32_t iss,
                                          uintptr_t retaddr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    bool same_el = target_el == arm_current_el(env);
    unsigned ec;

    if (access == MMU_INST_FETCH) {
        ec = same_el ? ARM_EC_INSN_ABORT : ARM_EC_INSN_ABORT_LOWER;
    } else {
        ec = same_el ? ARM_EC_DATA_ABORT : ARM_EC_DATA_ABORT_LOWER;
    }
    log_mask(log_mmu, "mmu: cpu %u idx %u %s fault va 0x%" PRIx64 " iss 0x%x to EL%u\n",
             cs->cpu_index, mmu_idx, access == MMU_INST_FETCH ? "fetch" :
             access == MMU_DATA_STORE ? "write" : "read", vaddr, iss, target_el);
    env->exception.syndrome = syn_make(ec, iss);
    env->exception.target_el = target_el;
    env->exception.vaddress = vaddr;
    cpu_raise_exception(cs, access == MMU_INST_FETCH ? EXCP_PREFETCH_ABORT : EXCP_DATA_ABORT,
                        retaddr);
}

/* Raises the abort for a failed translation (fault status code fsc, ARM ARM D17.2.40). */
void arm_raise_abort(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                     uint32_t fsc, uintptr_t retaddr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    unsigned target_el = MAX(arm_current_el(env), 1u);

    raise_abort_to(cs, vaddr, access, mmu_idx, target_el,
                   fsc | (access == MMU_DATA_STORE ? ISS_WNR : 0), retaddr);
}

void arm_raise_translation_fault(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                                 unsigned mmu_idx, const ARMTranslation *tr, bool cm,
                                 uintptr_t retaddr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    uint32_t iss = tr->fsc | (cm ? ISS_CM : 0);

    if (!tr->stage2) {
        arm_raise_abort(cs, vaddr, access, mmu_idx, iss, retaddr);
    }
    /*
     * A stage 2 fault: to EL2, with the IPA in HPFAR_EL2.FIPA (bits [39:4]
     * = IPA[47:12]). A stage 1 walk access is a read: WnR 0 then, except
     * that a fault from an AT instruction always says WnR = 1 (D17.2.40).
     */
    if (tr->s1ptw) {
        iss |= ISS_S1PTW;
    }
    if (cm || (access == MMU_DATA_STORE && !tr->s1ptw)) {
        iss |= ISS_WNR;
    }
    env->hpfar_el2 = extract64(tr->fault_ipa, 12, ARM_PA_BITS - 12) << 4;
    raise_abort_to(cs, vaddr, access, mmu_idx, 2, iss, retaddr);
}

/* Stage 1 of mmu_idx's regime translates (ARM ARM D8.2.10, HCR_EL2.TGE and DC). */
bool arm_stage1_enabled(const CPUARMState *env, unsigned mmu_idx)
{
    unsigned el = regime_el(mmu_idx);

    if (!(env->sctlr_el[el] & 1)) {
        return false;
    }
    return el != 1 || !(arm_hcr_el2_eff(env) & (HCR_TGE | HCR_DC));
}

bool arm_mmu_translate(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                       bool stage1_only, ARMTranslation *tr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    bool el10 = regime_el(mmu_idx) == 1;
    ARMTranslation s2;

    if (arm_stage1_enabled(env, mmu_idx)) {
        if (!arm_stage1_walk(cs, vaddr, access, mmu_idx, tr)) {
            return false;
        }
    } else {
        memset(tr, 0, sizeof(*tr));
        if (vaddr >> ARM_PA_BITS) {
            tr->fsc = ARM_FSC_ADDR_SIZE;        /* level 0 */
            return false;
        }
        tr->paddr = vaddr;
        tr->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        tr->page_size = KOINE_PAGE_SIZE;
        tr->attrs.user = mmu_idx == ARM_MMU_IDX_EL10_0;
        if (el10 && (arm_hcr_el2_eff(env) & HCR_DC)) {
            tr->memattr = 0xff;                 /* Normal Write-Back, Non-shareable */
            tr->shareability = 0;
        } else {
            tr->memattr = 0x00;                 /* Device-nGnRnE */
            tr->shareability = 2;
        }
    }
    if (stage1_only || !el10 || !arm_stage2_active(env)) {
        return true;
    }
    if (!arm_stage2_walk(cs, tr->paddr, access, &s2)) {
        *tr = s2;
        return false;
    }
    arm_combine_s1s2(tr, &s2);
    return true;
}

bool arm_untranslated_device(const CPUARMState *env, unsigned mmu_idx)
{
    return !arm_stage1_enabled(env, mmu_idx) &&
           !(regime_el(mmu_idx) == 1 && (arm_hcr_el2_eff(env) & HCR_DC));
}

bool arm_tlb_fill(CPUState *cs, uint64_t vaddr, unsigned size, MMUAccessType access,
                  unsigned mmu_idx, bool probe, uintptr_t retaddr)
{
    ARMTranslation tr;
    int prot;

    if (!arm_mmu_translate(cs, vaddr, access, mmu_idx, false, &tr)) {
        if (probe) {
            return false;
        }
        arm_raise_translation_fault(cs, vaddr, access, mmu_idx, &tr, false, retaddr);
    }
    prot = tr.prot;
    /*
     * With translation off and no stage 2, the TB flags already make every
     * data access check its alignment inline (arm_get_tb_cpu_state): the
     * pages need not send them all to the slow path.
     */
    if (ARM_MEMATTR_IS_DEVICE(tr.memattr) &&
        (!arm_untranslated_device(&arm_cpu(cs)->env, mmu_idx) ||
         (regime_el(mmu_idx) == 1 && arm_stage2_active(&arm_cpu(cs)->env)))) {
        prot |= PAGE_CHECK_ALIGNED;
    }
    tr.attrs.requester_id = cs->cpu_index;
    tr.attrs.unspecified = 0;
    tlb_set_page(cs, vaddr, tr.paddr, tr.attrs, prot, mmu_idx, tr.page_size);
    return true;
}

bool arm_get_phys_addr_debug(CPUState *cs, uint64_t vaddr, hwaddr *paddr)
{
    unsigned mmu_idx = cs->ops->mmu_index(cs, false);
    ARMTranslation tr;

    /* A debugger sees what the kernel could map, PAN or not. */
    if (mmu_idx == ARM_MMU_IDX_EL10_1_PAN) {
        mmu_idx = ARM_MMU_IDX_EL10_1;
    }
    /* Readable, or else executable (execute-only code is still shown). */
    if (!arm_mmu_translate(cs, vaddr, MMU_DATA_LOAD, mmu_idx, false, &tr) &&
        !arm_mmu_translate(cs, vaddr, MMU_INST_FETCH, mmu_idx, false, &tr)) {
        return false;
    }
    *paddr = tr.paddr;
    return true;
}
