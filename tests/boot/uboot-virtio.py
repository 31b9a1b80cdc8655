#!/usr/bin/env python3
"""Debian's u-boot for qemu_arm64 on `-M virt` with virtio devices: a
virtio-blk disk holding an ext4 filesystem made on the host at test time
(mke2fs -d), a second raw disk (-drive if=virtio) that u-boot writes to,
and a virtio-rng device. At the prompt: `virtio scan` and `virtio info`
find both disks with their sizes, `ls` lists the filesystem, `load` reads
a file whose crc32 u-boot computes and the host checks (u-boot has crc32,
no md5sum), `virtio write` puts memory onto the raw disk that the host
then reads back, and `dm tree` shows the rng device probed (this u-boot
has no `rng` command). The devices sit where QEMU puts them: the first
-device at the highest virtio-mmio address.
Usage: uboot-virtio.py [tci]  (tci: the TCI backend). Prints TAP.
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


def make_disks(tmp):
    """An ext4 image with two files, and a zeroed raw disk; returns paths and the payload."""
    root = os.path.join(tmp, "root")
    os.makedirs(os.path.join(root, "sub"))
    payload = bytes((i * 131 + (i >> 8) * 7) & 0xff for i in range(300000))
    with open(os.path.join(root, "payload.bin"), "wb") as f:
        f.write(payload)
    with open(os.path.join(root, "sub", "hello.txt"), "w") as f:
        f.write("hello from the host\n")
    ext4 = os.path.join(tmp, "ext4.img")
    subprocess.run(["mke2fs", "-q", "-F", "-t", "ext4", "-d", root, ext4, "16M"], check=True,
                   capture_output=True)
    raw = os.path.join(tmp, "raw.img")
    with open(raw, "wb") as f:
        f.truncate(4 * 1024 * 1024)
    return ext4, raw, payload


def main():
    if not os.path.exists(uboot.UBOOT):
        print("1..0 # SKIP u-boot-qemu is not installed")
        return 0
    if not shutil.which("mke2fs") and not os.path.exists("/usr/sbin/mke2fs"):
        print("1..0 # SKIP mke2fs (e2fsprogs) is not installed")
        return 0
    os.environ["PATH"] += ":/usr/sbin:/sbin"
    tmp = tempfile.mkdtemp()
    ext4, raw, payload = make_disks(tmp)
    log = os.path.join(tmp, "koine.log")
    args = ["-M", "virt", "-cpu", "cortex-a57", "-nographic", "-bios", uboot.UBOOT,
            "-drive", f"file={ext4},format=raw,if=none,id=root",
            "-device", "virtio-blk-device,drive=root,serial=koine-root",
            "-device", "virtio-rng-device",
            "-drive", f"file={raw},format=raw,if=virtio,cache=writethrough",
            "-d", "guest_errors", "-D", log]
    if TCI:
        args += ["-accel", "tcg,backend=tci"]
    timeout = 240 if TCI else 60

    k = uboot.Koine(args)
    text = k.boot(timeout)
    check("u-boot reaches its prompt", "=> " in text, text[-300:])
    out = k.command("virtio scan", timeout)
    out = k.command("virtio info", timeout)
    # u-boot numbers the disks in device-tree order: lowest address first.
    # The board's if=virtio disk takes the highest transport, the first
    # -device the next one down, so virtio 0 is the ext4 disk.
    check("virtio info shows two block devices",
          out.count("QEMU VirtIO Block Device") == 2, out)
    check("virtio info shows the ext4 disk's size (16 MiB = 32768 sectors)",
          "32768 x 512" in out, out)
    check("virtio info shows the raw disk's size (4 MiB = 8192 sectors)",
          "8192 x 512" in out, out)
    out = k.command("ls virtio 0", timeout)
    check("ls virtio 0 lists payload.bin with its size",
          re.search(r"\b300000\s+payload\.bin", out), out)
    out = k.command("ls virtio 0 /sub", timeout)
    check("ls virtio 0 /sub lists hello.txt", "hello.txt" in out, out)
    out = k.command("load virtio 0 ${loadaddr} payload.bin", timeout)
    check("load reads 300000 bytes", "300000 bytes read" in out, out)
    # Its output has "==> " in it, which looks like the prompt: read on to the real one.
    out = k.command("crc32 ${loadaddr} ${filesize}", timeout)
    if not re.search(r"==>\s*[0-9a-f]{8}", out):
        out += k.read_until(b"=> ", timeout)
    want = f"{zlib.crc32(payload):08x}"
    check("u-boot's crc32 of the loaded file matches the host's",
          want in out.replace("\r", "").replace("\n", ""), f"want {want}: {out}")
    # Eight sectors of the loaded payload onto sector 16 of the raw disk.
    out = k.command("virtio dev 1", timeout)
    out = k.command("virtio write ${loadaddr} 0x10 8", timeout)
    check("virtio write to the raw disk succeeds", "8 blocks written: OK" in out, out)
    out = k.command("dm tree", timeout)
    check("dm tree shows the virtio-rng device probed",
          re.search(r"rng\s+\d+\s+\[ \+ \]\s+virtio-rng", out), out)
    check("the first -device sits at the highest transport with QEMU's numbering",
          re.search(r"virtio_mmio@a003c00\s*\n.*virtio-blk", out), out)
    os.write(k.fd, b"poweroff\r")
    status = k.wait(timeout)
    check("poweroff ends koine with status 0", status == 0, f"status {status}")

    with open(raw, "rb") as f:
        f.seek(16 * 512)
        written = f.read(8 * 512)
    check("the host reads back what u-boot wrote", written == payload[:8 * 512],
          written[:32].hex())
    with open(log) as f:
        errors = f.read()
    check("no guest errors logged", "virtio" not in errors, errors[-500:])

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
