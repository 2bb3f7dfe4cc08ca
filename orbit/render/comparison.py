"""One page that compares two designs: both orbit views side by side, alike, and the metrics with changes.

The second design keeps the first one's angular order, departments have
the same colours and markers the same area per head, so the two drawings
can be read together.
"""

from __future__ import annotations

from .. import i18n as T
from ..analysis import Analysis, analyse
from ..layout import orbit_layout
from ..model import Organisation
from . import style as S
from .legends import department_handles, orbit_key
from .orbit_view import OrbitDrawing, draw_orbit
from .page import display_name, new_figure
from .text_fit import shorten
from .units import UnitArrays, department_colours_of

__all__ = ["compare_rows", "figure_compare"]


_COMPARE_ROWS = (
    ("units", "image.row.units", 0, 0),
    ("headcount", "image.row.headcount", 0, 0),
    ("layers", "image.row.layers", 0, -1),
    ("mean_hops", "image.row.mean_hops", 2, -1),
    ("share_within_max_hops", "image.row.share_within_max_hops", 1, 1),
    ("flagged", "image.row.flagged", 0, -1),
    ("unreachable", "image.row.unreachable", 0, -1),
)
"""Rows of the comparison table: summary key, text key of the label, decimals, which direction is better (0: neither).

The share is shown in per cent with one decimal, its change in percentage points.
"""


def compare_rows(a: Analysis, b: Analysis, lang: str = "en") -> list[list[str]]:
    """The comparison table as text: metric, first design, second design, change (numbers in ``lang``'s style)."""
    rows = []
    for key, label_key, decimals, _ in _COMPARE_ROWS:
        va, vb = a.summary.get(key), b.summary.get(key)
        label = T.text(lang, label_key, n=a.max_hops)
        share = key == "share_within_max_hops"

        def shown(v, share=share, decimals=decimals):
            if v is None:
                return "–"
            return T.percent(v, lang, decimals) if share else T.number(v, lang, decimals)

        if va is None or vb is None:
            delta = "–"
        elif share:
            delta = f"{T.signed((vb - va) * 100, lang, 1)} {T.text(lang, 'delta.pp')}"
        else:
            delta = T.signed(vb - va, lang, decimals)
        rows.append([label, shown(va), shown(vb), delta])
    return rows


def _column_names(a: str, b: str, limit: int = 20, lang: str = "en") -> list[str]:
    """Table headers for two designs: what tells them apart, shortened.

    >>> _column_names("Brenner GmbH (klassisch)", "Brenner GmbH (Orbit)")
    ['(klassisch)', '(Orbit)', 'change']
    """
    wa, wb = a.split(), b.split()
    k = 0
    while k < min(len(wa), len(wb)) - 1 and wa[k] == wb[k]:
        k += 1
    if k and " ".join(wa[k:]) != " ".join(wb[k:]):
        a, b = " ".join(wa[k:]), " ".join(wb[k:])
    return [shorten(a, limit), shorten(b, limit), T.text(lang, "image.compare.change")]


