"""Design library benchmark: save and load of generated designs, and a history of 1,000 versions.

On SQLite (a file in a temporary folder) and on PostgreSQL (a throwaway
cluster started with the tests' helper, :mod:`orbit.library.pgcluster`;
skipped with a note when PostgreSQL is not installed). Each figure is the
median of ``--repeat`` runs in this process, with the connection pool warm:

- save: ``Library.save`` of an organisation already in memory (writing the
  canonical JSON, hashing it, one transaction);
- load: ``Library.load`` of the newest version back to an ``Organisation``
  (beside it, as the peer, the same document read by ``orbit.load``'s JSON
  file reader, which tracks lines for error messages);
- history: ``Library.history`` of a design with 1,000 versions (a DataFrame).

Usage: python benchmarks/library.py [--sizes 1000,10000,100000] [--repeat 5] [--versions 1000] [--no-postgres]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import orbit
from orbit.generate import generate_org
from orbit.library import Library
from orbit.library.pgcluster import PostgresUnavailable, TemporaryPostgres

TARGETS_MS = {("save", 10_000): 300, ("load", 10_000): 200, ("history", None): 100}
"""The issue's targets: a 10k-unit save under 300 ms, a load under 200 ms, a history list under 100 ms."""


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(lib: Library, sizes: list[int], repeat: int, n_versions: int) -> list[tuple[str, str, float]]:
    rows = []
    for n in sizes:
        org = generate_org(n, seed=0)
        name = f"generated {n}"
        lib.save(org, name)  # the design exists: each timed save adds a version
        reps = repeat if n < 100_000 else max(1, min(repeat, 3))
        rows.append(("save", n, median_ms(lambda org=org, name=name: lib.save(org, name, message="bench"), reps)))
        rows.append(("load", n, median_ms(lambda name=name: lib.load(name), reps)))
        # the peer: the same stored document read back through the JSON file reader
        document = lib.document(name)
        rows.append(("load via orbit.load", n, median_ms(lambda d=document: orbit.load(d, format="json"), reps)))
    small = generate_org(20, seed=1)
    for i in range(n_versions):
        lib.save(small, "long history", message=f"edit {i}")
    assert len(lib.history("long history")) == n_versions
    rows.append(("history", None, median_ms(lambda: lib.history("long history"), max(repeat, 5))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]

    results: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "bench.db")
        results["SQLite"] = measure(lib, sizes, args.repeat, args.versions)
        lib.close()
    if not args.no_postgres:
        try:
            with TemporaryPostgres() as pg:
                lib = Library(pg.create_database("bench"))
                results["PostgreSQL"] = measure(lib, sizes, args.repeat, args.versions)
                lib.close()
        except PostgresUnavailable as err:
            print(f"PostgreSQL skipped: {err}", file=sys.stderr)

    backends = list(results)
    header = ["operation", "units", *(f"{b} ms" for b in backends), "target ms", *(f"{b} / target" for b in backends)]
    print("| " + " | ".join(header) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in header[2:]) + " |")
    for i, (op, n, _) in enumerate(results[backends[0]]):
        target = TARGETS_MS.get((op, n))
        units = f"{n:,}" if n is not None else f"{args.versions:,} versions"
        cells = [op, units]
        cells += [f"{results[b][i][2]:.1f}" for b in backends]
        cells.append(f"{target}" if target else "")
        cells += [f"{results[b][i][2] / target:.2f}" if target else "" for b in backends]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
