"""Ring geometry of the orbit view: radii, spacing, the zone beyond N, and room for labels.

Every renderer of the orbit view (matplotlib, plotly, the deck) draws its
rings from :func:`ring_geometry`, so they agree on where each ring is, how
far apart the rings are and where the shaded zone beyond N starts.

A drawing that has labels to fit asks for room first, in its own units
(points for the exported images):

- :func:`ring_capacity`: how much room each ring offers along it;
- :func:`label_room`: the room each unit asks for along its ring (its
  marker, and its label's height while the ring has capacity);
- :func:`radial_room`: extra room outside dense inner rings, so that their
  radial labels end before the next ring;
- :func:`fitted_orbit_layout`: the :func:`~orbit.layout.orbit_layout` whose
  rings make that room, converted to layout units; its ``radii`` and
  ``ring_room`` are what the drawing then shows.

Examples
--------
>>> g = RingGeometry({1: 1.0, 2: 2.0, 3: 3.5, 4: 4.5}, unconnected=4)
>>> g.connected, g.gap, g.radius_at(2.5)
([1, 2, 3], 1.0, 2.75)
>>> g.beyond_zone(max_hops=2)
(2.75, 4.95)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from .radial import orbit_layout, orbit_radii

__all__ = [
    "RingGeometry",
    "fitted_orbit_layout",
    "label_room",
    "radial_room",
    "ring_capacity",
    "ring_geometry",
]

BEYOND_MARGIN = 0.45
"""How far the zone beyond N reaches past the outermost ring, in ring gaps."""


@dataclass(frozen=True)
class RingGeometry:
    """Where the rings of one orbit view are.

    Attributes
    ----------
    radii : dict
        ``{ring: radius}`` for every ring that holds a unit (the
        unconnected ring included), in the units of the positions.
    unconnected : int or None
        The ring of the units with no path to the customer, if any.
    """

    radii: dict
    unconnected: int | None = None

    @property
    def rings(self) -> list[int]:
        """Every ring, innermost first."""
        return sorted(self.radii)

    @property
    def connected(self) -> list[int]:
        """The rings of units with a path to the customer, innermost first."""
        return [r for r in self.rings if r != self.unconnected]

    @property
    def outer(self) -> float:
        """Radius of the outermost ring (1 when there is none)."""
        return max(self.radii.values(), default=1.0)

    @property
    def gap(self) -> float:
        """The smallest distance between two neighbouring rings (or from the centre to the first)."""
        values = sorted(self.radii.values())
        if len(values) < 2:
            return values[0] if values else 1.0
        return float(np.min(np.diff([0.0, *values])))

    def radius_at(self, ring: float) -> float:
        """Radius of a (possibly fractional or empty) ring, interpolated between the connected rings."""
        ks = [0, *self.connected]
        rs = [0.0] + [self.radii[r] for r in self.connected]
        if len(ks) == 1:
            return float(ring)
        if ring <= ks[-1]:
            return float(np.interp(ring, ks, rs))
        step = (rs[-1] - rs[-2]) / (ks[-1] - ks[-2])
        return float(rs[-1] + (ring - ks[-1]) * step)

    def beyond_zone(self, max_hops: int) -> tuple[float, float] | None:
        """Inner and outer radius of the shaded zone beyond N hops, or None when no unit is there."""
        beyond = [r for r in self.connected if r > max_hops]
        if not beyond and self.unconnected is None:
            return None
        if not self.connected:  # nothing is connected: all is beyond
            inner = 0.0
        elif beyond:
            inner = self.radius_at(max_hops + 0.5)
        else:  # only the unconnected ring lies beyond N: the zone starts halfway to it
            inner = (self.radii[self.connected[-1]] + self.radii[self.unconnected]) / 2
        return inner, self.outer + BEYOND_MARGIN * self.gap


def ring_geometry(pos: Mapping, analysis, xy: np.ndarray | None = None) -> RingGeometry:
    """The rings of an orbit view.

    Taken from an :class:`~orbit.layout.OrbitLayout`'s ``radii`` when
    there, else measured from plain positions: the median distance of each
    ring's units from the customer.

    Parameters
    ----------
    pos : mapping
        The positions (an :class:`~orbit.layout.OrbitLayout` or a plain dict).
    analysis : Analysis
        Gives each unit's ring (used only for plain positions).
    xy : ndarray, optional
        Unit positions relative to the customer, in the organisation's order
        (used only for plain positions; computed from ``pos`` when not given).
    """
    radii = getattr(pos, "radii", None)
    unconnected = getattr(pos, "unconnected_ring", None)
    if radii:
        return RingGeometry({int(r): float(v) for r, v in radii.items()}, unconnected)
    a = analysis
    if xy is None:
        ids = a.units["id"].to_numpy(dtype=object)
        centre = np.asarray(pos.get("customer", (0.0, 0.0)), dtype=float)
        xy = np.array([pos[i] for i in ids], dtype=float).reshape(-1, 2) - centre
    ring = np.asarray(a.ring).copy()
    reach = np.asarray(a.reachable)
    if (~reach).any():
        unconnected = int(ring[reach].max()) + 1 if reach.any() else 1
        ring[~reach] = unconnected
    dist = np.linalg.norm(xy, axis=1)
    out = {int(r): float(np.median(dist[ring == r])) for r in np.unique(ring)}
    return RingGeometry(out or {1: 1.0}, unconnected)


def ring_capacity(ring: np.ndarray, avail: float) -> np.ndarray:
    """Room along each ring for markers and labels, indexed by ring number (in the units of ``avail``).

    ``avail`` is the distance from the centre to the outermost ring. A ring
    may grow past its natural radius (``ring / outermost`` of ``avail``)
    towards ``(ring + 1) / (outermost + 1)``, at most 85 %: a crowded inner
    ring pushes the outer ones out a little, not off the page.
    """
    top = int(ring.max(initial=0))
    j = np.arange(top + 1, dtype=float)
    if top == 0:
        return np.zeros(1)
    share = np.maximum(j / top, np.minimum(0.85, (j + 1) / (top + 1)))
    return 2 * math.pi * avail * share * 0.85 / 1.15


def label_room(ring: np.ndarray, cap: np.ndarray, prio: np.ndarray, node_d: np.ndarray, label: float, mode: str):
    """Room each unit asks for along its ring: its marker, and its label's height if it may have one.

    In ``auto`` mode labels get room in priority order (``prio``, unit codes)
    while the ring has capacity (``cap``, from :func:`ring_capacity`);
    markers (diameters ``node_d``) get room only on rings where they all fit.
    ``all`` gives every unit room for its label, ``none`` only for markers.
    """
    n = len(ring)
    node_room = node_d + 1.0
    base = np.bincount(ring, weights=node_room, minlength=len(cap))
    fits = base[ring] <= cap[ring]
    room = np.where(fits, node_room, 0.0)
    if mode == "none" or n == 0:
        return room
    if mode == "all":
        return np.maximum(room, label)
    used = np.bincount(ring, weights=room, minlength=len(cap))
    for i in prio:
        extra = max(label - room[i], 0.0)
        r = ring[i]
        if used[r] + extra <= cap[r]:
            used[r] += extra
            room[i] += extra
    return room


def radial_room(
    ring: np.ndarray,
    room: np.ndarray,
    node_d: np.ndarray,
    label_width: Callable[[int], float],
    avail: float,
    mode: str,
) -> dict:
    """Extra radial room outside the inner rings, so their labels fit before the next ring.

    A radial label of an inner ring runs outwards across the rings beyond
    it, where it collides with their units; a dense inner ring (40 customer
    teams on the touchpoint ring) then goes unlabelled. Each inner ring
    whose units were given label room along it (``room`` from
    :func:`label_room`) asks for the length of most of those labels
    (``label_width(code)``); the rings are served from the centre outwards
    while every ring still keeps a minimum spacing from the next.

    Returns
    -------
    dict
        ``{ring: room}`` in the units of ``avail``.
    """
    if mode == "none" or len(ring) == 0:
        return {}
    top = int(ring.max())
    rings = np.unique(ring)
    min_gap = max(float(node_d.max()) + 8.0, 0.1 * avail)  # what every other ring keeps at least
    need = np.bincount(ring, weights=room, minlength=top + 1) * 1.15 / (2 * math.pi)  # radius its room asks for
    out = {}
    inner = 0.0  # radius of the ring before, as planned
    for j, r in enumerate(rings[rings < top]):
        inner = max(inner + min_gap, float(need[r]))
        budget = avail - inner - min_gap * (len(rings) - 1 - j) - sum(out.values())
        members = np.flatnonzero((ring == r) & (room > node_d + 1.5))  # the units that were given label room
        if members.size < 3 or budget <= 0:
            continue
        widths = [label_width(i) for i in members[:80]]
        want = float(np.percentile(widths, 95)) + float(node_d[members].max()) + 10.0 - min_gap
        if want > 0:
            out[int(r)] = min(want, budget)
            inner += out[int(r)]
    return out


def fitted_orbit_layout(
    org, analysis, *, avail: float, room: np.ndarray, radial: Mapping | None = None, reference=None
):
    """The orbit layout with ``room`` along the rings for each unit and ``radial`` room outside rings.

    ``room`` (per unit, from :func:`label_room`) and ``radial`` (per ring,
    from :func:`radial_room`) are given in the drawing's units, where the
    outermost ring ends ``avail`` from the centre. The layout works in ring
    gaps, so the room is converted with the scale of the previous pass
    until the outermost radius settles.

    Returns
    -------
    OrbitLayout
        Its ``radii`` are the rings to draw (scale them by
        ``avail / max(radii.values())``); ``ring_room`` is the radial room
        in layout units.
    """
    radial = dict(radial or {})
    n = len(org)
    if n == 0 or not (room.any() or radial):
        return orbit_layout(org, analysis=analysis, reference=reference)
    radii = orbit_radii(org, analysis)  # the passes need only the radii: the units are placed once, at the end
    if not radii:
        return orbit_layout(org, analysis=analysis, reference=reference)
    ids = org.units["id"].to_numpy(dtype=object)
    r_out = max(radii.values())
    if radial:  # the radial room's share of the final radius, in ring gaps
        total = sum(radial.values())
        r_out = r_out * avail / max(avail - total, 0.3 * avail)
    for _ in range(6):
        k = avail / r_out
        sizes = room / k
        gaps = {r: v / k for r, v in radial.items()}
        new_out = max(orbit_radii(org, analysis, label_size=sizes, max_labels=n, ring_room=gaps).values())
        if abs(new_out - r_out) <= r_out * 0.01:
            break
        r_out = max(new_out, 0.5 * (r_out + new_out)) if radial else new_out
    labelled = dict(zip(ids.tolist(), sizes.tolist(), strict=True))
    return orbit_layout(org, analysis=analysis, reference=reference, label_size=labelled, max_labels=n, ring_room=gaps)
