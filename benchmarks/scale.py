"""Scale benchmark: `orbit analyse FILE --summary --format json` on generated organisations.

The test file (issue 6): a reporting tree with 2–8 reports per manager and
touchpoints on 30 % of the leaves, as a CSV with
``id, name, kind, parent, headcount, serves``. Each size is run as a whole
process, measuring wall time and peak memory (ru_maxrss of the child).
Also times `orbit render --depth` on 100,000 units when the render command
is there.

Usage: python benchmarks/scale.py [--sizes 100000,1000000,2100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orbit.generate import generate_csv


def orbit_command() -> list[str]:
    exe = Path(sys.executable).with_name("orbit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orbit.cli"]


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit code of one command, run under a fresh watcher."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WATCH, *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
    peak_kib = int(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else 0
    return wall, peak_kib / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000,2100000")
    parser.add_argument("--keep", help="folder to keep the generated CSVs in")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="orbit-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            path = folder / f"org-{n}.csv"
            if not path.exists():
                generate_csv(path, n, seed=0)
            size_mb = path.stat().st_size / 2**20
            # each measurement in a fresh child so ru_maxrss is its own
            wall, peak, code = run([*orbit_command(), "analyse", str(path), "--summary", "--format", "json"])
            rows.append((f"analyse --summary, {n:,} rows ({size_mb:.0f} MiB CSV)", wall, peak, code))
        if "100000" in args.sizes.split(","):
            path = folder / "org-100000.csv"
            out = folder / "org-100000.png"
            wall, peak, code = run([*orbit_command(), "render", str(path), "-o", str(out), "--depth", "3"])
            rows.append(("render --depth 3, 100,000 units to PNG", wall, peak, code))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"{'what':<52} {'seconds':>8} {'peak MiB':>9} {'exit':>5}")
    for what, wall, peak, code in rows:
        print(f"{what:<52} {wall:>8.2f} {peak:>9.0f} {code:>5}")
    print(f"\nmachine: {os.cpu_count()} cores; python {sys.version.split()[0]}")


# runs the command as its only child and prints that child's peak memory (KiB)
_WATCH = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=sys.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(proc.returncode)
"""


if __name__ == "__main__":
    main()
