/*
 * The gdb remote stub: GDB Remote Serial Protocol over a chardev.
 *
 * All-stop mode: gdb talks to a stopped machine, resumes it with c/s/vCont
 * and waits for a stop reply, which comes from the vCPU thread (a
 * breakpoint or finished single step: cpu_exec returned EXCP_DEBUG) or from
 * the I/O thread (Ctrl-C). The stub itself runs in the I/O thread with the
 * BQL held; before touching CPU state it waits until the vCPU thread has
 * left cpu_exec (tcg_cpus_wait_idle), so registers and memory are exact.
 *
 * Breakpoints never patch guest memory: while any exist, the exec loop
 * translates one-instruction TBs and asks gdb_breakpoint_check() at each TB
 * entry. On resume each vCPU skips one check, so continuing from a
 * breakpoint executes its instruction instead of stopping again.
 *
 * Memory accesses go through the vCPU's MMU with non-faulting probes: an
 * unmapped (or device) address is an E reply, never a guest exception.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "softmmu/gdbstub.h"
#include "accel/tcg/tcg-accel.h"
#include "chardev/char-fe.h"
#include "softmmu/main-loop.h"
#include "softmmu/monitor.h"
#include "softmmu/runstate.h"

#define GDB_PACKET_SIZE 0x4000

typedef enum RxState { RX_IDLE, RX_DATA, RX_CSUM1, RX_CSUM2 } RxState;

typedef struct GdbState {
    CharBackend be;
    const GdbTarget *target;
    RxState rx;
    GString *packet;            /* payload being received, still escaped */
    uint8_t rx_sum;
    int csum_hi;
    bool no_ack;
    bool waiting;               /* gdb resumed the guest and waits for a stop reply */
    CPUState *g_cpu;            /* thread for register/memory packets (Hg) */
    GString *last_sent;         /* for a retransmit on '-' */
} GdbState;

static GdbState *gdb;

/* Read by the vCPU thread: guarded by bp_lock, counted atomically. */
static GMutex bp_lock;
static GArray *breakpoints;     /* uint64_t guest virtual addresses */
static GHashTable *skip_once;   /* CPUState *: skip the next breakpoint check */
static int nb_breakpoints;

/* ---- breakpoints (any thread) ---- */

bool gdb_has_breakpoints(void)
{
    return __atomic_load_n(&nb_breakpoints, __ATOMIC_ACQUIRE) > 0;
}

bool gdb_breakpoint_check(CPUState *cpu, uint64_t pc)
{
    bool hit = false;

    if (!gdb_has_breakpoints()) {
        return false;
    }
    g_mutex_lock(&bp_lock);
    if (skip_once && g_hash_table_remove(skip_once, cpu)) {
        g_mutex_unlock(&bp_lock);
        return false;
    }
    for (guint i = 0; breakpoints && i < breakpoints->len; i++) {
        if (g_array_index(breakpoints, uint64_t, i) == pc) {
            hit = true;
            break;
        }
    }
    g_mutex_unlock(&bp_lock);
    return hit;
}

static bool breakpoint_insert(uint64_t addr)
{
    g_mutex_lock(&bp_lock);
    for (guint i = 0; i < breakpoints->len; i++) {
        if (g_array_index(breakpoints, uint64_t, i) == addr) {
            g_mutex_unlock(&bp_lock);
            return true;
        }
    }
    g_array_append_val(breakpoints, addr);
    __atomic_store_n(&nb_breakpoints, (int)breakpoints->len, __ATOMIC_RELEASE);
    g_mutex_unlock(&bp_lock);
    return true;
}

static bool breakpoint_remove(uint64_t addr)
{
    bool found = false;

    g_mutex_lock(&bp_lock);
    for (guint i = 0; i < breakpoints->len; i++) {
        if (g_array_index(breakpoints, uint64_t, i) == addr) {
            g_array_remove_index_fast(breakpoints, i);
            found = true;
            break;
        }
    }
    __atomic_store_n(&nb_breakpoints, (int)breakpoints->len, __ATOMIC_RELEASE);
    g_mutex_unlock(&bp_lock);
    return found;
}

