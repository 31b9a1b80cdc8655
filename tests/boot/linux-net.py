#!/usr/bin/env python3
"""Debian 12's arm64 kernel on `-M virt` with user networking:
`-netdev user,id=n0,hostfwd=tcp:127.0.0.1:PORT-:8080 -device
virtio-net-device,netdev=n0`, the initramfs of tests/boot/mkinitramfs.py
(its /init loads virtio_net). In the busybox shell:
  - eth0 exists and carries the card's MAC (52:54:00:12:34:56);
  - `udhcpc -i eth0` obtains 10.0.2.15 from libslirp, with the gateway
    10.0.2.2 as default route;
  - `ping -c 1 10.0.2.2` is answered;
  - `wget -O - http://10.0.2.2:PORT/FILE | sha256sum` fetches 16 MiB of
    random bytes from an HTTP server this test runs on the host
    (python3 -m http.server, bound to 127.0.0.1, which slirp's 10.0.2.2
    reaches) and the digest is the host's; the time is printed;
  - hostfwd: a host connection to the forwarded port reaches a `nc -l`
    in the guest, which answers;
  - `poweroff -f` ends Koine with status 0.
All traffic stays on this machine's loopback. Skips without the guest
(tests/fetch-guests.sh) or when the initramfs has no virtio_net.
Usage: linux-net.py [tci]  Prints TAP.
SPDX-License-Identifier: GPL-2.0-or-later
"""
import gzip
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linux  # noqa: E402  (Koine, KERNEL, INITRD, PROMPT, check, report)

TCI = "tci" in sys.argv[1:]
FILE_SIZE = 16 << 20


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_http_server(directory):
    """python3 -m http.server on 127.0.0.1; returns (process, port) once it listens."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                             "127.0.0.1", "--directory", directory],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    end = time.time() + 20
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("http.server did not start")


def initrd_has_virtio_net():
    with gzip.open(linux.INITRD, "rb") as f:
        return b"virtio_net.ko" in f.read()


def main():
    if not os.path.exists(linux.KERNEL) or not os.path.exists(linux.INITRD):
        print(f"1..0 # SKIP no Linux guest in {linux.CACHE} (run tests/fetch-guests.sh)")
        return 0
    if not initrd_has_virtio_net():
        print("1..0 # SKIP the initramfs has no virtio_net module (run tests/fetch-guests.sh)")
        return 0
    scale = 6 if TCI else 1
    tmp = tempfile.mkdtemp(prefix="koine-linux-net-")
    data = os.urandom(FILE_SIZE)
    with open(os.path.join(tmp, "random.bin"), "wb") as f:
        f.write(data)
    digest = hashlib.sha256(data).hexdigest()
    server, port = start_http_server(tmp)
    fwd_port = free_port()
    args = ["-M", "virt", "-cpu", "cortex-a57", "-m", "512M", "-nographic", "-no-reboot",
            "-kernel", linux.KERNEL, "-initrd", linux.INITRD,
            "-append", "console=ttyAMA0 panic=-1 loglevel=4",
            "-netdev", f"user,id=n0,hostfwd=tcp:127.0.0.1:{fwd_port}-:8080",
            "-device", "virtio-net-device,netdev=n0"]
    if TCI:
        args += ["-accel", "tcg,backend=tci"]
    check = linux.check
    k = linux.Koine(args)
    try:
        shell = k.milestone("shell prompt", re.escape(linux.PROMPT), 180 * scale)
        check("the guest reaches its shell", shell, k.out.decode(errors="replace")[-1500:])

        def run(line, timeout=30):
            return k.command(line, timeout * scale) if shell else None

        out = run("cat /sys/class/net/eth0/address")
        check("eth0 exists with the card's MAC", out == "52:54:00:12:34:56", repr(out))
        # Debian's busybox looks for /etc/udhcpc/default.script; the initramfs has
        # its script in /usr/share/udhcpc: name it. Commands stay short: the
        # shell's line editor redraws lines wider than the terminal.
        run("S=/usr/share/udhcpc/default.script")
        out = run("udhcpc -i eth0 -n -q -t 5 -s $S 2>&1", 60)
        check("udhcpc obtains the lease of 10.0.2.15",
              out and "lease of 10.0.2.15 obtained" in out, repr(out))
        out = run("ip addr show eth0; ip route")
        check("eth0 has 10.0.2.15/24 and the default route is via 10.0.2.2",
              out and "inet 10.0.2.15/24" in out and "default via 10.0.2.2" in out, repr(out))
        out = run("ping -c 1 -W 5 10.0.2.2", 30)
        check("ping 10.0.2.2 is answered", out and "1 packets received" in out, repr(out))

        start = time.time()
        run(f"U=http://10.0.2.2:{port}/random.bin")
        out = run("wget -q -O - $U | sha256sum", 300)
        elapsed = time.time() - start
        check(f"wget of {FILE_SIZE >> 20} MiB from the host's HTTP server: the sha256 matches",
              out and out.split()[:1] == [digest], f"{out!r} vs {digest}")
        k.milestones.append((f"wget of {FILE_SIZE >> 20} MiB took {elapsed:.1f} s "
                             f"({FILE_SIZE / max(elapsed, 1e-3) / 1e6:.1f} MB/s); done",
                             time.time() - k.start))

        run("(echo hello from the guest | nc -l -p 8080 &)")
        got = b""
        if shell:
            end = time.time() + 30 * scale
            while time.time() < end and b"\n" not in got:
                try:
                    with socket.create_connection(("127.0.0.1", fwd_port), timeout=5) as s:
                        s.settimeout(10 * scale)
                        while b"\n" not in got:
                            chunk = s.recv(100)
                            if not chunk:
                                break
                            got += chunk
                except OSError:
                    pass
                if b"\n" not in got:
                    k.read_until(b"\0", 0.5)     # let the guest's nc start
        check("hostfwd: a host connection reaches nc -l in the guest",
              got == b"hello from the guest\n", repr(got))

        if shell:
            os.write(k.fd, b"poweroff -f\r")
        status = k.wait(60 * scale)
        check("poweroff -f ends koine with status 0", status == 0, f"status {status}")
        check("koine reports no sanitizer error",
              not re.search(rb"runtime error:|Sanitizer", k.out),
              k.out.decode(errors="replace")[-2000:])
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return linux.report(k, "tci" if TCI else "native")


if __name__ == "__main__":
    sys.exit(main())
