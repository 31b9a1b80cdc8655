/*
 * Startup for the C test programs: a vector table that turns any
 * unexpected exception into exit status 100 + vector number (so a guest
 * fault fails the test instead of looping), the stack, a clear .bss,
 * main(), and exit with main's return value through semihosting.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
    .section .text.boot
    .global _start
_start:
    adr     x0, vectors
    msr     vbar_el1, x0
    mov     x0, #(3 << 20)          /* CPACR_EL1.FPEN: FP/AdvSIMD at EL0 and EL1 */
    msr     cpacr_el1, x0
    isb
    ldr     x0, =__stack_top
    mov     sp, x0
    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:  bl      main
    bl      semi_exit
3:  b       3b

    .macro vector n
    .balign 0x80
    mov     x0, #(100 + \n)
    b       unexpected
    .endm

    .balign 0x800
vectors:
    .irp n, 0, 1, 2, 3, 4
    vector \n
    .endr
    /* 5: IRQ from the current EL on SP_ELx: the program's irq_handler(). */
    .balign 0x80
    stp     x29, x30, [sp, #-176]!
    stp     x0, x1, [sp, #16]
    stp     x2, x3, [sp, #32]
    stp     x4, x5, [sp, #48]
    stp     x6, x7, [sp, #64]
    stp     x8, x9, [sp, #80]
    stp     x10, x11, [sp, #96]
    stp     x12, x13, [sp, #112]
    stp     x14, x15, [sp, #128]
    stp     x16, x17, [sp, #144]
    str     x18, [sp, #160]
    bl      irq_handler
    b       irq_return
    .irp n, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    vector \n
    .endr

irq_return:
    ldp     x0, x1, [sp, #16]
    ldp     x2, x3, [sp, #32]
    ldp     x4, x5, [sp, #48]
    ldp     x6, x7, [sp, #64]
    ldp     x8, x9, [sp, #80]
    ldp     x10, x11, [sp, #96]
    ldp     x12, x13, [sp, #112]
    ldp     x14, x15, [sp, #128]
    ldp     x16, x17, [sp, #144]
    ldr     x18, [sp, #160]
    ldp     x29, x30, [sp], #176
    eret

    /* Programs that expect no interrupt fail on one. */
    .weak   irq_handler
irq_handler:
    mov     x0, #105
    b       unexpected

unexpected:
    mov     x19, x0
    adr     x0, unexpected_msg
    bl      semi_puts
    mrs     x0, esr_el1
    bl      semi_put_hex
    mov     x0, x19
    bl      semi_exit

    .section .rodata
unexpected_msg:
    .asciz  "unexpected exception, ESR "
