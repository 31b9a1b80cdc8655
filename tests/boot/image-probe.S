/*
 * A tiny arm64 Linux "Image" that checks how it was booted (Linux's
 * Documentation/arch/arm64/booting.rst): the 64-byte Image header, then
 * code that records the entry state before touching anything and hands it
 * to probe_main() (image-probe.c), which reports through semihosting.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
    .section .text.head, "ax"
    .global _start
_start:
    b       entry                   /* code0 */
    .long   0                       /* code1 */
    .quad   0x80000                 /* text_offset */
    .quad   __image_size            /* image_size: up to _end, bss and stack included */
    .quad   0xa                     /* flags: little-endian, 4K pages, anywhere */
    .quad   0, 0, 0                 /* res2-res4 */
    .ascii  "ARM\x64"               /* magic */
    .long   0                       /* res5 */

entry:
    adr     x9, boot_state
    stp     x0, x1, [x9, #0]
    stp     x2, x3, [x9, #16]
    adr     x10, _start
    mrs     x11, CurrentEL
    stp     x10, x11, [x9, #32]
    mrs     x10, DAIF
    mrs     x11, SCTLR_EL1
    stp     x10, x11, [x9, #48]
    adr     x10, vectors
    msr     VBAR_EL1, x10
    ldr     x10, =__stack_top
    mov     sp, x10
    ldr     x10, =__bss_start
    ldr     x11, =__bss_end
1:  cmp     x10, x11
    b.hs    2f
    str     xzr, [x10], #8
    b       1b
2:  mov     x0, x9
    bl      probe_main
    bl      semi_exit
3:  b       3b

/* Any exception fails the probe with status 100 + vector number. */
    .macro vector n
    .balign 0x80
    mov     x0, #(100 + \n)
    bl      semi_exit
    .endm

    .balign 0x800
vectors:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    vector \n
    .endr

    .data
    .balign 8
    .global boot_state
boot_state:
    .fill   8, 8, 0
