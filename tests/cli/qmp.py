#!/usr/bin/env python3
"""QMP over real sockets: a raw-JSON client drives the real koine binary
through the protocol (greeting, negotiation, every command, argument errors,
malformed and chunked input, events, several sessions, quit).
Prints TAP. SPDX-License-Identifier: GPL-2.0-or-later
"""
import json
import os
import re
import select
import socket
import subprocess
import sys
import tempfile
import time

KOINE = os.environ["KOINE"]
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


class Client:
    """One QMP connection speaking raw JSON; events are kept aside."""

    def __init__(self, address):
        family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
        deadline = time.time() + 20
        while True:
            self.sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                self.sock.connect(address)
                break
            except OSError:
                self.sock.close()
                if time.time() > deadline:
                    raise
                time.sleep(0.05)
        self.buf = b""
        self.lines = []         # every raw line received, for the CR LF check
        self.events = []

    def send(self, data):
        self.sock.sendall(data if isinstance(data, bytes) else data.encode())

    def recv(self, timeout=10.0):
        """The next message (reply or event), or None on time-out or EOF."""
        end = time.time() + timeout
        while b"\n" not in self.buf:
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.sock], [], [], left)
            if not r:
                return None
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        self.lines.append(line + b"\n")
        return json.loads(line)

    def reply(self, timeout=10.0):
        while True:
            msg = self.recv(timeout)
            if msg is None or "event" not in msg:
                return msg
            self.events.append(msg)

    def cmd(self, name, args=None, id=None, key="execute"):
        req = {key: name}
        if args is not None:
            req["arguments"] = args
        if id is not None:
            req["id"] = id
        self.send(json.dumps(req) + "\n")
        return self.reply()

    def event(self, name, timeout=10.0):
        end = time.time() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev["event"] == name:
                    return self.events.pop(i)
            msg = self.recv(max(0.0, end - time.time()))
            if msg is None:
                return None
            if "event" in msg:
                self.events.append(msg)

    def at_eof(self, timeout=10.0):
        if self.buf:
            self.events.append(self.recv())
            return False
        r, _, _ = select.select([self.sock], [], [], timeout)
        return bool(r) and self.sock.recv(1) == b""

    def close(self):
        self.sock.close()


class Koine:
    """koine -M none with QMP on unix sockets in a scratch folder."""

    def __init__(self, extra=(), nqmp=1):
        self.tmp = tempfile.mkdtemp()
        self.socks = [os.path.join(self.tmp, f"qmp{i}.sock") for i in range(nqmp)]
        self.errpath = os.path.join(self.tmp, "stderr")
        args = [KOINE, "-M", "none", "-serial", "none"]
        for s in self.socks:
            args += ["-qmp", f"unix:{s},server=on,wait=off"]
        with open(self.errpath, "w") as err:
            self.proc = subprocess.Popen(args + list(extra), stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=err)

    def connect(self, index=0):
        return Client(self.socks[index])

    def wait(self, timeout=30):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return "killed after a time-out"

    def stderr(self):
        with open(self.errpath) as f:
            return f.read()


def is_error(reply, cls, desc=None):
    if not reply or "error" not in reply:
        return False
    err = reply["error"]
    if set(err) != {"class", "desc"} or err["class"] != cls:
        return False
    return desc is None or (desc in err["desc"] if isinstance(desc, str) else desc(err["desc"]))


def returns(reply, value=None):
    return reply is not None and "return" in reply and (value is None or reply["return"] == value)


version_out = subprocess.run([KOINE, "-version"], capture_output=True, text=True).stdout
version = re.search(r"(\d+)\.(\d+)\.(\d+)", version_out).groups()
ALL_COMMANDS = {"qmp_capabilities", "query-version", "query-commands", "query-status",
                "query-name", "query-machines", "query-cpus-fast", "query-kvm", "stop",
                "cont", "system_reset", "system_powerdown", "quit", "screendump",
                "human-monitor-command"}

# ---- the main session: two -qmp monitors, -name ----
vm = Koine(["-name", "qmptest"], nqmp=2)
c = vm.connect(0)
greeting = c.recv()
expected_version = {"qemu": {"micro": int(version[2]), "minor": int(version[1]),
                             "major": int(version[0])},
                    "package": "Koine " + ".".join(version)}
check("greeting: version and capabilities",
      greeting == {"QMP": {"version": expected_version, "capabilities": ["oob"]}}, greeting)

r = c.cmd("query-status")
check("a command before negotiation: CommandNotFound asking for qmp_capabilities",
      is_error(r, "CommandNotFound", "Expecting capabilities negotiation with 'qmp_capabilities'"), r)
