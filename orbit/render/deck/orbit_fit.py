"""The orbit view fitted to a frame of the slide: as large as the frame allows, its labels inside it.

The exported image keeps a fixed margin round its rings for their labels.
A slide's frame is seldom square and its labels are radial, so the deck
finds the scale itself: it tries ring sizes from "the rings touch the
frame" down to a little over half of that, places the labels at each with the
renderer's own :func:`orbit.render.orbit_view.label_plan` (kept inside
the frame, which need not be square), and keeps the size worth most: the
labels it places (the top two reporting levels counting double) times its
share of the largest size to the power :data:`SIZE_WEIGHT`.
The drawing is then moved so that what it shows (rings, markers, labels)
sits in the middle of the frame.

Several views meant to be compared (A and B, or the same slide's two views)
are fitted together: the sizes are tried for all of them at once (their
labels added up) and all are drawn at the chosen one, with one marker area
per head, so a ring and a head look the same size in both.

The result is an :class:`orbit.render.orbit_view.OrbitGeometry`: the
PowerPoint shapes and the PDF page (:func:`orbit.render.draw_orbit` with
``geometry=``) draw that one geometry, so both outputs show the same labels
in the same places. Nothing here imports python-pptx.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ... import i18n as T
from ...layout.rings import ring_geometry
from ...model import CUSTOMER
from ..orbit_view import OrbitDrawing, OrbitGeometry, customer_disc, label_plan
from ..overlays import overlay_units
from ..text_fit import text_width, wrap_label
from ..units import UnitArrays, positions_of
from .frames import Frame
from .parts import MIN_PT, TEXT_LIMIT

__all__ = ["SIZE_WEIGHT", "OrbitView", "drawn_extent", "fit_orbits"]

SIZE_WEIGHT = 0.5
"""How a larger drawing counts against more labels: a size is worth labels × (share of the largest) ** this."""

_TRIES = (1.0, 0.84, 0.7, 0.58)  # ring sizes tried, as shares of "the rings touch the frame"
_PAD = 3.0  # points kept free inside the frame's edge


@dataclass
class OrbitView:
    """One orbit view to fit: a design's folded org, its analysis and layout, the frame and what is drawn on top."""

    org: object
    analysis: object
    pos: object
    frame: Frame
    journey: tuple = ()
    emphasis: tuple = ()
    labels: str = "auto"


def fit_orbits(views: list[OrbitView], colours: dict, lang: str) -> list[OrbitGeometry]:
    """The geometry of each view in its frame, all at one scale (see the module's description)."""
    prepared = [_Prepared.of(v, colours) for v in views]
    top = min(p.largest_avail for p in prepared)
    best, best_value = top, -1.0
    for share in _TRIES:
        avail = top * share
        labelled = sum(_score(p.plan(avail, p.drawing(avail), lang, ring_names=False)[0], p.u) for p in prepared)
        value = labelled * share**SIZE_WEIGHT
        if value > best_value + 1e-9:
            best, best_value = avail, value
    drawings = [p.drawing(best) for p in prepared]
    per_head = min(d.per_head for d in drawings)
    return [p.geometry(best, per_head, lang) for p in prepared]


@dataclass
class _Prepared:
    view: OrbitView
    u: UnitArrays
    xy: np.ndarray
    rings: object
    reach: float  # layout units from the customer to the edge of what is drawn (the zone beyond N)
    overlay: object

    @classmethod
    def of(cls, v: OrbitView, colours: dict) -> _Prepared:
        u = UnitArrays.of(v.analysis, colours)
        xy = positions_of(v.pos, u.ids) - np.asarray(v.pos.get(CUSTOMER, (0.0, 0.0)), dtype=float)
        rings = ring_geometry(v.pos, v.analysis, xy)
        zone = rings.beyond_zone(v.analysis.max_hops)
        reach = max(rings.outer, zone[1] if zone else 0.0)
        overlay = overlay_units(u, v.analysis, None, v.journey, v.emphasis)
        return cls(v, u, xy, rings, reach, overlay)

    @property
    def box(self) -> np.ndarray:
        """The frame in points round its centre: ``x0, x1, y0, y1``."""
        w, h = self.view.frame.width * 72.0, self.view.frame.height * 72.0
        return np.array([-w / 2, w / 2, -h / 2, h / 2])

    def drawing(self, avail: float, per_head: float | None = None) -> OrbitDrawing:
        side = float(min(self.box[1], self.box[3]) * 2)
        return OrbitDrawing.of(self.u, self.view.analysis, side, 1.0, self.view.labels, per_head, avail=avail)

    @property
    def largest_avail(self) -> float:
        """Points to the outer ring when the drawing (the zone beyond N included) touches the frame."""
        b = self.box
        return (min(b[1], b[3]) - _PAD) * self.rings.outer / self.reach

    def plan(self, avail: float, d: OrbitDrawing, lang: str, ring_names: bool = True):
        k = avail / self.rings.outer
        fs = max(MIN_PT, d.fs)
        customer = _customer(self.view.org, self.u, d, self.rings, k, lang, fs)
        P = self.xy * k
        plan = label_plan(
            self.u, d, P, self.rings, k, self.box, self.view.pos, self.view.labels, customer[2], 1.0, lang,
            fs=fs, first=self.overlay.first, ring_names=ring_names,
        )  # fmt: skip
        # a ring name that found no free spot but the customer's disc (grown for the name) is left out
        reach = customer[2] / 2 + plan.ring_fs * 0.6
        plan.rings = [(r, text, spot) for r, text, spot in plan.rings if _clear(spot, text, plan.ring_fs, reach)]
        return plan, customer, k

    def geometry(self, avail: float, per_head: float, lang: str) -> OrbitGeometry:
        d = self.drawing(avail, per_head)
        plan, customer, k = self.plan(avail, d, lang)
        g = OrbitGeometry(d, self.xy, self.rings, k, tuple(self.box), customer, plan, self.overlay)
        x0, x1, y0, y1 = drawn_extent(g, self.view.analysis.max_hops)
        b = self.box
        sx, sy = (b[0] + b[1] - x0 - x1) / 2, (b[2] + b[3] - y0 - y1) / 2  # centre what is drawn
        g.box = (b[0] - sx, b[1] - sx, b[2] - sy, b[3] - sy)
        return g


