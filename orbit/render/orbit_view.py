"""The orbit view with matplotlib: the customer at the centre, units on rings by their distance.

The renderers only consume positions (:func:`orbit.layout.orbit_layout`,
:func:`orbit.layout.hierarchy_layout`) and the analysis. As in networkx, each
``draw_*`` takes ``ax=None`` (the current axes then), draws with vectorised
collections (one ``LineCollection`` per relation kind, one scatter per marker
shape) and returns the Axes it drew on.

The ``figure_*`` functions build a :class:`matplotlib.figure.Figure` directly,
without pyplot, sized to the organisation; :func:`orbit.render.figure_bytes`
turns one into PNG, SVG (text stays text) or PDF bytes. Nothing here touches
pyplot's global state, so figures can be built from several threads (the app
does).

The rings and the room for labels come from :mod:`orbit.layout.rings`, the
label spots from :mod:`orbit.render.labels`.

Examples
--------
>>> import orbit
>>> from orbit.render import figure_orbit, figure_bytes
>>> org = orbit.load(b"units: [{id: desk, serves: [customer]}, {id: back, serves: [desk]}]", name="t.yaml")
>>> figure_bytes(figure_orbit(org), "png")[:4]
b'\\x89PNG'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .. import i18n as T
from ..analysis import Analysis
from ..layout.rings import fitted_orbit_layout, label_room, radial_room, ring_capacity, ring_geometry
from ..model import CUSTOMER, Organisation
from . import style as S
from .labels import Capsules, radial_label_spots, ring_label_spots
from .legends import orbit_legend
from .overlays import draw_orbit_overlays, overlay_units
from .page import (
    LEGEND_IN,
    RASTER_FROM,
    TITLE_IN,
    analysis_of,
    axes_points,
    check_labels,
    current_axes,
    draw_footnote,
    draw_title,
    font_scale_for,
    foot_inches,
    footnote_text,
    new_figure,
    scaled,
    text_with_halo,
)
from .text_fit import LABEL_CHARS, fit_line, shorten, text_width, two_lines
from .units import UnitArrays, marker_area_floor, marker_order, positions_of

__all__ = [
    "OrbitDrawing",
    "OrbitGeometry",
    "draw_orbit",
    "figure_orbit",
    "orbit_image_layout",
    "orbit_side",
    "orbit_sizes",
]


_SHORT_CHARS = 16  # the last, shortest try of a label on a crowded ring


def draw_orbit(
    org: Organisation,
    analysis: Analysis | None = None,
    ax=None,
    *,
    pos: Mapping | None = None,
    max_hops: int | None = None,
    via: str | None = None,
    reference: Mapping | None = None,
    labels: str = "auto",
    legend: bool = True,
    title: bool = True,
    colours: Mapping | None = None,
    per_head: float | None = None,
    font_scale: float = 1.0,
    lang: str = "en",
    highlight: str | None = None,
    journey: Sequence[str] | None = None,
    emphasis: Iterable[str] = (),
    geometry: OrbitGeometry | None = None,
):
    """Draw the orbit view: the customer at the centre, units on rings by distance.

    Parameters
    ----------
    org : Organisation
    analysis : Analysis, optional
        A precomputed :func:`orbit.analyse` result; made with ``max_hops``
        and ``via`` when not given.
    ax : matplotlib Axes, optional
        Defaults to the current axes. The drawing fits the axes' box: make it
        square (the ``figure_*`` functions do) for the best use of space.
    pos : mapping, optional
        Positions, e.g. an :func:`orbit.layout.orbit_layout` result; computed
        when not given.
    max_hops, via :
        Used only when ``analysis`` is not given (defaults 3 and ``'both'``).
    reference : mapping, optional
        Positions of another design whose angular order to keep (passed to the
        layout).
    labels : {'auto', 'all', 'none'}
        ``auto`` labels every unit that has room, the largest first; ``all``
        labels every unit even where labels collide; ``none`` shows no unit
        labels.
    legend, title : bool
    colours : mapping, optional
        ``{department id: colour}``; by default :func:`orbit.render.style.department_colours`.
    per_head : float, optional
        Marker area in square points per head; by default chosen so the
        biggest units fit. Pass the same value to draw two designs alike.
    font_scale : float
        Multiplies all font sizes.
    lang : {'en', 'de'}
        Language of every text the drawing shows (rings, legend, title; an
        unknown one gives English). A customer label of the file's own is
        kept; the default one is translated.
    highlight : str, optional
        A unit id: the unit is ringed and its path to the customer drawn
        (:meth:`orbit.Analysis.path`).
    journey : sequence of str, optional
        The unit ids of a journey's steps: drawn as a numbered path from the
        customer through the steps and back.
    emphasis : iterable of str
        Unit ids to ring (the units a comparison moved).
    geometry : OrbitGeometry, optional
        A drawing already fitted to its box by another renderer (the deck's
        PDF pages draw what its PowerPoint shapes show): its scale, marker
        sizes, customer disc, overlays and label spots are used as they are
        (``pos``, ``per_head``, ``highlight``, ``journey`` and ``emphasis``
        are then taken from it), and the axes show its box.

    Highlighted, journey and emphasised units are labelled first.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``labels`` or ``via`` is unknown.
    KeyError
        If ``highlight`` is not a unit of ``org``.
    """
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Circle, Wedge

    check_labels(labels)
    lang = T.lang_of(lang)
    a = analysis_of(org, analysis, max_hops, via)
    ax = current_axes(ax)
    u = UnitArrays.of(a, colours)
    n = len(u)
    W, H = axes_points(ax)
    side = min(W, H)
    if geometry is None:
        d = OrbitDrawing.of(u, a, side, font_scale, labels, per_head)
        if pos is None:
            pos = _image_layout(org, a, u, d, labels, reference)
        xy = positions_of(pos, u.ids)
        xy = xy - np.asarray(pos.get(CUSTOMER, (0.0, 0.0)), dtype=float)
        rings = ring_geometry(pos, a, xy)
        k = d.sizes.avail / rings.outer
        box = np.array([-side, side, -side, side]) / 2.0
    else:
        d, xy, rings, k, box = geometry.drawing, geometry.xy, geometry.rings, geometry.k, np.asarray(geometry.box)
    area = d.area
    d_max, hi = d.sizes.d_max, d.sizes.hi
    per_head = d.per_head
    radius_of, unconnected = rings.radii, rings.unconnected

    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    ax.set_xlim(box[0] / k, box[1] / k)
    ax.set_ylim(box[2] / k, box[3] / k)
    raster = n >= RASTER_FROM

    # --- rings, and the zone beyond N
    connected = rings.connected
    beyond = rings.beyond_zone(a.max_hops)
    if beyond is not None:
        inner_r, outer_r = beyond
        zone = Wedge((0, 0), outer_r, 0, 360, width=outer_r - inner_r)
        zone.set(facecolor=S.RING_STYLE["beyond_fill"], edgecolor="none", zorder=0, label="_beyond")
        ax.add_patch(zone)
    circles = [Circle((0, 0), radius_of[r]) for r in connected]
    ring_coll = PatchCollection(
        circles,
        facecolors="none",
        edgecolors=S.RING_STYLE["line"],
        linewidths=S.RING_STYLE["width"],
        zorder=0.5,
    )
    ring_coll.set_gid("rings")
    ax.add_collection(ring_coll)
    if unconnected is not None:
        ax.add_patch(
            Circle(
                (0, 0),
                radius_of[unconnected],
                facecolor="none",
                edgecolor=S.RING_STYLE["unconnected"],
                linewidth=S.RING_STYLE["width"],
                linestyle=(0, (4, 3)),
                zorder=0.5,
            )
        )

    # --- relations
    kinds, src, tgt = u.relations(org)
    pts = np.vstack([xy, [[0.0, 0.0]]]) if n else np.zeros((1, 2))
    fade = scaled(n, 1.0, 0.35)
    thin = scaled(n, 1.0, 0.45)
    for rel, z in (("reports_to", 1.0), ("serves", 1.2), ("touchpoint", 1.4)):
        st = S.RELATION_STYLES[rel]
        m = kinds == rel
        segs = np.stack([pts[src[m]], pts[tgt[m]]], axis=1) if m.any() else np.empty((0, 2, 2))
        base = st.alpha * (fade if rel != "touchpoint" else max(fade, 0.5))
        width = st.width * thin
        if rel == "touchpoint":
            alpha = np.full(int(m.sum()), base)
            width *= float(np.clip(math.sqrt(24 / max(int(m.sum()), 1)), 0.4, 1.0))
        else:
            alpha = base * _fan_fade(src[m], tgt[m], n + 1)
        rgba = np.tile(to_rgba(st.colour), (len(alpha), 1))
        rgba[:, 3] = np.clip(alpha, 0.06, 1.0)
        lc = LineCollection(
            segs,
            colors=rgba,
            linewidths=width,
            linestyles=st.dash,
            zorder=z,
            capstyle="round",
        )
        lc.set_gid(rel)
        lc.set_label(T.text(lang, f"relation.{rel}"))
        lc.set_rasterized(raster)
        ax.add_collection(lc)

    # --- misplaced: dashed halo, and a dotted tail to the ring the unit really is on
    mis = np.flatnonzero(u.misplaced)
    if mis.size:
        halo_d = np.sqrt(area[mis]) + 7.0
        ax.scatter(
            xy[mis, 0],
            xy[mis, 1],
            s=halo_d**2,
            marker="o",
            facecolors="none",
            edgecolors=S.MISPLACED_STYLE.edge,
            linewidths=S.MISPLACED_STYLE.edge_width,
            linestyles="--",
            zorder=3.2,
            label=T.text(lang, "image.legend.misplaced.short"),
            gid="misplaced",
        )
        reach_mis = mis[u.reachable[mis]]
        if reach_mis.size:
            rr = np.array([rings.radius_at(float(u.hops[i])) for i in reach_mis])
            ang = np.arctan2(xy[reach_mis, 1], xy[reach_mis, 0])
            ends = np.c_[rr * np.cos(ang), rr * np.sin(ang)]
            tails = LineCollection(
                np.stack([xy[reach_mis], ends], axis=1),
                colors=S.MISPLACED_STYLE.edge,
                linewidths=1.0,
                linestyles=":",
                zorder=1.6,
            )
            tails.set_gid("misplaced_tails")
            ax.add_collection(tails)
            ax.scatter(
                ends[:, 0],
                ends[:, 1],
                s=9,
                marker="o",
                facecolors="white",
                edgecolors=S.MISPLACED_STYLE.edge,
                linewidths=0.8,
                zorder=1.7,
            )

    # --- units: one scatter per marker shape
    fill = _rgba(u.fill())
    markers = u.markers()
    order = np.argsort(-area, kind="stable")  # big ones below small ones
    for mk in marker_order(markers):
        sel = order[markers[order] == mk]
        flagged = mk == S.FLAGGED_STYLE.marker
        sc = ax.scatter(
            xy[sel, 0],
            xy[sel, 1],
            s=area[sel] * (0.75 if mk in ("D", "s") else 1.0),
            c=fill[sel],
            marker=mk,
            edgecolors=S.FLAGGED_STYLE.edge if flagged else "white",
            linewidths=min(S.FLAGGED_STYLE.edge_width, max(0.5, d_max / 8)) if flagged else scaled(n, 0.8, 0.2),
            zorder=3.0 if not flagged else 3.1,
            gid="flagged" if flagged else f"units-{mk}",
        )
        sc.set_rasterized(raster)

    # --- customer
    if geometry is None:
        label, cust_fs, d_cust = customer_disc(org, u, d, rings, k, font_scale, lang)
    else:
        label, cust_fs, d_cust = geometry.customer
    ax.scatter(
        [0.0],
        [0.0],
        s=d_cust**2,
        marker="o",
        c=S.CUSTOMER_STYLE["fill"],
        edgecolors=S.CUSTOMER_STYLE["edge"],
        linewidths=1.5,
        zorder=4 if geometry is None else 2.9,  # a fitted disc may reach the first ring: below its units
        gid="customer",
    )
    ax.text(
        0,
        0,
        label,
        ha="center",
        va="center",
        fontsize=cust_fs,
        fontweight="bold",
        color=S.CUSTOMER_STYLE["text"],
        zorder=4.1,
        gid="customer-label",
    )

    # --- labels: units in priority order, then the ring names wherever they find room
    P = xy * k
    if geometry is None:
        overlay = overlay_units(u, a, highlight, journey, emphasis)
        plan = label_plan(u, d, P, rings, k, side, pos, labels, d_cust, font_scale, lang, first=overlay.first)
    else:
        overlay, plan = geometry.overlay, geometry.plan
    draw_orbit_overlays(ax, overlay, xy, d.node_d, font_scale)
    _draw_unit_labels(ax, u, plan.units, P, k, plan.fs, d.weights)
    _draw_ring_labels(ax, rings, plan.rings, k, plan.ring_fs)

    if legend:
        orbit_legend(ax, u, a, per_head, hi, font_scale, beyond is not None, bool(mis.size), lang)
    if title:
        draw_title(ax, org, a, S.FONT["title"] * font_scale, lang=lang)
    return ax


def _rgba(colours: np.ndarray) -> np.ndarray:
    """An ``(n, 4)`` RGBA array of ``colours`` (matplotlib colour specs), each distinct one converted once."""
    from matplotlib.colors import to_rgba

    if not len(colours):
        return np.zeros((0, 4))
    distinct, inverse = np.unique(colours.astype(str), return_inverse=True)
    return np.array([to_rgba(c) for c in distinct])[inverse.ravel()]


def _fan_fade(src: np.ndarray, tgt: np.ndarray, size: int, calm: int = 6) -> np.ndarray:
    """Opacity factor per edge: edges of a hub with more than ``calm`` such edges fade (1/sqrt)."""
    if len(src) == 0:
        return np.empty(0)
    deg = np.bincount(src, minlength=size) + np.bincount(tgt, minlength=size)
    hub = np.maximum(deg[src], deg[tgt])
    return np.minimum(1.0, np.sqrt(calm / np.maximum(hub, 1)))


@dataclass
class OrbitGeometry:
    """An orbit drawing fitted to its box: what :func:`draw_orbit` and the deck's shapes draw alike.

    Lengths in points round the customer (y up) unless said otherwise.
    """

    drawing: OrbitDrawing  # font, label texts, marker sizes
    xy: np.ndarray  # unit positions round the customer, layout units
    rings: object  # the RingGeometry, layout units
    k: float  # points per layout unit
    box: tuple  # (x0, x1, y0, y1): the area drawn
    customer: tuple  # (label, font size, disc diameter)
    plan: LabelPlan
    overlay: object  # the Overlay drawn (journey, emphasis)

    @property
    def points(self) -> np.ndarray:
        """Unit positions round the customer, points."""
        return self.xy * self.k


@dataclass
class OrbitSizes:
    """How big one orbit drawing is (:func:`orbit_sizes`), in points."""

    ring: np.ndarray  # ring per unit, unconnected = one past the last
    avail: float  # points from the centre to the outermost ring
    d_max: float  # largest marker diameter, points
    hi: float  # marker area limits, square points
    lo: float
    per_head: float  # marker area per head


def orbit_sizes(
    u: UnitArrays, a: Analysis, side: float, fs: float, font_scale: float, labels: str, names, weights, avail=None
):
    """How far the rings reach and how big the markers are, for a drawing ``side`` points wide.

    ``avail`` (points from the centre to the outermost ring) is chosen here
    from the room the outer ring's labels need, unless given.
    """
    n = len(u)
    # room for the outer ring's labels decides how far the rings reach
    ring_now = np.where(a.reachable, a.ring, int(a.ring.max(initial=0)) + 1) if n else np.zeros(0, np.int64)
    outer = ring_now == ring_now.max(initial=0)
    d_max = scaled(n, 24.0, 9.0) * font_scale
    if avail is None:
        margin = 0.0
        if labels != "none" and outer.any():
            sample = np.flatnonzero(outer)
            sample = sample[np.argsort(-u.headcount[sample], kind="stable")[:60]]
            widths = [text_width(names[i], fs, weights[i]) for i in sample]
            margin = min(float(np.percentile(widths, 80)) + 4.0, 0.2 * side)
        avail = max(side / 2 - margin - d_max / 2 - 6.0, side * 0.2)
    # area ∝ headcount, clipped; the fullest ring must hold its markers side by side
    cap = ring_capacity(ring_now, avail)
    if n:
        counts = np.bincount(ring_now)
        present = np.flatnonzero(counts)
        d_fit = float(np.min(cap[present] / counts[present]))
        d_max = float(np.clip(d_fit, min(4.0, d_max), d_max))  # dense rings may overlap into a band
    hi = d_max**2
    lo = marker_area_floor(hi)
    ref = float(np.percentile(u.headcount, 95)) if n else 1.0
    return OrbitSizes(ring_now, avail, d_max, hi, lo, hi / max(ref, 1.0))


@dataclass
class OrbitDrawing:
    """The font, label texts and marker sizes of one orbit drawing ``side`` points wide."""

    fs: float
    names: np.ndarray  # labels cut to LABEL_CHARS
    weights: np.ndarray
    sizes: OrbitSizes
    per_head: float
    area: np.ndarray  # marker areas, square points
    node_d: np.ndarray
    node_r: np.ndarray

    @classmethod
    def of(
        cls, u: UnitArrays, a: Analysis, side: float, font_scale: float, labels: str, per_head=None, avail=None
    ) -> OrbitDrawing:
        """The drawing ``side`` points wide (its rings reaching ``avail`` points if given)."""
        fs = S.FONT["label"] * font_scale * (scaled(len(u), 1.0, 0.86))
        names = np.array([shorten(x, LABEL_CHARS) for x in u.names], dtype=object)
        weights = u.weights()
        sz = orbit_sizes(u, a, side, fs, font_scale, labels, names, weights, avail)
        if per_head is None:
            per_head = sz.per_head
        area = S.marker_area(u.headcount, per_head=per_head, lo=sz.lo, hi=sz.hi)
        node_d = np.sqrt(area)
        return cls(fs, names, weights, sz, per_head, area, node_d, node_d / 2.0)


def _image_layout(org, a: Analysis, u: UnitArrays, d: OrbitDrawing, labels: str, reference):
    """The orbit layout with room for ``d``'s labels along the rings and outside dense inner rings."""
    ring, avail = d.sizes.ring, d.sizes.avail
    room = label_room(ring, ring_capacity(ring, avail), label_priority(u), d.node_d, d.fs * 1.3, labels)
    short = u.short_names

    def label_width(i: int) -> float:
        return min(text_width(d.names[i], d.fs, d.weights[i]), text_width(short[i], d.fs, d.weights[i]))

    radial = radial_room(ring, room, d.node_d, label_width, avail, labels)
    return fitted_orbit_layout(org, a, avail=avail, room=room, radial=radial, reference=reference)


