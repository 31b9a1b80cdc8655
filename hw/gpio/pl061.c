/*
 * ARM PrimeCell GPIO (PL061), as described by the PL061 Technical Reference
 * Manual (ARM DDI0190): eight pins, each an input or an output (DIR), with
 * per-pin interrupt detection. On the `virt` board, input 3 is the power
 * button (Linux's gpio-keys turns it into KEY_POWER).
 *
 * Pins. Each pin's value is what the guest drives (DATA & DIR) for outputs
 * and the level on the input line for inputs. Outputs 0..7 carry
 * DATA & DIR: a pin configured as an input drives 0. Lines are only driven
 * when their level changes.
 *
 * GPIODATA is 256 words (0x000-0x3fc): address bits [9:2] mask which pins
 * an access touches. A read returns the pin values under the mask (0 for
 * the others); a write changes only the masked bits of the output register.
 *
 * Interrupts, per pin: IS selects level (1) or edge (0) detection; for
 * edges IBE selects both edges, otherwise IEV selects rising (1) or falling
 * (0); for levels IEV selects high (1) or low (0). Detection watches the pin
 * value, so an output the guest toggles detects too (as on hardware).
 * Edges latch in RIS until cleared through IC; level bits of RIS follow the
 * pin and IC does not clear them. MIS = RIS & IE; the one IRQ output is the
 * combined GPIOINTR: MIS != 0.
 *
 * AFSEL is stored but no alternate (hardware) function exists in this
 * model: the pins stay under software control.
 *
 * Registers are 8 bits wide at word offsets; 8-, 16- and 32-bit accesses
 * work (Linux's gpio-pl061 uses byte accesses).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/log.h"
#include "hw/gpio/pl061.h"
#include "softmmu/memory.h"

#define PL061_MMIO_SIZE 0x1000

enum {
    R_DATA_END = 0x3fc,     /* 0x000 ... 0x3fc: masked data accesses */
    R_DIR = 0x400,
    R_IS = 0x404,
    R_IBE = 0x408,
    R_IEV = 0x40c,
    R_IE = 0x410,
    R_RIS = 0x414,
    R_MIS = 0x418,
    R_IC = 0x41c,
    R_AFSEL = 0x420,
    R_ID_BASE = 0xfe0,      /* PeriphID0..3, PCellID0..3 */
};

