"""Static diagrams with matplotlib: the orbit view, the org chart, a comparison.

The renderers only consume positions (:func:`orbit.layout.orbit_layout`,
:func:`orbit.layout.hierarchy_layout`) and the analysis. As in networkx, each
``draw_*`` takes ``ax=None`` (the current axes then), draws with vectorised
collections (one ``LineCollection`` per relation kind, one scatter per marker
shape) and returns the Axes it drew on.

The ``figure_*`` functions build a :class:`matplotlib.figure.Figure` directly,
without pyplot, sized to the organisation; :func:`figure_bytes` turns one into
PNG, SVG (text stays text) or PDF bytes. Nothing here touches pyplot's global
state, so figures can be built from several threads (the app does).

Examples
--------
>>> import orbit
>>> from orbit.render import figure_orbit, figure_bytes
>>> org = orbit.load(b"units: [{id: desk, serves: [customer]}, {id: back, serves: [desk]}]", name="t.yaml")
>>> figure_bytes(figure_orbit(org), "png")[:4]
b'\\x89PNG'
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._chars import label_text, longest_fit
from ..analysis import Analysis, analyse, relation_edges
from ..model import CUSTOMER, Organisation
from . import _text as T
from . import style as S
from ._labels import Capsules, shorten, text_width

__all__ = [
    "FORMATS",
    "draw_hierarchy",
    "draw_orbit",
    "figure_both",
    "figure_bytes",
    "figure_compare",
    "figure_hierarchy",
    "figure_orbit",
    "hierarchy_positions",
    "wrap_label",
]

FORMATS = ("png", "svg", "pdf")
"""Formats :func:`figure_bytes` writes."""

LABELS = ("auto", "all", "none")

_LABEL_CHARS = 30  # longest label before it is cut with an ellipsis
_SHORT_CHARS = 16  # second try on a crowded ring
_RASTER_FROM = 3000  # collections with more items are rasterised in SVG/PDF


# ====================================================================== shared
@dataclass
class _Units:
    """What both views need per unit, as arrays in the organisation's order."""

    ids: np.ndarray
    names: np.ndarray
    kinds: np.ndarray
    headcount: np.ndarray  # float, missing = 1
    department: np.ndarray
    flagged: np.ndarray
    misplaced: np.ndarray
    reachable: np.ndarray
    hops: np.ndarray  # -1 where unreachable
    level: np.ndarray
    colours: dict

    @classmethod
    def of(cls, a: Analysis, colours: Mapping | None = None) -> _Units:
        t = a.units
        ids = t["id"].to_numpy(dtype=object)
        names = np.array([n if isinstance(n, str) and n.strip() else i for n, i in zip(t["name"], ids)], dtype=object)
        dept = t["department"].to_numpy(dtype=object)
        if colours is None:
            colours = department_colours_of(a)
        return cls(
            ids=ids,
            names=names,
            kinds=t["kind"].to_numpy(dtype=object),
            headcount=a.weights,
            department=dept,
            flagged=np.asarray(a.flagged, dtype=bool),
            misplaced=np.asarray(a.misplaced, dtype=bool),
            reachable=np.asarray(a.reachable, dtype=bool),
            hops=np.asarray(a.hops),
            level=np.asarray(a.level),
            colours=dict(colours),
        )

    def __len__(self) -> int:
        return len(self.ids)

    def fill(self) -> np.ndarray:
        """Face colours: department colour, lightened for some kinds."""
        out = np.empty(len(self), dtype=object)
        for i, (d, k) in enumerate(zip(self.department, self.kinds)):
            base = self.colours.get(d, S.OTHER_COLOUR)
            t = S.kind_style(k).tint
            out[i] = S.tint(base, t) if t else base
        return out

    def markers(self) -> np.ndarray:
        """Matplotlib marker per unit: the flagged marker wins over the kind's."""
        out = np.array([S.kind_style(k).marker for k in self.kinds], dtype=object)
        out[self.flagged] = S.FLAGGED_STYLE.marker
        return out

    def weights(self) -> np.ndarray:
        return np.array([S.kind_style(k).weight for k in self.kinds], dtype=object)

    def department_names(self, a: Analysis) -> dict:
        name_of = dict(zip(self.ids, self.names))
        return {d: name_of.get(d, d) for d in pd.unique(self.department)}


def department_colours_of(*analyses: Analysis) -> dict:
    """``{department id: colour}`` for one or more designs, heaviest departments first.

    Give two analyses to colour a comparison alike.
    """
    weights: dict = {}
    for a in analyses:
        hc = pd.Series(a.weights).groupby(a.units["department"].to_numpy(dtype=object)).sum()
        for d, v in hc.items():
            weights[d] = weights.get(d, 0.0) + float(v)
    return S.department_colours(weights, weights=weights)


def _analysis(org: Organisation, analysis, max_hops, via) -> Analysis:
    if analysis is not None:
        if analysis.org is not org and len(analysis.org) != len(org):
            raise ValueError("analysis was computed for another organisation")
        return analysis
    return analyse(org, max_hops=3 if max_hops is None else max_hops, via=via or "both")


def _check_labels(labels: str) -> str:
    if labels not in LABELS:
        raise ValueError(f"labels must be one of {', '.join(LABELS)}, not {labels!r}")
    return labels


def _current_axes(ax):
    if ax is None:
        import matplotlib.pyplot as plt  # only when the caller wants pyplot's current axes

        ax = plt.gca()
    return ax


def _axes_points(ax) -> tuple[float, float]:
    """Width and height of the axes box in points."""
    fig = ax.figure
    w, h = fig.get_size_inches()
    pos = ax.get_position()
    return float(pos.width * w * 72.0), float(pos.height * h * 72.0)


def _scaled(n: int, small: float, large: float, lo: int = 60, hi: int = 3000) -> float:
    """``small`` for orgs up to ``lo`` units, ``large`` from ``hi`` on, log-interpolated."""
    if n <= lo:
        return small
    if n >= hi:
        return large
    f = math.log(n / lo) / math.log(hi / lo)
    return small + (large - small) * f


def _title(ax, org: Organisation, a: Analysis, fontsize: float, full: Analysis | None = None, lang: str = "en") -> None:
    """The title, centred over the drawing; wrapped after the name when it would leave the figure.

    ``full``: the analysis of the whole organisation when ``org`` shows it folded into departments.
    """
    if full is not None and len(full.org) != len(org):
        text = S.title_text(
            _display_name(org), len(full.org), a.via, a.max_hops, shown=len(org), depth=_folded_depth(org), lang=lang
        )
    else:
        text = S.title_text(_display_name(org), len(org), a.via, a.max_hops, lang=lang)
    fig_w = ax.figure.get_size_inches()[0] * 72.0
    pos = ax.get_position()
    centre = (pos.x0 + pos.x1) / 2 * fig_w
    room = 2 * min(centre, fig_w - centre) - 16.0
    if text_width(text, fontsize, "bold") > room and " — " in text:
        text = text.replace(" — ", "\n", 1)
    # a line still too wide is broken between its " · " parts, in three lines at most (a little smaller if need be)
    size = fontsize
    while size >= 0.75 * fontsize:
        lines = [part for line in text.split("\n") for part in _wrap_at(line, " · ", size, "bold", room)]
        if len(lines) <= 3 and max(text_width(line, size, "bold") for line in lines) <= room:
            text, fontsize = "\n".join(lines), size
            break
        size *= 0.95
    longest = max(text_width(line, fontsize, "bold") for line in text.split("\n"))
    if longest > room:
        fontsize = max(fontsize * room / longest, 8.0)
    ax.set_title(text, fontsize=fontsize, fontweight="bold", color=S.INK, loc="center", pad=10)


def _display_name(org: Organisation) -> str:
    """The design's name (at most 80 characters of it), else its file name without folder and extension."""
    if org.name:
        return label_text(org.name)
    source = str(org.source or "")
    if source.startswith("<"):
        return ""
    from pathlib import Path

    return Path(source).stem


def _summary_text(a: Analysis, lang: str = "en") -> str:
    s = a.summary
    parts = []
    if s["mean_hops"] is not None:
        parts.append(T.text(lang, "summary.mean_hops", value=T.number(s["mean_hops"], lang, 2)))
    if s["share_within_max_hops"] is not None:
        parts.append(T.text(lang, "summary.share", share=T.percent(s["share_within_max_hops"], lang), n=a.max_hops))
    flagged = T.text(lang, "summary.flagged", count=T.number(s["flagged"], lang))
    if s["unreachable"]:
        flagged += T.text(lang, "summary.unreachable", count=T.number(s["unreachable"], lang))
    parts.append(flagged)
    if s["misplaced"]:
        parts.append(T.text(lang, "summary.misplaced", count=T.number(s["misplaced"], lang)))
    parts.append(T.text(lang, "summary.layer" if s["layers"] == 1 else "summary.layers", count=s["layers"]))
    return " · ".join(parts)


def _customer_label(org: Organisation, lang: str) -> str:
    """The customer's label: the file's own, or the default one ("Customer") in ``lang``."""
    return T.customer_label(org.customer, lang)


def _halo(width: float = 2.4):
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground="white")]


