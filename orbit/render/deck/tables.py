"""Tables and legends of the story as native PowerPoint objects: a real table, legend entries as shapes and text."""

from __future__ import annotations

from pptx.util import Emu, Pt

from .. import style as S
from .parts import CAPTION_PT, CELL_PAD, LEGEND_PT, MIN_PT, Legend, Table
from .shapes import EMU_PT, ShapeGroup, language_tag

__all__ = ["TONES", "add_legend", "add_table"]

TONES = {"good": "#117733", "bad": "#A50026", "error": "#A50026", "warning": "#B35900", "info": "#3A6EA5"}
"""Text colours of table cells that read as better, worse, or a finding's severity."""

HEADER_FILL, ODD_FILL, EVEN_FILL = "#E8EBF2", "#FFFFFF", "#F6F7FA"


def _emu(points: float) -> Emu:
    return Emu(round(points * EMU_PT))


def add_table(slide, table: Table, lang: str = "en"):
    """``table`` (laid out by the story) as a PowerPoint table in its frame, caption above and note below."""
    from pptx.dml.color import RGBColor

    f = table.frame
    size = table.size
    head = any(table.header)
    rows = [table.header, *table.rows] if head else list(table.rows)
    top = f.top * 72.0
    if table.caption:
        _note_box(slide, f.left * 72.0, top, f.width * 72.0, table.caption_height, table.caption, CAPTION_PT, lang,
                  bold=True)  # fmt: skip
        top += table.caption_height
    heights = table.heights if head else table.heights[-len(rows) :]
    frame = slide.shapes.add_table(
        len(rows), len(table.align), _emu(f.left * 72), _emu(top), _emu(f.width * 72), _emu(sum(heights))
    )
    frame.name = "table"
    t = frame.table
    t.first_row = head
    t.horz_banding = False
    for j, share in enumerate(table.widths):
        t.columns[j].width = _emu(f.width * 72 * share)
    tag = language_tag(lang)
    for r, row in enumerate(rows):
        t.rows[r].height = _emu(heights[r])
        body = r - 1 if head else r
        for j, text in enumerate(row):
            cell = t.cell(r, j)
            cell.margin_left = cell.margin_right = Pt(CELL_PAD)
            cell.margin_top = cell.margin_bottom = Pt(3)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(
                (HEADER_FILL if head and r == 0 else (ODD_FILL if r % 2 else EVEN_FILL))[1:]
            )
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            p.alignment = 3 if table.align[j] == "r" else 1
            run = p.add_run()
            run.text = str(text)
            run.font.size = Pt(size)
            tone = table.tone(body, j) if body >= 0 else None
            run.font.bold = (head and r == 0) or tone is not None
            run.font.color.rgb = RGBColor.from_string(TONES.get(tone, S.INK)[1:])
            run._r.get_or_add_rPr().set("lang", tag)
    if table.note:
        note_top = top + sum(heights) + 4.0
        _note_box(
            slide, f.left * 72, note_top, f.width * 72, table.note_height, table.note, max(size - 1, MIN_PT), lang
        )
    return frame


def _note_box(slide, left, top, width, height, text, size, lang, bold=False):
    box = ShapeGroup.on(slide, "note", lang)
    box.text(left, top, width, height, text, size=size, bold=bold, colour=S.INK if bold else S.MUTED_INK,
             name="caption" if bold else "note")  # fmt: skip
    box.add_to(slide, group=False)


def add_legend(slide, legend: Legend, lang: str = "en"):
    """The legend as one group: a swatch and a text per department, then a mark and a text per key entry."""
    f = legend.frame
    size = LEGEND_PT
    step = size * 1.55
    shapes = ShapeGroup.on(slide, legend.title, lang)
    x, y = f.left * 72, f.top * 72
    width = f.width * 72
    shapes.text(x, y, width, step, legend.title, size=size, bold=True, anchor="middle")
    y += step
    for colour, label in legend.departments:
        shapes.shape("rect", x + 2, y + step * 0.2, size * 1.1, size * 0.9, fill=colour, name=label)
        shapes.text(x + size * 1.6, y, width - size * 1.6, step, label, size=size, anchor="middle", wrap=False)
        y += step
    if legend.key:
        y += step * 0.4
        shapes.text(x, y, width, step, legend.key_title, size=size, bold=True, anchor="middle")
        y += step
    for code, label in legend.key:
        _key_mark(shapes, code, x + 2, y + step / 2, size)
        shapes.text(x + size * 2.4, y, width - size * 2.4, step, label, size=size, anchor="middle", wrap=False)
        y += step
    return shapes.add_to(slide)


def _key_mark(shapes: ShapeGroup, code: str, x: float, y: float, size: float) -> None:
    if code == "note":  # the line above continued: no mark
        return
    rs = S.RELATION_STYLES
    if code in rs:
        st = rs[code]
        shapes.connector(
            (x, y), (x + size * 1.9, y), colour=st.colour, width=max(st.width, 0.75), dash=st.dash == "dashed",
            name=code, layer="shapes",
        )  # fmt: skip
        return
    d = size * 1.1
    preset = {"flagged": "diamond", "beyond": "rect"}.get(code, "ellipse")
    hs = S.HIGHLIGHT_STYLE
    fill, edge = {
        "customer": (S.CUSTOMER_STYLE["fill"], None),
        "flagged": ("#DDDDDD", S.FLAGGED_STYLE.edge),
        "beyond": (S.RING_STYLE["beyond_fill"], None),
        "emphasis": (None, hs["emphasis"]),
        "journey": (hs["journey"], None),
    }.get(code, ("#DDDDDD", None))
    shapes.shape(preset, x + size * 0.4, y - d / 2, d, d, fill=fill, edge=edge, edge_width=1.5, name=code)
