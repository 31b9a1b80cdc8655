/*
 * The IR optimizer: one forward pass over a TB's ops, run between the
 * frontend and a backend. docs/devel/tcg-optimize.md describes the rules.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_OPTIMIZE_H
#define TCG_OPTIMIZE_H

#include "tcg/tcg.h"

/*
 * Rewrites s's op list in place: constant folding, copy propagation,
 * algebraic simplification, known-bits tracking, branch folding and removal
 * of unreachable ops and unused labels. Every data op keeps the result
 * tcg/eval.h defines; the output is deterministic and passes tcg_verify()
 * when the input does.
 */
void tcg_optimize(TCGContext *s);

#endif