static void breakpoint_remove_all(void)
{
    g_mutex_lock(&bp_lock);
    g_array_set_size(breakpoints, 0);
    g_hash_table_remove_all(skip_once);
    __atomic_store_n(&nb_breakpoints, 0, __ATOMIC_RELEASE);
    g_mutex_unlock(&bp_lock);
}

/* ---- packets out ---- */

static const char hexchars[] = "0123456789abcdef";

static void put_hex(GString *out, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        g_string_append_c(out, hexchars[buf[i] >> 4]);
        g_string_append_c(out, hexchars[buf[i] & 0xf]);
    }
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* Decodes exactly len bytes of hex from str; false on a bad or short string. */
static bool get_hex(const char *str, uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        int hi = hex_digit(str[2 * i]);
        int lo = hi < 0 ? -1 : hex_digit(str[2 * i + 1]);

        if (lo < 0) {
            return false;
        }
        buf[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

static void send_packet_len(GdbState *s, const char *data, size_t len)
{
    GString *out = g_string_sized_new(len + 4);
    uint8_t sum = 0;

    g_string_append_c(out, '$');
    for (size_t i = 0; i < len; i++) {
        sum += (uint8_t)data[i];
    }
    g_string_append_len(out, data, len);
    g_string_append_printf(out, "#%02x", sum);
    chr_fe_write_all(&s->be, (const uint8_t *)out->str, (int)out->len);
    g_string_free(s->last_sent, true);
    s->last_sent = out;
}

static void send_packet(GdbState *s, const char *data)
{
    send_packet_len(s, data, strlen(data));
}

/* Binary data in a reply: escapes the framing characters. */
static void put_binary(GString *out, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];

        if (c == '#' || c == '$' || c == '}' || c == '*') {
            g_string_append_c(out, '}');
            c ^= 0x20;
        }
        g_string_append_c(out, c);
    }
}

static unsigned thread_id(CPUState *cpu)
{
    return cpu->cpu_index + 1;
}

static CPUState *cpu_by_thread(long tid)
{
    CPUState *const *cpus = tcg_accel_cpus();

    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        if (thread_id(cpus[i]) == tid) {
            return cpus[i];
        }
    }
    return NULL;
}

static void send_stop_reply(GdbState *s, CPUState *cpu, int signal)
{
    static const char *const watch_kind[] = {
        [WP_WRITE] = "watch", [WP_READ] = "rwatch", [WP_ACCESS] = "awatch",
    };
    char buf[96];

    if (cpu->watchpoint_ignore == 1 && cpu->watchpoint_hit_flags) {
        /* Stopped by a watchpoint: say which address, so gdb names the variable. */
        snprintf(buf, sizeof(buf), "T%02x%s:%" PRIx64 ";thread:%02x;", signal,
                 watch_kind[cpu->watchpoint_hit_flags], cpu->watchpoint_hit_addr,
                 thread_id(cpu));
    } else {
        snprintf(buf, sizeof(buf), "T%02xthread:%02x;", signal, thread_id(cpu));
    }
    send_packet(s, buf);
}

/* ---- run control ---- */

/* The machine stopped (or is stopping): wait for the vCPU thread to let go. */
static void stop_machine(void)
{
    vm_stop(RUN_STATE_DEBUG);
    tcg_cpus_wait_idle();
}

static void resume(GdbState *s, CPUState *step)
{
    CPUState *const *cpus = tcg_accel_cpus();

    g_mutex_lock(&bp_lock);
    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        g_hash_table_add(skip_once, cpus[i]);
    }
    g_mutex_unlock(&bp_lock);
    if (step) {
        step->singlestep = true;
    }
    s->waiting = true;
    vm_start();
}

