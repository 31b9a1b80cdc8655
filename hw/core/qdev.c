/*
 * The device model core: classes, instances, properties, the reset tree and
 * the per-device resources (MMIO regions, GPIO/IRQ lines, clocks). See
 * hw/core/qdev.h for the life cycle and the reset order.
 *
 * State kept here, all under the global lock:
 *   - root_devices: realized devices without a parent, in realize order; the
 *     reset tree hangs from them through DeviceState.children.
 *   - device_ids: id -> realized device, so ids are unique and findable.
 *   - extra_classes: classes registered at run time (tests), searched after
 *     the built-in table of device-list.c.
 * A device is entered in these only once its realize succeeded, so a failed
 * realize leaves nothing behind but the instance its caller destroys.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/qdev.h"
#include "softmmu/memory.h"
#include "softmmu/runstate.h"

/* The GPIO lines of one name (NULL: the anonymous ones) on one device. */
typedef struct DeviceGPIOList {
    char *name;
    GPtrArray *in;              /* IRQLine *, owned by the device */
    GPtrArray *out;             /* IRQLine **: slots in the device's state */
} DeviceGPIOList;

static GPtrArray *root_devices;
static GHashTable *device_ids;
static GPtrArray *extra_classes;

/* ---- Classes ---- */

void device_class_register(const DeviceClass *dc)
{
    assert(dc->name && !device_class_find(dc->name));
    if (!extra_classes) {
        extra_classes = g_ptr_array_new();
    }
    g_ptr_array_add(extra_classes, (gpointer)dc);
}

size_t device_class_count(void)
{
    size_t builtin;

    device_builtin_classes(&builtin);
    return builtin + (extra_classes ? extra_classes->len : 0);
}

const DeviceClass *device_class_at(size_t i)
{
    size_t builtin;
    const DeviceClass *const *table = device_builtin_classes(&builtin);

    if (i < builtin) {
        return table[i];
    }
    assert(extra_classes && i - builtin < extra_classes->len);
    return g_ptr_array_index(extra_classes, i - builtin);
}

const DeviceClass *device_class_find(const char *name)
{
    size_t n = device_class_count();

    for (size_t i = 0; i < n; i++) {
        const DeviceClass *dc = device_class_at(i);

        if (strcmp(dc->name, name) == 0) {
            return dc;
        }
    }
    return NULL;
}

static const char *const category_names[DEVICE_CATEGORY__MAX] = {
    [DEVICE_CATEGORY_MISC] = "Misc devices",
    [DEVICE_CATEGORY_CHAR] = "Serial and console devices",
    [DEVICE_CATEGORY_INTC] = "Interrupt controllers",
    [DEVICE_CATEGORY_TIMER] = "Timers and clock generators",
    [DEVICE_CATEGORY_STORAGE] = "Storage devices",
    [DEVICE_CATEGORY_NETWORK] = "Network devices",
    [DEVICE_CATEGORY_DISPLAY] = "Display devices",
    [DEVICE_CATEGORY_INPUT] = "Input devices",
    [DEVICE_CATEGORY_BRIDGE] = "Buses and bridges",
};

static gint compare_classes(gconstpointer a, gconstpointer b)
{
    const DeviceClass *da = *(const DeviceClass *const *)a;
    const DeviceClass *db = *(const DeviceClass *const *)b;

    if (da->category != db->category) {
        return da->category < db->category ? -1 : 1;
    }
    return strcmp(da->name, db->name);
}

void device_class_print_list(FILE *out)
{
    size_t n = device_class_count();
    GPtrArray *sorted = g_ptr_array_sized_new(n);
    int width = 0;
    int category = -1;

    for (size_t i = 0; i < n; i++) {
        const DeviceClass *dc = device_class_at(i);

        g_ptr_array_add(sorted, (gpointer)dc);
        width = MAX(width, (int)strlen(dc->name));
    }
    g_ptr_array_sort(sorted, compare_classes);
    for (guint i = 0; i < sorted->len; i++) {
        const DeviceClass *dc = g_ptr_array_index(sorted, i);

        assert(dc->category < DEVICE_CATEGORY__MAX);
        if ((int)dc->category != category) {
            category = dc->category;
            fprintf(out, "%s%s:\n", i ? "\n" : "", category_names[category]);
        }
        fprintf(out, "  %-*s  %s%s\n", width, dc->name,
                dc->desc ? dc->desc : "",
                dc->user_creatable ? "" : " (board only, not with -device)");
    }
    g_ptr_array_free(sorted, true);
}

