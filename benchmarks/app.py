"""App benchmark: server-side rerun times, measured with streamlit's AppTest.

Usage::

    python benchmarks/app.py [--sizes 1000 10000] [--repeat 5]

For the bundled default design and generated organisations of each size
(:func:`orbit.generate.generate_org`, uploaded as CSV through the sidebar's
uploader) it prints one row per interaction: the first render after the
upload (cold caches), moving the N slider on the Explore tab (the issue's
target: under 300 ms for 1,000 units), moving it on the Analysis tab,
selecting a unit, and opening the Compare tab. Times are whole ``AppTest.run``
calls (script run plus AppTest's own bookkeeping, which a browser session
does not pay), best and median of ``--repeat`` runs with a different N each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from orbit.app import loading  # noqa: E402
from orbit.generate import generate_csv  # noqa: E402

APP = str(ROOT / "app.py")
LABELS = {"explore": "Explore", "analysis": "Analysis", "compare": "Compare"}


def timed(at: AppTest) -> float:
    t = time.perf_counter()
    at.run(timeout=300)
    dt = time.perf_counter() - t
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    return dt


def tab(at: AppTest, view: str) -> float:
    at.session_state["view_tab"] = LABELS[view]
    return timed(at)


def slider_reruns(at: AppTest, repeat: int) -> list[float]:
    times = []
    for k in range(repeat):
        at.slider(key="max_hops").set_value(2 + (k % 2) * 2 + (k // 2) % 3)
        times.append(timed(at))
    return times


def bench(label: str, upload: Path | None, repeat: int) -> list[tuple]:
    at = AppTest.from_file(APP, default_timeout=300)
    rows = []
    first = timed(at)
    if upload is not None:
        at.file_uploader(key="uploader").set_value((upload.name, upload.read_bytes(), "text/csv"))
        first = timed(at)
    rows.append((label, "first render (cold)", [first]))
    rows.append((label, "N slider, Explore tab", slider_reruns(at, repeat)))
    design = at.session_state["designs"][at.session_state["current"]]
    ids = loading.organisation(design).units["id"].tolist()
    times = []
    for k in range(min(repeat, 3)):
        at.selectbox(key="search").set_value(ids[(k * 7919) % len(ids)])
        times.append(timed(at))
    rows.append((label, "select a unit", times))
    tab(at, "analysis")
    rows.append((label, "N slider, Analysis tab", slider_reruns(at, repeat)))
    rows.append((label, "open Compare tab", [tab(at, "compare")]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = bench("sample (119 units)", None, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"generated-{n}.csv"
            generate_csv(path, n, seed=0)
            rows += bench(f"generated {n:,}", path, args.repeat)
    head = f"{'design':<20} {'interaction':<26} {'best ms':>8} {'median ms':>10} {'runs':>5}"
    print(head)
    print("-" * len(head))
    for label, what, times in rows:
        print(
            f"{label:<20} {what:<26} {min(times) * 1000:8.0f} {statistics.median(times) * 1000:10.0f} {len(times):5d}"
        )


if __name__ == "__main__":
    main()
