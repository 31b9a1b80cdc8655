/*
 * ARM PrimeCell GPIO (PL061): see hw/gpio/pl061.c.
 *
 * Board wiring: MMIO region 0 (4 KiB), IRQ 0 (GPIOINTR, the combined
 * interrupt), GPIO inputs 0..7 (the pins as driven from outside), GPIO
 * outputs 0..7 (the pins the guest drives: DATA & DIR).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_GPIO_PL061_H
#define HW_GPIO_PL061_H

#include "hw/core/qdev.h"

#define PL061_NUM_PINS 8

extern const DeviceClass pl061_class;

#endif
