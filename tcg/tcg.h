/*
 * The translator's intermediate representation (IR).
 *
 * A guest frontend turns guest instructions into a list of TCGOps that act
 * on TCGTemps; the optimizer rewrites the list; a backend (x86-64 native
 * code, or the portable interpreter) turns it into something that runs.
 * The list of opcodes is tcg/ops.def; the builder API frontends use is
 * tcg/tcg-op.h; docs/devel/tcg.md defines every op.
 *
 * Temps come in kinds that say how long their value lives:
 *   TEMP_CONST   a constant (interned: one temp per value and type per TB)
 *   TEMP_EBB     dies at the end of its extended basic block, which runs
 *                from one label to the next through conditional branches
 *                (their fall-through path). Cheapest: it never needs a home
 *                in memory across blocks.
 *   TEMP_TB      lives across the whole TB (survives labels).
 *   TEMP_GLOBAL  a field of the CPU state (base temp + offset); the backend
 *                caches it in a host register and writes it back where the
 *                state must be visible (helper calls, TB exits, faults).
 *   TEMP_FIXED   pinned to a host register for the life of the context (the
 *                CPU state pointer `env`).
 * Globals and fixed temps are created once, when a target initializes the
 * context; everything else is per TB (tcg_func_start() drops it).
 *
 * Values: an i32 temp holds 32 bits; an i64 temp 64. Nothing may depend on
 * the high half of the host register or interpreter slot that holds an i32.
 *
 * Threads: a TCGContext belongs to one translating thread (tcg_ctx is
 * thread-local), so translation in parallel vCPU threads needs no locks here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include "util/osdep.h"

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_COUNT,
} TCGType;

/* Host pointers are 64-bit: a pointer temp is an i64 temp. */
#define TCG_TYPE_PTR TCG_TYPE_I64

/* Words of target data in insn_start (guest PC first); enough for every target. */
#define TCG_INSN_START_WORDS 3

/* Op flags (ops.def). */
#define TCG_OPF_BB_END        0x01  /* ends a basic block: label, branch, exit */
#define TCG_OPF_BB_EXIT       0x02  /* leaves the TB */
#define TCG_OPF_COND_BRANCH   0x04
#define TCG_OPF_CALL_CLOBBER  0x08  /* clobbers the caller-saved host registers */
#define TCG_OPF_SIDE_EFFECTS  0x10  /* never removed as dead */
#define TCG_OPF_NOT_PRESENT   0x20  /* emits no code by itself */
#define TCG_OPF_INT           0x40  /* typed integer op: TCGOp.type is I32 or I64 */
#define TCG_OPF_VECTOR        0x80  /* vector op on CPU state memory (tcg/gvec.h) */

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/ops.def"
#undef DEF
    NB_OPS,
} TCGOpcode;

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint8_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/*
 * Conditions for brcond, setcond, negsetcond, movcond. TSTEQ/TSTNE test
 * (a & b) == 0 / != 0. Values are chosen so that inverting a condition
 * flips bit 0 (tcg_invert_cond).
 */
typedef enum TCGCond {
    TCG_COND_NEVER  = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ     = 2,
    TCG_COND_NE     = 3,
    TCG_COND_LT     = 4,
    TCG_COND_GE     = 5,
    TCG_COND_LE     = 6,
    TCG_COND_GT     = 7,
    TCG_COND_LTU    = 8,
    TCG_COND_GEU    = 9,
    TCG_COND_LEU    = 10,
    TCG_COND_GTU    = 11,
    TCG_COND_TSTEQ  = 12,
    TCG_COND_TSTNE  = 13,
    TCG_COND_COUNT,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c)
{
    return (TCGCond)(c ^ 1);
}

/* The condition that holds for (b, a) when c holds for (a, b). */
TCGCond tcg_swap_cond(TCGCond c);
/* Evaluates c on constants of the given type (i32 compares the low 32 bits). */
bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b);
const char *tcg_cond_name(TCGCond c);

/* Memory barrier kinds (mb's argument): which earlier accesses are ordered before which later ones. */
#define TCG_MO_LD_LD  0x01
#define TCG_MO_ST_LD  0x02
#define TCG_MO_LD_ST  0x04
#define TCG_MO_ST_ST  0x08
#define TCG_MO_ALL    0x0f

typedef enum TCGTempKind {
    TEMP_EBB,
    TEMP_TB,
    TEMP_GLOBAL,
    TEMP_FIXED,
    TEMP_CONST,
} TCGTempKind;