void device_class_print_props(const DeviceClass *dc, FILE *out)
{
    const Property *prop;
    int width = 0;

    if (!dc->props || !dc->props[0].name) {
        fprintf(out, "%s has no properties\n", dc->name);
        return;
    }
    for (prop = dc->props; prop->name; prop++) {
        width = MAX(width, (int)(strlen(prop->name) +
                                 strlen(property_type_name(prop->type)) + 3));
    }
    fprintf(out, "%s properties:\n", dc->name);
    for (prop = dc->props; prop->name; prop++) {
        g_autofree char *left = g_strdup_printf("%s=<%s>", prop->name,
                                                property_type_name(prop->type));
        g_autofree char *def = property_print_default(prop);

        fprintf(out, "  %-*s  %s%s%s%s\n", width, left,
                prop->description ? prop->description : "",
                def ? " (default: " : "", def ? def : "", def ? ")" : "");
    }
}

void device_model_init(void)
{
    runstate_set_device_reset(device_reset_all);
}

/* ---- Instances ---- */

static void *prop_field(DeviceState *dev, const Property *prop)
{
    return (char *)dev + prop->offset;
}

/* Catches tables that would write outside the instance: a bug in the class. */
static void check_class(const DeviceClass *dc)
{
    assert(dc->name && dc->instance_size >= sizeof(DeviceState));
    for (const Property *prop = dc->props; prop && prop->name; prop++) {
        assert(prop->offset >= sizeof(DeviceState));
        assert(prop->offset + property_field_size(prop) <= dc->instance_size);
        assert(strcmp(prop->name, "id") != 0 && strcmp(prop->name, "driver") != 0);
        for (const Property *other = dc->props; other != prop; other++) {
            assert(strcmp(other->name, prop->name) != 0);
        }
    }
}

DeviceState *device_new(const DeviceClass *dc)
{
    DeviceState *dev;

    check_class(dc);
    dev = g_malloc0(dc->instance_size);
    dev->dc = dc;
    dev->children = g_ptr_array_new();
    dev->mmio = g_ptr_array_new();
    dev->irqs = g_ptr_array_new();
    dev->gpios = g_ptr_array_new();
    dev->clocks = g_ptr_array_new();
    for (const Property *prop = dc->props; prop && prop->name; prop++) {
        property_set_default(prop, prop_field(dev, prop));
    }
    if (dc->instance_init) {
        dc->instance_init(dev);
    }
    return dev;
}

static void free_gpio_list(gpointer data)
{
    DeviceGPIOList *list = data;

    for (guint i = 0; i < list->in->len; i++) {
        irq_free(g_ptr_array_index(list->in, i));
    }
    g_ptr_array_free(list->in, true);
    g_ptr_array_free(list->out, true);
    g_free(list->name);
    g_free(list);
}

void device_destroy(DeviceState *dev)
{
    if (!dev) {
        return;
    }
    /* Children go first, last realized first: they may use their parent. */
    while (dev->children->len) {
        device_destroy(g_ptr_array_index(dev->children, dev->children->len - 1));
    }
    if (dev->realized) {
        /* Out of the memory map before its regions go away with the device. */
        for (guint i = 0; i < dev->mmio->len; i++) {
            MemoryRegion *mr = dev->mmio->pdata[i];

            if (mr->container) {
                memory_region_del_subregion(mr->container, mr);
            }
        }
        if (dev->dc->unrealize) {
            dev->dc->unrealize(dev);
        }
        g_ptr_array_remove(dev->parent ? dev->parent->children : root_devices,
                           dev);
        if (dev->id) {
            g_hash_table_remove(device_ids, dev->id);
        }
        dev->realized = false;
    }
    for (const Property *prop = dev->dc->props; prop && prop->name; prop++) {
        property_release(prop, prop_field(dev, prop));
    }
    for (guint i = 0; i < dev->gpios->len; i++) {
        free_gpio_list(g_ptr_array_index(dev->gpios, i));
    }
    for (guint i = 0; i < dev->clocks->len; i++) {
        clock_free(g_ptr_array_index(dev->clocks, i));
    }
    g_ptr_array_free(dev->gpios, true);
    g_ptr_array_free(dev->clocks, true);
    g_ptr_array_free(dev->irqs, true);
    g_ptr_array_free(dev->mmio, true);
    g_ptr_array_free(dev->children, true);
    g_free(dev->id);
    g_free(dev);
}

