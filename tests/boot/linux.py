#!/usr/bin/env python3
"""Boots Debian 12's arm64 kernel with a busybox initramfs on `-M virt`
without firmware (the Image boot protocol), two CPUs, on a pty, and checks:
the early console (earlycon) and the kernel console print, the kernel
finds the device tree, command line, PSCI, both CPUs and the initramfs,
the PL031 gives the host's time, init runs; then in the busybox shell:
`uname -m`, the CPUs in /proc/cpuinfo, `date +%Y` against the host's year,
and `poweroff -f` ending Koine with status 0.

The guests come from tests/fetch-guests.sh (tests/cache/arm64/): without
them the test skips. Userland checks that cannot run while the shell does
not come up fail (env KOINE_LINUX_USERLAND=0 turns them into TAP "# SKIP",
for bringing up a kernel alone): the kernel part always counts.
Prints the time to each milestone as TAP comments.

Usage: linux.py [tci]  (tci: the TCI backend)
SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import pty
import re
import select
import sys
import time

KOINE = os.environ["KOINE"]
SRCDIR = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CACHE = os.environ.get("KOINE_GUEST_CACHE", os.path.join(SRCDIR, "tests", "cache"))
KERNEL = os.path.join(CACHE, "arm64", "Image")
INITRD = os.path.join(CACHE, "arm64", "initramfs.cpio.gz")
TCI = len(sys.argv) > 1 and sys.argv[1] == "tci"
# FP/AdvSIMD are in, so the userland must come up (KOINE_LINUX_USERLAND=0: kernel part only).
USERLAND_REQUIRED = os.environ.get("KOINE_LINUX_USERLAND", "1") == "1"
INIT_MARKER = b"KOINE-INIT: userland is up"
PROMPT = b"koine# "
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail, None))


def skip(name, reason):
    results.append((name, True, "", reason))


class Koine:
    """koine -nographic on a new pty; the test types on its console."""

    def __init__(self, args):
        self.start = time.time()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(KOINE, [KOINE] + args)
        self.out = b""
        self.milestones = []

    def read_until(self, pattern, timeout):
        """Reads until the regexp (bytes) matches new output; the match or None."""
        start = len(self.out)
        end = time.time() + timeout
        while time.time() < end:
            m = re.search(pattern, self.out[start:])
            if m:
                return m
            r, _, _ = select.select([self.fd], [], [], 0.1)
            if not r:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            # busybox's line editor asks where the cursor is: answer column 1.
            if b"\x1b[6n" in chunk:
                os.write(self.fd, b"\x1b[1;1R")
            self.out += chunk
        m = re.search(pattern, self.out[start:])
        return m

    def milestone(self, what, pattern, timeout):
        m = self.read_until(pattern, timeout)
        if m:
            self.milestones.append((what, time.time() - self.start))
        return m

    def command(self, line, timeout):
        """Runs a shell command; its output (text between the echo and the end mark)."""
        tag = f"END{len(self.out) % 1000}"
        os.write(self.fd, f"{line}; echo {tag}$((6*7))\r".encode())
        m = self.read_until(re.escape(f"{tag}42".encode()) + rb"\r*\n", timeout)
        if not m:
            return None
        text = self.out.decode(errors="replace")
        end = text.rfind(f"{tag}42")
        begin = text.rfind(f"echo {tag}$((6*7))", 0, end)
        return text[begin + len(f"echo {tag}$((6*7))"):end].strip() if begin >= 0 else None

    def wait(self, timeout):
        """Koine's exit status (None: it did not exit and was killed)."""
        end = time.time() + timeout
        while time.time() < end:
            self.read_until(b"\0", 0.2)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None


