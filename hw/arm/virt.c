/*
 * `-M virt`: QEMU's ARM virt board, for AArch64 guests.
 *
 * The memory map is QEMU's, so firmware and kernels built for that board
 * run unchanged (hw/arm/virt.h has the addresses):
 *
 *     0x00000000  flash 0 and 1 (2 x 64 MiB CFI01; -bios, -drive if=pflash)
 *     0x08000000  GIC distributor; CPU interface at 0x08010000 (GICv2, default)
 *                 or redistributors at 0x080a0000 (-M virt,gic-version=3)
 *     0x09000000  PL011 UART (serial 0)
 *     0x09010000  PL031 RTC
 *     0x09020000  fw_cfg (with DMA)
 *     0x09030000  PL061 GPIO (line 3: the power button)
 *     0x09040000  PL011 UART, Secure (secure=on; serial 1)
 *     0x0a000000  32 virtio-mmio transports (-device virtio-*-device, -drive if=virtio)
 *     0x0e000000  16 MiB Secure RAM (secure=on)
 *     0x10000000  PCIe 32-bit MMIO window; I/O window at 0x3eff0000 (-device *-pci)
 *     0x40000000  RAM (-m)
 *   0x4010000000  PCIe ECAM (256 buses); 64-bit MMIO window at 0x8000000000
 *
 * Three ways to boot. With -bios, the firmware goes into flash bank 0, the
 * device tree (virt-fdt.c, or -dtb) goes to the start of RAM and CPU 0
 * starts at 0 in flash, as on QEMU; -kernel/-initrd/-append then reach the
 * firmware through fw_cfg. Without -bios, -kernel takes either
 *   - a Linux arm64 Image, raw or gzip-compressed (Linux's booting.rst):
 *     the kernel at RAM base + text_offset, the initrd at the next 2 MiB
 *     boundary after the kernel's image_size, the device tree at the next
 *     2 MiB boundary after that (so it never crosses one, as the kernel
 *     requires); CPU 0 enters the kernel in Non-secure EL2 when the CPUs
 *     have EL2 (virtualization=on), else Non-secure EL1, with SCR_EL3
 *     set up for that when they have EL3 (secure=on), as firmware would
 *     (arm_cpu_enter_lower_el), x0 = the tree's address, x1..x3 = 0, MMU
 *     and caches off, DAIF masked. All three are written again at every
 *     reset, so a guest reboot boots afresh.
 *   - a bare-metal ELF program: CPU 0 starts at its entry point at the
 *     reset EL (the highest: EL3 with secure=on, else EL2 with
 *     virtualization=on, else EL1), as firmware given with -bios does.
 * Secondary CPUs wait for PSCI CPU_ON either way.
 *
 * EL2 and EL3 (docs/user/virt.md): virtualization=on gives every CPU EL2,
 * secure=on EL3 plus QEMU's Secure-only RAM and UART, mapped in the one
 * address space Koine has (no Secure/Non-secure split of the bus). PSCI
 * is emulated on SMC with virtualization=on (HVC then belongs to the
 * guest's hypervisor) or with secure=on and no firmware, on HVC otherwise,
 * and not at all when firmware runs at EL3 (secure=on with -bios or a
 * flash drive): that firmware provides PSCI, and the tree has no /psci.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "hw/arm/virt.h"
#include <libfdt.h>
#include "chardev/char.h"
#include "hw/block/pflash-cfi01.h"
#include "hw/char/pl011.h"
#include "hw/core/loader.h"
#include "hw/gpio/pl061.h"
#include "hw/pci-host/gpex.h"
#include "hw/intc/arm-gicv2.h"
#include "hw/intc/arm-gicv3.h"
#include "accel/tcg/tcg-accel.h"
#include "hw/rtc/pl031.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/virtio-mmio.h"
#include "block/drive.h"
#include "softmmu/memory.h"
#include "softmmu/runstate.h"
#include "softmmu/timers.h"
#include "target/arm/cpu.h"
#include "target/arm/helper-sys.h"
#include "target/arm/gicv3-cpuif.h"

/* How long the power button stays pressed: Linux's gpio-keys reads the level. */
#define VIRT_POWER_PRESS_MS 100

/* booting.rst: the tree must not exceed 2 MiB nor cross a 2 MiB boundary. */
#define VIRT_FDT_MAX_SIZE   (2 * MiB)
#define VIRT_BOOT_ALIGN     (2 * MiB)

/* A Linux boot image (kernel, initrd) and where it goes in RAM. */
typedef struct VirtBootImage {
    uint64_t addr;
    uint8_t *data;
    size_t len;
} VirtBootImage;

