"""Long fuzzing run of every loader: random bytes, random text and mutated valid files.

Runs the hypothesis fuzz tests of ``tests/test_properties.py`` with their
example counts multiplied by ``--scale`` (``ORBIT_FUZZ_SCALE``), and prints
how many inputs each test tried, from hypothesis's own statistics. Every input
must end in a clean one-line ``OrgError`` or a valid organisation.

Usage: python benchmarks/fuzz.py [--scale 20]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ_TESTS = "random_bytes or random_text or mutated"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=20, help="multiply the CI example counts by this")
    args = parser.parse_args()
    env = {**os.environ, "ORBIT_FUZZ_SCALE": str(args.scale)}
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "tests/test_properties.py",
            "-k",
            FUZZ_TESTS,
            "--hypothesis-show-statistics",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    rows, test = [], None
    for line in proc.stdout.splitlines():
        m = re.match(r"^tests/test_properties\.py::(\S+):", line.strip())
        if m:
            test = m.group(1)
        m = re.search(r"(\d+) passing, (\d+) failing, and (\d+) invalid test cases", line)
        if m and test:
            passing, failing, invalid = (int(x or 0) for x in m.groups())
            found = next((r for r in rows if r[0] == test), None)
            if found:  # a second phase (e.g. shrinking) of the same test
                rows[rows.index(found)] = (test, found[1] + passing + failing, found[2] + failing, found[3] + invalid)
            else:
                rows.append((test, passing + failing, failing, invalid))
    print(f"{'fuzz test':<62} {'inputs':>7} {'failing':>8} {'invalid':>8}")
    for name, tried, failing, invalid in rows:
        print(f"{name:<62} {tried:>7} {failing:>8} {invalid:>8}")
    total = sum(r[1] for r in rows)
    print(f"{'total':<62} {total:>7}")
    print(f"\nscale {args.scale:g}, {wall:.0f} s, pytest exit {proc.returncode}")
    if proc.returncode != 0:
        print(proc.stdout[-4000:])
        sys.exit(1)


if __name__ == "__main__":
    main()
