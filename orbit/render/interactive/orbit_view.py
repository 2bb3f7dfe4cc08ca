"""The app's orbit view in plotly: the customer at the centre, units on rings, click to select.

The rings are :func:`orbit.layout.ring_geometry` of the positions, as in
the exported image; labels are picked by
:func:`orbit.render.labels.greedy_labels` so they keep clear of markers and
ring names.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ...analysis import Analysis
from ...layout.rings import RingGeometry, ring_geometry
from ...model import CUSTOMER
from .. import style as S
from ..labels import Capsules, annotation_boxes, greedy_labels, ring_label_spots
from ..text_fit import shorten
from ..units import UnitArrays
from .common import (
    FONT,
    MISPLACED_EDGE,
    MOVED_COLOUR,
    Diagram,
    add_journey,
    base_layout,
    escape,
    figure_of,
    journey_note_annotation,
    marker_px,
    node_traces,
    orbit_frame,
    relation_traces,
    scatter_of,
    svg_scatter,
)
from .overlay import merge_overlay, orbit_overlay

__all__ = ["LEGEND_ROW_PX", "legend_rows", "orbit_figure"]


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
    journey_note: str | None = None,
    highlight: Sequence[str] = (),
    flags_apart: bool = False,
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
    journey_note : str, optional
        The journey's hand-offs and crossings, written in a corner.
    highlight : sequence of str, optional
        Units to ring in orange (the units a proposal moves).
    flags_apart : bool
        Leave out what depends on N (the flagged units' marks and the zone
        beyond N): the app draws them apart (:func:`~orbit.render.interactive.overlay.flag_overlay`).
        ``layout.meta.orbit_nodes`` lists the unit traces the flags refer to.

    Returns
    -------
    plotly.graph_objects.Figure
    """
    d = Diagram.of(analysis, colours, text, customer_label, webgl, hover, None, journey)
    a, org, u, tx, cust_label, webgl, hover = d.a, d.a.org, d.u, d.tx, d.customer_label, d.webgl, d.hover
    forced = d.forced  # the journey's units are named first
    n = len(u)
    xy, _, lim, plot_px = orbit_frame(a, pos, height, legend, plot_px)
    pts = np.vstack([xy, [[0.0, 0.0]]])
    rings = ring_geometry(pos, a, xy)

    traces: list = []
    size = marker_px(u.headcount, n)
    spots = _ring_spots(rings, tx, xy, size, plot_px / (2 * lim))
    shapes, annotations = _ring_shapes(rings, None if flags_apart else a.max_hops, tx, spots)

    fade = 1.0 if n < 300 else (0.6 if n < 3000 else 0.35)
    for tr in relation_traces(u, org, pts, webgl, fade=fade):
        traces.append(tr)

    chars = 26 if legend_columns else 32  # journeys are drawn on top: the orbit view keeps its colours
    first_node = len(traces)
    traces += node_traces(
        u, xy, size, hover, webgl, tx, max_hops=a.max_hops, legend_chars=chars, flags_apart=flags_apart
    )
    nodes = list(range(first_node, len(traces)))

    # misplaced: an open red halo; moved (in a comparison): an orange one
    mis = np.flatnonzero(u.misplaced)
    if mis.size:
        traces.append(
            _halo(u, xy, size, hover, webgl, mis, escape(tx["misplaced"]), "misplaced", MISPLACED_EDGE, 9, 1.2)
        )
    moved = np.flatnonzero(np.isin(u.ids, np.asarray(list(highlight), dtype=object)))
    if moved.size:
        name = escape(tx.get("legend_moved", "moved"))
        traces.append(_halo(u, xy, size, hover, webgl, moved, name, "moved", MOVED_COLOUR, 11, 1.8, legend=legend))

    # labels
    ring_labels = [(ann["x"], ann["y"], ann["text"]) for ann in annotations]
    shown = _orbit_label_set(u, pos, xy, labels, lim, plot_px, size, ring_labels, forced)
    if shown:
        traces.append(_orbit_labels(u, xy, size, sorted(shown, key=lambda i: u.index.get_loc(i))))

    # the customer
    shown_label = shorten(cust_label, 12)
    cust_size = min(max(46 if n < 1000 else 38, 7.0 * len(shown_label) + 14), 100)
    traces.append(
        svg_scatter(
            x=[0.0],
            y=[0.0],
            mode="markers+text",
            marker=dict(
                size=cust_size,
                color=S.CUSTOMER_STYLE["fill"],
                line=dict(color=S.CUSTOMER_STYLE["edge"], width=2),
            ),
            text=[f"<b>{escape(shown_label)}</b>"],
            textfont=dict(color=S.CUSTOMER_STYLE["text"], size=11, family=FONT),
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
            add_journey(traces, jxy, steps, u, tx)
    if journey_note:
        annotations.append(journey_note_annotation(journey_note))

    layout = base_layout(height, title, uirevision, legend)
    if legend_columns:
        # the fraction is of the text only: leave room for each entry's symbol (about 40 px)
        layout["legend"].update(entrywidth=max(1.0 / legend_columns - 0.1, 0.05), entrywidthmode="fraction")
        layout["legend"]["font"] = dict(size=10)
    layout.update(
        shapes=shapes,
        annotations=annotations,
        xaxis=dict(range=[-lim, lim], visible=False, constrain="domain"),
        yaxis=dict(range=[-lim, lim], visible=False, scaleanchor="x", scaleratio=1),
        meta={"orbit_view": "orbit", "orbit_marker_px": dict(zip(u.ids.tolist(), np.round(size, 1).tolist()))}
        if n <= 3000
        else {"orbit_view": "orbit"},
    )
    if flags_apart:
        layout["meta"]["orbit_nodes"] = nodes
    fig = {"data": traces, "layout": layout}
    if selected is not None:
        overlay = orbit_overlay(
            a, pos, selected, customer_label=cust_label, height=height, legend=legend, plot_px=plot_px, marker_px=size
        )
        fig = merge_overlay(fig, overlay)
    return figure_of(fig["data"], fig["layout"])


def _halo(u, xy, size, hover, webgl, codes, name, group, colour, grow, width, legend: bool = True) -> dict:
    """Open rings around ``codes``' markers (misplaced units, moved units), clickable like the markers."""
    return scatter_of(webgl)(
        x=xy[codes, 0],
        y=xy[codes, 1],
        mode="markers",
        name=name,
        marker=dict(
            size=size[codes] + grow, color="rgba(0,0,0,0)", symbol="circle-open", line=dict(color=colour, width=width)
        ),
        customdata=u.ids[codes],
        hovertext=hover[codes],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=legend,
        legendgroup=group,
    )


LEGEND_ROW_PX = 29.0
"""Height of one row of a horizontal legend (font 11, constant item size), in pixels."""


def legend_rows(fig: go.Figure, columns: int) -> int:
    """Rows the legend of ``fig`` takes when laid out in ``columns`` equal columns.

    Two orbit views compared side by side get equal plot areas when each is
    :data:`LEGEND_ROW_PX` taller per extra legend row.
    """
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.name)
    return -(-entries // max(int(columns), 1))


RING_LABEL_SPOTS_UP_TO = 3000
"""Up to this many units each ring name is moved along its ring to a spot clear of every marker
(:func:`orbit.render.labels.ring_label_spots`, as in the exported image); beyond, all sit on one axis."""


CUSTOMER_CLEAR = 34.0
"""Pixels around the centre that ring names keep clear of: the customer's disc and its name."""


def _ring_spots(rings: RingGeometry, tx: dict, xy: np.ndarray, size: np.ndarray, scale: float) -> dict:
    """``{ring: (x, y)}``: where each ring's name goes, in data units."""
    names = [(rings.radii[r], _ring_name(r, rings, tx)) for r in rings.rings]
    if len(xy) > RING_LABEL_SPOTS_UP_TO:
        angle = _label_angle(xy, rings)
        return {r: (rings.radii[r] * math.cos(angle), rings.radii[r] * math.sin(angle)) for r in rings.rings}
    P = xy * scale
    node_r = np.asarray(size, dtype=float) / 2 + 1.0
    obstacles = Capsules(len(P) + len(names) + 1)
    obstacles.add_many(P, P, node_r, np.arange(len(P)))
    obstacles.add(np.zeros(2), np.zeros(2), CUSTOMER_CLEAR)  # the customer and its name
    spots = ring_label_spots(names, scale, P, node_r, obstacles, 11.0, centre_clear=CUSTOMER_CLEAR)
    return {
        r: (float(spot[0] / scale), float(spot[1] / scale)) for r, (_, spot) in zip(rings.rings, spots, strict=True)
    }


def _ring_name(r: int, rings: RingGeometry, tx: dict) -> str:
    return tx["unconnected"] if r == rings.unconnected else tx["ring"].format(k=r)


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


def beyond_shapes(rings: RingGeometry, max_hops: int) -> list[dict]:
    """The shaded zone beyond N hops, as two filled circles (the inner one white), drawn below the rings."""
    beyond = rings.beyond_zone(max_hops)
    if beyond is None:
        return []
    inner, outer = beyond
    return [_circle(outer, fill=S.RING_STYLE["beyond_fill"], line=None), _circle(inner, fill="white", line=None)]


def _ring_shapes(rings: RingGeometry, max_hops: int | None, tx: dict, spots: dict):
    """The rings, their names and (unless ``max_hops`` is None) the zone beyond N."""
    annotations = []
    radii, unconnected = rings.radii, rings.unconnected
    shapes = [] if max_hops is None else beyond_shapes(rings, max_hops)
    for r in sorted(radii):
        colour = S.RING_STYLE["unconnected"] if r == unconnected else S.RING_STYLE["line"]
        shapes.append(_circle(radii[r], fill=None, line=colour, dash="dash" if r == unconnected else "solid"))
        label = _ring_name(r, rings, tx)
        annotations.append(
            dict(
                x=spots[r][0],
                y=spots[r][1],
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


def _orbit_label_set(
    u: UnitArrays,
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
    texts = [shorten(nm, 22) for nm in u.names]
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
        blocked=annotation_boxes(ring_labels, scale),
        forced=must,
    )
    return set(u.ids[picked].tolist())


def _orbit_labels(u: UnitArrays, xy: np.ndarray, size: np.ndarray, ids: list) -> dict:
    codes = u.index.get_indexer(ids)
    p = xy[codes]
    right = p[:, 0] >= -1e-9
    position = np.where(right, "middle right", "middle left")
    return svg_scatter(
        x=p[:, 0],
        y=p[:, 1],
        mode="text",
        text=[escape(shorten(u.names[c], 22)) for c in codes],
        textposition=list(position),
        textfont=dict(size=10, color=S.INK, family=FONT),
        customdata=u.ids[codes],
        hoverinfo="skip",
        showlegend=False,
        name="labels",
        cliponaxis=False,
    )
