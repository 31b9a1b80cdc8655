/*
 * A64 AdvSIMD shifts by immediate (vector and scalar, narrowing, widening,
 * fixed-point conversions) on both backends, through the A64 harness.
 *
 * Most of it is one table: an instruction, which operands V0 (the
 * destination, for the accumulating, inserting and "2" forms), V1 and V2
 * hold before it, and V0 and FPSR (QC, the FP flags) after it. Each
 * instruction runs on several inputs: ordinary values, the signed and
 * unsigned extremes of every element size (saturation, rounding carries),
 * and the shift amounts at both ends of their range. The expected values
 * were produced by running each line on Debian's qemu-aarch64 -cpu max (a
 * generator program storing V0 and MRS FPSR after each), and spot-checked
 * by hand against the ARM ARM pseudocode (e.g. SSHR #3 of 0xef is 0xfd,
 * SQSHRN of 0x8000 by 1 saturates to 0x80 with QC). 64-bit vector forms
 * check that bits 127:64 are cleared, "2" forms that the low half is kept.
 *
 * Besides the table: the reserved encodings of the group (UNDEFINED),
 * the FP/AdvSIMD access trap, and Vd = Vn for the forms the translator
 * expands inline.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-vec-cases.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/tb.h"

static const VecCase shift_cases[] = {
    { "sshr v0.16b, v1.16b, #3", IN_AB, { 0x0004080cf1f5f9fd, 0xfffbf7f30e0a0602 }, 0x0 },
    { "sshr v0.16b, v1.16b, #3", IN_BA, { 0xf0000fff0ffff000, 0x0ff0ff0000fff00f }, 0x0 },
    { "sshr v0.16b, v1.16b, #3", IN_CC, { 0xf0000000f0000000, 0x0ffffffff0000000 }, 0x0 },
    { "sshr v0.8b, v1.8b, #8", IN_AB, { 0x00000000ffffffff, 0x0000000000000000 }, 0x0 },
    { "sshr v0.8b, v1.8b, #8", IN_BA, { 0xff0000ff00ffff00, 0x0000000000000000 }, 0x0 },
    { "ushr v0.8h, v1.8h, #16", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "ushr v0.8h, v1.8h, #16", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "ushr v0.4s, v1.4s, #1", IN_AB, { 0x0091a2b344d5e6f7, 0x7f6e5d4c3b2a1908 }, 0x0 },
    { "ushr v0.4s, v1.4s, #1", IN_BA, { 0x40003fff3fffc000, 0x3fc07f80007fc03f }, 0x0 },
    { "ushr v0.4s, v1.4s, #1", IN_CC, { 0x4000000040000000, 0x3fffffff40000000 }, 0x0 },
    { "sshr v0.2d, v1.2d, #64", IN_AB, { 0x0000000000000000, 0xffffffffffffffff }, 0x0 },
    { "sshr v0.2d, v1.2d, #64", IN_BA, { 0xffffffffffffffff, 0x0000000000000000 }, 0x0 },
    { "sshr v0.4h, v1.4h, #9", IN_AB, { 0x00000022ffc4ffe6, 0x0000000000000000 }, 0x0 },
    { "sshr v0.4h, v1.4h, #9", IN_BA, { 0xffc0003f003fffc0, 0x0000000000000000 }, 0x0 },
    { "ushr v0.2d, v1.2d, #13", IN_AB, { 0x0000091a2b3c4d5e, 0x0007f6e5d4c3b2a1 }, 0x0 },
    { "ushr d0, d1, #64", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "ushr d0, d1, #64", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "sshr d0, d1, #7", IN_AB, { 0x0002468acf13579b, 0x0000000000000000 }, 0x0 },
    { "sshr d0, d1, #7", IN_BA, { 0xff0000fffeffff00, 0x0000000000000000 }, 0x0 },
    { "ushr d0, d1, #1", IN_BA, { 0x40003fffbfffc000, 0x0000000000000000 }, 0x0 },
    { "ssra v0.4h, v1.4h, #5", IN_AB, { 0x555eacd551a2a919, 0x0000000000000000 }, 0x0 },
    { "ssra v0.4h, v1.4h, #5", IN_BA, { 0x7bff03fe83fefbff, 0x0000000000000000 }, 0x0 },
    { "ssra v0.16b, v1.16b, #8", IN_AB, { 0x5555aaaa5454a9a9, 0x3232cbcb3333cccc }, 0x0 },
    { "ssra v0.16b, v1.16b, #8", IN_BA, { 0x7efffffe7ffefeff, 0x80ffff0000ffff01 }, 0x0 },
    { "usra v0.2d, v1.2d, #64", IN_AB, { 0x5555aaaa5555aaaa, 0x3333cccc3333cccc }, 0x0 },
    { "usra v0.2d, v1.2d, #64", IN_BA, { 0x7fffffff7fffffff, 0x8000000000000001 }, 0x0 },
    { "usra v0.16b, v1.16b, #1", IN_AB, { 0x5566ccdd99aa1021, 0xb2a129186e5de5d4 }, 0x0 },
    { "usra v0.16b, v1.16b, #1", IN_BA, { 0xbfff3e7ebe7e3fff, 0xbf407f00007f4040 }, 0x0 },
    { "usra v0.8b, v1.8b, #8", IN_AB, { 0x5555aaaa5555aaaa, 0x0000000000000000 }, 0x0 },
    { "usra v0.8b, v1.8b, #8", IN_BA, { 0x7fffffff7fffffff, 0x0000000000000000 }, 0x0 },
    { "ssra d0, d1, #63", IN_AB, { 0x5555aaaa5555aaaa, 0x0000000000000000 }, 0x0 },
    { "ssra d0, d1, #63", IN_BA, { 0x7fffffff7ffffffe, 0x0000000000000000 }, 0x0 },
    { "usra d0, d1, #12", IN_AB, { 0x5555bcdeabce4566, 0x0000000000000000 }, 0x0 },
    { "usra d0, d1, #12", IN_BA, { 0x800800077ff7fff7, 0x0000000000000000 }, 0x0 },
    { "srshr v0.8h, v1.8h, #4", IN_AB, { 0x00120456f89bfcdf, 0xffeefbaa07650321 }, 0x0 },
    { "srshr v0.8h, v1.8h, #4", IN_BA, { 0xf80008000800f800, 0x07f8fff00010f808 }, 0x0 },
    { "srshr v0.8h, v1.8h, #4", IN_CC, { 0xf8000000f8000000, 0x08000000f8000000 }, 0x0 },
    { "urshr v0.2s, v1.2s, #32", IN_AB, { 0x0000000000000001, 0x0000000000000000 }, 0x0 },
    { "urshr v0.2s, v1.2s, #32", IN_BA, { 0x0000000100000000, 0x0000000000000000 }, 0x0 },
    { "urshr v0.2s, v1.2s, #32", IN_CC, { 0x0000000100000001, 0x0000000000000000 }, 0x0 },
    { "srshr v0.2d, v1.2d, #64", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "srshr v0.2d, v1.2d, #64", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "srshr d0, d1, #64", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "srshr d0, d1, #64", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "urshr d0, d1, #1", IN_AB, { 0x0091a2b3c4d5e6f8, 0x0000000000000000 }, 0x0 },
    { "urshr d0, d1, #1", IN_BA, { 0x40003fffbfffc000, 0x0000000000000000 }, 0x0 },
    { "urshr d0, d1, #64", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "urshr d0, d1, #64", IN_BA, { 0x0000000000000001, 0x0000000000000000 }, 0x0 },
    { "srsra v0.4s, v1.4s, #31", IN_AB, { 0x5555aaaa5555aaa9, 0x3333cccc3333cccd }, 0x0 },
    { "srsra v0.4s, v1.4s, #31", IN_BA, { 0x7ffffffe80000000, 0x8000000100000001 }, 0x0 },
    { "srsra v0.4s, v1.4s, #31", IN_CC, { 0x7ffffffe7ffffffe, 0x8000000100000000 }, 0x0 },
    { "ursra v0.16b, v1.16b, #8", IN_AB, { 0x5555aaaa5656abab, 0x3434cdcd3333cccc }, 0x0 },
    { "ursra v0.16b, v1.16b, #8", IN_BA, { 0x80ffff007f0000ff, 0x8001010000010101 }, 0x0 },
    { "srsra v0.8b, v1.8b, #1", IN_AB, { 0x5667cdde1a2b91a2, 0x0000000000000000 }, 0x0 },
    { "srsra v0.8b, v1.8b, #1", IN_BA, { 0x3fff3fffbfffbfff, 0x0000000000000000 }, 0x0 },
    { "srsra d0, d1, #3", IN_AB, { 0x557a1357468b2468, 0x0000000000000000 }, 0x0 },
    { "srsra d0, d1, #3", IN_BA, { 0x70000fff6fffefff, 0x0000000000000000 }, 0x0 },
    { "ursra d0, d1, #64", IN_AB, { 0x5555aaaa5555aaaa, 0x0000000000000000 }, 0x0 },
    { "ursra d0, d1, #64", IN_BA, { 0x7fffffff80000000, 0x0000000000000000 }, 0x0 },
    { "sri v0.16b, v1.16b, #3", IN_AB, { 0x4044a8ac5155b9bd, 0x3f3bd7d32e2ac6c2 }, 0x0 },
    { "sri v0.16b, v1.16b, #3", IN_BA, { 0x70e0efff6ffff0e0, 0x8f101f00001f100f }, 0x0 },
    { "sri v0.4h, v1.4h, #16", IN_AB, { 0x5555aaaa5555aaaa, 0x0000000000000000 }, 0x0 },
    { "sri v0.4h, v1.4h, #16", IN_BA, { 0x7fffffff7fffffff, 0x0000000000000000 }, 0x0 },
    { "sri v0.2d, v1.2d, #64", IN_AB, { 0x5555aaaa5555aaaa, 0x3333cccc3333cccc }, 0x0 },
    { "sri v0.2d, v1.2d, #64", IN_BA, { 0x7fffffff7fffffff, 0x8000000000000001 }, 0x0 },
    { "sri v0.4s, v1.4s, #20", IN_AB, { 0x5555a0125555a89a, 0x3333cfed3333c765 }, 0x0 },
    { "sri v0.4s, v1.4s, #20", IN_BA, { 0x7ffff8007ffff7ff, 0x800007f80000000f }, 0x0 },
    { "sri d0, d1, #17", IN_AB, { 0x55558091a2b3c4d5, 0x0000000000000000 }, 0x0 },
    { "sri d0, d1, #17", IN_BA, { 0x7fffc0003fffbfff, 0x0000000000000000 }, 0x0 },
    { "sri d0, d1, #64", IN_AB, { 0x5555aaaa5555aaaa, 0x0000000000000000 }, 0x0 },
    { "sri d0, d1, #64", IN_BA, { 0x7fffffff7fffffff, 0x0000000000000000 }, 0x0 },
    { "shl v0.8h, v1.8h, #15", IN_AB, { 0x8000800080008000, 0x0000000000000000 }, 0x0 },
    { "shl v0.8h, v1.8h, #15", IN_BA, { 0x0000800080000000, 0x0000800080008000 }, 0x0 },
    { "shl v0.2s, v1.2s, #0", IN_AB, { 0x0123456789abcdef, 0x0000000000000000 }, 0x0 },
    { "shl v0.2s, v1.2s, #0", IN_BA, { 0x80007fff7fff8000, 0x0000000000000000 }, 0x0 },
    { "shl v0.16b, v1.16b, #5", IN_AB, { 0x2060a0e02060a0e0, 0xc0804000c0804000 }, 0x0 },
    { "shl v0.2d, v1.2d, #33", IN_AB, { 0x13579bde00000000, 0xeca8642000000000 }, 0x0 },
    { "shl d0, d1, #63", IN_AB, { 0x8000000000000000, 0x0000000000000000 }, 0x0 },
    { "shl d0, d1, #63", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "shl d0, d1, #4", IN_AB, { 0x123456789abcdef0, 0x0000000000000000 }, 0x0 },
    { "sli v0.4s, v1.4s, #7", IN_AB, { 0x91a2b3aad5e6f7aa, 0x6e5d4c4c2a19084c }, 0x0 },
    { "sli v0.4s, v1.4s, #7", IN_BA, { 0x003fffffffc0007f, 0xc07f80807fc03f81 }, 0x0 },
    { "sli v0.8b, v1.8b, #0", IN_AB, { 0x0123456789abcdef, 0x0000000000000000 }, 0x0 },
    { "sli v0.8b, v1.8b, #0", IN_BA, { 0x80007fff7fff8000, 0x0000000000000000 }, 0x0 },
    { "sli v0.2d, v1.2d, #63", IN_AB, { 0xd555aaaa5555aaaa, 0x3333cccc3333cccc }, 0x0 },
    { "sli v0.2d, v1.2d, #63", IN_BA, { 0x7fffffff7fffffff, 0x8000000000000001 }, 0x0 },
    { "sli v0.8h, v1.8h, #12", IN_AB, { 0x35557aaab555faaa, 0xc3338ccc43330ccc }, 0x0 },
    { "sli v0.8h, v1.8h, #12", IN_BA, { 0x0fffffffffff0fff, 0x00001000f000f001 }, 0x0 },
    { "sli d0, d1, #32", IN_AB, { 0x89abcdef5555aaaa, 0x0000000000000000 }, 0x0 },
    { "sli d0, d1, #32", IN_BA, { 0x7fff80007fffffff, 0x0000000000000000 }, 0x0 },
    { "sqshl v0.16b, v1.16b, #3", IN_AB, { 0x087f7f7f80808080, 0xf08080807f7f7f7f }, 0x8000000 },
    { "sqshl v0.16b, v1.16b, #3", IN_BA, { 0x80007ff87ff88000, 0x7f80f80800f8807f }, 0x8000000 },
    { "sqshl v0.16b, v1.16b, #3", IN_CC, { 0x8000000080000000, 0x7ff8f8f880000000 }, 0x8000000 },
    { "sqshl v0.4h, v1.4h, #1", IN_AB, { 0x02467fff80009bde, 0x0000000000000000 }, 0x8000000 },
    { "sqshl v0.4h, v1.4h, #1", IN_BA, { 0x80007fff7fff8000, 0x0000000000000000 }, 0x8000000 },
    { "sqshl v0.4h, v1.4h, #1", IN_CC, { 0x8000000080000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshl v0.4s, v1.4s, #0", IN_AB, { 0x0123456789abcdef, 0xfedcba9876543210 }, 0x0 },
    { "sqshl v0.4s, v1.4s, #0", IN_CC, { 0x8000000080000000, 0x7fffffff80000000 }, 0x0 },
    { "sqshl v0.2d, v1.2d, #63", IN_AB, { 0x7fffffffffffffff, 0x8000000000000000 }, 0x8000000 },
    { "sqshl v0.2d, v1.2d, #63", IN_BA, { 0x8000000000000000, 0x7fffffffffffffff }, 0x8000000 },
    { "sqshl v0.2d, v1.2d, #63", IN_CC, { 0x8000000000000000, 0x7fffffffffffffff }, 0x8000000 },
    { "uqshl v0.4s, v1.4s, #4", IN_AB, { 0x12345670ffffffff, 0xffffffffffffffff }, 0x8000000 },
    { "uqshl v0.4s, v1.4s, #4", IN_BA, { 0xffffffffffffffff, 0xffffffff0ff807f0 }, 0x8000000 },
    { "uqshl v0.4s, v1.4s, #4", IN_CC, { 0xffffffffffffffff, 0xffffffffffffffff }, 0x8000000 },
    { "uqshl v0.8b, v1.8b, #0", IN_AB, { 0x0123456789abcdef, 0x0000000000000000 }, 0x0 },
    { "uqshl v0.8b, v1.8b, #0", IN_BA, { 0x80007fff7fff8000, 0x0000000000000000 }, 0x0 },
    { "uqshl v0.8h, v1.8h, #1", IN_AB, { 0x02468aceffffffff, 0xffffffffeca86420 }, 0x8000000 },
    { "uqshl v0.8h, v1.8h, #1", IN_BA, { 0xfffffffefffeffff, 0xff00ffff01feffff }, 0x8000000 },
    { "uqshl v0.2d, v1.2d, #8", IN_AB, { 0xffffffffffffffff, 0xffffffffffffffff }, 0x8000000 },
    { "uqshl v0.2d, v1.2d, #8", IN_BA, { 0xffffffffffffffff, 0xffffffffffffffff }, 0x8000000 },
    { "sqshlu v0.8h, v1.8h, #2", IN_AB, { 0x048cffff00000000, 0x00000000ffffc840 }, 0x8000000 },
    { "sqshlu v0.8h, v1.8h, #2", IN_BA, { 0x0000ffffffff0000, 0xffff000003fc0000 }, 0x8000000 },
    { "sqshlu v0.8h, v1.8h, #2", IN_CC, { 0x0000000000000000, 0xffff000000000000 }, 0x8000000 },
    { "sqshlu v0.2d, v1.2d, #0", IN_AB, { 0x0123456789abcdef, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu v0.2d, v1.2d, #0", IN_BA, { 0x0000000000000000, 0x7f80ff0100ff807f }, 0x8000000 },
    { "sqshlu v0.2d, v1.2d, #0", IN_CC, { 0x0000000000000000, 0x7fffffff80000000 }, 0x8000000 },
    { "sqshlu v0.16b, v1.16b, #1", IN_AB, { 0x02468ace00000000, 0x00000000eca86420 }, 0x8000000 },
    { "sqshlu v0.16b, v1.16b, #1", IN_BA, { 0x0000fe00fe000000, 0xfe000002000000fe }, 0x8000000 },
    { "sqshlu v0.2s, v1.2s, #31", IN_AB, { 0xffffffff00000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu v0.2s, v1.2s, #31", IN_BA, { 0x00000000ffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqshl b0, b1, #2", IN_AB, { 0x00000000000000bc, 0x0000000000000000 }, 0x0 },
    { "sqshl b0, b1, #2", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "sqshl h0, h1, #1", IN_AB, { 0x0000000000009bde, 0x0000000000000000 }, 0x0 },
    { "sqshl h0, h1, #1", IN_BA, { 0x0000000000008000, 0x0000000000000000 }, 0x8000000 },
    { "sqshl s0, s1, #30", IN_AB, { 0x0000000080000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshl s0, s1, #30", IN_BA, { 0x000000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqshl s0, s1, #30", IN_CC, { 0x0000000080000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshl d0, d1, #1", IN_AB, { 0x02468acf13579bde, 0x0000000000000000 }, 0x0 },
    { "sqshl d0, d1, #1", IN_BA, { 0x8000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshl d0, d1, #1", IN_CC, { 0x8000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "uqshl b0, b1, #1", IN_AB, { 0x00000000000000ff, 0x0000000000000000 }, 0x8000000 },
    { "uqshl b0, b1, #1", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "uqshl h0, h1, #8", IN_AB, { 0x000000000000ffff, 0x0000000000000000 }, 0x8000000 },
    { "uqshl h0, h1, #8", IN_BA, { 0x000000000000ffff, 0x0000000000000000 }, 0x8000000 },
    { "uqshl s0, s1, #2", IN_AB, { 0x00000000ffffffff, 0x0000000000000000 }, 0x8000000 },
    { "uqshl s0, s1, #2", IN_BA, { 0x00000000ffffffff, 0x0000000000000000 }, 0x8000000 },
    { "uqshl d0, d1, #4", IN_AB, { 0x123456789abcdef0, 0x0000000000000000 }, 0x0 },
    { "uqshl d0, d1, #4", IN_BA, { 0xffffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu s0, s1, #3", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu s0, s1, #3", IN_BA, { 0x00000000ffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu s0, s1, #3", IN_CC, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu b0, b1, #7", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu b0, b1, #7", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "sqshlu h0, h1, #0", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu h0, h1, #0", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshlu d0, d1, #2", IN_AB, { 0x048d159e26af37bc, 0x0000000000000000 }, 0x0 },
    { "sqshlu d0, d1, #2", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "shrn v0.8b, v1.8h, #3", IN_AB, { 0xdb53ca4224ac35bd, 0x0000000000000000 }, 0x0 },
    { "shrn v0.8b, v1.8h, #3", IN_BA, { 0xf0e01f0f00ffff00, 0x0000000000000000 }, 0x0 },
    { "shrn2 v0.16b, v1.8h, #8", IN_AB, { 0x5555aaaa5555aaaa, 0xfeba7632014589cd }, 0x0 },
    { "shrn2 v0.16b, v1.8h, #8", IN_BA, { 0x7fffffff7fffffff, 0x7fff0080807f7f80 }, 0x0 },
    { "shrn v0.2s, v1.2d, #32", IN_AB, { 0xfedcba9801234567, 0x0000000000000000 }, 0x0 },
    { "shrn v0.2s, v1.2d, #32", IN_BA, { 0x7f80ff0180007fff, 0x0000000000000000 }, 0x0 },
    { "rshrn v0.4h, v1.4s, #16", IN_AB, { 0xfedd7654012389ac, 0x0000000000000000 }, 0x0 },
    { "rshrn v0.4h, v1.4s, #16", IN_BA, { 0x7f81010080008000, 0x0000000000000000 }, 0x0 },
    { "rshrn v0.4h, v1.4s, #16", IN_CC, { 0x8000800080008000, 0x0000000000000000 }, 0x0 },
    { "rshrn2 v0.4s, v1.2d, #32", IN_AB, { 0x5555aaaa5555aaaa, 0xfedcba9801234568 }, 0x0 },
    { "rshrn2 v0.4s, v1.2d, #32", IN_BA, { 0x7fffffff7fffffff, 0x7f80ff0180007fff }, 0x0 },
    { "rshrn2 v0.4s, v1.2d, #32", IN_CC, { 0x7fffffff7fffffff, 0x8000000080000001 }, 0x0 },
    { "rshrn v0.2s, v1.2d, #1", IN_AB, { 0x3b2a1908c4d5e6f8, 0x0000000000000000 }, 0x0 },
    { "rshrn v0.2s, v1.2d, #1", IN_BA, { 0x807fc040bfffc000, 0x0000000000000000 }, 0x0 },
    { "rshrn2 v0.16b, v1.8h, #4", IN_AB, { 0x5555aaaa5555aaaa, 0xeeaa652112569bdf }, 0x0 },
    { "rshrn2 v0.16b, v1.8h, #4", IN_BA, { 0x7fffffff7fffffff, 0xf8f0100800000000 }, 0x0 },
    { "sqshrn v0.8b, v1.8h, #1", IN_AB, { 0x80807f7f7f7f8080, 0x0000000000000000 }, 0x8000000 },
    { "sqshrn v0.8b, v1.8h, #1", IN_BA, { 0x7f807f80807f7f80, 0x0000000000000000 }, 0x8000000 },
    { "sqshrn v0.8b, v1.8h, #1", IN_CC, { 0x7fff800080008000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrn2 v0.8h, v1.4s, #16", IN_AB, { 0x5555aaaa5555aaaa, 0xfedc7654012389ab }, 0x0 },
    { "sqshrn2 v0.8h, v1.4s, #16", IN_BA, { 0x7fffffff7fffffff, 0x7f8000ff80007fff }, 0x0 },
    { "sqshrn2 v0.8h, v1.4s, #16", IN_CC, { 0x7fffffff7fffffff, 0x7fff800080008000 }, 0x0 },
    { "sqshrn v0.2s, v1.2d, #4", IN_AB, { 0x800000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqshrn v0.2s, v1.2d, #4", IN_BA, { 0x7fffffff80000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrn v0.2s, v1.2d, #4", IN_CC, { 0x7fffffff80000000, 0x0000000000000000 }, 0x8000000 },
    { "uqshrn v0.2s, v1.2d, #32", IN_AB, { 0xfedcba9801234567, 0x0000000000000000 }, 0x0 },
    { "uqshrn v0.2s, v1.2d, #32", IN_BA, { 0x7f80ff0180007fff, 0x0000000000000000 }, 0x0 },
    { "uqshrn v0.2s, v1.2d, #32", IN_CC, { 0x7fffffff80000000, 0x0000000000000000 }, 0x0 },
    { "uqshrn2 v0.16b, v1.8h, #3", IN_AB, { 0x5555aaaa5555aaaa, 0xffffffff24ffffff }, 0x8000000 },
    { "uqshrn2 v0.16b, v1.8h, #3", IN_BA, { 0x7fffffff7fffffff, 0xffff1fffffffffff }, 0x8000000 },
    { "uqshrn v0.4h, v1.4s, #8", IN_AB, { 0xffffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "uqshrn v0.4h, v1.4s, #8", IN_BA, { 0xffffff80ffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrn v0.4h, v1.4s, #15", IN_AB, { 0xfdb97fff02478000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrn v0.4h, v1.4s, #15", IN_BA, { 0x7fff01ff80007fff, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrn v0.4h, v1.4s, #15", IN_CC, { 0x7fff800080008000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrn2 v0.4s, v1.2d, #31", IN_AB, { 0x5555aaaa5555aaaa, 0xfdb9753102468acf }, 0x0 },
    { "sqrshrn2 v0.4s, v1.2d, #31", IN_BA, { 0x7fffffff7fffffff, 0x7fffffff80000000 }, 0x8000000 },
    { "sqrshrn2 v0.4s, v1.2d, #31", IN_CC, { 0x7fffffff7fffffff, 0x7fffffff80000000 }, 0x8000000 },
    { "sqrshrn2 v0.16b, v1.8h, #8", IN_AB, { 0x5555aaaa5555aaaa, 0xffbb763201458ace }, 0x0 },
    { "sqrshrn2 v0.16b, v1.8h, #8", IN_BA, { 0x7fffffff7fffffff, 0x7fff0180807f7f80 }, 0x8000000 },
    { "uqrshrn v0.8b, v1.8h, #8", IN_AB, { 0xffbb763201458ace, 0x0000000000000000 }, 0x0 },
    { "uqrshrn v0.8b, v1.8h, #8", IN_BA, { 0x80ff018080808080, 0x0000000000000000 }, 0x0 },
    { "uqrshrn2 v0.8h, v1.4s, #1", IN_AB, { 0x5555aaaa5555aaaa, 0xffffffffffffffff }, 0x8000000 },
    { "uqrshrn2 v0.8h, v1.4s, #1", IN_BA, { 0x7fffffff7fffffff, 0xffffffffffffffff }, 0x8000000 },
    { "uqrshrn2 v0.8h, v1.4s, #1", IN_CC, { 0x7fffffff7fffffff, 0xffffffffffffffff }, 0x8000000 },
    { "uqrshrn v0.2s, v1.2d, #30", IN_AB, { 0xffffffff048d159e, 0x0000000000000000 }, 0x8000000 },
    { "uqrshrn v0.2s, v1.2d, #30", IN_BA, { 0xffffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun v0.8b, v1.8h, #4", IN_AB, { 0x0000ffff12ff0000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun v0.8b, v1.8h, #4", IN_BA, { 0xff000f0000ffff00, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun v0.8b, v1.8h, #4", IN_CC, { 0xff00000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun2 v0.4s, v1.2d, #2", IN_AB, { 0x5555aaaa5555aaaa, 0x00000000ffffffff }, 0x8000000 },
    { "sqshrun2 v0.4s, v1.2d, #2", IN_BA, { 0x7fffffff7fffffff, 0xffffffff00000000 }, 0x8000000 },
    { "sqshrun2 v0.4s, v1.2d, #2", IN_CC, { 0x7fffffff7fffffff, 0xffffffff00000000 }, 0x8000000 },
    { "sqshrun v0.4h, v1.4s, #16", IN_AB, { 0x0000765401230000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun v0.4h, v1.4s, #16", IN_BA, { 0x7f8000ff00007fff, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrun v0.4h, v1.4s, #16", IN_AB, { 0x0000765401230000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrun v0.4h, v1.4s, #16", IN_BA, { 0x7f81010000008000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrun v0.4h, v1.4s, #16", IN_CC, { 0x8000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrun2 v0.16b, v1.8h, #1", IN_AB, { 0x5555aaaa5555aaaa, 0x0000ffff92ff0000 }, 0x8000000 },
    { "sqrshrun2 v0.16b, v1.8h, #1", IN_BA, { 0x7fffffff7fffffff, 0xff00800000ffff00 }, 0x8000000 },
    { "sqrshrun v0.2s, v1.2d, #32", IN_AB, { 0x0000000001234568, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrun v0.2s, v1.2d, #32", IN_BA, { 0x7f80ff0100000000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrun v0.2s, v1.2d, #32", IN_CC, { 0x8000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrn b0, h1, #1", IN_AB, { 0x0000000000000080, 0x0000000000000000 }, 0x8000000 },
    { "sqshrn b0, h1, #1", IN_BA, { 0x0000000000000080, 0x0000000000000000 }, 0x8000000 },
    { "sqshrn h0, s1, #16", IN_AB, { 0x00000000000089ab, 0x0000000000000000 }, 0x0 },
    { "sqshrn h0, s1, #16", IN_BA, { 0x0000000000007fff, 0x0000000000000000 }, 0x0 },
    { "sqshrn s0, d1, #32", IN_AB, { 0x0000000001234567, 0x0000000000000000 }, 0x0 },
    { "sqshrn s0, d1, #32", IN_BA, { 0x0000000080007fff, 0x0000000000000000 }, 0x0 },
    { "sqshrn s0, d1, #32", IN_CC, { 0x0000000080000000, 0x0000000000000000 }, 0x0 },
    { "uqshrn s0, d1, #3", IN_AB, { 0x00000000ffffffff, 0x0000000000000000 }, 0x8000000 },
    { "uqshrn s0, d1, #3", IN_BA, { 0x00000000ffffffff, 0x0000000000000000 }, 0x8000000 },
    { "uqshrn b0, h1, #2", IN_AB, { 0x00000000000000ff, 0x0000000000000000 }, 0x8000000 },
    { "uqshrn b0, h1, #2", IN_BA, { 0x00000000000000ff, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrn h0, s1, #5", IN_AB, { 0x0000000000008000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrn h0, s1, #5", IN_BA, { 0x0000000000007fff, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrn s0, d1, #1", IN_AB, { 0x000000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrn s0, d1, #1", IN_CC, { 0x0000000080000000, 0x0000000000000000 }, 0x8000000 },
    { "uqrshrn b0, h1, #8", IN_AB, { 0x00000000000000ce, 0x0000000000000000 }, 0x0 },
    { "uqrshrn b0, h1, #8", IN_BA, { 0x0000000000000080, 0x0000000000000000 }, 0x0 },
    { "uqrshrn h0, s1, #4", IN_AB, { 0x000000000000ffff, 0x0000000000000000 }, 0x8000000 },
    { "uqrshrn h0, s1, #4", IN_BA, { 0x000000000000ffff, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun s0, d1, #1", IN_AB, { 0x00000000ffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun s0, d1, #1", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun s0, d1, #1", IN_CC, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun b0, h1, #3", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqshrun b0, h1, #3", IN_BA, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrun h0, s1, #16", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sqrshrun h0, s1, #16", IN_BA, { 0x0000000000008000, 0x0000000000000000 }, 0x0 },
    { "sqrshrun s0, d1, #31", IN_AB, { 0x0000000002468acf, 0x0000000000000000 }, 0x0 },
    { "sqrshrun s0, d1, #31", IN_CC, { 0x0000000000000000, 0x0000000000000000 }, 0x8000000 },
    { "sshll v0.8h, v1.8b, #0", IN_AB, { 0xff89ffabffcdffef, 0x0001002300450067 }, 0x0 },
    { "sshll v0.8h, v1.8b, #0", IN_BA, { 0x007fffffff800000, 0xff800000007fffff }, 0x0 },
    { "sshll2 v0.4s, v1.8h, #3", IN_AB, { 0x0003b2a000019080, 0xfffff6e0fffdd4c0 }, 0x0 },
    { "sshll2 v0.4s, v1.8h, #3", IN_BA, { 0x000007f8fffc03f8, 0x0003fc00fffff808 }, 0x0 },
    { "sshll v0.2d, v1.2s, #31", IN_AB, { 0xc4d5e6f780000000, 0x0091a2b380000000 }, 0x0 },
    { "sshll v0.2d, v1.2s, #31", IN_BA, { 0x3fffc00000000000, 0xc0003fff80000000 }, 0x0 },
    { "sshll2 v0.8h, v1.16b, #7", IN_AB, { 0x3b002a0019000800, 0xff00ee00dd00cc00 }, 0x0 },
    { "sshll2 v0.8h, v1.16b, #7", IN_BA, { 0x0000ff80c0003f80, 0x3f80c000ff800080 }, 0x0 },
    { "ushll v0.8h, v1.8b, #7", IN_AB, { 0x4480558066807780, 0x0080118022803380 }, 0x0 },
    { "ushll v0.8h, v1.8b, #7", IN_BA, { 0x3f807f8040000000, 0x400000003f807f80 }, 0x0 },
    { "ushll2 v0.2d, v1.4s, #0", IN_AB, { 0x0000000076543210, 0x00000000fedcba98 }, 0x0 },
    { "ushll2 v0.2d, v1.4s, #0", IN_BA, { 0x0000000000ff807f, 0x000000007f80ff01 }, 0x0 },
    { "ushll2 v0.8h, v1.16b, #1", IN_AB, { 0x00ec00a800640020, 0x01fc01b801740130 }, 0x0 },
    { "ushll2 v0.8h, v1.16b, #1", IN_BA, { 0x000001fe010000fe, 0x00fe010001fe0002 }, 0x0 },
    { "ushll v0.4s, v1.4h, #15", IN_AB, { 0x44d5800066f78000, 0x0091800022b38000 }, 0x0 },
    { "ushll v0.4s, v1.4h, #15", IN_BA, { 0x3fff800040000000, 0x400000003fff8000 }, 0x0 },
    { "scvtf v0.4s, v1.4s, #1", IN_FI, { 0xce8000003f000000, 0x3f000000bf000000 }, 0x0 },
    { "scvtf v0.4s, v1.4s, #1", IN_AB, { 0x4b11a2b4ce6ca864, 0xcb11a2b44e6ca864 }, 0x10 },
    { "scvtf v0.2s, v1.2s, #32", IN_FI, { 0xbf0000002f800000, 0x0000000000000000 }, 0x0 },
    { "scvtf v0.2s, v1.2s, #32", IN_AB, { 0x3b91a2b4beeca864, 0x0000000000000000 }, 0x10 },
    { "ucvtf v0.4s, v1.4s, #8", IN_FI, { 0x4b0000003b800000, 0x3b8000004b800000 }, 0x10 },
    { "ucvtf v0.4s, v1.4s, #8", IN_AB, { 0x4791a2b44b09abce, 0x4b7edcbb4aeca864 }, 0x10 },
    { "ucvtf v0.2d, v1.2d, #64", IN_FI, { 0x3fe0000000000000, 0x3dfffffffff00000 }, 0x10 },
    { "ucvtf v0.2d, v1.2d, #64", IN_AB, { 0x3f723456789abcdf, 0x3fefdb97530eca86 }, 0x10 },
    { "scvtf v0.2d, v1.2d, #3", IN_FI, { 0xc3b0000000000000, 0x41cffffffff00000 }, 0x10 },
    { "scvtf v0.2d, v1.2d, #3", IN_AB, { 0x43423456789abcdf, 0xc3423456789abcdf }, 0x10 },
    { "scvtf d0, d1, #10", IN_FI, { 0xc340000000000000, 0x0000000000000000 }, 0x10 },
    { "scvtf d0, d1, #10", IN_AB, { 0x42d23456789abcdf, 0x0000000000000000 }, 0x10 },
    { "ucvtf s0, s1, #3", IN_FI, { 0x000000003e000000, 0x0000000000000000 }, 0x0 },
    { "ucvtf s0, s1, #3", IN_AB, { 0x000000004d89abce, 0x0000000000000000 }, 0x10 },
    { "scvtf s0, s1, #32", IN_FI, { 0x000000002f800000, 0x0000000000000000 }, 0x0 },
    { "ucvtf d0, d1, #1", IN_FI, { 0x43d0000000000000, 0x0000000000000000 }, 0x10 },
    { "fcvtzs v0.4s, v1.4s, #2", IN_FS, { 0x0000000cfffffff8, 0x7fffffff00000004 }, 0x11 },
    { "fcvtzs v0.4s, v1.4s, #2", IN_AB, { 0x0000000000000000, 0x800000007fffffff }, 0x11 },
    { "fcvtzu v0.4s, v1.4s, #1", IN_FS, { 0x0000000600000000, 0xffffffff00000002 }, 0x11 },
    { "fcvtzu v0.4s, v1.4s, #1", IN_AB, { 0x0000000000000000, 0x00000000ffffffff }, 0x11 },
    { "fcvtzs v0.2s, v1.2s, #16", IN_FS, { 0x0003243ffffe0000, 0x0000000000000000 }, 0x10 },
    { "fcvtzu v0.2d, v1.2d, #1", IN_FD, { 0x0000000000000006, 0x0000000000000000 }, 0x11 },
    { "fcvtzu v0.2d, v1.2d, #1", IN_AB, { 0x0000000000000000, 0x0000000000000000 }, 0x11 },
    { "fcvtzs v0.2d, v1.2d, #33", IN_FD, { 0x00000006487ed511, 0x8000000000000000 }, 0x11 },
    { "fcvtzs v0.2d, v1.2d, #33", IN_AB, { 0x0000000000000000, 0x8000000000000000 }, 0x11 },
    { "fcvtzs s0, s1, #31", IN_FS, { 0x0000000080000000, 0x0000000000000000 }, 0x1 },
    { "fcvtzu s0, s1, #4", IN_FS, { 0x0000000000000000, 0x0000000000000000 }, 0x1 },
    { "fcvtzs d0, d1, #8", IN_FD, { 0x0000000000000324, 0x0000000000000000 }, 0x10 },
    { "fcvtzu d0, d1, #64", IN_FD, { 0xffffffffffffffff, 0x0000000000000000 }, 0x1 },
};

static void test_table(gconstpointer backend)
{
    run_vec_cases(backend, shift_cases, ARRAY_SIZE(shift_cases));
}

/* Reserved encodings of the shift-by-immediate groups (SIGILL on qemu-aarch64 -cpu max). */
static void test_unallocated(gconstpointer backend)
{
    static const uint32_t undef[] = {
        0x0f410420,     /* SSHR 64-bit elements with Q = 0 */
        0x5f0f0420,     /* SSHR (scalar) on bytes: scalar shifts are 64-bit only */
        0x5f1f5420,     /* SHL (scalar) on halfwords */
        0x7f1f4420,     /* SRI (scalar) on halfwords */
        0x0f418420,     /* SHRN with immh = 1xxx (no 128-bit source) */
        0x0f41a420,     /* SSHLL with immh = 1xxx */
        0x5f0f8420,     /* SHRN (scalar) does not exist */
        0x5f0fa420,     /* SSHLL (scalar) does not exist */
        0x4f11e420,     /* SCVTF (fixed-point) immh = 001x: half precision needs FEAT_FP16 */
        0x4f09e420,     /* SCVTF (fixed-point) immh = 0001 */
        0x0f41e420,     /* SCVTF (fixed-point) 2d with Q = 0 */
        0x0f09fc20,     /* FCVTZS (fixed-point) immh = 0001 */
        0x5f00e420,     /* scalar group with immh = 0 */
        0x0f0f1c20,     /* opcode 00011: unallocated */
        0x0f0f6420,     /* opcode 01100 with U = 0 (SQSHLU is U = 1) */
        0x0f0fb420,     /* opcode 10110 */
    };

    expect_undefined(backend, "cortex-a57", undef, ARRAY_SIZE(undef), 0);
}

