"""Orbit layout: the customer at the centre, every unit on the ring of its distance.

Positions are data: :func:`orbit_layout` returns ``{id: (x, y)}`` (an
:class:`OrbitLayout`, a dict that also carries the ring radii), with the
customer at ``center``. Rings have radius ``scale * ring_gap * ring`` unless
labels need more room; the outermost ring holds the units with no path to the
customer.

How the angles are chosen
-------------------------
1. The reporting forest is laid out as a radial tidy tree: leaves in
   depth-first order take equal angular room, each manager sits at the mean
   angle of its reports. A department thus owns one contiguous sector and
   reporting lines stay short.
2. Sibling subtrees are reordered by barycentre sweeps: each subtree is pulled
   towards the units its members serve or are served by (and towards its
   manager), which shortens the service relations that cross sectors, the
   main source of crossings.
3. On each ring the units keep the order of their ideal angles and are spread
   out just enough to keep a minimum gap (room for labels, when given): a
   vectorised projection onto the ordered, gap-respecting angles, after
   moving the targets halfway to an even spread so that no ring crowds into
   one sector.
4. For designs small enough to count crossings cheaply (up to 2,000
   relations), ring-by-ring barycentre sweeps over all relations follow; a
   ring's new order is kept only if the exact crossing count drops.

With ``reference=`` the angular order of every unit present in the reference
is kept; new units are slotted in where their reporting line puts them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ._forest import Forest
from .crossings import count_crossings_array

__all__ = ["OrbitLayout", "orbit_layout", "visible_labels"]

TAU = 2.0 * np.pi
CUSTOMER = "customer"

#: Share of a ring's circumference that is kept as a minimum gap between neighbours.
MIN_GAP_SHARE = 0.25
#: How far each ring's targets move towards an even spread (0: none, 1: evenly spaced).
EVENNESS = 0.5
#: Refine by exact crossing counts up to this many drawn relations (``refine=None``).
REFINE_MAX_EDGES = 2000
#: Extra room on label-limited rings, so units can still move towards their ideal angle.
LABEL_SLACK = 1.15


class OrbitLayout(dict):
    """Positions ``{id: (x, y)}`` plus what a renderer needs to draw the rings.

    A plain ``dict`` (usable as networkx ``pos``) with extra attributes.

    Attributes
    ----------
    radii : dict
        ``{ring: radius}`` for every ring that holds a unit, in increasing
        ring order. Radii increase with the ring.
    rings : dict
        ``{id: ring}`` for every unit (not the customer).
    unconnected_ring : int or None
        The ring number used for units with no path to the customer (one more
        than the largest connected ring), or None if every unit is connected.
    labels : frozenset
        Ids whose labels should be drawn (see :func:`visible_labels`).
    center : tuple
        Position of the customer.
    ring_room : dict
        ``{ring: room}``: the extra radial distance kept outside a ring (the
        ``ring_room`` the layout was made with, times ``scale``).

    :func:`orbit.layout.ring_geometry` turns a layout into the geometry
    every renderer draws (ring spacing, the zone beyond N).
    """

    def __init__(
        self,
        positions=(),
        *,
        radii=None,
        rings=None,
        unconnected_ring=None,
        labels=(),
        center=(0.0, 0.0),
        ring_room=None,
    ):
        super().__init__(positions)
        self.radii = dict(radii or {})
        self.ring_room = dict(ring_room or {})
        self.rings = dict(rings or {})
        self.unconnected_ring = unconnected_ring
        self.labels = frozenset(labels)
        self.center = (float(center[0]), float(center[1]))

    def angle(self, node) -> float:
        """The angle of ``node`` around the centre, in radians in ``[0, 2*pi)``."""
        x, y = self[node]
        return float(np.arctan2(y - self.center[1], x - self.center[0]) % TAU)

    def __repr__(self) -> str:
        return f"OrbitLayout({len(self)} nodes, rings {list(self.radii)})"


def orbit_layout(
    org,
    *,
    via: str | None = None,
    reference: Mapping | None = None,
    analysis=None,
    scale: float = 1.0,
    center=(0.0, 0.0),
    ring_gap: float = 1.0,
    ring_room: Mapping | None = None,
    label_size=None,
    node_size: float = 0.0,
    max_labels: int = 300,
    sweeps: int = 8,
    refine: bool | None = None,
) -> OrbitLayout:
    """Place the customer at the centre and every unit on the ring of its distance.

    Parameters
    ----------
    org : Organisation
    via : {'both', 'reports', 'serves'}, optional
        Which relations between units are drawn and count for the rings.
        Defaults to ``analysis.via`` when an analysis is given, else ``'both'``.
    reference : mapping, optional
        Positions of another design (``{id: (x, y)}``, e.g. an earlier
        :func:`orbit_layout` result). Units present in both keep their
        angular order; the reference's own ``customer`` entry, if any, is
        taken as its centre.
    analysis : Analysis, optional
        A precomputed :func:`orbit.analyse` result for ``org`` (rings are
        read from it). Computed when not given.
    scale : float, default 1
        Multiplies all distances from the centre.
    center : (float, float), default (0, 0)
        Position of the customer.
    ring_gap : float, default 1
        Radial distance between consecutive rings (before ``scale``).
    ring_room : mapping, optional
        ``{ring: room}``: extra radial distance outside a ring, before the
        next one (in ``ring_gap``'s units), e.g. for the labels of a dense
        inner ring. Rings so become unevenly spaced.
    label_size : float, mapping, Series or array, optional
        Room each unit's label needs along its ring, in the same units as
        ``ring_gap``: one number for all units, ``{id: size}``, or an
        array with one size per unit in the table's order. Units
        whose labels are hidden (see ``max_labels``) only get ``node_size``.
        A ring's radius grows until its units' room fits around it.
    node_size : float, default 0
        Room every unit needs along its ring, labelled or not.
    max_labels : int, default 300
        Labels shown per ring; past that only the units with the largest
        headcount keep theirs (see :func:`visible_labels`).
    sweeps : int, default 8
        Barycentre sweeps that reorder sibling subtrees to shorten
        relations (0 keeps the order of the input table).
    refine : bool, optional
        Follow up with ring-by-ring barycentre sweeps that are kept only
        where the exact crossing count drops (may move a unit out of its
        department's sector). Default: on for designs with at most 2,000
        relations, where counting is cheap. Never with ``reference``.

    Returns
    -------
    OrbitLayout
        ``{id: (x, y)}`` for every unit and ``"customer"``, with ``.radii``
        ``{ring: radius}``, ``.rings``, ``.unconnected_ring`` and
        ``.labels``.

    Raises
    ------
    ValueError
        If ``via`` is unknown, disagrees with ``analysis.via``, or a size is
        negative.

    Examples
    --------
    >>> from orbit.model import Organisation
    >>> org = Organisation.from_records([
    ...     {"id": "ceo"},
    ...     {"id": "sales", "parent": "ceo", "serves": ["customer"]},
    ...     {"id": "ops", "parent": "ceo"}])
    >>> pos = orbit_layout(org)
    >>> pos["customer"]
    (0.0, 0.0)
    >>> pos.radii
    {1: 1.0, 2: 2.0, 3: 3.0}
    >>> round(float(np.hypot(*pos["ops"])), 6)
    3.0
    """
    from ..analysis import analyse

    if analysis is not None:
        if via is not None and via != analysis.via:
            raise ValueError(f"via={via!r} disagrees with the analysis, which used via={analysis.via!r}")
        via = analysis.via
    via = via or "both"
    if via not in ("both", "reports", "serves"):
        raise ValueError(f"via must be one of both, reports, serves, not {via!r}")
    if scale <= 0 or ring_gap <= 0:
        raise ValueError("scale and ring_gap must be positive")
    if ring_room and min(ring_room.values()) < 0:
        raise ValueError("ring_room must not be negative")
    if node_size < 0:
        raise ValueError(f"node_size must not be negative, got {node_size}")
    if analysis is None:
        analysis = analyse(org, via=via)

    units = org.units
    ids = units["id"].to_numpy(dtype=object)
    n = len(ids)
    index = pd.Index(ids)
    parent = index.get_indexer(units["parent"].to_numpy(dtype=object)).astype(np.int64)
    ring, unconnected, labels, slot = _ring_slots(org, analysis, label_size, node_size, max_labels)

    eu, ev = _unit_edges(org, index, via)
    serves = org.serves
    touch = index.get_indexer(serves.loc[serves["target"] == CUSTOMER, "source"].to_numpy(dtype=object))
    touch = touch[touch >= 0].astype(np.int64)

    ref_angle = None
    if reference is not None:
        ref_angle = _reference_angles(reference, ids)

    theta, radius = radial_angles(
        parent,
        ring,
        eu,
        ev,
        slot=slot,
        ring_gap=ring_gap,
        ring_room=ring_room,
        ref_angle=ref_angle,
        sweeps=sweeps,
        touch=touch,
        refine=refine,
    )

    cx, cy = float(center[0]), float(center[1])
    r = radius[ring] * scale if n else np.empty(0)
    xs = cx + r * np.cos(theta)
    ys = cy + r * np.sin(theta)
    pos = {CUSTOMER: (cx, cy)}
    pos.update(zip(ids.tolist(), zip(xs.tolist(), ys.tolist(), strict=True), strict=True))
    present = np.unique(ring) if n else np.empty(0, np.int64)
    return OrbitLayout(
        pos,
        radii={int(k): float(radius[k] * scale) for k in present},
        rings=dict(zip(ids.tolist(), ring.tolist(), strict=True)),
        unconnected_ring=unconnected,
        labels=ids[labels].tolist(),
        center=(cx, cy),
        ring_room={int(k): float(v) * scale for k, v in (ring_room or {}).items()},
    )


def _ring_slots(org, analysis, label_size, node_size: float, max_labels: int):
    """Each unit's ring (the unconnected on one ring beyond the rest), that ring, who keeps a label, and the
    room along its ring each unit needs: what the ring radii are made of (:func:`orbit_radii`)."""
    ids = org.units["id"].to_numpy(dtype=object)
    ring = np.asarray(analysis.ring, dtype=np.int64).copy()
    reachable = ring >= 1
    unconnected = None
    if (~reachable).any():
        unconnected = int(ring[reachable].max()) + 1 if reachable.any() else 1
        ring[~reachable] = unconnected
    headcount = org.units["headcount"].to_numpy(dtype=float, na_value=1.0)
    labels = _visible(ring, headcount, max_labels)
    slot = np.full(len(ids), float(node_size))
    if label_size is not None:
        size = _per_unit(label_size, ids, "label_size")
        slot = np.where(labels, np.maximum(slot, size), slot)
    return ring, unconnected, labels, slot


def orbit_radii(
    org,
    analysis,
    *,
    ring_gap: float = 1.0,
    ring_room: Mapping | None = None,
    label_size=None,
    node_size: float = 0.0,
    max_labels: int = 300,
) -> dict[int, float]:
    """The ``radii`` :func:`orbit_layout` gives with these arguments, without placing a unit (the cheap part).

    >>> from orbit.model import Organisation
    >>> from orbit.analysis import analyse
    >>> org = Organisation.from_records([{"id": "a", "serves": ["customer"]}, {"id": "b", "parent": "a"}])
    >>> orbit_radii(org, analyse(org), label_size=20.0) == orbit_layout(org, label_size=20.0).radii
    True
    """
    ring, _, _, slot = _ring_slots(org, analysis, label_size, node_size, max_labels)
    radius = ring_radii(ring, slot, ring_gap, ring_room)
    present = np.unique(ring) if len(ring) else np.empty(0, np.int64)
    return {int(k): float(radius[k]) for k in present}


def visible_labels(rings: Mapping, headcount: Mapping | None = None, *, max_per_ring: int = 300) -> frozenset:
    """Which units keep their labels when a ring is crowded.

    On a ring with at most ``max_per_ring`` units every label is shown;
    on a fuller ring only the ``max_per_ring`` units with the largest
    headcount (ties: first in ``rings`` order) keep theirs.

    Parameters
    ----------
    rings : mapping
        ``{id: ring}``, e.g. ``OrbitLayout.rings``.
    headcount : mapping, optional
        ``{id: headcount}``; a missing or null headcount counts as 1.
    max_per_ring : int, default 300

    Returns
    -------
    frozenset of ids

    Examples
    --------
    >>> sorted(visible_labels({"a": 1, "b": 1, "c": 2}, {"a": 5, "b": 9}, max_per_ring=1))
    ['b', 'c']
    """
    keys = list(rings)
    ring = np.fromiter((rings[k] for k in keys), dtype=np.int64, count=len(keys))
    hc = np.ones(len(keys))
    if headcount is not None:
        for i, k in enumerate(keys):
            v = headcount.get(k)
            if v is not None and not pd.isna(v):
                hc[i] = float(v)
    mask = _visible(ring, hc, max_per_ring)
    return frozenset(k for k, m in zip(keys, mask, strict=True) if m)


# ----------------------------------------------------------------- internals
def _visible(ring: np.ndarray, headcount: np.ndarray, max_per_ring: int) -> np.ndarray:
    n = len(ring)
    if max_per_ring is None or n == 0:
        return np.ones(n, dtype=bool)
    order = np.lexsort((np.arange(n), -headcount, ring))
    r = ring[order]
    start = np.r_[True, r[1:] != r[:-1]]
    rank = np.arange(n) - np.maximum.accumulate(np.where(start, np.arange(n), 0))
    mask = np.empty(n, dtype=bool)
    mask[order] = rank < max_per_ring
    return mask


def _per_unit(value, ids: np.ndarray, what: str) -> np.ndarray:
    if np.isscalar(value):
        out = np.full(len(ids), float(value))
    elif isinstance(value, np.ndarray):
        if value.shape != (len(ids),):
            raise ValueError(f"{what} as an array needs one number per unit ({len(ids)}), not shape {value.shape}")
        out = value.astype(float)
    else:
        get = value.get
        out = np.fromiter((float(get(i, 0.0)) for i in ids), dtype=float, count=len(ids))
    if (out < 0).any() or np.isnan(out).any():
        raise ValueError(f"{what} must be non-negative numbers")
    return out


def _unit_edges(org, index: pd.Index, via: str) -> tuple[np.ndarray, np.ndarray]:
    """Drawn relations between units (touchpoints left out) as code arrays."""
    us, vs = [], []
    if via in ("both", "reports"):
        p = index.get_indexer(org.units["parent"].to_numpy(dtype=object))
        has = p >= 0
        us.append(np.flatnonzero(has))
        vs.append(p[has])
    if via in ("both", "serves"):
        s = org.serves
        s = s.loc[s["target"] != CUSTOMER]
        us.append(index.get_indexer(s["source"].to_numpy(dtype=object)))
        vs.append(index.get_indexer(s["target"].to_numpy(dtype=object)))
    if not us:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    u = np.concatenate(us).astype(np.int64)
    v = np.concatenate(vs).astype(np.int64)
    ok = (u >= 0) & (v >= 0) & (u != v)
    return u[ok], v[ok]


def _reference_angles(reference: Mapping, ids: np.ndarray) -> np.ndarray:
    cx, cy = reference.get(CUSTOMER, (0.0, 0.0))
    out = np.full(len(ids), np.nan)
    for i, k in enumerate(ids):
        p = reference.get(k)
        if p is not None:
            out[i] = np.arctan2(float(p[1]) - cy, float(p[0]) - cx) % TAU
    return out


def radial_angles(
    parent: np.ndarray,
    ring: np.ndarray,
    eu: np.ndarray,
    ev: np.ndarray,
    *,
    slot: np.ndarray | None = None,
    ring_gap: float = 1.0,
    ring_room: Mapping | None = None,
    ref_angle: np.ndarray | None = None,
    sweeps: int = 8,
    touch: np.ndarray | None = None,
    refine: bool | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The array core of :func:`orbit_layout`.

    Parameters
    ----------
    parent : int array, -1 for roots
        The reporting forest (used for sectors even when not drawn).
    ring : int array, >= 1
    eu, ev : int arrays
        Drawn relations between units.
    slot : float array, optional
        Room each unit needs along its ring.
    ref_angle : float array, optional
        Reference angles, NaN for units without one.
    touch : int array, optional
        Units with a touchpoint (only used to count crossings when refining).
    refine : bool, optional
        Run the ring sweeps checked by exact crossing counts; by default
        when there are at most :data:`REFINE_MAX_EDGES` relations.

    Returns
    -------
    theta : ndarray
        Angle of every unit.
    radius : ndarray
        ``radius[k]`` is the radius of ring ``k`` (index 0 unused).
    """
    parent = np.asarray(parent, dtype=np.int64)
    ring = np.asarray(ring, dtype=np.int64)
    n = len(parent)
    if slot is None:
        slot = np.zeros(n)
    radius = ring_radii(ring, slot, ring_gap, ring_room)
    if n == 0:
        return np.empty(0), radius
    forest = Forest(parent)
    leaf_w = (forest.nkids == 0).astype(float)
    groups = _ring_groups(ring)

    if ref_angle is not None and not np.isnan(ref_angle).all():
        theta = _with_reference(forest, leaf_w, ring, groups, radius, slot, ref_angle)
        return theta, radius

    key = np.arange(n, dtype=float)
    target = _tree_angles(forest, key, leaf_w)
    theta = _place(groups, target, radius, ring, slot)

    # barycentre sweeps over sibling subtrees
    is_tree = np.zeros(len(eu), dtype=bool)
    is_tree |= (parent[eu] == ev) | (parent[ev] == eu)
    su, sv = eu[~is_tree], ev[~is_tree]
    has_p = parent >= 0
    pp = np.maximum(parent, 0)
    damping = 0.02
    if len(su):
        for _ in range(sweeps):
            c, s = np.cos(theta), np.sin(theta)
            pull = np.empty((n, 2))
            pull[:, 0] = (
                damping * c + np.bincount(su, weights=c[sv], minlength=n) + np.bincount(sv, weights=c[su], minlength=n)
            )
            pull[:, 1] = (
                damping * s + np.bincount(su, weights=s[sv], minlength=n) + np.bincount(sv, weights=s[su], minlength=n)
            )
            tot = forest.subtree_sum(pull)
            tot[has_p, 0] += c[pp[has_p]]
            tot[has_p, 1] += s[pp[has_p]]
            bary = np.arctan2(tot[:, 1], tot[:, 0])
            ref = np.where(has_p, theta[pp], 0.0)
            new_key = (bary - ref + np.pi) % TAU
            if np.array_equal(np.argsort(new_key, kind="stable"), np.argsort(key, kind="stable")):
                break
            key = new_key
            target = _tree_angles(forest, key, leaf_w)
            theta = _place(groups, target, radius, ring, slot)

    touch = np.empty(0, np.int64) if touch is None else np.asarray(touch, dtype=np.int64)
    if refine is None:
        refine = len(eu) + len(touch) <= REFINE_MAX_EDGES
    if refine and len(eu):
        theta = _ring_sweeps(theta, groups, radius, ring, slot, eu, ev, touch)
    return theta, radius


def _ring_sweeps(theta, groups, radius, ring, slot, eu, ev, touch, *, rounds: int = 6, budget: int = 30) -> np.ndarray:
    """Radial barycentre sweeps, kept only where they remove crossings.

    Ring by ring (outwards, then back in), every unit is moved towards the
    mean direction of all its relations, the ring is re-spread, and the
    new ring order is kept if the exact crossing count of the whole drawing
    drops. A weak pull (damping 0.5) runs first, then a strong one (2).
    At most ``budget`` crossing counts are spent.
    """
    n = len(theta)
    u = np.r_[eu, touch]
    v = np.r_[ev, np.full(len(touch), n)]
    a = np.r_[eu, ev]
    b = np.r_[ev, eu]
    r = radius[ring]
    xy = np.zeros((n + 1, 2))

    def crossings(th):
        xy[:n, 0] = r * np.cos(th)
        xy[:n, 1] = r * np.sin(th)
        return count_crossings_array(xy, u, v)

    best = crossings(theta)
    order = groups + groups[::-1][1:]
    for damping in (0.5, 2.0):
        for _ in range(rounds):
            improved = False
            for k, members in order:
                c = damping * np.cos(theta) + np.bincount(a, weights=np.cos(theta[b]), minlength=n)
                s = damping * np.sin(theta) + np.bincount(a, weights=np.sin(theta[b]), minlength=n)
                bary = np.arctan2(s[members], c[members]) % TAU
                if _same_cyclic_order(bary, theta[members]):
                    continue
                trial = theta.copy()
                trial[members] = _spread_ring(bary, slot[members] / radius[k], EVENNESS)
                if budget <= 0:
                    return theta
                budget -= 1
                count = crossings(trial)
                if count < best:
                    best, theta, improved = count, trial, True
            if not improved or best == 0:
                break
    return theta


def _same_cyclic_order(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether sorting by ``a`` and by ``b`` visits the units in the same cyclic order."""
    oa = np.argsort(a, kind="stable")
    ob = np.argsort(b % TAU, kind="stable")
    if len(oa) < 3:
        return True
    shift = int(np.flatnonzero(ob == oa[0])[0])
    return bool(np.array_equal(oa, np.roll(ob, -shift)))


def ring_radii(
    ring: np.ndarray, slot: np.ndarray, ring_gap: float = 1.0, ring_room: Mapping | None = None
) -> np.ndarray:
    """Radius of each ring: ``ring_gap * ring``, more where the units' room needs it.

    Returns an array indexed by ring number (index 0 is the centre, 0).
    Radii strictly increase over the rings present: each is at least
    ``ring_gap`` times the ring difference, plus the previous ring's
    ``ring_room``, beyond the previous one.
    """
    room = dict(ring_room or {})
    ring = np.asarray(ring, dtype=np.int64)
    top = int(ring.max()) if len(ring) else 0
    need = np.bincount(ring, weights=np.asarray(slot, dtype=float), minlength=top + 1) * LABEL_SLACK / TAU
    present = np.bincount(ring, minlength=top + 1) > 0
    radius = np.zeros(top + 1)
    prev_k, prev_r = 0, 0.0
    for k in range(1, top + 1):
        radius[k] = max(prev_r + ring_gap * (k - prev_k) + float(room.get(prev_k, 0.0)), need[k])
        if present[k]:
            prev_k, prev_r = k, radius[k]
    return radius


def _ring_groups(ring: np.ndarray) -> list[tuple[int, np.ndarray]]:
    order = np.argsort(ring, kind="stable")
    r = ring[order]
    bounds = np.flatnonzero(np.r_[True, r[1:] != r[:-1], True])
    return [(int(r[bounds[i]]), order[bounds[i] : bounds[i + 1]]) for i in range(len(bounds) - 1)]


def _tree_angles(forest: Forest, key: np.ndarray, leaf_w: np.ndarray) -> np.ndarray:
    """Radial tidy tree: leaves share the circle in depth-first order, managers at the mean of their reports."""
    first, size = forest.leaf_intervals(key, leaf_w)
    total = size[forest.roots].sum()
    leaf_angle = (first + 0.5 * size) / total * TAU
    return forest.mean_up(leaf_angle)


def _place(groups, target, radius, ring, slot, even: float = EVENNESS) -> np.ndarray:
    """Per ring: keep the order of ``target``, move units as little as possible to keep the gaps."""
    theta = np.empty(len(target))
    for k, members in groups:
        theta[members] = _spread_ring(target[members], slot[members] / radius[k], even)
    return theta


def _spread_ring(target: np.ndarray, room: np.ndarray, even: float = 0.0) -> np.ndarray:
    """Angles near ``target`` (same cyclic order) with neighbours at least their room apart.

    ``room`` is each unit's angular room; neighbours need half of each
    one's room, and never less than :data:`MIN_GAP_SHARE` of an even share.
    ``even`` in [0, 1] first moves the targets that far towards an even
    spread (in the same order), so that a ring whose units crowd into one
    sector still uses its whole circle.
    """
    m = len(target)
    if m == 1:
        return target % TAU
    t = target % TAU
    order = np.argsort(t, kind="stable")
    t = t[order]
    # cut the circle open at the widest empty arc
    arc = np.diff(np.r_[t, t[0] + TAU])
    cut = int(np.argmax(arc)) + 1
    order = np.roll(order, -cut)
    t = np.roll(t, -cut)
    t = np.where(np.arange(m) > 0, np.where(t < t[0], t + TAU, t), t)
    if even > 0:
        steps = np.arange(m) * (TAU / m)
        t = (1.0 - even) * t + even * (steps + (t - steps).mean())
    r = room[order]
    gap = np.maximum(0.5 * (r + np.roll(r, -1)), MIN_GAP_SHARE * TAU / m)
    total = gap.sum()
    if total > TAU:
        gap *= TAU / total
    g = np.r_[0.0, np.cumsum(gap[:-1])]
    d = t - g
    fwd = np.maximum.accumulate(d)
    bwd = np.minimum.accumulate(d[::-1])[::-1]
    th = g + 0.5 * (fwd + bwd)
    if th[-1] - th[0] > TAU - gap[-1] + 1e-12:
        # no room to follow the targets: even spacing, rotated to fit them best
        shift = np.angle(np.exp(1j * d).sum())
        th = g + shift
    out = np.empty(m)
    out[order] = th % TAU
    return out


def _with_reference(forest, leaf_w, ring, groups, radius, slot, ref_angle) -> np.ndarray:
    """Angles that keep the reference's cyclic order for every unit it has.

    Units new to this design get the angle their place in the reporting tree
    implies, mapped between the reference angles of the known units around
    them.
    """
    known = ~np.isnan(ref_angle)
    # order siblings by where their known members were
    c = np.where(known, np.cos(ref_angle), 0.0)
    s = np.where(known, np.sin(ref_angle), 0.0)
    tot = forest.subtree_sum(np.c_[c, s])
    key = np.arctan2(tot[:, 1], tot[:, 0]) % TAU
    tree = _tree_angles(forest, key, leaf_w)
    target = np.where(known, ref_angle, np.nan)
    if not known.all():
        # map tree angles to reference angles through the known units
        kt = tree[known]
        ka = np.unwrap(ref_angle[known][np.argsort(kt, kind="stable")])
        kt = np.sort(kt)
        xp = np.r_[kt[-1] - TAU, kt, kt[0] + TAU]
        fp = np.r_[ka[-1] - TAU, ka, ka[0] + TAU]
        target[~known] = np.interp(tree[~known], xp, fp)
    return _place(groups, target, radius, ring, slot, even=0.0)