static void report_debug_stop(void *opaque)
{
    CPUState *cpu = opaque;
    GdbState *s = gdb;

    if (s && s->waiting && !runstate_is_running()) {
        tcg_cpus_wait_idle();
        s->waiting = false;
        s->g_cpu = cpu;
        send_stop_reply(s, cpu, 5);
    }
}

void gdb_cpu_debug_stop(CPUState *cpu)
{
    CPUState *const *cpus = tcg_accel_cpus();

    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        cpus[i]->singlestep = false;
    }
    vm_stop(RUN_STATE_DEBUG);
    main_loop_schedule(report_debug_stop, cpu);
}

/* ---- commands ---- */

static bool parse_u64(const char **p, uint64_t *val)
{
    const char *start = *p;
    uint64_t v = 0;

    while (hex_digit(**p) >= 0) {
        v = v << 4 | (uint64_t)hex_digit(**p);
        (*p)++;
    }
    *val = v;
    return *p != start;
}

/* "ADDR,LEN" then the expected separator (or NUL). */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len, char sep)
{
    return parse_u64(p, addr) && *(*p)++ == ',' && parse_u64(p, len) && **p == sep;
}

static void cmd_read_memory(GdbState *s, const char *p)
{
    uint64_t addr, len;
    uint8_t *buf;
    GString *out;

    if (!parse_addr_len(&p, &addr, &len, '\0') || len > GDB_PACKET_SIZE / 2) {
        send_packet(s, "E22");
        return;
    }
    buf = g_malloc(len ? len : 1);
    if (!cpu_memory_rw_debug(s->g_cpu, addr, buf, len, false)) {
        send_packet(s, "E14");
    } else {
        out = g_string_new(NULL);
        put_hex(out, buf, len);
        send_packet(s, out->str);
        g_string_free(out, true);
    }
    g_free(buf);
}

static void cmd_write_memory(GdbState *s, const char *p, size_t plen, bool binary)
{
    const char *end = p + plen;
    uint64_t addr, len;
    uint8_t *buf;
    bool ok = true;

    if (!parse_addr_len(&p, &addr, &len, ':') || len > GDB_PACKET_SIZE) {
        send_packet(s, "E22");
        return;
    }
    p++;
    buf = g_malloc(len ? len : 1);
    if (binary) {
        uint64_t n = 0;

        while (p < end && n < len) {
            uint8_t c = (uint8_t)*p++;

            if (c == '}' && p < end) {
                c = (uint8_t)*p++ ^ 0x20;
            }
            buf[n++] = c;
        }
        ok = n == len;
    } else {
        ok = (uint64_t)(end - p) >= 2 * len && get_hex(p, buf, len);
    }
    if (!ok) {
        send_packet(s, "E22");
    } else if (!cpu_memory_rw_debug(s->g_cpu, addr, buf, len, true)) {
        send_packet(s, "E14");
    } else {
        send_packet(s, "OK");
    }
    g_free(buf);
}

static void cmd_read_registers(GdbState *s)
{
    GByteArray *regs = g_byte_array_new();
    GString *out = g_string_new(NULL);

    for (unsigned n = 0; n < s->target->num_regs; n++) {
        s->target->read_register(s->g_cpu, regs, n);
    }
    put_hex(out, regs->data, regs->len);
    send_packet(s, out->str);
    g_string_free(out, true);
    g_byte_array_free(regs, true);
}

static void cmd_write_registers(GdbState *s, const char *p)
{
    size_t len = strlen(p) / 2;
    uint8_t *buf = g_malloc(len + 1);
    size_t off = 0;

    if (!get_hex(p, buf, len)) {
        send_packet(s, "E22");
        g_free(buf);
        return;
    }
    for (unsigned n = 0; n < s->target->num_regs && off < len; n++) {
        unsigned size = s->target->write_register(s->g_cpu, buf + off, len - off, n);

        if (!size) {
            break;
        }
        off += size;
    }
    g_free(buf);
    send_packet(s, "OK");
}