def orbit_image_layout(
    org: Organisation,
    analysis: Analysis | None = None,
    *,
    size: float | None = None,
    labels: str = "auto",
    reference: Mapping | None = None,
    per_head: float | None = None,
):
    """The orbit layout :func:`figure_orbit` draws, with the room it keeps for labels.

    Its ``radii`` (and ``ring_room``, ``unconnected_ring``) are the rings of
    the exported image, in layout units: another renderer (the deck) that
    draws from it shows the same geometry. ``size`` is the diagram's side in
    inches (default :func:`orbit_side`); ``labels``, ``reference`` and
    ``per_head`` as for :func:`draw_orbit`.

    Returns
    -------
    orbit.layout.OrbitLayout
    """
    check_labels(labels)
    a = analysis_of(org, analysis, None, None)
    side = orbit_side(len(org)) if size is None else float(size)
    u = UnitArrays.of(a, {})
    d = OrbitDrawing.of(u, a, side * 72.0, font_scale_for(side), labels, per_head)
    return _image_layout(org, a, u, d, labels, reference)


def label_priority(u: UnitArrays) -> np.ndarray:
    """Unit codes in label order: roots and top-level departments, the touchpoint ring, the rest; each by headcount."""
    n = len(u)
    group = np.where(u.level <= 2, 0, np.where(u.hops == 1, 1, 2))
    return np.lexsort((np.arange(n), -u.headcount, group))


