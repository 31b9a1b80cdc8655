/*
 * ARM PrimeCell UART (PL011), as described by the PL011 Technical Reference
 * Manual (ARM DDI0183). The `virt` board's console: firmware (u-boot, UEFI)
 * and Linux's amba-pl011 driver program it exactly as on real hardware.
 *
 * Data path. Bytes from the "chardev" backend go into a receive FIFO of 16
 * entries (FEN set in LCR_H) or a 1-entry holding register (FEN clear).
 * can_receive() reports the free space, so the backend never hands over
 * more than fits; when the guest frees space by reading DR, or enables the
 * receiver, chr_fe_accept_input() lets the backend go on. No byte is lost:
 * the rest waits in the kernel. Transmission is instantaneous: a byte
 * written to DR goes straight to the backend (chr_fe_write_all), even with
 * the UART or its transmitter disabled (logged once as a guest error until
 * CR changes), as QEMU does: an early console (Linux's earlycon) writes to
 * a UART that no firmware set up when a board boots a kernel directly. For
 * the same reason the backend gets whole bytes whatever LCR_H.WLEN says
 * (reset: 5 bits): a host terminal has no word length, only the receive
 * side (loopback, and bytes from the backend) is cut to WLEN bits.
 * With LBE (loopback) set, transmitted bytes go to the receive FIFO instead.
 *
 * Interrupts. RIS holds the raw status: RX when the receive FIFO reaches the
 * IFLS level (1 entry without FIFOs), RT (receive time-out) when data has
 * been waiting for 32 bit periods without new data (timed on the virtual
 * clock from IBRD/FBRD and UARTCLK), TX when the transmit FIFO empties to
 * the IFLS level or below (after every transmitted write, since sending
 * takes no time), BE for a break from the backend and OE for an overrun
 * (only possible in loopback mode). MIS = RIS & IMSC, and the one output
 * line is the combined UARTINTR: MIS != 0.
 *
 * Identification: PeriphID2 reports revision 1, the 16-entry-FIFO
 * PL011 (Linux sizes its FIFO from the revision: 32 entries from r1p5's
 * revision 3 on). Modem lines, IrDA, break transmission and framing/parity
 * errors are not modelled (a chardev carries only bytes); DMA is logged as
 * unimplemented.
 *
 * Registers are 32-bit; 8- and 16-bit accesses work (Linux uses 16-bit
 * accesses unless told the port is mmio32). Writes to the upper bytes of a
 * register are ignored: those bits are reserved.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "util/log.h"
#include "hw/char/pl011.h"
#include "chardev/char-fe.h"
#include "softmmu/memory.h"
#include "softmmu/timers.h"

#define PL011_FIFO_DEPTH    16
#define PL011_MMIO_SIZE     0x1000
#define PL011_DEFAULT_CLK   24000000    /* the virt board's apb-pclk */
#define PL011_DEFAULT_BAUD  115200      /* for the time-out before IBRD is set */

/* Register offsets (TRM 3.2) */
enum {
    R_DR = 0x000,
    R_RSR = 0x004,          /* read: RSR; write: ECR */
    R_FR = 0x018,
    R_ILPR = 0x020,
    R_IBRD = 0x024,
    R_FBRD = 0x028,
    R_LCR_H = 0x02c,
    R_CR = 0x030,
    R_IFLS = 0x034,
    R_IMSC = 0x038,
    R_RIS = 0x03c,
    R_MIS = 0x040,
    R_ICR = 0x044,
    R_DMACR = 0x048,
    R_ID_BASE = 0xfe0,      /* PeriphID0..3, PCellID0..3 */
};

/* Error bits of a received character: in DR bits 11:8, in RSR bits 3:0. */
#define DR_FE   (1u << 8)
#define DR_PE   (1u << 9)
#define DR_BE   (1u << 10)
#define DR_OE   (1u << 11)
#define RSR_OE  (1u << 3)

#define FR_BUSY (1u << 3)
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)

#define LCR_H_FEN       (1u << 4)
#define LCR_H_WLEN_SHIFT 5

#define CR_UARTEN   (1u << 0)
#define CR_LBE      (1u << 7)
#define CR_TXE      (1u << 8)
#define CR_RXE      (1u << 9)
#define CR_WRITABLE 0xff87u     /* bits 6:3 are reserved */

