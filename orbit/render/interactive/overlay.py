"""What a selection adds to a diagram, as plotly layout shapes: the path, the ring, the labels.

A selection changes neither the units nor the lines, so the app sends the
diagrams once and only this overlay when a unit is selected (the page puts
it on the charts, :mod:`orbit.app.client`); :func:`merge_overlay` adds it to
a figure for a drawing made in one piece. Everything here is data: a path
shape along the lines the diagram draws, a circle or box around the
selected unit and callout labels placed by
:func:`orbit.render.labels.callout_spots` (inside the plot, clear of each
other and of the selected path's units).

Every shape and annotation made here is named ``overlay``, so a page can
tell them from the diagram's own.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import numpy as np

from ...analysis import Analysis
from ...layout.chart import box_geometry, reporting_route
from ...model import CUSTOMER
from .. import style as S
from ..labels import callout_spots
from ..text_fit import shorten, text_width
from ..units import positions_of
from .common import FONT, PATH_COLOUR, escape, hierarchy_view, orbit_frame

__all__ = ["OVERLAY", "hierarchy_overlay", "merge_overlay", "orbit_overlay"]

OVERLAY = "overlay"
"""The ``name`` of every shape and annotation of an overlay."""

CALLOUT_PX = 12.0
"""Font size of a selected path's labels, in pixels."""


def merge_overlay(fig: dict, overlay: Mapping) -> dict:
    """A figure dict with ``overlay``'s shapes and annotations added on top of its own."""
    layout = dict(fig["layout"])
    layout["shapes"] = [*layout.get("shapes", []), *overlay.get("shapes", [])]
    layout["annotations"] = [*layout.get("annotations", []), *overlay.get("annotations", [])]
    return {"data": fig["data"], "layout": layout}


def _path_of(a: Analysis, selected: str) -> list:
    if selected not in set(a.units["id"]):
        return []
    return list(a.path(selected)) or [selected]


def _line_shape(points: np.ndarray, *, width: float = 4.0, dash: str = "solid", curve: bool = False) -> dict:
    """A polyline (or, with ``curve``, a gentle arc through its two ends) as a path shape in data coordinates."""
    pts = [(float(x), float(y)) for x, y in points]
    if curve and len(pts) == 2:
        (x0, y0), (x1, y1) = pts
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        bend = 0.18 * np.hypot(x1 - x0, y1 - y0)
        nx, ny = -(y1 - y0), x1 - x0
        norm = max(np.hypot(nx, ny), 1e-9)
        cx, cy = mx + bend * nx / norm, my + bend * ny / norm
        path = f"M{x0:.5g},{y0:.5g} Q{cx:.5g},{cy:.5g} {x1:.5g},{y1:.5g}"
    else:
        path = "M" + " L".join(f"{x:.5g},{y:.5g}" for x, y in pts)
    return dict(
        type="path",
        path=path,
        xref="x",
        yref="y",
        line=dict(color=PATH_COLOUR, width=width, dash=dash),
        opacity=0.85,
        layer="above",
        name=OVERLAY,
    )


def _callouts(
    names: list[str],
    xy: np.ndarray,
    gaps: np.ndarray,
    scale: float,
    view: tuple[float, float, float, float],
    *,
    obstacles_px: np.ndarray | None = None,
    prefer=None,
) -> list[dict]:
    """Callouts naming the path's units, the selected one (first) in bold with a frame, all inside ``view``."""
    if not names:
        return []
    widths = [text_width(n, CALLOUT_PX, "bold" if k == 0 else "normal") + 8.0 for k, n in enumerate(names)]
    x0, x1, y0, y1 = view
    spots = callout_spots(
        xy * scale,
        widths,
        CALLOUT_PX + 6.0,
        gaps,
        (x0 * scale + 2, x1 * scale - 2, y0 * scale + 2, y1 * scale - 2),
        obstacles=obstacles_px,
        prefer=prefer,
    )
    out = []
    for k, (name, (x, y), (_, dx, dy)) in enumerate(zip(names, xy, spots, strict=True)):
        out.append(
            callout(
                float(x),
                float(y),
                f"<b>{escape(name)}</b>" if k == 0 else escape(name),
                (dx, dy),
                (widths[k], CALLOUT_PX + 6.0),
                colour=PATH_COLOUR if k == 0 else S.INK,
                frame=PATH_COLOUR if k == 0 else None,
            )
        )
    return out


def callout(x: float, y: float, text: str, offset, size, *, colour: str, frame: str | None = None, fill="white"):
    """A label as a shape: a box of ``size`` pixels, ``offset`` pixels from the point ``(x, y)``, with ``text``.

    Shapes, unlike annotations, are redrawn without recomputing the
    diagram's traces: a selection on 20,000 units stays instant.
    """
    (dx, dy), (w, h) = offset, size
    return dict(
        type="rect",
        xref="x",
        yref="y",
        xsizemode="pixel",
        ysizemode="pixel",
        xanchor=x,
        yanchor=y,
        x0=dx - w / 2,
        x1=dx + w / 2,
        y0=dy - h / 2,
        y1=dy + h / 2,
        fillcolor=fill,
        opacity=0.95,
        line=dict(color=frame or "rgba(0,0,0,0)", width=1.5 if frame else 0),
        label=dict(text=text, font=dict(size=CALLOUT_PX, color=colour, family=FONT), textposition="middle center"),
        layer="above",
        name=OVERLAY,
    )