void device_destroy_all(void)
{
    /* Last realized first, as for children: later devices may use earlier ones. */
    while (root_devices && root_devices->len) {
        device_destroy(g_ptr_array_index(root_devices, root_devices->len - 1));
    }
}

const char *device_name(const DeviceState *dev)
{
    return dev->id ? dev->id : dev->dc->name;
}

static bool id_is_valid(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id + 1; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-._", *p)) {
            return false;
        }
    }
    return true;
}

bool device_set_id(DeviceState *dev, const char *id, Error **errp)
{
    if (dev->realized) {
        error_setg(errp, "device '%s' is realized: its ID cannot change",
                   device_name(dev));
        return false;
    }
    if (!id_is_valid(id)) {
        error_setg(errp, "invalid device ID '%s' (a letter, then letters, "
                   "digits, '-', '.' or '_')", id);
        return false;
    }
    if (device_find(id)) {
        error_setg(errp, "duplicate device ID '%s'", id);
        return false;
    }
    g_free(dev->id);
    dev->id = g_strdup(id);
    return true;
}

DeviceState *device_find(const char *id)
{
    return device_ids ? g_hash_table_lookup(device_ids, id) : NULL;
}

static const Property *find_prop(DeviceState *dev, const char *name)
{
    for (const Property *prop = dev->dc->props; prop && prop->name; prop++) {
        if (strcmp(prop->name, name) == 0) {
            return prop;
        }
    }
    return NULL;
}

/* The property name, if it exists and may still be set. */
static const Property *settable_prop(DeviceState *dev, const char *name,
                                     Error **errp)
{
    const Property *prop = find_prop(dev, name);

    if (!prop) {
        error_setg(errp, "unknown property '%s'", name);
        return NULL;
    }
    if (dev->realized) {
        error_setg(errp, "property '%s' cannot be set after the device is "
                   "realized", name);
        return NULL;
    }
    return prop;
}

bool device_set_prop(DeviceState *dev, const char *name, const char *value,
                     Error **errp)
{
    const Property *prop = settable_prop(dev, name, errp);

    return prop && property_parse(prop, prop_field(dev, prop), value, errp);
}

bool device_set_prop_bool(DeviceState *dev, const char *name, bool value,
                          Error **errp)
{
    const Property *prop = settable_prop(dev, name, errp);

    if (!prop) {
        return false;
    }
    if (prop->type != PROP_TYPE_BOOL) {
        error_setg(errp, "property '%s' has type %s, not bool", name,
                   property_type_name(prop->type));
        return false;
    }
    return property_set_uint(prop, prop_field(dev, prop), value, errp);
}

static bool set_prop_unsigned(DeviceState *dev, const char *name,
                              uint64_t value, Error **errp)
{
    const Property *prop = settable_prop(dev, name, errp);

    if (!prop) {
        return false;
    }
    if (prop->type == PROP_TYPE_BOOL) {
        error_setg(errp, "property '%s' has type bool, not a number", name);
        return false;
    }
    return property_set_uint(prop, prop_field(dev, prop), value, errp);
}

bool device_set_prop_u32(DeviceState *dev, const char *name, uint32_t value,
                         Error **errp)
{
    return set_prop_unsigned(dev, name, value, errp);
}

bool device_set_prop_u64(DeviceState *dev, const char *name, uint64_t value,
                         Error **errp)
{
    return set_prop_unsigned(dev, name, value, errp);
}

bool device_set_prop_int(DeviceState *dev, const char *name, int32_t value,
                         Error **errp)
{
    const Property *prop = settable_prop(dev, name, errp);

    if (!prop) {
        return false;
    }
    if (prop->type != PROP_TYPE_INT32) {
        error_setg(errp, "property '%s' has type %s, not int32", name,
                   property_type_name(prop->type));
        return false;
    }
    return property_set_int(prop, prop_field(dev, prop), value, errp);
}

bool device_set_prop_str(DeviceState *dev, const char *name, const char *value,
                         Error **errp)
{
    const Property *prop = settable_prop(dev, name, errp);

    return prop && property_set_str(prop, prop_field(dev, prop), value, errp);
}

char *device_get_prop_text(DeviceState *dev, const char *name)
{
    const Property *prop = find_prop(dev, name);

    return prop ? property_print(prop, prop_field(dev, prop)) : NULL;
}

