/*
 * Differential test of the A64 frontend against Debian's qemu-aarch64.
 *
 * Random instruction sequences (a64-diff-gen.c) run twice from the same
 * registers, NZCV and scratch buffer: under qemu-aarch64 (user mode)
 * inside a64-diff-runner, many sequences per qemu process, and on Koine's
 * ARMCPU through the A64 harness (tests/unit/a64-harness.c), on the
 * backend of the test case. X0..X30, NZCV, V0..V31, FPCR, FPSR and the
 * scratch must agree.
 *
 * One test case per backend and instruction group, plus "mixed". Before a
 * case runs, every template is probed on Koine: a template whose every
 * probe instance is UNDEFINED is "not implemented yet" and left out (with
 * a message; KOINE_A64_DIFF_STRICT=1 makes that a failure instead), so the
 * test tracks the frontend as it grows without hiding wrong results.
 *
 * Environment: KOINE_A64_DIFF_INSNS (instructions per case, default
 * 8000), KOINE_A64_DIFF_SEED, KOINE_A64_DIFF_GROUPS (comma list),
 * KOINE_A64_DIFF_STRICT; KOINE_A64_DIFF_RUNNER is set by meson.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-diff-gen.h"
#include "tests/unit/a64-harness.h"
#include "accel/tcg/tcg-accel.h"

#include <glib/gstdio.h>

#define DEFAULT_INSNS   8000
#define CHUNK_INSNS     40000       /* instructions per qemu-aarch64 process */
#define MAX_SEQ_WORDS   24
#define PROBES          12
#define MAX_REPORTS     3
#define RECORD_SIZE     (sizeof(A64DiffState) + A64DIFF_SCRATCH_SIZE)

typedef struct DiffCase {
    const char *backend;
    int group;                      /* an A64DiffGroup, or -1: every group mixed */
} DiffCase;

static const char *runner_path;
static char *qemu_path;
static char *objdump_path;
static uint64_t insns_per_case = DEFAULT_INSNS;
static guint32 base_seed = 20240601;
static bool strict;

/* ---- Koine side ---- */

static bool koine_undefined(A64Run *r)
{
    return r->exception_taken && r->vector_offset == 0x200 && (r->cpu->env.esr_el[1] >> 26) == 0;
}

static void koine_run(A64Run *r, uint32_t pstate, const A64DiffSeq *seq,
                      A64DiffState *out, uint8_t *scratch)
{
    CPUARMState *env = &r->cpu->env;
    uint8_t *data = r->ram + (A64_DATA_BASE - A64_RAM_BASE);
    uint32_t nzcv = (uint32_t)seq->init.nzcv;

    /* The same code address every time: drop what was translated for the last sequence. */
    tb_flush();
    memcpy(env->xregs, seq->init.x, sizeof(seq->init.x));
    env->xregs[31] = A64_RAM_BASE + 0x8000;    /* unused by sequences */
    env->pstate = pstate;
    env->NF = nzcv & PSTATE_N;
    env->ZF = !(nzcv & PSTATE_Z);
    env->CF = !!(nzcv & PSTATE_C);
    env->VF = nzcv & PSTATE_V ? 1u << 31 : 0;
    memcpy(env->vregs, seq->init.v, sizeof(seq->init.v));
    arm_fpcr_write(env, seq->init.fpcr);
    arm_fpsr_write(env, seq->init.fpsr);
    env->exclusive_addr = -1;               /* the runner's stub runs CLREX */
    memcpy(data, seq->scratch, A64DIFF_SCRATCH_SIZE);
    a64_run_code(r, seq->words, seq->nwords);
    memcpy(out->x, env->xregs, sizeof(out->x));
    out->nzcv = (env->NF & PSTATE_N) | (env->ZF ? 0 : PSTATE_Z) | (env->CF ? PSTATE_C : 0) |
                (env->VF >> 31 ? PSTATE_V : 0);
    out->fpcr = env->fpcr;
    out->fpsr = arm_fpsr_read(env);
    memcpy(out->v, env->vregs, sizeof(out->v));
    memcpy(scratch, data, A64DIFF_SCRATCH_SIZE);
}

/* ---- qemu-aarch64 side ---- */

