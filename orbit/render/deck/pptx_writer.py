"""The story as a PowerPoint file: slide by slide, titles in the layout's placeholders, diagrams as shapes."""

from __future__ import annotations

import io

from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from ... import i18n as T
from .. import style as S
from .chart_shapes import add_chart
from .orbit_shapes import add_orbit
from .parts import CAPTION_PT, cover_title, figure_tiles
from .shapes import EMU_PT, ShapeGroup, language_tag, runs_xml
from .slides import DATE_PT, HEADLINE_PT, caption_height
from .story import Diagram, Slide, Story, title_size
from .tables import TONES, add_legend, add_table
from .template import open_deck, place

__all__ = ["picture_of", "write_pptx"]

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
BAND_INK = "#FFFFFF"  # text on the title slide's band
BAND_MUTED = "#C9D1E6"


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


def _set_text(frame, lines, size: float, lang: str, *, colour=None, bold=None, align=None) -> None:
    """Replace a text frame's text by ``lines`` (one paragraph each), all at ``size``."""
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    tag = language_tag(lang)
    for p in frame.paragraphs:
        if align is not None:
            p.alignment = align
        for run in p.runs:
            run.font.size = Pt(size)
            if colour is not None:
                run.font.color.rgb = RGBColor.from_string(colour[1:])
            if bold is not None:
                run.font.bold = bold
            run._r.get_or_add_rPr().set("lang", tag)


def _slide(deck, story: Story, s: Slide) -> None:
    layout = deck.title_layout if s.kind == "title" else deck.content_layout
    slide = deck.prs.slides.add_slide(layout)
    slide.shapes.turbo_add_enabled = True
    page = story.page
    title = next((ph for ph in slide.placeholders if ph.placeholder_format.type in _TITLES), None)
    subtitle = next((ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE), None)
    keep = {id(x._element) for x in (title, subtitle if s.kind == "title" else None) if x is not None}
    for ph in list(slide.placeholders):
        if id(ph._element) not in keep:
            ph._element.getparent().remove(ph._element)
    cover = page.cover
    if s.kind == "title":  # a template's placeholder off the slide or without height: in Orbit's frame instead
        if title is not None and "cover" in deck.relocated:
            place(title, cover.title)
            title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        if subtitle is not None and "subtitle" in deck.relocated:
            place(subtitle, cover.subtitle)
            subtitle.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        _title_slide(slide, story, s, title, subtitle)
        return
    if title is not None and "title" in deck.relocated:
        place(title, page.title)
        title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    if title is None:
        box = ShapeGroup.on(slide, "title", story.lang)
        t = page.title
        box.text(t.left * 72, t.top * 72, t.width * 72, t.height * 72, "", anchor="bottom", name="Title")
        box.add_to(slide, group=False)
        title = slide.shapes[-1]
    width = (title.width or Emu(int(page.title.width * 914400))) / EMU_PT
    tf = title.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    own = not page.template  # Orbit's own look: titles as the PDF pages set them
    _set_text(tf, [s.title], title_size(s.title, width, s.kind), story.lang, align=PP_ALIGN.LEFT,
              colour=S.INK if own else None, bold=True if own else None)  # fmt: skip
    loose = ShapeGroup.on(slide, "texts", story.lang)
    if s.subtitle:
        f = page.subtitle
        loose.text(f.left * 72, f.top * 72, f.width * 72, f.height * 72, s.subtitle, size=11, colour=S.MUTED_INK,
                   name="subtitle")  # fmt: skip
    if s.note:
        f = page.note
        loose.text(f.left * 72, f.top * 72, f.width * 72, f.height * 72, s.note, size=9, colour=S.MUTED_INK,
                   name="note")  # fmt: skip
    for d in s.diagrams:
        if d.caption:
            f = d.frame
            h = caption_height(d.caption, f.width) * 72
            loose.text(f.left * 72, f.top * 72 - h, f.width * 72, h, d.caption, size=CAPTION_PT, bold=True,
                       align="center", anchor="bottom", name="caption")  # fmt: skip
    if not loose.empty:
        loose.add_to(slide, group=False)
    for d in s.diagrams:
        _diagram(slide, story, d)
    for t in s.tables:
        add_table(slide, t, story.lang)
    for legend in s.legends:
        add_legend(slide, legend, story.lang)


