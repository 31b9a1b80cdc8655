#!/bin/sh
# Help and version output. SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

expect_output "--version" "Koine emulator version" --version
expect_output "-version" "Koine emulator version" -version
expect_output "-h lists -machine's short form" "-M NAME" -h
expect_output "--help lists -nographic" "-nographic" --help
expect_output "-M help lists the none board" "none" -M help
expect_output "-machine help" "Supported machines are:" -machine help
expect_output "-M none,help lists its options" "Options of machine 'none'" -M none,help
expect_output "-cpu help for a board" "Machine 'none' has no CPU" -M none -cpu help
expect_output "-cpu help without a board" "Machine 'none' has no CPU" -cpu help
expect_output "-device help lists the interrupt OR gate" "or-irq" -device help
expect_output "-device help lists the loader" "loader" -device help
expect_output "-device or-irq,help lists num-lines" "num-lines" -device or-irq,help
expect_output "-d help lists guest_errors" "guest_errors" -d help
expect_output "-d help lists unimp" "unimp" -d help
expect_output "-chardev help lists socket" "socket" -chardev help
expect_output "-accel help lists tcg" "tcg" -accel help
expect_output "-display help lists none" "none" -display help
expect_output "-M help lists virt" "virt" -M help
expect_output "-cpu help for virt lists cortex-a57 as the default" "cortex-a57 (default)" -M virt -cpu help
expect_output "-d help lists the translator's items" "out_asm" -d help
finish
