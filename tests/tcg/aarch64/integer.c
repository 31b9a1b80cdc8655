/*
 * Integer instructions as a compiler uses them: arithmetic, shifts, bit
 * fields, division, high multiplies, conditional selects, loads and stores
 * of every size, recursion on the stack, CRC32. Self-checking: the exit
 * status is the number of failures.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "semihost.h"

static volatile uint64_t vol[8] = { 1, 0xffffffffffffffffULL, 0x8000000000000000ULL, 12345,
                                    0x7fffffff, 0x80000000, 3, 0xfedcba9876543210ULL };

/* The edge cases of SDIV/UDIV are undefined in C: ask for the instructions. */
static uint64_t sdiv(uint64_t a, uint64_t b)
{
    uint64_t r;

    __asm__("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

static uint64_t udiv(uint64_t a, uint64_t b)
{
    uint64_t r;

    __asm__("udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

static uint64_t fib(uint64_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint32_t crc32c_sw(uint32_t crc, const uint8_t *p, int n)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) {
            crc = crc & 1 ? (crc >> 1) ^ 0x82f63b78 : crc >> 1;
        }
    }
    return ~crc;
}

static uint32_t crc32c_hw(uint32_t crc, const uint8_t *p, int n)
{
    crc = ~crc;
    while (n--) {
        __asm__("crc32cb %w0, %w0, %w1" : "+r"(crc) : "r"((uint32_t)*p++));
    }
    return ~crc;
}

int main(void)
{
    uint64_t a = vol[3], b = vol[6], m1 = vol[1], min = vol[2];
    int64_t sa = (int64_t)vol[1];
    uint8_t bytes[64];
    uint16_t halves[8];

    CHECK_EQ(a + b, 12348);
    CHECK_EQ(a * b, 37035);
    CHECK_EQ(a / b, 4115);
    CHECK_EQ(a % b, 0);
    CHECK_EQ(sdiv(min, m1), min);                          /* MIN / -1 gives MIN */
    CHECK_EQ(udiv(a, b - 3), 0);                           /* division by zero gives 0 */
    CHECK_EQ(sdiv(a, b - 3), 0);
    CHECK_EQ((uint64_t)(sa >> 3), m1);
    CHECK_EQ(m1 >> 60, 15);
    CHECK_EQ((uint64_t)(((unsigned __int128)vol[7] * vol[7]) >> 64), 0xfdbac097c8dc5accULL);
    CHECK_EQ((uint64_t)(((__int128)(int64_t)vol[7] * (int64_t)vol[3]) >> 64), 0xffffffffffffffc9ULL);
    CHECK_EQ(__builtin_clzll(vol[3]), 50);
    CHECK_EQ(__builtin_ctzll(vol[2]), 63);
    CHECK_EQ(__builtin_bswap64(vol[7]), 0x1032547698badcfeULL);
    CHECK_EQ((uint32_t)vol[4] + 1, 0x80000000u);
    CHECK_EQ((uint64_t)(int32_t)vol[5], 0xffffffff80000000ULL);
    CHECK_EQ(a > b ? a : b, a);
    CHECK_EQ((vol[7] >> 12) & 0xfff, 0x543);
    CHECK_EQ(fib(20), 6765);

    for (int i = 0; i < 64; i++) {
        bytes[i] = (uint8_t)(i * 7 + 3);
    }
    for (int i = 0; i < 8; i++) {
        halves[i] = (uint16_t)(0x8000 + i);
    }
    CHECK_EQ((uint64_t)(int16_t)halves[3], 0xffffffffffff8003ULL);
    CHECK_EQ(crc32c_hw(0, bytes, 64), crc32c_sw(0, bytes, 64));
    CHECK_EQ(crc32c_sw(0, (const uint8_t *)"123456789", 9), 0xe3069283);

    if (check_failures == 0) {
        semi_puts("integer: PASS\n");
    }
    return check_failures;
}
