/*
 * Chardev tests: null, file and pipe backends, option and spec parsing,
 * errors. Sockets and the mux are in test-chardev-socket.c, the terminal in
 * test-chardev-stdio.c.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "util/osdep.h"
#include "chardev/char-fe.h"
#include "chardev-test.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/un.h>

static char *tmpdir;

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static char *read_file(const char *path)
{
    char *contents = NULL;

    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    return contents;
}

static void test_null(void)
{
    Chardev *chr = new_chardev("null,id=n0");
    TestFe fe;

    g_assert_true(chardev_find("n0") == chr);
    g_assert_cmpstr(chardev_id(chr), ==, "n0");
    g_assert_cmpstr(chardev_kind(chr), ==, "null");
    g_assert_false(chardev_is_mux(chr));
    g_assert_cmpint(chardev_socket_port(chr), ==, -1);
    test_fe_attach(&fe, chr);
    g_assert_true(chr_fe_backend_connected(&fe.be));
    g_assert_true(chr_fe_is_open(&fe.be));
    g_assert_cmpint(test_fe_count_events(&fe, CHR_EVENT_OPENED), ==, 1);
    g_assert_cmpint(chr_fe_write(&fe.be, (const uint8_t *)"abc", 3), ==, 3);
    g_assert_cmpint(chr_fe_write_all(&fe.be, (const uint8_t *)"abc", 3), ==, 3);
    run_main_loop_for(20);
    g_assert_cmpuint(fe.got->len, ==, 0);
    test_fe_detach(&fe);
    g_assert_false(chr_fe_backend_connected(&fe.be));
    chardev_delete(chr);
    g_assert_null(chardev_find("n0"));
}

static void test_unconnected_frontend(void)
{
    CharBackend be = { 0 };

    /* A zeroed CharBackend swallows everything harmlessly. */
    g_assert_false(chr_fe_backend_connected(&be));
    g_assert_false(chr_fe_is_open(&be));
    g_assert_cmpint(chr_fe_write(&be, (const uint8_t *)"x", 1), ==, 1);
    g_assert_cmpint(chr_fe_write_all(&be, (const uint8_t *)"x", 1), ==, 1);
    chr_fe_printf(&be, "%d", 1);
    chr_fe_accept_input(&be);
    chr_fe_deinit(&be);
}

static void test_frontend_busy(void)
{
    Chardev *chr = new_chardev("null,id=busy");
    TestFe a, b;
    CharBackend c;
    Error *err = NULL;

    test_fe_attach(&a, chr);
    g_assert_false(chr_fe_init(&c, chr, &err));
    g_assert_nonnull(strstr(error_get_pretty(err), "'busy' is already in use"));
    error_free(err);
    test_fe_detach(&a);
    test_fe_attach(&b, chr);
    test_fe_detach(&b);
    chardev_delete(chr);
}

static void test_file_write(void)
{
    char *path = tmp_path("out.txt");
    char *opts = g_strdup_printf("file,id=f0,path=%s", path);
    char *opts_append = g_strdup_printf("file,id=f0,path=%s,append=on", path);
    Chardev *chr;
    TestFe fe;
    char *text;

    chr = new_chardev(opts);
    test_fe_attach(&fe, chr);
    g_assert_cmpint(chr_fe_write_all(&fe.be, (const uint8_t *)"hello ", 6), ==, 6);
    chr_fe_printf(&fe.be, "%s %d\n", "world", 42);
    test_fe_detach(&fe);
    chardev_delete(chr);
    text = read_file(path);
    g_assert_cmpstr(text, ==, "hello world 42\n");
    g_free(text);

    /* Without append the file starts over... */
    chr = new_chardev(opts);
    test_fe_attach(&fe, chr);
    chr_fe_printf(&fe.be, "one\n");
    test_fe_detach(&fe);
    chardev_delete(chr);
    text = read_file(path);
    g_assert_cmpstr(text, ==, "one\n");
    g_free(text);

    /* ...with append=on it grows. */
    chr = new_chardev(opts_append);
    test_fe_attach(&fe, chr);
    chr_fe_printf(&fe.be, "two\n");
    test_fe_detach(&fe);
    chardev_delete(chr);
    text = read_file(path);
    g_assert_cmpstr(text, ==, "one\ntwo\n");
    g_free(text);

    g_free(opts);
    g_free(opts_append);
    g_free(path);
}

