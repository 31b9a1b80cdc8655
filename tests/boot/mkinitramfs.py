#!/usr/bin/env python3
"""Builds the busybox initramfs the Linux boot tests run: a gzip-compressed
"newc" cpio archive (Linux's Documentation/driver-api/early-userspace/
buffer-format.rst) written here rather than with cpio(1), so no root and no
extra package are needed and the device node /dev/console can be in it.

What is in it:
  /bin/busybox (static) and /init; /etc/profile (prompt "koine# ");
  /usr/share/udhcpc/default.script (udhcpc configures the interface, the
  default route and /etc/resolv.conf from the DHCP lease);
  empty /mnt, /tmp, /root; /dev/console (the kernel opens it before init);
  with a MODULES_DIR, the kernel modules below and their dependencies, in
  /lib/modules/VERSION/kernel/... as in the package, with a modules.dep and
  modules.alias written here (Debian's package has none: depmod makes them at
  install time), so busybox `modprobe NAME` works for what is in.

Modules (Debian 12 builds them as uncompressed .ko): virtio_mmio,
virtio_pci (+ virtio_pci_modern_dev, virtio_pci_legacy_dev), virtio_blk,
virtio_net (+ net_failover, failover), virtio_rng, virtio_console, ext4
(+ jbd2, mbcache, crc16; crc32c_generic for its "crypto-crc32c" soft
dependency), gpio_keys. Dependencies come from each module's .modinfo
section ("depends=", and "softdep=pre:" names resolved through "alias=").
Their signatures are stripped: checking one (RSA, in the guest) costs about
12 million instructions, three quarters of the time /init spends loading
modules (2.2 s of guest time down to 0.6 s under -icount shift=3). Debian's
kernel does not insist (MODULE_SIG_FORCE is off): the first module loaded
prints "module verification failed: signature and/or required key missing
- tainting kernel" and the kernel is tainted 'E', which changes nothing else.

What /init does, in order:
  1. `busybox --install -s` (applet links), PATH;
  2. mounts proc on /proc, sysfs on /sys, devtmpfs on /dev;
  3. insmods the modules in dependency order, quietly (kernel messages
     only; a module that fails prints "KOINE-INIT: insmod FILE failed");
     drivers probe the devices that exist while being loaded, so /dev/vda,
     eth0, hwrng ... exist when it is done;
  4. prints INIT_MARKER ("KOINE-INIT: userland is up");
  5. starts a login shell on the console (setsid cttyhack sh -l).
It touches no device and no network: tests do that from the shell.
Add `quiet` or `loglevel=N` to the kernel command line for a quieter console.

Usage: mkinitramfs.py BUSYBOX OUTPUT.cpio.gz [MODULES_DIR]
  MODULES_DIR: the kernel package's lib/modules/VERSION directory.
SPDX-License-Identifier: GPL-2.0-or-later
"""
import gzip
import os
import stat
import struct
import sys

INIT_MARKER = "KOINE-INIT: userland is up"

# Module names (as in "name=" of .modinfo: '-' spelt '_') /init loads.
MODULES = ["virtio_mmio", "virtio_pci", "virtio_blk", "virtio_net", "virtio_rng",
           "virtio_console", "ext4", "gpio_keys"]

INIT_HEAD = """#!/bin/busybox sh
/bin/busybox --install -s
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
"""

INIT_TAIL = f"""echo "{INIT_MARKER}"
exec setsid cttyhack sh -l
"""

PROFILE = """PS1='koine# '
export PS1
"""

# udhcpc runs this with $1 = deconfig|bound|renew|leasefail|nak and the
# lease in the environment ($interface, $ip, $subnet, $router, $dns).
UDHCPC_SCRIPT = """#!/bin/sh
case "$1" in
deconfig)
    ifconfig "$interface" 0.0.0.0 up
    ;;
bound|renew)
    ifconfig "$interface" "$ip" netmask "${subnet:-255.255.255.0}" up
    if [ -n "$router" ]; then
        while route del default gw 0.0.0.0 dev "$interface" 2>/dev/null; do :; done
        for r in $router; do
            route add default gw "$r" dev "$interface"
        done
    fi
    : >/etc/resolv.conf
    for d in $dns; do
        echo "nameserver $d" >>/etc/resolv.conf
    done
    ;;
esac
exit 0
"""

