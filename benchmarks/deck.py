"""Board pack benchmark: how long ``orbit deck`` takes for the sample pairs and for generated organisations.

Usage::

    python benchmarks/deck.py [--sizes 1000 10000] [--repeat 3]

One row per deck: the story (analysis, folding, layouts, label placement),
the PowerPoint file and the PDF, each the median of ``--repeat`` runs, in
seconds, with the slide count and the units drawn per orbit view. The floor
is interactive use: a deck of the samples should be ready in a few seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import orbit  # noqa: E402
from orbit.generate import generate_org  # noqa: E402
from orbit.render.deck import build_story, deck_pdf, deck_pptx  # noqa: E402


def timed(fn, repeat: int):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    cases = []
    for a, b in (("bank-classic", "bank-orbit"), ("maschinenbau-classic", "maschinenbau-orbit")):
        cases.append(
            (
                f"{a} → {b}",
                orbit.load(ROOT / "sample_orgs" / f"{a}.yaml"),
                orbit.load(ROOT / "sample_orgs" / f"{b}.yaml"),
            )
        )
    for n in args.sizes:
        cases.append((f"generated {n:,} units (one design)", generate_org(n, seed=1), None))
    print("| deck | slides | units drawn | story s | pptx s | pdf s | total s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, a, b in cases:
        t_story, story = timed(lambda a=a, b=b: build_story(a, b), args.repeat)
        t_pptx, _ = timed(lambda story=story: deck_pptx(story), args.repeat)
        t_pdf, _ = timed(lambda story=story: deck_pdf(story), args.repeat)
        drawn = " / ".join(f"{len(d.orbit_org):,}" for d in story.designs)
        total = t_story + t_pptx + t_pdf
        print(f"| {name} | {len(story.slides)} | {drawn} | {t_story:.1f} | {t_pptx:.1f} | {t_pdf:.1f} | {total:.1f} |")


if __name__ == "__main__":
    main()
