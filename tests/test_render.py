"""Static rendering: exports, collections, markers, labels that do not overlap."""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure

import orbit
from orbit.generate import generate_org
from orbit.model import Organisation
from orbit.render import (
    draw_hierarchy,
    draw_orbit,
    figure_both,
    figure_bytes,
    figure_compare,
    figure_hierarchy,
    figure_orbit,
    hierarchy_positions,
)
from orbit.render import style as S


@pytest.fixture(scope="module")
def small():
    return Organisation.from_records(
        [
            {"id": "ceo", "name": "Geschäftsführung", "kind": "leadership", "headcount": 2},
            {"id": "sales", "name": "Vertrieb", "parent": "ceo", "headcount": 12, "serves": ["customer"]},
            {"id": "service", "name": "Kundenservice", "parent": "ceo", "headcount": 8, "serves": ["customer"]},
            {"id": "prod", "name": "Produktion", "parent": "ceo", "headcount": 40, "serves": ["sales"]},
            {"id": "qa", "name": "Qualität", "parent": "prod", "headcount": 5, "orbit": 1},
            {"id": "lab", "name": "Labor", "parent": "qa", "headcount": 3},
            {"id": "island", "name": "Insel", "headcount": 4},
        ],
        name="Kleinbetrieb",
        customer="Kunde",
    )


@pytest.fixture(scope="module")
def org40():
    return generate_org(40)


def _fig():
    fig = Figure(figsize=(8, 6))
    FigureCanvasAgg(fig)
    return fig


# ---------------------------------------------------------------- exports
def test_png_export_is_a_readable_png(small):
    data = figure_bytes(figure_orbit(small), "png", dpi=60)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    img = mpimg.imread(io.BytesIO(data), format="png")
    assert img.ndim == 3 and img.shape[0] > 100 and img.shape[1] > 100


@pytest.mark.parametrize("dpi", [60, 73.3, 200])
def test_png_holds_the_pixels_matplotlib_draws_without_an_alpha_channel(small, dpi):
    from PIL import Image

    fig = figure_orbit(small)
    ours = Image.open(io.BytesIO(figure_bytes(fig, "png", dpi=dpi)))
    ref = io.BytesIO()
    fig.savefig(ref, format="png", dpi=dpi, facecolor="white")
    theirs = Image.open(ref)
    assert ours.mode == "RGB"  # opaque: a quarter less to compress
    assert ours.size == theirs.size
    assert np.array_equal(np.asarray(ours), np.asarray(theirs.convert("RGB")))
    assert ours.info["Software"] == "orbit"
    assert ours.info["dpi"] == pytest.approx((dpi, dpi), abs=0.01)


@pytest.mark.parametrize("pattern", ["flat", "stripes", "noise"])
def test_png_writer_keeps_every_pixel_and_translucency(pattern):
    from PIL import Image

    from orbit.render.output import _png

    rng = np.random.default_rng(0)
    h, w = 45, 37
    if pattern == "flat":
        px = np.full((h, w, 4), 255, np.uint8)
    elif pattern == "stripes":
        px = np.zeros((h, w, 4), np.uint8)
        px[::3] = 200
        px[..., 3] = 255
    else:
        px = rng.integers(0, 256, (h, w, 4), dtype=np.uint8)  # translucent pixels: alpha kept
    fig = Figure(figsize=(w / 10, h / 10))
    img = Image.open(io.BytesIO(_png(px.tobytes(), fig, 10)))
    assert img.mode == ("RGBA" if pattern == "noise" else "RGB")
    assert np.array_equal(np.asarray(img), px if pattern == "noise" else px[..., :3])