static void cmd_read_register(GdbState *s, const char *p)
{
    GByteArray *reg = g_byte_array_new();
    uint64_t n;

    if (!parse_u64(&p, &n) || *p || n >= s->target->num_regs ||
        !s->target->read_register(s->g_cpu, reg, (unsigned)n)) {
        send_packet(s, "E22");
    } else {
        GString *out = g_string_new(NULL);

        put_hex(out, reg->data, reg->len);
        send_packet(s, out->str);
        g_string_free(out, true);
    }
    g_byte_array_free(reg, true);
}

static void cmd_write_register(GdbState *s, const char *p)
{
    uint64_t n;
    size_t len;
    uint8_t *buf;

    if (!parse_u64(&p, &n) || *p++ != '=' || n >= s->target->num_regs) {
        send_packet(s, "E22");
        return;
    }
    len = strlen(p) / 2;
    buf = g_malloc(len + 1);
    if (!get_hex(p, buf, len) ||
        !s->target->write_register(s->g_cpu, buf, (unsigned)len, (unsigned)n)) {
        send_packet(s, "E22");
    } else {
        send_packet(s, "OK");
    }
    g_free(buf);
}

/* Z2/Z3/Z4: write, read, access watchpoints (kind is the length). */
static const int watch_flags[] = { ['2'] = WP_WRITE, ['3'] = WP_READ, ['4'] = WP_ACCESS };

static void cmd_breakpoint(GdbState *s, const char *p, bool insert)
{
    char type = *p++;
    uint64_t addr, kind;

    if (type < '0' || type > '4') {
        send_packet(s, "");     /* not a kind this stub knows */
        return;
    }
    /* A condition list after ';' is allowed and ignored. */
    if (*p++ != ',' || !parse_u64(&p, &addr) || *p++ != ',' || !parse_u64(&p, &kind) ||
        (*p != '\0' && *p != ';')) {
        send_packet(s, "E22");
        return;
    }
    if (type >= '2') {
        bool done = insert ? watchpoint_insert(addr, kind, watch_flags[(int)type])
                           : watchpoint_remove(addr, kind, watch_flags[(int)type]);

        send_packet(s, done ? "OK" : "E22");
        return;
    }
    if (insert) {
        breakpoint_insert(addr);
        send_packet(s, "OK");
    } else {
        send_packet(s, breakpoint_remove(addr) ? "OK" : "E22");
    }
}

/* Thread ids: "-1" (all), "0" (any), or a hex id. */
static bool parse_thread(const char *p, CPUState **cpu)
{
    uint64_t tid;

    if (strcmp(p, "-1") == 0 || strcmp(p, "0") == 0) {
        *cpu = NULL;
        return true;
    }
    if (!parse_u64(&p, &tid) || *p) {
        return false;
    }
    *cpu = cpu_by_thread((long)tid);
    return *cpu != NULL;
}

static void cmd_set_thread(GdbState *s, const char *p)
{
    char op = *p++;
    CPUState *cpu;

    if ((op != 'g' && op != 'c') || !parse_thread(p, &cpu)) {
        send_packet(s, "E22");
        return;
    }
    if (op == 'g' && cpu) {
        s->g_cpu = cpu;
    }
    send_packet(s, "OK");
}

/* vCont;ACTION[:TID][;ACTION[:TID]]...: a step wins over a continue. */
static void cmd_vcont(GdbState *s, const char *p)
{
    CPUState *step = NULL;
    bool any = false;

    while (*p == ';') {
        char action = *++p;
        CPUState *cpu = NULL;
        char tid[32] = "";

        if (action == 'C' || action == 'S') {
            p += 3;                 /* the signal is ignored */
        } else if (action == 'c' || action == 's') {
            p++;
        } else {
            send_packet(s, "E22");
            return;
        }
        if (*p == ':') {
            size_t n = strcspn(++p, ";");

            if (n >= sizeof(tid)) {
                send_packet(s, "E22");
                return;
            }
            memcpy(tid, p, n);
            tid[n] = '\0';
            p += n;
            if (!parse_thread(tid, &cpu)) {
                send_packet(s, "E22");
                return;
            }
        }
        if ((action == 's' || action == 'S') && !step) {
            step = cpu ? cpu : s->g_cpu;
        }
        any = true;
    }
    if (!any) {
        send_packet(s, "E22");
        return;
    }
    resume(s, step);
}

