#!/usr/bin/env python3
"""Builds the busybox initramfs the Linux boot test runs: a gzip-compressed
"newc" cpio archive (Linux's Documentation/driver-api/early-userspace/
buffer-format.rst) written here rather than with cpio(1), so no root and no
extra package are needed and the device node /dev/console can be in it.

The archive holds busybox and an /init script that installs the applet
links, mounts proc, sysfs and devtmpfs, prints INIT_MARKER and starts a
shell on the console.

Usage: mkinitramfs.py BUSYBOX OUTPUT.cpio.gz
SPDX-License-Identifier: GPL-2.0-or-later
"""
import gzip
import stat
import sys

INIT_MARKER = "KOINE-INIT: userland is up"

INIT_SCRIPT = f"""#!/bin/busybox sh
/bin/busybox --install -s
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "{INIT_MARKER}"
exec setsid cttyhack sh -l
"""

PROFILE = """PS1='koine# '
export PS1
"""

DIRS = ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "proc", "sys", "dev", "tmp",
        "etc", "root"]


class Newc:
    """Writes "070701" records: a 110-byte ASCII header, the NUL-terminated
    name padded to 4 bytes, the data padded to 4 bytes."""

    def __init__(self):
        self.out = bytearray()
        self.ino = 1

    def _pad(self):
        self.out += b"\0" * (-len(self.out) % 4)

    def add(self, name, mode, data=b"", rdev=(0, 0)):
        fields = [self.ino, mode, 0, 0, 2 if stat.S_ISDIR(mode) else 1, 0,
                  len(data), 0, 0, rdev[0], rdev[1], len(name) + 1, 0]
        self.ino += 1
        self.out += b"070701" + "".join(f"{f:08x}" for f in fields).encode()
        self.out += name.encode() + b"\0"
        self._pad()
        self.out += data
        self._pad()

    def finish(self):
        self.ino = 0
        self.add("TRAILER!!!", 0)
        return bytes(self.out)


def build(busybox_path):
    with open(busybox_path, "rb") as f:
        busybox = f.read()
    ar = Newc()
    for d in DIRS:
        ar.add(d, stat.S_IFDIR | 0o755)
    # The kernel opens /dev/console for init before anything mounts devtmpfs.
    ar.add("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
    ar.add("bin/busybox", stat.S_IFREG | 0o755, busybox)
    ar.add("bin/sh", stat.S_IFLNK | 0o777, b"busybox")
    ar.add("etc/profile", stat.S_IFREG | 0o644, PROFILE.encode())
    ar.add("init", stat.S_IFREG | 0o755, INIT_SCRIPT.encode())
    return ar.finish()


def main():
    if len(sys.argv) != 3:
        print("usage: mkinitramfs.py BUSYBOX OUTPUT.cpio.gz", file=sys.stderr)
        return 2
    data = build(sys.argv[1])
    with gzip.open(sys.argv[2], "wb", compresslevel=6) as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
