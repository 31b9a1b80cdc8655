/*
 * Every device class Koine has, declared once.
 *
 * Adding a device: declare its class here, list it in device-list.c, and
 * include this header in the device's file so the definition is checked
 * against the declaration. (A device whose header boards include anyway,
 * such as hw/misc/loader.h, declares its class there instead.) Boards take classes from here (&pl011_class) when
 * they build a fixed device; -device finds them by name in the table.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CORE_DEVICE_LIST_H
#define HW_CORE_DEVICE_LIST_H

#include "hw/core/qdev.h"

/* hw/core/or-irq.c: OR of num-lines inputs into one output. */
extern const DeviceClass or_irq_class;
/* hw/core/split-irq.c: one input copied to num-lines outputs. */
extern const DeviceClass split_irq_class;

#endif