static void cmd_resume(GdbState *s, const char *p, bool step)
{
    uint64_t addr;

    if (parse_u64(&p, &addr)) {
        uint8_t bytes[8];

        /* Register 32 is the PC for aarch64; targets order pc the same way later. */
        for (int i = 0; i < 8; i++) {
            bytes[i] = (uint8_t)(addr >> (8 * i));
        }
        s->target->write_register(s->g_cpu, bytes, 8, 32);
    }
    resume(s, step ? s->g_cpu : NULL);
}

static void cmd_monitor(GdbState *s, const char *p)
{
    size_t len = strlen(p) / 2;
    char *line = g_malloc0(len + 1);
    char *output;
    GString *out;

    if (!get_hex(p, (uint8_t *)line, len)) {
        send_packet(s, "E22");
        g_free(line);
        return;
    }
    output = monitor_run_command(line, s->g_cpu->cpu_index);
    out = g_string_new(NULL);
    put_hex(out, (const uint8_t *)output, strlen(output));
    send_packet(s, out->len ? out->str : "OK");
    g_string_free(out, true);
    g_free(output);
    g_free(line);
}

static void cmd_xfer_features(GdbState *s, const char *p)
{
    const char *xml = s->target->xml;
    size_t xml_len = strlen(xml);
    uint64_t off, len;
    GString *out;

    if (!g_str_has_prefix(p, "target.xml:")) {
        send_packet(s, "E00");
        return;
    }
    p += strlen("target.xml:");
    if (!parse_addr_len(&p, &off, &len, '\0')) {
        send_packet(s, "E22");
        return;
    }
    if (off >= xml_len) {
        send_packet(s, "l");
        return;
    }
    len = MIN(len, (uint64_t)GDB_PACKET_SIZE / 2);
    out = g_string_new(off + len < xml_len ? "m" : "l");
    put_binary(out, xml + off, MIN(len, xml_len - off));
    send_packet_len(s, out->str, out->len);
    g_string_free(out, true);
}

static void cmd_query(GdbState *s, const char *p)
{
    if (g_str_has_prefix(p, "qSupported")) {
        char buf[128];

        snprintf(buf, sizeof(buf), "PacketSize=%x;qXfer:features:read+;"
                 "vContSupported+;QStartNoAckMode+", GDB_PACKET_SIZE);
        send_packet(s, buf);
    } else if (g_str_has_prefix(p, "qXfer:features:read:")) {
        cmd_xfer_features(s, p + strlen("qXfer:features:read:"));
    } else if (strcmp(p, "qfThreadInfo") == 0) {
        CPUState *const *cpus = tcg_accel_cpus();
        GString *out = g_string_new("m");

        for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
            g_string_append_printf(out, "%s%02x", i ? "," : "", thread_id(cpus[i]));
        }
        send_packet(s, out->str);
        g_string_free(out, true);
    } else if (strcmp(p, "qsThreadInfo") == 0) {
        send_packet(s, "l");
    } else if (strcmp(p, "qC") == 0) {
        char buf[32];

        snprintf(buf, sizeof(buf), "QC%02x", thread_id(s->g_cpu));
        send_packet(s, buf);
    } else if (strcmp(p, "qAttached") == 0) {
        send_packet(s, "1");
    } else if (g_str_has_prefix(p, "qRcmd,")) {
        cmd_monitor(s, p + strlen("qRcmd,"));
    } else if (strcmp(p, "QStartNoAckMode") == 0) {
        send_packet(s, "OK");
        s->no_ack = true;
    } else {
        send_packet(s, "");
    }
}

