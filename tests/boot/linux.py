#!/usr/bin/env python3
"""Boots Debian 12's arm64 kernel with a busybox initramfs on `-M virt`
without firmware (the Image boot protocol), two CPUs, on a pty, with a
virtio-blk disk and a virtio-rng, and checks:
the early console (earlycon) and the kernel console print, the kernel
finds the device tree, command line, PSCI, both CPUs, the GIC asked for and
the initramfs, the PL031 gives the host's time, init runs and loads its
modules (tests/boot/mkinitramfs.py) without a failure; then in the busybox
shell: `uname -m`, the CPUs in /proc/cpuinfo, IPIs taken by both CPUs and
the interrupt controller's name in /proc/interrupts, `date +%Y` against the
host's year, every module /init loads in /proc/modules, virtio-rng as the
hwrng; the disk: an ext4 image made on the host at test time (`mke2fs -d`)
holding 1 MiB of random bytes, mounted in the guest, whose sha256sum must
be the host's; a file written by the guest, unmounted, then read on the
host with debugfs and the image checked with `e2fsck -fn`; and
`poweroff -f` ending Koine with status 0.

The guests come from tests/fetch-guests.sh (tests/cache/arm64/): without
them the test skips. Userland checks that cannot run while the shell does
not come up fail (env KOINE_LINUX_USERLAND=0 turns them into TAP "# SKIP",
for bringing up a kernel alone): the kernel part always counts. Without
mke2fs/debugfs (e2fsprogs) the disk checks skip.
Prints the time to each milestone as TAP comments.

Other scripts (linux-icount.py, and the network and PCI tests) import
this file for its Koine class and paths.

Usage: linux.py [tci] [gic=2|3]  (tci: the TCI backend; gic: -M virt,gic-version=)
SPDX-License-Identifier: GPL-2.0-or-later
"""
import hashlib
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

KOINE = os.environ["KOINE"]
SRCDIR = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CACHE = os.environ.get("KOINE_GUEST_CACHE", os.path.join(SRCDIR, "tests", "cache"))
KERNEL = os.path.join(CACHE, "arm64", "Image")
INITRD = os.path.join(CACHE, "arm64", "initramfs.cpio.gz")
TCI = __name__ == "__main__" and "tci" in sys.argv[1:]
GIC = "3" if __name__ == "__main__" and "gic=3" in sys.argv[1:] else "2"
# FP/AdvSIMD are in, so the userland must come up (KOINE_LINUX_USERLAND=0: kernel part only).
USERLAND_REQUIRED = os.environ.get("KOINE_LINUX_USERLAND", "1") == "1"
INIT_MARKER = b"KOINE-INIT: userland is up"
PROMPT = b"koine# "
# What /init insmods (mkinitramfs.py), as /proc/modules names them.
MODULES = ["virtio_mmio", "virtio_pci", "virtio_pci_modern_dev", "virtio_pci_legacy_dev",
           "virtio_blk", "virtio_net", "net_failover", "failover", "virtio_rng",
           "virtio_console", "crc32c_generic", "jbd2", "mbcache", "crc16", "ext4", "gpio_keys"]
DISK_FILE_SIZE = 1 << 20
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
        self.answer_cursor_queries = True   # not while the console shows the monitor

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
            if b"\x1b[6n" in chunk and self.answer_cursor_queries:
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
        if begin < 0:
            return None
        # The kernel may print on the console meanwhile ("[    6.75] hrtimer: ..."): drop it.
        lines = text[begin + len(f"echo {tag}$((6*7))"):end].splitlines()
        return "\n".join(line for line in lines
                         if not re.match(r"\s*\[\s*\d+\.\d+\]", line)).strip()

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


def tlb_context_checks(k):
    """The TLB keeps translations per ASID: on cortex-a57 (no PAN) Linux's
    software PAN switches ASID on every kernel entry and exit, so most
    switches must find their context's translations still there. Read
    through the monitor (Ctrl-A c switches the -nographic console to it)."""
    k.answer_cursor_queries = False     # the answer would be typed into the monitor
    os.write(k.fd, b"\x01c")
    k.read_until(rb"\(koine\) ", 10)
    os.write(k.fd, b"info jit\r")
    m = k.read_until(rb"cpu 0 slow lookups \d+, TLB fills \d+, flushes \d+, "
                     rb"context switches (\d+) \((\d+) kept\)", 10)
    os.write(k.fd, b"\x01c")
    k.read_until(rb"\n", 2)
    k.answer_cursor_queries = True
    switches, kept = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    print(f"# TLB contexts: {switches} ASID switches, {kept} found their translations")
    check("TLB contexts: ASID switches keep their translations (info jit)",
          switches > 100 and kept * 2 > switches,
          f"{switches} switches, {kept} kept; console:\n" +
          k.out[-1500:].decode(errors="replace"))


