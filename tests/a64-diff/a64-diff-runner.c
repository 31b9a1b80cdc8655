/*
 * Guest side of the A64 differential test: a freestanding static Linux
 * program run under qemu-aarch64 (user mode). Usage: runner IN OUT.
 *
 * For every sequence in IN it copies the scratch buffer to the fixed
 * address Koine's harness uses (A64DIFF_DATA_ADDR), the instruction words
 * to the fixed code address (A64DIFF_CODE_ADDR, so ADR/ADRP agree), ends
 * them with a branch to an exit stub, loads X0..X30, NZCV, FPCR, FPSR and
 * V0..V31 from the state block (and clears the exclusive monitor), runs,
 * and writes the final registers and scratch to OUT.
 *
 * The entry/exit stub is copied into the code mapping too: all 31
 * registers hold test values while the sequence runs, so the only way in
 * is a PC-relative B from the stub, and the only way out is a B to the
 * stub, which finds the state block through SP (sequences never use SP).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "a64-diff-proto.h"

typedef unsigned long u64;

/* Code generation may call these even in a freestanding program. */
void *memcpy(void *dst, const void *src, u64 n);
void *memset(void *dst, int c, u64 n);

void *memcpy(void *dst, const void *src, u64 n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memset(void *dst, int c, u64 n)
{
    unsigned char *d = dst;

    while (n--) {
        *d++ = (unsigned char)c;
    }
    return dst;
}

static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}

#define SYS_openat 56
#define SYS_close  57
#define SYS_lseek  62
#define SYS_read   63
#define SYS_write  64
#define SYS_exit_group 94
#define SYS_mmap   222
#define AT_FDCWD   (-100)

static void die(int code)
{
    sys6(SYS_exit_group, code, 0, 0, 0, 0, 0);
    for (;;) {
    }
}

static void *map(u64 addr, u64 len, int prot)
{
    /* MAP_PRIVATE | MAP_ANONYMOUS (| MAP_FIXED with an address) */
    long flags = 0x02 | 0x20 | (addr ? 0x10 : 0);
    long p = sys6(SYS_mmap, (long)addr, (long)len, prot, flags, -1, 0);

    if (p < 0 && p > -4096) {
        die(3);
    }
    return (void *)p;
}

static void write_all(int fd, const void *buf, u64 len)
{
    const char *p = buf;

    while (len) {
        long n = sys6(SYS_write, fd, (long)p, (long)len, 0, 0, 0);
        if (n <= 0) {
            die(4);
        }
        p += n;
        len -= (u64)n;
    }
}

/* Entered with x0 = state, x1 = stub entry in the code mapping; returns through the stub. */
void run_sequence(A64DiffState *state, void *entry);
extern const unsigned int stub_start[], stub_exit[], stub_end[];

__asm__(
    "    .text\n"
    "    .globl _start\n"
    "_start:\n"
    "    mov x0, sp\n"
    "    bl runner_main\n"
    "1:  b 1b\n"

    "    .globl run_sequence\n"
    "run_sequence:\n"
    "    stp x29, x30, [sp, #-96]!\n"
    "    stp x19, x20, [sp, #16]\n"
    "    stp x21, x22, [sp, #32]\n"
    "    stp x23, x24, [sp, #48]\n"
    "    stp x25, x26, [sp, #64]\n"
    "    stp x27, x28, [sp, #80]\n"
    "    str x0, [sp, #-16]!\n"
    "    br x1\n"

    /* Copied to A64DIFF_CODE_ADDR + A64DIFF_STUB_OFFSET: position independent. */
    "    .globl stub_start, stub_exit, stub_end\n"
    "    .p2align 2\n"
    "stub_start:\n"
    "    ldr x1, [x0, #248]\n"
    "    msr nzcv, x1\n"
    "    ldr x1, [x0, #256]\n"
    "    msr fpcr, x1\n"
    "    ldr x1, [x0, #264]\n"
    "    msr fpsr, x1\n"
    "    ldp q0, q1, [x0, #272]\n"
    "    ldp q2, q3, [x0, #304]\n"
    "    ldp q4, q5, [x0, #336]\n"
    "    ldp q6, q7, [x0, #368]\n"
    "    ldp q8, q9, [x0, #400]\n"
    "    ldp q10, q11, [x0, #432]\n"
    "    ldp q12, q13, [x0, #464]\n"
    "    ldp q14, q15, [x0, #496]\n"
    "    ldp q16, q17, [x0, #528]\n"
    "    ldp q18, q19, [x0, #560]\n"
    "    ldp q20, q21, [x0, #592]\n"
    "    ldp q22, q23, [x0, #624]\n"
    "    ldp q24, q25, [x0, #656]\n"
    "    ldp q26, q27, [x0, #688]\n"
    "    ldp q28, q29, [x0, #720]\n"
    "    ldp q30, q31, [x0, #752]\n"
    "    clrex\n"                     /* no monitor left open by an earlier sequence */
    "    ldp x1, x2, [x0, #8]\n"
    "    ldp x3, x4, [x0, #24]\n"
    "    ldp x5, x6, [x0, #40]\n"
    "    ldp x7, x8, [x0, #56]\n"
    "    ldp x9, x10, [x0, #72]\n"
    "    ldp x11, x12, [x0, #88]\n"
    "    ldp x13, x14, [x0, #104]\n"
    "    ldp x15, x16, [x0, #120]\n"
    "    ldp x17, x18, [x0, #136]\n"
    "    ldp x19, x20, [x0, #152]\n"
    "    ldp x21, x22, [x0, #168]\n"
    "    ldp x23, x24, [x0, #184]\n"
    "    ldp x25, x26, [x0, #200]\n"
    "    ldp x27, x28, [x0, #216]\n"
    "    ldp x29, x30, [x0, #232]\n"
    "    ldr x0, [x0]\n"
    "    b stub_start - 0x1000\n"
    "stub_exit:\n"
    "    str x0, [sp, #-16]!\n"
    "    ldr x0, [sp, #16]\n"
    "    stp x1, x2, [x0, #8]\n"
    "    stp x3, x4, [x0, #24]\n"
    "    stp x5, x6, [x0, #40]\n"
    "    stp x7, x8, [x0, #56]\n"
    "    stp x9, x10, [x0, #72]\n"
    "    stp x11, x12, [x0, #88]\n"
    "    stp x13, x14, [x0, #104]\n"
    "    stp x15, x16, [x0, #120]\n"
    "    stp x17, x18, [x0, #136]\n"
    "    stp x19, x20, [x0, #152]\n"
    "    stp x21, x22, [x0, #168]\n"
    "    stp x23, x24, [x0, #184]\n"
    "    stp x25, x26, [x0, #200]\n"
    "    stp x27, x28, [x0, #216]\n"
    "    stp x29, x30, [x0, #232]\n"
    "    stp q0, q1, [x0, #272]\n"
    "    stp q2, q3, [x0, #304]\n"
    "    stp q4, q5, [x0, #336]\n"
    "    stp q6, q7, [x0, #368]\n"
    "    stp q8, q9, [x0, #400]\n"
    "    stp q10, q11, [x0, #432]\n"
    "    stp q12, q13, [x0, #464]\n"
    "    stp q14, q15, [x0, #496]\n"
    "    stp q16, q17, [x0, #528]\n"
    "    stp q18, q19, [x0, #560]\n"
    "    stp q20, q21, [x0, #592]\n"
    "    stp q22, q23, [x0, #624]\n"
    "    stp q24, q25, [x0, #656]\n"
    "    stp q26, q27, [x0, #688]\n"
    "    stp q28, q29, [x0, #720]\n"
    "    stp q30, q31, [x0, #752]\n"
    "    mrs x1, nzcv\n"
    "    str x1, [x0, #248]\n"
    "    mrs x1, fpcr\n"
    "    str x1, [x0, #256]\n"
    "    mrs x1, fpsr\n"
    "    str x1, [x0, #264]\n"
    "    ldr x1, [sp], #32\n"
    "    str x1, [x0]\n"
    "    ldp x19, x20, [sp, #16]\n"
    "    ldp x21, x22, [sp, #32]\n"
    "    ldp x23, x24, [sp, #48]\n"
    "    ldp x25, x26, [sp, #64]\n"
    "    ldp x27, x28, [sp, #80]\n"
    "    ldp x29, x30, [sp], #96\n"
    "    ret\n"
    "stub_end:\n");

