/*
 * The device model: what every device and board builds on.
 *
 * A device is one C file holding a state struct that starts with
 * `DeviceState parent;`, its register map and read/write ops, reset,
 * properties, and one `const DeviceClass` describing it. There is no object
 * system: the class is a plain ops table, a device is found by name in the
 * table of hw/core/device-list.c, and a state struct is reached from the
 * DeviceState with container_of().
 *
 * Life cycle:
 *   device_new(dc)           zeroed instance, property defaults, instance_init
 *   device_set_prop*(...)    configuration (strings from -device, typed from boards)
 *   device_realize(dev, parent)
 *                            dc->realize checks the configuration and builds the
 *                            device; on success the device joins the reset tree
 *                            under parent (NULL: the machine's root) and its id
 *                            becomes visible to device_find()
 *   device_connect_* ...     wiring of IRQs, clocks; MMIO mapping by the board
 *   device_reset(dev)        via the reset tree on every system reset
 *   device_destroy(dev)      unrealize (children first), free
 *
 * A failed realize leaves the device unrealized and unregistered; the caller
 * destroys it. realize must undo its own work when it fails; the GPIO, IRQ,
 * clock and MMIO registrations below are owned by the DeviceState and freed
 * by device_destroy() whatever state the device is in.
 *
 * Reset order (device_reset): a device's children are reset first, in the
 * order they were realized, each subtree the same way, then the device
 * itself; a bus controller or SoC therefore resets after what hangs below
 * it. device_reset_all() does this for every device under the root, in
 * realize order. Devices are not reset by realize: the machine performs one
 * system reset after it is built, before the guest starts.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CORE_QDEV_H
#define HW_CORE_QDEV_H

#include "util/osdep.h"
#include "util/error.h"
#include "util/keyval.h"
#include "hw/core/irq.h"
#include "hw/core/clock.h"
#include "hw/core/qdev-properties.h"

typedef struct DeviceState DeviceState;
/* Defined by the memory API (softmmu/memory.h); the device model only keeps pointers. */
typedef struct MemoryRegion MemoryRegion;

/* How -device help groups devices. */
typedef enum DeviceCategory {
    DEVICE_CATEGORY_MISC = 0,
    DEVICE_CATEGORY_CHAR,       /* UARTs, consoles */
    DEVICE_CATEGORY_INTC,       /* interrupt controllers */
    DEVICE_CATEGORY_TIMER,      /* timers, RTCs, clock generators */
    DEVICE_CATEGORY_STORAGE,
    DEVICE_CATEGORY_NETWORK,
    DEVICE_CATEGORY_DISPLAY,
    DEVICE_CATEGORY_INPUT,
    DEVICE_CATEGORY_BRIDGE,     /* PCI hosts and bridges, buses */
    DEVICE_CATEGORY__MAX,
} DeviceCategory;

typedef struct DeviceClass {
    const char *name;           /* "pl011": what -device and boards use */
    const char *desc;           /* one line for -device help */
    DeviceCategory category;
    size_t instance_size;       /* sizeof the state struct */
    const Property *props;      /* ends with DEFINE_PROP_END; may be NULL */
    bool user_creatable;        /* may be created with -device */
    /* Sets up fields that do not depend on properties; cannot fail. */
    void (*instance_init)(DeviceState *dev);
    /* Checks the properties and builds the device; undoes its work on failure. */
    bool (*realize)(DeviceState *dev, Error **errp);
    /* Undoes realize (called by device_destroy on realized devices). */
    void (*unrealize)(DeviceState *dev);
    /* Puts the device in its power-on state; must not fail. */
    void (*reset)(DeviceState *dev);
} DeviceClass;

struct DeviceState {
    const DeviceClass *dc;
    char *id;                   /* NULL for devices nobody names */
    DeviceState *parent;        /* in the reset tree; NULL: root or not realized */
    GPtrArray *children;        /* DeviceState *, in realize order */
    bool realized;

    GPtrArray *mmio;            /* MemoryRegion *, in device_init_mmio order */
    GPtrArray *irqs;            /* IRQLine **: sysbus-style outputs */
    GPtrArray *gpios;           /* private DeviceGPIOList *, one per name */
    GPtrArray *clocks;          /* Clock *, owned */
};

/* ---- The device class table ---- */

/* The built-in table (hw/core/device-list.c); *count gets its length. */
const DeviceClass *const *device_builtin_classes(size_t *count);
/*
 * Adds a class outside the built-in table, searched after it: for test
 * programs and experiments. Koine's own devices belong in device-list.c.
 */
void device_class_register(const DeviceClass *dc);
/* All classes, built-in first: for i in 0..device_class_count()-1. */
size_t device_class_count(void);
const DeviceClass *device_class_at(size_t i);

const DeviceClass *device_class_find(const char *name);
/* -device help: by category, sorted by name, marking board-only devices. */
void device_class_print_list(FILE *out);
/* -device NAME,help: each property with its type, default and description. */
void device_class_print_props(const DeviceClass *dc, FILE *out);

/* Registers device_reset_all() as the reset tree root; main() calls it once. */
void device_model_init(void);

/* ---- Instances ---- */

