/*
 * Interrupt and GPIO lines between devices.
 *
 * An IRQLine is the receiving end of a wire: a handler, an opaque pointer and
 * the index of the input on its device. The sending device keeps an
 * `IRQLine *` in its state and calls irq_set() on it; an output that nobody
 * connected is a NULL pointer, and irq_set(NULL, ...) does nothing, so devices
 * never test whether their outputs are wired.
 *
 * Lines carry a level (0 or 1, occasionally a wider value a receiver
 * understands); they do not remember it. A receiver that must know whether a
 * level really changed keeps the last level itself.
 *
 * Fan-out and logic go through small helper lines (irq_invert, irq_split2)
 * or the "or-irq" and "split-irq" devices when the count is a property.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CORE_IRQ_H
#define HW_CORE_IRQ_H

#include "util/osdep.h"

typedef struct IRQLine IRQLine;

/* Called with the new level of input n of the receiver behind opaque. */
typedef void IRQHandler(void *opaque, int n, int level);

/* A line that calls handler(opaque, n, level); free it with irq_free(). */
IRQLine *irq_new(IRQHandler *handler, void *opaque, int n);
/* Frees a line (NULL is fine); whoever held it as an output must drop it. */
void irq_free(IRQLine *line);

/* Drives the line; NULL (an unconnected output) is a no-op. */
void irq_set(IRQLine *line, int level);
static inline void irq_raise(IRQLine *line)
{
    irq_set(line, 1);
}
static inline void irq_lower(IRQLine *line)
{
    irq_set(line, 0);
}
/* A raise immediately followed by a lower: an edge for edge-triggered inputs. */
static inline void irq_pulse(IRQLine *line)
{
    irq_set(line, 1);
    irq_set(line, 0);
}

/*
 * A new line that drives target with the opposite level (active-low wiring).
 * The caller owns it and frees it with irq_free() after target is gone.
 */
IRQLine *irq_invert(IRQLine *target);
/* A new line that drives both a and b (either may be NULL). */
IRQLine *irq_split2(IRQLine *a, IRQLine *b);

#endif