/*
 * Runs seqs under qemu-aarch64; returns the output records (RECORD_SIZE
 * each). Fewer records than sequences means the runner died there.
 */
static GBytes *qemu_run(GPtrArray *seqs, char **why)
{
    g_autofree char *dir = g_dir_make_tmp("koine-a64diff-XXXXXX", NULL);
    g_autofree char *in = g_build_filename(dir, "in", NULL);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    char *argv[] = { qemu_path, "-cpu", "cortex-a57", (char *)runner_path, in, out, NULL };
    GByteArray *buf = g_byte_array_new();
    A64DiffHeader hdr = { A64DIFF_MAGIC, seqs->len };
    g_autofree char *err = NULL;
    gchar *data = NULL;
    gsize len = 0;
    int status = 0;

    g_assert_nonnull(dir);
    g_byte_array_append(buf, (const guint8 *)&hdr, sizeof(hdr));
    for (guint i = 0; i < seqs->len; i++) {
        const A64DiffSeq *s = seqs->pdata[i];
        A64DiffSeqHeader sh = { s->nwords, 0 };

        g_byte_array_append(buf, (const guint8 *)&sh, sizeof(sh));
        g_byte_array_append(buf, (const guint8 *)&s->init, sizeof(s->init));
        g_byte_array_append(buf, s->scratch, A64DIFF_SCRATCH_SIZE);
        g_byte_array_append(buf, (const guint8 *)s->words, s->nwords * 4);
    }
    g_assert_true(g_file_set_contents(in, (const char *)buf->data, buf->len, NULL));
    g_byte_array_unref(buf);
    if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                      &status, NULL)) {
        *why = g_strdup("could not start qemu-aarch64");
    } else if (!g_spawn_check_wait_status(status, NULL)) {
        *why = g_strdup_printf("qemu-aarch64 failed (wait status %d): %s", status, err);
    } else {
        *why = NULL;
    }
    if (!g_file_get_contents(out, &data, &len, NULL)) {
        data = g_strdup("");
        len = 0;
    }
    g_unlink(in);
    g_unlink(out);
    g_rmdir(dir);
    return g_bytes_new_take(data, len);
}

/* ---- Reporting ---- */

static void print_sequence(const A64DiffSeq *seq)
{
    g_autofree char *dir = g_dir_make_tmp("koine-a64diff-XXXXXX", NULL);
    g_autofree char *bin = g_build_filename(dir, "seq.bin", NULL);
    g_autofree char *dis = NULL;

    for (unsigned i = 0; i < seq->nwords; i++) {
        g_test_message("  %#" PRIx64 ": %08x  [%s]", (uint64_t)(A64DIFF_CODE_ADDR + 4 * i), seq->words[i],
                       a64diff_template_name(seq->tmpl[i]));
    }
    if (objdump_path && g_file_set_contents(bin, (const char *)seq->words, seq->nwords * 4, NULL)) {
        char *argv[] = { objdump_path, "-D", "-b", "binary", "-m", "aarch64",
                         "--adjust-vma=0x40080000", bin, NULL };
        int status;

        if (g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &dis, NULL,
                         &status, NULL) && dis) {
            const char *body = strstr(dis, "<.data>:\n");
            g_auto(GStrv) lines = g_strsplit(body ? body + 9 : dis, "\n", -1);

            g_test_message("  disassembly (objdump):");
            for (char **l = lines; *l; l++) {
                if (**l) {
                    g_test_message("  %s", *l);
                }
            }
        }
    }
    g_unlink(bin);
    g_rmdir(dir);
}

