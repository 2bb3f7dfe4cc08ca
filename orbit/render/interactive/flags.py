"""What a new N changes on a diagram drawn with ``flags_apart``, sent apart from it.

From :data:`~orbit.render.interactive.common.FLAGS_APART_FROM` units the
app draws the diagrams without the flagged units' marks and without the zone
beyond N (``flags_apart=True``), so both figures stay the same for every N
and the browser never redraws them when N changes (a redraw of 20,000
WebGL markers takes it seconds). What N does change comes as a
:func:`flag_overlay`: a bitmask of the flagged units over the figure's unit
traces, which the page (:mod:`orbit.app.client`) draws as the same dark red
diamonds on a canvas over the markers, and, for the orbit view, the zone
beyond N as layout shapes under the rings.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence

import numpy as np

from ...analysis import Analysis
from ...layout.rings import ring_geometry
from .. import style as S
from .common import FLAG_EDGE_PX, FLAG_GROW, orbit_frame, with_defaults
from .orbit_view import beyond_shapes

__all__ = ["flag_overlay", "unit_order"]


def unit_order(fig: Mapping, ids: Sequence) -> np.ndarray:
    """The unit codes of a ``flags_apart`` figure's unit traces (``layout.meta.orbit_nodes``), point by point.

    ``fig`` is the figure as a dict (before its arrays are encoded); ``ids``
    the analysis's unit ids in order.
    """
    import pandas as pd

    nodes = (fig["layout"].get("meta") or {}).get("orbit_nodes") or []
    shown = [np.asarray(fig["data"][i]["customdata"], dtype=object) for i in nodes]
    if not shown:
        return np.empty(0, dtype=np.int64)
    codes = pd.Index(np.asarray(ids, dtype=object)).get_indexer(np.concatenate(shown))
    if (codes < 0).any():
        raise ValueError("a unit trace holds an id the analysis does not have")
    return codes.astype(np.int64)


def flag_overlay(
    analysis: Analysis,
    order: np.ndarray,
    *,
    pos: Mapping | None = None,
    height: float = 640,
    legend: bool = True,
    plot_px: float | None = None,
    text: Mapping | None = None,
) -> dict:
    """The flags of ``analysis``'s N for a figure drawn with ``flags_apart`` (``order``: :func:`unit_order`).

    Returns ``bits`` (base64 of the flagged units as bits, the first unit of
    ``order`` in the highest bit of the first byte), ``count``, the marks'
    ``edge`` colour, ``width`` and ``grow``, ``under`` (the zone beyond N as
    shapes, for an orbit view: pass its ``pos`` and the figure's ``height``,
    ``legend`` and ``plot_px``), ``label`` (what a flagged unit's hover says,
    in the language of ``text``, the figures' labels) and ``sig``, which
    names N and the flags.
    """
    flagged = np.asarray(analysis.flagged, dtype=bool)[np.asarray(order, dtype=np.int64)]
    under: list[dict] = []
    if pos is not None:
        xy, _, _, _ = orbit_frame(analysis, pos, height, legend, plot_px)
        under = [{**s, "name": "overlay-n"} for s in beyond_shapes(ring_geometry(pos, analysis, xy), analysis.max_hops)]
    count = int(flagged.sum())
    return {
        "label": "⚑ " + with_defaults(text)["legend_flagged"].format(n=analysis.max_hops),
        "bits": base64.b64encode(np.packbits(flagged).tobytes()).decode("ascii"),
        "count": count,
        "edge": S.FLAGGED_STYLE.edge,
        "width": FLAG_EDGE_PX,
        "grow": FLAG_GROW,
        "under": under,
        "sig": f"{analysis.max_hops}|{analysis.via}|{count}",
    }
