/*
 * The device model core: classes, properties, -device, ids, realize, the
 * reset tree, MMIO and GPIO resources.
 *
 * The test devices below are small but real: they have state structs,
 * property tables, realize/unrealize/reset, and GPIO lines, and go through
 * exactly the paths a UART or a timer will. They are added to the class list
 * with device_class_register() so -device can create them. Every test leaves
 * no device behind (check_no_devices), so tests do not depend on each other.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/core/qdev.h"
#include "hw/core/device-list.h"
#include "softmmu/runstate.h"
#include "softmmu/memory.h"
#include "chardev/char-fe.h"

/* What the test devices' callbacks did, in order: "reset:a unrealize:b ...". */
static GString *event_log;

static void log_event(const char *what, DeviceState *dev)
{
    g_string_append_printf(event_log, "%s:%s ", what, device_name(dev));
}

static const char *take_log(void)
{
    static char *last;

    g_free(last);
    last = g_strdup(event_log->str);
    g_strchomp(last);
    g_string_truncate(event_log, 0);
    return last;
}

/* ---- "test-props": one property of every type ---- */

typedef struct TestPropsState {
    DeviceState parent;
    bool flag;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    int32_t i32;
    uint64_t sz;
    char *name;
    char *nodef;
    bool fail;                  /* realize fails when set */
    void *scratch;              /* allocated by realize */
} TestPropsState;

static const Property test_props_props[] = {
    DEFINE_PROP_BOOL("flag", TestPropsState, flag, true, "a switch"),
    DEFINE_PROP_UINT8("u8", TestPropsState, u8, 0x12, "a byte"),
    DEFINE_PROP_UINT16("u16", TestPropsState, u16, 1234, "a half"),
    DEFINE_PROP_UINT32("u32", TestPropsState, u32, 115200, "a word"),
    DEFINE_PROP_UINT64("u64", TestPropsState, u64, 0x100000000ULL, "a double"),
    DEFINE_PROP_INT32("i32", TestPropsState, i32, -5, "a signed word"),
    DEFINE_PROP_SIZE("sz", TestPropsState, sz, 64 * KiB, "a size"),
    DEFINE_PROP_STRING("name", TestPropsState, name, "dflt", "a string"),
    DEFINE_PROP_STRING("nodef", TestPropsState, nodef, NULL, "no default"),
    DEFINE_PROP_BOOL("fail", TestPropsState, fail, false, "fail realize"),
    DEFINE_PROP_END,
};

static void test_props_in(void *opaque, int n, int level)
{
}

static bool test_props_realize(DeviceState *dev, Error **errp)
{
    TestPropsState *s = container_of(dev, TestPropsState, parent);

    /* Resources the core must free even though realize fails afterwards. */
    device_init_gpio_in(dev, test_props_in, 2);
    device_init_clock_in(dev, "clk", NULL, NULL);
    s->scratch = g_malloc(32);
    if (s->fail) {
        g_free(s->scratch);
        s->scratch = NULL;
        error_setg(errp, "test-props: asked to fail");
        return false;
    }
    return true;
}

static void test_props_unrealize(DeviceState *dev)
{
    TestPropsState *s = container_of(dev, TestPropsState, parent);

    g_free(s->scratch);
}

static const DeviceClass test_props_class = {
    .name = "test-props",
    .desc = "a device with one property of each type",
    .category = DEVICE_CATEGORY_CHAR,
    .instance_size = sizeof(TestPropsState),
    .props = test_props_props,
    .user_creatable = true,
    .realize = test_props_realize,
    .unrealize = test_props_unrealize,
};

static const DeviceClass test_board_only_class = {
    .name = "test-board-only",
    .desc = "a device only boards may create",
    .instance_size = sizeof(DeviceState),
};

/* ---- "test-node": a reset tree node that logs its callbacks ---- */

static void test_node_init(DeviceState *dev)
{
    log_event("init", dev);
}

static bool test_node_realize(DeviceState *dev, Error **errp)
{
    log_event("realize", dev);
    return true;
}

static void test_node_unrealize(DeviceState *dev)
{
    log_event("unrealize", dev);
}

static void test_node_reset(DeviceState *dev)
{
    log_event("reset", dev);
}

static const DeviceClass test_node_class = {
    .name = "test-node",
    .desc = "a node of the reset tree",
    .instance_size = sizeof(DeviceState),
    .user_creatable = true,
    .instance_init = test_node_init,
    .realize = test_node_realize,
    .unrealize = test_node_unrealize,
    .reset = test_node_reset,
};

/* ---- "test-gpio": records its inputs, drives its outputs ---- */

typedef struct TestGPIOState {
    DeviceState parent;
    int level[3];               /* anonymous inputs 0, 1 and 2 */
    int wake_level;             /* named input "wake" */
    int calls;
    IRQLine *out[2];
    IRQLine *alarm;             /* named output "alarm" */
    IRQLine *irq;               /* sysbus-style irq 0 */
    IRQLine *irq2;              /* sysbus-style irq 1 */
} TestGPIOState;