typedef struct TCGTemp {
    unsigned index;             /* dense, for per-temp arrays in passes */
    TCGType type;
    TCGTempKind kind;
    int64_t val;                /* TEMP_CONST; an i32 constant is stored sign-extended */
    struct TCGTemp *mem_base;   /* TEMP_GLOBAL: the pointer temp it is relative to */
    intptr_t mem_offset;        /* TEMP_GLOBAL: byte offset from *mem_base */
    int reg;                    /* TEMP_FIXED: the host register */
    const char *name;           /* TEMP_GLOBAL, TEMP_FIXED */
} TCGTemp;

/* Typed handles for the builder: really TCGTemp pointers, typed so the compiler checks widths. */
typedef struct TCGv_i32_d *TCGv_i32;
typedef struct TCGv_i64_d *TCGv_i64;
typedef TCGv_i64 TCGv_ptr;

static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return (TCGTemp *)v; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return (TCGTemp *)v; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *t) { return (TCGv_i32)t; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *t) { return (TCGv_i64)t; }
static inline TCGv_ptr temp_tcgv_ptr(TCGTemp *t) { return (TCGv_ptr)t; }

/* A place in emitted code that must be patched once a label's address is known. */
typedef struct TCGRelocation {
    struct TCGRelocation *next;
    void *ptr;                  /* backend-defined: where to patch */
    int type;                   /* backend-defined relocation kind */
    intptr_t addend;
} TCGRelocation;

typedef struct TCGLabel {
    unsigned id;
    bool present;               /* its set_label has been emitted */
    bool has_value;             /* the backend knows its address */
    unsigned refs;              /* branches to it (the optimizer drops unused labels) */
    uintptr_t value;            /* backend-defined: code address or offset */
    TCGRelocation *relocs;      /* backend-owned, freed with the TB's arena */
} TCGLabel;

/* Helper call flags. Default (0): reads and writes globals, has side effects, may raise. */
#define TCG_CALL_NO_READ_GLOBALS  0x1   /* globals need not be synced before the call; cannot raise */
#define TCG_CALL_NO_WRITE_GLOBALS 0x2   /* cached copies of globals stay valid after the call */
#define TCG_CALL_NO_SIDE_EFFECTS  0x4   /* removable when its result is unused */
#define TCG_CALL_NO_RWG (TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS)
#define TCG_CALL_PURE   (TCG_CALL_NO_RWG | TCG_CALL_NO_SIDE_EFFECTS)

#define TCG_MAX_HELPER_ARGS 8

/*
 * A C function the generated code may call. Arguments and the result are
 * integers of the given types (pointers are TCG_TYPE_PTR); an i32 argument
 * reaches the helper as a 32-bit value, an i32 result is its low 32 bits.
 */
typedef struct TCGHelperInfo {
    const void *func;
    const char *name;
    unsigned flags;             /* TCG_CALL_* */
    bool has_ret;
    TCGType ret_type;
    uint8_t nb_args;
    TCGType arg_types[TCG_MAX_HELPER_ARGS];
} TCGHelperInfo;

typedef uintptr_t TCGArg;

/*
 * One op. args[] holds nb_oargs output temps, nb_iargs input temps, then
 * nb_cargs constant arguments (TCGCond, offsets, TCGLabel *, ...).
 * Ops live in a per-TB arena; the list is doubly linked so passes can
 * insert and remove in place.
 */
typedef struct TCGOp {
    struct TCGOp *prev, *next;
    TCGOpcode opc;
    TCGType type;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    /*
     * Liveness results (tcg/liveness.c): bit i set in `dead` when input i's
     * value dies at this op (i counts outputs then inputs); bit i in `sync`
     * when output i, a global, must be written back to memory here.
     */
    uint16_t dead;
    uint8_t sync;
    TCGArg args[];
} TCGOp;

static inline TCGTemp *arg_temp(TCGArg a) { return (TCGTemp *)a; }
static inline TCGArg temp_arg(TCGTemp *t) { return (TCGArg)t; }
static inline TCGLabel *arg_label(TCGArg a) { return (TCGLabel *)a; }
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l; }

static inline unsigned tcg_op_nargs(const TCGOp *op)
{
    return op->nb_oargs + op->nb_iargs + op->nb_cargs;
}

/* For a call op: the helper is args[nb_oargs + nb_iargs + 1]. */
static inline const TCGHelperInfo *tcg_call_info(const TCGOp *op)
{
    return (const TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs + 1];
}

typedef struct TCGArena TCGArena;

