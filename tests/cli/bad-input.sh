#!/bin/sh
# Bad command lines: each gets one clear line naming the option, exit 1,
# never a crash. SPDX-License-Identifier: GPL-2.0-or-later
. "$(dirname "$0")/lib.sh"

expect_error "unknown machine" "-M nosuchboard: unknown machine" -M nosuchboard
expect_error "bad memory size" "-m: invalid size '12Q'" -M none -m 12Q
expect_error "bad memory size without -M" "-m: invalid size '12Q'" -m 12Q
expect_error "zero memory size" "-m: RAM size must be larger than zero" -M none -m 0
expect_error "missing kernel file" "-kernel: cannot open '/nonexistent': No such file or directory" -kernel /nonexistent
expect_error "kernel is a directory" "-kernel: '/' is a directory" -kernel /
expect_error "missing bios file" "-bios: cannot open" -M none -bios /nonexistent/bios.bin
expect_error "missing initrd file" "-initrd: cannot open" -initrd /nonexistent
expect_error "missing dtb file" "-dtb: cannot open" -dtb /nonexistent
expect_error "unknown device" "-device: 'nosuch' is not a valid device model name" -device nosuch
expect_error "unknown option" "-frobnicate: unknown option" -frobnicate
expect_error "unknown option with two dashes" "--frobnicate: unknown option" --frobnicate
expect_error "missing argument" "-m: requires an argument" -M none -m
expect_error "stray argument" "disk.img: unexpected argument" disk.img
expect_error "no machine" "no machine selected" -m 512M
expect_error "unknown machine option" "-M: machine 'none' has no option 'frob'" -M none,frob=1
expect_error "bad -smp" "-smp: parameter 'cpus': invalid number 'x'" -M none -smp x
expect_error "-smp beyond the board" "-smp 8: machine 'none' supports at most 1 CPU" -M none -smp 8
expect_error "bad -smp topology" "maxcpus (1) must be at least cpus (2)" -M none -smp 2,maxcpus=1
expect_error "-cpu on a board without CPU" "-cpu cortex-a57: machine 'none' has no CPU" -M none -cpu cortex-a57
expect_error "-kernel on a board without CPU" "-kernel: machine 'none' cannot use it" -M none -kernel /etc/hostname
expect_error "unknown log item" "-d: unknown log item 'nosuch'" -M none -d nosuch
expect_error "unwritable log file" "-D: cannot open log file" -M none -D /nonexistent/dir/log
expect_error "unknown chardev backend" "unknown backend" -M none -chardev nosuch,id=c0
expect_error "chardev without id" "-chardev: missing id=" -M none -chardev null
expect_error "bad serial spec" "-serial bogus:x" -M none -serial bogus:x
expect_error "bad monitor port" "-monitor tcp:localhost:notaport" -M none -monitor tcp:localhost:notaport,server=on,wait=off
expect_error "refused chardev connection" "-chardev socket,id=c0,host=127.0.0.1,port=1" -M none -chardev socket,id=c0,host=127.0.0.1,port=1
expect_error "unknown drive key" "-drive: unknown parameter 'frob'" -M none -drive file=/etc/hostname,frob=1
expect_error "missing drive file" "-drive: cannot open '/nonexistent.img'" -M none -drive file=/nonexistent.img
expect_error "unknown drive format" "-drive: format 'vmdk' is not supported" -M none -drive file=/etc/hostname,format=vmdk
expect_error "unknown netdev type" "-netdev: unknown network backend 'frob'" -M none -netdev frob,id=n0
expect_error "netdev without id" "-netdev: missing id=" -M none -netdev user
expect_error "bad hostfwd rule" "-netdev user,id=n0,hostfwd=garbage: hostfwd=garbage: expected" -M none -netdev user,id=n0,hostfwd=garbage
expect_error "unknown netdev key" "-netdev user,id=n0,frob=1: unknown parameter 'frob'" -M none -netdev user,id=n0,frob=1
expect_error "duplicate netdev id" "duplicate id 'n0'" -M none -netdev user,id=n0 -netdev user,id=n0
expect_error "netdev that does not exist" "-device virtio-net-device,netdev=missing: netdev 'missing' not found" -M virt -device virtio-net-device,netdev=missing
expect_error "netdev used twice" "netdev 'n0' is already used by" -M virt -netdev user,id=n0 -device virtio-net-device,netdev=n0 -device virtio-net-device,netdev=n0
expect_error "bad MAC address" "invalid MAC address '52:54'" -M virt -nic user,mac=52:54
expect_error "unknown NIC model" "-nic user,model=e1000: model=e1000: not a network card model" -M virt -nic user,model=e1000
expect_error "unknown accelerator" "-accel: unknown accelerator 'frob'" -M none -accel frob
expect_error "kvm is not there yet" "-accel kvm: not supported yet" -M none -accel kvm
expect_error "-enable-kvm is not there yet" "-accel kvm: not supported yet" -M none -enable-kvm
expect_error "unknown display" "-display: unknown display type 'frob'" -M none -display frob
expect_error "bad -icount shift" "-icount: shift=11 is not a number from 0 to 10 or auto" -M none -icount 11
expect_error "gdb on a board without CPU" "-gdb tcp::1234: the machine has no CPU to debug" -M none -s
expect_error "bad -gdb spec" "-gdb bogus:x" -M virt -gdb bogus:x
expect_error "bad qmp spec" "-qmp bogus:x" -M none -qmp bogus:x
expect_error "device that -device cannot create" "cannot be created with -device" -M none -device or-irq
expect_error "unknown device property" "unknown property 'frob'" -M none -device loader,frob=1
expect_error "bad -L" "-L: '/nonexistent' is not a directory" -M none -L /nonexistent
expect_error "-M NAME,help of an unknown board" "-M: unknown machine 'frob'" -M frob,help
expect_error "virt: a kernel that is neither ELF nor a Linux Image" "neither an ELF file nor a Linux Image" -M virt -kernel /etc/hostname
expect_error "virt: an ELF file for another architecture" "ELF file for another architecture" -M virt -kernel /bin/sh
expect_error "virt: gic-version=host needs KVM" "gic-version=host needs KVM" -M virt,gic-version=host
expect_error "virt: unknown CPU model" "-cpu cortex-x9: unknown CPU model for machine 'virt'" -M virt -cpu cortex-x9
expect_error "virt: too many CPUs" "-smp 9: machine 'virt' supports at most 8 CPUs" -M virt -smp 9
expect_error "unknown TCG backend" "-accel tcg: unknown TCG backend 'frob'" -M virt -accel tcg,backend=frob
expect_error "unknown -accel key" "-accel tcg: unknown parameter 'frob'" -M virt -accel tcg,frob=1
finish
