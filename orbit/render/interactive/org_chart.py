"""The app's org chart in plotly: the exported chart's boxes and elbows, zoomable, the same colours as the orbit view.

Up to :data:`BOXES_UP_TO` units the chart is drawn as the export draws it
(:func:`orbit.render.hierarchy_positions`, the compact box layout; names
wrapped into their boxes by :func:`orbit.render.text_fit.wrap_label`, the
headcount in a corner, flagged units outlined in red, reporting lines as
the elbows of :func:`orbit.layout.chart.reporting_lines`). Text sizes are
given in layout units in ``layout.meta`` (``orbit_text``) so the page can
scale them with the zoom (:mod:`orbit.app.client`): the names keep fitting
their boxes at any zoom. Larger organisations are drawn as markers with the
top of the tree named.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from ...analysis import Analysis
from ...layout.chart import CHART_PT, box_geometry, reporting_lines
from .. import style as S
from ..labels import greedy_labels
from ..text_fit import shorten, wrap_label
from ..units import UnitArrays, positions_of
from .common import (
    CHART_MARGIN,
    FONT,
    MOVED_COLOUR,
    Diagram,
    add_journey,
    base_layout,
    escape,
    figure_of,
    hierarchy_view,
    journey_note_annotation,
    marker_px,
    node_traces,
    scatter_of,
    segments,
    svg_scatter,
)
from .overlay import hierarchy_overlay, merge_overlay

__all__ = ["BOXES_UP_TO", "LABEL_PT", "hierarchy_figure"]

BOXES_UP_TO = 400
"""Up to this many units the chart shows boxes with names; more are markers (as in the export)."""

LABEL_PT = S.FONT["label"] * 1.08
"""Font size of the names in a box at the chart's natural size, in points (the export's)."""


def hierarchy_figure(
    analysis: Analysis,
    pos: Mapping,
    *,
    colours: Mapping | None = None,
    selected: str | None = None,
    journey: Sequence[str] | None = None,
    journey_departments: Sequence[str] | None = None,
    journey_note: str | None = None,
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
    plot_px: float = 560.0,
    highlight: Sequence[str] = (),
    flags_apart: bool = False,
) -> go.Figure:
    """The classic org chart (reporting lines, top down) with the same colours and marks as the orbit view.

    ``pos`` is a :func:`orbit.render.hierarchy_positions` result (boxes,
    lists and rows). Up to :data:`BOXES_UP_TO` units each unit is a box with
    its full name; beyond, a marker. ``lines`` takes precomputed
    :func:`orbit.layout.chart.reporting_lines` (box edges for boxes,
    ``centres=True`` for markers); ``plot_px`` is the expected plot width in
    pixels. A selected unit's path to the customer runs along the reporting
    lines (:func:`orbit.render.interactive.overlay.hierarchy_overlay`); a
    journey colours the departments it crosses, greys the rest and numbers
    its steps; ``highlight`` outlines units (moved ones in a comparison).
    ``flags_apart`` (markers only) leaves the flagged units' marks to the page,
    as in :func:`~orbit.render.interactive.orbit_figure`.
    """
    d = Diagram.of(analysis, colours, text, customer_label, webgl, hover, None, journey)
    u, tx, webgl, hover = d.u, d.tx, d.webgl, d.hover
    n = len(u)
    boxes = 0 < n <= BOXES_UP_TO
    xy = positions_of(pos, u.ids)
    (x0, x1, y0, y1), scale = hierarchy_view(pos, plot_px, height)
    dim = None
    if journey_departments:
        dim = ~np.isin(u.department, np.asarray(list(journey_departments), dtype=object))
    traces: list = []
    meta: dict = {"orbit_view": "hierarchy", "orbit_scale": scale}
    if boxes:
        segs = reporting_lines(analysis.org, pos) if lines is None else np.asarray(lines, dtype=float).reshape(-1, 2, 2)
        traces += _line_traces(segs, n, webgl)
        text_traces = _box_traces(traces, u, pos, xy, hover, dim, scale, highlight)
        meta["orbit_text"] = text_traces
    else:
        segs = (
            reporting_lines(analysis.org, pos, centres=True)
            if lines is None
            else np.asarray(lines, dtype=float).reshape(-1, 2, 2)
        )
        traces += _line_traces(segs, n, webgl)
        first_node = len(traces)
        _marker_traces(traces, u, xy, hover, webgl, tx, analysis.max_hops, dim, labels, scale, flags_apart)
        if flags_apart:
            meta["orbit_nodes"] = [i for i in range(first_node, len(traces)) if traces[i].get("name") != "labels"]
    if journey:
        steps = [s for s in journey if s in u.index]
        if steps:
            bw, bh, _, _ = box_geometry(pos, u.ids)
            codes = u.index.get_indexer(steps)
            corner = xy[codes] + (np.c_[-bw[codes] / 2, np.full(len(codes), bh / 2)] if boxes else 0.0)
            add_journey(traces, corner, steps, u, tx, ends=False)
    layout = base_layout(height, title, uirevision, legend)
    layout.update(
        margin=CHART_MARGIN,
        dragmode="pan",
        meta=meta,
        xaxis=dict(range=[x0, x1], visible=False),
        yaxis=dict(range=[y0, y1], visible=False, scaleanchor="x", scaleratio=1),
        annotations=[journey_note_annotation(journey_note)] if journey_note else [],
    )
    fig = {"data": traces, "layout": layout}
    if selected is not None:
        fig = merge_overlay(
            fig,
            hierarchy_overlay(analysis, pos, selected, customer_label=d.customer_label, plot_px=plot_px, height=height),
        )
    return figure_of(fig["data"], fig["layout"])


def _line_traces(segs: np.ndarray, n: int, webgl: bool) -> list:
    if not len(segs):
        return []
    xs, ys = segments(segs[:, 0], segs[:, 1])
    st = S.RELATION_STYLES["reports_to"]
    return [
        scatter_of(webgl)(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color=st.colour, width=1.0 if n < 1000 else 0.6),
            opacity=st.alpha if n < 1000 else 0.6,
            hoverinfo="skip",
            showlegend=False,
            name=st.label,
        )
    ]


def _rectangles(xy: np.ndarray, bw: np.ndarray, bh: float) -> tuple[np.ndarray, np.ndarray]:
    """Closed rectangle outlines separated by gaps (NaN), for one filled scatter trace."""
    m = len(xy)
    xs = np.full((m, 6), np.nan)
    ys = np.full((m, 6), np.nan)
    left, right = xy[:, 0] - bw / 2, xy[:, 0] + bw / 2
    low, high = xy[:, 1] - bh / 2, xy[:, 1] + bh / 2
    xs[:, :5] = np.c_[left, right, right, left, left]
    ys[:, :5] = np.c_[low, low, high, high, low]
    return xs.ravel(), ys.ravel()


def box_lines(name: str, width_pt: float, weight: str) -> list[str]:
    """A unit's name wrapped into its box as the export wraps it (at most three lines, a little smaller if needed)."""
    lines, cut = wrap_label(name, LABEL_PT, width_pt - 7.0, weight=weight)
    if cut:
        lines, _ = wrap_label(name, LABEL_PT * 0.93, width_pt - 7.0, weight=weight)
    return lines


