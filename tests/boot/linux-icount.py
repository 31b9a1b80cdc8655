#!/usr/bin/env python3
"""-icount reproducibility, the acceptance test of docs/user/icount.md:
boots Debian 12's arm64 kernel (two CPUs, the busybox initramfs with its
modules, a virtio-blk disk) twice with

    -icount shift=SHIFT,sleep=off -M virt,dtb-randomness=off
    -rtc base=2020-01-01T00:00:00,clock=vm

and checks that both runs print byte-identical serial output up to the
shell prompt, printk timestamps included (a difference is shown as the
first differing lines). Then, in the shell of the second run: the guest's
clock starts at the -rtc base (the PL031 counts virtual time from the
fixed date) and the PL031 reports that date to the kernel at boot.

What would break it: host time reaching the guest (an RTC on clock=host,
a device timer on the host clock), random seeds (the device tree's, or
virtio-rng: deliberately left out here, its bytes are the host's), an I/O
completion or interrupt delivered by the I/O thread at a host-timed point.
Input typed after the prompt is outside the comparison.

Skips without the guests (tests/fetch-guests.sh). Native backend only:
the instruction count, not the backend, decides guest time.

Usage: linux-icount.py
SPDX-License-Identifier: GPL-2.0-or-later
"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linux  # noqa: E402  (the Koine class, paths and TAP helpers)
from linux import check  # noqa: E402

# 2^3 ns per instruction: the quickest boot of shifts 0..7 tried.
SHIFT = 3
RTC_BASE = "2020-01-01T00:00:00"


def boot(img):
    """One run to the shell prompt: the Koine, and the output up to the prompt."""
    args = ["-M", "virt,dtb-randomness=off", "-cpu", "cortex-a57", "-smp", "2", "-m", "1G",
            "-nographic", "-no-reboot", "-kernel", linux.KERNEL, "-initrd", linux.INITRD,
            "-append", "console=ttyAMA0 earlycon=pl011,0x9000000 panic=-1",
            "-icount", f"shift={SHIFT},sleep=off", "-rtc", f"base={RTC_BASE},clock=vm",
            "-drive", f"file={img},format=raw,if=none,id=d0,snapshot=on",
            "-device", "virtio-blk-device,drive=d0"]
    k = linux.Koine(args)
    m = k.milestone("shell prompt", re.escape(linux.PROMPT), 300)
    return k, (k.out[:k.out.find(linux.PROMPT) + len(linux.PROMPT)] if m else None)


def first_difference(a, b):
    """The first differing lines of two outputs, as a short unified diff."""
    diff = difflib.unified_diff(a.decode(errors="replace").replace("\r", "").splitlines(),
                                b.decode(errors="replace").replace("\r", "").splitlines(),
                                "run 1", "run 2", n=2, lineterm="")
    return "\n".join(list(diff)[:30])


def main():
    if not os.path.exists(linux.KERNEL) or not os.path.exists(linux.INITRD):
        print(f"1..0 # SKIP no Linux guest in {linux.CACHE} (run tests/fetch-guests.sh)")
        return 0
    tmp = tempfile.mkdtemp(prefix="koine-icount-")
    img = os.path.join(tmp, "disk.img")
    # A blank disk: the kernel reads it (partition scan) during the boot.
    subprocess.run(["truncate", "-s", "16M", img], check=True)

    k1, out1 = boot(img)
    os.write(k1.fd, b"poweroff -f\r")
    status1 = k1.wait(60)
    k2, out2 = boot(img)
    for n, (k, out) in enumerate([(k1, out1), (k2, out2)], 1):
        check(f"run {n} reaches the shell prompt", out is not None,
              k.out.decode(errors="replace")[-1500:])
    same = out1 is not None and out1 == out2
    check("both runs print byte-identical output up to the prompt",
          same, first_difference(out1 or b"", out2 or b""))
    text = (out2 or b"").decode(errors="replace")
    stamps = re.findall(r"^\[\s*(\d+\.\d{6})\]", text, re.M)
    check("the compared output holds printk timestamps past the first second",
          len(stamps) > 100 and float(stamps[-1]) > 1.0, f"{len(stamps)} timestamps")
    check(f"the PL031 gives the kernel the -rtc base ({RTC_BASE[:10]})",
          re.search(r"rtc-pl031 9010000.pl031: setting system clock to 2020-01-01T00:0", text),
          "\n".join(line for line in text.splitlines() if "pl031" in line))
    out = k2.command("date -u +%Y-%m-%dT%H", 30) if out2 else None
    check("the guest's date is the -rtc base plus the virtual time",
          out == "2020-01-01T00", repr(out))
    if out2:
        os.write(k2.fd, b"poweroff -f\r")
    status2 = k2.wait(60)
    check("both runs end with status 0 (poweroff -f)", status1 == 0 and status2 == 0,
          f"{status1}, {status2}")
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    os.rmdir(tmp)
    check("koine reports no sanitizer error",
          not re.search(rb"runtime error:|Sanitizer", k1.out + k2.out),
          (k1.out + k2.out).decode(errors="replace")[-2000:])
    k2.milestones = [("run 1: " + w, t) for w, t in k1.milestones] + \
        [("run 2: " + w, t) for w, t in k2.milestones]
    return linux.report(k2, f"native, -icount shift={SHIFT}")


if __name__ == "__main__":
    sys.exit(main())
