"""The app's non-UI helpers and plotly figures, tested without running the app."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

import orbit
from orbit.app import changes, designs, display, downloads, editing, loading, state
from orbit.errors import OrgError
from orbit.generate import generate_org
from orbit.i18n import Translator
from orbit.layout import hierarchy_layout, orbit_layout
from orbit.layout.chart import chart_extent
from orbit.render import hierarchy_positions, interactive

TINY = (
    b"name: Tiny\nunits:\n  - {id: boss, headcount: 1}\n"
    b"  - {id: desk, parent: boss, headcount: 4, serves: [customer]}\n"
)


@pytest.fixture(scope="module")
def classic():
    org = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-classic.yaml"))
    return org, orbit.analyse(org)


# ---------------------------------------------------------------- uploads
def test_read_upload_accepts_a_good_file_and_names_it_after_the_file():
    org = loading.read_upload("tiny.yaml", TINY)
    assert org.name == "Tiny" and len(org) == 2
    assert designs.upload_name("tiny.yaml") == "tiny" and designs.upload_name("Plan B.v2.xlsx") == "Plan B.v2"


def test_read_upload_gives_the_loader_message_for_a_bad_file():
    with pytest.raises(OrgError) as err:
        loading.read_upload("bad.csv", b"id,parent\na,\nb,zzz\n")
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
    import datetime as dt

    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    design = loading.Design("library:d", "d", 1, 1, "ab" * 32, loading.BIG_ROWS, stamp, "ana")
    assert design.looks_big and design.key == "ab" * 12  # a library design is keyed by its content's SHA-256
    assert not loading.Design("library:d", "d", 1, 1, "ab" * 32, loading.BIG_ROWS - 1, stamp, "ana").looks_big
    assert loading.size_text(5 * 2**20, Translator("de")) == "5,0 MB"


def test_read_upload_refuses_files_over_the_limit():
    with pytest.raises(loading.UploadRejected) as err:
        loading.read_upload("big.csv", b"x" * (loading.MAX_UPLOAD_BYTES + 1))
    assert err.value.key == "sidebar.too_big"
    text = Translator("en")(err.value.key, **err.value.values)
    assert "limit is 20 MB" in text and "big.csv" in text


def test_content_keys_follow_content_and_format():
    assert loading.content_key(b"a", "x.csv") == loading.content_key(b"a", "other.csv")
    assert loading.content_key(b"a", "x.csv") != loading.content_key(b"b", "x.csv")
    assert loading.content_key(b"a", "x.csv") != loading.content_key(b"a", "x.json")


def test_samples_start_with_the_default_pair():
    assert list(designs.sample_files())[:2] == list(designs.DEFAULT_SAMPLES)
    classic, orbit_id = loading.DEFAULT_PAIR
    assert classic == "library:Brenner Verpackungsmaschinen GmbH (klassisch)"
    ids = [designs.design_id(n) for n in designs.sample_names().values()]
    assert len(set(ids)) == len(ids) == len(designs.sample_files())  # every sample a name of its own
    assert state.counterpart(classic, ids) == orbit_id and state.counterpart(orbit_id, ids) == classic
    assert state.compare_defaults(orbit_id, ids, {}) == loading.DEFAULT_PAIR
    assert state.is_classic(classic) and not state.is_classic(orbit_id)


def test_command_line_files_ignore_pytest_arguments():
    assert loading.command_line_files(["-n", "2", "tests/", "-q", "my org.csv"]) == ["my org.csv"]


# --------------------------------------------------------------- URL state
def test_url_state_round_trip():
    view = {"design": "library:Option A", "n": 5, "via": "serves", "unit": "hotline", "lang": "de", "view": "compare"}
    assert state.read_url(state.url_params(view)) == view
    fixed = {"design": "library:Option A", "version": 3, "view": "history"}
    assert state.url_params(fixed) == {"design": "library:Option A", "version": "3", "view": "history"}
    assert state.read_url(state.url_params(fixed)) == fixed


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
    assert table.at[1, "serves"] == ["customer"]  # serves is a list of ids in the editor
    state = {
        "edited_rows": {"1": {"headcount": 7, "serves": []}},
        "added_rows": [{"id": "new", "parent": "boss", "serves": ["customer"]}],
        "deleted_rows": [],
    }
    out = editing.apply_editor_state(table, state)
    assert out["id"].tolist() == ["boss", "desk", "new"]
    assert out.at[1, "headcount"] == 7 and out.at[1, "serves"] == [] and out.at[2, "serves"] == ["customer"]
    out = editing.apply_editor_state(table, {"deleted_rows": [0]})
    assert out["id"].tolist() == ["desk"]


def test_edit_session_valid_invalid_undo_and_redo():
    org = orbit.load(TINY, name="t.yaml")
    s = editing.EditSession.start("Tiny", org, 1, "d1")
    assert s.take({"edited_rows": {1: {"headcount": 9}}}) == "edit"
    assert s.organisation().unit("desk")["headcount"] == 9
    assert s.take({"edited_rows": {1: {"headcount": 9}}}) is None  # already taken
    # an invalid change is kept as typed and never becomes a step
    assert s.take({"edited_rows": {1: {"headcount": 9, "parent": "ghost"}}}) == "draft"
    assert s.problem.column == "parent" and s.problem.row == 1 and s.problem.key == "unknown_parent"
    assert s.problem.text(Translator("en")) == "desk reports to 'ghost', which is not a unit of this design"
    assert s.working.at[1, "parent"] == "ghost" and s.organisation().unit("desk")["parent"] == "boss"
    assert len(s.steps) == 2
    # undo goes back one valid edit (and drops the typing); redo comes back
    assert s.undo() is not None and s.problem is None and s.working.at[1, "parent"] == "boss"
    assert s.organisation().unit("desk")["headcount"] == 4 and not s.can_undo and s.can_redo
    assert s.redo() is not None and s.organisation().unit("desk")["headcount"] == 9
    assert s.undo() is not None
    # a new edit after undo drops what was undone
    assert s.take({"deleted_rows": [0]}) == "draft"  # desk would report to a unit that is gone
    assert s.offer(s.table.iloc[[0]].reset_index(drop=True)) == "edit"
    assert not s.can_redo and len(s.organisation()) == 1


def test_check_table_names_the_cell_and_the_units():
    org = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-classic.yaml"))
    t = editing.editor_table(org)
    tr = Translator("de")
    gf = int(t.index[t["id"] == "gf"][0])
    cyclic = t.copy()
    cyclic.at[gf, "parent"] = "vertrieb"
    p = editing.check_table(cyclic, org)
    assert (p.row, p.column, p.key) == (gf, "parent", "cycle")
    assert p.text(tr).startswith("Geschäftsführung kann nicht an Vertrieb berichten")
    twice = t.copy()
    twice.at[3, "id"] = t.at[2, "id"]
    assert editing.check_table(twice, org).key == "duplicate"
    negative = t.copy()
    negative.at[4, "headcount"] = -2
    found = editing.check_table(negative, org)
    assert (found.row, found.column, found.key) == (4, "headcount", "headcount")
    serves = t.copy()
    serves.at[4, "serves"] = ["nowhere"]
    assert editing.check_table(serves, org).key == "unknown_serves"
    assert editing.check_table(t, org) is None


def test_change_messages_name_units_by_name():
    org = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-classic.yaml"))
    t = editing.editor_table(org)
    en = Translator("en")
    lager = int(t.index[t["id"] == "lager"][0])
    moved = t.copy()
    moved.at[lager, "parent"] = "vertrieb"
    assert changes.describe(t, moved, en) == "moved Lager under Vertrieb"
    assert changes.changed_units(t, moved) == ["lager"]
    added = editing.apply_editor_state(t, {"added_rows": [{"id": "kam"}]})
    assert changes.describe(t, added, en) == "added unit kam"
    more = moved.copy()
    more.at[0, "headcount"] = 5
    more.at[1, "name"] = "Assistenz"
    more.at[2, "kind"] = "team"
    text = changes.describe(t, more, en)
    assert text.endswith("and 2 more changes") and text.count(";") == 1
    assert changes.describe(t, t, en) == "no change"


def test_organisation_of_the_editor_table_keeps_everything():
    sample = orbit.load(str(loading.SAMPLE_DIR / "maschinenbau-classic.yaml"))
    back = editing.organisation_of(editing.editor_table(sample), sample)
    assert back.records() == sample.records()
    assert [(j.name, list(j.steps)) for j in back.journeys] == [(j.name, list(j.steps)) for j in sample.journeys]
    assert back.customer == sample.customer and back.name == sample.name
    # a unit deleted in the editor leaves the journeys that passed through it
    t = editing.editor_table(sample)
    step = sample.journeys[0].steps[0]
    t = t[t["id"] != step].reset_index(drop=True)
    t["parent"] = [None if p == step else p for p in t["parent"]]
    t["serves"] = [[x for x in v if x != step] for v in t["serves"]]
    cut = editing.organisation_of(t, sample)
    assert step not in cut.journeys[0].steps


def test_merge_applies_my_change_on_top_of_theirs():
    org = orbit.load(TINY, name="t.yaml")
    base = editing.editor_table(org)
    mine = base.copy()
    mine.at[1, "headcount"] = 9
    theirs = editing.apply_editor_state(base, {"added_rows": [{"id": "extra", "parent": "boss"}]})
    merged = editing.merge_tables(base, mine, theirs)
    assert merged["id"].tolist() == ["boss", "desk", "extra"]
    assert int(merged.at[1, "headcount"]) == 9 and editing.check_table(merged, org) is None


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


def test_org_chart_boxes_and_the_selected_path_stay_inside_the_plot(classic):
    org, a = classic
    pos = hierarchy_positions(org)
    fig = interactive.hierarchy_figure(a, pos, selected="instandhaltung", plot_px=560, height=600)
    x0, x1 = fig.layout.xaxis.range
    y0, y1 = fig.layout.yaxis.range
    ex0, ex1, ey0, ey1 = chart_extent(pos)
    assert x0 <= ex0 and ex1 <= x1 and y0 <= ey0 and ey1 <= y1  # no box is cut at the edge
    paths = [s for s in fig.layout.shapes if s.type == "path" and s.name == "overlay"]
    assert paths
    for shape in paths:
        for part in shape.path.replace("M", "").split(" L"):
            x, y = map(float, part.split(","))
            assert x0 <= x <= x1 and y0 <= y <= y1


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


def test_journey_labels_are_shown_and_others_keep_clear_of_them(classic):
    org, a = classic
    steps = list(org.journeys[0].steps)
    fig = interactive.orbit_figure(a, orbit_layout(org, analysis=a), journey=steps, height=640)
    lim = fig.layout.xaxis.range[1]
    sx = sy = 500 / (2 * lim)
    boxes = _label_boxes(fig, sx, sy, 10, "middle right")
    labelled = list(next(t for t in fig.data if t.name == "labels").customdata)
    assert set(steps) <= set(labelled)
    forced = [b for uid, b in zip(labelled, boxes) if uid in steps]
    others = [b for uid, b in zip(labelled, boxes) if uid not in steps]
    assert others  # the chart keeps its other labels
    for f in forced:
        for b in others:
            overlap = min(f[1], b[1]) - max(f[0], b[0]) > 3 and min(f[3], b[3]) - max(f[2], b[2]) > 3
            assert not overlap, (f, b)


@pytest.mark.parametrize("view", ["orbit", "hierarchy"])
def test_a_journey_numbers_each_unit_once_with_all_its_steps(classic, view):
    org, a = classic
    steps = ["vertrieb", "montage", "vertrieb"]
    if view == "orbit":
        fig = interactive.orbit_figure(a, orbit_layout(org, analysis=a), journey=steps)
    else:
        fig = interactive.hierarchy_figure(a, hierarchy_positions(org), journey=steps)
    (numbers,) = [t for t in fig.data if t.legendgroup == "journey" and t.mode == "markers+text"]
    assert dict(zip(numbers.customdata, numbers.text, strict=True)) == {"vertrieb": "1 · 3", "montage": "2"}


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
    assert "journey" in names
    assert any(s.type == "path" and s.name == "overlay" for s in fig.layout.shapes)  # the selected path
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
    from orbit.app import diagrams

    org, a = classic
    pos = diagrams.orbit_positions("k-test", org, a)
    colours = loading.colours_for(a)
    text = Translator("de").figure_text()
    for _ in range(2):  # built, then from the cache
        cached = diagrams.orbit_chart("k-test", a, pos, colours, text=text, highlight=["hotline"]).to_dict()
        fresh = interactive.orbit_figure(a, pos, colours=colours, text=text, highlight=["hotline"]).to_plotly_json()
        assert [t.get("name") for t in cached["data"]] == [t.get("name") for t in fresh["data"]]
        assert cached["layout"]["shapes"] == fresh["layout"]["shapes"]


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
    grouped, _notes = loading.grouped(people, "dept", ["Service"])
    assert len(grouped) == 3


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
