"""Hierarchy layout: the classic org chart as a tidy tree.

Reingold–Tilford in the linear-time form of Buchheim, Jünger and Leipert
(2002), written after d3-hierarchy's ``tree.js`` but iterative (explicit
post-order and pre-order passes), so depth is limited only by memory.

Conventions: roots sit at ``y = 0`` and each level lies ``node_height +
level_gap`` lower (y decreases with depth); boxes are ``node_width`` wide and
centred on their position; the leftmost box edge is at ``x = 0``. Several
roots stand side by side in table order.

Compact mode: a manager with more than ``max_row`` reports that manage
nobody stacks those reports in a block of columns right below it (the block
is the manager's leftmost child), so 40 direct reports make a block about 6
wide instead of a row 40 wide.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["hierarchy_layout"]


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
    scale: float = 1.0,
) -> dict:
    """Top-down tidy tree of the reporting lines.

    Parameters
    ----------
    org : Organisation
    compact : bool, default True
        Stack many leaf reports of one manager into columns.
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
        Vertical room between rows of a stacked block.
    max_row : int, default 6
        In compact mode, a manager's leaf reports stay in one row up to this
        many; more are stacked into about ``sqrt(k)`` rows.
    scale : float, default 1
        Multiplies all coordinates.

    Returns
    -------
    dict
        ``{id: (x, y)}`` for every unit (the customer is not part of the
        hierarchy). Box centres; y decreases with depth, the roots at 0.

    Examples
    --------
    >>> from orbit.model import Organisation
    >>> org = Organisation.from_records([{"id": "ceo"}, {"id": "a", "parent": "ceo"},
    ...                                  {"id": "b", "parent": "ceo"}])
    >>> hierarchy_layout(org)
    {'ceo': (1.125, 0.0), 'a': (0.5, -1.25), 'b': (1.75, -1.25)}
    """
    if node_height <= 0 or scale <= 0:
        raise ValueError("node_height and scale must be positive")
    if min(sibling_gap, cousin_gap, level_gap, stack_gap) < 0:
        raise ValueError("gaps must not be negative")
    if max_row < 1:
        raise ValueError(f"max_row must be at least 1, got {max_row}")
    ids = org.units["id"].to_numpy(dtype=object)
    n = len(ids)
    if n == 0:
        return {}
    index = pd.Index(ids)
    parent = index.get_indexer(org.units["parent"].to_numpy(dtype=object)).astype(np.int64)
    if isinstance(node_width, Mapping):
        width = np.fromiter((float(node_width.get(i, 1.0)) for i in ids), dtype=float, count=n)
    else:
        width = np.full(n, float(node_width))
    if (width <= 0).any():
        raise ValueError("node_width must be positive")
    x, y = tidy_tree(
        parent,
        width,
        node_height=node_height,
        sibling_gap=sibling_gap,
        cousin_gap=cousin_gap,
        level_gap=level_gap,
        stack_gap=stack_gap,
        max_row=max_row if compact else None,
    )
    x = x * scale
    y = y * scale
    return dict(zip(ids.tolist(), zip(x.tolist(), y.tolist(), strict=True), strict=True))


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
) -> tuple[np.ndarray, np.ndarray]:
    """Array core of :func:`hierarchy_layout`: box centres for a parent array."""
    parent = np.asarray(parent, dtype=np.int64)
    n = len(parent)
    width = np.asarray(width, dtype=float)
    pitch = node_height + level_gap
    row_pitch = node_height + stack_gap

    kids: list[list[int]] = [[] for _ in range(n)]
    roots: list[int] = []
    for i, p in enumerate(parent.tolist()):
        (kids[p] if p >= 0 else roots).append(i)

    # Tree nodes: 0..n-1 units, then virtual nodes: blocks (and their chains), the super-root.
    w = width.tolist()
    children: list[list[int] | None] = [k if k else None for k in kids]
    block_of: dict[int, tuple[list[int], int, int]] = {}  # block node -> (leaves, rows, cols)
    stacked = np.zeros(n, dtype=bool)
    if max_row is not None:
        for p in range(n):
            ks = kids[p]
            if len(ks) <= max_row:
                continue
            leaves = [k for k in ks if not kids[k]]
            if len(leaves) <= max_row:
                continue
            rows = math.ceil(math.sqrt(len(leaves)))
            cols = math.ceil(len(leaves) / rows)
            bw = max(w[k] for k in leaves)
            block_w = cols * bw + (cols - 1) * sibling_gap
            height = rows * node_height + (rows - 1) * stack_gap
            levels = max(1, math.ceil(height / pitch - 1e-9))
            chain = []
            for _ in range(levels):
                node = len(w)
                w.append(block_w)
                children.append(None)
                chain.append(node)
            for a, b in itertools.pairwise(chain):
                children[a] = [b]
            block_of[chain[0]] = (leaves, rows, cols)
            stacked[leaves] = True
            others = [k for k in ks if kids[k]]
            children[p] = [chain[0], *others]
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
    for node, (leaves, rows, cols) in block_of.items():
        bw = (w[node] - (cols - 1) * sibling_gap) / cols
        left_x = xs[node] - 0.5 * w[node] + 0.5 * bw
        top = -pitch * depth[node]
        for j, leaf in enumerate(leaves):
            col, row = divmod(j, rows)
            x[leaf] = left_x + col * (bw + sibling_gap)
            y[leaf] = top - row * row_pitch
    # normalise: the leftmost box edge at x = 0
    left_edge = np.min(np.r_[x - 0.5 * width, [xs[b] - 0.5 * w[b] for b in block_of]])
    x -= left_edge
    return x, y