/* Vd = Vn: the inline SXTL and the helper forms read their source before writing. */
static void test_in_place(gconstpointer backend)
{
    GBytes *code = a64_assemble("  sshll2 v3.8h, v3.16b, #1\n"
                                "  ushll v4.2d, v4.2s, #0\n"
                                "  shrn2 v5.16b, v5.8h, #4\n"
                                "  sli v6.2d, v6.2d, #8\n"
                                "  sshr v7.4s, v7.4s, #31\n");
    CPUARMState *env;
    A64Run r;

    if (skip_without_assembler(code)) {
        return;
    }
    a64_harness_init(&r, backend, "cortex-a57");
    env = &r.cpu->env;
    for (unsigned i = 3; i <= 7; i++) {
        env->vregs[i].d[0] = 0x0123456789abcdefULL;
        env->vregs[i].d[1] = 0xfedcba9876543210ULL;
    }
    a64_run_bytes(&r, code);
    g_assert_false(r.exception_taken);
    /* bytes fe dc ba 98 (low half of d[1] is 76 54 32 10) doubled and sign-extended */
    g_assert_cmphex(env->vregs[3].d[0], ==, 0x00ec00a800640020ULL);
    g_assert_cmphex(env->vregs[3].d[1], ==, 0xfffcffb8ff74ff30ULL);
    g_assert_cmphex(env->vregs[4].d[0], ==, 0x0000000089abcdefULL);
    g_assert_cmphex(env->vregs[4].d[1], ==, 0x0000000001234567ULL);
    /* the low byte of each halfword >> 4 (cdef -> de, 89ab -> 9a ...) into the high half */
    g_assert_cmphex(env->vregs[5].d[0], ==, 0x0123456789abcdefULL);
    g_assert_cmphex(env->vregs[5].d[1], ==, 0xeda9652112569adeULL);
    g_assert_cmphex(env->vregs[6].d[0], ==, 0x23456789abcdefefULL);
    g_assert_cmphex(env->vregs[6].d[1], ==, 0xdcba987654321010ULL);
    g_assert_cmphex(env->vregs[7].d[0], ==, 0x00000000ffffffffULL);
    g_assert_cmphex(env->vregs[7].d[1], ==, 0xffffffff00000000ULL);
    g_bytes_unref(code);
    a64_harness_destroy(&r);
}