@dataclass
class LabelPlan:
    """Where the labels of one orbit drawing go (:func:`label_plan`), in points around the customer."""

    units: list  # (code, text, sign, anchor) from radial_label_spots
    rings: list  # (ring, text, spot) for every ring
    fs: float  # unit label size
    ring_fs: float  # ring label size


def customer_disc(org, u: UnitArrays, d: OrbitDrawing, rings, k: float, font_scale: float, lang: str, fs=None):
    """The customer's label, its font size and the disc's diameter (points), fitted inside the first ring."""
    n = len(u)
    connected = rings.connected
    r1 = rings.radii[min(connected)] * k if connected else k
    cust_fs = (fs or S.FONT["label"] * font_scale) * 1.35
    label = T.customer_label(org.customer, lang)
    cw = text_width(label, cust_fs, "bold")
    ring1 = d.sizes.ring == min(connected) if connected else np.zeros(n, bool)
    r1_node = float(d.node_r[ring1].max()) if ring1.any() else 0.0
    d_cust = min(max(cw + 10.0, 26.0 * font_scale), max(2 * (r1 - r1_node - 6), 14.0))
    if cw > d_cust - 6:
        cust_fs = max(cust_fs * (d_cust - 6) / cw, S.FONT["label_min"] if fs is None else fs)
        label = fit_line(label, cust_fs, "bold", d_cust - 4)
    return label, cust_fs, d_cust


