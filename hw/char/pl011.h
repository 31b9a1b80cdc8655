/*
 * ARM PrimeCell UART (PL011): see hw/char/pl011.c.
 *
 * Board wiring: MMIO region 0 (4 KiB), IRQ 0 (the combined UARTINTR line),
 * property "chardev", optional input clock "clk" (UARTCLK; 24 MHz when
 * unconnected, only used to time the receive time-out).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CHAR_PL011_H
#define HW_CHAR_PL011_H

#include "hw/core/qdev.h"

extern const DeviceClass pl011_class;

#endif
