/*
 * The stdio backend: stdio[,signal=on|off]. Input from fd 0, output to fd 1.
 *
 * When stdin is a terminal it is put in raw mode (no echo, no line editing,
 * no CR/NL translation on input) so every key reaches the guest at once;
 * with signal=off even Ctrl-C does, instead of raising SIGINT. Output
 * post-processing stays on so a bare "\n" from a monitor still starts a new
 * line.
 *
 * A terminal left in raw mode is unusable, so the saved settings are put
 * back on every way out: chardev_cleanup_all() (close), an atexit handler,
 * and handlers for the fatal signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE,
 * SIGABRT) which restore the terminal, put back the handler that was there
 * before (the default action, or a sanitizer's) and raise the signal again.
 * SIGINT/SIGTERM/SIGHUP belong to the main loop (an orderly shutdown).
 *
 * Input that is not a terminal (a pipe) is read as is; its EOF only stops
 * reading. There is one stdin, so there is at most one stdio chardev.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-internal.h"
#include "chardev/char-fd.h"

#include <signal.h>
#include <termios.h>

typedef struct StdioChardev {
    Chardev parent;
    bool allow_signals;
    ChrFdReader reader;
} StdioChardev;

#define STDIO_CHARDEV(chr) container_of(chr, StdioChardev, parent)

static Chardev *stdio_instance;

/* Read by signal handlers: set only while the terminal is in raw mode. */
static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
static struct sigaction previous_actions[ARRAY_SIZE(fatal_signals)];
static bool handlers_installed;

static void restore_terminal(void)
{
    if (termios_saved) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
        termios_saved = 0;
    }
}

/* Async-signal-safe: tcsetattr, sigaction and raise only. */
static void fatal_signal_handler(int sig)
{
    restore_terminal();
    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        if (fatal_signals[i] == sig) {
            struct sigaction act = previous_actions[i];

            if (act.sa_handler == SIG_IGN) {
                act.sa_handler = SIG_DFL;
            }
            sigaction(sig, &act, NULL);
        }
    }
    /* Delivered once we return (a real fault simply happens again). */
    raise(sig);
}

static void install_exit_handlers(void)
{
    struct sigaction act = { .sa_handler = fatal_signal_handler };

    if (handlers_installed) {
        return;
    }
    handlers_installed = true;
    atexit(restore_terminal);
    sigemptyset(&act.sa_mask);
    for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++) {
        sigaction(fatal_signals[i], &act, &previous_actions[i]);
    }
}

static void set_raw_mode(bool allow_signals)
{
    struct termios tty;

    if (tcgetattr(STDIN_FILENO, &saved_termios) < 0) {
        return;
    }
    tty = saved_termios;
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                     ICRNL | IXON);
    tty.c_oflag |= OPOST;
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!allow_signals) {
        tty.c_lflag &= ~ISIG;
    }
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    install_exit_handlers();
    termios_saved = 1;
    tcsetattr(STDIN_FILENO, TCSANOW, &tty);
}

static bool stdio_parse(Chardev *chr, KeyVal *opts, Error **errp)
{
    return keyval_get_bool(opts, "signal", true,
                           &STDIO_CHARDEV(chr)->allow_signals, errp);
}

static bool stdio_open(Chardev *chr, Error **errp)
{
    StdioChardev *s = STDIO_CHARDEV(chr);

    if (stdio_instance) {
        /* The user knows the mux in front of it, not its "-base". */
        const char *id = stdio_instance->id;
        int len = g_str_has_suffix(id, "-base") ? (int)strlen(id) - 5
                                                : (int)strlen(id);

        error_setg(errp, "stdio is already used by chardev '%.*s' (only one "
                   "stdio chardev may exist; share it with chardev:%.*s)",
                   len, id, len, id);
        return false;
    }
    if (isatty(STDIN_FILENO)) {
        set_raw_mode(s->allow_signals);
    }
    chr_fd_reader_start(&s->reader, chr, STDIN_FILENO, NULL);
    stdio_instance = chr;
    chr->be_open = true;
    return true;
}

static int stdio_write(Chardev *chr, const uint8_t *buf, int len)
{
    return chr_fd_write(STDOUT_FILENO, buf, len);
}

static void stdio_wait_writable(Chardev *chr)
{
    chr_fd_wait_writable(STDOUT_FILENO);
}

static void stdio_accept_input(Chardev *chr)
{
    chr_fd_reader_resume(&STDIO_CHARDEV(chr)->reader);
}

static void stdio_close(Chardev *chr)
{
    chr_fd_reader_stop(&STDIO_CHARDEV(chr)->reader);
    restore_terminal();
    stdio_instance = NULL;
}

const ChardevClass chardev_stdio_class = {
    .name = "stdio",
    .help = "[signal=on|off]: the terminal (raw mode; signal=off passes "
            "Ctrl-C to the guest)",
    .instance_size = sizeof(StdioChardev),
    .parse = stdio_parse,
    .open = stdio_open,
    .write = stdio_write,
    .wait_writable = stdio_wait_writable,
    .accept_input = stdio_accept_input,
    .close = stdio_close,
};
