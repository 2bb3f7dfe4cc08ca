"""What the app's plotly figures share: constants, escaping, hover texts, unit and relation traces, overlays.

Traces are plain dicts (:func:`svg_scatter`, :func:`scatter_of`) and figures
are built without plotly's per-property validation (:func:`figure_of`), which
is 50× faster; the tests validate them once. Per-unit arrays come from
:class:`orbit.render.units.UnitArrays`, the same as the matplotlib drawings'.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...analysis import Analysis
from ...i18n import figure_texts
from ...layout.chart import chart_extent
from ...model import CUSTOMER
from .. import style as S
from ..folded import box_note, hidden_boxes
from ..text_fit import shorten
from ..units import UnitArrays, department_headcounts, heaviest_departments

__all__ = [
    "CHART_MARGIN",
    "DEFAULT_TEXT",
    "FLAGS_APART_FROM",
    "JOURNEY_COLOUR",
    "MOVED_COLOUR",
    "PATH_COLOUR",
    "WEBGL_FROM",
    "Diagram",
    "add_journey",
    "base_layout",
    "escape",
    "figure_of",
    "hierarchy_view",
    "hover_of",
    "hover_texts",
    "journey_note_annotation",
    "legend_departments",
    "marker_px",
    "node_traces",
    "orbit_frame",
    "relation_traces",
    "scatter_of",
    "segments",
    "svg_scatter",
    "with_defaults",
]


WEBGL_FROM = 1500
"""From this many units on, markers and relations are drawn with WebGL."""


PATH_COLOUR = S.CUSTOMER_STYLE["fill"]
"""The selected unit's path to the customer (the customer's own navy)."""


JOURNEY_COLOUR = "#EE3377"
"""A customer journey drawn over a diagram (Paul Tol's vibrant magenta)."""


DEFAULT_TEXT = figure_texts("en")
"""English labels (:func:`orbit.i18n.figure_texts`); ``text=`` of the figures takes them in another language."""


FONT = S.FONT["family"]
"""The CSS font family of every text."""
LEGEND_LIMIT = 12
"""Departments with a legend entry of their own."""
DASH = {"solid": "solid", "dashed": "dash", "dotted": "dot"}
"""Plotly's names of the relation styles' dashes."""
MISPLACED_EDGE = S.MISPLACED_STYLE.edge
MOVED_COLOUR = "#EE7733"
"""Units a proposal moves, ringed in a comparison (Paul Tol's vibrant orange)."""


def escape(text) -> str:
    """``text`` with ``&``, ``<`` and ``>`` escaped, safe inside plotly's HTML-like labels.

    >>> escape("<b>R&D</b>")
    '&lt;b&gt;R&amp;D&lt;/b&gt;'
    """
    return html.escape("" if text is None else str(text), quote=False)


def with_defaults(text: Mapping | None) -> dict:
    """:data:`DEFAULT_TEXT` with ``text`` (labels in another language) laid over it."""
    out = dict(DEFAULT_TEXT)
    out.update(text or {})
    return out


BRIEF_HOVER_FROM = 5000
"""From this many units hover texts are brief (name, hops, ring, flag): the detail panel has the rest,
and a page of 20,000 full hover texts would be 8 MB sent on every change of N."""


FLAG_GROW = 1.1
"""A flagged unit's diamond is this much bigger than its marker (drawn by plotly, or by the page)."""
FLAG_EDGE_PX = S.FLAGGED_STYLE.edge_width + 0.4
"""The width of a flagged unit's dark red outline, in pixels."""

FLAGS_APART_FROM = BRIEF_HOVER_FROM
"""From this many units the app draws the flags apart from the diagrams (``flags_apart``): a new N then
sends a bitmask of the flagged units instead of both diagrams again, which a browser takes seconds to redraw."""


def hover_of(u: UnitArrays, a: Analysis, tx: Mapping, customer_label: str, *, flags: bool = True) -> np.ndarray:
    """One escaped hover text per unit: name, kind, headcount, hops, ring, flags, path (``tx``: the labels).

    From :data:`BRIEF_HOVER_FROM` units: name, hops and ring, and the flag
    (unless ``flags`` is False: the texts then do not depend on N).
    """
    if len(u) >= BRIEF_HOVER_FROM:
        return _brief_hover(u, tx, flags=flags)
    paths = a.units["path"].to_numpy(dtype=object)
    counts = a.units["headcount"].to_numpy(dtype=float, na_value=np.nan)
    cust = escape(customer_label)
    short = {i: escape(shorten(nm, 28)) for i, nm in u.name_of.items()}
    short[CUSTOMER] = cust
    out = np.empty(len(u), dtype=object)
    for i in range(len(u)):
        kind = u.kinds[i]
        hc = counts[i]
        lines = [f"<b>{escape(u.names[i])}</b> <span style='color:#888'>({escape(u.ids[i])})</span>"]
        facts = []
        if isinstance(kind, str) and kind:
            shown = tx.get("kind." + kind.strip().lower().replace(" ", "-"), kind)  # known kinds in the language
            facts.append(f"{escape(tx['kind'])}: {escape(shown)}")
        facts.append(f"{escape(tx['headcount'])}: " + ("–" if np.isnan(hc) else f"{int(hc):,}"))
        lines.append(" · ".join(facts))
        if u.reachable[i]:
            ring = escape(tx["ring"].format(k=int(u.ring[i])))
            lines.append(f"{escape(tx['hops'])}: {int(u.hops[i])} · {ring}")
        else:
            lines.append(f"{escape(tx['hops'])}: {escape(tx['none'])} · {escape(tx['unconnected'])}")
        notes = []
        if u.flagged[i]:
            notes.append(f"<span style='color:{S.FLAGGED_STYLE.edge}'>⚑ {escape(tx['flagged'])}</span>")
        if u.misplaced[i]:
            notes.append(f"<span style='color:{MISPLACED_EDGE}'>◌ {escape(tx['misplaced'])}</span>")
        if notes:
            lines.append(" · ".join(notes))
        if a.folding is not None and (note := box_note(a, i, tx.get("lang", "en"))):
            colour = S.FLAGGED_STYLE.edge if u.flagged[i] else "#666"
            lines.append(f"<span style='color:{colour}'>{escape(note)}</span>")
        path = paths[i]
        if path:
            names = [short.get(p) or escape(p) for p in path]
            if len(names) > 6:
                names = [*names[:3], "…", *names[-2:]]
            lines.append(f"{escape(tx['path'])}: " + " → ".join(names))
        out[i] = "<br>".join(lines)
    return out


def _brief_hover(u: UnitArrays, tx: Mapping, *, flags: bool = True) -> np.ndarray:
    names = np.array([escape(n) for n in u.names], dtype=object)
    hops = np.where(u.reachable, u.hops, -1).astype(int)
    ring = tx["ring"]
    hop_word, none = escape(tx["hops"]), escape(tx["none"])
    flag = f" · <span style='color:{S.FLAGGED_STYLE.edge}'>⚑</span>" if flags else ""
    facts = {
        h: (f"{hop_word}: {h} · {escape(ring.format(k=h))}" if h >= 0 else f"{hop_word}: {none}")
        for h in np.unique(hops).tolist()
    }
    out = np.empty(len(u), dtype=object)
    for i in range(len(u)):
        out[i] = f"<b>{names[i]}</b><br>{facts[hops[i]]}{flag if u.flagged[i] else ''}"
    return out


def marker_px(headcount: np.ndarray, n: int, big: float = 24.0) -> np.ndarray:
    """Marker diameters in pixels: area ∝ headcount, clipped, smaller for big organisations."""
    shrink = 1.0 if n <= 80 else max(0.35, 1.0 - 0.22 * math.log10(n / 80))
    hi = (big * shrink) ** 2
    lo = max(16.0, hi / 20.0)
    ref = float(np.percentile(headcount, 95)) if len(headcount) else 1.0
    per_head = hi / max(ref, 1.0)
    return np.sqrt(S.marker_area(headcount, per_head=per_head, lo=lo, hi=hi))


def scatter_of(webgl: bool):
    """A trace maker: WebGL scatter for big designs, SVG scatter otherwise."""
    kind = "scattergl" if webgl else "scatter"
    return lambda **props: {"type": kind, **props}


def svg_scatter(**props) -> dict:
    """An SVG scatter trace as a plain dict (validated once, in the tests, not on every rerun)."""
    return {"type": "scatter", **props}


def figure_of(traces: list, layout: dict) -> go.Figure:
    """A Figure from plain dicts without plotly's per-property validation (50× faster)."""
    return go.Figure(data=traces, layout=layout, _validate=False)


def segments(p0: np.ndarray, p1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """x and y arrays of line segments separated by gaps (NaN)."""
    m = len(p0)
    xs = np.full(3 * m, np.nan)
    ys = np.full(3 * m, np.nan)
    xs[0::3], xs[1::3] = p0[:, 0], p1[:, 0]
    ys[0::3], ys[1::3] = p0[:, 1], p1[:, 1]
    return xs, ys


def legend_departments(u: UnitArrays) -> tuple[list, dict]:
    """Departments that get a legend entry (largest headcount first) and their display names."""
    order = heaviest_departments(department_headcounts(u))
    names = {d: u.name_of.get(d, d) for d in order}
    return list(order[:LEGEND_LIMIT]), names


def node_traces(
    u: UnitArrays,
    xy: np.ndarray,
    size: np.ndarray,
    hover: np.ndarray,
    webgl: bool,
    tx: Mapping,
    *,
    max_hops: int,
    dim: np.ndarray | None = None,
    showlegend: bool = True,
    legend_chars: int = 32,
    flags_apart: bool = False,
) -> list:
    """Unit markers: one trace per large department, one for the rest, one for flagged units.

    With ``flags_apart`` there is no trace of flagged units: every unit is
    drawn in its department's trace, and the page draws the flags over them
    (:func:`orbit.render.interactive.overlay.flag_overlay`), so the traces do
    not depend on N.
    """
    Scatter = scatter_of(webgl)
    fill = u.fill()
    if dim is not None and dim.any():
        fill = fill.copy()
        fill[dim] = S.tint(S.OTHER_COLOUR, 0.45)
    symbols = u.symbols()
    traces = []
    legend_deps, dep_names = legend_departments(u)
    in_legend = pd.Index(legend_deps)
    dep_code = in_legend.get_indexer(u.department)
    plain = np.ones(len(u), dtype=bool) if flags_apart else ~u.flagged
    line_w = 0.8 if len(u) < 400 else 0.4
    no_dim = dict(marker=dict(opacity=1.0))

    def markers(sel: np.ndarray, name: str, group: str, legend: bool, **marker) -> dict:
        return Scatter(
            x=xy[sel, 0],
            y=xy[sel, 1],
            mode="markers",
            name=name,
            legendgroup=group,
            showlegend=legend,
            marker=dict(**marker, opacity=1.0),
            customdata=u.ids[sel],
            hovertext=hover[sel],
            hovertemplate="%{hovertext}<extra></extra>",
            selected=no_dim,
            unselected=no_dim,
        )

    groups = [(k, dep_code == k) for k in range(len(legend_deps))] + [(-1, dep_code < 0)]
    for k, member in groups:
        sel = np.flatnonzero(member & plain)
        if k >= 0:
            name = escape(shorten(dep_names.get(legend_deps[k], legend_deps[k]), legend_chars))
            colour = u.colours.get(legend_deps[k], S.OTHER_COLOUR)
        else:
            if not member.any():
                continue
            name = escape(tx["legend_other"])
            colour = S.OTHER_COLOUR
        traces.append(
            markers(
                sel,
                name,
                f"dep{k}",
                showlegend,
                size=size[sel],
                color=list(fill[sel]) if len(sel) else colour,
                symbol="circle" if webgl else list(symbols[sel]),  # one sprite per trace: WebGL draws it fast
                line=dict(color="white", width=line_w),
            )
        )
    if flags_apart:
        return traces
    sel = np.flatnonzero(u.flagged)
    traces.append(
        markers(
            sel,
            escape(tx["legend_flagged"].format(n=max_hops)),
            "flagged",
            showlegend and bool(len(sel)),
            size=size[sel] * FLAG_GROW,
            color=list(fill[sel]) if len(sel) else S.OTHER_COLOUR,
            symbol=S.FLAGGED_STYLE.symbol,
            line=dict(color=S.FLAGGED_STYLE.edge, width=FLAG_EDGE_PX),
        )
    )
    return traces


def relation_traces(u: UnitArrays, org, idx_xy: np.ndarray, webgl: bool, *, fade: float) -> list:
    """Relations as line traces (one per relation kind), customer at the last row of ``idx_xy``."""
    Scatter = scatter_of(webgl)
    n = len(u)
    kinds_of, src, tgt = u.relations(org)
    traces = []
    # in big designs ring 1 already says "touchpoint"; thousands of spokes would only paint the centre over
    kinds = ("reports_to", "serves") if n > 2000 else ("reports_to", "serves", "touchpoint")
    for rel in kinds:
        st = S.RELATION_STYLES[rel]
        m = (kinds_of == rel) & (src >= 0) & (tgt >= 0)
        if not m.any():
            continue
        xs, ys = segments(idx_xy[src[m]], idx_xy[tgt[m]])
        traces.append(
            Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color=st.colour, width=st.width * 1.3, dash=DASH.get(st.dash, "solid")),
                opacity=min(1.0, st.alpha * fade),
                hoverinfo="skip",
                showlegend=False,
                name=st.label,
            )
        )
    return traces