static void virt_boot_image_free(gpointer p)
{
    VirtBootImage *img = p;

    g_free(img->data);
    g_free(img);
}

static uint64_t align_up(uint64_t v, uint64_t align)
{
    return (v + align - 1) & ~(align - 1);
}

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
            if (vms->linux_boot) {
                /* booting.rst: Non-secure, at EL2 if there is one (see the top of this file). */
                arm_cpu_enter_lower_el(cpu, cpu->boot_el);
                /* booting.rst: x0 = the tree's physical address, x1..x3 = 0 (reset). */
                cpu->env.xregs[0] = vms->fdt_addr;
            }
        } else {
            /* Secondary CPUs stay off until the guest starts them (PSCI CPU_ON). */
            arm_psci_set_powered_off(cpu);
        }
    }
    /* The guest may have changed or overwritten them: every boot gets fresh copies. */
    for (guint i = 0; vms->boot_images && i < vms->boot_images->len; i++) {
        VirtBootImage *img = vms->boot_images->pdata[i];

        address_space_write_rom(get_address_space_memory(), img->addr,
                                MEMTXATTRS_UNSPECIFIED, img->data, img->len);
    }
    if (vms->load_fdt) {
        address_space_write_rom(get_address_space_memory(), vms->fdt_addr,
                                MEMTXATTRS_UNSPECIFIED, vms->fdt, vms->fdt_size);
    }
    /*
     * A guest reset (PSCI SYSTEM_RESET) halted the CPU that asked for it and
     * the vCPU thread may be asleep with nothing runnable: CPU 0 is now.
     */
    tcg_cpus_kick();
}

/* system_powerdown: press the GPIO power button, release it a little later. */
static void virt_power_release(void *opaque)
{
    VirtMachine *vms = opaque;

    irq_set(device_get_gpio_in(vms->gpio, VIRT_GPIO_POWER_LINE), 0);
}

static void virt_powerdown(void *opaque)
{
    MachineState *ms = opaque;
    VirtMachine *vms = virt_of(ms);

    if (!vms || !vms->gpio) {
        return;
    }
    irq_set(device_get_gpio_in(vms->gpio, VIRT_GPIO_POWER_LINE), 1);
    timer_mod(vms->power_release, time_now_ns(TIME_VIRTUAL) / TIMER_SCALE_MS + VIRT_POWER_PRESS_MS);
}

static bool virt_check_options(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);

    if (!keyval_get_bool(ms->options, "virtualization", false, &vms->virtualization, errp) ||
        !keyval_get_bool(ms->options, "secure", false, &vms->secure, errp)) {
        return false;
    }
    if (!ms->bios && !ms->kernel && (ms->initrd || ms->append)) {
        error_setg(errp, "-initrd and -append need -kernel (or -bios)");
        return false;
    }
    return true;
}

static DeviceState *virt_add_device(const DeviceClass *dc, hwaddr base, Chardev *chr,
                                    Error **errp)
{
    DeviceState *dev = device_new(dc);

    if (chr && !device_set_prop(dev, "chardev", chardev_id(chr), errp)) {
        device_destroy(dev);
        return NULL;
    }
    if (!device_realize(dev, NULL, errp)) {
        device_destroy(dev);
        return NULL;
    }
    device_mmio_map(dev, 0, base);
    return dev;
}

/* The GIC's IRQ (n = 0) and FIQ (n = 1) outputs for one CPU. */
static void virt_cpu_irq(void *opaque, int n, int level)
{
    arm_cpu_set_irq(opaque, n ? CPU_INTERRUPT_FIQ : CPU_INTERRUPT_HARD, level);
}

/* Which CPU interface an MMIO access reaches: the vCPU making it. */
static int virt_gic_current_cpu(void *opaque)
{
    CPUState *cpu = tcg_cpus_current();

    return cpu ? (int)cpu->cpu_index : 0;
}

/* The GIC's input for SPI n. */
static IRQLine *virt_spi(VirtMachine *vms, int n)
{
    return device_get_gpio_in(vms->gic, n);
}

/*
 * gic-version=3 (or max): a GICv3 at QEMU's addresses, wired as the GICv2
 * below, and each CPU's ICC_* system registers attached to its
 * redistributor.
 */