def figure_compare(
    org_a: Organisation,
    org_b: Organisation,
    *,
    max_hops: int | None = None,
    via: str = "both",
    labels: str = "auto",
    analyses: tuple[Analysis, Analysis] | None = None,
    lang: str = "en",
):
    """One page: both orbit diagrams side by side and a table of metrics with changes.

    The second design is laid out with the first one's positions as
    ``reference``, departments have the same colours in both, and markers
    use the same area per head, so the two drawings can be read together.
    ``lang`` (``'en'`` or ``'de'``) is the language of every text on the page.

    Returns
    -------
    matplotlib.figure.Figure
    """
    lang = T.lang_of(lang)
    if analyses is None:
        n_hops = 3 if max_hops is None else max_hops
        analyses = (analyse(org_a, n_hops, via), analyse(org_b, n_hops, via))
    a, b = analyses
    colours = department_colours_of(a, b)
    side = 7.4
    font_scale = 1.0
    table_h = 2.9
    width = 2 * side + 0.9
    height = 0.75 + side + 0.55 + table_h
    fig = new_figure(width, height)
    y = (table_h + 0.2) / height
    ax_a = fig.add_axes((0.3 / width, y, side / width, side / height))
    ax_b = fig.add_axes(((0.6 + side) / width, y, side / width, side / height))

    # one marker scale for both
    side_pts = side * 72.0
    per_head = []
    units = []
    for an in (a, b):
        u = UnitArrays.of(an, colours)
        units.append(u)
        per_head.append(OrbitDrawing.of(u, an, side_pts, font_scale, labels).per_head)
    per_head = min(per_head)

    drawing = {"labels": labels, "legend": False, "colours": colours, "per_head": per_head, "lang": lang}
    draw_orbit(org_a, a, ax_a, **drawing)
    pos_a = orbit_layout(org_a, analysis=a)
    draw_orbit(org_b, b, ax_b, reference=pos_a, **drawing)
    for ax, org in ((ax_a, org_a), (ax_b, org_b)):
        count = T.text(lang, "image.compare.units", units=T.number(len(org), lang))
        ax.set_title(
            f"{display_name(org) or T.text(lang, 'image.compare.design')}\n{count}",
            fontsize=S.FONT["title"] * 0.9,
            fontweight="bold",
            color=S.INK,
        )
    name_a = display_name(org_a) or T.text(lang, "image.compare.first")
    name_b = display_name(org_b) or T.text(lang, "image.compare.second")
    subtitle = T.text(lang, "image.compare.subtitle", via=T.via_text(a.via, lang), n=a.max_hops)
    fig.suptitle(
        f"{name_a}  →  {name_b}\n{subtitle}",
        fontsize=S.FONT["title"],
        fontweight="bold",
        color=S.INK,
        y=1 - 0.12 / height,
        va="top",
    )

    # the metrics table
    tab = fig.add_axes((0.3 / width, 0.25 / height, 0.52, (table_h - 0.4) / height))
    tab.set_axis_off()
    rows = compare_rows(a, b, lang)
    cells = tab.table(
        cellText=rows,
        colLabels=["", *_column_names(name_a, name_b, lang=lang)],
        colLoc="right",
        cellLoc="right",
        loc="upper left",
        colWidths=[0.4, 0.22, 0.22, 0.16],
        edges="horizontal",
    )
    cells.auto_set_font_size(False)
    cells.set_fontsize(S.FONT["table"])
    cells.scale(1.0, 1.35)
    for (r, c), cell in cells.get_celld().items():
        cell.set_edgecolor("#DDDDDD")
        if c == 0:
            cell.set_text_props(ha="left")
            cell._loc = "left"
        if r == 0:
            cell.set_text_props(fontweight="bold", color=S.INK)
        elif c == 3:
            better = _COMPARE_ROWS[r - 1][3]
            va, vb = a.summary.get(_COMPARE_ROWS[r - 1][0]), b.summary.get(_COMPARE_ROWS[r - 1][0])
            if better and va is not None and vb is not None and va != vb:
                good = (vb - va) * better > 0
                cell.set_text_props(color="#117733" if good else "#A50026", fontweight="bold")
    cells.set_gid("compare-table")

    # shared legend
    leg_ax = fig.add_axes((0.6, 0.25 / height, 0.38, (table_h - 0.4) / height))
    leg_ax.set_axis_off()
    departments = department_handles(units, limit=10, lang=lang)
    misplaced = bool(a.misplaced.any() or b.misplaced.any())
    key = orbit_key(units[0], a, per_head, 0.0, font_scale, True, misplaced, lang)
    fs = S.FONT["legend"]
    common = {"frameon": False, "fontsize": fs, "title_fontsize": S.FONT["legend_title"], "alignment": "left"}
    leg1 = leg_ax.legend(
        handles=departments,
        title=T.text(lang, "image.legend.departments_headcount"),
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        handlelength=1.2,
        **common,
    )
    leg_ax.add_artist(leg1)
    key_title = T.text(lang, "image.legend.key")
    leg_ax.legend(handles=key, title=key_title, loc="upper left", bbox_to_anchor=(0.55, 1.0), **common)
    return fig
