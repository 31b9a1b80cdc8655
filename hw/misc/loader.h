/*
 * `-device loader`: see hw/misc/loader.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_MISC_LOADER_H
#define HW_MISC_LOADER_H

#include "hw/core/qdev.h"

extern const DeviceClass loader_class;

#endif
