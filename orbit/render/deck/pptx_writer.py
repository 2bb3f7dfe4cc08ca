"""The story as a PowerPoint file: slide by slide, titles in the layout's title placeholder, diagrams as shapes."""

from __future__ import annotations

import io

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from .. import style as S
from .chart_shapes import add_chart
from .orbit_shapes import add_orbit
from .shapes import EMU_PT, text_box
from .story import Diagram, Slide, Story, title_size
from .tables import add_legend, add_table
from .template import open_deck

__all__ = ["picture_of", "write_pptx"]

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


def write_pptx(story: Story, template: str | None = None) -> bytes:
    """The deck as ``.pptx`` bytes (see :func:`orbit.render.deck.deck_pptx`)."""
    deck = open_deck(template)
    if template is not None and (deck.page.width, deck.page.height) != (story.page.width, story.page.height):
        raise ValueError("the story was built for another page: build it with the template's page")
    for s in story.slides:
        _slide(deck, story, s)
    buf = io.BytesIO()
    deck.prs.save(buf)
    return buf.getvalue()


def _slide(deck, story: Story, s: Slide) -> None:
    layout = deck.title_layout if s.kind == "title" else deck.content_layout
    slide = deck.prs.slides.add_slide(layout)
    page = story.page
    title = next((ph for ph in slide.placeholders if ph.placeholder_format.type in _TITLES), None)
    subtitle = next((ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)
    keep = {id(x._element) for x in (title, subtitle if s.kind == "title" else None) if x is not None}
    for ph in list(slide.placeholders):
        if id(ph._element) not in keep:
            ph._element.getparent().remove(ph._element)
    if title is None:
        title = text_box(slide.shapes, page.title.left * 72, page.title.top * 72, page.title.width * 72,
                         page.title.height * 72, "", anchor="bottom")  # fmt: skip
    width = (title.width or Emu(int(page.title.width * 914400))) / EMU_PT
    tf = title.text_frame
    tf.text = s.title
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    size = title_size(s.title, width, s.kind)
    for p in tf.paragraphs:
        if s.kind != "title":
            p.alignment = PP_ALIGN.LEFT
        for run in p.runs:
            run.font.size = Pt(size)
    if s.kind == "title":
        lines = s.subtitle.split("\n")
        if subtitle is not None:
            subtitle.text_frame.text = lines[0]
            for line in lines[1:]:
                p = subtitle.text_frame.add_paragraph()
                p.text = line
            for k, p in enumerate(subtitle.text_frame.paragraphs):
                for run in p.runs:
                    run.font.size = Pt(22 if k == 0 else 14)
        else:
            c = page.content
            text_box(slide.shapes, c.left * 72, c.top * 72 + 40, c.width * 72, c.height * 72 - 40,
                     [(lines[0], True), *lines[1:]], size=20)  # fmt: skip
        return
    if s.subtitle:
        f = page.subtitle
        text_box(slide.shapes, f.left * 72, f.top * 72, f.width * 72, f.height * 72, s.subtitle, size=11,
                 colour=S.MUTED_INK, name="subtitle")  # fmt: skip
    for d in s.diagrams:
        _diagram(slide, story, d)
    for t in s.tables:
        add_table(slide, t)
    for legend in s.legends:
        add_legend(slide, legend)
    if s.note:
        f = page.note
        text_box(slide.shapes, f.left * 72, f.top * 72, f.width * 72, f.height * 72, s.note, size=9,
                 colour=S.MUTED_INK, name="note")  # fmt: skip


def _diagram(slide, story: Story, d: Diagram) -> None:
    f = d.frame
    design = story.designs[d.design]
    if d.caption:
        text_box(slide.shapes, f.left * 72, (f.top - 0.3) * 72, f.width * 72, 0.3 * 72, d.caption, size=11,
                 bold=True, align="center", name="caption")  # fmt: skip
    picture = design.orbit_picture if d.view == "orbit" else design.chart_picture
    if picture:
        png = picture_of(story, d)
        side = (min(f.width, f.height), min(f.width, f.height)) if d.view == "orbit" else (f.width, f.height)
        slide.shapes.add_picture(io.BytesIO(png), Emu(int(f.left * 914400)), Emu(int(f.top * 914400)),
                                 Emu(int(side[0] * 914400)), Emu(int(side[1] * 914400)))  # fmt: skip
        return
    if d.view == "orbit":
        add_orbit(slide, story, d)
    else:
        add_chart(slide, story, d)


def picture_of(story: Story, d: Diagram) -> bytes:
    """The diagram drawn by the matplotlib renderer as a PNG, for designs too big for shapes."""
    from ..deck_pages import diagram_figure
    from ..output import figure_bytes

    return figure_bytes(diagram_figure(story, d), "png", dpi=200)
