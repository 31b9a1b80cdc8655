/*
 * The VMSAv8-64 translation table walks, stage 1 and stage 2 (ARM ARM D8,
 * "The AArch64 Virtual Memory System Architecture"; pseudocode
 * AArch64.S1Translate, AArch64.S2Translate, AArch64.S2Walk).
 *
 * mmu.c calls these on a TLB miss (and for AT and the debugger): the
 * result goes into the softmmu TLB, which caches it until a flush. So
 * everything here is the slow path: clarity over speed. How the two
 * stages combine and what the TLB holds: docs/devel/arm-mmu.md.
 *
 * Both stages share one walker (walk_tables): a granule (4K, 16K or 64K:
 * a table level resolves pgshift - 3 bits), an input size, a start level
 * and a table base; it reads one descriptor per level until a block, a
 * page or a fault. What differs is where the parameters come from, how a
 * leaf descriptor is read, and how descriptors are fetched: the stage 1
 * walk of the EL1&0 regime under stage 2 reads its tables at IPAs, so
 * each descriptor address is itself translated by stage 2 first (and a
 * stage 2 fault there is reported with S1PTW, D8.6.4).
 *
 * Stage 1, regimes: EL1&0 (two VA ranges: TTBR0_EL1 when VA[55] = 0,
 * TTBR1_EL1 when VA[55] = 1), EL2 and EL3 (one range, TTBR0_ELx).
 * Stage 2 (EL1&0 only, when HCR_EL2.VM or DC): VTTBR_EL2 and VTCR_EL2,
 * with the start level from VTCR_EL2.SL0 and up to 16 concatenated
 * tables at that level (D8.2.8).
 *
 * Granules (D8.2.6-D8.2.8): 4K (levels 0-3, blocks at 1 and 2), 16K (a
 * 48-bit range starts at level 0 with one bit, blocks of 32 MiB at level 2
 * only), 64K (levels 1-3, 512 MiB blocks at level 2 only: level 1 blocks
 * need 52-bit addresses). A reserved TGx encoding is treated as 4K (the
 * architecture lets an unimplemented or reserved granule act as an
 * implemented one). T0SZ/T1SZ outside 16..39 are clamped into it (a
 * CONSTRAINED UNPREDICTABLE choice the ARM ARM permits). The contiguous
 * bit is a hint and is ignored.
 *
 * Memory types: the walk reports the MAIR_ELx byte AttrIndx selects (and
 * for stage 2 its MemAttr as an equivalent MAIR byte), which mmu.c
 * combines and turns into the TLB's alignment check for Device memory.
 *
 * What is deliberately missing:
 *   - hardware Access flag and dirty state updates (TCR.HA/HD, VTCR.HA/HD):
 *     AF = 0 always gives an Access flag fault, DBM is ignored;
 *   - VMIDs and nG: the TLB keeps the last four ASIDs' translations apart
 *     (softmmu contexts, switched by TTBRn_EL1 writes) but holds one VMID,
 *     so a VMID change (VTTBR_EL2) flushes, and global entries are kept
 *     per ASID;
 *   - HCR_EL2.PTW (a stage 1 table in stage 2 Device memory is not a
 *     permission fault), VTCR_EL2.NSW/NSA (no Secure stage 2 in ARMv8.0);
 *   - 52-bit addresses (LPA/LVA/LPA2), TTBR CnP, hierarchical permission
 *     disables (HPD).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/internal.h"
#include "util/bitops.h"

/* The physical address size this implementation has (ID_AA64MMFR0.PARange = 5). */
#define ARM_PA_BITS 48

