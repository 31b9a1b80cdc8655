/*
 * Optional x86-64 instructions the native backend uses when the host has
 * them: detected once with cpuid, and restrictable so tests can run the
 * fallback code paths on a host that has everything.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef TCG_X86_64_HOST_FEATURES_H
#define TCG_X86_64_HOST_FEATURES_H

#include "util/osdep.h"

#define HOST_BMI1    0x01   /* andn, tzcnt */
#define HOST_BMI2    0x02   /* shlx, shrx, sarx, rorx */
#define HOST_LZCNT   0x04
#define HOST_POPCNT  0x08
#define HOST_MOVBE   0x10
#define HOST_ALL     0x1f

/* What cpuid reports (detected on first use). */
unsigned tcg_native_host_detected(void);
/*
 * Limits the features code generation uses to mask & detected; affects
 * TBs generated afterwards. The environment variable KOINE_TCG_FEATURES
 * ("none", or a comma list of bmi1,bmi2,lzcnt,popcnt,movbe) sets the
 * initial mask when the backend initializes.
 */
void tcg_native_set_features(unsigned mask);
/* The features code generation uses now. */
unsigned tcg_native_features(void);

/* For the backend: reads KOINE_TCG_FEATURES. */
void tcg_native_features_init(void);

#endif
