#!/bin/sh
# The virt board's device tree: -M virt,dumpdtb=FILE writes it and exits 0,
# dtc decodes it and finds QEMU's nodes; dtb-randomness=off drops the seeds;
# -dtb FILE replaces the generated tree; bad -bios/-dtb/-drive are refused.
# Prints TAP. SPDX-License-Identifier: GPL-2.0-or-later
. "${SRCDIR:?}/tests/cli/lib.sh"

command -v dtc >/dev/null || { echo "1..0 # SKIP dtc (device-tree-compiler) is missing"; exit 0; }

# dump NAME KOINE-ARGS...: writes $scratch/NAME.dtb and NAME.dts; fails the
# test if koine does not exit 0 or dtc cannot decode the blob.
dump() {
    name=$1
    shift
    if ! timeout 20 "$KOINE" "$@" </dev/null >"$scratch/out" 2>"$scratch/err"; then
        not_ok "dumpdtb ($name) exits 0" "$(cat "$scratch/err")"
        return 1
    fi
    if ! dtc -q -I dtb -O dts -o "$scratch/$name.dts" "$scratch/$name.dtb" 2>"$scratch/err"; then
        not_ok "dtc decodes the $name blob" "$(cat "$scratch/err")"
        return 1
    fi
    ok "dumpdtb ($name) exits 0 with a blob dtc decodes"
}

# has DESC NAME PATTERN: the decoded tree NAME matches the extended regexp.
has() {
    if grep -Eq -- "$3" "$scratch/$2.dts"; then
        ok "$1"
    else
        not_ok "$1" "no match for '$3' in $2.dts"
    fi
}

hasnt() {
    if grep -Eq -- "$3" "$scratch/$2.dts"; then
        not_ok "$1" "'$3' found in $2.dts"
    else
        ok "$1"
    fi
}

# The default tree (one cortex-a57 CPU, 128 MiB).
if dump default -M virt,dumpdtb="$scratch/default.dtb"; then
    has "root: compatible linux,dummy-virt" default 'compatible = "linux,dummy-virt"'
    has "root: interrupt-parent is the GIC" default 'interrupt-parent = <0x8001>'
    has "memory@40000000 with -m's size" default 'reg = <0x00 0x40000000 0x00 0x8000000>'
    has "cpu@0 compatible arm,cortex-a57" default 'compatible = "arm,cortex-a57"'
    has "cpu@0 enable-method psci" default 'enable-method = "psci"'
    has "psci: compatible 1.0/0.2/psci" default '"arm,psci-1.0\\0arm,psci-0.2\\0arm,psci"'
    has "psci: method hvc" default 'method = "hvc"'
    has "psci: cpu_on function ID" default 'cpu_on = <0xc4000003>'
    has "psci: cpu_off function ID" default 'cpu_off = <0x84000002>'
    has "timer: compatible arm,armv8-timer" default '"arm,armv8-timer'
    has "timer: PPIs 13 14 11 10 to CPU 0" default \
        'interrupts = <0x01 0x0d 0x104 0x01 0x0e 0x104 0x01 0x0b 0x104 0x01 0x0a 0x104>'
    has "timer: always-on" default 'always-on;'
    has "intc@8000000: GICv2" default 'compatible = "arm,cortex-a15-gic"'
    has "intc@8000000: distributor and CPU interface" default \
        'reg = <0x00 0x8000000 0x00 0x10000 0x00 0x8010000 0x00 0x10000>'
    has "intc@8000000: 3 interrupt cells" default '#interrupt-cells = <0x03>'
    has "apb-pclk: 24 MHz fixed clock" default 'clock-frequency = <0x16e3600>'
    has "pl011@9000000" default 'pl011@9000000 \{'
    has "pl011: SPI 1" default 'interrupts = <0x00 0x01 0x04>'
    has "pl011: primecell" default '"arm,pl011\\0arm,primecell"'
    has "pl031@9010000 with SPI 2" default 'interrupts = <0x00 0x02 0x04>'
    has "pl061@9030000 with SPI 7" default 'interrupts = <0x00 0x07 0x04>'
    has "pl061: gpio-controller" default 'gpio-controller;'
    has "gpio-keys: KEY_POWER" default 'linux,code = <0x74>'
    has "gpio-keys: GPIO line 3 of the PL061" default 'gpios = <0x8003 0x03 0x00>'
    has "fw-cfg@9020000: qemu,fw-cfg-mmio" default 'compatible = "qemu,fw-cfg-mmio"'
    has "fw-cfg: dma-coherent" default 'dma-coherent;'
    has "flash@0: two 64 MiB banks" default \
        'reg = <0x00 0x00 0x00 0x4000000 0x00 0x4000000 0x00 0x4000000>'
    has "flash@0: bank-width 4" default 'bank-width = <0x04>'
    has "chosen: stdout-path" default 'stdout-path = "/pl011@9000000"'
    has "chosen: kaslr-seed" default 'kaslr-seed = '
    has "chosen: rng-seed" default 'rng-seed = '
