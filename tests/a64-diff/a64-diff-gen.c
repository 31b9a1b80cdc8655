/*
 * A64 sequence generator: see a64-diff-gen.h.
 *
 * Pattern letters (bit 31 first; '_' and ' ' are ignored):
 *   0 1   fixed bits            x   a random bit (a fix-up may overwrite it)
 *   d     destination, 31 = ZR; never a base register
 *   D     destination where 31 = SP: never 31 (SP differs between the
 *         two sides), never a base register
 *   n m a source, 31 = ZR       N   source where 31 = SP: never 31
 *   t T   transfer registers (the fix-up picks them: loads must not
 *         overwrite base registers)
 *   b     base register of a load/store: one pointing into the scratch
 *   v w y z V registers (Vd, Vn, Vm, Va: any of V0..V31, picked independently)
 *
 * Loads and stores stay aligned: Koine runs the harness with the MMU off,
 * where data accesses are Device memory and must be aligned (ARM ARM
 * B2.5.2), while qemu-aarch64 runs them on Normal memory. Base registers
 * start 16-aligned and writeback amounts are multiples of 16, so the
 * generator knows every base register's value exactly; sequences with
 * branches never write back (a skipped writeback would break that).
 *
 * Two templates need more than one word: an exclusive load is always
 * followed by its store (T_PAIR: the fix-up leaves the second word in
 * Gen.pending), and literal loads want data to read: sequences that may
 * hold one end, half the time, in a data island (a B over 4..16 words of
 * special FP values and random bits) whose size is fixed before the first
 * instruction is generated, so any literal load can aim at it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-diff-gen-internal.h"

unsigned a64diff_pick_dest(Gen *g, bool allow31)
{
    unsigned r;

    do {
        r = g_rand_int_range(g->rand, 0, allow31 ? 32 : 31);
    } while (g->is_base[r]);
    return r;
}

#define pick_dest a64diff_pick_dest

/* ---- Data processing -- immediate (C4.1.86) ---- */

/* DecodeBitMasks() (ARM ARM J1.1.3...): reject the reserved N:immr:imms values. */
static bool fix_logic_imm(Gen *g, uint32_t *insn)
{
    bool sf = field(*insn, 31, 1), n = field(*insn, 22, 1);
    unsigned imms = field(*insn, 10, 6), len, levels;
    uint32_t v = (n << 6) | (~imms & 0x3f);

    if (!sf && n) {
        return false;
    }
    if (!v) {
        return false;
    }
    len = 31 - __builtin_clz(v);
    if (len < 1) {
        return false;
    }
    levels = (1u << len) - 1;
    return (imms & levels) != levels;
}

static bool fix_mov_wide(Gen *g, uint32_t *insn)
{
    return field(*insn, 29, 2) != 1 && (field(*insn, 31, 1) || field(*insn, 22, 1) == 0);
}

static bool fix_bitfield(Gen *g, uint32_t *insn)
{
    bool sf = field(*insn, 31, 1);

    if (field(*insn, 29, 2) == 3) {
        return false;
    }
    *insn = set_field(*insn, 22, 1, sf);
    if (!sf) {
        *insn = set_field(*insn, 21, 1, 0);     /* immr < 32 */
        *insn = set_field(*insn, 15, 1, 0);     /* imms < 32 */
    }
    return true;
}

static bool fix_extract(Gen *g, uint32_t *insn)
{
    bool sf = field(*insn, 31, 1);

    *insn = set_field(*insn, 22, 1, sf);
    if (!sf) {
        *insn = set_field(*insn, 15, 1, 0);
    }
    return true;
}

/* ---- Data processing -- register (C4.1.95) ---- */

static bool fix_shift_amount(Gen *g, uint32_t *insn)
{
    if (!field(*insn, 31, 1)) {
        *insn = set_field(*insn, 15, 1, 0);     /* imm6 < 32 */
    }
    return true;
}

static bool fix_addsub_shifted(Gen *g, uint32_t *insn)
{
    return field(*insn, 22, 2) != 3 && fix_shift_amount(g, insn);
}

static bool fix_addsub_ext(Gen *g, uint32_t *insn)
{
    return field(*insn, 10, 3) <= 4;
}

static bool fix_dp1(Gen *g, uint32_t *insn)
{
    unsigned op = field(*insn, 10, 6);

    return op <= 5 && (field(*insn, 31, 1) || op != 3);
}