static bool virt_create_gicv3(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    unsigned ncpu = vms->cpus->len;
    DeviceState *gic = device_new(&gicv3_class);

    if (!device_set_prop_u32(gic, "num-cpu", ncpu, errp) || !device_realize(gic, NULL, errp)) {
        device_destroy(gic);
        return false;
    }
    device_mmio_map(gic, 0, VIRT_GIC_DIST_BASE);
    device_mmio_map(gic, 1, VIRT_GIC_REDIST_BASE);
    vms->gic = gic;
    vms->irq_lines = g_ptr_array_new_with_free_func((GDestroyNotify)irq_free);
    for (unsigned c = 0; c < ncpu; c++) {
        ARMCPU *cpu = vms->cpus->pdata[c];
        IRQLine *irq = irq_new(virt_cpu_irq, cpu, 0), *fiq = irq_new(virt_cpu_irq, cpu, 1);

        gicv3_cpuif_attach(cpu, gic, c);
        g_ptr_array_add(vms->irq_lines, irq);
        g_ptr_array_add(vms->irq_lines, fiq);
        device_connect_gpio_out(gic, c, irq);
        device_connect_gpio_out(gic, ncpu + c, fiq);
        arm_gt_connect(cpu, ARM_GT_PHYS,
                       device_get_gpio_in(gic, gicv3_ppi_input(gic, c, 16 + VIRT_TIMER_PPI_PHYS)));
        arm_gt_connect(cpu, ARM_GT_VIRT,
                       device_get_gpio_in(gic, gicv3_ppi_input(gic, c, 16 + VIRT_TIMER_PPI_VIRT)));
        arm_gt_connect(cpu, ARM_GT_HYP,
                       device_get_gpio_in(gic, gicv3_ppi_input(gic, c, 16 + VIRT_TIMER_PPI_HYP)));
        arm_gt_connect(cpu, ARM_GT_SEC, device_get_gpio_in(
                       gic, gicv3_ppi_input(gic, c, 16 + VIRT_TIMER_PPI_SECURE)));
    }
    return true;
}

/*
 * The GIC gic-version= asks for: GICv2 (the default) at QEMU's addresses,
 * the CPUs' IRQ/FIQ inputs from its outputs, each CPU's physical, virtual,
 * EL2 physical and secure physical timer into its PPIs (ARM ARM D11.2.4:
 * the PPI numbers are the device tree's, plus 16 for the INTID); or
 * virt_create_gicv3().
 */
static bool virt_create_gic(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    unsigned ncpu = vms->cpus->len;
    const char *version = keyval_get(ms->options, "gic-version");
    DeviceState *gic;

    if (!version || strcmp(version, "2") == 0) {
        vms->gic_version = 2;
    } else if (strcmp(version, "3") == 0 || strcmp(version, "max") == 0) {
        vms->gic_version = 3;
        return virt_create_gicv3(ms, errp);
    } else if (strcmp(version, "host") == 0) {
        error_setg(errp, "gic-version=host needs KVM; with TCG use 2, 3 or max");
        return false;
    } else {
        error_setg(errp, "gic-version=%s: expected 2, 3 or max", version);
        return false;
    }
    gic = device_new(&gicv2_class);
    if (!device_set_prop_u32(gic, "num-cpu", ncpu, errp) || !device_realize(gic, NULL, errp)) {
        device_destroy(gic);
        return false;
    }
    device_mmio_map(gic, 0, VIRT_GIC_DIST_BASE);
    device_mmio_map(gic, 1, VIRT_GIC_CPU_BASE);
    gicv2_set_current_cpu_fn(gic, virt_gic_current_cpu, NULL);
    vms->gic = gic;
    vms->irq_lines = g_ptr_array_new_with_free_func((GDestroyNotify)irq_free);
    for (unsigned c = 0; c < ncpu; c++) {
        ARMCPU *cpu = vms->cpus->pdata[c];
        IRQLine *irq = irq_new(virt_cpu_irq, cpu, 0), *fiq = irq_new(virt_cpu_irq, cpu, 1);

        g_ptr_array_add(vms->irq_lines, irq);
        g_ptr_array_add(vms->irq_lines, fiq);
        device_connect_gpio_out(gic, c, irq);
        device_connect_gpio_out(gic, ncpu + c, fiq);
        arm_gt_connect(cpu, ARM_GT_PHYS,
                       device_get_gpio_in(gic, gicv2_ppi_input(gic, c, 16 + VIRT_TIMER_PPI_PHYS)));
        arm_gt_connect(cpu, ARM_GT_VIRT,
                       device_get_gpio_in(gic, gicv2_ppi_input(gic, c, 16 + VIRT_TIMER_PPI_VIRT)));
        arm_gt_connect(cpu, ARM_GT_HYP,
                       device_get_gpio_in(gic, gicv2_ppi_input(gic, c, 16 + VIRT_TIMER_PPI_HYP)));
        arm_gt_connect(cpu, ARM_GT_SEC, device_get_gpio_in(
                       gic, gicv2_ppi_input(gic, c, 16 + VIRT_TIMER_PPI_SECURE)));
    }
    return true;
}

