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

unsigned tcg_native_host_detected(void)
{
    unsigned eax, ebx, ecx, edx;

    if (detected_valid) {
        return detected;
    }
    detected = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        detected |= (ecx & bit_POPCNT) ? HOST_POPCNT : 0;
        detected |= (ecx & bit_MOVBE) ? HOST_MOVBE : 0;
    }
    if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
        detected |= (ebx & bit_BMI) ? HOST_BMI1 : 0;
        detected |= (ebx & bit_BMI2) ? HOST_BMI2 : 0;
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