static void test_logfile(void)
{
    char *log = tmp_path("log.txt");
    char *opts = g_strdup_printf("null,id=lg,logfile=%s", log);
    char *opts_mux = g_strdup_printf("null,id=lg,mux=on,logfile=%s,"
                                     "logappend=on", log);
    Chardev *chr;
    TestFe fe;
    char *text;

    chr = new_chardev(opts);
    test_fe_attach(&fe, chr);
    chr_fe_printf(&fe.be, "first\n");
    g_assert_cmpint(chr_fe_write(&fe.be, (const uint8_t *)"x", 1), ==, 1);
    test_fe_detach(&fe);
    chardev_delete(chr);
    text = read_file(log);
    g_assert_cmpstr(text, ==, "first\nx");
    g_free(text);

    /* Behind a mux the log belongs to the backend; logappend keeps the old. */
    chr = new_chardev(opts_mux);
    test_fe_attach(&fe, chr);
    chr_fe_printf(&fe.be, "second\n");
    test_fe_detach(&fe);
    chardev_delete(chr);
    text = read_file(log);
    g_assert_cmpstr(text, ==, "first\nxsecond\n");
    g_free(text);

    text = new_chardev_error("null,id=lg,logfile=/nonexistent-dir/log");
    g_assert_true(g_str_has_prefix(text, "cannot open logfile "
                                   "'/nonexistent-dir/log': "));
    g_free(text);
    g_free(opts);
    g_free(opts_mux);
    g_free(log);
}

static void test_file_input(void)
{
    char *in = tmp_path("in.txt");
    char *out = tmp_path("out2.txt");
    char *opts = g_strdup_printf("file,id=fin,path=%s,input-path=%s", out, in);
    Chardev *chr;
    TestFe fe;

    g_assert_true(g_file_set_contents(in, "typed input", -1, NULL));
    chr = new_chardev(opts);
    test_fe_attach(&fe, chr);
    WAIT_FOR(fe.got->len == 11);
    g_assert_true(test_fe_got(&fe, "typed input"));
    /* EOF stops reading; the chardev stays usable for output. */
    run_main_loop_for(20);
    g_assert_cmpuint(fe.got->len, ==, 11);
    chr_fe_printf(&fe.be, "ok");
    test_fe_detach(&fe);
    chardev_delete(chr);
    g_free(opts);
    g_free(in);
    g_free(out);
}

static void test_file_errors(void)
{
    char *msg;

    msg = new_chardev_error("file,id=bad,path=/nonexistent-dir/x/y.txt");
    g_assert_true(g_str_has_prefix(msg, "cannot open '/nonexistent-dir/x/y.txt' "
                                   "for writing: "));
    g_free(msg);
    msg = new_chardev_error("file,id=bad");
    g_assert_cmpstr(msg, ==, "'file' needs path=PATH");
    g_free(msg);
    msg = new_chardev_error("pipe,id=bad");
    g_assert_cmpstr(msg, ==, "'pipe' needs path=PATH");
    g_free(msg);
    msg = new_chardev_error("pipe,id=bad,path=/nonexistent-dir/p");
    g_assert_true(g_str_has_prefix(msg, "cannot open pipe '/nonexistent-dir/p'"));
    g_free(msg);
    g_assert_null(chardev_find("bad"));
}

/* Reads exactly len bytes from a non-blocking fd, running the main loop. */
static void read_fd_exactly(int fd, char *buf, size_t len)
{
    size_t done = 0;
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (done < len && g_get_monotonic_time() < end) {
        ssize_t n = read(fd, buf + done, len - done);

        if (n > 0) {
            done += n;
        } else {
            run_main_loop_for(1);
        }
    }
    g_assert_cmpuint(done, ==, len);
}

