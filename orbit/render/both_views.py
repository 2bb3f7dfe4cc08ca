"""Both views on one page: the orbit view on top (legend on its right), the org chart below."""

from __future__ import annotations

from .. import i18n as T
from ..analysis import Analysis
from ..model import Organisation
from . import style as S
from .orbit_view import draw_orbit, orbit_side
from .org_chart import draw_hierarchy, hierarchy_positions, hierarchy_size
from .page import (
    LEGEND_IN,
    TITLE_IN,
    analysis_of,
    draw_footnote,
    draw_title,
    font_scale_for,
    foot_inches,
    footnote_text,
    new_figure,
)

__all__ = ["figure_both"]


def figure_both(
    org: Organisation,
    analysis: Analysis | None = None,
    *,
    max_hops: int | None = None,
    via: str | None = None,
    labels: str = "auto",
    compact: bool = True,
    full: Analysis | None = None,
    lang: str = "en",
    **kwargs,
):
    """A Figure with the orbit view on top (centred, legend on its right) and the org chart below.

    ``pos`` (orbit positions), ``colours`` and other keywords go to
    :func:`draw_orbit`; ``colours`` also to :func:`draw_hierarchy`;
    ``full`` and ``lang`` as for :func:`figure_orbit`.
    """

    a = analysis_of(org, analysis, max_hops, via)
    side = orbit_side(len(org))
    font_scale = kwargs.pop("font_scale", font_scale_for(side))
    hpos = hierarchy_positions(org, compact)
    hw, hh = hierarchy_size(hpos)
    width = max(side + LEGEND_IN * font_scale, hw) + 0.3
    # the org chart is as wide as the figure; its height keeps the boxes' shape
    scale = min((width - 0.3) / hw, 1.6)
    hw, hh = hw * scale, min(hh * scale, 12.0)
    top = side + TITLE_IN * font_scale
    note = footnote_text(a, full, lang, font_scale, width)
    foot = foot_inches(note, font_scale)
    height = top + hh + 0.6 + foot
    fig = new_figure(width, height)
    y_orbit = (height - top) / height
    # the orbit view and its legend are centred over a wider org chart
    x_orbit = 0.15 + max((width - 0.3 - side - LEGEND_IN * font_scale) / 2, 0.0)
    ax1 = fig.add_axes((x_orbit / width, y_orbit, side / width, side / height))
    draw_orbit(org, a, ax1, labels=labels, font_scale=font_scale, lang=lang, **kwargs)
    ax2 = fig.add_axes((0.15 / width, foot / height, hw / width, hh / height))
    draw_hierarchy(
        org,
        a,
        ax2,
        pos=hpos,
        labels=labels,
        legend=False,
        title=False,
        font_scale=font_scale,
        colours=kwargs.get("colours"),
        highlight=kwargs.get("highlight"),
        journey=kwargs.get("journey"),
        lang=lang,
    )
    ax2.set_title(
        T.text(lang, "image.chart.title"), fontsize=S.FONT["legend_title"] * font_scale * 1.2, color=S.INK, loc="left"
    )
    if full is not None and kwargs.get("title", True):
        draw_title(ax1, org, a, S.FONT["title"] * font_scale, full, lang)
    draw_footnote(fig, note, font_scale, 0.15 / width)
    return fig
