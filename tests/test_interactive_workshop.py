"""The app's diagrams as data: boxed org chart with full names, paths along the reporting lines, callouts inside
the plot, ring names clear of the units, overlays apart from the figures."""

from __future__ import annotations

import itertools
import re

import numpy as np
import plotly.io as pio
from hypothesis import given, settings
from hypothesis import strategies as st
from orgfiles import TWELVE

import orbit
from orbit.generate import generate_org
from orbit.layout import orbit_layout
from orbit.layout.chart import reporting_lines, reporting_route
from orbit.render import hierarchy_positions, interactive
from orbit.render.interactive.overlay import hierarchy_overlay, orbit_overlay
from orbit.render.labels import callout_spots


def _plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.replace("<br>", " ")).split())


def test_the_org_chart_of_a_twelve_unit_design_names_every_unit_in_full():
    org = orbit.load(TWELVE, name="twelve.yaml")
    a = orbit.analyse(org)
    fig = interactive.hierarchy_figure(a, hierarchy_positions(org), height=520, plot_px=560)
    (units,) = [t for t in fig.data if t.name == "units"]
    shown = {uid: _plain(text).replace("- ", "-") for uid, text in zip(units.customdata, units.text, strict=True)}
    for uid, name in zip(org.units["id"], org.units["name"], strict=True):
        # wrapped onto lines, maybe hyphenated, never cut
        assert shown[uid].replace("-", "").replace(" ", "") == name.replace("-", "").replace(" ", ""), uid
        assert "…" not in shown[uid]
    counts = next(t for t in fig.data if t.name == "headcount")
    assert list(counts.text) == [f"{h:,}" for h in org.units["headcount"]]  # the headcount in each box
    assert fig.layout.dragmode == "pan" and fig.layout.meta["orbit_text"]  # pan, and text that zooms with it


def test_flagged_units_are_outlined_in_the_org_chart():
    org = orbit.load(TWELVE, name="twelve.yaml")
    a = orbit.analyse(org, max_hops=1)
    fig = interactive.hierarchy_figure(a, hierarchy_positions(org))
    outlines = [t for t in fig.data if t.mode == "lines" and t.fill is None and t.line.width == 2.2]
    assert outlines
    corners = int(np.isfinite(np.asarray(outlines[0].x, dtype=float)).sum())
    assert corners == 5 * int(a.units["flagged"].sum())  # one closed outline per flagged unit


def _within(v: float, lo: float, hi: float) -> bool:
    return min(lo, hi) - 1e-9 <= v <= max(lo, hi) + 1e-9


def _on_lines(segs: np.ndarray, a, b) -> bool:
    """Whether the step ``a b`` lies on one of the drawn segments (vertical or horizontal)."""
    for (x0, y0), (x1, y1) in segs:
        vertical = abs(x0 - x1) < 1e-9 and abs(a[0] - x0) < 1e-9 and abs(b[0] - x0) < 1e-9
        if vertical and _within(a[1], y0, y1) and _within(b[1], y0, y1):
            return True
        horizontal = abs(y0 - y1) < 1e-9 and abs(a[1] - y0) < 1e-9 and abs(b[1] - y0) < 1e-9
        if horizontal and _within(a[0], x0, x1) and _within(b[0], x0, x1):
            return True
    return False


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 90), seed=st.integers(0, 10_000))
def test_a_route_runs_along_the_reporting_lines_the_chart_draws(n, seed):
    org = generate_org(n, seed=seed)
    pos = hierarchy_positions(org)
    segs = reporting_lines(org, pos, centres=True)
    for uid, parent in zip(org.units["id"], org.units["parent"], strict=True):
        route = reporting_route(org, pos, uid)
        if not isinstance(parent, str):
            assert len(route) == 1
            continue
        assert np.allclose(route[0], pos[uid]) and np.allclose(route[-1], pos[parent])
        for a, b in itertools.pairwise(route):
            assert _on_lines(segs, a, b), (uid, a, b)


