"""The app in a real browser: start streamlit, drive Chromium with Playwright.

Needs the system Chromium at /usr/bin/chromium (no browser download). Without
it the test is skipped, unless ORBIT_REQUIRE_BROWSER=1 (CI), where it fails.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TINY_CSV = "id,name,kind,parent,headcount,serves\nboss,Boss,leadership,,1,\ndesk,Front desk,team,boss,5,customer\n"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _require_browser() -> None:
    required = os.environ.get("ORBIT_REQUIRE_BROWSER") == "1"
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            missing = "the playwright package is not installed"
    if missing:
        if required:
            pytest.fail(f"ORBIT_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(
    *files: str | Path,
    env: dict | None = None,
    log_name: str = "streamlit-browser-test.log",
    port: int | None = None,
    options: dict | None = None,
):
    """A streamlit server of the app on a free loopback port (its URL), opening ``files``; always terminated.

    ``files`` are given as ``streamlit run app.py -- FILES``; ``env`` is added
    to this process's environment (``ORBIT_DATABASE_URL``: tests/conftest.py
    gives every test a throwaway library); ``options`` are more streamlit
    options (``{"secrets.files": path}``); ``port`` a port chosen beforehand.
    """
    if not all(isinstance(f, str | Path) for f in files):  # env and log_name are keywords only
        raise TypeError(f"files are paths, not {files!r}")
    _require_browser()
    port = port or free_port()
    log = open(ARTIFACTS / log_name, "a") if ARTIFACTS.exists() else subprocess.DEVNULL  # noqa: SIM115
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    for option, value in (options or {}).items():
        command += [f"--{option}", str(value)]
    proc = subprocess.Popen(
        [*command, *(["--", *map(str, files)] if files else [])],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited with code {proc.returncode}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail("streamlit did not become healthy within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if log is not subprocess.DEVNULL:
            log.close()


@pytest.fixture
def server():
    """A streamlit server on a free port, on the test's throwaway library; always terminated."""
    with streamlit_server() as url:
        yield url


def test_click_upload_download(server, tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    upload = tmp_path / "tiny.csv"
    upload.write_text(TINY_CSV)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1100}, accept_downloads=True)
            page.goto(server)
            page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(ARTIFACTS / "browser-1-first-screen.png"))

            # click a unit in the orbit diagram: the largest marker of the first chart
            orbit_chart = page.locator(".js-plotly-plot").first
            orbit_chart.scroll_into_view_if_needed()
            points = orbit_chart.locator(".scatterlayer .trace .points path.point")
            boxes = [b for b in (points.nth(i).bounding_box() for i in range(min(points.count(), 400))) if b]
            assert boxes, "no unit markers in the orbit diagram"
            units = [b for b in boxes if b["width"] < 40]  # the customer at the centre is the biggest marker
            target = max(units or boxes, key=lambda b: b["width"])
            x, y = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
            panel = page.locator(".st-key-detail_panel")
            # the panel shows "How to read" (which speaks of "its path to the customer") until a unit is chosen
            path = panel.get_by_text("Path to the customer", exact=True)
            for _ in range(3):  # plotly may still be settling its size right after the first render
                page.mouse.move(x, y)
                page.wait_for_timeout(400)
                page.mouse.down()
                page.mouse.up()
                try:
                    path.first.wait_for(state="visible", timeout=10_000)
                    break
                except Exception:
                    page.wait_for_timeout(1000)
            path.first.wait_for(state="visible", timeout=10_000)
            assert "Path to the customer" in panel.inner_text()
            page.wait_for_url(re.compile(r"[?&]unit="), timeout=30_000)  # the address bar follows at the run's end
            panel.scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            page.screenshot(path=str(ARTIFACTS / "browser-2-unit-selected.png"))

            # upload a design
            page.locator("section[data-testid='stSidebar'] input[type='file']").set_input_files(str(upload))
            page.get_by_text("Saved tiny.csv as the design tiny: 2 units.").wait_for(timeout=30_000)
            page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=30_000)
            page.wait_for_timeout(1000)
            page.screenshot(path=str(ARTIFACTS / "browser-3-uploaded.png"))

            # download the orbit view as PNG from the Export tab
            page.get_by_role("tab", name="Export").click()
            button = page.get_by_role("button", name="PNG").first
            button.wait_for(timeout=30_000)
            with page.expect_download(timeout=60_000) as info:
                button.click()
            path = info.value.path()
            data = Path(path).read_bytes()
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
            (ARTIFACTS / "browser-download-orbit.png").write_bytes(data)
            page.screenshot(path=str(ARTIFACTS / "browser-4-export.png"))
        finally:
            browser.close()