static void test_gpio_in(void *opaque, int n, int level)
{
    TestGPIOState *s = container_of(opaque, TestGPIOState, parent);

    g_assert_cmpint(n, >=, 0);
    g_assert_cmpint(n, <, 3);
    s->level[n] = level;
    s->calls++;
}

static void test_gpio_wake(void *opaque, int n, int level)
{
    TestGPIOState *s = container_of(opaque, TestGPIOState, parent);

    g_assert_cmpint(n, ==, 0);
    s->wake_level = level;
    s->calls++;
}

static void test_gpio_init(DeviceState *dev)
{
    TestGPIOState *s = container_of(dev, TestGPIOState, parent);

    /* Two calls: the second one's line numbers continue from the first. */
    device_init_gpio_in(dev, test_gpio_in, 2);
    device_init_gpio_in(dev, test_gpio_in, 1);
    device_init_gpio_in_named(dev, "wake", test_gpio_wake, 1);
    device_init_gpio_out(dev, s->out, 2);
    device_init_gpio_out_named(dev, "alarm", &s->alarm, 1);
    device_init_irq(dev, &s->irq);
    device_init_irq(dev, &s->irq2);
}

static const DeviceClass test_gpio_class = {
    .name = "test-gpio",
    .desc = "GPIO wiring test device",
    .instance_size = sizeof(TestGPIOState),
    .instance_init = test_gpio_init,
};

/* ---- helpers ---- */

static void count_device(DeviceState *dev, void *opaque)
{
    (*(int *)opaque)++;
}

static int count_devices(void)
{
    int n = 0;

    device_foreach(count_device, &n);
    return n;
}

static void check_no_devices(void)
{
    g_assert_cmpint(count_devices(), ==, 0);
}

/* Checks the message of *errp and clears it for the next call. */
static void assert_error(Error **errp, const char *expected)
{
    g_assert_nonnull(*errp);
    g_assert_cmpstr(error_get_pretty(*errp), ==, expected);
    error_free(*errp);
    *errp = NULL;
}

static TestPropsState *new_props(void)
{
    return container_of(device_new(&test_props_class), TestPropsState, parent);
}

static DeviceState *new_node(const char *id, DeviceState *parent)
{
    DeviceState *dev = device_new(&test_node_class);

    device_set_id(dev, id, &error_abort);
    device_realize(dev, parent, &error_abort);
    return dev;
}

/* What print() writes to a real file, as a string. */
static char *capture(void (*print)(const void *arg, FILE *out), const void *arg)
{
    FILE *out = tmpfile();
    GString *text = g_string_new(NULL);
    char chunk[256];
    size_t len;

    g_assert_nonnull(out);
    print(arg, out);
    rewind(out);
    while ((len = fread(chunk, 1, sizeof(chunk), out)) > 0) {
        g_string_append_len(text, chunk, len);
    }
    fclose(out);
    return g_string_free(text, false);
}

static void print_list(const void *arg, FILE *out)
{
    device_class_print_list(out);
}

static void print_props(const void *arg, FILE *out)
{
    device_class_print_props(arg, out);
}

/* ---- classes ---- */

static void test_class_find(void)
{
    size_t builtin, n = device_class_count();
    const DeviceClass *const *table = device_builtin_classes(&builtin);

    g_assert_true(device_class_find("or-irq") == &or_irq_class);
    g_assert_true(device_class_find("split-irq") == &split_irq_class);
    g_assert_true(device_class_find("test-props") == &test_props_class);
    g_assert_null(device_class_find("nosuch"));
    g_assert_null(device_class_find(""));
    g_assert_cmpuint(n, ==, builtin + 4);

    /* Every built-in class has a unique name, a description, and can be
     * instantiated (device_new checks its property table). */
    for (size_t i = 0; i < builtin; i++) {
        DeviceState *dev;

        g_assert_nonnull(table[i]->name);
        g_assert_nonnull(table[i]->desc);
        g_assert_true(device_class_find(table[i]->name) == table[i]);
        g_assert_true(device_class_at(i) == table[i]);
        dev = device_new(table[i]);
        g_assert_true(dev->dc == table[i]);
        g_assert_false(dev->realized);
        device_destroy(dev);
    }
    check_no_devices();
}

static void test_class_print_list(void)
{
    g_autofree char *text = capture(print_list, NULL);

    g_assert_nonnull(strstr(text, "Misc devices:\n"));
    g_assert_nonnull(strstr(text, "Serial and console devices:\n"));
    g_assert_nonnull(strstr(text, "  or-irq "));
    g_assert_nonnull(strstr(text, "OR of several interrupt lines into one "
                                  "(board only, not with -device)\n"));
    /* User-creatable: no mark. */
    g_assert_nonnull(strstr(text, "a device with one property of each type\n"));
    /* Sorted by name within a category. */
    g_assert_true(strstr(text, "  or-irq ") < strstr(text, "  split-irq "));
    g_assert_true(strstr(text, "  test-board-only ") < strstr(text, "  test-node "));
}