# ====================================================================== orbit
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

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If ``labels`` or ``via`` is unknown.
    """
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Circle, Wedge

    _check_labels(labels)
    lang = T.lang_of(lang)
    a = _analysis(org, analysis, max_hops, via)
    ax = _current_axes(ax)
    u = _Units.of(a, colours)
    n = len(u)
    fs = S.FONT["label"] * font_scale * (_scaled(n, 1.0, 0.86))

    W, H = _axes_points(ax)
    side = min(W, H)
    names = np.array([shorten(x, _LABEL_CHARS) for x in u.names], dtype=object)
    weights = u.weights()

    sz = _orbit_sizes(u, a, side, fs, font_scale, labels, names, weights)
    ring_now, avail, d_max, hi, lo = sz.ring, sz.avail, sz.d_max, sz.hi, sz.lo
    if per_head is None:
        per_head = sz.per_head
    area = S.marker_area(u.headcount, per_head=per_head, lo=lo, hi=hi)
    node_d = np.sqrt(area)
    node_r = node_d / 2.0
    prio = _priority(u)

    radial: dict = {}
    if pos is None:
        cap = _ring_capacity(ring_now, avail)
        room = _rooms(ring_now, cap, prio, node_d, fs * 1.3, labels)
        radial = _radial_room(ring_now, room, node_d, names, _contextual_names(u), weights, fs, avail, labels)
        pos = _orbit_positions(org, a, reference, avail, room, radial)
    xy = _xy(pos, u.ids)
    centre = np.asarray(pos.get(CUSTOMER, (0.0, 0.0)), dtype=float)
    xy = xy - centre
    radius_of, unconnected = _ring_radii(pos, a, xy)
    r_out = max(radius_of.values(), default=1.0)
    k = avail / r_out
    ring_pts = {r: v * k for r, v in radius_of.items()}

    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    half = side / 2.0 / k
    ax.set_xlim(-half, half)
    ax.set_ylim(-half, half)
    raster = n >= _RASTER_FROM

    # --- rings, and the zone beyond N
    rings_sorted = sorted(radius_of)
    connected = [r for r in rings_sorted if r != unconnected]
    gap = _ring_gap(radius_of)
    beyond = [r for r in connected if r > a.max_hops]
    if beyond or unconnected is not None:
        inner_r = _radius_at(radius_of, a.max_hops + 0.5, connected)
        zone = Wedge((0, 0), r_out + 0.45 * gap, 0, 360, width=r_out + 0.45 * gap - inner_r)
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
    edges = relation_edges(org, "both")
    index = pd.Index(u.ids)
    src = index.get_indexer(edges["source"].to_numpy(dtype=object))
    tgt_ids = edges["target"].to_numpy(dtype=object)
    tgt = index.get_indexer(tgt_ids)
    pts = np.vstack([xy, [[0.0, 0.0]]]) if n else np.zeros((1, 2))
    tgt = np.where(tgt_ids == CUSTOMER, n, tgt)
    fade = _scaled(n, 1.0, 0.35)
    thin = _scaled(n, 1.0, 0.45)
    for rel, z in (("reports_to", 1.0), ("serves", 1.2), ("touchpoint", 1.4)):
        st = S.RELATION_STYLES[rel]
        m = (edges["relation"] == rel).to_numpy()
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
            label=T.text(lang, "legend.misplaced.short"),
            gid="misplaced",
        )
        reach_mis = mis[u.reachable[mis]]
        if reach_mis.size:
            rr = np.array([_radius_at(radius_of, float(u.hops[i]), connected) for i in reach_mis])
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
    fill = u.fill()
    markers = u.markers()
    order = np.argsort(-area, kind="stable")  # big ones below small ones
    for mk in _marker_order(markers):
        sel = order[markers[order] == mk]
        flagged = mk == S.FLAGGED_STYLE.marker
        sc = ax.scatter(
            xy[sel, 0],
            xy[sel, 1],
            s=area[sel] * (0.75 if mk in ("D", "s") else 1.0),
            c=list(fill[sel]),
            marker=mk,
            edgecolors=S.FLAGGED_STYLE.edge if flagged else "white",
            linewidths=min(S.FLAGGED_STYLE.edge_width, max(0.5, d_max / 8)) if flagged else _scaled(n, 0.8, 0.2),
            zorder=3.0 if not flagged else 3.1,
            gid="flagged" if flagged else f"units-{mk}",
        )
        sc.set_rasterized(raster)

    # --- customer
    r1 = ring_pts.get(min(connected), k) if connected else k
    cust_fs = S.FONT["label"] * font_scale * 1.35
    label = _customer_label(org, lang)
    cw = text_width(label, cust_fs, "bold")
    ring1 = ring_now == min(connected) if connected else np.zeros(n, bool)
    r1_node = float(node_r[ring1].max()) if ring1.any() else 0.0
    d_cust = min(max(cw + 10.0, 26.0 * font_scale), max(2 * (r1 - r1_node - 6), 14.0))
    if cw > d_cust - 6:
        cust_fs = max(cust_fs * (d_cust - 6) / cw, S.FONT["label_min"])
        label = _fit(label, cust_fs, d_cust - 4)
    ax.scatter(
        [0.0],
        [0.0],
        s=d_cust**2,
        marker="o",
        c=S.CUSTOMER_STYLE["fill"],
        edgecolors=S.CUSTOMER_STYLE["edge"],
        linewidths=1.5,
        zorder=4,
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
    obstacles = Capsules(max(64, n + 64))
    P = xy * k
    if n:
        obstacles.add_many(P, P, node_r + 0.6, np.arange(n))
    obstacles.add(np.zeros(2), np.zeros(2), d_cust / 2 + 1.0)
    if labels != "none" and n:
        # the band outside a ring that was given radial room belongs to that ring's labels
        roomy = sorted(r for r in radius_of if r in radial)
        outward_only = np.zeros(n, dtype=bool)
        for r in roomy:
            later = [q for q in sorted(radius_of) if q > r]
            if later:
                outward_only |= ring_now == later[0]
        _unit_labels(ax, u, names, weights, P, node_r, k, side, fs, labels, obstacles, outward_only)
    _ring_labels(ax, radius_of, unconnected, a, k, P, node_r, obstacles, font_scale, lang)

    if legend:
        beyond_zone = bool(beyond or unconnected is not None)
        _orbit_legend(ax, u, a, per_head, hi, font_scale, beyond_zone, bool(mis.size), lang)
    if title:
        _title(ax, org, a, S.FONT["title"] * font_scale, lang=lang)
    return ax


def _fan_fade(src: np.ndarray, tgt: np.ndarray, size: int, calm: int = 6) -> np.ndarray:
    """Opacity factor per edge: edges of a hub with more than ``calm`` such edges fade (1/sqrt)."""
    if len(src) == 0:
        return np.empty(0)
    deg = np.bincount(src, minlength=size) + np.bincount(tgt, minlength=size)
    hub = np.maximum(deg[src], deg[tgt])
    return np.minimum(1.0, np.sqrt(calm / np.maximum(hub, 1)))


def _marker_order(markers: np.ndarray) -> list:
    found = list(dict.fromkeys(markers.tolist()))
    return sorted(found, key=lambda m: (m == S.FLAGGED_STYLE.marker, m))


def _fit(text: str, size: float, width: float) -> str:
    return _fit_plain(text, size, "bold", width)


def _xy(pos: Mapping, ids: np.ndarray) -> np.ndarray:
    try:
        return np.array([pos[i] for i in ids], dtype=float).reshape(-1, 2)
    except KeyError as err:
        raise KeyError(f"pos has no position for unit {err.args[0]!r}") from None


@dataclass
class _Sizes:
    ring: np.ndarray  # ring per unit, unconnected = one past the last
    avail: float  # points from the centre to the outermost ring
    d_max: float  # largest marker diameter, points
    hi: float  # marker area limits, square points
    lo: float
    per_head: float  # marker area per head


def _orbit_sizes(u: _Units, a: Analysis, side: float, fs: float, font_scale: float, labels: str, names, weights):
    """How far the rings reach and how big the markers are, for a drawing ``side`` points wide."""
    n = len(u)
    # room for the outer ring's labels decides how far the rings reach
    ring_now = np.where(a.reachable, a.ring, int(a.ring.max(initial=0)) + 1) if n else np.zeros(0, np.int64)
    outer = ring_now == ring_now.max(initial=0)
    margin = 0.0
    if labels != "none" and outer.any():
        sample = np.flatnonzero(outer)
        sample = sample[np.argsort(-u.headcount[sample], kind="stable")[:60]]
        widths = [text_width(names[i], fs, weights[i]) for i in sample]
        margin = min(float(np.percentile(widths, 80)) + 4.0, 0.2 * side)
    d_max = _scaled(n, 24.0, 9.0) * font_scale
    avail = max(side / 2 - margin - d_max / 2 - 6.0, side * 0.2)
    # area ∝ headcount, clipped; the fullest ring must hold its markers side by side
    cap = _ring_capacity(ring_now, avail)
    if n:
        counts = np.bincount(ring_now)
        present = np.flatnonzero(counts)
        d_fit = float(np.min(cap[present] / counts[present]))
        d_max = float(np.clip(d_fit, min(4.0, d_max), d_max))  # dense rings may overlap into a band
    hi = d_max**2
    lo = float(np.clip(hi / 30.0, min(hi, 4.0), 12.0))
    ref = float(np.percentile(u.headcount, 95)) if n else 1.0
    return _Sizes(ring_now, avail, d_max, hi, lo, hi / max(ref, 1.0))


def _priority(u: _Units) -> np.ndarray:
    """Unit codes in label order: roots and top-level departments, the touchpoint ring, the rest; each by headcount."""
    n = len(u)
    group = np.where(u.level <= 2, 0, np.where(u.hops == 1, 1, 2))
    return np.lexsort((np.arange(n), -u.headcount, group))


def _ring_capacity(ring: np.ndarray, avail: float) -> np.ndarray:
    """Room (points) along each ring for markers and labels, indexed by ring number.

    A ring may grow past its natural radius (``ring / outermost`` of
    ``avail``) towards ``(ring + 1) / (outermost + 1)``, at most 85 %: a
    crowded inner ring pushes the outer ones out a little, not off the page.
    """
    top = int(ring.max(initial=0))
    j = np.arange(top + 1, dtype=float)
    if top == 0:
        return np.zeros(1)
    share = np.maximum(j / top, np.minimum(0.85, (j + 1) / (top + 1)))
    return 2 * math.pi * avail * share * 0.85 / 1.15


def _rooms(ring: np.ndarray, cap: np.ndarray, prio: np.ndarray, node_d: np.ndarray, label: float, mode: str):
    """Room (points) each unit asks for along its ring: its marker, and its label's height if it may have one.

    In ``auto`` mode labels get room in priority order while the ring has
    capacity; markers get room only on rings where they all fit.
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


