"""Load and analyse benchmark: ``orbit.load``, ``orbit.analyse`` and the whole CLI process.

Usage::

    python benchmarks/analyse.py [--sizes 10000,100000,1000000] [--repeat 3] [--keep DIR]

For each size it writes a generated organisation as CSV
(:func:`orbit.generate.generate_csv`: a reporting tree with 2–8 reports per
manager, touchpoints on 30 % of the leaves, 2 % random service relations)
and prints one row with the best of ``--repeat`` runs of

- ``load``: :func:`orbit.load` of the CSV (decode, parse, validate);
- ``analyse``: :func:`orbit.analyse` (one BFS, layers, spans, summary);
- ``units``: building ``Analysis.units`` (the per-unit table with paths);
- ``process``: ``orbit analyse FILE --summary --format json`` as a fresh
  process, start-up and imports included.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import orbit
from orbit.generate import generate_csv


def best_of(repeat: int, fn):
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return out, best


def orbit_command() -> list[str]:
    exe = Path(sys.executable).with_name("orbit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orbit.cli"]


def process(path: Path) -> dict:
    done = subprocess.run(
        [*orbit_command(), "analyse", str(path), "--summary", "--format", "json"], capture_output=True, text=True
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"orbit analyse failed ({done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated numbers of units")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is shown")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", help="folder to keep the generated CSVs in (reused when present)")
    args = parser.parse_args()

    folder = Path(args.keep or tempfile.mkdtemp(prefix="orbit-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in (int(s.replace("_", "")) for s in args.sizes.split(",")):
            path = folder / f"org-{n}-seed{args.seed}.csv"
            if not path.exists():
                generate_csv(path, n, seed=args.seed)
            org, t_load = best_of(args.repeat, lambda path=path: orbit.load(path))
            a, t_analyse = best_of(args.repeat, lambda org=org: orbit.analyse(org))
            _, t_units = best_of(args.repeat, lambda org=org: orbit.analyse(org).units)
            t_units -= t_analyse
            doc, t_process = best_of(args.repeat, lambda path=path: process(path))
            assert doc["summary"] == json.loads(json.dumps(a.summary)), "CLI and API disagree"
            rows.append(
                {
                    "units": len(org),
                    "relations": org.relation_count,
                    "mib": path.stat().st_size / 2**20,
                    "load": t_load,
                    "analyse": t_analyse,
                    "units_table": max(t_units, 0.0),
                    "process": t_process,
                    "mean_hops": a.summary["mean_hops"],
                    "layers": a.summary["layers"],
                }
            )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    print("| units | relations | CSV MiB | load s | analyse s | units table s | load + analyse s | process s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['units']:,} | {r['relations']:,} | {r['mib']:.1f} | {r['load']:.3f} | {r['analyse']:.3f} "
            f"| {r['units_table']:.3f} | {r['load'] + r['analyse']:.3f} | {r['process']:.2f} |"
        )
    cpu = platform.processor() or platform.machine()
    print(
        f"\nbest of {args.repeat}; process = `orbit analyse FILE --summary --format json`, start-up included; "
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, pandas {_version('pandas')}, "
        f"numpy {_version('numpy')}"
    )


def _version(module: str) -> str:
    return __import__(module).__version__


if __name__ == "__main__":
    main()