r = c.cmd("stop")
check("stop before negotiation is refused", is_error(r, "CommandNotFound"), r)
r = c.cmd("qmp_capabilities")
check("qmp_capabilities negotiates", r == {"return": {}}, r)
r = c.cmd("qmp_capabilities")
check("qmp_capabilities again: CommandNotFound, already complete",
      is_error(r, "CommandNotFound", "Capabilities negotiation is already complete"), r)

r = c.cmd("query-version")
check("query-version: the greeting's version", r == {"return": expected_version}, r)
r = c.cmd("query-commands")
names = {e.get("name") for e in r["return"]} if returns(r) else set()
check("query-commands lists every command as {name}",
      names == ALL_COMMANDS and all(set(e) == {"name"} for e in r["return"]), r)
r = c.cmd("query-status")
check("query-status: running (and stop before negotiation did nothing)",
      r == {"return": {"status": "running", "singlestep": False, "running": True}}, r)
r = c.cmd("query-name")
check("query-name: the -name", r == {"return": {"name": "qmptest"}}, r)
r = c.cmd("query-machines", {"compat-props": False})
none = [m for m in r["return"] if m.get("name") == "none"] if returns(r) else []
check("query-machines: the none board with QEMU's MachineInfo members",
      len(none) == 1 and none[0]["cpu-max"] >= 1 and none[0]["hotpluggable-cpus"] is False
      and none[0]["numa-mem-supported"] is False and none[0]["deprecated"] is False
      and none[0]["default-ram-id"] == "ram" and none[0]["acpi"] is False, r)
r = c.cmd("query-cpus-fast")
check("query-cpus-fast: no CPUs on the none board", r == {"return": []}, r)
r = c.cmd("query-kvm")
check("query-kvm: disabled, present as /dev/kvm",
      r == {"return": {"enabled": False, "present": os.path.exists("/dev/kvm")}}, r)
r = c.cmd("screendump", {"filename": os.path.join(vm.tmp, "shot.ppm")})
check("screendump: GenericError, no display", is_error(r, "GenericError", "display")
      and not os.path.exists(os.path.join(vm.tmp, "shot.ppm")), r)
r = c.cmd("human-monitor-command", {"command-line": "info status"})
check("human-monitor-command returns the HMP output",
      r == {"return": "VM status: running\n"}, r)

# ---- ids, errors ----
r = c.cmd("query-name", id={"a": [1, "two", None]})
check("id is echoed on success", r == {"return": {"name": "qmptest"}, "id": {"a": [1, "two", None]}}, r)
r = c.cmd("frob", id=17)
check("unknown command: CommandNotFound, id echoed",
      is_error(r, "CommandNotFound", lambda d: d == "The command frob has not been found")
      and r.get("id") == 17, r)
r = c.cmd("human-monitor-command", {})
check("missing argument", is_error(r, "GenericError",
                                   lambda d: d == "Parameter 'command-line' is missing"), r)
r = c.cmd("human-monitor-command", {"command-line": 42})
check("argument of the wrong type", is_error(
    r, "GenericError", lambda d: d == "Invalid parameter type for 'command-line', expected: string"), r)
r = c.cmd("query-status", {"x": 1})
check("unexpected argument", is_error(r, "GenericError", lambda d: d == "Parameter 'x' is unexpected"), r)
r = c.cmd("screendump", {"filename": "x", "format": "gif"})
check("enum argument with a bad value", is_error(r, "GenericError", "does not accept value 'gif'"), r)
c.send(b"[1, 2]\n")
r = c.reply()
check("a request that is not an object", is_error(r, "GenericError", "QMP input must be a JSON object"), r)
c.send(b'{"id": 3}\n')
r = c.reply()
check("a request without execute", is_error(r, "GenericError", "QMP input lacks member 'execute'")
      and r.get("id") == 3, r)
c.send(b'{"execute": 1}\n{"execute": "query-name", "foo": 1}\n{"execute": "query-name", "arguments": []}\n')
r1, r2, r3 = c.reply(), c.reply(), c.reply()
check("execute not a string; unknown member; arguments not an object",
      is_error(r1, "GenericError", "'execute' must be a string")
      and is_error(r2, "GenericError", "'foo' is unexpected")
      and is_error(r3, "GenericError", "'arguments' must be an object"), [r1, r2, r3])
r = c.cmd("query-name", key="exec-oob")
check("exec-oob without the oob capability", is_error(r, "GenericError", "'exec-oob' is unexpected"), r)

