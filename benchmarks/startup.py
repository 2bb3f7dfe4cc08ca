"""Start-up benchmark: whole `orbit` processes beside a bare `python -c "import pandas"`.

Issue 13: ``orbit --help`` and ``orbit validate`` of a 100-unit file must take
at most 1.5× a process that only imports pandas (Orbit's own floor: every
command that reads a file needs pandas). Also ``orbit analyse`` of the same
file, and ``orbit layout`` of 10,000 units beside Graphviz ``twopi`` laying
out the same graph as a whole process (the peer the layout benchmark uses).

Each command runs ``--repeat`` times, all commands alternating in one loop
(so load from other work hits every side); the table shows medians and the
median of the pair-by-pair ratios to ``import pandas`` (to twopi for the
layout).

Usage: python benchmarks/startup.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orbit.analysis import relation_edges
from orbit.generate import generate_csv, generate_org
from orbit.model import CUSTOMER


def orbit_command() -> list[str]:
    exe = Path(sys.executable).with_name("orbit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orbit.cli"]


def wall(cmd: list[str], stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, input=stdin, capture_output=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode(errors='replace')}")
    return took


def twopi_source(n: int) -> bytes:
    org = generate_org(n, seed=0)
    pairs = relation_edges(org)[["source", "target"]].itertuples(index=False, name=None)
    lines = ["graph G {", f'root="{CUSTOMER}";', f'"{CUSTOMER}";']
    lines += [f'"{v}";' for v in org.units["id"]]
    lines += [f'"{u}" -- "{v}";' for u, v in pairs]
    return ("\n".join(lines) + "\n}\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="orbit-startup-"))
    try:
        small, big = folder / "org-100.csv", folder / "org-10000.csv"
        generate_csv(small, 100, seed=0)
        generate_csv(big, 10_000, seed=0)
        orbit = orbit_command()
        commands = {
            'python -c "import pandas"': ([sys.executable, "-c", "import pandas"], None),
            "orbit --help": ([*orbit, "--help"], None),
            "orbit validate, 100 units": ([*orbit, "validate", str(small)], None),
            "orbit analyse, 100 units": ([*orbit, "analyse", str(small)], None),
            "orbit layout, 10,000 units": ([*orbit, "layout", str(big)], None),
        }
        if shutil.which("twopi"):
            commands["twopi -Tplain, 10,000 units"] = (["twopi", "-Tplain"], twopi_source(10_000))
        times: dict[str, list[float]] = {k: [] for k in commands}
        load_before = os.getloadavg()[0]
        for _ in range(args.repeat):
            for what, (cmd, stdin) in commands.items():
                times[what].append(wall(cmd, stdin))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    med = statistics.median
    base = times['python -c "import pandas"']
    twopi = times.get("twopi -Tplain, 10,000 units")
    print(f"whole processes, medians of {args.repeat} alternating runs; ratios pair by pair\n")
    print("| command | seconds | × import pandas | × twopi |")
    print("| --- | ---: | ---: | ---: |")
    for what, ts in times.items():
        to_pandas = med([t / b for t, b in zip(ts, base, strict=True)])
        to_twopi = med([t / b for t, b in zip(ts, twopi, strict=True)]) if twopi and "layout" in what else None
        print(f"| {what} | {med(ts):.3f} | {to_pandas:.2f} | {'' if to_twopi is None else f'{to_twopi:.2f}'} |")
    print(
        f"\nmachine: {os.cpu_count()} cores; python {sys.version.split()[0]}; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )


if __name__ == "__main__":
    main()
