"""Image export benchmark: whole ``orbit render`` processes beside a minimal matplotlib script (issue 13).

For each size, a generated organisation (seed 0) is drawn by ``orbit render
FILE -o OUT.png`` and ``OUT.svg`` (the orbit view, 200 dpi), and by
``benchmarks/floor_render.py``, which draws the very points and segments of
Orbit's figure (taken from it once, beforehand, and saved as ``.npz``) with
one scatter and one ``LineCollection`` per relation kind and no labels,
rings, legend or title. The two run alternately ``--repeat`` times; the
table shows medians and the median of the pair-by-pair ratios.

Target of issue 13: ``orbit render`` of 10,000 units in at most 1.5 s.

Usage: python benchmarks/render.py [--sizes 1000,10000] [--repeat 5]
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

import numpy as np

import orbit
from orbit.generate import generate_csv
from orbit.render import figure_orbit

FLOOR = Path(__file__).with_name("floor_render.py")
RELATIONS = ("reports_to", "serves", "touchpoint")


def orbit_command() -> list[str]:
    exe = Path(sys.executable).with_name("orbit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orbit.cli"]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode(errors='replace')}")
    return took


def save_drawing(csv: Path, out: Path) -> tuple[int, int]:
    """The points and segments of Orbit's figure of ``csv``, for the floor script; (markers, segments)."""
    fig = figure_orbit(orbit.load(csv))
    ax = fig.axes[0]
    by_gid = {}
    for art in ax.get_children():
        by_gid.setdefault(art.get_gid(), []).append(art)
    data = {
        "figsize": fig.get_size_inches(),
        "axes": ax.get_position().bounds,
        "limits": np.r_[ax.get_xlim(), ax.get_ylim()],
        "kinds": len(RELATIONS),
    }
    segments = 0
    for k, rel in enumerate(RELATIONS):
        (lc,) = by_gid[rel]
        data[f"segments{k}"] = np.asarray(lc.get_segments(), dtype=float).reshape(-1, 2, 2)
        data[f"colours{k}"] = lc.get_colors()
        data[f"width{k}"] = float(lc.get_linewidths()[0])
        segments += len(data[f"segments{k}"])
    units = [a for gid, arts in by_gid.items() if gid and (gid.startswith("units-") or gid == "flagged") for a in arts]
    data["xy"] = np.vstack([a.get_offsets() for a in units])
    data["area"] = np.concatenate([np.broadcast_to(a.get_sizes(), len(a.get_offsets())) for a in units])
    data["fill"] = np.vstack([np.broadcast_to(a.get_facecolors(), (len(a.get_offsets()), 4)) for a in units])
    np.savez(out, **data)
    return len(data["xy"]), segments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="orbit-render-"))
    rows = []
    load_before = os.getloadavg()[0]
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            csv, drawing = folder / f"org-{n}.csv", folder / f"org-{n}.npz"
            generate_csv(csv, n, seed=0)
            markers, segments = save_drawing(csv, drawing)
            for fmt in ("png", "svg"):
                ours, floor, ratio = [], [], []
                for _ in range(args.repeat):
                    o = wall([*orbit_command(), "render", str(csv), "-o", str(folder / f"orbit-{n}.{fmt}")])
                    f = wall([sys.executable, str(FLOOR), str(drawing), str(folder / f"floor-{n}.{fmt}")])
                    ours.append(o), floor.append(f), ratio.append(o / f)
                size = (folder / f"orbit-{n}.{fmt}").stat().st_size / 2**20
                med = statistics.median
                rows.append(
                    (
                        f"{n:,} units ({markers:,} markers, {segments:,} segments)",
                        fmt,
                        med(ours),
                        med(floor),
                        med(ratio),
                        size,
                    )
                )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("`orbit render FILE -o OUT` (orbit view, 200 dpi) against benchmarks/floor_render.py, whole processes,")
    print(f"medians of {args.repeat} alternating runs; ratios taken pair by pair\n")
    print("| design | format | orbit s | floor s | × floor | orbit file MiB |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for what, fmt, o, f, r, size in rows:
        print(f"| {what} | {fmt.upper()} | {o:.2f} | {f:.2f} | {r:.2f} | {size:.1f} |")
    print(
        f"\nmachine: {os.cpu_count()} cores; python {sys.version.split()[0]}; "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    )


if __name__ == "__main__":
    main()
