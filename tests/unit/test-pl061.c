/*
 * PL061 GPIO tests: the device mapped in system memory and driven through
 * real memory accesses (byte accesses, as Linux's gpio-pl061 makes them, and
 * words), its input lines driven as a board's power button would drive
 * them, and its outputs and interrupt recorded.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "hw/gpio/pl061.h"
#include "softmmu/memory.h"

#define BASE    0x09030000

#define DATA_ALL 0x3fc      /* address mask 0xff: every pin */
#define DIR     0x400
#define IS      0x404
#define IBE     0x408
#define IEV     0x40c
#define IE      0x410
#define RIS     0x414
#define MIS     0x418
#define IC      0x41c
#define AFSEL   0x420

typedef struct Gpio {
    DeviceState *dev;
    IRQLine *irq_line;
    int irq;
    IRQLine *out_lines[PL061_NUM_PINS];
    int out[PL061_NUM_PINS];
    int out_changes;
} Gpio;

static Gpio *current;

static uint32_t rd(hwaddr off)
{
    MemTxResult res;
    uint32_t v = address_space_ldl_le(get_address_space_memory(), BASE + off,
                                      MEMTXATTRS_UNSPECIFIED, &res);

    g_assert_cmpint(res, ==, MEMTX_OK);
    return v;
}

static void wr(hwaddr off, uint32_t value)
{
    MemTxResult res;

    address_space_stl_le(get_address_space_memory(), BASE + off, value,
                         MEMTXATTRS_UNSPECIFIED, &res);
    g_assert_cmpint(res, ==, MEMTX_OK);
}

static uint8_t rdb(hwaddr off)
{
    return address_space_ldub(get_address_space_memory(), BASE + off,
                              MEMTXATTRS_UNSPECIFIED, NULL);
}

static void wrb(hwaddr off, uint8_t value)
{
    address_space_stb(get_address_space_memory(), BASE + off, value,
                      MEMTXATTRS_UNSPECIFIED, NULL);
}

/* The DATA address whose bits [9:2] are mask. */
static hwaddr data_at(uint8_t mask)
{
    return (hwaddr)mask << 2;
}

static void record_irq(void *opaque, int n, int level)
{
    *(int *)opaque = level;
}

static void record_out(void *opaque, int n, int level)
{
    Gpio *g = opaque;

    g->out[n] = level;
    g->out_changes++;
}

static uint8_t outputs(Gpio *g)
{
    uint8_t v = 0;

    for (int i = 0; i < PL061_NUM_PINS; i++) {
        v |= (g->out[i] ? 1 : 0) << i;
    }
    return v;
}

static void input(int pin, int level)
{
    irq_set(device_get_gpio_in(current->dev, pin), level);
}

static void gpio_init(Gpio *g)
{
    memset(g, 0, sizeof(*g));
    g->dev = device_new(&pl061_class);
    g_assert_true(device_realize(g->dev, NULL, &error_abort));
    g->irq_line = irq_new(record_irq, &g->irq, 0);
    device_connect_irq(g->dev, 0, g->irq_line);
    g_assert_cmpint(device_num_gpio_in(g->dev, NULL), ==, PL061_NUM_PINS);
    g_assert_cmpint(device_num_gpio_out(g->dev, NULL), ==, PL061_NUM_PINS);
    for (int i = 0; i < PL061_NUM_PINS; i++) {
        g->out_lines[i] = irq_new(record_out, g, i);
        device_connect_gpio_out(g->dev, i, g->out_lines[i]);
    }
    device_mmio_map(g->dev, 0, BASE);
    device_reset(g->dev);
    current = g;
}

static void gpio_cleanup(Gpio *g)
{
    memory_region_del_subregion(get_system_memory(), device_get_mmio(g->dev, 0));
    device_destroy(g->dev);
    irq_free(g->irq_line);
    for (int i = 0; i < PL061_NUM_PINS; i++) {
        irq_free(g->out_lines[i]);
    }
    current = NULL;
}