@dataclass
class Diagram:
    """What both diagrams start from: the analysis and its units, the labels, hover texts and the selection."""

    a: Analysis
    u: UnitArrays
    tx: dict
    customer_label: str
    webgl: bool
    hover: np.ndarray
    path: list
    """The selected unit's path to the customer (empty without a selection)."""
    forced: list
    """Ids whose labels are always shown: the selected path and the journey."""

    @classmethod
    def of(cls, a: Analysis, colours, text, customer_label, webgl, hover, selected, journey) -> Diagram:
        """The figures' arguments of the same names, with their defaults filled in."""
        tx = with_defaults(text)
        if hidden_boxes(a).size:  # a folded design: a department is flagged for any of its people
            tx["legend_flagged"] = tx["legend_flagged_folded"]
        label = customer_label if customer_label is not None else a.org.customer
        u = UnitArrays.of(a, colours)
        webgl = len(u) >= WEBGL_FROM if webgl is None else webgl
        hover = hover_of(u, a, tx, label) if hover is None else np.asarray(hover, dtype=object)
        path: list = []
        if selected is not None and selected in u.index:
            path = list(a.path(selected)) or [selected]
        forced = [p for p in path if p != CUSTOMER] + [s for s in journey or () if s in u.index]
        return cls(a, u, tx, label, webgl, hover, path, forced)


