/*
 * Parsing the small values users type: sizes, numbers, on/off switches.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef UTIL_CUTILS_H
#define UTIL_CUTILS_H

#include "util/osdep.h"
#include "util/error.h"

/*
 * A size with an optional binary suffix: K, M, G, T, P, E (KiB...EiB; a
 * trailing "B" or "iB" is accepted too), or B for bytes. A number without a
 * suffix is in units of default_unit (1 for bytes, MiB for "-m 512").
 * Fractions are allowed with a suffix ("1.5G"). The message names the text
 * but not the option: callers prepend that.
 */
bool parse_size(const char *str, uint64_t default_unit, uint64_t *result,
                Error **errp);

/*
 * An unsigned integer: decimal or 0x hex, the whole string. No octal:
 * "010" is ten, as users expect.
 */
bool parse_uint64(const char *str, uint64_t *result, Error **errp);

/*
 * The digits parser under parse_uint64(), for callers that tell a syntax
 * error (false) from a value too large for 64 bits (true with *overflow set).
 */
bool parse_uint64_digits(const char *str, uint64_t *result, bool *overflow);

/* on/off, yes/no, true/false, y/n (QEMU accepts these spellings). */
bool parse_bool(const char *str, bool *result, Error **errp);

/* Formats a size compactly for messages: "512 MiB", "4 KiB", "1000 B". */
char *size_to_str(uint64_t size);

#endif
