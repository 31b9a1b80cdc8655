#!/usr/bin/env python3
"""Debian 12's arm64 kernel on `-M virt` with PCIe: a disk on
`-device virtio-blk-pci` and the default network card (virtio-net-pci).
The kernel's pci-host-generic driver finds the ECAM window and the ranges
of the device tree, enumerates bus 0 and assigns BARs; virtio_pci (loaded
by the initramfs's /init, tests/boot/mkinitramfs.py) drives the devices
with INTx interrupts. Checks:
  - the kernel log: the ECAM at 0x4010000000 for buses 00-ff, the host
    bridge and the disk (1af4:1042, class 0x010000), BAR 4 assigned;
  - in the shell: /sys/bus/pci/devices lists 00.0, 01.0 and 02.0 with
    their vendor and device ids; /dev/vda exists, is the disk's size and
    mounts as ext4, and a 1 MiB file on it (made on the host with
    `mke2fs -d`) has the host's sha256sum;
  - `udhcpc` on the default card (virtio-net-pci) gets its lease;
  - /proc/interrupts: the virtio interrupts are level-triggered SPIs that
    fired;
  - `poweroff -f` ends Koine with status 0, no oops or warning.
Skips without the guests of tests/fetch-guests.sh or without e2fsprogs.
Usage: linux-pci.py [tci]. Prints TAP.
SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linux  # noqa: E402  (Koine, KERNEL, INITRD, make_disk, check, report)

TCI = len(sys.argv) > 1 and sys.argv[1] == "tci"
check = linux.check


def kernel_log_checks(text):
    check("pci-host-generic finds the ECAM window for buses 00-ff",
          re.search(r"ECAM at \[mem 0x4010000000-0x401fffffff\] for \[bus 00-ff\]", text),
          "\n".join(line for line in text.splitlines() if "pci" in line)[:3000])
    check("the 32-bit and 64-bit memory windows and the I/O window are the device tree's",
          re.search(r"MEM 0x0010000000\.\.0x003efeffff -> 0x0010000000", text) and
          re.search(r"MEM 0x8000000000\.\.0xffffffffff -> 0x8000000000", text) and
          re.search(r"IO 0x003eff0000\.\.0x003effffff -> 0x0000000000", text),
          "\n".join(line for line in text.splitlines() if "pci" in line)[:3000])
    check("the host bridge 1b36:0008 sits at 00:00.0",
          re.search(r"pci 0000:00:00\.0: \[1b36:0008\] type 00 class 0x060000", text))
    check("virtio-blk-pci 1af4:1042 sits at 00:01.0",
          re.search(r"pci 0000:00:01\.0: \[1af4:1042\] type 00 class 0x010000", text))
    check("the kernel puts BAR 4 of the disk in the 64-bit window",
          re.search(r"pci 0000:00:01\.0: BAR 4:? (assigned )?\[mem 0x80[0-9a-f]{8}-"
                    r"0x80[0-9a-f]{8} 64bit pref\](: assigned)?", text),
          "\n".join(line for line in text.splitlines() if "00:01.0" in line))
    check("no kernel oops, BUG or warning",
          not re.search(r"Oops|BUG:|WARNING:|Kernel panic|Internal error", text),
          "\n".join(line for line in text.splitlines()
                    if re.search(r"Oops|BUG:|WARNING:|panic|Internal error", line))[:2000])


def shell_checks(k, digest, scale):
    def run(line):
        return k.command(line, 30 * scale)

    out = run("ls /sys/bus/pci/devices")
    check("/sys/bus/pci/devices lists 00.0, 01.0 and 02.0",
          out and out.split() == ["0000:00:00.0", "0000:00:01.0", "0000:00:02.0"], repr(out))
    # Short lines: the shell's line editor redraws lines wider than the terminal.
    run("D=/sys/bus/pci/devices/0000:00:01.0")
    out = run("cat $D/vendor $D/device $D/class")
    check("the disk's sysfs ids are 1af4:1042, class 0x010000",
          out and out.split() == ["0x1af4", "0x1042", "0x010000"], repr(out))
    out = run("cat /sys/bus/pci/devices/0000:00:02.0/device")
    check("the default network card is virtio-net-pci (1af4:1041)", out == "0x1041", repr(out))
    out = run("basename $(readlink $D/driver)")
    check("virtio-pci drives the disk", out == "virtio-pci", repr(out))
    out = run("cat /sys/block/vda/size")
    check("/dev/vda is the 16 MiB disk (32768 sectors)", out == "32768", repr(out))
    out = k.command("mount -t ext4 /dev/vda /mnt && echo MOUNTED", 60 * scale)
    check("/dev/vda mounts as ext4", out and "MOUNTED" in out, repr(out))
    out = k.command("sha256sum /mnt/random.bin", 60 * scale)
    check("sha256sum of the 1 MiB file on the PCI disk equals the host's",
          out and f"{digest}  /mnt/random.bin" in out, f"{out!r} vs {digest}")
    k.command("umount /mnt", 30 * scale)
    # The default card on PCI: DHCP from libslirp (linux-net.py tests the network itself).
    run("S=/usr/share/udhcpc/default.script")
    out = k.command("udhcpc -i eth0 -n -q -t 5 -s $S 2>&1", 60 * scale)
    check("udhcpc over virtio-net-pci obtains the lease of 10.0.2.15",
          out and "lease of 10.0.2.15 obtained" in out, repr(out))
    out = run("grep virtio /proc/interrupts")
    fired = [line for line in (out or "").splitlines()
             if re.search(r"Level", line) and
             sum(int(n) for n in re.findall(r"^\s*\d+:\s+(\d+)\s+(\d+)", line)[0]) > 0]
    check("the virtio interrupts are level-triggered SPIs that fired", fired, repr(out))


def main():
    if not os.path.exists(linux.KERNEL) or not os.path.exists(linux.INITRD):
        print(f"1..0 # SKIP no Linux guest in {linux.CACHE} (run tests/fetch-guests.sh)")
        return 0
    if not shutil.which("mke2fs") and not os.path.exists("/usr/sbin/mke2fs"):
        print("1..0 # SKIP mke2fs (e2fsprogs) is not installed")
        return 0
    os.environ["PATH"] += ":/usr/sbin:/sbin"
    tmp = tempfile.mkdtemp(prefix="koine-linux-pci-")
    img, digest = linux.make_disk(tmp)
    args = ["-M", "virt", "-cpu", "cortex-a57", "-smp", "2", "-m", "1G",
            "-nographic", "-no-reboot", "-kernel", linux.KERNEL, "-initrd", linux.INITRD,
            "-append", "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1",
            "-drive", f"file={img},format=raw,if=none,id=d0",
            "-device", "virtio-blk-pci,drive=d0"]
    if TCI:
        args += ["-accel", "tcg,backend=tci"]
    scale = 6 if TCI else 1

    k = linux.Koine(args)
    shell = k.milestone("shell prompt", re.escape(linux.PROMPT), 180 * scale)
    text = k.out.decode(errors="replace")
    kernel_log_checks(text)
    check("the shell comes up", shell, text[-1500:])
    if shell:
        shell_checks(k, digest, scale)
        os.write(k.fd, b"poweroff -f\r")
    status = k.wait(60 * scale)
    check("poweroff -f ends koine with status 0", status == 0, f"status {status}")
    check("koine reports no sanitizer error",
          not re.search(rb"runtime error:|Sanitizer", k.out),
          k.out.decode(errors="replace")[-2000:])
    shutil.rmtree(tmp, ignore_errors=True)
    return linux.report(k, "tci" if TCI else "native")


if __name__ == "__main__":
    sys.exit(main())