# ------------------------------------------------------ concurrent sessions
SESSION_WORDS = ("Alpha", "Bravo", "Charlie", "Delta", "Echo")
PLOTS_JS = "Array.from(document.querySelectorAll('.js-plotly-plot'))"


def _session_tokens(i: int, word: str) -> dict[str, str]:
    """What session ``i`` uploads and types; every token names the session and no other."""
    return {
        "team": f"{word}-Team-{i}",
        "edited": f"{word}-Edited-{i}",
        "file": f"{word.lower()}_team_{i}",
    }


def _session_design(tokens: dict[str, str]) -> str:
    team = tokens["team"]
    return (
        f"name: {team} design\n"
        "units:\n"
        f"  - {{id: lead, name: {team} lead, kind: leadership, headcount: 1}}\n"
        f"  - {{id: desk, name: {team} desk, kind: team, parent: lead, headcount: 4, serves: [customer]}}\n"
        f"  - {{id: back, name: {team} back office, kind: team, parent: lead, headcount: 3, serves: [desk]}}\n"
    )


async def _idle(page, timeout: float = 60_000) -> None:
    """Wait until the app has finished its run (streamlit's running indicator is gone)."""
    await page.wait_for_timeout(300)
    await page.wait_for_function(
        '() => !document.querySelector(\'[data-testid="stStatusWidget"] [data-testid^="stStatusWidgetRunning"]\')',
        timeout=timeout,
    )


async def _rename_first_unit(page, new_name: str) -> None:
    """Type a new name for the first row in the Edit tab's data editor (keyboard, as a user would)."""
    tab = page.get_by_role("tab", name="Edit (what-if)")
    grid = page.locator("[data-testid='stDataFrame']").first
    editor = page.locator("textarea.gdg-input")
    for _attempt in range(6):
        if await tab.get_attribute("aria-selected") != "true":
            await tab.click()
        await _idle(page)
        await grid.locator("canvas").first.wait_for(timeout=60_000)
        box = await grid.bounding_box()
        # the first column holds the row checkboxes (num_rows="dynamic"); then id, name, ...
        await page.mouse.click(box["x"] + 34 + 20, box["y"] + 35 + 17)  # row 1, column id
        in_grid = await page.evaluate(
            "() => !!(document.activeElement && document.activeElement.closest('[data-testid=\"stDataFrame\"]'))"
        )
        if not in_grid:  # the grid was not ready: arrow keys would move the tabs instead
            await page.wait_for_timeout(500)
            continue
        await page.keyboard.press("ArrowRight")  # column name
        await page.keyboard.press("Enter")  # open the cell editor
        try:
            await editor.wait_for(timeout=5_000)
            break
        except Exception:
            await page.keyboard.press("Escape")
    else:
        await page.screenshot(path=str(ARTIFACTS / f"browser-edit-failed-{new_name}.png"))
        raise AssertionError(f"could not open the cell editor to type {new_name}")
    await page.keyboard.press("Control+a")
    await page.keyboard.type(new_name)
    await editor.evaluate("(t, v) => new Promise((ok, no) => t.value === v ? ok() : no(t.value))", new_name)
    await page.wait_for_timeout(300)  # the grid reads the typed value from its own state
    await page.keyboard.press("Enter")  # commit: the app reruns with the edit


async def _plot_data(page) -> str:
    return await page.evaluate(f"() => {PLOTS_JS}.map(g => JSON.stringify(g.data)).join('\\n')")


