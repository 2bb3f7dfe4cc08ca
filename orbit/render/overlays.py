"""What a drawing shows on top when asked: the selected unit's path, a journey, emphasised units.

:func:`overlay_units` turns ids into unit codes (shared by the matplotlib
drawings and the deck's native diagrams); :func:`draw_orbit_overlays` and
:func:`draw_chart_overlays` draw them into the orbit view and the org chart
with :data:`orbit.render.style.HIGHLIGHT_STYLE`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from ..analysis import Analysis
from ..model import CUSTOMER
from . import style as S
from .page import halo
from .units import UnitArrays

__all__ = ["Overlay", "draw_chart_overlays", "draw_orbit_overlays", "journey_numbers", "overlay_units"]


@dataclass
class Overlay:
    """What is drawn on top of an orbit view or org chart (:func:`overlay_units`), as unit codes."""

    highlight: int | None  # the selected unit
    path: list  # its path to the customer: unit codes, -1 for the customer
    journey: list  # the journey's steps, in order
    emphasis: np.ndarray  # units to ring

    @property
    def first(self) -> list[int]:
        """Codes to label before all others: the selected unit, its path, the journey, then the emphasised."""
        head = [] if self.highlight is None else [self.highlight]
        return list(dict.fromkeys([*head, *(c for c in self.path if c >= 0), *self.journey, *self.emphasis.tolist()]))


def overlay_units(u: UnitArrays, a: Analysis, highlight=None, journey=None, emphasis=()) -> Overlay:
    """The codes of a highlighted unit and its path, a journey's steps and emphasised units.

    Ids not in the drawing (a journey step folded away, a moved unit of
    another design) are left out; an unknown ``highlight`` is a KeyError
    naming it.
    """
    code = None
    path: list = []
    if highlight is not None:
        if highlight not in u.index:
            raise KeyError(f"no unit with id {highlight!r}")
        code = int(u.index.get_loc(highlight))
        path = [
            -1 if p == CUSTOMER else int(u.index.get_loc(p)) for p in a.path(highlight) if p == CUSTOMER or p in u.index
        ]
    steps = [int(u.index.get_loc(s)) for s in (journey or ()) if s in u.index]
    em = u.index.get_indexer(list(emphasis))
    return Overlay(code, path, steps, em[em >= 0])


def draw_orbit_overlays(ax, o: Overlay, xy: np.ndarray, node_d: np.ndarray, font_scale: float) -> None:
    """The selected unit's path, a numbered journey and rings around emphasised units."""
    from matplotlib.collections import LineCollection

    hs = S.HIGHLIGHT_STYLE
    pts = np.vstack([xy, [[0.0, 0.0]]])  # code -1 is the customer
    if o.emphasis.size:
        ax.scatter(
            xy[o.emphasis, 0],
            xy[o.emphasis, 1],
            s=(node_d[o.emphasis] + 6.0) ** 2,
            marker="o",
            facecolors="none",
            edgecolors=hs["emphasis"],
            linewidths=hs["emphasis_width"],
            zorder=3.4,
            gid="emphasis",
        )
    if o.journey:
        route = [-1, *o.journey, -1]
        segs = np.stack([pts[route[:-1]], pts[route[1:]]], axis=1)
        lc = LineCollection(segs, colors=hs["journey"], linewidths=hs["journey_width"], zorder=3.6, capstyle="round")
        lc.set_gid("journey")
        lc.set_path_effects(halo(hs["journey_width"] + 2.4))
        ax.add_collection(lc)
        fs = S.FONT["label"] * font_scale
        for c, nums in journey_numbers(o.journey).items():
            ax.text(
                xy[c, 0],
                xy[c, 1],
                ",".join(nums),
                ha="center",
                va="center",
                fontsize=fs,
                fontweight="bold",
                color="white",
                zorder=3.8,
                gid="journey-step",
                bbox={"boxstyle": "circle,pad=0.25", "facecolor": hs["journey"], "edgecolor": "white", "lw": 0.8},
            )
    if o.highlight is not None:
        route = o.path or [o.highlight]
        line = pts[route]
        ax.plot(
            line[:, 0],
            line[:, 1],
            color=hs["path"],
            lw=hs["path_width"],
            zorder=3.5,
            solid_capstyle="round",
            path_effects=halo(hs["path_width"] + 2.4),
            gid="highlight-path",
        )
        ax.scatter(
            [xy[o.highlight, 0]],
            [xy[o.highlight, 1]],
            s=(node_d[o.highlight] + 9.0) ** 2,
            marker="o",
            facecolors="none",
            edgecolors=hs["path"],
            linewidths=2.2,
            zorder=3.7,
            gid="highlight",
        )


