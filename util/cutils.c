/*
 * Parsing the small values users type: see util/cutils.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/cutils.h"

#include <math.h>

static int suffix_shift(char c)
{
    switch (g_ascii_toupper(c)) {
    case 'B': return 0;
    case 'K': return 10;
    case 'M': return 20;
    case 'G': return 30;
    case 'T': return 40;
    case 'P': return 50;
    case 'E': return 60;
    default:  return -1;
    }
}

bool parse_size(const char *str, uint64_t default_unit, uint64_t *result,
                Error **errp)
{
    const char *p = str;
    uint64_t whole = 0;
    double frac = 0;
    bool has_digits = false, has_frac = false;
    uint64_t unit = default_unit;

    if (!str || !*str) {
        error_setg(errp, "empty size");
        return false;
    }
    /* Whole part: digits only (no sign, no hex: sizes are decimal). */
    for (; g_ascii_isdigit(*p); p++) {
        has_digits = true;
        if (whole > (UINT64_MAX - 9) / 10) {
            error_setg(errp, "size '%s' is too large", str);
            return false;
        }
        whole = whole * 10 + (*p - '0');
    }
    if (*p == '.') {
        double scale = 0.1;
        p++;
        for (; g_ascii_isdigit(*p); p++) {
            has_frac = true;
            frac += (*p - '0') * scale;
            scale /= 10;
        }
    }
    if (!has_digits && !has_frac) {
        error_setg(errp, "invalid size '%s'", str);
        return false;
    }
    if (*p) {
        int shift = suffix_shift(*p);

        if (shift < 0) {
            error_setg(errp, "invalid size '%s' (suffixes: B, K, M, G, T, P, E)",
                       str);
            return false;
        }
        unit = 1ULL << shift;
        p++;
        /* "KB", "KiB", "MB", "MiB" all mean binary units, as in QEMU. */
        if (shift && (g_ascii_strcasecmp(p, "iB") == 0 ||
                      g_ascii_strcasecmp(p, "B") == 0)) {
            p += strlen(p);
        }
        if (*p) {
            error_setg(errp, "invalid size '%s' (suffixes: B, K, M, G, T, P, E)",
                       str);
            return false;
        }
    }
    if (has_frac && unit == 1) {
        error_setg(errp, "invalid size '%s': fractional bytes", str);
        return false;
    }
    if (whole > UINT64_MAX / unit) {
        error_setg(errp, "size '%s' is too large", str);
        return false;
    }
    *result = whole * unit + (uint64_t)llround(frac * (double)unit);
    return true;
}

bool parse_uint64_digits(const char *str, uint64_t *result, bool *overflow)
{
    unsigned base = 10;
    uint64_t value = 0;
    const char *p = str;

    *overflow = false;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    }
    if (!*p) {
        return false;
    }
    for (; *p; p++) {
        int digit = g_ascii_xdigit_value(*p);

        if (digit < 0 || (unsigned)digit >= base) {
            return false;
        }
        if (value > (UINT64_MAX - digit) / base) {
            *overflow = true;
        }
        value = value * base + digit;
    }
    *result = value;
    return true;
}

bool parse_uint64(const char *str, uint64_t *result, Error **errp)
{
    bool overflow;

    if (!str || !parse_uint64_digits(str, result, &overflow)) {
        error_setg(errp, "invalid number '%s'", str ? str : "");
        return false;
    }
    if (overflow) {
        error_setg(errp, "number '%s' is too large", str);
        return false;
    }
    return true;
}

bool parse_bool(const char *str, bool *result, Error **errp)
{
    static const char *const yes[] = { "on", "yes", "true", "y" };
    static const char *const no[] = { "off", "no", "false", "n" };

    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (str && g_ascii_strcasecmp(str, yes[i]) == 0) {
            *result = true;
            return true;
        }
        if (str && g_ascii_strcasecmp(str, no[i]) == 0) {
            *result = false;
            return true;
        }
    }
    error_setg(errp, "invalid value '%s' (expected on or off)", str ? str : "");
    return false;
}

char *size_to_str(uint64_t size)
{
    static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    unsigned i = 0;

    while (i + 1 < ARRAY_SIZE(units) && size >= 1024 && size % 1024 == 0) {
        size /= 1024;
        i++;
    }
    return g_strdup_printf("%" PRIu64 " %s", size, units[i]);
}