async def _one_session(browser, url: str, i: int, word: str, folder: Path, barrier) -> dict:
    import asyncio

    tokens = _session_tokens(i, word)
    upload = folder / f"{tokens['file']}.yaml"
    upload.write_text(_session_design(tokens))
    context = await browser.new_context(viewport={"width": 1500, "height": 1000})  # own cookies and storage
    try:
        page = await context.new_page()
        await page.goto(url)
        await page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=90_000)
        await barrier.wait()  # all five start uploading at the same moment
        started = time.monotonic()
        await page.locator("section[data-testid='stSidebar'] input[type='file']").set_input_files(str(upload))
        await page.get_by_text(f"Saved {upload.name} as the design {tokens['file']}: 3 units.").wait_for(timeout=90_000)
        await page.get_by_role("tab", name="Edit (what-if)").click()
        for attempt in range(3):
            await _rename_first_unit(page, tokens["edited"])
            try:
                await page.get_by_text("Last change:").wait_for(timeout=30_000 if attempt == 2 else 10_000)
                break
            except Exception:
                if attempt == 2:
                    raise
                await asyncio.sleep(0.5)
        await page.wait_for_function(
            f"v => {PLOTS_JS}.some(g => JSON.stringify(g.data).includes(v))",
            arg=tokens["edited"],
            timeout=60_000,
        )
        edited = time.monotonic()
        edit_html = await page.content()
        edit_plots = await _plot_data(page)
        await page.get_by_role("tab", name="Explore").click()
        await page.wait_for_function(
            f"v => {PLOTS_JS}.length >= 2 && {PLOTS_JS}.every(g => JSON.stringify(g.data).includes(v))",
            arg=tokens["edited"],
            timeout=60_000,
        )
        await page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
        await page.wait_for_timeout(800)
        shot = ARTIFACTS / f"browser-session-{i}-{word.lower()}.png"
        await page.screenshot(path=str(shot))
        return {
            "tokens": tokens,
            "started": started,
            "edited": edited,
            "url": page.url,
            "html": edit_html + "\n" + await page.content(),
            "plots": edit_plots + "\n" + await _plot_data(page),
            "text": await page.locator("body").inner_text(),
            "screenshot": shot,
        }
    finally:
        await context.close()


def test_five_concurrent_sessions_keep_their_designs_apart(server, tmp_path):
    """Five users on one server at once, each uploading and editing their own design.

    The designs are shared through the library (each session's picker may
    list the others' uploads), but what each session has open, its charts,
    its edits and its address bar are its own.
    """
    import asyncio

    from playwright.async_api import async_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    async def drive():
        barrier = asyncio.Barrier(len(SESSION_WORDS))
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return await asyncio.gather(
                    *(
                        _one_session(browser, server, i, word, tmp_path, barrier)
                        for i, word in enumerate(SESSION_WORDS, start=1)
                    )
                )
            finally:
                await browser.close()

    results = asyncio.run(drive())

    # the server really handled them at once: every session was still editing when the last one started
    assert max(r["started"] for r in results) < min(r["edited"] for r in results)
    for r in results:
        own = r["tokens"]
        assert own["team"] in r["text"] and own["team"] in r["plots"]
        assert own["edited"] in r["plots"]  # the session's own edit, in its own charts
        assert f"design=library%3A{own['file']}" in r["url"]
        seen = "\n".join((r["plots"], r["url"]))
        for other in results:
            if other is r:
                continue
            for token in other["tokens"].values():
                assert token not in seen, f"session {own['team']} shows {token} from another session"
        assert r["screenshot"].stat().st_size > 10_000


def test_import_step_of_a_file_with_freely_named_columns(server, tmp_path):
    """An agency list (no 'id' column, self-parents, a repeated row) imports through the import step."""
    from playwright.sync_api import sync_playwright
    from test_import import AGENCIES

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    upload = tmp_path / "agencies.csv"
    upload.write_bytes(AGENCIES.encode("mac_roman"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width, height in ((1280, 720), (1920, 1080)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(server)
                page.wait_for_selector(".js-plotly-plot", timeout=60_000)
                page.locator("section[data-testid='stSidebar'] input[type='file']").set_input_files(str(upload))
                page.get_by_text("Import agencies.csv").wait_for(timeout=30_000)
                page.get_by_text("Merge rows repeating an id").wait_for(timeout=30_000)
                page.wait_for_timeout(800)
                page.screenshot(path=str(ARTIFACTS / f"browser-import-{width}.png"), full_page=True)
                assert page.locator(".js-plotly-plot").count() == 0  # no diagrams before confirming
                if width == 1280:  # the first import: switch the fixes on
                    for label in ("Merge rows repeating", "their own parent", "not in the file"):
                        page.locator("label", has_text=label).first.click()
                        page.wait_for_timeout(600)
                else:  # the same headers again: remembered, one click
                    page.get_by_text("Settings of the last import with these columns").wait_for(timeout=10_000)
                button = page.get_by_role("button", name="Import and show the diagrams")
                button.wait_for(timeout=10_000)
                page.wait_for_function(
                    "() => [...document.querySelectorAll('button')].some("
                    "b => b.innerText.includes('Import and show') && !b.disabled)",
                    timeout=20_000,
                )
                button.click()
                page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=60_000)
                page.wait_for_timeout(1000)
                page.screenshot(path=str(ARTIFACTS / f"browser-import-done-{width}.png"))
                assert page.get_by_text("Department of Justice").count() >= 1
                page.close()
        finally:
            browser.close()