static void test_class_print_props(void)
{
    g_autofree char *text = capture(print_props, &test_props_class);
    g_autofree char *none = capture(print_props, &test_board_only_class);

    g_assert_nonnull(strstr(text, "test-props properties:\n"));
    g_assert_nonnull(strstr(text, "flag=<bool>"));
    g_assert_nonnull(strstr(text, "a switch (default: on)\n"));
    g_assert_nonnull(strstr(text, "u8=<uint8>"));
    g_assert_nonnull(strstr(text, "a byte (default: 18)\n"));
    g_assert_nonnull(strstr(text, "i32=<int32>"));
    g_assert_nonnull(strstr(text, "a signed word (default: -5)\n"));
    g_assert_nonnull(strstr(text, "sz=<size>"));
    g_assert_nonnull(strstr(text, "a size (default: 64K)\n"));
    g_assert_nonnull(strstr(text, "name=<str>"));
    g_assert_nonnull(strstr(text, "a string (default: \"dflt\")\n"));
    g_assert_nonnull(strstr(text, "no default\n"));
    g_assert_cmpstr(none, ==, "test-board-only has no properties\n");
}

/* ---- properties ---- */

static void test_props_defaults(void)
{
    TestPropsState *s = new_props();

    g_assert_true(s->flag);
    g_assert_cmpuint(s->u8, ==, 0x12);
    g_assert_cmpuint(s->u16, ==, 1234);
    g_assert_cmpuint(s->u32, ==, 115200);
    g_assert_cmpuint(s->u64, ==, 0x100000000ULL);
    g_assert_cmpint(s->i32, ==, -5);
    g_assert_cmpuint(s->sz, ==, 64 * KiB);
    g_assert_cmpstr(s->name, ==, "dflt");
    g_assert_null(s->nodef);
    g_assert_false(s->fail);
    g_assert_true(s->parent.dc == &test_props_class);
    g_assert_null(s->parent.id);
    device_destroy(&s->parent);
}

typedef struct ParseCase {
    const char *prop;
    const char *text;
    const char *expect;         /* the value device_get_prop_text reads back */
} ParseCase;

static void test_props_parse_valid(void)
{
    static const ParseCase cases[] = {
        { "flag", "off", "off" }, { "flag", "on", "on" },
        { "flag", "no", "off" }, { "flag", "yes", "on" },
        { "flag", "false", "off" }, { "flag", "true", "on" },
        { "u8", "0", "0" }, { "u8", "255", "255" }, { "u8", "0xff", "255" },
        { "u8", "0XA", "10" }, { "u8", "010", "10" },
        { "u16", "65535", "65535" }, { "u16", "0xffff", "65535" },
        { "u32", "4294967295", "4294967295" }, { "u32", "0xffffffff", "4294967295" },
        { "u64", "18446744073709551615", "18446744073709551615" },
        { "u64", "0xffffffffffffffff", "18446744073709551615" },
        { "i32", "-2147483648", "-2147483648" }, { "i32", "2147483647", "2147483647" },
        { "i32", "-0x10", "-16" }, { "i32", "0", "0" },
        { "sz", "4096", "4K" }, { "sz", "64K", "64K" }, { "sz", "1.5G", "1536M" },
        { "sz", "2MiB", "2M" }, { "sz", "0x1000", "4K" }, { "sz", "1000", "1000" },
        { "name", "hello, world", "hello, world" }, { "name", "", "" },
    };
    TestPropsState *s = new_props();

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        g_autofree char *back = NULL;
        Error *err = NULL;

        if (!device_set_prop(&s->parent, cases[i].prop, cases[i].text, &err)) {
            g_error("%s=%s: %s", cases[i].prop, cases[i].text,
                    error_get_pretty(err));
        }
        back = device_get_prop_text(&s->parent, cases[i].prop);
        g_assert_cmpstr(back, ==, cases[i].expect);
        /* What is printed parses back to the same value. */
        device_set_prop(&s->parent, cases[i].prop, back, &error_abort);
        g_free(back);
        back = device_get_prop_text(&s->parent, cases[i].prop);
        g_assert_cmpstr(back, ==, cases[i].expect);
    }
    /* The fields themselves, not only their text. */
    device_set_prop(&s->parent, "u64", "0x123456789abcdef0", &error_abort);
    g_assert_cmpuint(s->u64, ==, 0x123456789abcdef0ULL);
    device_set_prop(&s->parent, "sz", "1.5G", &error_abort);
    g_assert_cmpuint(s->sz, ==, 3 * GiB / 2);
    device_set_prop(&s->parent, "i32", "-7", &error_abort);
    g_assert_cmpint(s->i32, ==, -7);
    device_set_prop(&s->parent, "flag", "off", &error_abort);
    g_assert_false(s->flag);
    device_set_prop(&s->parent, "u16", "0x8001", &error_abort);
    g_assert_cmpuint(s->u16, ==, 0x8001);
    g_assert_null(device_get_prop_text(&s->parent, "nosuch"));
    device_destroy(&s->parent);
}

