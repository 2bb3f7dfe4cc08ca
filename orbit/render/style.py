"""The look of Orbit's diagrams: palette, relation and kind styles, fonts.

Shared by the matplotlib drawings (:mod:`orbit.render.orbit_view` and the others) and the app's
plotly figures, so nothing here imports a plotting library: colours are hex
strings, markers are given both as matplotlib marker codes (``marker``) and
plotly symbol names (``symbol``), sizes are plain numbers.

Departments are coloured from :data:`PALETTE`, Paul Tol's colour-blind-safe
"muted" scheme extended by one colour. A department keeps its colour from one
design to the next because its slot comes from a stable hash of its id (see
:func:`department_colours`); pass the departments of both designs at once to
make two diagrams agree exactly.

Examples
--------
>>> department_colours(["sales", "ops"]) == department_colours(["ops", "sales"])
True
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "CUSTOMER_STYLE",
    "FLAGGED_STYLE",
    "FONT",
    "HIGHLIGHT_STYLE",
    "INK",
    "KIND_STYLES",
    "MISPLACED_STYLE",
    "MUTED_INK",
    "OTHER_COLOUR",
    "PALETTE",
    "RELATION_STYLES",
    "RING_STYLE",
    "KindStyle",
    "MarkStyle",
    "RelationStyle",
    "department_colours",
    "kind_style",
    "marker_area",
    "stable_hash",
    "text_colour_on",
    "tint",
]

# ---------------------------------------------------------------- colours
PALETTE: tuple[str, ...] = (
    "#CC6677",  # rose
    "#332288",  # indigo
    "#DDCC77",  # sand
    "#117733",  # green
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
    "#BBCC33",  # pear
    "#0077BB",  # blue
    "#EE8866",  # orange
    "#FFAABB",  # pink
)
"""Department colours: Paul Tol's *muted* scheme, then *pear*, *orange* and *pink* from his
*light* scheme and *blue* from his *vibrant* scheme.

