"""Design library access benchmark: what the permission checks cost, and whether hidden designs can be timed.

On SQLite (a file in a temporary folder) and PostgreSQL (a throwaway
cluster, skipped with a note when PostgreSQL is not installed), a library of
``--designs`` small designs owned by 50 signed-in users; a tenth of them are
shared with the measuring user as a person, another tenth through their
e-mail's domain. Each figure is the median of ``--repeat`` runs with the
connection pool warm; side by side:

- ``list``, ``load`` (a 20-unit and a 10,000-unit design) and ``history``
  (50 versions) in the shared workspace and for the signed-in user (the
  peer is the workspace, which checks nothing); the ratio is the cost of
  the checks;
- a name the user cannot see (another user's design) against a name
  nobody uses: both raise the same error, and the ratio of their times
  should be 1 (no timing to tell them apart beyond noise).

Usage: python benchmarks/library_access.py [--designs 1000] [--repeat 200] [--no-postgres]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from orbit.generate import generate_org
from orbit.library import Library, UnknownDesign
from orbit.library.pgcluster import PostgresUnavailable, TemporaryPostgres

OWNERS = 50
ME = "me@example.com"


def paired_ms(a, b, repeat: int) -> tuple[float, float]:
    """Medians of ``a`` and ``b`` timed alternately, so that drifts of the machine's load hit both alike."""
    times_a, times_b = [], []
    for _ in range(repeat):
        for fn, times in ((a, times_a), (b, times_b)):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times_a), statistics.median(times_b)


def raising(fn):
    def call():
        try:
            fn()
        except UnknownDesign:
            return
        raise AssertionError("expected UnknownDesign")

    return call


def fill(lib: Library, n_designs: int) -> None:
    small = generate_org(20, seed=1)
    for i in range(n_designs):
        owner = lib.signed_in(f"user{i % OWNERS}@{'example.com' if i % 2 else 'other.org'}")
        owner.save(small, f"Design {i}")
        if i % 10 == 1:
            owner.share(f"Design {i}", ME, "viewer")
        elif i % 10 == 3 and i % 2:
            owner.share_domain(f"Design {i}", "example.com", "viewer")
    me = lib.signed_in(ME)
    me.save(small, "Mine")
    for _ in range(49):
        me.save(small, "Mine")
    me.save(generate_org(10_000, seed=0), "Big")


def measure(lib: Library, n_designs: int, repeat: int) -> tuple[list, tuple[float, float]]:
    fill(lib, n_designs)
    me, workspace = lib.signed_in(ME), lib
    seen = len(me.list())
    few = max(5, repeat // 20)
    rows = [
        (f"list ({seen} of {n_designs + 2} visible)", *paired_ms(workspace.list, me.list, few)),
        ("load, 20 units", *paired_ms(lambda: workspace.load("Mine"), lambda: me.load("Mine"), repeat)),
        ("load, 10,000 units", *paired_ms(lambda: workspace.load("Big"), lambda: me.load("Big"), few)),
        ("history, 50 versions", *paired_ms(lambda: workspace.history("Mine"), lambda: me.history("Mine"), repeat)),
    ]
    # the same call for a name nobody uses and for another user's design
    unknown = paired_ms(raising(lambda: me.load("Design 998x", 1)), raising(lambda: me.load("Design 998", 1)), repeat)
    return rows, unknown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--designs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()

    results: dict[str, tuple] = {}
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "bench.db")
        results["SQLite"] = measure(lib, args.designs, args.repeat)
        lib.close()
    if not args.no_postgres:
        try:
            with TemporaryPostgres() as pg:
                lib = Library(pg.create_database("bench"))
                results["PostgreSQL"] = measure(lib, args.designs, args.repeat)
                lib.close()
        except PostgresUnavailable as err:
            print(f"PostgreSQL skipped: {err}", file=sys.stderr)

    print("| back end | call | workspace ms | signed-in ms | signed-in / workspace |")
    print("| --- | --- | ---: | ---: | ---: |")
    for backend, (rows, _) in results.items():
        for call, peer, checked in rows:
            print(f"| {backend} | {call} | {peer:.2f} | {checked:.2f} | {checked / peer:.2f} |")
    print()
    print("| back end | `load` of a name nobody uses ms | of another user's design ms | hidden / missing |")
    print("| --- | ---: | ---: | ---: |")
    for backend, (_, (missing, hidden)) in results.items():
        print(f"| {backend} | {missing:.3f} | {hidden:.3f} | {hidden / missing:.2f} |")


if __name__ == "__main__":
    main()