static void test_props_parse_invalid(void)
{
    static const struct {
        const char *prop, *text, *error;
    } cases[] = {
        { "u8", "abc", "property 'u8': invalid number 'abc'" },
        { "u8", "", "property 'u8': invalid number ''" },
        { "u8", "12abc", "property 'u8': invalid number '12abc'" },
        { "u8", "1 2", "property 'u8': invalid number '1 2'" },
        { "u8", "0x", "property 'u8': invalid number '0x'" },
        { "u8", "0xfg", "property 'u8': invalid number '0xfg'" },
        { "u8", "+1", "property 'u8': invalid number '+1'" },
        { "u8", "256", "property 'u8': 256 is out of range for uint8 (0 to 255)" },
        { "u8", "0x100", "property 'u8': 0x100 is out of range for uint8 (0 to 255)" },
        { "u8", "-1", "property 'u8': -1 is out of range for uint8 (0 to 255)" },
        { "u16", "65536", "property 'u16': 65536 is out of range for uint16 (0 to 65535)" },
        { "u32", "4294967296",
          "property 'u32': 4294967296 is out of range for uint32 (0 to 4294967295)" },
        { "u32", "1.5", "property 'u32': invalid number '1.5'" },
        { "u64", "18446744073709551616",
          "property 'u64': 18446744073709551616 is out of range for uint64 "
          "(0 to 18446744073709551615)" },
        { "u64", "0x10000000000000000",
          "property 'u64': 0x10000000000000000 is out of range for uint64 "
          "(0 to 18446744073709551615)" },
        { "i32", "2147483648",
          "property 'i32': 2147483648 is out of range for int32 "
          "(-2147483648 to 2147483647)" },
        { "i32", "-2147483649",
          "property 'i32': -2147483649 is out of range for int32 "
          "(-2147483648 to 2147483647)" },
        { "i32", "-", "property 'i32': invalid number '-'" },
        { "i32", "--1", "property 'i32': invalid number '--1'" },
        { "flag", "maybe", "property 'flag': invalid value 'maybe' (expected on or off)" },
        { "flag", "", "property 'flag': invalid value '' (expected on or off)" },
        { "sz", "1X", "property 'sz': invalid size '1X' (suffixes: B, K, M, G, T, P, E)" },
        { "sz", "abc", "property 'sz': invalid size 'abc'" },
        { "sz", "0xzz", "property 'sz': invalid size '0xzz'" },
        { "sz", "16E", "property 'sz': size '16E' is too large" },
        { "sz", "0x10000000000000000",
          "property 'sz': 0x10000000000000000 is out of range for size "
          "(0 to 18446744073709551615)" },
    };
    TestPropsState *s = new_props();

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        Error *err = NULL;
        g_autofree char *before = device_get_prop_text(&s->parent, cases[i].prop);
        g_autofree char *after = NULL;

        g_assert_false(device_set_prop(&s->parent, cases[i].prop, cases[i].text,
                                       &err));
        assert_error(&err, cases[i].error);
        /* A rejected value leaves the field as it was. */
        after = device_get_prop_text(&s->parent, cases[i].prop);
        g_assert_cmpstr(before, ==, after);
    }
    device_destroy(&s->parent);
}

static void test_props_unknown(void)
{
    TestPropsState *s = new_props();
    Error *err = NULL;

    g_assert_false(device_set_prop(&s->parent, "nosuch", "1", &err));
    assert_error(&err, "unknown property 'nosuch'");
    g_assert_false(device_set_prop_u32(&s->parent, "nosuch", 1, &err));
    assert_error(&err, "unknown property 'nosuch'");
    /* "id" is not a property: device_set_id() names devices. */
    g_assert_false(device_set_prop(&s->parent, "id", "x", &err));
    assert_error(&err, "unknown property 'id'");
    device_destroy(&s->parent);
}