def label_plan(
    u: UnitArrays,
    d: OrbitDrawing,
    P: np.ndarray,
    rings,
    k: float,
    side: float,
    pos,
    labels: str,
    d_cust: float,
    font_scale: float,
    lang: str,
    *,
    fs: float | None = None,
    first: Sequence[int] = (),
    ring_names: bool = True,
) -> LabelPlan:
    """The label spots of an orbit drawing: units in priority order, then the ring names where they find room.

    ``P`` are the units' positions in points around the customer, ``k``
    points per layout unit, ``side`` the drawing's width in points (or its
    box ``(x0, x1, y0, y1)`` round the customer), ``fs`` the unit labels'
    size (default the drawing's). ``first`` are unit codes labelled before
    all others (a selected path, a journey); ``labels="marked"`` labels
    only those. Without ``ring_names`` only the units are placed (a
    renderer trying sizes counts them). The
    exported images and the deck's native diagrams place labels with this
    one function, so they thin labels alike.
    """
    n = len(u)
    fs = d.fs if fs is None else float(fs)
    obstacles = Capsules(max(64, n + 64))
    if n:
        obstacles.add_many(P, P, d.node_r + 0.6, np.arange(n))
    obstacles.add(np.zeros(2), np.zeros(2), d_cust / 2 + 1.0)
    placed: list = []
    if labels != "none" and n:
        # the band outside a ring that was given radial room belongs to that ring's labels
        radial = getattr(pos, "ring_room", None) or {}
        roomy = sorted(r for r in rings.radii if r in radial)
        outward_only = np.zeros(n, dtype=bool)
        for r in roomy:
            later = [q for q in sorted(rings.radii) if q > r]
            if later:
                outward_only |= d.sizes.ring == later[0]
        placed = _unit_label_spots(u, d.names, d.weights, P, d.node_r, side, fs, labels, obstacles, outward_only, first)
    ring_fs = S.FONT["ring"] * font_scale if fs is None else max(S.FONT["ring"] * font_scale, fs)
    if not ring_names:
        return LabelPlan(placed, [], fs, ring_fs)
    names = [(rings.radii[r], T.ring_label(None if r == rings.unconnected else r, lang)) for r in rings.rings]
    shorter = {T.text(lang, "ring.touchpoints"): T.text(lang, "ring.touchpoints.short")}
    spots = ring_label_spots(names, k, P, d.node_r, obstacles, ring_fs, shorter)
    ring_spots = [(r, text, spot) for r, (text, spot) in zip(rings.rings, spots, strict=True)]
    return LabelPlan(placed, ring_spots, fs, ring_fs)