fi

# Two CPUs of the max model, -append (with a firmware), no seeds.
printf 'firmware' >"$scratch/fw.bin"
if dump opts -M virt,dumpdtb="$scratch/opts.dtb",dtb-randomness=off -cpu max -smp 2 -m 256M \
        -bios "$scratch/fw.bin" -append "console=ttyAMA0 koine=1"; then
    has "max CPU: compatible arm,arm-v8" opts 'compatible = "arm,arm-v8"'
    has "-smp 2: cpu@1 with reg 1" opts 'cpu@1 \{'
    has "-smp 2: timer PPIs go to both CPUs" opts '0x01 0x0d 0x304'
    has "-m 256M: memory size" opts 'reg = <0x00 0x40000000 0x00 0x10000000>'
    has "-append: bootargs" opts 'bootargs = "console=ttyAMA0 koine=1"'
    hasnt "dtb-randomness=off: no kaslr-seed" opts 'kaslr-seed'
    hasnt "dtb-randomness=off: no rng-seed" opts 'rng-seed'
fi

# gic-version=3: QEMU's GICv3 node, timer PPIs without a CPU mask.
if dump gicv3 -M virt,gic-version=3,dumpdtb="$scratch/gicv3.dtb" -smp 2; then
    has "gic-version=3: arm,gic-v3" gicv3 'compatible = "arm,gic-v3"'
    has "gic-version=3: distributor and redistributor region" gicv3 \
        'reg = <0x00 0x8000000 0x00 0x10000 0x00 0x80a0000 0x00 0xf60000>'
    has "gic-version=3: one redistributor region" gicv3 '#redistributor-regions = <0x01>'
    has "gic-version=3: timer PPIs without a CPU mask" gicv3 \
        'interrupts = <0x01 0x0d 0x04 0x01 0x0e 0x04 0x01 0x0b 0x04 0x01 0x0a 0x04>'
fi

# -dtb FILE: the user's tree is the board's tree.
printf '/dts-v1/;\n/ { compatible = "koine,test-tree"; #address-cells = <2>; #size-cells = <2>; };\n' \
    >"$scratch/user.dts"
dtc -q -I dts -O dtb -o "$scratch/user-in.dtb" "$scratch/user.dts"
if dump user -M virt,dumpdtb="$scratch/user.dtb" -dtb "$scratch/user-in.dtb"; then
    if cmp -s "$scratch/user-in.dtb" "$scratch/user.dtb"; then
        ok "-dtb FILE replaces the generated tree"
    else
        not_ok "-dtb FILE replaces the generated tree" "the dumped blob differs"
    fi
fi

truncate -s 64M "$scratch/flash.img"
if timeout 20 "$KOINE" -M virt,dumpdtb="$scratch/drive.dtb" \
        -drive if=pflash,file="$scratch/flash.img",format=raw,index=1 \
        </dev/null >"$scratch/out" 2>"$scratch/err" && [ ! -s "$scratch/err" ]; then
    ok "-drive if=pflash is taken by the board (no 'unused' warning)"
else
    not_ok "-drive if=pflash is taken by the board (no 'unused' warning)" "$(cat "$scratch/err")"
fi

printf 'not a device tree' >"$scratch/bad.dtb"
expect_error "-dtb of a non-blob is refused" "not a device tree blob" \
    -M virt -dtb "$scratch/bad.dtb"
truncate -s 65M "$scratch/big.bin"
expect_error "-bios larger than the 64 MiB bank is refused" "do not fit" \
    -M virt -bios "$scratch/big.bin"
expect_error "-drive if=pflash,index=2 is refused" "banks 0 and 1 only" \
    -M virt -drive if=pflash,file="$scratch/flash.img",format=raw,index=2
expect_error "-bios and a bank 0 -drive together are refused" "both give flash bank 0" \
    -M virt -bios "$scratch/fw.bin" -drive if=pflash,file="$scratch/flash.img",format=raw
expect_error "-append without -kernel or -bios is refused" "-initrd and -append need -kernel" \
    -M virt -append "console=ttyAMA0"
expect_error "gic-version=host is refused (KVM only)" "gic-version=host needs KVM" -M virt,gic-version=host
expect_error "gic-version=4 is refused" "gic-version=4: expected 2, 3 or max" -M virt,gic-version=4

finish
