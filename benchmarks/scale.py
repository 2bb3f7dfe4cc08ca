"""Scale benchmark: `orbit analyse FILE --summary --format json` beside the floor script, as a ratio.

The test files (issue 6): a reporting tree with 2–8 reports per manager and
touchpoints on 30 % of the leaves, as a CSV with
``id, name, kind, parent, headcount, serves``, once with LF and once with
CRLF line ends (what Python's csv module and Excel write). The floor is
``benchmarks/floor.py``: pyarrow's CSV reader and scipy's
``breadth_first_order``, no validation at all.

Every measurement is a whole process (start-up included) under a fresh
watcher, so its peak memory (ru_maxrss) is its own. Orbit and the floor run
alternately, ``--repeat`` times each, and the ratios are taken pair by pair
(so a load spike from other work hits both sides); the table shows medians.
The floor's answer (mean hops, share within 3 hops) is checked against
Orbit's, so both sides did the same work.

Also times `orbit render --depth 3` on 100,000 units when that size is run.

Usage: python benchmarks/scale.py [--sizes 10000,100000,1000000,2100000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orbit.generate import generate_csv

FLOOR = Path(__file__).with_name("floor.py")


def orbit_command() -> list[str]:
    exe = Path(sys.executable).with_name("orbit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orbit.cli"]


def run(cmd: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS in MiB, exit code and stdout of one command, run under a fresh watcher."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _WATCH, *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr)
    *output, peak = proc.stdout.rstrip("\n").split("\n") if proc.stdout.strip() else ["0"]
    return wall, int(peak) / 1024, proc.returncode, "\n".join(output)


def same_answer(orbit_json: str, floor_json: str) -> bool:
    """The floor's figures equal Orbit's summary."""
    try:
        summary, floor = json.loads(orbit_json)["summary"], json.loads(floor_json)
    except (ValueError, KeyError):
        return False
    return all(summary[k] == floor[k] for k in ("units", "mean_hops", "share_within_max_hops"))


def write_files(folder: Path, n: int) -> dict[str, Path]:
    lf, crlf = folder / f"org-{n}.csv", folder / f"org-{n}-crlf.csv"
    if not lf.exists():
        generate_csv(lf, n, seed=0)
    if not crlf.exists():
        crlf.write_bytes(lf.read_bytes().replace(b"\n", b"\r\n"))
    return {"LF": lf, "CRLF": crlf}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000,2100000")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side per file (medians shown)")
    parser.add_argument("--keep", help="folder to keep the generated CSVs in")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="orbit-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows, extra = [], []
    load_before = os.getloadavg()[0]
    try:
        for n in sizes:
            for ending, path in write_files(folder, n).items():
                o_wall, o_peak, f_wall, f_peak, t_ratio, m_ratio, agree = [], [], [], [], [], [], True
                analyse = [*orbit_command(), "analyse", str(path), "--summary", "--format", "json"]
                for _ in range(args.repeat):
                    ow, op, code, output = run(analyse)
                    fw, fp, _, floor_output = run([sys.executable, str(FLOOR), str(path)])
                    agree &= code == 0 and same_answer(output, floor_output)
                    o_wall.append(ow), o_peak.append(op), f_wall.append(fw), f_peak.append(fp)
                    t_ratio.append(ow / fw), m_ratio.append(op / fp)
                med = statistics.median
                size_mb = path.stat().st_size / 2**20
                rows.append(
                    (
                        f"{n:,} rows, {ending} ({size_mb:.0f} MiB)",
                        med(o_wall),
                        med(f_wall),
                        med(t_ratio),
                        med(o_peak),
                        med(f_peak),
                        med(m_ratio),
                        "yes" if agree else "NO",
                    )
                )
        if 100_000 in sizes:
            path, out = folder / "org-100000.csv", folder / "org-100000.png"
            wall, peak, code, _ = run([*orbit_command(), "render", str(path), "-o", str(out), "--depth", "3"])
            extra.append(("render --depth 3, 100,000 units to PNG", wall, peak, code))
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print("`orbit analyse FILE --summary --format json` against benchmarks/floor.py, whole processes,")
    print(f"medians of {args.repeat} alternating runs; ratios taken pair by pair\n")
    head = ("file", "orbit s", "floor s", "time ×", "orbit MiB", "floor MiB", "memory ×", "same answer")
    print(f"| {' | '.join(head)} |")
    print("| --- | " + " | ".join("---:" for _ in head[1:-1]) + " | --- |")
    for what, ow, fw, tr, op, fp, mr, agree in rows:
        print(f"| {what} | {ow:.2f} | {fw:.2f} | {tr:.2f} | {op:,.0f} | {fp:,.0f} | {mr:.2f} | {agree} |")
    for what, wall, peak, code in extra:
        print(f"\n{what}: {wall:.2f} s, {peak:,.0f} MiB, exit {code}")
    print(
        f"\nmachine: {os.cpu_count()} cores; python {sys.version.split()[0]}; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )


# runs the command as its only child, passes its stdout on and prints that child's peak memory (KiB) last
_WATCH = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=sys.stderr)
sys.stdout.write(proc.stdout.decode("utf-8", "replace").rstrip("\\n") + "\\n")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(proc.returncode)
"""


if __name__ == "__main__":
    main()
