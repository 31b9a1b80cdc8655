/*
 * What stays ARM-specific about A64's atomic and exclusive accesses: the
 * alignment fault and the external abort, as data aborts.
 *
 * The operations themselves are the translator core's (tcg/tcg-op-atomic.h,
 * accel/tcg/atomic.c): translate-a64-ldst.c emits STXR/STXP as a
 * compare-and-swap against the value LDXR loaded (env->exclusive_val and
 * exclusive_high), so a store by anyone that changed the location in
 * between makes it fail and one of the very same value does not (the ABA
 * case: the architecture allows a monitor to stay open then); LD<op>,
 * ST<op> and SWP as fetch-and-op, CAS as compare-and-swap, CASP and
 * STXP of X registers as the 16-byte pair operation, and the W-register
 * pairs as one 8-byte operation. Their MemOps carry MO_ALIGN, and the
 * core raises misalignment through arm_unaligned_access below (ARM ARM,
 * "Alignment support": exclusives and atomics fault unless aligned to
 * their whole size, whatever SCTLR_ELx.A says).
 *
 * helper_align_fault is the inline alignment check's slow path, for the
 * accesses whose alignment depends on SCTLR_ELx.A (translate-a64-ldst.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/helper-ldst.h"
#include "target/arm/internal.h"
#include "tcg/tcg-backend.h"
#include "util/bitops.h"

#define DFSC_ALIGNMENT       0x21
#define DFSC_EXTERNAL_ABORT  0x10

static KOINE_NORETURN void raise_alignment(CPUState *cs, uint64_t addr, MMUAccessType access,
                                           unsigned mmu_idx, uintptr_t retaddr)
{
    arm_raise_abort(cs, addr, access, mmu_idx, DFSC_ALIGNMENT, retaddr);
}

void helper_align_fault(void *opaque, uint64_t addr, uint32_t desc)
{
    CPUARMState *env = opaque;

    raise_alignment(env_cpu(env), addr, desc & LDST_DESC_STORE ? MMU_DATA_STORE : MMU_DATA_LOAD,
                    extract32(desc, LDST_DESC_MMU_SHIFT, 4), TCG_GETPC());
}

const TCGHelperInfo helper_info_align_fault = {
    .func = helper_align_fault, .name = "align_fault",
    .nb_args = 3, .arg_types = { TCG_TYPE_PTR, TCG_TYPE_I64, TCG_TYPE_I32 },
};

void arm_unaligned_access(CPUState *cs, uint64_t vaddr, MMUAccessType access,
                          unsigned mmu_idx, uintptr_t retaddr)
{
    raise_alignment(cs, vaddr, access, mmu_idx, retaddr);
}

/* ARM ARM D17.2.40: synchronous external abort, not on a table walk. */
void arm_transaction_failed(CPUState *cs, hwaddr paddr, uint64_t vaddr, unsigned size,
                            MMUAccessType access, unsigned mmu_idx, MemTxResult result,
                            uintptr_t retaddr)
{
    arm_raise_abort(cs, vaddr, access, mmu_idx, DFSC_EXTERNAL_ABORT, retaddr);
}