static bool fix_dp2(Gen *g, uint32_t *insn)
{
    unsigned op = field(*insn, 10, 6);

    return op == 2 || op == 3 || (op >= 8 && op <= 11);
}

static bool fix_crc32(Gen *g, uint32_t *insn)
{
    *insn = set_field(*insn, 31, 1, field(*insn, 10, 2) == 3);
    return true;
}

static bool fix_dp3(Gen *g, uint32_t *insn)
{
    unsigned op31 = field(*insn, 21, 3);

    if (!field(*insn, 31, 1)) {
        return op31 == 0;
    }
    if (op31 == 2 || op31 == 6) {               /* SMULH, UMULH: o0 = 0, Ra = 11111 */
        *insn = set_field(*insn, 15, 1, 0);
        *insn = set_field(*insn, 10, 5, 31);
        return true;
    }
    return op31 == 0 || op31 == 1 || op31 == 5;
}

/* ---- Loads and stores (C4.1.88) ---- */

/* size:opc of the single-register forms: false for PRFM and unallocated. */
static bool ldst_valid(uint32_t insn, bool *load)
{
    unsigned size = field(insn, 30, 2), opc = field(insn, 22, 2);

    *load = opc != 0;
    return !(opc == 2 && size == 3) && !(opc == 3 && size >= 2);
}

/* The transfer register: loads never overwrite a base register. */
static unsigned pick_rt(Gen *g, bool load)
{
    return load ? pick_dest(g, true) : (unsigned)g_rand_int_range(g->rand, 0, 32);
}

bool a64diff_pick_uimm(Gen *g, uint32_t *insn, unsigned scale)
{
    unsigned rn = field(*insn, 5, 5);
    int64_t base = g->base_off[rn];
    int64_t hi = MIN((int64_t)A64DIFF_SCRATCH_SIZE - scale, base + 4095 * (int64_t)scale);

    if (hi < base) {
        return false;
    }
    *insn = set_field(*insn, 10, 12, (uint32_t)rand_range(g, 0, (hi - base) / scale));
    return true;
}

bool a64diff_pick_unscaled(Gen *g, uint32_t *insn, unsigned scale)
{
    unsigned rn = field(*insn, 5, 5);
    int64_t base = g->base_off[rn];
    int64_t lo = MAX(0, base - 256), hi = MIN((int64_t)A64DIFF_SCRATCH_SIZE - scale, base + 255);

    lo = (lo + scale - 1) & ~(int64_t)(scale - 1);
    if (lo > hi) {
        return false;
    }
    *insn = set_field(*insn, 12, 9, (uint32_t)(lo + scale * rand_range(g, 0, (hi - lo) / scale) - base));
    return true;
}

bool a64diff_pick_writeback(Gen *g, unsigned rn, int64_t lo, int64_t hi, int64_t *amount)
{
    int64_t base = g->base_off[rn];

    lo = MAX(lo, -base);
    hi = MIN(hi, (int64_t)A64DIFF_SCRATCH_SIZE - 16 - base);
    lo = (lo + 15) & ~(int64_t)15;
    if (lo > hi) {
        return false;
    }
    *amount = lo + 16 * rand_range(g, 0, (hi - lo) / 16);
    return true;
}

bool a64diff_pick_wb9(Gen *g, uint32_t *insn)
{
    unsigned rn = field(*insn, 5, 5);
    int64_t amount;

    if (!a64diff_pick_writeback(g, rn, -256, 255, &amount)) {
        return false;
    }
    *insn = set_field(*insn, 12, 9, (uint32_t)amount);
    g->base_off[rn] += amount;
    return true;
}

/*
 * LDR (literal) reads the sequence itself: any word from the first to the
 * last of the data island, aligned to the access size (the harness's code
 * is Device memory too), never the exit branch after the sequence (the two
 * sides end sequences differently).
 */
bool a64diff_pick_literal(Gen *g, uint32_t *insn, unsigned size)
{
    unsigned words = size / 4 ? size / 4 : 1, step = words, first, last, target;

    /* Word 0 is at A64DIFF_CODE_ADDR, which is 16-aligned. */
    if (g->total < words) {
        return false;
    }
    last = (g->total - words) / step;
    first = 0;
    /* Mostly the island (data), sometimes code words. */
    if (g->total > g->n + 1 && g_rand_int_range(g->rand, 0, 4)) {
        first = (g->n + 1 + step - 1) / step;
        if (first > last) {
            first = 0;
        }
    }
    target = step * (unsigned)rand_range(g, first, last);
    *insn = set_field(*insn, 5, 19, (uint32_t)((int64_t)target - (int64_t)g->pos));
    return true;
}