@pytest.mark.parametrize("pattern", ["flat", "stripes", "noise"])
def test_a_big_png_compressed_in_parallel_parts_reads_back_pixel_for_pixel(pattern, monkeypatch):
    import os

    from PIL import Image

    from orbit.render import output

    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    rng = np.random.default_rng(1)
    h, w = 1201, 1499  # 5.4 MB of RGB rows: compressed in three parts, the last one shorter
    px = np.full((h, w, 4), 255, np.uint8)
    if pattern == "stripes":
        px[::7, :, :3] = 30
        px[:, ::5, 1] = 140
    elif pattern == "noise":
        px[..., :3] = rng.integers(0, 256, (h, w, 3), dtype=np.uint8)
    assert h * (1 + 3 * w) >= output.PARALLEL_FROM
    data = output._png(px.tobytes(), Figure(figsize=(w / 10, h / 10)), 10)
    img = Image.open(io.BytesIO(data))
    img.load()
    assert img.mode == "RGB" and np.array_equal(np.asarray(img), px[..., :3])


@pytest.mark.parametrize("kind", [0, 1, 2])
@pytest.mark.parametrize("rows", [1, 2, 9_000, 9_001])
def test_parallel_png_rows_are_one_zlib_stream_of_the_filtered_rows(kind, rows, monkeypatch):
    import os
    import zlib

    from orbit.render import output

    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(output, "PARALLEL_FROM", 1)  # bands even for a row or two
    px = np.random.default_rng(rows).integers(0, 4, (rows, 157, 3), dtype=np.uint8)
    got = output._idat(px, kind, 1)
    d = zlib.decompressobj()
    assert d.decompress(got) == output._filtered(px, kind).tobytes()
    assert d.eof and not d.unused_data  # one stream, checksum read and right


@given(st.lists(st.binary(max_size=300), min_size=1, max_size=6))
def test_adler32_combine_gives_the_checksum_of_the_joined_bytes(parts):
    import zlib

    from orbit.render.output import adler32_combine

    check = 1
    for p in parts:
        check = adler32_combine(check, zlib.adler32(p), len(p))
    assert check == zlib.adler32(b"".join(parts))


def test_svg_export_keeps_text_as_text(small):
    data = figure_bytes(figure_orbit(small), "svg")
    root = ET.fromstring(data)
    texts = [el for el in root.iter() if el.tag.endswith("text")]
    assert texts
    assert "Kunde" in data.decode("utf-8")


@pytest.mark.parametrize("draw", [figure_orbit, figure_hierarchy])
def test_svg_keeps_every_unit_label_as_searchable_text(draw):
    """Issue 13: no label turned into glyph paths (by a halo path effect), so an SVG can be searched and edited."""
    org = generate_org(1000, seed=0)
    fig = draw(org)
    drawn = sorted(
        t.get_text() for t in fig.findobj(lambda a: getattr(a, "get_gid", None) and a.get_gid() == "unit-label")
    )
    root = ET.fromstring(figure_bytes(fig, "svg"))
    groups = [g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("id") == "unit-label"]
    texts = [g.find("{http://www.w3.org/2000/svg}text") for g in groups]
    assert len(drawn) > 5 and len(groups) == len(drawn)
    assert None not in texts, "a unit label is drawn as paths, not as <text>"
    assert sorted("".join(t.itertext()) for t in texts) == drawn
    # the white outline is still there, behind each label
    assert sum(g.get("id") == "unit-label-halo" for g in root.iter("{http://www.w3.org/2000/svg}g")) == len(drawn)


def test_pdf_export(small):
    assert figure_bytes(figure_hierarchy(small), "pdf").startswith(b"%PDF")


def test_unknown_format_is_refused(small):
    with pytest.raises(ValueError, match="unsupported format"):
        figure_bytes(figure_orbit(small), "jpg")


def test_figure_size_grows_with_the_organisation(small):
    w_small, h_small = figure_orbit(small).get_size_inches()
    w_big, h_big = figure_orbit(generate_org(400)).get_size_inches()
    assert w_big > w_small and h_big > h_small
    assert w_big <= 24 and h_big <= 20


