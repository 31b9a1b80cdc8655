/*
 * Property types: one PropertyInfo per PropertyType, indexed by the enum.
 *
 * Every operation on a property goes through this table, so adding a type is
 * local: a parse function for the command line, a default writer, a printer
 * for -device NAME,help, and a release function for types that own memory.
 *
 * Numbers are decimal or 0x hex (no octal: "010" is ten, as users expect);
 * INT32 takes a leading '-'. Every integer is range-checked for its field
 * width, so "-device x,level=300" on a uint8 is an error, not 44.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/qdev-properties.h"
#include "util/cutils.h"
#include "block/drive.h"

typedef struct PropertyInfo {
    const char *name;
    size_t size;
    bool is_integer;            /* unsigned or signed number: min/max apply */
    int64_t min;
    uint64_t max;
    bool (*parse)(const Property *prop, void *field, const char *str,
                  Error **errp);
} PropertyInfo;

static bool parse_bool_prop(const Property *prop, void *field, const char *str,
                            Error **errp);
static bool parse_int_prop(const Property *prop, void *field, const char *str,
                           Error **errp);
static bool parse_size_prop(const Property *prop, void *field, const char *str,
                            Error **errp);
static bool parse_string_prop(const Property *prop, void *field, const char *str,
                              Error **errp);
static bool parse_chr_prop(const Property *prop, void *field, const char *str,
                           Error **errp);
static bool parse_drive_prop(const Property *prop, void *field, const char *str,
                             Error **errp);

static const PropertyInfo property_info[PROP_TYPE__MAX] = {
    [PROP_TYPE_BOOL] = {
        .name = "bool", .size = sizeof(bool), .max = 1,
        .parse = parse_bool_prop,
    },
    [PROP_TYPE_UINT8] = {
        .name = "uint8", .size = sizeof(uint8_t), .is_integer = true,
        .max = UINT8_MAX, .parse = parse_int_prop,
    },
    [PROP_TYPE_UINT16] = {
        .name = "uint16", .size = sizeof(uint16_t), .is_integer = true,
        .max = UINT16_MAX, .parse = parse_int_prop,
    },
    [PROP_TYPE_UINT32] = {
        .name = "uint32", .size = sizeof(uint32_t), .is_integer = true,
        .max = UINT32_MAX, .parse = parse_int_prop,
    },
    [PROP_TYPE_UINT64] = {
        .name = "uint64", .size = sizeof(uint64_t), .is_integer = true,
        .max = UINT64_MAX, .parse = parse_int_prop,
    },
    [PROP_TYPE_INT32] = {
        .name = "int32", .size = sizeof(int32_t), .is_integer = true,
        .min = INT32_MIN, .max = INT32_MAX, .parse = parse_int_prop,
    },
    [PROP_TYPE_SIZE] = {
        .name = "size", .size = sizeof(uint64_t), .is_integer = true,
        .max = UINT64_MAX, .parse = parse_size_prop,
    },
    [PROP_TYPE_STRING] = {
        .name = "str", .size = sizeof(char *), .parse = parse_string_prop,
    },
    [PROP_TYPE_CHR] = {
        .name = "chardev", .size = sizeof(CharBackend), .parse = parse_chr_prop,
    },
    [PROP_TYPE_DRIVE] = {
        .name = "drive", .size = sizeof(BlockBackend *), .parse = parse_drive_prop,
    },
};

static const PropertyInfo *info_of(const Property *prop)
{
    assert(prop->type > PROP_TYPE_END && prop->type < PROP_TYPE__MAX);
    return &property_info[prop->type];
}

const char *property_type_name(PropertyType type)
{
    assert(type > PROP_TYPE_END && type < PROP_TYPE__MAX);
    return property_info[type].name;
}

size_t property_field_size(const Property *prop)
{
    return info_of(prop)->size;
}

/* Raw stores and loads; the range was checked before. */
static void store_uint(const Property *prop, void *field, uint64_t value)
{
    switch (prop->type) {
    case PROP_TYPE_BOOL:
        *(bool *)field = value != 0;
        break;
    case PROP_TYPE_UINT8:
        *(uint8_t *)field = value;
        break;
    case PROP_TYPE_UINT16:
        *(uint16_t *)field = value;
        break;
    case PROP_TYPE_UINT32:
        *(uint32_t *)field = value;
        break;
    case PROP_TYPE_INT32:
        *(int32_t *)field = (int32_t)(int64_t)value;
        break;
    case PROP_TYPE_UINT64:
    case PROP_TYPE_SIZE:
        *(uint64_t *)field = value;
        break;
    default:
        g_assert_not_reached();
    }
}

