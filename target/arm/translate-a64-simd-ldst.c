/*
 * A64 AdvSIMD structure loads and stores (ARM ARM C4.1.88: "Advanced SIMD
 * load/store multiple structures", "... single structure", and their
 * post-indexed forms): LD1-LD4 and ST1-ST4 of whole registers, of one
 * lane, and LD1R-LD4R (load and replicate).
 *
 * They are hot (glibc's memcpy, strlen, memchr use LD1/ST1), so they are
 * inline element accesses, no helper: each element is one guest load or
 * store through the TLB fast path, moved to or from its lane with a host
 * load/store on env. LD1/ST1 with little-endian data move whole 64-bit
 * chunks instead: memory order and lane order agree then, and one access
 * replaces up to eight.
 *
 * The ARM ARM pseudocode (LD1 (multiple structures), C7.2.165) is followed
 * element by element: structure e of registers t..t+selem-1 (numbers
 * wrapping modulo 32) sits at offs = (e * selem + s) * ebytes, repeated
 * rpt times for LD1/ST1 of 2-4 registers. A 64-bit (Q = 0) load clears
 * bits 127:64 of each register it writes; a one-lane load keeps the rest
 * of the register; LDnR with Q = 0 clears the upper half.
 *
 * Faults: the base register is written back only after the last access,
 * so a fault leaves it unchanged and the instruction restartable. LD1
 * (little-endian) gathers everything before writing any register; the
 * element-wise forms may leave lanes loaded before the fault (the ARM ARM
 * makes destination registers UNKNOWN after a fault part-way through).
 *
 * With SCTLR_ELx.A every element must be aligned to its size; all element
 * addresses are the base plus multiples of that size, so one check of the
 * base does.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/translate.h"
#include "target/arm/translate-a64-ldst.h"
#include "tcg/tcg-op-gvec.h"

/* The address of the element at base + offs, in a reusable temp. */
static TCGv_i64 elem_addr(TCGv_i64 tmp, TCGv_i64 base, unsigned offs)
{
    tcg_gen_addi_i64(tmp, base, offs);
    return tmp;
}

/* Post-index writeback: base += Rm, or += imm (the bytes transferred) when Rm is 31. */
static void gen_post_index(DisasContext *s, TCGv_i64 base, unsigned rm, unsigned imm)
{
    if (rm == 31) {
        tcg_gen_addi_i64(base, base, imm);
    } else {
        tcg_gen_add_i64(base, base, cpu_reg(s, rm));
    }
}

/* Multiple structures: opcode (bits 15:12) → repeats and structure size; 0: unallocated. */
static const struct {
    uint8_t rpt, selem;
} multi_layout[16] = {
    [0x0] = { 1, 4 },   /* LD4/ST4 */
    [0x2] = { 4, 1 },   /* LD1/ST1, 4 registers */
    [0x4] = { 1, 3 },   /* LD3/ST3 */
    [0x6] = { 3, 1 },   /* LD1/ST1, 3 registers */
    [0x7] = { 1, 1 },   /* LD1/ST1, 1 register */
    [0x8] = { 1, 2 },   /* LD2/ST2 */
    [0xa] = { 2, 1 },   /* LD1/ST1, 2 registers */
};

/*
 * LD1-LD4/ST1-ST4 (multiple structures), with and without post-index
 * (C7.2.165, C7.2.171, C7.2.174, C7.2.177 ... and the ST forms).
 */
