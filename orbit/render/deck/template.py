"""The deck's frame: a new 16:9 presentation, or a user's template with its layouts, theme and slide size.

A template's own slides are removed (a template is given for its look, not
its example content); its masters, layouts, theme and slide size are kept.
Layouts are picked by their placeholders, never by position: the title
slide takes a layout with a (centre) title and a subtitle, every other
slide the layout with a title and the fewest other placeholders
(PowerPoint's "Title Only").
"""

from __future__ import annotations

import zipfile

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu

from ...errors import OrgError
from .frames import SLIDE_16_9, Cover, Frame, Page

__all__ = ["TemplateDeck", "open_deck", "place", "template_page"]

_EMU_IN = 914400
_CHROME = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


class TemplateDeck:
    """A presentation to fill, with the layouts for the title slide and the content slides, and its :class:`Page`."""

    def __init__(self, prs, title_layout, content_layout, template: bool = True):
        self.prs = prs
        self.title_layout = title_layout
        self.content_layout = content_layout
        width = prs.slide_width / _EMU_IN
        height = prs.slide_height / _EMU_IN
        title = _title_frame(content_layout)
        if title is not None and not _heading_band(title, width, height):
            title = None  # a layout whose title is not a heading band on the slide: our own frame
        self.relocated = set()  # the placeholders the slides take to Orbit's frames: "title", "cover", "subtitle"
        if template and _title_frame(content_layout) is not None and title is None:
            self.relocated.add("title")
        cover = None
        if template:
            heading = _title_frame(title_layout)
            if heading is None or not _on_slide(heading, width, height, 0.4):
                heading = Frame(width * 0.08, height * 0.3, width * 0.84, height * 0.2)
                self.relocated.add("cover")
            sub = _frame_of(title_layout, {PP_PLACEHOLDER.SUBTITLE})
            if sub is not None and not _on_slide(sub, width, height, 0.3):
                sub = None
                self.relocated.add("subtitle")
            cover = Cover.around(width, height, heading, sub)
        self.page = Page.of(width, height, title, cover)


def _heading_band(f: Frame, width: float, height: float) -> bool:
    """Whether ``f`` is a title band at the top of a ``width`` × ``height`` slide (not a centred or broken one)."""
    return _on_slide(f, width, height, 0.3) and f.bottom <= height * 0.3 and f.width >= width * 0.4


def _on_slide(f: Frame, width: float, height: float, least: float) -> bool:
    """Whether ``f`` lies on the slide and is at least ``least`` inches tall."""
    inside = f.left >= -0.01 and f.top >= -0.01 and f.right <= width + 0.01 and f.bottom <= height + 0.01
    return inside and f.height >= least


def _types(layout) -> list:
    return [ph.placeholder_format.type for ph in layout.placeholders]


def _title_frame(layout) -> Frame | None:
    return _frame_of(layout, _TITLES)


def _frame_of(layout, types) -> Frame | None:
    """Where the layout's first placeholder of one of ``types`` is (inches), if it has one with a position."""
    for ph in layout.placeholders:
        if ph.placeholder_format.type in types and ph.width is not None:
            return Frame(ph.left / _EMU_IN, ph.top / _EMU_IN, ph.width / _EMU_IN, ph.height / _EMU_IN)
    return None


def place(ph, frame: Frame) -> None:
    """Put the placeholder ``ph`` (of a layout or a slide) at ``frame`` (inches)."""
    ph.left, ph.top = Emu(int(frame.left * _EMU_IN)), Emu(int(frame.top * _EMU_IN))
    ph.width, ph.height = Emu(int(frame.width * _EMU_IN)), Emu(int(frame.height * _EMU_IN))


def _pick_layouts(prs):
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    if not layouts:
        return None, None

    def others(layout) -> int:
        return sum(t not in _CHROME and t not in _TITLES for t in _types(layout))

    titled = [lo for lo in layouts if set(_types(lo)) & _TITLES]
    content = min(titled, key=others) if titled else min(layouts, key=lambda lo: len(_types(lo)))
    opening = [lo for lo in titled if PP_PLACEHOLDER.SUBTITLE in _types(lo)]
    centre = [lo for lo in opening if PP_PLACEHOLDER.CENTER_TITLE in _types(lo)]
    title = (centre or opening or [content])[0]
    return title, content


def _drop_slides(prs) -> None:
    ids = prs.slides._sldIdLst
    for sld_id in list(ids.sldId_lst):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)


def _widen(prs, width: int, height: int) -> None:
    """Make python-pptx's 4:3 default 16:9, moving its layouts' placeholders along."""
    fx, fy = width / prs.slide_width, height / prs.slide_height
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    for master in prs.slide_masters:
        for holder in [master, *master.slide_layouts]:
            for shape in holder.placeholders:
                if shape.left is None:
                    continue
                shape.left, shape.width = Emu(int(shape.left * fx)), Emu(int(shape.width * fx))
                shape.top, shape.height = Emu(int(shape.top * fy)), Emu(int(shape.height * fy))


def open_deck(template: str | None = None) -> TemplateDeck:
    """A new 16:9 deck, or ``template`` (a ``.pptx`` path) emptied of its slides.

    Raises
    ------
    OrgError
        Naming the template when it cannot be read as a PowerPoint file or has no slide layouts.
    """
    if template is None:
        prs = Presentation()
        _widen(prs, int(SLIDE_16_9[0] * _EMU_IN), int(SLIDE_16_9[1] * _EMU_IN))
    else:
        if not str(template).lower().endswith(".pptx"):
            raise OrgError(template, None, "a template must be a PowerPoint file (.pptx)")
        try:
            prs = Presentation(template)
        except FileNotFoundError:
            raise OrgError(template, None, "template not found") from None
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
            raise OrgError(template, None, f"cannot read the template as a PowerPoint file ({err})") from None
        except Exception as err:  # python-pptx raises its own errors for damaged packages
            raise OrgError(
                template, None, f"cannot read the template as a PowerPoint file ({type(err).__name__})"
            ) from None
        _drop_slides(prs)
    title, content = _pick_layouts(prs)
    if content is None:
        raise OrgError(template, None, "the template has no slide layouts")
    if template is None:  # python-pptx's own layouts, placed for Orbit's page and title slide
        page = Page.of(*SLIDE_16_9)
        for ph in content.placeholders:
            if ph.placeholder_format.type in _TITLES:
                place(ph, page.title)
                ph.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
        for ph in title.placeholders:
            kind = ph.placeholder_format.type
            if kind in _TITLES:
                place(ph, page.cover.title)
                ph.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
            elif kind == PP_PLACEHOLDER.SUBTITLE:
                place(ph, page.cover.subtitle)
                ph.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    return TemplateDeck(prs, title, content, template is not None)


def template_page(template: str | None) -> Page:
    """The page a story for ``template`` is built on (its slide size and title band; 16:9 without one)."""
    return open_deck(template).page
