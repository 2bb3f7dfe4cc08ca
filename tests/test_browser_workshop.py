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


FLAGS = """box => { const g = document.querySelector('.st-key-' + box + ' .js-plotly-plot');
  const c = g && g.querySelector('canvas.orbit-flags');
  return g && [g.getAttribute('data-orbit-n'), c ? Number(c.getAttribute('data-orbit-marks')) : null]; }"""


def _flag_pixels(page, box: str, unit: str) -> int:
    """Painted pixels of the flags' canvas within 3 px of where a unit is drawn."""
    return page.evaluate(
        """([sel, id]) => { const gd = document.querySelector(sel), cv = gd.querySelector('canvas.orbit-flags');
          for (const t of gd._fullData) { if (!t.customdata || !(t.mode || '').includes('markers')) continue;
            const j = Array.from(t.customdata).indexOf(id); if (j < 0) continue;
            const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, k = cv.width / gd._fullLayout.width;
            const x = (xa._offset + xa.l2p(t.x[j])) * k, y = (ya._offset + ya.l2p(t.y[j])) * k;
            const px = cv.getContext('2d').getImageData(Math.round(x) - 3, Math.round(y) - 3, 7, 7).data;
            let n = 0; for (let i = 3; i < px.length; i += 4) n += px[i] > 0; return n; }
          return null; }""",
        [CHART.format(box), unit],
    )


def _farthest_from_flags(page, box: str, units: list) -> tuple[str, float]:
    """Of ``units``, the one drawn farthest from every flag the chart shows, and that distance in pixels."""
    return tuple(
        page.evaluate(
            """([sel, ids]) => { const gd = document.querySelector(sel), xa = gd._fullLayout.xaxis,
              ya = gd._fullLayout.yaxis, pts = gd.__orbitMarks.pts.map(p => [xa.l2p(p[0]), ya.l2p(p[1])]);
              const want = new Set(ids); let best = [null, -1];
              for (const t of gd._fullData) { if (!t.customdata || !(t.mode || '').includes('markers')) continue;
                for (let j = 0; j < t.customdata.length; j++) { if (!want.has(t.customdata[j])) continue;
                  const x = xa.l2p(t.x[j]), y = ya.l2p(t.y[j]);
                  let d = Infinity; for (const p of pts) d = Math.min(d, Math.hypot(p[0] - x, p[1] - y));
                  if (d > best[1]) best = [t.customdata[j], d]; } }
              return best; }""",
            [CHART.format(box), units],
        )
    )


def test_a_new_n_on_a_big_design_draws_its_flags_without_redrawing_the_diagrams(browser, tmp_path):
    import orbit
    from orbit.app.diagrams import FOLD_FROM
    from orbit.generate import generate_csv
    from orbit.render.interactive.common import FLAGS_APART_FROM

    path = tmp_path / "big.csv"
    generate_csv(path, max(FLAGS_APART_FROM, FOLD_FROM) + 300, seed=6)
    org = orbit.load(path)
    analyses = {n: orbit.analyse(org, max_hops=n) for n in (3, 4)}
    ids = org.units["id"].to_numpy(dtype=object)
    flagged3 = ids[analyses[3].flagged & analyses[3].reachable]
    only3 = ids[analyses[3].flagged & ~analyses[4].flagged]  # flagged at N = 3, not at N = 4
    with streamlit_server(path) as url:
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        try:
            page.goto(url)
            _ready(page, timeout=120_000)
            page.locator(".st-key-fold_all button").click()  # opens folded: show every unit
            for box in ("box_orbit", "box_tree"):
                page.wait_for_function(f"b => ({FLAGS})(b)[0] === '3|both|{len(flagged3)}' || null", arg=box,
                                       timeout=120_000)  # fmt: skip
            _ready(page, timeout=120_000)
            for box in ("box_orbit", "box_tree"):
                assert page.evaluate(FLAGS, box)[1] == int(analyses[3].flagged.sum())
                assert _flag_pixels(page, box, flagged3[0]) > 20  # a dark red diamond where the unit is
            page.evaluate(
                "() => { window.__data = Array.from(document.querySelectorAll('.js-plotly-plot'), g => g.data); }"
            )
            page.locator(".st-key-n_slider input[type='range']").focus()
            page.keyboard.press("ArrowRight")
            for box in ("box_orbit", "box_tree"):
                page.wait_for_function(f"b => (({FLAGS})(b)[0] || '').startsWith('4|')", arg=box, timeout=60_000)
                assert page.evaluate(FLAGS, box)[1] == int(analyses[4].flagged.sum())
                gone, room = _farthest_from_flags(page, box, list(only3))
                assert room > 12 and _flag_pixels(page, box, gone) == 0  # a unit flagged only at N = 3 lost its flag
            # hovering a flagged unit says so under its label; an unflagged one does not
            plain = ids[~analyses[4].flagged][0]
            for unit, shown in ((ids[analyses[4].flagged & analyses[4].reachable][-1], True), (plain, False)):
                page.mouse.move(*_point_px(page, "box_orbit", unit))
                page.wait_for_timeout(600)
                tip = page.evaluate(
                    "sel => { const t = document.querySelector(sel + ' .orbit-flagtip');"
                    " return t && t.style.display !== 'none' ? t.textContent : null; }",
                    CHART.format("box_orbit"),
                )
                label = page.evaluate(
                    "sel => { const h = document.querySelector(sel + ' .hoverlayer .hovertext');"
                    " return h && h.textContent; }",
                    CHART.format("box_orbit"),
                )
                assert tip == ("⚑ flagged: more than 4 steps" if shown else None), (unit, tip, label)
            page.screenshot(path=str(ARTIFACTS / "workshop-big-n4.png"))
            same = page.evaluate(
                "() => Array.from(document.querySelectorAll('.js-plotly-plot'), (g, i) => g.data === window.__data[i])"
            )
            assert same[:2] == [True, True]  # neither diagram was sent or drawn again
            # the flags follow a zoom
            unit = ids[analyses[4].flagged & analyses[4].reachable][0]
            before = _flag_pixels(page, "box_tree", unit)
            page.evaluate(
                "sel => { const gd = document.querySelector(sel), xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;"
                " return window.Plotly.relayout(gd, {'xaxis.range': [xa.range[0] * 0.6 + xa.range[1] * 0.4,"
                " xa.range[0] * 0.4 + xa.range[1] * 0.6], 'yaxis.range': ya.range.slice()}); }",
                CHART.format("box_tree"),
            )
            page.wait_for_timeout(500)
            assert before > 20
            drawn = page.evaluate(
                "sel => { const gd = document.querySelector(sel); return gd.querySelector('canvas.orbit-flags')"
                ".getAttribute('data-orbit-marks'); }",
                CHART.format("box_tree"),
            )
            assert int(drawn) == int(analyses[4].flagged.sum())
        finally:
            page.close()