static void test_pipe(void)
{
    char *base = tmp_path("fifo");
    char *in = g_strdup_printf("%s.in", base);
    char *out = g_strdup_printf("%s.out", base);
    char *opts = g_strdup_printf("pipe,id=p0,path=%s", base);
    char buf[16] = "";
    Chardev *chr;
    TestFe fe;
    int to_chr, from_chr;

    g_assert_cmpint(mkfifo(in, 0600), ==, 0);
    g_assert_cmpint(mkfifo(out, 0600), ==, 0);
    chr = new_chardev(opts);
    test_fe_attach(&fe, chr);

    /* The peer: writes into .in, reads from .out. */
    to_chr = open(in, O_WRONLY | O_NONBLOCK);
    from_chr = open(out, O_RDONLY | O_NONBLOCK);
    g_assert_cmpint(to_chr, >=, 0);
    g_assert_cmpint(from_chr, >=, 0);

    g_assert_cmpint(write(to_chr, "ping", 4), ==, 4);
    WAIT_FOR(fe.got->len == 4);
    g_assert_true(test_fe_got(&fe, "ping"));

    g_assert_cmpint(chr_fe_write_all(&fe.be, (const uint8_t *)"pong", 4), ==, 4);
    read_fd_exactly(from_chr, buf, 4);
    g_assert_cmpstr(buf, ==, "pong");

    /* The peer going away and coming back loses nothing and kills nothing. */
    close(to_chr);
    close(from_chr);
    g_assert_cmpint(chr_fe_write_all(&fe.be, (const uint8_t *)"late", 4), ==, 4);
    from_chr = open(out, O_RDONLY | O_NONBLOCK);
    memset(buf, 0, sizeof(buf));
    read_fd_exactly(from_chr, buf, 4);
    g_assert_cmpstr(buf, ==, "late");
    close(from_chr);

    test_fe_detach(&fe);
    chardev_delete(chr);
    g_free(opts);
    g_free(in);
    g_free(out);
    g_free(base);
}

static void test_pipe_single(void)
{
    char *path = tmp_path("fifo1");
    char *opts = g_strdup_printf("pipe,id=p1,path=%s", path);
    Chardev *chr;
    TestFe fe;
    int peer;

    /* No .in/.out: the one fifo is used both ways. */
    g_assert_cmpint(mkfifo(path, 0600), ==, 0);
    chr = new_chardev(opts);
    test_fe_attach(&fe, chr);
    peer = open(path, O_WRONLY | O_NONBLOCK);
    g_assert_cmpint(peer, >=, 0);
    g_assert_cmpint(write(peer, "in", 2), ==, 2);
    WAIT_FOR(fe.got->len == 2);
    g_assert_true(test_fe_got(&fe, "in"));
    close(peer);
    test_fe_detach(&fe);
    chardev_delete(chr);
    g_free(opts);
    g_free(path);
}

static void check_opts_error(const char *optstr, const char *expected)
{
    char *msg = new_chardev_error(optstr);

    if (!strstr(msg, expected)) {
        g_error("'%s': got \"%s\", expected \"%s\"", optstr, msg, expected);
    }
    g_free(msg);
}

