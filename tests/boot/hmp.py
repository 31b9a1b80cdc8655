#!/usr/bin/env python3
"""The monitor's inspection commands on a real guest: Debian's u-boot on
`-M virt -smp 2`, started paused (-S) with the monitor on a unix socket and
the serial port in a file. Covers info registers/cpus/qtree/jit/tlb, cpu,
x (virtual, incl. /i disassembly) and xp against the firmware file's bytes,
gdbserver (a real TCP connection answers a gdb packet), screendump and
sendkey. Usage: hmp.py [tci]. Prints TAP.
SPDX-License-Identifier: GPL-2.0-or-later
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

KOINE = os.environ["KOINE"]
UBOOT = "/usr/lib/u-boot/qemu_arm64/u-boot.bin"
BACKEND = sys.argv[1] if len(sys.argv) > 1 else "native"
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


class MonitorClient:
    """A connection to the HMP monitor socket; command() returns the reply text."""

    def __init__(self, path, timeout=20):
        end = time.time() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(path)
                break
            except OSError:
                if time.time() > end:
                    raise
                time.sleep(0.05)
        self.buf = b""
        self.read_prompt()

    def read_prompt(self, timeout=20):
        self.sock.settimeout(timeout)
        while b"(koine) " not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                break
            self.buf += chunk
        text, _, self.buf = self.buf.partition(b"(koine) ")
        return text.decode(errors="replace").replace("\r\n", "\n")

    def command(self, line):
        self.sock.sendall(line.encode() + b"\n")
        reply = self.read_prompt()
        return reply.split("\n", 1)[1] if "\n" in reply else ""   # drop the echo


class QmpClient:
    """A minimal QMP client: negotiation, then cmd() returns the reply (events skipped)."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.connect(path)
        self.sock.settimeout(20)
        self.file = self.sock.makefile("rb")
        json.loads(self.file.readline())                    # the greeting
        self.cmd("qmp_capabilities")

    def cmd(self, name, args=None):
        req = {"execute": name}
        if args is not None:
            req["arguments"] = args
        self.sock.sendall(json.dumps(req).encode() + b"\n")
        while True:
            reply = json.loads(self.file.readline())
            if "event" not in reply:
                return reply


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    if not os.path.exists(UBOOT):
        print("1..0 # SKIP u-boot-qemu is not installed")
        return 0
    firmware = open(UBOOT, "rb").read()
    tmp = tempfile.mkdtemp()
    sock = os.path.join(tmp, "mon.sock")
    qmp_sock = os.path.join(tmp, "qmp.sock")
    serial = os.path.join(tmp, "serial.txt")
    proc = subprocess.Popen([KOINE, "-M", "virt", "-cpu", "cortex-a57", "-smp", "2",
                             "-accel", "tcg,backend=" + BACKEND, "-bios", UBOOT, "-S",
                             "-display", "none", "-serial", "file:" + serial,
                             "-monitor", "unix:%s,server,nowait" % sock,
                             "-qmp", "unix:%s,server,nowait" % qmp_sock],
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        mon = MonitorClient(sock)

        regs = mon.command("info registers")
        check("info registers shows CPU 0 paused at the reset vector",
              "PC=0000000000000000" in regs and "X00=" in regs, regs)
        cpus = mon.command("info cpus")
        check("info cpus lists both CPUs, CPU 0 selected",
              re.search(r"^\* CPU #0: thread_id=\d+", cpus, re.M) and
              re.search(r"^  CPU #1: thread_id=\d+", cpus, re.M), cpus)
        mon.command("cpu 1")
        cpus = mon.command("info cpus")
        check("cpu 1 selects the second CPU", "* CPU #1" in cpus, cpus)
        bad = mon.command("cpu 7")
        check("cpu with a bad index is refused", "invalid CPU index" in bad, bad)
        mon.command("cpu 0")
        every = mon.command("info registers -a")
        check("info registers -a shows every CPU", "CPU#0" in every and "CPU#1" in every, every)

        words = [int.from_bytes(firmware[i:i + 4], "little") for i in (0, 4)]
        expect = "0x%08x 0x%08x" % tuple(words)
        xp = mon.command("xp /2xw 0")
        check("xp reads the firmware's first words from flash", expect in xp, xp + " vs " + expect)
        x = mon.command("x /2xw 0")
        check("x with the MMU off reads the same words", expect in x, x)
        dis = mon.command("x /2i $pc")
        check("x /i disassembles at $pc", re.search(r"0x0+:\s+b\s", dis), dis)
        unmapped = mon.command("xp /1xw 0x1000000000")
        check("xp of unassigned memory says so", "Cannot access memory" in unmapped, unmapped)

        qtree = mon.command("info qtree")
        check("info qtree lists the UART with its MMIO window",
              "dev: pl011" in qtree and "mmio 0000000009000000/0000000000001000" in qtree, qtree)
        tlb = mon.command("info tlb")
        check("info tlb answers for aarch64", "not available for aarch64" in tlb, tlb)

        qmp = QmpClient(qmp_sock)
        r = qmp.cmd("query-cpus-fast")
        cpus = r.get("return", [])
        check("QMP query-cpus-fast lists both vCPUs with their thread ids",
              [c.get("cpu-index") for c in cpus] == [0, 1] and
              all(c.get("target") == "aarch64" and c.get("thread-id", 0) > 0 for c in cpus), r)
        r = qmp.cmd("human-monitor-command", {"command-line": "info cpus", "cpu-index": 1})
        check("QMP human-monitor-command runs on the CPU cpu-index names",
              "* CPU #1" in r.get("return", ""), r)
        r = qmp.cmd("human-monitor-command", {"command-line": "info cpus", "cpu-index": 9})
        check("QMP human-monitor-command refuses a CPU that is not there",
              r.get("error", {}).get("class") == "GenericError", r)

        mon.command("cont")
        end = time.time() + (120 if BACKEND == "tci" else 60)
        while time.time() < end and b"Hit any key" not in open(serial, "rb").read():
            time.sleep(0.2)
        jit = mon.command("info jit")
        m = re.search(r"TB count\s+(\d+)", jit)
        check("info jit counts the translated blocks after u-boot ran",
              m and int(m.group(1)) > 100 and "backend             " + BACKEND in jit, jit)

        port = free_port()
        started = mon.command("gdbserver %d" % port)
        reply = b""
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as g:
                g.sendall(b"+$?#3f")
                while b"#" not in reply.lstrip(b"+")[1:]:
                    chunk = g.recv(4096)
                    if not chunk:
                        break
                    reply += chunk
        except OSError as e:
            reply = str(e).encode()
        check("gdbserver PORT starts a stub that answers gdb's '?'",
              "Waiting for gdb connection" in started and re.search(rb"\$[ST]05", reply),
              started + repr(reply))
        again = mon.command("gdbserver %d" % port)
        check("a second gdbserver is refused while one runs", "already running" in again, again)
        mon.command("cont")

        shot = mon.command("screendump %s" % os.path.join(tmp, "shot.ppm"))
        check("screendump explains there is no display", "no display" in shot, shot)
        key = mon.command("sendkey ctrl-alt-delete")
        badkey = mon.command("sendkey ctrl-frobnicate")
        check("sendkey accepts QEMU key names and refuses unknown ones",
              key.strip() == "" and "invalid parameter: frobnicate" in badkey, key + badkey)
        mon.sock.sendall(b"quit\n")
        status = proc.wait(30)
        check("quit ends koine with status 0", status == 0, proc.stderr.read().decode())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    print("1..%d" % len(results))
    for i, (name, passed, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if passed else "not ok", i, name))
        if not passed:
            for line in str(detail).splitlines()[:40]:
                print("# " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
