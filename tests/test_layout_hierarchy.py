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


@given(forests, st.booleans(), st.sampled_from([None, 1, 2, 3, 6]))
def test_no_overlap_and_parents_centred(parent, varied, max_row):
    n = len(parent)
    width = np.linspace(0.4, 2.0, n)[::-1] if varied else np.ones(n)
    x, y = tidy_tree(parent, width, node_height=H, max_row=max_row)
    assert overlaps(x, y, width) == 0
    assert np.min(x - width / 2) == pytest.approx(0.0)
    kids = children_of(parent)
    for p, ks in kids.items():
        stacked = max_row is not None and len(ks) > max_row and sum(1 for k in ks if k not in kids) > max_row
        if not stacked:
            assert x[p] == pytest.approx(0.5 * (x[ks[0]] + x[ks[-1]]))
            assert all(y[k] < y[p] for k in ks)
            # siblings keep their order left to right
            assert list(np.argsort(x[ks], kind="stable")) == list(range(len(ks)))
        else:
            assert all(y[k] < y[p] for k in ks)


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
    pos = hierarchy_layout(org)
    assert pos["a"][1] == pos["b"][1] == 0.0
    assert pos["a1"][1] == pos["a2"][1] == pos["b1"][1] < 0
    assert pos["a"][0] < pos["b"][0]
    assert pos["a"][0] == pytest.approx((pos["a1"][0] + pos["a2"][0]) / 2)
    assert pos["b"][0] == pytest.approx(pos["b1"][0])


def test_compact_stacks_many_leaf_reports():
    records = [{"id": "boss"}] + [{"id": f"r{i}", "parent": "boss"} for i in range(40)]
    org = Organisation.from_records(records)
    wide = hierarchy_layout(org, compact=False)
    tight = hierarchy_layout(org, compact=True)
    width = lambda pos: max(x for x, _ in pos.values()) - min(x for x, _ in pos.values())  # noqa: E731
    assert width(wide) > 35
    assert width(tight) < 10
    xs = {round(tight[f"r{i}"][0], 6) for i in range(40)}
    assert len(xs) == 6  # ceil(sqrt(40)) = 7 rows, so ceil(40 / 7) = 6 columns
    # the manager stays centred over its block
    assert tight["boss"][0] == pytest.approx((min(xs) + max(xs)) / 2)


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
    with pytest.raises(ValueError, match="node_width"):
        hierarchy_layout(org, node_width=0)
