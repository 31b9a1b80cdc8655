/*
 * ARM PrimeCell real-time clock (PL031), as described by the PL031
 * Technical Reference Manual (ARM DDI0224): a 32-bit seconds counter with a
 * match register and one interrupt. Linux's rtc-pl031 and UEFI's
 * PL031RealTimeClockLib read the date from it.
 *
 * Time base: the -rtc option (hw/rtc/rtc-clock.h). At realize (machine
 * creation) the counter takes the option's base (the host's UTC seconds by
 * default, or a fixed date) and from then on advances with the option's
 * clock: the host's wall clock (default, as on QEMU), its monotonic clock
 * (clock=rt), or the virtual clock (clock=vm: stands still while the VM is
 * paused, and with -icount gives the same time at the same instruction on
 * every run). It is kept as a (count, clock ns) pair: count = base + whole
 * seconds of the clock since base_ns. A load (LR) sets base to the value
 * and base_ns to now, so the next tick comes one second after the load.
 *
 * The counter is battery-backed: a device reset (a guest reboot) clears the
 * match and interrupt registers but keeps the time, and the RTC is already
 * started at power-on (CR reads 1), as firmware leaves it on real boards.
 * Once started, writes to CR have no effect (TRM: until a system reset).
 *
 * The match interrupt (RIS bit 0) is set when the counter reaches MR; a
 * timer on the RTC's clock is armed for that second whenever MR, LR or the time
 * base changes. Writing an MR equal to the current count matches at once.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/log.h"
#include "hw/rtc/pl031.h"
#include "hw/rtc/rtc-clock.h"
#include "softmmu/memory.h"
#include "softmmu/timers.h"

#define PL031_MMIO_SIZE 0x1000
#define NS_PER_SEC      1000000000LL

enum {
    R_DR = 0x000,
    R_MR = 0x004,
    R_LR = 0x008,
    R_CR = 0x00c,
    R_IMSC = 0x010,
    R_RIS = 0x014,
    R_MIS = 0x018,
    R_ICR = 0x01c,
    R_ID_BASE = 0xfe0,      /* PeriphID0..3, PCellID0..3 */
};

#define CR_START    1u
#define INT_MATCH   1u

