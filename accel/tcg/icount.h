/*
 * -icount: guest time from the number of instructions executed, so a run
 * is a function of its inputs alone (see accel/tcg/icount.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef ACCEL_TCG_ICOUNT_H
#define ACCEL_TCG_ICOUNT_H

#include "util/osdep.h"
#include "util/error.h"
#include "util/keyval.h"
#include "hw/core/cpu.h"

/* Turns icount on from -icount's options (shift=N|auto, sleep=on|off, align=off). */
bool icount_configure(KeyVal *opts, Error **errp);
void icount_shutdown(void);
bool icount_enabled(void);

/*
 * The vCPU thread's side. Before cpu_exec: runs the virtual timers that are
 * due and grants cpu a budget of instructions that ends at the next virtual
 * deadline (or at slice_insns); after it: accounts what was executed and
 * returns how much of the grant was used.
 */
void icount_prepare(CPUState *cpu, int64_t slice_insns);
int64_t icount_account(CPUState *cpu);
/*
 * No vCPU can run: moves virtual time to the next deadline (sleep=off), or
 * says how long to wait in real time before it is due (sleep=on, -1: no
 * deadline), and runs what is due. Global lock held.
 */
int64_t icount_idle(void);

#endif