typedef struct TCGContext {
    /* Temps, in chunks so TCGTemp pointers stay put; index order = creation order. */
    GPtrArray *temp_chunks;
    unsigned nb_temps;
    unsigned nb_globals;        /* globals and fixed temps: indices [0, nb_globals) */
    GHashTable *consts[TCG_TYPE_COUNT];
    TCGv_ptr env;               /* the CPU state pointer (TEMP_FIXED) */
    /*
     * The target's globals in this context (its TCGv handles are pointers
     * into this context, so each translating thread has its own set): set
     * by TargetOps.init_globals (g_malloc'd; freed with the context), read
     * by its translate().
     */
    void *target_globals;

    /* The TB being built. */
    TCGOp *first_op, *last_op;
    unsigned nb_ops;
    GPtrArray *labels;          /* TCGLabel *, by id */
    TCGArena *arena;            /* ops, labels and relocations of this TB */
    unsigned nb_insns;          /* insn_start ops emitted */

    /*
     * What a backend reports about the code it generated, for the TB cache:
     * for goto_tb slot n, the offset of the patchable jump's 4-byte
     * displacement (native) or target word (interpreter), and the offset it
     * falls back to when not chained; for each insn_start in order, the code
     * offset where that guest instruction's code ends (to find the guest
     * instruction a fault inside the TB belongs to). UINT32_MAX: no such slot.
     */
    uint32_t goto_tb_jump_offset[2];
    uint32_t goto_tb_reset_offset[2];
    GArray *insn_end_offsets;   /* of uint32_t */
} TCGContext;

/* The context of the calling thread (used by the builder API). */
extern __thread TCGContext *tcg_ctx;

/* Creates a context and makes it current; env_reg is the host register holding env. */
TCGContext *tcg_context_new(int env_reg);
void tcg_context_free(TCGContext *s);
void tcg_set_current(TCGContext *s);

/* Starts a new TB: drops ops, labels, per-TB temps and constants. */
void tcg_func_start(TCGContext *s);

/* Temps. */
TCGTemp *tcg_temp_new_internal(TCGContext *s, TCGType type, TCGTempKind kind);
TCGTemp *tcg_constant_internal(TCGContext *s, TCGType type, int64_t val);
TCGTemp *tcg_global_mem_new_internal(TCGContext *s, TCGType type, TCGTemp *base,
                                     intptr_t offset, const char *name);

/* Temps live in chunks of this many (their addresses never move). */
#define TEMPS_PER_CHUNK 256

/* Temp number index (inline: liveness and the backends ask for every operand). */
static inline TCGTemp *tcg_temp_at(const TCGContext *s, unsigned index)
{
    TCGTemp *chunk;

    assert(index < s->nb_temps);
    chunk = s->temp_chunks->pdata[index / TEMPS_PER_CHUNK];
    return &chunk[index % TEMPS_PER_CHUNK];
}

static inline bool temp_is_const(const TCGTemp *t)
{
    return t->kind == TEMP_CONST;
}

/* The value of an integer constant reduced to its type (i32: zero-extended). */
static inline uint64_t temp_const_value(const TCGTemp *t)
{
    return t->type == TCG_TYPE_I32 ? (uint32_t)t->val : (uint64_t)t->val;
}

/* Labels. */
TCGLabel *tcg_label_new(TCGContext *s);

/* Ops: emission at the end, and in-place edits for passes. */
TCGOp *tcg_emit_op(TCGContext *s, TCGOpcode opc, TCGType type, unsigned nargs);
TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc,
                            TCGType type, unsigned nargs);
TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc,
                           TCGType type, unsigned nargs);
void tcg_op_remove(TCGContext *s, TCGOp *op);
/* Memory from the TB's arena (freed at the next tcg_func_start). */
void *tcg_arena_alloc(TCGContext *s, size_t size);

#define tcg_for_each_op(s, op) \
    for (TCGOp *op = (s)->first_op; op; op = op->next)
/* Safe against removal of op inside the loop. */
#define tcg_for_each_op_safe(s, op, next_op) \
    for (TCGOp *op = (s)->first_op, *next_op = op ? op->next : NULL; op; \
         op = next_op, next_op = op ? op->next : NULL)

/* Prints the ops, one per line, as `-d op` shows them. */
void tcg_dump_ops(TCGContext *s, FILE *out);
/* A temp's name for dumps: "env", "x0", "tmp3", "$0x10". */
void tcg_temp_name(TCGContext *s, const TCGTemp *t, char *buf, size_t size);

/*
 * Checks that the op list is well formed (types of temps match ops, labels
 * set once and defined, EBB temps not used across blocks they are dead in,
 * constant arguments in range). Returns false and prints the offending op
 * to stderr. Debug builds run it before every backend.
 */
bool tcg_verify(TCGContext *s);

#endif