def _box_traces(traces: list, u: UnitArrays, pos, xy, hover, dim, scale: float, highlight) -> list[list]:
    """Boxes (one filled trace per colour), outlines of flagged, misplaced and highlighted units,
    names and headcounts; returns ``[trace index, font size in layout units]`` of each text trace."""
    bw, bh, _, _ = box_geometry(pos, u.ids)
    fill = u.fill()
    if dim is not None and dim.any():
        fill = fill.copy()
        fill[dim] = S.tint(S.OTHER_COLOUR, 0.45)
    for colour in dict.fromkeys(fill.tolist()):
        sel = np.flatnonzero(fill == colour)
        xs, ys = _rectangles(xy[sel], bw[sel], bh)
        traces.append(
            svg_scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=S.tint(colour, 0.4),
                line=dict(color=colour, width=0.9),
                hoverinfo="skip",
                showlegend=False,
                name="boxes",
            )
        )
    for mask, line in (
        (u.flagged, dict(color=S.FLAGGED_STYLE.edge, width=2.2)),
        (u.misplaced & ~u.flagged, dict(color=S.MISPLACED_STYLE.edge, width=1.6, dash="dash")),
        (np.isin(u.ids, np.asarray(list(highlight), dtype=object)), dict(color=MOVED_COLOUR, width=3.0)),
    ):
        sel = np.flatnonzero(mask)
        if sel.size:
            xs, ys = _rectangles(xy[sel], bw[sel], bh)
            traces.append(svg_scatter(x=xs, y=ys, mode="lines", line=line, hoverinfo="skip", showlegend=False))
    weights = u.weights()
    names = []
    for i in range(len(u)):
        lines = box_lines(str(u.names[i]), float(bw[i]) * CHART_PT, weights[i])
        body = "<br>".join(escape(line) for line in lines) or escape(u.ids[i])
        names.append(f"<b>{body}</b>" if weights[i] == "bold" else body)
    font_units = LABEL_PT / CHART_PT
    lift = 0.04 * bh  # room for the headcount in the lower corner
    traces.append(
        svg_scatter(
            x=xy[:, 0],
            y=xy[:, 1] + lift,
            mode="markers+text",
            text=names,
            textposition="middle center",
            textfont=dict(size=max(font_units * scale, 1.0), color=S.INK, family=FONT),
            marker=dict(size=max(min(bh * scale, 40.0), 8.0), color="rgba(0,0,0,0)", symbol="square"),
            customdata=u.ids,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
            name="units",
            cliponaxis=True,
        )
    )
    out = [[len(traces) - 1, font_units]]
    counts = np.where(np.isnan(u.headcount), 0, u.headcount).astype(int)
    small = font_units * 0.78
    traces.append(
        svg_scatter(
            x=xy[:, 0] + bw / 2 - 0.05,
            y=xy[:, 1] - bh / 2 + 0.03,
            mode="text",
            text=[f"{c:,}" for c in counts],
            textposition="top left",
            textfont=dict(size=max(small * scale, 1.0), color=S.MUTED_INK, family=FONT),
            hoverinfo="skip",
            showlegend=False,
            name="headcount",
            cliponaxis=True,
        )
    )
    out.append([len(traces) - 1, small])
    return out


def _marker_traces(traces, u, xy, hover, webgl, tx, max_hops, dim, labels, scale, flags_apart=False) -> None:
    """Large organisations: markers, the top of the tree named in full where it fits."""
    n = len(u)
    size = marker_px(u.headcount, n, big=15.0)
    traces += node_traces(
        u, xy, size, hover, webgl, tx, max_hops=max_hops, dim=dim, showlegend=False, flags_apart=flags_apart
    )
    limit = labels if labels is not None else 40
    order = np.lexsort((np.arange(n), -u.headcount, u.level))
    texts = [shorten(nm, 30) for nm in u.names]
    picked = greedy_labels(
        xy, order, texts, np.zeros(n), sx=scale, sy=scale, limit=limit, font_px=9.5, pad=size / 2 + 1, markers=size
    )
    if picked:
        codes = np.sort(np.asarray(picked))
        traces.append(
            svg_scatter(
                x=xy[codes, 0],
                y=xy[codes, 1],
                mode="text",
                text=[escape(texts[c]) for c in codes],
                textposition="bottom center",
                textfont=dict(size=9.5, color=S.INK, family=FONT),
                customdata=u.ids[codes],
                hoverinfo="skip",
                showlegend=False,
                name="labels",
            )
        )