/* With CPACR_EL1.FPEN = 0 every form traps with EC 0x07 before touching a register. */
static void test_fp_trap(gconstpointer backend)
{
    static const uint32_t insns[] = {
        0x4f0d0420,     /* SSHR v0.16b, v1.16b, #3 (inline) */
        0x5f7f0420,     /* SSHR d0, d1, #1 (inline scalar) */
        0x0f08a420,     /* SXTL (inline) */
        0x0f0d8420,     /* SHRN (helper) */
        0x4f21e420,     /* SCVTF (fixed-point) */
    };
    A64Run r;

    a64_harness_init(&r, backend, "cortex-a57");
    for (size_t i = 0; i < ARRAY_SIZE(insns); i++) {
        CPUARMState *env = &r.cpu->env;

        env->cpacr_el1 = 0;
        env->vregs[0].d[0] = env->vregs[0].d[1] = 0x1111;
        pstate_write(env, PSTATE_SP | 1 << PSTATE_EL_SHIFT | PSTATE_DAIF);
        a64_run_code(&r, &insns[i], 1);
        g_assert_true(r.exception_taken);
        g_assert_cmphex(env->esr_el[1], ==, 0x1e000000);     /* EC 0x07, IL 1 */
        g_assert_cmphex(env->vregs[0].d[0], ==, 0x1111);
        g_assert_cmphex(env->vregs[0].d[1], ==, 0x1111);
        tb_flush();
    }
    a64_harness_destroy(&r);
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        { "table", test_table },
        { "unallocated", test_unallocated },
        { "in-place", test_in_place },
        { "fp-trap", test_fp_trap },
    };

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        for (size_t t = 0; t < ARRAY_SIZE(tests); t++) {
            char *path = g_strdup_printf("/a64-simd-shift/%s/%s", backends[b], tests[t].name);

            g_test_add_data_func(path, backends[b], tests[t].fn);
            g_free(path);
        }
    }
    return g_test_run();
}
