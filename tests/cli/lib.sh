# Shared helpers for the command-line tests: TAP output and checks that run
# the real koine binary ($KOINE). Source it, call the checks, then `finish`.
# SPDX-License-Identifier: GPL-2.0-or-later

: "${KOINE:?KOINE must name the koine binary}"
test_count=0
test_failed=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/koine-cli.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

ok() {
    test_count=$((test_count + 1))
    echo "ok $test_count - $1"
}

not_ok() {
    test_count=$((test_count + 1))
    test_failed=$((test_failed + 1))
    echo "not ok $test_count - $1"
    shift
    for line in "$@"; do
        printf "%s\n" "$line" | sed "s/^/#   /"
    done
}

# expect_error DESCRIPTION EXPECTED-SUBSTRING KOINE-ARGS...
# koine must exit 1 having printed exactly one line on stderr, which starts
# with "koine: " and contains EXPECTED-SUBSTRING, and nothing on stdout.
expect_error() {
    desc=$1 expected=$2
    shift 2
    timeout 20 "$KOINE" "$@" </dev/null >"$scratch/out" 2>"$scratch/err"
    status=$?
    lines=$(wc -l <"$scratch/err")
    if [ "$status" -ne 1 ]; then
        not_ok "$desc" "exit status $status, expected 1" "stderr: $(cat "$scratch/err")"
    elif [ "$lines" -ne 1 ]; then
        not_ok "$desc" "$lines lines on stderr, expected 1:" "$(cat "$scratch/err")"
    elif ! grep -q "^koine: " "$scratch/err" || ! grep -qF -- "$expected" "$scratch/err"; then
        not_ok "$desc" "stderr lacks '$expected':" "$(cat "$scratch/err")"
    elif [ -s "$scratch/out" ]; then
        not_ok "$desc" "unexpected stdout: $(cat "$scratch/out")"
    else
        ok "$desc"
    fi
}

# expect_output DESCRIPTION EXPECTED-SUBSTRING KOINE-ARGS...
# koine must exit 0 and print EXPECTED-SUBSTRING on stdout.
expect_output() {
    desc=$1 expected=$2
    shift 2
    timeout 20 "$KOINE" "$@" </dev/null >"$scratch/out" 2>"$scratch/err"
    status=$?
    if [ "$status" -ne 0 ]; then
        not_ok "$desc" "exit status $status" "stderr: $(cat "$scratch/err")"
    elif ! grep -qF -- "$expected" "$scratch/out"; then
        not_ok "$desc" "stdout lacks '$expected':" "$(head -20 "$scratch/out")"
    else
        ok "$desc"
    fi
}

wait_for_socket() {
    i=0
    while [ ! -S "$1" ] && [ $i -lt 100 ]; do
        sleep 0.05
        i=$((i + 1))
    done
}

# converse COMMANDS KOINE-ARGS...: runs koine with a unix-socket monitor, feeds it the commands, and leaves
# the conversation in $scratch/conv and koine's exit status in $status.
converse() {
    commands=$1
    shift
    sock="$scratch/mon.sock"
    rm -f "$sock"
    "$KOINE" -M none -serial none -monitor "unix:$sock,server=on,wait=off" "$@" \
        </dev/null >"$scratch/koine.out" 2>"$scratch/koine.err" &
    pid=$!
    wait_for_socket "$sock"
    printf "$commands" | timeout 20 socat -t 10 - "UNIX-CONNECT:$sock" >"$scratch/conv" 2>&1
    timeout 20 sh -c "while kill -0 $pid 2>/dev/null; do sleep 0.05; done"
    wait $pid
    status=$?
}

finish() {
    echo "1..$test_count"
    [ "$test_failed" -eq 0 ]
}