DeviceState *device_new(const DeviceClass *dc);
/* Unrealizes (children first) if realized, then frees everything. NULL is fine. */
void device_destroy(DeviceState *dev);
/* Destroys every realized device, last realized first (machine teardown). */
void device_destroy_all(void);

/* Names the device (before realize); ids must be unique among realized devices. */
bool device_set_id(DeviceState *dev, const char *id, Error **errp);
/* The realized device with this id, or NULL. */
DeviceState *device_find(const char *id);

/* From text, as typed after -device: "unknown property 'x'", parse errors. */
bool device_set_prop(DeviceState *dev, const char *name, const char *value,
                     Error **errp);
/*
 * Typed setters for boards (usually with &error_abort). _u32/_u64 set any
 * unsigned integer property, range-checked; _int sets INT32 properties.
 */
bool device_set_prop_bool(DeviceState *dev, const char *name, bool value,
                          Error **errp);
bool device_set_prop_u32(DeviceState *dev, const char *name, uint32_t value,
                         Error **errp);
bool device_set_prop_u64(DeviceState *dev, const char *name, uint64_t value,
                         Error **errp);
bool device_set_prop_int(DeviceState *dev, const char *name, int32_t value,
                         Error **errp);
bool device_set_prop_str(DeviceState *dev, const char *name, const char *value,
                         Error **errp);
/* A property's current value as text (caller frees), NULL if no such property. */
char *device_get_prop_text(DeviceState *dev, const char *name);

bool device_realize(DeviceState *dev, DeviceState *parent, Error **errp);

/*
 * -device DRIVER,id=ID,prop=value,...: opts was parsed with implied key
 * "driver". Creates, configures and realizes under the root; NULL with one
 * clear error otherwise (nothing is left behind). The caller prepends the
 * option text to the error if it wants it, and handles "help" first.
 */
DeviceState *device_create_from_opts(KeyVal *opts, Error **errp);

/* ---- Reset tree ---- */

void device_reset(DeviceState *dev);
void device_reset_all(void);
/* Calls fn on every realized device, pre-order, children in realize order. */
void device_foreach(void (*fn)(DeviceState *dev, void *opaque), void *opaque);

/* ---- MMIO regions (the board maps them) ---- */

/* Adds mr (owned by the device's state) as MMIO region number device_num_mmio()-1. */
void device_init_mmio(DeviceState *dev, MemoryRegion *mr);
MemoryRegion *device_get_mmio(DeviceState *dev, int n);
int device_num_mmio(DeviceState *dev);
/* Maps MMIO region n into the system address space at addr (boards). */
void device_mmio_map(DeviceState *dev, int n, hwaddr addr);
/* The same, over whatever lies below: higher priority wins where they overlap. */
void device_mmio_map_overlap(DeviceState *dev, int n, hwaddr addr, int priority);

/* ---- GPIO and IRQ lines ---- */

/*
 * Inputs: n lines calling handler(dev, i, level), owned by the device.
 * Outputs: n slots pins[0..n-1] in the device's state (initially NULL) that a
 * board fills through device_connect_gpio_out(). Repeated calls with the same
 * name append lines; name NULL is the anonymous list. Connecting an output
 * again replaces the previous connection (fan out with irq_split2/split-irq).
 */
void device_init_gpio_in(DeviceState *dev, IRQHandler *handler, int n);
void device_init_gpio_in_named(DeviceState *dev, const char *name,
                               IRQHandler *handler, int n);
IRQLine *device_get_gpio_in(DeviceState *dev, int i);
IRQLine *device_get_gpio_in_named(DeviceState *dev, const char *name, int i);
void device_init_gpio_out(DeviceState *dev, IRQLine **pins, int n);
void device_init_gpio_out_named(DeviceState *dev, const char *name,
                                IRQLine **pins, int n);
void device_connect_gpio_out(DeviceState *dev, int i, IRQLine *line);
void device_connect_gpio_out_named(DeviceState *dev, const char *name, int i,
                                   IRQLine *line);
/* What output i is connected to (NULL if nothing). */
IRQLine *device_get_gpio_out_named(DeviceState *dev, const char *name, int i);
int device_num_gpio_in(DeviceState *dev, const char *name);
int device_num_gpio_out(DeviceState *dev, const char *name);

/*
 * Sysbus-style interrupt outputs, numbered in device_init_irq() order, as
 * boards wire a memory-mapped device to its interrupt controller. They are a
 * separate list from the GPIO outputs.
 */
void device_init_irq(DeviceState *dev, IRQLine **p);
void device_connect_irq(DeviceState *dev, int n, IRQLine *line);
int device_num_irq(DeviceState *dev);

/* ---- Clocks ---- */

/* An input clock named name; cb(opaque) runs when its period changes. */
Clock *device_init_clock_in(DeviceState *dev, const char *name,
                            ClockCallback *cb, void *opaque);
Clock *device_init_clock_out(DeviceState *dev, const char *name);
/* The device's clock called name, or NULL. */
Clock *device_get_clock(DeviceState *dev, const char *name);
/* Feeds the device's clock name from source (see clock_set_source). */
void device_connect_clock(DeviceState *dev, const char *name, Clock *source);

/* The id, or the class name for an anonymous device: for messages. */
const char *device_name(const DeviceState *dev);

#endif