static bool fix_ldst_uimm(Gen *g, uint32_t *insn)
{
    bool load;

    if (!ldst_valid(*insn, &load) || !a64diff_pick_uimm(g, insn, 1u << field(*insn, 30, 2))) {
        return false;
    }
    *insn = set_field(*insn, 0, 5, pick_rt(g, load));
    return true;
}

static bool fix_ldst_unscaled(Gen *g, uint32_t *insn)
{
    bool load;

    if (!ldst_valid(*insn, &load) || !a64diff_pick_unscaled(g, insn, 1u << field(*insn, 30, 2))) {
        return false;
    }
    *insn = set_field(*insn, 0, 5, pick_rt(g, load));
    return true;
}

static bool fix_ldst_wb(Gen *g, uint32_t *insn)
{
    unsigned rn = field(*insn, 5, 5), rt;
    bool load;

    if (!ldst_valid(*insn, &load)) {
        return false;
    }
    rt = pick_rt(g, load);
    if (rt == rn) {                 /* CONSTRAINED UNPREDICTABLE (writeback with Rt == Rn) */
        return false;
    }
    if (!a64diff_pick_wb9(g, insn)) {
        return false;
    }
    *insn = set_field(*insn, 0, 5, rt);
    return true;
}

static bool fix_ldst_regoff(Gen *g, uint32_t *insn)
{
    bool load;

    if (!ldst_valid(*insn, &load)) {
        return false;
    }
    *insn = set_field(*insn, 14, 1, 1);         /* option UXTW, LSL, SXTW, SXTX */
    *insn = set_field(*insn, 0, 5, pick_rt(g, load));
    return true;
}

static bool fix_ldst_pair(Gen *g, uint32_t *insn)
{
    unsigned opc = field(*insn, 30, 2), mode = field(*insn, 23, 2);
    bool load = field(*insn, 22, 1), wb = mode == 1 || mode == 3;
    unsigned rn = field(*insn, 5, 5), scale = opc == 2 ? 8 : 4, rt, rt2;
    int64_t base = g->base_off[rn], amount;

    if (opc == 3 || (opc == 1 && (!load || mode == 0))) {
        return false;               /* unallocated, STGP, LDNPSW */
    }
    rt = pick_rt(g, load);
    rt2 = pick_rt(g, load);
    if (load && rt == rt2) {
        return false;               /* CONSTRAINED UNPREDICTABLE */
    }
    if (wb) {
        if (rt == rn || rt2 == rn || !a64diff_pick_writeback(g, rn, -64 * (int64_t)scale,
                                                             63 * (int64_t)scale, &amount)) {
            return false;
        }
        g->base_off[rn] += amount;
    } else {
        int64_t lo = MAX(-64, -base / scale);
        int64_t hi = MIN(63, ((int64_t)A64DIFF_SCRATCH_SIZE - 2 * scale - base) / scale);

        if (lo > hi) {
            return false;
        }
        amount = scale * rand_range(g, lo, hi);
    }
    *insn = set_field(*insn, 15, 7, (uint32_t)(amount / (int64_t)scale));
    *insn = set_field(*insn, 10, 5, rt2);
    *insn = set_field(*insn, 0, 5, rt);
    return true;
}

/*
 * LDXR/LDAXR then, as the next word, STXR/STLXR of the same size to the same
 * base (C6.2.166, C6.2.290). With one PE and nothing between them the store
 * succeeds (status 0); a branch landing on the STXR skips the LDXR and the
 * store fails (status 1, nothing stored: the monitor is open, both sides
 * clear it before a sequence). Rs must differ from Rt and Rn (C6.2.290:
 * CONSTRAINED UNPREDICTABLE otherwise) and is never a base register.
 */
