"""The org chart as data: box sizes, the layout the exports use, and reporting lines as segments.

Built on :func:`~orbit.layout.hierarchy_layout` (box centres, lists and
wrapped rows); everything here returns numbers, so the matplotlib renderer,
the app's plotly figure and the deck draw the same boxes and lines.

- :data:`CHART`: box and gap sizes of the exported org chart, in layout
  units of :data:`CHART_PT` points.
- :func:`box_widths`: a standard box, wider where a name would not fit
  (the caller measures the text).
- :func:`chart_layout`: the compact layout whose page fits a 16:9 slide best.
- :func:`reporting_lines`: the orthogonal reporting lines of a layout, as
  segments that end at the box edges (boxes) or centres (markers).
- :func:`chart_extent`, :func:`chart_inches`: the size of a drawing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from .forest_rows import shelve_forest
from .tree import hierarchy_layout

__all__ = [
    "CHART",
    "CHART_PT",
    "box_geometry",
    "box_widths",
    "chart_extent",
    "chart_inches",
    "chart_layout",
    "elbows",
    "reporting_lines",
    "reporting_route",
    "spine_array",
    "to_centres",
]

CHART = {
    "node_width": 1.2,
    "node_height": 0.5,
    "sibling_gap": 0.2,
    "cousin_gap": 0.4,
    "level_gap": 0.5,
    "stack_gap": 0.12,
    "indent": 0.25,
}
"""Box and gap sizes of the exported org chart, in layout units of :data:`CHART_PT` points."""

CHART_PT = 72.0
"""Points per layout unit at the natural size: boxes 86 × 36 pt."""

WIDER = (1.0, 1.25, 1.5)
"""Box widths tried for long names, in multiples of the standard box."""

SLIDE = (16.0, 9.0)
"""The page :func:`chart_layout` aims for, in inches."""


def box_widths(org, fits: Callable[[str, object, float], bool], *, limit: int = 400):
    """Box widths: the standard one, wider for names that would not fit.

    ``fits(name, kind, points)`` tells whether a unit's name (the renderer
    knows how its kind is typeset) fits a box that many points wide; each unit gets
    the first width of :data:`WIDER` that fits. Organisations larger than
    ``limit`` units are drawn as markers and all get the standard width.

    Returns
    -------
    float or dict
        The standard width when no box needs more, else ``{id: width}``.
    """
    base = CHART["node_width"]
    if len(org) > limit:
        return base
    t = org.units
    out = {}
    for uid, name, kind in zip(t["id"], t["name"], t["kind"], strict=True):
        text = name if isinstance(name, str) and name.strip() else str(uid)
        for f in WIDER:
            if fits(text, kind, base * f * CHART_PT):
                break
        if f != 1.0:
            out[uid] = base * f
    return {uid: out.get(uid, base) for uid in t["id"]} if out else base


def chart_layout(
    org, compact: bool = True, *, widths=None, margin: tuple[float, float] = (0.0, 0.0), page: tuple = SLIDE
):
    """The org chart layout the exports use: deck-shaped boxes and lists.

    In compact mode several ways of listing reports below their managers
    are tried (:func:`~orbit.layout.hierarchy_layout` with ``list_depth``
    1–3, ``max_stack`` and ``max_row``), and the one whose page fits a 16:9
    slide at the largest scale wins; ties go to the more tree-like layout.

    Parameters
    ----------
    widths : float or mapping, optional
        Box widths (:func:`box_widths`); the standard width by default.
    margin : (float, float)
        Inches the page adds to the drawing's width and height (legend,
        title, footnote).
    page : (float, float)
        The page's shape to fill (width, height), a 16:9 slide by default;
        the app passes its panel's.

    Returns
    -------
    orbit.layout.HierarchyLayout
        Boxes :data:`CHART` sized (read them from ``node_width`` and
        ``node_height``).
    """
    chart = {**CHART, "node_width": CHART["node_width"] if widths is None else widths}
    if not compact:
        return hierarchy_layout(org, compact=False, **chart)
    n = len(org)
    if n > 1500:  # drawn as markers: only the width matters
        options = [(1, 8, 6, None), (2, 12, 6, None), (3, 16, 3, 8)]
    else:
        options = [(d, s, r, wr) for d in (1, 2, 3) for s in (5, 8, 12, 16) for r in (6, 1) for wr in (None, 8, 6, 4)]
    best, best_score = None, math.inf
    for list_depth, max_stack, max_row, wrap in options:
        pos = hierarchy_layout(org, list_depth=list_depth, max_stack=max_stack, max_row=max_row, wrap=wrap, **chart)
        if not pos:
            return pos
        w, h = chart_inches(pos)
        fw, fh = w + margin[0], h + margin[1]
        penalty = 0.005 * ((list_depth - 1) + (max_row < 6) + (wrap is not None) + (10 - (wrap or 10)) / 100)
        score = max(fw / page[0], fh / page[1]) * (1.0 + penalty)
        if score < best_score - 1e-9:
            best, best_score = pos, score
    return shelve_forest(org, best, page, margin, inches=chart_inches)


def box_geometry(pos: Mapping, ids: np.ndarray) -> tuple[np.ndarray, float, dict, dict]:
    """Box widths per unit, box height, spines and trunks of a hierarchy layout (defaults for a plain dict)."""
    height = float(getattr(pos, "node_height", 0.5))
    width_of = getattr(pos, "width", None)
    widths = np.array([width_of(i) for i in ids], dtype=float) if width_of else np.ones(len(ids))
    return widths, height, dict(getattr(pos, "spines", {}) or {}), dict(getattr(pos, "trunks", {}) or {})


def chart_extent(pos: Mapping) -> tuple[float, float, float, float]:
    """``(x0, x1, y0, y1)`` of all boxes, in layout units."""
    ids = np.array(list(pos), dtype=object)
    xy = np.array(list(pos.values()), dtype=float).reshape(-1, 2)
    bw, bh, _, _ = box_geometry(pos, ids)
    return (
        float((xy[:, 0] - bw / 2).min()),
        float((xy[:, 0] + bw / 2).max()),
        float(xy[:, 1].min() - bh / 2),
        float(xy[:, 1].max() + bh / 2),
    )


def chart_inches(pos: Mapping) -> tuple[float, float]:
    """Width and height (inches) of an org chart drawn at its natural size (boxes keep their size in points)."""
    if not pos:
        return 4.0, 2.0
    x0, x1, y0, y1 = chart_extent(pos)
    bh = float(getattr(pos, "node_height", 0.5))
    pad = 2 * 0.15 * bh / 0.5
    unit = CHART_PT / 72.0 * (0.5 / bh)  # inches per layout unit: boxes keep their size in points
    return (x1 - x0 + pad) * unit, (y1 - y0 + pad) * unit


def spine_array(spines: Mapping, ids: np.ndarray) -> np.ndarray:
    """The x of each unit's list spine (NaN for units not in a list), in the order of ``ids``."""
    out = np.full(len(ids), np.nan)
    if spines:
        get = spines.get
        out[:] = [get(i, np.nan) for i in ids]
    return out


