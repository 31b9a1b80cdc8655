/*
 * Exits with status 3 after a loop: the status reaches koine's exit code.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
    .section .text.boot
    .global _start
_start:
    movz    x2, #100
1:  subs    x2, x2, #1
    b.ne    1b
    cbnz    x2, fail
    movz    x0, #0x18
    adr     x1, exit_block
    hlt     #0xf000
fail:
    movz    x0, #0x18
    adr     x1, fail_block
    hlt     #0xf000

    .section .rodata
    .balign 8
exit_block:
    .quad   0x20026, 3
fail_block:
    .quad   0x20026, 99