/* Interrupt bits of IMSC/RIS/MIS/ICR */
#define INT_RX  (1u << 4)
#define INT_TX  (1u << 5)
#define INT_RT  (1u << 6)
#define INT_FE  (1u << 7)
#define INT_PE  (1u << 8)
#define INT_BE  (1u << 9)
#define INT_OE  (1u << 10)
#define INT_ALL 0x7ffu

static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

/* IFLS level selects: 1/8, 1/4, 1/2, 3/4, 7/8 of the 16-entry FIFO. */
static const unsigned pl011_fifo_levels[5] = { 2, 4, 8, 12, 14 };

typedef struct PL011State {
    DeviceState parent;
    MemoryRegion iomem;
    CharBackend chr;            /* property "chardev" */
    IRQLine *irq;
    Clock *clk;
    Timer *rx_timeout;

    uint16_t rx_fifo[PL011_FIFO_DEPTH];     /* data | DR error bits */
    unsigned rx_head, rx_count;
    uint8_t tx_fifo[PL011_FIFO_DEPTH];
    unsigned tx_head, tx_count;

    uint32_t rsr;
    uint32_t ilpr, ibrd, fbrd, lcr_h, cr, ifls;
    uint32_t imsc, ris, dmacr;
    bool tx_disabled_logged;    /* "transmitter disabled" said once since CR last changed */
} PL011State;

#define PL011(dev) container_of(dev, PL011State, parent)

static unsigned pl011_depth(PL011State *s)
{
    return (s->lcr_h & LCR_H_FEN) ? PL011_FIFO_DEPTH : 1;
}

static unsigned pl011_ifls_level(unsigned sel)
{
    return sel < ARRAY_SIZE(pl011_fifo_levels) ? pl011_fifo_levels[sel] : 8;
}

/* RX interrupt at this many entries or more. */
static unsigned pl011_rx_trigger(PL011State *s)
{
    return (s->lcr_h & LCR_H_FEN) ? pl011_ifls_level((s->ifls >> 3) & 7) : 1;
}

/* TX interrupt at this many entries or fewer. */
static unsigned pl011_tx_trigger(PL011State *s)
{
    return (s->lcr_h & LCR_H_FEN) ? pl011_ifls_level(s->ifls & 7) : 0;
}

static bool pl011_rx_enabled(PL011State *s)
{
    return (s->cr & (CR_UARTEN | CR_RXE)) == (CR_UARTEN | CR_RXE);
}

static bool pl011_tx_enabled(PL011State *s)
{
    return (s->cr & (CR_UARTEN | CR_TXE)) == (CR_UARTEN | CR_TXE);
}

static uint8_t pl011_word_mask(PL011State *s)
{
    unsigned bits = 5 + ((s->lcr_h >> LCR_H_WLEN_SHIFT) & 3);

    return (1u << bits) - 1;
}

static void pl011_update_irq(PL011State *s)
{
    irq_set(s->irq, (s->ris & s->imsc) != 0);
}

/* 32 bit periods at the programmed baud rate (TRM: receive time-out). */
static int64_t pl011_timeout_ns(PL011State *s)
{
    uint64_t hz = clock_get_hz(s->clk);
    uint64_t div64 = (uint64_t)s->ibrd * 64 + s->fbrd;  /* divisor in 1/64 */

    if (hz == 0) {
        hz = PL011_DEFAULT_CLK;
    }
    if (s->ibrd == 0) {
        return 32 * 1000000000LL / PL011_DEFAULT_BAUD;
    }
    /* bit = 16 * (div64 / 64) / hz seconds; 32 bits = 8 * div64 / hz */
    return (int64_t)(8 * 1000000000ULL * div64 / hz);
}

static void pl011_arm_timeout(PL011State *s)
{
    timer_mod_ns(s->rx_timeout, time_now_ns(TIME_VIRTUAL) + pl011_timeout_ns(s));
}

static void pl011_rx_timeout(void *opaque)
{
    PL011State *s = opaque;

    if (s->rx_count > 0) {
        s->ris |= INT_RT;
        pl011_update_irq(s);
    }
}