static const uint8_t pl061_id[8] = { 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

typedef struct PL061State {
    DeviceState parent;
    MemoryRegion iomem;
    IRQLine *irq;
    IRQLine *out[PL061_NUM_PINS];

    uint8_t data;           /* output register (what DATA writes store) */
    uint8_t inputs;         /* levels on the input lines */
    uint8_t dir, is, ibe, iev, ie, afsel;
    uint8_t edges;          /* latched edge detections */

    uint8_t pins;           /* pin values at the last update (edge detection) */
    uint8_t out_levels;     /* what the output lines were last driven to */
} PL061State;

#define PL061(dev) container_of(dev, PL061State, parent)

static uint8_t pl061_pin_values(PL061State *s)
{
    return (s->data & s->dir) | (s->inputs & ~s->dir);
}

static uint8_t pl061_ris(PL061State *s)
{
    uint8_t level_hit = s->is & ~(s->pins ^ s->iev);

    return (s->edges & ~s->is) | level_hit;
}

/*
 * Takes the pins' new values: latches edges, drives the output lines that
 * changed and the interrupt. Called after anything that may change them.
 */
static void pl061_update(PL061State *s)
{
    uint8_t pins = pl061_pin_values(s);
    uint8_t changed = pins ^ s->pins;
    uint8_t rising = changed & pins;
    uint8_t falling = changed & ~pins;
    uint8_t hit = (changed & s->ibe) | (rising & ~s->ibe & s->iev) |
                  (falling & ~s->ibe & ~s->iev);
    uint8_t out = s->data & s->dir;
    uint8_t out_changed = out ^ s->out_levels;

    s->edges |= hit & ~s->is;
    s->pins = pins;
    s->out_levels = out;
    for (int i = 0; i < PL061_NUM_PINS; i++) {
        if (out_changed & (1u << i)) {
            irq_set(s->out[i], (out >> i) & 1);
        }
    }
    irq_set(s->irq, (pl061_ris(s) & s->ie) != 0);
}

static void pl061_set_input(void *opaque, int n, int level)
{
    DeviceState *dev = opaque;
    PL061State *s = PL061(dev);

    assert(n >= 0 && n < PL061_NUM_PINS);
    if (level) {
        s->inputs |= 1u << n;
    } else {
        s->inputs &= ~(1u << n);
    }
    pl061_update(s);
}

static uint8_t pl061_reg_read(PL061State *s, hwaddr offset)
{
    if (offset <= R_DATA_END) {
        return s->pins & (offset >> 2);
    }
    switch (offset) {
    case R_DIR:
        return s->dir;
    case R_IS:
        return s->is;
    case R_IBE:
        return s->ibe;
    case R_IEV:
        return s->iev;
    case R_IE:
        return s->ie;
    case R_RIS:
        return pl061_ris(s);
    case R_MIS:
        return pl061_ris(s) & s->ie;
    case R_AFSEL:
        return s->afsel;
    case R_ID_BASE ... R_ID_BASE + 0x1c:
        return pl061_id[(offset - R_ID_BASE) / 4];
    case R_IC:
        log_mask(log_guest_errors, "pl061: read of the write-only IC\n");
        return 0;
    default:
        log_mask(log_guest_errors, "pl061: read of bad offset 0x%03" PRIx64 "\n",
                 (uint64_t)offset);
        return 0;
    }
}

static void pl061_reg_write(PL061State *s, hwaddr offset, uint8_t value)
{
    if (offset <= R_DATA_END) {
        uint8_t mask = offset >> 2;

        s->data = (s->data & ~mask) | (value & mask);
        pl061_update(s);
        return;
    }
    switch (offset) {
    case R_DIR:
        s->dir = value;
        break;
    case R_IS:
        s->is = value;
        break;
    case R_IBE:
        s->ibe = value;
        break;
    case R_IEV:
        s->iev = value;
        break;
    case R_IE:
        s->ie = value;
        break;
    case R_IC:
        s->edges &= ~value;
        break;
    case R_AFSEL:
        s->afsel = value;
        break;
    case R_RIS:
    case R_MIS:
    case R_ID_BASE ... R_ID_BASE + 0x1c:
        log_mask(log_guest_errors, "pl061: write to read-only offset 0x%03" PRIx64 "\n",
                 (uint64_t)offset);
        return;
    default:
        log_mask(log_guest_errors, "pl061: write to bad offset 0x%03" PRIx64 "\n",
                 (uint64_t)offset);
        return;
    }
    pl061_update(s);
}

static uint64_t pl061_read(void *opaque, hwaddr addr, unsigned size)
{
    PL061State *s = opaque;

    /* Registers are 8 bits wide: the other bytes of the word read as 0. */
    if (addr & 3) {
        return 0;
    }
    return pl061_reg_read(s, addr);
}

static void pl061_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    PL061State *s = opaque;

    if (addr & 3) {
        log_mask(log_guest_errors, "pl061: %u-byte write to reserved bits at 0x%03" PRIx64
                 " ignored\n", size, (uint64_t)addr);
        return;
    }
    pl061_reg_write(s, addr, value & 0xff);
}

static const MemoryRegionOps pl061_ops = {
    .read = pl061_read,
    .write = pl061_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static void pl061_instance_init(DeviceState *dev)
{
    PL061State *s = PL061(dev);

    device_init_gpio_in(dev, pl061_set_input, PL061_NUM_PINS);
    device_init_gpio_out(dev, s->out, PL061_NUM_PINS);
}

static bool pl061_realize(DeviceState *dev, Error **errp)
{
    PL061State *s = PL061(dev);

    memory_region_init_io(&s->iomem, &pl061_ops, s, "pl061", PL061_MMIO_SIZE);
    device_init_mmio(dev, &s->iomem);
    device_init_irq(dev, &s->irq);
    return true;
}

/* The board unmaps the region before it destroys the device. */
static void pl061_unrealize(DeviceState *dev)
{
    PL061State *s = PL061(dev);

    memory_region_finalize(&s->iomem);
}

/*
 * Every register resets to 0 (all pins inputs, no interrupts). The input
 * lines keep their levels: the outside world drives them, not the reset.
 */
static void pl061_reset(DeviceState *dev)
{
    PL061State *s = PL061(dev);

    s->data = 0;
    s->dir = s->is = s->ibe = s->iev = s->ie = s->afsel = 0;
    s->edges = 0;
    s->pins = pl061_pin_values(s);
    pl061_update(s);
}

const DeviceClass pl061_class = {
    .name = "pl061",
    .desc = "ARM PrimeCell PL061 GPIO controller",
    .category = DEVICE_CATEGORY_MISC,
    .instance_size = sizeof(PL061State),
    .user_creatable = false,
    .instance_init = pl061_instance_init,
    .realize = pl061_realize,
    .unrealize = pl061_unrealize,
    .reset = pl061_reset,
};
