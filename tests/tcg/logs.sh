#!/bin/sh
# Every -d item on a real guest (the exceptions test program: SVCs, aborts,
# an access to a hole in the memory map), written to a -D file: each item
# must show its kind of line, and -d in_asm lines carry the guest PC. Then
# -perfmap: the perf map names the TBs by guest PC.
# usage: logs.sh KOINE ELF BACKEND. Prints TAP.
# SPDX-License-Identifier: GPL-2.0-or-later
koine=$1 elf=$2 backend=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
log=$dir/koine.log
timeout 120 "$koine" -M virt -cpu cortex-a57 -accel tcg,backend="$backend" -semihosting \
    -nographic -kernel "$elf" -D "$log" \
    -d in_asm,out_asm,op,op_opt,exec,cpu,int,mmu,guest_errors,unimp </dev/null >"$dir/out" 2>&1
status=$?
n=0
check() {    # check NAME PATTERN: the log has a line matching the extended regex
    n=$((n + 1))
    if grep -Eq -- "$2" "$log"; then echo "ok $n - $backend: $1"
    else echo "not ok $n - $backend: $1 (no line matching '$2')"; fi
}
echo "1..13"
check "in_asm: the guest code of a TB, each line with its guest PC" '^0x0*4008[0-9a-f]{4}:  [a-z]'
check "in_asm: a header per TB" '^IN: TB 0x0*4008'
check "op: the IR as the frontend made it" '^OP: TB 0x0*4008'
check "op_opt: the IR after optimization" '^OP after optimization: TB 0x0*4008'
check "out_asm: host code, disassembled" '^OUT: TB'
check "exec: every TB run" '^Trace [0-9]+: 0x'
check "cpu: the register state" '^PC=[0-9a-f]{16}'
check "int: the exceptions taken" '^exception [0-9]+ at pc 0x'
check "mmu: the TLB fills" '^mmu: cpu 0 idx [0-9] fill va 0x'
check "guest_errors: the access to a hole in the memory map" 'unassigned|memory:'
n=$((n + 1))
if [ $status -eq 0 ] && grep -q "exceptions: PASS" "$dir/out"; then echo "ok $n - $backend: the program still passes while logging"
else echo "not ok $n - $backend: the program still passes while logging (status $status)"; sed 's/^/#   /' "$dir/out"; fi

# -perfmap: /tmp/perf-PID.map, "START SIZE guest-0xPC" per TB, the first TB at the entry point.
"$koine" -M virt -cpu cortex-a57 -accel tcg,backend="$backend" -semihosting \
    -nographic -kernel "$elf" -perfmap </dev/null >"$dir/out" 2>&1 &
pid=$!
(sleep 120; kill $pid) >/dev/null 2>&1 &
watchdog=$!
wait $pid
kill $watchdog 2>/dev/null
map=/tmp/perf-$pid.map
n=$((n + 1))
if [ -f "$map" ] && head -1 "$map" | grep -Eq '^[0-9a-f]+ [0-9a-f]+ guest-0x40080000$'; then
    echo "ok $n - $backend: -perfmap names the first TB by the entry point"
else
    echo "not ok $n - $backend: -perfmap names the first TB by the entry point"
    [ -f "$map" ] && head -3 "$map" | sed 's/^/#   /'
fi
n=$((n + 1))
if [ -f "$map" ] && [ "$(grep -Evc '^[0-9a-f]+ [0-9a-f]+ guest-0x[0-9a-f]+$' "$map")" -eq 0 ] &&
   [ "$(wc -l <"$map")" -gt 20 ]; then
    echo "ok $n - $backend: -perfmap has a well-formed line per TB"
else
    echo "not ok $n - $backend: -perfmap has a well-formed line per TB"
fi
rm -f "$map"
