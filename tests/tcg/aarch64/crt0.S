/*
 * Startup for the C test programs: a vector table that turns any
 * unexpected exception into exit status 100 + vector number (so a guest
 * fault fails the test instead of looping), the stack, a clear .bss,
 * main(), and exit with main's return value through semihosting.
 *
 * Programs that expect exceptions define sync_handler(frame, vector): the
 * synchronous vectors from the current EL (4) and from EL0 (8) save every
 * register in an ExceptionFrame (semihost.h), call it, and return with
 * ERET to frame->elr/spsr, which the handler may change. run_el0(fn)
 * runs fn at EL0 until it returns, which it does with SVC #0xffff; the
 * handler hands that to el0_return(frame) to get back to run_el0's caller.
 *
 * Started at EL2 or EL3 (-M virt,virtualization=on or secure=on), _start
 * also points VBAR of that EL at vectors_elx, whose 16 entries all save an
 * ExceptionFrame (with ELR/SPSR/ESR/FAR of the EL taking it) and call
 * elx_handler(frame, vector) (vector 0..15 in table order: 4 is "sync,
 * current EL, SPx", 5 its IRQ, 8 "sync, lower EL", 9 its IRQ), then ERET
 * to frame->elr/spsr. Programs for EL2/EL3 define elx_handler; a table
 * for another EL (VBAR_EL2 from EL3) may point at vectors_elx too.
 * run_lower(fn, stack_top, spsr, how) runs fn at the lower EL spsr names
 * (its SP_ELx or SP_EL0 = stack_top) until fn returns, which ends in
 * HVC #0xffff (how 0), SMC #0xffff (1) or SVC #0xffff (2); elx_handler
 * hands that to lower_return(frame) to get back to run_lower's caller.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
    .section .text.boot
    .global _start
_start:
    adr     x0, vectors
    msr     vbar_el1, x0
    mov     x0, #(3 << 20)          /* CPACR_EL1.FPEN: FP/AdvSIMD at EL0 and EL1 */
    msr     cpacr_el1, x0
    mrs     x0, CurrentEL
    cmp     x0, #(2 << 2)
    b.lo    4f
    adr     x1, vectors_elx
    b.eq    5f
    msr     vbar_el3, x1
    b       4f