/* The if=pflash -drive for each bank (index=, else in command-line order). */
static bool virt_find_flash_drives(MachineState *ms, MachineDrive *drives[2], Error **errp)
{
    unsigned next = 0;

    drives[0] = drives[1] = NULL;
    for (guint i = 0; ms->drives && i < ms->drives->len; i++) {
        MachineDrive *drive = &g_array_index(ms->drives, MachineDrive, i);
        const char *iface = keyval_get(drive->opts, "if");
        const char *format = keyval_get(drive->opts, "format");
        uint64_t index;

        if (!iface || strcmp(iface, "pflash") != 0) {
            continue;
        }
        if (!keyval_get_u64(drive->opts, "index", next, &index, errp)) {
            error_prepend(errp, "-drive %s: ", keyval_source(drive->opts));
            return false;
        }
        if (index > 1) {
            error_setg(errp, "-drive %s: the board has flash banks 0 and 1 only",
                       keyval_source(drive->opts));
            return false;
        }
        if (drives[index]) {
            error_setg(errp, "-drive %s: flash bank %" PRIu64 " is already backed by -drive %s",
                       keyval_source(drive->opts), index, keyval_source(drives[index]->opts));
            return false;
        }
        if (!keyval_get(drive->opts, "file")) {
            error_setg(errp, "-drive %s: a flash bank needs file=", keyval_source(drive->opts));
            return false;
        }
        if (format && strcmp(format, "raw") != 0) {
            error_setg(errp, "-drive %s: flash banks take raw images only",
                       keyval_source(drive->opts));
            return false;
        }
        drives[index] = drive;
        next = index + 1;
    }
    return true;
}

static DeviceState *virt_add_flash(unsigned bank, MachineDrive *drive, Error **errp)
{
    DeviceState *fl = device_new(&pflash_cfi01_class);
    char name[16];
    bool readonly = false;

    snprintf(name, sizeof(name), "virt.flash%u", bank);
    device_set_prop_u64(fl, "sector-length", 256 * KiB, &error_abort);
    device_set_prop_u64(fl, "size", VIRT_FLASH_BANK_SIZE, &error_abort);
    device_set_prop_u32(fl, "width", 4, &error_abort);
    device_set_prop_u32(fl, "device-width", 2, &error_abort);
    device_set_prop_str(fl, "name", name, &error_abort);
    if (drive) {
        if (!keyval_get_bool(drive->opts, "readonly", false, &readonly, errp)) {
            goto fail;
        }
        device_set_prop_str(fl, "drive", keyval_get(drive->opts, "file"), &error_abort);
        device_set_prop_bool(fl, "readonly", readonly, &error_abort);
    }
    if (!device_realize(fl, NULL, errp)) {
        goto fail;
    }
    if (drive) {
        drive->taken = true;
    }
    device_mmio_map(fl, 0, VIRT_FLASH_BASE + bank * VIRT_FLASH_BANK_SIZE);
    return fl;

fail:
    if (drive) {
        error_prepend(errp, "-drive %s: ", keyval_source(drive->opts));
    }
    device_destroy(fl);
    return NULL;
}

static bool virt_create_flash(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    MachineDrive *drives[2];

    if (!virt_find_flash_drives(ms, drives, errp)) {
        return false;
    }
    if (ms->bios && drives[0]) {
        error_setg(errp, "-bios and -drive %s both give flash bank 0's contents",
                   keyval_source(drives[0]->opts));
        return false;
    }
    vms->firmware = ms->bios || drives[0];
    for (unsigned bank = 0; bank < 2; bank++) {
        vms->flash[bank] = virt_add_flash(bank, drives[bank], errp);
        if (!vms->flash[bank]) {
            return false;
        }
    }
    return true;
}

static bool virt_load_bios(MachineState *ms, Error **errp)
{
    g_autofree gchar *data = NULL;
    GError *gerr = NULL;
    gsize len;

    if (!g_file_get_contents(ms->bios, &data, &len, &gerr)) {
        error_setg(errp, "-bios: cannot read '%s': %s", ms->bios, gerr->message);
        g_error_free(gerr);
        return false;
    }
    if (len > VIRT_FLASH_BANK_SIZE) {
        error_setg(errp, "-bios %s: %zu bytes do not fit the 64 MiB flash bank",
                   ms->bios, (size_t)len);
        return false;
    }
    address_space_write_rom(get_address_space_memory(), VIRT_FLASH_BASE,
                            MEMTXATTRS_UNSPECIFIED, data, len);
    virt_of(ms)->entry = VIRT_FLASH_BASE;
    return true;
}

