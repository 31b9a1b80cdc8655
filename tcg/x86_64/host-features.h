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
/*
 * Vector code for gvec ops (codegen-vec.c). SSE2 is part of x86-64, so
 * HOST_SSE2 is always detected: turning it off ("none") makes the builder
 * expand every gvec op into integer IR, which is how tests reach that path.
 */
#define HOST_SSE2    0x20
#define HOST_SSSE3   0x40   /* pabsb/w/d, pshufb */
#define HOST_SSE41   0x80   /* pmulld, pminsb/sd, pminuw/ud, pmaxsb/sd ..., pcmpeqq */
#define HOST_SSE42   0x100  /* pcmpgtq */
#define HOST_AVX2    0x200  /* 32-byte operations in ymm registers (with OS support) */
#define HOST_ALL     0x3ff

/* What cpuid reports (detected on first use). */
unsigned tcg_native_host_detected(void);
/*
 * Limits the features code generation uses to mask & detected; affects
 * TBs generated afterwards. The environment variable KOINE_TCG_FEATURES
 * ("none", or a comma list of bmi1,bmi2,lzcnt,popcnt,movbe,sse2,ssse3,
 * sse4.1,sse4.2,avx2) sets the initial mask when the backend initializes;
 * unset, everything detected is used. Vector features beyond SSE2 are
 * only used with sse2 on.
 */
void tcg_native_set_features(unsigned mask);
/* The features code generation uses now. */
unsigned tcg_native_features(void);

/* For the backend: reads KOINE_TCG_FEATURES. */
void tcg_native_features_init(void);

/*
 * Whether the native backend has a host instruction sequence for the gvec
 * op opc (tcg/gvec.h) with this element size, operation size and imm (a
 * gvec_cmp's condition) under the features in use now: the builder
 * (tcg-op-gvec.c) emits the op when true, its integer expansion when
 * false. Implemented by codegen-vec.c.
 */
bool tcg_native_gvec_supported(unsigned opc, unsigned vece, uint32_t oprsz, unsigned imm);

#endif
