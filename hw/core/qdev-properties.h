/*
 * Device properties: the knobs a board or a -device option sets before a
 * device is realized.
 *
 * A device lists its properties in a const table of Property, each naming a
 * field of the device's state struct by offset. device_new() writes every
 * default into the fresh instance; device_set_prop() parses a string from the
 * command line into the field; boards use the typed setters in qdev.h. After
 * realize, properties are frozen: a device reads its own fields directly.
 *
 *     typedef struct PL011State {
 *         DeviceState parent;
 *         uint32_t baudrate;
 *         char *label;
 *     } PL011State;
 *
 *     static const Property pl011_props[] = {
 *         DEFINE_PROP_UINT32("baudrate", PL011State, baudrate, 115200,
 *                            "initial baud rate"),
 *         DEFINE_PROP_STRING("label", PL011State, label, NULL, "a name"),
 *         DEFINE_PROP_END,
 *     };
 *
 * Each macro checks at compile time that the field has the C type the
 * property type stores (bool, uint8_t ... uint64_t, int32_t, char *).
 *
 * Types are an enum plus one PropertyInfo per type (parse, default, print,
 * release) in qdev-properties.c; a new type (a chardev backend, a link to
 * another device) is one enum value, one table entry and one DEFINE_PROP_*.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef HW_CORE_QDEV_PROPERTIES_H
#define HW_CORE_QDEV_PROPERTIES_H

#include "util/osdep.h"
#include "util/error.h"
#include "chardev/char-fe.h"

typedef enum PropertyType {
    PROP_TYPE_END = 0,          /* terminates a table */
    PROP_TYPE_BOOL,             /* bool: on/off, true/false, yes/no */
    PROP_TYPE_UINT8,            /* uint8_t: decimal or 0x hex */
    PROP_TYPE_UINT16,           /* uint16_t */
    PROP_TYPE_UINT32,           /* uint32_t */
    PROP_TYPE_UINT64,           /* uint64_t */
    PROP_TYPE_INT32,            /* int32_t: may be negative */
    PROP_TYPE_SIZE,             /* uint64_t: "64K", "1.5G", 0x hex */
    PROP_TYPE_STRING,           /* char *: owned by the device, NULL if unset */
    PROP_TYPE_CHR,              /* CharBackend: connected to the -chardev of that id */
    PROP_TYPE_DRIVE,            /* BlockBackend *: the -drive of that name, opened */
    PROP_TYPE__MAX,
} PropertyType;

typedef struct Property {
    const char *name;
    PropertyType type;
    size_t offset;              /* of the field in the device state struct */
    uint64_t defval;            /* numbers and bools (INT32 sign-extended) */
    const char *defval_str;     /* STRING: default text, or NULL */
    const char *description;    /* one line, for -device NAME,help */
} Property;

/* The name users see for a type ("uint32", "size", "bool", "str"). */
const char *property_type_name(PropertyType type);

/*
 * Compile-time check that state->field has type ctype, folded into the
 * offset so it costs nothing: a mismatch is a build error naming the macro.
 */
