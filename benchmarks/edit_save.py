"""The app's edit path: from a cell typed in the Edit tab's table to a saved version, against the 1 s target.

What one valid edit costs the server before the page can show it (issue 10:
"every valid edit is saved as a new version within a second"), measured on
the pure pieces the editor's callback runs, without a browser:

- take: the widget's edit state applied to the table and the whole table
  checked cell by cell (:meth:`orbit.app.editing.EditSession.take`);
- message: the words for what changed (:func:`orbit.app.changes.describe`);
- save: the organisation built from the table and saved as the next version
  (``Library.save``), then its digest read back (what the session keeps);
- total: the three together.

On the Brenner sample (119 units) and generated designs of 1,000 and 10,000
units, on SQLite (a temporary file) and PostgreSQL (a throwaway cluster;
skipped with a note when PostgreSQL is not installed). Each edit changes one
unit's headcount to a new value; medians of ``--repeat`` edits.

Usage: python benchmarks/edit_save.py [--sizes 1000,10000] [--repeat 7] [--no-postgres]
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
from orbit.app import changes, editing
from orbit.generate import generate_org
from orbit.i18n import Translator
from orbit.library import Library
from orbit.library.pgcluster import PostgresUnavailable, TemporaryPostgres

TARGET_MS = 1000
"""A valid edit is saved within a second."""
SAMPLE = Path(__file__).resolve().parents[1] / "sample_orgs" / "maschinenbau-classic.yaml"


def measure(lib: Library, label: str, org: orbit.Organisation, repeat: int) -> list[tuple]:
    name = f"bench {label}"
    lib.save(org, name)
    session = editing.EditSession.start(name, org, 1, lib.version(name).digest)
    tr = Translator("en")
    times: dict[str, list[float]] = {"take": [], "message": [], "save": [], "total": []}
    state: dict = {"edited_rows": {}}
    for i in range(repeat):
        state["edited_rows"] = {"1": {"headcount": 1000 + i}}
        t0 = time.perf_counter()
        assert session.take(state) == "edit"
        t1 = time.perf_counter()
        message = changes.describe(session.steps[session.cursor - 1].table, session.table, tr)
        t2 = time.perf_counter()
        number = lib.save(session.organisation(), name, message=message, parent=session.version)
        session.saved(number, lib.version(name, number).digest)
        t3 = time.perf_counter()
        for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t3 - t0), strict=True):
            times[key].append(value * 1000)
    return [(label, len(org), step, statistics.median(v)) for step, v in times.items()]


def run(url, sizes: list[int], repeat: int) -> list[tuple]:
    lib = Library(url)
    rows = measure(lib, "sample", orbit.load(SAMPLE), repeat)
    for n in sizes:
        rows += measure(lib, f"generated {n}", generate_org(n, seed=0), repeat)
    lib.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["SQLite"] = run(Path(tmp) / "bench.db", sizes, args.repeat)
    if not args.no_postgres:
        try:
            with TemporaryPostgres() as cluster:
                results["PostgreSQL"] = run(cluster.create_database(), sizes, args.repeat)
        except PostgresUnavailable as err:
            print(f"note: PostgreSQL skipped: {err}", file=sys.stderr)
    backends = list(results)
    print("| design | units | step | " + " | ".join(f"{b} ms" for b in backends) + " | target ms | "
          + " | ".join(f"{b} / target" for b in backends) + " |")  # fmt: skip
    print("| --- | ---: | --- | " + " | ".join("---:" for _ in backends) + " | ---: | "
          + " | ".join("---:" for _ in backends) + " |")  # fmt: skip
    for i, (label, units, step, _) in enumerate(results[backends[0]]):
        values = [results[b][i][3] for b in backends]
        total = step == "total"
        cells = [f"**{v:,.1f}**" if total else f"{v:,.1f}" for v in values]
        ratio = [f"{v / TARGET_MS:.2f}" if total else "" for v in values]
        print(f"| {label} | {units:,} | {step} | " + " | ".join(cells) + f" | {TARGET_MS if total else ''} | "
              + " | ".join(ratio) + " |")  # fmt: skip


if __name__ == "__main__":
    main()