def hover_texts(
    analysis: Analysis, *, text: Mapping | None = None, customer_label: str | None = None, flags: bool = True
) -> np.ndarray:
    """The escaped hover text of every unit (name, kind, headcount, hops, ring, flags, path).

    Both diagrams show the same text; compute it once and pass it as ``hover=``.
    ``flags=False`` leaves the brief texts of big designs without the flag
    (for figures drawn with ``flags_apart``).
    """
    label = customer_label if customer_label is not None else analysis.org.customer
    return hover_of(UnitArrays.of(analysis, {}), analysis, with_defaults(text), label, flags=flags)


def orbit_frame(a: Analysis, pos: Mapping, height: float, legend: bool, plot_px: float | None):
    """What the orbit view's figure and its overlays share: unit positions around the customer
    ``(n, 2)``, the ids, the axis half-width and the plot's side in pixels."""
    from ...layout.rings import ring_geometry

    ids = a.units["id"].to_numpy(dtype=object)
    centre = np.asarray(pos.get(CUSTOMER, (0.0, 0.0)), dtype=float)
    xy = (np.array([pos[i] for i in ids], dtype=float).reshape(-1, 2) - centre) if len(ids) else np.zeros((0, 2))
    rings = ring_geometry(pos, a, xy)
    lim = rings.outer + 0.7 * rings.gap
    if plot_px is None:  # the plot is square: the height less the legend below it, at most ~500 px wide
        plot_px = min(500.0, height - (140.0 if legend else 16.0))
    return xy, ids, float(lim), max(float(plot_px), 160.0)


