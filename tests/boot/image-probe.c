/*
 * The checks of the boot-protocol probe (image-probe.S records the entry
 * state). What Linux's booting.rst asks of a boot loader, and where -M virt
 * promises to put things (docs/user/virt.md):
 *   - entered at the Image's load address, RAM base + text_offset;
 *   - x0 = the device tree's physical address, 8-byte aligned, the tree
 *     at most 2 MiB and not crossing a 2 MiB boundary; x1..x3 = 0;
 *   - EL1, DAIF masked, MMU and data cache off;
 *   - /chosen: bootargs = -append, linux,initrd-start/end around the
 *     -initrd contents (the file starts with "KOINE-INITRD"), none of
 *     kernel, initrd and tree overlapping.
 * With "reboot" in the command line, the first boot dirties .data and asks
 * PSCI for SYSTEM_RESET; the second must find the Image reloaded.
 * Prints "image-probe: PASS" and exits 0, else says what failed.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <stddef.h>
#include "semihost.h"

#define RAM_BASE        0x40000000ull
#define TWO_MIB         0x200000ull
#define FDT_MAGIC       0xd00dfeedu
#define FDT_BEGIN_NODE  1
#define FDT_END_NODE    2
#define FDT_PROP        3
#define FDT_NOP         4
#define FDT_END         9
#define PSCI_SYSTEM_RESET 0x84000009u
/* A word in RAM past everything loaded that survives a reset: "rebooted". */
#define REBOOT_MARK_ADDR 0x4f000000ull
#define REBOOT_MAGIC    0x4b4f494e45524254ull

typedef struct BootState {
    uint64_t x0, x1, x2, x3, pc, current_el, daif, sctlr;
} BootState;

extern char _text[], _end[];
static volatile int data_word = 7;      /* .data: a reboot must restore it */

static uint32_t be32(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
}

static uint64_t be64(const void *p)
{
    return (uint64_t)be32(p) << 32 | be32((const uint8_t *)p + 4);
}

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static int contains(const char *s, const char *word)
{
    for (; *s; s++) {
        const char *a = s, *b = word;

        while (*b && *a == *b) {
            a++;
            b++;
        }
        if (!*b) {
            return 1;
        }
    }
    return 0;
}

/* A property of /chosen (a direct child of the root), or NULL. */
static const void *chosen_prop(const uint8_t *fdt, const char *name, uint32_t *len)
{
    const uint8_t *p = fdt + be32(fdt + 8);             /* off_dt_struct */
    const char *strings = (const char *)fdt + be32(fdt + 12);
    int depth = 0, in_chosen = 0;

    for (;;) {
        uint32_t token = be32(p);

        p += 4;
        switch (token) {
        case FDT_BEGIN_NODE: {
            const char *node = (const char *)p;
            size_t n = 0;

            while (node[n]) {
                n++;
            }
            depth++;
            in_chosen = depth == 2 && streq(node, "chosen");
            p += (n + 4) & ~(size_t)3;
            break;
        }
        case FDT_END_NODE:
            depth--;
            in_chosen = 0;
            break;
        case FDT_PROP: {
            uint32_t plen = be32(p), nameoff = be32(p + 4);

            if (in_chosen && streq(strings + nameoff, name)) {
                *len = plen;
                return p + 8;
            }
            p += 8 + ((plen + 3) & ~3u);
            break;
        }
        case FDT_NOP:
            break;
        default:
            return NULL;
        }
    }
}

static int overlaps(uint64_t a, uint64_t a_end, uint64_t b, uint64_t b_end)
{
    return a < b_end && b < a_end;
}

static void psci_call(uint32_t fn)
{
    register uint64_t x0 __asm__("x0") = fn;

    __asm__ volatile("hvc #0" : "+r"(x0) : : "memory");
}

int probe_main(BootState *bs);

int probe_main(BootState *bs)
{
    const uint8_t *fdt = (const uint8_t *)bs->x0;
    uint64_t image_end = (uint64_t)_end, fdt_size, initrd = 0, initrd_end = 0;
    volatile uint64_t *mark = (volatile uint64_t *)REBOOT_MARK_ADDR;
    const char *bootargs;
    const void *prop;
    uint32_t len;

    CHECK_EQ(bs->pc, RAM_BASE + 0x80000);
    CHECK_EQ(bs->x1, 0);
    CHECK_EQ(bs->x2, 0);
    CHECK_EQ(bs->x3, 0);
    CHECK_EQ(bs->current_el, 1 << 2);
    CHECK_EQ(bs->daif, 0xf << 6);
    CHECK_EQ(bs->sctlr & 5, 0);                         /* M and C clear */
    CHECK_EQ(bs->x0 & 7, 0);
    if (bs->x0 < RAM_BASE || be32(fdt) != FDT_MAGIC) {
        check_failed(__LINE__, "x0 points at a device tree");
        return 1;
    }
    fdt_size = be32(fdt + 4);
    CHECK(fdt_size <= TWO_MIB);
    CHECK_EQ(bs->x0 / TWO_MIB, (bs->x0 + fdt_size - 1) / TWO_MIB);
    CHECK(!overlaps(bs->x0, bs->x0 + fdt_size, (uint64_t)_text, image_end));

    bootargs = chosen_prop(fdt, "bootargs", &len);
    CHECK(bootargs && contains(bootargs, "probe-args"));

    prop = chosen_prop(fdt, "linux,initrd-start", &len);
    if (prop) {
        initrd = len == 8 ? be64(prop) : be32(prop);
        prop = chosen_prop(fdt, "linux,initrd-end", &len);
        CHECK(prop != NULL);
        initrd_end = prop ? (len == 8 ? be64(prop) : be32(prop)) : 0;
        CHECK(initrd < initrd_end);
        CHECK(!overlaps(initrd, initrd_end, (uint64_t)_text, image_end));
        CHECK(!overlaps(initrd, initrd_end, bs->x0, bs->x0 + fdt_size));
        CHECK(initrd_end - initrd >= 12 &&
              be32((void *)initrd) == 0x4b4f494e &&        /* "KOINE-INITRD" */
              be32((void *)(initrd + 4)) == 0x452d494e &&
              be32((void *)(initrd + 8)) == 0x49545244);
    }
    if (bootargs && contains(bootargs, "want-initrd")) {
        CHECK(initrd != 0);
    }

    if (bootargs && contains(bootargs, "reboot")) {
        if (*mark != REBOOT_MAGIC) {
            *mark = REBOOT_MAGIC;
            data_word = 99;
            semi_puts("image-probe: rebooting\n");
            psci_call(PSCI_SYSTEM_RESET);
            check_failed(__LINE__, "PSCI SYSTEM_RESET returned");
            return 1;
        }
        *mark = 0;
        CHECK_EQ(data_word, 7);
        semi_puts("image-probe: rebooted with a fresh image\n");
    }
    if (check_failures) {
        return 1;
    }
    semi_puts("image-probe: PASS\n");
    return 0;
}