def _title_slide(slide, story: Story, s: Slide, title, subtitle) -> None:
    page, lang = story.page, story.lang
    cover = page.cover
    own = not page.template
    if cover.band is not None and own:
        band = ShapeGroup.on(slide, "band", lang)
        b = cover.band
        band.shape("rect", b.left * 72, b.top * 72, b.width * 72, b.height * 72, fill=S.CUSTOMER_STYLE["fill"],
                   name="band")  # fmt: skip
        band.add_to(slide, group=False, below=True)
    size, lines = cover_title(s.title, cover.title.width * 72, cover.title.height * 72)
    if title is None:
        extra = ShapeGroup.on(slide, "title", lang)
        t = cover.title
        extra.text(t.left * 72, t.top * 72, t.width * 72, t.height * 72, "", anchor="bottom", name="Title")
        extra.add_to(slide, group=False)
        title = slide.shapes[-1]
    tf = title.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    if not own:  # the template's font and alignment: one paragraph, wrapped where its font needs
        names = s.names if len(s.names) == 2 and len(lines) > 1 else None
        if names and s.title == T.text(lang, "deck.title.pair", a=names[0], b=names[1]):
            lines = [T.text(lang, "deck.title.pair", a=names[0], b="\v" + names[1])]  # the second name on its line
        else:
            lines = [" ".join(lines)]
    _set_text(tf, lines, size, lang, colour=BAND_INK if own else None, bold=True if own else None,
              align=PP_ALIGN.LEFT if own else None)  # fmt: skip
    texts = [s.subtitle, s.date]
    if subtitle is None:
        extra = ShapeGroup.on(slide, "subtitle", lang)
        f = cover.subtitle
        extra.text(f.left * 72, f.top * 72, f.width * 72, f.height * 72, "", name="Subtitle")
        extra.add_to(slide, group=False)
        subtitle = slide.shapes[-1]
    tf = subtitle.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    _set_text(tf, texts, HEADLINE_PT, lang, colour=BAND_INK if own else None, align=PP_ALIGN.LEFT if own else None)
    date = tf.paragraphs[-1]
    date.space_before = Pt(10)
    for run in date.runs:
        run.font.size = Pt(DATE_PT)
        if own:
            run.font.color.rgb = RGBColor.from_string(BAND_MUTED[1:])
    if s.figures_frame is not None and s.figures:
        _figures(slide, story, s)


def _figures(slide, story: Story, s: Slide) -> None:
    """The key figures as tiles: what each is, and its value before → after (the change coloured)."""
    lang = story.lang
    shapes = ShapeGroup.on(slide, "key figures", lang)
    for tile in figure_tiles(s.figures_frame, s.figures):
        f = tile.frame
        shapes.shape("roundRect", f.left * 72, f.top * 72, f.width * 72, f.height * 72, fill="#F3F5FA",
                     edge="#DCE1EC", adjust=0.08, name=tile.label)  # fmt: skip
        runs = []
        for k, value in enumerate(tile.values):
            if k:
                runs.append(("  →  ", False, S.MUTED_INK, tile.size * 0.7))
            last = k == len(tile.values) - 1
            colour = TONES.get(tile.tone, S.INK) if last and len(tile.values) > 1 else (S.INK if last else S.MUTED_INK)
            runs.append((value, last, colour))
        pad = 10.0
        value_xml = runs_xml(runs, size=tile.size, lang=lang, align="center")
        shapes.text(f.left * 72 + pad, f.top * 72 + pad, f.width * 72 - 2 * pad, tile.value_height, "",
                    anchor="middle", name=f"{tile.label}: value", paragraphs=value_xml)  # fmt: skip
        shapes.text(f.left * 72 + pad, f.top * 72 + pad + tile.value_height, f.width * 72 - 2 * pad,
                    f.height * 72 - 2 * pad - tile.value_height, tile.label, size=tile.label_size,
                    colour=S.MUTED_INK, align="center", name=tile.label)  # fmt: skip
    shapes.add_to(slide)


def _diagram(slide, story: Story, d: Diagram) -> None:
    f = d.frame
    design = story.designs[d.design]
    picture = design.orbit_picture if d.view == "orbit" else design.chart_picture
    if picture:
        png = picture_of(story, d)
        slide.shapes.add_picture(io.BytesIO(png), Emu(int(f.left * 914400)), Emu(int(f.top * 914400)),
                                 Emu(int(f.width * 914400)), Emu(int(f.height * 914400)))  # fmt: skip
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
