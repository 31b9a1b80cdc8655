/*
 * The "toy" test ISA: see toy-target.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TESTS_UNIT_TOY_TARGET_H
#define TESTS_UNIT_TOY_TARGET_H

#include "hw/core/cpu.h"

#define TOY_NREGS 16
#define TOY_MAPPED_LIMIT 0x40000000ULL

/* Exceptions: below EXCP_INTERRUPT are delivered by do_interrupt; STOP is returned. */
#define TOY_EXCP_SVC   1
#define TOY_EXCP_UDEF  2
#define TOY_EXCP_FAULT 3
#define TOY_EXCP_STOP  (EXCP_INTERRUPT + 0x100)

#define TOY_INSN(op, rd, rs, imm) \
    ((uint32_t)(op) << 24 | (uint32_t)(rd) << 20 | (uint32_t)(rs) << 16 | ((uint32_t)(imm) & 0xffff))

typedef struct ToyEnv {
    uint64_t r[TOY_NREGS];
    uint64_t pc;
    uint64_t svc_count;
    uint64_t udef_count;
    uint64_t fault_count;
    uint64_t fault_pc;
    uint64_t fault_addr;
} ToyEnv;

typedef struct ToyCPU {
    CPUState parent;
    ToyEnv env;
} ToyCPU;

static inline ToyEnv *toy_env(CPUState *cpu)
{
    return &container_of(cpu, ToyCPU, parent)->env;
}

extern const TargetOps toy_target_ops;

#endif