static void print_states(const A64DiffSeq *seq, const A64DiffState *q, const uint8_t *qs,
                         const A64DiffState *k, const uint8_t *ks)
{
    unsigned shown = 0;

    g_test_message("  reg        initial            qemu-aarch64       koine");
    for (unsigned i = 0; i < 31; i++) {
        g_test_message("  %sx%-2u %016" PRIx64 "   %016" PRIx64 "   %016" PRIx64,
                       q->x[i] != k->x[i] ? "*" : " ", i, (uint64_t)seq->init.x[i],
                       (uint64_t)q->x[i], (uint64_t)k->x[i]);
    }
    g_test_message("  %snzcv %x                  %x                  %x",
                   q->nzcv != k->nzcv ? "*" : " ", (unsigned)(seq->init.nzcv >> 28),
                   (unsigned)(q->nzcv >> 28), (unsigned)(k->nzcv >> 28));
    g_test_message("  %sfpcr %08" PRIx64 "           %08" PRIx64 "           %08" PRIx64,
                   q->fpcr != k->fpcr ? "*" : " ", (uint64_t)seq->init.fpcr, (uint64_t)q->fpcr,
                   (uint64_t)k->fpcr);
    g_test_message("  %sfpsr %08" PRIx64 "           %08" PRIx64 "           %08" PRIx64
                   "   (QC 27, IDC 7, IXC 4, UFC 3, OFC 2, DZC 1, IOC 0)",
                   q->fpsr != k->fpsr ? "*" : " ", (uint64_t)seq->init.fpsr, (uint64_t)q->fpsr,
                   (uint64_t)k->fpsr);
    g_test_message("  reg  initial (hi:lo)                    qemu-aarch64"
                   "                       koine");
    for (unsigned i = 0; i < 32; i++) {
        bool diff = memcmp(q->v[i], k->v[i], sizeof(q->v[i])) != 0;

        g_test_message("  %sv%-2u %016" PRIx64 ":%016" PRIx64 "  %016" PRIx64 ":%016" PRIx64
                       "  %016" PRIx64 ":%016" PRIx64, diff ? "*" : " ", i,
                       (uint64_t)seq->init.v[i][1], (uint64_t)seq->init.v[i][0],
                       (uint64_t)q->v[i][1], (uint64_t)q->v[i][0],
                       (uint64_t)k->v[i][1], (uint64_t)k->v[i][0]);
    }
    for (unsigned i = 0; i < A64DIFF_SCRATCH_SIZE && shown < 16; i++) {
        if (qs[i] != ks[i]) {
            g_test_message("  *scratch[%u] (%#" PRIx64 "): initial %02x qemu %02x koine %02x", i,
                           (uint64_t)(A64DIFF_DATA_ADDR + i), seq->scratch[i], qs[i], ks[i]);
            shown++;
        }
    }
}

/* ---- The test cases ---- */

static bool in_case(const DiffCase *c, A64DiffGroup g)
{
    /* Branch sequences need something to branch over: they mix in dp-imm. */
    return c->group < 0 || (int)g == c->group ||
           (c->group == A64DIFF_BRANCH && g == A64DIFF_DP_IMM);
}

/* Fills enabled[] with the templates of the case that Koine implements. */
static unsigned probe(A64Run *r, uint32_t pstate, const DiffCase *c, GRand *rand, bool *enabled,
                      unsigned *own_enabled, GString *missing)
{
    unsigned nb = 0;
    A64DiffSeq *seq = g_new0(A64DiffSeq, 1);
    A64DiffState st;
    uint8_t scratch[A64DIFF_SCRATCH_SIZE];

    *own_enabled = 0;
    for (unsigned i = 0; i < a64diff_nb_templates(); i++) {
        const A64DiffTemplate *t = a64diff_template(i);
        bool any = false;

        enabled[i] = false;
        if (!in_case(c, a64diff_template_group(t))) {
            continue;
        }
        for (unsigned p = 0; p < PROBES && !any; p++) {
            a64diff_gen_single(rand, t, seq);
            koine_run(r, pstate, seq, &st, scratch);
            any = !koine_undefined(r);
        }
        if (any) {
            enabled[i] = true;
            nb++;
            if (c->group < 0 || (int)a64diff_template_group(t) == c->group) {
                (*own_enabled)++;
            }
        } else {
            g_string_append_printf(missing, "%s\"%s\"", missing->len ? ", " : "",
                                   a64diff_template_name(t));
        }
    }
    g_free(seq);
    return nb;
}

