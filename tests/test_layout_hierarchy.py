"""hierarchy_layout: tidy-tree invariants (no overlap, parents centred), compact blocks, deep trees."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbit.generate import generate_org
from orbit.layout import hierarchy_layout
from orbit.layout.tree import tidy_tree
from orbit.model import Organisation

H = 0.5


def overlaps(x, y, w, h=H):
    """Pairs of boxes that overlap (touching is fine), by brute force."""
    dx = np.abs(x[:, None] - x[None, :])
    dy = np.abs(y[:, None] - y[None, :])
    need = 0.5 * (w[:, None] + w[None, :])
    hit = (dx < need - 1e-9) & (dy < h - 1e-9)
    np.fill_diagonal(hit, False)
    return int(hit.sum()) // 2


def children_of(parent):
    kids = {}
    for i, p in enumerate(parent):
        if p >= 0:
            kids.setdefault(int(p), []).append(i)
    return kids


forests = st.integers(1, 70).flatmap(
    lambda n: st.lists(st.integers(-1, 10**6), min_size=n, max_size=n).map(
        lambda raw: np.array([-1] + [(r % i if r >= 0 else -1) for i, r in list(enumerate(raw))[1:]])
    )
)


def plain_rows(parent, spine, trunks):
    """Managers whose reports stand in one plain row (not listed, not wrapped)."""
    kids = children_of(parent)
    return {p: ks for p, ks in kids.items() if p not in trunks and all(np.isnan(spine[k]) for k in ks)}


@given(
    forests,
    st.booleans(),
    st.sampled_from([None, 1, 2, 3, 6]),
    st.integers(1, 3),
    st.sampled_from([1, 3, 8]),
    st.sampled_from([None, 2, 3, 5]),
)
def test_no_overlap_and_parents_centred(parent, varied, max_row, list_depth, max_stack, wrap):
    n = len(parent)
    width = np.linspace(0.4, 2.0, n)[::-1] if varied else np.ones(n)
    x, y, spine, trunks = tidy_tree(
        parent, width, node_height=H, max_row=max_row, list_depth=list_depth, max_stack=max_stack, wrap=wrap
    )
    assert overlaps(x, y, width) == 0
    # the leftmost box edge, or the room left of a list's spine, is at 0
    assert min(np.min(x - width / 2), np.min(spine - 0.125, initial=np.inf, where=~np.isnan(spine))) == pytest.approx(0)
    kids = children_of(parent)
    for ks in kids.values():
        assert all(y[k] < y[kids_p] for kids_p in [parent[ks[0]]] for k in ks)
    for p, ks in plain_rows(parent, spine, trunks).items():
        assert x[p] == pytest.approx(0.5 * (x[ks[0]] + x[ks[-1]]))
        # siblings keep their order left to right, on one level
        assert list(np.argsort(x[ks], kind="stable")) == list(range(len(ks)))
        assert len({round(y[k], 9) for k in ks}) == 1
    if max_row is None:
        assert np.isnan(spine).all()
    if wrap is None:
        assert not trunks
    # a listed unit hangs from a spine left of its box, below its manager's box
    listed = np.flatnonzero(~np.isnan(spine))
    assert (spine[listed] < x[listed] - width[listed] / 2).all()
    for k in listed:
        assert y[k] + H / 2 < y[parent[k]] - H / 2


@given(forests, st.sampled_from([1, 2, 3]), st.sampled_from([None, 2, 4]))
def test_reporting_lines_miss_other_boxes(parent, list_depth, wrap):
    """The renderer's elbows (bars, drops, spines, stubs, trunks) never run through a box."""
    from orbit.layout.chart import elbows

    n = len(parent)
    width = np.ones(n)
    x, y, spine, trunks = tidy_tree(parent, width, node_height=H, max_row=2, list_depth=list_depth, wrap=wrap)
    segs = elbows(parent, np.c_[x, y], width, H, spine, trunks)
    eps = 1e-6
    for (x0, y0), (x1, y1) in segs:
        lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        inside = (
            (lo_x < x + width / 2 - eps)
            & (hi_x > x - width / 2 + eps)
            & (lo_y < y + H / 2 - eps)
            & (hi_y > y - H / 2 + eps)
        )
        assert not inside.any(), ((x0, y0), (x1, y1), np.flatnonzero(inside))