def make_disk(tmp):
    """An ext4 image holding random.bin (1 MiB of random bytes); its sha256."""
    root = os.path.join(tmp, "root")
    os.mkdir(root)
    data = os.urandom(DISK_FILE_SIZE)
    with open(os.path.join(root, "random.bin"), "wb") as f:
        f.write(data)
    img = os.path.join(tmp, "disk.img")
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-L", "koine-test", "-d", root,
                    img, "16M"], check=True, stdout=subprocess.DEVNULL)
    return img, hashlib.sha256(data).hexdigest()


def interrupt_checks(out):
    """/proc/interrupts: IPIs taken on both CPUs, the GIC the board was asked for."""
    ipis = [0, 0]
    for line in (out or "").splitlines():
        m = re.match(r"\s*IPI\d+:\s+(\d+)\s+(\d+)", line)
        if m:
            ipis = [ipis[0] + int(m.group(1)), ipis[1] + int(m.group(2))]
    check(f"/proc/interrupts: IPIs on both CPUs ({ipis[0]}, {ipis[1]})",
          ipis[0] > 0 and ipis[1] > 0, out)
    chip = "GICv3" if GIC == "3" else "GIC-0"
    check(f"/proc/interrupts: the timer's PPI 27 is on the {chip} chip",
          re.search(rf"^\s*\d+:\s+\d+\s+\d+\s+{chip}\s+27 Level\s+arch_timer",
                    out or "", re.M), out)


def disk_checks(k, img, digest, scale):
    """Mounts the virtio-blk disk, reads the host's file, writes one for the host."""
    out = k.command("mount -t ext4 /dev/vda /mnt && echo MOUNTED", 60 * scale)
    check("the virtio-blk disk (/dev/vda) mounts as ext4", out and "MOUNTED" in out, out)
    out = k.command("sha256sum /mnt/random.bin", 60 * scale)
    check("sha256sum of the 1 MiB file on the disk equals the host's",
          out and f"{digest}  /mnt/random.bin" in out, f"{out!r} vs {digest}")
    # Short lines: the shell's line editor redraws lines wider than the terminal.
    k.command("echo written by the guest > /mnt/guest.txt", 60 * scale)
    k.command("head -c 65536 /mnt/random.bin > /mnt/guest.bin", 60 * scale)
    out = k.command("sync && umount /mnt && echo UNMOUNTED", 60 * scale)
    check("the guest writes two files, syncs and unmounts", out and "UNMOUNTED" in out,
          repr(out))


def host_disk_checks(img, digest_64k):
    """After koine exits: the guest's files and a clean filesystem, seen by e2fsprogs."""
    got = subprocess.run(["debugfs", "-R", "cat /guest.txt", img], capture_output=True)
    check("the host reads the guest's file with debugfs",
          got.stdout == b"written by the guest\n", got.stdout[:200] + got.stderr[-300:])
    got = subprocess.run(["debugfs", "-R", "cat /guest.bin", img], capture_output=True)
    check("the guest's copy of 64 KiB is byte-exact on the host",
          hashlib.sha256(got.stdout).hexdigest() == digest_64k, f"{len(got.stdout)} bytes")
    got = subprocess.run(["e2fsck", "-fn", img], capture_output=True)
    check("e2fsck -fn finds the filesystem clean after the guest's writes",
          got.returncode == 0, (got.stdout + got.stderr).decode(errors="replace"))


