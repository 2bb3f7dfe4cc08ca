"""count_crossings: hand-made drawings with known counts, and a brute-force cross-check."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbit.layout import count_crossings
from orbit.layout.crossings import count_crossings_array


def brute_force(pos, edges):
    """Quadratic reference: proper intersections of edges without a shared endpoint."""
    segs = {frozenset(e) for e in edges if e[0] != e[1]}
    segs = [tuple(s) for s in segs]

    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    count = 0
    for (a, b), (c, d) in itertools.combinations(segs, 2):
        if {a, b} & {c, d}:
            continue
        pa, pb, pc, pd_ = pos[a], pos[b], pos[c], pos[d]
        if orient(pa, pb, pc) * orient(pa, pb, pd_) < 0 and orient(pc, pd_, pa) * orient(pc, pd_, pb) < 0:
            count += 1
    return count


SQUARE = {"a": (0, 0), "b": (1, 0), "c": (1, 1), "d": (0, 1)}


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ([], 0),
        ([("a", "c")], 0),
        ([("a", "c"), ("b", "d")], 1),  # the two diagonals
        ([("a", "b"), ("c", "d")], 0),  # parallel sides
        ([("a", "c"), ("a", "b")], 0),  # shared endpoint never counts
        ([("a", "c"), ("c", "a"), ("b", "d")], 1),  # one segment, drawn once
        ([("a", "a"), ("b", "d")], 0),  # self-loop ignored
        ([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a"), ("a", "c"), ("b", "d")], 1),  # K4 on a square
    ],
)
def test_square(edges, expected):
    assert count_crossings(SQUARE, edges) == expected


def test_touching_and_collinear_do_not_count():
    pos = {"a": (0, 0), "b": (2, 0), "c": (1, 0), "d": (1, 1), "e": (3, 0), "f": (1.5, 0)}
    # T-junction: c lies on a-b
    assert count_crossings(pos, [("a", "b"), ("c", "d")]) == 0
    # collinear overlap a-b and f-e
    assert count_crossings(pos, [("a", "b"), ("f", "e")]) == 0


def test_star_and_wheel():
    # k spokes from a hub share it, so they never cross each other
    k = 12
    pos = {"hub": (0.0, 0.0)}
    for i in range(k):
        pos[i] = (np.cos(2 * np.pi * i / k), np.sin(2 * np.pi * i / k))
    spokes = [("hub", i) for i in range(k)]
    assert count_crossings(pos, spokes) == 0
    # the chord between points 1 and 4 (30 and 120 degrees) cuts the spokes to points 2 and 3
    assert count_crossings(pos, [*spokes, (1, 4)]) == 2
    # the rim: a polygon crosses nothing
    rim = [(i, (i + 1) % k) for i in range(k)]
    assert count_crossings(pos, spokes + rim) == 0


def test_complete_graph_on_convex_position():
    # K_n with vertices in convex position has C(n, 4) crossings
    n = 9
    pos = {i: (np.cos(2 * np.pi * i / n), np.sin(2 * np.pi * i / n)) for i in range(n)}
    edges = list(itertools.combinations(range(n), 2))
    assert count_crossings(pos, edges) == 126


def test_grid_of_segments():
    # 5 horizontal and 5 vertical segments, all crossing: 25
    pos = {}
    edges = []
    for i in range(5):
        pos[f"h{i}a"], pos[f"h{i}b"] = (-1, i), (5, i)
        pos[f"v{i}a"], pos[f"v{i}b"] = (i, -1), (i, 5)
        edges += [(f"h{i}a", f"h{i}b"), (f"v{i}a", f"v{i}b")]
    assert count_crossings(pos, edges) == 25


def test_accepts_graph_and_dataframe():
    g = nx.Graph([("a", "c"), ("b", "d")])
    assert count_crossings(SQUARE, g) == 1
    df = pd.DataFrame({"source": ["a", "b"], "target": ["c", "d"], "relation": ["serves", "serves"]})
    assert count_crossings(SQUARE, df) == 1


def test_missing_position_names_the_node():
    with pytest.raises(KeyError, match="'zz'"):
        count_crossings(SQUARE, [("a", "zz")])


coords = st.integers(0, 6)
drawings = st.integers(2, 14).flatmap(
    lambda n: st.tuples(
        st.lists(st.tuples(coords, coords), min_size=n, max_size=n),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40),
    )
)


@given(drawings)
def test_matches_brute_force_on_integer_grids(drawing):
    # integer coordinates make many degenerate cases: shared points, collinear and touching segments
    points, edges = drawing
    pos = dict(enumerate(points))
    assert count_crossings(pos, edges) == brute_force(pos, edges)


@given(st.integers(0, 10_000))
def test_matches_brute_force_on_random_drawings(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 60))
    xy = rng.normal(size=(n, 2)) * rng.uniform(0.01, 100)
    m = int(rng.integers(1, 120))
    u, v = rng.integers(0, n, m), rng.integers(0, n, m)
    pos = {i: tuple(p) for i, p in enumerate(xy)}
    assert count_crossings_array(xy, u, v) == brute_force(pos, list(zip(u.tolist(), v.tolist(), strict=True)))


def test_larger_drawing_matches_brute_force():
    rng = np.random.default_rng(7)
    n = 400
    xy = rng.random((n, 2))
    tree_parent = rng.integers(0, np.arange(1, n))
    u = np.r_[np.arange(1, n), rng.integers(0, n, 60)]
    v = np.r_[tree_parent, rng.integers(0, n, 60)]
    pos = {i: tuple(p) for i, p in enumerate(xy)}
    assert count_crossings_array(xy, u, v) == brute_force(pos, list(zip(u.tolist(), v.tolist(), strict=True)))
