#!/bin/sh
# -icount makes a guest reproducible: the icount test program (timer
# interrupts while busy and while asleep in WFI, counter reads) runs twice
# with -icount shift=4,sleep=off and must print the same bytes; at shift=4
# one instruction is one counter tick, so 3000 loop instructions read as
# 3000 ticks (plus at most one TB's worth: a TB is charged when it starts).
# A sleep=on run must still pass. Prints TAP.
# usage: icount.sh KOINE ELF BACKEND
# SPDX-License-Identifier: GPL-2.0-or-later
koine=$1 elf=$2 backend=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
run() {
    timeout 120 "$koine" -M virt -cpu cortex-a57 -accel tcg,backend="$backend" -semihosting \
        -nographic -kernel "$elf" -icount "$1" </dev/null >"$dir/$2" 2>&1
}
echo "1..4"
run shift=4,sleep=off one; s1=$?
run shift=4,sleep=off two; s2=$?
if [ $s1 -eq 0 ] && grep -q "icount: PASS" "$dir/one"; then echo "ok 1 - $backend: the program passes under -icount"
else echo "not ok 1 - $backend: the program passes under -icount (status $s1)"; sed 's/^/#   /' "$dir/one"; fi
if [ $s2 -eq $s1 ] && cmp -s "$dir/one" "$dir/two"; then echo "ok 2 - $backend: two runs print identical output"
else echo "not ok 2 - $backend: two runs print identical output"; diff "$dir/one" "$dir/two" | sed 's/^/#   /'; fi
ticks=$(sed -n 's/^loop ticks 0x\([0-9a-f]*\).*/\1/p' "$dir/one")
ticks=$((0x${ticks:-0}))
if [ "$ticks" -ge 3000 ] && [ "$ticks" -le 3600 ]; then echo "ok 3 - $backend: 3000 instructions take 3000 ticks at shift=4 ($ticks)"
else echo "not ok 3 - $backend: 3000 instructions take 3000 ticks at shift=4 (got $ticks)"; fi
run shift=4 three; s3=$?
if [ $s3 -eq 0 ] && grep -q "icount: PASS" "$dir/three"; then echo "ok 4 - $backend: sleep=on (real-time idle) passes too"
else echo "not ok 4 - $backend: sleep=on (real-time idle) passes too (status $s3)"; sed 's/^/#   /' "$dir/three"; fi