def main():
    if not os.path.exists(KERNEL) or not os.path.exists(INITRD):
        print(f"1..0 # SKIP no Linux guest in {CACHE} (run tests/fetch-guests.sh)")
        return 0
    year = time.strftime("%Y", time.gmtime())
    tmp = tempfile.mkdtemp(prefix="koine-linux-")
    disk_tools = all(shutil.which(t) for t in ["mke2fs", "debugfs", "e2fsck"])
    args = ["-M", f"virt,gic-version={GIC}", "-cpu", "cortex-a57", "-smp", "2", "-m", "1G",
            "-nographic", "-no-reboot", "-kernel", KERNEL, "-initrd", INITRD,
            "-append", "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1",
            "-device", "virtio-rng-device"]
    if disk_tools:
        img, digest = make_disk(tmp)
        with open(os.path.join(tmp, "root", "random.bin"), "rb") as f:
            digest_64k = hashlib.sha256(f.read(65536)).hexdigest()
        args += ["-drive", f"file={img},format=raw,if=none,id=d0",
                 "-device", "virtio-blk-device,drive=d0"]
    if TCI:
        args += ["-accel", "tcg,backend=tci"]
    scale = 6 if TCI else 1

    k = Koine(args)
    init = k.milestone("Run /init", rb"Run /init as init process", 120 * scale)
    text = k.out.decode(errors="replace")
    kernel_checks(k, text, year)
    if GIC == "3":
        check("the kernel drives a GICv3 (distributor and redistributors)",
              re.search(r"GICv3: CPU0: found redistributor 0 region", text) and
              re.search(r"GICv3: CPU1: found redistributor 1 region", text), text[:3000])
    else:
        check("the kernel drives a GICv2 (no GICv3 in its log)",
              "Root IRQ handler: gic_handle_irq" in text and "GICv3" not in text,
              "\n".join(line for line in text.splitlines() if "GIC" in line))
    check("the kernel runs /init", init, text[-1500:])
    userland = init and k.milestone("/init loaded its modules", re.escape(INIT_MARKER),
                                    60 * scale)
    shell = userland and k.milestone("shell prompt", re.escape(PROMPT), 60 * scale)
    text = k.out.decode(errors="replace")
    userland_up = bool(shell)
    if userland_up or USERLAND_REQUIRED:
        check("/init mounts proc/sys/dev and starts a shell on the console", userland_up,
              text[-1500:])
        check("/init loads every module without a failure",
              userland_up and "KOINE-INIT: insmod" not in text,
              "\n".join(line for line in text.splitlines() if "KOINE-INIT" in line))

        def run(line):
            return k.command(line, 30 * scale) if userland_up else None
        out = run("uname -m")
        check("uname -m prints aarch64", out == "aarch64", repr(out))
        out = run("grep -c ^processor /proc/cpuinfo")
        check("/proc/cpuinfo lists 2 CPUs", out == "2", repr(out))
        interrupt_checks(run("cat /proc/interrupts"))
        out = run("date +%Y")
        check(f"date +%Y is the host's year ({year})", out == year, repr(out))
        out = run("cut -d' ' -f1 /proc/modules")
        missing = [m for m in MODULES if not out or m not in out.split()]
        check("/proc/modules lists every module /init loads", not missing,
              f"missing: {missing}")
        out = run("cat /sys/class/misc/hw_random/rng_current; "
                  "head -c 4096 /dev/hwrng | wc -c")
        check("virtio-rng is the hwrng and gives 4096 bytes",
              out and out.split()[:1] == ["virtio_rng.0"] and out.split()[-1:] == ["4096"],
              repr(out))
        if not disk_tools:
            for name in ["virtio-blk: the disk mounts, reads and writes",
                         "the host sees the guest's writes"]:
                skip(name, "mke2fs, debugfs or e2fsck missing (e2fsprogs)")
        elif userland_up:
            disk_checks(k, img, digest, scale)
        else:
            check("virtio-blk: the disk mounts, reads and writes", False, "no shell")
        if userland_up:
            tlb_context_checks(k)
            os.write(k.fd, b"poweroff -f\r")
        status = k.wait(60 * scale)
        check("poweroff -f (PSCI SYSTEM_OFF) ends koine with status 0", status == 0,
              f"status {status}")
        if disk_tools and userland_up:
            host_disk_checks(img, digest_64k)
    else:
        reason = "userland did not come up (FP/AdvSIMD missing?): " + \
            (text.strip().splitlines() or ["no output"])[-1][:100]
        for name in ["/init starts a shell on the console", "uname -m prints aarch64",
                     "/proc/cpuinfo lists 2 CPUs", "date +%Y is the host's year",
                     "poweroff -f ends koine with status 0"]:
            skip(name, reason)
        k.wait(0)
    shutil.rmtree(tmp, ignore_errors=True)

    check("koine reports no sanitizer error",
          not re.search(rb"runtime error:|Sanitizer", k.out),
          k.out.decode(errors="replace")[-2000:])
    return report(k, f"{'tci' if TCI else 'native'}, GICv{GIC}")


def report(k, what):
    """Prints the TAP results and the milestone times; the exit status."""
    print(f"1..{len(results)}")
    for i, (name, ok, detail, reason) in enumerate(results, 1):
        if reason is not None:
            print(f"ok {i} - {name} # SKIP {reason}")
            continue
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[-40:]:
                print(f"#   {line}")
    for milestone, t in k.milestones:
        print(f"# {what}: {milestone} after {t:.1f} s")
    return 0 if all(ok for _, ok, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
