"""What every matplotlib page shares: the title, the summary footnote, sizes and figure helpers.

Texts come from :mod:`orbit.i18n` (``image.*``); sizes are inches
(:data:`LEGEND_IN`, :data:`TITLE_IN`, :data:`FOOT_IN`) and points.
"""

from __future__ import annotations

import math

import numpy as np

from .. import i18n as T
from .._chars import label_text
from ..analysis import Analysis, analyse
from ..model import Organisation
from . import style as S
from .folded import folded_flags_line
from .text_fit import text_width, wrap_at

__all__ = [
    "FOOT_IN",
    "LABELS",
    "LEGEND_IN",
    "RASTER_FROM",
    "TITLE_IN",
    "analysis_of",
    "axes_points",
    "check_labels",
    "current_axes",
    "display_name",
    "draw_footnote",
    "draw_title",
    "folded_depth",
    "font_scale_for",
    "foot_inches",
    "footnote_text",
    "halo",
    "new_figure",
    "scaled",
    "summary_text",
    "title_text",
]


LABELS = ("auto", "all", "none")
"""The ``labels=`` modes of the drawings."""

RASTER_FROM = 3000
"""Collections with more items are rasterised in SVG and PDF."""

LEGEND_IN = 3.3
"""Width of the legend column, inches."""
TITLE_IN = 0.9
"""Room for the title above the diagram, inches."""
FOOT_IN = 0.35
"""Room for one line of footnote below the diagram, inches."""


def analysis_of(org: Organisation, analysis, max_hops, via) -> Analysis:
    """``analysis`` when given (it must be of ``org``), else a new analysis with ``max_hops`` and ``via``."""
    if analysis is not None:
        if analysis.org is not org and len(analysis.org) != len(org):
            raise ValueError("analysis was computed for another organisation")
        return analysis
    return analyse(org, max_hops=3 if max_hops is None else max_hops, via=via or "both")


def check_labels(labels: str) -> str:
    """``labels`` if it is one of :data:`LABELS`; a ValueError naming the choices otherwise."""
    if labels not in LABELS:
        raise ValueError(f"labels must be one of {', '.join(LABELS)}, not {labels!r}")
    return labels


def current_axes(ax):
    """``ax``, or pyplot's current axes when None."""
    if ax is None:
        import matplotlib.pyplot as plt  # only when the caller wants pyplot's current axes

        ax = plt.gca()
    return ax


def axes_points(ax) -> tuple[float, float]:
    """Width and height of the axes box in points."""
    fig = ax.figure
    w, h = fig.get_size_inches()
    pos = ax.get_position()
    return float(pos.width * w * 72.0), float(pos.height * h * 72.0)


def scaled(n: int, small: float, large: float, lo: int = 60, hi: int = 3000) -> float:
    """``small`` for orgs up to ``lo`` units, ``large`` from ``hi`` on, log-interpolated."""
    if n <= lo:
        return small
    if n >= hi:
        return large
    f = math.log(n / lo) / math.log(hi / lo)
    return small + (large - small) * f


def halo(width: float = 2.4):
    """A white outline behind a line, as matplotlib path effects (for text use :func:`text_with_halo`)."""
    from matplotlib import patheffects

    return [patheffects.withStroke(linewidth=width, foreground="white")]


def text_with_halo(ax, x: float, y: float, text: str, *, width: float = 2.4, gid: str | None = None, **kw):
    """``ax.text`` with a white outline behind it that keeps the text a text.

    A path effect on the text itself would turn its glyphs into paths in
    SVG and PDF (no longer searchable, nor editable in Illustrator or
    PowerPoint). So the outline is a second, white copy drawn just below
    (``gid`` + ``-halo``, a path), and the text on top stays a ``<text>``
    element. Returns the text.
    """
    from matplotlib import patheffects

    zorder = kw.pop("zorder", 5)
    outline = {**kw, "color": "white"}
    outline.pop("label", None)
    ax.text(
        x,
        y,
        text,
        zorder=zorder - 0.01,
        path_effects=[patheffects.Stroke(linewidth=width, foreground="white")],
        gid=None if gid is None else f"{gid}-halo",
        **outline,
    )
    return ax.text(x, y, text, zorder=zorder, gid=gid, **kw)


def new_figure(width: float, height: float):
    """A white :class:`matplotlib.figure.Figure` of ``width`` × ``height`` inches, without pyplot."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, facecolor="white")
    return fig


def font_scale_for(side: float) -> float:
    """How much larger the fonts of a diagram ``side`` inches wide are: 1 up to 8 in, at most 1.35."""
    return float(np.clip((side / 8.0) ** 0.5, 1.0, 1.35))


def draw_title(
    ax, org: Organisation, a: Analysis, fontsize: float, full: Analysis | None = None, lang: str = "en"
) -> None:
    """The title, centred over the drawing; wrapped after the name when it would leave the figure.

    ``full``: the analysis of the whole organisation when ``org`` shows it folded into departments.
    """
    if full is not None and len(full.org) != len(org):
        text = title_text(
            display_name(org), len(full.org), a.via, a.max_hops, shown=len(org), depth=folded_depth(org), lang=lang
        )
    else:
        text = title_text(display_name(org), len(org), a.via, a.max_hops, lang=lang)
    fig_w = ax.figure.get_size_inches()[0] * 72.0
    pos = ax.get_position()
    centre = (pos.x0 + pos.x1) / 2 * fig_w
    room = 2 * min(centre, fig_w - centre) - 16.0
    if text_width(text, fontsize, "bold") > room and " — " in text:
        text = text.replace(" — ", "\n", 1)
    # a line still too wide is broken between its " · " parts, in three lines at most (a little smaller if need be)
    size = fontsize
    while size >= 0.75 * fontsize:
        lines = [part for line in text.split("\n") for part in wrap_at(line, " · ", size, "bold", room)]
        if len(lines) <= 3 and max(text_width(line, size, "bold") for line in lines) <= room:
            text, fontsize = "\n".join(lines), size
            break
        size *= 0.95
    longest = max(text_width(line, fontsize, "bold") for line in text.split("\n"))
    if longest > room:
        fontsize = max(fontsize * room / longest, 8.0)
    ax.set_title(text, fontsize=fontsize, fontweight="bold", color=S.INK, loc="center", pad=10)


def display_name(org: Organisation) -> str:
    """The design's name (at most 80 characters of it), else its file name without folder and extension."""
    if org.name:
        return label_text(org.name)
    source = str(org.source or "")
    if source.startswith("<"):
        return ""
    from pathlib import Path

    return Path(source).stem


