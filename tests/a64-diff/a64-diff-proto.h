/*
 * The file format between the host harness and the guest runner of the
 * A64 differential test (see docs/devel/a64-diff.md). Shared by the
 * freestanding guest program and the host test, so plain C types only.
 *
 * Input file:  A64DiffHeader, then per sequence: A64DiffSeqHeader,
 *              A64DiffState, scratch[A64DIFF_SCRATCH_SIZE], nwords words.
 * Output file: per sequence: A64DiffState, scratch[A64DIFF_SCRATCH_SIZE].
 * Everything little-endian (both sides are little-endian).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_A64_DIFF_PROTO_H
#define TESTS_A64_DIFF_PROTO_H

#define A64DIFF_MAGIC        0x46443641u        /* "A6DF" */
#define A64DIFF_CODE_ADDR    0x40080000ull      /* == A64_CODE_BASE of the harness */
#define A64DIFF_DATA_ADDR    0x40800000ull      /* == A64_DATA_BASE of the harness */
#define A64DIFF_SCRATCH_SIZE 1024u
#define A64DIFF_MAX_WORDS    512u               /* the entry/exit stub lives past them */
#define A64DIFF_STUB_OFFSET  0x1000u            /* stub position in the code mapping */

typedef struct A64DiffHeader {
    unsigned int magic;
    unsigned int count;                 /* number of sequences */
} A64DiffHeader;

typedef struct A64DiffSeqHeader {
    unsigned int nwords;
    unsigned int reserved;
} A64DiffSeqHeader;

/*
 * The register state both sides load before and store after a sequence.
 * The runner's stub addresses the fields by offset (x at 0, nzcv at 248,
 * fpcr at 256, fpsr at 264, v at 272): keep the order.
 */
typedef struct A64DiffState {
    unsigned long long x[31];
    unsigned long long nzcv;            /* bits 31:28, as MRS NZCV reads them */
    unsigned long long fpcr;            /* AHP, DN, FZ, RMode (set, never changed) */
    unsigned long long fpsr;            /* QC and the cumulative flags */
    unsigned long long v[32][2];        /* V0..V31, [0] = bits 63:0 */
} A64DiffState;

#endif