/* A character (with error bits) arrives at the receiver. */
static void pl011_rx_push(PL011State *s, uint16_t entry)
{
    if (s->rx_count >= pl011_depth(s)) {
        /* The shift register is overwritten; the FIFO keeps its contents. */
        s->rsr |= RSR_OE;
        s->ris |= INT_OE;
        s->rx_fifo[(s->rx_head + s->rx_count - 1) % PL011_FIFO_DEPTH] |= DR_OE;
        return;
    }
    s->rx_fifo[(s->rx_head + s->rx_count) % PL011_FIFO_DEPTH] = entry;
    s->rx_count++;
    if (s->rx_count >= pl011_rx_trigger(s)) {
        s->ris |= INT_RX;
    }
    if (entry & DR_BE) {
        s->ris |= INT_BE;
    }
    pl011_arm_timeout(s);
}

static int pl011_can_receive(void *opaque)
{
    PL011State *s = opaque;
    unsigned depth = pl011_depth(s);

    if (!pl011_rx_enabled(s) || s->rx_count >= depth) {
        return 0;
    }
    return depth - s->rx_count;
}

static void pl011_receive(void *opaque, const uint8_t *buf, int size)
{
    PL011State *s = opaque;

    for (int i = 0; i < size; i++) {
        pl011_rx_push(s, buf[i] & pl011_word_mask(s));
    }
    pl011_update_irq(s);
}

static void pl011_event(void *opaque, ChrEvent event)
{
    PL011State *s = opaque;

    if (event == CHR_EVENT_BREAK && pl011_rx_enabled(s)) {
        pl011_rx_push(s, DR_BE);
        pl011_update_irq(s);
    }
}

/*
 * Sends what waits in the transmit FIFO. A disabled transmitter sends too:
 * early consoles (Linux earlycon on a -kernel boot) write DR before anyone
 * sets UARTEN, and QEMU's PL011 transmits then, so guests expect it.
 */
static void pl011_tx_drain(PL011State *s)
{
    uint8_t buf[PL011_FIFO_DEPTH];
    unsigned n = s->tx_count;

    if (n == 0) {
        return;
    }
    for (unsigned i = 0; i < n; i++) {
        buf[i] = s->tx_fifo[(s->tx_head + i) % PL011_FIFO_DEPTH];
    }
    s->tx_head = 0;
    s->tx_count = 0;
    if (s->cr & CR_LBE) {
        if (pl011_rx_enabled(s)) {
            for (unsigned i = 0; i < n; i++) {
                pl011_rx_push(s, buf[i] & pl011_word_mask(s));
            }
        }
    } else {
        /* A backend that fails for good (disk full) loses output, as a cut wire would. */
        chr_fe_write_all(&s->chr, buf, n);
    }
    /* The FIFO just fell to empty, at or below any level. */
    s->ris |= INT_TX;
}

static void pl011_write_dr(PL011State *s, uint8_t byte)
{
    if (s->tx_count >= pl011_depth(s)) {
        log_mask(log_guest_errors, "pl011: write to DR with the transmit FIFO full: "
                 "0x%02x dropped\n", byte);
        return;
    }
    if (!pl011_tx_enabled(s) && !s->tx_disabled_logged) {
        /* Often an early console writing before anyone enabled the UART. */
        log_mask(log_guest_errors, "pl011: write to DR with the transmitter disabled "
                 "(CR 0x%04x): sent anyway (said once until CR changes)\n", s->cr);
        s->tx_disabled_logged = true;
    }
    s->tx_fifo[(s->tx_head + s->tx_count) % PL011_FIFO_DEPTH] = byte;
    s->tx_count++;
    if (s->tx_count > pl011_tx_trigger(s)) {
        s->ris &= ~INT_TX;
    }
    pl011_tx_drain(s);
}

