"""The classic org chart with matplotlib: boxes per unit, reporting lines as elbows.

Positions, box sizes and reporting lines come from :mod:`orbit.layout.chart`;
names are wrapped into their boxes by :mod:`orbit.render.text_fit`. Large
organisations are drawn as square markers with the top of the tree named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .. import i18n as T
from ..analysis import Analysis
from ..layout.chart import box_geometry, box_widths, chart_inches, chart_layout, reporting_lines
from ..model import Organisation
from . import style as S
from .folded import hop_texts
from .labels import Capsules
from .legends import hierarchy_legend
from .overlays import draw_chart_overlays, overlay_units
from .page import (
    FOOT_IN,
    LEGEND_IN,
    RASTER_FROM,
    TITLE_IN,
    analysis_of,
    axes_points,
    check_labels,
    current_axes,
    draw_footnote,
    draw_title,
    foot_inches,
    footnote_text,
    new_figure,
    scaled,
    text_with_halo,
)
from .text_fit import shorten, text_width, wrap_label
from .units import UnitArrays, marker_order, positions_of

__all__ = ["draw_hierarchy", "figure_hierarchy", "hierarchy_positions", "hierarchy_size"]


_CHART_MAX_IN = (26.0, 14.6)  # the largest org chart drawing (inches) before everything shrinks


_DECK = (4 / 3, 16 / 9)  # figure aspect ratios a slide takes without much white space


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
    highlight: str | None = None,
    journey: Sequence[str] | None = None,
    emphasis: Iterable[str] = (),
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
    highlight, journey, emphasis :
        As for :func:`orbit.render.draw_orbit`: the selected unit's path is
        drawn along the reporting lines, a journey's steps are numbered.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.collections import LineCollection, PatchCollection
    from matplotlib.patches import FancyBboxPatch

    check_labels(labels)
    lang = T.lang_of(lang)
    a = analysis_of(org, analysis, max_hops, via)
    ax = current_axes(ax)
    u = UnitArrays.of(a, colours)
    n = len(u)
    if pos is None:
        pos = hierarchy_positions(org, compact)
    xy = positions_of(pos, u.ids) if n else np.zeros((0, 2))
    bw, bh, _, _ = box_geometry(pos, u.ids)
    ax.set_axis_off()
    ax.set_aspect("equal", adjustable="box")
    if n == 0:
        if title:
            draw_title(ax, org, a, S.FONT["title"] * font_scale, lang=lang)
        return ax
    pad = 0.15 * bh / 0.5
    x0, x1 = float((xy[:, 0] - bw / 2).min()) - pad, float((xy[:, 0] + bw / 2).max()) + pad
    y0, y1 = xy[:, 1].min() - bh / 2 - pad, xy[:, 1].max() + bh / 2 + pad
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    W, H = axes_points(ax)
    k = min(W / (x1 - x0), H / (y1 - y0))  # points per data unit
    box_pts = float(np.median(bw)) * k
    raster = n >= RASTER_FROM

    # --- reporting lines as orthogonal elbows, one LineCollection
    segs = reporting_lines(org, pos)
    lc = LineCollection(
        segs,
        colors=S.RELATION_STYLES["reports_to"].colour,
        linewidths=scaled(n, 0.9, 0.35),
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
        for mk in marker_order(markers):
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

    if highlight is not None or journey or emphasis:
        overlay = overlay_units(u, a, highlight, journey, emphasis)
        draw_chart_overlays(ax, overlay, org, pos, xy, bw, bh, font_scale)
    if labels != "none":
        if boxes:
            _box_labels(ax, u, hop_texts(a), xy, bw, bh, k, font_scale)
        else:
            _marker_labels(ax, u, xy, k, labels, font_scale)

    if legend:
        hierarchy_legend(ax, u, a, font_scale, boxes, lang)
    if title:
        draw_title(ax, org, a, S.FONT["title"] * font_scale, lang=lang)
    return ax


def _box_labels(ax, u: UnitArrays, hop_text, xy, bw: np.ndarray, bh: float, k: float, font_scale: float) -> None:
    """Names wrapped into their boxes (up to three lines, one font size), ``hop_text`` in the lower right corner."""
    weights = u.weights()
    inner_h = bh * k - 4.0
    fs = float(min(S.FONT["label"] * font_scale * 1.08, inner_h / 3.5))
    small = max(fs * 0.8, 4.0)
    badge = max(text_width(t, small) for t in [*set(hop_text), "99"]) + 2.0
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


def _marker_labels(ax, u: UnitArrays, xy, k, mode: str, font_scale: float) -> None:
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
        text_with_halo(
            ax,
            xy[i, 0],
            xy[i, 1] + (fs * 0.9 + 2) / k,
            text,
            ha="center",
            va="center",
            fontsize=fs,
            fontweight=weights[i],
            color=S.INK,
            zorder=5,
            gid="unit-label",
        )


def hierarchy_positions(org: Organisation, compact: bool = True, page: tuple[float, float] = (16.0, 9.0)):
    """The org chart layout the exports use: deck-shaped boxes and lists.

    In compact mode several ways of listing reports below their managers
    are tried (:func:`orbit.layout.hierarchy_layout` with ``list_depth`` 1–3,
    ``max_stack`` and ``max_row``), and the one whose figure fits a 16:9
    slide at the largest scale wins; ties go to the more tree-like layout.
    Boxes are 1.3 × 0.55 layout units (read them from the result's
    ``node_width`` and ``node_height``). ``page`` is the shape to fill
    (width, height); the app passes its panel's.

    Returns
    -------
    orbit.layout.HierarchyLayout
    """
    fs = S.FONT["label"] * 1.08

    def fits(name: str, kind, points: float) -> bool:  # in three lines at most
        return not wrap_label(name, fs, points - 7.0, weight=S.kind_style(kind).weight)[1]

    margin = (LEGEND_IN + 0.3, TITLE_IN + FOOT_IN)
    return chart_layout(org, compact, widths=box_widths(org, fits), margin=margin, page=page)


def hierarchy_size(pos: Mapping) -> tuple[float, float]:
    """Width and height (inches) of an org chart drawing: the natural size, shrunk to at most 26 × 14.6 in."""
    w, h = chart_inches(pos)
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
    a = analysis_of(org, analysis, max_hops, via)
    if pos is None:
        pos = hierarchy_positions(org, compact)
    dw, dh = hierarchy_size(pos)
    font_scale = kwargs.pop("font_scale", 1.0)
    legend_w = LEGEND_IN * font_scale if kwargs.get("legend", True) else 0.0
    width = max(dw + legend_w + 0.3, 7.0)
    note = footnote_text(a, full, lang, font_scale, width)
    foot = foot_inches(note, font_scale)
    width, height = _deck_frame(width, max(dh + TITLE_IN * font_scale + foot, 4.0))
    fig = new_figure(width, height)
    left = max((width - legend_w - dw) / 2, 0.15)
    bottom = foot + max((height - dh - TITLE_IN * font_scale - foot) / 2, 0.0)
    ax = fig.add_axes((left / width, bottom / height, dw / width, dh / height))
    draw_hierarchy(org, a, ax, pos=pos, labels=labels, font_scale=font_scale, lang=lang, **kwargs)
    if full is not None and kwargs.get("title", True):
        draw_title(ax, org, a, S.FONT["title"] * font_scale, full, lang)
    draw_footnote(fig, note, font_scale, 0.15 / width)
    return fig