def _draw_ring_labels(ax, rings, spots, k: float, fs: float) -> None:
    """Ring names on the ring lines (:func:`label_plan`)."""
    for r, text, spot in spots:
        colour = S.RING_STYLE["unconnected"] if r == rings.unconnected else S.RING_STYLE["label"]
        ax.text(
            spot[0] / k,
            spot[1] / k,
            text,
            ha="center",
            va="center",
            fontsize=fs,
            color=colour,
            zorder=2.5,
            gid="ring-label",
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
        )


def label_direction(P: np.ndarray, i: int, sign: float) -> tuple[float, str]:
    """The rotation (degrees, upright) and horizontal alignment of unit ``i``'s radial label."""
    dist = float(np.linalg.norm(P[i]))
    d = P[i] / dist if dist > 1e-9 else np.array([1.0, 0.0])
    deg = math.degrees(math.atan2(d[1], d[0]))
    right = d[0] >= -1e-9
    if not right:
        deg += 180.0
    return deg, "left" if (sign > 0) == right else "right"


def _draw_unit_labels(ax, u: UnitArrays, placed, P, k: float, fs: float, weights) -> None:
    """The radial unit labels of :func:`label_plan`."""
    for i, text, sign, a0 in placed:
        deg, ha = label_direction(P, i, sign)
        text_with_halo(
            ax,
            a0[0] / k,
            a0[1] / k,
            text,
            rotation=deg,
            rotation_mode="anchor",
            ha=ha,
            va="center",
            fontsize=fs,
            fontweight=weights[i],
            color=S.INK,
            linespacing=1.0,
            zorder=5,
            gid="unit-label",
            label=str(u.ids[i]),  # which unit it names (texts never enter a legend)
        )