static unsigned check_chunk(A64Run *r, uint32_t pstate, GPtrArray *seqs, uint64_t first_index,
                            const char *case_name)
{
    g_autofree char *why = NULL;
    GBytes *out = qemu_run(seqs, &why);
    gsize len;
    const uint8_t *rec = g_bytes_get_data(out, &len);
    unsigned mismatches = 0, done = len / RECORD_SIZE;
    A64DiffState ks;
    uint8_t kscratch[A64DIFF_SCRATCH_SIZE];

    for (unsigned i = 0; i < seqs->len && mismatches < MAX_REPORTS; i++) {
        const A64DiffSeq *seq = seqs->pdata[i];
        A64DiffState qs;
        const uint8_t *qscratch;

        if (i >= done) {
            g_test_message("%s: qemu-aarch64 did not finish sequence %" PRIu64 " (%s): a "
                           "generator bug (an instruction qemu rejects)?", case_name,
                           first_index + i, why ? why : "short output");
            print_sequence(seq);
            mismatches++;
            break;
        }
        memcpy(&qs, rec + i * RECORD_SIZE, sizeof(qs));
        qscratch = rec + i * RECORD_SIZE + sizeof(qs);
        koine_run(r, pstate, seq, &ks, kscratch);
        if (r->exception_taken || memcmp(&qs, &ks, sizeof(qs)) ||
            memcmp(qscratch, kscratch, A64DIFF_SCRATCH_SIZE)) {
            g_test_message("%s: MISMATCH in sequence %" PRIu64 " (seed %u)", case_name,
                           first_index + i, base_seed);
            if (r->exception_taken) {
                g_test_message("  koine took an exception: vector +%#" PRIx64 ", ESR_EL1 %#"
                               PRIx64 ", ELR_EL1 %#" PRIx64 ", FAR_EL1 %#" PRIx64,
                               r->vector_offset, (uint64_t)r->cpu->env.esr_el[1],
                               (uint64_t)r->cpu->env.elr_el[1], (uint64_t)r->cpu->env.far_el[1]);
            }
            print_sequence(seq);
            print_states(seq, &qs, qscratch, &ks, kscratch);
            mismatches++;
        }
    }
    g_bytes_unref(out);
    return mismatches;
}

static void test_diff(gconstpointer data)
{
    const DiffCase *c = data;
    const char *gname = c->group < 0 ? "mixed" : a64diff_group_name(c->group);
    g_autofree char *case_name = g_strdup_printf("%s/%s", c->backend, gname);
    g_autofree bool *enabled = g_new0(bool, a64diff_nb_templates());
    g_autoptr(GString) missing = g_string_new(NULL);
    GRand *rand = g_rand_new_with_seed(base_seed ^ (guint32)(c->group + 1) * 0x9e3779b9u);
    GPtrArray *seqs = g_ptr_array_new_with_free_func(g_free);
    uint64_t total = 0, nseq = 0;
    unsigned own, mismatches = 0;
    uint32_t pstate;
    A64Run r;

    if (!runner_path) {
        g_test_skip("aarch64-linux-gnu-gcc was not found at build time: no guest runner");
        goto out;
    }
    if (!qemu_path) {
        g_test_skip("qemu-aarch64 is not installed");
        goto out;
    }
    a64_harness_init(&r, c->backend, "cortex-a57");
    pstate = r.cpu->env.pstate;
    probe(&r, pstate, c, rand, enabled, &own, missing);
    if (missing->len) {
        g_test_message("%s: not implemented in Koine yet (every probe UNDEFINED), left out: %s",
                       case_name, missing->str);
        if (strict) {
            g_test_fail();
        }
    }
    if (!own) {
        bool has_templates = false;
        g_autofree char *msg = NULL;

        for (unsigned i = 0; i < a64diff_nb_templates(); i++) {
            has_templates |= c->group < 0 ||
                             (int)a64diff_template_group(a64diff_template(i)) == c->group;
        }
        msg = g_strdup_printf(has_templates ? "group %s: no instruction of it is implemented in "
                              "Koine yet" : "group %s: no templates yet (a hook)", gname);
        g_test_skip(msg);
        a64_harness_destroy(&r);
        goto out;
    }
    while (total < insns_per_case && mismatches == 0) {
        uint64_t chunk = 0, first = nseq;

        g_ptr_array_set_size(seqs, 0);
        while (chunk < CHUNK_INSNS && total + chunk < insns_per_case) {
            A64DiffSeq *seq = g_new(A64DiffSeq, 1);

            g_assert_true(a64diff_gen_seq(rand, enabled, MAX_SEQ_WORDS, seq));
            chunk += seq->nwords;
            g_ptr_array_add(seqs, seq);
        }
        nseq += seqs->len;
        mismatches += check_chunk(&r, pstate, seqs, first, case_name);
        total += chunk;
    }
    g_test_message("%s: %" PRIu64 " instructions in %" PRIu64 " sequences, %u mismatches "
                   "(seed %u)", case_name, total, nseq, mismatches, base_seed);
    if (mismatches) {
        g_test_fail();
    }
    a64_harness_destroy(&r);
out:
    g_ptr_array_unref(seqs);
    g_rand_free(rand);
}

