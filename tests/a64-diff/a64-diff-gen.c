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
 *
 * Loads and stores stay aligned: Koine runs the harness with the MMU off,
 * where data accesses are Device memory and must be aligned (ARM ARM
 * B2.5.2), while qemu-aarch64 runs them on Normal memory. Base registers
 * start 16-aligned and writeback amounts are multiples of 16, so the
 * generator knows every base register's value exactly; sequences with
 * branches never write back (a skipped writeback would break that).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-diff-gen.h"

enum {
    T_WRITEBACK = 1,            /* may change a base register */
    T_BRANCH = 2,               /* forward branch: needs the sequence length */
};

#define MAX_BASES 3

typedef struct Gen {
    GRand *rand;
    unsigned pos, n;
    bool is_base[32];
    int64_t base_off[32];       /* offset of a base register into the scratch */
    unsigned bases[MAX_BASES];
    unsigned nb_bases;
} Gen;

struct A64DiffTemplate {
    const char *name;
    A64DiffGroup group;
    const char *pattern;
    unsigned flags;
    bool (*fix)(Gen *g, uint32_t *insn);    /* false: reject this instance */
};

static uint32_t field(uint32_t insn, unsigned pos, unsigned len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

static uint32_t set_field(uint32_t insn, unsigned pos, unsigned len, uint32_t v)
{
    uint32_t mask = ((1u << len) - 1) << pos;

    return (insn & ~mask) | ((v << pos) & mask);
}

static int64_t rand_range(Gen *g, int64_t lo, int64_t hi)     /* inclusive */
{
    return lo + (int64_t)g_rand_int_range(g->rand, 0, (gint32)(hi - lo + 1));
}

static unsigned pick_dest(Gen *g, bool allow31)
{
    unsigned r;

    do {
        r = g_rand_int_range(g->rand, 0, allow31 ? 32 : 31);
    } while (g->is_base[r]);
    return r;
}

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

static bool fix_ldst_uimm(Gen *g, uint32_t *insn)
{
    unsigned rn = field(*insn, 5, 5), scale = 1u << field(*insn, 30, 2);
    int64_t base = g->base_off[rn], hi;
    bool load;

    if (!ldst_valid(*insn, &load)) {
        return false;
    }
    hi = MIN((int64_t)A64DIFF_SCRATCH_SIZE - scale, base + 4095 * (int64_t)scale);
    if (hi < base) {
        return false;
    }
    *insn = set_field(*insn, 10, 12, (uint32_t)rand_range(g, 0, (hi - base) / scale));
    *insn = set_field(*insn, 0, 5, pick_rt(g, load));
    return true;
}

static bool fix_ldst_unscaled(Gen *g, uint32_t *insn)
{
    unsigned rn = field(*insn, 5, 5), scale = 1u << field(*insn, 30, 2);
    int64_t base = g->base_off[rn];
    int64_t lo = MAX(0, base - 256), hi = MIN((int64_t)A64DIFF_SCRATCH_SIZE - scale, base + 255);
    bool load;

    if (!ldst_valid(*insn, &load)) {
        return false;
    }
    lo = (lo + scale - 1) & ~(int64_t)(scale - 1);
    if (lo > hi) {
        return false;
    }
    *insn = set_field(*insn, 12, 9, (uint32_t)(lo + scale * rand_range(g, 0, (hi - lo) / scale) - base));
    *insn = set_field(*insn, 0, 5, pick_rt(g, load));
    return true;
}

/* A writeback amount: a multiple of 16 in [lo, hi] keeping the base inside the scratch. */
static bool pick_writeback(Gen *g, unsigned rn, int64_t lo, int64_t hi, int64_t *amount)
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

static bool fix_ldst_wb(Gen *g, uint32_t *insn)
{
    unsigned rn = field(*insn, 5, 5), rt;
    int64_t amount;
    bool load;

    if (!ldst_valid(*insn, &load) || !pick_writeback(g, rn, -256, 255, &amount)) {
        return false;
    }
    rt = pick_rt(g, load);
    if (rt == rn) {                 /* CONSTRAINED UNPREDICTABLE (writeback with Rt == Rn) */
        return false;
    }
    *insn = set_field(*insn, 12, 9, (uint32_t)amount);
    *insn = set_field(*insn, 0, 5, rt);
    g->base_off[rn] += amount;
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
        if (rt == rn || rt2 == rn || !pick_writeback(g, rn, -64 * (int64_t)scale,
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
    /* C4.1.87 (the forward branches only) */
    { "B.cond", A64DIFF_BRANCH, "01010100xxxxxxxxxxxxxxxxxxx0xxxx", T_BRANCH, fix_branch19 },
    { "CBZ/CBNZ", A64DIFF_BRANCH, "x011010xxxxxxxxxxxxxxxxxxxxnnnnn", T_BRANCH, fix_branch19 },
    { "TBZ/TBNZ", A64DIFF_BRANCH, "x011011xxxxxxxxxxxxxxxxxxxxnnnnn", T_BRANCH, fix_branch14 },
    { "B", A64DIFF_BRANCH, "000101xxxxxxxxxxxxxxxxxxxxxxxxxx", T_BRANCH, fix_branch26 },
    /* A64DIFF_FP_SIMD: templates go here once the frontend implements FP/AdvSIMD. */
};

static const char *const group_names[A64DIFF_NB_GROUPS] = {
    [A64DIFF_DP_IMM] = "dp-imm",
    [A64DIFF_DP_REG] = "dp-reg",
    [A64DIFF_LDST] = "ldst",
    [A64DIFF_BRANCH] = "branch",
    [A64DIFF_FP_SIMD] = "fp-simd",
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
    return ARRAY_SIZE(templates);
}

const A64DiffTemplate *a64diff_template(unsigned i)
{
    return &templates[i];
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

static void init_state(Gen *g, A64DiffSeq *seq, bool want_bases)
{
    memset(g->is_base, 0, sizeof(g->is_base));
    g->nb_bases = 0;
    for (unsigned i = 0; i < 31; i++) {
        seq->init.x[i] = random_value(g->rand);
    }
    seq->init.nzcv = (uint64_t)g_rand_int_range(g->rand, 0, 16) << 28;
    for (unsigned i = 0; i < A64DIFF_SCRATCH_SIZE; i += 4) {
        uint32_t v = g_rand_int(g->rand);
        memcpy(seq->scratch + i, &v, 4);
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

bool a64diff_gen_seq(GRand *rand, const bool *enabled, unsigned max_words, A64DiffSeq *seq)
{
    g_autofree const A64DiffTemplate **pool = g_new(const A64DiffTemplate *, ARRAY_SIZE(templates));
    unsigned npool = 0;
    bool branches = false, writebacks = false, bases = false, branchy;
    Gen g = { .rand = rand };

    for (unsigned i = 0; i < ARRAY_SIZE(templates); i++) {
        if (enabled[i]) {
            branches |= templates[i].flags & T_BRANCH;
            writebacks |= templates[i].flags & T_WRITEBACK;
        }
    }
    /* Branches and writeback never meet in one sequence (see the top of the file). */
    branchy = branches && (!writebacks || g_rand_boolean(rand));
    for (unsigned i = 0; i < ARRAY_SIZE(templates); i++) {
        unsigned f = templates[i].flags;

        if (enabled[i] && !((f & T_BRANCH) && !branchy) && !((f & T_WRITEBACK) && branchy)) {
            pool[npool++] = &templates[i];
            bases |= strchr(templates[i].pattern, 'b') != NULL;
        }
    }
    if (!npool) {
        return false;
    }
    init_state(&g, seq, bases);
    g.n = g_rand_int_range(rand, 1, MIN(max_words, A64DIFF_MAX_WORDS) + 1);
    for (g.pos = 0; g.pos < g.n; g.pos++) {
        const A64DiffTemplate *t;

        do {
            t = pool[g_rand_int_range(rand, 0, npool)];
        } while (!instantiate(&g, t, &seq->words[g.pos]));
        seq->tmpl[g.pos] = t;
    }
    seq->nwords = g.n;
    return true;
}

void a64diff_gen_single(GRand *rand, const A64DiffTemplate *t, A64DiffSeq *seq)
{
    Gen g = { .rand = rand, .n = 1 };

    init_state(&g, seq, strchr(t->pattern, 'b') != NULL);
    while (!instantiate(&g, t, &seq->words[0])) {
        /* retry: every template has valid instances */
    }
    seq->tmpl[0] = t;
    seq->nwords = 1;
}
