"""Folded views keep the story (issue 12): a folded department is flagged when any of its people is.

Folding draws each department where its nearest member reaches the
customer; without the flags of its people it would hide exactly the people
far from the customer while the footnote counts them. These tests fold the
same designs in the API, the CLI's image, the app's figures and the deck,
and check that the flagged people drawn and the footnote's agree.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from orgshapes import d3_demo_org

from orbit import load
from orbit.aggregate import aggregate, representatives
from orbit.analysis import analyse
from orbit.cli import main
from orbit.generate import generate_org
from orbit.touchpoints import add_touchpoints, parse_rule

SALES = "positionName~sales"


@pytest.fixture(scope="module")
def d3_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("d3") / "d3.csv"
    path.write_text(d3_demo_org(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def d3(d3_file):
    org, _ = add_touchpoints(load(d3_file), [parse_rule(SALES)])
    return org


def folded_pair(org, depth: int, max_hops: int = 3, expand=()):
    """The whole organisation's analysis and the folded design's (as the CLI and the app make it)."""
    import orbit.aggregate as agg

    full = analyse(org, max_hops=max_hops)
    small = aggregate(org, depth, expand)
    if hasattr(agg, "folded_analysis"):
        return full, agg.folded_analysis(small, full)
    return full, analyse(small, max_hops=max_hops)  # the old code: the folded design analysed on its own


def members_of(full, folded, depth: int, expand=()):
    """For each box of ``folded``, the codes of the whole organisation's units it stands for."""
    rep = representatives(full.org, depth, expand)
    ids = full.org.units["id"].to_numpy(dtype=object)
    boxes = list(folded.org.units["id"])
    return {b: np.flatnonzero(ids[rep] == b) for b in boxes}


# ---------------------------------------------------------------- the rule
def test_a_folded_department_is_flagged_when_any_of_its_people_is(d3):
    full, folded = folded_pair(d3, depth=2)
    assert full.summary["flagged"] > 600  # the d3 shape: most people far from the few in sales
    members = members_of(full, folded, 2)
    for k, box in enumerate(folded.org.units["id"]):
        assert bool(folded.flagged[k]) == bool(full.flagged[members[box]].any()), box
    drawn = sum(int(full.flagged[members[b]].sum()) for k, b in enumerate(folded.org.units["id"]) if folded.flagged[k])
    assert drawn == full.summary["flagged"]  # the flagged boxes hold every flagged person


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(5, 250),
    seed=st.integers(0, 10_000),
    depth=st.integers(1, 4),
    max_hops=st.integers(1, 5),
    open_first=st.booleans(),
)
def test_folding_counts_agree_with_the_whole_organisation(n, seed, depth, max_hops, open_first):
    org = generate_org(n, seed=seed)
    expand = [org.units["id"].iloc[0]] if open_first else []
    full, folded = folded_pair(org, depth, max_hops, expand)
    f = folded.folding
    members = members_of(full, folded, depth, expand)
    w = full.weights
    assert int(f.beyond_units.sum()) == full.summary["flagged"]
    assert f.beyond.sum() == pytest.approx(w[full.flagged].sum())
    assert f.people.sum() == pytest.approx(w.sum())
    for k, box in enumerate(folded.org.units["id"]):
        m = members[box]
        assert f.units[k] == len(m)
        reach = m[full.reachable[m]]
        assert f.worst_ring[k] == (int(full.ring[reach].max()) if len(reach) else 0)
        assert f.unconnected[k] == pytest.approx(w[m[~full.reachable[m]]].sum())
        assert bool(folded.flagged[k]) == bool(full.flagged[m].any())
    assert folded.summary["flagged"] == int(folded.flagged.sum())