def _radial_room(ring, room, node_d, names, short, weights, fs, avail: float, mode: str) -> dict:
    """Extra radial room (points) outside the inner rings, so their labels fit before the next ring.

    A radial label of an inner ring runs outwards across the rings beyond
    it, where it collides with their units; a dense inner ring (40 customer
    teams on the touchpoint ring) then goes unlabelled. Each inner ring
    whose units were given label room along it asks for the length of most
    of those labels; the rings are served from the centre outwards while
    every ring still keeps a minimum spacing from the next.
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
        widths = [min(text_width(names[i], fs, weights[i]), text_width(short[i], fs, weights[i])) for i in members[:80]]
        want = float(np.percentile(widths, 95)) + float(node_d[members].max()) + 10.0 - min_gap
        if want > 0:
            out[int(r)] = min(want, budget)
            inner += out[int(r)]
    return out


def _orbit_positions(org, a: Analysis, reference, avail: float, room: np.ndarray, radial: dict | None = None):
    """The real orbit layout, with ``room`` (points) along the rings for each unit and ``radial`` outside rings.

    The layout works in ring gaps, so the room is converted with the scale
    of the previous pass (the outermost ring ends ``avail`` points from the
    centre) until the outermost radius settles.
    """
    from ..layout import orbit_layout

    radial = radial or {}
    pos = orbit_layout(org, analysis=a, reference=reference)
    n = len(org)
    if n == 0 or not getattr(pos, "radii", None) or not (room.any() or radial):
        return pos
    ids = org.units["id"].to_numpy(dtype=object)
    r_out = max(pos.radii.values())
    if radial:  # the radial room's share of the final radius, in ring gaps
        total = sum(radial.values())
        r_out = r_out * avail / max(avail - total, 0.3 * avail)
    for _ in range(6):
        k = avail / r_out
        sizes = dict(zip(ids.tolist(), (room / k).tolist(), strict=True))
        gaps = {r: v / k for r, v in radial.items()}
        pos = orbit_layout(org, analysis=a, reference=reference, label_size=sizes, max_labels=n, ring_room=gaps)
        new_out = max(pos.radii.values())
        if abs(new_out - r_out) <= r_out * 0.01:
            break
        r_out = max(new_out, 0.5 * (r_out + new_out)) if radial else new_out
    return pos


def _ring_radii(pos, a: Analysis, xy: np.ndarray) -> tuple[dict, int | None]:
    """``{ring: radius}`` and the unconnected ring's number (None if all are connected).

    Taken from an :class:`OrbitLayout`'s ``radii`` when there, else measured
    from the positions (median distance of each ring's units).
    """
    radii = getattr(pos, "radii", None)
    unconnected = getattr(pos, "unconnected_ring", None)
    if radii:
        return {int(r): float(v) for r, v in radii.items()}, unconnected
    ring = np.asarray(a.ring).copy()
    if (~a.reachable).any():
        unconnected = int(ring[a.reachable].max()) + 1 if a.reachable.any() else 1
        ring[~a.reachable] = unconnected
    dist = np.linalg.norm(xy, axis=1)
    out = {int(r): float(np.median(dist[ring == r])) for r in np.unique(ring)}
    return out or {1: 1.0}, unconnected


def _ring_gap(radii: dict) -> float:
    values = sorted(radii.values())
    if len(values) < 2:
        return values[0] if values else 1.0
    return float(np.min(np.diff([0.0, *values])))


def _radius_at(radii: dict, ring: float, connected: list) -> float:
    """Radius of a (possibly fractional or empty) ring, interpolated between drawn rings."""
    ks = [0, *connected]
    rs = [0.0] + [radii[r] for r in connected]
    if len(ks) == 1:
        return float(ring)
    if ring <= ks[-1]:
        return float(np.interp(ring, ks, rs))
    step = (rs[-1] - rs[-2]) / (ks[-1] - ks[-2])
    return float(rs[-1] + (ring - ks[-1]) * step)


def _ring_labels(
    ax, radius_of, unconnected, a, k, P, node_r, obstacles: Capsules, font_scale, lang: str = "en"
) -> None:
    """Ring names on the ring lines: all near one angle, each moved along its ring to a free spot.

    A ring name with a shorter form (German "1 · Kontakt" for "1 · Kontaktpunkte") takes it
    when the long one finds no free spot.
    """
    fs = S.FONT["ring"] * font_scale
    rings = sorted(radius_of)
    texts = [(r, S.ring_label(None if r == unconnected else r, lang=lang)) for r in rings]
    texts = [(r, t, text_width(t, fs)) for r, t in texts]
    shorter = {t: T.text(lang, "ring.touchpoints.short") for _, t, _ in texts if t == T.text(lang, "ring.touchpoints")}
    h = fs * 0.5 + 1.5
    # the common angle: where the labels keep furthest from units (ties: nearer the top)
    best, best_score = math.pi / 2, -np.inf
    for phi in np.deg2rad(np.arange(0.0, 360.0, 5.0)):
        score = np.inf
        for r, _, w in texts:
            c = np.array([math.cos(phi), math.sin(phi)]) * radius_of[r] * k
            if len(P):
                dx = np.maximum(np.abs(P[:, 0] - c[0]) - w / 2, 0)
                dy = np.maximum(np.abs(P[:, 1] - c[1]) - fs / 2, 0)
                score = min(score, float(np.min(np.hypot(dx, dy) - node_r)))
        score = min(score, 12.0) - 2.0 * (1.0 - math.sin(phi))  # enough room: prefer the top
        if score > best_score:
            best, best_score = phi, score
    offsets = np.deg2rad(np.r_[0.0, np.ravel(np.c_[np.arange(2.5, 180, 2.5), -np.arange(2.5, 180, 2.5)])])
    for r, text, w in texts:
        rad = radius_of[r] * k
        spot = None
        for form in dict.fromkeys((text, shorter.get(text, text))):
            width = text_width(form, fs)
            # on the ring line, else just inside it, else just outside
            for shift in (0.0, -(fs + 4.0), fs + 4.0, -1.8 * (fs + 4.0), 1.8 * (fs + 4.0)):
                for off in offsets:
                    phi = best + off
                    c = np.array([math.cos(phi), math.sin(phi)]) * max(rad + shift, 1.0)
                    if obstacles.free(c - (half_w := np.array([width / 2, 0.0])), c + half_w, h):
                        spot = c
                        break
                if spot is not None:
                    break
            if spot is not None:
                text, w = form, width
                break
        if spot is None:
            spot = np.array([math.cos(best), math.sin(best)]) * rad
        colour = S.RING_STYLE["unconnected"] if r == unconnected else S.RING_STYLE["label"]
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
        obstacles.add(spot - np.array([w / 2, 0.0]), spot + np.array([w / 2, 0.0]), h)


def _unit_labels(ax, u: _Units, names, weights, P, node_r, k, side, fs, mode, obstacles: Capsules, outward_only=None):
    """Radial labels outside each unit (or inside, towards the centre), greedy by priority.

    Each label tries the full name on one line, then on two, then the name
    without its department's words (the colour says the department), on one
    line and on two, then cut short.
    """
    n = len(u)
    short = _contextual_names(u)
    # priority: leaders and top-level departments, then by headcount
    order = _priority(u)
    if mode == "auto":
        order = order[: min(n, 600)]
    half = side / 2.0 - 2.0
    height = fs * 0.5 + 0.8
    dist = np.linalg.norm(P, axis=1)
    dirs = np.divide(P, np.maximum(dist, 1e-9)[:, None])
    colour = S.INK
    placed = []
    for i in order:
        d = dirs[i]
        if not d.any():
            d = np.array([1.0, 0.0])
        base_gap = node_r[i] + 2.0
        choice = None
        full = " ".join(str(u.names[i]).split())
        tries = (
            full if len(full) <= _LABEL_CHARS else "",
            _two_lines(full) if len(full) <= 2 * _LABEL_CHARS else "",
            short[i],
            _two_lines(short[i]),
            names[i],
            shorten(short[i], _SHORT_CHARS),
        )
        for text in dict.fromkeys(t for t in tries if t):
            lines = text.split("\n")
            w = max(text_width(line, fs, weights[i]) for line in lines)
            h = height + (len(lines) - 1) * fs * 0.6
            for sign in (1.0,) if outward_only is not None and outward_only[i] else (1.0, -1.0):
                a0 = P[i] + sign * d * base_gap
                a1 = a0 + sign * d * w
                if np.any(np.abs(a1) > half - h) or np.any(np.abs(a0) > half - h):
                    continue
                if sign < 0 and np.dot(a1, d) < 0:  # would cross the centre
                    continue
                if obstacles.free(a0, a1, h, owner=i):
                    choice = (text, sign, a0, a1, h)
                    break
            if choice:
                break
        if choice is None:
            if mode != "all":
                continue
            text = names[i]
            w = text_width(text, fs, weights[i])
            a0 = P[i] + d * base_gap
            choice = (text, 1.0, a0, a0 + d * w, height)
        text, sign, a0, a1, h = choice
        obstacles.add(a0, a1, h)
        placed.append((i, text, sign, a0))
    for i, text, sign, a0 in placed:
        d = dirs[i] if dirs[i].any() else np.array([1.0, 0.0])
        deg = math.degrees(math.atan2(d[1], d[0]))
        right = d[0] >= -1e-9
        if not right:
            deg += 180.0
        ha = "left" if (sign > 0) == right else "right"
        ax.text(
            a0[0] / k,
            a0[1] / k,
            text,
            rotation=deg,
            rotation_mode="anchor",
            ha=ha,
            va="center",
            fontsize=fs,
            fontweight=weights[i],
            color=colour,
            linespacing=1.0,
            zorder=5,
            path_effects=_halo(),
            gid="unit-label",
            label=str(u.ids[i]),  # which unit it names (texts never enter a legend)
        )


def _two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle ("" for a single word)."""
    spaces = [k for k, ch in enumerate(text) if ch == " "]
    if not spaces:
        return ""
    mid = min(spaces, key=lambda k: abs(k - len(text) / 2))
    return text[:mid] + "\n" + text[mid + 1 :]


def _contextual_names(u: _Units) -> np.ndarray:
    """Names without the words they share with their department's name.

    ``Inbetriebnahme & Service Pharma & Medizintechnik 1`` in the department
    ``Kundenteam Pharma & Medizintechnik`` becomes ``Inbetriebnahme &
    Service 1``: the department is told by the colour. Names that would lose
    everything, and the departments themselves, are kept as they are.
    """
    dept_name = dict(zip(u.ids, u.names))
    out = np.empty(len(u), dtype=object)
    for i, (uid, name, dep) in enumerate(zip(u.ids, u.names, u.department)):
        out[i] = shorten(name, _LABEL_CHARS)
        if dep == uid or dep not in dept_name:
            continue
        cut = _without_shared_words(str(name), str(dept_name[dep]))
        if cut:
            out[i] = shorten(cut, _LABEL_CHARS)
    return out


def _without_shared_words(name: str, other: str) -> str:
    """``name`` without the longest run of words it shares with ``other`` ("" if nothing useful is left).

    >>> _without_shared_words("Konstruktion Pharma & Medizintechnik 1", "Kundenteam Pharma & Medizintechnik")
    'Konstruktion 1'
    """
    a, b = name.split(), other.split()
    best = (0, 0, 0)  # length, start in a
    for i in range(len(a)):
        for j in range(len(b)):
            m = 0
            while i + m < len(a) and j + m < len(b) and a[i + m].lower() == b[j + m].lower():
                m += 1
            if m > best[0]:
                best = (m, i, j)
    m, i, _ = best
    shared = a[i : i + m]
    if not m or (m == 1 and len(shared[0]) < 6):
        return ""
    rest = a[:i] + a[i + m :]
    joiners = {"&", "-", "–", "/", "und", "and", "+", "|"}
    while rest and rest[-1] in joiners:
        rest.pop()
    while rest and rest[0] in joiners:
        rest.pop(0)
    # a joiner left doubled where the shared words were
    cleaned = [w for k, w in enumerate(rest) if not (w in joiners and k + 1 < len(rest) and rest[k + 1] in joiners)]
    text = " ".join(cleaned)
    return text if len(text) >= 3 and text != name else ""


def _orbit_key(
    u: _Units, a: Analysis, per_head, hi, font_scale, beyond: bool, misplaced: bool, lang: str = "en"
) -> list:
    """Legend handles for everything but the departments."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    key = []
    rs = S.RELATION_STYLES
    for rel in ("touchpoint", "serves", "reports_to"):
        st = rs[rel]
        label = T.text(lang, f"relation.{rel}")
        key.append(Line2D([], [], color=st.colour, lw=st.width, ls=st.dash, alpha=st.alpha, label=label))
    customer = T.text(lang, "legend.customer")
    key.append(Line2D([], [], ls="none", marker="o", ms=9, mfc=S.CUSTOMER_STYLE["fill"], mec="white", label=customer))
    key.append(_flagged_handle(a, lang))
    if misplaced:
        key.append(
            Line2D(
                [],
                [],
                ls=":",
                color=S.MISPLACED_STYLE.edge,
                marker="o",
                ms=10,
                mfc="none",
                mec=S.MISPLACED_STYLE.edge,
                mew=1.0,
                label=T.text(lang, "legend.misplaced"),
            )
        )
    if beyond:
        key.append(
            Patch(
                facecolor=S.RING_STYLE["beyond_fill"],
                edgecolor="none",
                label=T.text(lang, "legend.beyond", n=a.max_hops),
            )
        )
    kinds = {S.kind_style(k) for k in u.kinds} - {S.kind_style(None)}
    for ks in sorted((k for k in kinds if k.marker != "o"), key=lambda k: k.label):
        label = T.kind_label(ks.label, lang)
        key.append(Line2D([], [], ls="none", marker=ks.marker, ms=7, mfc="#DDDDDD", mec="#999999", label=label))
    # headcount sizes, where markers are big enough to compare
    lo = float(np.clip(hi / 30.0, min(hi, 4.0), 12.0))  # as in _orbit_sizes
    for hc in _size_examples(u.headcount, per_head, lo, hi) if hi >= 64 else []:
        d = math.sqrt(min(max(hc * per_head, lo), hi))
        label = T.text(lang, "legend.person" if hc == 1 else "legend.people", count=T.number(hc, lang))
        key.append(Line2D([], [], ls="none", marker="o", ms=d, mfc="#CCCCCC", mec="white", label=label))
    return key


def _flagged_handle(a: Analysis, lang: str = "en"):
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        ls="none",
        marker=S.FLAGGED_STYLE.marker,
        ms=7,
        mfc="#DDDDDD",
        mec=S.FLAGGED_STYLE.edge,
        mew=S.FLAGGED_STYLE.edge_width,
        label=T.text(lang, "legend.flagged", n=a.max_hops),
    )


def _place_legends(
    ax, departments: list, key: list, font_scale: float, key_title: str, x: float = 1.01, lang: str = "en"
) -> None:
    """Departments top right of ``ax``, the key bottom right (both outside the axes)."""
    fs = S.FONT["legend"] * font_scale
    common = {
        "frameon": False,
        "fontsize": fs,
        "title_fontsize": S.FONT["legend_title"] * font_scale,
        "alignment": "left",
        "borderaxespad": 0.0,
    }
    leg1 = ax.legend(
        handles=departments,
        title=T.text(lang, "legend.departments"),
        loc="upper left",
        bbox_to_anchor=(x, 1.0),
        handlelength=1.2,
        **common,
    )
    leg1.set_gid("legend-departments")
    ax.add_artist(leg1)
    leg2 = ax.legend(
        handles=key, title=key_title, loc="lower left", bbox_to_anchor=(x, 0.0), labelspacing=0.7, **common
    )
    leg2.set_gid("legend-key")


def _orbit_legend(
    ax, u: _Units, a: Analysis, per_head, hi, font_scale, beyond: bool, misplaced: bool, lang: str = "en"
) -> None:
    key = _orbit_key(u, a, per_head, hi, font_scale, beyond, misplaced, lang)
    title = T.text(lang, "legend.key_sized" if hi >= 64 else "legend.key")
    _place_legends(ax, _department_handles([(u, a)], lang=lang), key, font_scale, title, lang=lang)


def _department_handles(designs: list, limit: int = 12, lang: str = "en") -> list:
    """One patch per department (the heaviest first), labelled with its headcount in each design."""
    from matplotlib.patches import Patch

    names: dict = {}
    colours: dict = {}
    per_design = []
    for u, a in designs:
        names.update({k: v for k, v in u.department_names(a).items() if k not in names})
        colours.update({k: v for k, v in u.colours.items() if k not in colours})
        per_design.append(pd.Series(u.headcount).groupby(pd.Series(u.department, dtype=object)).sum())
    table = pd.concat(per_design, axis=1).fillna(0.0) if per_design else pd.DataFrame()
    total = table.max(axis=1).sort_values(ascending=False) if len(table) else pd.Series(dtype=float)
    handles = []

    def counts(dep) -> str:
        return " → ".join(T.number(int(table.at[dep, c]), lang) for c in table.columns)

    for dep in total.index[:limit]:
        label = f"{shorten(names.get(dep, dep), 26)} ({counts(dep)})"
        handles.append(Patch(facecolor=colours.get(dep, S.OTHER_COLOUR), edgecolor="none", label=label))
    if len(total) > limit:
        rest = table.loc[total.index[limit:]].sum()
        more = T.text(lang, "legend.more", count=len(total) - limit)
        label = f"{more} ({' → '.join(T.number(int(v), lang) for v in rest)})"
        handles.append(Patch(facecolor=S.OTHER_COLOUR, edgecolor="none", label=label))
    return handles


def _size_examples(
    headcount: np.ndarray, per_head: float | None = None, lo: float = 0.0, hi: float = np.inf
) -> list[int]:
    """Round headcounts (1-2-5 steps) for the size key that span the data's range.

    The smallest is near the small units (10th percentile), the largest near
    the big ones (the largest unit, or where markers stop growing at
    ``hi``), and one in between.

    >>> _size_examples(np.array([2, 3, 5, 8, 12, 15]))
    [2, 5, 10]
    >>> _size_examples(np.array([800, 1500, 4000, 12000, 30000]))
    [1000, 5000, 20000]
    """
    hc = np.asarray(headcount, dtype=float)
    if len(hc) == 0:
        return []
    top = float(hc.max())
    bottom = float(np.percentile(hc, 10))
    if per_head:
        top = min(top, hi / per_head)
        bottom = max(bottom, lo / per_head)
    ladder = [m * 10**e for e in range(0, 8) for m in (1, 2, 5)]
    big = max([v for v in ladder if v <= max(top, 1)], default=1)
    small = max([v for v in ladder if v <= max(bottom, 1)], default=1)
    if per_head and small * per_head < lo:  # would be drawn no smaller than the clip: round up instead
        small = min([v for v in ladder if v * per_head >= lo], default=small)
    small = min(small, big)
    mid = min(ladder, key=lambda v: abs(math.log(v) - 0.5 * (math.log(small) + math.log(big))))
    out = [small]
    if small < mid < big:
        out.append(mid)
    if big > small:
        out.append(big)
    return out


# ====================================================================== figures
_LEGEND_IN = 3.3  # width of the legend column, inches
_TITLE_IN = 0.9  # room for the title above the diagram
_FOOT_IN = 0.35  # room for the summary line below


def orbit_side(n: int) -> float:
    """Side of the orbit diagram in inches for ``n`` units: 7 in for small orgs, at most 16 in.

    >>> orbit_side(10), orbit_side(40) < orbit_side(1000), orbit_side(10_000)
    (7.0, True, 16.0)
    """
    return float(np.clip(5.0 + 0.6 * math.sqrt(max(n, 0)), 7.0, 16.0))


def _new_figure(width: float, height: float):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, facecolor="white")
    return fig


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
    a = _analysis(org, analysis, max_hops, via)
    side = orbit_side(len(org)) if size is None else float(size)
    font_scale = kwargs.pop("font_scale", _font_scale(side))
    width = side + _LEGEND_IN * font_scale + 0.3
    note = _footnote_text(a, full, lang, font_scale, width)
    foot = _foot_inches(note, font_scale)
    height = side + _TITLE_IN * font_scale + foot
    fig = _new_figure(width, height)
    ax = fig.add_axes((0.15 / width, foot / height, side / width, side / height))
    draw_orbit(org, a, ax, labels=labels, pos=pos, reference=reference, font_scale=font_scale, lang=lang, **kwargs)
    if full is not None and kwargs.get("title", True):
        _title(ax, org, a, S.FONT["title"] * font_scale, full, lang)
    _footnote(fig, note, font_scale, 0.15 / width)
    return fig


def _font_scale(side: float) -> float:
    return float(np.clip((side / 8.0) ** 0.5, 1.0, 1.35))


def _folded_depth(org: Organisation) -> int | None:
    """The depth an aggregated organisation was folded to (set by :func:`orbit.aggregate.aggregate`)."""
    depth = org.attrs.get("aggregation_depth")
    return int(depth) if depth is not None else None


def _footnote_text(a: Analysis, full: Analysis | None, lang: str, font_scale: float, width: float) -> str:
    """The summary line: the metrics of the whole organisation (``full`` when the drawing is folded).

    Lines wider than the figure (``width`` inches) are broken between their `` · `` parts.
    """
    text = _summary_text(full if full is not None else a, lang)
    if full is not None and len(full.org) != len(a.org):
        text += "\n" + T.text(lang, "footnote.folded")
    else:
        depth, units = a.org.attrs.get("aggregation_depth"), a.org.attrs.get("aggregation_units")
        if depth is not None and units is not None:
            text += "\n" + T.text(
                lang,
                "footnote.aggregation",
                depth=depth,
                units=T.number(int(units), lang),
                shown=T.number(len(a.org), lang),
            )
        elif a.org.attrs.get("aggregation"):  # folded by an older version: its note as it was written
            text += "\n" + str(a.org.attrs["aggregation"])
    room = (width - 0.3) * 72.0
    size = S.FONT["subtitle"] * font_scale
    return "\n".join(part for line in text.split("\n") for part in _wrap_at(line, " · ", size, "normal", room))


def _foot_inches(note: str, font_scale: float) -> float:
    """Room below the drawing for the footnote ``note``: one line fits :data:`_FOOT_IN`, each further line adds one."""
    lines = note.count("\n") + 1
    return (_FOOT_IN + (lines - 1) * S.FONT["subtitle"] * 1.2 / 72.0) * font_scale


def _wrap_at(line: str, sep: str, size: float, weight: str, room: float) -> list[str]:
    """``line`` broken between its ``sep``-separated parts so that each line fits ``room`` points where it can.

    >>> _wrap_at("a · b", " · ", 9.0, "normal", 1000.0), _wrap_at("a · b", " · ", 9.0, "normal", 10.0)
    (['a · b'], ['a', 'b'])
    """
    parts = line.split(sep)
    lines = [parts[0]]
    for part in parts[1:]:
        trial = lines[-1] + sep + part
        if text_width(trial, size, weight) <= room:
            lines[-1] = trial
        else:
            lines.append(part)
    return lines


def _footnote(fig, note: str, font_scale: float, x: float) -> None:
    """The footnote (:func:`_footnote_text`) at the bottom left of the figure, 0.08 in above its edge."""
    fig.text(
        x,
        0.08 / fig.get_size_inches()[1],
        note,
        ha="left",
        va="bottom",
        fontsize=S.FONT["subtitle"] * font_scale,
        color=S.MUTED_INK,
    )


def figure_bytes(fig, fmt: str, *, dpi: float = 200) -> bytes:
    """The figure as PNG, SVG or PDF bytes.

    SVG keeps text as ``<text>`` elements (``svg.fonttype = 'none'``) and PDF
    embeds TrueType fonts, so text stays selectable and editable.

    Raises
    ------
    ValueError
        If ``fmt`` is not one of :data:`FORMATS`.
    """
    import matplotlib

    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"unsupported format {fmt!r}: use one of {', '.join(FORMATS)}")
    buf = io.BytesIO()
    rc = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "orbit"}
    meta = {"png": {"Software": "orbit"}, "svg": {"Date": None}, "pdf": {"Creator": "orbit", "CreationDate": None}}
    with matplotlib.rc_context(rc):
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white", metadata=meta[fmt])
    return buf.getvalue()


# ====================================================================== hierarchy
_CHART = {
    "node_width": 1.2,
    "node_height": 0.5,
    "sibling_gap": 0.2,
    "cousin_gap": 0.4,
    "level_gap": 0.5,
    "stack_gap": 0.12,
    "indent": 0.25,
}
"""Box and gap sizes of the exported org chart, in units of :data:`_CHART_PT` points."""
_CHART_PT = 72.0  # points per layout unit at the natural size: boxes 86 × 36 pt
_CHART_MAX_IN = (26.0, 14.6)  # the largest org chart drawing (inches) before everything shrinks
_DECK = (4 / 3, 16 / 9)  # figure aspect ratios a slide takes without much white space


def _geometry(pos: Mapping, ids: np.ndarray) -> tuple[np.ndarray, float, dict, dict]:
    """Box widths per unit, box height, spines and trunks of a hierarchy layout (defaults for a plain dict)."""
    height = float(getattr(pos, "node_height", 0.5))
    width_of = getattr(pos, "width", None)
    widths = np.array([width_of(i) for i in ids], dtype=float) if width_of else np.ones(len(ids))
    return widths, height, dict(getattr(pos, "spines", {}) or {}), dict(getattr(pos, "trunks", {}) or {})


def draw_hierarchy(
    org: Organisation,
    analysis: Analysis | None = None,
    ax=None,
    *,
    pos: Mapping | None = None,
    compact: bool = True,
    max_hops: int | None = None,
    via: str | None = None,
    labels: str = "auto",
    legend: bool = True,
    title: bool = True,
    colours: Mapping | None = None,
    font_scale: float = 1.0,
    lang: str = "en",
):
    """Draw the classic org chart: boxes per unit, reporting lines as elbows.

    Boxes are coloured by top-level department; flagged units get a dark red
    outline and a diamond badge (the orbit view's flagged marker), misplaced
    units a dashed outline. Names wrap onto up to three lines. Where boxes
    would be too small to read (large organisations) units are drawn as
    square markers and only the top two levels are named.

    Parameters
    ----------
    org : Organisation
    analysis : Analysis, optional
    ax : matplotlib Axes, optional
        Defaults to the current axes.
    pos : mapping, optional
        Box centres, e.g. from :func:`hierarchy_positions` or
        :func:`orbit.layout.hierarchy_layout`; box sizes and list spines are
        read from it when it is a :class:`~orbit.layout.HierarchyLayout`
        (a plain dict means boxes 1 × 0.5). Computed with ``compact`` when
        not given.
    labels : {'auto', 'all', 'none'}
        ``auto`` names units whose box is big enough; ``all`` names every box
        (small text in big charts); ``none`` names none.
    lang : {'en', 'de'}
        Language of the legend and title (an unknown one gives English).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.patches import FancyBboxPatch

    _check_labels(labels)
    lang = T.lang_of(lang)
    a = _analysis(org, analysis, max_hops, via)
    ax = _current_axes(ax)
    u = _Units.of(a, colours)
    n = len(u)
    if pos is None:
        pos = hierarchy_positions(org, compact)
    xy = _xy(pos, u.ids) if n else np.zeros((0, 2))
    bw, bh, spines, trunks = _geometry(pos, u.ids)
    ax.set_axis_off()
    ax.set_aspect("equal", adjustable="box")
    if n == 0:
        if title:
            _title(ax, org, a, S.FONT["title"] * font_scale, lang=lang)
        return ax
    pad = 0.15 * bh / 0.5
    x0, x1 = float((xy[:, 0] - bw / 2).min()) - pad, float((xy[:, 0] + bw / 2).max()) + pad
    y0, y1 = xy[:, 1].min() - bh / 2 - pad, xy[:, 1].max() + bh / 2 + pad
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    W, H = _axes_points(ax)
    k = min(W / (x1 - x0), H / (y1 - y0))  # points per data unit
    box_pts = float(np.median(bw)) * k
    raster = n >= _RASTER_FROM

    # --- reporting lines as orthogonal elbows, one LineCollection
    index = pd.Index(u.ids)
    trunk_codes = {int(index.get_loc(k)): v for k, v in trunks.items() if k in index}
    segs = _elbows(a._codes.parent, xy, bw, bh, _spine_array(spines, u.ids), trunk_codes)
    lc = LineCollection(
        segs,
        colors=S.RELATION_STYLES["reports_to"].colour,
        linewidths=_scaled(n, 0.9, 0.35),
        zorder=1,
        capstyle="projecting",
        joinstyle="miter",
    )
    lc.set_gid("reports_to")
    lc.set_rasterized(raster)
    ax.add_collection(lc)

    fill = u.fill()
    boxes = box_pts >= 30.0 and bh * k >= 14.0
    if boxes:
        face = [S.tint(c, 0.4) for c in fill]
        patches = [
            FancyBboxPatch((x - w / 2, y - bh / 2), w, bh, boxstyle=f"round,pad=0,rounding_size={bh * 0.16}")
            for (x, y), w in zip(xy, bw)
        ]
        widths = np.where(u.flagged, S.FLAGGED_STYLE.edge_width * 1.2, 0.9)
        edges = np.where(u.flagged, S.FLAGGED_STYLE.edge, fill)
        styles = ["--" if m else "-" for m in u.misplaced]
        pc = PatchCollection(
            patches, facecolors=face, edgecolors=list(edges), linewidths=widths, linestyles=styles, zorder=2
        )
        pc.set_gid("units")
        pc.set_rasterized(raster)
        ax.add_collection(pc)
        fl = np.flatnonzero(u.flagged)
        if fl.size:
            ax.scatter(
                xy[fl, 0] + bw[fl] / 2,
                xy[fl, 1] + bh / 2,
                s=(min(bh * k * 0.24, 9.0)) ** 2,
                marker=S.FLAGGED_STYLE.marker,
                c="white",
                edgecolors=S.FLAGGED_STYLE.edge,
                linewidths=S.FLAGGED_STYLE.edge_width * 0.8,
                zorder=3,
                gid="flagged",
            )
    else:
        side = float(np.clip(min(box_pts, bh * k * 2) * 0.9, 1.5, 14.0))
        markers = u.markers()
        for mk in _marker_order(markers):
            sel = np.flatnonzero(markers == mk)
            flagged = mk == S.FLAGGED_STYLE.marker
            sc = ax.scatter(
                xy[sel, 0],
                xy[sel, 1],
                s=side**2 * (1.0 if flagged else 0.8),
                marker=mk if flagged else "s",
                c=list(fill[sel]),
                edgecolors=S.FLAGGED_STYLE.edge if flagged else "none",
                linewidths=min(S.FLAGGED_STYLE.edge_width, side / 5) if flagged else 0,
                zorder=3 if flagged else 2,
                gid="flagged" if flagged else "units",
            )
            sc.set_rasterized(raster)

    if labels != "none":
        if boxes:
            _box_labels(ax, u, xy, bw, bh, k, font_scale)
        else:
            _marker_labels(ax, u, xy, k, labels, font_scale)

    if legend:
        _hierarchy_legend(ax, u, a, font_scale, boxes, lang)
    if title:
        _title(ax, org, a, S.FONT["title"] * font_scale, lang=lang)
    return ax


def _spine_array(spines: Mapping, ids: np.ndarray) -> np.ndarray:
    out = np.full(len(ids), np.nan)
    if spines:
        get = spines.get
        out[:] = [get(i, np.nan) for i in ids]
    return out


def _elbows(parent, xy: np.ndarray, bw: np.ndarray, bh: float, spine: np.ndarray, trunks=None) -> np.ndarray:
    """Orthogonal reporting lines as segments ``(k, 2, 2)``.

    A manager's stem runs down to a bar halfway to its reports' row and
    drops to each report in it. Reports in a list (``spine`` not NaN, see
    :class:`orbit.layout.HierarchyLayout`) hang from a vertical spine with
    a short stub to their box; a spine that starts under the manager's box
    (an indented list) runs straight down from it. Reports wrapped into
    several rows get a bar per row, joined by the manager's ``trunks``
    (``{manager code: [x, ...]}``).
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
        bottom = py - bh / 2
        cx, cy = xy[ch, 0], xy[ch, 1]
        sp = np.round(spine[ch], 9)
        hang = ~np.isnan(sp)
        # what hangs from a bar: plain reports (x, top) and spines (x, top of their first box)
        items = [(float(x), float(y) + bh / 2, None) for x, y in zip(cx[~hang], cy[~hang])]
        for sx in np.unique(sp[hang]):
            members = np.flatnonzero(sp == sx)
            items.append((float(sx), float(cy[members].max()) + bh / 2, members))
        spines_only = hang.all() and len(items) == 1
        if spines_only and abs(items[0][0] - px) < bw[p] / 2 - 1e-9:
            rows = [(bottom, items)]  # an indented list: the spine leaves the box directly
            bar_y = [bottom]
        else:
            tops = sorted({round(t, 6) for _, t, _ in items}, reverse=True)
            rows = [(t, [it for it in items if round(it[1], 6) == t]) for t in tops]
            gap = bottom - tops[0]
            bar_y = [t + gap / 2 for t in tops]
            add(px, bottom, px, bar_y[0])
            joins = list(trunks.get(p, []))
            for r, (_, row) in enumerate(rows):
                xs = [px if r == 0 else (joins[r - 1] if r - 1 < len(joins) else px)]
                xs += [x for x, _, _ in row]
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


def wrap_label(text: str, size: float, width: float, *, weight: str = "normal", max_lines: int = 3, last: float = 0.0):
    """``text`` broken into at most ``max_lines`` lines that fit ``width`` points.

    Breaks between words, after hyphens and slashes, and inside a word that
    is too long for a line (with a hyphen). What does not fit ends in an
    ellipsis. ``last`` narrows the last line by that many points (room for a
    corner badge). Returns the lines and whether the text had to be cut.

    >>> wrap_label("Kundenservice Region Süd", 7.5, 60)
    (['Kundenservice', 'Region Süd'], False)
    """
    words = _break_points(label_text(" ".join(str(text).split())))
    lines: list[str] = []
    line = ""
    cut = hyphenated = False
    i = 0
    while i < len(words):
        room = width - (last if len(lines) == max_lines - 1 else 0.0)
        word = words[i]
        trial = (line + word).strip() if line else word.strip()
        if text_width(trial, size, weight) <= room:
            line = line + word if line else word.lstrip()
            i += 1
            continue
        if line:
            full = width - (last if len(lines) + 1 == max_lines - 1 else 0.0)
            left = room - text_width(line.rstrip() + " ", size, weight)
            if text_width(word.strip(), size, weight) > full and left > 3 * size:
                # too long for a line of its own: start it here, hyphenated
                head, tail = _hyphenate(word.strip(), size, weight, left, joints_only=True)
                if head:
                    line, words[i] = line.rstrip() + " " + head, tail
            lines.append(line.strip())
            line = ""
            if len(lines) == max_lines:
                cut = True
                hyphenated = lines[-1].endswith("-") and not word.startswith(" ") and words[i] != word
                break
            continue
        # a single piece wider than the line: hyphenate it
        head, tail = _hyphenate(word.strip(), size, weight, room)
        lines.append(head)
        words[i] = tail
        if len(lines) == max_lines:
            cut, hyphenated = True, True
            break
    else:
        if line:
            lines.append(line.strip())
    if cut:
        head = lines[-1][:-1] if hyphenated else lines[-1]
        rest = head + line + "".join(words[i:])  # pieces keep their own spaces
        lines[-1] = _fit_plain(" ".join(rest.split()), size, weight, width - last)
    return lines, cut


def _break_points(text: str) -> list[str]:
    """Pieces to wrap: words (with their leading space) split after ``-`` and ``/``."""
    import re

    out = []
    for k, word in enumerate(text.split(" ")):
        parts = re.findall(r"[^-/]+[-/]?|[-/]", word) or [word]
        parts[0] = (" " if k else "") + parts[0]
        out.extend(parts)
    return out


_JOINTS = ("ions", "ungs", "täts", "heits", "keits", "schafts", "ments", "lings", "tions")
_MORPHEMES = (
    "abteilung", "abwicklung", "analyse", "anlagen", "bearbeitung", "beratung", "betreuung", "buchhaltung",
    "dienst", "einsatz", "einsätze", "entwicklung", "fertigung", "gruppe", "kontrolle", "leitung", "logistik",
    "management", "montage", "planung", "prüfung", "schicht", "service", "sicherung", "steuerung", "systeme",
    "technik", "verwaltung", "versorgung", "vertrieb", "wesen", "zentrale",
)  # fmt: skip
_VOWELS = frozenset("aeiouäöüyAEIOUÄÖÜY")
_DIGRAPHS = frozenset({"ch", "ck", "sc", "ph", "th", "qu", "ng", "gs"})  # not cut between these


def _hyphenate(word: str, size: float, weight: str, room: float, *, joints_only: bool = False) -> tuple[str, str]:
    """Split ``word`` into a head that fits ``room`` with a hyphen, and the rest.

    Prefers the joints of German compounds (``Konstruktions-gruppe``,
    ``Debitoren-buchhaltung``), then a break between two consonants after a
    vowel (``Fertigungs-steue-rung``), then simply the longest head that fits.
    """
    longest = longest_fit(2, len(word) - 2, lambda c: text_width(word[:c] + "-", size, weight) <= room)
    fits = range(2, (longest or 1) + 1)
    if not fits:
        return word[:1] + "-", word[1:]
    best = fits[-1]
    low = word.lower()
    ok = [c for c in fits if c >= 3 and len(word) - c >= 3]
    joints = [c for c in ok if low[:c].endswith(_JOINTS) or low[c:].startswith(_MORPHEMES)]
    if joints:
        return word[: joints[-1]] + "-", word[joints[-1] :]
    if joints_only:
        return "", word
    syllables = [
        c for c in ok if c >= 0.6 * best and word[c - 2] in _VOWELS and word[c - 1] not in _VOWELS
        and word[c] not in _VOWELS and low[c - 1 : c + 1] not in _DIGRAPHS
    ]  # fmt: skip
    cut = syllables[-1] if syllables else best
    return word[:cut] + "-", word[cut:]


def _fit_plain(text: str, size: float, weight: str, width: float) -> str:
    text = label_text(text)
    if text_width(text, size, weight) <= width:
        return text
    limit = longest_fit(2, len(text) - 1, lambda k: text_width(shorten(text, k), size, weight) <= width)
    return text[:1] + "…" if limit is None else shorten(text, limit)


def _box_labels(ax, u: _Units, xy, bw: np.ndarray, bh: float, k: float, font_scale: float) -> None:
    """Names wrapped into their boxes (up to three lines, one font size), hops in the lower right corner."""
    weights = u.weights()
    inner_h = bh * k - 4.0
    fs = float(min(S.FONT["label"] * font_scale * 1.08, inner_h / 3.5))
    small = max(fs * 0.8, 4.0)
    badge = text_width("99", small) + 2.0
    hop_text = np.where(u.reachable, u.hops.astype(str), "–")
    for i in range(len(u)):
        inner_w = bw[i] * k - 7.0
        size = fs
        for size in (fs, fs * 0.93):  # a little smaller rather than cut off
            lines, cut = wrap_label(u.names[i], size, inner_w, weight=weights[i])
            if len(lines) == 3 and text_width(lines[-1], size, weights[i]) > inner_w - 2 * badge:
                lines, cut = wrap_label(u.names[i], size, inner_w, weight=weights[i], last=2 * badge)
            if not cut:
                break
        ax.text(
            xy[i, 0],
            xy[i, 1],
            "\n".join(lines) if lines else str(u.ids[i]),
            ha="center",
            va="center",
            fontsize=size,
            fontweight=weights[i],
            color=S.INK,
            linespacing=1.0,
            zorder=4,
            gid="unit-label",
        )
    if inner_h >= 18:
        for i in range(len(u)):
            ax.text(
                xy[i, 0] + bw[i] / 2 - 3.0 / k,
                xy[i, 1] - bh / 2 + 2.0 / k,
                hop_text[i],
                ha="right",
                va="bottom",
                fontsize=small,
                color=S.FLAGGED_STYLE.edge if u.flagged[i] else S.MUTED_INK,
                fontweight="bold" if u.flagged[i] else "normal",
                zorder=4,
                gid="hops-label",
            )


def _marker_labels(ax, u: _Units, xy, k, mode: str, font_scale: float) -> None:
    """Markers only: name the top of the tree, and more where there is room."""
    weights = u.weights()
    fs = S.FONT["label"] * font_scale
    top = u.level <= 2 if mode == "auto" else np.ones(len(u), dtype=bool)
    obstacles = Capsules()
    P = xy * k
    order = np.lexsort((np.arange(len(u)), -u.headcount, u.level))
    for i in order:
        if not top[i]:
            continue
        text = shorten(u.names[i], 22)
        w = text_width(text, fs, weights[i])
        a0 = P[i] + [-w / 2, fs * 0.9 + 2]
        a1 = a0 + np.array([w, 0.0])
        if mode == "auto" and not obstacles.free(a0, a1, fs * 0.55):
            continue
        obstacles.add(a0, a1, fs * 0.55)
        ax.text(
            xy[i, 0],
            xy[i, 1] + (fs * 0.9 + 2) / k,
            text,
            ha="center",
            va="center",
            fontsize=fs,
            fontweight=weights[i],
            color=S.INK,
            zorder=5,
            path_effects=_halo(),
            gid="unit-label",
        )


def _hierarchy_legend(ax, u: _Units, a: Analysis, font_scale: float, boxes: bool, lang: str = "en") -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    key = [
        Line2D([], [], color=S.RELATION_STYLES["reports_to"].colour, lw=1.0, label=T.text(lang, "relation.reports_to")),
        _flagged_handle(a, lang),
    ]
    if boxes:
        misplaced = T.text(lang, "chart.misplaced")
        key.append(Patch(facecolor="white", edgecolor=S.INK, linestyle="--", label=misplaced))
        key.append(Patch(facecolor="white", edgecolor="none", label=T.text(lang, "chart.hops")))
    departments = _department_handles([(u, a)], lang=lang)
    _place_legends(ax, departments, key, font_scale, T.text(lang, "legend.key"), lang=lang)


def hierarchy_positions(org: Organisation, compact: bool = True):
    """The org chart layout the exports use: deck-shaped boxes and lists.

    In compact mode several ways of listing reports below their managers
    are tried (:func:`orbit.layout.hierarchy_layout` with ``list_depth`` 1–3,
    ``max_stack`` and ``max_row``), and the one whose figure fits a 16:9
    slide at the largest scale wins; ties go to the more tree-like layout.
    Boxes are 1.3 × 0.55 layout units (read them from the result's
    ``node_width`` and ``node_height``).

    Returns
    -------
    orbit.layout.HierarchyLayout
    """
    from ..layout import hierarchy_layout

    chart = {**_CHART, "node_width": _box_widths(org)}
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
        w, h = _chart_inches(pos)
        fw, fh = w + _LEGEND_IN + 0.3, h + _TITLE_IN + _FOOT_IN
        penalty = 0.005 * ((list_depth - 1) + (max_row < 6) + (wrap is not None) + (10 - (wrap or 10)) / 100)
        score = max(fw / 16.0, fh / 9.0) * (1.0 + penalty)
        if score < best_score - 1e-9:
            best, best_score = pos, score
    return best


_hierarchy_positions = hierarchy_positions  # the name the app used first

_WIDER = (1.0, 1.25, 1.5)  # box widths tried for long names, in multiples of the standard box


def _box_widths(org: Organisation):
    """Box widths: the standard one, wider for names that would not fit in three lines.

    Only for organisations small enough to be drawn as named boxes (up to
    400 units); larger ones get the standard width.
    """
    base = _CHART["node_width"]
    if len(org) > 400:
        return base
    t = org.units
    fs = S.FONT["label"] * 1.08
    out = {}
    for uid, name, kind in zip(t["id"], t["name"], t["kind"], strict=True):
        text = name if isinstance(name, str) and name.strip() else str(uid)
        weight = S.kind_style(kind).weight
        for f in _WIDER:
            if not wrap_label(text, fs, base * f * _CHART_PT - 7.0, weight=weight)[1]:
                break
        if f != 1.0:
            out[uid] = base * f
    return {uid: out.get(uid, base) for uid in t["id"]} if out else base


def _chart_extent(pos: Mapping) -> tuple[float, float, float, float]:
    """``(x0, x1, y0, y1)`` of all boxes, in layout units."""
    ids = np.array(list(pos), dtype=object)
    xy = np.array(list(pos.values()), dtype=float).reshape(-1, 2)
    bw, bh, _, _ = _geometry(pos, ids)
    return (
        float((xy[:, 0] - bw / 2).min()),
        float((xy[:, 0] + bw / 2).max()),
        float(xy[:, 1].min() - bh / 2),
        float(xy[:, 1].max() + bh / 2),
    )


def _chart_inches(pos: Mapping) -> tuple[float, float]:
    """Width and height (inches) of an org chart drawn at its natural size (boxes 1.3 units ≈ 94 pt)."""
    if not pos:
        return 4.0, 2.0
    x0, x1, y0, y1 = _chart_extent(pos)
    bh = float(getattr(pos, "node_height", 0.5))
    pad = 2 * 0.15 * bh / 0.5
    unit = _CHART_PT / 72.0 * (0.5 / bh)  # inches per layout unit: boxes keep their size in points
    return (x1 - x0 + pad) * unit, (y1 - y0 + pad) * unit


def hierarchy_size(pos: Mapping) -> tuple[float, float]:
    """Width and height (inches) of an org chart drawing: the natural size, shrunk to at most 26 × 14.6 in."""
    w, h = _chart_inches(pos)
    f = min(1.0, _CHART_MAX_IN[0] / w, _CHART_MAX_IN[1] / h)
    return float(w * f), float(h * f)


def _deck_frame(width: float, height: float) -> tuple[float, float]:
    """Figure size padded to an aspect ratio between 4:3 and 16:9."""
    lo, hi = _DECK
    if width / height > hi:
        height = width / hi
    elif width / height < lo:
        width = height * lo
    return width, height


def figure_hierarchy(
    org: Organisation,
    analysis: Analysis | None = None,
    *,
    max_hops: int | None = None,
    via: str | None = None,
    compact: bool = True,
    labels: str = "auto",
    pos: Mapping | None = None,
    full: Analysis | None = None,
    lang: str = "en",
    **kwargs,
):
    """A Figure with the org chart: boxes about 1.2 × 0.5 in, the page between 4:3 and 16:9.

    The layout is :func:`hierarchy_positions` unless ``pos`` is given; a
    chart larger than 26 × 14.6 in is shrunk to fit, and the page is padded
    with white to a deck-friendly shape. Other keywords go to
    :func:`draw_hierarchy`; ``full`` and ``lang`` as for :func:`figure_orbit`.
    """
    a = _analysis(org, analysis, max_hops, via)
    if pos is None:
        pos = hierarchy_positions(org, compact)
    dw, dh = hierarchy_size(pos)
    font_scale = kwargs.pop("font_scale", 1.0)
    legend_w = _LEGEND_IN * font_scale if kwargs.get("legend", True) else 0.0
    width = max(dw + legend_w + 0.3, 7.0)
    note = _footnote_text(a, full, lang, font_scale, width)
    foot = _foot_inches(note, font_scale)
    width, height = _deck_frame(width, max(dh + _TITLE_IN * font_scale + foot, 4.0))
    fig = _new_figure(width, height)
    left = max((width - legend_w - dw) / 2, 0.15)
    bottom = foot + max((height - dh - _TITLE_IN * font_scale - foot) / 2, 0.0)
    ax = fig.add_axes((left / width, bottom / height, dw / width, dh / height))
    draw_hierarchy(org, a, ax, pos=pos, labels=labels, font_scale=font_scale, lang=lang, **kwargs)
    if full is not None and kwargs.get("title", True):
        _title(ax, org, a, S.FONT["title"] * font_scale, full, lang)
    _footnote(fig, note, font_scale, 0.15 / width)
    return fig


# ====================================================================== both views, comparison
def figure_both(
    org: Organisation,
    analysis: Analysis | None = None,
    *,
    max_hops: int | None = None,
    via: str | None = None,
    labels: str = "auto",
    compact: bool = True,
    full: Analysis | None = None,
    lang: str = "en",
    **kwargs,
):
    """A Figure with the orbit view on top (centred, legend on its right) and the org chart below.

    ``pos`` (orbit positions), ``colours`` and other keywords go to
    :func:`draw_orbit`; ``colours`` also to :func:`draw_hierarchy`;
    ``full`` and ``lang`` as for :func:`figure_orbit`.
    """

    a = _analysis(org, analysis, max_hops, via)
    side = orbit_side(len(org))
    font_scale = kwargs.pop("font_scale", _font_scale(side))
    hpos = _hierarchy_positions(org, compact)
    hw, hh = hierarchy_size(hpos)
    width = max(side + _LEGEND_IN * font_scale, hw) + 0.3
    # the org chart is as wide as the figure; its height keeps the boxes' shape
    scale = min((width - 0.3) / hw, 1.6)
    hw, hh = hw * scale, min(hh * scale, 12.0)
    top = side + _TITLE_IN * font_scale
    note = _footnote_text(a, full, lang, font_scale, width)
    foot = _foot_inches(note, font_scale)
    height = top + hh + 0.6 + foot
    fig = _new_figure(width, height)
    y_orbit = (height - top) / height
    # the orbit view and its legend are centred over a wider org chart
    x_orbit = 0.15 + max((width - 0.3 - side - _LEGEND_IN * font_scale) / 2, 0.0)
    ax1 = fig.add_axes((x_orbit / width, y_orbit, side / width, side / height))
    draw_orbit(org, a, ax1, labels=labels, font_scale=font_scale, lang=lang, **kwargs)
    ax2 = fig.add_axes((0.15 / width, foot / height, hw / width, hh / height))
    draw_hierarchy(
        org,
        a,
        ax2,
        pos=hpos,
        labels=labels,
        legend=False,
        title=False,
        font_scale=font_scale,
        colours=kwargs.get("colours"),
        lang=lang,
    )
    ax2.set_title(
        T.text(lang, "chart.title"), fontsize=S.FONT["legend_title"] * font_scale * 1.2, color=S.INK, loc="left"
    )
    if full is not None and kwargs.get("title", True):
        _title(ax1, org, a, S.FONT["title"] * font_scale, full, lang)
    _footnote(fig, note, font_scale, 0.15 / width)
    return fig


_COMPARE_ROWS = (
    ("units", "row.units", 0, 0),
    ("headcount", "row.headcount", 0, 0),
    ("layers", "row.layers", 0, -1),
    ("mean_hops", "row.mean_hops", 2, -1),
    ("share_within_max_hops", "row.share_within_max_hops", 1, 1),
    ("flagged", "row.flagged", 0, -1),
    ("unreachable", "row.unreachable", 0, -1),
)
"""Rows of the comparison table: summary key, text key of the label, decimals, which direction is better (0: neither).

The share is shown in per cent with one decimal, its change in percentage points.
"""


def compare_rows(a: Analysis, b: Analysis, lang: str = "en") -> list[list[str]]:
    """The comparison table as text: metric, first design, second design, change (numbers in ``lang``'s style)."""
    rows = []
    for key, label_key, decimals, _ in _COMPARE_ROWS:
        va, vb = a.summary.get(key), b.summary.get(key)
        label = T.text(lang, label_key, n=a.max_hops)
        share = key == "share_within_max_hops"

        def shown(v, share=share, decimals=decimals):
            if v is None:
                return "–"
            return T.percent(v, lang, decimals) if share else T.number(v, lang, decimals)

        if va is None or vb is None:
            delta = "–"
        elif share:
            delta = f"{T.signed((vb - va) * 100, lang, 1)} {T.text(lang, 'compare.pp')}"
        else:
            delta = T.signed(vb - va, lang, decimals)
        rows.append([label, shown(va), shown(vb), delta])
    return rows


def _column_names(a: str, b: str, limit: int = 20, lang: str = "en") -> list[str]:
    """Table headers for two designs: what tells them apart, shortened.

    >>> _column_names("Brenner GmbH (klassisch)", "Brenner GmbH (Orbit)")
    ['(klassisch)', '(Orbit)', 'change']
    """
    wa, wb = a.split(), b.split()
    k = 0
    while k < min(len(wa), len(wb)) - 1 and wa[k] == wb[k]:
        k += 1
    if k and " ".join(wa[k:]) != " ".join(wb[k:]):
        a, b = " ".join(wa[k:]), " ".join(wb[k:])
    return [shorten(a, limit), shorten(b, limit), T.text(lang, "compare.change")]


def figure_compare(
    org_a: Organisation,
    org_b: Organisation,
    *,
    max_hops: int | None = None,
    via: str = "both",
    labels: str = "auto",
    analyses: tuple[Analysis, Analysis] | None = None,
    lang: str = "en",
):
    """One page: both orbit diagrams side by side and a table of metrics with changes.

    The second design is laid out with the first one's positions as
    ``reference``, departments have the same colours in both, and markers
    use the same area per head, so the two drawings can be read together.
    ``lang`` (``'en'`` or ``'de'``) is the language of every text on the page.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from ..layout import orbit_layout

    lang = T.lang_of(lang)
    if analyses is None:
        n_hops = 3 if max_hops is None else max_hops
        analyses = (analyse(org_a, n_hops, via), analyse(org_b, n_hops, via))
    a, b = analyses
    colours = department_colours_of(a, b)
    side = 7.4
    font_scale = 1.0
    table_h = 2.9
    width = 2 * side + 0.9
    height = 0.75 + side + 0.55 + table_h
    fig = _new_figure(width, height)
    y = (table_h + 0.2) / height
    ax_a = fig.add_axes((0.3 / width, y, side / width, side / height))
    ax_b = fig.add_axes(((0.6 + side) / width, y, side / width, side / height))

    # one marker scale for both
    side_pts = side * 72.0
    per_head = []
    units = []
    for an in (a, b):
        u = _Units.of(an, colours)
        units.append(u)
        fs = S.FONT["label"] * _scaled(len(u), 1.0, 0.86)
        names = np.array([shorten(x, _LABEL_CHARS) for x in u.names], dtype=object)
        per_head.append(_orbit_sizes(u, an, side_pts, fs, font_scale, labels, names, u.weights()).per_head)
    per_head = min(per_head)

    drawing = {"labels": labels, "legend": False, "colours": colours, "per_head": per_head, "lang": lang}
    draw_orbit(org_a, a, ax_a, **drawing)
    pos_a = orbit_layout(org_a, analysis=a)
    draw_orbit(org_b, b, ax_b, reference=pos_a, **drawing)
    for ax, org in ((ax_a, org_a), (ax_b, org_b)):
        count = T.text(lang, "compare.units", units=T.number(len(org), lang))
        ax.set_title(
            f"{_display_name(org) or T.text(lang, 'compare.design')}\n{count}",
            fontsize=S.FONT["title"] * 0.9,
            fontweight="bold",
            color=S.INK,
        )
    name_a = _display_name(org_a) or T.text(lang, "compare.first")
    name_b = _display_name(org_b) or T.text(lang, "compare.second")
    subtitle = T.text(lang, "compare.subtitle", via=T.via_text(a.via, lang), n=a.max_hops)
    fig.suptitle(
        f"{name_a}  →  {name_b}\n{subtitle}",
        fontsize=S.FONT["title"],
        fontweight="bold",
        color=S.INK,
        y=1 - 0.12 / height,
        va="top",
    )

    # the metrics table
    tab = fig.add_axes((0.3 / width, 0.25 / height, 0.52, (table_h - 0.4) / height))
    tab.set_axis_off()
    rows = compare_rows(a, b, lang)
    cells = tab.table(
        cellText=rows,
        colLabels=["", *_column_names(name_a, name_b, lang=lang)],
        colLoc="right",
        cellLoc="right",
        loc="upper left",
        colWidths=[0.4, 0.22, 0.22, 0.16],
        edges="horizontal",
    )
    cells.auto_set_font_size(False)
    cells.set_fontsize(S.FONT["table"])
    cells.scale(1.0, 1.35)
    for (r, c), cell in cells.get_celld().items():
        cell.set_edgecolor("#DDDDDD")
        if c == 0:
            cell.set_text_props(ha="left")
            cell._loc = "left"
        if r == 0:
            cell.set_text_props(fontweight="bold", color=S.INK)
        elif c == 3:
            better = _COMPARE_ROWS[r - 1][3]
            va, vb = a.summary.get(_COMPARE_ROWS[r - 1][0]), b.summary.get(_COMPARE_ROWS[r - 1][0])
            if better and va is not None and vb is not None and va != vb:
                good = (vb - va) * better > 0
                cell.set_text_props(color="#117733" if good else "#A50026", fontweight="bold")
    cells.set_gid("compare-table")

    # shared legend
    leg_ax = fig.add_axes((0.6, 0.25 / height, 0.38, (table_h - 0.4) / height))
    leg_ax.set_axis_off()
    departments = _department_handles([(units[0], a), (units[1], b)], limit=10, lang=lang)
    misplaced = bool(a.misplaced.any() or b.misplaced.any())
    key = _orbit_key(units[0], a, per_head, 0.0, font_scale, True, misplaced, lang)
    fs = S.FONT["legend"]
    common = {"frameon": False, "fontsize": fs, "title_fontsize": S.FONT["legend_title"], "alignment": "left"}
    leg1 = leg_ax.legend(
        handles=departments,
        title=T.text(lang, "legend.departments_headcount"),
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        handlelength=1.2,
        **common,
    )
    leg_ax.add_artist(leg1)
    leg_ax.legend(handles=key, title=T.text(lang, "legend.key"), loc="upper left", bbox_to_anchor=(0.55, 1.0), **common)
    return fig
