/*
 * ARM PrimeCell real-time clock (PL031): see hw/rtc/pl031.c.
 *
 * Board wiring: MMIO region 0 (4 KiB), IRQ 0 (RTCINTR).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_RTC_PL031_H
#define HW_RTC_PL031_H

#include "hw/core/qdev.h"

extern const DeviceClass pl031_class;

#endif