static void test_id_registers(void)
{
    static const uint8_t id[8] = { 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    Gpio g;

    gpio_init(&g);
    for (int i = 0; i < 8; i++) {
        g_assert_cmphex(rd(0xfe0 + 4 * i), ==, id[i]);
        g_assert_cmphex(rdb(0xfe0 + 4 * i), ==, id[i]);
    }
    wr(0xfe0, 0);
    g_assert_cmphex(rd(0xfe0), ==, 0x61);
    gpio_cleanup(&g);
}

static void test_reset_values(void)
{
    Gpio g;

    gpio_init(&g);
    for (hwaddr off = DIR; off <= AFSEL; off += 4) {
        if (off != IC) {
            g_assert_cmphex(rd(off), ==, 0);
        }
    }
    g_assert_cmphex(rd(DATA_ALL), ==, 0);

    wr(DIR, 0xff);
    wr(DATA_ALL, 0xa5);
    wr(IE, 0x0f);
    wr(AFSEL, 0x30);
    g_assert_cmphex(rd(AFSEL), ==, 0x30);
    g_assert_cmphex(outputs(&g), ==, 0xa5);
    device_reset(g.dev);
    g_assert_cmphex(rd(DIR), ==, 0);
    g_assert_cmphex(rd(IE), ==, 0);
    g_assert_cmphex(rd(AFSEL), ==, 0);
    g_assert_cmphex(rd(DATA_ALL), ==, 0);
    g_assert_cmphex(outputs(&g), ==, 0);
    gpio_cleanup(&g);
}

static void test_masked_data(void)
{
    Gpio g;

    gpio_init(&g);
    wr(DIR, 0xff);
    wr(DATA_ALL, 0xff);
    g_assert_cmphex(rd(DATA_ALL), ==, 0xff);

    /* A write touches only the pins its address selects. */
    wr(data_at(0x0f), 0x00);
    g_assert_cmphex(rd(DATA_ALL), ==, 0xf0);
    wrb(data_at(0x81), 0xff);
    g_assert_cmphex(rd(DATA_ALL), ==, 0xf1);
    wrb(data_at(0x00), 0x00);      /* no pins selected: nothing changes */
    g_assert_cmphex(rd(DATA_ALL), ==, 0xf1);

    /* A read returns only the selected pins, the others as 0. */
    g_assert_cmphex(rdb(data_at(0x30)), ==, 0x30);
    g_assert_cmphex(rdb(data_at(0x0e)), ==, 0x00);
    g_assert_cmphex(rd(data_at(0x03)), ==, 0x01);
    g_assert_cmphex(rd(data_at(0x00)), ==, 0x00);

    /* One pin at a time, as gpio-pl061 sets a line: BIT(pin + 2). */
    wrb(1u << (3 + 2), 1u << 3);
    g_assert_cmphex(rd(DATA_ALL), ==, 0xf9);
    wrb(1u << (7 + 2), 0);
    g_assert_cmphex(rd(DATA_ALL), ==, 0x79);
    g_assert_cmphex(outputs(&g), ==, 0x79);
    gpio_cleanup(&g);
}

static void test_direction_and_outputs(void)
{
    int changes;
    Gpio g;

    gpio_init(&g);
    /* All inputs after reset: outputs low, reads follow the input lines. */
    input(5, 1);
    input(0, 1);
    g_assert_cmphex(rd(DATA_ALL), ==, 0x21);
    wr(DATA_ALL, 0xff);
    g_assert_cmphex(outputs(&g), ==, 0);
    g_assert_cmphex(rd(DATA_ALL), ==, 0x21);

    /* Low nibble out: those pins show DATA, the high nibble the inputs. */
    wr(DIR, 0x0f);
    g_assert_cmphex(outputs(&g), ==, 0x0f);
    g_assert_cmphex(rd(DATA_ALL), ==, 0x2f);
    wr(data_at(0x0c), 0);
    g_assert_cmphex(outputs(&g), ==, 0x03);
    g_assert_cmphex(rd(DATA_ALL), ==, 0x23);
    /* An input line under an output pin is not seen. */
    input(1, 1);
    input(2, 1);
    g_assert_cmphex(rd(DATA_ALL), ==, 0x23);

    /* Outputs are driven only when they change. */
    changes = g.out_changes;
    wr(DATA_ALL, 0x03);
    g_assert_cmpint(g.out_changes, ==, changes);
    wr(DATA_ALL, 0x01);
    g_assert_cmpint(g.out_changes, ==, changes + 1);
    g_assert_cmphex(outputs(&g), ==, 0x01);

    /* Back to input: the pin stops driving and shows its input line. */
    wr(DIR, 0x0e);
    g_assert_cmphex(outputs(&g), ==, 0x00);
    g_assert_cmphex(rd(DATA_ALL), ==, 0x21);
    gpio_cleanup(&g);
}

static void test_edge_interrupts(void)
{
    Gpio g;

    gpio_init(&g);
    /* Rising edges on pin 3 (the power button). */
    wr(IEV, 0x08);
    wr(IE, 0x08);
    input(3, 1);
    g_assert_cmphex(rd(RIS), ==, 0x08);
    g_assert_cmphex(rd(MIS), ==, 0x08);
    g_assert_cmpint(g.irq, ==, 1);
    input(3, 0);                    /* falling: nothing new, still latched */
    g_assert_cmphex(rd(RIS), ==, 0x08);
    wr(IC, 0x08);
    g_assert_cmphex(rd(RIS), ==, 0);
    g_assert_cmpint(g.irq, ==, 0);
    input(3, 0);                    /* no change, no edge */
    g_assert_cmphex(rd(RIS), ==, 0);

    /* Falling edges. */
    wr(IEV, 0);
    input(3, 1);
    g_assert_cmphex(rd(RIS), ==, 0);
    input(3, 0);
    g_assert_cmphex(rd(RIS), ==, 0x08);
    g_assert_cmpint(g.irq, ==, 1);
    wrb(IC, 0xff);
    g_assert_cmpint(g.irq, ==, 0);

    /* Both edges (IEV ignored). */
    wr(IBE, 0x08);
    input(3, 1);
    g_assert_cmphex(rd(RIS), ==, 0x08);
    wr(IC, 0x08);
    input(3, 0);
    g_assert_cmphex(rd(RIS), ==, 0x08);
    wr(IC, 0x08);

    /* Masks: an edge on a masked pin only shows in RIS. */
    wr(IEV, 0x40);
    input(6, 1);
    g_assert_cmphex(rd(RIS), ==, 0x40);
    g_assert_cmphex(rd(MIS), ==, 0x00);
    g_assert_cmpint(g.irq, ==, 0);
    wr(IE, 0x48);
    g_assert_cmphex(rd(MIS), ==, 0x40);
    g_assert_cmpint(g.irq, ==, 1);
    wr(IC, 0x40);
    g_assert_cmpint(g.irq, ==, 0);

    /* An output pin the guest toggles is detected too. */
    wr(DIR, 0x01);
    wr(IEV, 0x01);
    wr(IE, 0x01);
    wr(DATA_ALL, 0x01);
    g_assert_cmphex(rd(RIS), ==, 0x01);
    g_assert_cmpint(g.irq, ==, 1);
    gpio_cleanup(&g);
}

static void test_level_interrupts(void)
{
    Gpio g;

    gpio_init(&g);
    /* High level on pin 3. */
    wr(IS, 0x08);
    wr(IEV, 0x08);
    wr(IE, 0x08);
    g_assert_cmpint(g.irq, ==, 0);
    input(3, 1);
    g_assert_cmphex(rd(RIS), ==, 0x08);
    g_assert_cmpint(g.irq, ==, 1);
    /* IC does not clear a level: it is still there. */
    wr(IC, 0x08);
    g_assert_cmphex(rd(RIS), ==, 0x08);
    g_assert_cmpint(g.irq, ==, 1);
    input(3, 0);
    g_assert_cmphex(rd(RIS), ==, 0);
    g_assert_cmpint(g.irq, ==, 0);

    /* Low level: the pin is low now, so it is pending at once. */
    wr(IEV, 0);
    g_assert_cmphex(rd(RIS), ==, 0x08);
    g_assert_cmpint(g.irq, ==, 1);
    input(3, 1);
    g_assert_cmpint(g.irq, ==, 0);

    /* Masked. */
    input(3, 0);
    wr(IE, 0);
    g_assert_cmphex(rd(RIS), ==, 0x08);
    g_assert_cmphex(rd(MIS), ==, 0);
    g_assert_cmpint(g.irq, ==, 0);
    gpio_cleanup(&g);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/pl061/id-registers", test_id_registers);
    g_test_add_func("/pl061/reset-values", test_reset_values);
    g_test_add_func("/pl061/masked-data", test_masked_data);
    g_test_add_func("/pl061/direction-and-outputs", test_direction_and_outputs);
    g_test_add_func("/pl061/edge-interrupts", test_edge_interrupts);
    g_test_add_func("/pl061/level-interrupts", test_level_interrupts);
    return g_test_run();
}