static uint32_t pl011_read_dr(PL011State *s)
{
    uint16_t entry;

    if (s->rx_count == 0) {
        return 0;
    }
    entry = s->rx_fifo[s->rx_head];
    s->rx_head = (s->rx_head + 1) % PL011_FIFO_DEPTH;
    s->rx_count--;
    /* RSR: the errors of the character just read; overrun stays until ECR. */
    s->rsr = ((entry >> 8) & 0x7) | (s->rsr & RSR_OE) | ((entry & DR_OE) ? RSR_OE : 0);
    if (s->rx_count < pl011_rx_trigger(s)) {
        s->ris &= ~INT_RX;
    }
    if (s->rx_count == 0) {
        s->ris &= ~INT_RT;
        timer_del(s->rx_timeout);
    } else {
        /* What is left raises RT in its turn if nobody reads it. */
        pl011_arm_timeout(s);
    }
    if (pl011_rx_enabled(s)) {
        chr_fe_accept_input(&s->chr);
    }
    return entry;
}

static uint32_t pl011_read_fr(PL011State *s)
{
    unsigned depth = pl011_depth(s);
    uint32_t fr = 0;

    fr |= s->rx_count == 0 ? FR_RXFE : 0;
    fr |= s->rx_count >= depth ? FR_RXFF : 0;
    fr |= s->tx_count == 0 ? FR_TXFE : 0;
    fr |= s->tx_count >= depth ? FR_TXFF : 0;
    fr |= s->tx_count > 0 ? FR_BUSY : 0;
    return fr;
}

static uint32_t pl011_reg_read(PL011State *s, hwaddr offset)
{
    switch (offset) {
    case R_DR:
        return pl011_read_dr(s);
    case R_RSR:
        return s->rsr;
    case R_FR:
        return pl011_read_fr(s);
    case R_ILPR:
        return s->ilpr;
    case R_IBRD:
        return s->ibrd;
    case R_FBRD:
        return s->fbrd;
    case R_LCR_H:
        return s->lcr_h;
    case R_CR:
        return s->cr;
    case R_IFLS:
        return s->ifls;
    case R_IMSC:
        return s->imsc;
    case R_RIS:
        return s->ris;
    case R_MIS:
        return s->ris & s->imsc;
    case R_DMACR:
        return s->dmacr;
    case R_ID_BASE ... R_ID_BASE + 0x1c:
        return pl011_id[(offset - R_ID_BASE) / 4];
    case R_ICR:
        log_mask(log_guest_errors, "pl011: read of the write-only ICR\n");
        return 0;
    default:
        log_mask(log_guest_errors, "pl011: read of bad offset 0x%03" PRIx64 "\n",
                 (uint64_t)offset);
        return 0;
    }
}

static void pl011_write_cr(PL011State *s, uint32_t value)
{
    bool rx_was_enabled = pl011_rx_enabled(s);

    s->cr = value & CR_WRITABLE;
    s->tx_disabled_logged = false;
    pl011_tx_drain(s);
    if (pl011_rx_enabled(s) && !rx_was_enabled) {
        chr_fe_accept_input(&s->chr);
    }
}

static void pl011_write_lcr_h(PL011State *s, uint32_t value)
{
    bool fifo_was_on = s->lcr_h & LCR_H_FEN;

    /*
     * Turning the FIFOs off keeps what they hold (no byte is lost): the
     * guest reads it out before the 1-entry holding register takes more.
     */
    s->lcr_h = value & 0xff;
    if ((s->lcr_h & LCR_H_FEN) && !fifo_was_on && pl011_rx_enabled(s)) {
        chr_fe_accept_input(&s->chr);
    }
}

static void pl011_reg_write(PL011State *s, hwaddr offset, uint32_t value)
{
    switch (offset) {
    case R_DR:
        pl011_write_dr(s, value & 0xff);
        break;
    case R_RSR:                 /* ECR: any write clears the error status */
        s->rsr = 0;
        break;
    case R_ILPR:
        s->ilpr = value & 0xff;
        break;
    case R_IBRD:
        s->ibrd = value & 0xffff;
        break;
    case R_FBRD:
        s->fbrd = value & 0x3f;
        break;
    case R_LCR_H:
        pl011_write_lcr_h(s, value);
        break;
    case R_CR:
        pl011_write_cr(s, value);
        break;
    case R_IFLS:
        if ((value & 7) > 4 || ((value >> 3) & 7) > 4) {
            log_mask(log_guest_errors, "pl011: reserved IFLS level 0x%02x (taken as 1/2)\n",
                     value & 0x3f);
        }
        s->ifls = value & 0x3f;
        break;
    case R_IMSC:
        s->imsc = value & INT_ALL;
        break;
    case R_ICR:
        s->ris &= ~value;
        break;
    case R_DMACR:
        if (value & 7) {
            log_mask(log_unimp, "pl011: DMA (DMACR 0x%x) is not implemented\n", value & 7);
        }
        s->dmacr = value & 7;
        break;
    case R_FR:
    case R_RIS:
    case R_MIS:
    case R_ID_BASE ... R_ID_BASE + 0x1c:
        log_mask(log_guest_errors, "pl011: write to read-only offset 0x%03" PRIx64 "\n",
                 (uint64_t)offset);
        return;
    default:
        log_mask(log_guest_errors, "pl011: write to bad offset 0x%03" PRIx64 "\n",
                 (uint64_t)offset);
        return;
    }
    pl011_update_irq(s);
}

