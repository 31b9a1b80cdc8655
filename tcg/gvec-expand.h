/*
 * The integer expansion of gvec ops (gvec-expand.c): what the builder
 * emits instead of a gvec IR op when the native backend has no host
 * instruction sequence for it. Not for frontends: they call tcg-op-gvec.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_GVEC_EXPAND_H
#define TCG_GVEC_EXPAND_H

#include "tcg/tcg-op.h"
#include "tcg/gvec.h"

/*
 * Emits 64-bit integer IR (ld/st of env, arithmetic) that computes the gvec
 * op opc with operands ga; in is gvec_dup's value (NULL for other ops).
 * Sources are read before the destination is written, chunk by chunk of 8
 * bytes, so a source equal to the destination is fine.
 */
void tcg_gvec_expand_int(TCGOpcode opc, const TCGGvecArgs *ga, TCGv_i64 in);

#endif