static void test_props_typed(void)
{
    TestPropsState *s = new_props();
    Error *err = NULL;

    g_assert_true(device_set_prop_bool(&s->parent, "flag", false, &error_abort));
    g_assert_false(s->flag);
    g_assert_true(device_set_prop_u32(&s->parent, "u8", 200, &error_abort));
    g_assert_cmpuint(s->u8, ==, 200);
    g_assert_true(device_set_prop_u32(&s->parent, "u32", UINT32_MAX, &error_abort));
    g_assert_cmpuint(s->u32, ==, UINT32_MAX);
    g_assert_true(device_set_prop_u64(&s->parent, "u64", UINT64_MAX, &error_abort));
    g_assert_cmpuint(s->u64, ==, UINT64_MAX);
    g_assert_true(device_set_prop_u64(&s->parent, "sz", 3 * GiB, &error_abort));
    g_assert_cmpuint(s->sz, ==, 3 * GiB);
    g_assert_true(device_set_prop_int(&s->parent, "i32", INT32_MIN, &error_abort));
    g_assert_cmpint(s->i32, ==, INT32_MIN);
    g_assert_true(device_set_prop_str(&s->parent, "nodef", "x", &error_abort));
    g_assert_cmpstr(s->nodef, ==, "x");
    g_assert_true(device_set_prop_str(&s->parent, "name", NULL, &error_abort));
    g_assert_null(s->name);

    g_assert_false(device_set_prop_u32(&s->parent, "u8", 256, &err));
    assert_error(&err, "property 'u8': 256 is out of range for uint8 (0 to 255)");
    g_assert_cmpuint(s->u8, ==, 200);
    g_assert_false(device_set_prop_u64(&s->parent, "u32", 1ULL << 32, &err));
    assert_error(&err, "property 'u32': 4294967296 is out of range for uint32 "
                 "(0 to 4294967295)");
    g_assert_false(device_set_prop_bool(&s->parent, "u32", true, &err));
    assert_error(&err, "property 'u32' has type uint32, not bool");
    g_assert_false(device_set_prop_u32(&s->parent, "flag", 1, &err));
    assert_error(&err, "property 'flag' has type bool, not a number");
    g_assert_false(device_set_prop_u32(&s->parent, "name", 1, &err));
    assert_error(&err, "property 'name' has type str, not a number");
    g_assert_false(device_set_prop_str(&s->parent, "u32", "1", &err));
    assert_error(&err, "property 'u32' has type uint32, not a string");
    g_assert_false(device_set_prop_int(&s->parent, "u32", 1, &err));
    assert_error(&err, "property 'u32' has type uint32, not int32");
    device_destroy(&s->parent);
}

static void test_props_after_realize(void)
{
    TestPropsState *s = new_props();
    Error *err = NULL;

    device_realize(&s->parent, NULL, &error_abort);
    g_assert_false(device_set_prop(&s->parent, "u32", "1", &err));
    assert_error(&err, "property 'u32' cannot be set after the device is realized");
    g_assert_false(device_set_prop_u32(&s->parent, "u32", 1, &err));
    assert_error(&err, "property 'u32' cannot be set after the device is realized");
    g_assert_false(device_set_prop_str(&s->parent, "name", "x", &err));
    assert_error(&err, "property 'name' cannot be set after the device is realized");
    g_assert_false(device_set_id(&s->parent, "late", &err));
    assert_error(&err, "device 'test-props' is realized: its ID cannot change");
    g_assert_cmpuint(s->u32, ==, 115200);
    g_assert_cmpstr(s->name, ==, "dflt");
    device_destroy(&s->parent);
    check_no_devices();
}

/* ---- -device ---- */

static DeviceState *create(const char *text, Error **errp)
{
    KeyVal *opts = keyval_parse(text, "driver", &error_abort);
    DeviceState *dev = device_create_from_opts(opts, errp);

    keyval_free(opts);
    return dev;
}

static void test_create_ok(void)
{
    DeviceState *dev = create("test-props,id=dev0,u32=7,name=hello,,there,"
                              "sz=1M,flag=off", &error_abort);
    TestPropsState *s = container_of(dev, TestPropsState, parent);

    g_assert_true(dev->realized);
    g_assert_null(dev->parent);
    g_assert_cmpstr(dev->id, ==, "dev0");
    g_assert_true(device_find("dev0") == dev);
    g_assert_cmpuint(s->u32, ==, 7);
    g_assert_cmpstr(s->name, ==, "hello,there");
    g_assert_cmpuint(s->sz, ==, MiB);
    g_assert_false(s->flag);
    g_assert_cmpuint(s->u8, ==, 0x12);      /* untouched: default */
    g_assert_nonnull(s->scratch);
    g_assert_cmpint(count_devices(), ==, 1);

    /* No id: fine, but not findable. Bare flag means on. */
    DeviceState *anon = create("test-props,flag", &error_abort);
    g_assert_null(anon->id);
    g_assert_true(container_of(anon, TestPropsState, parent)->flag);
    g_assert_cmpint(count_devices(), ==, 2);

    device_destroy(dev);
    g_assert_null(device_find("dev0"));
    device_destroy(anon);
    check_no_devices();
}

