/*
 * -nic TYPE[,model=M][,mac=MAC][,id=ID][,backend options]: a network card
 * and its backend in one option, as in QEMU; and the default NIC that a
 * board gets when the command line has no -nic, -netdev or -nodefaults.
 *
 * Which card: model=, else the board's default (board_nics below): on
 * virt, virtio-net-pci, as QEMU's (model=virtio-net-device puts it on a
 * virtio-mmio transport instead).
 *
 * NICs made here are created after -device devices, so the virtio-mmio
 * transports and PCI slots that -device cards and disks take do not move
 * when a default NIC is added (QEMU gives its default PCI NIC slot 1).
 * Their backends are ordinary -netdev backends with an id the user cannot
 * type ("__nicN"), or id= if given.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/qdev.h"
#include "net/nic.h"

static const struct {
    const char *board;
    const char *model;
} board_nics[] = {
    { "virt", "virtio-net-pci" },
};

const char *net_nic_default_model(const MachineClass *mc)
{
    for (size_t i = 0; i < ARRAY_SIZE(board_nics); i++) {
        if (strcmp(board_nics[i].board, mc->name) == 0) {
            return board_nics[i].model;
        }
    }
    return NULL;
}

void net_nic_print_models(FILE *out)
{
    fprintf(out, "Network card models (-nic model=...):\n");
    for (size_t i = 0; i < device_class_count(); i++) {
        const DeviceClass *dc = device_class_at(i);

        if (dc->category == DEVICE_CATEGORY_NETWORK && dc->user_creatable) {
            fprintf(out, "  %-20s %s\n", dc->name, dc->desc);
        }
    }
}

static const DeviceClass *nic_class(const MachineClass *mc, const char *model,
                                    Error **errp)
{
    const DeviceClass *dc;

    if (strcmp(model, "virtio") == 0) {
        /* QEMU's short name: the board's virtio card, whichever transport. */
        const char *def = net_nic_default_model(mc);

        model = def && g_str_has_prefix(def, "virtio") ? def : "virtio-net-device";
    }
    dc = device_class_find(model);
    if (!dc || dc->category != DEVICE_CATEGORY_NETWORK || !dc->user_creatable) {
        error_setg(errp, "model=%s: not a network card model (-nic model=help lists them)",
                   model);
        return NULL;
    }
    return dc;
}

/* One NIC and its backend from -nic options (or the default's). */
static bool nic_create(const MachineClass *mc, NetOptions *opts, unsigned index,
                       Error **errp)
{
    const char *type = keyval_get(opts->kv, "type");
    const char *model = keyval_get(opts->kv, "model");
    const char *mac = keyval_get(opts->kv, "mac");
    const char *id = keyval_get(opts->kv, "id");
    g_autofree char *own_id = NULL;
    const DeviceClass *dc;
    DeviceState *dev;

    if (!model) {
        model = net_nic_default_model(mc);
        if (!model) {
            warn_report("-nic %s: machine '%s' has no slot for a network card; unused",
                        opts->source, mc->name);
            return true;
        }
    }
    dc = nic_class(mc, model, errp);
    if (!dc) {
        return false;
    }
    if (!id) {
        id = own_id = g_strdup_printf("__nic%u", index);
    }
    if (!net_netdev_add_type(opts, type ? type : "user", id, errp)) {
        return false;
    }
    dev = device_new(dc);
    if (!device_set_prop(dev, "netdev", id, errp) ||
        (mac && !device_set_prop(dev, "mac", mac, errp)) ||
        !device_realize(dev, NULL, errp)) {
        device_destroy(dev);
        return false;
    }
    return true;
}

bool net_nic_create_all(const MachineClass *mc, GPtrArray *nics, bool want_default,
                        Error **errp)
{
    for (guint i = 0; i < nics->len; i++) {
        NetOptions *opts = nics->pdata[i];
        const char *type = keyval_get(opts->kv, "type");

        if (type && strcmp(type, "none") == 0) {
            if (!keyval_check_unused(opts->kv, errp)) {
                error_prepend(errp, "-nic %s: ", opts->source);
                return false;
            }
            continue;
        }
        if (!nic_create(mc, opts, i, errp)) {
            error_prepend(errp, "-nic %s: ", opts->source);
            return false;
        }
    }
    /* A build without libslirp has no default backend, so no default card. */
    if (want_default && !nics->len && net_nic_default_model(mc) &&
        net_netdev_type_check("user", NULL)) {
        NetOptions *opts = net_options_parse("user", "type", &error_abort);
        bool ok = nic_create(mc, opts, 0, errp);

        if (!ok) {
            error_prepend(errp, "the default network card: ");
        }
        net_options_free(opts);
        return ok;
    }
    return true;
}
