#!/bin/sh
# Runs one bare-metal guest program on -M virt with semihosting and checks
# its exit status and console output. Prints TAP.
# usage: run-guest.sh KOINE ELF BACKEND STATUS [EXPECTED-OUTPUT [MACHINE [CPU]]]
# MACHINE is the -M value, virt by default (e.g. virt,gic-version=3); CPU the
# -cpu value, cortex-a57 by default.
# SPDX-License-Identifier: GPL-2.0-or-later
koine=$1 elf=$2 backend=$3 want=$4 expect=${5:-} machine=${6:-virt} cpu=${7:-cortex-a57}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
timeout 60 "$koine" -M "$machine" -cpu "$cpu" -accel tcg,backend="$backend" -semihosting \
    -nographic -kernel "$elf" </dev/null >"$out" 2>&1
status=$?
name="$(basename "$elf") on $backend ($cpu)"
echo "1..1"
if [ "$status" -ne "$want" ]; then
    echo "not ok 1 - $name: exit status $status, expected $want"
    sed 's/^/#   /' "$out"
    exit 1
fi
if [ -n "$expect" ] && ! grep -qF -- "$expect" "$out"; then
    echo "not ok 1 - $name: output lacks '$expect'"
    sed 's/^/#   /' "$out"
    exit 1
fi
echo "ok 1 - $name"
