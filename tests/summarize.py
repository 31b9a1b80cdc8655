#!/usr/bin/env python3
"""Counts test cases in meson test logs and prints "N passed, N failed, N skipped".

A TAP test counts each of its "ok"/"not ok" lines (a "# SKIP" directive is a
skip); any other test counts once by its result. A test that timed out or
crashed after some "ok" lines also counts one failure. Arguments are
testlog.json paths, or "build-failed:DIR" for a configuration that did not
build (one failure).
"""
import json
import re
import sys

TAP_LINE = re.compile(r"^(not ok|ok)\b(.*)$")

def count_tap(stdout):
    passed = failed = skipped = 0
    for line in stdout.splitlines():
        m = TAP_LINE.match(line.strip())
        if not m:
            continue
        directive = m.group(2)
        if re.search(r"#\s*SKIP", directive, re.I):
            skipped += 1
        elif m.group(1) == "ok":
            passed += 1
        else:
            failed += 1
    return passed, failed, skipped

def main(args):
    passed = failed = skipped = 0
    for arg in args:
        if arg.startswith("build-failed:"):
            print(f"FAILED to build {arg.split(':', 1)[1]}")
            failed += 1
            continue
        try:
            lines = open(arg).read().splitlines()
        except OSError:
            print(f"no test log {arg}")
            failed += 1
            continue
        for line in lines:
            t = json.loads(line)
            result = t.get("result", "")
            p, f, s = count_tap(t.get("stdout") or "")
            if p + f + s:
                passed += p
                failed += f
                skipped += s
                if result not in ("OK", "SKIP", "EXPECTEDFAIL") and f == 0:
                    failed += 1     # died or timed out after its last "ok"
            elif result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
            if result not in ("OK", "SKIP", "EXPECTEDFAIL"):
                print(f"FAILED: {t.get('name')} ({result})")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