def _clear(spot, text: str, fs: float, reach: float) -> bool:
    """Whether a ring name centred at ``spot`` keeps clear of a disc of radius ``reach`` round the customer."""
    half = text_width(text, fs) / 2
    x = max(abs(float(spot[0])) - half, 0.0)
    return float(np.hypot(x, abs(float(spot[1])))) >= reach


def _score(plan, u: UnitArrays) -> float:
    """Labels placed, the top two reporting levels counting double."""
    codes = np.fromiter((c for c, *_ in plan.units), dtype=np.int64, count=len(plan.units))
    return float(len(codes) + np.sum(u.level[codes] <= 2)) if len(codes) else 0.0


def _customer(org, u: UnitArrays, d: OrbitDrawing, rings, k: float, lang: str, fs: float) -> tuple[str, float, float]:
    """The customer's label, its size and the disc's diameter (points): the whole name, at 8 pt or more.

    The image keeps the disc inside the first ring and shortens the name
    there; on a slide the disc grows to hold the name, up to the first
    ring (it is drawn below the units, so a ring it reaches stays visible),
    and a name still too long wraps onto up to three lines inside it.
    """
    label, cust_fs, d_cust = customer_disc(org, u, d, rings, k, 1.0, lang, fs=fs)
    full = T.customer_label(org.customer, lang)
    if label != full:
        cust_fs = max(cust_fs, MIN_PT)
        r1 = rings.radii[min(rings.connected)] * k if rings.connected else k
        most = max(d_cust, 2.0 * r1)
        one = text_width(full, cust_fs, "bold") + 8.0
        if one <= most:
            d_cust, label = max(d_cust, one), full
        else:  # lines inside the disc: at most three, and as many as its height holds
            d_cust = most
            count = int(min(3, max(1, d_cust * 0.7 // (cust_fs * 1.2))))
            lines, _ = wrap_label(full, cust_fs, d_cust * 0.8 - 4.0, weight="bold", max_lines=count, limit=TEXT_LIMIT)
            label = "\n".join(lines)
    return label, max(cust_fs, MIN_PT), d_cust


def drawn_extent(g: OrbitGeometry, max_hops: int) -> tuple[float, float, float, float]:
    """What ``g`` draws (zone beyond N, rings, markers, labels), points round the customer: ``x0, x1, y0, y1``."""
    zone = g.rings.beyond_zone(max_hops)
    reach = max(g.rings.outer, zone[1] if zone else 0.0) * g.k
    xs, ys = [-reach, reach], [-reach, reach]
    P = g.points
    r = g.drawing.node_r
    if len(P):
        xs += [float(np.min(P[:, 0] - r)), float(np.max(P[:, 0] + r))]
        ys += [float(np.min(P[:, 1] - r)), float(np.max(P[:, 1] + r))]
    fs = g.plan.fs
    for i, text, sign, a0 in g.plan.units:
        lines = text.split("\n")
        w = max(text_width(line, fs, g.drawing.weights[i]) for line in lines)
        h = fs * 0.6 * len(lines)
        dist = float(np.hypot(*P[i]))
        d = P[i] / dist if dist > 1e-9 else np.array([1.0, 0.0])
        a0 = np.asarray(a0, dtype=float)
        a1 = a0 + sign * d * w
        normal = np.array([-d[1], d[0]]) * h
        corners = np.array([a0 + normal, a0 - normal, a1 + normal, a1 - normal])
        xs += [float(corners[:, 0].min()), float(corners[:, 0].max())]
        ys += [float(corners[:, 1].min()), float(corners[:, 1].max())]
    return min(xs), max(xs), min(ys), max(ys)
