/*
 * The monitor's commands that look inside the machine: CPU registers and
 * threads, guest memory by virtual (x) or physical (xp) address, the
 * device tree of the board (info qtree) and the translator's caches
 * (info jit). Output shapes follow QEMU's so people's scripts still parse.
 *
 * They may run while the guest runs: registers are then a snapshot of a
 * moving target, as on QEMU; memory is read through a side-effect-free
 * page-table walk (cpu_memory_rw_debug), never through the vCPU's TLB.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/monitor.h"
#include "accel/tcg/tcg-accel.h"
#include "accel/tcg/tb.h"
#include "hw/core/cpu.h"
#include "hw/core/qdev.h"
#include "softmmu/memory.h"
#include "util/bswap.h"
#include "util/cutils.h"

static CPUState *monitor_cpu(Monitor *mon)
{
    unsigned index = monitor_get_cpu_index(mon);

    if (index >= tcg_accel_nb_cpus()) {
        monitor_printf(mon, "No CPU available\n");
        return NULL;
    }
    return tcg_accel_cpus()[index];
}

void hmp_cpu(Monitor *mon, const char *args)
{
    uint64_t index;

    if (!parse_uint64(args, &index, NULL) || index >= tcg_accel_nb_cpus()) {
        monitor_printf(mon, "invalid CPU index '%s' (0..%d)\n", args,
                       (int)tcg_accel_nb_cpus() - 1);
        return;
    }
    monitor_set_cpu_index(mon, index);
}

static void print_registers(Monitor *mon, CPUState *cpu)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    if (!out) {
        monitor_printf(mon, "out of memory\n");
        return;
    }
    cpu->ops->dump_state(cpu, out);
    fclose(out);
    monitor_printf(mon, "%s", text);
    free(text);
}

void hmp_info_registers(Monitor *mon, const char *args)
{
    CPUState *cpu;

    if (strcmp(args, "-a") == 0) {
        for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
            monitor_printf(mon, "\nCPU#%u\n", i);
            print_registers(mon, tcg_accel_cpus()[i]);
        }
        return;
    }
    cpu = monitor_cpu(mon);
    if (cpu) {
        print_registers(mon, cpu);
    }
}

void hmp_info_cpus(Monitor *mon, const char *args)
{
    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        CPUState *cpu = tcg_accel_cpus()[i];

        monitor_printf(mon, "%c CPU #%u: thread_id=%d%s\n",
                       i == monitor_get_cpu_index(mon) ? '*' : ' ', i,
                       tcg_cpus_thread_id(), cpu->halted ? " (halted)" : "");
    }
}

void hmp_info_tlb(Monitor *mon, const char *args)
{
    CPUState *cpu = monitor_cpu(mon);

    if (cpu) {
        /* QEMU has no info tlb for Arm either: its page tables say more (x, gdb). */
        monitor_printf(mon, "info tlb: not available for %s guests\n", cpu->ops->arch);
    }
}

void hmp_info_jit(Monitor *mon, const char *args)
{
    TBStats st;

    tb_get_stats(&st);
    monitor_printf(mon, "Translation buffer state:\n");
    monitor_printf(mon, "backend             %s\n",
                   tcg_accel_backend() ? tcg_accel_backend()->name : "none");
    monitor_printf(mon, "gen code size       %zu\n", st.code_bytes);
    monitor_printf(mon, "TB count            %zu\n", st.live);
    monitor_printf(mon, "TBs translated      %" PRIu64 "\n", st.translated);
    monitor_printf(mon, "TBs invalidated     %" PRIu64 "\n", st.invalidated);
    monitor_printf(mon, "TB flush count      %" PRIu64 "\n", st.flushes);
    monitor_printf(mon, "direct jumps        %" PRIu64 "\n", st.chained);
    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        CPUState *cpu = tcg_accel_cpus()[i];

        monitor_printf(mon, "cpu %u slow lookups %" PRIu64 ", TLB fills %" PRIu64
                       ", flushes %" PRIu64 ", context switches %" PRIu64 " (%" PRIu64
                       " kept)\n", cpu->cpu_index, cpu->tb_lookup_slow, cpu->tlb.fills,
                       cpu->tlb.flushes, cpu->tlb.ctx_switches, cpu->tlb.ctx_hits);
    }
}

/* ---- info qtree ---- */

static void print_device(DeviceState *dev, void *opaque)
{
    Monitor *mon = opaque;
    unsigned depth = 1;

    for (DeviceState *p = dev->parent; p; p = p->parent) {
        depth++;
    }
    monitor_printf(mon, "%*sdev: %s, id \"%s\"\n", depth * 2, "", dev->dc->name,
                   dev->id ? dev->id : "");
    for (const Property *prop = dev->dc->props; prop && prop->name; prop++) {
        char *value = device_get_prop_text(dev, prop->name);

        monitor_printf(mon, "%*s%s = %s\n", depth * 2 + 2, "", prop->name,
                       value ? value : "");
        g_free(value);
    }
    for (int i = 0; i < device_num_mmio(dev); i++) {
        MemoryRegion *mr = device_get_mmio(dev, i);

        monitor_printf(mon, "%*smmio %016" PRIx64 "/%016" PRIx64 "\n", depth * 2 + 2, "",
                       mr->container ? (uint64_t)mr->addr : UINT64_MAX,
                       memory_region_size(mr));
    }
}