static void detach(GdbState *s)
{
    CPUState *const *cpus = tcg_accel_cpus();

    breakpoint_remove_all();
    watchpoint_remove_all();
    for (unsigned i = 0; i < tcg_accel_nb_cpus(); i++) {
        cpus[i]->singlestep = false;
    }
    s->waiting = false;
    if (runstate_get() == RUN_STATE_DEBUG) {
        vm_start();
    }
}

static void handle_packet(GdbState *s, const char *p, size_t len)
{
    if (runstate_is_running()) {
        /* All-stop: gdb only talks to a stopped machine. */
        s->waiting = false;
    }
    stop_machine();
    if (!s->g_cpu) {
        s->g_cpu = tcg_accel_cpus()[0];
    }
    switch (p[0]) {
    case '?':
        send_stop_reply(s, s->g_cpu, 5);
        break;
    case 'g':
        cmd_read_registers(s);
        break;
    case 'G':
        cmd_write_registers(s, p + 1);
        break;
    case 'p':
        cmd_read_register(s, p + 1);
        break;
    case 'P':
        cmd_write_register(s, p + 1);
        break;
    case 'm':
        cmd_read_memory(s, p + 1);
        break;
    case 'M':
        cmd_write_memory(s, p + 1, len - 1, false);
        break;
    case 'X':
        cmd_write_memory(s, p + 1, len - 1, true);
        break;
    case 'c':
        cmd_resume(s, p + 1, false);
        break;
    case 's':
        cmd_resume(s, p + 1, true);
        break;
    case 'Z':
        cmd_breakpoint(s, p + 1, true);
        break;
    case 'z':
        cmd_breakpoint(s, p + 1, false);
        break;
    case 'H':
        cmd_set_thread(s, p + 1);
        break;
    case 'T': {
        CPUState *cpu;

        send_packet(s, parse_thread(p + 1, &cpu) && cpu ? "OK" : "E22");
        break;
    }
    case 'D':
        send_packet(s, "OK");
        detach(s);
        break;
    case 'k':
        breakpoint_remove_all();
        system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
        break;
    case 'q':
    case 'Q':
        cmd_query(s, p);
        break;
    case 'v':
        if (strcmp(p, "vCont?") == 0) {
            send_packet(s, "vCont;c;C;s;S");
        } else if (g_str_has_prefix(p, "vCont;")) {
            cmd_vcont(s, p + strlen("vCont"));
        } else {
            send_packet(s, "");
        }
        break;
    default:
        send_packet(s, "");
        break;
    }
}

/* ---- framing ---- */

static void ctrl_c(GdbState *s)
{
    if (runstate_is_running()) {
        stop_machine();
        if (s->waiting) {
            s->waiting = false;
            send_stop_reply(s, s->g_cpu ? s->g_cpu : tcg_accel_cpus()[0], 2);
        }
    }
}

static void receive_byte(GdbState *s, uint8_t c)
{
    switch (s->rx) {
    case RX_IDLE:
        if (c == '$') {
            g_string_truncate(s->packet, 0);
            s->rx_sum = 0;
            s->rx = RX_DATA;
        } else if (c == 0x03) {
            ctrl_c(s);
        } else if (c == '-' && s->last_sent->len) {
            chr_fe_write_all(&s->be, (const uint8_t *)s->last_sent->str,
                             (int)s->last_sent->len);
        }
        break;
    case RX_DATA:
        if (c == '#') {
            s->rx = RX_CSUM1;
        } else if (s->packet->len > 2 * GDB_PACKET_SIZE) {
            s->rx = RX_IDLE;        /* runaway packet: drop it, gdb retries */
        } else {
            g_string_append_c(s->packet, (char)c);
            s->rx_sum += c;
        }
        break;
    case RX_CSUM1:
        s->csum_hi = hex_digit(c);
        s->rx = RX_CSUM2;
        break;
    case RX_CSUM2: {
        int lo = hex_digit(c);
        bool ok = s->csum_hi >= 0 && lo >= 0 && (s->csum_hi << 4 | lo) == s->rx_sum;

        s->rx = RX_IDLE;
        if (!s->no_ack) {
            chr_fe_write_all(&s->be, (const uint8_t *)(ok ? "+" : "-"), 1);
        }
        if (ok && s->packet->len) {
            handle_packet(s, s->packet->str, s->packet->len);
        }
        break;
    }
    }
}

