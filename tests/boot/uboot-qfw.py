#!/usr/bin/env python3
"""QEMU's documented way to boot Linux through firmware, on `-M virt`:
`-bios u-boot.bin -kernel Image -initrd initrd -append ...`. koine hands
the images to u-boot through fw_cfg (QEMU's KERNEL/INITRD/CMDLINE items);
at u-boot's prompt the test types
    qfw list                       the fw_cfg file directory
    qfw cpus                       FW_CFG_NB_CPUS
    qfw load ADDR ADDR             kernel and initrd by fw_cfg DMA; bootargs
    crc32 ADDR SIZE                the loaded bytes against the files
    booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdtcontroladdr}
and Linux (Debian 12's arm64 Image and the busybox initramfs of
tests/fetch-guests.sh) comes up to its shell with the -append command line;
poweroff -f ends koine with status 0.

Skips without u-boot-qemu or the guests. Usage: uboot-qfw.py. Prints TAP.
SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import pty
import re
import select
import sys
import time
import zlib

KOINE = os.environ["KOINE"]
SRCDIR = os.environ.get("SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CACHE = os.environ.get("KOINE_GUEST_CACHE", os.path.join(SRCDIR, "tests", "cache"))
KERNEL = os.path.join(CACHE, "arm64", "Image")
INITRD = os.path.join(CACHE, "arm64", "initramfs.cpio.gz")
UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
APPEND = "console=ttyAMA0 panic=-1 koine.qfw=1"
PROMPT = b"koine# "
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


class Koine:
    """koine -nographic on a new pty; the test types on its console."""

    def __init__(self, args):
        self.start = time.time()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(KOINE, [KOINE] + args)
        self.out = b""
        self.milestones = []

    def read_until(self, needle, timeout):
        """What came until needle (bytes) appeared in new output, or the time ran out."""
        start = len(self.out)
        end = time.time() + timeout
        while needle not in self.out[start:] and time.time() < end:
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
        return self.out[start:].decode(errors="replace")

    def type(self, line):
        for ch in (line + "\r").encode():
            os.write(self.fd, bytes([ch]))   # u-boot's line editor likes it slow
            time.sleep(0.005)

    def uboot(self, line, timeout=30):
        """A u-boot command: what it printed up to the next prompt."""
        self.type(line)
        # At the start of a line: crc32 prints "... ==> VALUE" before its prompt.
        return self.read_until(b"\n=> ", timeout)

    def shell(self, line, timeout=30):
        """A shell command in Linux: its output, between the echo and the end mark."""
        tag = f"END{len(self.out) % 1000}"
        os.write(self.fd, f"{line}; echo {tag}$((6*7))\r".encode())
        text = self.read_until(f"{tag}42".encode(), timeout)
        end = text.rfind(f"{tag}42")
        begin = text.rfind(f"echo {tag}$((6*7))", 0, end)
        if end < 0 or begin < 0:
            return None
        return text[begin + len(f"echo {tag}$((6*7))"):end].strip()

    def milestone(self, what, needle, timeout):
        text = self.read_until(needle, timeout)
        if needle.decode() in text:
            self.milestones.append((what, time.time() - self.start))
        return text

    def wait(self, timeout):
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


def file_crc32(path):
    with open(path, "rb") as f:
        return zlib.crc32(f.read()) & 0xffffffff


def main():
    if not os.path.exists(UBOOT):
        print("1..0 # SKIP u-boot-qemu is not installed")
        return 0
    if not os.path.exists(KERNEL) or not os.path.exists(INITRD):
        print(f"1..0 # SKIP no Linux guest in {CACHE} (run tests/fetch-guests.sh)")
        return 0
    kernel_size = os.path.getsize(KERNEL)
    initrd_size = os.path.getsize(INITRD)
    args = ["-M", "virt", "-cpu", "cortex-a57", "-smp", "2", "-m", "1G", "-nographic",
            "-no-reboot", "-bios", UBOOT, "-kernel", KERNEL, "-initrd", INITRD,
            "-append", APPEND]

    k = Koine(args)
    text = k.milestone("u-boot", b"Hit any key", 60)
    os.write(k.fd, b"\r")
    text += k.read_until(b"=> ", 10)
    check("u-boot reaches its prompt", "=> " in text, text[-500:])

    out = k.uboot("qfw list")
    check("qfw list: the fw_cfg file directory (QEMU's bootorder, bios-geometry, "
          "etc/boot-fail-wait)",
          all(re.search(rf"^{re.escape(n)}\s*$", out, re.M)
              for n in ["bootorder", "bios-geometry", "etc/boot-fail-wait"]), out)
    out = k.uboot("qfw cpus")
    check("qfw cpus: 2 (FW_CFG_NB_CPUS)", "2 cpu(s) online" in out, out)

    out = k.uboot("qfw load ${kernel_addr_r} ${ramdisk_addr_r}", 120)
    want = (f"loading kernel to address 0000000040400000 size {kernel_size:x} "
            f"initrd 0000000044000000 size {initrd_size:x}")
    check("qfw load: kernel and initrd of the files' sizes, by fw_cfg DMA", want in out,
          f"{out!r}\nwant {want!r}")
    out = k.uboot("printenv bootargs filesize")
    check("qfw load sets bootargs from -append and filesize to the initrd's",
          f"bootargs={APPEND}" in out and f"filesize={initrd_size:x}" in out, out)
    out = k.uboot(f"crc32 ${{kernel_addr_r}} {kernel_size:x}", 120)
    want = f"{file_crc32(KERNEL):08x}"
    check("the kernel in RAM is the -kernel file (crc32)", want in out, f"{out!r} want {want}")
    out = k.uboot(f"crc32 ${{ramdisk_addr_r}} {initrd_size:x}", 60)
    want = f"{file_crc32(INITRD):08x}"
    check("the initrd in RAM is the -initrd file (crc32)", want in out, f"{out!r} want {want}")

    k.type("booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdtcontroladdr}")
    text = k.milestone("Starting kernel", b"Starting kernel", 60)
    check("booti starts the Image", "Starting kernel" in text, text[-800:])
    text += k.milestone("shell prompt", PROMPT, 180)
    check("Linux boots to the busybox shell", PROMPT.decode() in text, text[-1500:])
    out = k.shell("cat /proc/cmdline") if PROMPT.decode() in text else None
    check("/proc/cmdline is the -append text", out == APPEND, repr(out))
    out = k.shell("grep -c ^processor /proc/cpuinfo") if out is not None else None
    check("both CPUs come up (PSCI from the firmware's tree)", out == "2", repr(out))
    if out is not None:
        os.write(k.fd, b"poweroff -f\r")
    status = k.wait(60)
    check("poweroff -f ends koine with status 0", status == 0, f"status {status}")
    check("koine reports no sanitizer error",
          not re.search(rb"runtime error:|Sanitizer", k.out),
          k.out.decode(errors="replace")[-2000:])

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[-30:]:
                print(f"#   {line}")
    for what, t in k.milestones:
        print(f"# native: {what} after {t:.1f} s")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
