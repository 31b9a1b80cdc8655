/*
 * or-irq: the classic shared interrupt line. Its output is high while any of
 * its num-lines inputs is high.
 *
 * Each input's level is remembered, so raising the same input twice and
 * lowering it once leaves it low (a level, not a count), and the output is
 * driven on every input change (receivers ignore repeats of a level).
 *
 * Board use:
 *     DeviceState *or = device_new(&or_irq_class);
 *     device_set_prop_u32(or, "num-lines", 2, &error_abort);
 *     device_realize(or, NULL, &error_abort);
 *     device_connect_gpio_out(or, 0, device_get_gpio_in(intc, 5));
 *     device_connect_irq(uart0, 0, device_get_gpio_in(or, 0));
 *     device_connect_irq(uart1, 0, device_get_gpio_in(or, 1));
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/device-list.h"

typedef struct OrIRQState {
    DeviceState parent;
    uint32_t num_lines;
    bool *levels;               /* num_lines entries, from realize on */
    uint32_t num_high;
    IRQLine *out;
} OrIRQState;

static void or_irq_set(void *opaque, int n, int level)
{
    OrIRQState *s = container_of(opaque, OrIRQState, parent);
    bool high = level != 0;

    assert(n >= 0 && (uint32_t)n < s->num_lines);
    if (s->levels[n] != high) {
        s->levels[n] = high;
        s->num_high += high ? 1 : -1;
    }
    irq_set(s->out, s->num_high != 0);
}

static bool or_irq_realize(DeviceState *dev, Error **errp)
{
    OrIRQState *s = container_of(dev, OrIRQState, parent);

    if (s->num_lines == 0) {
        error_setg(errp, "or-irq: num-lines must be at least 1");
        return false;
    }
    s->levels = g_new0(bool, s->num_lines);
    device_init_gpio_in(dev, or_irq_set, s->num_lines);
    device_init_gpio_out(dev, &s->out, 1);
    return true;
}

static void or_irq_unrealize(DeviceState *dev)
{
    OrIRQState *s = container_of(dev, OrIRQState, parent);

    g_free(s->levels);
    s->levels = NULL;
}

/* The inputs' sources reset too and re-drive their levels if they must. */
static void or_irq_reset(DeviceState *dev)
{
    OrIRQState *s = container_of(dev, OrIRQState, parent);

    memset(s->levels, 0, s->num_lines * sizeof(bool));
    s->num_high = 0;
}

static const Property or_irq_props[] = {
    DEFINE_PROP_UINT32("num-lines", OrIRQState, num_lines, 2,
                       "number of input lines"),
    DEFINE_PROP_END,
};

const DeviceClass or_irq_class = {
    .name = "or-irq",
    .desc = "OR of several interrupt lines into one",
    .category = DEVICE_CATEGORY_MISC,
    .instance_size = sizeof(OrIRQState),
    .props = or_irq_props,
    .realize = or_irq_realize,
    .unrealize = or_irq_unrealize,
    .reset = or_irq_reset,
};