static void test_create_errors(void)
{
    static const struct {
        const char *opts, *error;
    } cases[] = {
        { "nosuch", "'nosuch' is not a valid device model name "
                    "(-device help lists them)" },
        { "nosuch,id=x", "'nosuch' is not a valid device model name "
                         "(-device help lists them)" },
        { "id=x", "missing device model name (-device help lists them)" },
        { "test-board-only", "device 'test-board-only' cannot be created "
                             "with -device" },
        { "or-irq,num-lines=2", "device 'or-irq' cannot be created with -device" },
        { "test-props,bogus=1", "unknown property 'bogus'" },
        { "test-props,id=ok,u8=300",
          "property 'u8': 300 is out of range for uint8 (0 to 255)" },
        { "test-props,u32=abc", "property 'u32': invalid number 'abc'" },
        { "test-props,id=1bad", "invalid device ID '1bad' (a letter, then "
                                "letters, digits, '-', '.' or '_')" },
        { "test-props,id=", "invalid device ID '' (a letter, then "
                            "letters, digits, '-', '.' or '_')" },
        { "test-props,id=a/b", "invalid device ID 'a/b' (a letter, then "
                               "letters, digits, '-', '.' or '_')" },
        { "test-props,id=willfail,fail=on", "test-props: asked to fail" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        Error *err = NULL;

        g_assert_null(create(cases[i].opts, &err));
        assert_error(&err, cases[i].error);
        /* Nothing registered: not in the tree, ids free again. */
        check_no_devices();
        g_assert_null(device_find("x"));
        g_assert_null(device_find("ok"));
        g_assert_null(device_find("willfail"));
    }
    /* The ids a failed creation named are still free. */
    DeviceState *dev = create("test-props,id=willfail", &error_abort);
    device_destroy(dev);
    check_no_devices();
}

static void test_id_duplicate(void)
{
    DeviceState *a = create("test-node,id=dup", &error_abort);
    DeviceState *b, *c;
    Error *err = NULL;

    g_assert_null(create("test-props,id=dup", &err));
    assert_error(&err, "duplicate device ID 'dup'");
    g_assert_cmpint(count_devices(), ==, 1);
    g_assert_true(device_find("dup") == a);

    /* Two unrealized devices may carry the same id; the second realize fails. */
    b = device_new(&test_node_class);
    c = device_new(&test_node_class);
    device_set_id(b, "twin", &error_abort);
    device_set_id(c, "twin", &error_abort);
    device_realize(b, NULL, &error_abort);
    g_assert_false(device_realize(c, NULL, &err));
    assert_error(&err, "duplicate device ID 'twin'");
    g_assert_false(c->realized);
    g_assert_true(device_find("twin") == b);
    /* After b goes, the id is free for c. */
    device_destroy(b);
    g_assert_null(device_find("twin"));
    device_realize(c, NULL, &error_abort);
    g_assert_true(device_find("twin") == c);

    device_destroy(c);
    device_destroy(a);
    g_assert_null(device_find("dup"));
    take_log();
    check_no_devices();
}

static void test_realize_failure(void)
{
    TestPropsState *s = new_props();
    DeviceState *dev = &s->parent;
    Error *err = NULL;

    device_set_id(dev, "broken", &error_abort);
    device_set_prop_bool(dev, "fail", true, &error_abort);
    device_set_prop_str(dev, "nodef", "a string to free", &error_abort);
    g_assert_false(device_realize(dev, NULL, &err));
    assert_error(&err, "test-props: asked to fail");
    g_assert_false(dev->realized);
    g_assert_null(device_find("broken"));
    check_no_devices();
    /* The GPIO lines and clock realize made are freed by destroy (ASan). */
    g_assert_cmpint(device_num_gpio_in(dev, NULL), ==, 2);
    g_assert_nonnull(device_get_clock(dev, "clk"));
    device_destroy(dev);

    /* A failure under a parent leaves the parent's children alone. */
    DeviceState *parent = new_node("parent", NULL);
    s = new_props();
    device_set_prop_bool(&s->parent, "fail", true, &error_abort);
    g_assert_false(device_realize(&s->parent, parent, &err));
    assert_error(&err, "test-props: asked to fail");
    g_assert_cmpuint(parent->children->len, ==, 0);
    device_destroy(&s->parent);
    device_destroy(parent);
    take_log();
    check_no_devices();
}

/* ---- reset tree ---- */

static void test_reset_order(void)
{
    DeviceState *a, *b, *a1, *a2, *a1a, *loose;

    device_model_init();
    a = new_node("a", NULL);
    b = new_node("b", NULL);
    a1 = new_node("a1", a);
    a1a = new_node("a1a", a1);
    a2 = new_node("a2", a);
    loose = device_new(&test_node_class);       /* never realized */
    device_set_id(loose, "loose", &error_abort);
    g_assert_cmpstr(take_log(), ==,
                    "init:test-node realize:a init:test-node realize:b "
                    "init:test-node realize:a1 init:test-node realize:a1a "
                    "init:test-node realize:a2 init:test-node");
    g_assert_true(a1->parent == a && a1a->parent == a1 && a->parent == NULL);
    g_assert_true(a2->parent == a && a->children->len == 2);
    g_assert_cmpint(count_devices(), ==, 5);

    /* Children first, in realize order; then the device. */
    device_reset(a);
    g_assert_cmpstr(take_log(), ==, "reset:a1a reset:a1 reset:a2 reset:a");
    device_reset(a1);
    g_assert_cmpstr(take_log(), ==, "reset:a1a reset:a1");
    device_reset(b);
    g_assert_cmpstr(take_log(), ==, "reset:b");

    device_reset_all();
    g_assert_cmpstr(take_log(), ==,
                    "reset:a1a reset:a1 reset:a2 reset:a reset:b");
    /* The run state's system reset goes through the tree. */
    system_reset(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    g_assert_cmpstr(take_log(), ==,
                    "reset:a1a reset:a1 reset:a2 reset:a reset:b");

    /* Destroying a subtree: children first, last realized first. */
    device_destroy(a);
    g_assert_cmpstr(take_log(), ==,
                    "unrealize:a2 unrealize:a1a unrealize:a1 unrealize:a");
    g_assert_null(device_find("a1a"));
    g_assert_null(device_find("a"));
    g_assert_true(device_find("b") == b);
    system_reset(SHUTDOWN_CAUSE_GUEST_RESET);
    g_assert_cmpstr(take_log(), ==, "reset:b");

    device_destroy(b);
    device_destroy(loose);
    g_assert_cmpstr(take_log(), ==, "unrealize:b");
    system_reset(SHUTDOWN_CAUSE_GUEST_RESET);
    g_assert_cmpstr(take_log(), ==, "");
    check_no_devices();
}

/* ---- MMIO ---- */

static void test_mmio(void)
{
    /* The memory API is not involved: the core only keeps the pointers. */
    char regions[3];
    DeviceState *dev = device_new(&test_board_only_class);

    g_assert_cmpint(device_num_mmio(dev), ==, 0);
    device_init_mmio(dev, (MemoryRegion *)&regions[0]);
    device_init_mmio(dev, (MemoryRegion *)&regions[1]);
    device_init_mmio(dev, (MemoryRegion *)&regions[2]);
    g_assert_cmpint(device_num_mmio(dev), ==, 3);
    g_assert_true(device_get_mmio(dev, 0) == (MemoryRegion *)&regions[0]);
    g_assert_true(device_get_mmio(dev, 2) == (MemoryRegion *)&regions[2]);
    device_destroy(dev);
}

/* ---- GPIO ---- */

static TestGPIOState *new_gpio(void)
{
    DeviceState *dev = device_new(&test_gpio_class);

    device_realize(dev, NULL, &error_abort);
    return container_of(dev, TestGPIOState, parent);
}

static void test_gpio_wiring(void)
{
    TestGPIOState *src = new_gpio(), *dst = new_gpio();
    DeviceState *s = &src->parent, *d = &dst->parent;

    g_assert_cmpint(device_num_gpio_in(d, NULL), ==, 3);
    g_assert_cmpint(device_num_gpio_in(d, "wake"), ==, 1);
    g_assert_cmpint(device_num_gpio_in(d, "nosuch"), ==, 0);
    g_assert_cmpint(device_num_gpio_out(s, NULL), ==, 2);
    g_assert_cmpint(device_num_gpio_out(s, "alarm"), ==, 1);
    g_assert_cmpint(device_num_irq(s), ==, 2);

    /* Unconnected outputs are NULL and driving them does nothing. */
    g_assert_null(device_get_gpio_out_named(s, NULL, 0));
    irq_raise(src->out[0]);
    irq_raise(src->alarm);
    irq_raise(src->irq);
    g_assert_cmpint(dst->calls, ==, 0);

    /* Anonymous out 0 -> anonymous in 2 (made by the second init call). */
    device_connect_gpio_out(s, 0, device_get_gpio_in(d, 2));
    g_assert_true(device_get_gpio_out_named(s, NULL, 0) ==
                  device_get_gpio_in(d, 2));
    irq_raise(src->out[0]);
    g_assert_cmpint(dst->level[2], ==, 1);
    g_assert_cmpint(dst->level[0], ==, 0);
    irq_lower(src->out[0]);
    g_assert_cmpint(dst->level[2], ==, 0);
    g_assert_cmpint(dst->calls, ==, 2);

    /* Named out "alarm" -> named in "wake". */
    device_connect_gpio_out_named(s, "alarm", 0,
                                  device_get_gpio_in_named(d, "wake", 0));
    irq_set(src->alarm, 1);
    g_assert_cmpint(dst->wake_level, ==, 1);
    g_assert_cmpint(dst->level[0] + dst->level[1] + dst->level[2], ==, 0);

    /* Sysbus-style irq 1 -> anonymous in 1; irq 0 stays unconnected. */
    device_connect_irq(s, 1, device_get_gpio_in(d, 1));
    irq_raise(src->irq2);
    g_assert_cmpint(dst->level[1], ==, 1);
    irq_raise(src->irq);
    g_assert_cmpint(dst->calls, ==, 4);

    /* Reconnecting replaces; pulse gives a raise then a lower. */
    device_connect_gpio_out(s, 0, device_get_gpio_in(d, 0));
    irq_pulse(src->out[0]);
    g_assert_cmpint(dst->calls, ==, 6);
    g_assert_cmpint(dst->level[0], ==, 0);
    g_assert_cmpint(dst->level[2], ==, 0);

    /* A line into a device can loop back to the same device. */
    device_connect_gpio_out(s, 1, device_get_gpio_in(s, 0));
    irq_set(src->out[1], 1);
    g_assert_cmpint(src->level[0], ==, 1);

    device_destroy(s);
    device_destroy(d);
    check_no_devices();
}

/* ---- chardev properties and MMIO mapping (integration with chardev/, softmmu/memory) ---- */

typedef struct ChrTestState {
    DeviceState parent;
    CharBackend chr;
} ChrTestState;

static const Property chr_test_props[] = {
    DEFINE_PROP_CHR("chardev", ChrTestState, chr, "where the device writes"),
    DEFINE_PROP_END,
};

static bool chr_test_realize(DeviceState *dev, Error **errp)
{
    ChrTestState *s = container_of(dev, ChrTestState, parent);

    chr_fe_write_all(&s->chr, (const uint8_t *)"hello", 5);
    return true;
}

static const DeviceClass chr_test_class = {
    .name = "test-chr",
    .desc = "writes hello to its chardev when realized",
    .instance_size = sizeof(ChrTestState),
    .props = chr_test_props,
    .user_creatable = true,
    .realize = chr_test_realize,
};

static void test_chardev_property(void)
{
    char *dir = g_dir_make_tmp("koine-qdev-XXXXXX", NULL);
    char *path = g_build_filename(dir, "out.txt", NULL);
    char *spec = g_strdup_printf("file:%s", path);
    Chardev *chr = chardev_new_from_spec("qdev-c0", spec, &error_abort);
    DeviceState *dev, *second;
    Error *err = NULL;
    char *contents, *text;

    g_assert_nonnull(chr);
    device_class_register(&chr_test_class);
    dev = device_new(&chr_test_class);

    g_assert_false(device_set_prop(dev, "chardev", "nosuch", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "property 'chardev': no chardev with id 'nosuch'");
    error_free(err);
    err = NULL;

    g_assert_true(device_set_prop(dev, "chardev", "qdev-c0", &error_abort));
    text = device_get_prop_text(dev, "chardev");
    g_assert_cmpstr(text, ==, "qdev-c0");
    g_free(text);
    g_assert_true(device_realize(dev, NULL, &error_abort));
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello");
    g_free(contents);

    /* A plain chardev takes one front-end ... */
    second = device_new(&chr_test_class);
    g_assert_false(device_set_prop(second, "chardev", "qdev-c0", &err));
    g_assert_nonnull(err);
    error_free(err);
    err = NULL;
    /* ... and is free again once the device that held it is gone. */
    device_destroy(dev);
    g_assert_true(device_set_prop(second, "chardev", "qdev-c0", &error_abort));
    device_destroy(second);

    chardev_delete(chr);
    unlink(path);
    rmdir(dir);
    g_free(spec);
    g_free(path);
    g_free(dir);
}

static uint64_t mmio_test_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0xabcd0000 | addr;
}

static void mmio_test_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    *(uint64_t *)opaque = data;
}

static const MemoryRegionOps mmio_test_ops = {
    .read = mmio_test_read,
    .write = mmio_test_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static void test_mmio_map(void)
{
    DeviceState *dev = device_new(&chr_test_class);
    MemoryRegion mr;
    uint64_t written = 0;
    AddressSpace *as = get_address_space_memory();
    MemTxResult res;

    memory_region_init_io(&mr, &mmio_test_ops, &written, "test-mmio", 0x100);
    device_init_mmio(dev, &mr);
    device_mmio_map(dev, 0, 0x10000);
    g_assert_cmphex(address_space_ldl_le(as, 0x10008, MEMTXATTRS_UNSPECIFIED, &res),
                    ==, 0xabcd0008);
    g_assert_cmpint(res, ==, MEMTX_OK);
    address_space_stl_le(as, 0x10004, 0x12345678, MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmphex(written, ==, 0x12345678);
    memory_region_del_subregion(get_system_memory(), &mr);
    address_space_ldl_le(as, 0x10008, MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmpint(res, ==, MEMTX_DECODE_ERROR);
    device_destroy(dev);
    memory_region_finalize(&mr);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    event_log = g_string_new(NULL);
    device_class_register(&test_props_class);
    device_class_register(&test_board_only_class);
    device_class_register(&test_node_class);
    device_class_register(&test_gpio_class);

    g_test_add_func("/qdev/class/find", test_class_find);
    g_test_add_func("/qdev/class/print-list", test_class_print_list);
    g_test_add_func("/qdev/class/print-props", test_class_print_props);
    g_test_add_func("/qdev/props/defaults", test_props_defaults);
    g_test_add_func("/qdev/props/parse-valid", test_props_parse_valid);
    g_test_add_func("/qdev/props/parse-invalid", test_props_parse_invalid);
    g_test_add_func("/qdev/props/unknown", test_props_unknown);
    g_test_add_func("/qdev/props/typed", test_props_typed);
    g_test_add_func("/qdev/props/after-realize", test_props_after_realize);
    g_test_add_func("/qdev/create/ok", test_create_ok);
    g_test_add_func("/qdev/create/errors", test_create_errors);
    g_test_add_func("/qdev/id/duplicate", test_id_duplicate);
    g_test_add_func("/qdev/realize/failure", test_realize_failure);
    g_test_add_func("/qdev/reset/order", test_reset_order);
    g_test_add_func("/qdev/mmio", test_mmio);
    g_test_add_func("/qdev/gpio/wiring", test_gpio_wiring);
    g_test_add_func("/qdev/props/chardev", test_chardev_property);
    g_test_add_func("/qdev/mmio/map", test_mmio_map);
    return g_test_run();
}