/* A file's contents as a fw_cfg item with its size item (the Linux boot keys). */
static bool virt_fw_cfg_add_image(FWCfgState *fw, const char *opt, const char *path,
                                  uint16_t size_key, uint16_t data_key, Error **errp)
{
    g_autofree gchar *data = NULL;
    GError *gerr = NULL;
    gsize len;

    if (!g_file_get_contents(path, &data, &len, &gerr)) {
        error_setg(errp, "%s: cannot read '%s': %s", opt, path, gerr->message);
        g_error_free(gerr);
        return false;
    }
    if (len > UINT32_MAX) {
        error_setg(errp, "%s %s: too large", opt, path);
        return false;
    }
    fw_cfg_add_i32(fw, size_key, len);
    fw_cfg_add_bytes(fw, data_key, data, len);
    return true;
}

static bool virt_create_fw_cfg(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);

    vms->fw_cfg = fw_cfg_new_mmio(VIRT_FW_CFG_BASE, NULL, errp);
    if (!vms->fw_cfg) {
        return false;
    }
    fw_cfg_add_i16(vms->fw_cfg, FW_CFG_NB_CPUS, ms->smp_cpus);
    if (!ms->bios) {
        return true;
    }
    /* With firmware, the Linux boot images go to it through fw_cfg (QEMU's keys). */
    if (ms->kernel && !virt_fw_cfg_add_image(vms->fw_cfg, "-kernel", ms->kernel,
                                             FW_CFG_KERNEL_SIZE, FW_CFG_KERNEL_DATA, errp)) {
        return false;
    }
    if (ms->initrd && !virt_fw_cfg_add_image(vms->fw_cfg, "-initrd", ms->initrd,
                                             FW_CFG_INITRD_SIZE, FW_CFG_INITRD_DATA, errp)) {
        return false;
    }
    if (ms->append) {
        fw_cfg_add_i32(vms->fw_cfg, FW_CFG_CMDLINE_SIZE, strlen(ms->append) + 1);
        fw_cfg_add_string(vms->fw_cfg, FW_CFG_CMDLINE_DATA, ms->append);
    }
    return true;
}

static VirtBootImage *virt_add_boot_image(VirtMachine *vms, uint64_t addr, uint8_t *data,
                                          size_t len)
{
    VirtBootImage *img = g_new(VirtBootImage, 1);

    img->addr = addr;
    img->data = data;
    img->len = len;
    if (!vms->boot_images) {
        vms->boot_images = g_ptr_array_new_with_free_func(virt_boot_image_free);
    }
    g_ptr_array_add(vms->boot_images, img);
    return img;
}

/*
 * A Linux Image without firmware: kernel, initrd and the tree's place, each
 * 2 MiB aligned one after the other from the start of RAM (see the top of
 * this file). The tree itself is built later, knowing where the initrd is.
 */
static bool virt_place_linux(MachineState *ms, uint8_t *kernel, size_t kernel_len,
                             Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    uint64_t ram_end = VIRT_RAM_BASE + ms->ram_size;
    Arm64ImageInfo info;
    uint64_t next;

    if (!arm64_image_parse(kernel, kernel_len, &info, errp)) {
        error_prepend(errp, "-kernel %s: neither an ELF file nor a Linux Image: ", ms->kernel);
        g_free(kernel);
        return false;
    }
    /* RAM starts 2 MiB aligned: the kernel's base is its start. */
    vms->entry = VIRT_RAM_BASE + info.text_offset;
    virt_add_boot_image(vms, vms->entry, kernel, kernel_len);
    next = align_up(vms->entry + info.image_size, VIRT_BOOT_ALIGN);
    if (ms->initrd) {
        GError *gerr = NULL;
        gchar *data;
        gsize len;

        if (!g_file_get_contents(ms->initrd, &data, &len, &gerr)) {
            error_setg(errp, "-initrd: cannot read '%s': %s", ms->initrd, gerr->message);
            g_error_free(gerr);
            return false;
        }
        virt_add_boot_image(vms, next, (uint8_t *)data, len);
        next = align_up(next + len, VIRT_BOOT_ALIGN);
    }
    if (next + VIRT_FDT_MAX_SIZE > ram_end) {
        error_setg(errp, "-m %" PRIu64 "M is too small for the kernel%s: it needs at least "
                   "%" PRIu64 "M", ms->ram_size / MiB, ms->initrd ? ", the initrd" : "",
                   (uint64_t)((next + VIRT_FDT_MAX_SIZE - VIRT_RAM_BASE + MiB - 1) / MiB));
        return false;
    }
    vms->fdt_addr = next;
    vms->linux_boot = true;
    return true;
}

