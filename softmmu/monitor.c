/*
 * The human monitor session: see softmmu/monitor.h.
 *
 * Input arrives a few bytes at a time from the character device; this file
 * assembles it into lines with minimal editing (backspace, Ctrl-U, Ctrl-C
 * drops the line) and echoes what it accepts, as a terminal user expects.
 * A socket peer arriving (CHR_EVENT_OPENED) or the Ctrl-A c focus switch of
 * a mux (CHR_EVENT_MUX_IN) gets the banner or a fresh prompt.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "softmmu/monitor.h"
#include "chardev/char-fe.h"

#define MONITOR_PROMPT "(koine) "
#define MONITOR_MAX_LINE 4096

struct Monitor {
    CharBackend be;
    GString *line;
    GString *capture;           /* non-NULL: output collected, not sent */
    bool last_was_cr;
    bool greeted;
    unsigned cpu_index;         /* the `cpu` command's choice */
};

static GPtrArray *monitors;     /* of Monitor * */

void monitor_printf(Monitor *mon, const char *fmt, ...)
{
    va_list ap;
    char *text;

    va_start(ap, fmt);
    text = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    if (mon->capture) {
        g_string_append(mon->capture, text);
    } else {
        /* Terminals want CR LF; the monitor's own lines use "\n". */
        GString *out = g_string_sized_new(strlen(text) + 8);

        for (const char *p = text; *p; p++) {
            if (*p == '\n') {
                g_string_append_c(out, '\r');
            }
            g_string_append_c(out, *p);
        }
        chr_fe_write_all(&mon->be, (const uint8_t *)out->str, out->len);
        g_string_free(out, true);
    }
    g_free(text);
}

static void monitor_prompt(Monitor *mon)
{
    monitor_printf(mon, MONITOR_PROMPT);
}

static void monitor_greet(Monitor *mon)
{
    monitor_printf(mon, "Koine %s monitor - type 'help' for more information\n",
                   KOINE_VERSION);
    mon->greeted = true;
}

static void monitor_echo(Monitor *mon, const char *s, size_t len)
{
    chr_fe_write_all(&mon->be, (const uint8_t *)s, len);
}

static void monitor_execute_line(Monitor *mon)
{
    char *line = g_strstrip(g_strdup(mon->line->str));

    g_string_truncate(mon->line, 0);
    monitor_printf(mon, "\n");
    if (*line) {
        hmp_dispatch(mon, line);
    }
    g_free(line);
    monitor_prompt(mon);
}

static void monitor_input_byte(Monitor *mon, uint8_t c)
{
    bool after_cr = mon->last_was_cr;

    mon->last_was_cr = c == '\r';
    switch (c) {
    case '\n':
        if (after_cr) {
            return;     /* the LF of a CR LF pair */
        }
        /* fall through */
    case '\r':
        monitor_execute_line(mon);
        return;
    case 0x7f:          /* DEL: what terminals send for backspace */
    case '\b':
        if (mon->line->len) {
            g_string_truncate(mon->line, mon->line->len - 1);
            monitor_echo(mon, "\b \b", 3);
        }
        return;
    case 0x15:          /* Ctrl-U: erase the line */
        while (mon->line->len) {
            g_string_truncate(mon->line, mon->line->len - 1);
            monitor_echo(mon, "\b \b", 3);
        }
        return;
    case 0x03:          /* Ctrl-C: abandon the line */
        g_string_truncate(mon->line, 0);
        monitor_printf(mon, "^C\n");
        monitor_prompt(mon);
        return;
    default:
        if (c < 0x20 || mon->line->len >= MONITOR_MAX_LINE) {
            return;     /* other control keys, escape sequences: ignored */
        }
        g_string_append_c(mon->line, c);
        monitor_echo(mon, (const char *)&c, 1);
    }
}

static int monitor_can_receive(void *opaque)
{
    return 256;
}

static void monitor_receive(void *opaque, const uint8_t *buf, int size)
{
    Monitor *mon = opaque;

    for (int i = 0; i < size; i++) {
        monitor_input_byte(mon, buf[i]);
    }
}

static void monitor_event(void *opaque, ChrEvent event)
{
    Monitor *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        g_string_truncate(mon->line, 0);
        monitor_greet(mon);
        monitor_prompt(mon);
        break;
    case CHR_EVENT_MUX_IN:
        if (!mon->greeted) {
            monitor_greet(mon);
        }
        monitor_prompt(mon);
        break;
    default:
        break;
    }
}

Monitor *monitor_new_hmp(Chardev *chr, Error **errp)
{
    Monitor *mon = g_new0(Monitor, 1);

    if (!chr_fe_init(&mon->be, chr, errp)) {
        g_free(mon);
        return NULL;
    }
    mon->line = g_string_new(NULL);
    if (!monitors) {
        monitors = g_ptr_array_new();
    }
    g_ptr_array_add(monitors, mon);
    return mon;
}

void monitor_start_all(void)
{
    for (guint i = 0; monitors && i < monitors->len; i++) {
        Monitor *mon = monitors->pdata[i];

        /*
         * On a mux, the serial port keeps the focus and Ctrl-A c brings the
         * monitor (MUX_IN greets it); a socket greets its peer on OPENED.
         */
        chr_fe_set_handlers(&mon->be, monitor_can_receive, monitor_receive,
                            monitor_event, mon);
    }
}

unsigned monitor_get_cpu_index(Monitor *mon)
{
    return mon->cpu_index;
}

void monitor_set_cpu_index(Monitor *mon, unsigned index)
{
    mon->cpu_index = index;
}

char *monitor_run_command(const char *line, unsigned cpu_index)
{
    Monitor mon = { .capture = g_string_new(NULL), .cpu_index = cpu_index };

    hmp_dispatch(&mon, line);
    return g_string_free(mon.capture, false);
}

void monitor_cleanup_all(void)
{
    for (guint i = 0; monitors && i < monitors->len; i++) {
        Monitor *mon = monitors->pdata[i];

        chr_fe_deinit(&mon->be);
        g_string_free(mon->line, true);
        g_free(mon);
    }
    if (monitors) {
        g_ptr_array_free(monitors, true);
        monitors = NULL;
    }
}