static bool fix_exclusive(Gen *g, uint32_t *insn)
{
    unsigned rt = pick_dest(g, true), rs, rt2;
    bool pair = field(*insn, 21, 1);

    if (g->pos + 1 >= g->n || (pair && field(*insn, 31, 1) == 0)) {
        return false;               /* no room for the STXR; LDXP is 32/64-bit only */
    }
    rt2 = pair ? pick_dest(g, true) : 31;
    if (pair && rt == rt2) {
        return false;               /* LDXP with Rt == Rt2: CONSTRAINED UNPREDICTABLE */
    }
    rs = pick_dest(g, true);
    if (rs == rt || (pair && rs == rt2)) {
        return false;
    }
    *insn = set_field(*insn, 0, 5, rt);
    *insn = set_field(*insn, 10, 5, rt2);
    /* The store: L = 0, Rs, Rt and Rt2 random (stores may store a base register). */
    rt = g_rand_int_range(g->rand, 0, 32);
    rt2 = pair ? (unsigned)g_rand_int_range(g->rand, 0, 32) : 31;
    if (rs == rt || (pair && rs == rt2)) {
        return false;
    }
    g->pending = set_field(*insn, 22, 1, 0);
    g->pending = set_field(g->pending, 16, 5, rs);
    g->pending = set_field(g->pending, 15, 1, g_rand_boolean(g->rand));     /* STLXR or STXR */
    g->pending = set_field(g->pending, 10, 5, rt2);
    g->pending = set_field(g->pending, 0, 5, rt);
    return true;
}

/* LDAR/STLR (C6.2.137, C6.2.293): [Xn] only. */
static bool fix_acq_rel(Gen *g, uint32_t *insn)
{
    *insn = set_field(*insn, 0, 5, pick_rt(g, field(*insn, 22, 1)));
    return true;
}

/* LDR (literal) W, X, LDRSW (literal) (C6.2.135, C6.2.172); opc 11 is PRFM. */
static bool fix_literal(Gen *g, uint32_t *insn)
{
    static const unsigned size_of_opc[3] = { 4, 8, 4 };
    unsigned opc = field(*insn, 30, 2);

    if (opc == 3 || !a64diff_pick_literal(g, insn, size_of_opc[opc])) {
        return false;
    }
    *insn = set_field(*insn, 0, 5, pick_dest(g, true));
    return true;
}

/* ---- Forward branches: to a later instruction or the end of the sequence ---- */

static int64_t branch_words(Gen *g)
{
    return rand_range(g, 1, MIN(8, (int64_t)(g->n - g->pos)));
}

static bool fix_branch19(Gen *g, uint32_t *insn)
{
    *insn = set_field(*insn, 5, 19, (uint32_t)branch_words(g));
    return true;
}

static bool fix_branch14(Gen *g, uint32_t *insn)
{
    *insn = set_field(*insn, 5, 14, (uint32_t)branch_words(g));
    return true;
}

static bool fix_branch26(Gen *g, uint32_t *insn)
{
    *insn = set_field(*insn, 0, 26, (uint32_t)branch_words(g));
    return true;
}