static bool virt_load_kernel(MachineState *ms, Error **errp)
{
    ElfInfo info;
    uint8_t *data;
    size_t len;

    if (ms->bios) {
        return true;            /* the firmware loads it from fw_cfg */
    }
    if (!ms->kernel) {
        virt_of(ms)->entry = VIRT_RAM_BASE;
        return true;
    }
    data = linux_image_read(ms->kernel, ms->ram_size, &len, errp);
    if (!data) {
        error_prepend(errp, "-kernel: ");
        return false;
    }
    if (!elf_is_elf(data, len)) {
        return virt_place_linux(ms, data, len, errp);
    }
    g_free(data);
    if (ms->initrd || ms->append) {
        error_setg(errp, "-initrd and -append: the ELF program %s is not a Linux Image, "
                   "it gets neither", ms->kernel);
        return false;
    }
    if (!elf_load(ms->kernel, get_address_space_memory(), ELF_MACHINE_AARCH64, &info, errp)) {
        error_prepend(errp, "-kernel: ");
        return false;
    }
    virt_of(ms)->entry = info.entry;
    return true;
}

/* -dtb FILE: the user's blob replaces the generated tree. */
static bool virt_load_user_dtb(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    GError *gerr = NULL;
    gchar *data;
    gsize len;
    int err;

    if (!g_file_get_contents(ms->dtb, &data, &len, &gerr)) {
        error_setg(errp, "-dtb: cannot read '%s': %s", ms->dtb, gerr->message);
        g_error_free(gerr);
        return false;
    }
    err = len < sizeof(struct fdt_header) ? -FDT_ERR_TRUNCATED : fdt_check_header(data);
    if (!err && fdt_totalsize(data) > len) {
        err = -FDT_ERR_TRUNCATED;
    }
    if (err) {
        error_setg(errp, "-dtb %s: not a device tree blob: %s", ms->dtb, fdt_strerror(err));
        g_free(data);
        return false;
    }
    vms->fdt = data;
    vms->fdt_size = fdt_totalsize(data);
    return true;
}

static bool virt_dump_dtb(MachineState *ms, const char *path, Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    GError *gerr = NULL;

    if (!g_file_set_contents(path, vms->fdt, vms->fdt_size, &gerr)) {
        error_setg(errp, "dumpdtb=%s: %s", path, gerr->message);
        g_error_free(gerr);
        return false;
    }
    /* Done: the main loop exits (status 0) before the guest gets anywhere. */
    runstate_set_exit_code(0);
    system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return true;
}

static bool virt_create_fdt(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    const char *dump = keyval_get(ms->options, "dumpdtb");
    uint64_t initrd_start = 0, initrd_size = 0;

    if (vms->linux_boot && ms->initrd) {
        VirtBootImage *initrd = vms->boot_images->pdata[1];     /* [0] is the kernel */

        initrd_start = initrd->addr;
        initrd_size = initrd->len;
    }
    if (ms->dtb) {
        if (!virt_load_user_dtb(ms, errp) ||
            (vms->linux_boot && !virt_fdt_set_chosen(&vms->fdt, &vms->fdt_size, ms, initrd_start,
                                                     initrd_size, errp))) {
            return false;
        }
    } else {
        vms->fdt = virt_fdt_build(ms, initrd_start, initrd_size, &vms->fdt_size, errp);
        if (!vms->fdt) {
            return false;
        }
    }
    if (vms->linux_boot && vms->fdt_size > VIRT_FDT_MAX_SIZE) {
        error_setg(errp, "the device tree (%zu bytes) is larger than the 2 MiB Linux accepts",
                   vms->fdt_size);
        return false;
    }
    if (vms->fdt_size > ms->ram_size) {
        error_setg(errp, "the device tree (%zu bytes) does not fit in RAM", vms->fdt_size);
        return false;
    }
    if (ms->bios) {
        vms->fdt_addr = VIRT_RAM_BASE;
    }
    vms->load_fdt = ms->bios != NULL || vms->linux_boot;
    return !dump || virt_dump_dtb(ms, dump, errp);
}

/*
 * The 32 virtio-mmio transports at QEMU's addresses and interrupts, and a
 * virtio-blk-device for each -drive if=virtio (or without if=: QEMU's
 * default interface on virt). Devices fill the transports in the order
 * they are registered, and QEMU's -device fills them from the highest
 * address down (its hw/arm/virt.c says why), so they are created from
 * the top: the first virtio device sits at 0x0a003e00, SPI 47. Board
 * devices (if=virtio drives) are created before -device ones.
 */
