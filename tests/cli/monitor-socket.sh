#!/bin/sh
# The human monitor over real sockets and files, driven by socat, and the
# run-state commands it offers. SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

command -v socat >/dev/null || { echo "1..0 # SKIP socat is not installed"; exit 0; }

converse 'info status\nstop\ninfo status\ncont\ninfo status\nquit\n'
if grep -q "Koine .* monitor" "$scratch/conv"; then ok "unix socket monitor greets its client"
else not_ok "unix socket monitor greets its client" "$(cat "$scratch/conv")"; fi
if grep -q "VM status: paused" "$scratch/conv" && [ "$(grep -c "VM status: running" "$scratch/conv")" -eq 2 ]; then
    ok "stop and cont change the run state"
else
    not_ok "stop and cont change the run state" "$(cat "$scratch/conv")"
fi
if [ "$status" -eq 0 ]; then ok "quit exits with status 0"
else not_ok "quit exits with status 0" "status $status" "$(cat "$scratch/koine.err")"; fi

converse 'info status\ncont\ninfo status\nquit\n' -S
if grep -q "VM status: paused (prelaunch)" "$scratch/conv" && grep -q "VM status: running" "$scratch/conv"; then
    ok "-S starts paused and cont starts the machine"
else
    not_ok "-S starts paused and cont starts the machine" "$(cat "$scratch/conv")"
fi

converse 'frobnicate\ninfo frob\nhelp\nquit\n'
if grep -q "unknown command: 'frobnicate'" "$scratch/conv" && grep -q "unknown info command 'frob'" "$scratch/conv" \
   && grep -q "system_reset" "$scratch/conv" && [ "$status" -eq 0 ]; then
    ok "unknown commands get an answer and help lists the commands"
else
    not_ok "unknown commands get an answer and help lists the commands" "$(cat "$scratch/conv")"
fi

converse 'system_reset\ninfo status\ninfo mtree\nquit\n' -m 64M -name demo
if grep -q "VM status: running" "$scratch/conv" && grep -q "ram" "$scratch/conv" && [ "$status" -eq 0 ]; then
    ok "system_reset keeps the machine running; info mtree shows -m RAM"
else
    not_ok "system_reset keeps the machine running; info mtree shows -m RAM" "$(cat "$scratch/conv")"
fi

# TCP, with a port picked by the kernel for a probe socket.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$KOINE" -M none -serial none -monitor "tcp:127.0.0.1:$port,server,nowait" -name tcptest \
    </dev/null >"$scratch/koine.out" 2>"$scratch/koine.err" &
pid=$!
i=0
until printf 'info name\nquit\n' | timeout 20 socat -t 10 - "TCP:127.0.0.1:$port" >"$scratch/conv" 2>/dev/null || [ $i -ge 100 ]; do
    sleep 0.05; i=$((i + 1))
done
wait $pid
status=$?
if grep -q "tcptest" "$scratch/conv" && [ "$status" -eq 0 ]; then
    ok "tcp monitor (old server,nowait spelling) answers info name"
else
    not_ok "tcp monitor (old server,nowait spelling) answers info name" "$(cat "$scratch/conv")" "$(cat "$scratch/koine.err")"
fi

# A monitor on a file backend, and SIGTERM as a clean shutdown.
"$KOINE" -M none -serial none -monitor "file:$scratch/mon.txt" </dev/null \
    >"$scratch/koine.out" 2>"$scratch/koine.err" &
pid=$!
i=0
while ! grep -q monitor "$scratch/mon.txt" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
kill -TERM $pid
wait $pid
status=$?
if grep -q "Koine .* monitor" "$scratch/mon.txt" && [ "$status" -eq 0 ] \
   && grep -q "terminating on signal 15" "$scratch/koine.err"; then
    ok "file monitor backend; SIGTERM exits cleanly"
else
    not_ok "file monitor backend; SIGTERM exits cleanly" "status $status" "$(cat "$scratch/koine.err")"
fi
finish
