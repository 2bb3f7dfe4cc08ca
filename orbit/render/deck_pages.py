"""The board pack as PDF pages: the story's slides drawn by the matplotlib renderer, page by page.

Each page is a :class:`matplotlib.figure.Figure` of the slide's size; the
titles, tables (laid out by the story: size, column widths, rows), legends,
key figures and notes come from the one story
(:func:`orbit.render.deck.build_story`) that the PowerPoint writer draws
too, and the diagrams are the renderer's own :func:`~orbit.render.draw_orbit`
(with the story's fitted :class:`~orbit.render.orbit_view.OrbitGeometry`,
so the labels sit where the slide's shapes put them) and
:func:`~orbit.render.draw_hierarchy` with the story's layout and colours.
:func:`story_pdf` writes them as one multi-page PDF (``PdfPages``), so no
office suite is needed.
"""

from __future__ import annotations

import io

from . import style as S
from .deck.parts import (
    CAPTION_PT,
    CELL_PAD,
    LEGEND_PT,
    MIN_PT,
    Diagram,
    Legend,
    Slide,
    Story,
    Table,
    cell_lines,
    cover_title,
    figure_tiles,
    title_size,
)
from .deck.slides import DATE_PT, HEADLINE_PT, caption_height
from .orbit_view import draw_orbit
from .org_chart import draw_hierarchy
from .page import new_figure

__all__ = ["diagram_figure", "slide_figure", "story_pdf"]

_TONES = {"good": "#117733", "bad": "#A50026", "error": "#A50026", "warning": "#B35900", "info": "#3A6EA5"}
_BAND_INK, _BAND_MUTED = "#FFFFFF", "#C9D1E6"


def story_pdf(story: Story) -> bytes:
    """Every slide of ``story`` as one page of a PDF (fonts embedded, text selectable)."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    buf = io.BytesIO()
    with matplotlib.rc_context({"pdf.fonttype": 42}), PdfPages(buf, metadata={"Creator": "orbit"}) as pdf:
        for s in story.slides:
            pdf.savefig(slide_figure(story, s))
    return buf.getvalue()


def _axes(fig, frame, page):
    ax = fig.add_axes(
        (frame.left / page.width, 1 - frame.bottom / page.height, frame.width / page.width, frame.height / page.height)
    )
    ax.set_axis_off()
    return ax


class _Page:
    """Text on a page in slide points from the top left (matplotlib measures from the bottom left)."""

    def __init__(self, fig, page):
        self.fig, self.page = fig, page

    def text(self, x: float, y: float, text: str, **kwargs):
        return self.fig.text(x / 72.0 / self.page.width, 1 - y / 72.0 / self.page.height, text, **kwargs)

    def box(self, x: float, y: float, w: float, h: float, **kwargs):
        from matplotlib.patches import FancyBboxPatch, Rectangle

        fig, page = self.fig, self.page
        xy = (x / 72.0 / page.width, 1 - (y + h) / 72.0 / page.height)
        size = (w / 72.0 / page.width, h / 72.0 / page.height)
        rounding = kwargs.pop("rounding", 0.0)
        if rounding:
            patch = FancyBboxPatch(
                xy, *size, boxstyle=f"round,pad=0,rounding_size={rounding / 72.0 / page.height}",
                transform=fig.transFigure, **kwargs,
            )  # fmt: skip
        else:
            patch = Rectangle(xy, *size, transform=fig.transFigure, **kwargs)
        fig.patches.append(patch)


def slide_figure(story: Story, s: Slide):
    """One slide as a Figure of the page's size."""
    page = story.page
    fig = new_figure(page.width, page.height)
    out = _Page(fig, page)
    if s.kind == "title":
        _title_page(out, story, s)
        return fig
    t = page.title
    out.text(t.left * 72, t.bottom * 72, s.title, fontsize=title_size(s.title, t.width * 72.0, s.kind),
             fontweight="bold", color=S.INK, va="bottom")  # fmt: skip
    if s.subtitle:
        f = page.subtitle
        out.text(f.left * 72 + 2, f.top * 72 + 1, s.subtitle, fontsize=11, color=S.MUTED_INK, va="top")
    for d in s.diagrams:
        draw_diagram(story, d, _axes(fig, d.frame, page))
        if d.caption:
            f = d.frame
            lines = cell_lines(d.caption, CAPTION_PT, f.width * 72.0, "bold")[:2]
            h = caption_height(d.caption, f.width) * 72
            out.text((f.left + f.width / 2) * 72, f.top * 72 - h + 3, "\n".join(lines), fontsize=CAPTION_PT,
                     fontweight="bold", color=S.INK, ha="center", va="top", linespacing=1.1)  # fmt: skip
    for table in s.tables:
        _table(out, table)
    for legend in s.legends:
        _legend(out, legend)
    if s.note:
        f = page.note
        out.text(f.left * 72 + 2, f.top * 72 + 1, s.note, fontsize=9, color=S.MUTED_INK, va="top")
    return fig