static bool virt_create_virtio_mmio(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);

    for (int i = VIRT_VIRTIO_COUNT - 1; i >= 0; i--) {
        DeviceState *dev = virt_add_device(&virtio_mmio_class,
                                           VIRT_VIRTIO_BASE + i * VIRT_VIRTIO_SIZE, NULL, errp);

        if (!dev) {
            return false;
        }
        device_connect_irq(dev, 0, virt_spi(vms, VIRT_VIRTIO_SPI + i));
    }
    for (guint i = 0; i < ms->drives->len; i++) {
        MachineDrive *drive = &g_array_index(ms->drives, MachineDrive, i);
        const char *iface = keyval_get(drive->opts, "if");
        g_autofree char *name = NULL;
        DeviceState *dev;

        if (iface && strcmp(iface, "virtio") != 0) {
            continue;
        }
        name = drive_name(ms, i);
        dev = device_new(&virtio_blk_device_class);
        if (!device_set_prop(dev, "drive", name, errp) || !device_realize(dev, NULL, errp)) {
            error_prepend(errp, "-drive %s: ", keyval_source(drive->opts));
            device_destroy(dev);
            return false;
        }
    }
    return true;
}

/*
 * The generic PCIe host bridge with QEMU's windows and its four INTx
 * lines on SPIs 3..6 (level); -device *-pci devices then land on its bus.
 */
static bool virt_create_pcie(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    DeviceState *dev = device_new(&gpex_class);

    if (!device_set_prop_u64(dev, "ecam-size", VIRT_PCIE_ECAM_SIZE, errp) ||
        !device_set_prop_u64(dev, "mmio32-base", VIRT_PCIE_MMIO_BASE, errp) ||
        !device_set_prop_u64(dev, "mmio32-size", VIRT_PCIE_MMIO_SIZE, errp) ||
        !device_set_prop_u64(dev, "mmio64-base", VIRT_PCIE_MMIO_HIGH_BASE, errp) ||
        !device_set_prop_u64(dev, "mmio64-size", VIRT_PCIE_MMIO_HIGH_SIZE, errp) ||
        !device_set_prop_u64(dev, "pio-size", VIRT_PCIE_PIO_SIZE, errp) ||
        !device_realize(dev, NULL, errp)) {
        device_destroy(dev);
        return false;
    }
    device_mmio_map(dev, GPEX_MMIO_ECAM, VIRT_PCIE_ECAM_BASE);
    device_mmio_map(dev, GPEX_MMIO_WINDOW32, VIRT_PCIE_MMIO_BASE);
    device_mmio_map(dev, GPEX_MMIO_PIO, VIRT_PCIE_PIO_BASE);
    device_mmio_map(dev, GPEX_MMIO_WINDOW64, VIRT_PCIE_MMIO_HIGH_BASE);
    for (int i = 0; i < GPEX_NUM_IRQS; i++) {
        device_connect_irq(dev, i, virt_spi(vms, VIRT_PCIE_SPI + i));
    }
    vms->pcie = dev;
    return true;
}

/*
 * Who answers PSCI (QEMU's rules, but SMC rather than HVC for secure=on
 * without firmware: HVC is UNDEFINED without EL2, SMC reaches EL3): the
 * firmware at EL3 when there is some, else Koine, on SMC when the CPUs
 * have EL2 or EL3, on HVC otherwise.
 */
static void virt_choose_psci(VirtMachine *vms)
{
    if (vms->secure && vms->firmware) {
        vms->psci_conduit = ARM_PSCI_NONE;
    } else if (vms->virtualization || vms->secure) {
        vms->psci_conduit = ARM_PSCI_SMC;
    } else {
        vms->psci_conduit = ARM_PSCI_HVC;
    }
    for (guint i = 0; i < vms->cpus->len; i++) {
        ARMCPU *cpu = vms->cpus->pdata[i];

        cpu->psci_conduit = vms->psci_conduit;
    }
}

/*
 * secure=on: QEMU's Secure-only RAM and UART (serial 1, if given). Koine
 * has one physical address space, so Non-secure code could reach them too.
 */
static bool virt_create_secure(MachineState *ms, Error **errp)
{
    VirtMachine *vms = virt_of(ms);
    DeviceState *uart;

    vms->secure_ram = g_new0(MemoryRegion, 1);
    if (!memory_region_init_ram(vms->secure_ram, "virt.secure-ram", VIRT_SECURE_MEM_SIZE,
                                errp)) {
        g_free(vms->secure_ram);
        vms->secure_ram = NULL;
        return false;
    }
    memory_region_add_subregion(get_system_memory(), VIRT_SECURE_MEM_BASE, vms->secure_ram);
    uart = virt_add_device(&pl011_class, VIRT_SECURE_UART_BASE, machine_serial_chardev(ms, 1),
                           errp);
    if (!uart) {
        return false;
    }
    device_connect_irq(uart, 0, virt_spi(vms, VIRT_SECURE_UART_SPI));
    return true;
}

