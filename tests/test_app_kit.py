"""The app's non-UI helpers and plotly figures, tested without running the app."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import orbit
from orbit.app import display, downloads, editing, loading, state
from orbit.errors import OrgError
from orbit.generate import generate_org
from orbit.i18n import Translator
from orbit.layout import hierarchy_layout, orbit_layout
from orbit.render import interactive

TINY = (
    b"name: Tiny\nunits:\n  - {id: boss, headcount: 1}\n"
    b"  - {id: desk, parent: boss, headcount: 4, serves: [customer]}\n"
)


@pytest.fixture(scope="module")
def classic():
    org = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-classic.yaml"))
    return org, orbit.analyse(org)


# ---------------------------------------------------------------- uploads
def test_ingest_upload_accepts_a_good_file_and_names_it():
    d = loading.ingest_upload("tiny.yaml", TINY)
    assert d.id == "upload:tiny.yaml" and d.title == "Tiny" and d.origin == "upload"
    assert len(loading.organisation(d)) == 2


def test_ingest_upload_gives_the_loader_message_for_a_bad_file():
    with pytest.raises(OrgError) as err:
        loading.ingest_upload("bad.csv", b"id,parent\na,\nb,zzz\n")
    assert (
        str(err.value)
        == "bad.csv:3: unknown parent 'zzz' of unit 'b'; --fix unknown-parents makes such units top-level"
    )


@pytest.mark.parametrize("fmt", ["csv", "yaml", "json", "graphml", "xlsx"])
def test_row_estimate_before_parsing_is_close(fmt):
    data, _ = orbit.formats.dumps(generate_org(2000, seed=1), fmt)
    assert 1800 <= loading.estimated_rows(data, f"x.{fmt}") <= 2300
    assert not loading.looks_big(data, f"x.{fmt}")


def test_big_is_judged_by_rows_or_bytes():
    assert loading.looks_big(b"id\n" + b"u\n" * loading.BIG_ROWS, "x.csv")
    assert not loading.looks_big(b"id\n" + b"u\n" * (loading.BIG_ROWS - 1), "x.csv")
    assert loading.looks_big(b"name: x\n" + b"#" * loading.BIG_BYTES, "x.yaml")
    design = loading.Design("d", "x.csv", b"id\n" + b"u\n" * loading.BIG_ROWS, "upload")
    assert design.looks_big and design.key == loading.content_key(design.data, "x.csv")
    assert loading.size_text(5 * 2**20, Translator("de")) == "5,0 MB"


def test_ingest_upload_refuses_files_over_the_limit():
    with pytest.raises(loading.UploadRejected) as err:
        loading.ingest_upload("big.csv", b"x" * (loading.MAX_UPLOAD_BYTES + 1))
    assert err.value.key == "sidebar.too_big"
    text = Translator("en")(err.value.key, **err.value.values)
    assert "limit is 20 MB" in text and "big.csv" in text


def test_content_keys_follow_content_and_format():
    assert loading.content_key(b"a", "x.csv") == loading.content_key(b"a", "other.csv")
    assert loading.content_key(b"a", "x.csv") != loading.content_key(b"b", "x.csv")
    assert loading.content_key(b"a", "x.csv") != loading.content_key(b"a", "x.json")


def test_samples_start_with_the_default_pair():
    samples = loading.sample_designs()
    assert list(samples)[:2] == list(loading.DEFAULT_PAIR)
    assert state.counterpart("maschinenbau-classic", samples) == "maschinenbau-orbit"
    assert state.compare_defaults("maschinenbau-orbit", list(samples), {}) == loading.DEFAULT_PAIR


def test_command_line_files_ignore_pytest_arguments():
    assert loading.command_line_files(["-n", "2", "tests/", "-q", "my org.csv"]) == ["my org.csv"]


# --------------------------------------------------------------- URL state
def test_url_state_round_trip():
    view = {"design": "bank-orbit", "n": 5, "via": "serves", "unit": "hotline", "lang": "de", "view": "compare"}
    assert state.read_url(state.url_params(view)) == view


def test_url_state_ignores_bad_values():
    assert state.read_url({"n": "0", "via": "everything", "lang": "xx", "view": "admin"}) == {}
    assert state.url_params({"design": "x", "n": 3, "via": "both", "lang": "en", "view": "explore"}) == {"design": "x"}


# --------------------------------------------------------------- selection
@pytest.mark.parametrize(
    ("event", "unit"),
    [
        ({"selection": {"points": [{"customdata": "a"}]}}, "a"),
        ({"selection": {"points": [{"customdata": ["a", 1]}]}}, "a"),
        ({"selection": {"points": [{"customdata": "customer"}, {"customdata": "b"}]}}, "b"),
        ({"selection": {"points": [{"x": 1}]}}, None),
        ({"selection": {"points": []}}, None),
        (None, None),
    ],
)
def test_clicked_unit(event, unit):
    assert state.clicked_unit(event) == unit


# ------------------------------------------------------------------ editing
def test_apply_editor_state_edits_adds_and_deletes():
    org = orbit.load(TINY, name="t.yaml")
    table = editing.editor_table(org)
    state = {
        "edited_rows": {"1": {"headcount": 7, "serves": ""}},
        "added_rows": [{"id": "new", "parent": "boss", "serves": "customer"}],
        "deleted_rows": [],
    }
    out = editing.apply_editor_state(table, state)
    assert out["id"].tolist() == ["boss", "desk", "new"]
    assert out.at[1, "headcount"] == 7 and out.at[1, "serves"] is None
    out = editing.apply_editor_state(table, {"deleted_rows": [0]})
    assert out["id"].tolist() == ["desk"]


def test_edit_session_valid_invalid_and_undo():
    org = orbit.load(TINY, name="t.yaml")
    s = editing.EditSession.start("tiny", org)
    assert s.apply({"edited_rows": {1: {"headcount": 9}}}) == "design"
    assert s.organisation().unit("desk")["headcount"] == 9
    assert s.apply({"edited_rows": {1: {"headcount": 9}}}) is None  # already applied
    # an invalid change is kept as typed, the valid design stays
    assert s.apply({"edited_rows": {1: {"headcount": 9, "parent": "ghost"}}}) == "typed"
    assert "unknown parent 'ghost'" in s.error.message and s.error.line == 2
    assert s.working.at[1, "parent"] == "ghost"
    assert s.organisation().unit("desk")["parent"] == "boss"
    assert editing.edit_error_text(s.error, Translator("en")).startswith("Not applied: row 2: unknown parent")
    # undo first drops the invalid typing, then the last valid change
    assert s.undo_last() and s.error is None and s.working.at[1, "parent"] == "boss"
    assert s.undo_last()
    assert s.organisation().unit("desk")["headcount"] == 4
    assert not s.undo_last()
    assert not s.changed


def test_edit_session_reset_can_be_undone():
    org = orbit.load(TINY, name="t.yaml")
    s = editing.EditSession.start("tiny", org)
    s.apply({"deleted_rows": [1]})
    assert len(s.organisation()) == 1
    s.reset()
    assert len(s.organisation()) == 2
    s.undo_last()
    assert len(s.organisation()) == 1


def test_edited_design_round_trips_through_json():
    base = loading.Design("tiny", "tiny.yaml", TINY, "sample", title="Tiny")
    org = orbit.load(TINY, name="t.yaml")
    d = editing.edited_design(base, org)
    assert d.id == "edit:tiny" and d.base == "tiny" and d.filename == "tiny-edited.json"
    again = loading.organisation(d)
    assert again.records() == org.records()
    # everything the editor keeps: attributes, journeys, the customer's label
    sample = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-classic.yaml"))
    back = loading.organisation(editing.edited_design(base, sample))
    assert back.records() == sample.records()
    assert [(j.name, list(j.steps)) for j in back.journeys] == [(j.name, list(j.steps)) for j in sample.journeys]
    assert back.customer == sample.customer


# ---------------------------------------------------------------- tables
def test_tables_and_details(classic):
    org, a = classic
    tr = Translator("en")
    flagged = display.flagged_table(a, tr)
    assert len(flagged) >= a.summary["flagged"]
    assert flagged["Hops"].iloc[0] >= flagged["Hops"].iloc[-1]
    journeys = display.journey_table(a, tr)
    assert list(journeys["Hand-offs"]) == [len(j.steps) + 1 for j in org.journeys]
    detail = display.unit_detail(a, "dreherei-nacht", tr, "Kunde")
    assert detail["path"][-1] == "Kunde"
    assert any(kind == "error" and "more than N = 3" in text for kind, text in detail["notes"])
    cards = display.metric_values(a, Translator("de"))
    assert [c[1] for c in cards][:3] == ["Einheiten", "Beschäftigte", "Hierarchieebenen"]


def test_diff_table_names_changes():
    a = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-classic.yaml"))
    b = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-orbit.yaml"))
    c = orbit.compare(a, b)
    t = display.diff_table(c, Translator("de"))
    assert set(t["Änderung"]) <= {"hinzugefügt", "entfernt", "Ring gewechselt", "neu zugeordnet"}
    assert len(t) == len(c.diff_table())
    cells = t[["Von", "Nach"]].to_numpy().ravel().tolist() if "Von" in t else t.iloc[:, 3:].to_numpy().ravel().tolist()
    assert all(isinstance(v, str) and v and v != "None" for v in cells)  # added/removed rows show "–"
    assert (t.iloc[:, 3:][t.iloc[:, 0].isin(["hinzugefügt", "entfernt"])] == "–").all().all()


def test_orbit_labels_stay_inside_and_name_each_ring():
    from orbit.render import interactive

    small = orbit.load(TINY, name="t.yaml")
    sa = orbit.analyse(small)
    fig = interactive.orbit_figure(sa, orbit_layout(small, analysis=sa), height=560)
    labels = next(t for t in fig.data if t.name == "labels")
    assert labels.cliponaxis is False
    named = set(labels.customdata)
    units = sa.units[sa.units["ring"].notna()]
    for _, group in units.groupby("ring"):
        assert group.loc[group["headcount"].idxmax(), "id"] in named


def _label_boxes(fig: go.Figure, sx: float, sy: float, font_px: float, anchor: str) -> list[tuple]:
    """Pixel boxes of the unit labels, estimated as the figures estimate them."""
    labels = next(t for t in fig.data if t.name == "labels")
    boxes = []
    for x, y, text, where in zip(labels.x, labels.y, labels.text, labels.textposition or [anchor] * len(labels.x)):
        w = len(text) * font_px * 0.56
        if where == "middle left":
            boxes.append((x * sx - w, x * sx, y * sy - 6, y * sy + 6))
        elif where == "middle right":
            boxes.append((x * sx, x * sx + w, y * sy - 6, y * sy + 6))
        else:
            boxes.append((x * sx - w / 2, x * sx + w / 2, y * sy - 14, y * sy))
    return boxes


def test_org_chart_labels_stay_inside_the_plot(classic):
    org, a = classic
    fig = interactive.hierarchy_figure(a, hierarchy_layout(org), selected="instandhaltung")
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    sx, sy = 460 / (x1 - x0), (640 - 40) / (y1 - y0)
    boxes = _label_boxes(fig, sx, sy, 9.5, "bottom center")
    assert len(boxes) >= 10
    for bx0, bx1, by0, _by1 in boxes:  # the leftmost and lowest labels are not cut at the edge
        assert x0 * sx - 1 <= bx0 and bx1 <= x1 * sx + 1
        assert y0 * sy - 1 <= by0


def test_orbit_unit_labels_keep_off_the_ring_labels(classic):
    org, a = classic
    fig = interactive.orbit_figure(a, orbit_layout(org, analysis=a), height=640)
    lim = fig.layout.xaxis.range[1]
    scale = 500 / (2 * lim)
    units = _label_boxes(fig, scale, scale, 10, "middle right")
    rings = []
    for ann in fig.layout.annotations:
        w = len(ann.text) * 11 * 0.56 / 2
        rings.append((ann.x * scale - w, ann.x * scale + w, ann.y * scale - 6, ann.y * scale + 6))
    assert rings and units
    for r in rings:
        for b in units:
            overlap = min(r[1], b[1]) - max(r[0], b[0]) > 2 and min(r[3], b[3]) - max(r[2], b[2]) > 2
            assert not overlap, (r, b)


@pytest.mark.parametrize("view", ["orbit", "hierarchy"])
def test_journey_labels_are_shown_and_others_keep_clear_of_them(classic, view):
    org, a = classic
    steps = list(org.journeys[0].steps)
    if view == "orbit":
        fig = interactive.orbit_figure(a, orbit_layout(org, analysis=a), journey=steps, height=640)
        lim = fig.layout.xaxis.range[1]
        sx = sy = 500 / (2 * lim)
        boxes = _label_boxes(fig, sx, sy, 10, "middle right")
    else:
        fig = interactive.hierarchy_figure(a, hierarchy_layout(org), journey=steps)
        (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
        sx, sy = 460 / (x1 - x0), 600 / (y1 - y0)
        boxes = _label_boxes(fig, sx, sy, 9.5, "bottom center")
    labelled = list(next(t for t in fig.data if t.name == "labels").customdata)
    assert set(steps) <= set(labelled)
    forced = [b for uid, b in zip(labelled, boxes) if uid in steps]
    others = [b for uid, b in zip(labelled, boxes) if uid not in steps]
    assert others  # the chart keeps its other labels
    for f in forced:
        for b in others:
            overlap = min(f[1], b[1]) - max(f[0], b[0]) > 3 and min(f[3], b[3]) - max(f[2], b[2]) > 3
            assert not overlap, (f, b)


def test_metric_deltas_colour_by_direction():
    tr = Translator("en")
    assert display.metric_delta("flagged", 10, 4, tr) == ("-6", "inverse")
    assert display.metric_delta("share", 0.3, 0.9, tr) == ("+60 pp", "normal")
    assert display.metric_delta("units", 3, 3, tr) == (None, "off")


def test_markdown_escaping_neutralises_user_text():
    out = display.md_escape("<script>x</script> [a](javascript:b) **bold**")
    assert "<" not in out and "](" not in out and "**" not in out


# ---------------------------------------------------------------- figures
def _validated(fig: go.Figure) -> go.Figure:
    """Figures are built without plotly's validation for speed; check they would pass it."""
    return go.Figure(fig.to_dict())


