#!/usr/bin/env python3
"""-nographic on a real terminal (a pty): the monitor shares stdio through the
mux, the Ctrl-A keys work, and the terminal settings are restored on exit.
Prints TAP. SPDX-License-Identifier: GPL-2.0-or-later
"""
import os
import pty
import select
import sys
import tempfile
import time

KOINE = os.environ["KOINE"]
results = []

def check(name, cond, detail=""):
    results.append((name, cond, detail))

def read_until(fd, needle, timeout=10.0):
    """Reads from fd until needle shows up; returns everything read."""
    data = b""
    end = time.time() + timeout
    while needle not in data and time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return data

def run(extra_args, script):
    """Runs koine under a shell on a new pty; script(fd) drives it. Returns
    (stty before, stty after, exit status of koine)."""
    tmp = tempfile.mkdtemp()
    before, after, status_file = (os.path.join(tmp, n) for n in ("before", "after", "status"))
    args = " ".join([KOINE] + extra_args)
    cmd = f"stty -g > {before}; {args}; echo $? > {status_file}; stty -g > {after}"
    pid, fd = pty.fork()
    if pid == 0:
        os.execv("/bin/sh", ["sh", "-c", cmd])
    try:
        script(fd)
    finally:
        deadline = time.time() + 20
        while time.time() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            read_until(fd, b"\0", 0.1)   # keep draining output
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    def slurp(p):
        try:
            return open(p).read().strip()
        except OSError:
            return None
    return slurp(before), slurp(after), slurp(status_file)

def session(fd):
    out = read_until(fd, b"(koine)")
    check("-nographic: the monitor prompt appears on the terminal", b"(koine)" in out, out)
    os.write(fd, b"info status\r")
    out = read_until(fd, b"VM status: running")
    check("monitor on stdio answers info status", b"VM status: running" in out, out)
    os.write(fd, b"\x01h")
    out = read_until(fd, b"C-a x")
    check("Ctrl-A h prints the key help", b"C-a x" in out, out)
    os.write(fd, b"\x01x")
    out = read_until(fd, b"terminating")
    check("Ctrl-A x quits", b"terminating" in out, out)

before, after, status = run(["-M", "none", "-nographic"], session)
check("Ctrl-A x exits with status 0", status == "0", status)
check("terminal settings restored after Ctrl-A x", before is not None and before == after,
      f"{before} != {after}")

def killed(fd):
    read_until(fd, b"(koine)")
    os.write(fd, b"quit\r")
    read_until(fd, b"\0", 2)

before, after, status = run(["-M", "none", "-nographic"], killed)
check("monitor quit on stdio exits with status 0", status == "0", status)
check("terminal settings restored after quit", before is not None and before == after,
      f"{before} != {after}")

for i, (name, cond, detail) in enumerate(results, 1):
    print(f"{'ok' if cond else 'not ok'} {i} - {name}")
    if not cond:
        for line in repr(detail).splitlines():
            print(f"#   {line}")
print(f"1..{len(results)}")
sys.exit(0 if all(c for _, c, _ in results) else 1)