static bool virt_init(MachineState *ms, Error **errp)
{
    VirtMachine *vms = g_new0(VirtMachine, 1);
    DeviceState *uart, *rtc;

    ms->board = vms;
    vms->cpus = g_ptr_array_new();
    if (!virt_check_options(ms, errp) || !machine_create_ram(ms, VIRT_RAM_BASE, errp)) {
        return false;
    }
    for (unsigned i = 0; i < ms->smp_cpus; i++) {
        ARMCPU *cpu = arm_cpu_new(ms->cpu_type, i, get_address_space_memory(), errp);

        if (!cpu) {
            return false;
        }
        cpu->semihosting = ms->semihosting;
        if (vms->virtualization || vms->secure) {
            /* Before the GIC: a GICv3 adds its field to the ID registers this rebuilds. */
            arm_cpu_set_el_features(cpu, vms->virtualization, vms->secure);
        }
        g_ptr_array_add(vms->cpus, cpu);
    }
    if (!virt_create_gic(ms, errp)) {
        return false;
    }
    uart = virt_add_device(&pl011_class, VIRT_UART_BASE, machine_serial_chardev(ms, 0), errp);
    rtc = uart ? virt_add_device(&pl031_class, VIRT_RTC_BASE, NULL, errp) : NULL;
    vms->gpio = rtc ? virt_add_device(&pl061_class, VIRT_GPIO_BASE, NULL, errp) : NULL;
    if (!vms->gpio || !virt_create_flash(ms, errp) || !virt_create_fw_cfg(ms, errp) ||
        (vms->secure && !virt_create_secure(ms, errp))) {
        return false;
    }
    virt_choose_psci(vms);
    device_connect_irq(uart, 0, virt_spi(vms, VIRT_UART_SPI));
    device_connect_irq(rtc, 0, virt_spi(vms, VIRT_RTC_SPI));
    device_connect_irq(vms->gpio, 0, virt_spi(vms, VIRT_GPIO_SPI));
    if (!virt_create_virtio_mmio(ms, errp) || !virt_create_pcie(ms, errp)) {
        return false;
    }
    vms->power_release = timer_new_ms(TIME_VIRTUAL, virt_power_release, vms);
    if ((ms->bios && !virt_load_bios(ms, errp)) || !virt_load_kernel(ms, errp) ||
        !virt_create_fdt(ms, errp)) {
        return false;
    }
    reset_handler_register(virt_reset, ms);
    powerdown_handler_register(virt_powerdown, ms);
    return true;
}

static void virt_free(MachineState *ms)
{
    VirtMachine *vms = virt_of(ms);

    if (!vms) {
        return;
    }
    reset_handler_unregister(virt_reset, ms);
    /* There is no powerdown_handler_unregister: virt_powerdown checks ms->board. */
    if (vms->power_release) {
        timer_free(vms->power_release);
    }
    for (guint i = 0; i < vms->cpus->len; i++) {
        arm_cpu_free(vms->cpus->pdata[i]);
    }
    g_ptr_array_free(vms->cpus, true);
    /* After the CPUs: their timers drove the GIC, the GIC drove these lines. */
    if (vms->irq_lines) {
        g_ptr_array_free(vms->irq_lines, true);
    }
    if (vms->boot_images) {
        g_ptr_array_free(vms->boot_images, true);
    }
    if (vms->secure_ram) {
        memory_region_del_subregion(get_system_memory(), vms->secure_ram);
        memory_region_finalize(vms->secure_ram);
        g_free(vms->secure_ram);
    }
    g_free(vms->fdt);
    g_free(vms);
    ms->board = NULL;
}

static const MachineOption virt_options[] = {
    { "gic-version", "2 (default), 3 or max (= 3): the interrupt controller" },
    { "virtualization", "on/off (default off): EL2; Linux starts at EL2, PSCI on SMC" },
    { "secure", "on/off (default off): EL3, Secure RAM and UART; -bios firmware starts at "
                "EL3 and provides PSCI" },
    { "dumpdtb", "FILE: write the device tree there and exit" },
    { "dtb-randomness", "on/off: kaslr-seed and rng-seed in /chosen" },
    { NULL, NULL },
};

const MachineClass virt_machine_class = {
    .name = "virt",
    .desc = "QEMU-compatible ARM virt board (AArch64: u-boot with -bios, Linux, ELF programs)",
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
