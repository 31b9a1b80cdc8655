/*
 * A64 AdvSIMD three-different (long, wide, narrowing-high, polynomial)
 * and integer by-element instructions, vector and scalar, on both
 * backends, through the A64 harness.
 *
 * Most of it is one table: an instruction, which operands V0 (the
 * destination: accumulator, or the kept low half of the "2" narrowing
 * forms), V1 and V2 hold before it, and V0 and FPSR (QC) after it. The
 * inputs hold the signed extremes of every element size, so the SQDM*
 * forms saturate (0x8000 * 0x8000 doubled) and set QC, the accumulating
 * ones wrap, and the rounding ones carry. The expected values were
 * produced by running each line on Debian's qemu-aarch64 -cpu max (a
 * generator program storing V0 and MRS FPSR after each), and spot-checked
 * by hand against the ARM ARM pseudocode (e.g. SQDMULL s0, h1, h2 of
 * 0xcdef and 0x8000 is 2 * 12817 * 32768 = 0x32110000; PMULL 1q of
 * x^63 + x^31 by itself is x^126 + x^62).
 *
 * Besides the table: register fields (Rm 15 for halfword elements, 31
 * for word elements with the M bit; Vd equal to a source), and the
 * reserved encodings of the groups.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "a64-vec-cases.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/tb.h"

static const VecCase wide_cases[] = {
    { "saddl v0.8h, v1.8b, v2.8b", IN_AB, { 0x0008ffaaff4dffef, 0xff81002300c40066 }, 0x0 },
    { "saddl v0.8h, v1.8b, v2.8b", IN_BB, { 0x00fefffeff000000, 0xff00000000fefffe }, 0x0 },
    { "saddl2 v0.4s, v1.8h, v2.8h", IN_AB, { 0x00007753ffffb28f, 0x00007e5cffffb999 }, 0x0 },
    { "saddl2 v0.4s, v1.8h, v2.8h", IN_BB, { 0x000001feffff00fe, 0x0000ff00fffffe02 }, 0x0 },
    { "saddl v0.2d, v1.2s, v2.2s", IN_AB, { 0x0000000009ab4def, 0xffffffff8123c566 }, 0x0 },
    { "saddl v0.2d, v1.2s, v2.2s", IN_CC, { 0xffffffff00000000, 0xffffffff00000000 }, 0x0 },
    { "uaddl v0.2d, v1.2s, v2.2s", IN_AB, { 0x0000000109ab4def, 0x000000008123c566 }, 0x0 },
    { "uaddl v0.2d, v1.2s, v2.2s", IN_CC, { 0x0000000100000000, 0x0000000100000000 }, 0x0 },
    { "uaddl2 v0.8h, v1.16b, v2.16b", IN_AB, { 0x0076015300b2008f, 0x017d015c01b90099 }, 0x0 },
    { "uaddl2 v0.8h, v1.16b, v2.16b", IN_BB, { 0x000001fe010000fe, 0x00fe010001fe0002 }, 0x0 },
    { "uaddl v0.4s, v1.4h, v2.4h", IN_AB, { 0x000109aa00014def, 0x000081230000c566 }, 0x0 },
    { "uaddl v0.4s, v1.4h, v2.4h", IN_BB, { 0x0000fffe00010000, 0x000100000000fffe }, 0x0 },
    { "saddw v0.4s, v1.4s, v2.4h", IN_AB, { 0x0123c56689ab4def, 0xfedc3a987654b20f }, 0x0 },
    { "saddw v0.4s, v1.4s, v2.4h", IN_BA, { 0x800009aa7fff4def, 0x7f81002400ffc5e6 }, 0x0 },
    { "saddw2 v0.2d, v1.2d, v2.4s", IN_AB, { 0x012345678aab4e6e, 0xfedcba98f5d53111 }, 0x0 },
    { "saddw2 v0.2d, v1.2d, v2.4s", IN_CC, { 0x8000000000000000, 0x7fffffffffffffff }, 0x0 },
    { "saddw v0.8h, v1.8h, v2.8b", IN_AB, { 0x01a24566892bcdef, 0xfe5cba9876d3320f }, 0x0 },
    { "saddw v0.8h, v1.8h, v2.8b", IN_BA, { 0x7f897faa7fcc7fef, 0x7f81ff24014480e6 }, 0x0 },
    { "uaddw v0.8h, v1.8h, v2.8b", IN_AB, { 0x01a246668a2bcdef, 0xff5cba9876d3330f }, 0x0 },
    { "uaddw v0.8h, v1.8h, v2.8b", IN_BA, { 0x808980aa80cc80ef, 0x7f81ff24014480e6 }, 0x0 },
    { "uaddw2 v0.4s, v1.4s, v2.8h", IN_AB, { 0x0123466689ac4e6e, 0xfedd3a1876553111 }, 0x0 },
    { "uaddw2 v0.4s, v1.4s, v2.8h", IN_BA, { 0x8000f6537fffb210, 0x7f81fddd01003b17 }, 0x0 },
    { "uaddw2 v0.2d, v1.2d, v2.4s", IN_AB, { 0x012345678aab4e6e, 0xfedcba98f5d53111 }, 0x0 },
    { "uaddw2 v0.2d, v1.2d, v2.4s", IN_CC, { 0x8000000100000000, 0x7fffffffffffffff }, 0x0 },
    { "ssubl v0.8h, v1.8b, v2.8b", IN_AB, { 0xff0affac004dffef, 0x00810023ffc60068 }, 0x0 },
    { "ssubl v0.8h, v1.8b, v2.8b", IN_BA, { 0x00f60054ffb30011, 0xff7fffdd003aff98 }, 0x0 },
    { "ssubl2 v0.2d, v1.4s, v2.4s", IN_AB, { 0x000000007554b191, 0xffffffff7f5bbb97 }, 0x0 },
    { "ssubl2 v0.2d, v1.4s, v2.4s", IN_CC, { 0x0000000000000000, 0x0000000000000000 }, 0x0 },
    { "ssubl v0.4s, v1.4h, v2.4h", IN_AB, { 0xffff09ac00004def, 0x00008123ffffc568 }, 0x0 },
    { "ssubl v0.4s, v1.4h, v2.4h", IN_BA, { 0x0000f654ffffb211, 0xffff7edd00003a98 }, 0x0 },
    { "usubl v0.4s, v1.4h, v2.4h", IN_AB, { 0x000009ac00004def, 0xffff8123ffffc568 }, 0x0 },
    { "usubl v0.4s, v1.4h, v2.4h", IN_BA, { 0xfffff654ffffb211, 0x00007edd00003a98 }, 0x0 },
    { "usubl2 v0.8h, v1.16b, v2.16b", IN_AB, { 0x0076ff55ffb2ff91, 0x007f005cffbb0097 }, 0x0 },
    { "usubl2 v0.8h, v1.16b, v2.16b", IN_BA, { 0xff8a00ab004e006f, 0xff81ffa40045ff69 }, 0x0 },
    { "usubl2 v0.2d, v1.4s, v2.4s", IN_AB, { 0x000000007554b191, 0x000000007f5bbb97 }, 0x0 },
    { "usubl2 v0.2d, v1.4s, v2.4s", IN_BA, { 0xffffffff8aab4e6f, 0xffffffff80a44469 }, 0x0 },
    { "ssubw v0.8h, v1.8h, v2.8b", IN_AB, { 0x00a445688a2bcdef, 0xff5cba9875d53211 }, 0x0 },
    { "ssubw v0.8h, v1.8h, v2.8b", IN_BA, { 0x8077805480328011, 0x7f7ffede00ba8018 }, 0x0 },
    { "ssubw2 v0.4s, v1.4s, v2.8h", IN_AB, { 0x0123446889ac4d70, 0xfedc3b187654330f }, 0x0 },
    { "ssubw2 v0.4s, v1.4s, v2.8h", IN_BA, { 0x800009ab7fff4df0, 0x7f81002500ffc5e7 }, 0x0 },
    { "ssubw v0.2d, v1.2d, v2.2s", IN_AB, { 0x0123456709ac4def, 0xfedcba98f653b211 }, 0x0 },
    { "ssubw v0.2d, v1.2d, v2.2s", IN_CC, { 0x8000000100000000, 0x8000000000000000 }, 0x0 },
    { "usubw v0.2d, v1.2d, v2.2s", IN_AB, { 0x0123456709ac4def, 0xfedcba97f653b211 }, 0x0 },
    { "usubw v0.2d, v1.2d, v2.2s", IN_BA, { 0x80007ffef653b211, 0x7f80ff00ffdc3b18 }, 0x0 },
    { "usubw2 v0.8h, v1.8h, v2.16b", IN_AB, { 0x01234468892bcd70, 0xfe5dba187555320f }, 0x0 },
    { "usubw2 v0.8h, v1.8h, v2.16b", IN_BA, { 0x7f8a7fab7fcd7ff0, 0x7e82fe2500457fe7 }, 0x0 },
    { "usubw v0.4s, v1.4s, v2.4h", IN_AB, { 0x0122c56889ab4def, 0xfedc3a987653b211 }, 0x0 },
    { "usubw v0.4s, v1.4s, v2.4h", IN_BA, { 0x7ffff6547ffeb211, 0x7f80fdde00ff3b18 }, 0x0 },
    { "addhn v0.8b, v1.8h, v2.8h", IN_AB, { 0x7eb977b281c5094d, 0x0000000000000000 }, 0x0 },
    { "addhn v0.8b, v1.8h, v2.8h", IN_BB, { 0xfffe010000ffff00, 0x0000000000000000 }, 0x0 },
    { "addhn2 v0.8h, v1.4s, v2.4s", IN_AB, { 0x5555aaaa5555aaaa, 0x7e5d7753812309ab }, 0x0 },
    { "addhn2 v0.8h, v1.4s, v2.4s", IN_BB, { 0x5555aaaa5555aaaa, 0xff0101ff0000ffff }, 0x0 },
    { "addhn v0.2s, v1.2d, v2.2d", IN_AB, { 0x7e5db9998123c567, 0x0000000000000000 }, 0x0 },
    { "addhn v0.2s, v1.2d, v2.2d", IN_CC, { 0xffffffff00000001, 0x0000000000000000 }, 0x0 },
    { "raddhn v0.2s, v1.2d, v2.2d", IN_AB, { 0x7e5db9998123c567, 0x0000000000000000 }, 0x0 },
    { "raddhn v0.2s, v1.2d, v2.2d", IN_CC, { 0xffffffff00000001, 0x0000000000000000 }, 0x0 },
    { "raddhn2 v0.16b, v1.8h, v2.8h", IN_AB, { 0x5555aaaa5555aaaa, 0x7eba77b381c50a4e }, 0x0 },
    { "raddhn2 v0.16b, v1.8h, v2.8h", IN_BB, { 0x5555aaaa5555aaaa, 0xfffe020100000000 }, 0x0 },
    { "raddhn v0.4h, v1.4s, v2.4s", IN_AB, { 0x7e5e7754812409ab, 0x0000000000000000 }, 0x0 },
    { "raddhn v0.4h, v1.4s, v2.4s", IN_BB, { 0xff0201ff0001ffff, 0x0000000000000000 }, 0x0 },
    { "subhn v0.4h, v1.4s, v2.4s", IN_AB, { 0x7f5b7554812209ac, 0x0000000000000000 }, 0x0 },
    { "subhn v0.4h, v1.4s, v2.4s", IN_BA, { 0x80a48aab7eddf653, 0x0000000000000000 }, 0x0 },
    { "subhn2 v0.4s, v1.2d, v2.2d", IN_AB, { 0x5555aaaa5555aaaa, 0x7f5bbb978122c568 }, 0x0 },
    { "subhn2 v0.4s, v1.2d, v2.2d", IN_BA, { 0x7fffffff7fffffff, 0x80a444687edd3a97 }, 0x0 },
    { "subhn2 v0.16b, v1.8h, v2.8h", IN_AB, { 0x5555aaaa5555aaaa, 0x7fbb75b181c5094d }, 0x0 },
    { "subhn2 v0.16b, v1.8h, v2.8h", IN_BA, { 0x7fffffff7fffffff, 0x80448a4e7e3af6b2 }, 0x0 },
    { "rsubhn v0.8b, v1.8h, v2.8h", IN_AB, { 0x7fbc75b281c50a4e, 0x0000000000000000 }, 0x0 },
    { "rsubhn v0.8b, v1.8h, v2.8h", IN_BA, { 0x81448b4e7f3bf6b2, 0x0000000000000000 }, 0x0 },
    { "rsubhn2 v0.8h, v1.4s, v2.4s", IN_AB, { 0x5555aaaa5555aaaa, 0x7f5c7555812309ac }, 0x0 },
    { "rsubhn2 v0.8h, v1.4s, v2.4s", IN_BA, { 0x7fffffff7fffffff, 0x80a48aab7eddf654 }, 0x0 },
    { "rsubhn v0.2s, v1.2d, v2.2d", IN_AB, { 0x7f5bbb978122c568, 0x0000000000000000 }, 0x0 },
    { "rsubhn v0.2s, v1.2d, v2.2d", IN_BA, { 0x80a444697edd3a98, 0x0000000000000000 }, 0x0 },
    { "sabal v0.8h, v1.8b, v2.8b", IN_AB, { 0x564baafe55a2aabb, 0x33b4ccef336dcd34 }, 0x0 },
    { "sabal v0.8h, v1.8b, v2.8b", IN_BA, { 0x80f50053804c0010, 0x80810023003a0069 }, 0x0 },
    { "sabal2 v0.2d, v1.4s, v2.4s", IN_AB, { 0x5555aaaacaaa5c3b, 0x3333ccccb3d81135 }, 0x0 },
    { "sabal2 v0.2d, v1.4s, v2.4s", IN_CC, { 0x7fffffff7fffffff, 0x8000000000000001 }, 0x0 },
    { "sabal2 v0.4s, v1.8h, v2.8h", IN_AB, { 0x55561fff55565c3b, 0x33344d7033341135 }, 0x0 },
    { "sabal2 v0.4s, v1.8h, v2.8h", IN_BA, { 0x800075548000b190, 0x800080a40000446a }, 0x0 },
    { "uabal v0.4s, v1.4h, v2.4h", IN_AB, { 0x5555b4565555f899, 0x33344ba933340764 }, 0x0 },
    { "uabal v0.4s, v1.4h, v2.4h", IN_BA, { 0x800009ab80004dee, 0x80007edd00003a99 }, 0x0 },
    { "uabal2 v0.8h, v1.16b, v2.16b", IN_AB, { 0x55cbab5555a3ab19, 0x33b2cd283378cd63 }, 0x0 },
    { "uabal2 v0.8h, v1.16b, v2.16b", IN_BA, { 0x807500aa804d006e, 0x807f005c00450098 }, 0x0 },
    { "uabal v0.2d, v1.2s, v2.2s", IN_AB, { 0x5555aaaa5f01f899, 0x3333ccccb2110764 }, 0x0 },
    { "uabal v0.2d, v1.2s, v2.2s", IN_BA, { 0x7fffffff89ac4dee, 0x800000007edd3a99 }, 0x0 },
    { "sabdl v0.4s, v1.4h, v2.4h", IN_AB, { 0x0000f65400004def, 0x0000812300003a98 }, 0x0 },
    { "sabdl v0.4s, v1.4h, v2.4h", IN_BA, { 0x0000f65400004def, 0x0000812300003a98 }, 0x0 },
    { "sabdl2 v0.8h, v1.16b, v2.16b", IN_AB, { 0x0076005500b2006f, 0x0081005c00450069 }, 0x0 },
    { "sabdl2 v0.8h, v1.16b, v2.16b", IN_BA, { 0x0076005500b2006f, 0x0081005c00450069 }, 0x0 },
    { "sabdl v0.2d, v1.2s, v2.2s", IN_AB, { 0x00000000f653b211, 0x000000008122c568 }, 0x0 },
    { "sabdl v0.2d, v1.2s, v2.2s", IN_BA, { 0x00000000f653b211, 0x000000008122c568 }, 0x0 },
    { "uabdl v0.2d, v1.2s, v2.2s", IN_AB, { 0x0000000009ac4def, 0x000000007edd3a98 }, 0x0 },
    { "uabdl v0.2d, v1.2s, v2.2s", IN_BA, { 0x0000000009ac4def, 0x000000007edd3a98 }, 0x0 },
    { "uabdl2 v0.4s, v1.8h, v2.8h", IN_AB, { 0x0000755500004e6f, 0x00007f5c00004469 }, 0x0 },
    { "uabdl2 v0.4s, v1.8h, v2.8h", IN_BA, { 0x0000755500004e6f, 0x00007f5c00004469 }, 0x0 },
    { "uabdl v0.8h, v1.8b, v2.8b", IN_AB, { 0x000a0054004d00ef, 0x007f0023003a0098 }, 0x0 },
    { "uabdl v0.8h, v1.8b, v2.8b", IN_BA, { 0x000a0054004d00ef, 0x007f0023003a0098 }, 0x0 },
    { "smlal v0.8h, v1.8b, v2.8b", IN_AB, { 0x1a4caaff6ed5aaaa, 0x32b3cccc556ecc65 }, 0x0 },
    { "smlal v0.8h, v1.8b, v2.8b", IN_BA, { 0x44f60054997fffff, 0x7f800000223bff9a }, 0x0 },
    { "smlal2 v0.2d, v1.4s, v2.4s", IN_AB, { 0x55cbc3ed0012809a, 0x32a2ba98c3edef64 }, 0x0 },
    { "smlal2 v0.2d, v1.4s, v2.4s", IN_CC, { 0xbfffffff7fffffff, 0xbfffffff00000002 }, 0x0 },
    { "smlal v0.4s, v1.4h, v2.4h", IN_AB, { 0x1a2ba0ff6e5e2aaa, 0x32a24ccc55e70765 }, 0x0 },
    { "smlal v0.4s, v1.4h, v2.4h", IN_BB, { 0x9554aaab9555aaaa, 0x7333cccc7332cccd }, 0x0 },
    { "umlal v0.4s, v1.4h, v2.4h", IN_AB, { 0x9a2aa0ffbc4d2aaa, 0x33c54ccc55e70765 }, 0x0 },
    { "umlal v0.4s, v1.4h, v2.4h", IN_BA, { 0xc4d4f654e6f77fff, 0x8091800022b33a9a }, 0x0 },
    { "umlal2 v0.8h, v1.16b, v2.16b", IN_AB, { 0x5555fe566e55b29a, 0xb1353accec79cd64 }, 0x0 },
    { "umlal2 v0.8h, v1.16b, v2.16b", IN_BA, { 0x7fff53ab98ff07ef, 0xfe026e00b9460099 }, 0x0 },
    { "umlal2 v0.2d, v1.4s, v2.4s", IN_AB, { 0x55cbc3ed0012809a, 0xb223b999c3edef64 }, 0x0 },
    { "umlal2 v0.2d, v1.4s, v2.4s", IN_CC, { 0xbfffffff7fffffff, 0xbfffffff00000002 }, 0x0 },
    { "smlsl v0.4s, v1.4h, v2.4h", IN_AB, { 0x907fb4553c4d2aaa, 0x33c54ccc10809233 }, 0x0 },
    { "smlsl v0.4s, v1.4h, v2.4h", IN_BA, { 0xbb2a09aa66f77fff, 0x80918000dd4cc568 }, 0x0 },
    { "smlsl2 v0.8h, v1.16b, v2.16b", IN_AB, { 0x5555aafe6e55a2ba, 0x3431bacc32edcd34 }, 0x0 },
    { "smlsl2 v0.8h, v1.16b, v2.16b", IN_BA, { 0x7fff005398fff80f, 0x80feee00ffba0069 }, 0x0 },
    { "smlsl v0.2d, v1.2s, v2.2s", IN_AB, { 0x907f8888bc4d2aaa, 0x33c56eee11a39233 }, 0x0 },
    { "smlsl v0.2d, v1.2s, v2.2s", IN_CC, { 0x3fffffff7fffffff, 0x4000000000000001 }, 0x0 },
    { "umlsl v0.2d, v1.2s, v2.2s", IN_AB, { 0x10800888bc4d2aaa, 0x32a2298711a39233 }, 0x0 },
    { "umlsl v0.2d, v1.2s, v2.2s", IN_BA, { 0x3b2a5ddde6f77fff, 0x7f6e5cbade6fc568 }, 0x0 },
    { "umlsl2 v0.4s, v1.8h, v2.8h", IN_AB, { 0x54dfccfe3c34d4ba, 0xb4453acc7955aa34 }, 0x0 },
    { "umlsl2 v0.4s, v1.8h, v2.8h", IN_BA, { 0x7f8a225366df2a0f, 0x01116e004621dd69 }, 0x0 },
    { "umlsl v0.8h, v1.8b, v2.8b", IN_AB, { 0x115e0055eed5aaaa, 0x32b3cccc10f86633 }, 0x0 },
    { "umlsl v0.8h, v1.8b, v2.8b", IN_BA, { 0x3c0855aa197fffff, 0x7f800000ddc59968 }, 0x0 },
    { "smull v0.8h, v1.8b, v2.8b", IN_AB, { 0xc4f7005519800000, 0xff800000223bff99 }, 0x0 },
    { "smull v0.8h, v1.8b, v2.8b", IN_BB, { 0x3f01000140000000, 0x400000003f010001 }, 0x0 },
    { "smull2 v0.4s, v1.8h, v2.8h", IN_AB, { 0x0075ddace710d5f0, 0xff6e920000452298 }, 0x0 },
    { "smull2 v0.4s, v1.8h, v2.8h", IN_BB, { 0x0000fe013f813f01, 0x3f8040000000fe01 }, 0x0 },
    { "smull v0.2d, v1.2s, v2.2s", IN_AB, { 0xc4d6222199088000, 0xff6e5dde21903a99 }, 0x0 },
    { "smull v0.2d, v1.2s, v2.2s", IN_CC, { 0x4000000000000000, 0x4000000000000000 }, 0x0 },
    { "umull v0.2d, v1.2s, v2.2s", IN_AB, { 0x44d5a22199088000, 0x0091a34521903a99 }, 0x0 },
    { "umull v0.2d, v1.2s, v2.2s", IN_CC, { 0x4000000000000000, 0x4000000000000000 }, 0x0 },
    { "umull2 v0.8h, v1.16b, v2.16b", IN_AB, { 0x000053ac190007f0, 0x7e026e00b9460098 }, 0x0 },
    { "umull2 v0.8h, v1.16b, v2.16b", IN_BB, { 0x0000fe0140003f01, 0x3f014000fe010001 }, 0x0 },
    { "umull2 v0.4s, v1.8h, v2.8h", IN_AB, { 0x0075ddac1920d5f0, 0x7eee9200b9de2298 }, 0x0 },
    { "umull2 v0.4s, v1.8h, v2.8h", IN_BB, { 0x0000fe01407f3f01, 0x3f804000fe02fe01 }, 0x0 },
    { "sqdmlal v0.4s, v1.4h, v2.4h", IN_AB, { 0xdf0197547fffffff, 0x3210cccc789a41fe }, 0x8000000 },
    { "sqdmlal v0.4s, v1.4h, v2.4h", IN_BB, { 0x7fffffff7fffffff, 0x7fffffff7fffffff }, 0x8000000 },
    { "sqdmlal v0.4s, v1.4h, v2.4h", IN_CC, { 0x7fffffff7fffffff, 0xffffffff00000001 }, 0x8000000 },
    { "sqdmlal2 v0.2d, v1.4s, v2.4s", IN_AB, { 0x5641dd2faacf568a, 0x3211a86554a811fc }, 0x0 },
    { "sqdmlal2 v0.2d, v1.4s, v2.4s", IN_CC, { 0x7fffffffffffffff, 0xfffffffe00000003 }, 0x8000000 },
    { "sqdmlal2 v0.2d, v1.4s, v2.4s", IN_BA, { 0x7fffffffffffffff, 0x8000000000000000 }, 0x8000000 },
    { "sqdmlal2 v0.4s, v1.8h, v2.8h", IN_AB, { 0x564166022377568a, 0x3210f0cc33be11fc }, 0x0 },
    { "sqdmlal2 v0.4s, v1.8h, v2.8h", IN_BB, { 0x5557a6ac7fffffff, 0x7fffffff3335c8ce }, 0x8000000 },
    { "sqdmlsl v0.2d, v1.2s, v2.2s", IN_AB, { 0x7fffffffffffffff, 0x3457110ff013579a }, 0x8000000 },
    { "sqdmlsl v0.2d, v1.2s, v2.2s", IN_CC, { 0xffffffff80000000, 0x8000000000000000 }, 0x8000000 },
    { "sqdmlsl v0.2d, v1.2s, v2.2s", IN_BA, { 0x7fffffffffffffff, 0x81234443bcdf8acf }, 0x8000000 },
    { "sqdmlsl2 v0.4s, v1.8h, v2.8h", IN_AB, { 0x5469ef527fffffff, 0x3456a8cc32a9879c }, 0x8000000 },
    { "sqdmlsl2 v0.4s, v1.8h, v2.8h", IN_BB, { 0x5553aea8d6532ca8, 0xb4334ccc3331d0ca }, 0x0 },
    { "sqdmlsl2 v0.4s, v1.8h, v2.8h", IN_CC, { 0x000000007fffffff, 0x80000000ffffffff }, 0x8000000 },
    { "sqdmull v0.4s, v1.4h, v2.4h", IN_AB, { 0x89abecaa32110000, 0xfedd000045667532 }, 0x0 },
    { "sqdmull v0.4s, v1.4h, v2.4h", IN_BB, { 0x7ffe00027fffffff, 0x7fffffff7ffe0002 }, 0x8000000 },
    { "sqdmull2 v0.2d, v1.4s, v2.4s", IN_AB, { 0x00ec32855579abe0, 0xfedddb9921744530 }, 0x0 },
    { "sqdmull2 v0.2d, v1.4s, v2.4s", IN_CC, { 0x7fffffffffffffff, 0x7ffffffe00000002 }, 0x8000000 },
    { "sqdmull v0.2d, v1.2s, v2.2s", IN_AB, { 0x89ac444332110000, 0xfedcbbbc43207532 }, 0x0 },
    { "sqdmull v0.2d, v1.2s, v2.2s", IN_CC, { 0x7fffffffffffffff, 0x7fffffffffffffff }, 0x8000000 },
    { "pmull v0.8h, v1.8b, v2.8b", IN_AB, { 0x3c07669966800000, 0x008000001e4322dd }, 0x0 },
    { "pmull v0.8h, v1.8b, v2.8b", IN_BB, { 0x1555555540000000, 0x4000000015555555 }, 0x0 },
    { "pmull2 v0.8h, v1.16b, v2.16b", IN_AB, { 0x000033cc190007f0, 0x2aaa6e0069960098 }, 0x0 },
    { "pmull2 v0.8h, v1.16b, v2.16b", IN_BB, { 0x0000555540001555, 0x1555400055550001 }, 0x0 },
    { "pmull v0.1q, v1.1d, v2.1d", IN_AB, { 0x78e9dabb22528000, 0x0091a2c35a2af878 }, 0x0 },
    { "pmull v0.1q, v1.1d, v2.1d", IN_BB, { 0x1555555540000000, 0x4000000015555555 }, 0x0 },
    { "pmull v0.1q, v1.1d, v2.1d", IN_CC, { 0x4000000000000000, 0x4000000000000000 }, 0x0 },
    { "pmull2 v0.1q, v1.2d, v2.2d", IN_AB, { 0x60dcb579333ce9f0, 0x2af0bb11f1986f10 }, 0x0 },
    { "pmull2 v0.1q, v1.2d, v2.2d", IN_BB, { 0x0000555540001555, 0x1555400055550001 }, 0x0 },
    { "pmull2 v0.1q, v1.2d, v2.2d", IN_CC, { 0x4000000000000000, 0x1555555555555555 }, 0x0 },
    { "sqdmlal s0, h1, h2", IN_AB, { 0x000000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlal s0, h1, h2", IN_BB, { 0x000000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlal s0, h1, h2", IN_CC, { 0x000000007fffffff, 0x0000000000000000 }, 0x0 },
    { "sqdmlal d0, s1, s2", IN_AB, { 0xdf01eeed8766aaaa, 0x0000000000000000 }, 0x0 },
    { "sqdmlal d0, s1, s2", IN_CC, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlsl s0, h1, h2", IN_AB, { 0x000000002344aaaa, 0x0000000000000000 }, 0x0 },
    { "sqdmlsl s0, h1, h2", IN_BB, { 0x00000000d555aaab, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlsl s0, h1, h2", IN_CC, { 0x000000007fffffff, 0x0000000000000000 }, 0x0 },
    { "sqdmlsl d0, s1, s2", IN_AB, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlsl d0, s1, s2", IN_CC, { 0xffffffff80000000, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlsl d0, s1, s2", IN_BA, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmull s0, h1, h2", IN_AB, { 0x0000000032110000, 0x0000000000000000 }, 0x0 },
    { "sqdmull s0, h1, h2", IN_BB, { 0x000000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmull d0, s1, s2", IN_AB, { 0x89ac444332110000, 0x0000000000000000 }, 0x0 },
    { "sqdmull d0, s1, s2", IN_CC, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "mul v0.8h, v1.8h, v2.h[7]", IN_AB, { 0xee80cc80aa808880, 0x9200b400d600f800 }, 0x0 },
    { "mul v0.8h, v1.8h, v2.h[7]", IN_BB, { 0x0000808080800000, 0x4000ff8000804080 }, 0x0 },
    { "mul v0.2s, v1.2s, v2.s[3]", IN_AB, { 0xefc4de67344cdeef, 0x0000000000000000 }, 0x0 },
    { "mul v0.2s, v1.2s, v2.s[3]", IN_CC, { 0x8000000080000000, 0x0000000000000000 }, 0x0 },
    { "mul v0.4s, v1.4s, v2.s[0]", IN_AB, { 0xdd4c800099088000, 0xa2b40000e6f80000 }, 0x0 },
    { "mul v0.4s, v1.4s, v2.s[0]", IN_BA, { 0xdd4bb21199088000, 0x344cdeef5443a991 }, 0x0 },
    { "mul v0.4h, v1.4h, v2.h[2]", IN_AB, { 0x7edd3a99f655b211, 0x0000000000000000 }, 0x0 },
    { "mul v0.4h, v1.4h, v2.h[2]", IN_BA, { 0x80003a993a998000, 0x0000000000000000 }, 0x0 },
    { "mla v0.4s, v1.4s, v2.s[1]", IN_AB, { 0x76e5e54332a15cbb, 0x91a31234d5e79abc }, 0x0 },
    { "mla v0.4s, v1.4s, v2.s[1]", IN_BA, { 0xa1903a985d4c7fff, 0x6fc4de6754cbee1a }, 0x0 },
    { "mla v0.4h, v1.4h, v2.h[5]", IN_AB, { 0x7732cc4376aacbbb, 0x0000000000000000 }, 0x0 },
    { "mla v0.4h, v1.4h, v2.h[5]", IN_BA, { 0x7fff89ab09abffff, 0x0000000000000000 }, 0x0 },
    { "mla v0.8h, v1.8h, v2.h[0]", IN_AB, { 0xd5552aaad5552aaa, 0x3333cccc3333cccc }, 0x0 },
    { "mla v0.8h, v1.8h, v2.h[0]", IN_BA, { 0xffffb21032107fff, 0x0880deef2111a992 }, 0x0 },
    { "mls v0.8h, v1.8h, v2.h[2]", IN_AB, { 0xd67870115f00f899, 0x320f8764a987fedc }, 0x0 },
    { "mls v0.8h, v1.8h, v2.h[2]", IN_BA, { 0xffffc56645667fff, 0xb3802199de6711e8 }, 0x0 },
    { "mls v0.2s, v1.2s, v2.s[2]", IN_AB, { 0x0089bc9101120119, 0x0000000000000000 }, 0x0 },
    { "mls v0.2s, v1.2s, v2.s[2]", IN_BA, { 0xdd4c320f9907ffff, 0x0000000000000000 }, 0x0 },
    { "mls v0.4s, v1.4s, v2.s[3]", IN_AB, { 0x6590cc432108cbbb, 0xa279aa34e701aabc }, 0x0 },
    { "mls v0.4s, v1.4s, v2.s[3]", IN_BA, { 0x2190ba97dd4bffff, 0xef45dd6855cb6e99 }, 0x0 },
    { "smull v0.4s, v1.4h, v2.h[3]", IN_AB, { 0x3b2a800019088000, 0xff6e8000dd4c8000 }, 0x0 },
    { "smull v0.4s, v1.4h, v2.h[3]", IN_BB, { 0xc000800040000000, 0x40000000c0008000 }, 0x0 },
    { "smull2 v0.2d, v1.4s, v2.s[1]", IN_AB, { 0xc4d62221a2b3cdf0, 0x0091a2225e6f4568 }, 0x0 },
    { "smull2 v0.2d, v1.4s, v2.s[1]", IN_CC, { 0x4000000000000000, 0xc000000080000000 }, 0x0 },
    { "umull v0.2d, v1.2s, v2.s[3]", IN_AB, { 0x44919a33344cdeef, 0x00911232efc4de67 }, 0x0 },
    { "umull v0.2d, v1.2s, v2.s[3]", IN_CC, { 0x3fffffff80000000, 0x3fffffff80000000 }, 0x0 },
    { "umull2 v0.4s, v1.8h, v2.h[6]", IN_AB, { 0x75de225431de2210, 0xfdde22dcb9de2298 }, 0x0 },
    { "umull2 v0.4s, v1.8h, v2.h[6]", IN_BB, { 0x00fe01ff7fff017f, 0x7f00ff80fe02fe01 }, 0x0 },
    { "smlal v0.4s, v1.4h, v2.h[1]", IN_AB, { 0x1a2ba0ff3c4d5cbb, 0x33c54ba955e70765 }, 0x0 },
    { "smlal v0.4s, v1.4h, v2.h[1]", IN_BA, { 0x44d5f654bb2a7fff, 0xbb2a8000c4d5f656 }, 0x0 },
    { "smlal2 v0.2d, v1.4s, v2.s[2]", IN_AB, { 0x55cbc3ed0012809a, 0x3332aa17dd685e34 }, 0x0 },
    { "smlal2 v0.2d, v1.4s, v2.s[2]", IN_BA, { 0x807619422abcd5ef, 0xbaef64cd4c322211 }, 0x0 },
    { "umlal v0.2d, v1.2s, v2.s[0]", IN_AB, { 0x9a2b4ccbee5e2aaa, 0x33c56eee10804ccc }, 0x0 },
    { "umlal v0.2d, v1.2s, v2.s[0]", IN_BA, { 0xc4d5a22119087fff, 0xc4d62bccdd4bb212 }, 0x0 },
    { "umlal2 v0.4s, v1.8h, v2.h[4]", IN_AB, { 0x90ba5e566e76809a, 0xb3203bf090dc5e34 }, 0x0 },
    { "umlal2 v0.4s, v1.8h, v2.h[4]", IN_BA, { 0x8031ddef9920d5ef, 0x98eef80031de2211 }, 0x0 },
    { "smlsl v0.4s, v1.4h, v2.h[7]", IN_AB, { 0x9045002a6e45222a, 0x32a2de4c10a3004c }, 0x0 },
    { "smlsl v0.4s, v1.4h, v2.h[7]", IN_BA, { 0x8091fedb7f6dffff, 0x7f6e00000091fedd }, 0x0 },
    { "smlsl2 v0.2d, v1.4s, v2.s[3]", IN_AB, { 0x1a6645dd0923889a, 0x33c4deffa279aa34 }, 0x0 },
    { "smlsl2 v0.2d, v1.4s, v2.s[3]", IN_BA, { 0x800122b3d5cb6e97, 0x809112336f45dd69 }, 0x0 },
    { "umlsl v0.4s, v1.4h, v2.h[0]", IN_AB, { 0x10802aaaee5e2aaa, 0x32a24ccc10804ccc }, 0x0 },
    { "umlsl v0.4s, v1.4h, v2.h[0]", IN_BA, { 0x19094dee19087fff, 0x1908800099094df0 }, 0x0 },
    { "umlsl2 v0.2d, v1.4s, v2.s[1]", IN_AB, { 0x1a2b5678b2a1dcba, 0xb3c4f012d4c48764 }, 0x0 },
    { "umlsl2 v0.2d, v1.4s, v2.s[1]", IN_BA, { 0x7ffedd4b2b3411e6, 0x7f6eedcd103b219a }, 0x0 },
    { "sqdmull v0.4s, v1.4h, v2.h[1]", IN_AB, { 0x89abecaacdef6422, 0x0122fdba45667532 }, 0x0 },
    { "sqdmull v0.4s, v1.4h, v2.h[1]", IN_BB, { 0x7ffe000280010000, 0x800100007ffe0002 }, 0x0 },
    { "sqdmull2 v0.2d, v1.4s, v2.s[0]", IN_AB, { 0x7653bbbbcdf00000, 0xfedcbbbb45680000 }, 0x0 },
    { "sqdmull2 v0.2d, v1.4s, v2.s[0]", IN_CC, { 0x7fffffffffffffff, 0x8000000100000000 }, 0x8000000 },
    { "sqdmlal v0.4s, v1.4h, v2.h[3]", IN_AB, { 0x7fffffff7fffffff, 0x3210ccccedcccccc }, 0x8000000 },
    { "sqdmlal v0.4s, v1.4h, v2.h[3]", IN_BB, { 0xd556aaaa7fffffff, 0x7fffffffb334cccc }, 0x8000000 },
    { "sqdmlal v0.4s, v1.4h, v2.h[3]", IN_CC, { 0x7fffffff7fffffff, 0xffffffff00000001 }, 0x8000000 },
    { "sqdmlal2 v0.2d, v1.4s, v2.s[3]", IN_AB, { 0x7fffffffffffffff, 0x3211a86554a811fc }, 0x8000000 },
    { "sqdmlal2 v0.2d, v1.4s, v2.s[3]", IN_CC, { 0x000000007fffffff, 0xfffffffe00000003 }, 0x0 },
    { "sqdmlsl v0.2d, v1.2s, v2.s[1]", IN_AB, { 0xdf01eeec9abe4688, 0x3457110ff013579a }, 0x0 },
    { "sqdmlsl v0.2d, v1.2s, v2.s[1]", IN_CC, { 0xffffffff80000000, 0x8000000000000000 }, 0x8000000 },
    { "sqdmlsl2 v0.4s, v1.8h, v2.h[7]", IN_AB, { 0xdf77feaa2377baaa, 0x3456a8cc785664cc }, 0x0 },
    { "sqdmlsl2 v0.4s, v1.8h, v2.h[7]", IN_BB, { 0x5457a9aa7fffffff, 0xb4334ccc3431cdcc }, 0x8000000 },
    { "sqdmulh v0.8h, v1.8h, v2.h[3]", IN_AB, { 0xfeddba9976553211, 0x0124456889accdf0 }, 0x0 },
    { "sqdmulh v0.8h, v1.8h, v2.h[3]", IN_BB, { 0x7fff800180017fff, 0x808000ffff017f81 }, 0x8000000 },
    { "sqdmulh v0.2s, v1.2s, v2.s[1]", IN_AB, { 0xfedcbbbc7653bbbd, 0x0000000000000000 }, 0x0 },
    { "sqdmulh v0.2s, v1.2s, v2.s[1]", IN_CC, { 0x7fffffff7fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmulh v0.4s, v1.4s, v2.s[3]", IN_AB, { 0x012224658a213664, 0xfedddb9975dec99a }, 0x0 },
    { "sqdmulh v0.4s, v1.4s, v2.s[3]", IN_CC, { 0x8000000180000001, 0x7ffffffe80000001 }, 0x0 },
    { "sqrdmulh v0.4h, v1.4h, v2.h[6]", IN_AB, { 0xfffeff7600ec0064, 0x0000000000000000 }, 0x0 },
    { "sqrdmulh v0.4h, v1.4h, v2.h[6]", IN_BB, { 0x00ffff01ff0100ff, 0x0000000000000000 }, 0x0 },
    { "sqrdmulh v0.8h, v1.8h, v2.h[0]", IN_AB, { 0xfeddba9976553211, 0x0124456889accdf0 }, 0x0 },
    { "sqrdmulh v0.8h, v1.8h, v2.h[0]", IN_BB, { 0x7fff800180017fff, 0x808000ffff017f81 }, 0x8000000 },
    { "sqrdmulh v0.4s, v1.4s, v2.s[2]", IN_AB, { 0x00024569ff13cd7b, 0xfffdba9700ec3285 }, 0x0 },
    { "sqrdmulh v0.4s, v1.4s, v2.s[2]", IN_CC, { 0x7fffffff7fffffff, 0x800000017fffffff }, 0x8000000 },
    { "sqdmlal s0, h1, v2.h[3]", IN_AB, { 0x000000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlal s0, h1, v2.h[3]", IN_BB, { 0x000000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlal d0, s1, v2.s[1]", IN_AB, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlal d0, s1, v2.s[1]", IN_CC, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlsl s0, h1, v2.h[0]", IN_AB, { 0x000000002344aaaa, 0x0000000000000000 }, 0x0 },
    { "sqdmlsl s0, h1, v2.h[0]", IN_BB, { 0x00000000d555aaab, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlsl d0, s1, v2.s[3]", IN_AB, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmlsl d0, s1, v2.s[3]", IN_CC, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmull s0, h1, v2.h[7]", IN_AB, { 0x00000000ce211100, 0x0000000000000000 }, 0x0 },
    { "sqdmull s0, h1, v2.h[7]", IN_BB, { 0x0000000080800000, 0x0000000000000000 }, 0x0 },
    { "sqdmull d0, s1, v2.s[2]", IN_AB, { 0xff13cd7aa8875322, 0x0000000000000000 }, 0x0 },
    { "sqdmull d0, s1, v2.s[2]", IN_CC, { 0x7fffffffffffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqdmulh h0, h1, v2.h[4]", IN_AB, { 0x00000000000031df, 0x0000000000000000 }, 0x0 },
    { "sqdmulh h0, h1, v2.h[4]", IN_BB, { 0x0000000000007f81, 0x0000000000000000 }, 0x0 },
    { "sqdmulh s0, s1, v2.s[0]", IN_AB, { 0x0000000089ac4443, 0x0000000000000000 }, 0x0 },
    { "sqdmulh s0, s1, v2.s[0]", IN_CC, { 0x000000007fffffff, 0x0000000000000000 }, 0x8000000 },
    { "sqrdmulh h0, h1, v2.h[1]", IN_AB, { 0x000000000000cdef, 0x0000000000000000 }, 0x0 },
    { "sqrdmulh h0, h1, v2.h[1]", IN_BB, { 0x0000000000008001, 0x0000000000000000 }, 0x0 },
    { "sqrdmulh s0, s1, v2.s[3]", IN_AB, { 0x000000008a213664, 0x0000000000000000 }, 0x0 },
    { "sqrdmulh s0, s1, v2.s[3]", IN_CC, { 0x0000000080000001, 0x0000000000000000 }, 0x0 },
};

static void test_table(gconstpointer backend)
{
    run_vec_cases(backend, wide_cases, ARRAY_SIZE(wide_cases));
}

/* Register fields and Vd equal to a source (expected values from qemu-aarch64). */
static void test_registers(gconstpointer backend)
{
    static const uint64_t a[2] = { 0x0123456789abcdefULL, 0xfedcba9876543210ULL };
    static const uint64_t b[2] = { 0x80007fff7fff8000ULL, 0x7f80ff0100ff807fULL };
    GBytes *code = a64_assemble("  smull2 v1.2d, v1.4s, v1.s[1]\n"
                                "  umlal v3.8h, v3.8b, v3.8b\n"
                                "  addhn2 v4.16b, v4.8h, v4.8h\n"
                                "  sqdmulh v16.4s, v17.4s, v31.s[3]\n"
                                "  mul v30.8h, v30.8h, v15.h[7]\n");
    CPUARMState *env;
    A64Run r;

    if (skip_without_assembler(code)) {
        return;
    }
    a64_harness_init(&r, backend, "cortex-a57");
    env = &r.cpu->env;
    memcpy(env->vregs[1].d, a, 16);
    memcpy(env->vregs[3].d, a, 16);
    memcpy(env->vregs[4].d, a, 16);
    memcpy(env->vregs[15].d, a, 16);
    memcpy(env->vregs[16].d, b, 16);
    memcpy(env->vregs[17].d, b, 16);
    memcpy(env->vregs[31].d, a, 16);
    memcpy(env->vregs[30].d, a, 16);
    arm_fpsr_write(env, 0);
    a64_run_bytes(&r, code);
    g_assert_false(r.exception_taken);
    g_assert_cmphex(env->vregs[1].d[0], ==, 0x0086a1c9358e7470ULL);
    g_assert_cmphex(env->vregs[1].d[1], ==, 0xfffeb49923e20b28ULL);
    g_assert_cmphex(env->vregs[3].d[0], ==, 0x4a74b7a02dd4ad10ULL);
    g_assert_cmphex(env->vregs[3].d[1], ==, 0xfeddbf6188ed5b81ULL);
    g_assert_cmphex(env->vregs[4].d[0], ==, 0x0123456789abcdefULL);
    g_assert_cmphex(env->vregs[4].d[1], ==, 0xfd75ec64028a139bULL);
    g_assert_cmphex(env->vregs[16].d[0], ==, 0x01234444fedcbbbbULL);
    g_assert_cmphex(env->vregs[16].d[1], ==, 0xfedddb99fffdba97ULL);
    g_assert_cmphex(env->vregs[30].d[0], ==, 0xb414d684f8f41b64ULL);
    g_assert_cmphex(env->vregs[30].d[1], ==, 0x4d102aa00830e5c0ULL);
    g_assert_cmphex(arm_fpsr_read(env), ==, 0);
    g_bytes_unref(code);
    a64_harness_destroy(&r);
}

