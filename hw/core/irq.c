/*
 * Interrupt and GPIO lines: see hw/core/irq.h.
 *
 * A line is a handler call and nothing more: no level is stored, no list of
 * listeners is kept. Helper lines (invert, split) are ordinary lines whose
 * opaque is the line itself and whose targets sit in the struct, so a helper
 * is freed with irq_free() like any other line and needs no side allocation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/irq.h"

struct IRQLine {
    IRQHandler *handler;
    void *opaque;
    int n;
    IRQLine *targets[2];        /* helper lines only */
};

IRQLine *irq_new(IRQHandler *handler, void *opaque, int n)
{
    IRQLine *line = g_new0(IRQLine, 1);

    assert(handler);
    line->handler = handler;
    line->opaque = opaque;
    line->n = n;
    return line;
}

void irq_free(IRQLine *line)
{
    g_free(line);
}

void irq_set(IRQLine *line, int level)
{
    if (line) {
        line->handler(line->opaque, line->n, level);
    }
}

static void invert_handler(void *opaque, int n, int level)
{
    IRQLine *self = opaque;

    irq_set(self->targets[0], !level);
}

IRQLine *irq_invert(IRQLine *target)
{
    IRQLine *line = irq_new(invert_handler, NULL, 0);

    line->opaque = line;
    line->targets[0] = target;
    return line;
}

static void split_handler(void *opaque, int n, int level)
{
    IRQLine *self = opaque;

    irq_set(self->targets[0], level);
    irq_set(self->targets[1], level);
}

IRQLine *irq_split2(IRQLine *a, IRQLine *b)
{
    IRQLine *line = irq_new(split_handler, NULL, 0);

    line->opaque = line;
    line->targets[0] = a;
    line->targets[1] = b;
    return line;
}
