"""The workshop app in Chromium: the projector's first screen, the boxed org chart, linked diagrams, the
customer's touchpoints, presenter keys, German. Screenshots go to tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import re

import pytest
from orgfiles import TWELVE
from test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, streamlit_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

IDLE = '() => !document.querySelector(\'[data-testid="stStatusWidget"] [data-testid^="stStatusWidgetRunning"]\')'
CHART = ".st-key-{} .js-plotly-plot"


def _ready(page, timeout: float = 60_000) -> None:
    page.wait_for_function(
        "() => ['box_orbit', 'box_tree'].every(b => { const g = document.querySelector('.st-key-' + b +"
        " ' .js-plotly-plot'); return g && g._fullLayout; })",
        timeout=timeout,
    )
    page.wait_for_timeout(600)
    page.wait_for_function(IDLE, timeout=timeout)
    page.wait_for_timeout(600)


def _visible_share(page, selector: str) -> float:
    """The share of an element's area inside the window."""
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
           const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
           const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
           return (w * h) / (r.width * r.height); }""",
        selector,
    )


def _point_px(page, box: str, unit: str) -> tuple[float, float]:
    """Where a unit is drawn in a chart, in page pixels (from the chart's own axes)."""
    return tuple(
        page.evaluate(
            """([sel, id]) => { const gd = document.querySelector(sel);
              for (const t of gd._fullData) { if (!t.customdata || !(t.mode || '').includes('markers')) continue;
                const j = Array.from(t.customdata).indexOf(id); if (j < 0) continue;
                const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, r = gd.getBoundingClientRect();
                return [r.left + xa._offset + xa.l2p(t.x[j]), r.top + ya._offset + ya.l2p(t.y[j])]; }
              return null; }""",
            [CHART.format(box), unit],
        )
    )


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app_url():
    with streamlit_server() as url:
        yield url


def test_the_projector_first_screen_shows_both_diagrams(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720})  # a first visit: nothing remembered
    page = context.new_page()
    try:
        for visit in ("first", "again"):
            page.goto(app_url)
            _ready(page)
            page.screenshot(path=str(ARTIFACTS / f"workshop-first-screen-{visit}-1280x720.png"))
            for box in ("box_orbit", "box_tree"):
                share = _visible_share(page, CHART.format(box))
                assert share >= 0.6, f"{visit} visit: only {share:.0%} of {box} on the first screen"
        assert "Deploy" not in page.locator("body").inner_text()
    finally:
        context.close()


def test_the_org_chart_of_twelve_units_names_every_unit_in_full(browser, tmp_path):
    path = tmp_path / "twelve.yaml"
    path.write_bytes(TWELVE)
    names = re.findall(r"\{id: \w+, name: ([^,]+),", TWELVE.decode())
    assert len(names) == 12
    with streamlit_server(path) as url:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(url)
        _ready(page)
        page.screenshot(path=str(ARTIFACTS / "workshop-org-chart-twelve.png"))
        shown = page.evaluate(
            """sel => { const gd = document.querySelector(sel); const t = gd.data.find(t => t.name === 'units');
               return Array.from(t.text); }""",
            CHART.format("box_tree"),
        )
        drawn = page.evaluate(  # what the SVG shows
            "() => Array.from(document.querySelectorAll('.st-key-box_tree .textpoint text')).map(t => t.textContent)"
        )
        page.close()
    plain = [re.sub(r"<[^>]+>", " ", s.replace("<br>", " ")) for s in shown]
    squeeze = [re.sub(r"[\s\-]", "", s) for s in plain]
    for name in names:
        assert re.sub(r"[\s\-]", "", name) in squeeze, name
    assert len([t for t in drawn if t.strip()]) >= len(names)


def test_selection_and_hover_in_one_diagram_show_in_the_other(browser, app_url):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(app_url)
        _ready(page)
        x, y = _point_px(page, "box_tree", "hotline")
        page.mouse.move(x, y)
        page.wait_for_function(
            "sel => document.querySelector(sel).getAttribute('data-orbit-hover') === 'hotline'",
            arg=CHART.format("box_orbit"),
            timeout=10_000,
        )
        assert page.locator(".st-key-box_orbit .hoverlayer .hovertext").count() >= 1  # its label in the other
        page.mouse.click(x, y)
        for box in ("box_orbit", "box_tree"):
            page.wait_for_function(
                "sel => document.querySelector(sel).getAttribute('data-orbit-selected') === 'hotline'",
                arg=CHART.format(box),
                timeout=20_000,
            )
        paths = page.evaluate(
            "sel => (document.querySelector(sel).layout.shapes || []).filter(s => s.name === 'overlay').length",
            CHART.format("box_orbit"),
        )
        assert paths >= 2  # the path and the ring
        page.locator(".st-key-detail_panel").get_by_text("Service-Hotline").first.wait_for(timeout=20_000)
        page.wait_for_url(re.compile(r"[?&]unit=hotline"), timeout=30_000)  # set at the end of the run
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "workshop-selected.png"))
        # the customer: its touchpoints
        cx, cy = _point_px(page, "box_orbit", "customer")
        page.mouse.click(cx, cy)
        page.locator(".st-key-detail_panel").get_by_text("The customer's touchpoints").wait_for(timeout=20_000)
    finally:
        page.close()


def test_presenter_mode_steps_with_the_keyboard(browser, app_url):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(app_url)
        _ready(page)
        page.get_by_role("button", name="Present").click()
        heading = page.locator(".st-key-present_head h1")
        heading.get_by_text("Today").wait_for(timeout=30_000)
        seen = []
        for title in ("The proposal", "What moved", "Journeys"):
            page.wait_for_function(IDLE, timeout=30_000)
            page.wait_for_timeout(800)  # the page script listens once it is mounted
            page.keyboard.press("ArrowRight")
            heading.get_by_text(title).wait_for(timeout=30_000)
            seen.append(title)
            page.screenshot(path=str(ARTIFACTS / f"workshop-presenter-{len(seen)}.png"))
        assert not page.locator("section[data-testid='stSidebar']").is_visible()
        page.wait_for_timeout(800)
        page.keyboard.press("ArrowLeft")
        heading.get_by_text("What moved").wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        page.keyboard.press("Escape")
        page.get_by_role("tab", name="Explore").wait_for(timeout=30_000)
    finally:
        page.close()


def test_german_after_switching(browser, app_url):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(app_url)
        _ready(page)
        page.locator("section[data-testid='stSidebar']").get_by_text("Deutsch").click()
        page.get_by_role("tab", name="Erkunden").wait_for(timeout=30_000)
        _ready(page)
        checked = page.locator(".st-key-via_de input[type='radio']:checked")
        assert checked.count() == 1  # the relations radio shows its choice in German too
        label = page.evaluate(
            "() => document.querySelector(\".st-key-via_de input[type='radio']:checked\").closest('label').innerText"
        )
        assert "Beide" in label
        body = page.locator("body").inner_text()
        for german in ("Höchstens N Schritte", "Welche Beziehungen zählen", "Präsentieren", "Organigramm"):
            assert german in body, german
        for english in ("Max hops", "Relations that count", "Org chart"):
            assert english not in body, english
        page.screenshot(path=str(ARTIFACTS / "workshop-german.png"))
    finally:
        page.close()
