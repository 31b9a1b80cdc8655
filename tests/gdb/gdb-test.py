#!/usr/bin/env python3
# Drives Debian's gdb-multiarch in batch mode against koine's gdb stub:
# a bare-metal AArch64 program on -M virt, started paused (-S) with -gdb on a
# free TCP port. Prints TAP.
# usage: gdb-test.py KOINE ELF BACKEND
# SPDX-License-Identifier: GPL-2.0-or-later
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

koine, elf, backend = sys.argv[1:4]
gdb = shutil.which('gdb-multiarch')
if not gdb:
    print('1..0 # SKIP gdb-multiarch not installed')
    sys.exit(0)

sock = socket.socket()
sock.bind(('127.0.0.1', 0))
port = sock.getsockname()[1]
sock.close()

vm = subprocess.Popen([koine, '-M', 'virt', '-cpu', 'cortex-a57', '-accel',
                       'tcg,backend=' + backend, '-semihosting', '-nographic',
                       '-monitor', 'none', '-serial', 'none', '-S',
                       '-gdb', 'tcp:127.0.0.1:%d' % port, '-kernel', elf],
                      stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                      stderr=subprocess.STDOUT)

# Ctrl-C: a timer in gdb's own Python sends it SIGINT while `continue` runs.
script = r'''
set pagination off
set confirm off
set architecture aarch64
target remote 127.0.0.1:%d
break target_func
continue
bt
print counter
frame 1
print base
frame 0
info registers pc
monitor info registers
set $before = $pc
stepi
printf "STEP %%d\n", $pc - $before
x/4i $pc
watch counter
continue
printf "AFTERWATCH %%d\n", counter
python import os, signal, threading; threading.Timer(1.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
delete
continue
printf "SPINS %%lu\n", spins
monitor info status
set var release = 1
detach
''' % port

results = []


def check(name, ok, detail=''):
    results.append((name, ok, detail))


with tempfile.NamedTemporaryFile('w', suffix='.gdb', delete=False) as f:
    f.write(script)
try:
    out = subprocess.run([gdb, '-nx', '-batch', '-ex', 'file ' + elf, '-x', f.name],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True,
                         timeout=90)
    text = out.stdout + out.stderr
except subprocess.TimeoutExpired as e:
    text = (e.stdout or b'').decode() if isinstance(e.stdout, bytes) else (e.stdout or '')
    text += '\ngdb timed out'
os.unlink(f.name)
try:
    status = vm.wait(timeout=60)
except subprocess.TimeoutExpired:
    vm.kill()
    status = None
vm_out = vm.stdout.read().decode(errors='replace')

check('target remote connects, stopped at the reset PC (-S)',
      re.search(r'_start \(\) at .*crt0\.S', text) is not None and
      'Remote connection closed' not in text)
check('break by name then continue stops in target_func',
      re.search(r'Breakpoint 1, target_func \(x=5\)', text) is not None)
check('bt shows the caller', re.search(r'#1 .*caller_func', text) is not None)
check('print of a global', re.search(r'\$1 = 42\b', text) is not None)
check('print of a local (in the caller\'s frame)', re.search(r'\$2 = 1\b', text) is not None)
check('info registers pc is in target_func',
      re.search(r'^pc\s+0x[0-9a-f]+\s+0x[0-9a-f]+ <target_func\+\d+>', text, re.M) is not None)
m_gdb = re.search(r'^pc\s+(0x[0-9a-f]+)', text, re.M)
m_mon = re.search(r'PC=([0-9a-f]{16})', text)
check('gdb\'s info registers agrees with the monitor\'s',
      m_gdb is not None and m_mon is not None and int(m_gdb.group(1), 16) == int(m_mon.group(1), 16))
check('watch on a global stops at the write with the old and new values',
      re.search(r'Hardware watchpoint 2: counter\s+Old value = 42\s+New value = 47', text) is not None
      and 'AFTERWATCH 47' in text)
m = re.search(r'STEP (-?\d+)', text)
check('stepi advances one instruction', m is not None and int(m.group(1)) == 4)
check('x/4i disassembles at pc', len(re.findall(r'^(=> )?\s*0x[0-9a-f]+ <target_func\+\d+>:',
                                                text, re.M)) >= 4)
check('Ctrl-C stops the running guest', 'Program received signal SIGINT' in text)
m = re.search(r'SPINS (\d+)', text)
check('the guest ran until interrupted', m is not None and int(m.group(1)) > 0)
check('monitor info status answers', 'VM status: paused (debug)' in text)
check('detach lets the program finish with its status', status == 7 and
      'gdb-target: released' in vm_out)
check('no sanitizer report', 'runtime error' not in vm_out and
      'Sanitizer' not in vm_out)

print('1..%d' % len(results))
failed = False
for i, (name, ok, detail) in enumerate(results, 1):
    print('%s %d - %s (%s)' % ('ok' if ok else 'not ok', i, name, backend))
    failed |= not ok
if failed:
    print('# koine exit status: %s' % status)
    for line in (text + '\n--- koine ---\n' + vm_out).splitlines():
        print('#   ' + line)
sys.exit(1 if failed else 0)