CHART_MARGIN = dict(l=4, r=4, t=8, b=4)
"""The org chart's margins around its plot, in pixels."""


def hierarchy_view(pos: Mapping, plot_px: float, height: float) -> tuple[tuple[float, float, float, float], float]:
    """The initial axis ranges ``(x0, x1, y0, y1)`` of the chart and its pixels per layout unit.

    The whole chart with a small margin, at one scale for both axes (boxes keep their shape).
    """
    if not pos:
        return (0.0, 1.0, -1.0, 0.0), 100.0
    x0, x1, y0, y1 = chart_extent(pos)
    spines = list((getattr(pos, "spines", None) or {}).values())
    if spines:  # lists hang from spines left of their boxes
        x0, x1 = min(x0, min(spines)), max(x1, max(spines))
    pad = 0.12
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    w_px = max(float(plot_px) - CHART_MARGIN["l"] - CHART_MARGIN["r"], 50.0)
    h_px = max(float(height) - CHART_MARGIN["t"] - CHART_MARGIN["b"], 50.0)
    scale = min(w_px / (x1 - x0), h_px / (y1 - y0))
    # centre the chart in the plot: widen the short side to the plot's shape
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w, half_h = w_px / scale / 2, h_px / scale / 2
    return (cx - half_w, cx + half_w, cy - half_h, cy + half_h), float(scale)