def test_orbit_figure_carries_ids_and_is_valid(classic):
    org, a = classic
    pos = orbit_layout(org, analysis=a)
    fig = _validated(interactive.orbit_figure(a, pos, selected="dreherei-nacht", journey=list(org.journeys[0].steps)))
    ids = {c for t in fig.data if t.customdata is not None for c in t.customdata}
    assert set(org.units["id"]) <= ids
    names = [t.name for t in fig.data]
    assert "path to the customer" in names and "journey" in names
    assert len(fig.layout.shapes) >= len(pos.radii)
    assert all(t.type == "scatter" for t in fig.data)


def test_hierarchy_figure_colours_journey_departments(classic):
    org, a = classic
    journey = a.journeys.iloc[0]
    fig = _validated(
        interactive.hierarchy_figure(
            a,
            hierarchy_layout(org),
            journey=list(journey["steps"]),
            journey_departments=list(journey["departments"]),
            selected="hotline",
        )
    )
    ids = {c for t in fig.data if t.customdata is not None for c in t.customdata}
    assert set(org.units["id"]) <= ids


def test_hover_and_labels_escape_html():
    org = orbit.Organisation.from_records(
        [
            {"id": "a", "name": "<b>R&D</b>", "kind": "<i>team</i>", "serves": ["customer"]},
            {"id": "b", "name": "<script>x</script>", "parent": "a"},
        ],
        customer="<img src=x>",
    )
    a = orbit.analyse(org)
    for fig in (
        interactive.orbit_figure(a, orbit_layout(org, analysis=a), selected="b"),
        interactive.hierarchy_figure(a, hierarchy_layout(org), selected="b"),
    ):
        spec = fig.to_json()
        assert "<script>" not in spec and "<img" not in spec and "<b>R&D" not in spec and "<i>team" not in spec
        assert "&lt;script&gt;" in spec


