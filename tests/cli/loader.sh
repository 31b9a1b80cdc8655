#!/bin/sh
# -device loader puts files and values into guest RAM at reset; the monitor's
# xp reads them back. SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

command -v socat >/dev/null || { echo "1..0 # SKIP socat is not installed"; exit 0; }

printf '\001\002\003\004\005\006\007\010' >"$scratch/image.bin"

converse 'xp /8xb 0x1000\nxp /1xw 0x2000\nxp /1xg 0x3000\nxp /1xw 0x4000\nxp /2xb 0x2000\nquit\n' \
    -m 1M \
    -device "loader,file=$scratch/image.bin,addr=0x1000" \
    -device loader,addr=0x2000,data=0x11223344,data-len=4 \
    -device loader,addr=0x3000,data=0x0102030405060708,data-len=8 \
    -device loader,addr=0x4000,data=0x11223344,data-len=4,data-be=on
if grep -q "0000000000001000: 0x01 0x02 0x03 0x04 0x05 0x06 0x07 0x08" "$scratch/conv"; then
    ok "loader file= lands at addr="
else
    not_ok "loader file= lands at addr=" "$(cat "$scratch/conv")" "$(cat "$scratch/koine.err")"
fi
if grep -q "0000000000002000: 0x11223344" "$scratch/conv" && grep -q "0000000000002000: 0x44 0x33" "$scratch/conv"; then
    ok "loader data= stores little-endian by default"
else
    not_ok "loader data= stores little-endian by default" "$(cat "$scratch/conv")"
fi
if grep -q "0000000000003000: 0x0102030405060708" "$scratch/conv"; then
    ok "loader data-len=8"
else
    not_ok "loader data-len=8" "$(cat "$scratch/conv")"
fi
if grep -q "0000000000004000: 0x44332211" "$scratch/conv"; then
    ok "loader data-be=on stores big-endian"
else
    not_ok "loader data-be=on stores big-endian" "$(cat "$scratch/conv")"
fi

# The guest (here: the monitor can't write, so a second loader) may overwrite
# the image; reset brings it back. Check xp after system_reset.
converse 'xp /1xw 0x2000\nsystem_reset\nxp /1xw 0x2000\nquit\n' \
    -m 1M -device loader,addr=0x2000,data=0xcafef00d,data-len=4
if [ "$(grep -c "0000000000002000: 0xcafef00d" "$scratch/conv")" -eq 2 ]; then
    ok "loader contents are there after system_reset"
else
    not_ok "loader contents are there after system_reset" "$(cat "$scratch/conv")"
fi

converse 'xp /1xw 0x200000\nquit\n' -m 1M
if grep -q "Cannot access memory" "$scratch/conv"; then
    ok "xp outside RAM says it cannot access memory"
else
    not_ok "xp outside RAM says it cannot access memory" "$(cat "$scratch/conv")"
fi

expect_error "loader outside RAM" "no memory at 0x100000..0x100003" \
    -M none -m 1M -device loader,addr=0x100000,data=1,data-len=4
expect_error "loader on a board without RAM" "no memory at" \
    -M none -device loader,addr=0,data=1,data-len=4
expect_error "loader with a missing file" "cannot read '/nonexistent'" \
    -M none -m 1M -device loader,file=/nonexistent,addr=0
expect_error "loader without addr" "addr= is required" \
    -M none -m 1M -device loader,data=1,data-len=4
expect_error "loader with a bad data-len" "data-len=3: must be 1, 2, 4 or 8" \
    -M none -m 1M -device loader,addr=0,data=1,data-len=3
expect_error "loader with nothing to load" "nothing to load" \
    -M none -m 1M -device loader,addr=0
finish
