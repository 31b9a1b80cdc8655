#!/usr/bin/env python3
"""Boots Debian's u-boot for qemu_arm64 on `-M virt` with -bios, on a pty:
it reaches its prompt (version, bdinfo), reads the device tree koine put at the start of RAM,
saves its environment to flash bank 1 (a -drive file) and finds it again
after a restart, and powers off through PSCI with koine exiting 0.
Native backend only: with -M virt,secure=on u-boot runs at EL3 (the
monitor's `info registers` says EL3h) and the tree has no /psci (firmware
at EL3 would provide PSCI); with virtualization=on it runs at EL2, the
tree's /psci says "smc", and poweroff (PSCI over SMC) ends koine with 0.
Usage: uboot.py [tci]  (tci: the TCI backend, shorter script). Prints TAP.
SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import re
import pty
import select
import sys
import tempfile
import time

KOINE = os.environ["KOINE"]
UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
TCI = len(sys.argv) > 1 and sys.argv[1] == "tci"
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


class Koine:
    """koine -nographic on a new pty; the test types on its console."""

    def __init__(self, args):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execv(KOINE, [KOINE] + args)
        self.out = b""

    def read_until(self, needle, timeout):
        start = len(self.out)
        end = time.time() + timeout
        while needle not in self.out[start:] and time.time() < end:
            r, _, _ = select.select([self.fd], [], [], 0.1)
            if r:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                self.out += chunk
        return self.out[start:].decode(errors="replace")

    def command(self, line, timeout=20):
        """Types line; returns what u-boot printed up to its next prompt."""
        start = len(self.out)
        for ch in (line + "\r").encode():
            os.write(self.fd, bytes([ch]))   # u-boot's line editor likes it slow
            time.sleep(0.005)
        # The prompt that counts is the one after the echo of this line: a slow
        # guest may still be printing the previous command's output.
        end = time.time() + timeout
        echo = line.encode()
        while time.time() < end:
            text = self.out[start:]
            at = text.find(echo)
            # At the start of a line: crc32 prints "... ==> VALUE" before its prompt.
            if at >= 0 and b"\n=> " in text[at + len(echo):]:
                break
            self.read_until(b"\n=> ", max(0.1, end - time.time()))
        return self.out[start:].decode(errors="replace")

    def boot(self, timeout):
        text = self.read_until(b"Hit any key", timeout)
        if "Hit any key" not in text:
            return text
        os.write(self.fd, b"\r")
        return text + self.read_until(b"=> ", 10)

    def wait(self, timeout=20):
        """Koine's exit status (None: it did not exit and was killed)."""
        end = time.time() + timeout
        while time.time() < end:
            self.read_until(b"\0", 0.1)
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None


def current_el(k):
    """The CPU's EL as the monitor's `info registers` shows it (Ctrl-A c there and back)."""
    os.write(k.fd, b"\x01c")
    k.read_until(b"(koine) ", 10)
    os.write(k.fd, b"info registers\r")
    out = k.read_until(b"(koine) ", 10)
    os.write(k.fd, b"\x01c")
    m = re.search(r"EL([0-3])[ht]", out)
    return m.group(0) if m else out


def el_cases(boot_timeout):
    """u-boot as firmware at EL3 (secure=on) and at EL2 (virtualization=on)."""
    for options, el, psci in (("secure=on", "EL3h", None), ("virtualization=on", "EL2h", "smc")):
        k = Koine(["-M", f"virt,{options}", "-cpu", "cortex-a57", "-nographic", "-bios", UBOOT])
        text = k.boot(boot_timeout)
        check(f"{options}: u-boot reaches its prompt", "=> " in text, text[-300:])
        got = current_el(k)
        check(f"{options}: u-boot runs at {el}", got == el, got)
        out = k.command("fdt addr $fdtcontroladdr; fdt print /psci")
        if psci:
            check(f"{options}: the device tree's /psci uses {psci}",
                  f'method = "{psci}"' in out, out)
            os.write(k.fd, b"poweroff\r")
            status = k.wait()
            check(f"{options}: poweroff (PSCI over SMC) ends koine with status 0", status == 0,
                  f"status {status}")
        else:
            check(f"{options}: no /psci in the device tree (firmware at EL3 provides it)",
                  "method" not in out, out)
            os.write(k.fd, b"\x01x")
            status = k.wait()
            check(f"{options}: Ctrl-A x quits", status == 0, f"status {status}")


def main():
    if not os.path.exists(UBOOT):
        print("1..0 # SKIP u-boot-qemu is not installed")
        return 0
    tmp = tempfile.mkdtemp()
    flash1 = os.path.join(tmp, "flash1.img")
    with open(flash1, "wb") as f:
        f.truncate(64 * 1024 * 1024)
    args = ["-M", "virt", "-cpu", "cortex-a57", "-nographic", "-bios", UBOOT,
            "-drive", f"if=pflash,file={flash1},format=raw,index=1"]
    if TCI:
        args += ["-accel", "tcg,backend=tci"]
    boot_timeout = 120 if TCI else 60

    k = Koine(args)
    text = k.boot(boot_timeout)
    check("u-boot reaches its prompt", "=> " in text, text[-300:])
    check("u-boot found the 64 MiB flash", "Flash: 64 MiB" in text)
    check("u-boot prints on the PL011", "pl011@9000000" in text)
    out = k.command("version")
    check("version prints U-Boot", "U-Boot 20" in out, out)
    out = k.command("bdinfo")
    check("bdinfo shows RAM at 0x40000000 and the device tree",
          re.search(r"DRAM bank\s*=\s*0x0+\s*\n.*start\s*=\s*0x0*40000000", out) and
          "fdt_blob" in out, out)
    out = k.command("fdt addr $fdtcontroladdr; fdt print /chosen")
    check("the device tree's /chosen has stdout-path",
          'stdout-path = "/pl011@9000000"' in out, out)
    if not TCI:
        out = k.command("fdt print /psci")
        check("the device tree's /psci uses hvc", 'method = "hvc"' in out, out)
    out = k.command("setenv koinetest 42; saveenv")
    check("saveenv writes flash bank 1", "OK" in out and "Writing to Flash" in out, out)
    os.write(k.fd, b"\x01x")
    status = k.wait()
    check("Ctrl-A x quits", status == 0, f"status {status}")

    k = Koine(args)
    text = k.boot(boot_timeout)
    check("u-boot restarts with the saved environment",
          "=> " in text and "bad CRC" not in text, text[-300:])
    out = k.command("printenv koinetest")
    check("printenv koinetest shows 42 after the restart", "koinetest=42" in out, out)
    os.write(k.fd, b"poweroff\r")
    status = k.wait()
    check("poweroff (PSCI SYSTEM_OFF) ends koine with status 0", status == 0,
          f"status {status}")

    if not TCI:
        el_cases(boot_timeout)

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[-15:]:
                print(f"# {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
