/*
 * Board lookup and the parts of machine creation every board shares.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/machine.h"
#include "softmmu/memory.h"
#include "util/cutils.h"

MachineState *current_machine;

const MachineClass *machine_class_find(const char *name)
{
    for (const MachineClass *const *mc = machine_classes; *mc; mc++) {
        if (strcmp((*mc)->name, name) == 0) {
            return *mc;
        }
    }
    return NULL;
}

void machine_class_print_list(FILE *out)
{
    fprintf(out, "Supported machines are:\n");
    for (const MachineClass *const *mc = machine_classes; *mc; mc++) {
        fprintf(out, "%-20s %s\n", (*mc)->name, (*mc)->desc);
    }
}

void machine_class_print_cpus(const MachineClass *mc, FILE *out)
{
    if (!mc->cpu_types) {
        fprintf(out, "Machine '%s' has no CPU.\n", mc->name);
        return;
    }
    fprintf(out, "Available CPUs for machine '%s' (%s):\n", mc->name, mc->arch);
    for (const char *const *cpu = mc->cpu_types; *cpu; cpu++) {
        fprintf(out, "  %s%s\n", *cpu,
                mc->default_cpu && strcmp(*cpu, mc->default_cpu) == 0 ? " (default)" : "");
    }
}

bool machine_class_has_cpu(const MachineClass *mc, const char *cpu)
{
    for (const char *const *c = mc->cpu_types; c && *c; c++) {
        if (strcmp(*c, cpu) == 0) {
            return true;
        }
    }
    return false;
}

void machine_class_print_options(const MachineClass *mc, FILE *out)
{
    fprintf(out, "Options of machine '%s':\n", mc->name);
    if (!mc->options || !mc->options[0].name) {
        fprintf(out, "  (none)\n");
        return;
    }
    for (const MachineOption *opt = mc->options; opt->name; opt++) {
        fprintf(out, "  %-20s %s\n", opt->name, opt->help);
    }
}

bool machine_check_options(const MachineClass *mc, KeyVal *opts, Error **errp)
{
    for (size_t i = 0; i < keyval_count(opts); i++) {
        const char *key = keyval_key_at(opts, i);
        bool known = strcmp(key, "type") == 0;

        for (const MachineOption *opt = mc->options; !known && opt && opt->name; opt++) {
            known = strcmp(opt->name, key) == 0;
        }
        if (!known) {
            error_setg(errp, "machine '%s' has no option '%s' (-M %s,help lists them)",
                       mc->name, key, mc->name);
            return false;
        }
    }
    return true;
}

bool machine_create_ram(MachineState *ms, hwaddr base, Error **errp)
{
    MemoryRegion *ram = g_new0(MemoryRegion, 1);

    if (!memory_region_init_ram(ram, "ram", ms->ram_size, errp)) {
        g_free(ram);
        return false;
    }
    memory_region_add_subregion(get_system_memory(), base, ram);
    ms->ram = ram;
    return true;
}

Chardev *machine_serial_chardev(MachineState *ms, unsigned index)
{
    return ms->serial_chardevs && index < ms->serial_chardevs->len
           ? ms->serial_chardevs->pdata[index] : NULL;
}

void machine_free(MachineState *ms)
{
    if (!ms) {
        return;
    }
    if (ms->mc->free) {
        ms->mc->free(ms);
    }
    if (ms->ram) {
        memory_region_del_subregion(get_system_memory(), ms->ram);
        memory_region_finalize(ms->ram);
        g_free(ms->ram);
    }
    if (ms->serial_chardevs) {
        g_ptr_array_free(ms->serial_chardevs, true);
    }
    if (current_machine == ms) {
        current_machine = NULL;
    }
    g_free(ms);
}
