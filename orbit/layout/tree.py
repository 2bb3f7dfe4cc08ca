"""Hierarchy layout: the classic org chart as a tidy tree.

Reingold–Tilford in the linear-time form of Buchheim, Jünger and Leipert
(2002), written after d3-hierarchy's ``tree.js`` but iterative (explicit
post-order and pre-order passes), so depth is limited only by memory.

Conventions: roots sit at ``y = 0`` and each level lies ``node_height +
level_gap`` lower (y decreases with depth); boxes are ``node_width`` wide and
centred on their position; the leftmost box edge (or the room left of a
list's spine) is at ``x = 0``. Several roots stand side by side in table
order.

Compact mode, as in org-chart tools: a manager whose reports all manage
nobody lists them in a column right below it (two or more columns of at most
``max_stack`` boxes when there are many), so 40 direct reports make a block
5 boxes wide instead of a row of 40. A manager with both kinds of reports
keeps up to ``max_row`` leaf reports in the row; more are stacked in such a
block, the manager's leftmost child.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["HierarchyLayout", "hierarchy_layout"]


class HierarchyLayout(dict):
    """Box centres ``{id: (x, y)}`` plus what a renderer needs to draw the boxes and lines.

    A plain ``dict`` (usable as networkx ``pos``) with extra attributes.

    Attributes
    ----------
    node_width : float or dict
        Box width, for all units or ``{id: width}``.
    node_height : float
        Box height.
    spines : dict
        ``{id: x}`` for units drawn in a list (compact mode): the x of the
        vertical line the unit hangs from, left of its box. Such a unit's
        reporting line runs down that spine and then right to its box; every
        other unit's runs down from a bar between its manager and its row.
    trunks : dict
        ``{manager id: [x, ...]}`` for managers whose reports are wrapped
        into several rows (``wrap``): the x of the vertical line from each
        row's bar down to the next row's bar.
    """

    def __init__(self, positions=(), *, node_width=1.0, node_height=0.5, spines=None, trunks=None):
        super().__init__(positions)
        self.node_width = dict(node_width) if isinstance(node_width, Mapping) else float(node_width)
        self.node_height = float(node_height)
        self.spines = dict(spines or {})
        self.trunks = {k: list(v) for k, v in (trunks or {}).items()}

    def width(self, node) -> float:
        """The box width of ``node``."""
        w = self.node_width
        return float(w.get(node, 1.0)) if isinstance(w, dict) else w

    def __repr__(self) -> str:
        return f"HierarchyLayout({len(self)} nodes, {len(self.spines)} in lists)"


def hierarchy_layout(
    org,
    *,
    compact: bool = True,
    node_width: float | Mapping = 1.0,
    node_height: float = 0.5,
    sibling_gap: float = 0.25,
    cousin_gap: float = 0.5,
    level_gap: float = 0.75,
    stack_gap: float = 0.15,
    max_row: int = 6,
    max_stack: int = 8,
    list_depth: int = 1,
    indent: float = 0.25,
    wrap: int | None = None,
    scale: float = 1.0,
) -> HierarchyLayout:
    """Top-down tidy tree of the reporting lines.

    Parameters
    ----------
    org : Organisation
    compact : bool, default True
        List reports below their manager as org-chart tools do (see
        ``list_depth``, ``max_stack`` and ``max_row``); False keeps every
        manager's reports in one row.
    node_width : float or mapping, default 1
        Box width, for all units or ``{id: width}`` (missing ids get 1).
    node_height : float, default 0.5
        Box height.
    sibling_gap, cousin_gap : float
        Horizontal room between boxes of siblings and of other neighbours
        (roots count as cousins).
    level_gap : float, default 0.75
        Vertical room between the boxes of consecutive levels.
    stack_gap : float, default 0.15
        Vertical room between rows of a list.
    max_row : int, default 6
        In compact mode, a manager who also has reports that manage others
        keeps up to this many leaf reports in the row; more are listed in a
        block, the manager's leftmost child.
    max_stack : int, default 8
        In compact mode, the most rows in one column of a list: a longer list
        is cut into columns of about equal length (a report is never cut from
        its own reports).
    list_depth : int, default 1
        In compact mode, a manager whose subtree reaches at most this many
        levels below it lists the whole subtree as an indented list below
        it: 1 lists reports that manage nobody, 2 also their reports'
        reports, one indent further.
    indent : float, default 0.25
        How far each list level is indented; the spine a listed unit hangs
        from runs half an indent left of its box.
    scale : float, default 1
        Multiplies all coordinates and sizes.

    Returns
    -------
    HierarchyLayout
        ``{id: (x, y)}`` for every unit (the customer is not part of the
        hierarchy): box centres, y decreasing with depth, the roots at 0;
        with ``.node_width``, ``.node_height``, ``.spines`` and ``.trunks``.

    Raises
    ------
    ValueError
        If a size is not positive, a gap or ``indent`` is negative, or
        ``max_row``, ``max_stack`` or ``list_depth`` is below 1.

    Examples
    --------
    >>> from orbit.model import Organisation
    >>> org = Organisation.from_records([{"id": "ceo"}, {"id": "a", "parent": "ceo"},
    ...                                  {"id": "b", "parent": "ceo"}])
    >>> dict(hierarchy_layout(org, compact=False))
    {'ceo': (1.125, 0.0), 'a': (0.5, -1.25), 'b': (1.75, -1.25)}
    >>> pos = hierarchy_layout(org)
    >>> dict(pos)
    {'ceo': (0.625, 0.0), 'a': (0.75, -1.25), 'b': (0.75, -1.9)}
    >>> pos.spines
    {'a': 0.125, 'b': 0.125}
    """
    if node_height <= 0 or scale <= 0:
        raise ValueError("node_height and scale must be positive")
    if min(sibling_gap, cousin_gap, level_gap, stack_gap) < 0:
        raise ValueError("gaps must not be negative")
    if min(max_row, max_stack, list_depth) < 1:
        raise ValueError(
            f"max_row, max_stack and list_depth must be at least 1, got {max_row}, {max_stack} and {list_depth}"
        )
    if indent < 0:
        raise ValueError(f"indent must not be negative, got {indent}")
    if wrap is not None and wrap < 2:
        raise ValueError(f"wrap must be at least 2, got {wrap}")
    ids = org.units["id"].to_numpy(dtype=object)
    n = len(ids)
    if isinstance(node_width, Mapping):
        width = np.fromiter((float(node_width.get(i, 1.0)) for i in ids), dtype=float, count=n)
        widths = dict(zip(ids.tolist(), (width * scale).tolist(), strict=True))
    else:
        width = np.full(n, float(node_width))
        widths = float(node_width) * scale
    if (width <= 0).any():
        raise ValueError("node_width must be positive")
    if n == 0:
        return HierarchyLayout(node_width=widths, node_height=node_height * scale)
    index = pd.Index(ids)
    parent = index.get_indexer(org.units["parent"].to_numpy(dtype=object)).astype(np.int64)
    x, y, spine, trunks = tidy_tree(
        parent,
        width,
        node_height=node_height,
        sibling_gap=sibling_gap,
        cousin_gap=cousin_gap,
        level_gap=level_gap,
        stack_gap=stack_gap,
        max_row=max_row if compact else None,
        max_stack=max_stack,
        list_depth=list_depth,
        indent=indent,
        wrap=wrap if compact else None,
    )
    x = x * scale
    y = y * scale
    hang = np.flatnonzero(~np.isnan(spine))
    return HierarchyLayout(
        zip(ids.tolist(), zip(x.tolist(), y.tolist(), strict=True), strict=True),
        node_width=widths,
        node_height=node_height * scale,
        spines=dict(zip(ids[hang].tolist(), (spine[hang] * scale).tolist(), strict=True)),
        trunks={ids[p]: [v * scale for v in xs] for p, xs in trunks.items()},
    )


def tidy_tree(
    parent: np.ndarray,
    width: np.ndarray,
    *,
    node_height: float = 0.5,
    sibling_gap: float = 0.25,
    cousin_gap: float = 0.5,
    level_gap: float = 0.75,
    stack_gap: float = 0.15,
    max_row: int | None = None,
    max_stack: int = 8,
    list_depth: int = 1,
    indent: float = 0.25,
    wrap: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    """Array core of :func:`hierarchy_layout`.

    Returns box centres ``x`` and ``y`` for a parent array; ``spine``: for
    a unit drawn in a list block, the x of the vertical line it hangs from
    (NaN for the others); ``trunks``: ``{manager code: [x, ...]}`` for
    managers whose reports are wrapped into several rows, the x of the
    trunk line that runs from each row's bar down to the next one.
    Lists are made when ``max_row`` is given, rows wrapped when ``wrap`` is.
    """
    parent = np.asarray(parent, dtype=np.int64)
    n = len(parent)
    width = np.asarray(width, dtype=float)
    pitch = node_height + level_gap
    row_pitch = node_height + stack_gap

    kids: list[list[int]] = [[] for _ in range(n)]
    roots: list[int] = []
    for i, p in enumerate(parent.tolist()):
        (kids[p] if p >= 0 else roots).append(i)

    # Tree nodes: 0..n-1 units, then virtual nodes: list blocks (and their chains), the super-root.
    w = width.tolist()
    children: list[list[int] | None] = [k if k else None for k in kids]
    blocks: dict[int, list[list[tuple[int, int]]]] = {}  # first chain node -> columns of (unit, indent level)
    if max_row is not None:
        height = _heights(kids, roots)
        listed = np.zeros(n, dtype=bool)
        for p in _preorder(kids, roots):
            if listed[p] or not kids[p]:
                continue
            ks = kids[p]
            if height[p] <= list_depth and sum(_sizes(kids, ks)) >= 2:
                groups = [_subtree_items(kids, k) for k in ks]  # the whole subtree as an indented list
                others = []
            else:
                leaves = [k for k in ks if not kids[k]]
                others = [k for k in ks if kids[k]]
                if len(leaves) <= max_row:
                    continue
                groups = [[(k, 0)] for k in leaves]  # many leaf reports beside managers: a block, leftmost
            columns = _columns(groups, max_stack)
            col_w = [max(w[u] + indent * (d + 1) for u, d in col) for col in columns]
            block_w = sum(col_w) + (len(columns) - 1) * sibling_gap
            rows = max(len(col) for col in columns)
            block_h = rows * node_height + (rows - 1) * stack_gap
            chain = []
            # levels the list takes: the next row's bar (half a level gap above it) must pass below its last box
            for _ in range(max(1, math.ceil((block_h + 0.6 * level_gap) / pitch - 1e-9))):
                chain.append(len(w))
                w.append(block_w)
                children.append(None)
            for a, b in itertools.pairwise(chain):
                children[a] = [b]
            blocks[chain[0]] = columns
            for col in columns:
                listed[[u for u, _ in col]] = True
            children[p] = [chain[0], *others]
    trunks: dict[int, list[int]] = {}  # wrapped manager -> first chain node of each trunk
    if wrap is not None:
        trunks = _wrap_rows(n, kids, roots, children, w, wrap, trunk_width=sibling_gap)
    superroot = len(w)
    w.append(0.0)
    children.append(list(roots))
    total = len(w)
    par = [-1] * total
    idx = [0] * total
    for v in range(total):
        ch = children[v]
        if ch:
            for i, c in enumerate(ch):
                par[c] = v
                idx[c] = i

    # Buchheim state
    z = [0.0] * total  # prelim
    m = [0.0] * total  # modifier
    c = [0.0] * total  # change
    s = [0.0] * total  # shift
    a = list(range(total))  # ancestor
    t = [-1] * total  # thread
    anc = [-1] * total  # default ancestor of a node's children (d3's A)

    def sep(u: int, v: int) -> float:
        gap = sibling_gap if par[u] == par[v] != superroot else cousin_gap
        return 0.5 * (w[u] + w[v]) + gap

    def next_left(v: int) -> int:
        ch = children[v]
        return ch[0] if ch else t[v]

    def next_right(v: int) -> int:
        ch = children[v]
        return ch[-1] if ch else t[v]

    # post-order without recursion
    post: list[int] = []
    stack = [superroot]
    while stack:
        v = stack.pop()
        post.append(v)
        ch = children[v]
        if ch:
            stack.extend(ch)
    post.reverse()  # children before parents

    for v in post:
        if v == superroot:
            break
        ch = children[v]
        p = par[v]
        siblings = children[p]
        left = siblings[idx[v] - 1] if idx[v] else -1
        if ch:
            # execute shifts
            shift = 0.0
            change = 0.0
            for k in reversed(ch):
                z[k] += shift
                m[k] += shift
                change += c[k]
                shift += s[k] + change
            midpoint = 0.5 * (z[ch[0]] + z[ch[-1]])
            if left >= 0:
                z[v] = z[left] + sep(v, left)
                m[v] = z[v] - midpoint
            else:
                z[v] = midpoint
        elif left >= 0:
            z[v] = z[left] + sep(v, left)
        # apportion
        ancestor = anc[p] if anc[p] >= 0 else siblings[0]
        if left >= 0:
            vip = vop = v
            vim = left
            vom = siblings[0]
            sip, sop, sim, som = m[vip], m[vop], m[vim], m[vom]
            while True:
                vim = next_right(vim)
                vip = next_left(vip)
                if vim < 0 or vip < 0:
                    break
                vom = next_left(vom)
                vop = next_right(vop)
                a[vop] = v
                shift = z[vim] + sim - z[vip] - sip + sep(vim, vip)
                if shift > 0:
                    wm = a[vim] if par[a[vim]] == p else ancestor
                    change = shift / (idx[v] - idx[wm])
                    c[v] -= change
                    s[v] += shift
                    c[wm] += change
                    z[v] += shift
                    m[v] += shift
                    sip += shift
                    sop += shift
                sim += m[vim]
                sip += m[vip]
                som += m[vom]
                sop += m[vop]
            if vim >= 0 and next_right(vop) < 0:
                t[vop] = vim
                m[vop] += sim - sop
            if vip >= 0 and next_left(vom) < 0:
                t[vom] = vip
                m[vom] += sip - som
                ancestor = v
        anc[p] = ancestor

    # the super-root: centre over its children (its own x is never used)
    ch = children[superroot]
    shift = change = 0.0
    for k in reversed(ch):
        z[k] += shift
        m[k] += shift
        change += c[k]
        shift += s[k] + change

    # second walk, pre-order
    xs = [0.0] * total
    depth = [0] * total
    acc = [0.0] * total  # accumulated modifiers of the ancestors
    stack = list(ch)
    for k in ch:
        acc[k] = 0.0
        depth[k] = 0
    while stack:
        v = stack.pop()
        xs[v] = z[v] + acc[v]
        kids_v = children[v]
        if kids_v:
            mv = acc[v] + m[v]
            dv = depth[v] + 1
            for k in kids_v:
                acc[k] = mv
                depth[k] = dv
                stack.append(k)

    x = np.asarray(xs[:n])
    y = np.asarray(depth[:n], dtype=float) * -pitch + 0.0
    spine = np.full(n, np.nan)
    for node, columns in blocks.items():
        left = xs[node] - 0.5 * w[node]
        top = -pitch * depth[node]
        for col in columns:
            for row, (u, d) in enumerate(col):
                item_left = left + indent * (d + 1)
                x[u] = item_left + 0.5 * width[u]
                y[u] = top - row * row_pitch
                spine[u] = item_left - 0.5 * indent
            left += max(width[u] + indent * (d + 1) for u, d in col) + sibling_gap
    # normalise: the leftmost box edge at x = 0
    left_edge = np.min(np.r_[x - 0.5 * width, [xs[b] - 0.5 * w[b] for b in blocks]])
    x -= left_edge
    spine -= left_edge
    trunk_x = {p: [xs[v] - left_edge for v in chain] for p, chain in trunks.items()}
    return x, y, spine, trunk_x


# ----------------------------------------------------------------- list blocks
def _preorder(kids: list[list[int]], roots: list[int]) -> list[int]:
    out = []
    stack = list(reversed(roots))
    while stack:
        v = stack.pop()
        out.append(v)
        stack.extend(reversed(kids[v]))
    return out


def _heights(kids: list[list[int]], roots: list[int]) -> list[int]:
    """Levels below each unit (0 for a leaf)."""
    height = [0] * len(kids)
    for v in reversed(_preorder(kids, roots)):
        if kids[v]:
            height[v] = 1 + max(height[k] for k in kids[v])
    return height


def _sizes(kids: list[list[int]], nodes: list[int]) -> list[int]:
    return [len(_subtree_items(kids, k)) for k in nodes]


def _subtree_items(kids: list[list[int]], root: int) -> list[tuple[int, int]]:
    """``(unit, level below root)`` of a subtree in pre-order: the rows of an indented list."""
    out = []
    stack = [(root, 0)]
    while stack:
        v, d = stack.pop()
        out.append((v, d))
        stack.extend((k, d + 1) for k in reversed(kids[v]))
    return out


def _columns(groups: list[list[tuple[int, int]]], max_stack: int) -> list[list[tuple[int, int]]]:
    """Cut consecutive groups of rows into ``ceil(rows / max_stack)`` columns of about equal length.

    A group (a report with its own reports) is never split; a group longer
    than ``max_stack`` makes a column of its own.
    """
    sizes = [len(g) for g in groups]
    total = sum(sizes)
    want = max(1, math.ceil(total / max_stack))
    cap = max(max(sizes), math.ceil(total / want))
    while True:
        cols: list[list[tuple[int, int]]] = [[]]
        for g in groups:
            if cols[-1] and len(cols[-1]) + len(g) > cap:
                cols.append([])
            cols[-1].extend(g)
        if len(cols) <= want or cap >= total:
            return cols
        cap += 1


def _wrap_rows(n, kids, roots, children, w, wrap: int, trunk_width: float) -> dict[int, list[int]]:
    """Wrap every row of more than ``wrap`` reports (tree nodes, lists included) into rows of about equal length.

    Each following row hangs from a *trunk*: a chain of narrow virtual
    nodes in the row above, as deep as that row's subtrees reach, so the
    next row starts below all of them. The trunk goes where it splits the
    row's (estimated) width in half, so it runs about under the manager.
    Works bottom-up so a wrapped subtree's new depth counts for its manager.
    Edits ``children`` and ``w`` in place; returns ``{manager: [first trunk
    node, ...]}``.
    """
    height: list[int] = [0] * len(w)
    span: list[float] = list(w)  # estimated subtree width (a tidy tree packs at least this tight)

    def settle(v: int) -> None:
        ch = children[v]
        if ch:
            height[v] = 1 + max(height[c] for c in ch)
            span[v] = max(w[v], sum(span[c] for c in ch) + trunk_width * (len(ch) - 1))

    # virtual nodes first (block chains: deepest link last), then units bottom-up
    for v in range(len(w) - 1, n - 1, -1):
        settle(v)
    trunks: dict[int, list[int]] = {}
    for p in reversed(_preorder(kids, roots)):
        ch = children[p]
        if ch and len(ch) > wrap:
            rows = _balanced_rows(ch, [span[c] for c in ch], math.ceil(len(ch) / wrap))
            below = rows[-1]
            heads = []
            for row in reversed(rows[:-1]):
                chain = []
                for _ in range(1 + max(height[c] for c in row)):
                    chain.append(len(w))
                    w.append(trunk_width)
                    children.append(None)
                    height.append(0)
                    span.append(trunk_width)
                for a, b in itertools.pairwise(chain):
                    children[a] = [b]
                children[chain[-1]] = below
                for v in reversed(chain):
                    settle(v)
                span[chain[0]] = trunk_width  # what sits beside the trunk in its own row
                edges = np.cumsum([span[c] for c in row])
                mid = 1 + int(np.argmin(np.abs(edges[:-1] - edges[-1] / 2))) if len(row) > 1 else 1
                below = [*row[:mid], chain[0], *row[mid:]]
                heads.append(chain[0])
            children[p] = below
            trunks[p] = heads[::-1]
            settle(p)
            span[p] = max(w[p], *(sum(span[c] for c in row) + trunk_width * len(row) for row in rows))
            continue
        settle(p)
    return trunks


def _balanced_rows(items: list[int], spans: list[float], k: int) -> list[list[int]]:
    """Cut ``items`` into at most ``k`` consecutive rows of about equal total span (binary search on the widest)."""
    lo, hi = max(spans), sum(spans)
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        rows, used = 1, 0.0
        for sp in spans:
            if used and used + sp > mid:
                rows, used = rows + 1, 0.0
            used += sp
        lo, hi = (mid, hi) if rows > k else (lo, mid)
    out: list[list[int]] = [[]]
    used = 0.0
    for item, sp in zip(items, spans, strict=True):
        if out[-1] and used + sp > hi + 1e-9:
            out.append([])
            used = 0.0
        out[-1].append(item)
        used += sp
    return out