def orbit_overlay(
    analysis: Analysis,
    pos: Mapping,
    selected: str | None,
    *,
    customer_label: str | None = None,
    height: int = 640,
    legend: bool = True,
    plot_px: float | None = None,
    marker_px: np.ndarray | None = None,
) -> dict:
    """The selected unit's overlay on :func:`~orbit.render.interactive.orbit_figure` (same arguments).

    Its path to the customer as a line from marker to marker, a ring
    around it, and its path's names as callouts, the selected unit's
    first. The customer selected gives a ring around the centre only.
    """
    if not selected:
        return {"shapes": [], "annotations": []}
    xy_all, ids, lim, plot_px = orbit_frame(analysis, pos, height, legend, plot_px)
    scale = plot_px / (2 * lim)
    index = {u: i for i, u in enumerate(ids)}
    sizes = np.full(len(ids), 14.0) if marker_px is None else np.asarray(marker_px, dtype=float)
    if selected == CUSTOMER:
        return {"shapes": [_ring(0.0, 0.0, 30.0)], "annotations": []}
    path = _path_of(analysis, selected)
    if not path:
        return {"shapes": [], "annotations": []}
    pts = np.array([[0.0, 0.0] if p == CUSTOMER else xy_all[index[p]] for p in path])
    shapes = [_line_shape(pts)] if len(pts) > 1 else []
    code = index[selected]
    shapes.append(_ring(*xy_all[code], float(sizes[code]) / 2 + 8))
    units = [p for p in path if p != CUSTOMER]
    names = dict(zip(analysis.units["id"], analysis.units["name"], strict=True))
    texts = [shorten(_name(names, p), 30) for p in units]
    codes = [index[p] for p in units]
    pxy = xy_all[codes]
    markers = np.c_[pxy * scale - sizes[codes, None] / 2, pxy * scale + sizes[codes, None] / 2][:, [0, 2, 1, 3]]
    prefer = ["right" if x >= 0 else "left" for x, _ in pxy]  # outwards, as the diagram's labels
    shapes += _callouts(
        texts, pxy, sizes[codes] / 2 + 4, scale, (-lim, lim, -lim, lim), obstacles_px=markers, prefer=prefer
    )
    return {"shapes": shapes, "annotations": []}


def _name(names: Mapping, uid) -> str:
    n = names.get(uid)
    return n if isinstance(n, str) and n.strip() else str(uid)


def _ring(x: float, y: float, r_px: float) -> dict:
    return dict(
        type="circle",
        xref="x",
        yref="y",
        xsizemode="pixel",
        ysizemode="pixel",
        xanchor=float(x),
        yanchor=float(y),
        x0=-r_px,
        x1=r_px,
        y0=-r_px,
        y1=r_px,
        line=dict(color=PATH_COLOUR, width=3.5),
        layer="above",
        name=OVERLAY,
    )


def hierarchy_overlay(
    analysis: Analysis,
    pos: Mapping,
    selected: str | None,
    *,
    customer_label: str | None = None,
    plot_px: float = 560.0,
    height: int = 640,
) -> dict:
    """The selected unit's overlay on :func:`~orbit.render.interactive.hierarchy_figure` (same arguments).

    Its path to the customer drawn along the reporting lines where the path
    follows them (:func:`orbit.layout.chart.reporting_route`, up or down),
    as a dashed arc where it follows a service relation, ending at a
    customer badge above the unit that meets the customer; a frame around
    the selected unit's box.
    """
    if not selected or selected == CUSTOMER:
        return {"shapes": [], "annotations": []}
    path = _path_of(analysis, selected)
    if not path:
        return {"shapes": [], "annotations": []}
    org = analysis.org
    ids = analysis.units["id"].to_numpy(dtype=object)
    xy = positions_of(pos, ids)
    index = {u: i for i, u in enumerate(ids)}
    bw, bh, _, _ = box_geometry(pos, ids)
    parent = dict(zip(org.units["id"], org.units["parent"], strict=True))
    (_x0, _x1, _y0, y1), scale = hierarchy_view(pos, plot_px, height)
    shapes = []
    units = [p for p in path if p != CUSTOMER]
    for a, b in itertools.pairwise(units):
        if parent.get(a) == b:
            shapes.append(_line_shape(reporting_route(org, pos, a)))
        elif parent.get(b) == a:
            shapes.append(_line_shape(reporting_route(org, pos, b)[::-1]))
        else:
            shapes.append(_line_shape(np.array([xy[index[a]], xy[index[b]]]), width=3.0, dash="dash", curve=True))
    c = index[selected]
    pad = 0.06
    shapes.append(
        dict(
            type="rect",
            xref="x",
            yref="y",
            x0=float(xy[c, 0] - bw[c] / 2 - pad),
            x1=float(xy[c, 0] + bw[c] / 2 + pad),
            y0=float(xy[c, 1] - bh / 2 - pad),
            y1=float(xy[c, 1] + bh / 2 + pad),
            line=dict(color=PATH_COLOUR, width=3.5),
            layer="above",
            name=OVERLAY,
        )
    )
    annotations = []
    if path[-1] == CUSTOMER:
        t = index[units[-1]]
        top = np.array([xy[t, 0], xy[t, 1] + bh / 2])
        badge = top + np.array([0.0, 0.42 * bh + 14.0 / scale])
        badge[1] = min(badge[1], y1 - 12.0 / scale)
        shapes.append(_line_shape(np.array([xy[t], badge])))
        label = shorten(customer_label if customer_label is not None else org.customer, 18)
        width = text_width(label, CALLOUT_PX, "bold") + 12.0
        shapes.append(
            callout(
                float(badge[0]),
                float(badge[1]),
                f"<b>{escape(label)}</b>",
                (0.0, 0.0),
                (width, CALLOUT_PX + 8.0),
                colour=S.CUSTOMER_STYLE["text"],
                fill=S.CUSTOMER_STYLE["fill"],
            )
        )
    return {"shapes": shapes, "annotations": annotations}
