/*
 * The interpreter loop: runs the bytecode of tci.h, and the backend
 * descriptor that joins it to the compiler.
 *
 * The interpreter is the oracle the native backend is tested against, so
 * every data op computes through tcg/eval.h (the one definition of each
 * op's result) and every condition through tcg_cond_eval(); this file only
 * moves values between slots, memory and helpers. Speed comes from the
 * encoding: one switch case per (op, width), so eval.h's inline functions
 * fold to straight-line code, and operands are plain slot numbers.
 *
 * The frame lives on the C stack when it fits (almost every TB), else on
 * the heap. A helper that raises a guest exception (a guest memory fault)
 * may siglongjmp out of tci_exec(): a stack frame needs no cleanup then,
 * and heap frames are kept on a per-thread list tagged with the stack frame
 * address of the tci_exec() call that owns them, so the next tci_exec()
 * frees those whose owner can no longer be running (at or below its own
 * stack position).
 *
 * Chaining (goto_tb) and goto_ptr continue at another TB's entry, whose
 * enter instruction sets up its own frame: temps never outlive their TB.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/tci/tci.h"
#include "tcg/tcg-backend.h"
#include "tcg/eval.h"
#include "softmmu/tlb.h"

/* The bytecode address a faulting helper or guest access reports (TCG_GETPC). */
__thread uintptr_t tci_retaddr;

#define TCI_STACK_SLOTS 1024

/*
 * Under AddressSanitizer every frame is a heap block of exactly the TB's
 * size, so a slot number out of range is reported instead of landing in
 * the unused part of the stack array.
 */
#ifdef __SANITIZE_ADDRESS__
#define TCI_EXACT_FRAMES true
#else
#define TCI_EXACT_FRAMES false
#endif

/*
 * Helpers are called through a pointer of type uint64_t (*)(uint64_t, ...)
 * with exactly as many uint64_t parameters as the helper has arguments.
 * That is not ISO C (the real prototype differs), but on the x86-64 SysV
 * ABI it is exact: the first six integer arguments go in rdi, rsi, rdx,
 * rcx, r8, r9 and the rest in 8-byte stack slots in order, whatever their
 * C integer width; a callee reads only the low 32 bits of a 32-bit
 * argument (we pass i32 values zero-extended anyway), and a 32-bit result
 * is the low half of rax, which we truncate because its high half is
 * undefined. It assumes helpers take and return only 32- or 64-bit
 * integers and pointers (what TCGHelperInfo can describe), are not
 * variadic, and that void helpers leave rax as garbage we ignore.
 */
typedef uint64_t (*TCIHelper0)(void);
typedef uint64_t (*TCIHelper1)(uint64_t);
typedef uint64_t (*TCIHelper2)(uint64_t, uint64_t);
typedef uint64_t (*TCIHelper3)(uint64_t, uint64_t, uint64_t);
typedef uint64_t (*TCIHelper4)(uint64_t, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*TCIHelper5)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);
typedef uint64_t (*TCIHelper6)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                               uint64_t);
typedef uint64_t (*TCIHelper7)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                               uint64_t, uint64_t);
typedef uint64_t (*TCIHelper8)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t,
                               uint64_t, uint64_t, uint64_t);

