#!/usr/bin/env python3
"""Debian 12's arm64 kernel with the busybox initramfs of the boot tests,
Koine and Debian's qemu-system-aarch64 side by side in one run, measuring
four things per run (docs/performance.md has the results):

  boot      seconds from process start until the shell prompt ("koine# ",
            the initramfs's PS1) appears on the serial console (a pty);
  workload  a fixed CPU-bound job in the guest, timed on the host between
            two markers the guest prints: busybox sha256sum over 64 MiB
            and gzip -9 over 16 MiB.  The data is made in the guest before
            the first marker (untimed) by copying, with no generator that
            would itself be slow under emulation (busybox seq formats with
            soft-float printf: minutes): /tmp/d16 = the first 16 MiB of
            /bin/busybox ten times over (real machine code and data,
            compresses about 2:1; busybox is larger than gzip's 32 KiB
            window, so the repeats make no work easier), /tmp/d64 = d16
            four times; both emulators must print the same digest (checked
            against the host's sha256 of the same bytes, built from the
            busybox the initramfs was made from) and the same gzip size;
  memory    peak resident set (VmHWM of /proc/PID/status) of the emulator
            process just before it is told to quit (`poweroff -f`);
  CPU       user + system CPU seconds of the whole emulator process
            (boot, preparation, workload, power-off; getrusage of the
            child): steadier than wall time on a loaded machine, and
            it counts QEMU's extra threads too.

Both run `-M virt -cpu cortex-a57 -m 1G -smp N -nographic -kernel Image
-initrd initramfs.cpio.gz -append "console=ttyAMA0 nokaslr panic=-1"`: same kernel,
same initramfs, same command line (nokaslr on both).  Runs alternate
koine, qemu, koine, ... so machine load hits both alike; medians and the
koine/qemu ratio are printed at the end.  Not a test: wall-clock numbers
from a shared machine.

usage: bench/linux-boot.py [--koine PATH] [--runs N] [--smp N]
                           [--only koine|qemu] [--koine-arg ARG ...]
SPDX-License-Identifier: GPL-2.0-or-later
"""
import argparse
import hashlib
import os
import pty
import re
import select
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("KOINE_GUEST_CACHE", os.path.join(HERE, "..", "tests", "cache"))
KERNEL = os.path.join(CACHE, "arm64", "Image")
INITRD = os.path.join(CACHE, "arm64", "initramfs.cpio.gz")
PROMPT = b"koine# "

# Untimed preparation, then the timed part between the markers.  Markers
# are computed by the shell ($((6*7))) so the echoed command line never
# matches them.
BUSYBOX = os.path.join(CACHE, "arm64", "rootfs", "bin", "busybox")
PREPARE = ("B=/bin/busybox; cat $B $B $B $B $B $B $B $B $B $B | head -c 16777216 > /tmp/d16; "
           "cat /tmp/d16 /tmp/d16 /tmp/d16 /tmp/d16 > /tmp/d64; sync")
WORKLOAD = ("echo WL-START-$((6*7)); sha256sum /tmp/d64; "
            "gzip -9 -c /tmp/d16 | wc -c; echo WL-END-$((6*7))")


def expected_digest():
    """sha256 of /tmp/d64 as the guest builds it (the host computes it)."""
    with open(BUSYBOX, "rb") as f:
        text = (f.read() * 10)[:16 << 20]
    assert len(text) == 16 << 20
    h = hashlib.sha256()
    for _ in range(4):
        h.update(text)
    return h.hexdigest()


