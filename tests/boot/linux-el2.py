#!/usr/bin/env python3
"""Debian 12's arm64 kernel on `-M virt` with EL2 and EL3 (the Image boot
protocol, busybox initramfs from tests/fetch-guests.sh, two CPUs).

Four boots, native backend:
  virtualization=on, GICv2 and GICv3: the kernel enters at EL2 (virt.c),
      Linux prints "CPU: All CPU(s) started at EL2" (the secondary CPU,
      started by PSCI CPU_ON, enters at EL2 too), finds PSCI over SMC
      (the device tree's method "smc"), KVM's hypervisor code initialises
      at EL2 (its own stage 1 at EL2 and the hyp stub's HVCs);
  secure=on: the kernel enters at Non-secure EL1 ("started at EL1") with
      SCR_EL3 set up by Koine, PSCI over SMC again;
  secure=on,virtualization=on: Non-secure EL2 under EL3 (SCR_EL3.HCE).
Each reaches the busybox shell, /proc/cpuinfo lists 2 processors, there is
no oops, and `poweroff -f` (PSCI SYSTEM_OFF over SMC) ends Koine with
status 0. Without the guests the test skips.
Usage: linux-el2.py
SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linux  # noqa: E402  (the Koine class, paths and TAP helpers)
from linux import check  # noqa: E402

CASES = [
    ("virtualization=on,gic-version=2", "EL2"),
    ("virtualization=on,gic-version=3", "EL2"),
    ("secure=on", "EL1"),
    ("secure=on,virtualization=on", "EL2"),
]


def boot_case(options, el):
    args = ["-M", f"virt,{options}", "-cpu", "cortex-a57", "-smp", "2", "-m", "1G",
            "-nographic", "-kernel", linux.KERNEL, "-initrd", linux.INITRD,
            "-append", "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1"]
    k = linux.Koine(args)
    m = k.milestone(f"{options}: shell prompt", re.escape(linux.PROMPT), 240)
    text = k.out.decode(errors="replace")
    check(f"{options}: Linux says all CPUs started at {el}",
          f"CPU: All CPU(s) started at {el}" in text,
          "\n".join(line for line in text.splitlines() if "started at" in line or "CPU" in line))
    check(f"{options}: PSCI found", "psci: PSCIv1.0 detected in firmware." in text)
    check(f"{options}: both CPUs come up", "smp: Brought up 1 node, 2 CPUs" in text)
    if el == "EL2":
        check(f"{options}: KVM's hypervisor code initialises at EL2",
              "kvm [1]: Hyp mode initialized successfully" in text,
              "\n".join(line for line in text.splitlines() if "kvm" in line))
    check(f"{options}: no kernel oops, BUG or warning",
          not re.search(r"Oops|BUG:|WARNING:|Kernel panic|Internal error", text),
          "\n".join(line for line in text.splitlines()
                    if re.search(r"Oops|BUG:|WARNING:|panic|Internal error", line))[:2000])
    check(f"{options}: the shell comes up", m, text[-2000:])
    if m:
        out = k.command("grep -c ^processor /proc/cpuinfo", 60)
        check(f"{options}: /proc/cpuinfo lists 2 CPUs", out and out.strip() == "2", out)
        out = k.command("cat /proc/device-tree/psci/method; echo", 60)
        check(f"{options}: the device tree's PSCI method is smc", out and "smc" in out, out)
        os.write(k.fd, b"poweroff -f\r")
    status = k.wait(60)
    check(f"{options}: poweroff -f (PSCI SYSTEM_OFF) ends koine with status 0", status == 0,
          f"status {status}")
    text = k.out.decode(errors="replace")
    check(f"{options}: no sanitizer report", not re.search(r"runtime error|Sanitizer", text),
          "\n".join(line for line in text.splitlines() if "runtime error" in line or
                    "Sanitizer" in line)[:2000])
    return k


def main():
    if not os.path.exists(linux.KERNEL) or not os.path.exists(linux.INITRD):
        print(f"1..0 # SKIP no Linux guest in {linux.CACHE} (run tests/fetch-guests.sh)")
        return 0
    k = None
    for options, el in CASES:
        k = boot_case(options, el)
    return linux.report(k, "native")


if __name__ == "__main__":
    sys.exit(main())
