"""Big designs draw their flags apart (issue 13): a new N changes a bitmask and two shapes, not the diagrams."""

from __future__ import annotations

import base64

import numpy as np
import plotly.io as pio
import pytest

import orbit
from orbit.generate import generate_csv
from orbit.layout import orbit_layout
from orbit.layout.rings import ring_geometry
from orbit.render import hierarchy_positions
from orbit.render.interactive import hierarchy_figure, hover_texts, orbit_figure
from orbit.render.interactive.common import FLAGS_APART_FROM, orbit_frame
from orbit.render.interactive.flags import flag_overlay, unit_order
from orbit.render.interactive.orbit_view import beyond_shapes


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("flags") / "big.csv"
    generate_csv(path, FLAGS_APART_FROM + 200, seed=4)
    org = orbit.load(path)
    analyses = {n: orbit.analyse(org, max_hops=n) for n in (2, 3, 5)}
    assert len({int(a.flagged.sum()) for a in analyses.values()}) == 3  # each N flags other units
    return org, analyses, orbit_layout(org, analysis=analyses[3]), hierarchy_positions(org)


def _json(fig) -> str:
    return pio.to_json(fig, validate=False, engine="json")


def _bits(overlay: dict, n: int) -> np.ndarray:
    raw = np.frombuffer(base64.b64decode(overlay["bits"]), dtype=np.uint8)
    return np.unpackbits(raw)[:n].astype(bool)


def _orbit(a, pos, apart: bool):
    return orbit_figure(a, pos, hover=hover_texts(a, flags=not apart), legend=False, flags_apart=apart)


def _chart(a, hpos, apart: bool):
    return hierarchy_figure(a, hpos, hover=hover_texts(a, flags=not apart), flags_apart=apart)


@pytest.mark.parametrize("draw", [_orbit, _chart])
def test_a_flags_apart_figure_is_the_same_for_every_n(big, draw):
    _, analyses, pos, hpos = big
    where = pos if draw is _orbit else hpos
    apart = {_json(draw(a, where, True)) for a in analyses.values()}
    whole = {_json(draw(a, where, False)) for a in analyses.values()}
    assert len(apart) == 1
    assert len(whole) == 3  # drawn whole, each N gives another figure
    assert "⚑" not in next(iter(apart))


@pytest.mark.parametrize("draw", [_orbit, _chart])
def test_the_flags_name_exactly_the_flagged_units_of_each_n(big, draw):
    org, analyses, pos, hpos = big
    fig = draw(analyses[3], pos if draw is _orbit else hpos, True).to_plotly_json()
    order = unit_order(fig, org.ids)
    assert sorted(order.tolist()) == list(range(len(org)))  # every unit once, in the unit traces' order
    nodes = fig["layout"]["meta"]["orbit_nodes"]
    assert all(fig["data"][i]["mode"] == "markers" for i in nodes)
    for n, a in analyses.items():
        overlay = flag_overlay(a, order, pos=pos if draw is _orbit else None, legend=False)
        flagged = _bits(overlay, len(order))
        assert overlay["count"] == int(a.flagged.sum()) == int(flagged.sum())
        assert (flagged == a.flagged[order]).all()
        assert overlay["sig"].startswith(f"{n}|")


def test_the_zone_beyond_n_comes_with_the_flags(big):
    org, analyses, pos, _ = big
    for n, a in analyses.items():
        overlay = flag_overlay(a, np.arange(len(org)), pos=pos, legend=False)
        xy, _, _, _ = orbit_frame(a, pos, 640, False, None)
        zone = beyond_shapes(ring_geometry(pos, a, xy), n)
        assert len(zone) == (2 if (a.hops > n).any() else 0)
        assert overlay["under"] == [{**s, "name": "overlay-n"} for s in zone]
    far = orbit.analyse(org, max_hops=50)
    assert flag_overlay(far, np.arange(len(org)), pos=pos)["under"] == []
    assert flag_overlay(far, np.arange(len(org)))["count"] == int(far.flagged.sum())


def test_brief_hover_texts_drop_the_flag_only_when_asked(big):
    _, analyses, _, _ = big
    a = analyses[2]
    with_flags, without = hover_texts(a), hover_texts(a, flags=False)
    assert sum("⚑" in t for t in with_flags) == int(a.flagged.sum())
    assert not any("⚑" in t for t in without)
    assert [t.split("<br>")[0] for t in with_flags] == [t.split("<br>")[0] for t in without]
