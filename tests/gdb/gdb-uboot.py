#!/usr/bin/env python3
# gdb-multiarch against Debian's u-boot for qemu_arm64, which ships without
# symbols, so everything is by address: start paused at the reset vector
# (-S -s), x/4i $pc, a hardware breakpoint at the target of u-boot's first
# branch (read from u-boot.bin itself), continue to it, then detach and
# u-boot reaches its prompt on the serial port. Prints TAP.
# usage: gdb-uboot.py KOINE BACKEND
# SPDX-License-Identifier: GPL-2.0-or-later
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

koine, backend = sys.argv[1:3]
UBOOT = '/usr/lib/u-boot/qemu_arm64/u-boot.bin'
gdb = shutil.which('gdb-multiarch')
if not gdb or not os.path.exists(UBOOT):
    print('1..0 # SKIP gdb-multiarch or u-boot-qemu not installed')
    sys.exit(0)

first = int.from_bytes(open(UBOOT, 'rb').read(4), 'little')
if first >> 26 != 0b000101:
    print('1..0 # SKIP u-boot.bin does not start with a branch')
    sys.exit(0)
target = (first & 0x3ffffff) * 4        # b imm26, forward from address 0

tmp = tempfile.mkdtemp()
serial = os.path.join(tmp, 'serial.txt')
# The native run uses -s (tcp::1234) as people do; the tci run, which may run
# at the same time, a private port through -gdb (the same stub).
if backend == 'native':
    port, gdb_args = 1234, ['-s']
else:
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    gdb_args = ['-gdb', 'tcp:127.0.0.1:%d' % port]
vm = subprocess.Popen([koine, '-M', 'virt', '-cpu', 'cortex-a57', '-accel', 'tcg,backend=' + backend,
                       '-bios', UBOOT, '-display', 'none', '-monitor', 'none',
                       '-serial', 'file:' + serial, '-S'] + gdb_args,
                      stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
script = '''
set pagination off
set confirm off
set architecture aarch64
target remote 127.0.0.1:%d
printf "START 0x%%x\\n", $pc
x/4i $pc
hbreak *%#x
continue
printf "HIT %%#x\\n", $pc
detach
''' % (port, target)
results = []


def check(name, ok):
    results.append((name, ok))


with tempfile.NamedTemporaryFile('w', suffix='.gdb', delete=False) as f:
    f.write(script)
try:
    out = subprocess.run([gdb, '-nx', '-batch', '-x', f.name], stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=90)
    text = out.stdout + out.stderr
except subprocess.TimeoutExpired:
    text = 'gdb timed out'
os.unlink(f.name)
end = time.time() + (240 if backend == 'tci' else 120)
console = ''
while time.time() < end:
    console = open(serial, errors='replace').read()
    if re.search(r'^=> ', console, re.M):
        break
    time.sleep(0.5)
vm.kill()
vm.wait()

check('target remote to u-boot started paused at the reset vector', 'START 0x0\n' in text)
check('x/4i $pc disassembles u-boot\'s first instructions',
      len(re.findall(r'^=?>?\s*0x[0-9a-f]+:\s+\S+', text, re.M)) >= 4 and
      re.search(r'0x0:\s+b\s+0x%x' % target, text) is not None)
check('a hardware breakpoint at 0x%x is hit' % target,
      re.search(r'Hardware assisted breakpoint 1 at 0x%x' % target, text) is not None and
      'HIT %#x' % target in text)
check('after detach u-boot reaches its prompt', re.search(r'^=> ', console, re.M) is not None)

print('1..%d' % len(results))
for i, (name, ok) in enumerate(results, 1):
    print('%s %d - %s (%s)' % ('ok' if ok else 'not ok', i, name, backend))
if not all(ok for _, ok in results):
    for line in (text + '\n--- console ---\n' + console[-2000:]).splitlines():
        print('#   ' + line)
