/*
 * Functions the files of target/arm share and nothing else needs.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TARGET_ARM_INTERNAL_H
#define TARGET_ARM_INTERNAL_H

#include "target/arm/cpu.h"
#include "tcg/tcg.h"

/* translate-a64.c */
void arm_translate(CPUState *cpu, TranslationBlock *tb, unsigned max_insns);
void arm_init_globals(TCGContext *s);

/* helper.c */
void arm_do_interrupt(CPUState *cpu);
bool arm_exec_interrupt(CPUState *cpu, uint32_t request);
/* Makes CPU_INTERRUPT_VIRQ/VFIQ follow HCR_EL2.VI/VF (after HCR_EL2 writes). */
void arm_update_virtual_irqs(CPUARMState *env);

/* mmu.c: TargetOps.tlb_fill, and the abort it raises on a failed translation. */
bool arm_tlb_fill(CPUState *cpu, uint64_t vaddr, unsigned size, MMUAccessType access,
                  unsigned mmu_idx, bool probe, uintptr_t retaddr);
KOINE_NORETURN void arm_raise_abort(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                                    unsigned mmu_idx, uint32_t fsc, uintptr_t retaddr);

/* mmu.c: TargetOps.get_phys_addr_debug. */
bool arm_get_phys_addr_debug(CPUState *cs, uint64_t vaddr, hwaddr *paddr);

/* Fault status codes (ARM ARM D17.2.40, ESR_ELx.ISS DFSC/IFSC); | level for the first four. */
#define ARM_FSC_ADDR_SIZE       0x00
#define ARM_FSC_TRANSLATION     0x04
#define ARM_FSC_ACCESS_FLAG     0x08
#define ARM_FSC_PERMISSION      0x0c
#define ARM_FSC_WALK_EXTERNAL   0x14

/* A MAIR_ELx attribute byte that is Device memory (ARM ARM D17.2.97: bits [7:4] = 0). */
#define ARM_MEMATTR_IS_DEVICE(attr) (((attr) & 0xf0) == 0)

/* The result of a translation: one stage (mmu-walk.c), or both combined (mmu.c). */
typedef struct ARMTranslation {
    hwaddr paddr;               /* of vaddr itself (an IPA after stage 1 under stage 2) */
    int prot;                   /* PAGE_READ | PAGE_WRITE | PAGE_EXEC for this mmu_idx */
    uint64_t page_size;         /* of the block or page that mapped it */
    MemTxAttrs attrs;
    uint8_t memattr;            /* on success: the MAIR_ELx byte of data accesses (for PAR_EL1) */
    uint8_t shareability;       /* on success: SH[1:0] */
    uint32_t fsc;               /* on failure: the fault status code for ESR */
    bool stage2;                /* on failure: a stage 2 fault (taken to EL2) */
    bool s1ptw;                 /* ... on a stage 1 translation table walk access */
    hwaddr fault_ipa;           /* ... at this IPA (HPFAR_EL2) */
} ARMTranslation;

/*
 * mmu-walk.c: the VMSAv8-64 walks (ARM ARM D8). Each returns true with *tr
 * filled, or false with tr->fsc set (and stage2/s1ptw/fault_ipa for a
 * stage 2 fault). arm_stage1_walk: mmu_idx's regime, stage 1 only (an IPA
 * for EL1&0 under stage 2, whose table reads go through stage 2);
 * arm_stage2_walk: IPA to PA for the EL1&0 regime (VTTBR_EL2, VTCR_EL2).
 */
bool arm_stage1_walk(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                     ARMTranslation *tr);
bool arm_stage2_walk(CPUState *cs, hwaddr ipa, MMUAccessType access, ARMTranslation *tr);
/* Stage 1's result s1 through stage 2's s2: address, permissions, size, memory type. */
void arm_combine_s1s2(ARMTranslation *s1, const ARMTranslation *s2);
/* Stage 2 applies to the EL1&0 regime: EL2 enabled and HCR_EL2.VM or DC. */
bool arm_stage2_active(const CPUARMState *env);
/* mmu.c: stage 1 of mmu_idx's regime is on (SCTLR_ELx.M; for EL1&0 not HCR_EL2.TGE/DC). */
bool arm_stage1_enabled(const CPUARMState *env, unsigned mmu_idx);
/* mmu.c: stage 1 is off without HCR_EL2.DC, so data accesses are Device-nGnRnE. */
bool arm_untranslated_device(const CPUARMState *env, unsigned mmu_idx);

/*
 * mmu.c: the translation the TLB caches for mmu_idx: stage 1 (or the
 * identity with it disabled: SCTLR_ELx.M = 0, HCR_EL2.TGE or DC), then
 * stage 2 for EL1&0 when active, unless stage1_only (AT S1E1*, S1E0*).
 */
bool arm_mmu_translate(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                       bool stage1_only, ARMTranslation *tr);
/*
 * Raises the abort for a failed arm_mmu_translate: a stage 2 fault to EL2 with
 * HPFAR_EL2, anything else as arm_raise_abort does. cm: the ISS.CM bit (the
 * fault comes from an address translation instruction).
 */
KOINE_NORETURN void arm_raise_translation_fault(CPUState *cs, uint64_t vaddr,
                                                MMUAccessType access, unsigned mmu_idx,
                                                const ARMTranslation *tr, bool cm,
                                                uintptr_t retaddr);

#endif