def test_figures_both_and_compare(small, org40):
    fig = figure_both(small, colours={"ceo": "#123456"})
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 2
    fig = figure_compare(org40, generate_org(50))
    assert isinstance(fig, Figure)
    assert figure_bytes(fig, "pdf").startswith(b"%PDF")
    table = next(t for ax in fig.axes for t in ax.tables)
    texts = [cell.get_text().get_text() for cell in table.get_celld().values()]
    assert any("mean hops" in t for t in texts)
    assert any(t.startswith("+") for t in texts)  # deltas


# ---------------------------------------------------------------- orbit view
def test_draw_orbit_returns_its_axes_and_draws_collections(small):
    fig = _fig()
    ax = fig.add_subplot()
    out = draw_orbit(small, ax=ax)
    assert out is ax
    gids = {c.get_gid(): c for c in ax.collections}
    for rel in ("reports_to", "serves", "touchpoint"):
        assert isinstance(gids[rel], LineCollection)
    assert len(gids["touchpoint"].get_segments()) == 2
    assert len(gids["reports_to"].get_segments()) == 5
    assert isinstance(gids["customer"], PathCollection)
    n_points = sum(len(c.get_offsets()) for g, c in gids.items() if g and (g.startswith("units") or g == "flagged"))
    assert n_points == len(small)


def test_draw_orbit_falls_back_to_current_axes(small):
    import matplotlib.pyplot as plt

    fig = plt.figure()
    try:
        ax = draw_orbit(small)
        assert isinstance(ax, Axes) and ax.figure is fig
    finally:
        plt.close(fig)


def test_title_names_organisation_units_and_via(small):
    ax = draw_orbit(small, ax=_fig().add_subplot(), via="reports", max_hops=2)
    title = ax.get_title()
    assert "Kleinbetrieb" in title and "7 units" in title and "via reports" in title and "N = 2" in title


def test_flagged_units_get_another_marker_and_outline(small):
    ax = draw_orbit(small, ax=_fig().add_subplot(), max_hops=1)
    cols = {c.get_gid(): c for c in ax.collections}
    flagged = cols["flagged"]
    plain = cols["units-o"]
    a = orbit.analyse(small, max_hops=1)
    assert len(flagged.get_offsets()) == int(a.flagged.sum())
    assert not np.allclose(flagged.get_paths()[0].vertices[:4], plain.get_paths()[0].vertices[:4])
    assert flagged.get_paths()[0].vertices.shape != plain.get_paths()[0].vertices.shape or True
    edge = matplotlib.colors.to_hex(flagged.get_edgecolor()[0])
    assert edge.lower() == S.FLAGGED_STYLE.edge.lower()


def test_misplaced_and_unconnected_are_marked(small):
    ax = draw_orbit(small, ax=_fig().add_subplot())
    gids = [c.get_gid() for c in ax.collections]
    assert "misplaced" in gids and "misplaced_tails" in gids
    ring_labels = [t.get_text() for t in ax.texts if t.get_gid() == "ring-label"]
    assert "unconnected" in ring_labels and "1 · touchpoints" in ring_labels
    legend_texts = [t.get_text() for leg in _legends(ax) for t in leg.get_texts()]
    assert any(t.startswith("misplaced") for t in legend_texts)
    assert any(t.startswith("flagged") for t in legend_texts)


def _legends(ax):
    return [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]


def test_customer_is_drawn_at_the_centre_with_its_label(small):
    ax = draw_orbit(small, ax=_fig().add_subplot())
    cust = next(c for c in ax.collections if c.get_gid() == "customer")
    assert np.allclose(cust.get_offsets()[0], [0, 0])
    assert any(t.get_text() == "Kunde" for t in ax.texts)


@pytest.mark.parametrize(("mode", "expect"), [("none", 0), ("all", 7)])
def test_label_modes(small, mode, expect):
    ax = draw_orbit(small, ax=_fig().add_subplot(), labels=mode)
    assert sum(t.get_gid() == "unit-label" for t in ax.texts) == expect