5:  msr     vbar_el2, x1
4:  isb
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

    /*
     * The ExceptionFrame (x0..x30, elr, spsr, esr, far: 288 bytes with
     * padding) of both vector tables: the vector stored x0/x1, these the
     * rest, and put all of it back.
     */
    .macro frame_save_x2_x30
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
    .endm

    .macro frame_restore_eret
    ldp     x0, x1, [sp, #0]
    ldp     x2, x3, [sp, #16]
    ldp     x4, x5, [sp, #32]
    ldp     x6, x7, [sp, #48]
    ldp     x8, x9, [sp, #64]
    ldp     x10, x11, [sp, #80]
    ldp     x12, x13, [sp, #96]
    ldp     x14, x15, [sp, #112]
    ldp     x16, x17, [sp, #128]
    ldp     x18, x19, [sp, #144]
    ldp     x20, x21, [sp, #160]
    ldp     x22, x23, [sp, #176]
    ldp     x24, x25, [sp, #192]
    ldp     x26, x27, [sp, #208]
    ldp     x28, x29, [sp, #224]
    ldr     x30, [sp, #240]
    add     sp, sp, #288
    eret
    .endm

    /* run_el0/run_lower: the caller's callee-saved registers and SP in the area at x9. */
    .macro callee_save_x9
    stp     x19, x20, [x9, #0]
    stp     x21, x22, [x9, #16]
    stp     x23, x24, [x9, #32]
    stp     x25, x26, [x9, #48]
    stp     x27, x28, [x9, #64]
    stp     x29, x30, [x9, #80]
    mov     x10, sp
    str     x10, [x9, #96]
    .endm

    .macro callee_restore_x9_ret
    ldp     x19, x20, [x9, #0]
    ldp     x21, x22, [x9, #16]
    ldp     x23, x24, [x9, #32]
    ldp     x25, x26, [x9, #48]
    ldp     x27, x28, [x9, #64]
    ldp     x29, x30, [x9, #80]
    ldr     x10, [x9, #96]
    mov     sp, x10
    ret
    .endm

    .macro vector n
    .balign 0x80
    mov     x0, #(100 + \n)
    b       unexpected
    .endm

    /* ExceptionFrame: x0..x30, elr, spsr, esr, far (288 bytes with padding). */
    .macro sync_vector n
    .balign 0x80
    sub     sp, sp, #288
    stp     x0, x1, [sp, #0]
    mov     x1, #\n
    b       sync_common
    .endm

    .balign 0x800
vectors:
    .irp n, 0, 1, 2, 3
    vector \n
    .endr
    sync_vector 4
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
    .irp n, 6, 7
    vector \n
    .endr
    sync_vector 8
    .irp n, 9, 10, 11, 12, 13, 14, 15
    vector \n
    .endr

sync_common:
    frame_save_x2_x30
    mrs     x2, elr_el1
    mrs     x3, spsr_el1
    stp     x2, x3, [sp, #248]
    mrs     x2, esr_el1
    mrs     x3, far_el1
    stp     x2, x3, [sp, #264]
    mov     x0, sp
    bl      sync_handler
    ldp     x2, x3, [sp, #248]
    msr     elr_el1, x2
    msr     spsr_el1, x3
    frame_restore_eret

    /* The EL2/EL3 table (see the top of this file). */
    .macro elx_vector n
    .balign 0x80
    sub     sp, sp, #288
    stp     x0, x1, [sp, #0]
    mov     x1, #\n
    b       elx_common
    .endm

    .balign 0x800
    .global vectors_elx
vectors_elx:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    elx_vector \n
    .endr

elx_common:
    frame_save_x2_x30
    mrs     x19, CurrentEL
    cmp     x19, #(3 << 2)
    b.eq    1f
    mrs     x2, elr_el2
    mrs     x3, spsr_el2
    mrs     x4, esr_el2
    mrs     x5, far_el2
    b       2f
1:  mrs     x2, elr_el3
    mrs     x3, spsr_el3
    mrs     x4, esr_el3
    mrs     x5, far_el3
2:  stp     x2, x3, [sp, #248]
    stp     x4, x5, [sp, #264]
    mov     x0, sp
    bl      elx_handler
    ldp     x2, x3, [sp, #248]
    cmp     x19, #(3 << 2)
    b.eq    1f
    msr     elr_el2, x2
    msr     spsr_el2, x3
    b       2f
1:  msr     elr_el3, x2
    msr     spsr_el3, x3
2:  frame_restore_eret

    /* uint64_t run_lower(uint64_t (*fn)(void), void *stack_top, uint64_t spsr, int how) */
    .global run_lower
run_lower:
    adr     x9, lower_saved
    callee_save_x9
    mov     x20, x0
    mov     x21, x3
    tbz     x2, #0, 3f              /* M[0] = 0: SP_EL0 */
    ubfx    x10, x2, #2, #2
    cmp     x10, #2
    b.eq    2f
    msr     sp_el1, x1
    b       4f
2:  msr     sp_el2, x1
    b       4f
3:  msr     sp_el0, x1
4:  adr     x10, lower_trampoline
    mrs     x11, CurrentEL
    cmp     x11, #(3 << 2)
    b.eq    5f
    msr     elr_el2, x10
    msr     spsr_el2, x2
    eret
5:  msr     elr_el3, x10
    msr     spsr_el3, x2
    eret
lower_trampoline:
    blr     x20
    cmp     x21, #1
    b.eq    1f
    b.hi    2f
    hvc     #0xffff
1:  smc     #0xffff
2:  svc     #0xffff
3:  b       3b

    /* Back at EL2/EL3 in run_lower's caller, returning what fn returned (x0). */
lower_resume:
    adr     x9, lower_saved
    callee_restore_x9_ret

    /* void lower_return(ExceptionFrame *f): ERET to lower_resume at this EL, DAIF masked. */
    .global lower_return
lower_return:
    adr     x1, lower_resume
    mrs     x2, CurrentEL
    mov     x3, #0x3c1
    orr     x2, x2, x3
    stp     x1, x2, [x0, #248]
    ret

    /* Programs that expect nothing at EL2/EL3 fail with 200 + vector, printing the ESR. */
    .weak   elx_handler
elx_handler:
    add     x19, x1, #200
    ldr     x20, [x0, #264]
    adr     x0, unexpected_msg
    bl      semi_puts
    mov     x0, x20
    bl      semi_put_hex
    mov     x0, x19
    bl      semi_exit

    /* Programs that expect no synchronous exception fail on one. */
    .weak   sync_handler
sync_handler:
    add     x0, x1, #100
    b       unexpected

    /* uint64_t run_el0(uint64_t (*fn)(void), void *stack_top) */
    .global run_el0
run_el0:
    adr     x9, el0_saved
    callee_save_x9
    msr     sp_el0, x1
    mov     x20, x0
    adr     x10, el0_trampoline
    msr     elr_el1, x10
    msr     spsr_el1, xzr           /* EL0t, interrupts unmasked */
    eret
el0_trampoline:
    blr     x20
    svc     #0xffff
1:  b       1b

    /* Back at EL1 in run_el0's caller, returning what fn returned (x0). */
el0_resume:
    adr     x9, el0_saved
    callee_restore_x9_ret

    /* void el0_return(ExceptionFrame *f): the handler's way back from run_el0's SVC #0xffff. */
    .global el0_return
el0_return:
    adr     x1, el0_resume
    mov     x2, #0x3c5              /* EL1h, DAIF masked */
    stp     x1, x2, [x0, #248]
    ret

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

    .bss
    .balign 8
el0_saved:
    .skip   104
lower_saved:
    .skip   104

    .section .rodata
unexpected_msg:
    .asciz  "unexpected exception, ESR "