static uint64_t load_uint(const Property *prop, const void *field)
{
    switch (prop->type) {
    case PROP_TYPE_BOOL:
        return *(const bool *)field;
    case PROP_TYPE_UINT8:
        return *(const uint8_t *)field;
    case PROP_TYPE_UINT16:
        return *(const uint16_t *)field;
    case PROP_TYPE_UINT32:
        return *(const uint32_t *)field;
    case PROP_TYPE_INT32:
        return (uint64_t)(int64_t)*(const int32_t *)field;
    case PROP_TYPE_UINT64:
    case PROP_TYPE_SIZE:
        return *(const uint64_t *)field;
    default:
        g_assert_not_reached();
    }
}

static void range_error(const Property *prop, const char *value, Error **errp)
{
    const PropertyInfo *info = info_of(prop);

    error_setg(errp, "property '%s': %s is out of range for %s (%" PRId64
               " to %" PRIu64 ")", prop->name, value, info->name, info->min,
               info->max);
}

bool property_set_uint(const Property *prop, void *field, uint64_t value,
                       Error **errp)
{
    const PropertyInfo *info = info_of(prop);

    if (!info->is_integer && prop->type != PROP_TYPE_BOOL) {
        error_setg(errp, "property '%s' has type %s, not a number", prop->name,
                   info->name);
        return false;
    }
    if (value > info->max) {
        g_autofree char *text = g_strdup_printf("%" PRIu64, value);

        range_error(prop, text, errp);
        return false;
    }
    store_uint(prop, field, value);
    return true;
}

bool property_set_int(const Property *prop, void *field, int64_t value,
                      Error **errp)
{
    const PropertyInfo *info = info_of(prop);

    if (value >= 0) {
        return property_set_uint(prop, field, value, errp);
    }
    if (!info->is_integer) {
        error_setg(errp, "property '%s' has type %s, not a number", prop->name,
                   info->name);
        return false;
    }
    if (value < info->min) {
        g_autofree char *text = g_strdup_printf("%" PRId64, value);

        range_error(prop, text, errp);
        return false;
    }
    store_uint(prop, field, (uint64_t)value);
    return true;
}

bool property_set_str(const Property *prop, void *field, const char *value,
                      Error **errp)
{
    if (prop->type != PROP_TYPE_STRING) {
        error_setg(errp, "property '%s' has type %s, not a string", prop->name,
                   info_of(prop)->name);
        return false;
    }
    g_free(*(char **)field);
    *(char **)field = g_strdup(value);
    return true;
}

static bool parse_bool_prop(const Property *prop, void *field, const char *str,
                            Error **errp)
{
    bool value;

    if (!parse_bool(str, &value, errp)) {
        error_prepend(errp, "property '%s': ", prop->name);
        return false;
    }
    store_uint(prop, field, value);
    return true;
}

static bool parse_int_prop(const Property *prop, void *field, const char *str,
                           Error **errp)
{
    const PropertyInfo *info = info_of(prop);
    bool negative = str[0] == '-';
    bool overflow;
    uint64_t magnitude;

    if (!parse_uint64_digits(str + negative, &magnitude, &overflow)) {
        error_setg(errp, "property '%s': invalid number '%s'", prop->name, str);
        return false;
    }
    if (overflow || (!negative && magnitude > info->max) ||
        (negative && magnitude > (uint64_t)-(info->min))) {
        range_error(prop, str, errp);
        return false;
    }
    store_uint(prop, field, negative ? -magnitude : magnitude);
    return true;
}

static bool parse_size_prop(const Property *prop, void *field, const char *str,
                            Error **errp)
{
    uint64_t value;
    bool overflow;

    /* parse_size() is decimal only; sizes of MMIO windows are often hex. */
    if (str[0] == '0' && (str[1] == 'x' || str[1] == 'X')) {
        if (!parse_uint64_digits(str, &value, &overflow)) {
            error_setg(errp, "property '%s': invalid size '%s'", prop->name,
                       str);
            return false;
        }
        if (overflow) {
            range_error(prop, str, errp);
            return false;
        }
    } else if (!parse_size(str, 1, &value, errp)) {
        error_prepend(errp, "property '%s': ", prop->name);
        return false;
    }
    store_uint(prop, field, value);
    return true;
}