def test_big_orgs_use_webgl_and_thin_labels():
    org = generate_org(3000, seed=1)
    a = orbit.analyse(org)
    fig = interactive.orbit_figure(a, orbit_layout(org, analysis=a))
    types = {t.type for t in fig.data}
    assert "scattergl" in types
    labels = [t for t in fig.data if t.mode == "text"]
    assert labels and len(labels[0].x) <= 80


def test_small_charts(classic):
    _, a = classic
    rings = _validated(interactive.ring_headcount_figure(a))
    assert sum(rings.data[0].y) == a.summary["headcount"]
    spans = _validated(interactive.span_figure(a.spans(), labels=display.span_labels(Translator("de"))))
    assert sum(spans.data[0].y) == len(a.spans())
    assert "Spielertrainer<br>(3–5)" in spans.data[0].x


def test_cached_figure_matches_a_fresh_one(classic):
    org, a = classic
    pos = orbit_layout(org, analysis=a)
    colours = loading.colours_for(a)
    cached = loading.figure("orbit", "k-test", a, pos, colours, selected="hotline", text=Translator("de").figure_text())
    fresh = interactive.orbit_figure(a, pos, colours=colours, selected="hotline", text=Translator("de").figure_text())
    assert cached.to_plotly_json()["data"][0]["name"] == fresh.to_plotly_json()["data"][0]["name"]
    assert len(cached.data) == len(fresh.data)