static const A64DiffTemplate templates[] = {
    /* C4.1.86 */
    { "ADD/SUB (immediate)", A64DIFF_DP_IMM, "xxx100010xxxxxxxxxxxxxNNNNNDDDDD", 0, NULL },
    { "AND/ORR/EOR/ANDS (immediate)", A64DIFF_DP_IMM, "xxx100100xxxxxxxxxxxxxnnnnnDDDDD", 0,
      fix_logic_imm },
    { "MOVN/MOVZ/MOVK", A64DIFF_DP_IMM, "xxx100101xxxxxxxxxxxxxxxxxxddddd", 0, fix_mov_wide },
    { "SBFM/BFM/UBFM", A64DIFF_DP_IMM, "xxx100110xxxxxxxxxxxxxnnnnnddddd", 0, fix_bitfield },
    { "EXTR", A64DIFF_DP_IMM, "x00100111x0mmmmmxxxxxxnnnnnddddd", 0, fix_extract },
    { "ADR/ADRP", A64DIFF_DP_IMM, "xxx10000xxxxxxxxxxxxxxxxxxxddddd", 0, NULL },
    /* C4.1.95 */
    { "logical (shifted register)", A64DIFF_DP_REG, "xxx01010xxxmmmmmxxxxxxnnnnnddddd", 0,
      fix_shift_amount },
    { "ADD/SUB (shifted register)", A64DIFF_DP_REG, "xxx01011xx0mmmmmxxxxxxnnnnnddddd", 0,
      fix_addsub_shifted },
    { "ADD/SUB (extended register)", A64DIFF_DP_REG, "xxx01011001mmmmmxxxxxxNNNNNDDDDD", 0,
      fix_addsub_ext },
    { "ADC/SBC", A64DIFF_DP_REG, "xxx11010000mmmmm000000nnnnnddddd", 0, NULL },
    { "CCMN/CCMP (register)", A64DIFF_DP_REG, "xx111010010mmmmmxxxx00nnnnn0xxxx", 0, NULL },
    { "CCMN/CCMP (immediate)", A64DIFF_DP_REG, "xx111010010xxxxxxxxx10nnnnn0xxxx", 0, NULL },
    { "CSEL/CSINC/CSINV/CSNEG", A64DIFF_DP_REG, "xx011010100mmmmmxxxx0xnnnnnddddd", 0, NULL },
    { "RBIT/REV16/REV32/REV/CLZ/CLS", A64DIFF_DP_REG, "x101101011000000000xxxnnnnnddddd", 0,
      fix_dp1 },
    { "UDIV/SDIV/LSLV/LSRV/ASRV/RORV", A64DIFF_DP_REG, "x0011010110mmmmm00xxxxnnnnnddddd", 0,
      fix_dp2 },
    { "CRC32/CRC32C", A64DIFF_DP_REG, "x0011010110mmmmm010xxxnnnnnddddd", 0, fix_crc32 },
    { "MADD/MSUB/SMADDL/SMSUBL/SMULH/UMADDL/UMSUBL/UMULH", A64DIFF_DP_REG,
      "x0011011xxxmmmmmxaaaaannnnnddddd", 0, fix_dp3 },
    /* C4.1.88 */
    { "LDR/STR (unsigned immediate)", A64DIFF_LDST, "xx111001xxxxxxxxxxxxxxbbbbbttttt", 0,
      fix_ldst_uimm },
    { "LDUR/STUR (unscaled immediate)", A64DIFF_LDST, "xx111000xx0xxxxxxxxx00bbbbbttttt", 0,
      fix_ldst_unscaled },
    { "LDR/STR (pre/post-index)", A64DIFF_LDST, "xx111000xx0xxxxxxxxxx1bbbbbttttt",
      T_WRITEBACK, fix_ldst_wb },
    { "LDR/STR (register offset, XZR index)", A64DIFF_LDST, "xx111000xx111111xxxx10bbbbbttttt",
      0, fix_ldst_regoff },
    { "LDP/STP/LDNP/STNP/LDPSW (offset)", A64DIFF_LDST, "xx1010010xxxxxxxxtttttbbbbbttttt", 0,
      fix_ldst_pair },
    { "LDP/STP/LDNP/STNP/LDPSW (no-allocate)", A64DIFF_LDST, "xx1010000xxxxxxxxtttttbbbbbttttt",
      0, fix_ldst_pair },
    { "LDP/STP/LDPSW (pre/post-index)", A64DIFF_LDST, "xx10100x1xxxxxxxxtttttbbbbbttttt",
      T_WRITEBACK, fix_ldst_pair },
    { "LDXR/LDAXR/LDXP/LDAXP + STXR/STLXR/STXP/STLXP", A64DIFF_LDST,
      "xx_001000_0_1_x_11111_x_11111_bbbbb_ttttt", T_PAIR, fix_exclusive },
    { "LDAR/STLR", A64DIFF_LDST, "xx_001000_1_x_0_11111_1_11111_bbbbb_ttttt", 0, fix_acq_rel },
    { "LDR/LDRSW (literal)", A64DIFF_LDST, "xx_011_0_00_xxxxxxxxxxxxxxxxxxx_ttttt", T_LITERAL,
      fix_literal },
    /* C4.1.87 (the forward branches only) */
    { "B.cond", A64DIFF_BRANCH, "01010100xxxxxxxxxxxxxxxxxxx0xxxx", T_BRANCH, fix_branch19 },
    { "CBZ/CBNZ", A64DIFF_BRANCH, "x011010xxxxxxxxxxxxxxxxxxxxnnnnn", T_BRANCH, fix_branch19 },
    { "TBZ/TBNZ", A64DIFF_BRANCH, "x011011xxxxxxxxxxxxxxxxxxxxnnnnn", T_BRANCH, fix_branch14 },
    { "B", A64DIFF_BRANCH, "000101xxxxxxxxxxxxxxxxxxxxxxxxxx", T_BRANCH, fix_branch26 },
    /* FP and AdvSIMD: a64diff_fp_templates[] (a64-diff-gen-fp.c). */
};