def _unit_label_spots(u: UnitArrays, names, weights, P, node_r, side, fs, mode, obstacles, outward_only, first=()):
    """Radial unit labels, ``first`` and then the most important units (:func:`label_priority`).

    Each label tries the full name on one line, then on two, then the name
    without its department's words (the colour says the department), on one
    line and on two, then cut short (:func:`~orbit.render.labels.radial_label_spots`).
    """
    n = len(u)
    short = u.short_names
    order = label_priority(u)
    if mode == "auto":
        order = order[: min(n, 600)]
    elif mode == "marked":  # only the units drawn on top (the deck's "what changes" view)
        order = order[:0]
    if len(first):
        head = np.asarray(list(dict.fromkeys(int(c) for c in first)), dtype=np.int64)
        order = np.r_[head, order[~np.isin(order, head)]]

    def tries(i: int) -> tuple[str, ...]:
        full = " ".join(str(u.names[i]).split())
        return (
            full if len(full) <= LABEL_CHARS else "",
            two_lines(full) if len(full) <= 2 * LABEL_CHARS else "",
            short[i],
            two_lines(short[i]),
            names[i],
            shorten(short[i], _SHORT_CHARS),
        )

    fallback = names if mode == "all" else None
    return radial_label_spots(
        P, node_r, order, tries, weights, fs, side, obstacles, fallback=fallback, outward_only=outward_only
    )