def _title_page(out: _Page, story: Story, s: Slide) -> None:
    cover = story.page.cover
    own = not story.page.template
    if cover.band is not None and own:
        b = cover.band
        out.box(b.left * 72, b.top * 72, b.width * 72, b.height * 72, facecolor=S.CUSTOMER_STYLE["fill"], lw=0)
    t = cover.title
    size, lines = cover_title(s.title, t.width * 72, t.height * 72)
    out.text(t.left * 72 + 4, t.bottom * 72 - 4, "\n".join(lines), fontsize=size, fontweight="bold",
             color=_BAND_INK if own else S.INK, va="bottom", linespacing=1.1)  # fmt: skip
    f = cover.subtitle
    lines = cell_lines(s.subtitle, HEADLINE_PT, f.width * 72 - 15)
    out.text(f.left * 72 + 4, f.top * 72 + 4, "\n".join(lines), fontsize=HEADLINE_PT, va="top",
             color=_BAND_INK if own else S.INK)  # fmt: skip
    below = f.top * 72 + 4 + len(lines) * HEADLINE_PT * 1.2 + 10
    out.text(f.left * 72 + 4, below, s.date, fontsize=DATE_PT, color=_BAND_MUTED if own else S.MUTED_INK, va="top")
    if s.figures_frame is None:
        return
    for tile in figure_tiles(s.figures_frame, s.figures):
        b = tile.frame
        out.box(b.left * 72, b.top * 72, b.width * 72, b.height * 72, facecolor="#F3F5FA", edgecolor="#DCE1EC",
                lw=0.75, rounding=6)  # fmt: skip
        _figure_value(out, tile, (b.left + b.width / 2) * 72, b.top * 72 + 10 + tile.value_height / 2)
        out.text((b.left + b.width / 2) * 72, b.top * 72 + 10 + tile.value_height, "\n".join(tile.lines),
                 fontsize=tile.label_size, color=S.MUTED_INK, ha="center", va="top", linespacing=1.15)  # fmt: skip


def _figure_value(out: _Page, tile, cx: float, cy: float) -> None:
    """``70 % → 100 %`` centred at ``cx, cy``: the earlier value muted, the last bold in the change's tone."""
    from .text_fit import text_width

    parts = []
    for k, value in enumerate(tile.values):
        if k:
            parts.append(("  →  ", tile.size * 0.7, "normal", S.MUTED_INK))
        last = k == len(tile.values) - 1
        colour = _TONES.get(tile.tone, S.INK) if last and len(tile.values) > 1 else (S.INK if last else S.MUTED_INK)
        parts.append((value, tile.size, "bold" if last else "normal", colour))
    x = cx - sum(text_width(t, size, w) for t, size, w, _ in parts) / 2
    for text, size, weight, colour in parts:
        out.text(x, cy, text, fontsize=size, fontweight=weight, color=colour, va="center_baseline")
        x += text_width(text, size, weight)


def draw_diagram(story: Story, d: Diagram, ax) -> None:
    """The diagram of the story into ``ax``: the design's orbit view or org chart with the story's overlays."""
    design = story.designs[d.design]
    if d.view == "orbit":
        draw_orbit(
            design.orbit_org,
            design.orbit_analysis,
            ax,
            pos=design.orbit_pos,
            legend=False,
            title=False,
            colours=story.colours,
            lang=story.lang,
            geometry=d.geometry,
        )
    else:
        draw_hierarchy(
            design.chart_org,
            design.chart_analysis,
            ax,
            pos=design.chart_pos,
            legend=False,
            title=False,
            colours=story.colours,
            font_scale=max(design.chart_scale, MIN_PT / (S.FONT["label"] * 1.08)),
            journey=d.journey or None,
            emphasis=d.emphasis,
            lang=story.lang,
        )


def diagram_figure(story: Story, d: Diagram):
    """The diagram alone as a Figure of its frame's size (the deck's picture of a design too big for shapes)."""
    f = d.frame
    fig = new_figure(f.width, f.height)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    draw_diagram(story, d, ax)
    return fig