DIRS = ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "usr/share", "usr/share/udhcpc", "etc/udhcpc",
        "proc", "sys", "dev", "tmp", "etc", "root", "mnt"]


class Newc:
    """Writes "070701" records: a 110-byte ASCII header, the NUL-terminated
    name padded to 4 bytes, the data padded to 4 bytes."""

    def __init__(self):
        self.out = bytearray()
        self.ino = 1
        self.dirs = set()

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

    def add_dir(self, name):
        """Adds the directory and its missing parents, each once."""
        parent = os.path.dirname(name)
        if parent:
            self.add_dir(parent)
        if name not in self.dirs:
            self.dirs.add(name)
            self.add(name, stat.S_IFDIR | 0o755)

    def finish(self):
        self.ino = 0
        self.add("TRAILER!!!", 0)
        return bytes(self.out)


def elf_modinfo(path):
    """The key=value strings of a module's .modinfo section (ELF64 LE)."""
    with open(path, "rb") as f:
        hdr = f.read(64)
        if hdr[:4] != b"\x7fELF" or hdr[4] != 2 or hdr[5] != 1:
            raise ValueError(f"{path}: not a little-endian ELF64 module")
        shoff, = struct.unpack_from("<Q", hdr, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", hdr, 0x3a)
        f.seek(shoff)
        table = f.read(shentsize * shnum)
        # (name, type, flags, addr, offset, size) of each section header
        secs = [struct.unpack_from("<IIQQQQ", table, i * shentsize) for i in range(shnum)]
        f.seek(secs[shstrndx][4])
        names = f.read(secs[shstrndx][5])
        for sec in secs:
            if names[sec[0]:names.index(b"\0", sec[0])] == b".modinfo":
                f.seek(sec[4])
                data = f.read(sec[5])
                return [kv.decode() for kv in data.split(b"\0") if b"=" in kv]
    raise ValueError(f"{path}: no .modinfo section")


SIG_MAGIC = b"~Module signature appended~\n"


def strip_signature(data):
    """The module without its appended signature (the format of Linux's
    scripts/sign-file: module, PKCS#7 blob, struct module_signature whose
    last field is the blob's big-endian length, the magic string)."""
    if not data.endswith(SIG_MAGIC):
        return data
    info = len(data) - len(SIG_MAGIC) - 12
    sig_len, = struct.unpack_from(">I", data, info + 8)
    return data[:info - sig_len]


class ModuleTree:
    """The modules of one kernel: name -> path relative to MODULES_DIR."""

    def __init__(self, moddir):
        self.moddir = moddir
        self.paths = {}
        self.info = {}
        for root, _, files in os.walk(os.path.join(moddir, "kernel")):
            for f in files:
                if f.endswith(".ko"):
                    rel = os.path.relpath(os.path.join(root, f), moddir)
                    self.paths[f[:-3].replace("-", "_")] = rel

    def modinfo(self, name):
        if name not in self.info:
            fields = {}
            for kv in elf_modinfo(os.path.join(self.moddir, self.paths[name])):
                key, value = kv.split("=", 1)
                fields.setdefault(key, []).append(value)
            self.info[name] = fields
        return self.info[name]

    def by_alias(self, alias):
        """The module with this exact alias (softdep names such as crypto-crc32c)."""
        for name in sorted(self.paths):
            if alias in self.modinfo(name).get("alias", []):
                return name
        raise KeyError(f"no module has the alias {alias}")

    def depends(self, name):
        """Hard dependencies, then soft "pre:" ones: all load before name."""
        info = self.modinfo(name)
        deps = [d for v in info.get("depends", []) for d in v.split(",") if d]
        for soft in info.get("softdep", []):
            words = soft.split()
            pre = words[words.index("pre:") + 1:] if "pre:" in words else []
            for w in pre:
                if w.endswith(":"):
                    break
                deps.append(w.replace("-", "_") if w.replace("-", "_") in self.paths
                            else self.by_alias(w))
        return deps

    def load_order(self, wanted):
        """wanted and everything they need, each after its dependencies."""
        order, seen = [], set()

        def visit(name):
            if name in seen:
                return
            seen.add(name)
            if name not in self.paths:
                raise KeyError(f"module {name} is not in {self.moddir}")
            for dep in self.depends(name):
                visit(dep)
            order.append(name)

        for name in wanted:
            visit(name)
        return order


def add_modules(ar, moddir):
    """Copies the modules in; returns the /init lines that load them."""
    version = os.path.basename(os.path.normpath(moddir))
    tree = ModuleTree(moddir)
    order = tree.load_order(MODULES)
    base = f"lib/modules/{version}"
    dep_lines, alias_lines = [], []
    for name in order:
        rel = tree.paths[name]
        with open(os.path.join(moddir, rel), "rb") as f:
            data = strip_signature(f.read())
        ar.add_dir(os.path.dirname(f"{base}/{rel}"))
        ar.add(f"{base}/{rel}", stat.S_IFREG | 0o644, data)
        # modules.dep lists every module a module needs, the one loaded last first.
        needs = tree.load_order([name])[:-1]
        dep_lines.append(f"{rel}: " + " ".join(tree.paths[n] for n in reversed(needs)))
        alias_lines += [f"alias {a} {name}" for a in tree.modinfo(name).get("alias", [])]
    ar.add(f"{base}/modules.dep", stat.S_IFREG | 0o644,
           ("\n".join(dep_lines) + "\n").encode())
    ar.add(f"{base}/modules.alias", stat.S_IFREG | 0o644,
           ("\n".join(alias_lines) + "\n").encode())
    return (f"for ko in {' '.join(tree.paths[n] for n in order)}; do\n"
            f"    insmod /{base}/$ko || echo \"KOINE-INIT: insmod $ko failed\"\n"
            "done\n")


def build(busybox_path, moddir=None):
    with open(busybox_path, "rb") as f:
        busybox = f.read()
    ar = Newc()
    for d in DIRS:
        ar.add_dir(d)
    # The kernel opens /dev/console for init before anything mounts devtmpfs.
    ar.add("dev/console", stat.S_IFCHR | 0o600, rdev=(5, 1))
    ar.add("bin/busybox", stat.S_IFREG | 0o755, busybox)
    ar.add("bin/sh", stat.S_IFLNK | 0o777, b"busybox")
    ar.add("etc/profile", stat.S_IFREG | 0o644, PROFILE.encode())
    ar.add("usr/share/udhcpc/default.script", stat.S_IFREG | 0o755, UDHCPC_SCRIPT.encode())
    # Debian's busybox udhcpc looks here by default.
    ar.add("etc/udhcpc/default.script", stat.S_IFREG | 0o755, UDHCPC_SCRIPT.encode())
    load = add_modules(ar, moddir) if moddir else ""
    ar.add("init", stat.S_IFREG | 0o755, (INIT_HEAD + load + INIT_TAIL).encode())
    return ar.finish()


def main():
    if len(sys.argv) not in (3, 4):
        print("usage: mkinitramfs.py BUSYBOX OUTPUT.cpio.gz [MODULES_DIR]", file=sys.stderr)
        return 2
    try:
        data = build(sys.argv[1], sys.argv[3] if len(sys.argv) == 4 else None)
    except (OSError, KeyError, ValueError) as e:
        print(f"mkinitramfs.py: {e}", file=sys.stderr)
        return 1
    with gzip.open(sys.argv[2], "wb", compresslevel=6) as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