# ---- malformed and chunked input ----
c.send(b'{"execute": }\n')
r = c.reply()
check("malformed JSON: GenericError", is_error(r, "GenericError", "JSON parse error"), r)
r = c.cmd("query-name")
check("a valid command after malformed JSON works", r == {"return": {"name": "qmptest"}}, r)
c.send(b'}\nhello\n{"execute": "\xc3\x28"}\n{"execute": "query-name", "id": "after"}\n')
replies = [c.reply() for _ in range(4)]
check("stray brace, junk word, bad UTF-8: one error each, then a reply",
      all(is_error(x, "GenericError", "JSON parse error") for x in replies[:3])
      and replies[3] == {"return": {"name": "qmptest"}, "id": "after"}, replies)
req = b'{"execute": "human-monitor-command", "arguments": {"command-line": "info status"}, "id": "split"}\n'
for i in range(len(req)):
    c.send(req[i:i + 1])
    time.sleep(0.002)
r = c.reply()
check("a request split into one-byte writes", r == {"return": "VM status: running\n", "id": "split"}, r)
c.send(b'{"execute": "query-status", "id": 1}{"execute": "query-name", "id": 2}')
r1, r2 = c.reply(), c.reply()
check("two requests in one write: two replies in order",
      returns(r1) and r1.get("id") == 1 and r1["return"]["status"] == "running"
      and r2 == {"return": {"name": "qmptest"}, "id": 2}, [r1, r2])
c.send(b"{'execute': 'query-name', 'id': 'it\\'s \"quoted\" {not a brace}'}\n")
r = c.reply()
check("single-quoted strings (QMP's extension), braces and quotes inside strings",
      r == {"return": {"name": "qmptest"}, "id": "it's \"quoted\" {not a brace}"}, r)
c.send(b'{"execute": "query-na')
c.send(b"\x01")
c.send(b'{"execute": "query-name", "id": "resync"}\n')
r1, r2 = c.reply(), c.reply()
check("a control character resets the parser (qmp-spec resync)",
      is_error(r1, "GenericError", "JSON parse error")
      and r2 == {"return": {"name": "qmptest"}, "id": "resync"}, [r1, r2])
big = b'{"execute": "query-name", "arguments": {"x": "' + b"a" * (3 << 20) + b'"}}\n'
c.send(big + b'{"execute": "query-name", "id": "after-big"}\n')
r1, r2 = c.reply(30), c.reply(30)
check("a 3 MiB request: one error, dropped, the next request works",
      is_error(r1, "GenericError", "longer than") and r2 == {"return": {"name": "qmptest"},
                                                              "id": "after-big"}, [r1, r2])
c.send(b"[" * 5000 + b"]" * 5000 + b'\n{"execute": "query-name", "id": "after-deep"}\n')
r1, r2 = c.reply(), c.reply()
check("nesting 5000 deep: one error, the next request works",
      is_error(r1, "GenericError", "too deep")
      and r2 == {"return": {"name": "qmptest"}, "id": "after-deep"}, [r1, r2])

# ---- run state and events ----
other = vm.connect(1)
other_greeting = other.recv()
r = c.cmd("stop")
ev = c.event("STOP")
check("stop: return, STOP event", r == {"return": {}} and ev is not None
      and set(ev) == {"event", "timestamp"}, [r, ev])
ts = ev["timestamp"] if ev else {}
check("event timestamp: seconds and microseconds of now",
      abs(ts.get("seconds", 0) - time.time()) < 60 and 0 <= ts.get("microseconds", -1) < 1000000, ev)
r = c.cmd("query-status")
check("query-status after stop: paused",
      r == {"return": {"status": "paused", "singlestep": False, "running": False}}, r)
r = c.cmd("human-monitor-command", {"command-line": "info status"})
check("human-monitor-command info status after stop", r == {"return": "VM status: paused\n"}, r)
r = c.cmd("cont")
ev = c.event("RESUME")
check("cont: return, RESUME event", r == {"return": {}} and ev is not None, [r, ev])
r = c.cmd("system_reset")
ev = c.event("RESET")
check("system_reset: RESET event, reason host-qmp-system-reset",
      r == {"return": {}} and ev is not None
      and ev.get("data") == {"guest": False, "reason": "host-qmp-system-reset"}, [r, ev])
r = c.cmd("system_powerdown")
ev = c.event("POWERDOWN")
check("system_powerdown: POWERDOWN event", r == {"return": {}} and ev is not None, [r, ev])
r = c.cmd("query-status")
check("still running after reset and powerdown", returns(r) and r["return"]["running"] is True, r)

