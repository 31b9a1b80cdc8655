/*
 * The smallest guest: print through semihosting and exit with status 0,
 * using only branches, ADR and MOVZ/MOVK (what the frontend had first).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
    .section .text.boot
    .global _start
_start:
    movz    x0, #0x04               /* SYS_WRITE0 */
    adr     x1, message
    hlt     #0xf000
    movz    x0, #0x18               /* SYS_EXIT */
    adr     x1, exit_block
    hlt     #0xf000
1:  b       1b

    .section .rodata
message:
    .asciz  "hello from AArch64\n"
    .balign 8
exit_block:
    .quad   0x20026                 /* ADP_Stopped_ApplicationExit */
    .quad   0                       /* status */