static uint64_t pl011_read(void *opaque, hwaddr addr, unsigned size)
{
    PL011State *s = opaque;
    uint32_t value = pl011_reg_read(s, addr & ~(hwaddr)3);

    value >>= (addr & 3) * 8;
    pl011_update_irq(s);
    return size == 4 ? value : value & ((1u << (size * 8)) - 1);
}

static void pl011_write(void *opaque, hwaddr addr, uint64_t value, unsigned size)
{
    PL011State *s = opaque;

    if (addr & 3) {
        log_mask(log_guest_errors, "pl011: %u-byte write to reserved bits at 0x%03" PRIx64
                 " ignored\n", size, (uint64_t)addr);
        return;
    }
    pl011_reg_write(s, addr, value);
}

static const MemoryRegionOps pl011_ops = {
    .read = pl011_read,
    .write = pl011_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static void pl011_instance_init(DeviceState *dev)
{
    PL011State *s = PL011(dev);

    s->clk = device_init_clock_in(dev, "clk", NULL, NULL);
}

static bool pl011_realize(DeviceState *dev, Error **errp)
{
    PL011State *s = PL011(dev);

    memory_region_init_io(&s->iomem, &pl011_ops, s, "pl011", PL011_MMIO_SIZE);
    device_init_mmio(dev, &s->iomem);
    device_init_irq(dev, &s->irq);
    s->rx_timeout = timer_new_ns(TIME_VIRTUAL, pl011_rx_timeout, s);
    chr_fe_set_handlers(&s->chr, pl011_can_receive, pl011_receive, pl011_event, s);
    return true;
}

/* The board unmaps the region before it destroys the device. */
static void pl011_unrealize(DeviceState *dev)
{
    PL011State *s = PL011(dev);

    chr_fe_set_handlers(&s->chr, NULL, NULL, NULL, NULL);
    timer_free(s->rx_timeout);
    s->rx_timeout = NULL;
    memory_region_finalize(&s->iomem);
}

/* Power-on values: TRM 3.3 (CR 0x300: TXE and RXE set, UARTEN clear). */
static void pl011_reset(DeviceState *dev)
{
    PL011State *s = PL011(dev);

    s->rx_head = s->rx_count = 0;
    s->tx_head = s->tx_count = 0;
    s->rsr = 0;
    s->ilpr = s->ibrd = s->fbrd = 0;
    s->lcr_h = 0;
    s->cr = CR_RXE | CR_TXE;
    s->tx_disabled_logged = false;
    s->ifls = 0x12;
    s->imsc = s->ris = 0;
    s->dmacr = 0;
    timer_del(s->rx_timeout);
    pl011_update_irq(s);
}

static const Property pl011_props[] = {
    DEFINE_PROP_CHR("chardev", PL011State, chr, "character device for the serial line"),
    DEFINE_PROP_END,
};

const DeviceClass pl011_class = {
    .name = "pl011",
    .desc = "ARM PrimeCell PL011 UART",
    .category = DEVICE_CATEGORY_CHAR,
    .instance_size = sizeof(PL011State),
    .props = pl011_props,
    .user_creatable = false,
    .instance_init = pl011_instance_init,
    .realize = pl011_realize,
    .unrealize = pl011_unrealize,
    .reset = pl011_reset,
};
