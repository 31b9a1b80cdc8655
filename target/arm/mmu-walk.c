/*
 * The VMSAv8-64 stage 1 translation table walk (ARM ARM D8, "The AArch64
 * Virtual Memory System Architecture").
 *
 * mmu.c calls arm_stage1_walk() on a TLB miss when SCTLR_ELx.M of the
 * regime is set; the result (output address, permissions for the MMU index,
 * size of the block or page) goes into the softmmu TLB, which caches it
 * until a flush. So everything here is the slow path: clarity over speed.
 *
 * Regimes: EL1&0 (two VA ranges: TTBR0_EL1 when VA[55] = 0, TTBR1_EL1 when
 * VA[55] = 1), EL2 and EL3 (one range, TTBR0_ELx). Granules 4K and 64K;
 * 16K is not implemented (ID_AA64MMFR0.TGran16 says so) and a TCR that asks
 * for it, or for a reserved TGx value, gets 4K: the architecture lets an
 * implementation treat an unimplemented granule as an implemented one
 * (ARM ARM D8.2.6). T0SZ/T1SZ outside 16..39 are clamped into it (a
 * CONSTRAINED UNPREDICTABLE choice the ARM ARM permits).
 *
 * What is deliberately missing:
 *   - hardware Access flag and dirty state updates (TCR.HA/HD): AF = 0
 *     always gives an Access flag fault, DBM is ignored;
 *   - ASIDs and nG: Koine's TLB is not ASID-tagged, so a change of ASID
 *     (a TTBRx_EL1 write, or TCR_EL1.A1) must flush the TLB; the system
 *     register code does that on TTBR and TCR writes;
 *   - memory types: the walk reports the MAIR_ELx byte AttrIndx selects
 *     and the shareability (AT puts them in PAR_EL1), but the TLB is not
 *     told, so Device memory (attribute bits [7:4] = 0) does not get the
 *     alignment checks the architecture gives it;
 *   - stage 2, 52-bit addresses (LPA/LVA), TTBR CnP.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/internal.h"
#include "util/bitops.h"

/* The physical address size this implementation has (ID_AA64MMFR0.PARange = 5). */
#define ARM_PA_BITS 48

/* Fault status codes (ARM ARM D17.2.40, ESR_ELx.ISS DFSC/IFSC), plus the level. */
#define FSC_ADDR_SIZE    0x00
#define FSC_TRANSLATION  0x04
#define FSC_ACCESS_FLAG  0x08
#define FSC_PERMISSION   0x0c
#define FSC_WALK_EXTERNAL 0x14

/* What the translation registers say about one VA range. */
typedef struct WalkParams {
    uint64_t ttbr;
    unsigned inputsize;         /* 64 - TxSZ */
    unsigned outputsize;        /* from IPS / PS, capped at ARM_PA_BITS */
    unsigned pgshift;           /* 12 (4K) or 16 (64K) */
    unsigned stride;            /* pgshift - 3: VA bits one table level resolves */
    bool tbi;                   /* top byte ignored */
    bool disabled;              /* EPDx: walks of this range fault */
} WalkParams;

/* Bits [n-1:0] set (n < 64). */
static inline uint64_t low_mask64(unsigned n)
{
    return (1ULL << n) - 1;
}

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

/* PARange / IPS / PS encodings to bits (ARM ARM D17.2.131, TCR_EL1.IPS). */
static unsigned pa_size_bits(unsigned ips)
{
    static const unsigned bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

    return MIN(bits[ips & 7], (unsigned)ARM_PA_BITS);
}

/*
 * The parameters of the range vaddr falls in (ARM ARM D8.2, TCR_EL1 and
 * TCR_EL2/EL3 in D17.2). False if vaddr is outside every range.
 */