static const char *const group_names[A64DIFF_NB_GROUPS] = {
    [A64DIFF_DP_IMM] = "dp-imm",
    [A64DIFF_DP_REG] = "dp-reg",
    [A64DIFF_LDST] = "ldst",
    [A64DIFF_BRANCH] = "branch",
    [A64DIFF_FP] = "fp",
    [A64DIFF_SIMD] = "simd",
    [A64DIFF_SIMD_LDST] = "simd-ldst",
};

const char *a64diff_group_name(A64DiffGroup g)
{
    return group_names[g];
}

bool a64diff_group_parse(const char *name, A64DiffGroup *g)
{
    for (unsigned i = 0; i < A64DIFF_NB_GROUPS; i++) {
        if (!strcmp(name, group_names[i])) {
            *g = i;
            return true;
        }
    }
    return false;
}

unsigned a64diff_nb_templates(void)
{
    return ARRAY_SIZE(templates) + a64diff_nb_fp_templates;
}

const A64DiffTemplate *a64diff_template(unsigned i)
{
    return i < ARRAY_SIZE(templates) ? &templates[i] : &a64diff_fp_templates[i - ARRAY_SIZE(templates)];
}

const char *a64diff_template_name(const A64DiffTemplate *t)
{
    return t->name;
}

A64DiffGroup a64diff_template_group(const A64DiffTemplate *t)
{
    return t->group;
}

/* Pair templates use 't' for Rt2 and Rt: fix_ldst_pair picks both. */
static bool instantiate(Gen *g, const A64DiffTemplate *t, uint32_t *out)
{
    unsigned reg[128] = { 0 };
    uint32_t insn = 0;
    int bit = 31;

    reg['d'] = pick_dest(g, true);
    reg['D'] = pick_dest(g, false);
    reg['n'] = g_rand_int_range(g->rand, 0, 32);
    reg['N'] = g_rand_int_range(g->rand, 0, 31);
    reg['m'] = g_rand_int_range(g->rand, 0, 32);
    reg['a'] = g_rand_int_range(g->rand, 0, 32);
    reg['v'] = g_rand_int_range(g->rand, 0, 32);
    reg['w'] = g_rand_int_range(g->rand, 0, 32);
    reg['y'] = g_rand_int_range(g->rand, 0, 32);
    reg['z'] = g_rand_int_range(g->rand, 0, 32);
    if (g->nb_bases) {
        reg['b'] = g->bases[g_rand_int_range(g->rand, 0, g->nb_bases)];
    } else if (strchr(t->pattern, 'b')) {
        return false;
    }
    for (const char *p = t->pattern; *p; p++) {
        char c = *p;
        unsigned run = 0;

        if (c == '_' || c == ' ') {
            continue;
        }
        if (c == '0' || c == '1' || c == 'x') {
            uint32_t v = c == '1' || (c == 'x' && g_rand_boolean(g->rand));
            insn |= v << bit--;
            continue;
        }
        /* A register field: the run of this letter, most significant bit first. */
        while (p[run] == c) {
            run++;
        }
        bit -= run;
        insn |= (reg[(unsigned char)c] & ((1u << run) - 1)) << (bit + 1);
        p += run - 1;
    }
    assert(bit == -1);
    if (t->fix && !t->fix(g, &insn)) {
        return false;
    }
    *out = insn;
    return true;
}

static uint64_t random_value(GRand *rand)
{
    static const uint64_t interesting[] = {
        0, 1, 2, 0x1f, 0x20, 0x3f, 0x40, 0x7fffffff, 0x80000000, 0xffffffff,
        0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, ~1ull,
        0x8000000080000000ull, 0xffffffff00000000ull,
    };
    uint64_t v = (uint64_t)g_rand_int(rand) << 32 | g_rand_int(rand);

    switch (g_rand_int_range(rand, 0, 4)) {
    case 0:
        return interesting[g_rand_int_range(rand, 0, ARRAY_SIZE(interesting))];
    case 1:
        return v & 0xff;
    case 2:
        return (uint32_t)v;
    default:
        return v;
    }
}

