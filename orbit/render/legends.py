"""Legends and keys of the matplotlib drawings: departments with their headcounts, marks, relations, sizes.

Handles are built here and placed outside the axes (:func:`place_legends`);
every label comes from :mod:`orbit.i18n`.
"""

from __future__ import annotations

import math

import numpy as np

from .. import i18n as T
from ..analysis import Analysis
from . import style as S
from .folded import flagged_label, hops_key_label
from .text_fit import shorten
from .units import UnitArrays, department_headcounts, heaviest_departments, marker_area_floor

__all__ = [
    "department_handles",
    "flagged_handle",
    "hierarchy_legend",
    "orbit_key",
    "orbit_legend",
    "place_legends",
    "size_examples",
]


def orbit_key(
    u: UnitArrays, a: Analysis, per_head, hi, font_scale, beyond: bool, misplaced: bool, lang: str = "en"
) -> list:
    """Legend handles for everything but the departments."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    key = []
    rs = S.RELATION_STYLES
    for rel in ("touchpoint", "serves", "reports_to"):
        st = rs[rel]
        label = T.text(lang, f"relation.{rel}")
        key.append(Line2D([], [], color=st.colour, lw=st.width, ls=st.dash, alpha=st.alpha, label=label))
    customer = T.text(lang, "image.legend.customer")
    key.append(Line2D([], [], ls="none", marker="o", ms=9, mfc=S.CUSTOMER_STYLE["fill"], mec="white", label=customer))
    key.append(flagged_handle(a, lang))
    if misplaced:
        key.append(
            Line2D(
                [],
                [],
                ls=":",
                color=S.MISPLACED_STYLE.edge,
                marker="o",
                ms=10,
                mfc="none",
                mec=S.MISPLACED_STYLE.edge,
                mew=1.0,
                label=T.text(lang, "image.legend.misplaced"),
            )
        )
    if beyond:
        key.append(
            Patch(
                facecolor=S.RING_STYLE["beyond_fill"],
                edgecolor="none",
                label=T.text(lang, "image.legend.beyond", n=a.max_hops),
            )
        )
    kinds = {S.kind_style(k) for k in u.kinds} - {S.kind_style(None)}
    for ks in sorted((k for k in kinds if k.marker != "o"), key=lambda k: k.label):
        label = T.kind_label(ks.label, lang)
        key.append(Line2D([], [], ls="none", marker=ks.marker, ms=7, mfc="#DDDDDD", mec="#999999", label=label))
    # headcount sizes, where markers are big enough to compare
    lo = marker_area_floor(hi)
    for hc in size_examples(u.headcount, per_head, lo, hi) if hi >= 64 else []:
        d = math.sqrt(min(max(hc * per_head, lo), hi))
        label = T.text(lang, "image.legend.person" if hc == 1 else "image.legend.people", count=T.number(hc, lang))
        key.append(Line2D([], [], ls="none", marker="o", ms=d, mfc="#CCCCCC", mec="white", label=label))
    return key


def flagged_handle(a: Analysis, lang: str = "en"):
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        ls="none",
        marker=S.FLAGGED_STYLE.marker,
        ms=7,
        mfc="#DDDDDD",
        mec=S.FLAGGED_STYLE.edge,
        mew=S.FLAGGED_STYLE.edge_width,
        label=flagged_label(a, lang),
    )


def place_legends(
    ax, departments: list, key: list, font_scale: float, key_title: str, x: float = 1.01, lang: str = "en"
) -> None:
    """Departments top right of ``ax``, the key bottom right (both outside the axes)."""
    fs = S.FONT["legend"] * font_scale
    common = {
        "frameon": False,
        "fontsize": fs,
        "title_fontsize": S.FONT["legend_title"] * font_scale,
        "alignment": "left",
        "borderaxespad": 0.0,
    }
    leg1 = ax.legend(
        handles=departments,
        title=T.text(lang, "image.legend.departments"),
        loc="upper left",
        bbox_to_anchor=(x, 1.0),
        handlelength=1.2,
        **common,
    )
    leg1.set_gid("legend-departments")
    ax.add_artist(leg1)
    leg2 = ax.legend(
        handles=key, title=key_title, loc="lower left", bbox_to_anchor=(x, 0.0), labelspacing=0.7, **common
    )
    leg2.set_gid("legend-key")


def orbit_legend(
    ax, u: UnitArrays, a: Analysis, per_head, hi, font_scale, beyond: bool, misplaced: bool, lang: str = "en"
) -> None:
    key = orbit_key(u, a, per_head, hi, font_scale, beyond, misplaced, lang)
    title = T.text(lang, "image.legend.key_sized" if hi >= 64 else "image.legend.key")
    place_legends(ax, department_handles([u], lang=lang), key, font_scale, title, lang=lang)


def department_handles(designs: list[UnitArrays], limit: int = 12, lang: str = "en") -> list:
    """One patch per department (the heaviest first), labelled with its headcount in each design."""
    from matplotlib.patches import Patch

    names: dict = {}
    colours: dict = {}
    for u in designs:
        names.update({k: v for k, v in u.department_names().items() if k not in names})
        colours.update({k: v for k, v in u.colours.items() if k not in colours})
    table = department_headcounts(*designs)
    order = heaviest_departments(table)
    handles = []

    def counts(dep) -> str:
        return " → ".join(T.number(int(table.at[dep, c]), lang) for c in table.columns)

    for dep in order[:limit]:
        label = f"{shorten(names.get(dep, dep), 26)} ({counts(dep)})"
        handles.append(Patch(facecolor=colours.get(dep, S.OTHER_COLOUR), edgecolor="none", label=label))
    if len(order) > limit:
        rest = table.loc[order[limit:]].sum()
        more = T.text(lang, "image.legend.more", count=len(order) - limit)
        label = f"{more} ({' → '.join(T.number(int(v), lang) for v in rest)})"
        handles.append(Patch(facecolor=S.OTHER_COLOUR, edgecolor="none", label=label))
    return handles


def size_examples(
    headcount: np.ndarray, per_head: float | None = None, lo: float = 0.0, hi: float = np.inf
) -> list[int]:
    """Round headcounts (1-2-5 steps) for the size key that span the data's range.

    The smallest is near the small units (10th percentile), the largest near
    the big ones (the largest unit, or where markers stop growing at
    ``hi``), and one in between.

    >>> size_examples(np.array([2, 3, 5, 8, 12, 15]))
    [2, 5, 10]
    >>> size_examples(np.array([800, 1500, 4000, 12000, 30000]))
    [1000, 5000, 20000]
    """
    hc = np.asarray(headcount, dtype=float)
    if len(hc) == 0:
        return []
    top = float(hc.max())
    bottom = float(np.percentile(hc, 10))
    if per_head:
        top = min(top, hi / per_head)
        bottom = max(bottom, lo / per_head)
    ladder = [m * 10**e for e in range(0, 8) for m in (1, 2, 5)]
    big = max([v for v in ladder if v <= max(top, 1)], default=1)
    small = max([v for v in ladder if v <= max(bottom, 1)], default=1)
    if per_head and small * per_head < lo:  # would be drawn no smaller than the clip: round up instead
        small = min([v for v in ladder if v * per_head >= lo], default=small)
    small = min(small, big)
    mid = min(ladder, key=lambda v: abs(math.log(v) - 0.5 * (math.log(small) + math.log(big))))
    out = [small]
    if small < mid < big:
        out.append(mid)
    if big > small:
        out.append(big)
    return out


def hierarchy_legend(ax, u: UnitArrays, a: Analysis, font_scale: float, boxes: bool, lang: str = "en") -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    key = [
        Line2D([], [], color=S.RELATION_STYLES["reports_to"].colour, lw=1.0, label=T.text(lang, "relation.reports_to")),
        flagged_handle(a, lang),
    ]
    if boxes:
        misplaced = T.text(lang, "image.chart.misplaced")
        key.append(Patch(facecolor="white", edgecolor=S.INK, linestyle="--", label=misplaced))
        key.append(Patch(facecolor="white", edgecolor="none", label=hops_key_label(a, lang)))
    departments = department_handles([u], lang=lang)
    place_legends(ax, departments, key, font_scale, T.text(lang, "image.legend.key"), lang=lang)