static int gdb_can_receive(void *opaque)
{
    return GDB_PACKET_SIZE;
}

static void gdb_receive(void *opaque, const uint8_t *buf, int size)
{
    for (int i = 0; i < size; i++) {
        receive_byte(opaque, buf[i]);
    }
}

static void gdb_event(void *opaque, ChrEvent event)
{
    GdbState *s = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        /* A debugger attaches to a stopped machine. */
        s->rx = RX_IDLE;
        s->no_ack = false;
        s->waiting = false;
        g_string_truncate(s->last_sent, 0);
        stop_machine();
        break;
    case CHR_EVENT_CLOSED:
        detach(s);
        s->no_ack = false;
        s->rx = RX_IDLE;
        break;
    default:
        break;
    }
}

/* ---- start-up ---- */

static const GdbTarget *const gdb_targets[] = {
    &aarch64_gdb_target,
};

bool gdbserver_start(const char *spec, Error **errp)
{
    const char *arch;
    const GdbTarget *target = NULL;
    g_autofree char *full_spec = NULL;
    Chardev *chr;

    assert(!gdb);
    if (tcg_accel_nb_cpus() == 0) {
        error_setg(errp, "-gdb %s: the machine has no CPU to debug", spec);
        return false;
    }
    arch = tcg_accel_cpus()[0]->ops->arch;
    for (size_t i = 0; i < ARRAY_SIZE(gdb_targets); i++) {
        if (strcmp(gdb_targets[i]->arch, arch) == 0) {
            target = gdb_targets[i];
        }
    }
    if (!target) {
        error_setg(errp, "-gdb %s: no gdb support for %s guests", spec, arch);
        return false;
    }
    if ((g_str_has_prefix(spec, "tcp:") || g_str_has_prefix(spec, "unix:")) &&
        !strstr(spec, "server=")) {
        full_spec = g_strdup_printf("%s,server=on,wait=off", spec);
    } else {
        full_spec = g_strdup(spec);
    }
    chr = chardev_new_from_spec("gdb", full_spec, errp);
    if (!chr) {
        error_prepend(errp, "-gdb %s: ", spec);
        return false;
    }
    gdb = g_new0(GdbState, 1);
    gdb->target = target;
    gdb->packet = g_string_new(NULL);
    gdb->last_sent = g_string_new(NULL);
    breakpoints = g_array_new(false, false, sizeof(uint64_t));
    skip_once = g_hash_table_new(NULL, NULL);
    if (!chr_fe_init(&gdb->be, chr, errp)) {
        error_prepend(errp, "-gdb %s: ", spec);
        gdbserver_cleanup();
        return false;
    }
    chr_fe_set_handlers(&gdb->be, gdb_can_receive, gdb_receive, gdb_event, gdb);
    return true;
}

bool gdbserver_running(void)
{
    return gdb != NULL;
}

void gdbserver_cleanup(void)
{
    if (!gdb) {
        return;
    }
    chr_fe_deinit(&gdb->be);
    g_string_free(gdb->packet, true);
    g_string_free(gdb->last_sent, true);
    g_free(gdb);
    gdb = NULL;
    g_mutex_lock(&bp_lock);
    __atomic_store_n(&nb_breakpoints, 0, __ATOMIC_RELEASE);
    g_array_free(breakpoints, true);
    breakpoints = NULL;
    g_hash_table_destroy(skip_once);
    skip_once = NULL;
    g_mutex_unlock(&bp_lock);
}