def test_levels_and_roots_side_by_side():
    org = Organisation.from_records(
        [
            {"id": "a"},
            {"id": "a1", "parent": "a"},
            {"id": "a2", "parent": "a"},
            {"id": "b"},
            {"id": "b1", "parent": "b"},
        ]
    )
    pos = hierarchy_layout(org, compact=False)
    assert pos["a"][1] == pos["b"][1] == 0.0
    assert pos["a1"][1] == pos["a2"][1] == pos["b1"][1] < 0
    assert pos["a"][0] < pos["b"][0]
    assert pos["a"][0] == pytest.approx((pos["a1"][0] + pos["a2"][0]) / 2)
    assert pos["b"][0] == pytest.approx(pos["b1"][0])


def test_compact_lists_leaf_reports():
    records = [{"id": "boss"}] + [{"id": f"r{i}", "parent": "boss"} for i in range(40)]
    org = Organisation.from_records(records)
    wide = hierarchy_layout(org, compact=False)
    tight = hierarchy_layout(org, compact=True)
    width = lambda pos: max(x for x, _ in pos.values()) - min(x for x, _ in pos.values())  # noqa: E731
    assert width(wide) > 35
    assert width(tight) < 7
    xs = sorted({round(tight[f"r{i}"][0], 6) for i in range(40)})
    assert len(xs) == 5  # ceil(40 / 8) columns of 8
    # the manager stays centred over its block, each column hangs from a spine left of it
    assert tight["boss"][0] == pytest.approx((min(xs) - 0.5 - 0.25 + max(xs) + 0.5) / 2)
    assert {round(tight.spines[f"r{i}"] - tight[f"r{i}"][0], 9) for i in range(40)} == {-0.625}
    # a few leaf reports make one column below the manager (one column, not a row)
    few = Organisation.from_records([{"id": "boss"}] + [{"id": f"r{i}", "parent": "boss"} for i in range(3)])
    pos = hierarchy_layout(few)
    assert len({x for k, (x, _) in pos.items() if k != "boss"}) == 1
    assert pos["r0"][1] > pos["r1"][1] > pos["r2"][1]


def test_indented_lists_and_wrapped_rows():
    records = [{"id": "ceo"}]
    for d in range(8):
        records.append({"id": f"d{d}", "parent": "ceo"})
        for t in range(2):
            records.append({"id": f"d{d}t{t}", "parent": f"d{d}"})
            records += [{"id": f"d{d}t{t}m{m}", "parent": f"d{d}t{t}"} for m in range(2)]
    org = Organisation.from_records(records)
    flat = hierarchy_layout(org, list_depth=1)
    deep = hierarchy_layout(org, list_depth=2)
    assert "d0t0" not in flat.spines and "d0t0m0" in flat.spines
    # list_depth=2: a department lists its teams, and their members one indent further
    assert deep.spines["d0t0m0"] - deep.spines["d0t0"] == pytest.approx(0.25)
    assert deep["d0t0"][1] > deep["d0t0m0"][1] > deep["d0t0m1"][1] > deep["d0t1"][1]
    wrapped = hierarchy_layout(org, list_depth=2, wrap=4)
    assert len(wrapped.trunks["ceo"]) == 1
    first = [f"d{d}" for d in range(8) if wrapped[f"d{d}"][1] == wrapped["d0"][1]]
    second = [f"d{d}" for d in range(8) if f"d{d}" not in first]
    assert first and second
    # the second row starts below everything the first row holds
    lowest = min(y for k, (_, y) in wrapped.items() if k.startswith(tuple(first)))
    assert all(wrapped[d][1] < lowest for d in second)
    x = np.array([v[0] for v in wrapped.values()])
    y = np.array([v[1] for v in wrapped.values()])
    assert overlaps(x, y, np.ones(len(x))) == 0
    assert max(x) - min(x) < max(v[0] for v in deep.values()) - min(v[0] for v in deep.values())


def test_compact_block_with_managers_beside_it():
    records = [{"id": "boss"}] + [{"id": f"r{i}", "parent": "boss"} for i in range(20)]
    records += [{"id": "m", "parent": "boss"}] + [{"id": f"m{i}", "parent": "m"} for i in range(3)]
    records += [{"id": "deep", "parent": "m0"}, {"id": "deeper", "parent": "deep"}]
    org = Organisation.from_records(records)
    pos = hierarchy_layout(org)
    ids = list(pos)
    x = np.array([pos[i][0] for i in ids])
    y = np.array([pos[i][1] for i in ids])
    assert overlaps(x, y, np.ones(len(ids))) == 0