/* Reserved encodings of the groups (SIGILL on qemu-aarch64 -cpu cortex-a57). */
static void test_unallocated(gconstpointer backend)
{
    static const uint32_t undef[] = {
        0x4ee08020,     /* SMLAL2 with size 3 */
        0x4ee0c020,     /* SMULL2 with size 3 */
        0x0e20d020,     /* SQDMULL with byte elements */
        0x0e60e020,     /* PMULL with size 1 */
        0x0e60f020,     /* three different opcode 1111 */
        0x5e200020,     /* scalar SADDL does not exist */
        0x5e60c020,     /* scalar SMULL does not exist */
        0x5e20d020,     /* scalar SQDMULL with byte elements */
        0x0f008820,     /* MUL (by element) size 0 */
        0x0fc08820,     /* MUL (by element) size 3 */
        0x0fc0c020,     /* SQDMULH (by element) size 3 */
        0x2f408820,     /* by element U = 1 opcode 1000 */
        0x5f408020,     /* scalar MUL (by element) does not exist */
        0x5f00c020,     /* scalar SQDMULH (by element) size 0 */
    };

    expect_undefined(backend, "cortex-a57", undef, ARRAY_SIZE(undef), 0);
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "native", "tci" };
    static const struct {
        const char *name;
        GTestDataFunc fn;
    } tests[] = {
        { "table", test_table },
        { "registers", test_registers },
        { "unallocated", test_unallocated },
    };

    g_test_init(&argc, &argv, NULL);
    log_init();
    tcg_accel_log_init();
    for (size_t b = 0; b < ARRAY_SIZE(backends); b++) {
        for (size_t t = 0; t < ARRAY_SIZE(tests); t++) {
            char *path = g_strdup_printf("/a64-simd-wide/%s/%s", backends[b], tests[t].name);

            g_test_add_data_func(path, backends[b], tests[t].fn);
            g_free(path);
        }
    }
    return g_test_run();
}
