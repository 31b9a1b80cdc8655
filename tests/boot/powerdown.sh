#!/bin/sh
# system_powerdown on -M virt presses the GPIO power button: the PL061's
# line 3 goes high, then low again, which latches its (default: falling
# edge) interrupt status bit 3 in GPIORIS (0x09030414). Driven through the
# -nographic monitor (Ctrl-A c). Prints TAP. SPDX-License-Identifier: GPL-2.0-or-later
. "${SRCDIR:?}/tests/cli/lib.sh"

(sleep 1; printf '\001c'; sleep 0.3; printf 'xp /1wx 0x09030414\r'; sleep 0.3
 printf 'system_powerdown\r'; sleep 1; printf 'xp /1wx 0x09030414\r'; sleep 0.3
 printf 'quit\r'; sleep 1) |
    timeout 20 "$KOINE" -M virt -nographic >"$scratch/out" 2>"$scratch/err"
status=$?
tr -d '\r' <"$scratch/out" | grep '^0000000009030414:' >"$scratch/ris"
if [ "$status" -eq 0 ]; then
    ok "koine runs and quits from the monitor"
else
    not_ok "koine runs and quits from the monitor" "status $status" "$(cat "$scratch/err")"
fi
if [ "$(sed -n 1p "$scratch/ris")" = "0000000009030414: 0x00000000" ]; then
    ok "no GPIO interrupt before the button is pressed"
else
    not_ok "no GPIO interrupt before the button is pressed" "$(cat "$scratch/out")"
fi
if [ "$(sed -n 2p "$scratch/ris")" = "0000000009030414: 0x00000008" ]; then
    ok "system_powerdown pulses GPIO line 3"
else
    not_ok "system_powerdown pulses GPIO line 3" "$(cat "$scratch/out")"
fi
finish
