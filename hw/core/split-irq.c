/*
 * split-irq: one input line copied to num-lines outputs, for a signal that
 * several devices receive (a reset line, an interrupt routed to two
 * controllers). For exactly two, irq_split2() needs no device.
 *
 * Board use:
 *     DeviceState *split = device_new(&split_irq_class);
 *     device_set_prop_u32(split, "num-lines", 3, &error_abort);
 *     device_realize(split, NULL, &error_abort);
 *     device_connect_gpio_out(split, i, device_get_gpio_in(cpu[i], 0));
 *     device_connect_irq(timer, 0, device_get_gpio_in(split, 0));
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/device-list.h"

typedef struct SplitIRQState {
    DeviceState parent;
    uint32_t num_lines;
    IRQLine **out;              /* num_lines entries, from realize on */
} SplitIRQState;

static void split_irq_set(void *opaque, int n, int level)
{
    SplitIRQState *s = container_of(opaque, SplitIRQState, parent);

    for (uint32_t i = 0; i < s->num_lines; i++) {
        irq_set(s->out[i], level);
    }
}

static bool split_irq_realize(DeviceState *dev, Error **errp)
{
    SplitIRQState *s = container_of(dev, SplitIRQState, parent);

    if (s->num_lines == 0) {
        error_setg(errp, "split-irq: num-lines must be at least 1");
        return false;
    }
    s->out = g_new0(IRQLine *, s->num_lines);
    device_init_gpio_in(dev, split_irq_set, 1);
    device_init_gpio_out(dev, s->out, s->num_lines);
    return true;
}

static void split_irq_unrealize(DeviceState *dev)
{
    SplitIRQState *s = container_of(dev, SplitIRQState, parent);

    g_free(s->out);
    s->out = NULL;
}

static const Property split_irq_props[] = {
    DEFINE_PROP_UINT32("num-lines", SplitIRQState, num_lines, 2,
                       "number of output lines"),
    DEFINE_PROP_END,
};

const DeviceClass split_irq_class = {
    .name = "split-irq",
    .desc = "one interrupt line copied to several",
    .category = DEVICE_CATEGORY_MISC,
    .instance_size = sizeof(SplitIRQState),
    .props = split_irq_props,
    .realize = split_irq_realize,
    .unrealize = split_irq_unrealize,
};
