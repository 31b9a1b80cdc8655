#!/usr/bin/env python3
"""Seconds from start until Debian's u-boot has initialized on -M virt (its
"Hit any key to stop autoboot" line: everything before it is real work,
after it a 2 s countdown), Koine and Debian's qemu-system-aarch64 side by
side in one run (median of N runs each), and the ratio. Not a test:
wall-clock numbers from a shared machine.

usage: bench/uboot-boot.py [KOINE] [RUNS]
SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import pty
import select
import statistics
import sys
import time

UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"


def time_to_prompt(argv):
    start = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    data = b""
    elapsed = None
    deadline = start + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data += os.read(fd, 4096)
            except OSError:
                break
            if b"Hit any key" in data:
                elapsed = time.monotonic() - start
                break
    os.write(fd, b"\x01x")          # Ctrl-A x: both quit on it
    time.sleep(0.2)
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
    return elapsed


def main():
    koine = sys.argv[1] if len(sys.argv) > 1 else "build/koine"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    common = ["-M", "virt", "-cpu", "cortex-a57", "-bios", UBOOT, "-nographic", "-m", "1G"]
    tools = {
        "koine": [koine] + common,
        "qemu": ["qemu-system-aarch64"] + common,
    }
    medians = {}
    for name, argv in tools.items():
        times = [t for t in (time_to_prompt(argv) for _ in range(runs)) if t is not None]
        if not times:
            print(f"{name}: never reached the prompt")
            return 1
        medians[name] = statistics.median(times)
        print(f"{name:6} median {medians[name]:.3f} s over {len(times)} runs "
              f"(min {min(times):.3f}, max {max(times):.3f})")
    print(f"ratio koine/qemu: {medians['koine'] / medians['qemu']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
