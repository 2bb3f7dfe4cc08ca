"""A forest of many top units laid out in wrapped rows that fill the page.

:func:`orbit.layout.hierarchy_layout` puts every top unit's tree side by
side: a list of 500 agencies becomes one strip many metres wide, unreadable
at any size. :func:`shelve_forest` packs the trees, in their order, onto
shelves (rows of trees, the tallest tree of a row setting its height) and
picks the number of shelves whose page comes closest to the page's shape.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .tree import HierarchyLayout

__all__ = ["FOREST_FROM", "shelve_forest"]

FOREST_FROM = 8
"""From this many top units a chart too wide for its page is wrapped into rows of trees."""


def _top_units(org) -> np.ndarray:
    """For each unit, the code of its top unit (the root of its tree)."""
    ids = org.units["id"].to_numpy(dtype=object)
    parent = pd.Index(ids).get_indexer(org.units["parent"].to_numpy(dtype=object))
    top = np.where(parent >= 0, parent, np.arange(len(ids)))
    while True:  # pointer jumping: log(depth) rounds
        nxt = top[top]
        if np.array_equal(nxt, top):
            return top
        top = nxt


def shelve_forest(org, pos: HierarchyLayout, page: tuple[float, float], margin=(0.0, 0.0), inches=None):
    """``pos`` with the trees of a forest wrapped into rows, when that fits ``page`` (width, height) better.

    ``inches(layout) -> (w, h)`` measures a layout at its natural size (the
    chart's); ``margin`` is what the page adds (legend, title, footnote).
    Trees keep their order, left to right and row by row; each tree moves
    as a whole, so lists, spines and trunks stay as they were.
    """
    if not isinstance(pos, HierarchyLayout) or len(pos) < FOREST_FROM:
        return pos
    ids = org.units["id"].to_numpy(dtype=object)
    top = _top_units(org)
    roots = np.flatnonzero(top == np.arange(len(ids)))
    if len(roots) < FOREST_FROM:
        return pos
    xy = np.array([pos[i] for i in ids], dtype=float)
    bw = np.array([pos.width(i) for i in ids], dtype=float)
    bh = pos.node_height
    codes = pd.Index(roots).get_indexer(top)
    m = len(roots)
    left = np.full(m, np.inf)
    right = np.full(m, -np.inf)
    low = np.full(m, np.inf)
    np.minimum.at(left, codes, xy[:, 0] - bw / 2)
    np.maximum.at(right, codes, xy[:, 0] + bw / 2)
    np.minimum.at(low, codes, xy[:, 1] - bh / 2)
    order = np.argsort(left, kind="stable")  # the trees as the layout placed them
    width = right - left
    height = xy[roots, 1] + bh / 2 - low  # roots sit at the top of their tree
    gap = 0.4 * float(np.median(bw))
    row_gap = 1.2 * bh

    def packed(limit: float):
        dx, dy = np.zeros(m), np.zeros(m)
        x, y, row_h = 0.0, 0.0, 0.0
        for t in order:
            if x > 0 and x + width[t] > limit:
                x, y, row_h = 0.0, y - row_h - row_gap, 0.0
            dx[t], dy[t] = x - left[t], y
            x += width[t] + gap
            row_h = max(row_h, height[t])
        return dx, dy

    def layout(dx, dy) -> HierarchyLayout:
        shift_x, shift_y = dx[codes], dy[codes]
        moved = {i: (float(x + sx), float(y + sy)) for i, (x, y), sx, sy in zip(ids, xy, shift_x, shift_y)}
        by_id = dict(zip(ids, shift_x))
        return HierarchyLayout(
            moved,
            node_width=pos.node_width,
            node_height=bh,
            spines={k: v + by_id.get(k, 0.0) for k, v in pos.spines.items()},
            trunks={k: [x + by_id.get(k, 0.0) for x in v] for k, v in pos.trunks.items()},
        )

    def score(layout_: Mapping) -> float:
        w, h = inches(layout_)
        return max((w + margin[0]) / page[0], (h + margin[1]) / page[1])

    best, best_score = pos, score(pos)
    total = float(width.sum() + gap * (m - 1))
    widest = float(width.max())
    for rows in range(2, min(m, 200) + 1):
        limit = max(total / rows, widest)
        candidate = layout(*packed(limit))
        s = score(candidate)
        if s < best_score - 1e-9:
            best, best_score = candidate, s
        elif s > best_score * 1.5:
            break  # more rows only make the page taller
    return best
