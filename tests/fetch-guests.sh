#!/bin/sh
# Fetches the guests the Linux boot tests need into tests/cache/ (git-ignored):
# Debian 12's arm64 kernel (the package linux-image-arm64 depends on) and
# busybox-static, then builds the initramfs from busybox and the kernel
# modules the tests need (virtio, ext4, gpio-keys: see the top of
# tests/boot/mkinitramfs.py). Uses apt-get with a private state directory,
# so the host's own package state and architecture list stay untouched; the
# host's sources list names the mirrors. Does nothing when the cache already
# holds everything; rebuilds from the downloaded packages, without the
# network, when only what is built from them is missing or out of date.
# Prints where things are.
#
# Usage: tests/fetch-guests.sh [CACHE_DIR]     (default: tests/cache)
#
# SPDX-License-Identifier: GPL-2.0-or-later
set -eu

SRCDIR=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${1:-$SRCDIR/tests/cache}
ARCH=arm64
APTDIR=$CACHE/apt-$ARCH
ROOT=$CACHE/$ARCH
# Bump the number when what this script builds changes: caches made by an
# older version are rebuilt (from the packages already downloaded).
STAMP=$ROOT/.fetched-2

say() {
    echo "fetch-guests: $*"
}

print_paths() {
    echo "kernel:    $ROOT/Image"
    echo "busybox:   $ROOT/rootfs/bin/busybox"
    echo "initramfs: $ROOT/initramfs.cpio.gz"
}

if [ -f "$STAMP" ] && [ -f "$ROOT/Image" ] && [ -f "$ROOT/initramfs.cpio.gz" ]; then
    print_paths
    exit 0
fi

for tool in apt-get dpkg-deb python3; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        say "$tool is missing (this script needs a Debian host)" >&2
        exit 1
    fi
done

mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$ROOT"
: >"$APTDIR/status"
# Another architecture's package lists, fetched into a private directory: the
# host's dpkg state and APT::Architectures are left alone.
set -- -q -oAPT::Architecture=$ARCH -oAPT::Architectures=$ARCH \
    -oDir::State::Lists="$APTDIR/lists" -oDir::State::status="$APTDIR/status" \
    -oDir::Cache="$APTDIR/cache" -oDebug::NoLocking=1 -oAPT::Sandbox::User=root

debs=$CACHE/debs
mkdir -p "$debs"
kpkg=
if [ -f "$ROOT/kernel-package" ]; then
    kpkg=$(cat "$ROOT/kernel-package")
    if ! ls "$debs/${kpkg}_"*"_$ARCH.deb" "$debs"/busybox-static_*_$ARCH.deb \
            >/dev/null 2>&1; then
        kpkg=
    fi
fi
if [ -z "$kpkg" ]; then
    say "updating the $ARCH package lists"
    apt-get "$@" update >"$APTDIR/update.log" 2>&1 || {
        cat "$APTDIR/update.log" >&2
        exit 1
    }

    # The kernel package the metapackage points at right now (linux-image-6.1.0-NN-arm64).
    kpkg=$(apt-cache "$@" depends linux-image-arm64 2>/dev/null |
           sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-arm64\)$/\1/p' | head -n 1)
    if [ -z "$kpkg" ]; then
        say "cannot tell which kernel linux-image-arm64 depends on" >&2
        exit 1
    fi
fi

for pkg in "$kpkg" busybox-static; do
    if ! ls "$debs/${pkg}_"*"_$ARCH.deb" >/dev/null 2>&1; then
        say "downloading $pkg"
        (cd "$debs" && apt-get "$@" download "$pkg:$ARCH")
    fi
done

extract=$ROOT/deb-root
rm -rf "$extract"
mkdir -p "$extract"
for deb in "$debs/${kpkg}_"*"_$ARCH.deb" "$debs"/busybox-static_*_$ARCH.deb; do
    say "extracting $(basename "$deb")"
    dpkg-deb -x "$deb" "$extract"
done

# The kernel: boot/vmlinuz-* (an arm64 Image, gzip-compressed on Debian);
# koine takes it either way, the test uses it as shipped.
vmlinuz=$(ls "$extract"/boot/vmlinuz-* | head -n 1)
cp "$vmlinuz" "$ROOT/Image"
cp "$extract"/boot/config-* "$ROOT/config"
echo "$kpkg" >"$ROOT/kernel-package"

# The userland: busybox and the few modules the tests need (mkinitramfs.py
# picks them and their dependencies out of the package's 300 MB).
rm -rf "$ROOT/rootfs"
mkdir -p "$ROOT/rootfs/bin"
cp "$extract/bin/busybox" "$ROOT/rootfs/bin/busybox"
python3 "$SRCDIR/tests/boot/mkinitramfs.py" "$ROOT/rootfs/bin/busybox" \
    "$ROOT/initramfs.cpio.gz" "$(ls -d "$extract"/lib/modules/* | head -n 1)"
rm -rf "$extract"
rm -f "$ROOT"/.fetched*

touch "$STAMP"
print_paths