static uint64_t env_u64(const char *name, uint64_t def)
{
    const char *v = g_getenv(name);

    return v && *v ? g_ascii_strtoull(v, NULL, 0) : def;
}

static bool group_has_templates(int g)
{
    for (unsigned i = 0; i < a64diff_nb_templates(); i++) {
        if ((int)a64diff_template_group(a64diff_template(i)) == g) {
            return true;
        }
    }
    return false;
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    bool selected[A64DIFF_NB_GROUPS + 1];
    const char *groups = g_getenv("KOINE_A64_DIFF_GROUPS");
    GPtrArray *cases = g_ptr_array_new_with_free_func(g_free);
    int ret;

    /* Our own switch, before GTest sees the arguments: --insns N. */
    for (int i = 1; i + 1 < argc; i++) {
        if (!strcmp(argv[i], "--insns")) {
            g_setenv("KOINE_A64_DIFF_INSNS", argv[i + 1], true);
            memmove(&argv[i], &argv[i + 2], (argc - i - 1) * sizeof(char *));
            argc -= 2;
            break;
        }
    }
    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();

    insns_per_case = env_u64("KOINE_A64_DIFF_INSNS", DEFAULT_INSNS);
    base_seed = (guint32)env_u64("KOINE_A64_DIFF_SEED", base_seed);
    strict = env_u64("KOINE_A64_DIFF_STRICT", 0) != 0;
    runner_path = g_getenv("KOINE_A64_DIFF_RUNNER");
    if (runner_path && !g_file_test(runner_path, G_FILE_TEST_IS_REGULAR)) {
        runner_path = NULL;
    }
    qemu_path = g_find_program_in_path("qemu-aarch64");
    objdump_path = g_find_program_in_path("aarch64-linux-gnu-objdump");

    /* selected[A64DIFF_NB_GROUPS] is "mixed". */
    for (unsigned g = 0; g <= A64DIFF_NB_GROUPS; g++) {
        selected[g] = !groups;
    }
    if (groups) {
        g_auto(GStrv) names = g_strsplit(groups, ",", -1);

        for (char **n = names; *n; n++) {
            A64DiffGroup g;

            if (!strcmp(*n, "mixed")) {
                selected[A64DIFF_NB_GROUPS] = true;
            } else if (a64diff_group_parse(*n, &g)) {
                selected[g] = true;
            } else {
                g_printerr("KOINE_A64_DIFF_GROUPS: unknown group '%s'\n", *n);
                return 1;
            }
        }
    }
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        for (int g = 0; g <= A64DIFF_NB_GROUPS; g++) {
            DiffCase *c;
            char *path;

            if (!selected[g] || (g < A64DIFF_NB_GROUPS && !group_has_templates(g))) {
                continue;       /* a group with nothing to generate */
            }
            c = g_new(DiffCase, 1);
            c->backend = backends[b];
            c->group = g == A64DIFF_NB_GROUPS ? -1 : g;
            path = g_strdup_printf("/a64-diff/%s/%s", backends[b],
                                   c->group < 0 ? "mixed" : a64diff_group_name(c->group));
            g_test_add_data_func(path, c, test_diff);
            g_ptr_array_add(cases, c);
            g_free(path);
        }
    }
    ret = g_test_run();
    g_ptr_array_unref(cases);
    g_free(qemu_path);
    g_free(objdump_path);
    return ret;
}
