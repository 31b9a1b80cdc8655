/*
 * The stdio backend on a real pseudo-terminal: raw mode, Ctrl-C with
 * signal=off, and the terminal put back after cleanup and after a fatal
 * signal. Each case runs in a forked child whose fd 0 and 1 are the pty's
 * slave side (the test's own stdout carries TAP and must stay untouched);
 * the parent inspects the terminal from outside and plays the user on the
 * master side.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-fe.h"
#include "chardev-test.h"

#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>

typedef enum ChildEnd {
    CHILD_CLEANUP,      /* chardev_cleanup_all(), then exit */
    CHILD_EXIT,         /* plain exit(): the atexit handler restores */
    CHILD_ABORT,        /* abort(): SIGABRT */
    CHILD_SIGILL,       /* raise(SIGILL) */
} ChildEnd;

typedef struct Child {
    pid_t pid;
    int master;
    int slave;          /* the parent's handle, to read the termios */
    int to_child;
    int from_child;
} Child;

static void child_write(int fd, char c)
{
    if (write(fd, &c, 1) != 1) {
        _exit(90);
    }
}

static char child_read(int fd)
{
    char c = 0;

    if (read(fd, &c, 1) != 1) {
        _exit(91);
    }
    return c;
}

/*
 * In the child: opens stdio with opts, says 'R', echoes back (on the sync
 * pipe) the first input byte it receives, waits for 'G', then ends as told.
 */
static void KOINE_NORETURN child_main(const char *opts, ChildEnd end,
                                      int to_parent, int from_parent)
{
    Chardev *chr = new_chardev(opts);
    TestFe fe;

    if (!chardev_is_mux(chr)) {
        _exit(92);
    }
    test_fe_attach(&fe, chr);
    child_write(to_parent, 'R');
    WAIT_FOR(fe.got->len >= 1);
    child_write(to_parent, fe.got->data[0]);
    chr_fe_printf(&fe.be, "bye\n");
    if (child_read(from_parent) != 'G') {
        _exit(93);
    }
    switch (end) {
    case CHILD_CLEANUP:
        chardev_cleanup_all();
        child_write(to_parent, 'C');
        _exit(0);
    case CHILD_EXIT:
        exit(0);
    case CHILD_ABORT:
        abort();
    case CHILD_SIGILL:
        raise(SIGILL);
        _exit(94);
    }
    _exit(95);
}

static void start_child(Child *c, const char *opts, ChildEnd end)
{
    int to_child[2], from_child[2];

    g_assert_cmpint(openpty(&c->master, &c->slave, NULL, NULL, NULL), ==, 0);
    g_assert_cmpint(pipe(to_child), ==, 0);
    g_assert_cmpint(pipe(from_child), ==, 0);
    c->pid = fork();
    g_assert_cmpint(c->pid, >=, 0);
    if (c->pid == 0) {
        dup2(c->slave, STDIN_FILENO);
        dup2(c->slave, STDOUT_FILENO);
        close(c->master);
        close(to_child[1]);
        close(from_child[0]);
        child_main(opts, end, from_child[1], to_child[0]);
    }
    close(to_child[0]);
    close(from_child[1]);
    c->to_child = to_child[1];
    c->from_child = from_child[0];
    g_assert_cmpint(child_read(c->from_child), ==, 'R');
}

static struct termios get_termios(Child *c)
{
    struct termios tty;

    g_assert_cmpint(tcgetattr(c->slave, &tty), ==, 0);
    return tty;
}

/* A fresh pty is cooked: echo, line editing, signals, CR to NL. */
static void assert_cooked(struct termios tty)
{
    g_assert_true(tty.c_lflag & ECHO);
    g_assert_true(tty.c_lflag & ICANON);
    g_assert_true(tty.c_lflag & ISIG);
    g_assert_true(tty.c_iflag & ICRNL);
}

static void assert_raw(struct termios tty, bool signals)
{
    g_assert_false(tty.c_lflag & ECHO);
    g_assert_false(tty.c_lflag & ICANON);
    g_assert_false(tty.c_iflag & ICRNL);
    g_assert_false(tty.c_iflag & IXON);
    g_assert_cmpint(!!(tty.c_lflag & ISIG), ==, signals);
    g_assert_true(tty.c_oflag & OPOST);
}