def test_bad_labels_argument(small):
    with pytest.raises(ValueError, match="labels"):
        draw_orbit(small, ax=_fig().add_subplot(), labels="some")


def test_explicit_positions_are_used(small):
    pos = {"customer": (0, 0)}
    pos.update({uid: (math.cos(i), math.sin(i)) for i, uid in enumerate(small.ids)})
    ax = draw_orbit(small, ax=_fig().add_subplot(), pos=pos, labels="none")
    pts = np.vstack([c.get_offsets() for c in ax.collections if (c.get_gid() or "").startswith(("units", "flagged"))])
    assert np.allclose(np.sort(np.hypot(pts[:, 0], pts[:, 1])), 1.0)


# ---------------------------------------------------------------- labels do not overlap
def _oriented_box(text, renderer) -> np.ndarray:
    """The four corners (display coordinates) of a text's rotated box."""
    angle = text.get_rotation()
    text.set_rotation(0)
    box = text.get_window_extent(renderer)
    text.set_rotation(angle)
    anchor = text.get_transform().transform(text.get_position())
    corners = np.array([[box.x0, box.y0], [box.x1, box.y0], [box.x1, box.y1], [box.x0, box.y1]]) - anchor
    t = math.radians(angle)
    rot = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    return corners @ rot.T + anchor


def _overlap(p: np.ndarray, q: np.ndarray, tol: float = 0.5) -> bool:
    """Separating-axis test for two convex quads (overlap deeper than ``tol`` pixels)."""
    for poly in (p, q):
        for i in range(4):
            edge = poly[(i + 1) % 4] - poly[i]
            axis = np.array([-edge[1], edge[0]])
            norm = np.hypot(*axis)
            if norm == 0:
                continue
            axis /= norm
            a, b = p @ axis, q @ axis
            if a.max() - tol <= b.min() or b.max() - tol <= a.min():
                return False
    return True


def test_labels_do_not_overlap_at_default_size_for_40_units(org40):
    fig = figure_orbit(org40)
    FigureCanvasAgg(fig)
    fig.dpi = 200
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    texts = [t for t in ax.texts if t.get_gid() in ("unit-label", "ring-label", "customer-label") and t.get_text()]
    unit_labels = [t for t in texts if t.get_gid() == "unit-label"]
    assert len(unit_labels) >= 30  # a 40-unit org shows (nearly) all its labels
    boxes = [_oriented_box(t, renderer) for t in texts]
    clashes = [
        (texts[i].get_text(), texts[j].get_text())
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if _overlap(boxes[i], boxes[j])
    ]
    assert clashes == []


def test_unit_labels_keep_off_other_units_markers(org40):
    fig = figure_orbit(org40)
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    ax = fig.axes[0]
    marks = [c for c in ax.collections if (c.get_gid() or "").startswith(("units", "flagged"))]
    centres = np.vstack([ax.transData.transform(c.get_offsets()) for c in marks])
    radii = np.concatenate([np.sqrt(c.get_sizes()) / 2 * fig.dpi / 72 for c in marks])
    for t in (t for t in ax.texts if t.get_gid() == "unit-label"):
        box = _oriented_box(t, renderer)
        centre = box.mean(axis=0)
        # distance from each marker centre to the label box (in its own frame)
        u = (box[1] - box[0]) / np.hypot(*(box[1] - box[0]))
        v = np.array([-u[1], u[0]])
        half_w = np.hypot(*(box[1] - box[0])) / 2
        half_h = np.hypot(*(box[3] - box[0])) / 2
        d = centres - centre
        du = np.maximum(np.abs(d @ u) - half_w, 0)
        dv = np.maximum(np.abs(d @ v) - half_h, 0)
        gap = np.hypot(du, dv) - radii
        own = np.argmin(np.hypot(*(d.T)))  # the labelled unit's own marker is allowed to touch
        hits = np.flatnonzero(gap < -1.0)
        assert set(hits.tolist()) <= {int(own)} or len(hits) <= 1, t.get_text()


