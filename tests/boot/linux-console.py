#!/usr/bin/env python3
"""virtio-console under Debian 12's arm64 kernel, and a large -m, on `-M virt`.

One boot (the Image boot protocol, busybox initramfs with the virtio_console
module, tests/fetch-guests.sh) with two consoles on unix sockets the test
connects to:
  -device virtio-console-device,chardev=c0             -> /dev/hvc0
  -device virtio-serial-device -device virtconsole,chardev=c1
                                                       -> /dev/hvc1 (QEMU's spelling)
Linux numbers them in device-tree order, lowest transport first, and the
first -device takes the highest transport (as on QEMU), so c1's console is
hvc0 and c0's is hvc1. Checks: both hvc devices exist; `echo hello-hvc >
/dev/hvc0` arrives on c1 only and `echo hello-hvc1 > /dev/hvc1` on c0 only;
text the test writes to c0 is what `head -c N` reads from /dev/hvc1 in the
guest (a raw tty, so every byte is checked); /proc/meminfo's MemTotal is the -m size less what the
kernel keeps (native: -m 8G, tci: -m 4G, so both sizes above 4 GiB's
boundary get a boot); poweroff ends koine with status 0.

Without the guests in tests/cache the test skips.
Usage: linux-console.py [tci]
SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import pty
import re
import select
import shutil
import socket
import sys
import tempfile
import time

KOINE = os.environ["KOINE"]
SRCDIR = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CACHE = os.environ.get("KOINE_GUEST_CACHE", os.path.join(SRCDIR, "tests", "cache"))
KERNEL = os.path.join(CACHE, "arm64", "Image")
INITRD = os.path.join(CACHE, "arm64", "initramfs.cpio.gz")
TCI = len(sys.argv) > 1 and sys.argv[1] == "tci"
PROMPT = b"koine# "
HOST_TEXT = b"from-host-42:\x01\x7f~end"     # raw tty: control bytes pass too
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


class Peer:
    """The test's end of a socket chardev: collects what the guest writes."""

    def __init__(self, path, timeout):
        end = time.time() + timeout
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        while True:
            try:
                self.sock.connect(path)
                break
            except OSError:
                if time.time() > end:
                    raise
                time.sleep(0.05)
        self.sock.setblocking(False)
        self.got = b""

    def poll(self):
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                self.got += chunk
        except BlockingIOError:
            pass


class Koine:
    """koine -nographic on a new pty; the test types on the serial console."""

    def __init__(self, args):
        self.start = time.time()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(KOINE, [KOINE] + args)
        self.out = b""
        self.peers = []
        self.milestones = []

    def pump(self, timeout):
        r, _, _ = select.select([self.fd] + [p.sock for p in self.peers], [], [], timeout)
        for p in self.peers:
            p.poll()
        if self.fd in r:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            # busybox's line editor asks where the cursor is: answer column 1.
            if b"\x1b[6n" in chunk:
                os.write(self.fd, b"\x1b[1;1R")
            self.out += chunk
        return True

    def wait_for(self, cond, timeout):
        end = time.time() + timeout
        while not cond() and time.time() < end:
            if not self.pump(0.1):
                break
        return cond()

    def read_until(self, pattern, timeout):
        start = len(self.out)
        self.wait_for(lambda: re.search(pattern, self.out[start:]), timeout)
        return re.search(pattern, self.out[start:])

    def milestone(self, what, pattern, timeout):
        m = self.read_until(pattern, timeout)
        if m:
            self.milestones.append((what, time.time() - self.start))
        return m

    def send(self, line):
        """Types a shell command; returns the tag command_output() waits for."""
        tag = f"END{len(self.out) % 1000}"
        os.write(self.fd, f"{line}; echo {tag}$((6*7))\r".encode())
        return tag

    def command_output(self, tag, timeout):
        m = self.read_until(re.escape(f"{tag}42".encode()) + rb"\r*\n", timeout)
        if not m:
            return None
        text = self.out.decode(errors="replace")
        end = text.rfind(f"{tag}42")
        begin = text.rfind(f"echo {tag}$((6*7))", 0, end)
        return text[begin + len(f"echo {tag}$((6*7))"):end].strip() if begin >= 0 else None

    def command(self, line, timeout):
        return self.command_output(self.send(line), timeout)

    def wait(self, timeout):
        end = time.time() + timeout
        while time.time() < end:
            self.pump(0.2)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None


