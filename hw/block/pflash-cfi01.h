/*
 * pflash-cfi01: Intel/Sharp command set parallel NOR flash (CFI), as the
 * two flash banks of arm virt. See hw/block/pflash-cfi01.c.
 *
 * A board creates it like any device and maps region 0:
 *
 *     DeviceState *fl = device_new(&pflash_cfi01_class);
 *     device_set_prop_u64(fl, "sector-length", 256 * KiB, &error_abort);
 *     device_set_prop_u64(fl, "size", 64 * MiB, &error_abort);
 *     device_set_prop_u32(fl, "width", 4, &error_abort);
 *     device_set_prop_u32(fl, "device-width", 2, &error_abort);
 *     device_set_prop_str(fl, "drive", path, &error_abort);   // optional
 *     device_realize(fl, NULL, errp);
 *     device_mmio_map(fl, 0, 0);
 *
 * Firmware images go in with address_space_write_rom() like any ROM.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_BLOCK_PFLASH_CFI01_H
#define HW_BLOCK_PFLASH_CFI01_H

#include "hw/core/qdev.h"

extern const DeviceClass pflash_cfi01_class;

/* Status register bits (Intel StrataFlash/P30 datasheets). */
#define PFLASH_SR_READY             0x80    /* write state machine ready */
#define PFLASH_SR_ERASE_SUSPENDED   0x40
#define PFLASH_SR_ERASE_ERROR       0x20    /* also: bad command sequence */
#define PFLASH_SR_PROGRAM_ERROR     0x10    /* also: bad command sequence */
#define PFLASH_SR_VPP_LOW           0x08
#define PFLASH_SR_PROGRAM_SUSPENDED 0x04
#define PFLASH_SR_LOCKED            0x02    /* the operation hit a locked block */

#endif