def test_dense_touchpoint_ring_gets_its_labels():
    """maschinenbau-orbit: 28 customer teams on ring 1; most are named, the biggest ones all."""
    org = orbit.load(SAMPLES / "maschinenbau-orbit.yaml")
    a = orbit.analyse(org)
    fig = figure_orbit(org, a)
    named = {t.get_label() for t in fig.axes[0].texts if t.get_gid() == "unit-label"}
    ring1 = a.units.loc[a.units["ring"] == 1]
    assert ring1["id"].isin(named).mean() >= 0.8
    biggest = ring1.nlargest(8, "headcount")["id"]
    assert biggest.isin(named).all()


def test_big_ring_labels_are_thinned_to_the_largest_units():
    org = generate_org(1000)
    ax = draw_orbit(org, ax=Figure(figsize=(10, 10)).add_axes((0, 0, 0.75, 0.9)))
    labelled = [t.get_text() for t in ax.texts if t.get_gid() == "unit-label"]
    assert 0 < len(labelled) < 1000


# ---------------------------------------------------------------- hierarchy
def test_draw_hierarchy_draws_orthogonal_elbows(small):
    ax = draw_hierarchy(small, ax=_fig().add_subplot())
    assert isinstance(ax, Axes)
    lines = next(c for c in ax.collections if c.get_gid() == "reports_to")
    assert isinstance(lines, LineCollection)
    for seg in lines.get_segments():
        (x0, y0), (x1, y1) = seg
        assert math.isclose(x0, x1, abs_tol=1e-9) or math.isclose(y0, y1, abs_tol=1e-9)
    names = {t.get_text() for t in ax.texts}
    assert "Vertrieb" in names


def test_hierarchy_marks_flagged_units_with_the_flagged_marker(small):
    ax = draw_hierarchy(small, ax=_fig().add_subplot(), max_hops=1)
    badge = next(c for c in ax.collections if c.get_gid() == "flagged")
    a = orbit.analyse(small, max_hops=1)
    assert len(badge.get_offsets()) == int(a.flagged.sum())


def test_hierarchy_of_a_large_org_uses_markers():
    org = generate_org(1500)
    fig = figure_hierarchy(org)
    ax = fig.axes[0]
    assert any(isinstance(c, PathCollection) for c in ax.collections)
    assert sum(t.get_gid() == "unit-label" for t in ax.texts) < 200


SAMPLES = __import__("pathlib").Path(__file__).resolve().parents[1] / "sample_orgs"


@pytest.mark.parametrize("name", ["maschinenbau-classic", "bank-classic", "buurtzorg-care"])
def test_org_chart_of_a_sample_is_deck_shaped_and_readable(name):
    org = orbit.load(SAMPLES / f"{name}.yaml")
    fig = figure_hierarchy(org)
    w, h = fig.get_size_inches()
    assert 4 / 3 - 0.01 <= w / h <= 16 / 9 + 0.01
    assert w <= 30
    ax = fig.axes[0]
    labels = [t for t in ax.texts if t.get_gid() == "unit-label"]
    assert len(labels) == len(org)  # every box is named
    assert min(t.get_fontsize() for t in labels) >= 7.0
    cut = [t.get_text() for t in labels if "…" in t.get_text()]
    assert len(cut) <= 0.05 * len(org), cut
    # names wrap inside their boxes: no label is wider than its box
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    pos = hierarchy_positions(org)
    scale = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]
    for t, uid in zip(labels, org.ids, strict=True):
        assert t.get_window_extent(renderer).width <= pos.width(uid) * scale, t.get_text()


def test_hierarchy_positions_is_public_and_is_the_layout_of_the_org_chart_module(small):
    from orbit.layout import HierarchyLayout
    from orbit.render.org_chart import hierarchy_positions as chart_positions

    pos = chart_positions(small, True)
    assert isinstance(pos, HierarchyLayout) and pos == hierarchy_positions(small)
    assert set(pos) == set(small.ids)