static bool parse_string_prop(const Property *prop, void *field, const char *str,
                              Error **errp)
{
    return property_set_str(prop, field, str, errp);
}

/* Connects the front-end in the device to the chardev with that id. */
static bool parse_chr_prop(const Property *prop, void *field, const char *str,
                           Error **errp)
{
    CharBackend *be = field;
    Chardev *chr = chardev_find(str);

    if (!chr) {
        error_setg(errp, "property '%s': no chardev with id '%s'", prop->name, str);
        return false;
    }
    chr_fe_deinit(be);
    if (!chr_fe_init(be, chr, errp)) {
        error_prepend(errp, "property '%s': ", prop->name);
        return false;
    }
    return true;
}

/* Opens the -drive of that name (block/drive.c), replacing any earlier one. */
static bool parse_drive_prop(const Property *prop, void *field, const char *str,
                             Error **errp)
{
    BlockBackend *blk = drive_claim(str, errp);

    if (!blk) {
        error_prepend(errp, "property '%s': ", prop->name);
        return false;
    }
    blk_close(*(BlockBackend **)field);
    *(BlockBackend **)field = blk;
    return true;
}

bool property_parse(const Property *prop, void *field, const char *str,
                    Error **errp)
{
    return info_of(prop)->parse(prop, field, str ? str : "", errp);
}

void property_set_default(const Property *prop, void *field)
{
    if (prop->type == PROP_TYPE_CHR || prop->type == PROP_TYPE_DRIVE) {
        return;     /* zeroed: "not connected", no drive */
    }
    if (prop->type == PROP_TYPE_STRING) {
        g_free(*(char **)field);
        *(char **)field = g_strdup(prop->defval_str);
    } else {
        store_uint(prop, field, prop->defval);
    }
}

/* In the largest exact unit, in a form parse_size() reads back: "64K". */
static char *print_size(uint64_t value)
{
    static const char suffixes[] = "KMGTPE";
    int i = -1;

    while (value && i + 1 < (int)strlen(suffixes) && value % KiB == 0) {
        value /= KiB;
        i++;
    }
    if (i < 0) {
        return g_strdup_printf("%" PRIu64, value);
    }
    return g_strdup_printf("%" PRIu64 "%c", value, suffixes[i]);
}

static char *print_value(const Property *prop, uint64_t value)
{
    switch (prop->type) {
    case PROP_TYPE_BOOL:
        return g_strdup(value ? "on" : "off");
    case PROP_TYPE_INT32:
        return g_strdup_printf("%" PRId64, (int64_t)value);
    case PROP_TYPE_SIZE:
        return print_size(value);
    default:
        return g_strdup_printf("%" PRIu64, value);
    }
}

char *property_print(const Property *prop, const void *field)
{
    if (prop->type == PROP_TYPE_CHR) {
        const CharBackend *be = field;

        return g_strdup(be->chr ? chardev_id(be->chr) : "");
    }
    if (prop->type == PROP_TYPE_DRIVE) {
        const BlockBackend *blk = *(BlockBackend *const *)field;

        return g_strdup(blk ? blk_name(blk) : "");
    }
    if (prop->type == PROP_TYPE_STRING) {
        const char *str = *(char *const *)field;

        return g_strdup(str ? str : "");
    }
    return print_value(prop, load_uint(prop, field));
}

char *property_print_default(const Property *prop)
{
    if (prop->type == PROP_TYPE_CHR || prop->type == PROP_TYPE_DRIVE) {
        return NULL;
    }
    if (prop->type == PROP_TYPE_STRING) {
        return prop->defval_str ? g_strdup_printf("\"%s\"", prop->defval_str)
                                : NULL;
    }
    return print_value(prop, prop->defval);
}

void property_release(const Property *prop, void *field)
{
    if (prop->type == PROP_TYPE_CHR) {
        chr_fe_deinit(field);
        return;
    }
    if (prop->type == PROP_TYPE_DRIVE) {
        blk_close(*(BlockBackend **)field);
        *(BlockBackend **)field = NULL;
        return;
    }
    if (prop->type == PROP_TYPE_STRING) {
        g_free(*(char **)field);
        *(char **)field = NULL;
    }
}
