/*
 * Liveness analysis: fills TCGOp.dead and TCGOp.sync for the register
 * allocator, and removes ops whose results nobody reads.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_LIVENESS_H
#define TCG_LIVENESS_H

#include "tcg/tcg.h"

/*
 * One backward pass over the op list of s. Afterwards, for every op:
 *   dead bit i (outputs, then inputs): the value of that temp is not read
 *       after this op (the allocator can free its register);
 *   sync bit i (outputs): the output, a global or a TEMP_TB temp that lives
 *       across blocks, must be written to its memory home right after the op.
 * Ops without side effects whose outputs are all dead are removed.
 * TEMP_FIXED and TEMP_CONST temps never get dead bits.
 */
void tcg_liveness(TCGContext *s);

#endif