class Guest:
    """One emulator process on a pty; reads its console, types on it."""

    def __init__(self, argv):
        self.start = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execvp(argv[0], argv)
        self.out = b""
        self.cpu_seconds = float("nan")

    def read_until(self, pattern, timeout):
        """Reads until the regexp matches output after the current end."""
        begin = len(self.out)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            m = re.search(pattern, self.out[begin:])
            if m:
                return m
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return None
            if not chunk:
                return None
            # busybox's line editor asks where the cursor is: column 1.
            if b"\x1b[6n" in chunk:
                os.write(self.fd, b"\x1b[1;1R")
            self.out += chunk
        return None

    def type(self, line):
        os.write(self.fd, line.encode() + b"\r")

    def peak_rss_kib(self):
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return None

    def poweroff(self, timeout):
        """poweroff -f in the guest; waits for the process to exit (profilers
        wrapping the emulator write their data then)."""
        self.type("poweroff -f")
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read_until(b"\0", 0.1)
            done, _, usage = os.wait4(self.pid, os.WNOHANG)
            if done:
                self.cpu_seconds = usage.ru_utime + usage.ru_stime
                os.close(self.fd)
                self.pid = None
                return

    def kill(self):
        if self.pid is None:
            return
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def one_run(argv, digest):
    """(boot s, workload s, peak RSS MiB) or a string saying what failed."""
    g = Guest(argv)
    try:
        if not g.read_until(re.escape(PROMPT), 300):
            return "no shell prompt: " + g.out[-300:].decode(errors="replace")
        boot = time.monotonic() - g.start
        g.type(PREPARE)
        if not g.read_until(re.escape(PROMPT), 300):
            return "data preparation did not finish"
        g.type(WORKLOAD)
        if not g.read_until(rb"WL-START-42\r*\n", 300):
            return "no start marker: " + g.out[-300:].decode(errors="replace")
        t0 = time.monotonic()
        m = g.read_until(rb"WL-END-42\r*\n", 900)
        t1 = time.monotonic()
        if not m:
            return "no end marker"
        text = g.out.decode(errors="replace")
        body = text[text.rfind("WL-START-42"):]
        if digest not in body:
            return "wrong sha256: " + body[:300]
        size = re.search(r"\n(\d+)\r*\n", body)
        rss = g.peak_rss_kib()
        g.poweroff(30)
        return (boot, t1 - t0, rss / 1024 if rss else float("nan"), g.cpu_seconds,
                size and int(size.group(1)))
    finally:
        g.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--koine", default=os.path.join(HERE, "..", "build", "koine"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--smp", default="1")
    ap.add_argument("--only", choices=["koine", "qemu"])
    ap.add_argument("--koine-arg", action="append", default=[],
                    help="extra koine argument (repeatable), e.g. -accel tcg,backend=tci")
    args = ap.parse_args()
    if not os.path.exists(KERNEL) or not os.path.exists(INITRD):
        print(f"no Linux guest in {CACHE}: run tests/fetch-guests.sh")
        return 1
    common = ["-M", "virt", "-cpu", "cortex-a57", "-m", "1G", "-smp", args.smp,
              "-nographic", "-no-reboot", "-kernel", KERNEL, "-initrd", INITRD,
              "-append", "console=ttyAMA0 nokaslr panic=-1"]
    tools = {"koine": [args.koine] + common + args.koine_arg,
             "qemu": ["qemu-system-aarch64"] + common}
    if args.only:
        tools = {args.only: tools[args.only]}
    digest = expected_digest()
    results = {name: [] for name in tools}
    for run in range(args.runs):
        for name, argv in tools.items():
            r = one_run(argv, digest)
            if isinstance(r, str):
                print(f"{name} run {run + 1}: FAILED: {r}")
                return 1
            results[name].append(r)
            print(f"{name:6} run {run + 1}: boot {r[0]:6.2f} s  workload {r[1]:7.2f} s  "
                  f"peak RSS {r[2]:6.0f} MiB  CPU {r[3]:6.2f} s  gzip size {r[4]}", flush=True)
    print()
    print("| tool | boot to shell | workload | peak RSS | process CPU time |")
    print("| --- | --- | --- | --- | --- |")
    med = {}
    for name, rs in results.items():
        med[name] = [statistics.median(r[i] for r in rs) for i in range(4)]
        print(f"| {name} | {med[name][0]:.2f} s | {med[name][1]:.2f} s | {med[name][2]:.0f} MiB "
              f"| {med[name][3]:.2f} s |")
    if len(med) == 2:
        k, q = med["koine"], med["qemu"]
        print("| ratio koine/qemu | " + " | ".join(f"{a / b:.2f}" for a, b in zip(k, q)) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