# ---------------------------------------------------------------- the exported image
def footnote(svg: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", svg).split())


def test_the_folded_image_flags_the_departments_and_its_footnote_counts_them(d3_file, d3, tmp_path, capsys):
    out = tmp_path / "d3.svg"
    assert main(["render", str(d3_file), "--customer-facing", SALES, "--depth", "2", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    full, folded = folded_pair(d3, depth=2)
    flagged_boxes = int(np.asarray(folded.flagged).sum())
    assert flagged_boxes >= 5
    assert svg.count('<g id="flagged') >= 1, "the folded image draws flagged departments"
    text = footnote(svg)
    total = f"{full.summary['flagged']:,}"
    assert f"{total} flagged" in text  # the footer's count …
    assert f"{total} of 1,516 people beyond 3 hops" in text  # … is what the flagged departments hold
    assert "a department: any of its people" in text  # the legend says why a department is flagged
    assert re.search(r"worst ring \d", text)


def test_the_folded_orbit_view_draws_every_flagged_department_with_the_flagged_marker(d3):
    from orbit.render import figure_orbit

    full, folded = folded_pair(d3, depth=2)
    fig = figure_orbit(folded.org, folded, full=full)
    drawn = sum(len(c.get_offsets()) for ax in fig.axes for c in ax.collections if c.get_gid() == "flagged")
    members = members_of(full, folded, 2)
    far = [b for b in folded.org.units["id"] if full.flagged[members[b]].any()]
    assert len(far) >= 5 and drawn == len(far)


def test_the_folded_org_chart_shows_each_flagged_departments_range(d3_file, tmp_path):
    out = tmp_path / "chart.svg"
    args = ["render", str(d3_file), "--customer-facing", SALES, "--depth", "2", "--view", "hierarchy", "-o", str(out)]
    assert main(args) == 0
    text = footnote(out.read_text(encoding="utf-8"))
    assert re.search(r"\b\d–[4-9]\b", text)  # nearest hops – farthest ring in the box's corner
    assert "nearest hops–farthest ring" in text


def test_german_folded_image_explains_the_flags_in_german(d3_file, tmp_path):
    out = tmp_path / "de.svg"
    assert (
        main(["render", str(d3_file), "--customer-facing", SALES, "--depth", "2", "--lang", "de", "-o", str(out)]) == 0
    )
    text = footnote(out.read_text(encoding="utf-8"))
    assert "sobald einer seiner Beschäftigten" in text
    assert "fernster Ring" in text


def test_an_unfolded_image_has_no_folded_notes(tmp_path):
    out = tmp_path / "small.svg"
    src = tmp_path / "small.csv"
    src.write_text("id,parent,serves\na,,customer\nb,a,\nc,b,\nd,c,\ne,d,\n", encoding="utf-8")
    assert main(["render", str(src), "-o", str(out)]) == 0
    text = footnote(out.read_text(encoding="utf-8"))
    assert "any of its people" not in text and "worst ring" not in text


# ---------------------------------------------------------------- the app's figures
def test_the_apps_folded_figures_flag_departments_and_explain_them_on_hover(d3):
    from orbit.app import loading
    from orbit.i18n import figure_texts
    from orbit.layout import orbit_layout
    from orbit.render import hierarchy_positions
    from orbit.render.interactive import hierarchy_figure, hover_texts, orbit_figure

    full = analyse(d3, max_hops=3)
    small = loading.aggregated(d3, 2)
    folded = loading.folded_analysis_of("d3|depth2", small, full) if hasattr(loading, "folded_analysis_of") else None
    folded = folded or analyse(small, max_hops=3)
    tx = figure_texts("en")
    hover = hover_texts(folded, text=tx)
    fig = orbit_figure(folded, orbit_layout(small, analysis=folded), text=tx, hover=hover)
    flagged = [t for t in fig.data if getattr(t, "legendgroup", None) == "flagged" or (t.name and "flagged" in t.name)]
    assert flagged and sum(len(t.x) for t in flagged) >= 5
    assert any("any of its people" in (t.name or "") for t in flagged)
    notes = [h for h in hover if "people beyond 3 hops" in h]
    assert len(notes) >= 5 and all("worst ring" in h for h in notes)
    chart = hierarchy_figure(folded, hierarchy_positions(small), text=tx, hover=hover)
    assert any("people beyond 3 hops" in str(t.hovertext) or "people beyond 3 hops" in str(t.text) for t in chart.data)


@pytest.mark.slow
def test_the_app_folds_a_big_design_with_its_flags(tmp_path):
    from streamlit.testing.v1 import AppTest
    from test_app import APP, TIMEOUT, run

    from orbit.generate import generate_csv

    path = tmp_path / "big.csv"
    generate_csv(path, 2000, seed=3)
    at = run(AppTest.from_file(APP, default_timeout=TIMEOUT))
    at.file_uploader(key="uploader").set_value(("big.csv", path.read_bytes(), "text/csv"))
    run(at)
    at.button(key="fold_back").click()
    run(at)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    flagged = [t for t in specs[0]["data"] if "flagged" in str(t.get("name", ""))]
    assert flagged and sum(len(t.get("x", [])) for t in flagged) >= 1, "folded departments with far people are flagged"
    assert any("any of its people" in t["name"] for t in flagged)
    assert any("people beyond 3 hops" in str(t.get("hovertext", "")) for t in specs[0]["data"])


# ---------------------------------------------------------------- the deck
def test_the_decks_folded_views_flag_departments_and_say_how_many_people_they_hold(d3):
    from orbit.render.deck import build_story

    story = build_story(d3, depth=2)
    design = story.designs[0]
    full = design.analysis
    assert design.orbit_depth == 2 and len(design.orbit_org) < 20
    members = members_of(full, design.orbit_analysis, 2)
    far = {b for b in design.orbit_org.units["id"] if full.flagged[members[b]].any()}
    shown = set(design.orbit_org.units["id"][np.asarray(design.orbit_analysis.flagged)])
    assert len(far) >= 5 and shown == far
    orbit_note = next(s.note for s in story.slides if s.kind == "orbit")
    assert f"{full.summary['flagged']:,} of 1,516 people beyond 3 hops" in orbit_note
    chart_note = next(s.note for s in story.slides if s.kind == "chart")
    assert "any of its people" in chart_note
