"""App benchmark: what a user waits for in Chromium, Orbit beside a minimal Scattergl app (the floor).

Usage::

    python benchmarks/app.py [--sizes 1000 3000 20000 50000] [--repeat 5]

For generated organisations of each size (:func:`orbit.generate.generate_csv`,
seed 0) it starts two Streamlit servers on free loopback ports: Orbit
(``app.py -- FILE``) and ``benchmarks/floor_app.py -- FILE``, a minimal app
that draws the same points and segments with Scattergl and nothing else. In
headless Chromium (Playwright, the system's ``/usr/bin/chromium``) it times,
from the input to the last render:

- **open**: loading the page until both diagrams are drawn and the app is
  idle (Orbit opens designs of ``FOLD_FROM`` units and more folded into
  departments; "open all units" is then the click on "Show all units" and
  every later row is measured on all units);
- **select (click)**: a click on a unit in the org chart (the chart's own
  ``plotly_click`` event, which a mouse click on the marker sends), until
  both diagrams show the selection's path and the detail panel names the unit;
- **select (search)**: typing the unit into the search and Enter (its name
  in the list of a design up to ``SEARCH_LIST_UP_TO`` units, its id in the
  text box of a bigger one); for the floor, typing the unit's id into its
  text box (it reruns and sends both charts with the path);
- **N slider**: one step of the slider by keyboard, until both diagrams are
  drawn again, or, for a design whose flags Orbit draws apart from the
  diagrams (``FLAGS_APART_FROM`` units and more), until both show the new
  N's flags (``data-orbit-n``, set once the flags are drawn).

It prints medians of ``--repeat`` runs (different units and N each time) and
the ratio Orbit / floor.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from orbit.app.diagrams import FOLD_FROM  # noqa: E402
from orbit.app.views.explore import SEARCH_LIST_UP_TO  # noqa: E402
from orbit.generate import generate_csv  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
IDLE = '() => !document.querySelector(\'[data-testid="stStatusWidget"] [data-testid^="stStatusWidgetRunning"]\')'
PLOTS = "Array.from(document.querySelectorAll('.js-plotly-plot'))"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(script: Path, csv: Path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port",
         str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", "--", str(csv)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def settle(page, timeout: float = 120_000) -> None:
    """Wait until streamlit is idle and the browser has painted twice."""
    page.wait_for_function(IDLE, timeout=timeout)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def mark_plots(page) -> None:
    """Remember the charts' current data and the N their flags show, to see when both have changed."""
    page.evaluate(
        f"() => {{ window.__before = {PLOTS}.map(g => g.data);"
        f" window.__beforeN = {PLOTS}.map(g => g.getAttribute('data-orbit-n')); }}"
    )


def redrawn(page, count: int = 2, timeout: float = 120_000) -> None:
    """Both charts drawn again, or (a big design in Orbit, whose flags are drawn apart) showing new flags."""
    page.wait_for_function(
        f"n => {{ const g = {PLOTS}; return g.length >= n && g.every((x, i) => x._fullLayout && ("
        "(x.data && x.data !== window.__before[i])"
        " || (x.getAttribute('data-orbit-n') && x.getAttribute('data-orbit-n') !== window.__beforeN[i]))); }",
        arg=count,
        timeout=timeout,
    )
    settle(page, timeout)


def open_page(page, url: str, query: str = "") -> float:
    t = time.perf_counter()
    page.goto(url + query)
    page.wait_for_function(f"() => {PLOTS}.length >= 2 && {PLOTS}.every(g => g._fullLayout)", timeout=300_000)
    settle(page, 300_000)
    return time.perf_counter() - t