/* What the translation registers say about one walk. */
typedef struct WalkParams {
    uint64_t ttbr;              /* TTBRn_ELx or VTTBR_EL2 */
    unsigned inputsize;         /* 64 - TxSZ */
    unsigned outputsize;        /* from IPS / PS, capped at ARM_PA_BITS */
    unsigned pgshift;           /* 12 (4K), 14 (16K) or 16 (64K) */
    unsigned stride;            /* pgshift - 3: address bits one table level resolves */
    unsigned start_level;
    bool tbi;                   /* top byte ignored */
    bool disabled;              /* EPDx: walks of this range fault */
    bool big_endian;            /* descriptors (SCTLR_ELx.EE of the regime's EL) */
    bool stage2;
    bool tables_at_ipa;         /* stage 1 under stage 2: descriptor addresses are IPAs */
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

bool arm_stage2_active(const CPUARMState *env)
{
    /* HCR_EL2.DC makes VM act as 1 (ARM ARM D13.2.46). */
    return arm_hcr_el2_eff(env) & (HCR_VM | HCR_DC);
}

/* PARange / IPS / PS encodings to bits (ARM ARM D17.2.131, TCR_EL1.IPS). */
static unsigned pa_size_bits(unsigned ips)
{
    static const unsigned bits[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

    return MIN(bits[ips & 7], (unsigned)ARM_PA_BITS);
}

/* TCR_ELx.TG0 and VTCR_EL2.TG0: 0b00 4K, 0b01 64K, 0b10 16K (0b11 reserved: 4K). */
static unsigned tg0_pgshift(unsigned tg)
{
    static const unsigned shift[4] = { 12, 16, 14, 12 };

    return shift[tg & 3];
}

/* TCR_EL1.TG1 has its own encoding: 0b01 16K, 0b10 4K, 0b11 64K (0b00 reserved: 4K). */
static unsigned tg1_pgshift(unsigned tg)
{
    static const unsigned shift[4] = { 12, 14, 12, 16 };

    return shift[tg & 3];
}

/*
 * The stage 1 parameters of the range vaddr falls in (ARM ARM D8.2, TCR_EL1
 * and TCR_EL2/EL3 in D17.2). False if vaddr is outside every range.
 */
static bool get_stage1_params(CPUARMState *env, unsigned el, uint64_t vaddr, WalkParams *p)
{
    uint64_t tcr = env->tcr_el[el];
    unsigned tsz;
    bool high = false;
    unsigned top;

    memset(p, 0, sizeof(*p));
    if (el == 1) {
        high = extract64(vaddr, 55, 1);
        if (high) {
            tsz = extract64(tcr, 16, 6);
            p->pgshift = tg1_pgshift(extract64(tcr, 30, 2));
            p->disabled = extract64(tcr, 23, 1);
            p->tbi = extract64(tcr, 38, 1);
            p->ttbr = env->ttbr1_el[1];
        } else {
            tsz = extract64(tcr, 0, 6);
            p->pgshift = tg0_pgshift(extract64(tcr, 14, 2));
            p->disabled = extract64(tcr, 7, 1);
            p->tbi = extract64(tcr, 37, 1);
            p->ttbr = env->ttbr0_el[1];
        }
        p->outputsize = pa_size_bits(extract64(tcr, 32, 3));
        p->tables_at_ipa = arm_stage2_active(env);
    } else {
        tsz = extract64(tcr, 0, 6);
        p->pgshift = tg0_pgshift(extract64(tcr, 14, 2));
        p->tbi = extract64(tcr, 20, 1);
        p->ttbr = env->ttbr0_el[el];
        p->outputsize = pa_size_bits(extract64(tcr, 16, 3));
    }
    tsz = MIN(MAX(tsz, 16u), 39u);
    p->inputsize = 64 - tsz;
    p->stride = p->pgshift - 3;
    p->big_endian = extract64(env->sctlr_el[el], 25, 1);
    /*
     * The walk starts at the level that leaves at most `stride` VA bits for
     * its table (ARM ARM D8.2.7): 4K with 48 bits starts at 0, with 39 at 1;
     * 16K with 48 bits at 0 (one bit), with 47 at 1; 64K with 48 bits at 1,
     * with 42 at 2.
     */
    p->start_level = 3 - (p->inputsize - p->pgshift - 1) / p->stride;

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

/*
 * The stage 2 parameters (VTCR_EL2, ARM ARM D13.2.151; D8.2.8). False when
 * VTCR_EL2.SL0 is reserved for the granule or does not suit T0SZ: a level
 * 0 translation fault (pseudocode AArch64.S2InvalidSL, S2InconsistentSL).
 */
static bool get_stage2_params(CPUARMState *env, WalkParams *p)
{
    uint64_t vtcr = env->vtcr_el2;
    unsigned tsz = MIN(MAX((unsigned)extract64(vtcr, 0, 6), 16u), 39u);
    unsigned sl0 = extract64(vtcr, 6, 2);
    unsigned levels, min_size;

    memset(p, 0, sizeof(*p));
    p->stage2 = true;
    p->ttbr = env->vttbr_el2;
    p->pgshift = tg0_pgshift(extract64(vtcr, 14, 2));
    p->stride = p->pgshift - 3;
    p->inputsize = 64 - tsz;
    p->outputsize = pa_size_bits(extract64(vtcr, 16, 3));
    p->big_endian = extract64(env->sctlr_el[2], 25, 1);
    /*
     * SL0: 4K 0b00 level 2, 0b01 level 1, 0b10 level 0; 16K and 64K: 0b00
     * level 3, 0b01 level 2, 0b10 level 1. 0b11 is reserved for all three
     * without FEAT_LPA2/TTST. The PAMax conditions on level 0 (4K) and
     * level 1 (16K, 64K) hold with 48 bits.
     */
    if (sl0 == 3) {
        return false;
    }
    p->start_level = (p->pgshift == 12 ? 2 : 3) - sl0;
    /* The start level resolves at least one bit and at most stride + 4 (16 tables). */
    levels = 3 - p->start_level;
    min_size = levels * p->stride + p->pgshift + 1;
    return p->inputsize >= min_size && p->inputsize <= min_size + p->stride + 3;
}

static inline bool walk_fail(ARMTranslation *tr, uint32_t fsc, unsigned level)
{
    tr->fsc = fsc | level;
    return false;
}

/*
 * Reads the descriptor at addr (an IPA when p->tables_at_ipa: stage 2
 * translates it first, as a read).
 */
static bool read_descriptor(CPUState *cs, const WalkParams *p, hwaddr addr, unsigned level,
                            uint64_t *desc, ARMTranslation *tr)
{
    MemTxAttrs attrs = { .requester_id = cs->cpu_index };
    MemTxResult res;

    if (p->tables_at_ipa) {
        ARMTranslation s2;

        if (!arm_stage2_walk(cs, addr, MMU_DATA_LOAD, &s2)) {
            tr->fsc = s2.fsc;
            tr->stage2 = true;
            tr->s1ptw = true;
            tr->fault_ipa = addr;
            return false;
        }
        addr = s2.paddr;
    }
    *desc = p->big_endian ? address_space_ldq_be(cs->as, addr, attrs, &res)
                          : address_space_ldq_le(cs->as, addr, attrs, &res);
    if (res != MEMTX_OK) {
        return walk_fail(tr, ARM_FSC_WALK_EXTERNAL, level);
    }
    return true;
}

/* What walk_tables found: the leaf and, for stage 1, the table descriptors' limits. */
typedef struct WalkResult {
    uint64_t desc;
    unsigned level;
    unsigned shift;             /* address bits below the leaf's level: log2 of its size */
    bool ap_table_no_el0, ap_table_ro, xn_table, pxn_table;
} WalkResult;

/*
 * Walks the tables for input address ia from the start level down to a
 * block or page descriptor (ARM ARM D8.2, D8.3). Fails with tr->fsc on an
 * invalid or reserved descriptor, an output address beyond outputsize, or
 * a descriptor that cannot be read.
 */
static bool walk_tables(CPUState *cs, const WalkParams *p, uint64_t ia, WalkResult *w,
                        ARMTranslation *tr)
{
    uint64_t oa_mask = low_mask64(p->outputsize);
    unsigned level = p->start_level;
    unsigned shift = p->pgshift + (3 - level) * p->stride;     /* bits below this level's index */
    unsigned bits = p->inputsize - shift;   /* index bits of the first table (concatenated too) */
    /* BADDR: bits [47:1], aligned to the first table's size (lower bits RES0). */
    uint64_t table = extract64(p->ttbr, 0, 48) & ~low_mask64(MAX(bits + 3, 6u));
    uint64_t desc;

    memset(w, 0, sizeof(*w));
    if (table & ~oa_mask) {
        return walk_fail(tr, ARM_FSC_ADDR_SIZE, level);
    }
    for (;;) {
        if (!read_descriptor(cs, p, table + extract64(ia, shift, bits) * 8, level, &desc, tr)) {
            return false;
        }
        if (!(desc & 1)) {
            return walk_fail(tr, ARM_FSC_TRANSLATION, level);
        }
        if (level == 3 || !(desc & 2)) {
            break;      /* a page (level 3) or a block */
        }
        /* A table descriptor: next-level table address, bits [47:pgshift]. */
        table = desc & (low_mask64(48) & ~low_mask64(p->pgshift));
        if (table & ~oa_mask) {
            return walk_fail(tr, ARM_FSC_ADDR_SIZE, level);
        }
        /* Stage 1 hierarchical attributes (D8.4.2); RES0 in stage 2 table descriptors. */
        if (!p->stage2) {
            w->ap_table_no_el0 |= extract64(desc, 61, 1);
            w->ap_table_ro |= extract64(desc, 62, 1);
            w->xn_table |= extract64(desc, 60, 1);
            w->pxn_table |= extract64(desc, 59, 1);
        }
        level++;
        shift -= p->stride;
        bits = p->stride;
    }

    /*
     * Level 3 needs a page descriptor (0b11; 0b01 is reserved); blocks exist
     * at levels 1 and 2 with 4K, at level 2 with 16K and 64K (their level 1
     * blocks need 52-bit addresses), never at level 0 (ARM ARM D8.3.1).
     */
    if (level == 3 ? !(desc & 2) : level < (p->pgshift == 12 ? 1u : 2u)) {
        return walk_fail(tr, ARM_FSC_TRANSLATION, level);
    }
    if (desc & low_mask64(48) & ~low_mask64(shift) & ~oa_mask) {
        return walk_fail(tr, ARM_FSC_ADDR_SIZE, level);
    }
    if (!extract64(desc, 10, 1)) {
        return walk_fail(tr, ARM_FSC_ACCESS_FLAG, level);
    }
    w->desc = desc;
    w->level = level;
    w->shift = shift;
    return true;
}

/* The access is allowed by prot, or a permission fault at level. */
static bool check_permission(MMUAccessType access, int prot, unsigned level, ARMTranslation *tr)
{
    if ((access == MMU_DATA_LOAD && !(prot & PAGE_READ)) ||
        (access == MMU_DATA_STORE && !(prot & PAGE_WRITE)) ||
        (access == MMU_INST_FETCH && !(prot & PAGE_EXEC))) {
        return walk_fail(tr, ARM_FSC_PERMISSION, level);
    }
    return true;
}

/* Output address of ia through the leaf of w: OA[47:shift], ia[shift-1:0]. */
static hwaddr leaf_address(const WalkResult *w, uint64_t ia)
{
    return (w->desc & low_mask64(48) & ~low_mask64(w->shift)) | (ia & low_mask64(w->shift));
}

/* Stage 1 permissions for mmu_idx (ARM ARM D8.4.1). */
static int stage1_prot(CPUARMState *env, unsigned el, unsigned mmu_idx, const WalkResult *w)
{
    uint64_t desc = w->desc;
    bool ap_ro = extract64(desc, 7, 1) || w->ap_table_ro;      /* AP[2] */
    bool ap_el0 = extract64(desc, 6, 1);                        /* AP[1] */
    bool uxn = extract64(desc, 54, 1) || w->xn_table;   /* UXN, or XN in a one-range regime */
    bool pxn = extract64(desc, 53, 1) || w->pxn_table;
    bool wxn = extract64(env->sctlr_el[el], 19, 1);
    int prot;

    if (el == 1) {
        bool user_r = ap_el0 && !w->ap_table_no_el0;
        bool user_w = user_r && !ap_ro;

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
    return prot;
}

bool arm_stage1_walk(CPUState *cs, uint64_t vaddr, MMUAccessType access, unsigned mmu_idx,
                     ARMTranslation *tr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    unsigned el = regime_el(mmu_idx);
    WalkParams p;
    WalkResult w;
    int prot;

    memset(tr, 0, sizeof(*tr));
    if (!get_stage1_params(env, el, vaddr, &p) || p.disabled) {
        return walk_fail(tr, ARM_FSC_TRANSLATION, 0);
    }
    if (!walk_tables(cs, &p, vaddr, &w, tr)) {
        return false;
    }
    prot = stage1_prot(env, el, mmu_idx, &w);
    if (!check_permission(access, prot, w.level, tr)) {
        return false;
    }
    tr->paddr = leaf_address(&w, vaddr);
    tr->prot = prot;
    /* AttrIndx (bits [4:2]) selects a byte of MAIR_ELx (D8.5.1); SH is bits [9:8]. */
    tr->memattr = extract64(env->mair_el[el], 8 * extract64(w.desc, 2, 3), 8);
    tr->shareability = extract64(w.desc, 8, 2);
    tr->page_size = 1ULL << w.shift;
    tr->attrs.user = mmu_idx == ARM_MMU_IDX_EL10_0;
    return true;
}

/*
 * A stage 2 MemAttr[3:0] as the MAIR byte of the same type (D8.5.5):
 * MemAttr[3:2] = 0b00 is Device (MemAttr[1:0] its kind, as MAIR bits
 * [3:2]); otherwise MemAttr[3:2] is the outer and [1:0] the inner
 * cacheability: 0b01 Non-cacheable, 0b10 Write-Through, 0b11 Write-Back
 * (read and write allocate hints set: stage 2 has no hints of its own).
 */
static uint8_t stage2_memattr(unsigned memattr)
{
    static const uint8_t nibble[4] = { 0x4, 0x4, 0xb, 0xf };

    if (!(memattr & 0xc)) {
        return (memattr & 3) << 2;
    }
    return nibble[memattr >> 2] << 4 | nibble[memattr & 3];
}

bool arm_stage2_walk(CPUState *cs, hwaddr ipa, MMUAccessType access, ARMTranslation *tr)
{
    CPUARMState *env = &arm_cpu(cs)->env;
    WalkParams p;
    WalkResult w;
    unsigned s2ap;
    int prot;

    memset(tr, 0, sizeof(*tr));
    /* Whatever fails here is a stage 2 fault on this IPA. */
    tr->stage2 = true;
    tr->fault_ipa = ipa;
    /* An IPA beyond VTCR_EL2.T0SZ's range: a level 0 translation fault (D8.2.8). */
    if (!get_stage2_params(env, &p) || (ipa >> p.inputsize)) {
        return walk_fail(tr, ARM_FSC_TRANSLATION, 0);
    }
    if (!walk_tables(cs, &p, ipa, &w, tr)) {
        return false;
    }
    /* S2AP (bits [7:6]): bit 6 read, bit 7 write; XN bit 54 (D8.4.3). */
    s2ap = extract64(w.desc, 6, 2);
    prot = (s2ap & 1 ? PAGE_READ : 0) | (s2ap & 2 ? PAGE_WRITE : 0) |
           (extract64(w.desc, 54, 1) ? 0 : PAGE_EXEC);
    if (!check_permission(access, prot, w.level, tr)) {
        return false;
    }
    tr->stage2 = false;
    tr->paddr = leaf_address(&w, ipa);
    tr->prot = prot;
    tr->memattr = stage2_memattr(extract64(w.desc, 2, 4));
    tr->shareability = extract64(w.desc, 8, 2);
    tr->page_size = 1ULL << w.shift;
    return true;
}

/* Cacheability of a MAIR nibble for Normal memory: 0 Non-cacheable, 1 Write-Through, 2 Write-Back. */
static unsigned cacheability(unsigned nibble)
{
    if (nibble == 0x4) {
        return 0;
    }
    return nibble & 4 ? 2 : 1;      /* 0b01RW / 0b11RW Write-Back, 0b00RW / 0b10RW Write-Through */
}

/* Of two Normal memory nibbles (outer or inner), the less cacheable one. */
static unsigned combine_nibble(unsigned s1, unsigned s2)
{
    return cacheability(s2) < cacheability(s1) ? s2 : s1;
}

/*
 * Combines the stage 1 and stage 2 memory attributes (ARM ARM D8.5.5,
 * pseudocode AArch64.CombineS1S2Desc): Device wins over Normal, the
 * stronger Device kind over the weaker (nGnRnE < nGnRE < nGRE < GRE, the
 * encodings in order); for Normal memory, outer and inner each take the
 * less cacheable of the two, and the shareability the wider one (Outer >
 * Inner > Non-shareable).
 */
void arm_combine_s1s2(ARMTranslation *s1, const ARMTranslation *s2)
{
    uint8_t a1 = s1->memattr, a2 = s2->memattr;
    bool dev1 = ARM_MEMATTR_IS_DEVICE(a1), dev2 = ARM_MEMATTR_IS_DEVICE(a2);

    if (dev1 || dev2) {
        s1->memattr = dev1 && dev2 ? MIN(a1 & 0xc, a2 & 0xc) : (dev1 ? a1 : a2) & 0xc;
    } else {
        s1->memattr = combine_nibble(a1 >> 4, a2 >> 4) << 4 | combine_nibble(a1 & 15, a2 & 15);
    }
    if (s1->shareability == 2 || s2->shareability == 2) {
        s1->shareability = 2;
    } else if (s1->shareability == 3 || s2->shareability == 3) {
        s1->shareability = 3;
    }
    s1->paddr = s2->paddr;
    s1->prot &= s2->prot;
    s1->page_size = MIN(s1->page_size, s2->page_size);
}
