/*
 * Host code disassembly for `-d out_asm`.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_DISAS_H
#define TCG_DISAS_H

#include "util/osdep.h"

/* Prints the x86-64 code at code (size bytes), one instruction per line with its address. */
void tcg_disas_host(FILE *out, const void *code, size_t size);

#endif