static bool trans_ldst_multiple(DisasContext *s, uint32_t insn)
{
    bool is_q = extract32(insn, 30, 1), load = extract32(insn, 22, 1);
    bool post = extract32(insn, 23, 1);
    unsigned rm = extract32(insn, 16, 5), opcode = extract32(insn, 12, 4);
    unsigned size = extract32(insn, 10, 2), rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    unsigned rpt = multi_layout[opcode].rpt, selem = multi_layout[opcode].selem;
    unsigned vbytes = is_q ? 16 : 8, ebytes = 1u << size, elements = vbytes / ebytes;
    TCGv_i64 base, addr, val;

    if (rpt == 0 || (size == 3 && !is_q && selem != 1)) {
        return false;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    base = cpu_reg_sp(s, rn);
    gen_check_align_if(s, base, ebytes, !load, s->mmu_idx);
    addr = tcg_temp_ebb_new_i64();
    val = tcg_temp_ebb_new_i64();
    if (selem == 1 && !s->be_data) {
        /*
         * LD1/ST1, little-endian: register r is the bytes at r * vbytes, in
         * lane order. Loads gather every chunk first, so a fault leaves
         * all the registers unchanged.
         */
        MemOp mop = ldst_memop(s, MO_64, false);
        unsigned chunks = rpt * vbytes / 8;
        TCGv_i64 data[8];

        for (unsigned i = 0; i < chunks; i++) {
            unsigned tt = (rt + i * 8 / vbytes) % 32, half = i % (vbytes / 8);

            elem_addr(addr, base, i * 8);
            if (load) {
                data[i] = tcg_temp_ebb_new_i64();
                tcg_gen_guest_ld_i64(data[i], addr, s->mmu_idx, mop);
            } else {
                tcg_gen_ld_i64(val, tcg_env, vreg_element_offset(tt, half, MO_64));
                tcg_gen_guest_st_i64(val, addr, s->mmu_idx, mop);
            }
        }
        for (unsigned i = 0; load && i < chunks; i++) {
            unsigned tt = (rt + i * 8 / vbytes) % 32, half = i % (vbytes / 8);

            tcg_gen_st_i64(data[i], tcg_env, vreg_element_offset(tt, half, MO_64));
        }
    } else {
        MemOp mop = ldst_memop(s, size, false);
        unsigned offs = 0;

        for (unsigned r = 0; r < rpt; r++) {
            for (unsigned e = 0; e < elements; e++) {
                for (unsigned i = 0; i < selem; i++) {
                    unsigned tt = (rt + r + i) % 32;

                    elem_addr(addr, base, offs);
                    if (load) {
                        tcg_gen_guest_ld_i64(val, addr, s->mmu_idx, mop);
                        write_vec_element(s, val, tt, e, size);
                    } else {
                        read_vec_element(s, val, tt, e, size);
                        tcg_gen_guest_st_i64(val, addr, s->mmu_idx, mop);
                    }
                    offs += ebytes;
                }
            }
        }
    }
    if (load && !is_q) {
        for (unsigned r = 0; r < rpt * selem; r++) {
            clear_vec_high(s, false, (rt + r) % 32);
        }
    }
    if (post) {
        gen_post_index(s, base, rm, rpt * selem * vbytes);
    }
    return true;
}

/*
 * LD1-LD4/ST1-ST4 (single structure) and LD1R-LD4R, with and without
 * post-index (C7.2.166, C7.2.167 ...): the lane index is Q:S:size with as
 * many low bits as the element size leaves (C4.1.88's decode of opcode,
 * S and size).
 */
static bool trans_ldst_single(DisasContext *s, uint32_t insn)
{
    bool is_q = extract32(insn, 30, 1), load = extract32(insn, 22, 1);
    bool post = extract32(insn, 23, 1), r_bit = extract32(insn, 21, 1);
    bool s_bit = extract32(insn, 12, 1);
    unsigned rm = extract32(insn, 16, 5), opcode = extract32(insn, 13, 3);
    unsigned size = extract32(insn, 10, 2), rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    unsigned scale = opcode >> 1, selem = ((opcode & 1) << 1 | r_bit) + 1;
    unsigned index = 0, ebytes;
    bool replicate = false;
    TCGv_i64 base, addr, val;
    MemOp mop;

    switch (scale) {
    case 0:
        index = is_q << 3 | s_bit << 2 | size;
        break;
    case 1:
        if (size & 1) {
            return false;
        }
        index = is_q << 2 | s_bit << 1 | size >> 1;
        break;
    case 2:
        if (size & 2) {
            return false;
        }
        if (!(size & 1)) {
            index = is_q << 1 | s_bit;
        } else {
            if (s_bit) {
                return false;
            }
            index = is_q;
            scale = 3;
        }
        break;
    default:
        if (!load || s_bit) {
            return false;
        }
        replicate = true;
        scale = size;
        break;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    ebytes = 1u << scale;
    mop = ldst_memop(s, scale, false);
    base = cpu_reg_sp(s, rn);
    gen_check_align_if(s, base, ebytes, !load, s->mmu_idx);
    addr = tcg_temp_ebb_new_i64();
    val = tcg_temp_ebb_new_i64();
    for (unsigned i = 0; i < selem; i++) {
        unsigned tt = (rt + i) % 32;

        elem_addr(addr, base, i * ebytes);
        if (replicate) {
            tcg_gen_guest_ld_i64(val, addr, s->mmu_idx, mop);
            tcg_gen_gvec_dup_i64(scale, vreg_offset(tt), is_q ? 16 : 8, 16, val);
        } else if (load) {
            tcg_gen_guest_ld_i64(val, addr, s->mmu_idx, mop);
            write_vec_element(s, val, tt, index, scale);
        } else {
            read_vec_element(s, val, tt, index, scale);
            tcg_gen_guest_st_i64(val, addr, s->mmu_idx, mop);
        }
    }
    if (post) {
        gen_post_index(s, base, rm, selem * ebytes);
    }
    return true;
}

const A64Pattern a64_simd_ldst_patterns[] = {
    { "AdvSIMD load/store multiple structures",
      "0x_0011000_x_000000_xxxx_xx_xxxxx_xxxxx", trans_ldst_multiple },
    { "AdvSIMD load/store multiple structures (post-indexed)",
      "0x_0011001_x_0_xxxxx_xxxx_xx_xxxxx_xxxxx", trans_ldst_multiple },
    { "AdvSIMD load/store single structure",
      "0x_0011010_x_x_00000_xxx_x_xx_xxxxx_xxxxx", trans_ldst_single },
    { "AdvSIMD load/store single structure (post-indexed)",
      "0x_0011011_x_x_xxxxx_xxx_x_xx_xxxxx_xxxxx", trans_ldst_single },
    A64_PATTERNS_END,
};