def reporting_lines(org, pos: Mapping, *, centres: bool = False) -> np.ndarray:
    """The org chart's reporting lines as segments ``(k, 2, 2)``.

    Lists hang from their spines, wrapped rows from their manager's trunks
    (see :func:`elbows`). The lines end at the box edges; with ``centres``
    they are extended to the box centres, for a drawing with markers
    instead of boxes (:func:`to_centres`). The result depends only on the
    layout, so callers may compute it once.
    """
    ids = org.units["id"].to_numpy(dtype=object)
    index = pd.Index(ids)
    xy = np.array([pos[i] for i in ids], dtype=float).reshape(-1, 2)
    parent = index.get_indexer(org.units["parent"].to_numpy(dtype=object))
    bw, bh, spines, trunks = box_geometry(pos, ids)
    trunk_codes = {int(index.get_loc(k)): v for k, v in trunks.items() if k in index}
    segs = elbows(parent, xy, bw, bh, spine_array(spines, ids), trunk_codes)
    return to_centres(segs, xy, bw, bh) if centres else segs


def _group_rows(p: int, ch: np.ndarray, xy: np.ndarray, bw: np.ndarray, bh: float, spine: np.ndarray, trunks):
    """How the reports ``ch`` of manager ``p`` hang from it: ``(rows, bar_y, joins, indented)``.

    ``rows`` are ``(top, items)`` per row of reports, each item ``(x, top, members)``
    (``members`` the positions in ``ch`` of a list hanging from a spine at ``x``,
    ``None`` for a plain report); ``bar_y`` the height of each row's bar;
    ``joins`` the x of the trunk from each row's bar to the next; ``indented``
    whether the only item is a list whose spine leaves the manager's box directly.
    """
    px, py = xy[p]
    bottom = py - bh / 2
    cx, cy = xy[ch, 0], xy[ch, 1]
    sp = np.round(spine[ch], 9)
    hang = ~np.isnan(sp)
    # what hangs from a bar: plain reports (x, top) and spines (x, top of their first box)
    items = [(float(x), float(y) + bh / 2, None) for x, y in zip(cx[~hang], cy[~hang])]
    for sx in np.unique(sp[hang]):
        members = np.flatnonzero(sp == sx)
        items.append((float(sx), float(cy[members].max()) + bh / 2, members))
    joins = list(trunks.get(p, []))
    if hang.all() and len(items) == 1 and abs(items[0][0] - px) < bw[p] / 2 - 1e-9:
        return [(bottom, items)], [bottom], joins, True
    tops = sorted({round(t, 6) for _, t, _ in items}, reverse=True)
    rows = [(t, [it for it in items if round(it[1], 6) == t]) for t in tops]
    gap = bottom - tops[0]
    return rows, [t + gap / 2 for t in tops], joins, False