/*
 * 16 bytes of FP/SIMD data: a quarter fully random, the rest lanes of one
 * random width (2, 4 or 8 bytes) from a64diff_fp_lane (special values).
 */
static void fp_bytes(GRand *rand, uint8_t *dst)
{
    static const unsigned widths[] = { 2, 4, 8, 8, 4 };
    unsigned esize;

    if (!g_rand_int_range(rand, 0, 4)) {
        for (unsigned i = 0; i < 16; i += 4) {
            uint32_t v = g_rand_int(rand);
            memcpy(dst + i, &v, 4);
        }
        return;
    }
    esize = widths[g_rand_int_range(rand, 0, ARRAY_SIZE(widths))];
    for (unsigned i = 0; i < 16; i += esize) {
        uint64_t v = a64diff_fp_lane(rand, esize);
        memcpy(dst + i, &v, esize);         /* little-endian host */
    }
}

/*
 * FPCR (ARM ARM C5.2.7): a random rounding mode (round to nearest half the
 * time), FZ, DN and AHP; FZ16 stays 0 (FP16 arithmetic is not in v8.0) and
 * so do the trap enables (not implemented by either side: RAZ/WI).
 */
static uint64_t random_fpcr(GRand *rand)
{
    uint64_t fpcr = 0;

    if (g_rand_boolean(rand)) {
        fpcr |= (uint64_t)g_rand_int_range(rand, 1, 4) << 22;
    }
    fpcr |= g_rand_int_range(rand, 0, 4) ? 0 : 1u << 24;        /* FZ, a quarter */
    fpcr |= g_rand_boolean(rand) ? 1u << 25 : 0;                /* DN */
    fpcr |= g_rand_boolean(rand) ? 1u << 26 : 0;                /* AHP */
    return fpcr;
}

static void init_state(Gen *g, A64DiffSeq *seq, bool want_bases)
{
    memset(g->is_base, 0, sizeof(g->is_base));
    g->nb_bases = 0;
    for (unsigned i = 0; i < 31; i++) {
        seq->init.x[i] = random_value(g->rand);
    }
    seq->init.nzcv = (uint64_t)g_rand_int_range(g->rand, 0, 16) << 28;
    seq->init.fpcr = random_fpcr(g->rand);
    /* FPSR: mostly clear, so that every flag a sequence raises shows; sometimes QC/flags set. */
    seq->init.fpsr = g_rand_int_range(g->rand, 0, 8) ? 0 : g_rand_int(g->rand) & 0x0800009fu;
    for (unsigned i = 0; i < 32; i++) {
        fp_bytes(g->rand, (uint8_t *)seq->init.v[i]);
    }
    for (unsigned i = 0; i < A64DIFF_SCRATCH_SIZE; i += 16) {
        if (g_rand_int_range(g->rand, 0, 4)) {
            for (unsigned j = 0; j < 16; j += 4) {
                uint32_t v = g_rand_int(g->rand);
                memcpy(seq->scratch + i + j, &v, 4);
            }
        } else {
            fp_bytes(g->rand, seq->scratch + i);
        }
    }
    if (want_bases) {
        unsigned want = g_rand_int_range(g->rand, 1, MAX_BASES + 1);

        while (g->nb_bases < want) {
            unsigned r = g_rand_int_range(g->rand, 0, 31);

            if (!g->is_base[r]) {
                g->is_base[r] = true;
                g->bases[g->nb_bases++] = r;
                g->base_off[r] = 16 * rand_range(g, 16, A64DIFF_SCRATCH_SIZE / 16 - 16);
                seq->init.x[r] = A64DIFF_DATA_ADDR + g->base_off[r];
            }
        }
    }
}

/*
 * Stand-ins for the words of the data island, for the report, and the NOP
 * that pads a word no enabled template can fill (a pair in the last word).
 */
static const A64DiffTemplate island_branch = { "B over the data island", A64DIFF_BRANCH, "", 0, NULL };
static const A64DiffTemplate island_data = { "data island", A64DIFF_LDST, "", 0, NULL };
static const A64DiffTemplate island_nop = { "NOP (padding)", A64DIFF_DP_IMM,
                                            "11010101000000110010000000011111", 0, NULL };

