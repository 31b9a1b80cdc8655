#!/usr/bin/env python3
"""Debian's u-boot for qemu_arm64 on `-M virt` with PCIe: u-boot's
pci-host-ecam-generic driver enumerates the gpex host bridge from the
device tree, assigns BARs from its ranges, and its modern virtio-pci
driver (virtio-pci.m) drives `-device virtio-blk-pci` holding an ext4
filesystem made on the host at test time (mke2fs -d). At the prompt:
`pci` lists the host bridge (1b36:0008), the disk (1af4:1042) in slot 1,
a virtio-rng-pci placed with addr=5 (1af4:1044) and the default network
card (virtio-net-pci, 1af4:1041) after the -device ones; `pci bar` shows
the 16 KiB 64-bit prefetchable BAR 4 u-boot placed in the 32-bit window;
`virtio scan`, `virtio info` find the disk with its size; `ls` lists the
filesystem; `load` reads a file whose crc32 u-boot computes and the host
checks; `dm tree` shows the devices bound to virtio-pci.m.
Usage: uboot-pci.py [tci]  (tci: the TCI backend). Prints TAP.
SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import uboot  # noqa: E402  (Koine, UBOOT: the console helpers)

TCI = len(sys.argv) > 1 and sys.argv[1] == "tci"
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def make_disk(tmp):
    """An ext4 image with a payload file; returns its path and the payload."""
    root = os.path.join(tmp, "root")
    os.makedirs(os.path.join(root, "sub"))
    payload = bytes((i * 197 + (i >> 9) * 5) & 0xff for i in range(200000))
    with open(os.path.join(root, "payload.bin"), "wb") as f:
        f.write(payload)
    with open(os.path.join(root, "sub", "hello.txt"), "w") as f:
        f.write("hello over PCI\n")
    ext4 = os.path.join(tmp, "ext4.img")
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-d", root, ext4, "16M"], check=True,
                   capture_output=True)
    return ext4, payload


def main():
    if not os.path.exists(uboot.UBOOT):
        print("1..0 # SKIP u-boot-qemu is not installed")
        return 0
    if not shutil.which("mke2fs") and not os.path.exists("/usr/sbin/mke2fs"):
        print("1..0 # SKIP mke2fs (e2fsprogs) is not installed")
        return 0
    os.environ["PATH"] += ":/usr/sbin:/sbin"
    tmp = tempfile.mkdtemp()
    ext4, payload = make_disk(tmp)
    log = os.path.join(tmp, "koine.log")
    args = ["-M", "virt", "-cpu", "cortex-a57", "-nographic", "-bios", uboot.UBOOT,
            "-drive", f"file={ext4},format=raw,if=none,id=root",
            "-device", "virtio-blk-pci,drive=root",
            "-device", "virtio-rng-pci,addr=0x5.0",
            "-d", "guest_errors", "-D", log]
    if TCI:
        args += ["-accel", "tcg,backend=tci"]
    timeout = 240 if TCI else 60

    k = uboot.Koine(args)
    text = k.boot(timeout)
    check("u-boot reaches its prompt", "=> " in text, text[-300:])
    check("u-boot finds the default network card", re.search(r"Net:\s+eth0: virtio-net", text),
          text[-300:])
    out = k.command("pci", timeout)
    check("pci lists the host bridge at 00.00.00 (1b36:0008)",
          re.search(r"00\.00\.00\s+0x1b36\s+0x0008\s+Bridge device", out), out)
    check("pci lists virtio-blk-pci at 00.01.00 (1af4:1042)",
          re.search(r"00\.01\.00\s+0x1af4\s+0x1042\s+Mass storage controller", out), out)
    check("pci lists the default NIC, virtio-net-pci, at 00.02.00 (1af4:1041)",
          re.search(r"00\.02\.00\s+0x1af4\s+0x1041\s+Network controller", out), out)
    check("pci lists virtio-rng-pci where addr=0x5.0 put it (1af4:1044)",
          re.search(r"00\.05\.00\s+0x1af4\s+0x1044", out), out)
    out = k.command("pci bar 0.1.0", timeout)
    check("BAR 4 is 16 KiB of 64-bit prefetchable memory in the 32-bit window",
          re.search(r"4\s+0x00000000[1-3][0-9a-f]{7}\s+0x0000000000004000\s+64\s+MEM\s+"
                    r"Prefetchable", out), out)
    out = k.command("pci header 0.1.0", timeout)
    check("u-boot enabled memory decoding and bus mastering (command 0x0006)",
          re.search(r"command register ID =\s+0x0006", out), out)
    check("the header shows interrupt pin INTA", re.search(r"interrupt pin =\s+0x01", out), out)
    out = k.command("virtio scan", timeout)
    out = k.command("virtio info", timeout)
    check("virtio info shows the disk with its size (16 MiB = 32768 sectors)",
          "VirtIO Block Device" in out and "32768 x 512" in out, out)
    out = k.command("ls virtio 0", timeout)
    check("ls virtio 0 lists payload.bin with its size",
          re.search(r"\b200000\s+payload\.bin", out), out)
    out = k.command("ls virtio 0 /sub", timeout)
    check("ls virtio 0 /sub lists hello.txt", "hello.txt" in out, out)
    out = k.command("load virtio 0 ${loadaddr} payload.bin", timeout)
    check("load reads 200000 bytes", "200000 bytes read" in out, out)
    out = k.command("crc32 ${loadaddr} ${filesize}", timeout)
    if not re.search(r"==>\s*[0-9a-f]{8}", out):
        out += k.read_until(b"=> ", timeout)
    want = f"{zlib.crc32(payload):08x}"
    check("u-boot's crc32 of the loaded file matches the host's",
          want in out.replace("\r", "").replace("\n", ""), f"want {want}: {out}")
    out = k.command("dm tree", timeout)
    check("dm tree shows the generic ECAM host and the disk behind virtio-pci.m",
          re.search(r"pci_generic_ecam\s+\|-- pcie@10000000", out) and
          re.search(r"virtio-pci\.m[\s\S]*virtio-blk", out), out)
    os.write(k.fd, b"poweroff\r")
    status = k.wait(timeout)
    check("poweroff ends koine with status 0", status == 0, f"status {status}")
    check("koine reports no sanitizer error",
          not re.search(rb"runtime error:|Sanitizer", k.out),
          k.out.decode(errors="replace")[-2000:])
    with open(log) as f:
        errors = f.read()
    check("no guest errors from PCI or virtio",
          not re.search(r"gpex|pci|virtio", errors), errors[-500:])

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[-15:]:
                print(f"# {line}")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