def add_journey(traces: list, jxy: np.ndarray, steps: list, u: UnitArrays, tx: Mapping, *, ends: bool = True) -> None:
    """The journey as a line with numbered steps; ``ends``: ``jxy`` starts and ends at the customer.

    A unit the journey visits more than once gets one marker with all its
    step numbers ("2 · 5"), so numbers never pile up on each other.
    """
    traces.append(
        svg_scatter(
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
    visits: dict = {}
    for k, s in enumerate(steps):
        visits.setdefault(s, []).append(k)
    firsts = [ks[0] for ks in visits.values()]
    numbers = [" · ".join(str(k + 1) for k in ks) for ks in visits.values()]
    hover = [
        f"{escape(tx['step'])} {num}: <b>{escape(u.name_of.get(s, s))}</b>"
        for s, num in zip(visits, numbers, strict=True)
    ]
    traces.append(
        svg_scatter(
            x=mid[firsts, 0],
            y=mid[firsts, 1],
            mode="markers+text",
            marker=dict(
                size=[17 + 9 * (len(n) > 2) + 4 * max(len(n) - 5, 0) for n in numbers],
                color=JOURNEY_COLOUR,
                symbol="circle",
                line=dict(color="white", width=1.5),
            ),
            text=numbers,
            textfont=dict(color="white", size=10, family=FONT),
            textposition="middle center",
            customdata=np.asarray(list(visits), dtype=object),
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            legendgroup="journey",
            name=escape(tx["legend_journey"]),
        )
    )


def journey_note_annotation(note: str) -> dict:
    """A journey's hand-offs, crossings and detours, written in the diagram's upper left corner."""
    return dict(
        x=0.0,
        y=1.0,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        text=escape(note),
        showarrow=False,
        align="left",
        font=dict(size=12, color=JOURNEY_COLOUR, family=FONT),
        bgcolor="rgba(255,255,255,0.92)",
        bordercolor=JOURNEY_COLOUR,
        borderwidth=1,
        borderpad=4,
    )


def base_layout(height: int, title: str | None, uirevision: str | None, legend: bool = True) -> dict:
    """The layout both diagrams share: white, the horizontal legend below, zoom and click selection."""
    return dict(
        height=height,
        margin=dict(l=4, r=4, t=40 if title else 8, b=4),
        paper_bgcolor="white",
        plot_bgcolor="white",
        font=dict(family=FONT, color=S.INK, size=12),
        hoverlabel=dict(bgcolor="white", font=dict(family=FONT, size=12, color=S.INK), align="left"),
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
