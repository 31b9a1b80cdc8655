#!/bin/sh
# The Linux Image boot protocol of -M virt without firmware, checked from the
# inside by a tiny Image ($PROBE, built from image-probe.S/.c): where it is
# entered, x0..x3, EL1 with DAIF masked and the MMU off, the device tree's
# place and /chosen (bootargs, initrd bounds around the -initrd contents),
# nothing overlapping; a gzip-compressed Image; a PSCI SYSTEM_RESET that
# finds the images written again; -dtb FILE with /chosen patched; and the
# refusals (no room in RAM, -initrd without a kernel or with an ELF one,
# files that are neither ELF nor Image, broken gzip). Prints TAP.
# SPDX-License-Identifier: GPL-2.0-or-later
. "${SRCDIR:?}/tests/cli/lib.sh"

: "${PROBE:?}" "${PROBE_ELF:?}"

skip() {
    ok "$1 # SKIP $2"
}
printf 'KOINE-INITRD: the probe checks these first 12 bytes\n' >"$scratch/initrd"
gzip -n -c "$PROBE" >"$scratch/probe.gz"

# probe DESC ARGS...: runs the probe with semihosting; ok if it says PASS and exits 0.
probe() {
    desc=$1
    shift
    timeout 60 "$KOINE" -M virt -m 256M -semihosting -nographic "$@" \
        </dev/null >"$scratch/out" 2>&1
    status=$?
    if [ "$status" -eq 0 ] && grep -q "image-probe: PASS" "$scratch/out"; then
        ok "$desc"
    else
        not_ok "$desc" "status $status: $(cat "$scratch/out")"
    fi
}

probe "Image with -initrd: entry state, x0, /chosen, placement" \
    -kernel "$PROBE" -initrd "$scratch/initrd" -append "probe-args want-initrd"
probe "gzip-compressed Image" -kernel "$scratch/probe.gz" -append "probe-args"
probe "PSCI SYSTEM_RESET reloads the Image" \
    -kernel "$PROBE" -initrd "$scratch/initrd" -append "probe-args want-initrd reboot"
probe "the same on TCI" -accel tcg,backend=tci \
    -kernel "$scratch/probe.gz" -initrd "$scratch/initrd" -append "probe-args want-initrd reboot"
probe "-smp 2: CPU 0 enters the Image" -smp 2 -kernel "$PROBE" -append "probe-args"

# -dtb: the user's tree, with /chosen patched for the Linux boot.
if command -v dtc >/dev/null; then
    "$KOINE" -M virt,dumpdtb="$scratch/base.dtb" -m 256M </dev/null >/dev/null 2>&1
    probe "-dtb FILE with /chosen patched" -dtb "$scratch/base.dtb" \
        -kernel "$PROBE" -initrd "$scratch/initrd" -append "probe-args want-initrd"
    "$KOINE" -M virt,dumpdtb="$scratch/patched.dtb" -m 256M -dtb "$scratch/base.dtb" \
        -kernel "$PROBE" -initrd "$scratch/initrd" -append "user tree" </dev/null >/dev/null 2>&1
    dtc -q -I dtb -O dts "$scratch/patched.dtb" >"$scratch/patched.dts" 2>/dev/null
    if grep -q 'bootargs = "user tree"' "$scratch/patched.dts" &&
       grep -q 'linux,initrd-start = <0x00 0x40200000>' "$scratch/patched.dts"; then
        ok "-dtb FILE gets bootargs and the initrd at 0x40200000"
    else
        not_ok "-dtb FILE gets bootargs and the initrd at 0x40200000" "$(grep -A8 'chosen {' "$scratch/patched.dts")"
    fi
else
    skip "-dtb FILE with /chosen patched" "dtc is missing"
    skip "-dtb FILE gets bootargs and the initrd" "dtc is missing"
fi

# An Image header asking for 512 MiB, which 128 MiB of RAM cannot hold.
python3 - "$scratch/huge.Image" <<'EOF'
import struct, sys
hdr = struct.pack("<IIQQQQQQ4sI", 0x14000010, 0, 0, 512 << 20, 0xa, 0, 0, 0, b"ARM\x64", 0)
open(sys.argv[1], "wb").write(hdr + bytes(4096))
EOF
head -c 1000 "$scratch/probe.gz" >"$scratch/truncated.gz"

expect_error "an Image larger than RAM" "-m 128M is too small for the kernel: it needs at least 514M" \
    -M virt -kernel "$scratch/huge.Image"
expect_error "-initrd without -kernel" "-initrd and -append need -kernel (or -bios)" \
    -M virt -initrd "$scratch/initrd"
expect_error "-append with a bare-metal ELF kernel" "is not a Linux Image, it gets neither" \
    -M virt -kernel "$PROBE_ELF" -append x
expect_error "a kernel that is neither ELF nor Image" "neither an ELF file nor a Linux Image" \
    -M virt -kernel "$scratch/initrd"
expect_error "a truncated gzip kernel" "truncated gzip data" -M virt -kernel "$scratch/truncated.gz"
finish
