"""Interactive plotly figures for the app: the orbit view, the org chart, small charts.

Like the matplotlib renderer (:mod:`orbit.render.static`) these functions
only consume positions (:func:`orbit.layout.orbit_layout`,
:func:`orbit.layout.hierarchy_layout`) and an :class:`~orbit.analysis.Analysis`;
they share its palette, kind markers and relation styles
(:mod:`orbit.render.style`), so the app and exported images look alike.
Nothing here imports streamlit.

Every unit marker carries its id in ``customdata``, so a click selection
(``st.plotly_chart(..., on_select="rerun")``) names the unit. All text that
comes from a file (names, kinds, the customer label, journey names) is
HTML-escaped, because plotly renders some tags in hover text, legends and
labels.

Large organisations (``webgl_from`` units and more) are drawn with WebGL
(``Scattergl``) and only the most important labels are shown.

Examples
--------
>>> import orbit
>>> from orbit.layout import orbit_layout
>>> org = orbit.load(b"units: [{id: desk, serves: [customer]}, {id: back, serves: [desk]}]", name="t.yaml")
>>> a = orbit.analyse(org)
>>> fig = orbit_figure(a, orbit_layout(org, analysis=a))
>>> sorted({c for t in fig.data if t.customdata is not None for c in t.customdata})
['back', 'customer', 'desk']
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..analysis import SPAN_ARCHETYPES, Analysis, relation_edges
from ..i18n import figure_texts
from ..layout.chart import reporting_lines
from ..layout.rings import RingGeometry, ring_geometry
from ..model import CUSTOMER
from . import style as S

__all__ = [
    "DEFAULT_TEXT",
    "JOURNEY_COLOUR",
    "PATH_COLOUR",
    "WEBGL_FROM",
    "escape",
    "hierarchy_figure",
    "orbit_figure",
    "ring_headcount_figure",
    "span_figure",
]

WEBGL_FROM = 1500
"""From this many units on, markers and relations are drawn with WebGL."""

PATH_COLOUR = S.CUSTOMER_STYLE["fill"]
"""The selected unit's path to the customer (the customer's own navy)."""

JOURNEY_COLOUR = "#EE3377"
"""A customer journey drawn over a diagram (Paul Tol's vibrant magenta)."""

DEFAULT_TEXT = figure_texts("en")
"""English labels (:func:`orbit.i18n.figure_texts`); ``text=`` of the figures takes them in another language."""

_FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
_LEGEND_LIMIT = 12  # departments with a legend entry of their own
_DASH = {"solid": "solid", "dashed": "dash", "dotted": "dot"}
_MISPLACED_EDGE = S.MISPLACED_STYLE.edge


def escape(text) -> str:
    """``text`` with ``&``, ``<`` and ``>`` escaped, safe inside plotly's HTML-like labels.

    >>> escape("<b>R&D</b>")
    '&lt;b&gt;R&amp;D&lt;/b&gt;'
    """
    return html.escape("" if text is None else str(text), quote=False)


def _text(text: Mapping | None) -> dict:
    out = dict(DEFAULT_TEXT)
    out.update(text or {})
    return out


def _shorten(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------- units
class _Units:
    """Per-unit arrays both diagrams need, in the organisation's order."""

    def __init__(self, a: Analysis, colours: Mapping | None, customer_label: str, text: dict):
        t = a.units
        self.a = a
        self.ids = t["id"].to_numpy(dtype=object)
        raw_names = t["name"].to_numpy(dtype=object)
        self.names = np.array(
            [n if isinstance(n, str) and n.strip() else i for n, i in zip(raw_names, self.ids, strict=True)],
            dtype=object,
        )
        self.kinds = t["kind"].to_numpy(dtype=object)
        self.department = t["department"].to_numpy(dtype=object)
        self.headcount = np.asarray(a.weights, dtype=float)
        self.flagged = np.asarray(a.flagged, dtype=bool)
        self.misplaced = np.asarray(a.misplaced, dtype=bool)
        self.reachable = np.asarray(a.reachable, dtype=bool)
        self.hops = np.asarray(a.hops)
        self.ring = np.asarray(a.ring)
        self.level = np.asarray(a.level)
        if colours is None:
            weights = pd.Series(self.headcount).groupby(pd.Series(self.department, dtype=object)).sum()
            colours = S.department_colours(weights.to_dict(), weights=weights.to_dict())
        self.colours = dict(colours)
        self.customer_label = customer_label
        self.text = text
        self.index = pd.Index(self.ids)
        self.name_of = dict(zip(self.ids, self.names, strict=True))

    def __len__(self) -> int:
        return len(self.ids)

    def fill(self) -> np.ndarray:
        out = np.empty(len(self), dtype=object)
        cache: dict = {}
        for i, (d, k) in enumerate(zip(self.department, self.kinds, strict=True)):
            key = (d, k)
            if key not in cache:
                base = self.colours.get(d, S.OTHER_COLOUR)
                tint = S.kind_style(k).tint
                cache[key] = S.tint(base, tint) if tint else base
            out[i] = cache[key]
        return out

    def symbols(self) -> np.ndarray:
        return np.array([S.kind_style(k).symbol for k in self.kinds], dtype=object)

    def hover(self, max_hops: int) -> np.ndarray:
        """One escaped hover text per unit."""
        tx = self.text
        paths = self.a.units["path"].to_numpy(dtype=object)
        counts = self.a.units["headcount"].to_numpy(dtype=float, na_value=np.nan)
        cust = escape(self.customer_label)
        short = {i: escape(_shorten(nm, 28)) for i, nm in self.name_of.items()}
        short[CUSTOMER] = cust
        out = np.empty(len(self), dtype=object)
        for i in range(len(self)):
            kind = self.kinds[i]
            hc = counts[i]
            lines = [f"<b>{escape(self.names[i])}</b> <span style='color:#888'>({escape(self.ids[i])})</span>"]
            facts = []
            if isinstance(kind, str) and kind:
                facts.append(f"{escape(tx['kind'])}: {escape(kind)}")
            facts.append(f"{escape(tx['headcount'])}: " + ("–" if np.isnan(hc) else f"{int(hc):,}"))
            lines.append(" · ".join(facts))
            if self.reachable[i]:
                ring = escape(tx["ring"].format(k=int(self.ring[i])))
                lines.append(f"{escape(tx['hops'])}: {int(self.hops[i])} · {ring}")
            else:
                lines.append(f"{escape(tx['hops'])}: {escape(tx['none'])} · {escape(tx['unconnected'])}")
            notes = []
            if self.flagged[i]:
                notes.append(f"<span style='color:{S.FLAGGED_STYLE.edge}'>⚑ {escape(tx['flagged'])}</span>")
            if self.misplaced[i]:
                notes.append(f"<span style='color:{_MISPLACED_EDGE}'>◌ {escape(tx['misplaced'])}</span>")
            if notes:
                lines.append(" · ".join(notes))
            path = paths[i]
            if path:
                names = [short.get(p) or escape(p) for p in path]
                if len(names) > 6:
                    names = [*names[:3], "…", *names[-2:]]
                lines.append(f"{escape(tx['path'])}: " + " → ".join(names))
            out[i] = "<br>".join(lines)
        return out


def _marker_px(headcount: np.ndarray, n: int, big: float = 24.0) -> np.ndarray:
    """Marker diameters in pixels: area ∝ headcount, clipped, smaller for big organisations."""
    shrink = 1.0 if n <= 80 else max(0.35, 1.0 - 0.22 * math.log10(n / 80))
    hi = (big * shrink) ** 2
    lo = max(16.0, hi / 20.0)
    ref = float(np.percentile(headcount, 95)) if len(headcount) else 1.0
    per_head = hi / max(ref, 1.0)
    return np.sqrt(S.marker_area(headcount, per_head=per_head, lo=lo, hi=hi))


def _scatter(webgl: bool):
    kind = "scattergl" if webgl else "scatter"
    return lambda **props: {"type": kind, **props}


def _sc(**props) -> dict:
    """An SVG scatter trace as a plain dict (validated once, in the tests, not on every rerun)."""
    return {"type": "scatter", **props}


def _figure(traces: list, layout: dict) -> go.Figure:
    """A Figure from plain dicts without plotly's per-property validation (50× faster)."""
    return go.Figure(data=traces, layout=layout, _validate=False)


def _segments(p0: np.ndarray, p1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y arrays of line segments separated by gaps (NaN)."""
    m = len(p0)
    xs = np.full(3 * m, np.nan)
    ys = np.full(3 * m, np.nan)
    xs[0::3], xs[1::3] = p0[:, 0], p1[:, 0]
    ys[0::3], ys[1::3] = p0[:, 1], p1[:, 1]
    return xs, ys


def _xy(pos: Mapping, ids: Sequence) -> np.ndarray:
    if len(ids) == 0:
        return np.zeros((0, 2))
    return np.array([pos[i] for i in ids], dtype=float).reshape(-1, 2)


def _legend_departments(u: _Units) -> tuple[list, dict]:
    """Departments that get a legend entry (largest headcount first) and their display names."""
    hc = pd.Series(u.headcount).groupby(pd.Series(u.department, dtype=object)).sum().sort_values(ascending=False)
    names = {d: u.name_of.get(d, d) for d in hc.index}
    return list(hc.index[:_LEGEND_LIMIT]), names


def _node_traces(
    u: _Units,
    xy: np.ndarray,
    size: np.ndarray,
    hover: np.ndarray,
    webgl: bool,
    *,
    max_hops: int,
    dim: np.ndarray | None = None,
    showlegend: bool = True,
    legend_chars: int = 32,
) -> list:
    """Unit markers: one trace per large department, one for the rest, one for flagged units."""
    Scatter = _scatter(webgl)
    fill = u.fill()
    if dim is not None and dim.any():
        fill = fill.copy()
        fill[dim] = S.tint(S.OTHER_COLOUR, 0.45)
    symbols = u.symbols()
    traces = []
    legend_deps, dep_names = _legend_departments(u)
    in_legend = pd.Index(legend_deps)
    dep_code = in_legend.get_indexer(u.department)
    plain = ~u.flagged
    line_w = 0.8 if len(u) < 400 else 0.4
    no_dim = dict(marker=dict(opacity=1.0))
    groups = [(k, dep_code == k) for k in range(len(legend_deps))] + [(-1, dep_code < 0)]
    for k, member in groups:
        sel = np.flatnonzero(member & plain)
        if k >= 0:
            name = escape(_shorten(dep_names.get(legend_deps[k], legend_deps[k]), legend_chars))
            colour = u.colours.get(legend_deps[k], S.OTHER_COLOUR)
        else:
            if not member.any():
                continue
            name = escape(u.text["legend_other"])
            colour = S.OTHER_COLOUR
        traces.append(
            Scatter(
                x=xy[sel, 0],
                y=xy[sel, 1],
                mode="markers",
                name=name,
                legendgroup=f"dep{k}",
                showlegend=showlegend,
                marker=dict(
                    size=size[sel],
                    color=list(fill[sel]) if len(sel) else colour,
                    symbol=list(symbols[sel]),
                    line=dict(color="white", width=line_w),
                    opacity=1.0,
                ),
                customdata=u.ids[sel],
                hovertext=hover[sel],
                hovertemplate="%{hovertext}<extra></extra>",
                selected=no_dim,
                unselected=no_dim,
            )
        )
    sel = np.flatnonzero(u.flagged)
    traces.append(
        Scatter(
            x=xy[sel, 0],
            y=xy[sel, 1],
            mode="markers",
            name=escape(u.text["legend_flagged"].format(n=max_hops)),
            legendgroup="flagged",
            showlegend=showlegend and bool(len(sel)),
            marker=dict(
                size=size[sel] * 1.1,
                color=list(fill[sel]) if len(sel) else S.OTHER_COLOUR,
                symbol=S.FLAGGED_STYLE.symbol,
                line=dict(color=S.FLAGGED_STYLE.edge, width=S.FLAGGED_STYLE.edge_width + 0.4),
                opacity=1.0,
            ),
            customdata=u.ids[sel],
            hovertext=hover[sel],
            hovertemplate="%{hovertext}<extra></extra>",
            selected=no_dim,
            unselected=no_dim,
        )
    )
    return traces


def _relation_traces(org, idx_xy: np.ndarray, index: pd.Index, webgl: bool, n: int, *, fade: float) -> list:
    """Relations as line traces (one per relation kind), customer at the last row of ``idx_xy``."""
    Scatter = _scatter(webgl)
    edges = relation_edges(org, "both")
    src = index.get_indexer(edges["source"].to_numpy(dtype=object))
    tgt_ids = edges["target"].to_numpy(dtype=object)
    tgt = np.where(tgt_ids == CUSTOMER, n, index.get_indexer(tgt_ids))
    traces = []
    # in big designs ring 1 already says "touchpoint"; thousands of spokes would only paint the centre over
    kinds = ("reports_to", "serves") if n > 2000 else ("reports_to", "serves", "touchpoint")
    for rel in kinds:
        st = S.RELATION_STYLES[rel]
        m = (edges["relation"] == rel).to_numpy() & (src >= 0) & (tgt >= 0)
        if not m.any():
            continue
        xs, ys = _segments(idx_xy[src[m]], idx_xy[tgt[m]])
        traces.append(
            Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=st.colour, width=st.width * 1.3, dash=_DASH.get(st.dash, "solid")),
                opacity=min(1.0, st.alpha * fade),
                hoverinfo="skip",
                showlegend=False,
                name=st.label,
            )
        )
    return traces


def hover_texts(analysis: Analysis, *, text: Mapping | None = None, customer_label: str | None = None) -> np.ndarray:
    """The escaped hover text of every unit (name, kind, headcount, hops, ring, flags, path).

    Both diagrams show the same text; compute it once and pass it as ``hover=``.
    """
    label = customer_label if customer_label is not None else analysis.org.customer
    return _Units(analysis, {}, label, _text(text)).hover(analysis.max_hops)


# ---------------------------------------------------------------------- orbit
def orbit_figure(
    analysis: Analysis,
    pos: Mapping,
    *,
    colours: Mapping | None = None,
    selected: str | None = None,
    journey: Sequence[str] | None = None,
    customer_label: str | None = None,
    text: Mapping | None = None,
    height: int = 640,
    webgl: bool | None = None,
    labels: int | None = None,
    title: str | None = None,
    uirevision: str | None = None,
    legend: bool = True,
    hover: Sequence[str] | None = None,
    plot_px: float | None = None,
    legend_columns: int | None = None,
) -> go.Figure:
    """The orbit view: the customer at the centre, units on rings by distance.

    ``hover`` takes precomputed :func:`hover_texts` (they do not depend on
    the selection or the journey).

    Parameters
    ----------
    analysis : Analysis
    pos : mapping
        ``{id: (x, y)}`` with ``customer`` at the centre, e.g. an
        :func:`orbit.layout.orbit_layout` result (its ``radii`` and
        ``labels`` are used when present).
    colours : mapping, optional
        ``{department id: colour}``; pass the same mapping to two figures to
        colour them alike.
    selected : str, optional
        A unit id to highlight, with its path to the customer.
    journey : sequence of str, optional
        Unit ids of a customer journey, drawn as a numbered path from and
        back to the customer.
    customer_label : str, optional
        Defaults to the organisation's.
    text : mapping, optional
        Labels in the app's language (see :data:`DEFAULT_TEXT`).
    webgl : bool, optional
        Defaults to ``True`` from :data:`WEBGL_FROM` units on.
    labels : int, optional
        Most unit labels to show (default: all up to 150 units, else 80).
    plot_px : float, optional
        Expected side of the square plot in pixels, so labels are kept inside
        it (default: estimated from ``height`` and the legend).
    legend_columns : int, optional
        Lay the legend out in this many equal columns (default: as many as
        fit), so that its height is predictable (see :func:`legend_rows`).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    a = analysis
    org = a.org
    tx = _text(text)
    cust_label = customer_label if customer_label is not None else org.customer
    u = _Units(a, colours, cust_label, tx)
    n = len(u)
    webgl = n >= WEBGL_FROM if webgl is None else webgl
    centre = np.asarray(pos.get(CUSTOMER, (0.0, 0.0)), dtype=float)
    xy = _xy(pos, u.ids) - centre
    pts = np.vstack([xy, [[0.0, 0.0]]])
    rings = ring_geometry(pos, a, xy)
    r_out, gap = rings.outer, rings.gap

    traces: list = []
    angle = _label_angle(xy, rings)
    shapes, annotations = _ring_shapes(rings, a.max_hops, tx, angle)

    fade = 1.0 if n < 300 else (0.6 if n < 3000 else 0.35)
    for tr in _relation_traces(org, pts, u.index, webgl, n, fade=fade):
        traces.append(tr)

    size = _marker_px(u.headcount, n)
    hover = u.hover(a.max_hops) if hover is None else np.asarray(hover, dtype=object)
    dim = None
    if journey:
        dim = None  # journeys are drawn on top; the orbit view keeps its colours
    chars = 26 if legend_columns else 32
    for tr in _node_traces(u, xy, size, hover, webgl, max_hops=a.max_hops, dim=dim, legend_chars=chars):
        traces.append(tr)

    # misplaced: an open dashed-red halo
    mis = np.flatnonzero(u.misplaced)
    if mis.size:
        traces.append(
            _scatter(webgl)(
                x=xy[mis, 0],
                y=xy[mis, 1],
                mode="markers",
                name=escape(tx["misplaced"]),
                marker=dict(
                    size=size[mis] + 9,
                    color="rgba(0,0,0,0)",
                    symbol="circle-open",
                    line=dict(color=_MISPLACED_EDGE, width=1.2),
                ),
                customdata=u.ids[mis],
                hovertext=hover[mis],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=True,
                legendgroup="misplaced",
            )
        )

    # labels
    lim = r_out + 0.7 * gap
    if plot_px is None:  # the plot is square: the height less the legend below it, at most ~500 px wide
        plot_px = min(500.0, height - (140.0 if legend else 16.0))
    ring_labels = [(ann["x"], ann["y"], ann["text"]) for ann in annotations]
    path_ids: list = []
    if selected is not None and selected in u.index:
        path_ids = list(a.path(selected)) or [selected]
    forced = [p for p in path_ids if p != CUSTOMER] + [s for s in journey or () if s in u.index]
    shown = _orbit_label_set(u, pos, xy, labels, lim, max(float(plot_px), 160.0), size, ring_labels, forced)
    if shown:
        traces.append(_orbit_labels(u, xy, size, sorted(shown, key=lambda i: u.index.get_loc(i))))

    # the customer
    shown_label = _shorten(cust_label, 12)
    cust_size = min(max(46 if n < 1000 else 38, 7.0 * len(shown_label) + 14), 100)
    traces.append(
        _sc(
            x=[0.0],
            y=[0.0],
            mode="markers+text",
            marker=dict(
                size=cust_size,
                color=S.CUSTOMER_STYLE["fill"],
                line=dict(color=S.CUSTOMER_STYLE["edge"], width=2),
            ),
            text=[f"<b>{escape(shown_label)}</b>"],
            textfont=dict(color=S.CUSTOMER_STYLE["text"], size=11, family=_FONT),
            textposition="middle center",
            customdata=[CUSTOMER],
            hovertext=[f"<b>{escape(cust_label)}</b>"],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name=escape(cust_label),
        )
    )

    # overlays: journey, then the selected unit and its path
    if journey:
        steps = [s for s in journey if s in u.index]
        if steps:
            seq = [CUSTOMER, *steps, CUSTOMER]
            jxy = np.array([[0.0, 0.0] if s == CUSTOMER else xy[u.index.get_loc(s)] for s in seq])
            _add_journey(traces, jxy, steps, u, tx)
    if path_ids:
        pxy = np.array([[0.0, 0.0] if p == CUSTOMER else xy[u.index.get_loc(p)] for p in path_ids])
        _add_selection(traces, pxy, selected, u, size, tx)

    layout = _layout(height, title, uirevision, legend)
    if legend_columns:
        # the fraction is of the text only: leave room for each entry's symbol (about 40 px)
        layout["legend"].update(entrywidth=max(1.0 / legend_columns - 0.1, 0.05), entrywidthmode="fraction")
        layout["legend"]["font"] = dict(size=10)
    layout.update(
        shapes=shapes,
        annotations=annotations,
        xaxis=dict(range=[-lim, lim], visible=False, constrain="domain"),
        yaxis=dict(range=[-lim, lim], visible=False, scaleanchor="x", scaleratio=1),
    )
    return _figure(traces, layout)


LEGEND_ROW_PX = 29.0
"""Height of one row of a horizontal legend (font 11, constant item size), in pixels."""


def legend_rows(fig: go.Figure, columns: int) -> int:
    """Rows the legend of ``fig`` takes when laid out in ``columns`` equal columns.

    Two orbit views compared side by side get equal plot areas when each is
    :data:`LEGEND_ROW_PX` taller per extra legend row.
    """
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.name)
    return -(-entries // max(int(columns), 1))


def _label_angle(xy: np.ndarray, rings: RingGeometry) -> float:
    """The angle (radians) where ring labels cover the fewest units: the top, unless it is crowded."""
    if not len(xy) or not rings.radii:
        return math.pi / 2
    r = np.array(sorted(rings.radii.values()))
    gap = rings.gap
    best, best_score = math.pi / 2, -np.inf
    for deg in np.r_[90, 270, np.arange(0, 360, 7.5)]:
        phi = math.radians(deg)
        anchors = np.c_[r * math.cos(phi), r * math.sin(phi)]
        d = np.hypot(xy[:, 0][None, :] - anchors[:, 0:1], xy[:, 1][None, :] - anchors[:, 1:2])
        score = float(d.min()) - 0.02 * gap * abs(math.sin(phi) - 1.0)
        if score > 0.45 * gap:
            return phi
        if score > best_score:
            best, best_score = phi, score
    return best


def _ring_shapes(rings: RingGeometry, max_hops: int, tx: dict, angle: float = math.pi / 2):
    shapes, annotations = [], []
    radii, unconnected = rings.radii, rings.unconnected
    beyond = rings.beyond_zone(max_hops)
    if beyond is not None:
        inner, outer = beyond
        shapes.append(_circle(outer, fill=S.RING_STYLE["beyond_fill"], line=None))
        shapes.append(_circle(inner, fill="white", line=None))
    for r in sorted(radii):
        colour = S.RING_STYLE["unconnected"] if r == unconnected else S.RING_STYLE["line"]
        shapes.append(_circle(radii[r], fill=None, line=colour, dash="dash" if r == unconnected else "solid"))
        label = tx["unconnected"] if r == unconnected else tx["ring"].format(k=r)
        annotations.append(
            dict(
                x=radii[r] * math.cos(angle),
                y=radii[r] * math.sin(angle),
                text=escape(label),
                showarrow=False,
                font=dict(size=11, color=S.RING_STYLE["unconnected"] if r == unconnected else S.RING_STYLE["label"]),
                bgcolor="rgba(255,255,255,0.85)",
                borderpad=1,
                xanchor="center",
                yanchor="middle",
            )
        )
    return shapes, annotations


def _circle(r: float, *, fill, line, dash: str = "solid") -> dict:
    shape = dict(type="circle", xref="x", yref="y", x0=-r, y0=-r, x1=r, y1=r, layer="below")
    if fill:
        shape["fillcolor"] = fill
    if line:
        shape["line"] = dict(color=line, width=1, dash=dash)
    else:
        shape["line"] = dict(width=0)
    return shape


def _label_text(name: str, limit: int = 22) -> str:
    return _shorten(name, limit)


def greedy_labels(
    xy: np.ndarray,
    order: np.ndarray,
    texts: Sequence[str],
    side: np.ndarray,
    *,
    sx: float,
    sy: float,
    limit: int,
    font_px: float = 10.0,
    pad: float | np.ndarray = 5.0,
    markers: np.ndarray | None = None,
    bounds: tuple[float, float, float, float] | None = None,
    blocked: np.ndarray | None = None,
    forced: Sequence[int] = (),
) -> list[int]:
    """Pick labels in priority ``order`` whose boxes overlap neither each other nor a marker.

    ``xy`` are data coordinates, ``sx``/``sy`` pixels per data unit;
    ``side`` is +1 (text right of the point), -1 (left) or 0 (centred below);
    ``pad`` is the gap between point and text (per point, e.g. the marker
    radius); ``markers`` gives marker diameters in pixels to keep clear;
    ``bounds`` ``(x0, x1, y0, y1)`` in data units keeps labels inside the plot;
    ``blocked`` rows ``(x0, x1, y0, y1)`` in data units are boxes already
    taken (e.g. ring labels); ``forced`` indices are placed first whatever
    they overlap (e.g. a selected path), and the others keep clear of them.
    Widths are estimated from the number of characters.

    >>> xy = np.array([[0.0, 0.0], [0.1, 0.0], [0.0, 5.0]])
    >>> greedy_labels(xy, np.arange(3), ["abc", "abc", "abc"], np.ones(3), sx=10, sy=10, limit=5)
    [0, 2]
    """
    n = len(xy)
    pads = np.broadcast_to(np.asarray(pad, dtype=float), (n,))
    px, py = xy[:, 0] * sx, xy[:, 1] * sy
    if markers is not None and n:
        r = np.broadcast_to(np.asarray(markers, dtype=float) / 2, (n,))
        by_x = np.argsort(px, kind="stable")
        obstacle_x = px[by_x]
        obstacles = np.c_[px - r, px + r, py - r, py + r][by_x]
        reach = float(r.max())
    else:
        obstacle_x = np.empty(0)
        obstacles = np.empty((0, 4))
        reach = 0.0
    boxes = np.empty((0, 4))
    if blocked is not None and len(blocked):
        boxes = np.asarray(blocked, dtype=float).reshape(-1, 4) * np.array([sx, sx, sy, sy])
    chosen: list[int] = []
    h = font_px + 3.0
    must = list(dict.fromkeys(int(i) for i in forced))
    rest = set(must)
    for i in [*must, *(i for i in order if i not in rest)]:
        w = len(texts[i]) * font_px * 0.56 + 2.0
        x, y, g = px[i], py[i], pads[i]
        if side[i] > 0:
            box = (x + g, x + g + w, y - h / 2, y + h / 2)
        elif side[i] < 0:
            box = (x - g - w, x - g, y - h / 2, y + h / 2)
        else:
            box = (x - w / 2, x + w / 2, y - g - h, y - g)
        if len(chosen) < len(must):  # forced: always shown
            boxes = np.vstack([boxes, box])
            chosen.append(int(i))
            continue
        if bounds is not None and (
            box[0] < bounds[0] * sx or box[1] > bounds[1] * sx or box[2] < bounds[2] * sy or box[3] > bounds[3] * sy
        ):
            continue
        near = obstacles[
            np.searchsorted(obstacle_x, box[0] - reach) : np.searchsorted(obstacle_x, box[1] + reach, side="right")
        ]
        hit = False
        for other in (boxes, near):
            if len(other) and np.any(
                (other[:, 0] < box[1] - 0.5)
                & (box[0] + 0.5 < other[:, 1])
                & (other[:, 2] < box[3] - 0.5)
                & (box[2] + 0.5 < other[:, 3])
            ):
                hit = True
                break
        if hit:
            continue
        boxes = np.vstack([boxes, box])
        chosen.append(int(i))
        if len(chosen) >= limit + len(must):
            break
    return chosen


def _orbit_label_set(
    u: _Units,
    pos,
    xy: np.ndarray,
    labels: int | None,
    lim: float,
    width_px: float,
    size: np.ndarray,
    ring_labels: Sequence[tuple[float, float, str]] = (),
    forced: Iterable[str] = (),
) -> set:
    """Which units get a label: ``forced`` ones (a selected path, a journey), then the most
    important ones (leaders, departments, big units) that fit beside them."""
    n = len(u)
    limit = labels if labels is not None else 60
    must = [c for c in u.index.get_indexer(list(forced)) if c >= 0]
    if (limit <= 0 and not must) or n == 0:
        return set()
    allowed = getattr(pos, "labels", None)
    top = u.level <= 2
    # first the unit with the largest headcount on each ring, then leaders and departments, then big units
    ring = pd.Series(np.where(u.reachable, u.ring, -1))
    best = pd.Series(u.headcount).groupby(ring).idxmax().to_numpy()
    first = np.zeros(n, dtype=bool)
    first[best] = True
    order = np.lexsort((np.arange(n), -u.headcount, ~top, ~first))
    if allowed is not None and len(allowed) < n:
        ok = np.fromiter((i in allowed for i in u.ids[order]), dtype=bool, count=n)
        order = order[ok]
    scale = width_px / (2 * lim)
    texts = [_label_text(nm) for nm in u.names]
    side = np.where(xy[:, 0] >= -1e-9, 1.0, -1.0)
    picked = greedy_labels(
        xy,
        order,
        texts,
        side,
        sx=scale,
        sy=scale,
        limit=limit,
        pad=size / 2 + 2,
        markers=np.asarray(size) * 0.8,
        bounds=(-lim, lim, -lim, lim),
        blocked=_annotation_boxes(ring_labels, scale),
        forced=must,
    )
    return set(u.ids[picked].tolist())


def _annotation_boxes(anchors: Sequence[tuple[float, float, str]], scale: float, font_px: float = 11.0) -> np.ndarray:
    """Data-unit boxes ``(x0, x1, y0, y1)`` of centred annotations (the ring labels)."""
    rows = []
    for x, y, label in anchors:
        half_w = (len(label) * font_px * 0.56 + 6.0) / 2 / scale
        half_h = (font_px + 6.0) / 2 / scale
        rows.append((x - half_w, x + half_w, y - half_h, y + half_h))
    return np.array(rows, dtype=float).reshape(-1, 4)


def _orbit_labels(u: _Units, xy: np.ndarray, size: np.ndarray, ids: list) -> dict:
    codes = u.index.get_indexer(ids)
    p = xy[codes]
    right = p[:, 0] >= -1e-9
    position = np.where(right, "middle right", "middle left")
    return _sc(
        x=p[:, 0],
        y=p[:, 1],
        mode="text",
        text=[escape(_label_text(u.names[c])) for c in codes],
        textposition=list(position),
        textfont=dict(size=10, color=S.INK, family=_FONT),
        customdata=u.ids[codes],
        hoverinfo="skip",
        showlegend=False,
        name="labels",
        cliponaxis=False,
    )


def _add_selection(traces: list, pxy: np.ndarray, selected: str, u: _Units, size: np.ndarray, tx: dict) -> None:
    code = u.index.get_loc(selected)
    traces.append(
        _sc(
            x=pxy[:, 0],
            y=pxy[:, 1],
            mode="lines",
            line=dict(color=PATH_COLOUR, width=4),
            opacity=0.85,
            hoverinfo="skip",
            name=escape(tx["legend_path"]),
            showlegend=True,
            legendgroup="selection",
        )
    )
    traces.append(
        _sc(
            x=[pxy[0, 0]],
            y=[pxy[0, 1]],
            mode="markers",
            marker=dict(
                size=float(size[code]) + 16,
                color="rgba(0,0,0,0)",
                symbol="circle-open",
                line=dict(color=PATH_COLOUR, width=3.5),
            ),
            customdata=[selected],
            hoverinfo="skip",
            name=escape(tx["legend_selected"]) + ": " + escape(_shorten(u.names[code], 24)),
            showlegend=True,
            legendgroup="selection",
        )
    )


def _add_journey(traces: list, jxy: np.ndarray, steps: list, u: _Units, tx: dict, *, ends: bool = True) -> None:
    """The journey as a line with numbered steps; ``ends``: ``jxy`` starts and ends at the customer."""
    traces.append(
        _sc(
            x=jxy[:, 0],
            y=jxy[:, 1],
            mode="lines",
            line=dict(color=JOURNEY_COLOUR, width=3.5, shape="spline", smoothing=0.6),
            opacity=0.8,
            hoverinfo="skip",
            name=escape(tx["legend_journey"]),
            legendgroup="journey",
        )
    )
    mid = jxy[1:-1] if ends else jxy
    hover = [f"{escape(tx['step'])} {k + 1}: <b>{escape(u.name_of.get(s, s))}</b>" for k, s in enumerate(steps)]
    traces.append(
        _sc(
            x=mid[:, 0],
            y=mid[:, 1],
            mode="markers+text",
            marker=dict(size=17, color=JOURNEY_COLOUR, line=dict(color="white", width=1.5)),
            text=[str(k + 1) for k in range(len(steps))],
            textfont=dict(color="white", size=10, family=_FONT),
            textposition="middle center",
            customdata=np.asarray(steps, dtype=object),
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            legendgroup="journey",
            name=escape(tx["legend_journey"]),
        )
    )


def _layout(height: int, title: str | None, uirevision: str | None, legend: bool = True) -> dict:
    return dict(
        height=height,
        margin=dict(l=4, r=4, t=40 if title else 8, b=4),
        paper_bgcolor="white",
        plot_bgcolor="white",
        font=dict(family=_FONT, color=S.INK, size=12),
        hoverlabel=dict(bgcolor="white", font=dict(family=_FONT, size=12, color=S.INK), align="left"),
        legend=dict(
            orientation="h",
            yanchor="top",
            y=-0.01,
            xanchor="left",
            x=0.0,
            font=dict(size=11),
            itemsizing="constant",
        ),
        showlegend=legend,
        dragmode="zoom",
        clickmode="event+select",
        hovermode="closest",
        uirevision=uirevision or "orbit",
    ) | ({"title": dict(text=escape(title), x=0.01, font=dict(size=14))} if title else {})


# ------------------------------------------------------------------ hierarchy
def hierarchy_figure(
    analysis: Analysis,
    pos: Mapping,
    *,
    colours: Mapping | None = None,
    selected: str | None = None,
    journey: Sequence[str] | None = None,
    journey_departments: Sequence[str] | None = None,
    customer_label: str | None = None,
    text: Mapping | None = None,
    height: int = 640,
    webgl: bool | None = None,
    labels: int | None = None,
    title: str | None = None,
    uirevision: str | None = None,
    legend: bool = False,
    hover: Sequence[str] | None = None,
    lines: np.ndarray | None = None,
    plot_px: float = 460.0,
) -> go.Figure:
    """The classic org chart (reporting lines, top down) with the same colours and marks as the orbit view.

    ``lines`` takes precomputed :func:`orbit.layout.chart.reporting_lines` (``centres=True``); ``plot_px`` is the
    expected plot width in pixels, so labels are chosen not to collide.

    ``pos`` is a :func:`orbit.layout.hierarchy_layout` result. The customer
    sits below the chart; a selected unit's path to the customer runs through
    the chart down to it. A journey colours the departments it crosses and
    greys the rest.
    """
    a = analysis
    org = a.org
    tx = _text(text)
    cust_label = customer_label if customer_label is not None else org.customer
    u = _Units(a, colours, cust_label, tx)
    n = len(u)
    webgl = n >= WEBGL_FROM if webgl is None else webgl
    xy = _xy(pos, u.ids)
    traces: list = []
    if n:
        x_lo, x_hi = float(xy[:, 0].min()), float(xy[:, 0].max())
        y_lo = float(xy[:, 1].min())
    else:
        x_lo, x_hi, y_lo = 0.0, 1.0, 0.0
    levels = np.unique(np.round(xy[:, 1], 6)) if n else np.array([0.0])
    pitch = float(np.min(np.diff(levels))) if len(levels) > 1 else 1.25
    # reporting lines: elbows from manager to report, stacked reports on a spine
    segs = (
        reporting_lines(org, pos, centres=True) if lines is None else np.asarray(lines, dtype=float).reshape(-1, 2, 2)
    )
    if len(segs):
        xs, ys = _segments(segs[:, 0], segs[:, 1])
        st = S.RELATION_STYLES["reports_to"]
        traces.append(
            _scatter(webgl)(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=st.colour, width=1.0 if n < 1000 else 0.6),
                opacity=st.alpha if n < 1000 else 0.6,
                hoverinfo="skip",
                showlegend=False,
                name=st.label,
            )
        )

    size = _marker_px(u.headcount, n, big=15.0)
    hover = u.hover(a.max_hops) if hover is None else np.asarray(hover, dtype=object)
    dim = None
    if journey_departments:
        dim = ~np.isin(u.department, np.asarray(list(journey_departments), dtype=object))
    for tr in _node_traces(u, xy, size, hover, webgl, max_hops=a.max_hops, dim=dim):
        traces.append(tr)

    # labels: top levels, plus the selection and journey
    limit = labels if labels is not None else 40
    order = np.lexsort((np.arange(n), -u.headcount, u.level))
    texts = [_label_text(nm, 15) for nm in u.names]
    path_ids: list = []
    if selected is not None and selected in u.index:
        path_ids = list(a.path(selected)) or [selected]
    forced = [p for p in path_ids if p != CUSTOMER] + [s for s in journey or () if s in u.index]
    must = u.index.get_indexer(forced) if forced else []
    pad_x = max((x_hi - x_lo) * 0.03, 0.8)
    x0, x1, y0, y1 = x_lo - pad_x, x_hi + pad_x, y_lo - 0.8 * pitch, 1.2 * pitch
    codes = np.empty(0, dtype=int)
    for _ in range(2):  # pick at the current scale, widen the view to hold the labels, pick again
        sx, sy = float(plot_px) / max(x1 - x0, 1.0), (height - 40) / max(y1 - y0, 1.0)
        picked = greedy_labels(
            xy,
            order,
            texts,
            np.zeros(n),
            sx=sx,
            sy=sy,
            limit=limit,
            font_px=9.5,
            pad=size / 2 + 1,
            markers=size,
            forced=must,
        )
        shown = set(u.ids[picked].tolist())
        codes = np.sort(u.index.get_indexer(list(shown))) if shown else np.empty(0, dtype=int)
        if not len(codes):
            break
        # no label shown may be cut at the plot's edge
        half = np.array([(len(texts[c]) * 9.5 * 0.56 + 2.0) / 2 / sx for c in codes])
        x0 = min(x_lo - pad_x, float((xy[codes, 0] - half).min()) - 0.1)
        x1 = max(x_hi + pad_x, float((xy[codes, 0] + half).max()) + 0.1)
        y0 = min(y_lo - 0.8 * pitch, float((xy[codes, 1] - (size[codes] / 2 + 16.0) / sy).min()))
    if len(codes):
        traces.append(
            _sc(
                x=xy[codes, 0],
                y=xy[codes, 1],
                mode="text",
                text=[escape(texts[c]) for c in codes],
                textposition="bottom center",
                textfont=dict(size=9.5, color=S.INK, family=_FONT),
                customdata=u.ids[codes],
                hoverinfo="skip",
                showlegend=False,
                name="labels",
            )
        )

    if journey:
        steps = [s for s in journey if s in u.index]
        if steps:
            jxy = xy[u.index.get_indexer(steps)]
            _add_journey(traces, jxy, steps, u, tx, ends=False)
    if path_ids:
        units = [p for p in path_ids if p != CUSTOMER]
        pxy = xy[u.index.get_indexer(units)]
        if path_ids[-1] == CUSTOMER:
            # the customer as a badge just above the touchpoint unit the path leaves from
            badge = pxy[-1] + np.array([0.0, 0.55 * pitch])
            pxy = np.vstack([pxy, badge])
            traces.append(
                _sc(
                    x=[badge[0]],
                    y=[badge[1]],
                    mode="markers+text",
                    marker=dict(size=14, color=S.CUSTOMER_STYLE["fill"], line=dict(color="white", width=1.5)),
                    text=[f"<b>{escape(_shorten(cust_label, 16))}</b>"],
                    textposition="top center",
                    textfont=dict(color=S.CUSTOMER_STYLE["fill"], size=11, family=_FONT),
                    customdata=[CUSTOMER],
                    hovertext=[f"<b>{escape(cust_label)}</b>"],
                    hovertemplate="%{hovertext}<extra></extra>",
                    showlegend=False,
                )
            )
        _add_selection(traces, pxy, selected, u, size, tx)

    layout = _layout(height, title, uirevision, legend)
    layout.update(
        xaxis=dict(range=[x0, x1], visible=False),
        yaxis=dict(range=[y0, y1], visible=False),
    )
    return _figure(traces, layout)


# ---------------------------------------------------------------- small charts
def ring_headcount_figure(
    analysis: Analysis,
    *,
    text: Mapping | None = None,
    headcount_label: str = "Headcount",
    height: int = 300,
) -> go.Figure:
    """Headcount per ring as bars; rings beyond N and the unconnected ring in red."""
    tx = _text(text)
    rings = analysis.summary["rings"]
    keys = [k for k in rings if k != "unconnected"]
    keys = sorted(keys, key=int) + (["unconnected"] if "unconnected" in rings else [])
    values = [rings[k] for k in keys]
    labels = [tx["unconnected"] if k == "unconnected" else tx["ring"].format(k=k) for k in keys]
    far = [k == "unconnected" or int(k) > analysis.max_hops for k in keys]
    colours = [S.FLAGGED_STYLE.edge if f else PATH_COLOUR for f in far]
    bar = dict(
        type="bar",
        x=[escape(x) for x in labels],
        y=values,
        marker=dict(color=colours),
        text=[f"{v:,.0f}" for v in values],
        textposition="outside",
        hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        cliponaxis=False,
    )
    return _figure([bar], _small_layout(height, escape(headcount_label)))


def span_figure(
    spans: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    managers_label: str = "Managers",
    height: int = 300,
) -> go.Figure:
    """Managers per span-of-control archetype (McKinsey 2017), with spans below 3 on the left.

    ``spans`` is :meth:`Analysis.spans`; ``labels`` maps ``below`` and the
    archetype names to display text.
    """
    labels = dict(labels or {})
    cats = ["below", *[name for name, _, _ in SPAN_ARCHETYPES]]
    arche = spans["archetype"].fillna("below") if len(spans) else pd.Series([], dtype=object)
    counts = arche.value_counts().reindex(cats, fill_value=0)
    names = [labels.get(c, c) for c in cats]
    colours = ["#BBBBBB", "#88CCEE", "#44AA99", "#117733", "#DDCC77", "#CC6677"]
    bar = dict(
        type="bar",
        x=[escape(x).replace(" (", "<br>(") for x in names],
        y=counts.to_numpy().tolist(),
        marker=dict(color=colours),
        text=[str(int(v)) for v in counts.to_numpy()],
        textposition="outside",
        hovertemplate="%{x}: %{y}<extra></extra>",
        cliponaxis=False,
    )
    return _figure([bar], _small_layout(height, escape(managers_label)))


def _small_layout(height: int, ytitle: str) -> dict:
    return dict(
        height=height,
        margin=dict(l=8, r=8, t=24, b=8),
        paper_bgcolor="white",
        plot_bgcolor="white",
        font=dict(family=_FONT, color=S.INK, size=12),
        showlegend=False,
        bargap=0.3,
        yaxis=dict(title=dict(text=ytitle), gridcolor="#EEEEEE", zeroline=False, rangemode="tozero"),
        xaxis=dict(tickangle=0),
    )