/* Types key; the child must have received exactly that byte. */
static void type_key(Child *c, char key)
{
    g_assert_cmpint(write(c->master, &key, 1), ==, 1);
    g_assert_cmpint(child_read(c->from_child), ==, key);
}

static int finish_child(Child *c)
{
    int status;

    child_write(c->to_child, 'G');
    g_assert_cmpint(waitpid(c->pid, &status, 0), ==, c->pid);
    return status;
}

static void close_child(Child *c)
{
    close(c->master);
    close(c->slave);
    close(c->to_child);
    close(c->from_child);
}

static void test_raw_mode_cleanup(void)
{
    Child c;
    int status;

    start_child(&c, "stdio,id=con,signal=off", CHILD_CLEANUP);
    assert_raw(get_termios(&c), false);
    /* signal=off: Ctrl-C is a byte for the guest, not a SIGINT. */
    type_key(&c, 0x03);
    status = finish_child(&c);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
    assert_cooked(get_termios(&c));
    close_child(&c);
}

static void test_signal_on_exit(void)
{
    Child c;
    int status;

    start_child(&c, "stdio,id=con", CHILD_EXIT);
    assert_raw(get_termios(&c), true);
    /* No line buffering: one key arrives without Enter; CR stays CR. */
    type_key(&c, '\r');
    status = finish_child(&c);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
    assert_cooked(get_termios(&c));
    close_child(&c);
}

static void test_fatal_signal(int sig, ChildEnd end)
{
    Child c;
    int status;

    start_child(&c, "stdio,id=con,signal=off", end);
    assert_raw(get_termios(&c), false);
    type_key(&c, 'k');
    status = finish_child(&c);
    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, sig);
    assert_cooked(get_termios(&c));
    close_child(&c);
}

static void test_abort(void)
{
    test_fatal_signal(SIGABRT, CHILD_ABORT);
}

static void test_sigill(void)
{
    test_fatal_signal(SIGILL, CHILD_SIGILL);
}

/* stdin a pipe: read as is, EOF stops reading but output still works. */
static void test_pipe_stdin(void)
{
    int in[2], out[2];
    pid_t pid;
    int status;
    char buf[64] = "";
    size_t got = 0;

    g_assert_cmpint(pipe(in), ==, 0);
    g_assert_cmpint(pipe(out), ==, 0);
    pid = fork();
    if (pid == 0) {
        Chardev *chr;
        TestFe fe;
        Error *err = NULL;
        KeyVal *opts;

        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close(in[1]);
        close(out[0]);
        chr = new_chardev("stdio,id=con");
        test_fe_attach(&fe, chr);
        WAIT_FOR(fe.got->len == 5);
        run_main_loop_for(50);      /* EOF comes and goes quietly */
        chr_fe_printf(&fe.be, "[%.*s]", (int)fe.got->len, fe.got->data);
        /* There is only one stdin. */
        opts = keyval_parse("stdio,id=con2", "backend", &error_abort);
        if (chardev_new_from_opts(opts, &err) ||
            !strstr(error_get_pretty(err), "stdio is already used by "
                    "chardev 'con'")) {
            _exit(96);
        }
        error_free(err);
        keyval_free(opts);
        chr_fe_printf(&fe.be, "ok");
        exit(0);
    }
    close(in[0]);
    close(out[1]);
    g_assert_cmpint(write(in[1], "a\nb\x03" "c", 5), ==, 5);
    close(in[1]);
    while (got < sizeof(buf) - 1) {
        ssize_t n = read(out[0], buf + got, sizeof(buf) - 1 - got);

        if (n <= 0) {
            break;
        }
        got += n;
    }
    close(out[0]);
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
    g_assert_cmpstr(buf, ==, "[a\nb\x03" "c]ok");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/chardev/stdio/raw-mode-cleanup", test_raw_mode_cleanup);
    g_test_add_func("/chardev/stdio/signal-on-exit", test_signal_on_exit);
    g_test_add_func("/chardev/stdio/restore-on-abort", test_abort);
    g_test_add_func("/chardev/stdio/restore-on-sigill", test_sigill);
    g_test_add_func("/chardev/stdio/pipe-stdin", test_pipe_stdin);
    return g_test_run();
}
