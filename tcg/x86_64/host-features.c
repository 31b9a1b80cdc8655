/*
 * Host feature detection for the native backend (see host-features.h).
 *
 * The active mask is a plain global read at code generation time: it only
 * changes between translations (tests, start-up), never while a TB is
 * being generated.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "tcg/x86_64/host-features.h"

#include <cpuid.h>

static unsigned detected;
static bool detected_valid;
static unsigned active;

/* The OS saves and restores the ymm registers (XCR0 has the SSE and AVX state bits). */
static bool os_saves_ymm(unsigned cpuid1_ecx)
{
    uint32_t lo, hi;

    if (!(cpuid1_ecx & bit_OSXSAVE) || !(cpuid1_ecx & bit_AVX)) {
        return false;
    }
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 6) == 6;
}

unsigned tcg_native_host_detected(void)
{
    unsigned eax, ebx, ecx, edx;
    bool ymm = false;

    if (detected_valid) {
        return detected;
    }
    detected = HOST_SSE2;       /* part of x86-64 */
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        detected |= (ecx & bit_POPCNT) ? HOST_POPCNT : 0;
        detected |= (ecx & bit_MOVBE) ? HOST_MOVBE : 0;
        detected |= (ecx & bit_SSSE3) ? HOST_SSSE3 : 0;
        detected |= (ecx & bit_SSE4_1) ? HOST_SSE41 : 0;
        detected |= (ecx & bit_SSE4_2) ? HOST_SSE42 : 0;
        ymm = os_saves_ymm(ecx);
    }
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        detected |= (ebx & bit_BMI) ? HOST_BMI1 : 0;
        detected |= (ebx & bit_BMI2) ? HOST_BMI2 : 0;
        detected |= (ymm && (ebx & bit_AVX2)) ? HOST_AVX2 : 0;
    }
    if (__get_cpuid(0x80000001, &eax, &ebx, &ecx, &edx)) {
        detected |= (ecx & bit_LZCNT) ? HOST_LZCNT : 0;
    }
    detected_valid = true;
    return detected;
}

void tcg_native_set_features(unsigned mask)
{
    active = mask & tcg_native_host_detected();
}

unsigned tcg_native_features(void)
{
    return active;
}

void tcg_native_features_init(void)
{
    static const struct { const char *name; unsigned bit; } names[] = {
        { "bmi1", HOST_BMI1 }, { "bmi2", HOST_BMI2 }, { "lzcnt", HOST_LZCNT },
        { "popcnt", HOST_POPCNT }, { "movbe", HOST_MOVBE },
        { "sse2", HOST_SSE2 }, { "ssse3", HOST_SSSE3 }, { "sse4.1", HOST_SSE41 },
        { "sse4.2", HOST_SSE42 }, { "avx2", HOST_AVX2 },
    };
    const char *env = getenv("KOINE_TCG_FEATURES");
    unsigned mask = HOST_ALL;

    if (env) {
        g_auto(GStrv) parts = g_strsplit(env, ",", -1);

        mask = 0;
        for (char **p = parts; *p; p++) {
            for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
                if (!strcmp(*p, names[i].name)) {
                    mask |= names[i].bit;
                }
            }
        }
    }
    tcg_native_set_features(mask);
}