def _trunk_x(joins: list, r: int, px: float) -> float:
    """The x where row ``r``'s bar meets the trunk from the row above (the manager's stem for row 0)."""
    return px if r == 0 else (joins[r - 1] if r - 1 < len(joins) else px)


def elbows(parent, xy: np.ndarray, bw: np.ndarray, bh: float, spine: np.ndarray, trunks=None) -> np.ndarray:
    """Orthogonal reporting lines as segments ``(k, 2, 2)``, ending at the box edges.

    A manager's stem runs down to a bar halfway to its reports' row and
    drops to each report in it. Reports in a list (``spine`` not NaN, see
    :class:`orbit.layout.HierarchyLayout`) hang from a vertical spine with
    a short stub to their box; a spine that starts under the manager's box
    (an indented list) runs straight down from it. Reports wrapped into
    several rows get a bar per row, joined by the manager's ``trunks``
    (``{manager code: [x, ...]}``).

    >>> elbows(np.array([-1, 0, 0]), np.array([[1.0, 0.0], [0.5, -1.25], [1.5, -1.25]]), np.ones(3), 0.5,
    ...        np.full(3, np.nan)).shape
    (4, 2, 2)
    """
    parent = np.asarray(parent)
    trunks = trunks or {}
    kids = np.flatnonzero(parent >= 0)
    if kids.size == 0:
        return np.empty((0, 2, 2))
    segs: list[np.ndarray] = []

    def add(x0, y0, x1, y1):
        segs.append(np.array([[[x0, y0], [x1, y1]]], dtype=float))

    order = kids[np.argsort(parent[kids], kind="stable")]
    ps = parent[order]
    bounds = np.flatnonzero(np.r_[True, ps[1:] != ps[:-1], True])
    for b in range(len(bounds) - 1):
        ch = order[bounds[b] : bounds[b + 1]]
        p = int(ps[bounds[b]])
        px, py = xy[p]
        cx, cy = xy[ch, 0], xy[ch, 1]
        rows, bar_y, joins, indented = _group_rows(p, ch, xy, bw, bh, spine, trunks)
        if not indented:
            add(px, py - bh / 2, px, bar_y[0])
            for r, (_, row) in enumerate(rows):
                xs = [_trunk_x(joins, r, px)] + [x for x, _, _ in row]
                if r + 1 < len(rows):
                    t = joins[r] if r < len(joins) else px
                    xs.append(t)
                    add(t, bar_y[r], t, bar_y[r + 1])
                if max(xs) - min(xs) > 1e-9:
                    add(min(xs), bar_y[r], max(xs), bar_y[r])
        for r, (_, row) in enumerate(rows):
            for x, top, members in row:
                if members is None:
                    add(x, bar_y[r], x, top)
                    continue
                add(x, bar_y[r], x, float(cy[members].min()))
                for m in members:
                    c = ch[m]
                    edge = cx[m] - bw[c] / 2 if cx[m] >= x else cx[m] + bw[c] / 2
                    add(x, cy[m], edge, cy[m])
    return np.concatenate(segs, axis=0)


