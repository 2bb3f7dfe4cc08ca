"""Board pack benchmark: how long ``orbit deck`` takes, as a user runs it, for the sample pairs and generated designs.

Usage::

    python benchmarks/deck.py [--sizes 1000 10000] [--repeat 3] [--base DIR]

Each deck is built by ``orbit deck`` in a fresh Python process (imports,
analysis, layouts, label placement and writing all counted, nothing
cached), as PowerPoint and as PDF; the figure is the median wall time of
``--repeat`` runs, in seconds. ``--base DIR`` runs the same commands on
another checkout of Orbit (for example the commit before a change:
``git archive COMMIT | tar -x -C DIR``) and prints the ratio this / base.
A second table splits this checkout's time into the story (analysis,
folding, layouts, fitting), the PowerPoint writer and the PDF pages, in one
process. The floor is interactive use: a sample pair's deck should be
ready in a few seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAIRS = (("bank-classic", "bank-orbit"), ("maschinenbau-classic", "maschinenbau-orbit"))


def cli_seconds(code: Path, args: list[str], repeat: int) -> float:
    """Median wall time of ``orbit deck ARGS`` run from the checkout ``code`` in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(code), "MPLBACKEND": "Agg"}
    run = "import sys; from orbit.cli import main; sys.exit(main(sys.argv[1:]))"
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", run, "deck", *args], env=env, cwd=code, capture_output=True, text=True
        )
        times.append(time.perf_counter() - t)
        if done.returncode != 0:
            raise SystemExit(f"orbit deck {' '.join(args)} failed in {code}: {done.stderr.strip()}")
    return statistics.median(times)


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
    ap.add_argument("--base", type=Path, help="another checkout of Orbit to compare with")
    args = ap.parse_args()

    import orbit
    from orbit.formats import dumps
    from orbit.generate import generate_org

    with tempfile.TemporaryDirectory() as tmp:
        cases = [(f"{a} → {b}", [str(ROOT / "sample_orgs" / f"{x}.yaml") for x in (a, b)]) for a, b in PAIRS]
        for n in args.sizes:
            path = Path(tmp) / f"generated-{n}.yaml"
            path.write_bytes(dumps(generate_org(n, seed=1), "yaml")[0])
            cases.append((f"generated {n:,} units (one design)", [str(path)]))

        head = "| deck | output | seconds |" + (" base s | ratio |" if args.base else "")
        print(head)
        print("| --- | --- | ---: |" + (" ---: | ---: |" if args.base else ""))
        for name, files in cases:
            for fmt in ("pptx", "pdf"):
                out = str(Path(tmp) / f"deck.{fmt}")
                now = cli_seconds(ROOT, [*files, "-o", out, "--lang", "de"], args.repeat)
                row = f"| {name} | {fmt} | {now:.1f} |"
                if args.base:
                    then = cli_seconds(args.base.resolve(), [*files, "-o", out, "--lang", "de"], args.repeat)
                    row += f" {then:.1f} | {now / then:.2f} |"
                print(row, flush=True)

        from orbit.render.deck import build_story, deck_pdf, deck_pptx

        print()
        print("| deck (one process, warm) | slides | units drawn | story s | pptx s | pdf s |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, files in cases:
            orgs = [orbit.load(f) for f in files]
            t_story, story = timed(lambda orgs=orgs: build_story(*orgs, lang="de"), args.repeat)
            t_pptx, _ = timed(lambda story=story: deck_pptx(story), args.repeat)
            t_pdf, _ = timed(lambda story=story: deck_pdf(story), args.repeat)
            drawn = " / ".join(f"{len(d.orbit_org):,}" for d in story.designs)
            times = f"{t_story:.1f} | {t_pptx:.1f} | {t_pdf:.1f}"
            print(f"| {name} | {len(story.slides)} | {drawn} | {times} |", flush=True)


if __name__ == "__main__":
    main()