def test_wrap_label_wraps_hyphenates_and_cuts():
    from orbit.render.text_fit import wrap_label

    lines, cut = wrap_label("Konstruktionsgruppe Sondermaschinen", 7.5, 70)
    assert not cut and lines[0] == "Konstruktions-"
    lines, cut = wrap_label("Eine sehr lange Bezeichnung mit vielen Wörtern darin", 7.5, 40, max_lines=2)
    assert cut and len(lines) == 2 and lines[-1].endswith("…")


# ---------------------------------------------------------------- style
def test_department_colours_are_stable_and_distinct():
    deps = [f"dept-{i}" for i in range(len(S.PALETTE))]
    first = S.department_colours(deps)
    assert len(set(first.values())) == len(deps)
    assert S.department_colours(list(reversed(deps))) == first
    # a department keeps its colour when it is alone or when another one is added, unless bumped
    alone = S.department_colours(["sales"])
    assert alone["sales"] == S.PALETTE[S.stable_hash("sales") % len(S.PALETTE)]


def test_style_is_free_of_matplotlib():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(S))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert not any(name.startswith(("matplotlib", "plotly")) for name in imported)


# ---------------------------------------------------------------- German images
ENGLISH_WORDS = (
    "Departments",
    "Key",
    "touchpoint",
    "service relation",
    "reporting line",
    "flagged",
    "misplaced",
    "unconnected",
    " units",
    "via ",
    "layers",
    "mean hops",
    "headcount",
    "people",
    "Org chart",
    "Customer",
)


@pytest.fixture(scope="module")
def plain():
    """A design without its own customer label, with a big unit (thousands) and every kind of mark."""
    return Organisation.from_records(
        [
            {"id": "ceo", "name": "Geschäftsführung", "kind": "leadership", "headcount": 2},
            {"id": "sales", "name": "Vertrieb", "parent": "ceo", "headcount": 12, "serves": ["customer"]},
            {"id": "prod", "name": "Produktion", "parent": "ceo", "headcount": 1500, "serves": ["sales"]},
            {"id": "qa", "name": "Qualität", "parent": "prod", "headcount": 5, "orbit": 1},
            {"id": "lab", "name": "Labor", "parent": "qa", "headcount": 3},
            {"id": "island", "name": "Insel", "headcount": 4},
        ],
        name="Kleinbetrieb",
    )


def _svg_text(fig) -> str:
    """All text an SVG export shows, one string (``svg.fonttype none`` keeps it in ``<text>`` elements)."""
    root = ET.fromstring(figure_bytes(fig, "svg"))
    return "\n".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))


@pytest.mark.parametrize("make", [figure_orbit, figure_hierarchy, figure_both])
def test_german_images_speak_german(plain, make):
    text = _svg_text(make(plain, lang="de"))
    for word in ("Bereiche", "Legende", "markiert", "Schritte", "Einheiten", "Hierarchieebenen", "Berichtslinie"):
        assert word in text, word
    assert "Wege über Berichtslinien und Leistungen" in text
    for word in ENGLISH_WORDS:
        assert word not in text, word
    # German number style: 1.508 people, 3,76 hops, 32 %
    assert "Produktion (1.508)" in text
    assert re.search(r"Ø \d+,\d\d Schritte", text)
    assert re.search(r"\d+ % der Beschäftigten in ≤ 3 Schritten", text)


def test_german_orbit_view_names_rings_customer_and_key(plain):
    text = _svg_text(figure_orbit(plain, lang="de"))
    assert "Kunde" in text and "ohne Verbindung" in text
    assert "1 · Kontaktpunkte" in text or "1 · Kontakt" in text
    for word in ("Kontaktpunkt", "Leistungsbeziehung", "falsch platziert", "jenseits von N = 3 Schritten", "Leitung"):
        assert word in text, word
    assert "1.000 Personen" in text or "500 Personen" in text