static const uint8_t pl031_id[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

typedef struct PL031State {
    DeviceState parent;
    MemoryRegion iomem;
    IRQLine *irq;
    Timer *match_timer;
    TimeClock clock;            /* what the counter counts: -rtc clock= */

    uint32_t base_count;        /* the counter at time base_ns of clock */
    int64_t base_ns;

    uint32_t mr, lr, cr;
    uint32_t imsc, ris;
} PL031State;

#define PL031(dev) container_of(dev, PL031State, parent)

/*
 * Whole seconds of the clock since base_ns, rounded down: the host's wall
 * clock may have been set back to before base_ns.
 */
static int64_t pl031_elapsed_s(PL031State *s)
{
    int64_t elapsed = time_now_ns(s->clock) - s->base_ns;

    return elapsed >= 0 ? elapsed / NS_PER_SEC : -((NS_PER_SEC - 1 - elapsed) / NS_PER_SEC);
}

static uint32_t pl031_count(PL031State *s)
{
    return s->base_count + (uint32_t)(uint64_t)pl031_elapsed_s(s);
}

static void pl031_update_irq(PL031State *s)
{
    irq_set(s->irq, (s->ris & s->imsc) != 0);
}

static void pl031_match(void *opaque)
{
    PL031State *s = opaque;

    s->ris |= INT_MATCH;
    pl031_update_irq(s);
}

/* Arms the timer for the time (of the RTC's clock) at which the counter reaches MR. */
static void pl031_arm_match(PL031State *s)
{
    int64_t elapsed_s = pl031_elapsed_s(s);
    uint32_t count = s->base_count + (uint32_t)(uint64_t)elapsed_s;
    uint32_t ticks = s->mr - count;     /* seconds until the match, mod 2^32 */

    if (ticks == 0) {
        timer_del(s->match_timer);
        pl031_match(s);
        return;
    }
    /* At most 2^32 s (~4.3e18 ns) ahead: fits in int64_t. */
    timer_mod_ns(s->match_timer, s->base_ns + (elapsed_s + (int64_t)ticks) * NS_PER_SEC);
}

static uint64_t pl031_read(void *opaque, hwaddr addr, unsigned size)
{
    PL031State *s = opaque;

    switch (addr) {
    case R_DR:
        return pl031_count(s);
    case R_MR:
        return s->mr;
    case R_LR:
        return s->lr;
    case R_CR:
        return s->cr;
    case R_IMSC:
        return s->imsc;
    case R_RIS:
        return s->ris;
    case R_MIS:
        return s->ris & s->imsc;
    case R_ID_BASE ... R_ID_BASE + 0x1c:
        return pl031_id[(addr - R_ID_BASE) / 4];
    case R_ICR:
        log_mask(log_guest_errors, "pl031: read of the write-only ICR\n");
        return 0;
    }
    log_mask(log_guest_errors, "pl031: read of bad offset 0x%03" PRIx64 "\n",
             (uint64_t)addr);
    return 0;
}

static void pl031_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    PL031State *s = opaque;

    switch (addr) {
    case R_MR:
        s->mr = value;
        pl031_arm_match(s);
        break;
    case R_LR:
        s->lr = value;
        s->base_count = value;
        s->base_ns = time_now_ns(s->clock);
        pl031_arm_match(s);
        break;
    case R_CR:
        /* Starting is for good (TRM); the counter already runs (see top). */
        s->cr |= value & CR_START;
        break;
    case R_IMSC:
        s->imsc = value & INT_MATCH;
        break;
    case R_ICR:
        s->ris &= ~(value & INT_MATCH);
        break;
    case R_DR:
    case R_RIS:
    case R_MIS:
    case R_ID_BASE ... R_ID_BASE + 0x1c:
        log_mask(log_guest_errors, "pl031: write to read-only offset 0x%03" PRIx64 "\n",
                 (uint64_t)addr);
        return;
    default:
        log_mask(log_guest_errors, "pl031: write to bad offset 0x%03" PRIx64 "\n",
                 (uint64_t)addr);
        return;
    }
    pl031_update_irq(s);
}

static const MemoryRegionOps pl031_ops = {
    .read = pl031_read,
    .write = pl031_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static bool pl031_realize(DeviceState *dev, Error **errp)
{
    PL031State *s = PL031(dev);
    int64_t seconds;

    memory_region_init_io(&s->iomem, &pl031_ops, s, "pl031", PL031_MMIO_SIZE);
    device_init_mmio(dev, &s->iomem);
    device_init_irq(dev, &s->irq);
    s->clock = rtc_clock_source();
    s->match_timer = timer_new_ns(s->clock, pl031_match, s);
    rtc_clock_start(&seconds, &s->base_ns);
    /* The counter is 32 bits: dates after 2106 wrap, as on the hardware. */
    s->base_count = (uint32_t)(uint64_t)seconds;
    s->cr = CR_START;
    return true;
}

/* The board unmaps the region before it destroys the device. */
static void pl031_unrealize(DeviceState *dev)
{
    PL031State *s = PL031(dev);

    timer_free(s->match_timer);
    s->match_timer = NULL;
    memory_region_finalize(&s->iomem);
}

/* The time survives (battery-backed); match and interrupt state do not. */
static void pl031_reset(DeviceState *dev)
{
    PL031State *s = PL031(dev);

    s->mr = 0;
    s->lr = 0;
    s->imsc = 0;
    s->ris = 0;
    timer_del(s->match_timer);
    pl031_update_irq(s);
}

const DeviceClass pl031_class = {
    .name = "pl031",
    .desc = "ARM PrimeCell PL031 real-time clock",
    .category = DEVICE_CATEGORY_TIMER,
    .instance_size = sizeof(PL031State),
    .user_creatable = false,
    .realize = pl031_realize,
    .unrealize = pl031_unrealize,
    .reset = pl031_reset,
};
