"""Exact count of edge crossings in a straight-line drawing.

Two edges cross when their straight segments properly intersect: they meet
in exactly one point that is interior to both. Edges that share an endpoint
never count, nor do segments that only touch (an endpoint lying on the other
segment) or overlap collinearly.

The count is exact (every candidate pair is tested) but avoids the
quadratic all-pairs test: each segment is registered in the cells of a
uniform grid that it passes through, and only segments sharing a cell are
tested against each other. Everything is vectorised with numpy.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

__all__ = ["count_crossings"]

# Upper bound on candidate pairs tested in one vectorised batch (memory).
_BATCH = 1_000_000


def count_crossings(pos: Mapping, edges) -> int:
    """Count pairs of edges whose straight segments cross.

    Parameters
    ----------
    pos : mapping
        ``{node: (x, y)}``, e.g. the result of :func:`orbit_layout` or any
        networkx layout.
    edges : iterable of (u, v) pairs, pandas DataFrame or networkx graph
        The drawn edges. A DataFrame uses its ``source`` and ``target``
        columns; a graph uses ``G.edges()``. Edges are undirected: ``(u, v)``
        and ``(v, u)`` are one segment, drawn and counted once. Self-loops
        are ignored.

    Returns
    -------
    int
        The number of unordered pairs of edges that share no endpoint and
        whose segments properly intersect.

    Raises
    ------
    KeyError
        If an edge names a node that has no position.

    Examples
    --------
    >>> pos = {"a": (0, 0), "b": (1, 1), "c": (0, 1), "d": (1, 0)}
    >>> count_crossings(pos, [("a", "b"), ("c", "d")])
    1
    >>> count_crossings(pos, [("a", "b"), ("a", "c")])
    0
    """
    us, vs = _edge_lists(edges)
    index: dict = {}
    xy = []
    for node_list in (us, vs):
        for node in node_list:
            if node not in index:
                try:
                    p = pos[node]
                except KeyError:
                    raise KeyError(f"count_crossings: edge endpoint {node!r} has no position in pos") from None
                index[node] = len(xy)
                xy.append((float(p[0]), float(p[1])))
    u = np.fromiter((index[n] for n in us), dtype=np.int64, count=len(us))
    v = np.fromiter((index[n] for n in vs), dtype=np.int64, count=len(vs))
    return count_crossings_array(np.asarray(xy, dtype=float).reshape(-1, 2), u, v)


def _edge_lists(edges) -> tuple[list, list]:
    if hasattr(edges, "columns") and "source" in edges.columns:
        return list(edges["source"]), list(edges["target"])
    if hasattr(edges, "edges") and callable(edges.edges):
        edges = edges.edges()
    us, vs = [], []
    for e in edges:
        us.append(e[0])
        vs.append(e[1])
    return us, vs


def count_crossings_array(xy: np.ndarray, u: np.ndarray, v: np.ndarray) -> int:
    """Array form of :func:`count_crossings`.

    Parameters
    ----------
    xy : ndarray, shape (n, 2)
        Node coordinates.
    u, v : ndarray of int
        Edge endpoints as indices into ``xy``.

    Returns
    -------
    int
    """
    xy = np.asarray(xy, dtype=float)
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    keep = u != v
    a, b = np.minimum(u[keep], v[keep]), np.maximum(u[keep], v[keep])
    if len(a) < 2:
        return 0
    key = np.unique(a * (len(xy) + 1) + b)
    a, b = key // (len(xy) + 1), key % (len(xy) + 1)
    m = len(a)

    x0, y0 = xy[a, 0], xy[a, 1]
    x1, y1 = xy[b, 0], xy[b, 1]
    # orient each segment left to right
    swap = x1 < x0
    x0, x1 = np.where(swap, x1, x0), np.where(swap, x0, x1)
    y0, y1 = np.where(swap, y1, y0), np.where(swap, y0, y1)

    seg_cell = _grid_incidence(x0, y0, x1, y1)
    if seg_cell is None:
        return 0
    seg, cell = seg_cell

    # Each segment's "hub" is its endpoint of larger degree. Segments that
    # share a hub never cross, so pairs within one (cell, hub) run are
    # skipped outright; this keeps stars (the customer's touchpoints) cheap.
    deg = np.bincount(np.r_[a, b], minlength=len(xy))
    hub = np.where(deg[a] >= deg[b], a, b)
    order = np.lexsort((seg, hub[seg], cell))
    seg, cell = seg[order], cell[order]
    run_key = hub[seg]
    new_cell = np.r_[True, cell[1:] != cell[:-1]]
    new_run = new_cell | np.r_[True, run_key[1:] != run_key[:-1]]
    n_inc = len(seg)
    idx = np.arange(n_inc)
    cell_start = np.maximum.accumulate(np.where(new_cell, idx, 0))
    cell_end = np.r_[np.flatnonzero(new_cell)[1:], n_inc]
    cell_end = cell_end[np.cumsum(new_cell) - 1]
    run_end = np.r_[np.flatnonzero(new_run)[1:], n_inc]
    run_end = run_end[np.cumsum(new_run) - 1]
    del cell_start
    first_partner = run_end  # skip the rest of one's own hub run
    partners = cell_end - first_partner
    # segment coordinates, as drawn (shared endpoints give exact zeros below)
    sx0, sy0, sx1, sy1 = xy[a, 0], xy[a, 1], xy[b, 0], xy[b, 1]
    crossing_keys = []
    cum = np.cumsum(partners)
    lo = 0
    while lo < n_inc:
        base = cum[lo - 1] if lo else 0
        hi = int(np.searchsorted(cum, base + _BATCH, side="right"))
        hi = max(hi, lo + 1)
        cnt = partners[lo:hi]
        i = np.repeat(np.arange(lo, hi), cnt)
        if len(i):
            offs = np.arange(len(i)) - np.repeat(np.cumsum(cnt) - cnt, cnt)
            j = first_partner[i] + offs
            si, sj = seg[i], seg[j]
            hit = _proper_intersections(sx0, sy0, sx1, sy1, si, sj)
            if len(hit):
                p, q = si[hit], sj[hit]
                crossing_keys.append(np.minimum(p, q) * m + np.maximum(p, q))
        lo = hi
    if not crossing_keys:
        return 0
    return len(np.unique(np.concatenate(crossing_keys)))


def _grid_incidence(x0, y0, x1, y1):
    """Return (segment, cell) pairs for every grid cell each segment passes.

    Segments are oriented with ``x0 <= x1``. The registration is
    conservative (a small tolerance may add a neighbouring cell), which
    never loses a crossing.
    """
    m = len(x0)
    xmin, xmax = min(x0.min(), x1.min()), max(x0.max(), x1.max())
    ymin, ymax = min(y0.min(), y1.min()), max(y0.max(), y1.max())
    w, h = xmax - xmin, ymax - ymin
    if w == 0 and h == 0:
        return None
    length = np.hypot(x1 - x0, y1 - y0)
    # Cell size: a fraction of the mean segment length, so that each
    # segment meets a handful of cells, and at most 4096 cells a side.
    cs = max(float(length.sum()) / (8.0 * m), max(w, h) / 4096.0)
    ncol = int(w // cs) + 1
    nrow = int(h // cs) + 1
    tol = cs * 1e-9

    c0 = np.clip(((x0 - xmin) / cs).astype(np.int64), 0, ncol - 1)
    c1 = np.clip(((x1 - xmin) / cs).astype(np.int64), 0, ncol - 1)
    ncols = c1 - c0 + 1
    seg = np.repeat(np.arange(m), ncols)
    col = np.arange(len(seg)) - np.repeat(np.cumsum(ncols) - ncols, ncols) + c0[seg]
    # x-extent of the segment inside this column
    cx_lo = np.maximum(x0[seg], xmin + col * cs)
    cx_hi = np.minimum(x1[seg], xmin + (col + 1) * cs)
    dx = x1 - x0
    slope = np.divide(y1 - y0, dx, out=np.zeros_like(dx), where=dx > 0)
    sx0, sy0, sy1, ss = x0[seg], y0[seg], y1[seg], slope[seg]
    vertical = dx[seg] <= 0
    ya = np.where(vertical, sy0, sy0 + ss * (cx_lo - sx0))
    yb = np.where(vertical, sy1, sy0 + ss * (cx_hi - sx0))
    ylo = np.minimum(ya, yb) - tol
    yhi = np.maximum(ya, yb) + tol
    r0 = np.clip(((ylo - ymin) / cs).astype(np.int64), 0, nrow - 1)
    r1 = np.clip(((yhi - ymin) / cs).astype(np.int64), 0, nrow - 1)
    nrows = r1 - r0 + 1
    seg2 = np.repeat(seg, nrows)
    row = np.arange(len(seg2)) - np.repeat(np.cumsum(nrows) - nrows, nrows) + np.repeat(r0, nrows)
    cell = np.repeat(col, nrows) * nrow + row
    return seg2, cell


def _proper_intersections(x0, y0, x1, y1, i, j):
    """Indices k where segments i[k] and j[k] properly intersect.

    Orientation tests are taken relative to a segment's own endpoint, so a
    shared endpoint gives an exact zero and never counts as a crossing.
    """
    ax, ay, ex, ey = x0[i], y0[i], x1[i] - x0[i], y1[i] - y0[i]
    cx, cy, dx, dy = x0[j], y0[j], x1[j], y1[j]
    o1 = ex * (cy - ay) - ey * (cx - ax)
    o2 = ex * (dy - ay) - ey * (dx - ax)
    k = np.flatnonzero(o1 * o2 < 0)
    ax, ay, bx, by = ax[k], ay[k], x1[i[k]], y1[i[k]]
    cx, cy = cx[k], cy[k]
    fx, fy = dx[k] - cx, dy[k] - cy
    o3 = fx * (ay - cy) - fy * (ax - cx)
    o4 = fx * (by - cy) - fy * (bx - cx)
    return k[o3 * o4 < 0]