@settings(max_examples=60, deadline=None)
@given(
    points=st.lists(st.tuples(st.floats(-90, 90), st.floats(-90, 90)), min_size=1, max_size=6),
    width=st.floats(10, 60),
)
def test_callouts_stay_inside_the_plot(points, width):
    pts = np.array(points)
    spots = callout_spots(pts, [width] * len(pts), 12.0, [6.0] * len(pts), (-100, 100, -100, 100))
    for (x, y), (_, dx, dy) in zip(pts, spots, strict=True):
        cx, cy = x + dx, y + dy
        assert cx - width / 2 >= -100 - 1e-6 and cx + width / 2 <= 100 + 1e-6
        assert cy - 6 >= -100 - 1e-6 and cy + 6 <= 100 + 1e-6


def test_callouts_of_one_point_do_not_overlap():
    pts = np.zeros((4, 2))
    spots = callout_spots(pts, [40.0] * 4, 12.0, [5.0] * 4, (-200, 200, -200, 200))
    boxes = [(dx - 20, dx + 20, dy - 6, dy + 6) for _, dx, dy in spots]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert min(a[1], b[1]) - max(a[0], b[0]) <= 0.5 or min(a[3], b[3]) - max(a[2], b[2]) <= 0.5


def test_ring_names_never_sit_on_a_unit():
    for sample in ("maschinenbau-classic", "maschinenbau-orbit", "bank-classic", "hospital-classic"):
        org = orbit.load(f"sample_orgs/{sample}.yaml")
        a = orbit.analyse(org)
        pos = orbit_layout(org, analysis=a)
        fig = interactive.orbit_figure(a, pos, height=640, legend=False, plot_px=560)
        lim = fig.layout.xaxis.range[1]
        scale = 560 / (2 * lim)
        xy = np.array([pos[i] for i in org.units["id"]]) - np.asarray(pos["customer"])
        rings = [ann for ann in fig.layout.annotations if ann.text and ann.xref in (None, "x")]
        assert rings
        for ann in rings:
            half_w = len(ann.text) * 11 * 0.56 / 2 + 3
            dx = np.abs(xy[:, 0] - ann.x) * scale - half_w
            dy = np.abs(xy[:, 1] - ann.y) * scale - 8
            assert np.all((dx > 0) | (dy > 0)), (sample, ann.text)  # no unit's centre under a ring name


def test_a_selection_is_an_overlay_of_the_same_figure():
    org = orbit.load("sample_orgs/maschinenbau-classic.yaml")
    a = orbit.analyse(org)
    pos = orbit_layout(org, analysis=a)
    plain = interactive.orbit_figure(a, pos).to_plotly_json()
    selected = interactive.orbit_figure(a, pos, selected="hotline").to_plotly_json()
    assert pio.to_json({"data": plain["data"]}) == pio.to_json({"data": selected["data"]})  # not the selection
    overlay = orbit_overlay(a, pos, "hotline")
    assert overlay["shapes"] and all(s["name"] == "overlay" for s in overlay["shapes"])
    tree = hierarchy_overlay(a, hierarchy_positions(org), "hotline", customer_label="Kunde")
    texts = [s["label"]["text"] for s in tree["shapes"] if "label" in s]
    assert texts == ["<b>Kunde</b>"]  # the customer's badge where the path leaves the chart


def test_ring_names_never_cover_the_customer_at_projector_size():
    """At 1280 × 720 the inner ring is crowded: "Ring 1" once sat on the customer's name ("unde")."""
    from orbit.render.interactive.common import orbit_frame
    from orbit.render.interactive.orbit_view import CUSTOMER_CLEAR
    from orbit.render.text_fit import text_width

    org = orbit.load("sample_orgs/maschinenbau-classic.yaml")
    a = orbit.analyse(org)
    pos = orbit_layout(org, analysis=a)
    fig = interactive.orbit_figure(a, pos, height=440, plot_px=424, legend=False)
    _, _, lim, plot_px = orbit_frame(a, pos, 440, False, 424)
    scale = plot_px / (2 * lim)
    rings = [ann for ann in fig.layout.annotations if re.match(r"Ring \d|\d ·", ann.text or "")]
    assert rings
    for ann in rings:
        x, y = ann.x * scale, ann.y * scale
        half = text_width(ann.text, 11) / 2
        nearest = np.hypot(max(abs(x) - half, 0.0), max(abs(y) - 6.0, 0.0))  # the label box's nearest point
        assert nearest >= CUSTOMER_CLEAR - 6.5, (ann.text, nearest)