def reporting_route(org, pos: Mapping, unit) -> np.ndarray:
    """The reporting line from ``unit`` up to its manager, as drawn: a polyline ``(k, 2)`` from centre to centre.

    It follows exactly the elbows of :func:`reporting_lines` (the drop, the
    bar, trunks between wrapped rows, a list's stub and spine), so a
    highlighted path runs along the lines the chart shows. A unit without
    a manager gives its own centre only.
    """
    t = org.units
    ids = t["id"].to_numpy(dtype=object)
    index = pd.Index(ids)
    code = int(index.get_loc(unit))
    parent_id = t["parent"].iloc[code]
    xy = np.array([pos[i] for i in ids], dtype=float).reshape(-1, 2)
    if not isinstance(parent_id, str) or parent_id not in index:
        return xy[[code]]
    p = int(index.get_loc(parent_id))
    parents = index.get_indexer(t["parent"].to_numpy(dtype=object))
    ch = np.flatnonzero(parents == p)
    bw, bh, spines, trunks = box_geometry(pos, ids)
    trunk_codes = {int(index.get_loc(k)): v for k, v in trunks.items() if k in index}
    rows, bar_y, joins, indented = _group_rows(p, ch, xy, bw, bh, spine_array(spines, ids), trunk_codes)
    (px, py), (cx, cy) = xy[p], xy[code]
    me = int(np.flatnonzero(ch == code)[0])
    for r, (_, row) in enumerate(rows):
        for x, top, members in row:
            if members is None and abs(x - cx) < 1e-9 and abs(top - (cy + bh / 2)) < 1e-6:
                start = [(cx, cy), (cx, bar_y[r])]
            elif members is not None and me in members:
                start = [(cx, cy), (x, cy), (x, bar_y[r])]
            else:
                continue
            if indented:
                return _without_repeats(np.array([*start[:-1], (x, py), (px, py)], dtype=float))
            way = [start[-1]]
            for k in range(r, -1, -1):
                tx = _trunk_x(joins, k, px)
                way += [(tx, bar_y[k])] + ([(tx, bar_y[k - 1])] if k > 0 else [])
            return _without_repeats(np.array([*start[:-1], *way, (px, py)], dtype=float))
    return np.array([(cx, cy), (px, py)], dtype=float)


def _without_repeats(line: np.ndarray) -> np.ndarray:
    keep = np.r_[True, np.any(np.abs(np.diff(line, axis=0)) > 1e-9, axis=1)]
    return line[keep]


def to_centres(segs: np.ndarray, xy: np.ndarray, bw, bh: float) -> np.ndarray:
    """Reporting lines drawn for boxes, extended to end at the box centres (where markers are drawn).

    :func:`elbows` stops at the box edges: a drop at the top edge, a
    manager's stem at the bottom edge, a list's stub at the side edge. Each
    such end moves to the centre line of its box; an end on the top or bottom
    edge away from the centre (a list's spine leaving an indented list's
    manager) gets a short horizontal line to the centre.

    >>> segs = np.array([[[0.0, -0.25], [0.0, -0.6]], [[0.0, -0.6], [0.0, -0.75]]])
    >>> to_centres(segs, np.array([[0.0, 0.0], [0.0, -1.0]]), np.ones(2), 0.5).tolist()
    [[[0.0, 0.0], [0.0, -0.6]], [[0.0, -0.6], [0.0, -1.0]]]
    """
    segs = np.array(segs, dtype=float).reshape(-1, 2, 2)
    if not len(segs) or not len(xy):
        return segs
    bw = np.broadcast_to(np.asarray(bw, dtype=float), (len(xy),))
    eps = 1e-6
    # boxes per row, sorted by left edge: an end on a row's edge line finds its box by bisection
    rows: dict = {}
    for code in np.lexsort((xy[:, 0], np.round(xy[:, 1], 6))):
        rows.setdefault(round(float(xy[code, 1]), 6), []).append(int(code))
    rows = {y: np.asarray(c) for y, c in rows.items()}
    lefts = {y: xy[c, 0] - bw[c] / 2 for y, c in rows.items()}

    def box_at(x: float, y: float):
        c = rows.get(round(y, 6))
        if c is None:
            return None
        j = int(np.searchsorted(lefts[round(y, 6)], x + eps, side="right")) - 1
        if j < 0:
            return None
        code = int(c[j])
        return code if x <= xy[code, 0] + bw[code] / 2 + eps else None

    out = segs.copy()
    extra: list = []
    for s in range(len(segs)):
        for e in (0, 1):
            x, y = segs[s, e]
            for dy in (bh / 2, -bh / 2):  # an end on a box's bottom edge (stem) or top edge (drop)
                code = box_at(x, y + dy)
                if code is not None:
                    cx, cy = xy[code]
                    out[s, e] = (x, cy)
                    if abs(x - cx) > eps:
                        extra.append([[cx, cy], [x, cy]])
                    break
            else:  # a list's stub ending at a box's side
                code = box_at(x, y)
                if code is not None and abs(abs(x - xy[code, 0]) - bw[code] / 2) < eps:
                    out[s, e] = xy[code]
    if extra:
        out = np.concatenate([out, np.asarray(extra, dtype=float)], axis=0)
    return out