def test_deep_chain_has_no_recursion_limit():
    n = 5000
    org = Organisation.from_records([{"id": "u0"}] + [{"id": f"u{i}", "parent": f"u{i - 1}"} for i in range(1, n)])
    pos = hierarchy_layout(org)
    assert pos[f"u{n - 1}"][1] < pos["u0"][1]
    assert len({x for x, _ in pos.values()}) == 1


def test_node_width_mapping_and_scale():
    org = generate_org(60, seed=2)
    widths = {u: 1.0 + (i % 3) for i, u in enumerate(org.units["id"])}
    pos = hierarchy_layout(org, node_width=widths, compact=False)
    ids = list(pos)
    x = np.array([pos[i][0] for i in ids])
    y = np.array([pos[i][1] for i in ids])
    assert overlaps(x, y, np.array([widths[i] for i in ids])) == 0
    doubled = hierarchy_layout(org, node_width=widths, compact=False, scale=2.0)
    assert doubled == {k: (2 * a, 2 * b) for k, (a, b) in pos.items()}


@pytest.mark.parametrize("compact", [True, False])
def test_generated_org_invariants(compact):
    org = generate_org(1500, seed=0)
    pos = hierarchy_layout(org, compact=compact)
    ids = org.units["id"].tolist()
    x = np.array([pos[i][0] for i in ids])
    y = np.array([pos[i][1] for i in ids])
    assert overlaps(x, y, np.ones(len(ids))) == 0
    parent = pd.Index(ids).get_indexer(org.units["parent"])
    if not compact:
        for p, ks in children_of(parent).items():
            assert x[p] == pytest.approx(0.5 * (x[ks[0]] + x[ks[-1]]))
    assert hierarchy_layout(org, compact=compact) == pos


def test_bad_arguments():
    org = generate_org(5)
    with pytest.raises(ValueError, match="max_row"):
        hierarchy_layout(org, max_row=0)
    with pytest.raises(ValueError, match="list_depth"):
        hierarchy_layout(org, list_depth=0)
    with pytest.raises(ValueError, match="wrap"):
        hierarchy_layout(org, wrap=1)
    with pytest.raises(ValueError, match="node_width"):
        hierarchy_layout(org, node_width=0)


@given(forests, st.sampled_from([1, 2, 3]))
def test_reporting_lines_to_centres_join_every_unit_to_its_manager(parent, list_depth):
    """For markers, each reporting line runs from the manager's centre to the report's centre, as a connected path."""
    from orbit.layout.chart import reporting_lines

    ids = [f"u{i}" for i in range(len(parent))]
    org = Organisation.from_records(
        [{"id": ids[i], **({"parent": ids[p]} if p >= 0 else {})} for i, p in enumerate(parent)]
    )
    pos = hierarchy_layout(org, list_depth=list_depth, node_height=H)
    segs = reporting_lines(org, pos, centres=True)
    edges = reporting_lines(org, pos)
    assert len(segs) >= len(edges)
    points = {tuple(np.round(p, 6)) for s in segs for p in s}
    for i, p in enumerate(parent):
        if p >= 0:
            assert tuple(np.round(pos[ids[i]], 6)) in points
            assert tuple(np.round(pos[ids[p]], 6)) in points
    # the lines for boxes end at the box edges, never at a centre
    centres = {tuple(np.round(v, 6)) for v in pos.values()}
    assert not centres & {tuple(np.round(p, 6)) for s in edges for p in s}


def test_box_widths_widen_only_the_boxes_whose_names_do_not_fit():
    from orbit.layout.chart import CHART, box_widths

    org = Organisation.from_records([{"id": "a", "name": "Kurz"}, {"id": "b", "name": "Sehr lange Bezeichnung"}])
    widths = box_widths(org, lambda name, kind, points: len(name) * 5.0 <= points)
    base = CHART["node_width"]
    assert widths == {"a": base, "b": base * 1.5}
    assert box_widths(org, lambda *_: True) == base