void runner_main(long *sp);

void runner_main(long *sp)
{
    char **argv = (char **)(sp + 1);
    unsigned int *code = map(A64DIFF_CODE_ADDR, 0x2000, 7);
    unsigned char *scratch = map(A64DIFF_DATA_ADDR, 0x1000, 3);
    unsigned int *stub = code + A64DIFF_STUB_OFFSET / 4;
    unsigned int *exit_stub = stub + (stub_exit - stub_start);
    const A64DiffHeader *hdr;
    unsigned char *in, *p;
    long fd, out, size, got = 0;

    if (sp[0] != 3) {
        die(2);
    }
    fd = sys6(SYS_openat, AT_FDCWD, (long)argv[1], 0, 0, 0, 0);
    out = sys6(SYS_openat, AT_FDCWD, (long)argv[2], 01 | 0100 | 01000, 0644, 0, 0);
    if (fd < 0 || out < 0) {
        die(2);
    }
    size = sys6(SYS_lseek, fd, 0, 2, 0, 0, 0);
    sys6(SYS_lseek, fd, 0, 0, 0, 0, 0);
    in = map(0, (u64)size + 4096, 3);
    while (got < size) {
        long n = sys6(SYS_read, fd, (long)(in + got), size - got, 0, 0, 0);
        if (n <= 0) {
            die(5);
        }
        got += n;
    }
    sys6(SYS_close, fd, 0, 0, 0, 0, 0);

    memcpy(stub, stub_start, (u64)(stub_end - stub_start) * 4);
    hdr = (const A64DiffHeader *)in;
    if (hdr->magic != A64DIFF_MAGIC) {
        die(6);
    }
    p = in + sizeof(*hdr);
    for (unsigned int i = 0; i < hdr->count; i++) {
        const A64DiffSeqHeader *sh = (const A64DiffSeqHeader *)p;
        A64DiffState *state = (A64DiffState *)(p + sizeof(*sh));
        const unsigned int *words = (const unsigned int *)(p + sizeof(*sh) + sizeof(*state)
                                                           + A64DIFF_SCRATCH_SIZE);
        unsigned int n = sh->nwords;
        long off;

        if (n > A64DIFF_MAX_WORDS) {
            die(7);
        }
        memcpy(scratch, state + 1, A64DIFF_SCRATCH_SIZE);
        memcpy(code, words, (u64)n * 4);
        off = (long)(exit_stub - (code + n));
        code[n] = 0x14000000u | ((unsigned int)off & 0x3ffffffu);    /* B exit_stub */
        run_sequence(state, stub);
        write_all((int)out, state, sizeof(*state));
        write_all((int)out, scratch, A64DIFF_SCRATCH_SIZE);
        p += sizeof(*sh) + sizeof(*state) + A64DIFF_SCRATCH_SIZE + (u64)n * 4;
    }
    die(0);
}
