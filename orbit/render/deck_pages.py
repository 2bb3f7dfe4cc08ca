"""The board pack as PDF pages: the story's slides drawn by the matplotlib renderer, page by page.

Each page is a :class:`matplotlib.figure.Figure` of the slide's size; the
titles, tables, legends and notes come from the one story
(:func:`orbit.render.deck.build_story`) that the PowerPoint writer draws too,
and the diagrams are the renderer's own :func:`~orbit.render.draw_orbit` and
:func:`~orbit.render.draw_hierarchy` with the story's layouts, colours and
marker scale. :func:`story_pdf` writes them as one multi-page PDF
(``PdfPages``), so no office suite is needed.
"""

from __future__ import annotations

import io

from . import style as S
from .deck.story import MIN_PT, Diagram, Legend, Slide, Story, Table, table_font, title_size
from .orbit_view import draw_orbit
from .org_chart import draw_hierarchy
from .page import new_figure

__all__ = ["diagram_figure", "slide_figure", "story_pdf"]

_TONES = {"good": "#117733", "bad": "#A50026", "error": "#A50026", "warning": "#B35900", "info": "#3A6EA5"}


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
    return fig.add_axes(
        (frame.left / page.width, 1 - frame.bottom / page.height, frame.width / page.width, frame.height / page.height)
    )


def slide_figure(story: Story, s: Slide):
    """One slide as a Figure of the page's size."""
    page = story.page
    fig = new_figure(page.width, page.height)
    t = page.title
    size = title_size(s.title, t.width * 72.0, s.kind)
    if s.kind == "title":
        mid = page.height * 0.42
        fig.text(
            t.left / page.width,
            1 - mid / page.height,
            s.title,
            fontsize=size,
            fontweight="bold",
            color=S.INK,
            va="bottom",
        )
        lines = s.subtitle.split("\n")
        fig.text(
            t.left / page.width, 1 - (mid + 0.25) / page.height, lines[0], fontsize=18, color=S.INK, va="top", wrap=True
        )
        fig.text(
            t.left / page.width,
            1 - (mid + 1.0) / page.height,
            "\n".join(lines[1:]),
            fontsize=12,
            color=S.MUTED_INK,
            va="top",
        )
        return fig
    fig.text(
        t.left / page.width,
        1 - t.bottom / page.height,
        s.title,
        fontsize=size,
        fontweight="bold",
        color=S.INK,
        va="bottom",
    )
    if s.subtitle:
        f = page.subtitle
        fig.text(f.left / page.width, 1 - f.top / page.height, s.subtitle, fontsize=11, color=S.MUTED_INK, va="top")
    for d in s.diagrams:
        ax = _axes(fig, _square(d) if d.view == "orbit" else d.frame, page)
        draw_diagram(story, d, ax)
        if d.caption:
            ax.set_title(d.caption, fontsize=11, fontweight="bold", color=S.INK, pad=4)
    for table in s.tables:
        _table(fig, table, page)
    for legend in s.legends:
        _legend(fig, legend, page)
    if s.note:
        f = page.note
        fig.text(f.left / page.width, 1 - f.top / page.height, s.note, fontsize=9, color=S.MUTED_INK, va="top")
    return fig


def _square(d: Diagram):
    from .deck.frames import Frame

    side = min(d.frame.width, d.frame.height)
    return Frame(d.frame.left, d.frame.top, side, side)


