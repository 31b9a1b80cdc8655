/* placeholder: the VMSAv8-64 walk is being written; until then, MMU-on accesses fault. */
#include "target/arm/internal.h"

bool arm_stage1_walk(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                     ARMTranslation *tr)
{
    tr->fsc = 0x04;     /* translation fault, level 0 */
    return false;
}