/*
 * With a literal load enabled, half the sequences end in a data island:
 * "B .+4*(len+1)" then len words of data (special FP values and random
 * bits) for LDR (literal) to read. The island's size is fixed first, so
 * literal loads anywhere in the sequence can target it.
 */
static void plan_island(Gen *g, bool literals, bool always)
{
    g->total = g->n;
    if (literals && (always || g_rand_boolean(g->rand))) {
        g->total = g->n + 1 + g_rand_int_range(g->rand, 4, 17);
    }
}

static void fill_island(Gen *g, A64DiffSeq *seq)
{
    unsigned len = g->total - g->n - 1;

    if (g->total == g->n) {
        return;
    }
    seq->words[g->n] = 0x14000000u | (len + 1);
    seq->tmpl[g->n] = &island_branch;
    for (unsigned i = g->n + 1; i < g->total; i += 4) {
        uint8_t data[16];

        fp_bytes(g->rand, data);
        for (unsigned j = 0; j < 4 && i + j < g->total; j++) {
            memcpy(&seq->words[i + j], data + 4 * j, 4);
            seq->tmpl[i + j] = &island_data;
        }
    }
}

/* Generates word g->pos (and g->pos + 1 for a T_PAIR template) from t; false: try another. */
static bool gen_word(Gen *g, const A64DiffTemplate *t, A64DiffSeq *seq)
{
    if (!instantiate(g, t, &seq->words[g->pos])) {
        return false;
    }
    seq->tmpl[g->pos] = t;
    if (t->flags & T_PAIR) {
        g->pos++;
        seq->words[g->pos] = g->pending;
        seq->tmpl[g->pos] = t;
    }
    return true;
}

bool a64diff_gen_seq(GRand *rand, const bool *enabled, unsigned max_words, A64DiffSeq *seq)
{
    unsigned ntemplates = a64diff_nb_templates();
    g_autofree const A64DiffTemplate **pool = g_new(const A64DiffTemplate *, ntemplates * MAX_WEIGHT);
    unsigned npool = 0;
    bool branches = false, writebacks = false, bases = false, literals = false, branchy;
    Gen g = { .rand = rand };

    for (unsigned i = 0; i < ntemplates; i++) {
        if (enabled[i]) {
            branches |= a64diff_template(i)->flags & T_BRANCH;
            writebacks |= a64diff_template(i)->flags & T_WRITEBACK;
        }
    }
    /* Branches and writeback never meet in one sequence (see the top of the file). */
    branchy = branches && (!writebacks || g_rand_boolean(rand));
    for (unsigned i = 0; i < ntemplates; i++) {
        const A64DiffTemplate *t = a64diff_template(i);

        if (enabled[i] && !((t->flags & T_BRANCH) && !branchy) &&
            !((t->flags & T_WRITEBACK) && branchy)) {
            for (unsigned w = 0; w < MAX(t->weight, 1); w++) {
                pool[npool++] = t;
            }
            bases |= strchr(t->pattern, 'b') != NULL;
            literals |= t->flags & T_LITERAL;
        }
    }
    if (!npool) {
        return false;
    }
    init_state(&g, seq, bases);
    /* Room for the island (at most 17 words) within A64DIFF_MAX_WORDS. */
    g.n = g_rand_int_range(rand, 1, MIN(max_words, A64DIFF_MAX_WORDS - 17) + 1);
    plan_island(&g, literals, false);
    for (g.pos = 0; g.pos < g.n; g.pos++) {
        const A64DiffTemplate *t;
        unsigned tries = 0;

        do {
            t = pool[g_rand_int_range(rand, 0, npool)];
            /* A pool that cannot fill this word (only pairs, in the last word): pad. */
            if (++tries > 1000) {
                t = &island_nop;
            }
        } while (!gen_word(&g, t, seq));
    }
    fill_island(&g, seq);
    seq->nwords = g.total;
    return true;
}

void a64diff_gen_single(GRand *rand, const A64DiffTemplate *t, A64DiffSeq *seq)
{
    Gen g = { .rand = rand, .n = t->flags & T_PAIR ? 2 : 1 };

    init_state(&g, seq, strchr(t->pattern, 'b') != NULL);
    plan_island(&g, t->flags & T_LITERAL, true);
    g.pos = 0;
    while (!gen_word(&g, t, seq)) {
        /* retry: every template has valid instances */
    }
    fill_island(&g, seq);
    seq->nwords = g.total;
}