void hmp_info_qtree(Monitor *mon, const char *args)
{
    monitor_printf(mon, "bus: main-system-bus\n  type System\n");
    device_foreach(print_device, mon);
}

/* ---- x and xp ---- */

/* "/4xw": count, format (x hex, d signed, u unsigned, o octal, c char, i insn), unit (b h w g). */
typedef struct DumpFormat {
    unsigned count;
    char format;
    unsigned size;
} DumpFormat;

static bool parse_dump_format(const char *text, DumpFormat *fmt)
{
    const char *p = text + 1;

    if (g_ascii_isdigit(*p)) {
        fmt->count = strtoul(p, (char **)&p, 10);
    }
    for (; *p; p++) {
        switch (*p) {
        case 'x': case 'd': case 'u': case 'o': case 'c': case 'i':
            fmt->format = *p;
            break;
        case 'b': fmt->size = 1; break;
        case 'h': fmt->size = 2; break;
        case 'w': fmt->size = 4; break;
        case 'g': fmt->size = 8; break;
        default:
            return false;
        }
    }
    if (fmt->format == 'c') {
        fmt->size = 1;
    }
    return fmt->count > 0 && fmt->count <= 4096;
}

/* An address: a number, or $pc of the monitor's CPU. */
static bool parse_address(Monitor *mon, const char *text, uint64_t *addr)
{
    if (strcmp(text, "$pc") == 0) {
        CPUState *cpu = monitor_cpu(mon);
        uint64_t cs_base;
        uint32_t flags;

        if (!cpu) {
            return false;
        }
        cpu->ops->get_tb_cpu_state(cpu, addr, &cs_base, &flags);
        return true;
    }
    return parse_uint64(text, addr, NULL);
}

static bool read_memory(CPUState *cpu, uint64_t addr, uint8_t *buf, size_t len)
{
    if (cpu) {
        return cpu_memory_rw_debug(cpu, addr, buf, len, false);
    }
    return address_space_read(get_address_space_memory(), addr, MEMTXATTRS_UNSPECIFIED,
                              buf, len) == MEMTX_OK;
}

static void print_unit(Monitor *mon, const DumpFormat *fmt, uint64_t value)
{
    unsigned shift = 64 - fmt->size * 8;

    switch (fmt->format) {
    case 'x':
        monitor_printf(mon, " 0x%0*" PRIx64, fmt->size * 2, value);
        break;
    case 'o':
        monitor_printf(mon, " %#" PRIo64, value);
        break;
    case 'u':
        monitor_printf(mon, " %" PRIu64, value);
        break;
    case 'd':
        monitor_printf(mon, " %" PRId64, (int64_t)(value << shift) >> shift);
        break;
    case 'c':
        monitor_printf(mon, g_ascii_isprint(value) ? " '%c'" : " '\\x%02x'", (int)value);
        break;
    }
}

/* x (cpu != NULL: virtual, through the CPU's MMU) and xp (physical). */
static void dump_memory(Monitor *mon, const char *args, CPUState *cpu, const char *cmd)
{
    g_auto(GStrv) words = g_strsplit_set(args, " \t", -1);
    DumpFormat fmt = { .count = 1, .format = 'x', .size = 4 };
    const char *addr_text = NULL;
    uint64_t addr;
    unsigned per_line;

    for (char **w = words; *w; w++) {
        if (**w == '/') {
            if (!parse_dump_format(*w, &fmt)) {
                monitor_printf(mon, "invalid format '%s'\n", *w);
                return;
            }
        } else if (**w) {
            addr_text = *w;
        }
    }
    if (!addr_text || !parse_address(mon, addr_text, &addr)) {
        monitor_printf(mon, "usage: %s /FMT ADDR (FMT: [count][x|d|u|o|c|i][b|h|w|g])\n", cmd);
        return;
    }
    if (fmt.format == 'i') {
        GString *text = g_string_new(NULL);
        size_t len = fmt.count * 4;     /* fixed-length ISAs; x86 will ask for more */
        g_autofree uint8_t *code = g_malloc(len);

        CPUState *disas_cpu = cpu ? cpu : monitor_cpu(mon);

        if (!disas_cpu) {
            /* monitor_cpu said why */
        } else if (!read_memory(cpu, addr, code, len)) {
            monitor_printf(mon, "Cannot access memory\n");
        } else {
            cpu_disas(text, disas_cpu, addr, code, len, fmt.count);
            monitor_printf(mon, "%s", text->str);
        }
        g_string_free(text, true);
        return;
    }
    per_line = fmt.format == 'c' ? 16 : 16 / fmt.size;
    for (unsigned i = 0; i < fmt.count; i++) {
        uint8_t buf[8];

        if (i % per_line == 0) {
            monitor_printf(mon, "%s%016" PRIx64 ":", i ? "\n" : "", addr);
        }
        if (!read_memory(cpu, addr, buf, fmt.size)) {
            monitor_printf(mon, " Cannot access memory\n");
            return;
        }
        print_unit(mon, &fmt, ldn_p(buf, fmt.size, false));
        addr += fmt.size;
    }
    monitor_printf(mon, "\n");
}

void hmp_x(Monitor *mon, const char *args)
{
    CPUState *cpu = monitor_cpu(mon);

    if (cpu) {
        dump_memory(mon, args, cpu, "x");
    }
}

void hmp_xp(Monitor *mon, const char *args)
{
    dump_memory(mon, args, NULL, "xp");
}