bool device_realize(DeviceState *dev, DeviceState *parent, Error **errp)
{
    assert(!dev->realized && parent != dev);
    if (dev->id && device_find(dev->id)) {
        error_setg(errp, "duplicate device ID '%s'", dev->id);
        return false;
    }
    if (dev->dc->realize && !dev->dc->realize(dev, errp)) {
        return false;
    }
    dev->realized = true;
    dev->parent = parent;
    if (parent) {
        g_ptr_array_add(parent->children, dev);
    } else {
        if (!root_devices) {
            root_devices = g_ptr_array_new();
        }
        g_ptr_array_add(root_devices, dev);
    }
    if (dev->id) {
        if (!device_ids) {
            device_ids = g_hash_table_new(g_str_hash, g_str_equal);
        }
        g_hash_table_insert(device_ids, dev->id, dev);
    }
    return true;
}

static bool configure_from_opts(DeviceState *dev, KeyVal *opts, Error **errp)
{
    size_t n = keyval_count(opts);

    for (size_t i = 0; i < n; i++) {
        const char *key = keyval_key_at(opts, i);
        const char *value = keyval_value_at(opts, i);

        if (strcmp(key, "driver") == 0) {
            continue;
        }
        if (strcmp(key, "id") == 0) {
            if (!device_set_id(dev, value, errp)) {
                return false;
            }
        } else if (!device_set_prop(dev, key, value, errp)) {
            return false;
        }
    }
    return true;
}

DeviceState *device_create_from_opts(KeyVal *opts, Error **errp)
{
    const char *driver = keyval_get(opts, "driver");
    const DeviceClass *dc;
    DeviceState *dev;

    if (!driver || !*driver) {
        error_setg(errp, "missing device model name (-device help lists them)");
        return NULL;
    }
    dc = device_class_find(driver);
    if (!dc) {
        error_setg(errp, "'%s' is not a valid device model name "
                   "(-device help lists them)", driver);
        return NULL;
    }
    if (!dc->user_creatable) {
        error_setg(errp, "device '%s' cannot be created with -device", driver);
        return NULL;
    }
    dev = device_new(dc);
    if (!configure_from_opts(dev, opts, errp) ||
        !device_realize(dev, NULL, errp)) {
        device_destroy(dev);
        return NULL;
    }
    return dev;
}

/* ---- Reset tree ---- */

void device_reset(DeviceState *dev)
{
    assert(dev->realized);
    for (guint i = 0; i < dev->children->len; i++) {
        device_reset(g_ptr_array_index(dev->children, i));
    }
    if (dev->dc->reset) {
        dev->dc->reset(dev);
    }
}

void device_reset_all(void)
{
    for (guint i = 0; root_devices && i < root_devices->len; i++) {
        device_reset(g_ptr_array_index(root_devices, i));
    }
}

static void foreach_under(DeviceState *dev,
                          void (*fn)(DeviceState *, void *), void *opaque)
{
    fn(dev, opaque);
    for (guint i = 0; i < dev->children->len; i++) {
        foreach_under(g_ptr_array_index(dev->children, i), fn, opaque);
    }
}

void device_foreach(void (*fn)(DeviceState *dev, void *opaque), void *opaque)
{
    for (guint i = 0; root_devices && i < root_devices->len; i++) {
        foreach_under(g_ptr_array_index(root_devices, i), fn, opaque);
    }
}

/* ---- MMIO ---- */

void device_init_mmio(DeviceState *dev, MemoryRegion *mr)
{
    assert(mr);
    g_ptr_array_add(dev->mmio, mr);
}

MemoryRegion *device_get_mmio(DeviceState *dev, int n)
{
    assert(n >= 0 && (guint)n < dev->mmio->len);
    return g_ptr_array_index(dev->mmio, n);
}

int device_num_mmio(DeviceState *dev)
{
    return dev->mmio->len;
}

void device_mmio_map(DeviceState *dev, int n, hwaddr addr)
{
    memory_region_add_subregion(get_system_memory(), addr, device_get_mmio(dev, n));
}

void device_mmio_map_overlap(DeviceState *dev, int n, hwaddr addr, int priority)
{
    memory_region_add_subregion_overlap(get_system_memory(), addr,
                                        device_get_mmio(dev, n), priority);
}

/* ---- GPIO and IRQ lines ---- */

static DeviceGPIOList *gpio_list(DeviceState *dev, const char *name,
                                 bool create)
{
    DeviceGPIOList *list;

    for (guint i = 0; i < dev->gpios->len; i++) {
        list = g_ptr_array_index(dev->gpios, i);
        if (g_strcmp0(list->name, name) == 0) {
            return list;
        }
    }
    if (!create) {
        return NULL;
    }
    list = g_new0(DeviceGPIOList, 1);
    list->name = g_strdup(name);
    list->in = g_ptr_array_new();
    list->out = g_ptr_array_new();
    g_ptr_array_add(dev->gpios, list);
    return list;
}