def journey_numbers(steps) -> dict:
    """``{unit code: "1,3"}``: the step numbers of each unit a journey visits, in order.

    >>> journey_numbers([4, 2, 4])
    {4: '1,3', 2: '2'}
    """
    out: dict = {}
    for step, c in enumerate(steps, start=1):
        out.setdefault(c, []).append(str(step))
    return {c: ",".join(v) for c, v in out.items()}


def draw_chart_overlays(ax, o: Overlay, org, pos, xy: np.ndarray, bw: np.ndarray, bh: float, font_scale: float) -> None:
    """The org chart's overlays: the selected unit's path along the reporting lines, numbered journey steps.

    The path runs between consecutive units of the unit's path to the
    customer through the reporting forest (up to their common manager and
    down), so it follows the chart's lines instead of cutting across it.
    """
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyBboxPatch

    hs = S.HIGHLIGHT_STYLE
    if o.emphasis.size:
        for c in o.emphasis:
            ax.add_patch(_ring_box(FancyBboxPatch, xy[c], bw[c], bh, hs["emphasis"], hs["emphasis_width"], "emphasis"))
    if o.highlight is not None:
        segs = path_lines(org, pos, chart_route(org, [c for c in o.path if c >= 0] or [o.highlight]))
        if len(segs):
            lc = LineCollection(segs, colors=hs["path"], linewidths=hs["path_width"], zorder=2.6, capstyle="round")
            lc.set_gid("highlight-path")
            ax.add_collection(lc)
        ax.add_patch(_ring_box(FancyBboxPatch, xy[o.highlight], bw[o.highlight], bh, hs["path"], 2.2, "highlight"))
    if o.journey:
        fs = S.FONT["label"] * font_scale
        for c, nums in journey_numbers(o.journey).items():
            ax.add_patch(_ring_box(FancyBboxPatch, xy[c], bw[c], bh, hs["journey"], hs["journey_width"], "journey"))
            ax.text(
                xy[c, 0] - bw[c] / 2,
                xy[c, 1] + bh / 2,
                nums,
                ha="center",
                va="center",
                fontsize=fs,
                fontweight="bold",
                color="white",
                zorder=4.5,
                gid="journey-step",
                bbox={"boxstyle": "circle,pad=0.25", "facecolor": hs["journey"], "edgecolor": "white", "lw": 0.8},
            )


def _ring_box(patch, centre, w: float, h: float, colour: str, width: float, gid: str):
    pad = 0.06 * h
    box = patch(
        (centre[0] - w / 2 - pad, centre[1] - h / 2 - pad),
        w + 2 * pad,
        h + 2 * pad,
        boxstyle=f"round,pad=0,rounding_size={h * 0.2}",
        facecolor="none",
        edgecolor=colour,
        linewidth=width,
        zorder=3.5,
    )
    box.set_gid(gid)
    return box


def chart_route(org, codes) -> list[tuple[int, int]]:
    """The reporting lines (child code, parent code) that join consecutive ``codes`` through the forest.

    Between two units the route climbs from each to their nearest common
    manager; units in different trees are joined by nothing.
    """
    parent = org.ids.get_indexer(org.units["parent"].to_numpy(dtype=object))
    edges: list[tuple[int, int]] = []
    for a, b in pairwise(codes):
        up_a = _ancestors(parent, a)
        up_b = _ancestors(parent, b)
        common = next((x for x in up_a if x in set(up_b)), None)
        if common is None:
            continue
        for chain in (up_a, up_b):
            for x in chain[: chain.index(common)]:
                edges.append((x, int(parent[x])))
    return list(dict.fromkeys(edges))


def _ancestors(parent: np.ndarray, c: int) -> list[int]:
    out = [int(c)]
    while parent[out[-1]] >= 0 and len(out) <= len(parent):
        out.append(int(parent[out[-1]]))
    return out


def path_lines(org, pos, edges) -> np.ndarray:
    """The org chart's reporting lines of ``edges`` only (segments, as :func:`orbit.layout.chart.reporting_lines`)."""
    from ..layout.chart import box_geometry, elbows, spine_array

    ids = org.units["id"].to_numpy(dtype=object)
    xy = np.array([pos[i] for i in ids], dtype=float).reshape(-1, 2)
    bw, bh, spines, trunks = box_geometry(pos, ids)
    parent = np.full(len(ids), -1, dtype=np.int64)
    for child, p in edges:
        parent[child] = p
    trunk_codes = {int(org.ids.get_loc(k)): v for k, v in trunks.items() if k in org.ids}
    return elbows(parent, xy, bw, bh, spine_array(spines, ids), trunk_codes)