def draw_diagram(story: Story, d: Diagram, ax) -> None:
    """The diagram of the story into ``ax``: the design's orbit view or org chart with the story's overlays."""
    design = story.designs[d.design]
    if d.view == "orbit":
        side = min(d.frame.width, d.frame.height)
        draw_orbit(
            design.orbit_org,
            design.orbit_analysis,
            ax,
            pos=design.orbit_pos,
            legend=False,
            title=False,
            colours=story.colours,
            per_head=story.per_head * (side / story.page.orbit_side) ** 2,
            font_scale=MIN_PT / S.FONT["label"],
            journey=d.journey or None,
            emphasis=d.emphasis,
            lang=story.lang,
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
    f = _square(d) if d.view == "orbit" else d.frame
    fig = new_figure(f.width, f.height)
    ax = fig.add_axes((0, 0, 1, 1))
    draw_diagram(story, d, ax)
    return fig


def _table(fig, table: Table, page) -> None:
    f = table.frame
    size = table_font(table)
    ax = _axes(fig, f, page)
    ax.set_axis_off()
    head = any(table.header)
    rows = [table.header, *table.rows] if head else list(table.rows)
    height = f.height * 72.0
    y = 0.0
    for r, row in enumerate(rows):
        lines = [
            _wrap(str(text), size, share * f.width * 72.0 - 8.0) for text, share in zip(row, table.widths, strict=False)
        ]
        n = max(len(x) for x in lines)
        h = n * size * 1.25 + 6.0
        colour = "#E8EBF2" if head and r == 0 else ("#FFFFFF" if r % 2 else "#F6F7FA")
        ax.add_patch(_rect(0.0, 1 - (y + h) / height, 1.0, h / height, colour, ax.transAxes))
        x = 0.0
        for j, (cell, share) in enumerate(zip(lines, table.widths, strict=False)):
            tone = None
            if table.tones and r >= (1 if head else 0):
                tones = table.tones[r - (1 if head else 0)]
                tone = tones[j] if j < len(tones) else None
            right = table.align[j] == "r"
            ax.text(
                x + (share - 4.0 / (f.width * 72.0) if right else 4.0 / (f.width * 72.0)),
                1 - (y + 3.0) / height,
                "\n".join(cell),
                ha="right" if right else "left",
                va="top",
                fontsize=size,
                fontweight="bold" if (head and r == 0) or tone else "normal",
                color=_TONES.get(tone, S.INK),
                linespacing=1.15,
                transform=ax.transAxes,
            )
            x += share
        y += h
    if table.note:
        ax.text(
            0.0,
            1 - (y + 6.0) / height,
            table.note,
            fontsize=max(size - 1, MIN_PT),
            color=S.MUTED_INK,
            va="top",
            wrap=True,
            transform=ax.transAxes,
        )


def _rect(x, y, w, h, colour, transform):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=colour, edgecolor="#DDDDDD", linewidth=0.5, transform=transform)


def _wrap(text: str, size: float, room: float) -> list[str]:
    from .text_fit import wrap_label

    lines, _ = wrap_label(text, size, max(room, 10.0), max_lines=6)
    return lines or [""]


def _legend(fig, legend: Legend, page) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax = _axes(fig, legend.frame, page)
    ax.set_axis_off()
    size = MIN_PT + 1.0
    departments = [Patch(facecolor=c, edgecolor="none", label=label) for c, label in legend.departments]
    hs = S.HIGHLIGHT_STYLE
    key = []
    for code, label in legend.key:
        if code in S.RELATION_STYLES:
            st = S.RELATION_STYLES[code]
            key.append(Line2D([], [], color=st.colour, lw=max(st.width, 0.75), ls=st.dash, label=label))
        elif code == "beyond":
            key.append(Patch(facecolor=S.RING_STYLE["beyond_fill"], edgecolor="none", label=label))
        else:
            style = {
                "customer": {"marker": "o", "mfc": S.CUSTOMER_STYLE["fill"], "mec": "white"},
                "flagged": {"marker": "D", "mfc": "#DDDDDD", "mec": S.FLAGGED_STYLE.edge, "mew": 1.5},
                "emphasis": {"marker": "o", "mfc": "none", "mec": hs["emphasis"], "mew": 1.5},
                "journey": {"marker": "o", "mfc": hs["journey"], "mec": "white"},
            }.get(code, {"marker": "o", "mfc": "#DDDDDD", "mec": "none"})
            key.append(Line2D([], [], ls="none", ms=8, label=label, **style))
    common = {"frameon": False, "fontsize": size, "title_fontsize": size, "alignment": "left", "borderaxespad": 0.0}
    first = ax.legend(
        handles=departments, title=legend.title, loc="upper left", bbox_to_anchor=(0.0, 1.0), handlelength=1.2, **common
    )
    first.get_title().set_fontweight("bold")
    ax.add_artist(first)
    second = ax.legend(handles=key, title=legend.key_title, loc="lower left", bbox_to_anchor=(0.0, 0.0), **common)
    second.get_title().set_fontweight("bold")