static bool get_walk_params(CPUARMState *env, unsigned el, uint64_t vaddr, WalkParams *p)
{
    uint64_t tcr = env->tcr_el[el];
    unsigned tsz, tg;
    bool high = false;
    unsigned top;

    if (el == 1) {
        high = extract64(vaddr, 55, 1);
        if (high) {
            tsz = extract64(tcr, 16, 6);
            /* TG1: 0b01 16K, 0b10 4K, 0b11 64K. */
            tg = extract64(tcr, 30, 2);
            p->pgshift = tg == 3 ? 16 : 12;
            p->disabled = extract64(tcr, 23, 1);
            p->tbi = extract64(tcr, 38, 1);
            p->ttbr = env->ttbr1_el[1];
        } else {
            tsz = extract64(tcr, 0, 6);
            /* TG0: 0b00 4K, 0b01 64K, 0b10 16K. */
            tg = extract64(tcr, 14, 2);
            p->pgshift = tg == 1 ? 16 : 12;
            p->disabled = extract64(tcr, 7, 1);
            p->tbi = extract64(tcr, 37, 1);
            p->ttbr = env->ttbr0_el[1];
        }
        p->outputsize = pa_size_bits(extract64(tcr, 32, 3));
    } else {
        tsz = extract64(tcr, 0, 6);
        tg = extract64(tcr, 14, 2);
        p->pgshift = tg == 1 ? 16 : 12;
        p->disabled = false;
        p->tbi = extract64(tcr, 20, 1);
        p->ttbr = env->ttbr0_el[el];
        p->outputsize = pa_size_bits(extract64(tcr, 16, 3));
    }
    tsz = MIN(MAX(tsz, 16u), 39u);
    p->inputsize = 64 - tsz;
    p->stride = p->pgshift - 3;

    /*
     * Bits [63:inputsize] (or [55:inputsize] with the top byte ignored)
     * must all equal the range's select bit (ARM ARM D8.2.4). A single-range
     * regime has only the low range.
     */
    top = p->tbi ? 56 : 64;
    if (p->inputsize < top) {
        uint64_t upper = extract64(vaddr, p->inputsize, top - p->inputsize);
        uint64_t want = high ? (UINT64_MAX >> (64 - (top - p->inputsize))) : 0;

        if (upper != want) {
            return false;
        }
    }
    return true;
}

static inline bool walk_fail(ARMTranslation *tr, uint32_t fsc, unsigned level)
{
    tr->fsc = fsc | level;
    return false;
}