def summary_text(a: Analysis, lang: str = "en") -> str:
    s = a.summary
    parts = []
    if s["mean_hops"] is not None:
        parts.append(T.text(lang, "image.summary.mean_hops", value=T.number(s["mean_hops"], lang, 2)))
    if s["share_within_max_hops"] is not None:
        share = T.percent(s["share_within_max_hops"], lang)
        parts.append(T.text(lang, "image.summary.share", share=share, n=a.max_hops))
    flagged = T.text(lang, "image.summary.flagged", count=T.number(s["flagged"], lang))
    if s["unreachable"]:
        flagged += T.text(lang, "image.summary.unreachable", count=T.number(s["unreachable"], lang))
    parts.append(flagged)
    if s["misplaced"]:
        parts.append(T.text(lang, "image.summary.misplaced", count=T.number(s["misplaced"], lang)))
    parts.append(T.text(lang, "image.summary.layer" if s["layers"] == 1 else "image.summary.layers", count=s["layers"]))
    return " · ".join(parts)


def folded_depth(org: Organisation) -> int | None:
    """The depth an aggregated organisation was folded to (set by :func:`orbit.aggregate.aggregate`)."""
    depth = org.attrs.get("aggregation_depth")
    return int(depth) if depth is not None else None


def footnote_text(a: Analysis, full: Analysis | None, lang: str, font_scale: float, width: float) -> str:
    """The summary line: the metrics of the whole organisation (``full`` when the drawing is folded).

    Lines wider than the figure (``width`` inches) are broken between their `` · `` parts.
    """
    text = summary_text(full if full is not None else a, lang)
    if full is not None and len(full.org) != len(a.org):
        text += "\n" + T.text(lang, "image.footnote.folded")
        if flags := folded_flags_line(a, lang=lang):  # the flagged people the folded boxes hold
            text += "\n" + flags
    else:
        depth, units = a.org.attrs.get("aggregation_depth"), a.org.attrs.get("aggregation_units")
        if depth is not None and units is not None:
            text += "\n" + T.text(
                lang,
                "image.footnote.aggregation",
                depth=depth,
                units=T.number(int(units), lang),
                shown=T.number(len(a.org), lang),
            )
        elif a.org.attrs.get("aggregation"):  # folded by an older version: its note as it was written
            text += "\n" + str(a.org.attrs["aggregation"])
    room = (width - 0.3) * 72.0
    size = S.FONT["subtitle"] * font_scale
    return "\n".join(part for line in text.split("\n") for part in wrap_at(line, " · ", size, "normal", room))


def foot_inches(note: str, font_scale: float) -> float:
    """Room below the drawing for the footnote ``note``: one line fits :data:`FOOT_IN`, each further line adds one."""
    lines = note.count("\n") + 1
    return (FOOT_IN + (lines - 1) * S.FONT["subtitle"] * 1.2 / 72.0) * font_scale


def draw_footnote(fig, note: str, font_scale: float, x: float) -> None:
    """The footnote (:func:`footnote_text`) at the bottom left of the figure, 0.08 in above its edge."""
    fig.text(
        x,
        0.08 / fig.get_size_inches()[1],
        note,
        ha="left",
        va="bottom",
        fontsize=S.FONT["subtitle"] * font_scale,
        color=S.MUTED_INK,
    )


def title_text(
    name: str, units: int, via: str, max_hops: int, *, shown: int | None = None, depth=None, lang: str = "en"
) -> str:
    """``"Maschinenbau — 120 units · via both · flagged at N = 3"``.

    ``shown`` (and ``depth``) describe a drawing of departments that stand
    for all ``units``:

    >>> title_text("Konzern", 100_000, "both", 3, shown=32, depth=3)
    'Konzern — 100,000 units shown as 32 departments (depth 3) · via both · flagged at N = 3'
    >>> title_text("Konzern", 1_200, "reports", 3, lang="de")
    'Konzern — 1.200 Einheiten · Wege nur über Berichtslinien · markiert: mehr als N = 3 Schritte'
    """
    head = f"{name} — " if name else ""
    count = T.text(lang, "image.title.units", units=T.number(units, lang))
    if shown is not None and shown != units:
        count += T.text(lang, "image.title.shown", shown=T.number(shown, lang))
        if depth is not None:
            count += T.text(lang, "image.title.depth", depth=depth)
    return T.text(lang, "image.title", head=head, count=count, via=T.via_text(via, lang), n=max_hops)