def test_image_downloads_are_real_files(classic):
    org, a = classic
    small = orbit.load(TINY, name="t.yaml")
    sa = orbit.analyse(small)
    png = downloads.image_bytes(
        "orbit", "png", sa, pos=orbit_layout(small, analysis=sa), colours=loading.colours_for(sa)
    )
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    svg = downloads.image_bytes("hierarchy", "svg", sa, hpos=hierarchy_layout(small), colours=loading.colours_for(sa))
    assert b"<svg" in svg[:500]
    assert downloads.analysis_csv(a).startswith(b"id,name,kind")
    data, warnings = downloads.design_bytes(org, "csv")
    assert data and warnings  # CSV cannot hold the journeys


def _svg_text(data: bytes) -> str:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    return "\n".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))


@pytest.mark.parametrize("view", ["orbit", "hierarchy", "both"])
def test_image_downloads_follow_the_language(view):
    small = orbit.load(TINY, name="t.yaml")
    sa = orbit.analyse(small)
    colours = loading.colours_for(sa)
    hpos = loading.hierarchy_positions("k-tiny", small)
    de = _svg_text(downloads.image_bytes(view, "svg", sa, colours=colours, hpos=hpos, lang=Translator("de").lang))
    assert "Bereiche" in de and "2 Einheiten" in de and "Departments" not in de and "units" not in de
    en = _svg_text(downloads.image_bytes(view, "svg", sa, colours=colours, hpos=hpos))
    assert "Departments" in en and "2 units" in en and "Bereiche" not in en


