#!/usr/bin/env python3
"""Time in generated code by translation block, from a perf recording of a
koine run with -perfmap.

Koine's generated code lives in a memfd mapped twice (writable and
executable), so perf sees it as a file ("memfd:koine-code"), not as
anonymous JIT memory, and does not read /tmp/perf-PID.map by itself. This
script does the matching: it takes the sampled addresses from `perf
script` and names each by the TB (guest PC) in the map that holds it.

usage: scripts/perf-tb-report.py PERF.DATA /tmp/perf-PID.map [--top N]
   e.g. perf record -e cpu-clock -o koine.data -- build/koine -perfmap ...
        scripts/perf-tb-report.py koine.data /tmp/perf-$PID.map
SPDX-License-Identifier: GPL-2.0-or-later
"""
import argparse
import bisect
import collections
import subprocess
import sys


def load_map(path):
    tbs = {}
    with open(path) as f:
        for line in f:
            start, size, name = line.split()
            tbs[int(start, 16)] = (int(size, 16), name)   # a later line wins
    starts = sorted(tbs)
    return starts, tbs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data")
    ap.add_argument("map")
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()
    starts, tbs = load_map(args.map)
    out = subprocess.run(["perf", "script", "-i", args.data, "-F", "ip,dso"],
                         capture_output=True, text=True, check=True).stdout
    counts = collections.Counter()
    total = in_code = 0
    for line in out.splitlines():
        fields = line.split()
        if not fields:
            continue
        total += 1
        if "koine-code" not in line:
            continue
        in_code += 1
        ip = int(fields[0], 16)
        i = bisect.bisect_right(starts, ip) - 1
        if i >= 0 and ip < starts[i] + tbs[starts[i]][0]:
            counts[tbs[starts[i]][1]] += 1
        else:
            counts["(outside any TB: prologue, epilogue, stubs)"] += 1
    if not total:
        sys.exit("no samples")
    print(f"{total} samples, {100 * in_code / total:.1f}% in generated code")
    for name, n in counts.most_common(args.top):
        print(f"{n:8d} {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
