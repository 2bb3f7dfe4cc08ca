"""Denial-of-service benchmark: time and peak memory of refusing each class of small hostile file (issue 11).

Each case is a whole ``orbit validate FILE`` (or ``render``/``convert``)
process run under a watcher that reports the child's own peak resident set,
with a time limit (``--timeout``) and an address-space limit (``--memory``)
so that a reader that would never stop cannot take the machine. The files
are built by ``tests/hostile.py``. ``--root DIR`` runs the same cases
against another checkout of Orbit (for a before/after table).

Usage: python benchmarks/refusals.py [--root DIR] [--timeout 120] [--only NAME,...]
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import hostile  # noqa: E402

from orbit.generate import generate_csv  # noqa: E402


def cases(folder: Path) -> list[tuple[str, list[str], Path | None]]:
    """(what, orbit arguments, the file) for every class; files are written into ``folder``."""
    out = []

    def file(name: str, data: bytes) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    def validate(what: str, name: str, data: bytes) -> None:
        path = file(name, data)
        out.append((what, ["validate", str(path)], path))

    validate("XLSX <dimension> A1:XFD1048576", "dimension.xlsx", hostile.dos_xlsx_huge_dimension())
    validate("XLSX 16,384 columns", "wide.xlsx", hostile.dos_xlsx_wide())
    validate("XLSX 1,000,000 formatted empty rows", "formatted.xlsx", hostile.dos_xlsx_empty_rows())
    validate("CSV 100,000 columns", "wide.csv", hostile.dos_csv_wide())
    validate("CSV 44 MB one-line header", "header.csv", hostile.dos_csv_long_header())
    validate("YAML one line, 50 MB name", "line.yaml", hostile.dos_one_line("yaml"))
    validate("JSON one line, 50 MB name", "line.json", hostile.dos_one_line("json"))
    validate("YAML nested 100,000 deep", "deep.yaml", hostile.dos_deep("yaml"))
    validate("JSON nested 100,000 deep", "deep.json", hostile.dos_deep("json"))
    validate("GraphML with JSON nested 100,000 deep", "deep.graphml", hostile.dos_deep("graphml"))
    validate("CSV reporting cycle of 10,000 units", "cycle.csv", hostile.dos_cycle())
    name = file("name.json", hostile.dos_long_name())
    out.append(("render, 5 MB organisation name", ["render", str(name), "-o", str(folder / "name.png")], name))
    for device in ("/dev/zero", "/dev/urandom"):
        if Path(device).exists():
            link = folder / f"{Path(device).name}.yaml"
            link.symlink_to(device)
            out.append((f"{device} (as a .yaml)", ["validate", str(link)], None))
    if hasattr(os, "mkfifo"):
        fifo = folder / "fifo.yaml"
        os.mkfifo(fifo)
        out.append(("a FIFO (as a .yaml)", ["validate", str(fifo)], None))
    # throughput of work that is real, not hostile
    csv100k = folder / "org-100k.csv"
    generate_csv(csv100k, 100_000, seed=0)
    yaml100k = folder / "org-100k.yaml"
    convert(csv100k, yaml100k)
    out.append(("YAML 100,000 units (accepted)", ["validate", str(yaml100k)], yaml100k))
    csv500k = folder / "org-500k.csv"
    generate_csv(csv500k, 500_000, seed=0)
    out.append(("convert 500,000 units to GraphML", ["convert", str(csv500k), str(folder / "org.graphml")], csv500k))
    return out


def convert(src: Path, dst: Path) -> None:
    subprocess.run([*orbit_command(), "convert", str(src), str(dst)], check=True, cwd=ROOT)


# runs the command as its only child with limits and prints: exit code, peak KiB, seconds
_WATCH = """
import resource, subprocess, sys, time
timeout, memory = float(sys.argv[1]), int(sys.argv[2])
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
start = time.perf_counter()
try:
    proc = subprocess.run(sys.argv[3:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout,
                          preexec_fn=limit, text=True, errors="replace")
    code, err = proc.returncode, proc.stderr
except subprocess.TimeoutExpired as stop:
    code, err = "timeout", (stop.stderr or b"").decode("utf-8", "replace") if isinstance(stop.stderr, bytes) else ""
wall = time.perf_counter() - start
print(code)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(wall)
print(len(err.splitlines()))
print(" ".join(err.split())[:400])
"""


def orbit_command() -> list[str]:
    exe = Path(sys.executable).with_name("orbit")  # the console script: `python -m orbit.cli` lacks `render`
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "orbit.cli"]


def run(args: list[str], root: Path, timeout: float, memory: int) -> tuple[str, float, float, int, str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    cmd = [sys.executable, "-c", _WATCH, str(timeout), str(memory), *orbit_command(), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=root)
    lines = proc.stdout.splitlines()
    code, peak, wall, count = lines[0], int(lines[1]) / 1024, float(lines[2]), int(lines[3])
    message = lines[4] if len(lines) > 4 else ""
    return code, wall, peak, count, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", default=str(ROOT), help="the Orbit checkout to measure (default: this one)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a case is stopped")
    parser.add_argument("--memory", type=float, default=8, help="GiB of address space a case may take")
    parser.add_argument("--only", default="", help="comma-separated words: run the cases whose name holds one")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="orbit-refusals-"))
    rows = []
    try:
        built = cases(folder)
        wanted = [w.strip().lower() for w in args.only.split(",") if w.strip()]
        for what, orbit_args, path in built:
            if wanted and not any(w in what.lower() for w in wanted):
                continue
            size = path.stat().st_size if path is not None and path.exists() else None
            code, wall, peak, count, message = run(orbit_args, Path(args.root), args.timeout, int(args.memory * 2**30))
            rows.append((what, size, code, wall, peak, count, message))
            time.sleep(0.2)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{'case':<42} {'file':>9} {'exit':>7} {'seconds':>8} {'peak MiB':>9} {'lines':>5}  message")
    for what, size, code, wall, peak, count, message in rows:
        shown = "–" if size is None else f"{size / 2**20:,.1f} MB" if size >= 2**20 else f"{size / 1024:,.0f} KB"
        seconds = f">{args.timeout:.0f}" if code == "timeout" else f"{wall:.2f}"
        text = message.replace(str(folder) + "/", "")[:90]
        print(f"{what:<42} {shown:>9} {code:>7} {seconds:>8} {peak:>9.0f} {count:>5}  {text}")
    limits = f"limits {args.timeout:g} s, {args.memory:g} GiB"
    print(f"\nroot {args.root}; {os.cpu_count()} cores; python {sys.version.split()[0]}; {limits}")


if __name__ == "__main__":
    main()