#define PROP_FIELD_OFFSET(state, field, ctype)                              \
    (offsetof(state, field) +                                               \
     0 * sizeof(struct {                                                    \
         _Static_assert(__builtin_types_compatible_p(                       \
                            __typeof__(((state *)0)->field), ctype),        \
                        "property field " #field " is not " #ctype);        \
         int dummy;                                                         \
     }))

#define DEFINE_PROP_TYPED_(_name, _type, _state, _field, _ctype, _def, _desc) \
    { .name = (_name), .type = (_type),                                     \
      .offset = PROP_FIELD_OFFSET(_state, _field, _ctype),                  \
      .defval = (uint64_t)(_def), .description = (_desc) }

#define DEFINE_PROP_BOOL(_name, _state, _field, _def, _desc)                \
    DEFINE_PROP_TYPED_(_name, PROP_TYPE_BOOL, _state, _field, bool,         \
                       !!(_def), _desc)
#define DEFINE_PROP_UINT8(_name, _state, _field, _def, _desc)               \
    DEFINE_PROP_TYPED_(_name, PROP_TYPE_UINT8, _state, _field, uint8_t,     \
                       (uint8_t)(_def), _desc)
#define DEFINE_PROP_UINT16(_name, _state, _field, _def, _desc)              \
    DEFINE_PROP_TYPED_(_name, PROP_TYPE_UINT16, _state, _field, uint16_t,   \
                       (uint16_t)(_def), _desc)
#define DEFINE_PROP_UINT32(_name, _state, _field, _def, _desc)              \
    DEFINE_PROP_TYPED_(_name, PROP_TYPE_UINT32, _state, _field, uint32_t,   \
                       (uint32_t)(_def), _desc)
#define DEFINE_PROP_UINT64(_name, _state, _field, _def, _desc)              \
    DEFINE_PROP_TYPED_(_name, PROP_TYPE_UINT64, _state, _field, uint64_t,   \
                       (uint64_t)(_def), _desc)
#define DEFINE_PROP_INT32(_name, _state, _field, _def, _desc)               \
    DEFINE_PROP_TYPED_(_name, PROP_TYPE_INT32, _state, _field, int32_t,     \
                       (int64_t)(int32_t)(_def), _desc)
#define DEFINE_PROP_SIZE(_name, _state, _field, _def, _desc)                \
    DEFINE_PROP_TYPED_(_name, PROP_TYPE_SIZE, _state, _field, uint64_t,     \
                       (uint64_t)(_def), _desc)
#define DEFINE_PROP_STRING(_name, _state, _field, _def, _desc)              \
    { .name = (_name), .type = PROP_TYPE_STRING,                            \
      .offset = PROP_FIELD_OFFSET(_state, _field, char *),                  \
      .defval_str = (_def), .description = (_desc) }

/* A character device backend by id ("-device pl011,chardev=s0"); unset: not connected. */
#define DEFINE_PROP_CHR(_name, _state, _field, _desc)                       \
    { .name = (_name), .type = PROP_TYPE_CHR,                               \
      .offset = PROP_FIELD_OFFSET(_state, _field, CharBackend),             \
      .description = (_desc) }

/*
 * A disk image by -drive name ("-device virtio-blk-device,drive=d0", see
 * block/drive.h): opened and marked taken on set, closed on destroy; unset: NULL.
 */
typedef struct BlockBackend BlockBackend;
#define DEFINE_PROP_DRIVE(_name, _state, _field, _desc)                     \
    { .name = (_name), .type = PROP_TYPE_DRIVE,                             \
      .offset = PROP_FIELD_OFFSET(_state, _field, BlockBackend *),          \
      .description = (_desc) }

#define DEFINE_PROP_END { .name = NULL, .type = PROP_TYPE_END }

/*
 * Per-instance operations, used by qdev.c; `field` points at the property's
 * field inside one device instance.
 */
/* Writes the default (strings are duplicated). */
void property_set_default(const Property *prop, void *field);
/* Parses str into the field; the error names the property. */
bool property_parse(const Property *prop, void *field, const char *str,
                    Error **errp);
/* The field's value as text (a fresh string), as -device NAME,help shows it. */
char *property_print(const Property *prop, const void *field);
/* The default as text, or NULL for a string property without a default. */
char *property_print_default(const Property *prop);
/* Frees what the field owns (string copies). */
void property_release(const Property *prop, void *field);
/* The size of the C field, for sanity checks against instance_size. */
size_t property_field_size(const Property *prop);

/*
 * Stores an integer or bool given in C form, range-checked for the field's
 * type (the typed device_set_prop_* setters use these).
 */
bool property_set_uint(const Property *prop, void *field, uint64_t value,
                       Error **errp);
bool property_set_int(const Property *prop, void *field, int64_t value,
                      Error **errp);
bool property_set_str(const Property *prop, void *field, const char *value,
                      Error **errp);

#endif
