"""The app's org chart in plotly: reporting lines top down, the same colours and marks as the orbit view.

Reporting lines are :func:`orbit.layout.chart.reporting_lines` (the
exported chart's elbows, extended to the markers' centres).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from ...analysis import Analysis
from ...layout.chart import reporting_lines
from ...model import CUSTOMER
from .. import style as S
from ..labels import greedy_labels
from ..text_fit import shorten
from ..units import positions_of
from .common import (
    FONT,
    Diagram,
    add_journey,
    add_selection,
    base_layout,
    escape,
    figure_of,
    marker_px,
    node_traces,
    scatter_of,
    segments,
    svg_scatter,
)

__all__ = ["hierarchy_figure"]


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
    d = Diagram.of(analysis, colours, text, customer_label, webgl, hover, selected, journey)
    a, org, u, tx, cust_label, webgl, hover = d.a, d.a.org, d.u, d.tx, d.customer_label, d.webgl, d.hover
    path_ids, forced = d.path, d.forced
    n = len(u)
    xy = positions_of(pos, u.ids)
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
        xs, ys = segments(segs[:, 0], segs[:, 1])
        st = S.RELATION_STYLES["reports_to"]
        traces.append(
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
        )

    size = marker_px(u.headcount, n, big=15.0)
    dim = None
    if journey_departments:
        dim = ~np.isin(u.department, np.asarray(list(journey_departments), dtype=object))
    for tr in node_traces(u, xy, size, hover, webgl, tx, max_hops=a.max_hops, dim=dim):
        traces.append(tr)

    # labels: top levels, plus the selection and journey
    limit = labels if labels is not None else 40
    order = np.lexsort((np.arange(n), -u.headcount, u.level))
    texts = [shorten(nm, 15) for nm in u.names]
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

    if journey:
        steps = [s for s in journey if s in u.index]
        if steps:
            jxy = xy[u.index.get_indexer(steps)]
            add_journey(traces, jxy, steps, u, tx, ends=False)
    if path_ids:
        units = [p for p in path_ids if p != CUSTOMER]
        pxy = xy[u.index.get_indexer(units)]
        if path_ids[-1] == CUSTOMER:
            # the customer as a badge just above the touchpoint unit the path leaves from
            badge = pxy[-1] + np.array([0.0, 0.55 * pitch])
            pxy = np.vstack([pxy, badge])
            traces.append(
                svg_scatter(
                    x=[badge[0]],
                    y=[badge[1]],
                    mode="markers+text",
                    marker=dict(size=14, color=S.CUSTOMER_STYLE["fill"], line=dict(color="white", width=1.5)),
                    text=[f"<b>{escape(shorten(cust_label, 16))}</b>"],
                    textposition="top center",
                    textfont=dict(color=S.CUSTOMER_STYLE["fill"], size=11, family=FONT),
                    customdata=[CUSTOMER],
                    hovertext=[f"<b>{escape(cust_label)}</b>"],
                    hovertemplate="%{hovertext}<extra></extra>",
                    showlegend=False,
                )
            )
        add_selection(traces, pxy, selected, u, size, tx)

    layout = base_layout(height, title, uirevision, legend)
    layout.update(
        xaxis=dict(range=[x0, x1], visible=False),
        yaxis=dict(range=[y0, y1], visible=False),
    )
    return figure_of(traces, layout)
