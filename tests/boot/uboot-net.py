#!/usr/bin/env python3
"""Debian's u-boot for qemu_arm64 on `-M virt` with networking. Three runs:
the default card (no -nic/-netdev: user networking on a virtio-net-device,
as QEMU's virt has a default card), an explicit `-netdev user,id=n0,tftp=DIR
-device virtio-net-device,netdev=n0`, and `-nic none`. At the prompt, with
`autoload no`: `dhcp` binds 10.0.2.15 (libslirp's first lease), `ping
10.0.2.2` finds the gateway alive, and `tftpboot` fetches a file from the
tftp= directory whose crc32 u-boot computes and the host checks. With
-nic none u-boot finds no ethernet device.
Usage: uboot-net.py [tci]  (tci: the TCI backend, default card only).
Prints TAP. SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import re
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import uboot  # noqa: E402  (Koine, UBOOT: the console helpers)

TCI = len(sys.argv) > 1 and sys.argv[1] == "tci"
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def dhcp_and_ping(k, label, timeout):
    out = k.command("setenv autoload no; dhcp", timeout)
    check(f"{label}: dhcp binds 10.0.2.15",
          "DHCP client bound to address 10.0.2.15" in out, out)
    out = k.command("ping 10.0.2.2", timeout)
    check(f"{label}: ping 10.0.2.2 is alive", "host 10.0.2.2 is alive" in out, out)


def main():
    if not os.path.exists(uboot.UBOOT):
        print("1..0 # SKIP u-boot-qemu is not installed")
        return 0
    base = ["-M", "virt", "-cpu", "cortex-a57", "-nographic", "-bios", uboot.UBOOT]
    if TCI:
        base += ["-accel", "tcg,backend=tci"]
    boot_timeout = 180 if TCI else 60
    timeout = 120 if TCI else 30

    runs = []

    # The default card.
    k = uboot.Koine(base)
    runs.append(k)
    text = k.boot(boot_timeout)
    check("default card: u-boot reaches its prompt", "=> " in text, text[-300:])
    check("default card: u-boot finds a virtio-net device",
          re.search(r"Net:\s+eth0: virtio-net", text), text[-500:])
    dhcp_and_ping(k, "default card", timeout)
    out = k.command("printenv ethaddr", timeout)
    check("default card: MAC 52:54:00:12:34:56", "ethaddr=52:54:00:12:34:56" in out, out)
    os.write(k.fd, b"poweroff\r")
    status = k.wait()
    check("default card: poweroff ends koine with status 0", status == 0, f"status {status}")

    if not TCI:
        # An explicit backend with a tftp directory.
        tmp = tempfile.mkdtemp()
        payload = bytes((i * 197 + (i >> 9)) & 0xff for i in range(200000))
        with open(os.path.join(tmp, "payload.bin"), "wb") as f:
            f.write(payload)
        k = uboot.Koine(base + ["-netdev", f"user,id=n0,tftp={tmp}",
                                "-device", "virtio-net-device,netdev=n0,mac=52:54:00:aa:bb:cc"])
        runs.append(k)
        text = k.boot(boot_timeout)
        check("-netdev/-device: u-boot reaches its prompt", "=> " in text, text[-300:])
        dhcp_and_ping(k, "-netdev/-device", timeout)
        out = k.command("printenv ethaddr", timeout)
        check("-netdev/-device: the mac= property", "ethaddr=52:54:00:aa:bb:cc" in out, out)
        out = k.command("setenv serverip 10.0.2.2; tftpboot ${loadaddr} payload.bin", timeout)
        check("tftpboot transfers the whole file",
              f"Bytes transferred = {len(payload)}" in out, out)
        out = k.command("crc32 ${loadaddr} ${filesize}", timeout)
        want = f"{zlib.crc32(payload):08x}"
        check("the tftp'd file's crc32 matches the host's", want in out, f"want {want}\n{out}")
        os.write(k.fd, b"poweroff\r")
        status = k.wait()
        check("-netdev/-device: poweroff ends koine with status 0", status == 0,
              f"status {status}")

        # No card at all.
        k = uboot.Koine(base + ["-nic", "none"])
        runs.append(k)
        text = k.boot(boot_timeout)
        check("-nic none: u-boot finds no ethernet device",
              "=> " in text and "No ethernet found" in text, text[-500:])
        os.write(k.fd, b"poweroff\r")
        status = k.wait()
        check("-nic none: poweroff ends koine with status 0", status == 0, f"status {status}")

    check("koine reports no sanitizer error",
          not any(re.search(rb"runtime error:|Sanitizer", run.out) for run in runs),
          "\n".join(run.out.decode(errors="replace")[-1000:] for run in runs))

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[-15:]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