static void test_opts_errors(void)
{
    Chardev *chr;

    check_opts_error("foo,id=x", "unknown backend 'foo' (-chardev help lists them)");
    check_opts_error("id=x", "no backend given");
    check_opts_error("null", "parameter 'id' is missing");
    check_opts_error("null,id=1x", "invalid id '1x'");
    check_opts_error("null,id=a b", "invalid id 'a b'");
    check_opts_error("null,id=x,bogus=1", "unknown parameter 'bogus'");
    check_opts_error("null,id=x,mux=maybe", "parameter 'mux'");
    check_opts_error("socket,id=x", "'socket' needs port=PORT (tcp) or path=PATH");
    check_opts_error("socket,id=x,port=70000,server=on",
                     "port '70000' is not a number from 0 to 65535");
    check_opts_error("socket,id=x,port=http", "port 'http' is not a number");
    check_opts_error("socket,id=x,port=0", "port '0' is not a number from 1");
    check_opts_error("socket,id=x,port=1,path=/tmp/x", "not both");
    check_opts_error("socket,id=x,port=0,server=on,reconnect=1",
                     "reconnect is for client sockets");
    check_opts_error("socket,id=x,port=0,server=maybe", "parameter 'server'");
    check_opts_error("stdio,id=x,signal=maybe", "parameter 'signal'");

    chr = new_chardev("null,id=dup");
    check_opts_error("null,id=dup", "duplicate chardev id 'dup'");
    /* A mux checks its id before its backend opens anything. */
    check_opts_error("null,id=dup,mux=on", "duplicate chardev id 'dup'");
    chardev_delete(chr);
    g_assert_null(chardev_find("x"));
}

static void test_help(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    chardev_print_help(out);
    fclose(out);
    for (const char *const *k = (const char *const[]){ "null", "stdio", "file",
             "pipe", "socket", NULL }; *k; k++) {
        char *line = g_strdup_printf("\n  %s ", *k);

        g_assert_nonnull(strstr(text, line));
        g_free(line);
    }
    free(text);
}

static Chardev *spec_ok(const char *label, const char *spec)
{
    Chardev *chr = chardev_new_from_spec(label, spec, &error_abort);

    g_assert_cmpstr(chardev_id(chr), ==, label);
    return chr;
}

static void spec_error(const char *spec, const char *expected)
{
    Error *err = NULL;

    g_assert_null(chardev_new_from_spec("bad", spec, &err));
    g_assert_nonnull(err);
    if (!strstr(error_get_pretty(err), expected)) {
        g_error("'%s': got \"%s\", expected \"%s\"", spec,
                error_get_pretty(err), expected);
    }
    error_free(err);
    g_assert_null(chardev_find("bad"));
}

static int unix_connect(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);
    return fd;
}

static void test_spec(void)
{
    char *file = tmp_path("spec,with,commas.txt");
    char *file_spec = g_strdup_printf("file:%s", file);
    char *sock = tmp_path("spec.sock");
    char *unix_spec = g_strdup_printf("unix:%s,server,nowait", sock);
    Chardev *chr, *mux;
    TestFe fe;
    char *addr, *text;
    int client;

    chr = spec_ok("serial0", "null");
    g_assert_false(chardev_is_mux(chr));
    g_assert_true(chardev_new_from_spec("serial1", "chardev:serial0",
                                        &error_abort) == chr);
    spec_error("mon:chardev:serial0", "needs mux=on");
    spec_error("chardev:nosuch", "no chardev with id 'nosuch'");
    chardev_delete(chr);

    /* A path with commas in it survives the translation to options. */
    chr = spec_ok("serial0", file_spec);
    g_assert_cmpstr(chardev_kind(chr), ==, "file");
    test_fe_attach(&fe, chr);
    chr_fe_printf(&fe.be, "spec");
    test_fe_detach(&fe);
    chardev_delete(chr);
    text = read_file(file);
    g_assert_cmpstr(text, ==, "spec");
    g_free(text);

    chr = spec_ok("gdb0", "tcp::0,server=on,wait=off");
    g_assert_cmpstr(chardev_kind(chr), ==, "socket");
    g_assert_cmpint(chardev_socket_port(chr), >, 0);
    chardev_delete(chr);
    chr = spec_ok("gdb0", "tcp:127.0.0.1:0,server,nowait");
    addr = chardev_socket_address(chr);
    text = g_strdup_printf("tcp:127.0.0.1:%d", chardev_socket_port(chr));
    g_assert_cmpstr(addr, ==, text);
    g_free(addr);
    g_free(text);
    chardev_delete(chr);

    chr = spec_ok("mon0", unix_spec);
    g_assert_cmpint(chardev_socket_port(chr), ==, -1);
    test_fe_attach(&fe, chr);
    client = unix_connect(sock);
    WAIT_FOR(chr_fe_is_open(&fe.be));
    close(client);
    test_fe_detach(&fe);
    chardev_delete(chr);
    g_assert_false(g_file_test(sock, G_FILE_TEST_EXISTS));

    mux = spec_ok("mon1", "mon:null");
    g_assert_true(chardev_is_mux(mux));
    g_assert_true(chardev_new_from_spec("s2", "mon:chardev:mon1",
                                        &error_abort) == mux);
    chardev_delete(mux);
    g_assert_null(chardev_find("mon1-base"));

    spec_error("foo", "unknown character device 'foo'");
    spec_error("vc", "unknown character device 'vc'");
    spec_error("file:", "unknown character device 'file:'");
    spec_error("pipe:", "unknown character device 'pipe:'");
    spec_error("unix:", "unknown character device 'unix:'");
    spec_error("tcp:", "expected tcp:[HOST]:PORT");
    spec_error("tcp:localhost", "expected tcp:[HOST]:PORT");
    spec_error("tcp:localhost:", "the port is missing");
    spec_error("tcp:[::1", "expected tcp:[IPV6ADDR]:PORT");
    spec_error("tcp::99999,server=on", "port '99999' is not a number");
    spec_error("tcp::0,server=on,bogus", "unknown parameter 'bogus'");
    spec_error("mon:foo", "unknown character device 'foo'");
    spec_error("null,mux=on", "unknown character device 'null,mux=on'");

    g_free(file);
    g_free(file_spec);
    g_free(sock);
    g_free(unix_spec);
}