static uint64_t call_helper(uint64_t func, unsigned nargs, const uint64_t *a)
{
    uintptr_t f = (uintptr_t)func;

    switch (nargs) {
    case 0: return ((TCIHelper0)f)();
    case 1: return ((TCIHelper1)f)(a[0]);
    case 2: return ((TCIHelper2)f)(a[0], a[1]);
    case 3: return ((TCIHelper3)f)(a[0], a[1], a[2]);
    case 4: return ((TCIHelper4)f)(a[0], a[1], a[2], a[3]);
    case 5: return ((TCIHelper5)f)(a[0], a[1], a[2], a[3], a[4]);
    case 6: return ((TCIHelper6)f)(a[0], a[1], a[2], a[3], a[4], a[5]);
    case 7: return ((TCIHelper7)f)(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    case 8: return ((TCIHelper8)f)(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
    default:
        g_assert_not_reached();
    }
}

static inline uint64_t imm64(const uint32_t *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

/* base + offset as a host address (integer arithmetic: the sum may leave base's object). */
static inline void *host_addr(uint64_t base, const uint32_t *offset)
{
    return (void *)(uintptr_t)(base + imm64(offset));
}

/* A heap frame: on tci_heap_frames while its tci_exec() may be running. */
typedef struct TCIHeapFrame {
    struct TCIHeapFrame *next;
    uintptr_t owner;            /* the owning call's stack frame address */
    uint64_t slots[];
} TCIHeapFrame;

static __thread TCIHeapFrame *tci_heap_frames;     /* innermost call's first */

typedef struct TCIFrame {
    uint64_t *slots;
    uint32_t capacity;
    uintptr_t sp;               /* tci_exec's frame address (not a sanitizer's fake stack) */
    TCIHeapFrame *heap;         /* owned, when the stack array was too small */
} TCIFrame;

static void heap_frame_free(TCIHeapFrame *h)
{
    for (TCIHeapFrame **p = &tci_heap_frames; *p; p = &(*p)->next) {
        if (*p == h) {
            *p = h->next;
            break;
        }
    }
    g_free(h);
}

/*
 * Frees the heap frames of calls that were left by siglongjmp: a call
 * whose frame is at or below ours on the stack has returned or been
 * unwound, since we run now. Live outer calls sit higher up.
 */
static void heap_frames_reap(uintptr_t sp)
{
    while (tci_heap_frames && tci_heap_frames->owner <= sp) {
        TCIHeapFrame *h = tci_heap_frames;

        tci_heap_frames = h->next;
        g_free(h);
    }
}

/* TCGBackend.thread_exit: the heap frames of calls left by siglongjmp. */
static void tci_thread_exit(void)
{
    heap_frames_reap(UINTPTR_MAX);
}

static uint64_t *frame_reserve(TCIFrame *f, uint32_t nb_slots)
{
    if (nb_slots > f->capacity || (TCI_EXACT_FRAMES && nb_slots != f->capacity)) {
        if (f->heap) {
            heap_frame_free(f->heap);
        }
        f->heap = g_malloc(sizeof(TCIHeapFrame) + nb_slots * sizeof(uint64_t));
        f->heap->owner = f->sp;
        f->heap->next = tci_heap_frames;
        tci_heap_frames = f->heap;
        f->slots = f->heap->slots;
        f->capacity = nb_slots;
    }
    return f->slots;
}

/* Operand i of the current instruction, as a slot. */
#define SLOT(i)  frame[pc[i]]
#define AUX      (head >> TCI_AUX_SHIFT)

#define CASE_UNARY(name, T) \
    case TCI_CODE(INDEX_op_##name, TCG_TYPE_##T): \
        SLOT(1) = tcg_eval_unary(INDEX_op_##name, TCG_TYPE_##T, SLOT(2)); \
        pc += 3; \
        break;
#define UNARY(name) CASE_UNARY(name, I32) CASE_UNARY(name, I64)

#define CASE_BINARY(name, T) \
    case TCI_CODE(INDEX_op_##name, TCG_TYPE_##T): \
        SLOT(1) = tcg_eval_binary(INDEX_op_##name, TCG_TYPE_##T, SLOT(2), SLOT(3)); \
        pc += 4; \
        break;
#define BINARY(name) CASE_BINARY(name, I32) CASE_BINARY(name, I64)

/* ctype's conversion to uint64_t sign- or zero-extends; then reduce to the op's width. */
#define CASE_LOAD(name, T, ctype) \
    case TCI_CODE(INDEX_op_##name, TCG_TYPE_##T): { \
        ctype v; \
        memcpy(&v, host_addr(SLOT(2), pc + 3), sizeof(v)); \
        SLOT(1) = tcg_eval_trunc(TCG_TYPE_##T, (uint64_t)v); \
        pc += 5; \
        break; \
    }
#define LOAD(name, ctype) CASE_LOAD(name, I32, ctype) CASE_LOAD(name, I64, ctype)

#define CASE_STORE(name, T, ctype) \
    case TCI_CODE(INDEX_op_##name, TCG_TYPE_##T): { \
        ctype v = (ctype)SLOT(1); \
        memcpy(host_addr(SLOT(2), pc + 3), &v, sizeof(v)); \
        pc += 5; \
        break; \
    }
#define STORE(name, ctype) CASE_STORE(name, I32, ctype) CASE_STORE(name, I64, ctype)

/* Two outputs (slots 1, 2) from tcg_eval_<fn>(opc, type, inputs..., &lo, &hi); len words. */
#define CASE_DOUBLE(fn, name, T, len, ...) \
    case TCI_CODE(INDEX_op_##name, TCG_TYPE_##T): { \
        uint64_t lo, hi; \
        tcg_eval_##fn(INDEX_op_##name, TCG_TYPE_##T, __VA_ARGS__, &lo, &hi); \
        SLOT(1) = lo; \
        SLOT(2) = hi; \
        pc += len; \
        break; \
    }

#define CASE_TYPED(T) \
    case TCI_CODE(INDEX_op_extract, TCG_TYPE_##T): \
        SLOT(1) = tcg_eval_extract(TCG_TYPE_##T, SLOT(2), AUX & 0xff, AUX >> 8); \
        pc += 3; \
        break; \
    case TCI_CODE(INDEX_op_sextract, TCG_TYPE_##T): \
        SLOT(1) = tcg_eval_sextract(TCG_TYPE_##T, SLOT(2), AUX & 0xff, AUX >> 8); \
        pc += 3; \
        break; \
    case TCI_CODE(INDEX_op_deposit, TCG_TYPE_##T): \
        SLOT(1) = tcg_eval_deposit(TCG_TYPE_##T, SLOT(2), SLOT(3), AUX & 0xff, AUX >> 8); \
        pc += 4; \
        break; \
    case TCI_CODE(INDEX_op_extract2, TCG_TYPE_##T): \
        SLOT(1) = tcg_eval_extract2(TCG_TYPE_##T, SLOT(2), SLOT(3), AUX); \
        pc += 4; \
        break; \
    case TCI_CODE(INDEX_op_setcond, TCG_TYPE_##T): \
        SLOT(1) = tcg_cond_eval(AUX, TCG_TYPE_##T, SLOT(2), SLOT(3)); \
        pc += 4; \
        break; \
    case TCI_CODE(INDEX_op_negsetcond, TCG_TYPE_##T): \
        SLOT(1) = tcg_eval_unary(INDEX_op_neg, TCG_TYPE_##T, \
                                 tcg_cond_eval(AUX, TCG_TYPE_##T, SLOT(2), SLOT(3))); \
        pc += 4; \
        break; \
    case TCI_CODE(INDEX_op_movcond, TCG_TYPE_##T): \
        SLOT(1) = tcg_cond_eval(AUX, TCG_TYPE_##T, SLOT(2), SLOT(3)) ? SLOT(4) : SLOT(5); \
        pc += 6; \
        break; \
    CASE_DOUBLE(mul2, mulu2, T, 5, SLOT(3), SLOT(4)) \
    CASE_DOUBLE(mul2, muls2, T, 5, SLOT(3), SLOT(4)) \
    CASE_DOUBLE(addsub2, add2, T, 7, SLOT(3), SLOT(4), SLOT(5), SLOT(6)) \
    CASE_DOUBLE(addsub2, sub2, T, 7, SLOT(3), SLOT(4), SLOT(5), SLOT(6)) \
    case TCI_CODE(INDEX_op_brcond, TCG_TYPE_##T): \
        if (tcg_cond_eval(AUX, TCG_TYPE_##T, SLOT(1), SLOT(2))) { \
            pc += 3 + (int32_t)pc[3]; \
        } else { \
            pc += 4; \
        } \
        break;

/*
 * Guest memory through the softmmu TLB. The interpreter has no inline fast
 * path: the helper does the lookup (and the fill, MMIO, faults). retaddr is
 * the next instruction's bytecode address (tci.h).
 */
#define CASE_GUEST(T) \
    case TCI_CODE(INDEX_op_guest_ld, TCG_TYPE_##T): \
        tci_retaddr = (uintptr_t)(pc + 4); \
        SLOT(1) = tcg_eval_trunc(TCG_TYPE_##T, \
                                 helper_guest_ld(env, SLOT(2), pc[3], tci_retaddr)); \
        pc += 4; \
        break; \
    case TCI_CODE(INDEX_op_guest_st, TCG_TYPE_##T): \
        tci_retaddr = (uintptr_t)(pc + 4); \
        helper_guest_st(env, SLOT(2), SLOT(1), pc[3], tci_retaddr); \
        pc += 4; \
        break;

#define CTRL(name) TCI_CODE(INDEX_op_##name, TCG_TYPE_I64)

/*
 * One case per gvec op, each with its own inlined copy of tcg_eval_gvec
 * for a constant opcode, so the per-lane switch folds away.
 */
#define GVEC(name) \
    case TCI_CODE(INDEX_op_gvec_##name, TCG_TYPE_I64): \
        pc = tci_gvec(INDEX_op_gvec_##name, pc, frame, env); \
        break;
/* The loop below lists every gvec op of ops.def. */
G_STATIC_ASSERT(INDEX_op_gvec_cmp - INDEX_op_gvec_mov + 1 == 27);

/* A gvec op at pc: its operands (tci.h), then tcg_eval_gvec on env memory. */
static inline __attribute__((always_inline))
const uint32_t *tci_gvec(TCGOpcode opc, const uint32_t *pc, const uint64_t *frame, void *env)
{
    uint64_t in = 0;
    TCGGvecArgs ga;

    if (opc == INDEX_op_gvec_dup) {
        in = frame[pc[1]];
        pc++;
    }
    ga.oprsz = pc[1] & 0xffff;
    ga.maxsz = pc[1] >> 16;
    ga.vece = pc[2] & 0xff;
    ga.imm = pc[2] >> 8;
    ga.dofs = pc[3];
    ga.aofs = pc[4];
    ga.bofs = pc[5];
    ga.cofs = pc[6];
    tcg_eval_gvec(opc, &ga, env, in);
    return pc + 1 + TCI_GVEC_WORDS;
}

uintptr_t tci_exec(void *env, const void *code)
{
    uint64_t stack_slots[TCI_STACK_SLOTS];
    TCIFrame f = {
        .slots = stack_slots, .capacity = TCI_STACK_SLOTS,
        .sp = (uintptr_t)__builtin_frame_address(0),
    };
    const uint32_t *pc = code;
    uint64_t *frame = stack_slots;
    uintptr_t ret;

    if (unlikely(tci_heap_frames)) {
        heap_frames_reap(f.sp);
    }

    assert((pc[0] & TCI_CODE_MASK) == TCI_ENTER);
    for (;;) {
        uint32_t head = pc[0];

        switch (head & TCI_CODE_MASK) {
        case TCI_ENTER: {
            uint32_t nb_slots = pc[1], nb_consts = pc[2];

            assert(nb_slots >= 1 + nb_consts + TCI_SCRATCH_SLOTS);
            frame = frame_reserve(&f, nb_slots);
            frame[TCI_ENV_SLOT] = (uintptr_t)env;
            memcpy(&frame[1], pc + 3, nb_consts * sizeof(uint64_t));
            /* Zeroed so that a run never depends on an earlier one. */
            memset(&frame[1 + nb_consts], 0, (nb_slots - 1 - nb_consts) * sizeof(uint64_t));
            pc += 3 + 2 * nb_consts;
            break;
        }

        UNARY(mov)
        BINARY(add) BINARY(sub) BINARY(mul)
        BINARY(div) BINARY(divu) BINARY(rem) BINARY(remu)
        BINARY(muluh) BINARY(mulsh)
        BINARY(and) BINARY(or) BINARY(xor) BINARY(andc) BINARY(orc)
        BINARY(eqv) BINARY(nand) BINARY(nor)
        BINARY(shl) BINARY(shr) BINARY(sar) BINARY(rotl) BINARY(rotr)
        BINARY(clz) BINARY(ctz)
        UNARY(neg) UNARY(not) UNARY(ctpop)
        UNARY(ext8s) UNARY(ext8u) UNARY(ext16s) UNARY(ext16u)
        UNARY(ext32s) UNARY(ext32u)
        UNARY(bswap16) UNARY(bswap32) UNARY(bswap64)
        UNARY(ext_i32_i64) UNARY(extu_i32_i64)
        UNARY(extrl_i64_i32) UNARY(extrh_i64_i32)
        CASE_TYPED(I32)
        CASE_TYPED(I64)
        LOAD(ld8u, uint8_t) LOAD(ld8s, int8_t)
        LOAD(ld16u, uint16_t) LOAD(ld16s, int16_t)
        LOAD(ld32u, uint32_t) LOAD(ld32s, int32_t)
        CASE_LOAD(ld, I32, uint32_t) CASE_LOAD(ld, I64, uint64_t)
        STORE(st8, uint8_t) STORE(st16, uint16_t) STORE(st32, uint32_t)
        CASE_STORE(st, I32, uint32_t) CASE_STORE(st, I64, uint64_t)
        CASE_GUEST(I32)
        CASE_GUEST(I64)

        GVEC(mov) GVEC(dup) GVEC(dup_mem) GVEC(add) GVEC(sub) GVEC(mul)
        GVEC(ssadd) GVEC(sssub) GVEC(usadd) GVEC(ussub)
        GVEC(smin) GVEC(smax) GVEC(umin) GVEC(umax)
        GVEC(and) GVEC(or) GVEC(xor) GVEC(andc) GVEC(orc) GVEC(bitsel)
        GVEC(neg) GVEC(abs) GVEC(not) GVEC(shli) GVEC(shri) GVEC(sari) GVEC(cmp)

        case CTRL(br):
            pc += 1 + (int32_t)pc[1];
            break;
        case CTRL(exit_tb):
            ret = imm64(pc + 1);
            goto out;
        case CTRL(goto_tb): {
            /* Aligned, and patched concurrently by the TB cache: one atomic read. */
            const uint64_t *word = (const uint64_t *)(pc + AUX);
            uintptr_t target = __atomic_load_n(word, __ATOMIC_ACQUIRE);

            pc = target ? (const uint32_t *)target : pc + AUX + 2;
            break;
        }
        case CTRL(goto_ptr):
            if (!SLOT(1)) {
                ret = 0;
                goto out;
            }
            pc = (const uint32_t *)(uintptr_t)SLOT(1);
            break;
        case CTRL(call): {
            unsigned nargs = AUX & TCI_CALL_NARGS_MASK;
            uint64_t args[TCG_MAX_HELPER_ARGS];
            uint64_t r;

            for (unsigned i = 0; i < nargs; i++) {
                args[i] = SLOT(4 + i);
            }
            tci_retaddr = (uintptr_t)(pc + 4 + nargs);
            r = call_helper(imm64(pc + 1), nargs, args);
            if (AUX & TCI_CALL_HAS_RET) {
                SLOT(3) = AUX & TCI_CALL_RET_I32 ? (uint32_t)r : r;
            }
            pc += 4 + nargs;
            break;
        }
        case CTRL(mb):
            if (AUX == TCI_MB_SEQ_CST) {
                __atomic_thread_fence(__ATOMIC_SEQ_CST);
            } else {
                __atomic_thread_fence(__ATOMIC_ACQ_REL);
            }
            pc += 1;
            break;
        default:
            g_assert_not_reached();
        }
    }
out:
    if (f.heap) {
        heap_frame_free(f.heap);
    }
    return ret;
}

static bool tci_init(Error **errp)
{
    return true;                /* no prologue, nothing to detect */
}

const TCGBackend tcg_backend_tci = {
    .name = "tci",
    .env_reg = -1,              /* no host registers: env is frame slot 0 */
    .init = tci_init,
    .gen_code = tci_gen_code,
    .exec = tci_exec,
    .thread_exit = tci_thread_exit,
};
