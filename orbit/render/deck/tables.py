"""Tables and legends of the story as native PowerPoint objects: a real table, legend entries as shapes and text."""

from __future__ import annotations

from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from .. import style as S
from .shapes import EMU_PT, _no_style, group_of, line, rgb, text_box
from .story import MIN_PT, Legend, Table, row_lines, table_font

__all__ = ["TONES", "add_legend", "add_table"]

TONES = {"good": "#117733", "bad": "#A50026", "error": "#A50026", "warning": "#B35900", "info": "#3A6EA5"}
"""Text colours of table cells that read as better, worse, or a finding's severity."""


def _emu(points: float) -> Emu:
    return Emu(round(points * EMU_PT))


def add_table(slide, table: Table):
    """``table`` as a PowerPoint table in its frame, its note as a text box below it."""
    f = table.frame
    size = table_font(table)
    rows = [table.header, *table.rows] if any(table.header) else list(table.rows)
    head = any(table.header)
    frame = slide.shapes.add_table(
        len(rows), len(table.widths), _emu(f.left * 72), _emu(f.top * 72), _emu(f.width * 72), _emu(10)
    )
    frame.name = "table"
    t = frame.table
    t.first_row = head
    t.horz_banding = False
    for j, share in enumerate(table.widths):
        t.columns[j].width = _emu(f.width * 72 * share)
    used = 0.0
    for r, row in enumerate(rows):
        t.rows[r].height = _emu(size * 1.25 + 6)
        used += size * 1.25 + 6
        for j, text in enumerate(row):
            cell = t.cell(r, j)
            cell.margin_left = cell.margin_right = Pt(4)
            cell.margin_top = cell.margin_bottom = Pt(2)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb("#E8EBF2" if head and r == 0 else ("#FFFFFF" if r % 2 else "#F6F7FA"))
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            p.alignment = 3 if table.align[j] == "r" else 1
            run = p.add_run()
            run.text = str(text)
            run.font.size = Pt(size)
            tone = None
            if r >= (1 if head else 0) and table.tones:
                tones = table.tones[r - (1 if head else 0)]
                tone = tones[j] if j < len(tones) else None
            run.font.bold = (head and r == 0) or tone is not None
            run.font.color.rgb = rgb(TONES.get(tone, S.INK))
    if table.note:
        rows_h = sum(row_lines(row, table, size) * (size * 1.25) + 6 for row in rows)
        top = min(f.top * 72 + rows_h + 6, f.bottom * 72 - size * 2.6)
        text_box(
            slide.shapes,
            f.left * 72,
            top,
            f.width * 72,
            size * 2.6,
            table.note,
            size=max(size - 1, MIN_PT),
            colour=S.MUTED_INK,
        )
    return frame


def add_legend(slide, legend: Legend):
    """The legend as one group: a swatch and a text per department, then a mark and a text per key entry."""
    f = legend.frame
    size = MIN_PT + 1.0
    step = size * 1.55

    def build(shapes):
        x, y = f.left * 72, f.top * 72
        width = f.width * 72
        text_box(shapes, x, y, width, step, legend.title, size=size, bold=True)
        y += step
        for colour, label in legend.departments:
            sw = shapes.add_shape(
                MSO_SHAPE.RECTANGLE, _emu(x + 2), _emu(y + step * 0.2), _emu(size * 1.1), _emu(size * 0.9)
            )
            _no_style(sw)
            sw.fill.solid()
            sw.fill.fore_color.rgb = rgb(colour)
            sw.line.fill.background()
            text_box(shapes, x + size * 1.6, y, width - size * 1.6, step, label, size=size, anchor="middle")
            y += step
        y += step * 0.4
        text_box(shapes, x, y, width, step, legend.key_title, size=size, bold=True)
        y += step
        for code, label in legend.key:
            _key_mark(shapes, code, x + 2, y + step / 2, size)
            text_box(shapes, x + size * 2.4, y, width - size * 2.4, step, label, size=size, anchor="middle")
            y += step

    return group_of(slide.shapes, build, legend.title)


def _key_mark(shapes, code: str, x: float, y: float, size: float) -> None:
    rs = S.RELATION_STYLES
    if code in rs:
        st = rs[code]
        line(shapes, (x, y), (x + size * 1.9, y), colour=st.colour, width=max(st.width, 0.75), dash=st.dash == "dashed")
        return
    d = size * 1.1
    shape_id = {"flagged": MSO_SHAPE.DIAMOND, "beyond": MSO_SHAPE.RECTANGLE}.get(code, MSO_SHAPE.OVAL)
    mark = shapes.add_shape(shape_id, _emu(x + size * 0.4), _emu(y - d / 2), _emu(d), _emu(d))
    _no_style(mark)
    hs = S.HIGHLIGHT_STYLE
    fill, edge = {
        "customer": (S.CUSTOMER_STYLE["fill"], None),
        "flagged": ("#DDDDDD", S.FLAGGED_STYLE.edge),
        "beyond": (S.RING_STYLE["beyond_fill"], None),
        "emphasis": (None, hs["emphasis"]),
        "journey": (hs["journey"], None),
    }.get(code, ("#DDDDDD", None))
    if fill is None:
        mark.fill.background()
    else:
        mark.fill.solid()
        mark.fill.fore_color.rgb = rgb(fill)
    if edge is None:
        mark.line.fill.background()
    else:
        mark.line.color.rgb = rgb(edge)
        mark.line.width = Pt(1.5)
