/*
 * `-M virt`: QEMU's ARM virt board, for AArch64 guests.
 *
 * The memory map is QEMU's, so firmware and kernels built for that board
 * run unchanged:
 *
 *     0x00000000  flash 0 and 1 (2 x 64 MiB)           not yet
 *     0x08000000  GIC distributor/CPU interface         not yet
 *     0x09000000  PL011 UART (serial 0)
 *     0x09010000  PL031 RTC
 *     0x09020000  fw_cfg                                not yet
 *     0x0a000000  virtio-mmio transports                not yet
 *     0x40000000  RAM (-m)
 *
 * What exists today runs bare-metal ELF programs (-kernel prog.elf, with
 * -semihosting for their console and exit status): the first CPU starts
 * at the ELF entry point at EL1, the others wait for PSCI CPU_ON. Options
 * and images the board does not handle yet are refused with "not supported
 * yet" rather than ignored.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/boards.h"
#include "chardev/char.h"
#include "hw/char/pl011.h"
#include "hw/core/loader.h"
#include "hw/core/qdev.h"
#include "hw/rtc/pl031.h"
#include "softmmu/memory.h"
#include "softmmu/runstate.h"
#include "target/arm/cpu.h"
#include "target/arm/helper-sys.h"

#define VIRT_UART_BASE 0x09000000
#define VIRT_RTC_BASE  0x09010000
#define VIRT_RAM_BASE  0x40000000ULL

typedef struct VirtMachine {
    GPtrArray *cpus;            /* ARMCPU * */
    uint64_t entry;             /* where CPU 0 starts after every reset */
} VirtMachine;

static VirtMachine *virt_of(MachineState *ms)
{
    return ms->board;
}

static void virt_reset(void *opaque)
{
    MachineState *ms = opaque;
    VirtMachine *vms = virt_of(ms);

    for (guint i = 0; i < vms->cpus->len; i++) {
        ARMCPU *cpu = vms->cpus->pdata[i];

        arm_cpu_reset(&cpu->parent);
        if (i == 0) {
            cpu->env.pc = vms->entry;
        } else {
            /* Secondary CPUs stay off until the guest starts them (PSCI CPU_ON). */
            arm_psci_set_powered_off(cpu);
        }
    }
}

static bool virt_refuse_unsupported(MachineState *ms, Error **errp)
{
    static const char *const later[] = { "gic-version", "virtualization", "secure", "dumpdtb" };

    for (size_t i = 0; i < ARRAY_SIZE(later); i++) {
        if (keyval_get(ms->options, later[i])) {
            error_setg(errp, "option %s: not supported yet", later[i]);
            return false;
        }
    }
    if (ms->bios) {
        error_setg(errp, "-bios: not supported yet (the flash banks come with the board)");
        return false;
    }
    if (ms->initrd || ms->dtb || ms->append) {
        error_setg(errp, "-initrd, -dtb and -append: not supported yet (Linux boot needs the "
                   "device tree)");
        return false;
    }
    return true;
}

static bool virt_add_device(const DeviceClass *dc, hwaddr base, Chardev *chr, Error **errp)
{
    DeviceState *dev = device_new(dc);

    if (chr && !device_set_prop(dev, "chardev", chardev_id(chr), errp)) {
        device_destroy(dev);
        return false;
    }
    if (!device_realize(dev, NULL, errp)) {
        device_destroy(dev);
        return false;
    }
    device_mmio_map(dev, 0, base);
    return true;
}

static bool virt_load_kernel(MachineState *ms, Error **errp)
{
    ElfInfo info;
    GError *gerr = NULL;
    gchar *head;
    gsize len;
    bool elf;

    if (!ms->kernel) {
        virt_of(ms)->entry = VIRT_RAM_BASE;
        return true;
    }
    if (!g_file_get_contents(ms->kernel, &head, &len, &gerr)) {
        error_setg(errp, "-kernel: cannot read '%s': %s", ms->kernel, gerr->message);
        g_error_free(gerr);
        return false;
    }
    elf = elf_is_elf((const uint8_t *)head, len);
    g_free(head);
    if (!elf) {
        error_setg(errp, "-kernel %s: Linux Image files are not supported yet (ELF files are)",
                   ms->kernel);
        return false;
    }
    if (!elf_load(ms->kernel, get_address_space_memory(), ELF_MACHINE_AARCH64, &info, errp)) {
        error_prepend(errp, "-kernel: ");
        return false;
    }
    virt_of(ms)->entry = info.entry;
    return true;
}

static bool virt_init(MachineState *ms, Error **errp)
{
    VirtMachine *vms = g_new0(VirtMachine, 1);

    ms->board = vms;
    vms->cpus = g_ptr_array_new();
    if (!virt_refuse_unsupported(ms, errp) || !machine_create_ram(ms, VIRT_RAM_BASE, errp)) {
        return false;
    }
    for (unsigned i = 0; i < ms->smp_cpus; i++) {
        ARMCPU *cpu = arm_cpu_new(ms->cpu_type, i, get_address_space_memory(), errp);

        if (!cpu) {
            return false;
        }
        cpu->semihosting = ms->semihosting;
        g_ptr_array_add(vms->cpus, cpu);
    }
    if (!virt_add_device(&pl011_class, VIRT_UART_BASE, machine_serial_chardev(ms, 0), errp) ||
        !virt_add_device(&pl031_class, VIRT_RTC_BASE, NULL, errp) ||
        !virt_load_kernel(ms, errp)) {
        return false;
    }
    reset_handler_register(virt_reset, ms);
    return true;
}

static void virt_free(MachineState *ms)
{
    VirtMachine *vms = virt_of(ms);

    if (!vms) {
        return;
    }
    reset_handler_unregister(virt_reset, ms);
    for (guint i = 0; i < vms->cpus->len; i++) {
        arm_cpu_free(vms->cpus->pdata[i]);
    }
    g_ptr_array_free(vms->cpus, true);
    g_free(vms);
    ms->board = NULL;
}

static const MachineOption virt_options[] = {
    { "gic-version", "2 or 3: the interrupt controller (not supported yet)" },
    { "virtualization", "on/off: EL2 (not supported yet)" },
    { "secure", "on/off: EL3 and the secure world (not supported yet)" },
    { "dumpdtb", "FILE: write the generated device tree there and exit (not supported yet)" },
    { "dtb-randomness", "on/off: kaslr-seed and rng-seed in /chosen" },
    { NULL, NULL },
};

const MachineClass virt_machine_class = {
    .name = "virt",
    .desc = "QEMU-compatible ARM virt board (AArch64; bare-metal ELF programs for now)",
    .arch = "aarch64",
    .cpu_types = arm_cpu_models,
    .default_cpu = "cortex-a57",
    .default_ram_size = 128 * MiB,
    .max_ram_size = 255 * GiB,
    .max_cpus = 8,
    .options = virt_options,
    .can_boot_kernel = true,
    .can_load_bios = true,
    .init = virt_init,
    .free = virt_free,
};
