"""A forest of hundreds of top units (issue 12): the org chart wraps its trees into rows that fill the page."""

from __future__ import annotations

import io

import numpy as np
from orgshapes import agency_forest

from orbit import load
from orbit.layout.chart import chart_extent, chart_inches
from orbit.render import hierarchy_positions


def forest():
    return load(io.BytesIO(agency_forest(500).encode()), name="agencies.csv")


def test_a_forest_of_500_top_units_is_drawn_in_rows_shaped_like_the_page():
    org = forest()
    pos = hierarchy_positions(org)
    w, h = chart_inches(pos)
    assert 0.8 < w / h < 3.5  # a page's shape, not a 5,920-pixel strip
    tops = org.units.loc[org.units["parent"].isna(), "id"]
    rows = {round(pos[i][1], 6) for i in tops}
    assert len(rows) >= 5  # the top units wrapped into rows
    assert set(pos) == set(org.units["id"])


def test_the_rows_of_trees_never_overlap():
    org = forest()
    pos = hierarchy_positions(org)
    ids = list(org.units["id"])
    xy = np.array([pos[i] for i in ids])
    bw = np.array([pos.width(i) for i in ids])
    bh = pos.node_height
    order = np.lexsort((xy[:, 0], -xy[:, 1]))
    boxes = [(xy[k, 0] - bw[k] / 2, xy[k, 0] + bw[k] / 2, xy[k, 1] - bh / 2, xy[k, 1] + bh / 2) for k in order]
    for a in range(len(boxes)):
        x0, x1, y0, y1 = boxes[a]
        for b in range(a + 1, min(a + 40, len(boxes))):
            u0, u1, v0, v1 = boxes[b]
            assert x1 <= u0 + 1e-9 or u1 <= x0 + 1e-9 or y1 <= v0 + 1e-9 or v1 <= y0 + 1e-9


def test_a_small_forest_keeps_its_trees_side_by_side():
    org = load(io.BytesIO(b"id,parent\na,\nb,\nc,a\n"), name="x.csv")
    pos = hierarchy_positions(org)
    assert pos["a"][1] == pos["b"][1]
    x0, x1, _, _ = chart_extent(pos)
    assert x1 > x0


def test_the_title_of_a_forest_chart_stays_above_its_boxes(tmp_path):
    from orbit.render import figure_hierarchy

    org = forest()
    fig = figure_hierarchy(org)
    fig.canvas.draw()
    ax = fig.axes[0]
    title = ax.title.get_window_extent()
    labels = [t.get_window_extent() for t in ax.texts if t.get_gid() == "unit-label"]
    assert labels and all(b.y1 <= title.y0 + 1 for b in labels)