def test_comparison_pdf_follows_the_language(classic, monkeypatch):
    from orbit import render

    org, _ = classic
    other = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-orbit.yaml"))
    made = []
    real = render.figure_compare
    monkeypatch.setattr(render, "figure_compare", lambda *a, **k: made.append(real(*a, **k)) or made[-1])
    pdf = downloads.comparison_pdf(orbit.compare(org, other, 3, "both"), Translator("de").lang)
    assert pdf.startswith(b"%PDF")
    table = next(t for ax in made[0].axes for t in ax.tables)
    cells = [cell.get_text().get_text() for cell in table.get_celld().values()]
    assert "Veränderung" in cells and "Ø Schritte (nach Beschäftigten gewichtet)" in cells
    assert "change" not in cells


def test_orbit_export_lays_out_its_own_label_room(monkeypatch):
    """The app's orbit positions have no room for labels beyond the outer ring: exports let the renderer lay out."""
    from orbit import render

    small = orbit.load(TINY, name="t.yaml")
    sa = orbit.analyse(small)
    seen = {}
    real = render.figure_orbit

    def spy(org, a, **kwargs):
        seen.update(kwargs)
        return real(org, a, **kwargs)

    monkeypatch.setattr(render, "figure_orbit", spy)
    ref = orbit_layout(small, analysis=sa)
    png = downloads.image_bytes("orbit", "png", sa, pos=ref, colours=loading.colours_for(sa), reference=ref)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert seen.get("pos") is None
    assert seen["reference"] is ref


def test_aggregation_and_grouping_hooks():
    big = generate_org(2000, seed=2)
    folded = loading.aggregated(big, 2)
    assert folded is not None and len(folded) < 20
    people = orbit.Organisation.from_records(
        [
            {"id": "1", "dept": "Board"},
            {"id": "2", "parent": "1", "dept": "Sales"},
            {"id": "3", "parent": "2", "dept": "Sales"},
            {"id": "4", "parent": "2", "dept": "Sales"},
            {"id": "5", "parent": "1", "dept": "Service"},
            {"id": "6", "parent": "5", "dept": "Service"},
            {"id": "7", "parent": "5", "dept": "Service"},
        ]
    )
    assert "dept" in loading.grouping_columns(people)
    base = loading.Design("upload:p.csv", "p.csv", b"", "upload", title="People")
    grouped = loading.grouped_design(base, people, "dept", ["Service"])
    assert len(loading.organisation(grouped)) == 3


def test_editor_table_has_the_editor_columns():
    org = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-classic.yaml"))
    t = editing.editor_table(org)
    assert list(t.columns[:7]) == ["id", "name", "kind", "parent", "headcount", "serves", "orbit"]
    assert str(t["headcount"].dtype) == "Int64"
    assert "location" in editing.editable_attributes(t)
    assert isinstance(t, pd.DataFrame)


def test_compared_orbit_views_get_equal_plot_areas(classic):
    _, a = classic
    small = orbit.load(TINY, name="t.yaml")
    sa = orbit.analyse(small)
    colours = loading.colours_for(a, sa)
    figs = [
        interactive.orbit_figure(x, orbit_layout(x.org, analysis=x), colours=colours, height=560, legend_columns=2)
        for x in (a, sa)
    ]
    rows = [interactive.legend_rows(f, 2) for f in figs]
    assert rows[0] > rows[1] >= 1  # the big design has more departments in its legend
    assert all(f.layout.legend.entrywidthmode == "fraction" for f in figs)
    loading.equal_plot_areas(figs, columns=2)
    plot = [f.layout.height - r * interactive.LEGEND_ROW_PX for f, r in zip(figs, rows)]
    assert plot[0] == plot[1] and figs[0].layout.height == 560