static void test_cleanup_all(void)
{
    TestFe a, b;
    Chardev *plain = new_chardev("null,id=c1");
    Chardev *mux = new_chardev("null,id=c2,mux=on");

    test_fe_attach(&a, plain);
    test_fe_attach(&b, mux);
    chardev_cleanup_all();
    /* Front-ends outlive their chardevs: they are simply disconnected. */
    g_assert_false(chr_fe_backend_connected(&a.be));
    g_assert_false(chr_fe_backend_connected(&b.be));
    g_assert_cmpint(chr_fe_write(&a.be, (const uint8_t *)"x", 1), ==, 1);
    g_assert_null(chardev_find("c1"));
    g_assert_null(chardev_find("c2"));
    g_assert_null(chardev_find("c2-base"));
    test_fe_detach(&a);
    test_fe_detach(&b);
}

/* The tests leave only plain files and fifos behind. */
static void remove_tmpdir(void)
{
    GDir *dir = g_dir_open(tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        char *path = tmp_path(name);

        unlink(path);
        g_free(path);
    }
    if (dir) {
        g_dir_close(dir);
    }
    rmdir(tmpdir);
    g_free(tmpdir);
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("test-chardev-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);

    g_test_add_func("/chardev/null", test_null);
    g_test_add_func("/chardev/fe/unconnected", test_unconnected_frontend);
    g_test_add_func("/chardev/fe/busy", test_frontend_busy);
    g_test_add_func("/chardev/file/write", test_file_write);
    g_test_add_func("/chardev/file/input", test_file_input);
    g_test_add_func("/chardev/logfile", test_logfile);
    g_test_add_func("/chardev/file/errors", test_file_errors);
    g_test_add_func("/chardev/pipe/in-out", test_pipe);
    g_test_add_func("/chardev/pipe/single", test_pipe_single);
    g_test_add_func("/chardev/opts/errors", test_opts_errors);
    g_test_add_func("/chardev/opts/help", test_help);
    g_test_add_func("/chardev/spec", test_spec);
    g_test_add_func("/chardev/cleanup-all", test_cleanup_all);
    ret = g_test_run();

    chardev_cleanup_all();
    remove_tmpdir();
    return ret;
}