def unit_ids(csv: Path, k: int) -> list[tuple[str, str]]:
    import pandas as pd

    t = pd.read_csv(csv, usecols=["id", "name"])
    step = max(len(t) // (k + 1), 1)
    return [(str(t["id"].iloc[i]), str(t["name"].iloc[i])) for i in range(step, step * (k + 1), step)][:k]


def bench_orbit(browser, url: str, csv: Path, n: int, repeat: int) -> dict:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    out: dict[str, list[float]] = {}
    out["open"] = [open_page(page, url)]
    page.wait_for_timeout(1500)  # the page reports its size once; let that rerun pass
    settle(page)
    if n >= FOLD_FROM:
        mark_plots(page)
        t = time.perf_counter()
        page.locator(".st-key-fold_all button").click()
        redrawn(page, timeout=300_000)
        out["open all units"] = [time.perf_counter() - t]
    units = unit_ids(csv, repeat * 2)
    clicks, searches = [], []
    for uid, name in units[:repeat]:
        t = time.perf_counter()
        page.evaluate(
            "id => document.querySelector('.st-key-box_tree .js-plotly-plot').emit('plotly_click',"
            " {points: [{customdata: id}]})",
            uid,
        )
        page.wait_for_function(
            "id => ['box_orbit', 'box_tree'].every(b => document.querySelector('.st-key-' + b + ' .js-plotly-plot')"
            ".getAttribute('data-orbit-selected') === id)",
            arg=uid,
            timeout=60_000,
        )
        page.locator(".st-key-detail_panel").get_by_text(name, exact=False).first.wait_for(timeout=60_000)
        settle(page)
        clicks.append(time.perf_counter() - t)
    listed = n <= SEARCH_LIST_UP_TO  # a list to pick from; beyond, a text box and its best matches
    for uid, name in units[repeat:]:
        box = page.locator(".st-key-search input" if listed else ".st-key-search_text input")
        box.click()
        box.fill(f"{name} ({uid})" if listed else uid)
        page.wait_for_timeout(300)  # the list filters as the user types; the timing starts at Enter
        t = time.perf_counter()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "id => document.querySelector('.st-key-box_orbit .js-plotly-plot').getAttribute('data-orbit-selected')"
            " === id",
            arg=uid,
            timeout=60_000,
        )
        settle(page)
        searches.append(time.perf_counter() - t)
    out["select (click)"], out["select (search)"] = clicks, searches
    out["N slider"] = slider(page, ".st-key-n_slider", repeat)
    page.close()
    return out


def slider(page, where: str, repeat: int) -> list[float]:
    thumb = page.locator(f"{where} input[type='range']")
    times = []
    for k in range(repeat):
        thumb.focus()
        mark_plots(page)
        t = time.perf_counter()
        page.keyboard.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
        redrawn(page)
        times.append(time.perf_counter() - t)
    return times


def bench_floor(browser, url: str, csv: Path, repeat: int) -> dict:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    out = {"open": [open_page(page, url)]}
    times = []
    for uid, _ in unit_ids(csv, repeat):
        box = page.locator(".st-key-unit input")
        box.fill(uid)
        mark_plots(page)
        t = time.perf_counter()
        box.press("Enter")
        page.get_by_text(f"selected: {uid}").wait_for(timeout=120_000)
        redrawn(page)
        times.append(time.perf_counter() - t)
    out["select (click)"] = out["select (search)"] = times
    out["N slider"] = slider(page, ".st-key-n", repeat)
    page.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 3000, 20000, 50000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in args.sizes:
            csv = Path(tmp) / f"generated-{n}.csv"
            generate_csv(csv, n, seed=0)
            with server(ROOT / "app.py", csv) as url:
                mine = bench_orbit(browser, url, csv, n, args.repeat)
            with server(ROOT / "benchmarks" / "floor_app.py", csv) as url:
                floor = bench_floor(browser, url, csv, args.repeat)
            for what, times in mine.items():
                base = floor.get(what if what != "open all units" else "open")
                rows.append((n, what, statistics.median(times), statistics.median(base) if base else None))
            print(f"done {n:,}", file=sys.stderr, flush=True)
        browser.close()
    head = f"{'units':>7} {'interaction':<18} {'Orbit ms':>9} {'floor ms':>9} {'ratio':>6}"
    print(head)
    print("-" * len(head))
    for n, what, mine_s, floor_s in rows:
        ratio = f"{mine_s / floor_s:6.2f}" if floor_s else "      "
        floor_ms = f"{floor_s * 1000:9.0f}" if floor_s else " " * 9
        print(f"{n:7,} {what:<18} {mine_s * 1000:9.0f} {floor_ms} {ratio}")


if __name__ == "__main__":
    main()