void device_init_gpio_in_named(DeviceState *dev, const char *name,
                               IRQHandler *handler, int n)
{
    DeviceGPIOList *list = gpio_list(dev, name, true);

    assert(n >= 0);
    for (int i = 0; i < n; i++) {
        g_ptr_array_add(list->in, irq_new(handler, dev, list->in->len));
    }
}

void device_init_gpio_in(DeviceState *dev, IRQHandler *handler, int n)
{
    device_init_gpio_in_named(dev, NULL, handler, n);
}

IRQLine *device_get_gpio_in_named(DeviceState *dev, const char *name, int i)
{
    DeviceGPIOList *list = gpio_list(dev, name, false);

    assert(list && i >= 0 && (guint)i < list->in->len);
    return g_ptr_array_index(list->in, i);
}

IRQLine *device_get_gpio_in(DeviceState *dev, int i)
{
    return device_get_gpio_in_named(dev, NULL, i);
}

void device_init_gpio_out_named(DeviceState *dev, const char *name,
                                IRQLine **pins, int n)
{
    DeviceGPIOList *list = gpio_list(dev, name, true);

    assert(n >= 0);
    for (int i = 0; i < n; i++) {
        g_ptr_array_add(list->out, &pins[i]);
    }
}

void device_init_gpio_out(DeviceState *dev, IRQLine **pins, int n)
{
    device_init_gpio_out_named(dev, NULL, pins, n);
}

static IRQLine **gpio_out_slot(DeviceState *dev, const char *name, int i)
{
    DeviceGPIOList *list = gpio_list(dev, name, false);

    assert(list && i >= 0 && (guint)i < list->out->len);
    return g_ptr_array_index(list->out, i);
}

void device_connect_gpio_out_named(DeviceState *dev, const char *name, int i,
                                   IRQLine *line)
{
    *gpio_out_slot(dev, name, i) = line;
}

void device_connect_gpio_out(DeviceState *dev, int i, IRQLine *line)
{
    device_connect_gpio_out_named(dev, NULL, i, line);
}

IRQLine *device_get_gpio_out_named(DeviceState *dev, const char *name, int i)
{
    return *gpio_out_slot(dev, name, i);
}

int device_num_gpio_in(DeviceState *dev, const char *name)
{
    DeviceGPIOList *list = gpio_list(dev, name, false);

    return list ? (int)list->in->len : 0;
}

int device_num_gpio_out(DeviceState *dev, const char *name)
{
    DeviceGPIOList *list = gpio_list(dev, name, false);

    return list ? (int)list->out->len : 0;
}

void device_init_irq(DeviceState *dev, IRQLine **p)
{
    g_ptr_array_add(dev->irqs, p);
}

void device_connect_irq(DeviceState *dev, int n, IRQLine *line)
{
    assert(n >= 0 && (guint)n < dev->irqs->len);
    *(IRQLine **)g_ptr_array_index(dev->irqs, n) = line;
}

int device_num_irq(DeviceState *dev)
{
    return dev->irqs->len;
}

/* ---- Clocks ---- */

static Clock *add_clock(DeviceState *dev, const char *name, ClockCallback *cb,
                        void *opaque)
{
    Clock *clk;

    assert(name && !device_get_clock(dev, name));
    clk = clock_new(name, cb, opaque);
    g_ptr_array_add(dev->clocks, clk);
    return clk;
}

Clock *device_init_clock_in(DeviceState *dev, const char *name,
                            ClockCallback *cb, void *opaque)
{
    return add_clock(dev, name, cb, opaque);
}

Clock *device_init_clock_out(DeviceState *dev, const char *name)
{
    return add_clock(dev, name, NULL, NULL);
}

Clock *device_get_clock(DeviceState *dev, const char *name)
{
    for (guint i = 0; i < dev->clocks->len; i++) {
        Clock *clk = g_ptr_array_index(dev->clocks, i);

        if (strcmp(clock_name(clk), name) == 0) {
            return clk;
        }
    }
    return NULL;
}

void device_connect_clock(DeviceState *dev, const char *name, Clock *source)
{
    Clock *clk = device_get_clock(dev, name);

    assert(clk);
    clock_set_source(clk, source);
}