def orbit_side(n: int) -> float:
    """Side of the orbit diagram in inches for ``n`` units: 7 in for small orgs, at most 16 in.

    >>> orbit_side(10), orbit_side(40) < orbit_side(1000), orbit_side(10_000)
    (7.0, True, 16.0)
    """
    return float(np.clip(5.0 + 0.6 * math.sqrt(max(n, 0)), 7.0, 16.0))


def figure_orbit(
    org: Organisation,
    analysis: Analysis | None = None,
    *,
    max_hops: int | None = None,
    via: str | None = None,
    labels: str = "auto",
    pos: Mapping | None = None,
    reference: Mapping | None = None,
    size: float | None = None,
    full: Analysis | None = None,
    lang: str = "en",
    **kwargs,
):
    """A Figure with the orbit view, legend on the right, summary below.

    The diagram's side grows with the organisation (:func:`orbit_side`)
    unless ``size`` (inches) is given. Other keywords go to :func:`draw_orbit`.

    Parameters
    ----------
    full : Analysis, optional
        When ``org`` is a folded view of a larger organisation
        (:func:`orbit.aggregate.aggregate`): the analysis of the whole
        organisation. The title then counts its units and the summary line
        gives its metrics, not those of the departments drawn.
    lang : {'en', 'de'}
        Language of all texts (as for :func:`draw_orbit`); numbers in that
        language's style.

    Returns
    -------
    matplotlib.figure.Figure
    """
    a = analysis_of(org, analysis, max_hops, via)
    side = orbit_side(len(org)) if size is None else float(size)
    font_scale = kwargs.pop("font_scale", font_scale_for(side))
    width = side + LEGEND_IN * font_scale + 0.3
    note = footnote_text(a, full, lang, font_scale, width)
    foot = foot_inches(note, font_scale)
    height = side + TITLE_IN * font_scale + foot
    fig = new_figure(width, height)
    ax = fig.add_axes((0.15 / width, foot / height, side / width, side / height))
    draw_orbit(org, a, ax, labels=labels, pos=pos, reference=reference, font_scale=font_scale, lang=lang, **kwargs)
    if full is not None and kwargs.get("title", True):
        draw_title(ax, org, a, S.FONT["title"] * font_scale, full, lang)
    draw_footnote(fig, note, font_scale, 0.15 / width)
    return fig