# The second -qmp monitor, not negotiated: no events reached it.
check("a second -qmp monitor greets", other_greeting is not None and "QMP" in other_greeting,
      other_greeting)
r = other.cmd("qmp_capabilities")
check("events are not sent before negotiation", r == {"return": {}} and other.events == [],
      [r, other.events])
r = c.cmd("stop")
ev1, ev2 = c.event("STOP"), other.event("STOP")
c.cmd("cont")
ev3 = other.event("RESUME")
check("events reach every negotiated session", ev1 and ev2 and ev3, [ev1, ev2, ev3])
other.close()

# ---- a new client after the first one leaves ----
c.close()
c = vm.connect(0)
g = c.recv()
check("a second client gets a fresh greeting", g == greeting, g)
r = c.cmd("query-status")
check("...and must negotiate again", is_error(r, "CommandNotFound"), r)
r = c.cmd("qmp_capabilities", {"enable": ["frob"]})
check("qmp_capabilities with an unknown capability", is_error(r, "GenericError", "frob"), r)
r = c.cmd("qmp_capabilities", {"enable": ["oob"]})
check("qmp_capabilities enabling oob", r == {"return": {}}, r)
r = c.cmd("query-status", key="exec-oob", id="oob")
check("exec-oob of a command without OOB support",
      is_error(r, "GenericError", "The command query-status does not support OOB")
      and r.get("id") == "oob", r)

# ---- quit ----
r = c.cmd("quit")
early = list(c.events)
ev = c.event("SHUTDOWN")
check("quit: return first, then SHUTDOWN with reason host-qmp-quit",
      r == {"return": {}} and not early and ev is not None
      and ev.get("data") == {"guest": False, "reason": "host-qmp-quit"}, [r, early, ev])
check("nothing follows SHUTDOWN: the socket closes", c.at_eof() and not c.events, c.events)
lines = c.lines
status = vm.wait()
check("quit exits with status 0 and nothing on stderr", status == 0 and vm.stderr() == "",
      [status, vm.stderr()])
check("every message ends with CR LF and is ASCII",
      lines and all(l.endswith(b"\r\n") and max(l) < 0x80 for l in lines), lines[:3])

# ---- -S, and stop in prelaunch ----
vm = Koine(["-S"])
c = vm.connect()
c.recv()
c.cmd("qmp_capabilities")
r = c.cmd("query-status")
check("-S: prelaunch", r == {"return": {"status": "prelaunch", "singlestep": False,
                                        "running": False}}, r)
r = c.cmd("query-name")
check("query-name without -name: {}", r == {"return": {}}, r)
c.cmd("stop")
r = c.cmd("query-status")
check("stop in prelaunch stays prelaunch (as QEMU)", returns(r) and r["return"]["status"] == "prelaunch", r)
r = c.cmd("cont")
ev = c.event("RESUME")
r2 = c.cmd("query-status")
check("cont from prelaunch: RESUME, running", r == {"return": {}} and ev is not None
      and returns(r2) and r2["return"]["running"] is True, [r, ev, r2])
# A client that leaves in the middle of a request does not disturb the next.
c.send(b'{"execute": "query-')
c.close()
c = vm.connect()
c.recv()
c.cmd("qmp_capabilities")
r = c.cmd("quit")
status = vm.wait()
check("half a request from a departed client is forgotten; quit; status 0",
      r == {"return": {}} and status == 0 and vm.stderr() == "", [r, status, vm.stderr()])

# ---- TCP, the old server,nowait spelling ----
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
tmp = tempfile.mkdtemp()
with open(os.path.join(tmp, "stderr"), "w") as err:
    proc = subprocess.Popen([KOINE, "-M", "none", "-serial", "none",
                             "-qmp", f"tcp:127.0.0.1:{port},server,nowait"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
c = Client(("127.0.0.1", port))
g = c.recv()
c.cmd("qmp_capabilities")
r = c.cmd("quit")
try:
    status = proc.wait(30)
except subprocess.TimeoutExpired:
    proc.kill()
    status = proc.wait()
check("-qmp tcp:HOST:PORT,server,nowait: greeting, quit, status 0",
      g == greeting and r == {"return": {}} and status == 0, [g, r, status])

for i, (name, cond, detail) in enumerate(results, 1):
    print(f"{'ok' if cond else 'not ok'} {i} - {name}")
    if not cond:
        for line in repr(detail)[:2000].splitlines():
            print(f"#   {line}")
print(f"1..{len(results)}")
sys.exit(0 if all(c for _, c, _ in results) else 1)