def kernel_checks(k, text, year):
    check("earlycon prints the first kernel line",
          "Booting Linux on physical CPU 0x0000000000" in text, text[:300])
    check("the kernel finds the board's device tree", "Machine model: linux,dummy-virt" in text)
    check("/chosen bootargs reach the kernel",
          "Kernel command line: console=ttyAMA0 earlycon=pl011,0x9000000" in text)
    check("PSCI 1.0 over HVC", "psci: PSCIv1.0 detected in firmware." in text)
    check("the console moves to the PL011 driver (ttyAMA0)",
          "printk: console [ttyAMA0] enabled" in text)
    check("CPU 1 comes up through PSCI CPU_ON",
          "CPU1: Booted secondary processor 0x0000000001" in text)
    check("SMP: 2 CPUs", "SMP: Total of 2 processors activated." in text)
    check("the initramfs unpacks",
          "Trying to unpack rootfs image as initramfs" in text and
          "Initramfs unpacking failed" not in text and "junk in compressed archive" not in text)
    check("the generic timer is the clocksource",
          "clocksource: Switched to clocksource arch_sys_counter" in text)
    check(f"the PL031 gives the host's year ({year})",
          re.search(rf"rtc-pl031 9010000.pl031: setting system clock to {year}-", text),
          "\n".join(line for line in text.splitlines() if "pl031" in line))
    check("no kernel oops, BUG or warning",
          not re.search(r"Oops|BUG:|WARNING:|Kernel panic|Internal error", text.split("Run /init")[0]),
          "\n".join(line for line in text.splitlines()
                    if re.search(r"Oops|BUG:|WARNING:|panic|Internal error", line))[:2000])


def main():
    if not os.path.exists(KERNEL) or not os.path.exists(INITRD):
        print(f"1..0 # SKIP no Linux guest in {CACHE} (run tests/fetch-guests.sh)")
        return 0
    year = time.strftime("%Y", time.gmtime())
    args = ["-M", "virt", "-cpu", "cortex-a57", "-smp", "2", "-m", "1G", "-nographic",
            "-no-reboot", "-kernel", KERNEL, "-initrd", INITRD,
            "-append", "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1"]
    if TCI:
        args += ["-accel", "tcg,backend=tci"]
    scale = 6 if TCI else 1

    k = Koine(args)
    init = k.milestone("Run /init", rb"Run /init as init process", 120 * scale)
    text = k.out.decode(errors="replace")
    kernel_checks(k, text, year)
    check("the kernel runs /init", init, text[-1500:])
    shell = init and k.milestone("shell prompt", re.escape(PROMPT), 60 * scale)
    text = k.out.decode(errors="replace")
    userland_up = bool(shell) and INIT_MARKER.decode() in text
    if userland_up or USERLAND_REQUIRED:
        check("/init mounts proc/sys/dev and starts a shell on the console", userland_up,
              text[-1500:])
        out = k.command("uname -m", 30 * scale) if userland_up else None
        check("uname -m prints aarch64", out == "aarch64", repr(out))
        out = k.command("grep -c ^processor /proc/cpuinfo", 30 * scale) if userland_up else None
        check("/proc/cpuinfo lists 2 CPUs", out == "2", repr(out))
        out = k.command("date +%Y", 30 * scale) if userland_up else None
        check(f"date +%Y is the host's year ({year})", out == year, repr(out))
        if userland_up:
            os.write(k.fd, b"poweroff -f\r")
        status = k.wait(60 * scale)
        check("poweroff -f (PSCI SYSTEM_OFF) ends koine with status 0", status == 0,
              f"status {status}")
    else:
        reason = "userland did not come up (FP/AdvSIMD missing?): " + \
            (text.strip().splitlines() or ["no output"])[-1][:100]
        for name in ["/init starts a shell on the console", "uname -m prints aarch64",
                     "/proc/cpuinfo lists 2 CPUs", "date +%Y is the host's year",
                     "poweroff -f ends koine with status 0"]:
            skip(name, reason)
        k.wait(0)

    check("koine reports no sanitizer error",
          not re.search(rb"runtime error:|Sanitizer", k.out),
          k.out.decode(errors="replace")[-2000:])

    print(f"1..{len(results)}")
    for i, (name, ok, detail, reason) in enumerate(results, 1):
        if reason is not None:
            print(f"ok {i} - {name} # SKIP {reason}")
            continue
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[-40:]:
                print(f"#   {line}")
    backend = "tci" if TCI else "native"
    for what, t in k.milestones:
        print(f"# {backend}: {what} after {t:.1f} s")
    return 0 if all(ok for _, ok, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
