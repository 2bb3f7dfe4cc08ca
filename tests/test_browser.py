"""The app in a real browser: start streamlit, drive Chromium with Playwright.

Needs the system Chromium at /usr/bin/chromium (no browser download). Without
it the test is skipped, unless ORBIT_REQUIRE_BROWSER=1 (CI), where it fails.
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server():
    """A streamlit server on a free port; always terminated."""
    _require_browser()
    port = _free_port()
    log = open(ARTIFACTS / "streamlit-browser-test.log", "w") if ARTIFACTS.exists() else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(
        [
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
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
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
            for _ in range(3):  # plotly may still be settling its size right after the first render
                page.mouse.move(x, y)
                page.wait_for_timeout(400)
                page.mouse.down()
                page.mouse.up()
                try:
                    panel.wait_for(state="visible", timeout=10_000)
                    break
                except Exception:
                    page.wait_for_timeout(1000)
            panel.wait_for(state="visible", timeout=10_000)
            assert "Path to the customer" in panel.inner_text()
            assert "unit=" in page.url
            panel.scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            page.screenshot(path=str(ARTIFACTS / "browser-2-unit-selected.png"))

            # upload a design
            page.locator("section[data-testid='stSidebar'] input[type='file']").set_input_files(str(upload))
            page.get_by_text("Opened tiny.csv: 2 units.").wait_for(timeout=30_000)
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