def _table(out: _Page, table: Table) -> None:
    f = table.frame
    size = table.size
    head = any(table.header)
    rows = [table.header, *table.rows] if head else list(table.rows)
    heights = table.heights if head else table.heights[-len(rows) :]
    x0, width = f.left * 72.0, f.width * 72.0
    y = f.top * 72.0
    if table.caption:
        lines = cell_lines(table.caption, CAPTION_PT, width - 4.0, "bold")[:2]
        out.text(x0 + 2, y + 3, "\n".join(lines), fontsize=CAPTION_PT, fontweight="bold", color=S.INK, va="top",
                 linespacing=1.1)  # fmt: skip
        y += table.caption_height
    for r, (row, h) in enumerate(zip(rows, heights, strict=True)):
        colour = "#E8EBF2" if head and r == 0 else ("#FFFFFF" if r % 2 else "#F6F7FA")
        out.box(x0, y, width, h, facecolor=colour, edgecolor="#DDDDDD", linewidth=0.5)
        x = x0
        body = r - 1 if head else r
        for j, (text, share) in enumerate(zip(row, table.widths, strict=False)):
            tone = table.tone(body, j) if body >= 0 else None
            weight = "bold" if (head and r == 0) or tone else "normal"
            w = share * width
            right = table.align[j] == "r"
            out.text(
                x + (w - CELL_PAD if right else CELL_PAD), y + 3.0,
                "\n".join(cell_lines(str(text), size, w - 2 * CELL_PAD, weight)),
                ha="right" if right else "left", va="top", fontsize=size, fontweight=weight,
                color=_TONES.get(tone, S.INK), linespacing=1.12,
            )  # fmt: skip
            x += w
        y += h
    if table.note:
        size = max(size - 1, MIN_PT)
        lines = cell_lines(table.note, size, width - 4.0)[:3]
        out.text(x0 + 2, y + 6.0, "\n".join(lines), fontsize=size, color=S.MUTED_INK, va="top", linespacing=1.15)


def _legend(out: _Page, legend: Legend) -> None:
    """The legend as the PowerPoint writer lays it out: a row per department, then the key's marks."""
    from matplotlib.lines import Line2D

    f = legend.frame
    size = LEGEND_PT
    step = size * 1.55
    x, y = f.left * 72, f.top * 72
    fig, page = out.fig, out.page

    def mid(y_top: float) -> float:
        return y_top + step / 2

    out.text(x + 2, mid(y), legend.title, fontsize=size, fontweight="bold", color=S.INK, va="center")
    y += step
    for colour, label in legend.departments:
        out.box(x + 2, y + step * 0.2, size * 1.1, size * 0.9, facecolor=colour, lw=0)
        out.text(x + size * 1.6 + 2, mid(y), label, fontsize=size, color=S.INK, va="center")
        y += step
    if legend.key:
        y += step * 0.4
        out.text(x + 2, mid(y), legend.key_title, fontsize=size, fontweight="bold", color=S.INK, va="center")
        y += step
    hs = S.HIGHLIGHT_STYLE
    for code, label in legend.key:
        cy = 1 - mid(y) / 72.0 / page.height
        mark_x = (x + 2) / 72.0 / page.width
        if code in S.RELATION_STYLES:
            st = S.RELATION_STYLES[code]
            end = (x + 2 + size * 1.9) / 72.0 / page.width
            fig.lines.append(
                Line2D([mark_x, end], [cy, cy], color=st.colour, lw=max(st.width, 0.75), ls=st.dash,
                       transform=fig.transFigure)
            )  # fmt: skip
        elif code == "beyond":
            out.box(x + 2 + size * 0.4, mid(y) - size * 0.55, size * 1.1, size * 1.1,
                    facecolor=S.RING_STYLE["beyond_fill"], lw=0)  # fmt: skip
        else:
            style = {
                "customer": {"marker": "o", "mfc": S.CUSTOMER_STYLE["fill"], "mec": "none"},
                "flagged": {"marker": "D", "mfc": "#DDDDDD", "mec": S.FLAGGED_STYLE.edge, "mew": 1.5},
                "emphasis": {"marker": "o", "mfc": "none", "mec": hs["emphasis"], "mew": 1.5},
                "journey": {"marker": "o", "mfc": hs["journey"], "mec": "none"},
            }.get(code, {"marker": "o", "mfc": "#DDDDDD", "mec": "none"})
            centre = (x + 2 + size * 0.95) / 72.0 / page.width
            fig.lines.append(Line2D([centre], [cy], ls="none", ms=size * 1.1, transform=fig.transFigure, **style))
        out.text(x + size * 2.4 + 2, mid(y), label, fontsize=size, color=S.INK, va="center")
        y += step