The first nine are safe for colour-blind readers; the four extra ones keep
the colours distinct for up to 13 departments (past that they repeat).
"""

OTHER_COLOUR = "#BBBBBB"
"""Units without a department colour (and the legend's "other departments")."""

INK = "#222222"
"""Text and outlines."""

MUTED_INK = "#6B6B6B"
"""Secondary text: ring labels, footnotes."""

FONT = {
    "family": "DejaVu Sans, Arial, Helvetica, sans-serif",
    "title": 13.0,
    "subtitle": 9.0,
    "label": 7.0,
    "label_min": 5.0,
    "ring": 7.5,
    "legend": 8.0,
    "legend_title": 8.5,
    "table": 8.5,
}
"""Sizes in points at the default export size, and a CSS font family for plotly.

The matplotlib renderer keeps matplotlib's default sans-serif (DejaVu Sans,
which ships with matplotlib) so that exports look the same on every machine.
"""


@dataclass(frozen=True)
class RelationStyle:
    """How one kind of relation is drawn."""

    label: str
    colour: str
    width: float  # points (matplotlib linewidth; plotly line width in px)
    dash: str  # "solid", "dashed" or "dotted" (both libraries know these words)
    alpha: float


RELATION_STYLES: dict[str, RelationStyle] = {
    "reports_to": RelationStyle("reporting line", "#9A9A9A", 0.7, "solid", 0.9),
    "serves": RelationStyle("service relation", "#3A6EA5", 0.8, "dashed", 0.6),
    "touchpoint": RelationStyle("touchpoint", "#E08E0B", 2.0, "solid", 0.85),
}
"""Keyed by the ``relation`` column of :func:`orbit.relation_edges`."""


@dataclass(frozen=True)
class MarkStyle:
    """A marker with an outline: how flagged and misplaced units stand out."""

    label: str
    marker: str  # matplotlib
    symbol: str  # plotly
    edge: str
    edge_width: float
    dash: str = "solid"


FLAGGED_STYLE = MarkStyle("flagged: more than N hops or no path", "D", "diamond", "#A50026", 1.5)
"""Flagged units: a diamond with a thick dark red outline (shape and outline, not colour alone)."""

MISPLACED_STYLE = MarkStyle(
    "misplaced: designed ring nearer than its hops", "o", "circle-open", "#A50026", 1.0, "dashed"
)
"""Misplaced units: a dashed halo and a dotted tail out to the ring they really are on."""

CUSTOMER_STYLE = {"fill": "#1D2951", "edge": "#FFFFFF", "text": "#FFFFFF", "marker": "o", "symbol": "circle"}
"""The customer node at the centre."""

HIGHLIGHT_STYLE = {
    "path": "#1D2951",  # the selected unit's path to the customer: the customer's navy
    "path_width": 2.6,
    "journey": "#D4006A",  # a journey's steps, numbered
    "journey_width": 2.2,
    "emphasis": "#D4006A",  # units a comparison moved: a ring around them
    "emphasis_width": 1.8,
}
"""What a drawing shows on top when asked: the selected unit's path, a journey, moved units."""

RING_STYLE = {
    "line": "#C8C8C8",
    "width": 0.8,
    "unconnected": "#A50026",
    "beyond_fill": "#FBEFEA",  # the zone beyond N hops
    "label": MUTED_INK,
}
"""Ring circles, the unconnected ring and the shaded zone beyond N."""


@dataclass(frozen=True)
class KindStyle:
    """A known unit kind: display name, marker, how light the fill is, label weight."""

    label: str
    marker: str = "o"  # matplotlib
    symbol: str = "circle"  # plotly
    tint: float = 0.0  # 0 = department colour, 1 = white
    weight: str = "normal"


KIND_STYLES: dict[str, KindStyle] = {
    "leadership": KindStyle("leadership", "s", "square", 0.0, "bold"),
    "management": KindStyle("management", "s", "square", 0.0, "bold"),
    "department": KindStyle("department", weight="bold"),
    "team": KindStyle("team"),
    "role": KindStyle("role", tint=0.25),
    "stream": KindStyle("stream-aligned"),
    "platform": KindStyle("platform"),
    "enabling": KindStyle("enabling"),
    "complicated-subsystem": KindStyle("complicated subsystem"),
    "micro-enterprise": KindStyle("micro-enterprise"),
    "node": KindStyle("node"),
    "coach": KindStyle("coach", tint=0.25),
    "backoffice": KindStyle("back office"),
    "partner": KindStyle("partner", "p", "pentagon", 0.45),
    "bridge": KindStyle("bridge builder", "h", "hexagon", 0.0, "bold"),
}
"""Known kinds. Flagged units are drawn with :data:`FLAGGED_STYLE`'s marker whatever their kind."""

_DEFAULT_KIND = KindStyle("unit")


def kind_style(kind) -> KindStyle:
    """The style of a kind (case-insensitive); unknown and empty kinds get the plain style.

    >>> kind_style("Partner").marker, kind_style("squad").marker
    ('p', 'o')
    """
    if not isinstance(kind, str):
        return _DEFAULT_KIND
    return KIND_STYLES.get(kind.strip().lower(), _DEFAULT_KIND)


# ---------------------------------------------------------------- functions
def stable_hash(text: str) -> int:
    """A hash of ``text`` that is the same in every process and on every machine.

    >>> stable_hash("sales") == stable_hash("sales")
    True
    """
    return zlib.crc32(str(text).encode("utf-8"))


def department_colours(departments: Iterable, palette: tuple[str, ...] = PALETTE, weights=None) -> dict:
    """A colour for each department, stable across designs.

    Each department's preferred slot is ``stable_hash(id) % len(palette)``.
    Departments are settled one by one (the heaviest first when ``weights``
    ``{id: headcount}`` is given, else by id); each takes its preferred slot
    if no other department has it yet, else the next free slot. Only when
    there are more departments than colours do colours repeat, and then for
    the lightest departments. Pass the departments (and weights) of two
    designs together to colour both alike.

    >>> c = department_colours(["sales", "service", "production"])
    >>> len(set(c.values()))
    3
    >>> department_colours(["a", "b"]) == department_colours(["b", "a"])
    True
    """
    ids = sorted({str(d) for d in departments if d is not None})
    k = len(palette)
    w = {} if weights is None else {str(d): float(v) for d, v in dict(weights).items()}
    out: dict = {}
    used = [0] * k  # how often each slot has been taken
    for dep in sorted(ids, key=lambda d: (-w.get(d, 0.0), d)):
        want = stable_hash(dep) % k
        least = min(used)
        slot = next(s % k for s in range(want, want + k) if used[s % k] == least)
        used[slot] += 1
        out[dep] = palette[slot]
    return out


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white; ``amount`` 0 keeps it, 1 gives white.

    >>> tint("#000000", 0.5)
    '#808080'
    """
    rgb = _rgb(colour)
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance).

    >>> text_colour_on("#332288"), text_colour_on("#DDCC77")
    ('#FFFFFF', '#222222')
    """
    r, g, b = (_linear(c / 255) for c in _rgb(colour))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#FFFFFF" if (1.05 / (lum + 0.05)) > ((lum + 0.05) / 0.05) else INK


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(ch * 2 for ch in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def marker_area(headcount, *, per_head: float, lo: float, hi: float) -> np.ndarray:
    """Marker areas (square points) proportional to headcount, clipped to ``[lo, hi]``.

    A missing headcount counts as 1, as in the analysis.

    >>> marker_area([1, 10, None, 1000], per_head=4, lo=8, hi=200).tolist()
    [8.0, 40.0, 8.0, 200.0]
    """
    hc = pd.to_numeric(pd.Series(list(headcount), dtype=object), errors="coerce").to_numpy(dtype=float)
    hc = np.where(np.isnan(hc), 1.0, hc)
    return np.clip(hc * per_head, lo, hi)
