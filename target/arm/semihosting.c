/*
 * Arm semihosting for A64 guests (Arm "Semihosting for AArch32 and AArch64",
 * version 2): HLT #0xf000 with the operation in W0 and a parameter block
 * address in X1; the result goes to X0. Bare-metal test programs print and
 * exit through it (-semihosting).
 *
 * Console output goes to the chardev of serial port 0 when there is one,
 * else to stdout. SYS_EXIT ends Koine with the program's status.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "target/arm/cpu.h"
#include "target/arm/helper.h"
#include "accel/tcg/tcg-accel.h"
#include "chardev/char.h"
#include "softmmu/machine.h"
#include "softmmu/runstate.h"
#include "util/log.h"

#define SYS_WRITEC        0x03
#define SYS_WRITE0        0x04
#define SYS_WRITE         0x05
#define SYS_READ          0x06
#define SYS_CLOCK         0x10
#define SYS_TIME          0x11
#define SYS_ERRNO         0x13
#define SYS_HEAPINFO      0x16
#define SYS_EXIT          0x18
#define SYS_EXIT_EXTENDED 0x20

#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static gint64 start_time;

typedef struct SemiCall {
    CPUState *cpu;
    unsigned mmu_idx;
    uintptr_t retaddr;
} SemiCall;

static uint64_t semi_ld64(SemiCall *c, uint64_t addr)
{
    return guest_load(c->cpu, addr, make_memop_idx(MO_LEUQ, c->mmu_idx), c->retaddr);
}

static uint8_t semi_ld8(SemiCall *c, uint64_t addr)
{
    return guest_load(c->cpu, addr, make_memop_idx(MO_UB, c->mmu_idx), c->retaddr);
}

static void semi_console_write(const uint8_t *buf, size_t len)
{
    Chardev *chr = current_machine ? machine_serial_chardev(current_machine, 0) : NULL;

    if (chr) {
        chr_write_all(chr, buf, len);
    } else if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
        log_mask(log_guest_errors, "semihosting: console write failed\n");
    }
}

static void semi_exit(uint64_t reason, uint64_t subcode)
{
    /* ADP_Stopped_ApplicationExit carries the status; any other reason is a failure. */
    runstate_set_exit_code(reason == ADP_STOPPED_APPLICATION_EXIT ? (int)subcode : 1);
    system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
}

void helper_semihosting(void *opaque)
{
    CPUARMState *env = opaque;
    SemiCall c = {
        .cpu = env_cpu(env),
        .mmu_idx = env_cpu(env)->ops->mmu_index(env_cpu(env), false),
        .retaddr = TCG_GETPC(),
    };
    uint32_t op = (uint32_t)env->xregs[0];
    uint64_t arg = env->xregs[1];
    uint64_t ret = 0;

    if (!start_time) {
        start_time = g_get_monotonic_time();
    }
    switch (op) {
    case SYS_WRITEC: {
        uint8_t ch = semi_ld8(&c, arg);

        semi_console_write(&ch, 1);
        break;
    }
    case SYS_WRITE0: {
        GByteArray *text = g_byte_array_new();

        for (uint8_t ch; (ch = semi_ld8(&c, arg)) != 0; arg++) {
            g_byte_array_append(text, &ch, 1);
        }
        semi_console_write(text->data, text->len);
        g_byte_array_free(text, true);
        break;
    }
    case SYS_WRITE: {
        uint64_t buf = semi_ld64(&c, arg + 8), len = semi_ld64(&c, arg + 16);
        uint8_t *data = g_malloc(MIN(len, 1 * MiB) + 1);

        len = MIN(len, 1 * MiB);
        for (uint64_t i = 0; i < len; i++) {
            data[i] = semi_ld8(&c, buf + i);
        }
        semi_console_write(data, len);
        g_free(data);
        ret = 0;                /* bytes not written */
        break;
    }
    case SYS_READ:
        /* No console input yet: report end of file (all bytes unread). */
        ret = semi_ld64(&c, arg + 16);
        break;
    case SYS_CLOCK:
        ret = (g_get_monotonic_time() - start_time) / 10000;
        break;
    case SYS_TIME:
        ret = g_get_real_time() / G_USEC_PER_SEC;
        break;
    case SYS_ERRNO:
        ret = 0;
        break;
    case SYS_HEAPINFO:
        /* Four zero words: the program picks its own heap and stack. */
        for (int i = 0; i < 4; i++) {
            guest_store(c.cpu, semi_ld64(&c, arg) + 8 * i, 0,
                        make_memop_idx(MO_LEUQ, c.mmu_idx), c.retaddr);
        }
        break;
    case SYS_EXIT:
    case SYS_EXIT_EXTENDED:
        semi_exit(semi_ld64(&c, arg), semi_ld64(&c, arg + 8));
        /* Stop this vCPU until the main loop shuts down. */
        env->pc += 4;
        c.cpu->halted = true;
        c.cpu->exception_index = EXCP_HLT;
        cpu_loop_exit(c.cpu);
    default:
        log_mask(log_unimp, "semihosting: operation 0x%x not implemented\n", op);
        ret = (uint64_t)-1;
        break;
    }
    env->xregs[0] = ret;
    env->pc += 4;
}

const TCGHelperInfo helper_info_semihosting = {
    .func = helper_semihosting, .name = "semihosting",
    .nb_args = 1, .arg_types = { TCG_TYPE_PTR },
};
