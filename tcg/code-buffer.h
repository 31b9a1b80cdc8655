/*
 * The code buffer: one large region holding all translated code.
 *
 * It is one memfd mapped twice: a read-write view that backends write
 * through and a read-execute view that runs, so no page is ever writable
 * and executable through the same mapping (W^X). Pointers into generated
 * code (TB entry points, return addresses) are execute-view addresses;
 * code_buffer_rw() converts one for patching.
 *
 * Allocation is a bump pointer: a backend asks for the space left, writes a
 * TB, and commits what it used. When it runs out, everything after the
 * prologue is flushed at once (the TB cache is flushed with it), as QEMU does.
 * Callers serialize translation (one translating thread at a time, or the
 * TB lock later).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_CODE_BUFFER_H
#define TCG_CODE_BUFFER_H

#include "util/osdep.h"
#include "util/error.h"

bool code_buffer_init(size_t size, Error **errp);
void code_buffer_destroy(void);

/* Start of free space (read-write view) and how many bytes are free there. */
uint8_t *code_buffer_begin(size_t *avail);
/* Claims `size` bytes written at code_buffer_begin(); returns their execute-view address. */
const void *code_buffer_commit(size_t size);
/*
 * Keeps everything allocated so far (the prologue) across flushes:
 * call once, after writing it.
 */
void code_buffer_set_reserved(void);
/* Drops every TB (all allocations after the reserved part). */
void code_buffer_flush(void);

/* The other view of the same byte. */
void *code_buffer_rw(const void *rx);
const void *code_buffer_rx(const void *rw);
bool code_buffer_contains_rx(const void *rx);

size_t code_buffer_size(void);
size_t code_buffer_used(void);
unsigned code_buffer_flushes(void);

#endif