bool arm_stage1_walk(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                     ARMTranslation *tr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    unsigned el = regime_el(mmu_idx);
    bool two_ranges = el == 1;
    bool big_endian = extract64(env->sctlr_el[el], 25, 1);     /* SCTLR_ELx.EE */
    MemTxAttrs walk_attrs = { 0 };
    WalkParams p;
    unsigned level, shift, bits;
    uint64_t oa_mask, table, desc = 0;
    /* Hierarchical attributes of the table descriptors walked (ARM ARM D8.4.2). */
    bool ap_table_no_el0 = false, ap_table_ro = false, xn_table = false, pxn_table = false;

    memset(tr, 0, sizeof(*tr));
    if (!get_walk_params(env, el, vaddr, &p) || p.disabled) {
        return walk_fail(tr, FSC_TRANSLATION, 0);
    }
    oa_mask = low_mask64(p.outputsize);

    /*
     * The walk starts at the level that leaves at most `stride` VA bits for
     * its table (ARM ARM D8.2.7): 4K with 48 bits starts at 0, with 39 at 1;
     * 64K with 48 bits at 1, with 42 at 2.
     */
    level = 3 - (p.inputsize - p.pgshift - 1) / p.stride;
    shift = p.pgshift + (3 - level) * p.stride;     /* VA bits below this level's index */
    bits = p.inputsize - shift;                     /* index bits of the first table */
    /* TTBR.BADDR: bits [47:1], aligned to the first table's size (lower bits RES0). */
    table = extract64(p.ttbr, 0, 48) & ~low_mask64(MAX(bits + 3, 6u));
    if (table & ~oa_mask) {
        return walk_fail(tr, FSC_ADDR_SIZE, level);
    }

    for (;;) {
        hwaddr addr = table + extract64(vaddr, shift, bits) * 8;
        MemTxResult res;

        desc = big_endian ? address_space_ldq_be(cs->as, addr, walk_attrs, &res)
                          : address_space_ldq_le(cs->as, addr, walk_attrs, &res);
        if (res != MEMTX_OK) {
            return walk_fail(tr, FSC_WALK_EXTERNAL, level);
        }
        if (!(desc & 1)) {
            return walk_fail(tr, FSC_TRANSLATION, level);
        }
        if (level == 3 || !(desc & 2)) {
            break;      /* a page (level 3) or a block */
        }
        /* A table descriptor: next-level table address, bits [47:pgshift]. */
        table = desc & (low_mask64(48) & ~low_mask64(p.pgshift));
        if (table & ~oa_mask) {
            return walk_fail(tr, FSC_ADDR_SIZE, level);
        }
        if (two_ranges) {
            ap_table_no_el0 |= extract64(desc, 61, 1);
            pxn_table |= extract64(desc, 59, 1);
        }
        ap_table_ro |= extract64(desc, 62, 1);
        xn_table |= extract64(desc, 60, 1);
        level++;
        shift -= p.stride;
        bits = p.stride;
    }

    /*
     * Level 3 needs a page descriptor (0b11; 0b01 is reserved); blocks exist
     * at levels 1 and 2 with 4K, at level 2 with 64K (level 1 64K blocks
     * need 52-bit addresses), never at level 0 (ARM ARM D8.3.1).
     */
    if (level == 3 ? !(desc & 2) : level < (p.pgshift == 12 ? 1u : 2u)) {
        return walk_fail(tr, FSC_TRANSLATION, level);
    }
    {
        uint64_t page_size = 1ULL << shift;
        uint64_t oa = desc & low_mask64(48) & ~low_mask64(shift);
        bool ap_ro = extract64(desc, 7, 1);     /* AP[2] */
        bool ap_el0 = extract64(desc, 6, 1);    /* AP[1] */
        bool uxn = extract64(desc, 54, 1);      /* UXN, or XN in a one-range regime */
        bool pxn = extract64(desc, 53, 1);
        bool wxn = extract64(env->sctlr_el[el], 19, 1);
        int prot;

        if (oa & ~oa_mask) {
            return walk_fail(tr, FSC_ADDR_SIZE, level);
        }
        if (!extract64(desc, 10, 1)) {
            return walk_fail(tr, FSC_ACCESS_FLAG, level);
        }

        ap_ro |= ap_table_ro;
        uxn |= xn_table;
        if (two_ranges) {
            bool user_r = ap_el0 && !ap_table_no_el0;
            bool user_w = user_r && !ap_ro;

            pxn |= pxn_table;
            if (mmu_idx == ARM_MMU_IDX_EL10_0) {
                prot = (user_r ? PAGE_READ : 0) | (user_w ? PAGE_WRITE : 0);
                /* ARM ARM D8.4.1.2: EL0 execution depends on UXN (and WXN) only. */
                if (!uxn && !(wxn && user_w)) {
                    prot |= PAGE_EXEC;
                }
            } else {
                prot = PAGE_READ | (ap_ro ? 0 : PAGE_WRITE);
                /* EL1 never executes what EL0 can write (ARM ARM D8.4.1.2). */
                if (!pxn && !user_w && !(wxn && !ap_ro)) {
                    prot |= PAGE_EXEC;
                }
                /* PAN: EL1 data accesses to EL0-accessible memory fault (D8.4.1.3). */
                if (mmu_idx == ARM_MMU_IDX_EL10_1_PAN && user_r) {
                    prot &= ~(PAGE_READ | PAGE_WRITE);
                }
            }
        } else {
            /* EL2, EL3: AP[1] is RES1, XN at bit 54 (ARM ARM D8.4.1.1). */
            prot = PAGE_READ | (ap_ro ? 0 : PAGE_WRITE);
            if (!uxn && !(wxn && !ap_ro)) {
                prot |= PAGE_EXEC;
            }
        }

        if ((access == MMU_DATA_LOAD && !(prot & PAGE_READ)) ||
            (access == MMU_DATA_STORE && !(prot & PAGE_WRITE)) ||
            (access == MMU_INST_FETCH && !(prot & PAGE_EXEC))) {
            return walk_fail(tr, FSC_PERMISSION, level);
        }

        tr->paddr = oa | (vaddr & (page_size - 1));
        tr->prot = prot;
        /* AttrIndx (bits [4:2]) selects a byte of MAIR_ELx (D8.5.1); SH is bits [9:8]. */
        tr->memattr = extract64(env->mair_el[el], 8 * extract64(desc, 2, 3), 8);
        tr->shareability = extract64(desc, 8, 2);
        tr->page_size = page_size;
        tr->attrs.user = mmu_idx == ARM_MMU_IDX_EL10_0;
    }
    return true;
}