def main():
    if not os.path.exists(KERNEL) or not os.path.exists(INITRD):
        print(f"1..0 # SKIP no Linux guest in {CACHE} (run tests/fetch-guests.sh)")
        return 0
    scale = 6 if TCI else 1
    ram_gib = 4 if TCI else 8
    tmp = tempfile.mkdtemp(prefix="linux-console-")
    sock0 = os.path.join(tmp, "c0.sock")
    sock1 = os.path.join(tmp, "c1.sock")
    args = ["-M", "virt", "-cpu", "cortex-a57", "-smp", "2", "-m", f"{ram_gib}G",
            "-nographic", "-no-reboot", "-kernel", KERNEL, "-initrd", INITRD,
            "-append", "console=ttyAMA0 panic=-1",
            "-chardev", f"socket,path={sock0},server=on,wait=off,id=c0",
            "-device", "virtio-console-device,chardev=c0",
            "-chardev", f"socket,path={sock1},server=on,wait=off,id=c1",
            "-device", "virtio-serial-device", "-device", "virtconsole,chardev=c1"]
    if TCI:
        args += ["-accel", "tcg,backend=tci"]

    k = Koine(args)
    try:
        c0 = Peer(sock0, 10)
        c1 = Peer(sock1, 10)
    except OSError as e:
        k.wait(0)
        print("1..1")
        print(f"not ok 1 - koine opens the console sockets\n#   {e}")
        for line in k.out.decode(errors="replace").splitlines()[-20:]:
            print(f"#   {line}")
        return 1
    k.peers = [c0, c1]
    shell = k.milestone("shell prompt", re.escape(PROMPT), 180 * scale)
    text = k.out.decode(errors="replace")
    check("Linux boots to the busybox shell", shell, text[-1500:])

    out = k.command("ls /dev/hvc0 /dev/hvc1", 30 * scale) if shell else None
    check("virtio_console makes /dev/hvc0 and /dev/hvc1",
          out is not None and "/dev/hvc0" in out and "/dev/hvc1" in out and
          "No such" not in out, repr(out))

    # Guest to host. Linux numbers the consoles in device-tree order, lowest
    # transport first, and the first -device takes the highest transport (as
    # on QEMU): so c1's device is hvc0. Each line must reach one socket only.
    if shell:
        k.command("echo hello-hvc > /dev/hvc0", 30 * scale)
        k.command("echo hello-hvc1 > /dev/hvc1", 30 * scale)
        k.wait_for(lambda: b"hello-hvc\r\n" in c0.got + c1.got and
                   b"hello-hvc1" in c0.got + c1.got, 10 * scale)
    hvc0, hvc0_peer = ("c1", c1) if b"hello-hvc\r\n" in c1.got else ("c0", c0)
    other = c0 if hvc0_peer is c1 else c1
    check("echo hello-hvc > /dev/hvc0 arrives on one console's socket (hvc0: c1's device)",
          b"hello-hvc\r\n" in hvc0_peer.got and b"hello-hvc\r\n" not in other.got and
          hvc0 == "c1", f"c0 {c0.got[-200:]!r} c1 {c1.got[-200:]!r}")
    check("echo hello-hvc1 > /dev/hvc1 arrives on the other one (c0's device)",
          b"hello-hvc1" in other.got and b"hello-hvc1" not in hvc0_peer.got,
          f"c0 {c0.got[-200:]!r} c1 {c1.got[-200:]!r}")

    # Host to guest: one open of hvc0, raw, says READY, then reads N bytes.
    got = None
    if shell:
        tag = k.send(f"(stty raw -echo; echo READY; head -c {len(HOST_TEXT)} > /tmp/in) "
                     "<>/dev/hvc1 >&0; od -An -tx1 /tmp/in")
        if k.wait_for(lambda: b"READY" in c0.got, 30 * scale):
            c0.sock.sendall(HOST_TEXT)
        got = k.command_output(tag, 30 * scale)
    want = " ".join(f"{b:02x}" for b in HOST_TEXT)
    check(f"head -c {len(HOST_TEXT)} /dev/hvc1 reads the bytes written to c0's socket",
          got is not None and " ".join(got.split()) == want, f"got {got!r}, want {want!r}")

    # Large RAM: MemTotal is -m less the kernel's own reservations.
    out = k.command("grep MemTotal /proc/meminfo", 30 * scale) if shell else None
    m = re.search(r"MemTotal:\s+(\d+) kB", out or "")
    total_kib = ram_gib * 1024 * 1024
    check(f"-m {ram_gib}G: /proc/meminfo MemTotal is within 5% below {total_kib} kB",
          m and 0.95 * total_kib <= int(m.group(1)) <= total_kib, repr(out))

    if shell:
        os.write(k.fd, b"poweroff -f\r")
    status = k.wait(60 * scale)
    check("poweroff -f ends koine with status 0", status == 0, f"status {status}")
    text = k.out.decode(errors="replace")
    check("no kernel oops, BUG or warning",
          not re.search(r"Oops|BUG:|WARNING:|Kernel panic|Internal error", text),
          "\n".join(line for line in text.splitlines()
                    if re.search(r"Oops|BUG:|WARNING:|panic|Internal error", line))[:2000])
    check("koine reports no sanitizer error",
          not re.search(rb"runtime error:|Sanitizer", k.out), text[-2000:])
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[-40:]:
                print(f"#   {line}")
    backend = "tci" if TCI else "native"
    for what, t in k.milestones:
        print(f"# {backend}: {what} after {t:.1f} s")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