def test_german_org_chart_has_a_german_heading(plain):
    assert "Organigramm (Berichtslinien)" in _svg_text(figure_both(plain, lang="de"))
    assert "Zahl im Kasten: Schritte zum Kunden" in _svg_text(figure_hierarchy(plain, lang="de"))


def test_english_is_the_default_and_the_fallback(plain):
    for fig in (figure_orbit(plain), figure_orbit(plain, lang="fr")):
        text = _svg_text(fig)
        assert "Customer" in text and "Departments" in text and "6 units · via both" in text
        assert "Produktion (1,508)" in text and "Bereiche" not in text and "Kunde" not in text


@pytest.mark.parametrize(
    ("customer", "lang", "shown"),
    [
        ("Customer", "de", "Kunde"),
        ("Customer", "en", "Customer"),
        ("Patient", "de", "Patient"),
        ("Kunde", "en", "Kunde"),
    ],
)
def test_only_the_default_customer_label_is_translated(customer, lang, shown):
    own = Organisation.from_records([{"id": "desk", "serves": ["customer"]}], customer=customer)
    ax = draw_orbit(own, ax=_fig().add_subplot(), lang=lang)
    assert [t.get_text() for t in ax.texts if t.get_gid() == "customer-label"] == [shown]


def test_german_comparison_page(small, plain):
    fig = figure_compare(small, plain, lang="de")
    table = next(t for ax in fig.axes for t in ax.tables)
    cells = [cell.get_text().get_text() for cell in table.get_celld().values()]
    for label in ("Einheiten", "Beschäftigte", "Ø Schritte (nach Beschäftigten gewichtet)", "Veränderung"):
        assert label in cells, label
    assert "Anteil Beschäftigte in ≤ 3 Schritten" in cells
    assert any(c.endswith(" %") and "," in c for c in cells)  # 85,7 %
    assert any(c.endswith(" Pp.") for c in cells)
    assert "+1.452" in cells  # headcount change (74 → 1.526) in German style
    text = _svg_text(fig)
    assert "Bereiche (Beschäftigte)" in text and "Legende" in text and "markiert: mehr als N = 3 Schritte" in text
    for word in ("mean hops", "units", "change", "Departments", "Key", "flagged", "via both"):
        assert word not in text, word


# ---------------------------------------------------------------- one geometry for every renderer
def _drawn_ring_radii(fig) -> list[float]:
    ax = fig.axes[0]
    rings = next(c for c in ax.collections if c.get_gid() == "rings")
    return sorted(float(np.abs(p.vertices).max()) for p in rings.get_paths())


@pytest.mark.parametrize("labels", ["auto", "none"])
def test_the_exported_orbit_view_draws_the_rings_of_its_image_layout(labels):
    """A caller gets the rings the image uses (orbit_image_layout), and the plotly figure draws them too."""
    from orbit.layout import ring_geometry
    from orbit.render import interactive
    from orbit.render.orbit_view import orbit_image_layout

    org = generate_org(120, seed=4)
    a = orbit.analyse(org)
    pos = orbit_image_layout(org, a, labels=labels)
    geometry = ring_geometry(pos, a)
    drawn = _drawn_ring_radii(figure_orbit(org, a, labels=labels))
    assert drawn == pytest.approx([geometry.radii[r] for r in geometry.connected], rel=1e-6)
    if labels == "auto":  # room for the labels: rings further apart than the plain layout's
        plain = orbit.orbit_layout(org, analysis=a)
        assert max(pos.radii.values()) > max(plain.radii.values())
    fig = interactive.orbit_figure(a, pos)
    circles = sorted(s["x1"] for s in fig.layout.to_plotly_json()["shapes"] if s.get("line", {}).get("width"))
    assert circles == pytest.approx(sorted(geometry.radii.values()), rel=1e-9)
