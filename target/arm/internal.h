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

/* mmu.c: TargetOps.tlb_fill, and the abort it raises on a failed translation. */
bool arm_tlb_fill(CPUState *cpu, uint64_t vaddr, unsigned size, MMUAccessType access,
                  unsigned mmu_idx, bool probe, uintptr_t retaddr);
KOINE_NORETURN void arm_raise_abort(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                                    unsigned mmu_idx, uint32_t fsc, uintptr_t retaddr);

/* mmu.c: TargetOps.get_phys_addr_debug. */
bool arm_get_phys_addr_debug(CPUState *cs, uint64_t vaddr, hwaddr *paddr);

/* The result of a stage 1 walk. */
typedef struct ARMTranslation {
    hwaddr paddr;               /* of vaddr itself */
    int prot;                   /* PAGE_READ | PAGE_WRITE | PAGE_EXEC for this mmu_idx */
    uint64_t page_size;         /* of the block or page that mapped it */
    MemTxAttrs attrs;
    uint32_t fsc;               /* on failure: the fault status code for ESR */
    uint8_t memattr;            /* on success: the MAIR_ELx attribute byte (for PAR_EL1) */
    uint8_t shareability;       /* on success: the descriptor's SH[1:0] */
} ARMTranslation;

/*
 * mmu-walk.c: the VMSAv8-64 stage 1 walk of mmu_idx's regime (ARM ARM D8):
 * true with *tr filled, or false with tr->fsc set (translation, access flag
 * or permission fault at the level that failed).
 */
bool arm_stage1_walk(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                     ARMTranslation *tr);

#endif
